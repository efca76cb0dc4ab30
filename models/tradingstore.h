#pragma once

#include "trading.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <cstdint>
#include <deque>
#include <vector>

// What the private stream pushed in one frame, already venue-neutral.
struct PrivateUpdate
{
    std::vector<Order> orders;
    std::vector<Fill> fills;
    std::vector<Position> positions;
    std::vector<Balance> balances;
};

// What the venue's REST API answered at one moment: the open orders, positions and balances replace the
// local ones; the recent fills are merged.
struct TradingSnapshot
{
    std::vector<Order> openOrders;
    std::vector<Position> positions;
    std::vector<Balance> balances;
    std::vector<Fill> fills;
};

// The private state of one account at one venue: open orders (by order id, with a client id index),
// recent fills deduplicated by execution id, positions by symbol and leg, balances by account and coin. Like
// MarketStore a plain container without signals: views poll the version counters on the frame timer.
class TradingStore final
{
public:
    explicit TradingStore(std::size_t maxFills = 1000);

    // A stream push. An order update older than what the store holds for that order (updatedMs) is
    // ignored, so a late push never reopens a closed order; a fill already seen is ignored.
    void apply(const PrivateUpdate& update);

    // A REST snapshot replaces the open orders, positions and balances; fills are merged by execution id.
    // Returns the orders that were open here but are absent from the snapshot: they are no longer open
    // (findClosedOrder() gives them with status Unknown until applyFinalStates() gives their real end).
    std::vector<Order> reconcile(const TradingSnapshot& snapshot);
    // Final states of orders that left the open set (from the venue's order history).
    void applyFinalStates(const std::vector<Order>& orders);

    const Order* findOpenOrder(const QString& orderId) const;
    const Order* findOpenOrderByClientId(const QString& clientOrderId) const;
    const Order* findClosedOrder(const QString& orderId) const;
    // Sorted by creation time, then order id.
    std::vector<Order> openOrders() const;
    // Orders that left the open set (filled, cancelled, rejected), newest update first; bounded.
    std::vector<Order> closedOrders() const;
    // Oldest first, at most maxFills.
    const std::deque<Fill>& fills() const noexcept { return m_fills; }
    bool hasFill(const QString& executionId) const { return m_fillIds.contains(executionId); }
    // Sorted by symbol and leg / by account and coin.
    std::vector<Position> positions() const;
    std::vector<Balance> balances() const;
    const Position* findPosition(const QString& symbol, PositionSide leg = PositionSide::Net) const;
    // Every leg the store holds for the symbol (one in one-way mode, up to two when hedged).
    std::vector<Position> positionsOf(const QString& symbol) const;
    const Balance* findBalance(const QString& coin, const QString& account = {}) const;

    // The keys positions and balances are held under (and models key their rows by): the symbol alone
    // for a net position ("BTCUSDT"), with the leg for a hedged one ("BTCUSDT long"); the coin alone in
    // a venue's only wallet, "spot:USDT" in a named one.
    static QString positionKey(const QString& symbol, PositionSide leg);
    static QString positionKey(const Position& position)
    {
        return positionKey(position.symbol, position.positionSide);
    }
    static QString balanceKey(const QString& coin, const QString& account);
    static QString balanceKey(const Balance& balance) { return balanceKey(balance.coin, balance.account); }

    std::uint64_t orderVersion() const noexcept { return m_orderVersion; }
    std::uint64_t fillVersion() const noexcept { return m_fillVersion; }
    std::uint64_t positionVersion() const noexcept { return m_positionVersion; }
    std::uint64_t balanceVersion() const noexcept { return m_balanceVersion; }

    void clear();

private:
    bool applyOrder(const Order& order);
    bool addFill(const Fill& fill);
    void closeOrder(const Order& order);
    void removeOpen(const QString& orderId);

    QHash<QString, Order> m_open;         // by order id
    QHash<QString, QString> m_byClientId; // client id → order id
    QHash<QString, Order> m_closed;       // recently closed, by order id (bounded)
    std::deque<QString> m_closedOrder;    // eviction order of m_closed
    std::deque<Fill> m_fills;
    QSet<QString> m_fillIds;
    QHash<QString, Position> m_positions; // by positionKey()
    QHash<QString, Balance> m_balances;   // by balanceKey()
    std::size_t m_maxFills;
    std::uint64_t m_orderVersion = 0;
    std::uint64_t m_fillVersion = 0;
    std::uint64_t m_positionVersion = 0;
    std::uint64_t m_balanceVersion = 0;
};
