// MarketDataFeed with the Coincheck adapter against a loopback Coincheck: the public WebSocket's
// order-book diffs and trades and the REST GET /api/order_books snapshot come from 127.0.0.1.
#include "exchanges/coincheck/coincheckmarketdata.h"
#include "exchanges/core/marketdatafeed.h"
#include "support/clirun.h"
#include "support/loopbackhttpserver.h"
#include "support/loopbackwsserver.h"
#include "support/recordingsink.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

namespace {
// A diff shaped as https://coincheck.com/documents/exchange/api#websocket-order-book documents it.
QByteArray diff(std::int64_t stamp, const char* bids, const char* asks = "[]")
{
    return QStringLiteral(R"(["btc_jpy",{"bids":%1,"asks":%2,"last_update_at":"%3"}])")
        .arg(QLatin1String(bids), QLatin1String(asks))
        .arg(stamp)
        .toUtf8();
}
QByteArray snapshot(const char* topBidAmount = "0.4")
{
    return QStringLiteral(
               R"({"asks":[["15000100.0","0.5"],["15000200.0","0.25"]],"bids":[["15000000.0","%1"],["14999900.0","0.1"]]})")
        .arg(QLatin1String(topBidAmount))
        .toUtf8();
}
} // namespace

class TestCoincheckFeed : public QObject
{
    Q_OBJECT

private:
    struct Rig
    {
        LoopbackWsServer ws;
        LoopbackHttpServer http;
        QNetworkAccessManager network;
        CoincheckMarketData adapter;
        MarketStore store;
        RecordingSink observed;
        std::unique_ptr<MarketDataFeed> feed;
        // What the venue answers to GET /api/order_books, one entry per request (the last one repeats).
        QList<LoopbackHttpServer::Response> snapshots;
        int snapshotRequests = 0;

