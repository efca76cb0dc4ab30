#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTcpServer>
#include <QUrlQuery>

#include <functional>

class QTcpSocket;

// One HTTP/1.1 request as the demo venue's server read it.
struct DemoHttpRequest
{
    QByteArray method;                     // "GET", "POST"
    QByteArray target;                     // path and query exactly as sent (signatures cover it)
    QString path;                          // decoded path
    QUrlQuery query;                       // decoded query items
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QString queryValue(const QString& key) const;
    bool hasQuery(const QString& key) const { return query.hasQueryItem(key); }
};

struct DemoHttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
};

// A small HTTP/1.1 server on 127.0.0.1: requests with Content-Length bodies, keep-alive or close,
// answered by one handler. A request that asks to upgrade to WebSocket is handed over untouched (its
// bytes are only peeked, never read) to the upgrade handler, so one port serves REST and streams.
class DemoHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoHttpServer)

public:
    using Handler = std::function<DemoHttpResponse(const DemoHttpRequest&)>;
    // Takes the socket (the upgrade request still unread in it); false → answered 404 and closed.
    using UpgradeHandler = std::function<bool(QTcpSocket*, const DemoHttpRequest&)>;

    explicit DemoHttpServer(QObject* parent = nullptr);
    ~DemoHttpServer() override;

    bool listen(quint16 port);
    void close();
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QString errorString() const { return m_server.errorString(); }

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setUpgradeHandler(UpgradeHandler handler) { m_upgrade = std::move(handler); }

    static QByteArray statusText(int status);

private:
    void accept();
    void read(QTcpSocket* socket);
    void respond(QTcpSocket* socket, const DemoHttpResponse& response, bool keepAlive);

    QTcpServer m_server;
    Handler m_handler;
    UpgradeHandler m_upgrade;
};
