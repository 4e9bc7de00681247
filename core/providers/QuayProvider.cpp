#include "core/providers/QuayProvider.h"

#include "core/base/Guarded.h"
#include "core/base/Numbers.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QTimeZone>
#include <QUrlQuery>
#include <cmath>

namespace berth {

namespace {
    constexpr int kTagPageLimit = 100; // Quay's maximum `limit`
    constexpr int kMaxTagPages = 10000; // a million history rows: past that, the server loops

    std::optional<std::pair<QString, QString>> splitRepository(const QString& repository)
    {
        const qsizetype slash = repository.indexOf(QLatin1Char('/'));
        if (slash <= 0 || slash == repository.size() - 1)
            return std::nullopt;
        return std::pair{repository.left(slash), repository.mid(slash + 1)};
    }

    Error badRepository(const QString& repository)
    {
        return Error::make(ErrorKind::InvalidInput, QStringLiteral("\"%1\" is not a Quay repository (NAMESPACE/NAME)").arg(repository));
    }

    Error quayError(const HttpResponse& response)
    {
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        QString detail = body.value(QStringLiteral("detail")).toString(body.value(QStringLiteral("message")).toString(body.value(QStringLiteral("error_message")).toString()));
        if (detail.isEmpty())
            detail = QStringLiteral("HTTP %1 from %2").arg(response.status).arg(response.url.host() + response.url.path());
        switch (response.status) {
        case 401:
            return Error::make(ErrorKind::Auth, QStringLiteral("Quay rejected the token: ") + detail, 401);
        case 403:
            return Error::make(ErrorKind::Denied, QStringLiteral("Quay refused (the token needs the repo:write or repo:admin scope): ") + detail, 403);
        case 404:
            return Error::make(ErrorKind::NotFound, detail, 404);
        case 429:
            return Error::make(ErrorKind::RateLimited, detail, 429);
        default:
            return Error::make(ErrorKind::Http, detail, response.status);
        }
    }

    QDateTime fromUnix(const QJsonValue& value)
    {
        return value.isDouble() ? fromEpochSeconds(std::trunc(value.toDouble())) : QDateTime();
    }
} // namespace

QuayProvider::QuayProvider(RegistryClient* client, QObject* parent)
    : Provider(client, parent)
    , m_base(client->endpoint().apiBase.isEmpty() ? QStringLiteral("https://") + client->endpoint().apiHost : client->endpoint().apiBase)
{
}

ProviderCapabilities QuayProvider::capabilities() const
{
    ProviderCapabilities caps;
    caps.catalog = true; // the repositories the login can see
    caps.namespaces = true;
    caps.pushTimes = true;
    caps.pullTimes = false; // per tag through pull_statistics only, one request each
    caps.deleteImage = true; // by digest in its registry API, with every tag on it (FACTS.md Q2)
    caps.deleteTag = true;
    caps.restore = true; // within the namespace's time-machine window
    caps.tagHistory = true;
    caps.registryPolicy = true; // auto-prune policies, read only
    caps.deletionNote = QStringLiteral("Quay moves deleted tags into its time machine: they can be restored until the "
                                       "namespace's expiration window passes.");
    return caps;
}

QUrl QuayProvider::apiUrl(const QString& path) const
{
    return QUrl(m_base.toString() + QStringLiteral("/api/v1") + path);
}

void QuayProvider::send(HttpRequest request, QObject* context, Done<HttpResponse> done)
{
    done = guarded(context, std::move(done));
    m_client->credentials([this, request, done](std::optional<Credentials> creds) mutable {
        // The API takes OAuth tokens, not registry passwords: "$oauthtoken" logins carry one.
        QString token = qEnvironmentVariable("QUAY_OAUTH_TOKEN");
        if (creds && creds->username == u"$oauthtoken")
            token = creds->secret;
        request.setHeader("Accept", "application/json");
        if (!token.isEmpty())
            request.setHeader("Authorization", "Bearer " + token.toUtf8());
        sendApiRequest(request, nullptr, quayError, done);
    });
}

void QuayProvider::listNamespaces(QObject* context, Done<QStringList> done)
{
    done = guarded(context, std::move(done));
    QStringList namespaces;
    for (const QString& ns : m_client->endpoint().namespaces)
        namespaces << ns;
    m_client->credentials([namespaces, done](std::optional<Credentials> creds) mutable {
        // A robot logs in as "namespace+robot": its namespace is the one it serves.
        if (creds && !creds->username.isEmpty() && creds->username != u"$oauthtoken") {
            const QString own = creds->username.section(QLatin1Char('+'), 0, 0);
            if (!namespaces.contains(own))
                namespaces.prepend(own);
        }
        done(namespaces);
    });
}

void QuayProvider::listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    if (ns.isEmpty()) {
        // Quay has a catalog of what the login sees.
        Provider::listRepositories(ns, context, std::move(done), std::move(onPage));
        return;
    }
    repositoryPages(ns, {}, {}, std::make_shared<QStringList>(), context, guarded(context, std::move(done)), std::move(onPage));
}

