#pragma once

#include "core/scan/Vulnerabilities.h"

#include <QObject>
#include <QPointer>
#include <functional>

class QProcess;

namespace berth {

// Runs a scanner installed on this machine (trivy, else grype) on an image reference as a child
// process, reporting its progress lines; cancel() stops it.
class LocalScanner final : public QObject
{
    Q_OBJECT
public:
    explicit LocalScanner(QObject* parent = nullptr);
    ~LocalScanner() override;

    static QString availableScanner(); // the program's path, empty when neither is installed

    // `plainHttp` lets the scanner talk to a registry without TLS (loopback registries).
    void scan(const QString& imageReference, bool plainHttp, std::function<void(Result<VulnerabilityReport>)> done);
    void cancel();

Q_SIGNALS:
    void progress(const QString& line);

private:
    QPointer<QProcess> m_process;
};

} // namespace berth
