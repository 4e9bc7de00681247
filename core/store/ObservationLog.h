#pragma once

#include "core/base/Error.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

class QSqlDatabase;

namespace berth {

// One sighting of a tag pointing at a digest.
struct TagObservation
{
    QString registry;
    QString repository;
    QString tag;
    QString digest;
    QString mediaType;
    QDateTime firstSeen;
    QDateTime lastSeen;
};

// Local tag history in SQLite: every tag -> digest Berth has seen, and when. A tag that moves
// gets a new row; seeing the same digest again only moves lastSeen.
class ObservationLog
{
public:
    explicit ObservationLog(QString databasePath);
    ~ObservationLog();
    ObservationLog(const ObservationLog&) = delete;
    ObservationLog& operator=(const ObservationLog&) = delete;

    Result<void> open();
    // Records many observations in one transaction (a history run records thousands).
    Result<void> record(const QList<TagObservation>& observations);
    // The same on a worker thread with a connection of its own, so the GUI never waits on the disk.
    QFuture<Result<void>> recordInBackground(const QList<TagObservation>& observations) const;
    // The latest observation of every tag of a repository, in one query.
    QHash<QString, TagObservation> latestOfRepository(const QString& registry, const QString& repository) const;
    // The digest most recently seen for a tag.
    std::optional<TagObservation> latest(const QString& registry, const QString& repository, const QString& tag) const;
    // Every observation of every tag of a repository, by tag and then oldest first.
    QList<TagObservation> timelineOfRepository(const QString& registry, const QString& repository) const;
    // Every digest a tag has had, oldest first.
    QList<TagObservation> timeline(const QString& registry, const QString& repository, const QString& tag) const;

private:
    static Result<void> write(QSqlDatabase& db, const QList<TagObservation>& observations);
    QString m_path;
    QString m_connection;
};

} // namespace berth
