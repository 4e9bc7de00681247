#include "core/store/WatchJournal.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

namespace berth {
namespace {

    Error sqlError(const QString& what, const QSqlError& error)
    {
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1: %2").arg(what, error.text()));
    }

    const char* const kEventColumns = "sequence, id, kind, registry, repository, tag, digest, previous_digest, detected, pushed, detail";

    WatchEvent eventFrom(const QSqlQuery& q)
    {
        WatchEvent e;
        e.sequence = q.value(0).toLongLong();
        e.id = q.value(1).toString();
        e.kind = WatchEvent::Kind(q.value(2).toInt());
        e.registry = q.value(3).toString();
        e.repository = q.value(4).toString();
        e.tag = q.value(5).toString();
        e.digest = q.value(6).toString();
        e.previousDigest = q.value(7).toString();
        e.detected = QDateTime::fromMSecsSinceEpoch(q.value(8).toLongLong(), QTimeZone::UTC);
        if (!q.value(9).isNull())
            e.pushed = QDateTime::fromMSecsSinceEpoch(q.value(9).toLongLong(), QTimeZone::UTC);
        e.detail = q.value(10).toByteArray();
        return e;
    }

    qint64 newestSequence(QSqlDatabase db, const QString& registry, const QString& repository)
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT COALESCE(MAX(sequence), 0) FROM watch_events WHERE registry = ? AND repository = ?"));
        q.addBindValue(registry);
        q.addBindValue(repository);
        return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
    }

    // Inserts events in order, setting their ids and sequences; inside the caller's transaction.
    Result<void> insertEvents(QSqlDatabase& db, const QString& registry, const QString& repository, QList<WatchEvent>& events)
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO watch_events (id, kind, registry, repository, tag, digest, previous_digest, detected, pushed, detail)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (WatchEvent& e : events) {
            e.registry = registry;
            e.repository = repository;
            e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            q.addBindValue(e.id);
            q.addBindValue(int(e.kind));
            q.addBindValue(registry);
            q.addBindValue(repository);
            // A null QString binds as NULL; these columns hold "" for "none".
            q.addBindValue(e.tag.isNull() ? QStringLiteral("") : e.tag);
            q.addBindValue(e.digest.isNull() ? QStringLiteral("") : e.digest);
            q.addBindValue(e.previousDigest.isNull() ? QStringLiteral("") : e.previousDigest);
            q.addBindValue(e.detected.toMSecsSinceEpoch());
            q.addBindValue(e.pushed.isValid() ? QVariant(e.pushed.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>()));
            q.addBindValue(e.detail.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(e.detail));
            if (!q.exec())
                return std::unexpected(sqlError(QStringLiteral("cannot write the watch journal"), q.lastError()));
            e.sequence = q.lastInsertId().toLongLong();
        }
        return {};
    }

    // Ends the caller's transaction with the events inserted (ids and sequences set), or rolls it back.
    Result<QList<WatchEvent>> insertAndCommit(QSqlDatabase& db, const QString& registry, const QString& repository, QList<WatchEvent> events)
    {
        if (auto inserted = insertEvents(db, registry, repository, events); !inserted) {
            db.rollback();
            return std::unexpected(inserted.error());
        }
        if (!db.commit())
            return std::unexpected(sqlError(QStringLiteral("cannot write the watch journal"), db.lastError()));
        return events;
    }

} // namespace

QString watchEventKindName(WatchEvent::Kind kind)
{
    switch (kind) {
    case WatchEvent::Kind::TagCreated:
        return QStringLiteral("TAG_CREATED");
    case WatchEvent::Kind::TagMoved:
        return QStringLiteral("TAG_MOVED");
    case WatchEvent::Kind::TagDeleted:
        return QStringLiteral("TAG_DELETED");
    case WatchEvent::Kind::ImageSigned:
        return QStringLiteral("IMAGE_SIGNED");
    case WatchEvent::Kind::ImageUnsigned:
        return QStringLiteral("IMAGE_UNSIGNED");
    case WatchEvent::Kind::ScanFindings:
        return QStringLiteral("SCAN_FINDINGS");
    }
    return {};
}

