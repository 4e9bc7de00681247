#include "core/providers/DockerHubProvider.h"

#include "core/base/Guarded.h"
#include "core/base/JsonTape.h"
#include "core/base/JsonTime.h"
#include "core/net/HttpClient.h"
#include "core/registry/RegistryClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QPointer>
#include <QSet>
#include <QUrlQuery>
#include <QVarLengthArray>
#include <string>
#include <unordered_map>

namespace berth {

namespace {
    const QString kHubApi = QStringLiteral("https://hub.docker.com");
    // Hub says its tokens last 10 minutes; renew a little before.
    constexpr int kTokenSeconds = 9 * 60;

    // "ns/repo" -> {ns, repo}; Hub repositories have exactly two parts.
    std::optional<std::pair<QString, QString>> splitRepository(const QString& repository)
    {
        const QStringList parts = repository.split(QLatin1Char('/'));
        if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty())
            return std::nullopt;
        return std::pair{parts[0], parts[1]};
    }

    Error badRepository(const QString& repository)
    {
        return Error::make(ErrorKind::InvalidInput,
                           QStringLiteral("\"%1\" is not a Docker Hub repository (NAMESPACE/NAME)").arg(repository));
    }

    // Hub's error bodies carry "message" or "detail" (FACTS.md H2); 429 carries Retry-After
    // (seconds; older Hub versions X-Retry-After as a Unix time, H13).
    Error hubError(const HttpResponse& response, bool sentToken)
    {
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        QString detail = body.value(QStringLiteral("message")).toString();
        if (detail.isEmpty())
            detail = body.value(QStringLiteral("detail")).toString();
        if (detail.isEmpty())
            detail = QStringLiteral("HTTP %1 from %2").arg(response.status).arg(response.url.host() + response.url.path());
        ErrorKind kind = ErrorKind::Http;
        switch (response.status) {
        case 401:
            kind = ErrorKind::Auth;
            detail = (sentToken ? QStringLiteral("Docker Hub rejected the login: ") : QStringLiteral("Docker Hub needs a login: "))
                + detail;
            break;
        case 403:
            kind = ErrorKind::Denied;
            detail = QStringLiteral("Docker Hub refused this login (a personal access token needs the repo:admin or "
                                    "repo:write scope to delete): ")
                + detail;
            break;
        case 404:
            kind = ErrorKind::NotFound;
            break;
        case 429:
            kind = ErrorKind::RateLimited;
            break;
        default:
            break;
        }
        Error error = Error::make(kind, detail, response.status);
        if (kind == ErrorKind::RateLimited) {
            bool ok = false;
            const int seconds = response.header("retry-after").trimmed().toInt(&ok);
            if (ok) {
                error.retryAfterSeconds = seconds;
            } else if (const qint64 at = response.header("x-retry-after").trimmed().toLongLong(&ok); ok) {
                error.retryAfterSeconds = int(qMax<qint64>(0, at - QDateTime::currentSecsSinceEpoch()));
            }
        }
        return error;
    }

} // namespace

// "os/arch[/variant]" of Hub's image objects. Most tags of a repository share their few
// platforms, so each name is built once and shared (Qt's strings are shared on copy).
class DockerHubProvider::PlatformNames
{
public:
    QString name(const JsonRef& os, const JsonRef& arch, const JsonRef& variant)
    {
        const QByteArrayView o = os.plainBytes(), a = arch.plainBytes(), v = variant.plainBytes();
        const bool escapedVariant = variant.isString() && v.isEmpty();
        if (o.isEmpty() || a.isEmpty() || escapedVariant)
            return spelled(os.toString(), arch.toString(), variant.toString()); // missing, empty or escaped: not kept
        std::string key;
        key.reserve(size_t(o.size() + a.size() + v.size() + 2));
        key.append(o.data(), size_t(o.size())).append(1, '/').append(a.data(), size_t(a.size()));
        if (!v.isEmpty())
            key.append(1, '/').append(v.data(), size_t(v.size()));
        auto known = m_names.find(key);
        if (known == m_names.end())
            known = m_names.emplace(key, spelled(os.toString(), arch.toString(), variant.toString())).first;
        return known->second;
    }

private:
    static QString spelled(const QString& os, const QString& arch, const QString& variant)
    {
        if (os.isEmpty() || arch.isEmpty() || os == u"unknown")
            return {};
        return os + QLatin1Char('/') + arch + (variant.isEmpty() ? QString() : QLatin1Char('/') + variant);
    }
    std::unordered_map<std::string, QString> m_names;
};

