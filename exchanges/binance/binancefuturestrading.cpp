// Binance USDⓈ-M futures: order requests (plain orders on /fapi/v1/order, conditional ones on the Algo
// Service's /fapi/v1/algoOrder since 2025-12-09), positions, the position mode, and the /private
// stream's events.
// https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api ,
// /trade/rest-api/New-Algo-Order , /trade/rest-api/Current-All-Algo-Open-Orders ,
// /user-data-streams/Event-Algo-Order-Update , /account/rest-api/Get-Current-Position-Mode .
#include "binancejson.h"
#include "binancetrading.h"

#include <QMutexLocker>

#include <algorithm>

using namespace BinanceJson;

namespace {

// STOP / TAKE_PROFIT (limit on trigger), STOP_MARKET / TAKE_PROFIT_MARKET (market on trigger).
QString conditionalTypeFor(const OrderRequest& order)
{
    QString type = isStop(order) ? QStringLiteral("STOP") : QStringLiteral("TAKE_PROFIT");
    if (order.type == OrderType::Market)
        type += QStringLiteral("_MARKET");
    return type;
}

// An algo order's state in the trader's terms. The conditional order stays one order from placement to
// its end: waiting (NEW), triggered (its order is on the book: TRIGGERING, TRIGGERED), then FINISHED
// when that order filled or was cancelled (executed quantity against quantity says which).
OrderStatus algoStatusFrom(const QString& s, Decimal executed, Decimal quantity)
{
    if (s == QLatin1String("NEW"))
        return OrderStatus::Untriggered;
    if (s == QLatin1String("TRIGGERING") || s == QLatin1String("TRIGGERED"))
        return OrderStatus::Triggered;
    if (s == QLatin1String("FINISHED")) {
        if (!quantity.isZero() && !(executed < quantity))
            return OrderStatus::Filled;
        return executed.isZero() ? OrderStatus::Cancelled : OrderStatus::PartiallyFilledCancelled;
    }
    if (s == QLatin1String("CANCELED") || s == QLatin1String("EXPIRED"))
        return OrderStatus::Deactivated;
    if (s == QLatin1String("REJECTED"))
        return OrderStatus::Rejected;
    return OrderStatus::Unknown;
}

// USDⓈ-M names: every market-on-trigger type says MARKET (STOP and TAKE_PROFIT are limit orders, unlike
// spot's STOP_LOSS / TAKE_PROFIT).
OrderType futuresTypeFrom(const QString& type)
{
    return type.contains(QLatin1String("MARKET")) ? OrderType::Market : OrderType::Limit;
}

using PositionMode = BinanceTrading::PositionMode;

// The position mode a positionSide field shows, if any (within one reply or frame, a leg outweighs BOTH).
void noteModeOf(const QString& positionSide, PositionMode* mode)
{
    const auto leg = legFrom(positionSide);
    if (mode && leg && *mode != PositionMode::Hedge)
        *mode = *leg == PositionSide::Net ? PositionMode::OneWay : PositionMode::Hedge;
}

// A position's size from its signed amount; a hedge-mode leg's direction is its own (a SHORT leg's
// amount is negative, read by its size whatever the sign).
void setLegSize(Position& p, Decimal amount)
{
    setSize(p, amount);
    if (p.positionSide != PositionSide::Net && p.side)
        p.side = p.positionSide == PositionSide::Long ? Side::Buy : Side::Sell;
}

// ORDER_TRADE_UPDATE:
// https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update
bool readOrderTradeUpdate(const QJsonObject& e, PrivateStreamFrame& out)
{
    Order order;
    order.orderId = textAt(e, "i");
    order.clientOrderId = textAt(e, "c");
    order.symbol = textAt(e, "s");
    order.category = Category::Linear;
    order.side = sideFrom(textAt(e, "S"));
    const QString orderType = textAt(e, "o");
    order.type = futuresTypeFrom(orderType);
    const auto qty = decimalAt(e, "q");
    const auto filled = decimalAt(e, "z");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !qty || !filled) {
        out.error = QStringLiteral("ORDER_TRADE_UPDATE lacks a documented field");
        return false;
    }
    order.quantity = *qty;
    order.filledQuantity = *filled;
    order.status = BinanceTrading::statusFromBinance(textAt(e, "X"), !filled->isZero());
    order.timeInForce = timeInForceFrom(textAt(e, "f"), orderType);
    if (order.type == OrderType::Limit)
        order.price = nonZeroAt(e, "p");
    order.averageFillPrice = nonZeroAt(e, "ap");
    order.triggerPrice = nonZeroAt(e, "sp");
    order.reduceOnly = boolAt(e, "R");
    order.positionSide = legFrom(textAt(e, "ps")).value_or(PositionSide::Net);
    if (textAt(e, "X") == QLatin1String("EXPIRED"))
        order.reason = QStringLiteral("EXPIRED");
    order.updatedMs = msAt(e, "T");
    order.createdMs = order.updatedMs;
    bool incomplete = false;
    if (auto fill = tradeFillOf(e, order, &incomplete))
        out.fills.push_back(std::move(*fill));
    else if (incomplete) {
        out.error = QStringLiteral("ORDER_TRADE_UPDATE trade lacks t, L or l");
        return false;
    }
    out.orders.push_back(order);
    return true;
}

