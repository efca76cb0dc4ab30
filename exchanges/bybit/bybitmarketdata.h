#pragma once

#include "bybitstreamprotocol.h"
#include "exchanges/core/marketdataadapter.h"

#include <memory>
#include <vector>

// Bybit V5 public market data for spot and linear: instruments, tickers (snapshot + delta merge),
// orderbook.{1,50,200,1000} (snapshot/delta with u continuity), publicTrade, kline.
// https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
class BybitMarketData final : public MarketDataAdapter
{
public:
    BybitMarketData();
    ~BybitMarketData() override;

    QString venue() const override;
    QList<Category> categories() const override;
    QUrl publicStreamUrl(Category category, Environment environment) const override;
    QUrl restBaseUrl(Environment environment) const override;
    const StreamProtocol& streamProtocol() const override;
    QString topic(Category category, const ChannelRequest& request) const override;
    std::chrono::milliseconds expectedCadence(Channel channel) const override;

    ParseResult parse(QByteArrayView frame, Category category, MarketEventSink& sink) override;

    ResyncPlan resyncPlan(Category category, const QString& symbol, int depth) const override;

    RestRequest instrumentsRequest(Category category) const override;
    Result<std::vector<Instrument>, AdapterError> parseInstruments(Category category,
                                                                   const QJsonDocument& reply) const override;
    RestRequest candlesRequest(Category category, const QString& symbol, CandleInterval interval,
                               std::int64_t endMs, int limit) const override;
    Result<std::vector<Candle>, AdapterError> parseCandles(const QJsonDocument& reply) const override;
    std::optional<RestError> replyError(const QJsonDocument& reply) const override;

    // Bybit's interval codes: "1", "5", "15", "60", "240", "D".
    static QString intervalCode(CandleInterval interval);
    static std::optional<CandleInterval> intervalFromCode(std::string_view code);
    // The depths Bybit offers for orderbook.{depth} on spot and linear.
    static int supportedDepth(int requested);

private:
    struct Scratch;
    struct FrameParser;
    BybitStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch; // the JSON parser and reusable buffers
};
