#include "core/image/LayerListing.h"

#include <QJsonArray>
#include <QTimeZone>
#include <archive.h>
#include <archive_entry.h>
#include <functional>
#include <memory>
#include <sys/stat.h>

namespace berth {
namespace {

    constexpr QLatin1StringView kWhiteoutPrefix(".wh.");
    constexpr QLatin1StringView kOpaqueMarker(".wh..wh..opq");

    QString normalised(const QString& raw, bool* unsafe)
    {
        QString path = raw;
        *unsafe = path.startsWith(QLatin1Char('/'));
        while (path.startsWith(QLatin1String("./")))
            path = path.mid(2);
        while (path.startsWith(QLatin1Char('/')))
            path = path.mid(1);
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        for (const QStringView part : QStringView(path).split(QLatin1Char('/'))) {
            if (part == u"..")
                *unsafe = true;
        }
        return path;
    }

    LayerEntry::Type typeOf(mode_t mode)
    {
        switch (mode & AE_IFMT) {
        case AE_IFREG:
            return LayerEntry::Type::File;
        case AE_IFDIR:
            return LayerEntry::Type::Directory;
        case AE_IFLNK:
            return LayerEntry::Type::Symlink;
        default:
            return LayerEntry::Type::Other;
        }
    }

    const char* typeNameOf(LayerEntry::Type type)
    {
        switch (type) {
        case LayerEntry::Type::File:
            return "file";
        case LayerEntry::Type::Directory:
            return "dir";
        case LayerEntry::Type::Symlink:
            return "symlink";
        case LayerEntry::Type::Hardlink:
            return "hardlink";
        case LayerEntry::Type::Other:
            break;
        }
        return "other";
    }

    struct ArchiveCloser
    {
        void operator()(archive* a) const { archive_read_free(a); }
    };

} // namespace

QString layerEntryTypeName(LayerEntry::Type type)
{
    return QString::fromLatin1(typeNameOf(type));
}

QString LayerEntry::whiteoutTarget() const
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString dir = slash < 0 ? QString() : path.left(slash + 1);
    return dir + path.mid(slash + 1 + kWhiteoutPrefix.size());
}

QString LayerEntry::modeString() const
{
    QString out;
    switch (type) {
    case Type::Directory:
        out += QLatin1Char('d');
        break;
    case Type::Symlink:
        out += QLatin1Char('l');
        break;
    case Type::Hardlink:
        out += QLatin1Char('h');
        break;
    case Type::Other:
        out += QLatin1Char('?');
        break;
    case Type::File:
        out += QLatin1Char('-');
        break;
    }
    const char* letters = "rwxrwxrwx";
    for (int bit = 0; bit < 9; ++bit)
        out += (mode & (0400u >> bit)) ? QLatin1Char(letters[bit]) : QLatin1Char('-');
    if (mode & 04000u)
        out[3] = (mode & 0100u) ? QLatin1Char('s') : QLatin1Char('S');
    if (mode & 02000u)
        out[6] = (mode & 010u) ? QLatin1Char('s') : QLatin1Char('S');
    if (mode & 01000u)
        out[9] = (mode & 01u) ? QLatin1Char('t') : QLatin1Char('T');
    return out;
}

std::optional<QString> layerCompression(const QString& mediaType)
{
    static const QStringList gzip{QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"),
                                  QStringLiteral("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"),
                                  QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip"),
                                  QStringLiteral("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip")};
    static const QStringList zstd{QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd"),
                                  QStringLiteral("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd")};
    static const QStringList plain{QStringLiteral("application/vnd.oci.image.layer.v1.tar"),
                                   QStringLiteral("application/vnd.oci.image.layer.nondistributable.v1.tar")};
    if (gzip.contains(mediaType))
        return QStringLiteral("gzip");
    if (zstd.contains(mediaType))
        return QStringLiteral("zstd");
    if (plain.contains(mediaType))
        return QString();
    return std::nullopt;
}

namespace {

la_ssize_t readFromSource(archive*, void* client, const void** buffer)
{
    return la_ssize_t(static_cast<LayerByteSource*>(client)->read(buffer));
}

// Lists the archive that `open` opens on `a` (a file, or a stream of bytes as they arrive).
Result<LayerListing> listArchive(const std::function<int(archive*)>& open, const QString& mediaType, const ListingLimits& limits,
                                 const std::atomic<bool>* cancel);

} // namespace

Result<LayerListing> listLayerFile(const QString& path, const QString& mediaType, const ListingLimits& limits,
                                   const std::atomic<bool>* cancel)
{
    return listArchive([&path](archive* a) { return archive_read_open_filename(a, path.toLocal8Bit().constData(), 1 << 20); },
                       mediaType, limits, cancel);
}

