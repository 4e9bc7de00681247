// Lists one layer file with Berth's listing code and prints how many entries it found.
//   berth_layer_bench FILE MEDIA_TYPE             list it from the file
//   berth_layer_bench --streamed FILE MEDIA_TYPE  hand it over as a download does: this thread
//                                                 pushes it in 256 KiB pieces (curl's, for a layer)
//                                                 into a LayerStream, a worker lists it
//   berth_layer_bench --noop                      start and stop, for the baseline memory figure
// The first two differ only in where libarchive's bytes come from: a temporary file, or the
// bounded buffer LayerFiles uses instead of one. Their peak RSS tells what the buffer costs.
#include "core/image/LayerFiles.h"
#include "core/image/LayerListing.h"
#include "core/image/LayerStream.h"

#include <QCoreApplication>
#include <QFile>
#include <QtConcurrent>
#include <condition_variable>
#include <cstdio>
#include <mutex>

namespace {

berth::Result<berth::LayerListing> listStreamed(const QString& path, const QString& mediaType)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(berth::Error::make(berth::ErrorKind::InvalidInput, file.errorString()));
    berth::LayerStream stream(berth::LayerFiles::kStreamCapacity);
    std::mutex mutex;
    std::condition_variable roomAppeared;
    bool room = false;
    stream.setOnRoom([&] {
        std::lock_guard lock(mutex);
        room = true;
        roomAppeared.notify_one();
    });
    QFuture<berth::Result<berth::LayerListing>> listed = QtConcurrent::run([&stream, mediaType] {
        auto listing = berth::listLayerStream(stream, mediaType);
        stream.close(!listing);
        return listing;
    });
    QByteArray piece(256 * 1024, Qt::Uninitialized);
    for (;;) {
        while (!stream.ready()) { // held back, as FlowControl holds the download
            std::unique_lock lock(mutex);
            roomAppeared.wait(lock, [&] { return room; });
            room = false;
        }
        const qint64 n = file.read(piece.data(), piece.size());
        if (n <= 0) {
            stream.finish(n == 0);
            break;
        }
        if (!stream.push(QByteArrayView(piece.constData(), n)))
            break;
    }
    return listed.result();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    if (args.value(1) == u"--noop")
        return 0;
    const bool streamed = args.value(1) == u"--streamed";
    if (streamed)
        args.removeAt(1);
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: berth_layer_bench [--streamed] FILE MEDIA_TYPE | --noop\n");
        return 2;
    }
    const auto listing = streamed ? listStreamed(args[1], args[2]) : berth::listLayerFile(args[1], args[2]);
    if (!listing) {
        std::fprintf(stderr, "berth_layer_bench: %s\n", qPrintable(listing.error().message));
        return 1;
    }
    std::printf("%lld entries, %lld bytes uncompressed\n", static_cast<long long>(listing->entries.size()),
                static_cast<long long>(listing->uncompressedBytes));
    return 0;
}
