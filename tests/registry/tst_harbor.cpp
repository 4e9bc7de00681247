// Harbor through its REST API (scans, projects, artifacts, permissions, retention), against a
// stand-in built from Harbor's swagger.yaml.
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/providers/HarborApi.h"
#include "core/providers/Provider.h"
#include "core/registry/Digest.h"
#include "core/registry/RegistryClient.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>
#include <QTest>

using namespace berth;
using test::waitFor;

class TestHarbor : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QString m_harbor;
    QJsonObject m_users; // project members' passwords: harbordev, harborguest
    QJsonObject m_tags; // harborprov/app's tags as seeded through the stand-in
    QTemporaryDir m_homes;

    // berthctl's environment for one Harbor login, with the registry set to Harbor's dialect as
    // `berthctl login` or the registry dialog saves it (registries.ini).
    QProcessEnvironment harborLogin(const QString& user, const QString& password) const
    {
        const QString dir = m_homes.filePath(user);
        const auto env = test::isolatedEnvironment(dir);
        test::writeDockerLogin(env, m_harbor, user, password);
        QSettings ini(env.value(QStringLiteral("BERTH_CONFIG_DIR")) + QStringLiteral("/registries.ini"), QSettings::IniFormat);
        ini.beginWriteArray(QStringLiteral("registries"), 1);
        ini.setArrayIndex(0);
        ini.setValue(QStringLiteral("name"), m_harbor);
        ini.setValue(QStringLiteral("provider"), QStringLiteral("harbor"));
        ini.endArray();
        ini.sync();
        return env;
    }
    QProcessEnvironment developer() const { return harborLogin(QStringLiteral("harbordev"), m_users.value(QStringLiteral("harbordev")).toString()); }
    // Every repository of the registry behind the stand-in, read from its catalog, not through Berth.
    QStringList catalog() const
    {
        const auto answer = test::runTool(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("http://%1/v2/_catalog?n=1000").arg(m_bed.anonymous)});
        return test::sortedStrings(QJsonDocument::fromJson(answer.out).object().value(QStringLiteral("repositories")).toArray());
    }
    static QStringList lines(const QByteArray& out) { return test::sorted(QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)); }
    QJsonArray tagDetails(const QProcessEnvironment& env) const
    {
        const auto run = test::runBerthctl({QStringLiteral("--json"), QStringLiteral("tags"), m_harbor + QStringLiteral("/harborprov/app")}, env);
        return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("details")).toArray();
    }

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
        const QJsonObject bed = QJsonDocument::fromJson(file.readAll()).object();
        m_harbor = bed.value(QStringLiteral("harbor")).toString();
        m_users = bed.value(QStringLiteral("harbor_users")).toObject();
        m_tags = bed.value(QStringLiteral("harbor_tags")).toObject();
        QVERIFY(!m_harbor.isEmpty());
        QVERIFY(!m_users.isEmpty());
    }

    void aHarborIsDetectedAsOne();
    void aProjectMemberSeesTheirProjectsAndAnAdminAll();
    void tagsCarryHarborsPushAndPullTimes();
    void aDeveloperIsToldBeforeAnythingIsDeleted();
    void aMaintainerRemovesOneTagAndTheArtifactStays();
    void aMaintainerSeesTheProjectsWebhooksWithoutTheirSecrets();
    void aMaintainerAddsAndEditsTheProjectsWebhooks();
    void aWatchReportsANewImagesScanFindings();
    void theProjectsRetentionPolicyIsReadAndPlanned();
    void theRegistryWantsHarborsTokenForWhatTheLoginMayDo();

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

    void eachArtifactHasItsOwnScan()
    {
        // Harbor's report names the artifact it was made for; Berth shows it for that digest only.
        Stack s(m_harbor, Credentials{m_bed.username, m_bed.password, false, {}});
        QStringList digests;
        for (const QString& tag : {QStringLiteral("1.0.0"), QStringLiteral("1.10.0")}) {
            auto head = waitFor<ManifestHead>([&](auto done) { s.client.headManifest(QStringLiteral("demo/webapp"), tag, nullptr, done); });
            QVERIFY(head && head->has_value());
            digests << head->value().digest;
            auto report = waitFor<VulnerabilityReport>([&](auto done) {
                s.api.vulnerabilities(QStringLiteral("demo/webapp"), digests.last(), nullptr, done);
            });
            QVERIFY2(report && report->has_value(), report && !report->has_value() ? qPrintable(report->error().message) : "timed out");
            QCOMPARE(report->value().subject, digests.last());
        }
        QVERIFY(digests[0] != digests[1]);
        // A report that names another digest than the one asked for is refused, not shown.
        QJsonObject other = QJsonDocument::fromJson(test::readFixture(QStringLiteral("harbor/vulnerability-report-v1.1.scanner-spec-readme.json"))).object();
        other.insert(QStringLiteral("artifact"), QJsonObject{{QStringLiteral("digest"), digests[1]}});
        const QByteArray body = QJsonDocument(other).toJson();
        QVERIFY(HarborApi::readReport(body, digests[1]).has_value());
        const auto refused = HarborApi::readReport(body, digests[0]);
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(digests[1]), qPrintable(refused.error().message));
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
        // The report of the digest the tag names (Harbor's report says which artifact it is of).
        Stack s(m_harbor, Credentials{m_bed.username, m_bed.password, false, {}});
        auto head = waitFor<ManifestHead>([&](auto done) { s.client.headManifest(QStringLiteral("demo/webapp"), QStringLiteral("1.0.0"), nullptr, done); });
        QVERIFY(head && head->has_value());
        QCOMPARE(reports.first().toObject().value(QStringLiteral("subject")).toString(), head->value().digest);
        QCOMPARE(test::runBerthctl({QStringLiteral("scan"), m_harbor + QStringLiteral("/demo/webapp:1.0.0"), QStringLiteral("--fail-on"), QStringLiteral("high")}, env).exitCode, 5);
    }
};

