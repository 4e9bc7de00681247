// The watch's pieces without a registry: two snapshots into events, the journal's cursors across
// a restart, and the webhook payload's shape.
#include "core/store/WatchJournal.h"
#include "core/watch/TagChanges.h"
#include "core/watch/WebhookDelivery.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace berth;

namespace {
const QString kA = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
const QString kB = QStringLiteral("sha256:") + QString(64, QLatin1Char('b'));
const QString kC = QStringLiteral("sha256:") + QString(64, QLatin1Char('c'));

QStringList described(const QList<WatchEvent>& events)
{
    QStringList out;
    for (const WatchEvent& e : events)
        out << QStringLiteral("%1 %2 %3 %4").arg(watchEventKindName(e.kind), e.tag, e.digest.right(1), e.previousDigest.right(1));
    return out;
}
} // namespace

class TestWatchJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void snapshotsBecomeEvents()
    {
        const TagSnapshot before{{QStringLiteral("prod"), kA}, {QStringLiteral("old"), kB}, {QStringLiteral("same"), kC},
                                 {QStringLiteral("sha256-") + QString(64, QLatin1Char('c')) + QStringLiteral(".sig"), kB}};
        const TagSnapshot after{{QStringLiteral("prod"), kB}, {QStringLiteral("new"), kC}, {QStringLiteral("same"), kC},
                                {QStringLiteral("sha256-") + QString(64, QLatin1Char('a')) + QStringLiteral(".sig"), kC},
                                {QStringLiteral("sha256-") + QString(64, QLatin1Char('a')) + QStringLiteral(".att"), kC}};
        const QList<WatchEvent> events = tagChanges(before, after, {}, QDateTime::currentDateTimeUtc());
        // Created, moved, deleted, then signed and unsigned; the attestation tag is no event.
        QCOMPARE(described(events), (QStringList{QStringLiteral("TAG_CREATED new c "), QStringLiteral("TAG_MOVED prod b a"),
                                                 QStringLiteral("TAG_DELETED old  b"), QStringLiteral("IMAGE_SIGNED sha256-%1.sig a ").arg(QString(64, QLatin1Char('a'))),
                                                 QStringLiteral("IMAGE_UNSIGNED sha256-%1.sig c ").arg(QString(64, QLatin1Char('c')))}));
        QVERIFY(tagChanges(after, after, {}, QDateTime::currentDateTimeUtc()).isEmpty());
        // Where the registry says when tags were pushed, that is the order.
        const QHash<QString, QDateTime> pushed{{QStringLiteral("b1"), QDateTime::fromSecsSinceEpoch(200, QTimeZone::UTC)},
                                               {QStringLiteral("a2"), QDateTime::fromSecsSinceEpoch(100, QTimeZone::UTC)}};
        QCOMPARE(described(tagChanges({}, {{QStringLiteral("b1"), kA}, {QStringLiteral("a2"), kB}}, pushed, QDateTime::currentDateTimeUtc())),
                 (QStringList{QStringLiteral("TAG_CREATED a2 b "), QStringLiteral("TAG_CREATED b1 a ")}));
        QVERIFY(isAttachmentTag(QStringLiteral("sha256-") + QString(64, QLatin1Char('f')) + QStringLiteral(".sbom")));
        QVERIFY(!isAttachmentTag(QStringLiteral("sha256-abc.sig")));
    }

    void cursorsSurviveARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        const QString reg = QStringLiteral("r.example"), repo = QStringLiteral("team/app");
        {
            WatchJournal journal(path);
            QVERIFY(journal.open());
            QVERIFY(!journal.snapshot(reg, repo)); // never polled
            QVERIFY(journal.commit(reg, repo, {{QStringLiteral("prod"), kA}}, {}));
            QCOMPARE(journal.snapshot(reg, repo)->value(QStringLiteral("prod")), kA);
            QVERIFY(journal.startCursor(QStringLiteral("hook"), reg, repo));
            WatchEvent moved;
            moved.kind = WatchEvent::Kind::TagMoved;
            moved.tag = QStringLiteral("prod");
            moved.digest = kB;
            moved.previousDigest = kA;
            moved.detected = QDateTime::currentDateTimeUtc();
            WatchEvent created = moved;
            created.kind = WatchEvent::Kind::TagCreated;
            created.tag = QStringLiteral("rc");
            created.previousDigest.clear();
            const auto committed = journal.commit(reg, repo, {{QStringLiteral("prod"), kB}, {QStringLiteral("rc"), kB}}, {moved, created});
            QVERIFY(committed);
            QCOMPARE(committed->size(), 2);
            QVERIFY(committed->at(0).sequence < committed->at(1).sequence);
            QVERIFY(!committed->at(0).id.isEmpty() && committed->at(0).id != committed->at(1).id);
            QCOMPARE(journal.pending(QStringLiteral("hook"), reg, repo).size(), 2);
            QVERIFY(journal.acknowledge(QStringLiteral("hook"), reg, repo, committed->at(0).sequence));
        }
        WatchJournal reopened(path);
        QVERIFY(reopened.open());
        const QList<WatchEvent> left = reopened.pending(QStringLiteral("hook"), reg, repo);
        QCOMPARE(described(left), QStringList{QStringLiteral("TAG_CREATED rc b ")});
        // A consumer that starts now does not receive the past; one that had a cursor keeps it.
        QVERIFY(reopened.startCursor(QStringLiteral("late"), reg, repo));
        QVERIFY(reopened.pending(QStringLiteral("late"), reg, repo).isEmpty());
        QVERIFY(reopened.startCursor(QStringLiteral("hook"), reg, repo));
        QCOMPARE(reopened.pending(QStringLiteral("hook"), reg, repo).size(), 1);

        // Scan findings change no tag: appended after, with what the scanner found.
        WatchEvent findings;
        findings.kind = WatchEvent::Kind::ScanFindings;
        findings.tag = QStringLiteral("rc");
        findings.digest = kB;
        findings.detected = QDateTime::currentDateTimeUtc();
        findings.detail = R"({"atOrAbove":2,"threshold":"High"})";
        QVERIFY(reopened.append(reg, repo, {findings}));
        const QList<WatchEvent> withScan = reopened.pending(QStringLiteral("hook"), reg, repo);
        QCOMPARE(withScan.size(), 2);
        QCOMPARE(withScan.last().kind, WatchEvent::Kind::ScanFindings);
        QCOMPARE(watchEventPayload(withScan.last()).value(QStringLiteral("event_data")).toObject().value(QStringLiteral("resources")).toArray()
                     .first().toObject().value(QStringLiteral("vulnerabilities")).toObject().value(QStringLiteral("atOrAbove")).toInt(),
                 2);

        const QJsonObject payload = watchEventPayload(left.first());
        QCOMPARE(payload.value(QStringLiteral("type")).toString(), QStringLiteral("TAG_CREATED"));
        QCOMPARE(payload.value(QStringLiteral("id")).toString(), left.first().id);
        const QJsonObject data = payload.value(QStringLiteral("event_data")).toObject();
        QCOMPARE(data.value(QStringLiteral("repository")).toObject().value(QStringLiteral("namespace")).toString(), QStringLiteral("team"));
        QCOMPARE(data.value(QStringLiteral("repository")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("app"));
        QCOMPARE(data.value(QStringLiteral("resources")).toArray().first().toObject().value(QStringLiteral("resource_url")).toString(),
                 QStringLiteral("r.example/team/app:rc"));
    }
};

QTEST_GUILESS_MAIN(TestWatchJournal)
#include "tst_watchjournal.moc"
