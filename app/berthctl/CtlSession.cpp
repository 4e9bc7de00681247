#include "CtlSession.h"

#include "CommandSupport.h"
#include "core/session/SavedRegistries.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace berth::ctl {

CtlSession::CtlSession(GlobalOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    // The ECR and Google APIs that log into their registries are trusted as the registry is (--ca-file).
    TlsOptions tls;
    tls.caFile = m_options.caFile;
    tls.verify = !m_options.insecureSkipTlsVerify;
    m_registry.ecrLogins().setTls(tls);
    m_registry.googleLogins().setTls(tls);
    if (m_options.timeoutSeconds > 0) {
        m_registry.http().setStallTimeoutMs(m_options.timeoutSeconds * 1000);
        m_registry.http().setConnectTimeoutMs(qMin(15, m_options.timeoutSeconds) * 1000);
    }
}

Result<RegistryEndpoint> CtlSession::endpointFor(const QString& registry) const
{
    auto endpoint = RegistryEndpoint::fromString(registry);
    if (!endpoint)
        return endpoint;
    // What the user chose for this registry in Berth (registries.ini): its family, API base, organisations.
    if (const auto saved = SavedRegistries::find(endpoint->name))
        saved->applyFamilyTo(*endpoint);
    if (m_options.plainHttp)
        endpoint->scheme = RegistryEndpoint::Scheme::Http;
    endpoint->tls.caFile = m_options.caFile;
    endpoint->tls.verify = !m_options.insecureSkipTlsVerify;
    return endpoint;
}

RegistryClient* CtlSession::clientFor(const RegistryEndpoint& endpoint, CredentialProvider* credentials)
{
    return m_registry.createClient(endpoint, credentials, this);
}

RegistryClient* CtlSession::clientForArgument(const QStringList& args, const QString& usage, bool image, Reference* ref,
                                              const std::function<void(int)>& exit)
{
    if (args.size() != 1) {
        exit(fail(Error::make(ErrorKind::InvalidInput, usage)));
        return nullptr;
    }
    auto parsed = image ? Reference::parseImage(args.first()) : Reference::parseRepository(args.first());
    if (!parsed) {
        exit(fail(parsed.error()));
        return nullptr;
    }
    auto endpoint = endpointFor(parsed->domain);
    if (!endpoint) {
        exit(fail(endpoint.error()));
        return nullptr;
    }
    *ref = *parsed;
    return clientFor(*endpoint);
}

void CtlSession::failReading(RegistryClient* client, const Reference& ref, const Error& error, const std::function<void(int)>& exit)
{
    client->explainMissingManifest(ref.path, referenceOf(ref), error, this, [this, exit](const Error& explained) { exit(fail(explained)); });
}

int CtlSession::fail(const Error& error) const
{
    if (m_options.json) {
        // Errors stay on stderr even in JSON mode, so that stdout is always a valid document or empty.
        const QJsonObject object{{QStringLiteral("error"), errorKindName(error.kind)},
                                 {QStringLiteral("message"), describe(error)}};
        std::fprintf(stderr, "%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    } else {
        std::fprintf(stderr, "berthctl: %s\n", qPrintable(describe(error)));
        const QString hint = suggestion(error);
        if (!hint.isEmpty())
            std::fprintf(stderr, "  hint: %s\n", qPrintable(hint));
    }
    switch (error.kind) {
    case ErrorKind::InvalidInput:
        return 2;
    case ErrorKind::Auth:
    case ErrorKind::Denied:
        return 3;
    case ErrorKind::NotFound:
        return 4;
    default:
        return 1;
    }
}

} // namespace berth::ctl
