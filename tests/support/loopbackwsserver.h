#pragma once

#include <QList>
#include <QWebSocket>
#include <QWebSocketServer>

// A WebSocket server on 127.0.0.1 (port 0) that records what clients send, pushes frames to
// them, answers {"op":"ping"} like Bybit, and misbehaves on command: drop every connection, or stop
// listening so that the next connection attempt is refused.
class LoopbackWsServer final : public QObject
{
    Q_OBJECT
public:
    LoopbackWsServer()
        : m_server(QStringLiteral("loopback"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, &LoopbackWsServer::accept);
        listen();
    }

    ~LoopbackWsServer() override
    {
        // Clients die before the members their signal handlers touch.
        for (QWebSocket* c : std::as_const(m_clients)) {
            c->disconnect(this);
            delete c;
        }
        m_clients.clear();
    }

    void listen()
    {
        if (!m_server.listen(QHostAddress::LocalHost, m_port))
            qFatal("cannot listen on 127.0.0.1:%d", m_port);
        m_port = m_server.serverPort();
    }
    // Closes the listening socket: connection attempts are refused until listen() again.
    void refuseConnections() { m_server.close(); }
    QUrl url(const QString& path = QStringLiteral("/v5/public/linear")) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    void send(const QByteArray& frame)
    {
        for (QWebSocket* c : std::as_const(m_clients))
            c->sendTextMessage(QString::fromUtf8(frame));
    }
    void dropAll()
    {
        for (QWebSocket* c : std::as_const(m_clients))
            c->abort();
    }
    int connectionCount() const { return m_connections; }
    int clientCount() const { return static_cast<int>(m_clients.size()); }
    QList<QByteArray> received; // every text message from any client, in order
    bool answerPings = true;

Q_SIGNALS:
    void messageReceived(const QByteArray& message);
    void clientConnected();

private:
    void accept()
    {
        while (QWebSocket* c = m_server.nextPendingConnection()) {
            ++m_connections;
            m_clients.append(c);
            connect(c, &QWebSocket::textMessageReceived, this, [this, c](const QString& text) {
                const QByteArray message = text.toUtf8();
                received.append(message);
                if (answerPings && message.contains("\"op\":\"ping\""))
                    c->sendTextMessage(
                        QStringLiteral(R"({"success":true,"ret_msg":"pong","conn_id":"t","op":"ping"})"));
                Q_EMIT messageReceived(message);
            });
            connect(c, &QWebSocket::disconnected, this, [this, c] {
                m_clients.removeAll(c);
                c->deleteLater();
            });
            Q_EMIT clientConnected();
        }
    }

    QWebSocketServer m_server;
    QList<QWebSocket*> m_clients;
    quint16 m_port = 0;
    int m_connections = 0;
};
