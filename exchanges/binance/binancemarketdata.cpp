#include "binancemarketdata.h"

#include <simdjson.h>

#include <QJsonArray>
#include <QJsonObject>

#include <cstring>
#include <deque>

namespace od = simdjson::ondemand;

// One depth diff: U/u are the first and last update ids it covers, pu (futures) the last one of the
// diff before it.
struct BinanceMarketData::Diff
{
    std::int64_t first = 0;    // U
    std::int64_t last = 0;     // u
    std::int64_t previous = 0; // pu (futures); U - 1 on spot
    std::int64_t timestampMs = 0;
    std::span<const BookLevel> bids;
    std::span<const BookLevel> asks;
};

// A diff held back while the book waits for its snapshot; owns its levels.
struct BufferedDiff
{
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::int64_t previous = 0;
    std::int64_t timestampMs = 0;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
};

struct BinanceMarketData::BookSync
{
    Category category = Category::Spot;
    std::string symbol;
    bool synced = false;       // a snapshot was applied: diffs go straight to the sink
    bool firstPending = false; // the next diff must bracket the snapshot's lastUpdateId
    std::int64_t snapshotId = 0;
    std::int64_t lastId = 0;         // u of the last diff handed over
    std::deque<BufferedDiff> buffer; // while not synced
};

// Reused across frames so the hot path does not allocate once warmed up.
struct BinanceMarketData::Scratch
{
    od::parser parser;
    std::vector<char> padded;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
};

namespace {

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

ParseResult malformed(std::string_view topic, const QString& why, std::string_view bookSymbol = {})
{
    ParseResult r;
    r.kind = ParseResult::Kind::Malformed;
    r.topic = topic;
    r.error = why;
    // A depth frame we could not read may have carried a change we now miss: rebuild that book.
    r.resyncSymbol = bookSymbol;
    return r;
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
            if (n >= 2 || item.get_string().get(text[n]))
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

// A field that is text in the events that use it; in others the same letter is a number (aggTrade's
// "l" is a trade id, 24hrTicker's "l" the low price): those are left unread.
// isText, if asked: whether the value was text (or null), for events whose field must be.
bool readText(od::value value, std::string_view& out, bool* isText = nullptr)
{
    od::json_type type;
    if (value.type().get(type))
        return false;
    if (isText)
        *isText = type == od::json_type::string || type == od::json_type::null;
    if (type != od::json_type::string)
        return true;
    return value.get_string().get(out) == simdjson::SUCCESS;
}

std::optional<Decimal> decimalOf(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    return Decimal::parse(text);
}

bool previousFollows(Category category, std::int64_t previousLast, std::int64_t first, std::int64_t pu)
{
    // Spot ids are contiguous: U = previous u + 1. Futures ids skip: pu names the previous u.
    return category == Category::Spot ? first == previousLast + 1 : pu == previousLast;
}

} // namespace

// One frame's parse. Combined streams wrap each event as {"stream":…,"data":{…}}; raw streams (/ws)
// send the event itself; answers to our requests are {"result":…,"id":…} or {"error":{code,msg},…}.
struct BinanceMarketData::FrameParser
{
    BinanceMarketData& adapter;
    Scratch& scratch;
    MarketEventSink& sink;
    Category category;

    std::string_view topic;

    // The fields of one event, by their Binance names; their meaning depends on the event type.
    struct Fields
    {
        std::string_view e, s, c, h, l, v, q, P, p, o;
        std::string_view i, r;                     // markPriceUpdate: index price, funding rate
        bool iText = true, rText = true;           // false: i or r was there but not text
        std::string_view bText, aText, bigB, bigA; // tickers: b, a as prices; B, A as sizes
        std::int64_t E = 0, T = 0, U = -1, u = -1, pu = -1, t = -1, aggId = -1;
        bool m = false, haveM = false, haveBids = false, haveAsks = false;
        bool haveKline = false;
    };