// ---- Harbor in its own dialect: projects, artifacts, permissions, retention ----

void TestHarbor::aHarborIsDetectedAsOne()
{
    Stack harbor(m_harbor, std::nullopt);
    std::optional<ProviderKind> kind;
    detectProviderKind(&harbor.client, nullptr, [&](ProviderKind k) { kind = k; });
    QTRY_VERIFY(kind.has_value());
    QCOMPARE(*kind, ProviderKind::Harbor);
}

void TestHarbor::aProjectMemberSeesTheirProjectsAndAnAdminAll()
{
    // No catalog for a member: their projects (demo, harborprov) and the public one, through Harbor's API.
    const auto member = test::runBerthctl({QStringLiteral("repos"), m_harbor}, developer());
    QVERIFY2(member.exitCode == 0, member.err.constData());
    QStringList expected;
    for (const QString& name : catalog()) {
        const QString project = name.section(QLatin1Char('/'), 0, 0);
        if (name.contains(QLatin1Char('/')) && (project == u"demo" || project == u"harborprov" || project == u"public"))
            expected << name;
    }
    QVERIFY(expected.size() >= 4);
    QCOMPARE(lines(member.out), expected);
    // Other tests push to the same registry meanwhile: what the admin sees lies between the catalog
    // read before and the one read after.
    auto withProject = [](const QStringList& names) {
        QStringList out;
        for (const QString& name : names) {
            if (name.contains(QLatin1Char('/')))
                out << name;
        }
        return out;
    };
    const QStringList before = withProject(catalog());
    const auto admin = test::runBerthctl({QStringLiteral("repos"), m_harbor}, harborLogin(m_bed.username, m_bed.password));
    QVERIFY2(admin.exitCode == 0, admin.err.constData());
    const QStringList after = withProject(catalog());
    const QStringList seen = lines(admin.out);
    for (const QString& name : before)
        QVERIFY2(seen.contains(name), qPrintable(name));
    for (const QString& name : seen)
        QVERIFY2(after.contains(name), qPrintable(name));
    // One project; a project the member is not in does not exist for them.
    QCOMPARE(lines(test::runBerthctl({QStringLiteral("repos"), m_harbor + QStringLiteral("/harborprov")}, developer()).out),
             QStringList{QStringLiteral("harborprov/app")});
    const auto hidden = test::runBerthctl({QStringLiteral("repos"), m_harbor + QStringLiteral("/ops")}, developer());
    QVERIFY(hidden.exitCode != 0);
}

