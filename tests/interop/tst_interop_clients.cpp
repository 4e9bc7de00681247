// Independent clients write, Berth reads: skopeo and oras push, berthctl lists what they pushed.
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestInteropClients : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;

    QStringList berthTags(const QString& repository, const QStringList& extra = {}, const QProcessEnvironment& env = {})
    {
        const auto run = test::runBerthctl(QStringList{QStringLiteral("tags"), repository, QStringLiteral("--json")} + extra,
                                           env.isEmpty() ? test::isolatedEnvironment(m_home.filePath(QStringLiteral("plain"))) : env);
        if (run.exitCode != 0)
            qWarning("berthctl: %s", run.err.constData());
        return test::sortedStrings(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("tags")).toArray());
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
    }

    void skopeoAgreesOnTags()
    {
        const auto listed = test::runTool(QStringLiteral("skopeo"), {QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
                                                            QStringLiteral("docker://") + m_bed.anonymous + QStringLiteral("/demo/webapp")});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        const QStringList skopeoTags = test::sortedStrings(QJsonDocument::fromJson(listed.out).object().value(QStringLiteral("Tags")).toArray());
        QVERIFY(!skopeoTags.isEmpty());
        QCOMPARE(berthTags(m_bed.anonymous + QStringLiteral("/demo/webapp")), skopeoTags);
    }

    void skopeoCopyToTheTokenRegistryIsListed()
    {
        const QString creds = m_bed.username + QLatin1Char(':') + m_bed.password;
        const auto copied = test::runTool(QStringLiteral("skopeo"),
                                 {QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--dest-tls-verify=false"),
                                  QStringLiteral("--dest-creds"), creds,
                                  QStringLiteral("docker://") + m_bed.anonymous + QStringLiteral("/demo/webapp:1.0.0"),
                                  QStringLiteral("docker://") + m_bed.token + QStringLiteral("/interop/skopeo:copied-by-skopeo")});
        QVERIFY2(copied.exitCode == 0, copied.err.constData());

        QProcessEnvironment env = test::isolatedEnvironment(m_home.filePath(QStringLiteral("login")));
        test::writeDockerLogin(env, m_bed.token, m_bed.username, m_bed.password);
        QCOMPARE(berthTags(m_bed.token + QStringLiteral("/interop/skopeo"), {}, env), QStringList{QStringLiteral("copied-by-skopeo")});
    }

    void orasArtifactIsListed()
    {
        QTemporaryDir work;
        QFile artifact(work.filePath(QStringLiteral("notes.txt")));
        QVERIFY(artifact.open(QIODevice::WriteOnly));
        artifact.write("release notes\n");
        artifact.close();
        const auto pushed = test::runTool(QStringLiteral("oras"),
                                 {QStringLiteral("push"), QStringLiteral("--plain-http"),
                                  m_bed.anonymous + QStringLiteral("/interop/oras:notes-v1"), QStringLiteral("notes.txt:text/plain")},
                                 work.path());
        QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
        // The older shape too (image-spec 1.0: no artifactType, a config of oras' own media type).
        const auto pushedOld = test::runTool(QStringLiteral("oras"),
                                    {QStringLiteral("push"), QStringLiteral("--plain-http"), QStringLiteral("--image-spec"), QStringLiteral("v1.0"),
                                     m_bed.anonymous + QStringLiteral("/interop/oras:notes-v0"), QStringLiteral("notes.txt:text/plain")},
                                    work.path());
        QVERIFY2(pushedOld.exitCode == 0, pushedOld.err.constData());
        QCOMPARE(berthTags(m_bed.anonymous + QStringLiteral("/interop/oras")), (QStringList{QStringLiteral("notes-v0"), QStringLiteral("notes-v1")}));

        // Each is dated as oras dated its manifest: neither has an image config with a date (the older
        // shape's type is its config's media type, as the image spec says).
        const auto history = test::runBerthctl({QStringLiteral("history"), m_bed.anonymous + QStringLiteral("/interop/oras"), QStringLiteral("--json")},
                                               test::isolatedEnvironment(m_home.filePath(QStringLiteral("plain"))));
        QVERIFY2(history.exitCode == 0, history.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(history.out).object().value(QStringLiteral("tags")).toArray();
        QCOMPARE(rows.size(), 2);
        for (const QJsonValue& row : rows) {
            const QString tag = row[QStringLiteral("tag")].toString();
            const auto fetched = test::runTool(QStringLiteral("oras"), {QStringLiteral("manifest"), QStringLiteral("fetch"), QStringLiteral("--plain-http"),
                                                                      m_bed.anonymous + QStringLiteral("/interop/oras:") + tag});
            QVERIFY2(fetched.exitCode == 0, fetched.err.constData());
            const QJsonObject manifest = QJsonDocument::fromJson(fetched.out).object();
            QCOMPARE(manifest.contains(QStringLiteral("artifactType")), tag == u"notes-v1");
            const QDateTime stamped = QDateTime::fromString(manifest[QStringLiteral("annotations")][QStringLiteral("org.opencontainers.image.created")].toString(),
                                                            Qt::ISODate);
            QVERIFY2(stamped.isValid(), qPrintable(tag));
            QCOMPARE(QDateTime::fromString(row[QStringLiteral("created")].toString(), Qt::ISODate), stamped);
        }
    }
};

QTEST_GUILESS_MAIN(TestInteropClients)
#include "tst_interop_clients.moc"
