#include "ui/details/TagDetailsView.h"

#include "ui/browser/TagTableModel.h"
#include "ui/details/FileTreeModel.h"
#include "ui/trust/VulnerabilityModel.h"
#include "ui/widgets/Dates.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <utility>

namespace berth {
namespace {

    KSyntaxHighlighting::Repository& syntaxRepository()
    {
        static KSyntaxHighlighting::Repository repository;
        return repository;
    }

    // Registries often serve compact JSON; indent it for reading (the Manifest tab's bytes are for eyes).
    QString prettyJson(const QByteArray& raw)
    {
        const QJsonDocument doc = QJsonDocument::fromJson(raw);
        return doc.isNull() ? QString::fromUtf8(raw) : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }

} // namespace

TagDetailsView::TagDetailsView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_tabs = new QTabWidget;
    m_overviewPage = new QWidget;
    auto* overviewLayout = new QVBoxLayout(m_overviewPage);
    auto* buttons = new QHBoxLayout;
    auto* copyPull = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy pull command"));
    auto* copyDigest = new QPushButton(tr("Copy digest"));
    auto* copyReference = new QPushButton(tr("Copy reference"));
    copyPull->setToolTip(tr("docker pull NAME@DIGEST: pulls exactly this image, even if the tag moves"));
    connect(copyPull, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_pullCommand); });
    connect(copyDigest, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_digest); });
    connect(copyReference, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_reference); });
    buttons->addWidget(copyPull);
    buttons->addWidget(copyDigest);
    buttons->addWidget(copyReference);
    buttons->addStretch();
    m_platform = new QComboBox;
    m_platform->setObjectName(QStringLiteral("platformPicker"));
    m_platform->setToolTip(tr("This tag is an index: pick the platform to show"));
    connect(m_platform, &QComboBox::activated, this, [this](int index) {
        m_focusPlatformAfterLoad = true; // the reload disables the tabs; the keyboard comes back here after
        Q_EMIT platformRequested(m_platform->itemText(index));
    });
    auto* platformLabel = new QLabel(tr("Platform:"));
    platformLabel->setBuddy(m_platform);
    buttons->addWidget(platformLabel);
    buttons->addWidget(m_platform);
    // Only an index has platforms to pick from.
    connect(m_platform, &QComboBox::currentIndexChanged, platformLabel, [this, platformLabel] {
        platformLabel->setVisible(m_platform->count() > 0);
        m_platform->setVisible(m_platform->count() > 0);
    });
    platformLabel->hide();
    m_platform->hide();
    overviewLayout->addLayout(buttons);
    m_overview = new QFormLayout;
    m_overview->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    overviewLayout->addLayout(m_overview);
    overviewLayout->addStretch();

    m_manifest = jsonView();
    m_manifest->setObjectName(QStringLiteral("manifestView"));
    m_config = jsonView();
    m_config->setObjectName(QStringLiteral("configView"));
    m_history = new QTreeWidget;
    m_history->setHeaderLabels({tr("Created"), tr("Step"), tr("Layer")});
    m_history->setRootIsDecorated(false);
    m_history->setWordWrap(true);
    // The build step is the long text: it takes the width, the date and the layer size what they need.
    m_history->header()->setStretchLastSection(false);
    m_history->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_history->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_history->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_layers = new QTableWidget;
    m_layers->setColumnCount(4);
    m_layers->setHorizontalHeaderLabels({tr("Digest"), tr("Size"), tr("Share"), tr("Media type")});
    m_layers->verticalHeader()->hide();
    m_layers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_layers->horizontalHeader()->setStretchLastSection(true);

    m_tabs->addTab(m_overviewPage, tr("Overview"));
    m_tabs->addTab(m_manifest, tr("Manifest"));
    m_tabs->addTab(m_config, tr("Config"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_layers, tr("Layers"));

    m_filesPage = new QWidget;
    auto* filesLayout = new QVBoxLayout(m_filesPage);
    auto* filesBar = new QHBoxLayout;
    m_fileView = new QComboBox;
    m_fileView->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_fileView->setToolTip(tr("The merged filesystem a container sees, or one layer's own files"));
    m_filesSummary = new QLabel;
    m_filesSummary->setWordWrap(true);
    m_filesSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    filesBar->addWidget(new QLabel(tr("Show:")));
    filesBar->addWidget(m_fileView);
    filesBar->addWidget(m_filesSummary, 1);
    filesLayout->addLayout(filesBar);
    m_fileModel = new FileTreeModel(this);
    m_fileTree = new QTreeView;
    m_fileTree->setModel(m_fileModel);
    m_fileTree->setUniformRowHeights(true);
    m_fileTree->header()->setStretchLastSection(false);
    m_fileTree->header()->setSectionResizeMode(FileTreeModel::NameColumn, QHeaderView::Stretch);
    filesLayout->addWidget(m_fileTree);
    m_tabs->addTab(m_filesPage, tr("Files"));

    auto* timelinePage = new QWidget;
    m_timelinePage = timelinePage;
    auto* timelineLayout = new QVBoxLayout(timelinePage);
    m_timelineNote = new QLabel;
    m_timelineNote->setWordWrap(true);
    auto* timelineNote = m_timelineNote;
    m_timeline = new QTreeWidget;
    m_timeline->setHeaderLabels({tr("Digest"), tr("First seen"), tr("Last seen"), QString()});
    m_timeline->setRootIsDecorated(false);
    m_restore = new QPushButton(tr("Restore Tag to This Digest…"));
    m_restore->setToolTip(tr("Point the tag back at the selected image (a retag; the registry keeps both images)"));
    m_restore->setEnabled(false);
    connect(m_timeline, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_restore->setEnabled(item && !item->data(0, Qt::UserRole + 1).toBool());
    });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem* item = m_timeline->currentItem())
            requestRestore(m_timeline->indexOfTopLevelItem(item));
    });
    timelineLayout->addWidget(timelineNote);
    timelineLayout->addWidget(m_timeline);
    auto* restoreRow = new QHBoxLayout;
    restoreRow->addStretch();
    restoreRow->addWidget(m_restore);
    timelineLayout->addLayout(restoreRow);
    m_tabs->addTab(timelinePage, tr("Timeline"));

    m_trustPage = new QWidget;
    auto* trustLayout = new QVBoxLayout(m_trustPage);
    m_signature = new QLabel;
    m_signature->setWordWrap(true);
    m_signature->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attached = new QTreeWidget;
    m_attached->setHeaderLabels({tr("Kind"), tr("Digest or tag"), tr("Artifact type"), tr("Size")});
    m_vulnerabilitySummary = new QLabel;
    m_vulnerabilitySummary->setWordWrap(true);
    auto* vulnerabilityFilter = new QLineEdit;
    m_vulnerabilityFilter = vulnerabilityFilter;
    vulnerabilityFilter->setMinimumWidth(240);
    vulnerabilityFilter->hide(); // until there are findings to filter
    vulnerabilityFilter->setPlaceholderText(tr("Filter vulnerabilities by ID or package"));
    vulnerabilityFilter->setClearButtonEnabled(true);
    m_vulnerabilities = new VulnerabilityModel(this);
    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_vulnerabilities);
    sorted->setSortRole(VulnerabilityModel::SortRole);
    sorted->setFilterKeyColumn(-1);
    sorted->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(vulnerabilityFilter, &QLineEdit::textChanged, sorted, &QSortFilterProxyModel::setFilterFixedString);
    auto* table = new QTableView;
    table->setModel(sorted);
    table->setSortingEnabled(true);
    table->sortByColumn(VulnerabilityModel::SeverityColumn, Qt::DescendingOrder);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(true);
    // Identifiers and versions whole ("CVE-2099-10…" and a "Fixed in" over two lines say nothing).
    connect(sorted, &QAbstractItemModel::modelReset, table, [table] { table->resizeColumnsToContents(); });
    auto* exportCsv = new QPushButton(tr("Export CSV…"));
    auto* exportJson = new QPushButton(tr("Export JSON…"));
    for (QPushButton* button : {exportCsv, exportJson}) {
        const bool json = button == exportJson;
        connect(button, &QPushButton::clicked, this, [this, json] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Export Vulnerabilities"), {},
                                                              json ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
            QString why;
            if (!path.isEmpty() && !m_vulnerabilities->exportTo(path, json, &why))
                QMessageBox::warning(this, tr("Export Vulnerabilities"), tr("Could not write %1: %2").arg(path, why));
        });
    }
    m_scanLocally = new QPushButton(tr("Scan Here…"));
    m_scanLocally->setToolTip(tr("Run trivy or grype on this machine against this image"));
    connect(m_scanLocally, &QPushButton::clicked, this, [this] {
        m_scanLocally->setEnabled(false);
        m_vulnerabilitySummary->setText(tr("Scanning…"));
        Q_EMIT localScanRequested();
    });
    m_scanByRegistry = new QPushButton(tr("Scan by Registry"));
    m_scanByRegistry->setObjectName(QStringLiteral("registryScan"));
    m_scanByRegistry->hide();
    connect(m_scanByRegistry, &QPushButton::clicked, this, [this] {
        m_scanByRegistry->setEnabled(false);
        m_vulnerabilitySummary->setText(tr("Asking the registry to scan this image…"));
        Q_EMIT registryScanRequested();
    });
    m_vulnerabilityDetails = new QLabel;
    m_vulnerabilityDetails->setWordWrap(true);
    m_vulnerabilityDetails->setOpenExternalLinks(true);
    m_vulnerabilityDetails->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this, sorted](const QModelIndex& current) {
        if (!current.isValid()) {
            m_vulnerabilityDetails->clear();
            return;
        }
        const Vulnerability& v = m_vulnerabilities->at(sorted->mapToSource(current).row());
        QString html = QStringLiteral("<b>%1</b> %2<br>%3").arg(v.id.toHtmlEscaped(), v.title.toHtmlEscaped(), v.description.left(600).toHtmlEscaped());
        for (const QString& link : v.links.mid(0, 3))
            html += QStringLiteral("<br><a href=\"%1\">%2</a>").arg(link.toHtmlEscaped(), link.toHtmlEscaped());
        m_vulnerabilityDetails->setText(html);
    });
    auto* vulnerabilityBar = new QHBoxLayout;
    vulnerabilityBar->addWidget(m_vulnerabilitySummary, 1);
    vulnerabilityBar->addWidget(m_scanLocally);
    vulnerabilityBar->addWidget(m_scanByRegistry);
    vulnerabilityBar->addWidget(vulnerabilityFilter);
    vulnerabilityBar->addWidget(exportCsv);
    vulnerabilityBar->addWidget(exportJson);
    // The supply chain, the findings and the SBOM share the height; the user moves the borders.
    auto* vulnerabilityPane = new QWidget;
    auto* vulnerabilityLayout = new QVBoxLayout(vulnerabilityPane);
    vulnerabilityLayout->setContentsMargins(0, 0, 0, 0);
    vulnerabilityLayout->addLayout(vulnerabilityBar);
    vulnerabilityLayout->addWidget(table, 1);
    vulnerabilityLayout->addWidget(m_vulnerabilityDetails);
    auto* sbomPane = new QWidget;
    auto* sbomLayout = new QVBoxLayout(sbomPane);
    sbomLayout->setContentsMargins(0, 0, 0, 0);
    // What is attached (and the SBOM's packages) on the left, the findings on the right: the page is
    // wide and low, so the three share its width rather than a few rows each of its height.
    auto* supplyChain = new QSplitter(Qt::Vertical);
    supplyChain->setObjectName(QStringLiteral("supplyChainSplitter"));
    supplyChain->addWidget(m_attached);
    supplyChain->addWidget(sbomPane);
    auto* trustSplitter = new QSplitter(Qt::Horizontal);
    trustSplitter->setObjectName(QStringLiteral("trustSplitter"));
    trustSplitter->addWidget(supplyChain);
    trustSplitter->addWidget(vulnerabilityPane);
    trustSplitter->setStretchFactor(0, 2);
    trustSplitter->setStretchFactor(1, 3);
    trustLayout->addWidget(m_signature);
    trustLayout->addWidget(trustSplitter, 1);
    m_sbomLabel = new QLabel;
    m_sbom = new QTreeWidget;
    m_sbom->setHeaderLabels({tr("Package"), tr("Version"), tr("License"), tr("Package URL")});
    m_sbom->setRootIsDecorated(false);
    m_sbom->setSortingEnabled(true);
    sbomLayout->addWidget(m_sbomLabel);
    sbomLayout->addWidget(m_sbom, 1);
    m_sbomLabel->hide();
    m_sbom->hide();
    m_tabs->addTab(m_trustPage, tr("Trust"));
    connect(m_fileView, &QComboBox::activated, this, [this](int index) {
        if (!m_contents)
            return;
        if (index == 0)
            m_fileModel->setMerged(mergeLayers(m_contents->layers));
        else
            m_fileModel->setLayer(m_contents->layers[index - 1], index - 1);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == trustTabIndex() && !m_trustShown && !m_digest.isEmpty()) {
            m_signature->setText(tr("Looking for signatures and reports…"));
            Q_EMIT trustRequested();
        }
        if (index == filesTabIndex() && !m_contentsShown && !m_digest.isEmpty()) {
            m_filesSummary->setText(tr("Reading the layers…"));
            Q_EMIT contentsRequested();
        }
    });
    layout->addWidget(m_tabs);
    clear(tr("Select a tag to see its details."));
}

