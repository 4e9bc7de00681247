// RegistryClient: manifests, blobs and referrers (the lists and authentication are in RegistryClient.cpp).
#include "core/base/Guarded.h"
#include "core/registry/Digest.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <cstring>
#include <memory>

namespace berth {
namespace {

    QStringList pullScope(const QString& repository) { return {Scope::repository(repository, {QStringLiteral("pull")})}; }

    RegistryRequest manifestHeadRequest(const QString& repository, const QString& reference, const QByteArray& accept)
    {
        RegistryRequest request;
        request.method = "HEAD";
        request.path = QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference);
        request.scopes = pullScope(repository);
        request.headers.append({QByteArrayLiteral("Accept"), accept});
        return request;
    }

    ManifestHead manifestHeadOf(const HttpResponse& response)
    {
        ManifestHead head;
        head.digest = QString::fromLatin1(response.header("docker-content-digest")).trimmed();
        head.mediaType = bareMediaType(QString::fromLatin1(response.header("content-type")));
        bool ok = false;
        head.size = response.header("content-length").toLongLong(&ok);
        if (!ok)
            head.size = -1;
        return head;
    }

    Error digestMismatch(const QString& what, const QString& expected, const QString& actual)
    {
        return Error::make(ErrorKind::DigestMismatch,
                           QStringLiteral("%1 does not match its digest: expected %2, got %3").arg(what, expected, actual));
    }

    // The referrers tag schema: <alg>-<hex>, algorithm cut to 32 and hex to 64 characters.
    QString referrersTag(const QString& digest)
    {
        const QString algorithm = digest.section(QLatin1Char(':'), 0, 0).left(32);
        const QString hex = digest.section(QLatin1Char(':'), 1).left(64);
        QString tag = algorithm + QLatin1Char('-') + hex;
        for (QChar& c : tag) {
            if (!c.isLetterOrNumber() && c != QLatin1Char('_') && c != QLatin1Char('.') && c != QLatin1Char('-'))
                c = QLatin1Char('-');
        }
        return tag;
    }

} // namespace

void RegistryClient::fetchManifest(const QString& repository, const QString& reference, QObject* context,
                                   Done<Manifest> done)
{
    done = guarded(context, std::move(done));
    auto start = [this, repository, reference, done] {
        if (m_pullsLeft == 0) {
            done(std::unexpected(Error::make(ErrorKind::RateLimited,
                                             QStringLiteral("the registry's pull limit is used up (0 of %1 pulls left in its window); Berth "
                                                            "stopped before being refused. Wait for the window to pass, or log in for a "
                                                            "higher limit")
                                                 .arg(m_pullLimit))));
            startWaitingPulls();
            return;
        }
        ++m_pullsInFlight;
        fetchManifestNow(repository, reference, [this, done](Result<Manifest> manifest) {
            --m_pullsInFlight;
            startWaitingPulls();
            done(std::move(manifest));
        });
    };
    if (pullsPaced() && m_pullsInFlight > 0) {
        m_waitingPulls.append(start);
        return;
    }
    start();
}

bool RegistryClient::pullsPaced() const
{
    if (m_pullsLeft < 0)
        return m_pullsCounted; // the count is not known yet: learn it from the first answer
    return m_pullsLeft <= qMax(5, m_pullLimit / 10);
}

void RegistryClient::startWaitingPulls()
{
    while (!m_waitingPulls.isEmpty() && (!pullsPaced() || m_pullsInFlight == 0))
        m_waitingPulls.takeFirst()();
}

