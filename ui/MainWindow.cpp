#include "MainWindow.h"

#include "Paths.h"
#include "RegistryClient.h"
#include "RegistrySession.h"
#include "RegistryTreeModel.h"
#include "TagListModel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace berth {
namespace {

    QSettings windowSettings()
    {
        return QSettings(configDir() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    }

} // namespace

MainWindow::MainWindow(RegistrySession& session, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_registries(new RegistryTreeModel(this))
    , m_registryFilter(new QSortFilterProxyModel(this))
    , m_tags(new TagListModel(this))
{
    setWindowTitle(tr("Berth"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/berth.svg")));

    m_registryFilter->setSourceModel(m_registries);
    m_registryFilter->setRecursiveFilteringEnabled(true);
    m_registryFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit;
    m_filter->setPlaceholderText(tr("Filter repositories (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_sidebar = new QTreeView;
    m_sidebar->setModel(m_registryFilter);
    m_sidebar->setHeaderHidden(true);
    m_sidebar->setUniformRowHeights(true);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_sidebar);

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_repositoryTitle = new QLabel(tr("Select a repository to see its tags."));
    m_repositoryTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_repositoryTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_repositoryTitle->setFont(titleFont);
    m_errorBanner = new QLabel;
    m_errorBanner->setWordWrap(true);
    m_errorBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBanner->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #611a15; padding: 6px; border-radius: 4px; }"));
    m_errorBanner->hide();
    m_tagView = new QTableView;
    auto* tagSort = new QSortFilterProxyModel(this);
    tagSort->setSourceModel(m_tags);
    m_tagView->setModel(tagSort);
    m_tagView->setSortingEnabled(true);
    m_tagView->sortByColumn(TagListModel::TagColumn, Qt::AscendingOrder);
    m_tagView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tagView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tagView->horizontalHeader()->setStretchLastSection(true);
    m_tagView->verticalHeader()->hide();
    rightLayout->addWidget(m_repositoryTitle);
    rightLayout->addWidget(m_errorBanner);
    rightLayout->addWidget(m_tagView);

    auto* splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    m_progress = new QProgressBar;
    m_progress->setMaximumWidth(200);
    m_progress->setRange(0, 0);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);

    buildActions();

    connect(m_filter, &QLineEdit::textChanged, m_registryFilter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_sidebar->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showRepository(m_registryFilter->mapToSource(current)); });
    connect(m_registries, &RegistryTreeModel::registryLoaded, this, [this](const QString& registry, int count) {
        statusBar()->showMessage(tr("%1: %n repositories", nullptr, count).arg(registry));
        for (int row = 0; row < m_registries->registryCount(); ++row)
            m_sidebar->expand(m_registryFilter->mapFromSource(m_registries->index(row, 0)));
        checkSettled();
    });
    connect(m_registries, &RegistryTreeModel::registryFailed, this, [this](const QString& registry, const Error& error) {
        showError(tr("%1: %2").arg(registry, userMessage(error)));
        checkSettled();
    });

    const auto settings = windowSettings();
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    view->addAction(tr("&Filter"), QKeySequence::Find, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    view->addAction(tr("&Cancel Loading"), QKeySequence(Qt::Key_Escape), this, &MainWindow::cancelLoading);
}

void MainWindow::addRegistry(const RegistryEndpoint& endpoint)
{
    m_progress->show();
    m_registries->addRegistry(m_session.createClient(endpoint, nullptr, this));
}

void MainWindow::checkSettled()
{
    for (int row = 0; row < m_registries->registryCount(); ++row) {
        if (m_registries->stateOf(row) == RegistryTreeModel::LoadState::Loading)
            return;
    }
    if (!m_tagRequestContext)
        m_progress->hide();
    Q_EMIT registriesSettled();
}

void MainWindow::showError(const QString& text)
{
    m_errorBanner->setText(text);
    m_errorBanner->setVisible(!text.isEmpty());
}

void MainWindow::showRepository(const QModelIndex& index)
{
    if (!index.isValid() || index.data(RegistryTreeModel::IsRegistryRole).toBool())
        return;
    RegistryClient* client = m_registries->clientAt(index);
    const QString repository = index.data(RegistryTreeModel::RepositoryRole).toString();
    if (!client)
        return;
    delete m_tagRequestContext; // drops the answer of a previous, still running request
    m_tagRequestContext = new QObject(this);
    m_tagClient = client;
    m_currentRepository = repository;
    m_tags->clear();
    showError({});
    m_repositoryTitle->setText(client->endpoint().name + QLatin1Char('/') + repository);
    m_progress->show();
    statusBar()->showMessage(tr("Loading tags of %1…").arg(repository));
    QObject* context = m_tagRequestContext;
    client->listTags(
        repository, context,
        [this, repository, context](Result<QStringList> tags) {
            m_progress->hide();
            if (context == m_tagRequestContext) {
                m_tagRequestContext->deleteLater();
                m_tagRequestContext = nullptr;
            }
            if (!tags) {
                showError(userMessage(tags.error()));
                statusBar()->clearMessage();
                return;
            }
            statusBar()->showMessage(tr("%1: %n tags", nullptr, int(tags->size())).arg(repository));
            Q_EMIT tagsLoaded(repository, int(tags->size()));
        },
        [this](const QStringList& page) { m_tags->append(page); });
}

void MainWindow::refresh()
{
    m_registries->reloadAll();
    m_progress->show();
}

void MainWindow::cancelLoading()
{
    if (m_tagClient)
        m_tagClient->cancelAll();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    auto settings = windowSettings();
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace berth
