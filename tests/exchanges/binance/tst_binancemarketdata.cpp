#include "exchanges/binance/binancemarketdata.h"
#include "support/recordingsink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestBinanceMarketData : public QObject
{
    Q_OBJECT

private:
    static QList<QByteArray> lines(const QString& name)
    {
        QList<QByteArray> out = fixture(name).split('\n');
        out.removeIf([](const QByteArray& l) { return l.trimmed().isEmpty(); });
        return out;
    }
    static QJsonDocument json(const QString& name) { return QJsonDocument::fromJson(fixture(name)); }

private Q_SLOTS:
    void namesStreamsAndUrlsAsBinanceDoes()
    {
        BinanceMarketData adapter;
        ChannelRequest r;
        r.symbol = QStringLiteral("BTCUSDT");
        r.channel = Channel::Book;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("btcusdt@depth@100ms"));
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("btcusdt@depth@100ms"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("btcusdt@ticker"));
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("btcusdt@ticker"));
        r.channel = Channel::Trades;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("btcusdt@trade"));
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("btcusdt@aggTrade"));
        r.channel = Channel::Candles;
        r.interval = CandleInterval::FourHours;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("btcusdt@kline_4h"));
        QCOMPARE(adapter.publicStreamUrl(Category::Spot, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://stream.binance.com:9443/stream")));
        QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://fstream.binance.com/public/stream")));
        // USDⓈ-M routes by path: depth on /public, the rest on /market.
        QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Mainnet, Channel::Book),
                 QUrl(QStringLiteral("wss://fstream.binance.com/public/stream")));
        for (Channel c : {Channel::Ticker, Channel::Trades, Channel::Candles})
            QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Mainnet, c),
                     QUrl(QStringLiteral("wss://fstream.binance.com/market/stream")));
        QCOMPARE(adapter.publicStreamUrl(Category::Spot, Environment::Mainnet, Channel::Trades),
                 QUrl(QStringLiteral("wss://stream.binance.com:9443/stream")));
        QCOMPARE(adapter.restBaseUrl(Category::Spot, Environment::Mainnet),
                 QUrl(QStringLiteral("https://api.binance.com")));
        QCOMPARE(adapter.restBaseUrl(Category::Linear, Environment::Mainnet),
                 QUrl(QStringLiteral("https://fapi.binance.com")));

        const QList<QByteArray> sub = adapter.streamProtocol().subscribeMessages(
            {QStringLiteral("btcusdt@depth@100ms"), QStringLiteral("btcusdt@trade")});
        QCOMPARE(sub.size(), 1);
        const QJsonObject o = QJsonDocument::fromJson(sub.first()).object();
        QCOMPARE(o.value(QLatin1String("method")).toString(), QStringLiteral("SUBSCRIBE"));
        QCOMPARE(o.value(QLatin1String("params")).toArray().size(), 2);
        QVERIFY(o.value(QLatin1String("id")).isDouble());
        QVERIFY(adapter.streamProtocol().pingMessage().isEmpty()); // WebSocket ping frames
    }

    void asksForADeepRestSnapshot()
    {
        BinanceMarketData adapter;
        const ResyncPlan spot = adapter.resyncPlan(Category::Spot, QStringLiteral("BNBBTC"), 50);
        QVERIFY(spot.resubscribeTopics.isEmpty());
        QVERIFY(spot.snapshot.has_value());
        QCOMPARE(spot.snapshot->path, QStringLiteral("/api/v3/depth"));
        QVERIFY(spot.snapshot->query.contains(qMakePair(QStringLiteral("symbol"), QStringLiteral("BNBBTC"))));
        QVERIFY(spot.snapshot->query.contains(qMakePair(QStringLiteral("limit"), QStringLiteral("1000"))));
        const ResyncPlan futures = adapter.resyncPlan(Category::Linear, QStringLiteral("BTCUSDT"), 50);
        QCOMPARE(futures.snapshot->path, QStringLiteral("/fapi/v1/depth"));
    }

    void buffersSpotDiffsUntilTheSnapshotThenAppliesThoseAfterIt()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        for (const QByteArray& frame : lines(QStringLiteral("binance/spot-depth-diffs.jsonl"))) {
            const ParseResult r = adapter.parse(frame, Category::Spot, sink);
            QCOMPARE(r.kind, ParseResult::Kind::Data);
            QCOMPARE(r.topic, std::string_view("bnbbtc@depth@100ms"));
            QCOMPARE(r.snapshotSymbol, std::string_view("BNBBTC")); // the feed fetches the snapshot
        }
        QVERIFY(sink.books.empty()); // nothing shown before the snapshot
        QCOMPARE(adapter.bufferedDiffs(Category::Spot, "BNBBTC"), std::size_t(3));

        const SnapshotResult result =
            adapter.applySnapshot(Category::Spot, QStringLiteral("BNBBTC"),
                                  json(QStringLiteral("binance/spot-depth-snapshot.json")), sink);
        QCOMPARE(result.kind, SnapshotResult::Kind::Applied);
        QCOMPARE(adapter.bufferedDiffs(Category::Spot, "BNBBTC"), std::size_t(0));
        // The snapshot, then U=161..163 (brackets 160 + 1) and U=164..165; U=157..160 was dropped.
        QCOMPARE(sink.books.size(), std::size_t(3));
        QVERIFY(sink.books[0].isSnapshot);
        QCOMPARE(sink.books[0].sequence, 160);
        QCOMPARE(sink.books[1].sequence, 163);
        QCOMPARE(sink.books[1].applied, OrderBook::ApplyResult::Applied);
        QCOMPARE(sink.books[2].previousSequence, 163);
        QCOMPARE(sink.books[2].applied, OrderBook::ApplyResult::Applied);

        const OrderBook* book = sink.store.findBook("BNBBTC");
        QVERIFY(book && book->isLive());
        QCOMPARE(book->sequence(), 165);
        QCOMPARE(book->bidCount(), std::size_t(2));
        QCOMPARE(book->bid(0), (BookLevel{dec("0.00250000"), dec("3.00000000")}));
        QCOMPARE(book->bid(1), (BookLevel{dec("0.00240000"), dec("10.00000000")}));
        QCOMPARE(book->ask(0), (BookLevel{dec("0.00260000"), dec("90.00000000")}));
        QCOMPARE(book->ask(1), (BookLevel{dec("0.00270000"), dec("5.00000000")}));

        // Later diffs pass straight through.
        const QByteArray next =
            R"({"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1672515782436,)"
            R"("s":"BNBBTC","U":166,"u":166,"b":[],"a":[["0.00270000","0.00000000"]]}})";
        const ParseResult r = adapter.parse(next, Category::Spot, sink);
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QVERIFY(r.snapshotSymbol.empty());
        QCOMPARE(book->askCount(), std::size_t(1));
        QCOMPARE(book->sequence(), 166);
    }

    void dropsStaleDiffsArrivingAfterTheSnapshot()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        QCOMPARE(adapter
                     .applySnapshot(Category::Spot, QStringLiteral("BNBBTC"),
                                    json(QStringLiteral("binance/spot-depth-snapshot.json")), sink)
                     .kind,
                 SnapshotResult::Kind::Applied);
        const OrderBook* book = sink.store.findBook("BNBBTC");
        QVERIFY(book && book->isLive());
        const QList<QByteArray> diffs = lines(QStringLiteral("binance/spot-depth-diffs.jsonl"));
        QCOMPARE(adapter.parse(diffs[0], Category::Spot, sink).kind, ParseResult::Kind::Data);
        QCOMPARE(sink.books.size(), std::size_t(1)); // u = 160 ≤ lastUpdateId: dropped
        QVERIFY(adapter.parse(diffs[1], Category::Spot, sink).snapshotSymbol.empty());
        QVERIFY(adapter.parse(diffs[2], Category::Spot, sink).snapshotSymbol.empty());
        QVERIFY(book->isLive());
        QCOMPARE(book->sequence(), 165);
    }

    void spotGapResyncsAndASecondSnapshotRebuilds()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        QCOMPARE(adapter
                     .applySnapshot(Category::Spot, QStringLiteral("BNBBTC"),
                                    json(QStringLiteral("binance/spot-depth-snapshot.json")), sink)
                     .kind,
                 SnapshotResult::Kind::Applied);
        for (const QByteArray& frame : lines(QStringLiteral("binance/spot-depth-diffs.jsonl")))
            adapter.parse(frame, Category::Spot, sink);
        const OrderBook* book = sink.store.findBook("BNBBTC");
        QVERIFY(book->isLive());

        // U = 167 after u = 165: update 166 was lost.
        const ParseResult gap =
            adapter.parse(fixture(QStringLiteral("binance/spot-depth-gap.json")), Category::Spot, sink);
        QCOMPARE(gap.kind, ParseResult::Kind::Data);
        QCOMPARE(gap.snapshotSymbol, std::string_view("BNBBTC"));
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::SequenceGap);
        QCOMPARE(book->state(), OrderBook::State::Resyncing);
        QCOMPARE(book->bidCount(), std::size_t(0));
        QCOMPARE(adapter.bufferedDiffs(Category::Spot, "BNBBTC"), std::size_t(1));

        // The next diff is held back too, then a fresh snapshot (id 167) takes the book live again.
        const QByteArray next =
            R"({"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1672515782636,)"
            R"("s":"BNBBTC","U":169,"u":170,"b":[["0.00240000","11.00000000"]],"a":[]}})";
        const std::size_t before = sink.books.size();
        QCOMPARE(adapter.parse(next, Category::Spot, sink).snapshotSymbol, std::string_view("BNBBTC"));
        QCOMPARE(sink.books.size(), before);
        const QJsonDocument fresh = QJsonDocument::fromJson(
            R"({"lastUpdateId":168,"bids":[["0.00240000","12.00000000"]],"asks":[["0.00260000","90.00000000"]]})");
        QCOMPARE(adapter.applySnapshot(Category::Spot, QStringLiteral("BNBBTC"), fresh, sink).kind,
                 SnapshotResult::Kind::Applied);
        QVERIFY(book->isLive());
        QCOMPARE(book->sequence(), 170);
        QCOMPARE(book->bid(0), (BookLevel{dec("0.00240000"), dec("11.00000000")}));
    }

    void firstDiffNotBracketingTheSnapshotResyncs()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        adapter.applySnapshot(Category::Spot, QStringLiteral("BNBBTC"),
                              json(QStringLiteral("binance/spot-depth-snapshot.json")), sink);
        // lastUpdateId 160, first diff U = 167: 161..166 missing.
        const ParseResult r =
            adapter.parse(fixture(QStringLiteral("binance/spot-depth-gap.json")), Category::Spot, sink);
        QCOMPARE(r.snapshotSymbol, std::string_view("BNBBTC"));
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::SequenceGap);
        QCOMPARE(sink.store.findBook("BNBBTC")->state(), OrderBook::State::Resyncing);
    }

    void refusesASnapshotOlderThanTheBufferedDiffs()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        const QList<QByteArray> diffs = lines(QStringLiteral("binance/spot-depth-diffs.jsonl"));
        adapter.parse(diffs[1], Category::Spot, sink); // U = 161
        adapter.parse(diffs[2], Category::Spot, sink);
        const QJsonDocument old = QJsonDocument::fromJson(R"({"lastUpdateId":150,"bids":[],"asks":[]})");
        const SnapshotResult r = adapter.applySnapshot(Category::Spot, QStringLiteral("BNBBTC"), old, sink);
        QCOMPARE(r.kind, SnapshotResult::Kind::Outdated);
        QVERIFY(sink.books.empty());
        QCOMPARE(adapter.bufferedDiffs(Category::Spot, "BNBBTC"), std::size_t(2)); // kept for the next one
        QCOMPARE(adapter
                     .applySnapshot(Category::Spot, QStringLiteral("BNBBTC"),
                                    json(QStringLiteral("binance/spot-depth-snapshot.json")), sink)
                     .kind,
                 SnapshotResult::Kind::Applied);
        QVERIFY(sink.store.findBook("BNBBTC")->isLive());
        QCOMPARE(sink.store.findBook("BNBBTC")->sequence(), 165);
    }

    void futuresBookBracketsLastUpdateIdThenChainsOnPu()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        for (const QByteArray& frame : lines(QStringLiteral("binance/futures-depth-diffs.jsonl")))
            QCOMPARE(adapter.parse(frame, Category::Linear, sink).snapshotSymbol,
                     std::string_view("BTCUSDT"));
        QCOMPARE(adapter
                     .applySnapshot(Category::Linear, QStringLiteral("BTCUSDT"),
                                    json(QStringLiteral("binance/futures-depth-snapshot.json")), sink)
                     .kind,
                 SnapshotResult::Kind::Applied);
        // Snapshot 158; U=140..149 dropped; U=157..160 brackets 158; pu=160 follows.
        QCOMPARE(sink.books.size(), std::size_t(3));
        QCOMPARE(sink.books[0].sequence, 158);
        const OrderBook* book = sink.store.findBook("BTCUSDT");
        QVERIFY(book->isLive());
        QCOMPARE(book->sequence(), 170);
        QCOMPARE(book->bid(0), (BookLevel{dec("63000.10"), dec("3.000")}));
        QCOMPARE(book->ask(0), (BookLevel{dec("63000.25"), dec("1.200")}));
        QCOMPARE(book->ask(1), (BookLevel{dec("63000.30"), dec("4.000")}));
        QCOMPARE(book->askCount(), std::size_t(2));

        // pu = 171 ≠ 170: an event was lost.
        const ParseResult gap =
            adapter.parse(fixture(QStringLiteral("binance/futures-depth-gap.json")), Category::Linear, sink);
        QCOMPARE(gap.snapshotSymbol, std::string_view("BTCUSDT"));
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::SequenceGap);
        QCOMPARE(book->state(), OrderBook::State::Resyncing);
        const ResyncPlan plan = adapter.resyncPlan(Category::Linear, QStringLiteral("BTCUSDT"), 50);
        QVERIFY(plan.snapshot.has_value());
    }

    void futuresDiffsDoNotChainOnUPlusOne()
    {
        // Futures ids skip: U = 165 after u = 160 is fine because pu = 160.
        BinanceMarketData adapter;
        RecordingSink sink;
        adapter.applySnapshot(Category::Linear, QStringLiteral("BTCUSDT"),
                              json(QStringLiteral("binance/futures-depth-snapshot.json")), sink);
        for (const QByteArray& frame : lines(QStringLiteral("binance/futures-depth-diffs.jsonl")))
            QVERIFY(adapter.parse(frame, Category::Linear, sink).snapshotSymbol.empty());
        QVERIFY(sink.store.findBook("BTCUSDT")->isLive());
    }

    void restartBookBuffersAgain()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        adapter.applySnapshot(Category::Linear, QStringLiteral("BTCUSDT"),
                              json(QStringLiteral("binance/futures-depth-snapshot.json")), sink);
        adapter.restartBook(Category::Linear, QStringLiteral("BTCUSDT"));
        const std::size_t before = sink.books.size();
        const QList<QByteArray> diffs = lines(QStringLiteral("binance/futures-depth-diffs.jsonl"));
        QCOMPARE(adapter.parse(diffs[1], Category::Linear, sink).snapshotSymbol, std::string_view("BTCUSDT"));
        QCOMPARE(sink.books.size(), before);
        // Other categories keep their state on a reset of one.
        adapter.applySnapshot(Category::Spot, QStringLiteral("BNBBTC"),
                              json(QStringLiteral("binance/spot-depth-snapshot.json")), sink);
        adapter.reset(Category::Linear);
        QCOMPARE(adapter.bufferedDiffs(Category::Linear, "BTCUSDT"), std::size_t(0));
        QVERIFY(
            adapter.parse(lines(QStringLiteral("binance/spot-depth-diffs.jsonl"))[1], Category::Spot, sink)
                .snapshotSymbol.empty());
    }

    void parsesTickersTradesAndKlines()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        QCOMPARE(
            adapter.parse(fixture(QStringLiteral("binance/spot-ticker.json")), Category::Spot, sink).kind,
            ParseResult::Kind::Data);
        QCOMPARE(sink.tickers.size(), std::size_t(1));
        const Ticker& t = sink.tickers[0].first;
        QCOMPARE(t.symbol, QStringLiteral("BNBBTC"));
        QCOMPARE(*t.lastPrice, dec("0.0025"));
        QCOMPARE(*t.bidPrice, dec("0.0024"));
        QCOMPARE(*t.askSize, dec("100"));
        QCOMPARE(*t.lowPrice24h, dec("0.0010"));
        QCOMPARE(*t.volume24h, dec("10000"));
        QCOMPARE(*t.turnover24h, dec("18"));
        QCOMPARE(*t.change24h, dec("2.5")); // "P":"250.00" %

        const ParseResult bt =
            adapter.parse(fixture(QStringLiteral("binance/futures-bookticker.json")), Category::Linear, sink);
        QCOMPARE(bt.kind, ParseResult::Kind::Data);
        QCOMPARE(bt.topic, std::string_view("bnbusdt@bookTicker"));
        QCOMPARE(*sink.tickers[1].first.bidPrice, dec("25.35190000"));
        QCOMPARE(*sink.tickers[1].first.askSize, dec("40.66000000"));
        QCOMPARE(sink.tickers[1].first.timestampMs, 1568014460891);

        QCOMPARE(adapter.parse(fixture(QStringLiteral("binance/spot-trade.json")), Category::Spot, sink).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(
            adapter.parse(fixture(QStringLiteral("binance/futures-aggtrade.json")), Category::Linear, sink)
                .kind,
            ParseResult::Kind::Data);
        QCOMPARE(sink.trades.size(), std::size_t(2));
        QCOMPARE(sink.trades[0].id, QStringLiteral("12345"));
        QCOMPARE(sink.trades[0].takerSide, Side::Sell); // m: the buyer was the maker
        QCOMPARE(sink.trades[0].size, dec("100"));
        QCOMPARE(sink.trades[1].id, QStringLiteral("5933014"));
        QCOMPARE(sink.trades[1].takerSide, Side::Buy);
        QCOMPARE(sink.trades[1].timestampMs, 123456785);

        QCOMPARE(adapter.parse(fixture(QStringLiteral("binance/kline.json")), Category::Spot, sink).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(sink.candles.size(), std::size_t(1));
        QCOMPARE(sink.candles[0].symbol, QStringLiteral("BNBBTC"));
        QCOMPARE(sink.candles[0].interval, CandleInterval::OneMinute);
        QCOMPARE(sink.candles[0].candle.openTimeMs, 1672515780000);
        QCOMPARE(sink.candles[0].candle.close, dec("0.0020"));
        QCOMPARE(sink.candles[0].candle.turnover, dec("1.0000"));
        QVERIFY(!sink.candles[0].candle.closed);
    }

    // USDⓈ-M tickers bring the mark price stream along (mark, index, funding rate, next funding time);
    // spot and the other channels bring nothing.
    void futuresTickersBringTheMarkPriceStream()
    {
        BinanceMarketData adapter;
        ChannelRequest r;
        r.symbol = QStringLiteral("BTCUSDT");
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.extraTopics(Category::Linear, r),
                 QStringList{QStringLiteral("btcusdt@markPrice@1s")});
        QVERIFY(adapter.extraTopics(Category::Spot, r).isEmpty());
        for (Channel c : {Channel::Book, Channel::Trades, Channel::Candles}) {
            r.channel = c;
            QVERIFY(adapter.extraTopics(Category::Linear, r).isEmpty());
        }
        // Served on /market, as the ticker it rides with.
        QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Mainnet, Channel::Ticker),
                 QUrl(QStringLiteral("wss://fstream.binance.com/market/stream")));
    }

    void markPriceUpdateMergesIntoTheTicker()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        const QByteArray bookTicker =
            R"({"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BTCUSDT","b":"11794.1","B":"31.21","a":"11794.2","A":"40.66"}})";
        QCOMPARE(adapter.parse(bookTicker, Category::Linear, sink).kind, ParseResult::Kind::Data);
        const ParseResult r =
            adapter.parse(fixture(QStringLiteral("binance/futures-markprice.json")), Category::Linear, sink);
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("btcusdt@markPrice@1s"));
        QCOMPARE(sink.tickers.size(), std::size_t(2));
        const auto& [delta, snapshot] = sink.tickers[1];
        QVERIFY(!snapshot);
        QCOMPARE(delta.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(*delta.markPrice, dec("11794.15000000"));
        QCOMPARE(*delta.indexPrice, dec("11784.62659091"));
        QCOMPARE(*delta.fundingRate, dec("0.00038167"));
        QCOMPARE(delta.nextFundingMs, 1562306400000);
        QCOMPARE(delta.timestampMs, 1562305380000);
        QVERIFY(!delta.lastPrice && !delta.bidPrice && !delta.openInterest); // only what the stream holds
        // P (estimated settlement price) is not a change: the 24h fields stay unset.
        QVERIFY(!delta.change24h);

        const Ticker* merged = sink.store.findTicker(QStringLiteral("BTCUSDT"));
        QVERIFY(merged);
        QCOMPARE(*merged->bidPrice, dec("11794.1")); // the bookTicker's fields stay
        QCOMPARE(*merged->markPrice, dec("11794.15000000"));
        QCOMPARE(*merged->indexPrice, dec("11784.62659091"));
        QCOMPARE(*merged->fundingRate, dec("0.00038167"));
        QCOMPARE(merged->nextFundingMs, 1562306400000);

        // A delivery contract: r "" and T 0 (no funding); mark and index still read.
        const QByteArray delivery =
            R"({"stream":"btcusdt_260925@markPrice","data":{"e":"markPriceUpdate","E":1562305381000,"s":"BTCUSDT_260925","p":"11900.5","i":"11784.6","P":"11784.2","r":"","T":0}})";
        QCOMPARE(adapter.parse(delivery, Category::Linear, sink).kind, ParseResult::Kind::Data);
        QCOMPARE(sink.tickers.size(), std::size_t(3));
        QCOMPARE(*sink.tickers[2].first.markPrice, dec("11900.5"));
        QVERIFY(!sink.tickers[2].first.fundingRate);
        QCOMPARE(sink.tickers[2].first.nextFundingMs, 0);
    }

    void readsRawStreamEventsToo()
    {
        // /ws connections send the event without the {stream, data} wrapper.
        BinanceMarketData adapter;
        RecordingSink sink;
        const QByteArray raw = R"({"e":"trade","E":1672515782136,"s":"BNBBTC","t":7,"p":"0.001","q":"2",)"
                               R"("T":1672515782136,"m":false,"M":true})";
        QCOMPARE(adapter.parse(raw, Category::Spot, sink).kind, ParseResult::Kind::Data);
        QCOMPARE(sink.trades.size(), std::size_t(1));
    }

    void answersAndErrorsOfRequests()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        QCOMPARE(
            adapter.parse(fixture(QStringLiteral("binance/subscribe-ack.json")), Category::Spot, sink).kind,
            ParseResult::Kind::Control);
        const ParseResult r =
            adapter.parse(fixture(QStringLiteral("binance/subscribe-error.json")), Category::Spot, sink);
        QCOMPARE(r.kind, ParseResult::Kind::Rejected);
        QVERIFY2(r.error.contains(QStringLiteral("Invalid request: unknown variant `SUBSCRIBES`")),
                 qPrintable(r.error));
    }

    void malformedFramesAreReportedNotFatal_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QByteArray>("resync");
        QTest::newRow("not json") << QByteArray("{\"stream\":\"bnbbtc@depth@100ms\",\"data\":{")
                                  << QByteArray();
        QTest::newRow("array") << QByteArray("[1,2]") << QByteArray();
        QTest::newRow("depth without u")
            << QByteArray(
                   R"({"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"b":[],"a":[]}})")
            << QByteArray("BNBBTC");
        QTest::newRow("bad level")
            << QByteArray(
                   R"({"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[["x","1"]],"a":[]}})")
            << QByteArray("BNBBTC");
        QTest::newRow("u not a number")
            << QByteArray(
                   R"({"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":"2","b":[],"a":[]}})")
            << QByteArray("BNBBTC");
        QTest::newRow("futures without pu")
            << QByteArray(
                   R"({"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"T":1,"s":"BNBBTC","U":1,"u":2,"b":[],"a":[]}})")
            << QByteArray("BNBBTC");
        QTest::newRow("data not object")
            << QByteArray(R"({"stream":"bnbbtc@trade","data":[]})") << QByteArray();
        QTest::newRow("trade without price")
            << QByteArray(
                   R"({"stream":"bnbbtc@trade","data":{"e":"trade","E":1,"s":"BNBBTC","t":1,"q":"1","T":1,"m":true}})")
            << QByteArray();
        QTest::newRow("kline without interval")
            << QByteArray(
                   R"({"stream":"bnbbtc@kline_1m","data":{"e":"kline","E":1,"s":"BNBBTC","k":{"t":1,"o":"1","c":"1","h":"1","l":"1","v":"1"}}})")
            << QByteArray();
        QTest::newRow("markPrice without p")
            << QByteArray(
                   R"({"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","i":"1","r":"0.0001","T":2}})")
            << QByteArray();
        QTest::newRow("markPrice r not a decimal")
            << QByteArray(
                   R"({"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"1","i":"1","r":"high","T":2}})")
            << QByteArray();
        QTest::newRow("markPrice i a number")
            << QByteArray(
                   R"({"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"1","i":1.5,"r":"0.0001","T":2}})")
            << QByteArray();
        QTest::newRow("markPrice T text")
            << QByteArray(
                   R"({"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"1","i":"1","r":"0.0001","T":"soon"}})")
            << QByteArray();
    }

    void malformedFramesAreReportedNotFatal()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QByteArray, resync);
        BinanceMarketData adapter;
        RecordingSink sink;
        const ParseResult r = adapter.parse(frame, Category::Linear, sink);
        QCOMPARE(r.kind, ParseResult::Kind::Malformed);
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(QByteArray(r.resyncSymbol.data(), static_cast<qsizetype>(r.resyncSymbol.size())), resync);
        QVERIFY(sink.books.empty() && sink.trades.empty() && sink.candles.empty() && sink.tickers.empty());
    }

    void refusesAMalformedSnapshot()
    {
        BinanceMarketData adapter;
        RecordingSink sink;
        const auto noId = QJsonDocument::fromJson(R"({"bids":[],"asks":[]})");
        QCOMPARE(adapter.applySnapshot(Category::Spot, QStringLiteral("BNBBTC"), noId, sink).kind,
                 SnapshotResult::Kind::Malformed);
        const auto badLevel = QJsonDocument::fromJson(R"({"lastUpdateId":5,"bids":[["1"]],"asks":[]})");
        const SnapshotResult r =
            adapter.applySnapshot(Category::Spot, QStringLiteral("BNBBTC"), badLevel, sink);
        QCOMPARE(r.kind, SnapshotResult::Kind::Malformed);
        QVERIFY(!r.error.isEmpty());
        QVERIFY(sink.books.empty());
    }

    void parsesSpotInstruments()
    {
        BinanceMarketData adapter;
        QCOMPARE(adapter.instrumentsRequest(Category::Spot).path, QStringLiteral("/api/v3/exchangeInfo"));
        const auto parsed = adapter.parseInstruments(
            Category::Spot, json(QStringLiteral("binance/rest-exchangeinfo-spot.json")));
        QVERIFY(parsed.hasValue());
        QCOMPARE(parsed->size(), std::size_t(2));
        const Instrument& eth = parsed->at(0);
        QCOMPARE(eth.venue, QStringLiteral("binance"));
        QCOMPARE(eth.symbol, QStringLiteral("ETHBTC"));
        QCOMPARE(eth.baseAsset, QStringLiteral("ETH"));
        QCOMPARE(eth.quoteAsset, QStringLiteral("BTC"));
        QCOMPARE(eth.tickSize, dec("0.00001000"));
        QCOMPARE(eth.lotSize, dec("0.00010000"));
        QCOMPARE(eth.minQuantity, dec("0.00010000"));
        QCOMPARE(*eth.maxQuantity, dec("100000"));
        QCOMPARE(*eth.minNotional, dec("0.0001"));
        QVERIFY(eth.trading);
        QVERIFY(!parsed->at(1).trading);                     // BREAK
        QCOMPARE(*parsed->at(1).minNotional, dec("0.0001")); // MIN_NOTIONAL on older symbols
    }

    void parsesFuturesInstruments()
    {
        BinanceMarketData adapter;
        QCOMPARE(adapter.instrumentsRequest(Category::Linear).path, QStringLiteral("/fapi/v1/exchangeInfo"));
        const auto parsed = adapter.parseInstruments(
            Category::Linear, json(QStringLiteral("binance/rest-exchangeinfo-futures.json")));
        QVERIFY(parsed.hasValue());
        QCOMPARE(parsed->size(), std::size_t(1));
        const Instrument& btc = parsed->at(0);
        QCOMPARE(btc.category, Category::Linear);
        QCOMPARE(btc.tickSize.toString(), QStringLiteral("0.10"));
        QCOMPARE(btc.lotSize, dec("0.001"));
        QCOMPARE(*btc.minNotional, dec("100"));
        QCOMPARE(*btc.maxQuantity, dec("1000"));

        const auto broken = adapter.parseInstruments(
            Category::Linear, QJsonDocument::fromJson(R"({"symbols":[{"symbol":"X","filters":[]}]})"));
        QVERIFY(!broken.hasValue());
        QVERIFY(broken.error().message.contains(QStringLiteral("tickSize")));
        QVERIFY(!adapter.parseInstruments(Category::Linear, QJsonDocument::fromJson("{}")).hasValue());
    }

    void parsesKlineHistory()
    {
        BinanceMarketData adapter;
        const RestRequest spot = adapter.candlesRequest(Category::Spot, QStringLiteral("BNBBTC"),
                                                        CandleInterval::OneHour, 1499100000000, 200);
        QCOMPARE(spot.path, QStringLiteral("/api/v3/klines"));
        QVERIFY(spot.query.contains(qMakePair(QStringLiteral("interval"), QStringLiteral("1h"))));
        QVERIFY(spot.query.contains(qMakePair(QStringLiteral("endTime"), QStringLiteral("1499100000000"))));
        QCOMPARE(
            adapter
                .candlesRequest(Category::Linear, QStringLiteral("BTCUSDT"), CandleInterval::OneDay, 0, 5000)
                .path,
            QStringLiteral("/fapi/v1/klines"));

        const auto candles = adapter.parseCandles(json(QStringLiteral("binance/rest-klines.json")));
        QVERIFY(candles.hasValue());
        QCOMPARE(candles->size(), std::size_t(2));
        QCOMPARE(candles->at(0).openTimeMs, 1499040000000);
        QCOMPARE(candles->at(0).open, dec("0.01634790"));
        QCOMPARE(candles->at(0).volume, dec("148976.11427815"));
        QCOMPARE(candles->at(0).turnover, dec("2434.19055334"));
        QCOMPARE(candles->at(1).close, dec("0.01590000")); // oldest first, as Binance sends them
        QVERIFY(!adapter.parseCandles(QJsonDocument::fromJson(R"([[1,"x"]])")).hasValue());
        QVERIFY(!adapter.parseCandles(QJsonDocument::fromJson("{}")).hasValue());
    }

    void keepsVenueErrorVerbatim()
    {
        BinanceMarketData adapter;
        const auto error = adapter.replyError(json(QStringLiteral("binance/rest-error.json")));
        QVERIFY(error.has_value());
        QCOMPARE(error->kind, RestError::Kind::Venue);
        QCOMPARE(error->venueCode, QStringLiteral("-1121"));
        QCOMPARE(error->message, QStringLiteral("Invalid symbol."));
        QVERIFY(!adapter.replyError(json(QStringLiteral("binance/rest-klines.json"))));
        QVERIFY(!adapter.replyError(json(QStringLiteral("binance/spot-depth-snapshot.json"))));
    }
};

QTEST_GUILESS_MAIN(TestBinanceMarketData)
#include "tst_binancemarketdata.moc"
