#include "ui/copy/MirrorRulesWindow.h"

#include "core/registry/RegistryClient.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/widgets/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace berth {
namespace {

    QStringList globs(const QString& text)
    {
        QStringList out;
        for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out << part.trimmed();
        return out.isEmpty() ? QStringList{QStringLiteral("*")} : out;
    }

    QString place(const QString& registry, const QString& ns)
    {
        return ns.isEmpty() ? registry : registry + QLatin1Char('/') + ns;
    }

} // namespace

QList<MirrorRule> MirrorRulesWindow::savedRules()
{
    QList<MirrorRule> rules;
    const QJsonArray stored = QJsonDocument::fromJson(berthSettings().value(QStringLiteral("mirror/rules")).toByteArray()).array();
    for (const QJsonValue& value : stored) {
        if (auto rule = MirrorRule::fromJson(value.toObject(), QStringLiteral("berth.ini")))
            rules << *rule;
    }
    return rules;
}

void MirrorRulesWindow::storeRules(const QList<MirrorRule>& rules)
{
    QJsonArray stored;
    for (const MirrorRule& rule : rules)
        stored.append(rule.toJson());
    berthSettings().setValue(QStringLiteral("mirror/rules"), QJsonDocument(stored).toJson(QJsonDocument::Compact));
}

