#pragma once

#include "core/base/Error.h"
#include "core/registry/Reference.h"
#include "core/session/RegistrySession.h"

#include <QObject>
#include <memory>

namespace berth::ctl {

// Options that apply to every command.
struct GlobalOptions
{
    bool json = false;
    bool plainHttp = false;
    bool insecureSkipTlsVerify = false;
    QString caFile;
    QString platform; // --platform OS/ARCH[/VARIANT]
    QString sort; // --sort name|version|created|pushed, for tags and history
    bool offline = false;
    bool disabled = false; // --disabled: for webhooks set // --offline: answer from what Berth last saw, ask no registry
    QStringList connectTo; // BERTH_CONNECT_TO, then each --connect-to
    int timeoutSeconds = 0; // --timeout: a transfer silent this long fails (0: the HTTP client's default)
};

// What one berthctl run shares between commands: the HTTP engine, token cache and credentials
// (Berth's keychain logins first, then docker/podman logins).
class CtlSession final : public QObject
{
    Q_OBJECT
public:
    explicit CtlSession(GlobalOptions options, QObject* parent = nullptr);

    const GlobalOptions& options() const { return m_options; }
    // Routes host names as --connect-to says; fails on a malformed entry.
    Result<void> applyConnectTo() { return m_registry.http().setConnectTo(m_options.connectTo); }
    Result<RegistryEndpoint> endpointFor(const QString& registry) const;
    // A client for the registry; credentials default to the user's saved logins.
    RegistryClient* clientFor(const RegistryEndpoint& endpoint, CredentialProvider* credentials = nullptr);
    KeychainLogins& logins() { return m_registry.logins(); }
    ContentStore& contentStore() { return m_registry.contentStore(); }
    Result<ObservationLog*> observationLog() { return m_registry.observationLog(); }
    Result<AuditLog*> auditLog() { return m_registry.auditLog(); }
    Result<WatchJournal*> watchJournal() { return m_registry.watchJournal(); }
    HttpClient& http() { return m_registry.http(); }

    // The single REPO (or REF, with parseImage) argument of a command and a client for its
    // registry; on bad input prints the error, calls exit and returns nullptr.
    RegistryClient* clientForArgument(const QStringList& args, const QString& usage, bool image, Reference* ref,
                                      const std::function<void(int)>& exit);

    // Prints the error and a hint to stderr; returns the exit code for it.
    int fail(const Error& error) const;
    // As fail, for an error reading REF's manifest: a registry's 404 is first told apart into
    // "no such repository" and "no such tag" (one more request), then exit is called.
    void failReading(RegistryClient* client, const Reference& ref, const Error& error, const std::function<void(int)>& exit);

private:
    GlobalOptions m_options;
    RegistrySession m_registry;
};

} // namespace berth::ctl
