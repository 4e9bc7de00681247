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

// A complete tag listing of a repository read at `at`: every tag it held was recorded as seen at
// `at`, so the tags seen at `at` or later are what the repository held then (deleted tags are not).
struct ListingMark
{
    QString registry;
    QString repository;
    QDateTime at;
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
    // With `listing`, they are a complete listing (in the same transaction).
    Result<void> record(const QList<TagObservation>& observations, const std::optional<ListingMark>& listing = {});
    // The same on a worker thread with a connection of its own, so the GUI never waits on the disk.
    // `repeatsListingOf`: the time of the last complete listing when these observations (a new
    // complete listing) found every tag of it at the digest it had. The log checks that its rows
    // are exactly those and moves them in one statement, as repeatListing does; otherwise each is
    // written. (2,000 upserts were 64 M instructions at the end of a warm history run.)
    QFuture<Result<void>> recordInBackground(const QList<TagObservation>& observations,
                                             const std::optional<ListingMark>& listing = {},
                                             const std::optional<QDateTime>& repeatsListingOf = {}) const;
    // What one such write holds.
    struct Sightings
    {
        QList<TagObservation> observations;
        std::optional<ListingMark> listing;
        std::optional<QDateTime> repeatsListingOf;
    };
    // The same with the sightings made on the worker thread by `make`: made on the window's
    // thread, a listing's 5,000 were ~3 ms of it.
    QFuture<Result<void>> recordInBackground(std::function<Sightings()> make) const;
    // A new complete listing that found exactly what the last one did: its tags' sightings move to
    // `at` in one statement. False (and nothing written) when there was no listing to repeat, or
    // another listing was recorded since this one's caller read it.
    Result<bool> repeatListing(const QString& registry, const QString& repository, const QDateTime& at);
    // When the repository was last listed completely; nullopt when never.
    std::optional<QDateTime> lastListing(const QString& registry, const QString& repository) const;
    // Every repository of the registry Berth listed completely, with when it last did.
    QHash<QString, QDateTime> listedRepositories(const QString& registry) const;
    // The tags of that listing with the digest each had last (what an offline view may show).
    QHash<QString, TagObservation> lastListedTags(const QString& registry, const QString& repository) const;
    // The latest observation of every tag of a repository, in one query.
    QHash<QString, TagObservation> latestOfRepository(const QString& registry, const QString& repository) const;
    // The same read on a worker thread with a connection of its own: for the window, which reads
    // it while a registry's listing is on its way. Empty when the log cannot be read.
    QFuture<QHash<QString, TagObservation>> latestOfRepositoryInBackground(const QString& registry, const QString& repository) const;
    // The digest most recently seen for a tag.
    std::optional<TagObservation> latest(const QString& registry, const QString& repository, const QString& tag) const;
    // Every observation of every tag of a repository, by tag and then oldest first.
    QList<TagObservation> timelineOfRepository(const QString& registry, const QString& repository) const;
    // Every digest a tag has had, oldest first.
    QList<TagObservation> timeline(const QString& registry, const QString& repository, const QString& tag) const;

private:
    static QHash<QString, TagObservation> latestOf(const QSqlDatabase& db, const QString& registry, const QString& repository);
    static Result<void> write(QSqlDatabase& db, const QList<TagObservation>& observations, const std::optional<ListingMark>& listing);
    // A repeated listing moved in one statement when the log holds exactly its rows; else write().
    // The caller's claim (RepositoryHistory::repeatsLastListing) saves sending rows that cannot
    // match; this count, inside the transaction, is what makes the move right against other writers.
    static Result<void> writeRepeated(QSqlDatabase& db, const QList<TagObservation>& observations, const ListingMark& listing,
                                      const QDateTime& listed);
    // Inside a transaction, which it ends (committed when the listing moved, else rolled back): the
    // listing at `listed` moves to `at`, and the rows seen by it with it (one row written: the
    // repository's streak grows). False when the last listing is not `listed`.
    static Result<bool> moveListing(QSqlDatabase& db, const QString& registry, const QString& repository, const QDateTime& listed,
                                    const QDateTime& at);
    // Inside a transaction: the streak's rows get the time they were last seen stored in them, so
    // that rows can be written one by one again.
    static Result<void> materialize(QSqlDatabase& db, const QString& registry, const QString& repository);
    // Inside a transaction: how many rows were last seen at `listed` or later (-1 on error).
    static qint64 rowsSince(QSqlDatabase& db, const QString& registry, const QString& repository, const QDateTime& listed);
    QString m_path;
    QString m_connection;
};

} // namespace berth
