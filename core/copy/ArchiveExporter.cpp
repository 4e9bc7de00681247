#include "core/copy/ArchiveExporter.h"

#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <archive.h>
#include <archive_entry.h>

namespace berth {
namespace {

    // The file a blob has in the archive: its hex digest, with the suffix docker save uses for its kind.
    QString entryName(const Descriptor& blob, const QString& suffix)
    {
        return blob.digest.section(QLatin1Char(':'), 1) + suffix;
    }

} // namespace

// libarchive's tar writer over FILE.partial.
struct ArchiveExporter::Writer
{
    archive* tar = archive_write_new();
    QString partial;
    bool failed = false;

    ~Writer()
    {
        if (tar)
            archive_write_free(tar);
    }
    Error error(const QString& what) const
    {
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1 %2: %3").arg(what, partial, QString::fromLocal8Bit(archive_error_string(tar))));
    }
    // Starts an entry of `size` bytes; its data follows with write().
    bool begin(const QString& name, qint64 size)
    {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname_utf8(entry, name.toUtf8().constData());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, size);
        const bool ok = archive_write_header(tar, entry) == ARCHIVE_OK;
        archive_entry_free(entry);
        return ok;
    }
    bool write(QByteArrayView bytes) { return archive_write_data(tar, bytes.data(), size_t(bytes.size())) == la_ssize_t(bytes.size()); }
    bool add(const QString& name, const QByteArray& bytes) { return begin(name, bytes.size()) && write(bytes); }
};

ArchiveExporter::ArchiveExporter(RegistryClient* source, QString file, QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_file(std::move(file))
{
}

ArchiveExporter::~ArchiveExporter()
{
    if (m_writer) // cut off: what was written is no archive
        QFile::remove(m_writer->partial);
}

void ArchiveExporter::exportImage(const QString& repository, const QString& reference, const QString& repoTag, const QString& platform,
                                  std::function<void(Result<ExportReport>)> done)
{
    m_source->fetchManifest(repository, reference, this, [this, repository, repoTag, platform, done](Result<Manifest> top) {
        if (!top) {
            done(std::unexpected(top.error()));
            return;
        }
        if (!top->isIndex()) {
            writeImage(repository, *top, repoTag, done);
            return;
        }
        const auto wanted = Platform::parse(platform.isEmpty() ? QStringLiteral("linux/amd64") : platform);
        const auto child = wanted ? top->manifestFor(*wanted) : std::nullopt;
        if (!child) {
            done(std::unexpected(top->noImageFor(platform.isEmpty() ? QStringLiteral("linux/amd64 (choose one with --platform)") : platform)));
            return;
        }
        m_source->fetchManifest(repository, child->digest, this, [this, repository, repoTag, done](Result<Manifest> image) {
            if (!image)
                done(std::unexpected(image.error()));
            else
                writeImage(repository, *image, repoTag, done);
        });
    });
}

void ArchiveExporter::writeImage(const QString& repository, const Manifest& image, const QString& repoTag,
                                 std::function<void(Result<ExportReport>)> done)
{
    if (image.kind != Manifest::Kind::Image || !image.artifactType.isEmpty()) {
        done(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("%1 is not a container image (schema 1 or an artifact); docker load "
                                                                                "could not read it").arg(image.digest))));
        return;
    }
    QList<Descriptor> blobs = image.layers;
    blobs.prepend(image.config);
    for (const Descriptor& blob : std::as_const(blobs)) {
        if (!isValidDigest(blob.digest)) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("the manifest names a blob by a malformed digest: %1").arg(blob.digest))));
            return;
        }
    }
    m_writer = std::make_unique<Writer>();
    m_writer->partial = m_file + QStringLiteral(".partial");
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    archive_write_set_format_pax_restricted(m_writer->tar);
    if (archive_write_open_filename(m_writer->tar, m_writer->partial.toLocal8Bit().constData()) != ARCHIVE_OK) {
        const Error error = m_writer->error(QStringLiteral("cannot write"));
        m_writer.reset();
        done(std::unexpected(error));
        return;
    }
    // manifest.json first (docker save puts it last; docker load and skopeo read either).
    QJsonArray layers;
    for (const Descriptor& layer : image.layers)
        layers.append(entryName(layer, QStringLiteral(".tar")));
    const QJsonArray manifest{QJsonObject{{QStringLiteral("Config"), entryName(image.config, QStringLiteral(".json"))},
                                          {QStringLiteral("RepoTags"), repoTag.isEmpty() ? QJsonArray{} : QJsonArray{repoTag}},
                                          {QStringLiteral("Layers"), layers}}};
    if (!m_writer->add(QStringLiteral("manifest.json"), QJsonDocument(manifest).toJson(QJsonDocument::Compact))) {
        const Error error = m_writer->error(QStringLiteral("cannot write"));
        QFile::remove(m_writer->partial);
        m_writer.reset();
        done(std::unexpected(error));
        return;
    }
    m_report = ExportReport{};
    m_report.digest = image.digest;
    QList<Descriptor> unique; // a layer listed twice (an empty layer, often) is in the archive once
    for (const Descriptor& blob : std::as_const(blobs)) {
        if (!std::any_of(unique.cbegin(), unique.cend(), [&](const Descriptor& d) { return d.digest == blob.digest; }))
            unique << blob;
    }
    writeBlobs(repository, unique, [this, done](Result<void> written) {
        const QString partial = m_writer->partial;
        if (written && (archive_write_close(m_writer->tar) != ARCHIVE_OK))
            written = std::unexpected(m_writer->error(QStringLiteral("cannot finish")));
        m_writer.reset();
        if (written && QFile::exists(m_file))
            QFile::remove(m_file);
        if (!written || !QFile::rename(partial, m_file)) {
            QFile::remove(partial);
            done(std::unexpected(written ? Error::make(ErrorKind::Protocol, QStringLiteral("cannot write %1").arg(m_file)) : written.error()));
            return;
        }
        done(m_report);
    });
}

void ArchiveExporter::writeBlobs(const QString& repository, QList<Descriptor> blobs, std::function<void(Result<void>)> next)
{
    // One at a time: a tar entry's bytes must follow its header. The config comes first.
    if (blobs.isEmpty()) {
        next({});
        return;
    }
    const Descriptor blob = blobs.takeFirst();
    const bool config = m_report.blobsWritten == 0;
    if (!m_writer->begin(entryName(blob, config ? QStringLiteral(".json") : QStringLiteral(".tar")), blob.size)) {
        next(std::unexpected(m_writer->error(QStringLiteral("cannot write"))));
        return;
    }
    m_source->fetchBlob(repository, blob.digest, [this](QByteArrayView chunk) { return m_writer && m_writer->write(chunk); }, this,
                        [this, repository, blobs, next](Result<qint64> fetched) {
                            if (!fetched) { // the digest did not match, or the transfer failed: no archive
                                next(std::unexpected(fetched.error()));
                                return;
                            }
                            ++m_report.blobsWritten;
                            m_report.bytesWritten += *fetched;
                            writeBlobs(repository, blobs, next);
                        });
}

} // namespace berth
