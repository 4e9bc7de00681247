#pragma once

#include "core/base/Error.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

namespace berth {

class Provider;
class RegistryClient;

// The sidebar: each registry, its repositories as a tree by namespace (demo/ → webapp), and the
// repositories the user opened by name or pinned (registries such as Docker Hub have no catalog).
class RegistryTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ColumnCount };
    enum Role {
        RepositoryRole = Qt::UserRole + 1, // the full path of a repository ("demo/webapp"); empty otherwise
        RegistryNameRole,
        IsRegistryRole,
        FilterRole, // the full path, for filtering by "demo/web"
        PinnedRole,
        WatchedRole,
    };
    enum class LoadState { Idle, Loading, Loaded, Failed, Offline };

    explicit RegistryTreeModel(QObject* parent = nullptr);
    ~RegistryTreeModel() override;

    // The first repository `path` under `parent` in `model` (this model, or a proxy of it).
    static QModelIndex findRepository(const QAbstractItemModel* model, const QString& path, const QModelIndex& parent = {});
    // The first repository of any registry in `model` (this model, or a proxy of it), depth first.
    static QModelIndex findFirstRepository(const QAbstractItemModel* model, const QModelIndex& parent = {});

    void addRegistry(RegistryClient* client, const QStringList& pinned = {}); // starts loading its catalog
    void removeRegistry(int registryRow);
    void reload(int registryRow);
    void reloadAll();
    // Adds a repository the catalog may not list; returns its index.
    QModelIndex addRepository(int registryRow, const QString& path, bool pinned);
    void setPinned(const QModelIndex& repository, bool pinned);
    // A registry that cannot be reached, shown with the repositories Berth last listed (`note` says
    // as of when, and why): marked offline, never mixed with a live catalog.
    void showOffline(int registryRow, const QStringList& repositories, const QString& note);
    // Repositories polled for changes, marked in the sidebar.
    void setWatched(const QModelIndex& repository, bool watched);
    QStringList watchedRepositories(int registryRow) const;
    QStringList pinnedRepositories(int registryRow) const;
    // Every repository shown under the registry (its catalog's and the opened ones), or the pinned only.
    QStringList repositories(int registryRow, bool pinnedOnly = false) const;

    RegistryClient* clientAt(const QModelIndex& index) const;
    // The registry family's API for the registry of `index` (one per registry, kept with its client).
    Provider* providerAt(const QModelIndex& index) const;
    int registryRowOf(const QModelIndex& index) const;
    int registryRow(const QString& registryName) const;
    int registryCount() const { return int(m_registries.size()); }
    QStringList registryNames() const; // in sidebar order
    LoadState stateOf(int registryRow) const;
    QModelIndex repositoryIndex(int registryRow, const QString& path) const;
    // The registry's row and every namespace under it, parents first: what holds rows to expand.
    QModelIndexList branchIndexes(int registryRow) const;

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
    struct Node;
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(Node* node) const;
    Node* insertPath(Node* registry, const QString& path, bool pinned);
    void insertPaths(Node* registry, const QStringList& paths);
    Node* namespaceOf(Node* registry, const QStringList& segments, bool create);
    void appendChildren(Node* parent, const QStringList& segments, bool repositories);
    void setState(int row, LoadState state, const QString& errorText = {});
    void clearCatalog(int row);
    QStringList repositoriesWhere(int row, const std::function<bool(const Node*)>& wanted) const;

    std::vector<std::unique_ptr<Node>> m_registries;
};

// The words for an error kind, for people (translated).
QString userMessage(const Error& error);

} // namespace berth