// ALGO_UPDATE:
// https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Algo-Order-Update
bool readAlgoUpdate(const QJsonObject& event, PrivateStreamFrame& out)
{
    const QJsonObject e = event.value(QLatin1String("o")).toObject();
    Order order;
    const QString algoId = textAt(e, "aid");
    order.clientOrderId = textAt(e, "caid");
    order.symbol = textAt(e, "s");
    order.category = Category::Linear;
    order.side = sideFrom(textAt(e, "S"));
    const QString type = textAt(e, "o");
    order.type = futuresTypeFrom(type);
    const auto qty = decimalAt(e, "q");
    const QString status = textAt(e, "X");
    if (algoId.isEmpty() || order.symbol.isEmpty() || !qty || status.isEmpty()) {
        out.error = QStringLiteral("ALGO_UPDATE lacks aid, s, q or X");
        return false;
    }
    order.orderId = kAlgoOrderPrefix + algoId;
    order.quantity = *qty;
    order.filledQuantity = decimalAt(e, "aq").value_or(Decimal());
    order.averageFillPrice = nonZeroAt(e, "ap");
    order.status = algoStatusFrom(status, order.filledQuantity, order.quantity);
    order.timeInForce = timeInForceFrom(textAt(e, "f"), type);
    if (order.type == OrderType::Limit)
        order.price = nonZeroAt(e, "p");
    order.triggerPrice = nonZeroAt(e, "tp");
    order.reduceOnly = boolAt(e, "R");
    order.positionSide = legFrom(textAt(e, "ps")).value_or(PositionSide::Net);
    const QString reason = textAt(e, "rm");
    order.reason = !reason.isEmpty() ? reason : status == QLatin1String("EXPIRED") ? status : QString();
    // The event's own times: "E" and "T" (the documented example labels them the other way round).
    order.updatedMs = std::max(msAt(event, "E"), msAt(event, "T"));
    order.createdMs = order.updatedMs;
    out.orders.push_back(order);
    return true;
}

} // namespace

bool BinanceTrading::isAlgoOrderId(const QString& orderId)
{
    return orderId.startsWith(kAlgoOrderPrefix);
}

std::optional<Order> BinanceTrading::algoOrderFrom(const QJsonObject& o)
{
    // New Algo Order / Query Algo Order / Current All Algo Open Orders reply entries.
    Order order;
    const QString algoId = textAt(o, "algoId");
    order.clientOrderId = textAt(o, "clientAlgoId");
    order.symbol = textAt(o, "symbol");
    order.category = Category::Linear;
    order.side = sideFrom(textAt(o, "side"));
    const QString type = textAt(o, "orderType");
    order.type = futuresTypeFrom(type);
    const auto qty = decimalAt(o, "quantity");
    if (algoId.isEmpty() || order.symbol.isEmpty() || !qty)
        return std::nullopt;
    order.orderId = kAlgoOrderPrefix + algoId;
    order.quantity = *qty;
    order.filledQuantity = decimalAt(o, "executedQty").value_or(Decimal());
    order.averageFillPrice = nonZeroAt(o, "avgPrice");
    order.status = algoStatusFrom(textAt(o, "algoStatus"), order.filledQuantity, order.quantity);
    order.timeInForce = timeInForceFrom(textAt(o, "timeInForce"), type);
    if (order.type == OrderType::Limit)
        order.price = nonZeroAt(o, "price");
    order.triggerPrice = nonZeroAt(o, "triggerPrice");
    order.reduceOnly = boolAt(o, "reduceOnly");
    order.positionSide = legFrom(textAt(o, "positionSide")).value_or(PositionSide::Net);
    order.createdMs = msAt(o, "createTime");
    order.updatedMs = msAt(o, "updateTime");
    if (order.updatedMs == 0)
        order.updatedMs = order.createdMs;
    return order;
}

