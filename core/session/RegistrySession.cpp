#include "core/session/RegistrySession.h"

#include "core/registry/RegistryClient.h"

#include "core/base/Paths.h"
#include "core/providers/Provider.h"
#include "core/store/AuditLog.h"
#include "core/store/WatchJournal.h"

namespace berth {

RegistrySession::RegistrySession(QObject* parent)
    : QObject(parent)
    , m_tokens(&m_http)
    , m_ecrLogins(&m_http)
    , m_googleLogins(&m_http)
    , m_store(cacheDir())
{
    m_credentials.append(&m_ecrLogins);
    m_credentials.append(&m_googleLogins);
    m_credentials.append(&m_logins);
    m_credentials.append(&m_dockerLogins);
    RegistryClient::setLoopbackSchemesFile(cacheDir() + QStringLiteral("/loopback-schemes.ini"));
}

Result<ObservationLog*> RegistrySession::observationLog()
{
    if (!m_log) {
        auto log = std::make_unique<ObservationLog>(cacheDir() + QStringLiteral("/history.sqlite"));
        if (auto opened = log->open(); !opened)
            return std::unexpected(opened.error());
        m_log = std::move(log);
    }
    return m_log.get();
}

Result<AuditLog*> RegistrySession::auditLog()
{
    if (!m_audit) {
        auto audit = std::make_unique<AuditLog>(cacheDir() + QStringLiteral("/history.sqlite"));
        if (auto opened = audit->open(); !opened)
            return std::unexpected(opened.error());
        m_audit = std::move(audit);
    }
    return m_audit.get();
}

Result<WatchJournal*> RegistrySession::watchJournal()
{
    if (!m_watchJournal) {
        auto journal = std::make_unique<WatchJournal>(cacheDir() + QStringLiteral("/history.sqlite"));
        if (auto opened = journal->open(); !opened)
            return std::unexpected(opened.error());
        m_watchJournal = std::move(journal);
    }
    return m_watchJournal.get();
}

RegistrySession::~RegistrySession() = default;

RegistryClient* RegistrySession::createClient(const RegistryEndpoint& endpoint, CredentialProvider* credentials,
                                              QObject* parent)
{
    auto* client = new RegistryClient(endpoint, &m_http, &m_tokens, credentials ? credentials : &m_credentials, parent ? parent : this);
    client->setPullsCounted(countsPulls(endpoint));
    return client;
}

} // namespace berth
