#include "core/base/JsonTape.h"

#include <QJsonArray>
#include <QJsonObject>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace berth {

namespace {
    constexpr int kMaxDepth = 1024; // QJsonDocument's nesting limit
    using Type = JsonRef::Type;

    int hexDigit(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    // Where the run of plain bytes from p ends: the first quote, backslash or non-ASCII byte. Control
    // characters count as plain: RFC 8259 wants them escaped, QJsonDocument takes them as they are,
    // and so does Berth. Most of a registry page is such runs, sixteen bytes at a time here.
    const char* plainAsciiEnd(const char* p, const char* end)
    {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        while (end - p >= 16) {
            const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const int special = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)), chunk));
            if (special)
                return p + std::countr_zero(unsigned(special));
            p += 16;
        }
#endif
        while (p != end && static_cast<unsigned char>(*p) < 0x80 && *p != '"' && *p != '\\')
            ++p;
        return p;
    }

    // A double that is a whole number within qint64's range (what QJsonValue keeps as an integer).
    bool isWholeInt64(double d)
    {
        return d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == std::floor(d);
    }

    // The four hex digits after "\u" at p (which the parser has checked).
    char16_t hex4(const char* p)
    {
        return char16_t((hexDigit(p[0]) << 12) | (hexDigit(p[1]) << 8) | (hexDigit(p[2]) << 4) | hexDigit(p[3]));
    }
} // namespace

class JsonTapeParser
{
public:
    JsonTapeParser(JsonTape& tape)
        : m_tape(tape), m_begin(tape.m_bytes.constData()), m_p(m_begin), m_end(m_begin + tape.m_bytes.size())
    {
    }

