#include "core/image/ImageContents.h"

#include "core/base/Guarded.h"

#include <QSet>
#include <algorithm>

namespace berth {

ImageSizes imageSizes(const ImageContents& image)
{
    ImageSizes sizes;
    sizes.compressed = image.details.image.imageSize();
    for (int i = 0; i < image.details.image.layers.size(); ++i) {
        sizes.layerCompressed << image.details.image.layers[i].size;
        const qint64 uncompressed = i < image.layers.size() ? image.layers[i].uncompressedBytes : -1;
        sizes.layerUncompressed << uncompressed;
        sizes.uncompressed += qMax<qint64>(0, uncompressed);
    }
    // Walk the layers as a container runtime applies them; every version of a file that a later
    // layer replaces or deletes still occupies its layer.
    struct Live
    {
        qint64 size;
        int layer;
    };
    QMap<QString, Live> live;
    auto waste = [&](const QString& path, const Live& old, int byLayer, bool deleted) {
        if (old.size > 0)
            sizes.wasted << WastedFile{path, old.size, old.layer, byLayer, deleted};
    };
    auto removeTree = [&](const QString& path, int byLayer) {
        if (auto it = live.find(path); it != live.end()) {
            waste(path, *it, byLayer, true);
            live.erase(it);
        }
        const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('/');
        for (auto it = live.lowerBound(prefix); it != live.end() && it.key().startsWith(prefix);) {
            waste(it.key(), *it, byLayer, true);
            it = live.erase(it);
        }
    };
    for (int i = 0; i < image.layers.size(); ++i) {
        for (const LayerEntry& e : image.layers[i].entries) {
            if (e.unsafePath)
                continue;
            if (e.opaque)
                removeTree(e.path.section(QLatin1Char('/'), 0, -2), i);
            else if (e.whiteout)
                removeTree(e.whiteoutTarget(), i);
        }
        for (const LayerEntry& e : image.layers[i].entries) {
            if (e.unsafePath || e.opaque || e.whiteout || e.type == LayerEntry::Type::Directory)
                continue;
            if (auto it = live.find(e.path); it != live.end() && it->layer != i)
                waste(e.path, *it, i, false);
            live.insert(e.path, Live{e.type == LayerEntry::Type::File ? e.size : 0, i});
        }
    }
    std::sort(sizes.wasted.begin(), sizes.wasted.end(), [](const WastedFile& a, const WastedFile& b) {
        return a.size != b.size ? a.size > b.size : a.path < b.path;
    });
    for (const WastedFile& w : sizes.wasted)
        sizes.wastedBytes += w.size;
    return sizes;
}

QMap<QString, QString> parseDpkgStatus(const QByteArray& status)
{
    QMap<QString, QString> out;
    QString package;
    QString version;
    bool installed = false;
    auto flush = [&] {
        if (!package.isEmpty() && installed)
            out.insert(package, version);
        package.clear();
        version.clear();
        installed = false;
    };
    for (const QString& line : QString::fromUtf8(status).split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty()) {
            flush();
        } else if (line.startsWith(QLatin1String("Package:"))) {
            package = line.mid(8).trimmed();
        } else if (line.startsWith(QLatin1String("Version:"))) {
            version = line.mid(8).trimmed();
        } else if (line.startsWith(QLatin1String("Status:"))) {
            installed = line.trimmed().endsWith(QLatin1String(" installed"));
        }
    }
    flush();
    return out;
}

QMap<QString, QString> parseApkInstalled(const QByteArray& installed)
{
    QMap<QString, QString> out;
    QString package;
    QString version;
    for (const QString& line : QString::fromUtf8(installed).split(QLatin1Char('\n'))) {
        if (line.isEmpty()) {
            if (!package.isEmpty())
                out.insert(package, version);
            package.clear();
            version.clear();
        } else if (line.startsWith(QLatin1String("P:"))) {
            package = line.mid(2);
        } else if (line.startsWith(QLatin1String("V:"))) {
            version = line.mid(2);
        }
    }
    if (!package.isEmpty())
        out.insert(package, version);
    return out;
}