    ParseResult run(const char* data, std::size_t len, std::size_t capacity)
    {
        od::document doc;
        od::object root;
        if (parser().iterate(data, len, capacity).get(doc) || doc.get_object().get(root))
            return malformed({}, QStringLiteral("not a JSON object"));

        bool rawEvent = false;
        bool haveResult = false;
        bool haveData = false;
        std::int64_t code = 0;
        std::string_view message;
        bool haveError = false;
        ParseResult result;
        for (auto fieldResult : root) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(topic, QStringLiteral("truncated or invalid JSON"));
            const od::raw_json_string key = field.key(); // compared in place, not unescaped
            od::value value = field.value();
            if (key == "stream") {
                if (value.get_string().get(topic))
                    return malformed({}, QStringLiteral("stream is not a string"));
            } else if (key == "data") {
                od::object event;
                if (value.get_object().get(event))
                    return malformed(topic, QStringLiteral("data is not an object"));
                result = parseEvent(event);
                haveData = true;
                if (result.kind == ParseResult::Kind::Malformed)
                    return result;
            } else if (key == "result") {
                haveResult = true;
            } else if (key == "error") {
                od::object error;
                if (value.get_object().get(error))
                    return malformed(topic, QStringLiteral("error is not an object"));
                haveError = true;
                for (auto f : error) {
                    od::field ef;
                    if (std::move(f).get(ef))
                        return malformed(topic, QStringLiteral("truncated error"));
                    const od::raw_json_string ek = ef.key();
                    if (ek == "code" && ef.value().get_int64().get(code))
                        return malformed(topic, QStringLiteral("error code is not an integer"));
                    if (ek == "msg" && ef.value().get_string().get(message))
                        return malformed(topic, QStringLiteral("error msg is not a string"));
                }
            } else if (key == "code") {
                haveError = true;
                if (value.get_int64().get(code))
                    return malformed(topic, QStringLiteral("code is not an integer"));
            } else if (key == "msg") {
                if (value.get_string().get(message))
                    return malformed(topic, QStringLiteral("msg is not a string"));
            } else if (key == "e") {
                rawEvent = true;
                break;
            }
        }
        if (rawEvent) {
            if (doc.rewind(); doc.get_object().get(root))
                return malformed({}, QStringLiteral("not a JSON object"));
            return parseEvent(root);
        }
        if (haveData) {
            result.topic = topic; // "stream" may follow "data"
            return result;
        }
        if (haveError) {
            ParseResult r;
            r.kind = ParseResult::Kind::Rejected;
            r.error = QStringLiteral("request rejected: %1 %2").arg(code).arg(toQString(message));
            return r;
        }
        ParseResult r;
        r.kind = haveResult ? ParseResult::Kind::Control : ParseResult::Kind::Ignored;
        return r;
    }

    od::parser& parser() { return scratch.parser; }

    ParseResult dataResult() const
    {
        ParseResult r;
        r.kind = ParseResult::Kind::Data;
        r.topic = topic;
        return r;
    }

