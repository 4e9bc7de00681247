// Layer listings from real tar streams (written here with libarchive): types, whiteouts, the
// merged view, and bad input — damaged streams, escaping paths, decompression bombs.
#include "core/image/LayerFiles.h"
#include "core/image/LayerListing.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <archive.h>
#include <archive_entry.h>

using namespace berth;

namespace {

struct Item
{
    Item(QString p, char t = 'f', QByteArray d = {}, QString tg = {}, int m = 0644, qint64 z = 0)
        : path(std::move(p))
        , type(t)
        , data(std::move(d))
        , target(std::move(tg))
        , mode(m)
        , zeros(z)
    {
    }
    QString path;
    char type; // f file, d dir, l symlink, h hardlink
    QByteArray data;
    QString target;
    int mode;
    qint64 zeros; // a file of this many zero bytes (for bombs)
};

// Writes a tar stream compressed as asked ("gzip", "zstd" or "") and returns its path.
QString writeLayer(const QTemporaryDir& dir, const QString& name, const QString& compression, const QList<Item>& items)
{
    const QString path = dir.filePath(name);
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    if (compression == u"gzip")
        archive_write_add_filter_gzip(a);
    else if (compression == u"zstd")
        archive_write_add_filter_zstd(a);
    archive_write_open_filename(a, path.toLocal8Bit().constData());
    for (const Item& item : items) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, item.path.toUtf8().constData());
        archive_entry_set_perm(e, mode_t(item.mode));
        archive_entry_set_mtime(e, 1700000000, 0);
        switch (item.type) {
        case 'd':
            archive_entry_set_filetype(e, AE_IFDIR);
            break;
        case 'l':
            archive_entry_set_filetype(e, AE_IFLNK);
            archive_entry_set_symlink(e, item.target.toUtf8().constData());
            break;
        case 'h':
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_hardlink(e, item.target.toUtf8().constData());
            break;
        default:
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_size(e, item.zeros ? item.zeros : item.data.size());
        }
        archive_write_header(a, e);
        if (item.type == 'f') {
            if (item.zeros) {
                const QByteArray chunk(1 << 20, '\0');
                for (qint64 left = item.zeros; left > 0; left -= chunk.size())
                    archive_write_data(a, chunk.constData(), size_t(qMin<qint64>(left, chunk.size())));
            } else {
                archive_write_data(a, item.data.constData(), size_t(item.data.size()));
            }
        }
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return path;
}

const QString kGzip = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
const QString kZstd = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
const QString kTar = QStringLiteral("application/vnd.oci.image.layer.v1.tar");

} // namespace

