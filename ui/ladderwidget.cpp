#include "ladderwidget.h"

#include "numberformat.h"
#include "theme.h"

#include "models/orderbookmodel.h"

#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>
#include <limits>

namespace {
constexpr qint64 kFlashMs = 450;

Decimal distance(Decimal a, Decimal b)
{
    const auto d = Decimal::subtract(a, b);
    if (!d)
        return Decimal::fromMantissa(std::numeric_limits<std::int64_t>::max(), 0);
    return d->isNegative() ? -*d : *d;
}

// Where an order sits on the ladder: a waiting conditional order at its trigger, others at their price.
std::optional<Decimal> markPrice(const Order& order)
{
    if (order.triggerPrice && (order.status == OrderStatus::Untriggered || !order.price))
        return order.triggerPrice;
    return order.price;
}

Decimal openQuantity(const Order& order)
{
    const auto left = Decimal::subtract(order.quantity, order.filledQuantity);
    return left && !left->isNegative() ? *left : order.quantity;
}
} // namespace

LadderWidget::LadderWidget(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumWidth(200);
    // Click focus: the quantity preset keys (1–9) apply while the ladder has focus.
    setFocusPolicy(Qt::ClickFocus);
    setMouseTracking(false);
    m_clock.start();
}

QSize LadderWidget::sizeHint() const
{
    return {300, 500};
}

void LadderWidget::setModel(OrderBookModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_flashes.clear();
    if (m_model) {
        m_seenRefresh = m_model->refreshCount();
        const auto changed = [this] {
            collectFlashes();
            update();
        };
        connect(m_model, &QAbstractItemModel::dataChanged, this, changed);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, changed);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, changed);
        connect(m_model, &QAbstractItemModel::modelReset, this, changed);
        connect(m_model, &OrderBookModel::bookStateChanged, this, [this] { update(); });
    }
    update();
}

void LadderWidget::setScales(int priceScale, int sizeScale)
{
    m_priceScale = priceScale;
    m_sizeScale = sizeScale;
    m_flashes.clear();
    update();
}

void LadderWidget::setOrders(std::vector<Order> orders)
{
    if (orders == m_orders)
        return;
    m_orders = std::move(orders);
    update();
}

void LadderWidget::setShowOrders(bool show)
{
    if (show == m_showOrders)
        return;
    m_showOrders = show;
    update();
}

void LadderWidget::setTradingEnabled(bool enabled)
{
    if (enabled == m_trading)
        return;
    m_trading = enabled;
    m_dragOrders.clear();
    m_dragging = false;
    update();
}

QString LadderWidget::levelKey(int row) const
{
    const QModelIndex price = m_model->index(row, OrderBookModel::PriceColumn);
    return price.data(Qt::DisplayRole).toString() +
           (row < m_model->askRowCount() ? QLatin1Char('a') : QLatin1Char('b'));
}

void LadderWidget::collectFlashes()
{
    const quint64 refresh = m_model->refreshCount();
    if (refresh == m_seenRefresh)
        return;
    m_seenRefresh = refresh;
    const qint64 now = m_clock.elapsed();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex size = m_model->index(row, OrderBookModel::SizeColumn);
        if (size.data(OrderBookModel::SizeChangedRole).toULongLong() == refresh)
            m_flashes.insert(levelKey(row), now);
    }
}

void LadderWidget::animate()
{
    if (m_flashes.isEmpty())
        return;
    const qint64 now = m_clock.elapsed();
    m_flashes.removeIf(
        [now](const QHash<QString, qint64>::iterator it) { return now - it.value() > kFlashMs; });
    update();
}

QString LadderWidget::overlayText() const
{
    if (!m_model || !m_model->book())
        return tr("No symbol selected");
    switch (m_model->bookState()) {
    case OrderBook::State::Live:
        return {};
    case OrderBook::State::AwaitingSnapshot:
        return tr("Waiting for the order book…");
    case OrderBook::State::Resyncing:
        return tr("Resyncing — the book is being rebuilt");
    case OrderBook::State::Stale:
        return tr("Stale — no updates from the venue");
    }
    return {};
}

