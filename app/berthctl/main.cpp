// berthctl: the command-line twin of Berth, on the same registry-client core.
#include "Commands.h"
#include "CtlSession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>
#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>

using namespace berth;
using namespace berth::ctl;

static const char* const kCommands = R"(Commands:
  repos REGISTRY[/NAMESPACE] [--json]         every repository, all pages; on Docker Hub those of a
                                              namespace, or of every namespace the login sees
  tags REPO [--sort KEY] [--json]             every tag of a repository, all pages; with --json on
                                              Docker Hub, GHCR and Quay also when each was pushed (and,
                                              on Hub, last pulled)
  inspect REF [--platform OS/ARCH] [--json]   an image's digest, platform, created date, config and layers
  manifest REF                                the manifest bytes exactly as the registry serves them
  history REPO [--sort KEY] [--json]          one row per tag: tag, digest, created, size, platforms;
                                              --json adds the registry's pushed/pulled dates and their source
  files REF [--layer DIGEST] [--json]         the files a container sees (each with its layer), or one layer's
  diff REF_A REF_B [--json]                   layers, files, config and packages that differ
  timeline REPO[:TAG] [--json]                every digest each tag pointed to, as Berth saw it (on Quay,
                                              as Quay recorded it)
  cp SRC_REF DST_REPO[:TAG] [--platform OS/ARCH] [--no-referrers] [--dry-run] [--json]
                                              copy an image to another repository or registry: digests
                                              kept, blobs streamed, missing blobs only, signatures and
                                              attachments along; --json prints one event per step.
                                              DST oci:DIR[:NAME]: into an OCI image layout directory
                                              (skopeo's oci: transport reads it), NAME the source's tag;
                                              docker-archive:FILE[:NAME:TAG]: a docker load-able archive.
                                              SRC oci:DIR[:NAME] or docker-archive:FILE[:NAME:TAG]: from
                                              an OCI layout or an archive into a registry
  tag SRC_REF NEWTAG                          a new tag for the same image (one manifest PUT)
  mirror plan|run --rule FILE [--json]        copy what a mirror rule names (repositories and tags of a
                                              source, to a destination namespace); plan: what would move
  watch REPO... [--interval D] [--once] [--webhook URL [--secret S]] [--scan-severity S] [--stats] [--json]
                                              poll repositories (default every 5m) and print each change
                                              as it is found: tag created, moved, deleted; image signed or
                                              unsigned; with --scan-severity on Harbor and ECR, a new
                                              image's scan findings. --webhook POSTs each event (JSON,
                                              signed with HMAC-SHA256 when --secret or BERTH_WEBHOOK_SECRET
                                              is set), in order, retried; --once polls once. The first poll
                                              of a repository is its baseline; later runs report what
                                              changed in between; events a receiver missed are sent again
  verify REF --key PEM [--json]               check cosign signatures (.sig tag, referrers, Sigstore
                                              bundles); exit 0 only if one verifies with a key
  referrers REF [--json]                      signatures, SBOMs and attestations attached to an image
  scan REF [--local | --start] [--json] [--fail-on SEVERITY]
                                              the vulnerability reports attached to an image (Trivy, Grype,
                                              Harbor's, ECR's); --local runs trivy or grype here instead;
                                              with --fail-on, exit 5 when a finding is that severe or worse;
                                              --start asks the registry's own scanner (ECR, Harbor) to scan it
  retention check --policy FILE [--json]      check a policy as its registry would and say its rules in
                                              words; --json prints it back in its registry's JSON
  retention plan REPO [--policy FILE] [--keep-tag TAG] [--keep-signed] [--price-per-gb-month USD] [--json]
                                              dry run of an ECR lifecycle policy, a Harbor retention policy,
                                              an Artifact Registry cleanup policy file or Quay auto-prune
                                              policies (which remove tags; an image goes with its last tag):
                                              what would go, why, bytes and money freed; each deletion says
                                              how the registry deletes (Hub: tag by tag). On ECR and Quay
                                              without --policy: the repository's own policy
  retention policy show REPO [--json]         the cleanup policy the registry runs itself (ECR lifecycle,
                                              Quay auto-prune)
  retention policy preview REPO [--policy FILE] [--json]
                                              the registry's own dry run (ECR's lifecycle policy preview)
  retention policy put REPO --policy FILE --yes
                                              replace the repository's lifecycle policy (ECR)
  retention apply REPO --policy FILE --yes    delete what the plan says, re-checking every tag first
  retention apply REPO --plan PLAN.json --yes delete exactly what a reviewed 'retention plan --json' lists
  rm REF [--tag-only]                         delete an image (all its tags), or with --tag-only just that tag
  audit [--json]                              what Berth deleted or retagged, who and when
  webhooks REGISTRY/PROJECT [--json]          the webhooks a Harbor project sends (events, targets)
  webhooks set REGISTRY/PROJECT NAME URL EVENT[,EVENT...] [--disabled]
                                              add a Harbor project's webhook, or change the one of that
                                              name (events, address, enabled), in Harbor's event types
  undo AUDIT_ID                               put a deleted tag back (while the registry still has its layers)
  login REGISTRY [-u USER] [--password-stdin] check a login and keep it in the system keychain
  logout REGISTRY                             forget Berth's login for a registry
)";

