#pragma once

#include "HarborRetention.h"
#include "Retention.h"

#include <variant>

namespace berth {

// A retention policy as a user hands it over: ECR lifecycle JSON or Harbor retention JSON,
// told apart by the shape of their rules.
struct RetentionPolicyFile
{
    std::variant<LifecyclePolicy, HarborRetentionPolicy> policy;

    static Result<RetentionPolicyFile> fromJson(const QByteArray& json);
    // ECR's or Harbor's JSON, whichever this policy is; fromJson reads it back to the same rules.
    QByteArray toJson() const;
    bool isHarbor() const { return std::holds_alternative<HarborRetentionPolicy>(policy); }
    RetentionPlan evaluate(const QList<RetentionImage>& images, const QDateTime& now, const RetentionGuards& guards) const;
    // (priority, short description) per rule, for filters.
    QList<std::pair<int, QString>> ruleLabels() const;
};

} // namespace berth
