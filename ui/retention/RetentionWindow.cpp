#include "ui/retention/RetentionWindow.h"

#include "ui/retention/RegistryPolicyPane.h"

#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "core/retention/Deleter.h"
#include "core/retention/InventoryCompleter.h"
#include "core/retention/RetentionPlanFile.h"
#include "core/session/RegistrySession.h"
#include "core/store/AuditLog.h"
#include "ui/browser/TagTableModel.h"
#include "ui/retention/PolicyEditor.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/Dates.h"
#include "ui/widgets/ErrorBanner.h"
#include "ui/widgets/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace berth {

namespace {
enum Column { ActionColumn, TagsColumn, DigestColumn, PushedColumn, SourceColumn, RuleColumn, ReasonColumn, ResultColumn };
constexpr int ExpireRole = Qt::UserRole;
constexpr int RuleRole = Qt::UserRole + 1;
const QString kPriceGroup = QStringLiteral("retention/pricePerGbMonth"); // per registry
const QString kPolicyGroup = QStringLiteral("retention/lastPolicy"); // per repository
} // namespace

RetentionWindow::RetentionWindow(RegistrySession& session, RegistryClient* client, const QString& repository, RetentionInventory inventory,
                                 QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_session(session)
    , m_client(client)
    , m_repository(repository)
    , m_inventory(std::move(inventory))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Retention Plan — %1").arg(repositoryName()));
    resize(1100, 600);

    auto* layout = new QVBoxLayout(this);
    auto* policyRow = new QHBoxLayout;
    auto* open = new QPushButton(tr("&Policy…"), this);
    open->setToolTip(tr("An ECR lifecycle policy, a Harbor retention policy, an Artifact Registry cleanup policy file or Quay auto-prune policies (JSON)"));
    auto* edit = new QPushButton(tr("&Edit Policy…"), this);
    edit->setToolTip(tr("Write or change the rules here, and import or export ECR and Harbor JSON (Ctrl+E)"));
    edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_policyName = new QLabel(tr("No policy loaded"), this);
    m_keepTags = new QLineEdit(QStringLiteral("latest"), this);
    m_keepTags->setToolTip(tr("Images with one of these tags (comma-separated) are never deleted"));
    m_price = new QLineEdit(this);
    m_price->setPlaceholderText(tr("unknown"));
    // The price is the user's per registry once set, else the registry's public list price.
    const double listPrice = client ? defaultPricePerGbMonth(client->endpoint().apiHost) : -1;
    m_price->setText(berthSettings().value(settingsKey(kPriceGroup, registryName()), listPrice >= 0 ? QString::number(listPrice) : QString()).toString());
    policyRow->addWidget(open);
    policyRow->addWidget(edit);
    policyRow->addStretch(1);
    policyRow->addWidget(new QLabel(tr("Always keep tags:"), this));
    m_keepTags->setMinimumWidth(160);
    m_price->setMaximumWidth(90);
    policyRow->addWidget(m_keepTags);
    m_keepSigned = new QCheckBox(tr("Keep signed images"), this);
    m_keepSigned->setChecked(true);
    policyRow->addWidget(m_keepSigned);
    policyRow->addWidget(new QLabel(tr("USD per GB-month:"), this));
    policyRow->addWidget(m_price);
    layout->addLayout(policyRow);
    // The policy's name and kind on a line of their own: a long one must not squeeze the fields.
    m_policyName->setWordWrap(true);
    layout->addWidget(m_policyName);
    // The policy the registry runs itself, where it has one (ECR, Harbor, Artifact Registry, Quay).
    if (client) {
        Provider* provider = createProvider(client, this);
        if (provider->capabilities().registryPolicy) {
            m_registryPane = new RegistryPolicyPane(
                provider, m_repository, [this] { return m_havePolicy ? std::optional<RetentionPolicyFile>(m_policy) : std::nullopt; },
                [this] { return m_planResult; }, this);
            connect(m_registryPane, &RegistryPolicyPane::planWith, this, &RetentionWindow::setPolicy);
            layout->addWidget(m_registryPane);
        }
    }

    auto* filterRow = new QHBoxLayout;
    m_actionFilter = new QComboBox(this);
    m_actionFilter->addItem(tr("All images"));
    m_actionFilter->addItem(tr("To delete or untag"));
    m_actionFilter->addItem(tr("To keep"));
    m_ruleFilter = new QComboBox(this);
    filterRow->addWidget(new QLabel(tr("Show:"), this));
    filterRow->addWidget(m_actionFilter);
    filterRow->addWidget(new QLabel(tr("Rule:"), this));
    filterRow->addWidget(m_ruleFilter);
    filterRow->addStretch(1);
    layout->addLayout(filterRow);

    m_error = makeErrorBanner(this);
    layout->addWidget(m_error);

    m_plan = new QTreeWidget(this);
    m_plan->setRootIsDecorated(false);
    m_plan->setSortingEnabled(true);
    m_plan->setHeaderLabels({tr("Action"), tr("Tags"), tr("Digest"), tr("Pushed"), tr("Date From"), tr("Rule"), tr("Why"), tr("Result")});
    m_plan->header()->setStretchLastSection(false);
    m_plan->header()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    m_plan->header()->setSectionResizeMode(ResultColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_plan, 1);

    m_totals = new QLabel(this);
    m_totals->setWordWrap(true);
    layout->addWidget(m_totals);
    m_dates = new QLabel(this);
    m_dates->setWordWrap(true);
    layout->addWidget(m_dates);
    m_permission = new QLabel(tr("Checking whether this login may delete…"), this);
    m_permission->setWordWrap(true);
    layout->addWidget(m_permission);

    auto* buttons = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->hide();
    m_apply = new QPushButton(tr("&Apply…"), this);
    m_apply->setEnabled(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->hide();
    m_export = new QPushButton(tr("E&xport Plan…"), this);
    m_export->setToolTip(tr("Save this dry run as JSON for review; 'berthctl retention apply --plan' applies exactly it"));
    m_export->setEnabled(false);
    buttons->addWidget(m_progress, 1);
    buttons->addStretch(0);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    buttons->addWidget(m_apply);
    layout->addLayout(buttons);

    connect(open, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Open Lifecycle Policy"), {}, tr("JSON files (*.json);;All files (*)"));
        if (!file.isEmpty())
            loadPolicy(file);
    });
    connect(edit, &QPushButton::clicked, this, &RetentionWindow::editPolicy);
    connect(m_keepTags, &QLineEdit::editingFinished, this, &RetentionWindow::evaluate);
    connect(m_keepSigned, &QCheckBox::toggled, this, &RetentionWindow::evaluate);
    connect(m_price, &QLineEdit::editingFinished, this, [this] {
        berthSettings().setValue(settingsKey(kPriceGroup, registryName()), m_price->text().trimmed());
        showPlan();
    });
    connect(m_actionFilter, &QComboBox::currentIndexChanged, this, &RetentionWindow::applyFilters);
    connect(m_ruleFilter, &QComboBox::currentIndexChanged, this, &RetentionWindow::applyFilters);
    connect(&m_evaluation, &QFutureWatcher<RetentionPlan>::finished, this, [this] {
        m_planResult = m_evaluation.result();
        showPlan();
        if (std::exchange(m_evaluateAgain, false))
            evaluate();
    });
    connect(m_apply, &QPushButton::clicked, this, &RetentionWindow::apply);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export Plan"), QStringLiteral("retention-plan.json"), tr("JSON files (*.json)"));
        if (!file.isEmpty())
            exportPlan(file);
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_deleter)
            m_deleter->cancel();
    });
    new QShortcut(QKeySequence(Qt::Key_Escape), this, [this] {
        if (m_deleter)
            m_deleter->cancel();
        else
            close();
    });

    // Ask once, before anything is offered: deletion that fails half-way is the worst outcome.
    if (m_client) {
        Provider* provider = createProvider(m_client, this);
        // How deletion goes there, said before the user plans anything.
        const ProviderCapabilities caps = provider->capabilities();
        const QString note = !caps.deleteImage && caps.deleteTag
            ? tr("%1 removes tags, not images by digest: an image stays until %1's own cleanup.")
                  .arg(providerDisplayName(provider->kind())) // a product name, not translated
            : tr("Deleting an image removes every tag on it; space returns after the registry's garbage collection.");
        provider->checkDelete(m_repository, this, [this, note](Result<void> mayDelete) {
            m_mayDelete = bool(mayDelete);
            m_permission->setText(m_mayDelete ? tr("This login may delete in this repository. %1").arg(note)
                                              : tr("Deleting here would fail: %1").arg(describe(mayDelete.error())));
            // What the registry cannot do is said where the user would try it.
            m_apply->setToolTip(m_mayDelete ? note : tr("Not possible here: %1").arg(describe(mayDelete.error())));
            updateApplyButton();
            Q_EMIT permissionChecked(m_mayDelete);
        });
        readPushTimes();
    }

    // The policy last used on this repository comes back, so a weekly cleanup is two clicks.
    if (const QByteArray saved = berthSettings().value(settingsKey(kPolicyGroup, repositoryName())).toByteArray(); !saved.isEmpty()) {
        if (const auto policy = RetentionPolicyFile::fromJson(saved))
            setPolicy(*policy, tr("last used policy"));
    }
}