    Result<void> run()
    {
        if (m_tape.m_bytes.size() >= qsizetype(std::numeric_limits<quint32>::max()))
            return fail("document too large");
        // Room for a node every 8 bytes, made once: registry JSON runs 12-15 bytes a node (a Hub
        // tag page 14.9, a repository page 12.5), and a vector that outgrows its room copies its
        // nodes to new memory (a sixteenth was too little: 420 new pages per 5,000 Hub tags).
        // Room never written costs no memory.
        m_tape.m_nodes.reserve(size_t(m_tape.m_bytes.size() / 8 + 4));
        // A UTF-8 byte order mark first is passed over, as QJsonDocument does (some Windows tools write one).
        if (m_end - m_p > 3 && uchar(m_p[0]) == 0xEF && uchar(m_p[1]) == 0xBB && uchar(m_p[2]) == 0xBF)
            m_p += 3;
        skipSpace();
        if (m_p == m_end || (*m_p != '{' && *m_p != '['))
            return fail("an object or array expected");
        if (!value(0))
            return fail(m_error);
        skipSpace();
        if (m_p != m_end)
            return fail("text after the end of the document");
        return {};
    }

private:
    Result<void> fail(const char* what)
    {
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("not valid JSON: %1 at byte %2")
                                                                 .arg(QLatin1StringView(what))
                                                                 .arg(m_p - m_begin)));
    }
    bool error(const char* what)
    {
        m_error = what;
        return false;
    }

    void skipSpace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    quint32 push(Type type)
    {
        const auto index = quint32(m_tape.m_nodes.size());
        m_tape.m_nodes.push_back({quint32(m_p - m_begin), 0, index + 1, type, false});
        return index;
    }

    bool value(int depth)
    {
        skipSpace();
        if (m_p == m_end)
            return error("a value expected");
        switch (*m_p) {
        case '{':
            return container(depth + 1, Type::Object);
        case '[':
            return container(depth + 1, Type::Array);
        case '"':
            return string(Type::String);
        case 't':
            return literal("true", Type::Bool);
        case 'f':
            return literal("false", Type::Bool);
        case 'n':
            return literal("null", Type::Null);
        default:
            return number();
        }
    }

    // An object or an array from its opening bracket: members (a name, ':', a value) or elements,
    // separated by commas, up to the closing bracket.
    bool container(int depth, Type type)
    {
        if (depth > kMaxDepth)
            return error("nesting too deep");
        const bool object = type == Type::Object;
        const char close = object ? '}' : ']';
        const quint32 index = push(type);
        ++m_p;
        skipSpace();
        quint32 count = 0;
        if (m_p != m_end && *m_p == close) {
            ++m_p;
        } else {
            for (;;) {
                if (object) {
                    skipSpace();
                    if (m_p == m_end || *m_p != '"')
                        return error("a member name expected");
                    if (!string(Type::String))
                        return false;
                    skipSpace();
                    if (m_p == m_end || *m_p != ':')
                        return error("':' expected");
                    ++m_p;
                }
                if (!value(depth))
                    return false;
                ++count;
                skipSpace();
                if (m_p != m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p != m_end && *m_p == close) {
                    ++m_p;
                    break;
                }
                return error(object ? "',' or '}' expected" : "',' or ']' expected");
            }
        }
        JsonTape::Node& node = m_tape.m_nodes[index];
        node.length = count;
        node.next = quint32(m_tape.m_nodes.size());
        return true;
    }

    bool literal(const char* word, Type type)
    {
        const size_t length = std::strlen(word);
        if (size_t(m_end - m_p) < length || std::memcmp(m_p, word, length) != 0)
            return error("a value expected");
        const quint32 index = push(type);
        m_tape.m_nodes[index].length = quint32(length);
        m_p += length;
        return true;
    }

    // Scanned as QJsonDocument scans numbers (an optional sign, digits, a fraction and an
    // exponent, each part possibly empty), then the whole token must read as a finite double.
    bool number()
    {
        const char* start = m_p;
        auto digits = [this] {
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        };
        if (*m_p == '-')
            ++m_p;
        if (m_p != m_end && *m_p == '0')
            ++m_p;
        else
            digits();
        bool integral = true;
        if (m_p != m_end && *m_p == '.') {
            ++m_p;
            integral = false;
            digits();
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            integral = false;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            digits();
        }
        if (m_p == start || (m_p == start + 1 && *start == '-'))
            return error("a value expected");
        qint64 whole = 0;
        if (!integral || std::from_chars(start, m_p, whole).ptr != m_p) {
            double d = 0;
            const auto [end, ec] = std::from_chars(start, m_p, d);
            // Out of range either way (too large, or too small for a double) is refused as Qt refuses it.
            if (ec != std::errc() || end != m_p) {
                m_p = start;
                return error("not a number");
            }
        }
        const auto index = quint32(m_tape.m_nodes.size());
        m_tape.m_nodes.push_back({quint32(start - m_begin), quint32(m_p - start), index + 1, Type::Number, false});
        return true;
    }

    // A string from its opening quote; the node holds what is inside the quotes.
    bool string(Type type)
    {
        ++m_p;
        const quint32 index = push(type);
        bool escaped = false;
        for (;;) {
            m_p = plainAsciiEnd(m_p, m_end);
            if (m_p == m_end)
                return error("unterminated string");
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"')
                break;
            if (c == '\\') {
                escaped = true;
                if (!escape())
                    return false;
            } else if (!utf8Sequence()) {
                return error("invalid UTF-8 in a string");
            }
        }
        JsonTape::Node& node = m_tape.m_nodes[index];
        node.length = quint32(m_p - m_begin) - node.offset;
        node.escaped = escaped;
        ++m_p; // the closing quote
        return true;
    }

    bool escape()
    {
        ++m_p;
        if (m_p == m_end)
            return error("unterminated string");
        switch (*m_p) {
        case 'u':
            ++m_p;
            if (m_end - m_p < 4 || hexDigit(m_p[0]) < 0 || hexDigit(m_p[1]) < 0 || hexDigit(m_p[2]) < 0 || hexDigit(m_p[3]) < 0)
                return error("\\u needs four hex digits");
            m_p += 4;
            return true;
        default:
            // \" \\ \/ \b \f \n \r \t, and any other byte stands for itself as QJsonDocument reads it.
            ++m_p;
            return true;
        }
    }

    // One multi-byte UTF-8 character at m_p: shortest form, no surrogates, at most U+10FFFF.
    bool utf8Sequence()
    {
        const auto* p = reinterpret_cast<const unsigned char*>(m_p);
        const auto left = m_end - m_p;
        auto tail = [&](int i) { return i < left && (p[i] & 0xC0) == 0x80; };
        int length = 0;
        if (p[0] >= 0xC2 && p[0] <= 0xDF) {
            length = 2;
        } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
            length = 3;
            if (!tail(1) || (p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F))
                return false;
        } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
            length = 4;
            if (!tail(1) || (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
                return false;
        } else {
            return false;
        }
        for (int i = 1; i < length; ++i) {
            if (!tail(i))
                return false;
        }
        m_p += length;
        return true;
    }

    JsonTape& m_tape;
    const char* m_begin;
    const char* m_p;
    const char* m_end;
    const char* m_error = "";
};

