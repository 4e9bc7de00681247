#include "core/retention/RetentionPlanFile.h"

#include "core/base/JsonErrors.h"
#include "core/registry/Reference.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace berth {

QJsonObject retentionPlanToJson(const QString& repository, const RetentionPlan& plan)
{
    QJsonArray entries;
    for (const PlanEntry& e : plan.entries) {
        QJsonObject entry{{QStringLiteral("digest"), e.digest},
                          {QStringLiteral("tags"), QJsonArray::fromStringList(e.tags)},
                          {QStringLiteral("action"), e.expire ? QStringLiteral("delete") : e.untag.isEmpty() ? QStringLiteral("keep") : QStringLiteral("untag")},
                          {QStringLiteral("rule"), e.rulePriority},
                          {QStringLiteral("reason"), e.reason},
                          {QStringLiteral("pushed"), e.pushed.isValid() ? e.pushed.toUTC().toString(Qt::ISODate) : QString()},
                          {QStringLiteral("pushedSource"), e.pushedSource}};
        if (!e.expire && !e.untag.isEmpty())
            entry.insert(QStringLiteral("untag"), QJsonArray::fromStringList(e.untag));
        entries.append(entry);
    }
    return QJsonObject{{QStringLiteral("repository"), repository},
                       {QStringLiteral("entries"), entries},
                       {QStringLiteral("deleting"), plan.expiring()},
                       {QStringLiteral("untagging"), plan.untagging()},
                       {QStringLiteral("bytesReclaimed"), plan.bytesReclaimed}};
}

Result<QList<DeletionRequest>> deletionRequestsFromPlanJson(const QByteArray& json, const QString& repository)
{
    auto invalid = [](const QString& why) { return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("not a usable plan: ") + why)); };
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        return invalid(describeJsonError(json, error));
    const QString madeFor = doc.value(QStringLiteral("repository")).toString();
    if (madeFor != repository)
        return invalid(QStringLiteral("it was made for %1, not %2").arg(madeFor.isEmpty() ? QStringLiteral("no repository") : madeFor, repository));
    if (!doc.value(QStringLiteral("entries")).isArray())
        return invalid(QStringLiteral("it has no entries"));
    QList<DeletionRequest> requests;
    for (const QJsonValue& value : doc.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString action = entry.value(QStringLiteral("action")).toString();
        if (action != u"delete" && action != u"keep" && action != u"untag")
            return invalid(QStringLiteral("an entry's action is \"%1\", not delete, untag or keep").arg(action));
        DeletionRequest request;
        request.digest = entry.value(QStringLiteral("digest")).toString();
        if (!isValidDigest(request.digest))
            return invalid(QStringLiteral("\"%1\" is not a digest").arg(request.digest));
        for (const QJsonValue& tag : entry.value(QStringLiteral("tags")).toArray()) {
            if (!isValidTag(tag.toString()))
                return invalid(QStringLiteral("\"%1\" is not a tag").arg(tag.toString()));
            request.tags << tag.toString();
        }
        if (action == u"delete")
            requests << request;
        if (action == u"untag") {
            DeletionRequest untag{request.digest, {}, true};
            for (const QJsonValue& tag : entry.value(QStringLiteral("untag")).toArray()) {
                if (!request.tags.contains(tag.toString()))
                    return invalid(QStringLiteral("it removes \"%1\", which is not among the image's tags").arg(tag.toString()));
                untag.tags << tag.toString();
            }
            if (untag.tags.isEmpty())
                return invalid(QStringLiteral("an untag entry names no tags"));
            requests << untag;
        }
    }
    return requests;
}

} // namespace berth
