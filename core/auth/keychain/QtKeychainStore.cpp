// The keychain module (libberth_keychain.so): SecretStore through QtKeychain (Secret Service,
// KWallet, macOS Keychain, Windows Credential Store). Loaded by core/auth/SecretStore.cpp on first
// use; it links QtKeychain and Qt's D-Bus so that berth_core and berthctl do not.
#include "core/auth/SecretStore.h"

#include <QObject>
#include <qt6keychain/keychain.h>

namespace berth {
namespace {

    SecretStore::Answer answerOf(const QKeychain::Job* job, const QString& secret = {})
    {
        switch (job->error()) {
        case QKeychain::NoError:
            return {SecretStore::Outcome::Done, secret, {}};
        case QKeychain::EntryNotFound:
            return {SecretStore::Outcome::NotFound, {}, job->errorString()};
        default:
            return {SecretStore::Outcome::Failed, {}, job->errorString()};
        }
    }

    class QtKeychainStore final : public SecretStore
    {
    public:
        explicit QtKeychainStore(QString service)
            : m_service(std::move(service))
        {
        }

        void read(const QString& key, QObject* context, Callback done) override
        {
            auto* job = new QKeychain::ReadPasswordJob(m_service);
            job->setKey(key);
            QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job* finished) {
                done(answerOf(finished, static_cast<QKeychain::ReadPasswordJob*>(finished)->textData()));
            });
            start(job);
        }

        void write(const QString& key, const QString& secret, QObject* context, Callback done) override
        {
            auto* job = new QKeychain::WritePasswordJob(m_service);
            job->setInsecureFallback(false); // never fall back to a clear-text file
            job->setKey(key);
            job->setTextData(secret);
            QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job* finished) { done(answerOf(finished)); });
            start(job);
        }

        void remove(const QString& key, QObject* context, Callback done) override
        {
            auto* job = new QKeychain::DeletePasswordJob(m_service);
            job->setKey(key);
            QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job* finished) { done(answerOf(finished)); });
            start(job);
        }

    private:
        static void start(QKeychain::Job* job)
        {
            job->setAutoDelete(true);
            job->start();
        }

        QString m_service;
    };

} // namespace
} // namespace berth

extern "C" Q_DECL_EXPORT berth::SecretStore* berth_create_secret_store(const QString* service)
{
    return new berth::QtKeychainStore(*service);
}
