#pragma once

#include "exchanges/core/streamprotocol.h"

#include <QElapsedTimer>
#include <QString>

#include <deque>
#include <mutex>

// GMO Coin's public WebSocket (wss://api.coin.z.com/ws/public/v1) speaks plain JSON commands:
// {"command":"subscribe"|"unsubscribe","channel":"ticker"|"orderbooks"|"trades","symbol":"BTC"}.
// https://api.coin.z.com/docs/#public-ws-api
//
// Topics are "channel:symbol" ("orderbooks:BTC", "ticker:BTC_JPY"); the private stream's channels
// (wss://api.coin.z.com/ws/private/v1/{token}: "orderEvents", …) are topics without a symbol.
//
// GMO Coin accepts at most one subscribe/unsubscribe command per second per IP; excess commands are
// answered {"error":"ERR-5003 Request too many."} and the channel stays unsubscribed. StreamClient
// sends every message subscribeMessages() returns at once, so this protocol paces them itself: the
// commands go into one queue, subscribeMessages()/unsubscribeMessages() hand back only the one that
// may go now (if any), and pingMessage() — which StreamClient asks for every pingInterval() — hands
// back the next due command, or nothing (then StreamClient sends a WebSocket ping frame, which the
// venue does not count). One queue per adapter, shared by its connections, as the limit is per IP.
// Limitation: the pinging connection sends the queued command, so with two connections open at once
// (spot and leverage) a command could leave on the other one; see the report for the interface change
// (a per-connection send pacing in StreamClient) that removes it.
class GmocoinStreamProtocol final : public StreamProtocol
{
public:
    explicit GmocoinStreamProtocol(std::chrono::milliseconds minimumGap = std::chrono::milliseconds(1000));

    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override; // the next due queued command, else empty (ping frame)
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;

    // The least time between two commands (1 s on GMO Coin; tests use less).
    void setMinimumGap(std::chrono::milliseconds gap);
    std::chrono::milliseconds minimumGap() const;
    // Commands waiting for their turn.
    int pendingCommands() const;

    static QString topicFor(const char* channel, const QString& symbol);
    // "orderbooks:BTC" → {"orderbooks", "BTC"}; empty strings for a topic that is not ours.
    static QPair<QString, QString> splitTopic(const QString& topic);
    static QByteArray command(const char* command, const QString& topic);

private:
    QList<QByteArray> enqueue(const char* command, const QStringList& topics) const;
    QByteArray takeDue() const; // with m_mutex held

    mutable std::mutex m_mutex;
    mutable std::deque<QByteArray> m_queue;
    mutable QElapsedTimer m_sinceLast; // invalid until the first command went out
    std::chrono::milliseconds m_gap;
};
