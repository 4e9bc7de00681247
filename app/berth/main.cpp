// berth: the desktop browser for container registries.
#include "MainWindow.h"
#include "RegistryEndpoint.h"
#include "RegistrySession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QThreadPool>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

using namespace berth;

int main(int argc, char* argv[])
{
    // Without a display (a server, CI, the dev root) Berth runs offscreen instead of failing.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Berth"));
    QApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("app.berth.Berth"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("berth"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Browse container registries."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption registry(QStringLiteral("registry"),
                                      QApplication::translate("main", "Show this registry (host[:port]); repeatable."),
                                      QStringLiteral("ADDRESS"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    QApplication::translate("main", "Trust the CA certificates in this PEM file."),
                                    QStringLiteral("PEM"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save the main window as PNG once the registries have loaded, then quit."),
        QStringLiteral("FILE"));
    parser.addOptions({registry, caFile, screenshot});
    parser.process(app);

    RegistrySession session;
    MainWindow window(session);

    QStringList registries = parser.values(registry);
    for (const QString& known : session.logins().registries() + session.dockerLogins().knownRegistries()) {
        if (!registries.contains(known))
            registries << known;
    }
    for (const QString& address : registries) {
        auto endpoint = RegistryEndpoint::fromString(address);
        if (!endpoint) {
            std::fprintf(stderr, "berth: %s\n", qPrintable(endpoint.error().message));
            return 2;
        }
        endpoint->tls.caFile = parser.value(caFile);
        window.addRegistry(*endpoint);
    }
    window.show();

    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        auto save = [&window, path] {
            const bool ok = window.grab().save(path, "PNG");
            std::fprintf(stderr, ok ? "berth: saved %s\n" : "berth: cannot write %s\n", qPrintable(path));
            QApplication::exit(ok ? 0 : 1);
        };
        if (registries.isEmpty())
            QTimer::singleShot(200, &window, save);
        else
            QObject::connect(&window, &MainWindow::registriesSettled, &window,
                             [save] { QTimer::singleShot(300, save); }, Qt::SingleShotConnection);
        QTimer::singleShot(60000, &window, save); // never hang: save what is there after a minute
    }
    const int code = QApplication::exec();
    QThreadPool::globalInstance()->waitForDone(); // tag history writes still on their way to disk
    return code;
}
