#include "core/scan/Vulnerabilities.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace berth {
namespace {

    Result<QJsonObject> document(const QByteArray& json, const QString& source)
    {
        if (json.size() > kMaxReportBytes)
            return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the %1 report is larger than %2 MiB; not read")
                                                                     .arg(source).arg(kMaxReportBytes / (1024 * 1024))));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the %1 report does not parse: %2").arg(source, error.errorString())));
        return doc.object();
    }

    QStringList strings(const QJsonValue& value)
    {
        QStringList out;
        for (const auto& item : value.toArray())
            out << item.toString();
        return out;
    }

    QString str(const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toString(); }

} // namespace

Severity parseSeverity(const QString& text)
{
    const QString s = text.trimmed().toLower();
    if (s == u"critical")
        return Severity::Critical;
    if (s == u"high")
        return Severity::High;
    if (s == u"medium" || s == u"moderate")
        return Severity::Medium;
    if (s == u"low")
        return Severity::Low;
    if (s == u"negligible" || s == u"informational" || s == u"info" || s == u"none")
        return Severity::Negligible;
    return Severity::Unknown;
}

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("Critical");
    case Severity::High:
        return QStringLiteral("High");
    case Severity::Medium:
        return QStringLiteral("Medium");
    case Severity::Low:
        return QStringLiteral("Low");
    case Severity::Negligible:
        return QStringLiteral("Negligible");
    case Severity::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

QMap<Severity, int> VulnerabilityReport::counts() const
{
    QMap<Severity, int> out;
    for (const Vulnerability& v : items)
        out[v.severity] += 1;
    return out;
}

QMap<Severity, int> combinedCounts(const QList<VulnerabilityReport>& reports)
{
    QMap<Severity, int> out;
    for (const VulnerabilityReport& r : reports) {
        const auto counts = r.counts();
        for (auto it = counts.begin(); it != counts.end(); ++it)
            out[it.key()] += it.value();
    }
    return out;
}

int VulnerabilityReport::atLeast(Severity threshold) const
{
    int n = 0;
    for (const Vulnerability& v : items)
        n += v.severity >= threshold && v.severity != Severity::Unknown ? 1 : 0;
    return n;
}

Result<VulnerabilityReport> parseTrivyReport(const QByteArray& json)
{
    const auto doc = document(json, QStringLiteral("Trivy"));
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->contains(QStringLiteral("Results")) && !doc->contains(QStringLiteral("SchemaVersion")))
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("not a Trivy report (no Results)")));
    VulnerabilityReport report;
    report.source = QStringLiteral("trivy");
    report.scanner = QStringLiteral("Trivy %1").arg(doc->value(QStringLiteral("Trivy")).toObject().value(QStringLiteral("Version")).toString()).trimmed();
    for (const auto& result : doc->value(QStringLiteral("Results")).toArray()) {
        for (const auto& item : result.toObject().value(QStringLiteral("Vulnerabilities")).toArray()) {
            const QJsonObject v = item.toObject();
            Vulnerability out;
            out.id = str(v, "VulnerabilityID");
            out.severity = parseSeverity(str(v, "Severity"));
            out.package = str(v, "PkgName");
            out.installedVersion = str(v, "InstalledVersion");
            out.fixedVersion = str(v, "FixedVersion");
            out.title = str(v, "Title");
            out.description = str(v, "Description");
            out.links = strings(v.value(QStringLiteral("References")));
            if (const QString primary = str(v, "PrimaryURL"); !primary.isEmpty() && !out.links.contains(primary))
                out.links.prepend(primary);
            const QJsonObject cvss = v.value(QStringLiteral("CVSS")).toObject();
            for (auto it = cvss.begin(); it != cvss.end(); ++it)
                out.cvss = qMax(out.cvss, it.value().toObject().value(QStringLiteral("V3Score")).toDouble(-1));
            report.items << out;
        }
    }
    return report;
}

Result<VulnerabilityReport> parseGrypeReport(const QByteArray& json)
{
    const auto doc = document(json, QStringLiteral("Grype"));
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->value(QStringLiteral("matches")).isArray())
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("not a Grype report (no matches)")));
    VulnerabilityReport report;
    report.source = QStringLiteral("grype");
    const QJsonObject descriptor = doc->value(QStringLiteral("descriptor")).toObject();
    report.scanner = (str(descriptor, "name") + QLatin1Char(' ') + str(descriptor, "version")).trimmed();
    for (const auto& item : doc->value(QStringLiteral("matches")).toArray()) {
        const QJsonObject match = item.toObject();
        const QJsonObject v = match.value(QStringLiteral("vulnerability")).toObject();
        const QJsonObject artifact = match.value(QStringLiteral("artifact")).toObject();
        Vulnerability out;
        out.id = str(v, "id");
        out.severity = parseSeverity(str(v, "severity"));
        out.package = str(artifact, "name");
        out.installedVersion = str(artifact, "version");
        out.fixedVersion = strings(v.value(QStringLiteral("fix")).toObject().value(QStringLiteral("versions"))).join(QStringLiteral(", "));
        out.description = str(v, "description");
        out.links = strings(v.value(QStringLiteral("urls")));
        for (const auto& score : v.value(QStringLiteral("cvss")).toArray())
            out.cvss = qMax(out.cvss, score.toObject().value(QStringLiteral("metrics")).toObject().value(QStringLiteral("baseScore")).toDouble(-1));
        report.items << out;
    }
    return report;
}

