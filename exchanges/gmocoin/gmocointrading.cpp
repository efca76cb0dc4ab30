// GMO Coin private trading, GmocoinTrading's orders half: place (/order, /closeBulkOrder for a leg),
// amend (/changeOrder), cancel (/cancelOrder, /cancelBulkOrder), open orders and history, executions,
// assets and margin, and the private stream (ws-auth token, orderEvents, executionEvents).
// https://api.coin.z.com/docs/#order , #ws-auth , #private-ws-api ; leverage positions and their
// closes by id: gmocoinpositions.cpp
#include "gmocointrading.h"

#include "gmocoinmarketdata.h"
#include "gmocoinpositions.h"
#include "models/ordervalidation.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

using namespace GmocoinWire;

namespace {

using OrdersResult = Result<std::vector<Order>, AdapterError>;

TimeInForce tifOf(const QString& t)
{
    if (t == QLatin1String("FAK"))
        return TimeInForce::ImmediateOrCancel;
    if (t == QLatin1String("FOK"))
        return TimeInForce::FillOrKill;
    if (t == QLatin1String("SOK"))
        return TimeInForce::PostOnly;
    return TimeInForce::GoodTillCancel; // FAS
}

// One order from activeOrders/orders (REST) or an orderEvents push (the push prefixes its fields with
// "order": orderPrice, orderSize, orderExecutedSize, orderStatus, orderTimestamp).
std::optional<Order> readOrder(const QJsonObject& o, bool event)
{
    Order order;
    order.orderId = idOf(o.value(QLatin1String("orderId")));
    order.symbol = o.value(QLatin1String("symbol")).toString();
    const auto side = sideOf(o.value(QLatin1String("side")).toString());
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !side)
        return std::nullopt;
    order.side = *side;
    order.category = GmocoinMarketData::categoryOf(order.symbol);
    const QString execution = o.value(QLatin1String("executionType")).toString();
    order.type = execution == QLatin1String("LIMIT") ? OrderType::Limit : OrderType::Market;
    const auto size = decimalOf(o.value(QLatin1String(event ? "orderSize" : "size")));
    const auto executed = decimalOf(o.value(QLatin1String(event ? "orderExecutedSize" : "executedSize")));
    if (!size)
        return std::nullopt;
    order.quantity = *size;
    order.filledQuantity = executed.value_or(Decimal());
    const auto price = decimalOf(o.value(QLatin1String(event ? "orderPrice" : "price")));
    if (execution == QLatin1String("STOP"))
        order.triggerPrice = price;
    else if (execution == QLatin1String("LIMIT"))
        order.price = price;
    order.timeInForce = tifOf(o.value(QLatin1String("timeInForce")).toString());
    // settleType says the leg of a leverage order: OPEN opens the leg of its side (BUY long, SELL short),
    // CLOSE closes the opposite one (SELL closes long, BUY closes short). Spot orders say OPEN too but
    // hold no position: Net.
    const QString settle = o.value(QLatin1String("settleType")).toString();
    order.reduceOnly = settle == QLatin1String("CLOSE");
    if (order.category != Category::Spot) {
        if (settle == QLatin1String("OPEN"))
            order.positionSide = order.side == Side::Buy ? PositionSide::Long : PositionSide::Short;
        else if (settle == QLatin1String("CLOSE"))
            order.positionSide = order.side == Side::Sell ? PositionSide::Long : PositionSide::Short;
    }
    const QString status = o.value(QLatin1String(event ? "orderStatus" : "status")).toString();
    order.status = GmocoinTrading::statusOf(status, order.filledQuantity);
    if (execution == QLatin1String("STOP") && status == QLatin1String("WAITING"))
        order.status = OrderStatus::Untriggered;
    const QString cancelType = o.value(QLatin1String("cancelType")).toString();
    if (isCancelledStatus(order.status) && !cancelType.isEmpty())
        order.reason = cancelType; // USER, EXPIRED_SOK, PRICE_LIMIT, … verbatim
    order.createdMs = timeOf(o.value(QLatin1String(event ? "orderTimestamp" : "timestamp")));
    order.updatedMs = order.createdMs;
    return order;
}