    ParseResult parseEvent(od::object event)
    {
        scratch.bids.clear();
        scratch.asks.clear();
        Fields f;
        Candle candle;
        std::string_view klineSymbol;
        std::string_view klineInterval;
        for (auto fieldResult : event) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(topic, QStringLiteral("truncated event"), f.e == "depthUpdate" ? f.s : "");
            const od::raw_json_string key = field.key();
            od::value value = field.value();
            const char* k = key.raw();
            // Every Binance event field name is one or two characters (quote-terminated).
            const char k0 = k[0];
            const char k1 = k0 == '"' ? '"' : k[1];
            const bool one = k1 == '"';
            bool ok = true;
            if (one) {
                switch (k0) {
                case 'e':
                    ok = value.get_string().get(f.e) == simdjson::SUCCESS;
                    break;
                case 'E':
                    ok = value.get_int64().get(f.E) == simdjson::SUCCESS;
                    break;
                case 'T':
                    ok = value.get_int64().get(f.T) == simdjson::SUCCESS;
                    break;
                case 's':
                    ok = value.get_string().get(f.s) == simdjson::SUCCESS;
                    break;
                case 'U':
                    ok = value.get_int64().get(f.U) == simdjson::SUCCESS;
                    break;
                case 'u':
                    ok = value.get_int64().get(f.u) == simdjson::SUCCESS;
                    break;
                case 't':
                    ok = value.get_int64().get(f.t) == simdjson::SUCCESS;
                    break;
                case 'b':
                case 'a': {
                    const bool bid = k0 == 'b';
                    od::json_type type;
                    if (value.type().get(type))
                        return malformed(topic, QStringLiteral("unreadable %1").arg(QLatin1Char(k0)));
                    if (type == od::json_type::array) {
                        ok = readLevels(value, bid ? scratch.bids : scratch.asks);
                        (bid ? f.haveBids : f.haveAsks) = ok;
                        if (!ok)
                            return malformed(topic,
                                             bid ? QStringLiteral("bad bid levels")
                                                 : QStringLiteral("bad ask levels"),
                                             f.s);
                    } else if (type == od::json_type::string) {
                        ok = value.get_string().get(bid ? f.bText : f.aText) == simdjson::SUCCESS;
                    } else if (!bid && type == od::json_type::number) {
                        ok = value.get_int64().get(f.aggId) == simdjson::SUCCESS; // aggTrade id
                    }
                    break;
                }
                case 'B':
                    ok = readText(value, f.bigB);
                    break;
                case 'A':
                    ok = readText(value, f.bigA);
                    break;
                case 'c':
                    ok = readText(value, f.c);
                    break;
                case 'h':
                    ok = readText(value, f.h);
                    break;
                case 'l':
                    ok = readText(value, f.l);
                    break;
                case 'v':
                    ok = readText(value, f.v);
                    break;
                case 'q':
                    ok = readText(value, f.q);
                    break;
                case 'P':
                    ok = readText(value, f.P);
                    break;
                case 'p':
                    ok = readText(value, f.p);
                    break;
                case 'o':
                    ok = readText(value, f.o);
                    break;
                case 'i':
                    ok = readText(value, f.i, &f.iText);
                    break;
                case 'r':
                    ok = readText(value, f.r, &f.rText);
                    break;
                case 'm':
                    ok = value.get_bool().get(f.m) == simdjson::SUCCESS;
                    f.haveM = ok;
                    break;
                case 'k': {
                    od::object kline;
                    if (value.get_object().get(kline))
                        return malformed(topic, QStringLiteral("kline is not an object"));
                    if (!readKline(kline, candle, klineSymbol, klineInterval))
                        return malformed(topic, QStringLiteral("kline lacks t, i or OHLCV"));
                    f.haveKline = true;
                    break;
                }
                default:
                    break;
                }
            } else if (key == "pu") {
                ok = value.get_int64().get(f.pu) == simdjson::SUCCESS;
            }
            if (!ok)
                return malformed(topic,
                                 QStringLiteral("field %1 has the wrong type")
                                     .arg(toQString(std::string_view(k, one ? 1 : 2))),
                                 f.e == "depthUpdate" ? f.s : "");
        }

