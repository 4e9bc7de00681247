#pragma once

#include "core/base/Error.h"
#include "core/copy/ImageCopier.h"
#include "core/registry/Manifest.h"

#include <QObject>
#include <functional>
#include <memory>

namespace berth {

class RegistryClient;

// Pushes an image from an OCI image layout directory (what `cp … oci:DIR` or skopeo wrote) to a
// registry: the entry of index.json named `refName` (or its only entry), its manifests exactly as
// stored (each checked against its file's digest before it is pushed), the blobs the registry
// lacks streamed from their files (the registry checks each digest), in the order that never
// leaves a tag on a partial image: blobs, child manifests, the index, the tag.
class LayoutImporter final : public QObject
{
    Q_OBJECT
public:
    LayoutImporter(QString directory, RegistryClient* destination, QObject* parent = nullptr);

    void importImage(const QString& refName, const QString& repository, const QString& tag, std::function<void(Result<CopyReport>)> done);

private:
    struct Run;
    Result<Manifest> readManifest(const QString& digest, const QString& mediaType) const;
    void pushTree(const std::shared_ptr<Run>& run, const Manifest& manifest, std::function<void(Result<void>)> next);
    void pushBlobs(const std::shared_ptr<Run>& run, QList<Descriptor> blobs, std::function<void(Result<void>)> next);
    QString blobPath(const QString& digest) const;

    QString m_directory;
    RegistryClient* m_destination;
};

} // namespace berth
