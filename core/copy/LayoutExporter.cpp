#include "core/copy/LayoutExporter.h"

#include "core/copy/OciLayout.h"
#include "core/registry/Digest.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace berth {
namespace {

    constexpr int kParallelBlobs = 4;

    Error fileError(const QString& what, const QString& path)
    {
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1 %2").arg(what, path));
    }

} // namespace

struct LayoutExporter::Run
{
    QString repository;
    ExportReport report;
};

LayoutExporter::LayoutExporter(RegistryClient* source, QString directory, QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_directory(std::move(directory))
{
}

QString LayoutExporter::blobPath(const QString& digest) const
{
    return ociLayoutBlobPath(m_directory, digest);
}

Result<void> LayoutExporter::writeFile(const QString& digest, const QByteArray& bytes) const
{
    if (!isValidDigest(digest) || !matchesDigest(bytes, digest))
        return std::unexpected(Error::make(ErrorKind::DigestMismatch, QStringLiteral("%1 does not match its bytes").arg(digest)));
    const QString path = blobPath(digest);
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return std::unexpected(fileError(QStringLiteral("cannot write"), path));
    return {};
}

void LayoutExporter::exportImage(const QString& repository, const QString& reference, const QString& refName, const QString& platform,
                                 std::function<void(Result<ExportReport>)> done)
{
    if (!QDir().mkpath(m_directory + QStringLiteral("/blobs/sha256"))) {
        done(std::unexpected(fileError(QStringLiteral("cannot create the layout directory"), m_directory)));
        return;
    }
    auto run = std::make_shared<Run>();
    run->repository = repository;
    m_source->fetchManifest(repository, reference, this, [this, run, refName, platform, done](Result<Manifest> top) {
        if (!top) {
            done(std::unexpected(top.error()));
            return;
        }
        auto finish = [this, run, refName, done](const Manifest& entry) {
            run->report.digest = entry.digest;
            // Last: the name, once everything it points to is in the layout.
            if (auto written = writeIndex(Descriptor{entry.mediaType, entry.digest, qint64(entry.raw.size()), {}, {}, {}, {}}, refName); !written)
                done(std::unexpected(written.error()));
            else
                done(run->report);
        };
        if (!platform.isEmpty() && top->isIndex()) {
            const auto wanted = Platform::parse(platform);
            const auto child = wanted ? top->manifestFor(*wanted) : std::nullopt;
            if (!child) {
                done(std::unexpected(top->noImageFor(platform)));
                return;
            }
            m_source->fetchManifest(run->repository, child->digest, this, [this, run, finish, done](Result<Manifest> image) {
                if (!image) {
                    done(std::unexpected(image.error()));
                    return;
                }
                writeTree(run, *image, [image = *image, finish, done](Result<void> written) {
                    if (!written)
                        done(std::unexpected(written.error()));
                    else
                        finish(image);
                });
            });
            return;
        }
        writeTree(run, *top, [top = *top, finish, done](Result<void> written) {
            if (!written)
                done(std::unexpected(written.error()));
            else
                finish(top);
        });
    });
}

void LayoutExporter::writeTree(const std::shared_ptr<Run>& run, const Manifest& manifest, std::function<void(Result<void>)> next)
{
    if (manifest.kind == Manifest::Kind::Schema1) {
        next(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("%1 is a Docker schema 1 manifest; an OCI layout cannot hold it")
                                                                     .arg(manifest.digest))));
        return;
    }
    // The manifest's own bytes go last, after everything it names.
    auto writeSelf = [this, manifest, next](Result<void> below) {
        if (!below) {
            next(below);
            return;
        }
        next(writeFile(manifest.digest, manifest.raw));
    };
    if (!manifest.isIndex()) {
        QList<Descriptor> blobs = manifest.layers;
        blobs.prepend(manifest.config);
        writeBlobs(run, blobs, writeSelf);
        return;
    }
    // An index: each image in turn, then the index.
    auto children = std::make_shared<QList<Descriptor>>(manifest.manifests);
    // The step holds itself weakly: the fetch in flight keeps it alive, nothing does once it is done.
    auto step = std::make_shared<std::function<void(Result<void>)>>();
    *step = [this, run, children, weak = std::weak_ptr(step), writeSelf](Result<void> previous) {
        if (!previous || children->isEmpty()) {
            writeSelf(previous);
            return;
        }
        const Descriptor child = children->takeFirst();
        m_source->fetchManifest(run->repository, child.digest, this, [this, run, self = weak.lock()](Result<Manifest> image) {
            if (!image) {
                (*self)(std::unexpected(image.error()));
                return;
            }
            writeTree(run, *image, [self](Result<void> written) { (*self)(std::move(written)); }); // holds the step until it is called
        });
    };
    (*step)(Result<void>{});
}

