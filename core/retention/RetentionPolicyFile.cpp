#include "core/retention/RetentionPolicyFile.h"

#include "core/base/JsonErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

Result<RetentionPolicyFile> RetentionPolicyFile::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("the policy is not valid JSON: ") + describeJsonError(json, parseError)));
    // Told apart by shape: Quay's policies carry a "method" (or come as {"policies": [...]});
    // Artifact Registry's file is an array of policies with an "action"; Harbor's rules carry a
    // "template", ECR's a "selection". Once the shape is known, that format's reader explains
    // anything else wrong; a shape none of them has is said as such.
    const QJsonObject first = doc.isArray() ? doc.array().at(0).toObject() : doc.object();
    if (first.contains(QStringLiteral("method")) || doc.object().contains(QStringLiteral("policies"))) {
        auto quay = QuayAutoPrune::fromJson(json);
        if (!quay)
            return std::unexpected(quay.error());
        return RetentionPolicyFile{*quay};
    }
    const bool looksLikeCleanupPolicy = first.contains(QStringLiteral("action")) || first.contains(QStringLiteral("condition"))
        || first.contains(QStringLiteral("mostRecentVersions"));
    // (One Artifact Registry policy not in its array is a common slip; that reader says so.)
    if ((doc.isArray() && (doc.array().isEmpty() || looksLikeCleanupPolicy || first.contains(QStringLiteral("name"))))
        || (doc.isObject() && looksLikeCleanupPolicy && !doc.object().contains(QStringLiteral("rules")))) {
        auto cleanup = ArtifactRegistryCleanup::fromJson(json);
        if (!cleanup)
            return std::unexpected(cleanup.error());
        return RetentionPolicyFile{*cleanup};
    }
    const QJsonValue rulesValue = doc.object().value(QStringLiteral("rules"));
    const QJsonObject firstRule = rulesValue.toArray().at(0).toObject();
    if (firstRule.contains(QStringLiteral("template"))) {
        auto harbor = HarborRetentionPolicy::fromHarborJson(json);
        if (!harbor)
            return std::unexpected(harbor.error());
        return RetentionPolicyFile{*harbor};
    }
    if (rulesValue.isArray()) {
        auto ecr = LifecyclePolicy::fromEcrJson(json);
        if (!ecr)
            return std::unexpected(ecr.error());
        return RetentionPolicyFile{*ecr};
    }
    return std::unexpected(Error::make(
        ErrorKind::InvalidInput,
        QStringLiteral("no known policy format matches this file. Berth reads: an ECR lifecycle policy ({\"rules\": [{\"rulePriority\", "
                       "\"selection\", \"action\"}]}), a Harbor retention policy ({\"rules\": [{\"template\", ...}]}), an Artifact "
                       "Registry cleanup policy file ([{\"name\", \"action\", \"condition\" or \"mostRecentVersions\"}]) and Quay "
                       "auto-prune policies ([{\"method\", \"value\"}])")));
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
