#include "bitflyermarketdata.h"

#include "exchanges/core/jsonfields.h"
#include "exchanges/core/tradecandles.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

namespace od = simdjson::ondemand;

namespace {

// One product's book as the adapter sees it, kept to find the stale levels a diff's mid_price rules
// out (bitFlyer's diffs never delete them). Prices only matter; best first.
struct ShadowBook
{
    std::vector<Decimal> bids; // descending
    std::vector<Decimal> asks; // ascending
};

} // namespace

// Reused across frames so the hot path does not allocate once warmed up.
struct BitflyerMarketData::Scratch
{
    od::parser parser;
    std::vector<char> padded;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    std::vector<Trade> trades;
    std::string topic;   // ParseResult::topic views it
    std::string channel; // an owned copy when "message" precedes "channel" and is read in a second pass
    std::unordered_map<std::string, ShadowBook> shadows;
    // Product code → candles being built; an entry exists once a chart asked for that interval.
    TradeCandles candles;
};

namespace {

using jsonfields::NumberForm;
using jsonfields::rawStringField;
using jsonfields::readNumberDecimal;
using jsonfields::readOptionalDecimal;
using jsonfields::toQString;

constexpr std::string_view kSnapshotPrefix = "lightning_board_snapshot_";
constexpr std::string_view kBoardPrefix = "lightning_board_";
constexpr std::string_view kTickerPrefix = "lightning_ticker_";
constexpr std::string_view kExecutionsPrefix = "lightning_executions_";

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

// bitFlyer sends prices and sizes as JSON numbers (580006.0, 0.01, 1E-05): each read from its own text.
// [{"price":…,"size":…}, …]; price 0 entries are market orders during an itayose auction: skipped.
bool readLevels(od::value value, std::vector<BookLevel>& out)
{
    const std::size_t from = out.size();
    if (!jsonfields::readPriceSizeObjects(value, NumberForm::Number, out))
        return false;
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(),
                             [](const BookLevel& l) { return l.price.isZero(); }),
              out.end());
    return true;
}

// Keeps a side sorted best first (descending for bids); size 0 deletes.
void applyShadowLevel(std::vector<Decimal>& side, bool descending, const BookLevel& level)
{
    const auto better = [descending](const Decimal& a, const Decimal& b) {
        const int c = Decimal::compare(a, b);
        return descending ? c > 0 : c < 0;
    };
    auto it = std::lower_bound(side.begin(), side.end(), level.price, better);
    const bool same = it != side.end() && *it == level.price;
    if (level.size.isZero()) {
        if (same)
            side.erase(it);
    } else if (!same) {
        side.insert(it, level.price);
    }
}

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out)
{
    if (pos + count > text.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + (c - '0');
    }
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

} // namespace

std::optional<std::int64_t> BitflyerMarketData::parseTimeMs(std::string_view text)
{
    // 2015-07-08T02:43:34.823Z (the fraction has 0 to 7 digits; the Z is sometimes left out)
    int y, mo, d, h, mi, s;
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
        text[13] != ':' || text[16] != ':')
        return std::nullopt;
    if (!digits(text, 0, 4, y) || !digits(text, 5, 2, mo) || !digits(text, 8, 2, d) ||
        !digits(text, 11, 2, h) || !digits(text, 14, 2, mi) || !digits(text, 17, 2, s))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    std::int64_t ms = 0;
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int scale = 100;
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ms += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    if (pos < text.size() && text[pos] == 'Z')
        ++pos;
    if (pos != text.size())
        return std::nullopt;
    return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60'000 + s * 1000 + ms;
}

// One frame's parse.
struct BitflyerMarketData::FrameParser
{
    Scratch& scratch;
    MarketEventSink& sink;

    std::string_view channel;
    std::string_view product;

