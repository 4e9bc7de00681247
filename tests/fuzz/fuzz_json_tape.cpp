// JsonTape, Berth's fast reader of registry API pages, against QJsonDocument: whatever one
// accepts the other accepts, with the same values.
#include "FuzzInput.h"
#include "core/base/JsonTape.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <cstdlib>

BERTH_FUZZ_TARGET
{
    const QByteArray input = berth::fuzz::bytes(data, size);
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(input, &qtError);
    const auto tape = berth::JsonTape::parse(input);
    const bool qtAccepts = qtError.error == QJsonParseError::NoError;
    if (qtAccepts != tape.has_value()) {
        std::fprintf(stderr, "QJsonDocument %s (%s), JsonTape %s (%s)\n", qtAccepts ? "accepts" : "refuses",
                     qPrintable(qtError.errorString()), tape ? "accepts" : "refuses", tape ? "" : qPrintable(tape.error().message));
        std::abort();
    }
    if (!tape)
        return 0;
    const QJsonValue mine = (*tape)->root().toQJsonValue();
    const QJsonValue theirs = qt.isObject() ? QJsonValue(qt.object()) : QJsonValue(qt.array());
    if (mine != theirs) {
        std::fprintf(stderr, "values differ:\n%s\n%s\n", QJsonDocument(mine.isObject() ? QJsonDocument(mine.toObject()) : QJsonDocument(mine.toArray())).toJson().constData(),
                     qt.toJson().constData());
        std::abort();
    }
    return 0;
}