DockerHubProvider::DockerHubProvider(RegistryClient* client, QObject* parent)
    : Provider(client, parent)
    , m_base(client->endpoint().apiBase.isEmpty() ? kHubApi : client->endpoint().apiBase)
{
}

ProviderCapabilities DockerHubProvider::capabilities() const
{
    ProviderCapabilities caps;
    caps.catalog = false;
    caps.namespaces = true;
    caps.pushTimes = true;
    caps.pullTimes = true;
    caps.meteredPulls = true; // a manifest GET is a pull (FACTS.md R3); HEAD is not
    caps.deleteImage = false; // not by digest: an image goes when its last tag does
    caps.deleteTag = true;
    caps.restore = false;
    caps.deletionNote = QStringLiteral("Docker Hub removes tags, not images by digest: the image stays until Hub's own cleanup.");
    return caps;
}

QUrl DockerHubProvider::apiUrl(const QString& path) const
{
    QUrl url = m_base;
    url.setPath(m_base.path() + path);
    return url;
}

void DockerHubProvider::withToken(std::function<void(Result<QByteArray>)> next)
{
    if (!m_token.isEmpty() && QDateTime::currentDateTimeUtc() < m_tokenExpires) {
        next(m_token);
        return;
    }
    m_client->credentials([this, next = std::move(next)](std::optional<Credentials> creds) {
        if (!creds || creds->username.isEmpty() || creds->isIdentityToken) {
            next(QByteArray()); // anonymous: public repositories only
            return;
        }
        // POST /v2/auth/token {identifier, secret} -> {access_token} (FACTS.md H1).
        HttpRequest login;
        login.method = "POST";
        login.url = apiUrl(QStringLiteral("/v2/auth/token"));
        login.tls = m_client->endpoint().tls;
        login.setHeader("Content-Type", "application/json");
        login.setHeader("Accept", "application/json");
        login.body = QJsonDocument(QJsonObject{{QStringLiteral("identifier"), creds->username},
                                               {QStringLiteral("secret"), creds->secret}})
                         .toJson(QJsonDocument::Compact);
        HttpReply* reply = m_client->http()->send(login);
        connect(reply, &HttpReply::finished, this, [this, reply, next, user = creds->username] {
            reply->deleteLater();
            const auto& result = reply->result();
            if (!result) {
                next(std::unexpected(result.error()));
                return;
            }
            if (result->status != 200) {
                next(std::unexpected(hubError(*result, true)));
                return;
            }
            const QJsonObject body = QJsonDocument::fromJson(result->body).object();
            const QString token = body.value(QStringLiteral("access_token")).toString(body.value(QStringLiteral("token")).toString());
            if (token.isEmpty()) {
                next(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Docker Hub's login answer has no access_token"))));
                return;
            }
            m_token = token.toUtf8();
            m_username = user;
            m_tokenExpires = QDateTime::currentDateTimeUtc().addSecs(kTokenSeconds);
            next(m_token);
        });
    });
}

void DockerHubProvider::send(HttpRequest request, QObject* context, Done<HttpResponse> done, bool retriedLogin)
{
    done = guarded(context, std::move(done));
    withToken([this, request, context = QPointer(context), done, retriedLogin](Result<QByteArray> token) mutable {
        if (!token) {
            done(std::unexpected(token.error()));
            return;
        }
        request.setHeader("Accept", "application/json");
        // The token goes to Hub's API host only: a `next` link elsewhere was refused before this.
        const bool sent = !token->isEmpty();
        if (sent)
            request.setHeader("Authorization", "Bearer " + *token);
        auto toError = [sent](const HttpResponse& answer) { return hubError(answer, sent); };
        sendApiRequest(request, nullptr, toError, [this, request, context, done, retriedLogin, sent](Result<HttpResponse> result) {
            if (!result && result.error().httpStatus == 401 && sent && !retriedLogin) {
                // An expired or revoked token: log in again once.
                m_token.clear();
                send(request, context, done, true);
                return;
            }
            done(result);
        });
    });
}

void DockerHubProvider::fetchPage(const QUrl& url, QObject* context, Done<HubPage> done)
{
    HttpRequest request;
    request.url = url;
    send(request, context, [url, done = std::move(done)](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        const auto tape = JsonTape::parse(response->body);
        const JsonRef page = tape ? (*tape)->root() : JsonRef();
        const JsonRef results = page.value(QLatin1StringView("results"));
        const JsonRef count = page.value(QLatin1StringView("count"));
        if (!results.isArray() || !count.isNumber()) {
            done(std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("Docker Hub's page %1 is not a list of results").arg(url.toString()))));
            return;
        }
        done(HubPage{*tape, results, count.toInteger(), page.value(QLatin1StringView("next")).toString()});
    });
}

