#include "Commands.h"

#include "CommandSupport.h"
#include "CtlSession.h"
#include "core/base/JsonWriter.h"
#include "core/providers/Provider.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"
#include "core/session/SavedRegistries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdio>
#include <numeric>
#include <termios.h>
#include <unistd.h>

namespace berth::ctl {
namespace {

    void printLines(const QStringList& lines)
    {
        for (const QString& line : lines)
            std::printf("%s\n", qPrintable(line));
        std::fflush(stdout);
    }

    QString readSecret(bool fromStdin)
    {
        QTextStream in(stdin);
        if (fromStdin || !isatty(STDIN_FILENO))
            return in.readLine();
        std::fprintf(stderr, "Password: ");
        termios saved{};
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        const QString secret = in.readLine();
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
        return secret;
    }

    // Checks the login made from ambient cloud credentials and says where they came from; nothing is saved.
    void loginWithAmbientCredentials(CtlSession& session, const RegistryEndpoint& endpoint, const Exit& exit)
    {
        RegistryClient* client = session.clientFor(endpoint);
        client->checkLogin(&session, [&session, client, name = endpoint.name, exit](Result<void> checked) {
            if (!checked) {
                exit(session.fail(checked.error()));
                return;
            }
            client->credentials([&session, client, name, exit](std::optional<Credentials> used) {
                createProvider(client, &session)->checkApiLogin(&session, [&session, name, used, exit](Result<void> api) {
                    if (!api) {
                        exit(session.fail(api.error()));
                        return;
                    }
                    std::fprintf(stderr, "Login to %s works with %s; nothing to save (Berth renews it as it expires).\n", qPrintable(name),
                                 used ? qPrintable(used->source) : "no credentials");
                    exit(0);
                });
            });
        });
    }


    // tags from the last complete listing Berth made of the repository (history, watch); false when it never made one.
    bool printTagsOffline(CtlSession& session, const Reference& ref, const QString& registry, TagSort sort, const OfflineNote& note, const Exit& exit)
    {
        const auto log = session.observationLog();
        const std::optional<QDateTime> listed = log ? (*log)->lastListing(registry, ref.path) : std::nullopt;
        if (!listed)
            return false;
        QList<TagObservation> tags = (*log)->lastListedTags(registry, ref.path).values();
        sortTagRows(tags, sort == TagSort::Pushed ? TagSort::Version : sort, [](const TagObservation& t) { return t.tag; },
                    [](const TagObservation&) { return QDateTime(); });
        QStringList names;
        for (const TagObservation& tag : std::as_const(tags))
            names << tag.tag;
        OfflineNote marked = note;
        marked.asOf = *listed;
        if (session.options().json) {
            QJsonObject out{{QStringLiteral("repository"), ref.name()}, {QStringLiteral("tags"), QJsonArray::fromStringList(names)}};
            addOfflineFields(out, &marked);
            printJson(out);
        } else {
            printOfflineMarker(marked);
            printLines(names);
        }
        exit(kOfflineExit);
        return true;
    }

    Error neverListed(const Reference& ref)
    {
        return Error::make(ErrorKind::NotFound, QStringLiteral("Berth has never listed %1, so it has nothing to show offline; "
                                                               "'berthctl history %1' or 'berthctl watch %1' lists it while the registry is reachable")
                                                    .arg(ref.name()));
    }

