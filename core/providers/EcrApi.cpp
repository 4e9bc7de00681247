#include "core/providers/EcrApi.h"

#include "core/auth/SigV4.h"
#include "core/base/Guarded.h"
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

std::optional<AwsCredentials> AwsCredentials::fromEnvironment()
{
    if (!qEnvironmentVariableIsEmpty("AWS_ACCESS_KEY_ID") && !qEnvironmentVariableIsEmpty("AWS_SECRET_ACCESS_KEY"))
        return AwsCredentials{qEnvironmentVariable("AWS_ACCESS_KEY_ID"), qEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
                              qEnvironmentVariable("AWS_SESSION_TOKEN")};
    QFile file(qEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", QDir::homePath() + QStringLiteral("/.aws/credentials")));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QString wanted = qEnvironmentVariable("AWS_PROFILE", QStringLiteral("default"));
    AwsCredentials creds;
    bool inProfile = false;
    for (const QString& raw : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inProfile = line.mid(1, line.size() - 2).trimmed() == wanted;
            continue;
        }
        if (!inProfile || !line.contains(QLatin1Char('=')))
            continue;
        const QString name = line.section(QLatin1Char('='), 0, 0).trimmed();
        const QString value = line.section(QLatin1Char('='), 1).trimmed();
        if (name == u"aws_access_key_id")
            creds.accessKeyId = value;
        else if (name == u"aws_secret_access_key")
            creds.secretAccessKey = value;
        else if (name == u"aws_session_token")
            creds.sessionToken = value;
    }
    if (creds.accessKeyId.isEmpty() || creds.secretAccessKey.isEmpty())
        return std::nullopt;
    return creds;
}

std::optional<EcrRegistry> EcrRegistry::fromHost(const QString& host)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$"));
    const auto match = pattern.match(host);
    if (!match.hasMatch())
        return std::nullopt;
    return EcrRegistry{match.captured(1), match.captured(2)};
}

