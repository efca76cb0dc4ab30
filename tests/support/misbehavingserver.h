#pragma once

// Loopback servers on 127.0.0.1 (port 0) that misbehave on command, for the fault-injection tests.
//
// MisbehavingWsServer speaks Bybit's public book stream for one symbol and keeps the true book itself (a
// small simulated market: snapshot on subscribe, then deltas with consecutive u), so a test can compare
// what the client shows with what the server holds at any sequence. On command it drops every connection
// after N data frames, goes silent on the open connections (half-open: no frame, no pong, no close), holds
// new TCP connections without ever answering the WebSocket handshake, or sends any frame a test makes up.
//
// MisbehavingHttpServer answers each path with a handler whose response may be delayed or never sent.
//
// FloodThread runs a WebSocket server on its own thread that sends garbage as fast as the client reads it.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

#include <atomic>
#include <functional>
#include <map>

class MisbehavingWsServer final : public QObject
{
    Q_OBJECT
public:
    static constexpr const char* Topic = "orderbook.50.BTCUSDT";

    MisbehavingWsServer()
        : m_ws(QStringLiteral("misbehaving"), QWebSocketServer::NonSecureMode)
        , m_random(42)
    {
        connect(&m_tcp, &QTcpServer::newConnection, this, &MisbehavingWsServer::acceptTcp);
        connect(&m_ws, &QWebSocketServer::newConnection, this, &MisbehavingWsServer::acceptWs);
        if (!m_tcp.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen on 127.0.0.1");
        connect(&m_marketTimer, &QTimer::timeout, this, [this] { tick(); });
        // A book to start from: 10 levels a side.
        for (int i = 0; i < 10; ++i) {
            m_bids[kBidTop - i * 3] = QByteArray::number(i + 1) + ".5";
            m_asks[kAskBottom + i * 3] = QByteArray::number(i + 1) + ".25";
        }
        record();
    }

    ~MisbehavingWsServer() override
    {
        m_marketTimer.stop();
        for (const Client& c : std::as_const(m_clients)) {
            if (c.socket) {
                c.socket->disconnect(this);
                delete c.socket;
            }
        }
        for (QTcpSocket* s : std::as_const(m_stalled)) {
            if (s) {
                s->disconnect(this);
                delete s;
            }
        }
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/v5/public/linear").arg(m_tcp.serverPort()));
    }

    // --- faults ---
    // Every connection is aborted once it has been sent this many data frames (0: never).
    int dropEveryFrames = 0;
    // The next n TCP connections are accepted and then never answered (-1: all of them).
    int stallHandshakes = 0;
    // The connections open now stop sending anything (frames, pongs) without closing.
    void silenceOpenConnections()
    {
        for (Client& c : m_clients)
            c.silent = true;
    }
    // Sends a frame to every subscribed, non-silent client as is.
    void sendRaw(const QByteArray& frame)
    {
        for (Client& c : m_clients) {
            if (c.subscribed && !c.silent && c.socket)
                c.socket->sendTextMessage(QString::fromUtf8(frame));
        }
    }
    void sendBinaryRaw(const QByteArray& frame)
    {
        for (Client& c : m_clients) {
            if (c.subscribed && !c.silent && c.socket)
                c.socket->sendBinaryMessage(frame);
        }
    }

    // --- the simulated market ---
    // A delta every intervalMs (0 stops it).
    void runMarket(int intervalMs)
    {
        if (intervalMs <= 0)
            m_marketTimer.stop();
        else
            m_marketTimer.start(intervalMs);
    }
    // Moves the book by one delta and returns its frame without sending it (to reorder, mangle or drop).
    QByteArray nextDelta()
    {
        QByteArray b;
        QByteArray a;
        const int changes = 1 + static_cast<int>(m_random.bounded(3));
        for (int i = 0; i < changes; ++i) {
            const bool bid = m_random.bounded(2) == 0;
            const int offset = static_cast<int>(m_random.bounded(kLevels));
            const int price = bid ? kBidTop - offset : kAskBottom + offset;
            auto& side = bid ? m_bids : m_asks;
            QByteArray size;
            if (side.contains(price) && m_random.bounded(3) == 0 && side.size() > 2) {
                side.erase(price);
                size = "0";
            } else {
                size = QByteArray::number(1 + m_random.bounded(50)) + "." +
                       QByteArray::number(m_random.bounded(10));
                side[price] = size;
            }
            QByteArray& out = bid ? b : a;
            if (!out.isEmpty())
                out += ',';
            out += "[\"" + priceText(price) + "\",\"" + size + "\"]";
        }
        ++m_u;
        record();
        return "{\"topic\":\"" + QByteArray(Topic) + "\",\"type\":\"delta\",\"ts\":" +
               QByteArray::number(m_u) + ",\"data\":{\"s\":\"BTCUSDT\",\"b\":[" + b + "],\"a\":[" + a +
               "],\"u\":" + QByteArray::number(m_u) + ",\"seq\":" + QByteArray::number(m_u * 10) + "}}";
    }
    // One step of the market: the next delta to every subscribed client.
    void tick() { sendData(nextDelta()); }
    QByteArray snapshotFrame() const
    {
        QByteArray b;
        for (auto it = m_bids.rbegin(); it != m_bids.rend(); ++it)
            b += (b.isEmpty() ? "" : ",") + ("[\"" + priceText(it->first) + "\",\"" + it->second + "\"]");
        QByteArray a;
        for (const auto& [price, size] : m_asks)
            a += (a.isEmpty() ? "" : ",") + ("[\"" + priceText(price) + "\",\"" + size + "\"]");
        return "{\"topic\":\"" + QByteArray(Topic) + "\",\"type\":\"snapshot\",\"ts\":" +
               QByteArray::number(m_u) + ",\"data\":{\"s\":\"BTCUSDT\",\"b\":[" + b + "],\"a\":[" + a +
               "],\"u\":" + QByteArray::number(m_u) + ",\"seq\":" + QByteArray::number(m_u * 10) + "}}";
    }
    std::int64_t sequence() const { return m_u; }
    // The server's book at sequence u as "bids|asks", best first ("" if u was never reached).
    QString bookAt(std::int64_t u) const { return m_history.value(u); }

    // --- what happened ---
    int tcpConnections() const { return m_tcpConnections; }
    int handshakes() const { return m_handshakes; }
    int drops() const { return m_drops; }
    int snapshotsSent() const { return m_snapshots; }
    int subscribesReceived() const { return m_subscribes; }
    int unsubscribesReceived() const { return m_unsubscribes; }
    int openClients() const { return static_cast<int>(m_clients.size()); }

    static QString priceString(int price) { return QString::fromLatin1(priceText(price)); }

Q_SIGNALS:
    void subscribed();

private:
    static constexpr int kLevels = 40;
    static constexpr int kBidTop = 99'990;    // 9999.0 in tenths
    static constexpr int kAskBottom = 100'010; // 10001.0

    struct Client
    {
        QPointer<QWebSocket> socket;
        bool subscribed = false;
        bool silent = false;
        int dataFrames = 0;
    };

    static QByteArray priceText(int tenths)
    {
        return QByteArray::number(tenths / 10) + "." + QByteArray::number(tenths % 10);
    }

    void record()
    {
        QString text;
        for (auto it = m_bids.rbegin(); it != m_bids.rend(); ++it)
            text += QString::fromLatin1(priceText(it->first) + "=" + it->second + " ");
        text += QLatin1Char('|');
        for (const auto& [price, size] : m_asks)
            text += QString::fromLatin1(priceText(price) + "=" + size + " ");
        m_history.insert(m_u, text);
    }

    void acceptTcp()
    {
        while (QTcpSocket* socket = m_tcp.nextPendingConnection()) {
            ++m_tcpConnections;
            if (stallHandshakes != 0) {
                if (stallHandshakes > 0)
                    --stallHandshakes;
                // Read the upgrade request and never answer it.
                m_stalled.append(socket);
                connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                continue;
            }
            m_ws.handleConnection(socket);
        }
    }

    void acceptWs()
    {
        while (QWebSocket* socket = m_ws.nextPendingConnection()) {
            ++m_handshakes;
            m_clients.append(Client{socket});
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket](const QString& text) { onMessage(socket, text.toUtf8()); });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                m_clients.removeIf([socket](const Client& c) { return c.socket == socket; });
                socket->deleteLater();
            });
        }
    }

    Client* find(QWebSocket* socket)
    {
        for (Client& c : m_clients) {
            if (c.socket == socket)
                return &c;
        }
        return nullptr;
    }

    void onMessage(QWebSocket* socket, const QByteArray& message)
    {
        Client* c = find(socket);
        if (!c || c->silent)
            return;
        if (message.contains("\"op\":\"ping\"")) {
            socket->sendTextMessage(
                QStringLiteral(R"({"success":true,"ret_msg":"pong","conn_id":"t","op":"ping"})"));
            return;
        }
        if (!message.contains(Topic))
            return;
        if (message.contains("\"unsubscribe\"")) {
            ++m_unsubscribes;
            c->subscribed = false;
            return;
        }
        if (message.contains("\"subscribe\"")) {
            ++m_subscribes;
            socket->sendTextMessage(
                QStringLiteral(R"({"success":true,"ret_msg":"","conn_id":"t","op":"subscribe"})"));
            c->subscribed = true;
            ++m_snapshots;
            sendTo(*c, snapshotFrame());
            Q_EMIT subscribed();
        }
    }

    void sendData(const QByteArray& frame)
    {
        // Copies: a drop removes the client from the list.
        const QList<QPointer<QWebSocket>> sockets = [this] {
            QList<QPointer<QWebSocket>> out;
            for (const Client& c : std::as_const(m_clients))
                out << c.socket;
            return out;
        }();
        for (const QPointer<QWebSocket>& socket : sockets) {
            Client* c = socket ? find(socket) : nullptr;
            if (c && c->subscribed && !c->silent)
                sendTo(*c, frame);
        }
    }

    void sendTo(Client& c, const QByteArray& frame)
    {
        if (dropEveryFrames > 0 && c.dataFrames >= dropEveryFrames) {
            ++m_drops;
            c.silent = true;
            c.socket->abort();
            return;
        }
        ++c.dataFrames;
        c.socket->sendTextMessage(QString::fromUtf8(frame));
    }

    QTcpServer m_tcp;
    QWebSocketServer m_ws;
    QList<Client> m_clients;
    QList<QPointer<QTcpSocket>> m_stalled;
    QTimer m_marketTimer;
    QRandomGenerator m_random;
    std::map<int, QByteArray> m_bids; // price in tenths → size text
    std::map<int, QByteArray> m_asks;
    QHash<std::int64_t, QString> m_history;
    std::int64_t m_u = 1000;
    int m_tcpConnections = 0;
    int m_handshakes = 0;
    int m_drops = 0;
    int m_snapshots = 0;
    int m_subscribes = 0;
    int m_unsubscribes = 0;
};

