#include "core/base/Paths.h"

#include <QDir>
#include <QStandardPaths>

namespace berth {

static QString ensured(const QString& dir)
{
    QDir().mkpath(dir);
    return dir;
}

QString configDir()
{
    const QString overridden = qEnvironmentVariable("BERTH_CONFIG_DIR");
    if (!overridden.isEmpty())
        return ensured(overridden);
    return ensured(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/berth"));
}

QString cacheDir()
{
    const QString overridden = qEnvironmentVariable("BERTH_CACHE_DIR");
    if (!overridden.isEmpty())
        return ensured(overridden);
    return ensured(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/berth"));
}

} // namespace berth