std::optional<Fill> readFill(const QJsonObject& o, bool event)
{
    Fill f;
    f.executionId = idOf(o.value(QLatin1String("executionId")));
    f.orderId = idOf(o.value(QLatin1String("orderId")));
    f.symbol = o.value(QLatin1String("symbol")).toString();
    const auto side = sideOf(o.value(QLatin1String("side")).toString());
    const auto price = decimalOf(o.value(QLatin1String(event ? "executionPrice" : "price")));
    const auto size = decimalOf(o.value(QLatin1String(event ? "executionSize" : "size")));
    if (f.executionId.isEmpty() || f.orderId.isEmpty() || f.symbol.isEmpty() || !side || !price || !size)
        return std::nullopt;
    f.side = *side;
    f.category = GmocoinMarketData::categoryOf(f.symbol);
    f.price = *price;
    f.quantity = *size;
    f.fee = decimalOf(o.value(QLatin1String("fee"))).value_or(Decimal());
    f.feeCurrency = QStringLiteral("JPY");
    f.isMaker = f.fee.isNegative(); // GMO pays makers a rebate (negative fee) and charges takers
    f.timeMs = timeOf(o.value(QLatin1String(event ? "executionTimestamp" : "timestamp")));
    return f;
}

// Whether a leverage order closes positions (/closeBulkOrder) rather than opening one (/order): a
// reduce-only order, or one whose side is against the leg it names (a buy for the short leg).
bool closesLeg(const OrderRequest& r)
{
    if (r.positionSide == PositionSide::Long)
        return r.side == Side::Sell;
    if (r.positionSide == PositionSide::Short)
        return r.side == Side::Buy;
    return r.reduceOnly;
}

QString defaultSymbol(Category category)
{
    return category == Category::Spot ? QStringLiteral("BTC") : QStringLiteral("BTC_JPY");
}

} // namespace

GmocoinTrading::GmocoinTrading(const QUrl& baseUrl, std::chrono::milliseconds keepAliveInterval)
    : m_baseUrl(baseUrl)
    , m_keepAlive(keepAliveInterval)
{}

QString GmocoinTrading::newClientOrderId()
{
    return QStringLiteral("gmo") + QString::number(QDateTime::currentMSecsSinceEpoch(), 36) +
           QString::number(m_counter.fetch_add(1), 36);
}

QUrl GmocoinTrading::privateStreamUrl()
{
    return QUrl(QStringLiteral("wss://api.coin.z.com/ws/private/v1"));
}

bool GmocoinTrading::isUnsupported(const SignedRequest& request)
{
    return request.url.scheme() == QLatin1String("unsupported");
}

SignedRequest GmocoinTrading::unsupported(const QString& why) const
{
    // Not an http(s) URL: SignedRestClient refuses it before signing, nothing reaches GMO.
    SignedRequest r;
    r.venue = venue();
    r.url.setScheme(QStringLiteral("unsupported"));
    r.url.setPath(why);
    return r;
}

SignedRequest GmocoinTrading::request(const QByteArray& method, const QString& path) const
{
    SignedRequest r;
    r.method = method;
    r.venue = venue();
    r.environment = Environment::Mainnet; // GMO Coin has no testnet
    r.url = m_baseUrl;
    QString base = m_baseUrl.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + QStringLiteral("/private/v1/") + path);
    return r;
}

