// The kept-open order connection (exchanges/core/httpconnection.h) against a scripted HTTP/1.1
// server on 127.0.0.1: one connection serves many urgent requests; replies in every framing are
// read whole; a request is written once and never again, whatever the connection does; a connection
// the server closes is replaced; when it is not ready, urgent requests go the ordinary way.
#include "exchanges/core/httpconnection.h"
#include "exchanges/core/restclient.h"
#include "exchanges/core/signer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <optional>

namespace {

struct SeenRequest
{
    int connection = 0; // 1-based, in the order the server accepted them
    QByteArray requestLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto& [n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
};

// Reads HTTP/1.1 requests (Content-Length bodies) on every connection and lets the test answer.
class ScriptedServer final : public QObject
{
public:
    using Answer = std::function<void(QTcpSocket* socket, const SeenRequest& request)>;

    ScriptedServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                socket->setProperty("connection", ++m_connections);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url(const QString& path = QStringLiteral("/v5/order/create")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    void setAnswer(Answer answer) { m_answer = std::move(answer); }
    int connections() const { return m_connections; }
    const QList<SeenRequest>& requests() const { return m_requests; }
    // The sockets still open, newest last.
    QList<QTcpSocket*> openSockets() const
    {
        QList<QTcpSocket*> open;
        for (QTcpSocket* socket : findChildren<QTcpSocket*>()) {
            if (socket->state() == QAbstractSocket::ConnectedState)
                open.append(socket);
        }
        return open;
    }

    static void reply(QTcpSocket* socket, const QByteArray& body, const QByteArray& extraHeaders = {})
    {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body);
        socket->flush();
    }

private:
    void read(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            SeenRequest request;
            request.connection = socket->property("connection").toInt();
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            request.requestLine = lines.value(0).trimmed();
            qint64 length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
                if (line.left(colon).compare("content-length", Qt::CaseInsensitive) == 0)
                    length = line.mid(colon + 1).trimmed().toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            m_requests.append(request);
            if (m_answer)
                m_answer(socket, request);
        }
    }

    QTcpServer m_server;
    int m_connections = 0;
    QList<SeenRequest> m_requests;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    Answer m_answer;
};

HttpRequest order(const QUrl& url, const QByteArray& body = R"({"qty":"0.001","price":"50000.5"})")
{
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.body = body;
    request.setHeader("Content-Type", "application/json");
    request.setHeader("X-BAPI-SIGN", "abc123");
    return request;
}

QString errorText(const RestClient::RawReply& reply)
{
    return reply.transportError ? reply.transportError->toString() : QString();
}

} // namespace

