#pragma once

#include "core/base/Error.h"
#include "core/copy/ImageCopier.h"

#include <QObject>
#include <functional>

namespace berth {

class RegistryClient;

// Pushes the image of a `docker save` / docker-archive tar to a registry. The archive holds no
// manifest, so an OCI image manifest is made for it: the config and each layer as stored (a
// gzip'd layer as tar+gzip, a plain one as tar), each hashed in a first pass over the archive; the
// second pass streams the blobs the registry lacks (it checks each digest); the tag comes last.
class ArchiveImporter final : public QObject
{
    Q_OBJECT
public:
    ArchiveImporter(QString file, RegistryClient* destination, QObject* parent = nullptr);
    ~ArchiveImporter() override;

    // `repoTag` chooses among the archive's images by its RepoTags ("" = the only image).
    void importImage(const QString& repoTag, const QString& repository, const QString& tag, std::function<void(Result<CopyReport>)> done);

private:
    struct Blob;
    struct Reader;
    void pushNext(std::function<void(Result<void>)> next);

    QString m_file;
    RegistryClient* m_destination;
    QString m_repository;
    QList<Blob> m_blobs; // in archive order
    std::unique_ptr<Reader> m_reader;
    CopyReport m_report;
};

} // namespace berth
