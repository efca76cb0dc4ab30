#pragma once

// Venue-neutral market data: what every venue adapter produces and every store and view consumes.

#include "decimal.h"

#include <QString>

#include <cstdint>
#include <optional>

enum class Side : std::uint8_t
{
    Buy,
    Sell,
};

QString sideName(Side side); // "Buy" / "Sell"

// Best prices and 24 h statistics. Every field is optional: a delta carries only what changed,
// and mergeFrom() keeps the fields a delta leaves out.
struct Ticker
{
    QString symbol;
    std::optional<Decimal> lastPrice;
    std::optional<Decimal> bidPrice;
    std::optional<Decimal> bidSize;
    std::optional<Decimal> askPrice;
    std::optional<Decimal> askSize;
    std::optional<Decimal> highPrice24h;
    std::optional<Decimal> lowPrice24h;
    std::optional<Decimal> volume24h;   // base asset
    std::optional<Decimal> turnover24h; // quote asset
    std::optional<Decimal> change24h;   // fraction: 0.0123 = +1.23 %
    std::optional<Decimal> markPrice;
    std::optional<Decimal> indexPrice;
    std::optional<Decimal> openInterest;
    std::optional<Decimal> fundingRate; // fraction per funding period: 0.0001 = 0.01 %
    std::int64_t nextFundingMs = 0;     // when the rate is next paid (Unix ms); 0: not sent
    std::int64_t timestampMs = 0;

    void mergeFrom(const Ticker& delta);
    friend bool operator==(const Ticker&, const Ticker&) = default;
};

// One public trade (a fill between two other parties), seen from the taker.
struct Trade
{
    QString symbol;
    QString id;
    Decimal price;
    Decimal size;
    Side takerSide = Side::Buy;
    std::int64_t timestampMs = 0;

    friend bool operator==(const Trade&, const Trade&) = default;
};

enum class CandleInterval : std::uint8_t
{
    OneMinute,
    FiveMinutes,
    FifteenMinutes,
    OneHour,
    FourHours,
    OneDay,
};

QString intervalName(CandleInterval interval); // "1m", "5m", "15m", "1h", "4h", "1d"
std::optional<CandleInterval> intervalFromName(const QString& name);
std::int64_t intervalMilliseconds(CandleInterval interval);

struct Candle
{
    std::int64_t openTimeMs = 0;
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal close;
    Decimal volume;      // base asset
    Decimal turnover;    // quote asset
    bool closed = false; // the interval has ended; no more updates

    friend bool operator==(const Candle&, const Candle&) = default;
};
