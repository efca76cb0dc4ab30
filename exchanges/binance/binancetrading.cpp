// Binance spot and USDⓈ-M trading REST and private streams.
// Spot: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints ,
// /rest-api/account-endpoints , /websocket-api/user-data-stream-requests , /user-data-stream .
// USDⓈ-M: https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api ,
// /account/rest-api , /user-data-streams , /websocket-market-streams (the 2026 /public|/market|/private
// split).
#include "binancetrading.h"

#include "exchanges/core/crypto.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>

namespace {

using Query = QList<QPair<QString, QString>>;

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

// Binance sends prices and quantities as strings; "" and absent are nullopt.
std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty())
        return std::nullopt;
    return Decimal::parse(v.toString());
}

// Prices Binance writes as "0" (or "0.00000") when there is none: avgPrice, stopPrice, entryPrice.
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
    return v.isBool() ? v.toBool() : v.toString() == QLatin1String("true");
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

// MARKET, STOP_MARKET, TAKE_PROFIT_MARKET, STOP_LOSS, TAKE_PROFIT (spot's market-on-trigger kinds).
OrderType typeFrom(const QString& type)
{
    return type.contains(QLatin1String("MARKET")) || type == QLatin1String("STOP_LOSS") ||
                   type == QLatin1String("TAKE_PROFIT")
               ? OrderType::Market
               : OrderType::Limit;
}

// A REST order (spot or USDⓈ-M; the futures shape has positionSide / reduceOnly).
std::optional<Order> orderFrom(const QJsonObject& o)
{
    Order order;
    order.orderId = textAt(o, "orderId");
    order.clientOrderId = textAt(o, "clientOrderId");
    order.symbol = textAt(o, "symbol");
    order.category = o.contains(QLatin1String("positionSide")) || o.contains(QLatin1String("reduceOnly"))
                         ? Category::Linear
                         : Category::Spot;
    order.side = sideFrom(textAt(o, "side"));
    const QString type = textAt(o, "type");
    order.type = typeFrom(type);
    const auto qty = decimalAt(o, "origQty");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !qty)
        return std::nullopt;
    order.quantity = *qty;
    order.filledQuantity = decimalAt(o, "executedQty").value_or(Decimal());
    order.status = BinanceTrading::statusFromBinance(textAt(o, "status"), !order.filledQuantity.isZero());
    order.timeInForce = timeInForceFrom(textAt(o, "timeInForce"), type);
    if (order.type == OrderType::Limit)
        order.price = nonZeroAt(o, "price");
    order.averageFillPrice = nonZeroAt(o, "avgPrice");
    order.triggerPrice = nonZeroAt(o, "stopPrice");
    order.reduceOnly = boolAt(o, "reduceOnly");
    order.createdMs = msAt(o, "time");
    order.updatedMs = msAt(o, "updateTime");
    if (order.updatedMs == 0)
        order.updatedMs = msAt(o, "transactTime");
    if (order.createdMs == 0)
        order.createdMs = order.updatedMs;
    return order;
}

// myTrades (spot: isBuyer/isMaker) or userTrades (USDⓈ-M: side/maker).
std::optional<Fill> fillFrom(const QJsonObject& o)
{
    Fill f;
    f.executionId = textAt(o, "id");
    f.orderId = textAt(o, "orderId");
    f.symbol = textAt(o, "symbol");
    const bool futures = o.contains(QLatin1String("side"));
    f.category = futures ? Category::Linear : Category::Spot;
    f.side = futures ? sideFrom(textAt(o, "side")) : (boolAt(o, "isBuyer") ? Side::Buy : Side::Sell);
    const auto price = decimalAt(o, "price");
    const auto qty = decimalAt(o, "qty");
    if (f.executionId.isEmpty() || !price || !qty)
        return std::nullopt;
    f.price = *price;
    f.quantity = *qty;
    f.fee = decimalAt(o, "commission").value_or(Decimal());
    f.feeCurrency = textAt(o, "commissionAsset");
    f.isMaker = futures ? boolAt(o, "maker") : boolAt(o, "isMaker");
    f.timeMs = msAt(o, "time");
    return f;
}

// A signed position amount: positive long, negative short, zero flat.
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

using ArrayResult = Result<QJsonArray, AdapterError>;

// A reply that is a list, or a single object (GET /order answers one).
QJsonArray itemsOf(const QJsonDocument& reply)
{
    if (reply.isArray())
        return reply.array();
    if (reply.isObject())
        return QJsonArray{reply.object()};
    return {};
}

QString base36(quint64 value)
{
    return QString::number(value, 36);
}

void addReference(Query& query, const OrderReference& order)
{
    query.append({QStringLiteral("symbol"), order.symbol});
    if (!order.orderId.isEmpty())
        query.append({QStringLiteral("orderId"), order.orderId});
    else
        query.append({QStringLiteral("origClientOrderId"), order.clientOrderId});
}

