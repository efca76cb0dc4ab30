#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

// A private stream that is not a WebSocket: bitbank's PubNub HTTP long-poll, say. TradingSession drives
// it as it drives a StreamClient (a token before each connection, a login if the venue has one, a REST
// snapshot once it is up), except that it never reconnects by itself: when it drops it says so once and
// goes quiet, and the session connects again with its backoff (through a new token where the stream has
// one) and reconciles over REST, since pushes may have been missed meanwhile.
//
// An adapter hands one out from TradingAdapter::createStreamConnection(); the session owns it.
class PrivateStreamConnection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrivateStreamConnection)

public:
    explicit PrivateStreamConnection(QObject* parent = nullptr)
        : QObject(parent)
    {}
    ~PrivateStreamConnection() override = default;

    // Starts connecting: connected() once the venue delivers on it, or disconnected() if it cannot.
    virtual void open() = 0;
    // Stops; no signal follows.
    virtual void close() = 0;
    // A login or other message to the venue, where the transport can carry one (a long-poll cannot:
    // its adapter needs no login message).
    virtual void sendText(const QByteArray& message) { Q_UNUSED(message); }

Q_SIGNALS:
    // Up: from now on every push reaches frameReceived() (nothing pushed after this is lost).
    void connected();
    // One private-stream message, as the adapter's parseStreamFrameFor() reads it.
    void frameReceived(const QByteArray& frame);
    // Down for good (refused, failed, unreadable): the session connects again no sooner than
    // retryAfterMs (0: its own backoff). Emitted once; nothing follows.
    void disconnected(const QString& reason, int retryAfterMs);
};
