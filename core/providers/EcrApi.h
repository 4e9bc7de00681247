#pragma once

#include "core/base/Error.h"
#include "core/net/HttpMessage.h"
#include "core/scan/Vulnerabilities.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <functional>
#include <optional>

namespace berth {

class HttpClient;

struct AwsCredentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;

    // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the AWS_PROFILE (or
    // [default]) section of ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE moves it).
    static std::optional<AwsCredentials> fromEnvironment();
};

// An ECR registry host: <account>.dkr.ecr.<region>.amazonaws.com.
struct EcrRegistry
{
    QString accountId;
    QString region;
    static std::optional<EcrRegistry> fromHost(const QString& host);
};

// The Amazon ECR API (JSON 1.1 over HTTPS, SigV4-signed), for what the registry API lacks: scans.
class EcrApi final : public QObject
{
    Q_OBJECT
public:
    // `endpoint` defaults to https://api.ecr.<region>.amazonaws.com (BERTH_ECR_ENDPOINT overrides it).
    EcrApi(HttpClient* http, QString region, AwsCredentials credentials, QUrl endpoint = {}, TlsOptions tls = {},
           QObject* parent = nullptr);

    // One API operation ("DescribeImageScanFindings") with its JSON request.
    void call(const QString& operation, const QJsonObject& request, QObject* context, std::function<void(Result<QJsonObject>)> done);
    // Every page of DescribeImageScanFindings for an image, as one report.
    void scanFindings(const QString& registryId, const QString& repository, const QString& imageDigest, QObject* context,
                      std::function<void(Result<VulnerabilityReport>)> done);

    // When each image of a repository was pushed (imagePushedAt), by digest: every page of DescribeImages.
    void pushTimes(const QString& registryId, const QString& repository, QObject* context,
                   std::function<void(Result<QHash<QString, QDateTime>>)> done);

private:
    // Calls an operation page after page (nextToken), each page to `onPage`, which may stop with an error.
    void callAllPages(const QString& operation, const QJsonObject& request, QObject* context,
                      std::function<std::optional<Error>(const QJsonObject&)> onPage, std::function<void(Result<void>)> done,
                      int pagesLeft = 10000);

    HttpClient* m_http;
    QString m_region;
    AwsCredentials m_credentials;
    QUrl m_endpoint;
    TlsOptions m_tls;
};

} // namespace berth
