#pragma once

#include "models/decimal.h"
#include "models/trading.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QWidget>

#include <optional>
#include <vector>

class OrderBookModel;

// A custom-painted price ladder over an OrderBookModel, laid out as a depth-of-market: an orders
// column (the account's own open orders), bid sizes, prices, ask sizes and the cumulative size; asks
// above, bids below, the spread and mid between them; cumulative depth bars; a size that just changed
// flashes and fades; and, whenever the book is not live, the reason drawn over the ladder so no one
// trades off a stale or broken book. It repaints when the model changes (at most once per session
// frame) and while a flash fades.
//
// It decides nothing about trading: it reports what was clicked (a price, a bid or ask cell, an own
// order's marker, a marker dragged to another row) and the dock acts on it. The trading gestures are
// reported only while setTradingEnabled(true); a price click always is.
class LadderWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LadderWidget)

public:
    enum class Area
    {
        None,
        Orders, // the own-order markers (shown with setShowOrders)
        Bid,    // bid sizes: a click buys
        Price,
        Ask, // ask sizes: a click sells
        Total,
    };

    explicit LadderWidget(QWidget* parent = nullptr);

    void setModel(OrderBookModel* model);
    OrderBookModel* model() const { return m_model; }
    // Fractional digits prices and sizes are shown with (the tick and the lot).
    void setScales(int priceScale, int sizeScale);

    // What is drawn over the ladder ("" while the book is live).
    QString overlayText() const;
    int flashingLevels() const { return static_cast<int>(m_flashes.size()); }

    // Called once per session frame: fades flashes.
    void animate();

    // The own open orders of the shown symbol, each marked on the row holding its price (with grouping,
    // the group containing it; a price between shown levels goes to the nearest row, drawn hollow).
    void setOrders(std::vector<Order> orders);
    const std::vector<Order>& orders() const { return m_orders; }
    void setShowOrders(bool show);
    bool showsOrders() const { return m_showOrders; }
    void setTradingEnabled(bool enabled);
    bool isTradingEnabled() const { return m_trading; }

    // Hit testing, in widget coordinates (also what tests click at). Rows are model rows.
    int rowAt(int y) const;       // -1: header, spread row or below the last level
    Area areaAt(int x) const;     // the column under x
    QRect rowRect(int row) const; // the whole row; empty when the row is not shown
    QRect cellRect(int row, Area area) const;
    std::optional<Decimal> rowPrice(int row) const;
    // Where an order is marked: its row, or -1 when it is off the shown ladder.
    int orderRow(const QString& orderId) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    // A click on a row's price.
    void priceClicked(const Decimal& price);
    // A click in the bid (Side::Buy) or ask (Side::Sell) column of a row; stop: Shift was held.
    void sideClicked(const Decimal& price, Side side, bool stop);
    // A click on an own-order marker: the orders marked there.
    void ordersClicked(const QList<Order>& orders);
    // A marker dragged and dropped on another row's price.
    void ordersDragged(const QList<Order>& orders, const Decimal& price);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    struct Layout
    {
        int rowH = 0;
        int top = 0;
        int spreadY = 0;
        int ordersRight = 0; // the orders column is [0, ordersRight)
        int bidRight = 0;
        int priceRight = 0;
        int askRight = 0;
    };
    struct Mark
    {
        QList<Order> orders;
        bool exact = true; // false: no shown row holds the price; marked on the nearest
    };

    Layout layout() const;
    int rowY(const Layout& l, int row) const; // -1 when not shown
    QRect columnRect(const Layout& l, Area area, int y) const;
    QHash<int, Mark> marks() const;
    void collectFlashes();
    QString levelKey(int row) const;

    OrderBookModel* m_model = nullptr;
    int m_priceScale = -1;
    int m_sizeScale = -1;
    QHash<QString, qint64> m_flashes; // level → when its size changed
    quint64 m_seenRefresh = 0;
    QElapsedTimer m_clock;
    std::vector<Order> m_orders;
    bool m_showOrders = false;
    bool m_trading = false;

    // The press of the click or drag under way.
    int m_pressRow = -1;
    Area m_pressArea = Area::None;
    QPoint m_pressPos;
    QList<Order> m_dragOrders;
    bool m_dragging = false;
    int m_dragRow = -1;
};
