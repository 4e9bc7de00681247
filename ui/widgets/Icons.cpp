#include "ui/widgets/Icons.h"

#include <QCoreApplication>
#include <QHash>

namespace berth {

namespace {
    QHash<QString, QIcon>& madeIcons()
    {
        static QHash<QString, QIcon> icons;
        return icons;
    }
} // namespace

const QIcon& berthIcon(const QString& name)
{
    QHash<QString, QIcon>& icons = madeIcons();
    auto found = icons.find(name);
    if (found == icons.end()) {
        if (icons.isEmpty()) // the renderings go with the application, not after it
            qAddPostRoutine([] { madeIcons().clear(); });
        found = icons.insert(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
    }
    return *found;
}

} // namespace berth
