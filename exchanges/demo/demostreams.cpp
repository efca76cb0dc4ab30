#include "demostreams.h"

#include "exchanges/bybit/bybitmarketdata.h"

#include <QHash>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <span>

namespace {

using Level = DemoMarket::Level;

void appendInt(QByteArray& out, std::int64_t value)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, static_cast<qsizetype>(r.ptr - buf));
}

void appendDecimal(QByteArray& out, Decimal value)
{
    char buf[Decimal::MaxChars];
    out.append(buf, value.toChars(buf));
}

void appendQuoted(QByteArray& out, Decimal value)
{
    out.append('"');
    appendDecimal(out, value);
    out.append('"');
}

QByteArray decimalText(Decimal value)
{
    QByteArray out;
    appendDecimal(out, value);
    return out;
}

const char* tickDirectionName(int direction)
{
    switch (direction) {
    case 1:
        return "PlusTick";
    case -1:
        return "MinusTick";
    case 2:
        return "ZeroPlusTick";
    default:
        return "ZeroMinusTick";
    }
}

// Sim-time cadence per topic, as Bybit publishes: orderbook.1 10 ms, .50 20 ms, .200 100 ms,
// .1000 200 ms; linear tickers 100 ms, spot 50 ms.
std::int64_t bookCadenceMs(int depth)
{
    switch (depth) {
    case 1:
        return 10;
    case 50:
        return 20;
    case 200:
        return 100;
    default:
        return 200;
    }
}

void topLevels(const DemoMarket::Book& book, bool bids, int depth, std::vector<Level>& out)
{
    out.clear();
    const std::size_t n =
        std::min<std::size_t>(static_cast<std::size_t>(depth), bids ? book.bidCount() : book.askCount());
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(bids ? book.bid(i) : book.ask(i));
}

void appendLevel(QByteArray& out, const DemoMarket::Book& book, std::int64_t price, std::int64_t lots,
                 bool& first)
{
    out.append(first ? "[" : ",[");
    first = false;
    appendQuoted(out, book.price(price));
    out.append(',');
    if (lots == 0)
        out.append("\"0\"");
    else
        appendQuoted(out, book.quantity(lots));
    out.append(']');
}

// Levels that differ between what subscribers hold and the book's top now, best first: changed and
// entering levels with their size, leaving levels with "0".
bool appendDiff(QByteArray& out, const DemoMarket::Book& book, bool bids, const std::vector<Level>& held,
                const std::vector<Level>& now)
{
    const auto better = [bids](std::int64_t a, std::int64_t b) { return bids ? a > b : a < b; };
    bool first = true;
    std::size_t i = 0, j = 0;
    while (i < held.size() || j < now.size()) {
        if (j == now.size() || (i < held.size() && better(held[i].priceTicks, now[j].priceTicks))) {
            appendLevel(out, book, held[i].priceTicks, 0, first);
            ++i;
        } else if (i == held.size() || better(now[j].priceTicks, held[i].priceTicks)) {
            appendLevel(out, book, now[j].priceTicks, now[j].lots, first);
            ++j;
        } else {
            if (held[i].lots != now[j].lots)
                appendLevel(out, book, now[j].priceTicks, now[j].lots, first);
            ++i;
            ++j;
        }
    }
    return !first;
}