static const char* const kNotes = R"(Registries are spoken to in their own dialect where they have one: Docker Hub through its API
(no catalog there; tags are deleted one by one and Hub removes an image with its last tag), GHCR
through GitHub's packages API (versions deleted and restored; token from the ghcr.io login,
GH_TOKEN, GITHUB_TOKEN or the GitHub CLI), Quay through its API v1 (its own tag history for
timeline; auto-prune policies when retention plan has no --policy; OAuth token as the login of
user $oauthtoken, or QUAY_OAUTH_TOKEN), Amazon ECR through its API with the AWS credentials the
AWS SDKs find (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE in ~/.aws/credentials or
~/.aws/config, credential_process; AWS_ENDPOINT_URL_ECR moves the API) and no docker login: the
registry login is ECR's GetAuthorizationToken, renewed as it expires. The family comes from the
host name, or from 'provider=' in registries.ini; 'namespaces=' there names the organisations to list.

REPO and REF follow the docker reference grammar: localhost:5000/team/app, ghcr.io/org/tool,
debian (= docker.io/library/debian). Loopback registries work over plain HTTP without --plain-http.
Logins made with docker login or podman login are used too.

Environment: BERTH_CONFIG_DIR and BERTH_CACHE_DIR relocate settings and cache; DOCKER_CONFIG
the docker config directory; http_proxy, https_proxy and no_proxy are honoured;
BERTH_MAX_CONNECTIONS_PER_HOST (default 16); BERTH_CONNECT_TO, --connect-to entries separated
by spaces; GH_TOKEN, GITHUB_TOKEN (GHCR), QUAY_OAUTH_TOKEN (Quay); BERTH_MAX_UNPACKED_LAYER_BYTES
stops reading a layer that unpacks to more (default 16 GiB).

Offline: when a registry cannot be reached, tags, history, inspect, manifest and files answer from
what Berth last saw (its last complete listing of the repository, by history or watch, and the
manifests, configs and layer listings it kept), marked "OFFLINE - as of <time>" (JSON: "offline":
true, "asOf") with exit code 6; --offline asks for that answer on purpose.

Exit codes: 0 success, 1 error (or, for verify, not verified), 2 bad usage or input, 3 authentication
or permission, 4 not found, 5 scan findings at or above --fail-on, 6 answered offline from what
Berth last saw.
)";

// Berth's own help: usage, the commands, then the options (Qt's would list the options first and
// the commands as an "argument", in a narrow column).
static QString helpText(const QList<QCommandLineOption>& options)
{
    constexpr int kNameWidth = 34;
    constexpr int kLineWidth = 110;
    QString text = QStringLiteral("Usage: berthctl [OPTIONS] COMMAND [ARGUMENTS]\n"
                                  "Browse and manage container registries from the command line.\n\n")
        + QString::fromUtf8(kCommands) + QStringLiteral("\nOptions:\n");
    for (const QCommandLineOption& option : options) {
        QStringList names;
        for (const QString& name : option.names())
            names << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
        QString left = QStringLiteral("  ") + names.join(QStringLiteral(", "));
        if (!option.valueName().isEmpty())
            left += QLatin1Char(' ') + option.valueName();
        // The description wrapped at word boundaries into the right-hand column.
        QStringList lines{QString()};
        for (const QString& word : option.description().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!lines.last().isEmpty() && kNameWidth + lines.last().size() + 1 + word.size() > kLineWidth)
                lines << QString();
            lines.last() += (lines.last().isEmpty() ? QString() : QStringLiteral(" ")) + word;
        }
        text += left.size() < kNameWidth ? left.leftJustified(kNameWidth) : left + QLatin1Char('\n') + QString(kNameWidth, QLatin1Char(' '));
        text += lines.join(QLatin1Char('\n') + QString(kNameWidth, QLatin1Char(' '))) + QLatin1Char('\n');
    }
    return text + QLatin1Char('\n') + QString::fromUtf8(kNotes);
}

