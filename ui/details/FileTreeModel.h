#pragma once

#include "core/image/LayerFiles.h"

#include <QAbstractItemModel>
#include <memory>

namespace berth {

// A filesystem as a tree: the merged view (each file with the layer it comes from) or one layer.
class FileTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModeColumn, LayerColumn, ColumnCount };

    explicit FileTreeModel(QObject* parent = nullptr);
    ~FileTreeModel() override;

    void setMerged(const QList<MergedEntry>& entries);
    void setLayer(const LayerListing& layer, int layerIndex);
    void clear();
    int fileCount() const { return m_files; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    void add(const LayerEntry& entry, int layer);
    Node* nodeOf(const QModelIndex& index) const;
    std::unique_ptr<Node> m_root;
    int m_files = 0;
};

} // namespace berth
