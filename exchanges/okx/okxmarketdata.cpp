#include "okxmarketdata.h"

#include "exchanges/core/jsonfields.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_map>

namespace od = simdjson::ondemand;

namespace {

// A copy of one book's levels kept only while OKX sends non-zero checksums, to verify them.
struct ShadowBook
{
    std::vector<BookLevel> bids; // best (highest) first
    std::vector<BookLevel> asks; // best (lowest) first
    std::int64_t sequence = 0;
};

} // namespace

// Reused across frames so the hot path does not allocate once warmed up.
struct OkxMarketData::Scratch
{
    od::parser parser;
    std::vector<char> padded;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    std::vector<Trade> trades;
    std::string topic; // the frame's topic in OkxStreamProtocol's form; ParseResult::topic views it
    // Owned copies of arg's fields when the data is read in a second pass (rewinding reuses the
    // parser's string buffer, which the first pass's views point into).
    std::string channel;
    std::string instId;
    std::string action;
    std::unordered_map<std::string, ShadowBook> shadows;
};

namespace {

constexpr std::string_view kBooks = "books";
constexpr std::string_view kTickers = "tickers";
constexpr std::string_view kTrades = "trades";
constexpr std::string_view kCandlePrefix = "candle";
// A swap's contract data, each on its own channel (merged into the swap's Ticker).
constexpr std::string_view kFundingRate = "funding-rate";
constexpr std::string_view kMarkPrice = "mark-price";
constexpr std::string_view kIndexTickers = "index-tickers";
constexpr std::string_view kOpenInterest = "open-interest";
constexpr std::string_view kSwapSuffix = "-SWAP";

using jsonfields::rawStringField;
using jsonfields::toQString;

// [price, size, "0" (deprecated liquidated orders), number of orders], numbers as strings.
bool readLevels(od::value value, std::vector<BookLevel>& out)
{
    return jsonfields::readPriceSizeArrays(value, out);
}

// OKX writes an absent value as "": read as none.
bool readDecimal(od::value value, std::optional<Decimal>& out)
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

bool parseDigits(std::string_view text, std::int64_t& out)
{
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    if (text.empty())
        return false;
    out = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        if (out > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10)
            return false;
        out = out * 10 + (c - '0');
    }
    if (negative)
        out = -out;
    return true;
}

// OKX sends times as strings ("1597026383085") and sequence ids as numbers; accept either.
bool readInt(od::value value, std::int64_t& out)
{
    if (value.get_int64().get(out) == simdjson::SUCCESS)
        return true;
    std::string_view text;
    if (value.get_string().get(text))
        return false;
    return parseDigits(text, out);
}

// Keeps a side sorted best first; size 0 deletes.
void applyLevel(std::vector<BookLevel>& side, bool descending, const BookLevel& level)
{
    const auto better = [descending](const BookLevel& a, const BookLevel& b) {
        const int c = Decimal::compare(a.price, b.price);
        return descending ? c > 0 : c < 0;
    };
    auto it = std::lower_bound(side.begin(), side.end(), level, better);
    const bool same = it != side.end() && it->price == level.price;
    if (level.size.isZero()) {
        if (same)
            side.erase(it);
    } else if (same) {
        it->size = level.size;
    } else {
        side.insert(it, level);
    }
}

std::uint32_t crc32(std::string_view text)
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFU;
    for (unsigned char ch : text)
        crc = table[(crc ^ ch) & 0xFFU] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFU;
}

} // namespace

std::int32_t OkxMarketData::bookChecksum(std::span<const BookLevel> bids, std::span<const BookLevel> asks)
{
    std::string text;
    text.reserve(25 * 4 * 24);
    char buf[Decimal::MaxChars];
    const auto append = [&](const BookLevel& level) {
        text.append(buf, static_cast<std::size_t>(level.price.toChars(buf)));
        text.push_back(':');
        text.append(buf, static_cast<std::size_t>(level.size.toChars(buf)));
        text.push_back(':');
    };
    for (std::size_t i = 0; i < 25; ++i) {
        if (i < bids.size())
            append(bids[i]);
        if (i < asks.size())
            append(asks[i]);
    }
    if (!text.empty())
        text.pop_back();
    return static_cast<std::int32_t>(crc32(text));
}