class TestHttpConnection : public QObject
{
    Q_OBJECT

private:
    // A RestClient whose kept-open connection to server is ready.
    static void warmUp(RestClient& client, const ScriptedServer& server)
    {
        client.keepWarm(server.url());
        HttpConnection* connection = client.warmConnection(server.url());
        QVERIFY(connection);
        QTRY_VERIFY_WITH_TIMEOUT(connection->isReady(), 5'000);
    }

    static std::optional<RestClient::RawReply> sendUrgent(RestClient& client, const HttpRequest& request)
    {
        std::optional<RestClient::RawReply> reply;
        client.sendRaw(
            request, [&reply](const RestClient::RawReply& r) { reply = r; }, RestClient::Urgency::Urgent);
        if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 10'000))
            return std::nullopt;
        return reply;
    }

private Q_SLOTS:
    void urgentRequestsShareOneKeptOpenConnection()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setAnswer([](QTcpSocket* socket, const SeenRequest& request) {
            ScriptedServer::reply(socket, R"({"retCode":0,"echo":)" + request.body + "}");
        });
        QNetworkAccessManager network;
        RestClient client(&network);
        warmUp(client, server);
        QCOMPARE(server.connections(), 1);

        for (int i = 0; i < 5; ++i) {
            const QByteArray body = R"({"n":)" + QByteArray::number(i) + "}";
            const auto reply = sendUrgent(
                client, order(server.url(QStringLiteral("/v5/order/create?a=1&b=%2").arg(i)), body));
            QVERIFY(reply);
            QVERIFY2(!reply->transportError, qPrintable(errorText(*reply)));
            QCOMPARE(reply->httpStatus, 200);
            QCOMPARE(reply->body, R"({"retCode":0,"echo":)" + body + "}");
            QCOMPARE(reply->header("content-type"), QByteArray("application/json"));
        }
        QCOMPARE(server.connections(), 1);
        QCOMPARE(server.requests().size(), 5);
        const SeenRequest& last = server.requests().last();
        QCOMPARE(last.connection, 1);
        QCOMPARE(last.requestLine, QByteArray("POST /v5/order/create?a=1&b=4 HTTP/1.1"));
        QCOMPARE(last.header("Host"), QStringLiteral("127.0.0.1:%1").arg(server.url().port()).toLatin1());
        QCOMPARE(last.header("X-BAPI-SIGN"), QByteArray("abc123"));
        QCOMPARE(last.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(last.header("Content-Length"), QByteArray::number(last.body.size()));
        QCOMPARE(last.body, QByteArray(R"({"n":4})"));
    }

    void readsEveryReplyFraming_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("connectionKept");
        QTest::newRow("content-length in pieces")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\nContent-Le", "ngth: 13\r\n\r\n{\"retCo", "de\":0}"}
            << QByteArray(R"({"retCode":0})") << true;
        QTest::newRow("chunked with an extension and a trailer")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\n{\"a\":\r\n",
                                 "3\r\n12}\r\n0\r\nX-Trailer: 1\r\n\r\n"}
            << QByteArray(R"({"a":12})") << true;
        QTest::newRow("100 Continue first")
            << QList<QByteArray>{"HTTP/1.1 100 Continue\r\n\r\n",
                                 "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"}
            << QByteArray("{}") << true;
        QTest::newRow("until the connection closes")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"closed\":", "true}"}
            << QByteArray(R"({"closed":true})") << false;
    }
    void readsEveryReplyFraming()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(QByteArray, body);
        QFETCH(bool, connectionKept);
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setAnswer([pieces](QTcpSocket* socket, const SeenRequest&) {
            // Each piece in its own write, a moment apart, so the client reads them separately.
            for (qsizetype i = 0; i < pieces.size(); ++i) {
                QTimer::singleShot(20 * int(i), socket,
                                   [socket, piece = pieces[i], last = i == pieces.size() - 1] {
                                       socket->write(piece);
                                       socket->flush();
                                       if (last && piece == "true}")
                                           socket->disconnectFromHost();
                                   });
            }
        });
        QNetworkAccessManager network;
        RestClient client(&network);
        warmUp(client, server);
        const auto reply = sendUrgent(client, order(server.url()));
        QVERIFY(reply);
        QVERIFY2(!reply->transportError, qPrintable(errorText(*reply)));
        QCOMPARE(reply->body, body);
        if (connectionKept) {
            QVERIFY(client.warmConnection(server.url())->isReady());
            QCOMPARE(server.connections(), 1);
        } else {
            // A fresh connection replaces the one the server closed.
            QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 2, 5'000);
            QTRY_VERIFY_WITH_TIMEOUT(client.warmConnection(server.url())->isReady(), 5'000);
        }
    }

    // The server reads the order and drops the connection: the outcome is unknown, it is reported
    // so, and the order is never written again (not on a new connection, not the ordinary way).
    void lostAfterWritingIsUnknownAndNeverResent()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setAnswer([](QTcpSocket* socket, const SeenRequest&) { socket->abort(); });
        QNetworkAccessManager network;
        RestClient client(&network);
        warmUp(client, server);
        const auto reply = sendUrgent(client, order(server.url()));
        QVERIFY(reply);
        QVERIFY(reply->transportError);
        QCOMPARE(reply->transportError->kind, RestError::Kind::Network);
        QVERIFY(reply->transportError->message.contains(QLatin1String("outcome is unknown")));
        QVERIFY(reply->transportError->message.contains(QLatin1String("not sent again")));
        QCOMPARE(reply->httpStatus, 0);
        // The connection is replaced; the order is still the only request the server ever saw.
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 2, 5'000);
        QTRY_VERIFY_WITH_TIMEOUT(client.warmConnection(server.url())->isReady(), 5'000);
        QCOMPARE(server.requests().size(), 1);
    }

    void silentServerTimesOutAsUnknown()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        RestClient client(&network);
        client.setTimeout(std::chrono::milliseconds(300));
        warmUp(client, server);
        const auto reply = sendUrgent(client, order(server.url()));
        QVERIFY(reply);
        QVERIFY(reply->transportError);
        QCOMPARE(reply->transportError->kind, RestError::Kind::Timeout);
        QVERIFY(reply->transportError->message.contains(QLatin1String("outcome is unknown")));
        // The late connection is not reused: its reply could only belong to the lost request.
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 2, 5'000);
        QCOMPARE(server.requests().size(), 1);
    }

    // Servers drop idle keep-alive connections. The next order must not meet a dead one: a dropped
    // connection is replaced at once, and a FIN not yet read by Qt is seen before writing.
    void idleConnectionClosedByTheServerIsReplaced()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setAnswer([](QTcpSocket* socket, const SeenRequest&) { ScriptedServer::reply(socket, "{}"); });
        QNetworkAccessManager network;
        RestClient client(&network);
        warmUp(client, server);
        HttpConnection* connection = client.warmConnection(server.url());

        // Closed while this thread is busy elsewhere: the FIN is in the kernel, unread.
        QCOMPARE(server.openSockets().size(), 1);
        server.openSockets().first()->abort();
        QVERIFY(!connection->isReady());
        // An order now goes the ordinary way and arrives once.
        auto reply = sendUrgent(client, order(server.url()));
        QVERIFY(reply);
        QVERIFY2(!reply->transportError, qPrintable(errorText(*reply)));
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(server.requests().first().connection >= 2);

        // Meanwhile the kept-open connection was replaced, and the next order uses it.
        QTRY_VERIFY_WITH_TIMEOUT(connection->isReady(), 5'000);
        const int connectionsBefore = server.connections();
        reply = sendUrgent(client, order(server.url()));
        QVERIFY(reply);
        QVERIFY(!reply->transportError);
        QCOMPARE(server.connections(), connectionsBefore);
        QCOMPARE(server.requests().size(), 2);
        QVERIFY(connection->connectionsOpened() >= 2);
    }

    // Replaced while idle before the server's own Keep-Alive timeout would drop it.
    void idleConnectionIsRenewedBeforeTheServerDropsIt()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setAnswer([](QTcpSocket* socket, const SeenRequest&) {
            ScriptedServer::reply(socket, "{}", "Keep-Alive: timeout=2, max=100\r\n");
        });
        QNetworkAccessManager network;
        RestClient client(&network);
        warmUp(client, server);
        HttpConnection* connection = client.warmConnection(server.url());
        QVERIFY(sendUrgent(client, order(server.url())));
        QCOMPARE(connection->connectionsOpened(), 1);
        // timeout=2 s: renewed after 1 s idle, well before the server would close it.
        QTRY_COMPARE_WITH_TIMEOUT(connection->connectionsOpened(), 2, 1'900);
        QTRY_VERIFY_WITH_TIMEOUT(connection->isReady(), 2'000);

        connection->setMaxIdle(std::chrono::milliseconds(200));
        QVERIFY(sendUrgent(client, order(server.url())));
        QTRY_VERIFY_WITH_TIMEOUT(connection->connectionsOpened() >= 3, 2'000);
    }

    // One urgent request at a time on the kept-open connection; a second one while it is busy, and
    // any urgent request when no connection is kept, goes the ordinary way. Nothing is lost.
    void busyOrAbsentConnectionFallsBack()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setAnswer([](QTcpSocket* socket, const SeenRequest& request) {
            QTimer::singleShot(100, socket,
                               [socket, body = request.body] { ScriptedServer::reply(socket, body); });
        });
        QNetworkAccessManager network;
        RestClient client(&network);
        warmUp(client, server);
        std::optional<RestClient::RawReply> first, second;
        client.sendRaw(
            order(server.url(), "1"), [&first](const RestClient::RawReply& r) { first = r; },
            RestClient::Urgency::Urgent);
        client.sendRaw(
            order(server.url(), "2"), [&second](const RestClient::RawReply& r) { second = r; },
            RestClient::Urgency::Urgent);
        QTRY_VERIFY_WITH_TIMEOUT(first && second, 5'000);
        QCOMPARE(first->body, QByteArray("1"));
        QCOMPARE(second->body, QByteArray("2"));
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests()[0].connection, 1); // the kept-open one
        QCOMPARE(server.requests()[1].connection, 2); // Qt's own

        RestClient cold(&network);
        QVERIFY(!cold.warmConnection(server.url()));
        const auto reply = sendUrgent(cold, order(server.url(), "3"));
        QVERIFY(reply);
        QCOMPARE(reply->body, QByteArray("3"));
        QCOMPARE(server.requests().size(), 3);
    }

    void unreachableOriginReportsTheOrdinaryError()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/v5/order/create").arg(port));
        QNetworkAccessManager network;
        RestClient client(&network);
        client.keepWarm(url);
        const auto reply = sendUrgent(client, order(url));
        QVERIFY(reply);
        QVERIFY(reply->transportError);
        QCOMPARE(reply->transportError->kind, RestError::Kind::Network);
        QCOMPARE(client.warmConnection(url)->connectionsOpened(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_httpconnection.moc"
