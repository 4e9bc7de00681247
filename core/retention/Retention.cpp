#include "core/retention/Retention.h"

#include "core/base/JsonErrors.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <numeric>

namespace berth {

bool matchesTagPattern(const QString& pattern, const QString& tag)
{
    const QStringList parts = pattern.split(QLatin1Char('*'));
    if (parts.size() == 1)
        return tag == pattern;
    if (!tag.startsWith(parts.first()) || tag.size() < parts.first().size() + parts.last().size())
        return false;
    qsizetype at = parts.first().size();
    for (qsizetype i = 1; i < parts.size() - 1; ++i) {
        const qsizetype found = tag.indexOf(parts[i], at);
        if (found < 0)
            return false;
        at = found + parts[i].size();
    }
    return tag.size() - parts.last().size() >= at && tag.endsWith(parts.last());
}

bool LifecycleRule::selects(const RetentionImage& image) const
{
    switch (tagStatus) {
    case TagStatus::Any:
        return true;
    case TagStatus::Untagged:
        return image.tags.isEmpty();
    case TagStatus::Tagged:
        break;
    }
    if (image.tags.isEmpty())
        return false;
    // Every listed prefix or pattern must match at least one of the image's tags.
    for (const QString& prefix : tagPrefixList) {
        if (std::none_of(image.tags.begin(), image.tags.end(), [&](const QString& t) { return t.startsWith(prefix); }))
            return false;
    }
    for (const QString& pattern : tagPatternList) {
        if (std::none_of(image.tags.begin(), image.tags.end(), [&](const QString& t) { return matchesTagPattern(pattern, t); }))
            return false;
    }
    return true;
}

QString LifecycleRule::describe() const
{
    QString which = tagStatus == TagStatus::Untagged ? QStringLiteral("untagged images")
        : tagStatus == TagStatus::Any                ? QStringLiteral("any images")
                                                     : QStringLiteral("tagged images");
    if (!tagPrefixList.isEmpty())
        which += QStringLiteral(" (prefix %1)").arg(tagPrefixList.join(QStringLiteral(" and ")));
    if (!tagPatternList.isEmpty())
        which += QStringLiteral(" (pattern %1)").arg(tagPatternList.join(QStringLiteral(" and ")));
    if (countType == CountType::ImageCountMoreThan)
        return QStringLiteral("expire %1 beyond the newest %2").arg(which).arg(countNumber);
    if (countType == CountType::SinceImagePulled)
        return QStringLiteral("expire %1 not pulled for more than %2 days").arg(which).arg(countNumber);
    return QStringLiteral("expire %1 pushed more than %2 days ago").arg(which).arg(countNumber);
}

Result<LifecyclePolicy> LifecyclePolicy::fromEcrJson(const QByteArray& json)
{
    auto invalid = [](const QString& why) { return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("invalid lifecycle policy: ") + why)); };
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        return invalid(describeJsonError(json, error));
    if (!doc.value(QStringLiteral("rules")).isArray() || doc.value(QStringLiteral("rules")).toArray().isEmpty())
        return invalid(QStringLiteral("it has no rules"));
    LifecyclePolicy policy;
    QSet<int> priorities;
    int untaggedRules = 0;
    for (const auto& value : doc.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject r = value.toObject();
        const QJsonObject selection = r.value(QStringLiteral("selection")).toObject();
        LifecycleRule rule;
        rule.priority = r.value(QStringLiteral("rulePriority")).toInt(-1);
        if (rule.priority < 1)
            return invalid(QStringLiteral("every rule needs a rulePriority of 1 or more"));
        if (priorities.contains(rule.priority))
            return invalid(QStringLiteral("rulePriority %1 is used twice").arg(rule.priority));
        priorities.insert(rule.priority);
        rule.description = r.value(QStringLiteral("description")).toString();
        const QString status = selection.value(QStringLiteral("tagStatus")).toString();
        rule.tagStatus = status == u"tagged" ? LifecycleRule::TagStatus::Tagged
            : status == u"untagged"           ? LifecycleRule::TagStatus::Untagged
                                              : LifecycleRule::TagStatus::Any;
        if (status != u"tagged" && status != u"untagged" && status != u"any")
            return invalid(QStringLiteral("rule %1: tagStatus must be tagged, untagged or any").arg(rule.priority));
        for (const auto& p : selection.value(QStringLiteral("tagPrefixList")).toArray())
            rule.tagPrefixList << p.toString();
        for (const auto& p : selection.value(QStringLiteral("tagPatternList")).toArray())
            rule.tagPatternList << p.toString();
        const bool hasList = !rule.tagPrefixList.isEmpty() || !rule.tagPatternList.isEmpty();
        if (rule.tagStatus == LifecycleRule::TagStatus::Tagged && (rule.tagPrefixList.isEmpty() == rule.tagPatternList.isEmpty()))
            return invalid(QStringLiteral("rule %1: a tagged rule needs exactly one of tagPrefixList and tagPatternList").arg(rule.priority));
        if (rule.tagStatus != LifecycleRule::TagStatus::Tagged && hasList)
            return invalid(QStringLiteral("rule %1: only tagged rules take tag lists").arg(rule.priority));
        for (const QString& pattern : rule.tagPatternList) {
            if (pattern.count(QLatin1Char('*')) > 4)
                return invalid(QStringLiteral("rule %1: the pattern %2 has more than four wildcards").arg(rule.priority).arg(pattern));
        }
        if (rule.tagStatus == LifecycleRule::TagStatus::Untagged && ++untaggedRules > 1)
            return invalid(QStringLiteral("only one rule may select untagged images"));
        const QString countType = selection.value(QStringLiteral("countType")).toString();
        rule.countNumber = selection.value(QStringLiteral("countNumber")).toInt(0);
        if (rule.countNumber < 1)
            return invalid(QStringLiteral("rule %1: countNumber must be a positive integer").arg(rule.priority));
        if (countType == u"imageCountMoreThan") {
            if (selection.contains(QStringLiteral("countUnit")))
                return invalid(QStringLiteral("rule %1: imageCountMoreThan takes no countUnit").arg(rule.priority));
            rule.countType = LifecycleRule::CountType::ImageCountMoreThan;
        } else if (countType == u"sinceImagePushed") {
            if (selection.value(QStringLiteral("countUnit")).toString() != u"days")
                return invalid(QStringLiteral("rule %1: sinceImagePushed needs countUnit days").arg(rule.priority));
            rule.countType = LifecycleRule::CountType::SinceImagePushed;
        } else if (countType == u"sinceImagePulled") {
            if (selection.value(QStringLiteral("countUnit")).toString() != u"days")
                return invalid(QStringLiteral("rule %1: sinceImagePulled needs countUnit days").arg(rule.priority));
            rule.countType = LifecycleRule::CountType::SinceImagePulled;
        } else {
            return invalid(QStringLiteral("rule %1: countType %2 is not supported (imageCountMoreThan, sinceImagePushed, sinceImagePulled)")
                               .arg(rule.priority)
                               .arg(countType));
        }
        if (r.value(QStringLiteral("action")).toObject().value(QStringLiteral("type")).toString() != u"expire")
            return invalid(QStringLiteral("rule %1: only the expire action is supported").arg(rule.priority));
        policy.rules << rule;
    }
    std::sort(policy.rules.begin(), policy.rules.end(), [](const LifecycleRule& a, const LifecycleRule& b) { return a.priority < b.priority; });
    // A rule selecting any image must come last.
    for (qsizetype i = 0; i + 1 < policy.rules.size(); ++i) {
        if (policy.rules[i].tagStatus == LifecycleRule::TagStatus::Any)
            return invalid(QStringLiteral("the rule with tagStatus any must have the highest rulePriority"));
    }
    return policy;
}