// An HTTP/1.1 server whose answers may be late or never come. One handler per path; every request
// recorded. Requests are framed by Content-Length.
class MisbehavingHttpServer final : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QUrl url;
        QByteArray body;
    };
    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        int delayMs = 0;    // answer this much later
        bool never = false; // keep the connection open and never answer
    };
    using Handler = std::function<Response(const Request&)>;

    MisbehavingHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen on 127.0.0.1");
    }
    ~MisbehavingHttpServer() override
    {
        for (QTcpSocket* s : m_server.findChildren<QTcpSocket*>())
            s->disconnect(this);
    }

    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void route(const QString& path, Handler handler) { m_handlers.insert(path, std::move(handler)); }
    void json(const QString& path, const QByteArray& body)
    {
        route(path, [body](const Request&) { return Response{200, body, {}, 0, false}; });
    }
    int count(const QString& path) const
    {
        int n = 0;
        for (const Request& r : m_requests)
            n += r.url.path() == path;
        return n;
    }
    const QList<Request>& requests() const { return m_requests; }

private:
    void read(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            Request request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.url = QUrl::fromEncoded(first.value(1));
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0 && lines[i].left(colon).trimmed().toLower() == "content-length")
                    length = lines[i].mid(colon + 1).trimmed().toLongLong();
            }
            if (buffer.size() < headerEnd + 4 + length)
                return;
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            m_requests.append(request);
            const auto handler = m_handlers.constFind(request.url.path());
            const Response response =
                handler != m_handlers.cend()
                    ? (*handler)(request)
                    : Response{404, R"({"retCode":10001,"retMsg":"not found"})", {}, 0, false};
            if (response.never)
                continue;
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\n";
            out += "Content-Type: application/json\r\nContent-Length: " +
                   QByteArray::number(response.body.size()) + "\r\n";
            for (const auto& [name, value] : response.headers)
                out += name + ": " + value + "\r\n";
            out += "\r\n" + response.body;
            QPointer<QTcpSocket> guarded(socket);
            if (response.delayMs <= 0) {
                socket->write(out);
            } else {
                QTimer::singleShot(response.delayMs, this, [guarded, out] {
                    if (guarded && guarded->state() == QAbstractSocket::ConnectedState)
                        guarded->write(out);
                });
            }
        }
    }

    QTcpServer m_server;
    QHash<QString, Handler> m_handlers;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<Request> m_requests;
};

