#pragma once

#include "core/base/Error.h"
#include "core/net/HttpMessage.h"

#include <QString>
#include <QStringList>

namespace berth {

// How to reach one registry: the name users write, the host that serves its API, and the
// transport choices the user made for it.
struct RegistryEndpoint
{
    enum class Scheme {
        Auto, // HTTPS; loopback registries fall back to plain HTTP, as docker does
        Https,
        Http, // --plain-http
    };

    QString name; // "localhost:5000", "docker.io", "ghcr.io"
    QString apiHost; // "registry-1.docker.io" for docker.io, else the name
    Scheme scheme = Scheme::Auto;
    TlsOptions tls;
    // The registry family whose own API Berth speaks beside the OCI one ("dockerhub", "ghcr", "quay",
    // "harbor", "ecr", "oci"); empty = chosen from the host name.
    QString provider;
    // Where that API lives when it is not the family's usual place (GitHub Enterprise Server's
    // https://HOST/api/v3, a Quay host's https://HOST); empty = the usual place.
    QString apiBase;
    // Namespaces or organisations to list beside the login's own (Hub's API lists no organisations for a token).
    QStringList namespaces;

    // Accepts "host[:port]", "https://host[:port]" and "http://host[:port]" (a path is ignored).
    static Result<RegistryEndpoint> fromString(const QString& text);
    bool isLoopback() const;
};

bool isLoopbackHost(const QString& host);

} // namespace berth