QString spotTypeFor(const OrderRequest& order)
{
    if (!order.triggerPrice) {
        if (order.type == OrderType::Market)
            return QStringLiteral("MARKET");
        return order.timeInForce == TimeInForce::PostOnly ? QStringLiteral("LIMIT_MAKER")
                                                          : QStringLiteral("LIMIT");
    }
    // Spot stop orders: a STOP_LOSS buy triggers when the price rises to stopPrice, a TAKE_PROFIT buy
    // when it falls to it; the reverse for sells.
    const bool rises = order.triggerDirection.value_or(order.side == Side::Buy ? TriggerDirection::RisesTo
                                                                               : TriggerDirection::FallsTo) ==
                       TriggerDirection::RisesTo;
    const bool stopLoss = (order.side == Side::Buy) == rises;
    QString type = stopLoss ? QStringLiteral("STOP_LOSS") : QStringLiteral("TAKE_PROFIT");
    if (order.type == OrderType::Limit)
        type += QStringLiteral("_LIMIT");
    return type;
}

QString futuresTypeFor(const OrderRequest& order)
{
    if (!order.triggerPrice)
        return order.type == OrderType::Market ? QStringLiteral("MARKET") : QStringLiteral("LIMIT");
    // Conditional types: since 2025-12-09 /fapi/v1/order refuses them with -4120 (they belong to
    // /fapi/v1/algoOrder, not supported here); the venue's refusal is what the user sees.
    const bool rises = order.triggerDirection.value_or(order.side == Side::Buy ? TriggerDirection::RisesTo
                                                                               : TriggerDirection::FallsTo) ==
                       TriggerDirection::RisesTo;
    const bool stop = (order.side == Side::Buy) == rises;
    QString type = stop ? QStringLiteral("STOP") : QStringLiteral("TAKE_PROFIT");
    if (order.type == OrderType::Market)
        type += QStringLiteral("_MARKET");
    return type;
}

QString timeInForceText(TimeInForce tif, bool futures)
{
    switch (tif) {
    case TimeInForce::ImmediateOrCancel:
        return QStringLiteral("IOC");
    case TimeInForce::FillOrKill:
        return QStringLiteral("FOK");
    case TimeInForce::PostOnly:
        return futures ? QStringLiteral("GTX") : QString(); // spot: LIMIT_MAKER has no timeInForce
    case TimeInForce::GoodTillCancel:
        break;
    }
    return QStringLiteral("GTC");
}

} // namespace

BinanceTrading::Endpoints BinanceTrading::endpoints(Environment environment)
{
    switch (environment) {
    case Environment::Testnet:
        return {QUrl(QStringLiteral("https://testnet.binance.vision")),
                QUrl(QStringLiteral("https://testnet.binancefuture.com")),
                QUrl(QStringLiteral("wss://ws-api.testnet.binance.vision/ws-api/v3")),
                QUrl(QStringLiteral("wss://fstream.binancefuture.com/private/ws"))};
    case Environment::Demo:
        return {QUrl(QStringLiteral("https://demo-api.binance.com")),
                QUrl(QStringLiteral("https://demo-fapi.binance.com")),
                QUrl(QStringLiteral("wss://demo-ws-api.binance.com/ws-api/v3")),
                QUrl(QStringLiteral("wss://demo-fstream.binance.com/private/ws"))};
    case Environment::Mainnet:
        break;
    }
    return {QUrl(QStringLiteral("https://api.binance.com")), QUrl(QStringLiteral("https://fapi.binance.com")),
            QUrl(QStringLiteral("wss://ws-api.binance.com:443/ws-api/v3")),
            QUrl(QStringLiteral("wss://fstream.binance.com/private/ws"))};
}

BinanceTrading::Endpoints BinanceTrading::loopback(const QUrl& restUrl, const QUrl& streamUrl)
{
    Endpoints e{restUrl, restUrl, streamUrl, streamUrl};
    for (QUrl* url : {&e.spotStream, &e.futuresStream}) {
        if (url->scheme() == QLatin1String("http"))
            url->setScheme(QStringLiteral("ws"));
        else if (url->scheme() == QLatin1String("https"))
            url->setScheme(QStringLiteral("wss"));
    }
    e.spotStream.setPath(QStringLiteral("/ws-api/v3"));
    e.futuresStream.setPath(QStringLiteral("/private/ws"));
    return e;
}

BinanceTrading::BinanceTrading(Endpoints endpoints, Environment environment)
    : m_endpoints(std::move(endpoints))
    , m_environment(environment)
{}

QString BinanceTrading::newClientOrderId()
{
    const quint64 n = m_counter.fetch_add(1) + 1;
    const QString random =
        QStringLiteral("%1").arg(QRandomGenerator::system()->bounded(0x1000000), 6, 16, QLatin1Char('0'));
    return QStringLiteral("bt-") + base36(quint64(QDateTime::currentMSecsSinceEpoch())) + QLatin1Char('-') +
           base36(n) + QLatin1Char('-') + random;
}

QString BinanceTrading::formatOnStep(Decimal value, Decimal step)
{
    const Decimal plain = value.normalized();
    if (!step.isZero() && plain.scale() <= step.scale()) {
        if (const auto scaled = plain.withScale(step.scale()))
            return scaled->toString();
    }
    return plain.toString();
}

