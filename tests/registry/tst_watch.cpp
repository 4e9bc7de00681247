// berthctl watch against the bed's registry: changes made with skopeo arrive as events in order,
// the tag history holds them, webhooks are signed, retried and delivered once, in order, across a
// killed and restarted watch and a receiver that is away for a run.
#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace berth;

class TestWatch : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_dir;
    QString m_secret = QStringLiteral("s3cret-for-the-bed");

    QString freshRepository(const QString& prefix) const
    {
        return m_bed.anonymous + QStringLiteral("/watch/") + prefix + QUuid::createUuid().toString(QUuid::Id128).left(8);
    }

    // Puts demo/webapp:SOURCE_TAG at REPO:TAG (a new tag, or the tag moved), as any other client would.
    bool copy(const QString& sourceTag, const QString& repository, const QString& tag) const
    {
        const auto run = test::runTool(QStringLiteral("skopeo"),
                                       {QStringLiteral("copy"), QStringLiteral("--quiet"), QStringLiteral("--src-tls-verify=false"),
                                        QStringLiteral("--dest-tls-verify=false"),
                                        QStringLiteral("docker://%1/demo/webapp:%2").arg(m_bed.anonymous, sourceTag),
                                        QStringLiteral("docker://%1:%2").arg(repository, tag)});
        if (run.exitCode != 0)
            qWarning("skopeo copy: %s", run.err.constData());
        return run.exitCode == 0;
    }

    bool remove(const QString& repository, const QString& tag) const
    {
        const auto run = test::runTool(QStringLiteral("skopeo"), {QStringLiteral("delete"), QStringLiteral("--tls-verify=false"),
                                                                  QStringLiteral("docker://%1:%2").arg(repository, tag)});
        return run.exitCode == 0;
    }

    QString digestOf(const QString& tag) const
    {
        const auto run = test::runTool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
                                                                  QStringLiteral("docker://%1/demo/webapp:%2").arg(m_bed.anonymous, tag)});
        return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("Digest")).toString();
    }

    // A running `berthctl watch`, read line by line.
    struct Watch
    {
        std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
        QByteArray err;

        // The next JSON line on stdout, waiting up to timeoutMs.
        std::optional<QJsonObject> nextEvent(int timeoutMs)
        {
            QElapsedTimer timer;
            timer.start();
            while (!process->canReadLine()) {
                if (timer.elapsed() > timeoutMs || process->state() != QProcess::Running)
                    return std::nullopt;
                process->waitForReadyRead(100);
                err += process->readAllStandardError();
            }
            return QJsonDocument::fromJson(process->readLine()).object();
        }
        bool waitForStderr(const QByteArray& text, int timeoutMs)
        {
            QElapsedTimer timer;
            timer.start();
            while (!err.contains(text) && timer.elapsed() < timeoutMs) {
                process->waitForReadyRead(100);
                err += process->readAllStandardError();
            }
            return err.contains(text);
        }
        ~Watch()
        {
            process->kill();
            process->waitForFinished();
        }
    };

    std::unique_ptr<Watch> startWatch(const QStringList& args, const QProcessEnvironment& env) const
    {
        auto watch = std::make_unique<Watch>();
        watch->process->setProcessEnvironment(env);
        watch->process->start(QStringLiteral(BERTHCTL_PATH), QStringList{QStringLiteral("watch")} + args);
        watch->process->waitForStarted();
        return watch;
    }

    // A webhook receiver from the bed, logging to `log`.
    std::unique_ptr<test::BedHelper> startReceiver(const QString& log, int failFirst, int port = 0) const
    {
        return test::startBedHelper(QStringLiteral("webhook_receiver.py"),
                                    {QStringLiteral("--log"), log, QStringLiteral("--secret"), m_secret, QStringLiteral("--port"),
                                     QString::number(port), QStringLiteral("--fail-first"), QString::number(failFirst)});
    }

    // The receiver's log: one object per attempt.
    static QList<QJsonObject> attempts(const QString& log)
    {
        QFile file(log);
        QList<QJsonObject> out;
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray& line : file.readAll().split('\n')) {
                if (!line.isEmpty())
                    out << QJsonDocument::fromJson(line).object();
            }
        }
        return out;
    }
    static QList<QJsonObject> accepted(const QString& log)
    {
        QList<QJsonObject> out;
        for (const QJsonObject& a : attempts(log)) {
            if (a.value(QStringLiteral("status")).toInt() == 200)
                out << a;
        }
        return out;
    }
    static bool waitForAccepted(const QString& log, int count, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (accepted(log).size() < count && timer.elapsed() < timeoutMs)
            QTest::qWait(100);
        return accepted(log).size() >= count;
    }
    static QString kindAndTag(const QJsonObject& a)
    {
        return a.value(QStringLiteral("type")).toString() + QLatin1Char(' ') + a.value(QStringLiteral("tag")).toString();
    }

