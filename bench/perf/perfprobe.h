#pragma once

// Measuring instruments for botterm-perf: percentiles, the GUI thread's event-loop lag, paints per
// second per dock, frame-to-model latency, and this process's CPU time and resident memory.

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <vector>

class MarketSession;

namespace perf {

// Nanoseconds on one monotonic clock for the whole process (QElapsedTimer's).
std::int64_t nowNs();

struct Percentiles
{
    double p50 = 0, p99 = 0, max = 0;
    std::size_t count = 0;
};
// Of values in any unit; the result is in the same unit scaled by `scale`.
Percentiles percentiles(std::vector<std::int64_t> values, double scale);

// User + system CPU seconds of this process, and of another by pid.
double cpuSeconds(qint64 pid = 0);
// Resident set size in MiB (VmRSS), of this process or another.
double rssMiB(qint64 pid = 0);

// A 1 ms precise timer on the GUI thread: each tick records how late it fired.
class LagProbe final : public QObject
{
public:
    LagProbe();
    void start();
    void stop();
    const std::vector<std::int64_t>& lateNs() const { return m_late; }

private:
    QTimer m_timer;
    std::int64_t m_expected = 0;
    std::vector<std::int64_t> m_late;
};

// Counts paint events per dock (by the dock's objectName; "central" for the rest) and the window's
// repaint passes (UpdateRequest events on top-level widgets).
class PaintCounter final : public QObject
{
public:
    PaintCounter();
    ~PaintCounter() override;
    void reset();
    QHash<QString, qint64> paintsByDock() const { return m_paints; }
    qint64 windowSyncs() const { return m_syncs; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QHash<QString, qint64> m_paints;
    qint64 m_syncs = 0;
};

// Frame arrival (StreamClient's receive time, on this clock) to the next change notification of any
// market model (book, tickers, trades, candles): the time until the window's models show a frame.
class ModelLatencyProbe final : public QObject
{
public:
    explicit ModelLatencyProbe(MarketSession& session);
    void setRecording(bool on);
    const std::vector<std::int64_t>& latencyNs() const { return m_latency; }
    qint64 frames() const { return m_frames; }
    qint64 reconnects() const { return m_reconnects; }

private:
    void onModelChanged();

    std::vector<std::int64_t> m_pending; // arrivals not yet shown
    std::vector<std::int64_t> m_latency;
    qint64 m_frames = 0;
    qint64 m_reconnects = 0;
    bool m_recording = false;
};

} // namespace perf
