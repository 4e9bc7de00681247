// Lists one layer file with Berth's listing code and prints how many entries it found.
//   berth_layer_bench FILE MEDIA_TYPE      list it
//   berth_layer_bench --noop               start and stop, for the baseline memory figure
#include "core/image/LayerListing.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.value(1) == u"--noop")
        return 0;
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: berth_layer_bench FILE MEDIA_TYPE | --noop\n");
        return 2;
    }
    const auto listing = berth::listLayerFile(args[1], args[2]);
    if (!listing) {
        std::fprintf(stderr, "berth_layer_bench: %s\n", qPrintable(listing.error().message));
        return 1;
    }
    std::printf("%lld entries, %lld bytes uncompressed\n", static_cast<long long>(listing->entries.size()),
                static_cast<long long>(listing->uncompressedBytes));
    return 0;
}
