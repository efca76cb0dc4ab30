#include "streamclient.h"

#include "restclient.h" // tlsConfigurationTrusting
#include "streamprotocol.h"

#include <QWebSocket>
#ifndef QT_NO_SSL
#include <QSslError>
#endif

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

QString secondsText(std::chrono::milliseconds duration)
{
    return QString::number(duration.count() / 1000.0, 'g', 3);
}

// When a paced message last left for each host (host:port → ns on one process-wide clock). A venue's
// command limit is per IP, so every connection to that host (GMO Coin's spot and leverage feeds, its
// private stream) waits its turn on the same pace. A handful of hosts at most: entries are never removed.
qint64 processNs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock.nsecsElapsed();
}

std::unordered_map<std::string, qint64>& lastPacedSendNs()
{
    static std::unordered_map<std::string, qint64> sent;
    return sent;
}

} // namespace

StreamClient::StreamClient(const QUrl& url, const StreamProtocol& protocol, QObject* parent)
    : StreamClient(url, protocol, Options{}, parent)
{}

StreamClient::StreamClient(const QUrl& url, const StreamProtocol& protocol, Options options, QObject* parent)
    : QObject(parent)
    , m_url(url)
    , m_protocol(protocol)
    , m_options(options)
    , m_paceKey(QStringLiteral("%1:%2").arg(url.host()).arg(url.port(-1)).toStdString())
    , m_random(std::random_device{}())
{
    m_clock.start();
    if (!m_options.extraCaCertificates.isEmpty())
        m_tlsConfiguration = tlsConfigurationTrusting(m_options.extraCaCertificates);

    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &StreamClient::connectSocket);
    connect(&m_pingTimer, &QTimer::timeout, this, &StreamClient::sendPing);
    connect(&m_watchdogTimer, &QTimer::timeout, this, &StreamClient::checkWatchdogs);
    connect(&m_aliveTimer, &QTimer::timeout, this, &StreamClient::checkAlive);
    m_sendTimer.setSingleShot(true);
    m_sendTimer.setTimerType(Qt::PreciseTimer); // sendQueued checks the pace anyway; precise wastes no turn
    connect(&m_sendTimer, &QTimer::timeout, this, &StreamClient::sendQueued);

    // Look every quarter of deadAfter, and at least once a second, so a dead connection is noticed
    // soon after deadAfter without waking up often for the usual tens of seconds.
    const auto aliveCheck = std::clamp<qint64>(m_options.deadAfter.count() / 4, 10, 1000);
    m_aliveTimer.setInterval(static_cast<int>(aliveCheck));
    m_watchdogTimer.setInterval(m_options.watchdogInterval);
}

StreamClient::~StreamClient()
{
    m_wantOpen = false;
    // deleteLater rather than delete: the client may be destroyed from a slot connected to one of
    // the socket's own signals (frameReceived is emitted from textMessageReceived).
    discardSocket(false);
}

void StreamClient::open()
{
    if (m_wantOpen)
        return;
    m_wantOpen = true;
    m_attempt = 0;
    setState(State::Connecting);
    connectSocket();
}

void StreamClient::close()
{
    m_wantOpen = false;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    m_watchdogTimer.stop();
    m_aliveTimer.stop();
    discardSocket(true);
    m_attempt = 0;
    m_pingSentMs = -1;
    setState(State::Closed);
}

void StreamClient::subscribe(const QStringList& topics)
{
    QStringList added;
    for (const QString& topic : topics) {
        if (!m_topics.contains(topic) && !added.contains(topic))
            added.append(topic);
    }
    if (added.isEmpty())
        return;
    m_topics.append(added);
    if (canSubscribe())
        queueCommands(true, added);
}

void StreamClient::unsubscribe(const QStringList& topics)
{
    QStringList removed;
    for (const QString& topic : topics) {
        if (m_topics.removeAll(topic) > 0)
            removed.append(topic);
    }
    if (removed.isEmpty() || !canSubscribe())
        return;
    // A subscription still waiting in the queue is withdrawn: the venue never heard of it.
    QStringList toSend;
    for (const QString& topic : std::as_const(removed)) {
        const auto queued = [&topic](const Outgoing& o) { return o.subscribe && o.topic == topic; };
        if (std::find_if(m_outbox.begin(), m_outbox.end(), queued) == m_outbox.end()) {
            toSend.append(topic);
            continue;
        }
        m_outbox.erase(std::remove_if(m_outbox.begin(), m_outbox.end(), queued), m_outbox.end());
    }
    if (!toSend.isEmpty())
        queueCommands(false, toSend);
}

