#pragma once

#include "models/marketdata.h"
#include "models/marketevents.h"

#include <QString>

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

// Candles built from a venue's live trades, for venues with no candle stream (bitFlyer, GMO Coin,
// Coincheck): per symbol, the intervals a chart asked for, each with its open candle. Trades that
// belong to an already closed candle are dropped; a trade in a later interval closes the open one.
class TradeCandles
{
public:
    // Starts building this interval for the symbol (once; later calls change nothing).
    void want(const std::string& symbol, CandleInterval interval);

    // Folds trades (oldest first) into the symbol's candles; each closed candle and then the open one
    // go to the sink under symbolText.
    void add(const std::string& symbol, const QString& symbolText, std::span<const Trade> trades,
             MarketEventSink& sink);

private:
    struct Builder
    {
        CandleInterval interval = CandleInterval::OneMinute;
        std::optional<Candle> current;
    };
    std::unordered_map<std::string, std::vector<Builder>> m_builders;
};
