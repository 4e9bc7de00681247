#include "core/store/ContentStore.h"

#include "core/registry/Digest.h"
#include "core/registry/Reference.h"

#include <QDir>
#include <QFile>
#include <QTemporaryFile>

namespace berth {

ContentStore::ContentStore(QString root)
    : m_root(std::move(root))
{
}

QString ContentStore::pathFor(const QString& digest) const
{
    const QString algorithm = digest.section(QLatin1Char(':'), 0, 0);
    const QString hex = digest.section(QLatin1Char(':'), 1);
    return m_root + QStringLiteral("/blobs/") + algorithm + QLatin1Char('/') + hex.left(2) + QLatin1Char('/') + hex;
}

bool ContentStore::contains(const QString& digest) const
{
    return isValidDigest(digest) && QFile::exists(pathFor(digest));
}

std::optional<QByteArray> ContentStore::read(const QString& digest) const
{
    if (!isValidDigest(digest))
        return std::nullopt;
    QFile file(pathFor(digest));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QByteArray bytes = file.readAll();
    if (!matchesDigest(bytes, digest)) {
        file.close();
        QFile::remove(file.fileName()); // damaged: forget it, it will be fetched again
        return std::nullopt;
    }
    return bytes;
}

bool ContentStore::write(const QString& digest, const QByteArray& bytes)
{
    if (!isValidDigest(digest) || !matchesDigest(bytes, digest))
        return false;
    const QString path = pathFor(digest);
    if (QFile::exists(path))
        return true;
    QDir().mkpath(QFileInfo(path).absolutePath());
    // Written under a temporary name and renamed: readers see the whole file or none. No fsync:
    // a file lost or damaged in a crash fails its digest check on read and is fetched again.
    QTemporaryFile file(path + QStringLiteral(".XXXXXX"));
    if (!file.open() || file.write(bytes) != bytes.size())
        return false;
    file.close();
    if (!file.rename(path))
        return QFile::exists(path); // another writer won the race with the same bytes
    file.setAutoRemove(false);
    return true;
}

} // namespace berth
