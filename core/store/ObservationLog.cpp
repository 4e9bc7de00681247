#include "core/store/ObservationLog.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>
#include <optional>
#include <type_traits>

namespace berth {
namespace {

    Error sqlError(const QString& what, const QSqlError& error)
    {
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1: %2").arg(what, error.text()));
    }

    Error writeError(const QSqlError& error) { return sqlError(QStringLiteral("cannot write the tag history"), error); }

    // WAL with synchronous=NORMAL, as the content store: a commit is a write to the log, not an
    // fsync (which took 140 ms at the end of a history run). A power cut can lose the last
    // sightings; no crash can corrupt the ones before.
    const QString kDurability = QStringLiteral("PRAGMA synchronous=NORMAL");

    // Reads straight from the file's pages in memory instead of copies in SQLite's own cache: a
    // repository's 5,000 latest sightings were 808 new memory pages to read, 528 this way, and each
    // new page costs ~12 us on a virtual machine (19.5 -> 12.6 ms). SQLite maps at most this much.
    const QString kMemoryMapped = QStringLiteral("PRAGMA mmap_size=268435456");

    // f(db) on a connection of the calling thread's own to the log at `path` (a Qt connection
    // belongs to the thread that made it, so a worker needs one), closed and removed afterwards.
    // f opens it, and says what a failure to open means for it.
    template<typename F>
    auto onOwnConnection(const QString& path, const QString& role, F f)
    {
        const QString name = QStringLiteral("observations-%1-").arg(role) + QUuid::createUuid().toString(QUuid::WithoutBraces);
        std::optional<std::invoke_result_t<F, QSqlDatabase&>> result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            result = f(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return std::move(*result);
    }

    // A query whose rows are read once, in order: forward-only, so that Qt keeps no copy of them
    // (a 2,000-tag repository's observations took 15,000 instructions a row with the copy).
    QSqlQuery readingQuery(const QSqlDatabase& db)
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        return q;
    }

    QSqlQuery readingQuery(const QString& connection) { return readingQuery(QSqlDatabase::database(connection)); }

    // A repeated listing extends its repository's streak instead of rewriting every row it saw:
    // rows whose stored last_seen is at or after the streak's start (streak_from; NULL when the
    // streak is only the last listing) were seen by every listing since, up to `listed`. Readers
    // see that time; write() stores it back before anything else changes (materialize).
    const char* const kLastSeen = "CASE WHEN o.last_seen >= COALESCE(l.streak_from, l.listed) THEN MAX(o.last_seen, l.listed) ELSE o.last_seen END";

    const char* const kObservationsWithListing = "observations o LEFT JOIN listings l ON l.registry = o.registry AND l.repository = o.repository";

    // A repository's streak as its listings row holds it, for code that applies kLastSeen itself.
    struct Streak
    {
        qint64 listed = 0;
        std::optional<qint64> from; // none: the streak is the last listing alone

        // kLastSeen for one stored last_seen.
        qint64 lastSeen(qint64 stored) const { return stored >= from.value_or(listed) ? qMax(stored, listed) : stored; }
    };

    // The repository's streak; nullopt when it was never listed completely. The SQL error goes to
    // the caller, which says whether it failed a read or a write.
    std::expected<std::optional<Streak>, QSqlError> readStreak(const QSqlDatabase& db, const QString& registry, const QString& repository)
    {
        QSqlQuery q = readingQuery(db);
        q.prepare(QStringLiteral("SELECT listed, streak_from FROM listings WHERE registry = ? AND repository = ?"));
        q.addBindValue(registry);
        q.addBindValue(repository);
        if (!q.exec())
            return std::unexpected(q.lastError());
        if (!q.next())
            return std::nullopt;
        Streak streak{q.value(0).toLongLong(), {}};
        if (!q.isNull(1))
            streak.from = q.value(1).toLongLong();
        return streak;
    }

    QString selectObservations(const char* columns, const char* where, const char* order)
    {
        return QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4")
            .arg(QString::fromLatin1(columns).arg(QLatin1String(kLastSeen)), QLatin1String(kObservationsWithListing), QLatin1String(where),
                 QLatin1String(order));
    }

    TagObservation observationFrom(const QSqlQuery& q)
    {
        return TagObservation{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                              q.value(4).toString(), QDateTime::fromMSecsSinceEpoch(q.value(5).toLongLong(), QTimeZone::UTC),
                              QDateTime::fromMSecsSinceEpoch(q.value(6).toLongLong(), QTimeZone::UTC)};
    }

