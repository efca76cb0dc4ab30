#include "exchanges/bybit/bybitmarketdata.h"
#include "support/recordingsink.h"

#include <QJsonDocument>
#include <QTest>

class TestBybitMarketData : public QObject
{
    Q_OBJECT

private:
    BybitMarketData adapter;

    ParseResult feed(RecordingSink& sink, const QByteArray& frame, Category category = Category::Linear)
    {
        return adapter.parse(frame, category, sink);
    }

private Q_SLOTS:
    void namesTopicsAsBybitDoes()
    {
        ChannelRequest r;
        r.symbol = QStringLiteral("BTCUSDT");
        r.channel = Channel::Book;
        r.depth = 20;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("orderbook.50.BTCUSDT"));
        r.depth = 1;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("orderbook.1.BTCUSDT"));
        r.depth = 200;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("orderbook.200.BTCUSDT"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("tickers.BTCUSDT"));
        r.channel = Channel::Trades;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("publicTrade.BTCUSDT"));
        r.channel = Channel::Candles;
        r.interval = CandleInterval::FourHours;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("kline.240.BTCUSDT"));
        r.interval = CandleInterval::OneDay;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("kline.D.BTCUSDT"));
        QCOMPARE(adapter.publicStreamUrl(Category::Spot, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://stream.bybit.com/v5/public/spot")));
        QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Testnet),
                 QUrl(QStringLiteral("wss://stream-testnet.bybit.com/v5/public/linear")));
    }

    void buildsBookFromLinearSnapshotAndDelta()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("bybit/linear-orderbook-snapshot.json"))).kind,
                 ParseResult::Kind::Data);
        const ParseResult r = feed(sink, fixture(QStringLiteral("bybit/linear-orderbook-delta.json")));
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("orderbook.50.BTCUSDT"));
        QCOMPARE(sink.books.size(), std::size_t(2));
        QVERIFY(sink.books[0].isSnapshot);
        QCOMPARE(sink.books[0].sequence, 18521288);
        QVERIFY(!sink.books[1].isSnapshot);
        QCOMPARE(sink.books[1].rule, OrderBook::SequenceRule::Chained);
        QCOMPARE(sink.books[1].previousSequence, 18521288);
        QCOMPARE(sink.books[1].applied, OrderBook::ApplyResult::Applied);

        const OrderBook* book = sink.store.findBook("BTCUSDT");
        QVERIFY(book && book->isLive());
        // 16493.50 deleted (size "0"), 16492.50 added, 16611.00 resized, 16600.00 inserted as best ask.
        QCOMPARE(book->bidCount(), std::size_t(2));
        QCOMPARE(book->bid(0), (BookLevel{dec("16493.00"), dec("0.100")}));
        QCOMPARE(book->bid(1), (BookLevel{dec("16492.50"), dec("0.035")}));
        QCOMPARE(book->askCount(), std::size_t(3));
        QCOMPARE(book->ask(0), (BookLevel{dec("16600.00"), dec("0.500")}));
        QCOMPARE(book->ask(1), (BookLevel{dec("16611.00"), dec("0.120")}));
        QCOMPARE(book->bid(0).price.toString(), QStringLiteral("16493.00"));
        QCOMPARE(book->sequence(), 18521289);
    }

    void buildsSpotBook()
    {
        RecordingSink sink;
        QCOMPARE(
            feed(sink, fixture(QStringLiteral("bybit/spot-orderbook-snapshot.json")), Category::Spot).kind,
            ParseResult::Kind::Data);
        const OrderBook* book = sink.store.findBook("ETHUSDT");
        QVERIFY(book && book->isLive());
        QCOMPARE(*book->bestBid(), dec("1850.13"));
        QCOMPARE(*book->bestAsk(), dec("1850.14"));
        QCOMPARE(*book->spread(), dec("0.01"));
        QCOMPARE(book->bid(1).size.toString(), QStringLiteral("0.5"));
    }

    void treatsDeltaWithUpdateIdOneAsSnapshot()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("bybit/linear-orderbook-snapshot.json")));
        // After a restart of Bybit's service a "delta" with u = 1 carries the whole book.
        feed(
            sink,
            R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["100.00","1"]],"a":[["101.00","2"]],"u":1,"seq":5}})");
        QVERIFY(sink.books.back().isSnapshot);
        const OrderBook* book = sink.store.findBook("BTCUSDT");
        QVERIFY(book->isLive());
        QCOMPARE(book->bidCount(), std::size_t(1));
        QCOMPARE(book->askCount(), std::size_t(1));
        QCOMPARE(*book->bestBid(), dec("100"));
        QCOMPARE(book->sequence(), 1);
    }

    void gapInUpdateIdDropsTheBook()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("bybit/linear-orderbook-snapshot.json")));
        feed(
            sink,
            R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":2,"data":{"s":"BTCUSDT","b":[["16493.00","0.2"]],"a":[],"u":18521290,"seq":7961638726}})");
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::SequenceGap);
        const OrderBook* book = sink.store.findBook("BTCUSDT");
        QCOMPARE(book->state(), OrderBook::State::Resyncing);
        QCOMPARE(book->bidCount(), std::size_t(0));
        // Further deltas are not applied until a snapshot arrives.
        feed(
            sink,
            R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":3,"data":{"s":"BTCUSDT","b":[["16493.00","0.3"]],"a":[],"u":18521291,"seq":7961638727}})");
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::NoSnapshot);
        feed(sink, fixture(QStringLiteral("bybit/linear-orderbook-snapshot.json")));
        QVERIFY(book->isLive());
    }

    void crossedDeltaDropsTheBook()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("bybit/linear-orderbook-snapshot.json")));
        feed(
            sink,
            R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":2,"data":{"s":"BTCUSDT","b":[["16700.00","1"]],"a":[],"u":18521289,"seq":7961638726}})");
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::Crossed);
        QCOMPARE(sink.store.findBook("BTCUSDT")->state(), OrderBook::State::Resyncing);
    }

    void mergesLinearTickerDeltaIntoSnapshot()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("bybit/linear-ticker-snapshot.json"))).kind,
                 ParseResult::Kind::Data);
        // "ts" comes after "data" here: the frame is read twice, and what it reports must survive that.
        const ParseResult delta = feed(sink, fixture(QStringLiteral("bybit/linear-ticker-delta.json")));
        QCOMPARE(delta.kind, ParseResult::Kind::Data);
        QCOMPARE(QString::fromUtf8(delta.topic.data(), qsizetype(delta.topic.size())),
                 QStringLiteral("tickers.BTCUSDT"));
        QCOMPARE(sink.tickers.size(), std::size_t(2));
        QVERIFY(sink.tickers[0].second);
        QVERIFY(!sink.tickers[1].second);
        QVERIFY(!sink.tickers[1].first.askPrice.has_value()); // absent in the delta
        const Ticker* t = sink.store.findTicker(QStringLiteral("BTCUSDT"));
        QVERIFY(t);
        QCOMPARE(t->lastPrice->toString(), QStringLiteral("17215.50"));
        QCOMPARE(t->bidPrice->toString(), QStringLiteral("17215.00"));
        QCOMPARE(t->bidSize->toString(), QStringLiteral("12.000"));
        QCOMPARE(t->askPrice->toString(), QStringLiteral("17216.00")); // kept from the snapshot
        QCOMPARE(t->askSize->toString(), QStringLiteral("83.020"));
        QCOMPARE(t->markPrice->toString(), QStringLiteral("17217.01"));
        QCOMPARE(t->change24h->toString(), QStringLiteral("0.017103"));
        QCOMPARE(t->volume24h->toString(), QStringLiteral("91705.276"));
        QCOMPARE(t->fundingRate->toString(), QStringLiteral("-0.000212"));
        QCOMPARE(t->nextFundingMs, 1673280000000); // "nextFundingTime" of the snapshot, kept by the delta
        QCOMPARE(t->openInterest->toString(), QStringLiteral("68744.761"));
        QCOMPARE(t->timestampMs, 1673272861786);
    }

    void nextFundingTimeMustBeATime()
    {
        RecordingSink sink;
        const ParseResult bad = feed(
            sink,
            R"({"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","nextFundingTime":"soon"},"ts":1})");
        QCOMPARE(bad.kind, ParseResult::Kind::Malformed);
        QVERIFY2(bad.error.contains(QStringLiteral("nextFundingTime")), qPrintable(bad.error));
        // "" (a contract without funding) is no time and no error.
        QCOMPARE(
            feed(
                sink,
                R"({"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","nextFundingTime":""},"ts":2})")
                .kind,
            ParseResult::Kind::Data);
        QCOMPARE(sink.tickers.back().first.nextFundingMs, 0);
    }

    void readsSpotTickerWithoutBidAsk()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("bybit/spot-ticker-snapshot.json")), Category::Spot).kind,
                 ParseResult::Kind::Data);
        const Ticker& t = sink.tickers.at(0).first;
        QCOMPARE(t.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(t.lastPrice->toString(), QStringLiteral("21109.77"));
        QCOMPARE(t.lowPrice24h->toString(), QStringLiteral("20575"));
        QCOMPARE(t.turnover24h->toString(), QStringLiteral("141946527.22907118"));
        QVERIFY(!t.bidPrice.has_value());
        QVERIFY(!t.askPrice.has_value());
    }

    void readsPublicTradesOldestFirst()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("bybit/public-trade.json"))).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(sink.trades.size(), std::size_t(2));
        const Trade& a = sink.trades[0];
        QCOMPARE(a.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(a.price.toString(), QStringLiteral("16578.50"));
        QCOMPARE(a.size.toString(), QStringLiteral("0.001"));
        QCOMPARE(a.takerSide, Side::Buy);
        QCOMPARE(a.timestampMs, 1672304486865);
        QCOMPARE(a.id, QStringLiteral("20f43950-d8dd-5b31-9112-a178eb6023af"));
        QCOMPARE(sink.trades[1].takerSide, Side::Sell);
        QCOMPARE(sink.store.findTrades(QStringLiteral("BTCUSDT"))->size(), std::size_t(2));
    }

    void readsKline()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("bybit/kline.json"))).kind, ParseResult::Kind::Data);
        QCOMPARE(sink.candles.size(), std::size_t(1));
        const auto& c = sink.candles[0];
        QCOMPARE(c.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(c.interval, CandleInterval::FiveMinutes);
        QCOMPARE(c.candle.openTimeMs, 1672324800000);
        QCOMPARE(c.candle.open.toString(), QStringLiteral("16649.5"));
        QCOMPARE(c.candle.close.toString(), QStringLiteral("16677"));
        QCOMPARE(c.candle.low.toString(), QStringLiteral("16608"));
        QCOMPARE(c.candle.volume.toString(), QStringLiteral("2.081"));
        QCOMPARE(c.candle.turnover.toString(), QStringLiteral("34666.4005"));
        QVERIFY(!c.candle.closed);
    }

    void classifiesControlFrames()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("bybit/subscribe-ack.json"))).kind,
                 ParseResult::Kind::Control);
        QCOMPARE(feed(sink, fixture(QStringLiteral("bybit/pong.json"))).kind, ParseResult::Kind::Control);
        const ParseResult rejected = feed(sink, fixture(QStringLiteral("bybit/subscribe-failed.json")));
        QCOMPARE(rejected.kind, ParseResult::Kind::Rejected);
        QVERIFY(
            rejected.error.contains(QStringLiteral("error:handler not found,topic:orderbook.51.BTCUSDT")));
        QVERIFY(adapter.streamProtocol().isPong(fixture(QStringLiteral("bybit/pong.json"))));
        QVERIFY(!adapter.streamProtocol().isPong(fixture(QStringLiteral("bybit/subscribe-ack.json"))));
        QVERIFY(sink.books.empty() && sink.tickers.empty());
    }

    void readsDataThatPrecedesTopic()
    {
        RecordingSink sink;
        const ParseResult r = feed(
            sink,
            R"({"data":{"s":"BTCUSDT","b":[["1.0","1"]],"a":[["2.0","1"]],"u":7,"seq":1},"ts":5,"type":"snapshot","topic":"orderbook.50.BTCUSDT"})");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QVERIFY(sink.store.findBook("BTCUSDT")->isLive());
    }

    void reportsMalformedFramesWithoutCrashing_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("resyncsBook");
        QTest::newRow("not json") << QByteArray("hello") << false;
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("array") << QByteArray("[1,2]") << false;
        QTest::newRow("truncated")
            << QByteArray(
                   R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["1.0")")
            << true;
        QTest::newRow("levels not arrays")
            << QByteArray(
                   R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":"x","a":[],"u":2}})")
            << true;
        QTest::newRow("price not decimal")
            << QByteArray(
                   R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["abc","1"]],"a":[],"u":2}})")
            << true;
        QTest::newRow("numeric price")
            << QByteArray(
                   R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[[1.5,"1"]],"a":[],"u":2}})")
            << true;
        QTest::newRow("missing u")
            << QByteArray(
                   R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[]}})")
            << true;
        QTest::newRow("unknown type")
            << QByteArray(
                   R"({"topic":"orderbook.50.BTCUSDT","type":"weird","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":2}})")
            << true;
        QTest::newRow("ticker price not string")
            << QByteArray(
                   R"({"topic":"tickers.BTCUSDT","type":"snapshot","ts":1,"data":{"symbol":"BTCUSDT","lastPrice":5}})")
            << false;
        QTest::newRow("trade without side")
            << QByteArray(
                   R"({"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1,"data":[{"T":1,"s":"BTCUSDT","v":"1","p":"2"}]})")
            << false;
        // Found by fuzz/fuzz_bybit_public: a time written as a string of more than 64 bits overflowed.
        QTest::newRow("trade time beyond 64 bits")
            << QByteArray(
                   R"({"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1,"data":[{"T":"99999999999999999999","s":"BTCUSDT","S":"Buy","v":"1","p":"2"}]})")
            << false;
        QTest::newRow("kline start beyond 64 bits")
            << QByteArray(
                   R"({"topic":"kline.1.BTCUSDT","type":"snapshot","ts":1,"data":[{"start":"9223372036854775808","open":"1","high":"1","low":"1","close":"1","volume":"1"}]})")
            << false;
        QTest::newRow("kline bad interval")
            << QByteArray(R"({"topic":"kline.7.BTCUSDT","data":[],"ts":1,"type":"snapshot"})") << false;
        QTest::newRow("topic without data")
            << QByteArray(R"({"topic":"tickers.BTCUSDT","type":"snapshot"})") << false;
    }

    void reportsMalformedFramesWithoutCrashing()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, resyncsBook);
        RecordingSink sink;
        const ParseResult r = feed(sink, frame);
        QCOMPARE(r.kind, ParseResult::Kind::Malformed);
        QVERIFY(!r.error.isEmpty());
        QVERIFY(sink.books.empty());
        QCOMPARE(r.resyncSymbol == std::string_view("BTCUSDT"), resyncsBook);
    }

    void ignoresUnknownTopics()
    {
        RecordingSink sink;
        const ParseResult r =
            feed(sink, R"({"topic":"liquidation.BTCUSDT","type":"snapshot","ts":1,"data":{}})");
        QCOMPARE(r.kind, ParseResult::Kind::Ignored);
    }

    void parsesLinearInstruments()
    {
        const auto doc =
            QJsonDocument::fromJson(fixture(QStringLiteral("bybit/rest-instruments-linear.json")));
        const auto list = adapter.parseInstruments(Category::Linear, doc);
        QVERIFY(list.hasValue());
        QCOMPARE(list->size(), std::size_t(1));
        const Instrument& i = list->at(0);
        QCOMPARE(i.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(i.category, Category::Linear);
        QCOMPARE(i.tickSize.toString(), QStringLiteral("0.10"));
        QCOMPARE(i.lotSize.toString(), QStringLiteral("0.001"));
        QCOMPARE(i.minQuantity.toString(), QStringLiteral("0.001"));
        QCOMPARE(i.maxQuantity->toString(), QStringLiteral("1190.000"));
        QCOMPARE(i.minNotional->toString(), QStringLiteral("5"));
        QCOMPARE(i.baseAsset, QStringLiteral("BTC"));
        QVERIFY(i.trading);
    }

    void parsesSpotInstruments()
    {
        const auto doc = QJsonDocument::fromJson(fixture(QStringLiteral("bybit/rest-instruments-spot.json")));
        const auto list = adapter.parseInstruments(Category::Spot, doc);
        QVERIFY(list.hasValue());
        const Instrument& i = list->at(0);
        QCOMPARE(i.tickSize.toString(), QStringLiteral("0.01"));
        QCOMPARE(i.lotSize.toString(), QStringLiteral("0.000001"));
        QCOMPARE(i.minQuantity.toString(), QStringLiteral("0.000048"));
        QCOMPARE(i.minNotional->toString(), QStringLiteral("1"));
    }

    void rejectsInstrumentsWithoutTickSize()
    {
        const auto doc = QJsonDocument::fromJson(
            R"({"retCode":0,"result":{"list":[{"symbol":"X","priceFilter":{},"lotSizeFilter":{"qtyStep":"1"}}]}})");
        QVERIFY(!adapter.parseInstruments(Category::Linear, doc).hasValue());
    }

    void parsesKlineHistoryOldestFirst()
    {
        const auto doc = QJsonDocument::fromJson(fixture(QStringLiteral("bybit/rest-kline.json")));
        const auto candles = adapter.parseCandles(doc);
        QVERIFY(candles.hasValue());
        QCOMPARE(candles->size(), std::size_t(3));
        QCOMPARE(candles->at(0).openTimeMs, 1670601600000);
        QCOMPARE(candles->at(2).openTimeMs, 1670608800000);
        QCOMPARE(candles->at(2).close.toString(), QStringLiteral("17055.5"));
        QCOMPARE(candles->at(2).volume.toString(), QStringLiteral("268611"));
        QCOMPARE(candles->at(2).turnover.toString(), QStringLiteral("15.74462667"));
        const RestRequest req = adapter.candlesRequest(Category::Linear, QStringLiteral("BTCUSDT"),
                                                       CandleInterval::OneHour, 0, 200);
        QCOMPARE(req.path, QStringLiteral("/v5/market/kline"));
        QVERIFY(req.query.contains(qMakePair(QStringLiteral("interval"), QStringLiteral("60"))));
    }

    void keepsVenueErrorVerbatim()
    {
        const auto error =
            adapter.replyError(QJsonDocument::fromJson(fixture(QStringLiteral("bybit/rest-error.json"))));
        QVERIFY(error.has_value());
        QCOMPARE(error->kind, RestError::Kind::Venue);
        QCOMPARE(error->venueCode, QStringLiteral("10001"));
        QCOMPARE(error->message, QStringLiteral("params error: symbol invalid"));
        QVERIFY(
            !adapter.replyError(QJsonDocument::fromJson(fixture(QStringLiteral("bybit/rest-kline.json")))));
    }
};

QTEST_GUILESS_MAIN(TestBybitMarketData)
#include "tst_bybitmarketdata.moc"
