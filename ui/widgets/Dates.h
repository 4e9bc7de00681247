#pragma once

#include <QDateTime>
#include <QString>

namespace berth {

// A date and time in tables and lists, the same in every language: "2026-02-02 09:30:00", local
// time. Locale short formats drop the century and the seconds ("26. 2. 2. 오전 9:30"), which reads
// ambiguously and hides how two builds minutes apart differ.
QString displayDateTime(const QDateTime& when);

} // namespace berth
