#include "core/net/HttpClient.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSocketNotifier>
#include <QTimer>
#include <chrono>
#include <curl/curl.h>
#include <mutex>

namespace berth {

Q_LOGGING_CATEGORY(lcHttp, "berth.http", QtWarningMsg)

void HttpReply::abort()
{
    if (!m_finished && m_abortHook)
        m_abortHook();
}

void HttpReply::finish(Result<HttpResponse> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_abortHook = nullptr;
    m_result = std::move(result);
    Q_EMIT finished();
}

namespace {

    enum class TransferState { Queued, Running, WaitingToRetry, Done };

    bool isRedirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }
    bool isRetryableStatus(int status) { return status == 429 || status == 500 || status == 502 || status == 503 || status == 504; }

    bool isRetryableCurlCode(CURLcode code)
    {
        return code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING
            || code == CURLE_PARTIAL_FILE || code == CURLE_HTTP2 || code == CURLE_HTTP2_STREAM;
    }

    QString hostKeyOf(const QUrl& url)
    {
        return url.scheme() + QStringLiteral("://") + url.host() + QLatin1Char(':') + QString::number(url.port(-1));
    }

    // Retry-After is either delta-seconds or an HTTP-date (RFC 9110 10.2.3); -1 when absent or bad.
    int parseRetryAfter(const QByteArray& value)
    {
        if (value.isEmpty())
            return -1;
        bool ok = false;
        const int seconds = value.trimmed().toInt(&ok);
        if (ok)
            return qMax(0, seconds);
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
        if (!when.isValid())
            return -1;
        return int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
    }

    QString hostAndPort(const QUrl& url) { return url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString()); }

    Error curlError(CURLcode code, const char* detail, const QUrl& url)
    {
        const QString where = hostAndPort(url);
        const QString text = QString::fromUtf8(detail && *detail ? detail : curl_easy_strerror(code));
        switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return Error::make(ErrorKind::Transport, QStringLiteral("cannot resolve %1: %2").arg(where, text));
        case CURLE_COULDNT_CONNECT:
            return Error::make(ErrorKind::Transport, QStringLiteral("cannot connect to %1: %2").arg(where, text));
        case CURLE_OPERATION_TIMEDOUT:
            return Error::make(ErrorKind::Transport, QStringLiteral("%1 timed out: %2").arg(where, text));
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_CIPHER:
            return Error::make(ErrorKind::Tls, QStringLiteral("TLS with %1 failed: %2").arg(where, text));
        case CURLE_ABORTED_BY_CALLBACK:
            return Error::make(ErrorKind::Cancelled, QStringLiteral("cancelled"));
        default:
            return Error::make(ErrorKind::Transport, QStringLiteral("transfer from %1 failed: %2").arg(where, text));
        }
    }

} // namespace

struct Transfer
{
    quint64 id = 0;
    HttpReply* reply = nullptr; // cleared when the reply goes away first
    HttpRequest request;
    TransferState state = TransferState::Queued;
    int attempt = 0;
    int redirects = 0;
    CURL* easy = nullptr;
    curl_slist* headerList = nullptr;
    HttpResponse response;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    bool tooLarge = false;
    bool sinkStopped = false;
    bool sinkUsed = false;
    bool paused = false; // the sink was not ready: the body waits in the socket
    bool stalled = false; // nothing moved for stallTimeoutMs: aborted by progressCallback
    int stallTimeoutMs = 0;
    qint64 lastMovedMs = 0; // when bytes last moved either way (steady clock)
    curl_off_t lastDownloaded = 0;
    curl_off_t lastUploaded = 0;
    QString hostKey;
    std::chrono::steady_clock::time_point queuedAt; // for the berth.http trace
};

struct SocketWatch
{
    QSocketNotifier* read = nullptr;
    QSocketNotifier* write = nullptr;
};

