#include "core/base/JsonErrors.h"

namespace berth {

QString describeJsonError(const QByteArray& text, const QJsonParseError& error)
{
    // Qt's offset is in bytes; columns count characters, so a multi-byte character counts once.
    const qsizetype offset = qBound(qsizetype(0), qsizetype(error.offset), text.size());
    const QByteArray before = text.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const int line = int(before.count('\n')) + 1;
    const int column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    return QStringLiteral("%1 at line %2, column %3").arg(error.errorString()).arg(line).arg(column);
}

} // namespace berth
