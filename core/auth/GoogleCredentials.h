#pragma once

#include "core/base/Error.h"
#include "core/net/HttpMessage.h"

#include <QDateTime>
#include <QObject>
#include <QProcessEnvironment>
#include <functional>
#include <optional>

namespace berth {

class HttpClient;

// A Google access token and where it came from (never the secret itself in `source`).
struct GoogleAccessToken
{
    QString token;
    QDateTime expiresAt;
    QString source; // "service account build@proj.iam.gserviceaccount.com (/path/key.json)"
    QString projectId; // the credentials' own project, when the file names one
};

// Application Default Credentials as Google's client libraries find them: the file named by
// GOOGLE_APPLICATION_CREDENTIALS, else gcloud's application_default_credentials.json (in
// $CLOUDSDK_CONFIG or ~/.config/gcloud). A service-account key is exchanged for an access token
// with a JWT it signs (RS256, OpenSSL); a gcloud user login with its refresh token. The token
// serves both the Artifact Registry API and its registry (user "oauth2accesstoken"), and is kept
// until shortly before it expires.
class GoogleCredentials final : public QObject
{
    Q_OBJECT
public:
    static constexpr auto kScope = "https://www.googleapis.com/auth/cloud-platform";

    explicit GoogleCredentials(HttpClient* http, QProcessEnvironment env = QProcessEnvironment::systemEnvironment(),
                               QObject* parent = nullptr);

    void accessToken(QObject* context, std::function<void(Result<GoogleAccessToken>)> done);
    // Forgets the kept token (the server refused it).
    void forget() { m_cached.reset(); }
    void setTls(TlsOptions tls) { m_tls = std::move(tls); }
    // The ADC file in force, empty when there is none.
    QString credentialsFile() const;

    // The JWT a service account signs to ask for a token: RS256 over header.claims, base64url.
    static Result<QByteArray> signedAssertion(const QByteArray& privateKeyPem, const QString& keyId, const QString& issuer,
                                              const QString& audience, const QString& scope, qint64 issuedAt);

private:
    void exchange(const QByteArray& form, const QUrl& tokenUri, GoogleAccessToken base, std::function<void(Result<GoogleAccessToken>)> done);

    HttpClient* m_http;
    QProcessEnvironment m_env;
    TlsOptions m_tls;
    std::optional<GoogleAccessToken> m_cached;
};

} // namespace berth
