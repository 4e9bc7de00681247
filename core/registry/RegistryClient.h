#pragma once

#include "core/auth/AuthChallenge.h"
#include "core/auth/Credentials.h"
#include "core/base/Error.h"
#include "core/net/HttpMessage.h"
#include "core/net/RegistryEndpoint.h"
#include "core/registry/Manifest.h"

#include <QObject>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QUrl>
#include <functional>
#include <optional>

namespace berth {

class HttpClient;
class HttpReply;
class TokenService;

// What a HEAD on a manifest tells: enough to revalidate a cached tag without fetching it.
struct ManifestHead
{
    QString digest; // Docker-Content-Digest
    QString mediaType;
    qint64 size = -1;
    bool notModified = false; // the registry answered a conditional HEAD with 304: still what the caller knew
};

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
    std::shared_ptr<FlowControl> flow; // see HttpRequest::flow
    std::function<qint64(char*, qint64)> bodySource; // see HttpRequest::bodySource
    qint64 bodySize = -1;
    // A registry's own REST API (Harbor's /api/v2.0) takes the login as HTTP Basic, not a token.
    bool basicAuth = false;
    // A conditional request (If-None-Match): 304 Not Modified is its answer, not an error.
    bool notModifiedIsAnswer = false;
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
    HttpClient* http() const { return m_http; } // for a registry's companion APIs (ECR)
    // The login for this registry (looked up once, then reused), for its companion APIs (Hub's).
    void credentials(std::function<void(std::optional<Credentials>)> next) { withCredentials(std::move(next)); }

    void ping(QObject* context, Done<PingInfo> done);
    // Every tag of a repository, following every page (n, last, Link). onPage sees each page as it arrives.
    void listTags(const QString& repository, QObject* context, Done<QStringList> done, PageCallback onPage = {});
    // Every repository in the catalog, following every page.
    void listRepositories(QObject* context, Done<QStringList> done, PageCallback onPage = {});
    // Checks that the credentials are accepted (what `login` does before it saves them).
    void checkLogin(QObject* context, Done<void> done);
    // The manifest (or index) by tag or digest, checked against its digest: the requested one, or
    // the Docker-Content-Digest the registry sent. A mismatch is ErrorKind::DigestMismatch.
    void fetchManifest(const QString& repository, const QString& reference, QObject* context, Done<Manifest> done);
    void headManifest(const QString& repository, const QString& reference, QObject* context, Done<ManifestHead> done);
    // Whether a reference still points where it did when last seen (`known`: its digest and manifest
    // type). One HEAD asking for that manifest type only, conditional on that digest (If-None-Match:
    // a distribution registry's ETag is the quoted digest). The registry then answers 304 without
    // reading the manifest, and `known` comes back; a registry that ignores the condition answers in
    // full. Another digest, or no manifest of that type, means it moved (the caller then fetches it).
    // The narrow Accept matters too: the usual one was 330 of a HEAD's 434 bytes, which curl writes a
    // byte at a time.
    void revalidateManifest(const QString& repository, const QString& reference, const ManifestHead& known, QObject* context,
                            Done<ManifestHead> done);
    // After a manifest 404, which of the two is missing: the repository (NAME_UNKNOWN) or the tag or
    // digest in it (MANIFEST_UNKNOWN). Registries answer both with MANIFEST_UNKNOWN, so this asks the
    // tag list. One request, made only when the caller wants to tell the user.
    void explainMissingManifest(const QString& repository, const QString& reference, const Error& answer, QObject* context,
                                std::function<void(Error)> done);
    // Pushes manifest bytes under a tag or digest; returns the digest the registry stored.
    void putManifest(const QString& repository, const QString& reference, const QByteArray& bytes, const QString& mediaType,
                     QObject* context, Done<QString> done);
    void deleteManifest(const QString& repository, const QString& digest, QObject* context, Done<void> done);
    // Finds out, without deleting anything, whether this login may delete in the repository: a DELETE
    // of a digest no content has answers 404 where deletion is allowed, 405/UNSUPPORTED where the
    // registry has it off and 401/403 where the login lacks the delete grant. Fails with Unsupported
    // or Denied (message in plain words) when deletion would fail.
    void checkDeletePermission(const QString& repository, QObject* context, Done<void> done);
    // What to tell the user when the registry answered a DELETE with 405/UNSUPPORTED.
    static QString deletionRefused(const Error& answer);
    // Uploads a small blob in one request (POST, then PUT with its digest); returns the digest.
    void uploadBlob(const QString& repository, const QByteArray& bytes, QObject* context, Done<QString> done);
    // Whether the repository has the blob (HEAD).
    void hasBlob(const QString& repository, const QString& digest, QObject* context, Done<bool> done);
    // Asks the registry to link a blob it already holds in another repository (cross-repository
    // mount): true when mounted, false when the registry would rather have it uploaded.
    void mountBlob(const QString& repository, const QString& digest, const QString& fromRepository, QObject* context,
                   Done<bool> done);
    // Uploads a blob of `size` bytes produced while it is sent (see HttpRequest::bodySource); the
    // registry checks it against `digest`.
    void uploadBlobStream(const QString& repository, const QString& digest, qint64 size,
                          std::function<qint64(char*, qint64)> source, std::shared_ptr<FlowControl> flow, QObject* context,
                          Done<void> done);
    // Opens an upload session for `digest` unless the repository has the blob, in one request: a
    // mount from the repository itself is 201 when the blob is there (nullopt), and 202 with a
    // session when not, as it is from a registry that does not mount. Saves a HEAD per blob.
    void startUploadUnlessPresent(const QString& repository, const QString& digest, QObject* context, Done<std::optional<QUrl>> done);
    // uploadBlobStream into a session already open (startUploadUnlessPresent's URL).
    void uploadBlobStreamTo(const QUrl& session, const QString& repository, qint64 size, std::function<qint64(char*, qint64)> source,
                            std::shared_ptr<FlowControl> flow, QObject* context, Done<void> done);
    // Streams a blob into `sink`, hashing as it goes; the result is the byte count once the digest
    // matched. On any error the caller must drop what the sink received.
    void fetchBlob(const QString& repository, const QString& digest, std::function<bool(QByteArrayView)> sink,
                   QObject* context, Done<qint64> done, std::shared_ptr<FlowControl> flow = {});
    // A small blob (a config) in memory, digest checked.
    void fetchBlobBytes(const QString& repository, const QString& digest, qint64 maxBytes, QObject* context,
                        Done<QByteArray> done);
    // Everything that refers to `digest` (signatures, SBOMs, attestations): the referrers API, or
    // the sha256-<hex> tag where the registry has no such API. Artifact types are the manifests'
    // own where the answer gives none or a generic one (some registries give the config's type).
    void listReferrers(const QString& repository, const QString& digest, const QString& artifactType, QObject* context,
                       Done<QList<Descriptor>> done);
    // Whether the registry answered a referrers request with a plain 404 (no such API; one that
    // has it never says 404, OCI distribution spec): then only the tag schema is asked.
    bool lacksReferrersApi() const { return m_lacksReferrersApi; }

