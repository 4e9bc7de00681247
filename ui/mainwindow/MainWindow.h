#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <functional>
#include <optional>

class QAction;
class QCheckBox;
class QSystemTrayIcon;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;
class QComboBox;
class QToolButton;
class QTreeView;

namespace berth {

class ImageInspector;
class RegistryClient;
class RegistrySession;
class RepositoryChart;
class RegistryTreeModel;
class RepositoryHistory;
class TagDetailsView;
class TagFilterProxy;
class TagTableModel;
struct RegistryEndpoint;
struct TagSummary;

// The browser: registries and repositories on the left; the selected repository's tags (with
// dates, sizes and platforms as they arrive) on the right, and the selected tag's details below.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(RegistrySession& session, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows a registry in the sidebar (with its pinned repositories from the saved list).
    void addRegistry(const RegistryEndpoint& endpoint);
    // Opens the add/edit dialog; returns it for tests (it deletes itself when closed).
    class RegistryDialog* openRegistryDialog(bool edit);
    // Adds a repository by name to the selected registry (for registries without a catalog) and pins it.
    bool openRepository(const QString& path);
    // Opens a comparison of the two selected tags (older first); nullptr unless exactly two are selected.
    class CompareWindow* compareSelectedTags();
    // Opens the retention dry run over the shown repository; nullptr while its tags still load.
    class RetentionWindow* openRetentionPlan();
    // Copy To… (the same registry first) or Promote… (another registry, same name) for the selected
    // tag; nullptr when no tag is selected.
    class CopyDialog* openCopyDialog(bool promote);
    // The same for tags dragged onto the sidebar: to `registry` and, when dropped on one, `repository`.
    class CopyDialog* openCopyDialogTo(const QString& tag, const QString& registry, const QString& repository);
    // The Mirror Rules window: saved rules, their dry run and their run.
    class MirrorRulesWindow* openMirrorRules();
    // Opens the audit log of deletions and retags, with undo.
    class AuditWindow* openAuditLog();
    // How the window asks "are you sure?"; tests answer through this seam.
    using Confirmation = std::function<bool(const QString& title, const QString& text)>;
    void setConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }
    // The public keys (PEM files) that signatures from a registry are checked against; saved.
    void setTrustedKeys(const QString& registry, const QStringList& keyFiles);
    // Signatures and vulnerabilities for every image of the shown repository (fills those columns).
    void checkTrustOfAllTags();

    // Watched repositories (ui/mainwindow/MainWindowWatch.cpp): polled while Berth runs; their
    // changes notify (for the kinds chosen) and fill the Changes window.
    void setWatched(const QModelIndex& repository, bool watched);
    // The Changes window: of the shown repository, or of every watched one.
    class ChangesWindow* openChanges(bool shownRepositoryOnly);
    class Watcher* watcher() const { return m_watcher; }
    // How a change is told while the window may be out of sight; tests listen through this seam.
    using Notification = std::function<void(const QString& title, const QString& body)>;
    void setNotification(Notification notify) { m_notify = std::move(notify); }

    // For tests and --screenshot.
    RegistryTreeModel* registryModel() const { return m_registries; }
    TagTableModel* tagModel() const { return m_tags; }
    TagFilterProxy* tagProxy() const { return m_tagProxy; }
    QTreeView* sidebar() const { return m_sidebar; }
    QTableView* tagView() const { return m_tagView; }
    TagDetailsView* detailsView() const { return m_details; }
    QLineEdit* tagFilterEdit() const { return m_tagFilter; }
    QProgressBar* progressBar() const { return m_progress; }
    void cancelLoading();

