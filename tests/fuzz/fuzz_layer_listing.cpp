// A layer as libarchive reads it — gzip, zstd or plain tar, chosen by the first byte — with small
// limits, so that bombs stop where they should and every entry type is listed.
#include "FuzzInput.h"
#include "core/image/LayerListing.h"

namespace {
class MemorySource final : public berth::LayerByteSource
{
public:
    MemorySource(const uint8_t* data, size_t size) : m_data(data), m_size(size) {}
    qint64 read(const void** buffer) override
    {
        // In pieces, as a download arrives.
        const size_t piece = std::min<size_t>(m_size - m_at, 4096);
        *buffer = m_data + m_at;
        m_at += piece;
        return qint64(piece);
    }

private:
    const uint8_t* m_data;
    size_t m_size;
    size_t m_at = 0;
};
} // namespace

BERTH_FUZZ_TARGET
{
    if (size < 1)
        return 0;
    static const char* const kTypes[] = {"application/vnd.oci.image.layer.v1.tar+gzip", "application/vnd.oci.image.layer.v1.tar+zstd",
                                         "application/vnd.oci.image.layer.v1.tar"};
    MemorySource source(data + 1, size - 1);
    berth::ListingLimits limits;
    limits.maxCapturedBytes = 64 * 1024;
    limits.maxUncompressedBytes = 8 * 1024 * 1024;
    limits.maxEntries = 10000;
    (void)berth::listLayerStream(source, QString::fromLatin1(kTypes[data[0] % 3]), limits);
    return 0;
}