struct HttpClient::Private
{
    HttpClient* q = nullptr;
    CURLM* multi = nullptr;
    QTimer timer;
    // Finished replies wait here for the event loop's next turn (see finish()).
    QList<std::pair<QPointer<HttpReply>, Result<HttpResponse>>> finished;
    QTimer deliveryTimer;
    int deliveryDepth = 0; // deliveries under way: a handler may run a nested event loop
    QList<QPointer<HttpReply>> discarded; // deleted when the outermost delivery ends
    // Sockets curl stopped watching during a socket action: disabled when it ends, unless curl
    // watches them again first (see updateSocket).
    int socketActionDepth = 0;
    QList<curl_socket_t> unwatched;
    QHash<curl_socket_t, SocketWatch> sockets;
    QHash<QString, QList<Transfer*>> queued;
    QHash<QString, int> running;
    QHash<quint64, Transfer*> transfers; // every live transfer, owned here
    // Finished transfers' handles, reset, for the next ones: a handle made and freed per request
    // was a tenth of curl's work for a HEAD.
    QList<CURL*> idleEasy;
    static constexpr qsizetype kIdleEasyKept = 32;
    // Rounds of "read finished transfers, send the ones started in their place" per socket event:
    // a bound, so that a stream of instant answers cannot keep one event from returning to the loop.
    static constexpr int kKickRounds = 4;
    quint64 nextId = 0;
    int maxPerHost = 16; // as many as a parallel curl uses; HTTP/2 registries multiplex them on one connection
    int connectTimeoutMs = 15000;
    int stallTimeoutMs = 60000;
    int retryBaseDelayMs = 250;
    int maxRetryAfterSeconds = 30;
    int started = 0;
    QByteArray userAgent = "berth/0.1";
    curl_slist* connectTo = nullptr; // CURLOPT_CONNECT_TO; lives as long as the client

    void enqueue(Transfer* t);
    void schedule(const QString& hostKey);
    void start(Transfer* t);
    void processMessages();
    void completed(Transfer* t, CURLcode code);
    void finish(Transfer* t, Result<HttpResponse> result);
    void deliverFinished();
    void cancel(quint64 id);
    void releaseEasy(Transfer* t);
    void retryLater(Transfer* t, int delayMs);
    void updateSocket(curl_socket_t fd, int what);
    static void disableWatch(SocketWatch& watch);
    void socketAction(curl_socket_t fd, int events);
};

static int socketCallback(CURL*, curl_socket_t fd, int what, void* userp, void*)
{
    static_cast<HttpClient::Private*>(userp)->updateSocket(fd, what);
    return 0;
}

static int timerCallback(CURLM*, long timeoutMs, void* userp)
{
    auto* d = static_cast<HttpClient::Private*>(userp);
    if (timeoutMs < 0)
        d->timer.stop();
    else
        d->timer.start(int(timeoutMs));
    return 0;
}

static size_t headerCallback(char* data, size_t size, size_t count, void* userp)
{
    auto* t = static_cast<Transfer*>(userp);
    const size_t bytes = size * count;
    // Read in place: two copies per header (its lower-case name, its value), not five.
    const QByteArrayView line = QByteArrayView(data, qsizetype(bytes)).trimmed();
    if (line.startsWith("HTTP/")) {
        t->response.headers.clear(); // a new response (after 100 Continue)
    } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
        t->response.headers.append({line.first(colon).trimmed().toByteArray().toLower(), line.sliced(colon + 1).trimmed().toByteArray()});
    }
    return bytes;
}