// One frame's parse. OKX sends "arg" and "action" before "data"; a frame that puts "data" first is
// read a second time with them known.
struct OkxMarketData::FrameParser
{
    Scratch& scratch;
    MarketEventSink& sink;
    Category category;

    std::string_view channel;
    std::string_view instId;
    std::string_view action;

    void setTopic(std::string_view ch, std::string_view inst)
    {
        scratch.topic.assign(ch);
        if (!inst.empty()) {
            scratch.topic.push_back(':');
            scratch.topic.append(inst);
        }
    }

    ParseResult malformed(const QString& why) const
    {
        ParseResult r;
        r.kind = ParseResult::Kind::Malformed;
        r.topic = scratch.topic;
        r.error = why;
        // A book frame we could not read may have carried a change we now miss: rebuild that book.
        if (channel == kBooks)
            r.resyncSymbol = instId;
        return r;
    }

    // A well-formed book frame by which OKX says our copy is off (its checksum does not match what we
    // hold): the update is not applied, and the feed marks the book Resyncing and subscribes it again.
    ParseResult inconsistent(const QString& why) const
    {
        ParseResult r = dataResult();
        r.resyncSymbol = instId;
        r.error = why;
        return r;
    }

    ParseResult dataResult() const
    {
        ParseResult r;
        r.kind = ParseResult::Kind::Data;
        r.topic = scratch.topic;
        return r;
    }

    ParseResult run(const char* data, std::size_t len, std::size_t capacity)
    {
        scratch.topic.clear();
        od::document doc;
        od::object root;
        if (scratch.parser.iterate(data, len, capacity).get(doc) || doc.get_object().get(root)) {
            const std::string_view text(data, len);
            if (text == "pong") {
                ParseResult r;
                r.kind = ParseResult::Kind::Control;
                return r;
            }
            // Name the book if the text still shows it, so a broken book frame still resyncs it.
            channel = rawStringField(text, "channel");
            instId = rawStringField(text, "instId");
            setTopic(channel, instId);
            return malformed(QStringLiteral("not a JSON object"));
        }

        std::string_view event;
        std::string_view code;
        std::string_view msg;
        bool dataDeferred = false;
        bool handled = false;
        ParseResult result;

        for (auto fieldResult : root) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed(QStringLiteral("truncated or invalid JSON"));
            const od::raw_json_string key = field.key();
            od::value value = field.value();
            if (key == "arg") {
                od::object arg;
                if (value.get_object().get(arg))
                    return malformed(QStringLiteral("arg is not an object"));
                for (auto argField : arg) {
                    od::field f;
                    if (std::move(argField).get(f))
                        return malformed(QStringLiteral("truncated arg"));
                    const od::raw_json_string k = f.key();
                    if (k == "channel") {
                        if (f.value().get_string().get(channel))
                            return malformed(QStringLiteral("channel is not a string"));
                    } else if (k == "instId") {
                        if (f.value().get_string().get(instId))
                            return malformed(QStringLiteral("instId is not a string"));
                    }
                }
                setTopic(channel, instId);
            } else if (key == "action") {
                if (value.get_string().get(action))
                    return malformed(QStringLiteral("action is not a string"));
            } else if (key == "data") {
                if (!readyForData()) {
                    dataDeferred = true;
                    continue;
                }
                result = parseData(value);
                handled = true;
                if (result.kind == ParseResult::Kind::Malformed)
                    return result;
            } else if (key == "event") {
                if (value.get_string().get(event))
                    return malformed(QStringLiteral("event is not a string"));
            } else if (key == "code") {
                if (value.get_string().get(code))
                    return malformed(QStringLiteral("code is not a string"));
            } else if (key == "msg") {
                if (value.get_string().get(msg))
                    return malformed(QStringLiteral("msg is not a string"));
            }
        }

