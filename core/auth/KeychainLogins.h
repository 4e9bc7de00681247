#pragma once

#include "core/auth/Credentials.h"
#include "core/base/Error.h"

#include <QStringList>

namespace berth {

// Berth's own logins: the user name in the settings file, the secret only in the OS keychain
// (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows Credential Store). Nothing
// secret is ever written anywhere else; without a keychain, saving fails with ErrorKind::Keychain.
class KeychainLogins final : public CredentialProvider
{
public:
    using Done = std::function<void(Result<void>)>;

    void lookup(const QString& registry, QObject* context, Callback callback) override;
    void save(const QString& registry, const Credentials& credentials, QObject* context, Done done);
    void remove(const QString& registry, QObject* context, Done done);
    QStringList registries() const;

    static QString serviceName() { return QStringLiteral("berth"); }
};

} // namespace berth
