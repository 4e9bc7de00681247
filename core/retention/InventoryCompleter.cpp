#include "core/retention/InventoryCompleter.h"

#include "core/base/Guarded.h"
#include "core/providers/Provider.h"
#include "core/retention/FormerImages.h"

namespace berth {

InventoryCompleter::InventoryCompleter(RegistryClient* client, ObservationLog* log, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_log(log)
{
}

void InventoryCompleter::complete(const QString& repository, RetentionInventory inventory, QObject* context,
                                  std::function<void(CompletedInventory)> done)
{
    done = guarded(context, std::move(done));
    // The registry family's own listing (Harbor's artifacts, ECR's images, GHCR's versions, Hub's
    // and Quay's tags): every manifest it knows, with its push time.
    Provider* listing = createProvider(m_client, this);
    listing->pushTimes(repository, context, [this, listing, repository, inventory, context = QPointer(context), done](Result<PushTimes> listed) mutable {
        CompletedInventory completed{std::move(inventory), false, std::nullopt, 0};
        if (listed && !listed->isEmpty()) {
            completed.inventory.addRegistryImages(*listed);
            completed.fromRegistry = true;
            if (!listing->capabilities().pullTimes) {
                listing->deleteLater();
                done(std::move(completed));
                return;
            }
            // Where the registry keeps last pulls (Hub, ECR, Harbor), for rules on stale images:
            // asked of the same provider, whose login (a cloud token, a Hub session) is already made.
            listing->listTags(repository, context, [listing, completed = std::move(completed), done](Result<QList<ProviderTag>> tags) mutable {
                listing->deleteLater();
                if (tags)
                    completed.inventory.addPullTimes(*tags);
                done(std::move(completed));
            });
            return;
        }
        listing->deleteLater();
        if (!listed)
            completed.listingProblem = listed.error();
        if (!m_log) {
            done(std::move(completed));
            return;
        }
        // A registry that lists no manifests: the untagged ones are those Berth saw tags leave.
        auto* former = new FormerImages(m_client, m_log, this);
        const QSet<QString> known = completed.inventory.knownDigests();
        former->find(repository, known, context, [former, completed = std::move(completed), done](PushTimes seen) mutable {
            former->deleteLater();
            completed.inventory.addFormerImages(seen);
            completed.formerImages = int(seen.size());
            done(std::move(completed));
        });
    });
}

} // namespace berth
