#include "core/copy/BlobPipe.h"

#include "core/net/HttpMessage.h"

#include <cstring>

namespace berth {

BlobPipe::BlobPipe(qint64 capacity, QObject* context)
    : m_context(context)
    , m_capacity(capacity)
    , m_download(std::make_shared<FlowControl>())
    , m_upload(std::make_shared<FlowControl>())
{
    // The download may deliver while there is room (or once the upload gave up: it then only
    // finishes the digest check). The upload's side pauses itself through kBodyWait.
    m_download->ready = [this] {
        const bool room = m_abandoned || m_queued < m_capacity;
        if (!room)
            m_downloadWaiting = true;
        return room;
    };
}

void BlobPipe::resume(const std::shared_ptr<FlowControl>& flow)
{
    FlowControl::resumeLater(m_context, flow);
}

bool BlobPipe::push(QByteArrayView data)
{
    if (m_abandoned)
        return false;
    m_chunks.emplace_back(data.data(), data.size());
    m_queued += data.size();
    if (m_uploadWaiting) {
        m_uploadWaiting = false;
        resume(m_upload);
    }
    return true;
}

void BlobPipe::finish(bool complete)
{
    m_finished = true;
    m_complete = complete;
    if (m_uploadWaiting) {
        m_uploadWaiting = false;
        resume(m_upload);
    }
}

qint64 BlobPipe::read(char* buffer, qint64 max)
{
    qint64 copied = 0;
    while (copied < max && !m_chunks.empty()) {
        const QByteArray& front = m_chunks.front();
        const qint64 n = qMin(max - copied, qint64(front.size() - m_offset));
        std::memcpy(buffer + copied, front.constData() + m_offset, size_t(n));
        copied += n;
        m_offset += qsizetype(n);
        if (m_offset == front.size()) {
            m_chunks.pop_front();
            m_offset = 0;
        }
    }
    m_queued -= copied;
    if (m_downloadWaiting && m_queued <= m_capacity / 4) {
        m_downloadWaiting = false;
        resume(m_download);
    }
    if (copied > 0)
        return copied;
    if (m_finished)
        return m_complete ? 0 : -1; // a failed download must not complete the upload
    m_uploadWaiting = true;
    return HttpRequest::kBodyWait;
}

void BlobPipe::abandon()
{
    m_abandoned = true;
    m_chunks.clear();
    m_queued = 0;
    if (m_downloadWaiting) {
        m_downloadWaiting = false;
        resume(m_download);
    }
}

} // namespace berth
