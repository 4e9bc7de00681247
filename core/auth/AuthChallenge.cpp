#include "core/auth/AuthChallenge.h"

namespace berth {
namespace {

    bool isTokenChar(QChar c)
    {
        // RFC 9110 tchar, plus '/' for token68 values that a few servers send unquoted.
        return c.isLetterOrNumber() || QStringView(u"!#$%&'*+-.^_`|~/").contains(c);
    }

    void skipSpaceAndCommas(QStringView s, qsizetype& i)
    {
        while (i < s.size() && (s[i].isSpace() || s[i] == QLatin1Char(',')))
            ++i;
    }

    void skipSpace(QStringView s, qsizetype& i)
    {
        while (i < s.size() && s[i].isSpace())
            ++i;
    }

    QString readToken(QStringView s, qsizetype& i)
    {
        const qsizetype start = i;
        while (i < s.size() && isTokenChar(s[i]))
            ++i;
        return s.mid(start, i - start).toString();
    }

    QString readQuoted(QStringView s, qsizetype& i)
    {
        QString out;
        ++i; // opening quote
        while (i < s.size() && s[i] != QLatin1Char('"')) {
            if (s[i] == QLatin1Char('\\') && i + 1 < s.size())
                ++i;
            out += s[i++];
        }
        if (i < s.size())
            ++i; // closing quote
        return out;
    }

} // namespace

QStringList AuthChallenge::scopes() const
{
    return params.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QList<AuthChallenge> AuthChallenge::parse(QByteArrayView header)
{
    QString text = QString::fromUtf8(header).trimmed();
    if (text.startsWith(QLatin1String("www-authenticate:"), Qt::CaseInsensitive))
        text = text.mid(17).trimmed();
    const QStringView s(text);
    QList<AuthChallenge> out;
    qsizetype i = 0;
    while (true) {
        skipSpaceAndCommas(s, i);
        if (i >= s.size())
            break;
        AuthChallenge challenge;
        challenge.scheme = readToken(s, i);
        if (challenge.scheme.isEmpty())
            break; // garbage: stop rather than loop
        // auth-params: name = value pairs, until the next "scheme " that is not followed by '='.
        while (true) {
            skipSpaceAndCommas(s, i);
            const qsizetype mark = i;
            const QString name = readToken(s, i);
            skipSpace(s, i);
            if (name.isEmpty() || i >= s.size() || s[i] != QLatin1Char('=')) {
                i = mark; // the start of the next challenge (or the end)
                break;
            }
            ++i; // '='
            skipSpace(s, i);
            const QString value = (i < s.size() && s[i] == QLatin1Char('"')) ? readQuoted(s, i) : readToken(s, i);
            challenge.params.insert(name.toLower(), value);
        }
        out.append(challenge);
    }
    return out;
}

bool Scope::parse(QStringView text, Scope* out)
{
    const qsizetype first = text.indexOf(QLatin1Char(':'));
    const qsizetype last = text.lastIndexOf(QLatin1Char(':'));
    if (first <= 0 || last <= first)
        return false;
    Scope scope;
    QStringView type = text.left(first);
    if (const qsizetype paren = type.indexOf(QLatin1Char('(')); paren > 0 && type.endsWith(QLatin1Char(')'))) {
        scope.resourceClass = type.mid(paren + 1, type.size() - paren - 2).toString();
        type = type.left(paren);
    }
    scope.type = type.toString();
    scope.name = text.mid(first + 1, last - first - 1).toString();
    scope.actions = text.mid(last + 1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (scope.name.isEmpty())
        return false;
    *out = scope;
    return true;
}

QString Scope::toString() const
{
    QString head = type;
    if (!resourceClass.isEmpty())
        head += QLatin1Char('(') + resourceClass + QLatin1Char(')');
    return head + QLatin1Char(':') + name + QLatin1Char(':') + actions.join(QLatin1Char(','));
}

QString Scope::repository(const QString& name, const QStringList& actions)
{
    return QStringLiteral("repository:") + name + QLatin1Char(':') + actions.join(QLatin1Char(','));
}

} // namespace berth
