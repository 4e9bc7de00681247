#include "core/base/JsonTape.h"
#include "tests/support/TestSupport.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace berth;

// JsonTape reads the registry API pages that QJsonDocument read before: it must read them the same.
class TstJsonTape : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryProviderFixtureAsQtDoes()
    {
        int compared = 0;
        for (const QString& folder : {QStringLiteral("dockerhub"), QStringLiteral("github"), QStringLiteral("quay"), QStringLiteral("ecr"),
                                      QStringLiteral("harbor"), QStringLiteral("gar"), QStringLiteral("aws")}) {
            QDirIterator files(test::fixturePath(folder), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                const QString path = files.next();
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray bytes = file.readAll();
                const QJsonDocument qt = QJsonDocument::fromJson(bytes);
                const auto tape = JsonTape::parse(bytes);
                QVERIFY2(tape.has_value() == !qt.isNull(), qPrintable(path));
                if (!tape)
                    continue;
                const QJsonValue expected = qt.isObject() ? QJsonValue(qt.object()) : QJsonValue(qt.array());
                QVERIFY2((*tape)->root().toQJsonValue() == expected, qPrintable(path));
                ++compared;
            }
        }
        QVERIFY2(compared >= 20, qPrintable(QString::number(compared)));
    }

    void readsMembersAsQJsonValueDoes()
    {
        const auto tape = JsonTape::parse("{\"name\":\"caf\\u00e9 \\ud83d\\ude00\\n\",\"count\":12345678901234,\"big\":1e3,"
                                          "\"half\":0.5,\"yes\":true,\"no\":false,\"none\":null,\"list\":[1,\"two\",{\"three\":3}],"
                                          "\"name2\":\"한국어\",\"dup\":1,\"dup\":2,\"esc\\\"key\":7}");
        QVERIFY(tape);
        const JsonRef root = (*tape)->root();
        QVERIFY(root.isObject());
        QCOMPARE(root.value(QLatin1StringView("name")).toString(), QStringLiteral("café 😀\n"));
        QCOMPARE(root.value(QLatin1StringView("name2")).toString(), QStringLiteral("한국어"));
        QCOMPARE(root.value(QLatin1StringView("count")).toInteger(), 12345678901234);
        QCOMPARE(root.value(QLatin1StringView("big")).toInteger(), 1000); // a whole double counts
        QCOMPARE(root.value(QLatin1StringView("half")).toInteger(-1), -1); // a fraction does not
        QCOMPARE(root.value(QLatin1StringView("half")).toDouble(), 0.5);
        QVERIFY(root.value(QLatin1StringView("yes")).toBool());
        QVERIFY(!root.value(QLatin1StringView("no")).toBool(true));
        QVERIFY(root.value(QLatin1StringView("none")).isNull());
        QCOMPARE(root.value(QLatin1StringView("dup")).toInteger(), 2); // the last, as QJsonObject keeps it
        QCOMPARE(root.value(QLatin1StringView("esc\"key")).toInteger(), 7);
        // Missing members and other types give the fallback.
        QVERIFY(root.value(QLatin1StringView("absent")).isUndefined());
        QCOMPARE(root.value(QLatin1StringView("absent")).toString(QStringLiteral("x")), QStringLiteral("x"));
        QCOMPARE(root.value(QLatin1StringView("count")).toString(QStringLiteral("x")), QStringLiteral("x"));
        QCOMPARE(root.value(QLatin1StringView("name")).toInteger(-3), -3);
        QVERIFY(root.value(QLatin1StringView("list")).value(QLatin1StringView("x")).isUndefined());
        const JsonRef list = root.value(QLatin1StringView("list"));
        QCOMPARE(list.size(), 3);
        QStringList seen;
        for (const JsonRef element : list)
            seen << QString::number(int(element.type()));
        QCOMPARE(seen, (QStringList{QString::number(int(JsonRef::Type::Number)), QString::number(int(JsonRef::Type::String)),
                                    QString::number(int(JsonRef::Type::Object))}));
        QCOMPARE((*(++list.begin())).toString(), QStringLiteral("two"));

        // Several members in one pass read as value() reads each; the bytes of a plain string only.
        const auto [name2, dup, escKey, absent, count] = root.values<5>({QLatin1StringView("name2"), QLatin1StringView("dup"),
                                                                         QLatin1StringView("esc\"key"), QLatin1StringView("absent"),
                                                                         QLatin1StringView("count")});
        QCOMPARE(name2.toString(), QStringLiteral("한국어"));
        QCOMPARE(dup.toInteger(), 2);
        QCOMPARE(escKey.toInteger(), 7);
        QVERIFY(absent.isUndefined());
        QCOMPARE(count.toInteger(), 12345678901234);
        QVERIFY(list.values<1>({QLatin1StringView("x")})[0].isUndefined());
        QCOMPARE(name2.plainBytes(), QByteArrayView("한국어"));
        QVERIFY(root.value(QLatin1StringView("name")).plainBytes().isEmpty()); // escaped: toString() decodes it
        QVERIFY(count.plainBytes().isEmpty());
    }

    void refusesWhatQtRefusesAndSaysWhere()
    {
        const QList<QByteArray> bad = {
            "", "   ", "42", "\"text\"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "[01]", "[-]", "[1e]", "[x]", "[+1]",
            "[1e400]", "[1e-400]", "[tru]", "[nul]", "[\"\\u12g4\"]", "[\"abc]", "[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]",
            "[\"\xf4\x90\x80\x80\"]", "[\"\xff\"]", "{\"a\":1} x", "[1][2]", "{'a':1}",
        };
        for (const QByteArray& text : bad) {
            const auto tape = JsonTape::parse(text);
            QVERIFY2(!tape, text.constData());
            QVERIFY2(QJsonDocument::fromJson(text).isNull(), text.constData()); // Qt agrees
            QCOMPARE(tape.error().kind, ErrorKind::Parse);
        }
        // Numbers as loosely as Qt reads them, so that no page Berth read before is refused now.
        // And a UTF-8 byte order mark before the document, which Qt passes over.
        for (const QByteArray& text : {QByteArray("[1.]"), QByteArray("[.5]"), QByteArray("[-.5e1]"), QByteArray("[1.e2]"), QByteArray("[\"\\x\"]"),
                                       QByteArray("\xef\xbb\xbf[1]"), QByteArray("\xef\xbb\xbf [2]")}) {
            const auto tape = JsonTape::parse(text);
            QVERIFY2(tape, text.constData());
            QCOMPARE((*tape)->root().toQJsonValue(), QJsonDocument::fromJson(text).array());
        }
        const auto unterminated = JsonTape::parse("{\"results\": [1, 2,");
        QVERIFY(!unterminated);
        QVERIFY2(unterminated.error().message.contains(QLatin1StringView("at byte 18")), qPrintable(unterminated.error().message));
    }

    void nestingStopsWhereQtStops()
    {
        // Hostile pages nest deeply to exhaust a recursive parser's stack; 1,024 levels are read, more are not.
        const QByteArray deepest = QByteArray(1024, '[') + QByteArray(1024, ']');
        QVERIFY(JsonTape::parse(deepest));
        QVERIFY(!QJsonDocument::fromJson(deepest).isNull());
        const QByteArray deeper = QByteArray(1025, '[') + QByteArray(1025, ']');
        QVERIFY(!JsonTape::parse(deeper));
        QVERIFY(QJsonDocument::fromJson(deeper).isNull());
        QVERIFY(!JsonTape::parse(QByteArray(1'000'000, '[')));
    }
};

QTEST_GUILESS_MAIN(TstJsonTape)
#include "tst_jsontape.moc"
