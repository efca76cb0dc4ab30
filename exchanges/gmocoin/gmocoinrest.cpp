// GMO Coin market-data REST: symbols (trading rules), klines, and the error shape.
// https://api.coin.z.com/docs/#symbols , https://api.coin.z.com/docs/#klines
#include "gmocoinmarketdata.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace {

std::optional<Decimal> decimalField(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString())
        return std::nullopt;
    return Decimal::parse(v.toString().toStdString());
}

constexpr std::int64_t kJstOffsetMs = 9LL * 3600 * 1000;
constexpr std::int64_t kTradingDayStartMs = 6LL * 3600 * 1000; // GMO's kline day starts at 06:00 JST

} // namespace

RestRequest GmocoinMarketData::instrumentsRequest(Category category) const
{
    Q_UNUSED(category); // one list for spot and leverage
    RestRequest r;
    r.path = QStringLiteral("/public/v1/symbols");
    return r;
}

Result<std::vector<Instrument>, AdapterError>
GmocoinMarketData::parseInstruments(Category category, const QJsonDocument& reply) const
{
    using R = Result<std::vector<Instrument>, AdapterError>;
    if (const auto error = replyError(reply))
        return R::failure({QStringLiteral("symbols: %1 %2").arg(error->venueCode, error->message)});
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    if (!data.isArray())
        return R::failure({QStringLiteral("symbols reply has no data array")});
    std::vector<Instrument> out;
    for (const QJsonValue& v : data.toArray()) {
        const QJsonObject o = v.toObject();
        const QString symbol = o.value(QLatin1String("symbol")).toString();
        if (symbol.isEmpty())
            return R::failure({QStringLiteral("a symbol entry lacks symbol")});
        if (categoryOf(symbol) != category)
            continue;
        const auto tick = decimalField(o, "tickSize");
        const auto step = decimalField(o, "sizeStep");
        const auto minSize = decimalField(o, "minOrderSize");
        if (!tick || !step || !minSize || !(*tick > Decimal()) || !(*step > Decimal()))
            return R::failure(
                {QStringLiteral("symbol %1 lacks tickSize, sizeStep or minOrderSize").arg(symbol)});
        Instrument i;
        i.venue = venue();
        i.category = category;
        i.symbol = symbol;
        const QStringList parts = symbol.split(QLatin1Char('_'));
        i.baseAsset = parts.at(0);
        i.quoteAsset = parts.size() == 2 ? parts.at(1) : QStringLiteral("JPY"); // spot is JPY-quoted
        i.tickSize = *tick;
        i.lotSize = *step;
        i.minQuantity = *minSize;
        i.maxQuantity = decimalField(o, "maxOrderSize");
        out.push_back(std::move(i));
    }
    return out;
}

QString GmocoinMarketData::klineInterval(CandleInterval interval, bool* daily)
{
    bool isDaily = true;
    QString name;
    switch (interval) {
    case CandleInterval::OneMinute:
        name = QStringLiteral("1min");
        break;
    case CandleInterval::FiveMinutes:
        name = QStringLiteral("5min");
        break;
    case CandleInterval::FifteenMinutes:
        name = QStringLiteral("15min");
        break;
    case CandleInterval::OneHour:
        name = QStringLiteral("1hour");
        break;
    case CandleInterval::FourHours:
        name = QStringLiteral("4hour");
        isDaily = false;
        break;
    case CandleInterval::OneDay:
        name = QStringLiteral("1day");
        isDaily = false;
        break;
    }
    if (daily)
        *daily = isDaily;
    return name;
}

QString GmocoinMarketData::klineDate(CandleInterval interval, std::int64_t endMs)
{
    bool daily = true;
    klineInterval(interval, &daily);
    if (endMs <= 0)
        endMs = QDateTime::currentMSecsSinceEpoch();
    if (daily) {
        // The trading day that holds endMs: JST shifted back by the 06:00 start.
        const QDateTime shifted =
            QDateTime::fromMSecsSinceEpoch(endMs + kJstOffsetMs - kTradingDayStartMs, Qt::UTC);
        return shifted.date().toString(QStringLiteral("yyyyMMdd"));
    }
    const QDateTime jst = QDateTime::fromMSecsSinceEpoch(endMs + kJstOffsetMs, Qt::UTC);
    return QString::number(jst.date().year());
}

RestRequest GmocoinMarketData::candlesRequest(Category category, const QString& symbol,
                                              CandleInterval interval, std::int64_t endMs, int limit) const
{
    // GMO returns a whole trading day (1min…1hour) or a whole year (4hour, 1day) per request; there is
    // no count: the chart gets that period, up to endMs's. Earlier periods need further requests.
    Q_UNUSED(category);
    Q_UNUSED(limit);
    RestRequest r;
    r.path = QStringLiteral("/public/v1/klines");
    r.query = {{QStringLiteral("symbol"), symbol},
               {QStringLiteral("interval"), klineInterval(interval)},
               {QStringLiteral("date"), klineDate(interval, endMs)}};
    return r;
}

Result<std::vector<Candle>, AdapterError> GmocoinMarketData::parseCandles(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Candle>, AdapterError>;
    if (const auto error = replyError(reply))
        return R::failure({QStringLiteral("klines: %1 %2").arg(error->venueCode, error->message)});
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    if (!data.isArray())
        return R::failure({QStringLiteral("klines reply has no data array")});
    std::vector<Candle> out;
    for (const QJsonValue& v : data.toArray()) {
        const QJsonObject o = v.toObject();
        bool ok = false;
        const qint64 open = o.value(QLatin1String("openTime")).toString().toLongLong(&ok);
        const auto o1 = decimalField(o, "open");
        const auto h = decimalField(o, "high");
        const auto l = decimalField(o, "low");
        const auto c = decimalField(o, "close");
        const auto vol = decimalField(o, "volume");
        if (!ok || !o1 || !h || !l || !c || !vol)
            return R::failure({QStringLiteral("a kline lacks openTime, open, high, low, close or volume")});
        Candle candle;
        candle.openTimeMs = open;
        candle.open = *o1;
        candle.high = *h;
        candle.low = *l;
        candle.close = *c;
        candle.volume = *vol;
        candle.closed = true; // the feed treats the newest as still open from live trades
        out.push_back(candle);
    }
    std::sort(out.begin(), out.end(),
              [](const Candle& a, const Candle& b) { return a.openTimeMs < b.openTimeMs; });
    if (!out.empty())
        out.back().closed = false; // the newest may still be forming
    return out;
}

std::optional<RestError> GmocoinMarketData::replyError(const QJsonDocument& reply) const
{
    // {"status":1,"messages":[{"message_code":"ERR-5201","message_string":"MAINTENANCE.
    // …"}],"responsetime":…}
    const QJsonObject o = reply.object();
    const QJsonValue status = o.value(QLatin1String("status"));
    if (!status.isDouble() || status.toInteger() == 0)
        return std::nullopt;
    RestError e;
    e.kind = RestError::Kind::Venue;
    const QJsonArray messages = o.value(QLatin1String("messages")).toArray();
    const QJsonObject first = messages.isEmpty() ? QJsonObject() : messages.first().toObject();
    e.venueCode = first.value(QLatin1String("message_code")).toString();
    if (e.venueCode.isEmpty())
        e.venueCode = QString::number(status.toInteger());
    e.message = first.value(QLatin1String("message_string")).toString();
    if (e.venueCode == QLatin1String("ERR-5003"))
        e.kind = RestError::Kind::RateLimited;
    return e;
}
