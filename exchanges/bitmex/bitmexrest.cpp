// BitMEX market-data REST: /instrument/active, /trade/bucketed history, and the {"error":{…}} shape.
// https://www.bitmex.com/api/explorer
#include "bitmexcandles.h"
#include "bitmexmarketdata.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QVariant>

#include <algorithm>
#include <charconv>
#include <cmath>

std::optional<Decimal> BitmexMarketData::decimalFromJson(const QJsonValue& value)
{
    if (value.isString())
        return Decimal::parse(value.toString());
    if (!value.isDouble())
        return std::nullopt;
    // Qt keeps a number written without a fraction or exponent as a 64-bit integer: exact at any size.
    if (const QVariant integral = value.toVariant(); integral.typeId() == QMetaType::LongLong)
        return Decimal::fromMantissa(integral.toLongLong(), 0);
    // Qt has already turned BitMEX's number text into a double; its shortest round-trip form is that text
    // again (BitMEX writes at most 15 significant digits for prices, sizes and steps).
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.toDouble());
    if (ec != std::errc())
        return std::nullopt;
    return Decimal::parse(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

std::optional<Decimal> BitmexMarketData::statisticFromText(std::string_view text)
{
    if (auto exact = Decimal::parse(text))
        return exact;
    // Cut fraction digits off the mantissa (before any exponent) until the rest fits.
    const std::size_t exponentAt = text.find_first_of("eE");
    const std::string_view exponent =
        exponentAt == std::string_view::npos ? std::string_view{} : text.substr(exponentAt);
    std::string mantissa(text.substr(0, exponentAt));
    const std::size_t point = mantissa.find('.');
    if (point == std::string::npos)
        return std::nullopt;
    while (mantissa.size() > point + 1) {
        mantissa.pop_back();
        if (auto cut = Decimal::parse(mantissa + std::string(exponent)))
            return cut;
    }
    return std::nullopt;
}

namespace {
std::optional<Decimal> statisticFromJson(const QJsonValue& value)
{
    if (!value.isDouble())
        return BitmexMarketData::decimalFromJson(value);
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.toDouble());
    if (ec != std::errc())
        return std::nullopt;
    return BitmexMarketData::statisticFromText(
        std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}
} // namespace

RestRequest BitmexMarketData::instrumentsRequest(Category) const
{
    // One list for every category: parseInstruments() keeps the category's own.
    RestRequest r;
    r.path = QStringLiteral("/api/v1/instrument/active");
    return r;
}

namespace {
// BitMEX's typ: FFWCSX perpetual, FFCCSX dated future; IFXXXP spot, MRCXXX an index, O… options.
bool isContract(const QString& typ)
{
    return typ.startsWith(QLatin1String("FF"));
}
// An inverse contract's worth in its quote currency. BitMEX gives an inverse contract's value in the
// settle currency as multiplier / price (multiplier negative, in settle units: XBt, satoshis);
// underlyingToSettleMultiplier (negative too) says how many settle units make one underlying. One contract
// is then multiplier / underlyingToSettleMultiplier quote: −1e8 / −1e8 = 1 USD for XBTUSD. Dated futures
// leave underlyingToSettleMultiplier null: XBt is 1e8 to the XBT.
std::optional<Decimal> inverseContractValue(const QJsonObject& o)
{
    const QJsonValue multiplierValue = o.value(QLatin1String("multiplier"));
    if (!multiplierValue.isDouble())
        return std::nullopt;
    const double multiplier = std::abs(multiplierValue.toDouble());
    double perUnderlying = std::abs(o.value(QLatin1String("underlyingToSettleMultiplier")).toDouble());
    if (perUnderlying == 0 && o.value(QLatin1String("settlCurrency")).toString() == QLatin1String("XBt"))
        perUnderlying = 1e8;
    // Both are integers: the worth is exact when the divisor is a power of ten at most 1e18.
    if (multiplier < 1 || multiplier > 9e15 || multiplier != std::floor(multiplier))
        return std::nullopt;
    for (int scale = 0; scale <= Decimal::MaxScale; ++scale) {
        if (perUnderlying == std::pow(10.0, scale))
            return Decimal::fromMantissa(static_cast<std::int64_t>(multiplier), scale).normalized();
    }
    return std::nullopt;
}
} // namespace

Result<std::vector<Instrument>, AdapterError>
BitmexMarketData::parseInstruments(Category category, const QJsonDocument& reply) const
{
    using R = Result<std::vector<Instrument>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("instrument/active reply is not an array")});
    std::vector<Instrument> out;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        if (!isContract(o.value(QLatin1String("typ")).toString()))
            continue;
        const bool inverse = o.value(QLatin1String("isInverse")).toBool();
        const bool quanto = o.value(QLatin1String("isQuanto")).toBool();
        // Quanto contracts (ETHUSD settled in XBT) are neither linear nor inverse: not listed.
        const std::optional<Category> own = inverse  ? std::optional(Category::Inverse)
                                            : quanto ? std::nullopt
                                                     : std::optional(Category::Linear);
        if (own != category)
            continue;
        Instrument i;
        i.venue = venue();
        i.category = category;
        i.symbol = o.value(QLatin1String("symbol")).toString();
        i.baseAsset = o.value(QLatin1String("underlying")).toString();
        i.quoteAsset = o.value(QLatin1String("quoteCurrency")).toString();
        i.trading = o.value(QLatin1String("state")).toString() == QLatin1String("Open");
        const auto tick = decimalFromJson(o.value(QLatin1String("tickSize")));
        const auto lot = decimalFromJson(o.value(QLatin1String("lotSize")));
        if (i.symbol.isEmpty() || !tick || !lot || tick->isZero() || lot->isZero())
            return R::failure({QStringLiteral("instrument %1 lacks tickSize or lotSize").arg(i.symbol)});
        i.tickSize = *tick;
        i.lotSize = *lot;
        i.minQuantity = *lot;
        i.maxQuantity = decimalFromJson(o.value(QLatin1String("maxOrderQty")));
        // An inverse contract without the fields to value it is still listed; it is then sized and
        // guarded as if linear (quantity × price).
        if (inverse)
            i.contractValue = inverseContractValue(o);
        out.push_back(std::move(i));
    }
    return out;
}

