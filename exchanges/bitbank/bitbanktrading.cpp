// bitbank trading over REST: orders (spot and margin), trades, the spot assets; the private stream
// (PubNub) and its order, trade and asset pushes. The margin account's side (margin positions, the margin
// status read as the "margin" balance, notices, the margin pushes) is bitbankmargin.cpp.
// https://github.com/bitbankinc/bitbank-api-docs/blob/master/rest-api.md , private-stream.md
#include "bitbanktrading.h"

#include <QMap>

#include "bitbankerrors.h"
#include "bitbankmargin.h"
#include "bitbankprivatestream.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>

using namespace BitbankWire;

namespace {

void appendString(QByteArray& body, const char* key, const QString& value)
{
    body += '"';
    body += key;
    body += "\":";
    body += QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).sliced(1).chopped(1);
}

std::optional<OrderStatus> statusOf(const QString& s)
{
    if (s == QLatin1String("UNFILLED"))
        return OrderStatus::New;
    if (s == QLatin1String("PARTIALLY_FILLED"))
        return OrderStatus::PartiallyFilled;
    if (s == QLatin1String("FULLY_FILLED"))
        return OrderStatus::Filled;
    if (s == QLatin1String("CANCELED_UNFILLED"))
        return OrderStatus::Cancelled;
    if (s == QLatin1String("CANCELED_PARTIALLY_FILLED"))
        return OrderStatus::PartiallyFilledCancelled;
    if (s == QLatin1String("INACTIVE"))
        return OrderStatus::Untriggered; // a stop order waiting for its trigger
    return std::nullopt;
}

// How far an order has come: it never goes back (private-stream.md: messages may arrive out of order).
int stageOf(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Untriggered:
        return 0;
    case OrderStatus::New:
        return 1;
    case OrderStatus::PartiallyFilled:
        return 2;
    default:
        return 3;
    }
}

// A key in bitbank's snake_case, or the camelCase its asset_update sample shows.
QJsonValue field(const QJsonObject& o, const char* snake, const char* camel)
{
    const QJsonValue v = o.value(QLatin1String(snake));
    return v.isUndefined() ? o.value(QLatin1String(camel)) : v;
}

// A long leg is opened by buying and closed by selling; a short leg the other way round.
bool closes(PositionSide leg, Side side)
{
    return leg == PositionSide::Long ? side == Side::Sell : side == Side::Buy;
}

Result<std::vector<Order>, AdapterError> ordersFrom(const QJsonArray& list)
{
    using R = Result<std::vector<Order>, AdapterError>;
    std::vector<Order> out;
    for (const QJsonValue& v : list) {
        const QJsonObject o = v.toObject();
        Order order;
        order.orderId = idText(o.value(QLatin1String("order_id")));
        order.symbol = o.value(QLatin1String("pair")).toString();
        const QString side = o.value(QLatin1String("side")).toString();
        const auto leg = legOf(o);
        const QString type = o.value(QLatin1String("type")).toString();
        const auto status = statusOf(o.value(QLatin1String("status")).toString());
        const auto executed = decimalOf(o.value(QLatin1String("executed_amount")));
        auto start = decimalOf(o.value(QLatin1String("start_amount")));
        if (!start && executed) {
            // The private stream may send start_amount null: executed + remaining is the order's size.
            if (const auto remaining = decimalOf(o.value(QLatin1String("remaining_amount"))))
                start = Decimal::add(*executed, *remaining);
        }
        if (order.orderId.isEmpty() || order.symbol.isEmpty() ||
            (side != QLatin1String("buy") && side != QLatin1String("sell")) || !status || !start || !executed)
            return R::failure({QStringLiteral("an order lacks order_id, pair, side, status or amounts")});
        order.side = side == QLatin1String("buy") ? Side::Buy : Side::Sell;
        order.category = leg ? Category::Linear : Category::Spot;
        // The leg it opens or closes ("Open long", "Close short"); a spot order has none (Net).
        order.positionSide = leg.value_or(PositionSide::Net);
        // A margin order on the leg's far side closes it (a sell of the long leg, a buy of the short one).
        order.reduceOnly = leg && closes(*leg, order.side);
        order.type = type == QLatin1String("market") || type == QLatin1String("stop") ||
                             type == QLatin1String("stop_loss") || type == QLatin1String("losscut")
                         ? OrderType::Market
                         : OrderType::Limit;
        order.status = *status;
        order.quantity = *start;
        order.filledQuantity = *executed;
        if (order.type == OrderType::Limit)
            order.price = decimalOf(o.value(QLatin1String("price")));
        const auto average = decimalOf(o.value(QLatin1String("average_price")));
        if (average && !average->isZero())
            order.averageFillPrice = average;
        order.triggerPrice = decimalOf(o.value(QLatin1String("trigger_price")));
        if (o.value(QLatin1String("post_only")).toBool())
            order.timeInForce = TimeInForce::PostOnly;
        // The latest of its times is when it last changed (null or absent until it happens).
        order.createdMs = o.value(QLatin1String("ordered_at")).toInteger();
        order.updatedMs = order.createdMs;
        for (const char* key : {"executed_at", "canceled_at", "triggered_at"})
            order.updatedMs =
                std::max<std::int64_t>(order.updatedMs, o.value(QLatin1String(key)).toInteger());
        out.push_back(std::move(order));
    }
    return out;
}