void TestHarbor::tagsCarryHarborsPushAndPullTimes()
{
    const auto env = developer();
    QJsonArray details = tagDetails(env);
    QCOMPARE(details.size(), m_tags.size());
    QHash<QString, QDateTime> pushed;
    for (const QJsonValue& value : std::as_const(details)) {
        const QJsonObject tag = value.toObject();
        QCOMPARE(tag.value(QStringLiteral("digest")).toString(), m_tags.value(tag.value(QStringLiteral("tag")).toString()).toString());
        QCOMPARE(tag.value(QStringLiteral("dateSource")).toString(), QStringLiteral("harbor-api"));
        QVERIFY(tag.value(QStringLiteral("pulled")).isNull()); // Harbor's 0001-01-01: never pulled
        pushed.insert(tag.value(QStringLiteral("tag")).toString(), QDateTime::fromString(tag.value(QStringLiteral("pushed")).toString(), Qt::ISODateWithMs));
    }
    QVERIFY(pushed.value(QStringLiteral("v1")) < pushed.value(QStringLiteral("v2")));
    QVERIFY(pushed.value(QStringLiteral("v2")) < pushed.value(QStringLiteral("v3")));
    // A pull through the registry is what Harbor records as the artifact's last pull.
    const auto pull = test::runBerthctl({QStringLiteral("manifest"), m_harbor + QStringLiteral("/harborprov/app:v1")}, env);
    QVERIFY2(pull.exitCode == 0, pull.err.constData());
    details = tagDetails(env);
    for (const QJsonValue& value : std::as_const(details)) {
        if (value.toObject().value(QStringLiteral("tag")).toString() == u"v1")
            QVERIFY(!value.toObject().value(QStringLiteral("pulled")).isNull());
    }
}

void TestHarbor::aDeveloperIsToldBeforeAnythingIsDeleted()
{
    const auto env = developer();
    const auto before = test::runBerthctl({QStringLiteral("tags"), m_harbor + QStringLiteral("/demo/webapp")}, env);
    const auto refused = test::runBerthctl({QStringLiteral("rm"), m_harbor + QStringLiteral("/demo/webapp:1.0.0"), QStringLiteral("--tag-only")}, env);
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains("may not delete in project demo"), refused.err.constData());
    QCOMPARE(test::runBerthctl({QStringLiteral("tags"), m_harbor + QStringLiteral("/demo/webapp")}, env).out, before.out);
    // Harbor's own scanner: a developer may start it, a guest may not.
    const auto scan = test::runBerthctl({QStringLiteral("scan"), m_harbor + QStringLiteral("/demo/webapp:1.0.0"), QStringLiteral("--start")}, env);
    QVERIFY2(scan.exitCode == 0 && scan.out.contains("started"), scan.err.constData());
    const auto guest = test::runBerthctl({QStringLiteral("rm"), m_harbor + QStringLiteral("/harborprov/app:v3")},
                                         harborLogin(QStringLiteral("harborguest"), m_users.value(QStringLiteral("harborguest")).toString()));
    QVERIFY(guest.exitCode != 0);
    QVERIFY2(guest.err.contains("Maintainer or Project Admin"), guest.err.constData());
}

