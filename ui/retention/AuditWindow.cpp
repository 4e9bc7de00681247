#include "ui/retention/AuditWindow.h"

#include "core/registry/RegistryClient.h"
#include "core/retention/Deleter.h"
#include "core/session/RegistrySession.h"
#include "core/store/AuditLog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
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
    m_entries->setHeaderLabels({tr("When"), tr("Who"), tr("Action"), tr("Registry"), tr("Repository"), tr("Tag"), tr("From"), tr("To"), tr("Result"),
                                tr("Message")});
    m_entries->header()->setStretchLastSection(true);
    layout->addWidget(m_entries, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addWidget(m_status, 1);
    m_undo = new QPushButton(tr("&Undo…"), this);
    m_undo->setToolTip(tr("Put the deleted tag back (Ctrl+Z)"));
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
    for (const AuditEntry& e : entries) {
        auto* item = new QTreeWidgetItem(m_entries);
        item->setText(WhenColumn, e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        item->setText(UserColumn, e.user);
        item->setText(ActionColumn, e.action);
        item->setText(RegistryColumn, e.registry);
        item->setText(RepositoryColumn, e.repository);
        item->setText(TagColumn, e.tag);
        item->setText(FromColumn, e.fromDigest.left(19));
        item->setToolTip(FromColumn, e.fromDigest);
        item->setText(ToColumn, e.toDigest.left(19));
        item->setToolTip(ToColumn, e.toDigest);
        item->setText(ResultColumn, e.succeeded ? tr("done") : tr("failed"));
        item->setText(MessageColumn, e.message);
        item->setData(WhenColumn, IdRole, e.id);
    }
    for (int c = 0; c < MessageColumn; ++c)
        m_entries->resizeColumnToContents(c);
    m_status->setText(entries.isEmpty() ? tr("Berth has not changed any registry yet.") : tr("%1 entries, newest first.").arg(entries.size()));
    updateUndo();
}

void AuditWindow::updateUndo()
{
    const auto audit = m_session.auditLog();
    const QTreeWidgetItem* item = m_entries->currentItem();
    const auto entry = audit && item ? (*audit)->entry(item->data(WhenColumn, IdRole).toLongLong()) : std::nullopt;
    m_undo->setEnabled(entry && undoable(*entry));
}

void AuditWindow::undoSelected()
{
    const auto audit = m_session.auditLog();
    const QTreeWidgetItem* item = m_entries->currentItem();
    if (!audit || !item)
        return;
    const auto entry = (*audit)->entry(item->data(WhenColumn, IdRole).toLongLong());
    if (!entry || !undoable(*entry))
        return;
    RegistryClient* client = m_clients ? m_clients(entry->registry) : nullptr;
    if (!client) {
        m_status->setText(tr("%1 is not among the registries shown; add it first to undo this.").arg(entry->registry));
        return;
    }
    const QString question = tr("Point %1:%2 at %3 again?\n\nThis works while the registry still has the image's layers "
                                "(until its garbage collection runs).")
                                 .arg(entry->repository, entry->tag, entry->fromDigest);
    const bool confirmed = m_confirm ? m_confirm(tr("Undo Deletion"), question)
                                     : QMessageBox::question(this, tr("Undo Deletion"), question) == QMessageBox::Yes;
    if (!confirmed)
        return;
    auto* deleter = new Deleter(client, &m_session.contentStore(), *audit, this);
    m_undo->setEnabled(false);
    m_status->setText(tr("Restoring %1:%2…").arg(entry->repository, entry->tag));
    deleter->restoreTag(entry->repository, entry->tag, entry->fromDigest, this, [this, deleter, e = *entry](Result<QString> restored) {
        deleter->deleteLater();
        reload();
        m_status->setText(restored ? tr("%1:%2 points at %3 again.").arg(e.repository, e.tag, *restored)
                                   : tr("Could not restore %1:%2: %3").arg(e.repository, e.tag, describe(restored.error())));
        Q_EMIT undone(e.repository, e.tag, bool(restored));
    });
}

} // namespace berth
