// Tag table speed, measured with the real models and the real main window (offscreen).
//
//   berth_gui_bench table [N]                      sort and filter N synthetic tags (default 10,000)
//   berth_gui_bench stall REGISTRY REPOSITORY [N]  event-loop latency while the window loads a repository
//                                                  (of N tags, checked when given)
//   berth_gui_bench sidebar REGISTRY NAMESPACE CA  the sidebar filling with a namespace's repositories
//                                                  (a registry family's API; BERTH_CONNECT_TO routes it)
//   berth_gui_bench registrytags REGISTRY REPOSITORY CA
//                                                  the tag table filling with the registry's own listing
//                                                  and its push/pull dates (Docker Hub)
//   berth_gui_bench firstpaint [REGISTRY...]       the main window's first paint (sidebar drawn) and the
//                                                  moment every registry has loaded, from process start
//   berth_gui_bench load REPOSITORY REGISTRY...    under load: every registry's repositories in the
//                                                  sidebar, then REPOSITORY (of the first registry) with
//                                                  all its tags; peak RSS and the longest stall of each
//
// Each prints its figure next to a baseline measured in the same run.
#include "core/net/HttpClient.h"
#include "core/net/RegistryEndpoint.h"
#include "core/session/RegistrySession.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/browser/TagTableModel.h"
#include "ui/mainwindow/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QTreeView>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace berth;

namespace {

QList<TagSummary> syntheticTags(int count)
{
    QRandomGenerator random(42);
    QList<TagSummary> rows;
    const QDateTime start = QDateTime::fromString(QStringLiteral("2023-01-01T00:00:00Z"), Qt::ISODate);
    for (int i = 0; i < count; ++i) {
        TagSummary row;
        switch (i % 4) {
        case 0:
            row.tag = QStringLiteral("%1.%2.%3").arg(i / 400).arg((i / 20) % 20).arg(i % 20);
            break;
        case 1:
            row.tag = QString::number(random.generate64(), 16).left(7);
            break;
        case 2:
            row.tag = QStringLiteral("nightly-%1").arg(start.addDays(i / 4).toString(QStringLiteral("yyyyMMdd")));
            break;
        default:
            row.tag = QStringLiteral("prod-%1").arg(i);
            break;
        }
        row.digest = QStringLiteral("sha256:%1").arg(QString::number(random.generate64(), 16).repeated(4).left(64));
        row.created = start.addSecs(qint64(random.bounded(3 * 365 * 86400)));
        row.firstSeen = row.created.addSecs(600);
        row.size = 10'000'000 + qint64(random.bounded(500'000'000));
        row.platforms = {QStringLiteral("linux/amd64")};
        rows << row;
    }
    return rows;
}

double msSince(const QElapsedTimer& timer) { return double(timer.nsecsElapsed()) / 1e6; }

int benchTable(int count)
{
    const QList<TagSummary> rows = syntheticTags(count);
    TagTableModel model;
    QStringList names;
    for (const TagSummary& row : rows)
        names << row.tag;
    model.appendTags(names);
    for (const TagSummary& row : rows)
        model.update(row);
    TagFilterProxy proxy;
    proxy.setSourceModel(&model);
    QTableView view; // attached, as in the window: the view reacts to every change
    view.setModel(&proxy);
    view.resize(1200, 800);
    view.show();
    QApplication::processEvents();

    // Baseline: the same comparisons on a plain list, no model or view.
    QList<TagSummary> copy = rows;
    QElapsedTimer timer;
    timer.start();
    std::sort(copy.begin(), copy.end(), [](const TagSummary& a, const TagSummary& b) { return a.created < b.created; });
    const double baselineSort = msSince(timer);
    timer.restart();
    int kept = 0;
    for (const TagSummary& row : rows)
        kept += row.tag.contains(QStringLiteral("1.2"), Qt::CaseInsensitive) ? 1 : 0;
    const double baselineFilter = msSince(timer);

    timer.restart();
    view.sortByColumn(TagTableModel::CreatedColumn, Qt::DescendingOrder);
    QApplication::processEvents();
    const double sortCreated = msSince(timer);
    timer.restart();
    view.sortByColumn(TagTableModel::TagColumn, Qt::AscendingOrder);
    QApplication::processEvents();
    const double sortVersion = msSince(timer);
    TagFilter filter;
    filter.setText(QStringLiteral("1.2"), false);
    timer.restart();
    proxy.setFilter(filter);
    QApplication::processEvents();
    const double filterText = msSince(timer);
    const int shownByText = proxy.rowCount();
    filter.setText(QStringLiteral("^nightly-2024(0[1-6])"), true);
    timer.restart();
    proxy.setFilter(filter);
    QApplication::processEvents();
    const double filterRegex = msSince(timer);

    std::printf("tag table with %d tags (target: each under 100 ms)\n", count);
    std::printf("  sort by created        %8.1f ms   baseline std::sort of the rows  %6.1f ms\n", sortCreated, baselineSort);
    std::printf("  sort by version        %8.1f ms\n", sortVersion);
    std::printf("  filter by text         %8.1f ms   baseline plain loop             %6.1f ms  (%d match)\n", filterText,
                baselineFilter, kept);
    std::printf("  filter by regex        %8.1f ms   (%d rows shown)\n", filterRegex, proxy.rowCount());
    // The work was done: the table holds every row, and the text filter shows what the plain loop counted.
    const bool worked = model.rowCount() == count && shownByText == kept;
    std::printf("  work done: %d of %d rows in the table, text filter shows %d of the %d the plain loop found: %s\n", model.rowCount(), count,
                shownByText, kept, worked ? "yes" : "NO");
    const bool ok = worked && sortCreated < 100 && sortVersion < 100 && filterText < 100 && filterRegex < 100;
    std::printf("  result: %s\n", ok ? "within target" : "OUTSIDE target");
    return ok ? 0 : 1;
}

// The longest gap between ticks of a 2 ms timer: how long the GUI thread was busy at a stretch.
struct StallMeter
{
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 worst = 0;
    void start()
    {
        clock.start();
        last = 0;
        worst = 0;
        timer.setInterval(2);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, &timer, [this] {
            const qint64 now = clock.nsecsElapsed();
            worst = qMax(worst, now - last);
            last = now;
        });
        timer.start();
    }
    double worstMs()
    {
        timer.stop();
        QObject::disconnect(&timer, nullptr, nullptr, nullptr);
        return double(worst) / 1e6;
    }
};

