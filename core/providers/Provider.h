#pragma once

#include "core/base/Error.h"
#include "core/scan/Vulnerabilities.h"
#include "core/store/ObservationLog.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

namespace berth {

class RegistryClient;
struct RegistryEndpoint;

// Manifest digest -> when the registry says it was pushed.
using PushTimes = QHash<QString, QDateTime>;

// The registry families whose own API Berth speaks beside the OCI distribution API.
enum class ProviderKind { Oci, DockerHub, Ghcr, Quay, Harbor, Ecr, ArtifactRegistry };

QString providerKindName(ProviderKind kind); // "oci", "dockerhub", "ghcr", "quay", "harbor", "ecr", "gar"
QString providerDisplayName(ProviderKind kind); // "OCI registry", "Docker Hub", ...
std::optional<ProviderKind> providerKindFromName(const QString& name);
// The family a registry belongs to: the user's choice when set, else what its host name says
// (docker.io and its aliases, ghcr.io, quay.io, *.dkr.ecr.*, LOCATION-docker.pkg.dev); everything else is OCI.
ProviderKind providerKindFor(const RegistryEndpoint& endpoint);
// The family of a registry whose host name does not say (a self-hosted Quay answers
// /api/v1/discovery with its own description, Harbor /api/v2.0/systeminfo); the user's choice or
// the host's family otherwise.
void detectProviderKind(RegistryClient* client, QObject* context, std::function<void(ProviderKind)> done);
// Whether the registry counts manifest GETs against a pull limit (Docker Hub), so that its client paces them.
bool countsPulls(const RegistryEndpoint& endpoint);

// What a registry can do, so that menus, the CLI and retention say what it cannot before the user tries.
struct ProviderCapabilities
{
    bool catalog = true; // GET /v2/_catalog lists repositories
    bool namespaces = false; // its own API lists namespaces and their repositories
    bool pushTimes = false; // it keeps when each tag or image was pushed
    bool pullTimes = false; // ...and when it was last pulled
    bool meteredPulls = false; // each manifest GET counts against a pull limit (Docker Hub): list tags through the API
    bool deleteImage = true; // an image (manifest digest) with all its tags
    bool deleteTag = true; // one tag, the image and its other tags stay
    bool restore = false; // its own API restores what was deleted
    bool tagHistory = false; // it keeps where each tag pointed and when (Quay)
    bool registryPolicy = false; // it runs a cleanup policy of its own that Berth can read
    bool policyPreview = false; // ...and preview (the registry's own dry run)
    bool policyWrite = false; // ...and write back
    bool startScan = false; // its own scanner can be asked to scan an image (ECR, Harbor)
    QString deletionNote; // how deletion goes there, in one sentence (English; the UI translates kinds)
};

// A tag as the registry's own API describes it.
struct ProviderTag
{
    QString name;
    QString digest; // the manifest (or index) the tag names
    QDateTime pushed; // when the tag was last pushed; invalid when the registry does not say
    QDateTime pulled; // when it was last pulled; invalid when never, or not kept
    qint64 size = -1; // bytes as the registry counts them
    QStringList platforms; // os/arch[/variant]
};

// Room for a listing's tags, made once when its first page comes (`list` still empty): the
// registry's total, but no more than 50 such pages (a count that lies costs no memory; a longer
// listing grows past it).
template<typename List>
void makeListingRoom(List& list, qint64 total, qsizetype firstPage)
{
    if (list.empty())
        list.reserve(qsizetype(qBound(qint64(firstPage), total, qint64(firstPage) * 50)));
}

// Tags in name order, as every family's listTags answers them.
void sortByName(QList<ProviderTag>& tags);

// A cleanup policy the registry runs itself: ECR's lifecycle policy, Harbor's tag retention,
// Artifact Registry's cleanup policies, Quay's auto-prune.
struct RegistryPolicy
{
    QString format; // "ecr-lifecycle", ...: the format RetentionPolicyFile reads
    QByteArray text; // the policy as the registry keeps it
    QDateTime lastEvaluated; // when the registry last ran it, where it says
    QString note; // what else the registry says of it ("dry run: Artifact Registry deletes nothing")
};

// One image the registry's own dry run of a policy would remove.
struct RegistryPolicyPreviewEntry
{
    QString digest;
    QStringList tags;
    QDateTime pushed;
    QString action; // "EXPIRE", ...
    int rule = -1; // the priority or index of the rule that matched
};

struct RegistryPolicyPreview
{
    QString status; // the registry's word for the dry run's state ("COMPLETE")
    QList<RegistryPolicyPreviewEntry> entries;
    // Registries whose dry run counts instead of listing (Harbor: per repository, total and retained).
    int countedTotal = -1;
    int countedRemoved = -1;
};

// A webhook the registry sends on its own events (Harbor's notification policies).
struct WebhookPolicy
{
    qint64 id = 0; // the registry's id, when read from it
    QString name;
    bool enabled = false;
    QStringList events; // "PUSH_ARTIFACT", ...
    QStringList targets; // addresses; never their auth headers
};

// One registry family's API, on top of the registry client of one registry. The base class is
// the plain OCI registry: catalog, tag list, manifest DELETE; families override what they do
// their own way. Results go to a context object, as with RegistryClient.
class Provider : public QObject
{
    Q_OBJECT
public:
    template<typename T>
    using Done = std::function<void(Result<T>)>;
    using PageCallback = std::function<void(const QStringList& page)>;
    // A page of tags and how many the registry says there are in all (-1 when it does not say),
    // for a caller to make room once: a list grown page by page moves to new memory at each
    // doubling, and new memory is what a listing of 5,000 tags spent most on.
    using TagPageCallback = std::function<void(QList<ProviderTag> page, qint64 total)>;

