// bitFlyer Lightning trading REST and the private realtime events.
// https://lightning.bitflyer.com/docs#send-a-new-order , #cancel-order , #cancel-all-orders ,
// #list-orders , #list-executions , #get-open-interest-summary (getpositions) , #get-margin-status
// (getcollateral) , #get-account-asset-balance (getbalance);
// https://bf-lightning-api.readme.io/docs/realtime-api-auth , realtime-child-order-events ;
// special (parent) orders: bitflyerparentorders.cpp
#include "bitflyertrading.h"

#include "bitflyermarketdata.h"
#include "bitflyerparentorders.h"
#include "exchanges/core/crypto.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QRandomGenerator>

namespace BitflyerWire {

// bitFlyer writes amounts as JSON numbers, which Qt reads as doubles. The shortest text that reads back
// as the same double is the venue's own text for every value of up to 15 significant digits (prices in
// yen, sizes of 8 decimals, balances); that text is parsed into an exact decimal.
std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return Decimal::parse(v.toString());
    if (!v.isDouble())
        return std::nullopt;
    return Decimal::parse(QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest));
}

QString textAt(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

std::int64_t timeAt(const QJsonObject& o, const char* key)
{
    const QByteArray text = textAt(o, key).toLatin1();
    return BitflyerMarketData::parseTimeMs(std::string_view(text.constData(), std::size_t(text.size())))
        .value_or(0);
}

Side sideAt(const QJsonObject& o)
{
    return textAt(o, "side") == QLatin1String("SELL") ? Side::Sell : Side::Buy;
}

TimeInForce tifFrom(const QString& text)
{
    if (text == QLatin1String("IOC"))
        return TimeInForce::ImmediateOrCancel;
    if (text == QLatin1String("FOK"))
        return TimeInForce::FillOrKill;
    return TimeInForce::GoodTillCancel;
}

void appendString(QByteArray& out, const char* key, const QString& value)
{
    out += '"';
    out += key;
    out += "\":";
    out += QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

void appendRaw(QByteArray& out, const char* key, const QByteArray& value)
{
    out += '"';
    out += key;
    out += "\":";
    out += value;
}

const char* timeInForceText(TimeInForce tif)
{
    if (tif == TimeInForce::ImmediateOrCancel)
        return "IOC";
    if (tif == TimeInForce::FillOrKill)
        return "FOK";
    return "GTC";
}

} // namespace BitflyerWire

using namespace BitflyerWire;

namespace {

// A getchildorders entry.
std::optional<Order> orderFrom(const QJsonObject& o)
{
    Order order;
    order.orderId = textAt(o, "child_order_acceptance_id");
    order.symbol = textAt(o, "product_code");
    order.category = BitflyerTrading::categoryOf(order.symbol);
    order.side = sideAt(o);
    order.type =
        textAt(o, "child_order_type") == QLatin1String("MARKET") ? OrderType::Market : OrderType::Limit;
    order.timeInForce = tifFrom(textAt(o, "time_in_force"));
    const auto size = decimalAt(o, "size");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !size)
        return std::nullopt;
    order.quantity = *size;
    if (order.type == OrderType::Limit)
        order.price = decimalAt(o, "price");
    order.filledQuantity = decimalAt(o, "executed_size").value_or(Decimal());
    if (const auto average = decimalAt(o, "average_price"); average && !average->isZero())
        order.averageFillPrice = average;
    const bool partly = !order.filledQuantity.isZero();
    const QString state = textAt(o, "child_order_state");
    if (state == QLatin1String("ACTIVE"))
        order.status = partly ? OrderStatus::PartiallyFilled : OrderStatus::New;
    else if (state == QLatin1String("COMPLETED"))
        order.status = OrderStatus::Filled;
    else if (state == QLatin1String("CANCELED") || state == QLatin1String("EXPIRED"))
        order.status = partly ? OrderStatus::PartiallyFilledCancelled : OrderStatus::Cancelled;
    else if (state == QLatin1String("REJECTED"))
        order.status = OrderStatus::Rejected;
    else
        order.status = OrderStatus::Unknown;
    if (state == QLatin1String("EXPIRED") || state == QLatin1String("REJECTED"))
        order.reason = state;
    order.createdMs = timeAt(o, "child_order_date");
    order.updatedMs = order.createdMs;
    return order;
}

// bitFlyer's spot commission is charged in the coin traded; Crypto CFD fees are in yen.
QString feeCurrencyOf(const QString& product)
{
    if (BitflyerTrading::categoryOf(product) == Category::Linear)
        return QStringLiteral("JPY");
    return product.section(QLatin1Char('_'), 0, 0);
}

QString localNonce()
{
    // 32 hex characters: within bitFlyer's 16–255.
    QString nonce;
    for (int i = 0; i < 4; ++i)
        nonce += QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return nonce;
}

std::optional<Decimal> averageOf(Decimal notional, Decimal size)
{
    // A display value (the store's entry price): through double, to the sen.
    if (size.isZero())
        return std::nullopt;
    return Decimal::parse(QString::number(notional.toDouble() / size.toDouble(), 'f', 2))->normalized();
}

} // namespace

