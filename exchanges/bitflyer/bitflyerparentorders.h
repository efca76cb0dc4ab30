#pragma once

// bitFlyer Lightning special (parent) orders are BitflyerTrading's other half: bitflyerparentorders.cpp
// defines its stop and stop-limit requests (sendparentorder), their cancel (cancelparentorder), reads
// (getparentorders, getparentorder) and events (parent_order_events); bitflyertrading.cpp the child
// orders and the rest of the account. This header holds what the two halves share: how bitFlyer's JSON is
// read and the order bodies are written.

#include "models/decimal.h"
#include "models/instrument.h"
#include "models/trading.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>

namespace BitflyerWire {

// An amount, exactly as bitFlyer wrote it (a JSON number or string).
std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key);
QString textAt(const QJsonObject& o, const char* key);
// A bitFlyer time ("2015-07-07T08:45:53.5434384Z"), in ms since the epoch; 0 when absent.
std::int64_t timeAt(const QJsonObject& o, const char* key);
Side sideAt(const QJsonObject& o);
TimeInForce tifFrom(const QString& text);
const char* timeInForceText(TimeInForce tif);
// "key":value appended to a JSON body being written (a string escaped, a raw value as is).
void appendString(QByteArray& out, const char* key, const QString& value);
void appendRaw(QByteArray& out, const char* key, const QByteArray& value);
// The fields a child order and a special order's parameter share: product_code, kindKey (child_order_type
// or condition_type), side, price (limits), trigger_price (stops), size — each on the instrument's grid.
void appendOrderFields(QByteArray& body, const OrderRequest& order, const Instrument& instrument,
                       const char* kindKey, const QString& kind);
// A special order's condition that waits for a trigger price (STOP, STOP_LIMIT, TRAIL).
bool isStopCondition(const QString& type);

} // namespace BitflyerWire
