#include "MainWindow.h"

#include "AuditLog.h"
#include "AuditWindow.h"
#include "CompareWindow.h"
#include "ErrorBanner.h"
#include "RetentionWindow.h"
#include "Settings.h"
#include "RepositoryChart.h"
#include "ImageContents.h"
#include "ImageInspector.h"
#include "LocalScanner.h"
#include "Reference.h"
#include "Signatures.h"
#include "RegistryDialog.h"
#include "SavedRegistries.h"
#include "Paths.h"
#include "RegistryClient.h"
#include "RegistrySession.h"
#include "RegistryTreeModel.h"
#include "RepositoryHistory.h"
#include "TagDetailsView.h"
#include "TagTableModel.h"
#include "TrustInspector.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
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
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <utility>

namespace berth {
namespace {

    const QList<TagKind> kAllKinds{TagKind::SemanticVersion, TagKind::GitSha, TagKind::Date,      TagKind::Environment,
                                   TagKind::Latest,          TagKind::Other,  TagKind::Attachment};

} // namespace

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

    connect(m_repositoryFilter, &QLineEdit::textChanged, m_registryFilter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_sidebar->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showRepository(m_registryFilter->mapToSource(current)); });
    connect(m_registries, &RegistryTreeModel::registryLoaded, this, [this](const QString& registry, int count) {
        statusBar()->showMessage(tr("%1: %n repositories", nullptr, count).arg(registry));
        const int row = m_registries->registryRow(registry);
        if (row >= 0)
            m_sidebar->expandRecursively(m_registryFilter->mapFromSource(m_registries->index(row, 0)));
        restoreSelection(registry);
        checkSettled();
    });
    connect(m_registries, &RegistryTreeModel::registryFailed, this, [this](const QString& registry, const Error& error) {
        showError(tr("%1: %2").arg(registry, userMessage(error)));
        checkSettled();
    });

    const auto settings = berthSettings();
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    if (auto* right = findChild<QSplitter*>(QStringLiteral("tagSplitter")))
        right->restoreState(settings.value(QStringLiteral("window/tagSplitter")).toByteArray());
    m_tagView->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/tagHeader")).toByteArray());
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildTagPane()
{
    auto* top = new QWidget;
    auto* layout = new QVBoxLayout(top);
    layout->setContentsMargins(0, 0, 0, 0);
    m_repositoryTitle = new QLabel(tr("Select a repository to see its tags."));
    m_repositoryTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_repositoryTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_repositoryTitle->setFont(titleFont);
    m_errorBanner = makeErrorBanner();

    auto* filterBar = new QHBoxLayout;
    m_tagFilter = new QLineEdit;
    m_tagFilter->setPlaceholderText(tr("Filter tags or digests (Ctrl+F)"));
    m_tagFilter->setClearButtonEnabled(true);
    m_regexFilter = new QCheckBox(tr("Regular expression"));
    m_kindFilter = new QToolButton;
    m_kindFilter->setObjectName(QStringLiteral("tagKindFilter"));
    m_kindFilter->setText(tr("Kinds"));
    m_kindFilter->setToolTip(tr("Show only some kinds of tags"));
    m_kindFilter->setPopupMode(QToolButton::InstantPopup);
    auto* kinds = new QMenu(m_kindFilter);
    for (TagKind kind : kAllKinds) {
        QAction* action = kinds->addAction(TagTableModel::kindLabel(kind));
        action->setCheckable(true);
        action->setChecked(true);
        action->setData(int(kind));
        connect(action, &QAction::toggled, this, &MainWindow::applyTagFilter);
    }
    m_kindFilter->setMenu(kinds);
    filterBar->addWidget(m_tagFilter, 1);
    filterBar->addWidget(m_regexFilter);
    filterBar->addWidget(m_kindFilter);
    connect(m_tagFilter, &QLineEdit::textChanged, this, &MainWindow::applyTagFilter);
    connect(m_regexFilter, &QCheckBox::toggled, this, &MainWindow::applyTagFilter);

    m_tagView = new QTableView;
    m_tagProxy->setSourceModel(m_tags);
    m_tagView->setModel(m_tagProxy);
    m_tagView->setSortingEnabled(true);
    m_tagView->sortByColumn(TagTableModel::TagColumn, Qt::AscendingOrder);
    m_tagView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tagView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tagView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tagView->horizontalHeader()->setStretchLastSection(true);
    m_tagView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_tagView->horizontalHeader()->resizeSection(TagTableModel::TagColumn, 180);
    m_tagView->horizontalHeader()->resizeSection(TagTableModel::DigestColumn, 120);
    m_tagView->horizontalHeader()->resizeSection(TagTableModel::CreatedColumn, 150);
    m_tagView->horizontalHeader()->resizeSection(TagTableModel::FirstSeenColumn, 150);
    m_tagView->verticalHeader()->hide();
    m_tagView->verticalHeader()->setDefaultSectionSize(m_tagView->fontMetrics().height() + 8);
    m_tagView->setWordWrap(false);
    connect(m_tagView, &QWidget::customContextMenuRequested, this, &MainWindow::showTagMenu);
    connect(m_tagView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showTag(current); });

    auto* tagTabs = new QTabWidget;
    tagTabs->setObjectName(QStringLiteral("tagTabs"));
    auto* tablePage = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(filterBar);
    tableLayout->addWidget(m_tagView);
    m_chart = new RepositoryChart;
    tagTabs->addTab(tablePage, tr("Tags"));
    tagTabs->addTab(m_chart, tr("Size over time"));
    layout->addWidget(m_repositoryTitle);
    layout->addWidget(m_errorBanner);
    layout->addWidget(tagTabs);

    m_details = new TagDetailsView;
    connect(m_details, &TagDetailsView::platformRequested, this,
            [this](const QString& platform) { showTag(m_tagView->currentIndex(), platform); });
    connect(m_details, &TagDetailsView::restoreRequested, this, &MainWindow::restoreTag);
    connect(m_details, &TagDetailsView::localScanRequested, this, [this] {
        if (!m_tagClient || !m_detailsRequest)
            return;
        auto* scanner = new LocalScanner(m_detailsRequest); // goes (and stops the scan) with the shown tag
        connect(scanner, &LocalScanner::progress, m_details, &TagDetailsView::showLocalScanProgress);
        connect(m_cancel, &QToolButton::clicked, scanner, &LocalScanner::cancel);
        const QString reference = m_tagClient->endpoint().name + QLatin1Char('/') + m_currentRepository + QLatin1Char('@') + m_detailsTopDigest;
        const bool plain = m_tagClient->endpoint().scheme == RegistryEndpoint::Scheme::Http || m_tagClient->endpoint().isLoopback();
        scanner->scan(reference, plain, [this, scanner](Result<VulnerabilityReport> report) {
            scanner->deleteLater();
            m_details->showLocalScanResult(report);
        });
    });
    connect(m_details, &TagDetailsView::trustRequested, this, [this] {
        if (!m_tagClient || !m_detailsRequest || m_detailsTopDigest.isEmpty())
            return;
        QStringList unreadable;
        const QList<PublicKey> keys = trustedKeys(&unreadable);
        const auto saved = SavedRegistries::find(m_tagClient->endpoint().name);
        auto* inspector = new TrustInspector(m_tagClient, m_detailsRequest);
        const QString tag = m_detailsTag;
        const QString digest = m_detailsTopDigest;
        const bool keysConfigured = saved && !saved->trustedKeys.isEmpty();
        inspector->inspect(m_currentRepository, digest, keys, m_detailsRequest, [this, tag, digest, keysConfigured, unreadable](Result<TrustSummary> trust) {
            if (!trust) {
                m_details->showTrustError(userMessage(trust.error()));
                return;
            }
            TrustSummary summary = *trust;
            for (const QString& path : unreadable)
                summary.problems << tr("The key %1 could not be read.").arg(path);
            m_details->showTrust(summary, keysConfigured);
            m_tags->setTrust(digest, summary);
            Q_EMIT trustShown(tag);
        });
    });
    connect(m_details, &TagDetailsView::contentsRequested, this, [this] {
        if (!m_tagClient || !m_detailsRequest)
            return;
        auto* loader = new ImageContentsLoader(m_tagClient, &m_session.contentStore(), cacheDir(), m_detailsRequest);
        loader->load(m_currentRepository, m_detailsReference, std::nullopt, m_detailsRequest,
                     [this, tag = m_detailsTag](Result<ImageContents> contents) {
                         if (!contents) {
                             m_details->showContentsError(userMessage(contents.error()));
                             return;
                         }
                         m_details->showContents(*contents);
                         Q_EMIT contentsShown(tag);
                     });
    });

    auto* split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("tagSplitter"));
    split->addWidget(top);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    return split;
}

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Add Registry…"), QKeySequence::New, this, [this] { openRegistryDialog(false); });
    file->addAction(tr("&Open Repository…"), QKeySequence::Open, this, [this] {
        if (selectedRegistryRow() < 0) {
            QMessageBox::information(this, tr("Open Repository"), tr("Select a registry in the sidebar first."));
            return;
        }
        bool ok = false;
        const QString path = QInputDialog::getText(this, tr("Open Repository"),
                                                   tr("Repository name, such as library/debian or myorg/app:"),
                                                   QLineEdit::Normal, {}, &ok);
        if (ok && !path.trimmed().isEmpty() && !openRepository(path.trimmed()))
            QMessageBox::warning(this, tr("Open Repository"), tr("\"%1\" is not a repository name.").arg(path));
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    view->addAction(tr("&Filter Tags"), QKeySequence::Find, this, [this] {
        m_tagFilter->setFocus();
        m_tagFilter->selectAll();
    });
    view->addAction(tr("Filter &Repositories"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), this, [this] {
        m_repositoryFilter->setFocus();
        m_repositoryFilter->selectAll();
    });
    view->addAction(tr("&Cancel Loading"), QKeySequence(Qt::Key_Escape), this, &MainWindow::cancelLoading);
    view->addAction(tr("Check &Trust of All Tags"), QKeySequence(Qt::CTRL | Qt::Key_T), this, &MainWindow::checkTrustOfAllTags);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("Co&mpare Selected Tags"), QKeySequence(Qt::CTRL | Qt::Key_D), this, [this] {
        if (!compareSelectedTags())
            statusBar()->showMessage(tr("Select two tags to compare (Ctrl+click)."), 5000);
    });
    edit->addAction(tr("&Retention Plan…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this, [this] {
        if (!openRetentionPlan())
            statusBar()->showMessage(tr("Open a repository and wait for its tags to load first."), 5000);
    });
    edit->addAction(tr("&Audit Log…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this, [this] { openAuditLog(); });
    edit->addAction(tr("Copy &Pull Command"), QKeySequence::Copy, this, [this] {
        if (!m_details->pullCommand().isEmpty())
            QApplication::clipboard()->setText(m_details->pullCommand());
    });
}

int MainWindow::selectedRegistryRow() const
{
    const QModelIndex current = m_registryFilter->mapToSource(m_sidebar->currentIndex());
    return current.isValid() ? m_registries->registryRowOf(current) : (m_registries->registryCount() == 1 ? 0 : -1);
}

RegistryDialog* MainWindow::openRegistryDialog(bool edit)
{
    std::optional<SavedRegistry> existing;
    const int row = selectedRegistryRow();
    if (edit && row >= 0) {
        const QString name = m_registries->index(row, 0).data(RegistryTreeModel::RegistryNameRole).toString();
        existing = SavedRegistries::find(name).value_or(SavedRegistry{name, false, {}, false, {}, {}});
    }
    auto* dialog = new RegistryDialog(m_session, existing, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const SavedRegistry saved = dialog->registry();
        if (const int old = m_registries->registryRow(saved.name); old >= 0)
            m_registries->removeRegistry(old); // edited: show it again with the new settings
        addRegistry(saved.endpoint());
    });
    dialog->open();
    return dialog;
}

bool MainWindow::openRepository(const QString& path)
{
    const int row = selectedRegistryRow();
    if (row < 0)
        return false;
    const QString registry = m_registries->index(row, 0).data(RegistryTreeModel::RegistryNameRole).toString();
    const auto reference = Reference::parseRepository(registry + QLatin1Char('/') + path);
    if (!reference)
        return false;
    const QModelIndex index = m_registries->addRepository(row, reference->path, true);
    savePins(row);
    m_sidebar->setCurrentIndex(m_registryFilter->mapFromSource(index));
    return true;
}

QList<PublicKey> MainWindow::trustedKeys(QStringList* unreadable) const
{
    // The keys the user trusts for this registry; unreadable ones are said, not skipped silently.
    QList<PublicKey> keys;
    const auto saved = m_tagClient ? SavedRegistries::find(m_tagClient->endpoint().name) : std::nullopt;
    for (const QString& path : saved ? saved->trustedKeys : QStringList{}) {
        QFile file(path);
        auto key = file.open(QIODevice::ReadOnly) ? PublicKey::fromPem(file.readAll(), QFileInfo(path).fileName())
                                                  : Result<PublicKey>(std::unexpected(Error::make(ErrorKind::InvalidInput, file.errorString())));
        if (key)
            keys << *key;
        else
            unreadable->append(path);
    }
    return keys;
}

void MainWindow::checkTrustOfAllTags()
{
    if (!m_tagClient)
        return;
    QStringList unreadable;
    const QList<PublicKey> keys = trustedKeys(&unreadable);
    QStringList digests;
    for (const QString& tag : m_tags->tags()) {
        const QString digest = m_tags->summaryAt(m_tags->rowOf(tag)).digest;
        if (!digest.isEmpty() && !digests.contains(digest) && classifyTag(tag) != TagKind::Attachment)
            digests << digest;
    }
    if (digests.isEmpty())
        return;
    auto* context = m_tagRequest ? m_tagRequest : new QObject(this);
    auto pending = std::make_shared<int>(int(digests.size()));
    m_progress->setRange(0, int(digests.size()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v / %m images checked"));
    setLoading(true);
    for (const QString& digest : std::as_const(digests)) {
        auto* inspector = new TrustInspector(m_tagClient, context);
        inspector->inspect(m_currentRepository, digest, keys, context, [this, digest, pending, total = int(digests.size()), inspector](Result<TrustSummary> trust) {
            inspector->deleteLater();
            if (trust)
                m_tags->setTrust(digest, *trust);
            m_progress->setValue(total - --*pending);
            if (*pending == 0) {
                setLoading(false);
                m_progress->setFormat(tr("%v / %m tags"));
                statusBar()->showMessage(tr("Checked %n images", nullptr, total), 5000);
                Q_EMIT allTrustChecked(total);
            }
        });
    }
}

void MainWindow::setTrustedKeys(const QString& registry, const QStringList& keyFiles)
{
    SavedRegistries::setTrustedKeys(registry, keyFiles);
    statusBar()->showMessage(tr("%n trusted keys for %1", nullptr, int(keyFiles.size())).arg(registry), 5000);
}

void MainWindow::savePins(int registryRow)
{
    const QString registry = m_registries->index(registryRow, 0).data(RegistryTreeModel::RegistryNameRole).toString();
    SavedRegistries::setPinned(registry, m_registries->pinnedRepositories(registryRow));
}

void MainWindow::removeSelectedRegistry()
{
    const int row = selectedRegistryRow();
    if (row < 0)
        return;
    const QString name = m_registries->index(row, 0).data(RegistryTreeModel::RegistryNameRole).toString();
    if (QMessageBox::question(this, tr("Remove Registry"),
                              tr("Remove %1 from Berth and forget its saved password? Logins made with docker or podman stay.")
                                  .arg(name))
        != QMessageBox::Yes)
        return;
    SavedRegistries::remove(name);
    m_session.logins().remove(name, this, [](Result<void>) {});
    m_registries->removeRegistry(row);
}

void MainWindow::showSidebarMenu(const QPoint& position)
{
    const QModelIndex index = m_registryFilter->mapToSource(m_sidebar->indexAt(position));
    QMenu menu(this);
    if (!index.isValid()) {
        menu.addAction(tr("Add Registry…"), this, [this] { openRegistryDialog(false); });
    } else if (index.data(RegistryTreeModel::IsRegistryRole).toBool()) {
        menu.addAction(tr("Open Repository…"), QKeySequence::Open, this, [this] {
            bool ok = false;
            const QString path = QInputDialog::getText(this, tr("Open Repository"), tr("Repository name:"), QLineEdit::Normal, {}, &ok);
            if (ok && !path.trimmed().isEmpty() && !openRepository(path.trimmed()))
                QMessageBox::warning(this, tr("Open Repository"), tr("\"%1\" is not a repository name.").arg(path));
        });
        menu.addAction(tr("Refresh"), QKeySequence::Refresh, this, [this, row = m_registries->registryRowOf(index)] { m_registries->reload(row); });
        menu.addSeparator();
        menu.addAction(tr("Edit…"), this, [this] { openRegistryDialog(true); });
        menu.addAction(tr("Trusted Keys…"), this, [this, name = index.data(RegistryTreeModel::RegistryNameRole).toString()] {
            const QStringList keys = QFileDialog::getOpenFileNames(this, tr("Public keys that sign images of %1").arg(name), {},
                                                                   tr("Public keys (*.pub *.pem);;All files (*)"));
            if (!keys.isEmpty())
                setTrustedKeys(name, keys);
        });
        menu.addAction(tr("Remove"), this, &MainWindow::removeSelectedRegistry);
    } else if (!index.data(RegistryTreeModel::RepositoryRole).toString().isEmpty()) {
        const bool pinned = index.data(RegistryTreeModel::PinnedRole).toBool();
        menu.addAction(pinned ? tr("Unpin") : tr("Pin"), this, [this, index, pinned] {
            m_registries->setPinned(index, !pinned);
            savePins(m_registries->registryRowOf(index));
        });
        menu.addAction(tr("Copy Name"), this, [index] {
            QApplication::clipboard()->setText(index.data(RegistryTreeModel::RegistryNameRole).toString() + QLatin1Char('/')
                                               + index.data(RegistryTreeModel::RepositoryRole).toString());
        });
    }
    if (!menu.isEmpty())
        menu.exec(m_sidebar->viewport()->mapToGlobal(position));
}

void MainWindow::addRegistry(const RegistryEndpoint& endpoint)
{
    m_progress->setRange(0, 0);
    m_progress->show();
    RegistryClient* client = m_session.createClient(endpoint, nullptr, this);
    connect(client, &RegistryClient::rateLimitReported, this, [this, name = endpoint.name](const QString& remaining, const QString& limit) {
        m_rateLimit->setText(limit.isEmpty() ? tr("%1: %2 pulls left").arg(name, remaining)
                                             : tr("%1: %2 of %3 pulls left").arg(name, remaining, limit));
        m_rateLimit->show();
    });
    const auto saved = SavedRegistries::find(endpoint.name);
    m_registries->addRegistry(client, saved ? saved->pinned : QStringList{});
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

void MainWindow::restoreSelection(const QString& registry)
{
    if (m_restored)
        return;
    const auto settings = berthSettings();
    if (settings.value(QStringLiteral("selection/registry")).toString() != registry)
        return;
    const int row = m_registries->registryRow(registry);
    const QModelIndex repo = row < 0 ? QModelIndex()
                                     : m_registries->repositoryIndex(row, settings.value(QStringLiteral("selection/repository")).toString());
    if (repo.isValid()) {
        m_restored = true;
        m_sidebar->setCurrentIndex(m_registryFilter->mapFromSource(repo));
    }
}

void MainWindow::showRepository(const QModelIndex& index)
{
    if (!index.isValid() || index.data(RegistryTreeModel::IsRegistryRole).toBool())
        return;
    RegistryClient* client = m_registries->clientAt(index);
    const QString repository = index.data(RegistryTreeModel::RepositoryRole).toString();
    if (!client)
        return;
    m_restored = true;
    auto settings = berthSettings();
    settings.setValue(QStringLiteral("selection/registry"), client->endpoint().name);
    settings.setValue(QStringLiteral("selection/repository"), repository);

    delete m_tagRequest; // drops the answers of a previous, still running load
    m_tagRequest = new QObject(this);
    m_tagClient = client;
    m_currentRepository = repository;
    m_tags->clear();
    m_details->clear(tr("Select a tag to see its details."));
    showError({});
    m_repositoryTitle->setText(client->endpoint().name + QLatin1Char('/') + repository);
    m_progress->setRange(0, 0);
    setLoading(true);
    statusBar()->showMessage(tr("Loading tags of %1…").arg(repository));

    const auto log = m_session.observationLog();
    if (!log) {
        showError(userMessage(log.error()));
        return;
    }
    QObject* context = m_tagRequest;
    auto* history = new RepositoryHistory(client, &m_session.contentStore(), *log, context);
    history->load(
        repository, context,
        [this, repository, context](Result<QList<TagSummary>> rows) {
            m_tagRequest = nullptr;
            context->deleteLater();
            setLoading(false);
            if (!rows) {
                showError(userMessage(rows.error()));
                statusBar()->showMessage(tr("%1: loading stopped").arg(repository));
                Q_EMIT tagLoadEnded(repository);
                return;
            }
            int problems = 0;
            for (const TagSummary& row : *rows)
                problems += row.problem ? 1 : 0;
            QList<TagSummary> sized = *rows;
            const qint64 total = repositorySizes(sized);
            m_tags->updateAll(sized);
            m_chart->setRows(repository, sized);
            statusBar()->showMessage(problems ? tr("%1: %n tags, some could not be read (see their tooltips)", nullptr, int(rows->size())).arg(repository)
                                              : tr("%1: %n tags, %2 stored (shared layers counted once)", nullptr, int(rows->size()))
                                                    .arg(repository, formatSize(total)));
            Q_EMIT tagsLoaded(repository, int(rows->size()));
            Q_EMIT tagLoadEnded(repository);
        },
        [this](const TagSummary& row, int finished, int total) {
            m_tags->update(row);
            m_progress->setRange(0, total);
            m_progress->setValue(finished);
        },
        [this](const QStringList& page) { m_tags->appendTags(page); });
}

void MainWindow::showTag(const QModelIndex& proxyIndex, const std::optional<QString>& platform)
{
    if (!proxyIndex.isValid() || !m_tagClient)
        return;
    const QModelIndex source = m_tagProxy->mapToSource(proxyIndex);
    const TagSummary& row = m_tags->summaryAt(source.row());
    const QString repositoryName = m_tagClient->endpoint().name + QLatin1Char('/') + m_currentRepository;
    delete m_detailsRequest;
    m_detailsRequest = new QObject(this);
    m_details->showLoading(repositoryName + QLatin1Char(':') + row.tag);
    auto* inspector = new ImageInspector(m_tagClient, &m_session.contentStore(), m_detailsRequest);
    std::optional<Platform> wanted;
    if (platform)
        wanted = Platform::parse(*platform);
    // By digest when known: what the table shows is what the details show, even if the tag moves.
    const QString reference = row.digest.isEmpty() ? row.tag : row.digest;
    inspector->inspect(m_currentRepository, reference, wanted, m_detailsRequest,
                       [this, repositoryName, tag = row.tag](Result<ImageDetails> details) {
                           if (!details) {
                               m_details->showError(userMessage(details.error()));
                               return;
                           }
                           // The image shown (a platform's manifest for an index), for the Files tab.
                           m_detailsReference = details->image.digest;
                           m_detailsTopDigest = details->top.digest;
                           m_detailsTag = tag;
                           m_details->showDetails(repositoryName, tag, *details);
                           if (const auto log = m_session.observationLog(); log && m_tagClient) {
                               QList<TagObservation> timeline = (*log)->timeline(m_tagClient->endpoint().name, m_currentRepository, tag);
                               // The load that just finished may still be writing its sighting: show it already.
                               if (timeline.isEmpty() || timeline.last().digest != details->top.digest) {
                                   const int tagRow = m_tags->rowOf(tag);
                                   const QDateTime seen = tagRow >= 0 && m_tags->summaryAt(tagRow).firstSeen.isValid()
                                       ? m_tags->summaryAt(tagRow).firstSeen
                                       : QDateTime::currentDateTimeUtc();
                                   timeline.removeIf([&](const TagObservation& o) { return o.digest == details->top.digest; });
                                   timeline << TagObservation{m_tagClient->endpoint().name, m_currentRepository, tag, details->top.digest,
                                                              details->top.mediaType, seen, QDateTime::currentDateTimeUtc()};
                               }
                               m_details->showTimeline(tag, timeline, details->top.digest);
                           }
                           Q_EMIT detailsShown(tag);
                       });
}

void MainWindow::applyTagFilter()
{
    TagFilter filter;
    filter.setText(m_tagFilter->text(), m_regexFilter->isChecked());
    QSet<TagKind> kinds;
    bool all = true;
    for (QAction* action : m_kindFilter->menu()->actions()) {
        if (action->isChecked())
            kinds.insert(TagKind(action->data().toInt()));
        else
            all = false;
    }
    if (!all)
        filter.setKinds(kinds);
    m_tagFilter->setStyleSheet(filter.isValid() ? QString() : QStringLiteral("QLineEdit { color: #b00020; }"));
    m_tagFilter->setToolTip(filter.isValid() ? QString() : tr("Not a valid regular expression: %1").arg(filter.errorString()));
    m_tagProxy->setFilter(filter);
}

void MainWindow::showTagMenu(const QPoint& position)
{
    const QModelIndex index = m_tagView->indexAt(position);
    if (!index.isValid() || !m_tagClient)
        return;
    const TagSummary& row = m_tags->summaryAt(m_tagProxy->mapToSource(index).row());
    const QString name = m_tagClient->endpoint().name + QLatin1Char('/') + m_currentRepository;
    QMenu menu(this);
    if (!row.digest.isEmpty()) {
        menu.addAction(tr("Copy Pull Command"), this, [name, digest = row.digest] {
            QApplication::clipboard()->setText(QStringLiteral("docker pull ") + name + QLatin1Char('@') + digest);
        });
        menu.addAction(tr("Copy Digest"), this, [digest = row.digest] { QApplication::clipboard()->setText(digest); });
    }
    menu.addAction(tr("Copy Reference"), this,
                   [name, tag = row.tag] { QApplication::clipboard()->setText(name + QLatin1Char(':') + tag); });
    QAction* compare = menu.addAction(tr("Compare Selected Tags"), QKeySequence(Qt::CTRL | Qt::Key_D), this, [this] { compareSelectedTags(); });
    compare->setEnabled(m_tagView->selectionModel()->selectedRows().size() == 2);
    menu.addSeparator();
    menu.addAction(tr("Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    menu.exec(m_tagView->viewport()->mapToGlobal(position));
}

CompareWindow* MainWindow::compareSelectedTags()
{
    const QModelIndexList rows = m_tagView->selectionModel()->selectedRows();
    if (rows.size() != 2 || !m_tagClient)
        return nullptr;
    QList<TagSummary> picked;
    for (const QModelIndex& index : rows)
        picked << m_tags->summaryAt(m_tagProxy->mapToSource(index).row());
    // Older build on the left: "what changed since".
    std::sort(picked.begin(), picked.end(), [](const TagSummary& a, const TagSummary& b) {
        return a.created != b.created ? a.created < b.created : compareVersions(a.tag, b.tag) < 0;
    });
    const QString name = m_tagClient->endpoint().name + QLatin1Char('/') + m_currentRepository;
    auto side = [&](const TagSummary& t) {
        return CompareWindow::Side{m_tagClient, m_currentRepository, name + QLatin1Char(':') + t.tag, t.digest.isEmpty() ? t.tag : t.digest};
    };
    auto* window = new CompareWindow(m_session, side(picked[0]), side(picked[1]), this);
    window->show();
    return window;
}

AuditWindow* MainWindow::openAuditLog()
{
    auto* window = new AuditWindow(
        m_session,
        [this](const QString& registryName) -> RegistryClient* {
            const int row = m_registries->registryRow(registryName);
            return row < 0 ? nullptr : m_registries->clientAt(m_registries->index(row, 0));
        },
        this);
    window->setConfirmation(m_confirm);
    connect(window, &AuditWindow::undone, this, [this](const QString& repository, const QString&, bool succeeded) {
        if (succeeded && repository == m_currentRepository)
            refresh();
    });
    window->show();
    return window;
}

RetentionWindow* MainWindow::openRetentionPlan()
{
    // The plan is made from the rows the table already holds, so they must all be summarised.
    if (!m_tagClient || m_currentRepository.isEmpty() || m_progress->isVisible())
        return nullptr;
    QList<TagSummary> rows;
    for (int i = 0; i < m_tags->rowCount(); ++i)
        rows << m_tags->summaryAt(i);
    auto* window = new RetentionWindow(m_session, m_tagClient, m_currentRepository, RetentionInventory::fromTags(rows), this);
    window->setConfirmation(m_confirm);
    // The table shows what is left once the deletions are done.
    connect(window, &RetentionWindow::applied, this, [this, repository = m_currentRepository] {
        if (repository == m_currentRepository)
            refresh();
    });
    window->show();
    return window;
}

void MainWindow::restoreTag(const QString& tag, const QString& digest)
{
    if (!m_tagClient)
        return;
    const QString name = m_tagClient->endpoint().name + QLatin1Char('/') + m_currentRepository;
    const QString question = tr("Point %1:%2 back at %3?\n\nEveryone who pulls %2 from now on gets that image. "
                                "The image it points at now stays in the registry under its digest.")
                                 .arg(name, tag, digest);
    const bool confirmed = m_confirm ? m_confirm(tr("Restore Tag"), question)
                                     : QMessageBox::question(this, tr("Restore Tag"), question) == QMessageBox::Yes;
    if (!confirmed)
        return;
    const QString repository = m_currentRepository;
    const QString registry = m_tagClient->endpoint().name;
    QPointer<RegistryClient> client = m_tagClient;
    auto finish = [this, tag, digest, repository, registry](Result<QString> pushed, const QString& fromDigest) {
        if (const auto audit = m_session.auditLog()) {
            (*audit)->append(AuditEntry{0, QDateTime::currentDateTimeUtc(), AuditLog::currentUser(), QStringLiteral("retag"), registry,
                                        repository, tag, fromDigest, digest, bool(pushed),
                                        pushed ? QString() : describe(pushed.error())});
        }
        if (!pushed) {
            showError(tr("Could not restore %1: %2").arg(tag, userMessage(pushed.error())));
            Q_EMIT tagRestored(tag, digest, false);
            return;
        }
        statusBar()->showMessage(tr("%1 now points at %2").arg(tag, digest.left(19)), 8000);
        Q_EMIT tagRestored(tag, digest, true);
        refresh(); // the table, its first-seen dates and the timeline follow the move
    };
    const int row = m_tags->rowOf(tag);
    const QString fromDigest = row >= 0 ? m_tags->summaryAt(row).digest : QString();
    // The exact bytes of that manifest, from the cache or the registry (both digest-checked).
    client->fetchManifest(repository, digest, this, [this, client, tag, repository, fromDigest, finish](Result<Manifest> manifest) {
        if (!manifest || !client) {
            finish(manifest ? Result<QString>(std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("closed"))))
                            : Result<QString>(std::unexpected(manifest.error())),
                   fromDigest);
            return;
        }
        client->putManifest(repository, tag, manifest->raw, manifest->mediaType, this,
                            [finish, fromDigest](Result<QString> pushed) { finish(std::move(pushed), fromDigest); });
    });
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
    setLoading(false);
    showError(tr("Loading was cancelled; the tags shown so far stay. Press F5 to load again."));
    statusBar()->showMessage(tr("%1: cancelled").arg(m_currentRepository));
    Q_EMIT tagLoadEnded(m_currentRepository);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
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