// The baseline of every stall figure: the longest gap of the idle event loop over one second.
double idleStallMs()
{
    StallMeter idle;
    idle.start();
    QEventLoop wait;
    QTimer::singleShot(1000, &wait, &QEventLoop::quit);
    wait.exec();
    return idle.worstMs();
}

int benchStall(const QString& registry, const QString& repository, int expectedTags)
{
    RegistrySession session;
    MainWindow window(session);
    window.resize(1280, 860);
    window.show();
    QEventLoop settle;
    QObject::connect(&window, &MainWindow::registriesSettled, &settle, &QEventLoop::quit);
    window.addRegistry(*RegistryEndpoint::fromString(registry));
    settle.exec();

    const double idleStall = idleStallMs();

    auto* sidebar = static_cast<QSortFilterProxyModel*>(window.sidebar()->model());
    const QModelIndex target = sidebar->mapFromSource(window.registryModel()->repositoryIndex(0, repository));
    if (!target.isValid()) {
        std::fprintf(stderr, "gui_bench: %s has no repository %s\n", qPrintable(registry), qPrintable(repository));
        return 2;
    }
    StallMeter loading;
    QElapsedTimer elapsed;
    QEventLoop load;
    int tags = 0;
    QObject::connect(&window, &MainWindow::tagsLoaded, &load, [&](const QString&, int count) {
        tags = count;
        load.quit();
    });
    loading.start();
    elapsed.start();
    window.sidebar()->setCurrentIndex(target);
    load.exec();
    const double loadingStall = loading.worstMs();
    std::printf("GUI-thread stalls while the window loads %d tags (cold cache, %.0f ms in all; target under 50 ms)\n", tags,
                msSince(elapsed));
    std::printf("  longest stall while loading  %6.1f ms   baseline, idle window  %6.1f ms  (%.1fx)\n", loadingStall, idleStall,
                loadingStall / qMax(idleStall, 0.1));
    const bool worked = expectedTags < 0 || tags == expectedTags;
    if (!worked)
        std::printf("  work done: %d tags loaded, %d expected: NO\n", tags, expectedTags);
    const bool ok = worked && loadingStall < 50;
    std::printf("  result: %s\n", ok ? "within target" : "OUTSIDE target");
    return ok ? 0 : 1;
}

