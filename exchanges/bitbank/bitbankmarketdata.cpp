#include "bitbankmarketdata.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>

namespace od = simdjson::ondemand;

namespace {

constexpr std::string_view kWholePrefix = "depth_whole_";
constexpr std::string_view kDiffPrefix = "depth_diff_";
constexpr std::string_view kTickerPrefix = "ticker_";
constexpr std::string_view kTransactionsPrefix = "transactions_";

struct BufferedDiff
{
    std::int64_t sequence = 0;
    std::int64_t timestampMs = 0;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
};

// One pair's merge state (public-stream.md, "How to manage a local order book correctly").
struct PairBook
{
    bool haveWhole = false;
    bool synced = false;             // diffs go straight to the book
    std::int64_t wholeSequence = 0;  // sequenceId of the last whole applied
    std::int64_t lastApplied = 0;    // s of the last diff applied (or the whole's sequenceId)
    std::int64_t droppedUpTo = -1;   // s of the newest diff dropped from a full buffer
    std::deque<BufferedDiff> buffer; // ascending s, all above wholeSequence
};

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

std::string_view trimmed(std::string_view raw)
{
    while (!raw.empty() &&
           (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
        raw.remove_suffix(1);
    return raw;
}

// bitbank sends prices and amounts as decimal strings; a JSON number is read from its own text too.
bool readDecimal(od::value value, Decimal& out)
{
    od::json_type type;
    if (value.type().get(type))
        return false;
    std::string_view text;
    if (type == od::json_type::string) {
        if (value.get_string().get(text))
            return false;
    } else if (type == od::json_type::number) {
        text = trimmed(value.raw_json_token());
    } else {
        return false;
    }
    const auto d = Decimal::parse(text);
    if (!d)
        return false;
    out = *d;
    return true;
}

bool readOptionalDecimal(od::value value, std::optional<Decimal>& out)
{
    od::json_type type;
    if (value.type().get(type))
        return false;
    if (type == od::json_type::null) {
        out.reset();
        return true;
    }
    Decimal d;
    if (!readDecimal(value, d))
        return false;
    out = d;
    return true;
}

// sequenceId / s: documented as a number in one place and sent as a string in the samples; both read.
bool readInteger(od::value value, std::int64_t& out)
{
    od::json_type type;
    if (value.type().get(type))
        return false;
    if (type == od::json_type::number)
        return !value.get_int64().get(out);
    if (type != od::json_type::string)
        return false;
    std::string_view text;
    if (value.get_string().get(text) || text.empty())
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

// [[price, amount], …]
bool readLevels(od::value value, std::vector<BookLevel>& out)
{
    od::array levels;
    if (value.get_array().get(levels))
        return false;
    for (auto entry : levels) {
        od::array pair;
        if (entry.get_array().get(pair))
            return false;
        BookLevel level;
        int index = 0;
        for (auto item : pair) {
            od::value v;
            if (std::move(item).get(v))
                return false;
            if (index == 0 && !readDecimal(v, level.price))
                return false;
            if (index == 1 && !readDecimal(v, level.size))
                return false;
            ++index;
        }
        if (index != 2 || level.size.isNegative() || !(level.price > Decimal()))
            return false;
        out.push_back(level);
    }
    return true;
}

} // namespace

struct BitbankMarketData::Scratch
{
    od::parser parser;
    std::vector<char> padded;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    std::vector<Trade> trades;
    std::string topic; // ParseResult::topic views it
    std::string pair;  // BookUpdate::symbol and ParseResult::resyncSymbol view it
    std::unordered_map<std::string, PairBook> books;
};

struct BitbankMarketData::FrameParser
{
    Scratch& scratch;
    MarketEventSink& sink;
    bool bookRoom = false;

    ParseResult result(ParseResult::Kind kind) const
    {
        ParseResult r;
        r.kind = kind;
        r.topic = scratch.topic;
        return r;
    }

    ParseResult malformed(const QString& why) const
    {
        ParseResult r = result(ParseResult::Kind::Malformed);
        r.error = why;
        if (bookRoom && !scratch.pair.empty()) {
            // A book frame we could not read may have carried a change: no diff applies until a whole.
            r.resyncSymbol = scratch.pair;
            const auto it = scratch.books.find(scratch.pair);
            if (it != scratch.books.end())
                it->second.synced = false;
        }
        return r;
    }

    void setRoom(std::string_view room)
    {
        bookRoom = false;
        scratch.pair.clear();
        scratch.topic.assign(room);
        if (startsWith(room, kWholePrefix) || startsWith(room, kDiffPrefix)) {
            bookRoom = true;
            scratch.pair.assign(
                room.substr(startsWith(room, kWholePrefix) ? kWholePrefix.size() : kDiffPrefix.size()));
            scratch.topic.assign(kWholePrefix);
            scratch.topic.append(scratch.pair);
        } else if (startsWith(room, kTickerPrefix)) {
            scratch.pair.assign(room.substr(kTickerPrefix.size()));
        } else if (startsWith(room, kTransactionsPrefix)) {
            scratch.pair.assign(room.substr(kTransactionsPrefix.size()));
        }
    }

    // The Socket.IO event array: ["message", {"room_name":…, "message":{"data":{…}}}]
    ParseResult runEvent(const char* data, std::size_t len, std::size_t capacity)
    {
        scratch.topic.clear();
        scratch.pair.clear();
        od::document doc;
        od::array event;
        if (scratch.parser.iterate(data, len, capacity).get(doc) || doc.get_array().get(event))
            return malformed(QStringLiteral("event is not a JSON array"));
        int index = 0;
        for (auto item : event) {
            od::value v;
            if (std::move(item).get(v))
                return malformed(QStringLiteral("truncated or invalid JSON"));
            if (index == 0) {
                std::string_view name;
                if (v.get_string().get(name))
                    return malformed(QStringLiteral("event name is not a string"));
                if (name != "message")
                    return result(ParseResult::Kind::Ignored);
            } else if (index == 1) {
                return parseMessage(v);
            }
            ++index;
        }
        return malformed(QStringLiteral("message event without a payload"));
    }

    ParseResult parseMessage(od::value payload)
    {
        od::object obj;
        if (payload.get_object().get(obj))
            return malformed(QStringLiteral("message payload is not an object"));
        std::string_view room;
        if (obj.find_field_unordered("room_name").get_string().get(room))
            return malformed(QStringLiteral("message without room_name"));
        setRoom(room);
        od::object data;
        if (obj.find_field_unordered("message").find_field_unordered("data").get_object().get(data))
            return malformed(QStringLiteral("message without data"));
        if (scratch.pair.empty())
            return result(ParseResult::Kind::Ignored); // circuit_break_info_ and rooms we never join
        if (startsWith(room, kWholePrefix))
            return parseWhole(data);
        if (startsWith(room, kDiffPrefix))
            return parseDiff(data);
        if (startsWith(room, kTickerPrefix))
            return parseTicker(data);
        return parseTransactions(data);
    }

    void emitDelta(PairBook& book, const BufferedDiff& diff)
    {
        BookUpdate update;
        update.symbol = scratch.pair;
        update.levels.bids = diff.bids;
        update.levels.asks = diff.asks;
        update.levels.rule = OrderBook::SequenceRule::Increasing;
        update.levels.previousSequence = book.lastApplied;
        update.levels.sequence = diff.sequence;
        update.levels.timestampMs = diff.timestampMs;
        book.lastApplied = diff.sequence;
        sink.onBook(update);
    }

    ParseResult parseDiff(od::object data)
    {
        BufferedDiff diff;
        bool haveSequence = false;
        bool haveAsks = false;
        bool haveBids = false;
        for (auto fieldResult : data) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(QStringLiteral("truncated depth_diff"));
            const od::raw_json_string key = field.key();
            if (key == "a") {
                if (!readLevels(field.value(), diff.asks))
                    return malformed(QStringLiteral("bad ask levels"));
                haveAsks = true;
            } else if (key == "b") {
                if (!readLevels(field.value(), diff.bids))
                    return malformed(QStringLiteral("bad bid levels"));
                haveBids = true;
            } else if (key == "s") {
                if (!readInteger(field.value(), diff.sequence))
                    return malformed(QStringLiteral("s is not a sequence number"));
                haveSequence = true;
            } else if (key == "t") {
                if (field.value().get_int64().get(diff.timestampMs))
                    return malformed(QStringLiteral("t is not a time"));
            }
        }
        if (!haveSequence || !haveAsks || !haveBids)
            return malformed(QStringLiteral("depth_diff lacks a, b or s"));

        PairBook& book = scratch.books[scratch.pair];
        if (book.haveWhole && diff.sequence <= book.wholeSequence)
            return result(ParseResult::Kind::Ignored); // the whole already holds it
        // Buffered in ascending s for the next whole's replay; a repeated s is a duplicate.
        const auto at =
            std::lower_bound(book.buffer.begin(), book.buffer.end(), diff.sequence,
                             [](const BufferedDiff& d, std::int64_t s) { return d.sequence < s; });
        if (at != book.buffer.end() && at->sequence == diff.sequence)
            return result(ParseResult::Kind::Ignored);
        const BufferedDiff& stored = *book.buffer.insert(at, std::move(diff));
        const std::int64_t sequence = stored.sequence;
        if (book.synced && sequence > book.lastApplied)
            emitDelta(book, stored);
        while (book.buffer.size() > MaxBufferedDiffs) {
            book.droppedUpTo = book.buffer.front().sequence;
            book.buffer.pop_front();
        }
        // An out-of-order diff (s at or below the last applied) waits for the next whole's replay.
        return result(ParseResult::Kind::Data);
    }

    ParseResult parseWhole(od::object data)
    {
        scratch.bids.clear();
        scratch.asks.clear();
        std::int64_t sequence = 0;
        std::int64_t timestampMs = 0;
        bool haveSequence = false;
        bool haveAsks = false;
        bool haveBids = false;
        for (auto fieldResult : data) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(QStringLiteral("truncated depth_whole"));
            const od::raw_json_string key = field.key();
            if (key == "asks") {
                if (!readLevels(field.value(), scratch.asks))
                    return malformed(QStringLiteral("bad ask levels"));
                haveAsks = true;
            } else if (key == "bids") {
                if (!readLevels(field.value(), scratch.bids))
                    return malformed(QStringLiteral("bad bid levels"));
                haveBids = true;
            } else if (key == "sequenceId") {
                if (!readInteger(field.value(), sequence))
                    return malformed(QStringLiteral("sequenceId is not a sequence number"));
                haveSequence = true;
            } else if (key == "timestamp") {
                if (field.value().get_int64().get(timestampMs))
                    return malformed(QStringLiteral("timestamp is not a time"));
            }
        }
        if (!haveSequence || !haveAsks || !haveBids)
            return malformed(QStringLiteral("depth_whole lacks asks, bids or sequenceId"));
        for (const BookLevel& l : scratch.asks) {
            if (l.size.isZero())
                return malformed(QStringLiteral("a whole holds an empty level"));
        }
        for (const BookLevel& l : scratch.bids) {
            if (l.size.isZero())
                return malformed(QStringLiteral("a whole holds an empty level"));
        }

        PairBook& book = scratch.books[scratch.pair];
        if (book.haveWhole && sequence < book.wholeSequence)
            return result(ParseResult::Kind::Ignored); // a late whole: the next one will do
        if (book.droppedUpTo >= sequence)
            return result(ParseResult::Kind::Ignored); // diffs it needs are gone; wait for a newer whole

        while (!book.buffer.empty() && book.buffer.front().sequence <= sequence)
            book.buffer.pop_front();
        book.haveWhole = true;
        book.synced = true;
        book.wholeSequence = sequence;
        book.lastApplied = sequence;

        BookUpdate update;
        update.symbol = scratch.pair;
        update.isSnapshot = true;
        update.levels.bids = scratch.bids;
        update.levels.asks = scratch.asks;
        update.levels.sequence = sequence;
        update.levels.timestampMs = timestampMs;
        sink.onBook(update);
        for (const BufferedDiff& diff : book.buffer) {
            if (!book.synced)
                break; // the sink restarted the book (the replay left it crossed)
            emitDelta(book, diff);
        }
        return result(ParseResult::Kind::Data);
    }

    ParseResult parseTicker(od::object data)
    {
        Ticker t;
        t.symbol = toQString(scratch.pair);
        for (auto fieldResult : data) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(QStringLiteral("truncated ticker"));
            const od::raw_json_string key = field.key();
            od::value value = field.value();
            if (key == "timestamp") {
                if (value.get_int64().get(t.timestampMs))
                    return malformed(QStringLiteral("ticker timestamp is not a time"));
                continue;
            }
            std::optional<Decimal>* target = nullptr;
            if (key == "sell")
                target = &t.askPrice;
            else if (key == "buy")
                target = &t.bidPrice;
            else if (key == "high")
                target = &t.highPrice24h;
            else if (key == "low")
                target = &t.lowPrice24h;
            else if (key == "last")
                target = &t.lastPrice;
            else if (key == "vol")
                target = &t.volume24h;
            if (target && !readOptionalDecimal(value, *target))
                return malformed(QStringLiteral("ticker field is not a decimal"));
        }
        // Every push carries every field: a snapshot of the ticker. (bitbank's `open` has no Ticker field.)
        sink.onTicker(t, true);
        return result(ParseResult::Kind::Data);
    }

