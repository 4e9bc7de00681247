// What berthctl does when the network fails under it. tests/bed/fault_proxy.py sits between
// berthctl and the bed's registry and injects one fault per case (see the table in the README):
// every run either succeeds after retrying, with the answer a clean run gives, or ends with a clear
// error within its timeout; and nothing half-written stays behind — the content store holds only
// documents that match their digests, a repository is never kept as "listed" with tags missing, a
// copy never leaves a tag, and the audit log names exactly the images a cut-off retention apply
// deleted, so that running it again deletes only the rest.
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace berth;

namespace {

constexpr int kTimeoutSeconds = 2; // berthctl --timeout in every faulted run
// An image's DELETE, not the probe of whether the registry deletes at all (which asks to delete
// the digest of nothing, sha256:e3b0c442…, and is told 404).
constexpr auto kImageDeletion = "^DELETE /v2/.+/manifests/sha256:(?!e3b0c442)";

// A fault, as fault_proxy.py's rule (or a route of its own), whether Berth gets past it, and what
// its error says when it does not.
struct Fault
{
    const char* name;
    QString rule; // fault_proxy.py --fault; empty for "tls" and "resolve"
    bool recovers;
    QByteArray says; // in the error, when it does not recover
};

const QList<Fault>& faults()
{
    static const QList<Fault> all{
        {"reset mid-body", QStringLiteral("reset:GET /v2/.+/(manifests|blobs)/:1"), true, {}},
        {"stall past the timeout", QStringLiteral("stall:GET /v2/.+/(manifests|blobs)/:1"), false, "sent nothing for 2 s"},
        {"1 KB/s", QStringLiteral("slow:GET /v2/:0"), true, {}},
        {"5xx burst", QStringLiteral("503:GET /v2/.+:3"), true, {}},
        {"429 with Retry-After", QStringLiteral("429:GET /v2/.+:2"), true, {}},
        {"truncated chunked body", QStringLiteral("chunked:GET /v2/.+/(manifests|blobs)/:1"), true, {}},
        {"TLS handshake failure", {}, false, "TLS with registry.faults.test"},
        {"name does not resolve", {}, false, "cannot resolve registry.invalid"},
    };
    return all;
}

// Where a case sends berthctl: the proxy, a TLS server that fails every handshake, or a name that
// does not resolve; the helper process goes when this does.
struct Route
{
    std::unique_ptr<test::BedHelper> helper;
    QString registry;
    QStringList options; // berthctl options the route needs
};

// A fault's name as part of a file or repository name: "reset mid-body" -> "reset-mid-body".
QString slug(const QString& name)
{
    QString out;
    for (const QChar c : name.toLower())
        out += c.isLetterOrNumber() ? c : QLatin1Char('-');
    return out;
}

QJsonArray jsonArray(const QByteArray& out, const QString& key)
{
    return QJsonDocument::fromJson(out).object().value(key).toArray();
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;
    QString m_run; // this run's repositories are new: faults/<what>-<m_run>
    QByteArray m_history; // clean answers to compare with
    QByteArray m_files;

    const Fault& fault(const QString& name)
    {
        for (const Fault& f : faults()) {
            if (name == QLatin1String(f.name))
                return f;
        }
        qFatal("no such fault");
    }

    // fault_proxy.py in front of the bed's anonymous registry with one rule.
    Route proxyWith(const QString& rule)
    {
        Route route;
        route.helper = test::startBedHelper(QStringLiteral("fault_proxy.py"), {QStringLiteral("--target"), m_bed.anonymous, QStringLiteral("--fault"), rule});
        if (route.helper)
            route.registry = QStringLiteral("127.0.0.1:%1").arg(route.helper->port);
        return route;
    }

    Route routeFor(const Fault& f)
    {
        Route route;
        if (QByteArray(f.name) == "name does not resolve") {
            route.registry = QStringLiteral("registry.invalid");
            return route;
        }
        if (f.rule.isEmpty()) {
            route.helper = test::startBedHelper(QStringLiteral("fault_proxy.py"), {QStringLiteral("--tls-alert")});
            if (route.helper) {
                route.registry = QStringLiteral("registry.faults.test");
                route.options = {QStringLiteral("--connect-to"), QStringLiteral("registry.faults.test:443:127.0.0.1:%1").arg(route.helper->port),
                                 QStringLiteral("--ca-file"), m_bed.caFile};
            }
            return route;
        }
        return proxyWith(f.rule);
    }

    // How often the proxy's rule fired: a case whose fault never happened proves nothing.
    static int fired(const Route& route)
    {
        const auto run = test::runTool(QStringLiteral("curl"), {QStringLiteral("-sf"), QStringLiteral("http://%1/_faults").arg(route.registry)});
        return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("fired")).toArray().at(0).toInt(-1);
    }