namespace {
    Error miscount(qint64 count, qint64 rows)
    {
        // A page that holds more than Hub's own count, or a count that changes while paging, is a
        // broken answer: say so rather than show a list that may be cut short or doubled.
        return Error::make(ErrorKind::Protocol, QStringLiteral("Docker Hub's count (%1) disagrees with its pages (%2 rows); try again")
                                                    .arg(count)
                                                    .arg(rows));
    }
} // namespace

void DockerHubProvider::getPages(QUrl url, QObject* context, ItemCallback onPage, Done<void> done)
{
    QElapsedTimer firstAnswer;
    firstAnswer.start();
    fetchPage(url, context, [this, url, firstAnswer, context = QPointer(context), onPage, done](Result<HubPage> first) {
        if (!first) {
            done(std::unexpected(first.error()));
            return;
        }
        if (first->results.size() > first->count) {
            done(std::unexpected(miscount(first->count, first->results.size())));
            return;
        }
        onPage(first->results, first->count);
        if (first->next.isEmpty()) {
            done(first->results.size() == first->count ? Result<void>() : Result<void>(std::unexpected(miscount(first->count, first->results.size()))));
            return;
        }
        const QUrl next = url.resolved(QUrl(first->next));
        // The bearer token must not follow a link to another host.
        if (!sameOrigin(next, m_base)) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Docker Hub's next page points to another host (%1); not followed")
                                                                      .arg(next.host()))));
            return;
        }
        if (first->results.size() == 0) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Docker Hub sent an empty page with a next link"))));
            return;
        }
        // Hub numbers its pages (page=2 follows page 1): with the count known, the remaining pages
        // are asked for a few at a time instead of one after the other. A next link of another
        // shape is followed as it comes.
        const QUrlQuery nextQuery(next);
        if (nextQuery.queryItemValue(QStringLiteral("page")) != u"2" || next.path() != url.path()) {
            getPagesInTurn(next, first->count, first->results.size(), {url.toString()}, context, onPage, done);
            return;
        }
        const qint64 pageSize = first->results.size();
        const qint64 pages = (first->count + pageSize - 1) / pageSize;
        if (pages > kMaxPages) {
            done(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("Docker Hub reports %1 pages; Berth reads at most %2")
                                                                         .arg(pages)
                                                                         .arg(kMaxPages))));
            return;
        }
        auto state = std::make_shared<PagedRead>();
        state->base = next;
        state->count = first->count;
        state->pages = int(pages);
        state->rows = first->results.size();
        state->arrived.resize(size_t(pages) + 1);
        state->onPage = onPage;
        state->done = done;
        state->context = context;
        const int inFlight = firstAnswer.elapsed() < kNearbyAnswerMs ? kPagesInFlightNearby : kPagesInFlight;
        for (int i = 0; i < inFlight && state->launched < state->pages; ++i)
            launchPage(state);
    });
}

