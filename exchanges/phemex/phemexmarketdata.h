#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "phemexstreamprotocol.h"

#include <QHash>

#include <memory>
#include <vector>

// Phemex public market data for spot (sBTCUSDT: scaled integers, "Ep"/"Ev") and USDⓈ-M perpetuals
// (BTCUSDT, the hedged "_p" API: real-valued strings, "Rp"/"Rq"/"Rv"): products, 24 h tickers,
// order books (snapshot + incremental), trades and klines. The coin-margined perpetuals (BTCUSD,
// settled in BTC: Category::Inverse) are read too, on the channels spot uses (orderbook, trade, kline,
// market24h), in scaled integers at each product's own scales, and offered in categories() beside spot
// and USDⓈ-M (PhemexTrading trades them over the contract API).
// https://phemex-docs.github.io/#spot-websocket-api , #usdⓈ-m-perpetual-websocket-api ,
// #coin-m-perpetual-websocket-api (Price/Ratio/Value Scales)
class PhemexMarketData final : public MarketDataAdapter
{
public:
    // How a symbol's scaled integers are read: price ("Ep") ÷ 10^priceScale, quantity ÷ 10^qtyScale,
    // value ("Ev") ÷ 10^valueScale, ratio ("Er") ÷ 10^ratioScale. Spot: the product's priceScale, the
    // base currency's valueScale for quantities, the quote currency's for values. Coin-margined
    // contracts: the product's priceScale and ratioScale, whole contracts (qtyScale 0), the settle
    // currency's valueScale.
    struct Scales
    {
        int priceScale = 8;
        int qtyScale = 8;
        int valueScale = 8;
        int ratioScale = 8;
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
    // History of one symbol at its own scales (parseCandlesOf): a coin-margined contract's prices at its
    // priceScale, whole contracts, turnover at its settle currency's valueScale.
    Result<std::vector<Candle>, AdapterError> parseCandlesFor(const QJsonDocument& reply,
                                                              const QString& symbol,
                                                              CandleInterval interval) const override;
    std::optional<RestError> replyError(const QJsonDocument& reply) const override;

    // The scales of a spot or coin-margined symbol: from /public/products once read, else Phemex's spot
    // default (1e8) for a spot symbol ("s…") and the documented coin-margined scales (prices 1e4, whole
    // contracts, values 1e8) for a contract.
    Scales scales(const QString& symbol) const;
    // Kline history of one symbol: its scaled integers (spot, coin-margined) read at its own scales.
    // parseCandles() has no symbol and reads them at the spot default (the reply does not name it).
    Result<std::vector<Candle>, AdapterError> parseCandlesOf(const QString& symbol,
                                                             const QJsonDocument& reply) const;

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