SignedRequest BinanceTrading::futuresOrderRequest(const OrderRequest& order,
                                                  const Instrument& instrument) const
{
    const bool conditional = order.triggerPrice.has_value();
    SignedRequest r = request(order.category, "POST",
                              conditional ? QStringLiteral("/v1/algoOrder") : QStringLiteral("/v1/order"));
    if (conditional)
        r.query.append({QStringLiteral("algoType"), QStringLiteral("CONDITIONAL")});
    r.query.append({QStringLiteral("symbol"), order.symbol});
    r.query.append({QStringLiteral("side"), sideText(order.side)});
    const QString type = conditional                       ? conditionalTypeFor(order)
                         : order.type == OrderType::Market ? QStringLiteral("MARKET")
                                                           : QStringLiteral("LIMIT");
    r.query.append({QStringLiteral("type"), type});
    const bool limit = order.type == OrderType::Limit;
    if (limit)
        r.query.append({QStringLiteral("timeInForce"), timeInForceText(order.timeInForce, true)});
    r.query.append({QStringLiteral("quantity"), formatOnStep(order.quantity, instrument.lotSize)});
    if (limit && order.price)
        r.query.append({QStringLiteral("price"), formatOnStep(*order.price, instrument.tickSize)});
    if (conditional)
        r.query.append(
            {QStringLiteral("triggerPrice"), formatOnStep(*order.triggerPrice, instrument.tickSize)});
    // Hedge mode: the leg instead of reduceOnly, which Binance refuses there (-1106); closing a leg is
    // the opposite side on that leg.
    if (isHedgeMode())
        appendPositionSide(r, order);
    else if (order.reduceOnly)
        r.query.append({QStringLiteral("reduceOnly"), QStringLiteral("true")});
    if (conditional) {
        r.query.append({QStringLiteral("clientAlgoId"), order.clientOrderId});
        const QMutexLocker lock(&m_algoClientIdsMutex);
        m_algoClientIds.insert(order.clientOrderId);
    } else {
        r.query.append({QStringLiteral("newClientOrderId"), order.clientOrderId});
        r.query.append({QStringLiteral("newOrderRespType"), QStringLiteral("RESULT")});
    }
    return r;
}

SignedRequest BinanceTrading::futuresAmendRequest(const OrderAmendment& amendment,
                                                  const Instrument& instrument) const
{
    // PUT /fapi/v1/order restates side, quantity and price (limit orders only). The Algo Service has no
    // amend: an "algo-" id goes out as it is and the venue refuses it, so no other order is touched.
    const OrderReference& ref = amendment.order;
    SignedRequest r = request(ref.category, "PUT", QStringLiteral("/v1/order"));
    addReference(r.query, ref);
    r.query.append(
        {QStringLiteral("side"), sideText(amendment.current ? amendment.current->side : Side::Buy)});
    appendQuantityAndPrice(r, amendment, instrument);
    return r;
}

SignedRequest BinanceTrading::algoOrderRequest(const QByteArray& method, const OrderReference& order) const
{
    // Query / Cancel Algo Order: by algoId, else by our clientAlgoId (no symbol parameter).
    SignedRequest r = request(Category::Linear, method, QStringLiteral("/v1/algoOrder"));
    if (isAlgoOrderId(order.orderId))
        r.query.append({QStringLiteral("algoId"), order.orderId.mid(kAlgoOrderPrefix.size())});
    else
        r.query.append({QStringLiteral("clientAlgoId"), order.clientOrderId});
    return r;
}

