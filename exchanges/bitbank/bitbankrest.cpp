// bitbank market-data REST: the pair list, candles and the error shape.
// https://github.com/bitbankinc/bitbank-api-docs/blob/master/public-api.md ,
// rest-api.md (GET /v1/spot/pairs), errors.md
#include "bitbankerrors.h"
#include "bitbankmarketdata.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

namespace {

// 10^-digits as a decimal ("1" for 0 digits, "0.0001" for 4).
std::optional<Decimal> stepOfDigits(int digits)
{
    if (digits < 0 || digits > 18)
        return std::nullopt;
    if (digits == 0)
        return Decimal::parse(std::string_view("1"));
    std::string text = "0.";
    text.append(static_cast<std::size_t>(digits - 1), '0');
    text.push_back('1');
    return Decimal::parse(std::string_view(text));
}

std::optional<Decimal> decimalField(const QJsonObject& o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return Decimal::parse(v.toString());
    if (v.isDouble())
        return Decimal::parse(QString::number(v.toDouble(), 'f', 8));
    return std::nullopt;
}

// bitbank's candle type names and whether its file is per day (YYYYMMDD) or per year (YYYY).
struct CandleType
{
    const char* name;
    bool daily;
};

CandleType candleType(CandleInterval interval)
{
    switch (interval) {
    case CandleInterval::OneMinute:
        return {"1min", true};
    case CandleInterval::FiveMinutes:
        return {"5min", true};
    case CandleInterval::FifteenMinutes:
        return {"15min", true};
    case CandleInterval::OneHour:
        return {"1hour", true};
    case CandleInterval::FourHours:
        return {"4hour", false};
    case CandleInterval::OneDay:
        return {"1day", false};
    }
    return {"1min", true};
}

} // namespace

RestRequest BitbankMarketData::instrumentsRequest(Category category) const
{
    Q_UNUSED(category);
    RestRequest r;
    r.path = QStringLiteral("/v1/spot/pairs");
    return r;
}

Result<std::vector<Instrument>, AdapterError>
BitbankMarketData::parseInstruments(Category category, const QJsonDocument& reply) const
{
    using R = Result<std::vector<Instrument>, AdapterError>;
    if (const auto error = replyError(reply))
        return R::failure({QStringLiteral("pairs: %1 %2").arg(error->venueCode, error->message)});
    const QJsonValue pairs =
        reply.object().value(QLatin1String("data")).toObject().value(QLatin1String("pairs"));
    if (!pairs.isArray())
        return R::failure({QStringLiteral("pairs reply lacks data.pairs")});
    std::vector<Instrument> out;
    for (const QJsonValue& v : pairs.toArray()) {
        const QJsonObject o = v.toObject();
        // A pair bitbank margin-trades has its margin fees (margin_open_*_fee_rate_quote, "string | null").
        if (category == Category::Linear &&
            !o.value(QLatin1String("margin_open_taker_fee_rate_quote")).isString())
            continue;
        Instrument i;
        i.venue = venue();
        i.category = category;
        i.symbol = o.value(QLatin1String("name")).toString();
        i.baseAsset = o.value(QLatin1String("base_asset")).toString().toUpper();
        i.quoteAsset = o.value(QLatin1String("quote_asset")).toString().toUpper();
        const QJsonValue priceDigits = o.value(QLatin1String("price_digits"));
        const QJsonValue amountDigits = o.value(QLatin1String("amount_digits"));
        if (i.symbol.isEmpty() || i.baseAsset.isEmpty() || i.quoteAsset.isEmpty() ||
            !priceDigits.isDouble() || !amountDigits.isDouble())
            return R::failure({QStringLiteral("a pair lacks name, assets or digits")});
        const auto tick = stepOfDigits(priceDigits.toInt(-1));
        const auto lot = stepOfDigits(amountDigits.toInt(-1));
        const auto unit = decimalField(o, QLatin1String("unit_amount"));
        if (!tick || !lot || !unit)
            return R::failure(
                {QStringLiteral("pair %1: bad price_digits, amount_digits or unit_amount").arg(i.symbol)});
        i.tickSize = *tick;
        i.lotSize = *lot;
        i.minQuantity = *unit;
        i.maxQuantity = decimalField(o, QLatin1String("limit_max_amount"));
        // bitbank publishes no fixed minimum notional in /spot/pairs (a dynamic min_amount lives in
        // /v1/spot/status): none is set.
        i.trading = o.value(QLatin1String("is_enabled")).toBool(true) &&
                    !o.value(QLatin1String("is_suspended")).toBool(false);
        out.push_back(std::move(i));
    }
    return out;
}

