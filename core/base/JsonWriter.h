#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <cstdio>

namespace berth {

// Writes JSON text straight into a buffer, indented as QJsonDocument::Indented writes it, or
// compact as QJsonDocument::Compact does. For output of thousands of rows (a tag list with dates,
// the summaries a history keeps), where building QJsonObjects first and serialising them costs more
// than fetching the rows did.
class JsonWriter
{
public:
    enum class Layout { Indented, Compact };
    explicit JsonWriter(Layout layout = Layout::Indented)
        : m_compact(layout == Layout::Compact)
    {
    }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // A member name inside an object; the value follows with one of the calls below.
    void key(QStringView name);
    // A member whole: its name and its value.
    template<typename T>
    void member(QStringView name, const T& v)
    {
        key(name);
        value(v);
    }
    void value(QStringView text);
    void value(qint64 number);
    void value(bool truth);
    void null();
    // An ISO 8601 UTC time to the millisecond ("2026-04-21T05:14:48.231Z"), or null when invalid.
    void value(const QDateTime& when);
    // The same to the second ("2026-04-21T05:14:48Z", as Qt::ISODate writes it), or "" when invalid.
    void seconds(const QDateTime& when);
    void value(const QStringList& strings);

    // Elements written apart, each where the caller wants it: a writer made with apart(depth)
    // writes elements for an array at `depth` of another writer, with no comma between them;
    // element() places one (its text from one beforeElement() to the next) in this writer's open array.
    static JsonWriter apart(int depth);
    void beforeElement() { m_first = true; }
    void element(QByteArrayView written);

    QByteArrayView text() const { return QByteArrayView(m_out.constData(), m_size); }
    // The text as a QByteArray of its own (the buffer cut to the text, not copied).
    QByteArray take() &&;
    qsizetype size() const { return m_size; }
    // Room for `bytes` more text, made at once: for a long list whose size is known after its
    // first part (growing 1.3 MB of tag details by doubling cost 7 ms of a 79 ms tag listing).
    void makeRoom(qsizetype bytes) { reserve(bytes); }
    // Writes what is there to `file` and starts again from an empty buffer, so that a long list
    // streams out in pieces instead of being held whole.
    void flushTo(std::FILE* file);
    // flushTo once the text passes 64 KiB: for writers of long lists, one small buffer reused
    // (a whole second copy of 5,000 rows was 2 MB of new pages, a third of a run's time after its last page).
    void flushWhenFull(std::FILE* file)
    {
        if (m_size > 64 * 1024)
            flushTo(file);
    }

private:
    void open(char bracket);
    void close(char bracket);
    void beforeValue();
    void newline();
    void quoted(QStringView text);
    // Room for `bytes` more after the text; where to write them. The buffer grows by doubling and
    // the text's end is kept apart, so that a row costs no resize or insert calls into Qt.
    char* reserve(qsizetype bytes);
    void append(char c) { *reserve(1) = c, ++m_size; }
    void append(const char* bytes, qsizetype count);
    void date(const QDateTime& when, bool withMilliseconds);

    QByteArray m_out; // capacity; the text is its first m_size bytes
    qsizetype m_size = 0;
    int m_depth = 0;
    bool m_first = true; // no member or element yet at this depth
    bool m_afterKey = false;
    bool m_compact = false; // no newlines, no indent, no space after a key's colon
};

} // namespace berth
