#include "ui/browser/RegistryDialog.h"

#include "core/providers/Provider.h"

#include "core/registry/RegistryClient.h"
#include "core/session/RegistrySession.h"
#include "ui/browser/RegistryTreeModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <utility>

namespace berth {

RegistryDialog::RegistryDialog(RegistrySession& session, const std::optional<SavedRegistry>& existing, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(existing ? tr("Edit Registry") : tr("Add Registry"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_address = new QLineEdit;
    m_address->setPlaceholderText(tr("registry.example.com or localhost:5000"));
    form->addRow(tr("&Address:"), m_address);
    m_auth = new QComboBox;
    m_auth->addItem(tr("Anonymous"));
    m_auth->addItem(tr("User name and password or token"));
    form->addRow(tr("&Login:"), m_auth);
    m_user = new QLineEdit;
    form->addRow(tr("&User:"), m_user);
    m_password = new QLineEdit;
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Kept in the system keychain"));
    form->addRow(tr("&Password or token:"), m_password);
    auto* caRow = new QHBoxLayout;
    m_caFile = new QLineEdit;
    m_caFile->setPlaceholderText(tr("Only for a registry with a private certificate authority"));
    auto* browse = new QToolButton;
    browse->setText(tr("…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("CA certificates"), {}, tr("PEM files (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    caRow->addWidget(m_caFile);
    caRow->addWidget(browse);
    auto* caLabel = new QLabel(tr("&CA file:"));
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    m_plainHttp = new QCheckBox(tr("Plain HTTP (no TLS)"));
    form->addRow(QString(), m_plainHttp);
    m_skipVerify = new QCheckBox(tr("Skip TLS certificate verification"));
    form->addRow(QString(), m_skipVerify);
    m_skipWarning = new QLabel(tr("Anyone on the network path could read your password and change the images you pull. "
                                  "Use only for a registry you control, and prefer a CA file."));
    m_skipWarning->setWordWrap(true);
    m_skipWarning->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    form->addRow(QString(), m_skipWarning);
    // The registry family whose own API Berth speaks (Docker Hub, GHCR, Quay, Harbor, ECR): automatic
    // from the host, or chosen for a mirror, a GitHub Enterprise Server, a self-hosted Quay or a Harbor.
    m_family = new QComboBox;
    m_family->addItem(tr("Automatic (from the address)"), QString());
    for (ProviderKind kind : {ProviderKind::Oci, ProviderKind::DockerHub, ProviderKind::Ghcr, ProviderKind::Quay, ProviderKind::Harbor, ProviderKind::Ecr,
                              ProviderKind::ArtifactRegistry})
        m_family->addItem(kind == ProviderKind::Oci ? tr("OCI registry") : providerDisplayName(kind), providerKindName(kind));
    m_family->setToolTip(tr("Which registry's own API Berth uses beside the OCI one: namespaces, dates, deletion"));
    form->addRow(tr("&Registry family:"), m_family);
    m_apiBase = new QLineEdit;
    m_apiBase->setPlaceholderText(tr("Usual place (https://api.github.com, https://hub.docker.com, …)"));
    m_apiBase->setToolTip(tr("For GitHub Enterprise Server: https://HOST/api/v3"));
    form->addRow(tr("A&PI address:"), m_apiBase);
    m_namespaces = new QLineEdit;
    m_namespaces->setPlaceholderText(tr("Organisations to list beside your own, separated by spaces"));
    form->addRow(tr("&Organisations:"), m_namespaces);
    layout->addLayout(form);

    auto* testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("&Test Connection"));
    m_result = new QLabel;
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_test);
    testRow->addWidget(m_result, 1);
    layout->addLayout(testRow);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    layout->addWidget(m_buttons);

    connect(m_test, &QPushButton::clicked, this, &RegistryDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RegistryDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QCheckBox* box : {m_plainHttp, m_skipVerify})
        connect(box, &QCheckBox::toggled, this, &RegistryDialog::updateState);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &RegistryDialog::updateState);
    connect(m_address, &QLineEdit::textChanged, this, &RegistryDialog::updateState);

    if (existing) {
        m_address->setText(existing->name);
        m_address->setReadOnly(true);
        m_caFile->setText(existing->caFile);
        m_plainHttp->setChecked(existing->plainHttp);
        m_skipVerify->setChecked(existing->skipTlsVerify);
        m_family->setCurrentIndex(qMax(0, m_family->findData(existing->provider)));
        m_apiBase->setText(existing->apiBase);
        m_namespaces->setText(existing->namespaces.join(QLatin1Char(' ')));
    }
    updateState();
    resize(560, sizeHint().height());
}

void RegistryDialog::updateState()
{
    const bool login = m_auth->currentIndex() == 1;
    if (login != m_lastLogin) // a test's verdict was about the other kind of login
        m_result->clear();
    m_lastLogin = login;
    m_user->setEnabled(login);
    m_password->setEnabled(login);
    m_skipVerify->setEnabled(!m_plainHttp->isChecked());
    m_caFile->setEnabled(!m_plainHttp->isChecked());
    m_skipWarning->setVisible(m_skipVerify->isChecked() && !m_plainHttp->isChecked());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!m_address->text().trimmed().isEmpty());
}

std::optional<RegistryEndpoint> RegistryDialog::endpoint(QString* why) const
{
    auto endpoint = RegistryEndpoint::fromString(m_address->text().trimmed());
    if (!endpoint) {
        *why = tr("That is not a registry address. Write it as host or host:port, for example ghcr.io or localhost:5000.");
        return std::nullopt;
    }
    if (m_plainHttp->isChecked())
        endpoint->scheme = RegistryEndpoint::Scheme::Http;
    endpoint->tls.caFile = m_caFile->text().trimmed();
    endpoint->tls.verify = !m_skipVerify->isChecked();
    endpoint->provider = m_family->currentData().toString();
    endpoint->apiBase = m_apiBase->text().trimmed();
    endpoint->namespaces = m_namespaces->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return *endpoint;
}

SavedRegistry RegistryDialog::registry() const
{
    SavedRegistry r;
    QString why;
    const auto e = endpoint(&why);
    r.name = e ? e->name : m_address->text().trimmed();
    r.plainHttp = m_plainHttp->isChecked();
    r.caFile = m_caFile->text().trimmed();
    r.skipTlsVerify = m_skipVerify->isChecked();
    r.provider = m_family->currentData().toString();
    r.apiBase = m_apiBase->text().trimmed();
    r.namespaces = m_namespaces->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (const auto saved = SavedRegistries::find(r.name)) {
        r.pinned = saved->pinned;
        r.trustedKeys = saved->trustedKeys;
    }
    return r;
}

QString RegistryDialog::testResult() const
{
    return m_result->text();
}

void RegistryDialog::testConnection()
{
    QString why;
    const auto e = endpoint(&why);
    if (!e) {
        m_result->setText(why);
        Q_EMIT tested(false);
        return;
    }
    delete m_testContext;
    m_testContext = new QObject(this);
    const ProviderKind family = providerKindFor(*e);
    if ((family == ProviderKind::Ecr || family == ProviderKind::ArtifactRegistry) && m_auth->currentIndex() != 1) {
        testAmbientCloudLogin(*e);
        return;
    }
    std::optional<Credentials> creds;
    if (m_auth->currentIndex() == 1)
        creds = Credentials{m_user->text(), m_password->text(), false, QStringLiteral("dialog")};
    auto* credentials = new StaticCredentials(creds);
    RegistryClient* client = m_session.createClient(*e, credentials, m_testContext);
    connect(m_testContext, &QObject::destroyed, [credentials] { delete credentials; });
    m_result->setText(tr("Connecting…"));
    m_test->setEnabled(false);
    client->checkLogin(m_testContext, [this, client](Result<void> result) {
        auto report = [this](const Result<void>& checked) {
            m_test->setEnabled(true);
            m_result->setText(checked ? tr("Connected: the registry accepts this login.") : userMessage(checked.error()));
            Q_EMIT tested(bool(checked));
        };
        if (!result) {
            report(result);
            return;
        }
        // Where the family has its own API (Hub, GHCR), the login must open it too. A registry
        // left on "Automatic" whose host says nothing is asked whether it is a Quay.
        createProvider(client, m_testContext)->checkApiLogin(m_testContext, [this, client, report](Result<void> api) {
            if (!api || !m_family->currentData().toString().isEmpty()) {
                report(api);
                return;
            }
            detectProviderKind(client, m_testContext, [this, report](ProviderKind kind) {
                const bool ownApi = kind == ProviderKind::Quay || kind == ProviderKind::Harbor;
                if (ownApi)
                    m_family->setCurrentIndex(m_family->findData(providerKindName(kind)));
                report({});
                if (ownApi)
                    m_result->setText(tr("Connected. This registry is a %1: Berth will use its own API for it.").arg(providerDisplayName(kind)));
            });
        });
    });
}

void RegistryDialog::testAmbientCloudLogin(const RegistryEndpoint& endpoint)
{
    // ECR, Artifact Registry: no password here; the login is made from the cloud credentials
    // their own tools would find.
    RegistryClient* client = m_session.createClient(endpoint, nullptr, m_testContext);
    const bool aws = providerKindFor(endpoint) == ProviderKind::Ecr;
    m_result->setText(aws ? tr("Looking for AWS credentials…") : tr("Looking for Google credentials…"));
    m_test->setEnabled(false);
    client->checkLogin(m_testContext, [this, client, aws](Result<void> checked) {
        m_test->setEnabled(true);
        if (!checked) {
            m_result->setText(aws ? tr("No working ECR login: %1 Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE to a profile "
                                       "in ~/.aws/credentials or ~/.aws/config.")
                                        .arg(userMessage(checked.error()))
                                  : tr("No working Artifact Registry login: %1 Set GOOGLE_APPLICATION_CREDENTIALS to a service-account key, "
                                       "or run 'gcloud auth application-default login'.")
                                        .arg(userMessage(checked.error())));
            Q_EMIT tested(false);
            return;
        }
        client->credentials([this](std::optional<Credentials> used) {
            m_result->setText(tr("Connected without a password: %1.").arg(used ? used->source : tr("no credentials")));
            Q_EMIT tested(true);
        });
    });
}

void RegistryDialog::accept()
{
    QString why;
    if (!endpoint(&why)) {
        m_result->setText(why);
        return;
    }
    const SavedRegistry saved = registry();
    if (m_auth->currentIndex() != 1 || m_password->text().isEmpty()) {
        SavedRegistries::upsert(saved);
        QDialog::accept();
        return;
    }
    // The password goes to the keychain; only when that worked is the registry saved.
    m_buttons->setEnabled(false);
    const Credentials login{m_user->text(), m_password->text(), false, {}};
    m_session.logins().save(saved.name, login, this, [this, saved, login](Result<void> stored) {
        m_buttons->setEnabled(true);
        if (!stored) {
            // No keychain (no Secret Service on this desktop, or it is locked): say so in words and
            // offer the one safe alternative — memory until Berth closes, never a file in clear.
            const QString question =
                tr("Berth keeps passwords only in the desktop's keychain (the Secret Service: GNOME Keyring or KWallet), and "
                   "none answers here, so the password cannot be saved.\n\nKeep this login for this session only? Berth then "
                   "forgets it when it closes; it is never written to disk.\n\n(The keychain said: %1)")
                    .arg(stored.error().message);
            const bool keep = m_confirm ? m_confirm(tr("No Keychain"), question)
                                        : QMessageBox::question(this, tr("No Keychain"), question) == QMessageBox::Yes;
            if (!keep) {
                m_result->setText(tr("The password was not saved: no keychain answers. Start the desktop's keyring, or keep the "
                                     "login for this session only."));
                return;
            }
            m_session.logins().keepForSession(saved.name, login);
        }
        SavedRegistries::upsert(saved);
        QDialog::accept();
    });
}

} // namespace berth