SignedRequest BinanceTrading::request(Category category, const QByteArray& method, const QString& path) const
{
    SignedRequest r;
    r.method = method;
    r.venue = venue();
    r.environment = m_environment;
    const bool futures = category != Category::Spot;
    r.url = futures ? m_endpoints.futuresRest : m_endpoints.spotRest;
    QString base = r.url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + (futures ? QStringLiteral("/fapi") : QStringLiteral("/api/v3")) + path);
    return r;
}

SignedRequest BinanceTrading::createOrderRequest(const OrderRequest& order,
                                                 const Instrument& instrument) const
{
    const bool futures = order.category != Category::Spot;
    SignedRequest r =
        request(order.category, "POST", futures ? QStringLiteral("/v1/order") : QStringLiteral("/order"));
    const QString type = futures ? futuresTypeFor(order) : spotTypeFor(order);
    r.query.append({QStringLiteral("symbol"), order.symbol});
    r.query.append({QStringLiteral("side"), sideText(order.side)});
    r.query.append({QStringLiteral("type"), type});
    const bool limit = order.type == OrderType::Limit;
    if (limit) {
        const QString tif = timeInForceText(order.timeInForce, futures);
        if (!tif.isEmpty() && type != QLatin1String("LIMIT_MAKER"))
            r.query.append({QStringLiteral("timeInForce"), tif});
    }
    r.query.append({QStringLiteral("quantity"), formatOnStep(order.quantity, instrument.lotSize)});
    if (limit && order.price)
        r.query.append({QStringLiteral("price"), formatOnStep(*order.price, instrument.tickSize)});
    if (order.triggerPrice)
        r.query.append({QStringLiteral("stopPrice"), formatOnStep(*order.triggerPrice, instrument.tickSize)});
    if (futures && order.reduceOnly)
        r.query.append({QStringLiteral("reduceOnly"), QStringLiteral("true")});
    r.query.append({QStringLiteral("newClientOrderId"), order.clientOrderId});
    // RESULT: the order's status and fills as they stand, without the spot fills list.
    r.query.append({QStringLiteral("newOrderRespType"), QStringLiteral("RESULT")});
    return r;
}

SignedRequest BinanceTrading::amendOrderRequest(const OrderAmendment& amendment,
                                                const Instrument& instrument) const
{
    const OrderReference& ref = amendment.order;
    const std::optional<Order>& current = amendment.current;
    if (ref.category != Category::Spot) {
        // PUT /fapi/v1/order restates side, quantity and price (limit orders only).
        SignedRequest r = request(ref.category, "PUT", QStringLiteral("/v1/order"));
        addReference(r.query, ref);
        r.query.append({QStringLiteral("side"), sideText(current ? current->side : Side::Buy)});
        const std::optional<Decimal> qty = amendment.quantity ? amendment.quantity
                                           : current          ? std::optional<Decimal>(current->quantity)
                                                              : std::nullopt;
        const std::optional<Decimal> price = amendment.price ? amendment.price
                                             : current       ? current->price
                                                             : std::nullopt;
        if (qty)
            r.query.append({QStringLiteral("quantity"), formatOnStep(*qty, instrument.lotSize)});
        if (price)
            r.query.append({QStringLiteral("price"), formatOnStep(*price, instrument.tickSize)});
        return r;
    }
    // Spot: a smaller quantity at the same price keeps its place (amend/keepPriority); any other change is
    // a cancel-replace (a new order id, the queue position lost).
    const bool samePrice =
        !amendment.price || (current && current->price && *current->price == *amendment.price);
    const bool smaller = amendment.quantity && (!current || *amendment.quantity < current->quantity);
    if (samePrice && smaller) {
        SignedRequest r = request(ref.category, "PUT", QStringLiteral("/order/amend/keepPriority"));
        addReference(r.query, ref);
        r.query.append({QStringLiteral("newQty"), formatOnStep(*amendment.quantity, instrument.lotSize)});
        const QString clientId = !ref.clientOrderId.isEmpty() ? ref.clientOrderId
                                 : current                    ? current->clientOrderId
                                                              : QString();
        if (!clientId.isEmpty()) // keep the id the order is tracked by
            r.query.append({QStringLiteral("newClientOrderId"), clientId});
        return r;
    }
    SignedRequest r = request(ref.category, "POST", QStringLiteral("/order/cancelReplace"));
    r.query.append({QStringLiteral("symbol"), ref.symbol});
    r.query.append({QStringLiteral("side"), sideText(current ? current->side : Side::Buy)});
    const bool postOnly = current && current->timeInForce == TimeInForce::PostOnly;
    r.query.append(
        {QStringLiteral("type"), postOnly ? QStringLiteral("LIMIT_MAKER") : QStringLiteral("LIMIT")});
    if (!postOnly)
        r.query.append(
            {QStringLiteral("timeInForce"),
             timeInForceText(current ? current->timeInForce : TimeInForce::GoodTillCancel, false)});
    r.query.append({QStringLiteral("cancelReplaceMode"), QStringLiteral("STOP_ON_FAILURE")});
    if (!ref.orderId.isEmpty())
        r.query.append({QStringLiteral("cancelOrderId"), ref.orderId});
    else
        r.query.append({QStringLiteral("cancelOrigClientOrderId"), ref.clientOrderId});
    const std::optional<Decimal> qty = amendment.quantity ? amendment.quantity
                                       : current          ? std::optional<Decimal>(current->quantity)
                                                          : std::nullopt;
    const std::optional<Decimal> price = amendment.price ? amendment.price
                                         : current       ? current->price
                                                         : std::nullopt;
    if (qty)
        r.query.append({QStringLiteral("quantity"), formatOnStep(*qty, instrument.lotSize)});
    if (price)
        r.query.append({QStringLiteral("price"), formatOnStep(*price, instrument.tickSize)});
    return r;
}

