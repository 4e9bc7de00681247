#include "core/image/TagOrdering.h"

#include <QRegularExpression>

namespace berth {

TagKind classifyTag(QStringView tag)
{
    static const QRegularExpression environment(
        QStringLiteral("^(prod|production|stage|staging|dev|develop|development|test|qa|uat|preview)([-_.].*)?$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression date(QStringLiteral("(^|[^0-9])20[0-9]{2}-?[01][0-9]-?[0-3][0-9]([^0-9]|$)"));
    static const QRegularExpression semver(QStringLiteral("^v?[0-9]+(\\.[0-9]+){0,3}([-+][0-9A-Za-z.-]+)?$"));
    static const QRegularExpression sha(QStringLiteral("^[0-9a-f]{7,40}$"));
    static const QRegularExpression attachment(QStringLiteral("^sha(256|512)-[0-9a-f]{64,128}(\\.[a-z]+)?$"));
    if (tag == u"latest")
        return TagKind::Latest;
    if (attachment.matchView(tag).hasMatch())
        return TagKind::Attachment;
    if (environment.matchView(tag).hasMatch())
        return TagKind::Environment;
    if (date.matchView(tag).hasMatch())
        return TagKind::Date;
    // A hex string with a letter is a commit; digits alone read as a version number.
    if (sha.matchView(tag).hasMatch() && tag.toString().contains(QRegularExpression(QStringLiteral("[a-f]"))))
        return TagKind::GitSha;
    if (semver.matchView(tag).hasMatch())
        return TagKind::SemanticVersion;
    return TagKind::Other;
}

QString tagKindName(TagKind kind)
{
    switch (kind) {
    case TagKind::Latest:
        return QStringLiteral("latest");
    case TagKind::Environment:
        return QStringLiteral("environment");
    case TagKind::Date:
        return QStringLiteral("date");
    case TagKind::SemanticVersion:
        return QStringLiteral("semver");
    case TagKind::GitSha:
        return QStringLiteral("git-sha");
    case TagKind::Attachment:
        return QStringLiteral("attachment");
    case TagKind::Other:
        break;
    }
    return QStringLiteral("other");
}

namespace {

    // Natural order: runs of digits compare by value, everything else by character.
    int compareNatural(QStringView a, QStringView b)
    {
        qsizetype i = 0;
        qsizetype j = 0;
        while (i < a.size() && j < b.size()) {
            if (a[i].isDigit() && b[j].isDigit()) {
                qsizetype ei = i;
                qsizetype ej = j;
                while (ei < a.size() && a[ei].isDigit())
                    ++ei;
                while (ej < b.size() && b[ej].isDigit())
                    ++ej;
                QStringView na = a.mid(i, ei - i);
                QStringView nb = b.mid(j, ej - j);
                while (na.size() > 1 && na.front() == QLatin1Char('0'))
                    na = na.mid(1);
                while (nb.size() > 1 && nb.front() == QLatin1Char('0'))
                    nb = nb.mid(1);
                if (na.size() != nb.size())
                    return na.size() < nb.size() ? -1 : 1;
                if (const int c = na.compare(nb); c != 0)
                    return c < 0 ? -1 : 1;
                i = ei;
                j = ej;
                continue;
            }
            if (a[i] != b[j])
                return a[i] < b[j] ? -1 : 1;
            ++i;
            ++j;
        }
        if (i < a.size())
            return 1;
        if (j < b.size())
            return -1;
        return 0;
    }

    QStringView withoutV(QStringView s)
    {
        return (s.size() > 1 && (s[0] == QLatin1Char('v') || s[0] == QLatin1Char('V')) && s[1].isDigit()) ? s.mid(1) : s;
    }

} // namespace

int compareVersions(QStringView a, QStringView b)
{
    a = withoutV(a);
    b = withoutV(b);
    const qsizetype da = a.indexOf(QLatin1Char('-'));
    const qsizetype db = b.indexOf(QLatin1Char('-'));
    const QStringView coreA = da < 0 ? a : a.left(da);
    const QStringView coreB = db < 0 ? b : b.left(db);
    if (const int c = compareNatural(coreA, coreB); c != 0)
        return c;
    if ((da < 0) != (db < 0))
        return da < 0 ? 1 : -1; // the release after its pre-releases
    if (const int c = compareNatural(a, b); c != 0)
        return c;
    return 0;
}

void TagFilter::setText(const QString& text, bool isRegularExpression)
{
    m_text = text;
    m_isRegex = isRegularExpression;
    m_regex = QRegularExpression(isRegularExpression ? text : QString(), QRegularExpression::CaseInsensitiveOption);
}

bool TagFilter::matches(const QString& tag, const QString& digest) const
{
    if (!m_kinds.isEmpty() && !m_kinds.contains(classifyTag(tag)))
        return false;
    if (m_text.isEmpty())
        return true;
    if (m_isRegex)
        return m_regex.isValid() && (m_regex.match(tag).hasMatch() || m_regex.match(digest).hasMatch());
    return tag.contains(m_text, Qt::CaseInsensitive) || digest.contains(m_text, Qt::CaseInsensitive);
}

} // namespace berth
