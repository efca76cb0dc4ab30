#include "coinchecktrading.h"

#include "exchanges/core/crypto.h"
#include "exchanges/core/noncestore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace {

// Coincheck writes rates and amounts as strings ("30010.0") and sometimes as numbers (opens' rate):
// a number is read from its shortest exact text, never kept as a double.
std::optional<Decimal> decimalOf(const QJsonValue& v)
{
    if (v.isString())
        return Decimal::parse(v.toString());
    if (v.isDouble())
        return Decimal::parse(QString::number(v.toDouble(), 'f', QLocale::FloatingPointShortest));
    return std::nullopt;
}

// A JPY amount as the trader typed it: Coincheck writes "10000.0", shown as "10000".
std::optional<Decimal> yenOf(const QJsonValue& v)
{
    const auto d = decimalOf(v);
    return d ? std::optional<Decimal>(d->normalized()) : std::nullopt;
}

QString idOf(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return {};
}

std::int64_t timeOf(const QJsonValue& v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

// The value on the step's grid at the step's scale ("15000000" on a 1 JPY tick, "0.00500000" on 1e-8).
QString onStep(Decimal value, Decimal step)
{
    const Decimal plain = value.normalized();
    if (!step.isZero() && plain.scale() <= step.scale()) {
        if (const auto scaled = plain.withScale(step.scale()))
            return scaled->toString();
    }
    return plain.toString();
}

std::optional<AdapterError> venueError(const QJsonDocument& reply)
{
    const QJsonObject o = reply.object();
    if (o.value(QLatin1String("success")).toBool(false))
        return std::nullopt;
    const QString error = o.value(QLatin1String("error")).toString();
    return AdapterError{error.isEmpty() ? QStringLiteral("reply without success") : error};
}

QString baseOf(const QString& pair)
{
    return pair.section(QLatin1Char('_'), 0, 0);
}

} // namespace

CoincheckTrading::CoincheckTrading(const QUrl& baseUrl)
    : m_baseUrl(baseUrl)
{}

QString CoincheckTrading::newClientOrderId()
{
    const quint64 n = (m_counter.fetch_add(1) + 1) % (36ULL * 36 * 36 * 36);
    return QStringLiteral("cc") +
           QString::number(quint64(QDateTime::currentMSecsSinceEpoch()), 36)
               .rightJustified(9, QLatin1Char('0')) +
           QString::number(n, 36).rightJustified(4, QLatin1Char('0'));
}

QUrl CoincheckTrading::privateStreamUrl()
{
    return QUrl(QStringLiteral("wss://stream.coincheck.com"));
}

bool CoincheckTrading::isUnsupported(const SignedRequest& request)
{
    return request.url.scheme() == QLatin1String("unsupported");
}

SignedRequest CoincheckTrading::unsupported(const QString& why) const
{
    // Not an http(s) URL: SignedRestClient refuses it before signing, so nothing reaches Coincheck.
    SignedRequest r;
    r.venue = venue();
    r.url.setScheme(QStringLiteral("unsupported"));
    r.url.setPath(why);
    return r;
}

SignedRequest CoincheckTrading::request(const QByteArray& method, const QString& path) const
{
    SignedRequest r;
    r.method = method;
    r.venue = venue();
    r.environment = Environment::Mainnet; // Coincheck has no testnet
    r.url = m_baseUrl;
    QString base = m_baseUrl.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + path);
    return r;
}