QElapsedTimer g_sinceStart; // started first thing in main(): the window's times count from launch

// Records when a widget is first painted.
class FirstPaint final : public QObject
{
public:
    double ms = -1;
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && ms < 0)
            ms = msSince(g_sinceStart);
        return QObject::eventFilter(watched, event);
    }
};

int benchSidebar(const QString& registry, const QString& ns, const QString& caFile, const QString& provider)
{
    RegistrySession session;
    if (const auto routed = session.http().setConnectTo(HttpClient::connectToFromEnvironment()); !routed) {
        std::fprintf(stderr, "gui_bench: %s\n", qPrintable(routed.error().message));
        return 2;
    }
    MainWindow window(session);
    window.resize(1280, 860);
    // The window is up and drawn before the registry is added, as when a user adds one: the
    // window's own first paint is the firstpaint figure, not this one.
    FirstPaint painted;
    window.sidebar()->viewport()->installEventFilter(&painted);
    window.show();
    while (painted.ms < 0)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    QApplication::processEvents();
    RegistryEndpoint endpoint = *RegistryEndpoint::fromString(registry);
    if (caFile != u"-")
        endpoint.tls.caFile = caFile;
    if (ns != u"-")
        endpoint.namespaces = {ns};
    endpoint.provider = provider;

    StallMeter loading;
    QElapsedTimer elapsed;
    double firstRowsMs = -1;
    int repositories = 0;
    QEventLoop load;
    QObject::connect(window.registryModel(), &QAbstractItemModel::rowsInserted, &load, [&](const QModelIndex& parent) {
        if (parent.isValid() && firstRowsMs < 0) // rows under the registry: the first repositories are visible
            firstRowsMs = msSince(elapsed);
    });
    QObject::connect(window.registryModel(), &RegistryTreeModel::registryLoaded, &load, [&](const QString&, int count) {
        repositories = count;
        load.quit();
    });
    QObject::connect(window.registryModel(), &RegistryTreeModel::registryFailed, &load, [&](const QString&, const Error& error) {
        std::fprintf(stderr, "gui_bench: %s\n", qPrintable(describe(error)));
        load.quit();
    });
    loading.start();
    elapsed.start();
    window.addRegistry(endpoint);
    load.exec();
    const double totalMs = msSince(elapsed);
    const double stall = loading.worstMs();
    std::printf("Sidebar of %s/%s: %d repositories through the registry's own API\n", qPrintable(registry), qPrintable(ns), repositories);
    std::printf("  first rows visible  %7.0f ms   (target under 1000 ms)\n", firstRowsMs);
    std::printf("  all rows            %7.0f ms\n", totalMs);
    std::printf("  longest GUI-thread stall while filling  %5.1f ms   (target under 50 ms)\n", stall);
    std::printf("SIDEBAR_JSON {\"first_ms\": %.1f, \"total_ms\": %.1f, \"stall_ms\": %.1f, \"repositories\": %d}\n", firstRowsMs, totalMs,
                stall, repositories);
    return repositories > 0 && firstRowsMs < 1000 && stall < 50 ? 0 : 1;
}

