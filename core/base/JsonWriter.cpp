#include "core/base/JsonWriter.h"

#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif


namespace berth {

char* JsonWriter::reserve(qsizetype bytes)
{
    if (m_size + bytes > m_out.size())
        m_out.resize(qMax(m_size + bytes, 2 * m_out.size() + 4096));
    return m_out.data() + m_size;
}

void JsonWriter::append(const char* bytes, qsizetype count)
{
    std::memcpy(reserve(count), bytes, size_t(count));
    m_size += count;
}

void JsonWriter::newline()
{
    if (m_compact)
        return;
    const qsizetype indent = qsizetype(m_depth) * 4;
    char* out = reserve(1 + indent);
    *out = '\n';
    std::memset(out + 1, ' ', size_t(indent));
    m_size += 1 + indent;
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth > 0) {
        if (!m_first)
            append(',');
        newline();
    }
    m_first = false;
}

void JsonWriter::open(char bracket)
{
    beforeValue();
    append(bracket);
    ++m_depth;
    m_first = true;
}

void JsonWriter::close(char bracket)
{
    --m_depth;
    newline(); // also for an empty container, as Qt writes it
    append(bracket);
    m_first = false;
    if (m_depth == 0 && !m_compact)
        append('\n');
}

void JsonWriter::quoted(QStringView text)
{
    // Written into the buffer directly (UTF-8 encoded here): at most six bytes per UTF-16 unit.
    char* const start = reserve(text.size() * 6 + 2);
    char* out = start;
    *out++ = '"';
    static const char hex[] = "0123456789abcdef";
    qsizetype i = 0;
#if defined(__SSE2__)
    // Eight UTF-16 units at a time while they are plain ASCII (names, digests, dates): narrowed
    // to bytes as they are. Anything else goes through the loop below.
    const __m128i space = _mm_set1_epi16(0x20);
    const __m128i del = _mm_set1_epi16(0x7f);
    const __m128i quote = _mm_set1_epi16('"');
    const __m128i backslash = _mm_set1_epi16('\\');
    const auto* units = reinterpret_cast<const char16_t*>(text.utf16());
    while (text.size() - i >= 8) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(units + i));
        // Signed compares are right here: units of 0x8000 and above count as "not plain" either way.
        const __m128i outside = _mm_or_si128(_mm_cmplt_epi16(chunk, space), _mm_cmpgt_epi16(chunk, del));
        const __m128i special = _mm_or_si128(_mm_cmpeq_epi16(chunk, quote), _mm_cmpeq_epi16(chunk, backslash));
        if (_mm_movemask_epi8(_mm_or_si128(outside, special)) != 0)
            break;
        _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm_packus_epi16(chunk, chunk));
        out += 8;
        i += 8;
    }
#endif
    for (; i < text.size(); ++i) {
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
    m_size += out - start;
}

void JsonWriter::key(QStringView name)
{
    beforeValue();
    quoted(name);
    append(": ", m_compact ? 1 : 2);
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
    const QByteArray digits = QByteArray::number(number);
    append(digits.constData(), digits.size());
}

void JsonWriter::value(bool truth)
{
    beforeValue();
    truth ? append("true", 4) : append("false", 5);
}

void JsonWriter::null()
{
    beforeValue();
    append("null", 4);
}

void JsonWriter::value(const QStringList& strings)
{
    beginArray();
    for (const QString& s : strings)
        value(QStringView(s));
    endArray();
}

QByteArray JsonWriter::take() &&
{
    m_out.truncate(m_size);
    return std::move(m_out);
}

JsonWriter JsonWriter::apart(int depth)
{
    JsonWriter writer;
    writer.m_depth = depth;
    return writer;
}

void JsonWriter::element(QByteArrayView written)
{
    // The element's text starts with its own newline and indent; the comma is this writer's.
    if (!m_first)
        append(',');
    append(written.constData(), written.size());
    m_first = false;
}

void JsonWriter::flushTo(std::FILE* file)
{
    std::fwrite(m_out.constData(), 1, size_t(m_size), file);
    m_size = 0;
}

void JsonWriter::value(const QDateTime& when)
{
    if (!when.isValid()) {
        null();
        return;
    }
    date(when, true);
}

void JsonWriter::seconds(const QDateTime& when)
{
    if (!when.isValid()) {
        value(QStringView());
        return;
    }
    date(when, false);
}

void JsonWriter::date(const QDateTime& when, bool withMilliseconds)
{
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
        const QByteArray text = '"' + when.toUTC().toString(withMilliseconds ? Qt::ISODateWithMs : Qt::ISODate).toUtf8() + '"';
        append(text.constData(), text.size());
        return;
    }
    digits(1, year, 4);
    digits(6, month, 2);
    digits(9, day, 2);
    digits(12, msOfDay / 3600000, 2);
    digits(15, msOfDay / 60000 % 60, 2);
    digits(18, msOfDay / 1000 % 60, 2);
    if (!withMilliseconds) {
        buffer[20] = 'Z';
        buffer[21] = '"';
        append(buffer, 22);
        return;
    }
    digits(21, msOfDay % 1000, 3);
    append(buffer, 26);
}

} // namespace berth