QByteArray tradeId(Category category, const QString& symbol, std::uint64_t id)
{
    if (category == Category::Spot)
        return QByteArray::number(static_cast<qulonglong>(2'290'000'000'000'000'000ULL + id));
    // Linear trade ids are UUIDs; derive one from the symbol and the fill number (splitmix64).
    auto mix = [](std::uint64_t z) {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    const std::uint64_t salt = qHash(symbol);
    const std::uint64_t hi = mix(salt ^ id);
    const std::uint64_t lo = mix(hi + id);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-5%03x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xfff),
                  static_cast<unsigned>(0x8000 | ((lo >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(lo & 0xffffffffffffULL));
    return QByteArray(buf);
}

} // namespace

DemoPublicStreams::DemoPublicStreams(DemoMarket& market)
    : m_market(market)
{}

DemoPublicStreams::~DemoPublicStreams() = default;

DemoPublicStreams::Topic* DemoPublicStreams::topic(Category category, const QString& name)
{
    for (auto& t : m_topics) {
        if (t->m_category == category && t->m_name == name)
            return t.get();
    }
    const QStringList parts = name.split(QLatin1Char('.'));
    if (parts.size() < 2 || parts.size() > 3)
        return nullptr;
    DemoMarket::Book* book = m_market.find(category, parts.last());
    if (!book)
        return nullptr;
    auto t = std::make_unique<Topic>();
    t->m_category = category;
    t->m_name = name;
    t->m_nameUtf8 = name.toUtf8();
    t->m_book = book;
    const QString& kind = parts.first();
    if (kind == QLatin1String("orderbook") && parts.size() == 3) {
        bool ok = false;
        const int depth = parts[1].toInt(&ok);
        if (!ok || (depth != 1 && depth != 50 && depth != 200 && depth != 1000))
            return nullptr;
        t->m_kind = Topic::Kind::Book;
        t->m_depth = depth;
    } else if (kind == QLatin1String("tickers") && parts.size() == 2) {
        t->m_kind = Topic::Kind::Ticker;
    } else if (kind == QLatin1String("publicTrade") && parts.size() == 2) {
        t->m_kind = Topic::Kind::Trades;
    } else if (kind == QLatin1String("kline") && parts.size() == 3) {
        const QByteArray code = parts[1].toLatin1();
        const auto interval =
            BybitMarketData::intervalFromCode(std::string_view(code.constData(), code.size()));
        if (!interval)
            return nullptr;
        t->m_kind = Topic::Kind::Kline;
        t->m_interval = *interval;
        t->m_intervalCode = code;
    } else {
        return nullptr;
    }
    // Bybit's u is large and moves on; it restarts at 1 only when its service restarts.
    t->m_updateId = 100'000 + static_cast<std::int64_t>(qHash(name) % 1'000'000);
    m_topics.push_back(std::move(t));
    return m_topics.back().get();
}

namespace {} // namespace

DemoTickerFields demoTickerFields(const DemoMarket& market, const DemoMarket::Book& book, bool withSpotBook)
{
    std::vector<std::pair<const char*, QByteArray>> f;
    const DemoMarket::Stats24h s = book.stats24h();
    const std::int64_t last = book.lastPrice();
    const bool linear = book.category() == Category::Linear;
    // price24hPcnt: (last − prev) / prev, to 6 (linear) or 4 (spot) places, exact integer arithmetic.
    const int pctScale = linear ? 6 : 4;
    std::int64_t scale = 1;
    for (int i = 0; i < pctScale; ++i)
        scale *= 10;
    const __int128 num = static_cast<__int128>(last - s.prevPrice24h) * scale;
    const __int128 den = s.prevPrice24h > 0 ? s.prevPrice24h : 1;
    const __int128 half = den / 2;
    const auto pct = static_cast<std::int64_t>(num >= 0 ? (num + half) / den : (num - half) / den);
    const QByteArray pctText = decimalText(Decimal::fromMantissa(pct, pctScale));
    const QByteArray symbol = book.symbol().toUtf8();
    if (linear) {
        const std::int64_t mark = book.markPrice();
        const std::int64_t period = 8 * 3'600'000;
        const std::int64_t nextFunding = (market.nowMs() / period + 1) * period;
        f.emplace_back("symbol", symbol);
        f.emplace_back("tickDirection", QByteArray(tickDirectionName(book.lastTickDirection())));
        f.emplace_back("price24hPcnt", pctText);
        f.emplace_back("lastPrice", decimalText(book.price(last)));
        f.emplace_back("prevPrice24h", decimalText(book.price(s.prevPrice24h)));
        f.emplace_back("highPrice24h", decimalText(book.price(s.high)));
        f.emplace_back("lowPrice24h", decimalText(book.price(s.low)));
        f.emplace_back("prevPrice1h", decimalText(book.price(s.prevPrice1h)));
        f.emplace_back("markPrice", decimalText(book.price(mark)));
        f.emplace_back("indexPrice", decimalText(book.price(book.indexPrice())));
        f.emplace_back("openInterest", decimalText(book.quantity(book.openInterestLots())));
        const Decimal oiValue = book.turnover(book.openInterestLots() * mark);
        f.emplace_back("openInterestValue",
                       decimalText(oiValue.roundedTo(Decimal::fromMantissa(1, 2)).value_or(oiValue)));
        f.emplace_back("turnover24h", decimalText(book.turnover(s.turnover)));
        f.emplace_back("volume24h", decimalText(book.quantity(s.volumeLots)));
        f.emplace_back("nextFundingTime", QByteArray::number(static_cast<qlonglong>(nextFunding)));
        f.emplace_back("fundingRate", decimalText(Decimal::fromMantissa(book.fundingRatePpm(), 6)));
        f.emplace_back("bid1Price", decimalText(book.price(book.bestBid())));
        f.emplace_back("bid1Size", decimalText(book.quantity(book.bidCount() ? book.bid(0).lots : 0)));
        f.emplace_back("ask1Price", decimalText(book.price(book.bestAsk())));
        f.emplace_back("ask1Size", decimalText(book.quantity(book.askCount() ? book.ask(0).lots : 0)));
        f.emplace_back("fundingIntervalHour", QByteArray("8"));
    } else {
        f.emplace_back("symbol", symbol);
        f.emplace_back("lastPrice", decimalText(book.price(last)));
        f.emplace_back("highPrice24h", decimalText(book.price(s.high)));
        f.emplace_back("lowPrice24h", decimalText(book.price(s.low)));
        f.emplace_back("prevPrice24h", decimalText(book.price(s.prevPrice24h)));
        f.emplace_back("volume24h", decimalText(book.quantity(s.volumeLots)));
        f.emplace_back("turnover24h", decimalText(book.turnover(s.turnover)));
        f.emplace_back("price24hPcnt", pctText);
        f.emplace_back("usdIndexPrice", decimalText(book.price(book.indexPrice())));
        if (withSpotBook) {
            // REST spot tickers carry the touch; the spot stream does not.
            f.emplace_back("bid1Price", decimalText(book.price(book.bestBid())));
            f.emplace_back("bid1Size", decimalText(book.quantity(book.bidCount() ? book.bid(0).lots : 0)));
            f.emplace_back("ask1Price", decimalText(book.price(book.bestAsk())));
            f.emplace_back("ask1Size", decimalText(book.quantity(book.askCount() ? book.ask(0).lots : 0)));
        }
    }
    return f;
}

namespace {

QByteArray tickerFrame(const QByteArray& topic, const char* type, std::int64_t ts, std::int64_t cs,
                       const std::vector<std::pair<const char*, QByteArray>>& fields,
                       const std::vector<bool>* only)
{
    QByteArray out;
    out.reserve(700);
    out.append("{\"topic\":\"").append(topic).append("\",\"type\":\"").append(type).append("\",\"data\":{");
    bool first = true;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (only && i > 0 && !(*only)[i])
            continue;
        if (!first)
            out.append(',');
        first = false;
        out.append('"').append(fields[i].first).append("\":\"").append(fields[i].second).append('"');
    }
    out.append("},\"cs\":");
    appendInt(out, cs);
    out.append(",\"ts\":");
    appendInt(out, ts);
    out.append('}');
    return out;
}

QByteArray klineFrame(const QByteArray& topic, const QByteArray& intervalCode, CandleInterval interval,
                      const DemoMarket::Book& book, const std::vector<DemoMarket::Bar>& bars, bool confirm,
                      std::int64_t ts)
{
    QByteArray out;
    out.append("{\"topic\":\"").append(topic).append("\",\"data\":[");
    bool first = true;
    for (const DemoMarket::Bar& b : bars) {
        out.append(first ? "{\"start\":" : ",{\"start\":");
        first = false;
        appendInt(out, b.openTimeMs);
        out.append(",\"end\":");
        appendInt(out, b.openTimeMs + intervalMilliseconds(interval) - 1);
        out.append(",\"interval\":\"").append(intervalCode).append("\",\"open\":");
        appendQuoted(out, book.price(b.open));
        out.append(",\"close\":");
        appendQuoted(out, book.price(b.close));
        out.append(",\"high\":");
        appendQuoted(out, book.price(b.high));
        out.append(",\"low\":");
        appendQuoted(out, book.price(b.low));
        out.append(",\"volume\":");
        appendQuoted(out, book.quantity(b.volumeLots));
        out.append(",\"turnover\":");
        appendQuoted(out, book.turnover(b.turnover).normalized());
        out.append(confirm ? ",\"confirm\":true,\"timestamp\":" : ",\"confirm\":false,\"timestamp\":");
        appendInt(out, ts);
        out.append('}');
    }
    out.append("],\"ts\":");
    appendInt(out, ts);
    out.append(",\"type\":\"snapshot\"}");
    return out;
}

} // namespace