SignedRequest CoincheckTrading::createOrderRequest(const OrderRequest& order,
                                                   const Instrument& instrument) const
{
    if (const QString why = notOffered(order); !why.isEmpty())
        return unsupported(why); // OrderSubmitter refuses these first; a direct caller gets nothing sendable
    SignedRequest r = request("POST", QStringLiteral("/api/exchange/orders"));
    QJsonObject p{{QStringLiteral("pair"), order.symbol}};
    if (order.type == OrderType::Market && order.side == Side::Buy) {
        // The JPY to spend, exactly as asked (notOffered() let only a quote-sized market buy through).
        p.insert(QStringLiteral("order_type"), QStringLiteral("market_buy"));
        p.insert(QStringLiteral("market_buy_amount"), order.quantity.normalized().toString());
    } else if (order.type == OrderType::Market) {
        p.insert(QStringLiteral("order_type"), QStringLiteral("market_sell"));
        p.insert(QStringLiteral("amount"), onStep(order.quantity, instrument.lotSize));
    } else {
        if (!order.price)
            return unsupported(QStringLiteral("Coincheck: a limit order needs a rate"));
        p.insert(QStringLiteral("order_type"),
                 order.side == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell"));
        p.insert(QStringLiteral("rate"), onStep(*order.price, instrument.tickSize));
        p.insert(QStringLiteral("amount"), onStep(order.quantity, instrument.lotSize));
        if (order.timeInForce == TimeInForce::PostOnly)
            p.insert(QStringLiteral("time_in_force"), QStringLiteral("post_only"));
    }
    r.params = p;
    return r;
}

QString CoincheckTrading::notOffered(const OrderRequest& request) const
{
    if (request.triggerPrice)
        return tr("Coincheck takes no trigger price: stop orders are not offered here");
    if (request.takeProfit || request.stopLoss)
        return tr("Coincheck takes no take-profit or stop-loss attached to an order");
    if (request.reduceOnly)
        return tr("Coincheck trades spot only: an order cannot be reduce-only");
    // A market order is immediate by nature (the order entry sends it as IOC); Coincheck takes no time
    // in force for it and none is sent. A limit order cannot be IOC or FOK there.
    if (request.type == OrderType::Limit && (request.timeInForce == TimeInForce::ImmediateOrCancel ||
                                             request.timeInForce == TimeInForce::FillOrKill))
        return tr("Coincheck orders take no IOC or FOK time in force");
    if (request.type == OrderType::Market && request.side == Side::Buy && !request.quantityInQuote)
        return tr("A Coincheck market buy is sized in JPY, the amount to spend: enter the amount in JPY "
                  "(or place a limit buy)");
    if (request.quantityInQuote && !offersQuoteQuantity(request))
        return tr("Coincheck sizes only a market buy in JPY: a limit order or a sell is sized in the coin");
    if (request.type == OrderType::Market && request.timeInForce == TimeInForce::PostOnly)
        return tr("A Coincheck market order cannot be post-only");
    return {};
}

bool CoincheckTrading::offersQuoteQuantity(const OrderRequest& request) const
{
    // Coincheck trades spot only: every pair's market buy is sized in JPY.
    return request.type == OrderType::Market && request.side == Side::Buy && !request.triggerPrice;
}

SignedRequest CoincheckTrading::amendOrderRequest(const OrderAmendment& amendment,
                                                  const Instrument& instrument) const
{
    Q_UNUSED(instrument);
    return unsupported(notOfferedAmendment(amendment));
}

QString CoincheckTrading::notOfferedAmendment(const OrderAmendment&) const
{
    return tr("Coincheck cannot amend an order: cancel it and place a new one");
}

SignedRequest CoincheckTrading::cancelOrderRequest(const OrderReference& order) const
{
    if (order.orderId.isEmpty())
        return unsupported(QStringLiteral("Coincheck: a cancel needs Coincheck's order id"));
    SignedRequest r = request("DELETE", QStringLiteral("/api/exchange/orders/") + order.orderId);
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest CoincheckTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(category);
    Q_UNUSED(symbol);
    return unsupported(QStringLiteral("Coincheck: no cancel-all (cancel each open order)"));
}

QList<SignedRequest> CoincheckTrading::cancelOpenOrdersRequests(const std::vector<Order>& open) const
{
    QList<SignedRequest> out;
    for (const Order& order : open) {
        if (!order.orderId.isEmpty())
            out.append(
                cancelOrderRequest({order.symbol, order.category, order.orderId, order.clientOrderId}));
    }
    return out;
}

SignedRequest CoincheckTrading::openOrdersRequest(Category category, const QString& symbol,
                                                  const OrderReference* order) const
{
    Q_UNUSED(category);
    Q_UNUSED(symbol); // one list for every pair
    Q_UNUSED(order);  // no look-up by id: the list holds it while it is open
    return request("GET", QStringLiteral("/api/exchange/orders/opens"));
}

SignedRequest CoincheckTrading::orderHistoryRequest(Category category, const QString& symbol,
                                                    const OrderReference* order) const
{
    // Coincheck has no closed-order list; open orders are the only order list.
    return openOrdersRequest(category, symbol, order);
}

SignedRequest CoincheckTrading::executionsRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(category);
    Q_UNUSED(symbol);
    return request("GET", QStringLiteral("/api/exchange/orders/transactions"));
}

SignedRequest CoincheckTrading::positionsRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(category);
    Q_UNUSED(symbol);
    return unsupported(QStringLiteral("Coincheck: spot only, no positions"));
}

