#pragma once

#include "core/base/Error.h"

#include <QByteArray>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

namespace berth::test {

// A file from tests/fixtures (see PROVENANCE.md there).
QString fixturePath(const QString& relative);
QByteArray readFixture(const QString& relative);

// The running test bed (tests/bed/testbed.py writes bed.json). Fails the test when it is absent:
// a registry test never passes by skipping.
struct TestBed
{
    QString anonymous; // host:port of each registry configuration
    QString basic;
    QString token;
    QString tls;
    QString paging; // front that pages tag lists, over the anonymous registry
    QString hostile; // tests/bed/hostile.py: one misbehaviour per repository
    QString copyBasic; // htpasswd and token auth over a storage of their own: copy destinations
    QString copyToken;
    QString oci11; // an OCI 1.1 registry with the referrers API (go-containerregistry), plain HTTP
    QString tokenIssuer;
    QString caFile; // the test CA that signed the TLS registry's certificate
    QString username;
    QString password;
    QJsonObject seeded; // repository -> [tags] that the bed pushed
    QString stateDir;

    static std::optional<TestBed> load(QString* why);
    // The tags the bed pushed to a repository, sorted.
    QStringList seededTags(const QString& repository) const;
};

// Loads the running bed into `target`, failing the test (never skipping it) when there is none.
#define BERTH_LOAD_BED(target)                                                                                         \
    do {                                                                                                               \
        QString why_;                                                                                                  \
        auto bed_ = berth::test::TestBed::load(&why_);                                                                 \
        QVERIFY2(bed_.has_value(), qPrintable(why_));                                                                  \
        target = *bed_;                                                                                                \
    } while (false)

QStringList sorted(QStringList list);
// The strings of a JSON array, sorted.
QStringList sortedStrings(const QJsonArray& array);
// Writes a docker config.json with an "auths" entry into env's DOCKER_CONFIG.
void writeDockerLogin(const QProcessEnvironment& env, const QString& registry, const QString& user, const QString& password);

// A public registry's stand-in of the bed (bed.json "hub", "ghcr"): reached under the real host
// names through BERTH_CONNECT_TO, with the bed's CA.
struct PublicStandIn
{
    QJsonObject json;
    QString caFile;

    // Loads bed.json's `key`; empty json when the bed has no such stand-in.
    static PublicStandIn load(const TestBed& bed, const QString& key);
    QStringList connectTo() const;
    QString token(const QString& user) const; // the user's personal access token
    // An isolated environment routed to the stand-in; a docker login for `registryKey` when `user`
    // is set, and `organisations` as registries.ini's namespaces for `registry`.
    QProcessEnvironment environment(const QString& dir, const QString& registry, const QString& registryKey, const QString& user,
                                    const QStringList& organisations = {}) const;
    // curl's arguments to reach the stand-in (CA and --connect-to), for reading its APIs directly.
    QStringList curlArguments() const;
    // An anonymous registry token from the registry's token URL, as docker gets one.
    QString anonymousToken(const QString& tokenUrl) const;
    // The tags the registry API lists at `tagsUrl` (.../v2/REPO/tags/list), sorted, read with curl
    // and an anonymous token from `tokenUrl`: what any client sees, not what Berth says.
    QStringList registryTags(const QString& tokenUrl, const QString& tagsUrl) const;
};

struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs berthctl with an isolated config and cache dir (unless env sets them) and waits for it.
ProcessResult runBerthctl(const QStringList& args, const QProcessEnvironment& env = {}, const QByteArray& input = {},
                          int timeoutMs = 60000);

// Runs another program (skopeo, oras, ...) and waits up to two minutes.
ProcessResult runTool(const QString& program, const QStringList& args, const QString& workDir = {},
                      const QProcessEnvironment& env = {});

// A fresh environment for child processes: isolated BERTH_CONFIG_DIR/BERTH_CACHE_DIR/DOCKER_CONFIG.
QProcessEnvironment isolatedEnvironment(const QString& dir);

// A helper of the bed run by a test (tests/bed/tcp_relay.py, webhook_receiver.py), which prints
// "listening PORT" once it accepts connections; killed when this goes.
struct BedHelper
{
    std::unique_ptr<class QProcess> process;
    int port = 0;
    ~BedHelper();
};
// Starts tests/bed/SCRIPT with `args`; nullptr when it did not say it listens within 10 s.
std::unique_ptr<BedHelper> startBedHelper(const QString& script, const QStringList& args);
// tests/bed/tcp_relay.py in front of `target` (host:port) on `port` (0: any): killing it takes the registry away.
std::unique_ptr<BedHelper> startRelay(const QString& target, int port = 0);

// Spins the event loop until `start` calls its callback, or the timeout passes.
template<typename T>
std::optional<Result<T>> waitFor(const std::function<void(std::function<void(Result<T>)>)>& start, int timeoutMs = 30000)
{
    std::optional<Result<T>> out;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    start([&](Result<T> result) {
        out = std::move(result);
        loop.quit();
    });
    if (!out)
        loop.exec();
    return out;
}

} // namespace berth::test
