#pragma once

// GMO Coin leverage positions are GmocoinTrading's other half: gmocoinpositions.cpp defines the position
// summary and the per-id positions (/positionSummary, /openPositions, positionSummaryEvents and
// positionEvents, each leg's Position::lots) and the requests closing them (/closeOrder of one position,
// the lot-close refusals); gmocointrading.cpp the orders, fills, balances and the private stream. This
// header holds how both halves read GMO's JSON replies and write its order fields.

#include "exchanges/bitflyer/bitflyermarketdata.h" // the shared ISO-8601 UTC time parser
#include "gmocointrading.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cstdint>
#include <optional>

namespace GmocoinWire {

inline std::optional<Decimal> decimalOf(const QJsonValue& v)
{
    if (v.isString())
        return Decimal::parse(v.toString().toStdString());
    if (v.isDouble())
        return Decimal::parse(
            QString::number(v.toDouble(), 'f', -1).toStdString()); // integers only in practice
    return std::nullopt;
}

// GMO's ids are JSON numbers (orderId 637000, executionId 72123911) or strings in some replies.
inline QString idOf(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return {};
}

inline std::int64_t timeOf(const QJsonValue& v)
{
    const auto ms = BitflyerMarketData::parseTimeMs(v.toString().toStdString());
    return ms.value_or(0);
}

inline std::optional<Side> sideOf(const QString& s)
{
    if (s == QLatin1String("BUY"))
        return Side::Buy;
    if (s == QLatin1String("SELL"))
        return Side::Sell;
    return std::nullopt;
}

inline QString gmoSide(Side s)
{
    return s == Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL");
}

inline QString gmoTimeInForce(TimeInForce tif)
{
    switch (tif) {
    case TimeInForce::ImmediateOrCancel:
        return QStringLiteral("FAK");
    case TimeInForce::FillOrKill:
        return QStringLiteral("FOK");
    case TimeInForce::PostOnly:
        return QStringLiteral("SOK");
    case TimeInForce::GoodTillCancel:
        break;
    }
    return QStringLiteral("FAS");
}

// The list in data.list (activeOrders, latestExecutions, openPositions) or the data array itself
// (orders, assets, positionSummary's data.list too).
inline Result<QJsonArray, AdapterError> listOf(const QJsonDocument& reply, const char* what)
{
    using R = Result<QJsonArray, AdapterError>;
    if (const auto e = GmocoinTrading::replyError(reply))
        return R::failure({QStringLiteral("%1: %2 %3").arg(QLatin1String(what), e->venueCode, e->message)});
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    if (data.isArray())
        return data.toArray();
    if (data.isObject()) {
        const QJsonValue list = data.toObject().value(QLatin1String("list"));
        if (list.isArray())
            return list.toArray();
        if (list.isUndefined())
            return QJsonArray(); // an empty page has no list
    }
    return R::failure({QStringLiteral("%1 reply has no data list").arg(QLatin1String(what))});
}

} // namespace GmocoinWire
