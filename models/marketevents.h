#pragma once

// The venue-neutral events a venue adapter's parser emits. They borrow from the frame being parsed
// (string views, spans): a sink that keeps anything copies it.

#include "marketdata.h"
#include "orderbook.h"

#include <span>
#include <string_view>

struct BookUpdate
{
    std::string_view symbol;
    bool isSnapshot = false;
    // For a snapshot: bids, asks, sequence and timestamp; rule and previousSequence are unused.
    OrderBook::Delta levels;
};

class MarketEventSink
{
public:
    virtual ~MarketEventSink() = default;
    virtual void onBook(const BookUpdate& update) = 0;
    // A snapshot replaces the symbol's ticker; a delta is merged into it (absent fields unchanged).
    virtual void onTicker(const Ticker& ticker, bool isSnapshot) = 0;
    // Trades of one symbol, oldest first.
    virtual void onTrades(std::span<const Trade> trades) = 0;
    virtual void onCandle(const QString& symbol, CandleInterval interval, const Candle& candle) = 0;
};