void DockerHubProvider::launchPage(std::shared_ptr<PagedRead> state)
{
    const int page = ++state->launched;
    QUrl url = state->base;
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("page"));
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    url.setQuery(query);
    fetchPage(url, state->context, [this, state, page](Result<HubPage> answer) {
        if (state->finished)
            return;
        if (!answer || answer->count != state->count || (page < state->pages && answer->next.isEmpty())) {
            state->finished = true;
            state->done(std::unexpected(answer ? miscount(answer->count, state->rows) : answer.error()));
            return;
        }
        state->arrived[size_t(page)] = *answer;
        // Pages go to the caller in order, as they would one after the other.
        while (state->delivered < state->pages && state->arrived[size_t(state->delivered + 1)]) {
            ++state->delivered;
            const HubPage arrived = *std::exchange(state->arrived[size_t(state->delivered)], std::nullopt);
            const JsonRef results = arrived.results;
            state->rows += results.size();
            if (state->rows > state->count) {
                state->finished = true;
                state->done(std::unexpected(miscount(state->count, state->rows)));
                return;
            }
            state->onPage(results, state->count);
        }
        if (state->delivered == state->pages) {
            state->finished = true;
            state->done(state->rows == state->count ? Result<void>() : Result<void>(std::unexpected(miscount(state->count, state->rows))));
            return;
        }
        if (state->launched < state->pages)
            launchPage(state);
    });
}

void DockerHubProvider::getPagesInTurn(QUrl url, qint64 count, qint64 rows, QSet<QString> seen, QObject* context, ItemCallback onPage,
                                       Done<void> done)
{
    if (seen.contains(url.toString())) {
        done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Docker Hub's pages never end: %1 came back").arg(url.toString()))));
        return;
    }
    seen.insert(url.toString());
    fetchPage(url, context, [this, url, count, rows, seen, context = QPointer(context), onPage, done](Result<HubPage> page) {
        if (!page) {
            done(std::unexpected(page.error()));
            return;
        }
        const qint64 now = rows + page->results.size();
        if (page->count != count || now > count) {
            done(std::unexpected(miscount(page->count, now)));
            return;
        }
        onPage(page->results, count);
        if (page->next.isEmpty()) {
            done(now == count ? Result<void>() : Result<void>(std::unexpected(miscount(count, now))));
            return;
        }
        const QUrl next = url.resolved(QUrl(page->next));
        if (!sameOrigin(next, m_base) || page->results.size() == 0) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Docker Hub's next page is not one Berth follows (%1)")
                                                                      .arg(next.toString()))));
            return;
        }
        getPagesInTurn(next, count, now, seen, context, onPage, done);
    });
}

void DockerHubProvider::listNamespaces(QObject* context, Done<QStringList> done)
{
    done = guarded(context, std::move(done));
    // Hub's API lists no organisations for a token: the login's own namespace and those the user named.
    withToken([this, done](Result<QByteArray> token) {
        QStringList namespaces;
        if (token && !m_username.isEmpty())
            namespaces << m_username.toLower();
        for (const QString& ns : m_client->endpoint().namespaces) {
            if (!namespaces.contains(ns))
                namespaces << ns;
        }
        if (!token && namespaces.isEmpty()) {
            done(std::unexpected(token.error()));
            return;
        }
        if (namespaces.isEmpty()) {
            done(std::unexpected(Error::make(ErrorKind::InvalidInput,
                                             QStringLiteral("Docker Hub lists repositories per namespace and has no catalog: name one "
                                                            "(docker.io/NAMESPACE), or log in to list your own"))));
            return;
        }
        done(namespaces);
    });
}

