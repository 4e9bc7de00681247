// berthctl's image commands: manifest, inspect, history, files, diff, timeline, verify, referrers, scan.
#include "Commands.h"
#include "CommandSupport.h"
#include "core/base/JsonWriter.h"
#include "core/base/Paths.h"
#include "core/image/ImageContents.h"
#include "core/image/ImageInspector.h"
#include "core/image/LayerFiles.h"
#include "core/image/RepositoryHistory.h"
#include "core/image/TagOrdering.h"
#include "core/providers/Provider.h"
#include "core/registry/Reference.h"
#include "core/scan/LocalScanner.h"
#include "core/scan/Vulnerabilities.h"
#include "core/store/WatchJournal.h"
#include "core/trust/Signatures.h"
#include "core/trust/TrustInspector.h"
#include "CtlSession.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <cstdio>

namespace berth::ctl {
namespace {

    QJsonArray toJson(const QStringList& list) { return QJsonArray::fromStringList(list); }

    QJsonObject toJson(const QMap<QString, QString>& map)
    {
        QJsonObject out;
        for (auto it = map.begin(); it != map.end(); ++it)
            out.insert(it.key(), it.value());
        return out;
    }

    QJsonObject inspectJson(const Reference& ref, const Manifest& top, const Manifest& image, const ImageConfig& config)
    {
        QJsonArray layers;
        for (const Descriptor& layer : image.layers)
            layers.append(QJsonObject{{QStringLiteral("digest"), layer.digest},
                                      {QStringLiteral("size"), layer.size},
                                      {QStringLiteral("mediaType"), layer.mediaType}});
        QJsonArray history;
        for (const HistoryEntry& h : config.history)
            history.append(QJsonObject{{QStringLiteral("created"), isoDate(h.created)},
                                       {QStringLiteral("createdBy"), h.createdBy},
                                       {QStringLiteral("emptyLayer"), h.emptyLayer}});
        QJsonObject out{
            {QStringLiteral("name"), ref.name()},
            {QStringLiteral("reference"), ref.toString()},
            {QStringLiteral("digest"), top.digest},
            {QStringLiteral("mediaType"), top.mediaType},
            {QStringLiteral("manifestDigest"), image.digest},
            {QStringLiteral("created"), isoDate(config.created)},
            {QStringLiteral("os"), config.platform.os},
            {QStringLiteral("architecture"), config.platform.architecture},
            {QStringLiteral("variant"), config.platform.variant},
            {QStringLiteral("size"), image.imageSize()},
            {QStringLiteral("layers"), layers},
            {QStringLiteral("config"),
             QJsonObject{{QStringLiteral("digest"), image.config.digest},
                         {QStringLiteral("env"), toJson(config.env)},
                         {QStringLiteral("entrypoint"), toJson(config.entrypoint)},
                         {QStringLiteral("cmd"), toJson(config.cmd)},
                         {QStringLiteral("user"), config.user},
                         {QStringLiteral("workingDir"), config.workingDir},
                         {QStringLiteral("exposedPorts"), toJson(config.exposedPorts)},
                         {QStringLiteral("labels"), toJson(config.labels)}}},
            {QStringLiteral("history"), history},
        };
        if (top.isIndex()) {
            QStringList platforms;
            for (const Descriptor& d : top.manifests) {
                if (d.platform)
                    platforms << d.platform->toString();
            }
            out.insert(QStringLiteral("platforms"), toJson(platforms));
        }
        return out;
    }

