#pragma once

#include "core/net/HttpMessage.h"
#include "core/providers/Provider.h"

#include <QUrl>

namespace berth {

// Quay (quay.io, Red Hat Quay, Project Quay) through its API v1 beside the registry: a namespace's
// repositories (paged with next_page), tags with their full history (each row's start and end),
// tag deletion and restore (the time machine), and the auto-prune policies of a namespace or
// repository. The API takes an OAuth access token: Berth uses the login whose user name is
// "$oauthtoken" (Quay's own convention for docker login with a token) or QUAY_OAUTH_TOKEN; public
// repositories are read without one. Facts: tests/fixtures/quay/FACTS.md.
class QuayProvider final : public Provider
{
    Q_OBJECT
public:
    explicit QuayProvider(RegistryClient* client, QObject* parent = nullptr);

    ProviderKind kind() const override { return ProviderKind::Quay; }
    ProviderCapabilities capabilities() const override;
    QString dateSource() const override { return QStringLiteral("quay-api"); }

    void listNamespaces(QObject* context, Done<QStringList> done) override;
    void listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage = {}) override;
    void listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done) override;
    void pushTimes(const QString& repository, QObject* context, Done<PushTimes> done) override
    {
        pushTimesFromTags(repository, context, std::move(done));
    }
    void deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done) override;
    void restoreImage(const QString& repository, const QString& digest, const QString& tag, QObject* context,
                      Done<void> done) override;
    void tagHistory(const QString& repository, const QString& tag, QObject* context, Done<QList<TagObservation>> done) override;
    void checkDelete(const QString& repository, QObject* context, Done<void> done) override;

    // The repository's own auto-prune policies, as the JSON Quay returns ({"policies": [...]}),
    // for `retention` to plan with as Quay auto-prune policies.
    void autoPrunePolicies(const QString& repository, QObject* context, Done<QByteArray> done);
    // The repository's auto-prune policies as the registry's own cleanup policy ("quay-auto-prune").
    void registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done) override;

    // One row of Quay's tag list (the _tag_dict shape); exposed for tests.
    struct TagRow
    {
        QString name;
        QString digest;
        QDateTime start;
        QDateTime end; // invalid while the tag still points there (or expires in the future)
        qint64 size = -1;
    };
    static std::optional<TagRow> tagRowFromJson(const class QJsonObject& item);

    // One answer of GET /repository?namespace=NS: "namespace/name" rows and the next page's token.
    struct RepositoryPage
    {
        QStringList repositories;
        QString nextPage; // empty on the last page
    };
    static Result<RepositoryPage> readRepositoryPage(const QByteArray& body, const QString& ns);
    // One answer of GET /repository/NS/NAME/tag/: the rows that read as tags, of `items` listed.
    struct TagPage
    {
        QList<TagRow> rows;
        int items = 0;
        bool hasAdditional = false;
    };
    static Result<TagPage> readTagPage(const QByteArray& body);

private:
    void send(HttpRequest request, QObject* context, Done<HttpResponse> done);
    void tagPages(const QString& repository, const QString& tag, int page, std::shared_ptr<QList<TagRow>> rows, QObject* context,
                  Done<QList<TagRow>> done);
    void repositoryPages(const QString& ns, const QString& nextPage, QSet<QString> seen, std::shared_ptr<QStringList> names,
                         QObject* context, Done<QStringList> done, PageCallback onPage);
    QUrl apiUrl(const QString& path) const;

    QUrl m_base;
};

} // namespace berth
