#pragma once

#include "core/providers/Provider.h"
#include "core/retention/Retention.h"
#include "core/retention/RetentionPolicyFile.h"

#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;

namespace berth {

// The cleanup policy the registry runs itself (ECR lifecycle, Harbor tag retention, Artifact
// Registry cleanup, Quay auto-prune), beside Berth's plan in the retention window: what it is,
// "Plan It" to plan with it, the registry's own dry run compared with Berth's plan of the same
// policy, and writing the policy in Berth's window back to the registry after a confirmation.
class RegistryPolicyPane final : public QWidget
{
    Q_OBJECT
public:
    using Confirmation = std::function<bool(const QString& title, const QString& text)>;
    // `currentPolicy` and `currentPlan` give what the retention window holds when a button is used.
    RegistryPolicyPane(Provider* provider, QString repository, std::function<std::optional<RetentionPolicyFile>()> currentPolicy,
                       std::function<RetentionPlan()> currentPlan, QWidget* parent = nullptr);
    void setConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }

    void previewByRegistry(); // the registry's dry run of the window's policy (or its own), compared
    void writeToRegistry(); // after a confirmation

    // For tests.
    QLabel* summary() const { return m_summary; }
    QLabel* comparison() const { return m_comparison; }
    QPushButton* planButton() const { return m_planIt; }

Q_SIGNALS:
    void planWith(const RetentionPolicyFile& policy, const QString& name); // "Plan It"
    void registryPolicyRead(bool found);
    void previewCompared(int agreed, int differences);
    void written(bool ok);

private:
    void readPolicy();

    Provider* m_provider;
    QString m_repository;
    std::function<std::optional<RetentionPolicyFile>()> m_currentPolicy;
    std::function<RetentionPlan()> m_currentPlan;
    Confirmation m_confirm;
    std::optional<RetentionPolicyFile> m_registryPolicy;
    QLabel* m_summary;
    QLabel* m_comparison;
    QPushButton* m_planIt;
    QPushButton* m_preview;
    QPushButton* m_write;
};

} // namespace berth
