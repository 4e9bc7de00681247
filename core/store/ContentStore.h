#pragma once

#include <QByteArray>
#include <QHash>
#include <QSqlQuery>
#include <QString>
#include <QTimer>
#include <optional>

namespace berth {

// Manifests, indexes, configs and other small documents kept by digest in one SQLite database
// (cacheDir/content.db, WAL). Content is stored only after it matched its digest, and checked
// again when read, so a damaged row is a cache miss, never wrong data. Writes are gathered and
// committed in batches: a cold history of 2,000 tags writes 4,000 documents, which as one file
// each cost more in the kernel than on the network. Layers are not kept here.
// A cache of the file-per-document layout (cacheDir/blobs/sha256/…) is moved in once.
class ContentStore
{
public:
    explicit ContentStore(QString root);
    ~ContentStore();
    ContentStore(const ContentStore&) = delete;
    ContentStore& operator=(const ContentStore&) = delete;

    std::optional<QByteArray> read(const QString& digest);
    bool contains(const QString& digest);
    // False when the bytes do not match the digest (then nothing is written) or the store is unusable.
    bool write(const QString& digest, const QByteArray& bytes);
    // Small facts derived from verified content (a tag summary of a manifest digest), kept with a
    // SHA-256 of their bytes and checked on read like content; `key` names what they derive from.
    std::optional<QByteArray> readDerived(const QString& key);
    // The same for many keys in few queries (key -> bytes; absent or damaged ones left out): a
    // warm history reads a summary per tag, and a query each cost more than its HEAD request.
    QHash<QString, QByteArray> readDerived(const QStringList& keys);
    void writeDerived(const QString& key, const QByteArray& bytes);
    // Commits the writes gathered so far (also done shortly after a write, and on destruction).
    void flush();

    QString databasePath() const;

private:
    bool open();
    void migrateFileLayout();
    void forget(const QString& digest);
    void flushWhenDue(); // a full batch now, else within kBatchDelayMs

    QString m_root;
    QString m_connection;
    std::optional<bool> m_opened; // unset until first use; false when the database cannot be used
    // Prepared once: preparing a statement costs more than running it.
    std::optional<QSqlQuery> m_select;
    std::optional<QSqlQuery> m_exists;
    std::optional<QSqlQuery> m_insert;
    std::optional<QSqlQuery> m_selectDerived;
    std::optional<QSqlQuery> m_selectDerivedMany; // readDerived(keys): every key in one JSON array
    std::optional<QSqlQuery> m_insertDerived;
    QHash<QString, QByteArray> m_pending; // verified, not yet committed
    QHash<QString, QByteArray> m_pendingDerived;
    qint64 m_pendingBytes = 0;
    QTimer m_flushTimer;
};

} // namespace berth