SignedRequest GmocoinTrading::createOrderRequest(const OrderRequest& order,
                                                 const Instrument& instrument) const
{
    const auto size = roundQuantityToLot(order.quantity, instrument);
    if (!size || !(*size > Decimal()))
        return unsupported(QStringLiteral("the size is not on GMO Coin's size step"));
    if (const QString why = notOffered(order); !why.isEmpty())
        return unsupported(why); // OrderSubmitter refuses these first; a direct caller gets nothing sendable
    noteSymbol(order.symbol);    // its open orders are read on every re-sync from now on

    if (!order.closesPositionId.isEmpty())
        return closeLotRequest(order, *size, instrument);

    QJsonObject p{{QStringLiteral("symbol"), order.symbol},
                  {QStringLiteral("side"), gmoSide(order.side)},
                  {QStringLiteral("size"), size->toString()}};
    if (order.triggerPrice) {
        const auto trigger = roundPriceToTick(*order.triggerPrice, instrument);
        if (!trigger)
            return unsupported(QStringLiteral("the trigger price is not on GMO Coin's tick"));
        p.insert(QStringLiteral("executionType"), QStringLiteral("STOP"));
        p.insert(QStringLiteral("price"), trigger->toString());
    } else if (order.type == OrderType::Limit) {
        if (!order.price)
            return unsupported(QStringLiteral("a limit order needs a price"));
        const auto price = roundPriceToTick(*order.price, instrument);
        if (!price)
            return unsupported(QStringLiteral("the price is not on GMO Coin's tick"));
        p.insert(QStringLiteral("executionType"), QStringLiteral("LIMIT"));
        p.insert(QStringLiteral("price"), price->toString());
        p.insert(QStringLiteral("timeInForce"), gmoTimeInForce(order.timeInForce));
    } else {
        p.insert(QStringLiteral("executionType"), QStringLiteral("MARKET"));
        if (order.timeInForce == TimeInForce::FillOrKill)
            p.insert(QStringLiteral("timeInForce"), QStringLiteral("FOK"));
    }
    // An order closing a leg closes positions on the other side (oldest first) instead of opening one:
    // GMO's closeBulkOrder takes the same fields, its side the order's (a BUY closes SELL positions).
    SignedRequest r = request("POST", order.category == Category::Linear && closesLeg(order)
                                          ? QStringLiteral("closeBulkOrder")
                                          : QStringLiteral("order"));
    r.params = p;
    return r;
}

QString GmocoinTrading::notOffered(const OrderRequest& request) const
{
    if (const QString why = notOfferedLotClose(request); !why.isEmpty())
        return why;
    if (request.takeProfit || request.stopLoss)
        return tr("GMO Coin takes no take-profit or stop-loss attached to an order: place them as separate "
                  "stop or limit orders");
    if (request.reduceOnly && request.category != Category::Linear)
        return tr("GMO Coin spot orders cannot be reduce-only: only leverage positions are closed");
    if (request.positionSide != PositionSide::Net && request.category != Category::Linear)
        return tr("GMO Coin spot orders open no position: only leverage orders name a long or short leg");
    if (request.reduceOnly && request.positionSide != PositionSide::Net && !closesLeg(request))
        return request.positionSide == PositionSide::Long
                   ? tr("A reduce-only order closing the long leg at GMO Coin must be a sell")
                   : tr("A reduce-only order closing the short leg at GMO Coin must be a buy");
    if (request.triggerPrice) {
        if (request.type != OrderType::Market)
            return tr("GMO Coin's stop orders are stop-market: a triggered order cannot carry a limit price");
        if (request.timeInForce != TimeInForce::GoodTillCancel)
            return tr("GMO Coin's stop orders take no time in force");
    }
    if (request.type == OrderType::Market && request.timeInForce == TimeInForce::PostOnly)
        return tr("A GMO Coin market order cannot be post-only");
    return {};
}

SignedRequest GmocoinTrading::amendOrderRequest(const OrderAmendment& amendment,
                                                const Instrument& instrument) const
{
    if (const QString why = notOfferedAmendment(amendment); !why.isEmpty())
        return unsupported(why);
    const std::optional<Decimal> wanted = amendment.price ? amendment.price : amendment.triggerPrice;
    if (!wanted || amendment.order.orderId.isEmpty())
        return unsupported(QStringLiteral("an amendment needs GMO's order id and a new price"));
    const auto price = roundPriceToTick(*wanted, instrument);
    if (!price)
        return unsupported(QStringLiteral("the price is not on GMO Coin's tick"));
    bool isNumber = false;
    const qint64 id = amendment.order.orderId.toLongLong(&isNumber);
    if (!isNumber)
        return unsupported(QStringLiteral("not a GMO Coin order id"));
    SignedRequest r = request("POST", QStringLiteral("changeOrder"));
    r.params = {{QStringLiteral("orderId"), id}, {QStringLiteral("price"), price->toString()}};
    return r;
}

