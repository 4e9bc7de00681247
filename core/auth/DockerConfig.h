#pragma once

#include "core/auth/Credentials.h"

#include <QJsonObject>
#include <QStringList>

namespace berth {

// Logins made with `docker login` or `podman login`: docker's config.json and containers'
// auth.json, read on every lookup so that a fresh login is seen at once. Per file, a
// credHelpers entry for the registry wins, then its "auths" entry, then the credsStore; helpers
// are the docker-credential-<name> programs on PATH (docker-credential-helpers protocol).
class DockerConfigCredentials final : public CredentialProvider
{
public:
    // The files in the order the tools read them (podman's auth.json first, docker's last).
    static QStringList defaultFiles();
    explicit DockerConfigCredentials(QStringList files = defaultFiles());

    void lookup(const QString& registry, QObject* context, Callback callback) override;
    // Registries that have an entry (auths, credHelpers), for the sidebar.
    QStringList knownRegistries() const;

    // Exposed for tests: the credentials in one parsed file.
    static std::optional<Credentials> fromAuths(const QJsonObject& config, const QString& registry);

    // Runs `docker-credential-<helper> get` for the registry.
    static void askHelper(const QString& helper, const QString& registry, QObject* context, Callback callback);

private:
    void lookupFrom(qsizetype fileIndex, const QString& registry, QObject* context, Callback callback);
    QStringList m_files;
};

// The keys a registry may appear under in "auths" (docker writes Hub as https://index.docker.io/v1/).
QStringList authKeysFor(const QString& registry);

} // namespace berth
