#pragma once

#include "core/providers/Provider.h"
#include "core/retention/Retention.h"

#include <QSet>

namespace berth {

struct TagSummary;

// What a retention policy is evaluated over, made from a repository's loaded tag rows.
struct RetentionInventory
{
    QList<RetentionImage> images; // one per digest, with all its tags
    QStringList attachmentTags; // sha256-<hex> tags (signatures, SBOMs, referrer lists): not images to count
    QStringList attachmentDigests; // the manifests those tags name

    static RetentionInventory fromTags(const QList<TagSummary>& rows);
    // What a registry lists of the repository (Harbor, ECR): its push times win over build dates and
    // first sightings, and the manifests no tag names join as untagged images, so untagged rules
    // can act on them (their sizes are unknown: they add nothing to the bytes freed).
    void addRegistryImages(const PushTimes& listed);
    // When the registry says each image was last pulled (the latest pull of any of its tags).
    void addPullTimes(const QList<ProviderTag>& tags);
    // Manifests no tag names any more that Berth saw earlier (FormerImages), as untagged images dated
    // from their first sighting.
    void addFormerImages(const PushTimes& firstSeen);
    // Every manifest the inventory knows: images and attachments.
    QSet<QString> knownDigests() const;
    // The attachment tags a plan would leave without their image.
    QStringList orphanedBy(const RetentionPlan& plan) const;

private:
    void addUntagged(const PushTimes& dated, const QString& source);
};

} // namespace berth
