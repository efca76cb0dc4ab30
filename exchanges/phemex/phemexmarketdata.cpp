#include "phemexmarketdata.h"

#include <QHash>

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_map>

namespace dom = simdjson::dom;

namespace {

struct StringHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Per symbol: the last book sequence seen on this connection, and whether it came from a snapshot.
struct BookSequence
{
    std::int64_t sequence = 0;
    bool fromSnapshot = false;
};

} // namespace

// Reused across frames so the hot path does not allocate once warmed up.
struct PhemexMarketData::Scratch
{
    dom::parser parser;
    std::vector<char> padded;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    std::vector<Trade> trades;
    std::string topic; // the topic a frame belongs to, as PhemexStreamProtocol spells it
    std::unordered_map<std::string, BookSequence, StringHash, std::equal_to<>> sequences;

    // Spot scales from /public/products, written by parseInstruments (possibly another thread).
    mutable std::mutex scalesMutex;
    QHash<QString, Scales> scales;
    std::atomic<std::uint64_t> scalesGeneration{0};
    // The last symbol's scales, so the hot path neither locks nor allocates for a run of one symbol.
    std::string cachedSymbol;
    Scales cachedScales;
    std::uint64_t cachedGeneration = ~std::uint64_t(0);
};

namespace {

constexpr std::int64_t kNanosPerMs = 1'000'000;

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

ParseResult result(ParseResult::Kind kind, std::string_view topic = {}, const QString& error = {})
{
    ParseResult r;
    r.kind = kind;
    r.topic = topic;
    r.error = error;
    return r;
}

// A price or quantity: on spot a scaled integer (÷ 10^scale), on the perpetuals a decimal string.
bool readValue(dom::element e, bool scaled, int scale, Decimal& out)
{
    if (scaled) {
        std::int64_t mantissa = 0;
        if (e.get_int64().get(mantissa) || scale < 0 || scale > Decimal::MaxScale)
            return false;
        // Written without the scale's trailing zeros: 892697000000 at 1e8 is 8926.97, not 8926.97000000
        // (stripped here by constant division, far cheaper on the hot path than Decimal::normalized).
        while (scale > 0 && mantissa % 10 == 0) {
            mantissa /= 10;
            --scale;
        }
        out = Decimal::fromMantissa(mantissa, scale);
        return true;
    }
    std::string_view text;
    if (e.get_string().get(text))
        return false;
    const auto d = Decimal::parse(text);
    if (!d)
        return false;
    out = *d;
    return true;
}

bool readOptionalValue(dom::object o, std::string_view key, bool scaled, int scale,
                       std::optional<Decimal>& out)
{
    dom::element e;
    if (o.at_key(key).get(e))
        return true; // absent: unchanged
    Decimal d;
    if (!readValue(e, scaled, scale, d))
        return false;
    out = d;
    return true;
}

// The symbol a broken book frame names, so its book can still be rebuilt.
std::string_view bookSymbolInRawText(std::string_view text)
{
    if (text.find("\"book\"") == std::string_view::npos &&
        text.find("\"orderbook_p\"") == std::string_view::npos)
        return {};
    constexpr std::string_view key = "\"symbol\":\"";
    const auto start = text.find(key);
    if (start == std::string_view::npos)
        return {};
    const auto from = start + key.size();
    const auto end = text.find('"', from);
    return end == std::string_view::npos ? std::string_view{} : text.substr(from, end - from);
}

} // namespace

struct PhemexMarketData::FrameParser
{
    const PhemexMarketData& adapter;
    Scratch& scratch;
    MarketEventSink& sink;
    bool perpetual = false; // "_p" channels: real-valued strings

    Scales scalesOf(std::string_view symbol)
    {
        const std::uint64_t generation = scratch.scalesGeneration.load(std::memory_order_acquire);
        if (generation != scratch.cachedGeneration || symbol != scratch.cachedSymbol) {
            scratch.cachedScales = adapter.scales(toQString(symbol));
            scratch.cachedSymbol.assign(symbol);
            scratch.cachedGeneration = generation;
        }
        return scratch.cachedScales;
    }