    void printInspectText(const QJsonObject& json)
    {
        auto line = [](const char* key, const QString& value) {
            if (!value.isEmpty())
                std::printf("%-14s %s\n", key, qPrintable(value));
        };
        line("Name:", json[QStringLiteral("name")].toString());
        line("Digest:", json[QStringLiteral("digest")].toString());
        line("Media type:", json[QStringLiteral("mediaType")].toString());
        if (json.contains(QStringLiteral("platforms"))) {
            QStringList platforms;
            for (const auto& p : json[QStringLiteral("platforms")].toArray())
                platforms << p.toString();
            line("Platforms:", platforms.join(QStringLiteral(", ")));
            line("Manifest:", json[QStringLiteral("manifestDigest")].toString());
        }
        line("Created:", json[QStringLiteral("created")].toString());
        line("Platform:", json[QStringLiteral("os")].toString() + QLatin1Char('/') + json[QStringLiteral("architecture")].toString());
        line("Size:", humanSize(json[QStringLiteral("size")].toInteger()));
        const QJsonObject config = json[QStringLiteral("config")].toObject();
        QStringList entry;
        for (const auto& part : config[QStringLiteral("entrypoint")].toArray() + config[QStringLiteral("cmd")].toArray())
            entry << part.toString();
        line("Command:", entry.join(QLatin1Char(' ')));
        std::printf("Layers:\n");
        for (const auto& layer : json[QStringLiteral("layers")].toArray()) {
            const QJsonObject l = layer.toObject();
            std::printf("  %s  %10s\n", qPrintable(l[QStringLiteral("digest")].toString()),
                        qPrintable(humanSize(l[QStringLiteral("size")].toInteger())));
        }
    }

} // namespace

namespace {

// The digest REF names as Berth last saw it: its own digest, or the tag's in the repository's last
// complete listing (`asOf` then says when). Empty when Berth never listed that tag.
QString lastSeenDigest(CtlSession& session, const QString& registry, const Reference& ref, QDateTime* asOf)
{
    if (!ref.digest.isEmpty())
        return ref.digest;
    const auto log = session.observationLog();
    if (!log)
        return {};
    const TagObservation seen = (*log)->lastListedTags(registry, ref.path).value(ref.tag);
    *asOf = seen.lastSeen;
    return seen.digest;
}

// REF's image read live; or, when the registry cannot be reached (or with --offline), the image of
// the digest Berth last saw for REF, from what it kept (the content store answers a digest's manifest
// and config, so nothing is asked of the registry). `done` gets the details and, offline, the note;
// when Berth kept nothing of REF, the live error stands (with --offline: "kept nothing", and exit).
void inspectLiveOrKept(CtlSession& session, RegistryClient* client, ImageInspector* inspector, const Reference& ref,
                       const std::optional<Platform>& wanted, const Exit& exit,
                       std::function<void(Result<ImageDetails>, std::shared_ptr<const OfflineNote>)> done)
{
    auto kept = [&session, inspector, ref, wanted, exit, done, registry = client->endpoint().name](const QString& reason,
                                                                                                 const std::optional<Error>& error) {
        QDateTime asOf;
        const QString digest = lastSeenDigest(session, registry, ref, &asOf);
        if (digest.isEmpty() || !session.contentStore().contains(digest)) {
            if (error)
                done(std::unexpected(*error), nullptr);
            else
                exit(session.fail(Error::make(ErrorKind::NotFound, QStringLiteral("Berth kept nothing of %1 to show offline").arg(ref.toString()))));
            return;
        }
        inspector->inspect(ref.path, digest, wanted, &session, [reason, asOf, error, done](Result<ImageDetails> details) {
            if (!details) { // a part Berth never kept (another platform's config): the live error stands
                done(std::unexpected(error.value_or(details.error())), nullptr);
                return;
            }
            done(std::move(details), std::make_shared<const OfflineNote>(OfflineNote{asOf, reason}));
        });
    };
    if (session.options().offline) {
        kept(QStringLiteral("--offline"), std::nullopt);
        return;
    }
    inspector->inspect(ref.path, referenceOf(ref), wanted, &session, [kept, done](Result<ImageDetails> details) {
        if (!details && unreachable(details.error())) {
            kept(QStringLiteral("the registry cannot be reached: ") + describe(details.error()), details.error());
            return;
        }
        done(std::move(details), nullptr);
    });
}

// The manifest bytes Berth kept for REF; the marker goes to stderr, as stdout is the manifest
// exactly. False when nothing was kept.
bool printManifestOffline(CtlSession& session, const QString& registry, const Reference& ref, const QString& reason, const Exit& exit)
{
    QDateTime asOf;
    const QString digest = lastSeenDigest(session, registry, ref, &asOf);
    const std::optional<QByteArray> bytes = digest.isEmpty() ? std::nullopt : session.contentStore().read(digest);
    if (!bytes)
        return false;
    std::fprintf(stderr, "berthctl: OFFLINE - %s: what Berth last saw (%s)\n", qPrintable(offlineWhen(asOf)), qPrintable(reason));
    std::fwrite(bytes->constData(), 1, size_t(bytes->size()), stdout);
    std::fflush(stdout);
    exit(kOfflineExit);
    return true;
}

} // namespace

void runManifest(CtlSession& session, const QStringList& args, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(args, QStringLiteral("usage: berthctl manifest REF"), true, &ref, exit);
    if (!client)
        return;
    const QString registry = client->endpoint().name;
    if (session.options().offline) {
        if (!printManifestOffline(session, registry, ref, QStringLiteral("--offline"), exit))
            exit(session.fail(Error::make(ErrorKind::NotFound, QStringLiteral("Berth kept no manifest of %1 to show offline").arg(ref.toString()))));
        return;
    }
    client->fetchManifest(ref.path, referenceOf(ref), &session, [&session, client, ref, registry, exit](Result<Manifest> manifest) {
        if (!manifest) {
            if (unreachable(manifest.error())
                && printManifestOffline(session, registry, ref, QStringLiteral("the registry cannot be reached: ") + describe(manifest.error()), exit))
                return;
            session.failReading(client, ref, manifest.error(), exit);
            return;
        }
        session.contentStore().write(manifest->digest, manifest->raw);
        std::fwrite(manifest->raw.constData(), 1, size_t(manifest->raw.size()), stdout); // exactly as served
        std::fflush(stdout);
        exit(0);
    });
}

void runInspect(CtlSession& session, const QStringList& args, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(
        args, QStringLiteral("usage: berthctl inspect REF [--platform OS/ARCH] [--json]"), true, &ref, exit);
    if (!client)
        return;
    std::optional<Platform> wanted;
    if (!session.options().platform.isEmpty()) {
        wanted = Platform::parse(session.options().platform);
        if (!wanted) {
            exit(session.fail(usage(QStringLiteral("--platform takes OS/ARCH[/VARIANT], such as linux/arm64"))));
            return;
        }
    }
    auto* inspector = new ImageInspector(client, &session.contentStore(), &session);
    // What was read is printed, marked when it is what Berth kept.
    auto show = [&session, client, ref, exit](Result<ImageDetails> details, const OfflineNote* offline) {
        if (!details) {
            Error error = details.error();
            error.message = ref.toString() + QStringLiteral(": ") + error.message;
            session.failReading(client, ref, error, exit);
            return;
        }
        if (!details->config) {
            const Manifest& image = details->image;
            exit(session.fail(Error::make(ErrorKind::Unsupported,
                                          image.kind == Manifest::Kind::Schema1
                                              ? QStringLiteral("%1 is a Docker schema 1 manifest, which Berth recognises but does not read")
                                                    .arg(ref.toString())
                                              : QStringLiteral("%1 is an artifact (%2), not a container image")
                                                    .arg(ref.toString(), image.artifactType))));
            return;
        }
        QJsonObject json = inspectJson(ref, details->top, details->image, *details->config);
        if (session.options().json) {
            addOfflineFields(json, offline);
            printJson(json);
        } else {
            if (offline)
                printOfflineMarker(*offline);
            printInspectText(json);
        }
        exit(offline ? kOfflineExit : 0);
    };
    inspectLiveOrKept(session, client, inspector, ref, wanted, exit,
                      [show](Result<ImageDetails> details, std::shared_ptr<const OfflineNote> offline) { show(std::move(details), offline.get()); });
}

namespace {
// One row per tag: what the image says (created, size, platforms) and, where the registry keeps
// them, when the tag was pushed and last pulled, with where those dates came from.
void printHistory(CtlSession& session, const QString& name, Result<QList<TagSummary>>& rows, const QHash<QString, ProviderTag>& dates,
                  const QString& source, TagSort sort, const Exit& exit, const OfflineNote* offline = nullptr)
{
    if (!rows) {
        exit(session.fail(rows.error()));
        return;
    }
    sortTagRows(*rows, sort, [](const TagSummary& row) { return row.tag; },
                [&](const TagSummary& row) { return sort == TagSort::Created ? row.created : dates.value(row.tag).pushed; });
    int problems = 0;
    if (session.options().json) {
        // Written straight out, a few hundred rows at a time: for thousands of tags, QJsonObjects
        // cost more than the warm run's requests did.
        const qint64 totalSize = storedBytes(*rows);
        JsonWriter out;
        out.beginObject();
        if (offline) {
            out.key(u"asOf");
            offline->asOf.isValid() ? out.seconds(offline->asOf) : out.null();
            out.member(u"offline", true);
            out.member(u"offlineReason", offline->reason);
        }
        out.member(u"repository", name);
        out.key(u"tags");
        out.beginArray();
        for (const TagSummary& row : std::as_const(*rows)) {
            const auto dated = dates.constFind(row.tag);
            const bool known = dated != dates.cend();
            out.beginObject();
            if (!row.artifactType.isEmpty()) {
                out.member(u"artifactType", row.artifactType);
            }
            out.key(u"created");
            out.seconds(row.created);
            out.member(u"dateSource", known ? source : QStringLiteral("image-config"));
            out.member(u"digest", row.digest);
            out.member(u"mediaType", row.mediaType);
            out.member(u"platforms", row.platforms);
            if (row.problem) {
                out.member(u"problem", describe(*row.problem));
                ++problems;
            }
            out.key(u"pulled");
            known ? out.value(dated->pulled) : out.null();
            out.key(u"pushed");
            known ? out.value(dated->pushed) : out.null();
            out.member(u"size", row.size);
            out.member(u"tag", row.tag);
            out.member(u"uniqueSize", row.uniqueSize);
            out.endObject();
            out.flushWhenFull(stdout);
        }
        out.endArray();
        out.member(u"totalSize", totalSize);
        out.endObject();
        out.flushTo(stdout);
    } else {
        if (offline)
            printOfflineMarker(*offline);
        std::printf("%-24s %-19s %-20s %10s %10s  %s\n", "TAG", "DIGEST", "CREATED", "SIZE", "UNIQUE", "PLATFORMS");
        for (const TagSummary& row : *rows) {
            std::printf("%-24s %-19s %-20s %10s %10s  %s\n", qPrintable(row.tag), qPrintable(row.digest.left(19)),
                        qPrintable(isoDate(row.created)), qPrintable(humanSize(row.size)), qPrintable(humanSize(row.uniqueSize)),
                        qPrintable(row.platforms.join(QLatin1Char(','))));
            if (row.problem) {
                std::fprintf(stderr, "berthctl: %s: %s\n", qPrintable(row.tag), qPrintable(describe(*row.problem)));
                ++problems;
            }
        }
        std::printf("Stored: %s with shared layers counted once; UNIQUE is what only that image holds.\n",
                    qPrintable(humanSize(storedBytes(*rows))));
    }
    std::fflush(stdout);
    exit(offline ? kOfflineExit : problems ? 1 : 0);
}

// history from the last complete listing Berth made of the repository; false when it never made one.
bool printHistoryOffline(CtlSession& session, const Reference& ref, RepositoryHistory* history, TagSort sort, const QString& reason,
                         const Exit& exit)
{
    std::optional<RepositoryHistory::Offline> kept = history->lastListed(ref.path);
    if (!kept)
        return false;
    Result<QList<TagSummary>> rows = std::move(kept->rows);
    const OfflineNote note{kept->asOf, reason};
    printHistory(session, ref.name(), rows, {}, {}, sort == TagSort::Pushed ? TagSort::Created : sort, exit, &note);
    return true;
}
} // namespace

void runHistory(CtlSession& session, const QStringList& args, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(args, QStringLiteral("usage: berthctl history REPO [--json]"), false, &ref, exit);
    if (!client)
        return;
    const auto log = session.observationLog();
    if (!log) {
        exit(session.fail(log.error()));
        return;
    }
    // The registry's own push and pull dates (Hub, GHCR, Quay) are read beside the history.
    Provider* provider = createProvider(client, &session);
    const auto sort = chosenTagSort(session.options().sort, provider->capabilities().pushTimes, true, client->endpoint().name);
    if (!sort) {
        exit(session.fail(sort.error()));
        return;
    }
    auto* history = new RepositoryHistory(client, &session.contentStore(), *log, &session);
    if (session.options().offline) {
        if (!printHistoryOffline(session, ref, history, *sort, QStringLiteral("--offline"), exit))
            exit(session.fail(Error::make(ErrorKind::NotFound, QStringLiteral("Berth has never listed %1, so it has nothing to show offline").arg(ref.name()))));
        return;
    }
    auto dates = std::make_shared<QHash<QString, ProviderTag>>();
    auto pending = std::make_shared<int>(provider->capabilities().pushTimes ? 2 : 1);
    auto rows = std::make_shared<Result<QList<TagSummary>>>(std::unexpected(Error::make(ErrorKind::Cancelled, {})));
    auto print = [&session, ref, history, source = provider->dateSource(), dates, rows, pending, sort = *sort, exit] {
        if (--*pending > 0)
            return;
        // A registry out of reach: what Berth last saw, marked as such, never mixed with live answers.
        if (!*rows && unreachable(rows->error())
            && printHistoryOffline(session, ref, history, sort, QStringLiteral("the registry cannot be reached: ") + describe(rows->error()), exit))
            return;
        printHistory(session, ref.name(), *rows, *dates, source, sort, exit);
    };
    if (provider->capabilities().pushTimes) {
        provider->listTags(ref.path, &session, [dates, print](Result<QList<ProviderTag>> tags) {
            if (!tags && !unreachable(tags.error()))
                std::fprintf(stderr, "berthctl: warning: the registry's own dates could not be read: %s\n", qPrintable(describe(tags.error())));
            for (const ProviderTag& tag : tags ? *tags : QList<ProviderTag>{})
                dates->insert(tag.name, tag);
            print();
        });
    }
    // The tag history is written while the rows are printed; the history waits for it when the
    // session ends, before the process does.
    history->load(ref.path, &session, [rows, print](Result<QList<TagSummary>> loaded) {
        *rows = std::move(loaded);
        print();
    });
}

namespace {

