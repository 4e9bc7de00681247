#pragma once

#include <QString>
#include <optional>

namespace berth {

// "2592000s", "30d", "12h", "90m" (Artifact Registry's durations; fractions allowed) in seconds;
// nullopt when malformed.
std::optional<qint64> parseDuration(const QString& text);

} // namespace berth
