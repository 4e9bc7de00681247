#include "core/retention/ArtifactRegistryCleanup.h"

#include "core/base/Duration.h"
#include "core/base/JsonErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace berth {

namespace {
bool startsWithAny(const QString& text, const QStringList& prefixes)
{
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const QString& p) { return text.startsWith(p); });
}

QStringList stringList(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

QString durationText(qint64 seconds)
{
    return seconds % 86400 == 0 ? QStringLiteral("%1 days").arg(seconds / 86400) : QStringLiteral("%1 s").arg(seconds);
}
} // namespace

QString cleanupPackageName(const QString& registryHost, const QString& repositoryPath)
{
    if (registryHost.endsWith(QLatin1String("-docker.pkg.dev")))
        return repositoryPath.section(QLatin1Char('/'), 2);
    return repositoryPath;
}

bool CleanupPolicy::matchesPackage(const QString& package) const
{
    return packageNamePrefixes.isEmpty() || startsWithAny(package, packageNamePrefixes);
}

bool CleanupPolicy::matches(const RetentionImage& image, const QString& package, const QDateTime& now) const
{
    if (!matchesPackage(package))
        return false;
    switch (tagState) {
    case TagState::Tagged:
        if (image.tags.isEmpty())
            return false;
        if (!tagPrefixes.isEmpty() && std::none_of(image.tags.begin(), image.tags.end(), [&](const QString& t) { return startsWithAny(t, tagPrefixes); }))
            return false;
        break;
    case TagState::Untagged:
        if (!image.tags.isEmpty())
            return false;
        break;
    case TagState::Any:
        break;
    }
    if (!versionNamePrefixes.isEmpty() && !startsWithAny(image.digest, versionNamePrefixes))
        return false;
    const qint64 age = image.pushed.secsTo(now);
    if (olderThanSeconds && age < *olderThanSeconds)
        return false;
    if (newerThanSeconds && age >= *newerThanSeconds)
        return false;
    return true;
}

QString CleanupPolicy::describe() const
{
    if (keepsMostRecent)
        return QStringLiteral("%1: keep the %2 most recent versions").arg(name).arg(keepCount);
    QStringList parts;
    parts << (tagState == TagState::Tagged ? QStringLiteral("tagged") : tagState == TagState::Untagged ? QStringLiteral("untagged") : QStringLiteral("any"));
    if (!tagPrefixes.isEmpty())
        parts << QStringLiteral("tags %1*").arg(tagPrefixes.join(QStringLiteral("*, ")));
    if (!versionNamePrefixes.isEmpty())
        parts << QStringLiteral("versions %1*").arg(versionNamePrefixes.join(QStringLiteral("*, ")));
    if (!packageNamePrefixes.isEmpty())
        parts << QStringLiteral("packages %1*").arg(packageNamePrefixes.join(QStringLiteral("*, ")));
    if (olderThanSeconds)
        parts << QStringLiteral("older than %1").arg(durationText(*olderThanSeconds));
    if (newerThanSeconds)
        parts << QStringLiteral("newer than %1").arg(durationText(*newerThanSeconds));
    return QStringLiteral("%1: %2 %3").arg(name, keep ? QStringLiteral("keep") : QStringLiteral("delete"), parts.join(QStringLiteral(", ")));
}

Result<ArtifactRegistryCleanup> ArtifactRegistryCleanup::fromJson(const QByteArray& json)
{
    auto invalid = [](const QString& why) {
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("invalid Artifact Registry cleanup policy: ") + why));
    };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(describeJsonError(json, error));
    if (doc.isObject())
        return invalid(QStringLiteral("the file is a JSON array of policies; put this one policy in [ ]"));
    if (!doc.isArray() || doc.array().isEmpty())
        return invalid(QStringLiteral("the file is a JSON array of policies, and it has none"));
    if (doc.array().size() > 10)
        return invalid(QStringLiteral("a repository takes at most 10 cleanup policies"));
    ArtifactRegistryCleanup cleanup;
    int index = 0;
    for (const QJsonValue& value : doc.array()) {
        ++index;
        const QJsonObject p = value.toObject();
        CleanupPolicy policy;
        policy.name = p.value(QStringLiteral("name")).toString();
        if (policy.name.isEmpty())
            return invalid(QStringLiteral("policy %1 has no name").arg(index));
        const QString action = p.value(QStringLiteral("action")).toObject().value(QStringLiteral("type")).toString().toLower();
        if (action != u"delete" && action != u"keep")
            return invalid(QStringLiteral("%1: action.type must be Delete or Keep").arg(policy.name));
        policy.keep = action == u"keep";
        policy.hasCondition = p.contains(QStringLiteral("condition"));
        policy.keepsMostRecent = p.contains(QStringLiteral("mostRecentVersions"));
        if (policy.hasCondition == policy.keepsMostRecent)
            return invalid(QStringLiteral("%1: a policy has either a condition or mostRecentVersions").arg(policy.name));
        if (policy.keepsMostRecent) {
            if (!policy.keep)
                return invalid(QStringLiteral("%1: mostRecentVersions is for Keep policies").arg(policy.name));
            const QJsonObject recent = p.value(QStringLiteral("mostRecentVersions")).toObject();
            policy.packageNamePrefixes = stringList(recent.value(QStringLiteral("packageNamePrefixes")));
            policy.keepCount = recent.value(QStringLiteral("keepCount")).toInt(-1);
            if (policy.keepCount < 1)
                return invalid(QStringLiteral("%1: keepCount must be 1 or more").arg(policy.name));
        } else {
            const QJsonObject c = p.value(QStringLiteral("condition")).toObject();
            const QString state = c.value(QStringLiteral("tagState")).toString(QStringLiteral("ANY")).toUpper();
            if (state != u"TAGGED" && state != u"UNTAGGED" && state != u"ANY")
                return invalid(QStringLiteral("%1: tagState must be TAGGED, UNTAGGED or ANY").arg(policy.name));
            policy.tagState = state == u"TAGGED" ? CleanupPolicy::TagState::Tagged
                : state == u"UNTAGGED"           ? CleanupPolicy::TagState::Untagged
                                                 : CleanupPolicy::TagState::Any;
            policy.tagPrefixes = stringList(c.value(QStringLiteral("tagPrefixes")));
            policy.versionNamePrefixes = stringList(c.value(QStringLiteral("versionNamePrefixes")));
            policy.packageNamePrefixes = stringList(c.value(QStringLiteral("packageNamePrefixes")));
            if (!policy.tagPrefixes.isEmpty() && policy.tagState != CleanupPolicy::TagState::Tagged)
                return invalid(QStringLiteral("%1: tagPrefixes only apply with tagState TAGGED (Artifact Registry would ignore them)").arg(policy.name));
            for (const QString& key : {QStringLiteral("olderThan"), QStringLiteral("newerThan")}) {
                if (!c.contains(key))
                    continue;
                const auto seconds = parseDuration(c.value(key).toString());
                if (!seconds)
                    return invalid(QStringLiteral("%1: %2 must be a duration such as \"2592000s\" or \"30d\"").arg(policy.name, key));
                (key == u"olderThan" ? policy.olderThanSeconds : policy.newerThanSeconds) = *seconds;
            }
        }
        cleanup.policies << policy;
    }
    return cleanup;
}