    QJsonObject entryJson(const LayerEntry& e, int layer, const QString& layerDigest)
    {
        QJsonObject item{{QStringLiteral("path"), e.path},
                         {QStringLiteral("type"), layerEntryTypeName(e.type)},
                         {QStringLiteral("size"), e.size},
                         {QStringLiteral("mode"), e.modeString()},
                         {QStringLiteral("uid"), e.uid},
                         {QStringLiteral("gid"), e.gid}};
        if (!e.linkTarget.isEmpty())
            item.insert(QStringLiteral("linkTarget"), e.linkTarget);
        if (e.whiteout)
            item.insert(QStringLiteral("whiteout"), true);
        if (e.opaque)
            item.insert(QStringLiteral("opaque"), true);
        if (e.unsafePath)
            item.insert(QStringLiteral("unsafePath"), true);
        if (layer >= 0) {
            item.insert(QStringLiteral("layer"), layer);
            item.insert(QStringLiteral("layerDigest"), layerDigest);
        }
        return item;
    }

    void printEntry(const LayerEntry& e, int layer)
    {
        QString line = QStringLiteral("%1 %2/%3 %4 %5")
                           .arg(e.modeString())
                           .arg(e.uid)
                           .arg(e.gid)
                           .arg(e.size, 10)
                           .arg(e.path);
        if (!e.linkTarget.isEmpty())
            line += (e.type == LayerEntry::Type::Hardlink ? QStringLiteral(" link to ") : QStringLiteral(" -> ")) + e.linkTarget;
        if (layer >= 0)
            line += QStringLiteral("  [layer %1]").arg(layer);
        if (e.unsafePath)
            line += QStringLiteral("  (unsafe path)");
        std::printf("%s\n", qPrintable(line));
    }

} // namespace

void runFiles(CtlSession& session, const QStringList& args, const QString& layerDigest, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(
        args, QStringLiteral("usage: berthctl files REF [--layer DIGEST] [--platform OS/ARCH] [--json]"), true, &ref, exit);
    if (!client)
        return;
    std::optional<Platform> wanted;
    if (!session.options().platform.isEmpty())
        wanted = Platform::parse(session.options().platform);
    auto* inspector = new ImageInspector(client, &session.contentStore(), &session);
    auto* files = new LayerFiles(client, cacheDir(), &session);
    // Lists the files of the image `details` describe; `offline` marks what Berth kept (layer
    // listings are kept by digest, so a layer listed once answers without the registry).
    auto list = [&session, files, ref, layerDigest, exit](const ImageDetails& shown, std::shared_ptr<const OfflineNote> offline) {
        const ImageDetails* details = &shown;
        QList<Descriptor> layers = details->image.layers;
        if (!layerDigest.isEmpty()) {
            layers.removeIf([&](const Descriptor& d) { return !d.digest.startsWith(layerDigest) && !d.digest.mid(7).startsWith(layerDigest); });
            if (layers.size() != 1) {
                exit(session.fail(Error::make(ErrorKind::NotFound, layers.isEmpty()
                                                  ? QStringLiteral("%1 has no layer %2").arg(ref.toString(), layerDigest)
                                                  : QStringLiteral("%1 matches several layers; give more of the digest").arg(layerDigest))));
                return;
            }
        }
        auto listings = std::make_shared<QList<std::optional<LayerListing>>>(layers.size());
        auto pending = std::make_shared<int>(int(layers.size()));
        auto failed = std::make_shared<bool>(false);
        const bool single = !layerDigest.isEmpty();
        auto finish = [&session, listings, layers, single, exit, ref, offline] {
            QList<LayerListing> all;
            for (const auto& l : *listings)
                all << *l;
            ImageContents contents;
            contents.layers = all;
            contents.details.image.layers = layers;
            const ImageSizes sizes = imageSizes(contents);
            if (session.options().json) {
                QJsonArray entries;
                if (single) {
                    for (const LayerEntry& e : all.first().entries)
                        entries.append(entryJson(e, -1, {}));
                } else {
                    for (const MergedEntry& m : mergeLayers(all))
                        entries.append(entryJson(m.entry, m.layer, layers[m.layer].digest));
                }
                QJsonObject out{{QStringLiteral("reference"), ref.toString()}, {QStringLiteral("entries"), entries}};
                addOfflineFields(out, offline.get());
                if (single) {
                    out.insert(QStringLiteral("layer"), layers.first().digest);
                } else {
                    QJsonArray wasted;
                    for (const WastedFile& w : sizes.wasted)
                        wasted.append(QJsonObject{{QStringLiteral("path"), w.path}, {QStringLiteral("size"), w.size},
                                                  {QStringLiteral("layer"), w.layer}, {QStringLiteral("byLayer"), w.byLayer},
                                                  {QStringLiteral("deleted"), w.deleted}});
                    out.insert(QStringLiteral("uncompressedSize"), sizes.uncompressed);
                    out.insert(QStringLiteral("wastedSize"), sizes.wastedBytes);
                    out.insert(QStringLiteral("wasted"), wasted);
                }
                printJson(out);
            } else if (single) {
                if (offline)
                    printOfflineMarker(*offline);
                for (const LayerEntry& e : all.first().entries)
                    printEntry(e, -1);
            } else {
                if (offline)
                    printOfflineMarker(*offline);
                for (const MergedEntry& m : mergeLayers(all))
                    printEntry(m.entry, m.layer);
                std::printf("%s unpacked; %s wasted in files that later layers overwrite or delete\n",
                            qPrintable(humanSize(sizes.uncompressed)), qPrintable(humanSize(sizes.wastedBytes)));
                for (const WastedFile& w : sizes.wasted.mid(0, 10))
                    std::printf("  %10s  %s  (layer %d, %s by layer %d)\n", qPrintable(humanSize(w.size)), qPrintable(w.path), w.layer,
                                w.deleted ? "deleted" : "overwritten", w.byLayer);
            }
            std::fflush(stdout);
            exit(offline ? kOfflineExit : 0);
        };
        if (layers.isEmpty()) {
            finish();
            return;
        }
        for (int i = 0; i < layers.size(); ++i) {
            files->list(ref.path, layers[i], &session, [&session, i, listings, pending, failed, finish, exit](Result<LayerListing> listing) {
                if (*failed)
                    return;
                if (!listing) {
                    *failed = true;
                    exit(session.fail(listing.error()));
                    return;
                }
                (*listings)[i] = std::move(*listing);
                if (--*pending == 0)
                    finish();
            });
        }
    };
    inspectLiveOrKept(session, client, inspector, ref, wanted, exit,
                      [&session, client, ref, list, exit](Result<ImageDetails> details, std::shared_ptr<const OfflineNote> offline) {
                          if (!details) {
                              session.failReading(client, ref, details.error(), exit);
                              return;
                          }
                          list(*details, std::move(offline));
                      });
}

void runDiff(CtlSession& session, const QStringList& args, Exit exit)
{
    const QString usageText = QStringLiteral("usage: berthctl diff REF_A REF_B [--platform OS/ARCH] [--json]");
    if (args.size() != 2) {
        exit(session.fail(usage(usageText)));
        return;
    }
    std::optional<Platform> wanted;
    if (!session.options().platform.isEmpty())
        wanted = Platform::parse(session.options().platform);
    auto sides = std::make_shared<QList<std::optional<ImageContents>>>(2);
    auto pending = std::make_shared<int>(2);
    auto failed = std::make_shared<bool>(false);
    auto report = [&session, sides, exit] {
        const ImageContents& a = *(*sides)[0];
        const ImageContents& b = *(*sides)[1];
        const ImageDiff diff = diffImages(a, b);
        const ImageSizes sizeA = imageSizes(a);
        const ImageSizes sizeB = imageSizes(b);
        auto kindName = [](FileChange::Kind k) {
            return k == FileChange::Kind::Added ? QStringLiteral("added") : k == FileChange::Kind::Removed ? QStringLiteral("removed") : QStringLiteral("changed");
        };
        if (session.options().json) {
            QJsonArray files;
            for (const FileChange& f : diff.files) {
                QJsonObject item{{QStringLiteral("path"), f.path}, {QStringLiteral("change"), kindName(f.kind)}};
                if (f.sizeA >= 0)
                    item.insert(QStringLiteral("sizeA"), f.sizeA);
                if (f.sizeB >= 0)
                    item.insert(QStringLiteral("sizeB"), f.sizeB);
                if (!f.what.isEmpty())
                    item.insert(QStringLiteral("what"), f.what);
                files.append(item);
            }
            auto changes = [](const QList<ValueChange>& list, const QString& key) {
                QJsonArray out;
                for (const ValueChange& c : list)
                    out.append(QJsonObject{{key, c.field}, {QStringLiteral("a"), c.a}, {QStringLiteral("b"), c.b}});
                return out;
            };
            printJson({{QStringLiteral("a"), a.reference},
                   {QStringLiteral("b"), b.reference},
                   {QStringLiteral("layers"), QJsonObject{{QStringLiteral("shared"), QJsonArray::fromStringList(diff.sharedLayers)},
                                                          {QStringLiteral("removed"), QJsonArray::fromStringList(diff.removedLayers)},
                                                          {QStringLiteral("added"), QJsonArray::fromStringList(diff.addedLayers)}}},
                   {QStringLiteral("size"), QJsonObject{{QStringLiteral("a"), sizeA.compressed}, {QStringLiteral("b"), sizeB.compressed},
                                                        {QStringLiteral("uncompressedA"), sizeA.uncompressed},
                                                        {QStringLiteral("uncompressedB"), sizeB.uncompressed}}},
                   {QStringLiteral("files"), files},
                   {QStringLiteral("config"), changes(diff.config, QStringLiteral("field"))},
                   {QStringLiteral("packageFormat"), QJsonObject{{QStringLiteral("a"), diff.packageFormatA}, {QStringLiteral("b"), diff.packageFormatB}}},
                   {QStringLiteral("packages"), changes(diff.packages, QStringLiteral("package"))}});
        } else {
            std::printf("A: %s\nB: %s\n", qPrintable(a.reference), qPrintable(b.reference));
            std::printf("Size: %s -> %s (compressed), %s -> %s (uncompressed)\n", qPrintable(humanSize(sizeA.compressed)),
                        qPrintable(humanSize(sizeB.compressed)), qPrintable(humanSize(sizeA.uncompressed)), qPrintable(humanSize(sizeB.uncompressed)));
            std::printf("Layers: %lld shared, %lld removed, %lld added\n", static_cast<long long>(diff.sharedLayers.size()),
                        static_cast<long long>(diff.removedLayers.size()), static_cast<long long>(diff.addedLayers.size()));
            std::printf("Files:\n");
            for (const FileChange& f : diff.files) {
                const char sign = f.kind == FileChange::Kind::Added ? '+' : f.kind == FileChange::Kind::Removed ? '-' : '~';
                std::printf("  %c %s%s\n", sign, qPrintable(f.path), f.what.isEmpty() ? "" : qPrintable(QStringLiteral("  (") + f.what + QLatin1Char(')')));
            }
            std::printf("Config:\n");
            for (const ValueChange& c : diff.config)
                std::printf("  %s: %s -> %s\n", qPrintable(c.field), qPrintable(c.a.isEmpty() ? QStringLiteral("(none)") : c.a),
                            qPrintable(c.b.isEmpty() ? QStringLiteral("(none)") : c.b));
            if (diff.packageFormatA.isEmpty() && diff.packageFormatB.isEmpty()) {
                std::printf("Packages: no dpkg or apk database in either image (other formats are not supported)\n");
            } else {
                std::printf("Packages (%s / %s):\n", qPrintable(diff.packageFormatA), qPrintable(diff.packageFormatB));
                for (const ValueChange& c : diff.packages)
                    std::printf("  %s %s: %s -> %s\n", c.a.isEmpty() ? "+" : c.b.isEmpty() ? "-" : "~", qPrintable(c.field),
                                qPrintable(c.a.isEmpty() ? QStringLiteral("(none)") : c.a), qPrintable(c.b.isEmpty() ? QStringLiteral("(none)") : c.b));
            }
        }
        std::fflush(stdout);
        exit(0);
    };
    for (int side = 0; side < 2; ++side) {
        Reference ref;
        RegistryClient* client = session.clientForArgument({args[side]}, usageText, true, &ref, [&](int code) {
            *failed = true;
            exit(code);
        });
        if (!client)
            return;
        auto* loader = new ImageContentsLoader(client, &session.contentStore(), cacheDir(), &session);
        loader->load(ref.path, referenceOf(ref), wanted, &session, [&session, client, side, sides, pending, failed, report, ref, exit](Result<ImageContents> contents) {
            if (*failed)
                return;
            if (!contents) {
                *failed = true;
                Error error = contents.error();
                error.message = ref.toString() + QStringLiteral(": ") + error.message;
                session.failReading(client, ref, error, exit);
                return;
            }
            contents->reference = ref.toString();
            (*sides)[side] = std::move(*contents);
            if (--*pending == 0)
                report();
        });
    }
}

namespace {
// When a watch saw each observation's tag deleted (the tag history itself records sightings only).
QHash<const TagObservation*, QDateTime> deletions(CtlSession& session, const QString& registry, const Reference& ref,
                                                 const QList<TagObservation>& rows)
{
    QHash<const TagObservation*, QDateTime> deleted;
    const auto journal = session.watchJournal();
    if (!journal)
        return deleted;
    for (const WatchEvent& e : (*journal)->eventsSince(registry, ref.path, {})) {
        if (e.kind != WatchEvent::Kind::TagDeleted)
            continue;
        for (const TagObservation& o : rows) {
            if (o.tag == e.tag && o.digest == e.previousDigest && e.detected >= o.lastSeen)
                deleted.insert(&o, e.detected);
        }
    }
    return deleted;
}

void printTimeline(CtlSession& session, const Reference& ref, const QList<TagObservation>& rows, const QString& source, const QString& registry)
{
    const auto deleted = source == u"berth" ? deletions(session, registry, ref, rows) : QHash<const TagObservation*, QDateTime>{};
    if (session.options().json) {
        QJsonArray items;
        for (const TagObservation& o : rows) {
            QJsonObject item{{QStringLiteral("tag"), o.tag},
                             {QStringLiteral("digest"), o.digest},
                             {QStringLiteral("firstSeen"), isoDate(o.firstSeen)},
                             {QStringLiteral("lastSeen"), isoDate(o.lastSeen)}};
            if (deleted.contains(&o))
                item.insert(QStringLiteral("deleted"), isoDate(deleted.value(&o)));
            items.append(item);
        }
        printJson({{QStringLiteral("repository"), ref.name()}, {QStringLiteral("source"), source}, {QStringLiteral("observations"), items}});
    } else if (rows.isEmpty()) {
        std::fprintf(stderr, "berthctl: no observations of %s yet; run 'berthctl history %s' to record the tags now\n",
                     qPrintable(ref.toString()), qPrintable(ref.name()));
    } else {
        std::printf("%-24s %-19s %-20s %s\n", "TAG", "DIGEST", source == u"berth" ? "FIRST SEEN" : "FROM", source == u"berth" ? "LAST SEEN" : "UNTIL");
        for (const TagObservation& o : rows)
            std::printf("%-24s %-19s %-20s %s%s\n", qPrintable(o.tag), qPrintable(o.digest.left(19)), qPrintable(isoDate(o.firstSeen)),
                        qPrintable(isoDate(o.lastSeen)),
                        deleted.contains(&o) ? qPrintable(QStringLiteral("  (deleted %1)").arg(isoDate(deleted.value(&o)))) : "");
    }
    std::fflush(stdout);
}
} // namespace

void runTimeline(CtlSession& session, const QStringList& args, Exit exit)
{
    if (args.size() != 1) {
        exit(session.fail(usage(QStringLiteral("usage: berthctl timeline REPO[:TAG] [--json]"))));
        return;
    }
    const auto ref = Reference::parse(args.first());
    if (!ref) {
        exit(session.fail(ref.error()));
        return;
    }
    const auto log = session.observationLog();
    if (!log) {
        exit(session.fail(log.error()));
        return;
    }
    const auto endpoint = session.endpointFor(ref->domain);
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    // A registry that keeps tag history itself (Quay) answers for the whole past; otherwise the
    // local tag history: what Berth saw when it read this repository (history, the browser).
    Provider* provider = createProvider(session.clientFor(*endpoint), &session);
    if (provider->capabilities().tagHistory) {
        provider->tagHistory(ref->path, ref->tag, &session, [&session, ref = *ref, source = provider->dateSource(), exit](Result<QList<TagObservation>> rows) {
            if (!rows) {
                exit(session.fail(rows.error()));
                return;
            }
            printTimeline(session, ref, *rows, source, {});
            exit(0);
        });
        return;
    }
    const QList<TagObservation> rows = ref->tag.isEmpty() ? (*log)->timelineOfRepository(endpoint->name, ref->path)
                                                          : (*log)->timeline(endpoint->name, ref->path, ref->tag);
    printTimeline(session, *ref, rows, QStringLiteral("berth"), endpoint->name);
    exit(0);
}

namespace {

// verify --json: one object per signature (or attestation) found, with what it says.
QJsonArray signatureChecksJson(const QList<SignatureCheck>& checks)
{
    QJsonArray out;
    for (const SignatureCheck& s : checks) {
        QJsonObject check{{QStringLiteral("verified"), s.outcome == SignatureCheck::Outcome::Verified},
                          {QStringLiteral("outcome"), outcomeName(s.outcome)},
                          {QStringLiteral("format"), s.format},
                          {QStringLiteral("source"), s.source},
                          {QStringLiteral("key"), s.keyName},
                          {QStringLiteral("detail"), s.detail}};
        if (!s.signer.isEmpty())
            check.insert(QStringLiteral("signer"), s.signer);
        if (!s.predicateType.isEmpty())
            check.insert(QStringLiteral("predicateType"), s.predicateType);
        out.append(check);
    }
    return out;
}

} // namespace

void runVerify(CtlSession& session, const QStringList& args, const QStringList& keyFiles, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(args, QStringLiteral("usage: berthctl verify REF --key PEM [--key PEM ...] [--json]"),
                                                       true, &ref, exit);
    if (!client)
        return;
    if (keyFiles.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("verify needs the signer's public key: --key cosign.pub"))));
        return;
    }
    QList<PublicKey> keys;
    for (const QString& path : keyFiles) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            exit(session.fail(usage(QStringLiteral("cannot read the key %1: %2").arg(path, file.errorString()))));
            return;
        }
        auto key = PublicKey::fromPem(file.readAll(), path);
        if (!key) {
            exit(session.fail(key.error()));
            return;
        }
        keys << *key;
    }
    // Signatures sign the manifest the reference names (for an index: the index).
    client->fetchManifest(ref.path, referenceOf(ref), &session, [&session, client, ref, keys, exit](Result<Manifest> manifest) {
        if (!manifest) {
            session.failReading(client, ref, manifest.error(), exit);
            return;
        }
        auto* verifier = new CosignVerifier(client, &session);
        verifier->verify(ref.path, manifest->digest, keys, &session, [&session, ref, digest = manifest->digest, exit](Result<TrustResult> trust) {
            if (!trust) {
                exit(session.fail(trust.error()));
                return;
            }
            if (session.options().json) {
                printJson({{QStringLiteral("reference"), ref.toString()},
                       {QStringLiteral("digest"), digest},
                       {QStringLiteral("state"), trust->verdict()},
                       {QStringLiteral("key"), trust->keyName},
                       {QStringLiteral("signatures"), signatureChecksJson(trust->signatures)},
                       {QStringLiteral("attestations"), signatureChecksJson(trust->attestations)}});
            } else {
                std::printf("%s@%s: %s\n", qPrintable(ref.name()), qPrintable(digest), qPrintable(trust->summary()));
            }
            std::fflush(stdout);
            exit(trust->state == TrustResult::State::Verified ? 0 : 1);
        });
    });
}