Result<std::vector<Fill>, AdapterError> fillsFrom(const QJsonArray& list)
{
    using R = Result<std::vector<Fill>, AdapterError>;
    std::vector<Fill> out;
    for (const QJsonValue& v : list) {
        const QJsonObject o = v.toObject();
        Fill f;
        f.executionId = idText(o.value(QLatin1String("trade_id")));
        f.orderId = idText(o.value(QLatin1String("order_id")));
        f.symbol = o.value(QLatin1String("pair")).toString();
        f.category = legOf(o) ? Category::Linear : Category::Spot;
        const QString side = o.value(QLatin1String("side")).toString();
        const auto price = decimalOf(o.value(QLatin1String("price")));
        const auto amount = decimalOf(o.value(QLatin1String("amount")));
        if (f.executionId.isEmpty() || f.symbol.isEmpty() || !price || !amount ||
            (side != QLatin1String("buy") && side != QLatin1String("sell")))
            return R::failure({QStringLiteral("a trade lacks trade_id, pair, side, price or amount")});
        f.side = side == QLatin1String("buy") ? Side::Buy : Side::Sell;
        f.price = *price;
        f.quantity = *amount;
        f.isMaker = o.value(QLatin1String("maker_taker")).toString() == QLatin1String("maker");
        // bitbank charges the fee in the quote asset (fee_amount_quote; base fees are 0 on its pairs).
        const auto feeQuote = decimalOf(o.value(QLatin1String("fee_amount_quote")));
        const auto feeBase = decimalOf(o.value(QLatin1String("fee_amount_base")));
        const QStringList assets = f.symbol.toUpper().split(QLatin1Char('_'));
        if (feeBase && !feeBase->isZero()) {
            f.fee = *feeBase;
            f.feeCurrency = assets.value(0);
        } else if (feeQuote) {
            f.fee = *feeQuote;
            f.feeCurrency = assets.value(1);
        }
        f.timeMs = o.value(QLatin1String("executed_at")).toInteger();
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace

BitbankTrading::BitbankTrading(const QUrl& baseUrl)
    : m_baseUrl(baseUrl)
{}

QString BitbankTrading::newClientOrderId()
{
    // Local only (bitbank has no client order id).
    return QStringLiteral("bb%1%2").arg(QString::number(QDateTime::currentMSecsSinceEpoch(), 36),
                                        QString::number(m_counter.fetch_add(1), 36));
}

bool BitbankTrading::isUnsupported(const SignedRequest& request)
{
    return request.url.scheme() == QLatin1String("unsupported");
}

SignedRequest BitbankTrading::unsupported(const QString& why) const
{
    SignedRequest r;
    r.venue = venue();
    r.url.setScheme(QStringLiteral("unsupported"));
    r.url.setPath(why);
    return r;
}

SignedRequest BitbankTrading::request(const QByteArray& method, const QString& path) const
{
    SignedRequest r;
    r.method = method;
    r.venue = venue();
    r.environment = Environment::Mainnet; // bitbank has no testnet
    r.url = m_baseUrl;
    QString base = m_baseUrl.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + path);
    if (method == "POST")
        r.contentType = "application/json";
    return r;
}

SignedRequest BitbankTrading::createOrderRequest(const OrderRequest& order,
                                                 const Instrument& instrument) const
{
    Q_UNUSED(instrument); // the caller puts price and amount on the grid; bitbank takes decimal strings
    const bool postOnly = order.timeInForce == TimeInForce::PostOnly;
    // OrderSubmitter refuses these before building anything; a direct caller gets no sendable request.
    if (const QString why = notOffered(order); !why.isEmpty())
        return unsupported(why);
    if (order.type == OrderType::Limit && !order.price)
        return unsupported(QStringLiteral("a limit order needs a price"));

    const char* type = order.type == OrderType::Limit ? (order.triggerPrice ? "stop_limit" : "limit")
                                                      : (order.triggerPrice ? "stop" : "market");
    SignedRequest r = request("POST", QStringLiteral("/v1/user/spot/order"));
    // The exact bytes signed and sent.
    QByteArray body = "{";
    appendString(body, "pair", order.symbol);
    body += ',';
    appendString(body, "amount", order.quantity.toString());
    if (order.type == OrderType::Limit) {
        body += ',';
        appendString(body, "price", order.price->toString());
    }
    body += ',';
    appendString(body, "side", order.side == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell"));
    if (order.category == Category::Linear) {
        body += ',';
        appendString(body, "position_side",
                     legFor(order) == PositionSide::Long ? QStringLiteral("long") : QStringLiteral("short"));
    }
    body += ',';
    appendString(body, "type", QLatin1String(type));
    if (order.triggerPrice) {
        body += ',';
        appendString(body, "trigger_price", order.triggerPrice->toString());
    }
    if (postOnly)
        body += ",\"post_only\":true";
    body += '}';
    r.body = body;
    return r;
}

SignedRequest BitbankTrading::amendOrderRequest(const OrderAmendment& amendment,
                                                const Instrument& instrument) const
{
    Q_UNUSED(instrument);
    return unsupported(notOfferedAmendment(amendment));
}

QString BitbankTrading::notOfferedAmendment(const OrderAmendment&) const
{
    return QCoreApplication::translate("BitbankTrading",
                                       "bitbank cannot amend an order: cancel it and place a new one");
}

SignedRequest BitbankTrading::cancelOrderRequest(const OrderReference& order) const
{
    if (order.orderId.isEmpty())
        return unsupported(QStringLiteral("bitbank cancels by its order id only"));
    SignedRequest r = request("POST", QStringLiteral("/v1/user/spot/cancel_order"));
    QByteArray body = "{";
    appendString(body, "pair", order.symbol);
    body += ",\"order_id\":" + order.orderId.toLatin1() + '}';
    r.body = body;
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest BitbankTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(category);
    Q_UNUSED(symbol);
    return unsupported(QStringLiteral("bitbank has no cancel-all: cancel_orders takes up to 30 order ids"));
}

namespace {
QByteArray idsBody(const QString& pair, const QStringList& ids)
{
    QByteArray body = "{";
    appendString(body, "pair", pair);
    body += ",\"order_ids\":[";
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            body += ',';
        body += ids.at(i).toLatin1();
    }
    body += "]}";
    return body;
}
} // namespace

QList<SignedRequest> BitbankTrading::cancelOpenOrdersRequests(const std::vector<Order>& open) const
{
    QMap<QString, QStringList> idsByPair;
    for (const Order& order : open) {
        if (!order.orderId.isEmpty())
            idsByPair[order.symbol].append(order.orderId);
    }
    QList<SignedRequest> out;
    for (auto it = idsByPair.cbegin(); it != idsByPair.cend(); ++it) {
        for (qsizetype at = 0; at < it.value().size(); at += MaxOrderIds)
            out.append(cancelOrdersRequest(it.key(), it.value().mid(at, MaxOrderIds)));
    }
    return out;
}

SignedRequest BitbankTrading::cancelOrdersRequest(const QString& pair, const QStringList& orderIds) const
{
    if (orderIds.isEmpty() || orderIds.size() > MaxOrderIds)
        return unsupported(QStringLiteral("cancel_orders takes 1 to 30 order ids"));
    SignedRequest r = request("POST", QStringLiteral("/v1/user/spot/cancel_orders"));
    r.body = idsBody(pair, orderIds);
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest BitbankTrading::ordersInfoRequest(const QString& pair, const QStringList& orderIds) const
{
    if (orderIds.isEmpty() || orderIds.size() > MaxOrderIds)
        return unsupported(QStringLiteral("orders_info takes 1 to 30 order ids"));
    SignedRequest r = request("POST", QStringLiteral("/v1/user/spot/orders_info"));
    r.body = idsBody(pair, orderIds);
    return r;
}

SignedRequest BitbankTrading::openOrdersRequest(Category category, const QString& symbol,
                                                const OrderReference* order) const
{
    Q_UNUSED(category);
    if (order && !order->orderId.isEmpty()) {
        SignedRequest r = request("GET", QStringLiteral("/v1/user/spot/order"));
        r.query = {{QStringLiteral("pair"), order->symbol.isEmpty() ? symbol : order->symbol},
                   {QStringLiteral("order_id"), order->orderId}};
        return r;
    }
    SignedRequest r = request("GET", QStringLiteral("/v1/user/spot/active_orders"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("pair"), symbol});
    return r;
}

SignedRequest BitbankTrading::orderHistoryRequest(Category category, const QString& symbol,
                                                  const OrderReference* order) const
{
    if (order && !order->orderId.isEmpty())
        return openOrdersRequest(category, symbol, order);
    return unsupported(QStringLiteral("bitbank lists closed orders only by id (orders_info)"));
}

SignedRequest BitbankTrading::executionsRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(category);
    SignedRequest r = request("GET", QStringLiteral("/v1/user/spot/trade_history"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("pair"), symbol});
    r.query.append({QStringLiteral("count"), QStringLiteral("100")});
    return r;
}

SignedRequest BitbankTrading::balancesRequest() const
{
    return request("GET", QStringLiteral("/v1/user/assets"));
}

SignedRequest BitbankTrading::subscribeTokenRequest() const
{
    return request("GET", QStringLiteral("/v1/user/subscribe"));
}

QString BitbankTrading::notOffered(const OrderRequest& request) const
{
    const auto text = [](const char* source) {
        return QCoreApplication::translate("BitbankTrading", source);
    };
    // A market order (and a stop, which becomes one) takes what it can at once anyway.
    if (request.type == OrderType::Limit && (request.timeInForce == TimeInForce::ImmediateOrCancel ||
                                             request.timeInForce == TimeInForce::FillOrKill))
        return text(QT_TRANSLATE_NOOP("BitbankTrading",
                                      "bitbank orders have no time in force: IOC and FOK are not offered"));
    if (request.category != Category::Spot && request.category != Category::Linear)
        return text(QT_TRANSLATE_NOOP("BitbankTrading", "bitbank trades spot and margin (linear) only"));
    if (request.category == Category::Spot && request.reduceOnly)
        return text(QT_TRANSLATE_NOOP("BitbankTrading", "bitbank spot orders cannot be reduce-only"));
    if (request.category == Category::Spot && request.positionSide != PositionSide::Net)
        return text(QT_TRANSLATE_NOOP(
            "BitbankTrading",
            "bitbank spot orders have no long or short leg: margin orders are placed on the linear market"));
    // A named leg decides opening or closing with the side (position_side): a reduce-only order must be
    // the closing one.
    if (request.category == Category::Linear && request.reduceOnly &&
        request.positionSide != PositionSide::Net && !closes(request.positionSide, request.side))
        return text(QT_TRANSLATE_NOOP("BitbankTrading",
                                      "a reduce-only bitbank margin order closes its leg: sell the long leg, "
                                      "buy the short leg"));
    if (request.takeProfit || request.stopLoss)
        return text(QT_TRANSLATE_NOOP(
            "BitbankTrading",
            "bitbank takes no take-profit or stop-loss attached to an order: place them as separate "
            "stop orders"));
    if (request.timeInForce == TimeInForce::PostOnly &&
        (request.type != OrderType::Limit || request.triggerPrice))
        return text(
            QT_TRANSLATE_NOOP("BitbankTrading", "bitbank takes post-only on plain limit orders only"));
    // bitbank's side decides the trigger: a buy stop fires as the price rises to it, a sell stop as it
    // falls to it. The other way round cannot be placed.
    if (request.triggerDirection &&
        *request.triggerDirection !=
            (request.side == Side::Buy ? TriggerDirection::RisesTo : TriggerDirection::FallsTo))
        return text(QT_TRANSLATE_NOOP(
            "BitbankTrading",
            "bitbank stop orders trigger in the direction of their side: a buy stop above the market, a "
            "sell stop below it"));
    return {};
}

QUrl BitbankTrading::privateStreamUrl()
{
    return BitbankPrivateStream::defaultOrigin();
}

QList<PrivateStreamSpec> BitbankTrading::privateStreams(const QList<Category>& categories,
                                                        const QUrl& configuredUrl) const
{
    Q_UNUSED(categories);
    PrivateStreamSpec spec;
    spec.categories = {Category::Spot, Category::Linear}; // one channel for the whole account
    spec.url = configuredUrl.isEmpty() ? privateStreamUrl() : configuredUrl;
    spec.tokenRequest = subscribeTokenRequest();
    return {spec};
}

Result<QString, AdapterError> BitbankTrading::parseStreamToken(const QString& stream,
                                                               const QJsonDocument& reply) const
{
    Q_UNUSED(stream);
    auto access = parseSubscribeToken(reply);
    if (!access)
        return Result<QString, AdapterError>::failure(access.error());
    return QString(access->channel + QLatin1Char('\n') + access->token);
}

QUrl BitbankTrading::streamUrl(const PrivateStreamSpec& stream, const QString& token) const
{
    const qsizetype cut = token.indexOf(QLatin1Char('\n'));
    return pubNubSubscribeUrl(stream.url, {token.left(cut), token.mid(cut + 1)}, {}, {});
}

std::unique_ptr<PrivateStreamConnection>
BitbankTrading::createStreamConnection(const PrivateStreamSpec& stream, const QUrl& url) const
{
    Q_UNUSED(stream);
    return std::make_unique<BitbankPrivateStream>(url);
}

bool BitbankTrading::isDuplicateClientOrderId(const RestError& error) const
{
    Q_UNUSED(error); // no client order id, so never a duplicate one
    return false;
}

bool BitbankTrading::isAuthenticationError(const RestError& error) const
{
    static const QStringList codes{QStringLiteral("20001"), QStringLiteral("20002"), QStringLiteral("20003"),
                                   QStringLiteral("20005")};
    return error.kind == RestError::Kind::Venue && codes.contains(error.venueCode);
}

Result<OrderAck, AdapterError> BitbankTrading::parseOrderAck(const QJsonDocument& reply) const
{
    using R = Result<OrderAck, AdapterError>;
    if (const auto failure = failureOf(reply))
        return R::failure(*failure);
    const QString id = idText(dataOf(reply).value(QLatin1String("order_id")));
    if (id.isEmpty())
        return R::failure({QStringLiteral("order reply lacks data.order_id")});
    return OrderAck{id, {}};
}

Result<std::vector<Order>, AdapterError> BitbankTrading::parseOrders(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Order>, AdapterError>;
    if (const auto failure = failureOf(reply))
        return R::failure(*failure);
    const QJsonObject data = dataOf(reply);
    QJsonArray list;
    if (data.contains(QLatin1String("orders")))
        list = data.value(QLatin1String("orders")).toArray();
    else
        list.append(data);
    auto orders = ordersFrom(list);
    if (orders) {
        for (const Order& o : *orders)
            noteOpen(o);
    }
    return orders;
}

void BitbankTrading::noteOpen(const Order& order) const
{
    if (order.status == OrderStatus::New || order.status == OrderStatus::PartiallyFilled ||
        order.status == OrderStatus::Untriggered)
        m_open.insert(order.orderId, order);
    else
        m_open.remove(order.orderId);
}

Result<std::vector<Fill>, AdapterError> BitbankTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    if (const auto failure = failureOf(reply))
        return R::failure(*failure);
    return fillsFrom(dataOf(reply).value(QLatin1String("trades")).toArray());
}

