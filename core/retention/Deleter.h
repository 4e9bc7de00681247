#pragma once

#include "core/base/Error.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>

namespace berth {

class AuditLog;
class ContentStore;
class Provider;
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
    // Removes one tag and nothing else, the registry's own way (Provider::deleteTag); audited.
    void deleteTagOnly(const QString& repository, const QString& tag, QObject* context, std::function<void(Result<QString>)> done);
    // Puts a deleted tag back from the manifest bytes kept at deletion, if its blobs still exist.
    void restoreTag(const QString& repository, const QString& tag, const QString& digest, QObject* context,
                    std::function<void(Result<QString>)> done);
    void cancel() { m_cancelled = true; }
    // The registry family's API that deletes (how deletion goes there: provider()->capabilities()).
    Provider* provider() const { return m_provider; }
    // For plans: before deleting, every tag of the repository outside the deletions is read, and an
    // image that one of them now names (tagged or moved onto it since the plan) is skipped, since
    // deleting its digest would take that tag too. Off for `rm`, which means the image, all tags.
    void setProtectOtherTags(bool protect) { m_protectOtherTags = protect; }

private:
    void next(const QString& repository, std::shared_ptr<QList<DeletionRequest>> queue, std::shared_ptr<QList<DeletionOutcome>> outcomes,
              int total, QObject* context, std::function<void(const DeletionOutcome&, int, int)> progress,
              std::function<void(QList<DeletionOutcome>)> finished);
    // Removes `left` one tag after the other, then records the request's outcome.
    void removeTags(const QString& repository, const DeletionRequest& request, QStringList left, QObject* context,
                    std::function<void(DeletionOutcome)> record);
    // The tags outside `requests` that name an image `requests` deletes, by digest.
    void findOtherTags(const QString& repository, const QList<DeletionRequest>& requests, QObject* context,
                       std::function<void(Result<QHash<QString, QStringList>>)> done);
    void audit(const QString& action, const QString& repository, const QString& tag, const QString& from, const QString& to, bool ok,
               const QString& message);

    RegistryClient* m_client;
    ContentStore* m_store;
    AuditLog* m_audit;
    QString m_batch; // of the running deleteImages, for the audit log
    Provider* m_provider; // child of this deleter
    bool m_cancelled = false;
    bool m_protectOtherTags = false;
    QHash<QString, QStringList> m_otherTags; // digest to delete -> tags outside the deletions that name it
};

} // namespace berth