LadderWidget::Layout LadderWidget::layout() const
{
    Layout l;
    l.rowH = QFontMetrics(Theme::numberFont()).height() + 4;
    l.top = l.rowH;
    const int available = height() - l.top;
    // The spread row sits in the middle; asks fill upwards from it, bids downwards.
    l.spreadY = l.top + ((available - l.rowH) / 2 / l.rowH) * l.rowH;
    const int w = width();
    l.ordersRight = m_showOrders ? w * 16 / 100 : 0;
    const int rest = w - l.ordersRight;
    l.bidRight = l.ordersRight + rest * 22 / 100;
    l.priceRight = l.bidRight + rest * 30 / 100;
    l.askRight = l.priceRight + rest * 22 / 100;
    return l;
}

int LadderWidget::rowY(const Layout& l, int row) const
{
    if (!m_model || row < 0)
        return -1;
    const int asks = m_model->askRowCount();
    if (row < asks) {
        const int k = asks - 1 - row; // 0: the best ask, right above the spread row
        const int y = l.spreadY - (k + 1) * l.rowH;
        return y >= l.top ? y : -1;
    }
    const int k = row - asks;
    if (k >= m_model->bidRowCount())
        return -1;
    const int y = l.spreadY + (k + 1) * l.rowH;
    return y + l.rowH <= height() ? y : -1;
}

int LadderWidget::rowAt(int y) const
{
    if (!m_model)
        return -1;
    const Layout l = layout();
    int row = -1;
    if (y >= l.top && y < l.spreadY) {
        const int k = (l.spreadY - 1 - y) / l.rowH;
        row = m_model->askRowCount() - 1 - k;
    } else if (y >= l.spreadY + l.rowH) {
        row = m_model->askRowCount() + (y - l.spreadY - l.rowH) / l.rowH;
    }
    return row >= 0 && rowY(l, row) >= 0 ? row : -1;
}

LadderWidget::Area LadderWidget::areaAt(int x) const
{
    const Layout l = layout();
    if (x < 0 || x >= width())
        return Area::None;
    if (x < l.ordersRight)
        return Area::Orders;
    if (x < l.bidRight)
        return Area::Bid;
    if (x < l.priceRight)
        return Area::Price;
    if (x < l.askRight)
        return Area::Ask;
    return Area::Total;
}

QRect LadderWidget::columnRect(const Layout& l, Area area, int y) const
{
    switch (area) {
    case Area::Orders:
        return QRect(0, y, l.ordersRight, l.rowH);
    case Area::Bid:
        return QRect(l.ordersRight, y, l.bidRight - l.ordersRight, l.rowH);
    case Area::Price:
        return QRect(l.bidRight, y, l.priceRight - l.bidRight, l.rowH);
    case Area::Ask:
        return QRect(l.priceRight, y, l.askRight - l.priceRight, l.rowH);
    case Area::Total:
        return QRect(l.askRight, y, width() - l.askRight, l.rowH);
    case Area::None:
        break;
    }
    return {};
}

QRect LadderWidget::rowRect(int row) const
{
    const Layout l = layout();
    const int y = rowY(l, row);
    return y < 0 ? QRect() : QRect(0, y, width(), l.rowH);
}

QRect LadderWidget::cellRect(int row, Area area) const
{
    const Layout l = layout();
    const int y = rowY(l, row);
    return y < 0 ? QRect() : columnRect(l, area, y);
}

std::optional<Decimal> LadderWidget::rowPrice(int row) const
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return std::nullopt;
    const QVariant v = m_model->index(row, OrderBookModel::PriceColumn).data(OrderBookModel::DecimalRole);
    if (!v.isValid() || !v.canConvert<Decimal>())
        return std::nullopt;
    return v.value<Decimal>();
}

