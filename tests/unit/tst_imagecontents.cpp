// Sizes, wasted bytes, package databases and image diffs from layer listings.
#include "core/image/ImageContents.h"
#include "core/image/RepositoryHistory.h"

#include <QTest>

using namespace berth;

namespace {

LayerEntry file(const QString& path, qint64 size, quint32 mode = 0644)
{
    LayerEntry e;
    e.path = path;
    e.size = size;
    e.mode = mode;
    return e;
}

LayerEntry whiteout(const QString& path)
{
    LayerEntry e = file(path, 0);
    e.whiteout = true;
    return e;
}

LayerListing layer(const QString& digest, QList<LayerEntry> entries, qint64 uncompressed)
{
    LayerListing l;
    l.digest = digest;
    l.entries = std::move(entries);
    l.uncompressedBytes = uncompressed;
    return l;
}

ImageContents image(QList<LayerListing> layers, const QStringList& env = {})
{
    ImageContents c;
    c.details.image.kind = Manifest::Kind::Image;
    c.details.image.config.size = 100;
    for (const LayerListing& l : layers)
        c.details.image.layers << Descriptor{QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"), l.digest, l.uncompressedBytes / 2, {}, {}, {}, {}};
    c.layers = std::move(layers);
    ImageConfig config;
    config.env = env;
    c.details.config = config;
    return c;
}

} // namespace

class TestImageContents : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sizesAndWastedBytes()
    {
        const ImageContents c = image({layer(QStringLiteral("sha256:1"), {file(QStringLiteral("big.bin"), 1000), file(QStringLiteral("keep"), 10),
                                                                          file(QStringLiteral("cache/a"), 300), file(QStringLiteral("cache/b"), 200)}, 2000),
                                       layer(QStringLiteral("sha256:2"), {file(QStringLiteral("big.bin"), 50), whiteout(QStringLiteral(".wh.cache"))}, 600)});
        const ImageSizes sizes = imageSizes(c);
        QCOMPARE(sizes.uncompressed, 2600);
        QCOMPARE(sizes.compressed, 100 + 1000 + 300);
        QCOMPARE(sizes.layerUncompressed, (QList<qint64>{2000, 600}));
        QCOMPARE(sizes.wastedBytes, 1000 + 300 + 200); // the overwritten big.bin and the deleted cache
        QCOMPARE(sizes.wasted.first().path, QStringLiteral("big.bin")); // largest first
        QCOMPARE(sizes.wasted.first().byLayer, 1);
        QVERIFY(!sizes.wasted.first().deleted);
        QVERIFY(sizes.wasted.last().deleted);
    }

    void repositoryBytesCountSharedLayersOnce()
    {
        auto row = [](const QString& tag, const QString& digest, QMap<QString, qint64> blobs) {
            TagSummary t;
            t.tag = tag;
            t.digest = digest;
            t.blobs = std::move(blobs);
            return t;
        };
        QList<TagSummary> rows{row(QStringLiteral("1.0"), QStringLiteral("sha256:a"), {{QStringLiteral("base"), 100}, {QStringLiteral("app1"), 10}, {QStringLiteral("c1"), 1}}),
                               row(QStringLiteral("2.0"), QStringLiteral("sha256:b"), {{QStringLiteral("base"), 100}, {QStringLiteral("app2"), 20}, {QStringLiteral("c2"), 2}}),
                               row(QStringLiteral("latest"), QStringLiteral("sha256:b"), {{QStringLiteral("base"), 100}, {QStringLiteral("app2"), 20}, {QStringLiteral("c2"), 2}})};
        QCOMPARE(repositorySizes(rows), 100 + 10 + 1 + 20 + 2);
        QCOMPARE(rows[0].uniqueSize, 11); // app1 and its config: base is shared
        QCOMPARE(rows[1].uniqueSize, 0); // latest still points at the same image
        QCOMPARE(rows[2].uniqueSize, 0);
        QCOMPARE(storedBytes(rows), 100 + 10 + 1 + 20 + 2); // the total alone, as the CLI and the window print it
        // A tag known from a registry's listing only (its image not read): what it alone frees is not known.
        QList<TagSummary> listed = rows;
        listed << row(QStringLiteral("3.0"), QStringLiteral("sha256:c"), {});
        QCOMPARE(repositorySizes(listed), 100 + 10 + 1 + 20 + 2);
        QCOMPARE(listed[0].uniqueSize, 11);
        QCOMPARE(listed[3].uniqueSize, -1);
        QList<TagSummary> onlyListed{row(QStringLiteral("4.0"), QStringLiteral("sha256:d"), {}), row(QStringLiteral("5.0"), QStringLiteral("sha256:d"), {})};
        QCOMPARE(repositorySizes(onlyListed), 0); // no image read: nothing counted
        QCOMPARE(onlyListed[0].uniqueSize, -1);
        QCOMPARE(onlyListed[1].uniqueSize, -1);
        rows.removeAt(0);
        QCOMPARE(storedBytes(rows), 100 + 20 + 2);
    }