    const char* const kColumns = "registry, repository, tag, digest, media_type, first_seen, last_seen";
    const char* const kSelectColumns = "o.registry, o.repository, o.tag, o.digest, o.media_type, o.first_seen, %1";

} // namespace

ObservationLog::ObservationLog(QString databasePath)
    : m_path(std::move(databasePath))
    , m_connection(QStringLiteral("observations-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

ObservationLog::~ObservationLog()
{
    { QSqlDatabase::database(m_connection, false).close(); }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<void> ObservationLog::open()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open())
        return std::unexpected(sqlError(QStringLiteral("cannot open the tag history database %1").arg(m_path), db.lastError()));
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
    q.exec(kDurability);
    q.exec(kMemoryMapped);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS observations ("
                               " registry TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL,"
                               " media_type TEXT, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
                               " PRIMARY KEY (registry, repository, tag, digest))")))
        return std::unexpected(sqlError(QStringLiteral("cannot create the tag history table"), q.lastError()));
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS listings (registry TEXT NOT NULL, repository TEXT NOT NULL,"
                               " listed INTEGER NOT NULL, streak_from INTEGER, PRIMARY KEY (registry, repository))")))
        return std::unexpected(sqlError(QStringLiteral("cannot create the tag history table"), q.lastError()));
    // Logs from before streaks: the column is added, NULL (each streak only its last listing).
    bool hasStreak = false;
    if (q.exec(QStringLiteral("PRAGMA table_info(listings)"))) {
        while (q.next())
            hasStreak = hasStreak || q.value(1).toString() == u"streak_from";
    }
    if (!hasStreak && !q.exec(QStringLiteral("ALTER TABLE listings ADD COLUMN streak_from INTEGER")))
        return std::unexpected(sqlError(QStringLiteral("cannot update the tag history table"), q.lastError()));
    return {};
}

Result<void> ObservationLog::record(const QList<TagObservation>& observations, const std::optional<ListingMark>& listing)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    return write(db, observations, listing);
}

QFuture<Result<void>> ObservationLog::recordInBackground(const QList<TagObservation>& observations,
                                                         const std::optional<ListingMark>& listing,
                                                         const std::optional<QDateTime>& repeatsListingOf) const
{
    return recordInBackground([observations, listing, repeatsListingOf] { return Sightings{observations, listing, repeatsListingOf}; });
}

QFuture<Result<void>> ObservationLog::recordInBackground(std::function<Sightings()> make) const
{
    return QtConcurrent::run([path = m_path, make = std::move(make)]() -> Result<void> {
        const Sightings made = make();
        return onOwnConnection(path, QStringLiteral("writer"), [&](QSqlDatabase& db) -> Result<void> {
            if (!db.open())
                return std::unexpected(sqlError(QStringLiteral("cannot open the tag history database"), db.lastError()));
            QSqlQuery(db).exec(QStringLiteral("PRAGMA busy_timeout=5000"));
            QSqlQuery(db).exec(kDurability);
            return made.repeatsListingOf && made.listing ? writeRepeated(db, made.observations, *made.listing, *made.repeatsListingOf)
                                                         : write(db, made.observations, made.listing);
        });
    });
}

Result<void> ObservationLog::write(QSqlDatabase& db, const QList<TagObservation>& observations, const std::optional<ListingMark>& listing)
{
    if (!db.transaction())
        return std::unexpected(writeError(db.lastError()));
    QSet<std::pair<QString, QString>> repositories;
    for (const TagObservation& o : observations)
        repositories.insert({o.registry, o.repository});
    if (listing)
        repositories.insert({listing->registry, listing->repository});
    for (const auto& [registry, repository] : std::as_const(repositories)) {
        if (Result<void> stored = materialize(db, registry, repository); !stored) {
            db.rollback();
            return stored;
        }
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO observations (%1) VALUES (?, ?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (registry, repository, tag, digest) DO UPDATE SET last_seen = excluded.last_seen,"
                             // A watch that read the digest from a listing knows no media type: keep the one a HEAD read.
                             " media_type = COALESCE(NULLIF(excluded.media_type, ''), media_type)")
                  .arg(QLatin1String(kColumns)));
    for (const TagObservation& o : observations) {
        q.addBindValue(o.registry);
        q.addBindValue(o.repository);
        q.addBindValue(o.tag);
        q.addBindValue(o.digest);
        q.addBindValue(o.mediaType);
        q.addBindValue(o.firstSeen.toMSecsSinceEpoch());
        q.addBindValue(o.lastSeen.toMSecsSinceEpoch());
        if (!q.exec()) {
            db.rollback();
            return std::unexpected(writeError(q.lastError()));
        }
    }
    if (listing) {
        q.prepare(QStringLiteral("INSERT INTO listings (registry, repository, listed) VALUES (?, ?, ?)"
                                 " ON CONFLICT (registry, repository) DO UPDATE SET listed = MAX(listed, excluded.listed)"));
        q.addBindValue(listing->registry);
        q.addBindValue(listing->repository);
        q.addBindValue(listing->at.toMSecsSinceEpoch());
        if (!q.exec()) {
            db.rollback();
            return std::unexpected(writeError(q.lastError()));
        }
    }
    if (!db.commit())
        return std::unexpected(writeError(db.lastError()));
    return {};
}