PackageSet installedPackages(const ImageContents& image)
{
    // The database a container sees: the highest layer that wrote it, unless a later one deleted it.
    const QList<MergedEntry> merged = mergeLayers(image.layers);
    for (const QString& path : kCapturedFiles) {
        const auto it = std::find_if(merged.begin(), merged.end(), [&](const MergedEntry& m) { return m.entry.path == path; });
        if (it == merged.end())
            continue;
        const QByteArray content = image.layers[it->layer].captured.value(path);
        if (path.startsWith(QLatin1String("var/lib/dpkg")))
            return {QStringLiteral("dpkg"), parseDpkgStatus(content)};
        return {QStringLiteral("apk"), parseApkInstalled(content)};
    }
    return {};
}

namespace {

    void diffLists(const QString& field, const QStringList& a, const QStringList& b, QList<ValueChange>* out)
    {
        if (a != b)
            out->append({field, a.join(QLatin1Char(' ')), b.join(QLatin1Char(' '))});
    }

    void diffMaps(const QString& prefix, const QMap<QString, QString>& a, const QMap<QString, QString>& b, QList<ValueChange>* out)
    {
        QStringList keys = a.keys() + b.keys();
        keys.sort();
        keys.removeDuplicates();
        for (const QString& key : keys) {
            if (a.value(key) != b.value(key) || a.contains(key) != b.contains(key))
                out->append({prefix + key, a.value(key), b.value(key)});
        }
    }

    QMap<QString, QString> envMap(const QStringList& env)
    {
        QMap<QString, QString> out;
        for (const QString& e : env)
            out.insert(e.section(QLatin1Char('='), 0, 0), e.section(QLatin1Char('='), 1));
        return out;
    }

} // namespace

