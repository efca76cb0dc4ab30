#pragma once

#include "bitmexstreamprotocol.h"
#include "exchanges/core/marketdataadapter.h"

#include <memory>
#include <vector>

class BitmexCandleBuilder;

// BitMEX public market data for inverse (XBTUSD-style) and linear (USDT-settled) contracts: active
// instruments, the instrument table as tickers, trade, tradeBin{1m,5m,1h,1d} and /trade/bucketed history
// (15m built from 5m bins and 4h from 1h ones, live and history alike: bitmexcandles.h), and orderBookL2
// kept exactly from partial/insert/update/delete keyed by level id. Book, trade and order sizes stay in
// BitMEX's contracts (orderQty units): 1 XBTUSD contract = 1 USD; on USDT contracts one unit is
// 1/underlyingToPositionMultiplier of the base coin (lotSize 1000 on XBTUSDT = 0.001 XBT). 24 h and
// candle volumes are BitMEX's homeNotional (base coin) and foreignNotional (quote).
// https://www.bitmex.com/app/wsAPI , https://www.bitmex.com/api/explorer
class BitmexMarketData final : public MarketDataAdapter
{
public:
    BitmexMarketData();
    ~BitmexMarketData() override;

    QString venue() const override;
    QList<Category> categories() const override;
    QStringList defaultSymbols(Category category) const override;
    QUrl publicStreamUrl(Category category, Environment environment) const override;
    QUrl restBaseUrl(Environment environment) const override;
    const StreamProtocol& streamProtocol() const override;
    QString topic(Category category, const ChannelRequest& request) const override;
    std::chrono::milliseconds expectedCadence(Channel channel) const override;

    ParseResult parse(QByteArrayView frame, Category category, MarketEventSink& sink) override;
    void reset() override;

    ResyncPlan resyncPlan(Category category, const QString& symbol, int depth) const override;

    RestRequest instrumentsRequest(Category category) const override;
    Result<std::vector<Instrument>, AdapterError> parseInstruments(Category category,
                                                                   const QJsonDocument& reply) const override;
    RestRequest candlesRequest(Category category, const QString& symbol, CandleInterval interval,
                               std::int64_t endMs, int limit) const override;
    // A reply read alone: the bins as they are, their width taken from neighbouring stamps.
    Result<std::vector<Candle>, AdapterError> parseCandles(const QJsonDocument& reply) const override;
    // The reply to candlesRequest(…, symbol, interval, …): 15m and 4h are built from the 5m and 1h bins
    // asked for (the reply does not say which interval it answers: both read the same bins).
    Result<std::vector<Candle>, AdapterError> parseCandlesFor(const QJsonDocument& reply,
                                                              const QString& symbol,
                                                              CandleInterval interval) const override;
    std::optional<RestError> replyError(const QJsonDocument& reply) const override;

    // "2026-11-26T03:15:00.123Z" → UNIX milliseconds; nullopt for any other shape.
    static std::optional<std::int64_t> parseTimestamp(std::string_view text);
    // A JSON value → its exact decimal: a string is read as written; an integer QJsonValue (Qt keeps
    // integers as 64-bit) exactly; a number with a fraction is the shortest decimal that reads back as
    // Qt's double, the text BitMEX wrote for up to 15 significant digits. REST replies reach the adapter
    // only as QJsonDocument, so this is as exact as a REST fraction can be; the streams read the text.
    static std::optional<Decimal> decimalFromJson(const QJsonValue& value);
    // For statistics BitMEX computes in floating point (homeNotional 0.0023044466809219913): the number
    // with the fraction digits a Decimal cannot hold cut off. Never for prices or sizes.
    static std::optional<Decimal> statisticFromText(std::string_view text);

private:
    // 15m and 4h from 5m and 1h bins, history and pushes alike (kept with the stream's state).
    BitmexCandleBuilder& candleBuilder() const;

    struct Scratch;
    struct FrameParser;
    BitmexStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch; // the JSON parser, per-symbol level ids and reusable buffers
};
