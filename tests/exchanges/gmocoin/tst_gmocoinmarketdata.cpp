#include "exchanges/core/streamclient.h"
#include "exchanges/gmocoin/gmocoinmarketdata.h"
#include "exchanges/venues.h"
#include "support/loopbackwsserver.h"
#include "support/recordingsink.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

class TestGmocoinMarketData : public QObject
{
    Q_OBJECT

private:
    GmocoinMarketData adapter;

    ParseResult feed(RecordingSink& sink, const QByteArray& frame, Category category = Category::Spot)
    {
        return adapter.parse(frame, category, sink);
    }
    ParseResult feedFile(RecordingSink& sink, const char* name, Category category = Category::Spot)
    {
        return feed(sink, fixture(QStringLiteral("gmocoin/") + QLatin1String(name)), category);
    }
    static QJsonDocument json(const char* name)
    {
        return QJsonDocument::fromJson(fixture(QStringLiteral("gmocoin/") + QLatin1String(name)));
    }
    static QJsonObject object(const QByteArray& message) { return QJsonDocument::fromJson(message).object(); }

private Q_SLOTS:
    void init()
    {
        adapter.reset();
        adapter.protocol().setMinimumGap(std::chrono::milliseconds(1000));
    }

    void namesTopicsAndUrlsAsGmoDoes()
    {
        ChannelRequest r;
        r.symbol = QStringLiteral("BTC");
        r.channel = Channel::Book;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("orderbooks:BTC"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("ticker:BTC"));
        r.channel = Channel::Trades;
        r.symbol = QStringLiteral("BTC_JPY");
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("trades:BTC_JPY"));
        r.channel = Channel::Candles; // no kline channel: built from trades
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("trades:BTC_JPY"));
        QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://api.coin.z.com/ws/public/v1")));
        QCOMPARE(adapter.restBaseUrl(Environment::Mainnet), QUrl(QStringLiteral("https://api.coin.z.com")));
        QCOMPARE(adapter.categories(), (QList<Category>{Category::Spot, Category::Linear}));
        QCOMPARE(adapter.venue(), QStringLiteral("gmocoin"));
        QCOMPARE(GmocoinMarketData::categoryOf(QStringLiteral("ETH")), Category::Spot);
        QCOMPARE(GmocoinMarketData::categoryOf(QStringLiteral("ETH_JPY")), Category::Linear);
        QVERIFY(marketDataVenues().contains(QStringLiteral("gmocoin")));
        QVERIFY(createMarketDataAdapter(QStringLiteral("gmocoin")));
        QCOMPARE(adapter.resyncPlan(Category::Spot, QStringLiteral("BTC"), 50).resubscribeTopics,
                 QStringList{QStringLiteral("orderbooks:BTC")});
    }

    void commandsOnePerTopicPacedByTheStreamClient()
    {
        GmocoinStreamProtocol p;
        // Over a second between commands (GMO's limit), with a margin for network jitter.
        QVERIFY(p.minimumSendInterval() > std::chrono::milliseconds(1000));
        QVERIFY(p.minimumSendInterval() < std::chrono::milliseconds(1500));
        const QList<QByteArray> subs = p.subscribeMessages(
            {QStringLiteral("orderbooks:BTC"), QStringLiteral("ticker:BTC"), QStringLiteral(":BTC")});
        QCOMPARE(subs.size(), 2); // one command per channel; a topic that is not ours sends nothing
        QCOMPARE(object(subs[0]), (QJsonObject{{QStringLiteral("command"), QStringLiteral("subscribe")},
                                               {QStringLiteral("channel"), QStringLiteral("orderbooks")},
                                               {QStringLiteral("symbol"), QStringLiteral("BTC")}}));
        QCOMPARE(object(p.unsubscribeMessages({QStringLiteral("trades:BTC_JPY")}).value(0)),
                 (QJsonObject{{QStringLiteral("command"), QStringLiteral("unsubscribe")},
                              {QStringLiteral("channel"), QStringLiteral("trades")},
                              {QStringLiteral("symbol"), QStringLiteral("BTC_JPY")}}));
        // Heartbeat: WebSocket ping frames at an ordinary interval, no application-level pong.
        QVERIFY(p.pingMessage().isEmpty());
        QVERIFY(p.pingInterval() >= std::chrono::seconds(10));
        QVERIFY(!p.isPong("{}"));
    }

    void streamClientSendsSubscriptionsSpacedNotInABurst()
    {
        LoopbackWsServer server;
        GmocoinStreamProtocol p(std::chrono::milliseconds(250));
        StreamClient client(server.url(QStringLiteral("/ws/public/v1")), p);
        QList<qint64> arrivals;
        QElapsedTimer clock;
        clock.start();
        connect(&server, &LoopbackWsServer::messageReceived, this,
                [&](const QByteArray&) { arrivals.append(clock.elapsed()); });
        client.subscribe({QStringLiteral("orderbooks:BTC"), QStringLiteral("ticker:BTC"),
                          QStringLiteral("trades:BTC"), QStringLiteral("orderbooks:ETH_JPY")});
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 4, 10000);
        for (int i = 1; i < arrivals.size(); ++i)
            QVERIFY2(arrivals[i] - arrivals[i - 1] >= 245,
                     qPrintable(QString::number(arrivals[i] - arrivals[i - 1])));
        QCOMPARE(object(server.received.last()).value(QLatin1String("symbol")).toString(),
                 QStringLiteral("ETH_JPY"));
        client.close();
    }

    void eachSnapshotReplacesTheBook()
    {
        RecordingSink sink;
        const ParseResult r = feedFile(sink, "orderbooks.json");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("orderbooks:BTC"));
        const OrderBook* book = sink.store.findBook("BTC");
        QVERIFY(book && book->isLive());
        QCOMPARE(book->bid(0), (BookLevel{dec("455600"), dec("0.2")}));
        QCOMPARE(book->ask(0), (BookLevel{dec("455659"), dec("0.1")}));
        QCOMPARE(book->askCount(), std::size_t(3));
        QVERIFY(sink.books.back().isSnapshot);
        QCOMPARE(feedFile(sink, "orderbooks-2.json").kind, ParseResult::Kind::Data);
        QVERIFY(book->isLive());
        QCOMPARE(book->bidCount(), std::size_t(1));
        QCOMPARE(book->askCount(), std::size_t(1));
        QCOMPARE(book->bid(0), (BookLevel{dec("455500"), dec("0.4")}));
        QCOMPARE(book->ask(0), (BookLevel{dec("455800"), dec("0.3")}));
    }

    void leverageBook()
    {
        RecordingSink sink;
        const ParseResult r = feedFile(sink, "orderbooks-leverage.json", Category::Linear);
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("orderbooks:BTC_JPY"));
        QCOMPARE(sink.store.findBook("BTC_JPY")->bestAsk(), dec("9876543"));
    }

    void malformedBookResyncsIt()
    {
        RecordingSink sink;
        feedFile(sink, "orderbooks.json");
        const ParseResult r = feedFile(sink, "orderbooks-bad.json");
        QCOMPARE(r.kind, ParseResult::Kind::Malformed);
        QCOMPARE(r.resyncSymbol, std::string_view("BTC"));
        QVERIFY2(r.error.contains(QLatin1String("asks")), qPrintable(r.error));
        QCOMPARE(sink.books.size(), std::size_t(1));
        const QByteArray truncated = fixture(QStringLiteral("gmocoin/orderbooks.json")).left(100);
        const ParseResult t = feed(sink, truncated);
        QCOMPARE(t.kind, ParseResult::Kind::Malformed);
        // GMO puts the symbol last: a frame cut before it cannot name its book (the next snapshot
        // replaces whichever book it was anyway).
        QVERIFY(t.resyncSymbol.empty());
        QCOMPARE(sink.books.size(), std::size_t(1));
        // The next snapshot makes the book whole again.
        QCOMPARE(feedFile(sink, "orderbooks-2.json").kind, ParseResult::Kind::Data);
        QVERIFY(sink.store.findBook("BTC")->isLive());
    }

    void readsTicker()
    {
        RecordingSink sink;
        QCOMPARE(feedFile(sink, "ticker.json").kind, ParseResult::Kind::Data);
        QCOMPARE(sink.tickers.size(), std::size_t(1));
        const Ticker& t = sink.tickers[0].first;
        QVERIFY(sink.tickers[0].second);
        QCOMPARE(t.symbol, QStringLiteral("BTC"));
        QCOMPARE(t.askPrice, dec("750760"));
        QCOMPARE(t.bidPrice, dec("750600"));
        QCOMPARE(t.lastPrice, dec("756662"));
        QCOMPARE(t.highPrice24h, dec("762302"));
        QCOMPARE(t.lowPrice24h, dec("704874"));
        QCOMPARE(t.volume24h, dec("194785.8484"));
        QCOMPARE(t.timestampMs, qint64(1522413296789));
    }

    void readsTradesAndBuildsCandles()
    {
        RecordingSink sink;
        ChannelRequest r;
        r.channel = Channel::Candles;
        r.symbol = QStringLiteral("BTC");
        r.interval = CandleInterval::OneMinute;
        adapter.topic(Category::Spot, r);
        const ParseResult p = feedFile(sink, "trades.json");
        QCOMPARE(p.kind, ParseResult::Kind::Data);
        QCOMPARE(p.topic, std::string_view("trades:BTC"));
        QCOMPARE(feedFile(sink, "trades-sell.json").kind, ParseResult::Kind::Data);
        QCOMPARE(sink.trades.size(), std::size_t(2));
        QCOMPARE(sink.trades[0].price, dec("750760"));
        QCOMPARE(sink.trades[0].takerSide, Side::Buy);
        QCOMPARE(sink.trades[1].takerSide, Side::Sell);
        QCOMPARE(sink.trades[1].size, dec("0.05"));
        QCOMPARE(sink.trades[0].timestampMs, qint64(1522413296789));
        // 12:34:56 then 12:35:01: the first minute closes, the second opens.
        QCOMPARE(sink.candles.size(), std::size_t(3));
        QVERIFY(sink.candles[1].candle.closed);
        QCOMPARE(sink.candles[1].candle.close, dec("750760"));
        QCOMPARE(sink.candles[2].candle.open, dec("750700"));
        QCOMPARE(sink.candles[2].candle.openTimeMs, qint64(1522413300000));
    }

    void refusalsAreRejectedVerbatim()
    {
        RecordingSink sink;
        const ParseResult r = feedFile(sink, "error-rate.json");
        QCOMPARE(r.kind, ParseResult::Kind::Rejected);
        QVERIFY(r.error.contains(QLatin1String("ERR-5003 Request too many.")));
    }

    void malformedInputNeverCrashes()
    {
        RecordingSink sink;
        const QList<QByteArray> bad = {
            "",
            "not json",
            "[]",
            "{",
            R"({"channel":"orderbooks","symbol":"BTC","asks":[]})",
            R"({"channel":"orderbooks","symbol":"BTC","asks":{},"bids":[]})",
            R"({"channel":"orderbooks","symbol":"BTC","asks":[{"price":"-1","size":"1"}],"bids":[]})",
            R"({"channel":"ticker","symbol":"BTC","last":123})",
            R"({"channel":"trades","symbol":"BTC","price":"1","size":"1","side":"UP","timestamp":"2018-03-30T12:34:56.789Z"})",
            R"({"channel":"trades","symbol":"BTC","price":"1","size":"1","side":"BUY","timestamp":"yesterday"})",
            R"({"channel":"trades","price":"1","size":"1","side":"BUY","timestamp":"2018-03-30T12:34:56.789Z"})",
        };
        for (const QByteArray& frame : bad) {
            const ParseResult r = feed(sink, frame);
            QVERIFY2(r.kind == ParseResult::Kind::Malformed, frame.constData());
            QVERIFY(!r.error.isEmpty());
        }
        QVERIFY(sink.books.empty() && sink.trades.empty() && sink.tickers.empty());
        QCOMPARE(feed(sink, R"({"channel":"unknown","symbol":"BTC"})").kind, ParseResult::Kind::Ignored);
    }

    void readsSymbolsIntoSpotAndLeverage()
    {
        const auto spot = adapter.parseInstruments(Category::Spot, json("rest-symbols.json"));
        QVERIFY(spot.hasValue());
        QCOMPARE(spot.value().size(), std::size_t(2));
        const Instrument& btc = spot.value()[0];
        QCOMPARE(btc.symbol, QStringLiteral("BTC"));
        QCOMPARE(btc.category, Category::Spot);
        QCOMPARE(btc.baseAsset, QStringLiteral("BTC"));
        QCOMPARE(btc.quoteAsset, QStringLiteral("JPY"));
        QCOMPARE(btc.tickSize, dec("1"));
        QCOMPARE(btc.lotSize, dec("0.0001"));
        QCOMPARE(btc.minQuantity, dec("0.0001"));
        QCOMPARE(btc.maxQuantity, dec("5"));
        const auto lev = adapter.parseInstruments(Category::Linear, json("rest-symbols.json"));
        QVERIFY(lev.hasValue());
        QCOMPARE(lev.value().size(), std::size_t(2));
        QCOMPARE(lev.value()[1].symbol, QStringLiteral("XRP_JPY"));
        QCOMPARE(lev.value()[1].tickSize, dec("0.001"));
        QCOMPARE(lev.value()[1].baseAsset, QStringLiteral("XRP"));
        QCOMPARE(lev.value()[1].quoteAsset, QStringLiteral("JPY"));
        QCOMPARE(adapter.instrumentsRequest(Category::Spot).path, QStringLiteral("/public/v1/symbols"));
        const auto err = adapter.parseInstruments(Category::Spot, json("rest-error.json"));
        QVERIFY(!err.hasValue());
        QVERIFY(err.error().message.contains(QLatin1String("ERR-5201")));
        QVERIFY(err.error().message.contains(QLatin1String("MAINTENANCE. Please wait for a while")));
    }

    void klinesByTradingDayOrYear()
    {
        // 2021-04-16 20:59:59.999 UTC = 05:59:59.999 JST on the 17th: still the 16th's trading day.
        const RestRequest r = adapter.candlesRequest(Category::Spot, QStringLiteral("BTC"),
                                                     CandleInterval::OneMinute, 1618606799999, 500);
        QCOMPARE(r.path, QStringLiteral("/public/v1/klines"));
        QCOMPARE(r.query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("symbol"), QStringLiteral("BTC")},
                                                 {QStringLiteral("interval"), QStringLiteral("1min")},
                                                 {QStringLiteral("date"), QStringLiteral("20210416")}}));
        QCOMPARE(GmocoinMarketData::klineDate(CandleInterval::OneHour, 1618606800000),
                 QStringLiteral("20210417"));
        // 4hour and 1day take a year (JST): 2020-12-31 15:00 UTC is 2021 in Japan.
        QCOMPARE(GmocoinMarketData::klineDate(CandleInterval::OneDay, 1609426800000), QStringLiteral("2021"));
        QCOMPARE(GmocoinMarketData::klineInterval(CandleInterval::FourHours), QStringLiteral("4hour"));
        const auto candles = adapter.parseCandles(json("rest-klines.json"));
        QVERIFY(candles.hasValue());
        QCOMPARE(candles.value().size(), std::size_t(2));
        QCOMPARE(candles.value()[0].openTimeMs, qint64(1618588800000));
        QCOMPARE(candles.value()[0].high, dec("6518250"));
        QCOMPARE(candles.value()[1].close, dec("6418245"));
        QVERIFY(candles.value()[0].closed);
        QVERIFY(!candles.value()[1].closed);
        const auto err = adapter.parseCandles(json("rest-error.json"));
        QVERIFY(!err.hasValue());
        const auto e = adapter.replyError(json("rest-error.json"));
        QVERIFY(e);
        QCOMPARE(e->venueCode, QStringLiteral("ERR-5201"));
        QCOMPARE(e->message, QStringLiteral("MAINTENANCE. Please wait for a while"));
        QVERIFY(!adapter.replyError(json("rest-klines.json")));
    }
};

QTEST_GUILESS_MAIN(TestGmocoinMarketData)
#include "tst_gmocoinmarketdata.moc"
