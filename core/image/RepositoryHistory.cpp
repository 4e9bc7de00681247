#include "core/image/RepositoryHistory.h"

#include "core/base/Guarded.h"
#include "core/base/JsonTape.h"
#include "core/base/JsonTime.h"
#include "core/base/JsonWriter.h"
#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "core/store/ContentStore.h"
#include "core/store/ObservationLog.h"

#include <QPointer>
#include <QSet>
#include <QTimer>

namespace berth {

namespace {
    constexpr qint64 kMaxConfigBytes = 16 * 1024 * 1024;
    // Tags being summarised at once: few enough that memory does not grow with the repository
    // (with every tag started at once, each manifest waited in memory behind all the others'
    // requests for its config), enough to keep the connections busy. Measured over 12,000 tags:
    // 64 at once took 63.6 s, all at once 51.8 s (95.8 MiB), 1,024 at once 45.0 s (63.1 MiB).
    constexpr int kTagsInFlight = 1024;
    // Tags started in one go before the event loop runs again: starting a thousand (a request
    // each) kept the first of them from going out for tens of milliseconds.
    constexpr int kTagsPerTurn = 64;
}

struct RepositoryHistory::Run
{
    QString repository;
    QPointer<QObject> context;
    Done done;
    Progress progress;
    int total = 0;
    QStringList tags; // the listing, started in order: tags[0, next) are started
    int next = 0;
    bool starting = false;
    bool resumeQueued = false; // startTags will run again from the event loop
    QList<TagSummary> rows;
    QList<TagObservation> observations;
    QDateTime now = QDateTime::currentDateTimeUtc();
    QHash<QString, TagObservation> seen; // what the log knew before this run
    std::optional<QDateTime> lastListing; // when the log's last complete listing was read
    QHash<QString, QByteArray> keptSummaries; // summary key -> bytes, read for the tags about to start
    qsizetype prefetched = 0; // tags[0, prefetched) had their summaries read into keptSummaries
    bool storeOnly = false; // read nothing from the registry: what the store lacks is missing
};

RepositoryHistory::RepositoryHistory(RegistryClient* client, ContentStore* store, ObservationLog* log, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_log(log)
{
}

RepositoryHistory::~RepositoryHistory()
{
    waitForWrites();
}

void RepositoryHistory::waitForWrites()
{
    for (auto& write : m_pendingWrites)
        write.waitForFinished();
    m_pendingWrites.clear();
}

void RepositoryHistory::load(const QString& repository, QObject* context, Done done, Progress progress, TagPage onTags)
{
    auto run = std::make_shared<Run>();
    run->repository = repository;
    run->context = context;
    run->done = guarded<Result<QList<TagSummary>>>(context, std::move(done));
    run->progress = std::move(progress);
    m_client->listTags(repository, context, [this, run](Result<QStringList> tags) {
        if (!tags) {
            run->done(std::unexpected(tags.error()));
            return;
        }
        run->total = int(tags->size());
        if (tags->isEmpty()) {
            (void)m_log->record({}, ListingMark{m_client->endpoint().name, run->repository, QDateTime::currentDateTimeUtc()});
            run->done(QList<TagSummary>{});
            return;
        }
        run->tags = *tags;
        startTags(run);
    }, [onTags](const QStringList& page) {
        if (onTags)
            onTags(page);
    });
    // Read while the listing is under way (its answer comes through the event loop, after this):
    // 2,000 tags' sightings take as long as the ping and the listing on loopback.
    run->seen = takeSightings(repository);
    run->lastListing = m_log->lastListing(m_client->endpoint().name, repository);
}

namespace {

// A tag summary as kept in the store's derived table: what describe() found for one manifest digest.
// Written by hand: through QJsonObject and QDateTime::toString it was a tenth of a cold history's
// instructions.
QByteArray summaryBytes(const TagSummary& row)
{
    JsonWriter out(JsonWriter::Layout::Compact);
    out.beginObject();
    out.member(u"digest", QStringView(row.digest));
    out.member(u"mediaType", QStringView(row.mediaType));
    out.member(u"artifactType", QStringView(row.artifactType));
    out.member(u"created", row.created); // null when not known
    out.member(u"size", row.size);
    out.member(u"platforms", row.platforms);
    out.key(u"blobs");
    out.beginObject();
    for (auto it = row.blobs.cbegin(); it != row.blobs.cend(); ++it)
        out.member(it.key(), it.value());
    out.endObject();
    out.member(u"childManifests", row.childManifests);
    out.endObject();
    return std::move(out).take();
}

std::optional<TagSummary> summaryFrom(const QByteArray& bytes, const QString& digest)
{
    const auto tape = JsonTape::parse(bytes);
    if (!tape)
        return std::nullopt;
    const JsonRef json = (*tape)->root();
    if (json.value(QLatin1StringView("digest")).toString() != digest)
        return std::nullopt;
    TagSummary row;
    row.digest = digest;
    row.mediaType = json.value(QLatin1StringView("mediaType")).toString();
    row.artifactType = json.value(QLatin1StringView("artifactType")).toString();
    row.created = jsonTime(json.value(QLatin1StringView("created"))); // as summaryBytes writes it: read by hand
    row.size = json.value(QLatin1StringView("size")).toInteger(-1);
    for (const JsonRef p : json.value(QLatin1StringView("platforms")))
        row.platforms << p.toString();
    json.value(QLatin1StringView("blobs")).forEachMember([&row](const QString& key, const JsonRef& size) { row.blobs.insert(key, size.toInteger()); });
    for (const JsonRef c : json.value(QLatin1StringView("childManifests")))
        row.childManifests << c.toString();
    return row;
}

} // namespace

QString RepositoryHistory::summaryKey(const QString& digest) const
{
    // The date of an index depends on the preferred platform. Built once per platform: a warm run
    // asks for thousands of keys.
    return m_summaryKeyPrefix + digest;
}

void RepositoryHistory::setPreferredPlatform(const Platform& platform)
{
    m_preferred = platform;
    m_summaryKeyPrefix = QStringLiteral("tag-summary/1/%1/").arg(platform.toString());
}

QList<TagSummary> RepositoryHistory::fromListing(const QString& repository, const QList<ProviderTag>& listed)
{
    beginListing(repository);
    addListedPage(listed);
    return endListing();
}

void RepositoryHistory::beginListing(const QString& repository)
{
    m_listing = Listing{repository, {}, {}, true};
    if (m_sightings && m_sightings->first == repository)
        m_listing->sightings = QtFuture::makeReadyValueFuture(takeSightings(repository));
    else
        m_listing->sightings = m_log->latestOfRepositoryInBackground(m_client->endpoint().name, repository);
}

void RepositoryHistory::addListedPage(const QList<ProviderTag>& page, qint64 total)
{
    Q_ASSERT(m_listing);
    makeListingRoom(m_listing->rows, total, page.size()); // grown page by page, 5,000 rows were 800 new pages, not 340
    QStringList keys; // per tag, its summary's key (empty without a digest)
    keys.reserve(page.size());
    const QString keyPrefix = summaryKey(QString());
    for (const ProviderTag& tag : page)
        keys << (tag.digest.isEmpty() ? QString() : keyPrefix + tag.digest);
    const QHash<QString, QByteArray> kept = m_store->readDerived(keys);
    for (qsizetype i = 0; i < page.size(); ++i) {
        const ProviderTag& tag = page.at(i);
        const auto bytes = tag.digest.isEmpty() ? kept.cend() : kept.constFind(keys.at(i));
        std::optional<TagSummary> row = bytes != kept.cend() ? summaryFrom(*bytes, tag.digest) : std::nullopt;
        if (!row) {
            row = TagSummary{};
            row->digest = tag.digest;
            row->size = tag.size;
            row->platforms = tag.platforms;
        }
        row->tag = tag.name;
        row->fromCache = bytes != kept.cend();
        m_listing->complete = m_listing->complete && !tag.digest.isEmpty();
        m_listing->rows << std::move(*row);
    }
}

QList<TagSummary> RepositoryHistory::endListing()
{
    Q_ASSERT(m_listing);
    Listing listing = *std::exchange(m_listing, std::nullopt);
    const QString registry = m_client->endpoint().name;
    const QHash<QString, TagObservation> seen = listing.sightings.result(); // read while the pages came
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (TagSummary& row : listing.rows) {
        const auto before = seen.constFind(row.tag);
        const bool same = before != seen.cend() && before->digest == row.digest;
        if (row.mediaType.isEmpty() && same)
            row.mediaType = before->mediaType;
        row.firstSeen = same ? before->firstSeen : now;
    }
    QList<TagSummary> rows = std::move(listing.rows); // in the listing's order: a sort here is the table's sort done twice
    repositorySizes(rows);
    const std::optional<QDateTime> last = listing.complete ? m_log->lastListing(registry, listing.repository) : std::nullopt;
    // The sightings are made from the rows on the writer's thread, which also lets go of `seen`
    // there: for 5,000 tags the two were ~6 ms of the window's thread.
    track(m_log->recordInBackground([rows, seen, registry, repository = listing.repository, now, complete = listing.complete, last] {
        ObservationLog::Sightings made;
        made.observations.reserve(rows.size());
        for (const TagSummary& row : rows) {
            if (!row.digest.isEmpty())
                made.observations << TagObservation{registry, repository, row.tag, row.digest, row.mediaType, now, now};
        }
        if (complete) {
            made.listing = ListingMark{registry, repository, now};
            if (repeatsLastListing(made.observations, seen, last))
                made.repeatsListingOf = last;
        }
        return made;
    }));
    return rows;
}

std::optional<TagSummary> RepositoryHistory::summaryFromStore(const QString& digest)
{
    auto run = std::make_shared<Run>();
    run->storeOnly = true;
    std::optional<TagSummary> described;
    // At once: a store-only run answers without waiting.
    loadImage(run, digest, [this, run, &described](Result<Manifest> manifest) {
        if (manifest)
            describe(run, *manifest, [&described](TagSummary row) { described = std::move(row); });
    });
    if (!described || (described->problem && !described->created.isValid()))
        return std::nullopt;
    if (described->problem) { // an index with platforms not read: its date is known, its size is not
        described->problem.reset();
        described->size = -1;
        described->blobs.clear();
        return described;
    }
    m_store->writeDerived(summaryKey(digest), summaryBytes(*described));
    return described;
}

void RepositoryHistory::recordSightings(const QList<TagObservation>& observations, const std::optional<ListingMark>& listing,
                                        const std::optional<QDateTime>& repeatsListingOf)
{
    // Written on a worker thread; the rows are ready now. The next run waits on SQLite's lock if it must.
    track(m_log->recordInBackground(observations, listing, repeatsListingOf));
}

void RepositoryHistory::track(QFuture<Result<void>> written)
{
    written.then([](const Result<void>& result) {
        if (!result)
            qWarning("berth: %s", qPrintable(result.error().message));
    });
    m_pendingWrites.append(written);
}

QHash<QString, TagObservation> RepositoryHistory::takeSightings(const QString& repository) const
{
    if (m_sightings && m_sightings->first == repository)
        return std::exchange(m_sightings, std::nullopt)->second; // once: the load records newer ones
    return m_log->latestOfRepository(m_client->endpoint().name, repository);
}

QList<TagSummary> RepositoryHistory::lastKnown(const QString& repository) const
{
    m_sightings = {repository, m_log->latestOfRepository(m_client->endpoint().name, repository)};
    return rowsFromKept(m_sightings->second, false);
}

std::optional<RepositoryHistory::Offline> RepositoryHistory::lastListed(const QString& repository) const
{
    const std::optional<QDateTime> listed = m_log->lastListing(m_client->endpoint().name, repository);
    if (!listed)
        return std::nullopt;
    return Offline{rowsFromKept(m_log->lastListedTags(m_client->endpoint().name, repository), true), *listed};
}

QList<TagSummary> RepositoryHistory::rowsFromKept(const QHash<QString, TagObservation>& seen, bool keepUnsummarised) const
{
    QStringList keys;
    keys.reserve(seen.size());
    const QString keyPrefix = summaryKey(QString());
    for (const TagObservation& observed : seen)
        keys << keyPrefix + observed.digest;
    const QHash<QString, QByteArray> kept = m_store->readDerived(keys); // one read for all, not one per tag
    QList<TagSummary> rows;
    for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
        const auto bytes = kept.constFind(keyPrefix + it->digest);
        std::optional<TagSummary> row = bytes != kept.cend() ? summaryFrom(*bytes, it->digest) : std::nullopt;
        if (!row && !keepUnsummarised)
            continue;
        if (!row) {
            row = TagSummary{};
            row->digest = it->digest;
            row->mediaType = it->mediaType;
        }
        row->tag = it.key();
        row->firstSeen = it->firstSeen;
        row->fromCache = true;
        rows << *row;
    }
    std::sort(rows.begin(), rows.end(), [](const TagSummary& a, const TagSummary& b) { return a.tag < b.tag; });
    repositorySizes(rows);
    return rows;
}

void RepositoryHistory::startTags(const std::shared_ptr<Run>& run)
{
    if (run->starting) // a tag finished while this loop started others: the loop starts its follower
        return;
    run->starting = true;
    // The summaries kept for the tags about to start, a turn's worth in one query rather than one
    // query per tag.
    if (run->next >= run->prefetched) {
        QStringList keys;
        for (; run->prefetched < run->tags.size() && run->prefetched < run->next + kTagsPerTurn; ++run->prefetched) {
            if (const auto seen = run->seen.constFind(run->tags.at(run->prefetched)); seen != run->seen.cend())
                keys << summaryKey(seen->digest);
        }
        if (!keys.isEmpty())
            run->keptSummaries.insert(m_store->readDerived(keys));
    }
    int startedNow = 0;
    while (run->next < run->tags.size() && run->next - run->rows.size() < kTagsInFlight) {
        if (startedNow++ == kTagsPerTurn) {
            // The rest after the event loop's turn, in which the first requests go out.
            if (!run->resumeQueued) {
                run->resumeQueued = true;
                QTimer::singleShot(0, this, [this, run] {
                    run->resumeQueued = false;
                    startTags(run);
                });
            }
            break;
        }
        summarise(run, run->tags.at(run->next++));
    }
    run->starting = false;
}

void RepositoryHistory::summarise(const std::shared_ptr<Run>& run, const QString& tag)
{
    const auto seen = run->seen.constFind(tag);
    if (seen == run->seen.cend()) {
        fetchAndDescribe(run, tag);
        return;
    }
    // What was kept for the digest the tag had: its summary (nothing to read or parse), else its
    // manifest; with neither, there is nothing to revalidate.
    const QString key = summaryKey(seen->digest);
    std::optional<QByteArray> summary;
    if (const auto kept = run->keptSummaries.constFind(key); kept != run->keptSummaries.cend())
        summary = *kept;
    else
        summary = m_store->readDerived(key);
    run->keptSummaries.remove(key);
    if (!summary && !m_store->contains(seen->digest)) {
        fetchAndDescribe(run, tag);
        return;
    }
    // Revalidate: one conditional HEAD says whether the tag still points where it did. The summary is
    // parsed when the answer comes, so that the requests go out first.
    const ManifestHead known{seen->digest, seen->mediaType};
    m_client->revalidateManifest(run->repository, tag, known, run->context, [this, run, tag, seen = *seen, summary](Result<ManifestHead> head) {
        if (!head || head->digest != seen.digest) {
            fetchAndDescribe(run, tag);
            return;
        }
        if (const std::optional<TagSummary> cached = summary ? summaryFrom(*summary, seen.digest) : std::nullopt) {
            run->observations << TagObservation{m_client->endpoint().name, run->repository, tag, seen.digest, cached->mediaType, run->now, run->now};
            TagSummary row = *cached;
            row.tag = tag;
            row.fromCache = true;
            row.firstSeen = seen.firstSeen;
            finishTag(run, row);
            return;
        }
        const auto bytes = m_store->read(seen.digest);
        if (!bytes) {
            fetchAndDescribe(run, tag);
            return;
        }
        describeTag(run, tag, Manifest::parse(*bytes, seen.mediaType), true);
    });
}

void RepositoryHistory::fetchAndDescribe(const std::shared_ptr<Run>& run, const QString& tag)
{
    m_client->fetchManifest(run->repository, tag, run->context, [this, run, tag](Result<Manifest> manifest) {
        if (manifest)
            m_store->write(manifest->digest, manifest->raw); // verified by fetchManifest
        describeTag(run, tag, std::move(manifest), false);
    });
}

void RepositoryHistory::describeTag(const std::shared_ptr<Run>& run, const QString& tag, Result<Manifest> manifest, bool fromCache)
{
    if (!manifest) {
        TagSummary row;
        row.tag = tag;
        row.problem = manifest.error();
        finishTag(run, row);
        return;
    }
    run->observations << TagObservation{m_client->endpoint().name, run->repository, tag, manifest->digest, manifest->mediaType, run->now, run->now};
    const auto seen = run->seen.constFind(tag);
    const QDateTime firstSeen = seen != run->seen.cend() && seen->digest == manifest->digest ? seen->firstSeen : run->now;
    describe(run, *manifest, [this, run, tag, fromCache, firstSeen](TagSummary row) {
        if (!row.problem)
            m_store->writeDerived(summaryKey(row.digest), summaryBytes(row));
        row.tag = tag;
        row.fromCache = fromCache;
        row.firstSeen = firstSeen;
        finishTag(run, row);
    });
}

void RepositoryHistory::loadImage(const std::shared_ptr<Run>& run, const QString& digest,
                                  std::function<void(Result<Manifest>)> next)
{
    if (const auto bytes = m_store->read(digest)) {
        next(Manifest::parse(*bytes, {}));
        return;
    }
    if (run->storeOnly) {
        next(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("the manifest %1 is not read yet").arg(digest))));
        return;
    }
    m_client->fetchManifest(run->repository, digest, run->context, [this, next](Result<Manifest> manifest) {
        if (manifest)
            m_store->write(manifest->digest, manifest->raw);
        next(std::move(manifest));
    });
}

