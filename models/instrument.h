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
    bool trading = true;

    friend bool operator==(const Instrument&, const Instrument&) = default;
};