SignedRequest BinanceTrading::cancelOrderRequest(const OrderReference& order) const
{
    SignedRequest r =
        request(order.category, "DELETE",
                order.category == Category::Spot ? QStringLiteral("/order") : QStringLiteral("/v1/order"));
    addReference(r.query, order);
    return r;
}

SignedRequest BinanceTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    // Both want a symbol; without one the venue's own refusal (-1102) is reported.
    SignedRequest r = request(category, "DELETE",
                              category == Category::Spot ? QStringLiteral("/openOrders")
                                                         : QStringLiteral("/v1/allOpenOrders"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    return r;
}

SignedRequest BinanceTrading::openOrdersRequest(Category category, const QString& symbol,
                                                const OrderReference* order) const
{
    Q_UNUSED(order); // the open orders of the symbol; the caller picks the one it looks for
    SignedRequest r = request(category, "GET",
                              category == Category::Spot ? QStringLiteral("/openOrders")
                                                         : QStringLiteral("/v1/openOrders"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    return r;
}

SignedRequest BinanceTrading::orderHistoryRequest(Category category, const QString& symbol,
                                                  const OrderReference* order) const
{
    // allOrders (symbol required): with an orderId, that order and the ones after it; a clientOrderId
    // only, the latest 500. Unlike GET /order it does not answer -2013 for an order that never arrived.
    SignedRequest r =
        request(category, "GET",
                category == Category::Spot ? QStringLiteral("/allOrders") : QStringLiteral("/v1/allOrders"));
    r.query.append({QStringLiteral("symbol"), symbol});
    if (order && !order->orderId.isEmpty())
        r.query.append({QStringLiteral("orderId"), order->orderId});
    return r;
}

SignedRequest BinanceTrading::executionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r =
        request(category, "GET",
                category == Category::Spot ? QStringLiteral("/myTrades") : QStringLiteral("/v1/userTrades"));
    r.query.append({QStringLiteral("symbol"), symbol});
    return r;
}

SignedRequest BinanceTrading::positionsRequest(Category category, const QString& symbol) const
{
    // v3 lists only symbols with a position or open orders.
    SignedRequest r = request(category == Category::Spot ? Category::Linear : category, "GET",
                              QStringLiteral("/v3/positionRisk"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    return r;
}

SignedRequest BinanceTrading::balancesRequest() const
{
    SignedRequest r = request(Category::Spot, "GET", QStringLiteral("/account"));
    r.query.append({QStringLiteral("omitZeroBalances"), QStringLiteral("true")});
    return r;
}

SignedRequest BinanceTrading::balancesRequestFor(const QList<Category>& categories) const
{
    // Spot and USDⓈ-M wallets are separate and both name coins alike ("USDT"): an account that trades
    // spot shows the spot wallet; one that trades only USDⓈ-M, the futures wallet.
    if (categories.contains(Category::Spot) || categories.isEmpty())
        return balancesRequest();
    return request(Category::Linear, "GET", QStringLiteral("/v3/balance"));
}

bool BinanceTrading::isDuplicateClientOrderId(const RestError& error) const
{
    // Spot: -2010 "Duplicate order sent."; USDⓈ-M: -4116 "ClientOrderId is duplicated."
    // https://developers.binance.com/docs/binance-spot-api-docs/errors ,
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code
    if (error.kind != RestError::Kind::Venue)
        return false;
    return error.venueCode == QLatin1String("-4116") ||
           (error.venueCode == QLatin1String("-2010") &&
            error.message.contains(QLatin1String("Duplicate order"), Qt::CaseInsensitive));
}

bool BinanceTrading::isAuthenticationError(const RestError& error) const
{
    // -2014 bad API-key format, -2015 invalid key/IP/permissions, -1022 bad signature, -2008 bad key id.
    if (error.kind != RestError::Kind::Venue)
        return false;
    static const QStringList codes{QStringLiteral("-2014"), QStringLiteral("-2015"), QStringLiteral("-1022"),
                                   QStringLiteral("-2008")};
    return codes.contains(error.venueCode);
}

Result<OrderAck, AdapterError> BinanceTrading::parseOrderAck(const QJsonDocument& reply) const
{
    QJsonObject o = reply.object();
    // cancelReplace: the new order; amend/keepPriority: the amended order.
    if (o.value(QLatin1String("newOrderResponse")).isObject())
        o = o.value(QLatin1String("newOrderResponse")).toObject();
    else if (o.value(QLatin1String("amendedOrder")).isObject())
        o = o.value(QLatin1String("amendedOrder")).toObject();
    // A spot cancel answers with the cancel's own clientOrderId and the order's origClientOrderId.
    const QString original = textAt(o, "origClientOrderId");
    OrderAck ack{textAt(o, "orderId"), original.isEmpty() ? textAt(o, "clientOrderId") : original};
    if (ack.orderId.isEmpty() && ack.clientOrderId.isEmpty())
        return Result<OrderAck, AdapterError>::failure({QStringLiteral("order reply has no orderId")});
    return ack;
}

Result<std::vector<Order>, AdapterError> BinanceTrading::parseOrders(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Order>, AdapterError>;
    if (!reply.isArray() && !reply.isObject())
        return R::failure({QStringLiteral("orders reply is not JSON")});
    std::vector<Order> out;
    for (const QJsonValue& v : itemsOf(reply)) {
        auto order = orderFrom(v.toObject());
        if (!order)
            return R::failure({QStringLiteral("order entry lacks orderId, symbol or origQty")});
        out.push_back(std::move(*order));
    }
    return out;
}

Result<std::vector<Fill>, AdapterError> BinanceTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("trades reply is not a list")});
    std::vector<Fill> out;
    for (const QJsonValue& v : reply.array()) {
        auto fill = fillFrom(v.toObject());
        if (!fill)
            return R::failure({QStringLiteral("trade entry lacks id, price or qty")});
        out.push_back(std::move(*fill));
    }
    return out;
}

Result<std::vector<Position>, AdapterError> BinanceTrading::parsePositions(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Position>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("positionRisk reply is not a list")});
    std::vector<Position> out;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        if (o.contains(QLatin1String("positionSide")) && textAt(o, "positionSide") != QLatin1String("BOTH"))
            continue; // hedge mode legs: not supported (one-way mode)
        Position p;
        p.symbol = textAt(o, "symbol");
        p.category = Category::Linear;
        const auto amount = decimalAt(o, "positionAmt");
        if (p.symbol.isEmpty() || !amount)
            return R::failure({QStringLiteral("position entry lacks symbol or positionAmt")});
        setSize(p, *amount);
        p.entryPrice = nonZeroAt(o, "entryPrice");
        p.markPrice = decimalAt(o, "markPrice");
        p.unrealisedPnl = decimalAt(o, "unRealizedProfit");
        p.liquidationPrice = nonZeroAt(o, "liquidationPrice");
        p.updatedMs = msAt(o, "updateTime");
        out.push_back(std::move(p));
    }
    return out;
}

