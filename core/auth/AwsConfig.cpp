#include "core/auth/AwsConfig.h"

#include "core/base/Guarded.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

namespace berth {

namespace {

    // "profile NAME", "profile \"my profile\"" -> the name; nullopt for anything else botocore
    // ignores (two names, a missing end quote, no space after "profile").
    std::optional<QString> profileSectionName(const QString& header)
    {
        if (!header.startsWith(QLatin1String("profile")) || header.size() < 8 || !header.at(7).isSpace())
            return std::nullopt;
        const QStringList words = QProcess::splitCommand(header.mid(8));
        const QString rest = header.mid(8).trimmed();
        const int quotes = int(rest.count(QLatin1Char('"')));
        if (words.size() != 1 || quotes % 2 != 0)
            return std::nullopt;
        return words.first();
    }

    bool isTrue(const QString& value) { return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0; }

    QString readable(const QString& path) { return QDir::toNativeSeparators(path); }

    constexpr qint64 kRefreshBeforeSeconds = 5 * 60; // renew a little before expiry, as the SDKs do
    constexpr int kProcessTimeoutMs = 60 * 1000;

} // namespace

AwsConfigFiles AwsConfigFiles::parse(const QByteArray& text, bool credentialsFile)
{
    AwsConfigFiles files;
    AwsSection* section = nullptr;
    QString nestedKey; // "s3" while reading the indented lines under "s3 ="
    for (const QString& raw : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            const QString header = line.mid(1, line.size() - 2).trimmed();
            nestedKey.clear();
            section = nullptr;
            if (credentialsFile) {
                section = &files.credentials[header];
            } else if (header == u"default") {
                section = &files.profiles[header];
            } else if (const auto name = profileSectionName(header)) {
                section = &files.profiles[*name];
            } else if (header.startsWith(QLatin1String("services "))) {
                section = &files.services[header.mid(9).trimmed()];
            } else if (header.startsWith(QLatin1String("sso-session "))) {
                section = &files.ssoSessions[header.mid(12).trimmed()];
            }
            continue;
        }
        if (!section)
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        const bool indented = raw.at(0).isSpace();
        if (indented && !nestedKey.isEmpty()) {
            if (eq > 0)
                section->insert(nestedKey + QLatin1Char('.') + line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
            continue;
        }
        if (eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        nestedKey = value.isEmpty() ? key : QString();
        if (!value.isEmpty())
            section->insert(key, value);
    }
    return files;
}

AwsConfigFiles AwsConfigFiles::load(const QProcessEnvironment& env)
{
    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    const QString configPath = env.value(QStringLiteral("AWS_CONFIG_FILE"), home + QStringLiteral("/.aws/config"));
    const QString credentialsPath = env.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), home + QStringLiteral("/.aws/credentials"));
    AwsConfigFiles files;
    if (QFile config(configPath); config.open(QIODevice::ReadOnly))
        files = parse(config.readAll(), false);
    if (QFile credentials(credentialsPath); credentials.open(QIODevice::ReadOnly))
        files.credentials = parse(credentials.readAll(), true).credentials;
    files.configPath = configPath;
    files.credentialsPath = credentialsPath;
    return files;
}

AwsSection AwsConfigFiles::profile(const QString& name) const
{
    AwsSection merged = profiles.value(name);
    const AwsSection fromCredentials = credentials.value(name);
    for (auto it = fromCredentials.begin(); it != fromCredentials.end(); ++it)
        merged.insert(it.key(), it.value());
    return merged;
}

