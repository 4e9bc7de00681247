#include "core/providers/GarProvider.h"

#include "core/base/Duration.h"
#include "core/base/Guarded.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"

#include <QJsonDocument>
#include <QUrl>

namespace berth {

namespace {
    const QString kDefaultApi = QStringLiteral("https://artifactregistry.googleapis.com/v1");

    // A package name inside a resource name: its slashes escaped (team/api -> team%2Fapi).
    QString escapedPackage(const QString& package) { return QString(package).replace(QLatin1Char('/'), QStringLiteral("%2F")); }
    QString unescapedPackage(const QString& name) { return QUrl::fromPercentEncoding(name.toUtf8()); }

    QDateTime googleTime(const QJsonValue& value)
    {
        const QDateTime when = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        return when.isValid() ? when.toUTC() : QDateTime();
    }

    Error googleError(const QString& what, const QJsonObject& body, int status)
    {
        // {"error": {"code": 404, "message": "...", "status": "NOT_FOUND"}}
        const QJsonObject error = body.value(QStringLiteral("error")).toObject();
        const QString code = error.value(QStringLiteral("status")).toString();
        ErrorKind kind = ErrorKind::Http;
        if (status == 401 || code == u"UNAUTHENTICATED")
            kind = ErrorKind::Auth;
        else if (status == 403 || code == u"PERMISSION_DENIED")
            kind = ErrorKind::Denied;
        else if (status == 404 || code == u"NOT_FOUND")
            kind = ErrorKind::NotFound;
        else if (status == 429 || code == u"RESOURCE_EXHAUSTED")
            kind = ErrorKind::RateLimited;
        else if (status == 400 || code == u"INVALID_ARGUMENT" || code == u"FAILED_PRECONDITION")
            kind = ErrorKind::InvalidInput;
        const QString message = error.value(QStringLiteral("message")).toString();
        return Error::make(kind, QStringLiteral("Artifact Registry %1: %2").arg(what, message.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : message),
                           status, code);
    }
} // namespace

GarProvider::GarProvider(RegistryClient* client, QObject* parent)
    : Provider(client, parent)
    , m_google(client->http())
{
    m_google.setTls(client->endpoint().tls);
}

ProviderCapabilities GarProvider::capabilities() const
{
    ProviderCapabilities caps = Provider::capabilities();
    caps.catalog = false; // the registry's catalog answers empty (FACTS.md L2)
    caps.namespaces = true; // projects
    caps.pushTimes = true; // uploadTime
    caps.pullTimes = false; // not kept in this API
    caps.deleteImage = true;
    caps.deleteTag = true;
    caps.registryPolicy = true;
    caps.policyWrite = true;
    caps.deletionNote = QStringLiteral("Artifact Registry deletes a version with its tags (force), or one tag alone, through its own API.");
    return caps;
}

std::optional<QString> GarProvider::gcrLocation(const QString& host)
{
    if (host == u"gcr.io" || host == u"us.gcr.io")
        return QStringLiteral("us");
    if (host == u"eu.gcr.io")
        return QStringLiteral("europe");
    if (host == u"asia.gcr.io")
        return QStringLiteral("asia");
    return std::nullopt;
}

QString GarProvider::host() const
{
    return m_client->endpoint().apiHost.section(QLatin1Char(':'), 0, 0);
}

QString GarProvider::location() const
{
    return gcrLocation(host()).value_or(host().section(QStringLiteral("-docker.pkg.dev"), 0, 0));
}

QString GarProvider::apiBase() const
{
    const QString configured = m_client->endpoint().apiBase;
    return configured.isEmpty() ? kDefaultApi : configured;
}

Result<GarProvider::Location> GarProvider::locate(const QString& repositoryPath) const
{
    const QStringList parts = repositoryPath.split(QLatin1Char('/'));
    if (isGcrHost()) {
        if (parts.size() < 2 || parts.contains(QString()))
            return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("a %1 image is PROJECT/IMAGE, not \"%2\"").arg(host(), repositoryPath)));
        return Location{parts[0], host(), parts.mid(1).join(QLatin1Char('/'))};
    }
    if (parts.size() < 3 || parts.contains(QString()))
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("an Artifact Registry image is PROJECT/REPOSITORY/IMAGE, not \"%1\"")
                                                                        .arg(repositoryPath)));
    return Location{parts[0], parts[1], parts.mid(2).join(QLatin1Char('/'))};
}