    QProcessEnvironment environment(const QString& name)
    {
        return test::isolatedEnvironment(m_home.filePath(name));
    }

    // Runs berthctl through the route with the short timeout; fails the test when it took longer
    // than its timeout allows (a stall is not retried; retries of the rest wait a few seconds).
    test::ProcessResult runFaulted(const Route& route, const QStringList& args, const QProcessEnvironment& env, qint64* tookMs = nullptr)
    {
        QElapsedTimer clock;
        clock.start();
        auto run = test::runBerthctl(QStringList{QStringLiteral("--timeout"), QString::number(kTimeoutSeconds)} + route.options + args, env, {}, 60000);
        const qint64 took = clock.elapsed();
        if (tookMs)
            *tookMs = took;
        return run;
    }

    // Every document in the content store matches its digest.
    static bool storeHoldsOnlyVerifiedContent(const QString& cacheDir, QString* why)
    {
        const QString path = cacheDir + QStringLiteral("/content.db");
        if (!QFile::exists(path))
            return true;
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            if (!db.open()) {
                *why = QStringLiteral("cannot open ") + path;
                return false;
            }
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT digest, bytes FROM content"));
            while (q.next()) {
                const QString digest = QString::fromUtf8(q.value(0).toByteArray());
                const QString actual = QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(q.value(1).toByteArray(), QCryptographicHash::Sha256).toHex());
                if (digest != actual) {
                    *why = QStringLiteral("%1 holds bytes of %2").arg(digest, actual);
                    ok = false;
                }
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        return ok;
    }

    // A repository's tags and digests as `history --json` lists them.
    static QStringList tagsAndDigests(const QByteArray& historyJson)
    {
        QStringList rows;
        for (const auto& t : jsonArray(historyJson, QStringLiteral("tags")))
            rows << t.toObject().value(QStringLiteral("tag")).toString() + QLatin1Char('@') + t.toObject().value(QStringLiteral("digest")).toString() + QLatin1Char('@')
                    + t.toObject().value(QStringLiteral("created")).toString();
        return test::sorted(rows);
    }

    static QStringList fileRows(const QByteArray& filesJson)
    {
        QStringList rows;
        for (const auto& e : jsonArray(filesJson, QStringLiteral("entries")))
            rows << QString::fromUtf8(QJsonDocument(e.toObject()).toJson(QJsonDocument::Compact));
        return rows;
    }