Result<void> ObservationLog::writeRepeated(QSqlDatabase& db, const QList<TagObservation>& observations, const ListingMark& listing,
                                           const QDateTime& listed)
{
    if (!db.transaction())
        return std::unexpected(writeError(db.lastError()));
    // The caller saw each observed tag's newest row at `listed` or later with the same digest; when
    // no other row is that recent (a tag that moved after the listing, seen elsewhere), moving
    // those rows records the same as writing each observation would.
    if (rowsSince(db, listing.registry, listing.repository, listed) != observations.size()) {
        db.rollback();
        return write(db, observations, listing);
    }
    const Result<bool> moved = moveListing(db, listing.registry, listing.repository, listed, listing.at);
    if (!moved)
        return std::unexpected(moved.error());
    return *moved ? Result<void>() : write(db, observations, listing);
}

qint64 ObservationLog::rowsSince(QSqlDatabase& db, const QString& registry, const QString& repository, const QDateTime& listed)
{
    QSqlQuery q = readingQuery(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE o.registry = ? AND o.repository = ? AND %2 >= ?")
                  .arg(QLatin1String(kObservationsWithListing), QLatin1String(kLastSeen)));
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(listed.toMSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

Result<bool> ObservationLog::moveListing(QSqlDatabase& db, const QString& registry, const QString& repository, const QDateTime& listed,
                                         const QDateTime& at)
{
    // One row, however many tags: the rows seen at `listed` join the streak that now runs to `at`.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE listings SET streak_from = COALESCE(streak_from, listed), listed = ?"
                             " WHERE registry = ? AND repository = ? AND listed = ?"));
    q.addBindValue(at.toMSecsSinceEpoch());
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(listed.toMSecsSinceEpoch());
    if (!q.exec()) {
        const QSqlError error = q.lastError();
        db.rollback();
        return std::unexpected(writeError(error));
    }
    if (q.numRowsAffected() != 1) { // another listing came in between: not this one's to move
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        const QSqlError error = db.lastError();
        db.rollback();
        return std::unexpected(writeError(error));
    }
    return true;
}

Result<void> ObservationLog::materialize(QSqlDatabase& db, const QString& registry, const QString& repository)
{
    const auto streak = readStreak(db, registry, repository);
    if (!streak)
        return std::unexpected(writeError(streak.error()));
    if (!*streak || !(*streak)->from)
        return {}; // no streak beyond the last listing: every row holds its own time
    // Streak::lastSeen written into the rows it raises.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE observations SET last_seen = ? WHERE registry = ? AND repository = ? AND last_seen >= ? AND last_seen < ?"));
    q.addBindValue((*streak)->listed);
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(*(*streak)->from);
    q.addBindValue((*streak)->listed);
    bool stored = q.exec();
    if (stored) {
        q.prepare(QStringLiteral("UPDATE listings SET streak_from = NULL WHERE registry = ? AND repository = ?"));
        q.addBindValue(registry);
        q.addBindValue(repository);
        stored = q.exec();
    }
    if (!stored)
        return std::unexpected(writeError(q.lastError()));
    return {};
}

Result<bool> ObservationLog::repeatListing(const QString& registry, const QString& repository, const QDateTime& at)
{
    const std::optional<QDateTime> listed = lastListing(registry, repository);
    if (!listed)
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return std::unexpected(writeError(db.lastError()));
    return moveListing(db, registry, repository, *listed, at);
}

std::optional<QDateTime> ObservationLog::lastListing(const QString& registry, const QString& repository) const
{
    QSqlQuery q = readingQuery(m_connection);
    q.prepare(QStringLiteral("SELECT listed FROM listings WHERE registry = ? AND repository = ?"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), QTimeZone::UTC);
}

QHash<QString, QDateTime> ObservationLog::listedRepositories(const QString& registry) const
{
    QSqlQuery q = readingQuery(m_connection);
    q.prepare(QStringLiteral("SELECT repository, listed FROM listings WHERE registry = ?"));
    q.addBindValue(registry);
    QHash<QString, QDateTime> out;
    if (q.exec()) {
        while (q.next())
            out.insert(q.value(0).toString(), QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), QTimeZone::UTC));
    }
    return out;
}

