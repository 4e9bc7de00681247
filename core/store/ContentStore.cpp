#include "core/store/ContentStore.h"

#include "core/base/JsonWriter.h"
#include "core/registry/Digest.h"
#include "core/registry/Reference.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace berth {

namespace {
// A batch is committed at this many documents or bytes, or after the delay, whichever comes first.
constexpr int kBatchDocuments = 256;
constexpr qint64 kBatchBytes = 8 * 1024 * 1024;
constexpr int kBatchDelayMs = 200;

// Rows are kept in the order they were written (a rowid table; the key is a unique index), not
// in key order: digests are random, so every batch of a cold history landed on pages all over
// the database. SQLite alone, 40,000 documents in batches of 256: 3.5 s (1.5 s in the kernel) in
// digest order, 1.0 s (0.3 s) in write order; a cold history of 20,000 tags spent 1.5 s less
// system CPU (4.7 -> 3.3 s).
struct WriteOrderedTable
{
    QString name;
    QString columns; // as created
    QString copied;  // what an earlier, key-ordered table hands over
};

const WriteOrderedTable kTables[] = {
    {QStringLiteral("content"), QStringLiteral("id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, bytes BLOB NOT NULL"),
     QStringLiteral("digest, bytes")},
    {QStringLiteral("derived"), QStringLiteral("id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE, bytes BLOB NOT NULL, sha256 BLOB NOT NULL"),
     QStringLiteral("key, bytes, sha256")},
};

// Makes the table exist in the write-ordered layout. A table of earlier Berth (ordered by its key,
// WITHOUT ROWID) is copied over once, in one transaction; nothing else about it changes.
bool createWriteOrdered(QSqlDatabase& db, const WriteOrderedTable& table)
{
    const QString create = QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (%2)").arg(table.name, table.columns);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(table.name);
    if (!q.exec())
        return false;
    const bool keyOrdered = q.next() && q.value(0).toString().contains(QLatin1StringView("WITHOUT ROWID"), Qt::CaseInsensitive);
    q.finish();
    if (!keyOrdered)
        return q.exec(create);
    const QString old = table.name + QStringLiteral("_by_key");
    const bool moved = db.transaction() && q.exec(QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(table.name, old)) && q.exec(create)
                       && q.exec(QStringLiteral("INSERT OR IGNORE INTO %1 (%2) SELECT %2 FROM %3").arg(table.name, table.copied, old))
                       && q.exec(QStringLiteral("DROP TABLE %1").arg(old)) && db.commit();
    if (!moved)
        db.rollback();
    return moved;
}

} // namespace