    void setChannel(std::string_view ch)
    {
        channel = ch;
        product = {};
        if (startsWith(ch, kSnapshotPrefix)) {
            product = ch.substr(kSnapshotPrefix.size());
            scratch.topic.assign(kBoardPrefix);
            scratch.topic.append(product);
            return;
        }
        if (startsWith(ch, kBoardPrefix))
            product = ch.substr(kBoardPrefix.size());
        else if (startsWith(ch, kTickerPrefix))
            product = ch.substr(kTickerPrefix.size());
        else if (startsWith(ch, kExecutionsPrefix))
            product = ch.substr(kExecutionsPrefix.size());
        scratch.topic.assign(ch);
    }

    bool isBook() const { return startsWith(channel, kBoardPrefix); }

    ParseResult malformed(const QString& why) const
    {
        ParseResult r;
        r.kind = ParseResult::Kind::Malformed;
        r.topic = scratch.topic;
        r.error = why;
        if (isBook() && !product.empty()) {
            // A book frame we could not read may have carried a change we now miss: rebuild that book,
            // and apply no diff until a new snapshot.
            r.resyncSymbol = product;
            scratch.shadows.erase(std::string(product));
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
        od::document doc;
        od::object root;
        if (scratch.parser.iterate(data, len, capacity).get(doc) || doc.get_object().get(root)) {
            // Name the book if the text still shows it, so a broken book frame still resyncs it.
            setChannel(rawStringField(std::string_view(data, len), "channel"));
            return malformed(QStringLiteral("not a JSON object"));
        }

        std::string_view method;
        bool isReply = false;
        bool accepted = false;
        std::string_view errorMessage;
        std::int64_t errorCode = 0;
        bool haveError = false;
        bool deferred = false;
        bool handled = false;
        ParseResult out;

        for (auto fieldResult : root) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(QStringLiteral("truncated or invalid JSON"));
            const od::raw_json_string key = field.key();
            od::value value = field.value();
            if (key == "method") {
                if (value.get_string().get(method))
                    return malformed(QStringLiteral("method is not a string"));
            } else if (key == "params") {
                od::object params;
                if (value.get_object().get(params))
                    return malformed(QStringLiteral("params is not an object"));
                for (auto paramResult : params) {
                    od::field p;
                    if (std::move(paramResult).get(p))
                        return malformed(QStringLiteral("truncated params"));
                    const od::raw_json_string k = p.key();
                    if (k == "channel") {
                        std::string_view ch;
                        if (p.value().get_string().get(ch))
                            return malformed(QStringLiteral("channel is not a string"));
                        setChannel(ch);
                    } else if (k == "message") {
                        if (channel.empty()) {
                            deferred = true;
                            continue;
                        }
                        out = parseMessage(p.value());
                        handled = true;
                        if (out.kind == ParseResult::Kind::Malformed)
                            return out;
                    }
                }
            } else if (key == "result") {
                isReply = true;
                if (value.get_bool().get(accepted))
                    accepted = true; // a non-boolean result is still a success reply
            } else if (key == "error") {
                haveError = true;
                od::object error;
                if (value.get_object().get(error))
                    return malformed(QStringLiteral("error is not an object"));
                for (auto errorField : error) {
                    od::field f;
                    if (std::move(errorField).get(f))
                        return malformed(QStringLiteral("truncated error"));
                    const od::raw_json_string k = f.key();
                    if (k == "code") {
                        if (f.value().get_int64().get(errorCode))
                            return malformed(QStringLiteral("error code is not an integer"));
                    } else if (k == "message") {
                        if (f.value().get_string().get(errorMessage))
                            return malformed(QStringLiteral("error message is not a string"));
                    }
                }
            }
        }

        if (deferred) {
            if (channel.empty())
                return malformed(QStringLiteral("channelMessage without params.channel"));
            scratch.channel.assign(channel);
            setChannel(scratch.channel);
            od::value params;
            od::value message;
            if (doc.rewind(); doc.get_object().get(root) || root.find_field_unordered("params").get(params) ||
                              params.find_field_unordered("message").get(message))
                return malformed(QStringLiteral("message unreadable"));
            out = parseMessage(message);
            handled = true;
        }
        if (handled)
            return out;
        if (haveError) {
            ParseResult r = result(ParseResult::Kind::Rejected);
            r.error = QStringLiteral("bitFlyer error %1: %2").arg(errorCode).arg(toQString(errorMessage));
            return r;
        }
        if (isReply) {
            if (accepted)
                return result(ParseResult::Kind::Control);
            ParseResult r = result(ParseResult::Kind::Rejected);
            r.error = QStringLiteral("bitFlyer refused a request (result false)");
            return r;
        }
        if (method == "channelMessage")
            return malformed(QStringLiteral("channelMessage without params.message"));
        return result(ParseResult::Kind::Ignored);
    }

