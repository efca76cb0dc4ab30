// Phemex market-data REST: /public/products (spot products and currencies, perpProductsV2), kline
// history, and the {"code","msg","data"} error shape.
// https://phemex-docs.github.io/#query-product-information , #query-kline-2 , #restful-response-format
#include "phemexmarketdata.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

RestRequest PhemexMarketData::instrumentsRequest(Category) const
{
    RestRequest r;
    r.path = QStringLiteral("/public/products");
    return r;
}

namespace {

// A decimal sent as a string ("0.1") or, in some replies, as a JSON number; never read through double
// when it is a string.
std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString().isEmpty() ? std::nullopt : Decimal::parse(v.toString());
    if (v.isDouble())
        return Decimal::parse(QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest));
    return std::nullopt;
}

// A scaled integer ("…Ev", "…Ep") divided by 10^scale, exactly.
std::optional<Decimal> scaledAt(const QJsonObject& o, const char* key, int scale)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble() || scale < 0 || scale > Decimal::MaxScale)
        return std::nullopt;
    const double d = v.toDouble();
    // Integers beyond 2^53 are not exact in a JSON double; no tick or lot is that large.
    if (d != static_cast<double>(static_cast<std::int64_t>(d)) || std::abs(d) > 9007199254740992.0)
        return std::nullopt;
    return Decimal::fromMantissa(static_cast<std::int64_t>(d), scale);
}

// A coin-margined contract: settled in the coin it prices (BTCUSD in BTC), not in its quote currency
// (the legacy ETHUSD, uBTCUSD… settle in USD).
bool isCoinMargined(const QJsonObject& product)
{
    const QString settle = product.value(QLatin1String("settleCurrency")).toString();
    return !settle.isEmpty() && settle != product.value(QLatin1String("quoteCurrency")).toString();
}

} // namespace

