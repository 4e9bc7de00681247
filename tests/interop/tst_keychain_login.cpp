// `berthctl login` keeps the password in the real Secret Service (gnome-keyring), nowhere else.
#include "TestSupport.h"

#include <QDirIterator>
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

    void logoutOfAnUnknownRegistrySaysSo()
    {
        const auto run = test::runBerthctl({QStringLiteral("logout"), QStringLiteral("registry.invalid")}, m_env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("not logged in"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestKeychainLogin)
#include "tst_keychain_login.moc"
