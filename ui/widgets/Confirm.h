#pragma once

#include <QString>

class QWidget;

namespace berth {

// Asks before something that cannot be taken back in one click (deleting, overwriting a policy).
// The button says what happens ("Delete"); Cancel is the default, so Enter does not delete.
bool confirmDestructive(QWidget* parent, const QString& title, const QString& text, const QString& action);

} // namespace berth
