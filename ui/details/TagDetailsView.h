#pragma once

#include "core/image/ImageContents.h"
#include "core/image/ImageInspector.h"
#include "core/store/ObservationLog.h"
#include "core/trust/TrustInspector.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTreeView;
class QTreeWidget;

namespace berth {

class FileTreeModel;

// The selected tag, in tabs: overview, manifest and config as highlighted JSON, build history,
// and layers with their share of the image. Copy buttons for the pull command, digest and reference.
class TagDetailsView final : public QWidget
{
    Q_OBJECT
public:
    explicit TagDetailsView(QWidget* parent = nullptr);

    void clear(const QString& message = {});
    void showLoading(const QString& reference);
    // `reference` is the full name:tag; `repositoryName` is registry/path, for the pull command.
    void showDetails(const QString& repositoryName, const QString& tag, const ImageDetails& details);
    void showError(const QString& text);
    // The Files tab: the merged filesystem and each layer, with sizes and wasted bytes.
    void showContents(const ImageContents& contents);
    void showContentsError(const QString& text);
    bool contentsShown() const { return m_contentsShown; }
    FileTreeModel* fileModel() const { return m_fileModel; }
    int filesTabIndex() const;
    int timelineTabIndex() const;
    // The Timeline tab: every digest this tag pointed to, as Berth saw it.
    // `recordedBy` names the registry when the history is its own record (Quay); empty = Berth's sightings.
    void showTimeline(const QString& tag, const QList<TagObservation>& observations, const QString& currentDigest,
                      const QString& recordedBy = {});
    QTreeWidget* timelineView() const { return m_timeline; }
    void requestRestore(int timelineRow); // as the Restore button does
    // The Trust tab: signature verdict, what is attached, vulnerabilities.
    void showTrust(const TrustSummary& trust, bool keysConfigured);
    void showTrustError(const QString& text);
    int trustTabIndex() const;
    class VulnerabilityModel* vulnerabilityModel() const { return m_vulnerabilities; }
    QLabel* signatureLabel() const { return m_signature; }
    QTreeWidget* attachedView() const { return m_attached; }
    QTreeWidget* sbomView() const { return m_sbom; }
    // Progress and the result of a local scan (trivy/grype) started with localScanRequested().
    void showLocalScanProgress(const QString& line);
    void showLocalScanResult(const Result<VulnerabilityReport>& report);
    QPushButton* localScanButton() const { return m_scanLocally; }
    // Where the registry has a scanner of its own (ECR, Harbor): offered, and what came of asking it.
    void setRegistryScanner(const QString& family); // empty: none
    void showRegistryScanStarted(const Result<QString>& state);
    QPushButton* registryScanButton() const { return m_scanByRegistry; }
    QLabel* vulnerabilitySummary() const { return m_vulnerabilitySummary; }

    QTabWidget* tabs() const { return m_tabs; }
    QString pullCommand() const { return m_pullCommand; }

Q_SIGNALS:
    // The user picked another platform of an index.
    void platformRequested(const QString& platform);
    // The Files tab became visible and has nothing yet: the window loads the layers.
    void contentsRequested();
    // Point `tag` back at `digest` (the user confirmed nothing yet).
    void restoreRequested(const QString& tag, const QString& digest);
    void trustRequested();
    // The user asked to run trivy/grype here on the shown image.
    void localScanRequested();
    // The user asked the registry's own scanner to scan the shown image.
    void registryScanRequested();

private:
    QPlainTextEdit* jsonView();
    void setRow(const QString& label, const QString& value);

    QTabWidget* m_tabs = nullptr;
    QLabel* m_status = nullptr;
    QWidget* m_overviewPage = nullptr;
    QFormLayout* m_overview = nullptr;
    QComboBox* m_platform = nullptr;
    QPlainTextEdit* m_manifest = nullptr;
    QPlainTextEdit* m_config = nullptr;
    QTreeWidget* m_history = nullptr;
    QTableWidget* m_layers = nullptr;
    QWidget* m_filesPage = nullptr;
    QWidget* m_timelinePage = nullptr;
    QLineEdit* m_vulnerabilityFilter = nullptr;
    bool m_focusPlatformAfterLoad = false; // a platform was picked: the picker keeps the keyboard
    QComboBox* m_fileView = nullptr;
    QLabel* m_filesSummary = nullptr;
    QTreeView* m_fileTree = nullptr;
    FileTreeModel* m_fileModel = nullptr;
    std::optional<ImageContents> m_contents;
    bool m_contentsShown = false;
    QTreeWidget* m_timeline = nullptr;
    class QLabel* m_timelineNote = nullptr;
    QPushButton* m_restore = nullptr;
    QString m_timelineTag;
    QWidget* m_trustPage = nullptr;
    QLabel* m_signature = nullptr;
    QTreeWidget* m_attached = nullptr;
    QLabel* m_vulnerabilitySummary = nullptr;
    class VulnerabilityModel* m_vulnerabilities = nullptr;
    bool m_trustShown = false;
    QLabel* m_sbomLabel = nullptr;
    QPushButton* m_scanLocally = nullptr;
    QPushButton* m_scanByRegistry = nullptr;
    QLabel* m_vulnerabilityDetails = nullptr;
    QList<VulnerabilityReport> m_reports;
    QTreeWidget* m_sbom = nullptr;
    QString m_pullCommand;
    QString m_registryScanNote; // "the registry started scanning", until another tag is shown
    QString m_digest;
    QString m_reference;
};

} // namespace berth
