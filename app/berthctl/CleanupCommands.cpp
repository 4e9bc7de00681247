// berthctl's cleanup commands: retention plan and apply, rm, audit and undo.
#include "Commands.h"
#include "CommandSupport.h"
#include "core/image/RepositoryHistory.h"
#include "core/providers/Provider.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"
#include "core/retention/Deleter.h"
#include "core/retention/InventoryCompleter.h"
#include "core/retention/Retention.h"
#include "core/retention/RetentionInventory.h"
#include "core/retention/RetentionPlanFile.h"
#include "core/retention/RetentionPolicyFile.h"
#include "core/store/AuditLog.h"
#include "CtlSession.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace berth::ctl {

namespace {
void printPlan(CtlSession& session, const Reference& ref, const RetentionPlan& plan, const QStringList& orphans, double price, double saving,
               const QString& deletionProblem, const ProviderCapabilities& deletion);
void applyPlan(CtlSession& session, RegistryClient* client, const Reference& ref, const QList<DeletionRequest>& requests, const Exit& exit);
void evaluatePlan(CtlSession& session, RegistryClient* client, const Reference& ref, const RetentionPolicyFile& policy,
                  const RetentionInventory& inventory, bool apply, const RetentionOptions& options, const Exit& exit);
void planWithPolicy(CtlSession& session, RegistryClient* client, const Reference& ref, const RetentionPolicyFile& policy, bool apply,
                    const RetentionOptions& options, const Exit& exit);
void deletePlanned(CtlSession& session, RegistryClient* client, const Reference& ref, const QList<DeletionRequest>& requests, AuditLog* audit,
                   const Exit& exit);

Result<RetentionPolicyFile> readPolicy(const QString& policyFile, const QString& command)
{
    QFile file(policyFile);
    if (policyFile.isEmpty())
        return std::unexpected(usage(QStringLiteral("retention %1 needs --policy FILE: an ECR lifecycle policy, a Harbor retention policy, an Artifact "
                                                          "Registry cleanup policy file or Quay auto-prune policies (JSON)")
                                               .arg(command)));
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(usage(QStringLiteral("cannot read %1: %2").arg(policyFile, file.errorString())));
    return RetentionPolicyFile::fromJson(file.readAll());
}
} // namespace

void runRetentionCheck(CtlSession& session, const QString& policyFile, Exit exit)
{
    const auto policy = readPolicy(policyFile, QStringLiteral("check"));
    if (!policy) {
        exit(session.fail(policy.error()));
        return;
    }
    // --json: the policy as ECR or Harbor takes it, normalised (rules in priority order).
    if (session.options().json) {
        printJson(QJsonDocument::fromJson(policy->toJson()).object());
        exit(0);
        return;
    }
    if (const auto* harbor = std::get_if<HarborRetentionPolicy>(&policy->policy)) {
        std::printf("Harbor retention policy: images that no enabled rule retains are deleted\n");
        for (const HarborRetentionRule& rule : harbor->rules)
            std::printf("  rule %d%s: %s\n", rule.priority, rule.disabled ? " (disabled)" : "", qPrintable(rule.describe()));
    } else if (const auto* quay = std::get_if<QuayAutoPrune>(&policy->policy)) {
        std::printf("Quay auto-prune policies: each prunes tags on its own; an image goes when all its tags do\n");
        for (qsizetype i = 0; i < quay->policies.size(); ++i)
            std::printf("  policy %d: %s\n", int(i + 1), qPrintable(quay->policies[i].describe()));
    } else if (const auto* cleanup = std::get_if<ArtifactRegistryCleanup>(&policy->policy)) {
        std::printf("Artifact Registry cleanup policies: an image goes when a Delete policy matches it and no Keep policy does\n");
        for (qsizetype i = 0; i < cleanup->policies.size(); ++i)
            std::printf("  policy %d: %s\n", int(i + 1), qPrintable(cleanup->policies[i].describe()));
    } else {
        std::printf("ECR lifecycle policy: rules apply in priority order; an image is decided by the first rule that selects it\n");
        for (const LifecycleRule& rule : std::get<LifecyclePolicy>(policy->policy).rules)
            std::printf("  rule %d: %s%s\n", rule.priority, qPrintable(rule.describe()),
                        rule.description.isEmpty() ? "" : qPrintable(QStringLiteral(" (\"%1\")").arg(rule.description)));
    }
    std::fflush(stdout);
    exit(0);
}