void QuayProvider::repositoryPages(const QString& ns, const QString& nextPage, QSet<QString> seen, std::shared_ptr<QStringList> names,
                                   QObject* context, Done<QStringList> done, PageCallback onPage)
{
    // GET /repository?namespace=NS[&next_page=TOKEN] until next_page is absent (FACTS.md Q3).
    QUrl url = apiUrl(QStringLiteral("/repository"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("namespace"), ns);
    query.addQueryItem(QStringLiteral("last_modified"), QStringLiteral("true"));
    if (!nextPage.isEmpty())
        query.addQueryItem(QStringLiteral("next_page"), nextPage);
    url.setQuery(query);
    HttpRequest request;
    request.url = url;
    send(request, context, [this, ns, seen, names, context = QPointer(context), done, onPage](Result<HttpResponse> response) mutable {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        const auto page = readRepositoryPage(response->body, ns);
        if (!page) {
            done(std::unexpected(page.error()));
            return;
        }
        *names << page->repositories;
        if (onPage)
            onPage(page->repositories);
        const QString next = page->nextPage;
        if (next.isEmpty()) {
            done(*names);
            return;
        }
        if (seen.contains(next) || page->repositories.isEmpty()) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Quay's repository pages never end"))));
            return;
        }
        seen.insert(next);
        repositoryPages(ns, next, seen, names, context, done, onPage);
    });
}

Result<QuayProvider::RepositoryPage> QuayProvider::readRepositoryPage(const QByteArray& body, const QString& ns)
{
    const QJsonObject page = QJsonDocument::fromJson(body).object();
    if (!page.value(QStringLiteral("repositories")).isArray())
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("Quay's repository list is not a list")));
    RepositoryPage read;
    for (const QJsonValue& v : page.value(QStringLiteral("repositories")).toArray()) {
        const QJsonObject repo = v.toObject();
        const QString name = repo.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            read.repositories << repo.value(QStringLiteral("namespace")).toString(ns) + QLatin1Char('/') + name;
    }
    read.nextPage = page.value(QStringLiteral("next_page")).toString();
    return read;
}

Result<QuayProvider::TagPage> QuayProvider::readTagPage(const QByteArray& body)
{
    const QJsonObject page = QJsonDocument::fromJson(body).object();
    if (!page.value(QStringLiteral("tags")).isArray())
        return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("Quay's tag list is not a list")));
    TagPage read;
    const QJsonArray items = page.value(QStringLiteral("tags")).toArray();
    read.items = int(items.size());
    for (const QJsonValue& v : items) {
        if (const auto row = tagRowFromJson(v.toObject()))
            read.rows << *row;
    }
    read.hasAdditional = page.value(QStringLiteral("has_additional")).toBool();
    return read;
}

std::optional<QuayProvider::TagRow> QuayProvider::tagRowFromJson(const QJsonObject& item)
{
    TagRow row;
    row.name = item.value(QStringLiteral("name")).toString();
    row.digest = item.value(QStringLiteral("manifest_digest")).toString();
    row.start = fromUnix(item.value(QStringLiteral("start_ts")));
    const QDateTime end = fromUnix(item.value(QStringLiteral("end_ts")));
    // An end in the future is an expiration that has not come: the tag still points there.
    row.end = end.isValid() && end <= QDateTime::currentDateTimeUtc() ? end : QDateTime();
    row.size = item.value(QStringLiteral("size")).toInteger(-1);
    if (row.name.isEmpty() || !row.digest.contains(QLatin1Char(':')) || !row.start.isValid())
        return std::nullopt;
    return row;
}

void QuayProvider::tagPages(const QString& repository, const QString& tag, int page, std::shared_ptr<QList<TagRow>> rows, QObject* context,
                            Done<QList<TagRow>> done)
{
    if (page > kMaxTagPages) {
        done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Quay's tag pages never end"))));
        return;
    }
    // Page-number paging, every row dead or alive, until has_additional is false (FACTS.md Q5).
    QUrl url = apiUrl(QStringLiteral("/repository/%1/tag/").arg(repository));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("limit"), QString::number(kTagPageLimit));
    query.addQueryItem(QStringLiteral("onlyActiveTags"), QStringLiteral("false"));
    if (!tag.isEmpty())
        query.addQueryItem(QStringLiteral("specificTag"), tag);
    url.setQuery(query);
    HttpRequest request;
    request.url = url;
    send(request, context, [this, repository, tag, page, rows, context = QPointer(context), done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        const auto read = readTagPage(response->body);
        if (!read) {
            done(std::unexpected(read.error()));
            return;
        }
        *rows << read->rows;
        if (!read->hasAdditional) {
            done(*rows);
            return;
        }
        if (read->items == 0) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Quay sent an empty tag page with more to come"))));
            return;
        }
        tagPages(repository, tag, page + 1, rows, context, done);
    });
}

