#include "core/base/JsonTime.h"

#include <QTimeZone>
#include <optional>

namespace berth {
namespace {

    // Days from 1970-01-01 to a valid proleptic Gregorian date (H. Hinnant's days_from_civil).
    qint64 daysSinceEpoch(int year, int month, int day)
    {
        const qint64 y = year - (month <= 2 ? 1 : 0);
        const qint64 era = (y >= 0 ? y : y - 399) / 400;
        const qint64 yearOfEra = y - era * 400;
        const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    // The shape jsonTime reads by hand, or nullopt.
    std::optional<QDateTime> utcTime(QByteArrayView text)
    {
        auto digits = [&text](qsizetype from, qsizetype count, int* out) {
            int n = 0;
            for (qsizetype i = from; i < from + count; ++i) {
                if (i >= text.size() || text[i] < '0' || text[i] > '9')
                    return false;
                n = n * 10 + (text[i] - '0');
            }
            *out = n;
            return true;
        };
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
        if (!(text.size() >= 20 && digits(0, 4, &y) && text[4] == '-' && digits(5, 2, &mo) && text[7] == '-' && digits(8, 2, &d)
              && text[10] == 'T' && digits(11, 2, &h) && text[13] == ':' && digits(14, 2, &mi) && text[16] == ':' && digits(17, 2, &s)
              && text.back() == 'Z' && QDate::isValid(y, mo, d) && QTime::isValid(h, mi, s)))
            return std::nullopt;
        qint64 fraction = 0;
        qsizetype places = 0;
        bool plain = text.size() == 20;
        if (text[19] == '.') {
            plain = true;
            for (qsizetype i = 20; i < text.size() - 1 && plain; ++i, ++places) {
                plain = text[i] >= '0' && text[i] <= '9';
                if (places < 9)
                    fraction = fraction * 10 + (text[i] - '0');
            }
            places = qMin<qsizetype>(places, 9);
        }
        if (!plain)
            return std::nullopt;
        qint64 scale = 1;
        for (qsizetype i = 0; i < places; ++i)
            scale *= 10;
        const qint64 ms = ((daysSinceEpoch(y, mo, d) * 24 + h) * 60 + mi) * 60'000 + s * 1000 + (places ? (fraction * 1000 + scale / 2) / scale : 0);
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    }

} // namespace

QDateTime jsonTime(const JsonRef& value)
{
    if (!value.isString())
        return {};
    if (const auto time = utcTime(value.plainBytes()))
        return *time;
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

} // namespace berth