    ParseResult malformed(const QString& why, std::string_view bookSymbol = {})
    {
        ParseResult r = result(ParseResult::Kind::Malformed, scratch.topic, why);
        // A book frame we could not read may have carried a change we now miss: rebuild that book.
        r.resyncSymbol = bookSymbol;
        return r;
    }

    std::string_view setTopic(std::string_view channel, std::string_view symbol, std::int64_t interval = 0)
    {
        scratch.topic.assign(channel);
        if (!symbol.empty()) {
            scratch.topic += ':';
            scratch.topic.append(symbol);
        }
        if (interval > 0) {
            scratch.topic += ':';
            scratch.topic += std::to_string(interval);
        }
        return scratch.topic;
    }

    ParseResult run(const char* data, std::size_t len)
    {
        scratch.topic.clear();
        dom::element doc;
        dom::object root;
        if (scratch.parser.parse(data, len, false).get(doc) || doc.get_object().get(root)) {
            return malformed(QStringLiteral("not a JSON object"), bookSymbolInRawText({data, len}));
        }
        dom::element value;
        perpetual = true;
        if (!root.at_key("orderbook_p").get(value))
            return parseBook(root, value, "orderbook_p");
        if (!root.at_key("trades_p").get(value))
            return parseTrades(root, value, "trade_p");
        if (!root.at_key("kline_p").get(value))
            return parseKlines(root, value, "kline_p");
        // Spot (and the coin-margined contracts) send scaled integers on the channels without "_p".
        perpetual = false;
        if (!root.at_key("book").get(value))
            return parseBook(root, value, "orderbook");
        if (!root.at_key("trades").get(value))
            return parseTrades(root, value, "trade");
        if (!root.at_key("kline").get(value))
            return parseKlines(root, value, "kline");
        if (!root.at_key("spot_market24h").get(value))
            return parseSpotTicker(root, value);
        if (!root.at_key("market24h").get(value))
            return parseContractTicker(root, value);
        std::string_view method;
        if (!root.at_key("method").get(method) && method == "perp_market24h_pack_p.update")
            return parsePerpTickers(root);
        if (!root.at_key("id").get(value) && (root.at_key("result").error() == simdjson::SUCCESS ||
                                              root.at_key("error").error() == simdjson::SUCCESS))
            return parseReply(root);
        // tick, tick_p, index_market24h, market24h_p, …: valid, not used here.
        return result(ParseResult::Kind::Ignored);
    }

    ParseResult parseReply(dom::object root)
    {
        // {"error":null,"id":1,"result":{"status":"success"}}; a refusal carries an error object
        // ({"code":…,"message":…}) and a null result.
        dom::element error;
        if (!root.at_key("error").get(error) && !error.is_null()) {
            std::int64_t code = 0;
            std::string_view message;
            dom::object o;
            if (!error.get_object().get(o)) {
                if (o.at_key("code").get(code)) {
                }
                if (o.at_key("message").get(message)) {
                }
            }
            const QString text = message.empty() ? QString::fromStdString(simdjson::minify(error))
                                                 : QStringLiteral("%1 %2").arg(code).arg(toQString(message));
            return result(ParseResult::Kind::Rejected, {}, QStringLiteral("phemex refused: %1").arg(text));
        }
        return result(ParseResult::Kind::Control);
    }

    bool readSequence(dom::object root, std::int64_t& sequence, std::int64_t& timestampNs)
    {
        if (root.at_key("sequence").get(sequence))
            return false;
        // Book frames carry the time in ns; trade and kline frames have none at the top.
        if (root.at_key("timestamp").get(timestampNs))
            timestampNs = 0;
        return true;
    }

    bool readLevels(dom::element e, bool scaled, const Scales& s, std::vector<BookLevel>& out)
    {
        dom::array levels;
        if (e.get_array().get(levels))
            return false;
        for (dom::element entry : levels) {
            dom::array pair;
            if (entry.get_array().get(pair) || pair.size() != 2)
                return false;
            BookLevel level;
            if (!readValue(pair.at(0).value_unsafe(), scaled, s.priceScale, level.price) ||
                !readValue(pair.at(1).value_unsafe(), scaled, s.qtyScale, level.size))
                return false;
            out.push_back(level);
        }
        return true;
    }