Result<LayerListing> listLayerStream(LayerByteSource& source, const QString& mediaType, const ListingLimits& limits,
                                     const std::atomic<bool>* cancel)
{
    return listArchive([&source](archive* a) { return archive_read_open(a, &source, nullptr, &readFromSource, nullptr); },
                       mediaType, limits, cancel);
}

namespace {

Result<LayerListing> listArchive(const std::function<int(archive*)>& open, const QString& mediaType, const ListingLimits& limits,
                                 const std::atomic<bool>* cancel)
{
    const auto compression = layerCompression(mediaType);
    if (!compression)
        return std::unexpected(Error::make(ErrorKind::Unsupported,
                                           QStringLiteral("%1 is not a tar layer media type; Berth lists only tar layers "
                                                          "(plain, gzip or zstd)")
                                               .arg(mediaType.isEmpty() ? QStringLiteral("(none)") : mediaType)));
    std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
    // Only the compression the media type declares: a gzip layer that is not gzip is an error.
    if (*compression == u"gzip")
        archive_read_support_filter_gzip(a.get());
    else if (*compression == u"zstd")
        archive_read_support_filter_zstd(a.get());
    else
        archive_read_support_filter_none(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_gnutar(a.get());
    if (open(a.get()) != ARCHIVE_OK)
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the layer is not a %1 tar stream: %2")
                                                                 .arg(compression->isEmpty() ? QStringLiteral("plain") : *compression,
                                                                      QString::fromUtf8(archive_error_string(a.get())))));
    LayerListing listing;
    listing.mediaType = mediaType;
    archive_entry* entry = nullptr;
    while (true) {
        const int status = archive_read_next_header(a.get(), &entry);
        if (status == ARCHIVE_EOF)
            break;
        if (status < ARCHIVE_WARN)
            return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the layer is damaged or truncated after %1 entries: %2")
                                                                     .arg(listing.entries.size())
                                                                     .arg(QString::fromUtf8(archive_error_string(a.get())))));
        if (cancel && cancel->load())
            return std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("cancelled")));
        if (listing.entries.size() >= limits.maxEntries)
            return std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("the layer has more than %1 entries; listing stopped")
                                                                        .arg(limits.maxEntries)));
        LayerEntry e;
        const char* name = archive_entry_pathname_utf8(entry);
        e.path = normalised(QString::fromUtf8(name ? name : archive_entry_pathname(entry)), &e.unsafePath);
        e.type = typeOf(archive_entry_filetype(entry));
        if (const char* hardlink = archive_entry_hardlink(entry)) {
            e.type = LayerEntry::Type::Hardlink;
            bool unsafeTarget = false;
            e.linkTarget = normalised(QString::fromUtf8(hardlink), &unsafeTarget);
            e.unsafePath = e.unsafePath || unsafeTarget; // a hard link can only point inside the layer
        } else if (const char* symlink = archive_entry_symlink(entry)) {
            e.linkTarget = QString::fromUtf8(symlink); // absolute symlinks are normal in images
        }
        e.size = archive_entry_size(entry);
        e.mode = quint32(archive_entry_perm(entry)) & 07777u;
        e.uid = archive_entry_uid(entry);
        e.gid = archive_entry_gid(entry);
        e.user = QString::fromUtf8(archive_entry_uname(entry));
        e.group = QString::fromUtf8(archive_entry_gname(entry));
        e.modified = QDateTime::fromSecsSinceEpoch(archive_entry_mtime(entry), QTimeZone::UTC);
        const QString base = e.path.section(QLatin1Char('/'), -1);
        e.opaque = base == kOpaqueMarker;
        e.whiteout = !e.opaque && base.startsWith(kWhiteoutPrefix);
        listing.entries << e;
        if (e.type == LayerEntry::Type::File && !e.unsafePath && kCapturedFiles.contains(e.path) && e.size <= limits.maxCapturedBytes) {
            QByteArray content(qsizetype(e.size), Qt::Uninitialized);
            const la_ssize_t read = archive_read_data(a.get(), content.data(), size_t(content.size()));
            if (read == e.size)
                listing.captured.insert(e.path, content);
        }
        // A bomb is stopped before it inflates: first by the size the entry declares, then, block
        // by block, by what actually came out of the decompressor (skipping would inflate it all).
        auto tooLarge = [&] {
            return std::unexpected(Error::make(ErrorKind::Protocol,
                                               QStringLiteral("the layer unpacks to more than %1 bytes, the limit; listing stopped "
                                                              "after unpacking %2 bytes (a decompression bomb, or raise the limit)")
                                                   .arg(limits.maxUncompressedBytes)
                                                   .arg(archive_filter_bytes(a.get(), 0))));
        };
        if (archive_filter_bytes(a.get(), 0) + qMax<qint64>(e.size, 0) > limits.maxUncompressedBytes)
            return tooLarge();
        const void* block = nullptr;
        size_t blockSize = 0;
        la_int64_t offset = 0;
        int data = ARCHIVE_OK;
        while ((data = archive_read_data_block(a.get(), &block, &blockSize, &offset)) == ARCHIVE_OK) {
            if (archive_filter_bytes(a.get(), 0) > limits.maxUncompressedBytes)
                return tooLarge();
        }
        if (data < ARCHIVE_WARN)
            return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the layer is damaged or truncated in %1: %2")
                                                                     .arg(e.path, QString::fromUtf8(archive_error_string(a.get())))));
        listing.uncompressedBytes = archive_filter_bytes(a.get(), 0);
        if (listing.uncompressedBytes > limits.maxUncompressedBytes)
            return tooLarge();
    }
    listing.uncompressedBytes = archive_filter_bytes(a.get(), 0);
    return listing;
}

} // namespace

