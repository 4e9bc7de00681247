// MainWindow, part: Menus and shortcuts, and the windows they open (compare, retention, audit log).
#include "ui/mainwindow/MainWindow.h"

#include "core/base/Paths.h"
#include "core/image/ImageContents.h"
#include "core/image/ImageInspector.h"
#include "core/image/RepositoryHistory.h"
#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"
#include "core/scan/LocalScanner.h"
#include "core/session/RegistrySession.h"
#include "core/session/SavedRegistries.h"
#include "core/store/AuditLog.h"
#include "core/trust/Signatures.h"
#include "core/trust/TrustInspector.h"
#include "ui/browser/RegistryDialog.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/browser/TagTableModel.h"
#include "ui/compare/CompareWindow.h"
#include "ui/compare/RepositoryChart.h"
#include "ui/copy/CopyDialog.h"
#include "ui/copy/MirrorRulesWindow.h"
#include "ui/details/TagDetailsView.h"
#include "ui/retention/AuditWindow.h"
#include "ui/retention/RetentionWindow.h"
#include "ui/widgets/ErrorBanner.h"
#include "ui/widgets/Settings.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCompleter>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <utility>

namespace berth {

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Add Registry…"), QKeySequence::New, this, [this] { openRegistryDialog(false); });
    file->addAction(tr("&Open Repository…"), QKeySequence::Open, this, [this] {
        if (selectedRegistryRow() < 0) {
            QMessageBox::information(this, tr("Open Repository"), tr("Select a registry in the sidebar first."));
            return;
        }
        QInputDialog ask(this);
        ask.setWindowTitle(tr("Open Repository"));
        ask.setLabelText(tr("Repository name, such as library/debian or myorg/app:"));
        ask.setInputMode(QInputDialog::TextInput);
        // Completion from the names Berth knows for this registry (its catalog, what was opened before).
        auto* known = new QCompleter(m_registries->repositories(selectedRegistryRow()), &ask);
        known->setCaseSensitivity(Qt::CaseInsensitive);
        known->setFilterMode(Qt::MatchContains);
        if (auto* edit = ask.findChild<QLineEdit*>())
            edit->setCompleter(known);
        const bool ok = ask.exec() == QDialog::Accepted;
        const QString path = ask.textValue();
        if (ok && !path.trimmed().isEmpty() && !openRepository(path.trimmed()))
            QMessageBox::warning(this, tr("Open Repository"), tr("\"%1\" is not a repository name.").arg(path));
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    view->addAction(tr("&Filter Tags"), QKeySequence::Find, this, [this] {
        m_tagFilter->setFocus();
        m_tagFilter->selectAll();
    });
    view->addAction(tr("Filter &Repositories"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), this, [this] {
        m_repositoryFilter->setFocus();
        m_repositoryFilter->selectAll();
    });
    view->addAction(tr("&Cancel Loading"), QKeySequence(Qt::Key_Escape), this, &MainWindow::cancelLoading);
    view->addAction(tr("Check &Trust of All Tags"), QKeySequence(Qt::CTRL | Qt::Key_T), this, &MainWindow::checkTrustOfAllTags);
    view->addAction(tr("Read &Every Image"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this, &MainWindow::readEveryImage);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("Co&mpare Selected Tags"), QKeySequence(Qt::CTRL | Qt::Key_D), this, [this] {
        if (!compareSelectedTags())
            statusBar()->showMessage(tr("Select two tags to compare (Ctrl+click)."), 5000);
    });
    edit->addAction(tr("&Retention Plan…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this, [this] {
        if (!openRetentionPlan())
            statusBar()->showMessage(tr("Open a repository and wait for its tags to load first."), 5000);
    });
    edit->addAction(tr("Copy &To…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this, [this] {
        if (!openCopyDialog(false))
            statusBar()->showMessage(tr("Select a tag to copy."), 5000);
    });
    edit->addAction(tr("&Promote…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this, [this] {
        if (!openCopyDialog(true))
            statusBar()->showMessage(tr("Select a tag to promote."), 5000);
    });
    edit->addAction(tr("&Mirror Rules…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), this, [this] { openMirrorRules(); });
    edit->addAction(tr("&Audit Log…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this, [this] { openAuditLog(); });
    edit->addAction(tr("Copy &Pull Command"), QKeySequence::Copy, this, [this] {
        if (!m_details->pullCommand().isEmpty())
            QApplication::clipboard()->setText(m_details->pullCommand());
    });
}

CompareWindow* MainWindow::compareSelectedTags()
{
    const QModelIndexList rows = m_tagView->selectionModel()->selectedRows();
    if (rows.size() != 2 || !m_tagClient)
        return nullptr;
    QList<TagSummary> picked;
    for (const QModelIndex& index : rows)
        picked << m_tags->summaryAt(m_tagProxy->mapToSource(index).row());
    // Older build on the left: "what changed since".
    std::sort(picked.begin(), picked.end(), [](const TagSummary& a, const TagSummary& b) {
        return a.created != b.created ? a.created < b.created : compareVersions(a.tag, b.tag) < 0;
    });
    const QString name = m_tagClient->endpoint().name + QLatin1Char('/') + m_currentRepository;
    auto side = [&](const TagSummary& t) {
        return CompareWindow::Side{m_tagClient, m_currentRepository, name + QLatin1Char(':') + t.tag, t.digest.isEmpty() ? t.tag : t.digest};
    };
    auto* window = new CompareWindow(m_session, side(picked[0]), side(picked[1]), this);
    window->show();
    return window;
}

RegistryClient* MainWindow::newClientFor(const QString& registryName, QObject* parent)
{
    // A client of its own, with the login and transport the sidebar's has: a copy or a mirror run
    // that is cancelled aborts its own requests, never the window's.
    const int r = m_registries->registryRow(registryName);
    RegistryClient* shown = r < 0 ? nullptr : m_registries->clientAt(m_registries->index(r, 0));
    return shown ? m_session.createClient(shown->endpoint(), nullptr, parent) : nullptr;
}

CopyDialog* MainWindow::openCopyDialog(bool promote)
{
    const QModelIndex current = m_tagView->currentIndex();
    if (!current.isValid() || !m_tagClient)
        return nullptr;
    const QString tag = m_tags->summaryAt(m_tagProxy->mapToSource(current).row()).tag;
    const QString here = m_tagClient->endpoint().name;
    // Promote: to the next registry in the sidebar under the same name; Copy To: here, to be edited.
    QString destination = here;
    if (promote && m_registries->registryCount() > 1)
        destination = m_registries->index((m_registries->registryRow(here) + 1) % m_registries->registryCount(), 0)
                          .data(RegistryTreeModel::RegistryNameRole)
                          .toString();
    CopyDialog* dialog = openCopyDialogTo(tag, destination, {});
    if (dialog && promote)
        dialog->setWindowTitle(tr("Promote %1:%2").arg(m_currentRepository, tag));
    return dialog;
}

CopyDialog* MainWindow::openCopyDialogTo(const QString& tag, const QString& registry, const QString& repository)
{
    const int tagRow = m_tags->rowOf(tag);
    if (tagRow < 0 || !m_tagClient)
        return nullptr;
    const TagSummary& row = m_tags->summaryAt(tagRow);
    const QStringList registries = m_registries->registryNames();
    const bool index = row.mediaType.contains(QStringLiteral("index")) || row.mediaType.contains(QStringLiteral("manifest.list"));
    CopyDialog::Source source{m_tagClient->endpoint().name, m_currentRepository, row.tag, row.digest, index ? row.platforms : QStringList{}};
    auto* dialog = new CopyDialog(source, registries, registry, [this](const QString& registryName, QObject* parent) { return newClientFor(registryName, parent); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!repository.isEmpty())
        dialog->repositoryEdit()->setText(repository);
    connect(dialog, &CopyDialog::finished, this, [this](bool copied, const QString& digest) {
        if (copied)
            statusBar()->showMessage(tr("Copied %1.").arg(digest.left(19)), 8000);
    });
    dialog->show();
    return dialog;
}

MirrorRulesWindow* MainWindow::openMirrorRules()
{
    const QStringList registries = m_registries->registryNames();
    const auto audit = m_session.auditLog();
    auto* window = new MirrorRulesWindow(registries, [this](const QString& registryName, QObject* parent) { return newClientFor(registryName, parent); }, audit ? *audit : nullptr, this);
    window->show();
    return window;
}

AuditWindow* MainWindow::openAuditLog()
{
    auto* window = new AuditWindow(
        m_session,
        [this](const QString& registryName) -> RegistryClient* {
            const int row = m_registries->registryRow(registryName);
            return row < 0 ? nullptr : m_registries->clientAt(m_registries->index(row, 0));
        },
        this);
    window->setConfirmation(m_confirm);
    connect(window, &AuditWindow::undone, this, [this](const QString& repository, const QString&, bool succeeded) {
        if (succeeded && repository == m_currentRepository)
            refresh();
    });
    window->show();
    return window;
}

RetentionWindow* MainWindow::openRetentionPlan()
{
    // The plan is made from the rows the table already holds, so they must all be summarised.
    if (!m_tagClient || m_currentRepository.isEmpty() || m_progress->isVisible())
        return nullptr;
    QList<TagSummary> rows;
    for (int i = 0; i < m_tags->rowCount(); ++i)
        rows << m_tags->summaryAt(i);
    auto* window = new RetentionWindow(m_session, m_tagClient, m_currentRepository, RetentionInventory::fromTags(rows), this);
    window->setConfirmation(m_confirm);
    // The table shows what is left once the deletions are done.
    connect(window, &RetentionWindow::applied, this, [this, repository = m_currentRepository] {
        if (repository == m_currentRepository)
            refresh();
    });
    window->show();
    return window;
}

} // namespace berth