    ParseResult parseBook(dom::object root, dom::element bookValue, std::string_view channel)
    {
        std::string_view symbol;
        std::string_view type;
        if (root.at_key("symbol").get(symbol) || symbol.empty())
            return malformed(QStringLiteral("book message without symbol"));
        setTopic(channel, symbol);
        if (root.at_key("type").get(type))
            return malformed(QStringLiteral("book message without type"), symbol);
        const bool snapshot = type == "snapshot";
        if (!snapshot && type != "incremental")
            return malformed(QStringLiteral("unknown book message type"), symbol);
        std::int64_t sequence = 0;
        std::int64_t timestampNs = 0;
        if (!readSequence(root, sequence, timestampNs))
            return malformed(QStringLiteral("book message without sequence"), symbol);
        dom::object book;
        dom::element bids;
        dom::element asks;
        if (bookValue.get_object().get(book) || book.at_key("bids").get(bids) ||
            book.at_key("asks").get(asks))
            return malformed(QStringLiteral("book lacks bids or asks"), symbol);
        const bool scaled = !perpetual;
        const Scales s = scaled ? scalesOf(symbol) : Scales{};
        scratch.bids.clear();
        scratch.asks.clear();
        if (!readLevels(bids, scaled, s, scratch.bids))
            return malformed(QStringLiteral("bad bid levels"), symbol);
        if (!readLevels(asks, scaled, s, scratch.asks))
            return malformed(QStringLiteral("bad ask levels"), symbol);

        BookUpdate update;
        update.symbol = symbol;
        update.isSnapshot = snapshot;
        update.levels.bids = scratch.bids;
        update.levels.asks = scratch.asks;
        update.levels.sequence = sequence;
        update.levels.timestampMs = timestampNs / kNanosPerMs;
        // Phemex's sequence is shared by all symbols, so it skips values: no chain to follow, but it must
        // rise. An increment at or below the last increment means the stream is out of order (a DataGW
        // failover): the book is rebuilt. One at or below a snapshot is older than that snapshot: dropped.
        auto it = scratch.sequences.find(symbol);
        if (it == scratch.sequences.end())
            it = scratch.sequences.emplace(std::string(symbol), BookSequence{}).first;
        BookSequence& last = it->second;
        if (snapshot) {
            last = BookSequence{sequence, true};
        } else if (sequence > last.sequence) {
            update.levels.rule = OrderBook::SequenceRule::Chained;
            update.levels.previousSequence = last.sequence;
            last = BookSequence{sequence, false};
        } else if (last.fromSnapshot) {
            update.levels.rule = OrderBook::SequenceRule::Increasing; // → IgnoredOld
        } else {
            // Claims a predecessor the book never saw → SequenceGap → Resyncing.
            update.levels.rule = OrderBook::SequenceRule::Chained;
            update.levels.previousSequence = last.sequence + 1;
        }
        sink.onBook(update);
        return result(ParseResult::Kind::Data, scratch.topic);
    }

    ParseResult parseTrades(dom::object root, dom::element tradesValue, std::string_view channel)
    {
        std::string_view symbol;
        if (root.at_key("symbol").get(symbol) || symbol.empty())
            return malformed(QStringLiteral("trade message without symbol"));
        setTopic(channel, symbol);
        dom::array rows;
        if (tradesValue.get_array().get(rows))
            return malformed(QStringLiteral("trades is not an array"));
        const bool scaled = !perpetual;
        const Scales s = scaled ? scalesOf(symbol) : Scales{};
        const QString qSymbol = toQString(symbol);
        scratch.trades.clear();
        // [timestampNs, side, price, qty], newest first.
        for (dom::element row : rows) {
            dom::array fields;
            if (row.get_array().get(fields) || fields.size() != 4)
                return malformed(QStringLiteral("trade row is not [timestamp, side, price, qty]"));
            std::int64_t ns = 0;
            std::string_view side;
            Trade t;
            t.symbol = qSymbol;
            if (fields.at(0).get(ns) || fields.at(1).get(side) ||
                !readValue(fields.at(2).value_unsafe(), scaled, s.priceScale, t.price) ||
                !readValue(fields.at(3).value_unsafe(), scaled, s.qtyScale, t.size))
                return malformed(QStringLiteral("trade row is not [timestamp, side, price, qty]"));
            if (side != "Buy" && side != "Sell")
                return malformed(QStringLiteral("trade side is neither Buy nor Sell"));
            t.takerSide = side == "Sell" ? Side::Sell : Side::Buy;
            t.timestampMs = ns / kNanosPerMs;
            t.id = QString::number(ns); // Phemex gives trades no id; the ns time is unique enough to key
            scratch.trades.push_back(std::move(t));
        }
        std::reverse(scratch.trades.begin(), scratch.trades.end());
        if (!scratch.trades.empty())
            sink.onTrades(scratch.trades);
        return result(ParseResult::Kind::Data, scratch.topic);
    }

