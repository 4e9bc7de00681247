#pragma once

#include "core/providers/Provider.h"
#include "core/retention/Retention.h"

namespace berth {

// One image on which the registry's own dry run of a policy and Berth's plan of the same policy
// disagree, with what each says and why.
struct PreviewDifference
{
    QString digest;
    QStringList tags;
    bool registryExpires = false;
    int registryRule = -1; // the rule the registry applied, -1 when it keeps the image
    bool berthExpires = false;
    int berthRule = -1;
    QString berthReason; // Berth's reason for its decision, in its plan's words
};

struct PreviewComparison
{
    int agreed = 0; // images both expire, or both keep
    QList<PreviewDifference> differences;
    QStringList unknown; // digests the registry's preview names that Berth's inventory does not hold
    // Where the registry only counts (Harbor): how many images each side removes, of how many.
    bool countsOnly = false;
    int registryRemoves = -1;
    int registryTotal = -1;
    int berthRemoves = -1;
    int berthTotal = -1;
};

// Compares the registry's preview (which lists what it would remove) with Berth's plan of the
// same policy over the same images.
PreviewComparison comparePreview(const RegistryPolicyPreview& preview, const RetentionPlan& plan);

// Every image of a repository as the registry's own API lists it (tags from listTags, push times
// from pushTimes, untagged images included): what the registry's preview also sees, without
// reading the registry's manifests.
void providerRetentionImages(Provider* provider, const QString& repository, QObject* context,
                             std::function<void(Result<QList<RetentionImage>>)> done);

} // namespace berth