    // One tag's object in `tags --json` details (the members in name order, as Qt writes them).
    void writeTagDetails(JsonWriter& out, const ProviderTag& tag, const QString& dateSource)
    {
        out.beforeElement();
        out.beginObject();
        out.member(u"dateSource", dateSource);
        out.key(u"digest");
        tag.digest.isEmpty() ? out.null() : out.value(tag.digest);
        out.member(u"platforms", tag.platforms);
        out.member(u"pulled", tag.pulled);
        out.member(u"pushed", tag.pushed);
        out.member(u"size", tag.size);
        out.member(u"tag", tag.name);
        out.endObject();
    }

} // namespace

void runTags(CtlSession& session, const QStringList& args, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(args, QStringLiteral("usage: berthctl tags REPO [--json]"), false, &ref, exit);
    if (!client)
        return;
    // The registry family's own API where it has one (Hub: with push and pull dates), else the tag list.
    Provider* provider = createProvider(client, &session);
    const auto sort = chosenTagSort(session.options().sort, provider->capabilities().pushTimes, false, client->endpoint().name);
    if (!sort) {
        exit(session.fail(sort.error()));
        return;
    }
    const QString registry = client->endpoint().name;
    if (session.options().offline) {
        if (!printTagsOffline(session, ref, registry, *sort, OfflineNote{{}, QStringLiteral("--offline")}, exit))
            exit(session.fail(neverListed(ref)));
        return;
    }
    // With --json, each page's tags are written out while the next page is on its way; once the
    // last is in, only their order is left to settle (for 5,000 tags the writing took as long as
    // the last few pages did).
    struct Listing
    {
        // What the order and the name list need of each tag, and no more: keeping the whole
        // ProviderTags of 5,000 tags (digests, platforms) touched 1.5 MB of new memory, and on a
        // virtual machine each new page costs about 10 us.
        struct Listed
        {
            QString name;
            QDateTime pushed;
        };
        QList<Listed> tags;
        JsonWriter details = JsonWriter::apart(2); // each tag's object, in the order they came
        std::vector<std::pair<qsizetype, qsizetype>> written; // where each tag's object is in details
    };
    auto listing = std::make_shared<Listing>();
    const bool withDetails = session.options().json && provider->capabilities().pushTimes;
    const QString source = provider->dateSource();
    provider->listTagsInPages(ref.path, &session, [listing, withDetails, source](QList<ProviderTag> page, qint64 total) {
        makeListingRoom(listing->tags, total, page.size());
        if (withDetails)
            makeListingRoom(listing->written, total, page.size());
        const bool firstPage = listing->tags.isEmpty();
        for (ProviderTag& tag : page) {
            if (withDetails) {
                const qsizetype from = listing->details.size();
                writeTagDetails(listing->details, tag, source);
                listing->written.emplace_back(from, listing->details.size() - from);
            }
            listing->tags.append({std::move(tag.name), tag.pushed});
        }
        // Room for the rest of the details, at the first page's bytes a tag and a tenth over, for
        // as many tags as makeListingRoom made room for.
        if (withDetails && firstPage && !page.isEmpty())
            listing->details.makeRoom(listing->details.size() * 11 / 10 * (listing->tags.capacity() - page.size()) / page.size());
    }, [&session, ref, registry, sort = *sort, exit, listing, withDetails](Result<void> listed) {
        if (!listed) {
            if (!unreachable(listed.error())
                || !printTagsOffline(session, ref, registry, sort, OfflineNote{{}, QStringLiteral("the registry cannot be reached: ") + describe(listed.error())}, exit))
                exit(session.fail(listed.error()));
            return;
        }
        const QList<Listing::Listed>& tags = listing->tags;
        QList<qsizetype> order(tags.size());
        std::iota(order.begin(), order.end(), 0);
        sortTagRows(order, sort, [&tags](qsizetype i) -> const QString& { return tags.at(i).name; },
                    [&tags](qsizetype i) -> const QDateTime& { return tags.at(i).pushed; });
        QStringList names;
        names.reserve(order.size());
        for (const qsizetype i : std::as_const(order))
            names << tags.at(i).name;
        if (session.options().json) {
            JsonWriter out;
            out.beginObject();
            if (withDetails) {
                out.key(u"details");
                out.beginArray();
                for (const qsizetype i : std::as_const(order)) {
                    const auto [from, length] = listing->written[size_t(i)];
                    out.element(listing->details.text().sliced(from, length));
                    out.flushWhenFull(stdout);
                }
                out.endArray();
            }
            out.member(u"repository", ref.name());
            out.member(u"tags", names);
            out.endObject();
            out.flushTo(stdout);
            std::fflush(stdout);
        } else {
            printLines(names);
        }
        exit(0);
    });
}

void runWebhooks(CtlSession& session, const QStringList& args, Exit exit)
{
    const QString usageText = QStringLiteral("usage: berthctl webhooks REGISTRY/PROJECT [--json]\n"
                                             "       berthctl webhooks set REGISTRY/PROJECT NAME URL EVENT[,EVENT...] [--disabled]");
    const bool set = args.value(0) == u"set";
    if ((set && args.size() != 5) || (!set && args.size() != 1) || !args.value(set ? 1 : 0).contains(QLatin1Char('/'))) {
        exit(session.fail(usage(usageText)));
        return;
    }
    const QString where = args.value(set ? 1 : 0);
    const QString ns = where.section(QLatin1Char('/'), 1);
    const auto endpoint = session.endpointFor(where.section(QLatin1Char('/'), 0, 0));
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    if (set) {
        const QUrl target(args[3], QUrl::StrictMode);
        if (!target.isValid() || (target.scheme() != u"http" && target.scheme() != u"https") || target.host().isEmpty()) {
            exit(session.fail(usage(QStringLiteral("the webhook's URL must be http:// or https://, not \"%1\"").arg(args[3]))));
            return;
        }
        WebhookPolicy policy;
        policy.name = args[2];
        policy.targets = {args[3]};
        policy.events = args[4].split(QLatin1Char(','), Qt::SkipEmptyParts);
        policy.enabled = !session.options().disabled;
        Provider* provider = createProvider(session.clientFor(*endpoint), &session);
        provider->putWebhook(ns, policy, &session, [&session, policy, where, exit](Result<void> written) {
            if (!written) {
                exit(session.fail(written.error()));
                return;
            }
            std::printf("%s: webhook %s %s -> %s (%s)\n", qPrintable(where), qPrintable(policy.name), qPrintable(policy.events.join(QLatin1Char(','))),
                        qPrintable(policy.targets.value(0)), policy.enabled ? "enabled" : "disabled");
            std::fflush(stdout);
            exit(0);
        });
        return;
    }
    Provider* provider = createProvider(session.clientFor(*endpoint), &session);
    provider->listWebhooks(ns, &session, [&session, exit](Result<QList<WebhookPolicy>> policies) {
        if (!policies) {
            exit(session.fail(policies.error()));
            return;
        }
        if (session.options().json) {
            QJsonArray out;
            for (const WebhookPolicy& p : std::as_const(*policies))
                out.append(QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("enabled"), p.enabled},
                                       {QStringLiteral("events"), QJsonArray::fromStringList(p.events)},
                                       {QStringLiteral("targets"), QJsonArray::fromStringList(p.targets)}});
            printJson(QJsonObject{{QStringLiteral("webhooks"), out}});
        } else {
            for (const WebhookPolicy& p : std::as_const(*policies))
                std::printf("%-24s %-8s %s -> %s\n", qPrintable(p.name), p.enabled ? "enabled" : "disabled", qPrintable(p.events.join(QLatin1Char(','))),
                            qPrintable(p.targets.join(QStringLiteral(", "))));
        }
        exit(0);
    });
}

