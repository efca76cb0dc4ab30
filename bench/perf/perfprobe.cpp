#include "perfprobe.h"

#include "exchanges/core/marketdatafeed.h"
#include "exchanges/core/streamclient.h"
#include "models/candlemodel.h"
#include "models/orderbookmodel.h"
#include "models/tickermodel.h"
#include "models/tradesmodel.h"
#include "ui/marketsession.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QFile>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <unistd.h>

namespace perf {

std::int64_t nowNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.nsecsElapsed();
}

Percentiles percentiles(std::vector<std::int64_t> values, double scale)
{
    Percentiles p;
    p.count = values.size();
    if (values.empty())
        return p;
    std::sort(values.begin(), values.end());
    const auto at = [&](double q) {
        const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size()))) - 1;
        return static_cast<double>(values[std::min(i, values.size() - 1)]) * scale;
    };
    p.p50 = at(0.50);
    p.p99 = at(0.99);
    p.max = static_cast<double>(values.back()) * scale;
    return p;
}

namespace {
QByteArray procFile(qint64 pid, const char* name)
{
    QFile f(pid ? QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name))
                : QStringLiteral("/proc/self/%1").arg(QLatin1String(name)));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}
} // namespace

double cpuSeconds(qint64 pid)
{
    const QByteArray stat = procFile(pid, "stat");
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    if (fields.size() < 13)
        return 0;
    const double ticks = static_cast<double>(fields.at(11).toLongLong() + fields.at(12).toLongLong());
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double rssMiB(qint64 pid)
{
    const QByteArray status = procFile(pid, "status");
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith("VmRSS:"))
            return static_cast<double>(line.mid(6).trimmed().split(' ').first().toLongLong()) / 1024.0;
    }
    return 0;
}

LagProbe::LagProbe()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const std::int64_t now = nowNs();
        m_late.push_back(std::max<std::int64_t>(0, now - m_expected));
        m_expected = now + 1'000'000;
    });
}

void LagProbe::start()
{
    m_late.clear();
    m_late.reserve(1 << 20);
    m_expected = nowNs() + 1'000'000;
    m_timer.start();
}

void LagProbe::stop()
{
    m_timer.stop();
}

PaintCounter::PaintCounter()
{
    qApp->installEventFilter(this);
}

PaintCounter::~PaintCounter()
{
    qApp->removeEventFilter(this);
}

void PaintCounter::reset()
{
    m_paints.clear();
    m_syncs = 0;
}

bool PaintCounter::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && watched->isWidgetType()) {
        QString name = QStringLiteral("central");
        for (QObject* o = watched; o; o = o->parent()) {
            if (auto* dock = qobject_cast<QDockWidget*>(o)) {
                name = dock->objectName();
                break;
            }
        }
        ++m_paints[name];
    } else if (event->type() == QEvent::UpdateRequest && watched->isWidgetType() &&
               static_cast<QWidget*>(watched)->isWindow()) {
        ++m_syncs;
    }
    return QObject::eventFilter(watched, event);
}

ModelLatencyProbe::ModelLatencyProbe(MarketSession& session)
{
    m_pending.reserve(1 << 16);
    m_latency.reserve(1 << 22);
    for (const Category category : session.categories()) {
        MarketDataFeed* feed = session.feed(category);
        if (!feed)
            continue;
        // Every connection of the feed; the frame is in the store by now.
        connect(feed, &MarketDataFeed::frameApplied, this,
                [this](const StreamClient* source, qint64 receivedNs) {
                    ++m_frames;
                    if (m_recording)
                        m_pending.push_back(receivedNs + (nowNs() - source->clock().nsecsElapsed()));
                });
        StreamClient* stream = &feed->stream();
        connect(stream, &StreamClient::stateChanged, this, [this](StreamClient::State state, int, int) {
            if (state == StreamClient::State::Reconnecting)
                ++m_reconnects;
        });
    }
    QList<QAbstractItemModel*> models{session.bookModel(), session.tradesModel(), session.candleModel()};
    for (const Category category : session.categories())
        models << session.tickerModel(category);
    for (QAbstractItemModel* model : models) {
        if (!model)
            continue;
        connect(model, &QAbstractItemModel::dataChanged, this, &ModelLatencyProbe::onModelChanged);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ModelLatencyProbe::onModelChanged);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ModelLatencyProbe::onModelChanged);
        connect(model, &QAbstractItemModel::modelReset, this, &ModelLatencyProbe::onModelChanged);
        connect(model, &QAbstractItemModel::layoutChanged, this, &ModelLatencyProbe::onModelChanged);
    }
}

void ModelLatencyProbe::setRecording(bool on)
{
    m_recording = on;
    m_pending.clear();
    if (on)
        m_latency.clear();
}

void ModelLatencyProbe::onModelChanged()
{
    if (m_pending.empty())
        return;
    const std::int64_t now = nowNs();
    for (const std::int64_t arrival : m_pending)
        m_latency.push_back(now - arrival);
    m_pending.clear();
}

} // namespace perf
