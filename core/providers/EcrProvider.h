#pragma once

#include "core/providers/Provider.h"

namespace berth {

// Amazon ECR (ACCOUNT.dkr.ecr.REGION.amazonaws.com) beside its registry: what its SigV4-signed
// API knows that the registry API does not. Today the push time of every image (DescribeImages);
// its scan findings; the cloud login, lifecycle policies and pull times come with the companion issue.
class EcrProvider final : public Provider
{
    Q_OBJECT
public:
    explicit EcrProvider(RegistryClient* client, QObject* parent = nullptr);

    ProviderKind kind() const override { return ProviderKind::Ecr; }
    ProviderCapabilities capabilities() const override;
    QString dateSource() const override { return QStringLiteral("ecr-api"); }
    // Every image of the repository (imagePushedAt), referrers such as signatures left out.
    void pushTimes(const QString& repository, QObject* context, Done<PushTimes> done) override;
    // ECR's scan findings of the image (DescribeImageScanFindings, every page).
    void scanReport(const QString& repository, const QString& digest, QObject* context,
                    Done<std::optional<VulnerabilityReport>> done) override;

private:
    // The SigV4-signed API of this registry's account and region; an error without AWS credentials.
    Result<class EcrApi*> api();
};

} // namespace berth