void RepositoryHistory::loadConfig(const std::shared_ptr<Run>& run, const Descriptor& config,
                                   std::function<void(Result<ImageConfig>)> next)
{
    if (const auto bytes = m_store->read(config.digest)) {
        next(ImageConfig::parse(*bytes));
        return;
    }
    if (run->storeOnly) {
        next(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("the image config %1 is not read yet").arg(config.digest))));
        return;
    }
    m_client->fetchBlobBytes(run->repository, config.digest, kMaxConfigBytes, run->context,
                             [this, digest = config.digest, next](Result<QByteArray> bytes) {
                                 if (!bytes) {
                                     next(std::unexpected(bytes.error()));
                                     return;
                                 }
                                 m_store->write(digest, *bytes);
                                 next(ImageConfig::parse(*bytes));
                             });
}

void RepositoryHistory::describe(const std::shared_ptr<Run>& run, const Manifest& manifest,
                                 std::function<void(TagSummary)> next)
{
    TagSummary row;
    row.digest = manifest.digest;
    row.mediaType = manifest.mediaType;
    row.artifactType = manifest.artifactType;
    if (manifest.kind == Manifest::Kind::Schema1) {
        row.problem = Error::make(ErrorKind::Unsupported, QStringLiteral("a Docker schema 1 manifest (deprecated); not read"));
        next(row);
        return;
    }
    if (manifest.kind == Manifest::Kind::Image) {
        row.size = manifest.imageSize();
        row.blobs.insert(manifest.config.digest, manifest.config.size);
        for (const Descriptor& layer : manifest.layers)
            row.blobs.insert(layer.digest, layer.size);
        if (!manifest.artifactType.isEmpty()) { // an artifact has no image config to read
            row.created = QDateTime::fromString(manifest.annotations.value(QStringLiteral("org.opencontainers.image.created")),
                                                Qt::ISODateWithMs);
            next(row);
            return;
        }
        loadConfig(run, manifest.config, [row, next](Result<ImageConfig> config) mutable {
            if (config) {
                row.created = config->created;
                if (!config->platform.os.isEmpty() || !config->platform.architecture.isEmpty()) // not an artifact's empty config
                    row.platforms << config->platform.toString();
            } else {
                row.problem = config.error();
            }
            next(row);
        });
        return;
    }
    // An index: every platform's image, for the total size; the preferred one for the date.
    for (const Descriptor& d : manifest.manifests) {
        if (d.platform && d.platform->os != u"unknown") // attestation manifests carry os "unknown"
            row.platforms << d.platform->toString();
    }
    auto pending = std::make_shared<int>(int(manifest.manifests.size()));
    auto shared = std::make_shared<TagSummary>(row);
    shared->size = 0;
    for (const Descriptor& child : manifest.manifests)
        shared->childManifests << child.digest;
    if (*pending == 0) {
        next(*shared);
        return;
    }
    const auto preferred = manifest.manifestFor(m_preferred);
    const QString dateFrom = preferred ? preferred->digest : manifest.manifests.first().digest;
    for (const Descriptor& child : manifest.manifests) {
        loadImage(run, child.digest, [this, run, shared, pending, next, dateFrom, digest = child.digest](Result<Manifest> image) {
            auto settle = [shared, pending, next] {
                if (--*pending == 0)
                    next(*shared);
            };
            if (!image) {
                shared->problem = image.error();
                settle();
                return;
            }
            shared->size += image->imageSize();
            shared->blobs.insert(image->config.digest, image->config.size);
            for (const Descriptor& layer : image->layers)
                shared->blobs.insert(layer.digest, layer.size);
            if (digest != dateFrom || image->kind != Manifest::Kind::Image) {
                settle();
                return;
            }
            loadConfig(run, image->config, [shared, settle](Result<ImageConfig> config) {
                if (config)
                    shared->created = config->created;
                else
                    shared->problem = config.error();
                settle();
            });
        });
    }
}

