#pragma once

#include "exchanges/core/streamprotocol.h"

#include <QString>

// bitbank's public stream is Socket.IO 4 (Engine.IO protocol v4) over a plain WebSocket:
// https://github.com/bitbankinc/bitbank-api-docs/blob/master/public-stream.md
//   < 0{"sid":…,"pingInterval":25000,"pingTimeout":60000}   Engine.IO open
//   > 40                                                    Socket.IO connect to the default namespace
//   < 40{"sid":…}                                           connected
//   > 42["join-room","depth_whole_btc_jpy"]                 one event per room
//   < 42["message",{"room_name":…,"message":{"data":{…}}}]
//   < 2   > 3                                               the SERVER pings (text); the client answers
//
// A room may only be joined once the server has acknowledged the namespace connect ("40{…}"):
// Socket.IO drops (or, in newer servers, closes the connection over) an event for a namespace not yet
// connected. The protocol says so (subscriptionsWaitForServer / isReadyForSubscriptions): StreamClient
// holds the joins back until the ack and sends them all then.
//
// Topics are bitbank's room names, with one addition: a book needs two rooms, so the book topic
// "depth_whole_{pair}" joins both "depth_whole_{pair}" and "depth_diff_{pair}".
// bitbank documents no leave-room: unsubscribing sends nothing (the rooms' messages are then ignored).
class BitbankStreamProtocol final : public StreamProtocol
{
public:
    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    // Empty: WebSocket ping frames (harmless to the server, and they measure the round trip; Engine.IO
    // v4 forbids the client's own "2").
    QByteArray pingMessage() const override;
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;
    // "2" → "3"; the open packet "0{…}" → "40".
    std::optional<QByteArray> replyTo(QByteArrayView frame) const override;
    bool subscriptionsWaitForServer() const override { return true; }
    // The namespace connect ack "40…".
    bool isReadyForSubscriptions(QByteArrayView frame) const override;

    // A new WebSocket connection: the namespace is not connected yet.
    void startConnection() const;
    bool isNamespaceConnected() const { return m_namespaceConnected; }
    // The server's heartbeat from its open packet (0 until one was seen).
    int serverPingIntervalMs() const { return m_serverPingIntervalMs; }
    int serverPingTimeoutMs() const { return m_serverPingTimeoutMs; }

    // The rooms one topic stands for (two for a book topic, else the topic itself).
    static QStringList roomsOf(const QString& topic);
    static QByteArray joinMessage(const QString& room);

    static constexpr QLatin1String WholePrefix{"depth_whole_"};
    static constexpr QLatin1String DiffPrefix{"depth_diff_"};

private:
    mutable bool m_namespaceConnected = false;
    mutable int m_serverPingIntervalMs = 0;
    mutable int m_serverPingTimeoutMs = 0;
};