QByteArray ArtifactRegistryCleanup::toJson() const
{
    QJsonArray out;
    for (const CleanupPolicy& p : policies) {
        QJsonObject policy{{QStringLiteral("name"), p.name},
                           {QStringLiteral("action"), QJsonObject{{QStringLiteral("type"), p.keep ? QStringLiteral("Keep") : QStringLiteral("Delete")}}}};
        if (p.keepsMostRecent) {
            QJsonObject recent{{QStringLiteral("keepCount"), p.keepCount}};
            if (!p.packageNamePrefixes.isEmpty())
                recent.insert(QStringLiteral("packageNamePrefixes"), QJsonArray::fromStringList(p.packageNamePrefixes));
            policy.insert(QStringLiteral("mostRecentVersions"), recent);
        } else {
            QJsonObject c{{QStringLiteral("tagState"), p.tagState == CleanupPolicy::TagState::Tagged   ? QStringLiteral("TAGGED")
                                                       : p.tagState == CleanupPolicy::TagState::Untagged ? QStringLiteral("UNTAGGED")
                                                                                                         : QStringLiteral("ANY")}};
            if (!p.tagPrefixes.isEmpty())
                c.insert(QStringLiteral("tagPrefixes"), QJsonArray::fromStringList(p.tagPrefixes));
            if (!p.versionNamePrefixes.isEmpty())
                c.insert(QStringLiteral("versionNamePrefixes"), QJsonArray::fromStringList(p.versionNamePrefixes));
            if (!p.packageNamePrefixes.isEmpty())
                c.insert(QStringLiteral("packageNamePrefixes"), QJsonArray::fromStringList(p.packageNamePrefixes));
            if (p.olderThanSeconds)
                c.insert(QStringLiteral("olderThan"), QStringLiteral("%1s").arg(*p.olderThanSeconds));
            if (p.newerThanSeconds)
                c.insert(QStringLiteral("newerThan"), QStringLiteral("%1s").arg(*p.newerThanSeconds));
            policy.insert(QStringLiteral("condition"), c);
        }
        out.append(policy);
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

RetentionPlan evaluateArtifactRegistryCleanup(const ArtifactRegistryCleanup& cleanup, const QString& package, const QList<RetentionImage>& images,
                                              const QDateTime& now, const RetentionGuards& guards)
{
    const QList<int> order = newestFirst(images);
    QList<int> rank(images.size()); // 0 for the newest
    for (int position = 0; position < order.size(); ++position)
        rank[order[position]] = position;
    QList<RetentionDecision> decisions(images.size());
    for (int i = 0; i < images.size(); ++i) {
        int keptBy = -1;
        int deletedBy = -1;
        for (int p = 0; p < cleanup.policies.size(); ++p) {
            const CleanupPolicy& policy = cleanup.policies[p];
            const bool hit = policy.keepsMostRecent ? policy.matchesPackage(package) && rank[i] < policy.keepCount : policy.matches(images[i], package, now);
            if (!hit)
                continue;
            if (policy.keep && keptBy < 0)
                keptBy = p;
            else if (!policy.keep && deletedBy < 0)
                deletedBy = p;
        }
        if (keptBy >= 0)
            decisions[i] = {false, keptBy + 1, QStringLiteral("kept: %1").arg(cleanup.policies[keptBy].describe())};
        else if (deletedBy >= 0)
            decisions[i] = {true, deletedBy + 1, cleanup.policies[deletedBy].describe()};
        else
            decisions[i] = {false, -1, QStringLiteral("kept: no delete policy matches it")};
    }
    return finishRetentionPlan(images, order, decisions, guards);
}

} // namespace berth
