// berthctl cp and tag: images between registries, and a new tag inside one.
#include "app/berthctl/CommandSupport.h"
#include "app/berthctl/Commands.h"
#include "app/berthctl/CtlSession.h"
#include "core/copy/ArchiveExporter.h"
#include "core/copy/ArchiveImporter.h"
#include "core/copy/ImageCopier.h"
#include "core/copy/LayoutExporter.h"
#include "core/copy/LayoutImporter.h"
#include "core/copy/MirrorRule.h"
#include "core/image/TagOrdering.h"
#include "core/providers/Provider.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"
#include "core/store/AuditLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QFile>
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


// What a copy into a registry prints (--json: one "done" event).
void printCopyReport(CtlSession& session, const Result<CopyReport>& report, bool dryRun, const Exit& exit)
{
    if (!report) {
        exit(session.fail(report.error()));
        return;
    }
    if (session.options().json) {
        std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("done")},
                                                       {QStringLiteral("dryRun"), dryRun},
                                                       {QStringLiteral("digest"), report->digest},
                                                       {QStringLiteral("blobsCopied"), report->blobsCopied},
                                                       {QStringLiteral("blobsPresent"), report->blobsPresent},
                                                       {QStringLiteral("blobsMounted"), report->blobsMounted},
                                                       {QStringLiteral("bytesCopied"), report->bytesCopied},
                                                       {QStringLiteral("manifestsPushed"), report->manifestsPushed},
                                                       {QStringLiteral("referrers"), report->referrers},
                                                       {QStringLiteral("alreadyTagged"), report->alreadyTagged},
                                                       {QStringLiteral("notes"), QJsonArray::fromStringList(report->notes)}})
                                 .toJson(QJsonDocument::Compact)
                                 .constData());
    } else if (report->alreadyTagged) {
        std::printf("Up to date: the destination tag already points to %s; %d attached artifacts along\n", qPrintable(report->digest),
                    report->referrers);
    } else {
        std::printf("%s %s: %d blobs (%s) copied, %d already there, %d mounted; %d manifests pushed; %d attached "
                    "artifacts along\n",
                    dryRun ? "Would copy" : "Copied", qPrintable(report->digest), report->blobsCopied, qPrintable(humanSize(report->bytesCopied)),
                    report->blobsPresent, report->blobsMounted, report->manifestsPushed, report->referrers);
        for (const QString& note : report->notes)
            std::printf("  note: %s\n", qPrintable(note));
    }
    std::fflush(stdout);
    exit(0);
}

// "DIR[:NAME]" of an oci: argument, as skopeo reads it: a colon after the last slash starts the name.
std::pair<QString, QString> layoutAndName(const QString& text, const QString& defaultName)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && colon > text.lastIndexOf(QLatin1Char('/')))
        return {text.left(colon), text.mid(colon + 1)};
    return {text, defaultName};
}

// What an export to a local destination prints.
void printExport(CtlSession& session, const Result<ExportReport>& report, const QString& where, const Exit& exit)
{
    if (!report) {
        exit(session.fail(report.error()));
        return;
    }
    if (session.options().json)
        std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("done")},
                                                       {QStringLiteral("digest"), report->digest},
                                                       {QStringLiteral("destination"), where},
                                                       {QStringLiteral("blobsWritten"), report->blobsWritten},
                                                       {QStringLiteral("blobsPresent"), report->blobsPresent},
                                                       {QStringLiteral("bytesWritten"), report->bytesWritten}})
                                 .toJson(QJsonDocument::Compact)
                                 .constData());
    else
        std::printf("Copied %s into %s: %d blobs (%s) written, %d already there\n", qPrintable(report->digest), qPrintable(where),
                    report->blobsWritten, qPrintable(humanSize(report->bytesWritten)), report->blobsPresent);
    std::fflush(stdout);
    exit(0);
}

