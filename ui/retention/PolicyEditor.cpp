#include "ui/retention/PolicyEditor.h"

#include "ui/widgets/ErrorBanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace berth {

namespace {
enum EcrColumn { EcrPriority, EcrDescription, EcrTagStatus, EcrPrefixes, EcrPatterns, EcrCountType, EcrCount };
enum HarborColumn { HarborPriority, HarborRetain, HarborCount, HarborMatch, HarborPattern, HarborUntagged, HarborEnabled };

QStringList splitList(const QString& text)
{
    QStringList items;
    for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        items << item.trimmed();
    items.removeAll(QString());
    return items;
}

QSpinBox* numberBox(int minimum, int value)
{
    auto* box = new QSpinBox;
    box->setRange(minimum, 1000000);
    box->setValue(value);
    return box;
}

QComboBox* choiceBox(const QStringList& labels, int current)
{
    auto* box = new QComboBox;
    box->addItems(labels);
    box->setCurrentIndex(current);
    return box;
}

QWidget* centredCheckBox(bool checked)
{
    auto* holder = new QWidget;
    auto* layout = new QHBoxLayout(holder);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setAlignment(Qt::AlignCenter);
    auto* box = new QCheckBox(holder);
    box->setChecked(checked);
    layout->addWidget(box);
    return holder;
}

template<typename W>
W* cell(QTableWidget* table, int row, int column)
{
    QWidget* widget = table->cellWidget(row, column);
    if (auto* direct = qobject_cast<W*>(widget))
        return direct;
    return widget ? widget->findChild<W*>() : nullptr;
}

QTableWidget* ruleTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}
} // namespace

PolicyEditor::PolicyEditor(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Retention Policy"));
    resize(980, 420);
    auto* layout = new QVBoxLayout(this);

    auto* top = new QHBoxLayout;
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("ECR lifecycle policy: rules expire images, in priority order"));
    m_kind->addItem(tr("Harbor retention: rules retain images, the rest are deleted"));
    top->addWidget(new QLabel(tr("Kind:"), this));
    top->addWidget(m_kind, 1);
    auto* importButton = new QPushButton(tr("&Import…"), this);
    auto* exportButton = new QPushButton(tr("&Export…"), this);
    top->addWidget(importButton);
    top->addWidget(exportButton);
    layout->addLayout(top);

    m_ecr = ruleTable({tr("Priority"), tr("Description"), tr("Tag Status"), tr("Tag Prefixes"), tr("Tag Patterns"), tr("Expire When"), tr("Number")}, this);
    m_ecr->setToolTip(tr("Prefixes and patterns are comma-separated; '*' in a pattern matches any run of characters. "
                         "A tagged rule takes prefixes or patterns, not both; the rule for any image must have the highest priority number."));
    m_harbor = ruleTable({tr("Priority"), tr("Retain"), tr("Number"), tr("Tags"), tr("Pattern"), tr("Untagged Too"), tr("Enabled")}, this);
    m_harbor->setToolTip(tr("Patterns are Harbor's doublestar patterns: '**' matches anything, '?' one character, {a,b} either."));
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_ecr);
    m_pages->addWidget(m_harbor);
    layout->addWidget(m_pages, 1);

    auto* ruleButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&Add Rule"), this);
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    auto* remove = new QPushButton(tr("&Remove Rule"), this);
    ruleButtons->addWidget(add);
    ruleButtons->addWidget(remove);
    ruleButtons->addStretch(1);
    layout->addLayout(ruleButtons);

    m_error = makeErrorBanner(this);
    layout->addWidget(m_error);

    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    box->button(QDialogButtonBox::Ok)->setText(tr("Use Policy"));
    layout->addWidget(box);

    connect(m_kind, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(add, &QPushButton::clicked, this, &PolicyEditor::addRule);
    connect(remove, &QPushButton::clicked, this, [this] { removeRule(rules()->currentRow()); });
    new QShortcut(QKeySequence::Delete, this, [this] { removeRule(rules()->currentRow()); });
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Import Retention Policy"), {}, tr("JSON files (*.json);;All files (*)"));
        if (!file.isEmpty())
            importFile(file);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export Retention Policy"),
                                                          isHarbor() ? QStringLiteral("harbor-retention.json") : QStringLiteral("lifecycle-policy.json"),
                                                          tr("JSON files (*.json)"));
        if (!file.isEmpty())
            exportFile(file);
    });
    connect(box, &QDialogButtonBox::accepted, this, &PolicyEditor::accept);
    connect(box, &QDialogButtonBox::rejected, this, &PolicyEditor::reject);

    // A useful start: untagged images go after two weeks.
    LifecycleRule untagged;
    untagged.priority = 1;
    untagged.description = tr("untagged images after 14 days");
    untagged.tagStatus = LifecycleRule::TagStatus::Untagged;
    untagged.countType = LifecycleRule::CountType::SinceImagePushed;
    untagged.countNumber = 14;
    addEcrRow(untagged);
    addHarborRow(HarborRetentionRule{1, false, HarborRetentionRule::Template::LatestPushedK, 10, QStringLiteral("**"), false, false});
}

