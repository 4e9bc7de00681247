#include "core/copy/ImageCopier.h"

#include "core/copy/BlobPipe.h"
#include "core/net/HttpMessage.h"
#include "core/registry/Digest.h"
#include "core/registry/RegistryClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

// Waits for `count` results; delivers the first error, or success once all succeeded.
std::function<void(Result<void>)> joinAll(int count, std::function<void(Result<void>)> next)
{
    struct State
    {
        int left;
        bool failed = false;
    };
    auto state = std::make_shared<State>(State{count});
    return [state, next](Result<void> result) {
        if (state->failed)
            return;
        if (!result) {
            state->failed = true;
            next(std::unexpected(result.error()));
            return;
        }
        if (--state->left == 0)
            next({});
    };
}

} // namespace

QString copyStepName(CopyStep::Kind kind)
{
    switch (kind) {
    case CopyStep::Kind::BlobPresent:
        return QStringLiteral("blob-present");
    case CopyStep::Kind::BlobMounted:
        return QStringLiteral("blob-mounted");
    case CopyStep::Kind::BlobCopied:
        return QStringLiteral("blob-copied");
    case CopyStep::Kind::ManifestPresent:
        return QStringLiteral("manifest-present");
    case CopyStep::Kind::ManifestPushed:
        return QStringLiteral("manifest-pushed");
    case CopyStep::Kind::Tagged:
        return QStringLiteral("tagged");
    case CopyStep::Kind::ReferrerCopied:
        break;
    }
    return QStringLiteral("referrer-copied");
}

struct ImageCopier::Run
{
    QString sourceRepository;
    QString destinationRepository;
    CopyOptions options;
    std::function<void(const CopyStep&)> onStep;
    CopyReport report;
    // Blobs done or under way in this run, with whoever waits for them: an index's images share layers.
    QHash<QString, QList<std::function<void(Result<void>)>>> blobWaiters;
    QSet<QString> blobsDone;
    bool sameRegistry = false;
    // The image the destination tag will name: pushed by that tag directly (one PUT, not two).
    QString tag;
    QString tagTarget;
    bool taggedByPush = false;

    void step(CopyStep::Kind kind, const QString& digest, qint64 bytes = 0, const QString& detail = {})
    {
        if (onStep)
            onStep(CopyStep{kind, digest, bytes, detail});
    }
};

