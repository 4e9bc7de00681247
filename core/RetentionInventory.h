#pragma once

#include "RegistryPushTimes.h"
#include "Retention.h"

namespace berth {

struct TagSummary;

// What a retention policy is evaluated over, made from a repository's loaded tag rows.
struct RetentionInventory
{
    QList<RetentionImage> images; // one per digest, with all its tags
    QStringList attachmentTags; // sha256-<hex> tags (signatures, SBOMs, referrer lists): not images to count

    static RetentionInventory fromTags(const QList<TagSummary>& rows);
    // The registry's own push times win over build dates and first sightings.
    void usePushTimes(const PushTimes& times);
    // The attachment tags a plan would leave without their image.
    QStringList orphanedBy(const RetentionPlan& plan) const;
};

} // namespace berth
