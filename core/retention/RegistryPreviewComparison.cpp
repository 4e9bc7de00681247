#include "core/retention/RegistryPreviewComparison.h"

#include "core/base/Guarded.h"

#include <QPointer>

namespace berth {

PreviewComparison comparePreview(const RegistryPolicyPreview& preview, const RetentionPlan& plan)
{
    if (preview.countedRemoved >= 0) {
        PreviewComparison counted;
        counted.countsOnly = true;
        counted.registryRemoves = preview.countedRemoved;
        counted.registryTotal = preview.countedTotal;
        counted.berthRemoves = plan.expiring();
        counted.berthTotal = int(plan.entries.size());
        if (counted.registryRemoves == counted.berthRemoves && counted.registryTotal == counted.berthTotal)
            counted.agreed = counted.berthTotal;
        return counted;
    }
    QHash<QString, const RegistryPolicyPreviewEntry*> registry;
    for (const RegistryPolicyPreviewEntry& entry : preview.entries) {
        if (entry.action.compare(QLatin1String("EXPIRE"), Qt::CaseInsensitive) == 0)
            registry.insert(entry.digest, &entry);
    }
    PreviewComparison result;
    QSet<QString> planned;
    for (const PlanEntry& entry : plan.entries) {
        planned.insert(entry.digest);
        const auto* said = registry.value(entry.digest);
        if (bool(said) == entry.expire) {
            ++result.agreed;
            continue;
        }
        result.differences << PreviewDifference{entry.digest, entry.tags, bool(said), said ? said->rule : -1, entry.expire, entry.rulePriority, entry.reason};
    }
    for (auto it = registry.constBegin(); it != registry.constEnd(); ++it) {
        if (!planned.contains(it.key()))
            result.unknown << it.key();
    }
    result.unknown.sort();
    return result;
}

void providerRetentionImages(Provider* provider, const QString& repository, QObject* context,
                             std::function<void(Result<QList<RetentionImage>>)> done)
{
    done = guarded(context, std::move(done));
    provider->listTags(repository, context, [provider, repository, context = QPointer(context), done](Result<QList<ProviderTag>> tags) {
        if (!tags) {
            done(std::unexpected(tags.error()));
            return;
        }
        provider->pushTimes(repository, context, [tags = *tags, done](Result<PushTimes> times) {
            if (!times) {
                done(std::unexpected(times.error()));
                return;
            }
            QHash<QString, RetentionImage> byDigest;
            for (auto it = times->constBegin(); it != times->constEnd(); ++it)
                byDigest.insert(it.key(), RetentionImage{it.key(), {}, it.value(), QStringLiteral("registry"), {}, false, {}});
            for (const ProviderTag& tag : tags) {
                RetentionImage& image = byDigest[tag.digest];
                image.digest = tag.digest;
                image.tags << tag.name;
                if (!image.pushed.isValid()) {
                    image.pushed = tag.pushed;
                    image.pushedSource = QStringLiteral("registry");
                }
                if (tag.size >= 0)
                    image.blobs.insert(tag.digest, tag.size); // the registry's size for the image, counted once
            }
            QList<RetentionImage> images = byDigest.values();
            for (RetentionImage& image : images)
                image.tags.sort();
            done(images);
        });
    });
}

} // namespace berth