QPlainTextEdit* TagDetailsView::jsonView()
{
    auto* edit = new QPlainTextEdit;
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    edit->setFont(mono);
    auto* highlighter = new KSyntaxHighlighting::SyntaxHighlighter(edit->document());
    highlighter->setDefinition(syntaxRepository().definitionForName(QStringLiteral("JSON")));
    const bool dark = edit->palette().color(QPalette::Base).lightness() < 128;
    highlighter->setTheme(syntaxRepository().defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                                : KSyntaxHighlighting::Repository::LightTheme));
    return edit;
}

void TagDetailsView::setRow(const QString& label, const QString& value)
{
    if (value.isEmpty())
        return;
    auto* field = new QLabel(value);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    field->setWordWrap(true);
    m_overview->addRow(label, field);
}

void TagDetailsView::clear(const QString& message)
{
    m_registryScanNote.clear();
    while (m_overview->rowCount() > 0)
        m_overview->removeRow(0);
    m_manifest->clear();
    m_config->clear();
    m_history->clear();
    m_layers->setRowCount(0);
    m_platform->clear();
    m_platform->setEnabled(false);
    m_fileModel->clear();
    m_fileView->clear();
    m_filesSummary->clear();
    m_contents.reset();
    m_contentsShown = false;
    m_timeline->clear();
    m_trustShown = false;
    m_signature->clear();
    m_attached->clear();
    m_vulnerabilitySummary->clear();
    m_vulnerabilities->setReports({});
    m_vulnerabilityDetails->clear(); // the last image's CVE text is not this one's
    m_vulnerabilityFilter->clear();
    m_vulnerabilityFilter->hide();
    m_sbom->clear();
    m_sbom->hide();
    m_sbomLabel->hide();
    m_pullCommand.clear();
    m_digest.clear();
    m_reference.clear();
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
    m_tabs->setEnabled(false);
}

