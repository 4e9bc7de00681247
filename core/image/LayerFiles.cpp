#include "core/image/LayerFiles.h"

#include "core/base/Guarded.h"
#include "core/image/LayerStream.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QMap>
#include <QPointer>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>
#include <memory>

namespace berth {

LayerFiles::LayerFiles(RegistryClient* client, QString cacheDirectory, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_cacheDirectory(std::move(cacheDirectory))
{
    // BERTH_MAX_UNPACKED_LAYER_BYTES moves the decompression-bomb limit (default 16 GiB).
    bool ok = false;
    const qint64 limit = qEnvironmentVariable("BERTH_MAX_UNPACKED_LAYER_BYTES").toLongLong(&ok);
    if (ok && limit > 0)
        m_limits.maxUncompressedBytes = limit;
}

QString LayerFiles::listingPath(const QString& digest) const
{
    return m_cacheDirectory + QStringLiteral("/listings/") + digest.section(QLatin1Char(':'), 1) + QStringLiteral(".json");
}

void LayerFiles::list(const QString& repository, const Descriptor& layer, QObject* context,
                      std::function<void(Result<LayerListing>)> done)
{
    done = guarded<Result<LayerListing>>(context, std::move(done));
    if (!isValidDigest(layer.digest) || !layer.digest.startsWith(QLatin1String("sha256:"))) {
        done(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("cannot verify layer digest %1").arg(layer.digest))));
        return;
    }
    if (!layerCompression(layer.mediaType)) {
        done(std::unexpected(Error::make(ErrorKind::Unsupported,
                                         QStringLiteral("layer %1 has media type %2, which is not a tar layer").arg(layer.digest, layer.mediaType))));
        return;
    }
    QFile cached(listingPath(layer.digest));
    if (cached.open(QIODevice::ReadOnly)) {
        if (auto listing = LayerListing::fromJson(QJsonDocument::fromJson(cached.readAll()).object())) {
            done(std::move(*listing));
            return;
        }
    }
    download(repository, layer, context, std::move(done), kDownloadRetries);
}

void LayerFiles::download(const QString& repository, const Descriptor& layer, QPointer<QObject> context,
                          std::function<void(Result<LayerListing>)> done, int retriesLeft)
{
    // The blob goes straight from the network into libarchive on a worker thread, at most
    // kStreamCapacity bytes ahead of it; the listing counts only once the download's digest matched.
    auto stream = std::make_shared<LayerStream>(kStreamCapacity);
    auto flow = std::make_shared<FlowControl>();
    flow->ready = [stream] { return stream->ready(); };
    stream->setOnRoom([self = QPointer<LayerFiles>(this), flow] { FlowControl::resumeLater(self, flow); });
    m_streams.append(stream);
    if (context)
        connect(context, &QObject::destroyed, this, [stream] { stream->finish(false); }); // never leave the reader waiting

    struct Outcome
    {
        std::optional<Result<qint64>> fetched;
        std::optional<Result<LayerListing>> listed;
        bool tooLong = false;
    };
    auto outcome = std::make_shared<Outcome>();
    auto settle = [this, outcome, stream, repository, layer, context, done, retriesLeft] {
        if (!outcome->fetched || !outcome->listed)
            return;
        m_streams.removeOne(stream);
        if (!*outcome->fetched) {
            Error error = outcome->fetched->error();
            if (error.connectionLost && !outcome->tooLong && retriesLeft > 0) {
                download(repository, layer, context, done, retriesLeft - 1);
                return;
            }
            if (outcome->tooLong)
                error = Error::make(ErrorKind::Protocol, QStringLiteral("the registry sent more bytes than the layer's %1").arg(layer.size));
            else if (error.kind == ErrorKind::Cancelled && !*outcome->listed)
                error = outcome->listed->error(); // the listing gave up first: its reason
            done(std::unexpected(error));
            return;
        }
        Result<LayerListing> listing = std::move(*outcome->listed);
        if (listing) {
            listing->digest = layer.digest;
            QDir().mkpath(m_cacheDirectory + QStringLiteral("/listings"));
            QSaveFile out(listingPath(layer.digest));
            if (out.open(QIODevice::WriteOnly)) {
                out.write(QJsonDocument(listing->toJson()).toJson(QJsonDocument::Compact));
                out.commit();
            }
        }
        done(std::move(listing));
    };

    auto* watcher = new QFutureWatcher<Result<LayerListing>>(this);
    connect(watcher, &QFutureWatcher<Result<LayerListing>>::finished, this, [watcher, outcome, settle] {
        watcher->deleteLater();
        outcome->listed = watcher->result();
        settle();
    });
    watcher->setFuture(QtConcurrent::run([stream, mediaType = layer.mediaType, limits = m_limits] {
        Result<LayerListing> listing = listLayerStream(*stream, mediaType, limits);
        stream->close(!listing);
        return listing;
    }));

    auto written = std::make_shared<qint64>(0);
    const qint64 declared = layer.size;
    auto sink = [stream, written, declared, outcome](QByteArrayView data) {
        *written += data.size();
        // More than the descriptor declares is a broken or hostile server: stop reading.
        if (declared > 0 && *written > declared) {
            outcome->tooLong = true;
            return false;
        }
        return stream->push(data);
    };
    m_client->fetchBlob(repository, layer.digest, sink, context, [stream, outcome, settle](Result<qint64> fetched) {
        stream->finish(fetched.has_value());
        outcome->fetched = std::move(fetched);
        settle();
    }, flow);
}

LayerFiles::~LayerFiles()
{
    // Readers still waiting for bytes give up, so that no worker thread is left blocked.
    for (const auto& stream : std::as_const(m_streams))
        stream->finish(false);
}

QList<MergedEntry> mergeLayers(const QList<LayerListing>& layers)
{
    QMap<QString, MergedEntry> state;
    auto removeTree = [&state](const QString& path) {
        state.remove(path);
        const QString prefix = path + QLatin1Char('/');
        for (auto it = state.lowerBound(prefix); it != state.end() && it.key().startsWith(prefix);)
            it = state.erase(it);
    };
    for (int i = 0; i < layers.size(); ++i) {
        // Markers act on the lower layers first; then this layer's own entries land.
        for (const LayerEntry& e : layers[i].entries) {
            if (e.unsafePath)
                continue;
            if (e.opaque) {
                const QString dir = e.path.section(QLatin1Char('/'), 0, -2);
                const QString prefix = dir.isEmpty() ? QString() : dir + QLatin1Char('/');
                for (auto it = state.lowerBound(prefix); it != state.end() && it.key().startsWith(prefix);)
                    it = state.erase(it);
            } else if (e.whiteout) {
                removeTree(e.whiteoutTarget());
            }
        }
        for (const LayerEntry& e : layers[i].entries) {
            if (e.opaque || e.whiteout || e.unsafePath || e.path.isEmpty())
                continue;
            const auto existing = state.constFind(e.path);
            if (existing != state.cend() && existing->entry.type == LayerEntry::Type::Directory
                && e.type != LayerEntry::Type::Directory)
                removeTree(e.path); // a directory replaced by a file takes its contents with it
            state.insert(e.path, MergedEntry{e, i});
        }
    }
    return state.values();
}

} // namespace berth
