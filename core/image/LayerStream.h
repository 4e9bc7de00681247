#pragma once

#include "core/image/LayerListing.h"

#include <QByteArray>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace berth {

// A layer's bytes handed from the download (the network's thread) to libarchive (the listing's
// thread) as they arrive, with at most `capacity` bytes waiting: when full, ready() says so and
// the download is held back (FlowControl) until the reader has made room. No temporary file.
class LayerStream final : public LayerByteSource
{
public:
    explicit LayerStream(qint64 capacity);

    // The download's side.
    bool ready(); // room for more (remembers that the download waits when there is none)
    // False once the reader failed: the download can stop. After the reader finished normally,
    // the rest is taken and dropped, so that the download still checks the whole digest.
    bool push(QByteArrayView data);
    void finish(bool complete); // no more bytes: the whole blob (true) or a failed download
    // Called on the reader's thread when room appears while the download waits.
    void setOnRoom(std::function<void()> onRoom) { m_onRoom = std::move(onRoom); }

    // The reader's side.
    qint64 read(const void** buffer) override;
    void close(bool failed); // the reader is done

private:
    // The standard library's rather than Qt's: ThreadSanitizer sees these (Debian's Qt is not
    // built with it, so it cannot tell when a QMutex is released).
    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::deque<QByteArray> m_chunks;
    QByteArray m_current; // the chunk libarchive is reading
    qint64 m_queued = 0;
    const qint64 m_capacity;
    bool m_waiting = false; // the download was told there is no room
    bool m_finished = false;
    bool m_complete = false;
    bool m_readerDone = false;
    bool m_readerFailed = false;
    std::function<void()> m_onRoom;
};

} // namespace berth