    ParseResult parseMessage(od::value message)
    {
        if (product.empty())
            return result(ParseResult::Kind::Ignored); // a private channel, or one we never subscribe
        if (startsWith(channel, kSnapshotPrefix))
            return parseBoard(message, true);
        if (startsWith(channel, kBoardPrefix))
            return parseBoard(message, false);
        if (startsWith(channel, kTickerPrefix))
            return parseTicker(message);
        return parseExecutions(message);
    }

    ParseResult parseBoard(od::value message, bool snapshot)
    {
        od::object obj;
        if (message.get_object().get(obj))
            return malformed(QStringLiteral("board message is not an object"));
        scratch.bids.clear();
        scratch.asks.clear();
        std::optional<Decimal> mid;
        bool haveBids = false;
        bool haveAsks = false;
        for (auto fieldResult : obj) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(QStringLiteral("truncated board message"));
            const od::raw_json_string key = field.key();
            if (key == "bids") {
                if (!readLevels(field.value(), scratch.bids))
                    return malformed(QStringLiteral("bad bid levels"));
                haveBids = true;
            } else if (key == "asks") {
                if (!readLevels(field.value(), scratch.asks))
                    return malformed(QStringLiteral("bad ask levels"));
                haveAsks = true;
            } else if (key == "mid_price") {
                if (!readOptionalDecimal(field.value(), NumberForm::Number, mid))
                    return malformed(QStringLiteral("mid_price is not a number"));
            }
        }
        if (!haveBids || !haveAsks)
            return malformed(QStringLiteral("board message lacks bids or asks"));
        for (const BookLevel& l : scratch.bids) {
            if (l.size.isNegative())
                return malformed(QStringLiteral("negative size"));
        }
        for (const BookLevel& l : scratch.asks) {
            if (l.size.isNegative())
                return malformed(QStringLiteral("negative size"));
        }

        const std::string key(product);
        ShadowBook* shadow = nullptr;
        if (snapshot) {
            // The authoritative full book: it replaces whatever was built before.
            shadow = &scratch.shadows[key];
            shadow->bids.clear();
            shadow->asks.clear();
        } else {
            const auto it = scratch.shadows.find(key);
            if (it == scratch.shadows.end())
                return result(ParseResult::Kind::Ignored); // no snapshot yet: nothing to apply to
            shadow = &it->second;
        }
        for (const BookLevel& l : scratch.bids)
            applyShadowLevel(shadow->bids, true, l);
        for (const BookLevel& l : scratch.asks)
            applyShadowLevel(shadow->asks, false, l);
        if (!snapshot && mid && *mid > Decimal()) {
            // Levels a diff left on the wrong side of its mid price are stale: delete them.
            while (!shadow->bids.empty() && shadow->bids.front() > *mid) {
                scratch.bids.push_back(BookLevel{shadow->bids.front(), Decimal()});
                shadow->bids.erase(shadow->bids.begin());
            }
            while (!shadow->asks.empty() && shadow->asks.front() <= *mid) {
                scratch.asks.push_back(BookLevel{shadow->asks.front(), Decimal()});
                shadow->asks.erase(shadow->asks.begin());
            }
        }

