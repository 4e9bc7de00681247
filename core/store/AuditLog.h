#pragma once

#include "core/base/Error.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace berth {

// What Berth changed in a registry, who asked, and how it went (SQLite, next to the tag history).
struct AuditEntry
{
    qint64 id = 0; // set when read back; what `berthctl undo` takes
    QDateTime at;
    QString user; // the local account that made the change
    QString action; // "retag", "delete", ...
    QString registry;
    QString repository;
    QString tag;
    QString fromDigest;
    QString toDigest;
    bool succeeded = false;
    QString message;
    QString batch; // the run that made it (one retention apply): undone together; empty for single changes
};

class AuditLog
{
public:
    explicit AuditLog(QString databasePath);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    Result<void> open();
    Result<void> append(const AuditEntry& entry);
    QList<AuditEntry> entries(int limit = 1000) const; // newest first
    std::optional<AuditEntry> entry(qint64 id) const;

    static QString currentUser();

private:
    QString m_path;
    QString m_connection;
};

} // namespace berth
