#include "JsonWriter.h"


namespace berth::ctl {

void JsonWriter::newline()
{
    m_out += '\n';
    m_out.append(qsizetype(m_depth) * 4, ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth > 0) {
        if (!m_first)
            m_out += ',';
        newline();
    }
    m_first = false;
}

void JsonWriter::open(char bracket)
{
    beforeValue();
    m_out += bracket;
    ++m_depth;
    m_first = true;
}

void JsonWriter::close(char bracket)
{
    --m_depth;
    newline(); // also for an empty container, as Qt writes it
    m_out += bracket;
    m_first = false;
    if (m_depth == 0)
        m_out += '\n';
}

void JsonWriter::quoted(QStringView text)
{
    // Written into the buffer directly (UTF-8 encoded here): at most six bytes per UTF-16 unit.
    const qsizetype start = m_out.size();
    m_out.resize(start + text.size() * 6 + 2);
    char* out = m_out.data() + start;
    *out++ = '"';
    static const char hex[] = "0123456789abcdef";
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char32_t c = text[i].unicode();
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            *out++ = char(c);
        } else if (c < 0x80) {
            *out++ = '\\';
            switch (c) {
            case '"': *out++ = '"'; break;
            case '\\': *out++ = '\\'; break;
            case '\n': *out++ = 'n'; break;
            case '\r': *out++ = 'r'; break;
            case '\t': *out++ = 't'; break;
            case '\b': *out++ = 'b'; break;
            case '\f': *out++ = 'f'; break;
            default:
                *out++ = 'u';
                *out++ = '0';
                *out++ = '0';
                *out++ = hex[c >> 4];
                *out++ = hex[c & 0xf];
            }
        } else if (c < 0x800) {
            *out++ = char(0xc0 | (c >> 6));
            *out++ = char(0x80 | (c & 0x3f));
        } else {
            char32_t point = c;
            if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
                point = QChar::surrogateToUcs4(text[i], text[i + 1]);
                ++i;
            } else if (QChar::isSurrogate(c))
                point = 0xfffd; // a lone half of a pair: the replacement character, as Qt's encoder writes it
            if (point >= 0x10000) {
                *out++ = char(0xf0 | (point >> 18));
                *out++ = char(0x80 | ((point >> 12) & 0x3f));
            } else {
                *out++ = char(0xe0 | (point >> 12));
            }
            *out++ = char(0x80 | ((point >> 6) & 0x3f));
            *out++ = char(0x80 | (point & 0x3f));
        }
    }
    *out++ = '"';
    m_out.truncate(out - m_out.constData());
}

void JsonWriter::key(QStringView name)
{
    beforeValue();
    quoted(name);
    m_out += ": ";
    m_afterKey = true;
}

void JsonWriter::value(QStringView text)
{
    beforeValue();
    quoted(text);
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    m_out += QByteArray::number(number);
}

void JsonWriter::null()
{
    beforeValue();
    m_out += "null";
}

void JsonWriter::value(const QStringList& strings)
{
    beginArray();
    for (const QString& s : strings)
        value(QStringView(s));
    endArray();
}

void JsonWriter::value(const QDateTime& when)
{
    if (!when.isValid()) {
        null();
        return;
    }
    beforeValue();
    // Days since 1970 to a civil date (Howard Hinnant's algorithm): thousands of dates per
    // listing, where QDateTime::toString is the slow part.
    const qint64 ms = when.toMSecsSinceEpoch();
    qint64 days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    const qint64 msOfDay = ms - days * 86400000;
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char buffer[27] = "\"0000-00-00T00:00:00.000Z\"";
    auto digits = [&buffer](int at, qint64 number, int width) {
        for (int i = width - 1; i >= 0; --i, number /= 10)
            buffer[at + i] = char('0' + number % 10);
    };
    if (year < 0 || year > 9999) { // outside what four digits say: Qt's own text
        m_out += '"' + when.toUTC().toString(Qt::ISODateWithMs).toUtf8() + '"';
        return;
    }
    digits(1, year, 4);
    digits(6, month, 2);
    digits(9, day, 2);
    digits(12, msOfDay / 3600000, 2);
    digits(15, msOfDay / 60000 % 60, 2);
    digits(18, msOfDay / 1000 % 60, 2);
    digits(21, msOfDay % 1000, 3);
    m_out.append(buffer, 26);
}

} // namespace berth::ctl