    ParseResult parseTransactions(od::object data)
    {
        od::array entries;
        if (data.find_field_unordered("transactions").get_array().get(entries))
            return malformed(QStringLiteral("transactions is not an array"));
        scratch.trades.clear();
        const QString symbol = toQString(scratch.pair);
        for (auto entry : entries) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed(QStringLiteral("transaction is not an object"));
            Trade trade;
            trade.symbol = symbol;
            bool havePrice = false;
            bool haveAmount = false;
            bool haveTime = false;
            std::string_view side;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(QStringLiteral("truncated transaction"));
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                if (key == "transaction_id") {
                    std::int64_t id = 0;
                    if (!readInteger(value, id))
                        return malformed(QStringLiteral("transaction_id is not an integer"));
                    trade.id = QString::number(id);
                } else if (key == "price") {
                    if (!readDecimal(value, trade.price))
                        return malformed(QStringLiteral("transaction price is not a decimal"));
                    havePrice = true;
                } else if (key == "amount") {
                    if (!readDecimal(value, trade.size))
                        return malformed(QStringLiteral("transaction amount is not a decimal"));
                    haveAmount = true;
                } else if (key == "side") {
                    if (value.get_string().get(side))
                        return malformed(QStringLiteral("transaction side is not a string"));
                } else if (key == "executed_at") {
                    if (value.get_int64().get(trade.timestampMs))
                        return malformed(QStringLiteral("executed_at is not a time"));
                    haveTime = true;
                }
            }
            if (!havePrice || !haveAmount || !haveTime)
                return malformed(QStringLiteral("transaction lacks price, amount or executed_at"));
            if (side == "buy")
                trade.takerSide = Side::Buy;
            else if (side == "sell")
                trade.takerSide = Side::Sell;
            else
                return malformed(QStringLiteral("transaction side is neither buy nor sell"));
            scratch.trades.push_back(std::move(trade));
        }
        // bitbank lists the newest first: the sink wants the oldest first.
        std::stable_sort(scratch.trades.begin(), scratch.trades.end(),
                         [](const Trade& a, const Trade& b) { return a.timestampMs < b.timestampMs; });
        if (!scratch.trades.empty())
            sink.onTrades(scratch.trades);
        return result(ParseResult::Kind::Data);
    }
};

