// Tag kinds and version order, as the tag table sorts and filters them.
#include "core/image/TagOrdering.h"

#include <QTest>
#include <algorithm>

using namespace berth;

class TestTagOrdering : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void kinds_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<int>("kind");
        QTest::newRow("latest") << "latest" << int(TagKind::Latest);
        QTest::newRow("semver") << "1.10.0" << int(TagKind::SemanticVersion);
        QTest::newRow("v-semver") << "v0.3.0" << int(TagKind::SemanticVersion);
        QTest::newRow("prerelease") << "2.0.0-rc1" << int(TagKind::SemanticVersion);
        QTest::newRow("debian") << "13.1" << int(TagKind::SemanticVersion);
        QTest::newRow("git sha") << "9f8e7d6" << int(TagKind::GitSha);
        QTest::newRow("full sha") << "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678" << int(TagKind::GitSha);
        QTest::newRow("prod") << "prod-2026-05-21" << int(TagKind::Environment);
        QTest::newRow("staging") << "staging" << int(TagKind::Environment);
        QTest::newRow("upper case") << "PRODUCTION.eu" << int(TagKind::Environment);
        QTest::newRow("develop") << "develop_7" << int(TagKind::Environment);
        QTest::newRow("uat") << "uat" << int(TagKind::Environment);
        QTest::newRow("name run on") << "testing" << int(TagKind::Other);
        QTest::newRow("name, other separator") << "dev+1" << int(TagKind::Other);
        QTest::newRow("test-like") << "t00001" << int(TagKind::Other);
        QTest::newRow("nightly") << "nightly-20261101" << int(TagKind::Date);
        QTest::newRow("iso date") << "2026-05-21" << int(TagKind::Date);
        QTest::newRow("date inside") << "rc.20241231.x" << int(TagKind::Date);
        QTest::newRow("20 without a date") << "t02020" << int(TagKind::Other);
        QTest::newRow("seven digits with 20") << "b2020-011" << int(TagKind::Other);
        QTest::newRow("eight digits, dashed") << "b2020-0101" << int(TagKind::Date);
        QTest::newRow("version with 20") << "1.20.3" << int(TagKind::SemanticVersion);
        QTest::newRow("other") << "build-00042" << int(TagKind::Other);
        QTest::newRow("cosign signature") << "sha256-4136a234fc8ee25179576f84d5da52125719f8a3d8bf6e9e3e27cfe72d21ba28.sig" << int(TagKind::Attachment);
        QTest::newRow("referrers index") << "sha256-4136a234fc8ee25179576f84d5da52125719f8a3d8bf6e9e3e27cfe72d21ba28" << int(TagKind::Attachment);
        QTest::newRow("hex word") << "deadbeef-fix" << int(TagKind::Other);
    }

    void kinds()
    {
        QFETCH(QString, tag);
        QFETCH(int, kind);
        QCOMPARE(int(classifyTag(tag)), kind);
    }

    void versionOrder()
    {
        QStringList tags{QStringLiteral("1.10.0"), QStringLiteral("1.9.0"), QStringLiteral("1.2.0"), QStringLiteral("v1.0.0"),
                         QStringLiteral("1.0.0-rc1"), QStringLiteral("1.0.0-rc2"), QStringLiteral("1.1.0"), QStringLiteral("10.0")};
        std::sort(tags.begin(), tags.end(), [](const QString& a, const QString& b) { return compareVersions(a, b) < 0; });
        QCOMPARE(tags, (QStringList{QStringLiteral("1.0.0-rc1"), QStringLiteral("1.0.0-rc2"), QStringLiteral("v1.0.0"),
                                    QStringLiteral("1.1.0"), QStringLiteral("1.2.0"), QStringLiteral("1.9.0"),
                                    QStringLiteral("1.10.0"), QStringLiteral("10.0")}));
        QCOMPARE(compareVersions(u"build-9", u"build-10"), -1);
        QCOMPARE(compareVersions(u"007", u"7"), 0);
        QCOMPARE(compareVersions(u"abc", u"abd"), -1);
        QCOMPARE(compareVersions(u"", u"a"), -1);
    }

    void sortKeysOrderAsCompareVersions()
    {
        // Every pair of a few hundred tags made of the pieces that matter: leading 'v', zeros,
        // long numbers, dashes, dots, letters on either side of the digits, underscores.
        const QStringList pieces{QStringLiteral("v"), QStringLiteral("0"), QStringLiteral("00"), QStringLiteral("7"), QStringLiteral("10"),
                                 QStringLiteral("99999999999999999999"), QStringLiteral("."), QStringLiteral("-"), QStringLiteral("rc"),
                                 QStringLiteral("a"), QStringLiteral("Z"), QStringLiteral("_"), QStringLiteral("1.2"), QString()};
        QStringList tags;
        for (const QString& a : pieces)
            for (const QString& b : pieces)
                for (const QString& c : {QString(), QStringLiteral("-1"), QStringLiteral("3"), QStringLiteral("x")})
                    tags << a + b + c;
        tags << QStringLiteral("한국어1") << QStringLiteral("한국어01") << QStringLiteral("é9");
        int checked = 0;
        for (const QString& a : std::as_const(tags)) {
            const QByteArray ka = versionSortKey(a);
            for (const QString& b : std::as_const(tags)) {
                const int expected = compareVersions(a, b);
                const int byKey = ka.compare(versionSortKey(b));
                QVERIFY2((expected > 0) == (byKey > 0) && (expected < 0) == (byKey < 0), qPrintable(a + QStringLiteral(" vs ") + b));
                ++checked;
            }
        }
        QVERIFY(checked > 300'000);
    }

    void filter()
    {
        TagFilter filter;
        QVERIFY(filter.isEmpty());
        QVERIFY(filter.matches(QStringLiteral("anything"), {}));
        filter.setText(QStringLiteral("RC"), false);
        QVERIFY(filter.matches(QStringLiteral("2.0.0-rc1"), {}));
        QVERIFY(!filter.matches(QStringLiteral("2.0.0"), {}));
        QVERIFY(filter.matches(QStringLiteral("2.0.0"), QStringLiteral("sha256:rc")));
        filter.setText(QStringLiteral("^1\\.(9|10)\\."), true);
        QVERIFY(filter.isValid());
        QVERIFY(filter.matches(QStringLiteral("1.10.0"), {}));
        QVERIFY(!filter.matches(QStringLiteral("1.1.0"), {}));
        filter.setText(QStringLiteral("(unclosed"), true);
        QVERIFY(!filter.isValid());
        QVERIFY(!filter.matches(QStringLiteral("unclosed"), {}));
        filter.setText({}, false);
        filter.setKinds({TagKind::GitSha, TagKind::Environment});
        QVERIFY(filter.matches(QStringLiteral("9f8e7d6"), {}));
        QVERIFY(filter.matches(QStringLiteral("prod-1"), {}));
        QVERIFY(!filter.matches(QStringLiteral("1.0.0"), {}));
    }
};

QTEST_GUILESS_MAIN(TestTagOrdering)
#include "tst_tagordering.moc"
