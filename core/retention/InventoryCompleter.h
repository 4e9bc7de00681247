#pragma once

#include "core/base/Error.h"
#include "core/retention/RetentionInventory.h"

#include <QObject>
#include <functional>
#include <optional>

namespace berth {

class ObservationLog;
class RegistryClient;

// A repository's inventory with what its tag list cannot tell.
struct CompletedInventory
{
    RetentionInventory inventory;
    bool fromRegistry = false; // push times and untagged images came from the registry's own listing
    std::optional<Error> listingProblem; // the registry has a listing (Harbor, ECR) but it could not be read
    int formerImages = 0; // untagged images found from Berth's tag history instead
};

// Completes an inventory for planning: Harbor's or ECR's listing gives push times and untagged
// images (Provider::pushTimes); where the registry lists nothing, or its listing fails, the untagged
// images are those Berth saw tags leave (FormerImages). The CLI and the window share this order.
class InventoryCompleter final : public QObject
{
    Q_OBJECT
public:
    // `log` may be null: then there is no tag history to look in.
    InventoryCompleter(RegistryClient* client, ObservationLog* log, QObject* parent = nullptr);

    void complete(const QString& repository, RetentionInventory inventory, QObject* context, std::function<void(CompletedInventory)> done);

private:
    RegistryClient* m_client;
    ObservationLog* m_log;
};

} // namespace berth
