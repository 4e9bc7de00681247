// The ECR API: SigV4-signed JSON 1.1 calls, against a stand-in built from ECR's service-2.json.
#include "core/auth/SigV4.h"
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/providers/EcrApi.h"
#include "core/providers/EcrCredentials.h"
#include "core/registry/Manifest.h"
#include "core/retention/RegistryPreviewComparison.h"
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

// Hands out a login the registry no longer takes, once, as an ECR token past its 12 hours would
// be; then says a renewal may help, so that the next provider in the chain (ECR's) is asked.
class ExpiredOnceLogin final : public CredentialProvider
{
public:
    int handedOut = 0;
    void lookup(const QString&, QObject*, Callback callback) override
    {
        if (handedOut++ == 0)
            callback(Credentials{QStringLiteral("AWS"), QStringLiteral("expired-token"), false, QStringLiteral("test")});
        else
            callback(std::nullopt);
    }
    bool renewAfterRejection(const QString&) override { return true; }
};

class TestEcr : public QObject
{
    Q_OBJECT
    QJsonObject m_ecr;
    QJsonObject m_moto; // moto_server's ECR API and the bed's registry under the ECR host name
    QString m_caFile;
    QTemporaryDir m_home;

    // berthctl's environment for the moto ECR: AWS keys (moto takes any), its API through
    // AWS_ENDPOINT_URL_ECR, the registry through --connect-to, no docker login.
    QProcessEnvironment motoEnvironment() const
    {
        QProcessEnvironment env = test::isolatedEnvironment(m_home.path());
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDBERTHMOTO"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("moto-takes-any"));
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_ECR"), m_moto.value(QStringLiteral("api")).toString());
        env.insert(QStringLiteral("BERTH_CONNECT_TO"), m_moto.value(QStringLiteral("connect_to")).toString());
        return env;
    }
    test::ProcessResult ctl(const QStringList& args, const QProcessEnvironment& env) const
    {
        return test::runBerthctl(QStringList{QStringLiteral("--ca-file"), m_caFile} + args, env);
    }
    QString motoRef(const QString& rest) const { return m_moto.value(QStringLiteral("host")).toString() + QLatin1Char('/') + rest; }
    QString seededDigest(const QString& repo, const QString& tag) const
    {
        return m_moto.value(QStringLiteral("tags")).toObject().value(repo).toObject().value(tag).toString();
    }
    // What moto's DescribeImages says, read with boto3 (not Berth): tag -> [digest, pushed epoch].
    QJsonObject motoImages(const QString& repo) const
    {
        const QString script = QStringLiteral(
            "import boto3, json, sys\n"
            "c = boto3.client('ecr', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='a', aws_secret_access_key='b')\n"
            "out = {}\n"
            "for i in c.describe_images(repositoryName=sys.argv[2])['imageDetails']:\n"
            "    for t in i.get('imageTags', []): out[t] = [i['imageDigest'], i['imagePushedAt'].timestamp()]\n"
            "print(json.dumps(out))\n");
        const auto result = test::runTool(QStringLiteral("python3"), {QStringLiteral("-c"), script, m_moto.value(QStringLiteral("api")).toString(), repo});
        return QJsonDocument::fromJson(result.out).object();
    }

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
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        m_ecr = json.value(QStringLiteral("ecr")).toObject();
        m_moto = json.value(QStringLiteral("ecr_moto")).toObject();
        m_caFile = json.value(QStringLiteral("ca_file")).toString();
        QVERIFY(!m_ecr.isEmpty());
        QVERIFY(!m_moto.isEmpty());
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