void StreamClient::resubscribe(const QStringList& topics)
{
    QStringList again;
    for (const QString& topic : topics) {
        if (again.contains(topic))
            continue;
        again.append(topic);
        if (!m_topics.contains(topic))
            m_topics.append(topic);
    }
    if (!canSubscribe())
        return; // not live: the whole set is sent on the next connect anyway
    // A subscription still waiting in the queue brings its fresh snapshot when it goes out.
    again.removeIf([this](const QString& topic) { return isQueued(topic); });
    if (again.isEmpty())
        return;
    queueCommands(false, again);
    queueCommands(true, again);
}

void StreamClient::setExpectedCadence(const QString& topic, std::chrono::milliseconds cadence)
{
    const std::string key = topic.toStdString();
    if (cadence.count() <= 0) {
        m_watches.erase(key);
        return;
    }
    TopicWatch& watch = m_watches[key];
    watch.cadence = cadence;
    // Watching starts now: a topic subscribed long ago is not stale the moment it gets a cadence.
    watch.lastActivityMs = std::max(watch.lastActivityMs, nowMs());
}

void StreamClient::noteTopicActivity(std::string_view topic)
{
    const auto it = m_watches.find(topic);
    if (it != m_watches.end())
        it->second.lastActivityMs = nowMs();
}

void StreamClient::sendText(const QByteArray& message)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->sendTextMessage(QString::fromUtf8(message));
}

void StreamClient::connectSocket()
{
    if (!m_wantOpen)
        return;
    discardSocket(false);

    m_socket = std::make_unique<QWebSocket>();
    QWebSocket* socket = m_socket.get();
    if (m_tlsConfiguration)
        socket->setSslConfiguration(*m_tlsConfiguration);
    connect(socket, &QWebSocket::connected, this, &StreamClient::onConnected);
    connect(socket, &QWebSocket::disconnected, this, &StreamClient::onDisconnected);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(socket, &QWebSocket::errorOccurred, this, &StreamClient::onSocketError);
#else
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &StreamClient::onSocketError);
#endif
    connect(socket, &QWebSocket::textMessageReceived, this, &StreamClient::onTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &StreamClient::onBinaryMessage);
    connect(socket, &QWebSocket::pong, this,
            [this](quint64 elapsedTime, const QByteArray&) { onPong(elapsedTime); });
#ifndef QT_NO_SSL
    // Reported, never ignored: the handshake is then aborted and the socket
    // reports an error, which goes through the normal reconnect path.
    connect(socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList texts;
        for (const QSslError& error : errors)
            texts.append(error.errorString());
        Q_EMIT errorOccurred(QStringLiteral("TLS error: ") + texts.join(QStringLiteral("; ")));
    });
#endif

    // A connection attempt that hangs counts against deadAfter too.
    m_lastFrameMs = nowMs();
    m_aliveTimer.start();
    // Frames are handed out in small batches between event-loop turns: unbounded, the socket would read
    // all the kernel holds (megabytes on loopback) and deliver every frame before the UI could repaint.
    socket->setReadBufferSize(16 * 1024);
    // Nothing may touch `socket` after open(): an invalid URL fails synchronously, and the failure
    // path replaces m_socket.
    socket->open(m_url);
}

void StreamClient::discardSocket(bool graceful)
{
    // What was queued for this connection is built again from the set on the next one.
    m_outbox.clear();
    m_sendTimer.stop();
    m_subscriptionsOpen = false;
    if (!m_socket)
        return;
    QWebSocket* socket = m_socket.release();
    socket->disconnect(this);
    if (graceful && socket->state() == QAbstractSocket::ConnectedState) {
        // Let the close handshake go out; give up on it after a second.
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(1000, socket, &QObject::deleteLater);
        socket->close();
        return;
    }
    socket->abort();
    socket->deleteLater();
}

void StreamClient::onConnected()
{
    QWebSocket* socket = m_socket.get();
    const qint64 now = nowMs();
    m_attempt = 0;
    m_lastFrameMs = now;
    m_pingSentMs = -1;
    m_outbox.clear();
    m_subscriptionsOpen = false;

    Q_EMIT connected();
    if (!m_wantOpen || m_socket.get() != socket)
        return; // a slot closed or replaced the connection

    if (!m_protocol.subscriptionsWaitForServer())
        openSubscriptions();
    setState(State::Live);
    if (!m_wantOpen || m_socket.get() != socket)
        return;

    if (m_protocol.pingInterval().count() > 0)
        m_pingTimer.start(m_protocol.pingInterval());
    m_watchdogTimer.start();
    m_aliveTimer.start();
}

