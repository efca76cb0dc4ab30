#pragma once

#include "marketevents.h"

#include <QHash>
#include <QString>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The latest market state of one venue and category (pybotters' DataStore): a book, a ticker, recent
// trades and candles per symbol. A plain container with no signals: it takes every message at wire
// speed, and views poll its version counters on a frame timer instead of repainting per message.
class MarketStore final
{
public:
    explicit MarketStore(std::size_t tradesPerSymbol = 1000);

    // Creates the book at the instrument's price scale before data arrives (optional).
    OrderBook& book(std::string_view symbol, int priceScale = 0);
    const OrderBook* findBook(std::string_view symbol) const;
    OrderBook::ApplyResult applyBook(const BookUpdate& update);
    std::vector<std::string> bookSymbols() const;

    const Ticker& applyTicker(const Ticker& ticker, bool isSnapshot);
    const Ticker* findTicker(const QString& symbol) const;
    QList<QString> tickerSymbols() const;

    void addTrades(std::span<const Trade> trades);
    // Newest last; at most tradesPerSymbol.
    const std::deque<Trade>* findTrades(const QString& symbol) const;

    // Inserts or replaces by open time; candles stay sorted by open time.
    void applyCandle(const QString& symbol, CandleInterval interval, const Candle& candle);
    void setCandles(const QString& symbol, CandleInterval interval, std::vector<Candle> candles);
    const std::vector<Candle>* findCandles(const QString& symbol, CandleInterval interval) const;

    // Bumped on every change of the corresponding kind; views compare it to skip idle frames.
    std::uint64_t tickerVersion() const noexcept { return m_tickerVersion; }
    std::uint64_t tradeVersion() const noexcept { return m_tradeVersion; }
    std::uint64_t candleVersion() const noexcept { return m_candleVersion; }

private:
    struct StringHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    std::unordered_map<std::string, std::unique_ptr<OrderBook>, StringHash, std::equal_to<>> m_books;
    QHash<QString, Ticker> m_tickers;
    QHash<QString, std::deque<Trade>> m_trades;
    QHash<QString, std::vector<Candle>> m_candles; // key: symbol + '|' + interval name
    std::size_t m_tradesPerSymbol;
    std::uint64_t m_tickerVersion = 0;
    std::uint64_t m_tradeVersion = 0;
    std::uint64_t m_candleVersion = 0;
};