QTableWidget* PolicyEditor::rules() const
{
    return isHarbor() ? m_harbor : m_ecr;
}

bool PolicyEditor::isHarbor() const
{
    return m_kind->currentIndex() == 1;
}

bool PolicyEditor::setPolicy(const RetentionPolicyFile& policy)
{
    if (policy.isArtifactRegistry() || policy.isQuay()) {
        showError(tr("Artifact Registry and Quay policies are planned as they are written; this editor writes ECR and Harbor rules."));
        return false;
    }
    m_error->hide();
    if (const auto* harbor = std::get_if<HarborRetentionPolicy>(&policy.policy)) {
        m_harbor->setRowCount(0);
        for (const HarborRetentionRule& rule : harbor->rules)
            addHarborRow(rule);
        m_kind->setCurrentIndex(1);
    } else {
        m_ecr->setRowCount(0);
        for (const LifecycleRule& rule : std::get<LifecyclePolicy>(policy.policy).rules)
            addEcrRow(rule);
        m_kind->setCurrentIndex(0);
    }
    return true;
}

void PolicyEditor::addEcrRow(const LifecycleRule& rule)
{
    const int row = m_ecr->rowCount();
    m_ecr->insertRow(row);
    m_ecr->setCellWidget(row, EcrPriority, numberBox(1, rule.priority));
    m_ecr->setCellWidget(row, EcrDescription, new QLineEdit(rule.description));
    m_ecr->setCellWidget(row, EcrTagStatus, choiceBox({tr("tagged"), tr("untagged"), tr("any")}, int(rule.tagStatus)));
    m_ecr->setCellWidget(row, EcrPrefixes, new QLineEdit(rule.tagPrefixList.join(QStringLiteral(", "))));
    m_ecr->setCellWidget(row, EcrPatterns, new QLineEdit(rule.tagPatternList.join(QStringLiteral(", "))));
    m_ecr->setCellWidget(row, EcrCountType, choiceBox({tr("more than N images"), tr("pushed more than N days ago")}, int(rule.countType)));
    m_ecr->setCellWidget(row, EcrCount, numberBox(1, rule.countNumber));
    m_ecr->horizontalHeader()->setSectionResizeMode(EcrDescription, QHeaderView::Stretch);
}

void PolicyEditor::addHarborRow(const HarborRetentionRule& rule)
{
    const int row = m_harbor->rowCount();
    m_harbor->insertRow(row);
    m_harbor->setCellWidget(row, HarborPriority, numberBox(1, rule.priority));
    m_harbor->setCellWidget(row, HarborRetain, choiceBox({tr("the N most recently pushed"), tr("those pushed within N days"), tr("always")}, int(rule.kind)));
    m_harbor->setCellWidget(row, HarborCount, numberBox(0, rule.count));
    m_harbor->setCellWidget(row, HarborMatch, choiceBox({tr("matching"), tr("not matching")}, rule.exclude ? 1 : 0));
    m_harbor->setCellWidget(row, HarborPattern, new QLineEdit(rule.pattern));
    m_harbor->setCellWidget(row, HarborUntagged, centredCheckBox(rule.untagged));
    m_harbor->setCellWidget(row, HarborEnabled, centredCheckBox(!rule.disabled));
    m_harbor->horizontalHeader()->setSectionResizeMode(HarborPattern, QHeaderView::Stretch);
}

