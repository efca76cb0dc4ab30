#pragma once

#include "restclient.h"

#include <QByteArray>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <optional>

class QTcpSocket;
struct HttpRequest;

// One HTTP/1.1 connection to one origin, opened ahead of time and kept open, for the requests that
// must leave at once (orders). QNetworkAccessManager hands every request to its own thread and back,
// which cost 0.7–0.9 ms per order on this path; here the request is written to the socket and
// flushed on the calling thread. One request at a time: the caller sends elsewhere while it is busy
// or not connected (isReady()).
//
// A request is written exactly once. If the connection fails after the request was written, the
// outcome is reported unknown (the caller looks the order up); nothing is ever sent again. TLS is
// verified as for every other connection (the peer's chain and host name, with the caller's
// configuration); a connection that fails verification is never used.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    // origin: scheme, host and port only (http or https).
    HttpConnection(const QUrl& origin, std::optional<QSslConfiguration> tls, QObject* parent = nullptr);
    ~HttpConnection() override;

    QUrl origin() const { return m_origin; }
    // Opens the connection and keeps it open: reconnects after the server closes it (at once after a
    // clean close, then backing off while connecting keeps failing), and replaces an idle connection
    // before servers usually drop idle ones (maxIdle, or the server's Keep-Alive timeout if shorter).
    void open();
    void close();
    void setMaxIdle(std::chrono::milliseconds maxIdle) { m_maxIdle = maxIdle; }

    // Connected, verified and not busy, and the server has not closed its end: send() may be called.
    bool isReady();
    // Writes the request and flushes it. done is called exactly once, on this thread, unless this
    // connection is destroyed first. Call only when isReady().
    void send(const HttpRequest& request, std::chrono::milliseconds timeout, RestClient::RawCallback done);

    int connectionsOpened() const { return m_connectionsOpened; }
    // When the last request's bytes had been handed to the kernel (for latency measurements).
    std::chrono::steady_clock::time_point lastWrittenAt() const { return m_lastWrittenAt; }

Q_SIGNALS:
    void ready();
    // Connecting failed (refused, TLS verification, …); it is tried again later.
    void failed(const QString& reason);

private:
    enum class State : std::uint8_t
    {
        Closed,
        Connecting,
        Idle,
        Busy,
    };
    void connectSocket();
    void discardSocket();
    void scheduleReconnect();
    void onReadable();
    void onDisconnected();
    void finishRequest(std::optional<RestError> transportError);
    // Parses m_received; true once a whole response is in m_reply.
    bool parseResponse(bool atEof);

    QUrl m_origin;
    std::optional<QSslConfiguration> m_tls;
    QTcpSocket* m_socket = nullptr;
    State m_state = State::Closed;
    bool m_wanted = false;
    int m_failures = 0;
    int m_connectionsOpened = 0;
    std::chrono::milliseconds m_maxIdle{20'000};
    std::chrono::milliseconds m_serverIdle{0}; // the server's Keep-Alive timeout, 0: not said
    QTimer m_reconnectTimer;
    QTimer m_idleTimer;
    QTimer m_timeoutTimer;
    QStringList m_tlsProblems;

    // The request in flight.
    RestClient::RawCallback m_done;
    RestClient::RawReply m_reply;
    QByteArray m_received;
    qsizetype m_bodyStart = -1;  // where the body starts in m_received, once the headers are in
    qint64 m_contentLength = -1; // -1: not given
    bool m_chunked = false;
    bool m_closeAfter = false;
    std::chrono::milliseconds m_timeout{0};
    std::chrono::steady_clock::time_point m_lastWrittenAt;
};
