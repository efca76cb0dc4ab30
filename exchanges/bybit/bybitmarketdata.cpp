#include "bybitmarketdata.h"

#include <simdjson.h>

#include <cstring>
#include <limits>

namespace od = simdjson::ondemand;

// Reused across frames so the hot path does not allocate once warmed up.
struct BybitMarketData::Scratch
{
    od::parser parser;
    std::vector<char> padded;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    std::vector<Trade> trades;
    // A frame read twice keeps its topic and type here: the second pass reuses the parser's string
    // buffer, and the topic must outlive the parse (ParseResult::topic).
    std::string topic;
    std::string type;
};

namespace {

constexpr std::string_view kBookPrefix = "orderbook.";
constexpr std::string_view kTickerPrefix = "tickers.";
constexpr std::string_view kTradePrefix = "publicTrade.";
constexpr std::string_view kKlinePrefix = "kline.";

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// "orderbook.50.BTCUSDT" → "BTCUSDT"; "tickers.BTCUSDT" → "BTCUSDT".
std::string_view symbolOfTopic(std::string_view topic)
{
    const auto dot = topic.rfind('.');
    return dot == std::string_view::npos ? std::string_view{} : topic.substr(dot + 1);
}

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

ParseResult malformed(std::string_view topic, const QString& why)
{
    ParseResult r;
    r.kind = ParseResult::Kind::Malformed;
    r.topic = topic;
    r.error = why;
    // A book frame we could not read may have carried a change we now miss: rebuild that book.
    if (startsWith(topic, kBookPrefix))
        r.resyncSymbol = symbolOfTopic(topic);
    return r;
}

// The text of a key, for error messages.
std::string_view keyText(od::raw_json_string key)
{
    const char* begin = key.raw();
    const char* end = std::strchr(begin, '"');
    return std::string_view(begin, end ? static_cast<std::size_t>(end - begin) : 0);
}

bool readLevels(od::value value, std::vector<BookLevel>& out)
{
    od::array levels;
    if (value.get_array().get(levels))
        return false;
    for (auto entry : levels) {
        od::array pair;
        if (entry.get_array().get(pair))
            return false;
        std::string_view text[2];
        int n = 0;
        for (auto item : pair) {
            if (n >= 2)
                return false;
            if (item.get_string().get(text[n]))
                return false;
            ++n;
        }
        if (n != 2)
            return false;
        const auto price = Decimal::parse(text[0]);
        const auto size = Decimal::parse(text[1]);
        if (!price || !size)
            return false;
        out.push_back(BookLevel{*price, *size});
    }
    return true;
}

bool readDecimalField(od::value value, std::optional<Decimal>& out)
{
    std::string_view text;
    if (value.get_string().get(text))
        return false;
    if (text.empty()) {
        out.reset();
        return true;
    }
    out = Decimal::parse(text);
    return out.has_value();
}

bool readInt(od::value value, std::int64_t& out)
{
    // Bybit sends most integers as numbers, a few (nextFundingTime, kline times in REST) as strings.
    if (value.get_int64().get(out) == simdjson::SUCCESS)
        return true;
    std::string_view text;
    if (value.get_string().get(text))
        return false;
    out = 0;
    if (text.empty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        if (out > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10)
            return false; // more than 64 bits: not a time
        out = out * 10 + (c - '0');
    }
    return true;
}

} // namespace

// One frame's parse. Bybit sends "topic" and "type" before "data" in practice; when a frame puts
// "data" first, the object is read a second time with the topic known.
struct BybitMarketData::FrameParser
{
    od::parser& parser;
    Scratch& scratch;
    MarketEventSink& sink;

    std::string_view topic;
    std::string_view type;
    std::int64_t ts = 0;

