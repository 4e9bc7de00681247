#pragma once

#include "core/base/Error.h"
#include "core/scan/Vulnerabilities.h"

#include <QDateTime>
#include <QHash>
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

    // When each artifact of a repository was pushed, by manifest digest (listArtifacts, page by page).
    void pushTimes(const QString& repositoryPath, QObject* context, std::function<void(Result<QHash<QString, QDateTime>>)> done);

    // /projects/{p}/repositories/{r}/artifacts/{ref}, with {r} URL-encoded twice as Harbor requires.
    static QString artifactPath(const QString& repositoryPath, const QString& reference);
    static QString artifactsPath(const QString& repositoryPath);
    // An additions/vulnerabilities answer for `reference`; an error when it is the report of another digest.
    static Result<VulnerabilityReport> readReport(const QByteArray& body, const QString& reference);
    // One page of listArtifacts: each artifact's push time by digest, added to `times`.
    static void readPushTimes(const class QJsonArray& artifacts, QHash<QString, QDateTime>& times);

private:
    void pushTimesPage(const QString& repositoryPath, int page, std::shared_ptr<QHash<QString, QDateTime>> collected, QObject* context,
                       std::function<void(Result<QHash<QString, QDateTime>>)> done);

    RegistryClient* m_client;
};

} // namespace berth
