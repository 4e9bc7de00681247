#include "ui/browser/RegistryTreeModel.h"

#include "core/providers/HarborProvider.h"
#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "ui/widgets/Icons.h"

#include <QApplication>
#include <QFont>
#include <QHash>
#include <QPalette>
#include <QSet>

namespace berth {

struct RegistryTreeModel::Node
{
    enum class Kind { Registry, Namespace, Repository };
    Kind kind = Kind::Repository;
    QString segment; // what the tree shows: "webapp"
    QString path; // the full repository or namespace path: "demo/webapp"
    Node* parent = nullptr;
    int row = 0; // in the parent (children are only appended, so rows stay put)
    std::vector<std::unique_ptr<Node>> children;
    QHash<QString, Node*> childBySegment;
    bool pinned = false;
    bool watched = false;
    // Registry nodes only.
    QPointer<RegistryClient> client;
    QPointer<Provider> provider; // the registry family's own API (Hub lists namespaces, not a catalog)
    LoadState state = LoadState::Idle;
    QString errorText;
    int repositoryCount = 0;
    // Namespace nodes of a registry that says what a login may do there (Harbor projects).
    mutable bool permissionsAsked = false; // asked from data(), which is const
    mutable QString permissions;

    Node* child(const QString& name) const { return childBySegment.value(name); }
};

RegistryTreeModel::RegistryTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

RegistryTreeModel::~RegistryTreeModel() = default;

RegistryTreeModel::Node* RegistryTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

QModelIndex RegistryTreeModel::findFirstRepository(const QAbstractItemModel* model, const QModelIndex& parent)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex child = model->index(r, 0, parent);
        if (!child.data(RepositoryRole).toString().isEmpty())
            return child;
        if (const QModelIndex found = findFirstRepository(model, child); found.isValid())
            return found;
    }
    return {};
}

QModelIndex RegistryTreeModel::findRepository(const QAbstractItemModel* model, const QString& path, const QModelIndex& parent)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex child = model->index(r, 0, parent);
        if (child.data(RepositoryRole).toString() == path)
            return child;
        if (const QModelIndex found = findRepository(model, path, child); found.isValid())
            return found;
    }
    return {};
}

QModelIndex RegistryTreeModel::indexOf(Node* node) const
{
    return node ? createIndex(node->row, 0, node) : QModelIndex();
}

void RegistryTreeModel::addRegistry(RegistryClient* client, const QStringList& pinned)
{
    const int row = int(m_registries.size());
    beginInsertRows({}, row, row);
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::Registry;
    node->segment = client->endpoint().name;
    node->row = row;
    node->client = client;
    node->provider = createProvider(client, this);
    m_registries.push_back(std::move(node));
    endInsertRows();
    for (const QString& path : pinned)
        insertPath(m_registries.back().get(), path, true);
    reload(row);
}

void RegistryTreeModel::removeRegistry(int row)
{
    beginRemoveRows({}, row, row);
    m_registries.erase(m_registries.begin() + row);
    for (int i = row; i < int(m_registries.size()); ++i)
        m_registries[size_t(i)]->row = i;
    endRemoveRows();
}

void RegistryTreeModel::reloadAll()
{
    for (int row = 0; row < int(m_registries.size()); ++row)
        reload(row);
}

void RegistryTreeModel::clearCatalog(int row)
{
    Node* registry = m_registries[size_t(row)].get();
    const QStringList pinned = pinnedRepositories(row);
    const QStringList watched = watchedRepositories(row); // watched ones are pinned too
    if (!registry->children.empty()) {
        beginRemoveRows(indexOf(registry), 0, int(registry->children.size()) - 1);
        registry->children.clear();
        registry->childBySegment.clear();
        endRemoveRows();
    }
    for (const QString& path : pinned)
        insertPath(registry, path, true)->watched = watched.contains(path);
}

void RegistryTreeModel::reload(int row)
{
    Node* registry = m_registries[size_t(row)].get();
    if (!registry->client || !registry->provider || registry->state == LoadState::Loading)
        return;
    clearCatalog(row);
    setState(row, LoadState::Loading);
    const QString name = registry->segment;
    // Rows appear as pages arrive; the final callback only settles the state.
    registry->provider->listRepositories(
        QString(), this,
        [this, registry, name](Result<QStringList> result) {
            if (!result) {
                setState(registry->row, LoadState::Failed, userMessage(result.error()));
                Q_EMIT registryFailed(name, result.error());
                return;
            }
            registry->repositoryCount = int(result->size());
            setState(registry->row, LoadState::Loaded);
            Q_EMIT registryLoaded(name, int(result->size()));
        },
        [this, registry](const QStringList& page) { insertPaths(registry, page); });
}