    ParseResult parseKlines(dom::object root, dom::element klineValue, std::string_view channel)
    {
        std::string_view symbol;
        std::string_view type;
        if (root.at_key("symbol").get(symbol) || symbol.empty())
            return malformed(QStringLiteral("kline message without symbol"));
        setTopic(channel, symbol);
        if (root.at_key("type").get(type)) {
        }
        dom::array rows;
        if (klineValue.get_array().get(rows))
            return malformed(QStringLiteral("kline is not an array"));
        const bool scaled = !perpetual;
        const Scales s = scaled ? scalesOf(symbol) : Scales{};
        const QString qSymbol = toQString(symbol);
        // [timestamp (s), interval (s), lastClose, open, high, low, close, volume, turnover], newest first.
        const std::size_t count = rows.size();
        std::size_t index = 0;
        std::vector<std::pair<CandleInterval, Candle>> candles;
        candles.reserve(count);
        for (dom::element row : rows) {
            dom::array f;
            if (row.get_array().get(f) || f.size() != 9)
                return malformed(QStringLiteral("kline row has not 9 fields"));
            std::int64_t seconds = 0;
            std::int64_t interval = 0;
            if (f.at(0).get(seconds) || f.at(1).get(interval))
                return malformed(QStringLiteral("kline row lacks its time or interval"));
            const auto ci = PhemexMarketData::intervalFromResolution(interval);
            Candle c;
            c.openTimeMs = seconds * 1000;
            if (!readValue(f.at(3).value_unsafe(), scaled, s.priceScale, c.open) ||
                !readValue(f.at(4).value_unsafe(), scaled, s.priceScale, c.high) ||
                !readValue(f.at(5).value_unsafe(), scaled, s.priceScale, c.low) ||
                !readValue(f.at(6).value_unsafe(), scaled, s.priceScale, c.close) ||
                !readValue(f.at(7).value_unsafe(), scaled, s.qtyScale, c.volume) ||
                !readValue(f.at(8).value_unsafe(), scaled, s.valueScale, c.turnover))
                return malformed(QStringLiteral("kline row has an unreadable price or volume"));
            // The newest row of an update is the forming candle; older snapshot rows have ended.
            c.closed = index > 0 && type == "snapshot";
            ++index;
            if (ci)
                candles.emplace_back(*ci, c);
            if (index == 1)
                setTopic(channel, symbol, interval);
        }
        for (auto it = candles.rbegin(); it != candles.rend(); ++it)
            sink.onCandle(qSymbol, it->first, it->second);
        return result(ParseResult::Kind::Data, scratch.topic);
    }

    // What both 24 h tickers start with: the ticker object, its symbol and that symbol's scales, and the
    // time (the ticker's own timestamp, else the frame's; nanoseconds). False without a symbol.
    bool readTickerHead(dom::object root, dom::element value, dom::object& o, Scales& s, Ticker& t)
    {
        std::string_view symbol;
        if (value.get_object().get(o) || o.at_key("symbol").get(symbol) || symbol.empty())
            return false;
        s = scalesOf(symbol);
        t.symbol = toQString(symbol);
        std::int64_t ns = 0;
        if (o.at_key("timestamp").get(ns) && root.at_key("timestamp").get(ns))
            ns = 0;
        t.timestampMs = ns / kNanosPerMs;
        return true;
    }

