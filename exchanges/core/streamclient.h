#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>

class QWebSocket;
class StreamProtocol;

// One WebSocket connection to one venue endpoint that stays up by itself: it keeps a subscription
// set and resends it after every reconnect (at the protocol's pace, once the protocol says the
// connection is ready for it), reconnects with capped exponential backoff and jitter,
// sends the venue's heartbeat and measures the round trip, treats a connection with no frame for
// deadAfter as dead, and marks a subscribed topic stale (and resubscribes it) when it stops
// delivering while the socket stays open. TLS errors are reported and the connection fails; they
// are never ignored.
class StreamClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamClient)

public:
    enum class State
    {
        Closed,       // not started, or close() was called
        Connecting,   // first attempt in progress
        Live,         // connected; subscriptions sent (or queued, or waiting for the server's ready frame)
        Reconnecting, // waiting reconnectDelay before the next attempt
    };
    Q_ENUM(State)

    struct Options
    {
        std::chrono::milliseconds initialBackoff{500};
        std::chrono::milliseconds maxBackoff{30'000};
        double jitter = 0.2; // ± fraction of each delay
        // No frame at all for this long (pongs included) → the connection is dead.
        std::chrono::milliseconds deadAfter{30'000};
        // How often to look for stale topics.
        std::chrono::milliseconds watchdogInterval{1'000};
        // CA certificates trusted on top of the system's (a venue behind a private CA, the tests'
        // CA). The peer is still verified and its host name checked; a problem fails the connection.
        QList<QSslCertificate> extraCaCertificates;
    };

    StreamClient(const QUrl& url, const StreamProtocol& protocol, QObject* parent = nullptr);
    StreamClient(const QUrl& url, const StreamProtocol& protocol, Options options, QObject* parent = nullptr);
    ~StreamClient() override;

    QUrl url() const { return m_url; }
    State state() const { return m_state; }
    int attempt() const { return m_attempt; }
    // Last measured ping → pong time; -1 before the first.
    int roundTripMs() const { return m_roundTripMs; }
    QStringList subscriptions() const { return m_topics; }
    // Subscribe/unsubscribe messages waiting for their turn (protocol's minimumSendInterval).
    int queuedMessages() const { return static_cast<int>(m_outbox.size()); }
    // The monotonic clock frameReceived's receivedNs is read from (started with the client).
    const QElapsedTimer& clock() const { return m_clock; }

    void open();
    void close();

    // Adds topics to the subscription set; sends the subscribe messages now if live (or queues them
    // behind the ones waiting, for a protocol with a minimumSendInterval).
    void subscribe(const QStringList& topics);
    void unsubscribe(const QStringList& topics);
    // Unsubscribe and subscribe again, to get a fresh snapshot for a book found inconsistent.
    void resubscribe(const QStringList& topics);

    // Staleness watchdog: a topic expected to deliver at least every `cadence` (0 = no watch).
    // A topic with no activity for 3 × cadence (at least 5 s) is reported stale and resubscribed.
    void setExpectedCadence(const QString& topic, std::chrono::milliseconds cadence);
    // Called by the parser's owner for each frame that carried data for `topic`.
    void noteTopicActivity(std::string_view topic);

    // Sends at once, outside the subscription queue (logins, the venue's own requests).
    void sendText(const QByteArray& message);

Q_SIGNALS:
    // A text frame as UTF-8, with the monotonic time (QElapsedTimer ns) of its arrival.
    void frameReceived(const QByteArray& frame, qint64 receivedNs);
    // attempt counts consecutive failures; delayMs is the wait before the next try (Reconnecting).
    void stateChanged(StreamClient::State state, int attempt, int delayMs);
    // Emitted once the connection is up, right before the subscriptions are (re)sent: whoever keeps
    // state built from the previous connection must drop it now.
    void connected();
    void roundTripMeasured(int milliseconds);
    void topicStale(const QString& topic);
    // Human-readable reason for a failure or drop (TLS errors included, with the certificate problem).
    void errorOccurred(const QString& message);

private:
    struct TopicWatch
    {
        std::chrono::milliseconds cadence{0};
        qint64 lastActivityMs = 0;
    };
    // A subscribe/unsubscribe message waiting in the outbox. A paced protocol gets one topic per
    // message batch, so a queued subscription can be withdrawn and its watch starts when it leaves.
    struct Outgoing
    {
        QByteArray message;
        QString topic; // empty for an unpaced batch
        bool subscribe = true;
    };
    struct StringHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    void connectSocket();
    void discardSocket(bool graceful);
    void onConnected();
    void onDisconnected();
    void onSocketError();
    void onPong(quint64 elapsedTime);
    void onTextMessage(const QString& message);
    void onBinaryMessage(const QByteArray& message);
    void handleFrame(const QByteArray& frame);
    void scheduleReconnect(const QString& reason);
    void sendPing();
    void checkAlive();
    void checkWatchdogs();
    bool canSubscribe() const { return m_state == State::Live && m_subscriptionsOpen; }
    void openSubscriptions();
    void queueCommands(bool subscribe, const QStringList& topics);
    void sendQueued();
    bool isQueued(const QString& topic) const;
    void markSubscribed(const QStringList& topics, qint64 atMs);
    qint64 nowMs() const { return m_clock.elapsed(); }
    void setState(State state, int delayMs = 0);
    int nextBackoffMs();

    QUrl m_url;
    const StreamProtocol& m_protocol;
    Options m_options;
    std::optional<QSslConfiguration> m_tlsConfiguration; // only with extra CAs; else Qt's default
    std::unique_ptr<QWebSocket> m_socket;
    QStringList m_topics;
    std::unordered_map<std::string, TopicWatch, StringHash, std::equal_to<>> m_watches;
    QTimer m_reconnectTimer;
    QTimer m_pingTimer;
    QTimer m_watchdogTimer;
    QTimer m_aliveTimer; // checks deadAfter (and a connection attempt that hangs)
    QTimer m_sendTimer;  // the next queued message's turn
    std::deque<Outgoing> m_outbox;
    std::string m_paceKey; // host:port: connections to one host share the send pace
    QElapsedTimer m_clock;
    qint64 m_lastFrameMs = 0;
    qint64 m_pingSentMs = -1;
    int m_roundTripMs = -1;
    int m_attempt = 0;
    int m_reportedAttempt = 0;
    State m_state = State::Closed;
    bool m_wantOpen = false;
    bool m_subscriptionsOpen = false; // the connection is up and, if the protocol asks, the server ready
    std::mt19937 m_random;
};