namespace {
struct BlobUse
{
    qint64 size = 0;
    int images = 0; // distinct images (by digest) that use the blob
};

// Every blob of the rows' images, each image counted once however many tags point at it.
QHash<QString, BlobUse> blobUses(const QList<TagSummary>& rows, QHash<QString, int>* tagsOfImage)
{
    QHash<QString, BlobUse> uses;
    QSet<QString> images;
    for (const TagSummary& row : rows) {
        if (row.digest.isEmpty())
            continue;
        if (tagsOfImage)
            (*tagsOfImage)[row.digest] += 1;
        if (row.blobs.isEmpty() || images.contains(row.digest))
            continue; // an image not read (a listing's row) adds no blob
        images.insert(row.digest);
        for (auto blob = row.blobs.cbegin(); blob != row.blobs.cend(); ++blob) {
            BlobUse& use = uses[blob.key()];
            use.size = blob.value();
            use.images += 1;
        }
    }
    return uses;
}

qint64 totalOf(const QHash<QString, BlobUse>& uses)
{
    qint64 total = 0;
    for (const BlobUse& use : uses)
        total += use.size;
    return total;
}
} // namespace

qint64 storedBytes(const QList<TagSummary>& rows)
{
    return totalOf(blobUses(rows, nullptr));
}

