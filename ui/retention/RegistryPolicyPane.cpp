#include "ui/retention/RegistryPolicyPane.h"

#include "core/retention/RegistryPreviewComparison.h"
#include "ui/browser/RegistryTreeModel.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/Dates.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace berth {

namespace {
    // Which registry family runs which policy language: writing another one there would be refused.
    bool speaks(ProviderKind kind, const RetentionPolicyFile& policy)
    {
        switch (kind) {
        case ProviderKind::Ecr:
            return std::holds_alternative<LifecyclePolicy>(policy.policy);
        case ProviderKind::ArtifactRegistry:
            return policy.isArtifactRegistry();
        case ProviderKind::Harbor:
            return policy.isHarbor();
        case ProviderKind::Quay:
            return policy.isQuay();
        default:
            return false;
        }
    }
} // namespace

RegistryPolicyPane::RegistryPolicyPane(Provider* provider, QString repository, std::function<std::optional<RetentionPolicyFile>()> currentPolicy,
                                       std::function<RetentionPlan()> currentPlan, QWidget* parent)
    : QWidget(parent)
    , m_provider(provider)
    , m_repository(std::move(repository))
    , m_currentPolicy(std::move(currentPolicy))
    , m_currentPlan(std::move(currentPlan))
    , m_summary(new QLabel(this))
    , m_comparison(new QLabel(this))
    , m_planIt(new QPushButton(tr("Plan &It"), this))
    , m_preview(new QPushButton(tr("Registry's &Dry Run"), this))
    , m_write(new QPushButton(tr("&Write to Registry…"), this))
{
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary->setWordWrap(true);
    m_comparison->setWordWrap(true);
    m_comparison->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(new QLabel(tr("<b>Registry policy:</b>"), this), 0, 0);
    layout->addWidget(m_summary, 0, 1);
    layout->addWidget(m_planIt, 0, 2);
    layout->addWidget(m_preview, 0, 3);
    layout->addWidget(m_write, 0, 4);
    layout->addWidget(m_comparison, 1, 1, 1, 4);
    layout->setColumnStretch(1, 1);
    const ProviderCapabilities caps = provider->capabilities();
    const QString family = providerDisplayName(provider->kind()); // a product name, not translated
    m_planIt->setToolTip(tr("Plan with the policy %1 runs on this repository").arg(family));
    m_planIt->setEnabled(false);
    m_preview->setVisible(caps.policyPreview);
    m_preview->setToolTip(tr("Ask %1 for its own dry run of the policy in this window and compare it with Berth's plan").arg(family));
    m_write->setVisible(caps.policyWrite);
    m_write->setToolTip(tr("Replace the policy %1 runs on this repository with the one in this window").arg(family));
    m_comparison->hide();
    connect(m_planIt, &QPushButton::clicked, this, [this] {
        if (m_registryPolicy)
            Q_EMIT planWith(*m_registryPolicy, tr("the registry's own policy"));
    });
    connect(m_preview, &QPushButton::clicked, this, &RegistryPolicyPane::previewByRegistry);
    connect(m_write, &QPushButton::clicked, this, &RegistryPolicyPane::writeToRegistry);
    readPolicy();
}

void RegistryPolicyPane::readPolicy()
{
    m_summary->setText(tr("Reading the registry's own policy…"));
    m_provider->registryPolicy(m_repository, this, [this](Result<std::optional<RegistryPolicy>> policy) {
        if (!policy) {
            m_summary->setText(tr("Could not read it: %1").arg(userMessage(policy.error())));
            Q_EMIT registryPolicyRead(false);
            return;
        }
        if (!policy->has_value()) {
            m_summary->setText(tr("%1 runs no cleanup policy on this repository.").arg(providerDisplayName(m_provider->kind())));
            Q_EMIT registryPolicyRead(false);
            return;
        }
        const auto parsed = RetentionPolicyFile::fromJson((*policy)->text);
        if (!parsed) {
            m_summary->setText(tr("%1 runs a policy Berth cannot read: %2").arg(providerDisplayName(m_provider->kind()), userMessage(parsed.error())));
            Q_EMIT registryPolicyRead(false);
            return;
        }
        m_registryPolicy = *parsed;
        QString text = tr("%1 runs %n rule(s) here.", nullptr, int(parsed->ruleLabels().size())).arg(providerDisplayName(m_provider->kind()));
        if ((*policy)->lastEvaluated.isValid())
            text += QLatin1Char(' ') + tr("Last run %1.").arg(displayDateTime((*policy)->lastEvaluated));
        if (!(*policy)->note.isEmpty())
            text += QLatin1Char(' ') + tr("Dry-run mode: the registry only reports what it would delete.");
        m_summary->setText(text);
        QStringList rules;
        for (const auto& [priority, label] : parsed->ruleLabels())
            rules << QStringLiteral("%1: %2").arg(priority).arg(label);
        m_summary->setToolTip(rules.join(QLatin1Char('\n')));
        m_planIt->setEnabled(true);
        Q_EMIT registryPolicyRead(true);
    });
}

