// `berthctl login` keeps the password in the real Secret Service (gnome-keyring), nowhere else.
#include "TestSupport.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestKeychainLogin : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;
    QProcessEnvironment m_env;

    // What the keyring holds for a registry, read with libsecret's own tool (QtKeychain's schema).
    static QByteArray keyringSecret(const QString& registry)
    {
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("berth"),
                                                   QStringLiteral("user"), registry});
        tool.waitForFinished(10000);
        return tool.readAllStandardOutput();
    }

    // No file Berth wrote may contain the password.
    void verifyNoFileHolds(const QString& secret)
    {
        for (const QString& dir : {m_env.value(QStringLiteral("BERTH_CONFIG_DIR")), m_env.value(QStringLiteral("BERTH_CACHE_DIR"))}) {
            QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                QVERIFY(file.open(QIODevice::ReadOnly));
                QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "run under dbus-run-session (ctest does)");
        m_env = test::isolatedEnvironment(m_home.path());
    }

    void wrongPasswordSavesNothing()
    {
        const auto run = test::runBerthctl({QStringLiteral("login"), m_bed.basic, QStringLiteral("-u"), m_bed.username,
                                            QStringLiteral("--password-stdin")},
                                           m_env, "definitely-wrong\n");
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("rejected"), run.err.constData());
        QVERIFY(keyringSecret(m_bed.basic).isEmpty());
    }

    void loginKeepsTheSecretInTheKeyring_data()
    {
        QTest::addColumn<QString>("registry");
        QTest::newRow("basic auth") << m_bed.basic;
        QTest::newRow("token auth") << m_bed.token;
    }

    void loginKeepsTheSecretInTheKeyring()
    {
        QFETCH(QString, registry);
        auto run = test::runBerthctl({QStringLiteral("tags"), registry + QStringLiteral("/demo/webapp")}, m_env);
        QCOMPARE(run.exitCode, 3); // not logged in yet

        run = test::runBerthctl({QStringLiteral("login"), registry, QStringLiteral("-u"), m_bed.username,
                                 QStringLiteral("--password-stdin")},
                                m_env, m_bed.password.toUtf8() + '\n');
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(!run.out.contains(m_bed.password.toUtf8()) && !run.err.contains(m_bed.password.toUtf8()));
        QCOMPARE(keyringSecret(registry), m_bed.password.toUtf8());
        verifyNoFileHolds(m_bed.password);

        run = test::runBerthctl({QStringLiteral("tags"), registry + QStringLiteral("/demo/webapp"), QStringLiteral("--json")}, m_env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("\"1.10.0\""));

        run = test::runBerthctl({QStringLiteral("logout"), registry}, m_env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(keyringSecret(registry).isEmpty());
        run = test::runBerthctl({QStringLiteral("tags"), registry + QStringLiteral("/demo/webapp")}, m_env);
        QCOMPARE(run.exitCode, 3);
    }

    // Logged in to both auth kinds, every command a user runs — text and JSON, a failure included —
    // leaves the secret nowhere: not in stdout or stderr, not in any file Berth wrote (settings,
    // cache, the SQLite databases), neither as the password, nor as the base64 "user:password" of
    // Basic, nor as a bearer token (JWTs start "eyJ"). What Berth writes is its user's alone.
    void secretsNeverLeakAndFilesAreTheUsersAlone()
    {
        const QByteArray basicPair = (m_bed.username + u':' + m_bed.password).toUtf8().toBase64();
        QList<QByteArray> output;
        for (const QString& registry : {m_bed.basic, m_bed.token}) {
            auto run = test::runBerthctl({QStringLiteral("login"), registry, QStringLiteral("-u"), m_bed.username, QStringLiteral("--password-stdin")},
                                         m_env, m_bed.password.toUtf8() + '\n');
            QVERIFY2(run.exitCode == 0, run.err.constData());
            output << run.out << run.err;
            const QString webapp = registry + QStringLiteral("/demo/webapp");
            for (const QStringList& args : QList<QStringList>{{QStringLiteral("repos"), registry},
                                                             {QStringLiteral("tags"), webapp, QStringLiteral("--json")},
                                                             {QStringLiteral("history"), webapp},
                                                             {QStringLiteral("history"), webapp, QStringLiteral("--json")},
                                                             {QStringLiteral("inspect"), webapp + QStringLiteral(":1.10.0"), QStringLiteral("--json")},
                                                             {QStringLiteral("files"), webapp + QStringLiteral(":1.0.0")},
                                                             {QStringLiteral("inspect"), webapp + QStringLiteral(":no-such-tag")},
                                                             {QStringLiteral("audit"), QStringLiteral("--json")}}) {
                run = test::runBerthctl(args, m_env);
                QVERIFY2(run.exitCode == 0 || args.last().contains(QStringLiteral("no-such-tag")), qPrintable(args.join(u' ') + u'\n' + run.err));
                output << run.out << run.err;
            }
        }
        const QList<QByteArray> secrets{m_bed.password.toUtf8(), basicPair, QByteArrayLiteral("eyJ")};
        for (const QByteArray& text : std::as_const(output))
            for (const QByteArray& secret : secrets)
                QVERIFY2(!text.contains(secret), text.constData());
        int files = 0;
        for (const QString& dir : {m_env.value(QStringLiteral("BERTH_CONFIG_DIR")), m_env.value(QStringLiteral("BERTH_CACHE_DIR"))}) {
            QVERIFY2((QFileInfo(dir).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther)) == 0, qPrintable(dir));
            QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QFileInfo info(it.next());
                const auto others = info.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther);
                QVERIFY2(others == 0, qPrintable(QStringLiteral("%1 is readable or writable by others (%2)").arg(info.filePath()).arg(int(info.permissions()), 0, 16)));
                if (!info.isFile())
                    continue;
                ++files;
                QFile file(info.filePath());
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray content = file.readAll();
                for (const QByteArray& secret : secrets)
                    QVERIFY2(!content.contains(secret), qPrintable(info.filePath() + QStringLiteral(" holds ") + QString::fromUtf8(secret.left(3))));
            }
        }
        QVERIFY2(files >= 3, "settings, content store and history should have been written"); // the search saw them
        for (const QString& registry : {m_bed.basic, m_bed.token})
            QCOMPARE(test::runBerthctl({QStringLiteral("logout"), registry}, m_env).exitCode, 0);
    }

    void logoutOfAnUnknownRegistrySaysSo()
    {
        const auto run = test::runBerthctl({QStringLiteral("logout"), QStringLiteral("registry.invalid")}, m_env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("not logged in"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestKeychainLogin)
#include "tst_keychain_login.moc"