Result<std::vector<Instrument>, AdapterError>
PhemexMarketData::parseInstruments(Category category, const QJsonDocument& reply) const
{
    using R = Result<std::vector<Instrument>, AdapterError>;
    const QJsonObject data = reply.object().value(QLatin1String("data")).toObject();
    // Spot and the coin-margined contracts are in products, the USDⓈ-M perpetuals in perpProductsV2.
    const char* listName = category == Category::Linear ? "perpProductsV2" : "products";
    const QJsonValue list = data.value(QLatin1String(listName));
    if (!list.isArray())
        return R::failure({QStringLiteral("products reply has no data.%1").arg(QLatin1String(listName))});

    QHash<QString, int> valueScale; // currency → valueScale
    for (const QJsonValue& v : data.value(QLatin1String("currencies")).toArray()) {
        const QJsonObject c = v.toObject();
        valueScale.insert(c.value(QLatin1String("currency")).toString(),
                          c.value(QLatin1String("valueScale")).toInt(8));
    }

    std::vector<Instrument> out;
    QHash<QString, Scales> scales;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject o = v.toObject();
        const QString type = o.value(QLatin1String("type")).toString();
        if (category == Category::Spot && type != QLatin1String("Spot"))
            continue; // products also lists the coin-margined contracts
        if (category == Category::Inverse && (type != QLatin1String("Perpetual") || !isCoinMargined(o)))
            continue; // spot pairs, and the legacy contracts settled in USD
        Instrument i;
        i.venue = venue();
        i.category = category;
        i.symbol = o.value(QLatin1String("symbol")).toString();
        i.baseAsset = o.value(QLatin1String("baseCurrency")).toString();
        i.quoteAsset = o.value(QLatin1String("quoteCurrency")).toString();
        i.trading = o.value(QLatin1String("status")).toString() == QLatin1String("Listed");
        if (category == Category::Spot) {
            Scales s;
            s.priceScale = o.value(QLatin1String("priceScale")).toInt(8);
            s.qtyScale = valueScale.value(i.baseAsset, 8);
            s.valueScale = valueScale.value(i.quoteAsset, 8);
            const auto tick = scaledAt(o, "quoteTickSizeEv", s.priceScale);
            const auto lot = scaledAt(o, "baseTickSizeEv", s.qtyScale);
            if (i.symbol.isEmpty() || !tick || !lot || tick->isZero() || lot->isZero())
                return R::failure({QStringLiteral("spot product %1 lacks quoteTickSizeEv or baseTickSizeEv")
                                       .arg(i.symbol)});
            i.tickSize = tick->normalized();
            i.lotSize = lot->normalized();
            i.minQuantity = i.lotSize;
            i.maxQuantity = scaledAt(o, "maxBaseOrderSizeEv", s.qtyScale);
            if (i.maxQuantity)
                i.maxQuantity = i.maxQuantity->normalized();
            i.minNotional = scaledAt(o, "minOrderValueEv", s.valueScale);
            if (i.minNotional)
                i.minNotional = i.minNotional->normalized();
            scales.insert(i.symbol, s);
        } else if (category == Category::Inverse) {
            // Quantities are whole contracts (lotSize, maxOrderQty) of contractSize quote currency.
            i.baseAsset = o.value(QLatin1String("settleCurrency")).toString();
            Scales s;
            s.priceScale = o.value(QLatin1String("priceScale")).toInt(-1);
            s.ratioScale =
                o.value(QLatin1String("ratioScale")).toInt(data.value(QLatin1String("ratioScale")).toInt(8));
            s.qtyScale = 0;
            s.valueScale = valueScale.value(i.baseAsset, 8);
            const auto tick = decimalAt(o, "tickSize");
            const auto lot = decimalAt(o, "lotSize");
            if (i.symbol.isEmpty() || s.priceScale < 0 || s.priceScale > Decimal::MaxScale || !tick || !lot ||
                tick->isZero() || lot->isZero())
                return R::failure(
                    {QStringLiteral("contract %1 lacks priceScale, tickSize or lotSize").arg(i.symbol)});
            i.tickSize = tick->normalized();
            i.lotSize = lot->normalized();
            i.minQuantity = i.lotSize;
            i.maxQuantity = decimalAt(o, "maxOrderQty");
            // What one contract is worth in the quote currency (1 USD for BTCUSD).
            i.contractValue = decimalAt(o, "contractSize");
            if (!i.contractValue || i.contractValue->isZero() || i.contractValue->isNegative())
                return R::failure(
                    {QStringLiteral("contract %1 lacks a positive contractSize").arg(i.symbol)});
            i.contractValue = i.contractValue->normalized();
            scales.insert(i.symbol, s);
        } else {
            const auto tick = decimalAt(o, "tickSize");
            const auto step = decimalAt(o, "qtyStepSize");
            if (i.symbol.isEmpty() || !tick || !step || tick->isZero() || step->isZero())
                return R::failure(
                    {QStringLiteral("perpetual product %1 lacks tickSize or qtyStepSize").arg(i.symbol)});
            i.tickSize = *tick;
            i.lotSize = *step;
            i.minQuantity = *step;
            i.maxQuantity = decimalAt(o, "maxOrderQtyRq");
            i.minNotional = decimalAt(o, "minOrderValueRv");
        }
        out.push_back(std::move(i));
    }
    rememberScales(scales);
    return out;
}

RestRequest PhemexMarketData::candlesRequest(Category, const QString& symbol, CandleInterval interval,
                                             std::int64_t endMs, int limit) const
{
    RestRequest r;
    const int seconds = resolution(interval);
    if (endMs > 0) {
        // kline/last cannot end in the past; kline/list takes [from, to) on the resolution's grid.
        const std::int64_t to = endMs / 1000 / seconds * seconds;
        const std::int64_t from = to - std::int64_t(std::clamp(limit, 1, 1000)) * seconds;
        r.path = QStringLiteral("/exchange/public/md/v2/kline/list");
        r.query = {{QStringLiteral("symbol"), symbol},
                   {QStringLiteral("resolution"), QString::number(seconds)},
                   {QStringLiteral("from"), QString::number(from)},
                   {QStringLiteral("to"), QString::number(to)}};
        return r;
    }
    // limit must be one of 5, 10, 50, 100, 500, 1000.
    int allowed = 1000;
    for (int l : {5, 10, 50, 100, 500, 1000}) {
        if (limit <= l) {
            allowed = l;
            break;
        }
    }
    r.path = QStringLiteral("/exchange/public/md/v2/kline/last");
    r.query = {{QStringLiteral("symbol"), symbol},
               {QStringLiteral("resolution"), QString::number(seconds)},
               {QStringLiteral("limit"), QString::number(allowed)}};
    return r;
}