std::optional<GarProvider::Location> GarProvider::locateRepository(const QString& path) const
{
    const QString project = path.section(QLatin1Char('/'), 0, 0);
    const QString repository = isGcrHost() ? host() : path.section(QLatin1Char('/'), 1, 1);
    if (project.isEmpty() || repository.isEmpty())
        return std::nullopt;
    return Location{project, repository, {}};
}

void GarProvider::call(const QByteArray& method, const QString& path, const QByteArray& body, QObject* context, Done<QJsonObject> done)
{
    done = guarded(context, std::move(done));
    m_google.accessToken(this, [this, method, path, body, context = QPointer(context), done](Result<GoogleAccessToken> token) {
        if (!token) {
            done(std::unexpected(token.error()));
            return;
        }
        HttpRequest request;
        request.method = method;
        request.url = QUrl(apiBase() + QLatin1Char('/') + path);
        request.body = body;
        request.maxBodyBytes = 64LL * 1024 * 1024;
        request.setHeader("Authorization", "Bearer " + token->token.toUtf8());
        if (!body.isEmpty())
            request.setHeader("Content-Type", "application/json");
        const QString what = QString::fromLatin1(method) + QLatin1Char(' ') + path.section(QLatin1Char('?'), 0, 0);
        sendApiRequest(request, context, [what](const HttpResponse& answer) { return googleError(what, QJsonDocument::fromJson(answer.body).object(), answer.status); },
                       [this, done](Result<HttpResponse> answer) {
                           if (!answer) {
                               if (answer.error().kind == ErrorKind::Auth)
                                   m_google.forget(); // a revoked token: the next call asks for a new one
                               done(std::unexpected(answer.error()));
                               return;
                           }
                           done(QJsonDocument::fromJson(answer->body).object());
                       });
    });
}

void GarProvider::allPages(const QString& path, const QString& key, QObject* context, std::function<void(const QJsonArray&)> onPage, Done<void> done,
                           const QString& pageToken, int pagesLeft)
{
    QString url = path + (path.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?")) + QStringLiteral("pageSize=1000");
    if (!pageToken.isEmpty())
        url += QStringLiteral("&pageToken=") + QString::fromLatin1(QUrl::toPercentEncoding(pageToken));
    call("GET", url, {}, context, [this, path, key, context = QPointer(context), onPage, done, pagesLeft](Result<QJsonObject> page) {
        if (!page) {
            done(std::unexpected(page.error()));
            return;
        }
        onPage(page->value(key).toArray());
        const QString next = page->value(QStringLiteral("nextPageToken")).toString();
        if (next.isEmpty()) {
            done({});
            return;
        }
        if (pagesLeft <= 1) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Artifact Registry's list at %1 did not stop paging").arg(path))));
            return;
        }
        allPages(path, key, context, onPage, done, next, pagesLeft - 1);
    });
}

void GarProvider::listNamespaces(QObject* context, Done<QStringList> done)
{
    done = guarded(context, std::move(done));
    // The API lists no projects (that is Resource Manager's): the credentials' own and those the user named.
    m_google.accessToken(this, [this, done](Result<GoogleAccessToken> token) {
        QStringList projects;
        if (token && !token->projectId.isEmpty())
            projects << token->projectId;
        for (const QString& ns : m_client->endpoint().namespaces) {
            if (!projects.contains(ns))
                projects << ns;
        }
        if (projects.isEmpty()) {
            done(token ? Result<QStringList>(std::unexpected(Error::make(ErrorKind::InvalidInput,
                                                                         QStringLiteral("name a Google Cloud project: %1/PROJECT, or the "
                                                                                        "registry's organisations in its settings")
                                                                             .arg(m_client->endpoint().name))))
                       : Result<QStringList>(std::unexpected(token.error())));
            return;
        }
        done(projects);
    });
}

