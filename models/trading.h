#pragma once

// Venue-neutral trading types: what the user asks for (OrderRequest) and what the venue reports back
// (Order, Fill, Position, Balance). Every price, quantity and amount is an exact Decimal.

#include "decimal.h"
#include "instrument.h"
#include "marketdata.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

enum class OrderType : std::uint8_t
{
    Limit,
    Market,
};

enum class TimeInForce : std::uint8_t
{
    GoodTillCancel,
    ImmediateOrCancel,
    FillOrKill,
    PostOnly, // a limit order that is cancelled instead of taking liquidity
};

enum class OrderStatus : std::uint8_t
{
    New,
    PartiallyFilled,
    Filled,
    Cancelled,
    PartiallyFilledCancelled, // cancelled with part of it filled
    Rejected,
    Untriggered, // a conditional order waiting for its trigger price
    Triggered,
    Deactivated, // a conditional order cancelled before it triggered
    Unknown,
};

// Which leg of a position an order or a position belongs to. Net: the account holds one position per
// symbol (one-way mode), its side tells the direction. Long/Short: the venue keeps a long and a short
// position of the same symbol apart (Binance's hedge mode, GMO Coin's and bitbank's margin positions).
enum class PositionSide : std::uint8_t
{
    Net,
    Long,
    Short,
};

// Which way the market must cross a conditional order's trigger price.
enum class TriggerDirection : std::uint8_t
{
    RisesTo,
    FallsTo,
};

QString orderTypeName(OrderType type); // "limit", "market"
std::optional<OrderType> orderTypeFromName(const QString& name);
QString timeInForceName(TimeInForce tif); // "gtc", "ioc", "fok", "post-only"
std::optional<TimeInForce> timeInForceFromName(const QString& name);
QString orderStatusName(OrderStatus status); // "new", "partially-filled", …
QString positionSideName(PositionSide side); // "net", "long", "short"
// Still working on the book (or waiting for its trigger).
bool isOpenStatus(OrderStatus status);
// Ended without (fully) filling.
bool isCancelledStatus(OrderStatus status);

// An order as the user asks for it, before it is sent.
struct OrderRequest
{
    QString symbol;
    Category category = Category::Linear;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    Decimal quantity;
    std::optional<Decimal> price; // limit orders
    TimeInForce timeInForce = TimeInForce::GoodTillCancel;
    bool reduceOnly = false;
    std::optional<Decimal> triggerPrice; // a conditional order
    std::optional<TriggerDirection> triggerDirection;
    std::optional<Decimal> takeProfit;
    std::optional<Decimal> stopLoss;
    QString clientOrderId; // empty: a fresh one is made when the order is sent
    // The leg a hedged account's order opens or closes. Net: the adapter derives it where the venue needs
    // one (a buy opens the long leg, a reduce-only buy closes the short leg).
    PositionSide positionSide = PositionSide::Net;
    // A market buy whose quantity is the quote amount to spend (JPY for btc_jpy), not the base quantity;
    // only where the venue offers it (TradingAdapter::offersQuoteQuantity).
    bool quantityInQuote = false;
    // Non-empty: the order closes this one lot of a position (PositionLot::id; quantity of it, up to the
    // lot's size) instead of opening or reducing the leg as a whole; only where the venue keeps lots
    // (TradingAdapter::closesPositionLots).
    QString closesPositionId;

    friend bool operator==(const OrderRequest&, const OrderRequest&) = default;
};

// An order as the venue reports it.
struct Order
{
    QString orderId;       // the venue's id
    QString clientOrderId; // ours
    QString symbol;
    Category category = Category::Linear;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    OrderStatus status = OrderStatus::Unknown;
    TimeInForce timeInForce = TimeInForce::GoodTillCancel;
    std::optional<Decimal> price; // absent for market orders
    Decimal quantity;
    // A market buy sized in quote currency (Coincheck's market_buy_amount): the amount to spend; quantity
    // is then 0 (the venue does not know it until the order fills).
    std::optional<Decimal> quoteQuantity;
    Decimal filledQuantity;
    std::optional<Decimal> averageFillPrice;
    std::optional<Decimal> triggerPrice;
    bool reduceOnly = false;
    // The leg of a hedged account the order opens (buy long, sell short) or closes; Net elsewhere.
    PositionSide positionSide = PositionSide::Net;
    QString reason; // the venue's reject / cancel reason, verbatim; empty when none
    std::int64_t createdMs = 0;
    std::int64_t updatedMs = 0;

    friend bool operator==(const Order&, const Order&) = default;
};

// One execution of one of our orders.
struct Fill
{
    QString executionId;
    QString orderId;
    QString clientOrderId;
    QString symbol;
    Category category = Category::Linear;
    Side side = Side::Buy;
    Decimal price;
    Decimal quantity;
    Decimal fee; // negative: a rebate
    QString feeCurrency;
    bool isMaker = false;
    std::int64_t timeMs = 0;

    friend bool operator==(const Fill&, const Fill&) = default;
};

// One of the separate positions a venue keeps within a leg (GMO Coin's leverage positions, each opened by
// one fill with its own positionId), which can be closed alone.
struct PositionLot
{
    QString id; // the venue's position id
    Decimal size;
    std::optional<Decimal> entryPrice;
    std::int64_t openedMs = 0;

    friend bool operator==(const PositionLot&, const PositionLot&) = default;
};

struct Position
{
    QString symbol;
    Category category = Category::Linear;
    PositionSide positionSide = PositionSide::Net; // Long/Short: one leg of a hedged symbol
    std::optional<Side> side;                      // nullopt: flat
    Decimal size;
    std::optional<Decimal> entryPrice;
    std::optional<Decimal> markPrice;
    std::optional<Decimal> unrealisedPnl;
    std::optional<Decimal> liquidationPrice;
    std::optional<Decimal> realisedPnl; // cumulative
    std::optional<Decimal> takeProfit;  // attached to the whole position, where the venue has them
    std::optional<Decimal> stopLoss;
    std::int64_t updatedMs = 0;
    // The leg's lots, oldest first, where the venue keeps them apart; empty elsewhere.
    std::vector<PositionLot> lots;

    friend bool operator==(const Position&, const Position&) = default;
};

struct Balance
{
    QString coin;
    // The venue's wallet this balance is in, where it has several apart (Phemex "spot" beside the
    // contract account); empty for a venue's only wallet.
    QString account;
    Decimal walletBalance;
    std::optional<Decimal> available;
    std::optional<Decimal> equity;

    friend bool operator==(const Balance&, const Balance&) = default;
};