Result<std::vector<Balance>, AdapterError> BitbankTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    if (const auto failure = failureOf(reply))
        return R::failure(*failure);
    const QJsonObject data = dataOf(reply);
    if (!data.contains(QLatin1String("assets")))
        return parseMarginBalances(reply); // GET /v1/user/margin/status: bitbankmargin.cpp
    std::vector<Balance> out;
    for (const QJsonValue& v : data.value(QLatin1String("assets")).toArray()) {
        const QJsonObject o = v.toObject();
        Balance b;
        b.account = spotAccount();
        b.coin = o.value(QLatin1String("asset")).toString().toUpper();
        const auto onhand = decimalOf(o.value(QLatin1String("onhand_amount")));
        if (b.coin.isEmpty() || !onhand)
            return R::failure({QStringLiteral("an asset lacks asset or onhand_amount")});
        b.walletBalance = *onhand;
        b.available = decimalOf(o.value(QLatin1String("free_amount")));
        out.push_back(std::move(b));
    }
    return out;
}

Result<BitbankTrading::PubNubAccess, AdapterError>
BitbankTrading::parseSubscribeToken(const QJsonDocument& reply)
{
    using R = Result<PubNubAccess, AdapterError>;
    if (const auto failure = failureOf(reply))
        return R::failure(*failure);
    const QJsonObject data = dataOf(reply);
    PubNubAccess access{data.value(QLatin1String("pubnub_channel")).toString(),
                        data.value(QLatin1String("pubnub_token")).toString()};
    if (access.channel.isEmpty() || access.token.isEmpty())
        return R::failure({QStringLiteral("subscribe reply lacks pubnub_channel or pubnub_token")});
    return access;
}