void GarProvider::listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    done = guarded(context, std::move(done));
    if (ns.isEmpty()) {
        listEveryNamespace(context, done, onPage);
        return;
    }
    // "PROJECT" lists every Docker repository's images; "PROJECT/REPOSITORY" that repository's.
    // On a gcr.io host, "PROJECT" is the one repository named after the host.
    const QString project = ns.section(QLatin1Char('/'), 0, 0);
    const QString only = isGcrHost() ? host() : ns.section(QLatin1Char('/'), 1, 1);
    const bool gcr = isGcrHost();
    const QString repositories = QStringLiteral("projects/%1/locations/%2/repositories").arg(project, location());
    auto pages = std::make_shared<RepositoryPages>(RepositoryPages{onPage, {}});
    auto listPackages = [this, project, gcr, repositories, pages, context = QPointer(context)](QStringList left, Done<void> finished) {
        auto next = std::make_shared<std::function<void(QStringList)>>();
        *next = [this, project, gcr, repositories, pages, context, finished, next](QStringList rest) {
            if (rest.isEmpty()) {
                finished({});
                return;
            }
            const QString repository = rest.takeFirst();
            allPages(QStringLiteral("%1/%2/packages").arg(repositories, repository), QStringLiteral("packages"), context,
                     [project, gcr, repository, pages](const QJsonArray& page) {
                         QStringList names;
                         for (const QJsonValue& value : page) {
                             const QString name = value.toObject().value(QStringLiteral("name")).toString();
                             const QString package = unescapedPackage(name.section(QStringLiteral("/packages/"), 1));
                             names << (gcr ? QStringLiteral("%1/%2").arg(project, package) : QStringLiteral("%1/%2/%3").arg(project, repository, package));
                         }
                         pages->add(names);
                     },
                     [rest, finished, next](Result<void> listed) {
                         if (!listed)
                             finished(std::unexpected(listed.error()));
                         else
                             (*next)(rest);
                     });
        };
        (*next)(std::move(left));
    };
    auto finish = [pages, done](Result<void> ended) { pages->finish(ended, done); };
    if (!only.isEmpty()) {
        listPackages({only}, finish);
        return;
    }
    auto dockerRepositories = std::make_shared<QStringList>();
    allPages(repositories, QStringLiteral("repositories"), context, [dockerRepositories](const QJsonArray& page) {
        for (const QJsonValue& value : page) {
            const QJsonObject repository = value.toObject();
            if (repository.value(QStringLiteral("format")).toString() == u"DOCKER")
                *dockerRepositories << repository.value(QStringLiteral("name")).toString().section(QLatin1Char('/'), -1);
        }
    }, [dockerRepositories, listPackages, finish](Result<void> listed) {
        if (!listed)
            finish(std::unexpected(listed.error()));
        else
            listPackages(*dockerRepositories, finish);
    });
}

QList<GarProvider::Image> GarProvider::imagesFromPage(const QJsonArray& page, const QString& package)
{
    QList<Image> found;
    for (const QJsonValue& value : page) {
        const QJsonObject image = value.toObject();
        // name: .../dockerImages/IMAGE%2Fsub@sha256:...
        const QString name = image.value(QStringLiteral("name")).toString();
        const QString tail = name.section(QStringLiteral("/dockerImages/"), 1);
        if (unescapedPackage(tail.section(QLatin1Char('@'), 0, 0)) != package)
            continue;
        Image row;
        row.digest = name.section(QLatin1Char('@'), 1);
        for (const QJsonValue& tag : image.value(QStringLiteral("tags")).toArray())
            row.tags << tag.toString();
        row.uploaded = googleTime(image.value(QStringLiteral("uploadTime")));
        row.size = image.value(QStringLiteral("imageSizeBytes")).toString().toLongLong(); // int64 travels as a string
        found << row;
    }
    return found;
}

void GarProvider::images(const Location& where, QObject* context, Done<QList<Image>> done)
{
    done = guarded(context, std::move(done));
    auto found = std::make_shared<QList<Image>>();
    const QString resource = QStringLiteral("projects/%1/locations/%2/repositories/%3").arg(where.project, location(), where.repository);
    allPages(resource + QStringLiteral("/dockerImages"), QStringLiteral("dockerImages"), context, [where, found](const QJsonArray& page) {
        *found << imagesFromPage(page, where.package);
    }, [found, done](Result<void> listed) {
        if (!listed)
            done(std::unexpected(listed.error()));
        else
            done(*found);
    });
}

