#pragma once

#include "decimal.h"

#include <QString>

#include <optional>

// The market segment an instrument trades in, in venue-neutral words.
enum class Category : std::uint8_t
{
    Spot,
    Linear,  // USDT/USDC-margined perpetuals and futures
    Inverse, // coin-margined perpetuals and futures
    Option,
};

QString categoryName(Category category);                       // "spot", "linear", …
std::optional<Category> categoryFromName(const QString& name); // inverse of categoryName

// A tradable symbol with the rules an order must satisfy.
struct Instrument
{
    QString venue;  // "bybit"
    QString symbol; // the venue's own symbol, "BTCUSDT"
    Category category = Category::Spot;
    QString baseAsset;  // "BTC"
    QString quoteAsset; // "USDT"
    Decimal tickSize;   // price increment
    Decimal lotSize;    // quantity increment
    Decimal minQuantity;
    std::optional<Decimal> maxQuantity;
    std::optional<Decimal> minNotional;
    // Inverse: what one contract is worth, in quoteAsset (1 for Phemex BTCUSD / BitMEX XBTUSD: one contract
    // is 1 USD). The order's quantity is then a count of contracts, its notional quantity × contractValue in
    // quote, and margin and fees are paid in the base (settle) coin. nullopt for spot/linear.
    std::optional<Decimal> contractValue;
    bool trading = true;

    friend bool operator==(const Instrument&, const Instrument&) = default;
};
