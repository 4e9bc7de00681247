#pragma once

#include "core/base/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace berth {

enum class Severity { Unknown, Negligible, Low, Medium, High, Critical };

Severity parseSeverity(const QString& text); // case-insensitive; ECR's INFORMATIONAL is Negligible
QString severityName(Severity severity); // "Critical", ...

// One finding, whatever scanner reported it.
struct Vulnerability
{
    QString id; // CVE-2024-1234, GHSA-…
    Severity severity = Severity::Unknown;
    QString package;
    QString installedVersion;
    QString fixedVersion; // empty when no fix is known
    QString title;
    QString description;
    QStringList links;
    double cvss = -1; // highest base score given, -1 when none
};

struct VulnerabilityReport
{
    QString source; // "trivy", "grype", "harbor", "ecr"
    QString scanner; // "Trivy 0.50.1", as the report says
    QString subject; // the manifest digest the report says it is of (Harbor's artifact.digest); empty when it does not say
    QList<Vulnerability> items;

    QMap<Severity, int> counts() const;
    int atLeast(Severity threshold) const; // findings at or above
};

// Findings by severity over several reports (an image may carry a Trivy and a Harbor report).
QMap<Severity, int> combinedCounts(const QList<VulnerabilityReport>& reports);

// Each reader names its source in its errors; unknown fields are ignored.
Result<VulnerabilityReport> parseTrivyReport(const QByteArray& json);
Result<VulnerabilityReport> parseGrypeReport(const QByteArray& json);
// The Harbor report (application/vnd.security.vulnerability.report; version=1.1), bare or inside
// the additions/vulnerabilities map keyed by MIME type.
Result<VulnerabilityReport> parseHarborReport(const QByteArray& json);
// Amazon ECR DescribeImageScanFindings (basic findings and enhanced/Inspector findings).
Result<VulnerabilityReport> parseEcrFindings(const QByteArray& json);
// Whichever of the above the document is.
Result<VulnerabilityReport> parseVulnerabilityReport(const QByteArray& json);

// Harbor's scan_overview (NativeReportSummary keyed by MIME type): counts without the findings.
struct ScanOverview
{
    QString status; // "Success", "Running", ...
    QString scanner;
    int total = 0;
    int fixable = 0;
    QMap<Severity, int> counts;
};
Result<ScanOverview> parseHarborScanOverview(const QJsonObject& scanOverview);

inline constexpr qint64 kMaxReportBytes = 64LL * 1024 * 1024;

} // namespace berth
