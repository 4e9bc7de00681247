// Tag history: what each tag points at, when it was built, how big it is; a repeat run
// revalidates with HEAD and reads the cache; a tag that moves leaves a timeline.
#include "core/auth/TokenService.h"
#include "core/image/RepositoryHistory.h"
#include "core/net/HttpClient.h"
#include "core/providers/Provider.h"
#include "core/registry/Manifest.h"
#include "core/registry/RegistryClient.h"
#include "core/store/ContentStore.h"
#include "core/store/ObservationLog.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::waitFor;

class TestHistory : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_cache;

    struct Run
    {
        int requests = 0;
        QList<TagSummary> rows;
    };

    // One run as berthctl does it: a fresh client over the same cache and database.
    std::optional<Run> history(const QString& repository, ContentStore& store, ObservationLog& log)
    {
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        RegistryClient client(*RegistryEndpoint::fromString(m_bed.anonymous), &http, &tokens, &none);
        RepositoryHistory history(&client, &store, &log);
        auto rows = waitFor<QList<TagSummary>>([&](auto done) { history.load(repository, nullptr, done); });
        history.waitForWrites();
        if (!rows || !rows->has_value())
            return std::nullopt;
        return Run{http.transfersStarted(), rows->value()};
    }

    // A reader of the bed's anonymous registry that counts its requests (those that must make none).
    struct CountingReader
    {
        CountingReader(const QString& registry, ContentStore& store, ObservationLog& log)
            : client(*RegistryEndpoint::fromString(registry), &http, &tokens, &none)
            , reader(&client, &store, &log)
        {
        }
        HttpClient http;
        TokenService tokens{&http};
        StaticCredentials none{std::nullopt};
        RegistryClient client;
        RepositoryHistory reader;
    };

    static const TagSummary* row(const QList<TagSummary>& rows, const QString& tag)
    {
        for (const TagSummary& r : rows) {
            if (r.tag == tag)
                return &r;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { BERTH_LOAD_BED(m_bed); }

    void coldThenWarm()
    {
        ContentStore store(m_cache.filePath(QStringLiteral("store")));
        ObservationLog log(m_cache.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(log.open());
        const auto cold = history(QStringLiteral("demo/webapp"), store, log);
        QVERIFY(cold);
        QCOMPARE(cold->rows.size(), m_bed.seededTags(QStringLiteral("demo/webapp")).size());
        const TagSummary* first = row(cold->rows, QStringLiteral("1.0.0"));
        QVERIFY(first);
        QCOMPARE(first->created, QDateTime::fromString(QStringLiteral("2026-02-02T09:30:00Z"), Qt::ISODate));
        QCOMPARE(first->platforms, QStringList{QStringLiteral("linux/amd64")});
        QVERIFY(first->size > 100000);
        QVERIFY(!first->problem);
        QVERIFY(!first->fromCache);
        // Tags on the same build agree.
        QCOMPARE(row(cold->rows, QStringLiteral("latest"))->digest, row(cold->rows, QStringLiteral("1.10.0"))->digest);

        const auto warm = history(QStringLiteral("demo/webapp"), store, log);
        QVERIFY(warm);
        // The ping (plain HTTP: this loopback registry answered that way on the cold run, so no
        // HTTPS probe first), the tag list and one HEAD per tag.
        QCOMPARE(warm->requests, 2 + int(warm->rows.size()));
        QVERIFY(cold->requests > warm->requests); // cold also fetched every config
        for (int i = 0; i < warm->rows.size(); ++i) {
            QVERIFY(warm->rows[i].fromCache);
            QCOMPARE(warm->rows[i].digest, cold->rows[i].digest);
            QCOMPARE(warm->rows[i].created, cold->rows[i].created);
            QCOMPARE(warm->rows[i].size, cold->rows[i].size);
        }
    }

    void aRegistrysOwnListingNeedsNoRequest()
    {
        // Where each manifest read is a pull (Docker Hub), rows come from the registry's own listing:
        // an image Berth summarised before keeps its summary, a new one shows what the listing says,
        // and the sightings are recorded as a load records them — without a single request.
        QTemporaryDir cache;
        ContentStore store(cache.filePath(QStringLiteral("store")));
        ObservationLog log(cache.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(log.open());
        const auto loaded = history(QStringLiteral("demo/webapp"), store, log);
        QVERIFY(loaded);
        const TagSummary* known = row(loaded->rows, QStringLiteral("1.0.0"));
        QVERIFY(known);
        const QString registry = m_bed.anonymous;
        const QDateTime listedBefore = *log.lastListing(registry, QStringLiteral("demo/webapp"));

        CountingReader counting(m_bed.anonymous, store, log);
        RepositoryHistory& reader = counting.reader;
        const QString unseen = QStringLiteral("sha256:") + QString(64, u'a');
        QList<ProviderTag> listed{{QStringLiteral("1.0.0"), known->digest, {}, {}, 1, {}},
                                  {QStringLiteral("fresh"), unseen, {}, {}, 4242, {QStringLiteral("linux/arm64")}}};
        QTest::qWait(5); // the listing's time differs from the load's
        const QList<TagSummary> rows = reader.fromListing(QStringLiteral("demo/webapp"), listed);
        reader.waitForWrites();
        QCOMPARE(counting.http.transfersStarted(), 0);
        QCOMPARE(rows.size(), 2);
        const TagSummary* kept = row(rows, QStringLiteral("1.0.0"));
        QVERIFY(kept && kept->fromCache);
        QCOMPARE(kept->created, known->created); // the kept summary, not the listing's size
        QCOMPARE(kept->size, known->size);
        QCOMPARE(kept->firstSeen, known->firstSeen);
        const TagSummary* fresh = row(rows, QStringLiteral("fresh"));
        QVERIFY(fresh && !fresh->fromCache);
        QVERIFY(!fresh->created.isValid());
        QCOMPARE(fresh->size, 4242);
        QCOMPARE(fresh->platforms, QStringList{QStringLiteral("linux/arm64")});
        QCOMPARE(log.latest(registry, QStringLiteral("demo/webapp"), QStringLiteral("fresh"))->digest, unseen);
        QVERIFY(*log.lastListing(registry, QStringLiteral("demo/webapp")) > listedBefore); // a complete listing
        QCOMPARE(log.lastListedTags(registry, QStringLiteral("demo/webapp")).size(), 2);

        // A tag the listing names without a digest is shown; the listing is not taken as complete.
        const QDateTime listedSecond = *log.lastListing(registry, QStringLiteral("demo/webapp"));
        QTest::qWait(5);
        listed << ProviderTag{QStringLiteral("nodigest"), {}, {}, {}, -1, {}};
        QCOMPARE(reader.fromListing(QStringLiteral("demo/webapp"), listed).size(), 3);
        reader.waitForWrites();
        QCOMPARE(*log.lastListing(registry, QStringLiteral("demo/webapp")), listedSecond);
        QVERIFY(!log.latest(registry, QStringLiteral("demo/webapp"), QStringLiteral("nodigest")));

        // The same listing taken in page by page, as the window takes it: the same rows, with the
        // first-seen times the history read meanwhile.
        listed.removeLast();
        reader.beginListing(QStringLiteral("demo/webapp"));
        reader.addListedPage({listed.at(1)});
        reader.addListedPage({listed.at(0)});
        const QList<TagSummary> paged = reader.endListing();
        reader.waitForWrites();
        QCOMPARE(paged.size(), 2);
        QCOMPARE(paged.at(0).tag, QStringLiteral("fresh")); // in the listing's order
        QCOMPARE(paged.at(0).firstSeen, fresh->firstSeen); // seen by the listing before
        QCOMPARE(paged.at(0).uniqueSize, -1); // not read: no size freed is claimed
        QCOMPARE(paged.at(1).tag, QStringLiteral("1.0.0"));
        QVERIFY(paged.at(1).fromCache);
        QCOMPARE(paged.at(1).created, known->created);
        QCOMPARE(paged.at(1).firstSeen, known->firstSeen);
        QVERIFY(*log.lastListing(registry, QStringLiteral("demo/webapp")) > listedSecond);
    }

    void aReadImageIsSummarisedFromTheStoreAlone()
    {
        // A tag selected on Docker Hub has its image read into the store; its row is then filled from
        // the store, without a request (a pull): an index's date once its linux/amd64 image is there,
        // the whole summary (kept for the next listing) once every platform is.
        QTemporaryDir cache;
        ContentStore full(cache.filePath(QStringLiteral("full")));
        ObservationLog log(cache.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(log.open());
        const auto run = history(QStringLiteral("demo/debian-base"), full, log);
        QVERIFY(run);
        const TagSummary* latest = row(run->rows, QStringLiteral("latest"));
        QVERIFY(latest && latest->platforms.size() == 2);

        ContentStore store(cache.filePath(QStringLiteral("selected")));
        CountingReader counting(m_bed.anonymous, store, log);
        RepositoryHistory& reader = counting.reader;
        auto copy = [&](const QString& digest) {
            const auto bytes = full.read(digest);
            QVERIFY(bytes);
            QVERIFY(store.write(digest, *bytes));
        };
        auto imageWithConfig = [&](const QString& digest) {
            copy(digest);
            const auto image = Manifest::parse(*full.read(digest), {});
            QVERIFY(image);
            copy(image->config.digest);
        };
        QVERIFY(!reader.summaryFromStore(latest->digest)); // nothing read yet
        copy(latest->digest);
        QVERIFY(!reader.summaryFromStore(latest->digest)); // the index alone: no date to give
        const auto index = Manifest::parse(*full.read(latest->digest), {});
        QVERIFY(index);
        const auto amd64 = index->manifestFor(*Platform::parse(QStringLiteral("linux/amd64")));
        QVERIFY(amd64);
        imageWithConfig(amd64->digest);
        const auto dated = reader.summaryFromStore(latest->digest);
        QVERIFY(dated);
        QCOMPARE(dated->created, latest->created);
        QCOMPARE(dated->size, -1); // the arm64 image is not read: the size is not known
        const QList<ProviderTag> listed{{QStringLiteral("latest"), latest->digest, {}, {}, 1234, {}}};
        QVERIFY(!reader.fromListing(QStringLiteral("demo/debian-base"), listed).first().created.isValid()); // not kept
        for (const Descriptor& child : index->manifests) // the other platforms' sizes (their configs are not needed)
            copy(child.digest);
        const auto whole = reader.summaryFromStore(latest->digest);
        QVERIFY(whole);
        QCOMPARE(whole->created, latest->created);
        QCOMPARE(whole->size, latest->size);
        QCOMPARE(whole->platforms, latest->platforms);
        const TagSummary kept = reader.fromListing(QStringLiteral("demo/debian-base"), listed).first();
        QVERIFY(kept.fromCache);
        QCOMPARE(kept.created, latest->created);
        QCOMPARE(kept.size, latest->size);
        reader.waitForWrites();
        QCOMPARE(counting.http.transfersStarted(), 0);
    }

    void anIndexListsItsPlatforms()
    {
        ContentStore store(m_cache.filePath(QStringLiteral("store")));
        ObservationLog log(m_cache.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(log.open());
        const auto run = history(QStringLiteral("demo/debian-base"), store, log);
        QVERIFY(run);
        const TagSummary* latest = row(run->rows, QStringLiteral("latest"));
        QVERIFY(latest);
        QCOMPARE(latest->platforms, (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}));
        QCOMPARE(latest->created, QDateTime::fromString(QStringLiteral("2026-10-04T09:30:00Z"), Qt::ISODate));
        QVERIFY(latest->size > row(run->rows, QStringLiteral("12.0"))->size); // two platforms' layers
    }

    void aMovedTagLeavesATimeline()
    {
        ContentStore store(m_cache.filePath(QStringLiteral("store")));
        ObservationLog log(m_cache.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(log.open());
        const auto before = history(QStringLiteral("history/moving"), store, log);
        QVERIFY(before);
        const QString v1 = row(before->rows, QStringLiteral("v1"))->digest;
        const QString v2 = row(before->rows, QStringLiteral("v2"))->digest;
        QCOMPARE(row(before->rows, QStringLiteral("current"))->digest, v1);

        // Retag current -> v2 with the v2 manifest bytes, as `docker push` would.
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        RegistryClient client(*RegistryEndpoint::fromString(m_bed.anonymous), &http, &tokens, &none);
        const auto bytes = store.read(v2);
        QVERIFY(bytes);
        auto pushed = waitFor<QString>([&](auto done) {
            client.putManifest(QStringLiteral("history/moving"), QStringLiteral("current"), *bytes, MediaType::DockerManifest, nullptr, done);
        });
        QVERIFY(pushed && pushed->has_value());
        QCOMPARE(pushed->value(), v2);

        const auto after = history(QStringLiteral("history/moving"), store, log);
        QVERIFY(after);
        const TagSummary* current = row(after->rows, QStringLiteral("current"));
        QCOMPARE(current->digest, v2);
        QVERIFY(!current->fromCache); // the HEAD saw the move, so the manifest was fetched
        const auto timeline = log.timeline(m_bed.anonymous, QStringLiteral("history/moving"), QStringLiteral("current"));
        QCOMPARE(timeline.size(), 2);
        QCOMPARE(timeline[0].digest, v1);
        QCOMPARE(timeline[1].digest, v2);
    }

    // A warm run asks only for the kind of manifest a tag had (an image here): when the tag now
    // points at an index, that is a move, the index is read in full, and the next run keeps it.
    void aTagThatBecomesAnIndexIsReadAgain()
    {
        ContentStore store(m_cache.filePath(QStringLiteral("store")));
        ObservationLog log(m_cache.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(log.open());
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        RegistryClient client(*RegistryEndpoint::fromString(m_bed.anonymous), &http, &tokens, &none);
        const QString repository = QStringLiteral("history/moving");
        const auto seeded = history(repository, store, log); // every manifest of the repository in the store
        QVERIFY(seeded);
        const QString v1 = row(seeded->rows, QStringLiteral("v1"))->digest;
        const QString v2 = row(seeded->rows, QStringLiteral("v2"))->digest;
        const auto v1Bytes = store.read(v1);
        const auto v2Bytes = store.read(v2);
        QVERIFY(v1Bytes && v2Bytes);
        auto put = [&](const QByteArray& bytes, const QString& mediaType) {
            auto pushed = waitFor<QString>([&](auto done) { client.putManifest(repository, QStringLiteral("kind"), bytes, mediaType, nullptr, done); });
            return pushed && pushed->has_value() ? pushed->value() : QString();
        };
        QCOMPARE(put(*v1Bytes, MediaType::DockerManifest), v1);
        const auto asImage = history(repository, store, log);
        QVERIFY(asImage);
        QCOMPARE(row(asImage->rows, QStringLiteral("kind"))->mediaType, MediaType::DockerManifest);

        auto entry = [](const QString& digest, qsizetype size, const char* arch) {
            return QJsonObject{{QStringLiteral("mediaType"), MediaType::DockerManifest}, {QStringLiteral("digest"), digest},
                               {QStringLiteral("size"), size},
                               {QStringLiteral("platform"), QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")},
                                                                        {QStringLiteral("architecture"), QLatin1String(arch)}}}};
        };
        const QByteArray index = QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), MediaType::OciIndex},
                                                           {QStringLiteral("manifests"), QJsonArray{entry(v1, v1Bytes->size(), "amd64"),
                                                                                                    entry(v2, v2Bytes->size(), "arm64")}}})
                                     .toJson(QJsonDocument::Compact);
        const QString indexDigest = put(index, MediaType::OciIndex);
        QVERIFY(!indexDigest.isEmpty());
        const auto asIndex = history(repository, store, log);
        QVERIFY(asIndex);
        const TagSummary* moved = row(asIndex->rows, QStringLiteral("kind"));
        QCOMPARE(moved->digest, indexDigest);
        QCOMPARE(moved->mediaType, MediaType::OciIndex);
        QCOMPARE(moved->platforms, (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}));
        QVERIFY(!moved->fromCache);
        const auto again = history(repository, store, log);
        QVERIFY(again);
        QCOMPARE(row(again->rows, QStringLiteral("kind"))->digest, indexDigest);
        QVERIFY(row(again->rows, QStringLiteral("kind"))->fromCache);
        QCOMPARE(again->requests, 2 + int(again->rows.size())); // a HEAD per tag, nothing fetched
        QCOMPARE(log.timeline(m_bed.anonymous, repository, QStringLiteral("kind")).size(), 2);
    }

    void berthctlHistoryJson()
    {
        QTemporaryDir home;
        const auto run = test::runBerthctl({QStringLiteral("history"), m_bed.anonymous + QStringLiteral("/tools/cli"), QStringLiteral("--json")},
                                           test::isolatedEnvironment(home.path()));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray tags = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("tags")).toArray();
        QCOMPARE(tags.size(), 3);
        const QStringList dates{QStringLiteral("2026-01-10T09:30:00Z"), QStringLiteral("2026-04-22T09:30:00Z"), QStringLiteral("2026-09-03T09:30:00Z")};
        for (int i = 0; i < 3; ++i) {
            const QJsonObject t = tags[i].toObject();
            QCOMPARE(t[QStringLiteral("tag")].toString(), QStringLiteral("v0.%1.0").arg(i + 1));
            QCOMPARE(t[QStringLiteral("created")].toString(), dates[i]);
            QVERIFY(t[QStringLiteral("digest")].toString().startsWith(QStringLiteral("sha256:")));
            QVERIFY(t[QStringLiteral("size")].toInteger() > 0);
            QCOMPARE(t[QStringLiteral("platforms")].toArray().first().toString(), QStringLiteral("linux/amd64"));
        }
    }

    void retentionPlanIsADryRun()
    {
        QTemporaryDir home;
        const auto env = test::isolatedEnvironment(home.path());
        auto plan = [&](const QByteArray& policy) {
            QFile file(home.filePath(QStringLiteral("policy.json")));
            if (!file.open(QIODevice::WriteOnly))
                qFatal("cannot write the policy");
            file.write(policy);
            file.close();
            const auto run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), m_bed.anonymous + QStringLiteral("/demo/webapp"),
                                                QStringLiteral("--policy"), file.fileName(), QStringLiteral("--json")},
                                               env);
            QMap<QString, QString> actions; // first tag -> action
            for (const auto& e : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray()) {
                const QJsonObject o = e.toObject();
                for (const auto& tag : o.value(QStringLiteral("tags")).toArray())
                    actions.insert(tag.toString(), o.value(QStringLiteral("action")).toString());
            }
            if (run.exitCode != 0)
                qWarning("%s", run.err.constData());
            return std::pair{actions, QJsonDocument::fromJson(run.out).object()};
        };
        // Keep the two newest builds.
        auto [keepTwo, doc] = plan("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}");
        QCOMPARE(keepTwo.value(QStringLiteral("1.10.0")), QStringLiteral("keep"));
        QCOMPARE(keepTwo.value(QStringLiteral("latest")), QStringLiteral("keep")); // same image as 1.10.0
        QCOMPARE(keepTwo.value(QStringLiteral("1.9.0")), QStringLiteral("keep"));
        QCOMPARE(keepTwo.value(QStringLiteral("1.2.0")), QStringLiteral("delete"));
        QCOMPARE(keepTwo.value(QStringLiteral("prod-2026-05-21")), QStringLiteral("delete")); // it shares 1.2.0's digest
        QCOMPARE(keepTwo.value(QStringLiteral("1.0.0")), QStringLiteral("delete"));
        QCOMPARE(doc.value(QStringLiteral("deleting")).toInt(), 3);
        QVERIFY(doc.value(QStringLiteral("bytesReclaimed")).toInteger() > 0);
        // A rule for prod-* first: the prod image is protected, whatever the second rule counts.
        auto [withProd, doc2] = plan("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},"
                                     "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}");
        QCOMPARE(withProd.value(QStringLiteral("1.2.0")), QStringLiteral("keep"));
        QCOMPARE(withProd.value(QStringLiteral("1.0.0")), QStringLiteral("delete"));
        QCOMPARE(doc2.value(QStringLiteral("deleting")).toInt(), 2);
        // Protections and cost: latest is never deleted; a price gives the monthly saving.
        QFile file(home.filePath(QStringLiteral("policy.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        file.close();
        const auto guarded = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), m_bed.anonymous + QStringLiteral("/tools/cli"),
                                                QStringLiteral("--policy"), file.fileName(), QStringLiteral("--keep-tag"), QStringLiteral("v0.1.0"),
                                                QStringLiteral("--price-per-gb-month"), QStringLiteral("0.10"), QStringLiteral("--json")},
                                               env);
        QVERIFY2(guarded.exitCode == 0, guarded.err.constData());
        const QJsonObject g = QJsonDocument::fromJson(guarded.out).object();
        QCOMPARE(g.value(QStringLiteral("deleting")).toInt(), 1); // v0.2.0 only: v0.3.0 is newest, v0.1.0 protected
        // The saving is the bytes the plan frees at the price asked: 0.10 USD per (decimal) GB-month.
        const qint64 freed = g.value(QStringLiteral("bytesReclaimed")).toInteger();
        QVERIFY(freed > 0);
        QCOMPARE(g.value(QStringLiteral("monthlySaving")).toDouble(), double(freed) / 1e9 * 0.10);
        // A dry run: every tag is still there.
        const auto tags = test::runBerthctl({QStringLiteral("tags"), m_bed.anonymous + QStringLiteral("/tools/cli")}, env);
        QVERIFY2(tags.exitCode == 0, tags.err.constData());
        QCOMPARE(test::sorted(QString::fromUtf8(tags.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)),
                 (QStringList{QStringLiteral("v0.1.0"), QStringLiteral("v0.2.0"), QStringLiteral("v0.3.0")}));
        // A bad policy is said, with the rule.
        const auto bad = plan("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        QVERIFY(bad.first.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
