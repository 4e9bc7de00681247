#include "core/providers/HarborProvider.h"

#include "core/base/Guarded.h"
#include "core/base/Numbers.h"
#include "core/providers/HarborApi.h"
#include "core/registry/RegistryClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

namespace berth {

namespace {
    constexpr int kPageSize = 100; // the largest page Harbor serves
    constexpr int kMaxPages = 5000; // a server that never ends stops here

    QString encoded(const QString& part) { return QString::fromLatin1(QUrl::toPercentEncoding(part)); }

    // Harbor writes "0001-01-01T00:00:00.000Z" for an artifact never pulled.
    QDateTime harborTime(const QJsonValue& value)
    {
        const QDateTime when = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        return when.isValid() && when.date().year() > 1970 ? when.toUTC() : QDateTime();
    }
} // namespace

HarborProvider::HarborProvider(RegistryClient* client, QObject* parent)
    : Provider(client, parent)
    , m_harbor(new HarborApi(client, this))
{
}

ProviderCapabilities HarborProvider::capabilities() const
{
    ProviderCapabilities caps = Provider::capabilities();
    caps.catalog = false; // only system administrators may read it
    caps.namespaces = true; // projects
    caps.pushTimes = true;
    caps.pullTimes = true;
    caps.deleteImage = true;
    caps.deleteTag = true;
    caps.registryPolicy = true;
    caps.policyPreview = true;
    caps.policyWrite = true;
    caps.startScan = true;
    caps.deletionNote = QStringLiteral("Harbor deletes an artifact with all its tags, or one tag alone; its storage is freed by Harbor's garbage collection.");
    return caps;
}

void HarborProvider::api(const QByteArray& method, const QString& path, QObject* context, Done<QByteArray> done, const QByteArray& body)
{
    RegistryRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    if (!body.isEmpty())
        request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    request.basicAuth = true;
    request.maxBodyBytes = 64LL * 1024 * 1024;
    m_client->send(request, context, [done](Result<HttpResponse> response) {
        if (!response)
            done(std::unexpected(response.error()));
        else
            done(response->body);
    });
}

void HarborProvider::allPages(const QString& path, QObject* context, std::function<void(const QJsonArray&)> onPage, Done<void> done, int page)
{
    const QString separator = path.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?");
    api("GET", path + separator + QStringLiteral("page=%1&page_size=%2").arg(page).arg(kPageSize), context,
        [this, path, context = QPointer(context), onPage, done, page](Result<QByteArray> body) {
            if (!body) {
                done(std::unexpected(body.error()));
                return;
            }
            const QJsonDocument json = QJsonDocument::fromJson(*body);
            if (!json.isArray()) {
                done(std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("Harbor's list at %1 is not a JSON array").arg(path))));
                return;
            }
            onPage(json.array());
            if (json.array().size() < kPageSize) {
                done({});
                return;
            }
            if (page >= kMaxPages) {
                done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Harbor's list at %1 did not end after %2 pages").arg(path).arg(kMaxPages))));
                return;
            }
            allPages(path, context, onPage, done, page + 1);
        });
}

void HarborProvider::listNamespaces(QObject* context, Done<QStringList> done)
{
    done = guarded(context, std::move(done));
    auto pages = std::make_shared<RepositoryPages>();
    allPages(QStringLiteral("/api/v2.0/projects?with_detail=false"), context, [pages](const QJsonArray& page) {
        QStringList names;
        for (const QJsonValue& project : page)
            names << project.toObject().value(QStringLiteral("name")).toString();
        pages->add(names);
    }, [pages, done](Result<void> finished) { pages->finish(finished, done); });
}

void HarborProvider::listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    done = guarded(context, std::move(done));
    if (ns.isEmpty()) {
        listEveryNamespace(context, done, onPage); // every project the login sees
        return;
    }
    auto pages = std::make_shared<RepositoryPages>(RepositoryPages{onPage, {}});
    allPages(QStringLiteral("/api/v2.0/projects/%1/repositories").arg(encoded(ns)), context, [pages](const QJsonArray& page) {
        QStringList names;
        for (const QJsonValue& repository : page)
            names << repository.toObject().value(QStringLiteral("name")).toString(); // "project/repo"
        pages->add(names);
    }, [pages, done](Result<void> finished) { pages->finish(finished, done); });
}