void TagDetailsView::showLoading(const QString& reference)
{
    clear(tr("Loading %1…").arg(reference));
}

void TagDetailsView::showError(const QString& text)
{
    clear(text);
}

void TagDetailsView::showDetails(const QString& repositoryName, const QString& tag, const ImageDetails& details)
{
    clear();
    m_tabs->setEnabled(true);
    const Manifest& top = details.top;
    const Manifest& image = details.image;
    m_digest = top.digest;
    m_reference = repositoryName + QLatin1Char(':') + tag;
    m_pullCommand = QStringLiteral("docker pull ") + repositoryName + QLatin1Char('@') + top.digest;

    QString shownPlatform;
    if (top.isIndex()) {
        m_platform->setEnabled(true);
        for (const Descriptor& d : top.manifests) {
            if (d.platform && d.platform->os != u"unknown") {
                m_platform->addItem(d.platform->toString());
                if (d.digest == image.digest) { // the index says which platform this image is
                    m_platform->setCurrentIndex(m_platform->count() - 1);
                    shownPlatform = d.platform->toString();
                }
            }
        }
    }
    // Layers and Files show one platform's image of an index: their tabs say which.
    m_tabs->setTabText(m_tabs->indexOf(m_layers), shownPlatform.isEmpty() ? tr("Layers") : tr("Layers (%1)").arg(shownPlatform));
    m_tabs->setTabText(filesTabIndex(), shownPlatform.isEmpty() ? tr("Files") : tr("Files (%1)").arg(shownPlatform));
    m_tabs->setTabToolTip(filesTabIndex(), shownPlatform.isEmpty() ? QString() : tr("The platform is chosen on the Overview tab"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_layers), m_tabs->tabToolTip(filesTabIndex()));
    if (std::exchange(m_focusPlatformAfterLoad, false))
        m_platform->setFocus();
    const QLocale locale;
    setRow(tr("Reference:"), m_reference);
    setRow(tr("Digest:"), top.digest);
    setRow(tr("Media type:"), top.mediaType);
    if (top.isIndex())
        setRow(tr("Image manifest:"), image.digest);
    if (!image.artifactType.isEmpty())
        setRow(tr("Artifact type:"), image.artifactType);
    if (image.kind == Manifest::Kind::Schema1)
        setRow(tr("Note:"), tr("A Docker schema 1 manifest (deprecated): Berth shows it but does not read it."));
    setRow(tr("Size:"), formatSize(image.imageSize()));
    if (const auto& c = details.config) {
        setRow(tr("Created:"), c->created.isValid() ? locale.toString(c->created.toLocalTime(), QLocale::LongFormat) : QString());
        setRow(tr("Platform:"), c->platform.toString());
        QStringList command = c->entrypoint + c->cmd;
        setRow(tr("Command:"), command.join(QLatin1Char(' ')));
        setRow(tr("User:"), c->user);
        setRow(tr("Working directory:"), c->workingDir);
        setRow(tr("Ports:"), c->exposedPorts.join(QStringLiteral(", ")));
        setRow(tr("Environment:"), c->env.join(QLatin1Char('\n')));
        QStringList labels;
        for (auto it = c->labels.begin(); it != c->labels.end(); ++it)
            labels << it.key() + QStringLiteral(" = ") + it.value();
        setRow(tr("Labels:"), labels.join(QLatin1Char('\n')));

        int layerIndex = 0;
        for (const HistoryEntry& h : c->history) {
            const QString layer = h.emptyLayer ? QString() : (layerIndex < image.layers.size()
                                                                  ? formatSize(image.layers[layerIndex++].size)
                                                                  : QString());
            auto* item = new QTreeWidgetItem({displayDateTime(h.created),
                                              h.createdBy.simplified(), layer});
            item->setToolTip(1, h.createdBy);
            m_history->addTopLevelItem(item);
        }
        m_config->setPlainText(prettyJson(details.configRaw));
    }
    m_manifest->setPlainText(prettyJson(image.raw));

    const qint64 total = qMax<qint64>(1, image.imageSize() - image.config.size);
    m_layers->setRowCount(int(image.layers.size()));
    for (int i = 0; i < image.layers.size(); ++i) {
        const Descriptor& layer = image.layers[i];
        m_layers->setItem(i, 0, new QTableWidgetItem(layer.digest));
        auto* size = new QTableWidgetItem(formatSize(layer.size));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_layers->setItem(i, 1, size);
        auto* share = new QProgressBar;
        share->setRange(0, 1000);
        share->setValue(int(layer.size * 1000 / total));
        share->setFormat(QStringLiteral("%1 %").arg(locale.toString(double(layer.size) * 100.0 / double(total), 'f', 1)));
        m_layers->setCellWidget(i, 2, share);
        m_layers->setItem(i, 3, new QTableWidgetItem(layer.mediaType));
    }
    m_layers->resizeColumnsToContents();
    if (m_tabs->currentIndex() == filesTabIndex()) {
        m_filesSummary->setText(tr("Reading the layers…"));
        Q_EMIT contentsRequested();
    }
    if (m_tabs->currentIndex() == trustTabIndex()) {
        m_signature->setText(tr("Looking for signatures and reports…"));
        Q_EMIT trustRequested();
    }
}

