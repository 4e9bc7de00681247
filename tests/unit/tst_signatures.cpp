// cosign simple-signing verification against the containers/image fixtures, and bad input.
#include "core/trust/Signatures.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestSignatures : public QObject
{
    Q_OBJECT
    QJsonObject m_vectors;

    static PublicKey key(const QString& file)
    {
        auto k = PublicKey::fromPem(test::readFixture(QStringLiteral("cosign/") + file), file);
        if (!k)
            qFatal("%s", qPrintable(k.error().message));
        return *k;
    }

    QJsonObject vector(const QString& name) const
    {
        for (const auto& c : m_vectors.value(QStringLiteral("cases")).toArray()) {
            if (c.toObject().value(QStringLiteral("name")).toString() == name)
                return c.toObject();
        }
        qFatal("no vector %s", qPrintable(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_vectors = QJsonDocument::fromJson(test::readFixture(QStringLiteral("cosign/vectors.json"))).object();
        QVERIFY(!m_vectors.isEmpty());
    }

    void keys()
    {
        QCOMPARE(key(QStringLiteral("cosign.pub")).algorithm(), QStringLiteral("ECDSA P-256"));
        const auto bad = PublicKey::fromPem("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n", QStringLiteral("bad.pem"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind, ErrorKind::InvalidInput);
        QVERIFY(!PublicKey::fromPem("hello", QStringLiteral("x")));
        // RSA and Ed25519 keys made here with openssl sign and verify too.
        QTemporaryDir dir;
        for (const QStringList& genkey : {QStringList{QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:2048")},
                                          QStringList{QStringLiteral("-algorithm"), QStringLiteral("ED25519")}}) {
            const QString priv = dir.filePath(QStringLiteral("k.pem"));
            const QString pub = dir.filePath(QStringLiteral("k.pub"));
            const QString data = dir.filePath(QStringLiteral("data"));
            const QString sig = dir.filePath(QStringLiteral("sig"));
            QFile payload(data);
            QVERIFY(payload.open(QIODevice::WriteOnly));
            payload.write("payload bytes");
            payload.close();
            QCOMPARE(test::runTool(QStringLiteral("openssl"), QStringList{QStringLiteral("genpkey")} + genkey + QStringList{QStringLiteral("-out"), priv}).exitCode, 0);
            QCOMPARE(test::runTool(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-in"), priv, QStringLiteral("-pubout"), QStringLiteral("-out"), pub}).exitCode, 0);
            const bool ed = genkey.contains(QStringLiteral("ED25519"));
            QStringList signArgs = ed ? QStringList{QStringLiteral("pkeyutl"), QStringLiteral("-sign"), QStringLiteral("-rawin"), QStringLiteral("-inkey"), priv, QStringLiteral("-in"), data, QStringLiteral("-out"), sig}
                                      : QStringList{QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), priv, QStringLiteral("-out"), sig, data};
            QCOMPARE(test::runTool(QStringLiteral("openssl"), signArgs).exitCode, 0);
            QFile pubFile(pub);
            QVERIFY(pubFile.open(QIODevice::ReadOnly));
            const auto k = PublicKey::fromPem(pubFile.readAll(), QStringLiteral("generated"));
            QVERIFY2(k, k ? "" : qPrintable(k.error().message));
            QFile sigFile(sig);
            QVERIFY(sigFile.open(QIODevice::ReadOnly));
            const QByteArray signature = sigFile.readAll();
            QVERIFY2(k->verify("payload bytes", signature), qPrintable(k->algorithm()));
            QVERIFY(!k->verify("payload bytez", signature));
        }
    }

    void unsupportedKeysAreSaidPlainly()
    {
        QTemporaryDir dir;
        auto make = [&](const QStringList& genpkey) {
            const QString priv = dir.filePath(QStringLiteral("k.pem"));
            const QString pub = dir.filePath(QStringLiteral("k.pub"));
            if (test::runTool(QStringLiteral("openssl"), QStringList{QStringLiteral("genpkey")} + genpkey + QStringList{QStringLiteral("-out"), priv}).exitCode != 0
                || test::runTool(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-in"), priv, QStringLiteral("-pubout"), QStringLiteral("-out"), pub}).exitCode != 0)
                return QByteArray();
            QFile file(pub);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        // A key-agreement key cannot sign at all.
        const QByteArray x448 = make({QStringLiteral("-algorithm"), QStringLiteral("X448")});
        QVERIFY(!x448.isEmpty());
        auto key = PublicKey::fromPem(x448, QStringLiteral("x448.pub"));
        QVERIFY(!key);
        QCOMPARE(key.error().kind, ErrorKind::Unsupported);
        QVERIFY(key.error().message.contains(QStringLiteral("ECDSA, RSA and Ed25519")));
        // An ECDSA key on a curve cosign does not use.
        const QByteArray k1 = make({QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:secp256k1")});
        QVERIFY(!k1.isEmpty());
        key = PublicKey::fromPem(k1, QStringLiteral("k1.pub"));
        QVERIFY(!key);
        QVERIFY(key.error().message.contains(QStringLiteral("secp256k1")));
    }

    void theValidSignatureVerifies()
    {
        const QJsonObject v = vector(QStringLiteral("valid"));
        const QByteArray payload = test::readFixture(QStringLiteral("cosign/") + v.value(QStringLiteral("payload_file")).toString());
        const SignatureCheck check = checkSimpleSigning(payload, v.value(QStringLiteral("signature_b64")).toString(),
                                                        v.value(QStringLiteral("image_manifest_digest")).toString(),
                                                        {key(QStringLiteral("cosign2.pub")), key(QStringLiteral("cosign.pub"))});
        QCOMPARE(check.outcome, SignatureCheck::Outcome::Verified);
        QCOMPARE(check.keyName, QStringLiteral("cosign.pub")); // which key verified it
    }

    void rejections()
    {
        const QJsonObject v = vector(QStringLiteral("valid"));
        const QByteArray payload = test::readFixture(QStringLiteral("cosign/valid/simple-signing-payload.json"));
        const QString signature = v.value(QStringLiteral("signature_b64")).toString();
        const QString digest = v.value(QStringLiteral("image_manifest_digest")).toString();
        // The wrong key.
        QCOMPARE(checkSimpleSigning(payload, signature, digest, {key(QStringLiteral("cosign2.pub"))}).outcome, SignatureCheck::Outcome::BadSignature);
        // A signature by a key nobody trusts.
        QCOMPARE(checkSimpleSigning(payload, vector(QStringLiteral("unknown-key-signature")).value(QStringLiteral("signature_b64")).toString(), digest,
                                    {key(QStringLiteral("cosign.pub")), key(QStringLiteral("cosign2.pub"))})
                     .outcome,
                 SignatureCheck::Outcome::BadSignature);
        // A valid signature copied onto another image.
        const QJsonObject modified = vector(QStringLiteral("modified-manifest"));
        const SignatureCheck moved = checkSimpleSigning(payload, signature, modified.value(QStringLiteral("image_manifest_digest")).toString(),
                                                        {key(QStringLiteral("cosign.pub"))});
        QCOMPARE(moved.outcome, SignatureCheck::Outcome::DigestMismatch);
        QVERIFY(moved.detail.contains(digest));
        // A tampered payload: one byte changed.
        QByteArray tampered = payload;
        tampered.replace("cosign-signed-single-sample", "cosign-signed-single-sampl3");
        QCOMPARE(checkSimpleSigning(tampered, signature, digest, {key(QStringLiteral("cosign.pub"))}).outcome, SignatureCheck::Outcome::BadSignature);
        // Missing annotation, bad base64, no keys.
        QCOMPARE(checkSimpleSigning(payload, QString(), digest, {key(QStringLiteral("cosign.pub"))}).outcome, SignatureCheck::Outcome::Malformed);
        QCOMPARE(checkSimpleSigning(payload, QStringLiteral("%%%not base64%%%"), digest, {key(QStringLiteral("cosign.pub"))}).outcome,
                 SignatureCheck::Outcome::Malformed);
        QCOMPARE(checkSimpleSigning(payload, signature, digest, {}).outcome, SignatureCheck::Outcome::BadSignature);
        QCOMPARE(checkSimpleSigning(QByteArray(5 * 1024 * 1024, 'x'), signature, digest, {key(QStringLiteral("cosign.pub"))}).outcome,
                 SignatureCheck::Outcome::BadSignature); // huge garbage: just not verified
    }
};

QTEST_GUILESS_MAIN(TestSignatures)
#include "tst_signatures.moc"