void runRepos(CtlSession& session, const QStringList& args, Exit exit)
{
    if (args.size() != 1) {
        exit(session.fail(usage(QStringLiteral("usage: berthctl repos REGISTRY[/NAMESPACE] [--json]"))));
        return;
    }
    // "docker.io/NAMESPACE", "ghcr.io/OWNER": the registry, then the namespace to list.
    const QString registry = args.first().section(QLatin1Char('/'), 0, 0);
    const QString ns = args.first().section(QLatin1Char('/'), 1);
    const auto endpoint = session.endpointFor(registry);
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    RegistryClient* client = session.clientFor(*endpoint);
    Provider* provider = createProvider(client, &session);
    const bool json = session.options().json;
    // Plain output streams each page as it arrives; JSON waits for the whole list.
    auto onPage = json ? Provider::PageCallback{} : Provider::PageCallback([](const QStringList& page) { printLines(page); });
    provider->listRepositories(ns, &session, [&session, name = endpoint->name, ns, json, exit](Result<QStringList> repos) {
        if (!repos) {
            exit(session.fail(repos.error()));
            return;
        }
        // Registries answer an unknown namespace with an empty list (Quay) as often as with 404.
        if (repos->isEmpty() && !ns.isEmpty())
            std::fprintf(stderr, "berthctl: %s/%s: no repositories (the namespace may not exist, or this login cannot see it)\n",
                         qPrintable(name), qPrintable(ns));
        if (json) {
            QJsonObject document{{QStringLiteral("registry"), name}, {QStringLiteral("repositories"), QJsonArray::fromStringList(*repos)}};
            if (!ns.isEmpty())
                document.insert(QStringLiteral("namespace"), ns);
            printJson(document);
        }
        exit(0);
    }, onPage);
}

