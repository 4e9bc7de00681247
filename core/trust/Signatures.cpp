#include "core/trust/Signatures.h"

#include "core/base/Guarded.h"
#include "core/registry/Digest.h"
#include "core/registry/Manifest.h"
#include "core/registry/RegistryClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace berth {

Result<PublicKey> PublicKey::fromPem(const QByteArray& pem, const QString& name)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!raw)
        return std::unexpected(Error::make(ErrorKind::InvalidInput,
                                           QStringLiteral("%1 is not a PEM public key (\"-----BEGIN PUBLIC KEY-----\"); "
                                                          "cosign's .pub files are").arg(name)));
    PublicKey key;
    key.m_key = std::shared_ptr<EVP_PKEY>(raw, &EVP_PKEY_free);
    key.m_name = name;
    switch (EVP_PKEY_get_base_id(raw)) {
    case EVP_PKEY_EC: {
        char group[64] = {};
        size_t length = 0;
        EVP_PKEY_get_utf8_string_param(raw, "group", group, sizeof group, &length);
        const QString curve = QString::fromLatin1(group);
        if (curve != u"prime256v1" && curve != u"secp384r1")
            return std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("%1: the curve %2 is not supported (P-256 and P-384 are)").arg(name, curve)));
        key.m_algorithm = curve == u"prime256v1" ? QStringLiteral("ECDSA P-256") : QStringLiteral("ECDSA P-384");
        break;
    }
    case EVP_PKEY_RSA:
        key.m_algorithm = QStringLiteral("RSA %1").arg(EVP_PKEY_get_bits(raw));
        break;
    case EVP_PKEY_ED25519:
        key.m_algorithm = QStringLiteral("Ed25519");
        break;
    default:
        return std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("%1: this kind of key is not supported "
                                                                                 "(ECDSA, RSA and Ed25519 are)").arg(name)));
    }
    return key;
}

bool PublicKey::verify(QByteArrayView data, QByteArrayView signature) const
{
    if (!m_key)
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    // Ed25519 signs the message itself; the others a SHA-256 digest (cosign's default).
    const EVP_MD* md = EVP_PKEY_get_base_id(m_key.get()) == EVP_PKEY_ED25519 ? nullptr
        : m_algorithm == u"ECDSA P-384"                                       ? EVP_sha384()
                                                                              : EVP_sha256();
    if (EVP_DigestVerifyInit(context.get(), nullptr, md, nullptr, m_key.get()) != 1)
        return false;
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), size_t(signature.size()),
                            reinterpret_cast<const unsigned char*>(data.data()), size_t(data.size()))
        == 1;
}

SignatureCheck checkSimpleSigning(const QByteArray& payload, const QString& signatureBase64, const QString& imageDigest,
                                  const QList<PublicKey>& keys)
{
    SignatureCheck check;
    if (signatureBase64.isEmpty()) {
        check.detail = QStringLiteral("the signature layer has no %1 annotation").arg(kCosignSignatureAnnotation);
        return check;
    }
    const auto decoded = QByteArray::fromBase64Encoding(signatureBase64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        check.detail = QStringLiteral("the signature annotation is not valid base64");
        return check;
    }
    for (const PublicKey& key : keys) {
        if (key.verify(payload, decoded.decoded)) {
            check.keyName = key.name();
            break;
        }
    }
    if (check.keyName.isEmpty()) {
        check.outcome = SignatureCheck::Outcome::BadSignature;
        check.detail = keys.isEmpty() ? QStringLiteral("no key to check against")
                                      : QStringLiteral("no given key verifies this signature over its payload");
        return check;
    }
    // Only a verified payload is worth reading.
    const QJsonObject json = QJsonDocument::fromJson(payload).object();
    const QJsonObject critical = json.value(QStringLiteral("critical")).toObject();
    if (critical.value(QStringLiteral("type")).toString() != u"cosign container image signature") {
        check.outcome = SignatureCheck::Outcome::WrongPayloadType;
        check.detail = QStringLiteral("the signed payload is not a cosign container image signature");
        return check;
    }
    const QString signedDigest = critical.value(QStringLiteral("image")).toObject().value(QStringLiteral("docker-manifest-digest")).toString();
    if (signedDigest != imageDigest) {
        check.outcome = SignatureCheck::Outcome::DigestMismatch;
        check.detail = QStringLiteral("the signature is for %1, not this image (%2)").arg(signedDigest, imageDigest);
        return check;
    }
    check.outcome = SignatureCheck::Outcome::Verified;
    return check;
}

