#pragma once

#include "core/auth/AwsConfig.h"
#include "core/providers/Provider.h"

namespace berth {

class EcrApi;

// Amazon ECR (ACCOUNT.dkr.ecr.REGION.amazonaws.com) through its own SigV4-signed API, with the
// user's AWS credentials: repositories (DescribeRepositories), images with push and last
// recorded pull times (DescribeImages), deletion by digest or by tag (BatchDeleteImage; ECR
// removes an image with its last tag), scan findings, and the repository's lifecycle policy.
class EcrProvider final : public Provider
{
    Q_OBJECT
public:
    explicit EcrProvider(RegistryClient* client, QObject* parent = nullptr);

    ProviderKind kind() const override { return ProviderKind::Ecr; }
    ProviderCapabilities capabilities() const override;
    QString dateSource() const override { return QStringLiteral("ecr-api"); }

    void listRepositories(const QString& ns, QObject* context, Done<QStringList> done, PageCallback onPage = {}) override;
    void listTags(const QString& repository, QObject* context, Done<QList<ProviderTag>> done) override;
    // Every image of the repository (imagePushedAt), referrers such as signatures left out.
    void pushTimes(const QString& repository, QObject* context, Done<PushTimes> done) override;
    // ECR's scan findings of the image (DescribeImageScanFindings, every page).
    void scanReport(const QString& repository, const QString& digest, QObject* context,
                    Done<std::optional<VulnerabilityReport>> done) override;
    void deleteImage(const QString& repository, const QString& digest, const QStringList& tags, QObject* context,
                     Done<void> done) override;
    void deleteTag(const QString& repository, const QString& tag, QObject* context, Done<QString> done) override;
    void checkApiLogin(QObject* context, Done<void> done) override;
    // StartImageScan (basic scanning) of a tag or digest.
    void startScan(const QString& repository, const QString& reference, QObject* context, Done<QString> done) override;
    // ECR has no dry-run delete: what can be checked is that the API takes the credentials.
    void checkDelete(const QString& repository, QObject* context, Done<void> done) override;

    void registryPolicy(const QString& repository, QObject* context, Done<std::optional<RegistryPolicy>> done) override;
    void previewRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context,
                               Done<RegistryPolicyPreview> done) override;
    void putRegistryPolicy(const QString& repository, const QByteArray& policy, QObject* context, Done<void> done) override;

private:
    // The API of this registry's account and region; an error for a host that is not ECR's.
    Result<EcrApi*> api();
    void pollPreview(const QString& repository, int attemptsLeft, QObject* context, Done<RegistryPolicyPreview> done);

    AwsCredentialResolver m_aws;
    EcrApi* m_api = nullptr;
};

} // namespace berth
