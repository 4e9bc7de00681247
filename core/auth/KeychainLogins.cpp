#include "core/auth/KeychainLogins.h"

#include "core/auth/SecretStore.h"
#include "core/base/Paths.h"

#include <QSettings>
#include <QUrl>

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

    Error keychainError(const QString& what, const QString& why)
    {
        return Error::make(ErrorKind::Keychain, QStringLiteral("%1: %2").arg(what, why));
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
    SecretStore* keychain = username.isEmpty() ? nullptr : systemSecretStore(nullptr);
    if (!keychain) {
        callback(std::nullopt); // no login, or no keychain: not logged in through Berth
        return;
    }
    keychain->read(registry, context, [username, callback](const SecretStore::Answer& answer) {
        if (answer.outcome != SecretStore::Outcome::Done) {
            callback(std::nullopt); // a missing entry or keychain means: not logged in through Berth
            return;
        }
        Credentials creds;
        creds.username = username;
        creds.secret = answer.secret;
        creds.isIdentityToken = username == u"<token>";
        creds.source = QStringLiteral("keychain");
        callback(creds);
    });
}

void KeychainLogins::save(const QString& registry, const Credentials& credentials, QObject* context, Done done)
{
    const QString what = QStringLiteral("cannot save the password in the keychain");
    QString why;
    SecretStore* keychain = systemSecretStore(&why);
    if (!keychain) {
        done(std::unexpected(keychainError(what, why)));
        return;
    }
    const QString username = credentials.username;
    keychain->write(registry, credentials.secret, context, [registry, username, what, done](const SecretStore::Answer& answer) {
        if (answer.outcome != SecretStore::Outcome::Done) {
            done(std::unexpected(keychainError(what, answer.error)));
            return;
        }
        auto settings = loginSettings();
        settings.setValue(settingsKey(registry) + QStringLiteral("/username"), username);
        settings.setValue(settingsKey(registry) + QStringLiteral("/registry"), registry);
        settings.sync();
        done({});
    });
}

void KeychainLogins::remove(const QString& registry, QObject* context, Done done)
{
    auto settings = loginSettings();
    const bool known = settings.contains(settingsKey(registry) + QStringLiteral("/username"));
    settings.remove(settingsKey(registry));
    settings.sync();
    const QString what = QStringLiteral("cannot remove the password from the keychain");
    QString why;
    SecretStore* keychain = systemSecretStore(&why);
    if (!keychain) {
        done(known ? Result<void>(std::unexpected(keychainError(what, why)))
                   : Result<void>(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("not logged in to %1").arg(registry)))));
        return;
    }
    keychain->remove(registry, context, [known, registry, what, done](const SecretStore::Answer& answer) {
        if (!known && answer.outcome != SecretStore::Outcome::Failed) {
            done(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("not logged in to %1").arg(registry))));
            return;
        }
        if (answer.outcome == SecretStore::Outcome::Failed) {
            done(std::unexpected(keychainError(what, answer.error)));
            return;
        }
        done({});
    });
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
