// Artifact Registry through its REST API and Google's Application Default Credentials, against
// the bed's stand-in built from the discovery document (tests/bed/gar_mock.py), reached under the
// real host names over TLS.
#include "core/auth/GoogleCredentials.h"
#include "core/net/HttpClient.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestGar : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    test::PublicStandIn m_gar;
    QTemporaryDir m_home;
    QString m_host = QStringLiteral("us-docker.pkg.dev");

    QString serviceAccountKey() const { return test::fixturePath(QStringLiteral("gar/adc/service_account.json")); }
    // berthctl's environment: routed to the stand-in, no docker login, Google credentials from `keyFile`.
    QProcessEnvironment environment(const QString& keyFile, const QString& name) const
    {
        QProcessEnvironment env = test::isolatedEnvironment(m_home.filePath(name));
        env.insert(QStringLiteral("HOME"), m_home.filePath(name));
        env.insert(QStringLiteral("BERTH_CONNECT_TO"), m_gar.connectTo().join(QLatin1Char(' ')));
        env.remove(QStringLiteral("CLOUDSDK_CONFIG"));
        if (keyFile.isEmpty())
            env.remove(QStringLiteral("GOOGLE_APPLICATION_CREDENTIALS"));
        else
            env.insert(QStringLiteral("GOOGLE_APPLICATION_CREDENTIALS"), keyFile);
        return env;
    }
    test::ProcessResult ctl(const QStringList& args, const QProcessEnvironment& env) const
    {
        return test::runBerthctl(QStringList{QStringLiteral("--ca-file"), m_bed.caFile} + args, env);
    }
    QString image(const QString& rest) const { return m_host + QStringLiteral("/example-project/") + rest; }
    // The stand-in's own record of an image's versions: digest -> {tags, uploadTime}.
    QJsonObject seeded(const QString& repository, const QString& package) const
    {
        return m_gar.json.value(QStringLiteral("images")).toObject().value(repository).toObject().value(package).toObject();
    }
    // What the REST API lists now, read with curl and a token of the stand-in's own (not Berth's).
    QJsonArray apiImages(const QString& repository) const
    {
        const auto token = test::runTool(QStringLiteral("curl"), m_gar.curlArguments() + QStringList{
            QStringLiteral("-d"), QStringLiteral("grant_type=refresh_token&client_id=123&client_secret=secret&refresh_token=alabalaportocala"),
            QStringLiteral("https://oauth2.googleapis.com/token")});
        const QString access = QJsonDocument::fromJson(token.out).object().value(QStringLiteral("access_token")).toString();
        const auto list = test::runTool(QStringLiteral("curl"), m_gar.curlArguments() + QStringList{
            QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + access,
            QStringLiteral("https://artifactregistry.googleapis.com/v1/projects/example-project/locations/us/repositories/%1/dockerImages").arg(repository)});
        return QJsonDocument::fromJson(list.out).object().value(QStringLiteral("dockerImages")).toArray();
    }

    // Each tag `berthctl --json tags` listed, against the stand-in's record: on a version that has
    // it, pushed at that version's uploadTime, dated by the API. tag -> digest; mismatches to problems.
    static QHash<QString, QString> tagsAgainstSeed(const QByteArray& json, const QJsonObject& versions, QStringList* problems)
    {
        QHash<QString, QString> listed;
        for (const QJsonValue& value : QJsonDocument::fromJson(json).object().value(QStringLiteral("details")).toArray()) {
            const QJsonObject tag = value.toObject();
            const QString name = tag.value(QStringLiteral("tag")).toString();
            const QJsonObject version = versions.value(tag.value(QStringLiteral("digest")).toString()).toObject();
            if (!version.value(QStringLiteral("tags")).toArray().contains(name))
                *problems << name + QStringLiteral(": not a tag of ") + tag.value(QStringLiteral("digest")).toString();
            if (QDateTime::fromString(tag.value(QStringLiteral("pushed")).toString(), Qt::ISODateWithMs)
                != QDateTime::fromString(version.value(QStringLiteral("uploadTime")).toString(), Qt::ISODateWithMs))
                *problems << name + QStringLiteral(": pushed ") + tag.value(QStringLiteral("pushed")).toString();
            if (tag.value(QStringLiteral("dateSource")).toString() != u"artifact-registry-api")
                *problems << name + QStringLiteral(": dated by ") + tag.value(QStringLiteral("dateSource")).toString();
            listed.insert(name, tag.value(QStringLiteral("digest")).toString());
        }
        return listed;
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        m_gar = test::PublicStandIn::load(m_bed, QStringLiteral("gar"));
        QVERIFY(!m_gar.json.isEmpty());
    }

    void signsTheJwtTheTokenEndpointChecks()
    {
        // The assertion verifies with the public half of the test key (openssl, not Berth).
        QFile key(serviceAccountKey());
        QVERIFY(key.open(QIODevice::ReadOnly));
        const QJsonObject account = QJsonDocument::fromJson(key.readAll()).object();
        const auto jwt = GoogleCredentials::signedAssertion(account.value(QStringLiteral("private_key")).toString().toUtf8(), QStringLiteral("1"),
                                                            QStringLiteral("a@b"), QStringLiteral("https://oauth2.googleapis.com/token"),
                                                            QString::fromLatin1(GoogleCredentials::kScope), 1700000000);
        QVERIFY(jwt);
        const QList<QByteArray> parts = jwt->split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject claims = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger(), 3600);
        QTemporaryDir dir;
        QFile signedPart(dir.filePath(QStringLiteral("in")));
        QVERIFY(signedPart.open(QIODevice::WriteOnly));
        signedPart.write(parts[0] + '.' + parts[1]);
        signedPart.close();
        QFile signature(dir.filePath(QStringLiteral("sig")));
        QVERIFY(signature.open(QIODevice::WriteOnly));
        signature.write(QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding));
        signature.close();
        const auto pub = test::runTool(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-in"), test::fixturePath(QStringLiteral("gar/adc/public_cert.pem")),
                                                                  QStringLiteral("-pubkey"), QStringLiteral("-noout"), QStringLiteral("-out"), dir.filePath(QStringLiteral("pub.pem"))});
        QCOMPARE(pub.exitCode, 0);
        const auto verify = test::runTool(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), dir.filePath(QStringLiteral("pub.pem")),
                                                                     QStringLiteral("-signature"), signature.fileName(), signedPart.fileName()});
        QVERIFY2(verify.out.contains("Verified OK"), verify.out.constData());
        QVERIFY(!GoogleCredentials::signedAssertion("not a key", {}, {}, {}, {}, 0));
    }

    void listsProjectsImagesAndTheirUploadTimesWithoutADockerLogin()
    {
        const auto env = environment(serviceAccountKey(), QStringLiteral("sa"));
        const auto repos = ctl({QStringLiteral("repos"), m_host}, env);
        QVERIFY2(repos.exitCode == 0, repos.err.constData());
        QCOMPARE(QString::fromUtf8(repos.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 (QStringList{QStringLiteral("example-project/apps/team/api"), QStringLiteral("example-project/apps/web"),
                              QStringLiteral("example-project/base/debian"), QStringLiteral("example-project/gcr.io/legacy/tool")}));
        const auto tags = ctl({QStringLiteral("--json"), QStringLiteral("tags"), image(QStringLiteral("apps/web"))}, env);
        QVERIFY2(tags.exitCode == 0, tags.err.constData());
        QStringList problems;
        const auto listed = tagsAgainstSeed(tags.out, seeded(QStringLiteral("apps"), QStringLiteral("web")), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(test::sorted(listed.keys()), (QStringList{QStringLiteral("latest"), QStringLiteral("v1"), QStringLiteral("v2")}));
        // The registry itself, with the same access token as oauth2accesstoken.
        const auto manifest = ctl({QStringLiteral("manifest"), image(QStringLiteral("apps/team/api:1.0"))}, env);
        QVERIFY2(manifest.exitCode == 0, manifest.err.constData());
        const auto login = ctl({QStringLiteral("login"), m_host}, env);
        QVERIFY2(login.exitCode == 0 && login.err.contains("service account service-account@example.com"), login.err.constData());
    }

    void aGcloudUserLoginWorksToo()
    {
        QTemporaryDir gcloud;
        QVERIFY(QFile::copy(test::fixturePath(QStringLiteral("gar/adc/authorized_user.json")), gcloud.filePath(QStringLiteral("application_default_credentials.json"))));
        QProcessEnvironment env = environment({}, QStringLiteral("user"));
        env.insert(QStringLiteral("CLOUDSDK_CONFIG"), gcloud.path());
        QDir(m_home.path()).mkpath(QStringLiteral("user/cfg"));
        // No project in a user login: the one to list is named.
        const auto repos = ctl({QStringLiteral("repos"), m_host + QStringLiteral("/example-project/base")}, env);
        QVERIFY2(repos.exitCode == 0, repos.err.constData());
        QCOMPARE(QString::fromUtf8(repos.out).trimmed(), QStringLiteral("example-project/base/debian"));
        const auto login = ctl({QStringLiteral("login"), m_host}, env);
        QVERIFY2(login.err.contains("gcloud user login"), login.err.constData());
    }

    void badCredentialsAreSaidPlainly()
    {
        const auto none = ctl({QStringLiteral("repos"), m_host}, environment({}, QStringLiteral("none")));
        QVERIFY(none.exitCode != 0);
        QVERIFY2(none.err.contains("GOOGLE_APPLICATION_CREDENTIALS"), none.err.constData());

        // A key that does not parse, and a well-formed key the token endpoint does not know.
        QFile key(serviceAccountKey());
        QVERIFY(key.open(QIODevice::ReadOnly));
        QJsonObject account = QJsonDocument::fromJson(key.readAll()).object();
        QJsonObject broken = account;
        broken.insert(QStringLiteral("private_key"), QStringLiteral("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n"));
        QFile brokenFile(m_home.filePath(QStringLiteral("broken.json")));
        QVERIFY(brokenFile.open(QIODevice::WriteOnly));
        brokenFile.write(QJsonDocument(broken).toJson());
        brokenFile.close();
        const auto unparsable = ctl({QStringLiteral("repos"), m_host}, environment(brokenFile.fileName(), QStringLiteral("broken")));
        QVERIFY(unparsable.exitCode != 0);
        QVERIFY2(unparsable.err.contains("not a PEM private key"), unparsable.err.constData());

        const auto other = test::runTool(QStringLiteral("openssl"), {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                                                                    QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:2048")});
        QCOMPARE(other.exitCode, 0);
        account.insert(QStringLiteral("private_key"), QString::fromLatin1(other.out));
        QFile wrongFile(m_home.filePath(QStringLiteral("wrong.json")));
        QVERIFY(wrongFile.open(QIODevice::WriteOnly));
        wrongFile.write(QJsonDocument(account).toJson());
        wrongFile.close();
        const auto wrong = ctl({QStringLiteral("repos"), m_host}, environment(wrongFile.fileName(), QStringLiteral("wrong")));
        QVERIFY(wrong.exitCode != 0);
        QVERIFY2(wrong.err.contains("Invalid JWT Signature"), wrong.err.constData());
    }

    void cleanupPoliciesAreReadPlannedAndWritten()
    {
        const auto env = environment(serviceAccountKey(), QStringLiteral("policy"));
        const auto shown = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("show"), image(QStringLiteral("apps/web"))}, env);
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        const QJsonObject policy = QJsonDocument::fromJson(shown.out).object();
        QCOMPARE(policy.value(QStringLiteral("format")).toString(), QStringLiteral("gar-cleanup"));
        QVERIFY(policy.value(QStringLiteral("note")).toString().contains(QStringLiteral("dry run")));
        // Berth's dry run of the repository's own policies: the untagged build goes, nothing tagged.
        const auto plan = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("plan"), image(QStringLiteral("apps/web"))}, env);
        QVERIFY2(plan.exitCode == 0, plan.err.constData());
        QStringList deleting;
        for (const QJsonValue& e : QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("entries")).toArray()) {
            if (e.toObject().value(QStringLiteral("action")).toString() == u"delete")
                deleting << e.toObject().value(QStringLiteral("digest")).toString();
        }
        QString untagged;
        const QJsonObject versions = seeded(QStringLiteral("apps"), QStringLiteral("web"));
        for (auto it = versions.begin(); it != versions.end(); ++it) {
            if (it.value().toObject().value(QStringLiteral("tags")).toArray().isEmpty())
                untagged = it.key();
        }
        QCOMPARE(deleting, QStringList{untagged});

        // Written back: base gets a policy of its own, read again through the API.
        QFile file(m_home.filePath(QStringLiteral("base-policy.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"([{"name":"old-builds","action":{"type":"Delete"},"condition":{"tagState":"Any","olderThan":"30d"}},
                       {"name":"keep-two","action":{"type":"Keep"},"mostRecentVersions":{"keepCount":2}}])");
        file.close();
        const auto put = ctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("put"), image(QStringLiteral("base/debian")),
                              QStringLiteral("--policy"), file.fileName(), QStringLiteral("--yes")}, env);
        QVERIFY2(put.exitCode == 0, put.err.constData());
        const auto again = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("show"), image(QStringLiteral("base/debian"))}, env);
        const QJsonArray stored = QJsonDocument::fromJson(again.out).object().value(QStringLiteral("policy")).toArray();
        QCOMPARE(stored.size(), 2);
        QStringList names;
        for (const QJsonValue& p : stored) {
            names << p.toObject().value(QStringLiteral("name")).toString();
            if (p.toObject().value(QStringLiteral("name")).toString() == u"old-builds")
                QCOMPARE(p.toObject().value(QStringLiteral("condition")).toObject().value(QStringLiteral("olderThan")).toString(), QStringLiteral("2592000s"));
        }
        QCOMPARE(test::sorted(names), (QStringList{QStringLiteral("keep-two"), QStringLiteral("old-builds")}));
    }

    void gcrHostsAreItsRepositoriesOfThatName()
    {
        // gcr.io/PROJECT/IMAGE is the package IMAGE of the repository "gcr.io" in "us" (FACTS.md L5):
        // listed, dated and untagged through the REST API, read through the registry under gcr.io.
        const auto env = environment(serviceAccountKey(), QStringLiteral("gcr"));
        const QString gcr = QStringLiteral("gcr.io/example-project/legacy/tool");
        const auto repos = ctl({QStringLiteral("repos"), QStringLiteral("gcr.io/example-project")}, env);
        QVERIFY2(repos.exitCode == 0, repos.err.constData());
        QCOMPARE(QString::fromUtf8(repos.out).trimmed(), QStringLiteral("example-project/legacy/tool"));
        const auto tags = ctl({QStringLiteral("--json"), QStringLiteral("tags"), gcr}, env);
        QVERIFY2(tags.exitCode == 0, tags.err.constData());
        QStringList problems;
        const auto listed = tagsAgainstSeed(tags.out, seeded(QStringLiteral("gcr.io"), QStringLiteral("legacy/tool")), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(test::sorted(listed.keys()), (QStringList{QStringLiteral("1.4"), QStringLiteral("1.5"), QStringLiteral("latest")}));
        const QString latest = listed.value(QStringLiteral("latest"));
        // The registry under gcr.io answers with the Google access token, for the same image.
        const auto manifest = ctl({QStringLiteral("manifest"), gcr + QStringLiteral(":1.5")}, env); // the bytes as served
        QVERIFY2(manifest.exitCode == 0, manifest.err.constData());
        QCOMPARE(QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(manifest.out, QCryptographicHash::Sha256).toHex()), latest);
        // Removing "latest" alone goes through the REST API of the gcr.io repository; 1.5 stays on its version.
        const auto untag = ctl({QStringLiteral("rm"), gcr + QStringLiteral(":latest"), QStringLiteral("--tag-only")}, env);
        QVERIFY2(untag.exitCode == 0, untag.err.constData());
        QStringList left;
        for (const QJsonValue& value : apiImages(QStringLiteral("gcr.io"))) {
            if (value.toObject().value(QStringLiteral("name")).toString().endsWith(latest)) {
                for (const QJsonValue& t : value.toObject().value(QStringLiteral("tags")).toArray())
                    left << t.toString();
            }
        }
        QCOMPARE(left, QStringList{QStringLiteral("1.5")});
    }

    void deletesATagAloneThenAVersionWithItsTags()
    {
        const auto env = environment(serviceAccountKey(), QStringLiteral("delete"));
        const QJsonObject versions = seeded(QStringLiteral("apps"), QStringLiteral("web"));
        QString v1, v2;
        for (auto it = versions.begin(); it != versions.end(); ++it) {
            const QJsonArray tags = it.value().toObject().value(QStringLiteral("tags")).toArray();
            if (tags.contains(QStringLiteral("v1")))
                v1 = it.key();
            if (tags.contains(QStringLiteral("v2")))
                v2 = it.key();
        }
        const auto untag = ctl({QStringLiteral("rm"), image(QStringLiteral("apps/web:latest")), QStringLiteral("--tag-only")}, env);
        QVERIFY2(untag.exitCode == 0, untag.err.constData());
        const auto version = ctl({QStringLiteral("rm"), image(QStringLiteral("apps/web:v1"))}, env);
        QVERIFY2(version.exitCode == 0, version.err.constData());
        // Checked through the REST API as anyone would see it.
        QHash<QString, QStringList> now;
        for (const QJsonValue& value : apiImages(QStringLiteral("apps"))) {
            const QString name = value.toObject().value(QStringLiteral("name")).toString();
            if (name.contains(QStringLiteral("/dockerImages/web@"))) {
                QStringList tags;
                for (const QJsonValue& t : value.toObject().value(QStringLiteral("tags")).toArray())
                    tags << t.toString();
                now.insert(name.section(QLatin1Char('@'), 1), tags);
            }
        }
        QVERIFY(!now.contains(v1));
        QCOMPARE(now.value(v2), QStringList{QStringLiteral("v2")});
    }
};

QTEST_GUILESS_MAIN(TestGar)
#include "tst_gar.moc"
