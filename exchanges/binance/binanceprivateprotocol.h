#pragma once

#include "exchanges/core/streamprotocol.h"

// The transport side of Binance's private connections: the spot WebSocket API (subscribed by one
// signed request, sent by TradingSession as the login) and the USDⓈ-M /private stream (its events
// chosen in the URL). Neither takes subscribe messages. Both servers send WebSocket ping frames (spot
// every 20 s, USDⓈ-M every 3 min) that Qt answers; we also ping with WebSocket frames so a silent
// account still shows the connection alive within StreamClient's deadAfter.
// https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/general-api-information
class BinancePrivateProtocol final : public StreamProtocol
{
public:
    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override { return {}; }
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;
};
