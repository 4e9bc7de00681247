#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>
#include <utility>

class QObject;

namespace berth {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>; // names lower-cased in responses

struct TlsOptions
{
    QString caFile; // PEM bundle trusted in addition to... instead of the system store, when set
    bool verify = true; // off only when the user asked for it, for one registry
};

// Back-pressure for a streaming sink: while ready() is false the response body is held back
// (the transfer is paused, nothing is buffered); once the sink's owner can take more it calls
// resume(), which the HttpClient sets, on the HttpClient's thread.
struct FlowControl
{
    std::function<bool()> ready;
    std::function<void()> resume;
    // Resumes on `context`'s thread, queued: from the sink owner's worker thread, or from inside
    // another transfer's callback, where libcurl must not be re-entered.
    static void resumeLater(QObject* context, const std::shared_ptr<FlowControl>& flow);
};

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers;
    QByteArray body;
    TlsOptions tls;
    qint64 maxBodyBytes = 64LL * 1024 * 1024; // larger bodies end the transfer with a Protocol error
    int maxRetries = 3; // for 429, 502/503/504 and broken connections
    // When set, body bytes go here instead of into the response (streamed blobs). Return false to stop.
    std::function<bool(QByteArrayView)> sink;
    std::shared_ptr<FlowControl> flow; // with a sink: hold the body back while it is not ready
    // A request body produced while it is sent (a blob streamed from another registry), of
    // bodySize bytes: the source fills `buffer` with up to `max` bytes and returns their count,
    // 0 at the end, kBodyWait when nothing is there yet (flow->resume() continues), or -1 to abort.
    std::function<qint64(char* buffer, qint64 max)> bodySource;
    qint64 bodySize = -1;
    static constexpr qint64 kBodyWait = -2;

    void setHeader(const QByteArray& name, const QByteArray& value);
    void removeHeader(const QByteArray& name);
};

struct HttpResponse
{
    int status = 0;
    QUrl url; // after redirects
    HeaderList headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // the first value, empty when absent
    QList<QByteArray> headerValues(QByteArrayView name) const;
};

} // namespace berth