        if (f.e == "depthUpdate")
            return depthUpdate(f);
        if (f.e == "24hrTicker")
            return ticker(f);
        if (f.e == "bookTicker" || (f.e.empty() && endsWith(topic, "@bookTicker")))
            return bookTicker(f);
        if (f.e == "trade" || f.e == "aggTrade")
            return trade(f);
        if (f.e == "markPriceUpdate")
            return markPrice(f);
        if (f.e == "kline") {
            if (!f.haveKline)
                return malformed(topic, QStringLiteral("kline event without k"));
            const auto interval = intervalFromCode(klineInterval);
            if (!interval)
                return malformed(topic, QStringLiteral("unknown kline interval"));
            sink.onCandle(toQString(klineSymbol.empty() ? f.s : klineSymbol), *interval, candle);
            return dataResult();
        }
        ParseResult r;
        r.kind = ParseResult::Kind::Ignored; // serverShutdown, forceOrder, … : nothing for the stores
        r.topic = topic;
        return r;
    }

    static bool readKline(od::object kline, Candle& c, std::string_view& symbol, std::string_view& interval)
    {
        bool haveStart = false;
        std::optional<Decimal> open, high, low, close, volume, turnover;
        for (auto fieldResult : kline) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return false;
            const od::raw_json_string key = field.key();
            od::value value = field.value();
            std::string_view text;
            if (key == "t") {
                if (value.get_int64().get(c.openTimeMs))
                    return false;
                haveStart = true;
            } else if (key == "s") {
                if (value.get_string().get(symbol))
                    return false;
            } else if (key == "i") {
                if (value.get_string().get(interval))
                    return false;
            } else if (key == "x") {
                if (value.get_bool().get(c.closed))
                    return false;
            } else if (key == "o" || key == "h" || key == "l" || key == "c" || key == "v" || key == "q") {
                if (value.get_string().get(text))
                    return false;
                const auto d = decimalOf(text);
                if (!d)
                    return false;
                if (key == "o")
                    open = d;
                else if (key == "h")
                    high = d;
                else if (key == "l")
                    low = d;
                else if (key == "c")
                    close = d;
                else if (key == "v")
                    volume = d;
                else
                    turnover = d;
            }
        }
        if (!haveStart || interval.empty() || !open || !high || !low || !close || !volume)
            return false;
        c.open = *open;
        c.high = *high;
        c.low = *low;
        c.close = *close;
        c.volume = *volume;
        c.turnover = turnover.value_or(Decimal());
        return true;
    }

    ParseResult depthUpdate(const Fields& f)
    {
        const bool futures = category != Category::Spot;
        if (f.s.empty())
            return malformed(topic, QStringLiteral("depthUpdate lacks s"));
        if (f.U < 0 || f.u < 0 || f.u < f.U || !f.haveBids || !f.haveAsks || (futures && f.pu < 0))
            return malformed(topic,
                             futures ? QStringLiteral("depthUpdate lacks U, u, pu, b or a")
                                     : QStringLiteral("depthUpdate lacks U, u, b or a"),
                             f.s);
        Diff diff;
        diff.first = f.U;
        diff.last = f.u;
        diff.previous = futures ? f.pu : f.U - 1;
        diff.timestampMs = f.T != 0 ? f.T : f.E;
        diff.bids = scratch.bids;
        diff.asks = scratch.asks;
        BookSync& book = adapter.sync(category, f.s);
        if (book.synced && adapter.emitDiff(book, diff, sink))
            return dataResult();
        // Held back until the book's snapshot (or a break just found: a later snapshot may still
        // need this diff).
        if (book.buffer.size() >= MaxBufferedDiffs)
            book.buffer.pop_front();
        book.buffer.push_back(
            BufferedDiff{diff.first, diff.last, diff.previous, diff.timestampMs, scratch.bids, scratch.asks});
        ParseResult r = dataResult();
        r.snapshotSymbol = f.s; // held back (or just broke off): the feed fetches a snapshot
        return r;
    }

    ParseResult ticker(const Fields& f)
    {
        if (f.s.empty())
            return malformed(topic, QStringLiteral("24hrTicker lacks s"));
        Ticker t;
        t.symbol = toQString(f.s);
        t.timestampMs = f.E;
        const std::pair<std::string_view, std::optional<Decimal>*> fields[] = {
            {f.c, &t.lastPrice},    {f.bText, &t.bidPrice}, {f.bigB, &t.bidSize},
            {f.aText, &t.askPrice}, {f.bigA, &t.askSize},   {f.h, &t.highPrice24h},
            {f.l, &t.lowPrice24h},  {f.v, &t.volume24h},    {f.q, &t.turnover24h}};
        for (const auto& [text, target] : fields) {
            if (text.empty())
                continue;
            *target = Decimal::parse(text);
            if (!*target)
                return malformed(topic, QStringLiteral("24hrTicker field is not a decimal"));
        }
        if (!f.P.empty()) {
            // P is a percentage: 1.23 → 0.0123.
            const auto percent = Decimal::parse(f.P);
            if (!percent)
                return malformed(topic, QStringLiteral("24hrTicker P is not a decimal"));
            if (percent->scale() + 2 <= Decimal::MaxScale)
                t.change24h = Decimal::fromMantissa(percent->mantissa(), percent->scale() + 2);
        }
        // Futures' 24hrTicker has no bid/ask: merge, so fields another stream set are kept.
        sink.onTicker(t, false);
        return dataResult();
    }

    ParseResult bookTicker(const Fields& f)
    {
        const auto bid = decimalOf(f.bText);
        const auto bidSize = decimalOf(f.bigB);
        const auto ask = decimalOf(f.aText);
        const auto askSize = decimalOf(f.bigA);
        if (f.s.empty() || !bid || !bidSize || !ask || !askSize)
            return malformed(topic, QStringLiteral("bookTicker lacks s, b, B, a or A"));
        Ticker t;
        t.symbol = toQString(f.s);
        t.bidPrice = bid;
        t.bidSize = bidSize;
        t.askPrice = ask;
        t.askSize = askSize;
        t.timestampMs = f.T != 0 ? f.T : f.E;
        sink.onTicker(t, false);
        return dataResult();
    }

    // USDⓈ-M <symbol>@markPrice@1s: p mark, i index, r funding rate per period ("" on delivery
    // contracts), T next funding time (0 on delivery contracts); P (estimated settlement) is not shown.
    ParseResult markPrice(const Fields& f)
    {
        const auto mark = decimalOf(f.p);
        if (f.s.empty() || !mark)
            return malformed(topic, QStringLiteral("markPriceUpdate lacks s or p"));
        if (!f.iText || !f.rText)
            return malformed(topic, QStringLiteral("markPriceUpdate i or r is not text"));
        Ticker t;
        t.symbol = toQString(f.s);
        t.markPrice = mark;
        if (!f.i.empty() && !(t.indexPrice = Decimal::parse(f.i)))
            return malformed(topic, QStringLiteral("markPriceUpdate i is not a decimal"));
        if (!f.r.empty() && !(t.fundingRate = Decimal::parse(f.r)))
            return malformed(topic, QStringLiteral("markPriceUpdate r is not a decimal"));
        if (f.T < 0)
            return malformed(topic, QStringLiteral("markPriceUpdate T is negative"));
        t.nextFundingMs = f.T;
        t.timestampMs = f.E;
        // Only the fields this stream holds: the 24hrTicker's stay.
        sink.onTicker(t, false);
        return dataResult();
    }

    ParseResult trade(const Fields& f)
    {
        const bool agg = f.e == "aggTrade";
        const auto price = decimalOf(f.p);
        const auto size = decimalOf(f.q);
        const std::int64_t id = agg ? f.aggId : f.t;
        if (f.s.empty() || !price || !size || !f.haveM || id < 0)
            return malformed(topic, agg ? QStringLiteral("aggTrade lacks s, a, p, q or m")
                                        : QStringLiteral("trade lacks s, t, p, q or m"));
        Trade t;
        t.symbol = toQString(f.s);
        t.id = QString::number(id);
        t.price = *price;
        t.size = *size;
        // m: the buyer was the maker, so the taker sold.
        t.takerSide = f.m ? Side::Sell : Side::Buy;
        t.timestampMs = f.T != 0 ? f.T : f.E;
        sink.onTrades(std::span<const Trade>(&t, 1));
        return dataResult();
    }
};

