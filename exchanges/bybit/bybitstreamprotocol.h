#pragma once

#include "exchanges/core/streamprotocol.h"

// Bybit V5 WebSocket framing: {"op":"subscribe","args":[…]} (spot: ≤ 10 args per message),
// {"op":"ping"} every 20 s answered by a frame whose ret_msg or op is "pong".
// https://bybit-exchange.github.io/docs/v5/ws/connect
class BybitStreamProtocol final : public StreamProtocol
{
public:
    // Spot accepts at most 10 topics per subscribe request; linear allows more but 10 is safe for both.
    static constexpr int MaxTopicsPerRequest = 10;

    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override;
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;
};