void TagDetailsView::showLocalScanProgress(const QString& line)
{
    m_vulnerabilitySummary->setText(tr("Scanning: %1").arg(line));
}

void TagDetailsView::showLocalScanResult(const Result<VulnerabilityReport>& report)
{
    m_scanLocally->setEnabled(true);
    if (!report) {
        m_vulnerabilitySummary->setText(tr("The local scan did not finish: %1").arg(describe(report.error())));
        return;
    }
    m_reports << *report;
    m_vulnerabilities->setReports(m_reports);
    m_vulnerabilityFilter->setVisible(m_vulnerabilities->rowCount() > 0);
    m_vulnerabilitySummary->setText(tr("%1 found %n findings.", nullptr, int(report->items.size())).arg(report->scanner));
}

void TagDetailsView::setRegistryScanner(const QString& family)
{
    m_scanByRegistry->setVisible(!family.isEmpty());
    m_scanByRegistry->setEnabled(true);
    m_scanByRegistry->setToolTip(tr("Ask %1's own scanner to scan this image; its report shows here once done").arg(family));
}

void TagDetailsView::showRegistryScanStarted(const Result<QString>& state)
{
    m_scanByRegistry->setEnabled(true);
    // Kept: a trust check that ends after this still says the scan was asked for.
    m_registryScanNote = state ? tr("The registry started scanning (%1); reopen the tag later for its report.").arg(*state)
                               : tr("The registry did not start a scan: %1").arg(describe(state.error()));
    m_vulnerabilitySummary->setText(m_registryScanNote);
}

