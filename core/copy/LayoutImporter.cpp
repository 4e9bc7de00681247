#include "core/copy/LayoutImporter.h"

#include "core/copy/OciLayout.h"
#include "core/registry/Digest.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {
namespace {

    Error layoutError(const QString& text)
    {
        return Error::make(ErrorKind::InvalidInput, text);
    }

} // namespace

struct LayoutImporter::Run
{
    QString repository;
    CopyReport report;
};

LayoutImporter::LayoutImporter(QString directory, RegistryClient* destination, QObject* parent)
    : QObject(parent)
    , m_directory(std::move(directory))
    , m_destination(destination)
{
}

QString LayoutImporter::blobPath(const QString& digest) const
{
    return ociLayoutBlobPath(m_directory, digest);
}

Result<Manifest> LayoutImporter::readManifest(const QString& digest, const QString& mediaType) const
{
    if (!isValidDigest(digest))
        return std::unexpected(layoutError(QStringLiteral("the layout names a manifest by a malformed digest: %1").arg(digest)));
    QFile file(blobPath(digest));
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(layoutError(QStringLiteral("the layout has no blob %1 (%2)").arg(digest, file.fileName())));
    const QByteArray bytes = file.read(RegistryClient::kMaxManifestBytes + 1);
    if (bytes.size() > RegistryClient::kMaxManifestBytes)
        return std::unexpected(layoutError(QStringLiteral("%1 is too large for a manifest").arg(file.fileName())));
    if (!matchesDigest(bytes, digest))
        return std::unexpected(Error::make(ErrorKind::DigestMismatch, QStringLiteral("%1 does not match its digest %2").arg(file.fileName(), digest)));
    auto manifest = Manifest::parse(bytes, mediaType);
    if (manifest)
        manifest->digest = digest;
    return manifest;
}

void LayoutImporter::importImage(const QString& refName, const QString& repository, const QString& tag, std::function<void(Result<CopyReport>)> done)
{
    QFile indexFile(m_directory + QStringLiteral("/index.json"));
    if (!QFile::exists(m_directory + QStringLiteral("/oci-layout")) || !indexFile.open(QIODevice::ReadOnly)) {
        done(std::unexpected(layoutError(QStringLiteral("%1 is not an OCI image layout (no oci-layout and index.json)").arg(m_directory))));
        return;
    }
    const QJsonArray entries = QJsonDocument::fromJson(indexFile.readAll()).object().value(QStringLiteral("manifests")).toArray();
    QList<QJsonObject> matching;
    QStringList names;
    for (const QJsonValue& value : entries) {
        const QString name = value.toObject().value(QStringLiteral("annotations")).toObject().value(kOciRefNameAnnotation).toString();
        names << name;
        if (refName.isEmpty() || name == refName)
            matching << value.toObject();
    }
    if (matching.size() != 1) {
        done(std::unexpected(layoutError(matching.isEmpty() ? QStringLiteral("%1 holds no image named \"%2\"; it holds: %3").arg(m_directory, refName, names.join(QStringLiteral(", ")))
                                                            : QStringLiteral("%1 holds several images (%2); name one: oci:DIR:NAME").arg(m_directory, names.join(QStringLiteral(", "))))));
        return;
    }
    auto top = readManifest(matching.first().value(QStringLiteral("digest")).toString(), matching.first().value(QStringLiteral("mediaType")).toString());
    if (!top) {
        done(std::unexpected(top.error()));
        return;
    }
    auto run = std::make_shared<Run>();
    run->repository = repository;
    pushTree(run, *top, [this, run, top = *top, tag, done](Result<void> pushed) {
        if (!pushed) {
            done(std::unexpected(pushed.error()));
            return;
        }
        run->report.digest = top.digest;
        run->report.mediaType = top.mediaType;
        if (tag.isEmpty()) {
            done(run->report);
            return;
        }
        // Last: the tag, once everything it points to is there.
        m_destination->putManifest(run->repository, tag, top.raw, top.mediaType, this, [run, done](Result<QString> tagged) {
            if (!tagged)
                done(std::unexpected(tagged.error()));
            else
                done(run->report);
        });
    });
}

void LayoutImporter::pushTree(const std::shared_ptr<Run>& run, const Manifest& manifest, std::function<void(Result<void>)> next)
{
    auto pushSelf = [this, run, manifest, next](Result<void> below) {
        if (!below) {
            next(below);
            return;
        }
        m_destination->putManifest(run->repository, manifest.digest, manifest.raw, manifest.mediaType, this, [run, next](Result<QString> put) {
            if (!put) {
                next(std::unexpected(put.error()));
                return;
            }
            ++run->report.manifestsPushed;
            next({});
        });
    };
    if (manifest.kind == Manifest::Kind::Schema1) {
        next(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("%1 is a Docker schema 1 manifest; not pushed").arg(manifest.digest))));
        return;
    }
    if (!manifest.isIndex()) {
        QList<Descriptor> blobs = manifest.layers;
        if (!manifest.config.digest.isEmpty())
            blobs.prepend(manifest.config);
        pushBlobs(run, blobs, pushSelf);
        return;
    }
    // An index: each image in turn (as the layout has it), then the index.
    auto children = std::make_shared<QList<Descriptor>>(manifest.manifests);
    auto step = std::make_shared<std::function<void(Result<void>)>>();
    *step = [this, run, children, weak = std::weak_ptr(step), pushSelf](Result<void> previous) {
        if (!previous || children->isEmpty()) {
            pushSelf(previous);
            return;
        }
        const Descriptor child = children->takeFirst();
        auto image = readManifest(child.digest, child.mediaType);
        if (!image) {
            pushSelf(std::unexpected(image.error()));
            return;
        }
        pushTree(run, *image, [self = weak.lock()](Result<void> pushed) { (*self)(std::move(pushed)); });
    };
    (*step)(Result<void>{});
}

void LayoutImporter::pushBlobs(const std::shared_ptr<Run>& run, QList<Descriptor> blobs, std::function<void(Result<void>)> next)
{
    if (blobs.isEmpty()) {
        next({});
        return;
    }
    const Descriptor blob = blobs.takeFirst();
    if (!isValidDigest(blob.digest)) {
        next(std::unexpected(layoutError(QStringLiteral("the layout names a blob by a malformed digest: %1").arg(blob.digest))));
        return;
    }
    m_destination->hasBlob(run->repository, blob.digest, this, [this, run, blob, blobs, next](Result<bool> present) {
        if (present && *present) {
            ++run->report.blobsPresent;
            pushBlobs(run, blobs, next);
            return;
        }
        auto file = std::make_shared<QFile>(blobPath(blob.digest));
        if (!file->open(QIODevice::ReadOnly) || file->size() != blob.size) {
            next(std::unexpected(layoutError(QStringLiteral("the layout's blob %1 is missing or not %2 bytes").arg(blob.digest).arg(blob.size))));
            return;
        }
        // Streamed from the file; the registry checks the bytes against the digest.
        m_destination->uploadBlobStream(run->repository, blob.digest, blob.size, [file](char* buffer, qint64 max) { return file->read(buffer, max); }, {},
                                        this, [this, run, blob, blobs, next, file](Result<void> uploaded) {
                                            if (!uploaded) {
                                                next(std::unexpected(uploaded.error()));
                                                return;
                                            }
                                            ++run->report.blobsCopied;
                                            run->report.bytesCopied += blob.size;
                                            pushBlobs(run, blobs, next);
                                        });
    });
}

} // namespace berth
