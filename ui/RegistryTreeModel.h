#pragma once

#include "Error.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QStringList>

namespace berth {

class RegistryClient;

// The sidebar: each registry, and under it the repositories of its catalog.
class RegistryTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ColumnCount };
    enum Role { RepositoryRole = Qt::UserRole + 1, RegistryNameRole, IsRegistryRole };
    enum class LoadState { Idle, Loading, Loaded, Failed };

    explicit RegistryTreeModel(QObject* parent = nullptr);

    void addRegistry(RegistryClient* client); // starts loading its repositories
    void reload(int registryRow);
    void reloadAll();
    RegistryClient* clientAt(const QModelIndex& index) const;
    int registryCount() const { return int(m_registries.size()); }
    LoadState stateOf(int registryRow) const { return m_registries.at(registryRow).state; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void registryLoaded(const QString& registry, int repositoryCount);
    void registryFailed(const QString& registry, const berth::Error& error);

private:
    struct RegistryNode
    {
        QPointer<RegistryClient> client;
        QString name;
        QStringList repositories;
        LoadState state = LoadState::Idle;
        QString errorText;
    };
    void setState(int row, LoadState state, const QString& errorText = {});

    QList<RegistryNode> m_registries;
};

// The words for an error kind, for people (translated).
QString userMessage(const Error& error);

} // namespace berth
