#pragma once

#include "core/store/WatchJournal.h"

#include <QWidget>
#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace berth {

class CompareWindow;
class RegistryClient;
class RegistrySession;

// What changed in the watched repositories since the user last looked (or in one repository):
// tags created, moved and deleted, images signed or unsigned, newest last. A moved tag compares
// with the digest it named before in one click. "Mark All as Seen" moves "last looked" to now.
class ChangesWindow final : public QWidget
{
    Q_OBJECT
public:
    using ClientLookup = std::function<RegistryClient*(const QString& registryName)>;
    ChangesWindow(RegistrySession& session, ClientLookup clients, QWidget* parent = nullptr);

    // Shows the changes of one repository, or of every watched one when `repository` is empty.
    void showRepository(const QString& registry, const QString& repository);
    void reload();
    void markAllSeen();
    // Opens the comparison of the selected moved tag: its previous digest against its new one.
    CompareWindow* compareSelected();

    QTreeWidget* changesView() const { return m_changes; }
    QPushButton* compareButton() const { return m_compare; }
    QCheckBox* earlierToggle() const { return m_earlier; }

private:
    void updateButtons();
    QString describe(const WatchEvent& event) const;

    RegistrySession& m_session;
    ClientLookup m_clients;
    QString m_registry;
    QString m_repository;
    QList<WatchEvent> m_events; // as shown, one per row
    QLabel* m_title = nullptr;
    QTreeWidget* m_changes = nullptr;
    QCheckBox* m_earlier = nullptr;
    QPushButton* m_compare = nullptr;
    QPushButton* m_seen = nullptr;
};

// When the user last looked at the changes (settings), and moving it.
QDateTime changesLastLooked();
void setChangesLastLooked(const QDateTime& when);

} // namespace berth