QString awsProfileName(const QProcessEnvironment& env)
{
    for (const char* name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
        const QString value = env.value(QString::fromLatin1(name));
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("default");
}

QString awsConfiguredEndpoint(const QString& serviceId, const QString& profile, const AwsConfigFiles& files,
                              const QProcessEnvironment& env, const QString& explicitEndpoint, bool explicitIgnore)
{
    if (!explicitEndpoint.isEmpty())
        return explicitEndpoint;
    if (explicitIgnore)
        return {};
    const AwsSection section = files.profile(profile);
    const QString ignoreVar = QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    const bool ignore = env.contains(ignoreVar) ? isTrue(env.value(ignoreVar)) : isTrue(section.value(QStringLiteral("ignore_configured_endpoint_urls")));
    if (ignore)
        return {};
    // Service ids become AWS_ENDPOINT_URL_<ID> upper-cased and config keys lower-cased, spaces and hyphens as "_".
    QString key = serviceId;
    key.replace(QLatin1Char(' '), QLatin1Char('_')).replace(QLatin1Char('-'), QLatin1Char('_'));
    for (const QString& name : {QStringLiteral("AWS_ENDPOINT_URL_") + key.toUpper(), QStringLiteral("AWS_ENDPOINT_URL")}) {
        if (!env.value(name).isEmpty())
            return env.value(name);
    }
    const AwsSection services = files.services.value(section.value(QStringLiteral("services")));
    if (const QString url = services.value(key.toLower() + QStringLiteral(".endpoint_url")); !url.isEmpty())
        return url;
    return section.value(QStringLiteral("endpoint_url"));
}

AwsCredentialResolver::AwsCredentialResolver(QProcessEnvironment env, QObject* parent)
    : QObject(parent)
    , m_env(std::move(env))
    , m_files(AwsConfigFiles::load(m_env))
    , m_profile(awsProfileName(m_env))
{
}

void AwsCredentialResolver::resolve(QObject* context, std::function<void(Result<AwsCredentials>)> done)
{
    done = guarded<Result<AwsCredentials>>(context, std::move(done));
    if (m_cached && (!m_cached->expiration.isValid()
                     || m_cached->expiration.toSecsSinceEpoch() - QDateTime::currentSecsSinceEpoch() > kRefreshBeforeSeconds)) {
        done(*m_cached);
        return;
    }
    m_cached.reset();
    const AwsSection profile = m_files.profile(m_profile);
    AwsCredentials found;
    found.profile = m_profile;
    found.region = m_env.value(QStringLiteral("AWS_REGION"), m_env.value(QStringLiteral("AWS_DEFAULT_REGION"), profile.value(QStringLiteral("region"))));
    auto deliver = [this, done](Result<AwsCredentials> credentials) {
        if (credentials)
            m_cached = *credentials;
        done(std::move(credentials));
    };

    const QString envKey = m_env.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    const QString envSecret = m_env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    if (!envKey.isEmpty() && !envSecret.isEmpty()) {
        found.accessKeyId = envKey;
        found.secretAccessKey = envSecret;
        found.sessionToken = m_env.value(QStringLiteral("AWS_SESSION_TOKEN"), m_env.value(QStringLiteral("AWS_SECURITY_TOKEN")));
        found.source = QStringLiteral("the environment (AWS_ACCESS_KEY_ID)");
        deliver(found);
        return;
    }
    if (!m_files.hasProfile(m_profile) && m_profile != u"default") {
        done(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("AWS profile \"%1\" (AWS_PROFILE) is in neither %2 nor %3")
                                                              .arg(m_profile, readable(m_files.configPath), readable(m_files.credentialsPath)))));
        return;
    }
    // Ways the SDKs turn a profile into credentials through another AWS service: named, not silently skipped.
    const QString export_ = QStringLiteral("aws configure export-credentials --profile %1 --format process").arg(m_profile);
    auto needsAnotherService = [&](const QString& what) {
        return Error::make(ErrorKind::Unsupported,
                           QStringLiteral("AWS profile \"%1\" uses %2, which Berth does not sign in with yet; add "
                                          "\"credential_process = %3\" to a profile and use that one")
                               .arg(m_profile, what, export_));
    };
    if (profile.contains(QStringLiteral("role_arn"))) {
        done(std::unexpected(needsAnotherService(QStringLiteral("an assumed role (role_arn)"))));
        return;
    }
    if (!m_env.value(QStringLiteral("AWS_WEB_IDENTITY_TOKEN_FILE")).isEmpty() || profile.contains(QStringLiteral("web_identity_token_file"))) {
        done(std::unexpected(needsAnotherService(QStringLiteral("web identity (AWS_WEB_IDENTITY_TOKEN_FILE)"))));
        return;
    }
    if (profile.contains(QStringLiteral("sso_session")) || profile.contains(QStringLiteral("sso_start_url"))) {
        done(std::unexpected(needsAnotherService(QStringLiteral("IAM Identity Center (SSO)"))));
        return;
    }
    const AwsSection inCredentials = m_files.credentials.value(m_profile);
    if (inCredentials.contains(QStringLiteral("aws_access_key_id")) && inCredentials.contains(QStringLiteral("aws_secret_access_key"))) {
        found.accessKeyId = inCredentials.value(QStringLiteral("aws_access_key_id"));
        found.secretAccessKey = inCredentials.value(QStringLiteral("aws_secret_access_key"));
        found.sessionToken = inCredentials.value(QStringLiteral("aws_session_token"), inCredentials.value(QStringLiteral("aws_security_token")));
        found.source = QStringLiteral("profile \"%1\" in %2").arg(m_profile, readable(m_files.credentialsPath));
        deliver(found);
        return;
    }
    if (const QString process = profile.value(QStringLiteral("credential_process")); !process.isEmpty()) {
        found.source = QStringLiteral("the credential_process of profile \"%1\"").arg(m_profile);
        runCredentialProcess(process, found, deliver);
        return;
    }
    const AwsSection inConfig = m_files.profiles.value(m_profile);
    if (inConfig.contains(QStringLiteral("aws_access_key_id")) && inConfig.contains(QStringLiteral("aws_secret_access_key"))) {
        found.accessKeyId = inConfig.value(QStringLiteral("aws_access_key_id"));
        found.secretAccessKey = inConfig.value(QStringLiteral("aws_secret_access_key"));
        found.sessionToken = inConfig.value(QStringLiteral("aws_session_token"));
        found.source = QStringLiteral("profile \"%1\" in %2").arg(m_profile, readable(m_files.configPath));
        deliver(found);
        return;
    }
    done(std::unexpected(Error::make(ErrorKind::Auth,
                                     QStringLiteral("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put "
                                                    "keys or a credential_process in profile \"%1\" of %2 (AWS_PROFILE chooses another profile)")
                                         .arg(m_profile, readable(m_files.credentialsPath)))));
}

