#include "ui/details/FileTreeModel.h"

#include "ui/browser/TagTableModel.h"
#include "ui/widgets/Icons.h"

#include <QFont>
#include <QHash>
#include <vector>

namespace berth {

struct FileTreeModel::Node
{
    QString name;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    QHash<QString, Node*> byName;
    bool hasEntry = false;
    LayerEntry entry;
    int layer = -1;
    qint64 totalSize = 0; // files below, for directories

    Node* child(const QString& childName)
    {
        if (Node* found = byName.value(childName))
            return found;
        auto node = std::make_unique<Node>();
        node->name = childName;
        node->parent = this;
        node->row = int(children.size());
        Node* raw = node.get();
        byName.insert(childName, raw);
        children.push_back(std::move(node));
        return raw;
    }
};

FileTreeModel::FileTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

FileTreeModel::~FileTreeModel() = default;

void FileTreeModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_files = 0;
    endResetModel();
}

void FileTreeModel::add(const LayerEntry& entry, int layer)
{
    Node* node = m_root.get();
    const QStringList parts = entry.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        node = node->child(part);
        if (entry.type == LayerEntry::Type::File)
            node->totalSize += entry.size;
    }
    if (entry.type == LayerEntry::Type::File)
        m_root->totalSize += entry.size;
    node->hasEntry = true;
    node->entry = entry;
    node->layer = layer;
    if (entry.type != LayerEntry::Type::Directory)
        ++m_files;
}

void FileTreeModel::setMerged(const QList<MergedEntry>& entries)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_files = 0;
    for (const MergedEntry& m : entries)
        add(m.entry, m.layer);
    endResetModel();
}

void FileTreeModel::setLayer(const LayerListing& layer, int layerIndex)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_files = 0;
    for (const LayerEntry& e : layer.entries) {
        if (!e.unsafePath)
            add(e, layerIndex);
    }
    endResetModel();
}

FileTreeModel::Node* FileTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    Node* node = nodeOf(parent);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex FileTreeModel::parent(const QModelIndex& child) const
{
    Node* node = child.isValid() ? static_cast<Node*>(child.internalPointer()) : nullptr;
    if (!node || !node->parent || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int FileTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int FileTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant FileTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* node = static_cast<Node*>(index.internalPointer());
    const bool directory = !node->children.empty() || (node->hasEntry && node->entry.type == LayerEntry::Type::Directory);
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case NameColumn: {
            QString name = node->name;
            if (node->hasEntry && !node->entry.linkTarget.isEmpty())
                name += QStringLiteral(" → ") + node->entry.linkTarget;
            if (node->hasEntry && node->entry.whiteout)
                name += tr(" (deletes %1)").arg(node->entry.whiteoutTarget());
            if (node->hasEntry && node->entry.opaque)
                name += tr(" (hides the directory's lower contents)");
            return name;
        }
        case SizeColumn:
            return directory ? formatSize(node->totalSize) : formatSize(node->hasEntry ? node->entry.size : 0);
        case ModeColumn:
            return node->hasEntry ? node->entry.modeString() : QString();
        case LayerColumn:
            return node->layer >= 0 ? QString::number(node->layer + 1) : QString();
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::DecorationRole && index.column() == NameColumn)
        return berthIcon(directory ? QStringLiteral("namespace") : QStringLiteral("file"));
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && node->hasEntry)
        return QStringLiteral("%1  %2/%3  %4").arg(node->entry.modeString()).arg(node->entry.uid).arg(node->entry.gid).arg(node->entry.path);
    return {};
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModeColumn:
        return tr("Mode");
    case LayerColumn:
        return tr("Layer");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace berth
