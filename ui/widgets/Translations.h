#pragma once

#include <QLocale>
#include <QStringList>

namespace berth {

// Installs Berth's own catalogue for `locale` and Qt's (the Save, Cancel and Yes of dialogs, from
// Debian's qt6-translations-l10n); returns the catalogues found, e.g. {"qtbase", "berth"}.
QStringList installTranslations(const QLocale& locale);

} // namespace berth
