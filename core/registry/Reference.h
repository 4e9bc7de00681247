#pragma once

#include "core/base/Error.h"

#include <QString>

namespace berth {

// An image reference in the docker grammar: [domain/]path[:tag][@digest], normalised the way
// the docker CLI does it (docker.io default domain, library/ for one-component Hub names).
struct Reference
{
    QString domain; // "docker.io", "localhost:5000", "[fc00::1]:5000"
    QString path; // "library/redis", "team/app"
    QString tag; // empty when absent
    QString digest; // "sha256:<hex>", empty when absent

    QString name() const { return domain + QLatin1Char('/') + path; }
    // The canonical form: domain/path[:tag][@digest].
    QString toString() const;
    // The short form users type: docker.io and library/ left out.
    QString familiarName() const;
    bool isDigestOnly() const { return path.isEmpty() && !digest.isEmpty(); }

    // Docker CLI normalisation (distribution's ParseNormalizedNamed); tag and digest optional.
    static Result<Reference> parse(QStringView text);
    // Like parse(), but a bare 64-hex string or "sha256:..." is a digest-only reference.
    static Result<Reference> parseAny(QStringView text);
    // parse(), then :latest when neither tag nor digest is given; a digest wins over a tag.
    static Result<Reference> parseImage(QStringView text);
    // A repository name without tag or digest, as the 'tags' and 'history' commands take it.
    static Result<Reference> parseRepository(QStringView text);

    friend bool operator==(const Reference&, const Reference&) = default;
};

// True for "<algorithm>:<hex>" in the OCI digest grammar with a known hex length for sha256/sha512.
bool isValidDigest(QStringView digest);
// The tag grammar of the distribution spec: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}.
bool isValidTag(QStringView tag);

} // namespace berth
