#include "core/base/Duration.h"

#include "core/base/Numbers.h"

namespace berth {

std::optional<qint64> parseDuration(const QString& text)
{
    if (text.size() < 2)
        return std::nullopt;
    bool ok = false;
    const double number = text.left(text.size() - 1).toDouble(&ok);
    if (!ok || number < 0)
        return std::nullopt;
    const QChar unit = text.back();
    const qint64 scale = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : unit == u'd' ? 86400 : 0;
    if (scale == 0)
        return std::nullopt;
    return toInt64(number * double(scale)); // none for a span no clock can count
}

} // namespace berth