BitbankMarketData::BitbankMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(512);
    m_scratch->asks.reserve(512);
}

BitbankMarketData::~BitbankMarketData() = default;

QString BitbankMarketData::venue() const
{
    return QStringLiteral("bitbank");
}

QList<Category> BitbankMarketData::categories() const
{
    // Linear: the same pairs traded on margin (see BitbankTrading), those /v1/spot/pairs gives margin fees.
    return {Category::Spot, Category::Linear};
}

QStringList BitbankMarketData::defaultSymbols(Category category) const
{
    if (category == Category::Linear)
        return {QStringLiteral("btc_jpy")};
    return {QStringLiteral("btc_jpy"), QStringLiteral("eth_jpy"), QStringLiteral("xrp_jpy")};
}

QUrl BitbankMarketData::publicStreamUrl(Category category, Environment environment) const
{
    // One endpoint; bitbank has no testnet. EIO=4: Socket.IO 4 since 2022-07-26 (EIO=3 is being retired).
    Q_UNUSED(category);
    Q_UNUSED(environment);
    return QUrl(QStringLiteral("wss://stream.bitbank.cc/socket.io/?EIO=4&transport=websocket"));
}

QUrl BitbankMarketData::restBaseUrl(Environment environment) const
{
    Q_UNUSED(environment);
    return QUrl(QStringLiteral("https://api.bitbank.cc"));
}

