#include "core/providers/GhcrProvider.h"

#include "core/base/Guarded.h"
#include "core/net/HttpClient.h"
#include "core/net/LinkHeader.h"
#include "core/registry/RegistryClient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QUrlQuery>

namespace berth {

namespace {
    const QString kGitHubApi = QStringLiteral("https://api.github.com");
    constexpr int kPerPage = 100; // GitHub's maximum
    constexpr int kMaxPages = 100; // per_page x page may not pass 10,000 (FACTS.md G3)

    // "owner/name[/more]" -> {owner, package name as the API wants it: '/' encoded}.
    std::optional<std::pair<QString, QString>> splitPackage(const QString& repository)
    {
        const qsizetype slash = repository.indexOf(QLatin1Char('/'));
        if (slash <= 0 || slash == repository.size() - 1)
            return std::nullopt;
        return std::pair{repository.left(slash),
                         QString::fromLatin1(QUrl::toPercentEncoding(repository.mid(slash + 1)))};
    }

    Error badRepository(const QString& repository)
    {
        return Error::make(ErrorKind::InvalidInput, QStringLiteral("\"%1\" is not a GHCR repository (OWNER/NAME)").arg(repository));
    }

    Error githubError(const HttpResponse& response)
    {
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        QString detail = body.value(QStringLiteral("message")).toString();
        if (detail.isEmpty())
            detail = QStringLiteral("HTTP %1 from %2").arg(response.status).arg(response.url.host() + response.url.path());
        const QByteArray scopes = response.header("x-oauth-scopes");
        switch (response.status) {
        case 401:
            return Error::make(ErrorKind::Auth, QStringLiteral("GitHub rejected the token (expired or revoked?): ") + detail, 401);
        case 403:
            if (response.header("x-ratelimit-remaining") == "0") {
                Error error = Error::make(ErrorKind::RateLimited, QStringLiteral("GitHub's API rate limit is used up: ") + detail, 403);
                bool ok = false;
                const qint64 reset = response.header("x-ratelimit-reset").toLongLong(&ok);
                if (ok)
                    error.retryAfterSeconds = int(qMax<qint64>(0, reset - QDateTime::currentSecsSinceEpoch()));
                return error;
            }
            return Error::make(ErrorKind::Denied,
                               QStringLiteral("GitHub refused: %1 (the token's scopes: %2)")
                                   .arg(detail, scopes.isEmpty() ? QStringLiteral("unknown") : QString::fromLatin1(scopes)),
                               403);
        case 404:
            return Error::make(ErrorKind::NotFound, detail, 404);
        case 400:
            if (body.value(QStringLiteral("code")).toString() == u"package_es_list_error" || detail.contains(QLatin1String("10000")))
                return Error::make(ErrorKind::Unsupported, QStringLiteral("GitHub lists at most 10,000 packages per owner: ") + detail, 400);
            return Error::make(ErrorKind::Http, detail, 400);
        case 429:
            return Error::make(ErrorKind::RateLimited, detail, 429);
        default:
            return Error::make(ErrorKind::Http, detail, response.status);
        }
    }

    // A classic token names its scopes in X-OAuth-Scopes on every answer. The error when none of
    // `accepted` is among them; nothing when one is, or when the header is absent (a fine-grained
    // or app token, whose permissions show only when used).
    std::optional<Error> lacksScope(const HttpResponse& response, std::initializer_list<QByteArrayView> accepted, const QString& needed)
    {
        if (response.headerValues("x-oauth-scopes").isEmpty())
            return std::nullopt;
        const QByteArray scopes = response.header("x-oauth-scopes");
        for (const QByteArray& granted : scopes.split(',')) {
            if (std::find(accepted.begin(), accepted.end(), QByteArrayView(granted.trimmed())) != accepted.end())
                return std::nullopt;
        }
        return Error::make(ErrorKind::Denied, QStringLiteral("this GitHub token lacks the %1 scope (it has: %2)")
                                                  .arg(needed, QString::fromLatin1(scopes.isEmpty() ? QByteArray("none") : scopes)),
                           403);
    }

    QDateTime githubTime(const QJsonValue& value)
    {
        return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODate) : QDateTime();
    }
} // namespace