EcrApi::EcrApi(HttpClient* http, QString region, AwsCredentials credentials, QUrl endpoint, TlsOptions tls, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_region(std::move(region))
    , m_credentials(std::move(credentials))
    , m_endpoint(std::move(endpoint))
    , m_tls(std::move(tls))
{
    if (m_endpoint.isEmpty())
        m_endpoint = QUrl(qEnvironmentVariable("BERTH_ECR_ENDPOINT", QStringLiteral("https://api.ecr.%1.amazonaws.com").arg(m_region)));
}

void EcrApi::call(const QString& operation, const QJsonObject& payload, QObject* context, std::function<void(Result<QJsonObject>)> done)
{
    done = guarded<Result<QJsonObject>>(context, std::move(done));
    const QByteArray body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
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
    const SigV4Signature signature = signSigV4(toSign, SigV4Key{m_credentials.accessKeyId, m_credentials.secretAccessKey, m_region,
                                                                QStringLiteral("ecr"), m_credentials.sessionToken});
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
    if (!m_credentials.sessionToken.isEmpty())
        request.setHeader("X-Amz-Security-Token", m_credentials.sessionToken.toUtf8());
    request.setHeader("Authorization", signature.authorization);
    HttpReply* reply = m_http->send(request);
    connect(reply, &HttpReply::finished, this, [reply, operation, done] {
        reply->deleteLater();
        const auto& result = reply->result();
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        const QJsonObject json = QJsonDocument::fromJson(result->body).object();
        if (result->status != 200) {
            // AWS JSON errors: {"__type": "...#RepositoryNotFoundException", "message": "..."}
            const QString type = json.value(QStringLiteral("__type")).toString().section(QLatin1Char('#'), -1);
            const QString message = json.value(QStringLiteral("message")).toString(json.value(QStringLiteral("Message")).toString());
            ErrorKind kind = ErrorKind::Http;
            if (result->status == 403 || type.contains(QLatin1String("AccessDenied")) || type.contains(QLatin1String("Signature")))
                kind = ErrorKind::Auth;
            else if (type.contains(QLatin1String("NotFound")))
                kind = ErrorKind::NotFound;
            else if (result->status == 429 || type.contains(QLatin1String("Throttl")))
                kind = ErrorKind::RateLimited;
            done(std::unexpected(Error::make(kind, QStringLiteral("ECR %1: %2").arg(operation, message.isEmpty() ? type : message), result->status, type)));
            return;
        }
        done(json);
    });
}

void EcrApi::scanFindings(const QString& registryId, const QString& repository, const QString& imageDigest, QObject* context,
                          std::function<void(Result<VulnerabilityReport>)> done)
{
    const QJsonObject request{{QStringLiteral("registryId"), registryId},
                              {QStringLiteral("repositoryName"), repository},
                              {QStringLiteral("imageId"), QJsonObject{{QStringLiteral("imageDigest"), imageDigest}}},
                              {QStringLiteral("maxResults"), 1000}};
    auto collected = std::make_shared<VulnerabilityReport>();
    collected->source = QStringLiteral("ecr");
    collected->scanner = QStringLiteral("Amazon ECR");
    auto onPage = [collected](const QJsonObject& page) -> std::optional<Error> {
        const QString status = page.value(QStringLiteral("imageScanStatus")).toObject().value(QStringLiteral("status")).toString();
        if (status != u"COMPLETE" && status != u"ACTIVE")
            return Error::make(ErrorKind::NotFound, QStringLiteral("ECR has no finished scan of this image (status %1)").arg(status));
        auto report = parseEcrFindings(QJsonDocument(page).toJson(QJsonDocument::Compact));
        if (!report)
            return report.error();
        collected->items += report->items;
        return std::nullopt;
    };
    callAllPages(QStringLiteral("DescribeImageScanFindings"), request, context, onPage, [collected, done](Result<void> finished) {
        if (finished)
            done(*collected);
        else
            done(std::unexpected(finished.error()));
    });
}

void EcrApi::pushTimes(const QString& registryId, const QString& repository, QObject* context,
                       std::function<void(Result<QHash<QString, QDateTime>>)> done)
{
    const QJsonObject request{{QStringLiteral("registryId"), registryId}, {QStringLiteral("repositoryName"), repository}, {QStringLiteral("maxResults"), 1000}};
    auto collected = std::make_shared<QHash<QString, QDateTime>>();
    auto onPage = [collected](const QJsonObject& page) -> std::optional<Error> {
        // JSON 1.1 timestamps are epoch seconds with a fraction.
        for (const QJsonValue& value : page.value(QStringLiteral("imageDetails")).toArray()) {
            const QJsonObject image = value.toObject();
            const QJsonValue pushedAt = image.value(QStringLiteral("imagePushedAt"));
            const QString digest = image.value(QStringLiteral("imageDigest")).toString();
            // A referrer (signature, SBOM) belongs to its subject; it is not an image to expire.
            if (!image.value(QStringLiteral("subjectManifestDigest")).toString().isEmpty())
                continue;
            if (pushedAt.isDouble() && !digest.isEmpty())
                collected->insert(digest, QDateTime::fromMSecsSinceEpoch(qint64(pushedAt.toDouble() * 1000), QTimeZone::UTC));
        }
        return std::nullopt;
    };
    callAllPages(QStringLiteral("DescribeImages"), request, context, onPage, [collected, done](Result<void> finished) {
        if (finished)
            done(*collected);
        else
            done(std::unexpected(finished.error()));
    });
}

void EcrApi::callAllPages(const QString& operation, const QJsonObject& request, QObject* context,
                          std::function<std::optional<Error>(const QJsonObject&)> onPage, std::function<void(Result<void>)> done, int pagesLeft)
{
    done = guarded(context, std::move(done));
    call(operation, request, context, [this, operation, request, context = QPointer(context), onPage, done, pagesLeft](Result<QJsonObject> page) {
        if (!page) {
            done(std::unexpected(page.error()));
            return;
        }
        if (auto problem = onPage(*page)) {
            done(std::unexpected(*problem));
            return;
        }
        const QString next = page->value(QStringLiteral("nextToken")).toString();
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
        callAllPages(operation, following, context, onPage, done, pagesLeft - 1);
    });
}

} // namespace berth
