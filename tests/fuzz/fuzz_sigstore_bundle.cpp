// Sigstore bundles v0.1–v0.3 (message signatures, DSSE envelopes, certificates, public key hints).
#include "FuzzInput.h"
#include "core/trust/SigstoreBundle.h"

BERTH_FUZZ_TARGET
{
    (void)berth::SigstoreBundle::parse(berth::fuzz::bytes(data, size));
    return 0;
}