Result<VulnerabilityReport> parseHarborReport(const QByteArray& json)
{
    auto doc = document(json, QStringLiteral("Harbor"));
    if (!doc)
        return std::unexpected(doc.error());
    QJsonObject body = *doc;
    if (!body.contains(QStringLiteral("vulnerabilities"))) {
        // additions/vulnerabilities: {"<mime>": {report}}
        for (auto it = doc->begin(); it != doc->end(); ++it) {
            if (it.value().toObject().contains(QStringLiteral("vulnerabilities"))) {
                body = it.value().toObject();
                break;
            }
        }
    }
    if (!body.value(QStringLiteral("vulnerabilities")).isArray())
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("not a Harbor vulnerability report (no vulnerabilities)")));
    VulnerabilityReport report;
    report.source = QStringLiteral("harbor");
    report.subject = body.value(QStringLiteral("artifact")).toObject().value(QStringLiteral("digest")).toString();
    const QJsonObject scanner = body.value(QStringLiteral("scanner")).toObject();
    report.scanner = (str(scanner, "name") + QLatin1Char(' ') + str(scanner, "version")).trimmed();
    for (const auto& item : body.value(QStringLiteral("vulnerabilities")).toArray()) {
        const QJsonObject v = item.toObject();
        Vulnerability out;
        out.id = str(v, "id");
        out.severity = parseSeverity(str(v, "severity"));
        out.package = str(v, "package");
        out.installedVersion = str(v, "version");
        out.fixedVersion = str(v, "fix_version");
        out.description = str(v, "description");
        out.links = strings(v.value(QStringLiteral("links")));
        const QJsonObject cvss = v.value(QStringLiteral("preferred_cvss")).toObject();
        out.cvss = cvss.value(QStringLiteral("score_v3")).toDouble(-1);
        report.items << out;
    }
    return report;
}

Result<VulnerabilityReport> parseEcrFindings(const QByteArray& json)
{
    const auto doc = document(json, QStringLiteral("ECR"));
    if (!doc)
        return std::unexpected(doc.error());
    const QJsonObject findings = doc->value(QStringLiteral("imageScanFindings")).toObject();
    if (findings.isEmpty())
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("not an ECR DescribeImageScanFindings answer (no imageScanFindings)")));
    VulnerabilityReport report;
    report.source = QStringLiteral("ecr");
    report.scanner = QStringLiteral("Amazon ECR");
    for (const auto& item : findings.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = item.toObject();
        Vulnerability out;
        out.id = str(f, "name");
        out.severity = parseSeverity(str(f, "severity"));
        out.description = str(f, "description");
        if (!str(f, "uri").isEmpty())
            out.links << str(f, "uri");
        for (const auto& a : f.value(QStringLiteral("attributes")).toArray()) {
            const QJsonObject attribute = a.toObject();
            const QString key = str(attribute, "key");
            if (key == u"package_name")
                out.package = str(attribute, "value");
            else if (key == u"package_version")
                out.installedVersion = str(attribute, "value");
            else if (key == u"CVSS3_SCORE" || key == u"CVSS2_SCORE")
                out.cvss = qMax(out.cvss, str(attribute, "value").toDouble());
        }
        report.items << out;
    }
    for (const auto& item : findings.value(QStringLiteral("enhancedFindings")).toArray()) {
        const QJsonObject f = item.toObject();
        const QJsonObject details = f.value(QStringLiteral("packageVulnerabilityDetails")).toObject();
        Vulnerability out;
        out.id = str(details, "vulnerabilityId");
        out.severity = parseSeverity(str(f, "severity"));
        out.title = str(f, "title");
        out.description = str(f, "description");
        out.links = strings(details.value(QStringLiteral("referenceUrls")));
        const QJsonObject package = details.value(QStringLiteral("vulnerablePackages")).toArray().first().toObject();
        out.package = str(package, "name");
        out.installedVersion = str(package, "version");
        out.fixedVersion = str(package, "fixedInVersion");
        out.cvss = f.value(QStringLiteral("score")).toDouble(-1);
        report.items << out;
    }
    return report;
}

Result<VulnerabilityReport> parseVulnerabilityReport(const QByteArray& json)
{
    const auto doc = document(json, QStringLiteral("vulnerability"));
    if (!doc)
        return std::unexpected(doc.error());
    if (doc->contains(QStringLiteral("Results")) || doc->contains(QStringLiteral("SchemaVersion")))
        return parseTrivyReport(json);
    if (doc->contains(QStringLiteral("matches")))
        return parseGrypeReport(json);
    if (doc->contains(QStringLiteral("imageScanFindings")))
        return parseEcrFindings(json);
    if (auto harbor = parseHarborReport(json))
        return harbor;
    return std::unexpected(Error::make(ErrorKind::Unsupported,
                                       QStringLiteral("not a Trivy, Grype, Harbor or ECR vulnerability report")));
}

Result<ScanOverview> parseHarborScanOverview(const QJsonObject& scanOverview)
{
    for (auto it = scanOverview.begin(); it != scanOverview.end(); ++it) {
        const QJsonObject s = it.value().toObject();
        if (!s.contains(QStringLiteral("scan_status")))
            continue;
        ScanOverview out;
        out.status = str(s, "scan_status");
        const QJsonObject scanner = s.value(QStringLiteral("scanner")).toObject();
        out.scanner = (str(scanner, "name") + QLatin1Char(' ') + str(scanner, "version")).trimmed();
        const QJsonObject summary = s.value(QStringLiteral("summary")).toObject();
        out.total = summary.value(QStringLiteral("total")).toInt();
        out.fixable = summary.value(QStringLiteral("fixable")).toInt();
        const QJsonObject bySeverity = summary.value(QStringLiteral("summary")).toObject();
        for (auto sev = bySeverity.begin(); sev != bySeverity.end(); ++sev)
            out.counts[parseSeverity(sev.key())] += sev.value().toInt();
        return out;
    }
    return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the Harbor scan overview has no report summary")));
}

} // namespace berth