void StreamClient::onDisconnected()
{
    // Not live yet means this socket never connected: a refused or failed attempt.
    QString reason =
        m_state == State::Live ? QStringLiteral("connection closed") : QStringLiteral("connection failed");
    if (m_socket) {
        if (m_socket->closeCode() != QWebSocketProtocol::CloseCodeNormal ||
            !m_socket->closeReason().isEmpty())
            reason += QStringLiteral(" (%1 %2)").arg(m_socket->closeCode()).arg(m_socket->closeReason());
        if (m_socket->error() != QAbstractSocket::UnknownSocketError)
            reason += QStringLiteral(": ") + m_socket->errorString();
    }
    scheduleReconnect(reason.trimmed());
}

void StreamClient::onSocketError()
{
    scheduleReconnect(m_socket ? m_socket->errorString() : QStringLiteral("socket error"));
}

void StreamClient::onTextMessage(const QString& message)
{
    handleFrame(message.toUtf8());
}

void StreamClient::onBinaryMessage(const QByteArray& message)
{
    handleFrame(message);
}

void StreamClient::handleFrame(const QByteArray& frame)
{
    const qint64 receivedNs = m_clock.nsecsElapsed();
    const qint64 now = receivedNs / 1'000'000;
    m_lastFrameMs = now;

    if (m_protocol.isPong(frame)) {
        if (m_pingSentMs >= 0) {
            m_roundTripMs = static_cast<int>(now - m_pingSentMs);
            m_pingSentMs = -1;
            Q_EMIT roundTripMeasured(m_roundTripMs);
        }
        return;
    }
    // The server's go-ahead (Socket.IO's namespace ack) opens the subscriptions once the frame was
    // handled, unless handling it closed or replaced the connection.
    QWebSocket* const socket = !m_subscriptionsOpen && m_protocol.subscriptionsWaitForServer() &&
                                       m_protocol.isReadyForSubscriptions(frame)
                                   ? m_socket.get()
                                   : nullptr;
    if (const auto reply = m_protocol.replyTo(frame))
        sendText(*reply);
    else
        Q_EMIT frameReceived(frame, receivedNs);
    if (socket && socket == m_socket.get() && m_state == State::Live && !m_subscriptionsOpen)
        openSubscriptions();
}

void StreamClient::onPong(quint64 elapsedTime)
{
    m_lastFrameMs = nowMs();
    m_pingSentMs = -1;
    m_roundTripMs = static_cast<int>(elapsedTime);
    Q_EMIT roundTripMeasured(m_roundTripMs);
}

void StreamClient::scheduleReconnect(const QString& reason)
{
    if (!m_wantOpen)
        return;
    discardSocket(false);
    m_pingTimer.stop();
    m_watchdogTimer.stop();
    m_aliveTimer.stop();
    m_pingSentMs = -1;

    Q_EMIT errorOccurred(reason);
    if (!m_wantOpen || m_socket)
        return; // a slot closed or reopened the client

    ++m_attempt;
    const int delayMs = nextBackoffMs();
    setState(State::Reconnecting, delayMs);
    if (m_wantOpen && !m_socket && m_state == State::Reconnecting)
        m_reconnectTimer.start(delayMs);
}

void StreamClient::sendPing()
{
    if (m_state != State::Live || !m_socket)
        return;
    const QByteArray ping = m_protocol.pingMessage();
    if (ping.isEmpty()) {
        m_socket->ping(); // the pong signal carries the round trip
        return;
    }
    m_pingSentMs = nowMs();
    sendText(ping);
}

void StreamClient::checkAlive()
{
    if (!m_wantOpen || !m_socket)
        return;
    if (nowMs() - m_lastFrameMs < m_options.deadAfter.count())
        return;
    if (m_state == State::Live)
        scheduleReconnect(QStringLiteral("no data for %1 s").arg(secondsText(m_options.deadAfter)));
    else
        scheduleReconnect(
            QStringLiteral("connection not established after %1 s").arg(secondsText(m_options.deadAfter)));
}