void LayoutExporter::writeBlobs(const std::shared_ptr<Run>& run, QList<Descriptor> blobs, std::function<void(Result<void>)> next)
{
    struct Batch
    {
        QList<Descriptor> left;
        int running = 0;
        std::optional<Error> failure;
        std::function<void(Result<void>)> next;
    };
    auto batch = std::make_shared<Batch>();
    batch->next = std::move(next);
    for (const Descriptor& blob : blobs) {
        // A digest names a file here: one that is not a well-formed digest ("sha256:../..") is refused.
        if (!isValidDigest(blob.digest)) {
            batch->failure = Error::make(ErrorKind::Protocol, QStringLiteral("the manifest names a blob by a malformed digest: %1").arg(blob.digest));
            break;
        }
        const QFileInfo present(blobPath(blob.digest));
        if (present.exists() && present.size() == blob.size) {
            ++run->report.blobsPresent;
            continue;
        }
        if (!std::any_of(batch->left.cbegin(), batch->left.cend(), [&](const Descriptor& d) { return d.digest == blob.digest; }))
            batch->left << blob;
    }
    // The pump holds itself weakly: each fetch in flight keeps it alive.
    auto pump = std::make_shared<std::function<void()>>();
    *pump = [this, run, batch, weak = std::weak_ptr(pump)] {
        if (batch->left.isEmpty() || batch->failure) {
            if (batch->running == 0 && batch->next) {
                auto then = std::exchange(batch->next, nullptr);
                then(batch->failure ? Result<void>(std::unexpected(*batch->failure)) : Result<void>{});
            }
            return;
        }
        while (batch->running < kParallelBlobs && !batch->left.isEmpty()) {
            const Descriptor blob = batch->left.takeFirst();
            const QString path = blobPath(blob.digest);
            auto file = std::make_shared<QFile>(path + QStringLiteral(".partial"));
            if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                batch->failure = fileError(QStringLiteral("cannot write"), file->fileName());
                break;
            }
            ++batch->running;
            m_source->fetchBlob(run->repository, blob.digest, [file](QByteArrayView chunk) { return file->write(chunk.data(), chunk.size()) == chunk.size(); },
                                this, [run, batch, pump = weak.lock(), file, path](Result<qint64> fetched) {
                                    --batch->running;
                                    file->close();
                                    // Only bytes that matched their digest take the blob's name.
                                    if (fetched && QFile::exists(path))
                                        QFile::remove(path);
                                    if (!fetched || !file->rename(path)) {
                                        file->remove();
                                        if (!batch->failure)
                                            batch->failure = fetched ? fileError(QStringLiteral("cannot write"), path) : fetched.error();
                                    } else {
                                        ++run->report.blobsWritten;
                                        run->report.bytesWritten += *fetched;
                                    }
                                    (*pump)();
                                });
        }
        if (batch->running == 0 && (batch->left.isEmpty() || batch->failure)) {
            if (auto self = weak.lock())
                (*self)();
        }
    };
    (*pump)();
}

Result<void> LayoutExporter::writeIndex(const Descriptor& entry, const QString& refName) const
{
    QSaveFile layout(m_directory + QStringLiteral("/oci-layout"));
    if (!layout.open(QIODevice::WriteOnly) || layout.write(R"({"imageLayoutVersion":"1.0.0"})") < 0 || !layout.commit())
        return std::unexpected(fileError(QStringLiteral("cannot write"), layout.fileName()));
    const QString indexPath = m_directory + QStringLiteral("/index.json");
    QJsonObject index{{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.index.v1+json")}};
    QFile existing(indexPath);
    if (existing.open(QIODevice::ReadOnly)) {
        const QJsonDocument read = QJsonDocument::fromJson(existing.readAll());
        if (!read.isObject())
            return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("%1 is not an OCI image index; not overwritten").arg(indexPath)));
        index = read.object();
    }
    QJsonArray manifests;
    for (const QJsonValue& m : index.value(QStringLiteral("manifests")).toArray()) {
        // The entry of the same name goes (a new export replaces it); unnamed, the same digest's.
        const QString name = m.toObject().value(QStringLiteral("annotations")).toObject().value(kOciRefNameAnnotation).toString();
        const bool replaced = refName.isEmpty() ? name.isEmpty() && m.toObject().value(QStringLiteral("digest")).toString() == entry.digest : name == refName;
        if (!replaced)
            manifests.append(m);
    }
    QJsonObject descriptor{{QStringLiteral("mediaType"), entry.mediaType}, {QStringLiteral("digest"), entry.digest}, {QStringLiteral("size"), entry.size}};
    if (!refName.isEmpty())
        descriptor.insert(QStringLiteral("annotations"), QJsonObject{{kOciRefNameAnnotation, refName}});
    manifests.append(descriptor);
    index.insert(QStringLiteral("manifests"), manifests);
    QSaveFile file(indexPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(index).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
        return std::unexpected(fileError(QStringLiteral("cannot write"), indexPath));
    return {};
}

} // namespace berth