QString GmocoinTrading::notOfferedAmendment(const OrderAmendment& amendment) const
{
    if (amendment.quantity)
        return tr("GMO Coin amends the price only: cancel the order and place a new one");
    return {};
}

SignedRequest GmocoinTrading::cancelOrderRequest(const OrderReference& order) const
{
    bool isNumber = false;
    const qint64 id = order.orderId.toLongLong(&isNumber);
    if (!isNumber)
        return unsupported(QStringLiteral("GMO Coin cancels by its own order id only"));
    SignedRequest r = request("POST", QStringLiteral("cancelOrder"));
    r.params = {{QStringLiteral("orderId"), id}};
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest GmocoinTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("POST", QStringLiteral("cancelBulkOrder"));
    r.params = {
        {QStringLiteral("symbols"),
         QJsonArray::fromStringList(symbol.isEmpty() ? symbolsOfInterest(category) : QStringList{symbol})}};
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest GmocoinTrading::openOrdersRequest(Category category, const QString& symbol,
                                                const OrderReference* order) const
{
    if (order && !order->orderId.isEmpty()) {
        SignedRequest r = request("GET", QStringLiteral("orders"));
        r.query = {{QStringLiteral("orderId"), order->orderId}};
        return r;
    }
    SignedRequest r = request("GET", QStringLiteral("activeOrders"));
    r.query = {{QStringLiteral("symbol"), symbol.isEmpty() ? symbolsOfInterest(category).value(0) : symbol},
               {QStringLiteral("count"), QStringLiteral("100")}};
    return r;
}

QList<SignedRequest> GmocoinTrading::moreOpenOrdersRequests(Category category, const QString& symbol) const
{
    QList<SignedRequest> out;
    if (!symbol.isEmpty())
        return out;
    const QStringList symbols = symbolsOfInterest(category);
    for (qsizetype i = 1; i < symbols.size(); ++i)
        out.append(openOrdersRequest(category, symbols[i]));
    return out;
}

void GmocoinTrading::addSymbolsOfInterest(Category category, const QStringList& symbols)
{
    Q_UNUSED(category);
    for (const QString& symbol : symbols)
        noteSymbol(symbol);
}

QStringList GmocoinTrading::symbolsOfInterest(Category category) const
{
    QStringList out;
    for (const QString& symbol : std::as_const(m_symbols)) {
        if (GmocoinMarketData::categoryOf(symbol) == category)
            out.append(symbol);
    }
    return out;
}

void GmocoinTrading::noteSymbol(const QString& symbol) const
{
    if (!symbol.isEmpty() && !m_symbols.contains(symbol))
        m_symbols.append(symbol);
}

SignedRequest GmocoinTrading::orderHistoryRequest(Category category, const QString& symbol,
                                                  const OrderReference* order) const
{
    // GMO lists finished orders only by id (/orders?orderId=): without one, the open orders.
    return openOrdersRequest(category, symbol, order);
}

SignedRequest GmocoinTrading::executionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("latestExecutions"));
    r.query = {{QStringLiteral("symbol"), symbol.isEmpty() ? defaultSymbol(category) : symbol},
               {QStringLiteral("count"), QStringLiteral("100")}};
    return r;
}

SignedRequest GmocoinTrading::balancesRequest() const
{
    return request("GET", QStringLiteral("account/assets"));
}

SignedRequest GmocoinTrading::marginRequest() const
{
    return request("GET", QStringLiteral("account/margin"));
}

Result<Balance, AdapterError> GmocoinTrading::parseMargin(const QJsonDocument& reply) const
{
    using R = Result<Balance, AdapterError>;
    if (const auto e = replyError(reply))
        return R::failure({QStringLiteral("margin: %1 %2").arg(e->venueCode, e->message)});
    const QJsonObject data = reply.object().value(QLatin1String("data")).toObject();
    const auto equity = decimalOf(data.value(QLatin1String("actualProfitLoss")));
    const auto available = decimalOf(data.value(QLatin1String("availableAmount")));
    const auto margin = decimalOf(data.value(QLatin1String("margin")));
    if (!equity || !available || !margin)
        return R::failure({QStringLiteral("margin reply lacks actualProfitLoss, availableAmount or margin")});
    Balance b;
    b.coin = QStringLiteral("JPY");
    b.walletBalance = *margin;
    b.available = available;
    b.equity = equity;
    return b;
}