static size_t writeCallback(char* data, size_t size, size_t count, void* userp)
{
    auto* t = static_cast<Transfer*>(userp);
    const size_t bytes = size * count;
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    // Only a successful body is streamed; error bodies are kept for the error message.
    if (t->request.sink && status >= 200 && status < 300) {
        if (t->request.flow && t->request.flow->ready && !t->request.flow->ready()) {
            t->paused = true;
            return CURL_WRITEFUNC_PAUSE; // delivered again once resumed
        }
        t->sinkUsed = true;
        if (!t->request.sink(QByteArrayView(data, qsizetype(bytes)))) {
            t->sinkStopped = true;
            return 0;
        }
        return bytes;
    }
    if (t->response.body.size() + qint64(bytes) > t->request.maxBodyBytes) {
        t->tooLarge = true;
        return 0;
    }
    if (t->response.body.isEmpty()) {
        // Room for the announced length at once, instead of growing (and copying) page bodies of a
        // megabyte step by step; a claim beyond what the request accepts reserves no more than that.
        curl_off_t announced = -1;
        curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
        if (announced > 0)
            t->response.body.reserve(qsizetype(qMin<qint64>(announced, qMin<qint64>(t->request.maxBodyBytes, qint64(64) << 20))));
    }
    t->response.body.append(data, qsizetype(bytes));
    return bytes;
}

static size_t readCallback(char* buffer, size_t size, size_t count, void* userp)
{
    auto* t = static_cast<Transfer*>(userp);
    t->sinkUsed = true; // a streamed body cannot be sent again: no retry
    const qint64 n = t->request.bodySource(buffer, qint64(size * count));
    if (n == HttpRequest::kBodyWait) {
        t->paused = true;
        return CURL_READFUNC_PAUSE;
    }
    if (n < 0) {
        t->sinkStopped = true;
        return CURL_READFUNC_ABORT;
    }
    return size_t(n);
}

static qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static int progressCallback(void* userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t, curl_off_t ulnow)
{
    auto* t = static_cast<Transfer*>(userp);
    // The stall timeout, ours rather than CURLOPT_LOW_SPEED_TIME: curl averages its speed over the
    // last five seconds, so a transfer that stops dead was noticed only 5 s after the timeout.
    // A transfer we paused ourselves (the sink is not ready) is not stalled.
    const qint64 now = steadyMs();
    if (dlnow != t->lastDownloaded || ulnow != t->lastUploaded || t->paused || t->lastMovedMs == 0) {
        t->lastDownloaded = dlnow;
        t->lastUploaded = ulnow;
        t->lastMovedMs = now;
    } else if (t->stallTimeoutMs > 0 && now - t->lastMovedMs > t->stallTimeoutMs) {
        t->stalled = true;
        return 1; // CURLE_ABORTED_BY_CALLBACK
    }
    if (t->reply && dlnow > 0) {
        // Queued, so that a slot may abort or send without re-entering libcurl.
        QMetaObject::invokeMethod(
            t->reply, [reply = QPointer(t->reply), dlnow, dltotal] {
                if (reply)
                    Q_EMIT reply->progress(dlnow, dltotal > 0 ? dltotal : -1);
            },
            Qt::QueuedConnection);
    }
    return 0;
}

HttpClient::HttpClient(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    d->q = this;
    // BERTH_MAX_CONNECTIONS_PER_HOST tunes the cap for registries that want fewer (or allow more).
    bool ok = false;
    const int cap = qEnvironmentVariableIntValue("BERTH_MAX_CONNECTIONS_PER_HOST", &ok);
    if (ok && cap > 0)
        d->maxPerHost = cap;
    d->multi = curl_multi_init();
    curl_multi_setopt(d->multi, CURLMOPT_SOCKETFUNCTION, socketCallback);
    curl_multi_setopt(d->multi, CURLMOPT_SOCKETDATA, d.get());
    curl_multi_setopt(d->multi, CURLMOPT_TIMERFUNCTION, timerCallback);
    curl_multi_setopt(d->multi, CURLMOPT_TIMERDATA, d.get());
    curl_multi_setopt(d->multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));
    d->timer.setSingleShot(true);
    d->deliveryTimer.setSingleShot(true);
    d->deliveryTimer.setTimerType(Qt::PreciseTimer);
    connect(&d->deliveryTimer, &QTimer::timeout, this, [this] { d->deliverFinished(); });
    connect(&d->timer, &QTimer::timeout, this, [this] { d->socketAction(CURL_SOCKET_TIMEOUT, 0); });
}