namespace {
    // Namespaces are keyed "name/", repositories "name": "team/app" and "team/app/tests" both fit.
    QString childKey(const QString& segment, bool leaf) { return leaf ? segment : segment + QLatin1Char('/'); }
} // namespace

void RegistryTreeModel::appendChildren(Node* parent, const QStringList& segments, bool repositories)
{
    const int first = int(parent->children.size());
    beginInsertRows(indexOf(parent), first, first + int(segments.size()) - 1);
    for (qsizetype i = 0; i < segments.size(); ++i) {
        auto node = std::make_unique<Node>();
        node->kind = repositories ? Node::Kind::Repository : Node::Kind::Namespace;
        node->segment = segments[i];
        node->path = parent->path.isEmpty() ? segments[i] : parent->path + QLatin1Char('/') + segments[i]; // a registry has none
        node->parent = parent;
        node->row = int(parent->children.size());
        parent->childBySegment.insert(childKey(segments[i], repositories), node.get());
        parent->children.push_back(std::move(node));
    }
    endInsertRows();
}

RegistryTreeModel::Node* RegistryTreeModel::namespaceOf(Node* registry, const QStringList& segments, bool create)
{
    Node* parent = registry;
    for (qsizetype i = 0; i + 1 < segments.size(); ++i) {
        const QString key = childKey(segments[i], false);
        if (!parent->child(key)) {
            if (!create)
                return nullptr;
            appendChildren(parent, {segments[i]}, false);
        }
        parent = parent->child(key);
    }
    return parent;
}

void RegistryTreeModel::insertPaths(Node* registry, const QStringList& paths)
{
    // A page of repositories arrives at once: the new ones under one namespace go in as one
    // insertion, so that the sorted sidebar and its view react once per page, not once per row.
    Node* batchParent = nullptr;
    QStringList batchSegments;
    QSet<QString> inBatch;
    auto flush = [&] {
        if (!batchSegments.isEmpty())
            appendChildren(batchParent, batchSegments, true);
        batchSegments.clear();
        inBatch.clear();
    };
    for (const QString& path : paths) {
        const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (segments.isEmpty())
            continue;
        Node* parent = namespaceOf(registry, segments, false);
        if (!parent) { // a new namespace first, then its repositories
            flush();
            parent = namespaceOf(registry, segments, true);
        }
        if (parent != batchParent) {
            flush();
            batchParent = parent;
        }
        if (parent->child(segments.last()) || inBatch.contains(segments.last()))
            continue;
        inBatch.insert(segments.last());
        batchSegments << segments.last();
    }
    flush();
}

RegistryTreeModel::Node* RegistryTreeModel::insertPath(Node* registry, const QString& path, bool pinned)
{
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    Node* parent = registry;
    if (!segments.isEmpty()) {
        insertPaths(registry, {path});
        parent = namespaceOf(registry, segments, false)->child(segments.last());
    }
    if (pinned && parent != registry && !parent->pinned) {
        parent->pinned = true;
        const QModelIndex changed = indexOf(parent);
        Q_EMIT dataChanged(changed, changed);
    }
    return parent;
}

QModelIndex RegistryTreeModel::addRepository(int row, const QString& path, bool pinned)
{
    return indexOf(insertPath(m_registries[size_t(row)].get(), path, pinned));
}

void RegistryTreeModel::setPinned(const QModelIndex& repository, bool pinned)
{
    Node* node = nodeOf(repository);
    if (!node || node->kind != Node::Kind::Repository)
        return;
    node->pinned = pinned;
    Q_EMIT dataChanged(repository, repository);
}

void RegistryTreeModel::setWatched(const QModelIndex& repository, bool watched)
{
    Node* node = nodeOf(repository);
    if (!node || node->kind != Node::Kind::Repository)
        return;
    node->watched = watched;
    Q_EMIT dataChanged(repository, repository);
}

QStringList RegistryTreeModel::watchedRepositories(int row) const
{
    return repositoriesWhere(row, [](const Node* node) { return node->watched; });
}

void RegistryTreeModel::showOffline(int row, const QStringList& repositories, const QString& note)
{
    Node* registry = m_registries[size_t(row)].get();
    insertPaths(registry, repositories);
    registry->repositoryCount = int(this->repositories(row).size());
    setState(row, LoadState::Offline, note);
}

QStringList RegistryTreeModel::pinnedRepositories(int row) const
{
    return repositories(row, true);
}

QStringList RegistryTreeModel::repositories(int row, bool pinnedOnly) const
{
    return repositoriesWhere(row, [pinnedOnly](const Node* node) { return node->pinned || !pinnedOnly; });
}