BinanceMarketData::BinanceMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(1024);
    m_scratch->asks.reserve(1024);
}

BinanceMarketData::~BinanceMarketData() = default;

QString BinanceMarketData::venue() const
{
    return QStringLiteral("binance");
}

QList<Category> BinanceMarketData::categories() const
{
    return {Category::Spot, Category::Linear};
}

QUrl BinanceMarketData::publicStreamUrl(Category category, Environment environment) const
{
    if (category == Category::Spot) {
        switch (environment) {
        case Environment::Mainnet:
            return QUrl(QStringLiteral("wss://stream.binance.com:9443/stream"));
        case Environment::Testnet:
            return QUrl(QStringLiteral("wss://stream.testnet.binance.vision/stream"));
        case Environment::Demo:
            return QUrl(QStringLiteral("wss://demo-stream.binance.com/stream"));
        }
        return {};
    }
    return publicStreamUrl(category, environment, Channel::Book);
}

QUrl BinanceMarketData::publicStreamUrl(Category category, Environment environment, Channel channel) const
{
    if (category == Category::Spot)
        return publicStreamUrl(category, environment);
    // Since 2026-04-23 USDⓈ-M routes streams by path: depth and bookTicker only on /public; trades,
    // klines and 24hrTicker only on /market (subscribed on the wrong one, a stream stays silent).
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Important-WebSocket-Change-Notice
    const QString route =
        channel == Channel::Book ? QStringLiteral("/public/stream") : QStringLiteral("/market/stream");
    switch (environment) {
    case Environment::Mainnet:
        return QUrl(QStringLiteral("wss://fstream.binance.com") + route);
    case Environment::Testnet:
        return QUrl(QStringLiteral("wss://fstream.binancefuture.com") + route);
    case Environment::Demo:
        return QUrl(QStringLiteral("wss://demo-fstream.binance.com") + route);
    }
    return {};
}

