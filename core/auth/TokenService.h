#pragma once

#include "core/auth/AuthChallenge.h"
#include "core/auth/Credentials.h"
#include "core/base/Error.h"
#include "core/net/HttpMessage.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <optional>

namespace berth {

class HttpClient;

struct BearerToken
{
    QByteArray token;
    QDateTime expires;
    QString refreshToken;
};

// The registry token flow (distribution's token.md and oauth.md): tokens fetched from the
// challenge's realm, cached per (realm, service, scope set) until they expire.
class TokenService final : public QObject
{
    Q_OBJECT
public:
    explicit TokenService(HttpClient* http, QObject* parent = nullptr);

    using Done = std::function<void(Result<BearerToken>)>;
    // The cached token for these scopes, if still valid for at least a few seconds.
    std::optional<BearerToken> cached(const AuthChallenge& challenge, const QStringList& scopes) const;
    void fetch(const AuthChallenge& challenge, const QStringList& scopes, const std::optional<Credentials>& credentials,
               const TlsOptions& tls, Done done);
    void forget(const AuthChallenge& challenge, const QStringList& scopes);

    // Exposed for tests: parse a token endpoint's JSON answer, with `now` as the receipt time.
    static Result<BearerToken> parseResponse(const QByteArray& body, const QDateTime& now);

private:
    void fetchWithRefreshToken(const AuthChallenge& challenge, const QStringList& scopes, const Credentials& credentials,
                               const TlsOptions& tls, Done done);
    void send(const HttpRequest& request, const QString& key, bool authenticated, Done done);
    static QString cacheKey(const AuthChallenge& challenge, const QStringList& scopes);
    HttpClient* m_http;
    QHash<QString, BearerToken> m_cache;
};

} // namespace berth
