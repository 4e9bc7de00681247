#pragma once

#include "core/providers/Provider.h"

namespace berth {

class HarborApi;

// Harbor through its REST API v2.0, with the user's Harbor login as HTTP Basic: the projects the
// login can see (a project member is not allowed the catalog, which only system administrators
// read), their repositories, artifacts with push and pull times, deletion of an artifact or of a
// single tag, the login's permissions in a project, scans, and the project's tag-retention policy.
class HarborProvider final : public Provider
{
    Q_OBJECT
public:
    explicit HarborProvider(RegistryClient* client, QObject* parent = nullptr);

    ProviderKind kind() const override { return ProviderKind::Harbor; }
    ProviderCapabilities capabilities() const override;
    QString dateSource() const override { return QStringLiteral("harbor-api"); }

    void listNamespaces(QObject* context, Done<QStringList> done) override;
    void listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage = {}) override;
    void listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done) override;
    void pushTimes(const QString& repository, QObject* context, Done<PushTimes> done) override;
    void scanReport(const QString& repository, const QString& digest, QObject* context,
                    Done<std::optional<VulnerabilityReport>> done) override;
    void deleteImage(const QString& repository, const QString& digest, const QStringList& tags, QObject* context,
                     Done<void> done) override;
    void deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done) override;
    void checkApiLogin(QObject* context, Done<void> done) override;
    // Harbor's configured scanner on the artifact (POST .../artifacts/{ref}/scan).
    void startScan(const QString& repository, const QString& reference, QObject* context, Done<QString> done) override;
    // What the login may do in the repository's project (Harbor's permissions API): deletion
    // needs the artifact "delete" permission (Maintainer, Project Admin).
    void checkDelete(const QString& repository, QObject* context, Done<void> done) override;
    // The project's tag-retention policy ("harbor-retention"); nullopt when the project has none.
    void registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done) override;
    // Harbor's own dry run of the project's stored policy (a retention execution with dry_run),
    // counted for this repository: Harbor reports per repository how many artifacts it saw and kept.
    void previewRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context,
                               Done<RegistryPolicyPreview> done) override;
    // Replaces the project's tag-retention policy (PUT /retentions/{id}); the project must have one.
    void putRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<void> done) override;

    // The project's webhook (notification) policies; reading them takes Maintainer or Project Admin.
    void putWebhook(const QString& project, const WebhookPolicy& policy, QObject* context, Done<void> done) override;
    void listWebhooks(const QString& project, QObject* context, Done<QList<WebhookPolicy>> done) override;

    // The login's permissions in a project as "resource:action" ("artifact:delete", "repository:push").
    void projectPermissions(const QString& project, QObject* context, Done<QStringList> done);

    // One page of listArtifacts (with_tag=true) as rows: one per tag of each artifact.
    static QList<ProviderTag> tagsFromArtifacts(const class QJsonArray& page);

private:
    // One Harbor API call with the registry login as Basic auth; Harbor's error text on failure.
    void api(const QByteArray& method, const QString& path, QObject* context, Done<QByteArray> done, const QByteArray& body = {});
    // The project's retention policy id, empty when it has none.
    void retentionId(const QString& project, QObject* context, Done<QString> done);
    void pollExecution(const QString& id, int execution, const QString& repository, int attemptsLeft, QObject* context,
                       Done<RegistryPolicyPreview> done);
    // Every page of a Harbor list (page, page_size=100; a short page is the last), each to onPage.
    void allPages(const QString& path, QObject* context, std::function<void(const QJsonArray&)> onPage, Done<void> done, int page = 1);

    HarborApi* m_harbor;
};

} // namespace berth
