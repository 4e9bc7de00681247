#pragma once

#include "core/base/Error.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <functional>

namespace berth {

class RegistryClient;

// Manifest digest -> when the registry says it was pushed.
using PushTimes = QHash<QString, QDateTime>;

// Every manifest a registry lists for a repository, tagged or not, with when it was pushed: Harbor
// (its artifact list), ECR (DescribeImages; referrers such as signatures left out) or Docker Hub
// (the tags' last pushes; Hub lists no untagged images). A plain
// distribution registry lists no manifests and keeps no push time; the answer is then an empty
// map, not an error.
class RegistryPushTimes final : public QObject
{
    Q_OBJECT
public:
    explicit RegistryPushTimes(RegistryClient* client, QObject* parent = nullptr);

    void read(const QString& repository, QObject* context, std::function<void(Result<PushTimes>)> done);

private:
    RegistryClient* m_client;
};

} // namespace berth
