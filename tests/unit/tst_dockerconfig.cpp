// Logins from docker's config.json and containers' auth.json, read from the documented samples.
#include "core/auth/DockerConfig.h"
#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestDockerConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void podmanAuthsDecodeUserAndPassword()
    {
        const QJsonObject config = QJsonDocument::fromJson(test::readFixture(QStringLiteral("auth/podman-auth.json.containers-image-docs.json"))).object();
        // The sample's auth values are placeholders: base64 of random bytes with no ':' in them, so
        // not a user:password pair — no login from them (and no crash).
        QVERIFY(!QByteArray::fromBase64("juQAqGmz5eR1ipzx8Evn6KGdw8fEa1w5MWczmgY=").contains(':'));
        QVERIFY(!DockerConfigCredentials::fromAuths(config, QStringLiteral("quay.io")));
        QVERIFY(!DockerConfigCredentials::fromAuths(config, QStringLiteral("ghcr.io")));
        // The same file with a real pair: user up to the first ':', the rest the password.
        QJsonObject auths = config.value(QStringLiteral("auths")).toObject();
        auths[QStringLiteral("quay.io")] = QJsonObject{{QStringLiteral("auth"), QString::fromLatin1(QByteArray("robot+ci:pa:ss").toBase64())}};
        QJsonObject real = config;
        real[QStringLiteral("auths")] = auths;
        const auto quay = DockerConfigCredentials::fromAuths(real, QStringLiteral("quay.io"));
        QVERIFY(quay);
        QCOMPARE(quay->username, QStringLiteral("robot+ci"));
        QCOMPARE(quay->secret, QStringLiteral("pa:ss"));
    }

    void hubKeyAndIdentityToken()
    {
        const QJsonObject config = QJsonDocument::fromJson("{\"auths\":{\n"
"            \"https://index.docker.io/v1/\":{\"auth\":\"YWxpY2U6czNjcjN0OndpdGg6Y29sb25z\"},\n"
"            \"registry.example.com\":{\"auth\":\"Ym9iOg==\",\"identitytoken\":\"refresh-123\"}}}").object();
        const auto hub = DockerConfigCredentials::fromAuths(config, QStringLiteral("docker.io"));
        QVERIFY(hub);
        QCOMPARE(hub->username, QStringLiteral("alice"));
        QCOMPARE(hub->secret, QStringLiteral("s3cr3t:with:colons"));
        const auto example = DockerConfigCredentials::fromAuths(config, QStringLiteral("registry.example.com"));
        QVERIFY(example);
        QVERIFY(example->isIdentityToken);
        QCOMPARE(example->secret, QStringLiteral("refresh-123"));
    }

    void filesAreReadInOrderAndListed()
    {
        QTemporaryDir dir;
        QFile first(dir.filePath(QStringLiteral("auth.json")));
        QVERIFY(first.open(QIODevice::WriteOnly));
        first.write("{\"auths\":{\"localhost:5000\":{\"auth\":\"cG9kbWFuOnAx\"}}}");
        first.close();
        QFile second(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(second.open(QIODevice::WriteOnly));
        second.write(test::readFixture(QStringLiteral("auth/docker-config.sample.docker-cli-docs.json")).replace(
            "\"credsStore\"", "\"auths\":{\"localhost:5000\":{\"auth\":\"ZG9ja2VyOnAy\"}},\"credsStore\""));
        second.close();
        DockerConfigCredentials provider({first.fileName(), second.fileName()});
        std::optional<Credentials> found;
        provider.lookup(QStringLiteral("localhost:5000"), nullptr, [&](auto c) { found = c; });
        QVERIFY(found);
        QCOMPARE(found->username, QStringLiteral("podman")); // auth.json is read before config.json
        QCOMPARE(found->source, first.fileName());
        const QStringList known = provider.knownRegistries();
        QVERIFY(known.contains(QStringLiteral("localhost:5000")));
        QVERIFY(known.contains(QStringLiteral("awesomereg.example.org")));
    }
};

QTEST_GUILESS_MAIN(TestDockerConfig)
#include "tst_dockerconfig.moc"
