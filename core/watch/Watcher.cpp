#include "core/watch/Watcher.h"

#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "core/store/ObservationLog.h"
#include "core/watch/RepositoryPoller.h"
#include "core/watch/TagChanges.h"

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
    if (m_queue.isEmpty()) {
        Q_EMIT cycleFinished(m_cycle);
        return;
    }
    while (m_running < m_maxParallel && !m_queue.isEmpty())
        startNext();
}

void Watcher::startNext()
{
    const Target target = m_queue.takeFirst();
    if (!target.provider) {
        if (m_queue.isEmpty() && m_running == 0)
            Q_EMIT cycleFinished(m_cycle);
        else if (!m_queue.isEmpty())
            startNext();
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
        else if (m_running == 0)
            Q_EMIT cycleFinished(m_cycle);
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
