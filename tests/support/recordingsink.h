#pragma once

#include "models/marketevents.h"
#include "models/marketstore.h"

#include <QFile>
#include <QString>

#include <string>
#include <vector>

// Keeps copies of every event a parser emits, and applies them to a store, for assertions.
class RecordingSink final : public MarketEventSink
{
public:
    struct Book
    {
        std::string symbol;
        bool isSnapshot;
        std::vector<BookLevel> bids;
        std::vector<BookLevel> asks;
        OrderBook::SequenceRule rule;
        std::int64_t previousSequence;
        std::int64_t sequence;
        OrderBook::ApplyResult applied;
    };
    struct CandleEvent
    {
        QString symbol;
        CandleInterval interval;
        Candle candle;
    };

    MarketStore store;
    std::vector<Book> books;
    std::vector<std::pair<Ticker, bool>> tickers;
    std::vector<Trade> trades;
    std::vector<CandleEvent> candles;

    void onBook(const BookUpdate& u) override
    {
        const auto result = store.applyBook(u);
        books.push_back({std::string(u.symbol),
                         u.isSnapshot,
                         {u.levels.bids.begin(), u.levels.bids.end()},
                         {u.levels.asks.begin(), u.levels.asks.end()},
                         u.levels.rule,
                         u.levels.previousSequence,
                         u.levels.sequence,
                         result});
    }
    void onTicker(const Ticker& t, bool snapshot) override
    {
        store.applyTicker(t, snapshot);
        tickers.emplace_back(t, snapshot);
    }
    void onTrades(std::span<const Trade> t) override
    {
        store.addTrades(t);
        trades.insert(trades.end(), t.begin(), t.end());
    }
    void onCandle(const QString& s, CandleInterval i, const Candle& c) override
    {
        store.applyCandle(s, i, c);
        candles.push_back({s, i, c});
    }
};

inline QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(BOTTERM_FIXTURES "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll().trimmed();
}

inline Decimal dec(const char* text)
{
    return *Decimal::parse(text);
}
