#pragma once

#include "demomarket.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>

// The demo venue's one trading account and its matching engine, over a DemoMarket. A Bybit UNIFIED
// account: spot moves balances only; linear is one-way mode (positionIdx 0) with avgPrice, size,
// unrealisedPnl from the mark, an estimated liqPrice and cumRealisedPnl. Limit orders rest and fill
// as maker when the simulated market trades through or crosses their price; market orders (and the
// crossing part of a limit order) walk the simulated book as taker. Linear conditional orders
// (triggerPrice, triggerDirection) wait Untriggered until the trigger price (last, mark or index) is
// reached, then run as their order type; takeProfit / stopLoss given at create (tpslMode Full) go to the
// position once the order fills, and the position is closed by a reduce-only market order when the
// price reaches one. Open positions are pushed again when their mark price moves (at most once a
// simulated second each). All money is exact Decimal.
// Requests and answers are Bybit V5's (https://bybit-exchange.github.io/docs/v5/order/create-order and
// siblings); errors carry Bybit's retCode and retMsg. No networking here: DemoVenue serves it.
class DemoAccount final
{
public:
    struct Error
    {
        int code = 0;
        QString message;
    };
    // Either {code 0, result JSON} or a Bybit error.
    struct Answer
    {
        Error error;
        QByteArray result;
        static Answer fail(int code, const QString& message) { return {{code, message}, {}}; }
    };

    static constexpr int Leverage = 10;
    static constexpr int MaxConditionalOrders = 10; // waiting (Untriggered) per symbol
    static const Decimal MakerFeeRate;              // 0.0002
    static const Decimal TakerFeeRate;              // 0.00055

    explicit DemoAccount(DemoMarket& market);

    // The starting UNIFIED wallet: 100,000 USDT, 1 BTC, 10 ETH.
    void reset();

    Answer createOrder(const QJsonObject& params);
    Answer amendOrder(const QJsonObject& params);
    Answer cancelOrder(const QJsonObject& params);
    Answer cancelAll(const QJsonObject& params);
    Answer openOrders(const QHash<QString, QString>& query) const;
    Answer orderHistory(const QHash<QString, QString>& query) const;
    Answer executions(const QHash<QString, QString>& query) const;
    Answer positions(const QHash<QString, QString>& query) const;
    Answer walletBalance(const QHash<QString, QString>& query) const;

    // Call after the market moved (and before, for trades printed outside advance()): resting orders
    // the market traded through or crossed fill, conditional orders and position TP/SL whose trigger
    // price was reached fire, and positions whose mark price moved are pushed (rate-limited).
    void match();

    // How often at most an open position is pushed for a mark price move alone (simulated ms).
    static constexpr std::int64_t MarkPushIntervalMs = 1000;