        if (dataDeferred) {
            if (channel.empty())
                return malformed(QStringLiteral("data without arg.channel"));
            scratch.channel.assign(channel);
            scratch.instId.assign(instId);
            scratch.action.assign(action);
            channel = scratch.channel;
            instId = scratch.instId;
            action = scratch.action;
            if (doc.rewind(); doc.get_object().get(root))
                return malformed(QStringLiteral("not a JSON object"));
            od::value value;
            if (root.find_field_unordered("data").get(value))
                return malformed(QStringLiteral("data unreadable"));
            result = parseData(value);
            handled = true;
        }
        if (handled)
            return result;
        if (!event.empty()) {
            ParseResult r;
            r.topic = scratch.topic;
            if (event == "error") {
                r.kind = ParseResult::Kind::Rejected;
                r.error = QStringLiteral("OKX error %1: %2").arg(toQString(code), toQString(msg));
            } else {
                // subscribe / unsubscribe acks; "notice" (64008: service upgrade, reconnect soon) is
                // informational: the connection is re-established when OKX closes it.
                r.kind = ParseResult::Kind::Control;
            }
            return r;
        }
        if (!channel.empty())
            return malformed(QStringLiteral("message without data"));
        ParseResult r;
        r.kind = ParseResult::Kind::Ignored;
        return r;
    }

    bool readyForData() const
    {
        if (channel.empty())
            return false;
        if (channel == kBooks)
            return !action.empty() && !instId.empty();
        return true;
    }

    ParseResult parseData(od::value data)
    {
        od::array entries;
        if (data.get_array().get(entries))
            return malformed(QStringLiteral("data is not an array"));
        if (channel == kBooks)
            return parseBooks(entries);
        if (channel == kTickers)
            return parseTickers(entries);
        if (channel == kTrades)
            return parseTrades(entries);
        if (channel.substr(0, kCandlePrefix.size()) == kCandlePrefix)
            return parseCandles(entries);
        if (category != Category::Spot && (channel == kFundingRate || channel == kMarkPrice ||
                                           channel == kIndexTickers || channel == kOpenInterest))
            return parseContractData(entries);
        ParseResult r;
        r.kind = ParseResult::Kind::Ignored;
        r.topic = scratch.topic;
        return r;
    }

    ParseResult parseBooks(od::array entries)
    {
        const bool snapshot = action == "snapshot";
        if (!snapshot && action != "update")
            return malformed(QStringLiteral("unknown book action"));
        for (auto entry : entries) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed(QStringLiteral("book data is not an object"));
            scratch.bids.clear();
            scratch.asks.clear();
            std::int64_t ts = 0;
            std::int64_t checksum = 0;
            std::int64_t seqId = std::numeric_limits<std::int64_t>::min();
            std::int64_t prevSeqId = std::numeric_limits<std::int64_t>::min();
            bool haveBids = false;
            bool haveAsks = false;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(QStringLiteral("truncated book data"));
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                if (key == "asks") {
                    if (!readLevels(value, scratch.asks))
                        return malformed(QStringLiteral("bad ask levels"));
                    haveAsks = true;
                } else if (key == "bids") {
                    if (!readLevels(value, scratch.bids))
                        return malformed(QStringLiteral("bad bid levels"));
                    haveBids = true;
                } else if (key == "ts") {
                    if (!readInt(value, ts))
                        return malformed(QStringLiteral("ts is not an integer"));
                } else if (key == "checksum") {
                    if (!readInt(value, checksum))
                        return malformed(QStringLiteral("checksum is not an integer"));
                } else if (key == "seqId") {
                    if (!readInt(value, seqId))
                        return malformed(QStringLiteral("seqId is not an integer"));
                } else if (key == "prevSeqId") {
                    if (!readInt(value, prevSeqId))
                        return malformed(QStringLiteral("prevSeqId is not an integer"));
                }
            }
            constexpr auto unset = std::numeric_limits<std::int64_t>::min();
            if (!haveBids || !haveAsks || seqId == unset || (!snapshot && prevSeqId == unset))
                return malformed(QStringLiteral("book data lacks bids, asks, seqId or prevSeqId"));
            if (!verifyChecksum(snapshot, static_cast<std::int32_t>(checksum), checksum != 0, prevSeqId,
                                seqId))
                return inconsistent(QStringLiteral("book checksum mismatch (seqId %1)").arg(seqId));

            BookUpdate update;
            update.symbol = instId;
            update.isSnapshot = snapshot;
            update.levels.bids = scratch.bids;
            update.levels.asks = scratch.asks;
            update.levels.rule = OrderBook::SequenceRule::Chained;
            update.levels.previousSequence = prevSeqId;
            update.levels.sequence = seqId;
            update.levels.timestampMs = ts;
            sink.onBook(update);
        }
        return dataResult();
    }

    // Keeps the shadow book of instId while checksums are non-zero; false if one did not match.
    bool verifyChecksum(bool snapshot, std::int32_t checksum, bool present, std::int64_t prevSeqId,
                        std::int64_t seqId)
    {
        auto& shadows = scratch.shadows;
        if (!present && shadows.empty())
            return true; // the common case since OKX stopped sending checksums
        const std::string key(instId);
        if (!present) {
            // OKX no longer sends checksums (0 since 2026-06-23): nothing to verify, nothing to keep.
            shadows.erase(key);
            return true;
        }
        ShadowBook* book = nullptr;
        if (snapshot) {
            book = &shadows[key];
            book->bids.clear();
            book->asks.clear();
        } else {
            const auto it = shadows.find(key);
            if (it == shadows.end())
                return true; // no snapshot seen with a checksum: cannot verify until the next one
            if (it->second.sequence != prevSeqId) {
                shadows.erase(it); // a gap: the book itself finds it and resyncs
                return true;
            }
            book = &it->second;
        }
        for (const BookLevel& level : scratch.bids)
            applyLevel(book->bids, true, level);
        for (const BookLevel& level : scratch.asks)
            applyLevel(book->asks, false, level);
        book->sequence = seqId;
        if (OkxMarketData::bookChecksum(book->bids, book->asks) == checksum)
            return true;
        shadows.erase(key);
        return false;
    }

    ParseResult parseTickers(od::array entries)
    {
        for (auto entry : entries) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed(QStringLiteral("ticker is not an object"));
            Ticker t;
            std::optional<Decimal> open24h, vol24h, volCcy24h;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(QStringLiteral("truncated ticker"));
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                std::optional<Decimal>* target = nullptr;
                if (key == "instId") {
                    std::string_view s;
                    if (value.get_string().get(s))
                        return malformed(QStringLiteral("instId is not a string"));
                    t.symbol = toQString(s);
                    continue;
                }
                if (key == "ts") {
                    if (!readInt(value, t.timestampMs))
                        return malformed(QStringLiteral("ticker ts is not an integer"));
                    continue;
                }
                if (key == "last")
                    target = &t.lastPrice;
                else if (key == "bidPx")
                    target = &t.bidPrice;
                else if (key == "bidSz")
                    target = &t.bidSize;
                else if (key == "askPx")
                    target = &t.askPrice;
                else if (key == "askSz")
                    target = &t.askSize;
                else if (key == "high24h")
                    target = &t.highPrice24h;
                else if (key == "low24h")
                    target = &t.lowPrice24h;
                else if (key == "open24h")
                    target = &open24h;
                else if (key == "vol24h")
                    target = &vol24h;
                else if (key == "volCcy24h")
                    target = &volCcy24h;
                if (target && !readDecimal(value, *target))
                    return malformed(QStringLiteral("ticker field is not a decimal"));
            }
            if (t.symbol.isEmpty())
                t.symbol = toQString(instId);
            if (t.symbol.isEmpty())
                return malformed(QStringLiteral("ticker lacks instId"));
            // Volume in OKX's own quantity (base on spot, contracts on swaps), as the book's sizes. Spot's
            // volCcy24h is in the quote currency; a swap's is in the base currency, not a turnover.
            t.volume24h = vol24h;
            if (category == Category::Spot)
                t.turnover24h = volCcy24h;
            if (open24h && t.lastPrice && !open24h->isZero()) {
                // A display fraction, not an amount sent anywhere.
                const double change = (t.lastPrice->toDouble() - open24h->toDouble()) / open24h->toDouble();
                t.change24h = Decimal::parse(QString::number(change, 'f', 6));
            }
            // Each push carries every field: a snapshot of a spot ticker. A swap's Ticker also holds what
            // the contract channels bring (mark, index, funding, open interest): merge into it.
            sink.onTicker(t, category == Category::Spot);
        }
        return dataResult();
    }

    // funding-rate (fundingRate: the current period's rate, paid at fundingTime; nextFundingTime is the
    // payment after that), mark-price (markPx), index-tickers (idxPx of the swap's index, whose instId
    // is the index's: BTC-USDT for BTC-USDT-SWAP) and open-interest (oi, in contracts as every swap
    // quantity shown; oiCcy and oiUsd are left). Each becomes a Ticker delta of the swap with only
    // the fields its channel holds.
    ParseResult parseContractData(od::array entries)
    {
        const bool funding = channel == kFundingRate;
        const bool index = channel == kIndexTickers;
        const std::string_view valueKey = funding                 ? std::string_view("fundingRate")
                                          : channel == kMarkPrice ? std::string_view("markPx")
                                          : index                 ? std::string_view("idxPx")
                                                                  : std::string_view("oi");
        const QString name = toQString(channel);
        for (auto entry : entries) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed(QStringLiteral("%1 data is not an object").arg(name));
            std::string_view inst;
            std::optional<Decimal> value;
            std::int64_t fundingTime = -1;
            std::int64_t ts = 0;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(QStringLiteral("truncated %1 data").arg(name));
                const od::raw_json_string key = field.key();
                od::value v = field.value();
                if (key == "instId") {
                    if (v.get_string().get(inst))
                        return malformed(QStringLiteral("%1 instId is not a string").arg(name));
                } else if (key == "ts") {
                    if (!readInt(v, ts))
                        return malformed(QStringLiteral("%1 ts is not an integer").arg(name));
                } else if (funding && key == "fundingTime") {
                    if (!readInt(v, fundingTime) || fundingTime < 0)
                        return malformed(QStringLiteral("fundingTime is not a time"));
                } else if (key == valueKey) {
                    if (!readDecimal(v, value) || !value)
                        return malformed(
                            QStringLiteral("%1 %2 is not a decimal").arg(name, toQString(valueKey)));
                }
            }
            if (inst.empty())
                inst = instId;
            if (inst.empty() || !value || (funding && fundingTime < 0))
                return malformed(
                    funding ? QStringLiteral("funding-rate lacks instId, fundingRate or fundingTime")
                            : QStringLiteral("%1 lacks instId or %2").arg(name, toQString(valueKey)));
            Ticker t;
            // The index's pushes go to the swap of that index (this category lists swaps only).
            t.symbol = index ? toQString(inst) + toQString(kSwapSuffix) : toQString(inst);
            t.timestampMs = ts;
            if (funding) {
                t.fundingRate = value;
                t.nextFundingMs = fundingTime;
            } else if (channel == kMarkPrice) {
                t.markPrice = value;
            } else if (index) {
                t.indexPrice = value;
            } else {
                t.openInterest = value;
            }
            sink.onTicker(t, false);
        }
        return dataResult();
    }

    ParseResult parseTrades(od::array entries)
    {
        scratch.trades.clear();
        for (auto entry : entries) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed(QStringLiteral("trade is not an object"));
            Trade trade;
            std::optional<Decimal> price, size;
            std::string_view side;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(QStringLiteral("truncated trade"));
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                std::string_view text;
                if (key == "instId") {
                    if (value.get_string().get(text))
                        return malformed(QStringLiteral("trade instId is not a string"));
                    trade.symbol = toQString(text);
                } else if (key == "tradeId") {
                    if (value.get_string().get(text))
                        return malformed(QStringLiteral("tradeId is not a string"));
                    trade.id = toQString(text);
                } else if (key == "px") {
                    if (!readDecimal(value, price))
                        return malformed(QStringLiteral("trade px is not a decimal"));
                } else if (key == "sz") {
                    if (!readDecimal(value, size))
                        return malformed(QStringLiteral("trade sz is not a decimal"));
                } else if (key == "side") {
                    if (value.get_string().get(side))
                        return malformed(QStringLiteral("trade side is not a string"));
                } else if (key == "ts") {
                    if (!readInt(value, trade.timestampMs))
                        return malformed(QStringLiteral("trade ts is not an integer"));
                }
            }
            if (!price || !size || (side != "buy" && side != "sell"))
                return malformed(QStringLiteral("trade lacks px, sz or side"));
            trade.price = *price;
            trade.size = *size;
            trade.takerSide = side == "buy" ? Side::Buy : Side::Sell;
            if (trade.symbol.isEmpty())
                trade.symbol = toQString(instId);
            scratch.trades.push_back(std::move(trade));
        }
        if (scratch.trades.size() > 1) {
            // OKX lists a push's trades newest first; the sink wants them oldest first.
            std::stable_sort(scratch.trades.begin(), scratch.trades.end(),
                             [](const Trade& a, const Trade& b) { return a.timestampMs < b.timestampMs; });
        }
        if (!scratch.trades.empty())
            sink.onTrades(scratch.trades);
        return dataResult();
    }

    ParseResult parseCandles(od::array entries)
    {
        const auto interval = OkxMarketData::intervalFromBar(channel.substr(kCandlePrefix.size()));
        if (!interval)
            return malformed(QStringLiteral("unknown candle channel"));
        const QString symbol = toQString(instId);
        if (symbol.isEmpty())
            return malformed(QStringLiteral("candle push lacks arg.instId"));
        for (auto entry : entries) {
            // [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]
            od::array row;
            if (entry.get_array().get(row))
                return malformed(QStringLiteral("candle is not an array"));
            std::string_view f[9];
            int n = 0;
            for (auto item : row) {
                if (n < 9 && item.get_string().get(f[n]))
                    return malformed(QStringLiteral("candle field is not a string"));
                ++n;
            }
            if (n < 9)
                return malformed(QStringLiteral("candle has %1 fields, expected 9").arg(n));
            Candle c;
            if (!parseDigits(f[0], c.openTimeMs))
                return malformed(QStringLiteral("candle time is not an integer"));
            const auto o = Decimal::parse(f[1]);
            const auto h = Decimal::parse(f[2]);
            const auto l = Decimal::parse(f[3]);
            const auto cl = Decimal::parse(f[4]);
            // vol in OKX's own quantity (base on spot, contracts on swaps); volCcyQuote in the quote.
            const auto volume = Decimal::parse(f[5]);
            const auto turnover = Decimal::parse(f[7]);
            if (!o || !h || !l || !cl || !volume)
                return malformed(QStringLiteral("candle OHLCV is not decimal"));
            c.open = *o;
            c.high = *h;
            c.low = *l;
            c.close = *cl;
            c.volume = *volume;
            c.turnover = turnover.value_or(Decimal());
            c.closed = f[8] == "1";
            sink.onCandle(symbol, *interval, c);
        }
        return dataResult();
    }
};

