#include "tradecandles.h"

#include <algorithm>

void TradeCandles::want(const std::string& symbol, CandleInterval interval)
{
    std::vector<Builder>& builders = m_builders[symbol];
    if (std::none_of(builders.begin(), builders.end(),
                     [&](const Builder& b) { return b.interval == interval; }))
        builders.push_back(Builder{interval, std::nullopt});
}

void TradeCandles::add(const std::string& symbol, const QString& symbolText, std::span<const Trade> trades,
                       MarketEventSink& sink)
{
    const auto it = m_builders.find(symbol);
    if (it == m_builders.end())
        return;
    for (Builder& b : it->second) {
        const std::int64_t span = intervalMilliseconds(b.interval);
        for (const Trade& trade : trades) {
            const std::int64_t open = trade.timestampMs - trade.timestampMs % span;
            if (b.current && open < b.current->openTimeMs)
                continue; // late: its candle is closed
            if (b.current && open > b.current->openTimeMs) {
                b.current->closed = true;
                sink.onCandle(symbolText, b.interval, *b.current);
                b.current.reset();
            }
            if (!b.current) {
                Candle c;
                c.openTimeMs = open;
                c.open = c.high = c.low = trade.price;
                b.current = c;
            }
            Candle& c = *b.current;
            c.high = std::max(c.high, trade.price);
            c.low = std::min(c.low, trade.price);
            c.close = trade.price;
            c.volume += trade.size;
            if (const auto notional = Decimal::multiply(trade.price, trade.size))
                c.turnover = Decimal::add(c.turnover, *notional).value_or(c.turnover);
        }
        if (b.current)
            sink.onCandle(symbolText, b.interval, *b.current);
    }
}
