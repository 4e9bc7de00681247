// Quay's API v1 pages as the Quay provider reads them: a namespace's repository list (rows and
// next_page) and a repository's tag list (rows with start and end, has_additional).
#include "FuzzInput.h"
#include "core/providers/QuayProvider.h"

BERTH_FUZZ_TARGET
{
    const QByteArray body = berth::fuzz::bytes(data, size);
    (void)berth::QuayProvider::readRepositoryPage(body, QStringLiteral("ns"));
    if (const auto page = berth::QuayProvider::readTagPage(body)) {
        if (page->rows.size() > page->items)
            std::abort(); // no more rows than the page listed
        for (const auto& row : page->rows) {
            if (row.name.isEmpty() || !row.start.isValid())
                std::abort();
        }
    }
    return 0;
}
