#include "core/providers/EcrProvider.h"

#include "core/base/Guarded.h"
#include "core/providers/EcrApi.h"
#include "core/registry/RegistryClient.h"

namespace berth {

EcrProvider::EcrProvider(RegistryClient* client, QObject* parent)
    : Provider(client, parent)
{
}

ProviderCapabilities EcrProvider::capabilities() const
{
    ProviderCapabilities caps = Provider::capabilities();
    caps.catalog = true;
    caps.pushTimes = true;
    return caps;
}

void EcrProvider::pushTimes(const QString& repository, QObject* context, Done<PushTimes> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = EcrRegistry::fromHost(m_client->endpoint().apiHost);
    if (!ecr) {
        done(std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1 is not an ECR registry host (ACCOUNT.dkr.ecr.REGION.amazonaws.com)")
                                                                      .arg(m_client->endpoint().apiHost))));
        return;
    }
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
}

} // namespace berth
