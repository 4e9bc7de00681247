#include "core/retention/Deleter.h"

#include "core/base/Guarded.h"
#include "core/providers/Provider.h"
#include "core/registry/Digest.h"
#include "core/registry/RegistryClient.h"
#include "core/retention/Retention.h"
#include "core/store/AuditLog.h"
#include "core/store/ContentStore.h"

#include <QPointer>
#include <QSet>
#include <QUuid>

namespace berth {

Deleter::Deleter(RegistryClient* client, ContentStore* store, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_audit(audit)
    , m_provider(createProvider(client, this))
{
}

namespace {
// A registry that refuses deletion says so in its own words; anything else is a failure.
DeletionOutcome notDeleted(const DeletionRequest& request, const Error& error)
{
    const bool refused = error.kind == ErrorKind::Unsupported;
    return {request.digest, request.tags, refused ? DeletionOutcome::Result::NotAllowed : DeletionOutcome::Result::Failed,
            refused ? RegistryClient::deletionRefused(error) : describe(error), request.tagOnly};
}
} // namespace

QList<DeletionRequest> deletionRequests(const RetentionPlan& plan)
{
    QList<DeletionRequest> requests;
    for (const PlanEntry& e : plan.entries) {
        if (e.expire)
            requests << DeletionRequest{e.digest, e.tags, false};
        else if (!e.untag.isEmpty())
            requests << DeletionRequest{e.digest, e.untag, true};
    }
    return requests;
}

void Deleter::audit(const QString& action, const QString& repository, const QString& tag, const QString& from, const QString& to, bool ok,
                    const QString& message)
{
    if (m_audit)
        m_audit->append(AuditEntry{0, QDateTime::currentDateTimeUtc(), AuditLog::currentUser(), action, m_client->endpoint().name, repository, tag,
                                   from, to, ok, message, m_batch});
}

void Deleter::deleteImages(const QString& repository, const QList<DeletionRequest>& requests, QObject* context,
                           std::function<void(const DeletionOutcome&, int, int)> progress, std::function<void(QList<DeletionOutcome>)> finished)
{
    m_cancelled = false;
    m_otherTags.clear();
    // Every deletion of this run is one batch in the audit log, so that it can be undone as one.
    m_batch = QUuid::createUuid().toString(QUuid::WithoutBraces);
    finished = guarded<QList<DeletionOutcome>>(context, std::move(finished));
    if (!m_protectOtherTags || requests.isEmpty()) {
        next(repository, std::make_shared<QList<DeletionRequest>>(requests), std::make_shared<QList<DeletionOutcome>>(), int(requests.size()), context,
             std::move(progress), std::move(finished));
        return;
    }
    findOtherTags(repository, requests, context, [this, repository, requests, context = QPointer(context), progress, finished](Result<QHash<QString, QStringList>> others) {
        if (!others) {
            // Without the tag list nobody can tell what else a deletion would take: delete nothing.
            QList<DeletionOutcome> outcomes;
            for (const DeletionRequest& r : requests)
                outcomes << DeletionOutcome{r.digest, r.tags, DeletionOutcome::Result::Failed,
                                            QStringLiteral("not deleted: the tag list could not be read (%1)").arg(describe(others.error()))};
            finished(outcomes);
            return;
        }
        m_otherTags = *others;
        next(repository, std::make_shared<QList<DeletionRequest>>(requests), std::make_shared<QList<DeletionOutcome>>(), int(requests.size()), context,
             progress, finished);
    });
}

void Deleter::removeTags(const QString& repository, const DeletionRequest& request, QStringList left, QObject* context,
                         std::function<void(DeletionOutcome)> record)
{
    // One tag after the other; the image and its other tags stay. Each removal is audited (delete-tag).
    if (left.isEmpty()) {
        record({request.digest, request.tags, DeletionOutcome::Result::Deleted,
                QStringLiteral("removed the tags %1; the image stays").arg(request.tags.join(QStringLiteral(", "))), true});
        return;
    }
    const QString tag = left.takeFirst();
    deleteTagOnly(repository, tag, context, [this, repository, request, left, context = QPointer(context), record](Result<QString> removed) {
        if (!removed) {
            record(notDeleted(request, removed.error()));
            return;
        }
        removeTags(repository, request, left, context, record);
    });
}

void Deleter::findOtherTags(const QString& repository, const QList<DeletionRequest>& requests, QObject* context,
                            std::function<void(Result<QHash<QString, QStringList>>)> done)
{
    QSet<QString> doomed;
    QSet<QString> deletedTags; // re-read one by one before each deletion anyway
    for (const DeletionRequest& r : requests) {
        if (r.tagOnly)
            continue;
        doomed.insert(r.digest);
        for (const QString& tag : r.tags)
            deletedTags.insert(tag);
    }
    m_client->listTags(repository, context, [this, repository, doomed, deletedTags, context = QPointer(context), done](Result<QStringList> all) {
        if (!all) {
            done(std::unexpected(all.error()));
            return;
        }
        QStringList others;
        for (const QString& tag : std::as_const(*all)) {
            if (!deletedTags.contains(tag))
                others << tag;
        }
        auto found = std::make_shared<QHash<QString, QStringList>>();
        if (others.isEmpty() || doomed.isEmpty()) {
            done(*found);
            return;
        }
        // One HEAD per tag, as many at once as the connection limit allows.
        auto left = std::make_shared<int>(int(others.size()));
        for (const QString& tag : std::as_const(others)) {
            m_client->headManifest(repository, tag, context, [tag, doomed, found, left, done](Result<ManifestHead> head) {
                if (head && doomed.contains(head->digest))
                    (*found)[head->digest] << tag;
                if (--*left == 0)
                    done(*found);
            });
        }
    });
}

void Deleter::next(const QString& repository, std::shared_ptr<QList<DeletionRequest>> queue, std::shared_ptr<QList<DeletionOutcome>> outcomes,
                   int total, QObject* context, std::function<void(const DeletionOutcome&, int, int)> progress,
                   std::function<void(QList<DeletionOutcome>)> finished)
{
    if (queue->isEmpty() || m_cancelled) {
        finished(*outcomes);
        return;
    }
    const DeletionRequest request = queue->takeFirst();
    auto record = [this, repository, queue, outcomes, total, context = QPointer(context), progress, finished](DeletionOutcome outcome) {
        *outcomes << outcome;
        if (progress)
            progress(outcome, int(outcomes->size()), total);
        // A registry that refuses deletion refuses them all: stop instead of failing each one.
        if (outcome.result == DeletionOutcome::Result::NotAllowed)
            queue->clear();
        next(repository, queue, outcomes, total, context, progress, finished);
    };
    // 0. Deleting a digest deletes every tag on it: another tag naming it now stops the deletion.
    if (const auto other = m_otherTags.constFind(request.digest); !request.tagOnly && other != m_otherTags.cend()) {
        record({request.digest, request.tags, DeletionOutcome::Result::TagMoved,
                QStringLiteral("skipped: %1 now also points at it (changed since the plan)").arg(other->join(QStringLiteral(", ")))});
        return;
    }
    // 1. Every tag must still point where the plan saw it.
    auto tagsLeft = std::make_shared<int>(int(request.tags.size()));
    auto moved = std::make_shared<QStringList>();
    auto afterCheck = [this, repository, request, moved, record, context = QPointer(context)] {
        if (!moved->isEmpty()) {
            record({request.digest, request.tags, DeletionOutcome::Result::TagMoved,
                    QStringLiteral("skipped: %1 moved since the plan").arg(moved->join(QStringLiteral(", ")))});
            return;
        }
        // 2. Keep the manifest bytes for undo, then delete the image or just the tags.
        m_client->fetchManifest(repository, request.digest, context, [this, repository, request, record, context](Result<Manifest> manifest) {
            if (!manifest) {
                record({request.digest, request.tags, DeletionOutcome::Result::Failed, describe(manifest.error()), request.tagOnly});
                return;
            }
            m_store->write(manifest->digest, manifest->raw);
            if (request.tagOnly) {
                removeTags(repository, request, request.tags, context, record);
                return;
            }
            m_provider->deleteImage(repository, request.digest, request.tags, context, [this, repository, request, record, context](Result<void> deleted) {
                auto conclude = [this, repository, request, record](Result<void> result, const QString& note) {
                    DeletionOutcome outcome = result ? DeletionOutcome{request.digest, request.tags, DeletionOutcome::Result::Deleted, note}
                                                     : notDeleted(request, result.error());
                    for (const QString& tag : request.tags.isEmpty() ? QStringList{QString()} : request.tags)
                        audit(QStringLiteral("delete"), repository, tag, request.digest, {}, bool(result), outcome.message);
                    record(outcome);
                };
                // A connection cut after the registry deleted loses the answer, and the retry then
                // finds nothing to delete: ask whether the image is still there, so that the audit
                // log says what happened rather than what was heard.
                if (deleted || (deleted.error().kind != ErrorKind::Transport && deleted.error().kind != ErrorKind::NotFound)) {
                    conclude(deleted, {});
                    return;
                }
                m_client->headManifest(repository, request.digest, context, [deleted, conclude](Result<ManifestHead> head) {
                    if (!head && head.error().kind == ErrorKind::NotFound)
                        conclude({}, QStringLiteral("the registry's answer was lost, but the image is gone"));
                    else
                        conclude(deleted, {});
                });
            });
        });
    };
    if (request.tags.isEmpty()) {
        afterCheck();
        return;
    }
    for (const QString& tag : request.tags) {
        m_client->headManifest(repository, tag, context, [tag, request, tagsLeft, moved, afterCheck](Result<ManifestHead> head) {
            if (!head || head->digest != request.digest)
                moved->append(tag);
            if (--*tagsLeft == 0)
                afterCheck();
        });
    }
}

void Deleter::deleteTagOnly(const QString& repository, const QString& tag, QObject* context, std::function<void(Result<QString>)> done)
{
    done = guarded<Result<QString>>(context, std::move(done));
    // The registry's own way (Hub's tag DELETE; on distribution a throw-away manifest takes the tag).
    m_provider->deleteTag(repository, tag, context, [this, repository, tag, done](Result<QString> removed) {
        audit(QStringLiteral("delete-tag"), repository, tag, removed ? *removed : QString(), {}, bool(removed),
              removed ? QString() : describe(removed.error()));
        done(removed);
    });
}

void Deleter::restoreTag(const QString& repository, const QString& tag, const QString& digest, QObject* context,
                         std::function<void(Result<QString>)> done)
{
    done = guarded<Result<QString>>(context, std::move(done));
    if (m_provider->capabilities().restore) {
        // The registry keeps deleted images for a while and restores them itself (GHCR).
        m_provider->restoreImage(repository, digest, tag, context, [this, repository, tag, digest, done](Result<void> restored) {
            audit(QStringLiteral("undo"), repository, tag, {}, digest, bool(restored), restored ? QString() : describe(restored.error()));
            if (!restored)
                done(std::unexpected(restored.error()));
            else
                done(digest);
        });
        return;
    }
    const auto bytes = m_store->read(digest);
    if (!bytes) {
        done(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("the manifest %1 was not kept; it cannot be restored").arg(digest))));
        return;
    }
    const auto manifest = Manifest::parse(*bytes, {});
    if (!manifest) {
        done(std::unexpected(manifest.error()));
        return;
    }
    m_client->putManifest(repository, tag, *bytes, manifest->mediaType, context, [this, repository, tag, digest, done](Result<QString> pushed) {
        audit(QStringLiteral("undo"), repository, tag, {}, digest, bool(pushed),
              pushed ? QString() : describe(pushed.error()) + QStringLiteral(" (its layers may have been garbage-collected)"));
        done(pushed);
    });
}

} // namespace berth
