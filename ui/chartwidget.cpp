#include "chartwidget.h"

#include "theme.h"

#include "models/candlemodel.h"

#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {

constexpr int kRightMarginCandles = 3; // room between the newest candle and the price axis

// 1, 2, 2.5 or 5 × 10^k, the smallest not below raw.
double niceStep(double raw)
{
    if (raw <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10 * magnitude;
}

int digitsOf(double step)
{
    int digits = 0;
    while (digits < 8 &&
           std::fabs(step * std::pow(10.0, digits) - std::round(step * std::pow(10.0, digits))) > 1e-6)
        ++digits;
    return digits;
}

} // namespace

struct ChartWidget::Layout
{
    QRect plot;     // candles and volume
    QRect prices;   // candle pane
    QRect volumes;  // volume pane
    QRect axis;     // price axis, right
    QRect timeAxis; // bottom
    int first = 0;  // first visible row
    int last = -1;  // last visible row
    double lo = 0;
    double hi = 1;
    double maxVolume = 0;

    double xOf(int row, double spacing) const
    {
        return plot.right() - (last - row + 0.5 + kRightMarginCandles) * spacing;
    }
    double yOf(double price) const { return prices.bottom() - (price - lo) / (hi - lo) * prices.height(); }
    double priceAt(int y) const { return lo + (prices.bottom() - y) * (hi - lo) / prices.height(); }
};

ChartWidget::ChartWidget(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    setMinimumSize(240, 160);
    setCursor(Qt::CrossCursor);
}

void ChartWidget::setModel(CandleModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        const auto changed = [this] { update(); };
        connect(m_model, &QAbstractItemModel::dataChanged, this, changed);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, changed);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, changed);
        connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
            m_scrollBack = 0;
            update();
        });
    }
    update();
}

void ChartWidget::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void ChartWidget::setInterval(CandleInterval interval)
{
    m_interval = interval;
    m_scrollBack = 0;
    update();
}

void ChartWidget::setPriceScale(int scale)
{
    m_priceScale = std::clamp(scale, 0, 10);
    update();
}

QString ChartWidget::priceText(double price, int extraDigits) const
{
    return QString::number(price, 'f', m_priceScale + extraDigits);
}

QString ChartWidget::intervalLabel(CandleInterval interval)
{
    switch (interval) {
    case CandleInterval::OneMinute:
        return tr("1m");
    case CandleInterval::FiveMinutes:
        return tr("5m");
    case CandleInterval::FifteenMinutes:
        return tr("15m");
    case CandleInterval::OneHour:
        return tr("1h");
    case CandleInterval::FourHours:
        return tr("4h");
    case CandleInterval::OneDay:
        return tr("1D");
    }
    return {};
}

ChartWidget::Layout ChartWidget::computeLayout() const
{
    Layout l;
    const QFontMetrics fm(Theme::numberFont());
    const int axisW = fm.horizontalAdvance(QStringLiteral("0000000.00")) + 16;
    const int timeH = fm.height() + 8;
    l.plot = QRect(0, 0, std::max(10, width() - axisW), std::max(10, height() - timeH));
    l.axis = QRect(l.plot.right() + 1, 0, axisW, l.plot.height());
    l.timeAxis = QRect(0, l.plot.bottom() + 1, l.plot.width(), timeH);
    const int readoutH = fm.height() + 10;
    const int volumeH = l.plot.height() / 5;
    l.prices = QRect(0, readoutH, l.plot.width(), l.plot.height() - readoutH - volumeH - 8);
    l.volumes = QRect(0, l.plot.bottom() - volumeH + 1, l.plot.width(), volumeH);

    const int count = m_model ? m_model->rowCount() : 0;
    m_visibleCount = 0;
    if (count == 0)
        return l;
    const int fits = std::max(1, static_cast<int>(l.plot.width() / m_spacing) - kRightMarginCandles);
    l.last = std::clamp(count - 1 - m_scrollBack, 0, count - 1);
    l.first = std::max(0, l.last - fits + 1);
    m_visibleCount = l.last - l.first + 1;
    const std::span<const Candle> candles = m_model->candles();
    l.lo = candles[static_cast<std::size_t>(l.first)].low.toDouble();
    l.hi = candles[static_cast<std::size_t>(l.first)].high.toDouble();
    for (int i = l.first; i <= l.last; ++i) {
        const Candle& c = candles[static_cast<std::size_t>(i)];
        l.lo = std::min(l.lo, c.low.toDouble());
        l.hi = std::max(l.hi, c.high.toDouble());
        l.maxVolume = std::max(l.maxVolume, c.volume.toDouble());
    }
    const double span = l.hi - l.lo;
    const double pad = span > 0 ? span * 0.06 : std::max(std::fabs(l.hi) * 0.001, 1e-8);
    l.lo -= pad;
    l.hi += pad;
    return l;
}