void runRetentionPlan(CtlSession& session, const QStringList& args, const RetentionOptions& options, Exit exit)
{
    const QString policyFile = options.policyFile;
    const bool apply = options.apply;
    Reference ref;
    RegistryClient* client = session.clientForArgument(
        args, QStringLiteral("usage: berthctl retention plan REPO --policy FILE [--json]"), false, &ref, exit);
    if (!client)
        return;
    // A reviewed plan is applied as it was written: exactly its deletions, each tag re-read first.
    if (apply && !options.planFile.isEmpty()) {
        if (!policyFile.isEmpty()) {
            exit(session.fail(usage(QStringLiteral("retention apply takes --policy or --plan, not both"))));
            return;
        }
        QFile file(options.planFile);
        if (!file.open(QIODevice::ReadOnly)) {
            exit(session.fail(usage(QStringLiteral("cannot read %1: %2").arg(options.planFile, file.errorString()))));
            return;
        }
        const auto requests = deletionRequestsFromPlanJson(file.readAll(), ref.name());
        if (!requests) {
            exit(session.fail(requests.error()));
            return;
        }
        applyPlan(session, client, ref, *requests, exit);
        return;
    }
    Provider* provider = createProvider(client, &session);
    if (policyFile.isEmpty() && provider->capabilities().registryPolicy) {
        // Registries that run a cleanup policy themselves (ECR, Quay): without --policy, plan with the repository's own.
        provider->registryPolicy(ref.path, &session, [&session, client, ref, apply, options, kind = provider->kind(), exit](Result<std::optional<RegistryPolicy>> own) {
            if (own && !own->has_value()) {
                exit(session.fail(usage(QStringLiteral("%1 has no cleanup policy of its own; give one with --policy FILE").arg(ref.name()))));
                return;
            }
            const auto policy = own ? RetentionPolicyFile::fromJson((*own)->text) : Result<RetentionPolicyFile>(std::unexpected(own.error()));
            if (!policy) {
                exit(session.fail(policy.error()));
                return;
            }
            std::fprintf(stderr, "berthctl: planning with %s's own cleanup policy (%s, %s)\n", qPrintable(ref.name()), qPrintable(providerDisplayName(kind)),
                         qPrintable((*own)->format));
            planWithPolicy(session, client, ref, *policy, apply, options, exit);
        });
        return;
    }
    const auto policy = readPolicy(policyFile, apply ? QStringLiteral("apply") : QStringLiteral("plan"));
    if (!policy) {
        exit(session.fail(policy.error()));
        return;
    }
    planWithPolicy(session, client, ref, *policy, apply, options, exit);
}

