// cosign and skopeo sign images in the test registry; Berth verifies what they signed and
// rejects a wrong key, a signature copied onto another image and a signature without its annotation.
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"
#include "core/trust/Signatures.h"
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

class TestTrustInterop : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_dir;
    QString m_repo;

    test::ProcessResult cosign(const QStringList& args)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COSIGN_PASSWORD"), QStringLiteral("test-password"));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral("cosign"), args);
        test::ProcessResult r;
        if (!process.waitForFinished(120000))
            return r;
        r.exitCode = process.exitCode();
        r.out = process.readAllStandardOutput();
        r.err = process.readAllStandardError();
        return r;
    }

    QString digestOf(const QString& tag)
    {
        const auto inspected = test::runTool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
                                                                       QStringLiteral("docker://") + m_repo + QLatin1Char(':') + tag});
        return QJsonDocument::fromJson(inspected.out).object().value(QStringLiteral("Digest")).toString();
    }

    test::ProcessResult verify(const QString& tag, const QString& key)
    {
        return test::runBerthctl({QStringLiteral("verify"), m_repo + QLatin1Char(':') + tag, QStringLiteral("--key"), m_dir.filePath(key),
                                  QStringLiteral("--json")},
                                 test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth"))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        m_repo = m_bed.anonymous + QStringLiteral("/trust/app");
        QDir(m_dir.path()).mkpath(QStringLiteral("other"));
        QCOMPARE(cosign({QStringLiteral("generate-key-pair")}).exitCode, 0);
        QCOMPARE(cosign({QStringLiteral("generate-key-pair"), QStringLiteral("--output-key-prefix"), QStringLiteral("other/cosign")}).exitCode, 0);
        // Offline: no transparency log, as in an air-gapped registry.
        const auto signedByCosign = cosign({QStringLiteral("sign"), QStringLiteral("--key"), QStringLiteral("cosign.key"), QStringLiteral("--tlog-upload=false"),
                                            QStringLiteral("--allow-http-registry"), QStringLiteral("--yes"),
                                            m_repo + QLatin1Char('@') + digestOf(QStringLiteral("signed"))});
        QVERIFY2(signedByCosign.exitCode == 0, signedByCosign.err.constData());
    }

    void verifiesWhatCosignSigned()
    {
        const auto run = verify(QStringLiteral("signed"), QStringLiteral("cosign.pub"));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(result.value(QStringLiteral("state")).toString(), QStringLiteral("verified"));
        QVERIFY(result.value(QStringLiteral("key")).toString().endsWith(QStringLiteral("cosign.pub")));
    }

    void rejectsTheWrongKeyAndUnsignedImages()
    {
        auto run = verify(QStringLiteral("signed"), QStringLiteral("other/cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("state")).toString(), QStringLiteral("invalid"));
        run = verify(QStringLiteral("unsigned"), QStringLiteral("cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("state")).toString(), QStringLiteral("not-signed"));
        run = verify(QStringLiteral("signed"), QStringLiteral("missing.pub"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("cannot read the key"));
    }

    void rejectsASignatureCopiedOntoAnotherImage()
    {
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        RegistryClient client(*RegistryEndpoint::fromString(m_bed.anonymous), &http, &tokens, &none);
        const QString signedDigest = digestOf(QStringLiteral("signed"));
        const QString sigTag = QStringLiteral("sha256-") + signedDigest.mid(7) + QStringLiteral(".sig");
        auto signature = waitFor<Manifest>([&](auto done) { client.fetchManifest(QStringLiteral("trust/app"), sigTag, nullptr, done); });
        QVERIFY(signature && signature->has_value());

        // The same signature manifest under the other image's signature tag.
        const QString copiedTag = QStringLiteral("sha256-") + digestOf(QStringLiteral("copied")).mid(7) + QStringLiteral(".sig");
        auto pushed = waitFor<QString>([&](auto done) {
            client.putManifest(QStringLiteral("trust/app"), copiedTag, signature->value().raw, signature->value().mediaType, nullptr, done);
        });
        QVERIFY(pushed && pushed->has_value());
        auto run = verify(QStringLiteral("copied"), QStringLiteral("cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        const QJsonObject copied = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(copied.value(QStringLiteral("state")).toString(), QStringLiteral("digest-mismatch"));
        QVERIFY(copied.value(QStringLiteral("signatures")).toArray().first().toObject().value(QStringLiteral("detail")).toString().contains(signedDigest));

        // A signature manifest whose layer lost its signature annotation.
        QJsonObject stripped = QJsonDocument::fromJson(signature->value().raw).object();
        QJsonArray layers = stripped.value(QStringLiteral("layers")).toArray();
        QJsonObject layer = layers.first().toObject();
        layer.remove(QStringLiteral("annotations"));
        layers[0] = layer;
        stripped.insert(QStringLiteral("layers"), layers);
        const QString tamperedTag = QStringLiteral("sha256-") + digestOf(QStringLiteral("tampered")).mid(7) + QStringLiteral(".sig");
        auto pushedStripped = waitFor<QString>([&](auto done) {
            client.putManifest(QStringLiteral("trust/app"), tamperedTag, QJsonDocument(stripped).toJson(QJsonDocument::Compact),
                               signature->value().mediaType, nullptr, done);
        });
        QVERIFY(pushedStripped && pushedStripped->has_value());
        run = verify(QStringLiteral("tampered"), QStringLiteral("cosign.pub"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains("annotation"));
    }

    void verifiesWhatSkopeoSignedWithSigstore()
    {
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
        const auto copied = test::runTool(QStringLiteral("skopeo"),
                                          {QStringLiteral("--registries.d"), m_dir.filePath(QStringLiteral("registries.d")), QStringLiteral("copy"),
                                           QStringLiteral("--src-tls-verify=false"), QStringLiteral("--dest-tls-verify=false"),
                                           QStringLiteral("--sign-by-sigstore-private-key"), m_dir.filePath(QStringLiteral("cosign.key")),
                                           QStringLiteral("--sign-passphrase-file"), passphrase.fileName(),
                                           QStringLiteral("docker://") + m_repo + QStringLiteral(":skopeo-src"),
                                           QStringLiteral("docker://") + m_repo + QStringLiteral(":skopeo-signed")});
        QVERIFY2(copied.exitCode == 0, copied.err.constData());
        const auto run = verify(QStringLiteral("skopeo-signed"), QStringLiteral("cosign.pub"));
        QVERIFY2(run.exitCode == 0, run.out.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("state")).toString(), QStringLiteral("verified"));
    }

    void scansTheReportOrasAttached()
    {
        const QByteArray report = test::readFixture(QStringLiteral("trivy/debian-buster.json.golden"));
        QFile file(m_dir.filePath(QStringLiteral("trivy.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(report);
        file.close();
        const auto attached = test::runTool(QStringLiteral("oras"), {QStringLiteral("attach"), QStringLiteral("--plain-http"), QStringLiteral("--artifact-type"),
                                                                    QStringLiteral("application/vnd.aquasec.trivy.report+json"), m_repo + QStringLiteral(":unsigned"),
                                                                    QStringLiteral("trivy.json:application/json")},
                                            m_dir.path());
        QVERIFY2(attached.exitCode == 0, attached.err.constData());
        const auto env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth")));
        auto run = test::runBerthctl({QStringLiteral("scan"), m_repo + QStringLiteral(":unsigned"), QStringLiteral("--json")}, env);
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
        QCOMPARE(test::runBerthctl({QStringLiteral("scan"), m_repo + QStringLiteral(":unsigned"), QStringLiteral("--fail-on"), lowest}, env).exitCode, 5);
        if (!severities.contains(QStringLiteral("critical")))
            QCOMPARE(test::runBerthctl({QStringLiteral("scan"), m_repo + QStringLiteral(":unsigned"), QStringLiteral("--fail-on"), QStringLiteral("critical")}, env).exitCode, 0);
        // Nothing attached: said plainly, and not a pass.
        run = test::runBerthctl({QStringLiteral("scan"), m_repo + QStringLiteral(":copied"), QStringLiteral("--fail-on"), QStringLiteral("high")}, env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.err.contains("no vulnerability report"));
        QCOMPARE(test::runBerthctl({QStringLiteral("scan"), m_repo + QStringLiteral(":unsigned"), QStringLiteral("--fail-on"), QStringLiteral("bad")}, env).exitCode, 2);
    }

    void scansLocallyWithTheInstalledScanner()
    {
        QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth")));
        // No scanner installed: said plainly.
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        auto run = test::runBerthctl({QStringLiteral("scan"), m_repo + QStringLiteral(":copied"), QStringLiteral("--local")}, env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("neither trivy nor grype is installed"), run.err.constData());
        // trivy on PATH (a stand-in: Debian packages none) is run and its JSON read.
        env.insert(QStringLiteral("PATH"), QStringLiteral(BERTH_SOURCE_DIR "/tests/bed/fake-scanners:/usr/bin:/bin"));
        env.insert(QStringLiteral("BERTH_FAKE_TRIVY_REPORT"), test::fixturePath(QStringLiteral("trivy/debian-stretch.json.golden")));
        env.insert(QStringLiteral("BERTH_FAKE_TRIVY_ARGS"), m_dir.filePath(QStringLiteral("trivy-args")));
        run = test::runBerthctl({QStringLiteral("scan"), m_repo + QStringLiteral(":copied"), QStringLiteral("--local"), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.err.contains("Detected OS family")); // its progress is shown
        const QJsonArray reports = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("reports")).toArray();
        QCOMPARE(reports.size(), 1);
        QCOMPARE(reports.first().toObject().value(QStringLiteral("source")).toString(), QStringLiteral("trivy"));
        QVERIFY(!reports.first().toObject().value(QStringLiteral("vulnerabilities")).toArray().isEmpty());
        QFile args(m_dir.filePath(QStringLiteral("trivy-args")));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QCOMPARE(args.readAll().trimmed(), QByteArray("image --format json --insecure ") + (m_repo + QStringLiteral(":copied")).toUtf8());
    }

    void referrersListsTheSignature()
    {
        const auto run = test::runBerthctl({QStringLiteral("referrers"), m_repo + QStringLiteral(":signed"), QStringLiteral("--json")},
                                           test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth"))));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray tags = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("cosignTags")).toArray();
        QCOMPARE(tags.size(), 1);
        QCOMPARE(tags.first().toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("signature"));
    }
};

QTEST_GUILESS_MAIN(TestTrustInterop)
#include "tst_trust_interop.moc"