    // The stand-in checks a signature as AWS does, so that the tests above prove Berth signs right:
    // a request signed for another region or service, a stale one, or one without Host signed, is
    // refused with AWS's reason; the same request signed right is answered.
    void theStandInRefusesWhatAwsRefuses()
    {
        const QUrl endpoint(m_ecr.value(QStringLiteral("endpoint")).toString());
        const QByteArray host = endpoint.host().toUtf8() + ':' + QByteArray::number(endpoint.port());
        const QByteArray body = R"({"repositoryName":"team/app","maxResults":1})";
        auto send = [&](const QString& region, const QString& service, const QDateTime& when, bool signHost) {
            const QByteArray date = when.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
            SigV4Request request{"POST", "/", {}, {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Date", date},
                                                   {"X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeImages"}}, body};
            if (signHost)
                request.headers.prepend({"Host", host});
            const SigV4Key key{m_ecr.value(QStringLiteral("access_key")).toString(), m_ecr.value(QStringLiteral("secret_key")).toString(), region, service, {}};
            QStringList args{QStringLiteral("-s"), QStringLiteral("-w"), QStringLiteral("\n%{http_code}"), QStringLiteral("-X"), QStringLiteral("POST"),
                             QStringLiteral("--data-binary"), QString::fromUtf8(body), endpoint.toString() + QLatin1Char('/'),
                             QStringLiteral("-H"), QStringLiteral("Authorization: ") + QString::fromLatin1(signSigV4(request, key).authorization)};
            for (const auto& [name, value] : std::as_const(request.headers)) {
                if (name != "Host")
                    args << QStringLiteral("-H") << QString::fromLatin1(name + ": " + value);
            }
            return QString::fromUtf8(test::runTool(QStringLiteral("curl"), args).out);
        };
        const QString region = m_ecr.value(QStringLiteral("region")).toString();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY2(send(region, QStringLiteral("ecr"), now, true).endsWith(QStringLiteral("\n200")), "a right signature must be answered");
        const QString otherRegion = send(QStringLiteral("eu-west-1"), QStringLiteral("ecr"), now, true);
        QVERIFY2(otherRegion.endsWith(QStringLiteral("\n403")) && otherRegion.contains(QStringLiteral("valid region")), qPrintable(otherRegion));
        const QString otherService = send(region, QStringLiteral("s3"), now, true);
        QVERIFY2(otherService.endsWith(QStringLiteral("\n403")) && otherService.contains(QStringLiteral("correct service")), qPrintable(otherService));
        const QString stale = send(region, QStringLiteral("ecr"), now.addSecs(-3600), true);
        QVERIFY2(stale.endsWith(QStringLiteral("\n403")) && stale.contains(QStringLiteral("Signature expired")), qPrintable(stale));
        const QString hostUnsigned = send(region, QStringLiteral("ecr"), now, false);
        QVERIFY2(hostUnsigned.endsWith(QStringLiteral("\n403")) && hostUnsigned.contains(QStringLiteral("'Host'")), qPrintable(hostUnsigned));
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

    void motoRepositoriesAndTagsWithoutAnyLogin();
    void lifecyclePreviewAgreesWithBerthsPlan();
    void differencesNameTheImageAndBothReasons();
    void motoWithoutAwsCredentialsSaysWhatToSet();
    void anExpiredRegistryLoginIsRenewedMidRun();
    void motoLifecyclePolicyIsWrittenReadAndPlanned();
    void motoDeletesATagAloneThenAnImageWithItsTags();

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

// ---- against moto_server: ECR's API as an implementation this team did not write ----

void TestEcr::motoRepositoriesAndTagsWithoutAnyLogin()
{
    const auto env = motoEnvironment();
    const auto all = ctl({QStringLiteral("repos"), m_moto.value(QStringLiteral("host")).toString()}, env);
    QVERIFY2(all.exitCode == 0, all.err.constData());
    QCOMPARE(test::sorted(QString::fromUtf8(all.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)),
             (QStringList{QStringLiteral("base/alpine"), QStringLiteral("team/app"), QStringLiteral("team/tools")}));
    const auto team = ctl({QStringLiteral("repos"), motoRef(QStringLiteral("team"))}, env);
    QCOMPARE(test::sorted(QString::fromUtf8(team.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)),
             (QStringList{QStringLiteral("team/app"), QStringLiteral("team/tools")}));

    // Tags, digests and push times as moto's DescribeImages reports them.
    const auto tags = ctl({QStringLiteral("--json"), QStringLiteral("tags"), motoRef(QStringLiteral("team/tools"))}, env);
    QVERIFY2(tags.exitCode == 0, tags.err.constData());
    const QJsonArray details = QJsonDocument::fromJson(tags.out).object().value(QStringLiteral("details")).toArray();
    const QJsonObject truth = motoImages(QStringLiteral("team/tools"));
    QCOMPARE(details.size(), truth.size());
    for (const QJsonValue& value : details) {
        const QJsonObject tag = value.toObject();
        const QJsonArray want = truth.value(tag.value(QStringLiteral("tag")).toString()).toArray();
        QCOMPARE(tag.value(QStringLiteral("digest")).toString(), want.at(0).toString());
        QCOMPARE(QDateTime::fromString(tag.value(QStringLiteral("pushed")).toString(), Qt::ISODateWithMs).toSecsSinceEpoch(), qint64(want.at(1).toDouble()));
        QCOMPARE(tag.value(QStringLiteral("dateSource")).toString(), QStringLiteral("ecr-api"));
    }
    // The registry itself, logged into with GetAuthorizationToken's token: no password asked.
    const auto inspect = ctl({QStringLiteral("--json"), QStringLiteral("manifest"), motoRef(QStringLiteral("team/tools:1.0"))}, env);
    QVERIFY2(inspect.exitCode == 0, inspect.err.constData());
    QVERIFY(inspect.err.isEmpty() || !inspect.err.contains("password"));
    // ECR's own scanner started on an image (moto's StartImageScan). On base/alpine, which nothing
    // else here describes: moto 5.1.1 then fails DescribeImages on that repository with a 500 (its
    // scan summary holds a datetime it cannot serialise).
    const auto scan = ctl({QStringLiteral("--json"), QStringLiteral("scan"), motoRef(QStringLiteral("base/alpine:3.20")), QStringLiteral("--start")}, env);
    QVERIFY2(scan.exitCode == 0, scan.err.constData());
    QVERIFY(!QJsonDocument::fromJson(scan.out).object().value(QStringLiteral("status")).toString().isEmpty());
    // login asks nothing and says which ambient credentials it used.
    const auto login = ctl({QStringLiteral("login"), m_moto.value(QStringLiteral("host")).toString()}, env);
    QVERIFY2(login.exitCode == 0, login.err.constData());
    QVERIFY2(login.err.contains("GetAuthorizationToken with AWS credentials from the environment"), login.err.constData());
}

void TestEcr::motoWithoutAwsCredentialsSaysWhatToSet()
{
    QProcessEnvironment env = motoEnvironment();
    env.remove(QStringLiteral("AWS_ACCESS_KEY_ID"));
    env.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    const auto repos = ctl({QStringLiteral("repos"), m_moto.value(QStringLiteral("host")).toString()}, env);
    QCOMPARE(repos.exitCode == 0, false);
    QVERIFY2(repos.err.contains("AWS_ACCESS_KEY_ID"), repos.err.constData());
    const auto login = ctl({QStringLiteral("login"), m_moto.value(QStringLiteral("host")).toString()}, env);
    QVERIFY(login.exitCode != 0);
    QVERIFY2(login.err.contains("AWS_ACCESS_KEY_ID"), login.err.constData());
}

void TestEcr::anExpiredRegistryLoginIsRenewedMidRun()
{
    // A token the registry refuses: the client asks again, gets ECR's fresh token, nothing fails.
    qputenv("AWS_ACCESS_KEY_ID", "AKIDBERTHMOTO");
    qputenv("AWS_SECRET_ACCESS_KEY", "moto-takes-any");
    qputenv("AWS_ENDPOINT_URL_ECR", m_moto.value(QStringLiteral("api")).toString().toUtf8());
    HttpClient http;
    QVERIFY(http.setConnectTo({m_moto.value(QStringLiteral("connect_to")).toString()}));
    TokenService tokens(&http);
    ExpiredOnceLogin expired;
    EcrCredentials ecr(&http);
    CredentialChain chain;
    chain.append(&expired);
    chain.append(&ecr);
    auto endpoint = *RegistryEndpoint::fromString(m_moto.value(QStringLiteral("host")).toString());
    endpoint.tls.caFile = m_caFile;
    RegistryClient client(endpoint, &http, &tokens, &chain);
    auto manifest = waitFor<Manifest>([&](auto done) { client.fetchManifest(QStringLiteral("team/app"), QStringLiteral("v1"), nullptr, done); });
    QVERIFY2(manifest && manifest->has_value(), manifest && !manifest->has_value() ? qPrintable(manifest->error().message) : "timed out");
    QCOMPARE(manifest->value().digest, seededDigest(QStringLiteral("team/app"), QStringLiteral("v1")));
    QCOMPARE(expired.handedOut, 2); // the stale login was used once, then ECR's
    qunsetenv("AWS_ACCESS_KEY_ID");
    qunsetenv("AWS_SECRET_ACCESS_KEY");
    qunsetenv("AWS_ENDPOINT_URL_ECR");
}

void TestEcr::motoLifecyclePolicyIsWrittenReadAndPlanned()
{
    const auto env = motoEnvironment();
    const QString repo = motoRef(QStringLiteral("team/app"));
    const auto none = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("show"), repo}, env);
    QVERIFY2(none.exitCode == 0, none.err.constData());
    QVERIFY(QJsonDocument::fromJson(none.out).object().value(QStringLiteral("policy")).isNull());

