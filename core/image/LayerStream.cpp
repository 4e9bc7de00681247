#include "core/image/LayerStream.h"

namespace berth {

LayerStream::LayerStream(qint64 capacity)
    : m_capacity(capacity)
{
}

bool LayerStream::ready()
{
    std::unique_lock lock(m_mutex);
    const bool room = m_readerDone || m_queued < m_capacity;
    if (!room)
        m_waiting = true;
    return room;
}

bool LayerStream::push(QByteArrayView data)
{
    std::unique_lock lock(m_mutex);
    if (m_readerDone)
        return !m_readerFailed;
    m_chunks.emplace_back(data.data(), data.size());
    m_queued += data.size();
    m_arrived.notify_one();
    return true;
}

void LayerStream::finish(bool complete)
{
    std::unique_lock lock(m_mutex);
    m_finished = true;
    m_complete = complete;
    m_arrived.notify_all();
}

qint64 LayerStream::read(const void** buffer)
{
    std::function<void()> notify;
    {
        std::unique_lock lock(m_mutex);
        m_arrived.wait(lock, [this] { return !m_chunks.empty() || m_finished; });
        if (m_chunks.empty())
            return m_complete ? 0 : -1;
        m_current = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_queued -= m_current.size();
        // Resume the download once a quarter is left, not at every chunk.
        if (m_waiting && m_queued <= m_capacity / 4) {
            m_waiting = false;
            notify = m_onRoom;
        }
    }
    if (notify)
        notify();
    *buffer = m_current.constData();
    return m_current.size();
}

void LayerStream::close(bool failed)
{
    std::function<void()> notify;
    {
        std::unique_lock lock(m_mutex);
        m_readerDone = true;
        m_readerFailed = failed;
        m_chunks.clear();
        m_queued = 0;
        if (m_waiting) {
            m_waiting = false;
            notify = m_onRoom;
        }
    }
    if (notify)
        notify();
}

} // namespace berth