int benchRegistryTags(const QString& registry, const QString& repository, const QString& caFile)
{
    RegistrySession session;
    if (const auto routed = session.http().setConnectTo(HttpClient::connectToFromEnvironment()); !routed) {
        std::fprintf(stderr, "gui_bench: %s\n", qPrintable(describe(routed.error())));
        return 2;
    }
    MainWindow window(session);
    window.resize(1280, 860);
    window.show();
    RegistryEndpoint endpoint = *RegistryEndpoint::fromString(registry);
    endpoint.tls.caFile = caFile;
    endpoint.namespaces = {repository.section(QLatin1Char('/'), 0, 0)};
    QEventLoop settle;
    QObject::connect(&window, &MainWindow::registriesSettled, &settle, &QEventLoop::quit);
    window.addRegistry(endpoint);
    settle.exec();

    // From the click on the repository to every row with the registry's dates.
    StallMeter loading;
    QElapsedTimer elapsed;
    QEventLoop load;
    int tags = -1;
    QObject::connect(&window, &MainWindow::tagsLoaded, &load, [&](const QString&, int count) {
        tags = count;
        load.quit();
    });
    QObject::connect(&window, &MainWindow::tagLoadEnded, &load, [&] { QTimer::singleShot(0, &load, &QEventLoop::quit); });
    window.sidebar()->setCurrentIndex(window.sidebar()->model()->index(0, 0)); // the registry, for openRepository
    loading.start();
    elapsed.start();
    if (!window.openRepository(repository)) {
        std::fprintf(stderr, "gui_bench: %s is not a repository name\n", qPrintable(repository));
        return 2;
    }
    load.exec();
    const double totalMs = msSince(elapsed);
    const double stall = loading.worstMs();
    int dated = 0;
    for (int row = 0; row < window.tagModel()->rowCount(); ++row)
        dated += window.tagModel()->index(row, TagTableModel::PushedColumn).data(TagTableModel::SortRole).toDateTime().isValid() ? 1 : 0;
    std::printf("Tag table of %s/%s: %d tags, %d with the registry's push date\n", qPrintable(registry), qPrintable(repository), tags, dated);
    std::printf("  all rows            %7.0f ms\n", totalMs);
    std::printf("  longest GUI-thread stall while filling  %5.1f ms   (target under 50 ms)\n", stall);
    std::printf("TAGS_JSON {\"total_ms\": %.1f, \"stall_ms\": %.1f, \"tags\": %d, \"dated\": %d}\n", totalMs, stall, tags, dated);
    return tags > 0 && stall < 50 ? 0 : 1;
}

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

int benchLoad(const QString& bigRepository, const QStringList& registries)
{
    RegistrySession session;
    MainWindow window(session);
    window.resize(1280, 860);
    window.show();
    // Baselines in this process: the empty window's RSS and the idle event loop's longest gap.
    const double idleStall = idleStallMs();
    const double emptyRss = peakRssMiB();

    int repositories = 0;
    QObject::connect(window.registryModel(), &RegistryTreeModel::registryLoaded, &window, [&](const QString&, int count) { repositories += count; });
    StallMeter sidebar;
    QElapsedTimer elapsed;
    QEventLoop settle;
    QObject::connect(&window, &MainWindow::registriesSettled, &settle, &QEventLoop::quit);
    sidebar.start();
    elapsed.start();
    for (const QString& registry : registries)
        window.addRegistry(*RegistryEndpoint::fromString(registry));
    settle.exec();
    const double sidebarMs = msSince(elapsed);
    const double sidebarStall = sidebar.worstMs();
    const double sidebarRss = peakRssMiB();

    auto* proxy = static_cast<QSortFilterProxyModel*>(window.sidebar()->model());
    const QModelIndex target = proxy->mapFromSource(window.registryModel()->repositoryIndex(0, bigRepository));
    if (!target.isValid()) {
        std::fprintf(stderr, "gui_bench: %s has no repository %s\n", qPrintable(registries.value(0)), qPrintable(bigRepository));
        return 2;
    }
    int tags = 0;
    StallMeter loading;
    QEventLoop load;
    QObject::connect(&window, &MainWindow::tagsLoaded, &load, [&](const QString&, int count) {
        tags = count;
        load.quit();
    });
    QObject::connect(&window, &MainWindow::tagLoadEnded, &load, [&] { QTimer::singleShot(0, &load, &QEventLoop::quit); });
    loading.start();
    elapsed.restart();
    window.sidebar()->setCurrentIndex(target);
    load.exec();
    const double tagsMs = msSince(elapsed);
    const double tagsStall = loading.worstMs();
    std::printf("LOAD_JSON {\"registries\": %lld, \"repositories\": %d, \"sidebar_ms\": %.1f, \"sidebar_stall_ms\": %.1f, "
                "\"sidebar_rss_mib\": %.1f, \"tags\": %d, \"tags_ms\": %.1f, \"tags_stall_ms\": %.1f, \"peak_rss_mib\": %.1f, "
                "\"idle_stall_ms\": %.1f, \"empty_rss_mib\": %.1f}\n",
                qlonglong(registries.size()), repositories, sidebarMs, sidebarStall, sidebarRss, tags, tagsMs, tagsStall, peakRssMiB(), idleStall,
                emptyRss);
    return 0;
}

