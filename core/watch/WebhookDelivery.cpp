#include "core/watch/WebhookDelivery.h"

#include "core/net/HttpClient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTimer>

namespace berth {

QJsonObject watchEventPayload(const WatchEvent& event)
{
    QJsonObject resource{{QStringLiteral("digest"), event.digest},
                         {QStringLiteral("tag"), event.tag},
                         {QStringLiteral("resource_url"),
                          event.registry + QLatin1Char('/') + event.repository
                              + (event.tag.isEmpty() || event.kind == WatchEvent::Kind::ImageSigned || event.kind == WatchEvent::Kind::ImageUnsigned
                                     ? QLatin1Char('@') + event.digest
                                     : QLatin1Char(':') + event.tag)}};
    if (!event.previousDigest.isEmpty())
        resource.insert(QStringLiteral("previous_digest"), event.previousDigest);
    if (event.pushed.isValid())
        resource.insert(QStringLiteral("pushed_at"), event.pushed.toSecsSinceEpoch());
    if (!event.detail.isEmpty())
        resource.insert(QStringLiteral("vulnerabilities"), QJsonDocument::fromJson(event.detail).object());
    const qsizetype slash = event.repository.lastIndexOf(QLatin1Char('/'));
    const QJsonObject repository{{QStringLiteral("name"), event.repository.mid(slash + 1)},
                                 {QStringLiteral("namespace"), slash < 0 ? QString() : event.repository.left(slash)},
                                 {QStringLiteral("repo_full_name"), event.repository},
                                 {QStringLiteral("registry"), event.registry}};
    return {{QStringLiteral("id"), event.id},
            {QStringLiteral("type"), watchEventKindName(event.kind)},
            {QStringLiteral("occur_at"), event.detected.toSecsSinceEpoch()},
            {QStringLiteral("operator"), QStringLiteral("berth-watch")},
            {QStringLiteral("event_data"),
             QJsonObject{{QStringLiteral("resources"), QJsonArray{resource}}, {QStringLiteral("repository"), repository}}}};
}

WebhookDelivery::WebhookDelivery(HttpClient* http, WatchJournal* journal, QUrl url, QByteArray secret, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_journal(journal)
    , m_url(std::move(url))
    , m_secret(std::move(secret))
    , m_consumer(QStringLiteral("webhook:")
                 + QString::fromLatin1(QCryptographicHash::hash(m_url.toEncoded(), QCryptographicHash::Sha256).toHex().left(32)))
{
}

void WebhookDelivery::setRetries(int attempts, int firstDelayMs)
{
    m_attempts = qMax(1, attempts);
    m_firstDelayMs = qMax(0, firstDelayMs);
}

void WebhookDelivery::deliverPending(const QString& registry, const QString& repository)
{
    const QString key = registry + QLatin1Char('\n') + repository;
    if (m_busy.contains(key)) {
        m_again.insert(key);
        return;
    }
    QList<WatchEvent> events = m_journal->pending(m_consumer, registry, repository);
    if (events.isEmpty())
        return;
    m_busy.insert(key);
    sendNext(key, std::move(events), 1);
}

void WebhookDelivery::sendNext(const QString& key, QList<WatchEvent> events, int attempt)
{
    if (events.isEmpty()) {
        done(key);
        return;
    }
    const WatchEvent event = events.first();
    HttpRequest request;
    request.method = "POST";
    request.url = m_url;
    request.tls = m_tls;
    request.maxRetries = 0; // retried here, so that every attempt is counted and ordered
    request.maxBodyBytes = 1024 * 1024;
    request.body = QJsonDocument(watchEventPayload(event)).toJson(QJsonDocument::Compact);
    request.setHeader("Content-Type", "application/json");
    request.setHeader("X-Berth-Event", watchEventKindName(event.kind).toLatin1());
    request.setHeader("X-Berth-Delivery", event.id.toLatin1());
    if (!m_secret.isEmpty())
        request.setHeader("X-Berth-Signature-256",
                          "sha256=" + QMessageAuthenticationCode::hash(request.body, m_secret, QCryptographicHash::Sha256).toHex());
    HttpReply* reply = m_http->send(std::move(request));
    auto* timeout = new QTimer(reply);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, reply, &HttpReply::abort);
    timeout->start(m_timeoutMs);
    connect(reply, &HttpReply::finished, this, [this, reply, key, events = std::move(events), attempt]() mutable {
        reply->deleteLater();
        const Result<HttpResponse>& answer = reply->result();
        const WatchEvent sent = events.first();
        if (answer && answer->status >= 200 && answer->status < 300) {
            (void)m_journal->acknowledge(m_consumer, sent.registry, sent.repository, sent.sequence);
            Q_EMIT delivered(sent, attempt);
            events.removeFirst();
            sendNext(key, std::move(events), 1);
            return;
        }
        if (attempt >= m_attempts) {
            const Error error = answer ? Error::make(ErrorKind::Http, QStringLiteral("the webhook answered HTTP %1").arg(answer->status),
                                                     answer->status)
                                       : answer.error();
            Q_EMIT deferred(sent, error);
            m_again.remove(key); // the next round tries again; not straight away
            done(key);
            return;
        }
        QTimer::singleShot(m_firstDelayMs << (attempt - 1), this,
                           [this, key, events = std::move(events), attempt]() mutable { sendNext(key, std::move(events), attempt + 1); });
    });
}

void WebhookDelivery::done(const QString& key)
{
    m_busy.remove(key);
    if (m_again.remove(key)) {
        const qsizetype split = key.indexOf(QLatin1Char('\n'));
        deliverPending(key.left(split), key.mid(split + 1));
        return;
    }
    if (m_busy.isEmpty())
        Q_EMIT idle();
}

} // namespace berth