    // Private-stream data produced since the last call: topic ("order", "execution", "position",
    // "wallet") → the "data" array's objects, in Bybit's private-stream shape.
    QList<QPair<QByteArray, QList<QByteArray>>> takeEvents();

private:
    struct Order
    {
        QByteArray orderId;
        QByteArray orderLinkId;
        DemoMarket::Book* book = nullptr;
        Side side = Side::Buy;
        bool isMarket = false;
        Decimal price; // limit price (market: 0)
        Decimal qty;   // base quantity
        Decimal cumQty;
        Decimal cumValue;
        Decimal cumFee;
        // New, PartiallyFilled, Filled, Cancelled, Rejected, PartiallyFilledCanceled; conditional orders
        // start Untriggered, then Triggered (and on as their order type) or Deactivated.
        QByteArray status;
        QByteArray timeInForce;
        QByteArray rejectReason = "EC_NoError";
        QByteArray cancelType = "UNKNOWN";
        QByteArray createType = "CreateByUser";
        bool reduceOnly = false;
        bool closeOnTrigger = false;
        Decimal lastPriceOnCreated;
        // Conditional orders: stopOrderType "Stop" (a user's), "TakeProfit" or "StopLoss" (a position's).
        QByteArray stopOrderType;
        Decimal triggerPrice;     // 0: none
        int triggerDirection = 0; // 1 rises to, 2 falls to
        QByteArray triggerBy;     // LastPrice, MarkPrice, IndexPrice
        // Attached at create, handed to the position when the order fills.
        Decimal takeProfit, stopLoss; // 0: none
        QByteArray tpTriggerBy, slTriggerBy;
        std::int64_t createdMs = 0;
        std::int64_t updatedMs = 0;
        // Working on the book.
        bool isWorking() const { return status == "New" || status == "PartiallyFilled"; }
        // Working, or waiting for its trigger (what /v5/order/realtime lists).
        bool isOpen() const { return isWorking() || status == "Untriggered"; }
        Decimal leaves() const { return qty - cumQty; }
    };
    struct Execution
    {
        QByteArray execId;
        const Order* order = nullptr; // orders are never removed
        Decimal price, qty, value, fee, feeRate, closedSize, leavesQty;
        QByteArray feeCurrency;
        bool isMaker = false;
        std::int64_t timeMs = 0;
        std::int64_t markTicks = 0, indexTicks = 0;
        std::int64_t seq = 0;
    };
    struct Position
    {
        DemoMarket::Book* book = nullptr;
        Side side = Side::Buy;
        Decimal size;  // > 0 when open
        Decimal value; // entry notional of the open size
        Decimal curRealised, cumRealised;
        std::int64_t createdMs = 0, updatedMs = 0, seq = 0;
        Decimal takeProfit, stopLoss; // 0: none
        QByteArray tpTriggerBy = "LastPrice", slTriggerBy = "LastPrice";
        std::int64_t pushedMs = 0, pushedMarkTicks = 0; // the last push, for mark-move pushes
    };

    Order* findOrder(const QJsonObject& params, Category category, const QString& symbol);
    Order& addOrder(Order order);
    // Runs a new (or just triggered) order: takes liquidity, rests or is cancelled as its type and
    // time in force say.
    void execute(Order& order, std::optional<Decimal> quoteBudget);
    std::optional<Error> checkTrigger(const Order& order) const;
    std::optional<Error> attachTpsl(Order& order, const QJsonObject& params,
                                    std::optional<Decimal> takeProfit, std::optional<Decimal> stopLoss,
                                    Decimal basePrice) const;
    void trigger(Order& order);
    void closeByTpsl(Position& position, bool takeProfit);
    void pushMarkMoves();
    void fill(Order& order, std::int64_t priceTicks, Decimal qty, bool maker);
    void takeLiquidity(Order& order, std::optional<std::int64_t> limitTicks,
                       std::optional<Decimal> quoteBudget);
    void finishTaker(Order& order);
    Decimal orderMargin(const Order& order) const;
    Decimal unrealised(const Position& p) const;
    Decimal availableUsdt() const;
    Decimal lockedCoin(const QString& coin) const;
    Decimal balance(const QString& coin) const { return m_balances.value(coin); }
    void emitOrder(const Order& order);
    void emitPosition(Position& p);
    void emitWallet();
    QByteArray orderJson(const Order& order, bool withCategory) const;
    QByteArray executionJson(const Execution& e, bool withCategory) const;
    QByteArray positionJson(const Position& p, bool withCategory) const;
    QByteArray walletJson() const;
    std::int64_t now() const { return m_market.nowMs(); }

    DemoMarket& m_market;
    std::deque<Order> m_orders; // stable addresses, oldest first
    std::deque<Execution> m_executions;
    std::unordered_map<const DemoMarket::Book*, Position> m_positions;
    std::unordered_map<const DemoMarket::Book*, std::uint64_t> m_lastFillId;
    QMap<QString, Decimal> m_balances; // walletBalance per coin
    std::int64_t m_seq = 1;
    std::uint64_t m_nextId = 1;
    QList<QByteArray> m_orderEvents, m_executionEvents, m_positionEvents;
    bool m_walletChanged = false;
};
