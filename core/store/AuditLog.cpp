#include "core/store/AuditLog.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace berth {

AuditLog::AuditLog(QString databasePath)
    : m_path(std::move(databasePath))
    , m_connection(QStringLiteral("audit-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

AuditLog::~AuditLog()
{
    { QSqlDatabase::database(m_connection, false).close(); }
    QSqlDatabase::removeDatabase(m_connection);
}

QString AuditLog::currentUser()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    if (!user.isEmpty())
        return user;
#ifdef Q_OS_UNIX
    // Sandboxes and services often run without USER; the account database still knows the uid.
    if (const passwd* entry = getpwuid(getuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
#endif
    return QStringLiteral("unknown");
}

Result<void> AuditLog::open()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    QSqlQuery q(db);
    if (!db.open() || !q.exec(QStringLiteral("PRAGMA busy_timeout=5000"))
        || !q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS audit (at INTEGER NOT NULL, user TEXT, action TEXT NOT NULL,"
                                  " registry TEXT, repository TEXT, tag TEXT, from_digest TEXT, to_digest TEXT,"
                                  " succeeded INTEGER NOT NULL, message TEXT)")))
        return std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("cannot open the audit log %1: %2").arg(m_path, db.lastError().text())));
    // Logs written before runs were grouped gain the column once; their entries stay, ungrouped.
    bool hasBatch = false;
    if (q.exec(QStringLiteral("PRAGMA table_info(audit)"))) {
        while (q.next())
            hasBatch = hasBatch || q.value(1).toString() == u"batch";
    }
    if (!hasBatch && !q.exec(QStringLiteral("ALTER TABLE audit ADD COLUMN batch TEXT")))
        return std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("cannot update the audit log %1: %2").arg(m_path, q.lastError().text())));
    return {};
}

Result<void> AuditLog::append(const AuditEntry& e)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO audit (at, user, action, registry, repository, tag, from_digest, to_digest, succeeded, message, batch)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v : {QVariant(e.at.toMSecsSinceEpoch()), QVariant(e.user), QVariant(e.action), QVariant(e.registry),
                              QVariant(e.repository), QVariant(e.tag), QVariant(e.fromDigest), QVariant(e.toDigest),
                              QVariant(e.succeeded ? 1 : 0), QVariant(e.message), QVariant(e.batch)})
        q.addBindValue(v);
    if (!q.exec())
        return std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("cannot write the audit log: %1").arg(q.lastError().text())));
    return {};
}

QList<AuditEntry> AuditLog::entries(int limit) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT rowid, at, user, action, registry, repository, tag, from_digest, to_digest, succeeded, message, batch"
                             " FROM audit ORDER BY rowid DESC LIMIT ?"));
    q.addBindValue(limit);
    QList<AuditEntry> out;
    if (q.exec()) {
        while (q.next())
            out << AuditEntry{q.value(0).toLongLong(), QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), QTimeZone::UTC), q.value(2).toString(),
                              q.value(3).toString(), q.value(4).toString(), q.value(5).toString(), q.value(6).toString(),
                              q.value(7).toString(), q.value(8).toString(), q.value(9).toBool(), q.value(10).toString(),
                              q.value(11).toString()};
    }
    return out;
}

std::optional<AuditEntry> AuditLog::entry(qint64 id) const
{
    for (const AuditEntry& e : entries(1000000)) {
        if (e.id == id)
            return e;
    }
    return std::nullopt;
}

} // namespace berth