OkxMarketData::OkxMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(1024);
    m_scratch->asks.reserve(1024);
}

OkxMarketData::~OkxMarketData() = default;

QString OkxMarketData::venue() const
{
    return QStringLiteral("okx");
}

QList<Category> OkxMarketData::categories() const
{
    return {Category::Spot, Category::Linear, Category::Inverse};
}

QStringList OkxMarketData::defaultSymbols(Category category) const
{
    switch (category) {
    case Category::Spot:
        return {QStringLiteral("BTC-USDT"), QStringLiteral("ETH-USDT"), QStringLiteral("SOL-USDT"),
                QStringLiteral("XRP-USDT")};
    case Category::Linear:
        return {QStringLiteral("BTC-USDT-SWAP"), QStringLiteral("ETH-USDT-SWAP"),
                QStringLiteral("SOL-USDT-SWAP"), QStringLiteral("XRP-USDT-SWAP")};
    case Category::Inverse:
        return {QStringLiteral("BTC-USD-SWAP"), QStringLiteral("ETH-USD-SWAP")};
    default:
        return {};
    }
}

QUrl OkxMarketData::publicStreamUrl(Category category, Environment environment) const
{
    Q_UNUSED(category); // one public endpoint for every instrument type
    // OKX has no testnet: its demo trading (wspap) stands in for it.
    return QUrl(environment == Environment::Mainnet
                    ? QStringLiteral("wss://ws.okx.com:8443/ws/v5/public")
                    : QStringLiteral("wss://wspap.okx.com:8443/ws/v5/public"));
}

