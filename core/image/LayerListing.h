#pragma once

#include "core/base/Error.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <atomic>
#include <optional>

namespace berth {

// One entry of a layer's tar stream. Nothing is ever extracted: these are read from the headers.
struct LayerEntry
{
    enum class Type { File, Directory, Symlink, Hardlink, Other };

    QString path; // relative, without "./" or a trailing '/'
    Type type = Type::File;
    qint64 size = 0;
    quint32 mode = 0; // permission bits and setuid/setgid/sticky
    qint64 uid = 0;
    qint64 gid = 0;
    QString user;
    QString group;
    QString linkTarget;
    QDateTime modified;
    bool whiteout = false; // ".wh.NAME": this layer deletes NAME (OCI image-spec layer.md)
    bool opaque = false; // ".wh..wh..opq": this layer hides everything lower layers put in the directory
    bool unsafePath = false; // absolute, or with ".." components: shown, flagged, never followed

    QString whiteoutTarget() const; // the path a whiteout deletes
    QString modeString() const; // "drwxr-xr-x"
};

// "file", "dir", "symlink", "hardlink" or "other", as the JSON outputs name them.
QString layerEntryTypeName(LayerEntry::Type type);

struct LayerListing
{
    QString digest;
    QString mediaType;
    QList<LayerEntry> entries;
    qint64 uncompressedBytes = 0;
    // Small files read while listing, by path: the package databases (see kCapturedFiles).
    QHash<QString, QByteArray> captured;

    QJsonObject toJson() const;
    static Result<LayerListing> fromJson(const QJsonObject& json);
};

// Files whose content the listing keeps: what package managers installed.
inline const QStringList kCapturedFiles{QStringLiteral("var/lib/dpkg/status"), QStringLiteral("lib/apk/db/installed")};

struct ListingLimits
{
    qint64 maxCapturedBytes = 16LL * 1024 * 1024; // a larger package database is skipped, not read
    qint64 maxUncompressedBytes = 16LL * 1024 * 1024 * 1024; // a decompression bomb stops here
    qint64 maxEntries = 2'000'000;
};

// The compression a layer media type declares: "gzip", "zstd", "" for plain tar; empty optional
// for media types that are not tar layers.
std::optional<QString> layerCompression(const QString& mediaType);

// Lists a layer blob stored in a file, streaming through libarchive (gzip, zstd or plain tar, as
// the media type says). Runs on a worker thread; `cancel` stops it between entries.
Result<LayerListing> listLayerFile(const QString& path, const QString& mediaType, const ListingLimits& limits = {},
                                   const std::atomic<bool>* cancel = nullptr);

// Where a streamed layer's bytes come from: read() points `buffer` at the next bytes and returns
// their count, 0 at the end, -1 on failure (libarchive's read callback, on the listing's thread).
class LayerByteSource
{
public:
    virtual ~LayerByteSource() = default;
    virtual qint64 read(const void** buffer) = 0;
};

// The same, reading the layer as it arrives instead of from a file.
Result<LayerListing> listLayerStream(LayerByteSource& source, const QString& mediaType, const ListingLimits& limits = {},
                                     const std::atomic<bool>* cancel = nullptr);

} // namespace berth
