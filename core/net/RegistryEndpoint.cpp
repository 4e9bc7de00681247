#include "core/net/RegistryEndpoint.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

namespace berth {

bool isLoopbackHost(const QString& host)
{
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    if (bare == u"localhost" || bare.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
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
