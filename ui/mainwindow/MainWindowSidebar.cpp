// MainWindow, part: The sidebar: registries, their repositories and pins, the registry dialog.
#include "ui/mainwindow/MainWindow.h"

#include "core/auth/DockerConfig.h"
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
#include "ui/details/TagDetailsView.h"
#include "ui/retention/AuditWindow.h"
#include "ui/retention/RetentionWindow.h"
#include "ui/watch/ChangesWindow.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/ErrorBanner.h"
#include "ui/widgets/Settings.h"

#include <QAction>
#include <QDir>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
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

int MainWindow::selectedRegistryRow() const
{
    const QModelIndex current = m_registryFilter->mapToSource(m_sidebar->currentIndex());
    return current.isValid() ? m_registries->registryRowOf(current) : (m_registries->registryCount() == 1 ? 0 : -1);
}

RegistryDialog* MainWindow::openRegistryDialog(bool edit)
{
    std::optional<SavedRegistry> existing;
    const int row = selectedRegistryRow();
    if (edit && row >= 0) {
        const QString name = m_registries->index(row, 0).data(RegistryTreeModel::RegistryNameRole).toString();
        existing = SavedRegistries::findOrNew(name);
    }
    auto* dialog = new RegistryDialog(m_session, existing, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const SavedRegistry saved = dialog->registry();
        if (const int old = m_registries->registryRow(saved.name); old >= 0)
            m_registries->removeRegistry(old); // edited: show it again with the new settings
        addRegistry(saved.endpoint());
        // The new registry is where the user looks next, even below a long list.
        const QModelIndex added = m_registryFilter->mapFromSource(m_registries->index(m_registries->registryRow(saved.name), 0));
        m_sidebar->setCurrentIndex(added);
        m_sidebar->scrollTo(added);
    });
    dialog->open();
    return dialog;
}

bool MainWindow::openRepository(const QString& path)
{
    const int row = selectedRegistryRow();
    if (row < 0)
        return false;
    const QString registry = m_registries->index(row, 0).data(RegistryTreeModel::RegistryNameRole).toString();
    const auto reference = Reference::parseRepository(registry + QLatin1Char('/') + path);
    if (!reference)
        return false;
    const QModelIndex index = m_registries->addRepository(row, reference->path, true);
    savePins(row);
    m_sidebar->setCurrentIndex(m_registryFilter->mapFromSource(index));
    return true;
}

void MainWindow::savePins(int registryRow)
{
    const QString registry = m_registries->index(registryRow, 0).data(RegistryTreeModel::RegistryNameRole).toString();
    SavedRegistries::setPinned(registry, m_registries->pinnedRepositories(registryRow));
}

void MainWindow::removeSelectedRegistry()
{
    const int row = selectedRegistryRow();
    if (row < 0)
        return;
    const QString name = m_registries->index(row, 0).data(RegistryTreeModel::RegistryNameRole).toString();
    if (!confirmDestructive(this, tr("Remove Registry"),
                            tr("Remove %1 from Berth and forget its saved password? Logins made with docker or podman stay.").arg(name),
                            tr("Remove")))
        return;
    SavedRegistries::remove(name);
    m_session.logins().remove(name, this, [](Result<void>) {});
    m_registries->removeRegistry(row);
    showWelcome();
}