    ParseResult run(const char* data, std::size_t len, std::size_t capacity)
    {
        od::document doc;
        od::object root;
        if (parser.iterate(data, len, capacity).get(doc) || doc.get_object().get(root)) {
            // Name the topic if the text still shows it, so a broken book frame still resyncs its book.
            return malformed(topicInRawText(std::string_view(data, len)),
                             QStringLiteral("not a JSON object"));
        }

        std::string_view op;
        std::string_view retMsg;
        bool success = true;
        bool hasSuccess = false;
        bool dataDeferred = false;
        ParseResult result;
        bool handled = false;

        for (auto fieldResult : root) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(topic, QStringLiteral("truncated or invalid JSON"));
            const od::raw_json_string key = field.key(); // compared in place, not unescaped
            od::value value = field.value();
            if (key == "topic") {
                if (value.get_string().get(topic))
                    return malformed({}, QStringLiteral("topic is not a string"));
            } else if (key == "type") {
                if (value.get_string().get(type))
                    return malformed(topic, QStringLiteral("type is not a string"));
            } else if (key == "ts") {
                if (value.get_int64().get(ts))
                    return malformed(topic, QStringLiteral("ts is not an integer"));
            } else if (key == "data") {
                if (!readyForData()) {
                    dataDeferred = true;
                    continue;
                }
                result = parseData(value);
                handled = true;
                if (result.kind == ParseResult::Kind::Malformed)
                    return result;
            } else if (key == "op") {
                if (value.get_string().get(op))
                    return malformed(topic, QStringLiteral("op is not a string"));
            } else if (key == "ret_msg") {
                if (value.get_string().get(retMsg))
                    return malformed(topic, QStringLiteral("ret_msg is not a string"));
            } else if (key == "success") {
                if (value.get_bool().get(success))
                    return malformed(topic, QStringLiteral("success is not a boolean"));
                hasSuccess = true;
            }
        }