namespace {

void planWithPolicy(CtlSession& session, RegistryClient* client, const Reference& ref, const RetentionPolicyFile& policy, bool apply,
                    const RetentionOptions& options, const Exit& exit)
{
    const auto log = session.observationLog();
    if (!log) {
        exit(session.fail(log.error()));
        return;
    }
    auto* history = new RepositoryHistory(client, &session.contentStore(), *log, &session);
    history->load(ref.path, &session, [&session, client, history, log = *log, ref, policy, apply, options, exit](Result<QList<TagSummary>> rows) {
        history->waitForWrites();
        if (!rows) {
            exit(session.fail(rows.error()));
            return;
        }
        auto* completer = new InventoryCompleter(client, log, &session);
        completer->complete(ref.path, RetentionInventory::fromTags(*rows), &session,
                            [&session, client, completer, ref, policy, apply, options, exit](CompletedInventory completed) {
                                completer->deleteLater();
                                if (completed.listingProblem)
                                    std::fprintf(stderr, "berthctl: warning: the registry's push times could not be read (%s); using build dates instead\n",
                                                 qPrintable(describe(*completed.listingProblem)));
                                evaluatePlan(session, client, ref, policy, completed.inventory, apply, options, exit);
                            });
    });
}

void evaluatePlan(CtlSession& session, RegistryClient* client, const Reference& ref, const RetentionPolicyFile& policy,
                  const RetentionInventory& inventory, bool apply, const RetentionOptions& options, const Exit& exit)
{
    const RetentionPlan plan = policy.evaluate(inventory.images, QDateTime::currentDateTimeUtc(), RetentionGuards{options.keepTags, options.keepSigned},
                                               cleanupPackageName(client->endpoint().apiHost, ref.path));
    const QStringList orphans = inventory.orphanedBy(plan);
    const double price = options.pricePerGbMonth >= 0 ? options.pricePerGbMonth : defaultPricePerGbMonth(client->endpoint().apiHost);
    const double saving = price >= 0 ? double(plan.bytesReclaimed) / 1e9 * price : -1;
    for (const QString& orphan : std::as_const(orphans))
        std::fprintf(stderr, "berthctl: warning: %s (a signature, SBOM or referrer list) would be left without its image\n", qPrintable(orphan));
    if (apply) {
        applyPlan(session, client, ref, deletionRequests(plan), exit);
        return;
    }
    // The dry run also says whether applying it could work, so nobody learns that half-way.
    Provider* provider = createProvider(client, &session);
    provider->checkDelete(ref.path, &session, [&session, ref, plan, orphans, price, saving, caps = provider->capabilities(), exit](Result<void> mayDelete) {
        printPlan(session, ref, plan, orphans, price, saving, mayDelete ? QString() : describe(mayDelete.error()), caps);
        exit(0);
    });
}

} // namespace

