#pragma once

#include "exchanges/core/streamprotocol.h"

#include <QJsonArray>
#include <QStringList>

#include <atomic>
#include <mutex>

// Phemex DataGW framing (JSON-RPC): {"id":n,"method":"<channel>.subscribe","params":[…]}, answered by
// {"error":null,"id":n,"result":{"status":"success"}}; {"id":n,"method":"server.ping","params":[]} at
// least every 30 s, answered by {"error":null,"id":n,"result":"pong"}.
// https://phemex-docs.github.io/#usdⓈ-m-perpetual-websocket-api (Heartbeat, Subscribe OrderBook)
//
// Topics are encoded as "<channel>[:<param>…]": "orderbook_p:BTCUSDT", "trade:sBTCUSDT",
// "kline_p:BTCUSDT:60", "perp_market24h_pack_p", "aop_p".
class PhemexStreamProtocol final : public StreamProtocol
{
public:
    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override;
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;

    // One JSON-RPC request with the next id.
    QByteArray request(const QString& method, const QJsonArray& params) const;
    static QString channelOf(const QString& topic) { return topic.section(QLatin1Char(':'), 0, 0); }

private:
    mutable std::atomic<qint64> m_nextId{1};
    // orderbook(.p).unsubscribe takes no symbol and drops every book of the connection, so the books
    // still wanted are subscribed again right after; this is the set of them.
    mutable std::mutex m_mutex;
    mutable QStringList m_bookTopics;
};
