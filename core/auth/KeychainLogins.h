#pragma once

#include "core/auth/Credentials.h"
#include "core/base/Error.h"

#include <QHash>
#include <QStringList>

namespace berth {

// Berth's own logins: the user name in the settings file, the secret only in the OS keychain
// (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows Credential Store). Nothing
// secret is ever written anywhere else; without a keychain, saving fails with ErrorKind::Keychain
// (and the user may keep the login for the session instead).
class KeychainLogins final : public CredentialProvider
{
public:
    using Done = std::function<void(Result<void>)>;

    void lookup(const QString& registry, QObject* context, Callback callback) override;
    void save(const QString& registry, const Credentials& credentials, QObject* context, Done done);
    void remove(const QString& registry, QObject* context, Done done);
    QStringList registries() const;
    // Without a working keychain, a login the user chose to keep until Berth closes: in memory
    // only, never written anywhere; found before the keychain's.
    void keepForSession(const QString& registry, const Credentials& credentials);
    bool keptForSession(const QString& registry) const { return m_session.contains(registry); }

private:
    QHash<QString, Credentials> m_session;
};

} // namespace berth
