#include "core/providers/HarborApi.h"

#include "core/base/Guarded.h"
#include "core/registry/RegistryClient.h"

#include <QJsonArray>
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

QString HarborApi::artifactsPath(const QString& repositoryPath)
{
    const QString project = repositoryPath.section(QLatin1Char('/'), 0, 0);
    const QString repository = repositoryPath.section(QLatin1Char('/'), 1);
    const QString once = QString::fromLatin1(QUrl::toPercentEncoding(repository));
    return QStringLiteral("/api/v2.0/projects/%1/repositories/%2/artifacts")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(project)), QString::fromLatin1(QUrl::toPercentEncoding(once)));
}

QString HarborApi::artifactPath(const QString& repositoryPath, const QString& reference)
{
    return artifactsPath(repositoryPath) + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(reference));
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
    m_client->send(request, context, [reference, done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        done(readReport(response->body, reference));
    });
}

Result<VulnerabilityReport> HarborApi::readReport(const QByteArray& body, const QString& reference)
{
    auto report = parseHarborReport(body);
    // The report names the artifact it was made for: another image's findings are not this one's.
    if (report && reference.startsWith(QLatin1String("sha256:")) && !report->subject.isEmpty() && report->subject != reference)
        return std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Harbor answered with the scan of %1 when asked for %2; not shown")
                                                                    .arg(report->subject, reference)));
    return report;
}

void HarborApi::readPushTimes(const QJsonArray& artifacts, QHash<QString, QDateTime>& times)
{
    for (const QJsonValue& value : artifacts) {
        const QJsonObject artifact = value.toObject();
        const QDateTime pushed = QDateTime::fromString(artifact.value(QStringLiteral("push_time")).toString(), Qt::ISODateWithMs);
        const QString digest = artifact.value(QStringLiteral("digest")).toString();
        if (pushed.isValid() && !digest.isEmpty())
            times.insert(digest, pushed.toUTC());
    }
}

void HarborApi::pushTimes(const QString& repositoryPath, QObject* context, std::function<void(Result<QHash<QString, QDateTime>>)> done)
{
    pushTimesPage(repositoryPath, 1, std::make_shared<QHash<QString, QDateTime>>(), context, guarded(context, std::move(done)));
}

void HarborApi::pushTimesPage(const QString& repositoryPath, int page, std::shared_ptr<QHash<QString, QDateTime>> collected, QObject* context,
                              std::function<void(Result<QHash<QString, QDateTime>>)> done)
{
    // 100 is the largest page Harbor serves; a short page is the last. The cap stops a server that never ends.
    constexpr int kPageSize = 100;
    constexpr int kMaxPages = 5000;
    RegistryRequest request;
    request.path = artifactsPath(repositoryPath)
        + QStringLiteral("?with_tag=false&with_scan_overview=false&page_size=%1&page=%2").arg(kPageSize).arg(page);
    request.basicAuth = true;
    m_client->send(request, context, [this, repositoryPath, page, collected, context = QPointer(context), done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        const QJsonDocument json = QJsonDocument::fromJson(response->body);
        if (!json.isArray()) {
            done(std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("Harbor's artifact list is not a JSON array"))));
            return;
        }
        const QJsonArray artifacts = json.array();
        readPushTimes(artifacts, *collected);
        if (artifacts.size() < kPageSize) {
            done(*collected);
            return;
        }
        if (page >= kMaxPages) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Harbor's artifact list did not end after %1 pages").arg(kMaxPages))));
            return;
        }
        pushTimesPage(repositoryPath, page + 1, collected, context, done);
    });
}

} // namespace berth
