// The real main window, offscreen, against the registry test bed.
#include "MainWindow.h"
#include "RegistryEndpoint.h"
#include "RegistrySession.h"
#include "RegistryTreeModel.h"
#include "TagListModel.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace berth;

class TestMainWindow : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QTemporaryDir m_config;

    static void saveScreenshot(QWidget* widget, const QString& name)
    {
        QDir().mkpath(QStringLiteral(BERTH_SCREENSHOT_DIR));
        const QString path = QStringLiteral(BERTH_SCREENSHOT_DIR) + QLatin1Char('/') + name;
        QVERIFY2(widget->grab().save(path), qPrintable(path));
    }

    static QModelIndex findRepository(QAbstractItemModel* model, const QString& repository)
    {
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex registry = model->index(r, 0);
            for (int c = 0; c < model->rowCount(registry); ++c) {
                const QModelIndex repo = model->index(c, 0, registry);
                if (repo.data(RegistryTreeModel::RepositoryRole).toString() == repository)
                    return repo;
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        qputenv("BERTH_CONFIG_DIR", m_config.path().toUtf8());
        qputenv("DOCKER_CONFIG", m_config.filePath(QStringLiteral("docker")).toUtf8());
    }

    void listsRepositoriesAndTags()
    {
        RegistrySession session;
        MainWindow window(session);
        QAbstractItemModelTester registryTester(window.registryModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester tagTester(window.tagModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.resize(1000, 600);
        window.show();
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        window.addRegistry(*RegistryEndpoint::fromString(m_bed.anonymous));
        QVERIFY(settled.wait(20000));

        // The sidebar shows the registry with every seeded repository under it.
        QAbstractItemModel* sidebar = window.sidebar()->model();
        QCOMPARE(sidebar->rowCount(), 1);
        const QModelIndex registry = sidebar->index(0, 0);
        QCOMPARE(registry.data().toString(), m_bed.anonymous);
        QStringList shown;
        for (int r = 0; r < sidebar->rowCount(registry); ++r)
            shown << sidebar->index(r, 0, registry).data().toString();
        for (const QString& repo : m_bed.seeded.keys())
            QVERIFY2(shown.contains(repo), qPrintable(repo));

        // Selecting a repository lists its tags.
        QSignalSpy tagsLoaded(&window, &MainWindow::tagsLoaded);
        const QModelIndex webapp = findRepository(sidebar, QStringLiteral("demo/webapp"));
        QVERIFY(webapp.isValid());
        window.sidebar()->setCurrentIndex(webapp);
        QVERIFY(tagsLoaded.wait(20000));
        const QStringList expected = m_bed.seededTags(QStringLiteral("demo/webapp"));
        QCOMPARE(test::sorted(window.tagModel()->tags()), expected);
        QCOMPARE(window.tagView()->model()->rowCount(), expected.size());
        // Sorted ascending from the start, and the SVG icons render (the svg plugin is installed).
        QCOMPARE(window.tagView()->model()->index(0, 0).data().toString(), expected.first());
        QVERIFY(!registry.data(Qt::DecorationRole).value<QIcon>().pixmap(16, 16).isNull());
        saveScreenshot(&window, QStringLiteral("main-window.png"));

        // Ctrl+F focuses the filter; typing narrows the sidebar.
        auto* filter = window.findChild<QLineEdit*>();
        QVERIFY(filter);
        window.activateWindow();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTest::keyClicks(filter, QStringLiteral("webapp"));
        QCOMPARE(sidebar->rowCount(sidebar->index(0, 0)), 1);
        QCOMPARE(sidebar->index(0, 0, sidebar->index(0, 0)).data().toString(), QStringLiteral("demo/webapp"));
        saveScreenshot(&window, QStringLiteral("main-window-filtered.png"));
    }

    void showsAPlainErrorForARegistryThatNeedsALogin()
    {
        RegistrySession session;
        MainWindow window(session);
        window.resize(1000, 600);
        window.show();
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        window.addRegistry(*RegistryEndpoint::fromString(m_bed.basic));
        QVERIFY(settled.wait(20000));
        const QModelIndex registry = window.sidebar()->model()->index(0, 0);
        QVERIFY(registry.data().toString().contains(QStringLiteral("failed")));
        QVERIFY(registry.data(Qt::ToolTipRole).toString().contains(QStringLiteral("login")));
        bool bannerShown = false;
        for (QLabel* label : window.findChildren<QLabel*>()) {
            if (label->isVisible() && label->text().contains(QStringLiteral("needs a valid login")))
                bannerShown = true;
        }
        QVERIFY(bannerShown);
        saveScreenshot(&window, QStringLiteral("main-window-login-error.png"));
    }

    void speaksKorean()
    {
        QTranslator korean;
        QVERIFY(korean.load(QStringLiteral(":/i18n/berth_ko.qm")));
        QApplication::installTranslator(&korean);
        RegistrySession session;
        MainWindow window(session);
        window.resize(1000, 600);
        window.show();
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        window.addRegistry(*RegistryEndpoint::fromString(m_bed.anonymous));
        QVERIFY(settled.wait(20000));
        auto* filter = window.findChild<QLineEdit*>();
        QVERIFY(filter->placeholderText().contains(QStringLiteral("필터")));
        saveScreenshot(&window, QStringLiteral("main-window-ko.png"));
        QApplication::removeTranslator(&korean);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
