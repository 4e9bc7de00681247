// What berthctl says, as a new user reads it: the order tags come in, the words of empty and
// failed answers, and hints that fit the error they follow (or are absent).
#include "TestSupport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestBerthctlWording : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;

    QProcessEnvironment env(const char* name) { return test::isolatedEnvironment(m_home.filePath(QString::fromLatin1(name))); }

    QString webapp() const { return m_bed.anonymous + QStringLiteral("/demo/webapp"); }

    QString writeFile(const char* name, const QByteArray& content)
    {
        const QString path = m_home.filePath(QString::fromLatin1(name));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QStringList lines(const QByteArray& out)
    {
        return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
    }

    // 1.10.0 comes after 1.9.0, whatever order the registry lists them in.
    void tagsComeInVersionOrder()
    {
        auto run = test::runBerthctl({QStringLiteral("tags"), webapp()}, env("tags"));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(lines(run.out), (QStringList{"1.0.0", "1.1.0", "1.2.0", "1.9.0", "1.10.0", "9f8e7d6", "a1b2c3d", "latest", "prod-2026-05-21", "staging"}));

        run = test::runBerthctl({QStringLiteral("tags"), webapp(), QStringLiteral("--sort"), QStringLiteral("name"), QStringLiteral("--json")}, env("tags"));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QStringList names;
        for (const QJsonValue& tag : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("tags")).toArray())
            names << tag.toString();
        QCOMPARE(names, (QStringList{"1.0.0", "1.1.0", "1.10.0", "1.2.0", "1.9.0", "9f8e7d6", "a1b2c3d", "latest", "prod-2026-05-21", "staging"}));

        // A plain registry keeps no push times: said, with where dates can be had.
        run = test::runBerthctl({QStringLiteral("tags"), webapp(), QStringLiteral("--sort"), QStringLiteral("pushed")}, env("tags"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("keeps no push times") && run.err.contains("history"), run.err.constData());
        run = test::runBerthctl({QStringLiteral("tags"), webapp(), QStringLiteral("--sort"), QStringLiteral("size")}, env("tags"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("version, name, created or pushed"), run.err.constData());
    }

    void historyComesInVersionOrderOrByDate()
    {
        auto run = test::runBerthctl({QStringLiteral("history"), webapp(), QStringLiteral("--json")}, env("history"));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QStringList tags;
        for (const QJsonValue& row : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("tags")).toArray())
            tags << row.toObject().value(QStringLiteral("tag")).toString();
        QCOMPARE(tags.mid(0, 5), (QStringList{"1.0.0", "1.1.0", "1.2.0", "1.9.0", "1.10.0"}));

        run = test::runBerthctl({QStringLiteral("history"), webapp(), QStringLiteral("--sort"), QStringLiteral("created"), QStringLiteral("--json")}, env("history"));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QList<QDateTime> created;
        tags.clear();
        for (const QJsonValue& row : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("tags")).toArray()) {
            created << QDateTime::fromString(row.toObject().value(QStringLiteral("created")).toString(), Qt::ISODate);
            tags << row.toObject().value(QStringLiteral("tag")).toString();
        }
        QCOMPARE(created.size(), 10);
        for (qsizetype i = 1; i < created.size(); ++i)
            QVERIFY2(created[i - 1] >= created[i], qPrintable(tags.join(u' ')));
        QCOMPARE(tags.first(), QStringLiteral("1.10.0")); // newest, and first in version order among its equals
        QCOMPARE(tags.last(), QStringLiteral("1.0.0"));
    }

    void anEmptyAuditLogSaysSo()
    {
        const auto run = test::runBerthctl({QStringLiteral("audit")}, env("audit"));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), QByteArray("No deletions, retags or copies recorded."));
    }

    // The plan's date column says what it holds and where it came from; the garbage-collection
    // caveat comes once.
    void retentionPlanNamesItsDateAndSaysGarbageCollectionOnce()
    {
        const QString policy = writeFile("keep3.json", R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]})");
        const auto run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), webapp(), QStringLiteral("--policy"), policy}, env("plan"));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QStringList out = lines(run.out);
        QVERIFY2(out.first().split(u' ', Qt::SkipEmptyParts).mid(0, 4) == (QStringList{"ACTION", "DIGEST", "DATE", "FROM"}), qPrintable(out.first()));
        QVERIFY2(out.filter(QStringLiteral("created")).size() == 5, run.out.constData()); // each row's date is the image's own
        QCOMPARE(run.out.count("garbage collection"), 1);
        QVERIFY2(run.out.contains("2 of 5 images would be deleted"), run.out.constData());
    }

    // Which one is missing: the repository, or the tag in it.
    void aMissingRepositoryAndAMissingTagReadDifferently()
    {
        auto run = test::runBerthctl({QStringLiteral("inspect"), m_bed.anonymous + QStringLiteral("/demo/no-such-app:1.0")}, env("missing"));
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("there is no repository " + m_bed.anonymous.toUtf8() + "/demo/no-such-app"), run.err.constData());
        QVERIFY2(run.err.contains("berthctl repos"), run.err.constData());

        run = test::runBerthctl({QStringLiteral("inspect"), webapp() + QStringLiteral(":9.9.9")}, env("missing"));
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(webapp().toUtf8() + " has no tag 9.9.9"), run.err.constData());
        QVERIFY2(run.err.contains("berthctl tags"), run.err.constData());

        run = test::runBerthctl({QStringLiteral("manifest"), webapp() + QStringLiteral("@sha256:") + QString(64, u'0'), QStringLiteral("--json")}, env("missing"));
        QCOMPARE(run.exitCode, 4);
        const QJsonObject error = QJsonDocument::fromJson(run.err).object();
        QCOMPARE(error.value(QStringLiteral("error")).toString(), QStringLiteral("not-found"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("has no manifest sha256:000")), run.err.constData());
    }

    // A hint follows an error only where it fits it.
    void hintsFitTheirErrors()
    {
        // An index without the platform: the repository and tag are right, so no hint to check them.
        auto run = test::runBerthctl({QStringLiteral("inspect"), m_bed.anonymous + QStringLiteral("/demo/debian-base:13.1"), QStringLiteral("--platform"),
                                      QStringLiteral("windows/amd64")},
                                     env("hints"));
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("linux/amd64") && run.err.contains("linux/arm64"), run.err.constData()); // what it has
        QVERIFY2(!run.err.contains("Check the repository"), run.err.constData());

        run = test::runBerthctl({QStringLiteral("scan"), webapp() + QStringLiteral(":1.0.0")}, env("hints"));
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("no vulnerability report"), run.err.constData());
        QVERIFY2(!run.err.contains("Check the repository"), run.err.constData());

        // A policy file that is not there: the path and the reason, not --help.
        const QString missing = m_home.filePath(QStringLiteral("no-such-policy.json"));
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), webapp(), QStringLiteral("--policy"), missing}, env("hints"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(missing.toUtf8()) && run.err.contains("No such file"), run.err.constData());
        QVERIFY2(!run.err.contains("--help"), run.err.constData());

        // A command line of the wrong form: --help is the fitting hint.
        run = test::runBerthctl({QStringLiteral("inspect")}, env("hints"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("usage: berthctl inspect") && run.err.contains("--help"), run.err.constData());
    }

    void policyFilesOfNoKnownFormatAreSaidSo()
    {
        auto run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("plan"), webapp()}, env("formats"));
        QCOMPARE(run.exitCode, 2);
        for (const char* format : {"ECR lifecycle", "Harbor retention", "Artifact Registry cleanup", "Quay auto-prune"})
            QVERIFY2(run.err.contains(format), run.err.constData());

        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("check"), QStringLiteral("--policy"), writeFile("numbers.json", "[1,2,3]")},
                                env("formats"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("no known policy format"), run.err.constData());
        for (const char* format : {"ECR lifecycle", "Harbor retention", "Artifact Registry cleanup", "Quay auto-prune"})
            QVERIFY2(run.err.contains(format), run.err.constData());

        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("check"), QStringLiteral("--policy"),
                                 writeFile("cut.json", "{\n  \"rules\": [\n    {\"rulePriority\": 1, \"selection\": {")},
                                env("formats"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("not valid JSON") && run.err.contains("at line 3, column"), run.err.constData());
    }

    // Usage first, the commands, then the options; no "Arguments: command" line from Qt.
    void helpReadsTopDown()
    {
        const auto run = test::runBerthctl({QStringLiteral("--help")}, env("help"));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("Usage: berthctl [OPTIONS] COMMAND"), run.out.left(200).constData());
        const qsizetype commands = run.out.indexOf("\nCommands:\n");
        const qsizetype options = run.out.indexOf("\nOptions:\n");
        QVERIFY(commands > 0 && options > commands);
        QVERIFY(run.out.indexOf("  tags REPO") > commands && run.out.indexOf("  --sort KEY") > options);
        QVERIFY2(!run.out.contains("Arguments:") && !run.out.contains("One of the commands"), run.out.constData());
        for (const QString& line : lines(run.out))
            QVERIFY2(line.size() <= 112, qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestBerthctlWording)
#include "tst_berthctl_wording.moc"
