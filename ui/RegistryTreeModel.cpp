#include "RegistryTreeModel.h"

#include "RegistryClient.h"

#include <QApplication>
#include <QIcon>
#include <QPalette>

namespace berth {

// internalId 0 marks a registry row; a repository row stores its registry's row + 1.
RegistryTreeModel::RegistryTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void RegistryTreeModel::addRegistry(RegistryClient* client)
{
    const int row = int(m_registries.size());
    beginInsertRows({}, row, row);
    m_registries.append(RegistryNode{client, client->endpoint().name, {}, LoadState::Idle, {}});
    endInsertRows();
    reload(row);
}

void RegistryTreeModel::reloadAll()
{
    for (int row = 0; row < m_registries.size(); ++row)
        reload(row);
}

void RegistryTreeModel::reload(int row)
{
    RegistryNode& node = m_registries[row];
    if (!node.client || node.state == LoadState::Loading)
        return;
    if (!node.repositories.isEmpty()) {
        beginRemoveRows(index(row, 0), 0, int(node.repositories.size()) - 1);
        node.repositories.clear();
        endRemoveRows();
    }
    setState(row, LoadState::Loading);
    const QString name = node.name;
    // Rows appear as pages arrive; the final callback only settles the state.
    node.client->listRepositories(
        this,
        [this, row, name](Result<QStringList> result) {
            if (!result) {
                setState(row, LoadState::Failed, userMessage(result.error()));
                Q_EMIT registryFailed(name, result.error());
                return;
            }
            setState(row, LoadState::Loaded);
            Q_EMIT registryLoaded(name, int(result->size()));
        },
        [this, row](const QStringList& page) {
            RegistryNode& target = m_registries[row];
            const int first = int(target.repositories.size());
            beginInsertRows(index(row, 0), first, first + int(page.size()) - 1);
            target.repositories += page;
            endInsertRows();
        });
}

void RegistryTreeModel::setState(int row, LoadState state, const QString& errorText)
{
    m_registries[row].state = state;
    m_registries[row].errorText = errorText;
    const QModelIndex changed = index(row, 0);
    Q_EMIT dataChanged(changed, changed);
}

RegistryClient* RegistryTreeModel::clientAt(const QModelIndex& index) const
{
    if (!index.isValid())
        return nullptr;
    const int registryRow = index.internalId() == 0 ? index.row() : int(index.internalId()) - 1;
    return m_registries.value(registryRow).client;
}

QModelIndex RegistryTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_registries.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || row >= m_registries.at(parent.row()).repositories.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RegistryTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int RegistryTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_registries.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_registries.at(parent.row()).repositories.size());
}

int RegistryTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant RegistryTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0) {
        const RegistryNode& node = m_registries.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            switch (node.state) {
            case LoadState::Loading:
                return tr("%1 (loading…)").arg(node.name);
            case LoadState::Failed:
                return tr("%1 (failed)").arg(node.name);
            default:
                return node.name;
            }
        case Qt::ToolTipRole:
            return node.state == LoadState::Failed ? node.errorText
                                                   : tr("%n repositories", nullptr, int(node.repositories.size()));
        case Qt::DecorationRole:
            return QIcon(QStringLiteral(":/icons/registry.svg"));
        case Qt::ForegroundRole:
            if (node.state == LoadState::Failed)
                return QApplication::palette().color(QPalette::PlaceholderText);
            return {};
        case RegistryNameRole:
            return node.name;
        case IsRegistryRole:
            return true;
        default:
            return {};
        }
    }
    const RegistryNode& node = m_registries.at(int(index.internalId()) - 1);
    const QString& repository = node.repositories.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case RepositoryRole:
        return repository;
    case Qt::ToolTipRole:
        return node.name + QLatin1Char('/') + repository;
    case Qt::DecorationRole:
        return QIcon(QStringLiteral(":/icons/repository.svg"));
    case RegistryNameRole:
        return node.name;
    case IsRegistryRole:
        return false;
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
    default:
        what = RegistryTreeModel::tr("The registry's answer could not be used.");
        break;
    }
    // The registry's own words follow, untranslated, because they are what support will ask for.
    return what + QLatin1Char(' ') + RegistryTreeModel::tr("Details: %1").arg(describe(error));
}

} // namespace berth
