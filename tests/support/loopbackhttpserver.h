#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

// A minimal HTTP/1.1 server on 127.0.0.1 (port 0) for tests: one handler per path, every request
// recorded. Enough for REST clients that send one request per connection or keep-alive in order.
class LoopbackHttpServer final : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QUrl url;                              // path and query
        QByteArray target;                     // the request target exactly as sent ("/a?b=c")
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    using Handler = std::function<Response(const Request&)>;

    LoopbackHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &LoopbackHttpServer::accept);
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen on 127.0.0.1");
    }

    ~LoopbackHttpServer() override
    {
        for (QTcpSocket* s : m_server.findChildren<QTcpSocket*>())
            s->disconnect(this);
    }

    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void route(const QString& path, Handler handler) { m_handlers.insert(path, std::move(handler)); }
    // Answers every path without its own route.
    void setFallback(Handler handler) { m_fallback = std::move(handler); }
    void json(const QString& path, const QByteArray& body)
    {
        route(path, [body](const Request&) { return Response{200, body, {}}; });
    }
    const QList<Request>& requests() const { return m_requests; }

Q_SIGNALS:
    void requestServed(const QByteArray& path);

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

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
            request.target = first.value(1);
            request.url = QUrl::fromEncoded(request.target);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length", "0").toLongLong();
            if (buffer.size() < headerEnd + 4 + length)
                return;
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            m_requests.append(request);
            const auto handler = m_handlers.constFind(request.url.path());
            const Response response = handler != m_handlers.cend() ? (*handler)(request)
                                      : m_fallback
                                          ? m_fallback(request)
                                          : Response{404, R"({"retCode":10001,"retMsg":"not found"})", {}};
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\n";
            out += "Content-Type: application/json\r\nContent-Length: " +
                   QByteArray::number(response.body.size()) + "\r\n";
            for (const auto& [name, value] : response.headers)
                out += name + ": " + value + "\r\n";
            out += "\r\n" + response.body;
            socket->write(out);
            Q_EMIT requestServed(request.url.path().toUtf8());
        }
    }

    QTcpServer m_server;
    QHash<QString, Handler> m_handlers;
    Handler m_fallback;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<Request> m_requests;
};
