#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

#include <chrono>
#include <optional>

// How one venue's WebSocket speaks at the transport level: how topics are subscribed, how the
// connection is kept alive, which frames are heartbeat replies. StreamClient drives the connection;
// the protocol only builds and recognises messages. Topics are the venue's own channel names
// ("orderbook.50.BTCUSDT" on Bybit); a venue whose subscriptions are objects (OKX's {channel, instId})
// encodes them into a topic string and back.
class StreamProtocol
{
public:
    virtual ~StreamProtocol() = default;

    virtual QList<QByteArray> subscribeMessages(const QStringList& topics) const = 0;
    virtual QList<QByteArray> unsubscribeMessages(const QStringList& topics) const = 0;

    // The application-level ping to send every pingInterval(); empty = use WebSocket ping frames.
    virtual QByteArray pingMessage() const = 0;
    virtual std::chrono::milliseconds pingInterval() const = 0;
    // The reply to our ping; its arrival measures the round-trip time.
    virtual bool isPong(QByteArrayView frame) const = 0;
    // A frame the protocol answers by itself (a server-initiated ping, an Engine.IO probe), if any.
    virtual std::optional<QByteArray> replyTo(QByteArrayView frame) const
    {
        Q_UNUSED(frame);
        return std::nullopt;
    }

    // The least time between two subscribe/unsubscribe messages, for a venue that limits commands
    // (GMO Coin: one a second). StreamClient then queues them and sends them one by one at this pace,
    // in order; connections to the same host share the pace, as such limits are per IP. 0 = no limit.
    virtual std::chrono::milliseconds minimumSendInterval() const { return std::chrono::milliseconds(0); }
    // Whether subscriptions must wait, once the WebSocket is open, for a frame from the server that
    // says the connection is ready (isReadyForSubscriptions), e.g. Socket.IO's namespace-connect ack.
    virtual bool subscriptionsWaitForServer() const { return false; }
    virtual bool isReadyForSubscriptions(QByteArrayView frame) const
    {
        Q_UNUSED(frame);
        return false;
    }
};