        if (dataDeferred) {
            if (topic.empty())
                return malformed({}, QStringLiteral("data without a topic"));
            scratch.topic.assign(topic);
            scratch.type.assign(type);
            topic = scratch.topic;
            type = scratch.type;
            if (doc.rewind(); doc.get_object().get(root))
                return malformed(topic, QStringLiteral("not a JSON object"));
            od::value value;
            if (root.find_field_unordered("data").get(value))
                return malformed(topic, QStringLiteral("data unreadable"));
            result = parseData(value);
            handled = true;
        }
        if (handled)
            return result;
        if (hasSuccess || !op.empty()) {
            ParseResult r;
            if (hasSuccess && !success) {
                r.kind = ParseResult::Kind::Rejected;
                r.error = QStringLiteral("%1 rejected: %2").arg(toQString(op), toQString(retMsg));
            } else {
                r.kind = ParseResult::Kind::Control;
            }
            return r;
        }
        if (!topic.empty())
            return malformed(topic, QStringLiteral("message without data"));
        ParseResult r;
        r.kind = ParseResult::Kind::Ignored;
        return r;
    }

    // Whether the fields the data needs have been read; if not, the data is read in a second pass.
    bool readyForData() const
    {
        if (topic.empty())
            return false;
        if (startsWith(topic, kBookPrefix))
            return !type.empty();
        if (startsWith(topic, kTickerPrefix))
            return !type.empty() && ts != 0; // linear tickers put "ts" after "data"
        return true;
    }

    static std::string_view topicInRawText(std::string_view text)
    {
        constexpr std::string_view key = "\"topic\":\"";
        const auto start = text.find(key);
        if (start == std::string_view::npos)
            return {};
        const auto from = start + key.size();
        const auto end = text.find('"', from);
        return end == std::string_view::npos ? std::string_view{} : text.substr(from, end - from);
    }

    ParseResult parseData(od::value data)
    {
        if (startsWith(topic, kBookPrefix))
            return parseBook(data);
        if (startsWith(topic, kTickerPrefix))
            return parseTicker(data);
        if (startsWith(topic, kTradePrefix))
            return parseTrades(data);
        if (startsWith(topic, kKlinePrefix))
            return parseKlines(data);
        ParseResult r;
        r.kind = ParseResult::Kind::Ignored;
        r.topic = topic;
        return r;
    }

    ParseResult dataResult() const
    {
        ParseResult r;
        r.kind = ParseResult::Kind::Data;
        r.topic = topic;
        return r;
    }

    ParseResult parseBook(od::value data)
    {
        const bool snapshot = type == "snapshot";
        if (!snapshot && type != "delta")
            return malformed(topic, QStringLiteral("unknown book message type"));
        od::object obj;
        if (data.get_object().get(obj))
            return malformed(topic, QStringLiteral("book data is not an object"));
        scratch.bids.clear();
        scratch.asks.clear();
        std::string_view symbol;
        std::int64_t u = -1;
        bool haveBids = false;
        bool haveAsks = false;
        for (auto fieldResult : obj) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(topic, QStringLiteral("truncated book data"));
            const od::raw_json_string key = field.key(); // compared in place, not unescaped
            od::value value = field.value();
            if (key == "s") {
                if (value.get_string().get(symbol))
                    return malformed(topic, QStringLiteral("symbol is not a string"));
            } else if (key == "b") {
                if (!readLevels(value, scratch.bids))
                    return malformed(topic, QStringLiteral("bad bid levels"));
                haveBids = true;
            } else if (key == "a") {
                if (!readLevels(value, scratch.asks))
                    return malformed(topic, QStringLiteral("bad ask levels"));
                haveAsks = true;
            } else if (key == "u") {
                if (value.get_int64().get(u))
                    return malformed(topic, QStringLiteral("u is not an integer"));
            }
        }
        if (symbol.empty() || u < 0 || !haveBids || !haveAsks)
            return malformed(topic, QStringLiteral("book data lacks s, b, a or u"));

        BookUpdate update;
        update.symbol = symbol;
        // A delta with u = 1 follows a restart of Bybit's service: it is a full book.
        update.isSnapshot = snapshot || u == 1;
        update.levels.bids = scratch.bids;
        update.levels.asks = scratch.asks;
        update.levels.rule = OrderBook::SequenceRule::Chained;
        update.levels.previousSequence = u - 1;
        update.levels.sequence = u;
        update.levels.timestampMs = ts;
        sink.onBook(update);
        return dataResult();
    }

    ParseResult parseTicker(od::value data)
    {
        const bool snapshot = type == "snapshot";
        if (!snapshot && type != "delta")
            return malformed(topic, QStringLiteral("unknown ticker message type"));
        od::object obj;
        if (data.get_object().get(obj))
            return malformed(topic, QStringLiteral("ticker data is not an object"));
        Ticker t;
        t.timestampMs = ts;
        for (auto fieldResult : obj) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(topic, QStringLiteral("truncated ticker data"));
            const od::raw_json_string key = field.key(); // compared in place, not unescaped
            od::value value = field.value();
            std::optional<Decimal>* target = nullptr;
            if (key == "symbol") {
                std::string_view s;
                if (value.get_string().get(s))
                    return malformed(topic, QStringLiteral("symbol is not a string"));
                t.symbol = toQString(s);
                continue;
            }
            if (key == "lastPrice")
                target = &t.lastPrice;
            else if (key == "bid1Price")
                target = &t.bidPrice;
            else if (key == "bid1Size")
                target = &t.bidSize;
            else if (key == "ask1Price")
                target = &t.askPrice;
            else if (key == "ask1Size")
                target = &t.askSize;
            else if (key == "highPrice24h")
                target = &t.highPrice24h;
            else if (key == "lowPrice24h")
                target = &t.lowPrice24h;
            else if (key == "volume24h")
                target = &t.volume24h;
            else if (key == "turnover24h")
                target = &t.turnover24h;
            else if (key == "price24hPcnt")
                target = &t.change24h;
            else if (key == "markPrice")
                target = &t.markPrice;
            else if (key == "indexPrice")
                target = &t.indexPrice;
            else if (key == "openInterest")
                target = &t.openInterest;
            else if (key == "fundingRate")
                target = &t.fundingRate;
            else if (key == "nextFundingTime") {
                // A time in ms, as a string; "" (or "0") on contracts without funding.
                std::optional<Decimal> ms;
                if (!readDecimalField(value, ms) || (ms && (ms->scale() != 0 || ms->isNegative())))
                    return malformed(topic, QStringLiteral("nextFundingTime is not a time"));
                t.nextFundingMs = ms ? ms->mantissa() : 0;
                continue;
            }
            if (target && !readDecimalField(value, *target))
                return malformed(
                    topic,
                    QStringLiteral("ticker field %1 is not a decimal string").arg(toQString(keyText(key))));
        }
        if (t.symbol.isEmpty())
            t.symbol = toQString(symbolOfTopic(topic));
        sink.onTicker(t, snapshot);
        return dataResult();
    }

    ParseResult parseTrades(od::value data)
    {
        od::array arr;
        if (data.get_array().get(arr))
            return malformed(topic, QStringLiteral("trade data is not an array"));
        scratch.trades.clear();
        for (auto entry : arr) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed(topic, QStringLiteral("trade is not an object"));
            Trade trade;
            std::optional<Decimal> price;
            std::optional<Decimal> size;
            std::string_view side;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(topic, QStringLiteral("truncated trade"));
                const od::raw_json_string key = field.key(); // compared in place, not unescaped
                od::value value = field.value();
                std::string_view text;
                if (key == "T") {
                    if (!readInt(value, trade.timestampMs))
                        return malformed(topic, QStringLiteral("trade time is not an integer"));
                } else if (key == "s") {
                    if (value.get_string().get(text))
                        return malformed(topic, QStringLiteral("trade symbol is not a string"));
                    trade.symbol = toQString(text);
                } else if (key == "S") {
                    if (value.get_string().get(side))
                        return malformed(topic, QStringLiteral("trade side is not a string"));
                } else if (key == "v") {
                    if (!readDecimalField(value, size))
                        return malformed(topic, QStringLiteral("trade size is not a decimal"));
                } else if (key == "p") {
                    if (!readDecimalField(value, price))
                        return malformed(topic, QStringLiteral("trade price is not a decimal"));
                } else if (key == "i") {
                    if (value.get_string().get(text))
                        return malformed(topic, QStringLiteral("trade id is not a string"));
                    trade.id = toQString(text);
                }
            }
            if (!price || !size || (side != "Buy" && side != "Sell"))
                return malformed(topic, QStringLiteral("trade lacks p, v or S"));
            trade.price = *price;
            trade.size = *size;
            trade.takerSide = side == "Buy" ? Side::Buy : Side::Sell;
            if (trade.symbol.isEmpty())
                trade.symbol = toQString(symbolOfTopic(topic));
            scratch.trades.push_back(std::move(trade));
        }
        // Bybit lists a message's trades oldest first.
        if (!scratch.trades.empty())
            sink.onTrades(scratch.trades);
        return dataResult();
    }

    ParseResult parseKlines(od::value data)
    {
        // kline.{interval}.{symbol}
        const std::string_view rest = topic.substr(kKlinePrefix.size());
        const auto dot = rest.find('.');
        if (dot == std::string_view::npos)
            return malformed(topic, QStringLiteral("bad kline topic"));
        const auto interval = intervalFromCode(rest.substr(0, dot));
        if (!interval)
            return malformed(topic, QStringLiteral("unknown kline interval"));
        const QString symbol = toQString(rest.substr(dot + 1));
        od::array arr;
        if (data.get_array().get(arr))
            return malformed(topic, QStringLiteral("kline data is not an array"));
        for (auto entry : arr) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed(topic, QStringLiteral("kline is not an object"));
            Candle c;
            std::optional<Decimal> open, high, low, close, volume, turnover;
            bool haveStart = false;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(topic, QStringLiteral("truncated kline"));
                const od::raw_json_string key = field.key(); // compared in place, not unescaped
                od::value value = field.value();
                bool ok = true;
                if (key == "start") {
                    ok = readInt(value, c.openTimeMs);
                    haveStart = ok;
                } else if (key == "open") {
                    ok = readDecimalField(value, open);
                } else if (key == "high") {
                    ok = readDecimalField(value, high);
                } else if (key == "low") {
                    ok = readDecimalField(value, low);
                } else if (key == "close") {
                    ok = readDecimalField(value, close);
                } else if (key == "volume") {
                    ok = readDecimalField(value, volume);
                } else if (key == "turnover") {
                    ok = readDecimalField(value, turnover);
                } else if (key == "confirm") {
                    ok = value.get_bool().get(c.closed) == simdjson::SUCCESS;
                }
                if (!ok)
                    return malformed(
                        topic, QStringLiteral("kline field %1 unreadable").arg(toQString(keyText(key))));
            }
            if (!haveStart || !open || !high || !low || !close || !volume)
                return malformed(topic, QStringLiteral("kline lacks start or OHLCV"));
            c.open = *open;
            c.high = *high;
            c.low = *low;
            c.close = *close;
            c.volume = *volume;
            c.turnover = turnover.value_or(Decimal());
            sink.onCandle(symbol, *interval, c);
        }
        return dataResult();
    }
};