void TestHarbor::aMaintainerRemovesOneTagAndTheArtifactStays()
{
    const auto env = developer(); // maintainer of harborprov
    const auto removed = test::runBerthctl({QStringLiteral("rm"), m_harbor + QStringLiteral("/harborprov/app:stable"), QStringLiteral("--tag-only")}, env);
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    QStringList left;
    for (const QJsonValue& value : tagDetails(env)) {
        left << value.toObject().value(QStringLiteral("tag")).toString();
        if (value.toObject().value(QStringLiteral("tag")).toString() == u"v2")
            QCOMPARE(value.toObject().value(QStringLiteral("digest")).toString(), m_tags.value(QStringLiteral("stable")).toString());
    }
    QCOMPARE(test::sorted(left), (QStringList{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v3")}));
}

void TestHarbor::aMaintainerSeesTheProjectsWebhooksWithoutTheirSecrets()
{
    const auto env = developer(); // maintainer of harborprov, developer in demo
    const auto listed = test::runBerthctl({QStringLiteral("--json"), QStringLiteral("webhooks"), m_harbor + QStringLiteral("/harborprov")}, env);
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    const QJsonArray hooks = QJsonDocument::fromJson(listed.out).object().value(QStringLiteral("webhooks")).toArray();
    QCOMPARE(hooks.size(), 1);
    QCOMPARE(hooks.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("ci-notify"));
    QCOMPARE(hooks.at(0).toObject().value(QStringLiteral("targets")).toArray(), QJsonArray{QStringLiteral("https://ci.example/hooks/harbor")});
    QVERIFY(!listed.out.contains("hook-secret"));
    const auto refused = test::runBerthctl({QStringLiteral("webhooks"), m_harbor + QStringLiteral("/demo")}, env);
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains("Maintainer or Project Admin"), refused.err.constData());
}

void TestHarbor::aMaintainerAddsAndEditsTheProjectsWebhooks()
{
    const auto env = developer(); // maintainer of harborprov, developer in demo
    const QString project = m_harbor + QStringLiteral("/harborprov");
    // Harbor's own policies, read from its API with curl: what any client sees.
    const auto policies = [&] {
        const auto answer = test::runTool(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-u"),
                                                                   QStringLiteral("harbordev:") + m_users.value(QStringLiteral("harbordev")).toString(),
                                                                   QStringLiteral("http://%1/api/v2.0/projects/harborprov/webhook/policies").arg(m_harbor)});
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue& v : QJsonDocument::fromJson(answer.out).array())
            byName.insert(v.toObject().value(QStringLiteral("name")).toString(), v.toObject());
        return byName;
    };
    const QString secret = policies().value(QStringLiteral("ci-notify")).value(QStringLiteral("targets")).toArray().first().toObject().value(
        QStringLiteral("auth_header")).toString();
    QVERIFY(!secret.isEmpty());

    // Edit: new events, same address; the auth header Berth never shows stays with it.
    const auto edited = test::runBerthctl({QStringLiteral("webhooks"), QStringLiteral("set"), project, QStringLiteral("ci-notify"),
                                           QStringLiteral("https://ci.example/hooks/harbor"), QStringLiteral("PUSH_ARTIFACT,SCANNING_COMPLETED")}, env);
    QVERIFY2(edited.exitCode == 0, edited.err.constData());
    QJsonObject ci = policies().value(QStringLiteral("ci-notify"));
    QCOMPARE(ci.value(QStringLiteral("event_types")).toArray(), (QJsonArray{QStringLiteral("PUSH_ARTIFACT"), QStringLiteral("SCANNING_COMPLETED")}));
    QCOMPARE(ci.value(QStringLiteral("targets")).toArray().first().toObject().value(QStringLiteral("auth_header")).toString(), secret);
    QVERIFY(!edited.out.contains(secret.toUtf8()));

    // Add, disabled; then the list shows both.
    const auto added = test::runBerthctl({QStringLiteral("webhooks"), QStringLiteral("set"), project, QStringLiteral("berth-cd"),
                                          QStringLiteral("https://cd.example/berth"), QStringLiteral("DELETE_ARTIFACT"), QStringLiteral("--disabled")}, env);
    QVERIFY2(added.exitCode == 0, added.err.constData());
    const QJsonObject cd = policies().value(QStringLiteral("berth-cd"));
    QCOMPARE(cd.value(QStringLiteral("enabled")).toBool(true), false);
    QCOMPARE(cd.value(QStringLiteral("targets")).toArray().first().toObject().value(QStringLiteral("address")).toString(), QStringLiteral("https://cd.example/berth"));
    const auto listed = test::runBerthctl({QStringLiteral("--json"), QStringLiteral("webhooks"), project}, env);
    QCOMPARE(QJsonDocument::fromJson(listed.out).object().value(QStringLiteral("webhooks")).toArray().size(), 2);
    // Moving a webhook to another address drops the secret meant for the old one.
    const auto moved = test::runBerthctl({QStringLiteral("webhooks"), QStringLiteral("set"), project, QStringLiteral("ci-notify"),
                                          QStringLiteral("https://elsewhere.example/hook"), QStringLiteral("PUSH_ARTIFACT")}, env);
    QVERIFY2(moved.exitCode == 0, moved.err.constData());
    QVERIFY(!policies().value(QStringLiteral("ci-notify")).value(QStringLiteral("targets")).toArray().first().toObject().contains(QStringLiteral("auth_header")));

    // Refused in plain words: an event type Harbor does not know (with its list), a project where the login is a developer.
    const auto unknown = test::runBerthctl({QStringLiteral("webhooks"), QStringLiteral("set"), project, QStringLiteral("x"),
                                            QStringLiteral("https://x.example/"), QStringLiteral("PUSH_IMAGE")}, env);
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("PUSH_IMAGE is no event type of this Harbor") && unknown.err.contains("PULL_ARTIFACT"), unknown.err.constData());
    const auto denied = test::runBerthctl({QStringLiteral("webhooks"), QStringLiteral("set"), m_harbor + QStringLiteral("/demo"), QStringLiteral("x"),
                                           QStringLiteral("https://x.example/"), QStringLiteral("PUSH_ARTIFACT")}, env);
    QCOMPARE(denied.exitCode, 3);
    QCOMPARE(policies().size(), 2);
}

