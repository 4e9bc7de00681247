#include "core/trust/Signatures.h"

#include "core/trust/SigstoreBundle.h"

#include "core/base/Guarded.h"
#include "core/registry/Digest.h"
#include "core/registry/Manifest.h"
#include "core/registry/RegistryClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace berth {

Result<PublicKey> PublicKey::fromPem(const QByteArray& pem, const QString& name)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!raw)
        return std::unexpected(Error::make(ErrorKind::InvalidInput,
                                           QStringLiteral("%1 is not a PEM public key (\"-----BEGIN PUBLIC KEY-----\"); "
                                                          "cosign's .pub files are").arg(name)));
    return fromKey(raw, name);
}

Result<PublicKey> PublicKey::fromCertificateDer(const QByteArray& der, const QString& name)
{
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.constData());
    std::unique_ptr<X509, decltype(&X509_free)> cert(d2i_X509(nullptr, &p, long(der.size())), &X509_free);
    EVP_PKEY* raw = cert ? X509_get_pubkey(cert.get()) : nullptr;
    if (!raw)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1 is not a DER X.509 certificate with a public key").arg(name)));
    return fromKey(raw, name);
}

Result<PublicKey> PublicKey::fromKey(EVP_PKEY* raw, const QString& name)
{
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

bool PublicKey::verifyDigest(QByteArrayView digest, const QString& algorithm, QByteArrayView signature) const
{
    const EVP_MD* md = algorithm == u"sha256" ? EVP_sha256() : algorithm == u"sha384" ? EVP_sha384() : algorithm == u"sha512" ? EVP_sha512() : nullptr;
    if (!m_key || !md || EVP_PKEY_get_base_id(m_key.get()) == EVP_PKEY_ED25519 || digest.size() != EVP_MD_get_size(md))
        return false;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(EVP_PKEY_CTX_new(m_key.get(), nullptr), &EVP_PKEY_CTX_free);
    if (!context || EVP_PKEY_verify_init(context.get()) != 1 || EVP_PKEY_CTX_set_signature_md(context.get(), md) != 1)
        return false;
    return EVP_PKEY_verify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), size_t(signature.size()),
                           reinterpret_cast<const unsigned char*>(digest.data()), size_t(digest.size()))
        == 1;
}

QString outcomeName(SignatureCheck::Outcome outcome)
{
    switch (outcome) {
    case SignatureCheck::Outcome::Verified:
        return QStringLiteral("verified");
    case SignatureCheck::Outcome::BadSignature:
        return QStringLiteral("bad-signature");
    case SignatureCheck::Outcome::WrongPayloadType:
        return QStringLiteral("wrong-payload-type");
    case SignatureCheck::Outcome::DigestMismatch:
        return QStringLiteral("digest-mismatch");
    case SignatureCheck::Outcome::KeylessUnchecked:
        return QStringLiteral("keyless-unchecked");
    case SignatureCheck::Outcome::Malformed:
        break;
    }
    return QStringLiteral("malformed");
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
    case TrustResult::State::Keyless:
        return QStringLiteral("keyless");
    case TrustResult::State::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

void TrustResult::settle()
{
    state = signatures.isEmpty() ? State::NotSigned : State::Invalid;
    keyName.clear();
    for (const SignatureCheck& check : std::as_const(signatures)) {
        if (check.outcome == SignatureCheck::Outcome::Verified) {
            state = State::Verified;
            keyName = check.keyName;
            return;
        }
        if (check.outcome == SignatureCheck::Outcome::KeylessUnchecked)
            state = State::Keyless;
    }
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
    case State::Keyless: {
        QStringList signers;
        for (const SignatureCheck& s : signatures) {
            if (s.outcome == SignatureCheck::Outcome::KeylessUnchecked)
                signers << s.signer;
        }
        signers.removeDuplicates();
        return QStringLiteral("signed keyless by %1; keyless signatures are not verified offline (no given key verifies a signature)")
            .arg(signers.join(QStringLiteral(", ")));
    }
    case State::Invalid:
        break;
    }
    QStringList reasons;
    for (const SignatureCheck& s : signatures)
        reasons << s.detail;
    reasons.removeDuplicates();
    return QStringLiteral("signed, but no signature verifies: ") + reasons.join(QStringLiteral("; "));
}

// One run of CosignVerifier::verify: signatures found in several places, checked as they arrive;
// the last outstanding read delivers.
struct CosignVerifier::Run
{
    QString repository;
    QString imageDigest;
    QList<PublicKey> keys;
    QPointer<QObject> context;
    std::function<void(Result<TrustResult>)> done;
    TrustResult result;
    int pending = 0;
    bool finished = false;

    void add(SignatureCheck check, const QString& source)
    {
        check.source = source;
        if (!check.predicateType.isEmpty() && check.predicateType != kCosignSignPredicateType)
            result.attestations << check;
        else
            result.signatures << check;
    }
    void settle()
    {
        if (--pending == 0 && !finished) {
            finished = true;
            result.settle();
            done(result);
        }
    }
    void fail(const Error& error)
    {
        if (!finished) {
            finished = true;
            done(std::unexpected(error));
        }
    }
};

