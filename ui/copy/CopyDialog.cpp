#include "ui/copy/CopyDialog.h"

#include "core/registry/Reference.h"
#include "core/registry/RegistryClient.h"
#include "ui/browser/RegistryTreeModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace berth {
namespace {

    QString bytes(qint64 n)
    {
        return QLocale().formattedDataSize(n, 1, QLocale::DataSizeSIFormat);
    }

} // namespace

CopyDialog::CopyDialog(const Source& source, const QStringList& registries, const QString& destinationRegistry, ClientFactory clients,
                       QWidget* parent)
    : QDialog(parent)
    , m_source(source)
    , m_clients(std::move(clients))
    , m_from(m_clients(source.registry, this))
{
    const QString from = source.registry + QLatin1Char('/') + source.repository + QLatin1Char(':') + source.tag;
    setWindowTitle(tr("Copy %1").arg(from));
    m_registry = new QComboBox(this);
    m_registry->addItems(registries);
    m_registry->setCurrentText(destinationRegistry);
    m_repository = new QLineEdit(source.repository, this);
    m_tag = new QLineEdit(source.tag, this);
    m_tag->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")), m_tag));
    m_platform = new QComboBox(this);
    m_platform->addItem(source.platforms.isEmpty() ? tr("The image") : tr("All platforms (the index as it is)"), QString());
    for (const QString& platform : source.platforms)
        m_platform->addItem(platform, platform);
    m_platform->setEnabled(!source.platforms.isEmpty());
    m_referrers = new QCheckBox(tr("With signatures and attachments (SBOMs, attestations, scan reports)"), this);
    m_referrers->setChecked(true);
    m_progress = new QProgressBar(this);
    m_progress->hide();
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("From:"), new QLabel(from, this));
    form->addRow(tr("To registry:"), m_registry);
    form->addRow(tr("Repository:"), m_repository);
    form->addRow(tr("Tag:"), m_tag);
    form->addRow(tr("Platforms:"), m_platform);
    form->addRow(QString(), m_referrers);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* copy = m_buttons->addButton(tr("Copy"), QDialogButtonBox::AcceptRole);
    copy->setDefault(true);
    connect(copy, &QPushButton::clicked, this, &CopyDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_copier)
            cancel();
        else
            reject();
    });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(620, sizeHint().height());
}

void CopyDialog::setRunning(bool running)
{
    for (QWidget* input : std::initializer_list<QWidget*>{m_registry, m_repository, m_tag, m_referrers})
        input->setEnabled(!running);
    m_platform->setEnabled(!running && !m_source.platforms.isEmpty());
    m_buttons->buttons().first()->setEnabled(true); // Cancel stays
    for (QAbstractButton* button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(!running);
    }
}

void CopyDialog::start()
{
    const QString registry = m_registry->currentText().trimmed();
    const auto destination = Reference::parseRepository(registry + QLatin1Char('/') + m_repository->text().trimmed());
    if (!destination || m_tag->text().trimmed().isEmpty()) {
        m_status->setText(!destination ? userMessage(destination.error()) : tr("Give the copy a tag."));
        return;
    }
    RegistryClient* to = m_clients(registry, this);
    if (!to || !m_from) {
        m_status->setText(tr("%1 is not one of Berth's registries; add it first.").arg(registry));
        return;
    }
    CopyOptions options;
    options.platform = m_platform->currentData().toString();
    options.referrers = m_referrers->isChecked();
    options.dryRun = true;
    m_cancelled = false;
    setRunning(true);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(tr("Finding out what %1 already has…").arg(registry));
    // First what would move (HEADs only), so that progress has a total and a time left.
    m_copier = new ImageCopier(m_from, to, this);
    m_copier->copy(m_source.repository, m_source.digest.isEmpty() ? m_source.tag : m_source.digest, destination->path, m_tag->text().trimmed(),
                   options, {}, [this, to, options](Result<CopyReport> plan) mutable {
                       m_copier->deleteLater();
                       // Cancelled while the plan was made: a plan that finished anyway must not start the copy.
                       if (!plan || m_cancelled) {
                           setRunning(false);
                           m_progress->hide();
                           m_status->setText(m_cancelled ? tr("Cancelled; nothing was copied.") : userMessage(plan.error()));
                           Q_EMIT finished(false, {});
                           return;
                       }
                       options.dryRun = false;
                       copyNow(to, options, plan->bytesCopied);
                   });
}

void CopyDialog::copyNow(RegistryClient* destination, const CopyOptions& options, qint64 toMove)
{
    const auto target = Reference::parseRepository(m_registry->currentText().trimmed() + QLatin1Char('/') + m_repository->text().trimmed());
    auto moved = std::make_shared<qint64>(0);
    m_clock.start();
    showProgress(0, toMove);
    m_copier = new ImageCopier(m_from, destination, this);
    m_copier->copy(m_source.repository, m_source.digest.isEmpty() ? m_source.tag : m_source.digest, target->path, m_tag->text().trimmed(), options,
                   [this, moved, toMove](const CopyStep& step) {
                       if (step.kind == CopyStep::Kind::BlobCopied) {
                           *moved += step.bytes;
                           showProgress(*moved, qMax(toMove, *moved));
                       }
                   },
                   [this, target = *target](Result<CopyReport> report) {
                       m_copier->deleteLater();
                       setRunning(false);
                       if (!report) {
                           m_progress->hide();
                           m_status->setText(m_cancelled ? tr("Cancelled; nothing was tagged at the destination.")
                                                         : tr("The copy stopped, nothing was tagged: %1").arg(userMessage(report.error())));
                           Q_EMIT finished(false, {});
                           return;
                       }
                       m_progress->setRange(0, 1);
                       m_progress->setValue(1);
                       QString text = tr("Copied to %1:%2 (%3): %4 moved in %5 blobs, %6 blobs already there, %7 mounted; %8 attached artifacts along.")
                                          .arg(target.name(), m_tag->text().trimmed(), report->digest.left(19), bytes(report->bytesCopied))
                                          .arg(report->blobsCopied)
                                          .arg(report->blobsPresent)
                                          .arg(report->blobsMounted)
                                          .arg(report->referrers);
                       for (const QString& note : report->notes)
                           text += QLatin1Char('\n') + note;
                       m_status->setText(text);
                       for (QAbstractButton* button : m_buttons->buttons())
                           button->setVisible(m_buttons->buttonRole(button) != QDialogButtonBox::AcceptRole);
                       m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
                       Q_EMIT finished(true, report->digest);
                   });
}

void CopyDialog::showProgress(qint64 done, qint64 total)
{
    // The bar counts kilobytes: an int holds 2 TB of them.
    m_progress->setRange(0, int(qMax<qint64>(1, total / 1024)));
    m_progress->setValue(int(done / 1024));
    const double seconds = m_clock.elapsed() / 1000.0;
    const double rate = seconds > 0.2 ? double(done) / seconds : 0;
    const QString left = rate > 0 ? tr(", about %1 s left").arg(qRound(double(total - done) / rate)) : QString();
    m_status->setText(total == 0 ? tr("Everything is there already; pushing the manifests and the tag…")
                                 : tr("%1 of %2 copied (%3/s)%4").arg(bytes(done), bytes(total), bytes(qint64(rate)), left));
}

void CopyDialog::cancel()
{
    m_cancelled = true;
    if (m_copier)
        m_copier->cancel();
}

} // namespace berth
