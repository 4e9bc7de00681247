#pragma once

#include "core/base/Error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

struct evp_pkey_st;

namespace berth {

class RegistryClient;
struct Descriptor;
struct Manifest;

// A public key that signatures are checked against (PEM: ECDSA P-256/P-384, RSA, Ed25519).
class PublicKey
{
public:
    static Result<PublicKey> fromPem(const QByteArray& pem, const QString& name);
    // The key of a DER X.509 certificate (a keyless signature's Fulcio certificate).
    static Result<PublicKey> fromCertificateDer(const QByteArray& der, const QString& name);
    QString name() const { return m_name; }
    QString algorithm() const { return m_algorithm; }
    // True when `signature` (DER for ECDSA, raw for Ed25519, PKCS#1 v1.5 for RSA) signs `data`.
    bool verify(QByteArrayView data, QByteArrayView signature) const;
    // The same for a signature over data known only by its digest ("sha256", "sha384", "sha512";
    // not possible for Ed25519, which signs the message itself).
    bool verifyDigest(QByteArrayView digest, const QString& algorithm, QByteArrayView signature) const;

private:
    static Result<PublicKey> fromKey(evp_pkey_st* key, const QString& name);
    std::shared_ptr<evp_pkey_st> m_key;
    QString m_name;
    QString m_algorithm;
};

// One signature, checked the way cosign does: the signature over what it signs, then that the
// signed statement names this image. A cosign "simple signing" signature (SIGNATURE_SPEC.md) or
// a Sigstore bundle (SigstoreBundle.h).
struct SignatureCheck
{
    // KeylessUnchecked: a keyless (Fulcio certificate) signature that is consistent, but whose
    // certificate Berth cannot check offline.
    enum class Outcome { Verified, BadSignature, WrongPayloadType, DigestMismatch, Malformed, KeylessUnchecked };
    Outcome outcome = Outcome::Malformed;
    QString keyName; // the key that verified it
    QString detail; // why not, in English
    QString format = QStringLiteral("cosign simple signing"); // or "Sigstore bundle v0.3"
    QString source; // where it was found: the "sha256-<hex>.sig" tag, or "referrer sha256:…"
    QString signer; // keyless: the certificate's identity and issuer
    QString predicateType; // DSSE: the in-toto predicate type (cosign sign's, or an attestation's)
};

QString outcomeName(SignatureCheck::Outcome outcome); // "verified", "bad-signature", …

SignatureCheck checkSimpleSigning(const QByteArray& payload, const QString& signatureBase64, const QString& imageDigest,
                                  const QList<PublicKey>& keys);

// What Berth can say of an image's signatures.
struct TrustResult
{
    // Keyless: signed only by keyless signatures, which are shown but not verified offline.
    enum class State { Verified, NotSigned, Invalid, Keyless };
    State state = State::NotSigned;
    QString keyName; // when verified
    QString signatureTag; // "sha256-<hex>.sig" that was read
    QList<SignatureCheck> signatures;
    // Signed in-toto attestations (bundles whose predicate is not cosign sign's): checked and
    // shown, but an attestation is a claim about the image, not its signature (as cosign verify).
    QList<SignatureCheck> attestations;
    QString summary() const;
    // "verified", "not-signed", "invalid", "keyless", or "digest-mismatch" when every signature
    // found is valid but for another image (a signature copied onto this one).
    QString verdict() const;
    // The state that a set of checks adds up to.
    void settle();
};

QString trustStateName(TrustResult::State state); // "verified", "not-signed", "invalid", "keyless"

// Finds an image's cosign signatures and checks each against the keys: the sha256-<hex>.sig tag,
// and what refers to the image through the referrers API (or its tag fallback) — cosign's
// signature manifests and Sigstore bundles.
class CosignVerifier final : public QObject
{
    Q_OBJECT
public:
    explicit CosignVerifier(RegistryClient* client, QObject* parent = nullptr);
    void verify(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys, QObject* context,
                std::function<void(Result<TrustResult>)> done);
    // The same with the image's referrers already listed (listReferrers), so they are not listed twice.
    void verify(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys,
                const QList<Descriptor>& referrers, QObject* context, std::function<void(Result<TrustResult>)> done);

private:
    struct Run;
    void start(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys,
               const std::optional<QList<Descriptor>>& referrers, QObject* context, std::function<void(Result<TrustResult>)> done);
    void checkReferrers(const std::shared_ptr<Run>& run, const QList<Descriptor>& referrers);
    void checkSimpleSigningLayers(const std::shared_ptr<Run>& run, const Manifest& manifest, const QString& source);
    void checkBundleLayer(const std::shared_ptr<Run>& run, const Manifest& manifest, const QString& source);
    RegistryClient* m_client;
};

inline constexpr qint64 kMaxBundleBytes = 4 * 1024 * 1024; // bundles are a few KiB; keyless ones carry certificates

inline const QString kCosignSignatureAnnotation = QStringLiteral("dev.cosignproject.cosign/signature");
inline const QString kSimpleSigningMediaType = QStringLiteral("application/vnd.dev.cosign.simplesigning.v1+json");
// The artifact type of cosign's signature manifests pushed as referrers (--registry-referrers-mode=oci-1-1).
inline const QString kCosignSignatureArtifactType = QStringLiteral("application/vnd.dev.cosign.artifact.sig.v1+json");

} // namespace berth
