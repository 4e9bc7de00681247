// Link headers, registry error bodies and endpoint addresses.
#include "core/net/HttpMessage.h"
#include "core/net/LinkHeader.h"
#include "core/net/RegistryEndpoint.h"
#include "core/registry/RegistryClient.h"
#include "TestSupport.h"

#include <QTest>

using namespace berth;

class TestHttpParsing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nextLinkFromDistribution()
    {
        const QUrl base(QStringLiteral("http://127.0.0.1:5000/v2/_catalog?n=2"));
        const QUrl next = nextPageLink({"</v2/_catalog?last=b&n=2>; rel=\"next\""}, base);
        QCOMPARE(next.toString(), QStringLiteral("http://127.0.0.1:5000/v2/_catalog?last=b&n=2"));
    }

    void nextLinkAmongOthers()
    {
        const QUrl base(QStringLiteral("https://r.example/v2/a/tags/list"));
        QCOMPARE(nextPageLink({"<https://r.example/first>; rel=\"first\", <https://r.example/p2>; rel=\"prev next\""}, base),
                 QUrl(QStringLiteral("https://r.example/p2")));
        QVERIFY(nextPageLink({"<https://r.example/first>; rel=\"first\""}, base).isEmpty());
        QVERIFY(nextPageLink({}, base).isEmpty());
        QVERIFY(nextPageLink({"garbage <"}, base).isEmpty());
    }

    void registryErrorsKeepCodeAndMessage()
    {
        HttpResponse response;
        response.status = 404;
        response.url = QUrl(QStringLiteral("http://r.example/v2/x/manifests/1"));
        response.body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{}}]}";
        Error error = RegistryClient::errorFromResponse(response, false);
        QCOMPARE(error.kind, ErrorKind::NotFound);
        QCOMPARE(error.registryCode, QStringLiteral("MANIFEST_UNKNOWN"));
        QCOMPARE(error.message, QStringLiteral("manifest unknown"));

        response.status = 401;
        response.body = test::readFixture(QStringLiteral("auth/unauthorized-401-body.distribution-docs.json"));
        error = RegistryClient::errorFromResponse(response, true);
        QCOMPARE(error.kind, ErrorKind::Auth);
        QVERIFY(error.message.contains(QStringLiteral("rejected the credentials")));

        response.status = 429;
        response.body = "slow down"; // not JSON
        response.headers = {{"retry-after", "7"}};
        error = RegistryClient::errorFromResponse(response, false);
        QCOMPARE(error.kind, ErrorKind::RateLimited);
        QCOMPARE(error.retryAfterSeconds, 7);
        QVERIFY(error.message.contains(QStringLiteral("429")));

        response.status = 405;
        response.body = "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is unsupported.\"}]}";
        QCOMPARE(RegistryClient::errorFromResponse(response, false).kind, ErrorKind::Unsupported);
    }

    void endpointAddresses()
    {
        auto hub = RegistryEndpoint::fromString(QStringLiteral("index.docker.io"));
        QVERIFY(hub);
        QCOMPARE(hub->name, QStringLiteral("docker.io"));
        QCOMPARE(hub->apiHost, QStringLiteral("registry-1.docker.io"));
        auto local = RegistryEndpoint::fromString(QStringLiteral("http://localhost:5000/"));
        QVERIFY(local);
        QCOMPARE(local->scheme, RegistryEndpoint::Scheme::Http);
        QVERIFY(local->isLoopback());
        QVERIFY(RegistryEndpoint::fromString(QStringLiteral("127.0.0.2:80"))->isLoopback());
        QVERIFY(RegistryEndpoint::fromString(QStringLiteral("[::1]:5000"))->isLoopback());
        QVERIFY(isLoopbackHost(QStringLiteral("::ffff:127.0.0.1")));
        QVERIFY(isLoopbackHost(QStringLiteral("127.255.0.9")));
        QVERIFY(isLoopbackHost(QStringLiteral("registry.localhost")));
        // Look-alikes stay remote: a TLS-less login to any of these would leave the machine.
        QVERIFY(!isLoopbackHost(QStringLiteral("128.0.0.1")));
        QVERIFY(!isLoopbackHost(QStringLiteral("127.0.0.1.example.com")));
        QVERIFY(!isLoopbackHost(QStringLiteral("::2")));
        QVERIFY(!isLoopbackHost(QStringLiteral("::ffff:10.0.0.1")));
        QVERIFY(!isLoopbackHost(QStringLiteral("localhost.example.com")));
        QVERIFY(!isLoopbackHost(QString()));
        QVERIFY(!RegistryEndpoint::fromString(QStringLiteral("ghcr.io"))->isLoopback());
        QVERIFY(!RegistryEndpoint::fromString(QStringLiteral("not a host")));
        QVERIFY(!RegistryEndpoint::fromString(QString()));
    }
};

QTEST_GUILESS_MAIN(TestHttpParsing)
#include "tst_httpparsing.moc"