void TestHarbor::aWatchReportsANewImagesScanFindings()
{
    const auto env = developer();
    const QString path = QStringLiteral("harborprov/watched-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const auto push = [&](const QString& tag) {
        return test::runTool(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--quiet"), QStringLiteral("--src-tls-verify=false"),
                                                        QStringLiteral("--dest-tls-verify=false"),
                                                        QStringLiteral("docker://%1/demo/webapp:1.0.0").arg(m_bed.anonymous),
                                                        QStringLiteral("docker://%1/%2:%3").arg(m_bed.anonymous, path, tag)})
                   .exitCode
            == 0;
    };
    QVERIFY(push(QStringLiteral("base")));
    const QStringList watch{QStringLiteral("watch"), m_harbor + QLatin1Char('/') + path, QStringLiteral("--once"), QStringLiteral("--json")};
    const auto baseline = test::runBerthctl(watch + QStringList{QStringLiteral("--scan-severity"), QStringLiteral("high")}, env);
    QVERIFY2(baseline.exitCode == 0, baseline.err.constData());
    QVERIFY(baseline.out.isEmpty());

    // Harbor's scan of the new image (the fixture report: one High finding) comes with its tag.
    QVERIFY(push(QStringLiteral("rc")));
    const auto found = test::runBerthctl(watch + QStringList{QStringLiteral("--scan-severity"), QStringLiteral("high")}, env);
    QVERIFY2(found.exitCode == 0, found.err.constData());
    const QList<QByteArray> lines = found.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value(QStringLiteral("type")).toString(), QStringLiteral("TAG_CREATED"));
    const QJsonObject scan = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(scan.value(QStringLiteral("type")).toString(), QStringLiteral("SCAN_FINDINGS"));
    const QJsonObject resource = scan.value(QStringLiteral("event_data")).toObject().value(QStringLiteral("resources")).toArray().first().toObject();
    QCOMPARE(resource.value(QStringLiteral("tag")).toString(), QStringLiteral("rc"));
    const QJsonObject vulnerabilities = resource.value(QStringLiteral("vulnerabilities")).toObject();
    QCOMPARE(vulnerabilities.value(QStringLiteral("threshold")).toString(), QStringLiteral("High"));
    QCOMPARE(vulnerabilities.value(QStringLiteral("atOrAbove")).toInt(), 1);
    QCOMPARE(vulnerabilities.value(QStringLiteral("summary")).toObject().value(QStringLiteral("High")).toInt(), 1);

    // Below the chosen severity: the tag alone.
    QVERIFY(push(QStringLiteral("rc2")));
    const auto quiet = test::runBerthctl(watch + QStringList{QStringLiteral("--scan-severity"), QStringLiteral("critical")}, env);
    QVERIFY2(quiet.exitCode == 0, quiet.err.constData());
    QCOMPARE(quiet.out.trimmed().split('\n').size(), 1);
    const auto bad = test::runBerthctl(watch + QStringList{QStringLiteral("--scan-severity"), QStringLiteral("dire")}, env);
    QCOMPARE(bad.exitCode, 2);
}