ImageCopier::ImageCopier(RegistryClient* source, RegistryClient* destination, QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_destination(destination)
{
}

void ImageCopier::cancel()
{
    m_source->cancelAll();
    m_destination->cancelAll();
}

void ImageCopier::copy(const QString& sourceRepository, const QString& reference, const QString& destinationRepository,
                       const QString& destinationTag, const CopyOptions& options, std::function<void(const CopyStep&)> onStep,
                       std::function<void(Result<CopyReport>)> done)
{
    auto run = std::make_shared<Run>();
    run->sourceRepository = sourceRepository;
    run->destinationRepository = destinationRepository;
    run->options = options;
    run->onStep = std::move(onStep);
    run->sameRegistry = m_source->endpoint().name == m_destination->endpoint().name;

    // The destination's tag is asked for beside the source manifest: a tag already naming the
    // image means its whole tree is there (a tag is pushed last), so nothing more is asked of it.
    struct Start
    {
        std::optional<Result<Manifest>> top;
        std::optional<QString> taggedDigest; // what the destination tag names now ("" none, or unknown)
    };
    auto start = std::make_shared<Start>();
    auto begin = [this, run, start, destinationTag, done] {
        if (!start->top || !start->taggedDigest)
            return;
        const Result<Manifest>& top = *start->top;
        if (!top) {
            done(std::unexpected(top.error()));
            return;
        }
        auto finish = [this, run, done](const QString& digest) {
            if (!run->options.referrers || run->options.dryRun) {
                done(run->report);
                return;
            }
            copyReferrers(run, digest, [run, done] { done(run->report); });
        };
        auto tagAndFinish = [this, run, destinationTag, done, finish](Result<Manifest> copied) {
            if (!copied) {
                done(std::unexpected(copied.error()));
                return;
            }
            run->report.digest = copied->digest;
            run->report.mediaType = copied->mediaType;
            if (destinationTag.isEmpty() || run->options.dryRun) { // a dry run tags nothing
                finish(copied->digest);
                return;
            }
            if (run->taggedByPush) {
                run->step(CopyStep::Kind::Tagged, copied->digest, 0, destinationTag);
                finish(copied->digest);
                return;
            }
            // Last: the tag, once everything it points to is there.
            m_destination->putManifest(run->destinationRepository, destinationTag, copied->raw, copied->mediaType, this,
                                       [run, destinationTag, digest = copied->digest, finish, done](Result<QString> tagged) {
                                           if (!tagged) {
                                               done(std::unexpected(tagged.error()));
                                               return;
                                           }
                                           run->step(CopyStep::Kind::Tagged, digest, 0, destinationTag);
                                           finish(digest);
                                       });
        };
        // One platform of an index: that image alone (the index would name images not copied).
        std::optional<Descriptor> child;
        if (!run->options.platform.isEmpty() && top->isIndex()) {
            const auto wanted = Platform::parse(run->options.platform);
            child = wanted ? top->manifestFor(*wanted) : std::nullopt;
            if (!child) {
                done(std::unexpected(top->noImageFor(run->options.platform)));
                return;
            }
        }
        const QString digest = child ? child->digest : top->digest;
        if (!start->taggedDigest->isEmpty() && *start->taggedDigest == digest) {
            run->report.digest = digest;
            run->report.mediaType = child ? child->mediaType : top->mediaType;
            run->report.alreadyTagged = true;
            run->step(CopyStep::Kind::ManifestPresent, digest, child ? child->size : top->raw.size(), destinationTag);
            finish(digest);
            return;
        }
        run->tag = destinationTag;
        run->tagTarget = digest;
        if (child)
            copyTree(run, child->digest, tagAndFinish);
        else
            copyManifest(run, *top, tagAndFinish);
    };
    if (destinationTag.isEmpty()) {
        start->taggedDigest = QString();
    } else {
        m_destination->headManifest(destinationRepository, destinationTag, this, [start, begin](Result<ManifestHead> head) {
            start->taggedDigest = head ? head->digest : QString(); // any failure: copied as if untagged
            begin();
        });
    }
    m_source->fetchManifest(sourceRepository, reference, this, [start, begin](Result<Manifest> top) {
        start->top = std::move(top);
        begin();
    });
}

void ImageCopier::copyTree(const std::shared_ptr<Run>& run, const QString& reference, std::function<void(Result<Manifest>)> next)
{
    m_source->fetchManifest(run->sourceRepository, reference, this, [this, run, next](Result<Manifest> manifest) {
        if (!manifest)
            next(std::move(manifest));
        else
            copyManifest(run, *manifest, next);
    });
}

void ImageCopier::copyManifest(const std::shared_ptr<Run>& run, const Manifest& m, std::function<void(Result<Manifest>)> next)
{
    if (m.kind == Manifest::Kind::Schema1) {
        next(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("%1 is a Docker schema 1 manifest, which registries no longer "
                                                                                "accept; not copied (rebuild or convert the image first)")
                                                                     .arg(m.digest))));
        return;
    }
    // A manifest already at the destination was pushed after everything it names: done.
    m_destination->headManifest(run->destinationRepository, m.digest, this, [this, run, m, next](Result<ManifestHead> present) {
        if (present && present->digest == m.digest) {
            run->step(CopyStep::Kind::ManifestPresent, m.digest, m.raw.size());
            next(m);
            return;
        }
        auto pushed = [run, m, next] {
            ++run->report.manifestsPushed;
            run->step(CopyStep::Kind::ManifestPushed, m.digest, m.raw.size());
            next(m);
        };
        auto push = [this, run, m, next, pushed](Result<void> below) {
            if (!below) {
                next(std::unexpected(below.error()));
                return;
            }
            if (run->options.dryRun) { // it would be pushed
                pushed();
                return;
            }
            const bool byTag = !run->tag.isEmpty() && m.digest == run->tagTarget;
            m_destination->putManifest(run->destinationRepository, byTag ? run->tag : m.digest, m.raw, m.mediaType, this,
                                       [run, byTag, next, pushed](Result<QString> put) {
                                           if (!put) {
                                               next(std::unexpected(put.error()));
                                               return;
                                           }
                                           run->taggedByPush = byTag;
                                           pushed();
                                       });
        };
        if (m.isIndex()) {
            if (m.manifests.isEmpty()) {
                push({});
                return;
            }
            auto join = joinAll(int(m.manifests.size()), push);
            for (const Descriptor& child : m.manifests)
                copyTree(run, child.digest, [join](Result<Manifest> copied) {
                    join(copied ? Result<void>{} : Result<void>(std::unexpected(copied.error())));
                });
            return;
        }
        QList<Descriptor> blobs{m.config};
        blobs += m.layers;
        copyBlobs(run, blobs, push);
    });
}