void QuayProvider::listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done)
{
    done = guarded(context, std::move(done));
    if (!splitRepository(repository)) {
        done(std::unexpected(badRepository(repository)));
        return;
    }
    tagPages(repository, {}, 1, std::make_shared<QList<TagRow>>(), context, [done](Result<QList<TagRow>> rows) {
        if (!rows) {
            done(std::unexpected(rows.error()));
            return;
        }
        QList<ProviderTag> tags;
        for (const TagRow& row : std::as_const(*rows)) {
            if (!row.end.isValid()) // the live rows are the tags as they are now
                tags << ProviderTag{row.name, row.digest, row.start, {}, row.size, {}};
        }
        sortByName(tags);
        done(tags);
    });
}

void QuayProvider::tagHistory(const QString& repository, const QString& tag, QObject* context, Done<QList<TagObservation>> done)
{
    done = guarded(context, std::move(done));
    if (!splitRepository(repository)) {
        done(std::unexpected(badRepository(repository)));
        return;
    }
    tagPages(repository, tag, 1, std::make_shared<QList<TagRow>>(), context,
             [this, repository, tag, done](Result<QList<TagRow>> rows) {
                 if (!rows) {
                     done(std::unexpected(rows.error()));
                     return;
                 }
                 QList<TagObservation> history;
                 const QDateTime now = QDateTime::currentDateTimeUtc();
                 for (const TagRow& row : std::as_const(*rows)) {
                     if (tag.isEmpty() || row.name == tag)
                         history << TagObservation{m_client->endpoint().name, repository, row.name, row.digest, {}, row.start,
                                                   row.end.isValid() ? row.end : now};
                 }
                 // Oldest first per tag, as the observation log gives it.
                 std::sort(history.begin(), history.end(), [](const TagObservation& a, const TagObservation& b) {
                     return a.tag != b.tag ? a.tag < b.tag : a.firstSeen < b.firstSeen;
                 });
                 done(history);
             });
}

void QuayProvider::deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done)
{
    done = guarded(context, std::move(done));
    m_client->headManifest(repository, tag, context, [this, repository, tag, context = QPointer(context), done](Result<ManifestHead> head) {
        if (!head) {
            done(std::unexpected(head.error()));
            return;
        }
        HttpRequest request;
        request.method = "DELETE";
        request.url = apiUrl(QStringLiteral("/repository/%1/tag/%2").arg(repository, tag));
        send(request, context, [done, digest = head->digest](Result<HttpResponse> response) {
            if (!response)
                done(std::unexpected(response.error()));
            else
                done(digest);
        });
    });
}

void QuayProvider::restoreImage(const QString& repository, const QString& digest, const QString& tag, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    HttpRequest request;
    request.method = "POST";
    request.url = apiUrl(QStringLiteral("/repository/%1/tag/%2/restore").arg(repository, tag));
    request.setHeader("Content-Type", "application/json");
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("manifest_digest"), digest}}).toJson(QJsonDocument::Compact);
    send(request, context, [done](Result<HttpResponse> response) {
        if (!response)
            done(std::unexpected(response.error()));
        else
            done({});
    });
}

void QuayProvider::checkDelete(const QString& repository, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const auto parts = splitRepository(repository);
    if (!parts) {
        done(std::unexpected(badRepository(repository)));
        return;
    }
    // The repository's can_write / can_admin say what this token may do (FACTS.md Q4).
    HttpRequest request;
    request.url = apiUrl(QStringLiteral("/repository/%1?includeTags=false").arg(repository));
    send(request, context, [done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        const QJsonObject repo = QJsonDocument::fromJson(response->body).object();
        if (!repo.value(QStringLiteral("can_write")).toBool() && !repo.value(QStringLiteral("can_admin")).toBool())
            done(std::unexpected(Error::make(ErrorKind::Denied, QStringLiteral("this Quay login may not write to the repository "
                                                                               "(an OAuth token with repo:write is needed to delete tags)"),
                                             403)));
        else
            done({});
    });
}

void QuayProvider::autoPrunePolicies(const QString& repository, QObject* context, Done<QByteArray> done)
{
    done = guarded(context, std::move(done));
    HttpRequest request;
    request.url = apiUrl(QStringLiteral("/repository/%1/autoprunepolicy/").arg(repository));
    send(request, context, [done](Result<HttpResponse> response) {
        if (!response)
            done(std::unexpected(response.error()));
        else
            done(response->body);
    });
}

void QuayProvider::registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done)
{
    autoPrunePolicies(repository, context, [done](Result<QByteArray> json) {
        if (!json)
            done(std::unexpected(json.error()));
        else
            done(std::optional<RegistryPolicy>(RegistryPolicy{QStringLiteral("quay-auto-prune"), *json, {}, {}}));
    });
}

} // namespace berth
