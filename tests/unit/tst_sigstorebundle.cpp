// Sigstore bundles (v0.1 to v0.3) checked against the sigstore-conformance, sigstore-go and cosign
// fixtures in tests/fixtures/cosign/bundle: every case of vectors.json gives its expected verdict.
#include "core/registry/Manifest.h"
#include "core/trust/SigstoreBundle.h"
#include "core/trust/TrustInspector.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace berth;

Q_DECLARE_METATYPE(SignatureCheck::Outcome)

namespace {

QByteArray bundleFixture(const QString& file)
{
    return test::readFixture(QStringLiteral("cosign/bundle/") + file);
}

QString sha256Of(const QString& file)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(bundleFixture(file), QCryptographicHash::Sha256).toHex());
}

PublicKey bundleKey(const QString& file)
{
    auto key = PublicKey::fromPem(bundleFixture(file), file);
    if (!key)
        qFatal("%s", qPrintable(key.error().message));
    return *key;
}

// The verdict each expectation of vectors.json stands for; an expectation not listed fails the
// test, so a new vector needs a decision here.
std::optional<SignatureCheck::Outcome> outcomeFor(const QString& expected, bool keyless)
{
    if (expected.startsWith(u"valid"))
        return keyless ? SignatureCheck::Outcome::KeylessUnchecked : SignatureCheck::Outcome::Verified;
    if (expected.contains(u"no key supplied") || expected.contains(u"unrelated key") || expected.contains(u"does not verify"))
        return SignatureCheck::Outcome::BadSignature;
    if (expected.contains(u"artifact differs"))
        return SignatureCheck::Outcome::DigestMismatch;
    if (expected.contains(u"unsupported media type version") || expected.contains(u"corrupt key"))
        return SignatureCheck::Outcome::Malformed; // a corrupt key: refused when read, see below
    return std::nullopt;
}

} // namespace

class TestSigstoreBundle : public QObject
{
    Q_OBJECT
    QJsonObject m_vectors;

private Q_SLOTS:
    void initTestCase()
    {
        m_vectors = QJsonDocument::fromJson(bundleFixture(QStringLiteral("vectors.json"))).object();
        QVERIFY(m_vectors.value(QStringLiteral("cases")).toArray().size() >= 16);
    }

