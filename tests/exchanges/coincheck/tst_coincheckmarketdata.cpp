#include "exchanges/coincheck/coincheckmarketdata.h"
#include "support/recordingsink.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestCoincheckMarketData : public QObject
{
    Q_OBJECT

private:
    CoincheckMarketData adapter;

    ParseResult feed(RecordingSink& sink, const QByteArray& frame)
    {
        return adapter.parse(frame, Category::Spot, sink);
    }
    ParseResult feedFile(RecordingSink& sink, const char* name)
    {
        return feed(sink, fixture(QStringLiteral("coincheck/") + QLatin1String(name)));
    }
    static QJsonDocument json(const char* name)
    {
        return QJsonDocument::fromJson(fixture(QStringLiteral("coincheck/") + QLatin1String(name)));
    }
    // Diffs buffered, then the snapshot: the book Live as the feed would leave it.
    void syncBook(RecordingSink& sink)
    {
        const ParseResult r = feedFile(sink, "orderbook-diff.json");
        QCOMPARE(r.kind, ParseResult::Kind::Control);
        QCOMPARE(QString::fromUtf8(r.snapshotSymbol.data(), qsizetype(r.snapshotSymbol.size())),
                 QStringLiteral("btc_jpy"));
        QCOMPARE(
            adapter.applySnapshot(Category::Spot, QStringLiteral("btc_jpy"), json("order-books.json"), sink)
                .kind,
            SnapshotResult::Kind::Applied);
    }

private Q_SLOTS:
    void init() { adapter.reset(); }

    void namesTopicsAndUrlsAsCoincheckDoes()
    {
        ChannelRequest r;
        r.symbol = QStringLiteral("btc_jpy");
        r.channel = Channel::Book;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("btc_jpy-orderbook"));
        r.channel = Channel::Trades;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("btc_jpy-trades"));
        // No ticker or candle channel: both come from the trades channel.
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("btc_jpy-trades"));
        QCOMPARE(adapter.publicStreamUrl(Category::Spot, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://ws-api.coincheck.com/")));
        QCOMPARE(adapter.restBaseUrl(Environment::Mainnet), QUrl(QStringLiteral("https://coincheck.com")));
        QCOMPARE(adapter.categories(), QList<Category>{Category::Spot});
        const QList<QByteArray> sub = adapter.streamProtocol().subscribeMessages(
            {QStringLiteral("btc_jpy-orderbook"), QStringLiteral("btc_jpy-trades")});
        QCOMPARE(sub, (QList<QByteArray>{R"({"channel":"btc_jpy-orderbook","type":"subscribe"})",
                                         R"({"channel":"btc_jpy-trades","type":"subscribe"})"}));
        QVERIFY(adapter.streamProtocol().pingMessage().isEmpty());
        const ResyncPlan plan = adapter.resyncPlan(Category::Spot, QStringLiteral("btc_jpy"), 50);
        QVERIFY(plan.resubscribeTopics.isEmpty());
        QVERIFY(plan.snapshot);
        QCOMPARE(plan.snapshot->path, QStringLiteral("/api/order_books"));
        QCOMPARE(plan.snapshot->query.size(), 1);
        QCOMPARE(plan.snapshot->query.at(0).second, QStringLiteral("btc_jpy"));
    }

    void mergesBufferedDiffsOntoTheSnapshot()
    {
        RecordingSink sink;
        const ParseResult r = feedFile(sink, "orderbook-diff.json");
        QCOMPARE(r.kind, ParseResult::Kind::Control);
        QCOMPARE(std::string(r.topic), std::string("btc_jpy-orderbook"));
        QVERIFY(sink.books.empty()); // held back until the snapshot
        QCOMPARE(adapter.bufferedDiffs("btc_jpy"), std::size_t(1));
        QCOMPARE(
            adapter.applySnapshot(Category::Spot, QStringLiteral("btc_jpy"), json("order-books.json"), sink)
                .kind,
            SnapshotResult::Kind::Applied);
        QCOMPARE(sink.books.size(), std::size_t(2));
        QVERIFY(sink.books[0].isSnapshot);
        QVERIFY(!sink.books[1].isSnapshot);
        QCOMPARE(adapter.bufferedDiffs("btc_jpy"), std::size_t(0));
        const OrderBook& book = sink.store.book("btc_jpy");
        QVERIFY(book.isLive());
        // "0" deleted 148634 (bid) and 148835 (ask); 148633 and 148834 took the diff's absolute amounts.
        QCOMPARE(book.bidCount(), std::size_t(2));
        QCOMPARE(book.bid(0).price, dec("148633"));
        QCOMPARE(book.bid(0).size, dec("0.0574"));
        QCOMPARE(book.askCount(), std::size_t(2));
        QCOMPARE(book.ask(0).price, dec("148834"));
        QCOMPARE(book.ask(0).size, dec("0.0812"));
        QCOMPARE(book.ask(1).price, dec("148900"));
        QCOMPARE(book.timestampMs(), std::int64_t(1659321701000));

        // Later diffs go straight through.
        QCOMPARE(feedFile(sink, "orderbook-diff-new-bid.json").kind, ParseResult::Kind::Data);
        QCOMPARE(book.bid(0).price, dec("148634"));
        QCOMPARE(book.bid(0).size, dec("1.5"));
    }

    void dropsDiffsStampedBeforeTheNewestSeen()
    {
        RecordingSink sink;
        syncBook(sink);
        const std::size_t before = sink.books.size();
        const ParseResult r = feedFile(sink, "orderbook-diff-stale.json"); // 1659321700 < 1659321701
        QCOMPARE(r.kind, ParseResult::Kind::Ignored);
        QCOMPARE(adapter.staleDiffsDropped(), std::size_t(1));
        QCOMPARE(sink.books.size(), before);
        QCOMPARE(sink.store.book("btc_jpy").bid(0).price, dec("148633"));
        // A new connection starts the clock afresh: the same frame is then taken.
        adapter.reset();
        QCOMPARE(feedFile(sink, "orderbook-diff-stale.json").kind, ParseResult::Kind::Control);
    }

    void crossedBookResyncsFromANewSnapshot()
    {
        RecordingSink sink;
        syncBook(sink);
        QCOMPARE(feedFile(sink, "orderbook-diff-crossed.json").kind, ParseResult::Kind::Data);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::Crossed);
        QCOMPARE(sink.store.book("btc_jpy").state(), OrderBook::State::Resyncing);
        // The feed restarts the book: diffs are held back again and a snapshot asked for.
        adapter.restartBook(Category::Spot, QStringLiteral("btc_jpy"));
        const ParseResult r = feedFile(sink, "orderbook-diff-after-resync.json");
        QCOMPARE(r.kind, ParseResult::Kind::Control);
        QCOMPARE(std::string(r.snapshotSymbol), std::string("btc_jpy"));
        QCOMPARE(adapter.bufferedDiffs("btc_jpy"), std::size_t(1));
        QCOMPARE(
            adapter.applySnapshot(Category::Spot, QStringLiteral("btc_jpy"), json("order-books.json"), sink)
                .kind,
            SnapshotResult::Kind::Applied);
        QVERIFY(sink.store.book("btc_jpy").isLive());
        QCOMPARE(sink.store.book("btc_jpy").bid(0).size, dec("1.5"));
    }

    void readsTheDocumentedSnapshotWithNumericRates()
    {
        RecordingSink sink;
        QCOMPARE(
            adapter
                .applySnapshot(Category::Spot, QStringLiteral("btc_jpy"), json("order-books-doc.json"), sink)
                .kind,
            SnapshotResult::Kind::Applied);
        const OrderBook& book = sink.store.book("btc_jpy");
        QCOMPARE(book.bid(0).price, dec("27240"));
        QCOMPARE(book.bid(0).size, dec("1.1543"));
        QCOMPARE(book.ask(1).price, dec("27340"));
        const SnapshotResult bad =
            adapter.applySnapshot(Category::Spot, QStringLiteral("eth_jpy"), json("rest-error.json"), sink);
        QCOMPARE(bad.kind, SnapshotResult::Kind::Malformed);
        QCOMPARE(bad.error, QStringLiteral("invalid authentication"));
        QCOMPARE(adapter
                     .applySnapshot(Category::Spot, QStringLiteral("eth_jpy"),
                                    QJsonDocument::fromJson(R"({"asks":[["1"]],"bids":[]})"), sink)
                     .kind,
                 SnapshotResult::Kind::Malformed);
    }

    void malformedInputIsReportedNeverFatal()
    {
        RecordingSink sink;
        syncBook(sink);
        const ParseResult bad = feedFile(sink, "orderbook-diff-bad.json");
        QCOMPARE(bad.kind, ParseResult::Kind::Malformed);
        QCOMPARE(std::string(bad.resyncSymbol), std::string("btc_jpy"));
        QVERIFY(!bad.error.isEmpty());
        for (const QByteArray& frame :
             {QByteArray("not json"), QByteArray("[]"), QByteArray("[1,2]"), QByteArray(R"(["btc_jpy"])"),
              QByteArray(R"([["1663318663","1"]])"), QByteArray(R"([["x","1","btc_jpy","1","1","buy"]])"),
              QByteArray(R"([["1","1","btc_jpy","1","1","hold"]])"),
              QByteArray(R"(["btc_jpy",{"bids":[],"asks":[],"last_update_at":"x"}])")}) {
            const ParseResult r = feed(sink, frame);
            QVERIFY2(r.kind == ParseResult::Kind::Malformed, frame.constData());
            QVERIFY(!r.error.isEmpty());
        }
        QCOMPARE(feed(sink, R"({"type":"whatever"})").kind, ParseResult::Kind::Ignored);
    }

    void readsTradesAndBuildsTheTickerFromThem()
    {
        ChannelRequest ticker;
        ticker.symbol = QStringLiteral("btc_jpy");
        ticker.channel = Channel::Ticker;
        adapter.topic(Category::Spot, ticker);
        RecordingSink sink;
        const ParseResult r = feedFile(sink, "trades.json");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(std::string(r.topic), std::string("btc_jpy-trades"));
        QCOMPARE(sink.trades.size(), std::size_t(2));
        QCOMPARE(sink.trades[0].symbol, QStringLiteral("btc_jpy"));
        QCOMPARE(sink.trades[0].id, QStringLiteral("2357062"));
        QCOMPARE(sink.trades[0].price, dec("2820896"));
        QCOMPARE(sink.trades[0].size, dec("5"));
        QCOMPARE(sink.trades[0].takerSide, Side::Sell);
        QCOMPARE(sink.trades[0].timestampMs, std::int64_t(1663318663000));
        QCOMPARE(sink.trades[1].takerSide, Side::Buy);
        QCOMPARE(sink.tickers.size(), std::size_t(1));
        QCOMPARE(sink.tickers[0].first.lastPrice, std::optional<Decimal>(dec("2820357")));
        QVERIFY(!sink.tickers[0].second); // merged into the ticker, not replacing it
    }

    void buildsCandlesFromLiveTradesOnly()
    {
        ChannelRequest c;
        c.symbol = QStringLiteral("btc_jpy");
        c.channel = Channel::Candles;
        c.interval = CandleInterval::OneMinute;
        QCOMPARE(adapter.topic(Category::Spot, c), QStringLiteral("btc_jpy-trades"));
        RecordingSink sink;
        feedFile(sink, "trades.json");
        QVERIFY(!sink.candles.empty());
        const Candle& candle = sink.candles.back().candle;
        QCOMPARE(candle.open, dec("2820896"));
        QCOMPARE(candle.close, dec("2820357"));
        QCOMPARE(candle.volume, dec("5.7828"));
        const auto history = adapter.parseCandles(json("exchange-status.json"));
        QVERIFY(history);
        QVERIFY(history.value().empty());
    }

    void offersOnlyPairsWithKnownRules()
    {
        QCOMPARE(adapter.instrumentsRequest(Category::Spot).path, QStringLiteral("/api/exchange_status"));
        const auto parsed = adapter.parseInstruments(Category::Spot, json("exchange-status.json"));
        QVERIFY(parsed);
        const std::vector<Instrument>& list = parsed.value();
        QCOMPARE(list.size(), std::size_t(1));
        const Instrument& btc = list[0];
        QCOMPARE(btc.venue, QStringLiteral("coincheck"));
        QCOMPARE(btc.symbol, QStringLiteral("btc_jpy"));
        QCOMPARE(btc.baseAsset, QStringLiteral("BTC"));
        QCOMPARE(btc.quoteAsset, QStringLiteral("JPY"));
        QCOMPARE(btc.tickSize, dec("1"));
        QCOMPARE(btc.minQuantity, dec("0.005"));
        QCOMPARE(btc.lotSize, dec("0.00000001"));
        QCOMPARE(btc.minNotional, std::optional<Decimal>(dec("500")));
        QVERIFY(btc.trading);
        const auto error = adapter.parseInstruments(Category::Spot, json("rest-error.json"));
        QVERIFY(!error);
        QVERIFY(error.error().message.contains(QStringLiteral("invalid authentication")));
        const auto venueError = adapter.replyError(json("rest-error.json"));
        QVERIFY(venueError);
        QCOMPARE(venueError->message, QStringLiteral("invalid authentication"));
        QVERIFY(!adapter.replyError(json("order-books.json")));
        QVERIFY(!adapter.parseInstruments(Category::Spot, QJsonDocument::fromJson("{}")));
    }
};

QTEST_GUILESS_MAIN(TestCoincheckMarketData)
#include "tst_coincheckmarketdata.moc"
