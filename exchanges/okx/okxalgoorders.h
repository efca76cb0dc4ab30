#pragma once

// OKX trigger (algo) orders are OkxTrading's other half: okxalgoorders.cpp defines their requests
// (order-algo, amend-algos, cancel-algos, orders-algo-pending, order-algo), how their entries and orders-algo
// pushes read, and the business stream's trigger bookkeeping; okxtrading.cpp the plain orders and the rest of
// the account. This header holds what the two halves share: how OKX's JSON is read, request bodies written,
// and the algo order entries the plain half meets in its lists and pushes.

#include "okxtrading.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>

namespace OkxWire {

inline std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty())
        return std::nullopt;
    return Decimal::parse(v.toString());
}

inline std::optional<Decimal> nonZeroAt(const QJsonObject& o, const char* key)
{
    auto d = decimalAt(o, key);
    if (d && d->isZero())
        return std::nullopt;
    return d;
}

inline QString textAt(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

inline std::int64_t msAt(const QJsonObject& o, const char* key)
{
    return textAt(o, key).toLongLong();
}

inline bool trueAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isBool() ? v.toBool() : v.toString() == QLatin1String("true");
}

inline void setJsonBody(SignedRequest& r, const QJsonDocument& body)
{
    // The exact bytes signed and sent.
    r.body = body.toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
}

// One attached TP/SL: OKX places it once the order fills; an order price of -1 closes at market when the
// trigger (the last price, OKX's default) is reached.
inline void addAttachedTpSl(QJsonObject& body, const OrderRequest& order, const Instrument& instrument)
{
    if (!order.takeProfit && !order.stopLoss)
        return;
    QJsonObject algo;
    if (order.takeProfit) {
        algo.insert(QStringLiteral("tpTriggerPx"),
                    OkxTrading::formatOnStep(*order.takeProfit, instrument.tickSize));
        algo.insert(QStringLiteral("tpOrdPx"), QStringLiteral("-1"));
    }
    if (order.stopLoss) {
        algo.insert(QStringLiteral("slTriggerPx"),
                    OkxTrading::formatOnStep(*order.stopLoss, instrument.tickSize));
        algo.insert(QStringLiteral("slOrdPx"), QStringLiteral("-1"));
    }
    body.insert(QStringLiteral("attachAlgoOrds"), QJsonArray{algo});
}

// Algo orders' ids in the store: "algo-<algoId>".
inline const QString kAlgoPrefix = QStringLiteral("algo-");

// An algo order's entry (its ordType is an algo type), not a plain order's (whose algoId is set only when
// an algo order placed it).
bool isAlgoEntry(const QJsonObject& o);
// A trigger algo order: an order-algo / orders-algo-pending entry or an orders-algo push.
std::optional<Order> algoOrderFrom(const QJsonObject& o);
// The end of the order a trigger order placed ends the trigger order: filled with it, or cancelled.
std::optional<Order> algoOrderEndedBy(const Order& child, const QJsonObject& o);

} // namespace OkxWire