QList<ProviderTag> HarborProvider::tagsFromArtifacts(const QJsonArray& page)
{
    QList<ProviderTag> tags;
    for (const QJsonValue& value : page) {
        const QJsonObject artifact = value.toObject();
        const QJsonObject attrs = artifact.value(QStringLiteral("extra_attrs")).toObject();
        QStringList platforms;
        if (attrs.contains(QStringLiteral("architecture")))
            platforms << attrs.value(QStringLiteral("os")).toString() + QLatin1Char('/') + attrs.value(QStringLiteral("architecture")).toString();
        for (const QJsonValue& tagValue : artifact.value(QStringLiteral("tags")).toArray()) {
            const QJsonObject tag = tagValue.toObject();
            ProviderTag row;
            row.name = tag.value(QStringLiteral("name")).toString();
            row.digest = artifact.value(QStringLiteral("digest")).toString();
            row.pushed = harborTime(tag.value(QStringLiteral("push_time")));
            if (!row.pushed.isValid())
                row.pushed = harborTime(artifact.value(QStringLiteral("push_time")));
            row.pulled = harborTime(tag.value(QStringLiteral("pull_time")));
            if (!row.pulled.isValid())
                row.pulled = harborTime(artifact.value(QStringLiteral("pull_time")));
            row.size = toInt64(artifact.value(QStringLiteral("size")).toDouble(-1)).value_or(-1);
            row.platforms = platforms;
            tags << row;
        }
    }
    return tags;
}

void HarborProvider::listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done)
{
    done = guarded(context, std::move(done));
    auto tags = std::make_shared<QList<ProviderTag>>();
    allPages(HarborApi::artifactsPath(repository) + QStringLiteral("?with_tag=true&with_scan_overview=false"), context, [tags](const QJsonArray& page) {
        *tags << tagsFromArtifacts(page);
    }, [tags, done](Result<void> finished) {
        if (!finished) {
            done(std::unexpected(finished.error()));
            return;
        }
        sortByName(*tags);
        done(*tags);
    });
}

void HarborProvider::pushTimes(const QString& repository, QObject* context, Done<PushTimes> done)
{
    m_harbor->pushTimes(repository, context, std::move(done));
}

void HarborProvider::scanReport(const QString& repository, const QString& digest, QObject* context, Done<std::optional<VulnerabilityReport>> done)
{
    done = guarded(context, std::move(done));
    m_harbor->vulnerabilities(repository, digest, context, [done](Result<VulnerabilityReport> report) {
        if (report)
            done(std::optional<VulnerabilityReport>(*report));
        else if (report.error().kind == ErrorKind::NotFound)
            done(std::optional<VulnerabilityReport>()); // not scanned
        else
            done(std::unexpected(report.error()));
    });
}

void HarborProvider::deleteImage(const QString& repository, const QString& digest, const QStringList&, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    api("DELETE", HarborApi::artifactPath(repository, digest), context, [done](Result<QByteArray> deleted) {
        if (!deleted)
            done(std::unexpected(deleted.error()));
        else
            done({});
    });
}

void HarborProvider::deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done)
{
    done = guarded(context, std::move(done));
    // The artifact the tag names, for undo and the audit log; then Harbor's own tag deletion.
    api("GET", HarborApi::artifactPath(repository, tag), context, [this, repository, tag, context = QPointer(context), done](Result<QByteArray> body) {
        if (!body) {
            done(std::unexpected(body.error()));
            return;
        }
        const QString digest = QJsonDocument::fromJson(*body).object().value(QStringLiteral("digest")).toString();
        if (digest.isEmpty()) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Harbor named no artifact for tag %1").arg(tag))));
            return;
        }
        api("DELETE", HarborApi::artifactPath(repository, digest) + QStringLiteral("/tags/") + encoded(tag), context,
            [digest, done](Result<QByteArray> deleted) {
                if (!deleted)
                    done(std::unexpected(deleted.error()));
                else
                    done(digest);
            });
    });
}

void HarborProvider::startScan(const QString& repository, const QString& reference, QObject* context, Done<QString> done)
{
    done = guarded(context, std::move(done));
    api("POST", HarborApi::artifactPath(repository, reference) + QStringLiteral("/scan"), context, [done](Result<QByteArray> started) {
        if (!started)
            done(std::unexpected(started.error()));
        else
            done(QStringLiteral("Scanning"));
    });
}