const StreamProtocol& BitbankMarketData::streamProtocol() const
{
    return m_protocol;
}

QString BitbankMarketData::topic(Category category, const ChannelRequest& request) const
{
    Q_UNUSED(category);
    switch (request.channel) {
    case Channel::Ticker:
        return QLatin1String(kTickerPrefix.data(), kTickerPrefix.size()) + request.symbol;
    case Channel::Book:
        // Both depth rooms (see BitbankStreamProtocol); bitbank's depth has no size parameter.
        return QLatin1String(kWholePrefix.data(), kWholePrefix.size()) + request.symbol;
    case Channel::Trades:
    case Channel::Candles:
        // No candle room: the live candle is built by the store from trades, history comes over REST.
        return QLatin1String(kTransactionsPrefix.data(), kTransactionsPrefix.size()) + request.symbol;
    }
    return {};
}

std::chrono::milliseconds BitbankMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
        return std::chrono::seconds(30); // wholes keep coming even in a quiet market
    case Channel::Ticker:
    case Channel::Trades:
    case Channel::Candles:
        return std::chrono::milliseconds(0); // a quiet pair may send neither
    }
    return std::chrono::milliseconds(0);
}

ResyncPlan BitbankMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    // bitbank sends a whole periodically on its own: a resync waits for the next one (restartBook
    // stops the diffs meanwhile). Nothing to ask for.
    Q_UNUSED(category);
    Q_UNUSED(symbol);
    Q_UNUSED(depth);
    return {};
}

