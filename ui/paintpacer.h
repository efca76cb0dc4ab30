#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

class QWidget;

// Paces the window's repaints to the display rate. Market models change as soon as data arrives,
// hundreds of times a second under load; painting each change would spend the GUI thread on pixels
// nobody can see. Qt asks a top-level widget to repaint what is dirty with an UpdateRequest event:
// the pacer lets at most one through per interval per window and holds the rest, so the dirty
// regions gather and are painted together at the next interval. Nothing is lost; a lone change
// still paints at once.
class PaintPacer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaintPacer)

public:
    // Installs the pacer on the application once (later calls return the same one).
    static PaintPacer* install(int intervalMs = 16);

    int intervalMs() const { return m_intervalMs; }
    // UpdateRequests held back and delivered later, since install (diagnostics, tests).
    qint64 deferred() const { return m_deferred; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit PaintPacer(int intervalMs, QObject* parent);
    void deliver(QWidget* window);

    int m_intervalMs;
    QElapsedTimer m_clock;
    QHash<QWidget*, qint64> m_lastSyncNs;
    QHash<QWidget*, QPointer<QWidget>> m_held;
    qint64 m_deferred = 0;
    bool m_delivering = false;
};
