#pragma once

#include "core/image/RepositoryHistory.h"

#include <QWidget>

class QChartView;

namespace berth {

// Image size against build date across the tags of a repository (QtCharts).
class RepositoryChart final : public QWidget
{
    Q_OBJECT
public:
    explicit RepositoryChart(QWidget* parent = nullptr);
    void setRows(const QString& repository, const QList<TagSummary>& rows);
    int pointCount() const { return m_points; }

private:
    QChartView* m_view = nullptr;
    int m_points = 0;
};

} // namespace berth
