// `berthctl tags REPO --json` and `repos` against all four registry configurations.
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestBerthctlTags : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;

    QProcessEnvironment envWithDockerLogin(const QString& registry)
    {
        QProcessEnvironment env = test::isolatedEnvironment(m_home.filePath(QStringLiteral("login")));
        test::writeDockerLogin(env, registry, m_bed.username, m_bed.password);
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
    }

    void tagsJson_data()
    {
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<bool>("login");
        QTest::addColumn<bool>("ca");
        QTest::newRow("anonymous") << m_bed.anonymous << QStringLiteral("demo/webapp") << false << false;
        QTest::newRow("basic auth") << m_bed.basic << QStringLiteral("demo/debian-base") << true << false;
        QTest::newRow("token auth") << m_bed.token << QStringLiteral("tools/cli") << true << false;
        QTest::newRow("tls with test CA") << m_bed.tls << QStringLiteral("ops/backup") << false << true;
        QTest::newRow("paged") << m_bed.paging << QStringLiteral("paged/many") << false << false;
    }

    void tagsJson()
    {
        QFETCH(QString, registry);
        QFETCH(QString, repository);
        QFETCH(bool, login);
        QFETCH(bool, ca);
        const QProcessEnvironment env = login ? envWithDockerLogin(registry)
                                              : test::isolatedEnvironment(m_home.filePath(QStringLiteral("plain")));
        QStringList args{QStringLiteral("tags"), registry + QLatin1Char('/') + repository, QStringLiteral("--json")};
        if (ca)
            args << QStringLiteral("--ca-file") << m_bed.caFile;
        const auto run = test::runBerthctl(args, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(run.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, run.out.constData());
        QCOMPARE(doc.value(QStringLiteral("repository")).toString(), registry + QLatin1Char('/') + repository);
        QCOMPARE(test::sortedStrings(doc.value(QStringLiteral("tags")).toArray()), m_bed.seededTags(repository));
    }

    void reposJson()
    {
        const auto run = test::runBerthctl({QStringLiteral("repos"), m_bed.token, QStringLiteral("--json")},
                                           envWithDockerLogin(m_bed.token));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(run.out).object();
        QStringList repos;
        for (const auto& r : doc.value(QStringLiteral("repositories")).toArray())
            repos << r.toString();
        for (const QString& repo : m_bed.seeded.keys())
            QVERIFY2(repos.contains(repo), qPrintable(repo));
    }

    void errorsSayWhatToDo()
    {
        const auto env = test::isolatedEnvironment(m_home.filePath(QStringLiteral("errors")));
        auto run = test::runBerthctl({QStringLiteral("tags"), m_bed.basic + QStringLiteral("/demo/webapp")}, env);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("requires a login") && run.err.contains("berthctl login"), run.err.constData());

        run = test::runBerthctl({QStringLiteral("tags"), m_bed.anonymous + QStringLiteral("/no/such-repo"), QStringLiteral("--json")}, env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("\"error\":\"not-found\""), run.err.constData());

        run = test::runBerthctl({QStringLiteral("tags"), m_bed.anonymous + QStringLiteral("/Upper/Case")}, env);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("lower case"), run.err.constData());

        run = test::runBerthctl({QStringLiteral("tags"), m_bed.tls + QStringLiteral("/demo/webapp")}, env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("--ca-file"), run.err.constData());

        // Only when the user says so for this registry: no verification, and then it works.
        run = test::runBerthctl({QStringLiteral("tags"), m_bed.tls + QStringLiteral("/demo/webapp"), QStringLiteral("--insecure-skip-tls-verify")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("1.10.0"));

        run = test::runBerthctl({QStringLiteral("frobnicate")}, env);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("unknown command"));

        run = test::runBerthctl({QStringLiteral("--help")}, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("tags REPO") && run.out.contains("--ca-file"));
    }
};

QTEST_GUILESS_MAIN(TestBerthctlTags)
#include "tst_berthctl_tags.moc"