BybitMarketData::BybitMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(1024);
    m_scratch->asks.reserve(1024);
}

BybitMarketData::~BybitMarketData() = default;

QString BybitMarketData::venue() const
{
    return QStringLiteral("bybit");
}

QList<Category> BybitMarketData::categories() const
{
    return {Category::Spot, Category::Linear};
}

QUrl BybitMarketData::publicStreamUrl(Category category, Environment environment) const
{
    const QString path = QStringLiteral("/v5/public/") + categoryName(category);
    // Demo trading has no public stream of its own: it uses mainnet market data.
    const QString host = environment == Environment::Testnet ? QStringLiteral("stream-testnet.bybit.com")
                                                             : QStringLiteral("stream.bybit.com");
    return QUrl(QStringLiteral("wss://") + host + path);
}

QUrl BybitMarketData::restBaseUrl(Environment environment) const
{
    switch (environment) {
    case Environment::Mainnet:
        return QUrl(QStringLiteral("https://api.bybit.com"));
    case Environment::Testnet:
        return QUrl(QStringLiteral("https://api-testnet.bybit.com"));
    case Environment::Demo:
        return QUrl(QStringLiteral("https://api-demo.bybit.com"));
    }
    return {};
}

const StreamProtocol& BybitMarketData::streamProtocol() const
{
    return m_protocol;
}

