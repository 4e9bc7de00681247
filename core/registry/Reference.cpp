#include "core/registry/Reference.h"

#include <QRegularExpression>

namespace berth {
namespace {

    // The grammar of distribution/reference (regexp.go), in one place.
    const QString kAlnum = QStringLiteral("[a-z0-9]+");
    const QString kSeparator = QStringLiteral("(?:[._]|__|[-]+)");
    const QString kPathComponent = kAlnum + QStringLiteral("(?:") + kSeparator + kAlnum + QStringLiteral(")*");
    const QString kDomainComponent = QStringLiteral("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])");
    const QString kDomain = QStringLiteral("(?:") + kDomainComponent + QStringLiteral("(?:\\.") + kDomainComponent
        + QStringLiteral(")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    const QString kTag = QStringLiteral("[\\w][\\w.-]{0,127}");
    const QString kDigest = QStringLiteral("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    const QRegularExpression& referenceRegex()
    {
        static const QRegularExpression re(QStringLiteral("^(?:(") + kDomain + QStringLiteral(")/)?(") + kPathComponent
            + QStringLiteral("(?:/") + kPathComponent + QStringLiteral(")*)(?::(") + kTag + QStringLiteral("))?(?:@(")
            + kDigest + QStringLiteral("))?$"));
        return re;
    }

    const QRegularExpression& hex64Regex()
    {
        static const QRegularExpression re(QStringLiteral("^[a-f0-9]{64}$"));
        return re;
    }

    constexpr int kNameTotalLengthMax = 255;
    const QString kDefaultDomain = QStringLiteral("docker.io");

    Error invalid(const QString& why, QStringView text)
    {
        return Error::make(ErrorKind::InvalidInput,
                           QStringLiteral("invalid reference \"%1\": %2").arg(text.toString(), why));
    }

    bool looksLikeDomain(QStringView first)
    {
        return first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) || first == u"localhost"
            || first.toString().toLower() != first;
    }

} // namespace

QString Reference::toString() const
{
    QString out = isDigestOnly() ? QString() : name();
    if (!tag.isEmpty())
        out += QLatin1Char(':') + tag;
    if (!digest.isEmpty())
        out += (out.isEmpty() ? QString() : QStringLiteral("@")) + digest;
    return out;
}

QString Reference::familiarName() const
{
    if (domain != kDefaultDomain)
        return name();
    if (path.startsWith(QLatin1String("library/")) && path.count(QLatin1Char('/')) == 1)
        return path.mid(8);
    return path;
}

Result<Reference> Reference::parse(QStringView text)
{
    if (text.isEmpty())
        return std::unexpected(invalid(QStringLiteral("the reference is empty"), text));
    if (hex64Regex().matchView(text).hasMatch())
        return std::unexpected(invalid(QStringLiteral("a 64-character hex string is a digest, not a name"), text));

    // Split off the domain as the docker CLI does: only a first component that looks like a host.
    QString domain = kDefaultDomain;
    QString remainder = text.toString();
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash > 0 && looksLikeDomain(text.left(slash))) {
        domain = text.left(slash).toString();
        remainder = text.mid(slash + 1).toString();
    }
    if (domain == u"index.docker.io")
        domain = kDefaultDomain;
    if (domain == kDefaultDomain && !remainder.contains(QLatin1Char('/')))
        remainder = QStringLiteral("library/") + remainder;

    QString remote = remainder;
    const qsizetype at = remote.indexOf(QLatin1Char('@'));
    if (at >= 0)
        remote.truncate(at);
    const qsizetype colon = remote.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        remote.truncate(colon);
    if (remote.toLower() != remote)
        return std::unexpected(invalid(QStringLiteral("repository names must be lower case"), text));

    const QString full = domain + QLatin1Char('/') + remainder;
    const auto match = referenceRegex().match(full);
    if (!match.hasMatch())
        return std::unexpected(invalid(QStringLiteral("it does not follow the name[:tag][@digest] grammar "
                                                      "(lower-case letters, digits, '.', '_', '-', '/')"),
                                       text));
    Reference ref;
    ref.domain = match.captured(1);
    ref.path = match.captured(2);
    ref.tag = match.captured(3);
    ref.digest = match.captured(4);
    if (ref.name().size() > kNameTotalLengthMax)
        return std::unexpected(invalid(QStringLiteral("the name is longer than 255 characters"), text));
    if (!ref.digest.isEmpty() && !isValidDigest(ref.digest))
        return std::unexpected(invalid(QStringLiteral("the digest is malformed"), text));
    return ref;
}

Result<Reference> Reference::parseAny(QStringView text)
{
    if (hex64Regex().matchView(text).hasMatch())
        return Reference{{}, {}, {}, QStringLiteral("sha256:") + text.toString()};
    if (isValidDigest(text))
        return Reference{{}, {}, {}, text.toString()};
    return parse(text);
}

Result<Reference> Reference::parseImage(QStringView text)
{
    auto ref = parse(text);
    if (!ref)
        return ref;
    if (!ref->digest.isEmpty())
        ref->tag.clear();
    else if (ref->tag.isEmpty())
        ref->tag = QStringLiteral("latest");
    return ref;
}

Result<Reference> Reference::parseRepository(QStringView text)
{
    auto ref = parse(text);
    if (ref && (!ref->tag.isEmpty() || !ref->digest.isEmpty()))
        return std::unexpected(invalid(QStringLiteral("a repository name takes no tag or digest"), text));
    return ref;
}

bool isValidDigest(QStringView digest)
{
    static const QRegularExpression re(QStringLiteral("^") + kDigest + QStringLiteral("$"));
    if (!re.matchView(digest).hasMatch())
        return false;
    const qsizetype colon = digest.indexOf(QLatin1Char(':'));
    const QStringView algorithm = digest.left(colon);
    const QStringView hex = digest.mid(colon + 1);
    if (algorithm == u"sha256")
        return hex.size() == 64 && hex.toString().toLower() == hex;
    if (algorithm == u"sha512")
        return hex.size() == 128 && hex.toString().toLower() == hex;
    return true; // other registered algorithms: the grammar is all we can check
}

bool isValidTag(QStringView tag)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$"));
    return re.matchView(tag).hasMatch();
}

} // namespace berth
