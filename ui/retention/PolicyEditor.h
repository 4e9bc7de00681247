#pragma once

#include "core/retention/RetentionPolicyFile.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTableWidget;

namespace berth {

// Edits a retention policy rule by rule: ECR lifecycle rules (priority, tag status, prefixes or
// patterns, count type and number) or Harbor retention rules (retain the most recent N, those
// pushed within N days, or always; by tag pattern, including or excluding). What it produces is
// checked as ECR or Harbor would check it, and it imports and exports their JSON.
class PolicyEditor final : public QDialog
{
    Q_OBJECT
public:
    explicit PolicyEditor(QWidget* parent = nullptr);

    // False, saying why, for a policy the editor cannot show (Artifact Registry's).
    bool setPolicy(const RetentionPolicyFile& policy);
    // The rules as edited, validated; the error says which rule is wrong and why.
    Result<RetentionPolicyFile> policy() const;

    bool importFile(const QString& fileName); // false with the reason shown
    bool exportFile(const QString& fileName); // ECR's or Harbor's JSON; false with the reason shown
    void addRule();
    void removeRule(int row);
    void accept() override; // only a valid policy is accepted

    // For tests.
    QComboBox* kind() const { return m_kind; }
    QTableWidget* rules() const; // the table of the kind shown
    QLabel* error() const { return m_error; }

private:
    bool isHarbor() const;
    void addEcrRow(const LifecycleRule& rule);
    void addHarborRow(const HarborRetentionRule& rule);
    void showError(const QString& text);
    int nextPriority() const;

    QComboBox* m_kind = nullptr;
    QStackedWidget* m_pages = nullptr;
    QTableWidget* m_ecr = nullptr;
    QTableWidget* m_harbor = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace berth