GhcrProvider::GhcrProvider(RegistryClient* client, QObject* parent)
    : Provider(client, parent)
    , m_base(client->endpoint().apiBase.isEmpty() ? kGitHubApi : client->endpoint().apiBase)
{
}

ProviderCapabilities GhcrProvider::capabilities() const
{
    ProviderCapabilities caps;
    caps.catalog = false;
    caps.namespaces = true;
    caps.pushTimes = true;
    caps.pullTimes = false; // GitHub reports download counts per package, not per version
    caps.deleteImage = true; // a package version, through the API
    caps.deleteTag = true; // a throw-away version takes the tag and is deleted; the image stays
    caps.restore = true; // for 30 days
    caps.deletionNote = QStringLiteral("GitHub deletes package versions (restorable for 30 days); a single tag is moved to a "
                                       "throw-away version that is deleted, so the image keeps its other tags.");
    return caps;
}

std::optional<Credentials> GhcrProvider::tokenFromEnvironment(const QString& host)
{
    for (const char* name : {"GH_TOKEN", "GITHUB_TOKEN"}) {
        const QString token = qEnvironmentVariable(name);
        if (!token.isEmpty())
            return Credentials{{}, token, false, QString::fromLatin1(name)};
    }
    QString dir = qEnvironmentVariable("GH_CONFIG_DIR");
    if (dir.isEmpty()) {
        const QString xdg = qEnvironmentVariable("XDG_CONFIG_HOME");
        dir = (xdg.isEmpty() ? QDir::homePath() + QStringLiteral("/.config") : xdg) + QStringLiteral("/gh");
    }
    QFile file(dir + QStringLiteral("/hosts.yml"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    // hosts.yml: "HOST:" at column 0, then indented "oauth_token: ..." and "user: ...".
    Credentials found{{}, {}, false, QStringLiteral("GitHub CLI")};
    bool inHost = false;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (!line.isEmpty() && !line.front().isSpace()) {
            inHost = line.trimmed() == host + QLatin1Char(':');
            continue;
        }
        const QString entry = line.trimmed();
        if (!inHost)
            continue;
        if (entry.startsWith(QLatin1String("oauth_token:")))
            found.secret = entry.section(QLatin1Char(':'), 1).trimmed();
        else if (entry.startsWith(QLatin1String("user:")))
            found.username = entry.section(QLatin1Char(':'), 1).trimmed();
    }
    if (found.secret.isEmpty())
        return std::nullopt;
    return found;
}

QUrl GhcrProvider::apiUrl(const QString& pathAndQuery) const
{
    return QUrl(m_base.toString() + pathAndQuery);
}

void GhcrProvider::withLogin(std::function<void(Result<Login>)> next)
{
    if (m_login) {
        next(*m_login);
        return;
    }
    m_client->credentials([this, next = std::move(next)](std::optional<Credentials> creds) {
        if (!creds || creds->secret.isEmpty())
            creds = tokenFromEnvironment(m_base.host() == u"api.github.com" ? QStringLiteral("github.com") : m_base.host());
        if (!creds) {
            next(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("GitHub's packages API needs a token with read:packages "
                                                                             "(berthctl login ghcr.io, GH_TOKEN, or gh auth login)"))));
            return;
        }
        m_login = Login{creds->secret.toUtf8(), creds->username.toLower()};
        next(*m_login);
    });
}

void GhcrProvider::send(HttpRequest request, QObject* context, Done<HttpResponse> done)
{
    done = guarded(context, std::move(done));
    withLogin([this, request, done](Result<Login> login) mutable {
        if (!login) {
            done(std::unexpected(login.error()));
            return;
        }
        request.setHeader("Accept", "application/vnd.github+json");
        request.setHeader("X-GitHub-Api-Version", "2022-11-28");
        request.setHeader("Authorization", "Bearer " + login->token);
        sendApiRequest(request, nullptr, githubError, done);
    });
}

