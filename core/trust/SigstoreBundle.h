#pragma once

#include "core/base/Error.h"
#include "core/trust/Signatures.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace berth {

// A Sigstore bundle (protobuf-specs v0.1 to v0.3), as newer cosign releases attach signatures and
// attestations through the referrers API. Only what an offline check with a public key needs is
// kept; transparency-log and timestamp material is not checked (that needs the log's keys).
struct SigstoreBundle
{
    enum class Content { MessageSignature, DsseEnvelope };
    int minorVersion = 0; // 1, 2 or 3 (v0.1 to v0.3)
    Content content = Content::MessageSignature;
    QString keyHint; // verificationMaterial.publicKey.hint: a lookup hint, never the key
    QByteArray leafCertificate; // DER, for keyless (Fulcio) bundles
    // messageSignature: the signature over the artifact, and the artifact's digest (the prehash)
    QString digestAlgorithm; // "sha256", "sha384", "sha512"
    QByteArray messageDigest;
    QByteArray signature;
    // dsseEnvelope: the signature is over PAE(payloadType, payload)
    QString payloadType;
    QByteArray payload;

    static Result<SigstoreBundle> parse(const QByteArray& json);
    bool isKeyless() const { return !leafCertificate.isEmpty(); }
};

// The bundle media type's version: 1 to 3 for v0.1 to v0.3, in either spelling
// ("…bundle.v0.3+json" or "…bundle+json;version=0.3"); 0 when it is not a supported bundle type.
int sigstoreBundleMinorVersion(const QString& mediaType);
bool isSigstoreBundleMediaType(const QString& mediaType);

// Who signed a keyless bundle, as its Fulcio certificate says.
struct SignerIdentity
{
    QString subject; // the certificate's e-mail or URI subject alternative name
    QString issuer; // the OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8, else .1.1)
};
Result<SignerIdentity> certificateIdentity(const QByteArray& der);

// DSSE's pre-authentication encoding: what a DSSE signature signs.
QByteArray dssePae(const QString& payloadType, const QByteArray& payload);

// Checks a bundle against the artifact it should sign, given by digest ("sha256:<hex>"; for an
// image, its manifest digest), with the user's keys. Key bundles: the signature must verify with
// one of the keys, then bind the artifact (message digest, or an in-toto subject for DSSE).
// Keyless bundles: the signature is checked against the bundle's certificate and the signer shown,
// but the certificate is not checked against Fulcio offline (outcome KeylessUnchecked).
SignatureCheck checkSigstoreBundle(const QByteArray& bundleJson, const QString& artifactDigest, const QList<PublicKey>& keys);

inline const QString kSigstoreBundleMediaTypePrefix = QStringLiteral("application/vnd.dev.sigstore.bundle");
// The predicate of the statement `cosign sign` signs in the bundle format (an attestation has another).
inline const QString kCosignSignPredicateType = QStringLiteral("https://sigstore.dev/cosign/sign/v1");
inline const QString kInTotoPayloadType = QStringLiteral("application/vnd.in-toto+json");

} // namespace berth
