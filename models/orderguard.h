#pragma once

// The "fat finger" guard: an order whose price is far from the market or whose notional is large needs
// an extra confirmation before it is sent. Exact decimals; the thresholds come from the account's
// settings (AccountSettings).

#include "decimal.h"
#include "trading.h"

#include <QString>

#include <optional>

struct FatFingerCheck
{
    bool priceFarFromMid =
        false; // the limit (or trigger) price is more than maxDeviationPercent from the mid
    bool notionalTooLarge = false;
    std::optional<Decimal> notional; // quantity × (price, or the reference price for a market order);
                                     // the quantity itself when sized in quote currency;
                                     // quantity × contractValue for an inverse contract
    QString reason;                  // "" when nothing needs confirming; else one sentence per finding

    bool needsConfirmation() const { return priceFarFromMid || notionalTooLarge; }
};

// referencePrice: the book's mid (or last price); without it the price check is skipped and a market
// order's notional is unknown. contractValue: the instrument's (Instrument::contractValue, an inverse
// contract's worth in quote); when given, the quantity counts contracts and the notional is
// quantity × contractValue whatever the price.
FatFingerCheck checkFatFinger(const OrderRequest& request, std::optional<Decimal> referencePrice,
                              Decimal maxDeviationPercent, Decimal maxNotional,
                              std::optional<Decimal> contractValue = std::nullopt);