Result<std::vector<Balance>, AdapterError> BinanceTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    std::vector<Balance> out;
    if (reply.isObject()) {
        // Spot account: balances[{asset, free, locked}].
        const QJsonValue list = reply.object().value(QLatin1String("balances"));
        if (!list.isArray())
            return R::failure({QStringLiteral("account reply has no balances")});
        for (const QJsonValue& v : list.toArray()) {
            const QJsonObject o = v.toObject();
            Balance b;
            b.coin = textAt(o, "asset");
            const auto free = decimalAt(o, "free");
            const auto locked = decimalAt(o, "locked");
            if (b.coin.isEmpty() || !free || !locked)
                return R::failure({QStringLiteral("balance entry lacks asset, free or locked")});
            const auto wallet = Decimal::add(*free, *locked);
            if (!wallet)
                return R::failure({QStringLiteral("balance of %1 out of range").arg(b.coin)});
            b.walletBalance = *wallet;
            b.available = *free;
            out.push_back(b);
        }
        return out;
    }
    if (!reply.isArray())
        return R::failure({QStringLiteral("balance reply is not JSON")});
    // USDⓈ-M balance: [{asset, balance, availableBalance, crossUnPnl}].
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        Balance b;
        b.coin = textAt(o, "asset");
        const auto wallet = decimalAt(o, "balance");
        if (b.coin.isEmpty() || !wallet)
            return R::failure({QStringLiteral("balance entry lacks asset or balance")});
        b.walletBalance = *wallet;
        b.available = decimalAt(o, "availableBalance");
        if (const auto pnl = decimalAt(o, "crossUnPnl"))
            b.equity = Decimal::add(*wallet, *pnl);
        out.push_back(b);
    }
    return out;
}

OrderStatus BinanceTrading::statusFromBinance(const QString& s, bool partlyFilled)
{
    if (s == QLatin1String("NEW") || s == QLatin1String("PENDING_NEW"))
        return OrderStatus::New;
    if (s == QLatin1String("PARTIALLY_FILLED") || s == QLatin1String("PENDING_CANCEL"))
        return OrderStatus::PartiallyFilled;
    if (s == QLatin1String("FILLED"))
        return OrderStatus::Filled;
    // EXPIRED: an IOC/FOK remainder, a LIMIT_MAKER / GTX that would have taken; EXPIRED_IN_MATCH:
    // self-trade prevention.
    if (s == QLatin1String("CANCELED") || s == QLatin1String("EXPIRED") ||
        s == QLatin1String("EXPIRED_IN_MATCH"))
        return partlyFilled ? OrderStatus::PartiallyFilledCancelled : OrderStatus::Cancelled;
    if (s == QLatin1String("REJECTED"))
        return OrderStatus::Rejected;
    return OrderStatus::Unknown;
}

