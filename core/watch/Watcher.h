#pragma once

#include "core/base/Error.h"
#include "core/scan/Vulnerabilities.h"
#include "core/store/WatchJournal.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace berth {

class ObservationLog;
class Provider;

// Polls watched repositories in the background: a cycle every interval, a few repositories at a
// time. Each poll is compared with the journal's last snapshot; the snapshot, the events and the
// tag observations (every tag, so that the tag history and the offline index stay current) are
// written before the events are announced. A registry that fails with a network error, a 429 or a
// 5xx is left alone for twice as long each time (its Retry-After when it gives one; at most four
// intervals), so that a laptop off the VPN or a registry in maintenance costs nothing and the
// watch carries on when it is back.
class Watcher final : public QObject
{
    Q_OBJECT
public:
    Watcher(WatchJournal* journal, ObservationLog* log, QObject* parent = nullptr);

    // `provider` speaks for the repository's registry.
    void watch(Provider* provider, const QString& repository);
    void unwatch(const QString& registry, const QString& repository);
    bool isWatching(const QString& registry, const QString& repository) const;
    bool isRunning() const { return m_timer.isActive(); }
    void setInterval(qint64 ms);
    qint64 interval() const { return m_intervalMs; }
    void setMaxParallel(int repositories) { m_maxParallel = qMax(1, repositories); }
    // Where the registry scans images itself (Harbor, ECR): a new or moved tag's image is checked
    // for findings at or above `threshold` (ScanFindings events), again each cycle while its scan
    // is not there yet (for up to 12 cycles). nullopt: scans are not looked at.
    void setScanThreshold(std::optional<Severity> threshold) { m_scanThreshold = threshold; }
    // A cycle now, then one every interval until stop().
    void start();
    void stop();
    // One cycle over every repository whose registry is not backing off; cycleFinished() ends it.
    void pollOnce();
    bool isPolling() const { return m_cycleOpen; }

    struct Cycle
    {
        int polled = 0;
        int failed = 0;
        int skipped = 0; // registries backing off
        int events = 0;
        QDateTime started;
    };

Q_SIGNALS:
    void cycleStarted();
    // Changes found in one repository, already in the journal (sequence and id set), in order.
    void eventsRecorded(const QList<berth::WatchEvent>& events);
    // The first poll of a repository: what it holds now, no events.
    void baselineRecorded(const QString& registry, const QString& repository, int tags);
    void repositoryPolled(const QString& registry, const QString& repository);
    // `retryAt` is when the registry is asked again.
    void repositoryFailed(const QString& registry, const QString& repository, const berth::Error& error, const QDateTime& retryAt);
    void cycleFinished(const berth::Watcher::Cycle& cycle);

private:
    struct Target
    {
        QPointer<Provider> provider; // gone with its registry (removed from the window): the target goes too
        QString registry;
        QString repository;
    };
    struct Backoff
    {
        int failures = 0;
        QDateTime until;
    };
    void startNext();
    void finish(const Target& target, Result<struct RepositoryState> state);
    void noteFailure(const Target& target, const Error& error);
    // The images of `events` (created and moved tags) waiting for their scan; checked now.
    void awaitScans(const Target& target, const QList<WatchEvent>& events);
    void checkScans(const Target& target);
    void finishCycleWhenDone();
    struct AwaitedScan
    {
        QString tag;
        QString digest;
        int checksLeft = 12;
    };
    void recordScan(const Target& target, const QString& key, AwaitedScan scan, const Result<std::optional<VulnerabilityReport>>& report); // cycleFinished once no poll and no scan check is left
    static bool registryWide(const Error& error);

    WatchJournal* m_journal;
    ObservationLog* m_log;
    QList<Target> m_targets;
    QList<Target> m_queue;
    QHash<QString, Backoff> m_backoff; // per registry
    QTimer m_timer;
    qint64 m_intervalMs = 5 * 60 * 1000;
    int m_maxParallel = 4;
    int m_running = 0;
    int m_scanChecks = 0; // scan reports asked for and not answered yet
    bool m_cycleOpen = false;
    Cycle m_cycle;
    std::optional<Severity> m_scanThreshold;
    QHash<QString, QList<AwaitedScan>> m_awaitedScans; // registry\nrepository -> images whose scan is not in yet
};

} // namespace berth
