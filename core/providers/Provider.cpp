#include "core/providers/Provider.h"

#include "core/base/Guarded.h"
#include "core/net/HttpClient.h"
#include "core/net/RegistryEndpoint.h"
#include "core/providers/DockerHubProvider.h"
#include "core/providers/EcrApi.h"
#include "core/providers/EcrProvider.h"
#include "core/providers/GhcrProvider.h"
#include "core/providers/HarborApi.h"
#include "core/providers/GarProvider.h"
#include "core/providers/HarborProvider.h"
#include "core/providers/QuayProvider.h"
#include "core/registry/Digest.h"
#include "core/registry/RegistryClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QUuid>
#include <algorithm>
#include <numeric>
#include <vector>

namespace berth {

namespace {
    struct KindNames
    {
        ProviderKind kind;
        const char* name;
        const char* display;
    };
    constexpr KindNames kKinds[] = {
        {ProviderKind::Oci, "oci", "OCI registry"},       {ProviderKind::DockerHub, "dockerhub", "Docker Hub"},
        {ProviderKind::Ghcr, "ghcr", "GitHub Container Registry"}, {ProviderKind::Quay, "quay", "Quay"},
        {ProviderKind::Harbor, "harbor", "Harbor"},       {ProviderKind::Ecr, "ecr", "Amazon ECR"},
        {ProviderKind::ArtifactRegistry, "gar", "Artifact Registry"},
    };
} // namespace

QString providerKindName(ProviderKind kind)
{
    for (const auto& k : kKinds) {
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    }
    return QStringLiteral("oci");
}

QString providerDisplayName(ProviderKind kind)
{
    for (const auto& k : kKinds) {
        if (k.kind == kind)
            return QString::fromLatin1(k.display);
    }
    return QStringLiteral("OCI registry");
}

std::optional<ProviderKind> providerKindFromName(const QString& name)
{
    for (const auto& k : kKinds) {
        if (name.compare(QLatin1String(k.name), Qt::CaseInsensitive) == 0)
            return k.kind;
    }
    return std::nullopt;
}

ProviderKind providerKindFor(const RegistryEndpoint& endpoint)
{
    if (!endpoint.provider.isEmpty()) {
        if (const auto chosen = providerKindFromName(endpoint.provider))
            return *chosen;
    }
    const QString host = endpoint.name.section(QLatin1Char(':'), 0, 0);
    if (endpoint.name == u"docker.io")
        return ProviderKind::DockerHub;
    if (host == u"ghcr.io")
        return ProviderKind::Ghcr;
    if (host == u"quay.io")
        return ProviderKind::Quay;
    if (EcrRegistry::fromHost(endpoint.apiHost))
        return ProviderKind::Ecr;
    if (host.endsWith(QLatin1String("-docker.pkg.dev")) || GarProvider::gcrLocation(host))
        return ProviderKind::ArtifactRegistry;
    return ProviderKind::Oci;
}

void detectProviderKind(RegistryClient* client, QObject* context, std::function<void(ProviderKind)> done)
{
    done = guarded(context, std::move(done));
    const RegistryEndpoint& endpoint = client->endpoint();
    const ProviderKind known = providerKindFor(endpoint);
    if (!endpoint.provider.isEmpty() || known != ProviderKind::Oci) {
        done(known);
        return;
    }
    HttpRequest request;
    request.url = QUrl(QStringLiteral("%1://%2/api/v1/discovery")
                           .arg(endpoint.scheme == RegistryEndpoint::Scheme::Http ? QStringLiteral("http") : QStringLiteral("https"),
                                endpoint.apiHost));
    request.tls = endpoint.tls;
    request.maxRetries = 0;
    request.maxBodyBytes = 8 * 1024 * 1024;
    HttpReply* reply = client->http()->send(request);
    QObject::connect(reply, &HttpReply::finished, reply, [client, reply, done] {
        reply->deleteLater();
        const auto& answer = reply->result();
        const QJsonObject info = answer && answer->status == 200 ? QJsonDocument::fromJson(answer->body).object().value(QStringLiteral("info")).toObject()
                                                                 : QJsonObject();
        if (info.value(QStringLiteral("title")).toString().contains(QLatin1String("Quay"))) {
            done(ProviderKind::Quay);
            return;
        }
        // Harbor answers /api/v2.0/systeminfo without a login.
        auto* harbor = new HarborApi(client, client);
        harbor->probe(nullptr, [harbor, done](bool isHarbor) {
            harbor->deleteLater();
            done(isHarbor ? ProviderKind::Harbor : ProviderKind::Oci);
        });
    });
}

bool countsPulls(const RegistryEndpoint& endpoint)
{
    return providerKindFor(endpoint) == ProviderKind::DockerHub;
}

void sortByName(QList<ProviderTag>& tags)
{
    // Positions are sorted and each tag moved once: swapping whole tags at every step of the sort
    // showed in the profile of a 10,000-tag listing.
    std::vector<qsizetype> order(size_t(tags.size()));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&tags](qsizetype a, qsizetype b) { return tags.at(a).name < tags.at(b).name; });
    QList<ProviderTag> sorted;
    sorted.reserve(tags.size());
    for (const qsizetype i : order)
        sorted.append(std::move(tags[i]));
    tags = std::move(sorted);
}

