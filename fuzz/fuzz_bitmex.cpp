// The BitMEX parsers on arbitrary frames: the public stream (orderBookL2 by level id, instrument, trade,
// tradeBin) with its book applied as the stores would, the REST replies (instrument/active,
// trade/bucketed, the {"error":{…}} shape), and the private stream and REST readers of BitmexTrading.
#include "exchanges/bitmex/bitmexmarketdata.h"
#include "exchanges/bitmex/bitmextrading.h"
#include "fuzzsupport.h"

#include <QJsonDocument>

namespace {

class CheckingSink final : public MarketEventSink
{
public:
    void onBook(const BookUpdate& update) override
    {
        FUZZ_CHECK(!update.symbol.empty(), "book update without a symbol");
        for (const auto levels : {update.levels.bids, update.levels.asks}) {
            for (const BookLevel& level : levels)
                touch(level.price.mantissa() ^ level.size.mantissa());
        }
        if (update.isSnapshot)
            book.applySnapshot(update.levels.bids, update.levels.asks, update.levels.sequence,
                               update.levels.timestampMs);
        else
            book.applyDelta(update.levels);
        if (book.isLive() && book.bestBid() && book.bestAsk())
            FUZZ_CHECK(*book.bestBid() < *book.bestAsk(), "a live book from the feed is crossed");
    }
    void onTicker(const Ticker& ticker, bool) override
    {
        touch(ticker.symbol);
        if (ticker.lastPrice)
            touch(ticker.lastPrice->mantissa());
    }
    void onTrades(std::span<const Trade> trades) override
    {
        FUZZ_CHECK(!trades.empty(), "an empty trade batch was emitted");
        for (const Trade& trade : trades) {
            touch(trade.symbol);
            touch(trade.id);
            touch(trade.price.mantissa());
        }
    }
    void onCandle(const QString& symbol, CandleInterval, const Candle& candle) override
    {
        touch(symbol);
        touch(candle.close.mantissa());
    }

    OrderBook book{1};
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // One adapter for the whole run, as on a real connection: level ids and scratch buffers carry over.
    static BitmexMarketData adapter;
    static BitmexTrading trading(QUrl(QStringLiteral("https://www.bitmex.com")));
    static CheckingSink sink;

    const QByteArrayView frame(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const ParseResult result = adapter.parse(frame, Category::Inverse, sink);
    touch(result.topic);
    touch(result.resyncSymbol);
    touch(result.error);
    if (result.kind == ParseResult::Kind::Malformed || result.kind == ParseResult::Kind::Rejected)
        FUZZ_CHECK(!result.error.isEmpty(), "a malformed or rejected frame without an error text");
    if (!result.resyncSymbol.empty())
        sink.book.markResyncing();
    (void)adapter.streamProtocol().isPong(frame);
    if (size < 40)
        (void)BitmexMarketData::parseTimestamp(std::string_view(reinterpret_cast<const char*>(data), size));

    const PrivateStreamFrame pushed = trading.parseStreamFrame(frame);
    touch(pushed.error);
    for (const Order& o : pushed.orders)
        touch(o.orderId);

    const QJsonDocument reply = QJsonDocument::fromJson(QByteArray::fromRawData(frame.data(), frame.size()));
    for (Category category : {Category::Inverse, Category::Linear}) {
        if (const auto instruments = adapter.parseInstruments(category, reply)) {
            for (const Instrument& instrument : *instruments)
                FUZZ_CHECK(!instrument.symbol.isEmpty() && !instrument.tickSize.isZero(),
                           "an instrument without a symbol or tick");
        }
    }
    (void)adapter.parseCandles(reply);
    // The 15m/4h builder folds 5m/1h bins on the UTC grid.
    for (CandleInterval interval : {CandleInterval::FifteenMinutes, CandleInterval::FourHours})
        (void)adapter.parseCandlesFor(reply, QStringLiteral("XBTUSD"), interval);
    if (const auto error = adapter.replyError(reply))
        touch(error->message);
    (void)trading.parseOrders(reply);
    (void)trading.parseFills(reply);
    (void)trading.parsePositions(reply);
    (void)trading.parseBalances(reply);
    (void)trading.parseOrderAck(reply);
    return 0;
}
