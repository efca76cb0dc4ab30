#pragma once

#include "bitmexstreamprotocol.h"
#include "exchanges/core/marketdataadapter.h"

#include <memory>
#include <vector>

// BitMEX public market data for inverse (XBTUSD-style) and linear (USDT-settled) contracts: active
// instruments, the instrument table as tickers, trade, tradeBin{1m,5m,1h,1d} and /trade/bucketed history,
// and orderBookL2 kept exactly from partial/insert/update/delete keyed by level id.
// Book, trade and order sizes stay in BitMEX's contracts (orderQty units): 1 XBTUSD contract = 1 USD; on
// USDT contracts one unit is 1/underlyingToPositionMultiplier of the base coin (lotSize 1000 on XBTUSDT =
// 0.001 XBT). 24 h and candle volumes are BitMEX's homeNotional (base coin) and foreignNotional (quote).
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
    Result<std::vector<Candle>, AdapterError> parseCandles(const QJsonDocument& reply) const override;
    std::optional<RestError> replyError(const QJsonDocument& reply) const override;

    // BitMEX's bin sizes: "1m", "5m", "1h", "1d"; empty for 15m and 4h, which BitMEX does not offer.
    static QString binSize(CandleInterval interval);
    // "2026-11-26T03:15:00.123Z" → UNIX milliseconds; nullopt for any other shape.
    static std::optional<std::int64_t> parseTimestamp(std::string_view text);
    // A JSON number as QJsonValue holds it (a double) → the shortest decimal that reads back as the same
    // double: the text BitMEX wrote, for any value of up to 15 significant digits.
    static std::optional<Decimal> decimalFromJson(const QJsonValue& value);
    // For statistics BitMEX computes in floating point (homeNotional 0.0023044466809219913): the number
    // with the fraction digits a Decimal cannot hold cut off. Never for prices or sizes.
    static std::optional<Decimal> statisticFromText(std::string_view text);

private:
    struct Scratch;
    struct FrameParser;
    BitmexStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch; // the JSON parser, per-symbol level ids and reusable buffers
};
