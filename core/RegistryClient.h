#pragma once

#include "AuthChallenge.h"
#include "Credentials.h"
#include "Error.h"
#include "HttpMessage.h"
#include "RegistryEndpoint.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>
#include <functional>
#include <optional>

namespace berth {

class HttpClient;
class HttpReply;
class TokenService;

struct PingInfo
{
    QUrl baseUrl; // scheme://host[:port], as resolved (HTTPS, or HTTP for loopback)
    int status = 0; // 200 or 401
    QString apiVersion; // Docker-Distribution-API-Version
    QList<AuthChallenge> challenges;
};

// One request to the registry API. The client adds authentication as the registry asks for it.
struct RegistryRequest
{
    QByteArray method = "GET";
    QString path; // "/v2/team/app/tags/list"
    QUrl absoluteUrl; // instead of path, e.g. a Link header's next page
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QStringList scopes; // token scopes this request needs, e.g. repository:team/app:pull
    qint64 maxBodyBytes = 64LL * 1024 * 1024;
    std::function<bool(QByteArrayView)> sink;
};

// The OCI distribution API of one registry over the shared HttpClient. Results are delivered to
// a context object: when it is gone (a closed view), the callback is dropped.
class RegistryClient final : public QObject
{
    Q_OBJECT
public:
    RegistryClient(RegistryEndpoint endpoint, HttpClient* http, TokenService* tokens, CredentialProvider* credentials,
                   QObject* parent = nullptr);
    ~RegistryClient() override;

    template<typename T>
    using Done = std::function<void(Result<T>)>;
    using PageCallback = std::function<void(const QStringList& page)>;

    const RegistryEndpoint& endpoint() const { return m_endpoint; }

    void ping(QObject* context, Done<PingInfo> done);
    // Every tag of a repository, following every page (n, last, Link). onPage sees each page as it arrives.
    void listTags(const QString& repository, QObject* context, Done<QStringList> done, PageCallback onPage = {});
    // Every repository in the catalog, following every page.
    void listRepositories(QObject* context, Done<QStringList> done, PageCallback onPage = {});
    // Checks that the credentials are accepted (what `login` does before it saves them).
    void checkLogin(QObject* context, Done<void> done);
    // Any API request, authenticated as the registry asks. Non-2xx answers become errors.
    void send(RegistryRequest request, QObject* context, Done<HttpResponse> done);

    // Stops every request of this client; their callbacks get ErrorKind::Cancelled.
    void cancelAll();
    void setPageSize(int size) { m_pageSize = size; }

    // Exposed for tests: turn an HTTP answer into an Error with the registry's code and message.
    static Error errorFromResponse(const HttpResponse& response, bool sentCredentials);

private:
    void resolveBase(QObject* context, Done<PingInfo> done);
    void pingAt(const QUrl& base, Done<PingInfo> done);
    void sendResolved(RegistryRequest request, QObject* context, Done<HttpResponse> done, int authAttempts);
    void attachAuthAndSend(RegistryRequest request, const QUrl& url, QObject* context, Done<HttpResponse> done,
                           int authAttempts, const std::optional<Credentials>& creds);
    void transmit(const RegistryRequest& request, const QUrl& url, const QByteArray& authorization,
                  std::function<void(Result<HttpResponse>)> done);
    void listPaged(QUrl url, QString jsonKey, QStringList scopes, QStringList collected, QSet<QString> seen,
                   QObject* context, Done<QStringList> done, PageCallback onPage);

    RegistryEndpoint m_endpoint;
    HttpClient* m_http;
    TokenService* m_tokens;
    CredentialProvider* m_credentials;
    std::optional<PingInfo> m_ping;
    QList<QPointer<HttpReply>> m_inFlight;
    int m_pageSize = 1000;
};

} // namespace berth
