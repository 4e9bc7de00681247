#pragma once

#include <QString>
#include <functional>

class QObject;

namespace berth {

// The OS keychain as Berth uses it: one secret per key under one service name. QtKeychain does
// the work in a module of its own (core/auth/keychain/), loaded the first time a secret is read,
// written or removed: QtKeychain brings Qt's D-Bus and libdbus, which a command that never
// touches a login should not pay for at every start.
class SecretStore
{
public:
    enum class Outcome { Done, NotFound, Failed };
    struct Answer
    {
        Outcome outcome = Outcome::Failed;
        QString secret; // what a read found
        QString error;  // the keychain's own words when it failed
    };
    using Callback = std::function<void(const Answer&)>;

    virtual ~SecretStore() = default;
    // Each answers once, through context's thread and only while context lives.
    virtual void read(const QString& key, QObject* context, Callback done) = 0;
    // Never falls back to a clear-text file.
    virtual void write(const QString& key, const QString& secret, QObject* context, Callback done) = 0;
    virtual void remove(const QString& key, QObject* context, Callback done) = 0;
};

// The keychain module's store for Berth's service name, loaded on the first call and kept; or
// nullptr, with why in *why, when the module cannot be found or loaded.
SecretStore* systemSecretStore(QString* why);

} // namespace berth

// What the module exports (a C name, so that it is found without C++ name mangling).
extern "C" berth::SecretStore* berth_create_secret_store(const QString* service);
