#pragma once

#include "core/base/Error.h"
#include "core/registry/Manifest.h"
#include "core/store/ObservationLog.h"

#include <QDateTime>
#include <QMap>
#include <QFuture>
#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace berth {

class ContentStore;
class ObservationLog;
class RegistryClient;
struct ProviderTag;

// One row of `history`: what a tag points at, when it was built, how big it is.
struct TagSummary
{
    QString tag;
    QString digest;
    QString mediaType;
    QDateTime created; // from the image config (for an index: its first platform's)
    qint64 size = -1; // config + layers, compressed; for an index the sum over its platforms
    QStringList platforms;
    QString artifactType;
    QDateTime firstSeen; // when Berth first saw the tag at this digest (local tag history)
    QMap<QString, qint64> blobs; // every blob the tag's image(s) use, digest -> compressed size
    qint64 uniqueSize = -1; // what deleting this tag alone would free after GC (see repositorySizes)
    bool fromCache = false; // the manifest was revalidated with HEAD and read from the cache
    std::optional<Error> problem; // this tag only: schema 1, a missing config, a digest mismatch
    QStringList childManifests; // for an index: the digests of the manifests it lists
};

// The repository's stored bytes with shared blobs counted once, and per tag the bytes that only
// its image uses (zero when another tag points at the same image). Fills TagSummary::uniqueSize;
// -1 (not known) for a tag whose image was not read (a row from a registry's own listing).
qint64 repositorySizes(QList<TagSummary>& rows);
// The stored bytes alone, for rows whose unique sizes are filled already.
qint64 storedBytes(const QList<TagSummary>& rows);

// Builds the per-tag summary of a repository. A repeat run revalidates each tag with a HEAD and
// takes the summary kept for that digest (derived once from the verified manifest and config;
// otherwise they are read from the content store); every tag -> digest sighting is recorded.
class RepositoryHistory final : public QObject
{
    Q_OBJECT
public:
    RepositoryHistory(RegistryClient* client, ContentStore* store, ObservationLog* log, QObject* parent = nullptr);
    // Waits for the tag observations still being written: none is lost when the window or the CLI closes.
    ~RepositoryHistory() override;
    // Blocks until the tag observations of finished runs are on disk (tests, and a CLI about to exit).
    void waitForWrites();

    using Done = std::function<void(Result<QList<TagSummary>>)>;
    using Progress = std::function<void(const TagSummary& row, int finished, int total)>;
    using TagPage = std::function<void(const QStringList& tags)>;
    // `onTags` sees each page of tag names as it arrives; `progress` each tag once summarised.
    void load(const QString& repository, QObject* context, Done done, Progress progress = {}, TagPage onTags = {});

    // Rows for a listing from the registry's own API, without a request: where reading manifests
    // counts against a pull limit (Docker Hub), the table starts from that listing. A tag whose
    // image Berth summarised before gets that summary; the others what the listing says (digest,
    // size, platforms; no build date). The sightings are recorded as load() records them. Rows come
    // in the listing's order (the table sorts them as the user asked).
    QList<TagSummary> fromListing(const QString& repository, const QList<ProviderTag>& listed);
    // The same in steps, for a listing that arrives page by page (the window): the local history's
    // sightings are read on a worker thread meanwhile and each page joins the kept summaries as it
    // comes, so that little is left to do once the last page is in.
    void beginListing(const QString& repository);
    // `total`: how many tags the listing will hold in all, where the registry says (else -1).
    void addListedPage(const QList<ProviderTag>& page, qint64 total = -1);
    QList<TagSummary> endListing();

    // What Berth knew of the repository when it last loaded it, from the local history and the kept
    // summaries alone (no request): shown at once, then refreshed in place by load(). Tags whose
    // summary was not kept are left out.
    QList<TagSummary> lastKnown(const QString& repository) const;
    // What the repository held when Berth last listed it completely (a history run, a watch's
    // poll), for when the registry cannot be reached: every tag of that listing with what was kept
    // of its image (a tag whose summary was not kept has its digest alone). nullopt when never listed.
    struct Offline
    {
        QList<TagSummary> rows;
        QDateTime asOf;
    };
    std::optional<Offline> lastListed(const QString& repository) const;

