// A page of GitHub's packages API as the GHCR provider reads it: a JSON array of packages
// (each to an "owner/name" row) or of package versions (each to a Version, or left out).
#include "FuzzInput.h"
#include "core/providers/GhcrProvider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

BERTH_FUZZ_TARGET
{
    const QJsonDocument page = QJsonDocument::fromJson(berth::fuzz::bytes(data, size));
    if (!page.isArray())
        return 0;
    for (const QString& row : berth::GhcrProvider::repositoriesFromPackages(page.array(), QStringLiteral("owner"))) {
        if (!row.contains(QLatin1Char('/')))
            std::abort(); // every row names its owner
    }
    for (const QJsonValue& item : page.array()) {
        if (const auto version = berth::GhcrProvider::versionFromJson(item.toObject()); version && version->id <= 0)
            std::abort(); // a version Berth keeps has GitHub's id, for deletion and restore
    }
    return 0;
}