void HarborProvider::listWebhooks(const QString& project, QObject* context, Done<QList<WebhookPolicy>> done)
{
    done = guarded(context, std::move(done));
    auto policies = std::make_shared<QList<WebhookPolicy>>();
    allPages(QStringLiteral("/api/v2.0/projects/%1/webhook/policies").arg(encoded(project)), context, [policies](const QJsonArray& page) {
        for (const QJsonValue& value : page) {
            const QJsonObject policy = value.toObject();
            WebhookPolicy row;
            row.id = policy.value(QStringLiteral("id")).toInteger();
            row.name = policy.value(QStringLiteral("name")).toString();
            row.enabled = policy.value(QStringLiteral("enabled")).toBool();
            for (const QJsonValue& event : policy.value(QStringLiteral("event_types")).toArray())
                row.events << event.toString();
            for (const QJsonValue& target : policy.value(QStringLiteral("targets")).toArray())
                row.targets << target.toObject().value(QStringLiteral("address")).toString(); // the auth header stays out
            *policies << row;
        }
    }, [policies, project, done](Result<void> listed) {
        if (!listed && listed.error().kind == ErrorKind::Denied)
            done(std::unexpected(Error::make(ErrorKind::Denied, QStringLiteral("this Harbor login may not read project %1's webhooks "
                                                                               "(Maintainer or Project Admin may)").arg(project), 403)));
        else if (!listed)
            done(std::unexpected(listed.error()));
        else
            done(*policies);
    });
}

void HarborProvider::putWebhook(const QString& project, const WebhookPolicy& policy, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const QString base = QStringLiteral("/api/v2.0/projects/%1/webhook").arg(encoded(project));
    // The event types this Harbor supports, in its own words, before anything is written.
    api("GET", base + QStringLiteral("/events"), context, [this, base, project, policy, context, done](Result<QByteArray> supported) {
        if (!supported) {
            done(std::unexpected(supported.error()));
            return;
        }
        QStringList known;
        for (const QJsonValue& type : QJsonDocument::fromJson(*supported).object().value(QStringLiteral("event_type")).toArray())
            known << type.toString();
        QStringList unknown;
        for (const QString& event : policy.events) {
            if (!known.contains(event))
                unknown << event;
        }
        if (!unknown.isEmpty() || policy.events.isEmpty()) {
            done(std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1 is no event type of this Harbor; it supports %2")
                                                                         .arg(unknown.isEmpty() ? QStringLiteral("(none given)") : unknown.join(QStringLiteral(", ")),
                                                                              known.join(QStringLiteral(", "))))));
            return;
        }
        // Harbor's own object of that name, if there is one, so that what Berth does not edit stays.
        auto existing = std::make_shared<QJsonObject>();
        allPages(base + QStringLiteral("/policies"), context, [existing, name = policy.name](const QJsonArray& page) {
            for (const QJsonValue& value : page) {
                if (value.toObject().value(QStringLiteral("name")).toString() == name)
                    *existing = value.toObject();
            }
        }, [this, base, project, policy, existing, context, done](Result<void> listed) {
            if (!listed) {
                done(std::unexpected(listed.error().kind == ErrorKind::Denied
                                         ? Error::make(ErrorKind::Denied, QStringLiteral("this Harbor login may not change project %1's webhooks "
                                                                                         "(Maintainer or Project Admin may)").arg(project), 403)
                                         : listed.error()));
                return;
            }
            QJsonObject body = *existing;
            for (const char* server : {"id", "project_id", "creator", "creation_time", "update_time"})
                body.remove(QLatin1String(server)); // Harbor's to set
            body.insert(QStringLiteral("name"), policy.name);
            body.insert(QStringLiteral("enabled"), policy.enabled);
            body.insert(QStringLiteral("event_types"), QJsonArray::fromStringList(policy.events));
            QJsonArray targets = body.value(QStringLiteral("targets")).toArray();
            QJsonObject target = targets.isEmpty() ? QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                                                 {QStringLiteral("skip_cert_verify"), false}}
                                                   : targets.first().toObject();
            if (target.value(QStringLiteral("address")).toString() != policy.targets.value(0))
                target.remove(QStringLiteral("auth_header")); // a secret for one address is not sent to another
            target.insert(QStringLiteral("address"), policy.targets.value(0));
            if (targets.isEmpty())
                targets.append(target);
            else
                targets.replace(0, target);
            body.insert(QStringLiteral("targets"), targets);
            const qint64 id = existing->value(QStringLiteral("id")).toInteger();
            api(id ? "PUT" : "POST", id ? base + QStringLiteral("/policies/%1").arg(id) : base + QStringLiteral("/policies"), context,
                [done](Result<QByteArray> written) {
                    if (!written)
                        done(std::unexpected(written.error()));
                    else
                        done({});
                },
                QJsonDocument(body).toJson(QJsonDocument::Compact));
        });
    });
}

void HarborProvider::checkApiLogin(QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    api("GET", QStringLiteral("/api/v2.0/users/current"), context, [done](Result<QByteArray> user) {
        if (!user)
            done(std::unexpected(user.error()));
        else
            done({});
    });
}

