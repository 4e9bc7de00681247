#pragma once

#include "core/base/Error.h"
#include "core/registry/Manifest.h"

#include <QObject>
#include <functional>
#include <memory>

namespace berth {

class RegistryClient;

// What an export wrote.
struct ExportReport
{
    QString digest; // the manifest (or index) the layout's entry names
    int blobsWritten = 0;
    int blobsPresent = 0; // already in the layout (same digest and size): not fetched again
    qint64 bytesWritten = 0;
};

// Takes an image to a machine without registry access: an OCI image layout directory (the
// oci-layout file, blobs/sha256/<hex>, index.json naming the image by `refName` in
// org.opencontainers.image.ref.name) that skopeo, umoci and oras read. Every blob streams from the
// registry into a .partial file, hashed on the way, and takes its name only once its digest
// matched; manifests are written exactly as read, so digests are kept. Blobs the layout has are
// skipped, so a second export (or one cut off) fetches only what is missing; index.json is written
// last, so an interrupted export never names a partial image. An existing layout keeps its other
// images; an entry of the same ref name is replaced.
class LayoutExporter final : public QObject
{
    Q_OBJECT
public:
    LayoutExporter(RegistryClient* source, QString directory, QObject* parent = nullptr);

    // `platform` empty: an index with all its platforms; else that platform's image alone.
    void exportImage(const QString& repository, const QString& reference, const QString& refName, const QString& platform,
                     std::function<void(Result<ExportReport>)> done);

private:
    struct Run;
    void writeTree(const std::shared_ptr<Run>& run, const Manifest& manifest, std::function<void(Result<void>)> next);
    void writeBlobs(const std::shared_ptr<Run>& run, QList<Descriptor> blobs, std::function<void(Result<void>)> next);
    Result<void> writeFile(const QString& digest, const QByteArray& bytes) const;
    Result<void> writeIndex(const Descriptor& entry, const QString& refName) const;
    QString blobPath(const QString& digest) const;

    RegistryClient* m_source;
    QString m_directory;
};

} // namespace berth
