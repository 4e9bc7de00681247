#include "core/auth/DockerConfig.h"

#include <QDir>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
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

void DockerConfigCredentials::lookup(const QString& registry, QObject* context, Callback callback)
{
    lookupFrom(0, registry, context, std::move(callback));
}

void DockerConfigCredentials::lookupFrom(qsizetype fileIndex, const QString& registry, QObject* context, Callback callback)
{
    for (qsizetype i = fileIndex; i < m_files.size(); ++i) {
        const QJsonObject config = readJson(m_files[i]);
        const QJsonObject helpers = config.value(QStringLiteral("credHelpers")).toObject();
        QString helper;
        for (const QString& key : authKeysFor(registry)) {
            if (helpers.contains(key)) {
                helper = helpers.value(key).toString();
                break;
            }
        }
        if (helper.isEmpty()) {
            if (auto creds = fromAuths(config, registry)) {
                creds->source = m_files[i];
                callback(creds);
                return;
            }
            helper = config.value(QStringLiteral("credsStore")).toString();
        }
        if (!helper.isEmpty()) {
            // Not found by this helper: go on with the next file, as docker falls back to nothing.
            askHelper(helper, registry, context,
                      [this, i, registry, context = QPointer(context), callback](std::optional<Credentials> creds) {
                          if (creds || !context)
                              callback(creds);
                          else
                              lookupFrom(i + 1, registry, context, callback);
                      });
            return;
        }
    }
    callback(std::nullopt);
}

void DockerConfigCredentials::askHelper(const QString& helper, const QString& registry, QObject* context, Callback callback)
{
    const QString program = QStringLiteral("docker-credential-") + helper;
    if (QStandardPaths::findExecutable(program).isEmpty()) {
        qWarning("berth: the credential helper %s named in the docker config is not on PATH", qPrintable(program));
        callback(std::nullopt);
        return;
    }
    auto* process = new QProcess;
    auto finished = std::make_shared<bool>(false);
    auto finish = [process, finished, callback, helper](std::optional<Credentials> creds) {
        if (*finished)
            return;
        *finished = true;
        process->deleteLater();
        callback(std::move(creds));
    };
    QObject::connect(process, &QProcess::finished, context ? context : process, [process, finish, helper](int code) {
        const QJsonObject answer = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
        const QString secret = answer.value(QStringLiteral("Secret")).toString();
        if (code != 0 || secret.isEmpty()) {
            finish(std::nullopt); // "credentials not found in native keychain"
            return;
        }
        Credentials creds;
        creds.username = answer.value(QStringLiteral("Username")).toString();
        creds.secret = secret;
        creds.isIdentityToken = creds.username == u"<token>";
        creds.source = QStringLiteral("docker-credential-") + helper;
        finish(creds);
    });
    QObject::connect(process, &QProcess::errorOccurred, context ? context : process, [finish](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(std::nullopt);
    });
    QTimer::singleShot(15000, process, [process, finish] {
        qWarning("berth: the credential helper did not answer within 15 s");
        process->kill();
        finish(std::nullopt);
    });
    process->start(program, {QStringLiteral("get")});
    // The helper protocol names Docker Hub by its v1 URL; every other registry by its host.
    const QString server = authKeysFor(registry).first();
    process->write(server.toUtf8() + '\n');
    process->closeWriteChannel();
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
