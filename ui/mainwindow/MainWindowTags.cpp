// MainWindow, part: The tag pane: a repository's tags, the filter, the tag menu, the selected tag's details.
#include "ui/mainwindow/MainWindow.h"

#include "core/base/Paths.h"
#include "core/image/ImageContents.h"
#include "core/image/ImageInspector.h"
#include "core/image/RepositoryHistory.h"
#include "core/providers/Provider.h"
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
#include <QElapsedTimer>
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
#include <QComboBox>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <limits>
#include <utility>

namespace berth {
namespace {

    const QList<TagKind> kAllKinds{TagKind::SemanticVersion, TagKind::GitSha, TagKind::Date,      TagKind::Environment,
                                   TagKind::Latest,          TagKind::Other,  TagKind::Attachment};

} // namespace

QWidget* MainWindow::buildTagPane()
{
    auto* top = new QWidget;
    auto* layout = new QVBoxLayout(top);
    layout->setContentsMargins(0, 0, 0, 0);
    m_repositoryTitle = new QLabel(tr("Select a repository to see its tags."));
    m_repositoryTitle->setObjectName(QStringLiteral("repositoryTitle"));
    m_repositoryTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_repositoryTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_repositoryTitle->setFont(titleFont);
    m_errorBanner = makeErrorBanner();
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));

    auto* filterBar = new QHBoxLayout;
    m_tagFilter = new QLineEdit;
    m_tagFilter->setPlaceholderText(tr("Filter tags or digests (Ctrl+F)"));
    m_tagFilter->setClearButtonEnabled(true);
    m_regexFilter = new QCheckBox(tr("Regular expression"));
    m_kindFilter = new QToolButton;
    m_kindFilter->setObjectName(QStringLiteral("tagKindFilter"));
    // The arrow is part of the text: Qt's corner indicator sits on top of a short label.
    m_kindFilter->setText(tr("Kinds") + QStringLiteral(" ▾"));
    m_kindFilter->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0; }"));
    m_kindFilter->setToolTip(tr("Show only some kinds of tags"));
    m_kindFilter->setPopupMode(QToolButton::InstantPopup);
    auto* kinds = new QMenu(m_kindFilter);
    for (TagKind kind : kAllKinds) {
        QAction* action = kinds->addAction(TagTableModel::kindLabel(kind));
        action->setCheckable(true);
        // Signatures, SBOMs and reports kept as tags (sha256-….sig) belong to an image, not beside
        // it: hidden until asked for, and counted beside the filter.
        action->setChecked(kind != TagKind::Attachment);
        action->setData(int(kind));
        connect(action, &QAction::toggled, this, &MainWindow::applyTagFilter);
    }
    m_kindFilter->setMenu(kinds);
    // Stale images for admins: only where the registry reports last pulls (Hub, ECR, Harbor).
    m_staleFilter = new QComboBox;
    m_staleFilter->setObjectName(QStringLiteral("staleFilter"));
    m_staleFilter->addItem(tr("Pulled: any time"), 0);
    for (int days : {30, 90, 180, 365})
        m_staleFilter->addItem(tr("Not pulled for %n days", nullptr, days), days);
    m_staleFilter->setVisible(false); // until a registry that keeps pull times is open
    m_staleFilter->setToolTip(tr("Show only tags the registry says nobody pulled for this long (never pulled counts from the push)"));
    connect(m_staleFilter, &QComboBox::currentIndexChanged, this, [this] { m_tagProxy->setNotPulledFor(m_staleFilter->currentData().toInt()); });
    m_tagCount = new QLabel;
    m_tagCount->setObjectName(QStringLiteral("tagCount"));
    filterBar->addWidget(m_tagFilter, 1);
    filterBar->addWidget(m_regexFilter);
    filterBar->addWidget(m_kindFilter);
    filterBar->addWidget(m_staleFilter);
    filterBar->addWidget(m_tagCount);
    connect(m_tagFilter, &QLineEdit::textChanged, this, &MainWindow::applyTagFilter);
    connect(m_regexFilter, &QCheckBox::toggled, this, &MainWindow::applyTagFilter);

    m_tagView = new QTableView;
    m_tagProxy->setSourceModel(m_tags);
    m_tagView->setModel(m_tagProxy);
    m_tagView->setSortingEnabled(true);
    m_tagView->sortByColumn(TagTableModel::TagColumn, Qt::AscendingOrder);
    m_tagView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tagView->setDragEnabled(true); // onto a repository or registry of the sidebar: Copy To… there
    m_tagView->setDragDropMode(QAbstractItemView::DragOnly);
    m_tagView->setDefaultDropAction(Qt::CopyAction);
    m_tagView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tagView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tagView->horizontalHeader()->setStretchLastSection(true);
    // Columns fit the rows in view, not a thousand rows each: sizing 12 columns over 1,000 rows
    // took 47 ms of GUI thread when 5,000 tags arrived at once (100 rows: 10 ms).
    m_tagView->horizontalHeader()->setResizeContentsPrecision(0);
    m_tagView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Narrow until the tags are in; then each column takes its content's width (at the load's end).
    m_tagView->horizontalHeader()->setDefaultSectionSize(90);
    m_tagView->verticalHeader()->hide();
    m_tagView->verticalHeader()->setDefaultSectionSize(m_tagView->fontMetrics().height() + 8);
    m_tagView->setWordWrap(false);
    connect(m_tagView, &QWidget::customContextMenuRequested, this, &MainWindow::showTagMenu);
    connect(m_tagView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showTag(current); });
    connect(m_tagView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_tagView->selectionModel()->selectedRows().size() == 2)
            statusBar()->showMessage(tr("Two tags selected: Ctrl+D compares them (also in the right-click menu)."), 8000);
    });
    connect(m_tagProxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::showTagCount);
    connect(m_tagProxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::showTagCount);
    connect(m_tagProxy, &QAbstractItemModel::modelReset, this, &MainWindow::showTagCount);
    connect(m_tagProxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::showTagCount);

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
    m_welcome = new QWidget;
    m_welcome->setObjectName(QStringLiteral("welcome"));
    auto* welcomeLayout = new QVBoxLayout(m_welcome);
    m_welcomeText = new QLabel;
    m_welcomeText->setWordWrap(true);
    m_welcomeText->setTextFormat(Qt::RichText);
    auto* addRegistry = new QPushButton(tr("Add Registry…"));
    addRegistry->setObjectName(QStringLiteral("welcomeAddRegistry"));
    connect(addRegistry, &QPushButton::clicked, this, [this] { openRegistryDialog(false); });
    welcomeLayout->addWidget(m_welcomeText);
    welcomeLayout->addWidget(addRegistry, 0, Qt::AlignLeft);
    layout->addWidget(m_repositoryTitle);
    layout->addWidget(m_errorBanner);
    layout->addWidget(m_welcome);
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
    connect(m_details, &TagDetailsView::registryScanRequested, this, [this] {
        if (!m_tagProvider || m_detailsTopDigest.isEmpty())
            return;
        m_tagProvider->startScan(m_currentRepository, m_detailsTopDigest, m_details, [this](Result<QString> state) {
            m_details->showRegistryScanStarted(state);
            Q_EMIT registryScanStarted(bool(state));
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
    applyTagFilter();
    return split;
}

void MainWindow::showRepository(const QModelIndex& index)
{
    if (!index.isValid() || index.data(RegistryTreeModel::IsRegistryRole).toBool())
        return;
    RegistryClient* client = m_registries->clientAt(index);
    Provider* provider = m_registries->providerAt(index);
    const QString repository = index.data(RegistryTreeModel::RepositoryRole).toString();
    if (!client || !provider)
        return;
    m_restored = true;
    auto settings = berthSettings();
    settings.setValue(QStringLiteral("selection/registry"), client->endpoint().name);
    settings.setValue(QStringLiteral("selection/repository"), repository);

    delete m_tagRequest; // drops the answers of a previous, still running load
    m_tagRequest = new QObject(this);
    const bool sameRepository = m_tagClient == client && m_currentRepository == repository;
    const QString key = client->endpoint().name + QLatin1Char('/') + repository;
    m_tagClient = client;
    m_tagProvider = provider;
    m_currentRepository = repository;
    // Rows keep their places under the pointer while the load fills them in; one sort at the end.
    m_tagProxy->setDynamicSortFilter(false);
    if (!sameRepository) {
        m_tags->clear();
        m_detailsTag.clear();
        m_details->clear(tr("Select a tag to see its details."));
    }
    // The registry's own dates get columns only where its API keeps them (Hub, GHCR, Quay).
    m_tagView->setColumnHidden(TagTableModel::PushedColumn, !provider->capabilities().pushTimes);
    m_tagView->setColumnHidden(TagTableModel::PulledColumn, !provider->capabilities().pullTimes);
    m_staleFilter->setVisible(provider->capabilities().pullTimes);
    m_details->setRegistryScanner(provider->capabilities().startScan ? providerDisplayName(provider->kind()) : QString());
    if (!provider->capabilities().pullTimes)
        m_staleFilter->setCurrentIndex(0);
    showError({});
    m_repositoryTitle->setText(client->endpoint().name + QLatin1Char('/') + repository);
    m_progress->setRange(0, 0);
    setLoading(true);
    statusBar()->showMessage(tr("Loading tags of %1…").arg(repository));

    const auto log = m_session.observationLog();
    if (!log) {
        sortTagsAgain();
        showError(userMessage(log.error()));
        return;
    }
    QObject* context = m_tagRequest;
    auto* history = new RepositoryHistory(client, &m_session.contentStore(), *log, context);
    // Where every manifest read is a pull (Docker Hub), the table starts from the registry's own
    // listing: opening a repository spends none of the user's pulls. A tag's image is read when it
    // is selected, or every image with View > Read Every Image.
    const bool fromListing = provider->capabilities().meteredPulls && !std::exchange(m_readEveryImage, false);
    if (!sameRepository) {
        // What Berth knew of this repository, at once (this session's rows, else the local history's);
        // the load refreshes it in place. Not the local history's before a registry's own listing:
        // it holds few images read there, and reading every sighting for them cost as long as the listing.
        const auto last = m_lastRows.constFind(key);
        const QList<TagSummary> known = last != m_lastRows.cend() ? *last : fromListing ? QList<TagSummary>{} : history->lastKnown(repository);
        if (!known.isEmpty())
            m_tags->showSummaries(known);
    }
    // Nothing shown to keep in place: the rows arrive unsorted and are sorted once, at the end
    // (sorted as they came, 5,000 rows of a listing cost the GUI thread a second sort).
    if (m_tags->rowCount() == 0)
        m_tagProxy->sort(-1);
    if (fromListing) {
        loadTagsFromListing(history, repository, key, context);
        return;
    }
    history->load(
        repository, context,
        [this, repository, key, context, history](Result<QList<TagSummary>> rows) {
            m_tagRequest = nullptr;
            context->deleteLater();
            setLoading(false);
            if (!rows) {
                showTagLoadFailure(history, repository, rows.error());
                return;
            }
            int problems = 0;
            for (const TagSummary& row : *rows)
                problems += row.problem ? 1 : 0;
            const qint64 total = showLoadedTags(repository, key, *rows, {});
            statusBar()->showMessage(problems ? tr("%1: %n tags, some could not be read (see their tooltips)", nullptr, int(rows->size())).arg(repository)
                                              : tr("%1: %n tags, %2 stored (shared layers counted once)", nullptr, int(rows->size()))
                                                    .arg(repository, formatSize(total)));
            readRegistryDates(repository);
            endTagLoad(repository, int(rows->size()));
        },
        [this](const TagSummary& row, int finished, int total) {
            m_tags->update(row);
            m_progress->setRange(0, total);
            m_progress->setValue(finished);
        },
        [this](const QStringList& page) { m_tags->appendTags(page); });
}

void MainWindow::loadTagsFromListing(RepositoryHistory* history, const QString& repository, const QString& key, QObject* context)
{
    // Each page joins what Berth kept and saw of its tags as it arrives (the history's reads done
    // while the next page is on its way); the table takes the rows once the listing is whole.
    auto dates = std::make_shared<QList<RegistryTagDates>>();
    auto shown = std::make_shared<QElapsedTimer>();
    history->beginListing(repository);
    m_tagProvider->listTagsInPages(repository, context, [this, history, dates, shown](QList<ProviderTag> page, qint64 total) {
        history->addListedPage(page, total);
        TagTableModel::appendRegistryDates(*dates, page, total);
        // How far the listing is ("2,300 / 5,000 tags"), redrawn at most ten times a second: the
        // busy bar it replaces redrew the status bar sixty times a second, ~1 ms of GUI thread each.
        if (!shown->isValid() || shown->elapsed() >= 100) {
            const qint64 listed = dates->size();
            m_progress->setRange(0, int(qMin<qint64>(qMax(total, listed), std::numeric_limits<int>::max())));
            m_progress->setValue(int(qMin<qint64>(listed, std::numeric_limits<int>::max())));
            shown->start();
        }
    }, [this, history, repository, key, context, dates](Result<void> finished) {
        m_tagRequest = nullptr;
        context->deleteLater();
        setLoading(false);
        if (!finished) {
            showTagLoadFailure(history, repository, finished.error());
            return;
        }
        const QList<TagSummary> rows = history->endListing();
        showLoadedTags(repository, key, rows, *dates);
        fitRegistryDateColumns();
        statusBar()->showMessage(tr("%1: %n tags as %2 lists them; an image is read when its tag is selected "
                                    "(each read counts as a pull), or all with View > Read Every Image", nullptr, int(rows.size()))
                                     .arg(repository, providerDisplayName(m_tagProvider->kind())));
        Q_EMIT registryDatesShown(repository);
        endTagLoad(repository, int(rows.size()));
    });
}

void MainWindow::readEveryImage()
{
    if (m_currentRepository.isEmpty() || !m_sidebar->currentIndex().isValid()) {
        statusBar()->showMessage(tr("Open a repository first."), 5000);
        return;
    }
    m_readEveryImage = true;
    showRepository(m_registryFilter->mapToSource(m_sidebar->currentIndex()));
}

void MainWindow::showTagLoadFailure(RepositoryHistory* history, const QString& repository, const Error& error)
{
    sortTagsAgain();
    m_trustAfterLoad = false;
    // Out of reach: what Berth last saw, marked offline; else the error alone.
    if (!unreachable(error) || !showTagsOffline(history, repository, error)) {
        showError(userMessage(error));
        statusBar()->showMessage(tr("%1: loading stopped").arg(repository));
    }
    Q_EMIT tagLoadEnded(repository);
}

qint64 MainWindow::showLoadedTags(const QString& repository, const QString& key, QList<TagSummary> rows,
                                  const QList<RegistryTagDates>& registryDates)
{
    const qint64 total = storedBytes(rows); // unique sizes came with the rows
    m_tags->showSummaries(rows);
    if (!registryDates.isEmpty())
        m_tags->setRegistryDates(registryDates); // before the sort, which may be by those dates
    m_lastRows.insert(key, rows);
    sortTagsAgain(); // the one sort; the selection stays on its tag
    if (m_autoSizeColumns) {
        // Each column as wide as what it holds (within reason), until the user sizes them.
        m_tagView->resizeColumnsToContents();
        for (int column = 0; column < TagTableModel::ColumnCount; ++column)
            m_tagView->setColumnWidth(column, qMin(m_tagView->columnWidth(column), 260));
    }
    m_tagView->scrollTo(m_tagView->currentIndex());
    m_chart->setRows(repository, rows);
    return total;
}

void MainWindow::sortTagsAgain()
{
    m_tagProxy->setDynamicSortFilter(true);
    const QHeaderView* header = m_tagView->horizontalHeader();
    if (m_tagProxy->sortColumn() != header->sortIndicatorSection() || m_tagProxy->sortOrder() != header->sortIndicatorOrder())
        m_tagProxy->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void MainWindow::endTagLoad(const QString& repository, int tags)
{
    Q_EMIT tagsLoaded(repository, tags);
    Q_EMIT tagLoadEnded(repository);
    if (std::exchange(m_trustAfterLoad, false))
        checkTrustOfAllTags();
}

void MainWindow::readRegistryDates(const QString& repository)
{
    // Where the registry keeps push and pull dates (Docker Hub), they fill their own columns.
    if (!m_tagProvider || !m_tagProvider->capabilities().pushTimes)
        return;
    auto dates = std::make_shared<QList<RegistryTagDates>>();
    m_tagProvider->listTagsInPages(repository, this, [dates](QList<ProviderTag> page, qint64 total) {
        TagTableModel::appendRegistryDates(*dates, page, total);
    }, [this, repository, dates](Result<void> listed) {
        if (repository != m_currentRepository)
            return; // the user moved on
        if (!listed) {
            statusBar()->showMessage(tr("%1: the registry's push and pull dates could not be read: %2").arg(repository, userMessage(listed.error())));
            return;
        }
        m_tags->setRegistryDates(*dates);
        fitRegistryDateColumns();
        Q_EMIT registryDatesShown(repository);
    });
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
    m_detailsTag = row.tag; // what the details show, or are loading
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
                           fillRowFromImage(tag, details->top.digest);
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
                           showRegistryTimeline(tag, details->top.digest);
                           Q_EMIT detailsShown(tag);
                       });
}

void MainWindow::fillRowFromImage(const QString& tag, const QString& digest)
{
    // Only a row still without its image's summary (from a registry's listing, Docker Hub): the
    // selection has just read the image into the store, so no request is made here.
    const int at = m_tags->rowOf(tag);
    if (at < 0 || m_tags->summaryAt(at).digest != digest || m_tags->summaryAt(at).created.isValid() || !m_tagClient)
        return;
    const auto log = m_session.observationLog();
    if (!log)
        return;
    RepositoryHistory history(m_tagClient, &m_session.contentStore(), *log);
    const std::optional<TagSummary> read = history.summaryFromStore(digest);
    if (!read)
        return;
    TagSummary row = m_tags->summaryAt(at);
    if (read->size >= 0) { // complete: the image's own summary, with what this table knows of the tag
        const TagSummary listed = row;
        row = *read;
        row.tag = listed.tag;
        row.firstSeen = listed.firstSeen;
        row.uniqueSize = listed.uniqueSize;
        row.fromCache = listed.fromCache;
    } else { // an index with platforms not read: the listing's size and platforms stay
        row.created = read->created;
        row.mediaType = read->mediaType;
    }
    m_tags->update(row);
}

void MainWindow::fitRegistryDateColumns()
{
    // The registry's dates arrive after the table's own columns were sized (or restored).
    m_tagView->resizeColumnToContents(TagTableModel::PushedColumn);
    m_tagView->resizeColumnToContents(TagTableModel::PulledColumn);
}

void MainWindow::showRegistryTimeline(const QString& tag, const QString& currentDigest)
{
    // A registry that keeps every tag's history (Quay) replaces what Berth happened to see.
    if (!m_tagProvider || !m_tagProvider->capabilities().tagHistory)
        return;
    m_tagProvider->tagHistory(m_currentRepository, tag, m_detailsRequest,
                              [this, tag, currentDigest, name = providerDisplayName(m_tagProvider->kind())](Result<QList<TagObservation>> history) {
        if (!history) {
            statusBar()->showMessage(tr("The registry's tag history could not be read: %1").arg(userMessage(history.error())));
            return;
        }
        m_details->showTimeline(tag, *history, currentDigest, name);
        Q_EMIT registryTimelineShown(tag, int(history->size()));
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
    {
        // The view would move its current row to whatever stays; which tag is shown is decided below.
        const QSignalBlocker quiet(m_tagView->selectionModel());
        m_tagProxy->setFilter(filter);
    }
    // The shown tag stays selected while it matches; when it does not, the first match is selected
    // and shown, so that the highlighted row and the details always agree.
    const int shownRow = m_detailsTag.isEmpty() ? -1 : m_tags->rowOf(m_detailsTag);
    const QModelIndex shown = shownRow >= 0 ? m_tagProxy->mapFromSource(m_tags->index(shownRow, 0)) : QModelIndex();
    const QModelIndex select = shown.isValid() ? shown : m_detailsTag.isEmpty() ? QModelIndex() : m_tagProxy->index(0, 0);
    if (select.isValid()) {
        {
            const QSignalBlocker quiet(m_tagView->selectionModel());
            m_tagView->selectionModel()->setCurrentIndex(select, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
        if (!shown.isValid())
            showTag(select);
    } else if (!m_detailsTag.isEmpty()) {
        m_tagView->selectionModel()->clear();
        m_details->clear(tr("No tag matches the filter."));
        m_detailsTag.clear();
    }
    showTagCount();
}

void MainWindow::showTagCount()
{
    if (!m_tagCount)
        return;
    const int total = m_tags->rowCount();
    const int shown = m_tagProxy->rowCount();
    bool attachmentsHidden = false;
    for (QAction* action : m_kindFilter->menu()->actions())
        attachmentsHidden = attachmentsHidden || (TagKind(action->data().toInt()) == TagKind::Attachment && !action->isChecked());
    // Called on every page of tags that arrives: counted on the model's rows, not through QVariants.
    const int attachments = attachmentsHidden ? m_tags->countOf(TagKind::Attachment) : 0;
    QString text = shown == total ? tr("%n tags", nullptr, total) : tr("%1 of %n tags shown", nullptr, total).arg(shown);
    if (attachments > 0)
        text += QStringLiteral(" · ") + tr("%n signature or attachment tags hidden (Kinds)", nullptr, attachments);
    m_tagCount->setText(total == 0 ? QString() : text);
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
    menu.addAction(tr("Copy To…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this, [this] { openCopyDialog(false); });
    menu.addAction(tr("Promote…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this, [this] { openCopyDialog(true); });
    QAction* compare = menu.addAction(tr("Compare Selected Tags"), QKeySequence(Qt::CTRL | Qt::Key_D), this, [this] { compareSelectedTags(); });
    compare->setEnabled(m_tagView->selectionModel()->selectedRows().size() == 2);
    menu.addSeparator();
    menu.addAction(tr("Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    menu.exec(m_tagView->viewport()->mapToGlobal(position));
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
                                        pushed ? QString() : describe(pushed.error()), {}});
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

} // namespace berth