void runReferrers(CtlSession& session, const QStringList& args, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(args, QStringLiteral("usage: berthctl referrers REF [--json]"), true, &ref, exit);
    if (!client)
        return;
    client->fetchManifest(ref.path, referenceOf(ref), &session, [&session, client, ref, exit](Result<Manifest> manifest) {
        if (!manifest) {
            session.failReading(client, ref, manifest.error(), exit);
            return;
        }
        const QString digest = manifest->digest;
        client->listReferrers(ref.path, digest, {}, &session, [&session, client, ref, digest, exit](Result<QList<Descriptor>> referrers) {
            if (!referrers) {
                exit(session.fail(referrers.error()));
                return;
            }
            // cosign's older tag scheme keeps signatures, attestations and SBOMs beside the image.
            const QString base = digest.section(QLatin1Char(':'), 0, 0) + QLatin1Char('-') + digest.section(QLatin1Char(':'), 1);
            auto found = std::make_shared<QList<std::pair<QString, QString>>>();
            auto pending = std::make_shared<int>(3);
            auto report = [&session, ref, digest, referrers = *referrers, found, exit] {
                if (session.options().json) {
                    QJsonArray items;
                    for (const Descriptor& d : referrers)
                        items.append(QJsonObject{{QStringLiteral("digest"), d.digest},
                                                 {QStringLiteral("artifactType"), d.artifactType},
                                                 {QStringLiteral("mediaType"), d.mediaType},
                                                 {QStringLiteral("size"), d.size}});
                    QJsonArray tags;
                    for (const auto& [kind, tag] : *found)
                        tags.append(QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("tag"), tag}});
                    printJson({{QStringLiteral("reference"), ref.toString()}, {QStringLiteral("digest"), digest},
                           {QStringLiteral("referrers"), items}, {QStringLiteral("cosignTags"), tags}});
                } else {
                    std::printf("%s@%s\n", qPrintable(ref.name()), qPrintable(digest));
                    for (const Descriptor& d : referrers)
                        std::printf("  %-40s %s  %s\n", qPrintable(d.artifactType.isEmpty() ? d.mediaType : d.artifactType),
                                    qPrintable(d.digest), qPrintable(humanSize(d.size)));
                    for (const auto& [kind, tag] : *found)
                        std::printf("  cosign %-33s tag %s\n", qPrintable(kind), qPrintable(tag));
                    if (referrers.isEmpty() && found->isEmpty())
                        std::printf("  nothing refers to this image\n");
                }
                std::fflush(stdout);
                exit(0);
            };
            for (const auto& [kind, suffix] : {std::pair{QStringLiteral("signature"), QStringLiteral(".sig")},
                                               std::pair{QStringLiteral("attestation"), QStringLiteral(".att")},
                                               std::pair{QStringLiteral("sbom"), QStringLiteral(".sbom")}}) {
                client->headManifest(ref.path, base + suffix, &session, [found, pending, report, kind, tag = base + suffix](Result<ManifestHead> head) {
                    if (head)
                        found->append({kind, tag});
                    if (--*pending == 0)
                        report();
                });
            }
        });
    });
}