void MainWindow::showSidebarMenu(const QPoint& position)
{
    const QModelIndex index = m_registryFilter->mapToSource(m_sidebar->indexAt(position));
    QMenu menu(this);
    if (!index.isValid()) {
        menu.addAction(tr("Add Registry…"), this, [this] { openRegistryDialog(false); });
    } else if (index.data(RegistryTreeModel::IsRegistryRole).toBool()) {
        menu.addAction(tr("Open Repository…"), QKeySequence::Open, this, [this] {
            bool ok = false;
            const QString path = QInputDialog::getText(this, tr("Open Repository"), tr("Repository name:"), QLineEdit::Normal, {}, &ok);
            if (ok && !path.trimmed().isEmpty() && !openRepository(path.trimmed()))
                QMessageBox::warning(this, tr("Open Repository"), tr("\"%1\" is not a repository name.").arg(path));
        });
        menu.addAction(tr("Refresh"), QKeySequence::Refresh, this, [this, row = m_registries->registryRowOf(index)] { m_registries->reload(row); });
        menu.addSeparator();
        menu.addAction(tr("Edit…"), this, [this] { openRegistryDialog(true); });
        menu.addAction(tr("Trusted Keys…"), this, [this, name = index.data(RegistryTreeModel::RegistryNameRole).toString()] {
            const QStringList keys = QFileDialog::getOpenFileNames(this, tr("Public keys that sign images of %1").arg(name), {},
                                                                   tr("Public keys (*.pub *.pem);;All files (*)"));
            if (!keys.isEmpty())
                setTrustedKeys(name, keys);
        });
        menu.addAction(tr("Remove"), this, &MainWindow::removeSelectedRegistry);
    } else if (!index.data(RegistryTreeModel::RepositoryRole).toString().isEmpty()) {
        const bool pinned = index.data(RegistryTreeModel::PinnedRole).toBool();
        menu.addAction(pinned ? tr("Unpin") : tr("Pin"), this, [this, index, pinned] {
            m_registries->setPinned(index, !pinned);
            savePins(m_registries->registryRowOf(index));
        });
        const bool watched = index.data(RegistryTreeModel::WatchedRole).toBool();
        menu.addAction(watched ? tr("Stop Watching") : tr("Watch for Changes"), this, [this, index, watched] { setWatched(index, !watched); });
        menu.addAction(tr("Changes…"), this, [this, index] {
            openChanges(false)->showRepository(index.data(RegistryTreeModel::RegistryNameRole).toString(),
                                               index.data(RegistryTreeModel::RepositoryRole).toString());
        });
        menu.addAction(tr("Copy Name"), this, [index] {
            QApplication::clipboard()->setText(index.data(RegistryTreeModel::RegistryNameRole).toString() + QLatin1Char('/')
                                               + index.data(RegistryTreeModel::RepositoryRole).toString());
        });
    }
    if (!menu.isEmpty())
        menu.exec(m_sidebar->viewport()->mapToGlobal(position));
}

void MainWindow::addRegistry(const RegistryEndpoint& endpoint)
{
    m_progress->setRange(0, 0);
    m_progress->show();
    RegistryClient* client = m_session.createClient(endpoint, nullptr, this);
    connect(client, &RegistryClient::rateLimitReported, this, [this, name = endpoint.name](const QString& remaining, const QString& limit) {
        m_rateLimit->setText(limit.isEmpty() ? tr("%1: %2 pulls left").arg(name, remaining)
                                             : tr("%1: %2 of %3 pulls left").arg(name, remaining, limit));
        m_rateLimit->show();
    });
    const auto saved = SavedRegistries::find(endpoint.name);
    m_registries->addRegistry(client, saved ? saved->pinned : QStringList{});
    watchSaved(m_registries->registryRow(endpoint.name));
    showWelcome();
}

void MainWindow::showWelcome()
{
    // A first run has nothing to show: say what Berth can show and offer the first step.
    const bool empty = m_registries->registryCount() == 0;
    m_welcome->setVisible(empty);
    if (empty) {
        QStringList files;
        for (const QString& file : DockerConfigCredentials::defaultFiles())
            files << QDir::toNativeSeparators(file);
        m_welcomeText->setText(tr("<b>No registries yet.</b> Add a self-hosted registry, Docker Hub, GHCR, Quay, Harbor, Amazon ECR or "
                                  "Artifact Registry. Berth also shows every registry you logged into with <code>docker login</code> "
                                  "or <code>podman login</code>; none was found in %1.")
                                   .arg(files.join(QStringLiteral(", ")).toHtmlEscaped()));
        m_repositoryTitle->setText(tr("Welcome to Berth"));
    } else if (m_currentRepository.isEmpty()) {
        m_repositoryTitle->setText(tr("Select a repository to see its tags."));
    }
}

void MainWindow::restoreSelection(const QString& registry)
{
    if (m_restored)
        return;
    const auto settings = berthSettings();
    if (settings.value(QStringLiteral("selection/registry")).toString() != registry)
        return;
    const int row = m_registries->registryRow(registry);
    const QModelIndex repo = row < 0 ? QModelIndex()
                                     : m_registries->repositoryIndex(row, settings.value(QStringLiteral("selection/repository")).toString());
    if (repo.isValid()) {
        m_restored = true;
        m_sidebar->setCurrentIndex(m_registryFilter->mapFromSource(repo));
    }
}

} // namespace berth