ContentStore::ContentStore(QString root)
    : m_root(std::move(root))
    , m_connection(QStringLiteral("content-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kBatchDelayMs);
    QObject::connect(&m_flushTimer, &QTimer::timeout, [this] { flush(); });
}

ContentStore::~ContentStore()
{
    flush();
    m_select.reset();
    m_exists.reset();
    m_insert.reset();
    m_selectDerived.reset();
    m_selectDerivedMany.reset();
    m_insertDerived.reset();
    if (m_opened) {
        { QSqlDatabase::database(m_connection, false).close(); }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString ContentStore::databasePath() const
{
    return m_root + QStringLiteral("/content.db");
}

bool ContentStore::open()
{
    if (m_opened)
        return *m_opened;
    m_opened = false;
    if (!QDir().mkpath(m_root))
        return false;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(databasePath());
    QSqlQuery q(db);
    // WAL with synchronous=NORMAL: a commit is a write to the log, not an fsync. A crash can lose
    // the last batches, which are fetched again; it cannot corrupt what is there.
    if (!db.open() || !q.exec(QStringLiteral("PRAGMA busy_timeout=5000")) || !q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
        || !q.exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
        return false;
    for (const WriteOrderedTable& table : kTables) {
        if (!createWriteOrdered(db, table))
            return false;
    }
    // Digests are bound as Latin-1 bytes (a BLOB key): text bound from a QString would be
    // converted from UTF-16 on every lookup.
    m_select.emplace(db);
    m_exists.emplace(db);
    m_insert.emplace(db);
    m_selectDerived.emplace(db);
    m_selectDerivedMany.emplace(db);
    m_insertDerived.emplace(db);
    // Each answer is read once, in order: no cached copy of its rows in Qt.
    for (auto* select : {&m_select, &m_exists, &m_selectDerived, &m_selectDerivedMany})
        (*select)->setForwardOnly(true);
    if (!m_selectDerived->prepare(QStringLiteral("SELECT bytes, sha256 FROM derived WHERE key = ?"))
        || !m_selectDerivedMany->prepare(QStringLiteral("SELECT d.key, d.bytes, d.sha256 FROM json_each(CAST(? AS TEXT)) AS k "
                                                        "JOIN derived AS d ON d.key = CAST(k.value AS BLOB)"))
        || !m_insertDerived->prepare(QStringLiteral("INSERT OR REPLACE INTO derived (key, bytes, sha256) VALUES (?, ?, ?)")))
        return false;
    if (!m_select->prepare(QStringLiteral("SELECT bytes FROM content WHERE digest = ?"))
        || !m_exists->prepare(QStringLiteral("SELECT 1 FROM content WHERE digest = ?"))
        || !m_insert->prepare(QStringLiteral("INSERT OR IGNORE INTO content (digest, bytes) VALUES (?, ?)")))
        return false;
    m_opened = true;
    migrateFileLayout();
    return true;
}

void ContentStore::migrateFileLayout()
{
    QDir blobs(m_root + QStringLiteral("/blobs"));
    if (!blobs.exists())
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    db.transaction();
    QDirIterator it(blobs.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        // blobs/<algorithm>/<2 hex>/<hex>; temporary files and anything damaged are left behind.
        const QString digest = info.dir().absolutePath().section(u'/', -2, -2) + u':' + info.fileName();
        QFile file(info.filePath());
        if (!isValidDigest(digest) || !file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (!matchesDigest(bytes, digest))
            continue;
        m_insert->bindValue(0, digest.toLatin1());
        m_insert->bindValue(1, bytes);
        m_insert->exec();
    }
    if (db.commit())
        blobs.removeRecursively(); // moved once; the files would only be read again
}

bool ContentStore::contains(const QString& digest)
{
    if (!isValidDigest(digest))
        return false;
    if (m_pending.contains(digest))
        return true;
    if (!open())
        return false;
    m_exists->bindValue(0, digest.toLatin1());
    const bool found = m_exists->exec() && m_exists->next();
    m_exists->finish();
    return found;
}

std::optional<QByteArray> ContentStore::read(const QString& digest)
{
    if (!isValidDigest(digest))
        return std::nullopt;
    if (const auto it = m_pending.constFind(digest); it != m_pending.cend())
        return *it;
    if (!open())
        return std::nullopt;
    m_select->bindValue(0, digest.toLatin1());
    if (!m_select->exec() || !m_select->next()) {
        m_select->finish();
        return std::nullopt;
    }
    QByteArray bytes = m_select->value(0).toByteArray();
    m_select->finish();
    if (!matchesDigest(bytes, digest)) {
        forget(digest); // damaged: it will be fetched again
        return std::nullopt;
    }
    return bytes;
}

void ContentStore::forget(const QString& digest)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("DELETE FROM content WHERE digest = ?"));
    q.addBindValue(digest.toLatin1());
    q.exec();
}

bool ContentStore::write(const QString& digest, const QByteArray& bytes)
{
    if (!isValidDigest(digest) || !matchesDigest(bytes, digest) || !open())
        return false;
    if (!m_pending.contains(digest)) {
        m_pending.insert(digest, bytes);
        m_pendingBytes += bytes.size();
    }
    flushWhenDue();
    return true;
}

std::optional<QByteArray> ContentStore::readDerived(const QString& key)
{
    if (const auto it = m_pendingDerived.constFind(key); it != m_pendingDerived.cend())
        return *it;
    if (!open())
        return std::nullopt;
    m_selectDerived->bindValue(0, key.toUtf8());
    if (!m_selectDerived->exec() || !m_selectDerived->next()) {
        m_selectDerived->finish();
        return std::nullopt;
    }
    QByteArray bytes = m_selectDerived->value(0).toByteArray();
    const QByteArray check = m_selectDerived->value(1).toByteArray();
    m_selectDerived->finish();
    if (sha256Bytes(bytes) != check)
        return std::nullopt; // damaged: derived again from the content
    return bytes;
}

QHash<QString, QByteArray> ContentStore::readDerived(const QStringList& keys)
{
    QHash<QString, QByteArray> found;
    // The keys not pending go to the database in one bound value, a JSON array: Qt binds each
    // value through a QVariant, which cost more than the lookups did (~2,000 instructions a key,
    // callgrind), and an IN list built its own index of the keys before the first lookup.
    JsonWriter asked(JsonWriter::Layout::Compact);
    asked.makeRoom(keys.size() * 100);
    asked.beginArray();
    qsizetype askedCount = 0;
    for (const QString& key : keys) {
        if (key.isEmpty())
            continue;
        if (const auto it = m_pendingDerived.constFind(key); it != m_pendingDerived.cend()) {
            found.insert(key, *it);
        } else {
            asked.value(key);
            ++askedCount;
        }
    }
    if (askedCount == 0 || !open())
        return found;
    asked.endArray();
    QSqlQuery& q = *m_selectDerivedMany;
    q.bindValue(0, std::move(asked).take()); // bytes, read as UTF-8 text (a BLOB would be taken for JSONB)
    if (!q.exec())
        return found;
    while (q.next()) {
        const QByteArray bytes = q.value(1).toByteArray();
        if (sha256Bytes(bytes) == q.value(2).toByteArray()) // else damaged: derived again from the content
            found.insert(QString::fromUtf8(q.value(0).toByteArray()), bytes);
    }
    q.finish();
    return found;
}

void ContentStore::writeDerived(const QString& key, const QByteArray& bytes)
{
    if (!open())
        return;
    m_pendingDerived.insert(key, bytes);
    m_pendingBytes += bytes.size();
    flushWhenDue();
}

void ContentStore::flushWhenDue()
{
    if (m_pending.size() + m_pendingDerived.size() >= kBatchDocuments || m_pendingBytes >= kBatchBytes)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ContentStore::flush()
{
    m_flushTimer.stop();
    if ((m_pending.isEmpty() && m_pendingDerived.isEmpty()) || !open())
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    db.transaction();
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        m_insert->bindValue(0, it.key().toLatin1());
        m_insert->bindValue(1, it.value());
        m_insert->exec();
    }
    for (auto it = m_pendingDerived.cbegin(); it != m_pendingDerived.cend(); ++it) {
        m_insertDerived->bindValue(0, it.key().toUtf8());
        m_insertDerived->bindValue(1, it.value());
        m_insertDerived->bindValue(2, sha256Bytes(it.value()));
        m_insertDerived->exec();
    }
    db.commit(); // a failed commit loses only cache entries
    m_pending.clear();
    m_pendingDerived.clear();
    m_pendingBytes = 0;
}

} // namespace berth
