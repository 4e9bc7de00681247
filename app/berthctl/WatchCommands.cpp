// berthctl watch: poll repositories, print their changes as events, or POST them to a webhook.
#include "app/berthctl/CommandSupport.h"
#include "app/berthctl/Commands.h"
#include "app/berthctl/CtlSession.h"
#include "core/base/Duration.h"
#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "core/watch/Watcher.h"
#include "core/watch/WebhookDelivery.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <cstdio>
#include <memory>
#include <sys/resource.h>

namespace berth::ctl {
namespace {

    // This process's user + system CPU time so far, in milliseconds.
    qint64 cpuMilliseconds()
    {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        return (qint64(usage.ru_utime.tv_sec) + usage.ru_stime.tv_sec) * 1000 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
    }

    // The journal's name for the terminal as a consumer: what `watch` without --webhook printed.
    const QString kTerminal = QStringLiteral("terminal");

    QString shortDigest(const QString& digest)
    {
        return digest.left(19); // "sha256:" and 12 hex digits
    }

    void printEvent(const WatchEvent& event, bool json)
    {
        if (json) {
            std::printf("%s\n", QJsonDocument(watchEventPayload(event)).toJson(QJsonDocument::Compact).constData());
        } else {
            const QString where = event.registry + QLatin1Char('/') + event.repository;
            QString what;
            switch (event.kind) {
            case WatchEvent::Kind::TagCreated:
                what = QStringLiteral("%1:%2 created at %3").arg(where, event.tag, shortDigest(event.digest));
                break;
            case WatchEvent::Kind::TagMoved:
                what = QStringLiteral("%1:%2 moved %3 -> %4").arg(where, event.tag, shortDigest(event.previousDigest), shortDigest(event.digest));
                break;
            case WatchEvent::Kind::TagDeleted:
                what = QStringLiteral("%1:%2 deleted (was %3)").arg(where, event.tag, shortDigest(event.previousDigest));
                break;
            case WatchEvent::Kind::ImageSigned:
                what = QStringLiteral("%1@%2 signed").arg(where, event.digest);
                break;
            case WatchEvent::Kind::ImageUnsigned:
                what = QStringLiteral("%1@%2 signature removed").arg(where, event.digest);
                break;
            case WatchEvent::Kind::ScanFindings: {
                const QJsonObject found = QJsonDocument::fromJson(event.detail).object();
                what = QStringLiteral("%1:%2 (%3) scan found %4 at or above %5")
                           .arg(where, event.tag, shortDigest(event.digest))
                           .arg(found.value(QStringLiteral("atOrAbove")).toInt())
                           .arg(found.value(QStringLiteral("threshold")).toString());
                break;
            }
            }
            std::printf("%s  %-14s %s\n", qPrintable(isoDate(event.detected)), qPrintable(watchEventKindName(event.kind)), qPrintable(what));
        }
        std::fflush(stdout);
    }

    // One watch run: the watcher, where its events go, and when a --once run is over.
    struct WatchRun
    {
        std::unique_ptr<Watcher> watcher;
        std::unique_ptr<WebhookDelivery> webhook;
        WatchJournal* journal = nullptr;
        bool json = false;
        bool once = false;
        bool cycleDone = false;
        int failedRepositories = 0;
        int deferredEvents = 0;
        QSet<QString> deferredRepositories;
        Exit exit;
        // --stats: where the cycle started
        qint64 cycleCpuMs = 0;
        int cycleRequests = 0;
        QElapsedTimer cycleClock;

        QString consumer() const { return webhook ? webhook->consumer() : kTerminal; }

        // Hands the repository's pending events to the consumer: printed (and so delivered) or POSTed.
        void deliver(const QString& registry, const QString& repository)
        {
            if (webhook) {
                webhook->deliverPending(registry, repository);
                return;
            }
            const QList<WatchEvent> events = journal->pending(kTerminal, registry, repository);
            for (const WatchEvent& event : events) {
                printEvent(event, json);
                (void)journal->acknowledge(kTerminal, registry, repository, event.sequence);
            }
        }

