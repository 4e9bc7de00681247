#pragma once

#include "core/base/JsonTape.h"
#include "core/net/HttpMessage.h"
#include "core/providers/Provider.h"

#include <QPointer>
#include <QUrl>
#include <optional>
#include <vector>

namespace berth {

// Docker Hub through its REST API (hub.docker.com/v2) beside registry-1.docker.io: the
// repositories of a namespace (Hub has no catalog), tags with when they were last pushed and
// pulled, and tag deletion (Hub answers a manifest DELETE with 405). The login that docker login
// stored (username and personal access token) is exchanged for Hub's short-lived bearer token.
class DockerHubProvider final : public Provider
{
    Q_OBJECT
public:
    explicit DockerHubProvider(RegistryClient* client, QObject* parent = nullptr);

    ProviderKind kind() const override { return ProviderKind::DockerHub; }
    ProviderCapabilities capabilities() const override;
    QString dateSource() const override { return QStringLiteral("docker-hub-api"); }

    void listNamespaces(QObject* context, Done<QStringList> done) override;
    void listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage = {}) override;
    void listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done) override;
    void listTagsInPages(const QString& repository, QObject* context, TagPageCallback onPage, Done<void> done) override;
    void pushTimes(const QString& repository, QObject* context, Done<PushTimes> done) override
    {
        pushTimesFromTags(repository, context, std::move(done));
    }
    void deleteImage(const QString& repository, const QString& digest, const QStringList& tags, QObject* context,
                     Done<void> done) override;
    void deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done) override;
    void checkDelete(const QString& repository, QObject* context, Done<void> done) override;
    void checkApiLogin(QObject* context, Done<void> done) override;

    // Hub's page_size limit (and what Berth asks for).
    static constexpr int kPageSize = 100;
    // One tags-list item as Hub serves it (images as an array, tag_status, tag-level digest — see
    // tests/fixtures/dockerhub/FACTS.md H9/H10); exposed for tests.
    static ProviderTag tagFromJson(const JsonRef& item);

private:
    // Platform names ("linux/arm64/v8") built once per listing and shared by its tags.
    class PlatformNames;
    static ProviderTag tagFromJson(const JsonRef& item, PlatformNames& platformNames);
    // A page's results array, valid during the call, and Hub's count of all items.
    using ItemCallback = std::function<void(const JsonRef& results, qint64 count)>;
    struct HubPage
    {
        std::shared_ptr<const JsonTape> tape; // keeps `results` readable
        JsonRef results;
        qint64 count = 0;
        QString next;
    };
    // A numbered read of pages 2..N after the first, a few in flight, delivered in order.
    struct PagedRead
    {
        QUrl base; // page 2's URL; the page number is set per request
        qint64 count = 0;
        int pages = 0;
        int launched = 1;
        int delivered = 1;
        qint64 rows = 0;
        bool finished = false;
        std::vector<std::optional<HubPage>> arrived;
        ItemCallback onPage;
        Done<void> done;
        QPointer<QObject> context;
    };
    static constexpr int kPagesInFlight = 6; // kind to Hub's API rate limit, yet no waiting page by page
    // Parallel pages pay when each page waits on the network. An API that answered the first page
    // within this many milliseconds (a mirror next door, a stand-in) gets two at a time: more
    // connections would only add TLS handshakes, on both sides, for nothing.
    static constexpr int kNearbyAnswerMs = 25;
    static constexpr int kPagesInFlightNearby = 2;
    static constexpr int kMaxPages = 5000;
    void fetchPage(const QUrl& url, QObject* context, Done<HubPage> done);
    // GET every page from `url`; each page's results to onPage, in order. Checks Hub's count.
    void getPages(QUrl url, QObject* context, ItemCallback onPage, Done<void> done);
    void launchPage(std::shared_ptr<PagedRead> state);
    // Following `next` one page after the other, for links that are not numbered pages.
    void getPagesInTurn(QUrl url, qint64 count, qint64 rows, QSet<QString> seen, QObject* context, ItemCallback onPage, Done<void> done);
    // Sends a Hub API request with the bearer token (logging in first when there is a login).
    void send(HttpRequest request, QObject* context, Done<HttpResponse> done, bool retriedLogin = false);
    void withToken(std::function<void(Result<QByteArray>)> next);
    void deleteEachTag(const QString& repository, QStringList left, QObject* context, Done<void> done);
    QUrl apiUrl(const QString& path) const;

    QUrl m_base;
    QByteArray m_token; // Hub's bearer token; empty when anonymous
    QString m_username;
    QDateTime m_tokenExpires;
};

} // namespace berth