    void everyVectorGivesItsVerdict_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key"); // empty: none; "certificate": keyless
        QTest::addColumn<QString>("artifactDigest");
        QTest::addColumn<QString>("expected");
        for (const QJsonValue& value : m_vectors.value(QStringLiteral("cases")).toArray()) {
            const QJsonObject c = value.toObject();
            const QString keyText = c.value(QStringLiteral("key")).toString();
            const QString key = keyText.startsWith(u"leaf certificate") ? QStringLiteral("certificate") : keyText;
            // The artifact by its bytes, else by the digest its statement names (an image's, an npm package's).
            QString digest;
            if (!c.value(QStringLiteral("artifact")).toString().isEmpty()) {
                digest = sha256Of(c.value(QStringLiteral("artifact")).toString());
            } else {
                const QJsonObject subject = c.value(QStringLiteral("statement")).toObject().value(QStringLiteral("subject")).toArray().first().toObject();
                const QJsonObject digests = subject.value(QStringLiteral("digest")).toObject();
                QVERIFY(!digests.isEmpty());
                digest = digests.keys().first() + u':' + digests.value(digests.keys().first()).toString();
            }
            const QString expected = c.value(QStringLiteral("expected")).toString();
            QTest::addRow("%s %s %s", qPrintable(c.value(QStringLiteral("file")).toString()), qPrintable(key.isEmpty() ? QStringLiteral("no key") : key),
                          qPrintable(c.value(QStringLiteral("artifact")).toString()))
                << c.value(QStringLiteral("file")).toString() << key << digest << expected;
        }
    }

    void everyVectorGivesItsVerdict()
    {
        QFETCH(QString, file);
        QFETCH(QString, key);
        QFETCH(QString, artifactDigest);
        QFETCH(QString, expected);
        const auto outcome = outcomeFor(expected, key == u"certificate");
        QVERIFY2(outcome.has_value(), qPrintable(QStringLiteral("no verdict decided for \"%1\"").arg(expected)));

        QList<PublicKey> keys;
        if (!key.isEmpty() && key != u"certificate") {
            auto loaded = PublicKey::fromPem(bundleFixture(key), key);
            if (expected.contains(u"corrupt key")) {
                // A corrupt key is refused when it is read: the user hears it before any check.
                QVERIFY(!loaded);
                QVERIFY(loaded.error().message.contains(u"not a PEM public key"));
                return;
            }
            QVERIFY2(loaded.has_value(), qPrintable(key));
            keys << *loaded;
        }
        const SignatureCheck check = checkSigstoreBundle(bundleFixture(file), artifactDigest, keys);
        QCOMPARE(outcomeName(check.outcome), outcomeName(*outcome));
        switch (*outcome) {
        case SignatureCheck::Outcome::Verified:
            QCOMPARE(check.keyName, key);
            QVERIFY(check.format.startsWith(u"Sigstore bundle v0."));
            break;
        case SignatureCheck::Outcome::KeylessUnchecked:
            QVERIFY(!check.signer.isEmpty());
            QVERIFY(check.detail.contains(u"not verified"));
            break;
        case SignatureCheck::Outcome::BadSignature:
            QVERIFY2(check.detail.contains(keys.isEmpty() && key != u"certificate" ? u"no key" : u"verif"), qPrintable(check.detail));
            break;
        case SignatureCheck::Outcome::Malformed:
            QVERIFY2(check.detail.contains(u"99.9") && check.detail.contains(u"not supported"), qPrintable(check.detail));
            break;
        default:
            QVERIFY(!check.detail.isEmpty());
        }
    }

    void keylessBundlesShowTheirSigner()
    {
        auto check = checkSigstoreBundle(bundleFixture(QStringLiteral("cert/cosign-oci-attestation.v0.3.sigstore.json")),
                                         QStringLiteral("sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4"), {});
        QCOMPARE(check.outcome, SignatureCheck::Outcome::KeylessUnchecked);
        QCOMPARE(check.signer, QStringLiteral("cody@soyland.com (https://github.com/login/oauth)"));
        QCOMPARE(check.predicateType, QStringLiteral("https://cosign.sigstore.dev/attestation/v1"));
        check = checkSigstoreBundle(bundleFixture(QStringLiteral("cert/happy-path-v0.3.sigstore.json")), sha256Of(QStringLiteral("artifacts/a.txt")), {});
        QCOMPARE(check.signer, QStringLiteral("https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
                                              "extremely-dangerous-oidc-beacon.yml@refs/heads/main (https://token.actions.githubusercontent.com)"));
    }

    void aKeylessSignatureAloneIsNotVerified()
    {
        TrustResult result;
        result.signatures << checkSigstoreBundle(bundleFixture(QStringLiteral("cert/happy-path-v0.3.sigstore.json")), sha256Of(QStringLiteral("artifacts/a.txt")), {});
        result.settle();
        QCOMPARE(result.state, TrustResult::State::Keyless);
        QCOMPARE(result.verdict(), QStringLiteral("keyless"));
        QVERIFY(result.summary().contains(u"signed keyless by https://github.com/sigstore-conformance/"));
        QVERIFY(result.summary().contains(u"not verified offline"));
        // A key signature beside it decides.
        result.signatures << checkSigstoreBundle(bundleFixture(QStringLiteral("key/managed-key.v0.3.sigstore.json")), sha256Of(QStringLiteral("artifacts/a.txt")),
                                                 {bundleKey(QStringLiteral("key/managed-key.pub"))});
        result.settle();
        QCOMPARE(result.state, TrustResult::State::Verified);
        QCOMPARE(result.keyName, QStringLiteral("key/managed-key.pub"));
    }

    void anAttestationForAnotherImageIsADigestMismatch()
    {
        // The cosign attestation moved onto another image: its statement names the first one.
        const auto check = checkSigstoreBundle(bundleFixture(QStringLiteral("cert/cosign-oci-attestation.v0.3.sigstore.json")),
                                               QStringLiteral("sha256:") + QString(64, u'1'), {});
        QCOMPARE(check.outcome, SignatureCheck::Outcome::DigestMismatch);
        QVERIFY(check.detail.contains(u"sha256:732112270d7e"));
        // The key bundle's message digest against other bytes.
        const auto other = checkSigstoreBundle(bundleFixture(QStringLiteral("key/managed-key.v0.3.sigstore.json")),
                                               sha256Of(QStringLiteral("artifacts/test-content.txt")), {bundleKey(QStringLiteral("key/managed-key.pub"))});
        QCOMPARE(other.outcome, SignatureCheck::Outcome::DigestMismatch);
    }

    void aTamperedEnvelopeFailsItsSignature()
    {
        QJsonObject bundle = QJsonDocument::fromJson(bundleFixture(QStringLiteral("key/publish.v0.1.dsse.sigstore.json"))).object();
        QJsonObject envelope = bundle.value(QStringLiteral("dsseEnvelope")).toObject();
        QByteArray payload = QByteArray::fromBase64(envelope.value(QStringLiteral("payload")).toString().toLatin1());
        payload.replace("sigstore@1.3.0", "sigstore@6.6.6");
        envelope.insert(QStringLiteral("payload"), QString::fromLatin1(payload.toBase64()));
        bundle.insert(QStringLiteral("dsseEnvelope"), envelope);
        const auto check = checkSigstoreBundle(QJsonDocument(bundle).toJson(), QStringLiteral("sha512:") + QString(128, u'0'),
                                               {bundleKey(QStringLiteral("key/publish_key.pub"))});
        QCOMPARE(check.outcome, SignatureCheck::Outcome::BadSignature);
    }

    void paeIsDssesEncoding()
    {
        // FACTS.md: the cosign attestation's PAE header and length.
        const auto bundle = SigstoreBundle::parse(bundleFixture(QStringLiteral("cert/cosign-oci-attestation.v0.3.sigstore.json")));
        QVERIFY(bundle.has_value());
        const QByteArray pae = dssePae(bundle->payloadType, bundle->payload);
        QVERIFY(pae.startsWith("DSSEv1 28 application/vnd.in-toto+json 316 "));
        QCOMPARE(pae.size(), 359);
    }

    void mediaTypeVersions_data()
    {
        QTest::addColumn<QString>("mediaType");
        QTest::addColumn<int>("minor");
        QTest::newRow("v0.3 new form") << QStringLiteral("application/vnd.dev.sigstore.bundle.v0.3+json") << 3;
        QTest::newRow("v0.3 parameter") << QStringLiteral("application/vnd.dev.sigstore.bundle+json;version=0.3") << 3;
        QTest::newRow("v0.1 parameter") << QStringLiteral("application/vnd.dev.sigstore.bundle+json;version=0.1") << 1;
        QTest::newRow("v0.2 new form") << QStringLiteral("application/vnd.dev.sigstore.bundle.v0.2+json") << 2;
        QTest::newRow("v0.4 unknown") << QStringLiteral("application/vnd.dev.sigstore.bundle.v0.4+json") << 0;
        QTest::newRow("99.9") << QStringLiteral("application/vnd.dev.sigstore.bundle+json;version=99.9") << 0;
        QTest::newRow("v0.0") << QStringLiteral("application/vnd.dev.sigstore.bundle.v0.0+json") << 0;
        QTest::newRow("trailing junk") << QStringLiteral("application/vnd.dev.sigstore.bundle.v0.3+jsonx") << 0;
        QTest::newRow("other type") << QStringLiteral("application/vnd.in-toto+json") << 0;
    }

    void mediaTypeVersions()
    {
        QFETCH(QString, mediaType);
        QFETCH(int, minor);
        QCOMPARE(sigstoreBundleMinorVersion(mediaType), minor);
    }

    void malformedBundlesAreRefusedPlainly_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        const QByteArray good = bundleFixture(QStringLiteral("key/managed-key.v0.3.sigstore.json"));
        QJsonObject root = QJsonDocument::fromJson(good).object();
        auto without = [&](const QString& key) {
            QJsonObject copy = root;
            copy.remove(key);
            return QJsonDocument(copy).toJson();
        };
        QTest::newRow("not JSON") << QByteArray("{\"mediaType\":") << QStringLiteral("not a JSON object");
        QTest::newRow("no content") << without(QStringLiteral("messageSignature")) << QStringLiteral("exactly one of messageSignature or dsseEnvelope");
        QTest::newRow("no material") << without(QStringLiteral("verificationMaterial")) << QStringLiteral("exactly one of publicKey");
        QJsonObject chained = root;
        QJsonObject material = chained.value(QStringLiteral("verificationMaterial")).toObject();
        material.insert(QStringLiteral("x509CertificateChain"), QJsonObject{{QStringLiteral("certificates"), QJsonArray{}}});
        material.remove(QStringLiteral("publicKey"));
        chained.insert(QStringLiteral("verificationMaterial"), material);
        QTest::newRow("v0.3 with a chain") << QJsonDocument(chained).toJson() << QStringLiteral("not a chain");
        QJsonObject twoSignatures = QJsonDocument::fromJson(bundleFixture(QStringLiteral("key/publish.v0.1.dsse.sigstore.json"))).object();
        QJsonObject envelope = twoSignatures.value(QStringLiteral("dsseEnvelope")).toObject();
        QJsonArray signatures = envelope.value(QStringLiteral("signatures")).toArray();
        signatures.append(signatures.first());
        envelope.insert(QStringLiteral("signatures"), signatures);
        twoSignatures.insert(QStringLiteral("dsseEnvelope"), envelope);
        QTest::newRow("two DSSE signatures") << QJsonDocument(twoSignatures).toJson() << QStringLiteral("exactly one signature");
    }

    void malformedBundlesAreRefusedPlainly()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const auto check = checkSigstoreBundle(json, sha256Of(QStringLiteral("artifacts/a.txt")), {bundleKey(QStringLiteral("key/managed-key.pub"))});
        QCOMPARE(check.outcome, SignatureCheck::Outcome::Malformed);
        QVERIFY2(check.detail.contains(reason), qPrintable(check.detail));
    }

    void referrerKindsComeFromTheBundleAnnotations()
    {
        // The referrer manifest cosign writes for an attestation (derived fixture, see SOURCES).
        const auto manifest = Manifest::parse(bundleFixture(QStringLiteral("oci/referrer-manifest.cosign-oci-attestation.derived.json")), MediaType::OciManifest);
        QVERIFY(manifest.has_value());
        Descriptor referrer;
        referrer.artifactType = manifest->artifactType;
        referrer.annotations = manifest->annotations;
        QCOMPARE(TrustInspector::kindOf(referrer), QStringLiteral("attestation"));
        referrer.annotations.insert(QStringLiteral("dev.sigstore.bundle.predicateType"), kCosignSignPredicateType);
        QCOMPARE(TrustInspector::kindOf(referrer), QStringLiteral("signature"));
        referrer.artifactType = kCosignSignatureArtifactType;
        referrer.annotations.clear();
        QCOMPARE(TrustInspector::kindOf(referrer), QStringLiteral("signature"));
    }
};

QTEST_GUILESS_MAIN(TestSigstoreBundle)
#include "tst_sigstorebundle.moc"