void DockerHubProvider::listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    done = guarded(context, std::move(done));
    if (ns.isEmpty()) {
        listEveryNamespace(context, done, onPage); // all namespaces the login sees
        return;
    }
    if (ns.contains(QLatin1Char('/')) || ns.isEmpty()) {
        done(std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("\"%1\" is not a Docker Hub namespace").arg(ns))));
        return;
    }
    QUrl url = apiUrl(QStringLiteral("/v2/namespaces/%1/repositories").arg(ns));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page_size"), QString::number(kPageSize));
    query.addQueryItem(QStringLiteral("ordering"), QStringLiteral("name"));
    url.setQuery(query);
    auto names = std::make_shared<QStringList>();
    getPages(url, context, [ns, names, onPage](const JsonRef& results, qint64) {
        QStringList page;
        for (const JsonRef repo : results) {
            const QString name = repo.value(QLatin1StringView("name")).toString();
            const QString owner = repo.value(QLatin1StringView("namespace")).toString(ns);
            if (!name.isEmpty())
                page << owner + QLatin1Char('/') + name;
        }
        *names << page;
        if (onPage)
            onPage(page);
    }, [names, done](Result<void> finished) {
        if (!finished)
            done(std::unexpected(finished.error()));
        else
            done(*names);
    });
}

ProviderTag DockerHubProvider::tagFromJson(const JsonRef& item)
{
    PlatformNames platforms;
    return tagFromJson(item, platforms);
}

ProviderTag DockerHubProvider::tagFromJson(const JsonRef& item, PlatformNames& platformNames)
{
    // One pass over the item's members for the fields Berth reads (a Hub tag has about sixteen).
    const auto [name, digest, lastPushed, lastUpdated, lastPulled, fullSize, images]
        = item.values<7>({QLatin1StringView("name"), QLatin1StringView("digest"), QLatin1StringView("tag_last_pushed"),
                          QLatin1StringView("last_updated"), QLatin1StringView("tag_last_pulled"), QLatin1StringView("full_size"),
                          QLatin1StringView("images")});
    ProviderTag tag;
    tag.name = name.toString();
    tag.digest = digest.toString();
    tag.pushed = jsonTime(lastPushed);
    if (!tag.pushed.isValid())
        tag.pushed = jsonTime(lastUpdated);
    tag.pulled = jsonTime(lastPulled);
    tag.size = fullSize.toInteger(-1);
    // The description says one image object; Hub serves an array (FACTS.md H10a). Take both.
    QVarLengthArray<JsonRef, 8> list;
    if (images.isArray()) {
        for (const JsonRef image : images)
            list << image;
    } else {
        list << images;
    }
    for (const JsonRef& image : std::as_const(list)) {
        const auto [os, arch, variant] = image.values<3>({QLatin1StringView("os"), QLatin1StringView("architecture"), QLatin1StringView("variant")});
        if (const QString platform = platformNames.name(os, arch, variant); !platform.isEmpty())
            tag.platforms << platform;
    }
    // An image pushed without an index has no tag-level digest in some answers: its one image's is the tag's.
    if (tag.digest.isEmpty() && list.size() == 1)
        tag.digest = list.first().value(QLatin1StringView("digest")).toString();
    return tag;
}

void DockerHubProvider::listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done)
{
    auto tags = std::make_shared<QList<ProviderTag>>();
    listTagsInPages(repository, context, [tags](QList<ProviderTag> page, qint64 total) {
        makeListingRoom(*tags, total, page.size());
        *tags << std::move(page);
    },
                    [tags, done = std::move(done)](Result<void> finished) {
                        if (!finished)
                            done(std::unexpected(finished.error()));
                        else
                            done(std::move(*tags));
                    });
}