QUrl BinanceMarketData::restBaseUrl(Environment environment) const
{
    return restBaseUrl(Category::Spot, environment);
}

QUrl BinanceMarketData::restBaseUrl(Category category, Environment environment) const
{
    const bool spot = category == Category::Spot;
    switch (environment) {
    case Environment::Mainnet:
        return QUrl(spot ? QStringLiteral("https://api.binance.com")
                         : QStringLiteral("https://fapi.binance.com"));
    case Environment::Testnet:
        return QUrl(spot ? QStringLiteral("https://testnet.binance.vision")
                         : QStringLiteral("https://testnet.binancefuture.com"));
    case Environment::Demo:
        return QUrl(spot ? QStringLiteral("https://demo-api.binance.com")
                         : QStringLiteral("https://demo-fapi.binance.com"));
    }
    return {};
}

const StreamProtocol& BinanceMarketData::streamProtocol() const
{
    return m_protocol;
}

QString BinanceMarketData::intervalCode(CandleInterval interval)
{
    switch (interval) {
    case CandleInterval::OneMinute:
        return QStringLiteral("1m");
    case CandleInterval::FiveMinutes:
        return QStringLiteral("5m");
    case CandleInterval::FifteenMinutes:
        return QStringLiteral("15m");
    case CandleInterval::OneHour:
        return QStringLiteral("1h");
    case CandleInterval::FourHours:
        return QStringLiteral("4h");
    case CandleInterval::OneDay:
        return QStringLiteral("1d");
    }
    return {};
}

std::optional<CandleInterval> BinanceMarketData::intervalFromCode(std::string_view code)
{
    for (CandleInterval i :
         {CandleInterval::OneMinute, CandleInterval::FiveMinutes, CandleInterval::FifteenMinutes,
          CandleInterval::OneHour, CandleInterval::FourHours, CandleInterval::OneDay}) {
        if (intervalCode(i).toLatin1() == QByteArrayView(code.data(), static_cast<qsizetype>(code.size())))
            return i;
    }
    return std::nullopt;
}

QString BinanceMarketData::topic(Category category, const ChannelRequest& request) const
{
    const QString s = request.symbol.toLower(); // stream names are lowercase
    const bool spot = category == Category::Spot;
    switch (request.channel) {
    case Channel::Ticker:
        return s + QStringLiteral("@ticker");
    case Channel::Book:
        return s + QStringLiteral("@depth@100ms");
    case Channel::Trades:
        return s + (spot ? QStringLiteral("@trade") : QStringLiteral("@aggTrade"));
    case Channel::Candles:
        return s + QStringLiteral("@kline_") + intervalCode(request.interval);
    }
    return {};
}

QStringList BinanceMarketData::extraTopics(Category category, const ChannelRequest& request) const
{
    // USDⓈ-M streams the mark and index price, funding rate and next funding time apart from the
    // ticker, on /market as the ticker (Important WebSocket Change Notice); open interest has no stream
    // (REST /fapi/v1/openInterest only). Spot has none of these.
    if (category == Category::Spot || request.channel != Channel::Ticker)
        return {};
    return {request.symbol.toLower() + QStringLiteral("@markPrice@1s")};
}

