#pragma once

#include "core/session/SavedRegistries.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace berth {

class RegistrySession;

// Add or edit a registry: address, login (saved to the OS keychain), CA file, — with a warning —
// no TLS verification, and the registry family whose own API Berth speaks (with its API address and
// the organisations to list). "Test connection" tries it before anything is saved.
class RegistryDialog final : public QDialog
{
    Q_OBJECT
public:
    RegistryDialog(RegistrySession& session, const std::optional<SavedRegistry>& existing, QWidget* parent = nullptr);

    SavedRegistry registry() const;
    QString testResult() const; // the last test's text, for tests

    QLineEdit* addressEdit() const { return m_address; }
    QLineEdit* userEdit() const { return m_user; }
    QLineEdit* passwordEdit() const { return m_password; }
    QComboBox* authKind() const { return m_auth; }
    QComboBox* familyBox() const { return m_family; }
    QLineEdit* namespacesEdit() const { return m_namespaces; }
    QLineEdit* caFileEdit() const { return m_caFile; }
    QPushButton* testButton() const { return m_test; }
    // How the dialog asks "keep this login for the session?"; tests answer through this seam.
    using Confirmation = std::function<bool(const QString& title, const QString& text)>;
    void setConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }
    QLabel* resultLabel() const { return m_result; }

Q_SIGNALS:
    void tested(bool ok);

public:
    void accept() override;

private:
    void testConnection();
    void testAmbientCloudLogin(const RegistryEndpoint& endpoint);
    void updateState();
    std::optional<RegistryEndpoint> endpoint(QString* why) const;

    RegistrySession& m_session;
    QLineEdit* m_address = nullptr;
    QComboBox* m_auth = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_caFile = nullptr;
    QCheckBox* m_plainHttp = nullptr;
    QCheckBox* m_skipVerify = nullptr;
    QComboBox* m_family = nullptr;
    QLineEdit* m_apiBase = nullptr;
    QLineEdit* m_namespaces = nullptr;
    QLabel* m_skipWarning = nullptr;
    QLabel* m_result = nullptr;
    QPushButton* m_test = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QObject* m_testContext = nullptr;
    Confirmation m_confirm;
    bool m_lastLogin = false;
};

} // namespace berth