qint64 repositorySizes(QList<TagSummary>& rows)
{
    // Hashes, not ordered maps: for thousands of tags the map's string comparisons cost more than
    // the rest of a warm history run's own work. No image read at all (a registry's own listing):
    // nothing to count, and every row below is "not known".
    QHash<QString, int> tagsOfImage; // image digest -> how many tags point at it
    const bool anyRead = std::any_of(rows.cbegin(), rows.cend(), [](const TagSummary& row) { return !row.blobs.isEmpty(); });
    const QHash<QString, BlobUse> uses = anyRead ? blobUses(rows, &tagsOfImage) : QHash<QString, BlobUse>();
    for (TagSummary& row : rows) {
        if (row.digest.isEmpty())
            continue;
        if (row.blobs.isEmpty()) { // not read: "0 B would be freed" would be a guess, and a wrong one
            row.uniqueSize = -1;
            continue;
        }
        qint64 unique = 0;
        if (tagsOfImage.value(row.digest) == 1) {
            for (auto blob = row.blobs.cbegin(); blob != row.blobs.cend(); ++blob) {
                if (uses.value(blob.key()).images == 1)
                    unique += blob.value();
            }
        }
        row.uniqueSize = unique;
    }
    return totalOf(uses);
}

bool RepositoryHistory::repeatsLastListing(const QList<TagObservation>& observations, const QHash<QString, TagObservation>& before,
                                           const std::optional<QDateTime>& lastListing)
{
    if (!lastListing)
        return false;
    for (const TagObservation& observed : observations) {
        const auto seen = before.constFind(observed.tag);
        if (seen == before.cend() || seen->digest != observed.digest || seen->lastSeen < *lastListing
            || (!observed.mediaType.isEmpty() && observed.mediaType != seen->mediaType))
            return false;
    }
    return true;
}

