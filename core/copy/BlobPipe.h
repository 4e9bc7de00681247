#pragma once

#include "core/net/HttpMessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QPointer>
#include <deque>
#include <functional>
#include <memory>

namespace berth {

// One blob on its way from a source registry to a destination, on the event loop's thread: the
// download's sink pushes, the upload's body source reads, at most `capacity` bytes in between.
// A full pipe holds the download back; an empty one holds the upload back; each is resumed
// (queued, never from inside the other transfer's callback) when the other side moves.
class BlobPipe
{
public:
    BlobPipe(qint64 capacity, QObject* context);

    std::shared_ptr<FlowControl> downloadFlow() const { return m_download; }
    std::shared_ptr<FlowControl> uploadFlow() const { return m_upload; }

    bool push(QByteArrayView data); // the download's sink; false once the upload gave up
    void finish(bool complete); // the download ended: all bytes (true) or failed
    qint64 read(char* buffer, qint64 max); // the upload's body source (HttpRequest::bodySource)
    void abandon(); // the upload ended early: stop the download too

private:
    void resume(const std::shared_ptr<FlowControl>& flow);

    QPointer<QObject> m_context;
    std::deque<QByteArray> m_chunks;
    qsizetype m_offset = 0; // into the front chunk
    qint64 m_queued = 0;
    const qint64 m_capacity;
    bool m_finished = false;
    bool m_complete = false;
    bool m_abandoned = false;
    bool m_downloadWaiting = false;
    bool m_uploadWaiting = false;
    std::shared_ptr<FlowControl> m_download;
    std::shared_ptr<FlowControl> m_upload;
};

} // namespace berth
