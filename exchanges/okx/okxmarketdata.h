#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "okxstreamprotocol.h"

#include <memory>

// OKX v5 public market data for SPOT and SWAP (USDT/USDC-margined = Linear, coin-margined = Inverse):
// instruments, tickers, trades, candles, and the 400-level `books` channel (snapshot, then updates
// chained by prevSeqId = the previous seqId; the CRC32 checksum is verified only while OKX sends one,
// it is 0 since 2026-06-23).
// https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
//
// Quantities are OKX's own everywhere (book sizes, trades, lot and minimum sizes, 24-hour and candle
// volumes): base currency on SPOT, contracts on SWAP (one contract is ctVal of ctValCcy).
class OkxMarketData final : public MarketDataAdapter
{
public:
    OkxMarketData();
    ~OkxMarketData() override;

    QString venue() const override;
    QList<Category> categories() const override;
    QStringList defaultSymbols(Category category) const override;
    QUrl publicStreamUrl(Category category, Environment environment) const override;
    // Candle channels live on /ws/v5/business only; the rest on /ws/v5/public.
    QUrl publicStreamUrl(Category category, Environment environment, Channel channel) const override;
    QUrl restBaseUrl(Environment environment) const override;
    const StreamProtocol& streamProtocol() const override;
    QString topic(Category category, const ChannelRequest& request) const override;
    // A swap's ticker brings mark-price, funding-rate, open-interest and its index's index-tickers
    // along, merged into its Ticker (open interest in contracts). Spot: none.
    QStringList extraTopics(Category category, const ChannelRequest& request) const override;
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

    // OKX's bar codes ("1m", "5m", "15m", "1H", "4H", "1Dutc"); the channel is "candle" + code.
    static QString barCode(CandleInterval interval);
    static std::optional<CandleInterval> intervalFromBar(std::string_view code);
    // The business stream, where OKX serves the candle channels (not the public one).
    static QUrl businessStreamUrl(Environment environment);
    // OKX's book checksum: CRC32 of "bidPx:bidSz:askPx:askSz:…" over the best 25 levels of each side,
    // as a signed 32-bit integer. Levels best first.
    static std::int32_t bookChecksum(std::span<const BookLevel> bids, std::span<const BookLevel> asks);

private:
    struct Scratch;
    struct FrameParser;
    OkxStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch;
};