bool GmocoinTrading::isDuplicateClientOrderId(const RestError& error) const
{
    Q_UNUSED(error); // no client order id at GMO
    return false;
}

bool GmocoinTrading::isAuthenticationError(const RestError& error) const
{
    // ERR-5010 signature, ERR-5011/5012 key unknown or not allowed (documented codes).
    return error.venueCode == QLatin1String("ERR-5010") || error.venueCode == QLatin1String("ERR-5011") ||
           error.venueCode == QLatin1String("ERR-5012");
}

std::optional<RestError> GmocoinTrading::replyError(const QJsonDocument& reply)
{
    return GmocoinMarketData().replyError(reply);
}

OrderStatus GmocoinTrading::statusOf(const QString& s, Decimal executed)
{
    const bool some = executed > Decimal();
    if (s == QLatin1String("WAITING") || s == QLatin1String("ORDERED") || s == QLatin1String("MODIFYING") ||
        s == QLatin1String("CANCELLING"))
        return some ? OrderStatus::PartiallyFilled : OrderStatus::New;
    if (s == QLatin1String("EXECUTED"))
        return OrderStatus::Filled;
    if (s == QLatin1String("CANCELED") || s == QLatin1String("EXPIRED"))
        return some ? OrderStatus::PartiallyFilledCancelled : OrderStatus::Cancelled;
    return OrderStatus::Unknown;
}

Result<OrderAck, AdapterError> GmocoinTrading::parseOrderAck(const QJsonDocument& reply) const
{
    using R = Result<OrderAck, AdapterError>;
    if (const auto e = replyError(reply))
        return R::failure({QStringLiteral("%1 %2").arg(e->venueCode, e->message)});
    const QJsonObject o = reply.object();
    if (!o.value(QLatin1String("status")).isDouble())
        return R::failure({QStringLiteral("not a GMO Coin reply")});
    OrderAck ack;
    ack.orderId = idOf(o.value(QLatin1String("data"))); // order/closeOrder: the new orderId; else none
    return ack;
}

Result<std::vector<Order>, AdapterError> GmocoinTrading::parseOrders(const QJsonDocument& reply) const
{
    const auto list = listOf(reply, "orders");
    if (!list)
        return OrdersResult::failure(list.error());
    std::vector<Order> out;
    for (const QJsonValue& v : *list) {
        const auto order = readOrder(v.toObject(), false);
        if (!order)
            return OrdersResult::failure({QStringLiteral("an order lacks orderId, symbol, side or size")});
        noteSymbol(order->symbol);
        out.push_back(*order);
    }
    return out;
}

Result<std::vector<Fill>, AdapterError> GmocoinTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    const auto list = listOf(reply, "executions");
    if (!list)
        return R::failure(list.error());
    std::vector<Fill> out;
    for (const QJsonValue& v : *list) {
        const auto fill = readFill(v.toObject(), false);
        if (!fill)
            return R::failure(
                {QStringLiteral("an execution lacks executionId, orderId, side, price or size")});
        out.push_back(*fill);
    }
    return out;
}

Result<std::vector<Balance>, AdapterError> GmocoinTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    const auto list = listOf(reply, "assets");
    if (!list)
        return R::failure(list.error());
    std::vector<Balance> out;
    for (const QJsonValue& v : *list) {
        const QJsonObject o = v.toObject();
        Balance b;
        b.coin = o.value(QLatin1String("symbol")).toString();
        const auto amount = decimalOf(o.value(QLatin1String("amount")));
        if (b.coin.isEmpty() || !amount)
            return R::failure({QStringLiteral("an asset lacks symbol or amount")});
        b.walletBalance = *amount;
        b.available = decimalOf(o.value(QLatin1String("available")));
        b.equity = b.walletBalance;
        out.push_back(b);
    }
    return out;
}