QStringList RegistryTreeModel::repositoriesWhere(int row, const std::function<bool(const Node*)>& wanted) const
{
    QStringList out;
    std::function<void(const Node*)> walk = [&](const Node* node) {
        if (node->kind == Node::Kind::Repository && wanted(node))
            out << node->path;
        for (const auto& child : node->children)
            walk(child.get());
    };
    walk(m_registries[size_t(row)].get());
    return out;
}

QModelIndex RegistryTreeModel::repositoryIndex(int row, const QString& path) const
{
    Node* node = m_registries[size_t(row)].get();
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < segments.size() && node; ++i)
        node = node->child(i == segments.size() - 1 ? segments[i] : segments[i] + QLatin1Char('/'));
    return node && node->kind == Node::Kind::Repository ? indexOf(node) : QModelIndex();
}

QModelIndexList RegistryTreeModel::branchIndexes(int row) const
{
    QModelIndexList out{index(row, 0)};
    std::function<void(const Node*)> walk = [&](const Node* node) {
        for (const auto& child : node->children) {
            if (child->kind == Node::Kind::Namespace) {
                out << indexOf(child.get());
                walk(child.get());
            }
        }
    };
    walk(m_registries[size_t(row)].get());
    return out;
}

void RegistryTreeModel::setState(int row, LoadState state, const QString& errorText)
{
    m_registries[size_t(row)]->state = state;
    m_registries[size_t(row)]->errorText = errorText;
    const QModelIndex changed = index(row, 0);
    Q_EMIT dataChanged(changed, changed);
}

RegistryTreeModel::LoadState RegistryTreeModel::stateOf(int row) const
{
    return m_registries[size_t(row)]->state;
}

int RegistryTreeModel::registryRowOf(const QModelIndex& index) const
{
    Node* node = nodeOf(index);
    while (node && node->parent)
        node = node->parent;
    return node ? node->row : -1;
}

QStringList RegistryTreeModel::registryNames() const
{
    QStringList names;
    for (const auto& node : m_registries)
        names << node->segment;
    return names;
}

int RegistryTreeModel::registryRow(const QString& registryName) const
{
    for (const auto& node : m_registries) {
        if (node->segment == registryName)
            return node->row;
    }
    return -1;
}

RegistryClient* RegistryTreeModel::clientAt(const QModelIndex& index) const
{
    const int row = registryRowOf(index);
    return row < 0 ? nullptr : m_registries[size_t(row)]->client.data();
}

Provider* RegistryTreeModel::providerAt(const QModelIndex& index) const
{
    const int row = registryRowOf(index);
    return row < 0 ? nullptr : m_registries[size_t(row)]->provider.data();
}

