// Docker Hub through its own API, as a user of berthctl sees it: against the bed's Hub stand-in
// (tests/bed/hub_mock.py, built from hub-api.reduced.yaml and FACTS.md), reached under the real
// host names with --connect-to and the bed's CA, in front of a real docker-registry.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::runBerthctl;
using test::runTool;

class TestDockerHub : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    test::PublicStandIn m_hub;
    QTemporaryDir m_dir;

    QString pat(const QString& user) const { return m_hub.token(user); }

    // A user's environment: routed to the stand-in, a docker login when `user` is set (with
    // `secret` instead of the user's token when given), the organisations named in registries.ini.
    QProcessEnvironment environment(const QString& name, const QString& user = {}, const QString& secret = {},
                                    const QStringList& organisations = {})
    {
        QProcessEnvironment env = m_hub.environment(m_dir.filePath(name), QStringLiteral("docker.io"),
                                                    QStringLiteral("https://index.docker.io/v1/"), user, organisations);
        if (!secret.isEmpty())
            test::writeDockerLogin(env, QStringLiteral("https://index.docker.io/v1/"), user, secret);
        return env;
    }

    test::ProcessResult ctl(const QStringList& args, const QProcessEnvironment& env)
    {
        return runBerthctl(QStringList{QStringLiteral("--ca-file"), m_bed.caFile} + args, env);
    }

    // What Hub's own API says, fetched with curl (not through Berth).
    QJsonObject hubApi(const QString& path)
    {
        const QStringList args = m_hub.curlArguments() + QStringList{QStringLiteral("https://hub.docker.com") + path};
        const auto result = runTool(QStringLiteral("curl"), args);
        return QJsonDocument::fromJson(result.out).object();
    }

    // The tags the registry API (registry-1.docker.io) lists, with an anonymous token as docker gets one.
    QStringList registryTags(const QString& repository)
    {
        return m_hub.registryTags(
            QStringLiteral("https://auth.docker.io/token?service=registry.docker.io&scope=repository:%1:pull").arg(repository),
            QStringLiteral("https://registry-1.docker.io/v2/%1/tags/list").arg(repository));
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        m_hub = test::PublicStandIn::load(m_bed, QStringLiteral("hub"));
        QVERIFY2(!m_hub.json.isEmpty(), "the bed has no Docker Hub stand-in");
        QVERIFY(m_dir.isValid());
    }

    void listsEveryRepositoryOfANamespace()
    {
        const auto env = environment(QStringLiteral("namespace"));
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("docker.io/berthorg2")}, env);
        QCOMPARE(result.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(result.out).object();
        QStringList expected;
        for (int i = 0; i < 40; ++i)
            expected << QStringLiteral("berthorg2/svc%1").arg(i, 2, 10, QLatin1Char('0'));
        QCOMPARE(test::sortedStrings(doc.value(QStringLiteral("repositories")).toArray()), expected);
    }

    void aLoginSeesItsOwnAndItsOrganisationsRepositories()
    {
        // 3 organisations x 40 repositories and the user's own 7: every one, across pages of 100.
        const auto env = environment(QStringLiteral("all"), QStringLiteral("berthuser"), {},
                                     {QStringLiteral("berthorg1"), QStringLiteral("berthorg2"), QStringLiteral("berthorg3")});
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("docker.io")}, env);
        QCOMPARE(result.exitCode, 0);
        const QStringList repos = test::sortedStrings(QJsonDocument::fromJson(result.out).object().value(QStringLiteral("repositories")).toArray());
        QCOMPARE(repos.size(), 127);
        QVERIFY(repos.contains(QStringLiteral("berthuser/webapp")));
        QVERIFY(repos.contains(QStringLiteral("berthorg3/svc39")));
        // Plain output streams the same list.
        const auto plain = ctl({QStringLiteral("repos"), QStringLiteral("docker.io")}, env);
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(test::sorted(QString::fromUtf8(plain.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)), repos);
    }

    void anonymousWithoutANamespaceIsToldWhatToDo()
    {
        const auto result = ctl({QStringLiteral("repos"), QStringLiteral("docker.io")}, environment(QStringLiteral("anon")));
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("docker.io/NAMESPACE"), result.err.constData());
    }

    void tagDatesAreWhatHubReports()
    {
        const auto env = environment(QStringLiteral("dates"), QStringLiteral("berthuser"));
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("tags"), QStringLiteral("docker.io/berthuser/webapp")}, env);
        QCOMPARE(result.exitCode, 0);
        const QJsonArray details = QJsonDocument::fromJson(result.out).object().value(QStringLiteral("details")).toArray();
        const QJsonObject api = hubApi(QStringLiteral("/v2/namespaces/berthuser/repositories/webapp/tags?page_size=100"));
        const QJsonArray rows = api.value(QStringLiteral("results")).toArray();
        QCOMPARE(details.size(), rows.size());
        QCOMPARE(details.size(), 6);
        auto sameInstant = [](const QJsonValue& berth, const QJsonValue& hub) {
            if (hub.isNull())
                return berth.isNull();
            // Hub writes microseconds; Berth keeps milliseconds.
            const QDateTime h = QDateTime::fromString(hub.toString(), Qt::ISODateWithMs);
            const QDateTime b = QDateTime::fromString(berth.toString(), Qt::ISODateWithMs);
            return h.isValid() && b.isValid() && qAbs(h.msecsTo(b)) < 1;
        };
        for (const QJsonValue& row : rows) {
            const QJsonObject hub = row.toObject();
            const auto match = std::find_if(details.begin(), details.end(), [&](const QJsonValue& d) {
                return d.toObject().value(QStringLiteral("tag")) == hub.value(QStringLiteral("name"));
            });
            QVERIFY(match != details.end());
            const QJsonObject mine = match->toObject();
            QCOMPARE(mine.value(QStringLiteral("digest")), hub.value(QStringLiteral("digest")));
            QVERIFY2(sameInstant(mine.value(QStringLiteral("pushed")), hub.value(QStringLiteral("tag_last_pushed"))),
                     qPrintable(mine.value(QStringLiteral("pushed")).toString()));
            QVERIFY(sameInstant(mine.value(QStringLiteral("pulled")), hub.value(QStringLiteral("tag_last_pulled"))));
            QCOMPARE(mine.value(QStringLiteral("dateSource")).toString(), QStringLiteral("docker-hub-api"));
            if (hub.value(QStringLiteral("name")).toString() == u"multi")
                QCOMPARE(mine.value(QStringLiteral("platforms")).toArray(),
                         (QJsonArray{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}));
        }
    }

    // 250 tags come in three pages, each written out as it arrives: every tag once, with what Hub
    // says of it, in the order asked for (version, or newest push first), details beside names.
    void aTagListOfSeveralPagesIsWholeAndInOrder()
    {
        const auto env = environment(QStringLiteral("paged"));
        QHash<QString, QJsonObject> hub;
        for (int page = 1; page <= 3; ++page) {
            const QJsonObject answer = hubApi(QStringLiteral("/v2/namespaces/hubpaged/repositories/many/tags?page=%1&page_size=100").arg(page));
            QCOMPARE(answer.value(QStringLiteral("count")).toInt(), 250);
            for (const QJsonValue& row : answer.value(QStringLiteral("results")).toArray())
                hub.insert(row.toObject().value(QStringLiteral("name")).toString(), row.toObject());
        }
        QCOMPARE(hub.size(), 250);
        for (const QString& sort : {QStringLiteral("version"), QStringLiteral("pushed")}) {
            const auto result = ctl({QStringLiteral("--json"), QStringLiteral("--sort"), sort, QStringLiteral("tags"), QStringLiteral("docker.io/hubpaged/many")}, env);
            QVERIFY2(result.exitCode == 0, result.err.constData());
            const QJsonObject doc = QJsonDocument::fromJson(result.out).object();
            const QJsonArray details = doc.value(QStringLiteral("details")).toArray();
            const QJsonArray names = doc.value(QStringLiteral("tags")).toArray();
            QCOMPARE(details.size(), 250);
            QCOMPARE(names.size(), 250);
            QSet<QString> seen;
            QDateTime previous;
            for (qsizetype i = 0; i < details.size(); ++i) {
                const QJsonObject mine = details.at(i).toObject();
                const QString tag = mine.value(QStringLiteral("tag")).toString();
                QCOMPARE(names.at(i).toString(), tag);
                QVERIFY2(!seen.contains(tag), qPrintable(tag));
                seen.insert(tag);
                QVERIFY2(hub.contains(tag), qPrintable(tag));
                QCOMPARE(mine.value(QStringLiteral("digest")), hub[tag].value(QStringLiteral("digest")));
                const QDateTime pushed = QDateTime::fromString(mine.value(QStringLiteral("pushed")).toString(), Qt::ISODateWithMs);
                const QDateTime hubPushed = QDateTime::fromString(hub[tag].value(QStringLiteral("tag_last_pushed")).toString(), Qt::ISODateWithMs);
                QVERIFY(qAbs(pushed.msecsTo(hubPushed)) <= 1);
                if (sort == u"version")
                    QCOMPARE(tag, QStringLiteral("t%1").arg(i, 5, 10, QLatin1Char('0')));
                else
                    QVERIFY2(i == 0 || pushed <= previous, qPrintable(tag)); // newest first
                previous = pushed;
            }
        }
    }

    void removesExactlyOneTag()
    {
        const QString repo = QStringLiteral("berthorg1/svc07");
        const auto env = environment(QStringLiteral("rm"), QStringLiteral("berthuser"));
        QCOMPARE(registryTags(repo), QStringList{QStringLiteral("1.0")});
        // The registry itself refuses manifest deletion (405); Berth deletes the tag through Hub's API.
        const auto result = ctl({QStringLiteral("rm"), QStringLiteral("docker.io/%1:1.0").arg(repo), QStringLiteral("--tag-only")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(registryTags(repo), QStringList{});
        QCOMPARE(registryTags(QStringLiteral("berthorg1/svc08")), QStringList{QStringLiteral("1.0")});
        // The audit log says what went and from which digest.
        const auto audit = ctl({QStringLiteral("--json"), QStringLiteral("audit")}, env);
        QVERIFY(audit.out.contains("svc07"));
        QVERIFY(audit.out.contains("delete-tag"));
    }

    void staleImagesArePlannedByHubsLastPulls()
    {
        // ECR's sinceImagePulled, Berth's rule on Hub (whose API keeps last pulls but no policies).
        const QString repo = QStringLiteral("berthuser/webapp");
        const auto env = environment(QStringLiteral("stale"), QStringLiteral("berthuser"));
        QFile p(m_dir.filePath(QStringLiteral("stale.json")));
        QVERIFY(p.open(QIODevice::WriteOnly));
        p.write(R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":120},"action":{"type":"expire"}}]})");
        p.close();
        const auto plan = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("plan"), QStringLiteral("docker.io/") + repo,
                               QStringLiteral("--policy"), p.fileName()}, env);
        QVERIFY2(plan.exitCode == 0, plan.err.constData());
        QSet<QString> planned;
        for (const QJsonValue& e : QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("entries")).toArray()) {
            if (e.toObject().value(QStringLiteral("action")).toString() == u"delete")
                planned.insert(e.toObject().value(QStringLiteral("digest")).toString());
        }
        // From Hub's own rows: an image's last pull is the latest of its tags'; never pulled counts from its first push.
        QHash<QString, QDateTime> pulled, pushed;
        for (const QJsonValue& row : hubApi(QStringLiteral("/v2/namespaces/berthuser/repositories/webapp/tags?page_size=100")).value(QStringLiteral("results")).toArray()) {
            const QString digest = row.toObject().value(QStringLiteral("digest")).toString();
            const QDateTime pull = QDateTime::fromString(row.toObject().value(QStringLiteral("tag_last_pulled")).toString(), Qt::ISODateWithMs);
            const QDateTime push = QDateTime::fromString(row.toObject().value(QStringLiteral("tag_last_pushed")).toString(), Qt::ISODateWithMs);
            if (pull.isValid() && (!pulled.contains(digest) || pulled.value(digest) < pull))
                pulled.insert(digest, pull);
            if (!pushed.contains(digest) || push < pushed.value(digest))
                pushed.insert(digest, push);
        }
        const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-120);
        QSet<QString> expected;
        for (auto it = pushed.begin(); it != pushed.end(); ++it) {
            if ((pulled.contains(it.key()) ? pulled.value(it.key()) : it.value()) < cutoff)
                expected.insert(it.key());
        }
        QVERIFY(!expected.isEmpty() && expected.size() < pushed.size());
        QCOMPARE(planned, expected);
    }

    void aRetentionPlanDeletesExactlyItsTags()
    {
        const QString repo = QStringLiteral("berthuser/webapp");
        const auto env = environment(QStringLiteral("retention"), QStringLiteral("berthuser"));
        const QStringList before = registryTags(repo);
        QCOMPARE(before.size(), 6);
        // Keep the two most recently pushed images (ECR lifecycle JSON); Hub's push dates decide.
        const QString policy = m_dir.filePath(QStringLiteral("keep2.json"));
        QFile p(policy);
        QVERIFY(p.open(QIODevice::WriteOnly));
        p.write(R"({"rules":[{"rulePriority":1,"description":"keep 2","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]})");
        p.close();
        const auto plan = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("plan"), QStringLiteral("docker.io/") + repo,
                               QStringLiteral("--policy"), policy}, env);
        QVERIFY2(plan.exitCode == 0, plan.err.constData());
        const QJsonObject planDoc = QJsonDocument::fromJson(plan.out).object();
        QCOMPARE(planDoc.value(QStringLiteral("deletionMethod")).toString(), QStringLiteral("tags"));
        QVERIFY(planDoc.value(QStringLiteral("deletionAllowed")).toBool());
        QStringList planned;
        for (const QJsonValue& e : planDoc.value(QStringLiteral("entries")).toArray()) {
            const QJsonObject entry = e.toObject();
            if (entry.value(QStringLiteral("action")).toString() == u"delete")
                for (const QJsonValue& t : entry.value(QStringLiteral("tags")).toArray())
                    planned << t.toString();
        }
        QVERIFY2(!planned.isEmpty() && planned.size() < before.size(), plan.out.constData());
        const QString planFile = m_dir.filePath(QStringLiteral("plan.json"));
        QFile f(planFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(plan.out);
        f.close();
        const auto apply = ctl({QStringLiteral("retention"), QStringLiteral("apply"), QStringLiteral("docker.io/") + repo,
                                QStringLiteral("--plan"), planFile, QStringLiteral("--yes")}, env);
        QVERIFY2(apply.exitCode == 0, apply.err.constData());
        QStringList expected = before;
        for (const QString& tag : std::as_const(planned))
            expected.removeAll(tag);
        QCOMPARE(registryTags(repo), expected);
    }

    void aReadOnlyTokenCannotDeleteAndNothingGoes()
    {
        const QString repo = QStringLiteral("berthorg2/svc03");
        const auto env = environment(QStringLiteral("reader"), QStringLiteral("berthreader"));
        const auto result = ctl({QStringLiteral("rm"), QStringLiteral("docker.io/%1:1.0").arg(repo), QStringLiteral("--tag-only")}, env);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains("forbidden") && result.err.contains("scope"), result.err.constData());
        QCOMPARE(registryTags(repo), QStringList{QStringLiteral("1.0")});
    }

    void anExpiredTokenIsRenewedWithoutAsking()
    {
        // Hub's tokens expire (10 minutes); this user's expire after one request: Berth logs in again.
        const auto env = environment(QStringLiteral("expiring"), QStringLiteral("berthshort"), {},
                                     {QStringLiteral("berthorg1"), QStringLiteral("berthorg2")});
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("docker.io")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(QJsonDocument::fromJson(result.out).object().value(QStringLiteral("repositories")).toArray().size(), 81);
    }

    void pacesItselfAndStopsAtThePullLimit()
    {
        // This account has 3 pulls left; the repository has more images. Berth learns the count from
        // the first answer, then pulls one at a time, and sends no GET once none is left: it says so,
        // and Hub never has to refuse it (its refusal would be a 429 "You have reached your pull rate limit").
        const auto env = environment(QStringLiteral("limited"), QStringLiteral("berthlimited"));
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("docker.io/berthuser/webapp")}, env);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("pull limit is used up") && result.err.contains("0 of 3"), result.err.constData());
        QVERIFY2(!result.err.contains("reached your pull rate limit"), result.err.constData());
        QVERIFY(result.out.isEmpty()); // no document cut short
    }

    void aWrongTokenIsSaidPlainly()
    {
        const auto env = environment(QStringLiteral("wrong"), QStringLiteral("berthuser"), QStringLiteral("dckr_pat_revoked"));
        const auto result = ctl({QStringLiteral("repos"), QStringLiteral("docker.io/berthorg1")}, env);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains("Docker Hub rejected the login"), result.err.constData());
        QVERIFY(!result.err.contains("dckr_pat_revoked")); // the secret never reaches a message
    }

    void brokenPagingIsAnErrorNotAShortList_data()
    {
        QTest::addColumn<QString>("ns");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("next comes back") << QStringLiteral("endless") << 1 << QStringLiteral("never end");
        QTest::newRow("count disagrees") << QStringLiteral("miscount") << 1 << QStringLiteral("count");
        QTest::newRow("429 Retry-After") << QStringLiteral("throttled") << 1 << QStringLiteral("429");
        QTest::newRow("no such namespace") << QStringLiteral("nobody") << 4 << QStringLiteral("not found");
    }

    void brokenPagingIsAnErrorNotAShortList()
    {
        QFETCH(QString, ns);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("docker.io/") + ns},
                                environment(QStringLiteral("broken-") + ns));
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    void malformedConnectToIsRefused()
    {
        const auto result = runBerthctl({QStringLiteral("--connect-to"), QStringLiteral("hub.docker.com:443"), QStringLiteral("repos"),
                                         QStringLiteral("docker.io/berthorg1")},
                                        environment(QStringLiteral("badroute")));
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("HOST:PORT:CONNECT_HOST:CONNECT_PORT"), result.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDockerHub)
#include "tst_dockerhub.moc"
