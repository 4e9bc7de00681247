// docker's config.json and containers' auth.json: "auths" entries, base64 "auth", identity tokens.
#include "FuzzInput.h"
#include "core/auth/DockerConfig.h"

#include <QJsonDocument>
#include <QJsonObject>

BERTH_FUZZ_TARGET
{
    const QJsonObject config = QJsonDocument::fromJson(berth::fuzz::bytes(data, size)).object();
    for (const char* registry : {"registry.example", "docker.io", "https://index.docker.io/v1/", "localhost:5000"})
        (void)berth::DockerConfigCredentials::fromAuths(config, QString::fromLatin1(registry));
    return 0;
}