QUrl OkxMarketData::publicStreamUrl(Category category, Environment environment, Channel channel) const
{
    return channel == Channel::Candles ? businessStreamUrl(environment)
                                       : publicStreamUrl(category, environment);
}

QUrl OkxMarketData::businessStreamUrl(Environment environment)
{
    return QUrl(environment == Environment::Mainnet
                    ? QStringLiteral("wss://ws.okx.com:8443/ws/v5/business")
                    : QStringLiteral("wss://wspap.okx.com:8443/ws/v5/business"));
}

QUrl OkxMarketData::restBaseUrl(Environment environment) const
{
    // Demo trading uses the live host; the x-simulated-trading header selects it.
    Q_UNUSED(environment);
    return QUrl(QStringLiteral("https://www.okx.com"));
}

const StreamProtocol& OkxMarketData::streamProtocol() const
{
    return m_protocol;
}

QString OkxMarketData::barCode(CandleInterval interval)
{
    switch (interval) {
    case CandleInterval::OneMinute:
        return QStringLiteral("1m");
    case CandleInterval::FiveMinutes:
        return QStringLiteral("5m");
    case CandleInterval::FifteenMinutes:
        return QStringLiteral("15m");
    case CandleInterval::OneHour:
        return QStringLiteral("1H");
    case CandleInterval::FourHours:
        return QStringLiteral("4H");
    case CandleInterval::OneDay:
        return QStringLiteral("1Dutc"); // UTC days, as every other venue's; plain "1D" is Hong Kong time
    }
    return {};
}

