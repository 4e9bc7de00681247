#include "core/auth/KeychainLogins.h"

#include "core/base/Paths.h"

#include <QPointer>
#include <QSettings>
#include <QUrl>
#include <qt6keychain/keychain.h>

namespace berth {
namespace {

    QSettings loginSettings()
    {
        return QSettings(configDir() + QStringLiteral("/logins.ini"), QSettings::IniFormat);
    }

    QString settingsKey(const QString& registry)
    {
        // QSettings treats '/' as a group separator and ':' is fine in INI keys once percent-encoded.
        return QStringLiteral("logins/") + QString::fromLatin1(QUrl::toPercentEncoding(registry));
    }

    Error keychainError(const QKeychain::Job* job, const QString& what)
    {
        return Error::make(ErrorKind::Keychain, QStringLiteral("%1: %2").arg(what, job->errorString()));
    }

} // namespace

void KeychainLogins::keepForSession(const QString& registry, const Credentials& credentials)
{
    Credentials kept = credentials;
    kept.source = QStringLiteral("this session only");
    m_session.insert(registry, kept);
}

void KeychainLogins::lookup(const QString& registry, QObject* context, Callback callback)
{
    if (const auto kept = m_session.constFind(registry); kept != m_session.cend()) {
        callback(*kept);
        return;
    }
    const QString username = loginSettings().value(settingsKey(registry) + QStringLiteral("/username")).toString();
    if (username.isEmpty()) {
        callback(std::nullopt);
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setKey(registry);
    QObject::connect(job, &QKeychain::Job::finished, context, [registry, username, callback](QKeychain::Job* done) {
        auto* read = static_cast<QKeychain::ReadPasswordJob*>(done);
        if (read->error() != QKeychain::NoError) {
            callback(std::nullopt); // a missing entry or keychain means: not logged in through Berth
            return;
        }
        Credentials creds;
        creds.username = username;
        creds.secret = read->textData();
        creds.isIdentityToken = username == u"<token>";
        creds.source = QStringLiteral("keychain");
        callback(creds);
    });
    job->start();
}

void KeychainLogins::save(const QString& registry, const Credentials& credentials, QObject* context, Done done)
{
    auto* job = new QKeychain::WritePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never fall back to a clear-text file
    job->setKey(registry);
    job->setTextData(credentials.secret);
    const QString username = credentials.username;
    QObject::connect(job, &QKeychain::Job::finished, context, [registry, username, done](QKeychain::Job* finished) {
        if (finished->error() != QKeychain::NoError) {
            done(std::unexpected(keychainError(finished, QStringLiteral("cannot save the password in the keychain"))));
            return;
        }
        auto settings = loginSettings();
        settings.setValue(settingsKey(registry) + QStringLiteral("/username"), username);
        settings.setValue(settingsKey(registry) + QStringLiteral("/registry"), registry);
        settings.sync();
        done({});
    });
    job->start();
}

void KeychainLogins::remove(const QString& registry, QObject* context, Done done)
{
    auto settings = loginSettings();
    const bool known = settings.contains(settingsKey(registry) + QStringLiteral("/username"));
    settings.remove(settingsKey(registry));
    settings.sync();
    auto* job = new QKeychain::DeletePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setKey(registry);
    QObject::connect(job, &QKeychain::Job::finished, context, [known, registry, done](QKeychain::Job* finished) {
        const bool nothingThere = finished->error() == QKeychain::EntryNotFound || finished->error() == QKeychain::NoError;
        if (!known && nothingThere) {
            done(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("not logged in to %1").arg(registry))));
            return;
        }
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound) {
            done(std::unexpected(keychainError(finished, QStringLiteral("cannot remove the password from the keychain"))));
            return;
        }
        done({});
    });
    job->start();
}

QStringList KeychainLogins::registries() const
{
    auto settings = loginSettings();
    settings.beginGroup(QStringLiteral("logins"));
    QStringList out;
    for (const QString& group : settings.childGroups())
        out << settings.value(group + QStringLiteral("/registry")).toString();
    return out;
}

} // namespace berth
