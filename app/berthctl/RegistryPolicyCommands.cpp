// berthctl retention policy show|preview|put: the cleanup policy a registry runs itself (ECR's
// lifecycle policy, Harbor's tag retention, Artifact Registry's cleanup policies, Quay's
// auto-prune), read, previewed by the registry and written back.
#include "CommandSupport.h"
#include "Commands.h"
#include "CtlSession.h"
#include "core/providers/Provider.h"
#include "core/registry/Reference.h"
#include "core/retention/RegistryPreviewComparison.h"
#include "core/retention/RetentionPolicyFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace berth::ctl {

namespace {

    const QString kUsage = QStringLiteral("usage: berthctl retention policy show|preview|put REPO [--policy FILE] [--yes] [--json]");

    void showPolicy(CtlSession& session, Provider* provider, const Reference& ref, const Exit& exit)
    {
        provider->registryPolicy(ref.path, &session, [&session, ref, kind = provider->kind(), exit](Result<std::optional<RegistryPolicy>> policy) {
            if (!policy) {
                exit(session.fail(policy.error()));
                return;
            }
            if (session.options().json) {
                QJsonObject out{{QStringLiteral("repository"), ref.name()}, {QStringLiteral("policy"), QJsonValue::Null}};
                if (policy->has_value()) {
                    out.insert(QStringLiteral("format"), (*policy)->format);
                    // An object (ECR, Harbor, Quay) or a list of policies (Artifact Registry), as the registry keeps it.
                    const QJsonDocument text = QJsonDocument::fromJson((*policy)->text);
                    out.insert(QStringLiteral("policy"), text.isArray() ? QJsonValue(text.array()) : QJsonValue(text.object()));
                    out.insert(QStringLiteral("lastEvaluated"), preciseDate((*policy)->lastEvaluated));
                    out.insert(QStringLiteral("note"), (*policy)->note.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue((*policy)->note));
                }
                printJson(out);
                exit(0);
                return;
            }
            if (!policy->has_value()) {
                std::printf("%s has no cleanup policy of its own (%s).\n", qPrintable(ref.name()), qPrintable(providerDisplayName(kind)));
                exit(0);
                return;
            }
            const RegistryPolicy& own = **policy;
            std::printf("%s cleanup policy of %s (%s)%s:\n", qPrintable(providerDisplayName(kind)), qPrintable(ref.name()), qPrintable(own.format),
                        own.lastEvaluated.isValid() ? qPrintable(QStringLiteral(", last evaluated %1").arg(own.lastEvaluated.toString(Qt::ISODate))) : "");
            const QJsonDocument parsed = QJsonDocument::fromJson(own.text);
            std::fputs(parsed.isNull() ? own.text.constData() : parsed.toJson(QJsonDocument::Indented).constData(), stdout);
            if (!own.note.isEmpty())
                std::printf("Note: %s\n", qPrintable(own.note));
            std::printf("Berth's dry run of it: berthctl retention plan %s\n", qPrintable(ref.name()));
            exit(0);
        });
    }

