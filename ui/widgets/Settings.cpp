#include "ui/widgets/Settings.h"

#include "core/base/Paths.h"

namespace berth {

QSettings berthSettings()
{
    return QSettings(configDir() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
}

} // namespace berth
