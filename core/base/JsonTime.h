#pragma once

#include "core/base/JsonTape.h"

#include <QDateTime>

namespace berth {

// A JSON string holding a time. The one shape registries' APIs and Berth's own summaries write,
// "2026-04-21T05:14:48.231504Z" (no fraction, or any number of its digits), is read by hand to the
// nearest millisecond: thousands are read per listing, where Qt's general ISO parser showed in the
// profile. Any other text goes to that parser; anything not a string is an invalid time.
QDateTime jsonTime(const JsonRef& value);

} // namespace berth
