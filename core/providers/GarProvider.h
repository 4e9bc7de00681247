#pragma once

#include "core/auth/GoogleCredentials.h"
#include "core/providers/Provider.h"

#include <QJsonArray>
#include <QJsonObject>

namespace berth {

struct HttpResponse;

// Google Artifact Registry (LOCATION-docker.pkg.dev) through its REST API
// (artifactregistry.googleapis.com/v1) with Google's Application Default Credentials. A Berth
// repository path is PROJECT/REPOSITORY/IMAGE: projects are the namespaces (those the user names
// and the credentials' own), each Docker repository's packages are its images. Images come with
// their upload times and sizes; a version (image) or a tag is deleted through the API; the
// repository's cleanup policies are read, and written back, with its dry-run setting.
class GarProvider final : public Provider
{
    Q_OBJECT
public:
    explicit GarProvider(RegistryClient* client, QObject* parent = nullptr);

    ProviderKind kind() const override { return ProviderKind::ArtifactRegistry; }
    ProviderCapabilities capabilities() const override;
    QString dateSource() const override { return QStringLiteral("artifact-registry-api"); }

    void listNamespaces(QObject* context, Done<QStringList> done) override;
    void listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage = {}) override;
    void listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done) override;
    void pushTimes(const QString& repository, QObject* context, Done<PushTimes> done) override;
    void deleteImage(const QString& repository, const QString& digest, const QStringList& tags, QObject* context,
                     Done<void> done) override;
    void deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done) override;
    void checkApiLogin(QObject* context, Done<void> done) override;
    void checkDelete(const QString& repository, QObject* context, Done<void> done) override;
    // The repository's cleanup policies in the file form gcloud takes ("gar-cleanup"), with
    // whether the repository runs them as a dry run only.
    void registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done) override;
    void putRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<void> done) override;

    // The multi-region of a Container Registry host that Artifact Registry serves, whose images
    // live in the repository named after the host (tests/fixtures/gar/FACTS.md L5); none for others.
    static std::optional<QString> gcrLocation(const QString& host);

    // The API's cleanupPolicies map and gcloud's policy file, each into the other.
    static QJsonArray policiesToFile(const QJsonObject& apiPolicies);
    static QJsonObject policiesFromFile(const QJsonArray& file);

    // One DockerImage of a dockerImages list.
    struct Image
    {
        QString digest;
        QStringList tags;
        QDateTime uploaded; // uploadTime, UTC
        qint64 size = 0; // imageSizeBytes
    };
    // The images of one dockerImages page that belong to `package` ("team/api").
    static QList<Image> imagesFromPage(const QJsonArray& page, const QString& package);

private:
    struct Location
    {
        QString project;
        QString repository; // the Artifact Registry repository
        QString package; // the image inside it, "team/api"
    };
    // PROJECT/REPOSITORY/IMAGE of this registry's location (PROJECT/IMAGE on a gcr.io host); an
    // error for a shorter path.
    Result<Location> locate(const QString& repositoryPath) const;
    // PROJECT/REPOSITORY with or without an image (PROJECT[/IMAGE] on a gcr.io host); no package.
    std::optional<Location> locateRepository(const QString& path) const;
    QString location() const; // "us" of us-docker.pkg.dev, "europe" of eu.gcr.io
    QString host() const;
    bool isGcrHost() const { return gcrLocation(host()).has_value(); }
    QString apiBase() const;
    // One API call with a fresh access token; Google's error text on failure.
    void call(const QByteArray& method, const QString& path, const QByteArray& body, QObject* context, Done<QJsonObject> done);
    // Every page (pageToken / nextPageToken) of a list, the array under `key` of each to onPage.
    void allPages(const QString& path, const QString& key, QObject* context, std::function<void(const QJsonArray&)> onPage,
                  Done<void> done, const QString& pageToken = {}, int pagesLeft = 10000);
    // Every Docker image of the repository that is `package`.
    void images(const Location& where, QObject* context, Done<QList<Image>> done);

    GoogleCredentials m_google;
};

} // namespace berth
