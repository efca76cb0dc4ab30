#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "phemexstreamprotocol.h"

#include <QHash>

#include <memory>
#include <vector>

// Phemex public market data for spot (sBTCUSDT: scaled integers, "Ep"/"Ev") and USDⓈ-M perpetuals
// (BTCUSDT, the hedged "_p" API: real-valued strings, "Rp"/"Rq"/"Rv"): products, 24 h tickers,
// order books (snapshot + incremental), trades and klines.
// https://phemex-docs.github.io/#spot-websocket-api , #usdⓈ-m-perpetual-websocket-api
class PhemexMarketData final : public MarketDataAdapter
{
public:
    // How a spot symbol's scaled integers are read: price ÷ 10^priceScale, quantity ÷ 10^qtyScale (the
    // base currency's valueScale), value ÷ 10^valueScale (the quote currency's valueScale).
    struct Scales
    {
        int priceScale = 8;
        int qtyScale = 8;
        int valueScale = 8;
    };

    PhemexMarketData();
    ~PhemexMarketData() override;

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

    // The scales of a spot symbol: from /public/products once read, else Phemex's spot default (1e8).
    Scales scales(const QString& symbol) const;

    // Phemex kline resolutions in seconds: 60, 300, 900, 3600, 14400, 86400.
    static int resolution(CandleInterval interval);
    static std::optional<CandleInterval> intervalFromResolution(std::int64_t seconds);

private:
    void rememberScales(const QHash<QString, Scales>& scales) const;

    struct Scratch;
    struct FrameParser;
    PhemexStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch; // the JSON parser, per-symbol book sequences, reusable buffers
};
