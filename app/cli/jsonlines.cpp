#include "jsonlines.h"

void JsonLine::appendString(std::string& out, std::string_view value)
{
    out += '"';
    for (char c : value) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void JsonLine::key(std::string_view key)
{
    if (m_text.size() > 1)
        m_text += ',';
    appendString(m_text, key);
    m_text += ':';
}

JsonLine& JsonLine::field(std::string_view k, std::string_view value)
{
    key(k);
    appendString(m_text, value);
    return *this;
}

JsonLine& JsonLine::field(std::string_view k, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    return field(k, std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

JsonLine& JsonLine::field(std::string_view k, std::int64_t value)
{
    key(k);
    m_text += std::to_string(value);
    return *this;
}

JsonLine& JsonLine::field(std::string_view k, bool value)
{
    key(k);
    m_text += value ? "true" : "false";
    return *this;
}

JsonLine& JsonLine::field(std::string_view k, Decimal value)
{
    key(k);
    char buf[Decimal::MaxChars];
    m_text += '"';
    m_text.append(buf, static_cast<std::size_t>(value.toChars(buf)));
    m_text += '"';
    return *this;
}

JsonLine& JsonLine::field(std::string_view k, const std::optional<Decimal>& value)
{
    if (value)
        field(k, *value);
    return *this;
}

JsonLine& JsonLine::levels(std::string_view k, const OrderBook& book, bool bids, std::size_t depth)
{
    key(k);
    m_text += '[';
    const std::size_t n = std::min(depth, bids ? book.bidCount() : book.askCount());
    char buf[Decimal::MaxChars];
    for (std::size_t i = 0; i < n; ++i) {
        const BookLevel level = bids ? book.bid(i) : book.ask(i);
        if (i != 0)
            m_text += ',';
        m_text += "[\"";
        m_text.append(buf, static_cast<std::size_t>(level.price.toChars(buf)));
        m_text += "\",\"";
        m_text.append(buf, static_cast<std::size_t>(level.size.toChars(buf)));
        m_text += "\"]";
    }
    m_text += ']';
    return *this;
}

JsonLine& JsonLine::raw(std::string_view k, std::string_view json)
{
    key(k);
    m_text += json;
    return *this;
}

std::string JsonLine::finish()
{
    m_text += '}';
    return std::move(m_text);
}

void JsonLine::writeTo(std::FILE* out)
{
    std::string text = finish();
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), out);
    std::fflush(out);
}

namespace {
JsonLine header(std::string_view type, const QString& exchange, Category category)
{
    JsonLine line;
    line.field("type", type).field("exchange", exchange).field("category", categoryName(category));
    return line;
}
} // namespace

JsonLine bookLine(const QString& exchange, Category category, std::string_view symbol, const OrderBook& book,
                  std::size_t depth)
{
    JsonLine line = header("book", exchange, category);
    line.field("symbol", symbol)
        .field("state", std::string_view(bookStateName(book.state())))
        .field("sequence", static_cast<std::int64_t>(book.sequence()))
        .field("ts", static_cast<std::int64_t>(book.timestampMs()))
        .levels("bids", book, true, depth)
        .levels("asks", book, false, depth);
    return line;
}

JsonLine tickerLine(const QString& exchange, Category category, const Ticker& t)
{
    JsonLine line = header("ticker", exchange, category);
    line.field("symbol", t.symbol)
        .field("last", t.lastPrice)
        .field("bid", t.bidPrice)
        .field("bid_size", t.bidSize)
        .field("ask", t.askPrice)
        .field("ask_size", t.askSize)
        .field("high_24h", t.highPrice24h)
        .field("low_24h", t.lowPrice24h)
        .field("volume_24h", t.volume24h)
        .field("turnover_24h", t.turnover24h)
        .field("change_24h", t.change24h)
        .field("mark", t.markPrice)
        .field("index", t.indexPrice)
        .field("open_interest", t.openInterest)
        .field("funding_rate", t.fundingRate);
    if (t.nextFundingMs != 0)
        line.field("next_funding_ts", static_cast<std::int64_t>(t.nextFundingMs));
    line.field("ts", static_cast<std::int64_t>(t.timestampMs));
    return line;
}

JsonLine tradeLine(const QString& exchange, Category category, const Trade& t)
{
    JsonLine line = header("trade", exchange, category);
    line.field("symbol", t.symbol)
        .field("id", t.id)
        .field("price", t.price)
        .field("size", t.size)
        .field("side", std::string_view(t.takerSide == Side::Buy ? "buy" : "sell"))
        .field("ts", static_cast<std::int64_t>(t.timestampMs));
    return line;
}

JsonLine candleLine(const QString& exchange, Category category, const QString& symbol,
                    CandleInterval interval, const Candle& c)
{
    JsonLine line = header("candle", exchange, category);
    line.field("symbol", symbol)
        .field("interval", intervalName(interval))
        .field("open_time", static_cast<std::int64_t>(c.openTimeMs))
        .field("open", c.open)
        .field("high", c.high)
        .field("low", c.low)
        .field("close", c.close)
        .field("volume", c.volume)
        .field("turnover", c.turnover)
        .field("closed", c.closed);
    return line;
}
