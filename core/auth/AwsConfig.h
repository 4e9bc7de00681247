#pragma once

#include "core/base/Error.h"

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <functional>
#include <optional>

namespace berth {

// One section of an AWS config or credentials file. A nested block ("s3 =" followed by indented
// "key = value" lines) is kept as "s3.key".
using AwsSection = QMap<QString, QString>;

// ~/.aws/config and ~/.aws/credentials read as the AWS SDKs read them (botocore's configloader):
// "[default]" and "[profile NAME]" (quotes optional) in the config file, "[NAME]" in the
// credentials file, "[services NAME]" and "[sso-session NAME]" blocks, nested sub-sections.
struct AwsConfigFiles
{
    QMap<QString, AwsSection> profiles; // the config file's
    QMap<QString, AwsSection> credentials; // the credentials file's, by profile name
    QMap<QString, AwsSection> services;
    QMap<QString, AwsSection> ssoSessions;
    QString configPath; // where they were read from, for messages
    QString credentialsPath;

    // Parses one config file (a credentials file's sections go to `credentials`).
    static AwsConfigFiles parse(const QByteArray& text, bool credentialsFile);
    // The user's two files (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move them).
    static AwsConfigFiles load(const QProcessEnvironment& env);
    // A profile as the SDKs see it: the config file's keys, the credentials file's winning.
    AwsSection profile(const QString& name) const;
    bool hasProfile(const QString& name) const { return profiles.contains(name) || credentials.contains(name); }
};

// The profile in force: AWS_PROFILE, else AWS_DEFAULT_PROFILE, else "default".
QString awsProfileName(const QProcessEnvironment& env);

// The endpoint a client of `serviceId` ("ECR", "S3") is configured to use, looked up as the SDKs
// do: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services block, the profile's
// endpoint_url; none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
// ignore_configured_endpoint_urls) is true. An endpoint given in code (`explicitEndpoint`) wins.
// Empty = the service's own endpoint.
QString awsConfiguredEndpoint(const QString& serviceId, const QString& profile, const AwsConfigFiles& files,
                              const QProcessEnvironment& env, const QString& explicitEndpoint = {}, bool explicitIgnore = false);

struct AwsCredentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    QDateTime expiration; // invalid = does not expire (static keys)
    QString source; // where they came from, never the secret: "environment", "profile ci in /root/.aws/credentials"
    QString profile;
    QString region; // the profile's region, when it names one
};

// Finds AWS credentials in the SDKs' default order: the environment (AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the profile in the credentials file, the profile's
// credential_process, keys in the config file. Profiles that need an AWS call Berth does not make
// (assume-role, SSO, web identity) are named in the error. Credentials are kept until shortly
// before they expire.
class AwsCredentialResolver final : public QObject
{
    Q_OBJECT
public:
    explicit AwsCredentialResolver(QProcessEnvironment env = QProcessEnvironment::systemEnvironment(), QObject* parent = nullptr);

    void resolve(QObject* context, std::function<void(Result<AwsCredentials>)> done);
    // What the last resolve found, if anything (for naming the source in messages).
    std::optional<AwsCredentials> cached() const { return m_cached; }
    // The files and profile in force, for endpoint and region lookups.
    const AwsConfigFiles& files() const { return m_files; }
    QString profile() const { return m_profile; }
    const QProcessEnvironment& environment() const { return m_env; }

private:
    void runCredentialProcess(const QString& commandLine, AwsCredentials base, std::function<void(Result<AwsCredentials>)> done);

    QProcessEnvironment m_env;
    AwsConfigFiles m_files;
    QString m_profile;
    std::optional<AwsCredentials> m_cached;
};

} // namespace berth