Q_SIGNALS:
    void registriesSettled(); // every registry has loaded or failed
    void tagsLoaded(const QString& repository, int count); // every tag summarised
    void tagLoadEnded(const QString& repository); // loaded, failed or cancelled
    void registryDatesShown(const QString& repository); // the registry's push/pull dates are in the table
    void registryTimelineShown(const QString& tag, int rows); // the registry's own tag history is in the Timeline tab
    void detailsShown(const QString& tag);
    void contentsShown(const QString& tag);
    void tagRestored(const QString& tag, const QString& digest, bool succeeded);
    void trustShown(const QString& tag);
    void registryScanStarted(bool ok); // the registry's own scanner was asked (Scan by Registry)
    void allTrustChecked(int images);
    void watchEventsShown(int count); // a watch poll found changes; notified and listed

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildActions();
    QWidget* buildTagPane();
    void showRepository(const QModelIndex& index);
    void showTag(const QModelIndex& proxyIndex, const std::optional<QString>& platform = std::nullopt);
    void readRegistryDates(const QString& repository);
    void fitRegistryDateColumns();
    // The table from the registry's own tag listing, no image read (where reads are pulls: Docker Hub).
    void loadTagsFromListing(class RepositoryHistory* history, const QString& repository, const QString& key, QObject* context);
    void readEveryImage(); // the open repository again, every tag's image read (pulls, on Docker Hub)
    // A row shown from the registry's listing gets what the selection's read of its image found.
    void fillRowFromImage(const QString& tag, const QString& digest);
    void showTagLoadFailure(class RepositoryHistory* history, const QString& repository, const struct Error& error);
    // The stored bytes. `registryDates`: the registry's own push and pull dates that came with the rows.
    qint64 showLoadedTags(const QString& repository, const QString& key, QList<struct TagSummary> rows,
                          const QList<struct RegistryTagDates>& registryDates);
    void sortTagsAgain(); // after a load: the table sorts as its header says, and keeps sorting
    void endTagLoad(const QString& repository, int tags);
    void showRegistryTimeline(const QString& tag, const QString& currentDigest);
    void applyTagFilter();
    void showTagCount();
    void showWelcome();
    void filterRepositories(const QString& text);
    void openFirstRepositoryMatch();
    void refresh();
    void checkSettled();
    void showError(const QString& text);
    void showTagMenu(const QPoint& position);
    void restoreSelection(const QString& registry);
    void setLoading(bool loading);
    void restoreTag(const QString& tag, const QString& digest);
    QList<class PublicKey> trustedKeys(QStringList* unreadable) const;
    void showSidebarMenu(const QPoint& position);
    void removeSelectedRegistry();
    void savePins(int registryRow);
    int selectedRegistryRow() const;
    void buildWatch();
    RegistryClient* newClientFor(const QString& registryName, QObject* parent);
    void watchSaved(int registryRow); // the saved watched repositories of a registry just added
    void showWatchEvents(const QList<struct WatchEvent>& events);
    void setTrayEnabled(bool enabled);
    // A registry or repository that cannot be reached, shown as Berth last saw it.
    void showRegistryOffline(const QString& registry, const struct Error& error);
    bool showTagsOffline(class RepositoryHistory* history, const QString& repository, const struct Error& error);

    RegistrySession& m_session;
    RegistryTreeModel* m_registries = nullptr;
    QSortFilterProxyModel* m_registryFilter = nullptr;
    TagTableModel* m_tags = nullptr;
    TagFilterProxy* m_tagProxy = nullptr;
    QTreeView* m_sidebar = nullptr;
    QLineEdit* m_repositoryFilter = nullptr;
    QLineEdit* m_tagFilter = nullptr;
    QCheckBox* m_regexFilter = nullptr;
    QToolButton* m_kindFilter = nullptr;
    QComboBox* m_staleFilter = nullptr; // "not pulled for N days", where the registry keeps pull times
    QTableView* m_tagView = nullptr;
    TagDetailsView* m_details = nullptr;
    QLabel* m_repositoryTitle = nullptr;
    QLabel* m_errorBanner = nullptr;
    QLabel* m_rateLimit = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QPointer<RegistryClient> m_tagClient;
    QPointer<class Provider> m_tagProvider; // the shown registry's family API, owned by the registry model
    QString m_currentRepository;
    QObject* m_tagRequest = nullptr; // replaced per request, so a stale answer is dropped
    QObject* m_detailsRequest = nullptr;
    QString m_detailsReference; // digest of what the details view shows
    QString m_detailsTag;
    QString m_detailsTopDigest; // what signatures and referrers name (an index's own digest)
    bool m_restored = false;
    Confirmation m_confirm;
    RepositoryChart* m_chart = nullptr;
    QLabel* m_tagCount = nullptr; // "10 of 2000 tags shown", beside the filter
    QWidget* m_welcome = nullptr; // first run: what Berth shows, and Add Registry
    QLabel* m_welcomeText = nullptr;
    bool m_autoSizeColumns = true; // until the user's own column widths are restored
    bool m_trustAfterLoad = false; // Check Trust of All Tags was asked for while the tags loaded
    bool m_readEveryImage = false; // the next load reads every image even where reads are pulls
    // The rows last loaded per registry/repository: shown at once when a repository is reopened,
    // then refreshed in place.
    QHash<QString, QList<TagSummary>> m_lastRows;
    class Watcher* m_watcher = nullptr;
    class DesktopNotifier* m_desktopNotifier = nullptr;
    Notification m_notify;
    QPointer<class ChangesWindow> m_changesWindow;
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_trayAction = nullptr;
    QHash<QString, QAction*> m_notifyKinds; // event kind name -> its "Notify About" action
};

} // namespace berth