    QString digestOf(const QString& reference)
    {
        const auto run = test::runBerthctl({QStringLiteral("inspect"), reference, QStringLiteral("--json")}, environment(QStringLiteral("direct")));
        return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("digest")).toString();
    }

    // A repository of five images of distinct build dates, tagged b1…b5 (b5 the newest); returns
    // the digests of b1…b4, which a "keep the newest one" policy deletes.
    QStringList makeRetentionRepository(const QString& repository)
    {
        const QStringList sources{QStringLiteral("tools/cli:v0.1.0"), QStringLiteral("history/moving:v1"), QStringLiteral("history/moving:v2"),
                                  QStringLiteral("tools/cli:v0.2.0"), QStringLiteral("tools/cli:v0.3.0")};
        QStringList doomed;
        for (int i = 0; i < sources.size(); ++i) {
            const QString target = QStringLiteral("%1/%2:b%3").arg(m_bed.anonymous, repository).arg(i + 1);
            const auto run = test::runBerthctl({QStringLiteral("cp"), m_bed.anonymous + QLatin1Char('/') + sources[i], target}, environment(QStringLiteral("direct")));
            if (run.exitCode != 0)
                return {};
            if (i < 4)
                doomed << digestOf(target);
        }
        return doomed;
    }

    QString keepNewestPolicy()
    {
        const QString path = m_home.filePath(QStringLiteral("keep-newest.json"));
        QFile policy(path);
        if (!policy.exists() && policy.open(QIODevice::WriteOnly))
            policy.write(R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]})");
        return path;
    }

    // Audit entries of deletions in `repository`: digest -> succeeded (a digest deleted once stays true).
    static QHash<QString, bool> auditedDeletions(const QProcessEnvironment& env, const QString& repository, int* entries = nullptr)
    {
        QHash<QString, bool> deletions;
        int count = 0;
        const auto run = test::runBerthctl({QStringLiteral("audit"), QStringLiteral("--json")}, env);
        for (const auto& v : jsonArray(run.out, QStringLiteral("entries"))) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("repository")).toString() != repository || e.value(QStringLiteral("action")).toString() != u"delete")
                continue;
            ++count;
            deletions[e.value(QStringLiteral("fromDigest")).toString()] |= e.value(QStringLiteral("succeeded")).toBool();
        }
        if (entries)
            *entries = count;
        return deletions;
    }

    // Whether the registry still has the manifest (read directly, not through the fault).
    bool registryHas(const QString& repository, const QString& digest)
    {
        const auto run = test::runTool(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-I"),
                                                                QStringLiteral("-H"), QStringLiteral("Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"),
                                                                QStringLiteral("http://%1/v2/%2/manifests/%3").arg(m_bed.anonymous, repository, digest)});
        return run.out == "200";
    }

    void addFaultRows()
    {
        QTest::addColumn<QString>("fault");
        for (const Fault& f : faults())
            QTest::newRow(f.name) << QString::fromLatin1(f.name);
    }

    // What every faulted run must show: the fault happened; success with the clean answer, or a
    // clear error within the timeout; only verified content kept.
    void checkRun(const Fault& f, const Route& route, const test::ProcessResult& run, qint64 tookMs, const QString& cacheDir)
    {
        if (!f.rule.isEmpty())
            QVERIFY2(fired(route) > 0, "the fault never happened");
        if (f.recovers) {
            QVERIFY2(run.exitCode == 0, run.err.constData());
        } else {
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(f.says), run.err.constData());
            // One silent transfer, given up after the timeout; the rest fail at once.
            QVERIFY2(tookMs < (kTimeoutSeconds + 4) * 1000, qPrintable(QStringLiteral("took %1 ms").arg(tookMs)));
        }
        QVERIFY2(tookMs < 30000, qPrintable(QStringLiteral("took %1 ms").arg(tookMs)));
        QString why;
        QVERIFY2(storeHoldsOnlyVerifiedContent(cacheDir, &why), qPrintable(why));
    }

    struct FaultedRun
    {
        const Fault* fault = nullptr;
        Route route;
        QProcessEnvironment env;
        test::ProcessResult result;
    };
    // Runs berthctl under the fault named `faultName`, with the arguments `args` makes for the
    // route's registry, and checks what every faulted run must show (checkRun).
    void runUnderFault(const QString& faultName, const QString& command, const std::function<QStringList(const QString&)>& args, FaultedRun& out)
    {
        out.fault = &fault(faultName);
        out.route = routeFor(*out.fault);
        QVERIFY(!out.route.registry.isEmpty());
        out.env = environment(command + QLatin1Char('-') + slug(faultName));
        qint64 took = 0;
        out.result = runFaulted(out.route, args(out.route.registry), out.env, &took);
        checkRun(*out.fault, out.route, out.result, took, out.env.value(QStringLiteral("BERTH_CACHE_DIR")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        QVERIFY(m_home.isValid());
        m_run = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const auto env = environment(QStringLiteral("clean"));
        auto run = test::runBerthctl({QStringLiteral("history"), m_bed.anonymous + QStringLiteral("/demo/webapp"), QStringLiteral("--json")}, env);
        QCOMPARE(run.exitCode, 0);
        m_history = run.out;
        QVERIFY(tagsAndDigests(m_history).size() >= 9); // the nine the bed pushed, and any a test added
        run = test::runBerthctl({QStringLiteral("files"), m_bed.anonymous + QStringLiteral("/public/hello:1.0"), QStringLiteral("--json")}, env);
        QCOMPARE(run.exitCode, 0);
        m_files = run.out;
        QCOMPARE(fileRows(m_files).size(), 1);
    }

    void history_data() { addFaultRows(); }
    void history()
    {
        QFETCH(QString, fault);
        FaultedRun r;
        runUnderFault(fault, QStringLiteral("history"), [](const QString& registry) {
            return QStringList{QStringLiteral("history"), registry + QStringLiteral("/demo/webapp"), QStringLiteral("--json")};
        }, r);
        if (QTest::currentTestFailed())
            return;
        if (r.fault->recovers)
            QCOMPARE(tagsAndDigests(r.result.out), tagsAndDigests(m_history));
        // What is kept as this repository's listing is all of it, or nothing.
        const auto offline = test::runBerthctl({QStringLiteral("history"), r.route.registry + QStringLiteral("/demo/webapp"), QStringLiteral("--offline"),
                                                QStringLiteral("--json")}, r.env);
        if (r.fault->recovers) {
            QCOMPARE(offline.exitCode, 6);
            QCOMPARE(tagsAndDigests(offline.out), tagsAndDigests(m_history));
        } else {
            QVERIFY2(offline.exitCode == 4 || (offline.exitCode == 6 && tagsAndDigests(offline.out) == tagsAndDigests(m_history)), offline.out.constData());
        }
    }

    void files_data() { addFaultRows(); }
    void files()
    {
        QFETCH(QString, fault);
        FaultedRun r;
        runUnderFault(fault, QStringLiteral("files"), [](const QString& registry) {
            return QStringList{QStringLiteral("files"), registry + QStringLiteral("/public/hello:1.0"), QStringLiteral("--json")};
        }, r);
        if (QTest::currentTestFailed())
            return;
        if (r.fault->recovers)
            QCOMPARE(fileRows(r.result.out), fileRows(m_files));
        // A layer listing is kept whole or not at all.
        const auto offline = test::runBerthctl({QStringLiteral("files"), r.route.registry + QStringLiteral("/public/hello:1.0"), QStringLiteral("--offline"),
                                                QStringLiteral("--json")}, r.env);
        if (offline.exitCode == 6)
            QCOMPARE(fileRows(offline.out), fileRows(m_files));
        else
            QVERIFY2(offline.exitCode == 4, offline.err.constData());
    }

    // The connection breaks in the middle of the layer itself, which streams on (into the listing,
    // or into the copy's upload) as it arrives: the layer is fetched again from its first byte,
    // and the answer is the clean one.
    void aLayerCutMidwayIsFetchedAgain()
    {
        const QString layer = jsonArray(m_files, QStringLiteral("entries")).at(0).toObject().value(QStringLiteral("layerDigest")).toString();
        QVERIFY(layer.startsWith(QStringLiteral("sha256:")));
        const QString source = digestOf(m_bed.anonymous + QStringLiteral("/public/hello:1.0"));
        for (const QString& kind : {QStringLiteral("reset"), QStringLiteral("chunked")}) {
            const QString rule = QStringLiteral("%1:GET /v2/.+/blobs/%2:1").arg(kind, layer);
            Route route = proxyWith(rule);
            QVERIFY(route.helper);
            auto run = runFaulted(route, {QStringLiteral("files"), route.registry + QStringLiteral("/public/hello:1.0"), QStringLiteral("--json")},
                                  environment(QStringLiteral("layer-files-") + kind));
            QCOMPARE(fired(route), 1);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QCOMPARE(fileRows(run.out), fileRows(m_files));

            route = proxyWith(rule);
            QVERIFY(route.helper);
            const QString target = QStringLiteral("%1/faults/layer-%2-%3:1.0").arg(m_bed.anonymous, kind, m_run);
            run = runFaulted(route, {QStringLiteral("cp"), route.registry + QStringLiteral("/public/hello:1.0"), target}, environment(QStringLiteral("layer-cp-") + kind));
            QCOMPARE(fired(route), 1);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QCOMPARE(digestOf(target), source);
        }
    }

    void copy_data() { addFaultRows(); }
    void copy()
    {
        QFETCH(QString, fault);
        // From the faulted registry to the bed's, under a new name.
        const QString target = QStringLiteral("%1/faults/copy-%2-%3:1.0").arg(m_bed.anonymous, slug(fault), m_run);
        FaultedRun r;
        runUnderFault(fault, QStringLiteral("copy"), [target](const QString& registry) {
            return QStringList{QStringLiteral("cp"), registry + QStringLiteral("/public/hello:1.0"), target};
        }, r);
        if (QTest::currentTestFailed())
            return;
        const QString copied = digestOf(target);
        if (r.fault->recovers)
            QCOMPARE(copied, digestOf(m_bed.anonymous + QStringLiteral("/public/hello:1.0")));
        else
            QVERIFY2(copied.isEmpty(), "a failed copy left a tag");
    }

    void retentionApply_data() { addFaultRows(); }
    void retentionApply()
    {
        QFETCH(QString, fault);
        const QString repository = QStringLiteral("faults/apply-%1-%2").arg(slug(fault), m_run);
        const QStringList doomed = makeRetentionRepository(repository);
        QCOMPARE(doomed.size(), 4);
        FaultedRun r;
        runUnderFault(fault, QStringLiteral("apply"), [this, repository](const QString& registry) {
            return QStringList{QStringLiteral("retention"), QStringLiteral("apply"), registry + QLatin1Char('/') + repository, QStringLiteral("--policy"),
                               keepNewestPolicy(), QStringLiteral("--yes")};
        }, r);
        if (QTest::currentTestFailed())
            return;
        // The audit log says of each image what the registry shows.
        const QHash<QString, bool> audited = auditedDeletions(r.env, repository);
        for (const QString& digest : doomed)
            QCOMPARE(audited.value(digest), !registryHas(repository, digest));
        if (r.fault->recovers)
            QCOMPARE(audited.keys().size(), 4);
        QVERIFY(registryHas(repository, digestOf(QStringLiteral("%1/%2:b5").arg(m_bed.anonymous, repository))));
    }

    // The connection is cut after two deletions: the audit log names the two deleted and the two
    // not; the same apply run again deletes exactly those two.
    void anApplyCutOffAfterTwoDeletionsIsFinishedByRunningItAgain()
    {
        const QString repository = QStringLiteral("faults/cut-%1").arg(m_run);
        const QStringList doomed = makeRetentionRepository(repository);
        QCOMPARE(doomed.size(), 4);
        const auto env = environment(QStringLiteral("cut"));
        {
            const Route route = proxyWith(QStringLiteral("drop:%1:0:2").arg(QLatin1String(kImageDeletion)));
            QVERIFY(route.helper);
            const auto run = runFaulted(route, {QStringLiteral("retention"), QStringLiteral("apply"), route.registry + QLatin1Char('/') + repository,
                                                QStringLiteral("--policy"), keepNewestPolicy(), QStringLiteral("--yes")}, env);
            QVERIFY(fired(route) > 0);
            QVERIFY2(run.exitCode == 1, run.out + run.err);
        }
        QHash<QString, bool> audited = auditedDeletions(env, repository);
        QStringList deleted, kept;
        for (const QString& digest : doomed) {
            QVERIFY2(audited.contains(digest), "an image the apply tried is missing from the audit log");
            (audited.value(digest) ? deleted : kept) << digest;
            QCOMPARE(audited.value(digest), !registryHas(repository, digest));
        }
        QCOMPARE(deleted.size(), 2);
        QCOMPARE(kept.size(), 2);

        int entriesBefore = 0, entriesAfter = 0;
        auditedDeletions(env, repository, &entriesBefore);
        const auto again = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("apply"), m_bed.anonymous + QLatin1Char('/') + repository,
                                              QStringLiteral("--policy"), keepNewestPolicy(), QStringLiteral("--yes")}, env);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        audited = auditedDeletions(env, repository, &entriesAfter);
        QCOMPARE(entriesAfter - entriesBefore, 2); // one entry per remaining image (each has one tag)
        for (const QString& digest : doomed) {
            QVERIFY(audited.value(digest));
            QVERIFY(!registryHas(repository, digest));
        }
    }

    // The registry deletes, and the answer is lost on the way back: Berth finds the image gone and
    // records the deletion instead of a failure.
    void aDeletionWhoseAnswerWasLostIsRecorded()
    {
        const QString repository = QStringLiteral("faults/lost-%1").arg(m_run);
        const QStringList doomed = makeRetentionRepository(repository);
        QCOMPARE(doomed.size(), 4);
        const auto env = environment(QStringLiteral("lost"));
        const Route route = proxyWith(QStringLiteral("reset:%1:1").arg(QLatin1String(kImageDeletion)));
        QVERIFY(route.helper);
        const auto run = runFaulted(route, {QStringLiteral("retention"), QStringLiteral("apply"), route.registry + QLatin1Char('/') + repository,
                                            QStringLiteral("--policy"), keepNewestPolicy(), QStringLiteral("--yes")}, env);
        QVERIFY(fired(route) > 0);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QHash<QString, bool> audited = auditedDeletions(env, repository);
        for (const QString& digest : doomed) {
            QVERIFY(audited.value(digest));
            QVERIFY(!registryHas(repository, digest));
        }
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
