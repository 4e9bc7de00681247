#include "core/image/TagOrdering.h"

#include <algorithm>

#include <QRegularExpression>
#include <QVarLengthArray>

namespace berth {

namespace {

    // "prod", "staging-eu", "dev.2": an environment's name alone or before a separator, in any case.
    // By hand: as a regular expression it was most of the time a listing of 5,000 tags spent
    // classifying them ("t00001" begins as "test" might).
    bool namesEnvironment(QStringView tag)
    {
        static constexpr QStringView kNames[] = {u"prod", u"production", u"stage", u"staging", u"dev", u"develop",
                                                 u"development", u"test", u"qa", u"uat", u"preview"};
        for (const QStringView name : kNames) {
            // The first letter first: a case-insensitive compare against every name cost a listing's tags more.
            if (tag.size() >= name.size() && QChar::toCaseFolded(tag.front().unicode()) == name.front().unicode()
                && tag.first(name.size()).compare(name, Qt::CaseInsensitive) == 0
                && (tag.size() == name.size() || QStringView(u"-_.").contains(tag[name.size()])))
                return true;
        }
        return false;
    }

} // namespace

TagKind classifyTag(QStringView tag)
{
    static const QRegularExpression date(QStringLiteral("(^|[^0-9])20[0-9]{2}-?[01][0-9]-?[0-3][0-9]([^0-9]|$)"));
    static const QRegularExpression semver(QStringLiteral("^v?[0-9]+(\\.[0-9]+){0,3}([-+][0-9A-Za-z.-]+)?$"));
    static const QRegularExpression sha(QStringLiteral("^[0-9a-f]{7,40}$"));
    static const QRegularExpression attachment(QStringLiteral("^sha(256|512)-[0-9a-f]{64,128}(\\.[a-z]+)?$"));
    if (tag == u"latest")
        return TagKind::Latest;
    // Each pattern only where its first characters allow it: thousands of tags are classified as a
    // listing arrives, and five regular expressions a tag showed in the GUI thread's profile.
    const char16_t first = tag.isEmpty() ? u'\0' : QChar::toLower(tag.front().unicode());
    const bool digitFirst = first >= u'0' && first <= u'9';
    if (tag.startsWith(u"sha") && attachment.matchView(tag).hasMatch())
        return TagKind::Attachment;
    if (QStringView(u"psdtqu").contains(QChar(first)) && namesEnvironment(tag))
        return TagKind::Environment;
    // A date needs eight digits (20YY, MM, DD): "t00020" and "1.20.3" are not tried.
    if (tag.contains(u"20") && std::count_if(tag.begin(), tag.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }) >= 8
        && date.matchView(tag).hasMatch())
        return TagKind::Date;
    // A hex string with a letter is a commit; digits alone read as a version number.
    if ((digitFirst || (first >= u'a' && first <= u'f')) && sha.matchView(tag).hasMatch()
        && tag.toString().contains(QRegularExpression(QStringLiteral("[a-f]"))))
        return TagKind::GitSha;
    if ((digitFirst || first == u'v') && semver.matchView(tag).hasMatch())
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

    // Natural order: runs of digits compare by value, everything else by character. Tags are
    // ASCII (the distribution spec's grammar), so digits are 0-9; a listing sorts 10,000 tags with
    // this, hence raw code units rather than QChar's Unicode tables.
    int compareNatural(QStringView a, QStringView b)
    {
        const char16_t* pa = a.utf16();
        const char16_t* pb = b.utf16();
        const char16_t* const ea = pa + a.size();
        const char16_t* const eb = pb + b.size();
        auto isDigit = [](char16_t c) { return char16_t(c - u'0') < 10; };
        while (pa != ea && pb != eb) {
            if (isDigit(*pa) && isDigit(*pb)) {
                while (pa + 1 != ea && *pa == u'0' && isDigit(pa[1]))
                    ++pa; // leading zeros do not count
                while (pb + 1 != eb && *pb == u'0' && isDigit(pb[1]))
                    ++pb;
                const char16_t* na = pa;
                const char16_t* nb = pb;
                while (na != ea && isDigit(*na))
                    ++na;
                while (nb != eb && isDigit(*nb))
                    ++nb;
                if (na - pa != nb - pb)
                    return na - pa < nb - pb ? -1 : 1;
                for (; pa != na; ++pa, ++pb) {
                    if (*pa != *pb)
                        return *pa < *pb ? -1 : 1;
                }
                continue;
            }
            if (*pa != *pb)
                return *pa < *pb ? -1 : 1;
            ++pa;
            ++pb;
        }
        if (pa != ea)
            return 1;
        if (pb != eb)
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

namespace {
    // compareNatural's order as bytes: each UTF-16 unit as two bytes, big-endian; a run of digits
    // as the unit '0' (which sorts against any other unit as every digit does), its length without
    // leading zeros in two bytes (a longer number is larger), then its digits. Written through a
    // pointer into room made beforehand (at most five bytes per unit): keys are made per tag of
    // listings of thousands.
    char* writeNaturalKey(char* out, QStringView text)
    {
        auto isDigit = [](char16_t c) { return char16_t(c - u'0') < 10; };
        const char16_t* p = text.utf16();
        const char16_t* const end = p + text.size();
        while (p != end) {
            if (!isDigit(*p)) {
                *out++ = char(*p >> 8);
                *out++ = char(*p & 0xff);
                ++p;
                continue;
            }
            while (p + 1 != end && *p == u'0' && isDigit(p[1]))
                ++p;
            const char16_t* run = p;
            while (p != end && isDigit(*p))
                ++p;
            const qsizetype length = p - run;
            *out++ = char(0);
            *out++ = '0';
            *out++ = char((length >> 8) & 0xff);
            *out++ = char(length & 0xff);
            for (; run != p; ++run)
                *out++ = char(*run);
        }
        return out;
    }
} // namespace

QByteArray versionSortKey(QStringView tag)
{
    // compareVersions' steps in order: the part before the first '-', ended by two zero bytes (a
    // shorter part first, as compareNatural puts a prefix first); a release after its
    // pre-releases; then the whole text.
    tag = withoutV(tag);
    const qsizetype dash = tag.indexOf(QLatin1Char('-'));
    // Written where the longest key fits, then kept at its real size: a key sized for the longest
    // is ~10x too large, and 5,000 of them (a table's, a sort's) were a megabyte of new pages.
    QVarLengthArray<char, 1536> key(10 * tag.size() + 3); // a tag is at most 128 characters; longer text goes to the heap
    char* out = writeNaturalKey(key.data(), dash < 0 ? tag : tag.left(dash));
    *out++ = char(0);
    *out++ = char(0);
    *out++ = char(dash < 0 ? 1 : 0);
    out = writeNaturalKey(out, tag);
    return QByteArray(key.constData(), out - key.constData());
}

void TagFilter::setText(const QString& text, bool isRegularExpression)
{
    m_text = text;
    m_isRegex = isRegularExpression;
    m_regex = QRegularExpression(isRegularExpression ? text : QString(), QRegularExpression::CaseInsensitiveOption);
}

bool TagFilter::matches(const QString& tag, const QString& digest, TagKind kind) const
{
    if (!m_kinds.isEmpty() && !m_kinds.contains(kind))
        return false;
    if (m_text.isEmpty())
        return true;
    if (m_isRegex)
        return m_regex.isValid() && (m_regex.match(tag).hasMatch() || m_regex.match(digest).hasMatch());
    return tag.contains(m_text, Qt::CaseInsensitive) || digest.contains(m_text, Qt::CaseInsensitive);
}

} // namespace berth
