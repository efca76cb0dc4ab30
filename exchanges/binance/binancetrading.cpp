// Binance spot and USDⓈ-M trading: what both products share (endpoints, request building, REST
// replies, the private streams' set-up). The products' own parts: binancespottrading.cpp and
// binancefuturestrading.cpp.
// Spot: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints ,
// /rest-api/account-endpoints , /websocket-api/user-data-stream-requests , /user-data-stream .
// USDⓈ-M: https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api ,
// /account/rest-api , /user-data-streams , /websocket-market-streams (the 2026 /public|/market|/private
// split).
#include "binancetrading.h"
#include "binancejson.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>

using namespace BinanceJson;

namespace {

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
    order.positionSide = legFrom(textAt(o, "positionSide")).value_or(PositionSide::Net);
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

QString base36(quint64 value)
{
    return QString::number(value, 36);
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
    return order.category == Category::Spot ? spotOrderRequest(order, instrument)
                                            : futuresOrderRequest(order, instrument);
}

SignedRequest BinanceTrading::amendOrderRequest(const OrderAmendment& amendment,
                                                const Instrument& instrument) const
{
    return amendment.order.category == Category::Spot ? spotAmendRequest(amendment, instrument)
                                                      : futuresAmendRequest(amendment, instrument);
}

void BinanceTrading::appendQuantityAndPrice(SignedRequest& r, const OrderAmendment& amendment,
                                            const Instrument& instrument)
{
    // Binance's amends restate quantity and price: the unchanged one comes from the order as known.
    const std::optional<Order>& current = amendment.current;
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
}

SignedRequest BinanceTrading::cancelOrderRequest(const OrderReference& order) const
{
    if (order.category != Category::Spot && isAlgoReference(order))
        return algoOrderRequest("DELETE", order); // a conditional order: DELETE /fapi/v1/algoOrder
    SignedRequest r =
        request(order.category, "DELETE",
                order.category == Category::Spot ? QStringLiteral("/order") : QStringLiteral("/v1/order"));
    addReference(r.query, order);
    return r;
}

SignedRequest BinanceTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    // Both want a symbol; without one the venue's own refusal (-1102) is reported. DELETE
    // /fapi/v1/allOpenOrders leaves the Algo Service's conditional orders alone (its page does not list
    // them; clients report them left behind): they are cancelled apart (moreCancelAllRequests: DELETE
    // /fapi/v1/algoOpenOrders).
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
    // A conditional USDⓈ-M order is read on its own (Query Algo Order: by algoId, or by clientAlgoId when
    // its create reply was lost); otherwise the open orders of the symbol, and the caller picks the one it
    // looks for. (The open conditional orders of an account: openAlgoOrdersRequest.)
    if (order && category != Category::Spot && isAlgoReference(*order))
        return algoOrderRequest("GET", *order);
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
    // A conditional USDⓈ-M order: the Algo Service's own record of it.
    if (order && category != Category::Spot && isAlgoReference(*order))
        return algoOrderRequest("GET", *order);
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
    // An algo order (created or cancelled): algoId and clientAlgoId.
    if (o.contains(QLatin1String("algoId")))
        return OrderAck{kAlgoOrderPrefix + textAt(o, "algoId"), textAt(o, "clientAlgoId")};
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
        const QJsonObject o = v.toObject();
        const bool algo = o.contains(QLatin1String("algoId"));
        auto order = algo ? algoOrderFrom(o) : orderFrom(o);
        if (!order)
            return R::failure({algo ? QStringLiteral("algo order entry lacks algoId, symbol or quantity")
                                    : QStringLiteral("order entry lacks orderId, symbol or origQty")});
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
    // wss://fstream.binance.com/private/ws?listenKey=<key>&events=A/B/…: events= is an allow list, the
    // stream carries only the events it names. listenKeyExpired is named too, or a lapsed key would leave
    // the stream silent instead of reconnecting it (ALGO_UPDATE: the conditional orders of the Algo
    // Service). serverShutdown is not named: whether the filter applies to it is unconfirmed, and a
    // shutdown that is not announced still ends in a dropped connection, which reconnects.
    QUrl url = stream.url;
    url.setQuery(
        QStringLiteral("listenKey=%1&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/ALGO_UPDATE/listenKeyExpired")
            .arg(token));
    return url;
}

SignedRequest BinanceTrading::keepAliveRequest(const QString&, const QString&) const
{
    // PUT /fapi/v1/listenKey extends the account's key by 60 minutes; -1125 if it is gone.
    return request(Category::Linear, "PUT", QStringLiteral("/v1/listenKey"));
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
    PositionMode mode = PositionMode::Unknown;
    PrivateStreamFrame out = parseFuturesFrame(frame, stream == QLatin1String("linear-wallet"), &mode);
    if (mode != PositionMode::Unknown)
        noteHedgeMode(mode == PositionMode::Hedge);
    return out;
}

QString BinanceTrading::notOffered(const OrderRequest& request) const
{
    if (request.takeProfit || request.stopLoss)
        return QCoreApplication::translate("BinanceTrading",
                                           "Binance takes no take-profit or stop-loss attached to an order: "
                                           "place them as separate stop orders");
    return {};
}