RestRequest BitbankMarketData::candlesRequest(Category category, const QString& symbol,
                                              CandleInterval interval, std::int64_t endMs, int limit) const
{
    // One file per day (minute to hour candles) or per year (4 h and longer), in JST-independent UTC
    // dates as bitbank names them. The file holding endMs is asked for: up to a day of 1-minute candles
    // (1440), a year of 4-hour or daily ones; `limit` cannot be passed.
    Q_UNUSED(category);
    Q_UNUSED(limit);
    const QDateTime end =
        endMs > 0 ? QDateTime::fromMSecsSinceEpoch(endMs, QTimeZone::utc()) : QDateTime::currentDateTimeUtc();
    const CandleType type = candleType(interval);
    RestRequest r;
    r.baseUrl = m_publicBaseUrl;
    r.path = QStringLiteral("/%1/candlestick/%2/%3")
                 .arg(symbol, QLatin1String(type.name),
                      end.date().toString(type.daily ? QStringLiteral("yyyyMMdd") : QStringLiteral("yyyy")));
    return r;
}

Result<std::vector<Candle>, AdapterError> BitbankMarketData::parseCandles(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Candle>, AdapterError>;
    if (const auto error = replyError(reply))
        return R::failure({QStringLiteral("candlestick: %1 %2").arg(error->venueCode, error->message)});
    const QJsonArray sets =
        reply.object().value(QLatin1String("data")).toObject().value(QLatin1String("candlestick")).toArray();
    if (sets.isEmpty())
        return R::failure({QStringLiteral("candlestick reply lacks data.candlestick")});
    std::vector<Candle> out;
    for (const QJsonValue& set : sets) {
        const QJsonValue ohlcv = set.toObject().value(QLatin1String("ohlcv"));
        if (!ohlcv.isArray())
            return R::failure({QStringLiteral("candlestick entry lacks ohlcv")});
        for (const QJsonValue& row : ohlcv.toArray()) {
            const QJsonArray a = row.toArray();
            if (a.size() < 6 || !a.at(5).isDouble())
                return R::failure(
                    {QStringLiteral("an ohlcv row is not [open, high, low, close, volume, time]")});
            Candle c;
            std::optional<Decimal> fields[5];
            for (int k = 0; k < 5; ++k) {
                fields[k] = Decimal::parse(a.at(k).toString());
                if (!fields[k])
                    return R::failure({QStringLiteral("an ohlcv value is not a decimal string")});
            }
            c.open = *fields[0];
            c.high = *fields[1];
            c.low = *fields[2];
            c.close = *fields[3];
            c.volume = *fields[4];
            c.openTimeMs = static_cast<std::int64_t>(a.at(5).toDouble());
            c.closed = true;
            out.push_back(c);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Candle& a, const Candle& b) { return a.openTimeMs < b.openTimeMs; });
    return out;
}

std::optional<RestError> BitbankMarketData::replyError(const QJsonDocument& reply) const
{
    // {"success":0,"data":{"code":10000}}: bitbank sends a code only.
    const QJsonObject o = reply.object();
    if (!o.contains(QLatin1String("success")) || o.value(QLatin1String("success")).toInt(1) == 1)
        return std::nullopt;
    RestError e;
    e.kind = RestError::Kind::Venue;
    const QJsonValue code = o.value(QLatin1String("data")).toObject().value(QLatin1String("code"));
    e.venueCode = code.isDouble() ? QString::number(code.toInt()) : code.toString();
    e.message = bitbankErrorText(e.venueCode);
    if (e.venueCode == QLatin1String("10009"))
        e.kind = RestError::Kind::RateLimited;
    return e;
}
