#pragma once

#include "exchanges/core/streamprotocol.h"

#include <QString>

#include <atomic>

// bitFlyer Lightning's realtime API is JSON-RPC 2.0 over one WebSocket:
// {"jsonrpc":"2.0","method":"subscribe","params":{"channel":NAME},"id":n}, answered {"id":n,"result":true};
// data arrives as {"jsonrpc":"2.0","method":"channelMessage","params":{"channel","message"}}.
// https://bf-lightning-api.readme.io/docs/endpoint-json-rpc
//
// Topics are bitFlyer's channel names, with one addition: an order book needs two channels (the full
// snapshots and the diffs), so the book topic "lightning_board_{product}" subscribes both
// "lightning_board_snapshot_{product}" and "lightning_board_{product}" (and unsubscribes both), and the
// parser reports both channels' data under that one topic.
//
// bitFlyer documents no application-level heartbeat: the connection is kept with WebSocket ping frames.
class BitflyerStreamProtocol final : public StreamProtocol
{
public:
    QList<QByteArray> subscribeMessages(const QStringList& topics) const override;
    QList<QByteArray> unsubscribeMessages(const QStringList& topics) const override;
    QByteArray pingMessage() const override; // empty: WebSocket ping frames
    std::chrono::milliseconds pingInterval() const override;
    bool isPong(QByteArrayView frame) const override;

    // The JSON-RPC request {"jsonrpc":"2.0","method":method,"params":params,"id":n} with the next id.
    QByteArray request(const char* method, const QByteArray& paramsJson) const;
    // The channels one topic stands for (two for a book topic, else the topic itself).
    static QStringList channelsOf(const QString& topic);

    static constexpr QLatin1String BoardPrefix{"lightning_board_"};
    static constexpr QLatin1String SnapshotPrefix{"lightning_board_snapshot_"};

private:
    QList<QByteArray> calls(const char* method, const QStringList& topics) const;
    mutable std::atomic<int> m_nextId{1};
};