MirrorRulesWindow::MirrorRulesWindow(const QStringList& registries, ClientFactory clients, AuditLog* audit, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_clients(std::move(clients))
    , m_audit(audit)
{
    setWindowTitle(tr("Mirror Rules — Berth"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(1100, 640);

    m_rules = new QListWidget(this);
    auto* add = new QPushButton(tr("New"), this);
    auto* remove = new QPushButton(tr("Delete"), this);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(m_rules);
    leftLayout->addLayout(listButtons);

    m_name = new QLineEdit(this);
    m_source = new QComboBox(this);
    m_destination = new QComboBox(this);
    for (QComboBox* box : {m_source, m_destination}) {
        box->setEditable(true);
        box->addItems(registries);
        box->setToolTip(tr("A registry of the sidebar, and a namespace: registry.example/team"));
    }
    m_repositories = new QLineEdit(QStringLiteral("*"), this);
    m_repositories->setToolTip(tr("Globs, separated by commas, relative to the source namespace: app*, tools/*"));
    m_tags = new QLineEdit(QStringLiteral("*"), this);
    m_tags->setToolTip(tr("Globs, separated by commas: 1.*, latest"));
    m_tagRegex = new QLineEdit(this);
    m_tagRegex->setPlaceholderText(tr("Instead of the globs: a regular expression"));
    m_latest = new QSpinBox(this);
    m_latest->setRange(0, 10000);
    m_latest->setSpecialValueText(tr("all"));
    m_referrers = new QCheckBox(tr("With signatures and attachments"), this);
    m_referrers->setChecked(true);
    auto* save = new QPushButton(tr("Save Rule"), this);
    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Source:"), m_source);
    form->addRow(tr("Destination:"), m_destination);
    form->addRow(tr("Repositories:"), m_repositories);
    form->addRow(tr("Tags:"), m_tags);
    form->addRow(tr("Tag regex:"), m_tagRegex);
    form->addRow(tr("Latest versions only:"), m_latest);
    form->addRow(QString(), m_referrers);
    form->addRow(QString(), save);

    m_dryRun = new QPushButton(tr("Dry Run"), this);
    m_dryRun->setToolTip(tr("What would be copied and how many bytes would move (Ctrl+R)"));
    m_dryRun->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_run = new QPushButton(tr("Run"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    auto* runButtons = new QHBoxLayout;
    runButtons->addWidget(m_dryRun);
    runButtons->addWidget(m_run);
    runButtons->addWidget(m_cancel);
    runButtons->addStretch();
    m_images = new QTableWidget(0, 3, this);
    m_images->setHorizontalHeaderLabels({tr("Source"), tr("Destination"), tr("Result")});
    m_images->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_images->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_images->setWordWrap(false);
    m_images->verticalHeader()->hide();
    m_images->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_progress = new QProgressBar(this);
    m_progress->hide();
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addLayout(form);
    rightLayout->addLayout(runButtons);
    rightLayout->addWidget(m_images, 1);
    rightLayout->addWidget(m_progress);
    rightLayout->addWidget(m_summary);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({240, 860});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    for (const MirrorRule& rule : savedRules())
        m_rules->addItem(rule.name);
    connect(m_rules, &QListWidget::currentRowChanged, this, [this](int row) {
        const QList<MirrorRule> rules = savedRules();
        if (row >= 0 && row < rules.size())
            setEditedRule(rules.at(row));
    });
    connect(add, &QPushButton::clicked, this, [this] {
        m_rules->clearSelection();
        MirrorRule fresh;
        fresh.name = tr("New rule");
        fresh.sourceRegistry = m_source->itemText(0);
        fresh.destinationRegistry = m_destination->itemText(0);
        setEditedRule(fresh);
        m_name->setFocus();
        m_name->selectAll();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_rules->currentRow();
        QList<MirrorRule> rules = savedRules();
        if (row < 0 || row >= rules.size())
            return;
        rules.removeAt(row);
        storeRules(rules);
        delete m_rules->takeItem(row);
    });
    connect(save, &QPushButton::clicked, this, &MirrorRulesWindow::saveRule);
    connect(m_dryRun, &QPushButton::clicked, this, &MirrorRulesWindow::dryRun);
    connect(m_run, &QPushButton::clicked, this, &MirrorRulesWindow::runRule);
    connect(m_cancel, &QPushButton::clicked, this, &MirrorRulesWindow::cancel);
    if (m_rules->count() > 0)
        m_rules->setCurrentRow(0);
}

Result<MirrorRule> MirrorRulesWindow::editedRule() const
{
    QJsonObject json{{QStringLiteral("name"), m_name->text().trimmed()},
                     {QStringLiteral("source"), m_source->currentText().trimmed()},
                     {QStringLiteral("destination"), m_destination->currentText().trimmed()},
                     {QStringLiteral("repositories"), QJsonArray::fromStringList(globs(m_repositories->text()))},
                     {QStringLiteral("tags"), QJsonArray::fromStringList(globs(m_tags->text()))},
                     {QStringLiteral("latest"), m_latest->value()},
                     {QStringLiteral("referrers"), m_referrers->isChecked()}};
    if (!m_tagRegex->text().trimmed().isEmpty())
        json.insert(QStringLiteral("tagRegex"), m_tagRegex->text().trimmed());
    return MirrorRule::fromJson(json, m_name->text().trimmed().isEmpty() ? tr("The rule") : m_name->text().trimmed());
}

void MirrorRulesWindow::setEditedRule(const MirrorRule& rule)
{
    m_name->setText(rule.name);
    m_source->setCurrentText(place(rule.sourceRegistry, rule.sourceNamespace));
    m_destination->setCurrentText(place(rule.destinationRegistry, rule.destinationNamespace));
    m_repositories->setText(rule.repositories.join(QStringLiteral(", ")));
    m_tags->setText(rule.tags.join(QStringLiteral(", ")));
    m_tagRegex->setText(rule.tagRegex);
    m_latest->setValue(rule.latest);
    m_referrers->setChecked(rule.referrers);
}

void MirrorRulesWindow::saveRule()
{
    auto rule = editedRule();
    if (!rule) {
        m_summary->setText(userMessage(rule.error()));
        return;
    }
    if (rule->name.isEmpty())
        rule->name = place(rule->sourceRegistry, rule->sourceNamespace) + QStringLiteral(" → ") + place(rule->destinationRegistry, rule->destinationNamespace);
    QList<MirrorRule> rules = savedRules();
    const int row = m_rules->currentRow();
    if (row >= 0 && row < rules.size()) {
        rules[row] = *rule;
        m_rules->item(row)->setText(rule->name);
    } else {
        rules << *rule;
        m_rules->addItem(rule->name);
        m_rules->blockSignals(true);
        m_rules->setCurrentRow(m_rules->count() - 1);
        m_rules->blockSignals(false);
    }
    storeRules(rules);
    m_summary->setText(tr("Saved \"%1\".").arg(rule->name));
}

void MirrorRulesWindow::setRunning(bool running)
{
    m_dryRun->setEnabled(!running);
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running || m_progress->value() > 0);
}

void MirrorRulesWindow::start(bool dryRun)
{
    const auto rule = editedRule();
    if (!rule) {
        m_summary->setText(userMessage(rule.error()));
        return;
    }
    RegistryClient* from = m_clients(rule->sourceRegistry, this);
    RegistryClient* to = m_clients(rule->destinationRegistry, this);
    if (!from || !to) {
        m_summary->setText(tr("%1 is not one of Berth's registries; add it first.").arg(from ? rule->destinationRegistry : rule->sourceRegistry));
        return;
    }
    m_images->setRowCount(0);
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    setRunning(true);
    m_summary->setText(tr("Listing what the rule takes…"));
    m_runner = new MirrorRunner(*rule, from, to, m_audit, this);
    m_runner->plan([this, dryRun, from = rule->sourceRegistry, to = rule->destinationRegistry](Result<QList<MirrorItem>> items) {
        if (!items) {
            setRunning(false);
            m_summary->setText(userMessage(items.error()));
            Q_EMIT finished(dryRun, 0, 0);
            return;
        }
        m_images->setRowCount(int(items->size()));
        for (int row = 0; row < items->size(); ++row) {
            const MirrorItem& item = items->at(row);
            m_images->setItem(row, 0, new QTableWidgetItem(QStringLiteral("%1/%2:%3").arg(from, item.sourceRepository, item.tag)));
            m_images->setItem(row, 1, new QTableWidgetItem(QStringLiteral("%1/%2:%3").arg(to, item.destinationRepository, item.tag)));
            m_images->setItem(row, 2, new QTableWidgetItem(tr("waiting")));
        }
        m_progress->setRange(0, int(items->size()));
        m_summary->setText(dryRun ? tr("Finding out what would move…") : tr("Copying…"));
        m_runner->run(*items, dryRun, [this, dryRun](int row, const MirrorItem& item) {
            showItem(row, item, dryRun);
            m_progress->setValue(m_progress->value() + 1);
        }, [this, dryRun](const QList<MirrorItem>& ended) {
            int failed = 0;
            int blobs = 0;
            qint64 bytes = 0;
            for (const MirrorItem& item : ended) {
                if (!item.result || !*item.result) {
                    ++failed;
                } else {
                    blobs += (*item.result)->blobsCopied;
                    bytes += (*item.result)->bytesCopied;
                }
            }
            const QString size = QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
            m_summary->setText((dryRun ? tr("%n images: %1 in %2 blobs would move (blobs already there not counted).", nullptr, int(ended.size())).arg(size).arg(blobs)
                                       : tr("%n images: %1 in %2 blobs moved.", nullptr, int(ended.size())).arg(size).arg(blobs))
                               + (failed ? QLatin1Char(' ') + tr("%n failed.", nullptr, failed) : QString()));
            m_runner->deleteLater();
            setRunning(false);
            Q_EMIT finished(dryRun, int(ended.size()), failed);
        });
    });
}

void MirrorRulesWindow::showItem(int row, const MirrorItem& item, bool dryRun)
{
    QString text;
    if (!item.result || !*item.result) {
        text = item.result ? tr("failed: %1").arg(userMessage(item.result->error())) : tr("not copied");
    } else {
        const CopyReport& r = **item.result;
        const QString size = QLocale().formattedDataSize(r.bytesCopied, 1, QLocale::DataSizeSIFormat);
        text = r.manifestsPushed == 0 ? tr("up to date")
            : dryRun                  ? tr("would move %1 in %2 blobs").arg(size).arg(r.blobsCopied)
                                      : tr("copied %1 in %2 blobs").arg(size).arg(r.blobsCopied);
    }
    m_images->setItem(row, 2, new QTableWidgetItem(text));
}

void MirrorRulesWindow::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

} // namespace berth
