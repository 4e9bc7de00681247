#include "RetentionPolicyFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

Result<RetentionPolicyFile> RetentionPolicyFile::fromJson(const QByteArray& json)
{
    // Harbor rules carry a "template"; ECR rules a "selection" (and ECR's parser explains anything else).
    const QJsonArray rules = QJsonDocument::fromJson(json).object().value(QStringLiteral("rules")).toArray();
    if (!rules.isEmpty() && rules.first().toObject().contains(QStringLiteral("template"))) {
        auto harbor = HarborRetentionPolicy::fromHarborJson(json);
        if (!harbor)
            return std::unexpected(harbor.error());
        return RetentionPolicyFile{*harbor};
    }
    auto ecr = LifecyclePolicy::fromEcrJson(json);
    if (!ecr)
        return std::unexpected(ecr.error());
    return RetentionPolicyFile{*ecr};
}

QByteArray RetentionPolicyFile::toJson() const
{
    if (const auto* harbor = std::get_if<HarborRetentionPolicy>(&policy))
        return harbor->toHarborJson();
    return std::get<LifecyclePolicy>(policy).toEcrJson();
}

RetentionPlan RetentionPolicyFile::evaluate(const QList<RetentionImage>& images, const QDateTime& now, const RetentionGuards& guards) const
{
    if (const auto* harbor = std::get_if<HarborRetentionPolicy>(&policy))
        return evaluateHarborRetention(*harbor, images, now, guards);
    return evaluateRetention(std::get<LifecyclePolicy>(policy), images, now, guards);
}

QList<std::pair<int, QString>> RetentionPolicyFile::ruleLabels() const
{
    QList<std::pair<int, QString>> labels;
    if (const auto* harbor = std::get_if<HarborRetentionPolicy>(&policy)) {
        for (const HarborRetentionRule& rule : harbor->rules)
            labels.append({rule.priority, rule.describe()});
    } else {
        for (const LifecycleRule& rule : std::get<LifecyclePolicy>(policy).rules)
            labels.append({rule.priority, rule.description});
    }
    return labels;
}

} // namespace berth
