#pragma once

#include "core/copy/MirrorRule.h"

#include <QPointer>
#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace berth {

class AuditLog;
class RegistryClient;

// Mirror rules (what Harbor calls replication), kept in Berth's settings: the list, the editor, a
// dry run that lists each image and the bytes that would move, and a run with progress and
// Cancel, one audit-log entry per image copied.
class MirrorRulesWindow final : public QWidget
{
    Q_OBJECT
public:
    using ClientFactory = std::function<RegistryClient*(const QString& registryName, QObject* parent)>;
    MirrorRulesWindow(const QStringList& registries, ClientFactory clients, AuditLog* audit, QWidget* parent = nullptr);

    // The rule in the editor (what Save keeps, what Dry Run and Run use).
    Result<MirrorRule> editedRule() const;
    void setEditedRule(const MirrorRule& rule);
    void saveRule();
    void dryRun() { start(true); }
    void runRule() { start(false); }
    void cancel();

    QListWidget* rulesList() const { return m_rules; }
    QTableWidget* imagesTable() const { return m_images; }
    QLabel* summaryLabel() const { return m_summary; }

    static QList<MirrorRule> savedRules();

Q_SIGNALS:
    void finished(bool dryRun, int images, int failed);

private:
    void start(bool dryRun);
    void showItem(int row, const MirrorItem& item, bool dryRun);
    void setRunning(bool running);
    static void storeRules(const QList<MirrorRule>& rules);

    ClientFactory m_clients;
    AuditLog* m_audit;
    QListWidget* m_rules = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_source = nullptr;
    QComboBox* m_destination = nullptr;
    QLineEdit* m_repositories = nullptr;
    QLineEdit* m_tags = nullptr;
    QLineEdit* m_tagRegex = nullptr;
    QSpinBox* m_latest = nullptr;
    QCheckBox* m_referrers = nullptr;
    QPushButton* m_dryRun = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QTableWidget* m_images = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_summary = nullptr;
    QPointer<MirrorRunner> m_runner;
};

} // namespace berth