int TagDetailsView::trustTabIndex() const
{
    return m_tabs->indexOf(m_trustPage);
}

void TagDetailsView::showTrustError(const QString& text)
{
    m_signature->setText(text);
}

void TagDetailsView::showTrust(const TrustSummary& trust, bool keysConfigured)
{
    m_trustShown = true;
    if (!trust.signature) {
        m_signature->setText(keysConfigured ? tr("Signatures were not checked.")
                                            : tr("No trusted keys are set for this registry: signatures are listed but not verified "
                                                 "(right-click the registry, Trusted Keys…)."));
    } else {
        switch (trust.signature->state) {
        case TrustResult::State::Verified:
            m_signature->setText(tr("✔ Signature verified by %1.").arg(trust.signature->keyName));
            m_signature->setStyleSheet(QStringLiteral("QLabel { color: #2e7d32; font-weight: bold; }"));
            break;
        case TrustResult::State::NotSigned:
            m_signature->setText(tr("Not signed: no cosign signature was found for this image."));
            m_signature->setStyleSheet({});
            break;
        case TrustResult::State::Keyless: {
            QStringList signers;
            for (const SignatureCheck& s : trust.signature->signatures) {
                if (s.outcome == SignatureCheck::Outcome::KeylessUnchecked)
                    signers << s.signer;
            }
            signers.removeDuplicates();
            m_signature->setText(tr("Signed keyless by %1. Keyless signatures are not verified offline (that needs Fulcio and the "
                                    "transparency log), and no trusted key verifies a signature.").arg(signers.join(QStringLiteral(", "))));
            m_signature->setStyleSheet(QStringLiteral("QLabel { color: #8a6d00; font-weight: bold; }"));
            break;
        }
        case TrustResult::State::Invalid:
            m_signature->setText(tr("✘ Signed, but no signature verifies with the trusted keys: %1").arg(trust.signature->summary()));
            m_signature->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
            break;
        }
    }
    // A tree: the image's digest, then each kind of attachment with its artifacts.
    m_attached->clear();
    auto* image = new QTreeWidgetItem({tr("image"), trust.imageDigest});
    m_attached->addTopLevelItem(image);
    QMap<QString, QTreeWidgetItem*> kinds;
    for (const AttachedArtifact& a : trust.attached) {
        QTreeWidgetItem*& group = kinds[a.kind];
        if (!group)
            group = new QTreeWidgetItem(image, {a.kind});
        new QTreeWidgetItem(group, {a.kind, a.tag.isEmpty() ? a.digest : a.tag, a.artifactType, formatSize(a.size)});
    }
    for (QTreeWidgetItem* group : std::as_const(kinds))
        group->setText(1, tr("%n attached", nullptr, group->childCount()));
    if (trust.attached.isEmpty())
        new QTreeWidgetItem(image, {tr("Nothing is attached to this image.")});
    m_attached->expandAll();
    for (int c = 0; c < 4; ++c)
        m_attached->resizeColumnToContents(c);
    m_reports = trust.reports;
    m_vulnerabilities->setReports(trust.reports);
    m_vulnerabilityFilter->setVisible(m_vulnerabilities->rowCount() > 0);
    if (trust.reports.isEmpty()) {
        m_vulnerabilitySummary->setText(tr("No vulnerability report is attached."));
    } else {
        const QMap<Severity, int> counts = combinedCounts(trust.reports);
        QStringList parts;
        for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Negligible, Severity::Unknown}) {
            if (counts.value(s))
                parts << QStringLiteral("%1 %2").arg(counts.value(s)).arg(VulnerabilityModel::severityLabel(s));
        }
        QStringList scanners;
        for (const VulnerabilityReport& report : trust.reports)
            scanners << report.scanner;
        scanners.removeDuplicates();
        m_vulnerabilitySummary->setText(parts.isEmpty() ? tr("No findings in the attached report (%1).", nullptr, int(trust.reports.size()))
                                                              .arg(scanners.join(QStringLiteral(", ")))
                                                        : tr("Vulnerabilities: %1").arg(parts.join(QStringLiteral(", "))));
    }
    if (!trust.problems.isEmpty())
        m_vulnerabilitySummary->setText(m_vulnerabilitySummary->text() + QLatin1Char(' ') + trust.problems.join(QLatin1Char(' ')));
    if (!m_registryScanNote.isEmpty())
        m_vulnerabilitySummary->setText(m_vulnerabilitySummary->text() + QLatin1Char(' ') + m_registryScanNote);
    m_sbom->clear();
    QStringList formats;
    for (const Sbom& sbom : trust.sboms) {
        formats << sbom.format;
        for (const SbomPackage& p : sbom.packages)
            m_sbom->addTopLevelItem(new QTreeWidgetItem({p.name, p.version, p.license, p.purl}));
    }
    m_sbomLabel->setText(tr("Software bill of materials (%1): %n packages", nullptr, m_sbom->topLevelItemCount()).arg(formats.join(QStringLiteral(", "))));
    m_sbomLabel->setVisible(!trust.sboms.isEmpty());
    m_sbom->setVisible(!trust.sboms.isEmpty());
    m_sbom->sortByColumn(0, Qt::AscendingOrder);
}