QHash<QString, TagObservation> ObservationLog::lastListedTags(const QString& registry, const QString& repository) const
{
    QHash<QString, TagObservation> tags;
    const std::optional<QDateTime> listed = lastListing(registry, repository);
    if (!listed)
        return tags;
    QHash<QString, TagObservation> latest = latestOfRepository(registry, repository);
    for (auto it = latest.begin(); it != latest.end(); ++it) {
        if (it->lastSeen >= *listed)
            tags.insert(it.key(), *it);
    }
    return tags;
}

std::optional<TagObservation> ObservationLog::latest(const QString& registry, const QString& repository,
                                                     const QString& tag) const
{
    QSqlQuery q = readingQuery(m_connection);
    q.prepare(selectObservations(kSelectColumns, "o.registry = ? AND o.repository = ? AND o.tag = ?", "o.last_seen DESC LIMIT 1"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(tag);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return observationFrom(q);
}

QHash<QString, TagObservation> ObservationLog::latestOfRepository(const QString& registry, const QString& repository) const
{
    return latestOf(QSqlDatabase::database(m_connection), registry, repository);
}

QFuture<QHash<QString, TagObservation>> ObservationLog::latestOfRepositoryInBackground(const QString& registry, const QString& repository) const
{
    return QtConcurrent::run([path = m_path, registry, repository] {
        return onOwnConnection(path, QStringLiteral("reader"), [&](QSqlDatabase& db) {
            if (!db.open())
                return QHash<QString, TagObservation>();
            QSqlQuery(db).exec(kMemoryMapped);
            return latestOf(db, registry, repository);
        });
    });
}

QHash<QString, TagObservation> ObservationLog::latestOf(const QSqlDatabase& db, const QString& registry, const QString& repository)
{
    // Read beside every listing the window takes in (on a worker, while its pages come) and by each
    // history run (on the main connection): for 5,000 tags 64 M -> 41 M instructions (callgrind).
    // The streak is read once, not joined to each row; the rows come in the index's order (ORDER BY
    // last_seen had SQLite sort them first); text comes as UTF-8 bytes (as text, Qt's driver has
    // SQLite convert each value to UTF-16); the table is made once for all rows; the media type most
    // rows share is kept once.
    QSqlQuery q = readingQuery(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM observations WHERE registry = ? AND repository = ?"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    QHash<QString, TagObservation> out;
    if (!q.exec() || !q.next() || q.value(0).toLongLong() == 0)
        return out;
    out.reserve(q.value(0).toLongLong());
    const std::optional<Streak> streak = readStreak(db, registry, repository).value_or(std::nullopt);
    q.prepare(QStringLiteral("SELECT CAST(tag AS BLOB), CAST(digest AS BLOB), CAST(media_type AS BLOB), first_seen, last_seen"
                             " FROM observations WHERE registry = ? AND repository = ?"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    if (!q.exec())
        return out;
    QByteArray mediaTypeBytes;
    QString mediaType;
    while (q.next()) {
        const QString tag = QString::fromUtf8(q.value(0).toByteArray());
        const qint64 stored = q.value(4).toLongLong();
        const qint64 lastSeen = streak ? streak->lastSeen(stored) : stored;
        TagObservation& latest = out[tag];
        if (latest.lastSeen.isValid() && latest.lastSeen.toMSecsSinceEpoch() > lastSeen)
            continue; // a tag's latest sighting wins
        const QByteArray rowMediaType = q.value(2).toByteArray();
        if (mediaType.isNull() || rowMediaType != mediaTypeBytes) {
            mediaTypeBytes = rowMediaType;
            mediaType = rowMediaType.isNull() ? QString() : QString::fromUtf8(rowMediaType);
        }
        latest = TagObservation{registry, repository, tag, QString::fromUtf8(q.value(1).toByteArray()), mediaType,
                                QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), QTimeZone::UTC),
                                QDateTime::fromMSecsSinceEpoch(lastSeen, QTimeZone::UTC)};
    }
    return out;
}

QList<TagObservation> ObservationLog::timelineOfRepository(const QString& registry, const QString& repository) const
{
    QSqlQuery q = readingQuery(m_connection);
    q.prepare(selectObservations(kSelectColumns, "o.registry = ? AND o.repository = ?", "o.tag ASC, o.first_seen ASC"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    QList<TagObservation> out;
    if (q.exec()) {
        while (q.next())
            out << observationFrom(q);
    }
    return out;
}

QList<TagObservation> ObservationLog::timeline(const QString& registry, const QString& repository, const QString& tag) const
{
    QSqlQuery q = readingQuery(m_connection);
    q.prepare(selectObservations(kSelectColumns, "o.registry = ? AND o.repository = ? AND o.tag = ?", "o.first_seen ASC"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(tag);
    QList<TagObservation> out;
    if (q.exec()) {
        while (q.next())
            out << observationFrom(q);
    }
    return out;
}

} // namespace berth
