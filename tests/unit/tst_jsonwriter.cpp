// berthctl's JsonWriter must write what QJsonDocument::Indented writes, byte for byte, for the
// values the CLI prints: escapes, non-ASCII, nulls, empty arrays, numbers, and dates.
#include "app/berthctl/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using berth::ctl::JsonWriter;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesWhatQtWrites()
    {
        const QString awkward = QStringLiteral("quote \" backslash \\ newline \n tab \t bell \x07 한국어 é € \U0001F433");
        const QList<QDateTime> dates = {QDateTime(QDate(2026, 4, 21), QTime(5, 14, 48, 231), QTimeZone::UTC),
                                        QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), QTimeZone::UTC),
                                        QDateTime(QDate(2000, 2, 29), QTime(0, 0), QTimeZone::UTC),
                                        QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone(3600 * 9))}; // written in UTC
        QJsonArray rows;
        JsonWriter out;
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
        QCOMPARE(out.text(), QJsonDocument(document).toJson(QJsonDocument::Indented));
        QVERIFY(!QJsonDocument::fromJson(out.text()).isNull());
    }

    void anInvalidDateIsNull()
    {
        JsonWriter out;
        out.beginArray();
        out.value(QDateTime());
        out.endArray();
        QCOMPARE(QJsonDocument::fromJson(out.text()).array().at(0).type(), QJsonValue::Null);
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
