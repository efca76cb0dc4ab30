#include "bitmexmarketdata.h"
#include "bitmexcandles.h"

#include "exchanges/core/jsonfields.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

namespace od = simdjson::ondemand;

namespace {

// What orderBookL2 has told us about one symbol since its last partial: every level id with its price
// and side. Modern BitMEX sends the price on every row, but an update or delete for an id we never saw
// still means we missed a message.
struct SymbolBook
{
    struct Level
    {
        Decimal price;
        bool ask = false;
    };
    std::string topic; // "orderBookL2:XBTUSD", the view ParseResult::topic points into
    std::unordered_map<std::int64_t, Level> levels;
    bool live = false; // a partial arrived and nothing has broken since
    std::int64_t partials = 0;
};

struct BookRow
{
    std::string_view symbol;
    std::int64_t id = 0;
    bool hasId = false;
    std::optional<bool> ask;
    std::optional<Decimal> price;
    std::optional<Decimal> size;
    std::string_view timestamp;
};

enum class Action : std::uint8_t
{
    Partial,
    Insert,
    Update,
    Delete,
};

std::optional<Action> actionFromText(std::string_view text)
{
    if (text == "partial")
        return Action::Partial;
    if (text == "insert")
        return Action::Insert;
    if (text == "update")
        return Action::Update;
    if (text == "delete")
        return Action::Delete;
    return std::nullopt;
}

using jsonfields::toQString;

ParseResult malformed(std::string_view topic, const QString& why)
{
    ParseResult r;
    r.kind = ParseResult::Kind::Malformed;
    r.topic = topic;
    r.error = why;
    return r;
}

ParseResult control()
{
    ParseResult r;
    r.kind = ParseResult::Kind::Control;
    return r;
}

ParseResult ignored(std::string_view topic = {})
{
    ParseResult r;
    r.kind = ParseResult::Kind::Ignored;
    r.topic = topic;
    return r;
}

enum class NumberRead : std::uint8_t
{
    Ok,
    Null, // JSON null: the field is not known
    Bad,
};

// A JSON number read from its text, so "65000.5" becomes exactly 65000.5. lenient: a statistic BitMEX
// computes in floating point keeps the digits a Decimal holds (statisticFromText); prices and sizes are
// never lenient.
NumberRead readNumber(od::value value, Decimal& out, bool lenient = false)
{
    od::json_type type;
    if (value.type().get(type))
        return NumberRead::Bad;
    if (type == od::json_type::null)
        return NumberRead::Null;
    if (type != od::json_type::number)
        return NumberRead::Bad;
    // The token read in place, as jsonfields::readNumberDecimal does: calling that here cost ~15 % of the
    // replay rate (measured, 200k orderBookL2 frames), so the book path keeps its own copy.
    std::string_view raw = value.raw_json_token();
    while (!raw.empty() &&
           (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
        raw.remove_suffix(1);
    const auto parsed = lenient ? BitmexMarketData::statisticFromText(raw) : Decimal::parse(raw);
    if (!parsed)
        return lenient ? NumberRead::Null : NumberRead::Bad;
    out = *parsed;
    return NumberRead::Ok;
}

bool readOptionalNumber(od::value value, std::optional<Decimal>& out, bool lenient = false)
{
    Decimal d;
    switch (readNumber(value, d, lenient)) {
    case NumberRead::Ok:
        out = d;
        return true;
    case NumberRead::Null:
        return true;
    case NumberRead::Bad:
        return false;
    }
    return false;
}

// The text of a key, for error messages.
std::string_view keyText(od::raw_json_string key)
{
    const char* begin = key.raw();
    const char* end = std::strchr(begin, '"');
    return std::string_view(begin, end ? static_cast<std::size_t>(end - begin) : 0);
}

std::optional<CandleInterval> intervalOfTable(std::string_view table)
{
    if (table == "tradeBin1m")
        return CandleInterval::OneMinute;
    if (table == "tradeBin5m")
        return CandleInterval::FiveMinutes;
    if (table == "tradeBin1h")
        return CandleInterval::OneHour;
    if (table == "tradeBin1d")
        return CandleInterval::OneDay;
    return std::nullopt;
}

int digits(std::string_view s, std::size_t at, std::size_t count, bool& ok)
{
    int v = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9') {
            ok = false;
            return 0;
        }
        v = v * 10 + (c - '0');
    }
    return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

} // namespace

// Reused across frames so the hot path does not allocate once warmed up.
struct BitmexMarketData::Scratch
{
    od::parser parser;
    std::vector<char> padded;
    std::map<std::string, SymbolBook, std::less<>> books;
    std::set<std::string, std::less<>> topics; // "trade:XBTUSD" …, the views ParseResult::topic points into
    std::string topicText;
    std::string deferredTable; // a frame's table and filter symbol kept across its second pass
    std::string deferredFilter;
    std::vector<BookRow> rows;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    std::vector<Trade> trades;