// ---- Private streams ---------------------------------------------------------------------------------

QList<PrivateStreamSpec> BinanceTrading::privateStreams(const QList<Category>& categories, const QUrl&) const
{
    QList<PrivateStreamSpec> out;
    const bool spot = categories.contains(Category::Spot) || categories.isEmpty();
    if (spot) {
        PrivateStreamSpec s;
        s.name = QStringLiteral("spot");
        s.categories = {Category::Spot};
        s.url = m_endpoints.spotStream;
        s.authAheadMs = 0; // the subscription carries the current timestamp
        // Before each connection, one signed read (the account): it measures the venue's clock, which the
        // subscription's timestamp needs (a clock 1 s ahead is refused with -1021), and a refused key
        // stops the session there (-2015, -1022) instead of at the WebSocket.
        s.tokenRequest = balancesRequest();
        out << s;
    }
    if (categories.contains(Category::Linear)) {
        PrivateStreamSpec f;
        f.name = spot ? QStringLiteral("linear") : QStringLiteral("linear-wallet");
        f.categories = {Category::Linear};
        f.url = m_endpoints.futuresStream;
        // POST /fapi/v1/listenKey (API key only); an account with a live key gets that key back.
        SignedRequest token = request(Category::Linear, "POST", QStringLiteral("/v1/listenKey"));
        f.tokenRequest = token;
        f.keepAliveInterval = m_keepAlive;
        out << f;
    }
    return out;
}

Result<QString, AdapterError> BinanceTrading::parseStreamToken(const QString& stream,
                                                               const QJsonDocument& reply) const
{
    if (stream == QLatin1String("spot")) {
        if (!reply.object().value(QLatin1String("balances")).isArray())
            return Result<QString, AdapterError>::failure({QStringLiteral("account reply has no balances")});
        return QString(); // a check, not a token: the WS API subscription is the login
    }
    const QString key = reply.object().value(QLatin1String("listenKey")).toString();
    if (key.isEmpty())
        return Result<QString, AdapterError>::failure({QStringLiteral("listenKey reply has no listenKey")});
    return key;
}

QUrl BinanceTrading::streamUrl(const PrivateStreamSpec& stream, const QString& token) const
{
    if (token.isEmpty())
        return stream.url;
    // wss://fstream.binance.com/private/ws?listenKey=<key>&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE
    QUrl url = stream.url;
    url.setQuery(QStringLiteral("listenKey=%1&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE").arg(token));
    return url;
}

SignedRequest BinanceTrading::keepAliveRequest(const QString&, const QString&) const
{
    // PUT /fapi/v1/listenKey extends the account's key by 60 minutes; -1125 if it is gone.
    return request(Category::Linear, "PUT", QStringLiteral("/v1/listenKey"));
}

