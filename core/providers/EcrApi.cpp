#include "core/providers/EcrApi.h"

#include "core/auth/SigV4.h"
#include "core/base/Guarded.h"
#include "core/base/Numbers.h"
#include "core/net/HttpClient.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace berth {

namespace {
    const QString kTargetPrefix = QStringLiteral("AmazonEC2ContainerRegistry_V20150921");
}

std::optional<EcrRegistry> EcrRegistry::fromHost(const QString& host)
{
    // The ECR credential helper's pattern (ecr-login/api/client.go), anchored at both ends.
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{12})\\.dkr[\\.\\-]ecr(\\-fips)?\\.([a-zA-Z0-9][a-zA-Z0-9-_]*)\\.(amazonaws\\.(?:com(?:\\.cn)?|eu)|"
        "on\\.(?:aws|amazonwebservices\\.com\\.cn)|sc2s\\.sgov\\.gov|c2s\\.ic\\.gov|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov)$"));
    const auto match = pattern.match(host.toLower());
    if (!match.hasMatch())
        return std::nullopt;
    return EcrRegistry{match.captured(1), match.captured(3), match.hasCaptured(2) && !match.captured(2).isEmpty(), match.captured(4)};
}

QUrl EcrRegistry::apiEndpoint() const
{
    const QString fipsPart = fips ? QStringLiteral("-fips") : QString();
    // Dual-stack registries (on.aws) pair with the dual-stack API (ecr.REGION.api.aws).
    if (domain == u"on.aws")
        return QUrl(QStringLiteral("https://ecr%1.%2.api.aws").arg(fipsPart, region));
    if (domain == u"on.amazonwebservices.com.cn")
        return QUrl(QStringLiteral("https://ecr%1.%2.api.amazonwebservices.com.cn").arg(fipsPart, region));
    return QUrl(QStringLiteral("https://api.ecr%1.%2.%3").arg(fipsPart, region, domain));
}

