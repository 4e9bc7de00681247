#pragma once

#include "core/base/Error.h"
#include "core/net/HttpMessage.h"

#include <QObject>
#include <memory>

namespace berth {

// One request in flight. Emits finished() once, on the HttpClient's thread; then result() is set.
class HttpReply final : public QObject
{
    Q_OBJECT
public:
    const Result<HttpResponse>& result() const { return m_result; }
    bool isFinished() const { return m_finished; }
    void abort(); // ends the request with a Cancelled error

Q_SIGNALS:
    void finished();
    void progress(qint64 received, qint64 total); // total is -1 when unknown

private:
    friend class HttpClient;
    friend struct HttpClientPrivateAccess;
    explicit HttpReply(QObject* parent)
        : QObject(parent)
    {
    }
    void finish(Result<HttpResponse> result);

    Result<HttpResponse> m_result = std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("not finished")));
    bool m_finished = false;
    std::function<void()> m_abortHook;
};

// All HTTP of the process goes through one libcurl multi handle driven by the Qt event loop
// (curl_multi_socket_action with QSocketNotifier and a QTimer): no thread per request.
// Redirects are followed here so that Authorization is dropped when the host changes; 429 and
// 5xx answers are retried with backoff, honouring Retry-After.
class HttpClient final : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject* parent = nullptr);
    ~HttpClient() override;

    // The reply is a child of this client; the caller deletes it when done, with discard() or deleteLater.
    HttpReply* send(HttpRequest request);
    // Deletes a finished reply once the replies finished with it have all been delivered; from
    // outside a delivery, as deleteLater. For a stream of small requests: each deleteLater posts an
    // event, and under GLib every posted event wakes the loop with an eventfd write.
    void discard(HttpReply* reply);

    void setMaxConnectionsPerHost(int count);
    void setConnectTimeoutMs(int ms);
    void setStallTimeoutMs(int ms); // a transfer with no bytes for this long fails
    void setRetryBaseDelayMs(int ms); // first backoff step; doubles each retry
    void setMaxRetryAfterSeconds(int seconds); // a longer Retry-After is reported, not waited for
    void setUserAgent(const QByteArray& agent);
    // curl's --connect-to: "HOST:PORT:CONNECT_HOST:CONNECT_PORT" entries (empty parts match any host
    // or keep the port). The URL's host name still names the server: TLS checks it, Host carries it.
    // Entries that are not four colon-separated parts are refused with InvalidInput.
    Result<void> setConnectTo(const QStringList& entries);
    // BERTH_CONNECT_TO's entries (separated by spaces), for the front ends to add to their own.
    static QStringList connectToFromEnvironment();

    // Counters for tests and benchmarks.
    int transfersStarted() const;

    struct Private; // libcurl state; public only so that the C callbacks can name it

private:
    std::unique_ptr<Private> d;
};

} // namespace berth
