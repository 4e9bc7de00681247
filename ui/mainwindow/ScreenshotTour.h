#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

class QWidget;

namespace berth {

class MainWindow;

// Walks the main window through what a new user looks at first — a repository and a tag, then the
// tag's Trust, Files and Timeline tabs, the size chart, and a comparison with another tag — and
// saves each view as a PNG in a directory (the headless demo, `berth --screenshots DIR`). Each
// view is saved once it shows its content, or after a timeout with what is there, so that the
// tour never hangs. Without a directory it only opens the repository and tag (berth --open).
class ScreenshotTour final : public QObject
{
    Q_OBJECT
public:
    ScreenshotTour(MainWindow* window, QString repository, QString tag, QString compareWith, QString directory,
                   QObject* parent = nullptr);
    // Call once the registries have settled.
    void start();
    QStringList saved() const { return m_saved; }

Q_SIGNALS:
    void finished(bool allSaved);

private:
    struct Step
    {
        QString file;
        std::function<void(std::function<void()> shown)> show; // calls `shown` once the view has its content
        std::function<QWidget*()> subject; // what to photograph; the main window when empty
    };
    QList<Step> steps();
    void run(int step);
    // Calls `then` when `signal` of `sender` fires with `tag` as its first argument (or after a timeout).
    template<typename Signal>
    void awaitTag(Signal signal, const QString& tag, std::function<void()> then);
    // Calls `then` once, when `signal` of `sender` fires (or after a timeout).
    template<typename Sender, typename Signal>
    void awaitSignal(Sender* sender, Signal signal, std::function<void()> then);
    void selectTag(const QString& tag, bool addToSelection);

    QPointer<MainWindow> m_window;
    QString m_repository;
    QString m_tag;
    QString m_compareWith;
    QString m_directory;
    QList<Step> m_steps;
    QPointer<QWidget> m_compare;
    QStringList m_saved;
    bool m_allSaved = true;
};

} // namespace berth
