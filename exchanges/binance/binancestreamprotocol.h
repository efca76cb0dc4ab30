#pragma once

#include "exchanges/core/streamprotocol.h"

#include <atomic>

// Binance market-stream framing (spot and USDⓈ-M): {"method":"SUBSCRIBE","params":[…],"id":n}, answered
// by {"result":null,"id":n}. The server sends WebSocket ping frames (spot every 20 s, futures every
// 3 min) that QWebSocket answers with pong frames by itself; there is no application-level ping, so
// the keep-alive and round-trip measurement use WebSocket ping frames too.
// https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
class BinanceStreamProtocol final : public StreamProtocol
{
public:
    // Spot accepts 5 incoming messages per second (futures 10): topics go out in few, large messages.
    static constexpr int MaxTopicsPerRequest = 100;

    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override;
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;

private:
    QList<QByteArray> requests(const char* method, const QStringList& topics) const;

    mutable std::atomic<int> m_nextId{1}; // request ids, echoed in the venue's answer
};