std::optional<CandleInterval> OkxMarketData::intervalFromBar(std::string_view code)
{
    for (CandleInterval i :
         {CandleInterval::OneMinute, CandleInterval::FiveMinutes, CandleInterval::FifteenMinutes,
          CandleInterval::OneHour, CandleInterval::FourHours, CandleInterval::OneDay}) {
        if (barCode(i).toLatin1() == QByteArrayView(code.data(), static_cast<qsizetype>(code.size())))
            return i;
    }
    return std::nullopt;
}

QString OkxMarketData::topic(Category, const ChannelRequest& request) const
{
    switch (request.channel) {
    case Channel::Ticker:
        return QStringLiteral("tickers:") + request.symbol;
    case Channel::Book:
        // `books` is the one full-depth channel open to everyone (400 levels); the tick-by-tick ones
        // need a login and a VIP tier.
        return QStringLiteral("books:") + request.symbol;
    case Channel::Trades:
        return QStringLiteral("trades:") + request.symbol;
    case Channel::Candles:
        return QStringLiteral("candle") + barCode(request.interval) + QLatin1Char(':') + request.symbol;
    }
    return {};
}

std::chrono::milliseconds OkxMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
        // books pushes every 100 ms when the book changes, and an empty update (seqId = prevSeqId) about
        // every minute when it does not: 30 s (×3 in the watchdog) of silence is a broken channel.
        return std::chrono::seconds(30);
    case Channel::Ticker:
        return std::chrono::seconds(20);
    case Channel::Candles:
        return std::chrono::seconds(20);
    case Channel::Trades:
        return std::chrono::milliseconds(0);
    }
    return std::chrono::milliseconds(0);
}

