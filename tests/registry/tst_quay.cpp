// Quay through its API v1, as a user of berthctl sees it: against the bed's Quay stand-in
// (tests/bed/quay_mock.py, built from tests/fixtures/quay/FACTS.md), reached as quay.io with
// --connect-to and the bed's CA. Quay keeps every tag's history; Berth's timeline shows it.
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::runBerthctl;
using test::runTool;

class TestQuay : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    test::PublicStandIn m_quay;
    QTemporaryDir m_dir;

    // A docker login with an OAuth token, as Quay has it: user "$oauthtoken".
    QProcessEnvironment environment(const QString& name, const QString& user, const QStringList& organisations = {})
    {
        QProcessEnvironment env = m_quay.environment(m_dir.filePath(name), QStringLiteral("quay.io"), QStringLiteral("quay.io"), {}, organisations);
        if (!user.isEmpty())
            test::writeDockerLogin(env, QStringLiteral("quay.io"), QStringLiteral("$oauthtoken"), m_quay.token(user));
        return env;
    }

    test::ProcessResult ctl(const QStringList& args, const QProcessEnvironment& env)
    {
        return runBerthctl(QStringList{QStringLiteral("--ca-file"), m_bed.caFile} + args, env);
    }

    // The live tags as the registry API lists them (anonymous token from quay.io/v2/auth).
    QStringList registryTags(const QString& repository)
    {
        return m_quay.registryTags(QStringLiteral("https://quay.io/v2/auth?service=quay.io&scope=repository:%1:pull").arg(repository),
                                   QStringLiteral("https://quay.io/v2/%1/tags/list").arg(repository));
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        m_quay = test::PublicStandIn::load(m_bed, QStringLiteral("quay"));
        QVERIFY2(!m_quay.json.isEmpty(), "the bed has no Quay stand-in");
        QVERIFY(m_dir.isValid());
    }

    void listsANamespaceAndTheCatalog()
    {
        const auto env = environment(QStringLiteral("repos"), QStringLiteral("quayuser"));
        const auto one = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("quay.io/quayorg2")}, env);
        QVERIFY2(one.exitCode == 0, one.err.constData());
        QCOMPARE(QJsonDocument::fromJson(one.out).object().value(QStringLiteral("repositories")).toArray().size(), 40);
        // Quay has a catalog of what the login sees: 3 x 40 and quayuser/app.
        const auto all = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("quay.io")}, env);
        QVERIFY2(all.exitCode == 0, all.err.constData());
        const QJsonArray repos = QJsonDocument::fromJson(all.out).object().value(QStringLiteral("repositories")).toArray();
        QCOMPARE(repos.size(), 121);
    }

    void theTimelineIsQuaysOwnHistory()
    {
        // "prod" pointed at three images in turn; Berth never saw the first two, Quay did.
        const auto env = environment(QStringLiteral("timeline"), {});
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("timeline"), QStringLiteral("quay.io/quayuser/app:prod")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(doc.value(QStringLiteral("source")).toString(), QStringLiteral("quay-api"));
        const QJsonArray rows = doc.value(QStringLiteral("observations")).toArray();
        QJsonArray seeded;
        for (const QJsonValue& r : m_quay.json.value(QStringLiteral("history")).toObject().value(QStringLiteral("quayuser/app")).toArray()) {
            if (r.toObject().value(QStringLiteral("name")).toString() == u"prod")
                seeded.append(r);
        }
        QCOMPARE(rows.size(), 3);
        QCOMPARE(seeded.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject mine = rows[i].toObject();
            const QJsonObject quay = seeded[i].toObject();
            QCOMPARE(mine.value(QStringLiteral("digest")).toString(), quay.value(QStringLiteral("manifest_digest")).toString());
            QCOMPARE(QDateTime::fromString(mine.value(QStringLiteral("firstSeen")).toString(), Qt::ISODate).toSecsSinceEpoch(),
                     quay.value(QStringLiteral("start_ts")).toInteger());
            if (quay.contains(QStringLiteral("end_ts")))
                QCOMPARE(QDateTime::fromString(mine.value(QStringLiteral("lastSeen")).toString(), Qt::ISODate).toSecsSinceEpoch(),
                         quay.value(QStringLiteral("end_ts")).toInteger());
        }
    }

    void aDeletedTagComesBackWithUndo()
    {
        const QString repo = QStringLiteral("quayuser/app");
        const auto env = environment(QStringLiteral("undo"), QStringLiteral("quayuser"));
        QVERIFY(registryTags(repo).contains(QStringLiteral("beta")));
        const auto removed = ctl({QStringLiteral("rm"), QStringLiteral("quay.io/quayuser/app:beta"), QStringLiteral("--tag-only")}, env);
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QVERIFY(!registryTags(repo).contains(QStringLiteral("beta")));
        QVERIFY(registryTags(repo).contains(QStringLiteral("prod"))); // nothing else went
        const auto audit = ctl({QStringLiteral("--json"), QStringLiteral("audit")}, env);
        qint64 id = -1;
        for (const QJsonValue& e : QJsonDocument::fromJson(audit.out).object().value(QStringLiteral("entries")).toArray()) {
            if (e.toObject().value(QStringLiteral("tag")).toString() == u"beta")
                id = e.toObject().value(QStringLiteral("id")).toInteger();
        }
        QVERIFY2(id > 0, audit.out.constData());
        const auto undo = ctl({QStringLiteral("undo"), QString::number(id)}, env);
        QVERIFY2(undo.exitCode == 0, undo.err.constData());
        QVERIFY(registryTags(repo).contains(QStringLiteral("beta")));
        // Quay's history records the deletion and the restore.
        const auto timeline = ctl({QStringLiteral("--json"), QStringLiteral("timeline"), QStringLiteral("quay.io/quayuser/app:beta")}, env);
        QCOMPARE(QJsonDocument::fromJson(timeline.out).object().value(QStringLiteral("observations")).toArray().size(), 2);
    }

    void plansWithTheRepositorysOwnAutoPrunePolicy()
    {
        // No --policy: Quay's auto-prune policy of the repository (keep 2 tags) is read from its API.
        const auto env = environment(QStringLiteral("prune"), QStringLiteral("quayuser"));
        const auto plan = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("plan"), QStringLiteral("quay.io/quayuser/app")}, env);
        QVERIFY2(plan.exitCode == 0, plan.err.constData());
        QVERIFY(plan.err.contains("auto-prune"));
        int pruned = 0;
        for (const QJsonValue& e : QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("entries")).toArray()) {
            const QJsonObject entry = e.toObject();
            if (entry.value(QStringLiteral("action")).toString() == u"delete")
                pruned += int(entry.value(QStringLiteral("tags")).toArray().size());
            else if (entry.value(QStringLiteral("action")).toString() == u"untag")
                pruned += int(entry.value(QStringLiteral("untag")).toArray().size());
        }
        QCOMPARE(pruned, int(registryTags(QStringLiteral("quayuser/app")).size()) - 2);
    }

    void aReadOnlyLoginIsToldBeforeAnythingGoes()
    {
        const auto env = environment(QStringLiteral("reader"), QStringLiteral("quayreader"));
        const auto result = ctl({QStringLiteral("rm"), QStringLiteral("quay.io/quayorg1/repo03:1.0"), QStringLiteral("--tag-only")}, env);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains("may not write"), result.err.constData());
        QCOMPARE(registryTags(QStringLiteral("quayorg1/repo03")), QStringList{QStringLiteral("1.0")});
    }

    void aNamespaceThatDoesNotExistIsSaidPlainly()
    {
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("quay.io/nobody-here")},
                                environment(QStringLiteral("nobody"), QStringLiteral("quayuser")));
        // Quay answers an unknown namespace with an empty list: Berth says what that may mean.
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(result.out).object().value(QStringLiteral("repositories")).toArray().size(), 0);
        QVERIFY2(result.err.contains("may not exist"), result.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestQuay)
#include "tst_quay.moc"
