#include "core/providers/EcrProvider.h"

#include "core/base/Guarded.h"
#include "core/base/Numbers.h"
#include "core/providers/EcrApi.h"
#include "core/registry/RegistryClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>
#include <QTimer>

namespace berth {

namespace {
    constexpr int kPreviewPolls = 60; // ECR's preview usually finishes within seconds
    constexpr int kPreviewPollMs = 1000;
}

EcrProvider::EcrProvider(RegistryClient* client, QObject* parent)
    : Provider(client, parent)
{
}

ProviderCapabilities EcrProvider::capabilities() const
{
    ProviderCapabilities caps = Provider::capabilities();
    caps.catalog = true; // DescribeRepositories
    caps.pushTimes = true;
    caps.pullTimes = true; // lastRecordedPullTime
    caps.deleteImage = true;
    caps.deleteTag = true;
    caps.registryPolicy = true;
    caps.policyPreview = true;
    caps.policyWrite = true;
    caps.startScan = true;
    caps.deletionNote = QStringLiteral("ECR deletes through its own API: a tag alone (the image goes with its last tag), or an image with all its tags");
    return caps;
}

Result<EcrApi*> EcrProvider::api()
{
    if (m_api)
        return m_api;
    const auto ecr = EcrRegistry::fromHost(m_client->endpoint().apiHost);
    if (!ecr)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1 is not an ECR registry host (ACCOUNT.dkr.ecr.REGION.amazonaws.com)")
                                                                        .arg(m_client->endpoint().apiHost)));
    m_api = new EcrApi(m_client->http(), *ecr, &m_aws, m_client->endpoint().tls, this);
    return m_api;
}

void EcrProvider::listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    // ECR has no namespaces; "team" lists the repositories under "team/".
    const QString prefix = ns.isEmpty() ? QString() : ns + QLatin1Char('/');
    auto pages = std::make_shared<RepositoryPages>(RepositoryPages{onPage, {}});
    (*ecr)->repositories(context, [prefix, pages](const QStringList& page) {
        QStringList shown;
        for (const QString& name : page) {
            if (name.startsWith(prefix))
                shown << name;
        }
        pages->add(shown);
    }, [pages, done](Result<void> finished) { pages->finish(finished, done); });
}

void EcrProvider::listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    (*ecr)->images(repository, context, [done](Result<QList<EcrImage>> images) {
        if (!images) {
            done(std::unexpected(images.error()));
            return;
        }
        QList<ProviderTag> tags;
        tags.reserve(images->size());
        for (const EcrImage& image : std::as_const(*images)) {
            for (const QString& name : image.tags)
                tags << ProviderTag{name, image.digest, image.pushed, image.pulled, image.size, {}};
        }
        sortByName(tags);
        done(tags);
    });
}

void EcrProvider::pushTimes(const QString& repository, QObject* context, Done<PushTimes> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    (*ecr)->images(repository, context, [done](Result<QList<EcrImage>> images) {
        if (!images) {
            done(std::unexpected(images.error()));
            return;
        }
        PushTimes times;
        for (const EcrImage& image : std::as_const(*images)) {
            // A referrer (signature, SBOM) belongs to its subject; it is not an image to expire.
            if (image.subject.isEmpty() && image.pushed.isValid())
                times.insert(image.digest, image.pushed);
        }
        done(times);
    });
}

void EcrProvider::scanReport(const QString& repository, const QString& digest, QObject* context, Done<std::optional<VulnerabilityReport>> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    (*ecr)->scanFindings(repository, digest, context, [done](Result<VulnerabilityReport> report) {
        if (!report)
            done(std::unexpected(report.error()));
        else
            done(std::optional<VulnerabilityReport>(*report));
    });
}

void EcrProvider::deleteImage(const QString& repository, const QString& digest, const QStringList&, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    (*ecr)->deleteImages(repository, QJsonArray{QJsonObject{{QStringLiteral("imageDigest"), digest}}}, context, done);
}

void EcrProvider::deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    // The digest the tag names first, for undo and the audit log; then ECR's own untag.
    const QJsonObject byTag{{QStringLiteral("imageTag"), tag}};
    const QJsonObject describe{{QStringLiteral("registryId"), (*ecr)->registry().accountId},
                               {QStringLiteral("repositoryName"), repository},
                               {QStringLiteral("imageIds"), QJsonArray{byTag}}};
    (*ecr)->call(QStringLiteral("DescribeImages"), describe, context, [ecr = *ecr, repository, byTag, context = QPointer(context), done](Result<QJsonObject> answer) {
        if (!answer) {
            done(std::unexpected(answer.error()));
            return;
        }
        const QString digest = answer->value(QStringLiteral("imageDetails")).toArray().at(0).toObject().value(QStringLiteral("imageDigest")).toString();
        if (digest.isEmpty()) {
            done(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("ECR has no tag %1 in %2").arg(byTag.value(QStringLiteral("imageTag")).toString(), repository))));
            return;
        }
        ecr->deleteImages(repository, QJsonArray{byTag}, context, [digest, done](Result<void> deleted) {
            if (!deleted)
                done(std::unexpected(deleted.error()));
            else
                done(digest);
        });
    });
}

void EcrProvider::checkApiLogin(QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    const QJsonObject request{{QStringLiteral("registryId"), (*ecr)->registry().accountId}, {QStringLiteral("maxResults"), 1}};
    (*ecr)->call(QStringLiteral("DescribeRepositories"), request, context, [done](Result<QJsonObject> answer) {
        if (!answer)
            done(std::unexpected(answer.error()));
        else
            done({});
    });
}

