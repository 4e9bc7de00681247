#pragma once

#include <QSet>
#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace berth {

class RegistryClient;
class RegistrySession;
struct AuditEntry;

// The audit log: every deletion and retag made through Berth (who, what, when, where, result),
// newest first, with Undo for a deleted tag while the registry still has its layers.
class AuditWindow final : public QWidget
{
    Q_OBJECT
public:
    using ClientLookup = std::function<RegistryClient*(const QString& registryName)>;
    using Confirmation = std::function<bool(const QString& title, const QString& text)>;
    AuditWindow(RegistrySession& session, ClientLookup clients, QWidget* parent = nullptr);

    void reload();
    void setConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }
    // Puts back the tags of the selected deletion entries and of the runs they belong to.
    void undoSelected();

    QTreeWidget* entriesView() const { return m_entries; }
    QPushButton* undoButton() const { return m_undo; }

Q_SIGNALS:
    void undone(const QString& repository, const QString& tag, bool succeeded);

private:
    void updateUndo();
    QList<AuditEntry> toUndo() const;

    RegistrySession& m_session;
    ClientLookup m_clients;
    Confirmation m_confirm;
    QTreeWidget* m_entries = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_undo = nullptr;
    QSet<QString> m_restored; // registry/repository:tag@digest put back by an undo
};

} // namespace berth
