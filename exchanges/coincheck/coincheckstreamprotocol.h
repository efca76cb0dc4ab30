#pragma once

#include "exchanges/core/streamprotocol.h"

// Coincheck's public WebSocket (wss://ws-api.coincheck.com/): one channel per message,
// {"type":"subscribe","channel":"btc_jpy-orderbook"} / "btc_jpy-trades". Coincheck sends no
// acknowledgement, documents no unsubscribe (the same shape with "unsubscribe" is sent; a venue that
// ignores it just keeps pushing and the feed drops the frames) and no application heartbeat: the
// connection is kept with WebSocket ping frames and the feed's data timeout.
// https://coincheck.com/documents/exchange/api#websocket-overview
class CoincheckStreamProtocol final : public StreamProtocol
{
public:
    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override; // empty: WebSocket ping frames
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;
};

// Coincheck's private WebSocket (wss://stream.coincheck.com): after the login (CoincheckTrading's
// streamAuthMessage) every channel goes in one message, {"type":"subscribe","channels":[…]}, answered
// by {"type":"subscribe","success":true}. No application heartbeat is documented: WebSocket ping frames.
// https://coincheck.com/documents/exchange/api#private-channels
class CoincheckPrivateProtocol final : public StreamProtocol
{
public:
    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override; // empty: WebSocket ping frames
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;
};
