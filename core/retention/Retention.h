#pragma once

#include "core/base/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace berth {

// One image of a repository as the retention evaluator sees it.
struct RetentionImage
{
    QString digest;
    QStringList tags; // empty: untagged
    QDateTime pushed;
    QString pushedSource; // "registry", "created" (config) or "first-seen" (Berth's observation)
    QMap<QString, qint64> blobs; // digest -> size, for the bytes a deletion frees
    bool isSigned = false; // a cosign signature is attached (sha256-<hex>.sig)
    QStringList children = {}; // for an index: the manifests it lists, which must outlive it
    QDateTime pulled = {}; // when the registry says it was last pulled; invalid when never, or not kept
};

// An ECR lifecycle rule (lifecycle_policy_parameters), with ECR's semantics.
struct LifecycleRule
{
    enum class TagStatus { Tagged, Untagged, Any };
    enum class CountType { ImageCountMoreThan, SinceImagePushed, SinceImagePulled };

    int priority = 1;
    QString description;
    TagStatus tagStatus = TagStatus::Any;
    QStringList tagPrefixList;
    QStringList tagPatternList;
    CountType countType = CountType::ImageCountMoreThan;
    int countNumber = 1;

    bool selects(const RetentionImage& image) const;
    QString describe() const; // in words, e.g. "expire tagged images (prefix prod) beyond the newest 50"
};

struct LifecyclePolicy
{
    QList<LifecycleRule> rules;

    // The ECR lifecycle policy JSON, validated as ECR does (priorities, lists, counts, wildcards).
    static Result<LifecyclePolicy> fromEcrJson(const QByteArray& json);
    QByteArray toEcrJson() const;
};

// What the evaluator decided for one image, and why.
struct PlanEntry
{
    QString digest;
    QStringList tags;
    QDateTime pushed;
    QString pushedSource;
    bool expire = false;
    int rulePriority = -1; // the rule that expired it, or that protected it; -1 for none
    QString reason;
    QStringList untag = {}; // tags removed from an image that stays (a policy that prunes tags, not images)
};

struct RetentionPlan
{
    QList<PlanEntry> entries; // newest first
    qint64 bytesReclaimed = 0; // blobs that no kept image uses: what garbage collection frees
    int expiring() const;
    int untagging() const; // images that stay but lose some tags
};

// Berth's protections on top of a policy.
struct RetentionGuards
{
    QStringList keepTags; // an image carrying one of these tags (e.g. "latest") is never deleted
    bool keepSigned = false; // nor is a signed image, when set
};

// Indexes of the images, newest first; ties by digest, so a plan never depends on input order.
QList<int> newestFirst(const QList<RetentionImage>& images);

// One image's fate under a policy, before Berth's guards.
struct RetentionDecision
{
    bool expire = false;
    int rulePriority = -1;
    QString reason;
    QStringList untag = {}; // when the image stays: the tags to remove
    bool byTag = false; // decided tag by tag: a protected tag keeps only itself, the others still go
};

// Applies the guards, lists the entries in `order` (from newestFirst) and counts the bytes garbage
// collection would free; `decisions` is indexed like `images`. Shared by the ECR and Harbor evaluators.
RetentionPlan finishRetentionPlan(const QList<RetentionImage>& images, const QList<int>& order, QList<RetentionDecision> decisions,
                                  const RetentionGuards& guards);

// Pure: inventory and policy in, plan out; the same inputs always give the same plan.
RetentionPlan evaluateRetention(const LifecyclePolicy& policy, const QList<RetentionImage>& images, const QDateTime& now,
                                const RetentionGuards& guards = {});

// Monthly storage price per GB for a registry host, from public list prices (ECR $0.10,
// Artifact Registry $0.026); -1 when unknown.
double defaultPricePerGbMonth(const QString& registryHost);

// '*' matches any run of characters (also none); the pattern covers the whole tag.
bool matchesTagPattern(const QString& pattern, const QString& tag);

} // namespace berth
