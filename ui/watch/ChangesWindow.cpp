#include "ui/watch/ChangesWindow.h"

#include "core/registry/RegistryClient.h"
#include "core/session/RegistrySession.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/compare/CompareWindow.h"
#include "ui/widgets/Dates.h"
#include "ui/widgets/ErrorBanner.h"
#include "ui/widgets/Settings.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

QDateTime changesLastLooked()
{
    return QDateTime::fromString(berthSettings().value(QStringLiteral("watch/lastLooked")).toString(), Qt::ISODateWithMs);
}

void setChangesLastLooked(const QDateTime& when)
{
    berthSettings().setValue(QStringLiteral("watch/lastLooked"), when.toUTC().toString(Qt::ISODateWithMs));
}

ChangesWindow::ChangesWindow(RegistrySession& session, ClientLookup clients, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_session(session)
    , m_clients(std::move(clients))
{
    setWindowTitle(tr("Changes — Berth"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(900, 420);
    m_title = new QLabel(this);
    m_changes = new QTreeWidget(this);
    m_changes->setRootIsDecorated(false);
    m_changes->setUniformRowHeights(true);
    m_changes->setSelectionMode(QAbstractItemView::SingleSelection);
    m_changes->setHeaderLabels({tr("When"), tr("Repository"), tr("Change"), tr("Tag"), tr("Digest")});
    m_earlier = new QCheckBox(tr("Show earlier changes too"), this);
    m_compare = new QPushButton(tr("Compare with Previous Digest"), this);
    m_compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compare->setToolTip(tr("What changed in the image when the tag moved (Ctrl+D)"));
    m_seen = new QPushButton(tr("Mark All as Seen"), this);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_earlier);
    buttons->addStretch();
    buttons->addWidget(m_compare);
    buttons->addWidget(m_seen);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_changes);
    layout->addLayout(buttons);

    connect(m_earlier, &QCheckBox::toggled, this, &ChangesWindow::reload);
    connect(m_compare, &QPushButton::clicked, this, &ChangesWindow::compareSelected);
    connect(m_seen, &QPushButton::clicked, this, &ChangesWindow::markAllSeen);
    connect(m_changes, &QTreeWidget::itemSelectionChanged, this, &ChangesWindow::updateButtons);
    connect(m_changes, &QTreeWidget::itemActivated, this, [this] { compareSelected(); });
}

void ChangesWindow::showRepository(const QString& registry, const QString& repository)
{
    m_registry = registry;
    m_repository = repository;
    reload();
}

QString ChangesWindow::describe(const WatchEvent& event) const
{
    switch (event.kind) {
    case WatchEvent::Kind::TagCreated:
        return tr("created");
    case WatchEvent::Kind::TagMoved:
        return tr("moved");
    case WatchEvent::Kind::TagDeleted:
        return tr("deleted");
    case WatchEvent::Kind::ImageSigned:
        return tr("signed");
    case WatchEvent::Kind::ImageUnsigned:
        return tr("signature removed");
    case WatchEvent::Kind::ScanFindings:
        return tr("scan findings");
    }
    return {};
}

void ChangesWindow::reload()
{
    const QDateTime since = m_earlier->isChecked() ? QDateTime() : changesLastLooked();
    m_changes->clear();
    m_events.clear();
    const auto journal = m_session.watchJournal();
    if (!journal) {
        m_title->setText(userMessage(journal.error()));
        return;
    }
    m_events = (*journal)->eventsSince(m_registry, m_repository, since);
    const auto shortDigest = [](const QString& digest) { return digest.left(19); };
    for (const WatchEvent& e : std::as_const(m_events)) {
        QString digests = shortDigest(e.digest);
        if (e.kind == WatchEvent::Kind::TagMoved)
            digests = shortDigest(e.previousDigest) + QStringLiteral(" → ") + shortDigest(e.digest);
        else if (e.kind == WatchEvent::Kind::TagDeleted)
            digests = tr("was %1").arg(shortDigest(e.previousDigest));
        else if (e.kind == WatchEvent::Kind::ScanFindings)
            digests = tr("%1: %2 at or above %3").arg(shortDigest(e.digest)).arg(QJsonDocument::fromJson(e.detail).object().value(QStringLiteral("atOrAbove")).toInt())
                          .arg(QJsonDocument::fromJson(e.detail).object().value(QStringLiteral("threshold")).toString());
        auto* item = new QTreeWidgetItem(m_changes, {displayDateTime(e.detected), e.registry + QLatin1Char('/') + e.repository, describe(e),
                                                     e.kind == WatchEvent::Kind::ImageSigned || e.kind == WatchEvent::Kind::ImageUnsigned ? QString() : e.tag,
                                                     digests});
        item->setToolTip(4, e.previousDigest.isEmpty() ? e.digest : e.previousDigest + QStringLiteral(" → ") + e.digest);
    }
    for (int column = 0; column < m_changes->columnCount(); ++column)
        m_changes->resizeColumnToContents(column);
    const QString where = m_repository.isEmpty() ? tr("all watched repositories") : m_registry + QLatin1Char('/') + m_repository;
    m_title->setText(m_events.isEmpty() ? (since.isValid() ? tr("No changes in %1 since you last looked (%2).").arg(where, displayDateTime(since))
                                                           : tr("No changes in %1 yet.").arg(where))
                                        : since.isValid() ? tr("%n changes in %1 since you last looked (%2):", nullptr, int(m_events.size())).arg(where, displayDateTime(since))
                                                          : tr("%n changes in %1:", nullptr, int(m_events.size())).arg(where));
    if (!m_events.isEmpty())
        m_changes->setCurrentItem(m_changes->topLevelItem(int(m_events.size()) - 1));
    updateButtons();
}

void ChangesWindow::markAllSeen()
{
    setChangesLastLooked(QDateTime::currentDateTimeUtc());
    m_earlier->setChecked(false);
    reload();
}

void ChangesWindow::updateButtons()
{
    const int row = m_changes->currentItem() ? m_changes->indexOfTopLevelItem(m_changes->currentItem()) : -1;
    m_compare->setEnabled(row >= 0 && m_events.at(row).kind == WatchEvent::Kind::TagMoved);
    m_seen->setEnabled(!m_events.isEmpty());
}

CompareWindow* ChangesWindow::compareSelected()
{
    const int row = m_changes->currentItem() ? m_changes->indexOfTopLevelItem(m_changes->currentItem()) : -1;
    if (row < 0 || m_events.at(row).kind != WatchEvent::Kind::TagMoved)
        return nullptr;
    const WatchEvent& e = m_events.at(row);
    RegistryClient* client = m_clients(e.registry);
    if (!client)
        return nullptr;
    const QString name = e.registry + QLatin1Char('/') + e.repository;
    auto* window = new CompareWindow(m_session, {client, e.repository, name + QLatin1Char('@') + e.previousDigest.left(19), e.previousDigest},
                                     {client, e.repository, name + QLatin1Char(':') + e.tag, e.digest}, this);
    window->setWindowFlag(Qt::Window);
    window->show();
    return window;
}

} // namespace berth
