#pragma once

#include "binancestreamprotocol.h"
#include "exchanges/core/marketdataadapter.h"

#include <memory>
#include <vector>

// Binance public market data for spot (api./stream.binance.com) and USDⓈ-M futures (fapi./fstream.):
// exchangeInfo instruments, 24hrTicker tickers (bookTicker read too), trade (spot) / aggTrade (futures),
// kline, and diff-depth books rebuilt from a REST snapshot by Binance's rule: buffer the diffs, drop
// those the snapshot already holds, the first applied one must bracket the snapshot's id, then spot
// U = previous u + 1, futures pu = previous u.
// https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#how-to-manage-a-local-order-book-correctly
// https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly
class BinanceMarketData final : public MarketDataAdapter
{
public:
    BinanceMarketData();
    ~BinanceMarketData() override;

    QString venue() const override;
    QList<Category> categories() const override;
    QUrl publicStreamUrl(Category category, Environment environment) const override; // the books'
    QUrl publicStreamUrl(Category category, Environment environment, Channel channel) const override;
    QUrl restBaseUrl(Environment environment) const override; // spot's
    QUrl restBaseUrl(Category category, Environment environment) const override;
    const StreamProtocol& streamProtocol() const override;
    QString topic(Category category, const ChannelRequest& request) const override;
    // USDⓈ-M tickers bring <symbol>@markPrice@1s along (mark, index, funding rate, next funding time).
    QStringList extraTopics(Category category, const ChannelRequest& request) const override;
    std::chrono::milliseconds expectedCadence(Channel channel) const override;

    ParseResult parse(QByteArrayView frame, Category category, MarketEventSink& sink) override;
    void reset() override;
    void reset(Category category) override;

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

    // Binance's interval codes: "1m", "5m", "15m", "1h", "4h", "1d".
    static QString intervalCode(CandleInterval interval);
    static std::optional<CandleInterval> intervalFromCode(std::string_view code);
    // Levels asked of the REST snapshot: deep enough that diffs far from the top stay consistent.
    static constexpr int SnapshotDepth = 1000;
    // Diffs held per book while its snapshot is awaited; the oldest go first (a later snapshot
    // covers them).
    static constexpr std::size_t MaxBufferedDiffs = 4096;

    // How many diffs a book holds back waiting for its snapshot (tests).
    std::size_t bufferedDiffs(Category category, std::string_view symbol) const;

private:
    struct Scratch;
    struct FrameParser;
    struct Diff;
    struct BookSync;

    BookSync& sync(Category category, std::string_view symbol);
    const BookSync* findSync(Category category, std::string_view symbol) const;
    // Emits one diff of a synced book; false if it shows a break (the book then buffers again).
    bool emitDiff(BookSync& book, const Diff& diff, MarketEventSink& sink);

    BinanceStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch; // the JSON parser and reusable buffers
    std::vector<std::unique_ptr<BookSync>> m_books;
};
