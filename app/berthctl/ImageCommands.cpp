// berthctl manifest, inspect and history: reading images.
#include "Commands.h"
#include "CtlSession.h"
#include "ImageInspector.h"
#include "LayerFiles.h"
#include "Paths.h"
#include "Reference.h"
#include "RepositoryHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <cstdio>

namespace berth::ctl {
namespace {

    Error usage(const QString& text) { return Error::make(ErrorKind::InvalidInput, text); }

    QString referenceOf(const Reference& ref) { return ref.digest.isEmpty() ? ref.tag : ref.digest; }

    QString isoDate(const QDateTime& when) { return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QString(); }

    QString humanSize(qint64 bytes)
    {
        return bytes < 0 ? QStringLiteral("-") : QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
    }

    QJsonArray toJson(const QStringList& list) { return QJsonArray::fromStringList(list); }

    QJsonObject toJson(const QMap<QString, QString>& map)
    {
        QJsonObject out;
        for (auto it = map.begin(); it != map.end(); ++it)
            out.insert(it.key(), it.value());
        return out;
    }

    void print(const QJsonObject& object)
    {
        std::fputs(QJsonDocument(object).toJson(QJsonDocument::Indented).constData(), stdout);
        std::fflush(stdout);
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

void runManifest(CtlSession& session, const QStringList& args, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(args, QStringLiteral("usage: berthctl manifest REF"), true, &ref, exit);
    if (!client)
        return;
    client->fetchManifest(ref.path, referenceOf(ref), &session, [&session, exit](Result<Manifest> manifest) {
        if (!manifest) {
            exit(session.fail(manifest.error()));
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
    inspector->inspect(ref.path, referenceOf(ref), wanted, &session, [&session, ref, exit](Result<ImageDetails> details) {
        if (!details) {
            Error error = details.error();
            error.message = ref.toString() + QStringLiteral(": ") + error.message;
            exit(session.fail(error));
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
        const QJsonObject json = inspectJson(ref, details->top, details->image, *details->config);
        if (session.options().json)
            print(json);
        else
            printInspectText(json);
        exit(0);
    });
}

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
    auto* history = new RepositoryHistory(client, &session.contentStore(), *log, &session);
    history->load(ref.path, &session, [&session, history, name = ref.name(), exit](Result<QList<TagSummary>> rows) {
        history->waitForWrites(); // the tag history is on disk before the process ends
        if (!rows) {
            exit(session.fail(rows.error()));
            return;
        }
        int problems = 0;
        if (session.options().json) {
            QJsonArray tags;
            for (const TagSummary& row : *rows) {
                QJsonObject item{{QStringLiteral("tag"), row.tag},
                                 {QStringLiteral("digest"), row.digest},
                                 {QStringLiteral("mediaType"), row.mediaType},
                                 {QStringLiteral("created"), isoDate(row.created)},
                                 {QStringLiteral("size"), row.size},
                                 {QStringLiteral("platforms"), toJson(row.platforms)}};
                if (!row.artifactType.isEmpty())
                    item.insert(QStringLiteral("artifactType"), row.artifactType);
                if (row.problem) {
                    item.insert(QStringLiteral("problem"), describe(*row.problem));
                    ++problems;
                }
                tags.append(item);
            }
            print({{QStringLiteral("repository"), name}, {QStringLiteral("tags"), tags}});
        } else {
            std::printf("%-24s %-19s %-20s %10s  %s\n", "TAG", "DIGEST", "CREATED", "SIZE", "PLATFORMS");
            for (const TagSummary& row : *rows) {
                std::printf("%-24s %-19s %-20s %10s  %s\n", qPrintable(row.tag), qPrintable(row.digest.left(19)),
                            qPrintable(isoDate(row.created)), qPrintable(humanSize(row.size)),
                            qPrintable(row.platforms.join(QLatin1Char(','))));
                if (row.problem) {
                    std::fprintf(stderr, "berthctl: %s: %s\n", qPrintable(row.tag), qPrintable(describe(*row.problem)));
                    ++problems;
                }
            }
        }
        std::fflush(stdout);
        exit(problems ? 1 : 0);
    });
}

namespace {

    QJsonObject entryJson(const LayerEntry& e, int layer, const QString& layerDigest)
    {
        QJsonObject item{{QStringLiteral("path"), e.path},
                         {QStringLiteral("type"), e.type == LayerEntry::Type::Directory ? QStringLiteral("dir")
                                                  : e.type == LayerEntry::Type::Symlink  ? QStringLiteral("symlink")
                                                  : e.type == LayerEntry::Type::Hardlink ? QStringLiteral("hardlink")
                                                  : e.type == LayerEntry::Type::File     ? QStringLiteral("file")
                                                                                         : QStringLiteral("other")},
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
    inspector->inspect(ref.path, referenceOf(ref), wanted, &session, [&session, files, ref, layerDigest, exit](Result<ImageDetails> details) {
        if (!details) {
            exit(session.fail(details.error()));
            return;
        }
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
        auto finish = [&session, listings, layers, single, exit, ref] {
            QList<LayerListing> all;
            for (const auto& l : *listings)
                all << *l;
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
                if (single)
                    out.insert(QStringLiteral("layer"), layers.first().digest);
                print(out);
            } else if (single) {
                for (const LayerEntry& e : all.first().entries)
                    printEntry(e, -1);
            } else {
                for (const MergedEntry& m : mergeLayers(all))
                    printEntry(m.entry, m.layer);
            }
            std::fflush(stdout);
            exit(0);
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
    });
}

} // namespace berth::ctl