namespace {

    QJsonObject reportJson(const VulnerabilityReport& r)
    {
        QJsonObject counts;
        const auto c = r.counts();
        for (auto it = c.begin(); it != c.end(); ++it)
            counts.insert(severityName(it.key()), it.value());
        QJsonArray items;
        for (const Vulnerability& v : r.items)
            items.append(QJsonObject{{QStringLiteral("id"), v.id},
                                     {QStringLiteral("severity"), severityName(v.severity)},
                                     {QStringLiteral("package"), v.package},
                                     {QStringLiteral("installedVersion"), v.installedVersion},
                                     {QStringLiteral("fixedVersion"), v.fixedVersion},
                                     {QStringLiteral("title"), v.title},
                                     {QStringLiteral("cvss"), v.cvss},
                                     {QStringLiteral("links"), QJsonArray::fromStringList(v.links)}});
        QJsonObject json{{QStringLiteral("source"), r.source}, {QStringLiteral("scanner"), r.scanner},
                         {QStringLiteral("counts"), counts}, {QStringLiteral("vulnerabilities"), items}};
        if (!r.subject.isEmpty())
            json.insert(QStringLiteral("subject"), r.subject);
        return json;
    }

} // namespace

void reportScan(CtlSession& session, const Reference& ref, const TrustSummary& summary, std::optional<Severity> threshold, const Exit& exit);

