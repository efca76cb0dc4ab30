#pragma once

// bitbank margin trading is BitbankTrading's other half: bitbankmargin.cpp defines its margin positions,
// margin status and balance, notices and pushes; bitbanktrading.cpp the spot orders, trades, assets and
// the private stream. This header holds how both halves read bitbank's JSON replies.

#include "bitbankerrors.h"
#include "exchanges/core/marketdataadapter.h"
#include "models/decimal.h"
#include "models/trading.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace BitbankWire {

inline std::optional<Decimal> decimalOf(const QJsonValue& v)
{
    if (v.isString())
        return Decimal::parse(v.toString());
    if (v.isDouble())
        return Decimal::parse(QString::number(v.toInteger()));
    return std::nullopt;
}

inline QString idText(const QJsonValue& v)
{
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

inline QJsonObject dataOf(const QJsonDocument& reply)
{
    return reply.object().value(QLatin1String("data")).toObject();
}

inline std::optional<AdapterError> failureOf(const QJsonDocument& reply)
{
    const QJsonObject o = reply.object();
    if (!o.value(QLatin1String("success")).isDouble())
        return AdapterError{QStringLiteral("not a bitbank reply (no success field)")};
    if (o.value(QLatin1String("success")).toInt() == 1)
        return std::nullopt;
    return AdapterError{bitbankErrorText(idText(dataOf(reply).value(QLatin1String("code"))))};
}

// position_side: "long" or "short" on margin orders, trades and positions; absent (undefined) on spot ones.
inline std::optional<PositionSide> legOf(const QJsonObject& o)
{
    const QString leg = o.value(QLatin1String("position_side")).toString();
    if (leg == QLatin1String("long"))
        return PositionSide::Long;
    if (leg == QLatin1String("short"))
        return PositionSide::Short;
    return std::nullopt;
}

} // namespace BitbankWire