QByteArray LifecyclePolicy::toEcrJson() const
{
    QJsonArray out;
    for (const LifecycleRule& r : rules) {
        QJsonObject selection{{QStringLiteral("tagStatus"), r.tagStatus == LifecycleRule::TagStatus::Tagged   ? QStringLiteral("tagged")
                                                             : r.tagStatus == LifecycleRule::TagStatus::Untagged ? QStringLiteral("untagged")
                                                                                                                  : QStringLiteral("any")},
                              {QStringLiteral("countNumber"), r.countNumber}};
        if (!r.tagPrefixList.isEmpty())
            selection.insert(QStringLiteral("tagPrefixList"), QJsonArray::fromStringList(r.tagPrefixList));
        if (!r.tagPatternList.isEmpty())
            selection.insert(QStringLiteral("tagPatternList"), QJsonArray::fromStringList(r.tagPatternList));
        if (r.countType == LifecycleRule::CountType::ImageCountMoreThan) {
            selection.insert(QStringLiteral("countType"), QStringLiteral("imageCountMoreThan"));
        } else {
            selection.insert(QStringLiteral("countType"), r.countType == LifecycleRule::CountType::SinceImagePulled ? QStringLiteral("sinceImagePulled")
                                                                                                                  : QStringLiteral("sinceImagePushed"));
            selection.insert(QStringLiteral("countUnit"), QStringLiteral("days"));
        }
        QJsonObject rule{{QStringLiteral("rulePriority"), r.priority},
                         {QStringLiteral("selection"), selection},
                         {QStringLiteral("action"), QJsonObject{{QStringLiteral("type"), QStringLiteral("expire")}}}};
        if (!r.description.isEmpty())
            rule.insert(QStringLiteral("description"), r.description);
        out.append(rule);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("rules"), out}}).toJson(QJsonDocument::Compact);
}