std::chrono::milliseconds BinanceMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
        // @depth@100ms pushes only when something changed; any listed market changes within seconds.
        return std::chrono::seconds(10);
    case Channel::Ticker:
        return std::chrono::seconds(20); // 24hrTicker every 1 s; bookTicker on every change
    case Channel::Candles:
        return std::chrono::seconds(20); // kline pushes every 1–2 s
    case Channel::Trades:
        return std::chrono::milliseconds(0); // a quiet market has no trades
    }
    return std::chrono::milliseconds(0);
}

ParseResult BinanceMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded copy.
    auto& padded = m_scratch->padded;
    const std::size_t len = static_cast<std::size_t>(frame.size());
    if (padded.size() < len + simdjson::SIMDJSON_PADDING)
        padded.resize(len + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), frame.data(), len);
    return FrameParser{*this, *m_scratch, sink, category, {}}.run(padded.data(), len, padded.size());
}

void BinanceMarketData::reset()
{
    m_books.clear();
}

void BinanceMarketData::reset(Category category)
{
    std::erase_if(m_books, [category](const auto& b) { return b->category == category; });
}

BinanceMarketData::BookSync& BinanceMarketData::sync(Category category, std::string_view symbol)
{
    for (const auto& b : m_books) {
        if (b->category == category && b->symbol == symbol)
            return *b;
    }
    auto b = std::make_unique<BookSync>();
    b->category = category;
    b->symbol = std::string(symbol);
    m_books.push_back(std::move(b));
    return *m_books.back();
}

const BinanceMarketData::BookSync* BinanceMarketData::findSync(Category category,
                                                               std::string_view symbol) const
{
    for (const auto& b : m_books) {
        if (b->category == category && b->symbol == symbol)
            return b.get();
    }
    return nullptr;
}

std::size_t BinanceMarketData::bufferedDiffs(Category category, std::string_view symbol) const
{
    const BookSync* b = findSync(category, symbol);
    return b ? b->buffer.size() : 0;
}

ResyncPlan BinanceMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    Q_UNUSED(depth); // the diff stream carries every level: the snapshot must be deep, not just the view
    ResyncPlan plan;
    RestRequest r;
    r.path = category == Category::Spot ? QStringLiteral("/api/v3/depth") : QStringLiteral("/fapi/v1/depth");
    r.query = {{QStringLiteral("symbol"), symbol.toUpper()},
               {QStringLiteral("limit"), QString::number(SnapshotDepth)}};
    plan.snapshot = r;
    return plan;
}

void BinanceMarketData::restartBook(Category category, const QString& symbol)
{
    BookSync& book = sync(category, symbol.toStdString());
    if (book.synced) {
        book.synced = false;
        book.firstPending = false;
        book.buffer.clear();
    }
}

bool BinanceMarketData::emitDiff(BookSync& book, const Diff& diff, MarketEventSink& sink)
{
    const bool spot = book.category == Category::Spot;
    BookUpdate update;
    update.symbol = book.symbol;
    update.levels.bids = diff.bids;
    update.levels.asks = diff.asks;
    update.levels.rule = OrderBook::SequenceRule::Chained;
    update.levels.sequence = diff.last;
    update.levels.timestampMs = diff.timestampMs;
    update.levels.previousSequence = diff.previous;
    if (book.firstPending) {
        const std::int64_t id = book.snapshotId;
        // What the snapshot already holds: spot drops u ≤ lastUpdateId, futures u < lastUpdateId.
        if (spot ? diff.last <= id : diff.last < id)
            return true;
        // Spot: U ≤ lastUpdateId + 1 ≤ u. Futures: U ≤ lastUpdateId ≤ u, or pu = lastUpdateId.
        const bool brackets = spot ? diff.first <= id + 1 : (diff.first <= id || diff.previous == id);
        if (!brackets) {
            // Events were lost between the snapshot and this diff. Handing it over unchained (its
            // previous id ≠ the snapshot's) makes the book report the gap; it is buffered again.
            book.synced = false;
            book.firstPending = false;
            sink.onBook(update);
            return false;
        }
        update.levels.previousSequence = id; // chains onto the snapshot
        book.firstPending = false;
    } else if (!previousFollows(book.category, book.lastId, diff.first, diff.previous)) {
        // Lost events: the book sees the same break in previousSequence and goes resyncing.
        book.synced = false;
        sink.onBook(update);
        return false;
    }
    book.lastId = diff.last;
    sink.onBook(update); // the book checks previousSequence against its last u as well
    return true;
}

