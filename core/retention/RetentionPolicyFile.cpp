#include "core/retention/RetentionPolicyFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

Result<RetentionPolicyFile> RetentionPolicyFile::fromJson(const QByteArray& json)
{
    // Quay's policies carry a "method"; Artifact Registry's file is an array of policies with an
    // "action"; Harbor rules carry a "template"; ECR rules a "selection" (and ECR's parser explains
    // anything else).
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonObject first = doc.isArray() ? doc.array().at(0).toObject() : doc.object();
    if (first.contains(QStringLiteral("method")) || doc.object().contains(QStringLiteral("policies"))) {
        auto quay = QuayAutoPrune::fromJson(json);
        if (!quay)
            return std::unexpected(quay.error());
        return RetentionPolicyFile{*quay};
    }
    if (doc.isArray()) {
        auto cleanup = ArtifactRegistryCleanup::fromJson(json);
        if (!cleanup)
            return std::unexpected(cleanup.error());
        return RetentionPolicyFile{*cleanup};
    }
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
    if (const auto* cleanup = std::get_if<ArtifactRegistryCleanup>(&policy))
        return cleanup->toJson();
    if (const auto* quay = std::get_if<QuayAutoPrune>(&policy))
        return quay->toJson();
    return std::get<LifecyclePolicy>(policy).toEcrJson();
}

RetentionPlan RetentionPolicyFile::evaluate(const QList<RetentionImage>& images, const QDateTime& now, const RetentionGuards& guards,
                                            const QString& package) const
{
    if (const auto* harbor = std::get_if<HarborRetentionPolicy>(&policy))
        return evaluateHarborRetention(*harbor, images, now, guards);
    if (const auto* cleanup = std::get_if<ArtifactRegistryCleanup>(&policy))
        return evaluateArtifactRegistryCleanup(*cleanup, package, images, now, guards);
    if (const auto* quay = std::get_if<QuayAutoPrune>(&policy))
        return evaluateQuayAutoPrune(*quay, images, now, guards);
    return evaluateRetention(std::get<LifecyclePolicy>(policy), images, now, guards);
}

QList<std::pair<int, QString>> RetentionPolicyFile::ruleLabels() const
{
    QList<std::pair<int, QString>> labels;
    if (const auto* harbor = std::get_if<HarborRetentionPolicy>(&policy)) {
        for (const HarborRetentionRule& rule : harbor->rules)
            labels.append({rule.priority, rule.describe()});
    } else if (const auto* cleanup = std::get_if<ArtifactRegistryCleanup>(&policy)) {
        for (qsizetype i = 0; i < cleanup->policies.size(); ++i)
            labels.append({int(i + 1), cleanup->policies[i].describe()});
    } else if (const auto* quay = std::get_if<QuayAutoPrune>(&policy)) {
        for (qsizetype i = 0; i < quay->policies.size(); ++i)
            labels.append({int(i + 1), quay->policies[i].describe()});
    } else {
        for (const LifecycleRule& rule : std::get<LifecyclePolicy>(policy).rules)
            labels.append({rule.priority, rule.description});
    }
    return labels;
}

} // namespace berth
