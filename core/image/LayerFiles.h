#pragma once

#include "core/image/LayerListing.h"
#include "core/registry/Manifest.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

namespace berth {

class RegistryClient;

// Lists a layer's files: the blob streams from the network into libarchive on a worker thread
// (no temporary file, a bounded buffer between them, never more bytes than its descriptor
// declares), the listing counts once the digest matched, and it is kept by digest, so the next
// request costs nothing.
class LayerFiles final : public QObject
{
    Q_OBJECT
public:
    LayerFiles(RegistryClient* client, QString cacheDirectory, QObject* parent = nullptr);
    ~LayerFiles() override;

    static constexpr qint64 kStreamCapacity = 512 * 1024; // bytes ahead of libarchive

    void setLimits(const ListingLimits& limits) { m_limits = limits; }
    void list(const QString& repository, const Descriptor& layer, QObject* context,
              std::function<void(Result<LayerListing>)> done);

private:
    QString listingPath(const QString& digest) const;
    // One download of the layer into the listing; a connection lost midway starts it again from
    // the first byte (the decompressor cannot resume), `retriesLeft` more times.
    void download(const QString& repository, const Descriptor& layer, QPointer<QObject> context, std::function<void(Result<LayerListing>)> done,
                  int retriesLeft);
    static constexpr int kDownloadRetries = 2;
    RegistryClient* m_client;
    QList<std::shared_ptr<class LayerStream>> m_streams; // in flight
    QString m_cacheDirectory;
    ListingLimits m_limits;
};

// A file of the merged filesystem and the layer (0 = lowest) it comes from.
struct MergedEntry
{
    LayerEntry entry;
    int layer = 0;
};

// What a container sees: the layers applied in order, whiteouts and opaque directories honoured.
QList<MergedEntry> mergeLayers(const QList<LayerListing>& layers);

} // namespace berth
