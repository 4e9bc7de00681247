#pragma once

#include "core/base/Error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

struct evp_pkey_st;

namespace berth {

class RegistryClient;

// A public key that signatures are checked against (PEM: ECDSA P-256/P-384, RSA, Ed25519).
class PublicKey
{
public:
    static Result<PublicKey> fromPem(const QByteArray& pem, const QString& name);
    QString name() const { return m_name; }
    QString algorithm() const { return m_algorithm; }
    // True when `signature` (DER for ECDSA, raw for Ed25519, PKCS#1 v1.5 for RSA) signs `data`.
    bool verify(QByteArrayView data, QByteArrayView signature) const;

private:
    std::shared_ptr<evp_pkey_st> m_key;
    QString m_name;
    QString m_algorithm;
};

// One cosign "simple signing" signature, checked the way cosign does (SIGNATURE_SPEC.md):
// the signature over the exact payload bytes, then the payload's type and image digest.
struct SignatureCheck
{
    enum class Outcome { Verified, BadSignature, WrongPayloadType, DigestMismatch, Malformed };
    Outcome outcome = Outcome::Malformed;
    QString keyName; // the key that verified it
    QString detail; // why not, in English
};

SignatureCheck checkSimpleSigning(const QByteArray& payload, const QString& signatureBase64, const QString& imageDigest,
                                  const QList<PublicKey>& keys);

// What Berth can say of an image's signatures.
struct TrustResult
{
    enum class State { Verified, NotSigned, Invalid };
    State state = State::NotSigned;
    QString keyName; // when verified
    QString signatureTag; // "sha256-<hex>.sig" that was read
    QList<SignatureCheck> signatures;
    QString summary() const;
    // "verified", "not-signed", "invalid", or "digest-mismatch" when every signature found is valid
    // but for another image (a signature copied onto this one).
    QString verdict() const;
};

QString trustStateName(TrustResult::State state); // "verified", "not-signed", "invalid"

// Finds an image's cosign signatures (the sha256-<hex>.sig tag) and checks each against the keys.
class CosignVerifier final : public QObject
{
    Q_OBJECT
public:
    explicit CosignVerifier(RegistryClient* client, QObject* parent = nullptr);
    void verify(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys, QObject* context,
                std::function<void(Result<TrustResult>)> done);

private:
    RegistryClient* m_client;
};

inline const QString kCosignSignatureAnnotation = QStringLiteral("dev.cosignproject.cosign/signature");
inline const QString kSimpleSigningMediaType = QStringLiteral("application/vnd.dev.cosign.simplesigning.v1+json");

} // namespace berth
