#include "marketstore.h"

#include <algorithm>

namespace {
QString candleKey(const QString& symbol, CandleInterval interval)
{
    return symbol + QLatin1Char('|') + intervalName(interval);
}
} // namespace

MarketStore::MarketStore(std::size_t tradesPerSymbol)
    : m_tradesPerSymbol(std::max<std::size_t>(1, tradesPerSymbol))
{}

OrderBook& MarketStore::book(std::string_view symbol, int priceScale)
{
    auto it = m_books.find(symbol);
    if (it == m_books.end())
        it = m_books.emplace(std::string(symbol), std::make_unique<OrderBook>(priceScale)).first;
    return *it->second;
}

const OrderBook* MarketStore::findBook(std::string_view symbol) const
{
    const auto it = m_books.find(symbol);
    return it == m_books.end() ? nullptr : it->second.get();
}

OrderBook::ApplyResult MarketStore::applyBook(const BookUpdate& update)
{
    OrderBook& b = book(update.symbol);
    if (update.isSnapshot)
        return b.applySnapshot(update.levels.bids, update.levels.asks, update.levels.sequence,
                               update.levels.timestampMs);
    return b.applyDelta(update.levels);
}

std::vector<std::string> MarketStore::bookSymbols() const
{
    std::vector<std::string> out;
    out.reserve(m_books.size());
    for (const auto& [symbol, book] : m_books)
        out.push_back(symbol);
    std::sort(out.begin(), out.end());
    return out;
}

const Ticker& MarketStore::applyTicker(const Ticker& ticker, bool isSnapshot)
{
    ++m_tickerVersion;
    auto it = m_tickers.find(ticker.symbol);
    if (it == m_tickers.end() || isSnapshot)
        return *m_tickers.insert(ticker.symbol, ticker);
    it->mergeFrom(ticker);
    return *it;
}

const Ticker* MarketStore::findTicker(const QString& symbol) const
{
    const auto it = m_tickers.constFind(symbol);
    return it == m_tickers.cend() ? nullptr : &*it;
}

QList<QString> MarketStore::tickerSymbols() const
{
    QList<QString> out = m_tickers.keys();
    std::sort(out.begin(), out.end());
    return out;
}

void MarketStore::addTrades(std::span<const Trade> trades)
{
    if (trades.empty())
        return;
    ++m_tradeVersion;
    for (const Trade& t : trades) {
        auto& list = m_trades[t.symbol];
        list.push_back(t);
        while (list.size() > m_tradesPerSymbol)
            list.pop_front();
    }
}

const std::deque<Trade>* MarketStore::findTrades(const QString& symbol) const
{
    const auto it = m_trades.constFind(symbol);
    return it == m_trades.cend() ? nullptr : &*it;
}

void MarketStore::applyCandle(const QString& symbol, CandleInterval interval, const Candle& candle)
{
    ++m_candleVersion;
    auto& list = m_candles[candleKey(symbol, interval)];
    if (!list.empty() && list.back().openTimeMs == candle.openTimeMs) {
        list.back() = candle;
        return;
    }
    if (list.empty() || list.back().openTimeMs < candle.openTimeMs) {
        list.push_back(candle);
        return;
    }
    const auto it = std::lower_bound(list.begin(), list.end(), candle.openTimeMs,
                                     [](const Candle& c, std::int64_t t) { return c.openTimeMs < t; });
    if (it != list.end() && it->openTimeMs == candle.openTimeMs)
        *it = candle;
    else
        list.insert(it, candle);
}

void MarketStore::setCandles(const QString& symbol, CandleInterval interval, std::vector<Candle> candles)
{
    ++m_candleVersion;
    const auto byOpenTime = [](const Candle& a, const Candle& b) { return a.openTimeMs < b.openTimeMs; };
    std::stable_sort(candles.begin(), candles.end(), byOpenTime);
    // Of history candles with the same open time the last one in the reply wins.
    std::vector<Candle> history;
    history.reserve(candles.size());
    for (Candle& c : candles) {
        if (!history.empty() && history.back().openTimeMs == c.openTimeMs)
            history.back() = std::move(c);
        else
            history.push_back(std::move(c));
    }

    auto& stored = m_candles[candleKey(symbol, interval)];
    if (stored.empty() || history.empty()) {
        if (!history.empty())
            stored = std::move(history);
        return;
    }

    // Live candles may have arrived before the REST history: history replaces what it covers, except
    // that a stored candle at or after the newest history candle is the live one and fresher.
    const std::int64_t newestHistory = history.back().openTimeMs;
    std::vector<Candle> merged;
    merged.reserve(stored.size() + history.size());
    auto s = stored.begin();
    auto h = history.begin();
    while (s != stored.end() || h != history.end()) {
        if (h == history.end() || (s != stored.end() && s->openTimeMs < h->openTimeMs)) {
            merged.push_back(std::move(*s++));
        } else if (s == stored.end() || h->openTimeMs < s->openTimeMs) {
            merged.push_back(std::move(*h++));
        } else {
            merged.push_back(s->openTimeMs >= newestHistory ? std::move(*s) : std::move(*h));
            ++s;
            ++h;
        }
    }
    stored = std::move(merged);
}

const std::vector<Candle>* MarketStore::findCandles(const QString& symbol, CandleInterval interval) const
{
    const auto it = m_candles.constFind(candleKey(symbol, interval));
    return it == m_candles.cend() ? nullptr : &*it;
}
