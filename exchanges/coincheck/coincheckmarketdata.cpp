#include "coincheckmarketdata.h"

#include "exchanges/core/jsonfields.h"
#include "exchanges/core/tradecandles.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace {

// A diff held back while its book waits for the REST snapshot; owns its levels.
struct BufferedDiff
{
    std::int64_t stamp = 0; // last_update_at, Unix seconds
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
};

struct BookSync
{
    bool synced = false;        // a snapshot was applied: diffs go straight to the sink
    std::int64_t lastStamp = 0; // newest last_update_at seen on this connection
    std::deque<BufferedDiff> buffer;
};

constexpr std::string_view kBookSuffix = "-orderbook";
constexpr std::string_view kTradesSuffix = "-trades";

// Coincheck sends rates and amounts as strings ("148634.0").
using jsonfields::readStringDecimal;
using jsonfields::toQString;

bool readInt(std::string_view text, std::int64_t& out)
{
    if (text.empty() || text.size() > 18)
        return false;
    out = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + (c - '0');
    }
    return true;
}

// [[rate, amount], …]
bool readLevels(simdjson::dom::element e, std::vector<BookLevel>& out)
{
    simdjson::dom::array levels;
    if (e.get_array().get(levels))
        return false;
    for (simdjson::dom::element entry : levels) {
        simdjson::dom::array pair;
        if (entry.get_array().get(pair) || pair.size() != 2)
            return false;
        BookLevel level;
        if (!readStringDecimal(pair.at(0).value_unsafe(), level.price) ||
            !readStringDecimal(pair.at(1).value_unsafe(), level.size))
            return false;
        out.push_back(level);
    }
    return true;
}

} // namespace

struct CoincheckMarketData::Scratch
{
    simdjson::dom::parser parser;
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    std::vector<Trade> trades;
    std::string topic; // ParseResult::topic views it
    std::string pair;  // ParseResult::resyncSymbol / snapshotSymbol view it
    std::unordered_map<std::string, BookSync> books;
    std::size_t staleDropped = 0;
    // Pairs whose ticker a view asked for (built from trades) and candles being built per pair.
    std::unordered_set<std::string> tickers;
    TradeCandles candles;
};

struct CoincheckMarketData::FrameParser
{
    Scratch& scratch;
    MarketEventSink& sink;

    ParseResult result(ParseResult::Kind kind)
    {
        ParseResult r;
        r.kind = kind;
        r.topic = scratch.topic;
        return r;
    }

    ParseResult malformed(const QString& why, bool book = false)
    {
        ParseResult r = result(ParseResult::Kind::Malformed);
        r.error = why;
        if (book && !scratch.pair.empty())
            r.resyncSymbol = scratch.pair; // a diff we could not read may hold a change we now miss
        return r;
    }

    ParseResult run(QByteArrayView frame)
    {
        scratch.topic.clear();
        scratch.pair.clear();
        simdjson::dom::element root;
        if (scratch.parser.parse(frame.data(), static_cast<std::size_t>(frame.size())).get(root))
            return malformed(QStringLiteral("not JSON"));
        if (root.is_object())
            return result(ParseResult::Kind::Ignored); // Coincheck documents no control messages
        simdjson::dom::array top;
        if (root.get_array().get(top) || top.size() == 0)
            return malformed(QStringLiteral("neither an order-book nor a trades array"));
        const simdjson::dom::element first = top.at(0).value_unsafe();
        if (first.is_string())
            return book(top);
        if (first.is_array())
            return trades(top);
        return malformed(QStringLiteral("neither an order-book nor a trades array"));
    }