void GarProvider::listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done)
{
    done = guarded(context, std::move(done));
    const auto where = locate(repository);
    if (!where) {
        done(std::unexpected(where.error()));
        return;
    }
    images(*where, context, [done](Result<QList<Image>> found) {
        if (!found) {
            done(std::unexpected(found.error()));
            return;
        }
        QList<ProviderTag> tags;
        for (const Image& image : std::as_const(*found)) {
            for (const QString& tag : image.tags)
                tags << ProviderTag{tag, image.digest, image.uploaded, {}, image.size, {}};
        }
        sortByName(tags);
        done(tags);
    });
}

void GarProvider::pushTimes(const QString& repository, QObject* context, Done<PushTimes> done)
{
    done = guarded(context, std::move(done));
    const auto where = locate(repository);
    if (!where) {
        done(std::unexpected(where.error()));
        return;
    }
    images(*where, context, [done](Result<QList<Image>> found) {
        if (!found) {
            done(std::unexpected(found.error()));
            return;
        }
        PushTimes times;
        for (const Image& image : std::as_const(*found)) {
            if (image.uploaded.isValid())
                times.insert(image.digest, image.uploaded);
        }
        done(times);
    });
}

void GarProvider::deleteImage(const QString& repository, const QString& digest, const QStringList&, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const auto where = locate(repository);
    if (!where) {
        done(std::unexpected(where.error()));
        return;
    }
    // force=true: a tagged version goes with its tags (FACTS.md B4).
    const QString path = QStringLiteral("projects/%1/locations/%2/repositories/%3/packages/%4/versions/%5?force=true")
                             .arg(where->project, location(), where->repository, escapedPackage(where->package), digest);
    call("DELETE", path, {}, context, [done](Result<QJsonObject> deleted) {
        if (!deleted)
            done(std::unexpected(deleted.error()));
        else
            done({});
    });
}

void GarProvider::deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done)
{
    done = guarded(context, std::move(done));
    const auto where = locate(repository);
    if (!where) {
        done(std::unexpected(where.error()));
        return;
    }
    const QString path = QStringLiteral("projects/%1/locations/%2/repositories/%3/packages/%4/tags/%5")
                             .arg(where->project, location(), where->repository, escapedPackage(where->package), tag);
    // The version the tag names first, for undo and the audit log.
    call("GET", path, {}, context, [this, path, context = QPointer(context), done](Result<QJsonObject> found) {
        if (!found) {
            done(std::unexpected(found.error()));
            return;
        }
        const QString digest = found->value(QStringLiteral("version")).toString().section(QStringLiteral("/versions/"), 1);
        call("DELETE", path, {}, context, [digest, done](Result<QJsonObject> deleted) {
            if (!deleted)
                done(std::unexpected(deleted.error()));
            else
                done(digest);
        });
    });
}

void GarProvider::checkApiLogin(QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    listNamespaces(context, [this, context = QPointer(context), done](Result<QStringList> projects) {
        if (!projects && projects.error().kind == ErrorKind::InvalidInput) {
            done({}); // a user login names no project: the token itself was checked by the registry
            return;
        }
        if (!projects) {
            done(std::unexpected(projects.error()));
            return;
        }
        call("GET", QStringLiteral("projects/%1/locations/%2/repositories?pageSize=1").arg(projects->first(), location()), {}, context,
             [done](Result<QJsonObject> listed) {
                 if (!listed)
                     done(std::unexpected(listed.error()));
                 else
                     done({});
             });
    });
}

void GarProvider::checkDelete(const QString& repository, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const auto where = locate(repository);
    if (!where) {
        done(std::unexpected(where.error()));
        return;
    }
    // No dry-run delete in the API: that the repository can be read with these credentials.
    call("GET", QStringLiteral("projects/%1/locations/%2/repositories/%3").arg(where->project, location(), where->repository), {}, context,
         [done](Result<QJsonObject> read) {
             if (!read)
                 done(std::unexpected(read.error()));
             else
                 done({});
         });
}

