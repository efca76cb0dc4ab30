#pragma once

#include "bitflyerstreamprotocol.h"
#include "exchanges/core/marketdataadapter.h"

#include <memory>

// bitFlyer Lightning public market data over its JSON-RPC 2.0 realtime API.
// https://bf-lightning-api.readme.io/docs/endpoint-json-rpc , https://lightning.bitflyer.com/docs
//
// Products: the Lightning spot markets (BTC_JPY, ETH_JPY, …: market_type "Spot") are Category::Spot.
// FX_BTC_JPY (market_type "FX"; bitFlyer Crypto CFD since 2024-03-28) is a JPY-margined perpetual on
// BTC with a funding rate and no expiry, so it is Category::Linear (quoted and margined in JPY, sized in
// BTC). Dated futures (market_type "Futures") are not offered.
//
// Books: bitFlyer sends no sequence numbers. A book is Live after a `lightning_board_snapshot_*`; the
// `lightning_board_*` diffs (absolute sizes, 0 deletes) apply on top. The snapshot channel stays
// subscribed and every snapshot REPLACES the book: it is bitFlyer's authoritative state and the only
// way to shed levels a diff never removed. Diffs before the first snapshot are ignored (there is no
// book to apply them to). After each diff the levels on the wrong side of its mid_price are deleted
// (bids above it, asks at or below it: bitFlyer leaves such stale levels behind), a crossed or
// unreadable book goes Resyncing, and a resync resubscribes both channels, which brings a snapshot.
//
// Candles: bitFlyer publishes no candle (OHLC) REST API, so there is no chart history. Candles are built
// only from the live `lightning_executions_*` trades seen since the chart was opened.
class BitflyerMarketData final : public MarketDataAdapter
{
public:
    BitflyerMarketData();
    ~BitflyerMarketData() override;

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

    // bitFlyer's times ("2015-07-08T02:43:34.823Z", up to 7 fractional digits, UTC) → Unix ms.
    static std::optional<std::int64_t> parseTimeMs(std::string_view text);
    // The trading rules bitFlyer publishes outside /v1/markets, for one product code.
    static void applyTradingRules(Instrument& instrument);

private:
    struct Scratch;
    struct FrameParser;
    BitflyerStreamProtocol m_protocol;
    // Also holds the candle intervals asked for per product: topic() records them, executions build them.
    std::unique_ptr<Scratch> m_scratch;
};
