#include "core/auth/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

namespace berth {
namespace {

    struct LoadedStore
    {
        SecretStore* store = nullptr;
        QString why;
    };

    // Where the module is: beside the installed programs (BERTH_MODULE_DIR_FROM_BIN, relative to
    // the program's directory), or in the build tree for programs that run from it (tests, the
    // launchers of packaging/dev.sh install). A build tree path is never searched by a program
    // that lives elsewhere.
    QStringList moduleDirs()
    {
        const QString programDir = QCoreApplication::applicationDirPath();
        QStringList dirs{QDir::cleanPath(programDir + QLatin1Char('/') + QStringLiteral(BERTH_MODULE_DIR_FROM_BIN))};
        const QString buildDir = QStringLiteral(BERTH_BUILD_DIR);
        if (!programDir.isEmpty() && (programDir == buildDir || programDir.startsWith(buildDir + QLatin1Char('/'))))
            dirs << QStringLiteral(BERTH_BUILD_MODULE_DIR);
        return dirs;
    }

    LoadedStore load()
    {
        const QString name = QStringLiteral("libberth_keychain.so");
        QStringList tried;
        for (const QString& dir : moduleDirs()) {
            const QString path = dir + QLatin1Char('/') + name;
            if (!QFileInfo::exists(path)) {
                tried << path;
                continue;
            }
            // Kept loaded for the life of the process: the store and its jobs live in it.
            auto* library = new QLibrary(path);
            using Create = SecretStore* (*)(const QString*);
            const auto create = reinterpret_cast<Create>(library->resolve("berth_create_secret_store"));
            if (!create) {
                const QString why = QStringLiteral("Berth's keychain module %1 cannot be loaded: %2").arg(path, library->errorString());
                delete library;
                return {nullptr, why};
            }
            const QString service = QStringLiteral("berth"); // the keychain entries' service name, as ever
            return {create(&service), {}};
        }
        return {nullptr, QStringLiteral("Berth's keychain module is missing (looked for %1); reinstall Berth").arg(tried.join(QStringLiteral(", ")))};
    }

} // namespace

SecretStore* systemSecretStore(QString* why)
{
    static const LoadedStore loaded = load();
    if (!loaded.store && why)
        *why = loaded.why;
    return loaded.store;
}

} // namespace berth
