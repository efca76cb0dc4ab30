#include "models/marketstore.h"

#include <QTest>

#include <vector>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

BookUpdate snapshot(std::string_view symbol, const std::vector<BookLevel>& bids,
                    const std::vector<BookLevel>& asks, std::int64_t sequence)
{
    BookUpdate update;
    update.symbol = symbol;
    update.isSnapshot = true;
    update.levels.bids = bids;
    update.levels.asks = asks;
    update.levels.sequence = sequence;
    return update;
}

BookUpdate chainedDelta(std::string_view symbol, const std::vector<BookLevel>& bids, std::int64_t previous,
                        std::int64_t sequence)
{
    BookUpdate update;
    update.symbol = symbol;
    update.levels.bids = bids;
    update.levels.rule = OrderBook::SequenceRule::Chained;
    update.levels.previousSequence = previous;
    update.levels.sequence = sequence;
    return update;
}

Trade trade(const char* symbol, const char* id, std::int64_t timestampMs)
{
    Trade t;
    t.symbol = QString::fromLatin1(symbol);
    t.id = QString::fromLatin1(id);
    t.price = dec("100.5");
    t.size = dec("0.01");
    t.timestampMs = timestampMs;
    return t;
}

Candle candle(std::int64_t openTimeMs, const char* close, bool closed = false)
{
    Candle c;
    c.openTimeMs = openTimeMs;
    c.open = dec("100");
    c.high = dec("110");
    c.low = dec("90");
    c.close = dec(close);
    c.volume = dec("5");
    c.turnover = dec("500");
    c.closed = closed;
    return c;
}

std::vector<std::int64_t> openTimes(const std::vector<Candle>& candles)
{
    std::vector<std::int64_t> out;
    for (const Candle& c : candles)
        out.push_back(c.openTimeMs);
    return out;
}

const QString btc = QStringLiteral("BTCUSDT");
const QString eth = QStringLiteral("ETHUSDT");
constexpr auto oneMinute = CandleInterval::OneMinute;

} // namespace

class TestMarketStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routesBookUpdatesBySymbol()
    {
        MarketStore store;
        const std::vector<BookLevel> btcBids{{dec("65000.1"), dec("1")}};
        const std::vector<BookLevel> btcAsks{{dec("65000.2"), dec("1")}};
        const std::vector<BookLevel> ethBids{{dec("3000.01"), dec("5")}};
        const std::vector<BookLevel> ethAsks{{dec("3000.02"), dec("5")}};
        QCOMPARE(store.applyBook(snapshot("BTCUSDT", btcBids, btcAsks, 1)), OrderBook::ApplyResult::Applied);
        QCOMPARE(store.applyBook(snapshot("ETHUSDT", ethBids, ethAsks, 7)), OrderBook::ApplyResult::Applied);

        const std::vector<BookLevel> change{{dec("65000.1"), dec("3")}};
        QCOMPARE(store.applyBook(chainedDelta("BTCUSDT", change, 1, 2)), OrderBook::ApplyResult::Applied);

        const OrderBook* btcBook = store.findBook("BTCUSDT");
        const OrderBook* ethBook = store.findBook("ETHUSDT");
        QVERIFY(btcBook && ethBook && btcBook != ethBook);
        QCOMPARE(btcBook->bid(0).size, dec("3"));
        QCOMPARE(btcBook->sequence(), std::int64_t(2));
        QCOMPARE(ethBook->bid(0).size, dec("5"));
        QCOMPARE(ethBook->sequence(), std::int64_t(7));
        QCOMPARE(store.findBook("XRPUSDT"), nullptr);
        QCOMPARE(store.bookSymbols(), (std::vector<std::string>{"BTCUSDT", "ETHUSDT"}));
    }

    void bookResultComesFromThatSymbolsBook()
    {
        MarketStore store;
        const std::vector<BookLevel> bids{{dec("1.0"), dec("1")}};
        store.applyBook(snapshot("BTCUSDT", bids, {}, 1));
        // ETHUSDT has no snapshot yet, whatever BTCUSDT has.
        QCOMPARE(store.applyBook(chainedDelta("ETHUSDT", bids, 1, 2)), OrderBook::ApplyResult::NoSnapshot);
        QCOMPARE(store.findBook("BTCUSDT")->state(), OrderBook::State::Live);
    }

    void createsBookAtInstrumentPriceScaleOnce()
    {
        MarketStore store;
        OrderBook& first = store.book("BTCUSDT", 2);
        QCOMPARE(first.priceScale(), 2);
        OrderBook& again = store.book("BTCUSDT", 5);
        QCOMPARE(&again, &first);
        QCOMPARE(again.priceScale(), 2);
    }

    void tickerDeltaMergesIntoSnapshot()
    {
        MarketStore store;
        Ticker full;
        full.symbol = btc;
        full.lastPrice = dec("65000.1");
        full.bidPrice = dec("65000.0");
        full.askPrice = dec("65000.2");
        full.volume24h = dec("1234.5");
        full.timestampMs = 1000;
        store.applyTicker(full, true);

        Ticker delta;
        delta.symbol = btc;
        delta.lastPrice = dec("65001.3");
        delta.timestampMs = 2000;
        const Ticker& merged = store.applyTicker(delta, false);

        QCOMPARE(merged.lastPrice, std::optional<Decimal>(dec("65001.3")));
        QCOMPARE(merged.bidPrice, std::optional<Decimal>(dec("65000.0")));
        QCOMPARE(merged.askPrice, std::optional<Decimal>(dec("65000.2")));
        QCOMPARE(merged.volume24h, std::optional<Decimal>(dec("1234.5")));
        QCOMPARE(merged.timestampMs, std::int64_t(2000));
        QVERIFY(store.findTicker(btc) != nullptr);
        QCOMPARE(*store.findTicker(btc), merged);
    }

    void tickerSnapshotReplacesAllFields()
    {
        MarketStore store;
        Ticker first;
        first.symbol = btc;
        first.lastPrice = dec("1");
        first.bidPrice = dec("0.9");
        store.applyTicker(first, true);
        Ticker second;
        second.symbol = btc;
        second.lastPrice = dec("2");
        store.applyTicker(second, true);
        QCOMPARE(store.findTicker(btc)->lastPrice, std::optional<Decimal>(dec("2")));
        QVERIFY(!store.findTicker(btc)->bidPrice.has_value());
    }

    void tickerDeltaBeforeSnapshotIsKept()
    {
        MarketStore store;
        Ticker delta;
        delta.symbol = eth;
        delta.lastPrice = dec("3000");
        store.applyTicker(delta, false);
        QVERIFY(store.findTicker(eth) != nullptr);
        QCOMPARE(store.findTicker(eth)->lastPrice, std::optional<Decimal>(dec("3000")));
        QCOMPARE(store.findTicker(btc), nullptr);
    }

    void tickerSymbolsAreSortedAndVersionCounts()
    {
        MarketStore store;
        const auto before = store.tickerVersion();
        Ticker t;
        t.symbol = eth;
        store.applyTicker(t, true);
        t.symbol = btc;
        store.applyTicker(t, true);
        QCOMPARE(store.tickerSymbols(), (QList<QString>{btc, eth}));
        QCOMPARE(store.tickerVersion(), before + 2);
    }

    void tradesAreBoundedPerSymbol()
    {
        MarketStore store(3);
        std::vector<Trade> batch;
        for (int i = 1; i <= 5; ++i)
            batch.push_back(trade("BTCUSDT", QByteArray::number(i).constData(), i));
        batch.push_back(trade("ETHUSDT", "e1", 10));
        batch.push_back(trade("ETHUSDT", "e2", 11));
        store.addTrades(batch);

        const auto* btcTrades = store.findTrades(btc);
        QVERIFY(btcTrades != nullptr);
        QCOMPARE(btcTrades->size(), std::size_t(3));
        QCOMPARE(btcTrades->front().id, QStringLiteral("3"));
        QCOMPARE(btcTrades->back().id, QStringLiteral("5")); // newest last
        const auto* ethTrades = store.findTrades(eth);
        QVERIFY(ethTrades != nullptr);
        QCOMPARE(ethTrades->size(), std::size_t(2));
        QCOMPARE(ethTrades->back().id, QStringLiteral("e2"));
    }

    void emptyTradeBatchChangesNothing()
    {
        MarketStore store;
        const auto before = store.tradeVersion();
        store.addTrades({});
        QCOMPARE(store.tradeVersion(), before);
        QCOMPARE(store.findTrades(btc), nullptr);
    }

    void liveCandleInsertsAndReplacesInOrder()
    {
        MarketStore store;
        store.applyCandle(btc, oneMinute, candle(180'000, "3"));
        store.applyCandle(btc, oneMinute, candle(60'000, "1"));
        store.applyCandle(btc, oneMinute, candle(120'000, "2"));
        store.applyCandle(btc, oneMinute, candle(120'000, "2.5"));
        store.applyCandle(btc, oneMinute, candle(180'000, "3.5"));

        const auto* candles = store.findCandles(btc, oneMinute);
        QVERIFY(candles != nullptr);
        QCOMPARE(openTimes(*candles), (std::vector<std::int64_t>{60'000, 120'000, 180'000}));
        QCOMPARE((*candles)[1].close, dec("2.5"));
        QCOMPARE((*candles)[2].close, dec("3.5"));
    }

    void candlesAreKeptPerSymbolAndInterval()
    {
        MarketStore store;
        store.applyCandle(btc, oneMinute, candle(60'000, "1"));
        store.applyCandle(btc, CandleInterval::OneHour, candle(0, "2"));
        store.applyCandle(eth, oneMinute, candle(60'000, "3"));
        QCOMPARE(store.findCandles(btc, oneMinute)->front().close, dec("1"));
        QCOMPARE(store.findCandles(btc, CandleInterval::OneHour)->front().close, dec("2"));
        QCOMPARE(store.findCandles(eth, oneMinute)->front().close, dec("3"));
        QCOMPARE(store.findCandles(eth, CandleInterval::OneDay), nullptr);
    }

    void historyIsSortedByOpenTime()
    {
        MarketStore store;
        store.setCandles(btc, oneMinute, {candle(180'000, "3"), candle(60'000, "1"), candle(120'000, "2")});
        QCOMPARE(openTimes(*store.findCandles(btc, oneMinute)),
                 (std::vector<std::int64_t>{60'000, 120'000, 180'000}));
    }

    void historyKeepsFresherLiveCandle()
    {
        MarketStore store;
        // The live stream delivered the current minute before the REST history arrived.
        store.applyCandle(btc, oneMinute, candle(180'000, "3.9"));
        store.setCandles(btc, oneMinute,
                         {candle(60'000, "1", true), candle(120'000, "2", true), candle(180'000, "3")});

        const auto& candles = *store.findCandles(btc, oneMinute);
        QCOMPARE(openTimes(candles), (std::vector<std::int64_t>{60'000, 120'000, 180'000}));
        QCOMPARE(candles[2].close, dec("3.9"));
        QCOMPARE(candles[0].close, dec("1"));
    }

    void historyKeepsLiveCandlesNewerThanIt()
    {
        MarketStore store;
        store.applyCandle(btc, oneMinute, candle(180'000, "3.9"));
        store.applyCandle(btc, oneMinute, candle(240'000, "4.1"));
        store.setCandles(btc, oneMinute, {candle(60'000, "1", true), candle(120'000, "2", true)});

        const auto& candles = *store.findCandles(btc, oneMinute);
        QCOMPARE(openTimes(candles), (std::vector<std::int64_t>{60'000, 120'000, 180'000, 240'000}));
        QCOMPARE(candles[3].close, dec("4.1"));
    }

    void historyReplacesOlderStoredCandles()
    {
        MarketStore store;
        store.applyCandle(btc, oneMinute, candle(60'000, "0.5"));
        store.applyCandle(btc, oneMinute, candle(180'000, "3.9"));
        store.setCandles(btc, oneMinute,
                         {candle(60'000, "1", true), candle(120'000, "2", true), candle(180'000, "3")});

        const auto& candles = *store.findCandles(btc, oneMinute);
        QCOMPARE(openTimes(candles), (std::vector<std::int64_t>{60'000, 120'000, 180'000}));
        QCOMPARE(candles[0].close, dec("1"));
        QVERIFY(candles[0].closed);
        QCOMPARE(candles[2].close, dec("3.9"));
    }

    void historyKeepsStoredCandlesItDoesNotCover()
    {
        MarketStore store;
        store.applyCandle(btc, oneMinute, candle(0, "0.1"));
        store.setCandles(btc, oneMinute, {candle(120'000, "2"), candle(180'000, "3")});
        const auto& candles = *store.findCandles(btc, oneMinute);
        QCOMPARE(openTimes(candles), (std::vector<std::int64_t>{0, 120'000, 180'000}));
        QCOMPARE(candles[0].close, dec("0.1"));
    }

    void historyWithRepeatedOpenTimeKeepsLastCopy()
    {
        MarketStore store;
        store.setCandles(btc, oneMinute, {candle(60'000, "1"), candle(60'000, "1.5"), candle(120'000, "2")});
        const auto& candles = *store.findCandles(btc, oneMinute);
        QCOMPARE(openTimes(candles), (std::vector<std::int64_t>{60'000, 120'000}));
        QCOMPARE(candles[0].close, dec("1.5"));
    }

    void emptyHistoryKeepsStoredCandles()
    {
        MarketStore store;
        store.applyCandle(btc, oneMinute, candle(60'000, "1"));
        store.setCandles(btc, oneMinute, {});
        QCOMPARE(store.findCandles(btc, oneMinute)->size(), std::size_t(1));
        QCOMPARE(store.findCandles(btc, oneMinute)->front().close, dec("1"));
    }
};

QTEST_GUILESS_MAIN(TestMarketStore)
#include "tst_marketstore.moc"
