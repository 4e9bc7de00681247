// MainWindow, part: The frame: layout, status bar, loading state, errors, remembered geometry.
#include "ui/mainwindow/MainWindow.h"

#include "core/base/Paths.h"
#include "core/image/ImageContents.h"
#include "core/image/ImageInspector.h"
#include "core/image/RepositoryHistory.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"
#include "core/scan/LocalScanner.h"
#include "core/session/RegistrySession.h"
#include "core/session/SavedRegistries.h"
#include "core/store/AuditLog.h"
#include "core/trust/Signatures.h"
#include "core/trust/TrustInspector.h"
#include "ui/browser/RegistryDialog.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/browser/TagTableModel.h"
#include "ui/compare/CompareWindow.h"
#include "ui/compare/RepositoryChart.h"
#include "ui/details/TagDetailsView.h"
#include "ui/retention/AuditWindow.h"
#include "ui/retention/RetentionWindow.h"
#include "ui/widgets/ErrorBanner.h"
#include "ui/widgets/Settings.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QKeyEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QDropEvent>
#include <QMimeData>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <utility>

namespace berth {

MainWindow::MainWindow(RegistrySession& session, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_registries(new RegistryTreeModel(this))
    , m_registryFilter(new QSortFilterProxyModel(this))
    , m_tags(new TagTableModel(this))
    , m_tagProxy(new TagFilterProxy(this))
{
    setWindowTitle(tr("Berth"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/berth.svg")));

    m_registryFilter->setSourceModel(m_registries);
    m_registryFilter->setRecursiveFilteringEnabled(true);
    m_registryFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_registryFilter->setFilterRole(RegistryTreeModel::FilterRole); // "demo/web" finds demo/webapp
    m_registryFilter->setAutoAcceptChildRows(true); // a matching namespace shows its repositories

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_repositoryFilter = new QLineEdit;
    m_repositoryFilter->setObjectName(QStringLiteral("repositoryFilter"));
    m_repositoryFilter->setPlaceholderText(tr("Filter repositories (Ctrl+Shift+F)"));
    m_repositoryFilter->setClearButtonEnabled(true);
    m_sidebar = new QTreeView;
    m_sidebar->setModel(m_registryFilter);
    m_sidebar->setHeaderHidden(true);
    m_sidebar->setUniformRowHeights(true);
    m_sidebar->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_sidebar, &QWidget::customContextMenuRequested, this, &MainWindow::showSidebarMenu);
    leftLayout->addWidget(m_repositoryFilter);
    leftLayout->addWidget(m_sidebar);

    auto* splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(buildTagPane());
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    m_rateLimit = new QLabel;
    m_rateLimit->setToolTip(tr("Pulls left in the registry's current rate-limit window"));
    m_rateLimit->hide();
    statusBar()->addPermanentWidget(m_rateLimit);
    m_progress = new QProgressBar;
    m_progress->setMaximumWidth(220);
    m_progress->setFormat(tr("%v / %m tags"));
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    m_cancel = new QToolButton;
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop loading (Esc)"));
    m_cancel->hide();
    connect(m_cancel, &QToolButton::clicked, this, &MainWindow::cancelLoading);
    statusBar()->addPermanentWidget(m_cancel);

    buildActions();
    buildWatch();
    showWelcome();

    connect(m_repositoryFilter, &QLineEdit::textChanged, this, &MainWindow::filterRepositories);
    m_repositoryFilter->installEventFilter(this); // Down and Enter move into the matches
    m_sidebar->setAcceptDrops(true); // tags dropped on a repository or registry are copied there
    m_sidebar->viewport()->setAcceptDrops(true);
    m_sidebar->viewport()->installEventFilter(this);
    connect(m_sidebar->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showRepository(m_registryFilter->mapToSource(current)); });
    connect(m_registries, &RegistryTreeModel::registryLoaded, this, [this](const QString& registry, int count) {
        statusBar()->showMessage(tr("%1: %n repositories", nullptr, count).arg(registry));
        const int row = m_registries->registryRow(registry);
        // The registry and its namespaces, not each of thousands of repositories asked whether it has rows.
        if (row >= 0) {
            for (const QModelIndex& branch : m_registries->branchIndexes(row))
                m_sidebar->expand(m_registryFilter->mapFromSource(branch));
        }
        restoreSelection(registry);
        checkSettled();
    });
    connect(m_registries, &RegistryTreeModel::registryFailed, this, [this](const QString& registry, const Error& error) {
        showError(tr("%1: %2").arg(registry, userMessage(error)));
        if (unreachable(error))
            showRegistryOffline(registry, error);
        checkSettled();
    });

    const auto settings = berthSettings();
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    if (auto* right = findChild<QSplitter*>(QStringLiteral("tagSplitter")))
        right->restoreState(settings.value(QStringLiteral("window/tagSplitter")).toByteArray());
    m_autoSizeColumns = !m_tagView->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/tagHeader")).toByteArray());
    // Until a repository of a registry that keeps them is open, there are no registry dates to show.
    m_tagView->setColumnHidden(TagTableModel::PushedColumn, true);
    m_tagView->setColumnHidden(TagTableModel::PulledColumn, true);
}

MainWindow::~MainWindow() = default;

void MainWindow::setLoading(bool loading)
{
    m_progress->setVisible(loading);
    m_cancel->setVisible(loading);
}

void MainWindow::showError(const QString& text)
{
    m_errorBanner->setText(text);
    m_errorBanner->setVisible(!text.isEmpty());
}

void MainWindow::checkSettled()
{
    for (int row = 0; row < m_registries->registryCount(); ++row) {
        if (m_registries->stateOf(row) == RegistryTreeModel::LoadState::Loading)
            return;
    }
    if (!m_tagRequest)
        setLoading(false);
    Q_EMIT registriesSettled();
}

void MainWindow::refresh()
{
    if (!m_currentRepository.isEmpty() && m_sidebar->currentIndex().isValid()) {
        showRepository(m_registryFilter->mapToSource(m_sidebar->currentIndex()));
        return;
    }
    m_registries->reloadAll();
    m_progress->setRange(0, 0);
    setLoading(true);
}

void MainWindow::cancelLoading()
{
    if (!m_tagRequest || !m_tagClient)
        return;
    // Drop the load's context first: the answers that the abort below produces are then ignored.
    delete std::exchange(m_tagRequest, nullptr);
    m_tagClient->cancelAll();
    sortTagsAgain(); // the rows shown so far sort as usual again
    m_trustAfterLoad = false;
    setLoading(false);
    showError(tr("Loading was cancelled; the tags shown so far stay. Press F5 to load again."));
    statusBar()->showMessage(tr("%1: cancelled").arg(m_currentRepository));
    Q_EMIT tagLoadEnded(m_currentRepository);
}

void MainWindow::filterRepositories(const QString& text)
{
    {
        // Filtering never changes what is open: the view would move its current item to whatever
        // stays visible, and that is not the user's choice.
        const QSignalBlocker quiet(m_sidebar->selectionModel());
        m_registryFilter->setFilterFixedString(text);
    }
    // The open repository stays highlighted while it matches; otherwise nothing is.
    const QSignalBlocker quiet(m_sidebar->selectionModel());
    const QModelIndex open = m_tagClient ? RegistryTreeModel::findRepository(m_registryFilter, m_currentRepository) : QModelIndex();
    if (open.isValid() && open.data(RegistryTreeModel::RegistryNameRole).toString() == m_tagClient->endpoint().name)
        m_sidebar->selectionModel()->setCurrentIndex(open, QItemSelectionModel::ClearAndSelect);
    else
        m_sidebar->selectionModel()->clear();
}

void MainWindow::openFirstRepositoryMatch()
{
    const QModelIndex first = RegistryTreeModel::findFirstRepository(m_registryFilter);
    m_sidebar->setFocus();
    if (first.isValid())
        m_sidebar->setCurrentIndex(first); // opens it
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Tags dragged from the table onto a repository or registry of the sidebar: Copy To… there.
    if (watched == m_sidebar->viewport() && (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove || event->type() == QEvent::Drop)) {
        auto* drop = static_cast<QDropEvent*>(event);
        const QModelIndex target = m_registryFilter->mapToSource(m_sidebar->indexAt(drop->position().toPoint()));
        if (!drop->mimeData()->hasFormat(QString::fromLatin1(TagTableModel::kMimeType)) || (event->type() != QEvent::DragEnter && !target.isValid())) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        if (event->type() == QEvent::Drop) {
            const QString tag = QString::fromUtf8(drop->mimeData()->data(QString::fromLatin1(TagTableModel::kMimeType))).section(QLatin1Char('\n'), 0, 0);
            openCopyDialogTo(tag, target.data(RegistryTreeModel::RegistryNameRole).toString(), target.data(RegistryTreeModel::RepositoryRole).toString());
        }
        return true;
    }
    if (watched == m_repositoryFilter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
            openFirstRepositoryMatch();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // With the tray kept, closing hides the window and the watch goes on; Quit is in the tray's menu.
    if (m_tray && m_tray->isVisible()) {
        hide();
        event->ignore();
        return;
    }
    auto settings = berthSettings();
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("tagSplitter")))
        settings.setValue(QStringLiteral("window/tagSplitter"), splitter->saveState());
    settings.setValue(QStringLiteral("window/tagHeader"), m_tagView->horizontalHeader()->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace berth
