#pragma once

#include "bitbankstreamprotocol.h"
#include "exchanges/core/marketdataadapter.h"

#include <QUrl>

#include <memory>

// bitbank public market data: Socket.IO 4 rooms (see BitbankStreamProtocol) and public REST.
// https://github.com/bitbankinc/bitbank-api-docs (public-stream.md, public-api.md)
//
// Pairs (btc_jpy, eth_jpy, …) are Category::Spot; instruments come from GET /v1/spot/pairs. The pairs
// bitbank also trades on margin (those with margin fees in /v1/spot/pairs) are Category::Linear too: the
// same pair and the same rooms, its orders carrying position_side (BitbankTrading).
//
// Books: `depth_whole_{pair}` (≤ 200 levels a side, with sequenceId) and `depth_diff_{pair}` (absolute
// amounts, "0" deletes, `s` on the same counter), merged as "How to manage a local order book correctly"
// says: every diff is buffered and, once the book has a whole, applied at once unless its s is at or
// below the last one applied; every whole replaces the book and the buffered diffs with s above its
// sequenceId are replayed in ascending order (older ones dropped). Wholes keep coming, so a whole is both
// the start and the periodic resync. bitbank's s is monotonic but not consecutive: a lost diff cannot
// be seen from s. What can be seen — a book the diffs leave crossed or invalid, an unreadable book frame,
// a whole older than the diffs still buffered — stops the diffs until the next whole (restartBook); a
// resync asks the venue for nothing (it sends wholes by itself). A whole that arrives crossed (bitbank
// allows it during a circuit break's itayose) is refused by the order book: the book shows Resyncing
// until continuous trading resumes.
//
// Candles: GET https://public.bitbank.cc/{pair}/candlestick/{type}/{YYYY | YYYYMMDD}, on the public host
// (RestRequest::baseUrl) while the feed's REST client is based on api.bitbank.cc (instruments);
// a REST override (setRestOverride: the demo venue, a test server) moves it with the api host.
class BitbankMarketData final : public MarketDataAdapter
{
public:
    BitbankMarketData();
    ~BitbankMarketData() override;

    QString venue() const override;
    QList<Category> categories() const override;
    // btc_jpy, eth_jpy, xrp_jpy (Spot); btc_jpy on margin (Linear).
    QStringList defaultSymbols(Category category) const override;
    QUrl publicStreamUrl(Category category, Environment environment) const override;
    QUrl restBaseUrl(Environment environment) const override;
    const StreamProtocol& streamProtocol() const override;
    QString topic(Category category, const ChannelRequest& request) const override;
    std::chrono::milliseconds expectedCadence(Channel channel) const override;

    ParseResult parse(QByteArrayView frame, Category category, MarketEventSink& sink) override;
    void reset() override;
    void restartBook(Category category, const QString& symbol) override;

    ResyncPlan resyncPlan(Category category, const QString& symbol, int depth) const override;

    RestRequest instrumentsRequest(Category category) const override;
    Result<std::vector<Instrument>, AdapterError> parseInstruments(Category category,
                                                                   const QJsonDocument& reply) const override;
    RestRequest candlesRequest(Category category, const QString& symbol, CandleInterval interval,
                               std::int64_t endMs, int limit) const override;
    Result<std::vector<Candle>, AdapterError> parseCandles(const QJsonDocument& reply) const override;
    std::optional<RestError> replyError(const QJsonDocument& reply) const override;

    QUrl publicBaseUrl() const { return m_publicBaseUrl; }
    void setRestOverride(const QUrl& url) override { m_publicBaseUrl = url; }
    static QUrl defaultPublicBaseUrl() { return QUrl(QStringLiteral("https://public.bitbank.cc")); }

    // Diffs held for the next whole, across all pairs (bounded; for tests and diagnostics).
    std::size_t bufferedDiffs(const QString& pair) const;
    // At most this many diffs are held per pair; older ones are dropped (a whole older than a dropped
    // diff can then not be merged and is skipped).
    static constexpr std::size_t MaxBufferedDiffs = 2048;

private:
    struct Scratch;
    struct FrameParser;
    BitbankStreamProtocol m_protocol;
    std::unique_ptr<Scratch> m_scratch;
    QUrl m_publicBaseUrl = defaultPublicBaseUrl();
};