HttpClient::~HttpClient()
{
    d->timer.stop();
    const auto ids = d->transfers.keys();
    for (quint64 id : ids) {
        d->transfers.value(id)->reply = nullptr;
        d->cancel(id);
    }
    for (auto& watch : d->sockets) {
        delete watch.read;
        delete watch.write;
    }
    d->sockets.clear();
    for (CURL* easy : std::as_const(d->idleEasy))
        curl_easy_cleanup(easy);
    curl_multi_cleanup(d->multi);
    curl_slist_free_all(d->connectTo);
}

void HttpClient::discard(HttpReply* reply)
{
    if (d->deliveryDepth > 0)
        d->discarded.append(reply);
    else
        reply->deleteLater();
}

void HttpClient::setMaxConnectionsPerHost(int count) { d->maxPerHost = qMax(1, count); }
void HttpClient::setConnectTimeoutMs(int ms) { d->connectTimeoutMs = ms; }
void HttpClient::setStallTimeoutMs(int ms) { d->stallTimeoutMs = ms; }
void HttpClient::setRetryBaseDelayMs(int ms) { d->retryBaseDelayMs = ms; }
void HttpClient::setMaxRetryAfterSeconds(int seconds) { d->maxRetryAfterSeconds = seconds; }
void HttpClient::setUserAgent(const QByteArray& agent) { d->userAgent = agent; }

Result<void> HttpClient::setConnectTo(const QStringList& entries)
{
    // HOST:PORT:CONNECT_HOST:CONNECT_PORT; a connect host may be a bracketed IPv6 address.
    static const QRegularExpression kEntry(QStringLiteral(R"(^[^:\s]*:\d*:(\[[0-9A-Fa-f:.]+\]|[^:\s]*):\d*$)"));
    curl_slist* list = nullptr;
    for (const QString& entry : entries) {
        if (!kEntry.match(entry).hasMatch()) {
            curl_slist_free_all(list);
            return std::unexpected(Error::make(ErrorKind::InvalidInput,
                                               QStringLiteral("--connect-to wants HOST:PORT:CONNECT_HOST:CONNECT_PORT, not \"%1\"").arg(entry)));
        }
        list = curl_slist_append(list, entry.toUtf8().constData());
    }
    curl_slist_free_all(d->connectTo);
    d->connectTo = list;
    return {};
}

QStringList HttpClient::connectToFromEnvironment()
{
    return qEnvironmentVariable("BERTH_CONNECT_TO").split(QLatin1Char(' '), Qt::SkipEmptyParts);
}
int HttpClient::transfersStarted() const { return d->started; }

HttpReply* HttpClient::send(HttpRequest request)
{
    auto* reply = new HttpReply(this);
    auto* t = new Transfer;
    t->id = ++d->nextId;
    t->reply = reply;
    t->request = std::move(request);
    d->transfers.insert(t->id, t);
    const quint64 id = t->id;
    // abort() may come from inside a signal that libcurl is still delivering: defer the removal.
    reply->m_abortHook = [this, id, reply] {
        if (Transfer* live = d->transfers.value(id))
            live->reply = nullptr;
        QMetaObject::invokeMethod(this, [this, id] { d->cancel(id); }, Qt::QueuedConnection);
        reply->finish(std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("cancelled"))));
    };
    connect(reply, &QObject::destroyed, this, [this, id] {
        if (Transfer* live = d->transfers.value(id)) {
            live->reply = nullptr;
            d->cancel(id);
        }
    });
    d->enqueue(t);
    return reply;
}

void HttpClient::Private::enqueue(Transfer* t)
{
    t->state = TransferState::Queued;
    t->queuedAt = std::chrono::steady_clock::now();
    t->hostKey = hostKeyOf(t->request.url);
    queued[t->hostKey].append(t);
    schedule(t->hostKey);
}

void HttpClient::Private::schedule(const QString& hostKey)
{
    auto& waiting = queued[hostKey];
    while (!waiting.isEmpty() && running.value(hostKey) < maxPerHost)
        start(waiting.takeFirst());
}

