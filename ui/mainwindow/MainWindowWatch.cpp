// MainWindow, part: watched repositories (polling, notifications, the Changes window, the tray)
// and what the window shows of a registry it cannot reach (what Berth last saw, marked offline).
#include "ui/mainwindow/MainWindow.h"

#include "core/image/RepositoryHistory.h"
#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "core/session/RegistrySession.h"
#include "core/session/SavedRegistries.h"
#include "core/store/WatchJournal.h"
#include "core/watch/Watcher.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/browser/TagTableModel.h"
#include "ui/widgets/Dates.h"
#include "ui/widgets/ErrorBanner.h"
#include "ui/widgets/Settings.h"
#include "ui/watch/ChangesWindow.h"
#include "ui/watch/DesktopNotifier.h"

#include <QAction>
#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTreeView>

namespace berth {
namespace {

    const QList<WatchEvent::Kind> kNotifiableKinds{WatchEvent::Kind::TagCreated, WatchEvent::Kind::TagMoved, WatchEvent::Kind::TagDeleted,
                                                   WatchEvent::Kind::ImageSigned, WatchEvent::Kind::ImageUnsigned, WatchEvent::Kind::ScanFindings};

} // namespace

void MainWindow::buildWatch()
{
    m_desktopNotifier = new DesktopNotifier(this);
    m_notify = [this](const QString& title, const QString& body) {
        if (m_tray && m_tray->isVisible())
            m_tray->showMessage(title, body);
        else
            m_desktopNotifier->notify(title, body);
    };
    const auto journal = m_session.watchJournal();
    const auto log = m_session.observationLog();
    if (journal) {
        m_watcher = new Watcher(*journal, log ? *log : nullptr, this);
        m_watcher->setInterval(berthSettings().value(QStringLiteral("watch/intervalSeconds"), 300).toLongLong() * 1000);
        // Where the registry scans images itself (Harbor, ECR): new images' findings this severe or worse.
        m_watcher->setScanThreshold(parseSeverity(berthSettings().value(QStringLiteral("watch/scanSeverity"), QStringLiteral("High")).toString()));
        connect(m_watcher, &Watcher::eventsRecorded, this, &MainWindow::showWatchEvents);
        connect(m_watcher, &Watcher::repositoryFailed, this, [this](const QString& registry, const QString& repository, const Error& error) {
            statusBar()->showMessage(tr("Watching %1/%2: %3").arg(registry, repository, userMessage(error)), 10000);
        });
    }

    QMenu* watch = menuBar()->addMenu(tr("&Watch"));
    watch->addAction(tr("&Changes…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, [this] { openChanges(false); });
    watch->addAction(tr("Changes in &This Repository…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C), this, [this] { openChanges(true); });
    watch->addAction(tr("&Watch This Repository"), QKeySequence(Qt::CTRL | Qt::Key_W), this, [this] {
        const QModelIndex index = m_registryFilter->mapToSource(m_sidebar->currentIndex());
        if (index.isValid() && !index.data(RegistryTreeModel::RepositoryRole).toString().isEmpty())
            setWatched(index, !index.data(RegistryTreeModel::WatchedRole).toBool());
    });
    watch->addAction(tr("Check &Now"), this, [this] {
        if (m_watcher)
            m_watcher->pollOnce();
    });
    QMenu* kinds = watch->addMenu(tr("&Notify About"));
    const QStringList chosen = berthSettings()
                                   .value(QStringLiteral("watch/notify"), QStringList{watchEventKindName(WatchEvent::Kind::TagCreated),
                                                                                     watchEventKindName(WatchEvent::Kind::TagMoved),
                                                                                     watchEventKindName(WatchEvent::Kind::TagDeleted),
                                                                                     watchEventKindName(WatchEvent::Kind::ImageSigned),
                                                                                     watchEventKindName(WatchEvent::Kind::ImageUnsigned),
                                                                                     watchEventKindName(WatchEvent::Kind::ScanFindings)})
                                   .toStringList();
    const QStringList labels{tr("New Tags"), tr("Moved Tags"), tr("Deleted Tags"), tr("Signed Images"), tr("Removed Signatures"),
                             tr("Scan Findings")};
    for (int i = 0; i < kNotifiableKinds.size(); ++i) {
        const QString name = watchEventKindName(kNotifiableKinds[i]);
        QAction* action = kinds->addAction(labels[i]);
        action->setCheckable(true);
        action->setChecked(chosen.contains(name));
        connect(action, &QAction::toggled, this, [this] {
            QStringList names;
            for (auto it = m_notifyKinds.cbegin(); it != m_notifyKinds.cend(); ++it) {
                if (it.value()->isChecked())
                    names << it.key();
            }
            berthSettings().setValue(QStringLiteral("watch/notify"), names);
        });
        m_notifyKinds.insert(name, action);
    }
    watch->addSeparator();
    m_trayAction = watch->addAction(tr("Keep Running in the System &Tray"));
    m_trayAction->setCheckable(true);
    m_trayAction->setToolTip(tr("Closing the window keeps Berth watching, with notifications; quit from the tray icon."));
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        m_trayAction->setEnabled(false);
        m_trayAction->setToolTip(tr("This desktop shows no system tray."));
    }
    m_trayAction->setChecked(berthSettings().value(QStringLiteral("tray/enabled"), false).toBool());
    connect(m_trayAction, &QAction::toggled, this, [this](bool enabled) {
        berthSettings().setValue(QStringLiteral("tray/enabled"), enabled);
        setTrayEnabled(enabled);
    });
    setTrayEnabled(m_trayAction->isChecked());
}

void MainWindow::setTrayEnabled(bool enabled)
{
    if (!enabled || !QSystemTrayIcon::isSystemTrayAvailable()) {
        if (m_tray)
            m_tray->hide();
        return;
    }
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/berth.svg")), this);
        m_tray->setToolTip(tr("Berth"));
        auto* menu = new QMenu(this);
        menu->addAction(tr("Show Berth"), this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        menu->addAction(tr("Changes…"), this, [this] { openChanges(false); });
        menu->addSeparator();
        menu->addAction(tr("Quit"), qApp, &QApplication::quit);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger)
                isVisible() ? hide() : showNormal();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] { openChanges(false); });
    }
    m_tray->show();
}

void MainWindow::setWatched(const QModelIndex& repository, bool watched)
{
    const int row = m_registries->registryRowOf(repository);
    const QString registry = repository.data(RegistryTreeModel::RegistryNameRole).toString();
    const QString path = repository.data(RegistryTreeModel::RepositoryRole).toString();
    if (row < 0 || path.isEmpty())
        return;
    // A watched repository stays in the sidebar like a pinned one (Hub and GHCR list no catalog).
    if (watched && !repository.data(RegistryTreeModel::PinnedRole).toBool()) {
        m_registries->setPinned(repository, true);
        savePins(row);
    }
    m_registries->setWatched(repository, watched);
    SavedRegistries::setWatched(registry, m_registries->watchedRepositories(row));
    if (!m_watcher)
        return;
    if (watched) {
        m_watcher->watch(m_registries->providerAt(repository), path);
        if (!m_watcher->isRunning())
            m_watcher->start(); // the first poll is the baseline
        else
            m_watcher->pollOnce();
        statusBar()->showMessage(tr("Watching %1/%2 for changes every %3 minutes.").arg(registry, path).arg(m_watcher->interval() / 60000), 5000);
    } else {
        m_watcher->unwatch(registry, path);
        statusBar()->showMessage(tr("%1/%2 is no longer watched.").arg(registry, path), 5000);
    }
}

void MainWindow::watchSaved(int registryRow)
{
    const QString registry = m_registries->index(registryRow, 0).data(RegistryTreeModel::RegistryNameRole).toString();
    const auto saved = SavedRegistries::find(registry);
    if (!saved || !m_watcher)
        return;
    for (const QString& path : saved->watched) {
        const QModelIndex index = m_registries->addRepository(registryRow, path, true);
        m_registries->setWatched(index, true);
        m_watcher->watch(m_registries->providerAt(index), path);
    }
    if (!saved->watched.isEmpty() && !m_watcher->isRunning())
        m_watcher->start();
}

void MainWindow::showWatchEvents(const QList<WatchEvent>& events)
{
    const WatchEvent& first = events.first();
    const QString where = first.registry + QLatin1Char('/') + first.repository;
    QList<WatchEvent> told;
    for (const WatchEvent& e : events) {
        const QAction* kind = m_notifyKinds.value(watchEventKindName(e.kind));
        if (kind && kind->isChecked())
            told << e;
    }
    if (told.size() == 1) {
        const WatchEvent& e = told.first();
        switch (e.kind) {
        case WatchEvent::Kind::TagCreated:
            m_notify(tr("New tag %1 in %2").arg(e.tag, e.repository), tr("%1:%2 is %3").arg(where, e.tag, e.digest.left(19)));
            break;
        case WatchEvent::Kind::TagMoved:
            m_notify(tr("%1 moved in %2").arg(e.tag, e.repository),
                     tr("%1:%2 now names %3 (was %4)").arg(where, e.tag, e.digest.left(19), e.previousDigest.left(19)));
            break;
        case WatchEvent::Kind::TagDeleted:
            m_notify(tr("%1 deleted in %2").arg(e.tag, e.repository), tr("%1:%2 named %3").arg(where, e.tag, e.previousDigest.left(19)));
            break;
        case WatchEvent::Kind::ImageSigned:
            m_notify(tr("Image signed in %1").arg(e.repository), tr("%1@%2 has a signature").arg(where, e.digest.left(19)));
            break;
        case WatchEvent::Kind::ImageUnsigned:
            m_notify(tr("Signature removed in %1").arg(e.repository), tr("%1@%2 has no signature any more").arg(where, e.digest.left(19)));
            break;
        case WatchEvent::Kind::ScanFindings:
            m_notify(tr("Vulnerabilities in %1:%2").arg(e.repository, e.tag), tr("The registry's scan of %1:%2 found %3 at or above %4.")
                                                                                     .arg(where, e.tag)
                                                                                     .arg(QJsonDocument::fromJson(e.detail).object().value(QStringLiteral("atOrAbove")).toInt())
                                                                                     .arg(QJsonDocument::fromJson(e.detail).object().value(QStringLiteral("threshold")).toString()));
            break;
        }
    } else if (told.size() > 1) {
        m_notify(tr("%n changes in %1", nullptr, int(told.size())).arg(first.repository), tr("Open Berth's Changes window to see them."));
    }
    statusBar()->showMessage(tr("%n changes in %1", nullptr, int(events.size())).arg(where), 10000);
    if (m_changesWindow)
        m_changesWindow->reload();
    // The repository on screen changed: its table is reloaded in place (selection and filter stay).
    if (m_tagClient && m_tagClient->endpoint().name == first.registry && m_currentRepository == first.repository && !m_tagRequest)
        refresh();
    Q_EMIT watchEventsShown(int(events.size()));
}

ChangesWindow* MainWindow::openChanges(bool shownRepositoryOnly)
{
    if (!m_changesWindow) {
        m_changesWindow = new ChangesWindow(m_session, [this](const QString& registryName) -> RegistryClient* {
            const int row = m_registries->registryRow(registryName);
            return row < 0 ? nullptr : m_registries->clientAt(m_registries->index(row, 0));
        }, this);
    }
    if (shownRepositoryOnly && m_tagClient && !m_currentRepository.isEmpty())
        m_changesWindow->showRepository(m_tagClient->endpoint().name, m_currentRepository);
    else
        m_changesWindow->showRepository({}, {});
    m_changesWindow->show();
    m_changesWindow->raise();
    return m_changesWindow;
}

void MainWindow::showRegistryOffline(const QString& registry, const Error& error)
{
    const int row = m_registries->registryRow(registry);
    const auto log = m_session.observationLog();
    if (row < 0 || !log)
        return;
    const QHash<QString, QDateTime> listed = (*log)->listedRepositories(registry);
    QDateTime newest;
    for (const QDateTime& when : listed)
        newest = qMax(newest, when);
    m_registries->showOffline(row, listed.keys(),
                              listed.isEmpty() ? tr("Offline: %1. Berth has not listed any of its repositories yet.").arg(userMessage(error))
                                               : tr("Offline: %1. Shown: the repositories Berth last listed, as of %2.")
                                                     .arg(userMessage(error), displayDateTime(newest)));
}

bool MainWindow::showTagsOffline(RepositoryHistory* history, const QString& repository, const Error& error)
{
    std::optional<RepositoryHistory::Offline> kept = history->lastListed(repository);
    if (!kept)
        return false;
    m_tags->showSummaries(kept->rows); // only what that listing held: nothing Berth cannot have seen
    sortTagsAgain();
    showError(tr("Offline — as of %1: what Berth last saw of %2. %3")
                  .arg(displayDateTime(kept->asOf), repository, userMessage(error)));
    m_repositoryTitle->setText(tr("%1 (offline, as of %2)").arg(m_repositoryTitle->text(), displayDateTime(kept->asOf)));
    statusBar()->showMessage(tr("%1: %n tags as Berth last saw them", nullptr, int(kept->rows.size())).arg(repository));
    return true;
}

} // namespace berth