        BookUpdate update;
        update.symbol = product;
        update.isSnapshot = snapshot;
        update.levels.bids = scratch.bids;
        update.levels.asks = scratch.asks;
        update.levels.rule = OrderBook::SequenceRule::None;
        sink.onBook(update);
        return result(ParseResult::Kind::Data);
    }

    ParseResult parseTicker(od::value message)
    {
        od::object obj;
        if (message.get_object().get(obj))
            return malformed(QStringLiteral("ticker is not an object"));
        Ticker t;
        for (auto fieldResult : obj) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(QStringLiteral("truncated ticker"));
            const od::raw_json_string key = field.key();
            od::value value = field.value();
            std::optional<Decimal>* target = nullptr;
            if (key == "product_code") {
                std::string_view s;
                if (value.get_string().get(s))
                    return malformed(QStringLiteral("product_code is not a string"));
                t.symbol = toQString(s);
                continue;
            }
            if (key == "timestamp") {
                std::string_view s;
                std::optional<std::int64_t> ms;
                if (value.get_string().get(s) || !(ms = BitflyerMarketData::parseTimeMs(s)))
                    return malformed(QStringLiteral("ticker timestamp is not a time"));
                t.timestampMs = *ms;
                continue;
            }
            if (key == "ltp")
                target = &t.lastPrice;
            else if (key == "best_bid")
                target = &t.bidPrice;
            else if (key == "best_bid_size")
                target = &t.bidSize;
            else if (key == "best_ask")
                target = &t.askPrice;
            else if (key == "best_ask_size")
                target = &t.askSize;
            else if (key == "volume_by_product")
                target = &t.volume24h; // this product's 24 h volume ("volume" adds up related products)
            if (target && !readOptionalDecimal(value, NumberForm::Number, *target))
                return malformed(QStringLiteral("ticker field is not a number"));
        }
        if (t.symbol.isEmpty())
            t.symbol = toQString(product);
        // bitFlyer's ticker has no 24 h high, low or open: those stay empty. Each push carries every
        // field it has: a snapshot of the ticker.
        sink.onTicker(t, true);
        return result(ParseResult::Kind::Data);
    }

    ParseResult parseExecutions(od::value message)
    {
        od::array entries;
        if (message.get_array().get(entries))
            return malformed(QStringLiteral("executions is not an array"));
        scratch.trades.clear();
        const QString symbol = toQString(product);
        for (auto entry : entries) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed(QStringLiteral("execution is not an object"));
            Trade trade;
            trade.symbol = symbol;
            bool havePrice = false;
            bool haveSize = false;
            bool haveTime = false;
            std::string_view side;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(QStringLiteral("truncated execution"));
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                if (key == "id") {
                    std::int64_t id = 0;
                    if (value.get_int64().get(id))
                        return malformed(QStringLiteral("execution id is not an integer"));
                    trade.id = QString::number(id);
                } else if (key == "price") {
                    if (!readNumberDecimal(value, trade.price))
                        return malformed(QStringLiteral("execution price is not a number"));
                    havePrice = true;
                } else if (key == "size") {
                    if (!readNumberDecimal(value, trade.size))
                        return malformed(QStringLiteral("execution size is not a number"));
                    haveSize = true;
                } else if (key == "side") {
                    if (value.get_string().get(side))
                        return malformed(QStringLiteral("execution side is not a string"));
                } else if (key == "exec_date") {
                    std::string_view s;
                    std::optional<std::int64_t> ms;
                    if (value.get_string().get(s) || !(ms = BitflyerMarketData::parseTimeMs(s)))
                        return malformed(QStringLiteral("exec_date is not a time"));
                    trade.timestampMs = *ms;
                    haveTime = true;
                }
            }
            if (!havePrice || !haveSize || !haveTime)
                return malformed(QStringLiteral("execution lacks price, size or exec_date"));
            if (side == "SELL")
                trade.takerSide = Side::Sell;
            else if (side == "BUY" || side.empty())
                trade.takerSide = Side::Buy; // an itayose (auction) match has no taker: shown as a buy
            else
                return malformed(QStringLiteral("execution side is neither BUY nor SELL"));
            scratch.trades.push_back(std::move(trade));
        }
        if (scratch.trades.empty())
            return result(ParseResult::Kind::Data);
        std::stable_sort(scratch.trades.begin(), scratch.trades.end(),
                         [](const Trade& a, const Trade& b) { return a.timestampMs < b.timestampMs; });
        sink.onTrades(scratch.trades);
        buildCandles(symbol);
        return result(ParseResult::Kind::Data);
    }

    void buildCandles(const QString& symbol)
    {
        scratch.candles.add(std::string(product), symbol, scratch.trades, sink);
    }
};