void RegistryClient::fetchManifestNow(const QString& repository, const QString& reference, Done<Manifest> done)
{
    // No context here: the pacing above must hear of every answer, also for a closed view.
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference);
    request.scopes = pullScope(repository);
    request.headers.append({QByteArrayLiteral("Accept"), MediaType::acceptHeader()});
    request.maxBodyBytes = kMaxManifestBytes;
    send(request, nullptr, [reference, done](Result<HttpResponse> response) {
        if (!response) {
            Error error = response.error();
            if (error.kind == ErrorKind::Protocol && error.message.contains(QStringLiteral("larger than")))
                error.message = QStringLiteral("the manifest %1 is larger than 4 MiB, the most Berth reads").arg(reference);
            done(std::unexpected(error));
            return;
        }
        const QString actual = sha256Digest(response->body);
        if (isValidDigest(reference) && !matchesDigest(response->body, reference)) {
            done(std::unexpected(digestMismatch(QStringLiteral("the manifest"), reference, actual)));
            return;
        }
        const QString announced = QString::fromLatin1(response->header("docker-content-digest")).trimmed();
        if (announced.startsWith(QLatin1String("sha256:")) && announced != actual) {
            done(std::unexpected(digestMismatch(QStringLiteral("the manifest %1").arg(reference), announced, actual)));
            return;
        }
        done(Manifest::parse(response->body, QString::fromLatin1(response->header("content-type"))));
    });
}

void RegistryClient::headManifest(const QString& repository, const QString& reference, QObject* context,
                                  Done<ManifestHead> done)
{
    send(manifestHeadRequest(repository, reference, MediaType::acceptHeader()), context, [done](Result<HttpResponse> response) {
        if (!response)
            done(std::unexpected(response.error()));
        else
            done(manifestHeadOf(*response));
    });
}

void RegistryClient::revalidateManifest(const QString& repository, const QString& reference, const ManifestHead& known,
                                        QObject* context, Done<ManifestHead> done)
{
    RegistryRequest request =
        manifestHeadRequest(repository, reference, known.mediaType.isEmpty() ? MediaType::acceptHeader() : known.mediaType.toLatin1());
    if (isValidDigest(known.digest)) { // from our own log, but it goes into a header: checked
        request.headers.append({QByteArrayLiteral("If-None-Match"), '"' + known.digest.toLatin1() + '"'});
        request.notModifiedIsAnswer = true;
    }
    send(request, context, [known, done](Result<HttpResponse> response) {
        if (!response)
            done(std::unexpected(response.error()));
        else if (response->status == 304) {
            ManifestHead unchanged = known; // the reference's digest is still the one we sent
            unchanged.notModified = true;
            done(unchanged);
        }
        else
            done(manifestHeadOf(*response));
    });
}

void RegistryClient::explainMissingManifest(const QString& repository, const QString& reference, const Error& answer, QObject* context,
                                            std::function<void(Error)> done)
{
    if (answer.kind != ErrorKind::NotFound || answer.httpStatus != 404) {
        done(answer);
        return;
    }
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/tags/list?n=1").arg(repository);
    request.scopes = pullScope(repository);
    const QString name = m_endpoint.name + QLatin1Char('/') + repository;
    send(request, context, [done, answer, name, reference](Result<HttpResponse> listed) {
        if (!listed && listed.error().kind == ErrorKind::NotFound) {
            done(Error::make(ErrorKind::NotFound, QStringLiteral("there is no repository %1 (or this login cannot see it)").arg(name), 404,
                             QStringLiteral("NAME_UNKNOWN")));
        } else if (listed) {
            const bool byDigest = reference.contains(QLatin1Char(':'));
            done(Error::make(ErrorKind::NotFound,
                             (byDigest ? QStringLiteral("%1 has no manifest %2") : QStringLiteral("%1 has no tag %2")).arg(name, reference), 404,
                             QStringLiteral("MANIFEST_UNKNOWN")));
        } else {
            done(answer); // the tag list failed for its own reasons; the first answer stands
        }
    });
}

void RegistryClient::putManifest(const QString& repository, const QString& reference, const QByteArray& bytes,
                                 const QString& mediaType, QObject* context, Done<QString> done)
{
    RegistryRequest request;
    request.method = "PUT";
    request.path = QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference);
    request.scopes = {Scope::repository(repository, {QStringLiteral("pull"), QStringLiteral("push")})};
    request.headers.append({QByteArrayLiteral("Content-Type"), mediaType.toLatin1()});
    request.body = bytes;
    const QString expected = sha256Digest(bytes);
    send(request, context, [expected, done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        const QString stored = QString::fromLatin1(response->header("docker-content-digest")).trimmed();
        if (!stored.isEmpty() && stored != expected) {
            done(std::unexpected(digestMismatch(QStringLiteral("the stored manifest"), expected, stored)));
            return;
        }
        done(expected);
    });
}