int benchFirstPaint(const QStringList& registries)
{
    const double beforeWindow = msSince(g_sinceStart);
    RegistrySession session;
    MainWindow window(session);
    FirstPaint painted;
    window.sidebar()->viewport()->installEventFilter(&painted);
    window.resize(1280, 860);
    // As the app starts: the saved registries are added, then the window is shown.
    for (const QString& registry : registries)
        window.addRegistry(*RegistryEndpoint::fromString(registry));
    window.show();
    QEventLoop wait;
    QObject::connect(&window, &MainWindow::registriesSettled, &wait, &QEventLoop::quit);
    QTimer::singleShot(30000, &wait, &QEventLoop::quit);
    if (registries.isEmpty())
        QTimer::singleShot(0, &wait, [&] {
            while (painted.ms < 0)
                QApplication::processEvents(QEventLoop::WaitForMoreEvents);
            wait.quit();
        });
    wait.exec();
    const double settled = msSince(g_sinceStart);
    while (painted.ms < 0)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    std::printf("FIRSTPAINT_JSON {\"registries\": %lld, \"main_ms\": %.1f, \"first_paint_ms\": %.1f, \"settled_ms\": %.1f}\n",
                qlonglong(registries.size()), beforeWindow, painted.ms, settled);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    g_sinceStart.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.value(1) == u"table")
        return benchTable(args.size() > 2 ? args[2].toInt() : 10000);
    if (args.value(1) == u"stall" && (args.size() == 4 || args.size() == 5)) {
        const int code = benchStall(args[2], args[3], args.size() == 5 ? args[4].toInt() : -1);
        QThreadPool::globalInstance()->waitForDone();
        return code;
    }
    if (args.value(1) == u"sidebar" && (args.size() == 5 || args.size() == 6))
        return benchSidebar(args[2], args[3], args[4], args.value(5));
    if (args.value(1) == u"registrytags" && args.size() == 5) {
        const int code = benchRegistryTags(args[2], args[3], args[4]);
        QThreadPool::globalInstance()->waitForDone();
        return code;
    }
    if (args.value(1) == u"load" && args.size() >= 4) {
        const int code = benchLoad(args[2], args.mid(3));
        QThreadPool::globalInstance()->waitForDone();
        return code;
    }
    if (args.value(1) == u"firstpaint") {
        const int code = benchFirstPaint(args.mid(2));
        QThreadPool::globalInstance()->waitForDone();
        return code;
    }
    std::fprintf(stderr, "usage: berth_gui_bench table [N] | stall REGISTRY REPOSITORY [N] | sidebar REGISTRY NAMESPACE|- CA_FILE|- [PROVIDER]"
                         " | registrytags REGISTRY REPOSITORY CA_FILE | firstpaint [REGISTRY...] | load REPOSITORY REGISTRY...\n");
    return 2;
}
