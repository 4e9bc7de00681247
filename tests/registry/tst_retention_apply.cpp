// Applying a plan deletes exactly the planned images, skips a tag that moved, keeps an audit log
// with undo, deletes a single tag when asked, and says so when a registry refuses deletion.
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"
#include "core/retention/Deleter.h"
#include "core/store/AuditLog.h"
#include "core/store/ContentStore.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::waitFor;

class TestRetentionApply : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;
    QString m_nodelete;

    QStringList tags()
    {
        const auto run = test::runBerthctl({QStringLiteral("tags"), m_bed.anonymous + QStringLiteral("/retention/app"), QStringLiteral("--json")},
                                           test::isolatedEnvironment(m_home.filePath(QStringLiteral("ctl"))));
        return test::sortedStrings(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("tags")).toArray());
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        QFile file(m_bed.stateDir + QStringLiteral("/bed.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_nodelete = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("nodelete")).toString();
    }

    // One test, in order: the steps share the repository.
    void applyUndoAndTagOnly()
    {
        const auto env = test::isolatedEnvironment(m_home.filePath(QStringLiteral("ctl")));
        QCOMPARE(tags(), (QStringList{QStringLiteral("alias"), QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v3"), QStringLiteral("v4")}));

        // A tag moved after the plan: its image survives, the others go.
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        RegistryClient client(*RegistryEndpoint::fromString(m_bed.anonymous), &http, &tokens, &none);
        ContentStore store(m_home.filePath(QStringLiteral("store")));
        AuditLog audit(m_home.filePath(QStringLiteral("audit.sqlite")));
        QVERIFY(audit.open());
        auto head = [&](const QString& tag) {
            auto h = waitFor<ManifestHead>([&](auto done) { client.headManifest(QStringLiteral("retention/app"), tag, nullptr, done); });
            return h && h->has_value() ? h->value().digest : QString();
        };
        const QString v1 = head(QStringLiteral("v1"));
        const QString v2 = head(QStringLiteral("v2"));
        const QString v3 = head(QStringLiteral("v3"));
        auto v3Bytes = waitFor<Manifest>([&](auto done) { client.fetchManifest(QStringLiteral("retention/app"), v3, nullptr, done); });
        QVERIFY(v3Bytes && v3Bytes->has_value());
        // The plan said: delete v1 and v2. Before apply, someone pushes v3's image as v2.
        auto moved = waitFor<QString>([&](auto done) {
            client.putManifest(QStringLiteral("retention/app"), QStringLiteral("v2"), v3Bytes->value().raw, v3Bytes->value().mediaType, nullptr, done);
        });
        QVERIFY(moved && moved->has_value());
        Deleter deleter(&client, &store, &audit);
        std::optional<QList<DeletionOutcome>> outcomes;
        deleter.deleteImages(QStringLiteral("retention/app"), {{v1, {QStringLiteral("v1")}}, {v2, {QStringLiteral("v2")}}}, nullptr, {},
                             [&](QList<DeletionOutcome> o) { outcomes = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcomes.has_value(), 20000);
        QCOMPARE(outcomes->at(0).result, DeletionOutcome::Result::Deleted);
        QCOMPARE(outcomes->at(1).result, DeletionOutcome::Result::TagMoved);
        QVERIFY(outcomes->at(1).message.contains(QStringLiteral("v2")));
        QCOMPARE(tags(), (QStringList{QStringLiteral("alias"), QStringLiteral("v2"), QStringLiteral("v3"), QStringLiteral("v4")}));
        QVERIFY(store.contains(v1)); // kept for undo
        QCOMPARE(audit.entries().first().action, QStringLiteral("delete"));
        QCOMPARE(audit.entries().first().fromDigest, v1);

        // berthctl: plan keeps the newest two images, apply deletes exactly the rest.
        QFile policy(m_home.filePath(QStringLiteral("keep2.json")));
        QVERIFY(policy.open(QIODevice::WriteOnly));
        policy.write("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        policy.close();
        auto run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), m_bed.anonymous + QStringLiteral("/retention/app"),
                                      QStringLiteral("--policy"), policy.fileName()}, env);
        QCOMPARE(run.exitCode, 2); // not without --yes
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), m_bed.anonymous + QStringLiteral("/retention/app"),
                                 QStringLiteral("--policy"), policy.fileName(), QStringLiteral("--yes")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("garbage collection"));
        // v2 and v3 now point at the March image, v4 and alias at the newest: only the newest stays.
        QCOMPARE(tags(), (QStringList{QStringLiteral("alias"), QStringLiteral("v4")}));

        // Undo puts v3 back from the audit log.
        run = test::runBerthctl({QStringLiteral("audit"), QStringLiteral("--json")}, env);
        qint64 id = 0;
        for (const auto& e : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray()) {
            if (e.toObject().value(QStringLiteral("tag")).toString() == u"v3")
                id = e.toObject().value(QStringLiteral("id")).toInteger();
        }
        QVERIFY(id > 0);
        run = test::runBerthctl({QStringLiteral("undo"), QString::number(id)}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(tags(), (QStringList{QStringLiteral("alias"), QStringLiteral("v3"), QStringLiteral("v4")}));

        // rm --tag-only removes the alias and nothing else.
        run = test::runBerthctl({QStringLiteral("rm"), m_bed.anonymous + QStringLiteral("/retention/app:alias"), QStringLiteral("--tag-only")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(tags(), (QStringList{QStringLiteral("v3"), QStringLiteral("v4")}));
        // ...and undo of that tag-only deletion puts alias back on the image it named (v4's).
        run = test::runBerthctl({QStringLiteral("audit"), QStringLiteral("--json")}, env);
        qint64 aliasEntry = 0;
        QString aliasDigest;
        for (const auto& e : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray()) {
            if (e.toObject().value(QStringLiteral("tag")).toString() == u"alias") {
                aliasEntry = e.toObject().value(QStringLiteral("id")).toInteger();
                aliasDigest = e.toObject().value(QStringLiteral("fromDigest")).toString();
            }
        }
        QVERIFY(aliasEntry > 0);
        QVERIFY(aliasDigest.startsWith(QStringLiteral("sha256:")));
        run = test::runBerthctl({QStringLiteral("undo"), QString::number(aliasEntry)}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(tags(), (QStringList{QStringLiteral("alias"), QStringLiteral("v3"), QStringLiteral("v4")}));
        QCOMPARE(head(QStringLiteral("alias")), aliasDigest);
        QCOMPARE(head(QStringLiteral("v4")), aliasDigest);
        // alias goes again, for what follows.
        run = test::runBerthctl({QStringLiteral("rm"), m_bed.anonymous + QStringLiteral("/retention/app:alias"), QStringLiteral("--tag-only")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());

        // A registry that does not allow deletion says so.
        run = test::runBerthctl({QStringLiteral("rm"), m_nodelete + QStringLiteral("/retention/app:v3")}, env);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("does not allow deletion"), run.err.constData());
        QCOMPARE(tags(), (QStringList{QStringLiteral("v3"), QStringLiteral("v4")}));

        // The dry run says before anything is tried that applying would fail there.
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), m_nodelete + QStringLiteral("/retention/app"),
                                 QStringLiteral("--policy"), policy.fileName(), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject plan = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(plan.value(QStringLiteral("deleting")).toInt(), 1);
        QCOMPARE(plan.value(QStringLiteral("deletionAllowed")).toBool(true), false);
        QVERIFY(plan.value(QStringLiteral("deletionProblem")).toString().contains(QStringLiteral("does not allow deletion")));
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), m_bed.anonymous + QStringLiteral("/retention/app"),
                                 QStringLiteral("--policy"), policy.fileName(), QStringLiteral("--json")}, env);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("deletionAllowed")).toBool(false), true);

        // A Harbor retention policy plans too: retain the newest image, so v3's goes.
        QFile harbor(m_home.filePath(QStringLiteral("harbor.json")));
        QVERIFY(harbor.open(QIODevice::WriteOnly));
        harbor.write("{\"algorithm\":\"or\",\"rules\":[{\"priority\":1,\"action\":\"retain\",\"template\":\"latestPushedK\",\"params\":{\"latestPushedK\":1},"
                     "\"tag_selectors\":[{\"kind\":\"doublestar\",\"decoration\":\"matches\",\"pattern\":\"**\"}]}]}");
        harbor.close();
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), m_bed.anonymous + QStringLiteral("/retention/app"),
                                 QStringLiteral("--policy"), harbor.fileName(), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray entries = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(1).toObject().value(QStringLiteral("tags")).toArray().first().toString(), QStringLiteral("v3"));
        QCOMPARE(entries.at(1).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("delete"));
        QCOMPARE(entries.at(1).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("no rule retains it"));
        QCOMPARE(entries.at(0).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("keep"));

        // And an Artifact Registry cleanup policy file: delete anything, keep the most recent version.
        QFile cleanup(m_home.filePath(QStringLiteral("cleanup.json")));
        QVERIFY(cleanup.open(QIODevice::WriteOnly));
        cleanup.write("[{\"name\":\"everything\",\"action\":{\"type\":\"Delete\"},\"condition\":{\"tagState\":\"ANY\"}},"
                      "{\"name\":\"newest\",\"action\":{\"type\":\"Keep\"},\"mostRecentVersions\":{\"keepCount\":1}}]");
        cleanup.close();
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), m_bed.anonymous + QStringLiteral("/retention/app"),
                                 QStringLiteral("--policy"), cleanup.fileName(), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray cleanupEntries = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray();
        QCOMPARE(cleanupEntries.size(), 2);
        QCOMPARE(cleanupEntries.at(0).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("keep"));
        QCOMPARE(cleanupEntries.at(1).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("delete"));
        QCOMPARE(cleanupEntries.at(1).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("everything: delete any"));

        // A login without the delete grant (anonymous on the token registry may only pull public/*)
        // is told so before the first deletion, and nothing goes.
        QFile old(m_home.filePath(QStringLiteral("older-than-30-days.json")));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}");
        old.close();
        const QString hello = m_bed.token + QStringLiteral("/public/hello");
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), hello, QStringLiteral("--policy"), old.fileName(), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("deleting")).toInt(), 1);
        QVERIFY(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("deletionProblem")).toString().contains(QStringLiteral("may not delete")));
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), hello, QStringLiteral("--policy"), old.fileName(), QStringLiteral("--yes")}, env);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("may not delete in public/hello"), run.err.constData());
        QVERIFY2(!run.err.contains("[1/"), run.err.constData()); // no deletion was attempted
        run = test::runBerthctl({QStringLiteral("rm"), hello + QStringLiteral(":latest"), QStringLiteral("--tag-only")}, env);
        QCOMPARE(run.exitCode, 3);
        run = test::runBerthctl({QStringLiteral("tags"), hello, QStringLiteral("--json")}, env);
        QVERIFY2(run.out.contains("\"latest\"") && run.out.contains("\"1.0\""), run.out.constData());

        // A reviewed plan is applied as it was written: keep the newest (v4), delete v3's image.
        const QString app = m_bed.anonymous + QStringLiteral("/retention/app");
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), app, QStringLiteral("--policy"), policy.fileName(), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile reviewed(m_home.filePath(QStringLiteral("reviewed-plan.json")));
        QVERIFY(reviewed.open(QIODevice::WriteOnly));
        reviewed.write(run.out);
        reviewed.close();
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), m_bed.anonymous + QStringLiteral("/retention/other"),
                                 QStringLiteral("--plan"), reviewed.fileName(), QStringLiteral("--yes")}, env);
        QCOMPARE(run.exitCode, 2); // made for another repository: refused whole
        QVERIFY2(run.err.contains("it was made for"), run.err.constData());
        // Since the review, the kept tag v4 was moved onto v3's image: deleting that digest would take v4, so it stays.
        auto v4Before = waitFor<Manifest>([&](auto done) { client.fetchManifest(QStringLiteral("retention/app"), QStringLiteral("v4"), nullptr, done); });
        QVERIFY(v4Before && v4Before->has_value());
        auto movedV4 = waitFor<QString>([&](auto done) {
            client.putManifest(QStringLiteral("retention/app"), QStringLiteral("v4"), v3Bytes->value().raw, v3Bytes->value().mediaType, nullptr, done);
        });
        QVERIFY(movedV4 && movedV4->has_value());
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), app, QStringLiteral("--plan"), reviewed.fileName(), QStringLiteral("--yes")}, env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("v4 now also points at it"), run.err.constData());
        QCOMPARE(tags(), (QStringList{QStringLiteral("v3"), QStringLiteral("v4")}));
        auto restoredV4 = waitFor<QString>([&](auto done) {
            client.putManifest(QStringLiteral("retention/app"), QStringLiteral("v4"), v4Before->value().raw, v4Before->value().mediaType, nullptr, done);
        });
        QVERIFY(restoredV4 && restoredV4->has_value());
        // Since the review, v3's image was also tagged hotfix: deleting the digest would take hotfix too, so it stays.
        auto hotfix = waitFor<QString>([&](auto done) {
            client.putManifest(QStringLiteral("retention/app"), QStringLiteral("hotfix"), v3Bytes->value().raw, v3Bytes->value().mediaType, nullptr, done);
        });
        QVERIFY(hotfix && hotfix->has_value());
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), app, QStringLiteral("--plan"), reviewed.fileName(), QStringLiteral("--yes")}, env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("hotfix now also points at it"), run.err.constData());
        QCOMPARE(tags(), (QStringList{QStringLiteral("hotfix"), QStringLiteral("v3"), QStringLiteral("v4")}));
        // Planned again, hotfix is seen and the image goes with both its tags; v4 stays.
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), app, QStringLiteral("--policy"), policy.fileName(), QStringLiteral("--json")}, env);
        QVERIFY(reviewed.open(QIODevice::WriteOnly | QIODevice::Truncate));
        reviewed.write(run.out);
        reviewed.close();
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), app, QStringLiteral("--plan"), reviewed.fileName(), QStringLiteral("--yes")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(tags(), (QStringList{QStringLiteral("v4")}));

        // A Quay auto-prune policy prunes tags: v4's image is also tagged ci-1; pruning ci-* takes
        // only that tag (tag-only deletion) and the image stays under v4.
        auto v4Manifest = waitFor<Manifest>([&](auto done) { client.fetchManifest(QStringLiteral("retention/app"), QStringLiteral("v4"), nullptr, done); });
        QVERIFY(v4Manifest && v4Manifest->has_value());
        auto ci = waitFor<QString>([&](auto done) {
            client.putManifest(QStringLiteral("retention/app"), QStringLiteral("ci-1"), v4Manifest->value().raw, v4Manifest->value().mediaType, nullptr, done);
        });
        QVERIFY(ci && ci->has_value());
        QFile quay(m_home.filePath(QStringLiteral("quay.json")));
        QVERIFY(quay.open(QIODevice::WriteOnly));
        quay.write("{\"method\":\"creation_date\",\"value\":\"1d\",\"tagPattern\":\"^ci-\",\"tagPatternMatches\":true}");
        quay.close();
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), app, QStringLiteral("--policy"), quay.fileName(), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject quayEntry = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray().first().toObject();
        QCOMPARE(quayEntry.value(QStringLiteral("action")).toString(), QStringLiteral("untag"));
        QCOMPARE(quayEntry.value(QStringLiteral("untag")).toArray(), QJsonArray{QStringLiteral("ci-1")});
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), app, QStringLiteral("--policy"), quay.fileName(), QStringLiteral("--yes")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("untagged"), run.err.constData());
        QCOMPARE(tags(), (QStringList{QStringLiteral("v4")}));
        QCOMPARE(head(QStringLiteral("v4")), v4Manifest->value().digest);

        // Distribution cannot list untagged manifests; Berth remembers where tags pointed. A tag that
        // moves leaves its old image untagged, and an untagged rule plans and deletes exactly that.
        auto tagAs = [&](const Manifest& m, const QString& tag) {
            auto put = waitFor<QString>([&](auto done) { client.putManifest(QStringLiteral("retention/app"), tag, m.raw, m.mediaType, nullptr, done); });
            return put && put->has_value();
        };
        QVERIFY(tagAs(v3Bytes->value(), QStringLiteral("moving")));
        QFile untaggedPolicy(m_home.filePath(QStringLiteral("untagged.json")));
        QVERIFY(untaggedPolicy.open(QIODevice::WriteOnly));
        untaggedPolicy.write("[{\"name\":\"untagged\",\"action\":{\"type\":\"Delete\"},\"condition\":{\"tagState\":\"UNTAGGED\"}}]");
        untaggedPolicy.close();
        const QStringList planUntagged{QStringLiteral("retention"), QStringLiteral("plan"), app, QStringLiteral("--policy"), untaggedPolicy.fileName(),
                                       QStringLiteral("--json")};
        run = test::runBerthctl(planUntagged, env); // Berth sees moving -> the March image
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("deleting")).toInt(), 0);
        QVERIFY(tagAs(v4Manifest->value(), QStringLiteral("moving")));
        run = test::runBerthctl(planUntagged, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonObject former;
        for (const QJsonValue& e : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray()) {
            if (e.toObject().value(QStringLiteral("tags")).toArray().isEmpty())
                former = e.toObject();
        }
        QCOMPARE(former.value(QStringLiteral("digest")).toString(), v3Bytes->value().digest);
        QCOMPARE(former.value(QStringLiteral("pushedSource")).toString(), QStringLiteral("first-seen"));
        QCOMPARE(former.value(QStringLiteral("action")).toString(), QStringLiteral("delete"));
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), app, QStringLiteral("--policy"), untaggedPolicy.fileName(),
                                 QStringLiteral("--yes")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        auto gone = waitFor<ManifestHead>([&](auto done) { client.headManifest(QStringLiteral("retention/app"), v3Bytes->value().digest, nullptr, done); });
        QVERIFY(gone && !gone->has_value());
        QCOMPARE(gone->error().kind, ErrorKind::NotFound);
        QCOMPARE(tags(), (QStringList{QStringLiteral("moving"), QStringLiteral("v4")}));
    }
};

QTEST_GUILESS_MAIN(TestRetentionApply)
#include "tst_retention_apply.moc"