BitflyerTrading::BitflyerTrading(const QUrl& baseUrl)
    : m_baseUrl(baseUrl)
{}

QString BitflyerTrading::newClientOrderId()
{
    const quint64 n = (m_counter.fetch_add(1) + 1) % (36ULL * 36 * 36 * 36);
    return QStringLiteral("bf") +
           QString::number(quint64(QDateTime::currentMSecsSinceEpoch()), 36)
               .rightJustified(9, QLatin1Char('0')) +
           QString::number(n, 36).rightJustified(4, QLatin1Char('0'));
}

QString BitflyerTrading::defaultProduct(Category category)
{
    return category == Category::Spot ? QStringLiteral("BTC_JPY") : QStringLiteral("FX_BTC_JPY");
}

Category BitflyerTrading::categoryOf(const QString& productCode)
{
    return productCode.startsWith(QLatin1String("FX_")) ? Category::Linear : Category::Spot;
}

QByteArray BitflyerTrading::numberOnStep(Decimal value, Decimal step)
{
    const Decimal plain = value.normalized();
    if (!step.isZero() && plain.scale() <= step.scale()) {
        if (const auto scaled = plain.withScale(step.scale()))
            return scaled->toString().toLatin1();
    }
    return plain.toString().toLatin1();
}

QUrl BitflyerTrading::privateStreamUrl()
{
    return QUrl(QStringLiteral("wss://ws.lightstream.bitflyer.com/json-rpc"));
}

bool BitflyerTrading::isUnsupported(const SignedRequest& request)
{
    return request.url.scheme() == QLatin1String("unsupported");
}

SignedRequest BitflyerTrading::unsupported(const QString& why) const
{
    // Not an http(s) URL: SignedRestClient refuses it before signing ("not an absolute http(s) URL:
    // unsupported:<why>"), so nothing reaches bitFlyer and the reason reads in the error.
    SignedRequest r;
    r.venue = venue();
    r.url.setScheme(QStringLiteral("unsupported"));
    r.url.setPath(why);
    return r;
}

SignedRequest BitflyerTrading::request(const QByteArray& method, const QString& path) const
{
    SignedRequest r;
    r.method = method;
    r.venue = venue();
    r.environment = Environment::Mainnet; // bitFlyer has no testnet
    r.url = m_baseUrl;
    QString base = m_baseUrl.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + path);
    return r;
}

