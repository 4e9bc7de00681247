// AWS settings read as the AWS SDKs read them: botocore's config-loader test files, the
// cross-SDK configured-endpoint suite, the ECR credential helper's host vectors, credential_process.
#include "core/auth/AwsConfig.h"
#include "core/providers/EcrApi.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::waitFor;

class TestAwsConfig : public QObject
{
    Q_OBJECT

    static QJsonObject fixture(const QString& path) { return QJsonDocument::fromJson(test::readFixture(path)).object(); }

    static Result<AwsCredentials> resolve(const QProcessEnvironment& env)
    {
        AwsCredentialResolver resolver(env);
        auto found = waitFor<AwsCredentials>([&](auto done) { resolver.resolve(nullptr, done); }, 20000);
        if (!found)
            return std::unexpected(Error::make(ErrorKind::Transport, QStringLiteral("timed out")));
        return *found;
    }

    static QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(text);
        return file.fileName();
    }

private Q_SLOTS:
    // botocore's own parse results for its test files (expected.json transcribes its assertions).
    void configFilesParseAsBotocoreParsesThem()
    {
        const QJsonObject expected = fixture(QStringLiteral("aws/botocore-cfg/expected.json"));
        for (const QString& name : {QStringLiteral("aws_config"), QStringLiteral("aws_bad_profile"), QStringLiteral("aws_config_nested"),
                                    QStringLiteral("aws_services_config"), QStringLiteral("aws_sso_session_config"),
                                    QStringLiteral("aws_config_nocreds")}) {
            const AwsConfigFiles files = AwsConfigFiles::parse(test::readFixture(QStringLiteral("aws/botocore-cfg/") + name), false);
            const QJsonObject want = expected.value(name).toObject();
            if (want.contains(QStringLiteral("profile_names"))) {
                QStringList names;
                for (const QJsonValue& v : want.value(QStringLiteral("profile_names")).toArray())
                    names << v.toString();
                names.sort();
                QCOMPARE(files.profiles.keys(), names);
            }
            // Every key botocore asserts, nested blocks as "s3.key".
            auto compareSections = [](const QMap<QString, AwsSection>& got, const QJsonObject& wanted) {
                for (auto it = wanted.begin(); it != wanted.end(); ++it) {
                    const QJsonObject keys = it.value().toObject();
                    for (auto key = keys.begin(); key != keys.end(); ++key) {
                        if (key.value().isObject()) {
                            const QJsonObject nested = key.value().toObject();
                            for (auto sub = nested.begin(); sub != nested.end(); ++sub) {
                                if (got.value(it.key()).value(key.key() + QLatin1Char('.') + sub.key()) != sub.value().toString())
                                    return it.key() + QLatin1Char('/') + key.key() + QLatin1Char('.') + sub.key();
                            }
                        } else if (got.value(it.key()).value(key.key()) != key.value().toString()) {
                            return it.key() + QLatin1Char('/') + key.key();
                        }
                    }
                }
                return QString();
            };
            QCOMPARE(compareSections(files.profiles, want.value(QStringLiteral("profiles")).toObject()), QString());
            QCOMPARE(compareSections(files.services, want.value(QStringLiteral("services")).toObject()), QString());
            QCOMPARE(compareSections(files.ssoSessions, want.value(QStringLiteral("sso_sessions")).toObject()), QString());
        }
    }

    // The suite every AWS SDK runs for configured endpoints, case by case.
    void configuredEndpointsFollowTheCrossSdkSuite()
    {
        const QJsonObject suite = fixture(QStringLiteral("aws/configured-endpoint-urls.profile-tests.json"))
                                      .value(QStringLiteral("testSuites")).toArray().at(0).toObject();
        AwsConfigFiles files;
        const QJsonObject profiles = suite.value(QStringLiteral("profiles")).toObject();
        for (auto it = profiles.begin(); it != profiles.end(); ++it) {
            const QJsonObject keys = it.value().toObject();
            for (auto key = keys.begin(); key != keys.end(); ++key)
                files.profiles[it.key()].insert(key.key(), key.value().toString());
        }
        const QJsonObject services = suite.value(QStringLiteral("services")).toObject();
        for (auto it = services.begin(); it != services.end(); ++it) {
            const QJsonObject perService = it.value().toObject();
            for (auto svc = perService.begin(); svc != perService.end(); ++svc)
                files.services[it.key()].insert(svc.key() + QStringLiteral(".endpoint_url"), svc.value().toObject().value(QStringLiteral("endpoint_url")).toString());
        }
        const QJsonArray cases = suite.value(QStringLiteral("endpointUrlTests")).toArray();
        QVERIFY(cases.size() >= 39);
        for (const QJsonValue& value : cases) {
            const QJsonObject c = value.toObject();
            QProcessEnvironment env;
            const QJsonObject vars = suite.value(QStringLiteral("environments")).toObject().value(c.value(QStringLiteral("environment")).toString()).toObject();
            for (auto it = vars.begin(); it != vars.end(); ++it)
                env.insert(it.key(), it.value().toString());
            const QJsonObject client = suite.value(QStringLiteral("client_configs")).toObject().value(c.value(QStringLiteral("client_config")).toString()).toObject();
            const QString got = awsConfiguredEndpoint(c.value(QStringLiteral("service")).toString(), c.value(QStringLiteral("profile")).toString(), files, env,
                                                      client.value(QStringLiteral("endpoint_url")).toString(),
                                                      client.value(QStringLiteral("ignore_configured_endpoint_urls")).toBool());
            QString want = c.value(QStringLiteral("output")).toObject().value(QStringLiteral("endpointUrl")).toString();
            // The service's own endpoint (s3.REGION.amazonaws.com) is what "nothing configured" means.
            if (want.endsWith(QLatin1String(".fake-region-10.amazonaws.com")))
                want.clear();
            QVERIFY2(got == want, qPrintable(c.value(QStringLiteral("name")).toString() + QStringLiteral(": got ") + got));
        }
    }

    // The ECR credential helper's host vectors: every private ECR host, no look-alike.
    void ecrHostsAsTheCredentialHelperReadsThem()
    {
        const QJsonArray cases = fixture(QStringLiteral("aws/ecr-registry-host-vectors.json")).value(QStringLiteral("cases")).toArray();
        QVERIFY(cases.size() >= 29);
        for (const QJsonValue& value : cases) {
            const QJsonObject c = value.toObject();
            QString input = c.value(QStringLiteral("input")).toString();
            const QString host = input.contains(QLatin1String("://")) ? QUrl(input).host() : input.section(QLatin1Char('/'), 0, 0);
            const auto parsed = EcrRegistry::fromHost(host);
            const QJsonObject want = c.value(QStringLiteral("expected")).toObject();
            if (want.value(QStringLiteral("service")).toString() != u"ecr") { // ECR Public and failures: not a private registry
                QVERIFY2(!parsed, qPrintable(input));
                continue;
            }
            QVERIFY2(parsed, qPrintable(input));
            QCOMPARE(parsed->accountId, want.value(QStringLiteral("registry_id")).toString());
            QCOMPARE(parsed->region, want.value(QStringLiteral("region")).toString());
            QCOMPARE(parsed->fips, want.value(QStringLiteral("fips")).toBool());
        }
        // The API of each partition, as ECR's endpoint rules give it.
        QCOMPARE(EcrRegistry::fromHost(QStringLiteral("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))->apiEndpoint(),
                 QUrl(QStringLiteral("https://api.ecr.eu-west-1.amazonaws.com")));
        QCOMPARE(EcrRegistry::fromHost(QStringLiteral("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com"))->apiEndpoint(),
                 QUrl(QStringLiteral("https://api.ecr-fips.us-gov-west-1.amazonaws.com")));
        QCOMPARE(EcrRegistry::fromHost(QStringLiteral("210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn"))->apiEndpoint(),
                 QUrl(QStringLiteral("https://api.ecr.cn-north-1.amazonaws.com.cn")));
        QCOMPARE(EcrRegistry::fromHost(QStringLiteral("123456789012.dkr-ecr.us-west-2.on.aws"))->apiEndpoint(),
                 QUrl(QStringLiteral("https://ecr.us-west-2.api.aws")));
    }

    void credentialProcessGivesExpiringCredentials()
    {
        QTemporaryDir dir;
        const QString script = writeFile(dir, QStringLiteral("creds.sh"),
                                         "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"s\", "
                                         "\"SessionToken\": \"tok\", \"Expiration\": \"2099-01-01T00:00:00Z\"}'\n");
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString failing = writeFile(dir, QStringLiteral("fail.sh"), "#!/bin/sh\necho 'token expired, run aws sso login' >&2\nexit 3\n");
        QFile::setPermissions(failing, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString config = writeFile(dir, QStringLiteral("config"),
                                         ("[profile proc]\nregion = eu-central-1\ncredential_process = \"" + script + "\" --ignored-arg\n"
                                          "[profile broken]\ncredential_process = " + failing + "\n"
                                          "[profile sso]\nsso_session = corp\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = proc\n")
                                             .toUtf8());
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), config);
        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("proc"));
        const auto proc = resolve(env);
        QVERIFY2(proc, proc ? "" : qPrintable(proc.error().message));
        QCOMPARE(proc->accessKeyId, QStringLiteral("AKIDPROC"));
        QCOMPARE(proc->sessionToken, QStringLiteral("tok"));
        QCOMPARE(proc->region, QStringLiteral("eu-central-1"));
        QCOMPARE(proc->expiration, QDateTime(QDate(2099, 1, 1), QTime(0, 0), QTimeZone::UTC));
        QVERIFY(proc->source.contains(QStringLiteral("credential_process")));

        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("broken"));
        const auto broken = resolve(env);
        QVERIFY(!broken);
        QVERIFY2(broken.error().message.contains(QStringLiteral("token expired, run aws sso login")), qPrintable(broken.error().message));

        // Profiles that sign in through another AWS service say so and how to go on.
        for (const QString& profile : {QStringLiteral("sso"), QStringLiteral("role")}) {
            env.insert(QStringLiteral("AWS_PROFILE"), profile);
            const auto other = resolve(env);
            QVERIFY(!other);
            QCOMPARE(other.error().kind, ErrorKind::Unsupported);
            QVERIFY2(other.error().message.contains(QStringLiteral("credential_process = aws configure export-credentials")), qPrintable(other.error().message));
        }
        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("nosuch"));
        QVERIFY(resolve(env).error().message.contains(QStringLiteral("\"nosuch\" (AWS_PROFILE) is in neither")));
        env.remove(QStringLiteral("AWS_PROFILE"));
        const auto none = resolve(env);
        QCOMPARE(none.error().kind, ErrorKind::Auth);
        QVERIFY(none.error().message.contains(QStringLiteral("AWS_ACCESS_KEY_ID")));
    }
};

QTEST_GUILESS_MAIN(TestAwsConfig)
#include "tst_awsconfig.moc"
