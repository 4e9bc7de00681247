// Bad input gets a clear error and nothing is lost or cached wrong: a hostile registry, expired
// tokens, redirects to other hosts, and credential helpers.
#include "core/auth/DockerConfig.h"
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"
#include "core/store/ContentStore.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <ctime>

using namespace berth;
using test::waitFor;

class TestBadServers : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QString m_hostile;
    QString m_blobDigest;

    struct Stack
    {
        HttpClient http;
        TokenService tokens{&http};
        StaticCredentials credentials;
        RegistryClient client;
        Stack(const QString& address, std::optional<Credentials> creds)
            : credentials(std::move(creds))
            , client(*RegistryEndpoint::fromString(address), &http, &tokens, &credentials)
        {
            http.setRetryBaseDelayMs(50);
        }
    };

    static Error tagsError(RegistryClient& client, const QString& repository)
    {
        auto result = waitFor<QStringList>([&](auto done) { client.listTags(repository, nullptr, done); });
        if (!result)
            return Error::make(ErrorKind::Cancelled, QStringLiteral("timed out"));
        if (result->has_value())
            return Error::make(ErrorKind::Cancelled, QStringLiteral("unexpectedly succeeded"));
        return result->error();
    }

    // The end of a sent request: its result, or an error when none came in time.
    static Result<HttpResponse> awaitReply(HttpReply* reply, int timeoutMs = 5000)
    {
        QSignalSpy finished(reply, &HttpReply::finished);
        if (!reply->isFinished() && !finished.wait(timeoutMs))
            return std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("no answer")));
        return reply->result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        QFile file(m_bed.stateDir + QStringLiteral("/bed.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        m_hostile = json.value(QStringLiteral("hostile")).toString();
        m_blobDigest = json.value(QStringLiteral("hostile_blob_digest")).toString();
        QVERIFY(!m_hostile.isEmpty());
    }

    void unreachableHost()
    {
        Stack s(QStringLiteral("127.0.0.1:1"), std::nullopt);
        const Error error = tagsError(s.client, QStringLiteral("x/y"));
        QCOMPARE(error.kind, ErrorKind::Transport);
        QVERIFY(error.message.contains(QStringLiteral("127.0.0.1")));
    }

    void nonJsonAndTruncatedBodies()
    {
        Stack s(m_hostile, std::nullopt);
        Error error = tagsError(s.client, QStringLiteral("h/notjson"));
        QCOMPARE(error.kind, ErrorKind::Parse);
        QVERIFY(error.message.contains(QStringLiteral("not JSON")));
        error = tagsError(s.client, QStringLiteral("h/truncated"));
        QVERIFY2(error.kind == ErrorKind::Transport || error.kind == ErrorKind::Parse, qPrintable(error.message));
    }

    void unauthorizedWithoutAChallenge()
    {
        Stack s(m_hostile, std::nullopt);
        const Error error = tagsError(s.client, QStringLiteral("h/nochallenge"));
        QCOMPARE(error.kind, ErrorKind::Auth);
        QVERIFY(error.message.contains(QStringLiteral("without an authentication challenge")));
    }

    void rateLimitsAreRetriedOrReported()
    {
        Stack s(m_hostile, std::nullopt);
        QElapsedTimer timer;
        timer.start();
        auto once = waitFor<QStringList>([&](auto done) { s.client.listTags(QStringLiteral("h/ratelimited"), nullptr, done); });
        QVERIFY(once && once->has_value()); // 429 with Retry-After: 1, then success
        QVERIFY2(timer.elapsed() >= 900, "Retry-After was not honoured");
        auto flaky = waitFor<QStringList>([&](auto done) { s.client.listTags(QStringLiteral("h/flaky"), nullptr, done); });
        QVERIFY(flaky && flaky->has_value()); // 503 once, then success

        const Error limited = tagsError(s.client, QStringLiteral("h/limited"));
        QCOMPARE(limited.kind, ErrorKind::RateLimited); // Retry-After: 3600 is reported, not waited for
        QCOMPARE(limited.retryAfterSeconds, 3600);
        QVERIFY(suggestion(limited).contains(QStringLiteral("3600")));
    }

    void rateLimitHeadersAreReported()
    {
        Stack s(m_hostile, std::nullopt);
        QSignalSpy reported(&s.client, &RegistryClient::rateLimitReported);
        auto tags = waitFor<QStringList>([&](auto done) { s.client.listTags(QStringLiteral("h/counted"), nullptr, done); });
        QVERIFY(tags && tags->has_value());
        QCOMPARE(reported.size(), 1);
        QCOMPARE(reported.first().at(0).toString(), QStringLiteral("76"));
        QCOMPARE(reported.first().at(1).toString(), QStringLiteral("100"));
    }

    // A server that closes an idle kept-alive connection, or writes to it unasked, must cost
    // neither a failed request nor a warning about a closed socket nor a loop spinning on a
    // readable one.
    void anIdleConnectionTheServerDropsIsNotReused()
    {
        QFETCH(bool, closeIt);
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        int connections = 0;
        QList<QTcpSocket*> open;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                ++connections;
                open << socket;
                connect(socket, &QTcpSocket::readyRead, socket, [socket, closeIt] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok");
                    // Idle a moment later: dropped, or sent bytes nobody asked for.
                    QTimer::singleShot(100, socket, [socket, closeIt] {
                        if (closeIt)
                            socket->disconnectFromHost();
                        else
                            socket->write("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n");
                    });
                });
            }
        });
        HttpClient http;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/v2/").arg(server.serverPort()));
        auto get = [&] {
            HttpRequest request;
            request.url = url;
            request.maxRetries = 0; // a reused dead connection must not be hidden by a retry
            const Result<HttpResponse> result = awaitReply(http.send(request));
            return result ? QString::number(result->status) + QLatin1Char(' ') + QString::fromUtf8(result->body) : result.error().message;
        };
        QCOMPARE(get(), QStringLiteral("200 ok"));
        // The idle connection changes under Berth; the event loop stays idle meanwhile (a notifier
        // firing on a readable socket would spin it: CPU time as long as the wait).
        const std::clock_t cpuBefore = std::clock();
        QTest::qWait(400);
        const double cpuMs = 1000.0 * double(std::clock() - cpuBefore) / CLOCKS_PER_SEC;
        QVERIFY2(cpuMs < 100, qPrintable(QStringLiteral("%1 ms of CPU in 400 ms of idling: a notifier fires on the idle socket").arg(cpuMs)));
        QCOMPARE(get(), QStringLiteral("200 ok"));
        QCOMPARE(connections, 2); // the second request on a new connection
        qDeleteAll(open);
    }

    void anIdleConnectionTheServerDropsIsNotReused_data()
    {
        QTest::addColumn<bool>("closeIt");
        QTest::newRow("closed") << true;
        QTest::newRow("unasked bytes") << false;
    }

    // Transfers reuse curl's handles: nothing of one request (its credentials, its method, its
    // body) may reach the next, which here goes to another server.
    void aReusedHandleCarriesNothingOfTheLastRequest()
    {
        QList<QByteArray> seen[2];
        QTcpServer servers[2];
        for (int i = 0; i < 2; ++i) {
            QVERIFY(servers[i].listen(QHostAddress::LocalHost));
            connect(&servers[i], &QTcpServer::newConnection, this, [&, i] {
                while (QTcpSocket* socket = servers[i].nextPendingConnection()) {
                    connect(socket, &QTcpSocket::readyRead, socket, [&, i, socket] {
                        const QByteArray request = socket->readAll();
                        seen[i] << request;
                        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Type: text/plain\r\n\r\nbody");
                    });
                    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                }
            });
        }
        HttpClient http;
        auto send = [&](HttpRequest request) {
            request.maxRetries = 0;
            const Result<HttpResponse> result = awaitReply(http.send(request));
            return result ? result->body : QByteArray("failed");
        };
        HttpRequest secret;
        secret.method = "POST";
        secret.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v2/upload").arg(servers[0].serverPort()));
        secret.setHeader("Authorization", "Bearer first-server-only");
        secret.body = "a body for the first server";
        QCOMPARE(send(secret), QByteArray("body"));
        HttpRequest head;
        head.method = "HEAD";
        head.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v2/head").arg(servers[0].serverPort()));
        head.setHeader("Authorization", "Bearer first-server-only");
        QCOMPARE(send(head), QByteArray());
        HttpRequest plain;
        plain.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v2/plain").arg(servers[1].serverPort()));
        QCOMPARE(send(plain), QByteArray("body")); // a GET with its body, not a HEAD
        QCOMPARE(seen[1].size(), 1);
        const QByteArray second = seen[1].first();
        QVERIFY2(second.startsWith("GET /v2/plain HTTP/1.1\r\n"), second.constData());
        QVERIFY2(!second.contains("Authorization") && !second.contains("first-server-only"), second.constData());
        QVERIFY2(!second.contains("Content-Length") && !second.contains("a body"), second.constData());
    }

    // A stream of small requests on kept-alive connections: every answer reaches its handler, and
    // replies discarded there are deleted when the delivery ends, without an event posted per reply
    // (under GLib each one is a system call to wake the loop). A handler that runs a nested event
    // loop (a dialog, a wait) still has its reply afterwards, though others are delivered meanwhile.
    void discardedRepliesGoWithoutAPostedEvent()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    const int requests = int(socket->readAll().count("\r\n\r\n"));
                    for (int i = 0; i < requests; ++i)
                        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok");
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        struct DeferredDeleteCounter : QObject
        {
            int seen = 0;
            bool eventFilter(QObject*, QEvent* event) override
            {
                seen += event->type() == QEvent::DeferredDelete;
                return false;
            }
        } counter;
        HttpClient http;
        http.setMaxConnectionsPerHost(4);
        constexpr int kRequests = 64;
        int answered = 0;
        bool keptThroughNestedLoop = false;
        QList<QPointer<HttpReply>> replies;
        for (int i = 0; i < kRequests; ++i) {
            HttpRequest request;
            request.method = "HEAD";
            request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v2/r/manifests/%2").arg(server.serverPort()).arg(i));
            HttpReply* reply = http.send(request);
            reply->installEventFilter(&counter);
            replies << reply;
            connect(reply, &HttpReply::finished, this, [&, reply, first = i == 0] {
                answered += reply->result() && reply->result()->status == 200;
                http.discard(reply);
                if (first) {
                    const QPointer<HttpReply> guard(reply);
                    const int before = answered;
                    QTest::qWait(200);
                    keptThroughNestedLoop = guard && answered > before && reply->result() && reply->result()->status == 200;
                }
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, kRequests, 10000);
        QVERIFY(keptThroughNestedLoop);
        QCOMPARE(std::count(replies.cbegin(), replies.cend(), nullptr), kRequests); // all deleted
        QCOMPARE(counter.seen, 0); // none through a posted DeferredDelete
    }

    // Requests refused at once, one after the other on one connection slot: each ends in its own
    // error, none waits for an event that will not come.
    void refusedConnectionsAllEnd()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close(); // nobody listens there now: connections are refused
        HttpClient http;
        http.setMaxConnectionsPerHost(1);
        QList<HttpReply*> replies;
        for (int i = 0; i < 12; ++i) {
            HttpRequest request;
            request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v2/%2").arg(port).arg(i));
            request.maxRetries = 0;
            replies << http.send(request);
        }
        for (HttpReply* reply : std::as_const(replies)) {
            const Result<HttpResponse> result = awaitReply(reply);
            QVERIFY(!result);
            QCOMPARE(result.error().kind, ErrorKind::Transport); // not Cancelled: an answer came
        }
    }

    // A host name goes through curl's resolver thread, whose socket curl closes by itself: no
    // warning about a notifier on a closed socket (it was printed once per lookup), a plain error.
    void aNameThatDoesNotResolveIsAPlainError()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        HttpClient http;
        HttpRequest request;
        request.url = QUrl(QStringLiteral("http://berth-no-such-host.invalid:9/v2/"));
        request.maxRetries = 0;
        const Result<HttpResponse> result = awaitReply(http.send(request), 20000);
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(QStringLiteral("resolve")), qPrintable(result.error().message));
        QTest::qWait(100); // a stale notifier would report the closed socket on the loop's next turns
    }

    void aLinkLoopIsAnError()
    {
        Stack s(m_hostile, std::nullopt);
        const Error error = tagsError(s.client, QStringLiteral("h/loop"));
        QCOMPARE(error.kind, ErrorKind::Protocol);
    }

    void digestMismatchesAreErrorsAndNotCached()
    {
        QTemporaryDir cache;
        ContentStore store(cache.path());
        Stack s(m_hostile, std::nullopt);
        auto byTag = waitFor<Manifest>([&](auto done) { s.client.fetchManifest(QStringLiteral("h/mismatch"), QStringLiteral("latest"), nullptr, done); });
        QVERIFY(byTag && !byTag->has_value());
        QCOMPARE(byTag->error().kind, ErrorKind::DigestMismatch);
        const QString wanted = QStringLiteral("sha256:") + QString(64, QLatin1Char('1'));
        auto byDigest = waitFor<Manifest>([&](auto done) { s.client.fetchManifest(QStringLiteral("h/mismatch"), wanted, nullptr, done); });
        QVERIFY(byDigest && !byDigest->has_value());
        QCOMPARE(byDigest->error().kind, ErrorKind::DigestMismatch);

        QByteArray received;
        auto blob = waitFor<qint64>([&](auto done) {
            s.client.fetchBlob(QStringLiteral("h/badblob"), m_blobDigest, [&](QByteArrayView data) {
                received.append(data);
                return true;
            }, nullptr, done);
        });
        QVERIFY(blob && !blob->has_value());
        QCOMPARE(blob->error().kind, ErrorKind::DigestMismatch);
        QVERIFY(!store.write(m_blobDigest, received)); // the store refuses it too
        QVERIFY(!store.contains(m_blobDigest));
    }

    void oversizedManifestIsRefused()
    {
        Stack s(m_hostile, std::nullopt);
        auto huge = waitFor<Manifest>([&](auto done) { s.client.fetchManifest(QStringLiteral("h/huge"), QStringLiteral("latest"), nullptr, done); });
        QVERIFY(huge && !huge->has_value());
        QVERIFY2(huge->error().message.contains(QStringLiteral("4 MiB")), qPrintable(huge->error().message));
    }

    void credentialsNeverFollowARedirectToAnotherHost()
    {
        Stack s(m_hostile, Credentials{QStringLiteral("someone"), QStringLiteral("secret"), false, {}});
        QByteArray received;
        auto blob = waitFor<qint64>([&](auto done) {
            s.client.fetchBlob(QStringLiteral("h/redirect"), m_blobDigest, [&](QByteArrayView data) {
                received.append(data);
                return true;
            }, nullptr, done);
        });
        // The storage host answers 400 if Authorization reached it; success proves it did not.
        QVERIFY2(blob && blob->has_value(), blob && !blob->has_value() ? qPrintable(blob->error().message) : "timed out");
        QCOMPARE(blob->value(), received.size());
    }

    void anExpiredTokenIsRenewed()
    {
        // The issuer gives expiring/* tokens two seconds; the client keeps tokens at least 60 s,
        // so the second request carries an expired token and must recover by itself.
        Stack s(m_bed.token, Credentials{m_bed.username, m_bed.password, false, {}});
        auto first = waitFor<QStringList>([&](auto done) { s.client.listTags(QStringLiteral("expiring/app"), nullptr, done); });
        QVERIFY(first && first->has_value());
        QTest::qWait(3000);
        auto second = waitFor<QStringList>([&](auto done) { s.client.listTags(QStringLiteral("expiring/app"), nullptr, done); });
        QVERIFY2(second && second->has_value(), second && !second->has_value() ? qPrintable(second->error().message) : "timed out");
        QCOMPARE(second->value(), QStringList{QStringLiteral("1.0")});
    }

    void credentialHelpersAndAuthsBothLogIn()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("helper-store.json"));
        QFile storeFile(store);
        QVERIFY(storeFile.open(QIODevice::WriteOnly));
        storeFile.write(QJsonDocument(QJsonObject{{m_bed.basic, QJsonObject{{QStringLiteral("Username"), m_bed.username},
                                                                             {QStringLiteral("Secret"), m_bed.password}}}})
                            .toJson());
        storeFile.close();
        qputenv("BERTH_TEST_HELPER_STORE", store.toUtf8());
        qputenv("PATH", QByteArray(BERTH_SOURCE_DIR "/tests/bed:") + qgetenv("PATH"));

        QFile config(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(QJsonObject{{QStringLiteral("credHelpers"), QJsonObject{{m_bed.basic, QStringLiteral("berth-test")}}}}).toJson());
        config.close();
        DockerConfigCredentials helperLogins({config.fileName()});
        HttpClient http;
        TokenService tokens(&http);
        RegistryClient viaHelper(*RegistryEndpoint::fromString(m_bed.basic), &http, &tokens, &helperLogins);
        auto tags = waitFor<QStringList>([&](auto done) { viaHelper.listTags(QStringLiteral("demo/webapp"), nullptr, done); });
        QVERIFY2(tags && tags->has_value(), tags && !tags->has_value() ? qPrintable(tags->error().message) : "timed out");
        QFile calls(store + QStringLiteral(".calls"));
        QVERIFY(calls.open(QIODevice::ReadOnly));
        QVERIFY(calls.readAll().contains("get " + m_bed.basic.toUtf8()));

        // A registry the helper does not know: no credentials, a login error, no crash.
        QFile config2(dir.filePath(QStringLiteral("config2.json")));
        QVERIFY(config2.open(QIODevice::WriteOnly));
        config2.write(QJsonDocument(QJsonObject{{QStringLiteral("credsStore"), QStringLiteral("berth-test")}}).toJson());
        config2.close();
        DockerConfigCredentials storeLogins({config2.fileName()});
        RegistryClient viaStore(*RegistryEndpoint::fromString(m_bed.token), &http, &tokens, &storeLogins);
        auto denied = waitFor<QStringList>([&](auto done) { viaStore.listTags(QStringLiteral("demo/webapp"), nullptr, done); });
        QVERIFY(denied && !denied->has_value());
        QCOMPARE(denied->error().kind, ErrorKind::Auth);
    }
};

QTEST_GUILESS_MAIN(TestBadServers)
#include "tst_bad_servers.moc"