    // ["btc_jpy",{"bids":[["148634.0","0"],…],"asks":[…],"last_update_at":"1659321701"}]
    ParseResult book(simdjson::dom::array top)
    {
        scratch.pair = std::string(top.at(0).get_string().value_unsafe());
        scratch.topic = scratch.pair + std::string(kBookSuffix);
        simdjson::dom::object body;
        if (top.size() != 2 || top.at(1).get_object().get(body))
            return malformed(QStringLiteral("order book frame is not [pair, {bids, asks}]"), true);
        scratch.bids.clear();
        scratch.asks.clear();
        simdjson::dom::element bids, asks, stampValue;
        if (body["bids"].get(bids) || body["asks"].get(asks) || !readLevels(bids, scratch.bids) ||
            !readLevels(asks, scratch.asks))
            return malformed(QStringLiteral("order book bids/asks are not [rate, amount] string pairs"),
                             true);
        std::int64_t stamp = 0;
        if (body["last_update_at"].get(stampValue) == simdjson::SUCCESS) {
            std::string_view text;
            if (stampValue.get_string().get(text) || !readInt(text, stamp))
                return malformed(QStringLiteral("order book last_update_at is not a Unix time string"), true);
        }

        BookSync& sync = scratch.books[scratch.pair];
        if (stamp != 0 && stamp < sync.lastStamp) {
            // last_update_at never goes backwards on one connection: this diff is older than one
            // already taken (a replay or out-of-order delivery); the book holds newer amounts.
            ++scratch.staleDropped;
            return result(ParseResult::Kind::Ignored);
        }
        if (stamp != 0)
            sync.lastStamp = stamp;
        if (sync.synced) {
            BookUpdate update;
            update.symbol = scratch.pair;
            update.levels.bids = scratch.bids;
            update.levels.asks = scratch.asks;
            update.levels.rule = OrderBook::SequenceRule::None;
            update.levels.timestampMs = stamp * 1000;
            sink.onBook(update);
            return result(ParseResult::Kind::Data);
        }
        if (sync.buffer.size() >= MaxBufferedDiffs)
            sync.buffer.pop_front();
        sync.buffer.push_back(BufferedDiff{stamp, scratch.bids, scratch.asks});
        ParseResult r = result(ParseResult::Kind::Control);
        r.snapshotSymbol = scratch.pair; // held back: the feed fetches a snapshot
        return r;
    }

    // [["1663318663","2357062","btc_jpy","2820896.0","5.0","sell","1193401","2078767"], …]:
    // timestamp (s), id, pair, rate, amount, taker side, taker order id, maker order id.
    ParseResult trades(simdjson::dom::array rows)
    {
        scratch.trades.clear();
        for (simdjson::dom::element row : rows) {
            simdjson::dom::array f;
            if (row.get_array().get(f) || f.size() < 6)
                return malformed(QStringLiteral("trade is not [timestamp, id, pair, rate, amount, side, …]"));
            std::string_view text[6];
            for (std::size_t i = 0; i < 6; ++i) {
                if (f.at(i).get_string().get(text[i]))
                    return malformed(QStringLiteral("trade fields are not strings"));
            }
            if (scratch.pair.empty()) {
                scratch.pair = std::string(text[2]);
                scratch.topic = scratch.pair + std::string(kTradesSuffix);
            } else if (text[2] != scratch.pair) {
                return malformed(QStringLiteral("trades of several pairs in one frame"));
            }
            std::int64_t seconds = 0;
            const auto price = Decimal::parse(text[3]);
            const auto size = Decimal::parse(text[4]);
            if (!readInt(text[0], seconds) || text[1].empty() || !price || !size)
                return malformed(QStringLiteral("trade lacks a timestamp, id, rate or amount"));
            Trade t;
            t.symbol = toQString(text[2]);
            t.id = toQString(text[1]);
            t.price = *price;
            t.size = *size;
            if (text[5] == "buy")
                t.takerSide = Side::Buy;
            else if (text[5] == "sell")
                t.takerSide = Side::Sell;
            else
                return malformed(QStringLiteral("trade side is neither buy nor sell"));
            t.timestampMs = seconds * 1000;
            scratch.trades.push_back(std::move(t));
        }
        if (scratch.trades.empty())
            return result(ParseResult::Kind::Ignored);
        std::stable_sort(scratch.trades.begin(), scratch.trades.end(),
                         [](const Trade& a, const Trade& b) { return a.timestampMs < b.timestampMs; });
        sink.onTrades(scratch.trades);
        const QString symbol = scratch.trades.front().symbol;
        if (scratch.tickers.contains(scratch.pair)) {
            // No ticker stream: the last trade is the ticker's last price (bid/ask come from the book).
            Ticker t;
            t.symbol = symbol;
            t.lastPrice = scratch.trades.back().price;
            t.timestampMs = scratch.trades.back().timestampMs;
            sink.onTicker(t, false);
        }
        buildCandles(symbol);
        return result(ParseResult::Kind::Data);
    }