// cp oci:DIR[:NAME] DST_REPO[:TAG]: an image of an OCI layout into a registry (TAG: NAME by default).
void importFromLayout(CtlSession& session, const QString& layout, const QString& target, const Exit& exit)
{
    const auto [directory, name] = layoutAndName(layout, {});
    auto destination = Reference::parse(target);
    if (!destination || !destination->digest.isEmpty()) {
        exit(session.fail(destination ? usage(QStringLiteral("the destination is a repository and an optional tag, not a digest: %1").arg(target))
                                      : destination.error()));
        return;
    }
    auto endpoint = session.endpointFor(destination->domain);
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    const QString tag = destination->tag.isEmpty() ? name : destination->tag;
    if (!session.options().json)
        std::fprintf(stderr, "Copying %s from the OCI layout %s to %s%s\n", qPrintable(name.isEmpty() ? QStringLiteral("the image") : name), qPrintable(directory),
                     qPrintable(destination->name()), qPrintable(tag.isEmpty() ? QString() : QLatin1Char(':') + tag));
    auto* importer = new LayoutImporter(directory, session.clientFor(*endpoint), &session);
    importer->importImage(name, destination->path, tag,
                          [&session, exit](Result<CopyReport> report) { printCopyReport(session, report, false, exit); });
}

// cp docker-archive:FILE[:NAME:TAG] DST_REPO[:TAG]: the archive's image into a registry (TAG: the
// chosen image's tag by default).
void importFromArchive(CtlSession& session, const QString& archive, const QString& target, const Exit& exit)
{
    const qsizetype colon = archive.indexOf(QLatin1Char(':'));
    const QString file = colon < 0 ? archive : archive.left(colon);
    const QString chosen = colon < 0 ? QString() : archive.mid(colon + 1);
    auto destination = Reference::parse(target);
    if (!destination || !destination->digest.isEmpty()) {
        exit(session.fail(destination ? usage(QStringLiteral("the destination is a repository and an optional tag, not a digest: %1").arg(target))
                                      : destination.error()));
        return;
    }
    const QString tag = !destination->tag.isEmpty() ? destination->tag : chosen.section(QLatin1Char(':'), -1);
    if (tag.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("give the copy a tag: DST_REPO:TAG"))));
        return;
    }
    auto endpoint = session.endpointFor(destination->domain);
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    if (!session.options().json)
        std::fprintf(stderr, "Copying the image of %s to %s:%s\n", qPrintable(archive), qPrintable(destination->name()), qPrintable(tag));
    auto* importer = new ArchiveImporter(file, session.clientFor(*endpoint), &session);
    importer->importImage(chosen, destination->path, tag,
                          [&session, exit](Result<CopyReport> report) { printCopyReport(session, report, false, exit); });
}

// cp SRC oci:DIR[:NAME]: the image into an OCI image layout directory, named NAME there (default:
// the source's tag), as skopeo names layouts.
void exportToLayout(CtlSession& session, RegistryClient* from, const Reference& source, const QString& target, const Exit& exit)
{
    const auto [directory, name] = layoutAndName(target, source.digest.isEmpty() ? source.tag : QString());
    if (directory.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("oci: takes a directory: oci:DIR[:NAME]"))));
        return;
    }
    if (!session.options().json)
        std::fprintf(stderr, "Copying %s to the OCI layout %s%s\n", qPrintable(source.toString()), qPrintable(directory),
                     qPrintable(name.isEmpty() ? QString() : QStringLiteral(" as ") + name));
    auto* exporter = new LayoutExporter(from, directory, &session);
    exporter->exportImage(source.path, referenceOf(source), name, session.options().platform,
                          [&session, directory, exit](Result<ExportReport> report) { printExport(session, report, directory, exit); });
}

} // namespace