        Rig()
        {
            http.json(QStringLiteral("/api/exchange_status"),
                      fixture(QStringLiteral("coincheck/exchange-status.json")));
            http.route(QStringLiteral("/api/order_books"), [this](
                                                               const LoopbackHttpServer::Request& request) {
                const int i = std::min(snapshotRequests++, static_cast<int>(snapshots.size()) - 1);
                if (request.url.query() != QLatin1String("pair=btc_jpy"))
                    return LoopbackHttpServer::Response{400, R"({"success":false,"error":"bad pair"})", {}};
                return snapshots.at(i);
            });
            MarketDataFeed::Options o;
            o.streamUrl = ws.url(QStringLiteral("/"));
            o.restUrl = http.baseUrl();
            o.stream.initialBackoff = 50ms;
            o.stream.maxBackoff = 400ms;
            o.stream.deadAfter = 30s;
            feed = std::make_unique<MarketDataFeed>(adapter, Category::Spot, store, &network, o);
            feed->setObserver(&observed);
        }
        const OrderBook& book() { return store.book("btc_jpy"); }
        void subscribeAndStart()
        {
            QList<ChannelRequest> requests;
            for (Channel c : {Channel::Book, Channel::Trades}) {
                ChannelRequest r;
                r.channel = c;
                r.symbol = QStringLiteral("btc_jpy");
                requests.append(r);
            }
            feed->subscribe(requests);
            feed->start();
        }
        int subscriptions(const char* channel) const
        {
            int n = 0;
            for (const QByteArray& m : ws.received)
                n += m.contains("\"subscribe\"") && m.contains(channel) ? 1 : 0;
            return n;
        }
    };

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<OrderBook::State>("OrderBook::State"); }

    void bookGoesLiveFromTheSnapshotWithTheBufferedDiffs()
    {
        Rig rig;
        rig.snapshots = {{200, snapshot(), {}}};
        rig.subscribeAndStart();
        QTRY_VERIFY_WITH_TIMEOUT(
            rig.subscriptions("btc_jpy-orderbook") == 1 && rig.subscriptions("btc_jpy-trades") == 1, 5000);
        QCOMPARE(rig.snapshotRequests, 0); // the first diff asks for it
        rig.ws.send(diff(1767225600, R"([["15000000.0","0.7"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);
        QCOMPARE(rig.snapshotRequests, 1);
        QVERIFY(rig.observed.books.front().isSnapshot);
        // The buffered diff's absolute amount is on top of the snapshot.
        QCOMPARE(rig.book().bid(0), (BookLevel{dec("15000000"), dec("0.7")}));

        // "0" deletes; a diff stamped before the newest seen is dropped.
        rig.ws.send(diff(1767225601, R"([["15000000.0","0"]])"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.book().bid(0).price, dec("14999900"), 5000);
        rig.ws.send(diff(1767225600, R"([["14999900.0","9.0"]])"));
        rig.ws.send(diff(1767225602, R"([["14999800.0","1.0"]])"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.book().bidCount(), std::size_t(2), 5000);
        QCOMPARE(rig.book().bid(0), (BookLevel{dec("14999900"), dec("0.1")}));
        QCOMPARE(rig.adapter.staleDiffsDropped(), std::size_t(1));

        rig.ws.send(fixture(QStringLiteral("coincheck/trades.json")));
        QTRY_VERIFY_WITH_TIMEOUT(rig.store.findTrades(QStringLiteral("btc_jpy")) != nullptr, 5000);
        QCOMPARE(rig.store.findTrades(QStringLiteral("btc_jpy"))->back().id, QStringLiteral("2357068"));
        rig.feed->stop();
    }

    void crossedBookResyncsFromANewSnapshot()
    {
        Rig rig;
        QSignalSpy bookStates(rig.feed.get(), &MarketDataFeed::bookStateChanged);
        rig.snapshots = {{200, snapshot(), {}}};
        rig.subscribeAndStart();
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscriptions("btc_jpy-orderbook") == 1, 5000);
        rig.ws.send(diff(1767225600, "[]"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);

        rig.snapshots = {{200, snapshot("2.0"), {}}};
        rig.ws.send(diff(1767225601, R"([["15000500.0","1.0"]])")); // bid above the best ask
        QTRY_COMPARE_WITH_TIMEOUT(rig.snapshotRequests, 2, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive() && rig.book().bid(0).size == dec("2.0"), 5000);
        bool resynced = false;
        for (const QList<QVariant>& args : bookStates)
            resynced = resynced || args.at(1).value<OrderBook::State>() == OrderBook::State::Resyncing;
        QVERIFY(resynced);
        rig.feed->stop();
    }

    void droppedStreamKeepsTheBookNotLiveUntilANewSnapshot()
    {
        Rig rig;
        rig.snapshots = {{200, snapshot(), {}}};
        rig.subscribeAndStart();
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscriptions("btc_jpy-orderbook") == 1, 5000);
        rig.ws.send(diff(1767225600, "[]"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);

        rig.snapshots = {{200, snapshot("3.0"), {}}};
        rig.ws.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(!rig.book().isLive(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscriptions("btc_jpy-orderbook") == 2, 5000);
        QVERIFY(!rig.book().isLive());
        QCOMPARE(rig.snapshotRequests, 1);
        // The new connection's first diff asks for a snapshot; only that makes the book live again.
        rig.ws.send(diff(1767225500, R"([["14999900.0","0.3"]])")); // the clock starts afresh
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);
        QCOMPARE(rig.snapshotRequests, 2);
        QCOMPARE(rig.book().bid(0), (BookLevel{dec("15000000"), dec("3.0")}));
        QCOMPARE(rig.book().bid(1), (BookLevel{dec("14999900"), dec("0.3")}));
        rig.feed->stop();
    }

    void failedSnapshotIsRetriedAndTheVenueTextReported()
    {
        Rig rig;
        QSignalSpy problems(rig.feed.get(), &MarketDataFeed::problem);
        rig.snapshots = {{503, R"({"success":false,"error":"maintenance"})", {}}, {200, snapshot(), {}}};
        rig.subscribeAndStart();
        QTRY_VERIFY_WITH_TIMEOUT(rig.subscriptions("btc_jpy-orderbook") == 1, 5000);
        rig.ws.send(diff(1767225600, "[]"));
        QTRY_VERIFY_WITH_TIMEOUT(!problems.isEmpty(), 5000);
        QVERIFY(!rig.book().isLive());
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 10000);
        QCOMPARE(rig.snapshotRequests, 2);
        rig.feed->stop();
    }

    void cliStreamsTheBook()
    {
        Rig rig;
        rig.snapshots = {{200, snapshot(), {}}};
        // The venue pushes a diff as soon as the book channel is subscribed.
        connect(&rig.ws, &LoopbackWsServer::messageReceived, &rig.ws, [&rig](const QByteArray& m) {
            if (m.contains("btc_jpy-orderbook"))
                rig.ws.send(diff(1767225600, R"([["15000000.0","0.9"]])"));
        });
        const auto [live, out] = streamUntilLiveBook(QStringLiteral("coincheck"), QStringLiteral("spot"),
                                                     QStringLiteral("btc_jpy"),
                                                     rig.ws.url(QStringLiteral("/")), rig.http.baseUrl());
        QVERIFY2(live, out.constData());
        QVERIFY2(out.contains(R"("symbol":"btc_jpy")"), out.constData());
        QVERIFY2(out.contains("15000000"), out.constData());
        QCOMPARE(rig.snapshotRequests, 1);
    }
};

QTEST_GUILESS_MAIN(TestCoincheckFeed)
#include "tst_coincheckfeed.moc"
