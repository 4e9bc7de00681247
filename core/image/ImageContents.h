#pragma once

#include "core/image/ImageInspector.h"
#include "core/image/LayerFiles.h"

#include <QMap>

namespace berth {

class RegistryClient;

// One image with the listings of all its layers: what sizes, diffs and the Files view read.
struct ImageContents
{
    QString reference;
    ImageDetails details;
    QList<LayerListing> layers; // in the order of the manifest, lowest first
};

// A file that takes space in a layer but not in the running container: a later layer overwrote or deleted it.
struct WastedFile
{
    QString path;
    qint64 size = 0;
    int layer = 0; // where the bytes are
    int byLayer = 0; // which layer overwrote or deleted them
    bool deleted = false; // deleted (whiteout) rather than overwritten
};

struct ImageSizes
{
    qint64 compressed = 0; // config + layers, as stored in the registry
    qint64 uncompressed = 0; // the layers' tar streams
    QList<qint64> layerCompressed;
    QList<qint64> layerUncompressed;
    qint64 wastedBytes = 0;
    QList<WastedFile> wasted; // largest first
};

ImageSizes imageSizes(const ImageContents& image);

// Installed packages read from the merged filesystem's package database.
struct PackageSet
{
    QString format; // "dpkg", "apk", or empty when the image has neither database
    QMap<QString, QString> versions; // name -> version
};
PackageSet installedPackages(const ImageContents& image);
QMap<QString, QString> parseDpkgStatus(const QByteArray& status); // installed packages only
QMap<QString, QString> parseApkInstalled(const QByteArray& installed);

struct FileChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path;
    qint64 sizeA = -1;
    qint64 sizeB = -1;
    QString modeA;
    QString modeB;
    QString what; // "size", "mode", "type", "link target", "owner"
};

struct ValueChange
{
    QString field; // "Env PATH", "Label org.x", "Cmd", "User", ...
    QString a; // empty when absent on that side
    QString b;
};

struct ImageDiff
{
    QStringList sharedLayers;
    QStringList removedLayers; // only in A
    QStringList addedLayers; // only in B
    QList<FileChange> files;
    QList<ValueChange> config;
    QString packageFormatA;
    QString packageFormatB;
    QList<ValueChange> packages; // field = package name
};

// A → B: what changed. Pure: the same inputs always give the same diff.
ImageDiff diffImages(const ImageContents& a, const ImageContents& b);

// Loads an image and lists every layer (from the caches when it can).
class ImageContentsLoader final : public QObject
{
    Q_OBJECT
public:
    ImageContentsLoader(RegistryClient* client, class ContentStore* store, const QString& cacheDirectory, QObject* parent = nullptr);
    void load(const QString& repository, const QString& reference, const std::optional<Platform>& platform, QObject* context,
              std::function<void(Result<ImageContents>)> done);

private:
    ImageInspector m_inspector;
    LayerFiles m_files;
};

} // namespace berth
