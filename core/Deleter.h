#pragma once

#include "Error.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace berth {

class AuditLog;
class ContentStore;
class RegistryClient;

// One image to delete, with the tags the plan saw on it; or, tag-only, just those tags to remove
// from an image that stays.
struct DeletionRequest
{
    QString digest;
    QStringList tags;
    bool tagOnly = false;
};

struct RetentionPlan;
// The images a retention plan deletes, with the tags the plan saw on them, and the tags it removes.
QList<DeletionRequest> deletionRequests(const RetentionPlan& plan);

struct DeletionOutcome
{
    enum class Result { Deleted, TagMoved, NotAllowed, Failed };
    QString digest;
    QStringList tags;
    Result result = Result::Failed;
    QString message;
    bool tagOnly = false; // the tags were removed, the image stays
};

// Deletes images safely: each tag is read again first and an image whose tag moved since the plan
// is skipped; the manifest bytes are kept in the content store (for undo) before anything goes;
// every deletion is written to the audit log. One image at a time, so cancel() stops cleanly.
class Deleter final : public QObject
{
    Q_OBJECT
public:
    Deleter(RegistryClient* client, ContentStore* store, AuditLog* audit, QObject* parent = nullptr);

    void deleteImages(const QString& repository, const QList<DeletionRequest>& requests, QObject* context,
                      std::function<void(const DeletionOutcome&, int done, int total)> progress,
                      std::function<void(QList<DeletionOutcome>)> finished);
    // Removes one tag and nothing else: a registry without tag deletion (distribution) deletes a
    // manifest with all its tags, so a throw-away manifest takes the tag first and is deleted instead.
    void deleteTagOnly(const QString& repository, const QString& tag, QObject* context, std::function<void(Result<QString>)> done);
    // Puts a deleted tag back from the manifest bytes kept at deletion, if its blobs still exist.
    void restoreTag(const QString& repository, const QString& tag, const QString& digest, QObject* context,
                    std::function<void(Result<QString>)> done);
    void cancel() { m_cancelled = true; }
    // The tags the plan saw in the repository. When set, the tag list is read before deleting, and
    // an image that a tag outside these now also names (tagged since the plan) is skipped.
    void setKnownTags(const QStringList& tags) { m_knownTags = tags; }

private:
    void next(const QString& repository, std::shared_ptr<QList<DeletionRequest>> queue, std::shared_ptr<QList<DeletionOutcome>> outcomes,
              int total, QObject* context, std::function<void(const DeletionOutcome&, int, int)> progress,
              std::function<void(QList<DeletionOutcome>)> finished);
    // Tags added since the plan, by the digest they name; then the deletions.
    void removeTags(const QString& repository, const DeletionRequest& request, QStringList left, QObject* context,
                    std::function<void(DeletionOutcome)> record);
    void findNewTags(const QString& repository, QObject* context, std::function<void(Result<QHash<QString, QStringList>>)> done);
    void audit(const QString& action, const QString& repository, const QString& tag, const QString& from, const QString& to, bool ok,
               const QString& message);

    RegistryClient* m_client;
    ContentStore* m_store;
    AuditLog* m_audit;
    bool m_cancelled = false;
    std::optional<QStringList> m_knownTags;
    QHash<QString, QStringList> m_newTags; // digest -> tags that appeared since the plan
};

} // namespace berth
