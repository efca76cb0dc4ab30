#include "exchanges/bitflyer/bitflyermarketdata.h"
#include "support/recordingsink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestBitflyerMarketData : public QObject
{
    Q_OBJECT

private:
    BitflyerMarketData adapter;

    ParseResult feed(RecordingSink& sink, const QByteArray& frame, Category category = Category::Spot)
    {
        return adapter.parse(frame, category, sink);
    }
    ParseResult feedFile(RecordingSink& sink, const char* name, Category category = Category::Spot)
    {
        return feed(sink, fixture(QStringLiteral("bitflyer/") + QLatin1String(name)), category);
    }

    static QJsonDocument json(const char* name)
    {
        return QJsonDocument::fromJson(fixture(QStringLiteral("bitflyer/") + QLatin1String(name)));
    }

private Q_SLOTS:
    void init() { adapter.reset(); }

    void namesTopicsAndUrlsAsBitflyerDoes()
    {
        ChannelRequest r;
        r.symbol = QStringLiteral("BTC_JPY");
        r.channel = Channel::Book;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("lightning_board_BTC_JPY"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("lightning_ticker_BTC_JPY"));
        r.channel = Channel::Trades;
        r.symbol = QStringLiteral("FX_BTC_JPY");
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("lightning_executions_FX_BTC_JPY"));
        QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://ws.lightstream.bitflyer.com/json-rpc")));
        QCOMPARE(adapter.restBaseUrl(Environment::Mainnet), QUrl(QStringLiteral("https://api.bitflyer.com")));
        QCOMPARE(adapter.categories(), (QList<Category>{Category::Spot, Category::Linear}));
        QCOMPARE(adapter.venue(), QStringLiteral("bitflyer"));
    }

    void subscribesBothBoardChannelsOverJsonRpc()
    {
        const StreamProtocol& p = adapter.streamProtocol();
        const QList<QByteArray> sub = p.subscribeMessages(
            {QStringLiteral("lightning_board_BTC_JPY"), QStringLiteral("lightning_ticker_BTC_JPY")});
        QCOMPARE(sub.size(), 3);
        QStringList channels;
        QList<int> ids;
        for (const QByteArray& m : sub) {
            const QJsonObject o = QJsonDocument::fromJson(m).object();
            QCOMPARE(o.value(QLatin1String("jsonrpc")).toString(), QStringLiteral("2.0"));
            QCOMPARE(o.value(QLatin1String("method")).toString(), QStringLiteral("subscribe"));
            channels.append(
                o.value(QLatin1String("params")).toObject().value(QLatin1String("channel")).toString());
            ids.append(o.value(QLatin1String("id")).toInt());
        }
        QCOMPARE(channels, (QStringList{QStringLiteral("lightning_board_snapshot_BTC_JPY"),
                                        QStringLiteral("lightning_board_BTC_JPY"),
                                        QStringLiteral("lightning_ticker_BTC_JPY")}));
        QVERIFY(ids[0] != ids[1] && ids[1] != ids[2]);
        const QList<QByteArray> unsub = p.unsubscribeMessages({QStringLiteral("lightning_board_FX_BTC_JPY")});
        QCOMPARE(unsub.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(unsub[0]).object().value(QLatin1String("method")).toString(),
                 QStringLiteral("unsubscribe"));
        // No application-level heartbeat: WebSocket ping frames keep the connection.
        QVERIFY(p.pingMessage().isEmpty());
        QVERIFY(!p.isPong("{}"));
        // A resync resubscribes the book topic, that is both channels: the snapshot comes again.
        QCOMPARE(adapter.resyncPlan(Category::Spot, QStringLiteral("BTC_JPY"), 50).resubscribeTopics,
                 QStringList{QStringLiteral("lightning_board_BTC_JPY")});
    }

    void buildsBookFromSnapshotThenDiffs()
    {
        RecordingSink sink;
        const ParseResult snap = feedFile(sink, "board-snapshot.json");
        QCOMPARE(snap.kind, ParseResult::Kind::Data);
        QCOMPARE(snap.topic, std::string_view("lightning_board_BTC_JPY"));
        const OrderBook* book = sink.store.findBook("BTC_JPY");
        QVERIFY(book && book->isLive());
        // Unsorted arrays, sorted by the book.
        QCOMPARE(book->bid(0), (BookLevel{dec("33310"), dec("0.5")}));
        QCOMPARE(book->ask(0), (BookLevel{dec("33330"), dec("0.25")}));
        QCOMPARE(book->bidCount(), std::size_t(3));

        const ParseResult diff = feedFile(sink, "board-diff.json");
        QCOMPARE(diff.kind, ParseResult::Kind::Data);
        QCOMPARE(diff.topic, std::string_view("lightning_board_BTC_JPY"));
        QCOMPARE(sink.books.back().rule, OrderBook::SequenceRule::None);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::Applied);
        // 33310 resized, 30000 deleted (size 0), 33300 added with one satoshi; ask 36700 deleted.
        QCOMPARE(book->bidCount(), std::size_t(3));
        QCOMPARE(book->bid(0), (BookLevel{dec("33310"), dec("0.75")}));
        QCOMPARE(book->bid(1), (BookLevel{dec("33300"), dec("0.00000001")}));
        QCOMPARE(book->bid(2), (BookLevel{dec("25570"), dec("3")}));
        QCOMPARE(book->askCount(), std::size_t(3));
        QCOMPARE(book->ask(1), (BookLevel{dec("33335"), dec("2.5")}));
        QCOMPARE(book->ask(2), (BookLevel{dec("36640"), dec("5")}));
    }

    void deletesLevelsTheMidPriceRulesOut()
    {
        RecordingSink sink;
        feedFile(sink, "board-snapshot.json");
        feedFile(sink, "board-diff.json");
        // mid_price 33340: the asks at 33330 and 33335 are stale, the diff never deleted them.
        QCOMPARE(feedFile(sink, "board-diff-stale.json").kind, ParseResult::Kind::Data);
        const OrderBook* book = sink.store.findBook("BTC_JPY");
        QVERIFY(book->isLive());
        QCOMPARE(book->bestBid(), dec("33339"));
        QCOMPARE(book->bestAsk(), dec("33341"));
        QCOMPARE(book->askCount(), std::size_t(2));
    }

    void diffsBeforeTheFirstSnapshotAreIgnored()
    {
        RecordingSink sink;
        const ParseResult r = feedFile(sink, "board-diff.json");
        QCOMPARE(r.kind, ParseResult::Kind::Ignored);
        QVERIFY(sink.books.empty());
        QVERIFY(!sink.store.findBook("BTC_JPY"));
    }

    void aNewSnapshotReplacesTheBook()
    {
        RecordingSink sink;
        feedFile(sink, "board-snapshot.json");
        feedFile(sink, "board-diff.json");
        QCOMPARE(feedFile(sink, "board-snapshot-2.json").kind, ParseResult::Kind::Data);
        const OrderBook* book = sink.store.findBook("BTC_JPY");
        QVERIFY(book->isLive());
        QCOMPARE(book->bidCount(), std::size_t(1));
        QCOMPARE(book->askCount(), std::size_t(1));
        QCOMPARE(book->bid(0), (BookLevel{dec("33490"), dec("0.2")}));
        QCOMPARE(book->ask(0), (BookLevel{dec("33510"), dec("0.3")}));
        // The adapter's own view was replaced too: a diff's mid price trims against the new book.
        QCOMPARE(feedFile(sink, "board-diff-stale.json").kind, ParseResult::Kind::Data);
        QCOMPARE(book->bestBid(), dec("33339"));
        QVERIFY(book->isLive());
    }

    void crossedBookResyncs()
    {
        RecordingSink sink;
        feedFile(sink, "board-snapshot.json");
        feedFile(sink, "board-diff.json");
        // A bid above the best ask, with no mid price to rule it out: the book cannot be trusted.
        QCOMPARE(feedFile(sink, "board-diff-crossed.json").kind, ParseResult::Kind::Data);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::Crossed);
        const OrderBook* book = sink.store.findBook("BTC_JPY");
        QCOMPARE(book->state(), OrderBook::State::Resyncing);
        // Further diffs are not applied (the feed resubscribes on NoSnapshot) until the next snapshot.
        feedFile(sink, "board-diff.json");
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::NoSnapshot);
        feedFile(sink, "board-snapshot-2.json");
        QVERIFY(book->isLive());
    }

    void malformedBookFrameResyncsThatBook()
    {
        RecordingSink sink;
        feedFile(sink, "board-snapshot.json");
        const ParseResult r = feedFile(sink, "board-diff-bad.json");
        QCOMPARE(r.kind, ParseResult::Kind::Malformed);
        QCOMPARE(r.resyncSymbol, std::string_view("BTC_JPY"));
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(sink.books.size(), std::size_t(1));
        // No diff applies until a new snapshot.
        QCOMPARE(feedFile(sink, "board-diff.json").kind, ParseResult::Kind::Ignored);
        // Truncated JSON still names the book it belonged to.
        const QByteArray truncated = fixture(QStringLiteral("bitflyer/board-diff.json")).left(120);
        const ParseResult t = feed(sink, truncated);
        QCOMPARE(t.kind, ParseResult::Kind::Malformed);
        QCOMPARE(t.resyncSymbol, std::string_view("BTC_JPY"));
    }

    void itayoseMarketOrdersAreSkipped()
    {
        RecordingSink sink;
        feedFile(sink, "board-snapshot.json");
        QCOMPARE(feedFile(sink, "board-diff-itayose.json").kind, ParseResult::Kind::Data);
        const OrderBook* book = sink.store.findBook("BTC_JPY");
        QVERIFY(book->isLive());
        QCOMPARE(book->bidCount(), std::size_t(3));
        QCOMPARE(book->askCount(), std::size_t(3));
    }

    void fxBoardWithMessageBeforeChannel()
    {
        RecordingSink sink;
        QCOMPARE(feedFile(sink, "board-snapshot-fx.json", Category::Linear).kind, ParseResult::Kind::Data);
        const ParseResult r = feedFile(sink, "board-diff-fx.json", Category::Linear);
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("lightning_board_FX_BTC_JPY"));
        const OrderBook* book = sink.store.findBook("FX_BTC_JPY");
        QVERIFY(book && book->isLive());
        QCOMPARE(book->bid(0), (BookLevel{dec("1080400"), dec("0.05")}));
        // 1E-05 read exactly.
        QCOMPARE(book->ask(0), (BookLevel{dec("1080600"), dec("0.00001")}));
    }

    void readsTicker()
    {
        RecordingSink sink;
        const ParseResult r = feedFile(sink, "ticker.json");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("lightning_ticker_BTC_JPY"));
        QCOMPARE(sink.tickers.size(), std::size_t(1));
        const Ticker& t = sink.tickers[0].first;
        QVERIFY(sink.tickers[0].second);
        QCOMPARE(t.symbol, QStringLiteral("BTC_JPY"));
        QCOMPARE(t.bidPrice, dec("580006"));
        QCOMPARE(t.askPrice, dec("580771"));
        QCOMPARE(t.bidSize, dec("2.00000013"));
        QCOMPARE(t.askSize, dec("0.4"));
        QCOMPARE(t.lastPrice, dec("580790"));
        QCOMPARE(t.volume24h, dec("6703.96837634"));
        QVERIFY(!t.highPrice24h);
        QCOMPARE(t.timestampMs, 1554959652373);
    }

    void readsExecutionsAndBuildsCandlesFromThem()
    {
        ChannelRequest candles;
        candles.channel = Channel::Candles;
        candles.symbol = QStringLiteral("BTC_JPY");
        candles.interval = CandleInterval::OneMinute;
        QCOMPARE(adapter.topic(Category::Spot, candles), QStringLiteral("lightning_executions_BTC_JPY"));

        RecordingSink sink;
        const ParseResult r = feedFile(sink, "executions.json");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(sink.trades.size(), std::size_t(3));
        QCOMPARE(sink.trades[0].id, QStringLiteral("39361"));
        QCOMPARE(sink.trades[0].takerSide, Side::Sell);
        QCOMPARE(sink.trades[0].price, dec("35100"));
        QCOMPARE(sink.trades[0].size, dec("0.01"));
        QCOMPARE(sink.trades[0].timestampMs, 1436265873547);
        QCOMPARE(sink.trades[1].takerSide, Side::Buy);
        QCOMPARE(sink.trades[1].timestampMs, 1436265899123);
        QCOMPARE(sink.trades[2].symbol, QStringLiteral("BTC_JPY"));

        // 10:44 closed (two trades), 10:45 forming (one trade).
        QCOMPARE(sink.candles.size(), std::size_t(2));
        const Candle& first = sink.candles[0].candle;
        QVERIFY(first.closed);
        QCOMPARE(first.openTimeMs, 1436265840000);
        QCOMPARE(first.open, dec("35100"));
        QCOMPARE(first.high, dec("35120"));
        QCOMPARE(first.close, dec("35120"));
        QCOMPARE(first.volume, dec("0.51"));
        QCOMPARE(first.turnover, dec("17911"));
        const Candle& second = sink.candles[1].candle;
        QVERIFY(!second.closed);
        QCOMPARE(second.openTimeMs, 1436265900000);
        QCOMPARE(second.close, dec("35110"));
    }

    void noCandleHistory()
    {
        const RestRequest req = adapter.candlesRequest(Category::Spot, QStringLiteral("BTC_JPY"),
                                                       CandleInterval::OneHour, 0, 200);
        QCOMPARE(req.path, QStringLiteral("/v1/getboardstate"));
        const auto empty =
            adapter.parseCandles(QJsonDocument::fromJson(R"({"health":"NORMAL","state":"RUNNING"})"));
        QVERIFY(empty);
        QVERIFY(empty.value().empty());
        QVERIFY(!adapter.parseCandles(json("rest-error.json")));
    }

    void answersRepliesAndErrors()
    {
        RecordingSink sink;
        QCOMPARE(feedFile(sink, "subscribe-result.json").kind, ParseResult::Kind::Control);
        const ParseResult e = feedFile(sink, "subscribe-error.json");
        QCOMPARE(e.kind, ParseResult::Kind::Rejected);
        QVERIFY2(e.error.contains(QStringLiteral("Invalid params")), qPrintable(e.error));
        QVERIFY(e.error.contains(QStringLiteral("-32602")));
    }

    void malformedInputNeverCrashes()
    {
        RecordingSink sink;
        const QList<QByteArray> bad{
            "",
            "not json",
            "[]",
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_ticker_BTC_JPY"}})",
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_ticker_BTC_JPY","message":[1]}})",
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_executions_BTC_JPY","message":{"id":1}}})",
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_executions_BTC_JPY","message":[{"id":1,"side":"UP","price":1,"size":1,"exec_date":"2015-07-07T10:44:33Z"}]}})",
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_executions_BTC_JPY","message":[{"id":1,"side":"BUY","price":1,"size":1,"exec_date":"yesterday"}]}})",
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_board_snapshot_BTC_JPY","message":{"bids":[]}}})",
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_board_snapshot_BTC_JPY","message":{"bids":[{"price":1,"size":-1}],"asks":[]}}})",
            R"({"jsonrpc":"2.0","method":"channelMessage","params":"x"})",
        };
        for (const QByteArray& frame : bad) {
            const ParseResult r = feed(sink, frame);
            QVERIFY2(r.kind == ParseResult::Kind::Malformed, frame.constData());
            QVERIFY(!r.error.isEmpty());
        }
        QVERIFY(sink.books.empty());
        // A channel we do not read (private events on a public parser) is ignored, not an error.
        QCOMPARE(
            feed(
                sink,
                R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"child_order_events","message":[]}})")
                .kind,
            ParseResult::Kind::Ignored);
    }

    void parsesBitflyerTimes()
    {
        QCOMPARE(BitflyerMarketData::parseTimeMs("2015-07-08T02:43:34.823Z"), 1436323414823);
        QCOMPARE(BitflyerMarketData::parseTimeMs("2015-07-08T02:43:34"), 1436323414000);
        QCOMPARE(BitflyerMarketData::parseTimeMs("2024-02-29T00:00:00.9999999Z"), 1709164800999);
        QVERIFY(!BitflyerMarketData::parseTimeMs("2015-07-08"));
        QVERIFY(!BitflyerMarketData::parseTimeMs("2015-13-08T02:43:34Z"));
        QVERIFY(!BitflyerMarketData::parseTimeMs("2015-07-08T02:43:34.Z"));
    }

    void readsMarketsWithPublishedRules()
    {
        QCOMPARE(adapter.instrumentsRequest(Category::Spot).path, QStringLiteral("/v1/markets"));
        const auto spot = adapter.parseInstruments(Category::Spot, json("rest-markets.json"));
        QVERIFY(spot);
        // XRP_JPY: no published rules here, so not offered; futures are not Spot.
        QCOMPARE(spot.value().size(), std::size_t(4));
        const Instrument& btc = spot.value()[0];
        QCOMPARE(btc.symbol, QStringLiteral("BTC_JPY"));
        QCOMPARE(btc.category, Category::Spot);
        QCOMPARE(btc.baseAsset, QStringLiteral("BTC"));
        QCOMPARE(btc.quoteAsset, QStringLiteral("JPY"));
        QCOMPARE(btc.tickSize, dec("1"));
        QCOMPARE(btc.lotSize, dec("0.00000001"));
        QCOMPARE(btc.minQuantity, dec("0.001"));
        QCOMPARE(spot.value()[1].symbol, QStringLiteral("ETH_JPY"));
        QCOMPARE(spot.value()[1].minQuantity, dec("0.01"));
        QCOMPARE(spot.value()[2].quoteAsset, QStringLiteral("BTC"));
        QCOMPARE(spot.value()[2].tickSize, dec("0.00001"));

        const auto fx = adapter.parseInstruments(Category::Linear, json("rest-markets.json"));
        QVERIFY(fx);
        QCOMPARE(fx.value().size(), std::size_t(1));
        QCOMPARE(fx.value()[0].symbol, QStringLiteral("FX_BTC_JPY"));
        QCOMPARE(fx.value()[0].category, Category::Linear);
        QCOMPARE(fx.value()[0].baseAsset, QStringLiteral("BTC"));
        QCOMPARE(fx.value()[0].quoteAsset, QStringLiteral("JPY"));
        QCOMPARE(fx.value()[0].tickSize, dec("1"));

        const auto error = adapter.parseInstruments(Category::Spot, json("rest-error.json"));
        QVERIFY(!error);
        QVERIFY(error.error().message.contains(QStringLiteral("Order is not accepted")));
        const auto re = adapter.replyError(json("rest-error.json"));
        QVERIFY(re);
        QCOMPARE(re->venueCode, QStringLiteral("-208"));
        QVERIFY(!adapter.replyError(json("rest-markets.json")));
    }
};

QTEST_GUILESS_MAIN(TestBitflyerMarketData)
#include "tst_bitflyermarketdata.moc"