void runScan(CtlSession& session, const QStringList& args, const QString& failOn, bool local, bool start, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(
        args, QStringLiteral("usage: berthctl scan REF [--local | --start] [--json] [--fail-on SEVERITY]"), true, &ref, exit);
    if (!client)
        return;
    if (start) {
        // The registry's own scanner (ECR's, Harbor's); its report is read with 'scan REF' once done.
        Provider* provider = createProvider(client, &session);
        provider->startScan(ref.path, referenceOf(ref), &session, [&session, ref, exit](Result<QString> state) {
            if (!state) {
                exit(session.fail(state.error()));
                return;
            }
            if (session.options().json)
                printJson(QJsonObject{{QStringLiteral("reference"), ref.toString()}, {QStringLiteral("status"), *state}});
            else
                std::printf("Scan of %s started (%s); 'berthctl scan %s' shows the report when it is done.\n", qPrintable(ref.toString()),
                            qPrintable(*state), qPrintable(ref.toString()));
            exit(0);
        });
        return;
    }
    std::optional<Severity> threshold;
    if (!failOn.isEmpty()) {
        threshold = parseSeverity(failOn);
        if (*threshold == Severity::Unknown) {
            exit(session.fail(usage(QStringLiteral("--fail-on takes critical, high, medium, low or negligible"))));
            return;
        }
    }
    if (local) {
        // A scanner on this machine, run as a child process; its progress goes to stderr.
        auto* scanner = new LocalScanner(&session);
        QObject::connect(scanner, &LocalScanner::progress, &session, [](const QString& line) { std::fprintf(stderr, "  %s\n", qPrintable(line)); });
        const bool plain = session.options().plainHttp || client->endpoint().isLoopback();
        scanner->scan(ref.toString(), plain, [&session, ref, threshold, exit](Result<VulnerabilityReport> report) {
            if (!report) {
                exit(session.fail(report.error()));
                return;
            }
            TrustSummary summary;
            summary.reports << *report;
            reportScan(session, ref, summary, threshold, exit);
        });
        return;
    }
    client->fetchManifest(ref.path, referenceOf(ref), &session, [&session, client, ref, threshold, exit](Result<Manifest> manifest) {
        if (!manifest) {
            session.failReading(client, ref, manifest.error(), exit);
            return;
        }
        // Attached reports (referrers) and, on a Harbor or ECR, their own scans.
        auto* inspector = new TrustInspector(client, &session);
        inspector->inspect(ref.path, manifest->digest, {}, &session, [&session, ref, threshold, exit](Result<TrustSummary> trust) {
            if (!trust) {
                exit(session.fail(trust.error()));
                return;
            }
            reportScan(session, ref, *trust, threshold, exit);
        });
    });
}