void RepositoryHistory::finishTag(const std::shared_ptr<Run>& run, TagSummary row)
{
    run->rows << row;
    if (run->progress && run->context)
        run->progress(row, int(run->rows.size()), run->total);
    if (run->rows.size() < run->total) {
        startTags(run);
        return;
    }
    run->tags.clear();
    std::sort(run->rows.begin(), run->rows.end(), [](const TagSummary& a, const TagSummary& b) { return a.tag < b.tag; });
    repositorySizes(run->rows);
    // A problem of the connection or the login is the whole run's, not one tag's.
    for (const TagSummary& summarised : std::as_const(run->rows)) {
        const auto kind = summarised.problem ? summarised.problem->kind : ErrorKind::Parse;
        if (kind == ErrorKind::Transport || kind == ErrorKind::Tls || kind == ErrorKind::Auth || kind == ErrorKind::Cancelled
            || kind == ErrorKind::RateLimited || kind == ErrorKind::Denied) {
            run->done(std::unexpected(*summarised.problem));
            return;
        }
    }
    recordSightings(run->observations, ListingMark{m_client->endpoint().name, run->repository, run->now},
                    run->observations.size() == run->rows.size() && repeatsLastListing(run->observations, run->seen, run->lastListing)
                        ? run->lastListing
                        : std::nullopt);
    run->done(run->rows);
}

} // namespace berth