BitflyerMarketData::BitflyerMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(1024);
    m_scratch->asks.reserve(1024);
}

BitflyerMarketData::~BitflyerMarketData() = default;

QString BitflyerMarketData::venue() const
{
    return QStringLiteral("bitflyer");
}

QList<Category> BitflyerMarketData::categories() const
{
    return {Category::Spot, Category::Linear};
}

QStringList BitflyerMarketData::defaultSymbols(Category category) const
{
    if (category == Category::Linear)
        return {QStringLiteral("FX_BTC_JPY")};
    return {QStringLiteral("BTC_JPY"), QStringLiteral("ETH_JPY")};
}

QUrl BitflyerMarketData::publicStreamUrl(Category category, Environment environment) const
{
    // One endpoint for every product; bitFlyer has no testnet.
    Q_UNUSED(category);
    Q_UNUSED(environment);
    return QUrl(QStringLiteral("wss://ws.lightstream.bitflyer.com/json-rpc"));
}

QUrl BitflyerMarketData::restBaseUrl(Environment environment) const
{
    Q_UNUSED(environment);
    return QUrl(QStringLiteral("https://api.bitflyer.com"));
}

const StreamProtocol& BitflyerMarketData::streamProtocol() const
{
    return m_protocol;
}

QString BitflyerMarketData::topic(Category category, const ChannelRequest& request) const
{
    Q_UNUSED(category); // product codes are unique across markets
    switch (request.channel) {
    case Channel::Ticker:
        return QLatin1String(kTickerPrefix.data(), kTickerPrefix.size()) + request.symbol;
    case Channel::Book:
        // Both board channels (see BitflyerStreamProtocol); bitFlyer's board has no depth parameter.
        return QLatin1String(kBoardPrefix.data(), kBoardPrefix.size()) + request.symbol;
    case Channel::Trades:
        return QLatin1String(kExecutionsPrefix.data(), kExecutionsPrefix.size()) + request.symbol;
    case Channel::Candles: {
        // No candle channel: candles come from the executions channel.
        m_scratch->candles.want(request.symbol.toStdString(), request.interval);
        return QLatin1String(kExecutionsPrefix.data(), kExecutionsPrefix.size()) + request.symbol;
    }
    }
    return {};
}

std::chrono::milliseconds BitflyerMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
        // Diffs flow many times a second and snapshots keep coming even in a quiet market.
        return std::chrono::seconds(30);
    case Channel::Ticker:
        return std::chrono::seconds(30);
    case Channel::Trades:
    case Channel::Candles:
        return std::chrono::milliseconds(0); // a quiet market has no executions
    }
    return std::chrono::milliseconds(0);
}

ResyncPlan BitflyerMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    // Subscribing the snapshot channel again brings a fresh full book.
    ChannelRequest request;
    request.channel = Channel::Book;
    request.symbol = symbol;
    request.depth = depth;
    return ResyncPlan{{topic(category, request)}};
}

void BitflyerMarketData::reset()
{
    // A new connection: no diff applies until that connection's first snapshot.
    m_scratch->shadows.clear();
}

ParseResult BitflyerMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
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
