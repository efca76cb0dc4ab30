#include "gmocoinmarketdata.h"

#include "exchanges/core/jsonfields.h"
#include "exchanges/core/tradecandles.h"

#include "exchanges/bitflyer/bitflyermarketdata.h" // the shared ISO-8601 UTC time parser

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

namespace od = simdjson::ondemand;

namespace {

// GMO sends every number as a decimal string ("455659", "0.1").
using jsonfields::NumberForm;
using jsonfields::rawStringField;
using jsonfields::readOptionalDecimal;
using jsonfields::readStringDecimal;
using jsonfields::toQString;

// [{"price":"…","size":"…"}, …]: every level with a positive price and a size not below zero.
bool readLevels(od::value value, std::vector<BookLevel>& out)
{
    const std::size_t from = out.size();
    if (!jsonfields::readPriceSizeObjects(value, NumberForm::String, out))
        return false;
    return std::all_of(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(),
                       [](const BookLevel& l) { return !l.size.isNegative() && l.price > Decimal(); });
}

QString rawKey(const od::raw_json_string& key)
{
    const char* raw = key.raw();
    const char* end = std::strchr(raw, '"');
    return end ? toQString(std::string_view(raw, static_cast<std::size_t>(end - raw))) : QString();
}

} // namespace

// Reused across frames so the hot path does not allocate once warmed up.
struct GmocoinMarketData::Scratch
{
    od::parser parser;
    std::vector<char> padded;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    std::vector<Trade> trades;
    std::string topic;  // ParseResult::topic views it
    std::string symbol; // ParseResult::resyncSymbol views it
    // Symbol → candles being built; an entry exists once a chart asked for that interval.
    TradeCandles candles;
};

// One frame's parse. GMO's frames are flat objects: {"channel":…, fields…, "symbol":…}; the fields
// are read in one pass whatever their order and dispatched on the channel afterwards.
struct GmocoinMarketData::FrameParser
{
    Scratch& scratch;
    MarketEventSink& sink;

    std::string_view channel;
    std::string_view symbol;

    void name(std::string_view ch, std::string_view sym)
    {
        channel = ch;
        scratch.symbol.assign(sym);
        symbol = scratch.symbol;
        scratch.topic.assign(ch);
        scratch.topic.push_back(':');
        scratch.topic.append(sym);
    }

    ParseResult malformed(const QString& why) const
    {
        ParseResult r;
        r.kind = ParseResult::Kind::Malformed;
        r.error = why;
        if (!channel.empty() && !symbol.empty()) {
            r.topic = scratch.topic;
            // A book frame we could not read leaves the book unknown: fetch a fresh snapshot.
            if (channel == "orderbooks")
                r.resyncSymbol = symbol;
        }
        return r;
    }

    ParseResult result(ParseResult::Kind kind) const
    {
        ParseResult r;
        r.kind = kind;
        r.topic = scratch.topic;
        return r;
    }

    ParseResult run(const char* data, std::size_t len, std::size_t capacity)
    {
        scratch.topic.clear();
        scratch.bids.clear();
        scratch.asks.clear();
        const std::string_view text(data, len);
        od::document doc;
        od::object root;
        if (scratch.parser.iterate(data, len, capacity).get(doc) || doc.get_object().get(root)) {
            name(rawStringField(text, "channel"), rawStringField(text, "symbol"));
            return malformed(QStringLiteral("not a JSON object"));
        }

        std::string_view ch;
        std::string_view sym;
        std::string_view error;
        std::string_view side;
        std::string_view timestamp;
        bool haveBids = false;
        bool haveAsks = false;
        bool havePrice = false;
        bool haveSize = false;
        Ticker t;
        Trade trade;
        for (auto fieldResult : root) {
            od::field field;
            if (std::move(fieldResult).get(field)) {
                name(rawStringField(text, "channel"), rawStringField(text, "symbol"));
                return malformed(QStringLiteral("truncated or invalid JSON"));
            }
            const od::raw_json_string key = field.key();
            od::value value = field.value();
            bool ok = true;
            if (key == "channel") {
                ok = !value.get_string().get(ch);
            } else if (key == "symbol") {
                ok = !value.get_string().get(sym);
            } else if (key == "error") {
                ok = !value.get_string().get(error);
            } else if (key == "bids") {
                ok = haveBids = readLevels(value, scratch.bids);
            } else if (key == "asks") {
                ok = haveAsks = readLevels(value, scratch.asks);
            } else if (key == "timestamp") {
                ok = !value.get_string().get(timestamp);
            } else if (key == "side") {
                ok = !value.get_string().get(side);
            } else if (key == "price") {
                ok = havePrice = readStringDecimal(value, trade.price);
            } else if (key == "size") {
                ok = haveSize = readStringDecimal(value, trade.size);
            } else if (key == "ask") {
                ok = readOptionalDecimal(value, NumberForm::String, t.askPrice);
            } else if (key == "bid") {
                ok = readOptionalDecimal(value, NumberForm::String, t.bidPrice);
            } else if (key == "last") {
                ok = readOptionalDecimal(value, NumberForm::String, t.lastPrice);
            } else if (key == "high") {
                ok = readOptionalDecimal(value, NumberForm::String, t.highPrice24h);
            } else if (key == "low") {
                ok = readOptionalDecimal(value, NumberForm::String, t.lowPrice24h);
            } else if (key == "volume") {
                ok = readOptionalDecimal(value, NumberForm::String, t.volume24h);
            }
            if (!ok) {
                name(rawStringField(text, "channel"), rawStringField(text, "symbol"));
                return malformed(QStringLiteral("field %1 is not what GMO Coin documents").arg(rawKey(key)));
            }
        }
        if (!error.empty()) {
            // {"error":"ERR-5003 Request too many."}: a command was refused (verbatim).
            ParseResult r;
            r.kind = ParseResult::Kind::Rejected;
            r.error = QStringLiteral("GMO Coin: %1").arg(toQString(error));
            return r;
        }
        if (ch.empty())
            return result(ParseResult::Kind::Ignored);
        name(ch, sym);
        if (symbol.empty())
            return malformed(QStringLiteral("%1 message without symbol").arg(toQString(ch)));
        std::optional<std::int64_t> timeMs;
        if (!timestamp.empty() && !(timeMs = BitflyerMarketData::parseTimeMs(timestamp)))
            return malformed(QStringLiteral("timestamp is not a time"));

        if (channel == "orderbooks") {
            if (!haveBids || !haveAsks)
                return malformed(QStringLiteral("orderbooks message lacks bids or asks"));
            // A full snapshot: it replaces the book.
            BookUpdate update;
            update.symbol = symbol;
            update.isSnapshot = true;
            update.levels.bids = scratch.bids;
            update.levels.asks = scratch.asks;
            update.levels.rule = OrderBook::SequenceRule::None;
            if (timeMs)
                update.levels.timestampMs = *timeMs;
            sink.onBook(update);
            return result(ParseResult::Kind::Data);
        }
        if (channel == "ticker") {
            t.symbol = toQString(symbol);
            t.timestampMs = timeMs.value_or(0);
            // Each push carries every field GMO has: a snapshot of the ticker.
            sink.onTicker(t, true);
            return result(ParseResult::Kind::Data);
        }
        if (channel == "trades") {
            if (!havePrice || !haveSize || !timeMs)
                return malformed(QStringLiteral("trade lacks price, size or timestamp"));
            if (side == "BUY")
                trade.takerSide = Side::Buy;
            else if (side == "SELL")
                trade.takerSide = Side::Sell;
            else
                return malformed(QStringLiteral("trade side is neither BUY nor SELL"));
            trade.symbol = toQString(symbol);
            trade.timestampMs = *timeMs;
            scratch.trades.clear();
            scratch.trades.push_back(std::move(trade));
            sink.onTrades(scratch.trades);
            buildCandles();
            return result(ParseResult::Kind::Data);
        }
        return result(ParseResult::Kind::Ignored);
    }

