#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace berth {

// Manifests and configs kept on disk by digest (cacheDir/blobs/sha256/<hex>). Content is
// written only after it matched its digest, and checked again when read, so a damaged file is
// a cache miss, never wrong data.
class ContentStore
{
public:
    explicit ContentStore(QString root);

    std::optional<QByteArray> read(const QString& digest) const;
    bool contains(const QString& digest) const;
    // False when the bytes do not match the digest (then nothing is written) or the disk fails.
    bool write(const QString& digest, const QByteArray& bytes);

    QString pathFor(const QString& digest) const;

private:
    QString m_root;
};

} // namespace berth
