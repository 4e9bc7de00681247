// A first run on a desktop without a keychain (no session bus: run without the keyring wrapper, so
// QtKeychain fails as it does there): what the empty window offers, and a login that can only be
// kept for the session.
#include "TestSupport.h"
#include "core/session/RegistrySession.h"
#include "ui/browser/RegistryDialog.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/mainwindow/MainWindow.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace berth;

class TestFirstRun : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_home;

    static void saveScreenshot(QWidget* widget, const QString& name)
    {
        QDir().mkpath(QStringLiteral(BERTH_SCREENSHOT_DIR));
        QTest::qWait(50); // widgets shown in a visible window paint on the next event-loop turn
        QVERIFY(widget->grab().save(QStringLiteral(BERTH_SCREENSHOT_DIR) + QLatin1Char('/') + name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        qputenv("BERTH_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("BERTH_CACHE_DIR", m_home.filePath(QStringLiteral("cache")).toUtf8());
        qputenv("DOCKER_CONFIG", m_home.filePath(QStringLiteral("docker")).toUtf8());
        qputenv("XDG_RUNTIME_DIR", m_home.filePath(QStringLiteral("runtime")).toUtf8());
        qunsetenv("DBUS_SESSION_BUS_ADDRESS"); // no keychain on this desktop
    }

    void anEmptyWindowSaysWhatToDoAndALoginCanBeKeptForTheSession()
    {
        RegistrySession session;
        MainWindow window(session);
        window.resize(1280, 800);
        window.show();
        auto* welcome = window.findChild<QWidget*>(QStringLiteral("welcome"));
        QVERIFY(welcome && welcome->isVisible());
        const QString said = welcome->findChild<QLabel*>()->text();
        QVERIFY2(said.contains(QStringLiteral("No registries yet")) && said.contains(QStringLiteral("docker login"))
                     && said.contains(m_home.filePath(QStringLiteral("docker"))),
                 qPrintable(said));
        saveScreenshot(&window, QStringLiteral("first-run.png"));

        window.findChild<QPushButton*>(QStringLiteral("welcomeAddRegistry"))->click();
        auto* dialog = window.findChild<RegistryDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        dialog->addressEdit()->setText(m_bed.basic);

        // An anonymous test fails; switching to a login clears that verdict.
        QSignalSpy tested(dialog, &RegistryDialog::tested);
        dialog->testButton()->click();
        QVERIFY(tested.wait(20000));
        QCOMPARE(tested.last().first().toBool(), false);
        QVERIFY(!dialog->resultLabel()->text().isEmpty());
        dialog->authKind()->setCurrentIndex(1);
        QVERIFY2(dialog->resultLabel()->text().isEmpty(), qPrintable(dialog->resultLabel()->text()));
        dialog->userEdit()->setText(m_bed.username);
        dialog->passwordEdit()->setText(m_bed.password);

        // No keychain: said in words; "no" keeps the dialog open and saves nothing.
        QString asked;
        dialog->setConfirmation([&asked](const QString&, const QString& text) {
            asked = text;
            return false;
        });
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!asked.isEmpty(), 20000);
        QVERIFY2(asked.contains(QStringLiteral("keychain")) && asked.contains(QStringLiteral("this session only"))
                     && asked.contains(QStringLiteral("never written to disk")),
                 qPrintable(asked));
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->resultLabel()->text().contains(QStringLiteral("not saved")), qPrintable(dialog->resultLabel()->text()));
        QVERIFY(!QFile::exists(m_home.filePath(QStringLiteral("config/registries.ini"))));

        // "Yes": the login works until Berth closes; the registry is shown, selected and loaded.
        dialog->setConfirmation([](const QString&, const QString&) { return true; });
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        dialog->accept();
        QVERIFY(settled.wait(20000));
        const int row = window.registryModel()->registryRow(m_bed.basic);
        QVERIFY(row >= 0);
        QCOMPARE(window.registryModel()->stateOf(row), RegistryTreeModel::LoadState::Loaded);
        QVERIFY(session.logins().keptForSession(m_bed.basic));
        QVERIFY(!welcome->isVisible());
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("repositoryTitle"))->text(), QStringLiteral("Select a repository to see its tags."));
        QCOMPARE(window.sidebar()->currentIndex().data(RegistryTreeModel::RegistryNameRole).toString(), m_bed.basic);
        // The password is nowhere on disk.
        QFile ini(m_home.filePath(QStringLiteral("config/registries.ini")));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray saved = ini.readAll();
        QVERIFY(saved.contains(m_bed.basic.toUtf8()));
        QVERIFY(!saved.contains(m_bed.password.toUtf8()));
        saveScreenshot(&window, QStringLiteral("first-run-added.png"));
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_first_run.moc"
