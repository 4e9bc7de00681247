#include "core/scan/Sbom.h"

#include "core/scan/Vulnerabilities.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

Result<Sbom> parseSbom(const QByteArray& json)
{
    if (json.size() > kMaxReportBytes)
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the SBOM is larger than 64 MiB; not read")));
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("the SBOM does not parse: %1").arg(error.errorString())));
    Sbom sbom;
    if (doc.contains(QStringLiteral("spdxVersion"))) {
        sbom.format = doc.value(QStringLiteral("spdxVersion")).toString().replace(QLatin1Char('-'), QLatin1Char(' '));
        sbom.name = doc.value(QStringLiteral("name")).toString();
        for (const auto& item : doc.value(QStringLiteral("packages")).toArray()) {
            const QJsonObject p = item.toObject();
            QString purl;
            for (const auto& ref : p.value(QStringLiteral("externalRefs")).toArray()) {
                if (ref.toObject().value(QStringLiteral("referenceType")).toString() == u"purl")
                    purl = ref.toObject().value(QStringLiteral("referenceLocator")).toString();
            }
            sbom.packages << SbomPackage{p.value(QStringLiteral("name")).toString(), p.value(QStringLiteral("versionInfo")).toString(), purl,
                                         p.value(QStringLiteral("licenseConcluded")).toString()};
        }
        return sbom;
    }
    if (doc.value(QStringLiteral("bomFormat")).toString() == u"CycloneDX") {
        sbom.format = QStringLiteral("CycloneDX %1").arg(doc.value(QStringLiteral("specVersion")).toString());
        sbom.name = doc.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("component")).toObject().value(QStringLiteral("name")).toString();
        for (const auto& item : doc.value(QStringLiteral("components")).toArray()) {
            const QJsonObject c = item.toObject();
            QStringList licenses;
            for (const auto& l : c.value(QStringLiteral("licenses")).toArray()) {
                const QJsonObject license = l.toObject().value(QStringLiteral("license")).toObject();
                licenses << license.value(QStringLiteral("id")).toString(license.value(QStringLiteral("name")).toString());
            }
            sbom.packages << SbomPackage{c.value(QStringLiteral("name")).toString(), c.value(QStringLiteral("version")).toString(),
                                         c.value(QStringLiteral("purl")).toString(), licenses.join(QStringLiteral(", "))};
        }
        return sbom;
    }
    return std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("not an SPDX or CycloneDX JSON document")));
}

} // namespace berth