Result<std::vector<Candle>, AdapterError> PhemexMarketData::parseCandles(const QJsonDocument& reply) const
{
    return parseCandlesOf({}, reply);
}

Result<std::vector<Candle>, AdapterError>
PhemexMarketData::parseCandlesFor(const QJsonDocument& reply, const QString& symbol, CandleInterval) const
{
    return parseCandlesOf(symbol, reply);
}

Result<std::vector<Candle>, AdapterError> PhemexMarketData::parseCandlesOf(const QString& symbol,
                                                                           const QJsonDocument& reply) const
{
    const Scales s = symbol.isEmpty() ? Scales{} : scales(symbol);
    using R = Result<std::vector<Candle>, AdapterError>;
    const QJsonValue rows =
        reply.object().value(QLatin1String("data")).toObject().value(QLatin1String("rows"));
    if (!rows.isArray())
        return R::failure({QStringLiteral("kline reply has no data.rows")});
    std::vector<Candle> out;
    // [timestamp (s), interval, lastClose, open, high, low, close, volume, turnover]: strings on the
    // USDⓈ-M perpetuals; scaled integers on spot and the coin-margined contracts.
    for (const QJsonValue& v : rows.toArray()) {
        const QJsonArray row = v.toArray();
        if (row.size() < 9)
            return R::failure({QStringLiteral("kline row has %1 fields, expected 9").arg(row.size())});
        std::optional<Decimal> f[6];
        for (int k = 3; k < 9; ++k) {
            const QJsonValue cell = row.at(k);
            if (cell.isString())
                f[k - 3] = Decimal::parse(cell.toString());
            else
                f[k - 3] = scaledAt(QJsonObject{{QStringLiteral("v"), cell}}, "v",
                                    k == 7   ? s.qtyScale
                                    : k == 8 ? s.valueScale
                                             : s.priceScale);
        }
        const QJsonValue time = row.at(0);
        if (!time.isDouble() || !f[0] || !f[1] || !f[2] || !f[3] || !f[4])
            return R::failure({QStringLiteral(
                "kline row is not [time, interval, lastClose, open, high, low, close, volume, turnover]")});
        Candle c;
        c.openTimeMs = static_cast<std::int64_t>(time.toDouble()) * 1000;
        c.open = *f[0];
        c.high = *f[1];
        c.low = *f[2];
        c.close = *f[3];
        c.volume = *f[4];
        c.turnover = f[5].value_or(Decimal());
        c.closed = true; // the caller marks the newest one open if its interval has not ended
        out.push_back(c);
    }
    std::sort(out.begin(), out.end(),
              [](const Candle& a, const Candle& b) { return a.openTimeMs < b.openTimeMs; });
    return out;
}

std::optional<RestError> PhemexMarketData::replyError(const QJsonDocument& reply) const
{
    const QJsonObject o = reply.object();
    const QJsonValue code = o.value(QLatin1String("code"));
    if (!code.isDouble())
        return RestError{RestError::Kind::Parse, 0, {}, QStringLiteral("reply has no code"), -1};
    if (code.toInteger() == 0)
        return std::nullopt;
    RestError e;
    e.kind = RestError::Kind::Venue;
    e.venueCode = QString::number(code.toInteger());
    e.message = o.value(QLatin1String("msg")).toString();
    return e;
}
