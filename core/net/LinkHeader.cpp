#include "core/net/LinkHeader.h"

#include <QString>

namespace berth {

QUrl nextPageLink(const QList<QByteArray>& linkHeaders, const QUrl& base)
{
    for (const QByteArray& header : linkHeaders) {
        const QString text = QString::fromUtf8(header);
        qsizetype i = 0;
        while (i < text.size()) {
            const qsizetype open = text.indexOf(QLatin1Char('<'), i);
            const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1Char('>'), open);
            if (open < 0 || close < 0)
                break;
            const QString target = text.mid(open + 1, close - open - 1);
            // The parameters run to the next link-value, which starts with '<'.
            qsizetype end = text.indexOf(QLatin1Char('<'), close);
            if (end < 0)
                end = text.size();
            const QString params = text.mid(close + 1, end - close - 1);
            for (const QString& rawParam : params.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                const QString param = rawParam.trimmed();
                if (!param.startsWith(QLatin1String("rel"), Qt::CaseInsensitive))
                    continue;
                QString value = param.section(QLatin1Char('='), 1).trimmed();
                if (value.endsWith(QLatin1Char(',')))
                    value.chop(1);
                value.remove(QLatin1Char('"'));
                if (value.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QLatin1String("next"), Qt::CaseInsensitive))
                    return base.resolved(QUrl(target));
            }
            i = end;
        }
    }
    return {};
}

} // namespace berth