Provider::Provider(RegistryClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
}

ProviderCapabilities Provider::capabilities() const
{
    ProviderCapabilities caps;
    caps.deletionNote = QStringLiteral("The registry deletes the manifest; its layers stay until the registry's garbage collection runs.");
    return caps;
}

void Provider::listNamespaces(QObject* context, Done<QStringList> done)
{
    guarded(context, std::move(done))(QStringList{});
}

void Provider::listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    if (ns.isEmpty()) {
        m_client->listRepositories(context, std::move(done), std::move(onPage));
        return;
    }
    // The catalog holds every namespace; keep the asked one's repositories.
    const QString prefix = ns + QLatin1Char('/');
    auto keep = [prefix](const QStringList& names) {
        QStringList kept;
        for (const QString& n : names) {
            if (n.startsWith(prefix))
                kept << n;
        }
        return kept;
    };
    m_client->listRepositories(
        context, [keep, done = std::move(done)](Result<QStringList> all) { done(all ? Result<QStringList>(keep(*all)) : all); },
        onPage ? PageCallback([keep, onPage](const QStringList& page) { onPage(keep(page)); }) : PageCallback{});
}

void Provider::listEveryNamespace(QObject* context, Done<QStringList> done, PageCallback onPage)
{
    done = guarded(context, std::move(done));
    listNamespaces(context, [this, context = QPointer(context), done, onPage](Result<QStringList> namespaces) {
        if (!namespaces)
            done(std::unexpected(namespaces.error()));
        else
            listNamespacesInTurn(*namespaces, {}, context, done, onPage);
    });
}

void Provider::listNamespacesInTurn(QStringList left, QStringList collected, QObject* context, Done<QStringList> done,
                                    PageCallback onPage)
{
    if (left.isEmpty()) {
        done(collected);
        return;
    }
    const QString ns = left.takeFirst();
    listRepositories(ns, context, [this, left, collected, context = QPointer(context), done, onPage](Result<QStringList> repos) mutable {
        if (!repos) {
            done(std::unexpected(repos.error()));
            return;
        }
        listNamespacesInTurn(left, collected + *repos, context, done, onPage);
    }, onPage);
}

bool Provider::sameOrigin(const QUrl& link, const QUrl& base)
{
    return link.scheme() == base.scheme() && link.host() == base.host() && link.port() == base.port();
}

void Provider::listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done)
{
    m_client->listTags(repository, context, [done = std::move(done)](Result<QStringList> names) {
        if (!names) {
            done(std::unexpected(names.error()));
            return;
        }
        QList<ProviderTag> tags;
        for (const QString& name : std::as_const(*names))
            tags << ProviderTag{name, {}, {}, {}, -1, {}};
        done(tags);
    });
}

void Provider::listTagsInPages(const QString& repository, QObject* context, TagPageCallback onPage, Done<void> done)
{
    listTags(repository, context, [onPage = std::move(onPage), done = std::move(done)](Result<QList<ProviderTag>> tags) {
        if (!tags) {
            done(std::unexpected(tags.error()));
            return;
        }
        const qint64 total = tags->size();
        onPage(std::move(*tags), total);
        done({});
    });
}

void Provider::pushTimes(const QString& repository, QObject* context, Done<PushTimes> done)
{
    done = guarded(context, std::move(done));
    // A registry taken as plain may be a Harbor that was not recognised (added without the registry
    // dialog's check, which probes for it): Harbor's API lists every artifact with its push time.
    auto* harbor = new HarborApi(m_client, this);
    harbor->probe(nullptr, [harbor, repository, done](bool isHarbor) {
        if (!isHarbor) {
            harbor->deleteLater();
            done(PushTimes{});
            return;
        }
        harbor->pushTimes(repository, nullptr, [harbor, done](Result<PushTimes> times) {
            harbor->deleteLater();
            done(std::move(times));
        });
    });
}

