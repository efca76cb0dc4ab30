// OKX trigger (algo) orders, OkxTrading's stop half: place (POST /trade/order-algo), amend
// (/trade/amend-algos), cancel (/trade/cancel-algos), the waiting ones (/trade/orders-algo-pending), one by
// algoId or algoClOrdId (GET /trade/order-algo), and the business stream's orders-algo channel.
// https://www.okx.com/docs-v5/en/#order-book-trading-algo-trading-post-place-algo-order ,
// #order-book-trading-algo-trading-ws-algo-orders-channel ; plain orders and the rest: okxtrading.cpp
#include "okxalgoorders.h"

#include "okxtrading.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace OkxWire;

namespace {

void addAlgoReference(QJsonObject& body, const OrderReference& order)
{
    body.insert(QStringLiteral("instId"), order.symbol);
    if (order.orderId.startsWith(kAlgoPrefix))
        body.insert(QStringLiteral("algoId"), order.orderId.mid(kAlgoPrefix.size()));
    else
        body.insert(QStringLiteral("algoClOrdId"), order.clientOrderId);
}

} // namespace

namespace OkxWire {

bool isAlgoEntry(const QJsonObject& o)
{
    static const QStringList algoTypes{QStringLiteral("trigger"), QStringLiteral("conditional"),
                                       QStringLiteral("oco"), QStringLiteral("move_order_stop")};
    return algoTypes.contains(textAt(o, "ordType"));
}

std::optional<Order> algoOrderFrom(const QJsonObject& o)
{
    Order order;
    const QString algoId = textAt(o, "algoId");
    order.orderId = kAlgoPrefix + algoId;
    order.clientOrderId = textAt(o, "algoClOrdId");
    order.symbol = textAt(o, "instId");
    order.category = OkxTrading::categoryOf(textAt(o, "instType"), order.symbol);
    order.side = textAt(o, "side") == QLatin1String("sell") ? Side::Sell : Side::Buy;
    const auto size = decimalAt(o, "sz");
    const QString state = textAt(o, "state");
    if (algoId.isEmpty() || order.symbol.isEmpty() || !size || state.isEmpty())
        return std::nullopt;
    order.quantity = *size;
    // ordPx -1: a market order once triggered.
    const QString ordPx = textAt(o, "ordPx");
    order.type = ordPx.isEmpty() || ordPx == QLatin1String("-1") ? OrderType::Market : OrderType::Limit;
    if (order.type == OrderType::Limit)
        order.price = Decimal::parse(ordPx);
    const QString advance = textAt(o, "advanceOrdType");
    if (advance == QLatin1String("ioc"))
        order.timeInForce = TimeInForce::ImmediateOrCancel;
    else if (advance == QLatin1String("fok"))
        order.timeInForce = TimeInForce::FillOrKill;
    else if (order.type == OrderType::Market)
        order.timeInForce = TimeInForce::ImmediateOrCancel;
    order.triggerPrice = nonZeroAt(o, "triggerPx");
    order.status = OkxTrading::statusFromOkxAlgo(state);
    order.reduceOnly = trueAt(o, "reduceOnly");
    // failCode: why placing the triggered order failed (e.g. 51008), as OKX gives it.
    if (order.status == OrderStatus::Rejected)
        order.reason = textAt(o, "failCode");
    order.createdMs = msAt(o, "cTime");
    order.updatedMs = msAt(o, "uTime");
    if (order.updatedMs == 0)
        order.updatedMs = order.createdMs;
    return order;
}

std::optional<Order> algoOrderEndedBy(const Order& child, const QJsonObject& o)
{
    const QString algoId = textAt(o, "algoId");
    if (algoId.isEmpty() || isOpenStatus(child.status))
        return std::nullopt;
    Order algo = child;
    algo.orderId = kAlgoPrefix + algoId;
    algo.clientOrderId = textAt(o, "algoClOrdId");
    return algo;
}

} // namespace OkxWire

