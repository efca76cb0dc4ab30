// MarketDataFeed with the Binance adapter against a loopback venue: the WebSocket diff stream and
// the REST depth snapshot come from 127.0.0.1, and the venue misbehaves on command.
#include "exchanges/binance/binancemarketdata.h"
#include "exchanges/core/marketdatafeed.h"
#include "support/loopbackhttpserver.h"
#include "support/loopbackwsserver.h"
#include "support/recordingsink.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

namespace {
QByteArray diff(std::int64_t first, std::int64_t last, const char* bids, const char* asks = "[]")
{
    return QStringLiteral(
               R"({"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":%1,"u":%2,"b":%3,"a":%4}})")
        .arg(first)
        .arg(last)
        .arg(QLatin1String(bids), QLatin1String(asks))
        .toUtf8();
}
QByteArray snapshot(std::int64_t id)
{
    return QStringLiteral(
               R"({"lastUpdateId":%1,"bids":[["0.00240000","14.00000000"],["0.00230000","20.00000000"]],"asks":[["0.00260000","100.00000000"]]})")
        .arg(id)
        .toUtf8();
}
} // namespace

class TestBinanceFeed : public QObject
{
    Q_OBJECT

private:
    struct Rig
    {
        LoopbackWsServer ws;
        LoopbackHttpServer http;
        QNetworkAccessManager network;
        BinanceMarketData adapter;
        MarketStore store;
        RecordingSink observed; // every book update the feed applied, in order
        std::unique_ptr<MarketDataFeed> feed;
        // What the venue answers to GET /api/v3/depth, one entry per request (the last one repeats).
        QList<LoopbackHttpServer::Response> snapshots;
        int snapshotRequests = 0;

        // Spot: one connection, ws. USDⓈ-M: depth on ws (/public); trades, klines and tickers (with
        // their mark price) on marketWs (/market).
        LoopbackWsServer marketWs;

        explicit Rig(Category category = Category::Spot)
        {
            const bool spot = category == Category::Spot;
            http.json(spot ? QStringLiteral("/api/v3/exchangeInfo") : QStringLiteral("/fapi/v1/exchangeInfo"),
                      fixture(spot ? QStringLiteral("binance/rest-exchangeinfo-spot.json")
                                   : QStringLiteral("binance/rest-exchangeinfo-futures.json")));
            http.json(QStringLiteral("/fapi/v1/klines"), fixture(QStringLiteral("binance/rest-klines.json")));
            http.json(QStringLiteral("/fapi/v1/depth"),
                      fixture(QStringLiteral("binance/futures-depth-snapshot.json")));
            http.route(QStringLiteral("/api/v3/depth"), [this](const LoopbackHttpServer::Request& request) {
                const int i = std::min(snapshotRequests++, static_cast<int>(snapshots.size()) - 1);
                if (request.url.query() != QLatin1String("symbol=BNBBTC&limit=1000"))
                    return LoopbackHttpServer::Response{400, R"({"code":-1100,"msg":"bad query"})", {}};
                return snapshots.at(i);
            });
            MarketDataFeed::Options o;
            o.streamUrl = ws.url(spot ? QStringLiteral("/stream") : QStringLiteral("/public/stream"));
            if (!spot) {
                const QUrl market = marketWs.url(QStringLiteral("/market/stream"));
                o.channelStreamUrls = {
                    {Channel::Trades, market}, {Channel::Candles, market}, {Channel::Ticker, market}};
            }
            o.restUrl = http.baseUrl();
            o.stream.initialBackoff = 50ms;
            o.stream.maxBackoff = 400ms;
            // Binance keeps a quiet connection alive with WebSocket pings every 20 s; the tests keep it
            // quiet for longer than Bybit's tests do.
            o.stream.deadAfter = 30s;
            feed = std::make_unique<MarketDataFeed>(adapter, category, store, &network, o);
            feed->setObserver(&observed);
        }
        const OrderBook& book() { return store.book("BNBBTC"); }
        void subscribeAndStart()
        {
            ChannelRequest r;
            r.channel = Channel::Book;
            r.symbol = QStringLiteral("BNBBTC");
            feed->subscribe({r});
            feed->start();
        }
        bool subscribed(int times = 1) const
        {
            int n = 0;
            for (const QByteArray& m : ws.received)
                n += m.contains("\"SUBSCRIBE\"") && m.contains("bnbbtc@depth@100ms") ? 1 : 0;
            return n >= times;
        }
    };

