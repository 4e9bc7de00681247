#pragma once

#include "core/base/Error.h"
#include "core/copy/LayoutExporter.h"

#include <QObject>
#include <functional>

namespace berth {

class RegistryClient;

// Writes one image as a `docker load`-able archive (the docker-archive format skopeo also reads):
// manifest.json naming the config, the layers in order and `repoTag`, then the config and each
// layer as stored in the registry (docker load and skopeo read compressed layers). An index gives
// the image of `platform` (linux/amd64 by default). Blobs stream from the registry into the tar,
// each checked against its digest; the archive is written to FILE.partial and takes its name only
// when complete, so a failed or cut-off export leaves no archive behind.
class ArchiveExporter final : public QObject
{
    Q_OBJECT
public:
    ArchiveExporter(RegistryClient* source, QString file, QObject* parent = nullptr);
    ~ArchiveExporter() override;

    void exportImage(const QString& repository, const QString& reference, const QString& repoTag, const QString& platform,
                     std::function<void(Result<ExportReport>)> done);

private:
    struct Writer;
    void writeImage(const QString& repository, const Manifest& image, const QString& repoTag, std::function<void(Result<ExportReport>)> done);
    // The config first, then the layers; each once.
    void writeBlobs(const QString& repository, QList<Descriptor> blobs, std::function<void(Result<void>)> next);

    RegistryClient* m_source;
    QString m_file;
    std::unique_ptr<Writer> m_writer;
    ExportReport m_report;
};

} // namespace berth
