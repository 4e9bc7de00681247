#include "ui/retention/AuditWindow.h"

#include "core/registry/RegistryClient.h"
#include "core/retention/Deleter.h"
#include "core/session/RegistrySession.h"
#include "core/store/AuditLog.h"
#include "ui/widgets/Dates.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

namespace {
enum Column { WhenColumn, UserColumn, ActionColumn, RegistryColumn, RepositoryColumn, TagColumn, FromColumn, ToColumn, ResultColumn, MessageColumn };
constexpr int IdRole = Qt::UserRole;

bool undoable(const AuditEntry& e)
{
    return e.succeeded && (e.action == u"delete" || e.action == u"delete-tag") && !e.tag.isEmpty();
}

// A deletion is undone once a later undo put its tag back at the digest it had.
QString restoredKey(const QString& registry, const QString& repository, const QString& tag, const QString& digest)
{
    return registry + QLatin1Char('/') + repository + QLatin1Char(':') + tag + QLatin1Char('@') + digest;
}
} // namespace

AuditWindow::AuditWindow(RegistrySession& session, ClientLookup clients, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_session(session)
    , m_clients(std::move(clients))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Audit Log"));
    resize(1100, 500);
    auto* layout = new QVBoxLayout(this);
    m_entries = new QTreeWidget(this);
    m_entries->setRootIsDecorated(false);
    m_entries->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_entries->setHeaderLabels({tr("When"), tr("Who"), tr("Action"), tr("Registry"), tr("Repository"), tr("Tag"), tr("From"), tr("To"), tr("Result"),
                                tr("Message")});
    m_entries->header()->setStretchLastSection(true);
    layout->addWidget(m_entries, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addWidget(m_status, 1);
    m_undo = new QPushButton(tr("&Undo…"), this);
    m_undo->setToolTip(tr("Put the deleted tags back — every tag of the run (a retention apply) the selected entries belong to (Ctrl+Z)"));
    row->addWidget(m_undo);
    layout->addLayout(row);
    connect(m_entries, &QTreeWidget::itemSelectionChanged, this, &AuditWindow::updateUndo);
    connect(m_undo, &QPushButton::clicked, this, &AuditWindow::undoSelected);
    new QShortcut(QKeySequence::Undo, this, [this] { undoSelected(); });
    new QShortcut(QKeySequence::Refresh, this, [this] { reload(); });
    reload();
}

void AuditWindow::reload()
{
    m_entries->clear();
    const auto audit = m_session.auditLog();
    if (!audit) {
        m_status->setText(tr("The audit log cannot be opened: %1").arg(describe(audit.error())));
        return;
    }
    const QList<AuditEntry> entries = (*audit)->entries();
    m_restored.clear();
    for (const AuditEntry& e : entries) {
        if (e.action == u"undo" && e.succeeded)
            m_restored.insert(restoredKey(e.registry, e.repository, e.tag, e.toDigest));
    }
    for (const AuditEntry& e : entries) {
        auto* item = new QTreeWidgetItem(m_entries);
        item->setText(WhenColumn, displayDateTime(e.at));
        item->setText(UserColumn, e.user);
        item->setText(ActionColumn, e.action);
        item->setText(RegistryColumn, e.registry);
        item->setText(RepositoryColumn, e.repository);
        item->setText(TagColumn, e.tag);
        item->setText(FromColumn, e.fromDigest.left(19));
        item->setToolTip(FromColumn, e.fromDigest);
        item->setText(ToColumn, e.toDigest.left(19));
        item->setToolTip(ToColumn, e.toDigest);
        const bool undone = undoable(e) && m_restored.contains(restoredKey(e.registry, e.repository, e.tag, e.fromDigest));
        item->setText(ResultColumn, !e.succeeded ? tr("failed") : undone ? tr("undone") : tr("done"));
        item->setText(MessageColumn, e.message);
        item->setData(WhenColumn, IdRole, e.id);
    }
    for (int c = 0; c < MessageColumn; ++c)
        m_entries->resizeColumnToContents(c);
    m_status->setText(entries.isEmpty() ? tr("Berth has not changed any registry yet.") : tr("%1 entries, newest first.").arg(entries.size()));
    updateUndo();
}

QList<AuditEntry> AuditWindow::toUndo() const
{
    // The selected deletions, each with the rest of its run: one retention apply is undone as one.
    const auto audit = m_session.auditLog();
    if (!audit)
        return {};
    const QList<AuditEntry> all = (*audit)->entries(1000000);
    QSet<qint64> selected;
    QSet<QString> batches;
    for (const QTreeWidgetItem* item : m_entries->selectedItems())
        selected.insert(item->data(WhenColumn, IdRole).toLongLong());
    for (const AuditEntry& e : all) {
        if (selected.contains(e.id) && !e.batch.isEmpty())
            batches.insert(e.batch);
    }
    QList<AuditEntry> out;
    for (const AuditEntry& e : all) {
        if ((selected.contains(e.id) || batches.contains(e.batch)) && undoable(e)
            && !m_restored.contains(restoredKey(e.registry, e.repository, e.tag, e.fromDigest)))
            out.prepend(e); // oldest first, as they were deleted
    }
    return out;
}

void AuditWindow::updateUndo()
{
    const int count = int(toUndo().size());
    m_undo->setEnabled(count > 0);
    m_undo->setText(count > 1 ? tr("&Undo %n Deletions…", nullptr, count) : tr("&Undo…"));
}

void AuditWindow::undoSelected()
{
    const auto audit = m_session.auditLog();
    const QList<AuditEntry> entries = toUndo();
    if (!audit || entries.isEmpty())
        return;
    RegistryClient* client = m_clients ? m_clients(entries.first().registry) : nullptr;
    if (!client) {
        m_status->setText(tr("%1 is not among the registries shown; add it first to undo this.").arg(entries.first().registry));
        return;
    }
    QStringList tags;
    for (const AuditEntry& e : entries)
        tags << e.repository + QLatin1Char(':') + e.tag;
    const QString question = entries.size() == 1
        ? tr("Point %1:%2 at %3 again?\n\nThis works while the registry still has the image's layers "
             "(until its garbage collection runs).")
              .arg(entries.first().repository, entries.first().tag, entries.first().fromDigest)
        : tr("Put back the %n tags this run deleted (%1)?\n\nThis works while the registry still has the images' layers "
             "(until its garbage collection runs).", nullptr, int(entries.size()))
              .arg(tags.join(QStringLiteral(", ")));
    const bool confirmed = m_confirm ? m_confirm(tr("Undo Deletion"), question)
                                     : QMessageBox::question(this, tr("Undo Deletion"), question) == QMessageBox::Yes;
    if (!confirmed)
        return;
    auto* deleter = new Deleter(client, &m_session.contentStore(), *audit, this);
    m_undo->setEnabled(false);
    auto queue = std::make_shared<QList<AuditEntry>>(entries);
    auto failures = std::make_shared<QStringList>();
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, deleter, queue, failures, next, total = int(entries.size())] {
        if (queue->isEmpty()) {
            deleter->deleteLater();
            reload();
            m_status->setText(failures->isEmpty() ? tr("Put back %n tags.", nullptr, total)
                                                  : tr("Put back %1 of %n tags; not restored: %2", nullptr, total)
                                                        .arg(total - failures->size())
                                                        .arg(failures->join(QStringLiteral("; "))));
            *next = nullptr; // ends the cycle of the shared function and its own capture
            return;
        }
        const AuditEntry e = queue->takeFirst();
        m_status->setText(tr("Restoring %1:%2…").arg(e.repository, e.tag));
        deleter->restoreTag(e.repository, e.tag, e.fromDigest, this, [this, e, failures, next](Result<QString> restored) {
            if (!restored)
                *failures << tr("%1:%2 (%3)").arg(e.repository, e.tag, describe(restored.error()));
            Q_EMIT undone(e.repository, e.tag, bool(restored));
            (*next)();
        });
    };
    (*next)();
}

} // namespace berth