SignedRequest OkxTrading::algoOrderRequest(const OrderRequest& order, const Instrument& instrument) const
{
    // A trigger order: when the last price reaches triggerPx, OKX places the order (orderPx -1: market).
    SignedRequest r = request("POST", QStringLiteral("/api/v5/trade/order-algo"));
    QJsonObject body{
        {QStringLiteral("instId"), order.symbol},
        {QStringLiteral("tdMode"),
         order.category == Category::Spot ? QStringLiteral("cash") : QStringLiteral("cross")},
        {QStringLiteral("side"), order.side == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell")},
        {QStringLiteral("ordType"), QStringLiteral("trigger")},
        {QStringLiteral("sz"), formatOnStep(order.quantity, instrument.lotSize)},
        {QStringLiteral("triggerPx"), formatOnStep(*order.triggerPrice, instrument.tickSize)},
        {QStringLiteral("triggerPxType"), QStringLiteral("last")},
        {QStringLiteral("orderPx"), order.type == OrderType::Limit && order.price
                                        ? formatOnStep(*order.price, instrument.tickSize)
                                        : QStringLiteral("-1")},
        {QStringLiteral("algoClOrdId"), order.clientOrderId},
    };
    if (order.type == OrderType::Limit && order.timeInForce == TimeInForce::ImmediateOrCancel)
        body.insert(QStringLiteral("advanceOrdType"), QStringLiteral("ioc"));
    else if (order.type == OrderType::Limit && order.timeInForce == TimeInForce::FillOrKill)
        body.insert(QStringLiteral("advanceOrdType"), QStringLiteral("fok"));
    if (order.reduceOnly && order.category != Category::Spot)
        body.insert(QStringLiteral("reduceOnly"), true);
    if (order.category == Category::Spot && order.type == OrderType::Market)
        body.insert(QStringLiteral("tgtCcy"), QStringLiteral("base_ccy")); // sz is the base quantity
    addAttachedTpSl(body, order, instrument);
    setJsonBody(r, QJsonDocument(body));
    if (!order.clientOrderId.isEmpty()) {
        const QMutexLocker lock(&m_algoMutex);
        m_algoClientIds.insert(order.clientOrderId);
    }
    return r;
}

SignedRequest OkxTrading::amendAlgoRequest(const OrderAmendment& amendment,
                                           const Instrument& instrument) const
{
    // amend-algos: a trigger order's size, trigger price and order price.
    SignedRequest r = request("POST", QStringLiteral("/api/v5/trade/amend-algos"));
    QJsonObject body;
    addAlgoReference(body, amendment.order);
    if (amendment.quantity)
        body.insert(QStringLiteral("newSz"), formatOnStep(*amendment.quantity, instrument.lotSize));
    if (amendment.triggerPrice)
        body.insert(QStringLiteral("newTriggerPx"),
                    formatOnStep(*amendment.triggerPrice, instrument.tickSize));
    if (amendment.price)
        body.insert(QStringLiteral("newOrdPx"), formatOnStep(*amendment.price, instrument.tickSize));
    setJsonBody(r, QJsonDocument(body));
    return r;
}

SignedRequest OkxTrading::cancelAlgoRequest(const OrderReference& order) const
{
    // cancel-algos takes an array, here of one.
    SignedRequest r = request("POST", QStringLiteral("/api/v5/trade/cancel-algos"));
    QJsonObject entry;
    addAlgoReference(entry, order);
    setJsonBody(r, QJsonDocument(QJsonArray{entry}));
    return r;
}

QList<SignedRequest> OkxTrading::moreOpenOrdersRequests(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/api/v5/trade/orders-algo-pending"));
    r.query.append({QStringLiteral("ordType"), QStringLiteral("trigger")});
    r.query.append({QStringLiteral("instType"), instType(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("instId"), symbol});
    return {r};
}

SignedRequest OkxTrading::algoDetailsRequest(const OrderReference& order) const
{
    // One algo order in any state.
    SignedRequest r = request("GET", QStringLiteral("/api/v5/trade/order-algo"));
    if (isAlgoOrderId(order.orderId))
        r.query.append({QStringLiteral("algoId"), order.orderId.mid(kAlgoPrefix.size())});
    else
        r.query.append({QStringLiteral("algoClOrdId"), order.clientOrderId});
    return r;
}

bool OkxTrading::isAlgoOrderId(const QString& orderId)
{
    return orderId.startsWith(kAlgoPrefix);
}

bool OkxTrading::isAlgoClientOrderId(const QString& clientOrderId) const
{
    const QMutexLocker lock(&m_algoMutex);
    return !clientOrderId.isEmpty() && m_algoClientIds.contains(clientOrderId);
}

bool OkxTrading::isAlgoReference(const OrderReference& order) const
{
    return isAlgoOrderId(order.orderId) ||
           (order.orderId.isEmpty() && isAlgoClientOrderId(order.clientOrderId));
}

std::optional<Order> OkxTrading::listedAlgoOrder(const QJsonObject& entry) const
{
    auto algo = algoOrderFrom(entry);
    if (!algo)
        return algo;
    // A listed stop is cancelled on cancel-algos also when named by our id only (botterm-cli
    // cancel --client-id reads the open orders first).
    const QMutexLocker lock(&m_algoMutex);
    if (algo->triggerPrice)
        m_algoTriggers.insert(algo->orderId, *algo->triggerPrice);
    if (!algo->clientOrderId.isEmpty())
        m_algoClientIds.insert(algo->clientOrderId);
    return algo;
}

OrderStatus OkxTrading::statusFromOkxAlgo(const QString& state)
{
    // live / pause: waiting; effective: its order is placed; order_failed: placing it failed.
    if (state == QLatin1String("live") || state == QLatin1String("pause"))
        return OrderStatus::Untriggered;
    if (state == QLatin1String("effective") || state == QLatin1String("partially_effective"))
        return OrderStatus::Triggered;
    if (state == QLatin1String("canceled"))
        return OrderStatus::Deactivated;
    if (state == QLatin1String("order_failed") || state == QLatin1String("partially_failed"))
        return OrderStatus::Rejected;
    return OrderStatus::Unknown;
}

QString OkxTrading::notOfferedAmendment(const OrderAmendment& amendment) const
{
    // amend-order changes a plain order's size and price only; a trigger price belongs to trigger orders.
    if (amendment.triggerPrice && !isAlgoReference(amendment.order))
        return tr("OKX cannot add a trigger price to a placed order; cancel it and place a stop order");
    // A trigger order that places a market order has no order price to change.
    if (amendment.price && isAlgoReference(amendment.order) && amendment.current &&
        amendment.current->type == OrderType::Market)
        return tr("This OKX stop places a market order: it has no price to change");
    return {};
}

QStringList OkxTrading::businessTopics()
{
    return {QStringLiteral("orders-algo:instType=ANY")};
}

PrivateStreamFrame OkxTrading::parseStreamFrame(QByteArrayView frame) const
{
    PrivateStreamFrame out = parsePrivateFrame(frame);
    // Trigger orders are known by their trigger price (orders-algo pushes, orders-algo-pending): an order
    // that ended an algo order closes it only when that is one of them (attached TP/SL are others), and
    // gives it back its trigger price (the orders channel does not carry it).
    const QMutexLocker lock(&m_algoMutex);
    std::vector<Order> orders;
    orders.reserve(out.orders.size());
    for (Order& order : out.orders) {
        if (isAlgoOrderId(order.orderId)) {
            if (order.triggerPrice) {
                m_algoTriggers.insert(order.orderId, *order.triggerPrice);
            } else if (const auto it = m_algoTriggers.constFind(order.orderId); it != m_algoTriggers.cend()) {
                order.triggerPrice = *it;
            } else {
                continue;
            }
            if (!isOpenStatus(order.status))
                m_algoTriggers.remove(order.orderId);
        }
        orders.push_back(std::move(order));
    }
    out.orders = std::move(orders);
    return out;
}