void DockerHubProvider::listTagsInPages(const QString& repository, QObject* context, TagPageCallback onPage, Done<void> done)
{
    done = guarded(context, std::move(done));
    onPage = guarded(context, std::move(onPage));
    const auto parts = splitRepository(repository);
    if (!parts) {
        done(std::unexpected(badRepository(repository)));
        return;
    }
    QUrl url = apiUrl(QStringLiteral("/v2/namespaces/%1/repositories/%2/tags").arg(parts->first, parts->second));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page_size"), QString::number(kPageSize));
    url.setQuery(query);
    auto platformNames = std::make_shared<PlatformNames>();
    getPages(url, context, [onPage = std::move(onPage), platformNames](const JsonRef& results, qint64 count) {
        QList<ProviderTag> page;
        page.reserve(results.size());
        for (const JsonRef item : results) {
            ProviderTag tag = tagFromJson(item, *platformNames);
            if (!tag.name.isEmpty())
                page << std::move(tag);
        }
        onPage(std::move(page), count);
    }, done);
}

void DockerHubProvider::deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done)
{
    done = guarded(context, std::move(done));
    const auto parts = splitRepository(repository);
    if (!parts) {
        done(std::unexpected(badRepository(repository)));
        return;
    }
    // The digest first, for the audit log and undo; then Hub's tag DELETE (FACTS.md H11).
    m_client->headManifest(repository, tag, context, [this, parts = *parts, tag, context = QPointer(context), done](Result<ManifestHead> head) {
        if (!head) {
            done(std::unexpected(head.error()));
            return;
        }
        withToken([this, parts, tag, context, done, digest = head->digest](Result<QByteArray> token) {
            if (!token || token->isEmpty()) {
                done(std::unexpected(token ? Error::make(ErrorKind::Auth, QStringLiteral("deleting on Docker Hub needs a login "
                                                                                          "(berthctl login docker.io, or docker login)"))
                                           : token.error()));
                return;
            }
            HttpRequest request;
            request.method = "DELETE";
            request.url = apiUrl(QStringLiteral("/v2/repositories/%1/%2/tags/%3/").arg(parts.first, parts.second, tag));
            send(request, context, [done, digest](Result<HttpResponse> response) {
                if (!response)
                    done(std::unexpected(response.error()));
                else
                    done(digest);
            });
        });
    });
}

void DockerHubProvider::checkDelete(const QString& repository, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    if (!splitRepository(repository)) {
        done(std::unexpected(badRepository(repository)));
        return;
    }
    // Hub's API says nothing of a token's scopes before it is used: a login is what can be checked.
    withToken([done](Result<QByteArray> token) {
        if (!token)
            done(std::unexpected(token.error()));
        else if (token->isEmpty())
            done(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("deleting on Docker Hub needs a login "
                                                                             "(berthctl login docker.io, or docker login)"))));
        else
            done({});
    });
}

void DockerHubProvider::checkApiLogin(QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    withToken([done](Result<QByteArray> token) {
        if (!token)
            done(std::unexpected(token.error()));
        else
            done({});
    });
}

void DockerHubProvider::deleteImage(const QString& repository, const QString& digest, const QStringList& tags, QObject* context,
                                    Done<void> done)
{
    done = guarded(context, std::move(done));
    if (tags.isEmpty()) {
        done(std::unexpected(Error::make(ErrorKind::Unsupported,
                                         QStringLiteral("Docker Hub deletes tags, not images by digest: the untagged image %1 goes "
                                                        "with Hub's own cleanup")
                                             .arg(digest),
                                         405, QStringLiteral("UNSUPPORTED"))));
        return;
    }
    // Every tag the plan saw on the image, one after the other; the image goes with its last tag.
    deleteEachTag(repository, tags, context, done);
}

void DockerHubProvider::deleteEachTag(const QString& repository, QStringList left, QObject* context, Done<void> done)
{
    if (left.isEmpty()) {
        done({});
        return;
    }
    const QString tag = left.takeFirst();
    deleteTag(repository, tag, context, [this, repository, left, context = QPointer(context), done](Result<QString> removed) {
        if (!removed)
            done(std::unexpected(removed.error()));
        else
            deleteEachTag(repository, left, context, done);
    });
}

} // namespace berth
