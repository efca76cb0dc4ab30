#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "gmocoinstreamprotocol.h"

#include <memory>

// GMO Coin public market data. https://api.coin.z.com/docs/ (Public API, Public WebSocket API)
//
// Products: GMO Coin lists spot and leverage ("暗号資産FX") symbols in one /public/v1/symbols reply.
// Spot symbols are bare assets ("BTC", "ETH": bought and sold outright for JPY) → Category::Spot.
// Leverage symbols are pairs ("BTC_JPY", "ETH_JPY": margin positions in JPY, no expiry) → Category::Linear
// (quoted and margined in JPY, sized in the base asset). Both are JPY-quoted.
//
// Books: every `orderbooks` message is a full snapshot (asks ascending, bids descending, no sequence):
// each one replaces the book. A book is Live after its first snapshot on a connection; a malformed book
// frame marks it for resync, and a resync subscribes the channel again (a fresh snapshot follows).
//
// Subscriptions: at most one command a second (GmocoinStreamProtocol has StreamClient pace them).
//
// Candles: history from GET /public/v1/klines (one JST trading day per request for 1min…1hour, one year
// for 4hour and longer). There is no kline channel: live candles are built from `trades`.
class GmocoinMarketData final : public MarketDataAdapter
{
public:
    GmocoinMarketData();
    ~GmocoinMarketData() override;

    QString venue() const override;
    QList<Category> categories() const override;
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

    // The command pacing (tests shorten it).
    GmocoinStreamProtocol& protocol() { return m_protocol; }

    // Leverage symbols are pairs ("BTC_JPY"); spot symbols are bare assets ("BTC").
    static Category categoryOf(const QString& symbol);
    // GMO's kline interval name ("1min", "1hour", "1day") and whether its `date` is a day (YYYYMMDD)
    // rather than a year (YYYY).
    static QString klineInterval(CandleInterval interval, bool* daily = nullptr);
    // The `date` parameter for the klines that contain endMs: GMO's day runs from 06:00 JST (21:00 UTC
    // the day before) for the intraday intervals; the year is the JST calendar year.
    static QString klineDate(CandleInterval interval, std::int64_t endMs);

private:
    struct Scratch;
    struct FrameParser;
    GmocoinStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch;
};