QJsonObject LayerListing::toJson() const
{
    QJsonArray items;
    for (const LayerEntry& e : entries) {
        QJsonObject item{{QStringLiteral("path"), e.path},
                         {QStringLiteral("type"), layerEntryTypeName(e.type)},
                         {QStringLiteral("size"), e.size},
                         {QStringLiteral("mode"), qint64(e.mode)},
                         {QStringLiteral("uid"), e.uid},
                         {QStringLiteral("gid"), e.gid}};
        if (!e.user.isEmpty())
            item.insert(QStringLiteral("user"), e.user);
        if (!e.group.isEmpty())
            item.insert(QStringLiteral("group"), e.group);
        if (!e.linkTarget.isEmpty())
            item.insert(QStringLiteral("linkTarget"), e.linkTarget);
        if (e.modified.isValid())
            item.insert(QStringLiteral("modified"), e.modified.toSecsSinceEpoch());
        if (e.whiteout)
            item.insert(QStringLiteral("whiteout"), true);
        if (e.opaque)
            item.insert(QStringLiteral("opaque"), true);
        if (e.unsafePath)
            item.insert(QStringLiteral("unsafePath"), true);
        items.append(item);
    }
    QJsonObject captures;
    for (auto it = captured.begin(); it != captured.end(); ++it)
        captures.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    return {{QStringLiteral("digest"), digest},
            {QStringLiteral("mediaType"), mediaType},
            {QStringLiteral("uncompressedBytes"), uncompressedBytes},
            {QStringLiteral("captured"), captures},
            {QStringLiteral("entries"), items}};
}

Result<LayerListing> LayerListing::fromJson(const QJsonObject& json)
{
    if (!json.value(QStringLiteral("entries")).isArray())
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("not a layer listing")));
    LayerListing listing;
    listing.digest = json.value(QStringLiteral("digest")).toString();
    listing.mediaType = json.value(QStringLiteral("mediaType")).toString();
    listing.uncompressedBytes = json.value(QStringLiteral("uncompressedBytes")).toInteger();
    const QJsonObject captures = json.value(QStringLiteral("captured")).toObject();
    for (auto it = captures.begin(); it != captures.end(); ++it)
        listing.captured.insert(it.key(), QByteArray::fromBase64(it.value().toString().toLatin1()));
    for (const auto& value : json.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject o = value.toObject();
        LayerEntry e;
        e.path = o.value(QStringLiteral("path")).toString();
        const QString type = o.value(QStringLiteral("type")).toString();
        e.type = type == u"dir"       ? LayerEntry::Type::Directory
            : type == u"symlink"      ? LayerEntry::Type::Symlink
            : type == u"hardlink"     ? LayerEntry::Type::Hardlink
            : type == u"file"         ? LayerEntry::Type::File
                                      : LayerEntry::Type::Other;
        e.size = o.value(QStringLiteral("size")).toInteger();
        e.mode = quint32(o.value(QStringLiteral("mode")).toInteger());
        e.uid = o.value(QStringLiteral("uid")).toInteger();
        e.gid = o.value(QStringLiteral("gid")).toInteger();
        e.user = o.value(QStringLiteral("user")).toString();
        e.group = o.value(QStringLiteral("group")).toString();
        e.linkTarget = o.value(QStringLiteral("linkTarget")).toString();
        if (o.contains(QStringLiteral("modified")))
            e.modified = QDateTime::fromSecsSinceEpoch(o.value(QStringLiteral("modified")).toInteger(), QTimeZone::UTC);
        e.whiteout = o.value(QStringLiteral("whiteout")).toBool();
        e.opaque = o.value(QStringLiteral("opaque")).toBool();
        e.unsafePath = o.value(QStringLiteral("unsafePath")).toBool();
        listing.entries << e;
    }
    return listing;
}

} // namespace berth
