// The real main window, offscreen, against the registry test bed: what a user sees and does.
#include "core/auth/TokenService.h"
#include "core/image/TagOrdering.h"
#include "core/net/HttpClient.h"
#include "core/net/RegistryEndpoint.h"
#include "core/registry/RegistryClient.h"
#include "core/providers/Provider.h"
#include "core/retention/RegistryPreviewComparison.h"
#include "core/retention/RetentionPlanFile.h"
#include "core/session/RegistrySession.h"
#include "core/session/SavedRegistries.h"
#include "core/store/AuditLog.h"
#include "TestSupport.h"
#include "ui/browser/RegistryDialog.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/browser/TagTableModel.h"
#include "ui/compare/CompareWindow.h"
#include "ui/compare/RepositoryChart.h"
#include "ui/details/FileTreeModel.h"
#include "ui/details/TagDetailsView.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/retention/AuditWindow.h"
#include "ui/widgets/Dates.h"
#include "ui/widgets/Translations.h"
#include "ui/retention/PolicyEditor.h"
#include "ui/retention/RegistryPolicyPane.h"
#include "ui/retention/RetentionWindow.h"
#include "ui/trust/VulnerabilityModel.h"
#include "ui/watch/ChangesWindow.h"
#include "ui/copy/CopyDialog.h"
#include "ui/copy/MirrorRulesWindow.h"
#include "core/watch/Watcher.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QPointer>
#include <QStatusBar>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QFile>
#include <QPushButton>
#include <QIcon>
#include <QLabel>
#include <QAction>
#include <QCompleter>
#include <QThreadPool>
#include <QTimer>
#include <QTimeZone>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSortFilterProxyModel>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>
#include <QListWidget>
#include <QUuid>
#include <QMimeData>
#include <QDropEvent>

using namespace berth;

class TestMainWindow : public QObject
{
    Q_OBJECT
    test::TestBed m_bed;
    QStringList m_trustTree; // the Trust tab's tree on the first registry, to compare with the second
    QTemporaryDir m_config;

    static void saveScreenshot(QWidget* widget, const QString& name)
    {
        QDir().mkpath(QStringLiteral(BERTH_SCREENSHOT_DIR));
        const QString path = QStringLiteral(BERTH_SCREENSHOT_DIR) + QLatin1Char('/') + name;
        QTest::qWait(50); // widgets added to a visible window show on the next event-loop turn
        QVERIFY2(widget->grab().save(path), qPrintable(path));
    }

    // Depth-first through registries and namespaces.
    static QModelIndex findRepository(QAbstractItemModel* model, const QString& repository)
    {
        return RegistryTreeModel::findRepository(model, repository);
    }

    static QStringList column(QTableView* view, int column)
    {
        QStringList out;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            out << view->model()->index(r, column).data().toString();
        return out;
    }