QString RetentionWindow::registryName() const
{
    return m_client ? m_client->endpoint().name : QString();
}

QString RetentionWindow::repositoryName() const
{
    // As berthctl names it (Reference::name), so an exported plan applies there unchanged.
    return m_client ? registryName() + QLatin1Char('/') + m_repository : m_repository;
}

QString RetentionWindow::settingsKey(const QString& group, const QString& name)
{
    // Percent-encoded: '/' would open a settings group, ':' is a port.
    return group + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

void RetentionWindow::updateApplyButton()
{
    m_apply->setEnabled(m_mayDelete && m_planResult.expiring() + m_planResult.untagging() > 0);
}

void RetentionWindow::readPushTimes()
{
    // Harbor and ECR know when each image was pushed; that beats a build date for "pushed N days ago".
    m_dates->setText(tr("Reading the registry's push times…"));
    const auto log = m_session.observationLog();
    auto* completer = new InventoryCompleter(m_client, log ? *log : nullptr, this);
    completer->complete(m_repository, m_inventory, this, [this, completer](CompletedInventory completed) {
        completer->deleteLater();
        QString dates;
        if (completed.fromRegistry)
            dates = tr("Ages count from the push times the registry reports.");
        else if (completed.listingProblem)
            dates = tr("The registry's push times could not be read (%1), so ages count from build dates.").arg(describe(*completed.listingProblem));
        else
            dates = tr("This registry does not report push times: ages count from build dates, else from when Berth first saw an image.");
        if (completed.formerImages > 0)
            dates += QLatin1Char(' ') + tr("Untagged images that tags pointed to before, as Berth saw them: %1.").arg(completed.formerImages);
        m_dates->setText(dates);
        if (completed.fromRegistry || completed.formerImages > 0) {
            m_inventory = std::move(completed.inventory);
            evaluate();
        }
        Q_EMIT pushTimesRead();
    });
}

bool RetentionWindow::loadPolicy(const QString& fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error->setText(tr("Cannot read %1: %2").arg(fileName, file.errorString()));
        m_error->show();
        return false;
    }
    const auto policy = RetentionPolicyFile::fromJson(file.readAll());
    if (!policy) {
        m_error->setText(tr("%1 is not a valid lifecycle policy: %2").arg(QFileInfo(fileName).fileName(), policy.error().message));
        m_error->show();
        return false;
    }
    setPolicy(*policy, QFileInfo(fileName).fileName());
    return true;
}