    void buildCandles(const QString& symbol)
    {
        scratch.candles.add(scratch.pair, symbol, scratch.trades, sink);
    }
};

CoincheckMarketData::CoincheckMarketData()
    : m_scratch(std::make_unique<Scratch>())
{
    m_scratch->bids.reserve(256);
    m_scratch->asks.reserve(256);
}

CoincheckMarketData::~CoincheckMarketData() = default;

QString CoincheckMarketData::venue() const
{
    return QStringLiteral("coincheck");
}

QList<Category> CoincheckMarketData::categories() const
{
    return {Category::Spot};
}

QStringList CoincheckMarketData::defaultSymbols(Category category) const
{
    Q_UNUSED(category);
    return {QStringLiteral("btc_jpy")};
}

QUrl CoincheckMarketData::publicStreamUrl(Category category, Environment environment) const
{
    Q_UNUSED(category);
    Q_UNUSED(environment); // Coincheck has no testnet
    return QUrl(QStringLiteral("wss://ws-api.coincheck.com/"));
}

QUrl CoincheckMarketData::restBaseUrl(Environment environment) const
{
    Q_UNUSED(environment);
    return QUrl(QStringLiteral("https://coincheck.com"));
}

const StreamProtocol& CoincheckMarketData::streamProtocol() const
{
    return m_protocol;
}

QString CoincheckMarketData::topic(Category category, const ChannelRequest& request) const
{
    Q_UNUSED(category);
    const QString pair = request.symbol;
    const QString trades = pair + QLatin1String(kTradesSuffix.data(), kTradesSuffix.size());
    switch (request.channel) {
    case Channel::Book:
        // Coincheck's book channel has no depth parameter.
        return pair + QLatin1String(kBookSuffix.data(), kBookSuffix.size());
    case Channel::Trades:
        return trades;
    case Channel::Ticker:
        // No ticker channel: the ticker's last price comes from the trades channel.
        m_scratch->tickers.insert(pair.toStdString());
        return trades;
    case Channel::Candles: {
        // No candle channel: candles come from the trades channel.
        m_scratch->candles.want(pair.toStdString(), request.interval);
        return trades;
    }
    }
    return {};
}

std::chrono::milliseconds CoincheckMarketData::expectedCadence(Channel channel) const
{
    switch (channel) {
    case Channel::Book:
        // Diffs flow several times a second on the JPY pairs; a minute of silence means a dead stream.
        return std::chrono::seconds(60);
    case Channel::Ticker:
    case Channel::Trades:
    case Channel::Candles:
        return std::chrono::milliseconds(0); // built from trades: a quiet market has none
    }
    return std::chrono::milliseconds(0);
}

ParseResult CoincheckMarketData::parse(QByteArrayView frame, Category category, MarketEventSink& sink)
{
    Q_UNUSED(category);
    return FrameParser{*m_scratch, sink}.run(frame);
}

void CoincheckMarketData::reset()
{
    // A new connection: every book waits for a new snapshot, and last_update_at starts afresh.
    m_scratch->books.clear();
}

std::size_t CoincheckMarketData::bufferedDiffs(std::string_view symbol) const
{
    const auto it = m_scratch->books.find(std::string(symbol));
    return it == m_scratch->books.end() ? 0 : it->second.buffer.size();
}