int main(int argc, char* argv[])
{
    // What Berth writes (settings, logins' user names, caches of private images, tag history, the
    // audit log, exports) is its user's alone: files 0600, directories 0700.
    umask(0077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("berthctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));

    QCommandLineParser parser;
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Print this help."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Print Berth's version."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document on stdout."));
    const QCommandLineOption plainHttp(QStringLiteral("plain-http"), QStringLiteral("Talk to the registry over plain HTTP."));
    const QCommandLineOption caFile(QStringLiteral("ca-file"), QStringLiteral("Trust the CA certificates in this PEM file."),
                                    QStringLiteral("PEM"));
    const QCommandLineOption insecure(QStringLiteral("insecure-skip-tls-verify"),
                                      QStringLiteral("Do not verify the registry's TLS certificate (unsafe)."));
    const QCommandLineOption connectTo(QStringLiteral("connect-to"),
                                       QStringLiteral("As curl's: connect to CONNECT_HOST:CONNECT_PORT when a URL names HOST:PORT "
                                                      "(TLS still checks HOST); repeatable. Also BERTH_CONNECT_TO."),
                                       QStringLiteral("HOST:PORT:CONNECT_HOST:CONNECT_PORT"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Give up on a connection that sends nothing for this many seconds (default 60)."),
                                     QStringLiteral("SECONDS"));
    const QCommandLineOption user({QStringLiteral("u"), QStringLiteral("username")}, QStringLiteral("User name for login."),
                                  QStringLiteral("USER"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), QStringLiteral("Read the password from stdin."));
    const QCommandLineOption platform(QStringLiteral("platform"),
                                      QStringLiteral("For an index, the image of this platform (default linux/amd64)."),
                                      QStringLiteral("OS/ARCH"));
    const QCommandLineOption layer(QStringLiteral("layer"), QStringLiteral("For files: list this layer only (a digest or its start)."),
                                   QStringLiteral("DIGEST"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("For verify: a trusted public key (PEM); repeatable."),
                                 QStringLiteral("PEM"));
    const QCommandLineOption failOn(QStringLiteral("fail-on"), QStringLiteral("For scan: exit 5 when findings are this severe or worse."),
                                    QStringLiteral("SEVERITY"));
    const QCommandLineOption localScan(QStringLiteral("local"), QStringLiteral("For scan: run trivy or grype on this machine."));
    const QCommandLineOption startScan(QStringLiteral("start"), QStringLiteral("For scan: ask the registry's own scanner (ECR, Harbor) to scan the image."));
    const QCommandLineOption policyOption(QStringLiteral("policy"), QStringLiteral("For retention: the policy (ECR lifecycle, Harbor retention, Artifact Registry cleanup or Quay auto-prune JSON)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("For retention apply: really delete."));
    const QCommandLineOption keepTag(QStringLiteral("keep-tag"), QStringLiteral("For retention: never delete an image with this tag (e.g. latest); repeatable."),
                                     QStringLiteral("TAG"));
    const QCommandLineOption price(QStringLiteral("price-per-gb-month"), QStringLiteral("For retention: storage price, for the monthly saving."),
                                   QStringLiteral("USD"));
    const QCommandLineOption tagOnly(QStringLiteral("tag-only"), QStringLiteral("For rm: remove the tag, keep the image and its other tags."));
    const QCommandLineOption keepSigned(QStringLiteral("keep-signed"), QStringLiteral("For retention: never delete an image with a cosign signature."));
    const QCommandLineOption noReferrers(QStringLiteral("no-referrers"),
                                         QStringLiteral("For cp: leave signatures, attestations, SBOMs and reports behind."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("For cp: say what would be copied and how many bytes would move; push nothing."));
    const QCommandLineOption sort(QStringLiteral("sort"),
                                  QStringLiteral("For tags and history: version (default; 1.10 after 1.9), name, created (history) or pushed "
                                                 "(where the registry keeps push times); dates newest first."),
                                  QStringLiteral("KEY"));
    const QCommandLineOption rule(QStringLiteral("rule"), QStringLiteral("For mirror: the mirror rule (JSON, see the README)."), QStringLiteral("FILE"));
    const QCommandLineOption planOption(QStringLiteral("plan"), QStringLiteral("For retention apply: a plan written by 'retention plan --json', applied as reviewed."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption interval(QStringLiteral("interval"), QStringLiteral("For watch: time between polls (30s, 5m, 1h; default 5m)."),
                                      QStringLiteral("DURATION"));
    const QCommandLineOption once(QStringLiteral("once"), QStringLiteral("For watch: poll once, hand the events on, exit."));
    const QCommandLineOption webhook(QStringLiteral("webhook"), QStringLiteral("For watch: POST each event as JSON to this URL."),
                                     QStringLiteral("URL"));
    const QCommandLineOption secret(QStringLiteral("secret"),
                                    QStringLiteral("For watch --webhook: sign each body (X-Berth-Signature-256); also BERTH_WEBHOOK_SECRET."),
                                    QStringLiteral("S"));
    const QCommandLineOption scanSeverity(QStringLiteral("scan-severity"),
                                          QStringLiteral("For watch: on Harbor and ECR, report a new image's scan findings this severe or worse (SCAN_FINDINGS)."),
                                          QStringLiteral("SEVERITY"));
    const QCommandLineOption disabled(QStringLiteral("disabled"), QStringLiteral("For webhooks set: keep the webhook, but disabled."));
    const QCommandLineOption stats(QStringLiteral("stats"),
                                   QStringLiteral("For watch: after each poll cycle, its repositories, events, requests and CPU time on stderr."));
    const QCommandLineOption offline(QStringLiteral("offline"),
                                     QStringLiteral("For tags, history, inspect, manifest and files: answer from what Berth last saw (exit 6), ask no registry."));
    const QList<QCommandLineOption> allOptions{helpOption, versionOption, json, plainHttp, caFile, insecure, connectTo, timeout, user, passwordStdin, platform, layer, key, failOn, localScan, startScan, policyOption, yes, tagOnly, keepTag, price,
                       keepSigned, planOption, noReferrers, dryRun, rule, sort, interval, once, webhook, secret, offline, stats, disabled, scanSeverity};
    parser.addOptions(allOptions);

    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "berthctl: %s\nTry 'berthctl --help'.\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(helpOption)) {
        std::fputs(qPrintable(helpText(allOptions)), stdout);
        return 0;
    }
    if (parser.isSet(versionOption)) {
        std::printf("berthctl %s\n", BERTH_VERSION);
        return 0;
    }

    QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        std::fprintf(stderr, "berthctl: no command given.\n\n%s", kCommands);
        return 2;
    }
    const QString command = args.takeFirst();

    GlobalOptions options;
    options.json = parser.isSet(json);
    options.plainHttp = parser.isSet(plainHttp);
    options.caFile = parser.value(caFile);
    options.insecureSkipTlsVerify = parser.isSet(insecure);
    options.platform = parser.value(platform);
    options.sort = parser.value(sort);
    options.offline = parser.isSet(offline);
    options.disabled = parser.isSet(disabled);
    options.connectTo = HttpClient::connectToFromEnvironment() + parser.values(connectTo);
    if (parser.isSet(timeout)) {
        bool ok = false;
        options.timeoutSeconds = parser.value(timeout).toInt(&ok);
        if (!ok || options.timeoutSeconds < 1) {
            std::fprintf(stderr, "berthctl: --timeout takes a whole number of seconds, 1 or more (got '%s').\n", qPrintable(parser.value(timeout)));
            return 2;
        }
    }
    CtlSession session(options);
    if (const auto routed = session.applyConnectTo(); !routed)
        return session.fail(routed.error());

    int exitCode = 0;
    // A listing (tags, repos) ends the moment its answer is printed: it leaves no work half saved
    // (no background writes; the content store is flushed here), so the process skips unwinding
    // thousands of rows, closing TLS sessions politely and tearing Qt down (2–5 ms of a 70 ms
    // `tags` of 5,000 tags, A/B of 21 runs).
    const bool endAtOnce = command == u"tags" || command == u"repos";
    Exit exit = [&exitCode, &session, endAtOnce](int code) {
        if (endAtOnce) {
            session.contentStore().flush();
            std::fflush(stdout);
            std::fflush(stderr);
            std::_Exit(code);
        }
        exitCode = code;
        QCoreApplication::exit(code);
    };
    bool started = true;
    QTimer::singleShot(0, &app, [&] {
        if (command == u"tags")
            runTags(session, args, exit);
        else if (command == u"repos")
            runRepos(session, args, exit);
        else if (command == u"manifest")
            runManifest(session, args, exit);
        else if (command == u"inspect")
            runInspect(session, args, exit);
        else if (command == u"history")
            runHistory(session, args, exit);
        else if (command == u"verify")
            runVerify(session, args, parser.values(key), exit);
        else if (command == u"retention" && args.value(0) == u"check")
            runRetentionCheck(session, parser.value(policyOption), exit);
        else if (command == u"retention" && args.value(0) == u"policy")
            runRetentionPolicy(session, args.mid(1), parser.value(policyOption), parser.isSet(yes), exit);
        else if (command == u"retention" && args.value(0) == u"plan")
            runRetentionPlan(session, args.mid(1), RetentionOptions{parser.value(policyOption), false, parser.values(keepTag),
                                                                  parser.isSet(price) ? parser.value(price).toDouble() : -1, parser.isSet(keepSigned), {}}, exit);
        else if (command == u"retention" && args.value(0) == u"apply") {
            if (!parser.isSet(yes)) {
                std::fprintf(stderr, "berthctl: retention apply deletes images; run 'retention plan' to see what, then add --yes\n");
                started = false;
                QCoreApplication::exit(2);
            } else {
                runRetentionPlan(session, args.mid(1), RetentionOptions{parser.value(policyOption), true, parser.values(keepTag),
                                                                      parser.isSet(price) ? parser.value(price).toDouble() : -1, parser.isSet(keepSigned),
                                                                      parser.value(planOption)}, exit);
            }
        } else if (command == u"rm")
            runRemove(session, args, parser.isSet(tagOnly), exit);
        else if (command == u"webhooks")
            runWebhooks(session, args, exit);
        else if (command == u"audit")
            runAudit(session, args, exit);
        else if (command == u"undo")
            runUndo(session, args, exit);
        else if (command == u"scan")
            runScan(session, args, parser.value(failOn), parser.isSet(localScan), parser.isSet(startScan), exit);
        else if (command == u"referrers")
            runReferrers(session, args, exit);
        else if (command == u"cp")
            runCopy(session, args, !parser.isSet(noReferrers), parser.isSet(dryRun), exit);
        else if (command == u"mirror")
            runMirror(session, args, parser.value(rule), exit);
        else if (command == u"tag")
            runTag(session, args, exit);
        else if (command == u"watch")
            runWatch(session, args, WatchOptions{parser.value(interval), parser.isSet(once), parser.value(webhook),
                                                 parser.isSet(secret) ? parser.value(secret) : qEnvironmentVariable("BERTH_WEBHOOK_SECRET"),
                                                 parser.isSet(stats), parser.value(scanSeverity)}, exit);
        else if (command == u"diff")
            runDiff(session, args, exit);
        else if (command == u"timeline")
            runTimeline(session, args, exit);
        else if (command == u"files")
            runFiles(session, args, parser.value(layer), exit);
        else if (command == u"login")
            runLogin(session, args, LoginOptions{parser.value(user), parser.isSet(passwordStdin)}, exit);
        else if (command == u"logout")
            runLogout(session, args, exit);
        else {
            std::fprintf(stderr, "berthctl: unknown command '%s'. Try 'berthctl --help'.\n", qPrintable(command));
            started = false;
            QCoreApplication::exit(2);
        }
    });
    const int code = QCoreApplication::exec();
    const int result = started ? exitCode : code;
    return result;
}
