#pragma once

#include "core/base/Error.h"
#include "core/net/HttpMessage.h"
#include "core/store/WatchJournal.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QUrl>

namespace berth {

class HttpClient;

// An event as Berth hands it on, shaped like Harbor's webhook payload ("type", "occur_at",
// "operator", "event_data" with "resources" and "repository") plus Berth's "id" (the same id on
// every attempt: what a receiver deduplicates on) and each resource's "previous_digest".
QJsonObject watchEventPayload(const WatchEvent& event);

// POSTs a consumer's pending events to one URL, in order per repository: an event is sent only
// after the one before it was accepted (any 2xx). Each body is signed with HMAC-SHA256 of the
// secret in X-Berth-Signature-256 ("sha256=<hex>", GitHub's convention). A failed attempt is
// retried with backoff (1, 2, 4, 8 s by default); after the last one the repository's remaining
// events stay in the journal for the next round (the next cycle, or the next run).
class WebhookDelivery final : public QObject
{
    Q_OBJECT
public:
    WebhookDelivery(HttpClient* http, WatchJournal* journal, QUrl url, QByteArray secret, QObject* parent = nullptr);

    // The journal's name for this receiver: a hash of the URL, so no token in it reaches the disk.
    QString consumer() const { return m_consumer; }
    void setTls(const TlsOptions& tls) { m_tls = tls; }
    void setRetries(int attempts, int firstDelayMs);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Sends the repository's pending events (no-op when it is already sending; it looks again when done).
    void deliverPending(const QString& registry, const QString& repository);
    bool isIdle() const { return m_busy.isEmpty(); }

Q_SIGNALS:
    void delivered(const berth::WatchEvent& event, int attempts);
    // The event (and those after it in its repository) stays pending.
    void deferred(const berth::WatchEvent& event, const berth::Error& error);
    void idle();

private:
    void sendNext(const QString& key, QList<WatchEvent> events, int attempt);
    void done(const QString& key);

    HttpClient* m_http;
    WatchJournal* m_journal;
    QUrl m_url;
    QByteArray m_secret;
    QString m_consumer;
    TlsOptions m_tls;
    int m_attempts = 5;
    int m_firstDelayMs = 1000;
    int m_timeoutMs = 10000;
    QSet<QString> m_busy; // registry\nrepository keys being sent
    QSet<QString> m_again; // ...asked again while busy
};

} // namespace berth
