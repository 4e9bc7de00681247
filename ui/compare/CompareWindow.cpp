#include "ui/compare/CompareWindow.h"

#include "core/base/Paths.h"
#include "core/registry/RegistryClient.h"
#include "core/session/RegistrySession.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/browser/TagTableModel.h"

#include <QBrush>
#include <QCheckBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QShortcut>
#include <QTabWidget>
#include <QTreeWidget>
#include <QHash>
#include <QVBoxLayout>

namespace berth {

CompareWindow::CompareWindow(RegistrySession& session, const Side& a, const Side& b, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_nameA(a.name)
    , m_nameB(b.name)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Compare %1 and %2").arg(a.name, b.name));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(tr("Reading both images…"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_tabs = new QTabWidget;
    m_layers = table({tr("In A"), tr("In B"), tr("Layer")});
    m_layers->setSortingEnabled(false); // layer order is the order that means something
    m_files = table({tr("Change"), tr("Path"), tr("A"), tr("B"), tr("What")});
    // A rebuilt base touches every file's time: those rows hide, counted, until asked for.
    m_showTimeOnly = new QCheckBox(tr("Show files whose only change is the modified time"));
    connect(m_showTimeOnly, &QCheckBox::toggled, this, [this](bool show) {
        for (int i = 0; i < m_files->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = m_files->topLevelItem(i);
            if (item->data(0, Qt::UserRole).toBool())
                item->setHidden(!show);
        }
    });
    auto* filesPage = new QWidget;
    auto* filesLayout = new QVBoxLayout(filesPage);
    filesLayout->setContentsMargins(0, 0, 0, 0);
    filesLayout->addWidget(m_showTimeOnly);
    filesLayout->addWidget(m_files, 1);
    m_config = table({tr("Setting"), a.name, b.name});
    m_packages = table({tr("Package"), a.name, b.name});
    m_tabs->addTab(m_layers, tr("Layers"));
    m_tabs->addTab(filesPage, tr("Files"));
    m_tabs->addTab(m_config, tr("Config"));
    m_tabs->addTab(m_packages, tr("Packages"));
    layout->addWidget(m_tabs);
    auto* legend = new QLabel(tr("<span style=\"color:#c62828\">■ only in A (removed)</span> &nbsp; "
                                 "<span style=\"color:#2e7d32\">■ only in B (added)</span> &nbsp; unmarked: in both"));
    legend->setObjectName(QStringLiteral("compareLegend"));
    layout->addWidget(legend);
    for (const QKeySequence& keys : {QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::Key_Escape)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &QWidget::close);
    resize(1000, 640);

    int side = 0;
    for (const Side& s : {a, b}) {
        auto* loader = new ImageContentsLoader(s.client, &session.contentStore(), cacheDir(), this);
        loader->load(s.repository, s.reference, std::nullopt, this, [this, side, name = s.name](Result<ImageContents> contents) {
            if (!contents) {
                m_summary->setText(tr("%1: %2").arg(name, userMessage(contents.error())));
                Q_EMIT compared();
                return;
            }
            (side == 0 ? m_a : m_b) = *contents;
            if (m_a && m_b)
                showDiff();
        });
        ++side;
    }
}

QTreeWidget* CompareWindow::table(const QStringList& headers)
{
    auto* view = new QTreeWidget;
    view->setHeaderLabels(headers);
    view->setRootIsDecorated(false);
    view->setSortingEnabled(true);
    view->setUniformRowHeights(true);
    view->header()->setSectionResizeMode(QHeaderView::Interactive);
    return view;
}

void CompareWindow::showDiff()
{
    const ImageDiff diff = diffImages(*m_a, *m_b);
    const ImageSizes sizeA = imageSizes(*m_a);
    const ImageSizes sizeB = imageSizes(*m_b);
    int added = 0;
    int removed = 0;
    int changed = 0;
    for (const FileChange& f : diff.files)
        (f.kind == FileChange::Kind::Added ? added : f.kind == FileChange::Kind::Removed ? removed : changed) += 1;
    m_summary->setText(tr("A: %1 — %2 compressed, %3 unpacked\nB: %4 — %5 compressed, %6 unpacked\n"
                          "Layers: %7 shared, %8 only in A, %9 only in B. Files: %10 added, %11 removed, %12 changed.")
                           .arg(m_nameA, formatSize(sizeA.compressed), formatSize(sizeA.uncompressed), m_nameB,
                                formatSize(sizeB.compressed), formatSize(sizeB.uncompressed))
                           .arg(diff.sharedLayers.size())
                           .arg(diff.removedLayers.size())
                           .arg(diff.addedLayers.size())
                           .arg(added)
                           .arg(removed)
                           .arg(changed));
    const QBrush green(QColor(0x2e, 0x7d, 0x32));
    const QBrush red(QColor(0xc6, 0x28, 0x28));
    // The layers in order, lowest first: A's (each also placed in B when shared), then B's own.
    auto positions = [](const ImageContents& image) {
        QHash<QString, int> at;
        for (int i = 0; i < image.details.image.layers.size(); ++i)
            at.insert(image.details.image.layers[i].digest, i + 1);
        return at;
    };
    const QHash<QString, int> inA = positions(*m_a);
    const QHash<QString, int> inB = positions(*m_b);
    auto addLayer = [&](const QString& digest) {
        auto* item = new QTreeWidgetItem({inA.contains(digest) ? QString::number(inA.value(digest)) : QString(),
                                          inB.contains(digest) ? QString::number(inB.value(digest)) : QString(), digest});
        if (inA.contains(digest) != inB.contains(digest))
            item->setForeground(2, inA.contains(digest) ? red : green);
        m_layers->addTopLevelItem(item);
    };
    for (const Descriptor& layer : m_a->details.image.layers)
        addLayer(layer.digest);
    for (const Descriptor& layer : m_b->details.image.layers) {
        if (!inA.contains(layer.digest))
            addLayer(layer.digest);
    }
    int timeOnly = 0;
    for (const FileChange& f : diff.files) {
        const QString kind = f.kind == FileChange::Kind::Added ? tr("added") : f.kind == FileChange::Kind::Removed ? tr("removed") : tr("changed");
        auto* item = new QTreeWidgetItem({kind, f.path, f.sizeA >= 0 ? formatSize(f.sizeA) + QLatin1Char(' ') + f.modeA : QString(),
                                          f.sizeB >= 0 ? formatSize(f.sizeB) + QLatin1Char(' ') + f.modeB : QString(), f.what});
        if (f.kind != FileChange::Kind::Changed)
            item->setForeground(1, f.kind == FileChange::Kind::Added ? green : red);
        const bool onlyTime = f.kind == FileChange::Kind::Changed && f.what == u"modified time";
        item->setData(0, Qt::UserRole, onlyTime);
        m_files->addTopLevelItem(item);
        item->setHidden(onlyTime && !m_showTimeOnly->isChecked());
        timeOnly += onlyTime ? 1 : 0;
    }
    m_showTimeOnly->setText(tr("Show the %n files whose only change is the modified time", nullptr, timeOnly));
    m_showTimeOnly->setEnabled(timeOnly > 0);
    for (const ValueChange& c : diff.config)
        m_config->addTopLevelItem(new QTreeWidgetItem({c.field, c.a, c.b}));
    if (diff.packageFormatA.isEmpty() && diff.packageFormatB.isEmpty())
        m_packages->addTopLevelItem(new QTreeWidgetItem({tr("Neither image has a dpkg or apk package database."), QString(), QString()}));
    for (const ValueChange& c : diff.packages)
        m_packages->addTopLevelItem(new QTreeWidgetItem({c.field, c.a, c.b}));
    for (QTreeWidget* view : {m_layers, m_files, m_config, m_packages}) {
        if (view != m_layers)
            view->sortByColumn(view == m_files ? 1 : 0, Qt::AscendingOrder);
        for (int c = 0; c < view->columnCount(); ++c)
            view->resizeColumnToContents(c);
    }
    Q_EMIT compared();
}

} // namespace berth