void EcrProvider::startScan(const QString& repository, const QString& reference, QObject* context, Done<QString> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    const QJsonObject imageId{{reference.startsWith(QLatin1String("sha256:")) ? QStringLiteral("imageDigest") : QStringLiteral("imageTag"), reference}};
    const QJsonObject request{{QStringLiteral("registryId"), (*ecr)->registry().accountId}, {QStringLiteral("repositoryName"), repository},
                              {QStringLiteral("imageId"), imageId}};
    (*ecr)->call(QStringLiteral("StartImageScan"), request, context, [done](Result<QJsonObject> started) {
        if (!started)
            done(std::unexpected(started.error()));
        else
            done(started->value(QStringLiteral("imageScanStatus")).toObject().value(QStringLiteral("status")).toString(QStringLiteral("IN_PROGRESS")));
    });
}

void EcrProvider::checkDelete(const QString&, QObject* context, Done<void> done)
{
    checkApiLogin(context, std::move(done));
}

void EcrProvider::registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    const QJsonObject request{{QStringLiteral("registryId"), (*ecr)->registry().accountId}, {QStringLiteral("repositoryName"), repository}};
    (*ecr)->call(QStringLiteral("GetLifecyclePolicy"), request, context, [done](Result<QJsonObject> answer) {
        if (!answer) {
            // ECR answers a repository without a policy with LifecyclePolicyNotFoundException.
            if (answer.error().registryCode == u"LifecyclePolicyNotFoundException")
                done(std::optional<RegistryPolicy>());
            else
                done(std::unexpected(answer.error()));
            return;
        }
        RegistryPolicy policy;
        policy.format = QStringLiteral("ecr-lifecycle");
        policy.text = answer->value(QStringLiteral("lifecyclePolicyText")).toString().toUtf8();
        const QJsonValue evaluated = answer->value(QStringLiteral("lastEvaluatedAt"));
        if (evaluated.isDouble())
            policy.lastEvaluated = fromEpochSeconds(evaluated.toDouble());
        done(std::optional<RegistryPolicy>(policy));
    });
}

void EcrProvider::previewRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<RegistryPolicyPreview> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    QJsonObject request{{QStringLiteral("registryId"), (*ecr)->registry().accountId}, {QStringLiteral("repositoryName"), repository}};
    if (!policy.isEmpty())
        request.insert(QStringLiteral("lifecyclePolicyText"), QString::fromUtf8(policy));
    (*ecr)->call(QStringLiteral("StartLifecyclePolicyPreview"), request, context,
                 [this, repository, context = QPointer(context), done](Result<QJsonObject> started) {
                     if (!started) {
                         done(std::unexpected(started.error()));
                         return;
                     }
                     pollPreview(repository, kPreviewPolls, context, done);
                 });
}

void EcrProvider::pollPreview(const QString& repository, int attemptsLeft, QObject* context, Done<RegistryPolicyPreview> done)
{
    auto collected = std::make_shared<RegistryPolicyPreview>();
    auto onPage = [collected](const JsonRef& page) -> std::optional<Error> {
        collected->status = page.value(QLatin1StringView("status")).toString();
        for (const JsonRef row : page.value(QLatin1StringView("previewResults"))) {
            RegistryPolicyPreviewEntry entry;
            entry.digest = row.value(QLatin1StringView("imageDigest")).toString();
            for (const JsonRef tag : row.value(QLatin1StringView("imageTags")))
                entry.tags << tag.toString();
            const JsonRef pushed = row.value(QLatin1StringView("imagePushedAt"));
            if (pushed.isNumber())
                entry.pushed = fromEpochSeconds(pushed.toDouble());
            entry.action = row.value(QLatin1StringView("action")).value(QLatin1StringView("type")).toString();
            entry.rule = int(row.value(QLatin1StringView("appliedRulePriority")).toInteger(-1));
            collected->entries << entry;
        }
        return std::nullopt;
    };
    const QJsonObject request{{QStringLiteral("registryId"), m_api->registry().accountId}, {QStringLiteral("repositoryName"), repository},
                              {QStringLiteral("maxResults"), 100}};
    m_api->callPages(QStringLiteral("GetLifecyclePolicyPreview"), request, context, onPage,
                     [this, repository, attemptsLeft, collected, context = QPointer(context), done](Result<void> finished) {
                         if (!finished) {
                             done(std::unexpected(finished.error()));
                             return;
                         }
                         if (collected->status != u"IN_PROGRESS") {
                             if (collected->status == u"COMPLETE")
                                 done(*collected);
                             else
                                 done(std::unexpected(Error::make(ErrorKind::Http, QStringLiteral("ECR's lifecycle policy preview ended %1")
                                                                                       .arg(collected->status))));
                             return;
                         }
                         if (attemptsLeft <= 1) {
                             done(std::unexpected(Error::make(ErrorKind::Transport, QStringLiteral("ECR's lifecycle policy preview did not finish in %1 s")
                                                                                        .arg(kPreviewPolls * kPreviewPollMs / 1000))));
                             return;
                         }
                         QTimer::singleShot(kPreviewPollMs, this, [this, repository, attemptsLeft, context, done] {
                             pollPreview(repository, attemptsLeft - 1, context, done);
                         });
                     });
}

void EcrProvider::putRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<void> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    const QJsonObject request{{QStringLiteral("registryId"), (*ecr)->registry().accountId},
                              {QStringLiteral("repositoryName"), repository},
                              {QStringLiteral("lifecyclePolicyText"), QString::fromUtf8(policy)}};
    (*ecr)->call(QStringLiteral("PutLifecyclePolicy"), request, context, [done](Result<QJsonObject> answer) {
        if (!answer)
            done(std::unexpected(answer.error()));
        else
            done({});
    });
}

} // namespace berth