void TagDetailsView::showTimeline(const QString& tag, const QList<TagObservation>& observations, const QString& currentDigest,
                                  const QString& recordedBy)
{
    m_timelineTag = tag;
    m_timeline->clear();
    // Berth's own sightings, or the registry's record of when the tag pointed where (Quay).
    if (recordedBy.isEmpty()) {
        m_timelineNote->setText(tr("Every digest this tag has pointed to while Berth was watching (newest last)."));
        m_timeline->setHeaderLabels({tr("Digest"), tr("First seen"), tr("Last seen"), QString()});
    } else {
        m_timelineNote->setText(tr("Every digest this tag has pointed to, as %1 recorded it (newest last).").arg(recordedBy));
        m_timeline->setHeaderLabels({tr("Digest"), tr("From"), tr("Until"), QString()});
    }
    const QLocale locale;
    for (const TagObservation& o : observations) {
        const bool current = o.digest == currentDigest;
        auto* item = new QTreeWidgetItem({o.digest, displayDateTime(o.firstSeen),
                                          displayDateTime(o.lastSeen),
                                          current ? tr("current") : QString()});
        item->setData(0, Qt::UserRole, o.digest);
        item->setData(0, Qt::UserRole + 1, current);
        m_timeline->addTopLevelItem(item);
    }
    for (int c = 0; c < 4; ++c)
        m_timeline->resizeColumnToContents(c);
    m_restore->setEnabled(false);
}

