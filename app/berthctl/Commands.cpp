#include "Commands.h"

#include "CommandSupport.h"
#include "core/registry/Reference.h"
#include "CtlSession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace berth::ctl {
namespace {

    void printLines(const QStringList& lines)
    {
        for (const QString& line : lines)
            std::printf("%s\n", qPrintable(line));
        std::fflush(stdout);
    }

    QString readSecret(bool fromStdin)
    {
        QTextStream in(stdin);
        if (fromStdin || !isatty(STDIN_FILENO))
            return in.readLine();
        std::fprintf(stderr, "Password: ");
        termios saved{};
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        const QString secret = in.readLine();
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
        return secret;
    }

} // namespace

void runTags(CtlSession& session, const QStringList& args, Exit exit)
{
    Reference ref;
    RegistryClient* client = session.clientForArgument(args, QStringLiteral("usage: berthctl tags REPO [--json]"), false, &ref, exit);
    if (!client)
        return;
    client->listTags(ref.path, &session, [&session, ref, exit](Result<QStringList> tags) {
        if (!tags) {
            exit(session.fail(tags.error()));
            return;
        }
        if (session.options().json) {
            printJson({{QStringLiteral("repository"), ref.name()},
                       {QStringLiteral("tags"), QJsonArray::fromStringList(*tags)}});
        } else {
            printLines(*tags);
        }
        exit(0);
    });
}

void runRepos(CtlSession& session, const QStringList& args, Exit exit)
{
    if (args.size() != 1) {
        exit(session.fail(usage(QStringLiteral("usage: berthctl repos REGISTRY [--json]"))));
        return;
    }
    const auto endpoint = session.endpointFor(args.first());
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    RegistryClient* client = session.clientFor(*endpoint);
    client->listRepositories(&session, [&session, name = endpoint->name, exit](Result<QStringList> repos) {
        if (!repos) {
            exit(session.fail(repos.error()));
            return;
        }
        if (session.options().json) {
            printJson({{QStringLiteral("registry"), name},
                       {QStringLiteral("repositories"), QJsonArray::fromStringList(*repos)}});
        } else {
            printLines(*repos);
        }
        exit(0);
    });
}

void runLogin(CtlSession& session, const QStringList& args, const LoginOptions& options, Exit exit)
{
    if (args.size() != 1) {
        exit(session.fail(usage(QStringLiteral("usage: berthctl login REGISTRY [-u USER] [--password-stdin]"))));
        return;
    }
    const auto endpoint = session.endpointFor(args.first());
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    Credentials creds;
    creds.username = options.username;
    if (creds.username.isEmpty()) {
        if (options.passwordStdin) {
            exit(session.fail(usage(QStringLiteral("--password-stdin needs -u USER"))));
            return;
        }
        std::fprintf(stderr, "Username: ");
        creds.username = QTextStream(stdin).readLine().trimmed();
    }
    creds.secret = readSecret(options.passwordStdin);
    if (creds.username.isEmpty() || creds.secret.isEmpty()) {
        exit(session.fail(usage(QStringLiteral("a user name and a password are needed"))));
        return;
    }
    // Check the login against the registry before saving it, as docker login does.
    auto* candidate = new StaticCredentials(creds);
    RegistryClient* client = session.clientFor(*endpoint, candidate);
    client->checkLogin(&session, [&session, candidate, name = endpoint->name, creds, exit](Result<void> checked) {
        delete candidate;
        if (!checked) {
            exit(session.fail(checked.error()));
            return;
        }
        session.logins().save(name, creds, &session, [&session, name, exit](Result<void> saved) {
            if (!saved) {
                exit(session.fail(saved.error()));
                return;
            }
            std::fprintf(stderr, "Login to %s succeeded; the password is kept in the system keychain.\n", qPrintable(name));
            exit(0);
        });
    });
}

void runLogout(CtlSession& session, const QStringList& args, Exit exit)
{
    if (args.size() != 1) {
        exit(session.fail(usage(QStringLiteral("usage: berthctl logout REGISTRY"))));
        return;
    }
    const auto endpoint = session.endpointFor(args.first());
    if (!endpoint) {
        exit(session.fail(endpoint.error()));
        return;
    }
    session.logins().remove(endpoint->name, &session, [&session, name = endpoint->name, exit](Result<void> removed) {
        if (!removed) {
            exit(session.fail(removed.error()));
            return;
        }
        std::fprintf(stderr, "Removed the login for %s.\n", qPrintable(name));
        exit(0);
    });
}

} // namespace berth::ctl