class TestLayerListing : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void listsEveryCompression_data()
    {
        QTest::addColumn<QString>("compression");
        QTest::addColumn<QString>("mediaType");
        QTest::newRow("gzip") << QStringLiteral("gzip") << kGzip;
        QTest::newRow("zstd") << QStringLiteral("zstd") << kZstd;
        QTest::newRow("plain") << QString() << kTar;
        QTest::newRow("docker gzip") << QStringLiteral("gzip") << QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
    }

    void listsEveryCompression()
    {
        QFETCH(QString, compression);
        QFETCH(QString, mediaType);
        const QString path = writeLayer(m_dir, QStringLiteral("basic-") + QString::fromLatin1(QTest::currentDataTag()), compression,
                                        {{QStringLiteral("./usr/"), 'd', {}, {}, 0755},
                                         {QStringLiteral("usr/bin/tool"), 'f', "#!/bin/sh\n", {}, 04755},
                                         {QStringLiteral("usr/bin/alias"), 'l', {}, QStringLiteral("tool"), 0777},
                                         {QStringLiteral("usr/bin/same"), 'h', {}, QStringLiteral("usr/bin/tool"), 0755}});
        const auto listing = listLayerFile(path, mediaType);
        QVERIFY2(listing, qPrintable(listing ? QString() : listing.error().message));
        QCOMPARE(listing->entries.size(), 4);
        const LayerEntry& dir = listing->entries[0];
        QCOMPARE(dir.path, QStringLiteral("usr")); // "./" and the trailing '/' go
        QCOMPARE(dir.type, LayerEntry::Type::Directory);
        const LayerEntry& tool = listing->entries[1];
        QCOMPARE(tool.size, 10);
        QCOMPARE(tool.modeString(), QStringLiteral("-rwsr-xr-x"));
        QCOMPARE(listing->entries[2].type, LayerEntry::Type::Symlink);
        QCOMPARE(listing->entries[2].linkTarget, QStringLiteral("tool"));
        QCOMPARE(listing->entries[3].type, LayerEntry::Type::Hardlink);
        QCOMPARE(listing->entries[3].linkTarget, QStringLiteral("usr/bin/tool"));
        QVERIFY(listing->uncompressedBytes > 0);
        // The cache format round-trips.
        const auto again = LayerListing::fromJson(listing->toJson());
        QVERIFY(again);
        QCOMPARE(again->entries.size(), 4);
        QCOMPARE(again->entries[1].modeString(), tool.modeString());
    }

    void whiteoutsAndOpaqueDirectoriesMerge()
    {
        const auto base = listLayerFile(writeLayer(m_dir, QStringLiteral("l0"), QStringLiteral("gzip"),
                                                   {{QStringLiteral("etc/"), 'd'},
                                                    {QStringLiteral("etc/a.conf"), 'f', "a"},
                                                    {QStringLiteral("etc/b.conf"), 'f', "b"},
                                                    {QStringLiteral("var/cache/"), 'd'},
                                                    {QStringLiteral("var/cache/old"), 'f', "old"},
                                                    {QStringLiteral("opt/tree/"), 'd'},
                                                    {QStringLiteral("opt/tree/leaf"), 'f', "leaf"}}),
                                        kGzip);
        const auto upper = listLayerFile(writeLayer(m_dir, QStringLiteral("l1"), QStringLiteral("gzip"),
                                                    {{QStringLiteral("etc/.wh.a.conf"), 'f'},
                                                     {QStringLiteral("opt/.wh.tree"), 'f'},
                                                     {QStringLiteral("var/cache/.wh..wh..opq"), 'f'},
                                                     {QStringLiteral("var/cache/new"), 'f', "new"},
                                                     {QStringLiteral("etc/b.conf"), 'f', "b2"}}),
                                         kGzip);
        QVERIFY(base && upper);
        QVERIFY(upper->entries[0].whiteout);
        QCOMPARE(upper->entries[0].whiteoutTarget(), QStringLiteral("etc/a.conf"));
        QVERIFY(upper->entries[2].opaque);
        QMap<QString, int> merged;
        for (const MergedEntry& m : mergeLayers({*base, *upper}))
            merged.insert(m.entry.path, m.layer);
        QVERIFY(!merged.contains(QStringLiteral("etc/a.conf"))); // whited out
        QVERIFY(!merged.contains(QStringLiteral("opt/tree")) && !merged.contains(QStringLiteral("opt/tree/leaf"))); // a whole tree
        QVERIFY(!merged.contains(QStringLiteral("var/cache/old"))); // hidden by the opaque directory
        QCOMPARE(merged.value(QStringLiteral("var/cache/new"), -1), 1);
        QCOMPARE(merged.value(QStringLiteral("etc/b.conf"), -1), 1); // overwritten: the upper layer's
        QCOMPARE(merged.value(QStringLiteral("etc"), -1), 0);
        for (auto it = merged.begin(); it != merged.end(); ++it)
            QVERIFY2(!it.key().contains(QStringLiteral(".wh.")), qPrintable(it.key())); // markers are not files
    }

    void escapingPathsAreFlaggedNotFollowed()
    {
        const auto listing = listLayerFile(writeLayer(m_dir, QStringLiteral("evil"), QStringLiteral("gzip"),
                                                      {{QStringLiteral("../../etc/passwd"), 'f', "root::0:0"},
                                                       {QStringLiteral("/etc/shadow"), 'f', "x"},
                                                       {QStringLiteral("ok/link"), 'h', {}, QStringLiteral("../../outside")},
                                                       {QStringLiteral("ok/file"), 'f', "fine"}}),
                                           kGzip);
        QVERIFY(listing);
        QCOMPARE(listing->entries.size(), 4);
        QVERIFY(listing->entries[0].unsafePath);
        QVERIFY(listing->entries[1].unsafePath);
        QVERIFY(listing->entries[2].unsafePath);
        QVERIFY(!listing->entries[3].unsafePath);
        const QList<MergedEntry> merged = mergeLayers({*listing});
        QCOMPARE(merged.size(), 1); // only ok/file: nothing escapes into the merged view
        QCOMPARE(merged.first().entry.path, QStringLiteral("ok/file"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("../etc/passwd"))));
    }

    void damagedStreamsAreErrors()
    {
        const QString good = writeLayer(m_dir, QStringLiteral("whole"), QStringLiteral("gzip"),
                                        {{QStringLiteral("a"), 'f', QByteArray(200000, 'x')}, {QStringLiteral("b"), 'f', "b"}});
        QFile whole(good);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray bytes = whole.readAll();
        QFile cut(m_dir.filePath(QStringLiteral("truncated")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() / 3));
        cut.close();
        const auto truncated = listLayerFile(cut.fileName(), kGzip);
        QVERIFY(!truncated);
        QCOMPARE(truncated.error().kind, ErrorKind::Parse);

        QFile garbage(m_dir.filePath(QStringLiteral("garbage")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(4096, '\x7f'));
        garbage.close();
        QCOMPARE(listLayerFile(garbage.fileName(), kGzip).error().kind, ErrorKind::Parse);
        // A gzip stream under a zstd media type is not read as something it does not claim to be.
        QCOMPARE(listLayerFile(good, kZstd).error().kind, ErrorKind::Parse);
        QCOMPARE(listLayerFile(good, QStringLiteral("application/vnd.example.unknown")).error().kind, ErrorKind::Unsupported);
        QCOMPARE(listLayerFile(m_dir.filePath(QStringLiteral("missing")), kGzip).error().kind, ErrorKind::Parse);
    }

    void decompressionBombsStopAtTheLimit()
    {
        // 256 MiB of zeros compress to a few hundred KiB.
        const QString bomb = writeLayer(m_dir, QStringLiteral("bomb"), QStringLiteral("gzip"),
                                        {{QStringLiteral("zeros"), 'f', {}, {}, 0644, 256LL * 1024 * 1024},
                                         {QStringLiteral("after"), 'f', "x"}});
        QVERIFY(QFileInfo(bomb).size() < 2 * 1024 * 1024);
        ListingLimits limits;
        limits.maxUncompressedBytes = 32LL * 1024 * 1024;
        // Stopped before inflating past the limit, not after the whole 256 MiB entry.
        auto unpacked = [](const Error& error) {
            const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("after unpacking (\\d+) bytes")).match(error.message);
            return m.hasMatch() ? m.captured(1).toLongLong() : -1;
        };
        const auto stopped = listLayerFile(bomb, kGzip, limits);
        QVERIFY(!stopped);
        QVERIFY2(stopped.error().message.contains(QStringLiteral("limit")), qPrintable(stopped.error().message));
        QVERIFY2(unpacked(stopped.error()) >= 0 && unpacked(stopped.error()) <= limits.maxUncompressedBytes, qPrintable(stopped.error().message));
        // Many entries, each below the limit, that together pass it: stopped within one block of it.
        QList<Item> many;
        for (int i = 0; i < 40; ++i)
            many << Item{QStringLiteral("part%1").arg(i), 'f', {}, {}, 0644, 1024LL * 1024};
        const QString spread = writeLayer(m_dir, QStringLiteral("spread"), QStringLiteral("gzip"), many);
        const auto spreadStopped = listLayerFile(spread, kGzip, limits);
        QVERIFY(!spreadStopped);
        QVERIFY2(unpacked(spreadStopped.error()) <= limits.maxUncompressedBytes + 1024 * 1024, qPrintable(spreadStopped.error().message));
        QVERIFY2(unpacked(spreadStopped.error()) >= limits.maxUncompressedBytes - 2 * 1024 * 1024, qPrintable(spreadStopped.error().message));
        limits.maxUncompressedBytes = 1LL << 30;
        QVERIFY(listLayerFile(bomb, kGzip, limits)); // under a higher limit it is just a big file
        limits.maxEntries = 1;
        QCOMPARE(listLayerFile(bomb, kGzip, limits).error().kind, ErrorKind::Protocol);
    }

    void cancelStops()
    {
        const QString path = writeLayer(m_dir, QStringLiteral("c"), QStringLiteral("gzip"), {{QStringLiteral("a"), 'f', "a"}});
        std::atomic<bool> cancel{true};
        QCOMPARE(listLayerFile(path, kGzip, {}, &cancel).error().kind, ErrorKind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestLayerListing)
#include "tst_layerlisting.moc"