bool BinanceTrading::isAlgoClientOrderId(const QString& clientOrderId) const
{
    const QMutexLocker lock(&m_algoClientIdsMutex);
    return !clientOrderId.isEmpty() && m_algoClientIds.contains(clientOrderId);
}

bool BinanceTrading::isAlgoReference(const OrderReference& order) const
{
    return isAlgoOrderId(order.orderId) ||
           (order.orderId.isEmpty() && isAlgoClientOrderId(order.clientOrderId));
}

PositionSide BinanceTrading::legOf(const OrderRequest& order)
{
    if (order.positionSide != PositionSide::Net)
        return order.positionSide;
    return (order.side == Side::Buy) != order.reduceOnly ? PositionSide::Long : PositionSide::Short;
}

void BinanceTrading::appendPositionSide(SignedRequest& r, const OrderRequest& order) const
{
    r.query.append({QStringLiteral("positionSide"),
                    legOf(order) == PositionSide::Long ? QStringLiteral("LONG") : QStringLiteral("SHORT")});
}

SignedRequest BinanceTrading::openAlgoOrdersRequest(const QString& symbol) const
{
    SignedRequest r = request(Category::Linear, "GET", QStringLiteral("/v1/openAlgoOrders"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    return r;
}

SignedRequest BinanceTrading::cancelAllAlgoOrdersRequest(const QString& symbol) const
{
    SignedRequest r = request(Category::Linear, "DELETE", QStringLiteral("/v1/algoOpenOrders"));
    r.query.append({QStringLiteral("symbol"), symbol}); // required, as for allOpenOrders
    return r;
}

QList<SignedRequest> BinanceTrading::moreOpenOrdersRequests(Category category, const QString& symbol) const
{
    if (category == Category::Spot)
        return {};
    return {openAlgoOrdersRequest(symbol)};
}

QList<SignedRequest> BinanceTrading::accountSetupRequests(const QList<Category>& categories) const
{
    if (!categories.contains(Category::Linear))
        return {};
    return {positionModeRequest()};
}

Result<bool, AdapterError> BinanceTrading::parseAccountSetup(const QJsonDocument& reply) const
{
    return parsePositionMode(reply);
}

QList<SignedRequest> BinanceTrading::moreCancelAllRequests(Category category, const QString& symbol) const
{
    if (category == Category::Spot)
        return {};
    return {cancelAllAlgoOrdersRequest(symbol)};
}

SignedRequest BinanceTrading::positionModeRequest() const
{
    return request(Category::Linear, "GET", QStringLiteral("/v1/positionSide/dual"));
}

Result<bool, AdapterError> BinanceTrading::parsePositionMode(const QJsonDocument& reply) const
{
    // {"dualSidePosition": true}: hedge mode; false: one-way.
    const QJsonValue v = reply.object().value(QLatin1String("dualSidePosition"));
    if (!v.isBool())
        return Result<bool, AdapterError>::failure(
            {QStringLiteral("position mode reply has no dualSidePosition")});
    noteHedgeMode(v.toBool());
    return v.toBool();
}

void BinanceTrading::noteHedgeMode(bool hedge) const
{
    m_positionMode.store(hedge ? PositionMode::Hedge : PositionMode::OneWay);
}

bool BinanceTrading::isHedgeMode() const
{
    return m_positionMode.load() == PositionMode::Hedge;
}

Result<std::vector<Position>, AdapterError> BinanceTrading::parsePositions(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Position>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("positionRisk reply is not a list")});
    std::vector<Position> out;
    PositionMode mode = PositionMode::Unknown;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        // One-way mode's BOTH row is the symbol's position; hedge mode's LONG and SHORT rows its legs (a
        // short leg's amount is negative).
        const QString side = textAt(o, "positionSide");
        noteModeOf(side, &mode);
        Position p;
        p.symbol = textAt(o, "symbol");
        p.category = Category::Linear;
        p.positionSide = legFrom(side).value_or(PositionSide::Net);
        const auto amount = decimalAt(o, "positionAmt");
        if (p.symbol.isEmpty() || !amount)
            return R::failure({QStringLiteral("position entry lacks symbol or positionAmt")});
        setLegSize(p, *amount);
        p.entryPrice = nonZeroAt(o, "entryPrice");
        p.markPrice = decimalAt(o, "markPrice");
        p.unrealisedPnl = decimalAt(o, "unRealizedProfit");
        p.liquidationPrice = nonZeroAt(o, "liquidationPrice");
        p.updatedMs = msAt(o, "updateTime");
        out.push_back(std::move(p));
    }
    if (mode != PositionMode::Unknown)
        noteHedgeMode(mode == PositionMode::Hedge);
    return out;
}

