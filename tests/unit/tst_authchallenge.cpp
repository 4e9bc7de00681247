// WWW-Authenticate and scope parsing against the vectors from distribution's token docs.
#include "core/auth/AuthChallenge.h"
#include "core/auth/TokenService.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace berth;

class TestAuthChallenge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vectors()
    {
        const QJsonObject root = QJsonDocument::fromJson(test::readFixture(QStringLiteral("auth/www-authenticate-vectors.json"))).object();
        const QJsonArray vectors = root[QStringLiteral("vectors")].toArray();
        QVERIFY(!vectors.isEmpty());
        for (const auto& value : vectors) {
            const QJsonObject v = value.toObject();
            const auto challenges = AuthChallenge::parse(v[QStringLiteral("header")].toString().toUtf8());
            QCOMPARE(challenges.size(), 1);
            const QJsonObject expected = v[QStringLiteral("expected")].toObject();
            QCOMPARE(challenges[0].scheme, expected[QStringLiteral("scheme")].toString());
            const QJsonObject params = expected[QStringLiteral("params")].toObject();
            QCOMPARE(challenges[0].params.size(), params.size());
            for (auto it = params.begin(); it != params.end(); ++it)
                QCOMPARE(challenges[0].params.value(it.key()), it.value().toString());
        }
    }

    void scopeGrammar()
    {
        const QJsonObject root = QJsonDocument::fromJson(test::readFixture(QStringLiteral("auth/www-authenticate-vectors.json"))).object();
        const QJsonArray cases = root[QStringLiteral("scope_grammar_vectors")][QStringLiteral("cases")].toArray();
        QVERIFY(cases.size() >= 4);
        for (const auto& value : cases) {
            const QJsonObject c = value.toObject();
            Scope scope;
            QVERIFY(Scope::parse(c[QStringLiteral("scope")].toString(), &scope));
            QCOMPARE(scope.type, c[QStringLiteral("type")].toString());
            QCOMPARE(scope.name, c[QStringLiteral("name")].toString());
            QCOMPARE(scope.resourceClass, c[QStringLiteral("class")].toString());
            QStringList actions;
            for (const auto& a : c[QStringLiteral("actions")].toArray())
                actions << a.toString();
            QCOMPARE(scope.actions, actions);
            QCOMPARE(scope.toString(), c[QStringLiteral("scope")].toString());
        }
        Scope bad;
        QVERIFY(!Scope::parse(u"repository", &bad));
    }

    void severalChallengesAndSeveralScopes()
    {
        const auto list = AuthChallenge::parse(
            "Basic realm=\"ecr\", Bearer realm=\"https://a.example/token\",service=\"reg\",scope=\"repository:a:pull repository:b:pull,push\"");
        QCOMPARE(list.size(), 2);
        QVERIFY(list[0].isBasic());
        QCOMPARE(list[0].realm(), QStringLiteral("ecr"));
        QVERIFY(list[1].isBearer());
        QCOMPARE(list[1].scopes(), (QStringList{QStringLiteral("repository:a:pull"), QStringLiteral("repository:b:pull,push")}));
        QVERIFY(AuthChallenge::parse("").isEmpty());
        QCOMPARE(AuthChallenge::parse("Bearer realm=\"unterminated").size(), 1);
    }

    void tokenResponses()
    {
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-11-27T10:00:00Z"), Qt::ISODate);
        // The distribution docs' sample: issued_at far in the past is believed (and so already expired).
        const auto docs = TokenService::parseResponse(test::readFixture(QStringLiteral("auth/token-response.distribution-docs.json")), now);
        QVERIFY(docs);
        QVERIFY(docs->token.startsWith("eyJ"));
        QCOMPARE(docs->expires, QDateTime::fromString(QStringLiteral("2009-11-10T23:00:00Z"), Qt::ISODate).addSecs(3600));
        // OAuth answer: access_token, refresh token, expiry counted from receipt.
        const auto oauth = TokenService::parseResponse(test::readFixture(QStringLiteral("auth/oauth-password-grant-response.distribution-docs.json")), now);
        QVERIFY(oauth);
        QCOMPARE(oauth->token, QByteArray("eyJhbGciOiJFUzI1NiIsInR5"));
        QCOMPARE(oauth->refreshToken, QStringLiteral("kas9Da81Dfa8"));
        QCOMPARE(oauth->expires, now.addSecs(900));
        // expires_in below 60 s counts as 60 s.
        const auto shortLived = TokenService::parseResponse("{\"token\":\"t\",\"expires_in\":5}", now);
        QCOMPARE(shortLived->expires, now.addSecs(60));
        QCOMPARE(TokenService::parseResponse("not json", now).error().kind, ErrorKind::Parse);
        QCOMPARE(TokenService::parseResponse("{}", now).error().kind, ErrorKind::Protocol);
    }
};

QTEST_GUILESS_MAIN(TestAuthChallenge)
#include "tst_authchallenge.moc"
