// Binance market-data REST: exchangeInfo instruments, kline history, and the {code, msg} error shape.
// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information
// https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
#include "binancemarketdata.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

RestRequest BinanceMarketData::instrumentsRequest(Category category) const
{
    RestRequest r;
    if (category == Category::Spot) {
        r.path = QStringLiteral("/api/v3/exchangeInfo");
        // The permission sets would multiply the (already large) reply; nothing here reads them.
        r.query = {{QStringLiteral("showPermissionSets"), QStringLiteral("false")}};
    } else {
        r.path = QStringLiteral("/fapi/v1/exchangeInfo");
    }
    return r;
}

namespace {
std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty())
        return std::nullopt;
    return Decimal::parse(v.toString());
}

// The filter of that type in a symbol's "filters" list.
QJsonObject filterOf(const QJsonArray& filters, QLatin1String type)
{
    for (const QJsonValue& f : filters) {
        const QJsonObject o = f.toObject();
        if (o.value(QLatin1String("filterType")).toString() == type)
            return o;
    }
    return {};
}
} // namespace

Result<std::vector<Instrument>, AdapterError>
BinanceMarketData::parseInstruments(Category category, const QJsonDocument& reply) const
{
    using R = Result<std::vector<Instrument>, AdapterError>;
    const QJsonValue list = reply.object().value(QLatin1String("symbols"));
    if (!list.isArray())
        return R::failure({QStringLiteral("exchangeInfo reply has no symbols")});
    std::vector<Instrument> out;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject o = v.toObject();
        Instrument i;
        i.venue = venue();
        i.category = category;
        i.symbol = o.value(QLatin1String("symbol")).toString();
        i.baseAsset = o.value(QLatin1String("baseAsset")).toString();
        i.quoteAsset = o.value(QLatin1String("quoteAsset")).toString();
        i.trading = o.value(QLatin1String("status")).toString() == QLatin1String("TRADING");
        const QJsonArray filters = o.value(QLatin1String("filters")).toArray();
        const QJsonObject price = filterOf(filters, QLatin1String("PRICE_FILTER"));
        const QJsonObject lot = filterOf(filters, QLatin1String("LOT_SIZE"));
        const auto tick = decimalAt(price, "tickSize");
        const auto step = decimalAt(lot, "stepSize");
        if (i.symbol.isEmpty() || !tick || !step || tick->isZero() || step->isZero())
            return R::failure(
                {QStringLiteral("instrument %1 lacks PRICE_FILTER.tickSize or LOT_SIZE.stepSize")
                     .arg(i.symbol)});
        i.tickSize = *tick;
        i.lotSize = *step;
        i.minQuantity = decimalAt(lot, "minQty").value_or(*step);
        i.maxQuantity = decimalAt(lot, "maxQty");
        // Spot: NOTIONAL.minNotional (older symbols: MIN_NOTIONAL.minNotional); futures:
        // MIN_NOTIONAL.notional.
        const QJsonObject notional = filterOf(filters, QLatin1String("NOTIONAL"));
        const QJsonObject minNotional = filterOf(filters, QLatin1String("MIN_NOTIONAL"));
        i.minNotional = decimalAt(notional, "minNotional");
        if (!i.minNotional)
            i.minNotional = decimalAt(minNotional, "minNotional");
        if (!i.minNotional)
            i.minNotional = decimalAt(minNotional, "notional");
        out.push_back(std::move(i));
    }
    return out;
}

RestRequest BinanceMarketData::candlesRequest(Category category, const QString& symbol,
                                              CandleInterval interval, std::int64_t endMs, int limit) const
{
    RestRequest r;
    const bool spot = category == Category::Spot;
    r.path = spot ? QStringLiteral("/api/v3/klines") : QStringLiteral("/fapi/v1/klines");
    r.query = {{QStringLiteral("symbol"), symbol.toUpper()},
               {QStringLiteral("interval"), intervalCode(interval)},
               {QStringLiteral("limit"), QString::number(std::clamp(limit, 1, spot ? 1000 : 1500))}};
    if (endMs > 0)
        r.query.append({QStringLiteral("endTime"), QString::number(endMs)});
    return r;
}

Result<std::vector<Candle>, AdapterError> BinanceMarketData::parseCandles(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Candle>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("klines reply is not an array")});
    std::vector<Candle> out;
    // [openTime, "open", "high", "low", "close", "volume", closeTime, "quoteVolume", trades, …],
    // oldest first.
    for (const QJsonValue& v : reply.array()) {
        const QJsonArray row = v.toArray();
        if (row.size() < 8 || !row.at(0).isDouble())
            return R::failure({QStringLiteral("kline row is not [openTime, open, high, low, close, volume, "
                                              "closeTime, quoteVolume, …]")});
        std::optional<Decimal> f[5];
        for (int k = 0; k < 5; ++k)
            f[k] = Decimal::parse(row.at(k + 1).toString());
        const auto quote = Decimal::parse(row.at(7).toString());
        if (!f[0] || !f[1] || !f[2] || !f[3] || !f[4])
            return R::failure({QStringLiteral("kline row has a price or volume that is not a decimal")});
        Candle c;
        c.openTimeMs = row.at(0).toInteger();
        c.open = *f[0];
        c.high = *f[1];
        c.low = *f[2];
        c.close = *f[3];
        c.volume = *f[4];
        c.turnover = quote.value_or(Decimal());
        c.closed = true; // the caller marks the newest one open if its interval has not ended
        out.push_back(c);
    }
    return out;
}

std::optional<RestError> BinanceMarketData::replyError(const QJsonDocument& reply) const
{
    // Errors are {"code":-1121,"msg":"Invalid symbol."}; successful market-data replies carry no code.
    const QJsonObject o = reply.object();
    const QJsonValue code = o.value(QLatin1String("code"));
    if (!code.isDouble() || code.toInteger() >= 0)
        return std::nullopt;
    RestError e;
    // -1003: too many requests (the HTTP status is 429 or 418 as well).
    e.kind = code.toInteger() == -1003 ? RestError::Kind::RateLimited : RestError::Kind::Venue;
    e.venueCode = QString::number(code.toInteger());
    e.message = o.value(QLatin1String("msg")).toString();
    return e;
}
