#pragma once

#include "core/retention/Retention.h"
#include "core/retention/RetentionInventory.h"
#include "core/retention/RetentionPolicyFile.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace berth {

class Deleter;
class PolicyEditor;
class RegistryPolicyPane;
class RegistryClient;
class RegistrySession;

// The dry run of a retention policy over one repository, and its safe apply: every image with
// keep or delete and the rule that decided, totals and cost, whether this login may delete at all,
// then deletion with progress, cancel and per-image results. Nothing goes before Apply.
class RetentionWindow final : public QWidget
{
    Q_OBJECT
public:
    using Confirmation = std::function<bool(const QString& title, const QString& text)>;
    RetentionWindow(RegistrySession& session, RegistryClient* client, const QString& repository, RetentionInventory inventory,
                    QWidget* parent = nullptr);

    // Reads an ECR lifecycle or Harbor retention policy JSON and evaluates it (off the GUI thread); false with the
    // reason shown when the file is unreadable or invalid.
    bool loadPolicy(const QString& file);
    void setPolicy(const RetentionPolicyFile& policy, const QString& name);
    // Opens the rule editor on the current policy; accepting it replans.
    PolicyEditor* editPolicy();
    void setConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }
    void apply();
    // The plan shown, as JSON that 'berthctl retention apply --plan' applies exactly; false with the reason shown.
    bool exportPlan(const QString& fileName);

    // For tests.
    QTreeWidget* planView() const { return m_plan; }
    QComboBox* actionFilter() const { return m_actionFilter; }
    QComboBox* ruleFilter() const { return m_ruleFilter; }
    QLabel* totals() const { return m_totals; }
    QLabel* permission() const { return m_permission; }
    QLabel* dates() const { return m_dates; }
    QLabel* policyName() const { return m_policyName; }
    QLabel* error() const { return m_error; }
    QPushButton* applyButton() const { return m_apply; }
    RegistryPolicyPane* registryPolicyPane() const { return m_registryPane; } // null where the registry runs no policy of its own
    const RetentionPlan& plan() const { return m_planResult; }

Q_SIGNALS:
    void planShown(); // a plan (or why there is none) is on screen
    void permissionChecked(bool mayDelete);
    void pushTimesRead(); // the registry's push times are in use, or it has none
    void applied(int deleted, int problems);

private:
    void evaluate();
    void showPlan();
    void applyFilters();
    void setBusy(bool busy);
    void readPushTimes();
    void updateApplyButton(); // offered only when this login may delete and the plan changes something
    QString registryName() const;
    QString repositoryName() const;
    static QString settingsKey(const QString& group, const QString& name);

    RegistrySession& m_session;
    QPointer<RegistryClient> m_client;
    QString m_repository;
    RetentionInventory m_inventory;
    RetentionPolicyFile m_policy;
    bool m_havePolicy = false;
    bool m_mayDelete = false;
    bool m_evaluateAgain = false;
    RetentionPlan m_planResult;
    QFutureWatcher<RetentionPlan> m_evaluation;
    QPointer<Deleter> m_deleter;
    Confirmation m_confirm;

    QLabel* m_policyName = nullptr;
    QLineEdit* m_keepTags = nullptr;
    QLineEdit* m_price = nullptr;
    QCheckBox* m_keepSigned = nullptr;
    QComboBox* m_actionFilter = nullptr;
    QComboBox* m_ruleFilter = nullptr;
    QTreeWidget* m_plan = nullptr;
    QLabel* m_totals = nullptr;
    QLabel* m_dates = nullptr;
    QLabel* m_permission = nullptr;
    QLabel* m_error = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_export = nullptr;
    RegistryPolicyPane* m_registryPane = nullptr;
};

} // namespace berth