void ImageCopier::copyBlobs(const std::shared_ptr<Run>& run, const QList<Descriptor>& blobs, std::function<void(Result<void>)> next)
{
    QList<Descriptor> wanted;
    for (const Descriptor& blob : blobs) {
        if (!blob.digest.isEmpty())
            wanted << blob;
    }
    if (wanted.isEmpty()) {
        next({});
        return;
    }
    auto join = joinAll(int(wanted.size()), next);
    for (const Descriptor& blob : wanted)
        copyBlob(run, blob, join);
}

void ImageCopier::copyBlob(const std::shared_ptr<Run>& run, const Descriptor& blob, std::function<void(Result<void>)> next)
{
    if (run->blobsDone.contains(blob.digest)) {
        next({});
        return;
    }
    if (auto waiting = run->blobWaiters.find(blob.digest); waiting != run->blobWaiters.end()) {
        waiting->append(next);
        return;
    }
    run->blobWaiters.insert(blob.digest, {next});
    auto settle = [run, digest = blob.digest](Result<void> result) {
        const auto waiters = run->blobWaiters.take(digest);
        if (result)
            run->blobsDone.insert(digest);
        for (const auto& waiter : waiters)
            waiter(result);
    };
    if (!run->options.dryRun && (!run->sameRegistry || run->sourceRepository == run->destinationRepository)) {
        // Whether the destination has it and, if not, an upload session: one request.
        m_destination->startUploadUnlessPresent(run->destinationRepository, blob.digest, this,
                                                [this, run, blob, settle](Result<std::optional<QUrl>> session) {
                                                    if (!session) {
                                                        settle(std::unexpected(session.error()));
                                                    } else if (!*session) {
                                                        ++run->report.blobsPresent;
                                                        run->step(CopyStep::Kind::BlobPresent, blob.digest, blob.size);
                                                        settle({});
                                                    } else {
                                                        streamBlob(run, blob, settle, kBlobRetries, **session);
                                                    }
                                                });
        return;
    }
    m_destination->hasBlob(run->destinationRepository, blob.digest, this, [this, run, blob, settle](Result<bool> present) {
        if (!present) {
            settle(std::unexpected(present.error()));
            return;
        }
        if (*present) {
            ++run->report.blobsPresent;
            run->step(CopyStep::Kind::BlobPresent, blob.digest, blob.size);
            settle({});
            return;
        }
        if (run->options.dryRun) { // it would be copied (or mounted): its bytes are what would move
            ++run->report.blobsCopied;
            run->report.bytesCopied += qMax<qint64>(blob.size, 0);
            run->step(CopyStep::Kind::BlobCopied, blob.digest, blob.size);
            settle({});
            return;
        }
        if (!run->sameRegistry || run->sourceRepository == run->destinationRepository) {
            streamBlob(run, blob, settle);
            return;
        }
        // Within one registry: a mount links the blob without moving a byte.
        m_destination->mountBlob(run->destinationRepository, blob.digest, run->sourceRepository, this, [this, run, blob, settle](Result<bool> mounted) {
            if (mounted && *mounted) {
                ++run->report.blobsMounted;
                run->step(CopyStep::Kind::BlobMounted, blob.digest, blob.size);
                settle({});
                return;
            }
            streamBlob(run, blob, settle);
        });
    });
}

