#pragma once

#include "Error.h"
#include "Vulnerabilities.h"

#include <QObject>
#include <functional>

namespace berth {

class RegistryClient;

// Harbor's REST API v2.0 beside its registry: whether a registry is a Harbor, and the scans Harbor
// keeps for an artifact. Repository paths are "project/repository[/more]".
class HarborApi final : public QObject
{
    Q_OBJECT
public:
    explicit HarborApi(RegistryClient* client, QObject* parent = nullptr);

    void probe(QObject* context, std::function<void(bool isHarbor)> done);
    void scanOverview(const QString& repositoryPath, const QString& reference, QObject* context,
                      std::function<void(Result<ScanOverview>)> done);
    void vulnerabilities(const QString& repositoryPath, const QString& reference, QObject* context,
                         std::function<void(Result<VulnerabilityReport>)> done);

    // /projects/{p}/repositories/{r}/artifacts/{ref}, with {r} URL-encoded twice as Harbor requires.
    static QString artifactPath(const QString& repositoryPath, const QString& reference);

private:
    RegistryClient* m_client;
};

} // namespace berth
