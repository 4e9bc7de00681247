// Layer listings agree with GNU tar on the same blobs, and `berthctl files` shows what a
// container would see.
#include "core/auth/TokenService.h"
#include "core/image/LayerFiles.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::waitFor;

class TestLayerFiles : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase() { BERTH_LOAD_BED(m_bed); }

    void listingsAgreeWithTar()
    {
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        RegistryClient client(*RegistryEndpoint::fromString(m_bed.anonymous), &http, &tokens, &none);
        auto manifest = waitFor<Manifest>([&](auto done) { client.fetchManifest(QStringLiteral("demo/webapp"), QStringLiteral("1.9.0"), nullptr, done); });
        QVERIFY(manifest && manifest->has_value());
        const QList<Descriptor> layers = manifest->value().layers;
        QCOMPARE(layers.size(), 3);
        LayerFiles files(&client, m_home.filePath(QStringLiteral("cache")));
        for (const Descriptor& layer : layers) {
            // The same blob, for tar.
            const QString blobPath = m_home.filePath(layer.digest.mid(7) + QStringLiteral(".tar.gz"));
            QFile blob(blobPath);
            QVERIFY(blob.open(QIODevice::WriteOnly));
            auto fetched = waitFor<qint64>([&](auto done) {
                client.fetchBlob(QStringLiteral("demo/webapp"), layer.digest, [&](QByteArrayView d) { return blob.write(d.data(), d.size()) == d.size(); }, nullptr, done);
            });
            blob.close();
            QVERIFY(fetched && fetched->has_value());
            const auto tar = test::runTool(QStringLiteral("tar"), {QStringLiteral("--numeric-owner"), QStringLiteral("-tvzf"), blobPath});
            QVERIFY2(tar.exitCode == 0, tar.err.constData());
            // "-rw-r--r-- 0/0    6 2026-08-30 09:30 app/VERSION" (and " -> target" for links)
            QStringList expected;
            static const QRegularExpression line(QStringLiteral("^(\\S+)\\s+(\\d+)/(\\d+)\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+(.*)$"));
            for (const QString& text : QString::fromUtf8(tar.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                const auto m = line.match(text);
                QVERIFY2(m.hasMatch(), qPrintable(text));
                QString name = m.captured(5).section(QStringLiteral(" -> "), 0, 0).section(QStringLiteral(" link to "), 0, 0);
                while (name.endsWith(QLatin1Char('/')))
                    name.chop(1);
                const bool dirOrLink = m.captured(1).startsWith(QLatin1Char('d')) || m.captured(1).startsWith(QLatin1Char('l'));
                expected << QStringLiteral("%1 %2 %3").arg(m.captured(1), dirOrLink ? QStringLiteral("0") : m.captured(4), name);
            }
            auto listing = waitFor<LayerListing>([&](auto done) { files.list(QStringLiteral("demo/webapp"), layer, nullptr, done); });
            QVERIFY2(listing && listing->has_value(), listing && !listing->has_value() ? qPrintable(listing->error().message) : "timed out");
            QStringList actual;
            for (const LayerEntry& e : listing->value().entries)
                actual << QStringLiteral("%1 %2 %3").arg(e.modeString(), QString::number(e.type == LayerEntry::Type::File ? e.size : 0), e.path);
            QCOMPARE(actual, expected);
        }
        // Listed once: the listings are kept by digest.
        QCOMPARE(QDir(m_home.filePath(QStringLiteral("cache/listings"))).entryList(QDir::Files).size(), 3);
        QVERIFY(QDir(m_home.filePath(QStringLiteral("cache/tmp"))).entryList(QDir::Files).isEmpty()); // no blob left behind
    }

    void berthctlFilesShowsTheMergedFilesystem()
    {
        const auto env = test::isolatedEnvironment(m_home.filePath(QStringLiteral("ctl")));
        const auto run = test::runBerthctl({QStringLiteral("files"), m_bed.anonymous + QStringLiteral("/demo/webapp:1.9.0"), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QMap<QString, int> layerOf;
        for (const auto& value : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("entries")).toArray())
            layerOf.insert(value.toObject().value(QStringLiteral("path")).toString(), value.toObject().value(QStringLiteral("layer")).toInt());
        QCOMPARE(layerOf.value(QStringLiteral("etc/debian_version"), -1), 0);
        QCOMPARE(layerOf.value(QStringLiteral("app/VERSION"), -1), 1);
        QCOMPARE(layerOf.value(QStringLiteral("app/static/theme.css"), -1), 2);
        QVERIFY(!layerOf.contains(QStringLiteral("app/static/style.css"))); // deleted by the whiteout in layer 2
        QVERIFY(!layerOf.contains(QStringLiteral("app/static/.wh.style.css")));
        // The deleted style.css still takes its bytes in layer 1, and the base's dpkg database is
        // replaced by the app layer's (which installed packages): both wasted, and named.
        const QJsonObject files = QJsonDocument::fromJson(run.out).object();
        QStringList wasted;
        qint64 wastedBytes = 0;
        for (const auto& value : files.value(QStringLiteral("wasted")).toArray()) {
            wasted << value.toObject().value(QStringLiteral("path")).toString();
            QVERIFY(value.toObject().value(QStringLiteral("size")).toInteger() > 0);
            wastedBytes += value.toObject().value(QStringLiteral("size")).toInteger();
        }
        // The total is those files' bytes: at least the 6.8 kB the seed wrote into them.
        QCOMPARE(files.value(QStringLiteral("wastedSize")).toInteger(), wastedBytes);
        QVERIFY(wastedBytes >= 6800);
        wasted.sort();
        QCOMPARE(wasted, (QStringList{QStringLiteral("app/static/style.css"), QStringLiteral("var/lib/dpkg/status")}));

        // One layer alone, by the start of its digest: the whiteout shows as what it is.
        const auto one = test::runBerthctl({QStringLiteral("files"), m_bed.anonymous + QStringLiteral("/demo/webapp:1.9.0"), QStringLiteral("--layer"),
                                            QString()},
                                           env);
        QVERIFY(one.exitCode != 0 || !one.out.isEmpty());
        const auto text = test::runBerthctl({QStringLiteral("files"), m_bed.anonymous + QStringLiteral("/demo/webapp:1.9.0")}, env);
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY(text.out.contains("app/static/theme.css  [layer 2]"));
        const auto missing = test::runBerthctl({QStringLiteral("files"), m_bed.anonymous + QStringLiteral("/demo/webapp:1.9.0"), QStringLiteral("--layer"),
                                                QStringLiteral("sha256:0000")},
                                               env);
        QCOMPARE(missing.exitCode, 4);
    }

    void berthctlDiffOfTwoTags()
    {
        const auto env = test::isolatedEnvironment(m_home.filePath(QStringLiteral("ctl")));
        const auto run = test::runBerthctl({QStringLiteral("diff"), m_bed.anonymous + QStringLiteral("/demo/webapp:1.2.0"),
                                            m_bed.anonymous + QStringLiteral("/demo/webapp:1.9.0"), QStringLiteral("--json")},
                                           env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject diff = QJsonDocument::fromJson(run.out).object();
        QMap<QString, QString> files;
        for (const auto& f : diff.value(QStringLiteral("files")).toArray())
            files.insert(f.toObject().value(QStringLiteral("path")).toString(), f.toObject().value(QStringLiteral("change")).toString());
        QCOMPARE(files.value(QStringLiteral("app/static/style.css")), QStringLiteral("removed"));
        QCOMPARE(files.value(QStringLiteral("app/static/theme.css")), QStringLiteral("added"));
        QCOMPARE(files.value(QStringLiteral("app/static/app.js")), QStringLiteral("changed"));
        bool versionChanged = false;
        for (const auto& c : diff.value(QStringLiteral("config")).toArray()) {
            const QJsonObject o = c.toObject();
            versionChanged = versionChanged || (o.value(QStringLiteral("field")).toString() == u"Env APP_VERSION"
                                                && o.value(QStringLiteral("a")).toString() == u"1.2.0" && o.value(QStringLiteral("b")).toString() == u"1.9.0");
        }
        QVERIFY(versionChanged);
        // The bases are cut from the same real dpkg database at different points: packages were added.
        QCOMPARE(diff.value(QStringLiteral("packageFormat")).toObject().value(QStringLiteral("b")).toString(), QStringLiteral("dpkg"));
        QVERIFY(diff.value(QStringLiteral("packages")).toArray().size() > 0);
        QVERIFY(diff.value(QStringLiteral("layers")).toObject().value(QStringLiteral("added")).toArray().size() == 3);

        // Across repositories: a tag compared with itself elsewhere differs in nothing.
        const auto same = test::runBerthctl({QStringLiteral("diff"), m_bed.anonymous + QStringLiteral("/demo/webapp:latest"),
                                             m_bed.tls + QStringLiteral("/demo/webapp:1.10.0"), QStringLiteral("--json"), QStringLiteral("--ca-file"), m_bed.caFile},
                                            env);
        QVERIFY2(same.exitCode == 0, same.err.constData());
        const QJsonObject none = QJsonDocument::fromJson(same.out).object();
        QVERIFY(none.value(QStringLiteral("files")).toArray().isEmpty());
        QVERIFY(none.value(QStringLiteral("config")).toArray().isEmpty());
    }

    void timelineAfterHistory()
    {
        const auto env = test::isolatedEnvironment(m_home.filePath(QStringLiteral("timeline")));
        auto run = test::runBerthctl({QStringLiteral("timeline"), m_bed.anonymous + QStringLiteral("/tools/cli:v0.1.0")}, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.contains("no observations")); // says how to start one
        QCOMPARE(test::runBerthctl({QStringLiteral("history"), m_bed.anonymous + QStringLiteral("/tools/cli")}, env).exitCode, 0);
        run = test::runBerthctl({QStringLiteral("timeline"), m_bed.anonymous + QStringLiteral("/tools/cli"), QStringLiteral("--json")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("observations")).toArray();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.first().toObject().value(QStringLiteral("tag")).toString(), QStringLiteral("v0.1.0"));
        QVERIFY(rows.first().toObject().value(QStringLiteral("digest")).toString().startsWith(QStringLiteral("sha256:")));
    }
};

QTEST_GUILESS_MAIN(TestLayerFiles)
#include "tst_layer_files.moc"