CosignVerifier::CosignVerifier(RegistryClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
}

void CosignVerifier::verify(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys,
                            QObject* context, std::function<void(Result<TrustResult>)> done)
{
    start(repository, imageDigest, keys, std::nullopt, context, std::move(done));
}

void CosignVerifier::verify(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys,
                            const QList<Descriptor>& referrers, QObject* context, std::function<void(Result<TrustResult>)> done)
{
    start(repository, imageDigest, keys, referrers, context, std::move(done));
}

void CosignVerifier::start(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys,
                           const std::optional<QList<Descriptor>>& referrers, QObject* context,
                           std::function<void(Result<TrustResult>)> done)
{
    auto run = std::make_shared<Run>();
    run->repository = repository;
    run->imageDigest = imageDigest;
    run->keys = keys;
    run->context = context;
    run->done = guarded<Result<TrustResult>>(context, std::move(done));
    run->result.signatureTag = digestAsTag(imageDigest) + QStringLiteral(".sig");
    run->pending = 2;

    // 1. cosign's tag scheme: sha256-<hex>.sig.
    m_client->fetchManifest(repository, run->result.signatureTag, context, [this, run](Result<Manifest> manifest) {
        if (!manifest) {
            if (manifest.error().kind == ErrorKind::NotFound)
                run->settle(); // no signature tag
            else
                run->fail(manifest.error());
            return;
        }
        checkSimpleSigningLayers(run, *manifest, run->result.signatureTag);
        run->settle();
    });

    // 2. Referrers (the API, or its tag fallback): cosign's signature manifests and Sigstore bundles.
    if (referrers) {
        checkReferrers(run, *referrers);
        return;
    }
    m_client->listReferrers(repository, imageDigest, {}, context, [this, run](Result<QList<Descriptor>> listed) {
        if (!listed)
            run->fail(listed.error());
        else
            checkReferrers(run, *listed);
    });
}

void CosignVerifier::checkReferrers(const std::shared_ptr<Run>& run, const QList<Descriptor>& referrers)
{
    for (const Descriptor& referrer : referrers) {
        const bool simpleSigning = referrer.artifactType == kCosignSignatureArtifactType;
        if (!simpleSigning && !isSigstoreBundleMediaType(referrer.artifactType))
            continue;
        const QString source = QStringLiteral("referrer ") + referrer.digest;
        ++run->pending;
        m_client->fetchManifest(run->repository, referrer.digest, run->context, [this, run, simpleSigning, source](Result<Manifest> manifest) {
            if (!manifest) {
                SignatureCheck unreadable;
                unreadable.detail = QStringLiteral("a signature could not be read: %1").arg(manifest.error().message);
                run->add(unreadable, source);
            } else if (simpleSigning) {
                checkSimpleSigningLayers(run, *manifest, source);
            } else {
                checkBundleLayer(run, *manifest, source);
            }
            run->settle();
        });
    }
    run->settle();
}

void CosignVerifier::checkSimpleSigningLayers(const std::shared_ptr<Run>& run, const Manifest& manifest, const QString& source)
{
    for (const Descriptor& layer : manifest.layers) {
        if (layer.mediaType != kSimpleSigningMediaType)
            continue;
        ++run->pending;
        // The payload is a blob: fetched digest-checked, never trusted before its signature is.
        m_client->fetchBlobBytes(run->repository, layer.digest, 1024 * 1024, run->context, [run, layer, source](Result<QByteArray> payload) {
            SignatureCheck check;
            if (!payload)
                check.detail = QStringLiteral("the signature payload could not be read: %1").arg(payload.error().message);
            else
                check = checkSimpleSigning(*payload, layer.annotations.value(kCosignSignatureAnnotation), run->imageDigest, run->keys);
            run->add(check, source);
            run->settle();
        });
    }
}

void CosignVerifier::checkBundleLayer(const std::shared_ptr<Run>& run, const Manifest& manifest, const QString& source)
{
    // cosign's rule: exactly one layer, the bundle.
    QList<Descriptor> bundles;
    for (const Descriptor& layer : manifest.layers) {
        if (isSigstoreBundleMediaType(layer.mediaType))
            bundles << layer;
    }
    if (bundles.size() != 1 || manifest.layers.size() != 1) {
        SignatureCheck check;
        check.format = QStringLiteral("Sigstore bundle");
        check.detail = QStringLiteral("a Sigstore bundle manifest must hold exactly one layer, the bundle (this one has %1 layers)").arg(manifest.layers.size());
        run->add(check, source);
        return;
    }
    ++run->pending;
    m_client->fetchBlobBytes(run->repository, bundles.first().digest, kMaxBundleBytes, run->context, [run, source](Result<QByteArray> bundle) {
        SignatureCheck check;
        check.format = QStringLiteral("Sigstore bundle");
        if (!bundle)
            check.detail = QStringLiteral("the Sigstore bundle could not be read: %1").arg(bundle.error().message);
        else
            check = checkSigstoreBundle(*bundle, run->imageDigest, run->keys);
        run->add(check, source);
        run->settle();
    });
}

} // namespace berth
