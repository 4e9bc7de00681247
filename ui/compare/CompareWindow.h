#pragma once

#include "core/image/ImageContents.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTabWidget;
class QTreeWidget;

namespace berth {

class RegistryClient;
class RegistrySession;

// Two images side by side: layers shared, added and removed; files; config; packages.
class CompareWindow final : public QWidget
{
    Q_OBJECT
public:
    struct Side
    {
        RegistryClient* client = nullptr;
        QString repository; // path in the registry
        QString name; // registry/path:tag, for people
        QString reference; // tag or digest to load
    };
    CompareWindow(RegistrySession& session, const Side& a, const Side& b, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    QTreeWidget* filesView() const { return m_files; }
    QTreeWidget* layersView() const { return m_layers; }
    QCheckBox* timeOnlyToggle() const { return m_showTimeOnly; }
    QTreeWidget* configView() const { return m_config; }
    QTreeWidget* packagesView() const { return m_packages; }

Q_SIGNALS:
    void compared(); // the diff is shown (or an error is)

private:
    void showDiff();
    QTreeWidget* table(const QStringList& headers);

    QString m_nameA;
    QString m_nameB;
    std::optional<ImageContents> m_a;
    std::optional<ImageContents> m_b;
    QLabel* m_summary = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTreeWidget* m_layers = nullptr;
    QTreeWidget* m_files = nullptr;
    QTreeWidget* m_config = nullptr;
    QTreeWidget* m_packages = nullptr;
    QCheckBox* m_showTimeOnly = nullptr; // files whose only change is the modified time
};

} // namespace berth