        void finishIfDone()
        {
            if (!once || !cycleDone || (webhook && !webhook->isIdle()))
                return;
            if (deferredEvents > 0)
                std::fprintf(stderr, "berthctl: %d event(s) of %lld repositories not delivered; they are kept and sent by the next run\n",
                             deferredEvents, qlonglong(deferredRepositories.size()));
            exit(failedRepositories > 0 || deferredEvents > 0 ? 1 : 0);
        }
    };

} // namespace

void runWatch(CtlSession& session, const QStringList& args, const WatchOptions& options, Exit exit)
{
    const QString usageText =
        QStringLiteral("usage: berthctl watch REPO... [--interval DURATION] [--once] [--json] [--webhook URL [--secret S]]");
    if (args.isEmpty()) {
        exit(session.fail(usage(usageText)));
        return;
    }
    qint64 intervalMs = 5 * 60 * 1000;
    if (!options.interval.isEmpty()) {
        const std::optional<qint64> seconds = parseDuration(options.interval);
        if (!seconds || *seconds < 1) {
            exit(session.fail(usage(QStringLiteral("--interval takes a duration of at least a second: 30s, 5m, 1h"))));
            return;
        }
        intervalMs = *seconds * 1000;
    }
    if (!options.scanSeverity.isEmpty() && parseSeverity(options.scanSeverity) == Severity::Unknown
        && options.scanSeverity.compare(u"unknown", Qt::CaseInsensitive) != 0) {
        exit(session.fail(usage(QStringLiteral("--scan-severity takes critical, high, medium, low or negligible"))));
        return;
    }
    QUrl webhookUrl;
    if (!options.webhook.isEmpty()) {
        webhookUrl = QUrl(options.webhook, QUrl::StrictMode);
        if (!webhookUrl.isValid() || (webhookUrl.scheme() != u"http" && webhookUrl.scheme() != u"https") || webhookUrl.host().isEmpty()) {
            exit(session.fail(usage(QStringLiteral("--webhook takes an http:// or https:// URL, not \"%1\"").arg(options.webhook))));
            return;
        }
    } else if (!options.secret.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("--secret signs webhook deliveries; give --webhook URL too"))));
        return;
    }
    auto journal = session.watchJournal();
    if (!journal) {
        exit(session.fail(journal.error()));
        return;
    }
    auto log = session.observationLog();

    auto run = std::make_shared<WatchRun>();
    run->journal = *journal;
    run->json = session.options().json;
    run->once = options.once;
    run->exit = exit;
    run->watcher = std::make_unique<Watcher>(*journal, log ? *log : nullptr);
    run->watcher->setInterval(intervalMs);
    if (!options.scanSeverity.isEmpty())
        run->watcher->setScanThreshold(parseSeverity(options.scanSeverity));
    if (!webhookUrl.isEmpty()) {
        run->webhook = std::make_unique<WebhookDelivery>(&session.http(), *journal, webhookUrl, options.secret.toUtf8());
        TlsOptions tls;
        tls.caFile = session.options().caFile;
        tls.verify = !session.options().insecureSkipTlsVerify;
        run->webhook->setTls(tls);
    }

    QList<std::pair<QString, QString>> watched; // registry, repository
    for (const QString& arg : args) {
        auto ref = Reference::parseRepository(arg);
        if (!ref) {
            exit(session.fail(ref.error()));
            return;
        }
        auto endpoint = session.endpointFor(ref->domain);
        if (!endpoint) {
            exit(session.fail(endpoint.error()));
            return;
        }
        RegistryClient* client = session.clientFor(*endpoint);
        run->watcher->watch(createProvider(client, client), ref->path);
        watched << std::pair{client->endpoint().name, ref->path};
    }

    Watcher* watcher = run->watcher.get();
    QObject::connect(watcher, &Watcher::baselineRecorded, watcher, [](const QString& registry, const QString& repository, int tags) {
        std::fprintf(stderr, "watching %s/%s: %d tags now; changes from here on are reported\n", qPrintable(registry),
                     qPrintable(repository), tags);
    });
    QObject::connect(watcher, &Watcher::eventsRecorded, watcher, [run](const QList<WatchEvent>& events) {
        run->deliver(events.first().registry, events.first().repository);
    });
    QObject::connect(watcher, &Watcher::repositoryFailed, watcher,
                     [run, &session](const QString& registry, const QString& repository, const Error& error, const QDateTime& retryAt) {
                         ++run->failedRepositories;
                         std::fprintf(stderr, "berthctl: %s/%s: %s%s\n", qPrintable(registry), qPrintable(repository), qPrintable(describe(error)),
                                      run->once ? "" : qPrintable(QStringLiteral("; asking again at %1").arg(isoDate(retryAt))));
                     });
    if (options.stats) {
        QObject::connect(watcher, &Watcher::cycleStarted, watcher, [run, &session] {
            run->cycleCpuMs = cpuMilliseconds();
            run->cycleRequests = session.http().transfersStarted();
            run->cycleClock.start();
        });
        QObject::connect(watcher, &Watcher::cycleFinished, watcher, [run, &session](const Watcher::Cycle& cycle) {
            std::fprintf(stderr, "cycle: %d repositories polled, %d failed, %d waiting out a backoff; %d events; %d requests; "
                                 "CPU %lld ms; %lld ms\n",
                         cycle.polled, cycle.failed, cycle.skipped, cycle.events, session.http().transfersStarted() - run->cycleRequests,
                         cpuMilliseconds() - run->cycleCpuMs, run->cycleClock.elapsed());
        });
    }
    QObject::connect(watcher, &Watcher::cycleFinished, watcher, [run](const Watcher::Cycle&) {
        run->cycleDone = true;
        run->finishIfDone();
    });
    if (WebhookDelivery* webhook = run->webhook.get()) {
        QObject::connect(webhook, &WebhookDelivery::delivered, webhook, [run](const WatchEvent& event, int) { printEvent(event, run->json); });
        QObject::connect(webhook, &WebhookDelivery::deferred, webhook, [run](const WatchEvent& event, const Error& error) {
            run->deferredEvents += int(run->journal->pending(run->webhook->consumer(), event.registry, event.repository).size());
            run->deferredRepositories.insert(event.registry + QLatin1Char('/') + event.repository);
            std::fprintf(stderr, "berthctl: webhook: %s; %s/%s's events wait for the next round\n", qPrintable(describe(error)),
                         qPrintable(event.registry), qPrintable(event.repository));
        });
        QObject::connect(webhook, &WebhookDelivery::idle, webhook, [run] { run->finishIfDone(); });
    }

    // A consumer new to a repository starts at its newest event; what an earlier run found and
    // could not hand on goes first.
    for (const auto& [registry, repository] : std::as_const(watched)) {
        if (auto started = (*journal)->startCursor(run->consumer(), registry, repository); !started) {
            exit(session.fail(started.error()));
            return;
        }
        run->deliver(registry, repository);
    }
    if (options.once)
        watcher->pollOnce();
    else
        watcher->start();
}

} // namespace berth::ctl
