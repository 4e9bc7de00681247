#include "core/retention/FormerImages.h"

#include "core/base/Guarded.h"
#include "core/registry/RegistryClient.h"
#include "core/store/ObservationLog.h"

namespace berth {

FormerImages::FormerImages(RegistryClient* client, ObservationLog* log, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_log(log)
{
}

void FormerImages::find(const QString& repository, const QSet<QString>& current, QObject* context, std::function<void(PushTimes)> done)
{
    done = guarded(context, std::move(done));
    PushTimes former; // digest -> first seen
    for (const TagObservation& o : m_log->timelineOfRepository(m_client->endpoint().name, repository)) {
        if (current.contains(o.digest) || o.digest.isEmpty())
            continue;
        const auto seen = former.constFind(o.digest);
        if (seen == former.cend() || o.firstSeen < *seen)
            former.insert(o.digest, o.firstSeen);
    }
    if (former.isEmpty()) {
        done({});
        return;
    }
    // Only what the registry still has: a HEAD by digest each, in parallel.
    auto found = std::make_shared<PushTimes>();
    auto left = std::make_shared<int>(int(former.size()));
    for (auto it = former.cbegin(); it != former.cend(); ++it) {
        m_client->headManifest(repository, it.key(), context, [digest = it.key(), seen = it.value(), found, left, done](Result<ManifestHead> head) {
            if (head)
                found->insert(digest, seen);
            if (--*left == 0)
                done(*found);
        });
    }
}

} // namespace berth
