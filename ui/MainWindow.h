#pragma once

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QLineEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;
class QTreeView;

namespace berth {

class RegistryClient;
class RegistrySession;
class RegistryTreeModel;
class TagListModel;
struct RegistryEndpoint;

// The browser: registries and their repositories on the left, the selected repository's tags on the right.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(RegistrySession& session, QWidget* parent = nullptr);
    ~MainWindow() override;

    void addRegistry(const RegistryEndpoint& endpoint);

    // For tests and --screenshot.
    RegistryTreeModel* registryModel() const { return m_registries; }
    TagListModel* tagModel() const { return m_tags; }
    QTreeView* sidebar() const { return m_sidebar; }
    QTableView* tagView() const { return m_tagView; }

Q_SIGNALS:
    void registriesSettled(); // every registry has loaded or failed
    void tagsLoaded(const QString& repository, int count);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void showRepository(const QModelIndex& index);
    void refresh();
    void cancelLoading();
    void checkSettled();
    void showError(const QString& text);

    RegistrySession& m_session;
    RegistryTreeModel* m_registries = nullptr;
    QSortFilterProxyModel* m_registryFilter = nullptr;
    TagListModel* m_tags = nullptr;
    QTreeView* m_sidebar = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_tagView = nullptr;
    QLabel* m_repositoryTitle = nullptr;
    QLabel* m_errorBanner = nullptr;
    QProgressBar* m_progress = nullptr;
    QPointer<RegistryClient> m_tagClient;
    QString m_currentRepository;
    QObject* m_tagRequestContext = nullptr; // replaced per request, so a stale answer is dropped
};

} // namespace berth