SignedRequest CoincheckTrading::balancesRequest() const
{
    return request("GET", QStringLiteral("/api/accounts/balance"));
}

SignedRequest CoincheckTrading::cancelStatusRequest(const QString& orderId) const
{
    SignedRequest r = request("GET", QStringLiteral("/api/exchange/orders/cancel_status"));
    r.query = {{QStringLiteral("id"), orderId}};
    return r;
}

bool CoincheckTrading::isDuplicateClientOrderId(const RestError& error) const
{
    Q_UNUSED(error); // no client order id, so never a duplicate of one
    return false;
}

bool CoincheckTrading::isAuthenticationError(const RestError& error) const
{
    return error.message == QLatin1String("invalid authentication") ||
           error.message == QLatin1String("disabled API Key");
}

Result<OrderAck, AdapterError> CoincheckTrading::parseOrderAck(const QJsonDocument& reply) const
{
    using R = Result<OrderAck, AdapterError>;
    // {"success":true,"id":12345,"rate":"30010.0","amount":"1.3","order_type":"sell",…}; a cancel's
    // reply is {"success":true,"id":12345}.
    if (const auto e = venueError(reply))
        return R::failure(*e);
    OrderAck ack;
    ack.orderId = idOf(reply.object().value(QLatin1String("id")));
    if (ack.orderId.isEmpty())
        return R::failure({QStringLiteral("order reply has no id")});
    return ack;
}

Result<std::vector<Order>, AdapterError> CoincheckTrading::parseOrders(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Order>, AdapterError>;
    // {"success":true,"orders":[{"id":202835,"order_type":"buy","rate":26890,"pair":"btc_jpy",
    //   "pending_amount":"0.5527","pending_market_buy_amount":null,"stop_loss_rate":null,
    //   "created_at":"2015-01-10T05:55:38.000Z"}]}
    if (const auto e = venueError(reply))
        return R::failure(*e);
    const QJsonValue list = reply.object().value(QLatin1String("orders"));
    if (!list.isArray())
        return R::failure({QStringLiteral("opens reply has no orders list")});
    std::vector<Order> out;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject o = v.toObject();
        Order order;
        order.orderId = idOf(o.value(QLatin1String("id")));
        order.symbol = o.value(QLatin1String("pair")).toString();
        order.category = Category::Spot;
        const QString type = o.value(QLatin1String("order_type")).toString();
        order.side = type.endsWith(QLatin1String("buy")) ? Side::Buy : Side::Sell;
        order.type = type.startsWith(QLatin1String("market")) ? OrderType::Market : OrderType::Limit;
        order.price = decimalOf(o.value(QLatin1String("rate")));
        const auto pending = decimalOf(o.value(QLatin1String("pending_amount")));
        if (order.orderId.isEmpty() || order.symbol.isEmpty() ||
            (type != QLatin1String("buy") && type != QLatin1String("sell") &&
             type != QLatin1String("market_buy") && type != QLatin1String("market_sell")))
            return R::failure({QStringLiteral("an open order lacks id, pair or order_type")});
        // Coincheck lists what is still pending, not the original amount or what filled. A market buy
        // has no BTC amount (pending_amount null): its pending_market_buy_amount is the JPY still to spend.
        order.quantity = pending.value_or(Decimal());
        if (type == QLatin1String("market_buy"))
            order.quoteQuantity = yenOf(o.value(QLatin1String("pending_market_buy_amount")));
        order.status = OrderStatus::New;
        order.createdMs = order.updatedMs = timeOf(o.value(QLatin1String("created_at")));
        const QString tif = o.value(QLatin1String("time_in_force")).toString();
        if (tif == QLatin1String("post_only"))
            order.timeInForce = TimeInForce::PostOnly;
        out.push_back(std::move(order));
    }
    return out;
}

