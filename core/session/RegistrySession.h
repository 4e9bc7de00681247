#pragma once

#include "core/auth/Credentials.h"
#include "core/auth/DockerConfig.h"
#include "core/auth/KeychainLogins.h"
#include "core/auth/TokenService.h"
#include "core/net/HttpClient.h"
#include "core/providers/EcrCredentials.h"
#include "core/providers/GarCredentials.h"
#include "core/registry/RegistryClient.h"
#include "core/store/ContentStore.h"
#include "core/store/ObservationLog.h"

#include <QObject>
#include <memory>

namespace berth {

// What every front end shares: one HTTP engine, one token cache, and the user's logins: for an
// ECR registry the login made from the user's AWS credentials, for Artifact Registry the one made
// from Google's Application Default Credentials, then Berth's keychain logins, then docker/podman logins.
class RegistrySession final : public QObject
{
    Q_OBJECT
public:
    explicit RegistrySession(QObject* parent = nullptr);
    ~RegistrySession() override;

    HttpClient& http() { return m_http; }
    KeychainLogins& logins() { return m_logins; }
    DockerConfigCredentials& dockerLogins() { return m_dockerLogins; }
    EcrCredentials& ecrLogins() { return m_ecrLogins; }
    GarCredentials& googleLogins() { return m_googleLogins; }
    CredentialProvider& credentials() { return m_credentials; }
    ContentStore& contentStore() { return m_store; }
    // The tag history database in the cache directory, opened on first use.
    Result<ObservationLog*> observationLog();
    // The audit log of changes made through Berth, in the same database.
    Result<class AuditLog*> auditLog();
    // The watch's snapshots, events and cursors, in the same database.
    Result<class WatchJournal*> watchJournal();

    // A client for one registry; `credentials` overrides the saved logins (a login being checked).
    RegistryClient* createClient(const RegistryEndpoint& endpoint, CredentialProvider* credentials = nullptr,
                                 QObject* parent = nullptr);

private:
    HttpClient m_http;
    TokenService m_tokens;
    KeychainLogins m_logins;
    DockerConfigCredentials m_dockerLogins;
    EcrCredentials m_ecrLogins;
    GarCredentials m_googleLogins;
    CredentialChain m_credentials;
    ContentStore m_store;
    std::unique_ptr<ObservationLog> m_log;
    std::unique_ptr<class AuditLog> m_audit;
    std::unique_ptr<class WatchJournal> m_watchJournal;
};

} // namespace berth
