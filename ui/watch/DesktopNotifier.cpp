#include "ui/watch/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QVariantMap>

namespace berth {

void DesktopNotifier::notify(const QString& title, const QString& body)
{
    // org.freedesktop.Notifications.Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("/org/freedesktop/Notifications"),
                                                       QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    call << QStringLiteral("Berth") << 0u << QStringLiteral("app.berth.Berth") << title << body << QStringList() << QVariantMap() << -1;
    QDBusConnection::sessionBus().asyncCall(call); // no answer awaited: a notification is never worth a stall
}

} // namespace berth
