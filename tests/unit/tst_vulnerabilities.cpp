// One vulnerability model from Trivy, Grype, Harbor and ECR reports (the shared fixtures).
#include "core/scan/Sbom.h"
#include "core/scan/Vulnerabilities.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace berth;

class TestVulnerabilities : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void trivy_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("alpine") << QStringLiteral("trivy/alpine-310.json.golden");
        QTest::newRow("debian buster") << QStringLiteral("trivy/debian-buster.json.golden");
        QTest::newRow("debian stretch") << QStringLiteral("trivy/debian-stretch.json.golden");
    }

    void trivy()
    {
        QFETCH(QString, fixture);
        const QByteArray json = test::readFixture(fixture);
        const auto report = parseVulnerabilityReport(json);
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->source, QStringLiteral("trivy"));
        // Counted independently from the JSON: every Results[].Vulnerabilities[] entry.
        int expected = 0;
        QMap<QString, int> bySeverity;
        for (const auto& r : QJsonDocument::fromJson(json).object().value(QStringLiteral("Results")).toArray()) {
            for (const auto& v : r.toObject().value(QStringLiteral("Vulnerabilities")).toArray()) {
                ++expected;
                bySeverity[v.toObject().value(QStringLiteral("Severity")).toString()] += 1;
            }
        }
        QVERIFY(expected > 0);
        QCOMPARE(report->items.size(), expected);
        for (auto it = bySeverity.begin(); it != bySeverity.end(); ++it)
            QCOMPARE(report->counts().value(parseSeverity(it.key())), it.value());
        const Vulnerability& first = report->items.first();
        QVERIFY(first.id.startsWith(QStringLiteral("CVE-")));
        QVERIFY(!first.package.isEmpty() && !first.installedVersion.isEmpty());
    }

    void grype()
    {
        const QByteArray json = test::readFixture(QStringLiteral("grype/TestJsonImgsPresenter.json.golden"));
        const auto report = parseVulnerabilityReport(json);
        QVERIFY(report);
        QCOMPARE(report->source, QStringLiteral("grype"));
        QCOMPARE(report->items.size(), QJsonDocument::fromJson(json).object().value(QStringLiteral("matches")).toArray().size());
        const Vulnerability& first = report->items.first();
        QCOMPARE(first.id, QStringLiteral("CVE-1999-0001"));
        QCOMPARE(first.severity, Severity::Low);
        QCOMPARE(first.package, QStringLiteral("package-1"));
        QCOMPARE(first.fixedVersion, QStringLiteral("1.2.1, 2.1.3, 3.4.0"));
        QCOMPARE(first.cvss, 8.2);
    }

    void harbor()
    {
        const QByteArray bare = test::readFixture(QStringLiteral("harbor/vulnerability-report-v1.1.scanner-spec-readme.json"));
        const auto report = parseVulnerabilityReport(bare);
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->source, QStringLiteral("harbor"));
        QCOMPARE(report->items.first().id, QStringLiteral("CVE-2020-1967"));
        QCOMPARE(report->items.first().fixedVersion, QStringLiteral("1.1.1g-r0"));
        QCOMPARE(report->items.first().severity, Severity::High);
        // As Harbor's additions/vulnerabilities returns it: keyed by MIME type.
        const QByteArray wrapped = "{\"application/vnd.security.vulnerability.report; version=1.1\":" + bare + "}";
        QCOMPARE(parseHarborReport(wrapped)->items.size(), report->items.size());

        const QJsonObject webhook = QJsonDocument::fromJson(test::readFixture(QStringLiteral("harbor/webhook-scanning-completed.zulip-fixture.json"))).object();
        const QJsonObject overview = webhook.value(QStringLiteral("event_data")).toObject().value(QStringLiteral("resources")).toArray().first()
                                         .toObject().value(QStringLiteral("scan_overview")).toObject();
        const auto summary = parseHarborScanOverview(overview);
        QVERIFY(summary);
        QCOMPARE(summary->total, 5);
        QCOMPARE(summary->fixable, 5);
        QCOMPARE(summary->counts.value(Severity::High), 4);
        QCOMPARE(summary->counts.value(Severity::Unknown), 1);
        QCOMPARE(summary->status, QStringLiteral("Success"));
    }

    void ecr()
    {
        // Shaped after DescribeImageScanFindingsResponse in ecr/service-2.json.
        const QByteArray json = "{\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindings\":{\"findings\":["
"            {\"name\":\"CVE-2023-0001\",\"severity\":\"HIGH\",\"uri\":\"https://security-tracker.debian.org/tracker/CVE-2023-0001\","
"             \"attributes\":[{\"key\":\"package_name\",\"value\":\"openssl\"},{\"key\":\"package_version\",\"value\":\"3.0.9\"},{\"key\":\"CVSS3_SCORE\",\"value\":\"7.5\"}]},"
"            {\"name\":\"CVE-2023-0002\",\"severity\":\"INFORMATIONAL\"}],"
"          \"enhancedFindings\":[{\"severity\":\"CRITICAL\",\"title\":\"CVE-2024-0003 - zlib\",\"score\":9.8,\"unknownField\":true,"
"            \"packageVulnerabilityDetails\":{\"vulnerabilityId\":\"CVE-2024-0003\",\"vulnerablePackages\":[{\"name\":\"zlib\",\"version\":\"1.2.13\",\"fixedInVersion\":\"1.3\"}]}}]}}";
        const auto report = parseVulnerabilityReport(json);
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->source, QStringLiteral("ecr"));
        QCOMPARE(report->items.size(), 3);
        QCOMPARE(report->items[0].package, QStringLiteral("openssl"));
        QCOMPARE(report->items[0].cvss, 7.5);
        QCOMPARE(report->items[1].severity, Severity::Negligible);
        QCOMPARE(report->items[2].fixedVersion, QStringLiteral("1.3"));
        QCOMPARE(report->atLeast(Severity::High), 2);
        QCOMPARE(report->atLeast(Severity::Critical), 1);
    }

    void sboms()
    {
        const auto spdx = parseSbom("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"demo\",\"packages\":[{\"name\":\"bash\",\"versionInfo\":\"5.2\","
                                    "\"licenseConcluded\":\"GPL-3.0\",\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:deb/debian/bash@5.2\"}]}]}");
        QVERIFY(spdx);
        QCOMPARE(spdx->format, QStringLiteral("SPDX 2.3"));
        QCOMPARE(spdx->packages.size(), 1);
        QCOMPARE(spdx->packages.first().purl, QStringLiteral("pkg:deb/debian/bash@5.2"));
        const auto cdx = parseSbom("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"name\":\"zlib\",\"version\":\"1.3\","
                                   "\"licenses\":[{\"license\":{\"id\":\"Zlib\"}}]},{\"name\":\"musl\",\"version\":\"1.2.5\"}]}");
        QVERIFY(cdx);
        QCOMPARE(cdx->format, QStringLiteral("CycloneDX 1.5"));
        QCOMPARE(cdx->packages.size(), 2);
        QCOMPARE(cdx->packages.first().license, QStringLiteral("Zlib"));
        QCOMPARE(parseSbom("{\"hello\":1}").error().kind, ErrorKind::Unsupported);
        QCOMPARE(parseSbom("{").error().kind, ErrorKind::Parse);
    }

    void badReportsSayWhichSource()
    {
        auto bad = parseTrivyReport("{\"Results\": [");
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind, ErrorKind::Parse);
        QVERIFY(bad.error().message.contains(QStringLiteral("Trivy")));
        QVERIFY(parseGrypeReport("{}").error().message.contains(QStringLiteral("Grype")));
        QCOMPARE(parseVulnerabilityReport("{\"hello\":1}").error().kind, ErrorKind::Unsupported);
        QCOMPARE(parseVulnerabilityReport(QByteArray(kMaxReportBytes + 1, ' ')).error().kind, ErrorKind::Parse);
        QCOMPARE(parseVulnerabilityReport("[1,2,3]").error().kind, ErrorKind::Parse);
    }
};

QTEST_GUILESS_MAIN(TestVulnerabilities)
#include "tst_vulnerabilities.moc"
