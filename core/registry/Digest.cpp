#include "core/registry/Digest.h"

#include <openssl/evp.h>

namespace berth {

namespace {
    // Fetched once: OpenSSL 3 looks EVP_sha256() up in its provider tables on every use (~1,300
    // instructions, measured: a tenth of checking a cached tag summary, thousands of them a run).
    const EVP_MD* fetchedMd(const char* name, const EVP_MD* legacy)
    {
        EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
        return md ? md : legacy;
    }

    const EVP_MD* sha256Md()
    {
        static const EVP_MD* md = fetchedMd("SHA256", EVP_sha256());
        return md;
    }

    const EVP_MD* sha512Md()
    {
        static const EVP_MD* md = fetchedMd("SHA512", EVP_sha512());
        return md;
    }
} // namespace

struct Sha256Hasher::Private
{
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    ~Private() { EVP_MD_CTX_free(context); }
};

Sha256Hasher::Sha256Hasher()
    : d(std::make_unique<Private>())
{
    EVP_DigestInit_ex(d->context, sha256Md(), nullptr);
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
    EVP_Digest(data.data(), size_t(data.size()), reinterpret_cast<unsigned char*>(out.data()), &length, sha256Md(), nullptr);
    return out;
}

bool matchesDigest(QByteArrayView data, const QString& digest)
{
    if (digest.startsWith(QLatin1String("sha256:")))
        return sha256Digest(data) == digest;
    if (digest.startsWith(QLatin1String("sha512:"))) {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_Digest(data.data(), size_t(data.size()), out, &length, sha512Md(), nullptr);
        return digest.mid(7) == QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(out), qsizetype(length)).toHex());
    }
    return false;
}

QString digestAsTag(const QString& digest)
{
    return digest.section(QLatin1Char(':'), 0, 0) + QLatin1Char('-') + digest.section(QLatin1Char(':'), 1);
}

} // namespace berth