    ParseResult parseSpotTicker(dom::object root, dom::element value)
    {
        setTopic("spot_market24h", {});
        dom::object o;
        Scales s;
        Ticker t;
        if (!readTickerHead(root, value, o, s, t))
            return malformed(QStringLiteral("spot_market24h lacks symbol"));
        if (!readOptionalValue(o, "lastEp", true, s.priceScale, t.lastPrice) ||
            !readOptionalValue(o, "bidEp", true, s.priceScale, t.bidPrice) ||
            !readOptionalValue(o, "askEp", true, s.priceScale, t.askPrice) ||
            !readOptionalValue(o, "highEp", true, s.priceScale, t.highPrice24h) ||
            !readOptionalValue(o, "lowEp", true, s.priceScale, t.lowPrice24h) ||
            !readOptionalValue(o, "volumeEv", true, s.qtyScale, t.volume24h) ||
            !readOptionalValue(o, "turnoverEv", true, s.valueScale, t.turnover24h))
            return malformed(QStringLiteral("spot_market24h field is not a scaled integer"));
        sink.onTicker(t, true);
        return result(ParseResult::Kind::Data, scratch.topic);
    }

    // The coin-margined contracts' 24 h ticker: prices at the symbol's priceScale ("Ep" without the
    // suffix), the funding rate at its ratioScale, turnover at the settle currency's valueScale, volume
    // and open interest in whole contracts.
    ParseResult parseContractTicker(dom::object root, dom::element value)
    {
        setTopic("market24h", {});
        dom::object o;
        Scales s;
        Ticker t;
        if (!readTickerHead(root, value, o, s, t))
            return malformed(QStringLiteral("market24h lacks symbol"));
        if (!readOptionalValue(o, "close", true, s.priceScale, t.lastPrice) ||
            !readOptionalValue(o, "high", true, s.priceScale, t.highPrice24h) ||
            !readOptionalValue(o, "low", true, s.priceScale, t.lowPrice24h) ||
            !readOptionalValue(o, "indexPrice", true, s.priceScale, t.indexPrice) ||
            !readOptionalValue(o, "markPrice", true, s.priceScale, t.markPrice) ||
            !readOptionalValue(o, "fundingRate", true, s.ratioScale, t.fundingRate) ||
            !readOptionalValue(o, "openInterest", true, s.qtyScale, t.openInterest) ||
            !readOptionalValue(o, "volume", true, s.qtyScale, t.volume24h) ||
            !readOptionalValue(o, "turnover", true, s.valueScale, t.turnover24h))
            return malformed(QStringLiteral("market24h field is not a scaled integer"));
        sink.onTicker(t, true);
        return result(ParseResult::Kind::Data, scratch.topic);
    }

