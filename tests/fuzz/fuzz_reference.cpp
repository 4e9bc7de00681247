// Image references as users and registries write them ("localhost:5000/team/app:1.0@sha256:…").
#include "FuzzInput.h"
#include "core/registry/Reference.h"

BERTH_FUZZ_TARGET
{
    const QString input = berth::fuzz::text(data, size);
    if (const auto ref = berth::Reference::parseAny(input))
        (void)berth::Reference::parseAny(ref->toString()); // what Berth prints must read back
    (void)berth::Reference::parseImage(input);
    (void)berth::Reference::parseRepository(input);
    return 0;
}
