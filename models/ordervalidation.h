#pragma once

// Checks an order against its instrument's rules before anything is sent, and rounds prices and
// quantities onto the instrument's grid. Exact: no binary floating point anywhere.

#include "decimal.h"
#include "instrument.h"
#include "trading.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

struct OrderRuleViolation
{
    enum class Rule : std::uint8_t
    {
        WrongSymbol, // the request names another symbol or category than the instrument
        NotTrading,  // the instrument is halted or delisted
        QuantityNotPositive,
        PriceMissing, // a limit order without a price
        PriceNotPositive,
        PriceNotOnTick,
        TriggerPriceNotOnTick,
        QuantityNotOnLot,
        BelowMinQuantity,
        AboveMaxQuantity,
        BelowMinNotional,
        PostOnlyNeedsLimit,
        ReduceOnlyNeedsDerivative,
        NotOfferedByVenue, // the venue has no such order (e.g. take-profit/stop-loss attached to it)
        QuoteQuantityNeedsMarketBuy, // quantityInQuote on anything but a market buy
    };
    Rule rule = Rule::QuantityNotPositive;
    QString field;   // "price", "qty", "triggerPrice", "timeInForce", "reduceOnly", "symbol"
    QString message; // "price 65000.15 is not a multiple of the tick 0.10"

    friend bool operator==(const OrderRuleViolation&, const OrderRuleViolation&) = default;
};

// Every rule the request breaks, in a stable order (empty: the order may be sent). referencePrice is the
// price a market order's notional is judged at (last or mark price); without it a market order's
// notional is not checked.
//
// A quote-sized order (OrderRequest::quantityInQuote) is a market buy only; its quantity is the amount
// of quote currency to spend, so it is its own notional: it must be positive and at least the
// instrument's minNotional, and the lot step, min/max quantity (base units) do not apply to it. The
// Instrument carries no quote precision: the venue's adapter checks the amount's digits (notOffered).
std::vector<OrderRuleViolation> validateOrder(const OrderRequest& request, const Instrument& instrument,
                                              std::optional<Decimal> referencePrice = std::nullopt);

// The nearest price on the tick (ties away from zero); nullopt on overflow or a zero tick.
std::optional<Decimal> roundPriceToTick(Decimal price, const Instrument& instrument);
// The quantity rounded down to the lot step (never more than asked); nullopt on overflow or zero step.
std::optional<Decimal> roundQuantityToLot(Decimal quantity, const Instrument& instrument);
