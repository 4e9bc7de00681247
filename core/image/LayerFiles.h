#pragma once

#include "core/image/LayerListing.h"
#include "core/registry/Manifest.h"

#include <QObject>
#include <functional>

namespace berth {

class RegistryClient;

// Lists a layer's files: the blob is streamed to a temporary file (digest checked on the way,
// never more bytes than its descriptor declares), read once by libarchive on a worker thread, and
// the listing kept by digest, so the next request costs nothing.
class LayerFiles final : public QObject
{
    Q_OBJECT
public:
    LayerFiles(RegistryClient* client, QString cacheDirectory, QObject* parent = nullptr);

    void setLimits(const ListingLimits& limits) { m_limits = limits; }
    void list(const QString& repository, const Descriptor& layer, QObject* context,
              std::function<void(Result<LayerListing>)> done);

private:
    QString listingPath(const QString& digest) const;
    RegistryClient* m_client;
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
