// A token server's answer (token, access_token, expires_in, issued_at).
#include "FuzzInput.h"
#include "core/auth/TokenService.h"

#include <QDateTime>

BERTH_FUZZ_TARGET
{
    (void)berth::TokenService::parseResponse(berth::fuzz::bytes(data, size), QDateTime::fromSecsSinceEpoch(1764547200));
    return 0;
}