void TestHarbor::theProjectsRetentionPolicyIsReadAndPlanned()
{
    const auto env = developer();
    const auto shown = test::runBerthctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("show"),
                                          m_harbor + QStringLiteral("/harborprov/app")}, env);
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    const QJsonObject policy = QJsonDocument::fromJson(shown.out).object();
    QCOMPARE(policy.value(QStringLiteral("format")).toString(), QStringLiteral("harbor-retention"));
    QCOMPARE(policy.value(QStringLiteral("policy")).toObject().value(QStringLiteral("rules")).toArray().at(0).toObject()
                 .value(QStringLiteral("template")).toString(), QStringLiteral("latestPushedK"));
    // Keep the two latest pushed: v1's image goes in Berth's plan of Harbor's own policy.
    const auto plan = test::runBerthctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("plan"), m_harbor + QStringLiteral("/harborprov/app")}, env);
    QVERIFY2(plan.exitCode == 0, plan.err.constData());
    QStringList deleting;
    for (const QJsonValue& e : QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("entries")).toArray()) {
        if (e.toObject().value(QStringLiteral("action")).toString() == u"delete")
            deleting << e.toObject().value(QStringLiteral("digest")).toString();
    }
    QCOMPARE(deleting, QStringList{m_tags.value(QStringLiteral("v1")).toString()});
    // Harbor's own dry run (a retention execution with dry_run) counts the same as Berth's plan.
    auto preview = [&] {
        const auto run = test::runBerthctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("preview"),
                                            m_harbor + QStringLiteral("/harborprov/app")}, env);
        if (run.exitCode != 0)
            qWarning("%s", run.err.constData());
        return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("counts")).toObject();
    };
    QJsonObject counts = preview();
    QCOMPARE(counts.value(QStringLiteral("registryRemoves")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("registryTotal")).toInt(), 3);
    QCOMPARE(counts.value(QStringLiteral("berthRemoves")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("berthTotal")).toInt(), 3);
    // Written back by a maintainer (keep only the newest), dry-run again; a guest may not write.
    QJsonObject changed = policy.value(QStringLiteral("policy")).toObject();
    QJsonArray rules = changed.value(QStringLiteral("rules")).toArray();
    QJsonObject rule = rules.at(0).toObject();
    rule.insert(QStringLiteral("params"), QJsonObject{{QStringLiteral("latestPushedK"), 1}});
    rules.replace(0, rule);
    changed.insert(QStringLiteral("rules"), rules);
    QFile file(m_homes.filePath(QStringLiteral("harbor-keep1.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(changed).toJson());
    file.close();
    const auto guest = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("put"), m_harbor + QStringLiteral("/harborprov/app"),
                                          QStringLiteral("--policy"), file.fileName(), QStringLiteral("--yes")},
                                         harborLogin(QStringLiteral("harborguest"), m_users.value(QStringLiteral("harborguest")).toString()));
    QVERIFY(guest.exitCode != 0);
    const auto put = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("put"), m_harbor + QStringLiteral("/harborprov/app"),
                                        QStringLiteral("--policy"), file.fileName(), QStringLiteral("--yes")}, env);
    QVERIFY2(put.exitCode == 0, put.err.constData());
    counts = preview();
    QCOMPARE(counts.value(QStringLiteral("registryRemoves")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("berthRemoves")).toInt(), 2);
    QFile original(m_homes.filePath(QStringLiteral("harbor-keep2.json")));
    QVERIFY(original.open(QIODevice::WriteOnly));
    original.write(QJsonDocument(policy.value(QStringLiteral("policy")).toObject()).toJson());
    original.close();
    QCOMPARE(test::runBerthctl({QStringLiteral("retention"), QStringLiteral("policy"), QStringLiteral("put"), m_harbor + QStringLiteral("/harborprov/app"),
                                QStringLiteral("--policy"), original.fileName(), QStringLiteral("--yes")}, env).exitCode, 0);

    // Projects without a policy say so.
    const auto none = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), m_harbor + QStringLiteral("/demo/webapp")}, env);
    QVERIFY(none.exitCode != 0);
    QVERIFY2(none.err.contains("has no cleanup policy of its own"), none.err.constData());
}

