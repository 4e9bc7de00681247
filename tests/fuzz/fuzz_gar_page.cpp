// Artifact Registry API answers as the GAR provider reads them: a dockerImages page (the images
// of one package) and a repository's cleanupPolicies, turned into gcloud's policy file and back.
#include "FuzzInput.h"
#include "core/providers/GarProvider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

BERTH_FUZZ_TARGET
{
    const QJsonObject answer = QJsonDocument::fromJson(berth::fuzz::bytes(data, size)).object();
    (void)berth::GarProvider::imagesFromPage(answer.value(QStringLiteral("dockerImages")).toArray(), QStringLiteral("team/api"));
    const QJsonArray file = berth::GarProvider::policiesToFile(answer.value(QStringLiteral("cleanupPolicies")).toObject());
    (void)berth::GarProvider::policiesFromFile(file);
    return 0;
}
