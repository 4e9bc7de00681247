#include "ContentStore.h"

#include "Digest.h"
#include "Reference.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

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
    QSaveFile file(path); // written whole or not at all
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(bytes);
    return file.commit();
}

} // namespace berth
