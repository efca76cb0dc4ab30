#include "exchanges/core/streamclient.h"
#include "exchanges/core/streamprotocol.h"
#include "support/testpki.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace std::chrono_literals;

namespace {

QJsonObject parseObject(QByteArrayView frame)
{
    return QJsonDocument::fromJson(frame.toByteArray()).object();
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// {"op":"subscribe","args":[…]}, {"op":"ping"} → {"op":"pong"}; the server may ask {"op":"serverPing"}
// and expects {"op":"serverPong"} back.
class TestProtocol final : public StreamProtocol
{
public:
    explicit TestProtocol(std::chrono::milliseconds pingInterval = 100ms)
        : m_pingInterval(pingInterval)
    {}

    QList<QByteArray> subscribeMessages(const QStringList& topics) const override
    {
        return {message("subscribe", topics)};
    }
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override
    {
        return {message("unsubscribe", topics)};
    }
    QByteArray pingMessage() const override { return R"({"op":"ping"})"; }
    std::chrono::milliseconds pingInterval() const override { return m_pingInterval; }
    std::chrono::milliseconds minimumSendInterval() const override { return sendInterval; }
    bool subscriptionsWaitForServer() const override { return waitForReady; }
    bool isReadyForSubscriptions(QByteArrayView frame) const override
    {
        return parseObject(frame).value(QLatin1String("op")).toString() == QLatin1String("ready");
    }

    // A venue limiting commands (GMO Coin), one that wants its go-ahead first (Socket.IO).
    std::chrono::milliseconds sendInterval{0};
    bool waitForReady = false;
    bool isPong(QByteArrayView frame) const override
    {
        return parseObject(frame).value(QLatin1String("op")).toString() == QLatin1String("pong");
    }
    std::optional<QByteArray> replyTo(QByteArrayView frame) const override
    {
        if (parseObject(frame).value(QLatin1String("op")).toString() == QLatin1String("serverPing"))
            return QByteArray(R"({"op":"serverPong"})");
        return std::nullopt;
    }

private:
    static QByteArray message(const char* op, const QStringList& topics)
    {
        return compact({{QStringLiteral("op"), QString::fromLatin1(op)},
                        {QStringLiteral("args"), QJsonArray::fromStringList(topics)}});
    }

    std::chrono::milliseconds m_pingInterval;
};

struct Received
{
    int connection = 0; // 1 for the first connection the server accepted
    QString op;
    QStringList args;
    qint64 atNs = 0; // arrival on the server's clock
};

// Each message's args, in arrival order.
QList<QStringList> argsOf(const QList<Received>& received)
{
    QList<QStringList> out;
    for (const Received& r : received)
        out.append(r.args);
    return out;
}

// The smallest gap between consecutive arrivals, in ms (a large number for fewer than two).
double smallestGapMs(const QList<Received>& received)
{
    double smallest = 1e9;
    for (qsizetype i = 1; i < received.size(); ++i)
        smallest = std::min(smallest, (received[i].atNs - received[i - 1].atNs) / 1e6);
    return smallest;
}

// A loopback venue: records what clients send, answers pings (unless told not to), drops
// connections and stops listening on command.
class TestServer final : public QObject
{
    Q_OBJECT

public:
    explicit TestServer(QWebSocketServer::SslMode mode = QWebSocketServer::NonSecureMode)
        : m_server(QStringLiteral("test venue"), mode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, &TestServer::accept);
        m_clock.start();
    }

    ~TestServer() override
    {
        // The sockets outlive our members (they are children); keep their last signals from
        // reaching a half-destroyed server.
        const QList<QWebSocket*> sockets = findChildren<QWebSocket*>();
        for (QWebSocket* socket : sockets)
            socket->disconnect(this);
        qDeleteAll(sockets);
    }

    void setIdentity(const QSslCertificate& certificate, const QSslKey& key)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(certificate);
        configuration.setPrivateKey(key);
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
        m_server.setSslConfiguration(configuration);
    }

