// berth: the desktop browser for container registries.
#include "core/net/RegistryEndpoint.h"
#include "core/session/RegistrySession.h"
#include "core/session/SavedRegistries.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/ScreenshotTour.h"
#include "ui/widgets/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <sys/stat.h>

using namespace berth;

static QtMessageHandler g_qtHandler = nullptr;

// Qt's offscreen platform warns each time a window's size hints change, which it cannot pass on;
// that says nothing to a user of --screenshot or the demo. Everything else goes to Qt's handler.
static void dropOffscreenNoise(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    g_qtHandler(type, context, message);
}

int main(int argc, char* argv[])
{
    // What Berth writes (settings, logins' user names, caches of private images, tag history, the
    // audit log, exports) is its user's alone: files 0600, directories 0700.
    umask(0077);
    // Without a display (a server, CI, the dev root) Berth runs offscreen instead of failing.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qgetenv("QT_QPA_PLATFORM") == "offscreen")
        g_qtHandler = qInstallMessageHandler(dropOffscreenNoise);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Berth"));
    QApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("app.berth.Berth"));

    installTranslations(QLocale());

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
    const QCommandLineOption connectTo(
        QStringLiteral("connect-to"),
        QApplication::translate("main", "Connect to CONNECT_HOST:CONNECT_PORT when a URL names HOST:PORT, as curl does "
                                        "(TLS still checks HOST); repeatable. Also BERTH_CONNECT_TO."),
        QStringLiteral("HOST:PORT:CONNECT_HOST:CONNECT_PORT"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QApplication::translate("main", "Show this repository and tag once the registries have loaded (REPO:TAG)."),
                                  QStringLiteral("REPO:TAG"));
    const QCommandLineOption compareWith(QStringLiteral("compare-with"),
                                         QApplication::translate("main", "With --screenshots: the tag to compare the opened one with."),
                                         QStringLiteral("TAG"));
    const QCommandLineOption screenshots(
        QStringLiteral("screenshots"),
        QApplication::translate("main", "Open --open, save the main window, the Trust, Files and Timeline tabs, the size chart "
                                        "and the comparison as PNG files in DIR, then quit."),
        QStringLiteral("DIR"));
    parser.addOptions({registry, caFile, connectTo, screenshot, open, compareWith, screenshots});
    parser.process(app);

    RegistrySession session;
    if (const auto routed = session.http().setConnectTo(HttpClient::connectToFromEnvironment() + parser.values(connectTo));
        !routed) {
        std::fprintf(stderr, "berth: %s\n", qPrintable(routed.error().message));
        return 2;
    }
    MainWindow window(session);

    // The registries to show: those named on the command line, those added in Berth, and every
    // registry the user is logged into (Berth's keychain logins, docker and podman configs).
    QList<RegistryEndpoint> endpoints;
    auto known = [&endpoints](const QString& name) {
        return std::any_of(endpoints.begin(), endpoints.end(), [&](const RegistryEndpoint& e) { return e.name == name; });
    };
    for (const QString& address : parser.values(registry)) {
        auto endpoint = RegistryEndpoint::fromString(address);
        if (!endpoint) {
            std::fprintf(stderr, "berth: %s\n", qPrintable(endpoint.error().message));
            return 2;
        }
        endpoint->tls.caFile = parser.value(caFile);
        // What the user chose for this registry in Berth (its family, API base, organisations) still holds.
        if (const auto saved = SavedRegistries::find(endpoint->name))
            saved->applyFamilyTo(*endpoint);
        endpoints << *endpoint;
    }
    for (const SavedRegistry& saved : SavedRegistries::load()) {
        if (!known(saved.name))
            endpoints << saved.endpoint();
    }
    for (const QString& name : session.logins().registries() + session.dockerLogins().knownRegistries()) {
        if (auto endpoint = RegistryEndpoint::fromString(name); endpoint && !known(endpoint->name))
            endpoints << *endpoint;
    }
    const bool anyRegistry = !endpoints.isEmpty();
    for (const RegistryEndpoint& endpoint : std::as_const(endpoints))
        window.addRegistry(endpoint);
    window.show();

    const QString opened = parser.value(open);
    const qsizetype colon = opened.lastIndexOf(QLatin1Char(':'));
    if ((parser.isSet(screenshots) || parser.isSet(open)) && colon <= 0) {
        std::fprintf(stderr, "berth: %s needs --open REPO:TAG\n", parser.isSet(screenshots) ? "--screenshots" : "--open");
        return 2;
    }
    if (parser.isSet(open) && !parser.isSet(screenshots)) {
        auto* tour = new ScreenshotTour(&window, opened.left(colon), opened.mid(colon + 1), {}, {}, &window);
        QObject::connect(&window, &MainWindow::registriesSettled, tour, &ScreenshotTour::start, Qt::SingleShotConnection);
    }
    if (parser.isSet(screenshots)) {
        auto* tour = new ScreenshotTour(&window, opened.left(colon), opened.mid(colon + 1), parser.value(compareWith),
                                        parser.value(screenshots), &window);
        QObject::connect(tour, &ScreenshotTour::finished, &window, [tour](bool allSaved) {
            for (const QString& path : tour->saved())
                std::fprintf(stderr, "berth: saved %s\n", qPrintable(path));
            QApplication::exit(allSaved ? 0 : 1);
        });
        QObject::connect(&window, &MainWindow::registriesSettled, tour, &ScreenshotTour::start, Qt::SingleShotConnection);
    } else if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        auto save = [&window, path] {
            const bool ok = window.grab().save(path, "PNG");
            std::fprintf(stderr, ok ? "berth: saved %s\n" : "berth: cannot write %s\n", qPrintable(path));
            QApplication::exit(ok ? 0 : 1);
        };
        if (!anyRegistry)
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
