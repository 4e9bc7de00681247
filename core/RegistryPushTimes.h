#pragma once

#include "Error.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <functional>

namespace berth {

class RegistryClient;

// Manifest digest -> when the registry says it was pushed.
using PushTimes = QHash<QString, QDateTime>;

// When each image of a repository was pushed, from a registry that keeps it: Harbor (its artifact
// list) or ECR (DescribeImages). A plain distribution registry keeps no push time; the answer is
// then an empty map, not an error.
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