    void buildCandles() { scratch.candles.add(scratch.symbol, toQString(symbol), scratch.trades, sink); }
};

GmocoinMarketData::GmocoinMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(1024);
    m_scratch->asks.reserve(1024);
}

GmocoinMarketData::~GmocoinMarketData() = default;

QString GmocoinMarketData::venue() const
{
    return QStringLiteral("gmocoin");
}

QList<Category> GmocoinMarketData::categories() const
{
    return {Category::Spot, Category::Linear};
}

Category GmocoinMarketData::categoryOf(const QString& symbol)
{
    return symbol.contains(QLatin1Char('_')) ? Category::Linear : Category::Spot;
}

QUrl GmocoinMarketData::publicStreamUrl(Category category, Environment environment) const
{
    // One endpoint for spot and leverage; GMO Coin has no testnet.
    Q_UNUSED(category);
    Q_UNUSED(environment);
    return QUrl(QStringLiteral("wss://api.coin.z.com/ws/public/v1"));
}

QUrl GmocoinMarketData::restBaseUrl(Environment environment) const
{
    Q_UNUSED(environment);
    return QUrl(QStringLiteral("https://api.coin.z.com"));
}

const StreamProtocol& GmocoinMarketData::streamProtocol() const
{
    return m_protocol;
}

QString GmocoinMarketData::topic(Category category, const ChannelRequest& request) const
{
    Q_UNUSED(category); // spot and leverage symbols differ ("BTC" vs "BTC_JPY")
    switch (request.channel) {
    case Channel::Ticker:
        return GmocoinStreamProtocol::topicFor("ticker", request.symbol);
    case Channel::Book:
        return GmocoinStreamProtocol::topicFor("orderbooks", request.symbol); // no depth parameter
    case Channel::Trades:
        return GmocoinStreamProtocol::topicFor("trades", request.symbol);
    case Channel::Candles: {
        // No kline channel: live candles come from the trades channel.
        m_scratch->candles.want(request.symbol.toStdString(), request.interval);
        return GmocoinStreamProtocol::topicFor("trades", request.symbol);
    }
    }
    return {};
}

std::chrono::milliseconds GmocoinMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
    case Channel::Ticker:
        // Snapshots and tickers come on every change; a subscription waits up to a few seconds in the
        // command queue, so allow a generous minute before calling the channel stale.
        return std::chrono::seconds(60);
    case Channel::Trades:
    case Channel::Candles:
        return std::chrono::milliseconds(0); // a quiet market has no trades
    }
    return std::chrono::milliseconds(0);
}

ResyncPlan GmocoinMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    // Subscribing again brings a fresh full snapshot (GMO pushes one on every change anyway).
    ChannelRequest request;
    request.channel = Channel::Book;
    request.symbol = symbol;
    request.depth = depth;
    return ResyncPlan{{topic(category, request)}};
}

void GmocoinMarketData::reset()
{
    // Snapshot books carry no per-connection state; candles keep building across reconnects.
}

ParseResult GmocoinMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
{
    Q_UNUSED(category);
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded copy.
    auto& padded = m_scratch->padded;
    const std::size_t len = static_cast<std::size_t>(frame.size());
    if (padded.size() < len + simdjson::SIMDJSON_PADDING)
        padded.resize(len + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), frame.data(), len);
    return FrameParser{*m_scratch, sink, {}, {}}.run(padded.data(), len, padded.size());
}
