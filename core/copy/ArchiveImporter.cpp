#include "core/copy/ArchiveImporter.h"

#include "core/registry/Digest.h"
#include "core/registry/RegistryClient.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <archive.h>
#include <archive_entry.h>

namespace berth {
namespace {

    Error archiveError(const QString& text)
    {
        return Error::make(ErrorKind::InvalidInput, text);
    }

    const QString kConfigType = QStringLiteral("application/vnd.oci.image.config.v1+json");

} // namespace

struct ArchiveImporter::Blob
{
    QString path; // the entry in the archive
    QString digest;
    qint64 size = 0;
    QString mediaType;
    bool config = false;
};

// libarchive reading the tar from its start.
struct ArchiveImporter::Reader
{
    archive* tar = nullptr;
    explicit Reader(const QString& file)
    {
        tar = archive_read_new();
        archive_read_support_format_tar(tar);
        archive_read_support_format_gnutar(tar);
        if (archive_read_open_filename(tar, file.toLocal8Bit().constData(), 64 * 1024) != ARCHIVE_OK) {
            archive_read_free(tar);
            tar = nullptr;
        }
    }
    ~Reader()
    {
        if (tar)
            archive_read_free(tar);
    }
    // Moves to the entry at `path`; false when the archive ends first.
    bool seek(const QString& path)
    {
        archive_entry* entry = nullptr;
        while (archive_read_next_header(tar, &entry) == ARCHIVE_OK) {
            if (QString::fromUtf8(archive_entry_pathname_utf8(entry) ? archive_entry_pathname_utf8(entry) : archive_entry_pathname(entry)) == path)
                return true;
        }
        return false;
    }
};

ArchiveImporter::ArchiveImporter(QString file, RegistryClient* destination, QObject* parent)
    : QObject(parent)
    , m_file(std::move(file))
    , m_destination(destination)
{
}

ArchiveImporter::~ArchiveImporter() = default;

void ArchiveImporter::importImage(const QString& repoTag, const QString& repository, const QString& tag, std::function<void(Result<CopyReport>)> done)
{
    m_repository = repository;
    // First pass: manifest.json, and every entry's digest and size (and whether it is gzip'd).
    Reader first(m_file);
    if (!first.tar) {
        done(std::unexpected(archiveError(QStringLiteral("cannot read %1 as a tar archive").arg(m_file))));
        return;
    }
    QByteArray manifestJson;
    QHash<QString, Blob> entries;
    QStringList order; // the entries in archive order
    archive_entry* entry = nullptr;
    char buffer[64 * 1024];
    while (archive_read_next_header(first.tar, &entry) == ARCHIVE_OK) {
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        const QString path = QString::fromUtf8(archive_entry_pathname(entry));
        Sha256Hasher hasher;
        Blob blob{path, {}, 0, {}, false};
        bool gzip = false;
        la_ssize_t n = 0;
        while ((n = archive_read_data(first.tar, buffer, sizeof buffer)) > 0) {
            if (blob.size == 0)
                gzip = n >= 2 && static_cast<unsigned char>(buffer[0]) == 0x1f && static_cast<unsigned char>(buffer[1]) == 0x8b;
            if (path == u"manifest.json" && manifestJson.size() < 1024 * 1024)
                manifestJson.append(buffer, n);
            hasher.update(QByteArrayView(buffer, n));
            blob.size += n;
        }
        if (n < 0) {
            done(std::unexpected(archiveError(QStringLiteral("%1 is damaged: %2").arg(m_file, QString::fromLocal8Bit(archive_error_string(first.tar))))));
            return;
        }
        blob.digest = hasher.digest();
        blob.mediaType = gzip ? QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip") : QStringLiteral("application/vnd.oci.image.layer.v1.tar");
        entries.insert(path, blob);
        order << path;
    }
    const QJsonArray images = QJsonDocument::fromJson(manifestJson).array();
    QJsonObject image;
    QStringList names;
    for (const QJsonValue& value : images) {
        const QJsonArray tags = value.toObject().value(QStringLiteral("RepoTags")).toArray();
        for (const QJsonValue& t : tags)
            names << t.toString();
        if (repoTag.isEmpty() ? images.size() == 1 : tags.contains(QJsonValue(repoTag)))
            image = value.toObject();
    }
    if (image.isEmpty()) {
        done(std::unexpected(archiveError(images.isEmpty() ? QStringLiteral("%1 has no manifest.json: not a docker-archive").arg(m_file)
                                                           : QStringLiteral("%1 holds %2; name one: docker-archive:FILE:NAME:TAG")
                                                                 .arg(m_file, names.isEmpty() ? QStringLiteral("several untagged images") : names.join(QStringLiteral(", "))))));
        return;
    }
    // The image's blobs, and the manifest an archive does not carry.
    QList<Blob> wanted;
    const QString configPath = image.value(QStringLiteral("Config")).toString();
    if (!entries.contains(configPath)) {
        done(std::unexpected(archiveError(QStringLiteral("%1 lacks the config %2 its manifest.json names").arg(m_file, configPath))));
        return;
    }
    Blob config = entries.value(configPath);
    config.config = true;
    config.mediaType = kConfigType;
    wanted << config;
    QJsonArray layers;
    for (const QJsonValue& layer : image.value(QStringLiteral("Layers")).toArray()) {
        if (!entries.contains(layer.toString())) {
            done(std::unexpected(archiveError(QStringLiteral("%1 lacks the layer %2 its manifest.json names").arg(m_file, layer.toString()))));
            return;
        }
        const Blob blob = entries.value(layer.toString());
        layers.append(QJsonObject{{QStringLiteral("mediaType"), blob.mediaType}, {QStringLiteral("digest"), blob.digest}, {QStringLiteral("size"), blob.size}});
        if (!std::any_of(wanted.cbegin(), wanted.cend(), [&](const Blob& b) { return b.digest == blob.digest; }))
            wanted << blob;
    }
    const QByteArray manifest = QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                                          {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
                                                          {QStringLiteral("config"), QJsonObject{{QStringLiteral("mediaType"), kConfigType},
                                                                                                {QStringLiteral("digest"), config.digest},
                                                                                                {QStringLiteral("size"), config.size}}},
                                                          {QStringLiteral("layers"), layers}})
                                    .toJson(QJsonDocument::Compact);
    // Second pass in archive order (a tar is read forward only).
    std::sort(wanted.begin(), wanted.end(), [&](const Blob& a, const Blob& b) { return order.indexOf(a.path) < order.indexOf(b.path); });
    m_blobs = wanted;
    m_reader = std::make_unique<Reader>(m_file);
    m_report = CopyReport{};
    pushNext([this, manifest, tag, done](Result<void> pushed) {
        m_reader.reset();
        if (!pushed) {
            done(std::unexpected(pushed.error()));
            return;
        }
        m_destination->putManifest(m_repository, tag.isEmpty() ? sha256Digest(manifest) : tag, manifest,
                                   QStringLiteral("application/vnd.oci.image.manifest.v1+json"), this, [this, done](Result<QString> put) {
                                       if (!put) {
                                           done(std::unexpected(put.error()));
                                           return;
                                       }
                                       ++m_report.manifestsPushed;
                                       m_report.digest = *put;
                                       m_report.mediaType = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
                                       done(m_report);
                                   });
    });
}

void ArchiveImporter::pushNext(std::function<void(Result<void>)> next)
{
    if (m_blobs.isEmpty()) {
        next({});
        return;
    }
    const Blob blob = m_blobs.takeFirst();
    m_destination->hasBlob(m_repository, blob.digest, this, [this, blob, next](Result<bool> present) {
        if (present && *present) {
            ++m_report.blobsPresent;
            pushNext(next);
            return;
        }
        if (!m_reader->tar || !m_reader->seek(blob.path)) {
            next(std::unexpected(archiveError(QStringLiteral("%1 changed while it was read (%2 not found again)").arg(m_file, blob.path))));
            return;
        }
        archive* tar = m_reader->tar;
        m_destination->uploadBlobStream(m_repository, blob.digest, blob.size,
                                        [tar](char* buffer, qint64 max) { return qint64(archive_read_data(tar, buffer, size_t(max))); }, {}, this,
                                        [this, blob, next](Result<void> uploaded) {
                                            if (!uploaded) {
                                                next(std::unexpected(uploaded.error()));
                                                return;
                                            }
                                            ++m_report.blobsCopied;
                                            m_report.bytesCopied += blob.size;
                                            pushNext(next);
                                        });
    });
}

} // namespace berth