namespace {
// One transaction (REST) or execution event (stream): {id, order_id, created_at|event_time,
// funds:{btc, jpy}, pair, rate, fee_currency, fee, liquidity T|M, side}.
std::optional<Fill> fillOf(const QJsonObject& o)
{
    Fill f;
    f.executionId = idOf(o.value(QLatin1String("id")));
    f.orderId = idOf(o.value(QLatin1String("order_id")));
    f.symbol = o.value(QLatin1String("pair")).toString();
    f.category = Category::Spot;
    const QString side = o.value(QLatin1String("side")).toString();
    const auto rate = decimalOf(o.value(QLatin1String("rate")));
    const auto amount = decimalOf(o.value(QLatin1String("funds")).toObject().value(baseOf(f.symbol)));
    if (f.executionId.isEmpty() || f.orderId.isEmpty() || f.symbol.isEmpty() || !rate || !amount ||
        (side != QLatin1String("buy") && side != QLatin1String("sell")))
        return std::nullopt;
    f.side = side == QLatin1String("buy") ? Side::Buy : Side::Sell;
    f.price = *rate;
    f.quantity = amount->isNegative() ? Decimal::subtract(Decimal(), *amount).value_or(*amount) : *amount;
    f.fee = decimalOf(o.value(QLatin1String("fee"))).value_or(Decimal());
    f.feeCurrency = o.value(QLatin1String("fee_currency")).toString().toUpper();
    f.isMaker = o.value(QLatin1String("liquidity")).toString() == QLatin1String("M");
    const QJsonValue time = o.contains(QLatin1String("event_time")) ? o.value(QLatin1String("event_time"))
                                                                    : o.value(QLatin1String("created_at"));
    f.timeMs = timeOf(time);
    return f;
}
} // namespace

Result<std::vector<Fill>, AdapterError> CoincheckTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    if (const auto e = venueError(reply))
        return R::failure(*e);
    const QJsonValue list = reply.object().value(QLatin1String("transactions"));
    if (!list.isArray())
        return R::failure({QStringLiteral("transactions reply has no transactions list")});
    std::vector<Fill> out;
    for (const QJsonValue& v : list.toArray()) {
        const auto fill = fillOf(v.toObject());
        if (!fill)
            return R::failure(
                {QStringLiteral("a transaction lacks id, order_id, pair, rate, funds or side")});
        out.push_back(*fill);
    }
    return out;
}

Result<std::vector<Position>, AdapterError> CoincheckTrading::parsePositions(const QJsonDocument& reply) const
{
    Q_UNUSED(reply);
    return std::vector<Position>{}; // spot only
}

Result<std::vector<Balance>, AdapterError> CoincheckTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    // {"success":true,"jpy":"0.8401","btc":"7.75052654","jpy_reserved":"3000.0","btc_reserved":"3.5002",
    //  "jpy_lend_in_use":"0","btc_lend_in_use":"0.3","jpy_lent":"0","btc_lent":"1.2",…}: the bare coin is
    // what is free, *_reserved what resting orders hold.
    if (const auto e = venueError(reply))
        return R::failure(*e);
    const QJsonObject o = reply.object();
    std::vector<Balance> out;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString coin = it.key();
        if (coin == QLatin1String("success") || coin.contains(QLatin1Char('_')))
            continue;
        const auto free = decimalOf(it.value());
        if (!free)
            return R::failure({QStringLiteral("balance %1 is not a number").arg(coin)});
        const Decimal reserved = decimalOf(o.value(coin + QStringLiteral("_reserved"))).value_or(Decimal());
        Balance b;
        b.coin = coin.toUpper();
        b.available = *free;
        b.walletBalance = Decimal::add(*free, reserved).value_or(*free);
        b.equity = b.walletBalance;
        out.push_back(std::move(b));
    }
    return out;
}

Result<bool, AdapterError> CoincheckTrading::parseCancelStatus(const QJsonDocument& reply) const
{
    using R = Result<bool, AdapterError>;
    if (const auto e = venueError(reply))
        return R::failure(*e);
    const QJsonValue cancel = reply.object().value(QLatin1String("cancel"));
    if (!cancel.isBool())
        return R::failure({QStringLiteral("cancel_status reply has no cancel flag")});
    return cancel.toBool();
}

