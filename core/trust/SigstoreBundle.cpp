#include "core/trust/SigstoreBundle.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <memory>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace berth {

namespace {

Error malformed(const QString& why)
{
    return Error::make(ErrorKind::InvalidInput, QStringLiteral("the Sigstore bundle is malformed: ") + why);
}

// Protobuf's JSON mapping writes bytes as standard base64; DSSE also allows URL-safe base64.
std::optional<QByteArray> decodeBase64(const QJsonValue& value)
{
    if (!value.isString())
        return std::nullopt;
    QByteArray text = value.toString().toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        decoded = QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded;
}

// JSON null stands for an absent message in older writers.
QJsonObject objectOf(const QJsonObject& parent, const QString& key)
{
    return parent.value(key).toObject();
}

QString digestAlgorithmName(const QString& protobufName)
{
    if (protobufName == u"SHA2_256")
        return QStringLiteral("sha256");
    if (protobufName == u"SHA2_384")
        return QStringLiteral("sha384");
    if (protobufName == u"SHA2_512")
        return QStringLiteral("sha512");
    return {};
}

// The text of a Fulcio extension: DER UTF8String (.1.8 and later) or raw bytes (.1.1, deprecated).
QString extensionText(X509* cert, const char* oid, bool der)
{
    std::unique_ptr<ASN1_OBJECT, decltype(&ASN1_OBJECT_free)> object(OBJ_txt2obj(oid, 1), &ASN1_OBJECT_free);
    const int index = X509_get_ext_by_OBJ(cert, object.get(), -1);
    if (index < 0)
        return {};
    ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(cert, index));
    const unsigned char* bytes = ASN1_STRING_get0_data(data);
    const int length = ASN1_STRING_length(data);
    if (!der)
        return QString::fromUtf8(reinterpret_cast<const char*>(bytes), length);
    std::unique_ptr<ASN1_UTF8STRING, decltype(&ASN1_UTF8STRING_free)> text(d2i_ASN1_UTF8STRING(nullptr, &bytes, length), &ASN1_UTF8STRING_free);
    if (!text)
        return {};
    return QString::fromUtf8(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text.get())), ASN1_STRING_length(text.get()));
}

using X509Pointer = std::unique_ptr<X509, decltype(&X509_free)>;

X509Pointer readCertificate(const QByteArray& der)
{
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.constData());
    return X509Pointer(d2i_X509(nullptr, &p, long(der.size())), &X509_free);
}

// "sha256:<hex>" -> ("sha256", bytes)
std::optional<std::pair<QString, QByteArray>> splitDigest(const QString& digest)
{
    const qsizetype colon = digest.indexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    const QByteArray bytes = QByteArray::fromHex(digest.mid(colon + 1).toLatin1());
    if (bytes.isEmpty())
        return std::nullopt;
    return std::pair{digest.left(colon), bytes};
}

SignatureCheck failed(SignatureCheck::Outcome outcome, const QString& detail, SignatureCheck check)
{
    check.outcome = outcome;
    check.detail = detail;
    return check;
}

} // namespace

int sigstoreBundleMinorVersion(const QString& mediaType)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^application/vnd\.dev\.sigstore\.bundle(?:\.v0\.(\d+)\+json|\+json;\s*version=0\.(\d+)))"));
    const auto match = pattern.match(mediaType.trimmed());
    if (!match.hasMatch() || match.capturedLength(0) != mediaType.trimmed().size())
        return 0;
    const int minor = (match.captured(1).isEmpty() ? match.captured(2) : match.captured(1)).toInt();
    return minor >= 1 && minor <= 3 ? minor : 0;
}

bool isSigstoreBundleMediaType(const QString& mediaType)
{
    return mediaType.startsWith(kSigstoreBundleMediaTypePrefix);
}

