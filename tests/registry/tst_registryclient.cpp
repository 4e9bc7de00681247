// The core against real docker-registry servers: ping, auth challenges, every page of a list.
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using test::sorted;
using test::waitFor;

class TestRegistryClient : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    std::optional<Credentials> m_login;

    struct Stack
    {
        HttpClient http;
        TokenService tokens{&http};
        StaticCredentials credentials;
        RegistryClient client;
        Stack(const RegistryEndpoint& endpoint, std::optional<Credentials> creds)
            : credentials(std::move(creds))
            , client(endpoint, &http, &tokens, &credentials)
        {
        }
    };

    std::unique_ptr<Stack> stack(const QString& address, std::optional<Credentials> creds = std::nullopt,
                                 const QString& caFile = {})
    {
        auto endpoint = RegistryEndpoint::fromString(address);
        if (!endpoint)
            qFatal("bad address %s", qPrintable(address));
        endpoint->tls.caFile = caFile;
        return std::make_unique<Stack>(*endpoint, std::move(creds));
    }

    static Result<QStringList> tags(RegistryClient& client, const QString& repository, int* pages = nullptr)
    {
        auto result = waitFor<QStringList>([&](auto done) {
            client.listTags(repository, nullptr, done, [pages](const QStringList&) {
                if (pages)
                    ++*pages;
            });
        });
        if (!result)
            return std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("timed out")));
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        m_login = Credentials{m_bed.username, m_bed.password, false, QStringLiteral("test")};
    }

    void pingFallsBackToPlainHttpOnLoopback()
    {
        auto s = stack(m_bed.anonymous);
        auto ping = waitFor<PingInfo>([&](auto done) { s->client.ping(nullptr, done); });
        QVERIFY(ping && ping->has_value());
        QCOMPARE(ping->value().baseUrl.scheme(), QStringLiteral("http"));
        QCOMPARE(ping->value().status, 200);
        QCOMPARE(ping->value().apiVersion, QStringLiteral("registry/2.0"));
    }

    void pingOverTlsNeedsTheTestCa()
    {
        auto trusted = stack(m_bed.tls, std::nullopt, m_bed.caFile);
        auto ok = waitFor<PingInfo>([&](auto done) { trusted->client.ping(nullptr, done); });
        QVERIFY(ok && ok->has_value());
        QCOMPARE(ok->value().baseUrl.scheme(), QStringLiteral("https"));

        auto untrusted = stack(m_bed.tls);
        auto refused = waitFor<PingInfo>([&](auto done) { untrusted->client.ping(nullptr, done); });
        QVERIFY(refused && !refused->has_value());
        // The HTTPS error is kept: a TLS server must not be mistaken for a plain-HTTP one.
        QCOMPARE(refused->error().kind, ErrorKind::Tls);
        QVERIFY2(refused->error().message.contains(QStringLiteral("certificate")), qPrintable(refused->error().message));
    }

    void aLoopbackRegistryIsAskedAsItAnsweredLastTime()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("loopback-schemes.ini"));
        // A plain-HTTP registry: found after the HTTPS probe, and remembered for the next process.
        RegistryClient::setLoopbackSchemesFile(file);
        auto plain = stack(m_bed.anonymous);
        auto first = waitFor<PingInfo>([&](auto done) { plain->client.ping(nullptr, done); });
        QVERIFY(first && first->has_value());
        QCOMPARE(first->value().baseUrl.scheme(), QStringLiteral("http"));
        QVERIFY(QSettings(file, QSettings::IniFormat).value(QString(m_bed.anonymous).replace(u':', u'_')).toBool());
        // A stale note (the registry now speaks TLS) still reaches it over HTTPS, and is corrected.
        QSettings(file, QSettings::IniFormat).setValue(QString(m_bed.tls).replace(u':', u'_'), true);
        RegistryClient::setLoopbackSchemesFile(file);
        auto tls = stack(m_bed.tls, std::nullopt, m_bed.caFile);
        auto secure = waitFor<PingInfo>([&](auto done) { tls->client.ping(nullptr, done); });
        QVERIFY(secure && secure->has_value());
        QCOMPARE(secure->value().baseUrl.scheme(), QStringLiteral("https"));
        QVERIFY(!QSettings(file, QSettings::IniFormat).value(QString(m_bed.tls).replace(u':', u'_')).toBool());
        RegistryClient::setLoopbackSchemesFile({});
    }

    void everyTagAcrossPages()
    {
        auto s = stack(m_bed.paging);
        int pages = 0;
        const auto result = tags(s->client, QStringLiteral("paged/many"), &pages);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        QCOMPARE(*result, m_bed.seededTags(QStringLiteral("paged/many"))); // in order, none twice, none missing
        QCOMPARE(result->size(), 23);
        QCOMPARE(pages, 6); // the front serves at most 4 per page
    }

    void everyRepositoryAcrossCatalogPages()
    {
        // docker-registry 2.8.3 pages the catalog itself with Link headers.
        auto s = stack(m_bed.anonymous);
        s->client.setPageSize(2);
        int pages = 0;
        auto result = waitFor<QStringList>([&](auto done) {
            s->client.listRepositories(nullptr, done, [&](const QStringList& page) {
                ++pages;
                QVERIFY(page.size() <= 2);
            });
        });
        QVERIFY(result && result->has_value());
        for (const QString& repo : m_bed.seeded.keys())
            QVERIFY2(result->value().contains(repo), qPrintable(repo));
        QVERIFY(pages >= 3);
    }

    void basicAuthFollowsTheChallenge()
    {
        auto anonymous = stack(m_bed.basic);
        auto denied = tags(anonymous->client, QStringLiteral("demo/webapp"));
        QVERIFY(!denied);
        QCOMPARE(denied.error().kind, ErrorKind::Auth);
        QCOMPARE(denied.error().httpStatus, 401);

        auto loggedIn = stack(m_bed.basic, m_login);
        const auto ok = tags(loggedIn->client, QStringLiteral("demo/webapp"));
        QVERIFY(ok);
        QCOMPARE(sorted(*ok), m_bed.seededTags(QStringLiteral("demo/webapp")));

        auto wrong = stack(m_bed.basic, Credentials{m_bed.username, QStringLiteral("not-the-password"), false, {}});
        const auto rejected = tags(wrong->client, QStringLiteral("demo/webapp"));
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().kind, ErrorKind::Auth);
        QVERIFY(rejected.error().message.contains(QStringLiteral("rejected")));
    }

    void tokenAuthWithCredentialsAndAnonymously()
    {
        auto loggedIn = stack(m_bed.token, m_login);
        const auto ok = tags(loggedIn->client, QStringLiteral("demo/debian-base"));
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
        QCOMPARE(sorted(*ok), m_bed.seededTags(QStringLiteral("demo/debian-base")));

        // The issuer grants anonymous pulls on public/* only.
        auto anonymous = stack(m_bed.token);
        const auto publicTags = tags(anonymous->client, QStringLiteral("public/hello"));
        QVERIFY(publicTags);
        QCOMPARE(sorted(*publicTags), m_bed.seededTags(QStringLiteral("public/hello")));
        const auto privateTags = tags(anonymous->client, QStringLiteral("demo/webapp"));
        QVERIFY(!privateTags);
        QCOMPARE(privateTags.error().kind, ErrorKind::Auth);

        auto wrong = stack(m_bed.token, Credentials{m_bed.username, QStringLiteral("wrong"), false, {}});
        const auto rejected = tags(wrong->client, QStringLiteral("demo/webapp"));
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().kind, ErrorKind::Auth);
        QVERIFY(rejected.error().message.contains(QStringLiteral("rejected")));
    }

    void identityTokensUseTheOAuthRefreshGrant()
    {
        // A refresh token, as `docker login` keeps it in "identitytoken": got with a password grant.
        HttpClient http;
        HttpRequest grant;
        grant.method = "POST";
        grant.url = QUrl(QStringLiteral("http://") + m_bed.tokenIssuer + QStringLiteral("/token"));
        grant.setHeader("Content-Type", "application/x-www-form-urlencoded");
        grant.body = QStringLiteral("grant_type=password&client_id=test&access_type=offline&service=berth-test-registry&username=%1&password=%2")
                         .arg(m_bed.username, QString::fromLatin1(QUrl::toPercentEncoding(m_bed.password)))
                         .toUtf8();
        HttpReply* reply = http.send(grant);
        QSignalSpy finished(reply, &HttpReply::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(reply->result() && reply->result()->status == 200);
        const QString refresh = QJsonDocument::fromJson(reply->result()->body).object().value(QStringLiteral("refresh_token")).toString();
        QVERIFY(!refresh.isEmpty());

        auto s = stack(m_bed.token, Credentials{QStringLiteral("<token>"), refresh, true, {}});
        const auto ok = tags(s->client, QStringLiteral("demo/webapp")); // a private repository
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
        QCOMPARE(sorted(*ok), m_bed.seededTags(QStringLiteral("demo/webapp")));

        auto bogus = stack(m_bed.token, Credentials{QStringLiteral("<token>"), QStringLiteral("not-a-refresh-token"), true, {}});
        const auto rejected = tags(bogus->client, QStringLiteral("demo/webapp"));
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().kind, ErrorKind::Auth);
    }

    void tokensAreCachedPerScope()
    {
        auto s = stack(m_bed.token, m_login);
        QVERIFY(tags(s->client, QStringLiteral("demo/webapp")));
        const int afterFirst = s->http.transfersStarted(); // ping, token, tags list
        QVERIFY(tags(s->client, QStringLiteral("demo/webapp")));
        QCOMPARE(s->http.transfersStarted() - afterFirst, 1); // the cached token is reused
        QVERIFY(tags(s->client, QStringLiteral("tools/cli")));
        QCOMPARE(s->http.transfersStarted() - afterFirst, 3); // another scope: a new token
    }

    void deleteByDigest()
    {
        auto s = stack(m_bed.anonymous);
        auto head = waitFor<ManifestHead>([&](auto done) { s->client.headManifest(QStringLiteral("scratch/delete"), QStringLiteral("doomed"), nullptr, done); });
        QVERIFY(head && head->has_value());
        const QString digest = head->value().digest;
        QVERIFY(digest.startsWith(QStringLiteral("sha256:")));
        auto deleted = waitFor<void>([&](auto done) { s->client.deleteManifest(QStringLiteral("scratch/delete"), digest, nullptr, done); });
        QVERIFY2(deleted && deleted->has_value(), deleted && !deleted->has_value() ? qPrintable(deleted->error().message) : "timed out");
        auto gone = waitFor<Manifest>([&](auto done) { s->client.fetchManifest(QStringLiteral("scratch/delete"), digest, nullptr, done); });
        QVERIFY(gone && !gone->has_value());
        QCOMPARE(gone->error().kind, ErrorKind::NotFound);
        auto again = waitFor<void>([&](auto done) { s->client.deleteManifest(QStringLiteral("scratch/delete"), digest, nullptr, done); });
        QVERIFY(again && !again->has_value());
        QCOMPARE(again->error().kind, ErrorKind::NotFound);
    }

    void revalidationAsksOnlyWhetherATagMoved()
    {
        auto s = stack(m_bed.anonymous);
        const QString repository = QStringLiteral("demo/webapp");
        const QString tag = QStringLiteral("1.0.0");
        auto revalidate = [&](const QString& reference, const ManifestHead& known) {
            return waitFor<ManifestHead>([&](auto done) { s->client.revalidateManifest(repository, reference, known, nullptr, done); });
        };
        auto head = waitFor<ManifestHead>([&](auto done) { s->client.headManifest(repository, tag, nullptr, done); });
        QVERIFY(head && head->has_value());
        const ManifestHead known = head->value();
        QVERIFY(!known.notModified);

        // Still there: the registry says so (304) without reading the manifest.
        const auto same = revalidate(tag, known);
        QVERIFY2(same && same->has_value(), same && !same->has_value() ? qPrintable(same->error().message) : "timed out");
        QVERIFY(same->value().notModified);
        QCOMPARE(same->value().digest, known.digest);

        // Moved: the answer is the registry's, in full.
        ManifestHead stale = known;
        stale.digest = QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
        const auto moved = revalidate(tag, stale);
        QVERIFY(moved && moved->has_value());
        QVERIFY(!moved->value().notModified);
        QCOMPARE(moved->value().digest, known.digest);
        QCOMPARE(moved->value().size, known.size);

        // Gone: an error, never "unchanged".
        const auto gone = revalidate(QStringLiteral("no-such-tag"), known);
        QVERIFY(gone && !gone->has_value());
        QCOMPARE(gone->error().kind, ErrorKind::NotFound);
    }

    void cancelStopsALoad()
    {
        auto s = stack(m_bed.paging);
        std::optional<Result<QStringList>> result;
        s->client.listTags(QStringLiteral("paged/many"), nullptr, [&](Result<QStringList> r) { result = std::move(r); });
        s->client.cancelAll();
        QTRY_VERIFY(result.has_value());
        // Either the first request was cut, or the ping was: the result says "cancelled", with no tags.
        if (!result->has_value())
            QCOMPARE(result->error().kind, ErrorKind::Cancelled);
        else
            QFAIL("a cancelled load must not deliver tags");
    }

    void aClosedViewGetsNoCallback()
    {
        auto s = stack(m_bed.anonymous);
        // One connection: the second listing is sent only after the first one's answer came in.
        s->http.setMaxConnectionsPerHost(1);
        QVERIFY(tags(s->client, QStringLiteral("demo/webapp"))); // the endpoint is known: one request each below
        auto* view = new QObject;
        bool called = false;
        s->client.listTags(QStringLiteral("demo/webapp"), view, [&](Result<QStringList>) { called = true; });
        delete view;
        QVERIFY(tags(s->client, QStringLiteral("demo/webapp")));
        QVERIFY(!called);
        // The same with the view alive is called: the check above can tell the two apart.
        QObject alive;
        s->client.listTags(QStringLiteral("demo/webapp"), &alive, [&](Result<QStringList>) { called = true; });
        QVERIFY(tags(s->client, QStringLiteral("demo/webapp")));
        QVERIFY(called);
    }
};

QTEST_GUILESS_MAIN(TestRegistryClient)
#include "tst_registryclient.moc"
