#include "ui/compare/RepositoryChart.h"

#include "ui/browser/TagTableModel.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

namespace berth {

RepositoryChart::RepositoryChart(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = new QChartView;
    m_view->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_view);
    setRows({}, {});
}

void RepositoryChart::setRows(const QString& repository, const QList<TagSummary>& rows)
{
    m_repository = repository;
    m_rows = rows;
    m_drawn = false;
    if (isVisible())
        draw();
}

void RepositoryChart::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_drawn)
        draw();
}

void RepositoryChart::draw()
{
    m_drawn = true;
    const QString& repository = m_repository;
    const QList<TagSummary>& rows = m_rows;
    auto* chart = new QChart;
    chart->setTitle(repository.isEmpty() ? tr("Image size by build date") : tr("%1: image size by build date").arg(repository));
    chart->legend()->hide();
    auto* series = new QScatterSeries;
    series->setMarkerSize(9);
    QMap<qint64, QStringList> tagsAt; // one point per image; its tags for the tooltip
    m_points = 0;
    // A unit that suits the images: kB for tiny ones, MB for most, GB for the large.
    qint64 biggest = 0;
    for (const TagSummary& row : rows)
        biggest = qMax(biggest, row.size);
    const double unit = biggest >= 1'000'000'000 ? 1e9 : biggest >= 1'000'000 ? 1e6 : 1e3;
    const QString unitName = unit == 1e9 ? tr("GB") : unit == 1e6 ? tr("MB") : tr("kB");
    QDateTime first;
    QDateTime last;
    double largest = 0;
    for (const TagSummary& row : rows) {
        if (!row.created.isValid() || row.size < 0)
            continue;
        const qint64 x = row.created.toMSecsSinceEpoch();
        if (!tagsAt.contains(x)) {
            series->append(double(x), double(row.size) / unit);
            ++m_points;
        }
        tagsAt[x] << row.tag;
        largest = qMax(largest, double(row.size) / unit);
        first = !first.isValid() || row.created < first ? row.created : first;
        last = !last.isValid() || row.created > last ? row.created : last;
    }
    // Each dot says which tags it is, while there are few enough to read (hover names them always).
    if (m_points <= 30) {
        series->setPointLabelsVisible(true);
        series->setPointLabelsClipping(false);
        for (int i = 0; i < series->count(); ++i) {
            const QStringList tags = tagsAt.value(qint64(series->at(i).x()));
            const QString label = tags.size() > 3 ? tags.mid(0, 3).join(QStringLiteral(", ")) + QStringLiteral(", …") : tags.join(QStringLiteral(", "));
            series->setPointConfiguration(i, QXYSeries::PointConfiguration::LabelFormat, label);
        }
    }
    chart->addSeries(series);
    auto* x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("yyyy-MM-dd"));
    x->setTitleText(tr("Created"));
    if (first.isValid())
        x->setRange(first.addDays(-7), last.addDays(7));
    auto* y = new QValueAxis;
    y->setTitleText(tr("Size (%1, compressed)").arg(unitName));
    y->setRange(0, largest > 0 ? largest * 1.15 : 1);
    y->applyNiceNumbers(); // ticks at 0, 50, 100, 150 rather than 0, 49.7, 99.4
    y->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    connect(series, &QScatterSeries::hovered, this, [this, tagsAt, unit](const QPointF& point, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(), tagsAt.value(qint64(point.x())).join(QStringLiteral(", ")) + QLatin1Char('\n')
                                                   + formatSize(qint64(point.y() * unit)), this);
    });
    QChart* old = m_view->chart();
    m_view->setChart(chart);
    delete old;
}

} // namespace berth
