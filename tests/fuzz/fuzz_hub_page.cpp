// A Docker Hub API page (repositories or tags) as the Hub provider reads it: JsonTape, then each
// result through tagFromJson (images as an array or one object, dates, sizes, digests).
#include "FuzzInput.h"
#include "core/base/JsonTape.h"
#include "core/providers/DockerHubProvider.h"

BERTH_FUZZ_TARGET
{
    const auto page = berth::JsonTape::parse(berth::fuzz::bytes(data, size));
    if (!page)
        return 0;
    const berth::JsonRef root = (*page)->root();
    (void)root.value(QLatin1StringView("count")).toInteger();
    (void)root.value(QLatin1StringView("next")).toString();
    for (const berth::JsonRef item : root.value(QLatin1StringView("results"))) {
        const berth::ProviderTag tag = berth::DockerHubProvider::tagFromJson(item);
        (void)item.value(QLatin1StringView("namespace")).toString(tag.name);
    }
    return 0;
}