void RegistryClient::deleteManifest(const QString& repository, const QString& digest, QObject* context, Done<void> done)
{
    RegistryRequest request;
    request.method = "DELETE";
    request.path = QStringLiteral("/v2/%1/manifests/%2").arg(repository, digest);
    request.scopes = {Scope::repository(repository, {QStringLiteral("delete")})};
    send(request, context, [done](Result<HttpResponse> response) {
        if (!response)
            done(std::unexpected(response.error()));
        else
            done({});
    });
}

QString RegistryClient::deletionRefused(const Error& answer)
{
    return QStringLiteral("the registry does not allow deletion (%1); for distribution, set storage.delete.enabled: true").arg(describe(answer));
}

void RegistryClient::checkDeletePermission(const QString& repository, QObject* context, Done<void> done)
{
    // sha256 of nothing anyone pushes as a manifest: the empty byte string.
    static const QString probe = QStringLiteral("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    deleteManifest(repository, probe, context, [repository, done](Result<void> answer) {
        if (answer || answer.error().kind == ErrorKind::NotFound) {
            done({});
            return;
        }
        const Error& e = answer.error();
        if (e.kind == ErrorKind::Unsupported || e.httpStatus == 405) {
            done(std::unexpected(Error::make(ErrorKind::Unsupported, deletionRefused(e), e.httpStatus, e.registryCode)));
        } else if (e.kind == ErrorKind::Auth || e.kind == ErrorKind::Denied) {
            done(std::unexpected(Error::make(ErrorKind::Denied,
                                             QStringLiteral("your login may not delete in %1 (%2); log in as a user with delete rights")
                                                 .arg(repository, describe(e)),
                                             e.httpStatus, e.registryCode)));
        } else {
            done(std::unexpected(e));
        }
    });
}

void RegistryClient::startUpload(const QString& repository, const QString& digest, const QString& mountFrom, QObject* context,
                                 Done<std::optional<QUrl>> done)
{
    RegistryRequest start;
    start.method = "POST";
    start.path = QStringLiteral("/v2/%1/blobs/uploads/").arg(repository);
    if (!mountFrom.isEmpty())
        start.path += QStringLiteral("?mount=%1&from=%2").arg(digest, mountFrom);
    start.scopes = {Scope::repository(repository, {QStringLiteral("pull"), QStringLiteral("push")})};
    send(start, context, [digest, done](Result<HttpResponse> started) {
        if (!started) {
            done(std::unexpected(started.error()));
            return;
        }
        if (started->status == 201) {
            done(std::optional<QUrl>());
            return;
        }
        const QString location = QString::fromLatin1(started->header("location"));
        if (location.isEmpty()) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("the registry gave no upload location"))));
            return;
        }
        QUrl url = started->url.resolved(QUrl(location));
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("digest"), digest);
        url.setQuery(query);
        done(std::optional<QUrl>(url));
    });
}

void RegistryClient::startUploadUnlessPresent(const QString& repository, const QString& digest, QObject* context,
                                              Done<std::optional<QUrl>> done)
{
    startUpload(repository, digest, repository, context, guarded<Result<std::optional<QUrl>>>(context, std::move(done)));
}

void RegistryClient::uploadBlob(const QString& repository, const QByteArray& bytes, QObject* context, Done<QString> done)
{
    const QString digest = sha256Digest(bytes);
    auto offset = std::make_shared<qint64>(0);
    auto source = [bytes, offset](char* buffer, qint64 max) {
        const qint64 n = qMin(max, bytes.size() - *offset);
        std::memcpy(buffer, bytes.constData() + *offset, size_t(n));
        *offset += n;
        return n;
    };
    uploadBlobStream(repository, digest, bytes.size(), source, {}, context, [digest, done](Result<void> uploaded) {
        if (!uploaded)
            done(std::unexpected(uploaded.error()));
        else
            done(digest);
    });
}