QModelIndex RegistryTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column != NameColumn)
        return {};
    if (!parent.isValid())
        return row < int(m_registries.size()) ? createIndex(row, column, m_registries[size_t(row)].get()) : QModelIndex();
    Node* node = nodeOf(parent);
    if (parent.column() != NameColumn || row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex RegistryTreeModel::parent(const QModelIndex& child) const
{
    Node* node = nodeOf(child);
    return node ? indexOf(node->parent) : QModelIndex();
}

int RegistryTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_registries.size());
    if (parent.column() != NameColumn)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int RegistryTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant RegistryTreeModel::data(const QModelIndex& index, int role) const
{
    const Node* node = nodeOf(index);
    if (!node)
        return {};
    const Node* registry = node;
    while (registry->parent)
        registry = registry->parent;
    if (node->kind == Node::Kind::Registry) {
        switch (role) {
        case Qt::DisplayRole:
            switch (node->state) {
            case LoadState::Loading:
                return tr("%1 (loading…)").arg(node->segment);
            case LoadState::Failed:
                return tr("%1 (failed)").arg(node->segment);
            case LoadState::Offline:
                return tr("%1 (offline)").arg(node->segment);
            default:
                return node->segment;
            }
        case Qt::ToolTipRole:
            return node->state == LoadState::Failed || node->state == LoadState::Offline
                ? node->errorText
                : tr("%1: %n repositories", nullptr, node->repositoryCount)
                      .arg(!node->provider || node->provider->kind() == ProviderKind::Oci
                               ? tr("OCI registry")
                               : providerDisplayName(node->provider->kind())); // product names stay as they are
        case Qt::DecorationRole: {
            // The family's icon where Berth speaks its own API (Docker Hub, GHCR, Quay, Harbor, ECR).
            const ProviderKind kind = node->provider ? node->provider->kind() : ProviderKind::Oci;
            return berthIcon(kind != ProviderKind::Oci ? QStringLiteral("registry-%1").arg(providerKindName(kind)) : QStringLiteral("registry"));
        }
        case Qt::ForegroundRole:
            if (node->state == LoadState::Failed || node->state == LoadState::Offline)
                return QApplication::palette().color(QPalette::PlaceholderText);
            return {};
        case RegistryNameRole:
        case FilterRole:
            return node->segment;
        case IsRegistryRole:
            return true;
        default:
            return {};
        }
    }
    const bool repository = node->kind == Node::Kind::Repository;
    switch (role) {
    case Qt::DisplayRole:
        return node->segment;
    case RepositoryRole:
        return repository ? node->path : QString();
    case FilterRole:
        return node->path;
    case Qt::ToolTipRole: {
        const QString where = registry->segment + QLatin1Char('/') + node->path + (node->pinned ? tr(" (pinned)") : QString())
            + (node->watched ? tr(" (watched for changes)") : QString());
        auto* harbor = qobject_cast<HarborProvider*>(registry->provider.data());
        if (!harbor || node->kind != Node::Kind::Namespace || node->parent != registry)
            return where;
        // What this login may do in the project, asked once, when the tooltip is first wanted.
        if (!std::exchange(node->permissionsAsked, true)) {
            const QPersistentModelIndex asked(index);
            harbor->projectPermissions(node->path, const_cast<RegistryTreeModel*>(this), [this, asked](Result<QStringList> permissions) {
                if (!asked.isValid())
                    return;
                Node* project = nodeOf(asked);
                QStringList may;
                if (permissions) {
                    if (permissions->contains(QStringLiteral("repository:pull")))
                        may << tr("pull");
                    if (permissions->contains(QStringLiteral("repository:push")))
                        may << tr("push");
                    if (permissions->contains(QStringLiteral("artifact:delete")))
                        may << tr("delete");
                }
                project->permissions = !permissions ? tr("Your permissions here could not be read: %1").arg(userMessage(permissions.error()))
                    : may.isEmpty()                 ? tr("This login may do nothing here.")
                                                    : tr("This login may: %1.").arg(may.join(QStringLiteral(", ")));
                Q_EMIT const_cast<RegistryTreeModel*>(this)->dataChanged(asked, asked, {Qt::ToolTipRole});
            });
        }
        return where + QLatin1Char('\n') + (node->permissions.isEmpty() ? tr("Checking what this login may do here…") : node->permissions);
    }
    case Qt::DecorationRole:
        return berthIcon(repository ? (node->watched ? QStringLiteral("repository-watched") : QStringLiteral("repository")) : QStringLiteral("namespace"));
    case Qt::FontRole:
        if (node->pinned) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case RegistryNameRole:
        return registry->segment;
    case IsRegistryRole:
        return false;
    case PinnedRole:
        return node->pinned;
    case WatchedRole:
        return node->watched;
    default:
        return {};
    }
}

QVariant RegistryTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == NameColumn)
        return tr("Registries");
    return {};
}

QString userMessage(const Error& error)
{
    QString what;
    switch (error.kind) {
    case ErrorKind::Transport:
        what = RegistryTreeModel::tr("The registry cannot be reached.");
        break;
    case ErrorKind::Tls:
        what = RegistryTreeModel::tr("The secure connection failed; the registry's certificate is not trusted.");
        break;
    case ErrorKind::Auth:
        what = RegistryTreeModel::tr("The registry needs a valid login.");
        break;
    case ErrorKind::NotFound:
        what = RegistryTreeModel::tr("Not found on the registry.");
        break;
    case ErrorKind::Denied:
        what = RegistryTreeModel::tr("Your login may not do this.");
        break;
    case ErrorKind::RateLimited:
        what = RegistryTreeModel::tr("The registry limits requests; try again later.");
        break;
    case ErrorKind::Unsupported:
        what = RegistryTreeModel::tr("The registry does not support this.");
        break;
    case ErrorKind::Cancelled:
        what = RegistryTreeModel::tr("Cancelled.");
        break;
    case ErrorKind::Keychain:
        what = RegistryTreeModel::tr("The system keychain is not available, so the password was not saved.");
        break;
    default:
        what = RegistryTreeModel::tr("The registry's answer could not be used.");
        break;
    }
    // The registry's own words follow, untranslated, because they are what support will ask for;
    // the client's "cannot connect to HOST:" before curl's words would say the first sentence again.
    QString details = describe(error);
    if (error.kind == ErrorKind::Transport && details.startsWith(QStringLiteral("cannot connect to ")))
        details = details.section(QStringLiteral(": "), 1);
    return what + QLatin1Char(' ') + RegistryTreeModel::tr("Details: %1").arg(details);
}

} // namespace berth