EcrApi::EcrApi(HttpClient* http, EcrRegistry registry, AwsCredentialResolver* credentials, TlsOptions tls, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_registry(std::move(registry))
    , m_credentials(credentials)
    , m_tls(std::move(tls))
{
    const QString configured = awsConfiguredEndpoint(QStringLiteral("ECR"), credentials->profile(), credentials->files(), credentials->environment());
    m_endpoint = configured.isEmpty() ? m_registry.apiEndpoint() : QUrl(configured);
}

void EcrApi::call(const QString& operation, const QJsonObject& payload, QObject* context, std::function<void(Result<QJsonObject>)> done)
{
    done = guarded<Result<QJsonObject>>(context, std::move(done));
    post(operation, payload, [done](Result<QByteArray> body) {
        if (!body)
            done(std::unexpected(body.error()));
        else
            done(QJsonDocument::fromJson(*body).object());
    });
}

void EcrApi::post(const QString& operation, const QJsonObject& payload, std::function<void(Result<QByteArray>)> done)
{
    const QByteArray body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    m_credentials->resolve(this, [this, operation, body, done](Result<AwsCredentials> credentials) {
        if (!credentials) {
            done(std::unexpected(credentials.error()));
            return;
        }
        send(operation, body, *credentials, done);
    });
}

void EcrApi::send(const QString& operation, const QByteArray& body, const AwsCredentials& credentials,
                  std::function<void(Result<QByteArray>)> done)
{
    const QByteArray amzDate = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const QByteArray host = (m_endpoint.host() + (m_endpoint.port() > 0 ? QStringLiteral(":%1").arg(m_endpoint.port()) : QString())).toUtf8();
    SigV4Request toSign;
    toSign.method = "POST";
    toSign.path = "/";
    toSign.headers = {{"Host", host},
                      {"X-Amz-Date", amzDate},
                      {"X-Amz-Target", (kTargetPrefix + QLatin1Char('.') + operation).toUtf8()},
                      {"Content-Type", "application/x-amz-json-1.1"}};
    toSign.body = body;
    const SigV4Signature signature = signSigV4(toSign, SigV4Key{credentials.accessKeyId, credentials.secretAccessKey, m_registry.region,
                                                                QStringLiteral("ecr"), credentials.sessionToken});
    HttpRequest request;
    request.method = "POST";
    request.url = m_endpoint.resolved(QUrl(QStringLiteral("/")));
    request.body = body;
    request.tls = m_tls;
    request.maxBodyBytes = kMaxReportBytes;
    for (const auto& [name, value] : toSign.headers) {
        if (name != "Host") // libcurl sends the same Host itself
            request.setHeader(name, value);
    }
    if (!credentials.sessionToken.isEmpty())
        request.setHeader("X-Amz-Security-Token", credentials.sessionToken.toUtf8());
    request.setHeader("Authorization", signature.authorization);
    HttpReply* reply = m_http->send(request);
    connect(reply, &HttpReply::finished, this, [reply, operation, done] {
        reply->deleteLater();
        const auto& result = reply->result();
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        if (result->status != 200) {
            const QJsonObject json = QJsonDocument::fromJson(result->body).object();
            // AWS JSON errors: {"__type": "...#RepositoryNotFoundException", "message": "..."}
            const QString type = json.value(QStringLiteral("__type")).toString().section(QLatin1Char('#'), -1);
            const QString message = json.value(QStringLiteral("message")).toString(json.value(QStringLiteral("Message")).toString());
            ErrorKind kind = ErrorKind::Http;
            if (result->status == 403 || type.contains(QLatin1String("AccessDenied")) || type.contains(QLatin1String("Signature"))
                || type.contains(QLatin1String("UnrecognizedClient")))
                kind = ErrorKind::Auth;
            else if (type.contains(QLatin1String("NotFound")))
                kind = ErrorKind::NotFound;
            else if (result->status == 429 || type.contains(QLatin1String("Throttl")))
                kind = ErrorKind::RateLimited;
            else if (type.contains(QLatin1String("InvalidParameter")))
                kind = ErrorKind::InvalidInput;
            const QString said = message.isEmpty() ? (type.isEmpty() ? QStringLiteral("HTTP %1").arg(result->status) : type) : message;
            done(std::unexpected(Error::make(kind, QStringLiteral("ECR %1: %2").arg(operation, said), result->status, type)));
            return;
        }
        done(result->body);
    });
}

void EcrApi::scanFindings(const QString& repository, const QString& imageDigest, QObject* context,
                          std::function<void(Result<VulnerabilityReport>)> done)
{
    const QJsonObject request{{QStringLiteral("registryId"), m_registry.accountId},
                              {QStringLiteral("repositoryName"), repository},
                              {QStringLiteral("imageId"), QJsonObject{{QStringLiteral("imageDigest"), imageDigest}}},
                              {QStringLiteral("maxResults"), 1000}};
    auto collected = std::make_shared<VulnerabilityReport>();
    collected->source = QStringLiteral("ecr");
    collected->scanner = QStringLiteral("Amazon ECR");
    auto onPage = [collected](const JsonRef& page) -> std::optional<Error> {
        const QString status = page.value(QLatin1StringView("imageScanStatus")).value(QLatin1StringView("status")).toString();
        if (status != u"COMPLETE" && status != u"ACTIVE")
            return Error::make(ErrorKind::NotFound, QStringLiteral("ECR has no finished scan of this image (status %1)").arg(status));
        auto report = parseEcrFindings(QJsonDocument(page.toQJsonValue().toObject()).toJson(QJsonDocument::Compact));
        if (!report)
            return report.error();
        collected->items += report->items;
        return std::nullopt;
    };
    callPages(QStringLiteral("DescribeImageScanFindings"), request, context, onPage, [collected, done](Result<void> finished) {
        if (finished)
            done(*collected);
        else
            done(std::unexpected(finished.error()));
    });
}

namespace {
    // JSON 1.1 timestamps are epoch seconds with a fraction.
    QDateTime awsTime(double seconds)
    {
        return fromEpochSeconds(seconds);
    }
    QDateTime awsTime(const JsonRef& value)
    {
        return value.isNumber() ? awsTime(value.toDouble()) : QDateTime();
    }
    QDateTime awsTime(const QJsonValue& value)
    {
        return value.isDouble() ? awsTime(value.toDouble()) : QDateTime();
    }
}

QStringList EcrApi::repositoriesFromPage(const JsonRef& page)
{
    QStringList names;
    for (const JsonRef repository : page.value(QLatin1StringView("repositories")))
        names << repository.value(QLatin1StringView("repositoryName")).toString();
    names.removeAll(QString());
    return names;
}

QList<EcrImage> EcrApi::imagesFromPage(const JsonRef& page)
{
    QList<EcrImage> images;
    for (const JsonRef image : page.value(QLatin1StringView("imageDetails"))) {
        EcrImage row;
        row.digest = image.value(QLatin1StringView("imageDigest")).toString();
        if (row.digest.isEmpty())
            continue;
        for (const JsonRef tag : image.value(QLatin1StringView("imageTags")))
            row.tags << tag.toString();
        row.pushed = awsTime(image.value(QLatin1StringView("imagePushedAt")));
        row.pulled = awsTime(image.value(QLatin1StringView("lastRecordedPullTime")));
        row.size = toInt64(image.value(QLatin1StringView("imageSizeInBytes")).toDouble(-1)).value_or(-1);
        row.mediaType = image.value(QLatin1StringView("imageManifestMediaType")).toString();
        row.subject = image.value(QLatin1StringView("subjectManifestDigest")).toString();
        images << row;
    }
    return images;
}

void EcrApi::repositories(QObject* context, std::function<void(const QStringList&)> onPage, std::function<void(Result<void>)> done)
{
    const QJsonObject request{{QStringLiteral("registryId"), m_registry.accountId}, {QStringLiteral("maxResults"), 1000}};
    callPages(QStringLiteral("DescribeRepositories"), request, context, [onPage](const JsonRef& page) -> std::optional<Error> {
        onPage(repositoriesFromPage(page));
        return std::nullopt;
    }, std::move(done));
}

void EcrApi::images(const QString& repository, QObject* context, std::function<void(Result<QList<EcrImage>>)> done)
{
    const QJsonObject request{{QStringLiteral("registryId"), m_registry.accountId}, {QStringLiteral("repositoryName"), repository},
                              {QStringLiteral("maxResults"), 1000}};
    auto collected = std::make_shared<QList<EcrImage>>();
    auto onPage = [collected](const JsonRef& page) -> std::optional<Error> {
        collected->append(imagesFromPage(page));
        return std::nullopt;
    };
    callPages(QStringLiteral("DescribeImages"), request, context, onPage, [collected, done](Result<void> finished) {
        if (finished)
            done(*collected);
        else
            done(std::unexpected(finished.error()));
    });
}

void EcrApi::deleteImages(const QString& repository, const QJsonArray& imageIds, QObject* context, std::function<void(Result<void>)> done)
{
    const QJsonObject request{{QStringLiteral("registryId"), m_registry.accountId}, {QStringLiteral("repositoryName"), repository},
                              {QStringLiteral("imageIds"), imageIds}};
    call(QStringLiteral("BatchDeleteImage"), request, context, [done](Result<QJsonObject> answer) {
        if (!answer) {
            done(std::unexpected(answer.error()));
            return;
        }
        // Partial success is normal for BatchDeleteImage: every failure is reported.
        QStringList failures;
        for (const QJsonValue& value : answer->value(QStringLiteral("failures")).toArray()) {
            const QJsonObject failure = value.toObject();
            const QJsonObject id = failure.value(QStringLiteral("imageId")).toObject();
            const QString which = id.value(QStringLiteral("imageTag")).toString(id.value(QStringLiteral("imageDigest")).toString());
            failures << QStringLiteral("%1: %2 (%3)").arg(which, failure.value(QStringLiteral("failureReason")).toString(),
                                                            failure.value(QStringLiteral("failureCode")).toString());
        }
        if (!failures.isEmpty()) {
            const bool missing = failures.size() == 1 && failures.first().contains(QLatin1String("ImageNotFound"));
            done(std::unexpected(Error::make(missing ? ErrorKind::NotFound : ErrorKind::Http,
                                             QStringLiteral("ECR did not delete %1").arg(failures.join(QStringLiteral("; "))))));
            return;
        }
        done({});
    });
}

void EcrApi::authorizationToken(QObject* context, std::function<void(Result<EcrAuthorization>)> done)
{
    const QJsonObject request{{QStringLiteral("registryIds"), QJsonArray{m_registry.accountId}}};
    call(QStringLiteral("GetAuthorizationToken"), request, context, [done](Result<QJsonObject> answer) {
        if (!answer) {
            done(std::unexpected(answer.error()));
            return;
        }
        const QJsonObject data = answer->value(QStringLiteral("authorizationData")).toArray().at(0).toObject();
        const QByteArray decoded = QByteArray::fromBase64(data.value(QStringLiteral("authorizationToken")).toString().toLatin1());
        const qsizetype colon = decoded.indexOf(':');
        if (colon <= 0) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("ECR's GetAuthorizationToken gave no user:password token"))));
            return;
        }
        done(EcrAuthorization{QString::fromUtf8(decoded.left(colon)), QString::fromUtf8(decoded.mid(colon + 1)), awsTime(data.value(QStringLiteral("expiresAt")))});
    });
}

