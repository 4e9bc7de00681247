// SPDX and CycloneDX SBOMs.
#include "FuzzInput.h"
#include "core/scan/Sbom.h"

BERTH_FUZZ_TARGET
{
    (void)berth::parseSbom(berth::fuzz::bytes(data, size));
    return 0;
}
