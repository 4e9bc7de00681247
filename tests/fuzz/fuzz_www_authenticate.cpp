// WWW-Authenticate headers (challenges) and the token scopes they carry.
#include "FuzzInput.h"
#include "core/auth/AuthChallenge.h"

BERTH_FUZZ_TARGET
{
    const QByteArray header = berth::fuzz::bytes(data, size);
    for (const berth::AuthChallenge& challenge : berth::AuthChallenge::parse(header)) {
        for (const QString& text : challenge.scopes()) {
            berth::Scope scope;
            (void)berth::Scope::parse(text, &scope);
        }
    }
    berth::Scope scope;
    (void)berth::Scope::parse(QString::fromUtf8(header), &scope);
    return 0;
}
