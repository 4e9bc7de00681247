#pragma once

#include <QString>
#include <expected>

namespace berth {

// What went wrong, as a kind the callers can act on. The UI turns kinds into sentences.
enum class ErrorKind {
    Transport, // connection refused, DNS, timeout, reset
    Tls, // handshake or certificate verification failed
    Auth, // credentials missing, wrong or expired
    NotFound, // 404 / *_UNKNOWN
    Denied, // 403 / DENIED
    RateLimited, // 429 / TOOMANYREQUESTS
    Http, // any other unexpected HTTP status
    Protocol, // the server broke the protocol (bad headers, redirect loops, oversize bodies)
    Parse, // a body or document that does not parse
    DigestMismatch, // content does not hash to its digest
    Unsupported, // the registry or content type is not supported
    InvalidInput, // the user's input (reference, option) is malformed
    Keychain, // the OS keychain failed or is missing
    Cancelled,
};

struct Error
{
    ErrorKind kind = ErrorKind::Protocol;
    QString message; // technical detail in English, from the server or the library
    int httpStatus = 0;
    QString registryCode; // e.g. MANIFEST_UNKNOWN from the registry's error body
    int retryAfterSeconds = -1; // for RateLimited when the server said so
    bool connectionLost = false; // broken midway (reset, cut short): asking again may work

    static Error make(ErrorKind kind, QString message, int httpStatus = 0, QString registryCode = {})
    {
        return Error{kind, std::move(message), httpStatus, std::move(registryCode), -1};
    }
};

template<typename T>
using Result = std::expected<T, Error>;

// A short stable name for the kind ("transport", "digest-mismatch", ...), used in JSON output.
QString errorKindName(ErrorKind kind);

// One line: what happened, with status and registry code when present.
QString describe(const Error& error);

// Whether a failure means the registry cannot be reached now (no connection, a gateway's 502-504
// during maintenance): then what Berth last saw of it is worth showing, marked as such.
bool unreachable(const Error& error);

// A hint on what the user can try, in English (the CLI prints it; the UI has its own tr() texts).
QString suggestion(const Error& error);

} // namespace berth
