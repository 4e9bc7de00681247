#pragma once

class QLabel;
class QWidget;

namespace berth {

// The red line a window shows a problem in: wrapped, selectable (to copy into a bug report), hidden
// until there is something to say.
QLabel* makeErrorBanner(QWidget* parent = nullptr);

} // namespace berth
