#pragma once

#include "core/auth/AwsConfig.h"
#include "core/base/Error.h"
#include "core/base/JsonTape.h"
#include "core/net/HttpMessage.h"
#include "core/scan/Vulnerabilities.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QObject>
#include <QUrl>
#include <functional>
#include <optional>

namespace berth {

class HttpClient;

// An ECR registry host: ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn] and the other partitions
// (dual-stack on.aws, amazonaws.eu, the ISO regions), matched at the end of the host as the
// ECR credential helper does, so that look-alike hosts are not taken for ECR.
struct EcrRegistry
{
    QString accountId;
    QString region;
    bool fips = false;
    QString domain; // "amazonaws.com", "on.aws", ...

    static std::optional<EcrRegistry> fromHost(const QString& host);
    // The ECR API of this registry's region and partition (https://api.ecr.REGION.amazonaws.com).
    QUrl apiEndpoint() const;
};

// An image as DescribeImages describes it.
struct EcrImage
{
    QString digest;
    QStringList tags;
    QDateTime pushed;
    QDateTime pulled; // lastRecordedPullTime; invalid when never recorded
    qint64 size = -1;
    QString mediaType;
    QString subject; // subjectManifestDigest: a signature or SBOM attached to that image
};

// What GetAuthorizationToken gives: Basic credentials for the registry.
struct EcrAuthorization
{
    QString username; // "AWS"
    QString password;
    QDateTime expiresAt;
};

// The Amazon ECR API (JSON 1.1 over HTTPS, SigV4-signed), for what the registry API lacks: scans.
class EcrApi final : public QObject
{
    Q_OBJECT
public:
    // Calls go to the endpoint the AWS configuration names for ECR (AWS_ENDPOINT_URL_ECR, ...),
    // else to the registry's own region; signed with what `credentials` finds, at each call.
    EcrApi(HttpClient* http, EcrRegistry registry, AwsCredentialResolver* credentials, TlsOptions tls = {},
           QObject* parent = nullptr);
    const EcrRegistry& registry() const { return m_registry; }
    QUrl endpoint() const { return m_endpoint; }

    // One API operation ("DescribeImageScanFindings") with its JSON request.
    void call(const QString& operation, const QJsonObject& request, QObject* context, std::function<void(Result<QJsonObject>)> done);
    // Calls an operation page after page (nextToken), each page to `onPage`, which may stop with an error.
    void callPages(const QString& operation, const QJsonObject& request, QObject* context,
                   std::function<std::optional<Error>(const JsonRef&)> onPage, std::function<void(Result<void>)> done,
                   int pagesLeft = 10000);
    // Every page of DescribeImageScanFindings for an image, as one report.
    void scanFindings(const QString& repository, const QString& imageDigest, QObject* context,
                      std::function<void(Result<VulnerabilityReport>)> done);
    // Every repository of the registry (DescribeRepositories), page by page to `onPage`.
    void repositories(QObject* context, std::function<void(const QStringList&)> onPage, std::function<void(Result<void>)> done);
    // Every image of a repository (DescribeImages, pages of 1,000).
    void images(const QString& repository, QObject* context, std::function<void(Result<QList<EcrImage>>)> done);
    // BatchDeleteImage of image ids ({"imageDigest": ...} or {"imageTag": ...}); a failure
    // ECR reports for any of them is an error naming it.
    void deleteImages(const QString& repository, const QJsonArray& imageIds, QObject* context, std::function<void(Result<void>)> done);
    // GetAuthorizationToken: the registry login (user "AWS") and when ECR says it expires.
    void authorizationToken(QObject* context, std::function<void(Result<EcrAuthorization>)> done);

    // What a DescribeRepositories / DescribeImages page holds.
    static QStringList repositoriesFromPage(const JsonRef& page);
    static QList<EcrImage> imagesFromPage(const JsonRef& page);
    // The page token a JSON 1.1 answer carries at its top level, found without parsing the page,
    // so that the next page can be asked for while this one is parsed. Only a guess: the caller
    // checks it against the parsed page.
    static QString nextTokenAhead(const QByteArray& body);

private:

    // One signed POST; the answer's body when ECR says 200, else ECR's error in its own words.
    void post(const QString& operation, const QJsonObject& request, std::function<void(Result<QByteArray>)> done);
    void send(const QString& operation, const QByteArray& body, const AwsCredentials& credentials,
              std::function<void(Result<QByteArray>)> done);
    void handlePage(const QString& operation, const QJsonObject& request, Result<QByteArray> body,
                    std::function<std::optional<Error>(const JsonRef&)> onPage, std::function<void(Result<void>)> done, int pagesLeft);

    HttpClient* m_http;
    EcrRegistry m_registry;
    AwsCredentialResolver* m_credentials;
    QUrl m_endpoint;
    TlsOptions m_tls;
};

} // namespace berth
