#include "paintpacer.h"

#include <QApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

PaintPacer* PaintPacer::install(int intervalMs)
{
    if (auto* existing = qApp->findChild<PaintPacer*>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    auto* pacer = new PaintPacer(intervalMs, qApp);
    qApp->installEventFilter(pacer);
    return pacer;
}

PaintPacer::PaintPacer(int intervalMs, QObject* parent)
    : QObject(parent)
    , m_intervalMs(intervalMs)
{
    m_clock.start();
}

bool PaintPacer::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::UpdateRequest || m_delivering || !watched->isWidgetType())
        return false;
    auto* window = static_cast<QWidget*>(watched);
    if (!window->isWindow())
        return false;
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 interval = static_cast<qint64>(m_intervalMs) * 1'000'000;
    const auto last = m_lastSyncNs.constFind(window);
    if (m_held.contains(window))
        return true; // one delivery is already due: it paints everything dirty by then
    if (last == m_lastSyncNs.cend() || now - *last >= interval) {
        m_lastSyncNs.insert(window, now);
        return false;
    }
    ++m_deferred;
    m_held.insert(window, window);
    const int waitMs = static_cast<int>((*last + interval - now + 999'999) / 1'000'000);
    QTimer::singleShot(waitMs, Qt::PreciseTimer, this, [this, window] { deliver(window); });
    return true;
}

void PaintPacer::deliver(QWidget* window)
{
    const QPointer<QWidget> alive = m_held.take(window);
    if (!alive)
        return;
    m_lastSyncNs.insert(window, m_clock.nsecsElapsed());
    // Qt posted the request we held and will not post another until this one is handled.
    m_delivering = true;
    QEvent request(QEvent::UpdateRequest);
    QCoreApplication::sendEvent(alive.data(), &request);
    m_delivering = false;
}
