// JsonWriter must write what QJsonDocument::Indented writes, byte for byte, for the
// values the CLI prints: escapes, non-ASCII, nulls, empty arrays, numbers, and dates.
#include "core/base/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTest>
#include <QTimeZone>
#include <cstdio>
#include <unistd.h>

using berth::JsonWriter;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesWhatQtWrites_data()
    {
        QTest::addColumn<JsonWriter::Layout>("layout");
        QTest::addColumn<QJsonDocument::JsonFormat>("format");
        QTest::newRow("indented") << JsonWriter::Layout::Indented << QJsonDocument::Indented;
        // The compact text is what the history keeps per image in the content store.
        QTest::newRow("compact") << JsonWriter::Layout::Compact << QJsonDocument::Compact;
    }

    void writesWhatQtWrites()
    {
        QFETCH(JsonWriter::Layout, layout);
        QFETCH(QJsonDocument::JsonFormat, format);
        const QString awkward = QStringLiteral("quote \" backslash \\ newline \n tab \t bell \x07 한국어 é € \U0001F433");
        const QList<QDateTime> dates = {QDateTime(QDate(2026, 4, 21), QTime(5, 14, 48, 231), QTimeZone::UTC),
                                        QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), QTimeZone::UTC),
                                        QDateTime(QDate(2000, 2, 29), QTime(0, 0), QTimeZone::UTC),
                                        QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone(3600 * 9))}; // written in UTC
        QJsonArray rows;
        JsonWriter out(layout);
        out.beginObject();
        out.key(u"rows");
        out.beginArray();
        for (const QDateTime& when : dates) {
            rows.append(QJsonObject{{QStringLiteral("empty"), QJsonArray()}, {QStringLiteral("none"), QJsonValue::Null},
                                    {QStringLiteral("size"), qint64(1) << 40}, {QStringLiteral("text"), awkward},
                                    {QStringLiteral("when"), when.toUTC().toString(Qt::ISODateWithMs)}});
            out.beginObject();
            out.key(u"empty");
            out.value(QStringList());
            out.key(u"none");
            out.null();
            out.key(u"size");
            out.value(qint64(1) << 40);
            out.key(u"text");
            out.value(awkward);
            out.key(u"when");
            out.value(when);
            out.endObject();
        }
        out.endArray();
        out.key(u"tags");
        out.value(QStringList{QStringLiteral("a"), QStringLiteral("b\"c")});
        out.endObject();
        const QJsonObject document{{QStringLiteral("rows"), rows},
                                   {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b\"c")}}};
        QCOMPARE(out.text().toByteArray(), QJsonDocument(document).toJson(format));
        QVERIFY(!QJsonDocument::fromJson(out.text().toByteArray()).isNull());
        QCOMPARE(std::move(out).take(), QJsonDocument(document).toJson(format));
    }

    void longAndManyStringsAsQtWritesThem()
    {
        // Strings read eight characters at a time where they are plain ASCII: each kind of special
        // character at each place of such a block, and a text far beyond the first buffer.
        QStringList texts{QStringLiteral("sha256:") + QString(64, QLatin1Char('e')), QStringLiteral("abcdefgh"), QStringLiteral("abcdefg"),
                          QString()};
        const QList<QChar> specials{QLatin1Char('"'), QLatin1Char('\\'), QChar(0x1f), QChar(0x7f), QChar(0x80), QChar(0x00e9), QChar(0xd55c),
                                    QChar(0xfffd)};
        for (const QChar special : specials) {
            for (int at = 0; at < 17; ++at)
                texts << QString(at, QLatin1Char('x')) + special + QString(20, QLatin1Char('y'));
        }
        texts << QStringLiteral("tail \U0001F433 after eight.") << QStringLiteral("12345678\U0001F433");
        JsonWriter out;
        QJsonArray expected;
        out.beginArray();
        for (int round = 0; round < 40; ++round) {
            for (const QString& text : std::as_const(texts)) {
                out.value(text);
                expected.append(text);
            }
        }
        out.endArray();
        QVERIFY(out.text().size() > 100'000);
        QCOMPARE(out.text().toByteArray(), QJsonDocument(expected).toJson(QJsonDocument::Indented));
    }

    void anInvalidDateIsNull()
    {
        JsonWriter out;
        out.beginArray();
        out.value(QDateTime());
        out.endArray();
        QCOMPARE(QJsonDocument::fromJson(out.text().toByteArray()).array().at(0).type(), QJsonValue::Null);
    }

    void datesToTheSecondAsQtWritesThem()
    {
        const QList<QDateTime> dates = {QDateTime(QDate(2026, 4, 21), QTime(5, 14, 48, 231), QTimeZone::UTC),
                                        QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), QTimeZone::UTC),
                                        QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone(3600 * 9)), QDateTime()};
        JsonWriter out;
        QJsonArray expected;
        out.beginArray();
        for (const QDateTime& when : dates) {
            out.seconds(when);
            expected.append(when.isValid() ? when.toUTC().toString(Qt::ISODate) : QString());
        }
        out.endArray();
        QCOMPARE(out.text().toByteArray(), QJsonDocument(expected).toJson(QJsonDocument::Indented));
    }

    void flushedPiecesMakeTheWholeText()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        std::FILE* stream = fdopen(dup(file.handle()), "w");
        QVERIFY(stream);
        JsonWriter whole;
        JsonWriter pieces;
        for (JsonWriter* out : {&whole, &pieces}) {
            out->beginObject();
            out->key(u"rows");
            out->beginArray();
        }
        for (int i = 0; i < 1000; ++i) {
            for (JsonWriter* out : {&whole, &pieces}) {
                out->beginObject();
                out->key(u"n");
                out->value(qint64(i));
                out->endObject();
            }
            if (i % 100 == 0) {
                pieces.flushTo(stream);
                QVERIFY(pieces.text().isEmpty());
            }
        }
        for (JsonWriter* out : {&whole, &pieces}) {
            out->endArray();
            out->endObject();
        }
        pieces.flushTo(stream);
        std::fclose(stream);
        QFile written(file.fileName());
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), whole.text().toByteArray());
    }

    // berthctl writes each tag's object as its page arrives and places them in the chosen order
    // once all are in: the text must be what writing them in that order would have given.
    void elementsWrittenApartAsQtWritesThem()
    {
        const QList<int> order{3, 0, 2, 1};
        JsonWriter apart = JsonWriter::apart(2);
        QList<QPair<qsizetype, qsizetype>> where;
        for (int i = 0; i < order.size(); ++i) {
            const qsizetype from = apart.size();
            apart.beforeElement();
            apart.beginObject();
            apart.member(u"n", qint64(i));
            apart.member(u"names", i % 2 ? QStringList{QStringLiteral("a"), QStringLiteral("b")} : QStringList());
            apart.endObject();
            where.append({from, apart.size() - from});
        }
        QJsonArray rows;
        JsonWriter out;
        out.beginObject();
        out.key(u"empty");
        out.beginArray();
        out.endArray();
        out.key(u"rows");
        out.beginArray();
        for (const int i : order) {
            out.element(apart.text().sliced(where[i].first, where[i].second));
            rows.append(QJsonObject{{QStringLiteral("n"), i},
                                    {QStringLiteral("names"), QJsonArray::fromStringList(i % 2 ? QStringList{QStringLiteral("a"), QStringLiteral("b")} : QStringList())}});
        }
        out.endArray();
        out.member(u"z", qint64(7));
        out.endObject();
        const QJsonObject expected{{QStringLiteral("empty"), QJsonArray()}, {QStringLiteral("rows"), rows}, {QStringLiteral("z"), 7}};
        QCOMPARE(out.text().toByteArray(), QJsonDocument(expected).toJson(QJsonDocument::Indented));
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