namespace BitflyerWire {
// The fields a child order and a special order's parameter share, in bitFlyer's documented order:
// product_code, the order's kind (child_order_type or condition_type), side, price (limits),
// trigger_price (stops), size — each on the instrument's grid.
void appendOrderFields(QByteArray& body, const OrderRequest& order, const Instrument& instrument,
                       const char* kindKey, const QString& kind)
{
    appendString(body, "product_code", order.symbol);
    body += ',';
    appendString(body, kindKey, kind);
    body += ',';
    appendString(body, "side", order.side == Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL"));
    if (order.type == OrderType::Limit && order.price) {
        body += ',';
        appendRaw(body, "price", BitflyerTrading::numberOnStep(*order.price, instrument.tickSize));
    }
    if (order.triggerPrice) {
        body += ',';
        appendRaw(body, "trigger_price",
                  BitflyerTrading::numberOnStep(*order.triggerPrice, instrument.tickSize));
    }
    body += ',';
    appendRaw(body, "size", BitflyerTrading::numberOnStep(order.quantity, instrument.lotSize));
}
} // namespace BitflyerWire

SignedRequest BitflyerTrading::createOrderRequest(const OrderRequest& order,
                                                  const Instrument& instrument) const
{
    if (const QString why = notOffered(order); !why.isEmpty())
        return unsupported(why); // OrderSubmitter refuses these first; a direct caller gets nothing sendable
    if (order.triggerPrice)
        return stopOrderRequest(order, instrument);
    SignedRequest r = request("POST", QStringLiteral("/v1/me/sendchildorder"));
    // The exact bytes signed and sent; prices and sizes as JSON numbers on the instrument's grid.
    QByteArray body = "{";
    appendOrderFields(body, order, instrument, "child_order_type",
                      order.type == OrderType::Market ? QStringLiteral("MARKET") : QStringLiteral("LIMIT"));
    body += ',';
    appendRaw(body, "minute_to_expire", QByteArray::number(DefaultMinuteToExpire));
    body += ',';
    appendString(body, "time_in_force", QString::fromLatin1(timeInForceText(order.timeInForce)));
    body += '}';
    r.body = body;
    r.contentType = "application/json";
    return r;
}

Order BitflyerTrading::knownOrNew(const QString& acceptanceId, const QString& product, std::int64_t when,
                                  OrderStatus fresh) const
{
    Order order;
    if (const auto known = m_orders.constFind(acceptanceId); known != m_orders.cend()) {
        order = *known;
    } else {
        order.orderId = acceptanceId;
        order.symbol = product;
        order.category = categoryOf(product);
        order.status = fresh;
        order.createdMs = when;
    }
    order.updatedMs = std::max(order.updatedMs, when);
    return order;
}

QString BitflyerTrading::notOfferedAmendment(const OrderAmendment&) const
{
    return tr("bitFlyer cannot amend an order: cancel it and place a new one");
}

QString BitflyerTrading::notOffered(const OrderRequest& request) const
{
    if (request.takeProfit || request.stopLoss)
        return tr("bitFlyer takes no take-profit or stop-loss attached to an order: place the stop-loss as "
                  "a separate stop order");
    if (request.timeInForce == TimeInForce::PostOnly)
        return tr("bitFlyer has no post-only orders");
    if (request.reduceOnly)
        return tr("bitFlyer has no reduce-only orders: an opposite order reduces the FX position");
    if (request.triggerPrice && request.triggerDirection) {
        // A bitFlyer stop buys once the price rises to the trigger and sells once it falls to it.
        // https://lightning.bitflyer.com/docs/specialorder
        const TriggerDirection stop =
            request.side == Side::Buy ? TriggerDirection::RisesTo : TriggerDirection::FallsTo;
        if (*request.triggerDirection != stop)
            return tr("bitFlyer stop orders buy when the price rises to the trigger price and sell when it "
                      "falls to it");
    }
    return {};
}

SignedRequest BitflyerTrading::amendOrderRequest(const OrderAmendment& amendment,
                                                 const Instrument& instrument) const
{
    Q_UNUSED(instrument);
    // bitFlyer cannot change a child order: cancel it and place a new one.
    return unsupported(notOfferedAmendment(amendment));
}

SignedRequest BitflyerTrading::cancelOrderRequest(const OrderReference& order) const
{
    if (isParentOrder(order.orderId))
        return cancelParentRequest(order);
    SignedRequest r = request("POST", QStringLiteral("/v1/me/cancelchildorder"));
    QByteArray body = "{";
    appendString(body, "product_code",
                 order.symbol.isEmpty() ? defaultProduct(order.category) : order.symbol);
    body += ',';
    if (order.orderId.startsWith(QLatin1String("JOR")))
        appendString(body, "child_order_id", order.orderId);
    else
        appendString(body, "child_order_acceptance_id", order.orderId);
    body += '}';
    r.body = body;
    r.contentType = "application/json";
    return r;
}

SignedRequest BitflyerTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("POST", QStringLiteral("/v1/me/cancelallchildorders"));
    QByteArray body = "{";
    appendString(body, "product_code", symbol.isEmpty() ? defaultProduct(category) : symbol);
    body += '}';
    r.body = body;
    r.contentType = "application/json";
    return r;
}

