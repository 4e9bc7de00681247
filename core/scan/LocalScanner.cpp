#include "core/scan/LocalScanner.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace berth {

LocalScanner::LocalScanner(QObject* parent)
    : QObject(parent)
{
}

LocalScanner::~LocalScanner()
{
    cancel();
}

QString LocalScanner::availableScanner()
{
    for (const QString& name : {QStringLiteral("trivy"), QStringLiteral("grype")}) {
        const QString path = QStandardPaths::findExecutable(name);
        if (!path.isEmpty())
            return path;
    }
    return {};
}

void LocalScanner::scan(const QString& imageReference, bool plainHttp, std::function<void(Result<VulnerabilityReport>)> done)
{
    const QString program = availableScanner();
    if (program.isEmpty()) {
        done(std::unexpected(Error::make(ErrorKind::Unsupported,
                                         QStringLiteral("neither trivy nor grype is installed; install one to scan images here"))));
        return;
    }
    const bool trivy = QFileInfo(program).fileName() == u"trivy";
    QStringList args;
    if (trivy) {
        args << QStringLiteral("image") << QStringLiteral("--format") << QStringLiteral("json");
        if (plainHttp)
            args << QStringLiteral("--insecure");
        args << imageReference;
    } else {
        args << QStringLiteral("registry:") + imageReference << QStringLiteral("-o") << QStringLiteral("json");
    }
    auto* process = new QProcess(this);
    m_process = process;
    if (!trivy && plainHttp) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("GRYPE_REGISTRY_INSECURE_USE_HTTP"), QStringLiteral("true"));
        process->setProcessEnvironment(env);
    }
    connect(process, &QProcess::readyReadStandardError, this, [this, process] {
        for (const QByteArray& line : process->readAllStandardError().split('\n')) {
            if (!line.trimmed().isEmpty())
                Q_EMIT progress(QString::fromUtf8(line.trimmed()));
        }
    });
    connect(process, &QProcess::finished, this, [process, program, done](int code, QProcess::ExitStatus status) {
        process->deleteLater();
        if (status != QProcess::NormalExit) {
            done(std::unexpected(Error::make(ErrorKind::Cancelled, QStringLiteral("the scan was stopped"))));
            return;
        }
        if (code != 0) {
            done(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("%1 failed (exit %2)").arg(QFileInfo(program).fileName()).arg(code))));
            return;
        }
        done(parseVulnerabilityReport(process->readAllStandardOutput()));
    });
    connect(process, &QProcess::errorOccurred, this, [process, program, done](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            process->deleteLater();
            done(std::unexpected(Error::make(ErrorKind::Unsupported, QStringLiteral("%1 could not be started").arg(program))));
        }
    });
    process->start(program, args);
}

void LocalScanner::cancel()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->kill();
}

} // namespace berth
