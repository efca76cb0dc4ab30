// Bybit V5 market-data REST: instruments-info, kline history, and the retCode/retMsg error shape.
// https://bybit-exchange.github.io/docs/v5/market/instrument , /v5/market/kline , /v5/error
#include "bybitmarketdata.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

RestRequest BybitMarketData::instrumentsRequest(Category category) const
{
    RestRequest r;
    r.path = QStringLiteral("/v5/market/instruments-info");
    r.query = {{QStringLiteral("category"), categoryName(category)},
               {QStringLiteral("limit"), QStringLiteral("1000")}};
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
} // namespace

Result<std::vector<Instrument>, AdapterError>
BybitMarketData::parseInstruments(Category category, const QJsonDocument& reply) const
{
    using R = Result<std::vector<Instrument>, AdapterError>;
    const QJsonValue list =
        reply.object().value(QLatin1String("result")).toObject().value(QLatin1String("list"));
    if (!list.isArray())
        return R::failure({QStringLiteral("instruments-info reply has no result.list")});
    std::vector<Instrument> out;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject o = v.toObject();
        Instrument i;
        i.venue = venue();
        i.category = category;
        i.symbol = o.value(QLatin1String("symbol")).toString();
        i.baseAsset = o.value(QLatin1String("baseCoin")).toString();
        i.quoteAsset = o.value(QLatin1String("quoteCoin")).toString();
        i.trading = o.value(QLatin1String("status")).toString() == QLatin1String("Trading");
        const QJsonObject price = o.value(QLatin1String("priceFilter")).toObject();
        const QJsonObject lot = o.value(QLatin1String("lotSizeFilter")).toObject();
        const auto tick = decimalAt(price, "tickSize");
        // Linear: qtyStep; spot: basePrecision is the quantity step.
        const auto step =
            category == Category::Spot ? decimalAt(lot, "basePrecision") : decimalAt(lot, "qtyStep");
        const auto minQty = decimalAt(lot, "minOrderQty");
        if (i.symbol.isEmpty() || !tick || !step)
            return R::failure(
                {QStringLiteral("instrument %1 lacks tickSize or quantity step").arg(i.symbol)});
        i.tickSize = *tick;
        i.lotSize = *step;
        i.minQuantity = minQty.value_or(*step);
        i.maxQuantity = decimalAt(lot, "maxOrderQty");
        // Linear: minNotionalValue; spot: minOrderAmt (quote amount).
        i.minNotional =
            category == Category::Spot ? decimalAt(lot, "minOrderAmt") : decimalAt(lot, "minNotionalValue");
        out.push_back(std::move(i));
    }
    return out;
}

RestRequest BybitMarketData::candlesRequest(Category category, const QString& symbol, CandleInterval interval,
                                            std::int64_t endMs, int limit) const
{
    RestRequest r;
    r.path = QStringLiteral("/v5/market/kline");
    r.query = {{QStringLiteral("category"), categoryName(category)},
               {QStringLiteral("symbol"), symbol},
               {QStringLiteral("interval"), intervalCode(interval)},
               {QStringLiteral("limit"), QString::number(std::clamp(limit, 1, 1000))}};
    if (endMs > 0)
        r.query.append({QStringLiteral("end"), QString::number(endMs)});
    return r;
}

Result<std::vector<Candle>, AdapterError> BybitMarketData::parseCandles(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Candle>, AdapterError>;
    const QJsonValue list =
        reply.object().value(QLatin1String("result")).toObject().value(QLatin1String("list"));
    if (!list.isArray())
        return R::failure({QStringLiteral("kline reply has no result.list")});
    std::vector<Candle> out;
    // [startTime, open, high, low, close, volume, turnover], newest first.
    for (const QJsonValue& v : list.toArray()) {
        const QJsonArray row = v.toArray();
        if (row.size() < 6)
            return R::failure({QStringLiteral("kline row has %1 fields, expected 7").arg(row.size())});
        bool ok = false;
        Candle c;
        c.openTimeMs = row.at(0).toString().toLongLong(&ok);
        std::optional<Decimal> f[6];
        for (int k = 1; k < 7 && k < row.size(); ++k)
            f[k - 1] = Decimal::parse(row.at(k).toString());
        if (!ok || !f[0] || !f[1] || !f[2] || !f[3] || !f[4])
            return R::failure(
                {QStringLiteral("kline row is not [start, open, high, low, close, volume, turnover]")});
        c.open = *f[0];
        c.high = *f[1];
        c.low = *f[2];
        c.close = *f[3];
        c.volume = *f[4];
        c.turnover = f[5].value_or(Decimal());
        c.closed = true; // the caller marks the newest one open if its interval has not ended
        out.push_back(c);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::optional<RestError> BybitMarketData::replyError(const QJsonDocument& reply) const
{
    const QJsonObject o = reply.object();
    const QJsonValue code = o.value(QLatin1String("retCode"));
    if (!code.isDouble())
        return RestError{RestError::Kind::Parse, 0, {}, QStringLiteral("reply has no retCode"), -1};
    if (code.toInt() == 0)
        return std::nullopt;
    RestError e;
    e.kind = code.toInt() == 10006 ? RestError::Kind::RateLimited : RestError::Kind::Venue;
    e.venueCode = QString::number(code.toInt());
    e.message = o.value(QLatin1String("retMsg")).toString();
    return e;
}