Result<std::shared_ptr<const JsonTape>> JsonTape::parse(QByteArray bytes)
{
    auto tape = std::make_shared<JsonTape>();
    tape->m_bytes = std::move(bytes);
    JsonTapeParser parser(*tape);
    if (auto parsed = parser.run(); !parsed)
        return std::unexpected(parsed.error());
    return std::shared_ptr<const JsonTape>(std::move(tape));
}

JsonRef::Type JsonRef::type() const
{
    return m_tape ? m_tape->node(m_index).type : Type::Undefined;
}

qsizetype JsonRef::size() const
{
    return isArray() || isObject() ? qsizetype(m_tape->node(m_index).length) : 0;
}

bool JsonRef::keyEquals(QLatin1StringView key) const
{
    const JsonTape::Node& node = m_tape->node(m_index);
    if (node.escaped)
        return decodedString() == key;
    return node.length == quint32(key.size()) && std::memcmp(m_tape->bytes().constData() + node.offset, key.data(), size_t(key.size())) == 0;
}

JsonRef JsonRef::value(QLatin1StringView key) const
{
    if (!isObject())
        return {};
    JsonRef found;
    const quint32 end = m_tape->node(m_index).next;
    const char* bytes = m_tape->bytes().constData();
    const auto length = quint32(key.size());
    for (quint32 k = m_index + 1; k < end; k = m_tape->node(k + 1).next) {
        // Lengths first: most members of a registry item differ from the wanted name in length.
        const JsonTape::Node& name = m_tape->node(k);
        if (name.escaped ? JsonRef(m_tape, k).keyEquals(key)
                         : name.length == length && std::memcmp(bytes + name.offset, key.data(), length) == 0)
            found = JsonRef(m_tape, k + 1);
    }
    return found;
}

void JsonRef::valuesInto(const QLatin1StringView* keys, JsonRef* found, size_t count) const
{
    if (!isObject())
        return;
    const quint32 end = m_tape->node(m_index).next;
    const char* bytes = m_tape->bytes().constData();
    for (quint32 k = m_index + 1; k < end; k = m_tape->node(k + 1).next) {
        const JsonTape::Node& name = m_tape->node(k);
        for (size_t i = 0; i < count; ++i) {
            const auto length = quint32(keys[i].size());
            if (name.escaped ? JsonRef(m_tape, k).keyEquals(keys[i])
                             : name.length == length && std::memcmp(bytes + name.offset, keys[i].data(), length) == 0) {
                found[i] = JsonRef(m_tape, k + 1);
                break; // the keys differ from each other
            }
        }
    }
}

QByteArrayView JsonRef::plainBytes() const
{
    if (!isString())
        return {};
    const JsonTape::Node& node = m_tape->node(m_index);
    if (node.escaped)
        return {};
    return QByteArrayView(m_tape->bytes().constData() + node.offset, qsizetype(node.length));
}

