#include "core/watch/Watcher.h"

#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "core/store/ObservationLog.h"
#include "core/watch/RepositoryPoller.h"
#include "core/watch/TagChanges.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

Watcher::Watcher(WatchJournal* journal, ObservationLog* log, QObject* parent)
    : QObject(parent)
    , m_journal(journal)
    , m_log(log)
{
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Watcher::pollOnce);
}

void Watcher::watch(Provider* provider, const QString& repository)
{
    if (isWatching(provider->client()->endpoint().name, repository))
        return;
    m_targets << Target{provider, provider->client()->endpoint().name, repository};
}

void Watcher::unwatch(const QString& registry, const QString& repository)
{
    const auto named = [&](const Target& t) { return t.registry == registry && t.repository == repository; };
    m_targets.removeIf(named);
    m_queue.removeIf(named);
}

bool Watcher::isWatching(const QString& registry, const QString& repository) const
{
    return std::any_of(m_targets.cbegin(), m_targets.cend(), [&](const Target& t) { return t.registry == registry && t.repository == repository; });
}

void Watcher::setInterval(qint64 ms)
{
    m_intervalMs = qMax<qint64>(1000, ms);
    m_timer.setInterval(std::chrono::milliseconds(m_intervalMs));
}

void Watcher::start()
{
    m_timer.setInterval(std::chrono::milliseconds(m_intervalMs));
    m_timer.start();
    pollOnce();
}

void Watcher::stop()
{
    m_timer.stop();
    m_queue.clear();
    finishCycleWhenDone(); // at once when nothing is in flight, else when the last poll ends
}

void Watcher::pollOnce()
{
    if (isPolling())
        return; // a slow cycle is not stacked on itself
    m_targets.removeIf([](const Target& t) { return !t.provider; });
    m_cycle = Cycle{};
    m_cycle.started = QDateTime::currentDateTimeUtc();
    Q_EMIT cycleStarted();
    for (const Target& target : std::as_const(m_targets)) {
        const Backoff backoff = m_backoff.value(target.registry);
        if (backoff.until.isValid() && backoff.until > m_cycle.started)
            ++m_cycle.skipped;
        else
            m_queue << target;
    }
    m_cycleOpen = true;
    if (m_queue.isEmpty()) {
        finishCycleWhenDone();
        return;
    }
    while (m_running < m_maxParallel && !m_queue.isEmpty())
        startNext();
}

void Watcher::finishCycleWhenDone()
{
    if (!m_cycleOpen || m_running > 0 || m_scanChecks > 0 || !m_queue.isEmpty())
        return;
    m_cycleOpen = false;
    Q_EMIT cycleFinished(m_cycle);
}

void Watcher::startNext()
{
    const Target target = m_queue.takeFirst();
    if (!target.provider) {
        if (!m_queue.isEmpty())
            startNext();
        else
            finishCycleWhenDone();
        return;
    }
    ++m_running;
    pollRepository(target.provider, target.repository, this, [this, target](Result<RepositoryState> state) {
        finish(target, std::move(state));
        --m_running;
        // Another repository of a registry that just failed waits for its backoff to pass.
        while (!m_queue.isEmpty() && m_backoff.value(m_queue.first().registry).until > QDateTime::currentDateTimeUtc()) {
            m_queue.removeFirst();
            ++m_cycle.skipped;
        }
        if (!m_queue.isEmpty())
            startNext();
        else
            finishCycleWhenDone();
    });
}

void Watcher::finish(const Target& target, Result<RepositoryState> state)
{
    if (!state) {
        noteFailure(target, state.error());
        return;
    }
    m_backoff.remove(target.registry);
    ++m_cycle.polled;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::optional<TagSnapshot> before = m_journal->snapshot(target.registry, target.repository);
    // Nothing changed (most polls): two small updates instead of rewriting every tag.
    if (before && *before == state->tags) {
        const auto touched = m_journal->touch(target.registry, target.repository);
        const auto repeated = m_log ? m_log->repeatListing(target.registry, target.repository, now) : Result<bool>(true);
        if (!touched || !repeated) {
            noteFailure(target, touched ? repeated.error() : touched.error());
            return;
        }
        if (*repeated) {
            Q_EMIT repositoryPolled(target.registry, target.repository);
            checkScans(target);
            return;
        }
    }
    const QList<WatchEvent> found = before ? tagChanges(*before, state->tags, state->pushed, now) : QList<WatchEvent>{};
    const auto committed = m_journal->commit(target.registry, target.repository, state->tags, found);
    if (!committed) {
        noteFailure(target, committed.error());
        return;
    }
    if (m_log) {
        QList<TagObservation> observations;
        observations.reserve(state->tags.size());
        for (auto it = state->tags.cbegin(); it != state->tags.cend(); ++it) {
            if (!isAttachmentTag(it.key()))
                observations << TagObservation{target.registry, target.repository, it.key(), it.value(),
                                               state->mediaTypes.value(it.key()), now, now};
        }
        // The tag history is a convenience here: the journal above is what the watch relies on.
        (void)m_log->record(observations, ListingMark{target.registry, target.repository, now});
    }
    Q_EMIT repositoryPolled(target.registry, target.repository);
    if (!before) {
        Q_EMIT baselineRecorded(target.registry, target.repository, int(state->tags.size()));
    } else if (!committed->isEmpty()) {
        m_cycle.events += int(committed->size());
        Q_EMIT eventsRecorded(*committed);
    }
    awaitScans(target, *committed);
}

