// Manifests, indexes, artifacts and configs from the OCI and distribution specs; digests; the
// content store and the tag observation log.
#include "core/registry/Digest.h"
#include "core/registry/Manifest.h"
#include "core/store/ContentStore.h"
#include "core/store/ObservationLog.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace berth;

class TestImageModel : public QObject
{
    Q_OBJECT

    static Manifest parsed(const QString& fixture, const QString& contentType = {})
    {
        auto m = Manifest::parse(test::readFixture(QStringLiteral("oci/") + fixture), contentType);
        if (!m)
            qFatal("%s: %s", qPrintable(fixture), qPrintable(m.error().message));
        return *m;
    }

private Q_SLOTS:
    void ociManifestWithSubject()
    {
        const Manifest m = parsed(QStringLiteral("oci-image-manifest.image-spec.json"), QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        QCOMPARE(m.kind, Manifest::Kind::Image);
        QCOMPARE(m.layers.size(), 3);
        QCOMPARE(m.config.size, 7023);
        QCOMPARE(m.imageSize(), 7023 + 32654 + 16724 + 73109);
        QVERIFY(m.subject);
        QCOMPARE(m.subject->digest, QStringLiteral("sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270"));
        QCOMPARE(m.annotations.value(QStringLiteral("com.example.key1")), QStringLiteral("value1"));
        QVERIFY(m.artifactType.isEmpty());
        QCOMPARE(m.digest, sha256Digest(m.raw));
    }

    void indexesPickAPlatform()
    {
        for (const QString& fixture : {QStringLiteral("oci-image-index.image-spec.json"), QStringLiteral("docker-manifest-list.distribution-docs.json")}) {
            const Manifest index = parsed(fixture);
            QVERIFY(index.isIndex());
            QCOMPARE(index.manifests.size(), 2);
            const auto amd64 = index.manifestFor(*Platform::parse(QStringLiteral("linux/amd64")));
            QVERIFY(amd64);
            QCOMPARE(amd64->digest, QStringLiteral("sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270"));
            QVERIFY(!index.manifestFor(*Platform::parse(QStringLiteral("linux/arm64"))));
        }
    }

    void artifactsHaveATypeEitherWay()
    {
        QCOMPARE(parsed(QStringLiteral("oci-artifact-with-config.image-spec.json")).artifactType, QStringLiteral("application/vnd.example+type"));
        const Manifest notary = parsed(QStringLiteral("artifact-manifest-subject-configMediaType.notary-spec.json"));
        QCOMPARE(notary.artifactType, QStringLiteral("application/vnd.cncf.notary.signature")); // from config.mediaType
        QVERIFY(notary.subject);
        QCOMPARE(parsed(QStringLiteral("artifact-manifest-subject-artifactType.notary-spec.json")).artifactType,
                 QStringLiteral("application/vnd.cncf.notary.signature"));
    }

    void dockerSchema2()
    {
        const Manifest m = parsed(QStringLiteral("docker-schema2-manifest.distribution-docs.json"), QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"));
        QCOMPARE(m.kind, Manifest::Kind::Image);
        QCOMPARE(m.mediaType, MediaType::DockerManifest);
        QVERIFY(!m.layers.isEmpty());
    }

    void schema1IsRecognisedNotRead()
    {
        const QByteArray schema1 = "{\"schemaVersion\":1,\"name\":\"hello\",\"tag\":\"latest\",\"fsLayers\":[{\"blobSum\":\"sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4\"}],\"history\":[],\"signatures\":[]}";
        const auto m = Manifest::parse(schema1, QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws"));
        QVERIFY(m);
        QCOMPARE(m->kind, Manifest::Kind::Schema1);
        QVERIFY(m->layers.isEmpty());
    }

    void servedAndDeclaredTypesMustAgree()
    {
        const QByteArray raw = test::readFixture(QStringLiteral("oci/oci-image-index.image-spec.json"));
        const auto m = Manifest::parse(raw, QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        QVERIFY(!m);
        QCOMPARE(m.error().kind, ErrorKind::Parse);
        // Parameters and generic types do not count as a disagreement.
        QVERIFY(Manifest::parse(raw, QStringLiteral("application/vnd.oci.image.index.v1+json; charset=utf-8")));
        QVERIFY(Manifest::parse(raw, QStringLiteral("application/json")));
    }

    void badManifestsAreParseErrors()
    {
        QCOMPARE(Manifest::parse("not json", {}).error().kind, ErrorKind::Parse);
        QCOMPARE(Manifest::parse("{\"schemaVersion\":3}", {}).error().kind, ErrorKind::Parse);
        QCOMPARE(Manifest::parse("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:x\"}}", {}).error().kind,
                 ErrorKind::Parse); // config without size
        QCOMPARE(Manifest::parse("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example.unknown\"}", {}).error().kind,
                 ErrorKind::Unsupported);
    }

    void imageConfig()
    {
        const auto c = ImageConfig::parse(test::readFixture(QStringLiteral("oci/oci-image-config.image-spec.json")));
        QVERIFY(c);
        QCOMPARE(c->created, QDateTime::fromString(QStringLiteral("2015-10-31T22:22:56.015925234Z"), Qt::ISODateWithMs));
        QCOMPARE(c->platform.toString(), QStringLiteral("linux/amd64"));
        QCOMPARE(c->user, QStringLiteral("alice"));
        QCOMPARE(c->entrypoint, QStringList{QStringLiteral("/bin/my-app-binary")});
        QCOMPARE(c->exposedPorts, QStringList{QStringLiteral("8080/tcp")});
        QVERIFY(c->env.contains(QStringLiteral("FOO=oci_is_a")));
        QVERIFY(!c->history.isEmpty());
        QVERIFY(!c->diffIds.isEmpty());
    }

    void digests()
    {
        QCOMPARE(sha256Digest(""), QStringLiteral("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256Digest("{}"), QStringLiteral("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"));
        Sha256Hasher hasher;
        hasher.update("{");
        hasher.update("}");
        QCOMPARE(hasher.digest(), sha256Digest("{}"));
        QVERIFY(matchesDigest("{}", QStringLiteral("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")));
        QVERIFY(!matchesDigest("{} ", QStringLiteral("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")));
        QVERIFY(!matchesDigest("{}", QStringLiteral("md5:99914b932bd37a50b983c5e7c90ae93b")));
    }

    void contentStoreKeepsOnlyVerifiedContent()
    {
        QTemporaryDir dir;
        ContentStore store(dir.path());
        const QByteArray bytes = "{\"hello\":1}";
        const QString digest = sha256Digest(bytes);
        QVERIFY(!store.write(digest, "tampered")); // nothing cached under a digest it does not match
        QVERIFY(!store.contains(digest));
        QVERIFY(store.write(digest, bytes));
        QCOMPARE(store.read(digest).value(), bytes);
        // A document damaged on disk is a miss, not wrong data.
        store.flush();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
            db.setDatabaseName(store.databasePath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE content SET bytes = x'64616d61676564'")));
            QCOMPARE(q.numRowsAffected(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("damage"));
        QVERIFY(!store.read(digest));
        QVERIFY(!store.contains(digest));
        QVERIFY(!store.read(QStringLiteral("sha256:../../etc/passwd")));
    }

    void contentStoreChecksDerivedFacts()
    {
        QTemporaryDir dir;
        const QString key = QStringLiteral("tag-summary/1/linux/amd64/sha256:") + QString(64, u'a');
        const QString other = QStringLiteral("tag-summary/1/linux/amd64/sha256:") + QString(64, u'b');
        const QString pending = QStringLiteral("tag-summary/1/linux/amd64/sha256:") + QString(64, u'c');
        {
            ContentStore store(dir.path());
            store.writeDerived(key, "{\"size\":1}");
            QCOMPARE(store.readDerived(key).value(), QByteArray("{\"size\":1}")); // before and after the commit
            store.flush();
            QCOMPARE(store.readDerived(key).value(), QByteArray("{\"size\":1}"));
            QVERIFY(!store.readDerived(QStringLiteral("tag-summary/1/other")));
            store.writeDerived(other, "{\"size\":3}");
            store.flush();
            store.writeDerived(pending, "{\"size\":4}");
            // Many at once: committed and still pending ones, a key asked twice, one never written.
            const QHash<QString, QByteArray> many = store.readDerived(QStringList{key, QStringLiteral("tag-summary/1/none"), other, pending, key});
            QCOMPARE(many, (QHash<QString, QByteArray>{{key, "{\"size\":1}"}, {other, "{\"size\":3}"}, {pending, "{\"size\":4}"}}));

            // Keys that need escaping on their way to the database, and more keys than one statement
            // once took: each found as written.
            const QStringList odd{QStringLiteral("tag-summary/1/\"quoted\"/x"), QStringLiteral("tag-summary/1/back\\slash"),
                                  QStringLiteral("tag-summary/1/tab\there"), QStringLiteral("tag-summary/1/\u00e9t\u00e9/\uc548")};
            for (const QString& k : odd)
                store.writeDerived(k, k.toUtf8());
            QStringList asked = odd;
            for (int i = 0; i < 500; ++i) {
                const QString k = QStringLiteral("tag-summary/1/linux/arm64/sha256:%1").arg(i, 64, 10, QLatin1Char('0'));
                if (i % 3 == 0)
                    store.writeDerived(k, QByteArray::number(i));
                asked << k;
            }
            store.flush();
            const QHash<QString, QByteArray> found = store.readDerived(asked);
            QCOMPARE(found.size(), odd.size() + 167);
            for (const QString& k : odd)
                QCOMPARE(found.value(k), k.toUtf8());
            QCOMPARE(found.value(QStringLiteral("tag-summary/1/linux/arm64/sha256:%1").arg(498, 64, 10, QLatin1Char('0'))), QByteArray("498"));
            QVERIFY(!found.contains(QStringLiteral("tag-summary/1/linux/arm64/sha256:%1").arg(499, 64, 10, QLatin1Char('0'))));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage-derived"));
            db.setDatabaseName(dir.filePath(QStringLiteral("content.db")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.prepare(QStringLiteral("UPDATE derived SET bytes = x'7b2273697a65223a327d' WHERE key = ?"))); // {"size":2}
            q.addBindValue(key.toUtf8());
            QVERIFY(q.exec());
            QCOMPARE(q.numRowsAffected(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("damage-derived"));
        ContentStore reopened(dir.path());
        QVERIFY(!reopened.readDerived(key)); // damaged: derived again, never the wrong size
        QCOMPARE(reopened.readDerived(QStringList{key, other}), (QHash<QString, QByteArray>{{other, "{\"size\":3}"}}));
    }

    void contentStoreMovesTheFileLayoutInOnce()
    {
        // A cache written by earlier Berth: one file per document under blobs/sha256/<2 hex>/<hex>.
        QTemporaryDir dir;
        const QByteArray good = "{\"schemaVersion\":2}";
        const QString digest = sha256Digest(good);
        const QString hex = digest.mid(7);
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("blobs/sha256/") + hex.left(2)));
        QFile file(dir.filePath(QStringLiteral("blobs/sha256/") + hex.left(2) + u'/' + hex));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(good);
        file.close();
        const QString damagedDigest = sha256Digest("other");
        QFile damaged(dir.filePath(QStringLiteral("blobs/sha256/") + damagedDigest.mid(7, 2) + u'/' + damagedDigest.mid(7)));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("blobs/sha256/") + damagedDigest.mid(7, 2)));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("not other");
        damaged.close();
        {
            ContentStore store(dir.path());
            QCOMPARE(store.read(digest).value(), good);
            QVERIFY(!store.contains(damagedDigest));
        }
        QVERIFY(!QDir(dir.filePath(QStringLiteral("blobs"))).exists()); // moved, not kept twice
        ContentStore reopened(dir.path());
        QCOMPARE(reopened.read(digest).value(), good);
    }

    void contentStoreMovesKeyOrderedTablesOnce()
    {
        // A database written by earlier Berth: both tables ordered by their key (WITHOUT ROWID).
        QTemporaryDir dir;
        const QByteArray document = "{\"schemaVersion\":2,\"old\":true}";
        const QString digest = sha256Digest(document);
        const QString key = QStringLiteral("tag-summary/1/linux/amd64/") + digest;
        const QByteArray summary = "{\"size\":7}";
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("earlier"));
            db.setDatabaseName(dir.filePath(QStringLiteral("content.db")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE content (digest BLOB PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE derived (key BLOB PRIMARY KEY, bytes BLOB NOT NULL, sha256 BLOB NOT NULL) WITHOUT ROWID")));
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO content VALUES (?, ?)")));
            q.addBindValue(digest.toLatin1());
            q.addBindValue(document);
            QVERIFY(q.exec());
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO derived VALUES (?, ?, ?)")));
            q.addBindValue(key.toUtf8());
            q.addBindValue(summary);
            q.addBindValue(sha256Bytes(summary));
            QVERIFY(q.exec());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("earlier"));
        {
            ContentStore store(dir.path());
            QCOMPARE(store.read(digest).value(), document);
            QCOMPARE(store.readDerived(key).value(), summary);
            // New writes land beside the moved rows, and a summary written again replaces the old one.
            const QByteArray newer = "{\"schemaVersion\":2,\"new\":true}";
            QVERIFY(store.write(sha256Digest(newer), newer));
            store.writeDerived(key, "{\"size\":8}");
        }
        ContentStore reopened(dir.path());
        QCOMPARE(reopened.read(digest).value(), document);
        QCOMPARE(reopened.readDerived(key).value(), QByteArray("{\"size\":8}"));
        QVERIFY(reopened.contains(sha256Digest("{\"schemaVersion\":2,\"new\":true}")));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("layout"));
            db.setDatabaseName(dir.filePath(QStringLiteral("content.db")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")));
            QStringList tables;
            while (q.next()) {
                tables << q.value(0).toString();
                QVERIFY2(!q.value(1).toString().contains(QStringLiteral("WITHOUT ROWID")), qPrintable(q.value(1).toString()));
            }
            QCOMPARE(tables, (QStringList{QStringLiteral("content"), QStringLiteral("derived")})); // the old copies are gone
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM derived")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("layout"));
    }

    void contentStoreKeepsBatchedWritesAcrossInstances()
    {
        QTemporaryDir dir;
        QStringList digests;
        {
            ContentStore store(dir.path());
            for (int i = 0; i < 600; ++i) { // more than one batch, and a partial one
                const QByteArray bytes = QByteArray("{\"n\":") + QByteArray::number(i) + '}';
                digests << sha256Digest(bytes);
                QVERIFY(store.write(digests.last(), bytes));
                QVERIFY(store.contains(digests.last()));
            }
        }
        ContentStore again(dir.path());
        for (int i = 0; i < 600; ++i)
            QCOMPARE(again.read(digests.at(i)).value(), QByteArray("{\"n\":") + QByteArray::number(i) + '}');
    }

    void observationsFormATimeline()
    {
        QTemporaryDir dir;
        ObservationLog log(dir.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(log.open());
        const QDateTime t1 = QDateTime::fromString(QStringLiteral("2026-11-01T10:00:00Z"), Qt::ISODate);
        const QDateTime t2 = t1.addDays(3);
        const QDateTime t3 = t1.addDays(7);
        const QString a = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        const QString b = QStringLiteral("sha256:") + QString(64, QLatin1Char('b'));
        auto seen = [&](const QString& digest, const QDateTime& when) {
            return TagObservation{QStringLiteral("r"), QStringLiteral("team/app"), QStringLiteral("latest"), digest, MediaType::OciManifest, when, when};
        };
        QVERIFY(log.record({seen(a, t1)}));
        QVERIFY(log.record({seen(a, t2)})); // the same digest again: only lastSeen moves
        QVERIFY(log.record({seen(b, t3)})); // the tag moved
        const auto timeline = log.timeline(QStringLiteral("r"), QStringLiteral("team/app"), QStringLiteral("latest"));
        QCOMPARE(timeline.size(), 2);
        QCOMPARE(timeline[0].digest, a);
        QCOMPARE(timeline[0].firstSeen, t1);
        QCOMPARE(timeline[0].lastSeen, t2);
        QCOMPARE(timeline[1].digest, b);
        QCOMPARE(log.latest(QStringLiteral("r"), QStringLiteral("team/app"), QStringLiteral("latest"))->digest, b);
        QVERIFY(!log.latest(QStringLiteral("r"), QStringLiteral("team/app"), QStringLiteral("other")));

        // The whole repository at once: each tag's latest sighting, whichever way its digests sort.
        auto seenAs = [&](const QString& tag, const QString& digest, const QString& mediaType, const QDateTime& when) {
            return TagObservation{QStringLiteral("r"), QStringLiteral("team/app"), tag, digest, mediaType, when, when};
        };
        QVERIFY(log.record({seenAs(QStringLiteral("back"), b, MediaType::DockerManifest, t1)}));
        QVERIFY(log.record({seenAs(QStringLiteral("back"), a, MediaType::OciIndex, t3)})); // moved to a digest that sorts first
        QVERIFY(log.record({seenAs(QStringLiteral("bare"), a, QString(), t2)})); // no media type kept
        const QHash<QString, TagObservation> latest = log.latestOfRepository(QStringLiteral("r"), QStringLiteral("team/app"));
        QCOMPARE(latest.size(), 3);
        QCOMPARE(latest.value(QStringLiteral("latest")).digest, b);
        QCOMPARE(latest.value(QStringLiteral("latest")).firstSeen, t3);
        QCOMPARE(latest.value(QStringLiteral("latest")).mediaType, MediaType::OciManifest);
        QCOMPARE(latest.value(QStringLiteral("back")).digest, a);
        QCOMPARE(latest.value(QStringLiteral("back")).lastSeen, t3);
        QCOMPARE(latest.value(QStringLiteral("back")).mediaType, MediaType::OciIndex);
        QCOMPARE(latest.value(QStringLiteral("back")).tag, QStringLiteral("back"));
        QCOMPARE(latest.value(QStringLiteral("bare")).mediaType, QString());
        QCOMPARE(latest.value(QStringLiteral("bare")).registry, QStringLiteral("r"));
        QVERIFY(log.latestOfRepository(QStringLiteral("r"), QStringLiteral("team/other")).isEmpty());
    }

    // A listing that repeats the last one is written by moving that listing's rows; the log checks
    // that they are exactly those, and writes each observation when a newer sighting is there too.
    void aRepeatedListingMovesItsRowsOnly()
    {
        QTemporaryDir dir;
        ObservationLog log(dir.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(log.open());
        const QString registry = QStringLiteral("r");
        const QString repo = QStringLiteral("team/app");
        const QDateTime t1 = QDateTime::fromString(QStringLiteral("2026-11-01T10:00:00Z"), Qt::ISODate);
        const QString a = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        const QString b = QStringLiteral("sha256:") + QString(64, QLatin1Char('b'));
        const QString c = QStringLiteral("sha256:") + QString(64, QLatin1Char('c'));
        auto seen = [&](const QString& tag, const QString& digest, const QDateTime& when) {
            return TagObservation{registry, repo, tag, digest, MediaType::OciManifest, when, when};
        };
        auto listing = [&](const QDateTime& when) { return ListingMark{registry, repo, when}; };
        QVERIFY(log.record({seen(QStringLiteral("v1"), a, t1), seen(QStringLiteral("v2"), b, t1)}, listing(t1)));

        // The same two tags at the same digests: both rows move, the listing with them, no row is added.
        const QDateTime t2 = t1.addDays(1);
        QVERIFY(log.recordInBackground({seen(QStringLiteral("v1"), a, t2), seen(QStringLiteral("v2"), b, t2)}, listing(t2), t1).result());
        QCOMPARE(log.lastListing(registry, repo), t2);
        QCOMPARE(log.lastListedTags(registry, repo).size(), 2);
        QCOMPARE(log.timelineOfRepository(registry, repo).size(), 2);
        QCOMPARE(log.latest(registry, repo, QStringLiteral("v1"))->firstSeen, t1);
        QCOMPARE(log.latest(registry, repo, QStringLiteral("v1"))->lastSeen, t2);

        // v2 was seen at c after that listing (an inspect, not a listing); a caller that knew only the
        // listing believes the next listing repeats it, but v2 is back at b: each sighting is written,
        // and c's row keeps its own time.
        const QDateTime t3 = t2.addDays(1);
        QVERIFY(log.record({seen(QStringLiteral("v2"), c, t3)}));
        const QDateTime t4 = t3.addDays(1);
        QVERIFY(log.recordInBackground({seen(QStringLiteral("v1"), a, t4), seen(QStringLiteral("v2"), b, t4)}, listing(t4), t2).result());
        QCOMPARE(log.lastListing(registry, repo), t4);
        QCOMPARE(log.latest(registry, repo, QStringLiteral("v2"))->digest, b);
        const auto v2 = log.timeline(registry, repo, QStringLiteral("v2"));
        QCOMPARE(v2.size(), 2);
        QCOMPARE(v2[1].digest, c);
        QCOMPARE(v2[1].lastSeen, t3);
        QCOMPARE(log.lastListedTags(registry, repo).value(QStringLiteral("v2")).digest, b);
    }

    // Repeated listings (every warm history run, most watch polls) write one row however many tags
    // the repository has, and each tag still reads as seen by the last of them; a listing that
    // differs keeps, for a tag that moved, the time its old digest was last listed.
    void repeatedListingsWriteOneRowAndKeepTheirTimes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        ObservationLog log(path);
        QVERIFY(log.open());
        const QString registry = QStringLiteral("r");
        const QString repo = QStringLiteral("team/app");
        const QString a = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        const QString c = QStringLiteral("sha256:") + QString(64, QLatin1Char('c'));
        const QDateTime t1 = QDateTime::fromString(QStringLiteral("2026-11-01T10:00:00Z"), Qt::ISODate);
        auto listingAt = [&](const QDateTime& when) {
            QList<TagObservation> rows;
            for (int i = 0; i < 2000; ++i)
                rows << TagObservation{registry, repo, QStringLiteral("t%1").arg(i), a, MediaType::OciManifest, when, when};
            return rows;
        };
        QVERIFY(log.record(listingAt(t1), ListingMark{registry, repo, t1}));
        const qint64 walBefore = QFileInfo(path + QStringLiteral("-wal")).size();

        const QDateTime t2 = t1.addDays(1);
        QVERIFY(log.recordInBackground(listingAt(t2), ListingMark{registry, repo, t2}, t1).result()); // a warm history run
        const QDateTime t3 = t2.addDays(1);
        const Result<bool> polled = log.repeatListing(registry, repo, t3); // a watch poll
        QVERIFY(polled && *polled);
        const qint64 written = QFileInfo(path + QStringLiteral("-wal")).size() - walBefore;
        QVERIFY2(written <= 8 * 4096, qPrintable(QStringLiteral("two repeated listings wrote %1 bytes").arg(written))); // 640 KB before streaks
        QCOMPARE(log.lastListing(registry, repo), t3);
        QCOMPARE(log.latest(registry, repo, QStringLiteral("t7"))->lastSeen, t3);
        QCOMPARE(log.latest(registry, repo, QStringLiteral("t7"))->firstSeen, t1);
        QCOMPARE(log.latestOfRepository(registry, repo).value(QStringLiteral("t1999")).lastSeen, t3);
        QCOMPARE(log.lastListedTags(registry, repo).size(), 2000);
        QCOMPARE(log.timeline(registry, repo, QStringLiteral("t7")).size(), 1);

        // t7 moves to c: its row for a keeps t3, the last listing that saw it; the others go on to t4.
        const QDateTime t4 = t3.addDays(1);
        QList<TagObservation> moved = listingAt(t4);
        moved[7].digest = c;
        QVERIFY(log.recordInBackground(moved, ListingMark{registry, repo, t4}).result()); // not a repeat: written row by row
        const QList<TagObservation> t7 = log.timeline(registry, repo, QStringLiteral("t7"));
        QCOMPARE(t7.size(), 2);
        QCOMPARE(t7[0].digest, a);
        QCOMPARE(t7[0].lastSeen, t3);
        QCOMPARE(t7[1].digest, c);
        QCOMPARE(t7[1].firstSeen, t4);
        QCOMPARE(log.latest(registry, repo, QStringLiteral("t8"))->lastSeen, t4);
        QCOMPARE(log.lastListedTags(registry, repo).value(QStringLiteral("t7")).digest, c);
        QCOMPARE(log.lastListedTags(registry, repo).size(), 2000);
    }

    // A log written before streaks (no streak_from column) opens, keeps its rows, and repeats.
    void aLogFromBeforeStreaksOpens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        const QDateTime t1 = QDateTime::fromString(QStringLiteral("2026-11-01T10:00:00Z"), Qt::ISODate);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old-log"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE observations (registry TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT NOT NULL,"
                                          " digest TEXT NOT NULL, media_type TEXT, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
                                          " PRIMARY KEY (registry, repository, tag, digest))")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE listings (registry TEXT NOT NULL, repository TEXT NOT NULL,"
                                          " listed INTEGER NOT NULL, PRIMARY KEY (registry, repository))")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO observations VALUES ('r', 'team/app', 'v1', 'sha256:%1', '', %2, %2)")
                               .arg(QString(64, QLatin1Char('a')))
                               .arg(t1.toMSecsSinceEpoch())));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO listings VALUES ('r', 'team/app', %1)").arg(t1.toMSecsSinceEpoch())));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old-log"));
        ObservationLog log(path);
        QVERIFY(log.open());
        QCOMPARE(log.lastListedTags(QStringLiteral("r"), QStringLiteral("team/app")).size(), 1);
        const Result<bool> repeated = log.repeatListing(QStringLiteral("r"), QStringLiteral("team/app"), t1.addDays(1));
        QVERIFY(repeated && *repeated);
        QCOMPARE(log.latest(QStringLiteral("r"), QStringLiteral("team/app"), QStringLiteral("v1"))->lastSeen, t1.addDays(1));
        QCOMPARE(log.latest(QStringLiteral("r"), QStringLiteral("team/app"), QStringLiteral("v1"))->firstSeen, t1);
    }
};

QTEST_GUILESS_MAIN(TestImageModel)
#include "tst_imagemodel.moc"
