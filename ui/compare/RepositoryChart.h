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
    // Kept, and drawn once the chart is on screen: drawn behind another tab on each load, the chart
    // cost the tag table's load a few milliseconds for nothing.
    void setRows(const QString& repository, const QList<TagSummary>& rows);
    int pointCount() const { return m_points; } // of the chart drawn

protected:
    void showEvent(QShowEvent* event) override;

private:
    void draw();

    QChartView* m_view = nullptr;
    int m_points = 0;
    QString m_repository;
    QList<TagSummary> m_rows;
    bool m_drawn = false;
};

} // namespace berth
