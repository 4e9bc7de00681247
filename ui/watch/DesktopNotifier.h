#pragma once

#include <QObject>
#include <QString>

namespace berth {

// Desktop notifications through the freedesktop Notifications service (D-Bus), which every Linux
// desktop runs; where none answers, nothing is shown and nothing fails.
class DesktopNotifier final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    void notify(const QString& title, const QString& body);
};

} // namespace berth
