#include "ui/widgets/Dates.h"

namespace berth {

QString displayDateTime(const QDateTime& when)
{
    return when.isValid() ? when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

} // namespace berth