QUrl BitbankTrading::pubNubSubscribeUrl(const QUrl& origin, const PubNubAccess& access,
                                        const QString& timetoken, const QString& region)
{
    QUrl url = origin;
    url.setPath(QStringLiteral("/v2/subscribe/%1/%2/0").arg(PubNubSubscribeKey, access.channel));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("uuid"), access.channel);
    query.addQueryItem(QStringLiteral("auth"), access.token);
    if (!timetoken.isEmpty()) {
        query.addQueryItem(QStringLiteral("tt"), timetoken);
        if (!region.isEmpty())
            query.addQueryItem(QStringLiteral("tr"), region);
    }
    url.setQuery(query);
    return url;
}

PrivateStreamFrame BitbankTrading::parseStreamFrame(QByteArrayView frame) const
{
    PrivateStreamFrame out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray(), &error);
    QJsonObject message = doc.object();
    if (message.contains(QLatin1String("message")))
        message = message.value(QLatin1String("message")).toObject();
    const QString method = message.value(QLatin1String("method")).toString();
    const QJsonValue params = message.value(QLatin1String("params"));
    if (error.error != QJsonParseError::NoError || method.isEmpty() || params.isUndefined()) {
        out.kind = PrivateStreamFrame::Kind::Malformed;
        out.error = QStringLiteral("not a bitbank private-stream message {method, params}");
        return out;
    }
    out.topic = method;
    if (method == QLatin1String("spot_order_new") || method == QLatin1String("spot_order")) {
        auto orders = ordersFrom(params.toArray());
        if (!orders) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = orders.error().message;
            return out;
        }
        for (Order& o : *orders) {
            const int stage = stageOf(o.status);
            const Decimal remaining = Decimal::subtract(o.quantity, o.filledQuantity).value_or(o.quantity);
            const auto known = m_orderProgress.constFind(o.orderId);
            if (known != m_orderProgress.cend() &&
                (stage < known->first || (stage == known->first && !(remaining < known->second))))
                continue; // older than what we have: bitbank's messages may arrive out of order
            m_orderProgress.insert(o.orderId, {stage, remaining});
            noteOpen(o);
            out.orders.push_back(std::move(o));
        }
    } else if (method == QLatin1String("spot_order_invalidation")) {
        // Invalidated by the matching engine (an asset shortage): cancelled. Only ids are sent; an order
        // last seen open keeps what it was (a margin order stays Linear, on its leg), now cancelled.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const QJsonValue& id : params.toObject().value(QLatin1String("order_id")).toArray()) {
            Order o = m_open.take(idText(id));
            if (o.orderId.isEmpty()) {
                o.orderId = idText(id);
                o.category = Category::Spot;
            }
            o.status =
                o.filledQuantity.isZero() ? OrderStatus::Cancelled : OrderStatus::PartiallyFilledCancelled;
            o.reason = QStringLiteral("spot_order_invalidation");
            o.updatedMs = std::max<std::int64_t>(o.updatedMs + 1, now);
            m_orderProgress.insert(o.orderId, {3, Decimal()});
            out.orders.push_back(std::move(o));
        }
    } else if (method == QLatin1String("spot_trade")) {
        auto fills = fillsFrom(params.toArray());
        if (!fills) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = fills.error().message;
            return out;
        }
        out.fills = std::move(*fills);
    } else if (method == QLatin1String("asset_update")) {
        for (const QJsonValue& v : params.toArray()) {
            const QJsonObject o = v.toObject();
            Balance b;
            b.coin = o.value(QLatin1String("asset")).toString().toUpper();
            const auto onhand = decimalOf(field(o, "onhand_amount", "onhandAmount"));
            if (b.coin.isEmpty() || !onhand) {
                out.kind = PrivateStreamFrame::Kind::Malformed;
                out.error = QStringLiteral("asset_update lacks asset or onhand_amount");
                return out;
            }
            b.account = spotAccount();
            b.walletBalance = *onhand;
            b.available = decimalOf(field(o, "free_amount", "freeAmount"));
            out.balances.push_back(std::move(b));
        }
    } else if (method == QLatin1String("margin_notice_update") ||
               method == QLatin1String("margin_payable_update") ||
               method == QLatin1String("margin_position_update")) {
        // The margin account's pushes (bitbankmargin.cpp).
        return parseMarginStreamFrame(method, params, std::move(out));
    } else {
        // deposits, withdrawals, dealer orders
        out.kind = PrivateStreamFrame::Kind::Ignored;
        return out;
    }
    out.kind = out.orders.empty() && out.fills.empty() && out.balances.empty() && out.positions.empty()
                   ? PrivateStreamFrame::Kind::Ignored
                   : PrivateStreamFrame::Kind::Data;
    return out;
}
