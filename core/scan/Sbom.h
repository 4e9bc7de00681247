#pragma once

#include "core/base/Error.h"

#include <QList>
#include <QString>

namespace berth {

struct SbomPackage
{
    QString name;
    QString version;
    QString purl; // package URL, when the SBOM gives one
    QString license;
};

struct Sbom
{
    QString format; // "SPDX 2.3", "CycloneDX 1.5"
    QString name;
    QList<SbomPackage> packages;
};

// SPDX JSON (packages[]) and CycloneDX JSON (components[]); anything else is Unsupported.
Result<Sbom> parseSbom(const QByteArray& json);

} // namespace berth