void RegistryPolicyPane::previewByRegistry()
{
    const std::optional<RetentionPolicyFile> policy = m_currentPolicy();
    const QByteArray text = policy ? policy->toJson() : QByteArray();
    m_comparison->show();
    m_comparison->setText(tr("Waiting for the registry's dry run…"));
    m_preview->setEnabled(false);
    m_provider->previewRegistryPolicy(m_repository, text, this, [this](Result<RegistryPolicyPreview> preview) {
        m_preview->setEnabled(true);
        if (!preview) {
            m_comparison->setText(tr("The registry's dry run failed: %1").arg(userMessage(preview.error())));
            Q_EMIT previewCompared(0, -1);
            return;
        }
        const PreviewComparison compared = comparePreview(*preview, m_currentPlan());
        if (compared.countsOnly) { // Harbor reports counts per repository, not images
            m_comparison->setText(tr("The registry's own dry run removes %1 of %2 images; Berth's plan removes %3 of %4.")
                                      .arg(compared.registryRemoves)
                                      .arg(compared.registryTotal)
                                      .arg(compared.berthRemoves)
                                      .arg(compared.berthTotal));
            Q_EMIT previewCompared(compared.agreed, compared.agreed > 0 ? 0 : qAbs(compared.registryRemoves - compared.berthRemoves));
            return;
        }
        const int differing = int(compared.differences.size() + compared.unknown.size());
        if (differing == 0) {
            m_comparison->setText(tr("The registry's own dry run agrees with Berth's plan on all %n image(s).", nullptr, compared.agreed));
        } else {
            QStringList lines;
            for (const PreviewDifference& d : compared.differences)
                lines << tr("%1 (%2): the registry %3, Berth %4 — %5")
                             .arg(d.digest.left(19), d.tags.join(QStringLiteral(", ")),
                                  d.registryExpires ? tr("deletes it (rule %1)").arg(d.registryRule) : tr("keeps it"),
                                  d.berthExpires ? tr("deletes it") : tr("keeps it"), d.berthReason);
            for (const QString& digest : compared.unknown)
                lines << tr("%1: the registry deletes it; Berth does not list it").arg(digest.left(19));
            m_comparison->setText(tr("The registry's own dry run differs from Berth's plan on %n image(s):", nullptr, differing) + QLatin1Char('\n')
                                  + lines.join(QLatin1Char('\n')));
        }
        Q_EMIT previewCompared(compared.agreed, differing);
    });
}

void RegistryPolicyPane::writeToRegistry()
{
    const std::optional<RetentionPolicyFile> policy = m_currentPolicy();
    const QString family = providerDisplayName(m_provider->kind());
    if (!policy || !speaks(m_provider->kind(), *policy)) {
        m_comparison->show();
        m_comparison->setText(tr("Load or write a policy in %1's own language first (Policy… or Edit Policy…).").arg(family));
        Q_EMIT written(false);
        return;
    }
    const QString question = tr("Replace the cleanup policy %1 runs on %2 with the one in this window? %1 will then delete by it on its own.")
                                 .arg(family, m_repository);
    const bool confirmed = m_confirm ? m_confirm(tr("Write Policy to Registry"), question)
                                     : confirmDestructive(this, tr("Write Policy to Registry"), question, tr("Replace Policy"));
    if (!confirmed)
        return;
    m_write->setEnabled(false);
    m_provider->putRegistryPolicy(m_repository, policy->toJson(), this, [this, family](Result<void> done) {
        m_write->setEnabled(true);
        m_comparison->show();
        m_comparison->setText(done ? tr("%1 now runs the policy in this window.").arg(family)
                                   : tr("%1 refused the policy: %2").arg(family, userMessage(done.error())));
        if (done)
            readPolicy();
        Q_EMIT written(bool(done));
    });
}

} // namespace berth