void HttpClient::Private::start(Transfer* t)
{
    ++started;
    running[t->hostKey] += 1;
    t->state = TransferState::Running;
    t->response = HttpResponse{};
    t->tooLarge = t->sinkStopped = false;
    t->errorBuffer[0] = '\0';

    CURL* easy = idleEasy.isEmpty() ? curl_easy_init() : idleEasy.takeLast();
    t->easy = easy;
    t->paused = false;
    if (t->request.flow) {
        t->request.flow->resume = [client = QPointer<HttpClient>(q), id = t->id] {
            if (!client)
                return;
            Transfer* transfer = client->d->transfers.value(id);
            if (transfer && transfer->paused && transfer->easy) {
                transfer->paused = false;
                transfer->lastMovedMs = 0; // the time it waited on us is not the server's silence
                curl_easy_pause(transfer->easy, CURLPAUSE_CONT);
            }
        };
    }
    const QByteArray url = t->request.url.toEncoded();
    curl_easy_setopt(easy, CURLOPT_URL, url.constData());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    // A streamed body (a layer) moves in larger pieces than curl's 16 and 64 KiB: a sixteenth of
    // the calls on both sides. Small documents keep the small buffers (one per transfer).
    if (t->request.sink)
        curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, 256L * 1024);
    if (t->request.bodySource)
        curl_easy_setopt(easy, CURLOPT_UPLOAD_BUFFERSIZE, 1024L * 1024);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L); // see completed(): we follow, minding credentials
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(connectTimeoutMs));
    // curl's own low-speed check stays: its once-a-second wake-up is what calls progressCallback
    // on a silent connection.
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, long(qMax(1, stallTimeoutMs / 1000)));
    t->stallTimeoutMs = stallTimeoutMs;
    t->stalled = false;
    t->lastMovedMs = 0;
    t->lastDownloaded = t->lastUploaded = 0;
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->errorBuffer);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, userAgent.constData());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, headerCallback);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, writeCallback);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, progressCallback);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, t);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    if (connectTo)
        curl_easy_setopt(easy, CURLOPT_CONNECT_TO, connectTo);
    if (!t->request.tls.caFile.isEmpty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, t->request.tls.caFile.toLocal8Bit().constData());
    if (!t->request.tls.verify) {
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }

    const QByteArray& method = t->request.method;
    if (method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (t->request.bodySource) {
        curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.constData());
        curl_easy_setopt(easy, CURLOPT_READFUNCTION, &readCallback);
        curl_easy_setopt(easy, CURLOPT_READDATA, t);
        curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(t->request.bodySize));
    } else if (method != "GET" || !t->request.body.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.constData());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t->request.body.constData());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(t->request.body.size()));
    }

    curl_slist* list = nullptr;
    for (const auto& [name, value] : t->request.headers)
        list = curl_slist_append(list, QByteArray(name + ": " + value).constData());
    list = curl_slist_append(list, "Expect:"); // no 100-continue round trip for small bodies
    t->headerList = list;
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, list);

    curl_multi_add_handle(multi, easy);
}

void HttpClient::Private::releaseEasy(Transfer* t)
{
    if (t->easy) {
        curl_multi_remove_handle(multi, t->easy);
        if (idleEasy.size() < kIdleEasyKept) {
            curl_easy_reset(t->easy); // every option back to curl's default: nothing of this request stays
            idleEasy.append(t->easy);
        } else {
            curl_easy_cleanup(t->easy);
        }
        t->easy = nullptr;
        running[t->hostKey] -= 1;
    }
    curl_slist_free_all(t->headerList);
    t->headerList = nullptr;
}

void HttpClient::Private::processMessages()
{
    int pending = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &pending)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        Transfer* t = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &t);
        const CURLcode code = message->data.result;
        long status = 0;
        curl_easy_getinfo(message->easy_handle, CURLINFO_RESPONSE_CODE, &status);
        t->response.status = int(status);
        t->response.url = t->request.url;
        const QString hostKey = t->hostKey;
        releaseEasy(t);
        completed(t, code);
        schedule(hostKey);
    }
}