    BitmexCandleBuilder candles; // 15m and 4h built from 5m and 1h bins

    std::string_view topicOf(std::string_view table, std::string_view symbol)
    {
        topicText.assign(table);
        topicText.push_back(':');
        topicText.append(symbol);
        auto it = topics.find(topicText);
        if (it == topics.end())
            it = topics.insert(topicText).first;
        return *it;
    }
};

// One frame's parse. BitMEX writes "table" and "action" (and a partial's "filter") before "data"; a
// frame that puts "data" first is read a second time with them known.
struct BitmexMarketData::FrameParser
{
    Scratch& scratch;
    MarketEventSink& sink;

    std::string_view table;
    std::optional<Action> action;
    std::string_view filterSymbol;
    std::string_view rowSymbol; // the symbol of the book row being read, to name a broken one's book

    ParseResult run(const char* data, std::size_t len, std::size_t capacity)
    {
        const std::string_view text(data, len);
        if (text == "pong")
            return control();
        od::document doc;
        od::object root;
        if (scratch.parser.iterate(data, len, capacity).get(doc) || doc.get_object().get(root))
            return malformed({}, QStringLiteral("not a JSON object"));

        bool dataDeferred = false;
        bool handled = false;
        ParseResult result;
        std::string_view error;
        bool hasError = false;
        bool isControl = false;
        for (auto fieldResult : root) {
            od::field field;
            if (std::move(fieldResult).get(field))
                return malformed({}, QStringLiteral("truncated or invalid JSON"));
            const od::raw_json_string key = field.key(); // compared in place, not unescaped
            od::value value = field.value();
            if (key == "table") {
                if (value.get_string().get(table))
                    return malformed({}, QStringLiteral("table is not a string"));
            } else if (key == "action") {
                std::string_view a;
                if (value.get_string().get(a))
                    return malformed({}, QStringLiteral("action is not a string"));
                action = actionFromText(a);
                if (!action)
                    return malformed({}, QStringLiteral("unknown action %1").arg(toQString(a)));
            } else if (key == "filter") {
                od::object filter;
                if (value.get_object().get(filter) == simdjson::SUCCESS) {
                    std::string_view s;
                    if (filter.find_field_unordered("symbol").get_string().get(s) == simdjson::SUCCESS)
                        filterSymbol = s;
                }
            } else if (key == "data") {
                if (table.empty() || !action || (*action == Action::Partial && filterSymbol.empty())) {
                    dataDeferred = true;
                    continue;
                }
                result = parseData(value);
                handled = true;
                if (result.kind == ParseResult::Kind::Malformed)
                    return result;
            } else if (key == "error") {
                hasError = true;
                if (value.get_string().get(error))
                    error = value.raw_json_token();
            } else if (key == "info" || key == "success" || key == "subscribe" || key == "unsubscribe") {
                isControl = true;
            }
        }
        if (hasError) {
            ParseResult r;
            r.kind = ParseResult::Kind::Rejected;
            r.error = toQString(error);
            return r;
        }
        if (dataDeferred && !handled) {
            if (table.empty() || !action)
                return malformed({}, QStringLiteral("data without table or action"));
            // A second pass from a fresh iteration (rewinding a document whose first pass skipped a broken
            // value is undefined in simdjson 3.0); the views read so far live in the parser's string
            // buffer, which that pass reuses, so they are copied first.
            scratch.deferredTable.assign(table);
            scratch.deferredFilter.assign(filterSymbol);
            table = scratch.deferredTable;
            filterSymbol = scratch.deferredFilter;
            od::document again;
            if (scratch.parser.iterate(data, len, capacity).get(again) || again.get_object().get(root))
                return malformed({}, QStringLiteral("not a JSON object"));
            od::value value;
            if (root.find_field_unordered("data").get(value))
                return malformed({}, QStringLiteral("data unreadable"));
            return parseData(value);
        }
        if (handled)
            return result;
        if (isControl)
            return control();
        if (!table.empty())
            return malformed({}, QStringLiteral("%1 message without data").arg(toQString(table)));
        return ignored();
    }

