#pragma once

#include <QSettings>

namespace berth {

// Berth's remembered layout and choices: berth.ini in the configuration directory.
QSettings berthSettings();

} // namespace berth
