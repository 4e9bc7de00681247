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

Result<EcrApi*> EcrProvider::api()
{
    const auto ecr = EcrRegistry::fromHost(m_client->endpoint().apiHost);
    if (!ecr)
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1 is not an ECR registry host (ACCOUNT.dkr.ecr.REGION.amazonaws.com)")
                                                                        .arg(m_client->endpoint().apiHost)));
    const auto aws = AwsCredentials::fromEnvironment();
    if (!aws)
        return std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("ECR's API needs AWS credentials "
                                                                           "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws/credentials)")));
    return new EcrApi(m_client->http(), ecr->region, *aws, {}, m_client->endpoint().tls, this);
}

void EcrProvider::pushTimes(const QString& repository, QObject* context, Done<PushTimes> done)
{
    done = guarded(context, std::move(done));
    const auto ecr = api();
    if (!ecr) {
        done(std::unexpected(ecr.error()));
        return;
    }
    const QString account = EcrRegistry::fromHost(m_client->endpoint().apiHost)->accountId;
    (*ecr)->pushTimes(account, repository, nullptr, [api = *ecr, done](Result<PushTimes> times) {
        api->deleteLater();
        done(std::move(times));
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
    const QString account = EcrRegistry::fromHost(m_client->endpoint().apiHost)->accountId;
    (*ecr)->scanFindings(account, repository, digest, nullptr, [api = *ecr, done](Result<VulnerabilityReport> report) {
        api->deleteLater();
        if (!report)
            done(std::unexpected(report.error()));
        else
            done(std::optional<VulnerabilityReport>(*report));
    });
}

} // namespace berth
