// Link headers of paged answers (tag lists, catalogs, GitHub's API), resolved against the request.
#include "FuzzInput.h"
#include "core/net/LinkHeader.h"

#include <QUrl>

BERTH_FUZZ_TARGET
{
    const QByteArray input = berth::fuzz::bytes(data, size);
    (void)berth::nextPageLink({input}, QUrl(QStringLiteral("https://registry.example/v2/team/app/tags/list?n=100")));
    (void)berth::nextPageLink(input.split('\n'), QUrl(QStringLiteral("https://api.github.com/user/packages")));
    return 0;
}
