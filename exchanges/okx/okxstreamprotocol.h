#pragma once

#include "exchanges/core/streamprotocol.h"

#include <QJsonObject>
#include <QString>

// OKX v5 WebSocket framing: {"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}, and the
// text "ping" answered by the text "pong" (the server drops a connection silent for 30 s).
// https://www.okx.com/docs-v5/en/#overview-websocket-connect
//
// OKX subscribes to objects, botterm's StreamClient to strings: a topic is the channel, then ":instId"
// for a public channel or ":key=value" pairs for others ("books:BTC-USDT", "orders:instType=ANY",
// "account").
class OkxStreamProtocol final : public StreamProtocol
{
public:
    // OKX limits a request's total length (64 KiB), not its argument count; 20 keeps requests short.
    static constexpr int MaxTopicsPerRequest = 20;

    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override;
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;

    // "books:BTC-USDT" → {"channel":"books","instId":"BTC-USDT"}; "orders:instType=ANY" →
    // {"channel":"orders","instType":"ANY"}.
    static QJsonObject argumentOf(const QString& topic);
    // The inverse, for a frame's "arg" object: the topic it belongs to.
    static QString topicOf(const QJsonObject& argument);
};
