#include "core/auth/GoogleCredentials.h"

#include "core/base/Guarded.h"
#include "core/net/HttpClient.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace berth {

namespace {
    constexpr qint64 kRenewBeforeSeconds = 5 * 60;
    constexpr qint64 kAssertionLifetime = 3600; // what Google's libraries ask for
    const QString kDefaultTokenUri = QStringLiteral("https://oauth2.googleapis.com/token");

    QByteArray base64Url(const QByteArray& data)
    {
        return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }
} // namespace

GoogleCredentials::GoogleCredentials(HttpClient* http, QProcessEnvironment env, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_env(std::move(env))
{
}

QString GoogleCredentials::credentialsFile() const
{
    const QString named = m_env.value(QStringLiteral("GOOGLE_APPLICATION_CREDENTIALS"));
    if (!named.isEmpty())
        return named;
    const QString config = m_env.value(QStringLiteral("CLOUDSDK_CONFIG"),
                                       m_env.value(QStringLiteral("HOME"), QDir::homePath()) + QStringLiteral("/.config/gcloud"));
    const QString wellKnown = config + QStringLiteral("/application_default_credentials.json");
    return QFile::exists(wellKnown) ? wellKnown : QString();
}

Result<QByteArray> GoogleCredentials::signedAssertion(const QByteArray& privateKeyPem, const QString& keyId, const QString& issuer,
                                                      const QString& audience, const QString& scope, qint64 issuedAt)
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("kid"), keyId}};
    const QJsonObject claims{{QStringLiteral("iss"), issuer}, {QStringLiteral("scope"), scope}, {QStringLiteral("aud"), audience},
                             {QStringLiteral("iat"), issuedAt}, {QStringLiteral("exp"), issuedAt + kAssertionLifetime}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())), &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr,
                                                            &EVP_PKEY_free);
    if (!key)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("the service account's private_key is not a PEM private key")));
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("the service account's private_key is not an RSA key")));
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(signingInput.constData()), size_t(signingInput.size())) != 1)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("OpenSSL could not sign with the service account's key")));
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(signingInput.constData()), size_t(signingInput.size())) != 1)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("OpenSSL could not sign with the service account's key")));
    signature.truncate(qsizetype(length));
    return signingInput + '.' + base64Url(signature);
}

void GoogleCredentials::accessToken(QObject* context, std::function<void(Result<GoogleAccessToken>)> done)
{
    done = guarded<Result<GoogleAccessToken>>(context, std::move(done));
    if (m_cached && m_cached->expiresAt.toSecsSinceEpoch() - QDateTime::currentSecsSinceEpoch() > kRenewBeforeSeconds) {
        done(*m_cached);
        return;
    }
    const QString path = credentialsFile();
    if (path.isEmpty()) {
        done(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("no Google credentials found: set GOOGLE_APPLICATION_CREDENTIALS to a "
                                                                         "service-account key file, or run 'gcloud auth application-default login'"))));
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        done(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("cannot read the Google credentials file %1: %2").arg(path, file.errorString()))));
        return;
    }
    QJsonParseError parseError{};
    const QJsonObject adc = QJsonDocument::fromJson(file.read(1024 * 1024), &parseError).object();
    if (parseError.error != QJsonParseError::NoError || adc.isEmpty()) {
        done(std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("the Google credentials file %1 is not JSON").arg(path))));
        return;
    }
    const QString type = adc.value(QStringLiteral("type")).toString();
    GoogleAccessToken base;
    base.projectId = adc.value(QStringLiteral("project_id")).toString(adc.value(QStringLiteral("quota_project_id")).toString());
    if (type == u"service_account") {
        const QString email = adc.value(QStringLiteral("client_email")).toString();
        const QUrl tokenUri(adc.value(QStringLiteral("token_uri")).toString(kDefaultTokenUri));
        base.source = QStringLiteral("service account %1 (%2)").arg(email, QDir::toNativeSeparators(path));
        const auto assertion = signedAssertion(adc.value(QStringLiteral("private_key")).toString().toUtf8(),
                                               adc.value(QStringLiteral("private_key_id")).toString(), email, tokenUri.toString(),
                                               QString::fromLatin1(kScope), QDateTime::currentSecsSinceEpoch());
        if (!assertion) {
            done(std::unexpected(Error::make(assertion.error().kind, QStringLiteral("%1: %2").arg(path, assertion.error().message))));
            return;
        }
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        form.addQueryItem(QStringLiteral("assertion"), QString::fromLatin1(*assertion));
        exchange(form.toString(QUrl::FullyEncoded).toLatin1(), tokenUri, base, done);
        return;
    }
    if (type == u"authorized_user") {
        base.source = QStringLiteral("the gcloud user login in %1").arg(QDir::toNativeSeparators(path));
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        for (const char* field : {"client_id", "client_secret", "refresh_token"})
            form.addQueryItem(QString::fromLatin1(field), adc.value(QString::fromLatin1(field)).toString());
        exchange(form.toString(QUrl::FullyEncoded).toLatin1(), QUrl(kDefaultTokenUri), base, done);
        return;
    }
    done(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("Google credentials of type \"%1\" (%2) are not ones Berth signs in with "
                                                                            "yet; use a service-account key or 'gcloud auth application-default login'")
                                                                 .arg(type, path))));
}

void GoogleCredentials::exchange(const QByteArray& form, const QUrl& tokenUri, GoogleAccessToken base, std::function<void(Result<GoogleAccessToken>)> done)
{
    HttpRequest request;
    request.method = "POST";
    request.url = tokenUri;
    request.body = form;
    request.tls = m_tls;
    request.maxBodyBytes = 1024 * 1024;
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    HttpReply* reply = m_http->send(request);
    connect(reply, &HttpReply::finished, this, [this, reply, base, tokenUri, done] {
        reply->deleteLater();
        const auto& answer = reply->result();
        if (!answer) {
            done(std::unexpected(answer.error()));
            return;
        }
        const QJsonObject json = QJsonDocument::fromJson(answer->body).object();
        if (answer->status != 200) {
            // OAuth errors: {"error": "invalid_grant", "error_description": "..."}
            const QString said = json.value(QStringLiteral("error_description")).toString(json.value(QStringLiteral("error")).toString());
            done(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("Google's token endpoint (%1) refused %2: %3")
                                                                  .arg(tokenUri.host(), base.source, said.isEmpty() ? QStringLiteral("HTTP %1").arg(answer->status) : said),
                                             answer->status)));
            return;
        }
        GoogleAccessToken token = base;
        token.token = json.value(QStringLiteral("access_token")).toString();
        token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(json.value(QStringLiteral("expires_in")).toInteger(3600));
        if (token.token.isEmpty()) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Google's token endpoint gave no access_token"))));
            return;
        }
        m_cached = token;
        done(token);
    });
}

} // namespace berth