PolicyEditor* RetentionWindow::editPolicy()
{
    auto* editor = new PolicyEditor(this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (m_havePolicy)
        editor->setPolicy(m_policy);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        if (const auto edited = editor->policy())
            setPolicy(*edited, tr("edited policy"));
    });
    editor->open();
    return editor;
}

void RetentionWindow::setPolicy(const RetentionPolicyFile& policy, const QString& name)
{
    m_error->hide();
    m_policy = policy;
    m_havePolicy = true;
    berthSettings().setValue(settingsKey(kPolicyGroup, repositoryName()), m_policy.toJson());
    m_policyName->setText(m_policy.isHarbor()             ? tr("%1 (Harbor retention: images no rule retains are deleted)").arg(name)
                              : m_policy.isArtifactRegistry() ? tr("%1 (Artifact Registry cleanup: Keep policies win over Delete)").arg(name)
                              : m_policy.isQuay()             ? tr("%1 (Quay auto-prune: tags are pruned, an image goes with its last tag)").arg(name)
                                                              : tr("%1 (ECR lifecycle policy)").arg(name));
    m_ruleFilter->blockSignals(true);
    m_ruleFilter->clear();
    m_ruleFilter->addItem(tr("Any rule"), -2);
    for (const auto& [priority, description] : m_policy.ruleLabels())
        m_ruleFilter->addItem(description.isEmpty() ? tr("Rule %1").arg(priority) : tr("Rule %1: %2").arg(priority).arg(description), priority);
    m_ruleFilter->addItem(tr("No rule"), -1);
    m_ruleFilter->blockSignals(false);
    evaluate();
}