    ParseResult parseData(od::value data)
    {
        if (table == "orderBookL2" || table == "orderBookL2_25")
            return parseBook(data);
        if (table == "instrument")
            return parseInstrument(data);
        if (table == "trade")
            return parseTrades(data);
        if (const auto interval = intervalOfTable(table))
            return parseBins(data, *interval);
        return ignored();
    }

    static ParseResult dataResult(std::string_view topic)
    {
        ParseResult r;
        r.kind = ParseResult::Kind::Data;
        r.topic = topic;
        return r;
    }

    bool readBookRows(od::value data, QString& why)
    {
        scratch.rows.clear();
        od::array arr;
        if (data.get_array().get(arr)) {
            why = QStringLiteral("book data is not an array");
            return false;
        }
        for (auto entry : arr) {
            od::object obj;
            if (entry.get_object().get(obj)) {
                why = QStringLiteral("book row is not an object");
                return false;
            }
            BookRow row;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field)) {
                    why = QStringLiteral("truncated book row");
                    return false;
                }
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                bool ok = true;
                if (key == "symbol") {
                    ok = value.get_string().get(row.symbol) == simdjson::SUCCESS;
                    rowSymbol = row.symbol;
                } else if (key == "id") {
                    ok = value.get_int64().get(row.id) == simdjson::SUCCESS;
                    row.hasId = ok;
                } else if (key == "side") {
                    std::string_view side;
                    ok = value.get_string().get(side) == simdjson::SUCCESS &&
                         (side == "Buy" || side == "Sell");
                    row.ask = side == "Sell";
                } else if (key == "size") {
                    ok = readOptionalNumber(value, row.size);
                } else if (key == "price") {
                    ok = readOptionalNumber(value, row.price);
                } else if (key == "timestamp") {
                    ok = value.get_string().get(row.timestamp) == simdjson::SUCCESS;
                }
                if (!ok) {
                    why = QStringLiteral("book row field %1 unreadable").arg(toQString(keyText(key)));
                    return false;
                }
            }
            if (row.symbol.empty() || !row.hasId || !row.ask) {
                why = QStringLiteral("book row lacks symbol, id or side");
                return false;
            }
            scratch.rows.push_back(row);
        }
        return true;
    }

    SymbolBook& bookOf(std::string_view symbol)
    {
        auto it = scratch.books.find(symbol);
        if (it == scratch.books.end()) {
            it = scratch.books.emplace(std::string(symbol), SymbolBook{}).first;
            it->second.topic = std::string(table) + ':' + it->first;
        }
        return it->second;
    }

    static std::int64_t timeOf(std::string_view timestamp)
    {
        return timestamp.empty() ? 0 : parseTimestamp(timestamp).value_or(0);
    }

    ParseResult parseBook(od::value data)
    {
        QString why;
        if (!readBookRows(data, why)) {
            // A book frame we could not read may have carried a change we now miss: rebuild that book.
            ParseResult r = malformed({}, why);
            if (!filterSymbol.empty())
                r.resyncSymbol = filterSymbol;
            else if (!rowSymbol.empty())
                r.resyncSymbol = rowSymbol;
            if (!r.resyncSymbol.empty()) {
                SymbolBook& book = bookOf(r.resyncSymbol);
                book.live = false;
                book.levels.clear();
                r.topic = book.topic;
                r.resyncSymbol = scratch.books.find(r.resyncSymbol)->first;
            }
            return r;
        }
        auto& rows = scratch.rows;
        if (*action == Action::Partial) {
            if (rows.empty()) {
                if (filterSymbol.empty())
                    return control(); // a partial of nothing for no symbol
                return applyPartial(filterSymbol, {});
            }
            std::stable_sort(rows.begin(), rows.end(),
                             [](const BookRow& a, const BookRow& b) { return a.symbol < b.symbol; });
        }
        ParseResult result = ignored();
        for (std::size_t begin = 0; begin < rows.size();) {
            std::size_t end = begin + 1;
            while (end < rows.size() && rows[end].symbol == rows[begin].symbol)
                ++end;
            const std::span<const BookRow> run(rows.data() + begin, end - begin);
            const ParseResult r = *action == Action::Partial ? applyPartial(run.front().symbol, run)
                                                             : applyChanges(run.front().symbol, run);
            if (r.kind == ParseResult::Kind::Malformed)
                return r;
            if (r.kind == ParseResult::Kind::Data || result.kind != ParseResult::Kind::Data)
                result = r;
            begin = end;
        }
        return result;
    }

    ParseResult applyPartial(std::string_view symbol, std::span<const BookRow> rows)
    {
        SymbolBook& book = bookOf(symbol);
        book.topic = std::string(table) + ':' + std::string(symbol); // orderBookL2 or orderBookL2_25
        book.levels.clear();
        scratch.bids.clear();
        scratch.asks.clear();
        std::int64_t ts = 0;
        for (const BookRow& row : rows) {
            if (!row.price || !row.size)
                return unreadable(book, symbol, QStringLiteral("partial row without price or size"));
            if (!book.levels.emplace(row.id, SymbolBook::Level{*row.price, *row.ask}).second)
                return inconsistent(book, symbol, QStringLiteral("partial repeats level id %1").arg(row.id));
            (*row.ask ? scratch.asks : scratch.bids).push_back(BookLevel{*row.price, *row.size});
            ts = std::max(ts, timeOf(row.timestamp));
        }
        // The book keeps bids ascending and asks descending: handing them over in that order makes
        // building a deep partial a run of appends.
        std::sort(scratch.bids.begin(), scratch.bids.end(),
                  [](const BookLevel& a, const BookLevel& b) { return a.price < b.price; });
        std::sort(scratch.asks.begin(), scratch.asks.end(),
                  [](const BookLevel& a, const BookLevel& b) { return a.price > b.price; });
        book.live = true;
        BookUpdate update;
        update.symbol = scratch.books.find(symbol)->first;
        update.isSnapshot = true;
        update.levels.bids = scratch.bids;
        update.levels.asks = scratch.asks;
        update.levels.sequence = ++book.partials;
        update.levels.timestampMs = ts;
        sink.onBook(update);
        return dataResult(book.topic);
    }

    ParseResult applyChanges(std::string_view symbol, std::span<const BookRow> rows)
    {
        const auto it = scratch.books.find(symbol);
        if (it == scratch.books.end() || !it->second.live)
            return ignored(); // before the partial (BitMEX says to drop these) or while resyncing
        SymbolBook& book = it->second;
        scratch.bids.clear();
        scratch.asks.clear();
        std::string_view lastTimestamp;
        for (const BookRow& row : rows) {
            BookLevel level;
            bool ask = *row.ask;
            if (*action == Action::Insert) {
                if (!row.price || !row.size)
                    return unreadable(book, symbol, QStringLiteral("insert without price or size"));
                if (!book.levels.emplace(row.id, SymbolBook::Level{*row.price, ask}).second)
                    return inconsistent(
                        book, symbol,
                        QStringLiteral("insert of level id %1 that already exists").arg(row.id));
                level = BookLevel{*row.price, *row.size};
            } else {
                const auto found = book.levels.find(row.id);
                if (found == book.levels.end())
                    return inconsistent(book, symbol,
                                        QStringLiteral("%1 of unknown level id %2")
                                            .arg(*action == Action::Update ? QStringLiteral("update")
                                                                           : QStringLiteral("delete"))
                                            .arg(row.id));
                if ((row.price && *row.price != found->second.price) || found->second.ask != ask)
                    return inconsistent(book, symbol,
                                        QStringLiteral("level id %1 changed price or side").arg(row.id));
                level.price = found->second.price;
                if (*action == Action::Update) {
                    if (!row.size)
                        return unreadable(book, symbol, QStringLiteral("update without size"));
                    level.size = *row.size;
                } else {
                    book.levels.erase(found);
                }
            }
            (ask ? scratch.asks : scratch.bids).push_back(level);
            if (!row.timestamp.empty())
                lastTimestamp = row.timestamp;
        }
        BookUpdate update;
        update.symbol = it->first;
        update.levels.bids = scratch.bids;
        update.levels.asks = scratch.asks;
        update.levels.rule = OrderBook::SequenceRule::None; // BitMEX has no sequence numbers
        update.levels.timestampMs = timeOf(lastTimestamp);
        sink.onBook(update);
        return dataResult(book.topic);
    }

    // A row without the fields BitMEX documents: a malformed frame, which may have carried a change we
    // now miss, so the book is rebuilt too.
    ParseResult unreadable(SymbolBook& book, std::string_view symbol, const QString& why)
    {
        ParseResult r = inconsistent(book, symbol, why);
        r.kind = ParseResult::Kind::Malformed;
        return r;
    }

    // The venue's changes no longer fit what we hold: forget the symbol's levels until a new partial,
    // and have the feed mark the book Resyncing and resubscribe.
    ParseResult inconsistent(SymbolBook& book, std::string_view symbol, const QString& why)
    {
        book.live = false;
        book.levels.clear();
        // A well-formed frame: the inconsistency is ours to repair, not a broken frame to count.
        ParseResult r = dataResult(book.topic);
        r.error = QStringLiteral("%1 %2: %3").arg(toQString(table), toQString(symbol), why);
        r.resyncSymbol = scratch.books.find(symbol)->first;
        return r;
    }

    ParseResult parseInstrument(od::value data)
    {
        const bool snapshot = *action != Action::Update;
        if (*action == Action::Delete)
            return ignored(); // an instrument delisted: nothing for the ticker
        od::array arr;
        if (data.get_array().get(arr))
            return malformed({}, QStringLiteral("instrument data is not an array"));
        std::string_view topic;
        for (auto entry : arr) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed({}, QStringLiteral("instrument row is not an object"));
            Ticker t;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed({}, QStringLiteral("truncated instrument row"));
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                if (key == "symbol") {
                    std::string_view s;
                    if (value.get_string().get(s))
                        return malformed({}, QStringLiteral("symbol is not a string"));
                    t.symbol = toQString(s);
                    topic = scratch.topicOf(table, s);
                    continue;
                }
                if (key == "timestamp") {
                    std::string_view s;
                    if (value.get_string().get(s) == simdjson::SUCCESS)
                        t.timestampMs = parseTimestamp(s).value_or(0);
                    continue;
                }
                if (key == "fundingTimestamp") {
                    // When fundingRate is next paid (ISO 8601 UTC); null on contracts without funding.
                    od::json_type type;
                    if (value.type().get(type) == simdjson::SUCCESS && type == od::json_type::null)
                        continue;
                    std::string_view s;
                    const auto ms =
                        value.get_string().get(s) == simdjson::SUCCESS ? parseTimestamp(s) : std::nullopt;
                    if (!ms)
                        return malformed(topic, QStringLiteral("instrument fundingTimestamp is not a time"));
                    t.nextFundingMs = *ms;
                    continue;
                }
                std::optional<Decimal>* target = nullptr;
                bool lenient = false;
                if (key == "lastPrice")
                    target = &t.lastPrice;
                else if (key == "bidPrice")
                    target = &t.bidPrice;
                else if (key == "askPrice")
                    target = &t.askPrice;
                else if (key == "markPrice")
                    target = &t.markPrice;
                else if (key == "indicativeSettlePrice" || key == "indexPrice")
                    target = &t.indexPrice;
                else if (key == "highPrice")
                    target = &t.highPrice24h;
                else if (key == "lowPrice")
                    target = &t.lowPrice24h;
                else if (key == "homeNotional24h")
                    target = &t.volume24h, lenient = true; // base coin (volume24h is in contracts)
                else if (key == "foreignNotional24h")
                    target = &t.turnover24h, lenient = true;
                else if (key == "lastChangePcnt")
                    target = &t.change24h, lenient = true;
                else if (key == "openInterest")
                    target = &t.openInterest;
                else if (key == "fundingRate")
                    target = &t.fundingRate, lenient = true;
                if (target && !readOptionalNumber(value, *target, lenient))
                    return malformed(
                        topic,
                        QStringLiteral("instrument field %1 is not a number").arg(toQString(keyText(key))));
            }
            if (t.symbol.isEmpty())
                return malformed({}, QStringLiteral("instrument row without symbol"));
            sink.onTicker(t, snapshot);
        }
        return topic.empty() ? ignored() : dataResult(topic);
    }

    ParseResult parseTrades(od::value data)
    {
        if (*action == Action::Delete || *action == Action::Update)
            return ignored();
        od::array arr;
        if (data.get_array().get(arr))
            return malformed({}, QStringLiteral("trade data is not an array"));
        scratch.trades.clear();
        std::string_view topic;
        std::string_view runSymbol;
        for (auto entry : arr) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed({}, QStringLiteral("trade is not an object"));
            Trade trade;
            std::optional<Decimal> price;
            std::optional<Decimal> size;
            std::string_view side;
            std::string_view symbol;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed({}, QStringLiteral("truncated trade"));
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                std::string_view text;
                bool ok = true;
                if (key == "timestamp") {
                    ok = value.get_string().get(text) == simdjson::SUCCESS;
                    if (ok) {
                        const auto ms = parseTimestamp(text);
                        ok = ms.has_value();
                        trade.timestampMs = ms.value_or(0);
                    }
                } else if (key == "symbol") {
                    ok = value.get_string().get(symbol) == simdjson::SUCCESS;
                } else if (key == "side") {
                    ok = value.get_string().get(side) == simdjson::SUCCESS;
                } else if (key == "size") {
                    ok = readOptionalNumber(value, size);
                } else if (key == "price") {
                    ok = readOptionalNumber(value, price);
                } else if (key == "trdMatchID") {
                    ok = value.get_string().get(text) == simdjson::SUCCESS;
                    trade.id = toQString(text);
                }
                if (!ok)
                    return malformed(
                        topic, QStringLiteral("trade field %1 unreadable").arg(toQString(keyText(key))));
            }
            if (symbol.empty() || !price || !size || (side != "Buy" && side != "Sell"))
                return malformed(topic, QStringLiteral("trade lacks symbol, price, size or side"));
            if (symbol != runSymbol && !scratch.trades.empty())
                sink.onTrades(scratch.trades), scratch.trades.clear();
            runSymbol = symbol;
            topic = scratch.topicOf(table, symbol);
            trade.symbol = toQString(symbol);
            trade.price = *price;
            trade.size = *size;
            trade.takerSide = side == "Buy" ? Side::Buy : Side::Sell;
            scratch.trades.push_back(std::move(trade));
        }
        // BitMEX lists a message's trades oldest first.
        if (!scratch.trades.empty())
            sink.onTrades(scratch.trades);
        return topic.empty() ? ignored() : dataResult(topic);
    }

    ParseResult parseBins(od::value data, CandleInterval interval)
    {
        if (*action == Action::Delete || *action == Action::Update)
            return ignored();
        od::array arr;
        if (data.get_array().get(arr))
            return malformed({}, QStringLiteral("%1 data is not an array").arg(toQString(table)));
        std::string_view topic;
        for (auto entry : arr) {
            od::object obj;
            if (entry.get_object().get(obj))
                return malformed({}, QStringLiteral("bin is not an object"));
            Candle c;
            std::optional<Decimal> open, high, low, close, volume, turnover;
            std::string_view symbol;
            std::optional<std::int64_t> end;
            for (auto fieldResult : obj) {
                od::field field;
                if (std::move(fieldResult).get(field))
                    return malformed(topic, QStringLiteral("truncated bin"));
                const od::raw_json_string key = field.key();
                od::value value = field.value();
                bool ok = true;
                std::string_view text;
                if (key == "timestamp") {
                    ok = value.get_string().get(text) == simdjson::SUCCESS;
                    end = ok ? parseTimestamp(text) : std::nullopt;
                    ok = end.has_value();
                } else if (key == "symbol") {
                    ok = value.get_string().get(symbol) == simdjson::SUCCESS;
                } else if (key == "open") {
                    ok = readOptionalNumber(value, open);
                } else if (key == "high") {
                    ok = readOptionalNumber(value, high);
                } else if (key == "low") {
                    ok = readOptionalNumber(value, low);
                } else if (key == "close") {
                    ok = readOptionalNumber(value, close);
                } else if (key == "homeNotional") {
                    ok = readOptionalNumber(value, volume, true); // base coin; "volume" is in contracts
                } else if (key == "foreignNotional") {
                    ok = readOptionalNumber(value, turnover, true);
                }
                if (!ok)
                    return malformed(topic,
                                     QStringLiteral("bin field %1 unreadable").arg(toQString(keyText(key))));
            }
            if (symbol.empty() || !end)
                return malformed(topic, QStringLiteral("bin lacks symbol or timestamp"));
            topic = scratch.topicOf(table, symbol);
            if (!open || !high || !low || !close)
                continue; // a bin BitMEX has no prices for yet
            // BitMEX stamps a bin with the end of its interval.
            c.openTimeMs = *end - intervalMilliseconds(interval);
            c.open = *open;
            c.high = *high;
            c.low = *low;
            c.close = *close;
            c.volume = volume.value_or(Decimal());
            c.turnover = turnover.value_or(Decimal());
            c.closed = true; // tradeBin pushes a bin once it has ended
            sink.onCandle(toQString(symbol), interval, c);
            // A 5m or 1h bin also moves the 15m or 4h candle built from it, once a chart has asked for one.
            if (const auto built = scratch.candles.addPushedBin(symbol, interval, c))
                sink.onCandle(toQString(symbol), built->interval, built->candle);
        }
        return topic.empty() ? ignored() : dataResult(topic);
    }
};

