#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace berth::ctl {

// Writes JSON text straight into a buffer, indented as QJsonDocument::Indented writes it. For
// output of thousands of rows (a tag list with dates), where building QJsonObjects first and
// serialising them costs more than fetching the rows did.
class JsonWriter
{
public:
    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // A member name inside an object; the value follows with one of the calls below.
    void key(QStringView name);
    void value(QStringView text);
    void value(qint64 number);
    void null();
    // An ISO 8601 UTC time to the millisecond ("2026-04-21T05:14:48.231Z"), or null when invalid.
    void value(const QDateTime& when);
    void value(const QStringList& strings);

    const QByteArray& text() const { return m_out; }

private:
    void open(char bracket);
    void close(char bracket);
    void beforeValue();
    void newline();
    void quoted(QStringView text);

    QByteArray m_out;
    int m_depth = 0;
    bool m_first = true; // no member or element yet at this depth
    bool m_afterKey = false;
};

} // namespace berth::ctl