Result<SigstoreBundle> SigstoreBundle::parse(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (!document.isObject())
        return std::unexpected(malformed(QStringLiteral("not a JSON object (%1)").arg(error.errorString())));
    const QJsonObject root = document.object();
    const QString mediaType = root.value(QStringLiteral("mediaType")).toString();
    SigstoreBundle bundle;
    bundle.minorVersion = sigstoreBundleMinorVersion(mediaType);
    // An unknown version is refused before any cryptography (sigstore-go does the same).
    if (bundle.minorVersion == 0)
        return std::unexpected(Error::make(ErrorKind::Unsupported,
                                           QStringLiteral("the Sigstore bundle version is not supported (media type \"%1\"; "
                                                          "v0.1 to v0.3 are)").arg(mediaType)));

    const QJsonObject material = objectOf(root, QStringLiteral("verificationMaterial"));
    const QJsonObject chain = objectOf(material, QStringLiteral("x509CertificateChain"));
    const QJsonObject certificate = objectOf(material, QStringLiteral("certificate"));
    const QJsonObject publicKey = objectOf(material, QStringLiteral("publicKey"));
    const int materials = int(!chain.isEmpty()) + int(!certificate.isEmpty()) + int(!publicKey.isEmpty());
    if (materials != 1)
        return std::unexpected(malformed(QStringLiteral("it needs exactly one of publicKey, certificate or x509CertificateChain")));
    if (!chain.isEmpty()) {
        if (bundle.minorVersion >= 3)
            return std::unexpected(malformed(QStringLiteral("a v0.3 bundle carries its certificate as \"certificate\", not a chain")));
        const QJsonArray certificates = chain.value(QStringLiteral("certificates")).toArray();
        const auto leaf = certificates.isEmpty() ? std::nullopt : decodeBase64(certificates.first().toObject().value(QStringLiteral("rawBytes")));
        if (!leaf)
            return std::unexpected(malformed(QStringLiteral("its certificate chain has no leaf certificate")));
        bundle.leafCertificate = *leaf;
    } else if (!certificate.isEmpty()) {
        const auto leaf = decodeBase64(certificate.value(QStringLiteral("rawBytes")));
        if (!leaf)
            return std::unexpected(malformed(QStringLiteral("its certificate is not base64")));
        bundle.leafCertificate = *leaf;
    } else {
        bundle.keyHint = publicKey.value(QStringLiteral("hint")).toString();
    }

    // v0.1 needs each log entry's promise (SET), v0.2 and later its inclusion proof.
    for (const QJsonValue& entry : material.value(QStringLiteral("tlogEntries")).toArray()) {
        const QJsonObject e = entry.toObject();
        if (bundle.minorVersion == 1 && objectOf(e, QStringLiteral("inclusionPromise")).isEmpty())
            return std::unexpected(malformed(QStringLiteral("a v0.1 log entry has no inclusion promise")));
        if (bundle.minorVersion >= 2 && objectOf(e, QStringLiteral("inclusionProof")).isEmpty())
            return std::unexpected(malformed(QStringLiteral("a v0.%1 log entry has no inclusion proof").arg(bundle.minorVersion)));
    }

    const QJsonObject message = objectOf(root, QStringLiteral("messageSignature"));
    const QJsonObject envelope = objectOf(root, QStringLiteral("dsseEnvelope"));
    if (message.isEmpty() == envelope.isEmpty())
        return std::unexpected(malformed(QStringLiteral("it needs exactly one of messageSignature or dsseEnvelope")));
    if (!message.isEmpty()) {
        bundle.content = Content::MessageSignature;
        const QJsonObject digest = objectOf(message, QStringLiteral("messageDigest"));
        bundle.digestAlgorithm = digestAlgorithmName(digest.value(QStringLiteral("algorithm")).toString());
        const auto digestBytes = decodeBase64(digest.value(QStringLiteral("digest")));
        const auto signature = decodeBase64(message.value(QStringLiteral("signature")));
        if (bundle.digestAlgorithm.isEmpty() || !digestBytes)
            return std::unexpected(malformed(QStringLiteral("its message digest is missing or of an unknown algorithm")));
        if (!signature)
            return std::unexpected(malformed(QStringLiteral("its message signature is missing or not base64")));
        bundle.messageDigest = *digestBytes;
        bundle.signature = *signature;
    } else {
        bundle.content = Content::DsseEnvelope;
        bundle.payloadType = envelope.value(QStringLiteral("payloadType")).toString();
        const auto payload = decodeBase64(envelope.value(QStringLiteral("payload")));
        const QJsonArray signatures = envelope.value(QStringLiteral("signatures")).toArray();
        if (!payload || bundle.payloadType.isEmpty())
            return std::unexpected(malformed(QStringLiteral("its DSSE envelope has no payload or payload type")));
        if (signatures.size() != 1)
            return std::unexpected(malformed(QStringLiteral("its DSSE envelope must hold exactly one signature (it holds %1)").arg(signatures.size())));
        const auto signature = decodeBase64(signatures.first().toObject().value(QStringLiteral("sig")));
        if (!signature)
            return std::unexpected(malformed(QStringLiteral("its DSSE signature is missing or not base64")));
        bundle.payload = *payload;
        bundle.signature = *signature;
    }
    return bundle;
}

QByteArray dssePae(const QString& payloadType, const QByteArray& payload)
{
    const QByteArray type = payloadType.toUtf8();
    return QByteArrayLiteral("DSSEv1 ") + QByteArray::number(type.size()) + ' ' + type + ' ' + QByteArray::number(payload.size()) + ' ' + payload;
}

Result<SignerIdentity> certificateIdentity(const QByteArray& der)
{
    X509Pointer cert = readCertificate(der);
    if (!cert)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("the signing certificate is not a DER X.509 certificate")));
    SignerIdentity identity;
    std::unique_ptr<GENERAL_NAMES, decltype(&GENERAL_NAMES_free)> names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr)), &GENERAL_NAMES_free);
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()) && identity.subject.isEmpty(); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type == GEN_EMAIL || name->type == GEN_URI) {
            const ASN1_IA5STRING* text = name->type == GEN_EMAIL ? name->d.rfc822Name : name->d.uniformResourceIdentifier;
            identity.subject = QString::fromUtf8(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)), ASN1_STRING_length(text));
        }
    }
    identity.issuer = extensionText(cert.get(), "1.3.6.1.4.1.57264.1.8", true);
    if (identity.issuer.isEmpty())
        identity.issuer = extensionText(cert.get(), "1.3.6.1.4.1.57264.1.1", false);
    return identity;
}

