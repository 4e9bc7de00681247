// berthctl cp and tag: images between registries, and a new tag inside one.
#include "app/berthctl/CommandSupport.h"
#include "app/berthctl/Commands.h"
#include "app/berthctl/CtlSession.h"
#include "core/copy/ImageCopier.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"
#include "core/store/AuditLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cstdio>

namespace berth::ctl {

namespace {

void printStep(const CopyStep& step, bool json)
{
    if (json) {
        QJsonObject event{{QStringLiteral("event"), copyStepName(step.kind)}, {QStringLiteral("digest"), step.digest}};
        if (step.bytes > 0)
            event.insert(QStringLiteral("bytes"), step.bytes);
        if (!step.detail.isEmpty())
            event.insert(QStringLiteral("detail"), step.detail);
        std::printf("%s\n", QJsonDocument(event).toJson(QJsonDocument::Compact).constData());
    } else if (step.kind == CopyStep::Kind::BlobCopied || step.kind == CopyStep::Kind::Tagged || step.kind == CopyStep::Kind::ReferrerCopied) {
        std::fprintf(stderr, "  %-16s %s %s\n", qPrintable(copyStepName(step.kind)), qPrintable(step.digest.left(19)),
                     qPrintable(step.kind == CopyStep::Kind::BlobCopied ? humanSize(step.bytes) : step.detail));
    }
    std::fflush(stdout);
}

} // namespace

void runCopy(CtlSession& session, const QStringList& args, bool referrers, Exit exit)
{
    const QString usageText = QStringLiteral("usage: berthctl cp SRC_REF DST_REPO[:TAG] [--platform OS/ARCH] [--no-referrers] [--json]");
    if (args.size() != 2) {
        exit(session.fail(usage(usageText)));
        return;
    }
    Reference source;
    RegistryClient* from = session.clientForArgument({args[0]}, usageText, true, &source, exit);
    if (!from)
        return;
    auto destination = Reference::parse(args[1]);
    if (!destination) {
        exit(session.fail(destination.error()));
        return;
    }
    if (!destination->digest.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("the destination is a repository and an optional tag, not a digest: %1").arg(args[1]))));
        return;
    }
    auto endpoint = session.endpointFor(destination->domain);
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    RegistryClient* to = session.clientFor(*endpoint);
    // The destination tag: the one given, else the source's (a copy by digest stays by digest).
    const QString tag = !destination->tag.isEmpty() ? destination->tag : source.digest.isEmpty() ? source.tag : QString();
    CopyOptions options;
    options.platform = session.options().platform;
    options.referrers = referrers;
    const bool json = session.options().json;
    if (!json)
        std::fprintf(stderr, "Copying %s to %s/%s%s\n", qPrintable(source.toString()), qPrintable(destination->domain), qPrintable(destination->path),
                     qPrintable(tag.isEmpty() ? QString() : QLatin1Char(':') + tag));
    auto* copier = new ImageCopier(from, to, &session);
    copier->copy(source.path, referenceOf(source), destination->path, tag, options,
                 [json](const CopyStep& step) { printStep(step, json); },
                 [&session, json, exit](Result<CopyReport> report) {
                     if (!report) {
                         exit(session.fail(report.error()));
                         return;
                     }
                     if (json) {
                         std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("done")},
                                                                        {QStringLiteral("digest"), report->digest},
                                                                        {QStringLiteral("blobsCopied"), report->blobsCopied},
                                                                        {QStringLiteral("blobsPresent"), report->blobsPresent},
                                                                        {QStringLiteral("blobsMounted"), report->blobsMounted},
                                                                        {QStringLiteral("bytesCopied"), report->bytesCopied},
                                                                        {QStringLiteral("manifestsPushed"), report->manifestsPushed},
                                                                        {QStringLiteral("referrers"), report->referrers},
                                                                        {QStringLiteral("notes"), QJsonArray::fromStringList(report->notes)}})
                                                    .toJson(QJsonDocument::Compact)
                                                    .constData());
                     } else {
                         std::printf("Copied %s: %d blobs (%s) copied, %d already there, %d mounted; %d manifests pushed; %d attached "
                                     "artifacts along\n",
                                     qPrintable(report->digest), report->blobsCopied, qPrintable(humanSize(report->bytesCopied)),
                                     report->blobsPresent, report->blobsMounted, report->manifestsPushed, report->referrers);
                         for (const QString& note : report->notes)
                             std::printf("  note: %s\n", qPrintable(note));
                     }
                     std::fflush(stdout);
                     exit(0);
                 });
}

void runTag(CtlSession& session, const QStringList& args, Exit exit)
{
    const QString usageText = QStringLiteral("usage: berthctl tag SRC_REF NEWTAG");
    if (args.size() != 2) {
        exit(session.fail(usage(usageText)));
        return;
    }
    Reference source;
    RegistryClient* client = session.clientForArgument({args[0]}, usageText, true, &source, exit);
    if (!client)
        return;
    const QString newTag = args[1];
    static const QRegularExpression tagPattern(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$"));
    if (!tagPattern.match(newTag).hasMatch()) {
        exit(session.fail(usage(QStringLiteral("\"%1\" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)").arg(newTag))));
        return;
    }
    // One manifest read and one PUT of the same bytes: no layer moves. What the tag pointed to
    // before is kept in the audit log, so the retag can be looked up.
    client->headManifest(source.path, newTag, &session, [&session, client, source, newTag, exit](Result<ManifestHead> before) {
        const QString previous = before ? before->digest : QString();
        client->fetchManifest(source.path, referenceOf(source), &session, [&session, client, source, newTag, previous, exit](Result<Manifest> manifest) {
            if (!manifest) {
                exit(session.fail(manifest.error()));
                return;
            }
            client->putManifest(source.path, newTag, manifest->raw, manifest->mediaType, &session,
                                [&session, client, source, newTag, previous, digest = manifest->digest, exit](Result<QString> put) {
                                    if (auto audit = session.auditLog())
                                        (*audit)->append(AuditEntry{0, QDateTime::currentDateTimeUtc(), AuditLog::currentUser(), QStringLiteral("retag"),
                                                                    client->endpoint().name, source.path, newTag, previous, digest, put.has_value(),
                                                                    put ? QString() : put.error().message});
                                    if (!put) {
                                        exit(session.fail(put.error()));
                                        return;
                                    }
                                    std::printf("%s/%s:%s -> %s%s\n", qPrintable(client->endpoint().name), qPrintable(source.path), qPrintable(newTag),
                                                qPrintable(digest), qPrintable(previous.isEmpty() || previous == digest ? QString()
                                                                                                                        : QStringLiteral(" (was %1)").arg(previous)));
                                    std::fflush(stdout);
                                    exit(0);
                                });
        });
    });
}

} // namespace berth::ctl
