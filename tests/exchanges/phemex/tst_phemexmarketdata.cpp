#include "exchanges/phemex/phemexmarketdata.h"
#include "support/recordingsink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestPhemexMarketData : public QObject
{
    Q_OBJECT

private:
    PhemexMarketData adapter;

    ParseResult feed(RecordingSink& sink, const QByteArray& frame, Category category = Category::Linear)
    {
        return adapter.parse(frame, category, sink);
    }

    static QJsonObject message(const QByteArray& bytes) { return QJsonDocument::fromJson(bytes).object(); }

private Q_SLOTS:
    void init() { adapter.reset(); }

    void namesTopicsAndUrls()
    {
        ChannelRequest r;
        r.symbol = QStringLiteral("BTCUSDT");
        r.channel = Channel::Book;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("orderbook_p:BTCUSDT"));
        r.symbol = QStringLiteral("sBTCUSDT");
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("orderbook:sBTCUSDT"));
        r.channel = Channel::Trades;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("trade:sBTCUSDT"));
        r.channel = Channel::Candles;
        r.interval = CandleInterval::FourHours;
        r.symbol = QStringLiteral("BTCUSDT");
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("kline_p:BTCUSDT:14400"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("perp_market24h_pack_p"));
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("spot_market24h"));
        QCOMPARE(adapter.publicStreamUrl(Category::Spot, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://ws.phemex.com")));
        QCOMPARE(adapter.restBaseUrl(Environment::Testnet),
                 QUrl(QStringLiteral("https://testnet-api.phemex.com")));
    }

    void subscribesWithJsonRpcRequests()
    {
        const StreamProtocol& p = adapter.streamProtocol();
        const auto subs =
            p.subscribeMessages({QStringLiteral("orderbook_p:BTCUSDT"), QStringLiteral("kline_p:BTCUSDT:60"),
                                 QStringLiteral("perp_market24h_pack_p")});
        QCOMPARE(subs.size(), 3);
        const QJsonObject book = message(subs[0]);
        QCOMPARE(book.value(QLatin1String("method")).toString(), QStringLiteral("orderbook_p.subscribe"));
        QCOMPARE(book.value(QLatin1String("params")).toArray(), QJsonArray{QStringLiteral("BTCUSDT")});
        QVERIFY(book.value(QLatin1String("id")).isDouble());
        const QJsonObject kline = message(subs[1]);
        QCOMPARE(kline.value(QLatin1String("method")).toString(), QStringLiteral("kline_p.subscribe"));
        QCOMPARE(kline.value(QLatin1String("params")).toArray(), (QJsonArray{QStringLiteral("BTCUSDT"), 60}));
        QCOMPARE(message(subs[2]).value(QLatin1String("params")).toArray(), QJsonArray{});
        // Ids are distinct, as JSON-RPC wants.
        QVERIFY(book.value(QLatin1String("id")).toInteger() != kline.value(QLatin1String("id")).toInteger());
    }

    void bookUnsubscribeKeepsTheOtherBooks()
    {
        // orderbook_p.unsubscribe drops every book of the connection: the others are subscribed again.
        PhemexMarketData fresh;
        const StreamProtocol& p = fresh.streamProtocol();
        p.subscribeMessages({QStringLiteral("orderbook_p:BTCUSDT"), QStringLiteral("orderbook_p:ETHUSDT")});
        const auto out = p.unsubscribeMessages({QStringLiteral("orderbook_p:BTCUSDT")});
        QCOMPARE(out.size(), 2);
        QCOMPARE(message(out[0]).value(QLatin1String("method")).toString(),
                 QStringLiteral("orderbook_p.unsubscribe"));
        QCOMPARE(message(out[0]).value(QLatin1String("params")).toArray(), QJsonArray{});
        QCOMPARE(message(out[1]).value(QLatin1String("method")).toString(),
                 QStringLiteral("orderbook_p.subscribe"));
        QCOMPARE(message(out[1]).value(QLatin1String("params")).toArray(),
                 QJsonArray{QStringLiteral("ETHUSDT")});
        // Trades are unsubscribed per symbol.
        const auto trade = p.unsubscribeMessages({QStringLiteral("trade_p:BTCUSDT")});
        QCOMPARE(trade.size(), 1);
        QCOMPARE(message(trade[0]).value(QLatin1String("params")).toArray(),
                 QJsonArray{QStringLiteral("BTCUSDT")});
    }

    void pingsAndRecognisesPong()
    {
        const StreamProtocol& p = adapter.streamProtocol();
        const QJsonObject ping = message(p.pingMessage());
        QCOMPARE(ping.value(QLatin1String("method")).toString(), QStringLiteral("server.ping"));
        QVERIFY(p.pingInterval() < std::chrono::seconds(30));
        QVERIFY(p.isPong(fixture(QStringLiteral("phemex/pong.json"))));
        QVERIFY(!p.isPong(fixture(QStringLiteral("phemex/subscribe-ack.json"))));
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("phemex/pong.json"))).kind, ParseResult::Kind::Control);
        QCOMPARE(feed(sink, fixture(QStringLiteral("phemex/subscribe-ack.json"))).kind,
                 ParseResult::Kind::Control);
        const ParseResult refused = feed(sink, fixture(QStringLiteral("phemex/subscribe-error.json")));
        QCOMPARE(refused.kind, ParseResult::Kind::Rejected);
        QVERIFY2(refused.error.contains(QLatin1String("6001 invalid argument")), qPrintable(refused.error));
    }

    void buildsPerpetualBookFromSnapshotAndIncrements()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-snapshot.json"))).kind,
                 ParseResult::Kind::Data);
        const ParseResult r = feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-incremental.json")));
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("orderbook_p:BTCUSDT"));
        QCOMPARE(sink.books.size(), std::size_t(2));
        QVERIFY(sink.books[0].isSnapshot);
        QCOMPARE(sink.books[1].applied, OrderBook::ApplyResult::Applied);
        const OrderBook* book = sink.store.findBook("BTCUSDT");
        QVERIFY(book && book->isLive());
        QCOMPARE(book->bid(0), (BookLevel{dec("20700.5"), dec("1.622")}));
        QCOMPARE(book->bid(1), (BookLevel{dec("20600.0"), dec("2.0")}));
        QCOMPARE(book->ask(0), (BookLevel{dec("20702.9"), dec("0.718")}));
        QCOMPARE(book->ask(1), (BookLevel{dec("20703.9"), dec("0.524")}));
        QCOMPARE(book->ask(2), (BookLevel{dec("20705.0"), dec("1.25")}));
        QCOMPARE(book->askCount(), std::size_t(3));
        QCOMPARE(book->sequence(), 77668172);
        QCOMPARE(book->timestampMs(), 1666854171201);
        QCOMPARE(feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-incremental-2.json"))).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(book->bid(0), (BookLevel{dec("20600.0"), dec("2.0")}));
    }

    void readsSpotScaledIntegersExactly()
    {
        RecordingSink sink;
        QCOMPARE(
            feed(sink, fixture(QStringLiteral("phemex/spot-orderbook-snapshot.json")), Category::Spot).kind,
            ParseResult::Kind::Data);
        const OrderBook* book = sink.store.findBook("sBTCUSDT");
        QVERIFY(book && book->isLive());
        // priceEp 892697000000 ÷ 1e8, qty 1781800 ÷ 1e8 (BTC's valueScale).
        QCOMPARE(*book->bestAsk(), dec("8926.97"));
        QCOMPARE(book->ask(0).size, dec("0.017818"));
        QCOMPARE(*book->bestBid(), dec("8923.76"));
        QCOMPARE(feed(sink, fixture(QStringLiteral("phemex/spot-orderbook-incremental.json")), Category::Spot)
                     .kind,
                 ParseResult::Kind::Data);
        QCOMPARE(*book->bestBid(), dec("8923.87"));
        QCOMPARE(book->bid(0).size, dec("0.047929"));
        QCOMPARE(book->bidCount(), std::size_t(2)); // 8923.54 deleted
        QCOMPARE(book->bid(1).price, dec("8923.76"));
    }

    void spotScalesComeFromProducts()
    {
        // A product whose scales differ from the default: the adapter must use them, not assume 1e8.
        const QByteArray products = R"({"code":0,"msg":"OK","data":{"currencies":[
            {"currency":"DOGE","valueScale":6},{"currency":"USDT","valueScale":8}],
            "products":[{"symbol":"sDOGEUSDT","type":"Spot","baseCurrency":"DOGE","quoteCurrency":"USDT",
            "priceScale":8,"baseTickSizeEv":1000000,"quoteTickSizeEv":10000,"minOrderValueEv":1000000000,
            "status":"Listed"}]}})";
        const auto list = adapter.parseInstruments(Category::Spot, QJsonDocument::fromJson(products));
        QVERIFY(list);
        QCOMPARE(list->at(0).lotSize, dec("1"));
        QCOMPARE(list->at(0).tickSize, dec("0.0001"));
        RecordingSink sink;
        feed(
            sink,
            R"({"book":{"asks":[[12340000,2500000]],"bids":[[12330000,1000000]]},"depth":30,"sequence":5,"symbol":"sDOGEUSDT","timestamp":1,"type":"snapshot"})",
            Category::Spot);
        const OrderBook* book = sink.store.findBook("sDOGEUSDT");
        QVERIFY(book && book->isLive());
        QCOMPARE(*book->bestAsk(), dec("0.1234"));
        QCOMPARE(book->ask(0).size, dec("2.5"));
    }

    void sequenceGoingBackResyncsTheBook()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-snapshot.json")));
        feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-incremental-2.json"))); // 77668209
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::Applied);
        // 77668172 after 77668209: the stream is out of order; the book cannot be trusted.
        const ParseResult r = feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-incremental.json")));
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::SequenceGap);
        const OrderBook* book = sink.store.findBook("BTCUSDT");
        QCOMPARE(book->state(), OrderBook::State::Resyncing);
        QCOMPARE(feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-incremental-2.json"))).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::NoSnapshot);
        // The resubscription's snapshot makes it live again.
        feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-snapshot.json")));
        QVERIFY(book->isLive());
        const ResyncPlan plan = adapter.resyncPlan(Category::Linear, QStringLiteral("BTCUSDT"), 30);
        QCOMPARE(plan.resubscribeTopics, QStringList{QStringLiteral("orderbook_p:BTCUSDT")});
    }

    void incrementOlderThanSnapshotIsDropped()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-snapshot.json")));
        feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-incremental-2.json")));
        // The periodic snapshot (60 s) already contains what an increment queued before it carries.
        feed(
            sink,
            R"({"depth":30,"orderbook_p":{"asks":[["20800","1"]],"bids":[["20000","1"]]},"sequence":77668300,"symbol":"BTCUSDT","timestamp":1666854174000000000,"type":"snapshot"})");
        feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-incremental.json")));
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::IgnoredOld);
        QVERIFY(sink.store.findBook("BTCUSDT")->isLive());
    }

    void malformedBookFrameNamesItsBook()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("phemex/perp-orderbook-snapshot.json")));
        const ParseResult truncated =
            feed(sink, "{\"depth\":30,\"orderbook_p\":{\"asks\":[[\"20702.9\",\"0.7");
        QCOMPARE(truncated.kind, ParseResult::Kind::Malformed);
        QCOMPARE(truncated.error, QStringLiteral("not a JSON object"));
        const ParseResult badLevel = feed(
            sink,
            R"({"depth":30,"orderbook_p":{"asks":[["abc","1"]],"bids":[]},"sequence":77668400,"symbol":"BTCUSDT","timestamp":1,"type":"incremental"})");
        QCOMPARE(badLevel.kind, ParseResult::Kind::Malformed);
        QCOMPARE(badLevel.resyncSymbol, std::string_view("BTCUSDT"));
        // A perpetual price as a number (not the documented string) is refused, not read through double.
        const ParseResult number = feed(
            sink,
            R"({"depth":30,"orderbook_p":{"asks":[[20702.9,"1"]],"bids":[]},"sequence":77668401,"symbol":"BTCUSDT","timestamp":1,"type":"incremental"})");
        QCOMPARE(number.kind, ParseResult::Kind::Malformed);
        const ParseResult badType = feed(
            sink,
            R"({"depth":30,"orderbook_p":{"asks":[],"bids":[]},"sequence":1,"symbol":"BTCUSDT","timestamp":1,"type":"partial"})");
        QCOMPARE(badType.kind, ParseResult::Kind::Malformed);
        QCOMPARE(feed(sink, "[1,2,3]").kind, ParseResult::Kind::Malformed);
        QCOMPARE(feed(sink, "").kind, ParseResult::Kind::Malformed);
        QCOMPARE(feed(sink, R"({"tick_p":{"last":"20639.38","symbol":".BTCUSDT","timestamp":1}})").kind,
                 ParseResult::Kind::Ignored);
        const ParseResult badTrade = feed(
            sink, R"({"sequence":1,"symbol":"BTCUSDT","trades_p":[[1,"Sell","1"]],"type":"incremental"})");
        QCOMPARE(badTrade.kind, ParseResult::Kind::Malformed);
        QVERIFY(badTrade.resyncSymbol.empty());
    }

    void survivesTruncatedAndCorruptedFrames()
    {
        // Every prefix and a few thousand byte flips of each documented frame: a result, never a crash,
        // and a truncated book frame is never taken as data.
        const char* names[] = {
            "perp-orderbook-snapshot.json", "perp-orderbook-incremental.json", "spot-orderbook-snapshot.json",
            "perp-trades-snapshot.json",    "perp-kline-snapshot.json",        "spot-kline-snapshot.json",
            "spot-market24h.json",          "perp-market24h-pack.json",        "subscribe-error.json"};
        quint32 seed = 12345;
        const auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
        for (const char* name : names) {
            const QByteArray frame = fixture(QStringLiteral("phemex/") + QLatin1String(name));
            for (qsizetype n = 0; n < frame.size(); ++n) {
                RecordingSink sink;
                const ParseResult r = feed(sink, frame.left(n));
                QVERIFY2(r.kind == ParseResult::Kind::Malformed || r.kind == ParseResult::Kind::Ignored ||
                             r.kind == ParseResult::Kind::Control,
                         qPrintable(QStringLiteral("%1 prefix %2").arg(QLatin1String(name)).arg(n)));
            }
            for (int i = 0; i < 300; ++i) {
                QByteArray corrupted = frame;
                corrupted[qsizetype(next() % quint32(corrupted.size()))] = char(next() & 0xff);
                RecordingSink sink;
                (void)feed(sink, corrupted, (i & 1) ? Category::Spot : Category::Linear);
            }
        }
    }

    void readsTradesOldestFirst()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("phemex/perp-trades-snapshot.json"))).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(sink.trades.size(), std::size_t(2));
        QCOMPARE(sink.trades[0].price, dec("20699"));
        QCOMPARE(sink.trades[0].takerSide, Side::Buy);
        QCOMPARE(sink.trades[0].timestampMs, 1666854025545);
        QCOMPARE(sink.trades[1].size.toString(), QStringLiteral("0.669"));
        QCOMPARE(sink.trades[1].takerSide, Side::Sell);
        RecordingSink spot;
        const ParseResult r =
            feed(spot, fixture(QStringLiteral("phemex/spot-trades-incremental.json")), Category::Spot);
        QCOMPARE(r.topic, std::string_view("trade:sBTCUSDT"));
        QCOMPARE(spot.trades.at(0).price, dec("8926.97"));
        QCOMPARE(spot.trades.at(0).size, dec("0.017818"));
    }

    void readsKlines()
    {
        RecordingSink sink;
        const ParseResult r = feed(sink, fixture(QStringLiteral("phemex/perp-kline-snapshot.json")));
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("kline_p:BTCUSDT:60"));
        QCOMPARE(sink.candles.size(), std::size_t(2));
        QCOMPARE(sink.candles[0].candle.openTimeMs, 1666856280000);
        QVERIFY(sink.candles[0].candle.closed);
        QCOMPARE(sink.candles[1].candle.open, dec("20686.2"));
        QCOMPARE(sink.candles[1].candle.close, dec("20691.6"));
        QCOMPARE(sink.candles[1].candle.turnover.toString(), QStringLiteral("56731.5609"));
        QVERIFY(!sink.candles[1].candle.closed);
        QCOMPARE(sink.candles[1].interval, CandleInterval::OneMinute);
        RecordingSink spot;
        feed(spot, fixture(QStringLiteral("phemex/spot-kline-snapshot.json")), Category::Spot);
        QCOMPARE(spot.candles.at(0).interval, CandleInterval::OneDay);
        QCOMPARE(spot.candles.at(0).candle.high, dec("9555.87"));
        QCOMPARE(spot.candles.at(0).candle.volume, dec("11.626216"));
        QCOMPARE(spot.candles.at(0).candle.turnover, dec("110954.52729869"));
    }

    void readsTickers()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("phemex/perp-market24h-pack.json"))).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(sink.tickers.size(), std::size_t(2));
        const Ticker* btc = sink.store.findTicker(QStringLiteral("BTCUSDT"));
        QVERIFY(btc);
        QCOMPARE(btc->lastPrice->toString(), QStringLiteral("62799.9"));
        QCOMPARE(btc->askPrice->toString(), QStringLiteral("62800"));
        QCOMPARE(btc->markPrice->toString(), QStringLiteral("62806.9"));
        QCOMPARE(btc->indexPrice->toString(), QStringLiteral("62831.82728394"));
        QCOMPARE(btc->fundingRate->toString(), QStringLiteral("0.0001"));
        QCOMPARE(btc->nextFundingMs, std::int64_t(0)); // Phemex documents no next funding time: unknown
        QCOMPARE(btc->volume24h->toString(), QStringLiteral("3331.699"));
        QCOMPARE(btc->timestampMs, 1666862556850);
        RecordingSink spot;
        const ParseResult r =
            feed(spot, fixture(QStringLiteral("phemex/spot-market24h.json")), Category::Spot);
        QCOMPARE(r.topic, std::string_view("spot_market24h"));
        const Ticker& t = spot.tickers.at(0).first;
        QCOMPARE(t.symbol, QStringLiteral("sBTCUSDT"));
        QCOMPARE(*t.lastPrice, dec("8924.86"));
        QCOMPARE(*t.bidPrice, dec("8918.35"));
        QCOMPARE(*t.volume24h, dec("118.411481"));
        QCOMPARE(*t.turnover24h, dec("1047188.04814499"));
    }

    void readsProducts()
    {
        const QJsonDocument reply =
            QJsonDocument::fromJson(fixture(QStringLiteral("phemex/rest-products.json")));
        QVERIFY(!adapter.replyError(reply));
        const auto spot = adapter.parseInstruments(Category::Spot, reply);
        QVERIFY(spot);
        QCOMPARE(spot->size(), std::size_t(1)); // BTCUSD (coin-margined) is not spot
        const Instrument& s = spot->at(0);
        QCOMPARE(s.symbol, QStringLiteral("sBTCUSDT"));
        QCOMPARE(s.baseAsset, QStringLiteral("BTC"));
        QCOMPARE(s.tickSize.toString(), QStringLiteral("0.01"));
        QCOMPARE(s.lotSize.toString(), QStringLiteral("0.000001"));
        QCOMPARE(*s.minNotional, dec("10"));
        QCOMPARE(*s.maxQuantity, dec("1000"));
        const auto perps = adapter.parseInstruments(Category::Linear, reply);
        QVERIFY(perps);
        QCOMPARE(perps->size(), std::size_t(2));
        const Instrument& p = perps->at(0);
        QCOMPARE(p.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(p.tickSize.toString(), QStringLiteral("0.1"));
        QCOMPARE(p.lotSize.toString(), QStringLiteral("0.001"));
        QCOMPARE(p.maxQuantity->toString(), QStringLiteral("1000"));
        QVERIFY(p.trading);
        QVERIFY(!perps->at(1).trading); // Delisted
        QVERIFY(
            !adapter.parseInstruments(Category::Linear, QJsonDocument::fromJson(R"({"code":0,"data":{}})")));
    }

    void readsCoinMarginedProductsWithTheirScales()
    {
        // BTCUSD: priceScale 4, ratioScale 8, settled in BTC (valueScale 8), whole contracts.
        const auto list = adapter.parseInstruments(
            Category::Inverse, QJsonDocument::fromJson(fixture(QStringLiteral("phemex/rest-products.json"))));
        QVERIFY(list);
        QCOMPARE(list->size(), std::size_t(1)); // sBTCUSDT is spot, BTCUSDT is in perpProductsV2
        const Instrument& i = list->at(0);
        QCOMPARE(i.symbol, QStringLiteral("BTCUSD"));
        QCOMPARE(i.category, Category::Inverse);
        QCOMPARE(i.baseAsset, QStringLiteral("BTC"));
        QCOMPARE(i.quoteAsset, QStringLiteral("USD"));
        QCOMPARE(i.tickSize.toString(), QStringLiteral("0.5"));
        QCOMPARE(i.lotSize.toString(), QStringLiteral("1"));
        QCOMPARE(i.minQuantity, dec("1"));
        QCOMPARE(*i.maxQuantity, dec("1000000"));
        QCOMPARE(i.contractValue, std::optional(dec("1"))); // contractSize: one contract is 1 USD
        QVERIFY(i.trading);
        const PhemexMarketData::Scales s = adapter.scales(QStringLiteral("BTCUSD"));
        QCOMPARE(s.priceScale, 4);
        QCOMPARE(s.ratioScale, 8);
        QCOMPARE(s.qtyScale, 0);
        QCOMPARE(s.valueScale, 8);

        // A contract settled in USD (uBTCUSD, the legacy ETHUSD…) is not coin-margined; one without its
        // priceScale cannot be read.
        const QByteArray usd =
            R"({"code":0,"msg":"OK","data":{"currencies":[{"currency":"USD","valueScale":4}],
            "products":[{"symbol":"uBTCUSD","type":"Perpetual","settleCurrency":"USD","quoteCurrency":"USD",
            "priceScale":4,"ratioScale":8,"tickSize":0.5,"lotSize":1,"status":"Listed"}]}})";
        const auto none = adapter.parseInstruments(Category::Inverse, QJsonDocument::fromJson(usd));
        QVERIFY(none);
        QVERIFY(none->empty());
        const QByteArray unscaled = R"({"code":0,"msg":"OK","data":{"products":[{"symbol":"cETHUSD",
            "type":"Perpetual","settleCurrency":"ETH","quoteCurrency":"USD","tickSize":0.05,"lotSize":1}]}})";
        QVERIFY(!adapter.parseInstruments(Category::Inverse, QJsonDocument::fromJson(unscaled)));
    }

    void readsCoinMarginedMarketDataAtItsScales()
    {
        QVERIFY(adapter.parseInstruments(Category::Inverse, QJsonDocument::fromJson(fixture(QStringLiteral(
                                                                "phemex/rest-products.json")))));
        ChannelRequest r;
        r.symbol = QStringLiteral("BTCUSD");
        r.channel = Channel::Book;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("orderbook:BTCUSD"));
        r.channel = Channel::Trades;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("trade:BTCUSD"));
        r.channel = Channel::Candles;
        r.interval = CandleInterval::OneHour;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("kline:BTCUSD:3600"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("market24h"));
        QCOMPARE(adapter.defaultSymbols(Category::Inverse).front(), QStringLiteral("BTCUSD"));
        QCOMPARE(message(adapter.streamProtocol().subscribeMessages({QStringLiteral("market24h")}).front())
                     .value(QLatin1String("method"))
                     .toString(),
                 QStringLiteral("market24h.subscribe"));

        // The book: priceEp ÷ 1e4, sizes in whole contracts.
        RecordingSink sink;
        const ParseResult snap =
            feed(sink, fixture(QStringLiteral("phemex/inverse-orderbook-snapshot.json")), Category::Inverse);
        QCOMPARE(snap.kind, ParseResult::Kind::Data);
        QCOMPARE(snap.topic, std::string_view("orderbook:BTCUSD"));
        const OrderBook* book = sink.store.findBook("BTCUSD");
        QVERIFY(book && book->isLive());
        QCOMPARE(book->ask(0), (BookLevel{dec("8676.5"), dec("19609")}));
        QCOMPARE(book->bid(0), (BookLevel{dec("8676"), dec("18995")}));
        feed(sink, fixture(QStringLiteral("phemex/inverse-orderbook-incremental.json")), Category::Inverse);
        feed(sink, fixture(QStringLiteral("phemex/inverse-orderbook-incremental-2.json")), Category::Inverse);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::Applied);
        QCOMPARE(book->ask(2), (BookLevel{dec("8677.5"), dec("4621")}));
        QCOMPARE(book->bid(1), (BookLevel{dec("8675.5"), dec("8097")}));
        QCOMPARE(book->bidCount(), std::size_t(2)); // 8675 deleted
        // An increment older than the last one: out of order, the book is rebuilt by resubscribing.
        feed(sink, fixture(QStringLiteral("phemex/inverse-orderbook-incremental.json")), Category::Inverse);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::SequenceGap);
        QCOMPARE(book->state(), OrderBook::State::Resyncing);
        QCOMPARE(adapter.resyncPlan(Category::Inverse, QStringLiteral("BTCUSD"), 30).resubscribeTopics,
                 QStringList{QStringLiteral("orderbook:BTCUSD")});

        // Trades, oldest first.
        const ParseResult trades =
            feed(sink, fixture(QStringLiteral("phemex/inverse-trades-snapshot.json")), Category::Inverse);
        QCOMPARE(trades.topic, std::string_view("trade:BTCUSD"));
        QCOMPARE(sink.trades.size(), std::size_t(2));
        QCOMPARE(sink.trades[0].price, dec("8673"));
        QCOMPARE(sink.trades[0].takerSide, Side::Sell);
        QCOMPARE(sink.trades[1].price, dec("8673.5"));
        QCOMPARE(sink.trades[1].size, dec("56"));

        // The 24 h ticker: prices at 1e4, the funding rate at the ratioScale, turnover in BTC at 1e8.
        const ParseResult ticker =
            feed(sink, fixture(QStringLiteral("phemex/inverse-market24h.json")), Category::Inverse);
        QCOMPARE(ticker.kind, ParseResult::Kind::Data);
        QCOMPARE(ticker.topic, std::string_view("market24h"));
        const Ticker* t = sink.store.findTicker(QStringLiteral("BTCUSD"));
        QVERIFY(t);
        QCOMPARE(*t->lastPrice, dec("8742.5"));
        QCOMPARE(*t->highPrice24h, dec("9208"));
        QCOMPARE(*t->lowPrice24h, dec("8713"));
        QCOMPARE(*t->indexPrice, dec("8745.0676"));
        QCOMPARE(*t->markPrice, dec("8745.3092"));
        QCOMPARE(*t->fundingRate, dec("0.0001"));
        QCOMPARE(*t->openInterest, dec("7821141"));
        QCOMPARE(*t->volume24h, dec("125287131"));
        QCOMPARE(*t->turnover24h, dec("13993.62834123"));
        QCOMPARE(t->timestampMs, 1583646442444);
        QCOMPARE(feed(sink, R"({"market24h":{"symbol":"BTCUSD","close":"8742.5"},"timestamp":1})",
                      Category::Inverse)
                     .kind,
                 ParseResult::Kind::Malformed);

        // Klines: prices at 1e4, volume in contracts, turnover in BTC.
        const ParseResult kline =
            feed(sink, fixture(QStringLiteral("phemex/inverse-kline-snapshot.json")), Category::Inverse);
        QCOMPARE(kline.topic, std::string_view("kline:BTCUSD:86400"));
        QCOMPARE(sink.candles.size(), std::size_t(3));
        const RecordingSink::CandleEvent& day = sink.candles[1];
        QCOMPARE(day.interval, CandleInterval::OneDay);
        QCOMPARE(day.candle.openTimeMs, 1589932800000);
        QCOMPARE(day.candle.open, dec("9784"));
        QCOMPARE(day.candle.high, dec("9848"));
        QCOMPARE(day.candle.low, dec("9299"));
        QCOMPARE(day.candle.close, dec("9516.5"));
        QCOMPARE(day.candle.volume, dec("246294692"));
        QCOMPARE(day.candle.turnover, dec("25622.49857942"));
        QVERIFY(day.candle.closed);
        QVERIFY(!sink.candles[2].candle.closed);

        // Kline history over REST, read at the symbol's own scales.
        const QJsonDocument rest =
            QJsonDocument::fromJson(fixture(QStringLiteral("phemex/rest-kline-inverse.json")));
        const auto history = adapter.parseCandlesOf(QStringLiteral("BTCUSD"), rest);
        QVERIFY(history);
        QCOMPARE(history->size(), std::size_t(2));
        QCOMPARE(history->at(0).openTimeMs, 1589932800000);
        QCOMPARE(history->at(0).close, dec("9516.5"));
        QCOMPARE(history->at(0).volume, dec("246294692"));
        QCOMPARE(history->at(0).turnover, dec("25622.49857942"));
        QCOMPARE(history->at(1).open, dec("9516"));
        // The feed's call (the symbol and interval it asked for) reads the same, where parseCandles()
        // without a symbol cannot (it would read 95165000 at the spot default, 1e8).
        const MarketDataAdapter& base = adapter;
        const auto forSymbol = base.parseCandlesFor(rest, QStringLiteral("BTCUSD"), CandleInterval::OneDay);
        QVERIFY(forSymbol);
        QCOMPARE(forSymbol->size(), std::size_t(2));
        QCOMPARE(forSymbol->at(0).close, dec("9516.5"));
        QCOMPARE(forSymbol->at(0).turnover, dec("25622.49857942"));
        QVERIFY(base.parseCandles(rest)->at(0).close != dec("9516.5"));
        QVERIFY(adapter.categories().contains(Category::Inverse));
        // A history reply that overtakes the products reply is read at the documented contract scales.
        const PhemexMarketData fresh;
        const auto early = fresh.parseCandlesFor(rest, QStringLiteral("BTCUSD"), CandleInterval::OneDay);
        QVERIFY(early);
        QCOMPARE(early->at(0).close, dec("9516.5"));
        QCOMPARE(early->at(0).volume, dec("246294692"));
    }

    void readsCandleHistoryAndErrors()
    {
        const RestRequest last = adapter.candlesRequest(Category::Linear, QStringLiteral("BTCUSDT"),
                                                        CandleInterval::OneHour, 0, 200);
        QCOMPARE(last.path, QStringLiteral("/exchange/public/md/v2/kline/last"));
        QVERIFY(last.query.contains({QStringLiteral("resolution"), QStringLiteral("3600")}));
        QVERIFY(last.query.contains({QStringLiteral("limit"), QStringLiteral("500")}));
        const RestRequest list = adapter.candlesRequest(Category::Linear, QStringLiteral("BTCUSDT"),
                                                        CandleInterval::OneMinute, 1666856345000, 10);
        QCOMPARE(list.path, QStringLiteral("/exchange/public/md/v2/kline/list"));
        QVERIFY(list.query.contains({QStringLiteral("to"), QStringLiteral("1666856340")}));
        QVERIFY(list.query.contains({QStringLiteral("from"), QStringLiteral("1666855740")}));

        const auto candles =
            adapter.parseCandles(QJsonDocument::fromJson(fixture(QStringLiteral("phemex/rest-kline.json"))));
        QVERIFY(candles);
        QCOMPARE(candles->size(), std::size_t(2));
        QCOMPARE(candles->at(0).openTimeMs, 1666856280000); // oldest first
        QCOMPARE(candles->at(1).close, dec("20691.6"));
        QVERIFY(!adapter.parseCandles(QJsonDocument::fromJson(R"({"code":0,"data":{"rows":[[1,60,"1"]]}})")));

        const auto error =
            adapter.replyError(QJsonDocument::fromJson(fixture(QStringLiteral("phemex/rest-error.json"))));
        QVERIFY(error);
        QCOMPARE(error->venueCode, QStringLiteral("30018"));
        QCOMPARE(error->message, QStringLiteral("phemex.data.size.uplimt"));
    }
};

QTEST_GUILESS_MAIN(TestPhemexMarketData)
#include "tst_phemexmarketdata.moc"
