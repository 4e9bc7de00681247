#include "RegistrySession.h"

namespace berth {

RegistrySession::RegistrySession(QObject* parent)
    : QObject(parent)
    , m_tokens(&m_http)
{
    m_credentials.append(&m_logins);
    m_credentials.append(&m_dockerLogins);
}

RegistryClient* RegistrySession::createClient(const RegistryEndpoint& endpoint, CredentialProvider* credentials,
                                              QObject* parent)
{
    return new RegistryClient(endpoint, &m_http, &m_tokens, credentials ? credentials : &m_credentials,
                              parent ? parent : this);
}

} // namespace berth
