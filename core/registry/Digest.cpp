#include "core/registry/Digest.h"

#include <openssl/evp.h>

namespace berth {

struct Sha256Hasher::Private
{
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    ~Private() { EVP_MD_CTX_free(context); }
};

Sha256Hasher::Sha256Hasher()
    : d(std::make_unique<Private>())
{
    EVP_DigestInit_ex(d->context, EVP_sha256(), nullptr);
}

Sha256Hasher::~Sha256Hasher() = default;

void Sha256Hasher::update(QByteArrayView data)
{
    EVP_DigestUpdate(d->context, data.data(), size_t(data.size()));
}

QString Sha256Hasher::digest()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(d->context, out, &length);
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(out), qsizetype(length)).toHex());
}

QString sha256Digest(QByteArrayView data)
{
    Sha256Hasher hasher;
    hasher.update(data);
    return hasher.digest();
}

QByteArray sha256Bytes(QByteArrayView data)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_Digest(data.data(), size_t(data.size()), reinterpret_cast<unsigned char*>(out.data()), &length, EVP_sha256(), nullptr);
    return out;
}

bool matchesDigest(QByteArrayView data, const QString& digest)
{
    if (digest.startsWith(QLatin1String("sha256:")))
        return sha256Digest(data) == digest;
    if (digest.startsWith(QLatin1String("sha512:"))) {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_Digest(data.data(), size_t(data.size()), out, &length, EVP_sha512(), nullptr);
        return digest.mid(7) == QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(out), qsizetype(length)).toHex());
    }
    return false;
}

QString digestAsTag(const QString& digest)
{
    return digest.section(QLatin1Char(':'), 0, 0) + QLatin1Char('-') + digest.section(QLatin1Char(':'), 1);
}

} // namespace berth
