// Harbor's API v2.0 answers as the Harbor provider reads them: a listArtifacts page (tag rows,
// push times) and an artifact's scan_overview.
#include "FuzzInput.h"
#include "core/providers/HarborApi.h"
#include "core/providers/HarborProvider.h"
#include "core/scan/Vulnerabilities.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

BERTH_FUZZ_TARGET
{
    const QJsonDocument answer = QJsonDocument::fromJson(berth::fuzz::bytes(data, size));
    if (answer.isArray()) {
        (void)berth::HarborProvider::tagsFromArtifacts(answer.array());
        QHash<QString, QDateTime> times;
        berth::HarborApi::readPushTimes(answer.array(), times);
        for (auto it = times.cbegin(); it != times.cend(); ++it) {
            if (it.key().isEmpty() || !it.value().isValid())
                std::abort();
        }
    } else if (answer.isObject()) {
        (void)berth::parseHarborScanOverview(answer.object().value(QStringLiteral("scan_overview")).toObject());
    }
    return 0;
}