void Provider::scanReport(const QString& repository, const QString& digest, QObject* context, Done<std::optional<VulnerabilityReport>> done)
{
    done = guarded(context, std::move(done));
    if (kind() != ProviderKind::Oci) {
        done(std::optional<VulnerabilityReport>{}); // the families of their own say so themselves
        return;
    }
    // A plain registry may be a Harbor, which keeps its own scans (see pushTimes).
    auto* harbor = new HarborApi(m_client, this);
    harbor->probe(nullptr, [harbor, repository, digest, done](bool isHarbor) {
        if (!isHarbor) {
            harbor->deleteLater();
            done(std::optional<VulnerabilityReport>{});
            return;
        }
        harbor->vulnerabilities(repository, digest, nullptr, [harbor, done](Result<VulnerabilityReport> report) {
            harbor->deleteLater();
            if (!report)
                done(std::unexpected(report.error()));
            else
                done(std::optional<VulnerabilityReport>(*report));
        });
    });
}

void Provider::pushTimesFromTags(const QString& repository, QObject* context, Done<PushTimes> done)
{
    listTags(repository, context, [done = std::move(done)](Result<QList<ProviderTag>> tags) {
        if (!tags) {
            done(std::unexpected(tags.error()));
            return;
        }
        PushTimes times;
        for (const ProviderTag& tag : std::as_const(*tags)) {
            if (tag.digest.isEmpty() || !tag.pushed.isValid())
                continue;
            auto it = times.find(tag.digest);
            if (it == times.end() || tag.pushed < *it)
                times.insert(tag.digest, tag.pushed);
        }
        done(times);
    });
}

void Provider::deleteImage(const QString& repository, const QString& digest, const QStringList&, QObject* context, Done<void> done)
{
    m_client->deleteManifest(repository, digest, context, std::move(done));
}

void Provider::deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done)
{
    // Distribution deletes manifests by digest only, with all their tags: a placeholder takes the
    // tag first and is deleted instead, so the image keeps its other tags.
    done = guarded<Result<QString>>(context, std::move(done));
    moveTagToPlaceholder(repository, tag, context, [this, repository, context = QPointer(context), done](Result<std::pair<QString, QString>> moved) {
        if (!moved) {
            done(std::unexpected(moved.error()));
            return;
        }
        m_client->deleteManifest(repository, moved->second, context, [previous = moved->first, done](Result<void> deleted) {
            if (!deleted)
                done(std::unexpected(deleted.error()));
            else
                done(previous);
        });
    });
}

void Provider::moveTagToPlaceholder(const QString& repository, const QString& tag, QObject* context,
                                    Done<std::pair<QString, QString>> done)
{
    const QByteArray emptyConfig = "{}";
    const QString configDigest = sha256Digest(emptyConfig);
    const QJsonObject empty{{QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.empty.v1+json")},
                            {QStringLiteral("digest"), configDigest},
                            {QStringLiteral("size"), 2}};
    const QJsonObject placeholder{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), MediaType::OciManifest},
        {QStringLiteral("artifactType"), QStringLiteral("application/vnd.berth.tag-deletion")},
        {QStringLiteral("config"), empty},
        {QStringLiteral("layers"), QJsonArray{empty}},
        {QStringLiteral("annotations"),
         QJsonObject{{QStringLiteral("app.berth.nonce"), QUuid::createUuid().toString(QUuid::WithoutBraces)}}}};
    const QByteArray bytes = QJsonDocument(placeholder).toJson(QJsonDocument::Compact);
    m_client->headManifest(repository, tag, context, [this, repository, tag, bytes, emptyConfig, context = QPointer(context), done](Result<ManifestHead> head) {
        if (!head) {
            done(std::unexpected(head.error()));
            return;
        }
        const QString previous = head->digest;
        m_client->uploadBlob(repository, emptyConfig, context, [this, repository, tag, bytes, previous, context, done](Result<QString> uploaded) {
            if (!uploaded) {
                done(std::unexpected(uploaded.error()));
                return;
            }
            m_client->putManifest(repository, tag, bytes, MediaType::OciManifest, context, [previous, done](Result<QString> placed) {
                if (!placed)
                    done(std::unexpected(placed.error()));
                else
                    done(std::pair{previous, *placed});
            });
        });
    });
}