// cp SRC docker-archive:FILE[:NAME:TAG]: one image as a `docker load`-able archive, tagged NAME:TAG
// there (default: the source's own reference), as skopeo names archives.
void exportToArchive(CtlSession& session, RegistryClient* from, const Reference& source, const QString& target, const Exit& exit)
{
    QString file = target;
    QString repoTag = source.digest.isEmpty() ? source.name() + QLatin1Char(':') + source.tag : QString();
    // FILE:NAME:TAG — the reference is what follows the first colon (as skopeo reads it).
    const qsizetype colon = target.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        file = target.left(colon);
        repoTag = target.mid(colon + 1);
        const auto named = Reference::parse(repoTag);
        if (!named || named->tag.isEmpty() || !named->digest.isEmpty()) {
            exit(session.fail(usage(QStringLiteral("docker-archive:FILE:NAME:TAG names the image NAME:TAG, not \"%1\"").arg(repoTag))));
            return;
        }
    }
    if (file.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("docker-archive: takes a file: docker-archive:FILE[:NAME:TAG]"))));
        return;
    }
    if (!session.options().json)
        std::fprintf(stderr, "Copying %s to the archive %s%s\n", qPrintable(source.toString()), qPrintable(file),
                     qPrintable(repoTag.isEmpty() ? QString() : QStringLiteral(" as ") + repoTag));
    auto* exporter = new ArchiveExporter(from, file, &session);
    exporter->exportImage(source.path, referenceOf(source), repoTag, session.options().platform,
                          [&session, file, exit](Result<ExportReport> report) { printExport(session, report, file, exit); });
}

