#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace berth {

struct Credentials
{
    QString username;
    QString secret; // a password, a personal access token, or an identity (refresh) token
    bool isIdentityToken = false; // docker's "<token>" user: the secret is a refresh token
    QString source; // where they came from, for messages: "keychain", "docker config", ...
};

// Finds the credentials for a registry host. Lookups may be asynchronous (the keychain is).
class CredentialProvider
{
public:
    virtual ~CredentialProvider() = default;
    using Callback = std::function<void(std::optional<Credentials>)>;
    virtual void lookup(const QString& registry, QObject* context, Callback callback) = 0;
    // The registry refused what lookup gave: whether a new lookup may give something else (a
    // short-lived token renewed), so that the request is worth one more try.
    virtual bool renewAfterRejection(const QString& registry)
    {
        Q_UNUSED(registry);
        return false;
    }
};

// Asks several providers in turn; the first that knows the registry wins.
class CredentialChain final : public CredentialProvider
{
public:
    void append(CredentialProvider* provider) { m_providers.append(provider); }
    void lookup(const QString& registry, QObject* context, Callback callback) override;
    bool renewAfterRejection(const QString& registry) override;

private:
    void lookupFrom(qsizetype index, const QString& registry, QObject* context, Callback callback);
    QList<CredentialProvider*> m_providers;
};

// Fixed credentials, for one command line or a dialog's "test connection".
class StaticCredentials final : public CredentialProvider
{
public:
    explicit StaticCredentials(std::optional<Credentials> credentials)
        : m_credentials(std::move(credentials))
    {
    }
    void lookup(const QString&, QObject*, Callback callback) override { callback(m_credentials); }

private:
    std::optional<Credentials> m_credentials;
};

} // namespace berth