namespace {

void printPlan(CtlSession& session, const Reference& ref, const RetentionPlan& plan, const QStringList& orphans, double price, double saving,
               const QString& deletionProblem, const ProviderCapabilities& deletion)
{
    // How the registry deletes: by manifest (every tag on it goes) or tag by tag (Docker Hub).
    const QString method = deletion.deleteImage ? QStringLiteral("manifest") : QStringLiteral("tags");
    if (session.options().json) {
        QJsonObject out = retentionPlanToJson(ref.name(), plan);
        out.insert(QStringLiteral("deletionMethod"), method);
        // Each deletion says how it goes, and what the registry keeps.
        QJsonArray entries = out.value(QStringLiteral("entries")).toArray();
        for (QJsonValueRef value : entries) {
            QJsonObject entry = value.toObject();
            const QString action = entry.value(QStringLiteral("action")).toString();
            if (action == u"delete")
                entry.insert(QStringLiteral("deletion"), deletion.deleteImage ? QStringLiteral("manifest, with every tag on it")
                                                                              : QStringLiteral("each tag; the registry keeps the image until its own cleanup"));
            else if (action == u"untag")
                entry.insert(QStringLiteral("deletion"), QStringLiteral("the listed tags; the image stays"));
            value = entry;
        }
        out.insert(QStringLiteral("entries"), entries);
        out.insert(QStringLiteral("deletionNote"), deletion.deletionNote);
        out.insert(QStringLiteral("orphanedAttachments"), QJsonArray::fromStringList(orphans));
        if (saving >= 0)
            out.insert(QStringLiteral("monthlySaving"), saving);
        out.insert(QStringLiteral("deletionAllowed"), deletionProblem.isEmpty());
        if (!deletionProblem.isEmpty())
            out.insert(QStringLiteral("deletionProblem"), deletionProblem);
        printJson(out);
    } else {
        // DATE is what the plan ages by; FROM says where that date comes from (the registry's push
        // record, or the image's own "created" when the registry keeps none).
        std::printf("%-7s %-19s %-20s %-10s %s\n", "ACTION", "DIGEST", "DATE", "FROM", "TAGS / REASON");
        for (const PlanEntry& e : plan.entries)
            std::printf("%-7s %-19s %-20s %-10s %s  (%s)\n", e.expire ? "delete" : e.untag.isEmpty() ? "keep" : "untag", qPrintable(e.digest.left(19)),
                        qPrintable(isoDate(e.pushed)), qPrintable(e.pushedSource), qPrintable(e.tags.join(QStringLiteral(", "))),
                        qPrintable(e.reason));
        if (plan.untagging() > 0)
            std::printf("%d images would lose some tags and stay (tag-only deletion).\n", plan.untagging());
        // The registry's deletion note says once how (and when) the space comes back.
        std::printf("Dry run: %d of %lld images would be deleted (%s); nothing was deleted.\n", plan.expiring(),
                    static_cast<long long>(plan.entries.size()), qPrintable(humanSize(plan.bytesReclaimed)));
        if (saving >= 0)
            std::printf("At %.3f USD per GB-month that saves %.2f USD a month.\n", price, saving);
        std::printf("%s\n", qPrintable(deletion.deletionNote));
        if (!deletionProblem.isEmpty())
            std::printf("Applying this plan would fail: %s\n", qPrintable(deletionProblem));
    }
    std::fflush(stdout);
}

void applyPlan(CtlSession& session, RegistryClient* client, const Reference& ref, const QList<DeletionRequest>& requests, const Exit& exit)
{
    const auto audit = session.auditLog();
    if (!audit) {
        exit(session.fail(audit.error()));
        return;
    }
    // Find out first whether this login may delete at all, rather than fail on the first image.
    createProvider(client, &session)->checkDelete(ref.path, &session, [&session, client, ref, requests, audit = *audit, exit](Result<void> mayDelete) {
        if (!mayDelete && !requests.isEmpty()) {
            exit(session.fail(mayDelete.error()));
            return;
        }
        deletePlanned(session, client, ref, requests, audit, exit);
    });
}

void deletePlanned(CtlSession& session, RegistryClient* client, const Reference& ref, const QList<DeletionRequest>& requests, AuditLog* audit,
                   const Exit& exit)
{
    auto* deleter = new Deleter(client, &session.contentStore(), audit, &session);
    deleter->setProtectOtherTags(true);
    deleter->deleteImages(
        ref.path, requests, &session,
        [](const DeletionOutcome& o, int done, int total) {
            const char* what = o.result == DeletionOutcome::Result::Deleted ? (o.tagOnly ? "untagged" : "deleted")
                : o.result == DeletionOutcome::Result::TagMoved             ? "skipped"
                                                                            : "failed";
            std::fprintf(stderr, "[%d/%d] %s %s (%s)%s%s\n", done, total, what, qPrintable(o.digest.left(19)), qPrintable(o.tags.join(QStringLiteral(", "))),
                         o.message.isEmpty() ? "" : ": ", qPrintable(o.message));
        },
        [&session, ref, exit](QList<DeletionOutcome> outcomes) {
            int deleted = 0;
            int untagged = 0;
            int problems = 0;
            QJsonArray items;
            for (const DeletionOutcome& o : outcomes) {
                const QString result = o.result == DeletionOutcome::Result::Deleted && o.tagOnly ? QStringLiteral("untagged")
                    : o.result == DeletionOutcome::Result::Deleted                ? QStringLiteral("deleted")
                    : o.result == DeletionOutcome::Result::TagMoved                ? QStringLiteral("skipped-moved")
                    : o.result == DeletionOutcome::Result::NotAllowed              ? QStringLiteral("not-allowed")
                                                                                    : QStringLiteral("failed");
                deleted += o.result == DeletionOutcome::Result::Deleted && !o.tagOnly ? 1 : 0;
                untagged += o.result == DeletionOutcome::Result::Deleted && o.tagOnly ? 1 : 0;
                problems += o.result == DeletionOutcome::Result::Deleted ? 0 : 1;
                items.append(QJsonObject{{QStringLiteral("digest"), o.digest}, {QStringLiteral("tags"), QJsonArray::fromStringList(o.tags)},
                                         {QStringLiteral("result"), result}, {QStringLiteral("message"), o.message}});
            }
            if (session.options().json)
                printJson({{QStringLiteral("repository"), ref.name()}, {QStringLiteral("outcomes"), items}});
            else
                std::printf("Deleted %d images%s. Space returns after the registry's garbage collection runs. "
                            "'berthctl audit' lists what went; 'berthctl undo ID' puts a tag back.\n", deleted,
                            untagged ? qPrintable(QStringLiteral(" and removed tags from %1 more, which stay").arg(untagged)) : "");
            std::fflush(stdout);
            exit(problems ? 1 : 0);
        });
}

} // namespace

