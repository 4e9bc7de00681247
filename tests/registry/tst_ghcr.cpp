// GitHub Container Registry through GitHub's packages API, as a user of berthctl sees it: against
// the bed's GHCR stand-in (tests/bed/ghcr_mock.py, built from github-packages.openapi.json and
// FACTS.md), reached as ghcr.io and api.github.com with --connect-to and the bed's CA.
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::runBerthctl;
using test::runTool;

class TestGhcr : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    test::PublicStandIn m_ghcr;
    QTemporaryDir m_dir;

    QString token(const QString& user) const { return m_ghcr.token(user); }

    QProcessEnvironment environment(const QString& name, const QString& user, const QStringList& organisations = {})
    {
        return m_ghcr.environment(m_dir.filePath(name), QStringLiteral("ghcr.io"), QStringLiteral("ghcr.io"), user, organisations);
    }

    test::ProcessResult ctl(const QStringList& args, const QProcessEnvironment& env)
    {
        return runBerthctl(QStringList{QStringLiteral("--ca-file"), m_bed.caFile} + args, env);
    }

    QStringList curlCommon() const { return m_ghcr.curlArguments(); }

    // tag -> digest as the registry API (ghcr.io) has them, read with curl and an anonymous token.
    QMap<QString, QString> registryTags(const QString& repository)
    {
        const QString tokenUrl = QStringLiteral("https://ghcr.io/token?service=ghcr.io&scope=repository:%1:pull").arg(repository);
        const QStringList auth{QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + m_ghcr.anonymousToken(tokenUrl)};
        QMap<QString, QString> out;
        for (const QString& tag : m_ghcr.registryTags(tokenUrl, QStringLiteral("https://ghcr.io/v2/%1/tags/list").arg(repository))) {
            const auto head = runTool(QStringLiteral("curl"), curlCommon() + auth + QStringList{
                QStringLiteral("-I"), QStringLiteral("-H"), QStringLiteral("Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"),
                QStringLiteral("https://ghcr.io/v2/%1/manifests/%2").arg(repository, tag)});
            for (const QByteArray& line : head.out.split('\n')) {
                if (line.toLower().startsWith("docker-content-digest:"))
                    out.insert(tag, QString::fromLatin1(line.mid(22).trimmed()));
            }
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        m_ghcr = test::PublicStandIn::load(m_bed, QStringLiteral("ghcr"));
        QVERIFY2(!m_ghcr.json.isEmpty(), "the bed has no GHCR stand-in");
        QVERIFY(m_dir.isValid());
    }

    void aLoginSeesItsOwnAndItsOrganisationsPackages()
    {
        const auto env = environment(QStringLiteral("all"), QStringLiteral("ghuser"),
                                     {QStringLiteral("ghorg1"), QStringLiteral("ghorg2"), QStringLiteral("ghorg3")});
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("ghcr.io")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QStringList repos = test::sortedStrings(QJsonDocument::fromJson(result.out).object().value(QStringLiteral("repositories")).toArray());
        QCOMPARE(repos.size(), 126);
        QVERIFY(repos.contains(QStringLiteral("ghuser/tool")));
        QVERIFY(repos.contains(QStringLiteral("ghorg3/pkg39")));
        // One organisation alone, its 40 over pages of GitHub's Link headers.
        const auto one = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("ghcr.io/ghorg2")}, env);
        QCOMPARE(QJsonDocument::fromJson(one.out).object().value(QStringLiteral("repositories")).toArray().size(), 40);
    }

    void tagDatesAreTheVersionsDates()
    {
        const auto env = environment(QStringLiteral("dates"), QStringLiteral("ghuser"));
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("tags"), QStringLiteral("ghcr.io/ghuser/tool")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonArray details = QJsonDocument::fromJson(result.out).object().value(QStringLiteral("details")).toArray();
        const auto api = runTool(QStringLiteral("curl"), curlCommon() + QStringList{
            QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + token(QStringLiteral("ghuser")),
            QStringLiteral("https://api.github.com/user/packages/container/tool/versions?per_page=100")});
        int checked = 0;
        for (const QJsonValue& v : QJsonDocument::fromJson(api.out).array()) {
            const QJsonObject version = v.toObject();
            for (const QJsonValue& tag : version.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("container")).toObject().value(QStringLiteral("tags")).toArray()) {
                const auto mine = std::find_if(details.begin(), details.end(), [&](const QJsonValue& d) { return d.toObject().value(QStringLiteral("tag")) == tag; });
                QVERIFY(mine != details.end());
                QCOMPARE(mine->toObject().value(QStringLiteral("digest")).toString(), version.value(QStringLiteral("name")).toString());
                QCOMPARE(QDateTime::fromString(mine->toObject().value(QStringLiteral("pushed")).toString(), Qt::ISODateWithMs),
                         QDateTime::fromString(version.value(QStringLiteral("updated_at")).toString(), Qt::ISODate));
                ++checked;
            }
        }
        QCOMPARE(checked, details.size());
        QCOMPARE(checked, 5); // edge, 1.0, stable, 2.0, multi
    }

    void aTwoTagVersionLosesOneTagAndKeepsTheOther()
    {
        const QString repo = QStringLiteral("ghuser/tool");
        const auto env = environment(QStringLiteral("untag"), QStringLiteral("ghuser"));
        const auto before = registryTags(repo);
        QVERIFY(before.contains(QStringLiteral("stable")));
        QCOMPARE(before.value(QStringLiteral("stable")), before.value(QStringLiteral("1.0")));
        const auto result = ctl({QStringLiteral("rm"), QStringLiteral("ghcr.io/ghuser/tool:stable"), QStringLiteral("--tag-only")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const auto after = registryTags(repo);
        QVERIFY(!after.contains(QStringLiteral("stable")));
        QCOMPARE(after.value(QStringLiteral("1.0")), before.value(QStringLiteral("1.0"))); // same image, same digest
        QCOMPARE(after.size(), before.size() - 1);
    }

    void aDeletedVersionComesBackWithUndo()
    {
        const QString repo = QStringLiteral("ghuser/tool");
        const auto env = environment(QStringLiteral("undo"), QStringLiteral("ghuser"));
        const QString digest = registryTags(repo).value(QStringLiteral("2.0"));
        QVERIFY(!digest.isEmpty());
        const auto removed = ctl({QStringLiteral("rm"), QStringLiteral("ghcr.io/ghuser/tool:2.0")}, env);
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QVERIFY(!registryTags(repo).contains(QStringLiteral("2.0")));
        // The audit log has the deletion; undo restores the version through GitHub's API.
        const auto audit = ctl({QStringLiteral("--json"), QStringLiteral("audit")}, env);
        qint64 id = -1;
        for (const QJsonValue& e : QJsonDocument::fromJson(audit.out).object().value(QStringLiteral("entries")).toArray()) {
            const QJsonObject entry = e.toObject();
            if (entry.value(QStringLiteral("tag")).toString() == u"2.0" && entry.value(QStringLiteral("action")).toString() == u"delete")
                id = entry.value(QStringLiteral("id")).toInteger();
        }
        QVERIFY2(id > 0, audit.out.constData());
        const auto undo = ctl({QStringLiteral("undo"), QString::number(id)}, env);
        QVERIFY2(undo.exitCode == 0, undo.err.constData());
        QCOMPARE(registryTags(repo).value(QStringLiteral("2.0")), digest);
    }

    void untaggedCleanupSparesPlatformsAndSignatures()
    {
        // GHCR lists an index's platform manifests, and signatures attached through the referrers
        // API, as untagged versions; deleting them breaks the index or verification
        // (snok/container-retention-policy #43, #97). Only the real orphan may go.
        const auto env = environment(QStringLiteral("untagged"), QStringLiteral("ghuser"));
        const QString policy = m_dir.filePath(QStringLiteral("untagged.json"));
        QFile p(policy);
        QVERIFY(p.open(QIODevice::WriteOnly));
        p.write(R"({"rules":[{"rulePriority":1,"description":"untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}}]})");
        p.close();
        const auto plan = ctl({QStringLiteral("--json"), QStringLiteral("retention"), QStringLiteral("plan"), QStringLiteral("ghcr.io/ghuser/tool"),
                               QStringLiteral("--policy"), policy}, env);
        QVERIFY2(plan.exitCode == 0, plan.err.constData());
        QStringList doomed;
        for (const QJsonValue& e : QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("entries")).toArray()) {
            if (e.toObject().value(QStringLiteral("action")).toString() == u"delete")
                doomed << e.toObject().value(QStringLiteral("digest")).toString();
        }
        const QJsonArray orphans = m_ghcr.json.value(QStringLiteral("known")).toObject().value(QStringLiteral("ghuser/tool")).toArray();
        QCOMPARE(doomed, QStringList{orphans.first().toString()});
    }

    void aTokenWithoutDeletePackagesIsToldSoAndNothingGoes()
    {
        const QString repo = QStringLiteral("ghorg1/pkg05");
        const auto env = environment(QStringLiteral("reader"), QStringLiteral("ghreader"));
        const auto before = registryTags(repo);
        const auto result = ctl({QStringLiteral("rm"), QStringLiteral("ghcr.io/%1:1.0").arg(repo)}, env);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains("delete:packages"), result.err.constData());
        QCOMPARE(registryTags(repo), before);
    }

    void aRevokedTokenIsSaidPlainly()
    {
        QProcessEnvironment env = environment(QStringLiteral("revoked"), {});
        test::writeDockerLogin(env, QStringLiteral("ghcr.io"), QStringLiteral("ghuser"), QStringLiteral("ghp_revoked"));
        const auto result = ctl({QStringLiteral("repos"), QStringLiteral("ghcr.io/ghorg1")}, env);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains("GitHub rejected the token"), result.err.constData());
        QVERIFY(!result.err.contains("ghp_revoked"));
    }

    void loginChecksTheTokenAgainstThePackagesApi()
    {
        // ghcr.io itself takes the token; GitHub's packages API does not without read:packages.
        const auto env = environment(QStringLiteral("login"), {});
        const auto result = test::runBerthctl({QStringLiteral("--ca-file"), m_bed.caFile, QStringLiteral("login"), QStringLiteral("ghcr.io"),
                                               QStringLiteral("-u"), QStringLiteral("ghnoscope"), QStringLiteral("--password-stdin")},
                                              env, token(QStringLiteral("ghnoscope")).toUtf8() + "\n");
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains("read:packages"), result.err.constData());
        QVERIFY(!result.err.contains(token(QStringLiteral("ghnoscope")).toUtf8()));
    }

    void historyCarriesTheVersionsDates()
    {
        const auto env = environment(QStringLiteral("history"), QStringLiteral("ghuser"));
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("ghcr.io/ghorg3/pkg07")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonArray tags = QJsonDocument::fromJson(result.out).object().value(QStringLiteral("tags")).toArray();
        QCOMPARE(tags.size(), 1);
        const QJsonObject row = tags.first().toObject();
        QCOMPARE(row.value(QStringLiteral("dateSource")).toString(), QStringLiteral("github-packages-api"));
        QVERIFY(QDateTime::fromString(row.value(QStringLiteral("pushed")).toString(), Qt::ISODateWithMs).isValid());
        QVERIFY(row.value(QStringLiteral("pulled")).isNull()); // GitHub keeps no per-version pull date
        QVERIFY(!row.value(QStringLiteral("created")).toString().isEmpty()); // the image's own date beside it
    }

    void theTokenMayComeFromGhToken()
    {
        QProcessEnvironment env = environment(QStringLiteral("ghtoken"), {});
        env.insert(QStringLiteral("GH_TOKEN"), token(QStringLiteral("ghuser")));
        const auto result = ctl({QStringLiteral("--json"), QStringLiteral("repos"), QStringLiteral("ghcr.io/ghorg3")}, env);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(QJsonDocument::fromJson(result.out).object().value(QStringLiteral("repositories")).toArray().size(), 40);
    }
};

QTEST_GUILESS_MAIN(TestGhcr)
#include "tst_ghcr.moc"
