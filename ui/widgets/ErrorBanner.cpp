#include "ui/widgets/ErrorBanner.h"

#include <QLabel>

namespace berth {

QLabel* makeErrorBanner(QWidget* parent)
{
    auto* banner = new QLabel(parent);
    banner->setWordWrap(true);
    banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    banner->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #611a15; padding: 6px; border-radius: 4px; }"));
    banner->hide();
    return banner;
}

} // namespace berth