void GhcrProvider::getPages(QUrl url, int pages, QSet<QString> seen, QObject* context, std::function<void(const QJsonArray&)> onPage,
                            Done<void> done)
{
    if (seen.contains(url.toString()) || pages >= kMaxPages) {
        done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("GitHub's pages never end (%1)").arg(url.toString()))));
        return;
    }
    seen.insert(url.toString());
    HttpRequest request;
    request.url = url;
    send(request, context, [this, url, pages, seen, context = QPointer(context), onPage, done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(response->body);
        if (!doc.isArray()) {
            done(std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("GitHub's answer from %1 is not a list").arg(url.path()))));
            return;
        }
        onPage(doc.array());
        const QUrl next = nextPageLink(response->headerValues("link"), url);
        if (next.isEmpty()) {
            done({});
            return;
        }
        if (!sameOrigin(next, m_base)) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("GitHub's next page points to another host (%1); not followed")
                                                                      .arg(next.host()))));
            return;
        }
        getPages(next, pages + 1, seen, context, onPage, done);
    });
}

void GhcrProvider::ownerPrefixes(const QString& owner, std::function<void(QStringList)> next)
{
    withLogin([owner, next = std::move(next)](Result<Login> login) {
        if (login && !login->user.isEmpty() && login->user == owner.toLower())
            next({QStringLiteral("/user")});
        else
            next({QStringLiteral("/orgs/") + owner, QStringLiteral("/users/") + owner});
    });
}

void GhcrProvider::getPagesFrom(QStringList prefixes, const QString& suffix, QObject* context, std::function<void(const QJsonArray&)> onPage,
                                Done<void> done)
{
    const QString prefix = prefixes.takeFirst();
    getPages(apiUrl(prefix + suffix), 0, {}, context, onPage, [this, prefixes, suffix, context = QPointer(context), onPage, done](Result<void> result) {
        // An owner that is no organisation answers 404 there: try it as a user.
        if (!result && result.error().kind == ErrorKind::NotFound && !prefixes.isEmpty())
            getPagesFrom(prefixes, suffix, context, onPage, done);
        else
            done(result);
    });
}

void GhcrProvider::listNamespaces(QObject* context, Done<QStringList> done)
{
    done = guarded(context, std::move(done));
    withLogin([this, done](Result<Login> login) {
        if (!login) {
            done(std::unexpected(login.error()));
            return;
        }
        QStringList namespaces;
        if (!login->user.isEmpty())
            namespaces << login->user;
        for (const QString& ns : m_client->endpoint().namespaces) {
            if (!namespaces.contains(ns.toLower()))
                namespaces << ns.toLower();
        }
        done(namespaces);
    });
}

void GhcrProvider::listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    done = guarded(context, std::move(done));
    if (ns.isEmpty()) {
        listEveryNamespace(context, done, onPage); // the login's own and the organisations named
        return;
    }
    auto names = std::make_shared<QStringList>();
    ownerPrefixes(ns, [this, ns, context = QPointer(context), done, onPage, names](QStringList prefixes) {
        getPagesFrom(prefixes, QStringLiteral("/packages?package_type=container&per_page=%1").arg(kPerPage), context,
                     [ns, names, onPage](const QJsonArray& page) {
                         const QStringList rows = repositoriesFromPackages(page, ns);
                         *names << rows;
                         if (onPage)
                             onPage(rows);
                     },
                     [names, done](Result<void> finished) {
                         if (!finished)
                             done(std::unexpected(finished.error()));
                         else
                             done(*names);
                     });
    });
}

QStringList GhcrProvider::repositoriesFromPackages(const QJsonArray& page, const QString& owner)
{
    QStringList rows;
    for (const QJsonValue& v : page) {
        const QJsonObject package = v.toObject();
        const QString name = package.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            rows << (package.value(QStringLiteral("owner")).toObject().value(QStringLiteral("login")).toString(owner) + QLatin1Char('/') + name).toLower();
    }
    return rows;
}

std::optional<GhcrProvider::Version> GhcrProvider::versionFromJson(const QJsonObject& item)
{
    Version version;
    version.id = item.value(QStringLiteral("id")).toInteger(0);
    version.digest = item.value(QStringLiteral("name")).toString();
    version.created = githubTime(item.value(QStringLiteral("created_at")));
    version.updated = githubTime(item.value(QStringLiteral("updated_at")));
    for (const QJsonValue& tag : item.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("container")).toObject().value(QStringLiteral("tags")).toArray())
        version.tags << tag.toString();
    if (version.id <= 0 || !version.digest.startsWith(QLatin1String("sha256:")))
        return std::nullopt;
    return version;
}

