#pragma once

#include <QByteArray>

// Frames shaped exactly like bitbank's public-stream.md samples, for the merge cases the samples
// do not spell out.
namespace bitbankframes {

inline QByteArray whole(const char* pair, qint64 sequenceId, const char* bids, const char* asks)
{
    QByteArray out(R"(42["message",{"room_name":"depth_whole_)");
    out.append(pair)
        .append(R"(","message":{"data":{"bids":)")
        .append(bids)
        .append(R"(,"asks":)")
        .append(asks);
    out.append(R"(,"asks_over":"0","bids_under":"0","asks_under":"0","bids_over":"0","ask_market":"0",)"
               R"("bid_market":"0","timestamp":1568344476514,"sequenceId":")");
    out.append(QByteArray::number(sequenceId)).append(R"("}}}])");
    return out;
}

inline QByteArray diff(const char* pair, qint64 s, const char* bids, const char* asks)
{
    QByteArray out(R"(42["message",{"room_name":"depth_diff_)");
    out.append(pair).append(R"(","message":{"data":{"a":)").append(asks).append(R"(,"b":)").append(bids);
    out.append(R"(,"t":1568344204624,"s":")").append(QByteArray::number(s)).append(R"("}}}])");
    return out;
}

} // namespace bitbankframes
