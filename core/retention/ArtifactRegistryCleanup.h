#pragma once

#include "core/retention/Retention.h"

#include <optional>

namespace berth {

// One Google Artifact Registry cleanup policy, as in the file `gcloud artifacts repositories
// set-cleanup-policies --policy` takes: a Delete or Keep action with either a condition or (Keep
// only) a number of most recent versions to keep.
struct CleanupPolicy
{
    enum class TagState { Tagged, Untagged, Any };

    QString name;
    bool keep = false; // action Keep; else Delete
    // condition (every part given must hold)
    bool hasCondition = false;
    TagState tagState = TagState::Any;
    QStringList tagPrefixes; // only with tagState Tagged: Artifact Registry ignores them otherwise
    QStringList versionNamePrefixes; // a Docker version is the manifest digest
    QStringList packageNamePrefixes; // the image name
    std::optional<qint64> olderThanSeconds;
    std::optional<qint64> newerThanSeconds;
    // mostRecentVersions
    bool keepsMostRecent = false;
    int keepCount = 0;

    bool matchesPackage(const QString& package) const;
    bool matches(const RetentionImage& image, const QString& package, const QDateTime& now) const; // the condition
    QString describe() const;
};

// A repository's cleanup policies: an image goes when a Delete policy matches it and no Keep
// policy does (Keep wins, whatever the order).
struct ArtifactRegistryCleanup
{
    QList<CleanupPolicy> policies;

    static Result<ArtifactRegistryCleanup> fromJson(const QByteArray& json);
    QByteArray toJson() const;
};

// `package` is the image's name within its Artifact Registry repository, for packageNamePrefixes.
RetentionPlan evaluateArtifactRegistryCleanup(const ArtifactRegistryCleanup& cleanup, const QString& package, const QList<RetentionImage>& images,
                                              const QDateTime& now, const RetentionGuards& guards = {});


// The image name Artifact Registry calls the package: LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE
// gives IMAGE; elsewhere the whole repository path.
QString cleanupPackageName(const QString& registryHost, const QString& repositoryPath);

} // namespace berth