QByteArray BinanceTrading::subscribeMessage(const Credentials& credentials, qint64 timestampMs)
{
    // WS API signature payload: every parameter but signature, sorted by name, raw (not percent-encoded).
    const QByteArray payload =
        "apiKey=" + credentials.key.toUtf8() + "&timestamp=" + QByteArray::number(timestampMs);
    QString signature;
    if (Crypto::isPem(credentials.secret)) {
        auto signed_ = Crypto::signWithPrivateKey(credentials.secret, credentials.passphrase, payload,
                                                  {Crypto::KeyType::Ed25519, Crypto::KeyType::Rsa});
        if (!signed_)
            return {};
        signature = QString::fromLatin1(signed_->toBase64());
    } else {
        signature = QString::fromLatin1(Crypto::hmacSha256Hex(credentials.secret, payload));
    }
    const QJsonObject params{{QStringLiteral("apiKey"), credentials.key},
                             {QStringLiteral("timestamp"), timestampMs},
                             {QStringLiteral("signature"), signature}};
    const QJsonObject message{
        {QStringLiteral("id"), QStringLiteral("subscribe")},
        {QStringLiteral("method"), QStringLiteral("userDataStream.subscribe.signature")},
        {QStringLiteral("params"), params}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray BinanceTrading::streamAuthMessageFor(const QString& stream, const Credentials& credentials,
                                                qint64 nowMs, const QString&) const
{
    if (stream == QLatin1String("spot"))
        return subscribeMessage(credentials, nowMs);
    return {}; // USDⓈ-M: the listenKey in the URL is the login
}

PrivateStreamFrame BinanceTrading::parseStreamFrameFor(const QString& stream, QByteArrayView frame) const
{
    if (stream == QLatin1String("spot"))
        return parseSpotFrame(frame);
    return parseFuturesFrame(frame, stream == QLatin1String("linear-wallet"));
}

namespace {

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

// executionReport: https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream#order-update
bool readExecutionReport(const QJsonObject& e, PrivateStreamFrame& out)
{
    Order order;
    order.orderId = textAt(e, "i");
    // On a cancel, c is the cancel request's id and C the order's own.
    order.clientOrderId = textAt(e, "C").isEmpty() ? textAt(e, "c") : textAt(e, "C");
    order.symbol = textAt(e, "s");
    order.category = Category::Spot;
    order.side = sideFrom(textAt(e, "S"));
    const QString type = textAt(e, "o");
    order.type = typeFrom(type);
    const auto qty = decimalAt(e, "q");
    const auto filled = decimalAt(e, "z");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !qty || !filled)
        return false;
    order.quantity = *qty;
    order.filledQuantity = *filled;
    order.status = BinanceTrading::statusFromBinance(textAt(e, "X"), !filled->isZero());
    order.timeInForce = timeInForceFrom(textAt(e, "f"), type);
    if (order.type == OrderType::Limit)
        order.price = nonZeroAt(e, "p");
    order.triggerPrice = nonZeroAt(e, "P");
    const QString reject = textAt(e, "r");
    if (!reject.isEmpty() && reject != QLatin1String("NONE"))
        order.reason = reject;
    else if (textAt(e, "X") == QLatin1String("EXPIRED"))
        order.reason = QStringLiteral("EXPIRED");
    order.createdMs = msAt(e, "O");
    order.updatedMs = msAt(e, "T");
    if (textAt(e, "x") == QLatin1String("TRADE")) {
        Fill f;
        f.executionId = textAt(e, "t");
        f.orderId = order.orderId;
        f.clientOrderId = order.clientOrderId;
        f.symbol = order.symbol;
        f.category = Category::Spot;
        f.side = order.side;
        const auto price = decimalAt(e, "L");
        const auto last = decimalAt(e, "l");
        if (f.executionId.isEmpty() || !price || !last)
            return false;
        f.price = *price;
        f.quantity = *last;
        f.fee = decimalAt(e, "n").value_or(Decimal());
        f.feeCurrency = textAt(e, "N");
        f.isMaker = boolAt(e, "m");
        f.timeMs = msAt(e, "T");
        out.fills.push_back(f);
    }
    out.orders.push_back(order);
    return true;
}

// outboundAccountPosition: the balances that changed, absolute.
bool readAccountPosition(const QJsonObject& e, PrivateStreamFrame& out)
{
    for (const QJsonValue& v : e.value(QLatin1String("B")).toArray()) {
        const QJsonObject o = v.toObject();
        Balance b;
        b.coin = textAt(o, "a");
        const auto free = decimalAt(o, "f");
        const auto locked = decimalAt(o, "l");
        if (b.coin.isEmpty() || !free || !locked)
            return false;
        const auto wallet = Decimal::add(*free, *locked);
        if (!wallet)
            return false;
        b.walletBalance = *wallet;
        b.available = *free;
        out.balances.push_back(b);
    }
    return true;
}

bool isKeyRefusal(int code)
{
    return code == -2014 || code == -2015 || code == -1022 || code == -2008;
}

} // namespace

PrivateStreamFrame BinanceTrading::parseSpotFrame(QByteArrayView frame)
{
    PrivateStreamFrame out;
    const QJsonObject o = objectOf(frame, out);
    if (out.kind == PrivateStreamFrame::Kind::Malformed)
        return out;
    if (o.contains(QLatin1String("id")) && o.contains(QLatin1String("status"))) {
        // The answer to our subscription: {"id","status":200,"result":{"subscriptionId":0}} or
        // {"id","status":4xx,"error":{"code":-1022,"msg":"…"}}.
        const int status = o.value(QLatin1String("status")).toInt();
        if (status == 200) {
            out.kind = PrivateStreamFrame::Kind::AuthAccepted;
            return out;
        }
        const QJsonObject error = o.value(QLatin1String("error")).toObject();
        const int code = error.value(QLatin1String("code")).toInt();
        out.error = error.value(QLatin1String("msg")).toString();
        // A refused key or signature is final; anything else (a stale timestamp, too many requests) is
        // tried again on a new connection.
        out.kind =
            isKeyRefusal(code) ? PrivateStreamFrame::Kind::AuthRejected : PrivateStreamFrame::Kind::Expired;
        if (out.error.isEmpty())
            out.error = QStringLiteral("status %1").arg(status);
        return out;
    }
    const QJsonValue wrapped = o.value(QLatin1String("event"));
    if (!wrapped.isObject()) {
        out.kind = PrivateStreamFrame::Kind::Ignored;
        return out;
    }
    const QJsonObject e = wrapped.toObject();
    const QString type = textAt(e, "e");
    out.topic = type;
    if (type == QLatin1String("executionReport")) {
        if (!readExecutionReport(e, out)) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("executionReport lacks a documented field");
            return out;
        }
    } else if (type == QLatin1String("outboundAccountPosition")) {
        if (!readAccountPosition(e, out)) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("outboundAccountPosition lacks a documented field");
            return out;
        }
    } else if (type == QLatin1String("eventStreamTerminated") || type == QLatin1String("serverShutdown")) {
        out.kind = PrivateStreamFrame::Kind::Expired;
        out.error = type;
        return out;
    } else {
        // balanceUpdate (a delta; the absolute outboundAccountPosition follows), listStatus, …
        out.kind = PrivateStreamFrame::Kind::Ignored;
        return out;
    }
    out.kind = PrivateStreamFrame::Kind::Data;
    return out;
}