void RegistryClient::hasBlob(const QString& repository, const QString& digest, QObject* context, Done<bool> done)
{
    RegistryRequest request;
    request.method = "HEAD";
    request.path = QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest);
    request.scopes = {Scope::repository(repository, {QStringLiteral("pull"), QStringLiteral("push")})};
    send(request, context, [done](Result<HttpResponse> response) {
        if (response)
            done(true);
        else if (response.error().kind == ErrorKind::NotFound)
            done(false);
        else
            done(std::unexpected(response.error()));
    });
}

void RegistryClient::mountBlob(const QString& repository, const QString& digest, const QString& fromRepository, QObject* context,
                               Done<bool> done)
{
    RegistryRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/v2/%1/blobs/uploads/?mount=%2&from=%3").arg(repository, digest, fromRepository);
    request.scopes = {Scope::repository(repository, {QStringLiteral("pull"), QStringLiteral("push")}),
                      Scope::repository(fromRepository, {QStringLiteral("pull")})};
    send(request, context, [done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        // 201: mounted. 202: an upload session instead (left to expire; the blob is uploaded anew).
        done(response->status == 201);
    });
}

void RegistryClient::uploadBlobStream(const QString& repository, const QString& digest, qint64 size,
                                      std::function<qint64(char*, qint64)> source, std::shared_ptr<FlowControl> flow,
                                      QObject* context, Done<void> done)
{
    done = guarded<Result<void>>(context, std::move(done));
    startUpload(repository, digest, {}, context, [this, repository, size, source, flow, context = QPointer(context), done](Result<std::optional<QUrl>> url) {
        if (!url) {
            done(std::unexpected(url.error()));
            return;
        }
        if (!*url) {
            done(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("the registry answered an upload with 201 before any byte"))));
            return;
        }
        uploadBlobStreamTo(**url, repository, size, source, flow, context, done);
    });
}

void RegistryClient::uploadBlobStreamTo(const QUrl& session, const QString& repository, qint64 size,
                                        std::function<qint64(char*, qint64)> source, std::shared_ptr<FlowControl> flow,
                                        QObject* context, Done<void> done)
{
    // One monolithic PUT whose body streams in as the source produces it.
    RegistryRequest put;
    put.method = "PUT";
    put.absoluteUrl = session;
    put.scopes = {Scope::repository(repository, {QStringLiteral("pull"), QStringLiteral("push")})};
    put.bodySource = std::move(source);
    put.bodySize = size;
    put.flow = std::move(flow);
    put.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream")});
    send(put, context, [done](Result<HttpResponse> finished) {
        if (!finished)
            done(std::unexpected(finished.error()));
        else
            done({});
    });
}

void RegistryClient::fetchBlob(const QString& repository, const QString& digest, std::function<bool(QByteArrayView)> sink,
                               QObject* context, Done<qint64> done, std::shared_ptr<FlowControl> flow)
{
    if (!digest.startsWith(QLatin1String("sha256:")) || !isValidDigest(digest)) {
        done(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("cannot verify blob digest %1").arg(digest))));
        return;
    }
    auto hasher = std::make_shared<Sha256Hasher>();
    auto received = std::make_shared<qint64>(0);
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest);
    request.scopes = pullScope(repository);
    request.sink = [hasher, received, sink](QByteArrayView data) {
        hasher->update(data);
        *received += data.size();
        return sink(data);
    };
    request.flow = std::move(flow);
    send(request, context, [digest, hasher, received, done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        const QString actual = hasher->digest();
        if (actual != digest) {
            done(std::unexpected(digestMismatch(QStringLiteral("the blob"), digest, actual)));
            return;
        }
        done(*received);
    });
}

void RegistryClient::fetchBlobBytes(const QString& repository, const QString& digest, qint64 maxBytes, QObject* context,
                                    Done<QByteArray> done)
{
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest);
    request.scopes = pullScope(repository);
    request.maxBodyBytes = maxBytes;
    send(request, context, [digest, done](Result<HttpResponse> response) {
        if (!response) {
            done(std::unexpected(response.error()));
            return;
        }
        if (!matchesDigest(response->body, digest)) {
            done(std::unexpected(digestMismatch(QStringLiteral("the blob"), digest, sha256Digest(response->body))));
            return;
        }
        done(response->body);
    });
}

