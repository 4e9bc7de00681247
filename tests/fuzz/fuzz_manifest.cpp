// Manifests, indexes and referrer lists under every content type a registry may send.
#include "FuzzInput.h"
#include "core/registry/Manifest.h"

BERTH_FUZZ_TARGET
{
    const QByteArray raw = berth::fuzz::bytes(data, size);
    for (const char* type : {"", "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
                             "application/vnd.docker.distribution.manifest.v2+json",
                             "application/vnd.docker.distribution.manifest.list.v2+json",
                             "application/vnd.docker.distribution.manifest.v1+prettyjws"}) {
        if (const auto manifest = berth::Manifest::parse(raw, QString::fromLatin1(type))) {
            for (const berth::Descriptor& d : manifest->manifests)
                (void)(d.platform ? d.platform->toString() : QString());
        }
    }
    return 0;
}