    ParseResult parsePerpTickers(dom::object root)
    {
        setTopic("perp_market24h_pack_p", {});
        dom::array fields;
        dom::array data;
        if (root.at_key("fields").get(fields) || root.at_key("data").get(data))
            return malformed(QStringLiteral("perp_market24h_pack_p lacks fields or data"));
        std::int64_t ns = 0;
        if (root.at_key("timestamp").get(ns)) {
        }
        // The column of each field this parser reads; the order is the venue's to change. Phemex documents
        // no next funding time here (nor in market24h, /md/v2/ticker/24hr or /public/products, and some
        // contracts' funding intervals change by announcement), so Ticker::nextFundingMs stays 0: unknown.
        enum Column : std::uint8_t
        {
            Symbol,
            Last,
            High,
            Low,
            Volume,
            Turnover,
            OpenInterest,
            Index,
            Mark,
            Funding,
            Bid,
            Ask,
            ColumnCount
        };
        constexpr std::string_view names[ColumnCount] = {
            "symbol",         "lastRp",  "highRp", "lowRp",         "volumeRq", "turnoverRv",
            "openInterestRv", "indexRp", "markRp", "fundingRateRr", "bidRp",    "askRp"};
        int column[ColumnCount];
        std::fill(std::begin(column), std::end(column), -1);
        int i = 0;
        for (dom::element f : fields) {
            std::string_view name;
            if (!f.get(name)) {
                for (int c = 0; c < ColumnCount; ++c) {
                    if (names[c] == name)
                        column[c] = i;
                }
            }
            ++i;
        }
        if (column[Symbol] < 0)
            return malformed(QStringLiteral("perp_market24h_pack_p has no symbol column"));
        for (dom::element rowValue : data) {
            dom::array row;
            if (rowValue.get_array().get(row))
                return malformed(QStringLiteral("perp_market24h_pack_p row is not an array"));
            std::string_view symbol;
            if (row.at(static_cast<std::size_t>(column[Symbol])).get(symbol) || symbol.empty())
                return malformed(QStringLiteral("perp_market24h_pack_p row has no symbol"));
            Ticker t;
            t.symbol = toQString(symbol);
            t.timestampMs = ns / kNanosPerMs;
            std::optional<Decimal>* targets[ColumnCount] = {
                nullptr,         &t.lastPrice,  &t.highPrice24h, &t.lowPrice24h, &t.volume24h, &t.turnover24h,
                &t.openInterest, &t.indexPrice, &t.markPrice,    &t.fundingRate, &t.bidPrice,  &t.askPrice};
            for (int c = 1; c < ColumnCount; ++c) {
                if (column[c] < 0)
                    continue;
                dom::element cell;
                if (row.at(static_cast<std::size_t>(column[c])).get(cell))
                    return malformed(QStringLiteral("perp_market24h_pack_p row is short"));
                std::string_view text;
                if (cell.is_null() || (!cell.get(text) && text.empty()))
                    continue; // no value yet (a new listing)
                Decimal d;
                if (!readValue(cell, false, 0, d))
                    return malformed(QStringLiteral("perp_market24h_pack_p %1 is not a decimal string")
                                         .arg(toQString(names[c])));
                *targets[c] = d;
            }
            sink.onTicker(t, true);
        }
        return result(ParseResult::Kind::Data, scratch.topic);
    }
};

PhemexMarketData::PhemexMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(1024);
    m_scratch->asks.reserve(1024);
}

PhemexMarketData::~PhemexMarketData() = default;

QString PhemexMarketData::venue() const
{
    return QStringLiteral("phemex");
}

QList<Category> PhemexMarketData::categories() const
{
    // The coin-margined perpetuals are traded (PhemexTrading, the contract API) and offered too.
    return {Category::Spot, Category::Linear, Category::Inverse};
}

QStringList PhemexMarketData::defaultSymbols(Category category) const
{
    if (category == Category::Spot)
        return {QStringLiteral("sBTCUSDT"), QStringLiteral("sETHUSDT"), QStringLiteral("sSOLUSDT"),
                QStringLiteral("sXRPUSDT")};
    if (category == Category::Inverse)
        return {QStringLiteral("BTCUSD"), QStringLiteral("cETHUSD")};
    return MarketDataAdapter::defaultSymbols(category);
}

QUrl PhemexMarketData::publicStreamUrl(Category, Environment environment) const
{
    // One DataGW serves spot and contracts. The docs' wss://phemex.com/ws is the legacy name of
    // wss://ws.phemex.com; testnet: wss://testnet-api.phemex.com/ws.
    // https://phemex-docs.github.io/#general-public-api-information
    if (environment == Environment::Testnet)
        return QUrl(QStringLiteral("wss://testnet-api.phemex.com/ws"));
    return QUrl(QStringLiteral("wss://ws.phemex.com"));
}

QUrl PhemexMarketData::restBaseUrl(Environment environment) const
{
    if (environment == Environment::Testnet)
        return QUrl(QStringLiteral("https://testnet-api.phemex.com"));
    return QUrl(QStringLiteral("https://api.phemex.com"));
}

const StreamProtocol& PhemexMarketData::streamProtocol() const
{
    return m_protocol;
}

int PhemexMarketData::resolution(CandleInterval interval)
{
    switch (interval) {
    case CandleInterval::OneMinute:
        return 60;
    case CandleInterval::FiveMinutes:
        return 300;
    case CandleInterval::FifteenMinutes:
        return 900;
    case CandleInterval::OneHour:
        return 3600;
    case CandleInterval::FourHours:
        return 14400;
    case CandleInterval::OneDay:
        return 86400;
    }
    return 60;
}

