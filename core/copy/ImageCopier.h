#pragma once

#include "core/base/Error.h"
#include "core/registry/Manifest.h"

#include <QObject>
#include <QSet>
#include <QUrl>
#include <functional>
#include <memory>

namespace berth {

class RegistryClient;

struct CopyOptions
{
    QString platform; // one platform of an index ("linux/arm64"); empty: the index with all platforms
    bool referrers = true; // signatures, attestations, SBOMs and reports come along
    bool dryRun = false; // only find out what would move: nothing is pushed
    // The source repository's tags as just listed (a mirror run has them): cosign's tags and the
    // referrers tag are looked up there instead of asked for one by one.
    std::shared_ptr<const QSet<QString>> sourceTags;
};

// One finished step of a copy, as it happens (berthctl cp --json prints one line each).
struct CopyStep
{
    // With CopyOptions::dryRun, BlobCopied and ManifestPushed say what would be copied or pushed.
    enum class Kind { BlobPresent, BlobMounted, BlobCopied, ManifestPresent, ManifestPushed, Tagged, ReferrerCopied };
    Kind kind = Kind::BlobCopied;
    QString digest;
    qint64 bytes = 0;
    QString detail; // the tag, the referrer's artifact type
};
QString copyStepName(CopyStep::Kind kind); // "blob-present", "blob-copied", …

struct CopyReport
{
    QString digest; // what the destination tag points to
    QString mediaType;
    int blobsCopied = 0;
    int blobsPresent = 0;
    int blobsMounted = 0;
    int manifestsPushed = 0;
    int referrers = 0;
    qint64 bytesCopied = 0;
    bool alreadyTagged = false; // the destination tag named the image before: nothing was pushed
    QStringList notes; // what could not come along, in English
};

// Copies an image between repositories of any registries, each with its own login: the manifest
// bytes exactly as read (digests preserved), blobs the destination lacks streamed from source to
// destination through a bounded buffer (digest-checked by both ends), a cross-repository mount
// first within one registry. Order that loses nothing: blobs, then child manifests, then the
// index, then the tag (the top manifest pushed by its tag); a manifest already at the destination
// means its tree is complete, so a re-run transfers only what is missing, and a destination tag
// that already names the image (asked for beside the source manifest) means nothing is pushed at
// all. Referrers and cosign's tags come along by default.
class ImageCopier final : public QObject
{
    Q_OBJECT
public:
    ImageCopier(RegistryClient* source, RegistryClient* destination, QObject* parent = nullptr);

    // `reference` is a tag or digest in sourceRepository; `destinationTag` empty pushes by digest only.
    void copy(const QString& sourceRepository, const QString& reference, const QString& destinationRepository,
              const QString& destinationTag, const CopyOptions& options, std::function<void(const CopyStep&)> onStep,
              std::function<void(Result<CopyReport>)> done);
    void cancel();

    static constexpr qint64 kPipeCapacity = 4 * 1024 * 1024; // bytes per blob between download and upload

private:
    struct Run;
    void copyTree(const std::shared_ptr<Run>& run, const QString& reference, std::function<void(Result<Manifest>)> next);
    void copyManifest(const std::shared_ptr<Run>& run, const Manifest& manifest, std::function<void(Result<Manifest>)> next);
    void copyBlobs(const std::shared_ptr<Run>& run, const QList<Descriptor>& blobs, std::function<void(Result<void>)> next);
    void copyBlob(const std::shared_ptr<Run>& run, const Descriptor& blob, std::function<void(Result<void>)> next);
    // A download whose connection broke midway starts again from the first byte, in a new upload
    // (the registry drops the abandoned one), `retriesLeft` more times.
    // `session`: an upload the destination already opened for it.
    void streamBlob(const std::shared_ptr<Run>& run, const Descriptor& blob, std::function<void(Result<void>)> next,
                    int retriesLeft = kBlobRetries, const std::optional<QUrl>& session = std::nullopt);
    static constexpr int kBlobRetries = 2;
    void copyReferrers(const std::shared_ptr<Run>& run, const QString& digest, std::function<void()> next);
    void updateReferrersFallback(const std::shared_ptr<Run>& run, const QString& digest, const QList<Descriptor>& copied,
                                 std::function<void()> next);

    RegistryClient* m_source;
    RegistryClient* m_destination;
};

} // namespace berth