void HarborProvider::projectPermissions(const QString& project, QObject* context, Done<QStringList> done)
{
    done = guarded(context, std::move(done));
    api("GET", QStringLiteral("/api/v2.0/projects/%1").arg(encoded(project)), context, [this, context = QPointer(context), done](Result<QByteArray> body) {
        if (!body) {
            done(std::unexpected(body.error()));
            return;
        }
        const int id = QJsonDocument::fromJson(*body).object().value(QStringLiteral("project_id")).toInt(-1);
        if (id < 0) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("Harbor's project answer has no project_id"))));
            return;
        }
        api("GET", QStringLiteral("/api/v2.0/users/current/permissions?scope=/project/%1&relative=false").arg(id), context, [done](Result<QByteArray> list) {
            if (!list) {
                done(std::unexpected(list.error()));
                return;
            }
            QStringList permissions;
            for (const QJsonValue& value : QJsonDocument::fromJson(*list).array()) {
                const QJsonObject permission = value.toObject();
                permissions << permission.value(QStringLiteral("resource")).toString() + QLatin1Char(':')
                        + permission.value(QStringLiteral("action")).toString();
            }
            done(permissions);
        });
    });
}

void HarborProvider::checkDelete(const QString& repository, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const QString project = repository.section(QLatin1Char('/'), 0, 0);
    projectPermissions(project, context, [project, done](Result<QStringList> permissions) {
        if (!permissions) {
            done(std::unexpected(permissions.error()));
            return;
        }
        if (!permissions->contains(QStringLiteral("artifact:delete"))) {
            done(std::unexpected(Error::make(ErrorKind::Denied, QStringLiteral("this Harbor login may not delete in project %1 (it lacks the artifact "
                                                                               "delete permission: Maintainer or Project Admin has it)")
                                                                    .arg(project))));
            return;
        }
        done({});
    });
}

void HarborProvider::retentionId(const QString& project, QObject* context, Done<QString> done)
{
    api("GET", QStringLiteral("/api/v2.0/projects/%1").arg(encoded(project)), context, [done](Result<QByteArray> body) {
        if (!body)
            done(std::unexpected(body.error()));
        else
            done(QJsonDocument::fromJson(*body).object().value(QStringLiteral("metadata")).toObject().value(QStringLiteral("retention_id")).toString());
    });
}

void HarborProvider::registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done)
{
    done = guarded(context, std::move(done));
    retentionId(repository.section(QLatin1Char('/'), 0, 0), context, [this, context = QPointer(context), done](Result<QString> id) {
        if (!id) {
            done(std::unexpected(id.error()));
            return;
        }
        if (id->isEmpty()) {
            done(std::optional<RegistryPolicy>());
            return;
        }
        api("GET", QStringLiteral("/api/v2.0/retentions/%1").arg(encoded(*id)), context, [done](Result<QByteArray> policy) {
            if (!policy)
                done(std::unexpected(policy.error()));
            else
                done(std::optional<RegistryPolicy>(RegistryPolicy{QStringLiteral("harbor-retention"), *policy, {}, {}}));
        });
    });
}

void HarborProvider::previewRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<RegistryPolicyPreview> done)
{
    done = guarded(context, std::move(done));
    const QString project = repository.section(QLatin1Char('/'), 0, 0);
    retentionId(project, context, [this, repository, project, policy, context = QPointer(context), done](Result<QString> id) {
        if (!id || id->isEmpty()) {
            done(std::unexpected(id ? Error::make(ErrorKind::NotFound, QStringLiteral("project %1 has no tag-retention policy for Harbor to dry-run").arg(project))
                                    : id.error()));
            return;
        }
        // Harbor dry-runs the policy it stores, not one handed to it.
        api("GET", QStringLiteral("/api/v2.0/retentions/%1").arg(encoded(*id)), context,
            [this, repository, policy, id = *id, context, done](Result<QByteArray> stored) {
                if (!stored) {
                    done(std::unexpected(stored.error()));
                    return;
                }
                const QJsonObject storedRules{{QStringLiteral("rules"), QJsonDocument::fromJson(*stored).object().value(QStringLiteral("rules"))}};
                const QJsonObject givenRules{{QStringLiteral("rules"), QJsonDocument::fromJson(policy).object().value(QStringLiteral("rules"))}};
                if (!policy.isEmpty() && storedRules != givenRules) {
                    done(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("Harbor dry-runs only the policy it stores: write this one "
                                                                                            "to Harbor first, or preview the stored one"))));
                    return;
                }
                api("POST", QStringLiteral("/api/v2.0/retentions/%1/executions").arg(encoded(id)), context,
                    [this, repository, id, context, done](Result<QByteArray> started) {
                        if (!started) {
                            done(std::unexpected(started.error()));
                            return;
                        }
                        // The newest execution is the one just started.
                        api("GET", QStringLiteral("/api/v2.0/retentions/%1/executions?page=1&page_size=1").arg(encoded(id)), context,
                            [this, repository, id, context, done](Result<QByteArray> listed) {
                                const int execution = listed ? QJsonDocument::fromJson(*listed).array().at(0).toObject().value(QStringLiteral("id")).toInt(-1) : -1;
                                if (execution < 0) {
                                    done(std::unexpected(listed ? Error::make(ErrorKind::Protocol, QStringLiteral("Harbor listed no retention execution"))
                                                                : listed.error()));
                                    return;
                                }
                                pollExecution(id, execution, repository, 60, context, done);
                            });
                    },
                    QJsonDocument(QJsonObject{{QStringLiteral("dry_run"), true}}).toJson(QJsonDocument::Compact));
            });
    });
}

