#pragma once

#include <QStringList>
#include <functional>

namespace berth::ctl {

class CtlSession;

// A command gets its positional arguments and calls `exit` once with the process exit code.
using Exit = std::function<void(int)>;

struct LoginOptions
{
    QString username;
    bool passwordStdin = false;
};

void runTags(CtlSession& session, const QStringList& args, Exit exit);
void runRepos(CtlSession& session, const QStringList& args, Exit exit);
void runWebhooks(CtlSession& session, const QStringList& args, Exit exit);
void runLogin(CtlSession& session, const QStringList& args, const LoginOptions& options, Exit exit);
void runLogout(CtlSession& session, const QStringList& args, Exit exit);
void runManifest(CtlSession& session, const QStringList& args, Exit exit);
void runInspect(CtlSession& session, const QStringList& args, Exit exit);
void runHistory(CtlSession& session, const QStringList& args, Exit exit);
void runDiff(CtlSession& session, const QStringList& args, Exit exit);
void runTimeline(CtlSession& session, const QStringList& args, Exit exit);
void runCopy(CtlSession& session, const QStringList& args, bool referrers, bool dryRun, Exit exit);
void runTag(CtlSession& session, const QStringList& args, Exit exit);
void runMirror(CtlSession& session, const QStringList& args, const QString& ruleFile, Exit exit);
void runVerify(CtlSession& session, const QStringList& args, const QStringList& keyFiles, Exit exit);
void runScan(CtlSession& session, const QStringList& args, const QString& failOn, bool local, bool start, Exit exit);
struct RetentionOptions
{
    QString policyFile;
    bool apply = false;
    QStringList keepTags;
    double pricePerGbMonth = -1; // -1: the registry's list price when known
    bool keepSigned = false; // never delete an image with a cosign signature
    QString planFile; // apply: the deletions of a plan written by 'retention plan --json'
};
void runRetentionCheck(CtlSession& session, const QString& policyFile, Exit exit);
void runRetentionPlan(CtlSession& session, const QStringList& args, const RetentionOptions& options, Exit exit);
void runRetentionPolicy(CtlSession& session, const QStringList& args, const QString& policyFile, bool yes, Exit exit);
void runRemove(CtlSession& session, const QStringList& args, bool tagOnly, Exit exit);
void runAudit(CtlSession& session, const QStringList& args, Exit exit);
void runUndo(CtlSession& session, const QStringList& args, Exit exit);
void runReferrers(CtlSession& session, const QStringList& args, Exit exit);
struct WatchOptions
{
    QString interval; // a duration ("30s", "5m"); empty = five minutes
    bool once = false;
    QString webhook;
    QString secret;
    bool stats = false; // each cycle's requests and CPU time on stderr
    QString scanSeverity; // where the registry scans images: report new images' findings this severe or worse
};
void runWatch(CtlSession& session, const QStringList& args, const WatchOptions& options, Exit exit);
void runFiles(CtlSession& session, const QStringList& args, const QString& layer, Exit exit);

} // namespace berth::ctl
