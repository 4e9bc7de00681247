// Berth reads back exactly what skopeo and oras see and write.
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestImageInterop : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;

    test::ProcessResult berthctl(const QStringList& args)
    {
        return test::runBerthctl(args, test::isolatedEnvironment(m_home.path()));
    }

    QString ref(const QString& repoAndTag) const { return m_bed.anonymous + QLatin1Char('/') + repoAndTag; }

private Q_SLOTS:
    void initTestCase() { BERTH_LOAD_BED(m_bed); }

    void manifestBytesEqualSkopeoRaw_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::newRow("docker schema 2") << QStringLiteral("demo/webapp:1.10.0");
        QTest::newRow("oci manifest") << QStringLiteral("tools/cli:v0.2.0");
        QTest::newRow("oci index") << QStringLiteral("demo/debian-base:latest");
        QTest::newRow("docker schema 2, older") << QStringLiteral("demo/debian-base:12.0");
    }

    void manifestBytesEqualSkopeoRaw()
    {
        QFETCH(QString, reference);
        const auto skopeo = test::runTool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
                                                            QStringLiteral("docker://") + ref(reference)});
        QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
        const auto berth = berthctl({QStringLiteral("manifest"), ref(reference)});
        QVERIFY2(berth.exitCode == 0, berth.err.constData());
        QCOMPARE(berth.out, skopeo.out);
        // By digest too: the same bytes, checked against the digest they are asked by.
        const QString digest = QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(skopeo.out, QCryptographicHash::Sha256).toHex());
        const auto byDigest = berthctl({QStringLiteral("manifest"), ref(reference.section(QLatin1Char(':'), 0, 0)) + QLatin1Char('@') + digest});
        QVERIFY2(byDigest.exitCode == 0, byDigest.err.constData());
        QCOMPARE(byDigest.out, skopeo.out);
    }

    void inspectAgreesWithSkopeo_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("platform");
        QTest::newRow("image") << QStringLiteral("demo/webapp:1.9.0") << QString();
        QTest::newRow("index, default platform") << QStringLiteral("demo/debian-base:13.0") << QString();
        QTest::newRow("index, arm64") << QStringLiteral("demo/debian-base:13.1") << QStringLiteral("linux/arm64/v8");
        QTest::newRow("oci image") << QStringLiteral("ops/backup:nightly-20261103") << QString();
    }

    void inspectAgreesWithSkopeo()
    {
        QFETCH(QString, reference);
        QFETCH(QString, platform);
        QStringList skopeoArgs{QStringLiteral("inspect"), QStringLiteral("--tls-verify=false")};
        QStringList berthArgs{QStringLiteral("inspect"), ref(reference), QStringLiteral("--json")};
        if (!platform.isEmpty()) {
            const QStringList parts = platform.split(QLatin1Char('/'));
            skopeoArgs << QStringLiteral("--override-os") << parts[0] << QStringLiteral("--override-arch") << parts[1]
                       << QStringLiteral("--override-variant") << parts[2];
            berthArgs << QStringLiteral("--platform") << platform;
        } else {
            skopeoArgs << QStringLiteral("--override-arch") << QStringLiteral("amd64");
        }
        const auto skopeo = test::runTool(QStringLiteral("skopeo"), skopeoArgs << QStringLiteral("docker://") + ref(reference));
        QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
        const QJsonObject expected = QJsonDocument::fromJson(skopeo.out).object();
        const auto berth = berthctl(berthArgs);
        QVERIFY2(berth.exitCode == 0, berth.err.constData());
        const QJsonObject actual = QJsonDocument::fromJson(berth.out).object();

        QCOMPARE(actual[QStringLiteral("digest")].toString(), expected[QStringLiteral("Digest")].toString());
        QCOMPARE(QDateTime::fromString(actual[QStringLiteral("created")].toString(), Qt::ISODate),
                 QDateTime::fromString(expected[QStringLiteral("Created")].toString(), Qt::ISODate));
        QCOMPARE(actual[QStringLiteral("architecture")].toString(), expected[QStringLiteral("Architecture")].toString());
        QStringList layers;
        for (const auto& layer : actual[QStringLiteral("layers")].toArray())
            layers << layer.toObject()[QStringLiteral("digest")].toString();
        QStringList skopeoLayers;
        for (const auto& layer : expected[QStringLiteral("Layers")].toArray())
            skopeoLayers << layer.toString();
        QCOMPARE(layers, skopeoLayers);
        QStringList env;
        for (const auto& e : actual[QStringLiteral("config")].toObject()[QStringLiteral("env")].toArray())
            env << e.toString();
        QStringList skopeoEnv;
        for (const auto& e : expected[QStringLiteral("Env")].toArray())
            skopeoEnv << e.toString();
        QCOMPARE(env, skopeoEnv);
    }

    void anUnknownPlatformListsTheOffered()
    {
        const auto run = berthctl({QStringLiteral("inspect"), ref(QStringLiteral("demo/debian-base:latest")), QStringLiteral("--platform"), QStringLiteral("linux/s390x")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("linux/amd64") && run.err.contains("linux/arm64/v8"), run.err.constData());
    }

    void orasArtifactsAndReferrers()
    {
        QTemporaryDir work;
        QFile sbom(work.filePath(QStringLiteral("sbom.spdx.json")));
        QVERIFY(sbom.open(QIODevice::WriteOnly));
        sbom.write("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"demo\"}\n");
        sbom.close();
        const QString subject = ref(QStringLiteral("interop/subject:1.0"));
        const auto attached = test::runTool(QStringLiteral("oras"),
                                   {QStringLiteral("attach"), QStringLiteral("--plain-http"), QStringLiteral("--artifact-type"),
                                    QStringLiteral("application/spdx+json"), subject, QStringLiteral("sbom.spdx.json:application/spdx+json")},
                                   work.path());
        QVERIFY2(attached.exitCode == 0, attached.err.constData());

        // docker-registry 2.8.3 has no referrers API: oras wrote the sha256-<hex> tag, Berth reads it.
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        RegistryClient client(*RegistryEndpoint::fromString(m_bed.anonymous), &http, &tokens, &none);
        auto manifest = test::waitFor<Manifest>([&](auto done) { client.fetchManifest(QStringLiteral("interop/subject"), QStringLiteral("1.0"), nullptr, done); });
        QVERIFY(manifest && manifest->has_value());
        auto referrers = test::waitFor<QList<Descriptor>>([&](auto done) {
            client.listReferrers(QStringLiteral("interop/subject"), manifest->value().digest, {}, nullptr, done);
        });
        QVERIFY(referrers && referrers->has_value());
        QCOMPARE(referrers->value().size(), 1);
        QCOMPARE(referrers->value().first().artifactType, QStringLiteral("application/spdx+json"));
        auto filtered = test::waitFor<QList<Descriptor>>([&](auto done) {
            client.listReferrers(QStringLiteral("interop/subject"), manifest->value().digest, QStringLiteral("application/vnd.other"), nullptr, done);
        });
        QVERIFY(filtered && filtered->has_value() && filtered->value().isEmpty());

        // The referring artifact reads back byte for byte as oras fetches it.
        const QString artifact = ref(QStringLiteral("interop/subject@")) + referrers->value().first().digest;
        const auto orasManifest = test::runTool(QStringLiteral("oras"), {QStringLiteral("manifest"), QStringLiteral("fetch"), QStringLiteral("--plain-http"), artifact});
        QVERIFY2(orasManifest.exitCode == 0, orasManifest.err.constData());
        const auto berth = berthctl({QStringLiteral("manifest"), artifact});
        QCOMPARE(berth.out, orasManifest.out);
        // An image with nothing attached has no referrers.
        auto nothing = test::waitFor<Manifest>([&](auto done) { client.fetchManifest(QStringLiteral("tools/cli"), QStringLiteral("v0.1.0"), nullptr, done); });
        auto none2 = test::waitFor<QList<Descriptor>>([&](auto done) {
            client.listReferrers(QStringLiteral("tools/cli"), nothing->value().digest, {}, nullptr, done);
        });
        QVERIFY(none2 && none2->has_value() && none2->value().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestImageInterop)
#include "tst_image_interop.moc"