ImageDiff diffImages(const ImageContents& a, const ImageContents& b)
{
    ImageDiff diff;
    QStringList layersA;
    QStringList layersB;
    for (const Descriptor& d : a.details.image.layers)
        layersA << d.digest;
    for (const Descriptor& d : b.details.image.layers)
        layersB << d.digest;
    for (const QString& d : layersA)
        (layersB.contains(d) ? diff.sharedLayers : diff.removedLayers) << d;
    for (const QString& d : layersB) {
        if (!layersA.contains(d))
            diff.addedLayers << d;
    }

    QMap<QString, LayerEntry> filesA;
    QMap<QString, LayerEntry> filesB;
    for (const MergedEntry& m : mergeLayers(a.layers))
        filesA.insert(m.entry.path, m.entry);
    for (const MergedEntry& m : mergeLayers(b.layers))
        filesB.insert(m.entry.path, m.entry);
    for (auto it = filesA.begin(); it != filesA.end(); ++it) {
        const auto other = filesB.constFind(it.key());
        const LayerEntry& x = *it;
        if (other == filesB.cend()) {
            diff.files << FileChange{FileChange::Kind::Removed, x.path, x.size, -1, x.modeString(), {}, {}};
            continue;
        }
        const LayerEntry& y = *other;
        QStringList what;
        if (x.type != y.type)
            what << QStringLiteral("type");
        if (x.type == LayerEntry::Type::File && x.size != y.size)
            what << QStringLiteral("size");
        if (x.mode != y.mode)
            what << QStringLiteral("mode");
        if (x.linkTarget != y.linkTarget)
            what << QStringLiteral("link target");
        if (x.uid != y.uid || x.gid != y.gid)
            what << QStringLiteral("owner");
        // Same size but new content cannot be seen from tar headers; the modification time is the hint.
        if (what.isEmpty() && x.type == LayerEntry::Type::File && x.modified != y.modified)
            what << QStringLiteral("modified time");
        if (!what.isEmpty())
            diff.files << FileChange{FileChange::Kind::Changed, x.path, x.size, y.size, x.modeString(), y.modeString(), what.join(QStringLiteral(", "))};
    }
    for (auto it = filesB.begin(); it != filesB.end(); ++it) {
        if (!filesA.contains(it.key()))
            diff.files << FileChange{FileChange::Kind::Added, it->path, -1, it->size, {}, it->modeString(), {}};
    }
    std::sort(diff.files.begin(), diff.files.end(), [](const FileChange& x, const FileChange& y) { return x.path < y.path; });

    const ImageConfig ca = a.details.config.value_or(ImageConfig{});
    const ImageConfig cb = b.details.config.value_or(ImageConfig{});
    diffMaps(QStringLiteral("Env "), envMap(ca.env), envMap(cb.env), &diff.config);
    diffMaps(QStringLiteral("Label "), ca.labels, cb.labels, &diff.config);
    diffLists(QStringLiteral("Entrypoint"), ca.entrypoint, cb.entrypoint, &diff.config);
    diffLists(QStringLiteral("Cmd"), ca.cmd, cb.cmd, &diff.config);
    diffLists(QStringLiteral("User"), {ca.user}, {cb.user}, &diff.config);
    diffLists(QStringLiteral("WorkingDir"), {ca.workingDir}, {cb.workingDir}, &diff.config);
    diffLists(QStringLiteral("ExposedPorts"), ca.exposedPorts, cb.exposedPorts, &diff.config);
    diffLists(QStringLiteral("Platform"), {ca.platform.toString()}, {cb.platform.toString()}, &diff.config);
    QStringList historyA;
    QStringList historyB;
    for (const HistoryEntry& h : ca.history)
        historyA << h.createdBy;
    for (const HistoryEntry& h : cb.history)
        historyB << h.createdBy;
    if (historyA != historyB)
        diff.config << ValueChange{QStringLiteral("History"), historyA.join(QStringLiteral(" | ")), historyB.join(QStringLiteral(" | "))};

    const PackageSet pa = installedPackages(a);
    const PackageSet pb = installedPackages(b);
    diff.packageFormatA = pa.format;
    diff.packageFormatB = pb.format;
    diffMaps(QString(), pa.versions, pb.versions, &diff.packages);
    return diff;
}

ImageContentsLoader::ImageContentsLoader(RegistryClient* client, ContentStore* store, const QString& cacheDirectory, QObject* parent)
    : QObject(parent)
    , m_inspector(client, store, this)
    , m_files(client, cacheDirectory, this)
{
}

void ImageContentsLoader::load(const QString& repository, const QString& reference, const std::optional<Platform>& platform,
                               QObject* context, std::function<void(Result<ImageContents>)> done)
{
    done = guarded<Result<ImageContents>>(context, std::move(done));
    m_inspector.inspect(repository, reference, platform, context, [this, repository, reference, context = QPointer(context), done](Result<ImageDetails> details) {
        if (!details) {
            done(std::unexpected(details.error()));
            return;
        }
        auto contents = std::make_shared<ImageContents>();
        contents->reference = reference;
        contents->details = *details;
        const QList<Descriptor> layers = details->image.layers;
        if (layers.isEmpty()) {
            done(*contents);
            return;
        }
        auto listings = std::make_shared<QList<std::optional<LayerListing>>>(layers.size());
        auto pending = std::make_shared<int>(int(layers.size()));
        auto failed = std::make_shared<bool>(false);
        for (int i = 0; i < layers.size(); ++i) {
            m_files.list(repository, layers[i], context, [i, contents, listings, pending, failed, done](Result<LayerListing> listing) {
                if (*failed)
                    return;
                if (!listing) {
                    *failed = true;
                    done(std::unexpected(listing.error()));
                    return;
                }
                (*listings)[i] = std::move(*listing);
                if (--*pending > 0)
                    return;
                for (const auto& l : *listings)
                    contents->layers << *l;
                done(*contents);
            });
        }
    });
}

} // namespace berth