namespace {
bool readRestLevels(const QJsonValue& value, std::vector<BookLevel>& out)
{
    if (!value.isArray())
        return false;
    const QJsonArray levels = value.toArray();
    out.reserve(static_cast<std::size_t>(levels.size()));
    for (const QJsonValue& entry : levels) {
        const QJsonArray pair = entry.toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return false;
        const auto price = Decimal::parse(pair.at(0).toString());
        const auto size = Decimal::parse(pair.at(1).toString());
        if (!price || !size)
            return false;
        out.push_back(BookLevel{*price, *size});
    }
    return true;
}
} // namespace

SnapshotResult BinanceMarketData::applySnapshot(Category category, const QString& symbol,
                                                const QJsonDocument& reply, MarketEventSink& sink)
{
    using Kind = SnapshotResult::Kind;
    // {"lastUpdateId":…,"bids":[["price","qty"],…],"asks":[…]} (futures adds E and T).
    const QJsonObject o = reply.object();
    const QJsonValue idValue = o.value(QLatin1String("lastUpdateId"));
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    if (!idValue.isDouble() || idValue.toInteger(-1) < 0)
        return {Kind::Malformed, QStringLiteral("depth snapshot has no lastUpdateId")};
    if (!readRestLevels(o.value(QLatin1String("bids")), bids) ||
        !readRestLevels(o.value(QLatin1String("asks")), asks))
        return {Kind::Malformed, QStringLiteral("depth snapshot bids/asks are not [price, qty] pairs")};
    const std::int64_t id = idValue.toInteger();
    const bool spot = category == Category::Spot;

    BookSync& book = sync(category, symbol.toStdString());
    if (book.synced)
        return {Kind::Applied, {}}; // a late answer to a request another snapshot already served

    // Check the buffered diffs chain onto the snapshot before showing anything: the first kept one
    // must bracket its id, every later one follow its predecessor.
    std::int64_t previousLast = 0;
    bool first = true;
    for (std::size_t i = 0; i < book.buffer.size(); ++i) {
        const BufferedDiff& d = book.buffer[i];
        if (spot ? d.last <= id : d.last < id)
            continue;
        const bool follows = first ? (spot ? d.first <= id + 1 : (d.first <= id || d.previous == id))
                                   : previousFollows(category, previousLast, d.first, d.previous);
        if (!follows) {
            // Too old for the diffs we hold, or they break off after it: what precedes the break is
            // of no use to any snapshot.
            if (!first)
                book.buffer.erase(book.buffer.begin(), book.buffer.begin() + static_cast<std::ptrdiff_t>(i));
            return {Kind::Outdated,
                    first ? QStringLiteral("snapshot %1 is older than the buffered diffs").arg(id)
                          : QStringLiteral("buffered diffs break off after snapshot %1").arg(id)};
        }
        previousLast = d.last;
        first = false;
    }

    std::deque<BufferedDiff> pending;
    pending.swap(book.buffer);
    book.synced = true;
    book.firstPending = true;
    book.snapshotId = id;

    BookUpdate update;
    update.symbol = book.symbol;
    update.isSnapshot = true;
    update.levels.bids = bids;
    update.levels.asks = asks;
    update.levels.sequence = id;
    update.levels.timestampMs = o.value(QLatin1String("T")).toInteger(0);
    sink.onBook(update);

    while (!pending.empty() && book.synced) {
        const BufferedDiff& d = pending.front();
        Diff diff{d.first, d.last, d.previous, d.timestampMs, d.bids, d.asks};
        emitDiff(book, diff, sink);
        pending.pop_front();
    }
    // The sink found the book inconsistent meanwhile (a crossed book) and restarted it: the diffs not
    // yet applied wait for the next snapshot.
    for (BufferedDiff& d : pending)
        book.buffer.push_back(std::move(d));
    return {Kind::Applied, {}};
}
