#pragma once

#include "core/retention/ArtifactRegistryCleanup.h"
#include "core/retention/HarborRetention.h"
#include "core/retention/QuayAutoPrune.h"
#include "core/retention/Retention.h"

#include <variant>

namespace berth {

// A retention policy as a user hands it over: ECR lifecycle JSON, Harbor retention JSON, an
// Artifact Registry cleanup policy file or Quay auto-prune policies, told apart by their shape.
struct RetentionPolicyFile
{
    std::variant<LifecyclePolicy, HarborRetentionPolicy, ArtifactRegistryCleanup, QuayAutoPrune> policy;

    static Result<RetentionPolicyFile> fromJson(const QByteArray& json);
    // ECR's or Harbor's JSON, whichever this policy is; fromJson reads it back to the same rules.
    QByteArray toJson() const;
    bool isHarbor() const { return std::holds_alternative<HarborRetentionPolicy>(policy); }
    bool isArtifactRegistry() const { return std::holds_alternative<ArtifactRegistryCleanup>(policy); }
    bool isQuay() const { return std::holds_alternative<QuayAutoPrune>(policy); }
    // `package` is the image's name for Artifact Registry's packageNamePrefixes (cleanupPackageName).
    RetentionPlan evaluate(const QList<RetentionImage>& images, const QDateTime& now, const RetentionGuards& guards,
                           const QString& package) const;
    // (priority, short description) per rule, for filters.
    QList<std::pair<int, QString>> ruleLabels() const;
};

} // namespace berth