void GhcrProvider::listVersions(const QString& repository, bool deleted, QObject* context, Done<QList<Version>> done)
{
    done = guarded(context, std::move(done));
    const auto parts = splitPackage(repository);
    if (!parts) {
        done(std::unexpected(badRepository(repository)));
        return;
    }
    auto versions = std::make_shared<QList<Version>>();
    ownerPrefixes(parts->first, [this, parts = *parts, deleted, context = QPointer(context), done, versions](QStringList prefixes) {
        getPagesFrom(prefixes,
                     QStringLiteral("/packages/container/%1/versions?per_page=%2&state=%3")
                         .arg(parts.second)
                         .arg(kPerPage)
                         .arg(deleted ? QStringLiteral("deleted") : QStringLiteral("active")),
                     context,
                     [versions](const QJsonArray& page) {
                         for (const QJsonValue& v : page) {
                             if (const auto version = versionFromJson(v.toObject()))
                                 *versions << *version;
                         }
                     },
                     [versions, done](Result<void> finished) {
                         if (!finished)
                             done(std::unexpected(finished.error()));
                         else
                             done(*versions);
                     });
    });
}

void GhcrProvider::listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done)
{
    listVersions(repository, false, context, [done = std::move(done)](Result<QList<Version>> versions) {
        if (!versions) {
            done(std::unexpected(versions.error()));
            return;
        }
        QList<ProviderTag> tags;
        for (const Version& v : std::as_const(*versions)) {
            // A tag moved onto an existing version updates it: updated_at is when the tag came.
            for (const QString& tag : v.tags)
                tags << ProviderTag{tag, v.digest, v.updated.isValid() ? v.updated : v.created, {}, -1, {}};
        }
        sortByName(tags);
        done(tags);
    });
}

void GhcrProvider::pushTimes(const QString& repository, QObject* context, Done<PushTimes> done)
{
    done = guarded(context, std::move(done));
    listVersions(repository, false, context, [this, repository, context = QPointer(context), done](Result<QList<Version>> versions) {
        if (!versions) {
            done(std::unexpected(versions.error()));
            return;
        }
        auto times = std::make_shared<PushTimes>();
        QStringList untagged;
        for (const Version& v : std::as_const(*versions)) {
            times->insert(v.digest, v.created);
            if (v.tags.isEmpty())
                untagged << v.digest;
        }
        if (untagged.isEmpty()) {
            done(*times);
            return;
        }
        // An untagged version whose manifest names a subject that is still there is an attachment
        // of that image (a signature, SBOM or attestation pushed through the referrers API), not an
        // untagged image of its own: cleanup tools that delete it break verification (snok
        // container-retention-policy #43, #97). One that cannot be read is left out too: when in
        // doubt, Berth offers nothing for deletion.
        auto left = std::make_shared<int>(int(untagged.size()));
        const PushTimes all = *times;
        for (const QString& digest : std::as_const(untagged)) {
            m_client->fetchManifest(repository, digest, context, [digest, all, times, left, done](Result<Manifest> manifest) {
                if (!manifest || (manifest->subject && all.contains(manifest->subject->digest)))
                    times->remove(digest);
                if (--*left == 0)
                    done(*times);
            });
        }
    });
}

void GhcrProvider::versionOf(const QString& repository, const QString& digest, bool deleted, QObject* context, Done<Version> done)
{
    listVersions(repository, deleted, context, [digest, deleted, done = std::move(done)](Result<QList<Version>> versions) {
        if (!versions) {
            done(std::unexpected(versions.error()));
            return;
        }
        for (const Version& v : std::as_const(*versions)) {
            if (v.digest == digest) {
                done(v);
                return;
            }
        }
        done(std::unexpected(Error::make(ErrorKind::NotFound, deleted ? QStringLiteral("GitHub keeps no deleted version %1 (restore works for 30 days)").arg(digest)
                                                                      : QStringLiteral("GitHub lists no version %1").arg(digest))));
    });
}

