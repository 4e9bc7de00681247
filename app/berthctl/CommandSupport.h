#pragma once

#include "core/base/Error.h"
#include "core/providers/Provider.h"
#include "core/registry/Reference.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <cstdio>

// What berthctl's commands do the same way: usage errors, dates, sizes, JSON output.
namespace berth::ctl {

inline Error usage(const QString& text)
{
    return Error::make(ErrorKind::InvalidInput, text);
}

// The tag, or the digest when the reference pins one.
inline QString referenceOf(const Reference& ref)
{
    return ref.digest.isEmpty() ? ref.tag : ref.digest;
}

inline QString isoDate(const QDateTime& when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QString();
}

inline QString humanSize(qint64 bytes)
{
    return bytes < 0 ? QStringLiteral("-") : QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

// A registry API's date, to the millisecond (Hub keeps microseconds; Qt reads milliseconds).
inline QJsonValue preciseDate(const QDateTime& when)
{
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

inline void printJson(const QJsonObject& object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

} // namespace berth::ctl