    // The summary of the image `digest` from what the content store holds, without a request (on
    // Docker Hub every manifest read is a pull): for a row shown from a registry's own listing once
    // its image has been read. A complete summary is kept for the next load. An index whose other
    // platforms were not read gives its build date alone (size -1, no blobs; not kept). nullopt
    // when the store lacks the manifest or the dated image's config.
    std::optional<TagSummary> summaryFromStore(const QString& digest);

    // The platform to describe for an index ("linux/amd64" unless set).
    void setPreferredPlatform(const Platform& platform);

private:
    struct Run;
    // Starts the next tags of the listing while fewer than kTagsInFlight are under way.
    void startTags(const std::shared_ptr<Run>& run);
    void summarise(const std::shared_ptr<Run>& run, const QString& tag);
    void fetchAndDescribe(const std::shared_ptr<Run>& run, const QString& tag);
    void describeTag(const std::shared_ptr<Run>& run, const QString& tag, Result<Manifest> manifest, bool fromCache);
    void describe(const std::shared_ptr<Run>& run, const Manifest& manifest, std::function<void(TagSummary)> next);
    void loadImage(const std::shared_ptr<Run>& run, const QString& digest, std::function<void(Result<Manifest>)> next);
    void loadConfig(const std::shared_ptr<Run>& run, const Descriptor& config, std::function<void(Result<ImageConfig>)> next);
    void finishTag(const std::shared_ptr<Run>& run, TagSummary row);
    // Whether a listing (one observation per tag) found every tag at the digest the log's last complete listing had for it
    // (and nothing else), so that the log can move that listing instead of writing each tag.
    // A hint, read from what was loaded before: the log counts its rows again in the write's own
    // transaction (ObservationLog::writeRepeated), since another writer may have come between.
    static bool repeatsLastListing(const QList<struct TagObservation>& observed, const QHash<QString, struct TagObservation>& seen,
                                   const std::optional<QDateTime>& lastListing);
    // What the log knew of the repository's tags, read once per load: the rows shown first
    // (lastKnown) and the load after them (load, fromListing) share one read of thousands of rows.
    QHash<QString, TagObservation> takeSightings(const QString& repository) const;
    // The sightings of a load or a listing, written in the background (waitForWrites waits for them).
    void recordSightings(const QList<TagObservation>& observations, const std::optional<ListingMark>& listing,
                         const std::optional<QDateTime>& repeatsListingOf);
    void track(QFuture<Result<void>> written); // a background write: its failure logged, waitForWrites waits for it
    QString summaryKey(const QString& digest) const;
    QList<TagSummary> rowsFromKept(const QHash<QString, struct TagObservation>& seen, bool keepUnsummarised) const;

    // A listing taken in by beginListing/addListedPage/endListing.
    struct Listing
    {
        QString repository;
        QFuture<QHash<QString, TagObservation>> sightings;
        QList<TagSummary> rows; // in the listing's order, without the sightings' first-seen times yet
        bool complete = true; // every tag named its digest: the listing can stand as a complete one
    };
    std::optional<Listing> m_listing;

    RegistryClient* m_client;
    ContentStore* m_store;
    ObservationLog* m_log;
    QList<QFuture<Result<void>>> m_pendingWrites;
    mutable std::optional<std::pair<QString, QHash<QString, TagObservation>>> m_sightings; // repository, its sightings
    Platform m_preferred{QStringLiteral("linux"), QStringLiteral("amd64"), {}, {}};
    QString m_summaryKeyPrefix = QStringLiteral("tag-summary/1/linux/amd64/"); // summaryKey's start, per m_preferred
};

} // namespace berth