void DemoPublicStreams::activate(Topic& t)
{
    const std::int64_t now = m_market.nowMs();
    t.m_lastPublishMs = now;
    t.m_lastSentMs = now;
    switch (t.m_kind) {
    case Topic::Kind::Book:
        topLevels(*t.m_book, true, t.m_depth, t.m_bids);
        topLevels(*t.m_book, false, t.m_depth, t.m_asks);
        t.m_bookVersion = t.m_book->version();
        ++t.m_updateId;
        break;
    case Topic::Kind::Ticker:
        t.m_fields = demoTickerFields(m_market, *t.m_book, false);
        break;
    case Topic::Kind::Trades:
        t.m_lastFillId = t.m_book->lastFillId();
        break;
    case Topic::Kind::Kline:
        t.m_lastBar = t.m_book->currentBar(t.m_interval);
        break;
    }
}

namespace {
QByteArray bookFrame(const QByteArray& topic, const char* type, const DemoMarket::Book& book,
                     const std::vector<Level>& bids, const std::vector<Level>& asks, std::int64_t u,
                     std::int64_t ts)
{
    QByteArray out;
    out.reserve(static_cast<qsizetype>(64 + 40 * (bids.size() + asks.size())));
    out.append("{\"topic\":\"").append(topic).append("\",\"type\":\"").append(type).append("\",\"ts\":");
    appendInt(out, ts);
    out.append(",\"data\":{\"s\":\"").append(book.symbol().toLatin1()).append("\",\"b\":[");
    bool first = true;
    for (const Level& l : bids)
        appendLevel(out, book, l.priceTicks, l.lots, first);
    out.append("],\"a\":[");
    first = true;
    for (const Level& l : asks)
        appendLevel(out, book, l.priceTicks, l.lots, first);
    out.append("],\"u\":");
    appendInt(out, u);
    out.append(",\"seq\":");
    appendInt(out, book.sequence());
    out.append("},\"cts\":");
    appendInt(out, ts - 1);
    out.append('}');
    return out;
}
} // namespace

