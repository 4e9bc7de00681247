// Image configs (created, platform, env, history, rootfs).
#include "FuzzInput.h"
#include "core/registry/Manifest.h"

BERTH_FUZZ_TARGET
{
    (void)berth::ImageConfig::parse(berth::fuzz::bytes(data, size));
    (void)berth::Platform::parse(berth::fuzz::text(data, size));
    return 0;
}
