#include "core/image/ImageInspector.h"

#include "core/base/Guarded.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"
#include "core/store/ContentStore.h"

namespace berth {

namespace {
    constexpr qint64 kMaxConfigBytes = 16 * 1024 * 1024;
}

ImageInspector::ImageInspector(RegistryClient* client, ContentStore* store, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{
}

void ImageInspector::manifest(const QString& repository, const QString& reference, QObject* context,
                              std::function<void(Result<Manifest>)> done)
{
    // A digest names fixed bytes: the store answers. A tag may have moved: ask the registry.
    if (isValidDigest(reference)) {
        if (const auto bytes = m_store->read(reference)) {
            done(Manifest::parse(*bytes, {}));
            return;
        }
    }
    m_client->fetchManifest(repository, reference, context, [this, done](Result<Manifest> fetched) {
        if (fetched)
            m_store->write(fetched->digest, fetched->raw);
        done(std::move(fetched));
    });
}

void ImageInspector::inspect(const QString& repository, const QString& reference, const std::optional<Platform>& platform,
                             QObject* context, std::function<void(Result<ImageDetails>)> done)
{
    done = guarded<Result<ImageDetails>>(context, std::move(done));
    manifest(repository, reference, context, [this, repository, platform, context = QPointer(context), done](Result<Manifest> top) {
        if (!top) {
            done(std::unexpected(top.error()));
            return;
        }
        ImageDetails details;
        details.top = *top;
        if (!top->isIndex()) {
            details.image = *top;
            withImage(repository, details, context, done);
            return;
        }
        std::optional<Descriptor> chosen;
        if (platform) {
            chosen = top->manifestFor(*platform);
        } else {
            chosen = top->manifestFor(Platform{QStringLiteral("linux"), QStringLiteral("amd64"), {}, {}});
            for (const Descriptor& d : top->manifests) {
                if (!chosen && d.platform && d.platform->os != u"unknown")
                    chosen = d;
            }
        }
        if (!chosen) {
            done(std::unexpected(top->noImageFor(platform ? platform->toString() : QStringLiteral("any platform"))));
            return;
        }
        manifest(repository, chosen->digest, context, [this, repository, details, context, done](Result<Manifest> image) mutable {
            if (!image) {
                done(std::unexpected(image.error()));
                return;
            }
            details.image = *image;
            withImage(repository, details, context, done);
        });
    });
}

void ImageInspector::withImage(const QString& repository, ImageDetails details, QObject* context,
                               std::function<void(Result<ImageDetails>)> done)
{
    if (details.image.kind != Manifest::Kind::Image || !details.image.artifactType.isEmpty()) {
        done(details); // schema 1 or an artifact: no image config to read
        return;
    }
    const QString digest = details.image.config.digest;
    auto parse = [details, done](const QByteArray& bytes) mutable {
        auto config = ImageConfig::parse(bytes);
        if (!config) {
            done(std::unexpected(config.error()));
            return;
        }
        details.config = *config;
        details.configRaw = bytes;
        done(details);
    };
    if (const auto bytes = m_store->read(digest)) {
        parse(*bytes);
        return;
    }
    m_client->fetchBlobBytes(repository, digest, kMaxConfigBytes, context, [this, digest, parse, done](Result<QByteArray> bytes) mutable {
        if (!bytes) {
            done(std::unexpected(bytes.error()));
            return;
        }
        m_store->write(digest, *bytes);
        parse(*bytes);
    });
}

} // namespace berth
