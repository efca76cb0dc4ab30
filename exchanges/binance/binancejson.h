#pragma once

// Reading and writing Binance's JSON and query fields, shared by the spot and USDⓈ-M halves of
// BinanceTrading (binancetrading.cpp, binancespottrading.cpp, binancefuturestrading.cpp). Internal to
// exchanges/binance/.

#include "exchanges/core/tradingadapter.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <optional>

namespace BinanceJson {

using Query = QList<QPair<QString, QString>>;

// USDⓈ-M conditional orders (Algo Service) have their own id space: in the store their order id is
// this prefix + algoId, which keeps them apart from plain orders and routes their cancel and lookups.
inline const QLatin1String kAlgoOrderPrefix("algo-");

QString sideText(Side side); // "BUY" / "SELL"
Side sideFrom(const QString& text);

// A field as text: strings as they are, numbers (ids, times) written out in full.
QString textAt(const QJsonObject& o, const char* key);
// Binance sends prices and quantities as strings; "" and absent are nullopt.
std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key);
// Prices Binance writes as "0" (or "0.00000") when there is none: avgPrice, stopPrice, entryPrice.
std::optional<Decimal> nonZeroAt(const QJsonObject& o, const char* key);
std::int64_t msAt(const QJsonObject& o, const char* key);
bool boolAt(const QJsonObject& o, const char* key);
// The execution a spot executionReport or a futures ORDER_TRADE_UPDATE carries for order (x = TRADE,
// the same fields in both): nullopt when it carries none, and *incomplete set when it claims one but
// lacks t, L or l.
std::optional<Fill> tradeFillOf(const QJsonObject& e, const Order& order, bool* incomplete);

TimeInForce timeInForceFrom(const QString& tif, const QString& type);
// futures: post-only is GTX; spot: LIMIT_MAKER carries no timeInForce (empty).
QString timeInForceText(TimeInForce tif, bool futures);
// MARKET, STOP_MARKET, TAKE_PROFIT_MARKET, STOP_LOSS, TAKE_PROFIT (spot's market-on-trigger kinds).
OrderType typeFrom(const QString& type);
// Whether a conditional order is a stop (triggers as the price moves against a position opened the
// other way: a buy when the price rises to the trigger) rather than a take-profit.
bool isStop(const OrderRequest& order);

// USDⓈ-M positionSide (REST "positionSide", streams "ps"): LONG / SHORT (hedge mode's legs) or BOTH
// (one-way mode); nullopt for anything else (spot orders have none).
std::optional<PositionSide> legFrom(const QString& positionSide);

// symbol plus orderId, or origClientOrderId when only ours is known.
void addReference(Query& query, const OrderReference& order);

// A signed position amount: positive long, negative short, zero flat.
void setSize(Position& p, Decimal amount);
// A reply that is a list, or a single object (GET /order answers one).
QJsonArray itemsOf(const QJsonDocument& reply);
// A private-stream frame as an object; Malformed in out when it is not one.
QJsonObject objectOf(QByteArrayView frame, PrivateStreamFrame& out);

} // namespace BinanceJson