int PolicyEditor::nextPriority() const
{
    int highest = 0;
    for (int row = 0; row < rules()->rowCount(); ++row)
        highest = std::max(highest, cell<QSpinBox>(rules(), row, 0)->value());
    return highest + 1;
}

void PolicyEditor::addRule()
{
    if (isHarbor()) {
        addHarborRow(HarborRetentionRule{nextPriority(), false, HarborRetentionRule::Template::LatestPushedK, 10, QStringLiteral("**"), false, false});
    } else {
        LifecycleRule rule;
        rule.priority = nextPriority();
        rule.tagStatus = LifecycleRule::TagStatus::Tagged;
        rule.tagPatternList = {QStringLiteral("*")};
        rule.countNumber = 10;
        addEcrRow(rule);
    }
    rules()->setCurrentCell(rules()->rowCount() - 1, 1);
    rules()->cellWidget(rules()->rowCount() - 1, 1)->setFocus();
}

void PolicyEditor::removeRule(int row)
{
    if (row >= 0 && row < rules()->rowCount())
        rules()->removeRow(row);
}

Result<RetentionPolicyFile> PolicyEditor::policy() const
{
    // Through the JSON and back: the editor's rules pass exactly the checks an imported file does.
    RetentionPolicyFile edited;
    if (isHarbor()) {
        HarborRetentionPolicy harbor;
        for (int row = 0; row < m_harbor->rowCount(); ++row) {
            HarborRetentionRule rule;
            rule.priority = cell<QSpinBox>(m_harbor, row, HarborPriority)->value();
            rule.kind = HarborRetentionRule::Template(cell<QComboBox>(m_harbor, row, HarborRetain)->currentIndex());
            rule.count = cell<QSpinBox>(m_harbor, row, HarborCount)->value();
            rule.exclude = cell<QComboBox>(m_harbor, row, HarborMatch)->currentIndex() == 1;
            rule.pattern = cell<QLineEdit>(m_harbor, row, HarborPattern)->text().trimmed();
            rule.untagged = cell<QCheckBox>(m_harbor, row, HarborUntagged)->isChecked();
            rule.disabled = !cell<QCheckBox>(m_harbor, row, HarborEnabled)->isChecked();
            harbor.rules << rule;
        }
        edited.policy = harbor;
    } else {
        LifecyclePolicy ecr;
        for (int row = 0; row < m_ecr->rowCount(); ++row) {
            LifecycleRule rule;
            rule.priority = cell<QSpinBox>(m_ecr, row, EcrPriority)->value();
            rule.description = cell<QLineEdit>(m_ecr, row, EcrDescription)->text().trimmed();
            rule.tagStatus = LifecycleRule::TagStatus(cell<QComboBox>(m_ecr, row, EcrTagStatus)->currentIndex());
            rule.tagPrefixList = splitList(cell<QLineEdit>(m_ecr, row, EcrPrefixes)->text());
            rule.tagPatternList = splitList(cell<QLineEdit>(m_ecr, row, EcrPatterns)->text());
            rule.countType = LifecycleRule::CountType(cell<QComboBox>(m_ecr, row, EcrCountType)->currentIndex());
            rule.countNumber = cell<QSpinBox>(m_ecr, row, EcrCount)->value();
            ecr.rules << rule;
        }
        edited.policy = ecr;
    }
    return RetentionPolicyFile::fromJson(edited.toJson());
}

void PolicyEditor::showError(const QString& text)
{
    m_error->setText(text);
    m_error->show();
}

bool PolicyEditor::importFile(const QString& fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot read %1: %2").arg(fileName, file.errorString()));
        return false;
    }
    const auto imported = RetentionPolicyFile::fromJson(file.readAll());
    if (!imported) {
        showError(tr("%1 is not a policy Berth can use: %2").arg(QFileInfo(fileName).fileName(), imported.error().message));
        return false;
    }
    return setPolicy(*imported);
}

bool PolicyEditor::exportFile(const QString& fileName)
{
    const auto edited = policy();
    if (!edited) {
        showError(tr("Not exported: %1").arg(edited.error().message));
        return false;
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(edited->toJson()) < 0 || !file.commit()) {
        showError(tr("Cannot write %1: %2").arg(fileName, file.errorString()));
        return false;
    }
    m_error->hide();
    return true;
}

void PolicyEditor::accept()
{
    const auto edited = policy();
    if (!edited) {
        showError(edited.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace berth
