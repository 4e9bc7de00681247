#include "Settings.h"

#include "Paths.h"

namespace berth {

QSettings berthSettings()
{
    return QSettings(configDir() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
}

} // namespace berth
