#include "core/providers/RegistryPushTimes.h"

#include "core/base/Guarded.h"
#include "core/providers/EcrApi.h"
#include "core/providers/GhcrProvider.h"
#include "core/providers/HarborApi.h"
#include "core/registry/RegistryClient.h"

namespace berth {

RegistryPushTimes::RegistryPushTimes(RegistryClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
}

void RegistryPushTimes::read(const QString& repository, QObject* context, std::function<void(Result<PushTimes>)> done)
{
    done = guarded(context, std::move(done));
    const ProviderKind kind = providerKindFor(m_client->endpoint());
    if (kind == ProviderKind::DockerHub || kind == ProviderKind::Quay) {
        // Hub: each tag's last push; Quay: when each live tag started pointing at its image. An
        // image counts from the earliest of the tags naming it.
        Provider* provider = createProvider(m_client, this);
        provider->listTags(repository, nullptr, [provider, done](Result<QList<ProviderTag>> tags) {
            provider->deleteLater();
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
        return;
    }
    if (kind == ProviderKind::Ghcr) {
        // GHCR: every package version, tagged or not (an index's platform manifests and attached
        // signatures are untagged versions of their own), with when it was created.
        auto* ghcr = new GhcrProvider(m_client, this);
        ghcr->listVersions(repository, false, nullptr, [ghcr, done](Result<QList<GhcrProvider::Version>> versions) {
            ghcr->deleteLater();
            if (!versions) {
                done(std::unexpected(versions.error()));
                return;
            }
            PushTimes times;
            for (const GhcrProvider::Version& v : std::as_const(*versions))
                times.insert(v.digest, v.created);
            done(times);
        });
        return;
    }
    if (const auto ecr = EcrRegistry::fromHost(m_client->endpoint().apiHost)) {
        const auto aws = AwsCredentials::fromEnvironment();
        if (!aws) {
            done(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("ECR's push times need AWS credentials "
                                                                             "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws/credentials)"))));
            return;
        }
        auto* api = new EcrApi(m_client->http(), ecr->region, *aws, {}, m_client->endpoint().tls, this);
        api->pushTimes(ecr->accountId, repository, nullptr, [api, done](Result<PushTimes> times) {
            api->deleteLater();
            done(std::move(times));
        });
        return;
    }
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

} // namespace berth