void RegistryClient::listReferrers(const QString& repository, const QString& digest, const QString& artifactType,
                                   QObject* context, Done<QList<Descriptor>> done)
{
    auto keep = [artifactType](const QList<Descriptor>& all) {
        if (artifactType.isEmpty())
            return all;
        QList<Descriptor> out;
        for (const Descriptor& d : all) {
            if (d.artifactType == artifactType)
                out << d;
        }
        return out;
    };
    done = guarded<Result<QList<Descriptor>>>(context, std::move(done));
    QPointer<QObject> guard(context);
    // No referrers API: the tag schema fallback. No tag there means nothing refers to it.
    auto byTag = [this, repository, digest, guard, keep, done] {
        fetchManifest(repository, referrersTag(digest), guard, [this, repository, guard, keep, done](Result<Manifest> index) {
            if (!index) {
                if (index.error().kind == ErrorKind::NotFound)
                    done(QList<Descriptor>{});
                else
                    done(std::unexpected(index.error()));
                return;
            }
            if (!index->isIndex()) {
                done(QList<Descriptor>{});
                return;
            }
            completeArtifactTypes(repository, index->manifests, guard, [keep, done](QList<Descriptor> all) { done(keep(all)); });
        });
    };
    if (m_lacksReferrersApi) {
        byTag();
        return;
    }
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/referrers/%2").arg(repository, digest);
    if (!artifactType.isEmpty())
        request.path += QStringLiteral("?artifactType=") + QString::fromLatin1(QUrl::toPercentEncoding(artifactType));
    request.scopes = pullScope(repository);
    request.headers.append({QByteArrayLiteral("Accept"), MediaType::OciIndex.toLatin1()});
    request.maxBodyBytes = kMaxManifestBytes;
    send(request, context, [this, repository, keep, guard, done, byTag](Result<HttpResponse> response) {
        if (response) {
            auto index = Manifest::parse(response->body, MediaType::OciIndex);
            if (!index) {
                done(std::unexpected(index.error()));
                return;
            }
            // Filtering again is harmless when the server already did.
            completeArtifactTypes(repository, index->manifests, guard, [keep, done](QList<Descriptor> all) { done(keep(all)); });
            return;
        }
        if (response.error().kind != ErrorKind::NotFound) {
            done(std::unexpected(response.error()));
            return;
        }
        // A registry error (NAME_UNKNOWN) speaks of the repository; a bare 404 of the API itself.
        if (response.error().registryCode.isEmpty())
            m_lacksReferrersApi = true;
        byTag();
    });
}

void RegistryClient::completeArtifactTypes(const QString& repository, QList<Descriptor> referrers, QObject* context,
                                           std::function<void(QList<Descriptor>)> done)
{
    auto list = std::make_shared<QList<Descriptor>>(std::move(referrers));
    auto pending = std::make_shared<int>(1);
    auto settle = [list, pending, done] {
        if (--*pending == 0)
            done(*list);
    };
    // A bound on the extra reads, so that a registry answering with thousands of untyped
    // referrers costs a listing, not thousands of requests.
    constexpr int kMaxCompleted = 200;
    int completed = 0;
    for (qsizetype i = 0; i < list->size() && completed < kMaxCompleted; ++i) {
        const Descriptor& d = list->at(i);
        if (!d.artifactType.isEmpty() && d.artifactType != MediaType::OciEmpty)
            continue;
        ++completed;
        ++*pending;
        // An unreadable manifest keeps the answer's type: the listing still shows it.
        fetchManifest(repository, d.digest, context, [list, i, settle](Result<Manifest> manifest) {
            if (manifest && !manifest->artifactType.isEmpty()) {
                Descriptor& entry = (*list)[i];
                entry.artifactType = manifest->artifactType;
                for (auto it = manifest->annotations.cbegin(); it != manifest->annotations.cend(); ++it)
                    entry.annotations.insert(it.key(), it.value()); // the manifest's own word wins
            }
            settle();
        });
    }
    settle();
}

} // namespace berth
