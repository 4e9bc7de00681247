#include "core/base/Error.h"

#include <QStringList>

namespace berth {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Transport:
        return QStringLiteral("transport");
    case ErrorKind::Tls:
        return QStringLiteral("tls");
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::NotFound:
        return QStringLiteral("not-found");
    case ErrorKind::Denied:
        return QStringLiteral("denied");
    case ErrorKind::RateLimited:
        return QStringLiteral("rate-limited");
    case ErrorKind::Http:
        return QStringLiteral("http");
    case ErrorKind::Protocol:
        return QStringLiteral("protocol");
    case ErrorKind::Parse:
        return QStringLiteral("parse");
    case ErrorKind::DigestMismatch:
        return QStringLiteral("digest-mismatch");
    case ErrorKind::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorKind::InvalidInput:
        return QStringLiteral("invalid-input");
    case ErrorKind::Keychain:
        return QStringLiteral("keychain");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

QString describe(const Error& error)
{
    QString text = error.message;
    QStringList extra;
    if (error.httpStatus > 0)
        extra << QStringLiteral("HTTP %1").arg(error.httpStatus);
    if (!error.registryCode.isEmpty())
        extra << error.registryCode;
    if (!extra.isEmpty())
        text += QStringLiteral(" (") + extra.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

QString suggestion(const Error& error)
{
    switch (error.kind) {
    case ErrorKind::Transport:
        return QStringLiteral("Check the registry address and that it is running and reachable.");
    case ErrorKind::Tls:
        return QStringLiteral("If the registry uses a private CA, pass --ca-file PEM; "
                              "only for a registry you trust, --insecure-skip-tls-verify.");
    case ErrorKind::Auth:
        return QStringLiteral("Log in with 'berthctl login REGISTRY' (or docker/podman login) and check the password.");
    case ErrorKind::NotFound:
        // Only the registry's own 404s: "no such platform" or "no report attached" need no hint.
        if (error.registryCode == u"NAME_UNKNOWN")
            return QStringLiteral("Check the repository name ('berthctl repos REGISTRY' lists them); names are lower case.");
        if (error.registryCode == u"MANIFEST_UNKNOWN")
            return QStringLiteral("'berthctl tags REPO' lists the repository's tags.");
        if (error.httpStatus == 404)
            return QStringLiteral("Check the repository name and tag; names are lower case.");
        break;
    case ErrorKind::Denied:
        return QStringLiteral("Your login lacks permission for this; ask the registry's administrator.");
    case ErrorKind::RateLimited:
        return error.retryAfterSeconds > 0
            ? QStringLiteral("The registry limits requests; try again in %1 s.").arg(error.retryAfterSeconds)
            : QStringLiteral("The registry limits requests; wait a while, or log in for a higher limit.");
    case ErrorKind::InvalidInput:
        // A command line of the wrong form, not a file that is missing or malformed.
        if (error.message.startsWith(QStringLiteral("usage:")))
            return QStringLiteral("See 'berthctl --help' for the expected form.");
        break;
    case ErrorKind::Keychain:
        return QStringLiteral("Start the desktop keyring (Secret Service, e.g. gnome-keyring) and unlock it.");
    case ErrorKind::DigestMismatch:
        return QStringLiteral("The content was altered in transit or in storage; nothing was cached. Retry later.");
    case ErrorKind::Http:
    case ErrorKind::Protocol:
    case ErrorKind::Parse:
    case ErrorKind::Unsupported:
    case ErrorKind::Cancelled:
        break;
    }
    return {};
}

bool unreachable(const Error& error)
{
    return error.kind == ErrorKind::Transport || (error.kind == ErrorKind::Http && error.httpStatus >= 502 && error.httpStatus <= 504);
}

} // namespace berth