SignedRequest BitflyerTrading::openOrdersRequest(Category category, const QString& symbol,
                                                 const OrderReference* order) const
{
    if (order && isParentOrder(order->orderId))
        return parentDetailsRequest(*order);
    SignedRequest r = request("GET", QStringLiteral("/v1/me/getchildorders"));
    const QString product = order && !order->symbol.isEmpty() ? order->symbol
                            : symbol.isEmpty()                ? defaultProduct(category)
                                                              : symbol;
    r.query.append({QStringLiteral("product_code"), product});
    if (order && !order->orderId.isEmpty()) {
        // That one order in any state.
        r.query.append({order->orderId.startsWith(QLatin1String("JOR"))
                            ? QStringLiteral("child_order_id")
                            : QStringLiteral("child_order_acceptance_id"),
                        order->orderId});
        return r;
    }
    // No venue id (a lost reply): bitFlyer cannot search by our id; the open orders are all there is.
    r.query.append({QStringLiteral("child_order_state"), QStringLiteral("ACTIVE")});
    return r;
}

SignedRequest BitflyerTrading::orderHistoryRequest(Category category, const QString& symbol,
                                                   const OrderReference* order) const
{
    if (order && isParentOrder(order->orderId))
        return parentHistoryRequest(category, symbol, *order);
    if (order && !order->orderId.isEmpty())
        return openOrdersRequest(category, symbol, order);
    SignedRequest r = request("GET", QStringLiteral("/v1/me/getchildorders"));
    const QString product = order && !order->symbol.isEmpty() ? order->symbol
                            : symbol.isEmpty()                ? defaultProduct(category)
                                                              : symbol;
    r.query.append({QStringLiteral("product_code"), product});
    r.query.append({QStringLiteral("count"), QStringLiteral("100")});
    return r;
}

SignedRequest BitflyerTrading::executionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/v1/me/getexecutions"));
    const QString product = symbol.isEmpty() ? defaultProduct(category) : symbol;
    // getexecutions entries name no product: replies are matched to requests in the order sent.
    m_executionsProducts.append(product);
    if (m_executionsProducts.size() > 16)
        m_executionsProducts.removeFirst();
    r.query.append({QStringLiteral("product_code"), product});
    r.query.append({QStringLiteral("count"), QStringLiteral("100")});
    return r;
}

SignedRequest BitflyerTrading::positionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/v1/me/getpositions"));
    r.query.append({QStringLiteral("product_code"), symbol.isEmpty() ? defaultProduct(category) : symbol});
    return r;
}

SignedRequest BitflyerTrading::balancesRequest() const
{
    return request("GET", QStringLiteral("/v1/me/getbalance"));
}

SignedRequest BitflyerTrading::collateralRequest() const
{
    return request("GET", QStringLiteral("/v1/me/getcollateral"));
}

bool BitflyerTrading::isDuplicateClientOrderId(const RestError& error) const
{
    Q_UNUSED(error); // no client order id, so no duplicate of one
    return false;
}

Result<OrderAck, AdapterError> BitflyerTrading::parseOrderAck(const QJsonDocument& reply) const
{
    using R = Result<OrderAck, AdapterError>;
    // A cancel is answered with HTTP 200 and no body: accepted; its outcome arrives as an event.
    if (reply.isNull() || (reply.isObject() && reply.object().isEmpty()))
        return OrderAck{};
    const QJsonObject o = reply.object();
    const QJsonValue status = o.value(QLatin1String("status"));
    if (status.isDouble() && status.toInteger() < 0)
        return R::failure({QStringLiteral("%1 %2").arg(status.toInteger()).arg(textAt(o, "error_message"))});
    if (const QString parent = textAt(o, "parent_order_acceptance_id"); !parent.isEmpty()) {
        m_parentIds.insert(parent);
        return OrderAck{parent, QString()};
    }
    const QString id = textAt(o, "child_order_acceptance_id");
    if (id.isEmpty())
        return R::failure({QStringLiteral("order reply has no child_order_acceptance_id")});
    return OrderAck{id, QString()};
}

