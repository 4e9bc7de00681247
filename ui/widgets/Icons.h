#pragma once

#include <QIcon>
#include <QString>

namespace berth {

// One of Berth's own icons (":/icons/NAME.svg"), made once per run. A new QIcon per call parses the
// SVG again and keeps no rendering: a model answering DecorationRole that way spent half of each
// paint of a 5,000-row sidebar reading the same few files.
const QIcon& berthIcon(const QString& name);

} // namespace berth
