#pragma once

#include <QAbstractTableModel>
#include <QStringList>

namespace berth {

// The tags of the selected repository, appended page by page.
class TagListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TagColumn, ColumnCount };

    explicit TagListModel(QObject* parent = nullptr);

    void clear();
    void append(const QStringList& tags);
    const QStringList& tags() const { return m_tags; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_tags;
};

} // namespace berth