void ImageCopier::streamBlob(const std::shared_ptr<Run>& run, const Descriptor& blob, std::function<void(Result<void>)> next, int retriesLeft,
                             const std::optional<QUrl>& session)
{
    struct Ends
    {
        std::optional<Result<qint64>> download;
        std::optional<Result<void>> upload;
    };
    auto pipe = std::make_shared<BlobPipe>(kPipeCapacity, this);
    auto ends = std::make_shared<Ends>();
    auto settle = [this, run, blob, ends, next, retriesLeft] {
        if (!ends->download || !ends->upload)
            return;
        // The source's digest check speaks first: a corrupt source is the cause, not the refusal.
        if (!*ends->download && ends->download->error().connectionLost && retriesLeft > 0) {
            streamBlob(run, blob, next, retriesLeft - 1);
            return;
        }
        if (!*ends->download) {
            next(std::unexpected(ends->download->error()));
            return;
        }
        if (!*ends->upload) {
            next(std::unexpected(ends->upload->error()));
            return;
        }
        ++run->report.blobsCopied;
        run->report.bytesCopied += **ends->download;
        run->step(CopyStep::Kind::BlobCopied, blob.digest, **ends->download);
        next({});
    };
    auto read = [pipe](char* buffer, qint64 max) { return pipe->read(buffer, max); };
    auto uploaded = [pipe, ends, settle](Result<void> result) {
        if (!result)
            pipe->abandon();
        ends->upload = std::move(result);
        settle();
    };
    // A retry opens a session of its own: the registry drops the one whose upload broke.
    if (session)
        m_destination->uploadBlobStreamTo(*session, run->destinationRepository, blob.size, read, pipe->uploadFlow(), this, uploaded);
    else
        m_destination->uploadBlobStream(run->destinationRepository, blob.digest, blob.size, read, pipe->uploadFlow(), this, uploaded);
    m_source->fetchBlob(run->sourceRepository, blob.digest, [pipe](QByteArrayView data) { return pipe->push(data); }, this,
                        [pipe, ends, settle](Result<qint64> fetched) {
                            pipe->finish(fetched.has_value());
                            ends->download = std::move(fetched);
                            settle();
                        },
                        pipe->downloadFlow());
}

void ImageCopier::copyReferrers(const std::shared_ptr<Run>& run, const QString& digest, std::function<void()> next)
{
    // cosign's tag scheme first (sha256-<hex>.sig/.att/.sbom), then the referrers.
    const QStringList tags{digestAsTag(digest) + QStringLiteral(".sig"), digestAsTag(digest) + QStringLiteral(".att"),
                           digestAsTag(digest) + QStringLiteral(".sbom")};
    auto pending = std::make_shared<int>(int(tags.size()) + 1);
    auto settle = [pending, next] {
        if (--*pending == 0)
            next();
    };
    const auto& listed = run->options.sourceTags; // a tag not listed is not asked for
    for (const QString& tag : tags) {
        if (listed && !listed->contains(tag)) {
            settle();
            continue;
        }
        m_source->headManifest(run->sourceRepository, tag, this, [this, run, tag, settle](Result<ManifestHead> head) {
            if (!head) {
                settle(); // none of that kind
                return;
            }
            copyTree(run, head->digest, [this, run, tag, settle](Result<Manifest> copied) {
                if (!copied) {
                    run->report.notes << QStringLiteral("%1 was not copied: %2").arg(tag, copied.error().message);
                    settle();
                    return;
                }
                m_destination->putManifest(run->destinationRepository, tag, copied->raw, copied->mediaType, this,
                                           [run, tag, digest = copied->digest, settle](Result<QString> tagged) {
                                               if (tagged) {
                                                   ++run->report.referrers;
                                                   run->step(CopyStep::Kind::ReferrerCopied, digest, 0, tag);
                                               } else {
                                                   run->report.notes << QStringLiteral("%1 was not tagged: %2").arg(tag, tagged.error().message);
                                               }
                                               settle();
                                           });
            });
        });
    }
    if (listed && m_source->lacksReferrersApi() && !listed->contains(digestAsTag(digest))) {
        settle(); // the tag schema's index would be among the tags
        return;
    }
    m_source->listReferrers(run->sourceRepository, digest, {}, this, [this, run, digest, settle](Result<QList<Descriptor>> referrers) {
        if (!referrers) {
            run->report.notes << QStringLiteral("the referrers could not be listed: %1").arg(referrers.error().message);
            settle();
            return;
        }
        if (referrers->isEmpty()) {
            settle();
            return;
        }
        auto copied = std::make_shared<QList<Descriptor>>();
        auto left = std::make_shared<int>(int(referrers->size()));
        for (const Descriptor& referrer : *referrers) {
            copyTree(run, referrer.digest, [this, run, digest, referrer, copied, left, settle](Result<Manifest> result) {
                if (result) {
                    *copied << referrer;
                    ++run->report.referrers;
                    run->step(CopyStep::Kind::ReferrerCopied, referrer.digest, 0, referrer.artifactType);
                } else {
                    run->report.notes << QStringLiteral("the referrer %1 was not copied: %2").arg(referrer.digest, result.error().message);
                }
                if (--*left == 0)
                    updateReferrersFallback(run, digest, *copied, settle);
            });
        }
    });
}