int RetentionPlan::expiring() const
{
    return int(std::count_if(entries.begin(), entries.end(), [](const PlanEntry& e) { return e.expire; }));
}

int RetentionPlan::untagging() const
{
    return int(std::count_if(entries.begin(), entries.end(), [](const PlanEntry& e) { return !e.expire && !e.untag.isEmpty(); }));
}

double defaultPricePerGbMonth(const QString& registryHost)
{
    if (registryHost.contains(QLatin1String(".dkr.ecr.")))
        return 0.10;
    if (registryHost.endsWith(QLatin1String("-docker.pkg.dev")) || registryHost == u"gcr.io" || registryHost.endsWith(QLatin1String(".gcr.io")))
        return 0.026;
    return -1;
}

QList<int> newestFirst(const QList<RetentionImage>& images)
{
    QList<int> order(images.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return images[a].pushed != images[b].pushed ? images[a].pushed > images[b].pushed : images[a].digest < images[b].digest;
    });
    return order;
}

RetentionPlan evaluateRetention(const LifecyclePolicy& policy, const QList<RetentionImage>& images, const QDateTime& now,
                                const RetentionGuards& guards)
{
    const QList<int> order = newestFirst(images);
    QList<int> decidedBy(images.size(), -1); // index of the rule that expired the image
    QList<int> protectedBy(images.size(), -1); // the first rule whose selection matched
    for (qsizetype r = 0; r < policy.rules.size(); ++r) {
        const LifecycleRule& rule = policy.rules[r];
        // Each rule counts over its whole selection, claimed images included.
        QList<int> selected;
        for (int i : std::as_const(order)) {
            if (rule.selects(images[i]))
                selected << i;
        }
        QList<int> candidates;
        if (rule.countType == LifecycleRule::CountType::ImageCountMoreThan) {
            candidates = selected.mid(rule.countNumber);
        } else {
            const QDateTime limit = now.addDays(-rule.countNumber);
            for (int i : std::as_const(selected)) {
                // sinceImagePulled: an image never pulled counts from its push (ECR's documentation
                // leaves this open; a new image is not stale).
                const QDateTime since = rule.countType == LifecycleRule::CountType::SinceImagePulled && images[i].pulled.isValid()
                    ? images[i].pulled
                    : images[i].pushed;
                if (since < limit)
                    candidates << i;
            }
        }
        // ... but only marks images no earlier rule's selection has claimed.
        for (int i : std::as_const(candidates)) {
            if (protectedBy[i] < 0 && decidedBy[i] < 0)
                decidedBy[i] = int(r);
        }
        for (int i : std::as_const(selected)) {
            if (protectedBy[i] < 0)
                protectedBy[i] = int(r);
        }
    }
    QList<RetentionDecision> decisions(images.size());
    for (int i = 0; i < images.size(); ++i) {
        RetentionDecision& d = decisions[i];
        if (decidedBy[i] >= 0) {
            const LifecycleRule& rule = policy.rules[decidedBy[i]];
            d.expire = true;
            d.rulePriority = rule.priority;
            d.reason = rule.countType == LifecycleRule::CountType::ImageCountMoreThan
                ? QStringLiteral("rule %1: more than %2 images match; this is older").arg(rule.priority).arg(rule.countNumber)
                : rule.countType == LifecycleRule::CountType::SinceImagePulled
                ? QStringLiteral("rule %1: not pulled for more than %2 days").arg(rule.priority).arg(rule.countNumber)
                : QStringLiteral("rule %1: pushed more than %2 days ago").arg(rule.priority).arg(rule.countNumber);
        } else if (protectedBy[i] >= 0) {
            d.rulePriority = policy.rules[protectedBy[i]].priority;
            d.reason = QStringLiteral("kept: rule %1 selects it and keeps it").arg(d.rulePriority);
        } else {
            d.reason = QStringLiteral("kept: no rule selects it");
        }
    }
    return finishRetentionPlan(images, order, decisions, guards);
}