void BitbankMarketData::reset()
{
    // A new connection: no namespace, no book until that connection's first whole.
    m_protocol.startConnection();
    m_scratch->books.clear();
}

void BitbankMarketData::restartBook(Category category, const QString& symbol)
{
    Q_UNUSED(category);
    const auto it = m_scratch->books.find(symbol.toStdString());
    if (it != m_scratch->books.end())
        it->second.synced = false; // diffs stay buffered for the next whole
}

std::size_t BitbankMarketData::bufferedDiffs(const QString& pair) const
{
    const auto it = m_scratch->books.find(pair.toStdString());
    return it == m_scratch->books.end() ? 0 : it->second.buffer.size();
}

ParseResult BitbankMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
{
    Q_UNUSED(category);
    // Engine.IO packet type, then the Socket.IO packet type: "42" is an event.
    if (frame.startsWith("42[")) {
        auto& padded = m_scratch->padded;
        const std::size_t len = static_cast<std::size_t>(frame.size() - 2);
        if (padded.size() < len + simdjson::SIMDJSON_PADDING)
            padded.resize(len + simdjson::SIMDJSON_PADDING);
        std::memcpy(padded.data(), frame.data() + 2, len);
        return FrameParser{*m_scratch, sink}.runEvent(padded.data(), len, padded.size());
    }
    ParseResult r;
    if (frame.startsWith('0') || frame == "2" || frame == "3" || frame == "6" || frame == "40" ||
        frame.startsWith("40{")) {
        r.kind = ParseResult::Kind::Control; // open, heartbeat, noop, namespace connected
        return r;
    }
    if (frame.startsWith("41") || frame.startsWith("44") || frame == "1") {
        r.kind = ParseResult::Kind::Rejected;
        r.error =
            QStringLiteral("bitbank stream closed the session: %1")
                .arg(QString::fromUtf8(frame.first(std::min<qsizetype>(frame.size(), 200)).toByteArray()));
        return r;
    }
    r.kind = ParseResult::Kind::Malformed;
    r.error = QStringLiteral("not an Engine.IO/Socket.IO packet bitbank sends");
    return r;
}
