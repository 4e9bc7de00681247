// A retention plan written by `retention plan --json`, read back for `retention apply --plan`.
#include "FuzzInput.h"
#include "core/retention/RetentionPlanFile.h"

BERTH_FUZZ_TARGET
{
    (void)berth::deletionRequestsFromPlanJson(berth::fuzz::bytes(data, size), QStringLiteral("registry.example/team/app"));
    return 0;
}