QTEST_GUILESS_MAIN(TestHarbor)
// The stand-in's registry checks tokens as Harbor's does, so Berth's token flow against Harbor is
// tested (the stand-in once passed every /v2 request on without asking).
void TestHarbor::theRegistryWantsHarborsTokenForWhatTheLoginMayDo()
{
    // Asked directly: a token service challenge, and a token that grants what the login may do.
    auto status = [&](const QString& method, const QString& path, const QString& user, const QString& password, const QString& scope) {
        QStringList tokenArgs{QStringLiteral("-s"), QStringLiteral("http://%1/service/token?service=harbor-registry&scope=%2").arg(m_harbor, scope)};
        if (!user.isEmpty())
            tokenArgs << QStringLiteral("-u") << user + QLatin1Char(':') + password;
        const QString token = QJsonDocument::fromJson(test::runTool(QStringLiteral("curl"), tokenArgs).out).object().value(QStringLiteral("token")).toString();
        const auto answer = test::runTool(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                                                                   QStringLiteral("%{http_code}"), QStringLiteral("-X"), method, QStringLiteral("-H"),
                                                                   QStringLiteral("Authorization: Bearer ") + token, QStringLiteral("http://%1%2").arg(m_harbor, path)});
        return answer.out;
    };
    const auto unauthenticated = test::runTool(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-i"), QStringLiteral("http://%1/v2/harborprov/app/tags/list").arg(m_harbor)});
    QVERIFY2(unauthenticated.out.startsWith("HTTP/1.0 401") || unauthenticated.out.startsWith("HTTP/1.1 401"), unauthenticated.out.constData());
    QVERIFY2(unauthenticated.out.contains("/service/token\",service=\"harbor-registry\",scope=\"repository:harborprov/app:pull\""), unauthenticated.out.constData());
    const QString guest = m_users.value(QStringLiteral("harborguest")).toString();
    const QString pullApp = QStringLiteral("repository:harborprov/app:pull");
    QCOMPARE(status(QStringLiteral("GET"), QStringLiteral("/v2/harborprov/app/tags/list"), {}, {}, pullApp), QByteArray("401")); // private project
    QCOMPARE(status(QStringLiteral("GET"), QStringLiteral("/v2/harborprov/app/tags/list"), QStringLiteral("harborguest"), guest, pullApp), QByteArray("200"));
    QCOMPARE(status(QStringLiteral("GET"), QStringLiteral("/v2/public/hello/tags/list"), {}, {}, QStringLiteral("repository:public/hello:pull")), QByteArray("200"));
    const QString v1 = m_tags.value(QStringLiteral("v1")).toString();
    QCOMPARE(status(QStringLiteral("DELETE"), QStringLiteral("/v2/harborprov/app/manifests/") + v1, QStringLiteral("harborguest"), guest,
                    QStringLiteral("repository:harborprov/app:delete")), QByteArray("401")); // a guest may not delete
    // Through Berth: no login, no tags of a private project; the guest's login reads them.
    auto anonymous = test::isolatedEnvironment(m_homes.filePath(QStringLiteral("nobody")));
    auto run = test::runBerthctl({QStringLiteral("tags"), m_harbor + QStringLiteral("/harborprov/app")}, anonymous);
    QVERIFY2(run.exitCode == 3, run.err.constData());
    run = test::runBerthctl({QStringLiteral("tags"), m_harbor + QStringLiteral("/harborprov/app")}, harborLogin(QStringLiteral("harborguest"), guest));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(lines(run.out).contains(QStringLiteral("v1")));
}

#include "tst_harbor.moc"