QString EcrApi::nextTokenAhead(const QByteArray& body)
{
    static const QByteArray key = QByteArrayLiteral("\"nextToken\"");
    const qsizetype at = body.lastIndexOf(key);
    if (at < 0)
        return {};
    qsizetype i = at + key.size();
    while (i < body.size() && (body[i] == ' ' || body[i] == ':'))
        ++i;
    if (i >= body.size() || body[i] != '"')
        return {};
    const qsizetype end = body.indexOf('"', i + 1);
    const QByteArray token = end > i ? body.mid(i + 1, end - i - 1) : QByteArray();
    return token.contains('\\') ? QString() : QString::fromUtf8(token);
}

namespace {
    // One page asked for ahead: its answer, or whoever waits for it.
    struct PageAhead
    {
        QString token;
        std::optional<Result<QByteArray>> answer;
        std::function<void(Result<QByteArray>)> waiting;
        void arrive(Result<QByteArray> body)
        {
            if (waiting)
                std::exchange(waiting, {})(std::move(body));
            else
                answer = std::move(body);
        }
        void take(std::function<void(Result<QByteArray>)> next)
        {
            if (answer)
                next(*std::exchange(answer, std::nullopt));
            else
                waiting = std::move(next);
        }
    };
} // namespace

void EcrApi::callPages(const QString& operation, const QJsonObject& request, QObject* context,
                       std::function<std::optional<Error>(const JsonRef&)> onPage, std::function<void(Result<void>)> done, int pagesLeft)
{
    done = guarded(context, std::move(done));
    post(operation, request, [this, operation, request, onPage, done, pagesLeft](Result<QByteArray> body) {
        handlePage(operation, request, std::move(body), onPage, done, pagesLeft);
    });
}