void BitflyerTrading::remember(const Order& order) const
{
    m_orders.insert(order.orderId, order);
    // Closed orders are kept only while there are few: events for them may still arrive.
    if (m_orders.size() > 2000) {
        for (auto it = m_orders.begin(); it != m_orders.end();)
            it = isOpenStatus(it->status) ? std::next(it) : m_orders.erase(it);
        // Special orders forgotten with them; one placed and not yet read stays (its id, no order yet).
        for (auto it = m_parentIds.begin(); it != m_parentIds.end();) {
            if (m_orders.contains(*it) || !m_parentMethods.contains(*it)) {
                ++it;
            } else {
                m_parentMethods.remove(*it);
                m_parentDetailsRead.remove(*it);
                m_detailsAskedInRound.remove(*it);
                m_listedInRound.remove(*it);
                m_detailAsks.remove(*it);
                it = m_parentIds.erase(it);
            }
        }
    }
}

Result<std::vector<Order>, AdapterError> BitflyerTrading::parseOrders(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Order>, AdapterError>;
    if (reply.isObject() && reply.object().contains(QLatin1String("parameters"))) {
        bool shown = true;
        auto order = parentDetailsFrom(reply.object(), shown);
        if (!order)
            return R::failure({QStringLiteral(
                "parent order lacks parent_order_acceptance_id or a parameter with product_code and size")});
        return shown ? std::vector<Order>{*order} : std::vector<Order>{};
    }
    if (!reply.isArray())
        return R::failure({QStringLiteral("orders reply is not an array")});
    std::vector<Order> out;
    for (const QJsonValue& v : reply.array()) {
        if (v.toObject().contains(QLatin1String("parent_order_acceptance_id"))) {
            auto parent = parentListEntryFrom(v.toObject());
            if (!parent)
                return R::failure(
                    {QStringLiteral("parent order lacks parent_order_acceptance_id, product_code or size")});
            out.push_back(std::move(*parent));
            continue;
        }
        auto order = orderFrom(v.toObject());
        if (!order)
            return R::failure(
                {QStringLiteral("child order lacks child_order_acceptance_id, product_code or size")});
        remember(*order);
        out.push_back(std::move(*order));
    }
    return out;
}

Result<std::vector<Fill>, AdapterError> BitflyerTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("executions reply is not an array")});
    // The product asked for: replies are taken to come back in the order the requests were built.
    const QString requested = m_executionsProducts.isEmpty() ? QString() : m_executionsProducts.takeFirst();
    std::vector<Fill> out;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        Fill f;
        const QJsonValue id = o.value(QLatin1String("id"));
        f.executionId = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
        f.orderId = textAt(o, "child_order_acceptance_id");
        // getexecutions entries name no product: the order's, if read, else the product asked for.
        const auto known = m_orders.constFind(f.orderId);
        f.symbol = known != m_orders.cend() ? known->symbol : requested;
        f.category = categoryOf(f.symbol);
        f.side = sideAt(o);
        const auto price = decimalAt(o, "price");
        const auto size = decimalAt(o, "size");
        if (f.executionId.isEmpty() || !price || !size)
            return R::failure({QStringLiteral("execution lacks id, price or size")});
        f.price = *price;
        f.quantity = *size;
        f.fee = decimalAt(o, "commission").value_or(Decimal());
        f.feeCurrency = feeCurrencyOf(f.symbol);
        f.timeMs = timeAt(o, "exec_date");
        out.push_back(std::move(f));
    }
    return out;
}