void RetentionWindow::evaluate()
{
    if (!m_havePolicy)
        return;
    if (m_evaluation.isRunning()) {
        m_evaluateAgain = true; // with what changed meanwhile, once this one is done
        return;
    }
    RetentionGuards guards;
    for (const QString& tag : m_keepTags->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        guards.keepTags << tag.trimmed();
    guards.keepSigned = m_keepSigned->isChecked();
    // 100,000 tags take a fifth of a second: off the GUI thread so the window never stalls.
    const QString package = cleanupPackageName(m_client ? m_client->endpoint().apiHost : QString(), m_repository);
    m_evaluation.setFuture(QtConcurrent::run([policy = m_policy, images = m_inventory.images, guards, package] {
        return policy.evaluate(images, QDateTime::currentDateTimeUtc(), guards, package);
    }));
}

void RetentionWindow::showPlan()
{
    m_plan->setSortingEnabled(false);
    m_plan->clear();
    for (const PlanEntry& e : std::as_const(m_planResult.entries)) {
        auto* item = new QTreeWidgetItem(m_plan);
        const bool untag = !e.expire && !e.untag.isEmpty();
        item->setText(ActionColumn, e.expire ? tr("delete") : untag ? tr("untag") : tr("keep"));
        item->setText(TagsColumn, e.tags.isEmpty() ? tr("(untagged)") : e.tags.join(QStringLiteral(", ")));
        if (untag)
            item->setToolTip(TagsColumn, tr("Removed: %1; the image stays").arg(e.untag.join(QStringLiteral(", "))));
        item->setText(DigestColumn, e.digest.left(19));
        item->setToolTip(DigestColumn, e.digest);
        // ISO dates, so the column also sorts by date.
        item->setText(PushedColumn, displayDateTime(e.pushed));
        item->setText(SourceColumn, e.pushedSource == u"created" ? tr("build date") : e.pushedSource == u"registry" ? tr("registry") : tr("first seen"));
        item->setText(RuleColumn, e.rulePriority >= 0 ? QString::number(e.rulePriority) : QString());
        item->setText(ReasonColumn, e.reason);
        item->setToolTip(ReasonColumn, e.reason);
        item->setData(ActionColumn, ExpireRole, e.expire || untag); // "To delete" shows every change
        item->setData(ActionColumn, RuleRole, e.rulePriority);
        if (e.expire)
            item->setForeground(ActionColumn, QColor(0xb0, 0x20, 0x20));
        else if (untag)
            item->setForeground(ActionColumn, QColor(0xa0, 0x60, 0x00));
    }
    m_plan->setSortingEnabled(true);
    m_plan->sortByColumn(PushedColumn, Qt::DescendingOrder);
    for (int c = 0; c < ReasonColumn; ++c)
        m_plan->resizeColumnToContents(c);

    const QStringList orphans = m_inventory.orphanedBy(m_planResult);
    bool priced = false;
    const double price = m_price->text().toDouble(&priced);
    QString text = tr("Dry run: %1 of %2 images would be deleted, freeing %3 once the registry's garbage collection runs. "
                      "A distribution registry frees space only after its garbage collection.")
                       .arg(m_planResult.expiring())
                       .arg(m_planResult.entries.size())
                       .arg(formatSize(m_planResult.bytesReclaimed));
    if (m_planResult.untagging() > 0)
        text += QLatin1Char(' ') + tr("Images that stay but lose some tags (tag-only deletion): %1.").arg(m_planResult.untagging());
    if (priced && price >= 0)
        text += QLatin1Char(' ') + tr("At %1 USD per GB-month that saves %2 USD a month.").arg(price).arg(double(m_planResult.bytesReclaimed) / 1e9 * price, 0, 'f', 2);
    if (!orphans.isEmpty())
        text += QLatin1Char('\n') + tr("Would be left without their image: %1").arg(orphans.join(QStringLiteral(", ")));
    m_totals->setText(text);
    updateApplyButton();
    m_export->setEnabled(true);
    applyFilters();
    Q_EMIT planShown();
}

bool RetentionWindow::exportPlan(const QString& fileName)
{
    QJsonObject plan = retentionPlanToJson(repositoryName(), m_planResult);
    plan.insert(QStringLiteral("orphanedAttachments"), QJsonArray::fromStringList(m_inventory.orphanedBy(m_planResult)));
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(plan).toJson()) < 0 || !file.commit()) {
        m_error->setText(tr("Cannot write %1: %2").arg(fileName, file.errorString()));
        m_error->show();
        return false;
    }
    return true;
}

