#include "core/providers/GarCredentials.h"

#include "core/base/Guarded.h"

namespace berth {

GarCredentials::GarCredentials(HttpClient* http, QObject* parent)
    : QObject(parent)
    , m_google(http)
{
}

bool GarCredentials::isGoogleRegistry(const QString& host)
{
    return host.endsWith(QLatin1String("-docker.pkg.dev")) || host == u"gcr.io" || host.endsWith(QLatin1String(".gcr.io"));
}

void GarCredentials::lookup(const QString& registry, QObject* context, Callback callback)
{
    callback = guarded<std::optional<Credentials>>(context, std::move(callback));
    if (!isGoogleRegistry(registry.section(QLatin1Char(':'), 0, 0))) {
        callback(std::nullopt);
        return;
    }
    m_google.accessToken(this, [registry, callback](Result<GoogleAccessToken> token) {
        if (!token) {
            qWarning("berth: Google login for %s: %s", qPrintable(registry), qPrintable(token.error().message));
            callback(std::nullopt);
            return;
        }
        callback(Credentials{QStringLiteral("oauth2accesstoken"), token->token, false, QStringLiteral("Google credentials: %1").arg(token->source)});
    });
}

bool GarCredentials::renewAfterRejection(const QString& registry)
{
    if (!isGoogleRegistry(registry.section(QLatin1Char(':'), 0, 0)))
        return false;
    m_google.forget();
    return true;
}

} // namespace berth