    void printPreview(CtlSession& session, const Reference& ref, const RegistryPolicyPreview& preview, const PreviewComparison& compared,
                      const Exit& exit)
    {
        if (session.options().json) {
            QJsonArray entries;
            for (const RegistryPolicyPreviewEntry& entry : preview.entries)
                entries.append(QJsonObject{{QStringLiteral("digest"), entry.digest}, {QStringLiteral("tags"), QJsonArray::fromStringList(entry.tags)},
                                           {QStringLiteral("pushed"), preciseDate(entry.pushed)}, {QStringLiteral("action"), entry.action},
                                           {QStringLiteral("rule"), entry.rule}});
            QJsonArray differences;
            for (const PreviewDifference& d : compared.differences)
                differences.append(QJsonObject{{QStringLiteral("digest"), d.digest}, {QStringLiteral("tags"), QJsonArray::fromStringList(d.tags)},
                                               {QStringLiteral("registryExpires"), d.registryExpires}, {QStringLiteral("registryRule"), d.registryRule},
                                               {QStringLiteral("berthExpires"), d.berthExpires}, {QStringLiteral("berthRule"), d.berthRule},
                                               {QStringLiteral("berthReason"), d.berthReason}});
            QJsonObject out{{QStringLiteral("repository"), ref.name()}, {QStringLiteral("status"), preview.status},
                            {QStringLiteral("entries"), entries}, {QStringLiteral("agreed"), compared.agreed},
                            {QStringLiteral("differences"), differences}, {QStringLiteral("unknown"), QJsonArray::fromStringList(compared.unknown)}};
            if (compared.countsOnly)
                out.insert(QStringLiteral("counts"), QJsonObject{{QStringLiteral("registryRemoves"), compared.registryRemoves},
                                                                 {QStringLiteral("registryTotal"), compared.registryTotal},
                                                                 {QStringLiteral("berthRemoves"), compared.berthRemoves},
                                                                 {QStringLiteral("berthTotal"), compared.berthTotal}});
            printJson(out);
            exit(0);
            return;
        }
        if (compared.countsOnly) {
            // Harbor counts per repository instead of listing images.
            std::printf("The registry's own dry run (%s) removes %d of %d images; Berth's plan of the same policy removes %d of %d: %s\n",
                        qPrintable(preview.status), compared.registryRemoves, compared.registryTotal, compared.berthRemoves, compared.berthTotal,
                        compared.agreed > 0 ? "they agree" : "they differ (the registry reports counts only, not which images)");
            exit(0);
            return;
        }
        std::printf("The registry's own dry run (%s): %lld image(s) affected\n", qPrintable(preview.status), qlonglong(preview.entries.size()));
        for (const RegistryPolicyPreviewEntry& entry : preview.entries)
            std::printf("  %-8s %s  rule %d  pushed %s  %s\n", qPrintable(entry.action), qPrintable(entry.digest), entry.rule,
                        qPrintable(entry.pushed.toString(Qt::ISODate)), qPrintable(entry.tags.join(QLatin1Char(','))));
        if (compared.differences.isEmpty() && compared.unknown.isEmpty()) {
            std::printf("Berth's plan of the same policy agrees on all %d images.\n", compared.agreed);
        } else {
            std::printf("Berth's plan of the same policy agrees on %d images and differs on %lld:\n", compared.agreed,
                        qlonglong(compared.differences.size() + compared.unknown.size()));
            for (const PreviewDifference& d : compared.differences)
                std::printf("  %s %s: the registry %s, Berth %s (%s)\n", qPrintable(d.digest), qPrintable(d.tags.join(QLatin1Char(','))),
                            d.registryExpires ? qPrintable(QStringLiteral("expires it by rule %1").arg(d.registryRule)) : "keeps it",
                            d.berthExpires ? qPrintable(QStringLiteral("expires it by rule %1").arg(d.berthRule)) : "keeps it", qPrintable(d.berthReason));
            for (const QString& digest : compared.unknown)
                std::printf("  %s: the registry expires it; Berth's inventory does not list it\n", qPrintable(digest));
        }
        exit(0);
    }

