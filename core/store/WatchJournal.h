#pragma once

#include "core/base/Error.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace berth {

// One change a watch saw in a repository.
struct WatchEvent
{
    enum class Kind { TagCreated, TagMoved, TagDeleted, ImageSigned, ImageUnsigned, ScanFindings };

    qint64 sequence = 0; // the journal's order; set when appended
    QString id; // unique and stable: what a webhook receiver deduplicates on
    Kind kind = Kind::TagCreated;
    QString registry;
    QString repository;
    QString tag; // the tag that changed; for signed/unsigned the signature's tag (sha256-<hex>.sig)
    QString digest; // the digest the tag names now (signed/unsigned: the image's digest)
    QString previousDigest; // moved and deleted: the digest it named before
    QDateTime detected; // when the watch saw the change
    QDateTime pushed; // when the registry says the tag was pushed; invalid where it does not say
    QByteArray detail; // scan findings: what the scanner found (JSON object: threshold, counts, scanner)
};

// "TAG_CREATED", "TAG_MOVED", ... (the payload's "type", Harbor's style).
QString watchEventKindName(WatchEvent::Kind kind);

// What a watch last saw of a repository: tag -> digest.
using TagSnapshot = QHash<QString, QString>;

// The watch's memory, next to the tag history (SQLite): the last snapshot of each watched
// repository, the events found by comparing the next poll with it, and for each consumer (the
// terminal, a webhook URL) how far it has read each repository. A snapshot and the events it
// produced are written in one transaction, and a consumer's cursor moves only once an event is
// delivered, so a watch that is killed and started again neither repeats nor loses an event.
class WatchJournal
{
public:
    explicit WatchJournal(QString databasePath);
    ~WatchJournal();
    WatchJournal(const WatchJournal&) = delete;
    WatchJournal& operator=(const WatchJournal&) = delete;

    Result<void> open();
    // nullopt when the repository was never polled (the first poll is the baseline, no events).
    std::optional<TagSnapshot> snapshot(const QString& registry, const QString& repository) const;
    // Replaces the snapshot and appends the events (sequence and id set here) in one transaction.
    Result<QList<WatchEvent>> commit(const QString& registry, const QString& repository, const TagSnapshot& snapshot,
                                     QList<WatchEvent> events);
    // Appends events that change no tag (scan findings); sequence and id set here.
    Result<QList<WatchEvent>> append(const QString& registry, const QString& repository, QList<WatchEvent> events);
    // A poll that found the snapshot unchanged: only when it was polled is written.
    Result<void> touch(const QString& registry, const QString& repository);
    // The repository's events after `consumer`'s cursor, oldest first.
    QList<WatchEvent> pending(const QString& consumer, const QString& registry, const QString& repository) const;
    // Marks everything up to `sequence` as delivered to `consumer`.
    Result<void> acknowledge(const QString& consumer, const QString& registry, const QString& repository, qint64 sequence);
    // Starts a consumer that has never read a repository at its newest event (a new webhook does
    // not receive the past); an existing cursor stays.
    Result<void> startCursor(const QString& consumer, const QString& registry, const QString& repository);
    // Events newer than `since`, oldest first; an empty registry or repository matches every one.
    QList<WatchEvent> eventsSince(const QString& registry, const QString& repository, const QDateTime& since) const;

private:
    QString m_path;
    QString m_connection;
};

} // namespace berth