std::optional<CandleInterval> PhemexMarketData::intervalFromResolution(std::int64_t seconds)
{
    for (CandleInterval i :
         {CandleInterval::OneMinute, CandleInterval::FiveMinutes, CandleInterval::FifteenMinutes,
          CandleInterval::OneHour, CandleInterval::FourHours, CandleInterval::OneDay}) {
        if (resolution(i) == seconds)
            return i;
    }
    return std::nullopt;
}

QString PhemexMarketData::topic(Category category, const ChannelRequest& request) const
{
    // Spot and the coin-margined contracts use the channels without "_p" (scaled integers).
    const bool spot = category != Category::Linear;
    switch (request.channel) {
    case Channel::Ticker:
        // Each is one subscription for every symbol, pushed once a second.
        if (category == Category::Inverse)
            return QStringLiteral("market24h");
        return spot ? QStringLiteral("spot_market24h") : QStringLiteral("perp_market24h_pack_p");
    case Channel::Book:
        // The default subscription: 30 levels, increments every 20 ms, a snapshot every 60 s.
        return (spot ? QStringLiteral("orderbook:") : QStringLiteral("orderbook_p:")) + request.symbol;
    case Channel::Trades:
        return (spot ? QStringLiteral("trade:") : QStringLiteral("trade_p:")) + request.symbol;
    case Channel::Candles:
        return QStringLiteral("%1:%2:%3")
            .arg(spot ? QStringLiteral("kline") : QStringLiteral("kline_p"), request.symbol)
            .arg(resolution(request.interval));
    }
    return {};
}

std::chrono::milliseconds PhemexMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
        // Increments on any change (20 ms) and a full snapshot every 60 s even in a still market.
        return std::chrono::seconds(60);
    case Channel::Ticker:
        return std::chrono::seconds(10); // every symbol once a second
    case Channel::Candles:
        return std::chrono::seconds(60); // pushed on trades; a quiet minute pushes nothing
    case Channel::Trades:
        return std::chrono::milliseconds(0);
    }
    return std::chrono::milliseconds(0);
}

ResyncPlan PhemexMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    // Phemex answers every orderbook subscription with a fresh snapshot.
    ChannelRequest request;
    request.channel = Channel::Book;
    request.symbol = symbol;
    request.depth = depth;
    return ResyncPlan{{topic(category, request)}};
}

void PhemexMarketData::reset()
{
    m_scratch->sequences.clear();
}

void PhemexMarketData::rememberScales(const QHash<QString, Scales>& scales) const
{
    const std::lock_guard lock(m_scratch->scalesMutex);
    for (auto it = scales.cbegin(); it != scales.cend(); ++it)
        m_scratch->scales.insert(it.key(), it.value());
    m_scratch->scalesGeneration.fetch_add(1, std::memory_order_release);
}

PhemexMarketData::Scales PhemexMarketData::scales(const QString& symbol) const
{
    const std::lock_guard lock(m_scratch->scalesMutex);
    if (const auto it = m_scratch->scales.constFind(symbol); it != m_scratch->scales.cend())
        return *it;
    // Not read yet (a kline reply may overtake the products reply): spot's default, or for a contract
    // (the only other symbols read in scaled integers) the documented scales of the coin-margined
    // perpetuals: prices 1e4, whole contracts, BTC and ETH values 1e8.
    // https://phemex-docs.github.io/#price-ratio-value-scales
    if (!symbol.isEmpty() && !symbol.startsWith(QLatin1Char('s')))
        return Scales{4, 0, 8, 8};
    return Scales{};
}

ParseResult PhemexMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded copy.
    auto& padded = m_scratch->padded;
    const std::size_t len = static_cast<std::size_t>(frame.size());
    if (padded.size() < len + simdjson::SIMDJSON_PADDING)
        padded.resize(len + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), frame.data(), len);
    Q_UNUSED(category); // the channel name says how values are written ("_p": real-valued strings)
    FrameParser parser{*this, *m_scratch, sink};
    return parser.run(padded.data(), len);
}