    // The requests Berth sent while `during` ran ("GET host/path -> 200 1.2 ms", from berth.http).
    static QStringList requestsDuring(const std::function<void()>& during)
    {
        static QStringList* sent = nullptr;
        static QLoggingCategory::CategoryFilter rules = nullptr;
        QStringList requests;
        sent = &requests;
        // A filter, not rules: the tests' QT_LOGGING_RULES=*.debug=false outranks rules set in code.
        rules = QLoggingCategory::installFilter([](QLoggingCategory* category) {
            if (rules)
                rules(category);
            if (QByteArrayView(category->categoryName()) == "berth.http")
                category->setEnabled(QtDebugMsg, true);
        });
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext& context, const QString& text) {
            if (sent && context.category && QByteArrayView(context.category) == "berth.http")
                sent->append(text);
        });
        during();
        qInstallMessageHandler(previous);
        QLoggingCategory::installFilter(rules);
        sent = nullptr;
        return requests;
    }

    static int rowOfTag(QTableView* view, const QString& tag)
    {
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            if (view->model()->index(r, TagTableModel::TagColumn).data().toString() == tag)
                return r;
        }
        return -1;
    }

    // A window on the anonymous registry (or `address`), settled, with `repository` open and loaded.
    struct Opened
    {
        RegistrySession session;
        MainWindow window{session};
    };
    std::unique_ptr<Opened> open(const QString& address, const QString& repository)
    {
        auto o = std::make_unique<Opened>();
        o->window.resize(1280, 860);
        o->window.show();
        QSignalSpy settled(&o->window, &MainWindow::registriesSettled);
        o->window.addRegistry(*RegistryEndpoint::fromString(address));
        if (!settled.wait(20000))
            return nullptr;
        if (repository.isEmpty())
            return o;
        QSignalSpy loaded(&o->window, &MainWindow::tagsLoaded);
        const QModelIndex index = findRepository(o->window.sidebar()->model(), repository);
        if (!index.isValid())
            return nullptr;
        o->window.sidebar()->setCurrentIndex(index);
        if (!loaded.wait(20000))
            return nullptr;
        return o;
    }

    // A window on a public registry's stand-in of the bed (reached under its real host name), settled.
    std::unique_ptr<Opened> openPublic(const test::PublicStandIn& standIn, const QString& address, const QStringList& namespaces = {})
    {
        auto o = std::make_unique<Opened>();
        if (!o->session.http().setConnectTo(standIn.connectTo()))
            return nullptr;
        o->window.resize(1280, 860);
        o->window.show();
        RegistryEndpoint endpoint = *RegistryEndpoint::fromString(address);
        endpoint.tls.caFile = m_bed.caFile;
        endpoint.namespaces = namespaces;
        QSignalSpy settled(&o->window, &MainWindow::registriesSettled);
        o->window.addRegistry(endpoint);
        return settled.wait(20000) ? std::move(o) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_LOAD_BED(m_bed);
        qputenv("BERTH_CONFIG_DIR", m_config.filePath(QStringLiteral("config")).toUtf8());
        qputenv("BERTH_CACHE_DIR", m_config.filePath(QStringLiteral("cache")).toUtf8());
        qputenv("DOCKER_CONFIG", m_config.filePath(QStringLiteral("docker")).toUtf8());
    }

    void listsRepositoriesAndTagsWithDates()
    {
        RegistrySession session;
        MainWindow window(session);
        QAbstractItemModelTester registryTester(window.registryModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester tagTester(window.tagModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(window.tagProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.resize(1280, 860);
        window.show();
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        window.addRegistry(*RegistryEndpoint::fromString(m_bed.anonymous));
        QVERIFY(settled.wait(20000));

        QAbstractItemModel* sidebar = window.sidebar()->model();
        QCOMPARE(sidebar->rowCount(), 1);
        const QModelIndex registry = sidebar->index(0, 0);
        QCOMPARE(registry.data().toString(), m_bed.anonymous);
        QVERIFY(!registry.data(Qt::DecorationRole).value<QIcon>().pixmap(16, 16).isNull()); // SVG icons render
        // Each icon is made once: a row painted again draws the same icon, not a new parse of its SVG.
        QCOMPARE(registry.data(Qt::DecorationRole).value<QIcon>().cacheKey(), registry.data(Qt::DecorationRole).value<QIcon>().cacheKey());
        for (const QString& repo : m_bed.seeded.keys())
            QVERIFY2(findRepository(sidebar, repo).isValid(), qPrintable(repo));

        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        window.sidebar()->setCurrentIndex(findRepository(sidebar, QStringLiteral("demo/webapp")));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(test::sorted(window.tagModel()->tags()), m_bed.seededTags(QStringLiteral("demo/webapp")));
        QTableView* tags = window.tagView();

        // Version order by default: 1.10.0 after 1.9.0.
        const QStringList byVersion = column(tags, TagTableModel::TagColumn);
        QVERIFY(byVersion.indexOf(QStringLiteral("1.9.0")) < byVersion.indexOf(QStringLiteral("1.10.0")));
        QCOMPARE(byVersion.first(), QStringLiteral("1.0.0"));

        // Sort by created, newest first: the October build on top, February's at the bottom.
        tags->sortByColumn(TagTableModel::CreatedColumn, Qt::DescendingOrder);
        const QModelIndex newest = tags->model()->index(0, TagTableModel::CreatedColumn);
        const QModelIndex oldest = tags->model()->index(tags->model()->rowCount() - 1, TagTableModel::CreatedColumn);
        QCOMPARE(newest.data(TagTableModel::SortRole).toDateTime(), QDateTime::fromString(QStringLiteral("2026-10-12T09:30:00Z"), Qt::ISODate));
        QCOMPARE(tags->model()->index(tags->model()->rowCount() - 1, 0).data().toString(), QStringLiteral("1.0.0"));
        QVERIFY(!oldest.data().toString().isEmpty());
        QVERIFY(!tags->model()->index(0, TagTableModel::SizeColumn).data().toString().isEmpty());
        QCOMPARE(tags->model()->index(0, TagTableModel::PlatformsColumn).data().toString(), QStringLiteral("linux/amd64"));
        QVERIFY(!window.progressBar()->isVisible());
        saveScreenshot(&window, QStringLiteral("main-window.png"));
    }

    void repositoriesFormATreeByNamespace()
    {
        auto o = open(m_bed.anonymous, {});
        QVERIFY(o);
        QAbstractItemModel* sidebar = o->window.sidebar()->model();
        const QModelIndex webapp = findRepository(sidebar, QStringLiteral("demo/webapp"));
        QVERIFY(webapp.isValid());
        QCOMPARE(webapp.data().toString(), QStringLiteral("webapp"));
        QCOMPARE(webapp.parent().data().toString(), QStringLiteral("demo"));
        QCOMPARE(webapp.parent().parent().data().toString(), m_bed.anonymous);
        // The filter takes a path: "demo/web" leaves demo/webapp alone under demo.
        o->window.findChild<QLineEdit*>(QStringLiteral("repositoryFilter"))->setText(QStringLiteral("demo/web"));
        QCOMPARE(sidebar->rowCount(sidebar->index(0, 0)), 1);
        const QModelIndex demo = sidebar->index(0, 0, sidebar->index(0, 0));
        QCOMPARE(sidebar->rowCount(demo), 1);
        QCOMPARE(sidebar->index(0, 0, demo).data(RegistryTreeModel::RepositoryRole).toString(), QStringLiteral("demo/webapp"));
        // A namespace that matches shows all of its repositories.
        o->window.findChild<QLineEdit*>(QStringLiteral("repositoryFilter"))->setText(QStringLiteral("demo"));
        QCOMPARE(sidebar->rowCount(sidebar->index(0, 0, sidebar->index(0, 0))), 2);
    }

    // A listing's names join the tag table each once: a name shown already, or named twice in one
    // page (Hub's pages can shift while they are read), makes no second row.
    void aTagNameIsOneRow()
    {
        TagTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.appendTags({QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v1"), QStringLiteral("latest")});
        model.appendTags({QStringLiteral("v2"), QStringLiteral("v3"), QStringLiteral("v3")});
        model.appendTags({QStringLiteral("latest")});
        QCOMPARE(model.tags(), (QStringList{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("latest"), QStringLiteral("v3")}));
        QCOMPARE(inserted.size(), 2); // one insertion a call that adds rows, none for the last
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowOf(model.tags().at(row)), row);
        QCOMPARE(model.rowOf(QStringLiteral("v4")), -1);
        QCOMPARE(model.kindAt(model.rowOf(QStringLiteral("latest"))), TagKind::Latest);
    }

    // A whole load becomes the rows: into an empty table at once, else in place (new tags added,
    // gone ones removed); a load that names a tag twice still makes one row for it; the list the
    // table took stays the caller's as it was when a row changes later.
    void aWholeLoadBecomesTheRows()
    {
        auto summary = [](const QString& tag, const QString& digest) {
            TagSummary row;
            row.tag = tag;
            row.digest = digest;
            row.size = 100;
            return row;
        };
        const QString a = QStringLiteral("sha256:") + QString(64, u'a');
        const QString b = QStringLiteral("sha256:") + QString(64, u'b');
        TagTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<TagSummary> first{summary(QStringLiteral("v1"), a), summary(QStringLiteral("v2"), b), summary(QStringLiteral("latest"), b)};
        model.showSummaries(first);
        QCOMPARE(model.tags(), (QStringList{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("latest")}));
        QCOMPARE(model.summaryAt(model.rowOf(QStringLiteral("v2"))).digest, b);
        QCOMPARE(model.kindAt(model.rowOf(QStringLiteral("latest"))), TagKind::Latest);
        QVERIFY(model.index(0, TagTableModel::SizeColumn).data(Qt::ForegroundRole).isNull()); // loaded: not greyed
        const QDateTime pushed = QDateTime::fromString(QStringLiteral("2026-11-02T10:00:00Z"), Qt::ISODate);
        model.setRegistryDates({{QStringLiteral("v2"), pushed, {}}, {QStringLiteral("gone"), pushed, {}}});
        QCOMPARE(model.index(model.rowOf(QStringLiteral("v2")), TagTableModel::PushedColumn).data(TagTableModel::SortRole).toDateTime(), pushed);

        TagSummary changed = summary(QStringLiteral("v1"), b);
        model.update(changed);
        QCOMPARE(model.summaryAt(model.rowOf(QStringLiteral("v1"))).digest, b);
        QCOMPARE(first.at(0).digest, a); // the caller's list is its own

        model.showSummaries({summary(QStringLiteral("v2"), a), summary(QStringLiteral("v3"), a)});
        QCOMPARE(model.tags(), (QStringList{QStringLiteral("v2"), QStringLiteral("v3")}));
        QCOMPARE(model.summaryAt(model.rowOf(QStringLiteral("v2"))).digest, a);
        QCOMPARE(model.index(model.rowOf(QStringLiteral("v2")), TagTableModel::PushedColumn).data(TagTableModel::SortRole).toDateTime(), pushed);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowOf(model.tags().at(row)), row);

        TagTableModel twice;
        twice.showSummaries({summary(QStringLiteral("v1"), a), summary(QStringLiteral("v1"), b), summary(QStringLiteral("v2"), b)});
        QCOMPARE(twice.tags(), (QStringList{QStringLiteral("v1"), QStringLiteral("v2")}));
        QCOMPARE(twice.summaryAt(0).digest, b); // the later one, as the listing said last
        QCOMPARE(twice.rowOf(QStringLiteral("v2")), 1);

        twice.showSummaries({});
        QCOMPARE(twice.rowCount(), 0);
    }

    // A page of repositories goes into the sidebar as one insertion per namespace, so that the
    // sorted sidebar and its view react once a page, not once a row: 5,000 of Hub's took 59 M
    // instructions one at a time. The tree is the one a row at a time built.
    void aPageOfRepositoriesIsOneInsertion()
    {
        HttpClient http;
        TokenService tokens{&http};
        StaticCredentials credentials(std::nullopt);
        RegistryClient client(*RegistryEndpoint::fromString(QStringLiteral("127.0.0.1:9")), &http, &tokens, &credentials);
        RegistryTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addRegistry(&client); // its own catalog fails later: nobody listens on port 9
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QStringList page;
        for (int i = 0; i < 100; ++i)
            page << QStringLiteral("bulk/r%1").arg(i, 3, 10, QLatin1Char('0'));
        model.showOffline(0, page, QStringLiteral("a page"));
        QCOMPARE(inserted.size(), 2); // the namespace, then its hundred repositories
        const QModelIndex bulk = model.index(0, 0, model.index(0, 0));
        QCOMPARE(bulk.data().toString(), QStringLiteral("bulk"));
        QCOMPARE(model.rowCount(bulk), 100);
        QCOMPARE(model.index(99, 0, bulk).data(RegistryTreeModel::RepositoryRole).toString(), QStringLiteral("bulk/r099"));

        // Namespaces new and known, nested, a namespace named as a repository, repeats and empty segments.
        model.showOffline(0, {QStringLiteral("team/a"), QStringLiteral("team/b"), QStringLiteral("team/a"), QStringLiteral("solo"),
                              QStringLiteral("team/sub/c"), QStringLiteral("bulk/r000"), QStringLiteral("bulk/new"),
                              QStringLiteral("team/b/x"), QStringLiteral("team//d")},
                          QStringLiteral("a mixed page"));
        QStringList expected = page;
        expected << QStringLiteral("team/a") << QStringLiteral("team/b") << QStringLiteral("solo") << QStringLiteral("team/sub/c")
                 << QStringLiteral("bulk/new") << QStringLiteral("team/b/x") << QStringLiteral("team/d");
        QCOMPARE(test::sorted(model.repositories(0)), test::sorted(expected));
        QCOMPARE(model.rowCount(bulk), 101);
        const QModelIndex c = RegistryTreeModel::findRepository(&model, QStringLiteral("team/sub/c"));
        QCOMPARE(c.parent().data().toString(), QStringLiteral("sub"));
        QCOMPARE(c.parent().parent().data().toString(), QStringLiteral("team"));
        const QModelIndex x = RegistryTreeModel::findRepository(&model, QStringLiteral("team/b/x"));
        QCOMPARE(x.parent().data().toString(), QStringLiteral("b"));
        QVERIFY(x.parent().data(RegistryTreeModel::RepositoryRole).toString().isEmpty()); // the namespace b, beside the repository b
        QVERIFY(RegistryTreeModel::findRepository(&model, QStringLiteral("team/b")).isValid());
    }

    void opensAndPinsARepositoryByName()
    {
        {
            auto o = open(m_bed.anonymous, {});
            QVERIFY(o);
            o->window.sidebar()->setCurrentIndex(o->window.sidebar()->model()->index(0, 0));
            QVERIFY(!o->window.openRepository(QStringLiteral("Not/Valid")));
            QSignalSpy loaded(&o->window, &MainWindow::tagsLoaded);
            QVERIFY(o->window.openRepository(QStringLiteral("public/hello")));
            QVERIFY(loaded.wait(20000));
            QCOMPARE(test::sorted(o->window.tagModel()->tags()), m_bed.seededTags(QStringLiteral("public/hello")));
        }
        // Pinned repositories come back, marked, even before the catalog answers.
        RegistrySession session;
        MainWindow window(session);
        window.addRegistry(*RegistryEndpoint::fromString(m_bed.anonymous));
        const QModelIndex hello = findRepository(window.sidebar()->model(), QStringLiteral("public/hello"));
        QVERIFY(hello.isValid());
        QVERIFY(hello.data(RegistryTreeModel::PinnedRole).toBool());
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        QVERIFY(settled.wait(20000));
    }

    void addsARegistryWithALoginKeptInTheKeychain()
    {
        RegistrySession session;
        MainWindow window(session);
        window.resize(1280, 860);
        window.show();
        RegistryDialog* dialog = window.openRegistryDialog(false);
        QVERIFY(dialog->isVisible());
        dialog->addressEdit()->setText(m_bed.basic);
        dialog->authKind()->setCurrentIndex(1);
        dialog->userEdit()->setText(m_bed.username);
        dialog->passwordEdit()->setText(QStringLiteral("wrong-password"));
        QSignalSpy tested(dialog, &RegistryDialog::tested);
        dialog->testButton()->click();
        QVERIFY(tested.wait(20000));
        QCOMPARE(tested.last().first().toBool(), false);
        QVERIFY2(dialog->testResult().contains(QStringLiteral("login")), qPrintable(dialog->testResult()));
        dialog->passwordEdit()->setText(m_bed.password);
        dialog->testButton()->click();
        QVERIFY(tested.wait(20000));
        QCOMPARE(tested.last().first().toBool(), true);
        // The registry family can be chosen (here the plain OCI one the host would give anyway).
        dialog->familyBox()->setCurrentIndex(dialog->familyBox()->findData(QStringLiteral("oci")));
        dialog->namespacesEdit()->setText(QStringLiteral("team demo"));
        saveScreenshot(dialog, QStringLiteral("registry-dialog.png"));

        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        dialog->accept(); // the password goes to the keychain, then the registry is shown
        QVERIFY(settled.wait(20000));
        const int row = window.registryModel()->registryRow(m_bed.basic);
        QVERIFY(row >= 0);
        QCOMPARE(window.registryModel()->stateOf(row), RegistryTreeModel::LoadState::Loaded); // logged in from the keychain
        QVERIFY(findRepository(window.sidebar()->model(), QStringLiteral("demo/webapp")).isValid());
        // Saved for the next start, without the password.
        QFile saved(m_config.filePath(QStringLiteral("config/registries.ini")));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray contents = saved.readAll();
        QVERIFY(contents.contains(m_bed.basic.toUtf8()));
        QVERIFY(!contents.contains(m_bed.password.toUtf8()));
        QVERIFY2(contents.contains("provider=oci"), contents.constData());
        QCOMPARE(SavedRegistries::find(m_bed.basic)->namespaces, (QStringList{QStringLiteral("team"), QStringLiteral("demo")}));
    }

    void filtersByTextRegexAndKind()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QTableView* tags = window.tagView();

        // Ctrl+F goes to the tag filter.
        window.activateWindow();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(window.tagFilterEdit()->hasFocus());
        QTest::keyClicks(window.tagFilterEdit(), QStringLiteral("prod"));
        QCOMPARE(column(tags, TagTableModel::TagColumn), QStringList{QStringLiteral("prod-2026-05-21")});

        window.tagFilterEdit()->clear();
        window.findChild<QCheckBox*>()->setChecked(true);
        QTest::keyClicks(window.tagFilterEdit(), QStringLiteral("^1\\.(9|10)\\."));
        QCOMPARE(test::sorted(column(tags, TagTableModel::TagColumn)), (QStringList{QStringLiteral("1.10.0"), QStringLiteral("1.9.0")}));
        window.tagFilterEdit()->setText(QStringLiteral("(broken"));
        QCOMPARE(tags->model()->rowCount(), 0);
        QVERIFY(!window.tagFilterEdit()->toolTip().isEmpty()); // says what is wrong with the expression
        window.tagFilterEdit()->clear();

        // Only git commits.
        auto* kinds = window.findChild<QToolButton*>(QStringLiteral("tagKindFilter"));
        QVERIFY(kinds);
        for (QAction* action : kinds->menu()->actions())
            action->setChecked(TagKind(action->data().toInt()) == TagKind::GitSha);
        QCOMPARE(test::sorted(column(tags, TagTableModel::TagColumn)), (QStringList{QStringLiteral("9f8e7d6"), QStringLiteral("a1b2c3d")}));
        saveScreenshot(&window, QStringLiteral("main-window-filtered.png"));
        for (QAction* action : kinds->menu()->actions())
            action->setChecked(true);
        QCOMPARE(tags->model()->rowCount(), m_bed.seededTags(QStringLiteral("demo/webapp")).size());
    }

    void showsTheDetailsOfATag()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy shown(&window, &MainWindow::detailsShown);
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("1.9.0")), 0));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 20000);
        TagDetailsView* details = window.detailsView();
        QVERIFY(details->pullCommand().startsWith(QStringLiteral("docker pull ") + m_bed.anonymous + QStringLiteral("/demo/webapp@sha256:")));
        QVERIFY(details->findChild<QPlainTextEdit*>(QStringLiteral("manifestView"))->toPlainText().contains(QStringLiteral("\"schemaVersion\": 2")));
        QVERIFY(details->findChild<QPlainTextEdit*>(QStringLiteral("configView"))->toPlainText().contains(QStringLiteral("APP_VERSION=1.9.0")));
        auto* layers = details->findChild<QTableWidget*>();
        QCOMPARE(layers->rowCount(), 3); // base, app, and the layer that deletes style.css
        saveScreenshot(&window, QStringLiteral("details-overview.png"));
        details->tabs()->setCurrentIndex(1);
        saveScreenshot(&window, QStringLiteral("details-manifest.png"));
        details->tabs()->setCurrentIndex(4);
        saveScreenshot(&window, QStringLiteral("details-layers.png"));
    }

    void showsTheFilesOfAnImage()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy shown(&window, &MainWindow::detailsShown);
        QSignalSpy contents(&window, &MainWindow::contentsShown);
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("1.9.0")), 0));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 20000);
        TagDetailsView* details = window.detailsView();
        details->tabs()->setCurrentIndex(details->filesTabIndex());
        QTRY_COMPARE_WITH_TIMEOUT(contents.size(), 1, 30000);
        FileTreeModel* files = details->fileModel();
        QAbstractItemModelTester tester(files, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto find = [files](const QStringList& path) {
            QModelIndex at;
            for (const QString& part : path) {
                QModelIndex next;
                for (int r = 0; r < files->rowCount(at); ++r) {
                    if (files->index(r, 0, at).data().toString() == part)
                        next = files->index(r, 0, at);
                }
                if (!next.isValid())
                    return QModelIndex();
                at = next;
            }
            return at;
        };
        const QModelIndex theme = find({QStringLiteral("app"), QStringLiteral("static"), QStringLiteral("theme.css")});
        QVERIFY(theme.isValid());
        QCOMPARE(files->index(theme.row(), FileTreeModel::LayerColumn, theme.parent()).data().toString(), QStringLiteral("3"));
        QVERIFY(!find({QStringLiteral("app"), QStringLiteral("static"), QStringLiteral("style.css")}).isValid()); // whited out
        QVERIFY(find({QStringLiteral("etc"), QStringLiteral("debian_version")}).isValid());
        bool wasted = false;
        for (QLabel* label : details->findChildren<QLabel*>())
            wasted = wasted || label->text().contains(QStringLiteral("style.css")); // the deleted file still costs bytes
        QVERIFY(wasted);
        saveScreenshot(&window, QStringLiteral("details-files.png"));
    }

    void comparesTwoTags()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QTableView* tags = window.tagView();
        QVERIFY(!window.compareSelectedTags()); // nothing selected yet
        tags->selectionModel()->select(tags->model()->index(rowOfTag(tags, QStringLiteral("1.9.0")), 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        tags->selectionModel()->select(tags->model()->index(rowOfTag(tags, QStringLiteral("1.2.0")), 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        CompareWindow* compare = window.compareSelectedTags();
        QVERIFY(compare);
        QSignalSpy compared(compare, &CompareWindow::compared);
        QVERIFY(compared.wait(30000));
        QVERIFY(compare->windowTitle().indexOf(QStringLiteral("1.2.0")) < compare->windowTitle().indexOf(QStringLiteral("1.9.0"))); // older first
        QMap<QString, QString> files;
        for (int i = 0; i < compare->filesView()->topLevelItemCount(); ++i)
            files.insert(compare->filesView()->topLevelItem(i)->text(1), compare->filesView()->topLevelItem(i)->text(0));
        QCOMPARE(files.value(QStringLiteral("app/static/theme.css")), QStringLiteral("added"));
        QCOMPARE(files.value(QStringLiteral("app/static/style.css")), QStringLiteral("removed"));
        bool env = false;
        for (int i = 0; i < compare->configView()->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* item = compare->configView()->topLevelItem(i);
            env = env || (item->text(0) == u"Env APP_VERSION" && item->text(1) == u"1.2.0" && item->text(2) == u"1.9.0");
        }
        QVERIFY(env);
        QVERIFY(compare->packagesView()->topLevelItemCount() > 0);
        // Layers in the images' order: A's base first (1.2.0's 1, 2), then B's own (1.9.0's 1, 2, 3).
        QStringList order;
        for (int i = 0; i < compare->layersView()->topLevelItemCount(); ++i)
            order << compare->layersView()->topLevelItem(i)->text(0) + u'/' + compare->layersView()->topLevelItem(i)->text(1);
        QCOMPARE(order, (QStringList{QStringLiteral("1/"), QStringLiteral("2/"), QStringLiteral("/1"), QStringLiteral("/2"), QStringLiteral("/3")}));
        // The rebuilt base changed only the times of its files: hidden, counted, one click away.
        int timeOnly = 0;
        int hidden = 0;
        for (int i = 0; i < compare->filesView()->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* item = compare->filesView()->topLevelItem(i);
            timeOnly += item->text(4) == u"modified time" ? 1 : 0;
            hidden += item->isHidden() ? 1 : 0;
            QVERIFY(item->isHidden() == (item->text(4) == u"modified time"));
        }
        QVERIFY(timeOnly > 0);
        QVERIFY2(compare->timeOnlyToggle()->text().contains(QString::number(timeOnly)), qPrintable(compare->timeOnlyToggle()->text()));
        compare->resize(1100, 700);
        compare->tabs()->setCurrentIndex(1);
        saveScreenshot(compare, QStringLiteral("compare-files.png"));
        compare->timeOnlyToggle()->setChecked(true);
        for (int i = 0; i < compare->filesView()->topLevelItemCount(); ++i)
            QVERIFY(!compare->filesView()->topLevelItem(i)->isHidden());
        // Closed from the keyboard, as any window.
        QPointer<CompareWindow> closing = compare;
        compare->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(compare));
        QTest::keyClick(compare, Qt::Key_W, Qt::ControlModifier);
        QTRY_VERIFY(closing.isNull());
    }

    void restoresATagFromItsTimeline()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("gui/moving"));
        QVERIFY(o);
        MainWindow& window = o->window;
        auto* chart = window.findChild<RepositoryChart*>();
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tagTabs"));
        QVERIFY(tabs);
        tabs->setCurrentWidget(chart); // drawn when it is looked at
        QCOMPARE(chart->pointCount(), 2); // two builds; "current" shares v1's
        tabs->setCurrentIndex(0);
        auto digestOf = [&](const QString& tag) { return window.tagModel()->summaryAt(window.tagModel()->rowOf(tag)).digest; };
        const QString v1 = digestOf(QStringLiteral("v1"));
        const QString v2 = digestOf(QStringLiteral("v2"));
        QCOMPARE(digestOf(QStringLiteral("current")), v1);

        // Someone pushes v2 as "current"; Berth sees the move on refresh.
        HttpClient http;
        TokenService tokens(&http);
        StaticCredentials none(std::nullopt);
        RegistryClient pusher(*RegistryEndpoint::fromString(m_bed.anonymous), &http, &tokens, &none);
        auto v2Manifest = test::waitFor<Manifest>([&](auto done) { pusher.fetchManifest(QStringLiteral("gui/moving"), v2, nullptr, done); });
        QVERIFY(v2Manifest && v2Manifest->has_value());
        auto moved = test::waitFor<QString>([&](auto done) {
            pusher.putManifest(QStringLiteral("gui/moving"), QStringLiteral("current"), v2Manifest->value().raw, v2Manifest->value().mediaType, nullptr, done);
        });
        QVERIFY(moved && moved->has_value());
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(digestOf(QStringLiteral("current")), v2);

        QSignalSpy shown(&window, &MainWindow::detailsShown);
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("current")), 0));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 20000);
        QTreeWidget* timeline = window.detailsView()->timelineView();
        QCOMPARE(timeline->topLevelItemCount(), 2);
        QCOMPARE(timeline->topLevelItem(0)->text(0), v1);
        QCOMPARE(timeline->topLevelItem(1)->text(3), QStringLiteral("current"));
        window.detailsView()->tabs()->setCurrentIndex(window.detailsView()->tabs()->count() - 1);
        saveScreenshot(&window, QStringLiteral("details-timeline.png"));

        // Restore, answering "no" and then "yes".
        QString asked;
        window.setConfirmation([&asked](const QString&, const QString& text) {
            asked = text;
            return false;
        });
        QSignalSpy restored(&window, &MainWindow::tagRestored);
        window.detailsView()->requestRestore(0);
        QVERIFY(asked.contains(v1));
        // "No" changed nothing, also after a full round trip to the registry that any stray
        // restore would have preceded: the tag still points at v2 there.
        loaded.clear();
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(digestOf(QStringLiteral("current")), v2);
        QCOMPARE(restored.size(), 0);
        QCOMPARE(window.detailsView()->timelineView()->topLevelItemCount(), 2); // a refresh keeps the details shown
        window.setConfirmation([](const QString&, const QString&) { return true; });
        window.detailsView()->requestRestore(0);
        QVERIFY(restored.wait(20000));
        QCOMPARE(restored.first().at(2).toBool(), true);
        QVERIFY(loaded.wait(20000)); // the window reloads the repository
        QCOMPARE(digestOf(QStringLiteral("current")), v1);
        auto audit = o->session.auditLog();
        QVERIFY(audit);
        const QList<AuditEntry> entries = (*audit)->entries();
        QVERIFY(!entries.isEmpty());
        QCOMPARE(entries.first().action, QStringLiteral("retag"));
        QCOMPARE(entries.first().fromDigest, v2);
        QCOMPARE(entries.first().toDigest, v1);
        QVERIFY(entries.first().succeeded);

        window.findChild<QTabWidget*>(QStringLiteral("tagTabs"))->setCurrentIndex(1);
        saveScreenshot(&window, QStringLiteral("size-over-time.png"));
    }

    // Rules written in the window, checked as ECR checks them, exported as ECR's JSON and planned.
    void editsAPolicyAndPlansIt()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("gui/retention"));
        QVERIFY(o);
        RetentionWindow* retention = o->window.openRetentionPlan();
        QVERIFY(retention);
        PolicyEditor* editor = retention->editPolicy();
        QTableWidget* rules = editor->rules();
        QCOMPARE(rules->rowCount(), 1); // the starting rule: untagged images after 14 days
        editor->addRule(); // tagged, pattern "*", more than 10 images
        QCOMPARE(rules->rowCount(), 2);
        auto widget = [&]<typename W>(int row, int column) {
            QWidget* w = rules->cellWidget(row, column);
            return qobject_cast<W*>(w) ? qobject_cast<W*>(w) : w->findChild<W*>();
        };
        widget.operator()<QLineEdit>(1, 1)->setText(QStringLiteral("keep two releases"));
        widget.operator()<QLineEdit>(1, 3)->setText(QStringLiteral("v")); // prefixes and patterns together: ECR refuses
        widget.operator()<QSpinBox>(1, 6)->setValue(2);
        editor->accept();
        QVERIFY(editor->isVisible());
        QVERIFY2(editor->error()->text().contains(QStringLiteral("exactly one of tagPrefixList and tagPatternList")), qPrintable(editor->error()->text()));
        widget.operator()<QLineEdit>(1, 4)->clear();

        const QString exported = m_config.filePath(QStringLiteral("edited-policy.json"));
        QVERIFY(editor->exportFile(exported));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(
            "{\"rules\":[{\"rulePriority\":1,\"description\":\"untagged images after 14 days\",\"selection\":{\"tagStatus\":\"untagged\","
            "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}},"
            "{\"rulePriority\":2,\"description\":\"keep two releases\",\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],"
            "\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}").object();
        QCOMPARE(QJsonDocument::fromJson(file.readAll()).object(), expected);
        saveScreenshot(editor, QStringLiteral("policy-editor.png"));

        // Using it plans it: of v1 (also "latest"), v2 and v3 the two newest stay; v1 goes were it not for "latest".
        QSignalSpy shown(retention, &RetentionWindow::planShown);
        editor->accept();
        QVERIFY(shown.wait(20000));
        QCOMPARE(retention->planView()->topLevelItemCount(), 3);
        QCOMPARE(retention->plan().expiring(), 0);
        QCOMPARE(retention->ruleFilter()->count(), 4); // any rule, rule 1, rule 2, no rule

        // A Harbor policy imported into the editor comes back as Harbor rules.
        PolicyEditor* again = retention->editPolicy();
        QCOMPARE(again->rules()->rowCount(), 2); // the editor opens on the policy in use
        QFile harbor(m_config.filePath(QStringLiteral("harbor.json")));
        QVERIFY(harbor.open(QIODevice::WriteOnly));
        harbor.write("{\"algorithm\":\"or\",\"rules\":[{\"priority\":1,\"action\":\"retain\",\"template\":\"latestPushedK\","
                     "\"params\":{\"latestPushedK\":1},\"tag_selectors\":[{\"kind\":\"doublestar\",\"decoration\":\"matches\",\"pattern\":\"v*\"}]}]}");
        harbor.close();
        QVERIFY(again->importFile(harbor.fileName()));
        QCOMPARE(again->kind()->currentIndex(), 1);
        QCOMPARE(again->rules()->rowCount(), 1);
        saveScreenshot(again, QStringLiteral("policy-editor-harbor.png"));
        again->accept();
        QVERIFY(shown.wait(20000));
        QCOMPARE(retention->plan().expiring(), 1); // v2: only the newest v* is retained, v1 is "latest"
        retention->close();

        // The repository's last policy comes back with the window.
        RetentionWindow* reopened = o->window.openRetentionPlan();
        QSignalSpy replanned(reopened, &RetentionWindow::planShown);
        QVERIFY(replanned.wait(20000));
        QVERIFY2(reopened->policyName()->text().startsWith(QStringLiteral("last used policy (Harbor")), qPrintable(reopened->policyName()->text()));
        QCOMPARE(reopened->plan().expiring(), 1);

        // A Quay policy prunes tags: keeping two tags prunes v1 and latest, but "latest" is protected,
        // so the oldest image stays and only loses v1.
        QFile quay(m_config.filePath(QStringLiteral("quay.json")));
        QVERIFY(quay.open(QIODevice::WriteOnly));
        quay.write("{\"method\":\"number_of_tags\",\"value\":2}");
        quay.close();
        QVERIFY(reopened->loadPolicy(quay.fileName()));
        QVERIFY(replanned.wait(20000));
        QTreeWidget* rows = reopened->planView();
        QTreeWidgetItem* oldest = nullptr;
        for (int i = 0; i < rows->topLevelItemCount(); ++i) {
            if (rows->topLevelItem(i)->text(1).contains(QStringLiteral("latest")))
                oldest = rows->topLevelItem(i);
        }
        QVERIFY(oldest);
        QCOMPARE(oldest->text(0), QStringLiteral("untag"));
        QCOMPARE(oldest->toolTip(1), QStringLiteral("Removed: v1; the image stays"));
        QCOMPARE(reopened->plan().expiring(), 0);
        QVERIFY(reopened->totals()->text().contains(QStringLiteral("lose some tags (tag-only deletion): 1")));
        saveScreenshot(reopened, QStringLiteral("retention-quay.png"));
        reopened->close();
    }

    void plansAndAppliesARetentionPolicy()
    {
        // v2's image gets a second tag, so that applying the plan deletes two tags in one run.
        const auto tagged = test::runBerthctl({QStringLiteral("tag"), m_bed.anonymous + QStringLiteral("/gui/retention:v2"), QStringLiteral("candidate")},
                                              test::isolatedEnvironment(m_config.filePath(QStringLiteral("ctl-retag"))));
        QVERIFY2(tagged.exitCode == 0, tagged.err.constData());
        auto o = open(m_bed.anonymous, QStringLiteral("gui/retention"));
        QVERIFY(o);
        MainWindow& window = o->window;
        RetentionWindow* retention = window.openRetentionPlan();
        QVERIFY(retention);
        QSignalSpy initialPlan(retention, &RetentionWindow::planShown);
        QSignalSpy permission(retention, &RetentionWindow::permissionChecked);
        QVERIFY(permission.wait(20000));
        // The policy last used here (from editsAPolicyAndPlansIt) is planned first; let that finish.
        if (retention->policyName()->text().startsWith(QStringLiteral("last used policy")))
            QTRY_VERIFY_WITH_TIMEOUT(initialPlan.count() >= 1, 20000);
        QCOMPARE(permission.first().first().toBool(), true);
        // How this registry deletes is said where the user would apply the plan.
        QVERIFY2(retention->applyButton()->toolTip().contains(QStringLiteral("garbage collection")), qPrintable(retention->applyButton()->toolTip()));
        // A plain distribution registry keeps no push times, and the window says what it counts from instead.
        QTRY_COMPARE(retention->dates()->text(),
                     QStringLiteral("This registry does not report push times: ages count from build dates, else from when Berth first saw an image."));

        // A broken policy says why and plans nothing.
        QFile bad(m_config.filePath(QStringLiteral("bad-policy.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        bad.close();
        const int rowsBefore = retention->planView()->topLevelItemCount();
        QVERIFY(!retention->loadPolicy(bad.fileName()));
        QVERIFY(!retention->error()->isHidden());
        QCOMPARE(retention->planView()->topLevelItemCount(), rowsBefore); // the plan shown stays as it was

        // Keep one image; "latest" (on the oldest build) is kept by the window's default guard.
        QFile policy(m_config.filePath(QStringLiteral("keep-newest.json")));
        QVERIFY(policy.open(QIODevice::WriteOnly));
        policy.write("{\"rules\":[{\"rulePriority\":1,\"description\":\"keep the newest\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        policy.close();
        QSignalSpy shown(retention, &RetentionWindow::planShown);
        QVERIFY(retention->loadPolicy(policy.fileName()));
        QVERIFY(shown.wait(20000));
        QTreeWidget* plan = retention->planView();
        QCOMPARE(plan->topLevelItemCount(), 3);
        auto actionOf = [&](const QString& tags) { // the action of the image carrying this tag
            for (int i = 0; i < plan->topLevelItemCount(); ++i) {
                if (plan->topLevelItem(i)->text(1).split(QStringLiteral(", ")).contains(tags))
                    return plan->topLevelItem(i)->text(0);
            }
            return QString();
        };
        QCOMPARE(actionOf(QStringLiteral("v3")), QStringLiteral("keep"));
        QCOMPARE(actionOf(QStringLiteral("v2")), QStringLiteral("delete"));
        QCOMPARE(actionOf(QStringLiteral("latest")), QStringLiteral("keep"));
        QVERIFY(retention->totals()->text().contains(QStringLiteral("1 of 3 images")));
        QVERIFY(retention->totals()->text().contains(QStringLiteral("garbage collection")));
        auto visible = [&] {
            int n = 0;
            for (int i = 0; i < plan->topLevelItemCount(); ++i)
                n += plan->topLevelItem(i)->isHidden() ? 0 : 1;
            return n;
        };
        retention->actionFilter()->setCurrentIndex(1); // to delete
        QCOMPARE(visible(), 1);
        retention->actionFilter()->setCurrentIndex(0);
        retention->ruleFilter()->setCurrentIndex(retention->ruleFilter()->findData(1));
        QCOMPARE(visible(), 2); // v2 expired by rule 1, v3 kept by it; v1 kept by the guard, not a rule
        retention->ruleFilter()->setCurrentIndex(0);
        QVERIFY(retention->applyButton()->isEnabled());
        saveScreenshot(retention, QStringLiteral("retention-plan.png"));
        // Exported for review, the plan reads back as berthctl applies it: exactly v2's image.
        const QString exported = m_config.filePath(QStringLiteral("gui-plan.json"));
        QVERIFY(retention->exportPlan(exported));
        QFile exportedFile(exported);
        QVERIFY(exportedFile.open(QIODevice::ReadOnly));
        const auto planned = deletionRequestsFromPlanJson(exportedFile.readAll(), m_bed.anonymous + QStringLiteral("/gui/retention"));
        QVERIFY2(planned, planned ? "" : qPrintable(planned.error().message));
        QCOMPARE(planned->size(), 1);
        QStringList plannedTags = planned->first().tags;
        plannedTags.sort();
        QCOMPARE(plannedTags, (QStringList{QStringLiteral("candidate"), QStringLiteral("v2")}));

        // Apply: "no" deletes nothing; "yes" deletes exactly v2's image, and the question said that
        // both its tags go with it.
        QSignalSpy applied(retention, &RetentionWindow::applied);
        retention->setConfirmation([](const QString&, const QString&) { return false; });
        retention->apply();
        QVERIFY(applied.isEmpty()); // apply() asks synchronously, before any request
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded); // the window reloads the repository after apply
        QString asked;
        retention->setConfirmation([&asked](const QString&, const QString& text) {
            asked = text;
            return true;
        });
        retention->apply();
        QVERIFY2(asked.contains(QStringLiteral("from gui/retention, with the 2 tags that point at them")), qPrintable(asked));
        QVERIFY(applied.wait(20000));
        QVERIFY2(retention->totals()->text().contains(QStringLiteral("(2 tags).")), qPrintable(retention->totals()->text()));
        QCOMPARE(applied.first().at(0).toInt(), 1);
        QCOMPARE(applied.first().at(1).toInt(), 0);
        QCOMPARE(actionOf(QStringLiteral("v2")), QStringLiteral("delete"));
        saveScreenshot(retention, QStringLiteral("retention-applied.png"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20000);
        retention->close();
        QStringList tags = column(window.tagView(), TagTableModel::TagColumn);
        tags.sort();
        QCOMPARE(tags, (QStringList{QStringLiteral("latest"), QStringLiteral("v1"), QStringLiteral("v3")}));

        // The audit log shows the deletion and puts the run back in one step: both tags.
        AuditWindow* audit = window.openAuditLog();
        QTreeWidget* entries = audit->entriesView();
        QTreeWidgetItem* deletion = nullptr;
        for (int i = 0; i < entries->topLevelItemCount() && !deletion; ++i) {
            QTreeWidgetItem* item = entries->topLevelItem(i);
            if (item->text(2) == u"delete" && item->text(4) == u"gui/retention" && item->text(5) == u"v2")
                deletion = item;
        }
        QVERIFY(deletion);
        QCOMPARE(deletion->text(8), QStringLiteral("done"));
        entries->setCurrentItem(deletion);
        QVERIFY(audit->undoButton()->isEnabled());
        saveScreenshot(audit, QStringLiteral("audit-log.png"));
        QSignalSpy undone(audit, &AuditWindow::undone);
        QSignalSpy reloaded(&window, &MainWindow::tagsLoaded);
        asked.clear();
        audit->setConfirmation([&asked](const QString&, const QString& text) {
            asked = text;
            return true;
        });
        QVERIFY2(audit->undoButton()->text().contains(u'2'), qPrintable(audit->undoButton()->text()));
        asked.clear();
        audit->undoSelected();
        QVERIFY2(asked.contains(QStringLiteral("gui/retention:v2")) && asked.contains(QStringLiteral("gui/retention:candidate")), qPrintable(asked));
        QTRY_COMPARE_WITH_TIMEOUT(undone.size(), 2, 20000);
        for (const QList<QVariant>& one : std::as_const(undone))
            QVERIFY(one.at(2).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!reloaded.isEmpty(), 20000); // the window reloads the repository it shows
        QTRY_COMPARE_WITH_TIMEOUT(column(window.tagView(), TagTableModel::TagColumn).size(), 5, 20000);
        tags = column(window.tagView(), TagTableModel::TagColumn);
        tags.sort();
        QCOMPARE(tags, (QStringList{QStringLiteral("candidate"), QStringLiteral("latest"), QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v3")}));
        // Both tags point at the deleted image's digest again, and the log says the run is undone.
        const QString v2Digest = window.tagModel()->summaryAt(window.tagModel()->rowOf(QStringLiteral("v2"))).digest;
        QCOMPARE(window.tagModel()->summaryAt(window.tagModel()->rowOf(QStringLiteral("candidate"))).digest, v2Digest);
        QCOMPARE(v2Digest, planned->first().digest);
        for (int i = 0; i < entries->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* item = entries->topLevelItem(i);
            if (item->text(2) == u"delete" && item->text(4) == u"gui/retention") {
                QCOMPARE(item->text(8), QStringLiteral("undone"));
                entries->setCurrentItem(entries->topLevelItem(i));
                QVERIFY(!audit->undoButton()->isEnabled());
            }
        }
        audit->close();
    }

    void showsSignaturesAndVulnerabilities_data()
    {
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("screenshot");
        QTest::newRow("distribution 2.8.3") << m_bed.anonymous << QStringLiteral("details-trust.png");
        QTest::newRow("OCI 1.1 registry") << m_bed.oci11 << QStringLiteral("details-trust-oci11.png");
    }

    // The same verdicts and the same tree on a registry without the referrers API (cosign's .sig
    // tag, oras's tag fallback) and on one with it (cosign and oras write referrers).
    void showsSignaturesAndVulnerabilities()
    {
        QFETCH(QString, registry);
        QFETCH(QString, screenshot);
        // Sign with a fresh cosign key and attach a Trivy report, as a CI pipeline would.
        QTemporaryDir keys;
        QProcess cosign;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COSIGN_PASSWORD"), QStringLiteral("pw"));
        env.insert(QStringLiteral("HOME"), keys.path());
        cosign.setProcessEnvironment(env);
        cosign.setWorkingDirectory(keys.path());
        cosign.start(QStringLiteral("cosign"), {QStringLiteral("generate-key-pair")});
        QVERIFY(cosign.waitForFinished(60000) && cosign.exitCode() == 0);
        const QString repo = registry + QStringLiteral("/gui/trust");
        const auto inspected = test::runTool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("docker://") + repo + QStringLiteral(":signed")});
        const QString digest = QJsonDocument::fromJson(inspected.out).object().value(QStringLiteral("Digest")).toString();
        // Both ways cosign signs: the .sig tag, and a referrer (the API, or the tag fallback).
        env.insert(QStringLiteral("COSIGN_EXPERIMENTAL"), QStringLiteral("1"));
        cosign.setProcessEnvironment(env);
        for (const QStringList& mode : {QStringList{}, QStringList{QStringLiteral("--registry-referrers-mode=oci-1-1")}}) {
            cosign.start(QStringLiteral("cosign"), QStringList{QStringLiteral("sign"), QStringLiteral("--key"), QStringLiteral("cosign.key"), QStringLiteral("--tlog-upload=false"),
                                                               QStringLiteral("--allow-http-registry"), QStringLiteral("--yes"), repo + QLatin1Char('@') + digest}
                                                       + mode);
            QVERIFY2(cosign.waitForFinished(60000) && cosign.exitCode() == 0, cosign.readAllStandardError().constData());
        }
        QFile report(keys.filePath(QStringLiteral("trivy.json")));
        QVERIFY(report.open(QIODevice::WriteOnly));
        const QByteArray trivy = test::readFixture(QStringLiteral("trivy/alpine-310.json.golden"));
        report.write(trivy);
        report.close();
        const auto attached = test::runTool(QStringLiteral("oras"), {QStringLiteral("attach"), QStringLiteral("--plain-http"), QStringLiteral("--artifact-type"),
                                                                    QStringLiteral("application/vnd.aquasec.trivy.report+json"), repo + QStringLiteral(":signed"),
                                                                    QStringLiteral("trivy.json:application/json")},
                                            keys.path());
        QVERIFY2(attached.exitCode == 0, attached.err.constData());
        QFile sbom(keys.filePath(QStringLiteral("sbom.spdx.json")));
        QVERIFY(sbom.open(QIODevice::WriteOnly));
        sbom.write("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"gui-trust\",\"packages\":[{\"name\":\"busybox\",\"versionInfo\":\"1.36.1\"},{\"name\":\"musl\",\"versionInfo\":\"1.2.5\"}]}");
        sbom.close();
        const auto sbomAttached = test::runTool(QStringLiteral("oras"), {QStringLiteral("attach"), QStringLiteral("--plain-http"), QStringLiteral("--artifact-type"),
                                                                        QStringLiteral("application/spdx+json"), repo + QStringLiteral(":signed"),
                                                                        QStringLiteral("sbom.spdx.json:application/spdx+json")},
                                                keys.path());
        QVERIFY2(sbomAttached.exitCode == 0, sbomAttached.err.constData());
        int expected = 0;
        for (const auto& r : QJsonDocument::fromJson(trivy).object().value(QStringLiteral("Results")).toArray())
            expected += int(r.toObject().value(QStringLiteral("Vulnerabilities")).toArray().size());

        auto o = open(registry, QStringLiteral("gui/trust"));
        QVERIFY(o);
        MainWindow& window = o->window;
        // The signature's tag (sha256-….sig) belongs to the image: not a row of its own, but counted.
        QVERIFY2(!window.tagModel()->tags().filter(QStringLiteral(".sig")).isEmpty(), qPrintable(window.tagModel()->tags().join(u' ')));
        QCOMPARE(rowOfTag(window.tagView(), window.tagModel()->tags().filter(QStringLiteral(".sig")).first()), -1);
        QVERIFY2(window.findChild<QLabel*>(QStringLiteral("tagCount"))->text().contains(QStringLiteral("attachment tags hidden")),
                 qPrintable(window.findChild<QLabel*>(QStringLiteral("tagCount"))->text()));
        window.setTrustedKeys(registry, {keys.filePath(QStringLiteral("cosign.pub"))});
        QSignalSpy shown(&window, &MainWindow::detailsShown);
        QSignalSpy trusted(&window, &MainWindow::trustShown);
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("signed")), 0));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 20000);
        TagDetailsView* details = window.detailsView();
        details->tabs()->setCurrentIndex(details->trustTabIndex());
        QTRY_COMPARE_WITH_TIMEOUT(trusted.size(), 1, 30000);
        QVERIFY2(details->signatureLabel()->text().contains(QStringLiteral("verified by cosign.pub")), qPrintable(details->signatureLabel()->text()));
        QStringList kinds; // the tree: image -> kinds -> artifacts
        const QTreeWidgetItem* image = details->attachedView()->topLevelItem(0);
        for (int i = 0; i < image->childCount(); ++i)
            kinds << image->child(i)->text(0);
        QVERIFY(kinds.contains(QStringLiteral("signature")));
        QVERIFY(kinds.contains(QStringLiteral("vulnerability report")));
        QStringList tree; // kinds and artifact types, the same on both registries
        for (int i = 0; i < image->childCount(); ++i) {
            for (int j = 0; j < image->child(i)->childCount(); ++j)
                tree << image->child(i)->text(0) + u' ' + image->child(i)->child(j)->text(2);
        }
        tree.sort();
        if (m_trustTree.isEmpty())
            m_trustTree = tree;
        else
            QCOMPARE(tree, m_trustTree);
        QCOMPARE(details->vulnerabilityModel()->rowCount(), expected);
        QCOMPARE(details->sbomView()->topLevelItemCount(), 2); // the SPDX packages
        QVERIFY(kinds.contains(QStringLiteral("sbom")));
        QAbstractItemModelTester tester(details->vulnerabilityModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = rowOfTag(window.tagView(), QStringLiteral("signed"));
        QCOMPARE(window.tagView()->model()->index(row, TagTableModel::SignatureColumn).data().toString(), QStringLiteral("verified (cosign.pub)"));
        QVERIFY(!window.tagView()->model()->index(row, TagTableModel::VulnerabilitiesColumn).data().toString().isEmpty());
        QString why;
        const QString csv = keys.filePath(QStringLiteral("export.csv"));
        QVERIFY(details->vulnerabilityModel()->exportTo(csv, false, &why));
        QFile exported(csv);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QCOMPARE(exported.readAll().count('\n'), expected + 1); // header and one line per finding
        saveScreenshot(&window, screenshot);

        // Every tag at once: the Signature column fills for all images (attachments skipped).
        QSignalSpy all(&window, &MainWindow::allTrustChecked);
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QVERIFY(all.wait(30000));
        QCOMPARE(all.first().first().toInt(), 1);

        // "Scan Here…" runs trivy (a stand-in on PATH: Debian packages none) and adds its findings.
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", QByteArray(BERTH_SOURCE_DIR "/tests/bed/fake-scanners:") + path);
        qputenv("BERTH_FAKE_TRIVY_REPORT", test::fixturePath(QStringLiteral("trivy/debian-stretch.json.golden")).toUtf8());
        int local = 0;
        for (const auto& r : QJsonDocument::fromJson(test::readFixture(QStringLiteral("trivy/debian-stretch.json.golden"))).object().value(QStringLiteral("Results")).toArray())
            local += int(r.toObject().value(QStringLiteral("Vulnerabilities")).toArray().size());
        details->localScanButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(details->vulnerabilityModel()->rowCount(), expected + local, 30000);
        QVERIFY(details->localScanButton()->isEnabled());
        qputenv("PATH", path);
    }

    void picksAPlatformOfAnIndex()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/debian-base"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy shown(&window, &MainWindow::detailsShown);
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("latest")), 0));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 20000);
        auto* platforms = window.detailsView()->findChild<QComboBox*>(QStringLiteral("platformPicker"));
        QCOMPARE(platforms->count(), 2);
        QCOMPARE(platforms->currentText(), QStringLiteral("linux/amd64"));
        TagDetailsView* details = window.detailsView();
        QCOMPARE(details->tabs()->tabText(details->filesTabIndex()), QStringLiteral("Files (linux/amd64)"));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        platforms->setFocus();
        Q_EMIT platforms->activated(1);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 20000);
        QVERIFY(window.detailsView()->findChild<QPlainTextEdit*>(QStringLiteral("configView"))->toPlainText().contains(QStringLiteral("\"architecture\": \"arm64\"")));
        QCOMPARE(platforms->currentText(), QStringLiteral("linux/arm64/v8"));
        // Files and Layers say which platform they show; the keyboard stays on the picker.
        QCOMPARE(details->tabs()->tabText(details->filesTabIndex()), QStringLiteral("Files (linux/arm64/v8)"));
        QVERIFY(details->tabs()->tabText(details->filesTabIndex() - 1).endsWith(QStringLiteral("(linux/arm64/v8)")));
        QCOMPARE(QApplication::focusWidget(), platforms);
        saveScreenshot(&window, QStringLiteral("details-index-arm64.png"));
    }

    void cancelsALoad()
    {
        auto o = open(m_bed.paging, {});
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy ended(&window, &MainWindow::tagLoadEnded);
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        const QModelIndex many = findRepository(window.sidebar()->model(), QStringLiteral("paged/many"));
        QVERIFY2(many.isValid(), qPrintable(window.sidebar()->model()->index(0, 0).data(Qt::ToolTipRole).toString()));
        window.sidebar()->setCurrentIndex(many);
        QVERIFY(window.progressBar()->isVisible());
        QTest::keyClick(&window, Qt::Key_Escape);
        QCOMPARE(ended.size(), 1);
        QVERIFY(!window.progressBar()->isVisible());
        bool said = false;
        for (QLabel* label : window.findChildren<QLabel*>())
            said = said || (label->isVisible() && label->text().contains(QStringLiteral("cancelled")));
        QVERIFY(said);
        // Nothing of the cancelled load arrives later: another load, started after it on the same
        // registry, finishes, and it is the only one the window reports.
        window.sidebar()->setCurrentIndex(findRepository(window.sidebar()->model(), QStringLiteral("public/hello")));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().first().toString(), QStringLiteral("public/hello"));
        QCOMPARE(window.tagModel()->tags().size(), m_bed.seededTags(QStringLiteral("public/hello")).size());
    }

    void remembersTheLastRepository()
    {
        {
            auto o = open(m_bed.anonymous, QStringLiteral("tools/cli"));
            QVERIFY(o);
            o->window.close();
        }
        RegistrySession session;
        MainWindow window(session);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        window.addRegistry(*RegistryEndpoint::fromString(m_bed.anonymous));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.first().first().toString(), QStringLiteral("tools/cli"));
    }

    void showsAPlainErrorForARegistryThatNeedsALogin()
    {
        auto o = open(m_bed.token, {}); // (the basic-auth registry has a keychain login by now)
        QVERIFY(o);
        const QModelIndex registry = o->window.sidebar()->model()->index(0, 0);
        QVERIFY(registry.data().toString().contains(QStringLiteral("failed")));
        QVERIFY(registry.data(Qt::ToolTipRole).toString().contains(QStringLiteral("login")));
        bool bannerShown = false;
        for (QLabel* label : o->window.findChildren<QLabel*>())
            bannerShown = bannerShown || (label->isVisible() && label->text().contains(QStringLiteral("needs a valid login")));
        QVERIFY(bannerShown);
        saveScreenshot(&o->window, QStringLiteral("main-window-login-error.png"));
    }

    void browsesDockerHubWithItsOwnDates()
    {
        // Docker Hub through its API (the bed's stand-in, reached as hub.docker.com with --connect-to):
        // namespaces first, then repositories; Hub's push and pull dates in their own columns. The
        // repository is this test's own (tst_dockerhub deletes tags of berthuser/webapp meanwhile).
        const auto hub = test::PublicStandIn::load(m_bed, QStringLiteral("hub"));
        QVERIFY(!hub.json.isEmpty());
        QDir().mkpath(QString::fromLocal8Bit(qgetenv("DOCKER_CONFIG")));
        test::writeDockerLogin(QProcessEnvironment::systemEnvironment(), QStringLiteral("https://index.docker.io/v1/"), QStringLiteral("berthuser"),
                               hub.token(QStringLiteral("berthuser")));
        auto o = openPublic(hub, QStringLiteral("docker.io"), {QStringLiteral("berthorg1")});
        QVERIFY(o);
        MainWindow& window = o->window;
        QAbstractItemModel* sidebar = window.sidebar()->model();
        const QModelIndex registry = sidebar->index(0, 0);
        QVERIFY2(registry.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Docker Hub")), qPrintable(registry.data(Qt::ToolTipRole).toString()));
        QStringList namespaces;
        for (int r = 0; r < sidebar->rowCount(registry); ++r)
            namespaces << sidebar->index(r, 0, registry).data().toString();
        QCOMPARE(test::sorted(namespaces), (QStringList{QStringLiteral("berthorg1"), QStringLiteral("berthuser")}));
        QCOMPARE(sidebar->rowCount(findRepository(sidebar, QStringLiteral("berthorg1/svc00")).parent()), 40);

        // Opening the repository spends none of the user's pulls: every manifest GET is one on Hub,
        // so the table comes from Hub's tag listing (HEADs are free; none is needed either).
        QSignalSpy dates(&window, &MainWindow::registryDatesShown);
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        const QStringList requests = requestsDuring([&] {
            window.sidebar()->setCurrentIndex(findRepository(sidebar, QStringLiteral("berthuser/webapp-window")));
            QVERIFY(dates.wait(20000));
            QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20000);
        });
        QVERIFY2(requests.filter(QStringLiteral("/tags")).size() >= 1, qPrintable(requests.join(u'\n')));
        QVERIFY2(requests.filter(QStringLiteral("/manifests/")).isEmpty(), qPrintable(requests.join(u'\n')));
        QTableView* tags = window.tagView();
        QVERIFY(!tags->isColumnHidden(TagTableModel::PushedColumn));
        QVERIFY(!tags->isColumnHidden(TagTableModel::PulledColumn));
        // The rows came in Hub's order and unsorted; once the listing is whole they stand as the
        // header says (tags in version order).
        QCOMPARE(tags->horizontalHeader()->sortIndicatorSection(), int(TagTableModel::TagColumn));
        QCOMPARE(tags->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
        const QStringList shownOrder = column(tags, TagTableModel::TagColumn);
        QStringList versionOrder = shownOrder;
        std::sort(versionOrder.begin(), versionOrder.end(), [](const QString& a, const QString& b) { return compareVersions(a, b) < 0; });
        QVERIFY(shownOrder.size() > 2);
        QCOMPARE(shownOrder, versionOrder);
        // The dates are Hub's: compare one with what its API says.
        const auto api = test::runTool(QStringLiteral("curl"), hub.curlArguments() + QStringList{
            QStringLiteral("https://hub.docker.com/v2/namespaces/berthuser/repositories/webapp-window/tags?page_size=100")});
        QDateTime hubPushed;
        for (const QJsonValue& row : QJsonDocument::fromJson(api.out).object().value(QStringLiteral("results")).toArray()) {
            if (row.toObject().value(QStringLiteral("name")).toString() == u"v1")
                hubPushed = QDateTime::fromString(row.toObject().value(QStringLiteral("tag_last_pushed")).toString(), Qt::ISODateWithMs);
        }
        QVERIFY(hubPushed.isValid());
        const int v1 = rowOfTag(tags, QStringLiteral("v1"));
        QVERIFY(v1 >= 0);
        const QDateTime shown = tags->model()->index(v1, TagTableModel::PushedColumn).data(TagTableModel::SortRole).toDateTime();
        QCOMPARE(shown, hubPushed);
        tags->sortByColumn(TagTableModel::PushedColumn, Qt::DescendingOrder);
        saveScreenshot(&window, QStringLiteral("main-window-dockerhub.png"));

        // Stale images: "not pulled for 90 days" keeps exactly the tags Hub's own dates say.
        auto* stale = window.findChild<QComboBox*>(QStringLiteral("staleFilter"));
        QVERIFY(stale && stale->isVisible());
        const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-90);
        QStringList expected;
        for (const QJsonValue& row : QJsonDocument::fromJson(api.out).object().value(QStringLiteral("results")).toArray()) {
            const QDateTime pulled = QDateTime::fromString(row.toObject().value(QStringLiteral("tag_last_pulled")).toString(), Qt::ISODateWithMs);
            const QDateTime pushed = QDateTime::fromString(row.toObject().value(QStringLiteral("tag_last_pushed")).toString(), Qt::ISODateWithMs);
            if (pulled.isValid() ? pulled < cutoff : pushed < cutoff)
                expected << row.toObject().value(QStringLiteral("name")).toString();
        }
        stale->setCurrentIndex(stale->findData(90));
        QStringList shownTags;
        for (int r = 0; r < tags->model()->rowCount(); ++r)
            shownTags << tags->model()->index(r, TagTableModel::TagColumn).data().toString();
        QVERIFY(!expected.isEmpty());
        QCOMPARE(test::sorted(shownTags), test::sorted(expected));
        saveScreenshot(&window, QStringLiteral("main-window-dockerhub-stale.png"));
        stale->setCurrentIndex(0);

        // Hub's listing names each tag's digest, size and platforms; the build date waits for the image.
        const int v1Row = rowOfTag(tags, QStringLiteral("v1"));
        const QModelIndex v1Digest = tags->model()->index(v1Row, TagTableModel::DigestColumn);
        QVERIFY(v1Digest.data(TagTableModel::DigestRole).toString().startsWith(QStringLiteral("sha256:")));
        const QModelIndex v1Created = tags->model()->index(v1Row, TagTableModel::CreatedColumn);
        QVERIFY(!v1Created.data(TagTableModel::SortRole).toDateTime().isValid());
        QVERIFY(v1Created.data(Qt::ToolTipRole).toString().contains(QStringLiteral("select the tag")));
        // A selected tag's image is read (one pull, asked for) and its details shown.
        QSignalSpy detailsShown(&window, &MainWindow::detailsShown);
        tags->setCurrentIndex(tags->model()->index(v1Row, 0));
        QTRY_COMPARE_WITH_TIMEOUT(detailsShown.size(), 1, 20000);
        QVERIFY(window.detailsView()->pullCommand().contains(v1Digest.data(TagTableModel::DigestRole).toString()));
        // ... and its row gets the build date the read found, without another request.
        const QDateTime v1Built = tags->model()->index(rowOfTag(tags, QStringLiteral("v1")), TagTableModel::CreatedColumn)
                                      .data(TagTableModel::SortRole).toDateTime();
        QVERIFY(v1Built.isValid());
        // A multi-platform image: the date of its linux/amd64 image; Hub's size for the whole index stays.
        const int multiRow = rowOfTag(tags, QStringLiteral("multi"));
        QVERIFY(multiRow >= 0);
        const QVariant multiSize = tags->model()->index(multiRow, TagTableModel::SizeColumn).data(TagTableModel::SortRole);
        QVERIFY(!tags->model()->index(multiRow, TagTableModel::CreatedColumn).data(TagTableModel::SortRole).toDateTime().isValid());
        const QStringList selectionReads = requestsDuring([&] {
            tags->setCurrentIndex(tags->model()->index(multiRow, 0));
            QTRY_COMPARE_WITH_TIMEOUT(detailsShown.size(), 2, 20000);
        });
        QCOMPARE(selectionReads.filter(QStringLiteral("/manifests/")).size(), 2); // the index and its amd64 image: two pulls, no more
        const int multiAfter = rowOfTag(tags, QStringLiteral("multi"));
        QVERIFY(tags->model()->index(multiAfter, TagTableModel::CreatedColumn).data(TagTableModel::SortRole).toDateTime().isValid());
        QCOMPARE(tags->model()->index(multiAfter, TagTableModel::SizeColumn).data(TagTableModel::SortRole), multiSize);
        saveScreenshot(&window, QStringLiteral("main-window-dockerhub-selected.png"));
        // View > Read Every Image: the images are read and their build dates shown, Hub's dates stay.
        QAction* readAll = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            readAll = action->text() == u"Read &Every Image" ? action : readAll;
        QVERIFY(readAll);
        QSignalSpy reloaded(&window, &MainWindow::tagsLoaded);
        QSignalSpy datesAgain(&window, &MainWindow::registryDatesShown);
        const QStringList reads = requestsDuring([&] {
            readAll->trigger();
            QTRY_COMPARE_WITH_TIMEOUT(reloaded.size(), 1, 30000);
            QTRY_COMPARE_WITH_TIMEOUT(datesAgain.size(), 1, 20000);
        });
        QVERIFY2(!reads.filter(QStringLiteral("/manifests/")).isEmpty(), qPrintable(reads.join(u'\n')));
        const int v1After = rowOfTag(tags, QStringLiteral("v1"));
        QCOMPARE(tags->model()->index(v1After, TagTableModel::CreatedColumn).data(TagTableModel::SortRole).toDateTime(), v1Built);
        for (int r = 0; r < tags->model()->rowCount(); ++r) // every image read now
            QVERIFY(tags->model()->index(r, TagTableModel::CreatedColumn).data(TagTableModel::SortRole).toDateTime().isValid());
        QCOMPARE(tags->model()->index(v1After, TagTableModel::PushedColumn).data(TagTableModel::SortRole).toDateTime(), hubPushed);
        QFile::remove(QString::fromLocal8Bit(qgetenv("DOCKER_CONFIG")) + QStringLiteral("/config.json"));
    }

    void browsesHarborProjectsAsAMember()
    {
        // A project member: no catalog for them, their projects first, then repositories; Harbor's dates.
        QFile file(m_bed.stateDir + QStringLiteral("/bed.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject bed = QJsonDocument::fromJson(file.readAll()).object();
        const QString harbor = bed.value(QStringLiteral("harbor")).toString();
        QDir().mkpath(QString::fromLocal8Bit(qgetenv("DOCKER_CONFIG")));
        test::writeDockerLogin(QProcessEnvironment::systemEnvironment(), harbor, QStringLiteral("harbordev"),
                               bed.value(QStringLiteral("harbor_users")).toObject().value(QStringLiteral("harbordev")).toString());
        auto o = std::make_unique<Opened>();
        o->window.resize(1280, 860);
        o->window.show();
        RegistryEndpoint endpoint = *RegistryEndpoint::fromString(harbor);
        endpoint.provider = QStringLiteral("harbor");
        QSignalSpy settled(&o->window, &MainWindow::registriesSettled);
        o->window.addRegistry(endpoint);
        QVERIFY(settled.wait(20000));
        MainWindow& window = o->window;
        QAbstractItemModel* sidebar = window.sidebar()->model();
        const QModelIndex registry = sidebar->index(0, 0);
        QVERIFY2(registry.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Harbor")), qPrintable(registry.data(Qt::ToolTipRole).toString()));
        QStringList projects;
        for (int r = 0; r < sidebar->rowCount(registry); ++r)
            projects << sidebar->index(r, 0, registry).data().toString();
        QCOMPARE(test::sorted(projects), (QStringList{QStringLiteral("demo"), QStringLiteral("harborprov"), QStringLiteral("public")}));
        // The tooltip of a project says what this login may do there (Harbor's permissions API):
        // a developer in demo pushes but does not delete, a maintainer of harborprov deletes.
        auto permissionsOf = [&](const QString& project) {
            for (int r = 0; r < sidebar->rowCount(registry); ++r) {
                const QModelIndex index = sidebar->index(r, 0, registry);
                if (index.data().toString() != project)
                    continue;
                QSignalSpy changed(sidebar, &QAbstractItemModel::dataChanged);
                if (index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Checking")))
                    changed.wait(10000);
                return index.data(Qt::ToolTipRole).toString();
            }
            return QString();
        };
        const QString demo = permissionsOf(QStringLiteral("demo"));
        QVERIFY2(demo.contains(QStringLiteral("push")) && !demo.contains(QStringLiteral("delete")), qPrintable(demo));
        QVERIFY2(permissionsOf(QStringLiteral("harborprov")).contains(QStringLiteral("delete")), qPrintable(permissionsOf(QStringLiteral("harborprov"))));
        QSignalSpy dates(&window, &MainWindow::registryDatesShown);
        // public/hello: reading its manifests counts as pulls in Harbor, and tst_harbor checks harborprov's pull times.
        window.sidebar()->setCurrentIndex(findRepository(sidebar, QStringLiteral("public/hello")));
        QVERIFY(dates.wait(20000));
        QTableView* tags = window.tagView();
        QVERIFY(!tags->isColumnHidden(TagTableModel::PushedColumn));
        QVERIFY(!tags->isColumnHidden(TagTableModel::PulledColumn));
        const int v1 = rowOfTag(tags, QStringLiteral("1.0"));
        QVERIFY(v1 >= 0);
        QVERIFY(tags->model()->index(v1, TagTableModel::PushedColumn).data(TagTableModel::SortRole).toDateTime().isValid());
        saveScreenshot(&window, QStringLiteral("main-window-harbor.png"));

        // Harbor's own scanner, asked from the Trust tab: a developer in demo may start it.
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        window.sidebar()->setCurrentIndex(findRepository(sidebar, QStringLiteral("demo/webapp")));
        QVERIFY(loaded.wait(20000));
        QSignalSpy details(&window, &MainWindow::detailsShown);
        const int row = rowOfTag(window.tagView(), QStringLiteral("1.9.0"));
        QVERIFY(row >= 0);
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(row, 0));
        QTRY_VERIFY_WITH_TIMEOUT(details.size() >= 1, 20000);
        QPushButton* scan = window.detailsView()->registryScanButton();
        QVERIFY(scan && !scan->isHidden());
        window.detailsView()->tabs()->setCurrentIndex(window.detailsView()->trustTabIndex());
        QSignalSpy started(&window, &MainWindow::registryScanStarted);
        scan->click();
        QVERIFY(started.wait(20000));
        QVERIFY(started.first().first().toBool());
        QVERIFY2(window.detailsView()->vulnerabilitySummary()->text().contains(QStringLiteral("started scanning")),
                 qPrintable(window.detailsView()->vulnerabilitySummary()->text()));
        saveScreenshot(&window, QStringLiteral("details-trust-harbor-scan.png"));
        QFile::remove(QString::fromLocal8Bit(qgetenv("DOCKER_CONFIG")) + QStringLiteral("/config.json"));
    }

    void browsesEcrWithAwsCredentialsAndNoPassword()
    {
        // ECR (moto's API, the bed's registry under the ECR host name): the login comes from AWS credentials.
        QFile file(m_bed.stateDir + QStringLiteral("/bed.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject moto = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("ecr_moto")).toObject();
        qputenv("AWS_ACCESS_KEY_ID", "AKIDBERTHGUI");
        qputenv("AWS_SECRET_ACCESS_KEY", "moto-takes-any");
        qputenv("AWS_ENDPOINT_URL_ECR", moto.value(QStringLiteral("api")).toString().toUtf8());
        auto o = std::make_unique<Opened>(); // its session reads the AWS settings now
        QVERIFY(o->session.http().setConnectTo({moto.value(QStringLiteral("connect_to")).toString()}));
        o->window.resize(1280, 860);
        o->window.show();
        RegistryEndpoint endpoint = *RegistryEndpoint::fromString(moto.value(QStringLiteral("host")).toString());
        endpoint.tls.caFile = m_bed.caFile;
        QSignalSpy settled(&o->window, &MainWindow::registriesSettled);
        o->window.addRegistry(endpoint);
        QVERIFY(settled.wait(20000));
        MainWindow& window = o->window;
        QAbstractItemModel* sidebar = window.sidebar()->model();
        QVERIFY2(sidebar->index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Amazon ECR")),
                 qPrintable(sidebar->index(0, 0).data(Qt::ToolTipRole).toString()));
        const QModelIndex tools = findRepository(sidebar, QStringLiteral("team/tools"));
        QVERIFY(tools.isValid());
        QSignalSpy dates(&window, &MainWindow::registryDatesShown);
        window.sidebar()->setCurrentIndex(tools);
        QVERIFY2(dates.wait(20000), qPrintable(window.statusBar()->currentMessage()));
        QTableView* tags = window.tagView();
        QVERIFY(!tags->isColumnHidden(TagTableModel::PushedColumn));
        const int row = rowOfTag(tags, QStringLiteral("1.0"));
        QVERIFY(row >= 0);
        QVERIFY(tags->model()->index(row, TagTableModel::PushedColumn).data(TagTableModel::SortRole).toDateTime().isValid());
        saveScreenshot(&window, QStringLiteral("main-window-ecr.png"));
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        qunsetenv("AWS_ENDPOINT_URL_ECR");
    }

    void comparesTheRegistrysOwnDryRunAndWritesThePolicyBack()
    {
        // ECR's stand-in (which previews lifecycle policies as ECR documents them), repository team/lifecycle-gui.
        QFile file(m_bed.stateDir + QStringLiteral("/bed.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject ecr = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("ecr")).toObject();
        qputenv("AWS_ACCESS_KEY_ID", ecr.value(QStringLiteral("access_key")).toString().toUtf8());
        qputenv("AWS_SECRET_ACCESS_KEY", ecr.value(QStringLiteral("secret_key")).toString().toUtf8());
        qputenv("AWS_ENDPOINT_URL_ECR", ecr.value(QStringLiteral("endpoint")).toString().toUtf8());
        RegistrySession session;
        RegistryClient* client = session.createClient(*RegistryEndpoint::fromString(QStringLiteral("123456789012.dkr.ecr.us-east-1.amazonaws.com")));
        const QString repository = QStringLiteral("team/lifecycle-gui");
        std::unique_ptr<Provider> provider(createProvider(client, nullptr));
        auto images = test::waitFor<QList<RetentionImage>>([&](auto done) { providerRetentionImages(provider.get(), repository, nullptr, done); });
        QVERIFY(images && images->has_value());
        QCOMPARE(images->value().size(), 200);
        RetentionInventory inventory;
        inventory.images = images->value();
        auto* retention = new RetentionWindow(session, client, repository, inventory);
        retention->resize(1280, 760);
        retention->show();
        RegistryPolicyPane* pane = retention->registryPolicyPane();
        QVERIFY(pane);
        QSignalSpy read(pane, &RegistryPolicyPane::registryPolicyRead);
        QVERIFY(read.wait(20000));

        // The window's own policy, previewed by the registry and compared with Berth's plan of it.
        QFile policy(m_config.filePath(QStringLiteral("lifecycle-gui.json")));
        QVERIFY(policy.open(QIODevice::WriteOnly));
        policy.write(R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["prod"],"countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}},
                                  {"rulePriority":2,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":120},"action":{"type":"expire"}}]})");
        policy.close();
        QSignalSpy planned(retention, &RetentionWindow::planShown);
        QVERIFY(retention->loadPolicy(policy.fileName()));
        QTRY_VERIFY_WITH_TIMEOUT(planned.count() >= 1, 20000);
        QVERIFY(retention->plan().expiring() > 50);
        QSignalSpy compared(pane, &RegistryPolicyPane::previewCompared);
        pane->previewByRegistry();
        QVERIFY(compared.wait(30000));
        QCOMPARE(compared.first().at(1).toInt(), 0); // no image on which they differ
        QCOMPARE(compared.first().at(0).toInt(), 200);
        QVERIFY2(pane->comparison()->text().contains(QStringLiteral("agrees")), qPrintable(pane->comparison()->text()));

        // Written back after a confirmation, then read again from the registry.
        QString asked;
        pane->setConfirmation([&](const QString&, const QString& text) { asked = text; return true; });
        QSignalSpy written(pane, &RegistryPolicyPane::written);
        QSignalSpy reread(pane, &RegistryPolicyPane::registryPolicyRead);
        pane->writeToRegistry();
        QVERIFY(written.wait(20000));
        QVERIFY(written.first().first().toBool());
        QVERIFY(asked.contains(repository));
        QVERIFY(reread.wait(20000));
        QVERIFY(reread.first().first().toBool());
        QVERIFY2(pane->summary()->text().contains(QStringLiteral("2 rule")), qPrintable(pane->summary()->text()));
        saveScreenshot(retention, QStringLiteral("retention-registry-policy.png"));
        retention->close();
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        qunsetenv("AWS_ENDPOINT_URL_ECR");
    }

    void showsQuaysOwnTagHistory()
    {
        const auto quay = test::PublicStandIn::load(m_bed, QStringLiteral("quay"));
        QVERIFY(!quay.json.isEmpty());
        auto o = openPublic(quay, QStringLiteral("quay.io"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        window.sidebar()->setCurrentIndex(findRepository(window.sidebar()->model(), QStringLiteral("quayuser/app")));
        QVERIFY(loaded.wait(20000));
        QSignalSpy timeline(&window, &MainWindow::registryTimelineShown);
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("prod")), 0));
        QVERIFY(timeline.wait(20000));
        QCOMPARE(timeline.first().at(1).toInt(), 3); // three images in turn, as Quay recorded them
        QCOMPARE(window.detailsView()->timelineView()->topLevelItemCount(), 3);
        if (auto* tabs = window.detailsView()->findChild<QTabWidget*>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->widget(i)->isAncestorOf(window.detailsView()->timelineView()))
                    tabs->setCurrentIndex(i);
            }
        }
        saveScreenshot(&window, QStringLiteral("timeline-quay.png"));
    }

    void recognisesASelfHostedQuay()
    {
        // A Quay under a name of its own: Test Connection asks /api/v1/discovery and picks Quay.
        const auto quay = test::PublicStandIn::load(m_bed, QStringLiteral("quay"));
        RegistrySession session;
        QVERIFY(session.http().setConnectTo(quay.connectTo()));
        MainWindow window(session);
        window.show();
        RegistryDialog* dialog = window.openRegistryDialog(false);
        dialog->addressEdit()->setText(QStringLiteral("quay.internal.example"));
        dialog->caFileEdit()->setText(m_bed.caFile);
        QCOMPARE(dialog->familyBox()->currentData().toString(), QString()); // automatic
        QSignalSpy tested(dialog, &RegistryDialog::tested);
        dialog->testButton()->click();
        QVERIFY(tested.wait(20000));
        QVERIFY2(tested.last().first().toBool(), qPrintable(dialog->testResult()));
        QCOMPARE(dialog->familyBox()->currentData().toString(), QStringLiteral("quay"));
        QVERIFY2(dialog->testResult().contains(QStringLiteral("Quay")), qPrintable(dialog->testResult()));
        // A plain registry stays a plain registry.
        dialog->familyBox()->setCurrentIndex(0);
        dialog->addressEdit()->setText(m_bed.anonymous);
        dialog->caFileEdit()->clear();
        dialog->testButton()->click();
        QVERIFY(tested.wait(20000));
        QCOMPARE(dialog->familyBox()->currentData().toString(), QString());
        dialog->reject();
    }

    void speaksKorean()
    {
        QTranslator korean;
        QVERIFY(korean.load(QStringLiteral(":/i18n/berth_ko.qm")));
        QApplication::installTranslator(&korean);
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        QVERIFY(o->window.tagFilterEdit()->placeholderText().contains(QStringLiteral("필터")));
        // The remembered repository (tools/cli) began loading first; none of its tags may linger.
        QCOMPARE(test::sorted(o->window.tagModel()->tags()), m_bed.seededTags(QStringLiteral("demo/webapp")));
        QCOMPARE(o->window.tagView()->model()->headerData(TagTableModel::CreatedColumn, Qt::Horizontal).toString(), QStringLiteral("생성 시각"));
        QSignalSpy shown(&o->window, &MainWindow::detailsShown);
        o->window.tagView()->setCurrentIndex(o->window.tagView()->model()->index(rowOfTag(o->window.tagView(), QStringLiteral("1.10.0")), 0));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 20000);
        saveScreenshot(&o->window, QStringLiteral("main-window-ko.png"));
        QApplication::removeTranslator(&korean);
    }

    // A click while the repository reloads lands on the tag clicked: the table is not emptied, rows
    // keep their places while the load fills them in (sorted by build date, the order that moved),
    // and afterwards the highlighted row and the details name the same tag.
    void aClickDuringAReloadLandsOnTheTagClicked()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("paged/many"));
        QVERIFY(o);
        MainWindow& window = o->window;
        window.tagView()->sortByColumn(TagTableModel::CreatedColumn, Qt::DescendingOrder);
        const int rows = window.tagView()->model()->rowCount();
        QVERIFY(rows >= 20);
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        QSignalSpy shown(&window, &MainWindow::detailsShown);
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(loaded.isEmpty()); // still loading
        QCOMPARE(window.tagView()->model()->rowCount(), rows); // refreshed in place, not emptied
        const QModelIndex target = window.tagView()->model()->index(7, TagTableModel::TagColumn);
        const QString clicked = target.data().toString();
        QTest::mouseClick(window.tagView()->viewport(), Qt::LeftButton, {}, window.tagView()->visualRect(target).center());
        QVERIFY(loaded.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().first().toString() == clicked, 20000);
        const QModelIndexList selected = window.tagView()->selectionModel()->selectedRows(TagTableModel::TagColumn);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), clicked);
        QCOMPARE(window.tagView()->currentIndex().siblingAtColumn(TagTableModel::TagColumn).data().toString(), clicked);
        for (const QList<QVariant>& tag : std::as_const(shown))
            QCOMPARE(tag.first().toString(), clicked); // no other tag's details on the way

        // Reopened, a repository shows its last rows at once and refreshes them in place.
        loaded.clear();
        window.sidebar()->setCurrentIndex(findRepository(window.sidebar()->model(), QStringLiteral("public/hello")));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && loaded.last().first().toString() == u"public/hello", 20000);
        window.sidebar()->setCurrentIndex(findRepository(window.sidebar()->model(), QStringLiteral("paged/many")));
        QCOMPARE(window.tagModel()->rowCount(), rows);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.last().first().toString() == u"paged/many", 20000);
        QCOMPARE(window.tagModel()->rowCount(), rows);
    }

    // Typing in the repository filter never changes the open repository; Down (or Enter) moves into
    // the matches and opens the first one.
    void filteringRepositoriesNeverChangesWhatIsOpen()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        MainWindow& window = o->window;
        auto* title = window.findChild<QLabel*>(QStringLiteral("repositoryTitle"));
        auto* filter = window.findChild<QLineEdit*>(QStringLiteral("repositoryFilter"));
        const QStringList webappTags = window.tagModel()->tags();
        QSignalSpy loads(&window, &MainWindow::tagLoadEnded);
        for (const QString& typed : {QStringLiteral("o"), QStringLiteral("ops"), QStringLiteral("ops/")}) {
            filter->setText(typed);
            QVERIFY2(title->text().endsWith(QStringLiteral("/demo/webapp")), qPrintable(typed + QStringLiteral(": ") + title->text()));
            QCOMPARE(window.tagModel()->tags(), webappTags);
        }
        QVERIFY(loads.isEmpty()); // filtering started no load (a load starts synchronously)
        QVERIFY(window.sidebar()->selectionModel()->selectedIndexes().isEmpty()); // demo/webapp is filtered out: nothing else highlighted

        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        QTest::keyClick(filter, Qt::Key_Down);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
        QCOMPARE(loaded.last().first().toString(), QStringLiteral("ops/backup"));
        QVERIFY(window.sidebar()->hasFocus());
        filter->clear();
        QCOMPARE(window.sidebar()->currentIndex().data(RegistryTreeModel::RepositoryRole).toString(), QStringLiteral("ops/backup"));
    }

    // Whatever the tag filter hides, the highlighted row and the details name the same tag, and
    // the count beside the filter says how many are shown.
    void theHighlightedTagAndTheDetailsAgreeUnderAnyFilter()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy shown(&window, &MainWindow::detailsShown);
        auto current = [&] { return window.tagView()->currentIndex().siblingAtColumn(TagTableModel::TagColumn).data().toString(); };
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("1.9.0")), 0));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().first().toString() == u"1.9.0", 20000);

        window.tagFilterEdit()->setText(QStringLiteral("1.1")); // 1.9.0 goes: the first match is selected and shown
        QCOMPARE(current(), QStringLiteral("1.1.0"));
        QCOMPARE(window.tagView()->selectionModel()->selectedRows().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(shown.last().first().toString() == u"1.1.0", 20000);
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("tagCount"))->text(), QStringLiteral("2 of 10 tags shown"));

        const qsizetype before = shown.size();
        window.tagFilterEdit()->clear(); // 1.1.0 still matches: it stays, nothing reloads
        QCOMPARE(current(), QStringLiteral("1.1.0"));
        QCOMPARE(window.tagView()->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(shown.size(), before);
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("tagCount"))->text(), QStringLiteral("10 tags"));
    }

    // Check Trust of All Tags pressed while the tags load runs once they have loaded.
    void trustOfAllTagsAskedDuringALoadRunsAfterIt()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        QSignalSpy checked(&window, &MainWindow::allTrustChecked);
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(loaded.isEmpty());
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("once the tags have loaded")));
        QVERIFY(checked.wait(30000));
        QCOMPARE(loaded.size(), 1); // after the load
        QVERIFY(checked.first().first().toInt() >= 5); // the webapp's five images
    }

    // In Korean, Qt's own dialog buttons are Korean too, and dates keep their century and seconds.
    void koreanDialogsAndUnambiguousDates()
    {
        const QStringList loaded = installTranslations(QLocale(QLocale::Korean, QLocale::SouthKorea));
        QVERIFY2(loaded.contains(QStringLiteral("qtbase")) && loaded.contains(QStringLiteral("berth")), qPrintable(loaded.join(u',')));
        QDialogButtonBox buttons(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("취소"));
        QCOMPARE(buttons.button(QDialogButtonBox::Save)->text(), QStringLiteral("저장"));
        const QDateTime built(QDate(2026, 2, 2), QTime(9, 30, 5), QTimeZone::UTC);
        QCOMPARE(displayDateTime(built), built.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QVERIFY(displayDateTime(built).startsWith(QStringLiteral("2026-02-0")));
        for (QTranslator* translator : QCoreApplication::instance()->findChildren<QTranslator*>())
            QCoreApplication::removeTranslator(translator); // the other tests read English
    }

    // Open Repository completes from the names Berth knows for the selected registry.
    void openRepositoryCompletesKnownNames()
    {
        auto o = open(m_bed.anonymous, {});
        QVERIFY(o);
        MainWindow& window = o->window;
        window.sidebar()->setCurrentIndex(window.sidebar()->model()->index(0, 0)); // the registry
        QStringList offered;
        QTimer::singleShot(0, &window, [&offered] {
            QWidget* dialog = QApplication::activeModalWidget();
            auto* edit = dialog ? dialog->findChild<QLineEdit*>() : nullptr;
            if (edit && edit->completer()) {
                edit->completer()->setCompletionPrefix(QStringLiteral("webap"));
                for (int i = 0; edit->completer()->setCurrentRow(i); ++i)
                    offered << edit->completer()->currentCompletion();
            }
            if (dialog)
                dialog->close();
        });
        QAction* openAction = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            openAction = action->text() == u"&Open Repository…" ? action : openAction;
        QVERIFY(openAction);
        openAction->trigger();
        QCOMPARE(offered, QStringList{QStringLiteral("demo/webapp")}); // "contains", case-insensitive
    }

    // Opened again in a new window (a restart), a repository shows at once what Berth knew of it —
    // tags, digests, dates from the local history — and the load then refreshes it in place.
    void aRepositoryOpensWithWhatBerthKnewOfIt()
    {
        QStringList before;
        {
            auto first = open(m_bed.anonymous, QStringLiteral("tools/cli"));
            QVERIFY(first);
            for (const QString& tag : first->window.tagModel()->tags())
                before << tag + u'@' + first->window.tagModel()->summaryAt(first->window.tagModel()->rowOf(tag)).digest;
        }
        QThreadPool::globalInstance()->waitForDone(); // the first window's sightings are on disk, as at exit
        before.sort();
        QCOMPARE(before.size(), 3);
        auto again = open(m_bed.anonymous, {});
        QVERIFY(again);
        MainWindow& window = again->window;
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        window.sidebar()->setCurrentIndex(findRepository(window.sidebar()->model(), QStringLiteral("tools/cli")));
        QVERIFY(loaded.isEmpty()); // nothing fetched yet
        QStringList shown;
        for (const QString& tag : window.tagModel()->tags())
            shown << tag + u'@' + window.tagModel()->summaryAt(window.tagModel()->rowOf(tag)).digest;
        shown.sort();
        QCOMPARE(shown, before);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window.tagModel()->rowCount(), 3);
    }

    void aWatchedTagThatMovesIsNotifiedAndListedInChanges()
    {
        // A repository of its own, changed with skopeo as any other client would.
        const QString path = QStringLiteral("gui-watch/app-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        const auto copyTo = [&](const QString& sourceTag, const QString& tag) {
            return test::runTool(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--quiet"), QStringLiteral("--src-tls-verify=false"),
                                                            QStringLiteral("--dest-tls-verify=false"),
                                                            QStringLiteral("docker://%1/demo/webapp:%2").arg(m_bed.anonymous, sourceTag),
                                                            QStringLiteral("docker://%1/%2:%3").arg(m_bed.anonymous, path, tag)})
                       .exitCode
                == 0;
        };
        QVERIFY(copyTo(QStringLiteral("1.0.0"), QStringLiteral("prod")));
        auto o = open(m_bed.anonymous, {});
        QVERIFY(o);
        MainWindow& window = o->window;
        QList<QPair<QString, QString>> notified;
        window.setNotification([&](const QString& title, const QString& body) { notified.append({title, body}); });
        const QModelIndex repo = RegistryTreeModel::findRepository(window.registryModel(), path);
        QVERIFY(repo.isValid());
        window.setWatched(repo, true); // the first poll is the baseline: no notification
        QVERIFY(window.watcher()->isWatching(m_bed.anonymous, path));
        QTRY_VERIFY_WITH_TIMEOUT(!window.watcher()->isPolling(), 20000);
        QVERIFY(notified.isEmpty());
        QVERIFY(window.registryModel()->repositoryIndex(0, path).data(RegistryTreeModel::WatchedRole).toBool());
        QVERIFY(SavedRegistries::find(m_bed.anonymous)->watched.contains(path));
        setChangesLastLooked(QDateTime::currentDateTimeUtc().addSecs(-1));

        // The repository is on screen while its tag moves.
        QSignalSpy loaded(&window, &MainWindow::tagsLoaded);
        window.sidebar()->setCurrentIndex(findRepository(window.sidebar()->model(), path));
        QVERIFY(loaded.wait(20000));
        const QString before = window.tagModel()->summaryAt(window.tagModel()->rowOf(QStringLiteral("prod"))).digest;
        QVERIFY(copyTo(QStringLiteral("1.2.0"), QStringLiteral("prod")));
        QSignalSpy shown(&window, &MainWindow::watchEventsShown);
        window.watcher()->pollOnce(); // what the interval's timer does
        QVERIFY(shown.wait(20000));
        // ...and its table follows: prod names the new image without the user asking.
        QVERIFY(loaded.wait(20000));
        const QString after = window.tagModel()->summaryAt(window.tagModel()->rowOf(QStringLiteral("prod"))).digest;
        QVERIFY(!after.isEmpty() && after != before);
        QCOMPARE(notified.size(), 1);
        QVERIFY2(notified.first().first.contains(QStringLiteral("prod moved")), qPrintable(notified.first().first));
        QVERIFY(notified.first().second.contains(m_bed.anonymous + QLatin1Char('/') + path + QStringLiteral(":prod")));

        ChangesWindow* changes = window.openChanges(false);
        QVERIFY(changes);
        QTreeWidget* rows = changes->changesView();
        QCOMPARE(rows->topLevelItemCount(), 1);
        QCOMPARE(rows->topLevelItem(0)->text(1), m_bed.anonymous + QLatin1Char('/') + path);
        QCOMPARE(rows->topLevelItem(0)->text(2), QStringLiteral("moved"));
        QCOMPARE(rows->topLevelItem(0)->text(3), QStringLiteral("prod"));
        QVERIFY(changes->compareButton()->isEnabled());
        changes->resize(1000, 300);
        saveScreenshot(changes, QStringLiteral("changes-window.png"));
        // Compare with the previous digest: one click.
        QTest::mouseClick(changes->compareButton(), Qt::LeftButton);
        auto* compare = changes->findChild<CompareWindow*>();
        QVERIFY(compare);
        QSignalSpy compared(compare, &CompareWindow::compared);
        QVERIFY(compared.wait(20000));
        QVERIFY(compare->layersView()->topLevelItemCount() > 0);
        // Seen: the window empties until the next change.
        changes->markAllSeen();
        QCOMPARE(rows->topLevelItemCount(), 0);

        // A new window (Berth started again) watches the same repository.
        RegistrySession session;
        MainWindow again(session);
        QSignalSpy settled(&again, &MainWindow::registriesSettled);
        again.addRegistry(*RegistryEndpoint::fromString(m_bed.anonymous));
        QVERIFY(settled.wait(20000));
        QVERIFY(again.watcher()->isWatching(m_bed.anonymous, path));
        again.setWatched(again.registryModel()->repositoryIndex(0, path), false);
        QVERIFY(!SavedRegistries::find(m_bed.anonymous)->watched.contains(path));
    }

    void promotesATagToAnotherRegistryWithItsBytes()
    {
        auto o = open(m_bed.anonymous, QStringLiteral("demo/webapp"));
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        window.addRegistry(*RegistryEndpoint::fromString(m_bed.oci11));
        QVERIFY(settled.wait(20000));
        window.tagView()->setCurrentIndex(window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("1.2.0")), 0));
        CopyDialog* dialog = window.openCopyDialog(true);
        QVERIFY(dialog);
        QCOMPARE(dialog->registryBox()->currentText(), m_bed.oci11); // promote: the next registry, the same name
        QCOMPARE(dialog->repositoryEdit()->text(), QStringLiteral("demo/webapp"));
        QCOMPARE(dialog->tagEdit()->text(), QStringLiteral("1.2.0"));
        QVERIFY(dialog->referrersBox()->isChecked());
        const QString path = QStringLiteral("gui-copy/app-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        dialog->repositoryEdit()->setText(path);
        dialog->tagEdit()->setText(QStringLiteral("promoted"));
        QSignalSpy finished(dialog, &CopyDialog::finished);
        dialog->start();
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(dialog->statusLabel()->text()));
        QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("Copied to")), qPrintable(dialog->statusLabel()->text()));
        saveScreenshot(dialog, QStringLiteral("copy-dialog.png"));
        // The copy's manifest bytes are the source's, as skopeo reads them.
        const auto raw = [](const QString& ref) {
            return test::runTool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
                                                            QStringLiteral("docker://") + ref})
                .out;
        };
        const QByteArray source = raw(m_bed.anonymous + QStringLiteral("/demo/webapp:1.2.0"));
        QVERIFY(!source.isEmpty());
        QCOMPARE(raw(m_bed.oci11 + QLatin1Char('/') + path + QStringLiteral(":promoted")), source);
        QCOMPARE(finished.first().at(1).toString(), window.tagModel()->summaryAt(window.tagModel()->rowOf(QStringLiteral("1.2.0"))).digest);

        // A tag dragged from the table onto the copy's repository in the sidebar: Copy To… there.
        const QModelIndex tagIndex = window.tagView()->model()->index(rowOfTag(window.tagView(), QStringLiteral("1.0.0")), 0);
        std::unique_ptr<QMimeData> dragged(window.tagView()->model()->mimeData({tagIndex}));
        QVERIFY(window.tagView()->model()->flags(tagIndex) & Qt::ItemIsDragEnabled);
        QCOMPARE(dragged->text(), QStringLiteral("1.0.0"));
        QSignalSpy reloaded(&window, &MainWindow::registriesSettled);
        window.registryModel()->reload(window.registryModel()->registryRow(m_bed.oci11)); // the copy's repository shows up in its catalog
        QVERIFY(reloaded.wait(20000));
        const QModelIndex dropTarget = window.sidebar()->model()->index(1, 0).isValid()
            ? RegistryTreeModel::findRepository(window.sidebar()->model(), path, window.sidebar()->model()->index(1, 0))
            : QModelIndex();
        QVERIFY(dropTarget.isValid());
        window.sidebar()->scrollTo(dropTarget);
        const QPoint at = window.sidebar()->visualRect(dropTarget).center();
        QVERIFY2(window.sidebar()->indexAt(at) == dropTarget, qPrintable(QStringLiteral("%1,%2").arg(at.x()).arg(at.y())));
        // As a drag does it: the sidebar takes the drag when it enters (Qt then sends the drop there).
        QDragEnterEvent enter(at, Qt::CopyAction, dragged.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.sidebar()->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, dragged.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.sidebar()->viewport(), &drop);
        QVERIFY(drop.isAccepted());
        CopyDialog* droppedOn = nullptr;
        for (CopyDialog* d : window.findChildren<CopyDialog*>()) {
            if (d->isVisible() && d->tagEdit()->text() == u"1.0.0")
                droppedOn = d;
        }
        QVERIFY(droppedOn);
        QCOMPARE(droppedOn->registryBox()->currentText(), m_bed.oci11);
        QCOMPARE(droppedOn->repositoryEdit()->text(), path);
        droppedOn->close();

        // Cancelled at once: nothing is tagged at the destination.
        CopyDialog* again = window.openCopyDialog(false);
        QVERIFY(again);
        again->repositoryEdit()->setText(path + QStringLiteral("-cancelled"));
        QSignalSpy ended(again, &CopyDialog::finished);
        again->start();
        again->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 20000); // may have ended inside cancel()
        QVERIFY(!ended.first().at(0).toBool());
        QVERIFY(again->statusLabel()->text().contains(QStringLiteral("Cancelled")));
        QVERIFY(raw(m_bed.anonymous + QLatin1Char('/') + path + QStringLiteral("-cancelled:1.2.0")).isEmpty());
    }

    void mirrorsARuleAfterItsDryRun()
    {
        auto o = open(m_bed.anonymous, {});
        QVERIFY(o);
        MainWindow& window = o->window;
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        window.addRegistry(*RegistryEndpoint::fromString(m_bed.oci11));
        QVERIFY(settled.wait(20000));
        MirrorRulesWindow* rules = window.openMirrorRules();
        QVERIFY(rules);
        const QString target = QStringLiteral("mirrored-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        MirrorRule rule;
        rule.name = QStringLiteral("webapp releases to the OCI registry");
        rule.sourceRegistry = m_bed.anonymous;
        rule.sourceNamespace = QStringLiteral("demo");
        rule.destinationRegistry = m_bed.oci11;
        rule.destinationNamespace = target;
        rule.repositories = {QStringLiteral("webapp")};
        rule.tags = {QStringLiteral("1.0.0"), QStringLiteral("1.1.0")};
        rules->setEditedRule(rule);
        rules->saveRule();
        QCOMPARE(rules->rulesList()->count(), 1);
        QCOMPARE(MirrorRulesWindow::savedRules().first().destinationNamespace, target); // kept in Berth's settings

        // The dry run lists exactly the images, with what would move; nothing is pushed.
        QSignalSpy finished(rules, &MirrorRulesWindow::finished);
        rules->dryRun();
        QVERIFY(finished.wait(30000));
        QCOMPARE(rules->imagesTable()->rowCount(), 2);
        for (int row = 0; row < 2; ++row)
            QVERIFY2(rules->imagesTable()->item(row, 2)->text().startsWith(QStringLiteral("would move")), qPrintable(rules->imagesTable()->item(row, 2)->text()));
        QVERIFY(rules->summaryLabel()->text().contains(QStringLiteral("would move")));
        rules->resize(1100, 520);
        saveScreenshot(rules, QStringLiteral("mirror-rules.png"));
        const auto raw = [](const QString& ref) {
            return test::runTool(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
                                                            QStringLiteral("docker://") + ref})
                .out;
        };
        QVERIFY(raw(m_bed.oci11 + QLatin1Char('/') + target + QStringLiteral("/webapp:1.0.0")).isEmpty());

        // The run copies them, byte for byte; a second dry run finds everything there.
        rules->runRule();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(2).toInt(), 0);
        QCOMPARE(raw(m_bed.oci11 + QLatin1Char('/') + target + QStringLiteral("/webapp:1.1.0")), raw(m_bed.anonymous + QStringLiteral("/demo/webapp:1.1.0")));
        rules->dryRun();
        QVERIFY(finished.wait(30000));
        for (int row = 0; row < 2; ++row)
            QCOMPARE(rules->imagesTable()->item(row, 2)->text(), QStringLiteral("up to date"));
        // One audit entry per image copied.
        int mirrored = 0;
        for (const AuditEntry& entry : (*o->session.auditLog())->entries())
            mirrored += entry.action == u"mirror" && entry.repository.startsWith(target) ? 1 : 0;
        QCOMPARE(mirrored, 2);
    }

    void aRegistryOutOfReachShowsWhatBerthLastSaw()
    {
        auto relay = test::startRelay(m_bed.anonymous);
        QVERIFY(relay);
        const QString address = QStringLiteral("127.0.0.1:%1").arg(relay->port);
        {
            auto o = open(address, QStringLiteral("demo/webapp")); // Berth sees it once
            QVERIFY(o);
        }
        relay.reset(); // the registry is gone (a laptop off the VPN)

        RegistrySession session;
        MainWindow window(session);
        window.resize(1280, 860);
        window.show();
        QSignalSpy settled(&window, &MainWindow::registriesSettled);
        window.addRegistry(*RegistryEndpoint::fromString(address));
        QVERIFY(settled.wait(20000));
        const QModelIndex registry = window.registryModel()->index(0, 0);
        QCOMPARE(registry.data().toString(), address + QStringLiteral(" (offline)"));
        QVERIFY(registry.data(Qt::ToolTipRole).toString().contains(QStringLiteral("as of")));
        // The repository Berth listed is there; those it never listed are not.
        const QModelIndex repo = findRepository(window.sidebar()->model(), QStringLiteral("demo/webapp"));
        QVERIFY(repo.isValid());
        QVERIFY(!findRepository(window.sidebar()->model(), QStringLiteral("tools/cli")).isValid());
        QSignalSpy ended(&window, &MainWindow::tagLoadEnded);
        window.sidebar()->setCurrentIndex(repo);
        QVERIFY(ended.wait(20000));
        QCOMPARE(test::sorted(window.tagModel()->tags()), m_bed.seededTags(QStringLiteral("demo/webapp")));
        const int row = window.tagModel()->rowOf(QStringLiteral("1.0.0"));
        QVERIFY(row >= 0);
        QCOMPARE(window.tagModel()->summaryAt(row).created, QDateTime::fromString(QStringLiteral("2026-02-02T09:30:00Z"), Qt::ISODate));
        auto* banner = window.findChild<QLabel*>(QStringLiteral("errorBanner"));
        QVERIFY(banner && banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("Offline")), qPrintable(banner->text()));
        saveScreenshot(&window, QStringLiteral("main-window-offline.png"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