void GhcrProvider::versionRequest(const QString& repository, const Version& version, const QByteArray& method, const QString& suffix,
                                  QObject* context, Done<void> done)
{
    const auto parts = *splitPackage(repository);
    ownerPrefixes(parts.first, [this, parts, version, method, suffix, context = QPointer(context), done](QStringList prefixes) {
        versionRequestFrom(prefixes, parts.second, version.id, method, suffix, context, done);
    });
}

void GhcrProvider::versionRequestFrom(QStringList prefixes, const QString& package, qint64 id, const QByteArray& method,
                                      const QString& suffix, QObject* context, Done<void> done)
{
    HttpRequest request;
    request.method = method;
    request.url = apiUrl(QStringLiteral("%1/packages/container/%2/versions/%3%4").arg(prefixes.takeFirst(), package).arg(id).arg(suffix));
    send(request, context, [this, prefixes, package, id, method, suffix, context = QPointer(context), done](Result<HttpResponse> response) {
        // The first owner prefix that knows the package, as listing does.
        if (!response && response.error().kind == ErrorKind::NotFound && !prefixes.isEmpty())
            versionRequestFrom(prefixes, package, id, method, suffix, context, done);
        else if (!response)
            done(std::unexpected(response.error()));
        else
            done({});
    });
}

void GhcrProvider::deleteImage(const QString& repository, const QString& digest, const QStringList&, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    versionOf(repository, digest, false, context, [this, repository, context = QPointer(context), done](Result<Version> version) {
        if (!version) {
            done(std::unexpected(version.error()));
            return;
        }
        versionRequest(repository, *version, "DELETE", {}, context, done);
    });
}

void GhcrProvider::deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done)
{
    // GHCR has no untag (FACTS.md C5): the tag moves to a throw-away version, which is deleted.
    done = guarded<Result<QString>>(context, std::move(done));
    moveTagToPlaceholder(repository, tag, context, [this, repository, context = QPointer(context), done](Result<std::pair<QString, QString>> moved) {
        if (!moved) {
            done(std::unexpected(moved.error()));
            return;
        }
        deleteImage(repository, moved->second, {}, context, [previous = moved->first, done](Result<void> deleted) {
            if (!deleted)
                done(std::unexpected(deleted.error()));
            else
                done(previous);
        });
    });
}

void GhcrProvider::restoreImage(const QString& repository, const QString& digest, const QString&, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    versionOf(repository, digest, true, context, [this, repository, context = QPointer(context), done](Result<Version> version) {
        if (!version) {
            done(std::unexpected(version.error()));
            return;
        }
        versionRequest(repository, *version, "POST", QStringLiteral("/restore"), context, done);
    });
}

void GhcrProvider::checkApiLogin(QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    // The token must open the packages API: list one of the login's packages, read its scopes.
    HttpRequest request;
    request.url = apiUrl(QStringLiteral("/user/packages?package_type=container&per_page=1"));
    send(request, context, [done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        if (const auto missing = lacksScope(*response, {"read:packages", "write:packages"}, QStringLiteral("read:packages")))
            done(std::unexpected(*missing));
        else
            done({});
    });
}

void GhcrProvider::checkDelete(const QString& repository, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const auto parts = splitPackage(repository);
    if (!parts) {
        done(std::unexpected(badRepository(repository)));
        return;
    }
    // A classic token names its scopes in X-OAuth-Scopes on every answer: read one version to see them.
    ownerPrefixes(parts->first, [this, parts = *parts, context = QPointer(context), done](QStringList prefixes) {
        HttpRequest request;
        request.url = apiUrl(QStringLiteral("%1/packages/container/%2/versions?per_page=1").arg(prefixes.first(), parts.second));
        send(request, context, [done](Result<HttpResponse> response) {
            if (!response) {
                done(std::unexpected(response.error()));
                return;
            }
            if (const auto missing = lacksScope(*response, {"delete:packages"}, QStringLiteral("delete:packages")))
                done(std::unexpected(*missing));
            else
                done({});
        });
    });
}

} // namespace berth
