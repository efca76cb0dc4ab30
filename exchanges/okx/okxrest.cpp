// OKX v5 market-data REST: public instruments, candles and history-candles, and the code/msg error shape
// (with per-item sCode/sMsg in data for order endpoints).
// https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments ,
// #order-book-trading-market-data-get-candlesticks , #error-code
#include "okxmarketdata.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace {
std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty())
        return std::nullopt;
    return Decimal::parse(v.toString());
}

QString instType(Category category)
{
    return category == Category::Spot ? QStringLiteral("SPOT") : QStringLiteral("SWAP");
}
} // namespace

RestRequest OkxMarketData::instrumentsRequest(Category category) const
{
    RestRequest r;
    r.path = QStringLiteral("/api/v5/public/instruments");
    r.query = {{QStringLiteral("instType"), instType(category)}};
    return r;
}

Result<std::vector<Instrument>, AdapterError>
OkxMarketData::parseInstruments(Category category, const QJsonDocument& reply) const
{
    using R = Result<std::vector<Instrument>, AdapterError>;
    if (const auto error = replyError(reply))
        return R::failure({QStringLiteral("instruments: %1 %2").arg(error->venueCode, error->message)});
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    if (!data.isArray())
        return R::failure({QStringLiteral("instruments reply has no data array")});
    std::vector<Instrument> out;
    for (const QJsonValue& v : data.toArray()) {
        const QJsonObject o = v.toObject();
        Instrument i;
        i.venue = venue();
        i.category = category;
        i.symbol = o.value(QLatin1String("instId")).toString();
        if (category == Category::Spot) {
            i.baseAsset = o.value(QLatin1String("baseCcy")).toString();
            i.quoteAsset = o.value(QLatin1String("quoteCcy")).toString();
        } else {
            // Linear swaps settle in USDT/USDC, inverse ones in the coin; both list one /SWAP family.
            const QString ctType = o.value(QLatin1String("ctType")).toString();
            if (ctType != (category == Category::Linear ? QLatin1String("linear") : QLatin1String("inverse")))
                continue;
            const QStringList family =
                o.value(QLatin1String("instFamily")).toString().split(QLatin1Char('-'));
            i.baseAsset = family.value(0);
            i.quoteAsset = family.value(1);
        }
        i.trading = o.value(QLatin1String("state")).toString() == QLatin1String("live");
        const auto tick = decimalAt(o, "tickSz");
        const auto lot = decimalAt(o, "lotSz");
        if (i.symbol.isEmpty() || !tick || !lot)
            return R::failure({QStringLiteral("instrument %1 lacks tickSz or lotSz").arg(i.symbol)});
        i.tickSize = *tick;
        i.lotSize = *lot; // contracts on swaps
        i.minQuantity = decimalAt(o, "minSz").value_or(*lot);
        i.maxQuantity = decimalAt(o, "maxLmtSz");
        out.push_back(std::move(i));
    }
    return out;
}

RestRequest OkxMarketData::candlesRequest(Category category, const QString& symbol, CandleInterval interval,
                                          std::int64_t endMs, int limit) const
{
    Q_UNUSED(category);
    RestRequest r;
    r.query = {{QStringLiteral("instId"), symbol}, {QStringLiteral("bar"), barCode(interval)}};
    if (endMs > 0) {
        // Older history: history-candles pages back from `after` (exclusive), at most 100 a page.
        r.path = QStringLiteral("/api/v5/market/history-candles");
        r.query.append({QStringLiteral("after"), QString::number(endMs + 1)});
        r.query.append({QStringLiteral("limit"), QString::number(std::clamp(limit, 1, 100))});
    } else {
        // The newest candles, the forming one included: candles gives up to 300 a page.
        r.path = QStringLiteral("/api/v5/market/candles");
        r.query.append({QStringLiteral("limit"), QString::number(std::clamp(limit, 1, 300))});
    }
    return r;
}

Result<std::vector<Candle>, AdapterError> OkxMarketData::parseCandles(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Candle>, AdapterError>;
    if (const auto error = replyError(reply))
        return R::failure({QStringLiteral("candles: %1 %2").arg(error->venueCode, error->message)});
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    if (!data.isArray())
        return R::failure({QStringLiteral("candles reply has no data array")});
    std::vector<Candle> out;
    // [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm], newest first.
    for (const QJsonValue& v : data.toArray()) {
        const QJsonArray row = v.toArray();
        if (row.size() < 9)
            return R::failure({QStringLiteral("candle row has %1 fields, expected 9").arg(row.size())});
        bool ok = false;
        Candle c;
        c.openTimeMs = row.at(0).toString().toLongLong(&ok);
        std::optional<Decimal> f[5];
        for (int k = 0; k < 5; ++k)
            f[k] = Decimal::parse(row.at(k + 1).toString());
        if (!ok || !f[0] || !f[1] || !f[2] || !f[3] || !f[4])
            return R::failure({QStringLiteral("candle row is not [ts, o, h, l, c, vol, …]")});
        c.open = *f[0];
        c.high = *f[1];
        c.low = *f[2];
        c.close = *f[3];
        c.volume = *f[4]; // OKX's own quantity: base on spot, contracts on swaps
        c.turnover = Decimal::parse(row.at(7).toString()).value_or(Decimal());
        c.closed = row.at(8).toString() == QLatin1String("1");
        out.push_back(c);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::optional<RestError> OkxMarketData::replyError(const QJsonDocument& reply) const
{
    const QJsonObject o = reply.object();
    const QJsonValue code = o.value(QLatin1String("code"));
    if (!code.isString())
        return RestError{RestError::Kind::Parse, 0, {}, QStringLiteral("reply has no code"), -1};
    if (code.toString() == QLatin1String("0"))
        return std::nullopt;
    RestError e;
    // 50011: too many requests; 50061: sub-account rate limit.
    const QString venueCode = code.toString();
    e.kind = venueCode == QLatin1String("50011") || venueCode == QLatin1String("50061")
                 ? RestError::Kind::RateLimited
                 : RestError::Kind::Venue;
    e.venueCode = venueCode;
    e.message = o.value(QLatin1String("msg")).toString();
    // An order endpoint's failure ("code":"1" "All operations failed") names the real reason per item.
    const QJsonObject first = o.value(QLatin1String("data")).toArray().first().toObject();
    const QString sCode = first.value(QLatin1String("sCode")).toString();
    if (!sCode.isEmpty() && sCode != QLatin1String("0")) {
        e.venueCode = sCode;
        e.message = first.value(QLatin1String("sMsg")).toString();
    }
    return e;
}