void HttpClient::Private::completed(Transfer* t, CURLcode code)
{
    const int attemptsLeft = t->request.maxRetries - t->attempt;
    if (code != CURLE_OK) {
        if (t->tooLarge) {
            finish(t, std::unexpected(Error::make(ErrorKind::Protocol,
                                                  QStringLiteral("the response from %1 is larger than %2 bytes")
                                                      .arg(t->request.url.host())
                                                      .arg(t->request.maxBodyBytes))));
        } else if (t->stalled) {
            // Not retried: a server that goes silent once is likely to again, and a retry would
            // stretch the wait the user chose (--timeout) several times over.
            finish(t, std::unexpected(Error::make(ErrorKind::Transport, QStringLiteral("%1 sent nothing for %2 s; gave up")
                                                                            .arg(hostAndPort(t->request.url))
                                                                            .arg(t->stallTimeoutMs / 1000.0))));
        } else if (t->sinkStopped) {
            finish(t, std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("stopped by the receiver"))));
        } else if (isRetryableCurlCode(code) && attemptsLeft > 0 && !t->sinkUsed) {
            retryLater(t, retryBaseDelayMs << t->attempt);
        } else {
            Error error = curlError(code, t->errorBuffer, t->request.url);
            error.connectionLost = isRetryableCurlCode(code);
            finish(t, std::unexpected(std::move(error)));
        }
        return;
    }

    const int status = t->response.status;
    if (isRedirect(status) && !t->response.header("location").isEmpty()) {
        if (++t->redirects > 10) {
            finish(t, std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("too many redirects"))));
            return;
        }
        const QUrl next = t->request.url.resolved(QUrl::fromEncoded(t->response.header("location")));
        if (next.scheme() != u"http" && next.scheme() != u"https") {
            finish(t, std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("redirect to a non-HTTP URL"))));
            return;
        }
        // Credentials belong to the registry: a redirect to another host (object storage) is
        // already signed, and must never see our Authorization header.
        if (hostKeyOf(next) != hostKeyOf(t->request.url))
            t->request.removeHeader("authorization");
        if (status == 303 || ((status == 301 || status == 302) && t->request.method == "POST")) {
            t->request.method = "GET";
            t->request.body.clear();
        }
        t->request.url = next;
        enqueue(t);
        return;
    }

    if (isRetryableStatus(status) && attemptsLeft > 0) {
        const int retryAfter = parseRetryAfter(t->response.header("retry-after"));
        if (retryAfter <= maxRetryAfterSeconds) {
            const int backoff = (retryBaseDelayMs << t->attempt) + int(QRandomGenerator::global()->bounded(retryBaseDelayMs / 2 + 1));
            retryLater(t, retryAfter >= 0 ? qMax(retryAfter * 1000, 0) : backoff);
            return;
        }
    }
    finish(t, std::move(t->response));
}

void HttpClient::Private::retryLater(Transfer* t, int delayMs)
{
    ++t->attempt;
    t->state = TransferState::WaitingToRetry;
    qCDebug(lcHttp) << "retrying" << t->request.url.toDisplayString() << "in" << delayMs << "ms";
    QTimer::singleShot(delayMs, q, [this, id = t->id] {
        Transfer* live = transfers.value(id);
        if (live && live->state == TransferState::WaitingToRetry)
            enqueue(live);
    });
}

void HttpClient::Private::finish(Transfer* t, Result<HttpResponse> result)
{
    // QT_LOGGING_RULES=berth.http.debug=true traces each request: what waits on what, and for how
    // long. Path only: a query may carry a signature (object storage redirects).
    if (lcHttp().isDebugEnabled()) {
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t->queuedAt).count();
        qCDebug(lcHttp).noquote() << t->request.method << hostAndPort(t->request.url) + t->request.url.path() << "->"
                                  << (result ? QString::number(result->status) : result.error().message) << QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
    }
    t->state = TransferState::Done;
    transfers.remove(t->id);
    if (HttpReply* reply = t->reply) {
        reply->m_abortHook = nullptr; // the transfer is gone; a late abort() has nothing to stop
        // Delivered from the event loop: the receiver may start new requests, which must not happen
        // inside curl_multi_info_read. A zero timer, not a posted event per reply: under GLib each
        // posted event wakes the loop with an eventfd write, a system call per request.
        finished.append({QPointer(reply), std::move(result)});
        if (!deliveryTimer.isActive())
            deliveryTimer.start(0);
    }
    delete t;
}

