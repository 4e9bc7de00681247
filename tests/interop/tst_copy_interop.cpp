// berthctl cp between the bed's registries (anonymous → htpasswd → token auth, the last two on a
// storage of their own, so that every blob really moves): the copies are the
// source's bytes (skopeo reads them), a re-run moves nothing, signatures and SBOMs come along so that
// cosign and oras find them on the copy, one platform of an index, a retag, and a refused push.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestCopyInterop : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

    QStringList creds(const QString& registry) const
    {
        if (registry == m_bed.anonymous)
            return {};
        return {QStringLiteral("--creds"), m_bed.username + u':' + m_bed.password};
    }

    QByteArray rawManifest(const QString& registry, const QString& reference)
    {
        const auto run = test::runTool(QStringLiteral("skopeo"), QStringList{QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false")}
                                                                     + creds(registry) + QStringList{QStringLiteral("docker://") + registry + u'/' + reference});
        return run.exitCode == 0 ? run.out : QByteArray();
    }

    test::ProcessResult cp(const QStringList& args) { return test::runBerthctl(QStringList{QStringLiteral("cp")} + args, m_env); }

    test::ProcessResult tool(const QString& program, const QStringList& args)
    {
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("COSIGN_PASSWORD"), QStringLiteral("pw"));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        return test::runTool(program, args, m_dir.path(), env);
    }

    static QList<QJsonObject> events(const QByteArray& out)
    {
        QList<QJsonObject> list;
        for (const QByteArray& line : out.split('\n')) {
            if (!line.trimmed().isEmpty())
                list << QJsonDocument::fromJson(line).object();
        }
        return list;
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        QVERIFY2(!m_bed.copyBasic.isEmpty() && !m_bed.copyToken.isEmpty(), "the bed has no copy destinations");
        m_env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("berth")));
        // Logins for both registries that need them, as docker login writes them.
        const QString auth = QString::fromLatin1((m_bed.username + u':' + m_bed.password).toUtf8().toBase64());
        QFile config(m_env.value(QStringLiteral("DOCKER_CONFIG")) + QStringLiteral("/config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(QJsonObject{{QStringLiteral("auths"), QJsonObject{{m_bed.copyBasic, QJsonObject{{QStringLiteral("auth"), auth}}},
                                                                                     {m_bed.copyToken, QJsonObject{{QStringLiteral("auth"), auth}}}}}})
                         .toJson());
    }

    void copiesKeepTheBytes_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::newRow("Docker v2 image") << QStringLiteral("public/hello:1.0");
        QTest::newRow("OCI image") << QStringLiteral("ops/backup:") + m_bed.seededTags(QStringLiteral("ops/backup")).first();
        QTest::newRow("amd64+arm64 index") << QStringLiteral("demo/debian-base:latest");
    }

    void copiesKeepTheBytes()
    {
        QFETCH(QString, reference);
        const QByteArray source = rawManifest(m_bed.anonymous, reference);
        QVERIFY(!source.isEmpty());
        // anonymous → htpasswd → token auth, each with its own login.
        auto run = cp({m_bed.anonymous + u'/' + reference, m_bed.copyBasic + QStringLiteral("/copy/") + reference});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(rawManifest(m_bed.copyBasic, QStringLiteral("copy/") + reference), source);
        run = cp({m_bed.copyBasic + QStringLiteral("/copy/") + reference, m_bed.copyToken + QStringLiteral("/copied/") + reference});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(rawManifest(m_bed.copyToken, QStringLiteral("copied/") + reference), source);
        // skopeo can pull the whole image back from the copy (every blob is there and matches).
        const auto pulled = test::runTool(QStringLiteral("skopeo"), QStringList{QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--src-tls-verify=false")}
                                                                        + QStringList{QStringLiteral("--src-creds"), m_bed.username + u':' + m_bed.password}
                                                                        + QStringList{QStringLiteral("docker://") + m_bed.copyToken + QStringLiteral("/copied/") + reference,
                                                                                      QStringLiteral("oci:") + m_dir.filePath(QStringLiteral("pulled-") + QString::number(qHash(reference)))});
        QVERIFY2(pulled.exitCode == 0, pulled.err.constData());
    }

    void aSecondRunMovesNothing()
    {
        const QString source = m_bed.anonymous + QStringLiteral("/demo/debian-base:latest");
        const QString target = m_bed.copyBasic + QStringLiteral("/again/debian-base:latest");
        auto run = cp({source, target, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QList<QJsonObject> first = events(run.out);
        QVERIFY(first.size() > 3);
        QCOMPARE(first.last()[QStringLiteral("event")].toString(), QStringLiteral("done"));
        QVERIFY(first.last()[QStringLiteral("blobsCopied")].toInt() >= 3); // two images' layers and configs
        // Every blob and child manifest before the index, the index before the tag.
        const QString index = first.last()[QStringLiteral("digest")].toString();
        int lastBelow = -1, indexPushed = -1, tagged = -1;
        for (int i = 0; i < first.size(); ++i) {
            const QString event = first[i][QStringLiteral("event")].toString();
            const QString digest = first[i][QStringLiteral("digest")].toString();
            if (event == u"manifest-pushed" && digest == index)
                indexPushed = i;
            else if (event.startsWith(QStringLiteral("blob-")) || event == u"manifest-pushed")
                lastBelow = i;
            else if (event == u"tagged")
                tagged = i;
        }
        QVERIFY(lastBelow >= 0 && indexPushed > lastBelow);
        QVERIFY(tagged > indexPushed);
        run = cp({source, target, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject done = events(run.out).last();
        QCOMPARE(done[QStringLiteral("blobsCopied")].toInt(), 0);
        QCOMPARE(done[QStringLiteral("manifestsPushed")].toInt(), 0);
        QCOMPARE(done[QStringLiteral("bytesCopied")].toInt(), 0);
    }

    void blobsAlreadyThereAreNotSentAgain()
    {
        // The image copied, then its manifest deleted at the destination (its blobs stay): a copy
        // under another tag finds every blob in place and moves no byte of them.
        const QString source = m_bed.anonymous + QStringLiteral("/public/hello:1.0");
        const QString repository = m_bed.copyBasic + QStringLiteral("/blobs/hello");
        auto run = cp({source, repository + QStringLiteral(":first"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject first = events(run.out).last();
        const int blobs = first[QStringLiteral("blobsCopied")].toInt();
        QVERIFY(blobs >= 2); // a config and a layer
        const auto deleted = test::runTool(QStringLiteral("skopeo"), QStringList{QStringLiteral("delete"), QStringLiteral("--tls-verify=false")}
                                                                         + creds(m_bed.copyBasic)
                                                                         + QStringList{QStringLiteral("docker://") + repository + QStringLiteral(":first")});
        QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
        QVERIFY(rawManifest(m_bed.copyBasic, QStringLiteral("blobs/hello:first")).isEmpty());
        run = cp({source, repository + QStringLiteral(":second"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject second = events(run.out).last();
        QCOMPARE(second[QStringLiteral("blobsPresent")].toInt(), blobs);
        QCOMPARE(second[QStringLiteral("blobsCopied")].toInt(), 0);
        QCOMPARE(second[QStringLiteral("bytesCopied")].toInt(), 0);
        QCOMPARE(second[QStringLiteral("manifestsPushed")].toInt(), 1);
        QCOMPARE(rawManifest(m_bed.copyBasic, QStringLiteral("blobs/hello:second")), rawManifest(m_bed.anonymous, QStringLiteral("public/hello:1.0")));
    }

    void onePlatformOfAnIndex()
    {
        auto run = cp({m_bed.anonymous + QStringLiteral("/demo/debian-base:latest"), m_bed.copyBasic + QStringLiteral("/arm/debian-base:latest"),
                       QStringLiteral("--platform"), QStringLiteral("linux/arm64")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject index = QJsonDocument::fromJson(rawManifest(m_bed.anonymous, QStringLiteral("demo/debian-base:latest"))).object();
        QString armDigest;
        for (const auto& m : index[QStringLiteral("manifests")].toArray()) {
            if (m[QStringLiteral("platform")][QStringLiteral("architecture")].toString() == u"arm64")
                armDigest = m[QStringLiteral("digest")].toString();
        }
        QCOMPARE(rawManifest(m_bed.copyBasic, QStringLiteral("arm/debian-base:latest")),
                 rawManifest(m_bed.anonymous, QStringLiteral("demo/debian-base@") + armDigest));
        run = cp({m_bed.anonymous + QStringLiteral("/demo/debian-base:latest"), m_bed.copyBasic + QStringLiteral("/arm/debian-base:s390x"),
                  QStringLiteral("--platform"), QStringLiteral("linux/s390x")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.err.contains("linux/arm64"));
    }

    void signaturesAndSbomsComeAlong()
    {
        const QString source = m_bed.anonymous + QStringLiteral("/copy/source");
        const auto inspected = test::runTool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("docker://") + source + QStringLiteral(":signed")});
        const QString digest = QJsonDocument::fromJson(inspected.out).object().value(QStringLiteral("Digest")).toString();
        QVERIFY(!digest.isEmpty());
        QCOMPARE(tool(QStringLiteral("cosign"), {QStringLiteral("generate-key-pair")}).exitCode, 0);
        auto signedRun = tool(QStringLiteral("cosign"), {QStringLiteral("sign"), QStringLiteral("--key"), QStringLiteral("cosign.key"), QStringLiteral("--tlog-upload=false"),
                                                       QStringLiteral("--allow-http-registry"), QStringLiteral("--yes"), source + u'@' + digest});
        QVERIFY2(signedRun.exitCode == 0, signedRun.err.constData());
        QFile sbom(m_dir.filePath(QStringLiteral("sbom.spdx.json")));
        QVERIFY(sbom.open(QIODevice::WriteOnly));
        sbom.write("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"copy\",\"packages\":[{\"name\":\"busybox\",\"versionInfo\":\"1.36.1\"}]}");
        sbom.close();
        const auto attached = tool(QStringLiteral("oras"), {QStringLiteral("attach"), QStringLiteral("--plain-http"), QStringLiteral("--artifact-type"),
                                                           QStringLiteral("application/spdx+json"), source + QStringLiteral(":signed"),
                                                           QStringLiteral("sbom.spdx.json:application/spdx+json")});
        QVERIFY2(attached.exitCode == 0, attached.err.constData());

        const QString copy = m_bed.copyBasic + QStringLiteral("/promoted/app");
        auto run = cp({source + QStringLiteral(":signed"), copy + QStringLiteral(":1.0"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(events(run.out).last()[QStringLiteral("digest")].toString(), digest);
        QVERIFY(events(run.out).last()[QStringLiteral("referrers")].toInt() >= 2); // the .sig tag and the SBOM

        // cosign verifies the signature on the copy; oras finds the SBOM there.
        const auto verified = tool(QStringLiteral("cosign"), {QStringLiteral("verify"), QStringLiteral("--key"), QStringLiteral("cosign.pub"),
                                                            QStringLiteral("--insecure-ignore-tlog=true"), QStringLiteral("--allow-http-registry"),
                                                            copy + QStringLiteral(":1.0")});
        QVERIFY2(verified.exitCode == 0, verified.err.constData());
        const auto discovered = tool(QStringLiteral("oras"), {QStringLiteral("discover"), QStringLiteral("--plain-http"), QStringLiteral("-u"), m_bed.username,
                                                            QStringLiteral("-p"), m_bed.password, QStringLiteral("--format"), QStringLiteral("json"),
                                                            copy + QStringLiteral(":1.0")});
        QVERIFY2(discovered.exitCode == 0, discovered.err.constData());
        QVERIFY2(discovered.out.contains("application/spdx+json"), discovered.out.constData());
        // --no-referrers leaves them behind.
        run = cp({source + QStringLiteral(":signed"), m_bed.copyBasic + QStringLiteral("/bare/app:1.0"), QStringLiteral("--no-referrers"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(events(run.out).last()[QStringLiteral("referrers")].toInt(), 0);
        QVERIFY(rawManifest(m_bed.copyBasic, QStringLiteral("bare/app:sha256-") + digest.mid(7) + QStringLiteral(".sig")).isEmpty());
    }

    void attachmentsArriveAsReferrersOnAnOci11Registry()
    {
        // The signed image of the test above (its .sig tag, its SBOM in distribution's referrers tag
        // index) copied to the OCI 1.1 registry: there the SBOM is found through the referrers API.
        QVERIFY(!m_bed.oci11.isEmpty());
        const QString copy = m_bed.oci11 + QStringLiteral("/promoted/app");
        auto run = cp({m_bed.anonymous + QStringLiteral("/copy/source:signed"), copy + QStringLiteral(":1.0"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto verified = tool(QStringLiteral("cosign"), {QStringLiteral("verify"), QStringLiteral("--key"), QStringLiteral("cosign.pub"),
                                                            QStringLiteral("--insecure-ignore-tlog=true"), QStringLiteral("--allow-http-registry"),
                                                            copy + QStringLiteral(":1.0")});
        QVERIFY2(verified.exitCode == 0, verified.err.constData());
        const auto discovered = tool(QStringLiteral("oras"), {QStringLiteral("discover"), QStringLiteral("--plain-http"), QStringLiteral("--format"),
                                                            QStringLiteral("json"), copy + QStringLiteral(":1.0")});
        QVERIFY2(discovered.exitCode == 0, discovered.err.constData());
        // This registry reports the referrer's config type (the empty one); oras shows what it says,
        // Berth what the manifest says.
        QCOMPARE(QJsonDocument::fromJson(discovered.out).object()[QStringLiteral("manifests")].toArray().size(), 1);
        const auto referrers = test::runBerthctl({QStringLiteral("referrers"), copy + QStringLiteral(":1.0"), QStringLiteral("--json")}, m_env);
        QVERIFY2(referrers.exitCode == 0, referrers.err.constData());
        QCOMPARE(QJsonDocument::fromJson(referrers.out).object()[QStringLiteral("referrers")].toArray().first()[QStringLiteral("artifactType")].toString(),
                 QStringLiteral("application/spdx+json"));
        // No referrers tag index was written where the registry has the API.
        const QString digest = events(run.out).last()[QStringLiteral("digest")].toString();
        QVERIFY(rawManifest(m_bed.oci11, QStringLiteral("promoted/app:sha256-") + digest.mid(7)).isEmpty());
    }

    void retagIsOneManifestPut()
    {
        const QString repo = m_bed.copyBasic + QStringLiteral("/copy/public/hello");
        QVERIFY(!rawManifest(m_bed.copyBasic, QStringLiteral("copy/public/hello:1.0")).isEmpty());
        const auto run = test::runBerthctl({QStringLiteral("tag"), repo + QStringLiteral(":1.0"), QStringLiteral("stable")}, m_env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(rawManifest(m_bed.copyBasic, QStringLiteral("copy/public/hello:stable")), rawManifest(m_bed.copyBasic, QStringLiteral("copy/public/hello:1.0")));
        const auto audit = test::runBerthctl({QStringLiteral("audit"), QStringLiteral("--json")}, m_env);
        QVERIFY2(audit.out.contains("retag") && audit.out.contains("stable"), audit.out.constData());
        QCOMPARE(test::runBerthctl({QStringLiteral("tag"), repo + QStringLiteral(":1.0"), QStringLiteral("-bad")}, m_env).exitCode, 2);
    }

    void aDryRunPushesNothing()
    {
        const auto run = cp({m_bed.anonymous + QStringLiteral("/public/hello:latest"), m_bed.copyBasic + QStringLiteral("/dry/hello:latest"),
                             QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject done = events(run.out).last();
        QVERIFY(done[QStringLiteral("dryRun")].toBool());
        QVERIFY(done[QStringLiteral("bytesCopied")].toInteger() > 0); // what would move
        QVERIFY(rawManifest(m_bed.copyBasic, QStringLiteral("dry/hello:latest")).isEmpty());
    }

    void aMirrorRulesPlanIsWhatItsRunCopies()
    {
        QFile rule(m_dir.filePath(QStringLiteral("mirror.json")));
        QVERIFY(rule.open(QIODevice::WriteOnly));
        rule.write(QJsonDocument(QJsonObject{{QStringLiteral("source"), m_bed.anonymous + QStringLiteral("/demo")},
                                             {QStringLiteral("destination"), m_bed.copyBasic + QStringLiteral("/mirror")},
                                             {QStringLiteral("repositories"), QJsonArray{QStringLiteral("debian-*")}},
                                             {QStringLiteral("tagRegex"), QStringLiteral("^[0-9][0-9.]*$")},
                                             {QStringLiteral("latest"), 2}})
                       .toJson());
        rule.close();
        auto mirror = [&](const QString& what) {
            const auto run = test::runBerthctl({QStringLiteral("mirror"), what, QStringLiteral("--rule"), rule.fileName(), QStringLiteral("--json")}, m_env);
            return std::pair{run.exitCode, QJsonDocument::fromJson(run.out).object()};
        };
        const auto [planCode, plan] = mirror(QStringLiteral("plan"));
        QCOMPARE(planCode, 0);
        const QJsonArray planned = plan[QStringLiteral("images")].toArray();
        QCOMPARE(planned.size(), 2); // the two highest versions of demo/debian-base
        QVERIFY(plan[QStringLiteral("bytes")].toInteger() > 0);
        QVERIFY(rawManifest(m_bed.copyBasic, QStringLiteral("mirror/debian-base:13.1")).isEmpty()); // a plan pushes nothing
        const auto [runCode, ran] = mirror(QStringLiteral("run"));
        QCOMPARE(runCode, 0);
        QCOMPARE(ran[QStringLiteral("images")].toArray().size(), 2);
        QCOMPARE(ran[QStringLiteral("blobs")].toInt(), plan[QStringLiteral("blobs")].toInt()); // exactly what the plan said
        QCOMPARE(ran[QStringLiteral("bytes")].toInteger(), plan[QStringLiteral("bytes")].toInteger());
        QCOMPARE(rawManifest(m_bed.copyBasic, QStringLiteral("mirror/debian-base:13.1")), rawManifest(m_bed.anonymous, QStringLiteral("demo/debian-base:13.1")));
        const auto [againCode, again] = mirror(QStringLiteral("run"));
        QCOMPARE(againCode, 0);
        QCOMPARE(again[QStringLiteral("bytes")].toInteger(), 0); // idempotent: nothing moves twice
        const auto audit = test::runBerthctl({QStringLiteral("audit"), QStringLiteral("--json")}, m_env);
        QVERIFY2(audit.out.contains("\"mirror\""), audit.out.constData());
    }

    void aSignatureMadeAfterACopyComesAlongOnTheNextRun()
    {
        // An unsigned image copied by cp and by a mirror rule; signed at the source afterwards.
        const QString source = m_bed.anonymous + QStringLiteral("/later/app");
        auto run = cp({m_bed.anonymous + QStringLiteral("/public/hello:latest"), source + QStringLiteral(":1")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString copied = m_bed.copyBasic + QStringLiteral("/later/app:1");
        run = cp({source + QStringLiteral(":1"), copied, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile rule(m_dir.filePath(QStringLiteral("later.json")));
        QVERIFY(rule.open(QIODevice::WriteOnly));
        rule.write(QJsonDocument(QJsonObject{{QStringLiteral("source"), m_bed.anonymous + QStringLiteral("/later")},
                                             {QStringLiteral("destination"), m_bed.copyBasic + QStringLiteral("/mirrored")},
                                             {QStringLiteral("tags"), QJsonArray{QStringLiteral("1")}}})
                       .toJson());
        rule.close();
        auto mirror = [&] {
            const auto ran = test::runBerthctl({QStringLiteral("mirror"), QStringLiteral("run"), QStringLiteral("--rule"), rule.fileName(), QStringLiteral("--json")}, m_env);
            return std::pair{ran.exitCode, QJsonDocument::fromJson(ran.out).object()};
        };
        QCOMPARE(mirror().first, 0);

        // Again before any signature: the tag already names the image, nothing is pushed.
        run = cp({source + QStringLiteral(":1"), copied, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonObject done = events(run.out).last();
        QVERIFY(done[QStringLiteral("alreadyTagged")].toBool());
        QCOMPARE(done[QStringLiteral("manifestsPushed")].toInt(), 0);
        QCOMPARE(done[QStringLiteral("referrers")].toInt(), 0);
        const QString digest = done[QStringLiteral("digest")].toString();

        if (!QFile::exists(m_dir.filePath(QStringLiteral("cosign.key"))))
            QCOMPARE(tool(QStringLiteral("cosign"), {QStringLiteral("generate-key-pair")}).exitCode, 0);
        const auto signedRun = tool(QStringLiteral("cosign"), {QStringLiteral("sign"), QStringLiteral("--key"), QStringLiteral("cosign.key"),
                                                             QStringLiteral("--tlog-upload=false"), QStringLiteral("--allow-http-registry"),
                                                             QStringLiteral("--yes"), source + u'@' + digest});
        QVERIFY2(signedRun.exitCode == 0, signedRun.err.constData());

        // The next runs find the image in place and bring the signature: cosign verifies both copies.
        run = cp({source + QStringLiteral(":1"), copied, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        done = events(run.out).last();
        QVERIFY(done[QStringLiteral("alreadyTagged")].toBool());
        QCOMPARE(done[QStringLiteral("referrers")].toInt(), 1);
        const auto [code, mirrored] = mirror();
        QCOMPARE(code, 0);
        QCOMPARE(mirrored[QStringLiteral("images")].toArray().first()[QStringLiteral("referrers")].toInt(), 1);
        for (const QString& where : {copied, m_bed.copyBasic + QStringLiteral("/mirrored/app:1")}) {
            const auto verified = tool(QStringLiteral("cosign"), {QStringLiteral("verify"), QStringLiteral("--key"), QStringLiteral("cosign.pub"),
                                                                QStringLiteral("--insecure-ignore-tlog=true"), QStringLiteral("--allow-http-registry"), where});
            QVERIFY2(verified.exitCode == 0, qPrintable(where + u' ' + QString::fromUtf8(verified.err)));
        }
    }

    void anOciLayoutIsReadBySkopeoAndOras()
    {
        // An amd64+arm64 index into a layout directory; skopeo and oras read it; its bytes are the source's.
        const QString layout = m_dir.filePath(QStringLiteral("layout"));
        const QString source = m_bed.anonymous + QStringLiteral("/demo/debian-base:13.1");
        const auto exported = cp({source, QStringLiteral("oci:") + layout + QStringLiteral(":base"), QStringLiteral("--json")});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        const QJsonObject done = events(exported.out).last();
        QVERIFY(done.value(QStringLiteral("blobsWritten")).toInt() >= 3);
        QVERIFY(QFile::exists(layout + QStringLiteral("/oci-layout")));
        const QByteArray sourceRaw = rawManifest(m_bed.anonymous, QStringLiteral("demo/debian-base:13.1"));
        const auto inspected = tool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("oci:") + layout + QStringLiteral(":base")});
        QVERIFY2(inspected.exitCode == 0, inspected.err.constData());
        QCOMPARE(inspected.out, sourceRaw);
        // skopeo copies it from the layout into a registry, all platforms: the same index there.
        const auto pushed = tool(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--dest-tls-verify=false"),
                                                            QStringLiteral("oci:") + layout + QStringLiteral(":base"),
                                                            QStringLiteral("docker://") + m_bed.anonymous + QStringLiteral("/layout/roundtrip:base")});
        QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
        QCOMPARE(rawManifest(m_bed.anonymous, QStringLiteral("layout/roundtrip:base")), sourceRaw);
        // oras reads the layout by its tag.
        const auto oras = tool(QStringLiteral("oras"), {QStringLiteral("manifest"), QStringLiteral("fetch"), QStringLiteral("--oci-layout"),
                                                        layout + QStringLiteral(":base")});
        QVERIFY2(oras.exitCode == 0, oras.err.constData());
        QCOMPARE(oras.out.trimmed(), sourceRaw.trimmed());

        // Again, and a second image into the same layout: nothing fetched twice, both names kept.
        const auto again = cp({source, QStringLiteral("oci:") + layout + QStringLiteral(":base"), QStringLiteral("--json")});
        QCOMPARE(events(again.out).last().value(QStringLiteral("blobsWritten")).toInt(), 0);
        const auto second = cp({m_bed.anonymous + QStringLiteral("/demo/webapp:1.0.0"), QStringLiteral("oci:") + layout});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QFile index(layout + QStringLiteral("/index.json"));
        QVERIFY(index.open(QIODevice::ReadOnly));
        QStringList names;
        for (const QJsonValue& m : QJsonDocument::fromJson(index.readAll()).object().value(QStringLiteral("manifests")).toArray())
            names << m.toObject().value(QStringLiteral("annotations")).toObject().value(QStringLiteral("org.opencontainers.image.ref.name")).toString();
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("1.0.0"), QStringLiteral("base")}));
        // And back into a registry (another storage, with its login) by Berth: the same index, byte for byte.
        const auto back = cp({QStringLiteral("oci:") + layout + QStringLiteral(":base"), m_bed.copyBasic + QStringLiteral("/layout/back:base")});
        QVERIFY2(back.exitCode == 0, back.err.constData());
        QCOMPARE(rawManifest(m_bed.copyBasic, QStringLiteral("layout/back:base")), sourceRaw);

        // By digest, unnamed, twice: one entry, not two.
        const QString byDigest = m_dir.filePath(QStringLiteral("by-digest"));
        const QString digest = events(exported.out).last().value(QStringLiteral("digest")).toString();
        for (int i = 0; i < 2; ++i)
            QCOMPARE(cp({m_bed.anonymous + QStringLiteral("/demo/debian-base@") + digest, QStringLiteral("oci:") + byDigest}).exitCode, 0);
        QFile unnamed(byDigest + QStringLiteral("/index.json"));
        QVERIFY(unnamed.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(unnamed.readAll()).object().value(QStringLiteral("manifests")).toArray().size(), 1);

        // One platform alone: that image's manifest, which skopeo reads.
        const auto arm = cp({source, QStringLiteral("oci:") + layout + QStringLiteral(":arm"), QStringLiteral("--platform"), QStringLiteral("linux/arm64")});
        QVERIFY2(arm.exitCode == 0, arm.err.constData());
        const auto armInspect = tool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("oci:") + layout + QStringLiteral(":arm")});
        QVERIFY2(armInspect.exitCode == 0, armInspect.err.constData());
        QCOMPARE(QJsonDocument::fromJson(armInspect.out).object().value(QStringLiteral("Architecture")).toString(), QStringLiteral("arm64"));
    }

    void aLayoutSkopeoWroteIsPushedAndATamperedOneIsNot()
    {
        const QString layout = m_dir.filePath(QStringLiteral("skopeo-layout"));
        const auto written = tool(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
                                                             QStringLiteral("docker://") + m_bed.anonymous + QStringLiteral("/demo/webapp:1.1.0"),
                                                             QStringLiteral("oci:") + layout + QStringLiteral(":sk")});
        QVERIFY2(written.exitCode == 0, written.err.constData());
        const auto pushed = cp({QStringLiteral("oci:") + layout, m_bed.copyBasic + QStringLiteral("/layout/from-skopeo:sk")});
        QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
        const auto layoutRaw = tool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("oci:") + layout + QStringLiteral(":sk")});
        QCOMPARE(rawManifest(m_bed.copyBasic, QStringLiteral("layout/from-skopeo:sk")), layoutRaw.out);
        // A manifest file changed in the layout: refused before anything is tagged.
        QFile index(layout + QStringLiteral("/index.json"));
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QString digest = QJsonDocument::fromJson(index.readAll()).object().value(QStringLiteral("manifests")).toArray().first().toObject()
                                   .value(QStringLiteral("digest")).toString();
        QFile manifest(layout + QStringLiteral("/blobs/sha256/") + digest.mid(7));
        QVERIFY(manifest.open(QIODevice::ReadWrite));
        QByteArray bytes = manifest.readAll();
        bytes.replace("\"schemaVersion\"", "\"schemaVersion\" ");
        manifest.seek(0);
        manifest.write(bytes);
        manifest.close();
        const auto refused = cp({QStringLiteral("oci:") + layout, m_bed.copyBasic + QStringLiteral("/layout/tampered:sk")});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("does not match its digest"), refused.err.constData());
        QVERIFY(rawManifest(m_bed.copyBasic, QStringLiteral("layout/tampered:sk")).isEmpty());
    }

    void aLayoutNeverNamesAPartialImage()
    {
        // A source blob that does not match its digest: the export stops, no name in index.json, no file under that digest.
        const QString layout = m_dir.filePath(QStringLiteral("broken-layout"));
        const auto broken = cp({m_bed.hostile + QStringLiteral("/h/badimage:1.0"), QStringLiteral("oci:") + layout + QStringLiteral(":bad")});
        QVERIFY(broken.exitCode != 0);
        QVERIFY(!QFile::exists(layout + QStringLiteral("/index.json")));
        const QStringList left = QDir(layout + QStringLiteral("/blobs/sha256")).entryList(QDir::Files);
        for (const QString& name : left)
            QVERIFY2(!name.endsWith(QStringLiteral(".partial")), qPrintable(name));
    }

    void aDockerArchiveIsReadBySkopeo()
    {
        // The arm64 image of an index as a docker-archive: skopeo copies it into a registry, and the
        // image there has the source image's config and layers (a docker-archive keeps no manifest bytes).
        const QString file = m_dir.filePath(QStringLiteral("base-arm64.tar"));
        const auto exported = cp({m_bed.anonymous + QStringLiteral("/demo/debian-base:13.1"), QStringLiteral("docker-archive:") + file + QStringLiteral(":archived/base:arm"),
                                  QStringLiteral("--platform"), QStringLiteral("linux/arm64"), QStringLiteral("--json")});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY(QFile::exists(file));
        QVERIFY(!QFile::exists(file + QStringLiteral(".partial")));
        const auto archived = tool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("docker-archive:") + file});
        QVERIFY2(archived.exitCode == 0, archived.err.constData());
        QCOMPARE(QJsonDocument::fromJson(archived.out).object().value(QStringLiteral("Architecture")).toString(), QStringLiteral("arm64"));
        // The name docker load gives it (skopeo inspect lists registry tags only): manifest.json's RepoTags.
        const auto manifestJson = test::runTool(QStringLiteral("tar"), {QStringLiteral("xOf"), file, QStringLiteral("manifest.json")});
        QCOMPARE(QJsonDocument::fromJson(manifestJson.out).array().first().toObject().value(QStringLiteral("RepoTags")).toArray(),
                 QJsonArray{QStringLiteral("archived/base:arm")});
        const auto loaded = tool(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"), QStringLiteral("docker-archive:") + file,
                                                            QStringLiteral("docker://") + m_bed.anonymous + QStringLiteral("/archive/roundtrip:arm")});
        QVERIFY2(loaded.exitCode == 0, loaded.err.constData());
        const auto configOf = [&](const QString& ref) {
            return tool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
                                                   QStringLiteral("docker://") + ref})
                .out;
        };
        const auto armSource = tool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
                                                               QStringLiteral("--override-arch"), QStringLiteral("arm64"),
                                                               QStringLiteral("docker://") + m_bed.anonymous + QStringLiteral("/demo/debian-base:13.1")});
        QVERIFY(!armSource.out.isEmpty());
        QCOMPARE(configOf(m_bed.anonymous + QStringLiteral("/archive/roundtrip:arm")), armSource.out);

        // And back: Berth pushes the archive skopeo just read (and one docker save style, uncompressed,
        // written by skopeo) into a registry; the image there has the same config and layer contents.
        const auto pushed = cp({QStringLiteral("docker-archive:") + file, m_bed.copyBasic + QStringLiteral("/archive/back:arm")});
        QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
        const auto backConfig = tool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
                                                                QStringLiteral("--creds"), m_bed.username + u':' + m_bed.password,
                                                                QStringLiteral("docker://") + m_bed.copyBasic + QStringLiteral("/archive/back:arm")});
        QCOMPARE(backConfig.out, armSource.out);
        const QString saved = m_dir.filePath(QStringLiteral("saved.tar"));
        const auto save = tool(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
                                                          QStringLiteral("docker://") + m_bed.anonymous + QStringLiteral("/demo/webapp:1.1.0"),
                                                          QStringLiteral("docker-archive:") + saved + QStringLiteral(":saved/webapp:1.1.0")});
        QVERIFY2(save.exitCode == 0, save.err.constData());
        const auto fromSaved = cp({QStringLiteral("docker-archive:") + saved, m_bed.copyBasic + QStringLiteral("/archive/saved:1.1.0"), QStringLiteral("--json")});
        QVERIFY2(fromSaved.exitCode == 0, fromSaved.err.constData());
        const auto savedConfig = tool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
                                                                 QStringLiteral("--creds"), m_bed.username + u':' + m_bed.password,
                                                                 QStringLiteral("docker://") + m_bed.copyBasic + QStringLiteral("/archive/saved:1.1.0")});
        QCOMPARE(savedConfig.out, configOf(m_bed.anonymous + QStringLiteral("/demo/webapp:1.1.0")));
        const auto notAnArchive = cp({QStringLiteral("docker-archive:") + m_dir.filePath(QStringLiteral("nothing.tar")), m_bed.copyBasic + QStringLiteral("/archive/none:x")});
        QCOMPARE(notAnArchive.exitCode, 2);

        // A source blob that does not match its digest: no archive, not even a partial one.
        const QString broken = m_dir.filePath(QStringLiteral("broken.tar"));
        const auto bad = cp({m_bed.hostile + QStringLiteral("/h/badimage:1.0"), QStringLiteral("docker-archive:") + broken});
        QVERIFY(bad.exitCode != 0);
        QVERIFY(!QFile::exists(broken));
        QVERIFY(!QFile::exists(broken + QStringLiteral(".partial")));
    }

    void aSourceBlobThatDoesNotMatchItsDigestStopsTheCopy()
    {
        // The hostile registry serves a layer of the right length with other bytes.
        const auto run = cp({m_bed.hostile + QStringLiteral("/h/badimage:1.0"), m_bed.copyBasic + QStringLiteral("/bad/image:1.0")});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("digest"), run.err.constData());
        QVERIFY(rawManifest(m_bed.copyBasic, QStringLiteral("bad/image:1.0")).isEmpty()); // nothing tagged
    }

    void aRefusedPushTagsNothing()
    {
        // The htpasswd registry with a wrong password: said plainly, nothing tagged.
        QProcessEnvironment env = test::isolatedEnvironment(m_dir.filePath(QStringLiteral("wrong")));
        test::writeDockerLogin(env, m_bed.copyBasic, m_bed.username, QStringLiteral("not-the-password"));
        const auto run = test::runBerthctl({QStringLiteral("cp"), m_bed.anonymous + QStringLiteral("/public/hello:1.0"),
                                            m_bed.copyBasic + QStringLiteral("/refused/hello:1.0")},
                                           env);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(rawManifest(m_bed.copyBasic, QStringLiteral("refused/hello:1.0")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCopyInterop)
#include "tst_copy_interop.moc"
