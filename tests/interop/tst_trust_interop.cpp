// cosign, skopeo and oras sign and attach to images on two registries — distribution 2.8.3 (no
// referrers API: cosign's .sig tag and the referrers tag fallback) and go-containerregistry's OCI 1.1
// registry (the referrers API) — and Berth gives the same verdicts on both: what verifies and by
// which key, a wrong key, a signature copied onto another image, a signature without its
// annotation, attestations, vulnerability reports and SBOMs.
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/registry/Digest.h"
#include "core/registry/RegistryClient.h"
#include "core/trust/Signatures.h"
#include "core/trust/SigstoreBundle.h"
#include "core/trust/TrustInspector.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::waitFor;

namespace {
const QString kAttestationPredicate = QStringLiteral("https://cosign.sigstore.dev/attestation/v1");
}

class TestTrustInterop : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_dir;

    test::ProcessResult cosign(const QStringList& args, bool experimental = false)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COSIGN_PASSWORD"), QStringLiteral("test-password"));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        if (experimental)
            env.insert(QStringLiteral("COSIGN_EXPERIMENTAL"), QStringLiteral("1")); // --registry-referrers-mode
        return test::runTool(QStringLiteral("cosign"), args, m_dir.path(), env);
    }

    static QString repoOn(const QString& registry) { return registry + QStringLiteral("/trust/app"); }

    QString digestOf(const QString& registry, const QString& tag)
    {
        const auto inspected = test::runTool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
                                                                       QStringLiteral("docker://") + repoOn(registry) + QLatin1Char(':') + tag});
        return QJsonDocument::fromJson(inspected.out).object().value(QStringLiteral("Digest")).toString();
    }

    test::ProcessResult verify(const QString& registry, const QString& tag, const QString& key)
    {
        return test::runBerthctl({QStringLiteral("verify"), repoOn(registry) + QLatin1Char(':') + tag, QStringLiteral("--key"), m_dir.filePath(key),
                                  QStringLiteral("--json")},
                                 test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth"))));
    }

    std::unique_ptr<RegistryClient> clientFor(const QString& registry, HttpClient* http, TokenService* tokens, CredentialProvider* none)
    {
        return std::make_unique<RegistryClient>(*RegistryEndpoint::fromString(registry), http, tokens, none);
    }

    // Each test runs on both registries.
    void registryRows()
    {
        QTest::addColumn<QString>("registry");
        QTest::newRow("distribution 2.8.3") << m_bed.anonymous;
        QTest::newRow("OCI 1.1 registry") << m_bed.oci11;
    }

    // Signs each registry's images the ways cosign can: the .sig tag, a referrer, a Sigstore bundle;
    // and attests one image without signing it.
    bool signOn(const QString& registry)
    {
        const QString repo = repoOn(registry);
        const QStringList common{QStringLiteral("--key"), QStringLiteral("cosign.key"), QStringLiteral("--tlog-upload=false"),
                                 QStringLiteral("--allow-http-registry"), QStringLiteral("--yes")};
        const QList<std::pair<QStringList, bool>> runs{
            {QStringList{QStringLiteral("sign")} + common + QStringList{repo + u'@' + digestOf(registry, QStringLiteral("signed"))}, false},
            {QStringList{QStringLiteral("sign"), QStringLiteral("--registry-referrers-mode=oci-1-1")} + common
                 + QStringList{repo + u'@' + digestOf(registry, QStringLiteral("referred"))}, true},
            // A bundle with cosign sign's statement (its predicate type, an empty predicate), as
            // newer cosign's sign writes it; Debian's cosign writes bundles through attest.
            {QStringList{QStringLiteral("attest"), QStringLiteral("--new-bundle-format"), QStringLiteral("--type"), kCosignSignPredicateType,
                         QStringLiteral("--predicate"), QStringLiteral("empty.json")} + common
                 + QStringList{repo + u'@' + digestOf(registry, QStringLiteral("bundled"))}, false},
            {QStringList{QStringLiteral("attest"), QStringLiteral("--new-bundle-format"), QStringLiteral("--type"), QStringLiteral("custom"),
                         QStringLiteral("--predicate"), QStringLiteral("predicate.json")} + common
                 + QStringList{repo + u'@' + digestOf(registry, QStringLiteral("unsigned"))}, false},
        };
        for (const auto& [args, experimental] : runs) {
            const auto run = cosign(args, experimental);
            if (run.exitCode != 0) {
                qWarning("cosign %s: %s", qPrintable(args.join(u' ')), run.err.constData());
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        QVERIFY2(!m_bed.oci11.isEmpty(), "the bed has no OCI 1.1 registry");
        QDir(m_dir.path()).mkpath(QStringLiteral("other"));
        QCOMPARE(cosign({QStringLiteral("generate-key-pair")}).exitCode, 0);
        QCOMPARE(cosign({QStringLiteral("generate-key-pair"), QStringLiteral("--output-key-prefix"), QStringLiteral("other/cosign")}).exitCode, 0);
        for (const auto& [name, text] : {std::pair{QStringLiteral("empty.json"), QByteArray("{}")},
                                         std::pair{QStringLiteral("predicate.json"), QByteArray("{\"builder\":\"ci\"}")}}) {
            QFile file(m_dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        }
        // Offline: no transparency log, as in an air-gapped registry.
        QVERIFY(signOn(m_bed.anonymous));
        QVERIFY(signOn(m_bed.oci11));
    }

    void verifiesWhatCosignSigned_data()
    {
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("source");
        for (const auto& [name, registry] : {std::pair{"distribution 2.8.3", m_bed.anonymous}, std::pair{"OCI 1.1 registry", m_bed.oci11}}) {
            QTest::addRow("%s: .sig tag", name) << registry << QStringLiteral("signed") << QStringLiteral("cosign simple signing") << QStringLiteral("sha256-");
            QTest::addRow("%s: referrer", name) << registry << QStringLiteral("referred") << QStringLiteral("cosign simple signing") << QStringLiteral("referrer sha256:");
            QTest::addRow("%s: bundle", name) << registry << QStringLiteral("bundled") << QStringLiteral("Sigstore bundle v0.3") << QStringLiteral("referrer sha256:");
        }
    }

    void verifiesWhatCosignSigned()
    {
        QFETCH(QString, registry);
        QFETCH(QString, tag);
        QFETCH(QString, format);
        QFETCH(QString, source);
        const auto run = verify(registry, tag, QStringLiteral("cosign.pub"));
        QVERIFY2(run.exitCode == 0, run.out.constData());
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(result.value(QStringLiteral("state")).toString(), QStringLiteral("verified"));
        QVERIFY(result.value(QStringLiteral("key")).toString().endsWith(QStringLiteral("cosign.pub")));
        const QJsonArray signatures = result.value(QStringLiteral("signatures")).toArray();
        QCOMPARE(signatures.size(), 1);
        QCOMPARE(signatures.first()[QStringLiteral("format")].toString(), format);
        QVERIFY(signatures.first()[QStringLiteral("source")].toString().startsWith(source));
    }

    void rejectsTheWrongKey_data() { verifiesWhatCosignSigned_data(); }

    void rejectsTheWrongKey()
    {
        QFETCH(QString, registry);
        QFETCH(QString, tag);
        const auto run = verify(registry, tag, QStringLiteral("other/cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(result.value(QStringLiteral("state")).toString(), QStringLiteral("invalid"));
        QVERIFY2(result.value(QStringLiteral("signatures")).toArray().first()[QStringLiteral("detail")].toString().contains(QStringLiteral("no given key verifies")),
                 run.out.constData());
        QCOMPARE(verify(registry, tag, QStringLiteral("missing.pub")).exitCode, 2);
    }

    void anAttestationIsNotASignature_data() { registryRows(); }

    void anAttestationIsNotASignature()
    {
        // "unsigned" carries a signed attestation: checked and listed, but the image is not signed.
        QFETCH(QString, registry);
        const auto run = verify(registry, QStringLiteral("unsigned"), QStringLiteral("cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(result.value(QStringLiteral("state")).toString(), QStringLiteral("not-signed"));
        const QJsonArray attestations = result.value(QStringLiteral("attestations")).toArray();
        QCOMPARE(attestations.size(), 1);
        QCOMPARE(attestations.first()[QStringLiteral("outcome")].toString(), QStringLiteral("verified"));
        QCOMPARE(attestations.first()[QStringLiteral("predicateType")].toString(), kAttestationPredicate);
    }

    void rejectsSignaturesCopiedOntoAnotherImage_data() { registryRows(); }

    void rejectsSignaturesCopiedOntoAnotherImage()
    {
        QFETCH(QString, registry);
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        auto client = clientFor(registry, &http, &tokens, &none);
        const QString repository = QStringLiteral("trust/app");

        // 1. The .sig manifest under the other image's signature tag.
        const QString signedDigest = digestOf(registry, QStringLiteral("signed"));
        auto signature = waitFor<Manifest>([&](auto done) { client->fetchManifest(repository, digestAsTag(signedDigest) + QStringLiteral(".sig"), nullptr, done); });
        QVERIFY(signature && signature->has_value());
        const QString copiedTag = digestAsTag(digestOf(registry, QStringLiteral("copied"))) + QStringLiteral(".sig");
        auto pushed = waitFor<QString>([&](auto done) { client->putManifest(repository, copiedTag, signature->value().raw, signature->value().mediaType, nullptr, done); });
        QVERIFY(pushed && pushed->has_value());
        auto run = verify(registry, QStringLiteral("copied"), QStringLiteral("cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        QJsonObject copied = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(copied.value(QStringLiteral("state")).toString(), QStringLiteral("digest-mismatch"));
        QVERIFY(copied.value(QStringLiteral("signatures")).toArray().first()[QStringLiteral("detail")].toString().contains(signedDigest));

        // 2. The referrer signature and the bundle re-pointed at "moved" (their subject changed).
        const QString moved = digestOf(registry, QStringLiteral("moved"));
        auto movedHead = waitFor<ManifestHead>([&](auto done) { client->headManifest(repository, moved, nullptr, done); });
        QVERIFY(movedHead && movedHead->has_value());
        QJsonArray fallback; // the referrers tag schema's index, for the registry without the API
        for (const QString& tag : {QStringLiteral("referred"), QStringLiteral("bundled")}) {
            auto referrers = waitFor<QList<Descriptor>>([&](auto done) { client->listReferrers(repository, digestOf(registry, tag), {}, nullptr, done); });
            QVERIFY(referrers && referrers->has_value() && referrers->value().size() == 1);
            const Descriptor referrer = referrers->value().first();
            auto manifest = waitFor<Manifest>([&](auto done) { client->fetchManifest(repository, referrer.digest, nullptr, done); });
            QVERIFY(manifest && manifest->has_value());
            QJsonObject json = QJsonDocument::fromJson(manifest->value().raw).object();
            json.insert(QStringLiteral("subject"), QJsonObject{{QStringLiteral("mediaType"), movedHead->value().mediaType},
                                                               {QStringLiteral("digest"), moved},
                                                               {QStringLiteral("size"), movedHead->value().size}});
            const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
            auto put = waitFor<QString>([&](auto done) { client->putManifest(repository, sha256Digest(bytes), bytes, MediaType::OciManifest, nullptr, done); });
            QVERIFY2(put && put->has_value(), put && !put->has_value() ? qPrintable(put->error().message) : "timeout");
            fallback.append(QJsonObject{{QStringLiteral("mediaType"), MediaType::OciManifest}, {QStringLiteral("digest"), sha256Digest(bytes)},
                                        {QStringLiteral("size"), bytes.size()}, {QStringLiteral("artifactType"), referrer.artifactType}});
        }
        if (registry == m_bed.anonymous) {
            const QByteArray index = QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), MediaType::OciIndex},
                                                               {QStringLiteral("manifests"), fallback}}).toJson(QJsonDocument::Compact);
            auto put = waitFor<QString>([&](auto done) { client->putManifest(repository, digestAsTag(moved), index, MediaType::OciIndex, nullptr, done); });
            QVERIFY(put && put->has_value());
        }
        run = verify(registry, QStringLiteral("moved"), QStringLiteral("cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        const QJsonObject movedResult = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(movedResult.value(QStringLiteral("state")).toString(), QStringLiteral("digest-mismatch"));
        QCOMPARE(movedResult.value(QStringLiteral("signatures")).toArray().size(), 2);
        for (const auto& s : movedResult.value(QStringLiteral("signatures")).toArray())
            QCOMPARE(s[QStringLiteral("outcome")].toString(), QStringLiteral("digest-mismatch"));

        // 3. A .sig manifest whose layer lost its signature annotation.
        QJsonObject stripped = QJsonDocument::fromJson(signature->value().raw).object();
        QJsonArray layers = stripped.value(QStringLiteral("layers")).toArray();
        QJsonObject layer = layers.first().toObject();
        layer.remove(QStringLiteral("annotations"));
        layers[0] = layer;
        stripped.insert(QStringLiteral("layers"), layers);
        const QString tamperedTag = digestAsTag(digestOf(registry, QStringLiteral("tampered"))) + QStringLiteral(".sig");
        auto pushedStripped = waitFor<QString>([&](auto done) {
            client->putManifest(repository, tamperedTag, QJsonDocument(stripped).toJson(QJsonDocument::Compact), signature->value().mediaType, nullptr, done);
        });
        QVERIFY(pushedStripped && pushedStripped->has_value());
        run = verify(registry, QStringLiteral("tampered"), QStringLiteral("cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains("annotation"));
    }

    void verifiesWhatSkopeoSignedWithSigstore_data() { registryRows(); }

    void verifiesWhatSkopeoSignedWithSigstore()
    {
        QFETCH(QString, registry);
        // skopeo writes sigstore signatures as cosign-style attachments when registries.d says so.
        QDir(m_dir.path()).mkpath(QStringLiteral("registries.d"));
        QFile config(m_dir.filePath(QStringLiteral("registries.d/default.yaml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("default-docker:\n  use-sigstore-attachments: true\n");
        config.close();
        QFile passphrase(m_dir.filePath(QStringLiteral("passphrase")));
        QVERIFY(passphrase.open(QIODevice::WriteOnly));
        passphrase.write("test-password");
        passphrase.close();
        const QString repo = repoOn(registry);
        const auto copied = test::runTool(QStringLiteral("skopeo"),
                                          {QStringLiteral("--registries.d"), m_dir.filePath(QStringLiteral("registries.d")), QStringLiteral("copy"),
                                           QStringLiteral("--src-tls-verify=false"), QStringLiteral("--dest-tls-verify=false"),
                                           QStringLiteral("--sign-by-sigstore-private-key"), m_dir.filePath(QStringLiteral("cosign.key")),
                                           QStringLiteral("--sign-passphrase-file"), passphrase.fileName(),
                                           QStringLiteral("docker://") + repo + QStringLiteral(":skopeo-src"),
                                           QStringLiteral("docker://") + repo + QStringLiteral(":skopeo-signed")});
        QVERIFY2(copied.exitCode == 0, copied.err.constData());
        const auto run = verify(registry, QStringLiteral("skopeo-signed"), QStringLiteral("cosign.pub"));
        QVERIFY2(run.exitCode == 0, run.out.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("state")).toString(), QStringLiteral("verified"));
    }

    void readsWhatOrasAttached_data() { registryRows(); }

    void readsWhatOrasAttached()
    {
        QFETCH(QString, registry);
        const QString subject = repoOn(registry) + QStringLiteral(":unsigned");
        const QByteArray report = test::readFixture(QStringLiteral("trivy/debian-buster.json.golden"));
        QFile file(m_dir.filePath(QStringLiteral("trivy.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(report);
        file.close();
        QFile sbom(m_dir.filePath(QStringLiteral("sbom.spdx.json")));
        QVERIFY(sbom.open(QIODevice::WriteOnly));
        sbom.write("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"trust-app\",\"packages\":[{\"name\":\"busybox\",\"versionInfo\":\"1.36.1\"},"
                   "{\"name\":\"musl\",\"versionInfo\":\"1.2.5\"},{\"name\":\"zlib\",\"versionInfo\":\"1.3.1\"}]}");
        sbom.close();
        for (const auto& [type, name, fileType] : {std::tuple{QStringLiteral("application/vnd.aquasec.trivy.report+json"), QStringLiteral("trivy.json"), QStringLiteral("application/json")},
                                                   std::tuple{QStringLiteral("application/spdx+json"), QStringLiteral("sbom.spdx.json"), QStringLiteral("application/spdx+json")}}) {
            const auto attached = test::runTool(QStringLiteral("oras"), {QStringLiteral("attach"), QStringLiteral("--plain-http"), QStringLiteral("--artifact-type"),
                                                                        type, subject, name + u':' + fileType},
                                                m_dir.path());
            QVERIFY2(attached.exitCode == 0, attached.err.constData());
        }
        const auto env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth")));

        // The artifact types are the manifests' own, whatever the registry's answer carries.
        auto run = test::runBerthctl({QStringLiteral("referrers"), subject, QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QStringList types;
        for (const auto& r : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("referrers")).toArray())
            types << r[QStringLiteral("artifactType")].toString();
        types.sort();
        QCOMPARE(types, (QStringList{QStringLiteral("application/spdx+json"), QStringLiteral("application/vnd.aquasec.trivy.report+json"),
                                     QStringLiteral("application/vnd.dev.sigstore.bundle.v0.3+json")}));

        // scan counts the report.
        run = test::runBerthctl({QStringLiteral("scan"), subject, QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray reports = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("reports")).toArray();
        QCOMPARE(reports.size(), 1);
        int expected = 0;
        QSet<QString> severities;
        for (const auto& r : QJsonDocument::fromJson(report).object().value(QStringLiteral("Results")).toArray()) {
            for (const auto& v : r.toObject().value(QStringLiteral("Vulnerabilities")).toArray()) {
                ++expected;
                severities << v.toObject().value(QStringLiteral("Severity")).toString().toLower();
            }
        }
        QCOMPARE(reports.first().toObject().value(QStringLiteral("vulnerabilities")).toArray().size(), expected);
        // A CI gate: the lowest severity present fails; one above everything present passes.
        const QString lowest = severities.contains(QStringLiteral("low")) ? QStringLiteral("low") : QStringLiteral("medium");
        QCOMPARE(test::runBerthctl({QStringLiteral("scan"), subject, QStringLiteral("--fail-on"), lowest}, env).exitCode, 5);
        if (!severities.contains(QStringLiteral("critical")))
            QCOMPARE(test::runBerthctl({QStringLiteral("scan"), subject, QStringLiteral("--fail-on"), QStringLiteral("critical")}, env).exitCode, 0);
        // Nothing attached: said plainly, and not a pass.
        run = test::runBerthctl({QStringLiteral("scan"), repoOn(registry) + QStringLiteral(":copied"), QStringLiteral("--fail-on"), QStringLiteral("high")}, env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.err.contains("no vulnerability report"));
        QCOMPARE(test::runBerthctl({QStringLiteral("scan"), subject, QStringLiteral("--fail-on"), QStringLiteral("bad")}, env).exitCode, 2);
    }

    void theTrustSummaryIsTheSameOnBothRegistries()
    {
        // What the Trust tab shows (attached tree, signature verdict, reports, SBOM packages) for the
        // same attachments, on each registry.
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        QFile pem(m_dir.filePath(QStringLiteral("cosign.pub")));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        auto key = PublicKey::fromPem(pem.readAll(), QStringLiteral("cosign.pub"));
        QVERIFY(key.has_value());
        QMap<QString, QStringList> seen; // tag -> a line per fact, per registry
        for (const QString& registry : {m_bed.anonymous, m_bed.oci11}) {
            auto client = clientFor(registry, &http, &tokens, &none);
            TrustInspector inspector(client.get());
            for (const QString& tag : {QStringLiteral("signed"), QStringLiteral("referred"), QStringLiteral("bundled"), QStringLiteral("unsigned")}) {
                auto summary = waitFor<TrustSummary>([&](auto done) { inspector.inspect(QStringLiteral("trust/app"), digestOf(registry, tag), {*key}, nullptr, done); });
                QVERIFY(summary && summary->has_value());
                QStringList facts;
                for (const AttachedArtifact& a : summary->value().attached)
                    facts << QStringLiteral("attached %1 %2").arg(a.kind, a.artifactType);
                facts << QStringLiteral("signature %1").arg(summary->value().signature->verdict());
                facts << QStringLiteral("reports %1").arg(summary->value().reports.size());
                int packages = 0;
                for (const Sbom& sbom : summary->value().sboms)
                    packages += int(sbom.packages.size());
                facts << QStringLiteral("sbom packages %1").arg(packages);
                facts << summary->value().problems;
                facts.sort();
                if (registry == m_bed.anonymous)
                    seen.insert(tag, facts);
                else
                    QCOMPARE(facts, seen.value(tag));
            }
        }
        QVERIFY(seen.value(QStringLiteral("unsigned")).contains(QStringLiteral("sbom packages 3")));
        QVERIFY(seen.value(QStringLiteral("unsigned")).contains(QStringLiteral("attached attestation application/vnd.dev.sigstore.bundle.v0.3+json")));
        QVERIFY(seen.value(QStringLiteral("bundled")).contains(QStringLiteral("attached signature application/vnd.dev.sigstore.bundle.v0.3+json")));
        QVERIFY(seen.value(QStringLiteral("referred")).contains(QStringLiteral("signature verified")));
    }

    void scansLocallyWithTheInstalledScanner()
    {
        const QString repo = repoOn(m_bed.anonymous);
        QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth")));
        // No scanner installed: said plainly.
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        auto run = test::runBerthctl({QStringLiteral("scan"), repo + QStringLiteral(":copied"), QStringLiteral("--local")}, env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("neither trivy nor grype is installed"), run.err.constData());
        // trivy on PATH (a stand-in: Debian packages none) is run and its JSON read.
        env.insert(QStringLiteral("PATH"), QStringLiteral(BERTH_SOURCE_DIR "/tests/bed/fake-scanners:/usr/bin:/bin"));
        env.insert(QStringLiteral("BERTH_FAKE_TRIVY_REPORT"), test::fixturePath(QStringLiteral("trivy/debian-stretch.json.golden")));
        env.insert(QStringLiteral("BERTH_FAKE_TRIVY_ARGS"), m_dir.filePath(QStringLiteral("trivy-args")));
        run = test::runBerthctl({QStringLiteral("scan"), repo + QStringLiteral(":copied"), QStringLiteral("--local"), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.err.contains("Detected OS family")); // its progress is shown
        const QJsonArray reports = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("reports")).toArray();
        QCOMPARE(reports.size(), 1);
        QCOMPARE(reports.first().toObject().value(QStringLiteral("source")).toString(), QStringLiteral("trivy"));
        QVERIFY(!reports.first().toObject().value(QStringLiteral("vulnerabilities")).toArray().isEmpty());
        QFile args(m_dir.filePath(QStringLiteral("trivy-args")));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QCOMPARE(args.readAll().trimmed(), QByteArray("image --format json --insecure ") + (repo + QStringLiteral(":copied")).toUtf8());
    }

    void referrersListsTheSignatures_data() { registryRows(); }

    void referrersListsTheSignatures()
    {
        QFETCH(QString, registry);
        const auto env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth")));
        auto run = test::runBerthctl({QStringLiteral("referrers"), repoOn(registry) + QStringLiteral(":signed"), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray tags = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("cosignTags")).toArray();
        QCOMPARE(tags.size(), 1);
        QCOMPARE(tags.first().toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("signature"));
        run = test::runBerthctl({QStringLiteral("referrers"), repoOn(registry) + QStringLiteral(":referred"), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray referrers = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("referrers")).toArray();
        QCOMPARE(referrers.size(), 1);
        QCOMPARE(referrers.first()[QStringLiteral("artifactType")].toString(), kCosignSignatureArtifactType);
    }
};

QTEST_GUILESS_MAIN(TestTrustInterop)
#include "tst_trust_interop.moc"
