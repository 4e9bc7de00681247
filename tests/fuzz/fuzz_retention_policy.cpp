// The four retention policy formats, read and then evaluated on a small inventory.
#include "FuzzInput.h"
#include "core/retention/RetentionPolicyFile.h"

BERTH_FUZZ_TARGET
{
    const auto policy = berth::RetentionPolicyFile::fromJson(berth::fuzz::bytes(data, size));
    if (!policy)
        return 0;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1764547200);
    QList<berth::RetentionImage> images;
    for (int i = 0; i < 6; ++i) {
        berth::RetentionImage image{QStringLiteral("sha256:%1").arg(i, 64, 10, QLatin1Char('0')),
                                    i == 5 ? QStringList{} : QStringList{QStringLiteral("v1.%1").arg(i), QStringLiteral("prod-%1").arg(i)},
                                    now.addDays(-40 * i), QStringLiteral("registry"), {{QStringLiteral("sha256:b%1").arg(i), 1000 * i}}};
        if (i % 2)
            image.pulled = now.addDays(-10 * i);
        images << image;
    }
    (void)policy->evaluate(images, now, berth::RetentionGuards{{QStringLiteral("latest")}, false}, QStringLiteral("team/app"));
    (void)berth::RetentionPolicyFile::fromJson(policy->toJson());
    return 0;
}
