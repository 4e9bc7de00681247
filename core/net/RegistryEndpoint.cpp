#include "core/net/RegistryEndpoint.h"

#include <QRegularExpression>
#include <QUrl>

#include <arpa/inet.h>

namespace berth {

bool isLoopbackHost(const QString& host)
{
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    if (bare == u"localhost" || bare.endsWith(QLatin1String(".localhost")))
        return true;
    // inet_pton rather than QHostAddress: QtNetwork alone would load twenty more libraries
    // (libproxy, GnuTLS, GIO) into every berthctl run.
    const QByteArray text = bare.toLatin1();
    in_addr v4{};
    if (inet_pton(AF_INET, text.constData(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, text.constData(), &v6) != 1)
        return false;
    if (IN6_IS_ADDR_LOOPBACK(&v6))
        return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
}

Result<RegistryEndpoint> RegistryEndpoint::fromString(const QString& text)
{
    RegistryEndpoint endpoint;
    QString rest = text.trimmed();
    if (rest.startsWith(QLatin1String("https://"))) {
        endpoint.scheme = Scheme::Https;
        rest = rest.mid(8);
    } else if (rest.startsWith(QLatin1String("http://"))) {
        endpoint.scheme = Scheme::Http;
        rest = rest.mid(7);
    }
    rest = rest.section(QLatin1Char('/'), 0, 0);
    static const QRegularExpression hostPort(
        QStringLiteral("^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                       "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$"));
    if (rest.isEmpty() || !hostPort.match(rest).hasMatch())
        return std::unexpected(Error::make(ErrorKind::InvalidInput,
                                           QStringLiteral("\"%1\" is not a registry address (host[:port])").arg(text)));
    if (rest == u"index.docker.io" || rest == u"registry-1.docker.io")
        rest = QStringLiteral("docker.io");
    endpoint.name = rest.toLower();
    endpoint.apiHost = endpoint.name == u"docker.io" ? QStringLiteral("registry-1.docker.io") : endpoint.name;
    return endpoint;
}

bool RegistryEndpoint::isLoopback() const
{
    QString host = apiHost;
    if (host.startsWith(QLatin1Char('[')))
        host = host.section(QLatin1Char(']'), 0, 0) + QLatin1Char(']');
    else
        host = host.section(QLatin1Char(':'), 0, 0);
    return isLoopbackHost(host);
}

} // namespace berth