void RetentionWindow::applyFilters()
{
    const int action = m_actionFilter->currentIndex(); // 0 all, 1 delete, 2 keep
    const int rule = m_ruleFilter->currentData().isValid() ? m_ruleFilter->currentData().toInt() : -2;
    for (int i = 0; i < m_plan->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_plan->topLevelItem(i);
        const bool expire = item->data(ActionColumn, ExpireRole).toBool();
        const bool actionMatches = action == 0 || (action == 1) == expire;
        const bool ruleMatches = rule == -2 || item->data(ActionColumn, RuleRole).toInt() == rule;
        item->setHidden(!(actionMatches && ruleMatches));
    }
}

void RetentionWindow::apply()
{
    if (!m_client || !m_mayDelete || m_deleter)
        return;
    const QList<DeletionRequest> requests = deletionRequests(m_planResult);
    if (requests.isEmpty())
        return;
    // Say every tag that goes: deleting an image takes all its tags with it.
    QStringList tags;
    int images = 0;
    int keptImages = 0; // tag-only: the image stays
    for (const DeletionRequest& request : requests) {
        tags << request.tags;
        (request.tagOnly ? keptImages : images) += 1;
    }
    const QString shownTags = tags.size() > 12 ? tags.mid(0, 12).join(QStringLiteral(", ")) + QStringLiteral(", …") : tags.join(QStringLiteral(", "));
    QString what = images ? tr("Delete %n images from %1, with the %2 tags that point at them (%3)?", nullptr, images)
                                .arg(m_repository)
                                .arg(tags.size())
                                .arg(shownTags)
                          : tr("Remove %n tags from %1 (%2)? The images stay.", nullptr, int(tags.size())).arg(m_repository, shownTags);
    if (images && keptImages)
        what += QLatin1Char(' ') + tr("%n more images lose some tags and stay.", nullptr, keptImages);
    const QString question = what + QStringLiteral("\n\n")
        + tr("Each tag is read again first; an image whose tag moved since this plan is skipped. The manifests are kept on this "
             "computer so the audit log can put the tags back (all at once) while their layers still exist.");
    const bool confirmed = m_confirm ? m_confirm(tr("Apply Retention Plan"), question)
                                     : confirmDestructive(this, tr("Apply Retention Plan"), question, tr("Delete"));
    if (!confirmed)
        return;
    const auto audit = m_session.auditLog();
    if (!audit) {
        m_error->setText(tr("The audit log cannot be opened, so nothing was deleted: %1").arg(describe(audit.error())));
        m_error->show();
        return;
    }
    m_deleter = new Deleter(m_client, &m_session.contentStore(), *audit, this);
    m_deleter->setProtectOtherTags(true); // a tag moved onto a doomed image since this plan stops its deletion
    setBusy(true);
    m_progress->setRange(0, int(requests.size()));
    m_progress->setValue(0);
    auto resultText = [](DeletionOutcome::Result r, bool tagOnly) {
        switch (r) {
        case DeletionOutcome::Result::Deleted:
            return tagOnly ? tr("tags removed") : tr("deleted");
        case DeletionOutcome::Result::TagMoved:
            return tr("skipped: tag moved");
        case DeletionOutcome::Result::NotAllowed:
            return tr("not allowed");
        case DeletionOutcome::Result::Failed:
            break;
        }
        return tr("failed");
    };
    m_deleter->deleteImages(
        m_repository, requests, this,
        [this, resultText](const DeletionOutcome& o, int done, int total) {
            m_progress->setValue(done);
            m_progress->setFormat(tr("%1 of %2").arg(done).arg(total));
            for (int i = 0; i < m_plan->topLevelItemCount(); ++i) {
                QTreeWidgetItem* item = m_plan->topLevelItem(i);
                if (item->toolTip(DigestColumn) == o.digest) {
                    item->setText(ResultColumn, resultText(o.result, o.tagOnly));
                    item->setToolTip(ResultColumn, o.message);
                }
            }
        },
        [this](QList<DeletionOutcome> outcomes) {
            int deleted = 0;
            int untagged = 0;
            int tagsGone = 0;
            for (const DeletionOutcome& o : outcomes) {
                if (o.result == DeletionOutcome::Result::Deleted) {
                    (o.tagOnly ? untagged : deleted) += 1;
                    tagsGone += int(o.tags.size());
                }
            }
            const int problems = int(outcomes.size()) - deleted - untagged;
            QStringList said{tr("Deleted %n images", nullptr, deleted) + QStringLiteral(" (") + tr("%n tags", nullptr, tagsGone) + QLatin1Char(')')};
            if (untagged)
                said << tr("%n images lost some tags and stay", nullptr, untagged);
            if (problems)
                said << tr("%n skipped or failed (see Result)", nullptr, problems);
            m_totals->setText(said.join(QStringLiteral("; ")) + QStringLiteral(". ")
                              + tr("Space returns after the registry's garbage collection runs. The audit log puts this run's tags back in one step."));
            m_deleter->deleteLater();
            setBusy(false);
            m_apply->setEnabled(false); // the plan is spent; reload the repository for a new one
            Q_EMIT applied(deleted, problems);
        });
}

void RetentionWindow::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_apply->setEnabled(!busy);
}

} // namespace berth
