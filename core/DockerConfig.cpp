#include "DockerConfig.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QUrl>

namespace berth {
namespace {

    QJsonObject readJson(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    QString hostOfKey(const QString& key)
    {
        if (!key.contains(QLatin1String("://")))
            return key.section(QLatin1Char('/'), 0, 0);
        const QUrl url(key);
        return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
    }

} // namespace

QStringList authKeysFor(const QString& registry)
{
    if (registry == u"docker.io" || registry == u"index.docker.io" || registry == u"registry-1.docker.io")
        return {QStringLiteral("https://index.docker.io/v1/"), QStringLiteral("index.docker.io"),
                QStringLiteral("docker.io"), QStringLiteral("registry-1.docker.io")};
    return {registry, QStringLiteral("https://") + registry, QStringLiteral("http://") + registry,
            QStringLiteral("https://") + registry + QStringLiteral("/v1/")};
}

QStringList DockerConfigCredentials::defaultFiles()
{
    QStringList files;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        files << runtime + QStringLiteral("/containers/auth.json");
    const QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME", QDir::homePath() + QStringLiteral("/.config"));
    files << configHome + QStringLiteral("/containers/auth.json");
    const QString dockerDir = qEnvironmentVariable("DOCKER_CONFIG", QDir::homePath() + QStringLiteral("/.docker"));
    files << dockerDir + QStringLiteral("/config.json");
    return files;
}

DockerConfigCredentials::DockerConfigCredentials(QStringList files)
    : m_files(std::move(files))
{
}

std::optional<Credentials> DockerConfigCredentials::fromAuths(const QJsonObject& config, const QString& registry)
{
    const QJsonObject auths = config.value(QStringLiteral("auths")).toObject();
    for (const QString& key : authKeysFor(registry)) {
        const QJsonObject entry = auths.value(key).toObject();
        if (entry.isEmpty())
            continue;
        Credentials creds;
        const QByteArray decoded = QByteArray::fromBase64(entry.value(QStringLiteral("auth")).toString().toLatin1());
        if (const qsizetype colon = decoded.indexOf(':'); colon > 0) {
            creds.username = QString::fromUtf8(decoded.left(colon));
            creds.secret = QString::fromUtf8(decoded.mid(colon + 1));
        } else {
            creds.username = entry.value(QStringLiteral("username")).toString();
            creds.secret = entry.value(QStringLiteral("password")).toString();
        }
        const QString identityToken = entry.value(QStringLiteral("identitytoken")).toString();
        if (!identityToken.isEmpty()) {
            creds.secret = identityToken;
            creds.isIdentityToken = true;
        }
        if (creds.secret.isEmpty())
            continue;
        return creds;
    }
    return std::nullopt;
}

void DockerConfigCredentials::lookup(const QString& registry, QObject*, Callback callback)
{
    for (const QString& path : m_files) {
        if (auto creds = fromAuths(readJson(path), registry)) {
            creds->source = path;
            callback(creds);
            return;
        }
    }
    callback(std::nullopt);
}

QStringList DockerConfigCredentials::knownRegistries() const
{
    QStringList out;
    for (const QString& path : m_files) {
        const QJsonObject config = readJson(path);
        for (const QString& section : {QStringLiteral("auths"), QStringLiteral("credHelpers")}) {
            const QStringList keys = config.value(section).toObject().keys();
            for (const QString& key : keys) {
                QString host = hostOfKey(key);
                if (host == u"index.docker.io")
                    host = QStringLiteral("docker.io");
                if (!host.isEmpty() && !out.contains(host))
                    out << host;
            }
        }
    }
    return out;
}

} // namespace berth