void runLogin(CtlSession& session, const QStringList& args, const LoginOptions& options, Exit exit)
{
    if (args.size() != 1) {
        exit(session.fail(usage(QStringLiteral("usage: berthctl login REGISTRY [-u USER] [--password-stdin]"))));
        return;
    }
    const auto endpoint = session.endpointFor(args.first());
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    // ECR and Artifact Registry need no password: their logins come from the cloud credentials
    // the cloud's own tools would find (AWS's, Google's Application Default Credentials).
    const ProviderKind family = providerKindFor(*endpoint);
    if ((family == ProviderKind::Ecr || family == ProviderKind::ArtifactRegistry) && options.username.isEmpty()) {
        loginWithAmbientCredentials(session, *endpoint, exit);
        return;
    }
    Credentials creds;
    creds.username = options.username;
    if (creds.username.isEmpty()) {
        if (options.passwordStdin) {
            exit(session.fail(usage(QStringLiteral("--password-stdin needs -u USER"))));
            return;
        }
        std::fprintf(stderr, "Username: ");
        creds.username = QTextStream(stdin).readLine().trimmed();
    }
    creds.secret = readSecret(options.passwordStdin);
    if (creds.username.isEmpty() || creds.secret.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("a user name and a password are needed"))));
        return;
    }
    // Check the login against the registry before saving it, as docker login does.
    auto* candidate = new StaticCredentials(creds);
    RegistryClient* client = session.clientFor(*endpoint, candidate);
    client->checkLogin(&session, [&session, client, candidate, name = endpoint->name, creds, exit](Result<void> checked) {
        if (!checked) {
            delete candidate;
            exit(session.fail(checked.error()));
            return;
        }
        // Where the registry family has its own API (Hub, GHCR), the login must open it too.
        createProvider(client, &session)->checkApiLogin(&session, [&session, client, candidate, name, creds, exit](Result<void> api) {
            delete candidate;
            if (!api) {
                exit(session.fail(api.error()));
                return;
            }
            session.logins().save(name, creds, &session, [&session, client, name, exit](Result<void> saved) {
                if (!saved) {
                    exit(session.fail(saved.error()));
                    return;
                }
                std::fprintf(stderr, "Login to %s succeeded; the password is kept in the system keychain.\n", qPrintable(name));
                // A host that does not name its family may be a self-hosted Quay or a Harbor: remember it for the next commands.
                detectProviderKind(client, &session, [name, exit](ProviderKind kind) {
                    if (kind != ProviderKind::Oci && providerKindFor(*RegistryEndpoint::fromString(name)) != kind) {
                        SavedRegistry registry = SavedRegistries::findOrNew(name);
                        registry.provider = providerKindName(kind);
                        SavedRegistries::upsert(registry);
                        std::fprintf(stderr, "%s is a %s: Berth will use its API (provider=%s in registries.ini).\n", qPrintable(name),
                                     qPrintable(providerDisplayName(kind)), qPrintable(providerKindName(kind)));
                    }
                    exit(0);
                });
            });
        });
    });
}

void runLogout(CtlSession& session, const QStringList& args, Exit exit)
{
    if (args.size() != 1) {
        exit(session.fail(usage(QStringLiteral("usage: berthctl logout REGISTRY"))));
        return;
    }
    const auto endpoint = session.endpointFor(args.first());
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    session.logins().remove(endpoint->name, &session, [&session, name = endpoint->name, exit](Result<void> removed) {
        if (!removed) {
            exit(session.fail(removed.error()));
            return;
        }
        std::fprintf(stderr, "Removed the login for %s.\n", qPrintable(name));
        exit(0);
    });
}

} // namespace berth::ctl