    bool listen(quint16 port = 0)
    {
        if (!m_server.listen(QHostAddress::LocalHost, port))
            return false;
        m_port = m_server.serverPort();
        return true;
    }
    void stopListening() { m_server.close(); }
    quint16 port() const { return m_port; }
    QUrl url() const
    {
        const bool secure = m_server.secureMode() == QWebSocketServer::SecureMode;
        return QUrl(QStringLiteral("%1://127.0.0.1:%2/stream").arg(secure ? "wss" : "ws").arg(m_port));
    }

    void dropConnections()
    {
        for (QWebSocket* socket : std::as_const(m_sockets))
            socket->abort();
    }
    void sendToAll(const QJsonObject& message)
    {
        for (QWebSocket* socket : std::as_const(m_sockets))
            socket->sendTextMessage(QString::fromUtf8(compact(message)));
    }
    void sendBinaryToAll(const QByteArray& message)
    {
        for (QWebSocket* socket : std::as_const(m_sockets))
            socket->sendBinaryMessage(message);
    }

    int connections() const { return m_connections; }
    int openConnections() const { return int(m_sockets.size()); }
    int pings() const { return m_pings; }
    const QList<Received>& received() const { return m_received; }
    QList<Received> received(const QString& op) const
    {
        QList<Received> out;
        for (const Received& r : m_received) {
            if (r.op == op)
                out.append(r);
        }
        return out;
    }

    bool answerPings = true;

private:
    void accept()
    {
        while (QWebSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            const int connection = ++m_connections;
            m_sockets.append(socket);
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket, connection](const QString& text) {
                        const QJsonObject message = parseObject(text.toUtf8());
                        const QString op = message.value(QLatin1String("op")).toString();
                        if (op == QLatin1String("ping")) {
                            ++m_pings;
                            if (answerPings)
                                socket->sendTextMessage(QStringLiteral(R"({"op":"pong"})"));
                            return;
                        }
                        QStringList args;
                        for (const QJsonValue& arg : message.value(QLatin1String("args")).toArray())
                            args.append(arg.toString());
                        m_received.append({connection, op, args, m_clock.nsecsElapsed()});
                    });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                m_sockets.removeAll(socket);
                socket->deleteLater();
            });
        }
    }

    QWebSocketServer m_server;
    QElapsedTimer m_clock;
    QList<QWebSocket*> m_sockets;
    QList<Received> m_received;
    quint16 m_port = 0;
    int m_connections = 0;
    int m_pings = 0;
};

struct StateChange
{
    StreamClient::State state;
    int attempt;
    int delayMs;
};

// Records every stateChanged in order.
class StateLog
{
public:
    explicit StateLog(StreamClient& client)
    {
        QObject::connect(&client, &StreamClient::stateChanged, &client,
                         [this](StreamClient::State state, int attempt, int delayMs) {
                             changes.append({state, attempt, delayMs});
                         });
    }
    QList<StateChange> reconnects() const
    {
        QList<StateChange> out;
        for (const StateChange& change : changes) {
            if (change.state == StreamClient::State::Reconnecting)
                out.append(change);
        }
        return out;
    }
    int count(StreamClient::State state) const
    {
        int n = 0;
        for (const StateChange& change : changes)
            n += change.state == state ? 1 : 0;
        return n;
    }

    QList<StateChange> changes;
};

StreamClient::Options fastOptions()
{
    StreamClient::Options options;
    options.initialBackoff = 50ms;
    options.maxBackoff = 1000ms;
    options.jitter = 0.2;
    options.deadAfter = 2000ms; // tests about dead connections shorten it
    options.watchdogInterval = 100ms;
    return options;
}

