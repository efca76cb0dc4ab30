#include "bitbankframes.h"
#include "exchanges/bitbank/bitbankmarketdata.h"
#include "exchanges/core/marketdatafeed.h"
#include "support/loopbackwsserver.h"
#include "support/recordingsink.h"

#include <QNetworkAccessManager>
#include <QTest>
#include <QTimer>

using namespace bitbankframes;

// bitbank's public stream as its server speaks it: Engine.IO v4 framing over a plain WebSocket on
// 127.0.0.1 (open packet, namespace connect ack, server pings), rooms joined with join-room.
class SocketIoServer final : public QObject
{
    Q_OBJECT
public:
    SocketIoServer()
    {
        ws.answerPings = false;
        connect(&ws, &LoopbackWsServer::clientConnected, this, [this] {
            namespaceConnected = false;
            ws.send(R"(0{"sid":"bDAf6vgk5xPau87WAA1u","upgrades":[],"pingInterval":300,"pingTimeout":1000})");
        });
        connect(&ws, &LoopbackWsServer::messageReceived, this, [this](const QByteArray& m) {
            if (m == "40") {
                namespaceConnected = true;
                ws.send(R"(40{"sid":"lUkRb31kqoS9cLPNMc0W"})");
            } else if (m == "3") {
                ++pongs;
            } else if (m.startsWith("42[\"join-room\"")) {
                if (!namespaceConnected)
                    ++joinsBeforeConnect; // Socket.IO would drop it (or close the connection)
                joins.append(m);
            } else {
                unexpected.append(m);
            }
        });
        connect(&pingTimer, &QTimer::timeout, this, [this] { ws.send("2"); });
        pingTimer.start(300);
    }

    bool joined(const char* room) const
    {
        const QByteArray join = QByteArray(R"(42["join-room",")") + QByteArray(room) + QByteArray(R"("])");
        return joins.contains(join);
    }

    LoopbackWsServer ws;
    QTimer pingTimer;
    bool namespaceConnected = false;
    int pongs = 0;
    int joinsBeforeConnect = 0;
    QList<QByteArray> joins;
    QList<QByteArray> unexpected;
};

class TestBitbankFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bookFollowsWholesAndDiffsThroughPingsAndDrops()
    {
        SocketIoServer server;
        BitbankMarketData adapter;
        MarketStore store;
        QNetworkAccessManager network;
        MarketDataFeed::Options options;
        options.streamUrl = server.ws.url(QStringLiteral("/socket.io/?EIO=4&transport=websocket"));
        options.restUrl =
            QUrl(QStringLiteral("http://127.0.0.1:9")); // no REST here: instruments fail quietly
        options.stream.initialBackoff = std::chrono::milliseconds(200);
        options.stream.jitter = 0;
        // Dead after 2 s without a frame: only the server's Engine.IO pings (answered) keep it open.
        options.stream.deadAfter = std::chrono::seconds(2);
        MarketDataFeed feed(adapter, Category::Spot, store, &network, options);
        ChannelRequest book;
        book.channel = Channel::Book;
        book.symbol = QStringLiteral("btc_jpy");
        ChannelRequest ticker;
        ticker.channel = Channel::Ticker;
        ticker.symbol = QStringLiteral("btc_jpy");
        feed.subscribe({book, ticker});
        feed.start();

        // The handshake, then every room, none before the namespace ack.
        QTRY_VERIFY_WITH_TIMEOUT(server.joined("depth_whole_btc_jpy") &&
                                     server.joined("depth_diff_btc_jpy") && server.joined("ticker_btc_jpy"),
                                 10'000);
        QCOMPARE(server.joinsBeforeConnect, 0);
        QCOMPARE(server.joins.size(), 3);

        const OrderBook& ob = store.book("btc_jpy");
        QVERIFY(!ob.isLive());
        server.ws.send(diff("btc_jpy", 101, R"([["5000001","0.5"]])", "[]"));
        server.ws.send(whole("btc_jpy", 100, R"([["5000000","1"]])", R"([["5000010","2"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(ob.isLive(), 10'000);
        QCOMPARE(*ob.bestBid(), dec("5000001")); // the buffered diff after the whole is replayed
        server.ws.send(diff("btc_jpy", 102, "[]", R"([["5000005","1"]])"));
        QTRY_COMPARE_WITH_TIMEOUT(*ob.bestAsk(), dec("5000005"), 10'000);

        // Longer than deadAfter with no data: the server's pings, answered, keep the one connection up.
        const int pongsBefore = server.pongs;
        QTest::qWait(3000);
        QVERIFY(server.pongs >= pongsBefore + 5);
        QCOMPARE(server.ws.connectionCount(), 1);
        QVERIFY(ob.isLive());
        QVERIFY2(server.unexpected.isEmpty(), server.unexpected.join('\n').constData());

        // A drop: not Live, a new handshake and new joins; a diff alone does not make it Live again.
        server.joins.clear();
        server.ws.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(!ob.isLive(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(server.ws.connectionCount() == 2 && server.joins.size() == 3, 10'000);
        QCOMPARE(server.joinsBeforeConnect, 0);
        const qint64 frames = feed.framesReceived();
        server.ws.send(diff("btc_jpy", 201, R"([["5000002","1"]])", "[]"));
        QTRY_VERIFY_WITH_TIMEOUT(feed.framesReceived() > frames, 10'000);
        QVERIFY(!ob.isLive());
        server.ws.send(whole("btc_jpy", 200, R"([["5000000","1"]])", R"([["5000010","2"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(ob.isLive(), 10'000);
        QCOMPARE(*ob.bestBid(), dec("5000002"));
        feed.stop();
    }
};

QTEST_GUILESS_MAIN(TestBitbankFeed)
#include "tst_bitbankfeed.moc"