private Q_SLOTS:
    void initTestCase() { BERTH_LOAD_BED(m_bed); }

    void changesArriveInOrderWithinTwoIntervals()
    {
        const QString repo = freshRepository(QStringLiteral("live-"));
        QVERIFY(copy(QStringLiteral("1.0.0"), repo, QStringLiteral("prod")));
        const QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("live")));
        constexpr int kIntervalMs = 2000;
        auto watch = startWatch({repo, QStringLiteral("--interval"), QStringLiteral("2s"), QStringLiteral("--json")}, env);
        QVERIFY2(watch->waitForStderr("1 tags now", 20000), watch->err.constData());

        const QString first = digestOf(QStringLiteral("1.0.0"));
        const QString second = digestOf(QStringLiteral("1.1.0"));
        const QString third = digestOf(QStringLiteral("1.2.0"));
        QVERIFY(!first.isEmpty() && first != second && second != third);

        // A new tag, a moved tag, a deleted tag: each reported within two intervals, in order.
        const auto expectEvent = [&](const QString& type, const QString& tag, const QString& digest, const QString& previous) {
            QElapsedTimer timer;
            timer.start();
            const auto event = watch->nextEvent(2 * kIntervalMs + 3000);
            QVERIFY2(event, watch->err.constData());
            QVERIFY2(timer.elapsed() <= 2 * kIntervalMs + 1000, qPrintable(QString::number(timer.elapsed())));
            QCOMPARE(event->value(QStringLiteral("type")).toString(), type);
            const QJsonObject resource =
                event->value(QStringLiteral("event_data")).toObject().value(QStringLiteral("resources")).toArray().first().toObject();
            QCOMPARE(resource.value(QStringLiteral("tag")).toString(), tag);
            QCOMPARE(resource.value(QStringLiteral("digest")).toString(), digest);
            QCOMPARE(resource.value(QStringLiteral("previous_digest")).toString(), previous);
        };
        QVERIFY(copy(QStringLiteral("1.1.0"), repo, QStringLiteral("canary")));
        expectEvent(QStringLiteral("TAG_CREATED"), QStringLiteral("canary"), second, QString());
        QVERIFY(copy(QStringLiteral("1.2.0"), repo, QStringLiteral("prod")));
        expectEvent(QStringLiteral("TAG_MOVED"), QStringLiteral("prod"), third, first);
        QVERIFY(remove(repo, QStringLiteral("canary")));
        expectEvent(QStringLiteral("TAG_DELETED"), QStringLiteral("canary"), QString(), second);
        if (QTest::currentTestFailed())
            return;
        // Nothing else happened, so nothing else is reported.
        QVERIFY(!watch->nextEvent(kIntervalMs + 500));
        watch.reset();

        // The tag history holds all three: prod's two digests, canary's sighting and its deletion.
        const auto timeline = test::runBerthctl({QStringLiteral("timeline"), repo, QStringLiteral("--json")}, env);
        QCOMPARE(timeline.exitCode, 0);
        QStringList rows;
        for (const QJsonValue& v : QJsonDocument::fromJson(timeline.out).object().value(QStringLiteral("observations")).toArray()) {
            const QJsonObject o = v.toObject();
            rows << o.value(QStringLiteral("tag")).toString() + QLatin1Char(' ') + o.value(QStringLiteral("digest")).toString()
                    + (o.contains(QStringLiteral("deleted")) ? QStringLiteral(" deleted") : QString());
        }
        QCOMPARE(rows, (QStringList{QStringLiteral("canary ") + second + QStringLiteral(" deleted"), QStringLiteral("prod ") + first,
                                    QStringLiteral("prod ") + third}));
    }

    void webhookRetriedDeliveredOnceAndSigned()
    {
        const QString repo = freshRepository(QStringLiteral("hook-"));
        QVERIFY(copy(QStringLiteral("1.0.0"), repo, QStringLiteral("prod")));
        const QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("hook")));
        const QString log = m_dir.filePath(QStringLiteral("hook-receiver.jsonl"));
        auto receiver = startReceiver(log, 2);
        QVERIFY(receiver);
        const QStringList hook{repo, QStringLiteral("--once"), QStringLiteral("--webhook"),
                               QStringLiteral("http://127.0.0.1:%1/berth").arg(receiver->port), QStringLiteral("--secret"), m_secret,
                               QStringLiteral("--json")};
        const auto baseline = test::runBerthctl(QStringList{QStringLiteral("watch")} + hook, env);
        QCOMPARE(baseline.exitCode, 0);
        QVERIFY(attempts(log).isEmpty()); // the baseline is not an event

        // The receiver fails twice, then accepts: one delivery, three attempts of the same event.
        QVERIFY(copy(QStringLiteral("1.1.0"), repo, QStringLiteral("canary")));
        const auto delivered = test::runBerthctl(QStringList{QStringLiteral("watch")} + hook, env);
        QVERIFY2(delivered.exitCode == 0, delivered.err.constData());
        const QList<QJsonObject> tries = attempts(log);
        QCOMPARE(tries.size(), 3);
        QCOMPARE(tries[0].value(QStringLiteral("status")).toInt(), 500);
        QCOMPARE(tries[1].value(QStringLiteral("status")).toInt(), 500);
        QCOMPARE(tries[2].value(QStringLiteral("status")).toInt(), 200);
        for (const QJsonObject& t : tries) {
            QVERIFY(t.value(QStringLiteral("signature_ok")).toBool());
            QCOMPARE(t.value(QStringLiteral("id")).toString(), tries[0].value(QStringLiteral("id")).toString());
            QCOMPARE(t.value(QStringLiteral("delivery")).toString(), tries[0].value(QStringLiteral("id")).toString());
            QCOMPARE(kindAndTag(t), QStringLiteral("TAG_CREATED canary"));
        }
        // The terminal shows what was delivered.
        QCOMPARE(QJsonDocument::fromJson(delivered.out).object().value(QStringLiteral("id")), tries[0].value(QStringLiteral("id")));

        // A running watch killed after one delivery, changes while it is down, a new start:
        // every event once, in order.
        auto watch = startWatch(hook.mid(0, 1) + hook.mid(2) + QStringList{QStringLiteral("--interval"), QStringLiteral("1s")}, env);
        QVERIFY(copy(QStringLiteral("1.2.0"), repo, QStringLiteral("beta")));
        // Killed once berthctl has said the event went out: the receiver's log alone is too early,
        // since a watch killed between the receiver's 200 and its own record sends that event again
        // (same delivery id, as webhooks do), which is not what this part checks.
        const auto sent = watch->nextEvent(15000);
        QVERIFY2(sent, watch->err.constData());
        QCOMPARE(accepted(log).size(), 2);
        QCOMPARE(kindAndTag(accepted(log).last()), QStringLiteral("TAG_CREATED beta"));
        QCOMPARE(sent->value(QStringLiteral("id")), accepted(log).last().value(QStringLiteral("id")));
        watch->process->kill();
        watch->process->waitForFinished();
        QVERIFY(copy(QStringLiteral("1.2.0"), repo, QStringLiteral("prod")));
        QVERIFY(remove(repo, QStringLiteral("canary")));
        watch = startWatch(hook.mid(0, 1) + hook.mid(2) + QStringList{QStringLiteral("--interval"), QStringLiteral("1s")}, env);
        QVERIFY2(waitForAccepted(log, 4, 15000), watch->err.constData());
        QTest::qWait(2500); // two more cycles: nothing repeated
        watch.reset();
        QStringList order;
        QSet<QString> ids;
        for (const QJsonObject& a : accepted(log)) {
            order << kindAndTag(a);
            ids.insert(a.value(QStringLiteral("id")).toString());
        }
        QCOMPARE(order, (QStringList{QStringLiteral("TAG_CREATED canary"), QStringLiteral("TAG_CREATED beta"),
                                     QStringLiteral("TAG_MOVED prod"), QStringLiteral("TAG_DELETED canary")}));
        QCOMPARE(ids.size(), 4);

        // The receiver away for a run: bounded retries, exit 1, the event kept; the next run sends it.
        const int port = receiver->port;
        receiver.reset();
        QVERIFY(copy(QStringLiteral("1.0.0"), repo, QStringLiteral("rc")));
        QElapsedTimer timer;
        timer.start();
        const auto away = test::runBerthctl(QStringList{QStringLiteral("watch")} + hook, env);
        QCOMPARE(away.exitCode, 1);
        QVERIFY2(away.err.contains("kept"), away.err.constData());
        QVERIFY(timer.elapsed() < 40000);
        receiver = startReceiver(log, 0, port);
        QVERIFY(receiver);
        const auto back = test::runBerthctl(QStringList{QStringLiteral("watch")} + hook, env);
        QVERIFY2(back.exitCode == 0, back.err.constData());
        QCOMPARE(accepted(log).size(), 5);
        QCOMPARE(kindAndTag(accepted(log).last()), QStringLiteral("TAG_CREATED rc"));
    }

    void watchCarriesOnWhenTheRegistryComesBack()
    {
        const QString path = QStringLiteral("watch/away-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        QVERIFY(copy(QStringLiteral("1.0.0"), m_bed.anonymous + QLatin1Char('/') + path, QStringLiteral("prod")));
        auto relay = test::startRelay(m_bed.anonymous);
        QVERIFY(relay);
        const int port = relay->port;
        const QString repo = QStringLiteral("127.0.0.1:%1/%2").arg(port).arg(path);
        const QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("away")));
        auto watch = startWatch({repo, QStringLiteral("--interval"), QStringLiteral("1s"), QStringLiteral("--json")}, env);
        QVERIFY2(watch->waitForStderr("1 tags now", 20000), watch->err.constData());
        relay.reset();
        QVERIFY2(watch->waitForStderr("asking again", 10000), watch->err.constData()); // said, not fatal
        QVERIFY(copy(QStringLiteral("1.1.0"), m_bed.anonymous + QLatin1Char('/') + path, QStringLiteral("canary")));
        QVERIFY(!watch->nextEvent(2500)); // nothing can be seen while it is away, and nothing is made up
        relay = test::startRelay(m_bed.anonymous, port);
        QVERIFY(relay);
        // Back off at most four intervals, then the change that happened meanwhile.
        const auto event = watch->nextEvent(8000);
        QVERIFY2(event, watch->err.constData());
        QCOMPARE(event->value(QStringLiteral("type")).toString(), QStringLiteral("TAG_CREATED"));
        QVERIFY(watch->process->state() == QProcess::Running);
    }

    void offlineAnswersAreWhatBerthSawAndMarked()
    {
        auto relay = test::startRelay(m_bed.anonymous);
        QVERIFY(relay);
        const QString repo = QStringLiteral("127.0.0.1:%1/demo/webapp").arg(relay->port);
        const QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("offline")));
        const auto live = test::runBerthctl({QStringLiteral("history"), repo, QStringLiteral("--json")}, env);
        QCOMPARE(live.exitCode, 0);
        const auto liveManifest = test::runBerthctl({QStringLiteral("manifest"), repo + QStringLiteral(":1.0.0")}, env);
        QCOMPARE(liveManifest.exitCode, 0);
        const auto liveFiles = test::runBerthctl({QStringLiteral("files"), repo + QStringLiteral(":1.0.0"), QStringLiteral("--json")}, env);
        QCOMPARE(liveFiles.exitCode, 0);
        const QString other = QStringLiteral("127.0.0.1:%1/tools/cli").arg(relay->port);
        relay.reset(); // the registry is gone

        const auto offline = test::runBerthctl({QStringLiteral("history"), repo, QStringLiteral("--json")}, env);
        QCOMPARE(offline.exitCode, 6);
        const QJsonObject was = QJsonDocument::fromJson(live.out).object();
        QJsonObject now = QJsonDocument::fromJson(offline.out).object();
        QVERIFY(now.value(QStringLiteral("offline")).toBool());
        QVERIFY(QDateTime::fromString(now.value(QStringLiteral("asOf")).toString(), Qt::ISODate).secsTo(QDateTime::currentDateTimeUtc()) < 120);
        QVERIFY(now.value(QStringLiteral("offlineReason")).toString().contains(QStringLiteral("cannot be reached")));
        // The same rows, tag for tag: digest, created, size, platforms.
        const auto rowsOf = [](const QJsonObject& history) {
            QStringList rows;
            for (const QJsonValue& v : history.value(QStringLiteral("tags")).toArray()) {
                const QJsonObject t = v.toObject();
                rows << QStringLiteral("%1 %2 %3 %4 %5").arg(t.value(QStringLiteral("tag")).toString(), t.value(QStringLiteral("digest")).toString(),
                                                             t.value(QStringLiteral("created")).toString(),
                                                             QString::number(t.value(QStringLiteral("size")).toInteger()),
                                                             t.value(QStringLiteral("platforms")).toVariant().toStringList().join(QLatin1Char(',')));
            }
            return rows;
        };
        QCOMPARE(rowsOf(now), rowsOf(was));
        QCOMPARE(rowsOf(now).size(), m_bed.seededTags(QStringLiteral("demo/webapp")).size());

        const auto text = test::runBerthctl({QStringLiteral("history"), repo}, env);
        QCOMPARE(text.exitCode, 6);
        QVERIFY2(text.out.startsWith("OFFLINE - as of "), text.out.constData());
        const auto tags = test::runBerthctl({QStringLiteral("tags"), repo, QStringLiteral("--json")}, env);
        QCOMPARE(tags.exitCode, 6);
        QCOMPARE(test::sortedStrings(QJsonDocument::fromJson(tags.out).object().value(QStringLiteral("tags")).toArray()),
                 m_bed.seededTags(QStringLiteral("demo/webapp")));
        const auto manifest = test::runBerthctl({QStringLiteral("manifest"), repo + QStringLiteral(":1.0.0")}, env);
        QCOMPARE(manifest.exitCode, 6);
        QCOMPARE(manifest.out, liveManifest.out); // the bytes as served, checked against their digest when kept
        QVERIFY(manifest.err.contains("OFFLINE"));
        const auto inspect = test::runBerthctl({QStringLiteral("inspect"), repo + QStringLiteral(":1.0.0"), QStringLiteral("--json")}, env);
        QCOMPARE(inspect.exitCode, 6);
        const QJsonObject inspected = QJsonDocument::fromJson(inspect.out).object();
        QVERIFY(inspected.value(QStringLiteral("offline")).toBool());
        QCOMPARE(inspected.value(QStringLiteral("created")).toString(), QStringLiteral("2026-02-02T09:30:00Z"));
        QCOMPARE(inspected.value(QStringLiteral("digest")).toString(), QJsonDocument::fromJson(offline.out).object().value(QStringLiteral("tags"))
                                                                             .toArray().first().toObject().value(QStringLiteral("digest")).toString());
        const auto files = test::runBerthctl({QStringLiteral("files"), repo + QStringLiteral(":1.0.0"), QStringLiteral("--json")}, env);
        QCOMPARE(files.exitCode, 6);
        QJsonObject filesNow = QJsonDocument::fromJson(files.out).object();
        QVERIFY(filesNow.value(QStringLiteral("offline")).toBool());
        const QJsonObject filesThen = QJsonDocument::fromJson(liveFiles.out).object();
        QVERIFY(!filesThen.value(QStringLiteral("entries")).toArray().isEmpty());
        QCOMPARE(filesNow.value(QStringLiteral("entries")), filesThen.value(QStringLiteral("entries")));
        // A layer Berth never listed (1.9.0's own) cannot be shown: said, not made up.
        const auto unlisted = test::runBerthctl({QStringLiteral("files"), repo + QStringLiteral(":1.9.0")}, env);
        QCOMPARE(unlisted.exitCode, 1);
        QVERIFY(unlisted.err.contains("cannot connect"));
        // What Berth never saw is not made up: a repository it never listed, a manifest it never read.
        const auto never = test::runBerthctl({QStringLiteral("tags"), other}, env);
        QCOMPARE(never.exitCode, 1);
        QVERIFY(never.err.contains("cannot connect"));
        const auto unseen = test::runBerthctl({QStringLiteral("manifest"), repo + QStringLiteral("@sha256:") + QString(64, QLatin1Char('0'))}, env);
        QCOMPARE(unseen.exitCode, 1);
        // --offline asks for it on purpose; a live registry is not asked.
        const auto chosen = test::runBerthctl({QStringLiteral("tags"), repo, QStringLiteral("--offline")}, env);
        QCOMPARE(chosen.exitCode, 6);
        QVERIFY(chosen.out.contains("(--offline)"));
    }

    void aRateLimitedRegistryIsLeftAloneUntilItsRetryAfter()
    {
        // 429 with Retry-After: 3600 on every request: one failure said, then no request for an hour.
        const QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("limited")));
        auto watch = startWatch({m_bed.hostile + QStringLiteral("/h/limited"), QStringLiteral("--interval"), QStringLiteral("1s"),
                                 QStringLiteral("--stats")},
                                env);
        QVERIFY2(watch->waitForStderr("asking again at", 15000), watch->err.constData());
        QTest::qWait(3500); // three more cycles
        watch->err += watch->process->readAllStandardError();
        const QList<QByteArray> lines = watch->err.split('\n');
        QList<QByteArray> cycles;
        int failures = 0;
        for (const QByteArray& line : lines) {
            if (line.startsWith("cycle:"))
                cycles << line;
            failures += line.contains("asking again at") ? 1 : 0;
        }
        QCOMPARE(failures, 1);
        QVERIFY2(cycles.size() >= 3, watch->err.constData());
        for (qsizetype i = 1; i < cycles.size(); ++i)
            QVERIFY2(cycles[i].contains("0 repositories polled, 0 failed, 1 waiting out a backoff; 0 events; 0 requests"), cycles[i].constData());
        // Asked again when the registry said, not sooner.
        const QByteArray said = watch->err.mid(watch->err.indexOf("asking again at ") + 16, 20);
        const QDateTime retryAt = QDateTime::fromString(QString::fromLatin1(said), Qt::ISODate);
        QVERIFY2(QDateTime::currentDateTimeUtc().secsTo(retryAt) > 3000, said.constData());
    }

    void badInputIsRefusedInPlainWords()
    {
        const QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("bad")));
        const QString repo = m_bed.anonymous + QStringLiteral("/demo/webapp");
        const auto interval = test::runBerthctl({QStringLiteral("watch"), repo, QStringLiteral("--interval"), QStringLiteral("soon")}, env);
        QCOMPARE(interval.exitCode, 2);
        QVERIFY(interval.err.contains("--interval takes a duration"));
        const auto url = test::runBerthctl({QStringLiteral("watch"), repo, QStringLiteral("--webhook"), QStringLiteral("ftp://example.invalid/")}, env);
        QCOMPARE(url.exitCode, 2);
        QVERIFY(url.err.contains("http:// or https://"));
        const auto none = test::runBerthctl({QStringLiteral("watch")}, env);
        QCOMPARE(none.exitCode, 2);
        // A repository that cannot be reached: said, exit 1, nothing recorded as deleted.
        const auto unreachable = test::runBerthctl({QStringLiteral("watch"), QStringLiteral("127.0.0.1:1/gone/app"), QStringLiteral("--once")}, env);
        QCOMPARE(unreachable.exitCode, 1);
        QVERIFY2(unreachable.err.contains("127.0.0.1:1/gone/app"), unreachable.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