void Provider::restoreImage(const QString&, const QString&, const QString&, QObject* context, Done<void> done)
{
    guarded(context, std::move(done))(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("the registry has no restore API"))));
}

void Provider::tagHistory(const QString&, const QString&, QObject* context, Done<QList<TagObservation>> done)
{
    guarded(context, std::move(done))(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("the registry keeps no tag history"))));
}

void Provider::sendApiRequest(HttpRequest request, QObject* context, std::function<Error(const HttpResponse&)> toError,
                              Done<HttpResponse> done)
{
    done = guarded(context, std::move(done));
    request.tls = m_client->endpoint().tls;
    HttpReply* reply = m_client->http()->send(request);
    connect(reply, &HttpReply::finished, this, [reply, toError = std::move(toError), done] {
        reply->deleteLater();
        const auto& result = reply->result();
        if (!result)
            done(std::unexpected(result.error()));
        else if (result->status < 200 || result->status >= 300)
            done(std::unexpected(toError(*result)));
        else
            done(*result);
    });
}

void Provider::checkApiLogin(QObject* context, Done<void> done)
{
    guarded(context, std::move(done))({});
}

void Provider::checkDelete(const QString& repository, QObject* context, Done<void> done)
{
    m_client->checkDeletePermission(repository, context, std::move(done));
}

void Provider::startScan(const QString&, const QString&, QObject* context, Done<QString> done)
{
    guarded(context, std::move(done))(std::unexpected(Error::make(
        ErrorKind::Unsupported, QStringLiteral("%1 has no scanner of its own that Berth can start; 'berthctl scan REF --local' runs trivy or grype here")
                                    .arg(providerDisplayName(kind())))));
}

void Provider::listWebhooks(const QString&, QObject* context, Done<QList<WebhookPolicy>> done)
{
    guarded(context, std::move(done))(std::unexpected(
        Error::make(ErrorKind::Unsupported, QStringLiteral("Berth does not read %1's webhooks").arg(providerDisplayName(kind())))));
}

void Provider::putWebhook(const QString&, const WebhookPolicy&, QObject* context, Done<void> done)
{
    guarded(context, std::move(done))(std::unexpected(Error::make(
        ErrorKind::Unsupported, QStringLiteral("Berth does not write %1's webhooks; 'berthctl watch --webhook' sends its own").arg(providerDisplayName(kind())))));
}

void Provider::registryPolicy(const QString&, QObject* context, Done<std::optional<RegistryPolicy>> done)
{
    guarded(context, std::move(done))(std::unexpected(unsupportedPolicy()));
}

void Provider::previewRegistryPolicy(const QString&, const QByteArray&, QObject* context, Done<RegistryPolicyPreview> done)
{
    guarded(context, std::move(done))(std::unexpected(unsupportedPolicy()));
}

void Provider::putRegistryPolicy(const QString&, const QByteArray&, QObject* context, Done<void> done)
{
    guarded(context, std::move(done))(std::unexpected(unsupportedPolicy()));
}

Error Provider::unsupportedPolicy() const
{
    return Error::make(ErrorKind::Unsupported, QStringLiteral("%1 runs no cleanup policy of its own that Berth can read; Berth's "
                                                              "own retention plans work here (berthctl retention plan)")
                                                   .arg(providerDisplayName(kind())));
}

void Provider::RepositoryPages::add(QStringList names)
{
    names.removeAll(QString());
    all += names;
    if (onPage && !names.isEmpty())
        onPage(names);
}

void Provider::RepositoryPages::finish(Result<void> ended, const Done<QStringList>& done) const
{
    if (!ended)
        done(std::unexpected(ended.error()));
    else
        done(all);
}

Provider* createProvider(RegistryClient* client, QObject* parent)
{
    switch (providerKindFor(client->endpoint())) {
    case ProviderKind::DockerHub:
        return new DockerHubProvider(client, parent);
    case ProviderKind::Ghcr:
        return new GhcrProvider(client, parent);
    case ProviderKind::Quay:
        return new QuayProvider(client, parent);
    case ProviderKind::Ecr:
        return new EcrProvider(client, parent);
    case ProviderKind::Harbor:
        return new HarborProvider(client, parent);
    case ProviderKind::ArtifactRegistry:
        return new GarProvider(client, parent);
    default:
        return new Provider(client, parent);
    }
}

} // namespace berth