QHash<int, LadderWidget::Mark> LadderWidget::marks() const
{
    QHash<int, Mark> out;
    if (!m_model || m_orders.empty() || m_model->rowCount() == 0)
        return out;
    const int rows = m_model->rowCount();
    const int asks = m_model->askRowCount();
    const Decimal step = m_model->grouping();
    const bool grouped = !step.isZero() && !step.isNegative();
    std::vector<Decimal> prices;
    prices.reserve(static_cast<std::size_t>(rows));
    for (int row = 0; row < rows; ++row)
        prices.push_back(rowPrice(row).value_or(Decimal()));
    // Rows run from the highest price (top ask) down to the lowest bid.
    const Decimal highest = prices.front();
    const Decimal lowest = prices.back();
    const OrderBook* book = m_model->book();
    const std::optional<Decimal> mid = book ? book->mid() : std::nullopt;
    for (const Order& order : m_orders) {
        const std::optional<Decimal> price = markPrice(order);
        if (!price || *price > highest || *price < lowest)
            continue;
        // The best ask's group and the best bid's can both hold a price inside the spread's group: a price
        // below the mid looks among the bids first.
        const bool bidsFirst = !mid || *price <= *mid;
        int found = -1;
        for (int i = 0; i < rows && found < 0; ++i) {
            const int row = bidsFirst ? (asks + i) % rows : i;
            const Decimal rp = prices[static_cast<std::size_t>(row)];
            if (!grouped) {
                if (rp == *price)
                    found = row;
                continue;
            }
            // Asks are grouped up to a multiple of the step, bids down to one.
            const auto other = row < asks ? Decimal::subtract(rp, step) : Decimal::add(rp, step);
            if (!other)
                continue;
            if (row < asks ? (*price <= rp && *price > *other) : (*price >= rp && *price < *other))
                found = row;
        }
        bool exact = found >= 0;
        if (!exact) {
            Decimal best;
            for (int row = 0; row < rows; ++row) {
                const Decimal d = distance(prices[static_cast<std::size_t>(row)], *price);
                if (found < 0 || d < best) {
                    found = row;
                    best = d;
                }
            }
        }
        Mark& mark = out[found];
        mark.orders << order;
        mark.exact = mark.exact && exact;
    }
    return out;
}

int LadderWidget::orderRow(const QString& orderId) const
{
    const Layout l = layout();
    const QHash<int, Mark> all = marks();
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        for (const Order& order : it->orders) {
            if (order.orderId == orderId)
                return rowY(l, it.key()) >= 0 ? it.key() : -1;
        }
    }
    return -1;
}

bool LadderWidget::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    // Over a marker: the orders behind it, with their exact prices.
    const auto* help = static_cast<QHelpEvent*>(event);
    const int row = rowAt(help->pos().y());
    const Mark mark = row >= 0 && areaAt(help->pos().x()) == Area::Orders ? marks().value(row) : Mark();
    if (mark.orders.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    QStringList lines;
    for (const Order& order : mark.orders) {
        const QString side = order.side == Side::Buy ? tr("Buy") : tr("Sell");
        const QString quantity = NumberFormat::decimal(openQuantity(order), m_sizeScale);
        const QString price = NumberFormat::decimal(markPrice(order).value_or(Decimal()), m_priceScale);
        lines << (order.triggerPrice && order.status == OrderStatus::Untriggered
                      ? tr("%1 stop %2, triggered at %3").arg(side, quantity, price)
                      : tr("%1 %2 @ %3").arg(side, quantity, price));
    }
    if (m_trading)
        lines << tr("Click to cancel; drag to another row to move");
    QToolTip::showText(help->globalPos(), lines.join(QLatin1Char('\n')), this);
    return true;
}

void LadderWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    m_pressPos = pos;
    m_pressRow = rowAt(pos.y());
    m_pressArea = areaAt(pos.x());
    m_dragging = false;
    m_dragRow = -1;
    m_dragOrders.clear();
    if (m_trading && m_pressArea == Area::Orders && m_pressRow >= 0)
        m_dragOrders = marks().value(m_pressRow).orders;
    event->accept();
}

void LadderWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragOrders.isEmpty())
        return;
    const QPoint pos = event->position().toPoint();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
        m_dragging = true;
    if (m_dragging) {
        m_dragRow = rowAt(pos.y());
        update();
    }
}

void LadderWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint pos = event->position().toPoint();
    const int row = rowAt(pos.y());
    const Area area = areaAt(pos.x());
    const QList<Order> dragged = m_dragOrders;
    const bool wasDragging = m_dragging;
    const int pressRow = m_pressRow;
    const Area pressArea = m_pressArea;
    m_pressRow = -1;
    m_pressArea = Area::None;
    m_dragOrders.clear();
    m_dragging = false;
    m_dragRow = -1;
    update();
    if (pressRow < 0)
        return;
    const std::optional<Decimal> price = rowPrice(row);
    if (wasDragging) {
        if (row >= 0 && row != pressRow && price)
            Q_EMIT ordersDragged(dragged, *price);
        return;
    }
    // A click: pressed and released on the same cell.
    if (row != pressRow || area != pressArea || !price)
        return;
    switch (area) {
    case Area::Price:
        Q_EMIT priceClicked(*price);
        break;
    case Area::Bid:
    case Area::Ask:
        if (m_trading)
            Q_EMIT sideClicked(*price, area == Area::Bid ? Side::Buy : Side::Sell,
                               event->modifiers().testFlag(Qt::ShiftModifier));
        break;
    case Area::Orders:
        if (m_trading && !dragged.isEmpty())
            Q_EMIT ordersClicked(dragged);
        break;
    case Area::Total:
    case Area::None:
        break;
    }
}

void LadderWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    // The first click of a double click already acted: the second one does nothing, so a double click
    // never sends two orders.
    m_pressRow = -1;
    m_dragOrders.clear();
    m_dragging = false;
    event->accept();
}

void LadderWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const ThemeColors& c = Theme::colors();
    p.fillRect(rect(), c.background);
    const QFont numbers = Theme::numberFont();
    p.setFont(numbers);
    const Layout l = layout();
    const int rowH = l.rowH;
    const int w = width();
    const int pad = 6;
    const auto text = [&](Area area, int y) { return columnRect(l, area, y).adjusted(0, 0, -pad, 0); };

    // Header.
    p.fillRect(QRect(0, 0, w, rowH), c.panel);
    p.setPen(c.dimText);
    p.setFont(font());
    if (m_model) {
        if (m_showOrders)
            p.drawText(columnRect(l, Area::Orders, 0), Qt::AlignCenter, tr("Orders"));
        p.drawText(text(Area::Bid, 0), Qt::AlignRight | Qt::AlignVCenter, tr("Bid"));
        p.drawText(text(Area::Price, 0), Qt::AlignRight | Qt::AlignVCenter,
                   m_model->headerData(OrderBookModel::PriceColumn, Qt::Horizontal).toString());
        p.drawText(text(Area::Ask, 0), Qt::AlignRight | Qt::AlignVCenter, tr("Ask"));
        p.drawText(text(Area::Total, 0), Qt::AlignRight | Qt::AlignVCenter,
                   m_model->headerData(OrderBookModel::CumulativeColumn, Qt::Horizontal).toString());
    }
    p.setFont(numbers);

    const int top = l.top;
    const int available = height() - top;
    const int spreadY = l.spreadY;
    const qint64 now = m_clock.elapsed();
    const int barLeft = l.ordersRight;

    const auto drawLevel = [&](int row, int y, bool ask) {
        const QModelIndex priceIndex = m_model->index(row, OrderBookModel::PriceColumn);
        const QModelIndex sizeIndex = m_model->index(row, OrderBookModel::SizeColumn);
        const QModelIndex totalIndex = m_model->index(row, OrderBookModel::CumulativeColumn);
        const double fraction = totalIndex.data(OrderBookModel::DepthFractionRole).toDouble();
        const int barW = static_cast<int>(std::lround(fraction * (w - barLeft)));
        p.fillRect(QRect(w - barW, y + 1, barW, rowH - 2), ask ? c.downBar : c.upBar);
        const QRect sizeCell = columnRect(l, ask ? Area::Ask : Area::Bid, y);
        const auto flash = m_flashes.constFind(levelKey(row));
        if (flash != m_flashes.cend()) {
            QColor f = c.flash;
            const double left = 1.0 - static_cast<double>(now - *flash) / kFlashMs;
            if (left > 0) {
                f.setAlphaF(f.alphaF() * left);
                p.fillRect(sizeCell.adjusted(0, 1, 0, -1), f);
            }
        }
        p.setPen(ask ? c.down : c.up);
        p.drawText(text(Area::Price, y), Qt::AlignRight | Qt::AlignVCenter,
                   NumberFormat::decimal(priceIndex.data(OrderBookModel::DecimalRole), m_priceScale));
        p.setPen(c.text);
        p.drawText(sizeCell.adjusted(0, 0, -pad, 0), Qt::AlignRight | Qt::AlignVCenter,
                   NumberFormat::decimal(sizeIndex.data(OrderBookModel::DecimalRole), m_sizeScale));
        p.setPen(c.dimText);
        p.drawText(text(Area::Total, y), Qt::AlignRight | Qt::AlignVCenter,
                   NumberFormat::decimal(totalIndex.data(OrderBookModel::DecimalRole), m_sizeScale));
    };

    if (m_model) {
        const int asks = m_model->askRowCount();
        const int rows = m_model->rowCount();
        for (int row = 0; row < rows; ++row) {
            const int y = rowY(l, row);
            if (y >= 0)
                drawLevel(row, y, row < asks);
        }
    }

    // Own orders: one marker per row with the open quantity, in the side's colour (hollow when the
    // order's price is between shown levels).
    if (m_showOrders && m_model) {
        p.setPen(c.grid);
        p.drawLine(l.ordersRight - 1, top, l.ordersRight - 1, height());
        const QHash<int, Mark> all = marks();
        const auto drawMarker = [&](int y, const Mark& mark, bool ghost) {
            Decimal open;
            bool buys = false;
            bool sells = false;
            for (const Order& order : mark.orders) {
                open = Decimal::add(open, openQuantity(order)).value_or(open);
                (order.side == Side::Buy ? buys : sells) = true;
            }
            const QColor colour = buys && sells ? c.accent : buys ? c.up : c.down;
            const QRect box = columnRect(l, Area::Orders, y).adjusted(2, 2, -3, -2);
            p.setRenderHint(QPainter::Antialiasing, true);
            if (mark.exact && !ghost) {
                p.setPen(Qt::NoPen);
                p.setBrush(colour);
            } else {
                p.setPen(QPen(colour, 1, ghost ? Qt::DashLine : Qt::SolidLine));
                p.setBrush(Qt::NoBrush);
            }
            p.drawRoundedRect(box, 3, 3);
            p.setRenderHint(QPainter::Antialiasing, false);
            p.setPen(mark.exact && !ghost ? c.background : colour);
            p.drawText(box, Qt::AlignCenter, NumberFormat::decimal(open, m_sizeScale));
        };
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            const int y = rowY(l, it.key());
            if (y >= 0)
                drawMarker(y, *it, false);
        }
        if (m_dragging && m_dragRow >= 0) {
            Mark ghost;
            ghost.orders = m_dragOrders;
            drawMarker(rowY(l, m_dragRow), ghost, true);
        }
    }

    // Spread and mid, from the book itself (not the grouped rows).
    const QRect spreadRow(0, spreadY, w, rowH);
    p.fillRect(spreadRow, c.panel);
    p.setPen(c.grid);
    p.drawLine(0, spreadY, w, spreadY);
    p.drawLine(0, spreadY + rowH - 1, w, spreadY + rowH - 1);
    const OrderBook* book = m_model ? m_model->book() : nullptr;
    if (book && book->isLive()) {
        const auto spread = book->spread();
        const auto mid = book->mid();
        if (spread && mid) {
            const double bp = mid->toDouble() > 0 ? spread->toDouble() / mid->toDouble() * 1e4 : 0;
            p.setPen(c.text);
            p.drawText(spreadRow.adjusted(pad, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("Spread %1 (%2 bp)")
                           .arg(NumberFormat::decimal(*spread, m_priceScale),
                                QString::number(bp, 'f', bp < 1 ? 2 : 1)));
            p.drawText(spreadRow.adjusted(0, 0, -pad, 0), Qt::AlignRight | Qt::AlignVCenter,
                       tr("Mid %1").arg(NumberFormat::decimal(*mid, m_priceScale)));
        }
    }

    const QString overlay = overlayText();
    if (!overlay.isEmpty()) {
        QColor veil = c.background;
        veil.setAlpha(200);
        p.fillRect(QRect(0, top, w, available), veil);
        QFont big = font();
        big.setBold(true);
        big.setPointSizeF(big.pointSizeF() * 1.2);
        p.setFont(big);
        p.setPen(m_model && m_model->bookState() != OrderBook::State::AwaitingSnapshot ? c.warning
                                                                                       : c.dimText);
        p.drawText(QRect(pad, top, w - 2 * pad, available), Qt::AlignCenter | Qt::TextWordWrap, overlay);
    }
}
