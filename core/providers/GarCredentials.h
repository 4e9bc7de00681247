#pragma once

#include "core/auth/Credentials.h"
#include "core/auth/GoogleCredentials.h"

#include <QObject>

namespace berth {

// The registry login of Artifact Registry (LOCATION-docker.pkg.dev) and Container Registry
// hosts (gcr.io, *.gcr.io) made from Google's Application Default Credentials, as `gcloud auth
// configure-docker` would: user "oauth2accesstoken", the access token as password, renewed when
// it expires or the registry refuses it. Other hosts, and users without Google credentials, fall
// through to the next provider of the chain.
class GarCredentials final : public QObject, public CredentialProvider
{
    Q_OBJECT
public:
    explicit GarCredentials(HttpClient* http, QObject* parent = nullptr);

    void lookup(const QString& registry, QObject* context, Callback callback) override;
    bool renewAfterRejection(const QString& registry) override;
    void setTls(TlsOptions tls) { m_google.setTls(std::move(tls)); }

    // Whether a registry host is one Google serves with these credentials.
    static bool isGoogleRegistry(const QString& host);

private:
    GoogleCredentials m_google;
};

} // namespace berth
