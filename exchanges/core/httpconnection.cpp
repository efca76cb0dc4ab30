#include "httpconnection.h"

#include "signer.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

Q_LOGGING_CATEGORY(lcHttpConnection, "botterm.rest.connection", QtInfoMsg)

namespace {

constexpr std::chrono::milliseconds kFirstRetry{500};
constexpr std::chrono::milliseconds kMaxRetry{30'000};
// A connection the server closes sooner than this after it opened, having served nothing, counts
// as a failure: a server that accepts and hangs up at once is not reconnected to in a tight loop.
constexpr qint64 kShortLivedMs = 1000;

bool isHttps(const QUrl& url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

quint16 portOf(const QUrl& url)
{
    return static_cast<quint16>(url.port(isHttps(url) ? 443 : 80));
}

QByteArray hostHeader(const QUrl& url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() > 0 && url.port() != (isHttps(url) ? 443 : 80))
        host += ':' + QByteArray::number(url.port());
    return host;
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// "timeout=5, max=100" → 5 s; 0 when absent.
std::chrono::milliseconds keepAliveTimeout(const QByteArray& value)
{
    for (const QByteArray& item : value.split(',')) {
        const QByteArray part = item.trimmed();
        if (part.startsWith("timeout=")) {
            bool ok = false;
            const int seconds = part.mid(8).toInt(&ok);
            if (ok && seconds > 0)
                return std::chrono::seconds(seconds);
        }
    }
    return std::chrono::milliseconds(0);
}

} // namespace

HttpConnection::HttpConnection(const QUrl& origin, std::optional<QSslConfiguration> tls, QObject* parent)
    : QObject(parent)
    , m_origin(origin)
    , m_tls(std::move(tls))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &HttpConnection::connectSocket);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        // Replaced before the server is likely to drop it, so a click never meets a dead connection.
        if (m_state == State::Idle) {
            discardSocket();
            connectSocket();
        }
    });
    m_timeoutTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Busy)
            return;
        RestError e;
        e.kind = RestError::Kind::Timeout;
        e.message = QStringLiteral("no reply within %1 ms; the outcome is unknown").arg(m_timeout.count());
        finishRequest(e);
    });
}

HttpConnection::~HttpConnection()
{
    m_wanted = false;
    discardSocket();
}

void HttpConnection::open()
{
    m_wanted = true;
    if (m_state == State::Closed && !m_reconnectTimer.isActive())
        connectSocket();
}

void HttpConnection::close()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    if (m_state == State::Busy) {
        RestError e;
        e.kind = RestError::Kind::Network;
        e.message = QStringLiteral("the connection was closed after the request was sent; the outcome is "
                                   "unknown and the request was not sent again");
        finishRequest(e);
    }
    discardSocket();
}