BitmexMarketData::BitmexMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(1024);
    m_scratch->asks.reserve(1024);
    m_scratch->rows.reserve(1024);
}

BitmexMarketData::~BitmexMarketData() = default;

BitmexCandleBuilder& BitmexMarketData::candleBuilder() const
{
    return m_scratch->candles;
}

QString BitmexMarketData::venue() const
{
    return QStringLiteral("bitmex");
}

QList<Category> BitmexMarketData::categories() const
{
    return {Category::Inverse, Category::Linear};
}

QStringList BitmexMarketData::defaultSymbols(Category category) const
{
    switch (category) {
    case Category::Inverse:
        return {QStringLiteral("XBTUSD")};
    case Category::Linear:
        return {QStringLiteral("XBTUSDT"), QStringLiteral("ETHUSDT"), QStringLiteral("SOLUSDT"),
                QStringLiteral("XRPUSDT")};
    default:
        return {};
    }
}

QUrl BitmexMarketData::publicStreamUrl(Category, Environment environment) const
{
    // BitMEX's testnet is its demo (paper money): "demo" never reaches the real venue.
    return QUrl(environment != Environment::Mainnet ? QStringLiteral("wss://ws.testnet.bitmex.com/realtime")
                                                    : QStringLiteral("wss://ws.bitmex.com/realtime"));
}