void TagDetailsView::requestRestore(int timelineRow)
{
    QTreeWidgetItem* item = m_timeline->topLevelItem(timelineRow);
    if (item && !item->data(0, Qt::UserRole + 1).toBool())
        Q_EMIT restoreRequested(m_timelineTag, item->data(0, Qt::UserRole).toString());
}

int TagDetailsView::filesTabIndex() const
{
    return m_tabs->indexOf(m_filesPage);
}

int TagDetailsView::timelineTabIndex() const
{
    return m_tabs->indexOf(m_timelinePage);
}

void TagDetailsView::showContentsError(const QString& text)
{
    m_filesSummary->setText(text);
}

void TagDetailsView::showContents(const ImageContents& contents)
{
    m_contents = contents;
    m_contentsShown = true;
    const ImageSizes sizes = imageSizes(contents);
    m_fileView->clear();
    m_fileView->addItem(tr("All layers merged"));
    for (int i = 0; i < contents.layers.size(); ++i)
        m_fileView->addItem(tr("Layer %1: %2 (%3)").arg(i + 1).arg(contents.layers[i].digest.mid(7, 12), formatSize(sizes.layerUncompressed.value(i))));
    m_fileModel->setMerged(mergeLayers(contents.layers));
    QString summary = tr("%n files; %1 compressed, %2 unpacked.", nullptr, m_fileModel->fileCount())
                          .arg(formatSize(sizes.compressed), formatSize(sizes.uncompressed));
    if (sizes.wastedBytes > 0) {
        QStringList worst;
        for (int i = 0; i < qMin<qsizetype>(3, sizes.wasted.size()); ++i)
            worst << QStringLiteral("%1 (%2)").arg(sizes.wasted[i].path, formatSize(sizes.wasted[i].size));
        summary += QLatin1Char(' ') + tr("Wasted: %1 in files later layers overwrite or delete, such as %2.")
                                          .arg(formatSize(sizes.wastedBytes), worst.join(QStringLiteral(", ")));
    }
    m_filesSummary->setText(summary);
    m_fileTree->expandToDepth(0);
}

} // namespace berth