void HttpConnection::connectSocket()
{
    if (!m_wanted || m_state != State::Closed)
        return;
    m_tlsProblems.clear();
    const qint64 openedAt = QDateTime::currentMSecsSinceEpoch();
    QTcpSocket* socket = nullptr;
    if (isHttps(m_origin)) {
        auto* tls = new QSslSocket(this);
        QSslConfiguration configuration = m_tls.value_or(QSslConfiguration::defaultConfiguration());
        configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
        tls->setSslConfiguration(configuration);
        // Certificate problems are recorded for the log; the handshake fails on them (never ignored).
        connect(tls, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            for (const QSslError& error : errors)
                m_tlsProblems.append(error.errorString());
        });
        connect(tls, &QSslSocket::encrypted, this, [this] {
            m_state = State::Idle;
            m_failures = 0;
            ++m_connectionsOpened;
            m_idleTimer.start(m_maxIdle);
            Q_EMIT ready();
        });
        socket = tls;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QTcpSocket::connected, this, [this] {
            m_state = State::Idle;
            m_failures = 0;
            ++m_connectionsOpened;
            m_idleTimer.start(m_maxIdle);
            Q_EMIT ready();
        });
    }
    m_socket = socket;
    m_state = State::Connecting;
    socket->setProperty("openedAt", openedAt);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadable);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError error) {
        if (socket != m_socket)
            return;
        if (m_state == State::Connecting) {
            QString reason = socket->errorString();
            for (const QString& problem : std::as_const(m_tlsProblems)) {
                if (!reason.contains(problem))
                    reason += QStringLiteral("; ") + problem;
            }
            qCInfo(lcHttpConnection).noquote()
                << "order connection to" << m_origin.host() << "failed:" << reason;
            ++m_failures;
            discardSocket();
            scheduleReconnect();
            Q_EMIT failed(reason);
        } else if (error != QAbstractSocket::RemoteHostClosedError) {
            onDisconnected();
        }
    });
    if (auto* tls = qobject_cast<QSslSocket*>(socket))
        tls->connectToHostEncrypted(m_origin.host(), portOf(m_origin));
    else
        socket->connectToHost(m_origin.host(), portOf(m_origin));
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void HttpConnection::discardSocket()
{
    m_idleTimer.stop();
    m_timeoutTimer.stop();
    if (m_socket) {
        QTcpSocket* socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_state = State::Closed;
}

void HttpConnection::scheduleReconnect()
{
    if (!m_wanted)
        return;
    if (m_failures == 0) {
        connectSocket();
        return;
    }
    const auto wait = std::min(kMaxRetry, kFirstRetry * (1 << std::min(m_failures - 1, 6)));
    m_reconnectTimer.start(wait);
}

bool HttpConnection::isReady()
{
    if (m_state != State::Idle || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    // Anything the server sent unasked (a 408, a TLS close alert) means it is closing this connection.
    if (m_socket->bytesAvailable() > 0)
        return false;
#ifdef Q_OS_UNIX
    // The server's FIN may be in the kernel while Qt has not read it yet: peek without waiting.
    char byte = 0;
    const auto peeked =
        ::recv(static_cast<int>(m_socket->socketDescriptor()), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (peeked >= 0)
        return false; // 0: closed by the server; > 0: unasked bytes
#endif
    return true;
}

void HttpConnection::send(const HttpRequest& request, std::chrono::milliseconds timeout,
                          RestClient::RawCallback done)
{
    Q_ASSERT(m_state == State::Idle);
    m_idleTimer.stop();
    m_state = State::Busy;
    m_done = std::move(done);
    m_reply = {};
    m_received.clear();
    m_bodyStart = -1;
    m_contentLength = -1;
    m_chunked = false;
    m_closeAfter = false;
    m_timeout = timeout;

    QByteArray out;
    out.reserve(256 + request.body.size());
    out +=
        request.method + ' ' + request.pathAndQuery() + " HTTP/1.1\r\nHost: " + hostHeader(m_origin) + "\r\n";
    bool hasAccept = false;
    for (const auto& [name, value] : request.headers) {
        if (sameName(name, "Host") || sameName(name, "Content-Length") || sameName(name, "Connection") ||
            sameName(name, "Transfer-Encoding"))
            continue;
        hasAccept = hasAccept || sameName(name, "Accept");
        out += name + ": " + value + "\r\n";
    }
    if (!hasAccept)
        out += "Accept: application/json\r\n";
    if (!request.body.isEmpty() || (request.method != "GET" && request.method != "HEAD"))
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    out += "\r\n";
    out += request.body;

    m_reply.sentAtMs = QDateTime::currentMSecsSinceEpoch();
    m_timeoutTimer.start(timeout);
    const bool written = m_socket->write(out) == out.size() && m_socket->flush();
    m_lastWrittenAt = std::chrono::steady_clock::now();
    if (!written) {
        // Some bytes may have left: the outcome is unknown.
        RestError e;
        e.kind = RestError::Kind::Network;
        e.message = QStringLiteral("writing the request failed (%1); the outcome is unknown and the request "
                                   "was not sent again")
                        .arg(m_socket->errorString());
        finishRequest(e);
    }
}

void HttpConnection::onReadable()
{
    if (!m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    if (m_state != State::Busy)
        return; // unasked bytes on an idle connection: isReady() sees the close coming
    m_received += data;
    if (parseResponse(false))
        finishRequest(std::nullopt);
}

void HttpConnection::onDisconnected()
{
    if (!m_socket)
        return;
    if (m_state == State::Busy) {
        if (m_socket->bytesAvailable() > 0)
            m_received += m_socket->readAll();
        if (parseResponse(true)) {
            m_closeAfter = true;
            finishRequest(std::nullopt);
            return;
        }
        RestError e;
        e.kind = RestError::Kind::Network;
        e.message = QStringLiteral("the connection closed after the request was sent; the outcome is "
                                   "unknown and the request was not sent again");
        finishRequest(e);
        return;
    }
    // The server closed an idle connection (its keep-alive ran out): open a fresh one.
    const qint64 lived = QDateTime::currentMSecsSinceEpoch() - m_socket->property("openedAt").toLongLong();
    if (m_state == State::Idle && lived < kShortLivedMs)
        ++m_failures;
    discardSocket();
    scheduleReconnect();
}

bool HttpConnection::parseResponse(bool atEof)
{
    for (;;) {
        if (m_bodyStart < 0) {
            const qsizetype end = m_received.indexOf("\r\n\r\n");
            if (end < 0)
                return false;
            const QList<QByteArray> lines = m_received.left(end).split('\n');
            const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
            bool ok = false;
            const int code = status.value(1).toInt(&ok);
            if (!status.value(0).startsWith("HTTP/1.") || !ok) {
                m_reply.httpStatus = 0;
                m_contentLength = -1;
                m_closeAfter = true;
                return false;
            }
            if (code >= 100 && code < 200) { // 100 Continue and the like: the real answer follows
                m_received.remove(0, end + 4);
                continue;
            }
            m_reply.httpStatus = code;
            m_reply.headers.clear();
            m_closeAfter = status.value(0) == "HTTP/1.0";
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed();
                const QByteArray value = line.mid(colon + 1).trimmed();
                m_reply.headers.append({name, value});
                if (sameName(name, "Content-Length"))
                    m_contentLength = value.toLongLong();
                else if (sameName(name, "Transfer-Encoding"))
                    m_chunked = value.toLower().contains("chunked");
                else if (sameName(name, "Connection"))
                    m_closeAfter = value.toLower() == "close"
                                       ? true
                                       : (value.toLower() == "keep-alive" ? false : m_closeAfter);
                else if (sameName(name, "Keep-Alive"))
                    m_serverIdle = keepAliveTimeout(value);
            }
            m_bodyStart = end + 4;
            if (code == 204 || code == 304)
                m_contentLength = 0;
        }
        if (m_chunked) {
            QByteArray body;
            qsizetype at = m_bodyStart;
            for (;;) {
                const qsizetype lineEnd = m_received.indexOf("\r\n", at);
                if (lineEnd < 0)
                    return false;
                QByteArray sizeText = m_received.mid(at, lineEnd - at);
                if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
                    sizeText.truncate(semicolon);
                bool ok = false;
                const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
                if (!ok || size < 0)
                    return false;
                at = lineEnd + 2;
                if (size == 0) {
                    // Trailers, then an empty line.
                    const qsizetype trailersEnd = m_received.indexOf("\r\n", at);
                    if (trailersEnd < 0)
                        return false;
                    if (trailersEnd != at) {
                        const qsizetype end = m_received.indexOf("\r\n\r\n", at);
                        if (end < 0)
                            return false;
                    }
                    m_reply.body = body;
                    return true;
                }
                if (m_received.size() < at + size + 2)
                    return false;
                body += m_received.mid(at, size);
                at += size + 2;
            }
        }
        if (m_contentLength >= 0) {
            if (m_received.size() - m_bodyStart < m_contentLength)
                return false;
            m_reply.body = m_received.mid(m_bodyStart, m_contentLength);
            return true;
        }
        // Neither a length nor chunks: the body runs to the end of the connection.
        if (!atEof)
            return false;
        m_reply.body = m_received.mid(m_bodyStart);
        m_closeAfter = true;
        return true;
    }
}

void HttpConnection::finishRequest(std::optional<RestError> transportError)
{
    m_timeoutTimer.stop();
    RestClient::RawReply reply = std::move(m_reply);
    reply.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (!transportError) {
        const QByteArray encoding = reply.header("Content-Encoding").trimmed().toLower();
        if (!encoding.isEmpty() && encoding != "identity") {
            RestError e;
            e.kind = RestError::Kind::Parse;
            e.message = QStringLiteral("the reply came %1-encoded, which was not asked for")
                            .arg(QString::fromLatin1(encoding));
            transportError = e;
        }
    }
    if (transportError) {
        reply.httpStatus = 0;
        reply.transportError = transportError;
    }
    const bool reuse = !transportError && !m_closeAfter;
    RestClient::RawCallback done = std::move(m_done);
    m_done = nullptr;
    m_received.clear();
    if (reuse) {
        m_state = State::Idle;
        auto idle = m_maxIdle;
        if (m_serverIdle.count() > 0)
            idle = std::min(idle, std::max(m_serverIdle - std::chrono::milliseconds(1000), m_serverIdle / 2));
        m_idleTimer.start(idle);
    } else {
        discardSocket();
        scheduleReconnect();
    }
    if (done)
        done(reply);
}
