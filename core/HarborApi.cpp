#include "HarborApi.h"

#include "Guarded.h"
#include "RegistryClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace berth {

namespace {
    const QByteArray kAcceptVulnerabilities = "application/vnd.security.vulnerability.report; version=1.1, "
                                              "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
}

HarborApi::HarborApi(RegistryClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
}

QString HarborApi::artifactPath(const QString& repositoryPath, const QString& reference)
{
    const QString project = repositoryPath.section(QLatin1Char('/'), 0, 0);
    const QString repository = repositoryPath.section(QLatin1Char('/'), 1);
    const QString once = QString::fromLatin1(QUrl::toPercentEncoding(repository));
    return QStringLiteral("/api/v2.0/projects/%1/repositories/%2/artifacts/%3")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(project)), QString::fromLatin1(QUrl::toPercentEncoding(once)),
             QString::fromLatin1(QUrl::toPercentEncoding(reference)));
}

void HarborApi::probe(QObject* context, std::function<void(bool)> done)
{
    RegistryRequest request;
    request.path = QStringLiteral("/api/v2.0/systeminfo");
    request.basicAuth = true;
    request.maxBodyBytes = 1024 * 1024;
    m_client->send(request, context, [done](Result<HttpResponse> response) {
        done(response && QJsonDocument::fromJson(response->body).object().contains(QStringLiteral("harbor_version")));
    });
}

void HarborApi::scanOverview(const QString& repositoryPath, const QString& reference, QObject* context,
                             std::function<void(Result<ScanOverview>)> done)
{
    RegistryRequest request;
    request.path = artifactPath(repositoryPath, reference) + QStringLiteral("?with_scan_overview=true");
    request.basicAuth = true;
    request.headers.append({QByteArrayLiteral("X-Accept-Vulnerabilities"), kAcceptVulnerabilities});
    m_client->send(request, context, [done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        done(parseHarborScanOverview(QJsonDocument::fromJson(response->body).object().value(QStringLiteral("scan_overview")).toObject()));
    });
}

void HarborApi::vulnerabilities(const QString& repositoryPath, const QString& reference, QObject* context,
                                std::function<void(Result<VulnerabilityReport>)> done)
{
    RegistryRequest request;
    request.path = artifactPath(repositoryPath, reference) + QStringLiteral("/additions/vulnerabilities");
    request.basicAuth = true;
    request.maxBodyBytes = kMaxReportBytes;
    request.headers.append({QByteArrayLiteral("X-Accept-Vulnerabilities"), kAcceptVulnerabilities});
    m_client->send(request, context, [done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        done(parseHarborReport(response->body));
    });
}

} // namespace berth