SignatureCheck checkSigstoreBundle(const QByteArray& bundleJson, const QString& artifactDigest, const QList<PublicKey>& keys)
{
    SignatureCheck check;
    auto bundle = SigstoreBundle::parse(bundleJson);
    if (!bundle)
        return failed(SignatureCheck::Outcome::Malformed, bundle.error().message, check);
    check.format = QStringLiteral("Sigstore bundle v0.%1").arg(bundle->minorVersion);
    const auto artifact = splitDigest(artifactDigest);
    if (!artifact)
        return failed(SignatureCheck::Outcome::Malformed, QStringLiteral("\"%1\" is not a digest").arg(artifactDigest), check);

    // Who may have signed: the user's keys, or the bundle's own certificate (keyless).
    QList<PublicKey> signers = keys;
    if (bundle->isKeyless()) {
        auto identity = certificateIdentity(bundle->leafCertificate);
        auto key = PublicKey::fromCertificateDer(bundle->leafCertificate, QStringLiteral("the bundle's certificate"));
        if (!identity || !key)
            return failed(SignatureCheck::Outcome::Malformed, identity ? key.error().message : identity.error().message, check);
        check.signer = identity->issuer.isEmpty() ? identity->subject : QStringLiteral("%1 (%2)").arg(identity->subject, identity->issuer);
        signers = {*key};
    }

    // 1. The signature, over the artifact's digest (messageSignature) or the envelope's PAE (DSSE).
    for (const PublicKey& key : std::as_const(signers)) {
        const bool ok = bundle->content == SigstoreBundle::Content::MessageSignature
            ? key.verifyDigest(bundle->messageDigest, bundle->digestAlgorithm, bundle->signature)
            : key.verify(dssePae(bundle->payloadType, bundle->payload), bundle->signature);
        if (ok) {
            check.keyName = key.name();
            break;
        }
    }
    if (check.keyName.isEmpty()) {
        const QString what = bundle->content == SigstoreBundle::Content::MessageSignature ? QStringLiteral("message signature")
                                                                                          : QStringLiteral("DSSE signature");
        return failed(SignatureCheck::Outcome::BadSignature,
                      bundle->isKeyless() ? QStringLiteral("the bundle's %1 does not verify with its own certificate").arg(what)
                          : keys.isEmpty() ? QStringLiteral("no key to check against")
                                           : QStringLiteral("no given key verifies the bundle's %1").arg(what),
                      check);
    }

    // 2. What was signed must be this artifact.
    if (bundle->content == SigstoreBundle::Content::MessageSignature) {
        if (bundle->digestAlgorithm != artifact->first || bundle->messageDigest != artifact->second)
            return failed(SignatureCheck::Outcome::DigestMismatch,
                          QStringLiteral("the signature is for %1:%2, not this artifact (%3)")
                              .arg(bundle->digestAlgorithm, QString::fromLatin1(bundle->messageDigest.toHex()), artifactDigest),
                          check);
    } else {
        if (bundle->payloadType != kInTotoPayloadType)
            return failed(SignatureCheck::Outcome::WrongPayloadType,
                          QStringLiteral("the signed payload is %1, not an in-toto statement").arg(bundle->payloadType), check);
        const QJsonObject statement = QJsonDocument::fromJson(bundle->payload).object();
        check.predicateType = statement.value(QStringLiteral("predicateType")).toString();
        QStringList subjects;
        bool matches = false;
        for (const QJsonValue& subject : statement.value(QStringLiteral("subject")).toArray()) {
            const QString hex = subject.toObject().value(QStringLiteral("digest")).toObject().value(artifact->first).toString();
            if (hex.isEmpty())
                continue;
            subjects << artifact->first + u':' + hex;
            matches = matches || QByteArray::fromHex(hex.toLatin1()) == artifact->second;
        }
        if (!matches)
            return failed(SignatureCheck::Outcome::DigestMismatch,
                          subjects.isEmpty() ? QStringLiteral("the signed statement names no %1 subject").arg(artifact->first)
                                             : QStringLiteral("the signature is for %1, not this image (%2)").arg(subjects.join(QStringLiteral(", ")), artifactDigest),
                          check);
    }

    if (bundle->isKeyless()) {
        check.keyName.clear();
        return failed(SignatureCheck::Outcome::KeylessUnchecked,
                      QStringLiteral("signed keyless by %1; the certificate is not checked against Fulcio and the "
                                     "transparency log offline, so this is not verified").arg(check.signer),
                      check);
    }
    check.outcome = SignatureCheck::Outcome::Verified;
    return check;
}

} // namespace berth
