#pragma once

#include "exchanges/core/streamprotocol.h"

#include <QString>

#include <chrono>

// GMO Coin's public WebSocket (wss://api.coin.z.com/ws/public/v1) speaks plain JSON commands:
// {"command":"subscribe"|"unsubscribe","channel":"ticker"|"orderbooks"|"trades","symbol":"BTC"}.
// https://api.coin.z.com/docs/#public-ws-api
//
// Topics are "channel:symbol" ("orderbooks:BTC", "ticker:BTC_JPY"); the private stream's channels
// (wss://api.coin.z.com/ws/private/v1/{token}: "orderEvents", …) are topics without a symbol.
//
// GMO Coin accepts at most one subscribe/unsubscribe command per second per IP; excess commands are
// answered {"error":"ERR-5003 Request too many."} and the channel stays unsubscribed. The protocol says
// so through minimumSendInterval(): StreamClient queues the commands and sends them one at a time,
// connections to the same host sharing the pace. The server pings every minute (WebSocket frames,
// answered by QWebSocket); our own ping frames only measure the round trip.
class GmocoinStreamProtocol final : public StreamProtocol
{
public:
    explicit GmocoinStreamProtocol(std::chrono::milliseconds minimumGap = DefaultGap);

    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override; // empty: WebSocket ping frames
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;
    std::chrono::milliseconds minimumSendInterval() const override { return m_gap; }

    // The least time between two commands (tests use less).
    void setMinimumGap(std::chrono::milliseconds gap) { m_gap = gap; }
    std::chrono::milliseconds minimumGap() const { return m_gap; }

    static QString topicFor(const char* channel, const QString& symbol);
    // "orderbooks:BTC" → {"orderbooks", "BTC"}; empty strings for a topic that is not ours.
    static QPair<QString, QString> splitTopic(const QString& topic);
    static QByteArray command(const char* command, const QString& topic);

    // A little over GMO's second, so network jitter cannot bring two commands closer at the server.
    static constexpr std::chrono::milliseconds DefaultGap{1100};

private:
    static QList<QByteArray> commands(const char* command, const QStringList& topics);

    std::chrono::milliseconds m_gap;
};