void Watcher::awaitScans(const Target& target, const QList<WatchEvent>& events)
{
    if (!m_scanThreshold || !target.provider || !target.provider->capabilities().startScan)
        return; // no scanner of the registry's own to ask
    QList<AwaitedScan>& awaited = m_awaitedScans[target.registry + QLatin1Char('\n') + target.repository];
    for (const WatchEvent& e : events) {
        if (e.kind == WatchEvent::Kind::TagCreated || e.kind == WatchEvent::Kind::TagMoved)
            awaited << AwaitedScan{e.tag, e.digest};
    }
    checkScans(target);
}

void Watcher::checkScans(const Target& target)
{
    const QString key = target.registry + QLatin1Char('\n') + target.repository;
    const QList<AwaitedScan> awaited = m_awaitedScans.take(key);
    for (AwaitedScan scan : awaited) {
        ++m_scanChecks;
        target.provider->scanReport(target.repository, scan.digest, this, [this, target, key, scan](Result<std::optional<VulnerabilityReport>> report) mutable {
            --m_scanChecks;
            recordScan(target, key, scan, report);
            finishCycleWhenDone();
        });
    }
}

void Watcher::recordScan(const Target& target, const QString& key, AwaitedScan scan, const Result<std::optional<VulnerabilityReport>>& report)
{
    if (!report || !*report) { // not scanned yet (or not readable now): asked again next cycle
        if (--scan.checksLeft > 0)
            m_awaitedScans[key] << scan;
        return;
    }
    const Severity threshold = m_scanThreshold.value_or(Severity::High);
    const int serious = (*report)->atLeast(threshold);
    if (serious == 0)
        return;
    QJsonObject counts;
    const QMap<Severity, int> bySeverity = (*report)->counts();
    for (auto it = bySeverity.cbegin(); it != bySeverity.cend(); ++it)
        counts.insert(severityName(it.key()), it.value());
    WatchEvent e;
    e.kind = WatchEvent::Kind::ScanFindings;
    e.tag = scan.tag;
    e.digest = scan.digest;
    e.detected = QDateTime::currentDateTimeUtc();
    e.detail = QJsonDocument(QJsonObject{{QStringLiteral("threshold"), severityName(threshold)},
                                         {QStringLiteral("atOrAbove"), serious},
                                         {QStringLiteral("summary"), counts},
                                         {QStringLiteral("scanner"), (*report)->scanner.isEmpty() ? (*report)->source : (*report)->scanner}})
                   .toJson(QJsonDocument::Compact);
    if (const auto appended = m_journal->append(target.registry, target.repository, {e})) {
        m_cycle.events += 1;
        Q_EMIT eventsRecorded(*appended);
    }
}

bool Watcher::registryWide(const Error& error)
{
    return error.kind == ErrorKind::Transport || error.kind == ErrorKind::Tls || error.kind == ErrorKind::RateLimited
        || (error.kind == ErrorKind::Http && error.httpStatus >= 500);
}

void Watcher::noteFailure(const Target& target, const Error& error)
{
    ++m_cycle.failed;
    QDateTime retryAt = QDateTime::currentDateTimeUtc().addMSecs(m_intervalMs);
    if (registryWide(error)) {
        Backoff& backoff = m_backoff[target.registry];
        backoff.failures = qMin(backoff.failures + 1, 3);
        qint64 waitMs = m_intervalMs << (backoff.failures - 1); // 1, 2, 4 intervals
        if (error.retryAfterSeconds > 0)
            waitMs = qMax(waitMs, qint64(error.retryAfterSeconds) * 1000);
        // The next cycle that starts after this moment asks again; a little less than the wait, so
        // that a cycle due exactly then is not missed by a timer's slack.
        backoff.until = QDateTime::currentDateTimeUtc().addMSecs(waitMs - m_intervalMs / 2);
        retryAt = QDateTime::currentDateTimeUtc().addMSecs(waitMs);
    }
    Q_EMIT repositoryFailed(target.registry, target.repository, error, retryAt);
}

} // namespace berth
