#include "core/auth/TokenService.h"

#include "core/net/HttpClient.h"
#include "core/net/RegistryEndpoint.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace berth {

TokenService::TokenService(HttpClient* http, QObject* parent)
    : QObject(parent)
    , m_http(http)
{
}

QString TokenService::cacheKey(const AuthChallenge& challenge, const QStringList& scopes)
{
    QStringList sorted = scopes;
    sorted.sort();
    sorted.removeDuplicates();
    return challenge.realm() + QLatin1Char('\n') + challenge.service() + QLatin1Char('\n') + sorted.join(QLatin1Char(' '));
}

std::optional<BearerToken> TokenService::cached(const AuthChallenge& challenge, const QStringList& scopes) const
{
    const auto it = m_cache.constFind(cacheKey(challenge, scopes));
    if (it == m_cache.constEnd() || it->expires < QDateTime::currentDateTimeUtc().addSecs(10))
        return std::nullopt;
    return *it;
}

void TokenService::forget(const AuthChallenge& challenge, const QStringList& scopes)
{
    m_cache.remove(cacheKey(challenge, scopes));
}

Result<BearerToken> TokenService::parseResponse(const QByteArray& body, const QDateTime& now)
{
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the token server's answer is not JSON")));
    BearerToken token;
    // "token" and "access_token" are equivalent; some servers send only one.
    token.token = json.value(QStringLiteral("token")).toString().toUtf8();
    if (token.token.isEmpty())
        token.token = json.value(QStringLiteral("access_token")).toString().toUtf8();
    if (token.token.isEmpty())
        return std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("the token server sent no token")));
    // expires_in defaults to 60 s and is never taken below that (token.md).
    const int expiresIn = qMax(60, json.value(QStringLiteral("expires_in")).toInt(60));
    QDateTime issued = QDateTime::fromString(json.value(QStringLiteral("issued_at")).toString(), Qt::ISODateWithMs);
    if (!issued.isValid() || issued > now.addSecs(300))
        issued = now; // absent, bad, or from a clock far ahead: count from receipt
    token.expires = issued.addSecs(expiresIn);
    token.refreshToken = json.value(QStringLiteral("refresh_token")).toString();
    return token;
}

void TokenService::fetch(const AuthChallenge& challenge, const QStringList& scopes,
                         const std::optional<Credentials>& credentials, const TlsOptions& tls, Done done)
{
    QUrl realm(challenge.realm());
    if (!realm.isValid() || (realm.scheme() != u"https" && realm.scheme() != u"http")) {
        done(std::unexpected(Error::make(ErrorKind::Protocol,
                                         QStringLiteral("the registry's token realm \"%1\" is not an HTTP URL")
                                             .arg(challenge.realm()))));
        return;
    }
    QUrlQuery query(realm);
    if (!challenge.service().isEmpty())
        query.addQueryItem(QStringLiteral("service"), challenge.service());
    for (const QString& scope : scopes)
        query.addQueryItem(QStringLiteral("scope"), scope);
    realm.setQuery(query);

    HttpRequest request;
    request.url = realm;
    request.tls = tls;
    // Credentials go to the realm only over TLS (or on this machine): a plain-HTTP realm on
    // another host would expose them.
    const bool safeRealm = realm.scheme() == u"https" || isLoopbackHost(realm.host());
    if (credentials && credentials->isIdentityToken && safeRealm) {
        fetchWithRefreshToken(challenge, scopes, *credentials, tls, std::move(done));
        return;
    }
    const bool authenticated = credentials && safeRealm && !credentials->isIdentityToken;
    if (authenticated) {
        const QByteArray basic = (credentials->username + QLatin1Char(':') + credentials->secret).toUtf8().toBase64();
        request.setHeader("Authorization", "Basic " + basic);
    }
    send(request, cacheKey(challenge, scopes), authenticated, std::move(done));
}

void TokenService::fetchWithRefreshToken(const AuthChallenge& challenge, const QStringList& scopes,
                                         const Credentials& credentials, const TlsOptions& tls, Done done)
{
    // OAuth2 (oauth.md): POST a refresh_token grant; the refresh token goes only to the realm.
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), credentials.secret);
    form.addQueryItem(QStringLiteral("service"), challenge.service());
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("berth"));
    if (!scopes.isEmpty())
        form.addQueryItem(QStringLiteral("scope"), scopes.join(QLatin1Char(' ')));
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(challenge.realm());
    request.tls = tls;
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.body = form.toString(QUrl::FullyEncoded).toUtf8();
    send(request, cacheKey(challenge, scopes), true, std::move(done));
}

void TokenService::send(const HttpRequest& request, const QString& key, bool authenticated, Done done)
{
    HttpReply* reply = m_http->send(request);
    connect(reply, &HttpReply::finished, this, [this, reply, key, authenticated, done] {
        reply->deleteLater();
        const auto& result = reply->result();
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        if (result->status == 401 || result->status == 403) {
            done(std::unexpected(Error::make(ErrorKind::Auth,
                                             authenticated ? QStringLiteral("the registry rejected the user name or password")
                                                           : QStringLiteral("the registry requires a login"),
                                             result->status)));
            return;
        }
        if (result->status != 200) {
            done(std::unexpected(Error::make(ErrorKind::Auth,
                                             QStringLiteral("the token server answered HTTP %1").arg(result->status),
                                             result->status)));
            return;
        }
        auto token = parseResponse(result->body, QDateTime::currentDateTimeUtc());
        if (token)
            m_cache.insert(key, *token);
        done(token);
    });
}

} // namespace berth
