#pragma once

#include "exchanges/core/streamprotocol.h"

// BitMEX realtime framing: {"op":"subscribe","args":["orderBookL2:XBTUSD", …]}; the client sends the
// text "ping" when the connection has been quiet and the server answers the text "pong".
// https://www.bitmex.com/app/wsAPI
class BitmexStreamProtocol final : public StreamProtocol
{
public:
    // BitMEX takes many args per request; batches keep each message small.
    static constexpr int MaxTopicsPerRequest = 20;

    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override;
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;
};
