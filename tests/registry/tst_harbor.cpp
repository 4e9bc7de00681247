// Harbor's scans through its REST API, against a stand-in built from Harbor's swagger.yaml.
#include "HarborApi.h"
#include "HttpClient.h"
#include "RegistryClient.h"
#include "TestSupport.h"
#include "TokenService.h"

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
