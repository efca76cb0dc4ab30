#include "demohttp.h"

#include <QTcpSocket>
#include <QUrl>

namespace {
// A request head larger than this is refused (431) rather than buffered without end.
constexpr qsizetype kMaxHeadBytes = 16 * 1024;
constexpr qsizetype kMaxBodyBytes = 1024 * 1024;
} // namespace

QString DemoHttpRequest::queryValue(const QString& key) const
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

DemoHttpServer::DemoHttpServer(QObject* parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &DemoHttpServer::accept);
}

DemoHttpServer::~DemoHttpServer()
{
    close();
}

bool DemoHttpServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

void DemoHttpServer::close()
{
    m_server.close();
    for (QTcpSocket* s : m_server.findChildren<QTcpSocket*>(Qt::FindDirectChildrenOnly)) {
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
}

QByteArray DemoHttpServer::statusText(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return status < 400 ? "OK" : "Error";
    }
}

void DemoHttpServer::accept()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void DemoHttpServer::read(QTcpSocket* socket)
{
    for (;;) {
        // Peek first: a WebSocket upgrade must reach QWebSocketServer with its bytes unread.
        const QByteArray pending = socket->peek(socket->bytesAvailable());
        const qsizetype headEnd = pending.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (pending.size() > kMaxHeadBytes) {
                respond(socket, {431, "request head too large\n", "text/plain", {}}, false);
            }
            return;
        }
        const QList<QByteArray> lines = pending.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        DemoHttpRequest request;
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            socket->read(pending.size());
            respond(socket, {400, "malformed request line\n", "text/plain", {}}, false);
            return;
        }
        request.method = requestLine[0];
        request.target = requestLine[1];
        const QUrl url = QUrl::fromEncoded(request.target);
        request.path = url.path();
        request.query = QUrlQuery(url);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                       lines[i].mid(colon + 1).trimmed());
        }
        if (request.headers.value("upgrade").toLower() == "websocket") {
            socket->disconnect(this);
            if (m_upgrade && m_upgrade(socket, request))
                return;
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->read(pending.size());
            respond(socket, {404, "no WebSocket endpoint at this path\n", "text/plain", {}}, false);
            return;
        }
        bool lengthOk = true;
        const qsizetype length = request.headers.value("content-length", "0").toLongLong(&lengthOk);
        if (!lengthOk || length < 0 || length > kMaxBodyBytes) {
            socket->read(pending.size());
            respond(socket, {413, "bad Content-Length\n", "text/plain", {}}, false);
            return;
        }
        if (pending.size() < headEnd + 4 + length)
            return; // the body is still on its way
        socket->read(headEnd + 4);
        request.body = socket->read(length);
        const QByteArray connection = request.headers.value("connection").toLower();
        const bool keepAlive =
            requestLine[2] == "HTTP/1.1" ? connection != "close" : connection == "keep-alive";
        DemoHttpResponse response =
            m_handler ? m_handler(request) : DemoHttpResponse{404, "no handler\n", "text/plain", {}};
        respond(socket, response, keepAlive);
        if (!keepAlive || socket->bytesAvailable() == 0)
            return;
    }
}

void DemoHttpServer::respond(QTcpSocket* socket, const DemoHttpResponse& response, bool keepAlive)
{
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + statusText(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += response.body;
    socket->write(out);
    if (!keepAlive)
        socket->disconnectFromHost();
}
