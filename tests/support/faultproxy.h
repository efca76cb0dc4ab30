#pragma once

// An HTTP/1.1 forwarding proxy on 127.0.0.1 (port 0) in front of a loopback venue's REST port, for the
// lost-reply case: swallowNext(path) lets the next request to that path through (the venue acts on it)
// and then closes the client's connection instead of passing the answer back. Everything else passes
// unchanged, keep-alive included. Requests are framed by Content-Length (what QNetworkAccessManager sends).

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <algorithm>
#include <memory>

class FaultProxy final : public QObject
{
    Q_OBJECT

public:
    explicit FaultProxy(quint16 targetPort, QObject* parent = nullptr)
        : QObject(parent)
        , m_targetPort(targetPort)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("fault proxy cannot listen on 127.0.0.1");
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    // The next request whose path (without the query) is `path` reaches the venue; its answer does not
    // reach the client, whose connection is closed.
    void swallowNext(const QByteArray& path) { m_swallowPath = path; }
    bool isArmed() const { return !m_swallowPath.isEmpty(); }
    int swallowedCount() const { return m_swallowed; }
    // Requests seen per path, in order.
    const QList<QByteArray>& paths() const { return m_paths; }
    int count(const QByteArray& path) const { return static_cast<int>(m_paths.count(path)); }

Q_SIGNALS:
    void swallowed(const QByteArray& path);

private:
    struct Link
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray pending;      // client bytes not yet framed into requests
        qint64 bodyLeft = 0;     // of the request being forwarded
        bool swallowing = false; // the answer to the request in flight is dropped
    };

    void accept()
    {
        while (QTcpSocket* client = m_server.nextPendingConnection()) {
            auto* upstream = new QTcpSocket(client);
            auto link = std::make_shared<Link>();
            link->client = client;
            link->upstream = upstream;
            connect(client, &QTcpSocket::readyRead, this, [this, link] { fromClient(*link); });
            connect(upstream, &QTcpSocket::readyRead, this, [this, link] { fromUpstream(*link); });
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            connect(upstream, &QTcpSocket::disconnected, client, [link] {
                if (link->client)
                    link->client->disconnectFromHost();
            });
            upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
        }
    }

    void fromClient(Link& link)
    {
        if (!link.client || !link.upstream)
            return;
        const QByteArray data = link.client->readAll();
        link.upstream->write(data); // buffered until connected
        link.pending += data;
        // Frame requests only to see their paths: header, then Content-Length bytes of body.
        for (;;) {
            if (link.bodyLeft > 0) {
                const qint64 take = std::min<qint64>(link.bodyLeft, link.pending.size());
                link.pending.remove(0, take);
                link.bodyLeft -= take;
                if (link.bodyLeft > 0)
                    return;
            }
            const qsizetype end = link.pending.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray header = link.pending.left(end);
            link.pending.remove(0, end + 4);
            const QList<QByteArray> lines = header.split('\n');
            QByteArray path = lines.value(0).split(' ').value(1);
            if (const qsizetype q = path.indexOf('?'); q >= 0)
                path.truncate(q);
            for (const QByteArray& line : lines) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
                    link.bodyLeft = line.mid(colon + 1).trimmed().toLongLong();
            }
            m_paths << path;
            if (!m_swallowPath.isEmpty() && path == m_swallowPath) {
                m_swallowPath.clear();
                link.swallowing = true;
            }
        }
    }

    void fromUpstream(Link& link)
    {
        if (!link.upstream || !link.client)
            return;
        const QByteArray data = link.upstream->readAll();
        if (!link.swallowing) {
            link.client->write(data);
            return;
        }
        // The venue answered (so it acted on the request): the client never hears of it.
        ++m_swallowed;
        link.swallowing = false;
        const QByteArray path = m_paths.isEmpty() ? QByteArray() : m_paths.constLast();
        link.upstream->abort();
        link.client->abort();
        Q_EMIT swallowed(path);
    }

    QTcpServer m_server;
    quint16 m_targetPort;
    QByteArray m_swallowPath;
    QList<QByteArray> m_paths;
    int m_swallowed = 0;
};