void AwsCredentialResolver::runCredentialProcess(const QString& commandLine, AwsCredentials base,
                                                 std::function<void(Result<AwsCredentials>)> done)
{
    // Run without a shell, the command line split as a shell would (botocore does the same).
    QStringList words = QProcess::splitCommand(commandLine);
    if (words.isEmpty()) {
        done(std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1 is empty").arg(base.source))));
        return;
    }
    auto* process = new QProcess(this);
    process->setProcessEnvironment(m_env);
    auto* timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process] { process->kill(); });
    auto finish = [process, base, done](Result<AwsCredentials> result) {
        process->disconnect();
        process->deleteLater();
        done(std::move(result));
    };
    connect(process, &QProcess::errorOccurred, this, [process, base, finish](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("%1 did not start: %2").arg(base.source, process->errorString()))));
    });
    connect(process, &QProcess::finished, this, [process, base, finish](int code, QProcess::ExitStatus status) {
        const QByteArray out = process->readAllStandardOutput();
        const QString err = QString::fromUtf8(process->readAllStandardError()).trimmed();
        if (status != QProcess::NormalExit || code != 0) {
            finish(std::unexpected(Error::make(ErrorKind::Auth, QStringLiteral("%1 failed (exit %2)%3")
                                                                    .arg(base.source)
                                                                    .arg(code)
                                                                    .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + err.left(500)))));
            return;
        }
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        if (json.value(QStringLiteral("Version")).toInt() != 1) {
            finish(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("%1 printed no credentials of Version 1").arg(base.source))));
            return;
        }
        AwsCredentials credentials = base;
        credentials.accessKeyId = json.value(QStringLiteral("AccessKeyId")).toString();
        credentials.secretAccessKey = json.value(QStringLiteral("SecretAccessKey")).toString();
        credentials.sessionToken = json.value(QStringLiteral("SessionToken")).toString();
        if (const QString expiration = json.value(QStringLiteral("Expiration")).toString(); !expiration.isEmpty()) {
            credentials.expiration = QDateTime::fromString(expiration, Qt::ISODateWithMs);
            if (!credentials.expiration.isValid()) {
                finish(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("%1 gave an Expiration that is not an ISO 8601 time: %2")
                                                                            .arg(base.source, expiration.left(60)))));
                return;
            }
        }
        if (credentials.accessKeyId.isEmpty() || credentials.secretAccessKey.isEmpty()) {
            finish(std::unexpected(Error::make(ErrorKind::Protocol, QStringLiteral("%1 gave no AccessKeyId and SecretAccessKey").arg(base.source))));
            return;
        }
        finish(credentials);
    });
    const QString program = words.takeFirst();
    process->start(program, words);
    timer->start(kProcessTimeoutMs);
}

} // namespace berth