void reportScan(CtlSession& session, const Reference& ref, const TrustSummary& summary, std::optional<Severity> threshold, const Exit& exit)
{
    const TrustSummary* trust = &summary;
    {
        {
            for (const QString& p : trust->problems)
                std::fprintf(stderr, "berthctl: %s\n", qPrintable(p));
            if (trust->reports.isEmpty()) {
                const bool local = !QStandardPaths::findExecutable(QStringLiteral("trivy")).isEmpty()
                    || !QStandardPaths::findExecutable(QStringLiteral("grype")).isEmpty();
                exit(session.fail(Error::make(ErrorKind::NotFound,
                                              QStringLiteral("no vulnerability report is attached to %1%2")
                                                  .arg(ref.toString(), local ? QString()
                                                                             : QStringLiteral("; neither trivy nor grype is installed here to scan it")))));
                return;
            }
            int above = 0;
            for (const VulnerabilityReport& r : trust->reports)
                above += threshold ? r.atLeast(*threshold) : 0;
            if (session.options().json) {
                QJsonArray items;
                for (const VulnerabilityReport& r : trust->reports)
                    items.append(reportJson(r));
                printJson({{QStringLiteral("reference"), ref.toString()}, {QStringLiteral("digest"), trust->imageDigest}, {QStringLiteral("reports"), items}});
            } else {
                for (const VulnerabilityReport& r : trust->reports) {
                    const auto counts = r.counts();
                    QStringList parts;
                    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Negligible, Severity::Unknown})
                        parts << QStringLiteral("%1 %2").arg(counts.value(s)).arg(severityName(s));
                    std::printf("%s (%s): %lld findings: %s\n", qPrintable(r.source), qPrintable(r.scanner),
                                static_cast<long long>(r.items.size()), qPrintable(parts.join(QStringLiteral(", "))));
                    for (const Vulnerability& v : r.items)
                        std::printf("  %-10s %-20s %s %s%s\n", qPrintable(severityName(v.severity)), qPrintable(v.id), qPrintable(v.package),
                                    qPrintable(v.installedVersion),
                                    v.fixedVersion.isEmpty() ? "" : qPrintable(QStringLiteral(" (fixed in ") + v.fixedVersion + QLatin1Char(')')));
                }
            }
            std::fflush(stdout);
            if (threshold && above > 0) {
                std::fprintf(stderr, "berthctl: %d findings at or above %s\n", above, qPrintable(severityName(*threshold)));
                exit(5);
                return;
            }
            exit(0);
        }
    }
}

} // namespace berth::ctl
