#pragma once

#include "core/base/Error.h"

#include <QByteArray>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QString>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace berth {

class JsonTape;

// One value inside a JsonTape: a position, cheap to copy, valid while its tape lives. Reads as
// QJsonValue does: a missing member or a value of another type gives the fallback.
class JsonRef
{
public:
    enum class Type : quint8 { Undefined, Null, Bool, Number, String, Array, Object };

    JsonRef() = default;

    Type type() const;
    bool isUndefined() const { return type() == Type::Undefined; }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    // An object's member (the last one of that name, as QJsonObject keeps it); Undefined if absent.
    JsonRef value(QLatin1StringView key) const;
    // Several members in one pass over the object: found[i] is keys[i]'s value (Undefined if absent).
    // For readers of many fields per item, where a value() per field would scan the object each time.
    template<size_t N>
    std::array<JsonRef, N> values(const std::array<QLatin1StringView, N>& keys) const
    {
        std::array<JsonRef, N> found;
        valuesInto(keys.data(), found.data(), N);
        return found;
    }
    // Elements of an array, members of an object; 0 for anything else.
    qsizetype size() const;

    QString toString(const QString& fallback = {}) const;
    // A string's bytes as they stand in the document when it has no escapes (no copy, valid while
    // the tape lives); empty for escaped strings and other types, which toString() reads.
    QByteArrayView plainBytes() const;
    // Integers as written when they fit in 64 bits; a whole double otherwise; else the fallback.
    qint64 toInteger(qint64 fallback = 0) const;
    double toDouble(double fallback = 0) const;
    bool toBool(bool fallback = false) const;
    // The same value in Qt's JSON types (for code that keeps a document, and for the tests).
    QJsonValue toQJsonValue() const;

    // An array's elements in order (nothing for other types).
    class ElementIterator
    {
    public:
        JsonRef operator*() const { return JsonRef(m_tape, m_index); }
        ElementIterator& operator++();
        bool operator!=(const ElementIterator& other) const { return m_index != other.m_index; }

    private:
        friend class JsonRef;
        ElementIterator(const JsonTape* tape, quint32 index)
            : m_tape(tape), m_index(index)
        {
        }
        const JsonTape* m_tape;
        quint32 m_index;
    };
    ElementIterator begin() const;
    ElementIterator end() const;

    // Calls f(key, value) for each member of an object, in document order.
    template<typename F>
    void forEachMember(F f) const;

private:
    friend class JsonTape;
    JsonRef(const JsonTape* tape, quint32 index)
        : m_tape(tape), m_index(index)
    {
    }
    QString decodedString() const;
    // The number as written when it fits in 64 bits, or a whole double that fits (toInteger's rule).
    std::optional<qint64> wholeNumber() const;
    bool keyEquals(QLatin1StringView key) const;
    void valuesInto(const QLatin1StringView* keys, JsonRef* found, size_t count) const;

    const JsonTape* m_tape = nullptr;
    quint32 m_index = 0;
};

// A JSON document read once into a flat list of nodes that point into its bytes. Values are
// converted only where they are read: a registry page of a hundred items with twenty fields each,
// of which Berth reads five, costs a scan of the bytes, not a tree of QJsonValues (QJsonDocument
// spent half of a Hub listing's instructions building one).
// Strict RFC 8259 as QJsonDocument reads it: an object or array at the top, valid UTF-8,
// nesting to 1,024 levels; the fuzz target json_tape checks it against QJsonDocument.
class JsonTape
{
public:
    static Result<std::shared_ptr<const JsonTape>> parse(QByteArray bytes);

    JsonRef root() const { return JsonRef(this, 0); }
    const QByteArray& bytes() const { return m_bytes; }

    struct Node
    {
        quint32 offset = 0; // first byte of the token (inside the quotes for strings)
        quint32 length = 0; // bytes of a scalar; elements or members of a container
        quint32 next = 0; // the index after this node's subtree
        JsonRef::Type type = JsonRef::Type::Undefined;
        bool escaped = false; // a string with backslash escapes (decoded slowly)
    };
    const Node& node(quint32 index) const { return m_nodes[index]; }

private:
    friend class JsonTapeParser;
    QByteArray m_bytes;
    std::vector<Node> m_nodes;
};

template<typename F>
void JsonRef::forEachMember(F f) const
{
    if (!isObject())
        return;
    const quint32 end = m_tape->node(m_index).next;
    for (quint32 key = m_index + 1; key < end; key = m_tape->node(key + 1).next)
        f(JsonRef(m_tape, key).toString(), JsonRef(m_tape, key + 1));
}

} // namespace berth
