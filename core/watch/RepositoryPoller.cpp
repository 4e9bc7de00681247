#include "core/watch/RepositoryPoller.h"

#include "core/base/Guarded.h"
#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"

#include <memory>

namespace berth {

void pollRepository(Provider* provider, const QString& repository, QObject* context,
                    std::function<void(Result<RepositoryState>)> done)
{
    done = guarded(context, std::move(done));
    provider->listTags(repository, context, [provider, repository, context, done](Result<QList<ProviderTag>> listed) {
        if (!listed) {
            done(std::unexpected(listed.error()));
            return;
        }
        struct Poll
        {
            RepositoryState state;
            int waiting = 0;
            std::optional<Error> failure;
        };
        auto poll = std::make_shared<Poll>();
        QStringList unresolved;
        for (const ProviderTag& tag : std::as_const(*listed)) {
            if (tag.pushed.isValid())
                poll->state.pushed.insert(tag.name, tag.pushed);
            if (tag.digest.isEmpty())
                unresolved << tag.name;
            else
                poll->state.tags.insert(tag.name, tag.digest);
        }
        poll->state.listedDigests = unresolved.isEmpty();
        if (unresolved.isEmpty()) {
            done(std::move(poll->state));
            return;
        }
        poll->waiting = int(unresolved.size());
        for (const QString& tag : std::as_const(unresolved)) {
            provider->client()->headManifest(repository, tag, context, [poll, tag, done](Result<ManifestHead> head) {
                if (head && !head->digest.isEmpty()) {
                    poll->state.tags.insert(tag, head->digest);
                    poll->state.mediaTypes.insert(tag, head->mediaType);
                } else if (!head && head.error().kind != ErrorKind::NotFound && !poll->failure) {
                    poll->failure = head.error();
                } else if (head && !poll->failure) {
                    poll->failure = Error::make(ErrorKind::Protocol,
                                                QStringLiteral("the registry named no digest for %1 (no Docker-Content-Digest header)").arg(tag));
                }
                if (--poll->waiting > 0)
                    return;
                if (poll->failure)
                    done(std::unexpected(*poll->failure));
                else
                    done(std::move(poll->state));
            });
        }
    });
}

} // namespace berth
