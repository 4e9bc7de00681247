#pragma once

#include "core/auth/AwsConfig.h"
#include "core/auth/Credentials.h"
#include "core/net/HttpMessage.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

namespace berth {

class HttpClient;

// The registry login of an ECR registry, made from the user's AWS credentials as `aws ecr
// get-login-password` makes it: GetAuthorizationToken in the registry's region, user "AWS". The
// token is kept in memory (never written) until shortly before it expires, and renewed when the
// registry rejects it — also when ECR gives an expiry that has already passed (moto does). Other
// hosts, and users without AWS credentials, fall through to the next provider of the chain.
class EcrCredentials final : public QObject, public CredentialProvider
{
    Q_OBJECT
public:
    explicit EcrCredentials(HttpClient* http, QObject* parent = nullptr);

    void lookup(const QString& registry, QObject* context, Callback callback) override;
    bool renewAfterRejection(const QString& registry) override;
    // The CA and client settings for the API calls (the --ca-file a test or user gave).
    void setTls(TlsOptions tls) { m_tls = std::move(tls); }

private:
    struct Kept
    {
        Credentials credentials;
        QDateTime renewAt; // invalid: keep until the registry rejects it
    };
    HttpClient* m_http;
    AwsCredentialResolver m_aws;
    TlsOptions m_tls;
    QHash<QString, Kept> m_kept;
};

} // namespace berth
