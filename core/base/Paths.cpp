#include "core/base/Paths.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace berth {

// Berth's directories hold its user's logins, caches of private images and history: theirs alone,
// also when an older Berth (or another tool) made them readable by others.
static QString ensured(const QString& dir)
{
    QDir().mkpath(dir);
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
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