    // The registry's dry run, then Berth's plan of the same policy over the same images, compared.
    void previewPolicy(CtlSession& session, Provider* provider, const Reference& ref, const QByteArray& given, const Exit& exit)
    {
        std::fprintf(stderr, "berthctl: asking %s for its own dry run of %s...\n", qPrintable(providerDisplayName(provider->kind())),
                     given.isEmpty() ? "the repository's policy" : "the given policy");
        provider->previewRegistryPolicy(ref.path, given, &session, [&session, provider, ref, given, exit](Result<RegistryPolicyPreview> preview) {
            if (!preview) {
                exit(session.fail(preview.error()));
                return;
            }
            auto plan = [&session, provider, ref, preview = *preview, exit](const QByteArray& text) {
                const auto policy = RetentionPolicyFile::fromJson(text);
                if (!policy) {
                    exit(session.fail(policy.error()));
                    return;
                }
                providerRetentionImages(provider, ref.path, &session, [&session, ref, preview, policy = *policy, exit](Result<QList<RetentionImage>> images) {
                    if (!images) {
                        exit(session.fail(images.error()));
                        return;
                    }
                    const RetentionPlan planned = policy.evaluate(*images, QDateTime::currentDateTimeUtc(), {}, QString());
                    printPreview(session, ref, preview, comparePreview(preview, planned), exit);
                });
            };
            if (!given.isEmpty()) {
                plan(given);
                return;
            }
            provider->registryPolicy(ref.path, &session, [&session, plan, exit](Result<std::optional<RegistryPolicy>> own) {
                if (!own || !own->has_value()) {
                    exit(session.fail(own ? usage(QStringLiteral("the repository has no policy of its own to compare with")) : own.error()));
                    return;
                }
                plan((*own)->text);
            });
        });
    }

    void putPolicy(CtlSession& session, Provider* provider, const Reference& ref, const QByteArray& text, const Exit& exit)
    {
        // Checked as the registry would check it before anything is sent.
        const auto parsed = RetentionPolicyFile::fromJson(text);
        if (!parsed) {
            exit(session.fail(parsed.error()));
            return;
        }
        provider->putRegistryPolicy(ref.path, text, &session, [&session, ref, exit](Result<void> written) {
            if (!written) {
                exit(session.fail(written.error()));
                return;
            }
            std::fprintf(stderr, "berthctl: %s now runs the new cleanup policy\n", qPrintable(ref.name()));
            exit(0);
        });
    }

} // namespace

void runRetentionPolicy(CtlSession& session, const QStringList& args, const QString& policyFile, bool yes, Exit exit)
{
    const QString action = args.value(0);
    if (action != u"show" && action != u"preview" && action != u"put") {
        exit(session.fail(usage(kUsage)));
        return;
    }
    Reference ref;
    RegistryClient* client = session.clientForArgument(args.mid(1), kUsage, false, &ref, exit);
    if (!client)
        return;
    Provider* provider = createProvider(client, &session);
    const ProviderCapabilities caps = provider->capabilities();
    if (!caps.registryPolicy || (action == u"preview" && !caps.policyPreview) || (action == u"put" && !caps.policyWrite)) {
        exit(session.fail(Error::make(ErrorKind::Unsupported, QStringLiteral("%1 cannot %2 its cleanup policy through Berth; Berth's own "
                                                                             "dry run works everywhere: berthctl retention plan %3 --policy FILE")
                                                                  .arg(providerDisplayName(provider->kind()), action == u"show" ? QStringLiteral("show") : action, ref.name()))));
        return;
    }
    QByteArray text;
    if (!policyFile.isEmpty()) {
        QFile file(policyFile);
        if (!file.open(QIODevice::ReadOnly)) {
            exit(session.fail(usage(QStringLiteral("cannot read %1: %2").arg(policyFile, file.errorString()))));
            return;
        }
        text = file.readAll();
    }
    if (action == u"show") {
        showPolicy(session, provider, ref, exit);
    } else if (action == u"preview") {
        previewPolicy(session, provider, ref, text, exit);
    } else if (text.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("retention policy put needs --policy FILE"))));
    } else if (!yes) {
        std::fprintf(stderr, "berthctl: retention policy put replaces %s's cleanup policy, which the registry then runs by itself; "
                             "check it with 'retention plan --policy' and 'retention policy preview --policy', then add --yes\n",
                     qPrintable(ref.name()));
        exit(2);
    } else {
        putPolicy(session, provider, ref, text, exit);
    }
}

} // namespace berth::ctl
