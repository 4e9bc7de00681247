#include "ui/mainwindow/ScreenshotTour.h"

#include "ui/browser/RegistryTreeModel.h"
#include "ui/browser/TagTableModel.h"
#include "ui/compare/CompareWindow.h"
#include "ui/details/TagDetailsView.h"
#include "ui/mainwindow/MainWindow.h"

#include <QDir>
#include <QItemSelectionModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <cstdio>
#include <memory>

namespace berth {
namespace {

    constexpr int kViewTimeoutMs = 30000;
    constexpr int kSettleMs = 400; // layout and painting after the content arrived

} // namespace

ScreenshotTour::ScreenshotTour(MainWindow* window, QString repository, QString tag, QString compareWith, QString directory,
                               QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_repository(std::move(repository))
    , m_tag(std::move(tag))
    , m_compareWith(std::move(compareWith))
    , m_directory(std::move(directory))
{
}

void ScreenshotTour::start()
{
    m_steps = steps();
    if (m_directory.isEmpty())
        m_steps = m_steps.mid(0, 1); // only open the repository and tag, for a user
    else
        QDir().mkpath(m_directory);
    run(0);
}

template<typename Signal>
void ScreenshotTour::awaitTag(Signal signal, const QString& tag, std::function<void()> then)
{
    auto fired = std::make_shared<bool>(false);
    auto connection = std::make_shared<QMetaObject::Connection>();
    auto finish = [fired, connection, then](bool timedOut, const QString& what) {
        if (*fired)
            return;
        *fired = true;
        QObject::disconnect(*connection);
        if (timedOut)
            std::fprintf(stderr, "berth: %s did not finish in %d s; saving what is shown\n", qPrintable(what), kViewTimeoutMs / 1000);
        then();
    };
    *connection = connect(m_window, signal, this, [finish, tag](const QString& shownTag) {
        if (shownTag == tag)
            finish(false, {});
    });
    QTimer::singleShot(kViewTimeoutMs, this, [finish, tag] { finish(true, tag); });
}

template<typename Sender, typename Signal>
void ScreenshotTour::awaitSignal(Sender* sender, Signal signal, std::function<void()> then)
{
    auto done = std::make_shared<bool>(false);
    auto once = [done, then] {
        if (!std::exchange(*done, true))
            then();
    };
    connect(sender, signal, this, once, Qt::SingleShotConnection);
    QTimer::singleShot(kViewTimeoutMs, this, once);
}

void ScreenshotTour::selectTag(const QString& tag, bool addToSelection)
{
    QTableView* view = m_window->tagView();
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        const QModelIndex index = view->model()->index(r, TagTableModel::TagColumn);
        if (index.data().toString() != tag)
            continue;
        if (addToSelection)
            view->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        else
            view->setCurrentIndex(index);
        view->scrollTo(index);
        return;
    }
    std::fprintf(stderr, "berth: %s has no tag %s\n", qPrintable(m_repository), qPrintable(tag));
}

QList<ScreenshotTour::Step> ScreenshotTour::steps()
{
    TagDetailsView* details = m_window->detailsView();
    QList<Step> list;
    list << Step{QStringLiteral("main.png"),
                 [this](std::function<void()> shown) {
                     const QModelIndex repository = RegistryTreeModel::findRepository(m_window->sidebar()->model(), m_repository);
                     if (!repository.isValid()) {
                         std::fprintf(stderr, "berth: no repository %s in the sidebar\n", qPrintable(m_repository));
                         shown();
                         return;
                     }
                     awaitTag(&MainWindow::tagsLoaded, m_repository, [this, shown] {
                         if (m_directory.isEmpty()) { // a user's --open: just the tag
                             awaitTag(&MainWindow::detailsShown, m_tag, shown);
                             selectTag(m_tag, false);
                             return;
                         }
                         // The tour shows the Signature and Vulnerabilities columns filled (Ctrl+T).
                         awaitTag(&MainWindow::detailsShown, m_tag, [this, shown] {
                             awaitSignal(m_window.data(), &MainWindow::allTrustChecked, shown);
                             m_window->checkTrustOfAllTags();
                         });
                         selectTag(m_tag, false);
                     });
                     m_window->sidebar()->setCurrentIndex(repository);
                 },
                 {}};
    list << Step{QStringLiteral("trust.png"),
                 [this, details](std::function<void()> shown) {
                     awaitTag(&MainWindow::trustShown, m_tag, shown);
                     details->tabs()->setCurrentIndex(details->trustTabIndex());
                 },
                 {}};
    list << Step{QStringLiteral("files.png"),
                 [this, details](std::function<void()> shown) {
                     awaitTag(&MainWindow::contentsShown, m_tag, shown);
                     details->tabs()->setCurrentIndex(details->filesTabIndex());
                 },
                 {}};
    list << Step{QStringLiteral("timeline.png"),
                 [details](std::function<void()> shown) {
                     details->tabs()->setCurrentIndex(details->timelineTabIndex());
                     shown();
                 },
                 {}};
    list << Step{QStringLiteral("chart.png"),
                 [this](std::function<void()> shown) {
                     if (auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("tagTabs")))
                         tabs->setCurrentIndex(1);
                     shown();
                 },
                 {}};
    if (!m_compareWith.isEmpty()) {
        list << Step{QStringLiteral("compare.png"),
                     [this](std::function<void()> shown) {
                         if (auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("tagTabs")))
                             tabs->setCurrentIndex(0);
                         selectTag(m_compareWith, true);
                         CompareWindow* compare = m_window->compareSelectedTags();
                         m_compare = compare;
                         if (!compare) {
                             std::fprintf(stderr, "berth: could not compare %s with %s\n", qPrintable(m_tag), qPrintable(m_compareWith));
                             shown();
                             return;
                         }
                         compare->resize(1200, 760);
                         awaitSignal(compare, &CompareWindow::compared, shown);
                     },
                     [this]() -> QWidget* { return m_compare; }};
    }
    return list;
}

void ScreenshotTour::run(int step)
{
    if (!m_window || step >= m_steps.size()) {
        Q_EMIT finished(m_allSaved);
        return;
    }
    const Step& current = m_steps[step];
    current.show([this, step] {
        if (m_directory.isEmpty()) {
            run(step + 1);
            return;
        }
        QTimer::singleShot(kSettleMs, this, [this, step] {
            const Step& shot = m_steps[step];
            QWidget* subject = shot.subject ? shot.subject() : nullptr;
            if (!subject)
                subject = m_window;
            const QString path = QDir(m_directory).filePath(shot.file);
            if (subject && subject->grab().save(path, "PNG")) {
                m_saved << path;
            } else {
                m_allSaved = false;
                std::fprintf(stderr, "berth: cannot write %s\n", qPrintable(path));
            }
            run(step + 1);
        });
    });
}

} // namespace berth