// A WebSocket server on its own thread that answers every connection with an endless flood of broken frames
// (truncated book frames, wrong types, not JSON) for as long as the client keeps reading.
class FloodThread final : public QThread
{
public:
    FloodThread()
    {
        start();
        m_ready.acquire();
    }
    ~FloodThread() override
    {
        quit();
        wait();
    }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/v5/public/linear").arg(m_port.load())); }
    qint64 framesSent() const { return m_sent.load(); }
    void setFlooding(bool on) { m_flooding.store(on); }

protected:
    void run() override
    {
        QWebSocketServer server(QStringLiteral("flood"), QWebSocketServer::NonSecureMode);
        if (!server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen on 127.0.0.1");
        m_port.store(server.serverPort());
        QTimer pump;
        pump.setInterval(0);
        QList<QPointer<QWebSocket>> clients;
        QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&] {
            while (QWebSocket* c = server.nextPendingConnection()) {
                c->setParent(&server);
                clients << c;
            }
        });
        const QList<QString> garbage = {
            QStringLiteral(R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":5,"data":{"s":"BTCUSDT",)"
                           R"("b":[["100.0",)"),
            QStringLiteral(R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":5,"data":{"s":"BTCUSDT",)"
                           R"("b":[],"a":[],"u":"7"}})"),
            QStringLiteral(R"({"topic":"orderbook.50.BTCUSDT","type":7,"data":null})"),
            QStringLiteral("not json at all \x01\x02"),
            QStringLiteral(R"({"topic":"tickers.BTCUSDT","type":"snapshot","ts":"x","data":{}})"),
            QStringLiteral("[1,2,3]"),
        };
        qint64 n = 0;
        QObject::connect(&pump, &QTimer::timeout, &server, [&] {
            if (!m_flooding.load())
                return;
            for (const QPointer<QWebSocket>& c : std::as_const(clients)) {
                // Keep the send buffer short: flood at the rate the client reads.
                if (!c || c->state() != QAbstractSocket::ConnectedState ||
                    c->bytesToWrite() > 4 * 1024 * 1024)
                    continue;
                for (int i = 0; i < 64; ++i)
                    c->sendTextMessage(garbage.at(static_cast<int>(n++ % garbage.size())));
                m_sent.fetch_add(64);
            }
        });
        pump.start();
        m_ready.release();
        exec();
    }

private:
    QSemaphore m_ready;
    std::atomic<quint16> m_port{0};
    std::atomic<qint64> m_sent{0};
    std::atomic<bool> m_flooding{true};
};
