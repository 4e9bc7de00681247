#include "core/retention/QuayAutoPrune.h"

#include "core/base/JsonErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace berth {

std::optional<qint64> parseQuayDuration(const QString& text)
{
    if (text.size() < 2)
        return std::nullopt;
    bool ok = false;
    const qint64 number = text.left(text.size() - 1).toLongLong(&ok);
    if (!ok || number <= 0)
        return std::nullopt;
    switch (text.back().unicode()) {
    case 's':
        return number;
    case 'm':
        return number * 60;
    case 'h':
        return number * 3600;
    case 'd':
        return number * 86400;
    case 'w':
        return number * 7 * 86400;
    default:
        return std::nullopt;
    }
}

QString QuayPrunePolicy::describe() const
{
    const QString which = tagPattern.isEmpty() ? QStringLiteral("tags")
        : tagPatternMatches                    ? QStringLiteral("tags matching /%1/").arg(tagPattern)
                                               : QStringLiteral("tags not matching /%1/").arg(tagPattern);
    if (method == Method::NumberOfTags)
        return QStringLiteral("prune %1 beyond the newest %2").arg(which).arg(numberOfTags);
    return olderThanSeconds % 86400 == 0 ? QStringLiteral("prune %1 older than %2 days").arg(which).arg(olderThanSeconds / 86400)
                                         : QStringLiteral("prune %1 older than %2 s").arg(which).arg(olderThanSeconds);
}

Result<QuayAutoPrune> QuayAutoPrune::fromJson(const QByteArray& json)
{
    auto invalid = [](const QString& why) { return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("invalid Quay auto-prune policy: ") + why)); };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(describeJsonError(json, error));
    QJsonArray list;
    if (doc.isArray())
        list = doc.array();
    else if (doc.object().value(QStringLiteral("policies")).isArray())
        list = doc.object().value(QStringLiteral("policies")).toArray();
    else
        list.append(doc.object());
    if (list.isEmpty())
        return invalid(QStringLiteral("no policies"));
    QuayAutoPrune prune;
    int index = 0;
    for (const QJsonValue& value : std::as_const(list)) {
        ++index;
        const QJsonObject p = value.toObject();
        QuayPrunePolicy policy;
        const QString method = p.value(QStringLiteral("method")).toString();
        const QJsonValue amount = p.value(QStringLiteral("value"));
        if (method == u"number_of_tags") {
            policy.method = QuayPrunePolicy::Method::NumberOfTags;
            policy.numberOfTags = amount.isString() ? amount.toString().toInt() : amount.toInt(-1);
            if (policy.numberOfTags < 1)
                return invalid(QStringLiteral("policy %1: number_of_tags needs a value of 1 or more").arg(index));
        } else if (method == u"creation_date") {
            policy.method = QuayPrunePolicy::Method::CreationDate;
            const auto seconds = parseQuayDuration(amount.toString());
            if (!seconds)
                return invalid(QStringLiteral("policy %1: creation_date needs a time such as \"7d\", \"2w\" or \"12h\"").arg(index));
            policy.olderThanSeconds = *seconds;
        } else {
            return invalid(QStringLiteral("policy %1: method must be number_of_tags or creation_date, not \"%2\"").arg(index).arg(method));
        }
        policy.tagPattern = p.value(QStringLiteral("tagPattern")).toString();
        policy.tagPatternMatches = p.value(QStringLiteral("tagPatternMatches")).toBool(true);
        if (!policy.tagPattern.isEmpty() && !QRegularExpression(policy.tagPattern).isValid())
            return invalid(QStringLiteral("policy %1: tagPattern /%2/ is not a regular expression").arg(index).arg(policy.tagPattern));
        prune.policies << policy;
    }
    return prune;
}

QByteArray QuayAutoPrune::toJson() const
{
    QJsonArray out;
    for (const QuayPrunePolicy& p : policies) {
        QJsonObject policy{{QStringLiteral("method"), p.method == QuayPrunePolicy::Method::NumberOfTags ? QStringLiteral("number_of_tags")
                                                                                                        : QStringLiteral("creation_date")}};
        if (p.method == QuayPrunePolicy::Method::NumberOfTags)
            policy.insert(QStringLiteral("value"), p.numberOfTags);
        else
            policy.insert(QStringLiteral("value"), p.olderThanSeconds % 86400 == 0 ? QStringLiteral("%1d").arg(p.olderThanSeconds / 86400)
                                                                                   : QStringLiteral("%1s").arg(p.olderThanSeconds));
        if (!p.tagPattern.isEmpty()) {
            policy.insert(QStringLiteral("tagPattern"), p.tagPattern);
            policy.insert(QStringLiteral("tagPatternMatches"), p.tagPatternMatches);
        }
        out.append(policy);
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

RetentionPlan evaluateQuayAutoPrune(const QuayAutoPrune& prune, const QList<RetentionImage>& images, const QDateTime& now,
                                    const RetentionGuards& guards)
{
    const QList<int> order = newestFirst(images);
    QList<QStringList> pruned(images.size());
    QList<int> prunedBy(images.size(), -1); // the first policy that pruned one of its tags
    QList<QStringList> sortedTags(images.size()); // tags of one image count in name order
    for (int i = 0; i < images.size(); ++i) {
        sortedTags[i] = images[i].tags;
        sortedTags[i].sort();
    }
    for (qsizetype p = 0; p < prune.policies.size(); ++p) {
        const QuayPrunePolicy& policy = prune.policies[p];
        QRegularExpression pattern(policy.tagPattern);
        pattern.optimize();
        int seen = 0; // tags this policy counts, newest image first
        const QDateTime limit = now.addSecs(-policy.olderThanSeconds);
        for (int i : std::as_const(order)) {
            for (const QString& tag : std::as_const(sortedTags[i])) {
                if (!policy.tagPattern.isEmpty() && pattern.match(tag).hasMatch() != policy.tagPatternMatches)
                    continue;
                const bool goes = policy.method == QuayPrunePolicy::Method::NumberOfTags ? ++seen > policy.numberOfTags : images[i].pushed < limit;
                if (goes && !pruned[i].contains(tag)) {
                    pruned[i] << tag;
                    if (prunedBy[i] < 0)
                        prunedBy[i] = int(p);
                }
            }
        }
    }
    QList<RetentionDecision> decisions(images.size());
    for (int i = 0; i < images.size(); ++i) {
        RetentionDecision& d = decisions[i];
        d.byTag = true;
        if (images[i].tags.isEmpty()) {
            d.reason = QStringLiteral("kept: untagged (Quay's garbage collection removes it, not auto-prune)");
        } else if (pruned[i].isEmpty()) {
            d.reason = QStringLiteral("kept: no policy prunes its tags");
        } else {
            d.rulePriority = prunedBy[i] + 1;
            const QString why = QStringLiteral("policy %1: %2").arg(d.rulePriority).arg(prune.policies[prunedBy[i]].describe());
            d.expire = std::all_of(images[i].tags.begin(), images[i].tags.end(), [&](const QString& t) { return pruned[i].contains(t); });
            if (!d.expire)
                d.untag = pruned[i];
            QStringList stay;
            for (const QString& tag : images[i].tags) {
                if (!pruned[i].contains(tag))
                    stay << tag;
            }
            d.reason = d.expire ? why : QStringLiteral("%1; %2 stay").arg(why, stay.join(QStringLiteral(", ")));
        }
    }
    return finishRetentionPlan(images, order, decisions, guards);
}

} // namespace berth
