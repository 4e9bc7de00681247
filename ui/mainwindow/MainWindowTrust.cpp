// MainWindow, part: Trust: the keys signatures are checked with, and signatures and scans for every tag.
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
#include "ui/details/TagDetailsView.h"
#include "ui/retention/AuditWindow.h"
#include "ui/retention/RetentionWindow.h"
#include "ui/widgets/ErrorBanner.h"
#include "ui/widgets/Settings.h"

#include <QAction>
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

QList<PublicKey> MainWindow::trustedKeys(QStringList* unreadable) const
{
    // The keys the user trusts for this registry; unreadable ones are said, not skipped silently.
    QList<PublicKey> keys;
    const auto saved = m_tagClient ? SavedRegistries::find(m_tagClient->endpoint().name) : std::nullopt;
    for (const QString& path : saved ? saved->trustedKeys : QStringList{}) {
        QFile file(path);
        auto key = file.open(QIODevice::ReadOnly) ? PublicKey::fromPem(file.readAll(), QFileInfo(path).fileName())
                                                  : Result<PublicKey>(std::unexpected(Error::make(ErrorKind::InvalidInput, file.errorString())));
        if (key)
            keys << *key;
        else
            unreadable->append(path);
    }
    return keys;
}

void MainWindow::checkTrustOfAllTags()
{
    if (!m_tagClient) {
        statusBar()->showMessage(tr("Open a repository first."), 5000);
        return;
    }
    // While the tags load their digests are not all known yet: the check runs once they are.
    if (m_tagRequest) {
        m_trustAfterLoad = true;
        statusBar()->showMessage(tr("Trust of all tags will be checked once the tags have loaded."));
        return;
    }
    QStringList unreadable;
    const QList<PublicKey> keys = trustedKeys(&unreadable);
    QStringList digests;
    for (const QString& tag : m_tags->tags()) {
        const QString digest = m_tags->summaryAt(m_tags->rowOf(tag)).digest;
        if (!digest.isEmpty() && !digests.contains(digest) && classifyTag(tag) != TagKind::Attachment)
            digests << digest;
    }
    if (digests.isEmpty())
        return;
    auto* context = m_tagRequest ? m_tagRequest : new QObject(this);
    auto pending = std::make_shared<int>(int(digests.size()));
    m_progress->setRange(0, int(digests.size()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v / %m images checked"));
    setLoading(true);
    for (const QString& digest : std::as_const(digests)) {
        auto* inspector = new TrustInspector(m_tagClient, context);
        inspector->inspect(m_currentRepository, digest, keys, context, [this, digest, pending, total = int(digests.size()), inspector](Result<TrustSummary> trust) {
            inspector->deleteLater();
            if (trust)
                m_tags->setTrust(digest, *trust);
            m_progress->setValue(total - --*pending);
            if (*pending == 0) {
                setLoading(false);
                m_progress->setFormat(tr("%v / %m tags"));
                statusBar()->showMessage(tr("Checked %n images", nullptr, total), 5000);
                Q_EMIT allTrustChecked(total);
            }
        });
    }
}

void MainWindow::setTrustedKeys(const QString& registry, const QStringList& keyFiles)
{
    SavedRegistries::setTrustedKeys(registry, keyFiles);
    statusBar()->showMessage(tr("%n trusted keys for %1", nullptr, int(keyFiles.size())).arg(registry), 5000);
}

} // namespace berth
