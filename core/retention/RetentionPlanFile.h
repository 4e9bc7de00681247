#pragma once

#include "core/retention/Deleter.h"
#include "core/retention/Retention.h"

#include <QJsonObject>

namespace berth {

// A dry run written down for review, and read back to apply exactly what was reviewed:
// {"repository": "host/path", "entries": [{"digest", "tags", "action": "delete"|"untag"|"keep",
// "untag" (the tags an untag removes), "rule", "reason", "pushed", "pushedSource"}], "deleting",
// "untagging", "bytesReclaimed"}.
QJsonObject retentionPlanToJson(const QString& repository, const RetentionPlan& plan);

// The deletions a written plan asks for, for `repository` only: a plan made for another repository,
// or with an entry that is not a digest and tags, is refused whole.
Result<QList<DeletionRequest>> deletionRequestsFromPlanJson(const QByteArray& json, const QString& repository);

} // namespace berth
