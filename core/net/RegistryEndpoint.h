#pragma once

#include "core/base/Error.h"
#include "core/net/HttpMessage.h"

#include <QString>

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

    // Accepts "host[:port]", "https://host[:port]" and "http://host[:port]" (a path is ignored).
    static Result<RegistryEndpoint> fromString(const QString& text);
    bool isLoopback() const;
};

bool isLoopbackHost(const QString& host);

} // namespace berth