void HarborProvider::pollExecution(const QString& id, int execution, const QString& repository, int attemptsLeft, QObject* context,
                                   Done<RegistryPolicyPreview> done)
{
    // Harbor's API has no GET of one execution: its state is read from the list of executions.
    const QString list = QStringLiteral("/api/v2.0/retentions/%1/executions?page=1&page_size=20").arg(encoded(id));
    const QString base = QStringLiteral("/api/v2.0/retentions/%1/executions/%2").arg(encoded(id)).arg(execution);
    api("GET", list, context, [this, id, execution, repository, attemptsLeft, base, context = QPointer(context), done](Result<QByteArray> state) {
        if (!state) {
            done(std::unexpected(state.error()));
            return;
        }
        QString status;
        for (const QJsonValue& value : QJsonDocument::fromJson(*state).array()) {
            if (value.toObject().value(QStringLiteral("id")).toInt() == execution)
                status = value.toObject().value(QStringLiteral("status")).toString();
        }
        if (status == u"Running" || status == u"Pending" || status == u"Scheduled") {
            if (attemptsLeft <= 1) {
                done(std::unexpected(Error::make(ErrorKind::Transport, QStringLiteral("Harbor's retention dry run did not finish in a minute"))));
                return;
            }
            QTimer::singleShot(1000, this, [this, id, execution, repository, attemptsLeft, context, done] {
                pollExecution(id, execution, repository, attemptsLeft - 1, context, done);
            });
            return;
        }
        if (status != u"Succeed") {
            done(std::unexpected(Error::make(ErrorKind::Http, QStringLiteral("Harbor's retention dry run ended %1").arg(status))));
            return;
        }
        api("GET", base + QStringLiteral("/tasks?page=1&page_size=100"), context, [repository, status, done](Result<QByteArray> tasks) {
            if (!tasks) {
                done(std::unexpected(tasks.error()));
                return;
            }
            // One task per repository of the project; "repository" names it without the project.
            const QString name = repository.section(QLatin1Char('/'), 1);
            for (const QJsonValue& value : QJsonDocument::fromJson(*tasks).array()) {
                const QJsonObject task = value.toObject();
                const QString taskRepository = task.value(QStringLiteral("repository")).toString();
                if (taskRepository != name && taskRepository != repository)
                    continue;
                RegistryPolicyPreview preview;
                preview.status = status;
                preview.countedTotal = task.value(QStringLiteral("total")).toInt();
                preview.countedRemoved = preview.countedTotal - task.value(QStringLiteral("retained")).toInt();
                done(preview);
                return;
            }
            done(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("Harbor's dry run has no task for %1").arg(repository))));
        });
    });
}

void HarborProvider::putRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const QString project = repository.section(QLatin1Char('/'), 0, 0);
    retentionId(project, context, [this, project, policy, context = QPointer(context), done](Result<QString> id) {
        if (!id || id->isEmpty()) {
            done(std::unexpected(id ? Error::make(ErrorKind::Unsupported, QStringLiteral("project %1 has no tag-retention policy to replace; "
                                                                                          "create one in Harbor first").arg(project))
                                    : id.error()));
            return;
        }
        QJsonObject body = QJsonDocument::fromJson(policy).object();
        body.insert(QStringLiteral("id"), id->toInt());
        api("PUT", QStringLiteral("/api/v2.0/retentions/%1").arg(encoded(*id)), context, [done](Result<QByteArray> written) {
            if (!written)
                done(std::unexpected(written.error()));
            else
                done({});
        }, QJsonDocument(body).toJson(QJsonDocument::Compact));
    });
}

} // namespace berth