    void packageDatabases()
    {
        const QByteArray status = "Package: bash\nStatus: install ok installed\nVersion: 5.2.37-2\n\n"
                                  "Package: gone\nStatus: deinstall ok config-files\nVersion: 1.0\n\n"
                                  "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:1.3\n";
        const auto dpkg = parseDpkgStatus(status);
        QCOMPARE(dpkg.size(), 2); // removed packages with leftover config are not installed
        QCOMPARE(dpkg.value(QStringLiteral("zlib1g")), QStringLiteral("1:1.3"));
        const auto apk = parseApkInstalled("C:Q1abc\nP:musl\nV:1.2.5-r0\nA:x86_64\n\nP:busybox\nV:1.36.1-r29\n");
        QCOMPARE(apk.value(QStringLiteral("musl")), QStringLiteral("1.2.5-r0"));
        QCOMPARE(apk.value(QStringLiteral("busybox")), QStringLiteral("1.36.1-r29"));

        LayerListing base = layer(QStringLiteral("sha256:1"), {file(QStringLiteral("var/lib/dpkg/status"), status.size())}, 10);
        base.captured.insert(QStringLiteral("var/lib/dpkg/status"), status);
        QCOMPARE(installedPackages(image({base})).format, QStringLiteral("dpkg"));
        QCOMPARE(installedPackages(image({base})).versions.size(), 2);
        // Deleted by a later layer: no database, said as such.
        QVERIFY(installedPackages(image({base, layer(QStringLiteral("sha256:2"), {whiteout(QStringLiteral("var/lib/dpkg/.wh.status"))}, 1)})).format.isEmpty());
    }

    void diffOfTwoImages()
    {
        LayerListing shared = layer(QStringLiteral("sha256:base"), {file(QStringLiteral("bin/sh"), 100, 0755), file(QStringLiteral("etc/conf"), 5)}, 10);
        LayerListing oldApp = layer(QStringLiteral("sha256:app1"), {file(QStringLiteral("app/main"), 50), file(QStringLiteral("app/old"), 1)}, 10);
        LayerListing newApp = layer(QStringLiteral("sha256:app2"), {file(QStringLiteral("app/main"), 70), file(QStringLiteral("app/new"), 1),
                                                                    file(QStringLiteral("etc/conf"), 5, 0600)}, 10);
        shared.captured.insert(QStringLiteral("var/lib/dpkg/status"), {});
        const ImageDiff diff = diffImages(image({shared, oldApp}, {QStringLiteral("V=1"), QStringLiteral("GONE=x")}),
                                          image({shared, newApp}, {QStringLiteral("V=2"), QStringLiteral("NEW=y")}));
        QCOMPARE(diff.sharedLayers, QStringList{QStringLiteral("sha256:base")});
        QCOMPARE(diff.removedLayers, QStringList{QStringLiteral("sha256:app1")});
        QCOMPARE(diff.addedLayers, QStringList{QStringLiteral("sha256:app2")});
        QCOMPARE(diff.files.size(), 4);
        QCOMPARE(diff.files[0].path, QStringLiteral("app/main"));
        QCOMPARE(diff.files[0].what, QStringLiteral("size"));
        QCOMPARE(diff.files[1].kind, FileChange::Kind::Added);
        QCOMPARE(diff.files[2].kind, FileChange::Kind::Removed);
        QCOMPARE(diff.files[3].path, QStringLiteral("etc/conf"));
        QCOMPARE(diff.files[3].what, QStringLiteral("mode"));
        QStringList fields;
        for (const ValueChange& c : diff.config)
            fields << c.field;
        QCOMPARE(fields, (QStringList{QStringLiteral("Env GONE"), QStringLiteral("Env NEW"), QStringLiteral("Env V")}));
        QCOMPARE(diffImages(image({shared}), image({shared})).files.size(), 0); // an image equals itself
    }
};

QTEST_GUILESS_MAIN(TestImageContents)
#include "tst_imagecontents.moc"