void EcrApi::handlePage(const QString& operation, const QJsonObject& request, Result<QByteArray> body,
                        std::function<std::optional<Error>(const JsonRef&)> onPage, std::function<void(Result<void>)> done, int pagesLeft)
{
    if (!body) {
        done(std::unexpected(body.error()));
        return;
    }
    // Ask for the next page first, then parse this one while the server prepares it.
    std::shared_ptr<PageAhead> ahead;
    if (const QString guess = nextTokenAhead(*body); !guess.isEmpty() && pagesLeft > 1) {
        ahead = std::make_shared<PageAhead>();
        ahead->token = guess;
        QJsonObject following = request;
        following.insert(QStringLiteral("nextToken"), guess);
        post(operation, following, [ahead](Result<QByteArray> next) { ahead->arrive(std::move(next)); });
    }
    const auto tape = JsonTape::parse(*body);
    if (!tape || !(*tape)->root().isObject()) {
        done(std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("ECR's answer to %1 is not a JSON object").arg(operation))));
        return;
    }
    const JsonRef page = (*tape)->root();
    if (auto problem = onPage(page)) {
        done(std::unexpected(*problem));
        return;
    }
    const QString next = page.value(QLatin1StringView("nextToken")).toString();
    if (next.isEmpty()) {
        done({});
        return;
    }
    if (pagesLeft <= 1) { // a server that never stops paging
        done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("ECR %1 did not stop paging").arg(operation))));
        return;
    }
    QJsonObject following = request;
    following.insert(QStringLiteral("nextToken"), next);
    if (!ahead || ahead->token != next) { // the guess was wrong: ask for the page the parsed token names
        post(operation, following, [this, operation, following, onPage, done, pagesLeft](Result<QByteArray> nextBody) {
            handlePage(operation, following, std::move(nextBody), onPage, done, pagesLeft - 1);
        });
        return;
    }
    ahead->take([this, operation, following, onPage, done, pagesLeft](Result<QByteArray> nextBody) {
        handlePage(operation, following, std::move(nextBody), onPage, done, pagesLeft - 1);
    });
}

} // namespace berth