Result<std::vector<Position>, AdapterError> BitflyerTrading::parsePositions(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Position>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("positions reply is not an array")});
    // bitFlyer lists each open lot; botterm shows one net position per product.
    struct Net
    {
        Decimal signedSize;
        Decimal notional;
        Decimal pnl;
    };
    QHash<QString, Net> nets;
    QStringList order;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        const QString product = textAt(o, "product_code");
        const auto price = decimalAt(o, "price");
        const auto size = decimalAt(o, "size");
        if (product.isEmpty() || !price || !size)
            return R::failure({QStringLiteral("position lacks product_code, price or size")});
        if (!nets.contains(product))
            order.append(product);
        Net& n = nets[product];
        n.signedSize += sideAt(o) == Side::Sell ? -*size : *size;
        n.notional += *price * *size;
        n.pnl += decimalAt(o, "pnl").value_or(Decimal());
    }
    std::vector<Position> out;
    const std::int64_t readMs = QDateTime::currentMSecsSinceEpoch();
    m_positions.clear();
    for (const QString& product : order) {
        const Net& n = nets[product];
        Position p;
        p.symbol = product;
        p.category = categoryOf(product);
        if (!n.signedSize.isZero())
            p.side = n.signedSize.isNegative() ? Side::Sell : Side::Buy;
        p.size = n.signedSize.isNegative() ? -n.signedSize : n.signedSize;
        p.entryPrice = averageOf(n.notional, p.size);
        p.unrealisedPnl = n.pnl;
        // As of this read (open_date is when a lot was opened): a fill event pushed before the read is
        // older than it and already in it; one after it moves this position.
        p.updatedMs = readMs;
        m_positions.insert(product, p);
        out.push_back(std::move(p));
    }
    return out;
}

Result<std::vector<Balance>, AdapterError> BitflyerTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("balance reply is not an array")});
    std::vector<Balance> out;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        Balance b;
        b.coin = textAt(o, "currency_code");
        const auto amount = decimalAt(o, "amount");
        if (b.coin.isEmpty() || !amount)
            return R::failure({QStringLiteral("balance lacks currency_code or amount")});
        b.walletBalance = *amount;
        b.available = decimalAt(o, "available");
        out.push_back(std::move(b));
    }
    m_balances.clear();
    for (const Balance& b : out)
        m_balances.insert(b.coin, b);
    return out;
}

Result<Balance, AdapterError> BitflyerTrading::parseCollateral(const QJsonDocument& reply) const
{
    using R = Result<Balance, AdapterError>;
    const QJsonObject o = reply.object();
    const auto collateral = decimalAt(o, "collateral");
    if (!collateral)
        return R::failure({QStringLiteral("collateral reply lacks collateral")});
    Balance b;
    b.coin = QStringLiteral("JPY");
    b.walletBalance = *collateral;
    if (const auto required = decimalAt(o, "require_collateral"))
        b.available = *collateral - *required;
    if (const auto pnl = decimalAt(o, "open_position_pnl"))
        b.equity = *collateral + *pnl;
    return b;
}

QByteArray BitflyerTrading::authMessage(const Credentials& credentials, qint64 nowMs, const QString& nonce)
{
    const QByteArray timestamp = QByteArray::number(nowMs);
    const QByteArray signature =
        Crypto::hmacSha256Hex(credentials.secret, QByteArray(timestamp + nonce.toUtf8()));
    QByteArray params = "{";
    appendString(params, "api_key", credentials.key);
    params += ',';
    appendRaw(params, "timestamp", timestamp);
    params += ',';
    appendString(params, "nonce", nonce);
    params += ',';
    appendString(params, "signature", QString::fromLatin1(signature));
    params += '}';
    return "{\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":" + params + ",\"id\":\"auth\"}";
}

QByteArray BitflyerTrading::streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const
{
    // TradingSession passes an expiry; bitFlyer wants the current time.
    return authMessage(credentials, expiresMs - AssumedAuthExpiryMs, localNonce());
}

QStringList BitflyerTrading::streamTopics() const
{
    return {QStringLiteral("child_order_events"), QStringLiteral("parent_order_events")};
}