QByteArray CoincheckTrading::loginMessage(const Credentials& credentials, qint64 nonce)
{
    const QByteArray n = QByteArray::number(nonce);
    const QJsonObject o{{QStringLiteral("type"), QStringLiteral("login")},
                        {QStringLiteral("access_key"), credentials.key},
                        {QStringLiteral("access_nonce"), QString::fromLatin1(n)},
                        {QStringLiteral("access_signature"),
                         QString::fromLatin1(Crypto::hmacSha256Hex(
                             credentials.secret, QByteArray(n + "wss://stream.coincheck.com/private")))}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray CoincheckTrading::subscribeMessage(const QStringList& channels)
{
    const QJsonObject o{{QStringLiteral("type"), QStringLiteral("subscribe")},
                        {QStringLiteral("channels"), QJsonArray::fromStringList(channels)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray CoincheckTrading::streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const
{
    Q_UNUSED(expiresMs);
    // Coincheck's nonce is one counter per key for REST and the stream: take the next one from the
    // store the REST client draws from (max(now in ms, last + 1), file-locked), never a clock of our own,
    // which could fall below a REST nonce handed out in a burst, or push the counter out of REST's reach.
    if (!m_nonces)
        m_nonces = std::make_shared<NonceStore>();
    return loginMessage(credentials, m_nonces->next(venue(), credentials.key));
}

QStringList CoincheckTrading::streamTopics() const
{
    return {QStringLiteral("order-events"), QStringLiteral("execution-events")};
}

PrivateStreamFrame CoincheckTrading::parseStreamFrame(QByteArrayView frame) const
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
    const QString type = o.value(QLatin1String("type")).toString();
    // The subscribe reply is read first: a refused subscription is not a refused login.
    if (type == QLatin1String("subscribe")) {
        const bool ok = o.value(QLatin1String("success")).toBool(true);
        out.kind = ok ? PrivateStreamFrame::Kind::SubscribeAck : PrivateStreamFrame::Kind::SubscribeRejected;
        out.error = o.value(QLatin1String("error")).toString();
        return out;
    }
    if (type == QLatin1String("login") ||
        (o.contains(QLatin1String("success")) && !o.contains(QLatin1String("channel")))) {
        const bool ok = o.value(QLatin1String("success")).toBool(false);
        out.kind = ok ? PrivateStreamFrame::Kind::AuthAccepted : PrivateStreamFrame::Kind::AuthRejected;
        out.error = o.value(QLatin1String("error")).toString();
        return out;
    }
    const QString channel = o.value(QLatin1String("channel")).toString();
    out.topic = channel;
    if (channel == QLatin1String("execution-events")) {
        const auto fill = fillOf(o);
        if (!fill) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("execution event lacks id, order_id, pair, rate, funds or side");
            return out;
        }
        out.fills.push_back(*fill);
        out.kind = PrivateStreamFrame::Kind::Data;
        return out;
    }
    if (channel == QLatin1String("order-events")) {
        // TRIGGERED, PARTIALLY_FILL, FILL, EXPIRY, CANCEL; no event for a new order (the POST reply and
        // the opens list seed it). Remaining size is not sent.
        Order order;
        order.orderId = idOf(o.value(QLatin1String("id")));
        order.symbol = o.value(QLatin1String("pair")).toString();
        order.category = Category::Spot;
        const QString type = o.value(QLatin1String("order_type")).toString();
        order.side = type.endsWith(QLatin1String("buy")) ? Side::Buy : Side::Sell;
        order.type = type.startsWith(QLatin1String("market")) ? OrderType::Market : OrderType::Limit;
        order.price = decimalOf(o.value(QLatin1String("rate")));
        order.quantity = decimalOf(o.value(QLatin1String("amount"))).value_or(Decimal());
        // A market buy carries the JPY to spend (market_buy_amount) and no BTC amount.
        if (type == QLatin1String("market_buy"))
            order.quoteQuantity = yenOf(o.value(QLatin1String("market_buy_amount")));
        order.updatedMs = timeOf(o.value(QLatin1String("event_time")));
        const QString event = o.value(QLatin1String("order_event")).toString();
        if (event == QLatin1String("FILL")) {
            order.status = OrderStatus::Filled;
            order.filledQuantity = order.quantity;
        } else if (event == QLatin1String("PARTIALLY_FILL")) {
            order.status = OrderStatus::PartiallyFilled;
        } else if (event == QLatin1String("CANCEL")) {
            order.status = OrderStatus::Cancelled;
        } else if (event == QLatin1String("EXPIRY")) {
            order.status = OrderStatus::Cancelled;
            order.reason = o.value(QLatin1String("expired_type")).toString();
        } else if (event == QLatin1String("TRIGGERED")) {
            order.status = OrderStatus::Triggered;
        }
        if (order.orderId.isEmpty() || order.symbol.isEmpty() || event.isEmpty()) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("order event lacks id, pair or order_event");
            return out;
        }
        out.orders.push_back(std::move(order));
        out.kind = PrivateStreamFrame::Kind::Data;
        return out;
    }
    out.kind = PrivateStreamFrame::Kind::Ignored;
    return out;
}