    static constexpr qint64 kMaxManifestBytes = 4 * 1024 * 1024;

    // Any API request, authenticated as the registry asks. Non-2xx answers become errors.
    void send(RegistryRequest request, QObject* context, Done<HttpResponse> done);

    // Where to keep which loopback registries speak plain HTTP, across processes (the session's
    // cache); without it the knowledge lasts for this process only.
    static void setLoopbackSchemesFile(const QString& file);

    // Stops every request of this client; their callbacks get ErrorKind::Cancelled.
    void cancelAll();
    void setPageSize(int size) { m_pageSize = size; }
    // The registry counts manifest GETs against a pull limit (Docker Hub: 100 per 6 hours
    // anonymously) and reports what is left in ratelimit-* headers. Berth then paces itself: the
    // first GET goes alone (to learn the count), GETs go one at a time once few are left, and
    // none is sent once none is left — it says so instead of being refused.
    void setPullsCounted(bool counted) { m_pullsCounted = counted; }
    int pullsLeft() const { return m_pullsLeft; } // -1 while the registry has not said

Q_SIGNALS:
    // The registry reported its pull limits (Docker Hub's ratelimit-remaining / ratelimit-limit).
    void rateLimitReported(const QString& remaining, const QString& limit);

public:
    // Exposed for tests: turn an HTTP answer into an Error with the registry's code and message.
    static Error errorFromResponse(const HttpResponse& response, bool sentCredentials);

private:
    void resolveBase(QObject* context, Done<PingInfo> done);
    static bool loopbackSpokeHttp(const QString& host);
    static void rememberLoopbackScheme(const QString& host, bool plainHttp);
    void pingAt(const QUrl& base, Done<PingInfo> done);
    void sendResolved(RegistryRequest request, QObject* context, Done<HttpResponse> done, int authAttempts);
    void attachAuthAndSend(RegistryRequest request, const QUrl& url, QObject* context, Done<HttpResponse> done,
                           int authAttempts, const std::optional<Credentials>& creds);
    void transmit(const RegistryRequest& request, const QUrl& url, const QByteArray& authorization,
                  std::function<void(Result<HttpResponse>)> done);
    // The login for this registry, looked up once (keychain, docker config) and then reused; an
    // answer that rejects it makes the next request look again.
    void withCredentials(std::function<void(std::optional<Credentials>)> next);
    void fetchManifestNow(const QString& repository, const QString& reference, Done<Manifest> done);
    bool pullsPaced() const;
    void startWaitingPulls();
    // Opens an upload session (with `mountFrom`: a mount of the blob from there first); the PUT URL
    // for the blob `digest`, or nullopt when the registry answered 201 (mounted, or there).
    void startUpload(const QString& repository, const QString& digest, const QString& mountFrom, QObject* context,
                     Done<std::optional<QUrl>> done);
    // Fills in the artifact types a referrers answer left empty or generic, from the manifests.
    void completeArtifactTypes(const QString& repository, QList<Descriptor> referrers, QObject* context,
                               std::function<void(QList<Descriptor>)> done);
    void listPaged(QUrl url, QString jsonKey, QStringList scopes, QStringList collected, QSet<QString> seen,
                   QObject* context, Done<QStringList> done, PageCallback onPage);

    RegistryEndpoint m_endpoint;
    HttpClient* m_http;
    TokenService* m_tokens;
    CredentialProvider* m_credentials;
    std::optional<PingInfo> m_ping;
    QList<Done<PingInfo>> m_pingWaiters; // while the first ping is out
    std::optional<std::optional<Credentials>> m_credentialsFound;
    QList<std::function<void(std::optional<Credentials>)>> m_credentialWaiters;
    // Replies not finished yet, for cancelAll. Keyed by the reply, so that a finished one leaves in
    // constant time: a history of 20,000 tags has tens of thousands in flight or queued at once.
    QHash<HttpReply*, QPointer<HttpReply>> m_inFlight;
    int m_pageSize = 1000;
    bool m_lacksReferrersApi = false;
    bool m_pullsCounted = false;
    int m_pullsLeft = -1;
    int m_pullLimit = -1;
    int m_pullsInFlight = 0;
    QList<std::function<void()>> m_waitingPulls; // manifest GETs held back while pulls are paced
};

} // namespace berth