int ChartWidget::readoutRow() const
{
    if (!m_model || m_model->rowCount() == 0)
        return -1;
    if (m_mouse) {
        const Layout l = computeLayout();
        if (l.plot.contains(*m_mouse) && l.last >= 0) {
            const double fromRight = (l.plot.right() - m_mouse->x()) / m_spacing - kRightMarginCandles;
            const int row = l.last - static_cast<int>(std::floor(fromRight));
            if (row >= l.first && row <= l.last)
                return row;
        }
    }
    return m_model->rowCount() - 1;
}

QString ChartWidget::readoutText() const
{
    const int row = readoutRow();
    if (row < 0)
        return {};
    const Candle& c = m_model->candleAt(row);
    const double open = c.open.toDouble();
    const double change = open != 0 ? (c.close.toDouble() - open) / open * 100 : 0;
    return tr("O %1  H %2  L %3  C %4  V %5  %6%")
        .arg(priceText(open), priceText(c.high.toDouble()), priceText(c.low.toDouble()),
             priceText(c.close.toDouble()), c.volume.normalized().toString(),
             (change >= 0 ? QStringLiteral("+") : QString()) + QString::number(change, 'f', 2));
}

void ChartWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const ThemeColors& c = Theme::colors();
    p.fillRect(rect(), c.background);
    const QFont numbers = Theme::numberFont();
    p.setFont(numbers);
    const QFontMetrics fm(numbers);
    const Layout l = computeLayout();

    p.setPen(c.grid);
    p.drawLine(l.axis.left(), 0, l.axis.left(), l.plot.bottom());
    p.drawLine(0, l.plot.bottom(), l.plot.right(), l.plot.bottom());

    if (l.last < 0) {
        p.setPen(c.dimText);
        p.setFont(font());
        p.drawText(l.plot, Qt::AlignCenter,
                   m_title.isEmpty() ? tr("No symbol selected") : tr("Loading %1 candles…").arg(m_title));
        return;
    }
    const std::span<const Candle> candles = m_model->candles();

    // Horizontal grid and price labels.
    const double step = niceStep((l.hi - l.lo) / std::max(2, l.prices.height() / 48));
    const int stepDigits = std::max(0, digitsOf(step) - m_priceScale);
    p.setPen(c.grid);
    const double lastY = l.yOf(candles.back().close.toDouble());
    for (double v = std::ceil(l.lo / step) * step; v <= l.hi; v += step) {
        const int y = static_cast<int>(std::lround(l.yOf(v)));
        if (y < l.prices.top() || y > l.prices.bottom())
            continue;
        p.setPen(c.grid);
        p.drawLine(0, y, l.plot.right(), y);
        if (std::fabs(y - lastY) < fm.height() + 2)
            continue; // the last-price label covers this one
        p.setPen(c.dimText);
        p.drawText(QRect(l.axis.left() + 6, y - fm.height() / 2, l.axis.width() - 8, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, priceText(v, stepDigits));
    }

    // Vertical grid and time labels at round multiples of the interval, so they stay put while scrolling.
    const qint64 intervalMs = intervalMilliseconds(m_interval);
    const bool daily = m_interval == CandleInterval::OneDay;
    const QString timeFormat = daily ? QStringLiteral("MM/dd") : QStringLiteral("HH:mm");
    const int labelW = fm.horizontalAdvance(QStringLiteral("00/00 00:00")) + 16;
    int every = 1;
    for (const int k : {1, 2, 3, 5, 6, 10, 12, 15, 20, 30, 60, 120, 240, 480}) {
        every = k;
        if (k * m_spacing >= labelW)
            break;
    }
    for (int i = l.first; i <= l.last; ++i) {
        const qint64 slot = candles[static_cast<std::size_t>(i)].openTimeMs / intervalMs;
        if (slot % every != 0)
            continue;
        const int x = static_cast<int>(std::lround(l.xOf(i, m_spacing)));
        if (x - labelW / 2 < 0)
            continue; // its label would be cut off at the left edge
        p.setPen(c.grid);
        p.drawLine(x, 0, x, l.plot.bottom());
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(candles[static_cast<std::size_t>(i)].openTimeMs);
        const bool newDay = !daily && t.time().hour() == 0 && t.time().minute() == 0;
        p.setPen(c.dimText);
        p.drawText(QRect(x - labelW / 2, l.timeAxis.top(), labelW, l.timeAxis.height()), Qt::AlignCenter,
                   t.toString(newDay ? QStringLiteral("MM/dd") : timeFormat));
    }

    // Volume bars and candles.
    const double body = std::max(1.0, std::floor(m_spacing * 0.7));
    for (int i = l.first; i <= l.last; ++i) {
        const Candle& k = candles[static_cast<std::size_t>(i)];
        const double open = k.open.toDouble();
        const double close = k.close.toDouble();
        const bool up = close >= open;
        const QColor colour = up ? c.up : c.down;
        const double x = l.xOf(i, m_spacing);
        const double left = std::round(x - body / 2);

        if (l.maxVolume > 0) {
            const double vh = k.volume.toDouble() / l.maxVolume * (l.volumes.height() - 2);
            QColor vc = colour;
            vc.setAlpha(110);
            p.fillRect(QRectF(left, l.volumes.bottom() - vh, body, vh), vc);
        }

        const double xWick = std::round(x) + 0.5;
        p.setPen(QPen(colour, 1));
        p.drawLine(QPointF(xWick, l.yOf(k.high.toDouble())), QPointF(xWick, l.yOf(k.low.toDouble())));
        const double top = std::round(l.yOf(std::max(open, close)));
        const double bottom = std::round(l.yOf(std::min(open, close)));
        p.fillRect(QRectF(left, top, body, std::max(1.0, bottom - top)), colour);
    }

    // The last price: a dotted line across and a label on the axis.
    {
        const Candle& newest = candles.back();
        const double lastPrice = newest.close.toDouble();
        const QColor colour = newest.close >= newest.open ? c.up : c.down;
        const double y = l.yOf(lastPrice);
        if (y >= l.prices.top() && y <= l.prices.bottom()) {
            p.setPen(QPen(colour, 1, Qt::DotLine));
            p.drawLine(QPointF(0, y), QPointF(l.plot.right(), y));
            const QRect label(l.axis.left() + 1, static_cast<int>(y) - fm.height() / 2 - 2,
                              l.axis.width() - 2, fm.height() + 4);
            p.fillRect(label, colour);
            p.setPen(Qt::white);
            p.drawText(label.adjusted(5, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, priceText(lastPrice));
        }
    }

    // Crosshair.
    if (m_mouse && l.plot.contains(*m_mouse)) {
        const int row = readoutRow();
        const int x = static_cast<int>(std::lround(l.xOf(row, m_spacing)));
        const int y = m_mouse->y();
        p.setPen(QPen(c.crosshair, 1, Qt::DashLine));
        p.drawLine(x, 0, x, l.plot.bottom());
        p.drawLine(0, y, l.plot.right(), y);
        QColor box = c.panel.lighter(Theme::current() == Theme::Kind::Dark ? 160 : 95);
        if (l.prices.contains(QPoint(l.prices.left(), y))) {
            const QRect label(l.axis.left() + 1, y - fm.height() / 2 - 2, l.axis.width() - 2,
                              fm.height() + 4);
            p.fillRect(label, box);
            p.setPen(c.text);
            p.drawText(label.adjusted(5, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                       priceText(l.priceAt(y), 1));
        }
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(candles[static_cast<std::size_t>(row)].openTimeMs);
        const QString timeText =
            t.toString(daily ? QStringLiteral("yyyy-MM-dd") : QStringLiteral("MM-dd HH:mm"));
        const int tw = fm.horizontalAdvance(timeText) + 12;
        const QRect timeLabel(x - tw / 2, l.timeAxis.top() + 1, tw, l.timeAxis.height() - 2);
        p.fillRect(timeLabel, box);
        p.setPen(c.text);
        p.drawText(timeLabel, Qt::AlignCenter, timeText);
    }

    // Readout: the OHLCV of the candle under the crosshair (or the newest).
    {
        const int row = readoutRow();
        const Candle& k = candles[static_cast<std::size_t>(row)];
        const QColor colour = k.close >= k.open ? c.up : c.down;
        int x = 8;
        const int y = 4;
        const int h = fm.height() + 2;
        p.setFont(numbers);
        const double open = k.open.toDouble();
        const double change = open != 0 ? (k.close.toDouble() - open) / open * 100 : 0;
        const QString parts[][2] = {
            {tr("O"), priceText(open)},
            {tr("H"), priceText(k.high.toDouble())},
            {tr("L"), priceText(k.low.toDouble())},
            {tr("C"), priceText(k.close.toDouble())},
            {tr("V"), k.volume.normalized().toString()},
            {QString(), (change >= 0 ? QStringLiteral("+") : QString()) + QString::number(change, 'f', 2) +
                            QStringLiteral("%")},
        };
        for (const auto& part : parts) {
            if (!part[0].isEmpty()) {
                p.setPen(c.dimText);
                p.drawText(QRect(x, y, 200, h), Qt::AlignLeft | Qt::AlignVCenter, part[0]);
                x += fm.horizontalAdvance(part[0]) + 4;
            }
            p.setPen(colour);
            p.drawText(QRect(x, y, 300, h), Qt::AlignLeft | Qt::AlignVCenter, part[1]);
            x += fm.horizontalAdvance(part[1]) + 10;
        }
    }
}

void ChartWidget::mouseMoveEvent(QMouseEvent* event)
{
    m_mouse = event->position().toPoint();
    if (m_dragFrom && m_model) {
        const int moved = static_cast<int>((m_mouse->x() - m_dragFrom->x()) / m_spacing);
        m_scrollBack = std::clamp(m_dragScrollBack + moved, 0, std::max(0, m_model->rowCount() - 5));
    }
    update();
}

void ChartWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragFrom = event->position().toPoint();
        m_dragScrollBack = m_scrollBack;
    }
}

void ChartWidget::mouseReleaseEvent(QMouseEvent*)
{
    m_dragFrom.reset();
}

void ChartWidget::mouseDoubleClickEvent(QMouseEvent*)
{
    m_scrollBack = 0;
    update();
}

void ChartWidget::wheelEvent(QWheelEvent* event)
{
    const double factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
    m_spacing = std::clamp(m_spacing * factor, 3.0, 40.0);
    update();
}

void ChartWidget::leaveEvent(QEvent*)
{
    m_mouse.reset();
    update();
}