namespace {

void removeTag(CtlSession& session, Deleter* deleter, const Reference& ref, const Exit& exit)
{
    deleter->deleteTagOnly(ref.path, ref.tag, &session, [&session, ref, exit](Result<QString> previous) {
        if (!previous) {
            exit(session.fail(previous.error()));
            return;
        }
        std::printf("Removed the tag %s (it pointed at %s); the image and its other tags stay.\n", qPrintable(ref.toString()), qPrintable(*previous));
        exit(0);
    });
}

void deleteOneImage(CtlSession& session, Deleter* deleter, const Reference& ref, const QString& digest, const QStringList& tags, const Exit& exit)
{
    deleter->deleteImages(ref.path, {DeletionRequest{digest, tags}}, &session, {}, [&session, digest, exit](QList<DeletionOutcome> outcomes) {
        const DeletionOutcome o = outcomes.value(0);
        if (o.result != DeletionOutcome::Result::Deleted) {
            exit(session.fail(Error::make(o.result == DeletionOutcome::Result::NotAllowed ? ErrorKind::Unsupported : ErrorKind::Protocol, o.message)));
            return;
        }
        std::printf("Deleted %s and every tag that pointed at it. Space returns after the registry's garbage collection.\n", qPrintable(digest));
        exit(0);
    });
}

void removeImage(CtlSession& session, RegistryClient* client, Deleter* deleter, const Reference& ref, const Exit& exit)
{
    client->headManifest(ref.path, referenceOf(ref), &session, [&session, client, deleter, ref, exit](Result<ManifestHead> head) {
        if (!head) {
            session.failReading(client, ref, head.error(), exit);
            return;
        }
        const QString digest = ref.digest.isEmpty() ? head->digest : ref.digest;
        Provider* provider = deleter->provider();
        if (provider->capabilities().deleteImage) {
            deleteOneImage(session, deleter, ref, digest, ref.tag.isEmpty() || !ref.digest.isEmpty() ? QStringList{} : QStringList{ref.tag}, exit);
            return;
        }
        // A registry that deletes tags, not digests (Docker Hub): every tag naming the image goes.
        provider->listTags(ref.path, &session, [&session, deleter, ref, digest, exit](Result<QList<ProviderTag>> tags) {
            if (!tags) {
                exit(session.fail(tags.error()));
                return;
            }
            QStringList naming;
            for (const ProviderTag& tag : std::as_const(*tags)) {
                if (tag.digest == digest)
                    naming << tag.name;
            }
            deleteOneImage(session, deleter, ref, digest, naming, exit);
        });
    });
}

} // namespace