QList<PrivateStreamSpec> GmocoinTrading::privateStreams(const QList<Category>& categories,
                                                        const QUrl& configuredUrl) const
{
    PrivateStreamSpec spec;
    spec.categories = categories;
    spec.url = configuredUrl.isEmpty() ? privateStreamUrl() : configuredUrl;
    SignedRequest token = request("POST", QStringLiteral("ws-auth"));
    token.body = "{}";
    token.contentType = "application/json";
    spec.tokenRequest = token;
    spec.keepAliveInterval = m_keepAlive;
    spec.authAheadMs = 0;
    return {spec};
}

Result<QString, AdapterError> GmocoinTrading::parseStreamToken(const QString& stream,
                                                               const QJsonDocument& reply) const
{
    Q_UNUSED(stream);
    using R = Result<QString, AdapterError>;
    if (const auto e = replyError(reply))
        return R::failure({QStringLiteral("ws-auth: %1 %2").arg(e->venueCode, e->message)});
    const QString token = reply.object().value(QLatin1String("data")).toString();
    if (token.isEmpty())
        return R::failure({QStringLiteral("ws-auth reply has no token")});
    return token;
}

QUrl GmocoinTrading::streamUrl(const PrivateStreamSpec& stream, const QString& token) const
{
    QUrl url = stream.url;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + token);
    return url;
}

SignedRequest GmocoinTrading::keepAliveRequest(const QString& stream, const QString& token) const
{
    Q_UNUSED(stream);
    SignedRequest r = request("PUT", QStringLiteral("ws-auth"));
    r.params = {{QStringLiteral("token"), token}};
    return r;
}

QStringList GmocoinTrading::streamTopics() const
{
    // Channel names only (no symbol): the private protocol sends {"command":"subscribe","channel":…}.
    return {QStringLiteral("orderEvents"), QStringLiteral("executionEvents"),
            QStringLiteral("positionEvents"), QStringLiteral("positionSummaryEvents")};
}

PrivateStreamFrame GmocoinTrading::parseStreamFrame(QByteArrayView frame) const
{
    PrivateStreamFrame out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        out.kind = PrivateStreamFrame::Kind::Malformed;
        out.error = QStringLiteral("not a JSON object");
        return out;
    }
    const QJsonObject o = doc.object();
    if (o.contains(QLatin1String("error"))) {
        out.kind = PrivateStreamFrame::Kind::SubscribeRejected;
        out.error = o.value(QLatin1String("error")).toString(); // "ERR-5003 Request too many." verbatim
        return out;
    }
    const QString channel = o.value(QLatin1String("channel")).toString();
    out.topic = channel;
    if (channel == QLatin1String("orderEvents")) {
        const auto order = readOrder(o, true);
        if (!order) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("orderEvents lacks orderId, symbol, side or orderSize");
            return out;
        }
        out.orders.push_back(*order);
    } else if (channel == QLatin1String("executionEvents")) {
        const auto fill = readFill(o, true);
        const auto order = readOrder(o, true);
        if (!fill) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("executionEvents lacks executionId, orderId, side, price or size");
            return out;
        }
        out.fills.push_back(*fill);
        if (order) {
            // The order as of this execution: filled when its executed size reached its size.
            Order o2 = *order;
            o2.status = o2.filledQuantity >= o2.quantity ? OrderStatus::Filled : OrderStatus::PartiallyFilled;
            o2.updatedMs = fill->timeMs;
            out.orders.push_back(o2);
        }
    } else if (channel == QLatin1String("positionSummaryEvents") ||
               channel == QLatin1String("positionEvents")) {
        if (!readPositionEvent(channel, o, out))
            return out; // Malformed
    } else {
        out.kind = PrivateStreamFrame::Kind::Ignored;
        return out;
    }
    // An order placed elsewhere (the web, another app) makes its symbol one to re-sync.
    for (const Order& order : out.orders)
        noteSymbol(order.symbol);
    out.kind = PrivateStreamFrame::Kind::Data;
    return out;
}
