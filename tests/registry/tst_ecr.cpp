// The ECR API: SigV4-signed JSON 1.1 calls, against a stand-in built from ECR's service-2.json.
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/providers/EcrApi.h"
#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace berth;
using test::waitFor;

class TestEcr : public QObject
{
    Q_OBJECT
    QJsonObject m_ecr;

    // AWS settings as a user sets them for the ECR stand-in: keys and AWS_ENDPOINT_URL_ECR.
    QProcessEnvironment standInEnvironment(const QString& secret) const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent"));
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_ecr.value(QStringLiteral("access_key")).toString());
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_ECR"), m_ecr.value(QStringLiteral("endpoint")).toString());
        return env;
    }
    EcrRegistry standInRegistry() const
    {
        return EcrRegistry{m_ecr.value(QStringLiteral("account")).toString(), m_ecr.value(QStringLiteral("region")).toString(), false,
                           QStringLiteral("amazonaws.com")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::TestBed bed;
        BERTH_LOAD_BED(bed);
        QFile file(bed.stateDir + QStringLiteral("/bed.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_ecr = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("ecr")).toObject();
        QVERIFY(!m_ecr.isEmpty());
    }

    void registryHosts()
    {
        const auto ecr = EcrRegistry::fromHost(QStringLiteral("123456789012.dkr.ecr.eu-west-1.amazonaws.com"));
        QVERIFY(ecr);
        QCOMPARE(ecr->accountId, QStringLiteral("123456789012"));
        QCOMPARE(ecr->region, QStringLiteral("eu-west-1"));
        QVERIFY(!EcrRegistry::fromHost(QStringLiteral("ghcr.io")));
        QVERIFY(!EcrRegistry::fromHost(QStringLiteral("12345.dkr.ecr.eu-west-1.amazonaws.com.evil.example")));
    }

    void credentialsFromTheAwsFiles()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("credentials")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n\n[ci]\naws_access_key_id=AKIDCI\naws_secret_access_key=s2\naws_session_token=t2\n");
        file.close();
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), file.fileName());
        auto resolve = [](const QProcessEnvironment& e) {
            AwsCredentialResolver resolver(e);
            return waitFor<AwsCredentials>([&](auto done) { resolver.resolve(nullptr, done); });
        };
        auto fromDefault = resolve(env);
        QVERIFY(fromDefault && fromDefault->has_value());
        QCOMPARE(fromDefault->value().accessKeyId, QStringLiteral("AKIDDEFAULT"));
        QVERIFY(fromDefault->value().source.contains(file.fileName())); // where, never the secret
        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("ci"));
        auto ci = resolve(env);
        QCOMPARE(ci->value().sessionToken, QStringLiteral("t2"));
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("s3"));
        QCOMPARE(resolve(env)->value().accessKeyId, QStringLiteral("AKIDENV")); // the environment wins
    }

    void scanFindingsAcrossPages()
    {
        HttpClient http;
        AwsCredentialResolver aws(standInEnvironment(m_ecr.value(QStringLiteral("secret_key")).toString()));
        EcrApi api(&http, standInRegistry(), &aws);
        auto report = waitFor<VulnerabilityReport>([&](auto done) {
            api.scanFindings(m_ecr.value(QStringLiteral("repository")).toString(),
                             m_ecr.value(QStringLiteral("digest")).toString(), nullptr, done);
        });
        QVERIFY2(report && report->has_value(), report && !report->has_value() ? qPrintable(report->error().message) : "timed out");
        const int harborFindings = int(QJsonDocument::fromJson(test::readFixture(QStringLiteral("harbor/vulnerability-report-v1.1.scanner-spec-readme.json")))
                                           .object().value(QStringLiteral("vulnerabilities")).toArray().size());
        QCOMPARE(report->value().items.size(), harborFindings + 1); // both pages
        QCOMPARE(report->value().items.last().severity, Severity::Negligible);
        QCOMPARE(report->value().source, QStringLiteral("ecr"));
    }

    // ECR's DescribeImages reports imagePushedAt: retention counts from it, across every page.
    void imagesAcrossPages()
    {
        HttpClient http;
        AwsCredentialResolver aws(standInEnvironment(m_ecr.value(QStringLiteral("secret_key")).toString()));
        EcrApi api(&http, standInRegistry(), &aws);
        auto images = waitFor<QList<EcrImage>>([&](auto done) { api.images(m_ecr.value(QStringLiteral("repository")).toString(), nullptr, done); });
        QVERIFY2(images && images->has_value(), images && !images->has_value() ? qPrintable(images->error().message) : "timed out");
        QCOMPARE(images->value().size(), 2501); // the stand-in's whole repository, three pages of up to 1000, with its referrer
        const QString digest = m_ecr.value(QStringLiteral("digest")).toString();
        const auto first = std::find_if(images->value().begin(), images->value().end(), [&](const EcrImage& i) { return i.digest == digest; });
        QVERIFY(first != images->value().end());
        QCOMPARE(first->pushed, QDateTime(QDate(2026, 1, 1), QTime(0, 0, 0, 500), QTimeZone::UTC));

        auto missing = waitFor<QList<EcrImage>>([&](auto done) { api.images(QStringLiteral("no/such"), nullptr, done); });
        QVERIFY(missing && !missing->has_value());
        QCOMPARE(missing->error().kind, ErrorKind::NotFound);
    }

    void theEcrFamilyAnswersThroughTheProviderInterface()
    {
        // A registry named as ECR names it gets ECR's provider: push times and scans from ECR's API.
        qputenv("AWS_ENDPOINT_URL_ECR", m_ecr.value(QStringLiteral("endpoint")).toString().toUtf8());
        qputenv("AWS_ACCESS_KEY_ID", m_ecr.value(QStringLiteral("access_key")).toString().toUtf8());
        qputenv("AWS_SECRET_ACCESS_KEY", m_ecr.value(QStringLiteral("secret_key")).toString().toUtf8());
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials anonymous(std::nullopt);
        const QString host = QStringLiteral("%1.dkr.ecr.%2.amazonaws.com").arg(m_ecr.value(QStringLiteral("account")).toString(),
                                                                               m_ecr.value(QStringLiteral("region")).toString());
        RegistryClient client(*RegistryEndpoint::fromString(host), &http, &tokens, &anonymous);
        std::unique_ptr<Provider> provider(createProvider(&client, nullptr));
        QCOMPARE(provider->kind(), ProviderKind::Ecr);
        QVERIFY(provider->capabilities().pushTimes);
        const QString repository = m_ecr.value(QStringLiteral("repository")).toString();
        const QString digest = m_ecr.value(QStringLiteral("digest")).toString();
        auto times = waitFor<PushTimes>([&](auto done) { provider->pushTimes(repository, nullptr, done); });
        QVERIFY(times && times->has_value());
        QCOMPARE(times->value().size(), 2500);
        auto report = waitFor<std::optional<VulnerabilityReport>>([&](auto done) { provider->scanReport(repository, digest, nullptr, done); });
        QVERIFY2(report && report->has_value(), report && !report->has_value() ? qPrintable(report->error().message) : "timed out");
        QVERIFY(report->value().has_value());
        QVERIFY(!report->value()->items.isEmpty());
        // Without AWS credentials the provider says what is missing instead of failing obscurely.
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        qputenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        std::unique_ptr<Provider> withoutAws(createProvider(&client, nullptr));
        auto none = waitFor<PushTimes>([&](auto done) { withoutAws->pushTimes(repository, nullptr, done); });
        QVERIFY(none && !none->has_value());
        QCOMPARE(none->error().kind, ErrorKind::Auth);
        QVERIFY(none->error().message.contains(QStringLiteral("AWS credentials")));
        qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
        qunsetenv("AWS_ENDPOINT_URL_ECR");
    }

    void aWrongSecretIsAnAuthError()
    {
        HttpClient http;
        AwsCredentialResolver wrongAws(standInEnvironment(QStringLiteral("wrong")));
        EcrApi api(&http, standInRegistry(), &wrongAws);
        auto report = waitFor<VulnerabilityReport>([&](auto done) {
            api.scanFindings(m_ecr.value(QStringLiteral("repository")).toString(), m_ecr.value(QStringLiteral("digest")).toString(), nullptr, done);
        });
        QVERIFY(report && !report->has_value());
        QCOMPARE(report->error().kind, ErrorKind::Auth);
        QCOMPARE(report->error().registryCode, QStringLiteral("InvalidSignatureException"));

        AwsCredentialResolver goodAws(standInEnvironment(m_ecr.value(QStringLiteral("secret_key")).toString()));
        EcrApi good(&http, standInRegistry(), &goodAws);
        auto missing = waitFor<VulnerabilityReport>([&](auto done) {
            good.scanFindings(QStringLiteral("no/such"), m_ecr.value(QStringLiteral("digest")).toString(), nullptr, done);
        });
        QVERIFY(missing && !missing->has_value());
        QCOMPARE(missing->error().kind, ErrorKind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestEcr)
#include "tst_ecr.moc"