void runRemove(CtlSession& session, const QStringList& args, bool tagOnly, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(args, QStringLiteral("usage: berthctl rm REF [--tag-only]"), true, &ref, exit);
    if (!client)
        return;
    if (tagOnly && (ref.tag.isEmpty() || !args.first().contains(QLatin1Char(':')))) {
        exit(session.fail(usage(QStringLiteral("--tag-only needs a tag: berthctl rm REPO:TAG --tag-only"))));
        return;
    }
    const auto audit = session.auditLog();
    if (!audit) {
        exit(session.fail(audit.error()));
        return;
    }
    auto* deleter = new Deleter(client, &session.contentStore(), *audit, &session);
    // Say up front when this login or registry cannot delete, before any tag is touched.
    deleter->provider()->checkDelete(ref.path, &session, [&session, client, deleter, ref, tagOnly, exit](Result<void> mayDelete) {
        if (!mayDelete) {
            exit(session.fail(mayDelete.error()));
            return;
        }
        if (tagOnly)
            removeTag(session, deleter, ref, exit);
        else
            removeImage(session, client, deleter, ref, exit);
    });
}

void runAudit(CtlSession& session, const QStringList& args, Exit exit)
{
    Q_UNUSED(args);
    const auto audit = session.auditLog();
    if (!audit) {
        exit(session.fail(audit.error()));
        return;
    }
    const QList<AuditEntry> entries = (*audit)->entries();
    if (session.options().json) {
        QJsonArray items;
        for (const AuditEntry& e : entries)
            items.append(QJsonObject{{QStringLiteral("id"), e.id}, {QStringLiteral("at"), isoDate(e.at)}, {QStringLiteral("user"), e.user},
                                     {QStringLiteral("action"), e.action}, {QStringLiteral("registry"), e.registry},
                                     {QStringLiteral("repository"), e.repository}, {QStringLiteral("tag"), e.tag},
                                     {QStringLiteral("fromDigest"), e.fromDigest}, {QStringLiteral("toDigest"), e.toDigest},
                                     {QStringLiteral("succeeded"), e.succeeded}, {QStringLiteral("message"), e.message}});
        printJson({{QStringLiteral("entries"), items}});
    } else {
        if (entries.isEmpty())
            std::printf("No deletions, retags or copies recorded.\n");
        for (const AuditEntry& e : entries)
            std::printf("%5lld %s %-8s %-10s %s/%s:%s %s%s\n", static_cast<long long>(e.id), qPrintable(isoDate(e.at)), qPrintable(e.user),
                        qPrintable(e.action), qPrintable(e.registry), qPrintable(e.repository), qPrintable(e.tag),
                        qPrintable((e.fromDigest.isEmpty() ? e.toDigest : e.fromDigest).left(19)), e.succeeded ? "" : "  FAILED");
    }
    std::fflush(stdout);
    exit(0);
}

void runUndo(CtlSession& session, const QStringList& args, Exit exit)
{
    bool ok = false;
    const qint64 id = args.value(0).toLongLong(&ok);
    if (args.size() != 1 || !ok) {
        exit(session.fail(usage(QStringLiteral("usage: berthctl undo AUDIT_ID (see berthctl audit)"))));
        return;
    }
    const auto audit = session.auditLog();
    if (!audit) {
        exit(session.fail(audit.error()));
        return;
    }
    const auto entry = (*audit)->entry(id);
    if (!entry || !entry->succeeded || (entry->action != u"delete" && entry->action != u"delete-tag") || entry->tag.isEmpty()) {
        exit(session.fail(Error::make(ErrorKind::NotFound, QStringLiteral("audit entry %1 is not a deletion of a tag that can be undone").arg(id))));
        return;
    }
    const auto endpoint = session.endpointFor(entry->registry);
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    auto* deleter = new Deleter(session.clientFor(*endpoint), &session.contentStore(), *audit, &session);
    deleter->restoreTag(entry->repository, entry->tag, entry->fromDigest, &session, [&session, entry = *entry, exit](Result<QString> restored) {
        if (!restored) {
            exit(session.fail(restored.error()));
            return;
        }
        std::printf("Restored %s/%s:%s to %s.\n", qPrintable(entry.registry), qPrintable(entry.repository), qPrintable(entry.tag), qPrintable(*restored));
        exit(0);
    });
}

} // namespace berth::ctl