    // How many of the messages a server received are the method ("SUBSCRIBE", quoted) naming topic.
    static qsizetype sent(const LoopbackWsServer& ws, const char* method, const char* topic)
    {
        return std::count_if(ws.received.begin(), ws.received.end(),
                             [&](const QByteArray& m) { return m.contains(method) && m.contains(topic); });
    }

    static ChannelRequest request(Channel channel, const char* symbol)
    {
        ChannelRequest r;
        r.channel = channel;
        r.symbol = QString::fromLatin1(symbol);
        return r;
    }

    static QList<OrderBook::State> states(const QSignalSpy& spy)
    {
        QList<OrderBook::State> out;
        for (const QList<QVariant>& args : spy)
            out.append(args.at(1).value<OrderBook::State>());
        return out;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<OrderBook::State>("OrderBook::State"); }

    void bookGoesLiveOnlyFromTheRestSnapshot()
    {
        Rig rig;
        rig.snapshots = {{200, snapshot(160), {}}};
        rig.subscribeAndStart();
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscribed(), 5000);
        QCOMPARE(rig.snapshotRequests, 0); // the first diff asks for it, as Binance's procedure says

        rig.ws.send(diff(157, 160, R"([["0.00240000","14.00000000"]])"));
        rig.ws.send(diff(161, 163, R"([["0.00240000","10.00000000"]])"));
        rig.ws.send(diff(164, 165, R"([["0.00230000","0.00000000"],["0.00250000","3.00000000"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive() && rig.book().sequence() == 165, 5000);
        QCOMPARE(rig.snapshotRequests, 1);
        QVERIFY(!rig.observed.books.empty());
        QVERIFY(rig.observed.books.front().isSnapshot); // no diff reached the book before it
        QCOMPARE(rig.book().bid(0), (BookLevel{dec("0.00250000"), dec("3.00000000")}));
        QCOMPARE(rig.book().bid(1), (BookLevel{dec("0.00240000"), dec("10.00000000")}));
        QCOMPARE(rig.book().bidCount(), std::size_t(2));
    }

    void gapResyncsFromAFreshSnapshot()
    {
        Rig rig;
        QSignalSpy bookStates(rig.feed.get(), &MarketDataFeed::bookStateChanged);
        rig.snapshots = {{200, snapshot(160), {}}};
        rig.subscribeAndStart();
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscribed(), 5000);
        rig.ws.send(diff(161, 163, R"([["0.00240000","10.00000000"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive() && rig.book().sequence() == 163, 5000);

        // The venue skips update 164: U = 165 after u = 163.
        rig.snapshots = {{200, snapshot(166), {}}};
        const int liveBefore = static_cast<int>(states(bookStates).count(OrderBook::State::Live));
        rig.ws.send(diff(165, 166, R"([["0.00240000","9.00000000"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(states(bookStates).contains(OrderBook::State::Resyncing), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.snapshotRequests, 2, 5000);
        rig.ws.send(diff(167, 167, R"([["0.00240000","8.00000000"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive() && rig.book().sequence() == 167, 5000);
        QCOMPARE(rig.book().bid(0), (BookLevel{dec("0.00240000"), dec("8.00000000")}));
        // Live → Resyncing → Live: the book was never shown live across the gap.
        const QList<OrderBook::State> seen = states(bookStates);
        QCOMPARE(seen.count(OrderBook::State::Live), liveBefore + 1);
        QCOMPARE(seen.last(), OrderBook::State::Live);
        QCOMPARE(seen.at(seen.size() - 2), OrderBook::State::Resyncing);
    }

    void failedSnapshotsKeepTheBookResyncingAndAreRetried()
    {
        Rig rig;
        QSignalSpy problems(rig.feed.get(), &MarketDataFeed::problem);
        rig.snapshots = {
            {500, R"({"code":-1000,"msg":"An unknown error occurred while processing the request."})", {}},
            {429, R"({"code":-1003,"msg":"Too many requests."})", {{"Retry-After", "1"}}},
            {200, snapshot(160), {}}};
        rig.subscribeAndStart();
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscribed(), 5000);
        rig.ws.send(diff(161, 163, R"([["0.00240000","10.00000000"]])"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.snapshotRequests, 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!problems.isEmpty(), 5000);
        QVERIFY2(problems.last().first().toString().contains(QStringLiteral("An unknown error occurred")),
                 qPrintable(problems.last().first().toString()));
        QVERIFY(!rig.book().isLive());

        // Retried after the resync delay even though no diff arrives meanwhile; 429 → Retry-After.
        QTRY_COMPARE_WITH_TIMEOUT(rig.snapshotRequests, 2, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(
            problems.last().first().toString().contains(QStringLiteral("Too many requests")), 5000);
        QVERIFY(!rig.book().isLive());
        QTRY_COMPARE_WITH_TIMEOUT(rig.snapshotRequests, 3, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive() && rig.book().sequence() == 163, 5000);
    }

    void futuresTradesAndKlinesGoToTheMarketConnection()
    {
        // USDⓈ-M: depth on /public, trades and klines on /market — two connections, one feed.
        Rig rig(Category::Linear);
        LoopbackWsServer& publicWs = rig.ws;
        LoopbackWsServer& marketWs = rig.marketWs;
        MarketStore& store = rig.store;
        MarketDataFeed& feed = *rig.feed;
        QList<ChannelRequest> requests;
        for (Channel c : {Channel::Book, Channel::Trades, Channel::Candles})
            requests.append(request(c, "BTCUSDT"));
        feed.subscribe(requests);
        feed.start();
        const auto subscribed = [](const LoopbackWsServer& ws, const char* topic) {
            return sent(ws, "\"SUBSCRIBE\"", topic) > 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(subscribed(publicWs, "btcusdt@depth@100ms") &&
                                     subscribed(marketWs, "btcusdt@aggTrade") &&
                                     subscribed(marketWs, "btcusdt@kline_1m"),
                                 5000);
        QVERIFY(!subscribed(publicWs, "btcusdt@aggTrade"));
        QVERIFY(!subscribed(marketWs, "btcusdt@depth@100ms"));

        marketWs.send(fixture(QStringLiteral("binance/futures-aggtrade.json")));
        QTRY_VERIFY_WITH_TIMEOUT(store.findTrades(QStringLiteral("BTCUSDT")) != nullptr, 5000);
        QCOMPARE(store.findTrades(QStringLiteral("BTCUSDT"))->back().id, QStringLiteral("5933014"));
        for (const QByteArray& frame :
             fixture(QStringLiteral("binance/futures-depth-diffs.jsonl")).split('\n'))
            publicWs.send(frame);
        QTRY_VERIFY_WITH_TIMEOUT(store.book("BTCUSDT").isLive() && store.book("BTCUSDT").sequence() == 170,
                                 5000);

        // The market connection dropping leaves the book alone.
        marketWs.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(marketWs.connectionCount() == 2, 5000);
        QVERIFY(store.book("BTCUSDT").isLive());
        feed.stop();
    }

    // A USDⓈ-M ticker brings <symbol>@markPrice@1s along on /market: subscribed with it, again after a
    // reconnect, and unsubscribed with it; its frames fill the ticker's mark, index and funding.
    void futuresTickerBringsTheMarkPriceStream()
    {
        Rig rig(Category::Linear);
        LoopbackWsServer& marketWs = rig.marketWs;
        MarketStore& store = rig.store;
        MarketDataFeed& feed = *rig.feed;
        const ChannelRequest ticker = request(Channel::Ticker, "BTCUSDT");
        feed.subscribe({ticker});
        feed.start();
        const auto& count = sent;
        QTRY_VERIFY_WITH_TIMEOUT(count(marketWs, "\"SUBSCRIBE\"", "\"btcusdt@ticker\"") == 1 &&
                                     count(marketWs, "\"SUBSCRIBE\"", "\"btcusdt@markPrice@1s\"") == 1,
                                 5000);
        QCOMPARE(count(rig.ws, "SUBSCRIBE", "markPrice"), 0);
        QVERIFY(feed.stream().subscriptions().isEmpty()); // the book's connection carries nothing

        marketWs.send(fixture(QStringLiteral("binance/futures-markprice.json")));
        QTRY_VERIFY_WITH_TIMEOUT(store.findTicker(QStringLiteral("BTCUSDT")) != nullptr, 5000);
        const Ticker& t = *store.findTicker(QStringLiteral("BTCUSDT"));
        QCOMPARE(*t.markPrice, dec("11794.15000000"));
        QCOMPARE(*t.indexPrice, dec("11784.62659091"));
        QCOMPARE(*t.fundingRate, dec("0.00038167"));
        QCOMPARE(t.nextFundingMs, 1562306400000);

        // The new connection subscribes the mark price stream again with the ticker.
        marketWs.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(count(marketWs, "\"SUBSCRIBE\"", "\"btcusdt@markPrice@1s\"") == 2 &&
                                     count(marketWs, "\"SUBSCRIBE\"", "\"btcusdt@ticker\"") == 2,
                                 5000);

        feed.unsubscribe({ticker});
        QTRY_VERIFY_WITH_TIMEOUT(count(marketWs, "\"UNSUBSCRIBE\"", "\"btcusdt@markPrice@1s\"") == 1 &&
                                     count(marketWs, "\"UNSUBSCRIBE\"", "\"btcusdt@ticker\"") == 1,
                                 5000);
        feed.stop();
    }

    // Spot has no mark price, index or funding: its ticker subscribes the ticker alone.
    void spotTickerSubscribesNothingMore()
    {
        Rig rig;
        rig.feed->subscribe({request(Channel::Ticker, "BNBBTC")});
        rig.feed->start();
        const auto subscribes = [&rig] {
            QList<QByteArray> out;
            for (const QByteArray& m : rig.ws.received) {
                if (m.contains("\"SUBSCRIBE\""))
                    out.append(m);
            }
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(subscribes().size(), 1, 5000);
        QVERIFY(subscribes().constFirst().contains("\"params\":[\"bnbbtc@ticker\"]"));
        QCOMPARE(rig.feed->stream().subscriptions(), QStringList{QStringLiteral("bnbbtc@ticker")});
        rig.feed->stop();
    }

    void reconnectRebuildsFromANewSnapshot()
    {
        Rig rig;
        rig.snapshots = {{200, snapshot(160), {}}};
        rig.subscribeAndStart();
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscribed(), 5000);
        rig.ws.send(diff(161, 163, R"([["0.00240000","10.00000000"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);

        rig.snapshots = {{200, snapshot(170), {}}};
        rig.ws.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(!rig.book().isLive(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscribed(2), 5000);
        QVERIFY(!rig.book().isLive());
        rig.ws.send(diff(171, 172, R"([["0.00240000","7.00000000"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive() && rig.book().sequence() == 172, 5000);
        QCOMPARE(rig.snapshotRequests, 2);
        QCOMPARE(rig.book().bid(0), (BookLevel{dec("0.00240000"), dec("7.00000000")}));
    }
};

QTEST_GUILESS_MAIN(TestBinanceFeed)
#include "tst_binancefeed.moc"
