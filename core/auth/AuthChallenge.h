#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace berth {

// One challenge from a WWW-Authenticate header (RFC 9110 11.6.1, RFC 6750 3).
struct AuthChallenge
{
    QString scheme; // "Bearer", "Basic" (as sent; compare case-insensitively)
    QHash<QString, QString> params; // keys lower-cased

    bool isBearer() const { return scheme.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0; }
    bool isBasic() const { return scheme.compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0; }
    QString realm() const { return params.value(QStringLiteral("realm")); }
    QString service() const { return params.value(QStringLiteral("service")); }
    // The scope parameter may hold several scopes separated by spaces.
    QStringList scopes() const;

    // Parses the header value (with or without the "WWW-Authenticate:" prefix); a header may
    // carry several challenges.
    static QList<AuthChallenge> parse(QByteArrayView header);
};

// A token scope: type[(class)]:name:action[,action]. The name may contain "host:port", so the
// type ends at the first ':' and the actions start after the last one.
struct Scope
{
    QString type;
    QString resourceClass;
    QString name;
    QStringList actions;

    static bool parse(QStringView text, Scope* out);
    QString toString() const;
    static QString repository(const QString& name, const QStringList& actions);
};

} // namespace berth