    // Keep the newest image: v1 (pushed first) goes in Berth's plan of the policy ECR stores.
    const QByteArray policy = R"({"rules":[{"rulePriority":1,"description":"keep one","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]})";
    QFile file(m_home.filePath(QStringLiteral("policy.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(policy);
    file.close();
    const auto unconfirmed = ctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("put"), repo, QStringLiteral("--policy"), file.fileName()}, env);
    QCOMPARE(unconfirmed.exitCode, 2);
    QVERIFY(QJsonDocument::fromJson(ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("show"), repo}, env).out)
                .object().value(QStringLiteral("policy")).isNull());
    const auto put = ctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("put"), repo, QStringLiteral("--policy"), file.fileName(),
                          QStringLiteral("--yes")}, env);
    QVERIFY2(put.exitCode == 0, put.err.constData());
    const auto shown = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("show"), repo}, env);
    const QJsonObject stored = QJsonDocument::fromJson(shown.out).object();
    QCOMPARE(stored.value(QStringLiteral("format")).toString(), QStringLiteral("ecr-lifecycle"));
    QCOMPARE(stored.value(QStringLiteral("policy")).toObject(), QJsonDocument::fromJson(policy).object());

    // A policy ECR would refuse is refused before it is sent.
    QFile bad(m_home.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]})");
    bad.close();
    const auto refused = ctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("put"), repo, QStringLiteral("--policy"), bad.fileName(),
                              QStringLiteral("--yes")}, env);
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains("tagPrefixList") || refused.err.contains("tagPatternList"), refused.err.constData());

    // Without --policy, the plan is Berth's dry run of the policy ECR stores: three images, one goes.
    const auto plan = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("plan"), repo}, env);
    QVERIFY2(plan.exitCode == 0, plan.err.constData());
    QVERIFY(plan.err.contains("own cleanup policy"));
    QStringList expired;
    for (const QJsonValue& entry : QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("entries")).toArray()) {
        if (entry.toObject().value(QStringLiteral("action")).toString() == u"delete")
            expired << entry.toObject().value(QStringLiteral("digest")).toString();
    }
    QCOMPARE(expired, QStringList{seededDigest(QStringLiteral("team/app"), QStringLiteral("v1"))});

    // moto has no lifecycle preview: its failure is said plainly, nothing else happens.
    const auto preview = ctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("preview"), repo}, env);
    QVERIFY(preview.exitCode != 0);
    QVERIFY2(preview.err.contains("StartLifecyclePolicyPreview"), preview.err.constData());
}

