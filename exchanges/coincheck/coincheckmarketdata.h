#pragma once

#include "coincheckstreamprotocol.h"
#include "exchanges/core/marketdataadapter.h"

#include <memory>

// Coincheck public market data (spot JPY pairs, Category::Spot).
// https://coincheck.com/documents/exchange/api (#public-api, #websocket-overview, #websocket-order-book,
// #websocket-trades)
//
// Books: "{pair}-orderbook" pushes diffs ["btc_jpy",{"bids":[[rate,amount]],"asks":[…],
// "last_update_at":"<unix s>"}] with absolute amounts ("0" deletes the level) and no sequence number.
// They are merged with the REST snapshot GET /api/order_books?pair= (ResyncPlan::snapshot): diffs are
// buffered until the snapshot arrives, then the snapshot is emitted and the buffered diffs replayed in
// arrival order. The snapshot carries neither a time nor a sequence, so the adapter cannot tell which
// buffered diffs it already holds; because every diff sets absolute amounts, replaying one the snapshot
// already holds is harmless as long as every later diff is replayed after it, which the in-order
// replay guarantees. The one staleness rule the stream allows: last_update_at never goes backwards on
// one connection, so a diff stamped earlier than the newest one seen for its pair is stale (a replay
// or out-of-order delivery) and is dropped. Limits: the stamp has one-second resolution, lost frames
// cannot be detected (no sequence), and levels deeper than the REST snapshot appear only once a diff
// touches them. A crossed book or an unreadable diff makes the feed fetch a new snapshot. The
// undocumented sequenced "{pair}-limit-range-orderbook" variant seen in 2026 is not used.
//
// Tickers: Coincheck streams no ticker and GET /api/ticker is a poll. The ticker is produced from the
// trades channel: each trade sets the last price; best bid/ask are the book's own (the Book view).
//
// Candles: Coincheck publishes no candle (OHLC) REST API, so there is no chart history. Candles are
// built only from the live trades seen since the chart was opened.
//
// Instruments: Coincheck has no instruments API. GET /api/exchange_status lists the pairs and whether
// they take orders; tick and minimum come from the table in coincheckrest.cpp, and a pair without known
// rules is not offered.
class CoincheckMarketData final : public MarketDataAdapter
{
public:
    CoincheckMarketData();
    ~CoincheckMarketData() override;

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
    void restartBook(Category category, const QString& symbol) override;
    SnapshotResult applySnapshot(Category category, const QString& symbol, const QJsonDocument& reply,
                                 MarketEventSink& sink) override;

    RestRequest instrumentsRequest(Category category) const override;
    Result<std::vector<Instrument>, AdapterError> parseInstruments(Category category,
                                                                   const QJsonDocument& reply) const override;
    RestRequest candlesRequest(Category category, const QString& symbol, CandleInterval interval,
                               std::int64_t endMs, int limit) const override;
    Result<std::vector<Candle>, AdapterError> parseCandles(const QJsonDocument& reply) const override;
    std::optional<RestError> replyError(const QJsonDocument& reply) const override;

    // The trading rules Coincheck publishes outside its API, for one pair; false if unknown.
    static bool applyTradingRules(Instrument& instrument);

    // Diffs held per book while its snapshot is awaited; the oldest go first.
    static constexpr std::size_t MaxBufferedDiffs = 4096;
    // Tests: diffs a book holds back, and stale diffs dropped so far.
    std::size_t bufferedDiffs(std::string_view symbol) const;
    std::size_t staleDiffsDropped() const;

private:
    struct Scratch;
    struct FrameParser;
    CoincheckStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch;
};
