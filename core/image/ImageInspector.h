#pragma once

#include "core/base/Error.h"
#include "core/registry/Manifest.h"

#include <QObject>
#include <functional>
#include <optional>

namespace berth {

class ContentStore;
class RegistryClient;

// Everything about one image that the details view and `berthctl inspect` show.
struct ImageDetails
{
    Manifest top; // what the reference names: an image manifest or an index
    Manifest image; // the platform's image manifest (== top when top is not an index)
    std::optional<ImageConfig> config; // absent for artifacts and schema 1
    QByteArray configRaw;
};

// Resolves a reference to one image: the index's platform, its manifest and its config, from the
// content store when it has them (manifests by digest never change) and else from the registry.
class ImageInspector final : public QObject
{
    Q_OBJECT
public:
    ImageInspector(RegistryClient* client, ContentStore* store, QObject* parent = nullptr);

    // `platform` picks from an index; without it linux/amd64, else the index's first platform.
    void inspect(const QString& repository, const QString& reference, const std::optional<Platform>& platform,
                 QObject* context, std::function<void(Result<ImageDetails>)> done);

private:
    void manifest(const QString& repository, const QString& reference, QObject* context,
                  std::function<void(Result<Manifest>)> done);
    void withImage(const QString& repository, ImageDetails details, QObject* context,
                   std::function<void(Result<ImageDetails>)> done);

    RegistryClient* m_client;
    ContentStore* m_store;
};

} // namespace berth