void StreamClient::checkWatchdogs()
{
    if (!canSubscribe() || m_watches.empty())
        return;
    const qint64 now = nowMs();
    QStringList stale;
    for (const QString& topic : std::as_const(m_topics)) {
        const auto it = m_watches.find(topic.toStdString());
        if (it == m_watches.end() || isQueued(topic))
            continue; // (a queued subscription's watch starts when it goes out)
        TopicWatch& watch = it->second;
        const qint64 limitMs = std::max<qint64>(3 * watch.cadence.count(), 5'000);
        if (now - watch.lastActivityMs >= limitMs) {
            watch.lastActivityMs = now; // one report per silence, not one per tick
            stale.append(topic);
        }
    }
    for (const QString& topic : std::as_const(stale)) {
        Q_EMIT topicStale(topic);
        if (m_state != State::Live)
            return;
        resubscribe({topic});
    }
}

void StreamClient::openSubscriptions()
{
    m_subscriptionsOpen = true;
    markSubscribed(m_topics, nowMs()); // the watch starts now, not at the last connection's
    if (!m_topics.isEmpty())
        queueCommands(true, m_topics);
}

void StreamClient::queueCommands(bool subscribe, const QStringList& topics)
{
    const auto build = [this, subscribe](const QStringList& some) {
        return subscribe ? m_protocol.subscribeMessages(some) : m_protocol.unsubscribeMessages(some);
    };
    if (m_protocol.minimumSendInterval().count() > 0) {
        for (const QString& topic : topics) {
            for (QByteArray& message : build({topic}))
                m_outbox.push_back({std::move(message), topic, subscribe});
        }
    } else {
        if (subscribe)
            markSubscribed(topics, nowMs());
        for (QByteArray& message : build(topics))
            m_outbox.push_back({std::move(message), QString(), subscribe});
    }
    if (!m_sendTimer.isActive())
        sendQueued();
}

void StreamClient::sendQueued()
{
    const qint64 intervalNs = std::chrono::nanoseconds(m_protocol.minimumSendInterval()).count();
    while (!m_outbox.empty() && m_socket) {
        if (intervalNs > 0) {
            const qint64 now = processNs();
            const auto last = lastPacedSendNs().find(m_paceKey);
            if (last != lastPacedSendNs().end() && now - last->second < intervalNs) {
                const qint64 waitNs = last->second + intervalNs - now;
                m_sendTimer.start(static_cast<int>((waitNs + 999'999) / 1'000'000)); // rounded up
                return;
            }
            lastPacedSendNs()[m_paceKey] = now;
        }
        const Outgoing next = std::move(m_outbox.front());
        m_outbox.pop_front();
        if (next.subscribe && !next.topic.isEmpty())
            markSubscribed({next.topic}, nowMs());
        sendText(next.message);
    }
}

bool StreamClient::isQueued(const QString& topic) const
{
    return std::any_of(m_outbox.begin(), m_outbox.end(),
                       [&topic](const Outgoing& o) { return o.subscribe && o.topic == topic; });
}

void StreamClient::markSubscribed(const QStringList& topics, qint64 atMs)
{
    for (const QString& topic : topics) {
        const auto it = m_watches.find(topic.toStdString());
        if (it != m_watches.end())
            it->second.lastActivityMs = std::max(it->second.lastActivityMs, atMs);
    }
}

void StreamClient::setState(State state, int delayMs)
{
    if (state == m_state && (state != State::Reconnecting || m_attempt == m_reportedAttempt))
        return;
    m_state = state;
    m_reportedAttempt = m_attempt;
    Q_EMIT stateChanged(state, m_attempt, state == State::Reconnecting ? delayMs : 0);
}

int StreamClient::nextBackoffMs()
{
    const double initial = static_cast<double>(m_options.initialBackoff.count());
    const double cap = static_cast<double>(m_options.maxBackoff.count());
    // 2^(attempt-1), with the exponent bounded so a long outage cannot overflow.
    const int exponent = std::clamp(m_attempt - 1, 0, 40);
    double delay = std::min(cap, initial * std::ldexp(1.0, exponent));
    if (m_options.jitter > 0) {
        std::uniform_real_distribution<double> spread(-m_options.jitter, m_options.jitter);
        delay *= 1.0 + spread(m_random);
    }
    return static_cast<int>(std::clamp(std::lround(delay), 0L, long{std::numeric_limits<int>::max()}));
}
