#pragma once

#include "core/base/Error.h"
#include "core/providers/Provider.h"

#include <QObject>
#include <QSet>
#include <functional>

namespace berth {

class ObservationLog;
class RegistryClient;

// The manifests a repository's tags pointed to before, as Berth saw them, that the registry still
// has: the untagged images of a registry that cannot list them (distribution). Each comes with
// when Berth first saw it.
class FormerImages final : public QObject
{
    Q_OBJECT
public:
    FormerImages(RegistryClient* client, ObservationLog* log, QObject* parent = nullptr);

    // `current`: the digests tags name now, which are not former.
    void find(const QString& repository, const QSet<QString>& current, QObject* context, std::function<void(PushTimes)> done);

private:
    RegistryClient* m_client;
    ObservationLog* m_log;
};

} // namespace berth