QList<QByteArray> DemoPublicStreams::snapshot(Topic& t)
{
    const std::int64_t now = m_market.nowMs();
    switch (t.m_kind) {
    case Topic::Kind::Book:
        return {bookFrame(t.m_nameUtf8, "snapshot", *t.m_book, t.m_bids, t.m_asks, t.m_updateId, now)};
    case Topic::Kind::Ticker:
        return {tickerFrame(t.m_nameUtf8, "snapshot", now, t.m_book->sequence(), t.m_fields, nullptr)};
    case Topic::Kind::Trades:
        return {};
    case Topic::Kind::Kline:
        return {
            klineFrame(t.m_nameUtf8, t.m_intervalCode, t.m_interval, *t.m_book, {t.m_lastBar}, false, now)};
    }
    return {};
}

QList<QByteArray> DemoPublicStreams::publish(Topic& t)
{
    return publishTopic(t, false);
}

QList<QByteArray> DemoPublicStreams::flush(Topic& t)
{
    return publishTopic(t, true);
}

QList<QByteArray> DemoPublicStreams::churn(Topic& t, std::mt19937_64& random)
{
    switch (t.m_kind) {
    case Topic::Kind::Book:
        t.m_book->churn(random);
        break;
    case Topic::Kind::Ticker:
    case Topic::Kind::Trades:
        t.m_book->printTrade(random, m_market.nowMs());
        break;
    case Topic::Kind::Kline:
        return {};
    }
    return publishTopic(t, true);
}