PrivateStreamFrame BinanceTrading::parseFuturesFrame(QByteArrayView frame, bool withBalances,
                                                     PositionMode* mode)
{
    PrivateStreamFrame out;
    QJsonObject o = objectOf(frame, out);
    if (out.kind == PrivateStreamFrame::Kind::Malformed)
        return out;
    if (o.value(QLatin1String("data")).isObject() && o.contains(QLatin1String("stream")))
        o = o.value(QLatin1String("data")).toObject(); // a combined-stream envelope
    const QString type = textAt(o, "e");
    out.topic = type;
    const auto malformed = [&out] {
        out.kind = PrivateStreamFrame::Kind::Malformed;
        return out;
    };
    if (type == QLatin1String("ORDER_TRADE_UPDATE")) {
        const QJsonObject e = o.value(QLatin1String("o")).toObject();
        if (!readOrderTradeUpdate(e, out))
            return malformed();
        noteModeOf(textAt(e, "ps"), mode);
    } else if (type == QLatin1String("ALGO_UPDATE")) {
        if (!readAlgoUpdate(o, out))
            return malformed();
        noteModeOf(textAt(o.value(QLatin1String("o")).toObject(), "ps"), mode);
    } else if (type == QLatin1String("ACCOUNT_UPDATE")) {
        const QJsonObject a = o.value(QLatin1String("a")).toObject();
        const std::int64_t time = msAt(o, "T");
        for (const QJsonValue& v : a.value(QLatin1String("P")).toArray()) {
            const QJsonObject p = v.toObject();
            const QString side = textAt(p, "ps");
            noteModeOf(side, mode);
            Position position;
            position.symbol = textAt(p, "s");
            position.category = Category::Linear;
            position.positionSide = legFrom(side).value_or(PositionSide::Net);
            const auto amount = decimalAt(p, "pa");
            if (position.symbol.isEmpty() || !amount) {
                out.error = QStringLiteral("ACCOUNT_UPDATE position lacks s or pa");
                return malformed();
            }
            setLegSize(position, *amount);
            position.entryPrice = nonZeroAt(p, "ep");
            position.unrealisedPnl = decimalAt(p, "up");
            position.realisedPnl = decimalAt(p, "cr");
            position.updatedMs = time;
            out.positions.push_back(position);
        }
        if (withBalances) {
            for (const QJsonValue& v : a.value(QLatin1String("B")).toArray()) {
                const QJsonObject b = v.toObject();
                Balance balance;
                balance.coin = textAt(b, "a");
                const auto wallet = decimalAt(b, "wb");
                if (balance.coin.isEmpty() || !wallet) {
                    out.error = QStringLiteral("ACCOUNT_UPDATE balance lacks a or wb");
                    return malformed();
                }
                balance.walletBalance = *wallet;
                out.balances.push_back(balance);
            }
        }
    } else if (type == QLatin1String("listenKeyExpired") || type == QLatin1String("serverShutdown")) {
        // The key is gone, or the server is about to go down: connect again now, on a fresh listenKey,
        // and reconcile over REST once the new connection is up.
        out.kind = PrivateStreamFrame::Kind::Expired;
        out.error = type;
        return out;
    } else {
        out.kind = PrivateStreamFrame::Kind::Ignored; // TRADE_LITE, MARGIN_CALL, ACCOUNT_CONFIG_UPDATE, …
        return out;
    }
    out.kind = PrivateStreamFrame::Kind::Data;
    return out;
}
