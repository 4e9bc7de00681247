// The provider layer without a network: which family a registry is, and Hub's tag answers as
// the fixtures show them (tests/fixtures/dockerhub).
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/net/RegistryEndpoint.h"
#include "core/providers/DockerHubProvider.h"
#include "core/providers/GhcrProvider.h"
#include "core/providers/Provider.h"
#include "core/providers/QuayProvider.h"
#include "core/registry/RegistryClient.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestProviders : public QObject
{
    Q_OBJECT

    static ProviderKind kindOf(const QString& address, const QString& chosen = {})
    {
        RegistryEndpoint endpoint = *RegistryEndpoint::fromString(address);
        endpoint.provider = chosen;
        return providerKindFor(endpoint);
    }

private Q_SLOTS:
    void familyFromTheHost_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("kind");
        QTest::newRow("docker.io") << QStringLiteral("docker.io") << QStringLiteral("dockerhub");
        QTest::newRow("index alias") << QStringLiteral("index.docker.io") << QStringLiteral("dockerhub");
        QTest::newRow("registry-1") << QStringLiteral("registry-1.docker.io") << QStringLiteral("dockerhub");
        QTest::newRow("ghcr") << QStringLiteral("ghcr.io") << QStringLiteral("ghcr");
        QTest::newRow("quay") << QStringLiteral("quay.io") << QStringLiteral("quay");
        QTest::newRow("ecr") << QStringLiteral("123456789012.dkr.ecr.eu-west-1.amazonaws.com") << QStringLiteral("ecr");
        QTest::newRow("artifact registry") << QStringLiteral("europe-west1-docker.pkg.dev") << QStringLiteral("gar");
        // Container Registry's hosts, served by Artifact Registry's repositories named after them.
        QTest::newRow("gcr.io") << QStringLiteral("gcr.io") << QStringLiteral("gar");
        QTest::newRow("eu.gcr.io") << QStringLiteral("eu.gcr.io") << QStringLiteral("gar");
        QTest::newRow("asia.gcr.io") << QStringLiteral("asia.gcr.io") << QStringLiteral("gar");
        QTest::newRow("Google's own mirror") << QStringLiteral("mirror.gcr.io") << QStringLiteral("oci");
        QTest::newRow("self-hosted") << QStringLiteral("registry.example.com:5000") << QStringLiteral("oci");
        QTest::newRow("a look-alike") << QStringLiteral("docker.io.example.com") << QStringLiteral("oci");
    }

    void familyFromTheHost()
    {
        QFETCH(QString, address);
        QFETCH(QString, kind);
        QCOMPARE(providerKindName(kindOf(address)), kind);
    }

    void theUsersChoiceWins()
    {
        QCOMPARE(kindOf(QStringLiteral("mirror.example.com"), QStringLiteral("quay")), ProviderKind::Quay);
        QCOMPARE(kindOf(QStringLiteral("docker.io"), QStringLiteral("oci")), ProviderKind::Oci);
        // An unknown name falls back to the host's family instead of failing.
        QCOMPARE(kindOf(QStringLiteral("docker.io"), QStringLiteral("nonsense")), ProviderKind::DockerHub);
        QCOMPARE(providerKindFromName(QStringLiteral("GHCR")), ProviderKind::Ghcr);
        QVERIFY(!providerKindFromName(QStringLiteral("gitlab")));
    }

    void hubTagsAsHubServesThem()
    {
        // The fixture has images as an array, tag_status and a tag-level digest (FACTS.md H10).
        const auto page = JsonTape::parse(test::readFixture(QStringLiteral("dockerhub/tags-list.synthetic.json")));
        QVERIFY(page);
        const JsonRef results = (*page)->root().value(QLatin1StringView("results"));
        QCOMPARE(results.size(), 2);
        const ProviderTag first = DockerHubProvider::tagFromJson(*results.begin());
        QCOMPARE(first.name, QStringLiteral("1.2.3"));
        QCOMPARE(first.digest, QStringLiteral("sha256:") + QString(64, QLatin1Char('3')));
        // Hub writes microseconds; they are kept to the nearest millisecond (.231504 -> .232).
        QCOMPARE(first.pushed, QDateTime(QDate(2026, 4, 21), QTime(5, 14, 48, 232), QTimeZone::UTC));
        QCOMPARE(first.pulled, QDateTime(QDate(2026, 5, 4), QTime(11, 22, 47, 149), QTimeZone::UTC));
        QCOMPARE(first.platforms, (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}));
        QCOMPARE(first.size, 32521545);
    }

    void hubTagNeverPulledHasNoPullDate()
    {
        QJsonObject item{{QStringLiteral("name"), QStringLiteral("old")},
                         {QStringLiteral("tag_last_pushed"), QStringLiteral("2025-05-25T22:27:21.712654Z")},
                         {QStringLiteral("tag_last_pulled"), QJsonValue::Null},
                         // The description's single image object, not the array Hub serves: both are read.
                         {QStringLiteral("images"), QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")},
                                                                {QStringLiteral("architecture"), QStringLiteral("amd64")},
                                                                {QStringLiteral("digest"), QStringLiteral("sha256:") + QString(64, QLatin1Char('4'))}}}};
        const auto tape = JsonTape::parse(QJsonDocument(item).toJson());
        QVERIFY(tape);
        const ProviderTag tag = DockerHubProvider::tagFromJson((*tape)->root());
        QVERIFY(!tag.pulled.isValid());
        QVERIFY(tag.pushed.isValid());
        QCOMPARE(tag.platforms, QStringList{QStringLiteral("linux/amd64")});
        QCOMPARE(tag.digest, QStringLiteral("sha256:") + QString(64, QLatin1Char('4'))); // the one image's
    }

    // Hub's dates are read by hand from the page's bytes; each shape must read as Qt's ISO parser
    // reads it (to the millisecond), and what Qt refuses stays undated.
    void hubDatesReadAsQtReadsThem()
    {
        const QStringList dates{QStringLiteral("2026-04-21T05:14:48.231504Z"), QStringLiteral("2026-04-21T05:14:48Z"),
                                QStringLiteral("2024-02-29T23:59:59.9999Z"), QStringLiteral("1969-12-31T23:59:59.5Z"),
                                QStringLiteral("1600-03-01T00:00:00.001Z"), QStringLiteral("2100-02-28T12:00:00.1234567891Z"),
                                QStringLiteral("2026-01-01T00:00:00.000000Z"), QStringLiteral("2025-12-31T23:59:59.9995Z")};
        for (const QString& date : dates) {
            QJsonObject item{{QStringLiteral("name"), QStringLiteral("t")}, {QStringLiteral("tag_last_pushed"), date}};
            const auto tape = JsonTape::parse(QJsonDocument(item).toJson());
            QVERIFY(tape);
            const QDateTime expected = QDateTime::fromString(date, Qt::ISODateWithMs);
            QVERIFY2(expected.isValid(), qPrintable(date));
            const ProviderTag tag = DockerHubProvider::tagFromJson((*tape)->root());
            // Qt rounds a fraction to the millisecond as Berth does, except where it truncates past
            // three places; both are within a millisecond of the written time.
            QVERIFY2(qAbs(tag.pushed.toMSecsSinceEpoch() - expected.toMSecsSinceEpoch()) <= 1, qPrintable(date));
            QCOMPARE(tag.pushed.timeSpec(), Qt::UTC);
        }
        // Escaped characters, a date that does not exist, another zone, no zone: Qt's parser or nothing.
        const QList<QPair<QByteArray, QDateTime>> odd{
            {QByteArrayLiteral("\"2026-04-21T05:14:48\\u002e5Z\""), QDateTime(QDate(2026, 4, 21), QTime(5, 14, 48, 500), QTimeZone::UTC)},
            {QByteArrayLiteral("\"2026-02-30T05:14:48Z\""), QDateTime()},
            {QByteArrayLiteral("\"2026-04-21T25:14:48Z\""), QDateTime()},
            {QByteArrayLiteral("\"2026-04-21T05:14:48.2x1Z\""), QDateTime()},
            {QByteArrayLiteral("\"2026-04-21T05:14:48+02:00\""), QDateTime(QDate(2026, 4, 21), QTime(3, 14, 48), QTimeZone::UTC)},
            {QByteArrayLiteral("17"), QDateTime()}};
        for (const auto& [json, expected] : odd) {
            const auto tape = JsonTape::parse("{\"name\":\"t\",\"tag_last_pushed\":" + json + "}");
            QVERIFY2(tape, json.constData());
            const ProviderTag tag = DockerHubProvider::tagFromJson((*tape)->root());
            QVERIFY2(tag.pushed.isValid() == expected.isValid(), json.constData());
            if (expected.isValid())
                QCOMPARE(tag.pushed.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
        }
    }

    // Platform names are shared between tags; an escaped or "unknown" one is still read right.
    void hubPlatformsOfEveryShape()
    {
        const auto tape = JsonTape::parse(R"({"results":[
            {"name":"a","images":[{"os":"linux","architecture":"arm64","variant":"v8"},{"os":"unknown","architecture":"unknown"}]},
            {"name":"b","images":[{"os":"linux","architecture":"arm64","variant":"v8"},{"os":"linux","architecture":"amd64","variant":""}]},
            {"name":"c","images":[{"os":"li\u006eux","architecture":"386"},{"os":"windows","architecture":"amd64","variant":"\u0076\u0031"}]},
            {"name":"d","images":[{"architecture":"amd64"},{"os":"linux"}]}]})");
        QVERIFY(tape);
        QStringList seen;
        for (const JsonRef item : (*tape)->root().value(QLatin1StringView("results")))
            seen << DockerHubProvider::tagFromJson(item).platforms.join(QLatin1Char(','));
        QCOMPARE(seen, (QStringList{QStringLiteral("linux/arm64/v8"), QStringLiteral("linux/arm64/v8,linux/amd64"),
                                    QStringLiteral("linux/386,windows/amd64/v1"), QString()}));
    }

    void capabilitiesSayWhatHubCannotDo()
    {
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials anonymous(std::nullopt);
        RegistryClient hubClient(*RegistryEndpoint::fromString(QStringLiteral("docker.io")), &http, &tokens, &anonymous);
        std::unique_ptr<Provider> hub(createProvider(&hubClient, nullptr));
        QCOMPARE(hub->kind(), ProviderKind::DockerHub);
        const ProviderCapabilities caps = hub->capabilities();
        QVERIFY(!caps.catalog); // no _catalog on Hub, whatever the login
        QVERIFY(caps.namespaces && caps.pushTimes && caps.pullTimes);
        QVERIFY(!caps.deleteImage && caps.deleteTag); // tags, not digests
        QVERIFY(caps.deletionNote.contains(QStringLiteral("tags")));

        RegistryClient plainClient(*RegistryEndpoint::fromString(QStringLiteral("registry.example.com")), &http, &tokens, &anonymous);
        std::unique_ptr<Provider> plain(createProvider(&plainClient, nullptr));
        QCOMPARE(plain->kind(), ProviderKind::Oci);
        QVERIFY(plain->capabilities().catalog && plain->capabilities().deleteImage);
        QVERIFY(!plain->capabilities().pushTimes);
    }

    void ghcrVersionsAsGitHubDescribesThem()
    {
        const QJsonObject example = QJsonDocument::fromJson(test::readFixture(QStringLiteral("github/examples/package-version-org.json"))).object();
        const auto version = GhcrProvider::versionFromJson(example);
        QVERIFY(version);
        QCOMPARE(version->id, 836);
        QCOMPARE(version->digest, QStringLiteral("sha256:b3d3e366b55f9a54599220198b3db5da8f53592acbbb7dc7e4e9878762fc5344"));
        QCOMPARE(version->tags, QStringList{QStringLiteral("latest")});
        QCOMPARE(version->created, QDateTime(QDate(2020, 5, 19), QTime(22, 19, 11), QTimeZone::UTC));
        // An npm version (name "1.0.4") is no container image: not read as one.
        const QJsonArray npm = QJsonDocument::fromJson(test::readFixture(QStringLiteral("github/examples/package-versions-for-org.json"))).array();
        QVERIFY(!GhcrProvider::versionFromJson(npm.first().toObject()));
    }

    void ghcrTokenFromTheGitHubCli()
    {
        QTemporaryDir dir;
        QFile hosts(dir.filePath(QStringLiteral("hosts.yml")));
        QVERIFY(hosts.open(QIODevice::WriteOnly));
        hosts.write("ghes.example.com:\n    oauth_token: gho_other\n    user: someone\ngithub.com:\n    oauth_token: gho_abc\n"
                    "    git_protocol: https\n    user: Octocat\n");
        hosts.close();
        qunsetenv("GH_TOKEN");
        qunsetenv("GITHUB_TOKEN");
        qputenv("GH_CONFIG_DIR", dir.path().toUtf8());
        auto found = GhcrProvider::tokenFromEnvironment(QStringLiteral("github.com"));
        QVERIFY(found);
        QCOMPARE(found->secret, QStringLiteral("gho_abc"));
        QCOMPARE(found->username, QStringLiteral("Octocat"));
        QCOMPARE(GhcrProvider::tokenFromEnvironment(QStringLiteral("ghes.example.com"))->secret, QStringLiteral("gho_other"));
        // GH_TOKEN wins over the CLI's file.
        qputenv("GH_TOKEN", "ghp_env");
        QCOMPARE(GhcrProvider::tokenFromEnvironment(QStringLiteral("github.com"))->secret, QStringLiteral("ghp_env"));
        qunsetenv("GH_TOKEN");
        qunsetenv("GH_CONFIG_DIR");
    }

    void quayTagRowsAsQuayWritesThem()
    {
        const QJsonArray rows = QJsonDocument::fromJson(test::readFixture(QStringLiteral("quay/tag-history.synthetic.json")))
                                    .object()
                                    .value(QStringLiteral("tags"))
                                    .toArray();
        QList<QuayProvider::TagRow> read;
        for (const QJsonValue& v : rows) {
            const auto row = QuayProvider::tagRowFromJson(v.toObject());
            QVERIFY(row);
            read << *row;
        }
        QCOMPARE(read.size(), 4);
        // v2's live row (a reversion) has no end; its two earlier rows ended when the next began.
        QCOMPARE(read[0].name, QStringLiteral("v2"));
        QVERIFY(!read[0].end.isValid());
        QCOMPARE(read[0].start.toSecsSinceEpoch(), 1780000300);
        QCOMPARE(read[1].end.toSecsSinceEpoch(), 1780000300);
        QCOMPARE(read[2].digest, read[0].digest);
        // "latest" expired on 2026-09-21, before today: an ended row, not a live tag.
        QVERIFY(read[3].end.isValid());
        QVERIFY(!QuayProvider::tagRowFromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}));
    }

    void connectToEntriesAreChecked()
    {
        HttpClient http;
        QVERIFY(http.setConnectTo({QStringLiteral("hub.docker.com:443:127.0.0.1:8443"), QStringLiteral("::[::1]:8443"),
                                   QStringLiteral("ghcr.io:443::")}));
        const auto bad = http.setConnectTo({QStringLiteral("hub.docker.com:443:127.0.0.1:8443"), QStringLiteral("hub.docker.com")});
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind, ErrorKind::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestProviders)
#include "tst_providers.moc"
