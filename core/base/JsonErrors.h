#pragma once

#include <QByteArray>
#include <QJsonParseError>
#include <QString>

namespace berth {

// Qt's parse error with where it is, as an editor counts: "unterminated array at line 3, column 14".
// Users fix policy and plan files by hand; an offset into the file does not help them.
QString describeJsonError(const QByteArray& text, const QJsonParseError& error);

} // namespace berth