QList<QByteArray> DemoPublicStreams::publishTopic(Topic& t, bool force)
{
    const std::int64_t now = m_market.nowMs();
    const DemoMarket::Book& book = *t.m_book;
    switch (t.m_kind) {
    case Topic::Kind::Book: {
        if (!force && now - t.m_lastPublishMs < bookCadenceMs(t.m_depth))
            return {};
        t.m_lastPublishMs = now;
        if (book.version() == t.m_bookVersion) {
            // orderbook.1 repeats an unchanged snapshot every 3 s, with the same u.
            if (t.m_depth == 1 && now - t.m_lastSentMs >= 3000) {
                t.m_lastSentMs = now;
                return {bookFrame(t.m_nameUtf8, "snapshot", book, t.m_bids, t.m_asks, t.m_updateId, now)};
            }
            return {};
        }
        t.m_bookVersion = book.version();
        thread_local std::vector<Level> bids, asks;
        topLevels(book, true, t.m_depth, bids);
        topLevels(book, false, t.m_depth, asks);
        if (bids == t.m_bids && asks == t.m_asks) {
            if (t.m_depth == 1 && now - t.m_lastSentMs >= 3000) {
                t.m_lastSentMs = now;
                return {bookFrame(t.m_nameUtf8, "snapshot", book, t.m_bids, t.m_asks, t.m_updateId, now)};
            }
            return {};
        }
        ++t.m_updateId;
        t.m_lastSentMs = now;
        if (t.m_depth == 1) {
            // Level 1 is always a snapshot.
            t.m_bids.swap(bids);
            t.m_asks.swap(asks);
            return {bookFrame(t.m_nameUtf8, "snapshot", book, t.m_bids, t.m_asks, t.m_updateId, now)};
        }
        QByteArray out;
        out.reserve(1024);
        out.append("{\"topic\":\"").append(t.m_nameUtf8).append("\",\"type\":\"delta\",\"ts\":");
        appendInt(out, now);
        out.append(",\"data\":{\"s\":\"").append(book.symbol().toLatin1()).append("\",\"b\":[");
        appendDiff(out, book, true, t.m_bids, bids);
        out.append("],\"a\":[");
        appendDiff(out, book, false, t.m_asks, asks);
        out.append("],\"u\":");
        appendInt(out, t.m_updateId);
        out.append(",\"seq\":");
        appendInt(out, book.sequence());
        out.append("},\"cts\":");
        appendInt(out, now - 1);
        out.append('}');
        t.m_bids.swap(bids);
        t.m_asks.swap(asks);
        return {out};
    }
    case Topic::Kind::Ticker: {
        const bool linear = t.m_category == Category::Linear;
        if (!force && now - t.m_lastPublishMs < (linear ? 100 : 50))
            return {};
        t.m_lastPublishMs = now;
        auto fields = demoTickerFields(m_market, book, false);
        std::vector<bool> changed(fields.size(), false);
        bool any = false;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            changed[i] = i >= t.m_fields.size() || t.m_fields[i].second != fields[i].second;
            any |= changed[i];
        }
        t.m_fields = std::move(fields);
        if (!any)
            return {};
        // Linear: deltas with the changed fields; spot: snapshots only (no bid/ask either).
        return {tickerFrame(t.m_nameUtf8, linear ? "delta" : "snapshot", now, book.sequence(), t.m_fields,
                            linear ? &changed : nullptr)};
    }
    case Topic::Kind::Trades: {
        QList<QByteArray> frames;
        const auto& all = book.fills();
        // Only what this topic has not sent yet (fills are in id order).
        const auto firstNew =
            std::upper_bound(all.begin(), all.end(), t.m_lastFillId,
                             [](std::uint64_t id, const DemoMarket::Fill& f) { return id < f.id; });
        const std::span<const DemoMarket::Fill> fills(firstNew, all.end());
        if (!fills.empty())
            t.m_lastFillId = fills.back().id;
        const QByteArray symbol = book.symbol().toLatin1();
        for (std::size_t from = 0; from < fills.size(); from += 1024) {
            QByteArray out;
            out.reserve(200 * static_cast<qsizetype>(std::min<std::size_t>(fills.size() - from, 1024)) + 80);
            out.append("{\"topic\":\"").append(t.m_nameUtf8).append("\",\"type\":\"snapshot\",\"ts\":");
            appendInt(out, now);
            out.append(",\"data\":[");
            for (std::size_t i = from; i < std::min(fills.size(), from + 1024); ++i) {
                const DemoMarket::Fill& f = fills[i];
                out.append(i == from ? "{\"T\":" : ",{\"T\":");
                appendInt(out, f.timeMs);
                out.append(",\"s\":\"").append(symbol).append("\",\"S\":\"");
                out.append(f.takerSide == Side::Buy ? "Buy" : "Sell");
                out.append("\",\"v\":");
                appendQuoted(out, book.quantity(f.lots));
                out.append(",\"p\":");
                appendQuoted(out, book.price(f.priceTicks));
                out.append(",\"L\":\"").append(tickDirectionName(f.tickDirection)).append("\",\"i\":\"");
                out.append(tradeId(t.m_category, book.symbol(), f.id));
                out.append("\",\"BT\":false,\"RPI\":false,\"seq\":");
                appendInt(out, 1'000'000'000 + static_cast<std::int64_t>(f.id));
                out.append('}');
            }
            out.append("]}");
            frames.append(out);
        }
        return frames;
    }
    case Topic::Kind::Kline: {
        QList<QByteArray> frames;
        const auto& closed = book.closedBars(t.m_interval);
        if (!closed.empty())
            frames.append(klineFrame(t.m_nameUtf8, t.m_intervalCode, t.m_interval, book, closed, true, now));
        const DemoMarket::Bar& bar = book.currentBar(t.m_interval);
        const bool changed = !(bar == t.m_lastBar);
        const std::int64_t since = now - t.m_lastPublishMs;
        // The open bar: at most every second while it changes, every 5 s when quiet, and right after
        // the previous one closed.
        if (!closed.empty() || (changed && (since >= 1000 || force)) || since >= 5000) {
            t.m_lastBar = bar;
            t.m_lastPublishMs = now;
            frames.append(klineFrame(t.m_nameUtf8, t.m_intervalCode, t.m_interval, book, {bar}, false, now));
        }
        return frames;
    }
    }
    return {};
}