    explicit Provider(RegistryClient* client, QObject* parent = nullptr);

    RegistryClient* client() const { return m_client; }
    virtual ProviderKind kind() const { return ProviderKind::Oci; }
    virtual ProviderCapabilities capabilities() const;
    // Where tag dates come from, for "pushed"/"pulled" sources in JSON ("docker-hub-api", ...).
    virtual QString dateSource() const { return {}; }

    // The namespaces (organisations, users) the login can see and those the user named. Empty
    // where the registry has no such notion (a plain registry lists repositories directly).
    virtual void listNamespaces(QObject* context, Done<QStringList> done);
    // Every repository of a namespace ("" = all the registry lists), page by page as they arrive.
    virtual void listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage = {});
    // Every tag with what the registry's API says of it. A plain registry knows names only.
    virtual void listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done);
    // The same tags, each page to onPage as it arrives, then done. For a caller with work per tag
    // (berthctl's JSON), done while the next page is on its way. A family that reads its tags in
    // one piece hands them over as one page.
    virtual void listTagsInPages(const QString& repository, QObject* context, TagPageCallback onPage, Done<void> done);
    // Every manifest the registry lists for a repository, tagged or not, with when it was pushed (for
    // retention's ages and its untagged images). A registry that keeps no push times answers an
    // empty map, not an error.
    virtual void pushTimes(const QString& repository, QObject* context, Done<PushTimes> done);
    // The registry's own vulnerability scan of an image (Harbor's, ECR's); nothing where it keeps none.
    virtual void scanReport(const QString& repository, const QString& digest, QObject* context,
                            Done<std::optional<VulnerabilityReport>> done);
    // Deletes an image: the manifest by digest (all its tags go with it). `tags` are the tags the
    // caller saw on it, for registries that delete by tag.
    virtual void deleteImage(const QString& repository, const QString& digest, const QStringList& tags, QObject* context,
                             Done<void> done);
    // Removes one tag; the image and its other tags stay. Returns the digest the tag named.
    virtual void deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done);
    // Puts a deleted image back under `tag` through the registry's own API (GHCR restores package
    // versions for 30 days). Unsupported where the registry has no such API (capabilities().restore);
    // Berth then pushes the manifest bytes it kept instead.
    virtual void restoreImage(const QString& repository, const QString& digest, const QString& tag, QObject* context,
                              Done<void> done);
    // Where each tag pointed and when, as the registry recorded it (Quay keeps every tag's start
    // and end): rows like the observation log's, firstSeen = start, lastSeen = end (or now while
    // the tag still points there). `tag` empty = every tag. Unsupported without capabilities().tagHistory.
    virtual void tagHistory(const QString& repository, const QString& tag, QObject* context, Done<QList<TagObservation>> done);
    // Checks the client's login against the family's own API too (Hub's token exchange, GitHub's
    // packages API and its read:packages scope); the registry API alone may accept what the API refuses.
    virtual void checkApiLogin(QObject* context, Done<void> done);
    // Finds out, deleting nothing, whether this login may delete in the repository; fails with
    // Unsupported, Denied or Auth (message in plain words) when deletion would fail.
    virtual void checkDelete(const QString& repository, QObject* context, Done<void> done);
    // Asks the registry's own scanner to scan an image (tag or digest); answers the registry's word
    // for the scan's state ("IN_PROGRESS", "Scanning"). Unsupported without capabilities().startScan.
    virtual void startScan(const QString& repository, const QString& reference, QObject* context, Done<QString> done);
    // The webhooks a namespace (Harbor project) sends. Unsupported where Berth does not read them.
    virtual void listWebhooks(const QString& ns, QObject* context, Done<QList<WebhookPolicy>> done);
    // Adds the namespace's webhook of policy.name, or changes it: its events, its first target's
    // address, enabled. What Berth does not edit (the target's auth header, payload format) stays.
    // Event types the registry does not support are refused with its list. Unsupported where Berth
    // does not write webhooks.
    virtual void putWebhook(const QString& ns, const WebhookPolicy& policy, QObject* context, Done<void> done);
    // The repository's own cleanup policy; nullopt where none is set. Unsupported without
    // capabilities().registryPolicy.
    virtual void registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done);
    // The registry's own dry run of `policy` (empty: of the policy it has) on the repository.
    virtual void previewRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context,
                                       Done<RegistryPolicyPreview> done);
    // Replaces the repository's policy; the registry's refusal comes back in its own words.
    virtual void putRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<void> done);