QUrl BitmexMarketData::restBaseUrl(Environment environment) const
{
    // Paths carry /api/v1 themselves: BitMEX signs the full path. Demo: the testnet, as above.
    return QUrl(environment != Environment::Mainnet ? QStringLiteral("https://testnet.bitmex.com")
                                                    : QStringLiteral("https://www.bitmex.com"));
}

const StreamProtocol& BitmexMarketData::streamProtocol() const
{
    return m_protocol;
}

QString BitmexMarketData::topic(Category, const ChannelRequest& request) const
{
    switch (request.channel) {
    case Channel::Ticker:
        return QStringLiteral("instrument:") + request.symbol;
    case Channel::Book:
        // orderBookL2_25 is the top 25 levels, throttled; anything deeper needs the full book.
        return (request.depth <= 25 ? QStringLiteral("orderBookL2_25:") : QStringLiteral("orderBookL2:")) +
               request.symbol;
    case Channel::Trades:
        return QStringLiteral("trade:") + request.symbol;
    case Channel::Candles: {
        // 15m and 4h: the 5m or 1h bins, folded into the wanted interval as they come (parseBins).
        m_scratch->candles.follow(request.symbol.toStdString(), request.interval);
        const QString bin =
            BitmexCandleBuilder::binSize(BitmexCandleBuilder::sourceInterval(request.interval));
        return bin.isEmpty() ? QString()
                             : QStringLiteral("tradeBin") + bin + QLatin1Char(':') + request.symbol;
    }
    }
    return {};
}