// A port nothing listens on: bound once by us, then released.
quint16 refusingPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestStreamClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesOnConnect()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        client.subscribe({"orderbook.50.BTCUSDT", "publicTrade.BTCUSDT"});
        client.subscribe({"orderbook.50.BTCUSDT"}); // already in the set
        client.open();

        QTRY_COMPARE(client.state(), StreamClient::State::Live);
        QTRY_COMPARE(server.received(QStringLiteral("subscribe")).size(), 1);
        const Received sub = server.received(QStringLiteral("subscribe")).first();
        QCOMPARE(sub.args, QStringList({"orderbook.50.BTCUSDT", "publicTrade.BTCUSDT"}));
        QCOMPARE(client.subscriptions(), QStringList({"orderbook.50.BTCUSDT", "publicTrade.BTCUSDT"}));
    }

    void subscribeWhileLiveSendsOnlyNewTopics()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        client.subscribe({"a"});
        client.open();
        QTRY_COMPARE(server.received(QStringLiteral("subscribe")).size(), 1);

        client.subscribe({"a", "b", "b"});
        client.unsubscribe({"a", "never"});
        QTRY_COMPARE(server.received().size(), 3);
        QCOMPARE(server.received().at(1).op, QStringLiteral("subscribe"));
        QCOMPARE(server.received().at(1).args, QStringList({"b"}));
        QCOMPARE(server.received().at(2).op, QStringLiteral("unsubscribe"));
        QCOMPARE(server.received().at(2).args, QStringList({"a"}));
        QCOMPARE(client.subscriptions(), QStringList({"b"}));
    }

    void pacesSubscriptionsAtTheProtocolsInterval()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        protocol.sendInterval = 200ms;
        StreamClient client(server.url(), protocol, fastOptions());
        client.subscribe({"a", "b", "c", "d"});
        client.open();
        QTRY_COMPARE(client.state(), StreamClient::State::Live);
        QVERIFY(client.queuedMessages() >= 2); // the first goes at once, the rest wait their turn

        // One topic per message, in order, never closer than the interval (a little tolerance for
        // the loopback's scheduling between send and arrival).
        QTRY_COMPARE_WITH_TIMEOUT(server.received().size(), 4, 10'000);
        QCOMPARE(argsOf(server.received()), (QList<QStringList>{{"a"}, {"b"}, {"c"}, {"d"}}));
        QVERIFY2(smallestGapMs(server.received()) >= 190,
                 qPrintable(QString::number(smallestGapMs(server.received()))));
        QCOMPARE(client.queuedMessages(), 0);

        // Live: new commands keep the pace and the order they were asked in.
        client.subscribe({"e", "f"});
        client.unsubscribe({"a"});
        QTRY_COMPARE_WITH_TIMEOUT(server.received().size(), 7, 10'000);
        QCOMPARE(argsOf(server.received().mid(4)), (QList<QStringList>{{"e"}, {"f"}, {"a"}}));
        QCOMPARE(server.received().last().op, QStringLiteral("unsubscribe"));
        QVERIFY2(smallestGapMs(server.received()) >= 190,
                 qPrintable(QString::number(smallestGapMs(server.received()))));
        QCOMPARE(server.connections(), 1);
    }

    void pacedQueueIsClearedOnDisconnectAndRebuiltOnReconnect()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        protocol.sendInterval = 150ms;
        StreamClient client(server.url(), protocol, fastOptions());
        client.subscribe({"a", "b", "c", "d", "e"});
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(server.received().size(), 2, 10'000);
        server.dropConnections(); // with "c" "d" "e" still queued
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 2, 10'000);

        // The new connection gets the whole set again, in order, paced; nothing left over from the
        // old queue arrives twice.
        const auto second = [&server] {
            QList<Received> out;
            for (const Received& r : server.received()) {
                if (r.connection == 2)
                    out.append(r);
            }
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(second().size(), 5, 10'000);
        QTest::qWait(400);
        QCOMPARE(argsOf(second()), (QList<QStringList>{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}}));
        QVERIFY2(smallestGapMs(second()) >= 140, qPrintable(QString::number(smallestGapMs(second()))));
        QVERIFY(server.received().size() - second().size() < 5); // the first connection never got it all
        QCOMPARE(client.queuedMessages(), 0);
    }

    void unsubscribingAQueuedTopicWithdrawsIt()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        protocol.sendInterval = 150ms;
        StreamClient client(server.url(), protocol, fastOptions());
        client.subscribe({"a", "b", "c"});
        client.open();
        QTRY_COMPARE(server.received().size(), 1);
        QCOMPARE(client.queuedMessages(), 2);
        // "c" never reached the venue: it leaves the queue, and no unsubscribe is needed for it.
        client.unsubscribe({"c"});
        QCOMPARE(client.queuedMessages(), 1);
        // "b" is still queued: its subscription brings the fresh snapshot, nothing more is queued.
        client.resubscribe({"b"});
        QCOMPARE(client.queuedMessages(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(server.received().size(), 2, 10'000);
        QTest::qWait(400);
        QCOMPARE(argsOf(server.received()), (QList<QStringList>{{"a"}, {"b"}}));
        QCOMPARE(server.received(QStringLiteral("unsubscribe")).size(), 0);
        QCOMPARE(client.subscriptions(), QStringList({"a", "b"}));
    }

    void connectionsToOneHostShareThePace()
    {
        // A venue's command limit is per IP: two connections to its host take turns.
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        protocol.sendInterval = 150ms;
        StreamClient first(server.url(), protocol, fastOptions());
        StreamClient second(server.url(), protocol, fastOptions());
        first.subscribe({"a", "b"});
        second.subscribe({"x", "y"});
        first.open();
        second.open();
        QTRY_COMPARE_WITH_TIMEOUT(server.received().size(), 4, 10'000);
        QVERIFY2(smallestGapMs(server.received()) >= 140,
                 qPrintable(QString::number(smallestGapMs(server.received()))));
        QStringList topics;
        for (const QStringList& args : argsOf(server.received()))
            topics += args;
        topics.sort();
        QCOMPARE(topics, QStringList({"a", "b", "x", "y"}));
    }

    void subscriptionsWaitForTheServersReadyFrame()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        protocol.waitForReady = true;
        StreamClient client(server.url(), protocol, fastOptions());
        QSignalSpy frames(&client, &StreamClient::frameReceived);
        client.subscribe({"a", "b"});
        client.open();
        QTRY_COMPARE(client.state(), StreamClient::State::Live);
        client.subscribe({"c"});
        client.resubscribe({"a"});
        client.unsubscribe({"b"});
        QTest::qWait(300);
        QCOMPARE(server.received().size(), 0); // nothing before the server's go-ahead

        // The go-ahead: the set as it now stands goes out at once, and the frame reaches the owner.
        server.sendToAll({{"op", "ready"}});
        QTRY_COMPARE(server.received().size(), 1);
        QCOMPARE(server.received().first().op, QStringLiteral("subscribe"));
        QCOMPARE(server.received().first().args, QStringList({"a", "c"}));
        QTRY_COMPARE(frames.size(), 1);
        // A second ready frame on the same connection changes nothing.
        server.sendToAll({{"op", "ready"}});
        QTRY_COMPARE(frames.size(), 2);
        QCOMPARE(server.received().size(), 1);

        // A new connection waits for its own go-ahead.
        server.dropConnections();
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnections() == 1 && server.connections() == 2, true, 10'000);
        QTRY_COMPARE(client.state(), StreamClient::State::Live);
        QTest::qWait(300);
        QCOMPARE(server.received().size(), 1);
        server.sendToAll({{"op", "ready"}});
        QTRY_COMPARE(server.received().size(), 2);
        QCOMPARE(server.received().last().connection, 2);
        QCOMPARE(server.received().last().args, QStringList({"a", "c"}));
    }

    void reconnectsWithBackoffAfterDropAndRefusal()
    {
        TestServer server;
        QVERIFY(server.listen());
        const quint16 port = server.port();
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        StateLog log(client);
        QSignalSpy frames(&client, &StreamClient::frameReceived);
        QSignalSpy errors(&client, &StreamClient::errorOccurred);
        bool relistened = false;
        // Listen again only once the refused second attempt is reported, before its retry fires.
        connect(&client, &StreamClient::stateChanged, this, [&](StreamClient::State state, int attempt, int) {
            if (state == StreamClient::State::Reconnecting && attempt == 2 && !relistened)
                relistened = server.listen(port);
        });
        client.subscribe({"a", "b"});
        client.open();
        QTRY_COMPARE(server.received(QStringLiteral("subscribe")).size(), 1);

        server.sendToAll({{"topic", "a"}, {"data", 1}});
        QTRY_COMPARE(frames.size(), 1);
        // Mid-stream: stop listening (so the next attempt is refused), then drop the connection.
        server.stopListening();
        server.sendToAll({{"topic", "a"}, {"data", 2}});
        server.dropConnections();

        QTRY_COMPARE_WITH_TIMEOUT(server.received(QStringLiteral("subscribe")).size(), 2, 10000);
        QVERIFY(relistened);
        const Received again = server.received(QStringLiteral("subscribe")).last();
        QCOMPARE(again.connection, 2);
        QCOMPARE(again.args, QStringList({"a", "b"}));
        QTRY_COMPARE(client.state(), StreamClient::State::Live);

        const QList<StateChange>& changes = log.changes;
        QCOMPARE(changes.size(), 5);
        QCOMPARE(changes.at(0).state, StreamClient::State::Connecting);
        QCOMPARE(changes.at(1).state, StreamClient::State::Live);
        QCOMPARE(changes.at(2).state, StreamClient::State::Reconnecting);
        QCOMPARE(changes.at(2).attempt, 1);
        QCOMPARE(changes.at(3).state, StreamClient::State::Reconnecting);
        QCOMPARE(changes.at(3).attempt, 2);
        QCOMPARE(changes.at(4).state, StreamClient::State::Live);
        QCOMPARE(changes.at(4).attempt, 0);
        QCOMPARE(client.attempt(), 0);
        // 50 ms then 100 ms, each ± 20 %.
        QVERIFY2(changes.at(2).delayMs >= 40 && changes.at(2).delayMs <= 60,
                 qPrintable(QString::number(changes.at(2).delayMs)));
        QVERIFY2(changes.at(3).delayMs >= 80 && changes.at(3).delayMs <= 120,
                 qPrintable(QString::number(changes.at(3).delayMs)));
        QVERIFY(changes.at(3).delayMs > changes.at(2).delayMs);
        QVERIFY(errors.size() >= 2); // the drop and the refusal were both reported
    }

    void emitsConnectedAgainOnReconnect()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        QStringList events;
        connect(&client, &StreamClient::connected, this, [&] {
            // Emitted before the subscriptions go out, so owners drop state first.
            events.append(client.state() == StreamClient::State::Live ? "connected-while-live" : "connected");
        });
        connect(&client, &StreamClient::stateChanged, this, [&](StreamClient::State state, int, int) {
            if (state == StreamClient::State::Live)
                events.append("live");
        });
        client.subscribe({"a"});
        client.open();
        QTRY_COMPARE(server.openConnections(), 1);
        QTRY_COMPARE(events.size(), 2);

        server.dropConnections();
        QTRY_COMPARE(events.size(), 4);
        QCOMPARE(events, QStringList({"connected", "live", "connected", "live"}));
        QCOMPARE(server.connections(), 2);
    }

    void detectsDeadConnection()
    {
        TestServer server;
        server.answerPings = false;
        QVERIFY(server.listen());
        TestProtocol protocol(100ms);
        StreamClient::Options options = fastOptions();
        options.deadAfter = 300ms;
        StreamClient client(server.url(), protocol, options);
        StateLog log(client);
        QSignalSpy errors(&client, &StreamClient::errorOccurred);
        client.open();
        QTRY_COMPARE(client.state(), StreamClient::State::Live);
        QElapsedTimer sinceLive;
        sinceLive.start();

        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 3000);
        const qint64 detectedAfter = sinceLive.elapsed();
        QVERIFY2(errors.first().first().toString().contains(QLatin1String("no data")),
                 qPrintable(errors.first().first().toString()));
        QVERIFY2(detectedAfter >= 250 && detectedAfter <= 2000, qPrintable(QString::number(detectedAfter)));
        QVERIFY(server.pings() >= 1); // it did try to keep the connection alive
        QCOMPARE(log.reconnects().size(), 1);
        QCOMPARE(log.reconnects().first().attempt, 1);
        QTRY_COMPARE(server.connections(), 2);
        QTRY_COMPARE(client.state(), StreamClient::State::Live);
    }

    void measuresRoundTrip()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol(50ms);
        StreamClient client(server.url(), protocol, fastOptions());
        QSignalSpy frames(&client, &StreamClient::frameReceived);
        QSignalSpy roundTrips(&client, &StreamClient::roundTripMeasured);
        QCOMPARE(client.roundTripMs(), -1);
        client.subscribe({"a"});
        client.open();
        QTRY_COMPARE(server.received(QStringLiteral("subscribe")).size(), 1);
        server.sendToAll({{"topic", "a"}, {"data", 1}});

        QTRY_VERIFY(roundTrips.size() >= 3);
        QVERIFY(server.pings() >= 3);
        for (const QList<QVariant>& args : std::as_const(roundTrips))
            QVERIFY(args.first().toInt() >= 0 && args.first().toInt() < 1000);
        QCOMPARE(client.roundTripMs(), roundTrips.last().first().toInt());
        QTRY_COMPARE(frames.size(), 1);
        QCOMPARE(parseObject(frames.first().first().toByteArray()).value("topic").toString(),
                 QStringLiteral("a"));
        for (const QList<QVariant>& args : std::as_const(frames))
            QVERIFY(!protocol.isPong(args.first().toByteArray()));
    }

    void pongsKeepConnectionAlive()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol(50ms);
        StreamClient::Options options = fastOptions();
        options.deadAfter = 400ms;
        StreamClient client(server.url(), protocol, options);
        QSignalSpy errors(&client, &StreamClient::errorOccurred);
        QSignalSpy roundTrips(&client, &StreamClient::roundTripMeasured);
        client.open();
        // Only pongs arrive; 16 of them 50 ms apart span twice deadAfter.
        QTRY_VERIFY_WITH_TIMEOUT(roundTrips.size() >= 16, 5000);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(server.connections(), 1);
        QCOMPARE(client.state(), StreamClient::State::Live);
    }

    void answersServerPings()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        QSignalSpy frames(&client, &StreamClient::frameReceived);
        client.open();
        QTRY_COMPARE(server.openConnections(), 1);
        server.sendToAll({{"op", "serverPing"}});
        server.sendToAll({{"topic", "a"}});
        QTRY_COMPARE(server.received(QStringLiteral("serverPong")).size(), 1);
        QTRY_COMPARE(frames.size(), 1);
        QCOMPARE(parseObject(frames.first().first().toByteArray()).value("topic").toString(),
                 QStringLiteral("a"));
    }

    void passesBinaryFramesThrough()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        QSignalSpy frames(&client, &StreamClient::frameReceived);
        client.open();
        QTRY_COMPARE(server.openConnections(), 1);
        const QByteArray payload("\x00\x01gzip?\xff", 8);
        const qint64 before = client.clock().nsecsElapsed();
        server.sendBinaryToAll(payload);
        QTRY_COMPARE(frames.size(), 1);
        QCOMPARE(frames.first().at(0).toByteArray(), payload);
        const qint64 receivedNs = frames.first().at(1).toLongLong();
        QVERIFY(receivedNs >= before && receivedNs <= client.clock().nsecsElapsed());
    }

    void marksSilentTopicStale()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        QSignalSpy stale(&client, &StreamClient::topicStale);
        QSignalSpy errors(&client, &StreamClient::errorOccurred);
        connect(&client, &StreamClient::frameReceived, this, [&](const QByteArray& frame) {
            const std::string topic = parseObject(frame).value("topic").toString().toStdString();
            client.noteTopicActivity(topic);
        });
        client.setExpectedCadence("a", 100ms);
        client.setExpectedCadence("b", 100ms); // 3 × 100 ms is below the 5 s floor
        client.subscribe({"a", "b"});
        client.open();
        QTRY_COMPARE(server.received(QStringLiteral("subscribe")).size(), 1);
        QElapsedTimer sinceSubscribe;
        sinceSubscribe.start();

        QTimer feed; // "a" keeps delivering, "b" falls silent
        connect(&feed, &QTimer::timeout, &server, [&] { server.sendToAll({{"topic", "a"}, {"data", 1}}); });
        feed.start(100);

        QTRY_COMPARE_WITH_TIMEOUT(stale.size(), 1, 10000);
        QVERIFY2(sinceSubscribe.elapsed() >= 4800, qPrintable(QString::number(sinceSubscribe.elapsed())));
        QCOMPARE(stale.first().first().toString(), QStringLiteral("b"));

        QTRY_COMPARE(server.received().size(), 3);
        QCOMPARE(server.received().at(1).op, QStringLiteral("unsubscribe"));
        QCOMPARE(server.received().at(1).args, QStringList({"b"}));
        QCOMPARE(server.received().at(2).op, QStringLiteral("subscribe"));
        QCOMPARE(server.received().at(2).args, QStringList({"b"}));
        QCOMPARE(server.received().at(2).connection, 1);

        // The stale topic's clock was reset: several watchdog ticks later it is still one report,
        // and the active topic was never reported.
        QTest::qWait(500);
        QCOMPARE(stale.size(), 1);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(client.subscriptions(), QStringList({"a", "b"}));
    }

    void closeWhileLiveDoesNotReconnect()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        StateLog log(client);
        client.open();
        QTRY_COMPARE(server.openConnections(), 1);
        QTRY_COMPARE(client.state(), StreamClient::State::Live);

        client.close();
        QCOMPARE(client.state(), StreamClient::State::Closed);
        QCOMPARE(log.changes.last().state, StreamClient::State::Closed);
        QTRY_COMPARE(server.openConnections(), 0);
        QTest::qWait(300); // six initial backoffs
        QCOMPARE(server.connections(), 1);
        QCOMPARE(log.reconnects().size(), 0);
        QCOMPARE(client.state(), StreamClient::State::Closed);
    }

    void reopensAfterClose()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        client.subscribe({"a"});
        client.open();
        QTRY_COMPARE(server.received(QStringLiteral("subscribe")).size(), 1);
        client.close();
        QTRY_COMPARE(server.openConnections(), 0);

        client.open();
        QTRY_COMPARE(server.received(QStringLiteral("subscribe")).size(), 2);
        QCOMPARE(server.received(QStringLiteral("subscribe")).last().connection, 2);
        QCOMPARE(client.state(), StreamClient::State::Live);
    }

    void closeStopsReconnecting()
    {
        TestServer server;
        QVERIFY(server.listen());
        const quint16 port = server.port();
        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        StateLog log(client);
        client.open();
        QTRY_COMPARE(server.openConnections(), 1);
        QTRY_COMPARE(client.state(), StreamClient::State::Live);

        server.stopListening();
        server.dropConnections();
        QTRY_VERIFY(log.reconnects().size() >= 2); // dropped, then refused
        client.close();
        const qsizetype changesAtClose = log.changes.size();
        QCOMPARE(client.state(), StreamClient::State::Closed);
        QVERIFY(server.listen(port));
        QTest::qWait(500); // longer than any pending backoff
        QCOMPARE(server.connections(), 1);
        QCOMPARE(log.changes.size(), changesAtClose);
        QCOMPARE(client.state(), StreamClient::State::Closed);
    }

    void backoffIsCapped()
    {
        const quint16 port = refusingPort();
        QVERIFY(port != 0);
        TestProtocol protocol;
        StreamClient::Options options = fastOptions();
        options.initialBackoff = 20ms;
        options.maxBackoff = 80ms;
        StreamClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)), protocol, options);
        StateLog log(client);
        client.open();
        QTRY_VERIFY_WITH_TIMEOUT(log.reconnects().size() >= 8, 10000);
        client.close();

        const QList<StateChange> reconnects = log.reconnects();
        const double cap = 80 * (1 + options.jitter);
        for (qsizetype i = 0; i < reconnects.size(); ++i) {
            const StateChange& change = reconnects.at(i);
            QCOMPARE(change.attempt, int(i + 1));
            QVERIFY2(change.delayMs <= cap, qPrintable(QString::number(change.delayMs)));
            const double nominal = std::min(80.0, 20.0 * (1 << std::min<qsizetype>(i, 20)));
            QVERIFY2(change.delayMs >= nominal * (1 - options.jitter) - 1,
                     qPrintable(QString::number(change.delayMs)));
        }
        QCOMPARE(log.count(StreamClient::State::Live), 0);
    }

    void tlsCertificateErrorIsReported()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        const testpki::TlsIdentity identity = testpki::makeSelfSignedIdentity();
        QVERIFY(!identity.certificate.isNull());
        QVERIFY(!identity.key.isNull());
        TestServer server(QWebSocketServer::SecureMode);
        server.setIdentity(identity.certificate, identity.key);
        QVERIFY(server.listen());

        // Control: a client that trusts this certificate gets through, so the server is sound and
        // only certificate verification can stop StreamClient.
        {
            QWebSocket trusting;
            QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
            configuration.setCaCertificates({identity.certificate});
            trusting.setSslConfiguration(configuration);
            QSignalSpy trustingConnected(&trusting, &QWebSocket::connected);
            trusting.open(server.url());
            QTRY_COMPARE(trustingConnected.size(), 1);
            QTRY_COMPARE(server.connections(), 1);
            trusting.abort();
        }

        TestProtocol protocol;
        StreamClient client(server.url(), protocol, fastOptions());
        StateLog log(client);
        QSignalSpy errors(&client, &StreamClient::errorOccurred);
        QSignalSpy connectedSpy(&client, &StreamClient::connected);
        client.open();

        QTRY_VERIFY_WITH_TIMEOUT(log.reconnects().size() >= 2, 5000); // fails, retries, fails again
        client.close();
        const QString selfSigned = QSslError(QSslError::SelfSignedCertificate).errorString();
        bool reported = false;
        for (const QList<QVariant>& args : std::as_const(errors))
            reported = reported || args.first().toString().contains(selfSigned);
        QVERIFY2(reported, qPrintable(errors.isEmpty() ? QString() : errors.first().first().toString()));
        QCOMPARE(connectedSpy.size(), 0);
        QCOMPARE(server.connections(), 1); // only the control got through
        QCOMPARE(log.count(StreamClient::State::Live), 0);
        QCOMPARE(log.reconnects().first().attempt, 1);
    }

    void tlsHandshakeFailureIsReported()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QTcpServer server; // answers a TLS ClientHello with plain text
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QTcpServer::newConnection, this, [&server] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                socket->setParent(&server);
                socket->write("HTTP/1.1 400 garbage, not TLS\r\n\r\n");
                socket->flush();
            }
        });
        TestProtocol protocol;
        StreamClient client(QUrl(QStringLiteral("wss://127.0.0.1:%1/").arg(server.serverPort())), protocol,
                            fastOptions());
        StateLog log(client);
        QSignalSpy errors(&client, &StreamClient::errorOccurred);
        client.open();

        QTRY_VERIFY_WITH_TIMEOUT(!log.reconnects().isEmpty(), 5000);
        client.close();
        QVERIFY(!errors.isEmpty());
        QVERIFY(!errors.first().first().toString().isEmpty());
        QCOMPARE(log.count(StreamClient::State::Live), 0);
    }
};

QTEST_GUILESS_MAIN(TestStreamClient)
#include "tst_streamclient.moc"