RestRequest BitmexMarketData::candlesRequest(Category, const QString& symbol, CandleInterval interval,
                                             std::int64_t endMs, int limit) const
{
    RestRequest r;
    r.path = QStringLiteral("/api/v1/trade/bucketed");
    // 15m and 4h have no BitMEX bin: 3 × 5m and 4 × 1h bins are read and folded together (parseCandlesFor),
    // one group more than asked in case the oldest starts inside the page.
    const CandleInterval source = BitmexCandleBuilder::sourceInterval(interval);
    const int perCandle = int(intervalMilliseconds(interval) / intervalMilliseconds(source));
    r.query = {
        {QStringLiteral("binSize"), BitmexCandleBuilder::binSize(source)},
        {QStringLiteral("partial"), QStringLiteral("true")},
        {QStringLiteral("symbol"), symbol},
        {QStringLiteral("count"),
         QString::number(std::clamp((std::max(limit, 1) + (perCandle > 1 ? 1 : 0)) * perCandle, 1, 1000))},
        {QStringLiteral("reverse"), QStringLiteral("true")}};
    if (endMs > 0)
        r.query.append({QStringLiteral("endTime"),
                        QDateTime::fromMSecsSinceEpoch(endMs, Qt::UTC).toString(Qt::ISODateWithMs)});
    return r;
}

namespace {

// A /trade/bucketed reply's buckets, oldest first, with open times: BitMEX stamps a bucket with the end
// of its interval. width: the bin asked for; 0 when not known, then read from neighbouring stamps (one
// bucket alone: the shortest bin).
Result<std::vector<Candle>, AdapterError> parseBuckets(const QJsonDocument& reply, std::int64_t width)
{
    using R = Result<std::vector<Candle>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("trade/bucketed reply is not an array")});
    struct Row
    {
        std::int64_t endMs;
        Candle candle;
    };
    std::vector<Row> rows;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        const auto end =
            BitmexMarketData::parseTimestamp(o.value(QLatin1String("timestamp")).toString().toStdString());
        const auto open = BitmexMarketData::decimalFromJson(o.value(QLatin1String("open")));
        const auto high = BitmexMarketData::decimalFromJson(o.value(QLatin1String("high")));
        const auto low = BitmexMarketData::decimalFromJson(o.value(QLatin1String("low")));
        const auto close = BitmexMarketData::decimalFromJson(o.value(QLatin1String("close")));
        if (!end)
            return R::failure({QStringLiteral("bucket without a timestamp")});
        if (!open || !high || !low || !close) {
            if (o.value(QLatin1String("open")).isNull())
                continue; // a bucket BitMEX has no prices for
            return R::failure({QStringLiteral("bucket is not {timestamp, open, high, low, close, volume}")});
        }
        Candle c;
        c.open = *open;
        c.high = *high;
        c.low = *low;
        c.close = *close;
        // Base and quote amounts, as Candle counts them (volume is in contracts).
        c.volume = statisticFromJson(o.value(QLatin1String("homeNotional"))).value_or(Decimal());
        c.turnover = statisticFromJson(o.value(QLatin1String("foreignNotional"))).value_or(Decimal());
        c.closed = true; // the caller marks the newest one open if its interval has not ended
        rows.push_back({*end, c});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.endMs < b.endMs; });
    if (width == 0) {
        for (std::size_t k = 1; k < rows.size(); ++k) {
            const std::int64_t d = rows[k].endMs - rows[k - 1].endMs;
            if (d > 0 && (width == 0 || d < width))
                width = d;
        }
    }
    if (width == 0)
        width = intervalMilliseconds(CandleInterval::OneMinute);
    std::vector<Candle> out;
    out.reserve(rows.size());
    for (Row& row : rows) {
        row.candle.openTimeMs = row.endMs - width;
        out.push_back(row.candle);
    }
    return out;
}

} // namespace

Result<std::vector<Candle>, AdapterError> BitmexMarketData::parseCandles(const QJsonDocument& reply) const
{
    return parseBuckets(reply, 0);
}

Result<std::vector<Candle>, AdapterError> BitmexMarketData::parseCandlesFor(const QJsonDocument& reply,
                                                                            const QString& symbol,
                                                                            CandleInterval interval) const
{
    auto bins = parseBuckets(reply, intervalMilliseconds(BitmexCandleBuilder::sourceInterval(interval)));
    if (!bins)
        return bins;
    return candleBuilder().fromHistory(symbol.toStdString(), interval, std::move(*bins));
}

std::optional<RestError> BitmexMarketData::replyError(const QJsonDocument& reply) const
{
    if (!reply.isObject())
        return std::nullopt;
    const QJsonValue error = reply.object().value(QLatin1String("error"));
    if (error.isUndefined() || error.isNull())
        return std::nullopt;
    RestError e;
    e.kind = RestError::Kind::Venue;
    if (error.isObject()) {
        e.venueCode = error.toObject().value(QLatin1String("name")).toString();
        e.message = error.toObject().value(QLatin1String("message")).toString();
    } else {
        e.message = error.toString();
    }
    if (e.message.contains(QLatin1String("Rate limit exceeded")))
        e.kind = RestError::Kind::RateLimited;
    return e;
}