QString JsonRef::toString(const QString& fallback) const
{
    if (!isString())
        return fallback;
    const JsonTape::Node& node = m_tape->node(m_index);
    if (node.escaped)
        return decodedString();
    return QString::fromUtf8(m_tape->bytes().constData() + node.offset, qsizetype(node.length));
}

QString JsonRef::decodedString() const
{
    const JsonTape::Node& node = m_tape->node(m_index);
    const char* p = m_tape->bytes().constData() + node.offset;
    const char* end = p + node.length;
    QString text;
    text.reserve(qsizetype(node.length));
    while (p != end) {
        const char* run = p;
        while (p != end && *p != '\\')
            ++p;
        if (p != run)
            text += QString::fromUtf8(run, p - run);
        if (p == end)
            break;
        ++p; // the backslash; the parser checked what follows
        switch (*p) {
        case 'b':
            text += QChar(u'\b');
            break;
        case 'f':
            text += QChar(u'\f');
            break;
        case 'n':
            text += QChar(u'\n');
            break;
        case 'r':
            text += QChar(u'\r');
            break;
        case 't':
            text += QChar(u'\t');
            break;
        case 'u':
            text += QChar(hex4(p + 1));
            p += 4;
            break;
        default: // " \ / and any other byte, as itself (see JsonTapeParser::escape)
            text += QLatin1Char(*p);
            break;
        }
        ++p;
    }
    return text;
}

qint64 JsonRef::toInteger(qint64 fallback) const
{
    return wholeNumber().value_or(fallback);
}

std::optional<qint64> JsonRef::wholeNumber() const
{
    if (!isNumber())
        return std::nullopt;
    const JsonTape::Node& node = m_tape->node(m_index);
    const char* p = m_tape->bytes().constData() + node.offset;
    qint64 whole = 0;
    const auto [end, ec] = std::from_chars(p, p + node.length, whole);
    if (ec == std::errc() && end == p + node.length)
        return whole;
    const double d = toDouble();
    return isWholeInt64(d) ? std::optional<qint64>(qint64(d)) : std::nullopt;
}

double JsonRef::toDouble(double fallback) const
{
    if (!isNumber())
        return fallback;
    const JsonTape::Node& node = m_tape->node(m_index);
    const char* p = m_tape->bytes().constData() + node.offset;
    double d = 0;
    std::from_chars(p, p + node.length, d);
    return d;
}

bool JsonRef::toBool(bool fallback) const
{
    if (!isBool())
        return fallback;
    return m_tape->node(m_index).length == 4; // "true"; "false" has five letters
}

QJsonValue JsonRef::toQJsonValue() const
{
    switch (type()) {
    case Type::Undefined:
        return QJsonValue(QJsonValue::Undefined);
    case Type::Null:
        return QJsonValue(QJsonValue::Null);
    case Type::Bool:
        return toBool();
    case Type::Number: {
        // Whole numbers that fit become integers, as QJsonDocument stores them ("1e3" too).
        if (const auto whole = wholeNumber())
            return *whole;
        return toDouble();
    }
    case Type::String:
        return toString();
    case Type::Array: {
        QJsonArray array;
        for (const JsonRef element : *this)
            array.append(element.toQJsonValue());
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        forEachMember([&object](const QString& key, const JsonRef& member) { object.insert(key, member.toQJsonValue()); });
        return object;
    }
    }
    return {};
}

JsonRef::ElementIterator& JsonRef::ElementIterator::operator++()
{
    m_index = m_tape->node(m_index).next;
    return *this;
}

JsonRef::ElementIterator JsonRef::begin() const
{
    return isArray() ? ElementIterator(m_tape, m_index + 1) : end();
}

JsonRef::ElementIterator JsonRef::end() const
{
    return isArray() ? ElementIterator(m_tape, m_tape->node(m_index).next) : ElementIterator(m_tape, m_index);
}

} // namespace berth
