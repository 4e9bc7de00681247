#pragma once

#include "core/retention/Retention.h"

#include <QRegularExpression>
#include <optional>

namespace berth {

// One Quay auto-prune policy (the body of POST /api/v1/repository/{repository}/autoprunepolicy/):
// it prunes *tags*, either beyond the newest `value` or older than `value` ("7d"), optionally
// only tags that match (or, with tagPatternMatches false, do not match) a regular expression.
struct QuayPrunePolicy
{
    enum class Method { NumberOfTags, CreationDate };
    Method method = Method::NumberOfTags;
    int numberOfTags = 0;
    qint64 olderThanSeconds = 0;
    QString tagPattern; // empty: every tag
    bool tagPatternMatches = true;

    QString describe() const;
};

// A repository's (and its namespace's) auto-prune policies; each prunes on its own. A tag's age is
// its image's push time (Quay keeps the tag's own; distribution does not).
struct QuayAutoPrune
{
    QList<QuayPrunePolicy> policies;

    // One policy object, an array of them, or Quay's list answer {"policies": [...]}.
    static Result<QuayAutoPrune> fromJson(const QByteArray& json);
    QByteArray toJson() const;
};

// Tag by tag: an image whose tags all go is deleted; one that keeps some loses only the others
// (tag-only deletion); untagged images are left to Quay's garbage collection.
RetentionPlan evaluateQuayAutoPrune(const QuayAutoPrune& prune, const QList<RetentionImage>& images, const QDateTime& now,
                                    const RetentionGuards& guards = {});

// "7d", "2w", "12h", "30m", "45s": Quay's time deltas, in seconds; nullopt when malformed.
std::optional<qint64> parseQuayDuration(const QString& text);

} // namespace berth