protected:
    // The repositories of every namespace listNamespaces gives, one namespace after the other,
    // each page to onPage as it comes (for families whose API lists per namespace: Hub, GHCR).
    void listEveryNamespace(QObject* context, Done<QStringList> done, PageCallback onPage);
    // A listing that arrives page by page: each page goes to `onPage` as it comes (empty names
    // dropped), and `finish` hands every name to `done` once the listing has ended.
    struct RepositoryPages
    {
        PageCallback onPage;
        QStringList all;
        void add(QStringList names);
        void finish(Result<void> ended, const Done<QStringList>& done) const;
    };
    // Whether a page's `next` link stays on the API the credentials were meant for (same scheme,
    // host and port): a token must not follow a link elsewhere.
    static bool sameOrigin(const QUrl& link, const QUrl& base);
    // Push times from the tags the family's API lists: an image counts from the earliest push of
    // the tags naming it (Hub's last pushes, Quay's live rows).
    void pushTimesFromTags(const QString& repository, QObject* context, Done<PushTimes> done);
    // Sends one request of the family's own API over the registry's HTTP engine and TLS choices;
    // an answer outside 2xx becomes `toError(answer)`. The caller adds its credentials.
    void sendApiRequest(struct HttpRequest request, QObject* context, std::function<Error(const struct HttpResponse&)> toError,
                        Done<struct HttpResponse> done);
    // Moves `tag` onto a unique, empty OCI artifact pushed for the purpose; returns {the digest the
    // tag named before, the placeholder's digest}. Deleting the placeholder then removes the tag alone.
    void moveTagToPlaceholder(const QString& repository, const QString& tag, QObject* context,
                              Done<std::pair<QString, QString>> done);

    // "<family> runs no cleanup policy of its own ...", for the registry-policy calls it lacks.
    Error unsupportedPolicy() const;
    RegistryClient* m_client;

private:
    void listNamespacesInTurn(QStringList left, QStringList collected, QObject* context, Done<QStringList> done, PageCallback onPage);
};

// The provider for a registry client's endpoint (providerKindFor), owned by `parent`.
Provider* createProvider(RegistryClient* client, QObject* parent);

} // namespace berth
