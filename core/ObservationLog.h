#pragma once

#include "Error.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

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
    // The digest most recently seen for a tag.
    std::optional<TagObservation> latest(const QString& registry, const QString& repository, const QString& tag) const;
    // Every digest a tag has had, oldest first.
    QList<TagObservation> timeline(const QString& registry, const QString& repository, const QString& tag) const;

private:
    QString m_path;
    QString m_connection;
};

} // namespace berth