void runCopy(CtlSession& session, const QStringList& args, bool referrers, bool dryRun, Exit exit)
{
    const QString usageText = QStringLiteral("usage: berthctl cp SRC_REF|oci:DIR[:NAME]|docker-archive:FILE[:NAME:TAG] DST_REPO[:TAG]|oci:DIR[:NAME]|docker-archive:FILE[:NAME:TAG] [--platform OS/ARCH] [--no-referrers] [--dry-run] [--json]");
    if (args.size() != 2) {
        exit(session.fail(usage(usageText)));
        return;
    }
    if (args[0].startsWith(u"oci:")) {
        importFromLayout(session, args[0].mid(4), args[1], exit);
        return;
    }
    if (args[0].startsWith(u"docker-archive:")) {
        importFromArchive(session, args[0].mid(15), args[1], exit);
        return;
    }
    Reference source;
    RegistryClient* from = session.clientForArgument({args[0]}, usageText, true, &source, exit);
    if (!from)
        return;
    if (args[1].startsWith(u"oci:")) {
        exportToLayout(session, from, source, args[1].mid(4), exit);
        return;
    }
    if (args[1].startsWith(u"docker-archive:")) {
        exportToArchive(session, from, source, args[1].mid(15), exit);
        return;
    }
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
    options.dryRun = dryRun;
    const bool json = session.options().json;
    if (!json)
        std::fprintf(stderr, "Copying %s to %s/%s%s\n", qPrintable(source.toString()), qPrintable(destination->domain), qPrintable(destination->path),
                     qPrintable(tag.isEmpty() ? QString() : QLatin1Char(':') + tag));
    auto* copier = new ImageCopier(from, to, &session);
    copier->copy(source.path, referenceOf(source), destination->path, tag, options,
                 [json](const CopyStep& step) { printStep(step, json); },
                 [&session, dryRun, exit](Result<CopyReport> report) { printCopyReport(session, report, dryRun, exit); });
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
                session.failReading(client, source, manifest.error(), exit);
                return;
            }
            client->putManifest(source.path, newTag, manifest->raw, manifest->mediaType, &session,
                                [&session, client, source, newTag, previous, digest = manifest->digest, exit](Result<QString> put) {
                                    if (auto audit = session.auditLog())
                                        (*audit)->append(AuditEntry{0, QDateTime::currentDateTimeUtc(), AuditLog::currentUser(), QStringLiteral("retag"),
                                                                    client->endpoint().name, source.path, newTag, previous, digest, put.has_value(),
                                                                    put ? QString() : put.error().message, {}});
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

namespace berth::ctl {

namespace {

Result<MirrorRule> readMirrorRule(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("cannot read the rule %1: %2").arg(path, file.errorString())));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1 is not a JSON object: %2").arg(path, parseError.errorString())));
    return MirrorRule::fromJson(document.object(), path);
}

void printMirror(CtlSession& session, const QList<MirrorItem>& items, bool dryRun, const QString& sourceName, const QString& destinationName,
                 const Exit& exit)
{
    int failed = 0;
    qint64 bytes = 0;
    int blobs = 0;
    QJsonArray rows;
    for (const MirrorItem& item : items) {
        const QString from = QStringLiteral("%1/%2:%3").arg(sourceName, item.sourceRepository, item.tag);
        const QString to = QStringLiteral("%1/%2:%3").arg(destinationName, item.destinationRepository, item.tag);
        QJsonObject row{{QStringLiteral("source"), from}, {QStringLiteral("destination"), to}};
        if (!item.result || !*item.result) {
            ++failed;
            const QString why = item.result ? describe(item.result->error()) : QStringLiteral("not copied");
            row.insert(QStringLiteral("error"), why);
            if (!session.options().json)
                std::printf("%-50s -> %-50s  FAILED: %s\n", qPrintable(from), qPrintable(to), qPrintable(why));
        } else {
            const CopyReport& r = **item.result;
            bytes += r.bytesCopied;
            blobs += r.blobsCopied;
            row.insert(QStringLiteral("digest"), r.digest);
            row.insert(QStringLiteral("blobs"), r.blobsCopied);
            row.insert(QStringLiteral("bytes"), r.bytesCopied);
            row.insert(QStringLiteral("manifests"), r.manifestsPushed);
            row.insert(QStringLiteral("referrers"), r.referrers);
            if (!session.options().json)
                std::printf("%-50s -> %-50s  %s\n", qPrintable(from), qPrintable(to),
                            qPrintable(r.manifestsPushed == 0 ? QStringLiteral("up to date")
                                                              : QStringLiteral("%1 blobs, %2").arg(r.blobsCopied).arg(humanSize(r.bytesCopied))));
        }
        rows.append(row);
    }
    if (session.options().json) {
        printJson({{QStringLiteral("dryRun"), dryRun}, {QStringLiteral("images"), rows}, {QStringLiteral("blobs"), blobs},
                   {QStringLiteral("bytes"), bytes}, {QStringLiteral("failed"), failed}});
    } else {
        std::printf("%s %lld images: %d blobs, %s %s%s\n", dryRun ? "Would copy" : "Copied", qlonglong(items.size()), blobs,
                    qPrintable(humanSize(bytes)), dryRun ? "would move (blobs already there not counted)" : "moved",
                    qPrintable(failed ? QStringLiteral("; %1 failed").arg(failed) : QString()));
    }
    std::fflush(stdout);
    exit(failed ? 1 : 0);
}

} // namespace

void runMirror(CtlSession& session, const QStringList& args, const QString& ruleFile, Exit exit)
{
    const QString usageText = QStringLiteral("usage: berthctl mirror plan|run --rule FILE [--json]");
    if (args.size() != 1 || (args.first() != u"plan" && args.first() != u"run") || ruleFile.isEmpty()) {
        exit(session.fail(usage(usageText)));
        return;
    }
    auto rule = readMirrorRule(ruleFile);
    if (!rule) {
        exit(session.fail(rule.error()));
        return;
    }
    auto sourceEndpoint = session.endpointFor(rule->sourceRegistry);
    auto destinationEndpoint = session.endpointFor(rule->destinationRegistry);
    if (!sourceEndpoint || !destinationEndpoint) {
        exit(session.fail(sourceEndpoint ? destinationEndpoint.error() : sourceEndpoint.error()));
        return;
    }
    const bool dryRun = args.first() == u"plan";
    const auto audit = session.auditLog();
    auto* runner = new MirrorRunner(*rule, session.clientFor(*sourceEndpoint), session.clientFor(*destinationEndpoint), audit ? *audit : nullptr, &session);
    runner->plan([&session, runner, dryRun, exit, from = sourceEndpoint->name, to = destinationEndpoint->name](Result<QList<MirrorItem>> items) {
        if (!items) {
            exit(session.fail(items.error()));
            return;
        }
        runner->run(*items, dryRun, {}, [&session, dryRun, exit, from, to](const QList<MirrorItem>& ended) {
            printMirror(session, ended, dryRun, from, to, exit);
        });
    });
}

} // namespace berth::ctl
