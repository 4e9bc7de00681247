#include "core/registry/RegistryClient.h"

#include "core/auth/TokenService.h"
#include "core/base/Guarded.h"
#include "core/net/HttpClient.h"
#include "core/net/LinkHeader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <utility>

namespace berth {
namespace {

    // What the request asked for: a 2xx, or for a conditional one, 304 (what it knew is current).
    bool isAnswer(const HttpResponse& response, bool notModifiedIsAnswer)
    {
        return (response.status >= 200 && response.status < 300) || (response.status == 304 && notModifiedIsAnswer);
    }

    std::optional<AuthChallenge> preferredChallenge(const QList<AuthChallenge>& challenges)
    {
        for (const auto& c : challenges) {
            if (c.isBearer())
                return c;
        }
        for (const auto& c : challenges) {
            if (c.isBasic())
                return c;
        }
        return std::nullopt;
    }

    QList<AuthChallenge> challengesOf(const HttpResponse& response)
    {
        QList<AuthChallenge> out;
        for (const QByteArray& header : response.headerValues("www-authenticate"))
            out += AuthChallenge::parse(header);
        return out;
    }

    QByteArray basicAuthorization(const Credentials& creds)
    {
        return "Basic " + (creds.username + QLatin1Char(':') + creds.secret).toUtf8().toBase64();
    }

} // namespace

RegistryClient::RegistryClient(RegistryEndpoint endpoint, HttpClient* http, TokenService* tokens,
                               CredentialProvider* credentials, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_http(http)
    , m_tokens(tokens)
    , m_credentials(credentials)
{
}

RegistryClient::~RegistryClient() = default;

Error RegistryClient::errorFromResponse(const HttpResponse& response, bool sentCredentials)
{
    QString code;
    QString message;
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    const QJsonArray errors = body.value(QStringLiteral("errors")).toArray();
    if (!errors.isEmpty()) {
        const QJsonObject first = errors.first().toObject();
        code = first.value(QStringLiteral("code")).toString();
        message = first.value(QStringLiteral("message")).toString();
    }
    const int status = response.status;
    const QString where = response.url.host() + response.url.path();
    if (message.isEmpty())
        message = QStringLiteral("HTTP %1 from %2").arg(status).arg(where);
    ErrorKind kind = ErrorKind::Http;
    if (status == 401) {
        kind = ErrorKind::Auth;
        message = (sentCredentials ? QStringLiteral("the registry rejected the credentials: ")
                                   : QStringLiteral("the registry requires a login: "))
            + message;
    } else if (status == 403 || code == u"DENIED") {
        kind = ErrorKind::Denied;
    } else if (status == 404) {
        kind = ErrorKind::NotFound;
    } else if (status == 429 || code == u"TOOMANYREQUESTS") {
        kind = ErrorKind::RateLimited;
    } else if (code == u"UNSUPPORTED" || status == 405) {
        kind = ErrorKind::Unsupported;
    }
    Error error = Error::make(kind, message, status, code);
    if (kind == ErrorKind::RateLimited) {
        bool ok = false;
        const int seconds = response.header("retry-after").trimmed().toInt(&ok);
        error.retryAfterSeconds = ok ? seconds : -1;
    }
    return error;
}

void RegistryClient::transmit(const RegistryRequest& request, const QUrl& url, const QByteArray& authorization,
                              std::function<void(Result<HttpResponse>)> done)
{
    HttpRequest http;
    http.method = request.method;
    http.url = url;
    http.headers = request.headers;
    http.body = request.body;
    http.bodySource = request.bodySource;
    http.bodySize = request.bodySize;
    http.tls = m_endpoint.tls;
    http.maxBodyBytes = request.maxBodyBytes;
    http.sink = request.sink;
    http.flow = request.flow;
    if (!authorization.isEmpty())
        http.setHeader("Authorization", authorization);
    HttpReply* reply = m_http->send(std::move(http));
    m_inFlight.insert(reply, reply);
    connect(reply, &HttpReply::finished, this, [this, reply, done = std::move(done)] {
        m_inFlight.remove(reply);
        m_http->discard(reply);
        if (const auto& result = reply->result(); result && !result->header("ratelimit-remaining").isEmpty()) {
            // "100;w=21600": the count before the window parameter is what people want to see, and
            // what paces the manifest GETs (best-effort headers: an unreadable one changes nothing).
            bool ok = false;
            const int left = result->header("ratelimit-remaining").split(';').first().trimmed().toInt(&ok);
            if (ok && left >= 0) {
                m_pullsLeft = left;
                const int limit = result->header("ratelimit-limit").split(';').first().trimmed().toInt(&ok);
                m_pullLimit = ok ? limit : m_pullLimit;
            }
            Q_EMIT rateLimitReported(QString::fromLatin1(result->header("ratelimit-remaining").split(';').first()),
                                     QString::fromLatin1(result->header("ratelimit-limit").split(';').first()));
        }
        done(reply->result());
    });
}

void RegistryClient::cancelAll()
{
    const auto replies = m_inFlight.values();
    for (const auto& reply : replies) {
        if (reply)
            reply->abort();
    }
}

void RegistryClient::pingAt(const QUrl& base, Done<PingInfo> done)
{
    RegistryRequest request;
    transmit(request, base.resolved(QUrl(QStringLiteral("/v2/"))), {}, [base, done](Result<HttpResponse> result) {
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        if (result->status != 200 && result->status != 401) {
            Error error = errorFromResponse(*result, false);
            if (result->status == 404) {
                error.kind = ErrorKind::Unsupported;
                error.message = QStringLiteral("%1 does not serve the registry API (/v2/)").arg(base.toDisplayString());
            }
            done(std::unexpected(error));
            return;
        }
        PingInfo info;
        info.baseUrl = base;
        info.status = result->status;
        info.apiVersion = QString::fromLatin1(result->header("docker-distribution-api-version"));
        info.challenges = challengesOf(*result);
        done(info);
    });
}

namespace {
// What each loopback registry spoke last time (host:port -> plain HTTP or not): in memory, and in
// the session's file when one is set, so that the next process asks the right way first.
struct LoopbackSchemes
{
    QString file;
    QHash<QString, bool> plainHttp;
    bool loaded = false;
};
LoopbackSchemes& loopbackSchemes()
{
    static LoopbackSchemes schemes;
    if (!schemes.loaded && !schemes.file.isEmpty()) {
        schemes.loaded = true;
        const QSettings settings(schemes.file, QSettings::IniFormat);
        for (const QString& key : settings.allKeys())
            schemes.plainHttp.insert(key, settings.value(key).toBool());
    }
    return schemes;
}
QString schemeKey(QString host)
{
    return host.replace(u':', u'_');
}
} // namespace

void RegistryClient::setLoopbackSchemesFile(const QString& file)
{
    LoopbackSchemes& schemes = loopbackSchemes();
    schemes.file = file;
    schemes.plainHttp.clear(); // what the file says replaces what this process noted
    schemes.loaded = false;
}

bool RegistryClient::loopbackSpokeHttp(const QString& host)
{
    return loopbackSchemes().plainHttp.value(schemeKey(host));
}

void RegistryClient::rememberLoopbackScheme(const QString& host, bool plainHttp)
{
    LoopbackSchemes& schemes = loopbackSchemes();
    const QString key = schemeKey(host);
    if (schemes.plainHttp.value(key) == plainHttp)
        return;
    schemes.plainHttp.insert(key, plainHttp);
    if (!schemes.file.isEmpty())
        QSettings(schemes.file, QSettings::IniFormat).setValue(key, plainHttp);
}

void RegistryClient::resolveBase(QObject* context, Done<PingInfo> done)
{
    if (m_ping) {
        done(*m_ping);
        return;
    }
    // Requests started together wait for one ping rather than send one each.
    m_pingWaiters.append(std::move(done));
    if (m_pingWaiters.size() > 1)
        return;
    const QUrl https(QStringLiteral("https://") + m_endpoint.apiHost);
    const QUrl http(QStringLiteral("http://") + m_endpoint.apiHost);
    auto remember = [this](Result<PingInfo> result) {
        if (result)
            m_ping = *result;
        const auto waiters = std::exchange(m_pingWaiters, {});
        for (const auto& waiter : waiters)
            waiter(result);
    };
    if (m_endpoint.scheme == RegistryEndpoint::Scheme::Http) {
        pingAt(http, remember);
        return;
    }
    const bool mayFallBack = m_endpoint.scheme == RegistryEndpoint::Scheme::Auto && m_endpoint.isLoopback();
    if (mayFallBack && loopbackSpokeHttp(m_endpoint.apiHost)) {
        // This loopback registry answered plain HTTP last time: ask it that way first, and only if
        // that fails try HTTPS (a TLS attempt costs a process ~25 ms of CPU loading the CA store).
        pingAt(http, [this, https, remember](Result<PingInfo> plain) {
            if (plain || plain.error().kind == ErrorKind::Cancelled) {
                remember(plain);
                return;
            }
            pingAt(https, [this, remember](Result<PingInfo> secure) {
                if (secure)
                    rememberLoopbackScheme(m_endpoint.apiHost, false);
                remember(secure);
            });
        });
        return;
    }
    pingAt(https, [this, http, mayFallBack, remember, context = QPointer(context)](Result<PingInfo> result) {
        const bool transportProblem = !result
            && (result.error().kind == ErrorKind::Tls || result.error().kind == ErrorKind::Transport);
        if (!mayFallBack || !transportProblem) {
            remember(result);
            return;
        }
        // A loopback registry without TLS, as docker allows: keep the HTTPS error if HTTP fails too.
        const Error httpsError = result.error();
        pingAt(http, [this, remember, httpsError](Result<PingInfo> plain) {
            if (plain)
                rememberLoopbackScheme(m_endpoint.apiHost, true);
            remember(plain ? plain : Result<PingInfo>(std::unexpected(httpsError)));
        });
    });
}

void RegistryClient::ping(QObject* context, Done<PingInfo> done)
{
    resolveBase(context, guarded<Result<PingInfo>>(context, std::move(done)));
}

void RegistryClient::send(RegistryRequest request, QObject* context, Done<HttpResponse> done)
{
    sendResolved(std::move(request), context, guarded<Result<HttpResponse>>(context, std::move(done)), 0);
}

void RegistryClient::sendResolved(RegistryRequest request, QObject* context, Done<HttpResponse> done, int authAttempts)
{
    resolveBase(context, [this, request = std::move(request), context = QPointer(context), done,
                          authAttempts](Result<PingInfo> ping) mutable {
        if (!ping) {
            done(std::unexpected(ping.error()));
            return;
        }
        const QUrl url = request.absoluteUrl.isValid() ? request.absoluteUrl : ping->baseUrl.resolved(QUrl(request.path));
        withCredentials([this, request, url, context, done, authAttempts](std::optional<Credentials> creds) {
            attachAuthAndSend(request, url, context, done, authAttempts, creds);
        });
    });
}

void RegistryClient::withCredentials(std::function<void(std::optional<Credentials>)> next)
{
    if (m_credentialsFound) {
        next(*m_credentialsFound);
        return;
    }
    m_credentialWaiters.append(std::move(next));
    if (m_credentialWaiters.size() > 1)
        return; // a lookup is already running; it answers everyone
    m_credentials->lookup(m_endpoint.name, this, [this](std::optional<Credentials> creds) {
        m_credentialsFound = creds;
        const auto waiters = std::exchange(m_credentialWaiters, {});
        for (const auto& waiter : waiters)
            waiter(creds);
    });
}

void RegistryClient::attachAuthAndSend(RegistryRequest request, const QUrl& url, QObject* context,
                                       Done<HttpResponse> done, int authAttempts,
                                       const std::optional<Credentials>& creds)
{
    if (request.basicAuth) {
        // Credentials only over TLS or on this machine.
        const bool safe = url.scheme() == u"https" || isLoopbackHost(url.host());
        const QByteArray authorization = creds && safe ? basicAuthorization(*creds) : QByteArray();
        transmit(request, url, authorization,
                 [done, sent = !authorization.isEmpty(), notModifiedIsAnswer = request.notModifiedIsAnswer](Result<HttpResponse> result) {
            if (!result)
                done(std::unexpected(result.error()));
            else if (isAnswer(*result, notModifiedIsAnswer))
                done(std::move(result));
            else
                done(std::unexpected(errorFromResponse(*result, sent)));
        });
        return;
    }
    const std::optional<AuthChallenge> challenge = m_ping ? preferredChallenge(m_ping->challenges) : std::nullopt;

    auto onResponse = [this, request, url, context = QPointer(context), done, authAttempts, creds,
                       challenge](Result<HttpResponse> result, bool sentCredentials) {
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        if (result->status == 401 && authAttempts < 1) {
            const QList<AuthChallenge> fresh = challengesOf(*result);
            const auto next = preferredChallenge(fresh);
            if (!next) {
                done(std::unexpected(Error::make(ErrorKind::Auth,
                                                 QStringLiteral("the registry answered 401 without an authentication "
                                                                "challenge (WWW-Authenticate)"),
                                                 401)));
                return;
            }
            if (next->isBasic() && !creds) {
                done(std::unexpected(errorFromResponse(*result, false)));
                return;
            }
            // Ask again with what the registry now asks for: scopes from the challenge, a fresh token.
            RegistryRequest retry = request;
            for (const QString& scope : next->scopes()) {
                if (!retry.scopes.contains(scope))
                    retry.scopes << scope;
            }
            if (challenge && challenge->isBearer())
                m_tokens->forget(*challenge, request.scopes);
            if (m_ping)
                m_ping->challenges = fresh;
            // A short-lived login (ECR's 12-hour token) that the registry no longer takes: renewed once.
            if (sentCredentials && m_credentials->renewAfterRejection(m_endpoint.name)) {
                m_credentialsFound.reset();
                withCredentials([this, retry, url, context, done, authAttempts](std::optional<Credentials> renewed) {
                    attachAuthAndSend(retry, url, context, done, authAttempts + 1, renewed);
                });
                return;
            }
            attachAuthAndSend(retry, url, context, done, authAttempts + 1, creds);
            return;
        }
        if (isAnswer(*result, request.notModifiedIsAnswer)) {
            done(std::move(result));
            return;
        }
        if (result->status == 401 && sentCredentials)
            m_credentialsFound.reset(); // rejected: look them up again next time (a new login may exist)
        done(std::unexpected(errorFromResponse(*result, sentCredentials)));
    };

    if (!challenge) {
        transmit(request, url, {}, [onResponse](Result<HttpResponse> r) { onResponse(std::move(r), false); });
        return;
    }
    if (challenge->isBasic()) {
        const QByteArray authorization = creds ? basicAuthorization(*creds) : QByteArray();
        transmit(request, url, authorization,
                 [onResponse, sent = bool(creds)](Result<HttpResponse> r) { onResponse(std::move(r), sent); });
        return;
    }
    if (auto token = m_tokens->cached(*challenge, request.scopes)) {
        transmit(request, url, "Bearer " + token->token,
                 [onResponse, sent = bool(creds)](Result<HttpResponse> r) { onResponse(std::move(r), sent); });
        return;
    }
    m_tokens->fetch(*challenge, request.scopes, creds, m_endpoint.tls,
                    [this, request, url, onResponse, done, sent = bool(creds)](Result<BearerToken> token) {
                        if (!token) {
                            done(std::unexpected(token.error()));
                            return;
                        }
                        transmit(request, url, "Bearer " + token->token,
                                 [onResponse, sent](Result<HttpResponse> r) { onResponse(std::move(r), sent); });
                    });
}

void RegistryClient::listPaged(QUrl url, QString jsonKey, QStringList scopes, QStringList collected,
                               QSet<QString> seen, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    RegistryRequest request;
    request.absoluteUrl = url;
    request.scopes = scopes;
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    seen.insert(url.toString());
    sendResolved(
        request, context,
        [this, url, jsonKey, scopes, collected, seen, context = QPointer(context), done,
         onPage](Result<HttpResponse> result) mutable {
            if (!result) {
                done(std::unexpected(result.error()));
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(result->body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
                done(std::unexpected(Error::make(ErrorKind::Parse,
                                                 QStringLiteral("the list from %1 is not JSON: %2")
                                                     .arg(url.toDisplayString(), parseError.errorString()),
                                                 result->status)));
                return;
            }
            const QJsonValue value = doc.object().value(jsonKey);
            if (!value.isArray() && !value.isNull() && !value.isUndefined()) {
                done(std::unexpected(Error::make(ErrorKind::Parse,
                                                 QStringLiteral("\"%1\" in the list from %2 is not an array")
                                                     .arg(jsonKey, url.toDisplayString()))));
                return;
            }
            QStringList page;
            for (const QJsonValue& item : value.toArray())
                page << item.toString();
            collected += page;
            if (onPage && !page.isEmpty())
                onPage(page);
            // Follow Link: rel="next" until it is absent; a short page is not the end (spec).
            const QUrl next = nextPageLink(result->headerValues("link"), url);
            if (next.isEmpty()) {
                done(collected);
                return;
            }
            if (seen.contains(next.toString()) || next.host() != url.host()) {
                done(std::unexpected(Error::make(ErrorKind::Protocol,
                                                 QStringLiteral("the registry's next-page link %1 %2")
                                                     .arg(next.toDisplayString(),
                                                          next.host() != url.host() ? QStringLiteral("points to another host")
                                                                                    : QStringLiteral("repeats a page")))));
                return;
            }
            listPaged(next, jsonKey, scopes, collected, seen, context, done, onPage);
        },
        0);
}

void RegistryClient::listTags(const QString& repository, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    done = guarded<Result<QStringList>>(context, std::move(done));
    if (onPage)
        onPage = guarded<const QStringList&>(context, std::move(onPage)); // pages of a closed view are dropped too
    resolveBase(context, [this, repository, context = QPointer(context), done, onPage](Result<PingInfo> ping) {
        if (!ping) {
            done(std::unexpected(ping.error()));
            return;
        }
        QUrl url = ping->baseUrl.resolved(QUrl(QStringLiteral("/v2/") + repository + QStringLiteral("/tags/list")));
        url.setQuery(QStringLiteral("n=%1").arg(m_pageSize));
        listPaged(url, QStringLiteral("tags"), {Scope::repository(repository, {QStringLiteral("pull")})}, {}, {},
                  context, done, onPage);
    });
}

void RegistryClient::listRepositories(QObject* context, Done<QStringList> done, PageCallback onPage)
{
    done = guarded<Result<QStringList>>(context, std::move(done));
    if (onPage)
        onPage = guarded<const QStringList&>(context, std::move(onPage));
    resolveBase(context, [this, context = QPointer(context), done, onPage](Result<PingInfo> ping) {
        if (!ping) {
            done(std::unexpected(ping.error()));
            return;
        }
        QUrl url = ping->baseUrl.resolved(QUrl(QStringLiteral("/v2/_catalog")));
        url.setQuery(QStringLiteral("n=%1").arg(m_pageSize));
        listPaged(url, QStringLiteral("repositories"), {QStringLiteral("registry:catalog:*")}, {}, {}, context, done,
                  onPage);
    });
}

void RegistryClient::checkLogin(QObject* context, Done<void> done)
{
    RegistryRequest request;
    request.path = QStringLiteral("/v2/");
    send(request, context, [done](Result<HttpResponse> result) {
        if (!result)
            done(std::unexpected(result.error()));
        else
            done({});
    });
}

} // namespace berth
