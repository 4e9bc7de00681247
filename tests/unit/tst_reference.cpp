// Reference grammar and normalisation against distribution/reference's own test tables.
#include "core/registry/Reference.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace berth;

class TestReference : public QObject
{
    Q_OBJECT
    QJsonObject m_vectors;

private Q_SLOTS:
    void initTestCase()
    {
        m_vectors = QJsonDocument::fromJson(test::readFixture(QStringLiteral("reference/normalization-vectors.json"))).object();
        QVERIFY(!m_vectors.isEmpty());
    }

    void validNamesParse()
    {
        const QJsonArray valid = m_vectors[QStringLiteral("validate_reference_name")][QStringLiteral("valid")].toArray();
        QVERIFY(valid.size() > 10);
        for (const auto& name : valid) {
            const auto ref = Reference::parse(name.toString());
            QVERIFY2(ref.has_value(), qPrintable(name.toString() + QStringLiteral(": ") + (ref ? QString() : ref.error().message)));
        }
    }

    void invalidNamesAreRejectedWithAReason()
    {
        const QJsonArray invalid = m_vectors[QStringLiteral("validate_reference_name")][QStringLiteral("invalid")].toArray();
        QVERIFY(invalid.size() > 5);
        for (const auto& name : invalid) {
            const auto ref = Reference::parse(name.toString());
            QVERIFY2(!ref.has_value(), qPrintable(name.toString()));
            QCOMPARE(ref.error().kind, ErrorKind::InvalidInput);
            QVERIFY(ref.error().message.contains(name.toString()));
        }
    }

    void repositoryInfoSplitsDomainAndPath()
    {
        const QJsonArray cases = m_vectors[QStringLiteral("parse_repository_info")][QStringLiteral("cases")].toArray();
        QVERIFY(!cases.isEmpty());
        for (const auto& value : cases) {
            const QJsonObject c = value.toObject();
            for (const QString& key : {QStringLiteral("FamiliarName"), QStringLiteral("FullName"), QStringLiteral("AmbiguousName")}) {
                const QString input = c[key].toString();
                if (input.isEmpty())
                    continue;
                const auto ref = Reference::parse(input);
                QVERIFY2(ref.has_value(), qPrintable(input));
                QCOMPARE(ref->name(), c[QStringLiteral("FullName")].toString());
                QCOMPARE(ref->domain, c[QStringLiteral("Domain")].toString());
                QCOMPARE(ref->path, c[QStringLiteral("RemoteName")].toString());
                QCOMPARE(ref->familiarName(), c[QStringLiteral("FamiliarName")].toString());
            }
        }
    }

    void anyReferenceTreatsBareHexAsDigest()
    {
        const QJsonArray cases = m_vectors[QStringLiteral("parse_any_reference")][QStringLiteral("cases")].toArray();
        QVERIFY(!cases.isEmpty());
        for (const auto& value : cases) {
            const QJsonObject c = value.toObject();
            const auto ref = Reference::parseAny(c[QStringLiteral("Reference")].toString());
            QVERIFY2(ref.has_value(), qPrintable(c[QStringLiteral("Reference")].toString()));
            QCOMPARE(ref->toString(), c[QStringLiteral("Equivalent")].toString());
            QCOMPARE(ref->isDigestOnly(), c[QStringLiteral("is_digest_only")].toBool());
        }
    }

    void imageReferencesGetLatestAndDigestWins()
    {
        const QJsonArray cases = m_vectors[QStringLiteral("parse_docker_ref")][QStringLiteral("cases")].toArray();
        QVERIFY(!cases.isEmpty());
        for (const auto& value : cases) {
            const QJsonObject c = value.toObject();
            const auto ref = Reference::parseImage(c[QStringLiteral("input")].toString());
            QVERIFY2(ref.has_value(), qPrintable(c[QStringLiteral("name")].toString()));
            QCOMPARE(ref->toString(), c[QStringLiteral("expected")].toString());
        }
    }

    void repositoryRejectsTagAndUpperCase()
    {
        QVERIFY(!Reference::parseRepository(QStringLiteral("localhost:5000/team/app:1.0")));
        const auto upper = Reference::parseRepository(QStringLiteral("localhost:5000/Team/app"));
        QVERIFY(!upper);
        QVERIFY(upper.error().message.contains(QStringLiteral("lower case")));
        const auto ok = Reference::parseRepository(QStringLiteral("127.0.0.1:5000/team/app"));
        QVERIFY(ok);
        QCOMPARE(ok->domain, QStringLiteral("127.0.0.1:5000"));
        QCOMPARE(ok->path, QStringLiteral("team/app"));
        QVERIFY(!Reference::parse(QString()));
        QVERIFY(!Reference::parse(QString(300, QLatin1Char('a'))));
    }

    void digestsAndTags()
    {
        QVERIFY(isValidDigest(QStringLiteral("sha256:") + QString(64, QLatin1Char('a'))));
        QVERIFY(!isValidDigest(QStringLiteral("sha256:") + QString(63, QLatin1Char('a'))));
        QVERIFY(!isValidDigest(QStringLiteral("sha256:") + QString(64, QLatin1Char('A'))));
        QVERIFY(isValidTag(QStringLiteral("v1.2.3_rc-1")));
        QVERIFY(!isValidTag(QStringLiteral(".hidden")));
        QVERIFY(!isValidTag(QString(129, QLatin1Char('a'))));
    }
};

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
