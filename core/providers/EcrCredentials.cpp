#include "core/providers/EcrCredentials.h"

#include "core/base/Guarded.h"
#include "core/providers/EcrApi.h"

namespace berth {

namespace {
    constexpr qint64 kRenewBeforeSeconds = 10 * 60;
}

EcrCredentials::EcrCredentials(HttpClient* http, QObject* parent)
    : QObject(parent)
    , m_http(http)
{
}

void EcrCredentials::lookup(const QString& registry, QObject* context, Callback callback)
{
    callback = guarded<std::optional<Credentials>>(context, std::move(callback));
    const auto ecr = EcrRegistry::fromHost(registry.section(QLatin1Char(':'), 0, 0));
    if (!ecr) {
        callback(std::nullopt);
        return;
    }
    if (const auto kept = m_kept.constFind(registry); kept != m_kept.constEnd()) {
        if (!kept->renewAt.isValid() || QDateTime::currentDateTimeUtc() < kept->renewAt) {
            callback(kept->credentials);
            return;
        }
    }
    auto* api = new EcrApi(m_http, *ecr, &m_aws, m_tls, this);
    api->authorizationToken(this, [this, api, registry, callback](Result<EcrAuthorization> login) {
        api->deleteLater();
        if (!login) {
            // No AWS credentials, or ECR refused them: the next provider may know a login (docker's).
            qWarning("berth: ECR login for %s: %s", qPrintable(registry), qPrintable(login.error().message));
            callback(std::nullopt);
            return;
        }
        Kept kept;
        kept.credentials = Credentials{login->username, login->password, false, QStringLiteral("AWS credentials")};
        if (const auto aws = m_aws.cached())
            kept.credentials.source = QStringLiteral("ECR's GetAuthorizationToken with AWS credentials from %1").arg(aws->source);
        const QDateTime renewAt = login->expiresAt.addSecs(-kRenewBeforeSeconds);
        if (login->expiresAt.isValid() && renewAt > QDateTime::currentDateTimeUtc())
            kept.renewAt = renewAt;
        m_kept.insert(registry, kept);
        callback(kept.credentials);
    });
}

bool EcrCredentials::renewAfterRejection(const QString& registry)
{
    return m_kept.remove(registry) > 0;
}

} // namespace berth