void HttpClient::Private::deliverFinished()
{
    auto replies = std::exchange(finished, {});
    const QPointer<HttpClient> client(q); // a handler may delete the client, and its replies with it
    ++deliveryDepth;
    for (auto& [reply, result] : replies) {
        if (reply)
            reply->finish(std::move(result));
    }
    if (!client)
        return;
    // Not inside a nested loop's delivery: the handler that discarded a reply may still be using it.
    if (--deliveryDepth == 0)
        qDeleteAll(std::exchange(discarded, {}));
}

void HttpClient::Private::cancel(quint64 id)
{
    Transfer* t = transfers.value(id);
    if (!t)
        return;
    if (t->state == TransferState::Queued)
        queued[t->hostKey].removeOne(t);
    const QString hostKey = t->hostKey;
    releaseEasy(t);
    finish(t, std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("cancelled"))));
    schedule(hostKey);
}

void HttpClient::Private::updateSocket(curl_socket_t fd, int what)
{
    SocketWatch& watch = sockets[fd];
    if (what == CURL_POLL_REMOVE) {
        // Kept, disabled, for the next socket of that number: curl removes a kept-alive connection
        // after each transfer and adds it back for the next, and two notifiers made and deleted
        // per request cost more than the request on loopback. Disabled, not left watching: curl
        // also hands over sockets it closes without telling (its resolver's), and a notifier on a
        // closed descriptor makes Qt warn. Inside a socket action the disabling waits for its end,
        // before the loop polls again: the transfer started in place of the finished one usually
        // watches the same connection again, and under GLib each enable or disable is an eventfd
        // write (two per request on loopback).
        if (socketActionDepth > 0)
            unwatched.append(fd);
        else
            disableWatch(watch);
        return;
    }
    unwatched.removeAll(fd);
    if (!watch.read) {
        watch.read = new QSocketNotifier(fd, QSocketNotifier::Read);
        watch.write = new QSocketNotifier(fd, QSocketNotifier::Write);
        QObject::connect(watch.read, &QSocketNotifier::activated, q, [this, fd] { socketAction(fd, CURL_CSELECT_IN); });
        QObject::connect(watch.write, &QSocketNotifier::activated, q, [this, fd] { socketAction(fd, CURL_CSELECT_OUT); });
    }
    watch.read->setEnabled(what & CURL_POLL_IN);
    watch.write->setEnabled(what & CURL_POLL_OUT);
}

void HttpClient::Private::disableWatch(SocketWatch& watch)
{
    if (watch.read) {
        watch.read->setEnabled(false);
        watch.write->setEnabled(false);
    }
}

void HttpClient::Private::socketAction(curl_socket_t fd, int events)
{
    ++socketActionDepth;
    const auto unwatchLeftovers = qScopeGuard([this] {
        if (--socketActionDepth == 0) {
            for (curl_socket_t idle : std::exchange(unwatched, {}))
                disableWatch(sockets[idle]);
        }
    });
    int stillRunning = 0;
    curl_multi_socket_action(multi, fd, events, &stillRunning);
    // Transfers started in place of finished ones go out now, on the connections those left idle,
    // not one event-loop turn later behind the finished replies' callbacks: the server would wait.
    // Every socket action is followed by reading its finished transfers; after a few rounds the
    // timer curl asked for sends the rest.
    for (int round = 1;; ++round) {
        const int before = started;
        processMessages();
        if (started == before || round == kKickRounds)
            break;
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &stillRunning);
    }
}

} // namespace berth
