#include "core/retention/RetentionInventory.h"

#include "core/image/RepositoryHistory.h"
#include "core/image/TagOrdering.h"
#include "core/registry/Digest.h"

#include <QSet>
#include <algorithm>

namespace berth {

RetentionInventory RetentionInventory::fromTags(const QList<TagSummary>& rows)
{
    // One image per digest with all its tags; "pushed" is the build date, else Berth's first sighting
    // (distribution reports no push time; usePushTimes adds a registry's own).
    QMap<QString, RetentionImage> byDigest;
    for (const TagSummary& row : rows) {
        if (row.digest.isEmpty())
            continue;
        RetentionImage& image = byDigest[row.digest];
        image.digest = row.digest;
        image.tags << row.tag;
        image.blobs = row.blobs;
        image.children = row.childManifests;
        image.blobs.insert(row.digest, 0);
        if (row.created.isValid()) {
            image.pushed = row.created;
            image.pushedSource = QStringLiteral("created");
        } else if (!image.pushed.isValid()) {
            image.pushed = row.firstSeen;
            image.pushedSource = QStringLiteral("first-seen");
        }
    }
    RetentionInventory inventory;
    // A cosign signature is kept under sha256-<hex>.sig beside its image.
    QSet<QString> signatureTags;
    for (const TagSummary& row : rows) {
        if (row.tag.endsWith(QLatin1String(".sig")))
            signatureTags.insert(row.tag);
    }
    for (auto it = byDigest.begin(); it != byDigest.end(); ++it)
        it->isSigned = signatureTags.contains(digestAsTag(it->digest) + QStringLiteral(".sig"));
    for (auto it = byDigest.cbegin(); it != byDigest.cend(); ++it) {
        const bool attachment = std::all_of(it->tags.begin(), it->tags.end(), [](const QString& t) { return classifyTag(t) == TagKind::Attachment; });
        if (attachment && !it->tags.isEmpty()) {
            inventory.attachmentTags += it->tags;
            inventory.attachmentDigests << it->digest;
        } else
            inventory.images << *it;
    }
    return inventory;
}

void RetentionInventory::addRegistryImages(const PushTimes& listed)
{
    for (RetentionImage& image : images) {
        const auto found = listed.constFind(image.digest);
        if (found == listed.cend())
            continue;
        image.pushed = *found;
        image.pushedSource = QStringLiteral("registry");
    }
    addUntagged(listed, QStringLiteral("registry"));
}

void RetentionInventory::addPullTimes(const QList<ProviderTag>& tags)
{
    QHash<QString, QDateTime> latest;
    for (const ProviderTag& tag : tags) {
        if (tag.pulled.isValid() && (!latest.contains(tag.digest) || latest.value(tag.digest) < tag.pulled))
            latest.insert(tag.digest, tag.pulled);
    }
    for (RetentionImage& image : images) {
        if (const auto found = latest.constFind(image.digest); found != latest.cend())
            image.pulled = *found;
    }
}

void RetentionInventory::addFormerImages(const PushTimes& firstSeen)
{
    addUntagged(firstSeen, QStringLiteral("first-seen"));
}

QSet<QString> RetentionInventory::knownDigests() const
{
    QSet<QString> known(attachmentDigests.begin(), attachmentDigests.end());
    for (const RetentionImage& image : images)
        known.insert(image.digest);
    return known;
}

void RetentionInventory::addUntagged(const PushTimes& dated, const QString& source)
{
    const QSet<QString> known = knownDigests();
    // In digest order, so the same listing always gives the same inventory.
    QStringList untagged;
    for (auto it = dated.cbegin(); it != dated.cend(); ++it) {
        if (!known.contains(it.key()))
            untagged << it.key();
    }
    untagged.sort();
    for (const QString& digest : std::as_const(untagged)) {
        RetentionImage image;
        image.digest = digest;
        image.pushed = dated.value(digest);
        image.pushedSource = source;
        image.blobs.insert(digest, 0);
        images << image;
    }
}

QStringList RetentionInventory::orphanedBy(const RetentionPlan& plan) const
{
    QStringList orphans;
    for (const PlanEntry& e : plan.entries) {
        if (!e.expire)
            continue;
        // A cosign-style attachment tag names its subject: sha256:<hex> becomes sha256-<hex>[.sig|.att|...].
        const QString prefix = digestAsTag(e.digest);
        for (const QString& tag : attachmentTags) {
            if (tag.startsWith(prefix))
                orphans << tag;
        }
    }
    return orphans;
}

} // namespace berth