void TestEcr::motoDeletesATagAloneThenAnImageWithItsTags()
{
    const auto env = motoEnvironment();
    // "stable" shares v2's image: ECR's own untag removes it alone.
    const auto untag = ctl({QStringLiteral("rm"), motoRef(QStringLiteral("team/app:stable")), QStringLiteral("--tag-only")}, env);
    QVERIFY2(untag.exitCode == 0, untag.err.constData());
    QJsonObject truth = motoImages(QStringLiteral("team/app"));
    QVERIFY(!truth.contains(QStringLiteral("stable")));
    QCOMPARE(truth.value(QStringLiteral("v2")).toArray().at(0).toString(), seededDigest(QStringLiteral("team/app"), QStringLiteral("v2")));
    // By digest: v3 and latest go together; v1 and v2 stay.
    const auto image = ctl({QStringLiteral("rm"), motoRef(QStringLiteral("team/app:v3"))}, env);
    QVERIFY2(image.exitCode == 0, image.err.constData());
    truth = motoImages(QStringLiteral("team/app"));
    QCOMPARE(test::sorted(truth.keys()), (QStringList{QStringLiteral("v1"), QStringLiteral("v2")}));
    // A repository that does not exist: ECR's own words, nothing deleted.
    const auto missing = ctl({QStringLiteral("rm"), motoRef(QStringLiteral("team/nosuch:v1")), QStringLiteral("--tag-only")}, env);
    QVERIFY(missing.exitCode != 0);
    QCOMPARE(test::sorted(motoImages(QStringLiteral("team/app")).keys()), (QStringList{QStringLiteral("v1"), QStringLiteral("v2")}));
}

// ---- ECR's own lifecycle preview (the stand-in's, since moto has none) beside Berth's plan ----

