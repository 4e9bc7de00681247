// Harbor's scans through its REST API, against a stand-in built from Harbor's swagger.yaml.
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/providers/HarborApi.h"
#include "core/registry/Digest.h"
#include "core/registry/RegistryClient.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::waitFor;

class TestHarbor : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QString m_harbor;

    struct Stack
    {
        HttpClient http;
        TokenService tokens{&http};
        StaticCredentials credentials;
        RegistryClient client;
        HarborApi api{&client};
        Stack(const QString& address, std::optional<Credentials> creds)
            : credentials(std::move(creds))
            , client(*RegistryEndpoint::fromString(address), &http, &tokens, &credentials)
        {
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        QFile file(m_bed.stateDir + QStringLiteral("/bed.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_harbor = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("harbor")).toString();
        QVERIFY(!m_harbor.isEmpty());
    }

    void repositoryNamesAreEncodedTwice()
    {
        QCOMPARE(HarborApi::artifactPath(QStringLiteral("team/sub/app"), QStringLiteral("sha256:ab")),
                 QStringLiteral("/api/v2.0/projects/team/repositories/sub%252Fapp/artifacts/sha256%3Aab"));
    }

    void recognisesAHarbor()
    {
        Stack harbor(m_harbor, std::nullopt);
        std::optional<bool> isHarbor;
        harbor.api.probe(nullptr, [&](bool h) { isHarbor = h; });
        QTRY_VERIFY(isHarbor.has_value());
        QVERIFY(*isHarbor);
        Stack plain(m_bed.anonymous, std::nullopt);
        std::optional<bool> plainIsHarbor;
        plain.api.probe(nullptr, [&](bool h) { plainIsHarbor = h; });
        QTRY_VERIFY(plainIsHarbor.has_value());
        QVERIFY(!*plainIsHarbor);
    }

    void readsHarborsScan()
    {
        Stack s(m_harbor, Credentials{m_bed.username, m_bed.password, false, {}});
        auto report = waitFor<VulnerabilityReport>([&](auto done) {
            s.api.vulnerabilities(QStringLiteral("demo/webapp"), QStringLiteral("latest"), nullptr, done);
        });
        QVERIFY2(report && report->has_value(), report && !report->has_value() ? qPrintable(report->error().message) : "timed out");
        const QJsonArray expected = QJsonDocument::fromJson(test::readFixture(QStringLiteral("harbor/vulnerability-report-v1.1.scanner-spec-readme.json")))
                                        .object().value(QStringLiteral("vulnerabilities")).toArray();
        QCOMPARE(report->value().items.size(), expected.size());
        QCOMPARE(report->value().source, QStringLiteral("harbor"));
        auto overview = waitFor<ScanOverview>([&](auto done) { s.api.scanOverview(QStringLiteral("demo/webapp"), QStringLiteral("latest"), nullptr, done); });
        QVERIFY(overview && overview->has_value());
        QCOMPARE(overview->value().total, 5);
        QCOMPARE(overview->value().counts.value(Severity::High), 4);

        Stack anonymous(m_harbor, std::nullopt);
        auto denied = waitFor<VulnerabilityReport>([&](auto done) {
            anonymous.api.vulnerabilities(QStringLiteral("demo/webapp"), QStringLiteral("latest"), nullptr, done);
        });
        QVERIFY(denied && !denied->has_value());
        QCOMPARE(denied->error().kind, ErrorKind::Auth);
    }

    // Harbor records when each artifact was pushed; a retention plan counts from that, not from the
    // build date, and says so.
    void retentionCountsFromHarborsPushTime()
    {
        Stack s(m_harbor, Credentials{m_bed.username, m_bed.password, false, {}});
        const QString repository = QStringLiteral("harborproject/pushtimes"); // its own namespace: other tests count demo/*
        const QByteArray config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2020-01-01T00:00:00Z\","
                                  "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        auto configDigest = waitFor<QString>([&](auto done) { s.client.uploadBlob(repository, config, nullptr, done); });
        QVERIFY2(configDigest && configDigest->has_value(), configDigest && !configDigest->has_value() ? qPrintable(configDigest->error().message) : "timed out");
        const QByteArray manifest = QStringLiteral("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                                                   "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"%1\",\"size\":%2},"
                                                   "\"layers\":[]}")
                                        .arg(configDigest->value())
                                        .arg(config.size())
                                        .toUtf8();
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        auto digest = waitFor<QString>([&](auto done) {
            s.client.putManifest(repository, QStringLiteral("built-2020"), manifest, QStringLiteral("application/vnd.oci.image.manifest.v1+json"), nullptr, done);
        });
        QVERIFY2(digest && digest->has_value(), digest && !digest->has_value() ? qPrintable(digest->error().message) : "timed out");

        auto times = waitFor<QHash<QString, QDateTime>>([&](auto done) { s.api.pushTimes(repository, nullptr, done); });
        QVERIFY2(times && times->has_value(), times && !times->has_value() ? qPrintable(times->error().message) : "timed out");
        QVERIFY(times->value().contains(digest->value()));
        QVERIFY(times->value().value(digest->value()) >= before);
        QVERIFY(times->value().value(digest->value()) <= QDateTime::currentDateTimeUtc());

        // A month-old rule: by the 2020 build date the image goes; by Harbor's push time it stays.
        QTemporaryDir home;
        const auto env = test::isolatedEnvironment(home.path());
        test::writeDockerLogin(env, m_harbor, m_bed.username, m_bed.password);
        QFile policy(home.filePath(QStringLiteral("policy.json")));
        QVERIFY(policy.open(QIODevice::WriteOnly));
        policy.write("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\","
                     "\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}");
        policy.close();
        auto planEntry = [&](const QString& registry) {
            const auto run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), registry + QLatin1Char('/') + repository,
                                                QStringLiteral("--policy"), policy.fileName(), QStringLiteral("--json")}, env);
            if (run.exitCode != 0)
                qWarning("%s", run.err.constData());
            return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray().first().toObject();
        };
        const QJsonObject viaHarbor = planEntry(m_harbor);
        QCOMPARE(viaHarbor.value(QStringLiteral("pushedSource")).toString(), QStringLiteral("registry"));
        QCOMPARE(viaHarbor.value(QStringLiteral("action")).toString(), QStringLiteral("keep"));
        const QJsonObject viaDistribution = planEntry(m_bed.anonymous); // the same storage, no push times
        QCOMPARE(viaDistribution.value(QStringLiteral("pushedSource")).toString(), QStringLiteral("created"));
        QCOMPARE(viaDistribution.value(QStringLiteral("action")).toString(), QStringLiteral("delete"));

        // Harbor also lists manifests no tag names: an untagged rule plans them, and applying deletes them.
        const QByteArray otherConfig = "{\"architecture\":\"arm64\",\"os\":\"linux\",\"created\":\"2019-01-01T00:00:00Z\","
                                       "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        auto otherDigest = waitFor<QString>([&](auto done) { s.client.uploadBlob(repository, otherConfig, nullptr, done); });
        QVERIFY(otherDigest && otherDigest->has_value());
        const QByteArray untaggedManifest = QString::fromUtf8(manifest).replace(configDigest->value(), otherDigest->value())
                                                .replace(QStringLiteral("\"size\":%1").arg(config.size()), QStringLiteral("\"size\":%1").arg(otherConfig.size()))
                                                .toUtf8();
        const QString untagged = sha256Digest(untaggedManifest);
        auto put = waitFor<QString>([&](auto done) {
            s.client.putManifest(repository, untagged, untaggedManifest, QStringLiteral("application/vnd.oci.image.manifest.v1+json"), nullptr, done);
        });
        QVERIFY2(put && put->has_value(), put && !put->has_value() ? qPrintable(put->error().message) : "timed out");
        QFile cleanup(home.filePath(QStringLiteral("untagged.json")));
        QVERIFY(cleanup.open(QIODevice::WriteOnly));
        cleanup.write("[{\"name\":\"untagged\",\"action\":{\"type\":\"Delete\"},\"condition\":{\"tagState\":\"UNTAGGED\"}}]");
        cleanup.close();
        auto plan = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), m_harbor + QLatin1Char('/') + repository,
                                       QStringLiteral("--policy"), cleanup.fileName(), QStringLiteral("--json")}, env);
        QVERIFY2(plan.exitCode == 0, plan.err.constData());
        QStringList deleting;
        for (const QJsonValue& e : QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("entries")).toArray()) {
            if (e.toObject().value(QStringLiteral("action")).toString() == u"delete")
                deleting << e.toObject().value(QStringLiteral("digest")).toString();
        }
        QCOMPARE(deleting, QStringList{untagged});
        auto apply = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), m_harbor + QLatin1Char('/') + repository,
                                        QStringLiteral("--policy"), cleanup.fileName(), QStringLiteral("--yes")}, env);
        QVERIFY2(apply.exitCode == 0, apply.err.constData());
        auto gone = waitFor<ManifestHead>([&](auto done) { s.client.headManifest(repository, untagged, nullptr, done); });
        QVERIFY(gone && !gone->has_value());
        QCOMPARE(gone->error().kind, ErrorKind::NotFound);
        auto stays = waitFor<ManifestHead>([&](auto done) { s.client.headManifest(repository, QStringLiteral("built-2020"), nullptr, done); });
        QVERIFY(stays && stays->has_value());
    }

    void berthctlScanUsesHarbor()
    {
        QTemporaryDir home;
        const auto env = test::isolatedEnvironment(home.path());
        test::writeDockerLogin(env, m_harbor, m_bed.username, m_bed.password);
        const auto run = test::runBerthctl({QStringLiteral("scan"), m_harbor + QStringLiteral("/demo/webapp:1.0.0"), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray reports = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("reports")).toArray();
        QCOMPARE(reports.size(), 1);
        QCOMPARE(reports.first().toObject().value(QStringLiteral("source")).toString(), QStringLiteral("harbor"));
        QCOMPARE(test::runBerthctl({QStringLiteral("scan"), m_harbor + QStringLiteral("/demo/webapp:1.0.0"), QStringLiteral("--fail-on"), QStringLiteral("high")}, env).exitCode, 5);
    }
};

QTEST_GUILESS_MAIN(TestHarbor)
#include "tst_harbor.moc"
