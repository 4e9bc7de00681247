#pragma once

#include "core/base/Error.h"
#include "core/copy/ImageCopier.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace berth {

class AuditLog;
class RegistryClient;

// A mirror rule (README, "Mirror rules"): which repositories and tags of a source go where.
struct MirrorRule
{
    QString name; // what the window lists it as
    QString sourceRegistry;
    QString sourceNamespace; // "" = the whole registry
    QString destinationRegistry;
    QString destinationNamespace;
    QStringList repositories{QStringLiteral("*")}; // globs, relative to the source namespace
    QStringList tags{QStringLiteral("*")}; // globs
    QString tagRegex; // instead of the tag globs
    int latest = 0; // only the N highest versions of each repository (Berth's version order); 0 = all
    bool referrers = true;

    // From the rule's JSON ("source": "REGISTRY[/NAMESPACE]", ...); `origin` names it in errors.
    static Result<MirrorRule> fromJson(const QJsonObject& json, const QString& origin);
    QJsonObject toJson() const;
    // Whether a source repository (full path) and tag are the rule's, and where the repository goes.
    bool takesRepository(const QString& repository) const;
    bool takesTag(const QString& tag) const;
    QString destinationOf(const QString& repository) const;
};

// One image a rule copies, and how its copy (or its dry run) went.
struct MirrorItem
{
    QString sourceRepository;
    QString tag;
    QString destinationRepository;
    std::optional<Result<CopyReport>> result;
    std::shared_ptr<const QSet<QString>> sourceTags; // every tag of the source repository, as planned
};

// Plans and runs a rule between two registries: plan lists the images it takes (repositories from
// the source's family API, tags from each tag list, the latest N in version order); run copies
// them (or dry-runs them: what would move, blobs already present not counted), four at a time,
// each copy one audit-log entry ("mirror").
class MirrorRunner final : public QObject
{
    Q_OBJECT
public:
    MirrorRunner(MirrorRule rule, RegistryClient* source, RegistryClient* destination, AuditLog* audit, QObject* parent = nullptr);

    void plan(std::function<void(Result<QList<MirrorItem>>)> done);
    // `finished` is told each item's index as it ends; `done` when all have.
    void run(QList<MirrorItem> items, bool dryRun, std::function<void(int index, const MirrorItem& item)> finished,
             std::function<void(const QList<MirrorItem>& items)> done);
    void cancel();

private:
    void pump();

    MirrorRule m_rule;
    RegistryClient* m_source;
    RegistryClient* m_destination;
    AuditLog* m_audit;
    QList<MirrorItem> m_items;
    bool m_dryRun = true;
    int m_next = 0;
    int m_running = 0;
    bool m_cancelled = false;
    std::function<void(int, const MirrorItem&)> m_finished;
    std::function<void(const QList<MirrorItem>&)> m_done;
};

} // namespace berth