void TestEcr::lifecyclePreviewAgreesWithBerthsPlan()
{
    QProcessEnvironment env = test::isolatedEnvironment(m_home.filePath(QStringLiteral("preview")));
    env.insert(QStringLiteral("HOME"), m_home.filePath(QStringLiteral("preview")));
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_ecr.value(QStringLiteral("access_key")).toString());
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), m_ecr.value(QStringLiteral("secret_key")).toString());
    env.insert(QStringLiteral("AWS_ENDPOINT_URL_ECR"), m_ecr.value(QStringLiteral("endpoint")).toString());
    const QString repo = QStringLiteral("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/lifecycle");
    // The documentation's subtle case (an image a higher rule selects is never expired by a lower
    // one, though it is counted) over 200 images, with untagged and catch-all rules after it.
    const QByteArray policy = R"({"rules":[
        {"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["prod"],"countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}},
        {"rulePriority":2,"selection":{"tagStatus":"tagged","tagPrefixList":["beta"],"countType":"imageCountMoreThan","countNumber":20},"action":{"type":"expire"}},
        {"rulePriority":3,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":30},"action":{"type":"expire"}},
        {"rulePriority":4,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":150},"action":{"type":"expire"}}]})";
    QFile file(m_home.filePath(QStringLiteral("lifecycle.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(policy);
    file.close();
    const auto put = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("put"), repo, QStringLiteral("--policy"),
                                        file.fileName(), QStringLiteral("--yes")}, env);
    QVERIFY2(put.exitCode == 0, put.err.constData());
    const auto preview = test::runBerthctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("preview"), repo}, env);
    QVERIFY2(preview.exitCode == 0, preview.err.constData());
    const QJsonObject compared = QJsonDocument::fromJson(preview.out).object();
    QCOMPARE(compared.value(QStringLiteral("status")).toString(), QStringLiteral("COMPLETE"));
    QVERIFY(compared.value(QStringLiteral("entries")).toArray().size() > 100); // most of the 200 go
    QCOMPARE(compared.value(QStringLiteral("differences")).toArray(), QJsonArray());
    QCOMPARE(compared.value(QStringLiteral("unknown")).toArray(), QJsonArray());
    QCOMPARE(compared.value(QStringLiteral("agreed")).toInt(), 200);
    // A policy given on the command line is previewed instead of the stored one.
    QFile other(m_home.filePath(QStringLiteral("other.json")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write(R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["prod-1*"],"countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]})");
    other.close();
    const auto given = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("preview"), repo, QStringLiteral("--policy"), other.fileName()}, env);
    QVERIFY2(given.exitCode == 0, given.err.constData());
    QVERIFY2(given.out.contains("agrees on all 200 images"), given.out.constData());
}

void TestEcr::differencesNameTheImageAndBothReasons()
{
    RegistryPolicyPreview preview;
    preview.status = QStringLiteral("COMPLETE");
    preview.entries << RegistryPolicyPreviewEntry{QStringLiteral("sha256:a"), {QStringLiteral("v1")}, {}, QStringLiteral("EXPIRE"), 2}
                    << RegistryPolicyPreviewEntry{QStringLiteral("sha256:z"), {}, {}, QStringLiteral("EXPIRE"), 1};
    RetentionPlan plan;
    plan.entries << PlanEntry{QStringLiteral("sha256:a"), {QStringLiteral("v1")}, {}, {}, false, 1, QStringLiteral("kept: selected by rule 1"), {}}
                 << PlanEntry{QStringLiteral("sha256:b"), {QStringLiteral("v2")}, {}, {}, true, 3, QStringLiteral("rule 3: older than 30 days"), {}}
                 << PlanEntry{QStringLiteral("sha256:c"), {QStringLiteral("v3")}, {}, {}, false, -1, QStringLiteral("kept"), {}};
    const PreviewComparison compared = comparePreview(preview, plan);
    QCOMPARE(compared.agreed, 1); // c
    QCOMPARE(compared.differences.size(), 2);
    QCOMPARE(compared.differences[0].digest, QStringLiteral("sha256:a"));
    QVERIFY(compared.differences[0].registryExpires && !compared.differences[0].berthExpires);
    QCOMPARE(compared.differences[0].registryRule, 2);
    QCOMPARE(compared.differences[0].berthReason, QStringLiteral("kept: selected by rule 1"));
    QVERIFY(!compared.differences[1].registryExpires && compared.differences[1].berthExpires);
    QCOMPARE(compared.unknown, QStringList{QStringLiteral("sha256:z")});
}

QTEST_GUILESS_MAIN(TestEcr)
#include "tst_ecr.moc"
