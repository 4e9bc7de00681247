#include "TagListModel.h"

namespace berth {

TagListModel::TagListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TagListModel::clear()
{
    beginResetModel();
    m_tags.clear();
    endResetModel();
}

void TagListModel::append(const QStringList& tags)
{
    if (tags.isEmpty())
        return;
    const int first = int(m_tags.size());
    beginInsertRows({}, first, first + int(tags.size()) - 1);
    m_tags += tags;
    endInsertRows();
}

int TagListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_tags.size());
}

int TagListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_tags.size())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return m_tags.at(index.row());
    return {};
}

QVariant TagListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == TagColumn)
        return tr("Tag");
    return {};
}

} // namespace berth
