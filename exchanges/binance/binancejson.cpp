#include "binancejson.h"

namespace BinanceJson {

QString sideText(Side side)
{
    return side == Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL");
}

Side sideFrom(const QString& text)
{
    return text == QLatin1String("SELL") ? Side::Sell : Side::Buy;
}

QString textAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty())
        return std::nullopt;
    return Decimal::parse(v.toString());
}

std::optional<Decimal> nonZeroAt(const QJsonObject& o, const char* key)
{
    auto d = decimalAt(o, key);
    if (d && d->isZero())
        return std::nullopt;
    return d;
}

std::int64_t msAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble()) {
        const double ms = v.toDouble();
        return ms >= -9.2e18 && ms <= 9.2e18 ? static_cast<std::int64_t>(ms) : 0;
    }
    return v.toString().toLongLong();
}

bool boolAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isBool() ? v.toBool() : v.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

std::optional<Fill> tradeFillOf(const QJsonObject& e, const Order& order, bool* incomplete)
{
    *incomplete = false;
    if (textAt(e, "x") != QLatin1String("TRADE"))
        return std::nullopt;
    Fill f;
    f.executionId = textAt(e, "t");
    f.orderId = order.orderId;
    f.clientOrderId = order.clientOrderId;
    f.symbol = order.symbol;
    f.category = order.category;
    f.side = order.side;
    const auto price = decimalAt(e, "L");
    const auto last = decimalAt(e, "l");
    if (f.executionId.isEmpty() || !price || !last) {
        *incomplete = true;
        return std::nullopt;
    }
    f.price = *price;
    f.quantity = *last;
    f.fee = decimalAt(e, "n").value_or(Decimal());
    f.feeCurrency = textAt(e, "N");
    f.isMaker = boolAt(e, "m");
    f.timeMs = msAt(e, "T");
    return f;
}

TimeInForce timeInForceFrom(const QString& tif, const QString& type)
{
    if (type == QLatin1String("LIMIT_MAKER") || tif == QLatin1String("GTX"))
        return TimeInForce::PostOnly;
    if (tif == QLatin1String("IOC"))
        return TimeInForce::ImmediateOrCancel;
    if (tif == QLatin1String("FOK"))
        return TimeInForce::FillOrKill;
    return TimeInForce::GoodTillCancel;
}

QString timeInForceText(TimeInForce tif, bool futures)
{
    switch (tif) {
    case TimeInForce::ImmediateOrCancel:
        return QStringLiteral("IOC");
    case TimeInForce::FillOrKill:
        return QStringLiteral("FOK");
    case TimeInForce::PostOnly:
        return futures ? QStringLiteral("GTX") : QString();
    case TimeInForce::GoodTillCancel:
        break;
    }
    return QStringLiteral("GTC");
}

OrderType typeFrom(const QString& type)
{
    return type.contains(QLatin1String("MARKET")) || type == QLatin1String("STOP_LOSS") ||
                   type == QLatin1String("TAKE_PROFIT")
               ? OrderType::Market
               : OrderType::Limit;
}

bool isStop(const OrderRequest& order)
{
    const TriggerDirection fallback =
        order.side == Side::Buy ? TriggerDirection::RisesTo : TriggerDirection::FallsTo;
    const bool rises = order.triggerDirection.value_or(fallback) == TriggerDirection::RisesTo;
    return (order.side == Side::Buy) == rises;
}

std::optional<PositionSide> legFrom(const QString& positionSide)
{
    if (positionSide == QLatin1String("LONG"))
        return PositionSide::Long;
    if (positionSide == QLatin1String("SHORT"))
        return PositionSide::Short;
    if (positionSide == QLatin1String("BOTH"))
        return PositionSide::Net;
    return std::nullopt;
}

void addReference(Query& query, const OrderReference& order)
{
    query.append({QStringLiteral("symbol"), order.symbol});
    if (!order.orderId.isEmpty())
        query.append({QStringLiteral("orderId"), order.orderId});
    else
        query.append({QStringLiteral("origClientOrderId"), order.clientOrderId});
}

void setSize(Position& p, Decimal amount)
{
    if (amount.isZero()) {
        p.side.reset();
        p.size = Decimal();
    } else if (amount.isNegative()) {
        p.side = Side::Sell;
        p.size = -amount;
    } else {
        p.side = Side::Buy;
        p.size = amount;
    }
}

QJsonArray itemsOf(const QJsonDocument& reply)
{
    if (reply.isArray())
        return reply.array();
    if (reply.isObject())
        return QJsonArray{reply.object()};
    return {};
}

QJsonObject objectOf(QByteArrayView frame, PrivateStreamFrame& out)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        out.kind = PrivateStreamFrame::Kind::Malformed;
        out.error = QStringLiteral("not a JSON object");
        return {};
    }
    return document.object();
}

} // namespace BinanceJson