QStringList OkxMarketData::extraTopics(Category category, const ChannelRequest& request) const
{
    if (category == Category::Spot || request.channel != Channel::Ticker)
        return {};
    // A swap's contract data, on the public connection as its ticker. The index channel is named by
    // the index (the swap's underlying: BTC-USDT-SWAP → BTC-USDT).
    QStringList topics{QStringLiteral("mark-price:") + request.symbol,
                       QStringLiteral("funding-rate:") + request.symbol,
                       QStringLiteral("open-interest:") + request.symbol};
    const QString suffix = toQString(kSwapSuffix);
    if (request.symbol.endsWith(suffix))
        topics.append(QStringLiteral("index-tickers:") + request.symbol.chopped(suffix.size()));
    return topics;
}

ResyncPlan OkxMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    // OKX answers a books subscription with a fresh snapshot.
    ChannelRequest request;
    request.channel = Channel::Book;
    request.symbol = symbol;
    request.depth = depth;
    return ResyncPlan{{topic(category, request)}};
}

void OkxMarketData::reset()
{
    m_scratch->shadows.clear();
}

ParseResult OkxMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded copy.
    auto& padded = m_scratch->padded;
    const std::size_t len = static_cast<std::size_t>(frame.size());
    if (padded.size() < len + simdjson::SIMDJSON_PADDING)
        padded.resize(len + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), frame.data(), len);
    return FrameParser{*m_scratch, sink, category, {}, {}, {}}.run(padded.data(), len, padded.size());
}
