#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>

namespace berth::test {

QString fixturePath(const QString& relative)
{
    return QStringLiteral(BERTH_FIXTURES_DIR) + QLatin1Char('/') + relative;
}

QByteArray readFixture(const QString& relative)
{
    QFile file(fixturePath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixture %s is missing", qPrintable(file.fileName()));
    return file.readAll();
}

std::optional<TestBed> TestBed::load(QString* why)
{
    const QString dir = qEnvironmentVariable("BERTH_BED_DIR", QStringLiteral(BERTH_BED_DIR));
    QFile file(dir + QStringLiteral("/bed.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("the registry test bed is not running (%1 missing); run the tests through ctest, "
                              "which starts it").arg(file.fileName());
        return std::nullopt;
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    TestBed bed;
    bed.anonymous = json.value(QStringLiteral("anonymous")).toString();
    bed.basic = json.value(QStringLiteral("basic")).toString();
    bed.token = json.value(QStringLiteral("token")).toString();
    bed.tls = json.value(QStringLiteral("tls")).toString();
    bed.paging = json.value(QStringLiteral("paging")).toString();
    bed.hostile = json.value(QStringLiteral("hostile")).toString();
    bed.oci11 = json.value(QStringLiteral("oci11")).toString();
    bed.copyBasic = json.value(QStringLiteral("copy_basic")).toString();
    bed.copyToken = json.value(QStringLiteral("copy_token")).toString();
    bed.tokenIssuer = json.value(QStringLiteral("token_issuer")).toString();
    bed.caFile = json.value(QStringLiteral("ca_file")).toString();
    bed.username = json.value(QStringLiteral("username")).toString();
    bed.password = json.value(QStringLiteral("password")).toString();
    bed.seeded = json.value(QStringLiteral("seeded")).toObject();
    bed.stateDir = dir;
    return bed;
}

QStringList TestBed::seededTags(const QString& repository) const
{
    return sortedStrings(seeded.value(repository).toArray());
}

PublicStandIn PublicStandIn::load(const TestBed& bed, const QString& key)
{
    QFile file(bed.stateDir + QStringLiteral("/bed.json"));
    PublicStandIn standIn;
    standIn.caFile = bed.caFile;
    if (file.open(QIODevice::ReadOnly))
        standIn.json = QJsonDocument::fromJson(file.readAll()).object().value(key).toObject();
    return standIn;
}

QStringList PublicStandIn::connectTo() const
{
    QStringList entries;
    for (const QJsonValue& v : json.value(QStringLiteral("connect_to")).toArray())
        entries << v.toString();
    return entries;
}

QString PublicStandIn::token(const QString& user) const
{
    return json.value(QStringLiteral("users")).toObject().value(user).toObject().value(QStringLiteral("token")).toString();
}

QProcessEnvironment PublicStandIn::environment(const QString& dir, const QString& registry, const QString& registryKey, const QString& user,
                                               const QStringList& organisations) const
{
    QProcessEnvironment env = isolatedEnvironment(dir);
    env.insert(QStringLiteral("BERTH_CONNECT_TO"), connectTo().join(QLatin1Char(' ')));
    env.remove(QStringLiteral("GH_TOKEN"));
    env.remove(QStringLiteral("GITHUB_TOKEN"));
    if (!user.isEmpty())
        writeDockerLogin(env, registryKey, user, token(user));
    if (!organisations.isEmpty()) {
        QSettings ini(dir + QStringLiteral("/config/registries.ini"), QSettings::IniFormat);
        ini.beginWriteArray(QStringLiteral("registries"), 1);
        ini.setArrayIndex(0);
        ini.setValue(QStringLiteral("name"), registry);
        ini.setValue(QStringLiteral("namespaces"), organisations);
        ini.endArray();
    }
    return env;
}

QStringList PublicStandIn::curlArguments() const
{
    QStringList args{QStringLiteral("-sS"), QStringLiteral("--cacert"), caFile};
    for (const QString& entry : connectTo())
        args << QStringLiteral("--connect-to") << entry;
    return args;
}

QString PublicStandIn::anonymousToken(const QString& tokenUrl) const
{
    const auto answer = runTool(QStringLiteral("curl"), curlArguments() + QStringList{tokenUrl});
    return QJsonDocument::fromJson(answer.out).object().value(QStringLiteral("token")).toString();
}

QStringList PublicStandIn::registryTags(const QString& tokenUrl, const QString& tagsUrl) const
{
    const auto tags = runTool(QStringLiteral("curl"), curlArguments() + QStringList{
        QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + anonymousToken(tokenUrl), tagsUrl});
    return sortedStrings(QJsonDocument::fromJson(tags.out).object().value(QStringLiteral("tags")).toArray());
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList sortedStrings(const QJsonArray& array)
{
    QStringList out;
    for (const auto& value : array)
        out << value.toString();
    return sorted(out);
}

void writeDockerLogin(const QProcessEnvironment& env, const QString& registry, const QString& user, const QString& password)
{
    QFile config(env.value(QStringLiteral("DOCKER_CONFIG")) + QStringLiteral("/config.json"));
    if (!config.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(config.fileName()));
    const QString auth = QString::fromLatin1((user + QLatin1Char(':') + password).toUtf8().toBase64());
    const QJsonObject entry{{QStringLiteral("auth"), auth}};
    config.write(QJsonDocument(QJsonObject{{QStringLiteral("auths"), QJsonObject{{registry, entry}}}}).toJson());
}

QProcessEnvironment isolatedEnvironment(const QString& dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QDir().mkpath(dir + QStringLiteral("/config"));
    QDir().mkpath(dir + QStringLiteral("/cache"));
    QDir().mkpath(dir + QStringLiteral("/docker"));
    env.insert(QStringLiteral("BERTH_CONFIG_DIR"), dir + QStringLiteral("/config"));
    env.insert(QStringLiteral("BERTH_CACHE_DIR"), dir + QStringLiteral("/cache"));
    env.insert(QStringLiteral("DOCKER_CONFIG"), dir + QStringLiteral("/docker"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/xdg-config"));
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    return env;
}

ProcessResult runTool(const QString& program, const QStringList& args, const QString& workDir, const QProcessEnvironment& env)
{
    QProcess process;
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
    if (!env.isEmpty())
        process.setProcessEnvironment(env);
    process.start(program, args);
    ProcessResult result;
    if (!process.waitForStarted(10000) || !process.waitForFinished(120000)) {
        result.err = program.toUtf8() + " failed to run: " + process.errorString().toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

ProcessResult runBerthctl(const QStringList& args, const QProcessEnvironment& env, const QByteArray& input, int timeoutMs)
{
    QProcess process;
    process.setProgram(QStringLiteral(BERTHCTL_PATH));
    process.setArguments(args);
    if (!env.isEmpty())
        process.setProcessEnvironment(env);
    process.start();
    process.waitForStarted();
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    ProcessResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "berthctl timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

BedHelper::~BedHelper()
{
    if (process) {
        process->kill();
        process->waitForFinished();
    }
}

std::unique_ptr<BedHelper> startBedHelper(const QString& script, const QStringList& args)
{
    auto helper = std::make_unique<BedHelper>();
    helper->process = std::make_unique<QProcess>();
    helper->process->start(QStringLiteral("python3"), QStringList{QStringLiteral(BERTH_SOURCE_DIR "/tests/bed/") + script} + args);
    if (!helper->process->waitForReadyRead(10000))
        return nullptr;
    const QByteArray line = helper->process->readLine().trimmed();
    helper->port = line.mid(line.indexOf(' ') + 1).toInt();
    return line.startsWith("listening ") && helper->port > 0 ? std::move(helper) : nullptr;
}

std::unique_ptr<BedHelper> startRelay(const QString& target, int port)
{
    return startBedHelper(QStringLiteral("tcp_relay.py"), {QStringLiteral("--target"), target, QStringLiteral("--port"), QString::number(port)});
}

} // namespace berth::test