std::chrono::milliseconds BitmexMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
        // orderBookL2 changes many times a second on any listed contract; a quiet book is a broken one.
        return std::chrono::seconds(10);
    case Channel::Ticker:
        // The instrument table updates mark and fair prices every few seconds.
        return std::chrono::seconds(20);
    case Channel::Candles:
    case Channel::Trades:
        return std::chrono::milliseconds(0); // tradeBin pushes once per bin; a quiet market has no trades
    }
    return std::chrono::milliseconds(0);
}

void BitmexMarketData::reset()
{
    // A new connection starts with fresh partials.
    for (auto& [symbol, book] : m_scratch->books) {
        book.live = false;
        book.levels.clear();
    }
}

ResyncPlan BitmexMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    // BitMEX answers every subscription with a partial.
    ChannelRequest request;
    request.channel = Channel::Book;
    request.symbol = symbol;
    request.depth = depth;
    return ResyncPlan{{topic(category, request)}};
}

ParseResult BitmexMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
{
    Q_UNUSED(category);
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded copy.
    auto& padded = m_scratch->padded;
    const std::size_t len = static_cast<std::size_t>(frame.size());
    if (padded.size() < len + simdjson::SIMDJSON_PADDING)
        padded.resize(len + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), frame.data(), len);
    return FrameParser{*m_scratch, sink, {}, {}, {}, {}}.run(padded.data(), len, padded.size());
}

std::optional<std::int64_t> BitmexMarketData::parseTimestamp(std::string_view s)
{
    // YYYY-MM-DDTHH:MM:SS[.fff]Z
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s.back() != 'Z')
        return std::nullopt;
    bool ok = true;
    const int year = digits(s, 0, 4, ok);
    const int month = digits(s, 5, 2, ok);
    const int day = digits(s, 8, 2, ok);
    const int hour = digits(s, 11, 2, ok);
    const int minute = digits(s, 14, 2, ok);
    const int second = digits(s, 17, 2, ok);
    int millis = 0;
    if (s.size() > 20) {
        if (s[19] != '.' || s.size() < 22)
            return std::nullopt;
        const std::size_t n = s.size() - 21;
        const int fraction = digits(s, 20, std::min<std::size_t>(n, 3), ok);
        millis = fraction * (n == 1 ? 100 : n == 2 ? 10 : 1);
        for (std::size_t i = 23; i < s.size() - 1; ++i)
            ok = ok && s[i] >= '0' && s[i] <= '9'; // finer digits must still be digits
    }
    if (!ok || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 +
           static_cast<std::int64_t>(second) * 1000 + millis;
}