std::size_t CoincheckMarketData::staleDiffsDropped() const
{
    return m_scratch->staleDropped;
}

ResyncPlan CoincheckMarketData::resyncPlan(Category category, const QString& symbol, int depth) const
{
    Q_UNUSED(category);
    Q_UNUSED(depth); // the snapshot has Coincheck's fixed depth
    ResyncPlan plan;
    RestRequest r;
    r.path = QStringLiteral("/api/order_books");
    r.query = {{QStringLiteral("pair"), symbol}};
    plan.snapshot = r;
    return plan;
}

void CoincheckMarketData::restartBook(Category category, const QString& symbol)
{
    Q_UNUSED(category);
    BookSync& book = m_scratch->books[symbol.toStdString()];
    if (book.synced) {
        book.synced = false;
        book.buffer.clear();
    }
}

namespace {
// REST levels: the documented example has numeric rates ([27330, "2.25"]), the live API strings; a
// number is read from its shortest exact text, never kept as a double.
bool readRestLevels(const QJsonValue& value, std::vector<BookLevel>& out)
{
    if (!value.isArray())
        return false;
    for (const QJsonValue& entry : value.toArray()) {
        const QJsonArray pair = entry.toArray();
        if (pair.size() != 2)
            return false;
        std::optional<Decimal> parts[2];
        for (int i = 0; i < 2; ++i) {
            const QJsonValue v = pair.at(i);
            if (v.isString())
                parts[i] = Decimal::parse(v.toString());
            else if (v.isDouble())
                parts[i] = Decimal::parse(QString::number(v.toDouble(), 'f', QLocale::FloatingPointShortest));
        }
        if (!parts[0] || !parts[1])
            return false;
        out.push_back(BookLevel{*parts[0], *parts[1]});
    }
    return true;
}
} // namespace

SnapshotResult CoincheckMarketData::applySnapshot(Category category, const QString& symbol,
                                                  const QJsonDocument& reply, MarketEventSink& sink)
{
    Q_UNUSED(category);
    using Kind = SnapshotResult::Kind;
    // {"asks":[[rate, amount],…],"bids":[…]}: no time, no sequence.
    if (const auto error = replyError(reply))
        return {Kind::Malformed, error->message};
    const QJsonObject o = reply.object();
    std::vector<BookLevel> bids;
    std::vector<BookLevel> asks;
    if (!readRestLevels(o.value(QLatin1String("bids")), bids) ||
        !readRestLevels(o.value(QLatin1String("asks")), asks))
        return {Kind::Malformed, QStringLiteral("order_books bids/asks are not [rate, amount] pairs")};

    const std::string pair = symbol.toStdString();
    BookSync& book = m_scratch->books[pair];
    if (book.synced)
        return {Kind::Applied, {}}; // a late answer to a request another snapshot already served

    std::deque<BufferedDiff> pending;
    pending.swap(book.buffer);
    book.synced = true;

    BookUpdate update;
    update.symbol = pair;
    update.isSnapshot = true;
    update.levels.bids = bids;
    update.levels.asks = asks;
    update.levels.timestampMs = book.lastStamp * 1000;
    sink.onBook(update);

    // The buffered diffs, oldest first: absolute amounts make those the snapshot already holds harmless.
    while (!pending.empty() && book.synced) {
        const BufferedDiff& d = pending.front();
        BookUpdate diff;
        diff.symbol = pair;
        diff.levels.bids = d.bids;
        diff.levels.asks = d.asks;
        diff.levels.rule = OrderBook::SequenceRule::None;
        diff.levels.timestampMs = d.stamp * 1000;
        sink.onBook(diff);
        pending.pop_front();
    }
    // The sink found the book inconsistent meanwhile (crossed) and restarted it: the diffs not yet
    // applied wait for the next snapshot.
    for (BufferedDiff& d : pending)
        book.buffer.push_back(std::move(d));
    return {Kind::Applied, {}};
}
