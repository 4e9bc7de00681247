#include "ui/widgets/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace berth {

QStringList installTranslations(const QLocale& locale)
{
    QStringList loaded;
    auto install = [&](const QString& catalogue, const QString& directory) {
        auto* translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, catalogue, QStringLiteral("_"), directory) && QCoreApplication::installTranslator(translator))
            loaded << catalogue;
        else
            delete translator;
    };
    install(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    install(QStringLiteral("berth"), QStringLiteral(":/i18n"));
    return loaded;
}

} // namespace berth
