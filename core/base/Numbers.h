#pragma once

#include <QDateTime>
#include <QTimeZone>
#include <QtGlobal>
#include <optional>

namespace berth {

// Numbers from outside (JSON answers, files, what the user types) into integers and times.
// Converting a double that an integer cannot hold (or NaN) is undefined behaviour in C++, and a
// server may send any number: these say "no value" instead.

// The double truncated toward zero, when a qint64 holds it.
inline std::optional<qint64> toInt64(double value)
{
    if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0)) // false for NaN too
        return std::nullopt;
    return qint64(value);
}

// The time `seconds` (with a fraction) after the epoch, UTC; invalid when out of range.
inline QDateTime fromEpochSeconds(double seconds)
{
    const std::optional<qint64> msecs = toInt64(seconds * 1000);
    return msecs ? QDateTime::fromMSecsSinceEpoch(*msecs, QTimeZone::UTC) : QDateTime();
}

} // namespace berth