PrivateStreamFrame BinanceTrading::parseFuturesFrame(QByteArrayView frame, bool withBalances)
{
    PrivateStreamFrame out;
    QJsonObject o = objectOf(frame, out);
    if (out.kind == PrivateStreamFrame::Kind::Malformed)
        return out;
    if (o.value(QLatin1String("data")).isObject() && o.contains(QLatin1String("stream")))
        o = o.value(QLatin1String("data")).toObject(); // a combined-stream envelope
    const QString type = textAt(o, "e");
    out.topic = type;
    if (type == QLatin1String("ORDER_TRADE_UPDATE")) {
        const QJsonObject e = o.value(QLatin1String("o")).toObject();
        Order order;
        order.orderId = textAt(e, "i");
        order.clientOrderId = textAt(e, "c");
        order.symbol = textAt(e, "s");
        order.category = Category::Linear;
        order.side = sideFrom(textAt(e, "S"));
        const QString orderType = textAt(e, "o");
        order.type = typeFrom(orderType);
        const auto qty = decimalAt(e, "q");
        const auto filled = decimalAt(e, "z");
        if (order.orderId.isEmpty() || order.symbol.isEmpty() || !qty || !filled) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("ORDER_TRADE_UPDATE lacks a documented field");
            return out;
        }
        order.quantity = *qty;
        order.filledQuantity = *filled;
        order.status = statusFromBinance(textAt(e, "X"), !filled->isZero());
        order.timeInForce = timeInForceFrom(textAt(e, "f"), orderType);
        if (order.type == OrderType::Limit)
            order.price = nonZeroAt(e, "p");
        order.averageFillPrice = nonZeroAt(e, "ap");
        order.triggerPrice = nonZeroAt(e, "sp");
        order.reduceOnly = boolAt(e, "R");
        if (textAt(e, "X") == QLatin1String("EXPIRED"))
            order.reason = QStringLiteral("EXPIRED");
        order.updatedMs = msAt(e, "T");
        order.createdMs = order.updatedMs;
        if (textAt(e, "x") == QLatin1String("TRADE")) {
            Fill f;
            f.executionId = textAt(e, "t");
            f.orderId = order.orderId;
            f.clientOrderId = order.clientOrderId;
            f.symbol = order.symbol;
            f.category = Category::Linear;
            f.side = order.side;
            const auto price = decimalAt(e, "L");
            const auto last = decimalAt(e, "l");
            if (f.executionId.isEmpty() || !price || !last) {
                out.kind = PrivateStreamFrame::Kind::Malformed;
                out.error = QStringLiteral("ORDER_TRADE_UPDATE trade lacks t, L or l");
                return out;
            }
            f.price = *price;
            f.quantity = *last;
            f.fee = decimalAt(e, "n").value_or(Decimal());
            f.feeCurrency = textAt(e, "N");
            f.isMaker = boolAt(e, "m");
            f.timeMs = msAt(e, "T");
            out.fills.push_back(f);
        }
        out.orders.push_back(order);
    } else if (type == QLatin1String("ACCOUNT_UPDATE")) {
        const QJsonObject a = o.value(QLatin1String("a")).toObject();
        const std::int64_t time = msAt(o, "T");
        for (const QJsonValue& v : a.value(QLatin1String("P")).toArray()) {
            const QJsonObject p = v.toObject();
            // One-way mode only: hedge mode's LONG / SHORT legs have no place in a per-symbol Position.
            if (p.contains(QLatin1String("ps")) && textAt(p, "ps") != QLatin1String("BOTH"))
                continue;
            Position position;
            position.symbol = textAt(p, "s");
            position.category = Category::Linear;
            const auto amount = decimalAt(p, "pa");
            if (position.symbol.isEmpty() || !amount) {
                out.kind = PrivateStreamFrame::Kind::Malformed;
                out.error = QStringLiteral("ACCOUNT_UPDATE position lacks s or pa");
                return out;
            }
            setSize(position, *amount);
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
                    out.kind = PrivateStreamFrame::Kind::Malformed;
                    out.error = QStringLiteral("ACCOUNT_UPDATE balance lacks a or wb");
                    return out;
                }
                balance.walletBalance = *wallet;
                out.balances.push_back(balance);
            }
        }
    } else if (type == QLatin1String("listenKeyExpired")) {
        out.kind = PrivateStreamFrame::Kind::Expired;
        out.error = type;
        return out;
    } else {
        out.kind = PrivateStreamFrame::Kind::Ignored; // TRADE_LITE, ALGO_UPDATE, MARGIN_CALL, …
        return out;
    }
    out.kind = PrivateStreamFrame::Kind::Data;
    return out;
}

QString BinanceTrading::notOffered(const OrderRequest& request) const
{
    if (request.takeProfit || request.stopLoss)
        return QStringLiteral("Binance takes no take-profit or stop-loss attached to an order: place them as "
                              "separate stop orders");
    return {};
}