int BybitMarketData::supportedDepth(int requested)
{
    for (int d : {1, 50, 200, 1000}) {
        if (requested <= d)
            return d;
    }
    return 1000;
}

QString BybitMarketData::intervalCode(CandleInterval interval)
{
    switch (interval) {
    case CandleInterval::OneMinute:
        return QStringLiteral("1");
    case CandleInterval::FiveMinutes:
        return QStringLiteral("5");
    case CandleInterval::FifteenMinutes:
        return QStringLiteral("15");
    case CandleInterval::OneHour:
        return QStringLiteral("60");
    case CandleInterval::FourHours:
        return QStringLiteral("240");
    case CandleInterval::OneDay:
        return QStringLiteral("D");
    }
    return {};
}

std::optional<CandleInterval> BybitMarketData::intervalFromCode(std::string_view code)
{
    for (CandleInterval i :
         {CandleInterval::OneMinute, CandleInterval::FiveMinutes, CandleInterval::FifteenMinutes,
          CandleInterval::OneHour, CandleInterval::FourHours, CandleInterval::OneDay}) {
        if (intervalCode(i).toLatin1() == QByteArrayView(code.data(), static_cast<qsizetype>(code.size())))
            return i;
    }
    return std::nullopt;
}

QString BybitMarketData::topic(Category, const ChannelRequest& request) const
{
    switch (request.channel) {
    case Channel::Ticker:
        return QStringLiteral("tickers.") + request.symbol;
    case Channel::Book:
        return QStringLiteral("orderbook.%1.%2").arg(supportedDepth(request.depth)).arg(request.symbol);
    case Channel::Trades:
        return QStringLiteral("publicTrade.") + request.symbol;
    case Channel::Candles:
        return QStringLiteral("kline.%1.%2").arg(intervalCode(request.interval), request.symbol);
    }
    return {};
}

std::chrono::milliseconds BybitMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
        // orderbook.1 re-sends its snapshot every 3 s when unchanged; deeper books change far more
        // often on any listed market. 10 s of silence (×3 in the watchdog) is a broken channel.
        return std::chrono::seconds(10);
    case Channel::Ticker:
        return std::chrono::seconds(20);
    case Channel::Candles:
        // kline pushes the open candle at least every few seconds.
        return std::chrono::seconds(20);
    case Channel::Trades:
        return std::chrono::milliseconds(0); // a quiet market has no trades
    }
    return std::chrono::milliseconds(0);
}

ResyncPlan BybitMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    // Bybit answers every subscription with a fresh snapshot.
    ChannelRequest request;
    request.channel = Channel::Book;
    request.symbol = symbol;
    request.depth = depth;
    return ResyncPlan{{topic(category, request)}};
}

ParseResult BybitMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
{
    Q_UNUSED(category);
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded copy.
    auto& padded = m_scratch->padded;
    const std::size_t len = static_cast<std::size_t>(frame.size());
    if (padded.size() < len + simdjson::SIMDJSON_PADDING)
        padded.resize(len + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), frame.data(), len);
    return FrameParser{m_scratch->parser, *m_scratch, sink, {}, {}, 0}.run(padded.data(), len, padded.size());
}
