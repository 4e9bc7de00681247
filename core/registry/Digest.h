#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>

namespace berth {

// Incremental SHA-256 (OpenSSL), for streamed blobs that are never held in memory whole.
class Sha256Hasher
{
public:
    Sha256Hasher();
    ~Sha256Hasher();
    Sha256Hasher(const Sha256Hasher&) = delete;
    Sha256Hasher& operator=(const Sha256Hasher&) = delete;

    void update(QByteArrayView data);
    QString digest(); // "sha256:<hex>"; ends the hash

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// "sha256:<hex>" of the bytes.
QString sha256Digest(QByteArrayView data);
// The 32 bytes of SHA-256 (OpenSSL's, several times QCryptographicHash's speed where the CPU has
// SHA instructions), as QCryptographicHash::hash(data, Sha256) gives them.
QByteArray sha256Bytes(QByteArrayView data);
// True when the bytes hash to `digest` (sha256 or sha512); false for other algorithms.
bool matchesDigest(QByteArrayView data, const QString& digest);
// The digest as cosign names its attachments: "sha256:<hex>" becomes "sha256-<hex>" (then .sig, .att, ...).
QString digestAsTag(const QString& digest);

} // namespace berth