RetentionPlan finishRetentionPlan(const QList<RetentionImage>& images, const QList<int>& order, QList<RetentionDecision> decisions,
                                  const RetentionGuards& guards)
{
    // Berth's guards win over every rule.
    for (int i = 0; i < images.size(); ++i) {
        RetentionDecision& d = decisions[i];
        QStringList protectedTags;
        for (const QString& t : images[i].tags) {
            if (guards.keepTags.contains(t))
                protectedTags << t;
        }
        if (d.expire && guards.keepSigned && images[i].isSigned) {
            d = {false, -1, QStringLiteral("kept: signed")};
        } else if (d.expire && !protectedTags.isEmpty() && d.byTag) {
            // Tag by tag, a protected tag stays and the image with it; its other tags still go.
            d.expire = false;
            d.untag = images[i].tags;
            d.reason += QStringLiteral(" (the image stays for its protected tag %1)").arg(protectedTags.join(QStringLiteral(", ")));
        } else if (d.expire && !protectedTags.isEmpty()) {
            d = {false, -1, QStringLiteral("kept: protected tag")};
        }
        for (const QString& t : std::as_const(protectedTags))
            d.untag.removeAll(t);
    }
    // A manifest that a kept index lists stays too: deleting it would break the index. Repeated
    // until nothing changes, for an index inside an index.
    QHash<QString, int> byDigest;
    for (int i = 0; i < images.size(); ++i)
        byDigest.insert(images[i].digest, i);
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < images.size(); ++i) {
            if (decisions[i].expire)
                continue;
            for (const QString& child : images[i].children) {
                const int c = byDigest.value(child, -1);
                if (c >= 0 && decisions[c].expire) {
                    const QString by = images[i].tags.isEmpty() ? images[i].digest.left(19) : images[i].tags.first();
                    decisions[c] = {false, -1, QStringLiteral("kept: part of the kept index %1").arg(by)};
                    changed = true;
                }
            }
        }
    }
    RetentionPlan plan;
    QMap<QString, int> keptUsers; // blob -> kept images using it
    for (int i = 0; i < images.size(); ++i) {
        if (!decisions[i].expire) {
            for (auto it = images[i].blobs.begin(); it != images[i].blobs.end(); ++it)
                keptUsers[it.key()] += 1;
        }
    }
    QMap<QString, qint64> freed;
    for (int i : std::as_const(order)) {
        const RetentionImage& image = images[i];
        const RetentionDecision& d = decisions[i];
        plan.entries << PlanEntry{image.digest, image.tags, image.pushed, image.pushedSource, d.expire, d.rulePriority, d.reason,
                                  d.expire ? QStringList() : d.untag};
        if (!d.expire)
            continue;
        for (auto it = image.blobs.begin(); it != image.blobs.end(); ++it) {
            if (!keptUsers.contains(it.key()))
                freed.insert(it.key(), it.value());
        }
    }
    for (const qint64 size : std::as_const(freed))
        plan.bytesReclaimed += size;
    return plan;
}

} // namespace berth