PrivateStreamFrame BitflyerTrading::parseStreamFrame(QByteArrayView frame) const
{
    using Kind = PrivateStreamFrame::Kind;
    PrivateStreamFrame out;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("not a JSON object");
        return out;
    }
    const QJsonObject o = document.object();
    const QJsonValue id = o.value(QLatin1String("id"));
    const bool isAuth = id.toString() == QLatin1String("auth");
    if (o.contains(QLatin1String("error"))) {
        const QJsonObject e = o.value(QLatin1String("error")).toObject();
        out.kind = isAuth ? Kind::AuthRejected : Kind::SubscribeRejected;
        // The venue's words verbatim.
        out.error =
            QStringLiteral("%1 %2").arg(e.value(QLatin1String("code")).toInteger()).arg(textAt(e, "message"));
        return out;
    }
    if (o.contains(QLatin1String("result"))) {
        const bool ok = o.value(QLatin1String("result")).toBool();
        if (isAuth) {
            out.kind = ok ? Kind::AuthAccepted : Kind::AuthRejected;
            if (!ok)
                out.error = QStringLiteral("bitFlyer refused the auth call (result false)");
        } else {
            out.kind = ok ? Kind::SubscribeAck : Kind::SubscribeRejected;
            if (!ok)
                out.error = QStringLiteral("bitFlyer refused a subscription (result false)");
        }
        return out;
    }
    const QJsonObject params = o.value(QLatin1String("params")).toObject();
    const QString channel = textAt(params, "channel");
    if (textAt(o, "method") == QLatin1String("channelMessage") &&
        channel == QLatin1String("parent_order_events"))
        return parseParentOrderEvents(params.value(QLatin1String("message")));
    if (textAt(o, "method") != QLatin1String("channelMessage") ||
        channel != QLatin1String("child_order_events")) {
        out.kind = Kind::Ignored;
        return out;
    }
    out.topic = channel;
    const QJsonValue message = params.value(QLatin1String("message"));
    if (!message.isArray()) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("child_order_events message is not an array");
        return out;
    }
    for (const QJsonValue& v : message.toArray()) {
        const QJsonObject e = v.toObject();
        const QString acceptance = textAt(e, "child_order_acceptance_id");
        const QString product = textAt(e, "product_code");
        const QString type = textAt(e, "event_type");
        const std::int64_t when = timeAt(e, "event_date");
        if (acceptance.isEmpty() || product.isEmpty() || type.isEmpty()) {
            out.kind = Kind::Malformed;
            out.error = QStringLiteral(
                "child order event lacks child_order_acceptance_id, product_code or event_type");
            out.orders.clear();
            out.fills.clear();
            out.positions.clear();
            return out;
        }
        Order order = knownOrNew(acceptance, product, when, OrderStatus::New);
        if (type == QLatin1String("ORDER")) {
            order.side = sideAt(e);
            order.type = textAt(e, "child_order_type") == QLatin1String("MARKET") ? OrderType::Market
                                                                                  : OrderType::Limit;
            if (const auto size = decimalAt(e, "size"))
                order.quantity = *size;
            if (order.type == OrderType::Limit)
                order.price = decimalAt(e, "price");
            if (order.status == OrderStatus::Unknown)
                order.status = OrderStatus::New;
            order.createdMs = when;
        } else if (type == QLatin1String("EXECUTION")) {
            const auto price = decimalAt(e, "price");
            const auto size = decimalAt(e, "size");
            const auto outstanding = decimalAt(e, "outstanding_size");
            if (!price || !size) {
                out.kind = Kind::Malformed;
                out.error = QStringLiteral("EXECUTION event lacks price or size");
                return out;
            }
            order.side = sideAt(e);
            const Decimal before = order.filledQuantity;
            order.filledQuantity = before + *size;
            const Decimal notional =
                (order.averageFillPrice ? *order.averageFillPrice * before : Decimal()) + *price * *size;
            order.averageFillPrice = averageOf(notional, order.filledQuantity);
            if (order.quantity.isZero() && outstanding)
                order.quantity = order.filledQuantity + *outstanding; // an order read first by its fill
            order.status =
                outstanding && outstanding->isZero() ? OrderStatus::Filled : OrderStatus::PartiallyFilled;
            Fill f;
            const QJsonValue execId = e.value(QLatin1String("exec_id"));
            f.executionId = execId.isDouble() ? QString::number(execId.toInteger()) : execId.toString();
            f.orderId = acceptance;
            f.symbol = product;
            f.category = categoryOf(product);
            f.side = order.side;
            f.price = *price;
            f.quantity = *size;
            f.fee = decimalAt(e, "commission").value_or(Decimal());
            f.feeCurrency = feeCurrencyOf(product);
            f.timeMs = when;
            out.fills.push_back(f);
            if (f.category == Category::Linear) {
                // bitFlyer pushes no positions: move the net position read over REST by this fill.
                Position p = m_positions.value(product);
                p.symbol = product;
                p.category = Category::Linear;
                const Decimal signedBefore = p.side == Side::Sell ? -p.size : p.size;
                const Decimal signedFill = f.side == Side::Sell ? -f.quantity : f.quantity;
                const Decimal signedAfter = signedBefore + signedFill;
                const bool grows =
                    signedBefore.isZero() || (signedBefore.isNegative() == signedFill.isNegative());
                const bool flips = !signedAfter.isZero() && !signedBefore.isZero() &&
                                   signedAfter.isNegative() != signedBefore.isNegative();
                if (grows)
                    p.entryPrice =
                        averageOf((p.entryPrice ? *p.entryPrice * p.size : Decimal()) + f.price * f.quantity,
                                  p.size + f.quantity);
                else if (flips)
                    p.entryPrice = f.price;
                p.size = signedAfter.isNegative() ? -signedAfter : signedAfter;
                p.side = signedAfter.isZero()
                             ? std::nullopt
                             : std::optional<Side>(signedAfter.isNegative() ? Side::Sell : Side::Buy);
                if (signedAfter.isZero())
                    p.entryPrice.reset();
                p.unrealisedPnl.reset(); // bitFlyer's pnl is known again at the next REST read
                // Newer than the REST read it builds on, whatever the two clocks say.
                p.updatedMs = std::max(when, p.updatedMs + 1);
                m_positions.insert(product, p);
                out.positions.push_back(p);
            }
            if (f.category == Category::Spot && !m_balances.isEmpty()) {
                // bitFlyer pushes no balances: move the totals read over REST by this fill.
                const QString base = product.section(QLatin1Char('_'), 0, 0);
                const QString quote = product.section(QLatin1Char('_'), 1, 1);
                Balance b = m_balances.value(base, Balance{base, {}, Decimal(), std::nullopt, std::nullopt});
                Balance q =
                    m_balances.value(quote, Balance{quote, {}, Decimal(), std::nullopt, std::nullopt});
                const Decimal notional = f.price * f.quantity;
                if (f.side == Side::Buy) {
                    q.walletBalance -= notional;
                    b.walletBalance += f.quantity - f.fee;
                } else {
                    b.walletBalance -= f.quantity + f.fee;
                    q.walletBalance += notional;
                }
                b.available.reset(); // known again at the next REST read
                q.available.reset();
                m_balances.insert(base, b);
                m_balances.insert(quote, q);
                out.balances.push_back(b);
                out.balances.push_back(q);
            }
        } else if (type == QLatin1String("CANCEL") || type == QLatin1String("EXPIRE")) {
            order.status = order.filledQuantity.isZero() ? OrderStatus::Cancelled
                                                         : OrderStatus::PartiallyFilledCancelled;
            if (type == QLatin1String("EXPIRE"))
                order.reason = QStringLiteral("EXPIRE");
        } else if (type == QLatin1String("ORDER_FAILED")) {
            order.status = OrderStatus::Rejected;
            order.reason = textAt(e, "reason"); // verbatim
        } else {
            continue; // CANCEL_FAILED and event types not documented: the order is as it was
        }
        remember(order);
        out.orders.push_back(order);
    }
    out.kind = Kind::Data;
    return out;
}