void ImageCopier::updateReferrersFallback(const std::shared_ptr<Run>& run, const QString& digest, const QList<Descriptor>& copied,
                                          std::function<void()> next)
{
    if (copied.isEmpty()) {
        next();
        return;
    }
    // A registry with the referrers API finds them by their subject; one without it reads the
    // sha256-<hex> index (OCI distribution spec, referrers tag schema), which is merged here.
    RegistryRequest probe;
    probe.path = QStringLiteral("/v2/%1/referrers/%2").arg(run->destinationRepository, digest);
    probe.scopes = {Scope::repository(run->destinationRepository, {QStringLiteral("pull")})};
    probe.headers.append({QByteArrayLiteral("Accept"), MediaType::OciIndex.toLatin1()});
    m_destination->send(probe, this, [this, run, digest, copied, next](Result<HttpResponse> answer) {
        if (answer || answer.error().kind != ErrorKind::NotFound) {
            next();
            return;
        }
        const QString tag = digestAsTag(digest);
        m_destination->fetchManifest(run->destinationRepository, tag, this, [this, run, tag, copied, next](Result<Manifest> existing) {
            QJsonArray entries;
            QSet<QString> listed;
            if (existing && existing->isIndex()) {
                for (const QJsonValue& entry : QJsonDocument::fromJson(existing->raw).object().value(QStringLiteral("manifests")).toArray()) {
                    entries.append(entry);
                    listed << entry.toObject().value(QStringLiteral("digest")).toString();
                }
            }
            for (const Descriptor& d : copied) {
                if (listed.contains(d.digest))
                    continue;
                QJsonObject entry{{QStringLiteral("mediaType"), d.mediaType}, {QStringLiteral("digest"), d.digest}, {QStringLiteral("size"), d.size}};
                if (!d.artifactType.isEmpty())
                    entry.insert(QStringLiteral("artifactType"), d.artifactType);
                if (!d.annotations.isEmpty()) {
                    QJsonObject annotations;
                    for (auto it = d.annotations.cbegin(); it != d.annotations.cend(); ++it)
                        annotations.insert(it.key(), it.value());
                    entry.insert(QStringLiteral("annotations"), annotations);
                }
                entries.append(entry);
            }
            const QByteArray index = QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), MediaType::OciIndex},
                                                               {QStringLiteral("manifests"), entries}})
                                         .toJson(QJsonDocument::Compact);
            m_destination->putManifest(run->destinationRepository, tag, index, MediaType::OciIndex, this, [run, tag, next](Result<QString> put) {
                if (!put)
                    run->report.notes << QStringLiteral("the referrers index %1 was not written: %2").arg(tag, put.error().message);
                next();
            });
        });
    });
}

} // namespace berth