WatchJournal::WatchJournal(QString databasePath)
    : m_path(std::move(databasePath))
    , m_connection(QStringLiteral("watch-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

WatchJournal::~WatchJournal()
{
    { QSqlDatabase::database(m_connection, false).close(); }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<void> WatchJournal::open()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open())
        return std::unexpected(sqlError(QStringLiteral("cannot open the watch database %1").arg(m_path), db.lastError()));
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
    const QStringList tables{
        QStringLiteral("CREATE TABLE IF NOT EXISTS watch_snapshots (registry TEXT NOT NULL, repository TEXT NOT NULL,"
                       " tag TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (registry, repository, tag))"),
        // A repository polled at least once, even when it had no tags.
        QStringLiteral("CREATE TABLE IF NOT EXISTS watch_repositories (registry TEXT NOT NULL, repository TEXT NOT NULL,"
                       " polled INTEGER NOT NULL, PRIMARY KEY (registry, repository))"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS watch_events (sequence INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
                       " kind INTEGER NOT NULL, registry TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT NOT NULL,"
                       " digest TEXT NOT NULL, previous_digest TEXT NOT NULL, detected INTEGER NOT NULL, pushed INTEGER, detail BLOB)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS watch_events_by_repository ON watch_events (registry, repository, sequence)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS watch_cursors (consumer TEXT NOT NULL, registry TEXT NOT NULL,"
                       " repository TEXT NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY (consumer, registry, repository))"),
    };
    for (const QString& sql : tables) {
        if (!q.exec(sql))
            return std::unexpected(sqlError(QStringLiteral("cannot create the watch tables"), q.lastError()));
    }
    return {};
}

std::optional<TagSnapshot> WatchJournal::snapshot(const QString& registry, const QString& repository) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM watch_repositories WHERE registry = ? AND repository = ?"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    if (!q.exec() || !q.next())
        return std::nullopt;
    TagSnapshot tags;
    q.prepare(QStringLiteral("SELECT tag, digest FROM watch_snapshots WHERE registry = ? AND repository = ?"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    if (q.exec()) {
        while (q.next())
            tags.insert(q.value(0).toString(), q.value(1).toString());
    }
    return tags;
}

Result<QList<WatchEvent>> WatchJournal::commit(const QString& registry, const QString& repository, const TagSnapshot& snapshot,
                                               QList<WatchEvent> events)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    const auto failed = [&](const QSqlQuery& q) {
        const Error error = sqlError(QStringLiteral("cannot write the watch journal"), q.lastError());
        db.rollback();
        return std::unexpected(error);
    };
    if (!db.transaction())
        return std::unexpected(sqlError(QStringLiteral("cannot write the watch journal"), db.lastError()));
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM watch_snapshots WHERE registry = ? AND repository = ?"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    if (!q.exec())
        return failed(q);
    q.prepare(QStringLiteral("INSERT INTO watch_snapshots (registry, repository, tag, digest) VALUES (?, ?, ?, ?)"));
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        q.addBindValue(registry);
        q.addBindValue(repository);
        q.addBindValue(it.key());
        q.addBindValue(it.value());
        if (!q.exec())
            return failed(q);
    }
    q.prepare(QStringLiteral("INSERT INTO watch_repositories (registry, repository, polled) VALUES (?, ?, ?)"
                             " ON CONFLICT (registry, repository) DO UPDATE SET polled = excluded.polled"));
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return failed(q);
    return insertAndCommit(db, registry, repository, std::move(events));
}

Result<QList<WatchEvent>> WatchJournal::append(const QString& registry, const QString& repository, QList<WatchEvent> events)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return std::unexpected(sqlError(QStringLiteral("cannot write the watch journal"), db.lastError()));
    return insertAndCommit(db, registry, repository, std::move(events));
}

Result<void> WatchJournal::touch(const QString& registry, const QString& repository)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE watch_repositories SET polled = ? WHERE registry = ? AND repository = ?"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(registry);
    q.addBindValue(repository);
    if (!q.exec())
        return std::unexpected(sqlError(QStringLiteral("cannot write the watch journal"), q.lastError()));
    return {};
}

QList<WatchEvent> WatchJournal::pending(const QString& consumer, const QString& registry, const QString& repository) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT %1 FROM watch_events WHERE registry = ? AND repository = ? AND sequence >"
                             " COALESCE((SELECT sequence FROM watch_cursors WHERE consumer = ? AND registry = ? AND repository = ?), 0)"
                             " ORDER BY sequence")
                  .arg(QLatin1String(kEventColumns)));
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(consumer);
    q.addBindValue(registry);
    q.addBindValue(repository);
    QList<WatchEvent> events;
    if (q.exec()) {
        while (q.next())
            events << eventFrom(q);
    }
    return events;
}

Result<void> WatchJournal::acknowledge(const QString& consumer, const QString& registry, const QString& repository, qint64 sequence)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO watch_cursors (consumer, registry, repository, sequence) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT (consumer, registry, repository) DO UPDATE SET sequence = MAX(sequence, excluded.sequence)"));
    q.addBindValue(consumer);
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(sequence);
    if (!q.exec())
        return std::unexpected(sqlError(QStringLiteral("cannot write the watch cursor"), q.lastError()));
    return {};
}

Result<void> WatchJournal::startCursor(const QString& consumer, const QString& registry, const QString& repository)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO watch_cursors (consumer, registry, repository, sequence) VALUES (?, ?, ?, ?)"));
    q.addBindValue(consumer);
    q.addBindValue(registry);
    q.addBindValue(repository);
    q.addBindValue(newestSequence(db, registry, repository));
    if (!q.exec())
        return std::unexpected(sqlError(QStringLiteral("cannot write the watch cursor"), q.lastError()));
    return {};
}

QList<WatchEvent> WatchJournal::eventsSince(const QString& registry, const QString& repository, const QDateTime& since) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT %1 FROM watch_events WHERE (? = '' OR registry = ?) AND (? = '' OR repository = ?)"
                             " AND detected > ? ORDER BY sequence")
                  .arg(QLatin1String(kEventColumns)));
    // A null QString binds as NULL, which equals nothing: "" means "any" here.
    const QString anyRegistry = registry.isNull() ? QStringLiteral("") : registry;
    const QString anyRepository = repository.isNull() ? QStringLiteral("") : repository;
    q.addBindValue(anyRegistry);
    q.addBindValue(anyRegistry);
    q.addBindValue(anyRepository);
    q.addBindValue(anyRepository);
    q.addBindValue(since.isValid() ? since.toMSecsSinceEpoch() : qint64(0));
    QList<WatchEvent> events;
    if (q.exec()) {
        while (q.next())
            events << eventFrom(q);
    }
    return events;
}

} // namespace berth
