#include "core/auth/Credentials.h"

#include <QPointer>

namespace berth {

void CredentialChain::lookup(const QString& registry, QObject* context, Callback callback)
{
    lookupFrom(0, registry, context, std::move(callback));
}

void CredentialChain::lookupFrom(qsizetype index, const QString& registry, QObject* context, Callback callback)
{
    if (index >= m_providers.size()) {
        callback(std::nullopt);
        return;
    }
    m_providers[index]->lookup(registry, context,
                               [this, index, registry, context = QPointer(context), callback](auto found) {
                                   if (found || !context)
                                       callback(found);
                                   else
                                       lookupFrom(index + 1, registry, context, callback);
                               });
}

bool CredentialChain::renewAfterRejection(const QString& registry)
{
    bool renewed = false;
    for (CredentialProvider* provider : std::as_const(m_providers))
        renewed = provider->renewAfterRejection(registry) || renewed;
    return renewed;
}

} // namespace berth
