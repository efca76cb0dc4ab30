// The Bybit public market-data parser on arbitrary frames (what MarketDataFeed hands it), plus the
// public REST reply parsers (instruments-info, kline, the retCode error shape) on the same bytes.
// Everything the parser emits is read in full and applied to a book, as the stores would.
#include "exchanges/bybit/bybitmarketdata.h"
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

    OrderBook book{2};
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // One adapter for the whole run, as on a real connection: its scratch buffers carry over between
    // frames, which is where a stale view would show.
    static BybitMarketData adapter;
    static CheckingSink sink;

    const QByteArrayView frame(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    for (Category category : {Category::Linear, Category::Spot}) {
        const ParseResult result = adapter.parse(frame, category, sink);
        // The views must point into memory that is still alive (ASan checks every byte read).
        touch(result.topic);
        touch(result.resyncSymbol);
        touch(result.error);
        if (result.kind == ParseResult::Kind::Malformed || result.kind == ParseResult::Kind::Rejected)
            FUZZ_CHECK(!result.error.isEmpty(), "a malformed or rejected frame without an error text");
    }
    (void)adapter.streamProtocol().isPong(frame);

    const QJsonDocument reply = QJsonDocument::fromJson(QByteArray::fromRawData(frame.data(), frame.size()));
    for (Category category : {Category::Linear, Category::Spot}) {
        const auto instruments = adapter.parseInstruments(category, reply);
        if (instruments) {
            for (const Instrument& instrument : *instruments)
                FUZZ_CHECK(!instrument.symbol.isEmpty(), "an instrument without a symbol");
        } else {
            touch(instruments.error().message);
        }
    }
    if (const auto candles = adapter.parseCandles(reply); !candles)
        touch(candles.error().message);
    if (const auto error = adapter.replyError(reply))
        touch(error->toString());
    return 0;
}