QJsonArray GarProvider::policiesToFile(const QJsonObject& apiPolicies)
{
    QJsonArray file;
    for (auto it = apiPolicies.begin(); it != apiPolicies.end(); ++it) {
        const QJsonObject policy = it.value().toObject();
        const QString action = policy.value(QStringLiteral("action")).toString();
        QJsonObject entry{{QStringLiteral("name"), policy.value(QStringLiteral("id")).toString(it.key())},
                          {QStringLiteral("action"), QJsonObject{{QStringLiteral("type"), action == u"KEEP" ? QStringLiteral("Keep") : QStringLiteral("Delete")}}}};
        QJsonObject condition = policy.value(QStringLiteral("condition")).toObject();
        if (condition.contains(QStringLiteral("tagState"))) {
            const QString state = condition.value(QStringLiteral("tagState")).toString();
            condition.insert(QStringLiteral("tagState"), state.left(1) + state.mid(1).toLower()); // TAGGED -> Tagged
        }
        if (!condition.isEmpty())
            entry.insert(QStringLiteral("condition"), condition);
        if (policy.contains(QStringLiteral("mostRecentVersions")))
            entry.insert(QStringLiteral("mostRecentVersions"), policy.value(QStringLiteral("mostRecentVersions")));
        file.append(entry);
    }
    return file;
}

QJsonObject GarProvider::policiesFromFile(const QJsonArray& file)
{
    QJsonObject api;
    for (const QJsonValue& value : file) {
        const QJsonObject entry = value.toObject();
        const QString id = entry.value(QStringLiteral("name")).toString();
        QJsonObject policy{{QStringLiteral("id"), id},
                           {QStringLiteral("action"), entry.value(QStringLiteral("action")).toObject().value(QStringLiteral("type")).toString().toUpper()}};
        QJsonObject condition = entry.value(QStringLiteral("condition")).toObject();
        if (condition.contains(QStringLiteral("tagState")))
            condition.insert(QStringLiteral("tagState"), condition.value(QStringLiteral("tagState")).toString().toUpper());
        for (const QString& key : {QStringLiteral("olderThan"), QStringLiteral("newerThan")}) {
            // The API takes durations in seconds ("2592000s"); the file also allows "30d".
            if (const auto seconds = condition.contains(key) ? parseDuration(condition.value(key).toString()) : std::nullopt)
                condition.insert(key, QStringLiteral("%1s").arg(*seconds));
        }
        if (!condition.isEmpty())
            policy.insert(QStringLiteral("condition"), condition);
        if (entry.contains(QStringLiteral("mostRecentVersions")))
            policy.insert(QStringLiteral("mostRecentVersions"), entry.value(QStringLiteral("mostRecentVersions")));
        api.insert(id, policy);
    }
    return api;
}

void GarProvider::registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done)
{
    done = guarded(context, std::move(done));
    const auto where = locateRepository(repository);
    if (!where) {
        done(std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("an Artifact Registry repository is PROJECT/REPOSITORY[/IMAGE]"))));
        return;
    }
    call("GET", QStringLiteral("projects/%1/locations/%2/repositories/%3").arg(where->project, location(), where->repository), {}, context,
         [done](Result<QJsonObject> read) {
        if (!read) {
            done(std::unexpected(read.error()));
            return;
        }
        const QJsonObject policies = read->value(QStringLiteral("cleanupPolicies")).toObject();
        if (policies.isEmpty()) {
            done(std::optional<RegistryPolicy>());
            return;
        }
        RegistryPolicy policy;
        policy.format = QStringLiteral("gar-cleanup");
        policy.text = QJsonDocument(policiesToFile(policies)).toJson(QJsonDocument::Indented);
        if (read->value(QStringLiteral("cleanupPolicyDryRun")).toBool())
            policy.note = QStringLiteral("dry run: the repository only reports what its cleanup policies would delete");
        done(std::optional<RegistryPolicy>(policy));
    });
}

void GarProvider::putRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const auto where = locateRepository(repository);
    const QJsonDocument file = QJsonDocument::fromJson(policy);
    if (!where || !file.isArray()) {
        done(std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("Artifact Registry takes a list of cleanup policies for PROJECT/REPOSITORY"))));
        return;
    }
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("cleanupPolicies"), policiesFromFile(file.array())}}).toJson(QJsonDocument::Compact);
    call("PATCH", QStringLiteral("projects/%1/locations/%2/repositories/%3?updateMask=cleanupPolicies").arg(where->project, location(), where->repository),
         body, context,
         [done](Result<QJsonObject> written) {
             if (!written)
                 done(std::unexpected(written.error()));
             else
                 done({});
         });
}

} // namespace berth