QString trustStateName(TrustResult::State state)
{
    switch (state) {
    case TrustResult::State::Verified:
        return QStringLiteral("verified");
    case TrustResult::State::NotSigned:
        return QStringLiteral("not-signed");
    case TrustResult::State::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

QString TrustResult::verdict() const
{
    if (state == State::Invalid && !signatures.isEmpty()
        && std::all_of(signatures.begin(), signatures.end(),
                       [](const SignatureCheck& c) { return c.outcome == SignatureCheck::Outcome::DigestMismatch; }))
        return QStringLiteral("digest-mismatch");
    return trustStateName(state);
}

QString TrustResult::summary() const
{
    switch (state) {
    case State::Verified:
        return QStringLiteral("verified by %1").arg(keyName);
    case State::NotSigned:
        return QStringLiteral("not signed (no cosign signature found)");
    case State::Invalid:
        break;
    }
    QStringList reasons;
    for (const SignatureCheck& s : signatures)
        reasons << s.detail;
    reasons.removeDuplicates();
    return QStringLiteral("signed, but no signature verifies: ") + reasons.join(QStringLiteral("; "));
}

CosignVerifier::CosignVerifier(RegistryClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
}

void CosignVerifier::verify(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys,
                            QObject* context, std::function<void(Result<TrustResult>)> done)
{
    done = guarded<Result<TrustResult>>(context, std::move(done));
    const QString tag = digestAsTag(imageDigest) + QStringLiteral(".sig");
    m_client->fetchManifest(repository, tag, context, [this, repository, imageDigest, keys, tag, context = QPointer(context), done](Result<Manifest> manifest) {
        TrustResult result;
        result.signatureTag = tag;
        if (!manifest) {
            if (manifest.error().kind == ErrorKind::NotFound)
                done(result); // no signature tag: not signed
            else
                done(std::unexpected(manifest.error()));
            return;
        }
        QList<Descriptor> layers;
        for (const Descriptor& layer : manifest->layers) {
            if (layer.mediaType == kSimpleSigningMediaType)
                layers << layer;
        }
        if (layers.isEmpty()) {
            done(result);
            return;
        }
        result.state = TrustResult::State::Invalid;
        auto shared = std::make_shared<TrustResult>(result);
        auto pending = std::make_shared<int>(int(layers.size()));
        for (const Descriptor& layer : layers) {
            // The payload is a blob: fetched digest-checked, never trusted before its signature is.
            m_client->fetchBlobBytes(repository, layer.digest, 1024 * 1024, context,
                                     [shared, pending, layer, imageDigest, keys, done](Result<QByteArray> payload) {
                                         SignatureCheck check;
                                         if (!payload)
                                             check.detail = QStringLiteral("the signature payload could not be read: %1").arg(payload.error().message);
                                         else
                                             check = checkSimpleSigning(*payload, layer.annotations.value(kCosignSignatureAnnotation), imageDigest, keys);
                                         shared->signatures << check;
                                         if (check.outcome == SignatureCheck::Outcome::Verified && shared->state != TrustResult::State::Verified) {
                                             shared->state = TrustResult::State::Verified;
                                             shared->keyName = check.keyName;
                                         }
                                         if (--*pending == 0)
                                             done(*shared);
                                     });
        }
    });
}

} // namespace berth
