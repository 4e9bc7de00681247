#pragma once

#include "core/auth/Credentials.h"
#include "core/net/HttpMessage.h"
#include "core/providers/Provider.h"

#include <QUrl>

namespace berth {

// GitHub Container Registry through GitHub's packages REST API (api.github.com, or a GitHub
// Enterprise Server's https://HOST/api/v3): container packages of the login and of the
// organisations the user names, their versions (one per manifest digest, tags in
// metadata.container.tags), version deletion and restore. ghcr.io has no catalog, answers a
// manifest DELETE with 405 and has no untag (tests/fixtures/github/FACTS.md C3–C5).
class GhcrProvider final : public Provider
{
    Q_OBJECT
public:
    explicit GhcrProvider(RegistryClient* client, QObject* parent = nullptr);

    ProviderKind kind() const override { return ProviderKind::Ghcr; }
    ProviderCapabilities capabilities() const override;
    QString dateSource() const override { return QStringLiteral("github-packages-api"); }

    void listNamespaces(QObject* context, Done<QStringList> done) override;
    void listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage = {}) override;
    void listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done) override;
    // Every package version with when it was created: tagged ones, and untagged ones that are
    // images of their own (an index's platform manifests stay listed, its kept index protects
    // them); attachments of images still there (untagged versions with a subject) are left out.
    void pushTimes(const QString& repository, QObject* context, Done<PushTimes> done) override;
    void deleteImage(const QString& repository, const QString& digest, const QStringList& tags, QObject* context,
                     Done<void> done) override;
    void deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done) override;
    void restoreImage(const QString& repository, const QString& digest, const QString& tag, QObject* context,
                      Done<void> done) override;
    void checkDelete(const QString& repository, QObject* context, Done<void> done) override;
    void checkApiLogin(QObject* context, Done<void> done) override;

    // One package version as GitHub describes it (schema package-version).
    struct Version
    {
        qint64 id = 0;
        QString digest; // the version's name
        QDateTime created;
        QDateTime updated;
        QStringList tags; // metadata.container.tags; empty = untagged
    };
    static std::optional<Version> versionFromJson(const class QJsonObject& item);
    // One page of an owner's container packages as "owner/name" rows (the package's own owner
    // login when it names one), lower-case as ghcr.io names them.
    static QStringList repositoriesFromPackages(const class QJsonArray& page, const QString& owner);
    // Every version of a package; `deleted` lists those GitHub keeps for restore instead.
    void listVersions(const QString& repository, bool deleted, QObject* context, Done<QList<Version>> done);

    // The token when none is in the registry logins: GH_TOKEN, GITHUB_TOKEN, then the GitHub
    // CLI's hosts.yml ($GH_CONFIG_DIR, $XDG_CONFIG_HOME/gh or ~/.config/gh) for `host`.
    static std::optional<Credentials> tokenFromEnvironment(const QString& host);

private:
    struct Login
    {
        QByteArray token;
        QString user; // lower-case; empty when unknown
    };
    void withLogin(std::function<void(Result<Login>)> next);
    void send(HttpRequest request, QObject* context, Done<HttpResponse> done);
    // GET every page from `url` (per_page, Link rel="next"), each page's JSON array to onPage.
    void getPages(QUrl url, int pages, QSet<QString> seen, QObject* context, std::function<void(const class QJsonArray&)> onPage,
                  Done<void> done);
    // The API prefixes that may own `owner`'s packages, in the order to try: /user for the login,
    // else /orgs/OWNER then /users/OWNER.
    void ownerPrefixes(const QString& owner, std::function<void(QStringList)> next);
    // Tries each prefix in turn while the answer is 404.
    void getPagesFrom(QStringList prefixes, const QString& suffix, QObject* context, std::function<void(const class QJsonArray&)> onPage,
                      Done<void> done);
    void versionOf(const QString& repository, const QString& digest, bool deleted, QObject* context, Done<Version> done);
    void versionRequest(const QString& repository, const Version& version, const QByteArray& method, const QString& suffix,
                        QObject* context, Done<void> done);
    void versionRequestFrom(QStringList prefixes, const QString& package, qint64 id, const QByteArray& method, const QString& suffix,
                            QObject* context, Done<void> done);
    QUrl apiUrl(const QString& pathAndQuery) const;

    QUrl m_base;
    std::optional<Login> m_login;
};

} // namespace berth
