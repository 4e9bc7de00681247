#pragma once

#include "core/copy/ImageCopier.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QPointer>
#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace berth {

class RegistryClient;

// Copies one image (a tag of the shown repository) to a repository of any registry in the
// sidebar, each with its own login: first a dry run says how many bytes will move (blobs already
// there are not counted), then the copy shows bytes, rate and time left; Cancel stops it with
// nothing tagged at the destination.
class CopyDialog final : public QDialog
{
    Q_OBJECT
public:
    // A client of its own for a registry (owned by `parent`): cancelling a copy aborts its requests
    // alone, never the window's. nullptr for a registry Berth does not show.
    using ClientFactory = std::function<RegistryClient*(const QString& registryName, QObject* parent)>;
    struct Source
    {
        QString registry;
        QString repository;
        QString tag;
        QString digest;
        QStringList platforms; // of an index; empty for one image
    };
    // `registries` are the names the destination may be; `destinationRegistry` is chosen first.
    CopyDialog(const Source& source, const QStringList& registries, const QString& destinationRegistry, ClientFactory clients,
               QWidget* parent = nullptr);

    QComboBox* registryBox() const { return m_registry; }
    QLineEdit* repositoryEdit() const { return m_repository; }
    QLineEdit* tagEdit() const { return m_tag; }
    QComboBox* platformBox() const { return m_platform; }
    QCheckBox* referrersBox() const { return m_referrers; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    // Starts the copy (what the Copy button does).
    void start();
    void cancel();

Q_SIGNALS:
    void finished(bool copied, const QString& digest); // the copy ended: done, failed or cancelled

private:
    void copyNow(RegistryClient* destination, const CopyOptions& options, qint64 toMove);
    void showProgress(qint64 done, qint64 total);
    void setRunning(bool running);

    Source m_source;
    ClientFactory m_clients;
    RegistryClient* m_from = nullptr;
    QComboBox* m_registry = nullptr;
    QLineEdit* m_repository = nullptr;
    QLineEdit* m_tag = nullptr;
    QComboBox* m_platform = nullptr;
    QCheckBox* m_referrers = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPointer<ImageCopier> m_copier;
    QElapsedTimer m_clock;
    bool m_cancelled = false;
};

} // namespace berth
