// OKX v5 trading REST and the private stream.
// https://www.okx.com/docs-v5/en/#order-book-trading-trade , #trading-account-rest-api-get-balance ,
// #trading-account-rest-api-get-positions , #overview-websocket-login ,
// #order-book-trading-trade-ws-order-channel , #trading-account-websocket-positions-channel ;
// trigger (algo) orders: okxalgoorders.cpp
#include "okxtrading.h"

#include "exchanges/core/crypto.h"
#include "okxalgoorders.h"
#include "okxstreamprotocol.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>

using namespace OkxWire;

namespace {

using ArrayResult = Result<QJsonArray, AdapterError>;

ArrayResult dataOf(const QJsonDocument& reply, const char* what)
{
    const QJsonObject o = reply.object();
    const QString code = o.value(QLatin1String("code")).toString();
    if (!code.isEmpty() && code != QLatin1String("0"))
        return ArrayResult::failure(
            {QStringLiteral("%1: %2 %3").arg(QLatin1String(what), code, textAt(o, "msg"))});
    const QJsonValue data = o.value(QLatin1String("data"));
    if (!data.isArray())
        return ArrayResult::failure({QStringLiteral("%1 reply has no data array").arg(QLatin1String(what))});
    return data.toArray();
}

// OKX's fee: negative is charged, positive a rebate; botterm's: positive is charged.
Decimal feeFrom(const QJsonObject& o)
{
    const auto fee = decimalAt(o, "fee");
    return fee ? -*fee : Decimal();
}

std::optional<Order> orderFrom(const QJsonObject& o)
{
    Order order;
    order.orderId = textAt(o, "ordId");
    order.clientOrderId = textAt(o, "clOrdId");
    order.symbol = textAt(o, "instId");
    order.category = OkxTrading::categoryOf(textAt(o, "instType"), order.symbol);
    order.side = textAt(o, "side") == QLatin1String("sell") ? Side::Sell : Side::Buy;
    const QString type = textAt(o, "ordType");
    if (type == QLatin1String("market") || type == QLatin1String("optimal_limit_ioc")) {
        order.type = OrderType::Market;
        order.timeInForce = TimeInForce::ImmediateOrCancel;
    } else {
        order.type = OrderType::Limit;
        if (type == QLatin1String("post_only"))
            order.timeInForce = TimeInForce::PostOnly;
        else if (type == QLatin1String("ioc"))
            order.timeInForce = TimeInForce::ImmediateOrCancel;
        else if (type == QLatin1String("fok"))
            order.timeInForce = TimeInForce::FillOrKill;
    }
    const auto size = decimalAt(o, "sz");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !size)
        return std::nullopt;
    order.quantity = *size;
    if (order.type == OrderType::Limit)
        order.price = decimalAt(o, "px");
    order.filledQuantity = decimalAt(o, "accFillSz").value_or(Decimal());
    order.averageFillPrice = nonZeroAt(o, "avgPx");
    order.status = OkxTrading::statusFromOkx(textAt(o, "state"), !order.filledQuantity.isZero());
    order.reduceOnly = trueAt(o, "reduceOnly");
    // cancelSourceReason: why OKX (or the user) cancelled it, in OKX's words.
    order.reason = textAt(o, "cancelSourceReason");
    order.createdMs = msAt(o, "cTime");
    order.updatedMs = msAt(o, "uTime");
    return order;
}

// A fill: a fills reply entry (REST) or the fill carried by an orders push (fillSz > 0).
std::optional<Fill> fillFrom(const QJsonObject& o, bool fromPush)
{
    Fill f;
    f.executionId = textAt(o, "tradeId");
    f.orderId = textAt(o, "ordId");
    f.clientOrderId = textAt(o, "clOrdId");
    f.symbol = textAt(o, "instId");
    f.category = OkxTrading::categoryOf(textAt(o, "instType"), f.symbol);
    f.side = textAt(o, "side") == QLatin1String("sell") ? Side::Sell : Side::Buy;
    const auto price = decimalAt(o, "fillPx");
    const auto size = decimalAt(o, "fillSz");
    if (f.executionId.isEmpty() || !price || !size)
        return std::nullopt;
    f.price = *price;
    f.quantity = *size;
    // An orders push carries the order's accumulated fee; the fill's own is fillFee.
    if (fromPush) {
        const auto fee = decimalAt(o, "fillFee");
        f.fee = fee ? -*fee : Decimal();
        f.feeCurrency = textAt(o, "fillFeeCcy");
    } else {
        f.fee = feeFrom(o);
        f.feeCurrency = textAt(o, "feeCcy");
    }
    f.isMaker = textAt(o, "execType") == QLatin1String("M");
    f.timeMs = fromPush ? msAt(o, "fillTime") : msAt(o, "ts");
    if (f.timeMs == 0)
        f.timeMs = msAt(o, "fillTime");
    return f;
}

std::optional<Position> positionFrom(const QJsonObject& o)
{
    Position p;
    p.symbol = textAt(o, "instId");
    p.category = OkxTrading::categoryOf(textAt(o, "instType"), p.symbol);
    const auto pos = decimalAt(o, "pos");
    if (p.symbol.isEmpty() || !pos)
        return std::nullopt;
    // Net mode: pos is signed. Long/short mode: posSide says which, pos is positive.
    const QString posSide = textAt(o, "posSide");
    if (!pos->isZero()) {
        if (posSide == QLatin1String("long"))
            p.side = Side::Buy;
        else if (posSide == QLatin1String("short"))
            p.side = Side::Sell;
        else
            p.side = pos->isNegative() ? Side::Sell : Side::Buy;
    }
    p.size = pos->isNegative() ? -*pos : *pos;
    p.entryPrice = nonZeroAt(o, "avgPx");
    p.markPrice = decimalAt(o, "markPx");
    p.unrealisedPnl = decimalAt(o, "upl");
    p.liquidationPrice = nonZeroAt(o, "liqPx");
    p.realisedPnl = decimalAt(o, "realizedPnl");
    p.updatedMs = msAt(o, "uTime");
    return p;
}

// One entry of /account/balance (or an account push): its currencies.
bool balancesFrom(const QJsonObject& account, std::vector<Balance>& out)
{
    for (const QJsonValue& v : account.value(QLatin1String("details")).toArray()) {
        const QJsonObject c = v.toObject();
        Balance b;
        b.coin = textAt(c, "ccy");
        const auto cash = decimalAt(c, "cashBal");
        if (b.coin.isEmpty() || !cash)
            return false;
        b.walletBalance = *cash;
        b.available = decimalAt(c, "availBal");
        b.equity = decimalAt(c, "eq");
        out.push_back(b);
    }
    return true;
}

void addReference(QJsonObject& body, const OrderReference& order)
{
    body.insert(QStringLiteral("instId"), order.symbol);
    if (!order.orderId.isEmpty())
        body.insert(QStringLiteral("ordId"), order.orderId);
    else
        body.insert(QStringLiteral("clOrdId"), order.clientOrderId);
}

} // namespace

OkxTrading::OkxTrading(const QUrl& baseUrl, Environment environment)
    : m_baseUrl(baseUrl)
    , m_environment(environment)
{}

QString OkxTrading::newClientOrderId()
{
    // Time keeps ids unique across restarts, the counter within a process, the random part between
    // processes started in the same millisecond. Fixed widths keep the parts from running together.
    const quint64 n = (m_counter.fetch_add(1) + 1) % (36ULL * 36 * 36 * 36 * 36);
    const QString time =
        QString::number(quint64(QDateTime::currentMSecsSinceEpoch()), 36).rightJustified(9, QLatin1Char('0'));
    const QString counter = QString::number(n, 36).rightJustified(5, QLatin1Char('0'));
    const QString random =
        QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return QStringLiteral("bt") + time + counter + random; // 24 characters
}

QString OkxTrading::formatOnStep(Decimal value, Decimal step)
{
    const Decimal plain = value.normalized();
    if (!step.isZero() && plain.scale() <= step.scale()) {
        if (const auto scaled = plain.withScale(step.scale()))
            return scaled->toString();
    }
    return plain.toString();
}

QString OkxTrading::instType(Category category)
{
    return category == Category::Spot ? QStringLiteral("SPOT") : QStringLiteral("SWAP");
}

Category OkxTrading::categoryOf(const QString& type, const QString& instId)
{
    if (type == QLatin1String("SPOT") || type == QLatin1String("MARGIN"))
        return Category::Spot;
    // Coin-margined contracts are quoted in USD ("BTC-USD-SWAP"); USDT/USDC-margined in the stablecoin.
    return instId.section(QLatin1Char('-'), 1, 1) == QLatin1String("USD") ? Category::Inverse
                                                                          : Category::Linear;
}

SignedRequest OkxTrading::request(const QByteArray& method, const QString& path) const
{
    SignedRequest r;
    r.method = method;
    r.venue = venue();
    // OKX's demo trading is the live host with x-simulated-trading: 1; OKX has no testnet.
    r.environment = m_environment == Environment::Mainnet ? Environment::Mainnet : Environment::Demo;
    r.url = m_baseUrl;
    QString base = m_baseUrl.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + path);
    return r;
}

SignedRequest OkxTrading::createOrderRequest(const OrderRequest& order, const Instrument& instrument) const
{
    if (order.triggerPrice)
        return algoOrderRequest(order, instrument);
    SignedRequest r = request("POST", QStringLiteral("/api/v5/trade/order"));
    QString ordType = QStringLiteral("limit");
    if (order.type == OrderType::Market) {
        ordType = QStringLiteral("market");
    } else {
        switch (order.timeInForce) {
        case TimeInForce::GoodTillCancel:
            break;
        case TimeInForce::PostOnly:
            ordType = QStringLiteral("post_only");
            break;
        case TimeInForce::ImmediateOrCancel:
            ordType = QStringLiteral("ioc");
            break;
        case TimeInForce::FillOrKill:
            ordType = QStringLiteral("fok");
            break;
        }
    }
    QJsonObject body{
        {QStringLiteral("instId"), order.symbol},
        {QStringLiteral("tdMode"),
         order.category == Category::Spot ? QStringLiteral("cash") : QStringLiteral("cross")},
        {QStringLiteral("side"), order.side == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell")},
        {QStringLiteral("ordType"), ordType},
        {QStringLiteral("sz"), formatOnStep(order.quantity, instrument.lotSize)},
        {QStringLiteral("clOrdId"), order.clientOrderId},
    };
    if (order.type == OrderType::Limit && order.price)
        body.insert(QStringLiteral("px"), formatOnStep(*order.price, instrument.tickSize));
    if (order.reduceOnly && order.category != Category::Spot)
        body.insert(QStringLiteral("reduceOnly"), true);
    if (order.category == Category::Spot && order.type == OrderType::Market)
        // A spot market buy's sz is otherwise read as a quote amount; sz is always the base quantity here.
        body.insert(QStringLiteral("tgtCcy"), QStringLiteral("base_ccy"));
    addAttachedTpSl(body, order, instrument);
    setJsonBody(r, QJsonDocument(body));
    return r;
}

SignedRequest OkxTrading::amendOrderRequest(const OrderAmendment& amendment,
                                            const Instrument& instrument) const
{
    if (isAlgoReference(amendment.order))
        return amendAlgoRequest(amendment, instrument); // amend-algos: okxalgoorders.cpp
    SignedRequest r = request("POST", QStringLiteral("/api/v5/trade/amend-order"));
    QJsonObject body;
    addReference(body, amendment.order);
    // newSz is the order's whole new size, the filled part included.
    if (amendment.quantity)
        body.insert(QStringLiteral("newSz"), formatOnStep(*amendment.quantity, instrument.lotSize));
    if (amendment.price)
        body.insert(QStringLiteral("newPx"), formatOnStep(*amendment.price, instrument.tickSize));
    setJsonBody(r, QJsonDocument(body));
    return r;
}

SignedRequest OkxTrading::cancelOrderRequest(const OrderReference& order) const
{
    if (isAlgoReference(order))
        return cancelAlgoRequest(order); // cancel-algos: okxalgoorders.cpp
    SignedRequest r = request("POST", QStringLiteral("/api/v5/trade/cancel-order"));
    QJsonObject body;
    addReference(body, order);
    setJsonBody(r, QJsonDocument(body));
    return r;
}

SignedRequest OkxTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(category);
    Q_UNUSED(symbol);
    // Not sendable: a URL of no network scheme, whose path says why.
    SignedRequest r;
    r.venue = venue();
    r.url.setScheme(QStringLiteral("unsupported"));
    r.url.setPath(QStringLiteral("OKX has no cancel-all for spot and swaps"));
    return r;
}

QList<SignedRequest> OkxTrading::cancelOpenOrdersRequests(const std::vector<Order>& open) const
{
    // The session leaves out orders whose cancel is under way (TradingSession::CancelPendingMs).
    QList<SignedRequest> out;
    // Plain orders go to cancel-batch-orders (20 a request), trigger orders to cancel-algos (10).
    QJsonArray batch;
    QJsonArray algoBatch;
    const auto flush = [&](QJsonArray& entries, const QString& path) {
        if (entries.isEmpty())
            return;
        SignedRequest r = request("POST", path);
        setJsonBody(r, QJsonDocument(entries));
        out.append(r);
        entries = QJsonArray();
    };
    const QString batchPath = QStringLiteral("/api/v5/trade/cancel-batch-orders");
    const QString algoPath = QStringLiteral("/api/v5/trade/cancel-algos");
    for (const Order& order : open) {
        if (order.orderId.isEmpty())
            continue;
        if (isAlgoOrderId(order.orderId)) {
            algoBatch.append(QJsonObject{{QStringLiteral("instId"), order.symbol},
                                         {QStringLiteral("algoId"), order.orderId.mid(kAlgoPrefix.size())}});
            if (algoBatch.size() == MaxCancelAlgoBatch)
                flush(algoBatch, algoPath);
            continue;
        }
        batch.append(
            QJsonObject{{QStringLiteral("instId"), order.symbol}, {QStringLiteral("ordId"), order.orderId}});
        if (batch.size() == MaxCancelBatch)
            flush(batch, batchPath);
    }
    flush(batch, batchPath);
    flush(algoBatch, algoPath);
    return out;
}

SignedRequest OkxTrading::openOrdersRequest(Category category, const QString& symbol,
                                            const OrderReference* order) const
{
    if (order && isAlgoReference(*order))
        return algoDetailsRequest(*order);
    if (order) {
        // One order in any state (OKX keeps recently closed ones here too).
        SignedRequest r = request("GET", QStringLiteral("/api/v5/trade/order"));
        r.query.append({QStringLiteral("instId"), order->symbol.isEmpty() ? symbol : order->symbol});
        if (!order->orderId.isEmpty())
            r.query.append({QStringLiteral("ordId"), order->orderId});
        else
            r.query.append({QStringLiteral("clOrdId"), order->clientOrderId});
        return r;
    }
    SignedRequest r = request("GET", QStringLiteral("/api/v5/trade/orders-pending"));
    r.query.append({QStringLiteral("instType"), instType(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("instId"), symbol});
    return r;
}

SignedRequest OkxTrading::orderHistoryRequest(Category category, const QString& symbol,
                                              const OrderReference* order) const
{
    if (order)
        return openOrdersRequest(category, symbol, order);
    // The last 7 days' closed orders.
    SignedRequest r = request("GET", QStringLiteral("/api/v5/trade/orders-history"));
    r.query.append({QStringLiteral("instType"), instType(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("instId"), symbol});
    return r;
}

SignedRequest OkxTrading::executionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/api/v5/trade/fills"));
    r.query.append({QStringLiteral("instType"), instType(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("instId"), symbol});
    return r;
}

SignedRequest OkxTrading::positionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/api/v5/account/positions"));
    r.query.append({QStringLiteral("instType"), instType(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("instId"), symbol});
    return r;
}

SignedRequest OkxTrading::balancesRequest() const
{
    return request("GET", QStringLiteral("/api/v5/account/balance"));
}

bool OkxTrading::isDuplicateClientOrderId(const RestError& error) const
{
    // 51016 "Duplicated clOrdId": https://www.okx.com/docs-v5/en/#error-code-rest-api-trade
    return error.kind == RestError::Kind::Venue && error.venueCode == QLatin1String("51016");
}

Result<OrderAck, AdapterError> OkxTrading::parseOrderAck(const QJsonDocument& reply) const
{
    using R = Result<OrderAck, AdapterError>;
    const ArrayResult data = dataOf(reply, "order");
    if (!data)
        return R::failure(data.error());
    const QJsonObject first = data->first().toObject();
    const QString sCode = textAt(first, "sCode");
    if (!sCode.isEmpty() && sCode != QLatin1String("0"))
        return R::failure({QStringLiteral("%1 %2").arg(sCode, textAt(first, "sMsg"))});
    // An algo order's create, amend or cancel answers with its algoId (and our algoClOrdId).
    if (!textAt(first, "algoId").isEmpty() && textAt(first, "ordId").isEmpty()) {
        return OrderAck{kAlgoPrefix + textAt(first, "algoId"), textAt(first, "algoClOrdId")};
    }
    OrderAck ack{textAt(first, "ordId"), textAt(first, "clOrdId")};
    if (ack.orderId.isEmpty() && ack.clientOrderId.isEmpty())
        return R::failure({QStringLiteral("order reply has no ordId")});
    return ack;
}

Result<std::vector<Order>, AdapterError> OkxTrading::parseOrders(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Order>, AdapterError>;
    const ArrayResult data = dataOf(reply, "orders");
    if (!data)
        return R::failure(data.error());
    std::vector<Order> out;
    for (const QJsonValue& v : *data) {
        const QJsonObject entry = v.toObject();
        if (isAlgoEntry(entry)) { // orders-algo-pending, order-algo
            auto algo = listedAlgoOrder(entry);
            if (!algo)
                return R::failure({QStringLiteral("algo order entry lacks algoId, instId, sz or state")});
            out.push_back(std::move(*algo));
            continue;
        }
        auto order = orderFrom(entry);
        if (!order)
            return R::failure({QStringLiteral("order entry lacks ordId, instId or sz")});
        out.push_back(std::move(*order));
    }
    return out;
}

Result<std::vector<Fill>, AdapterError> OkxTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    const ArrayResult data = dataOf(reply, "fills");
    if (!data)
        return R::failure(data.error());
    std::vector<Fill> out;
    for (const QJsonValue& v : *data) {
        auto fill = fillFrom(v.toObject(), false);
        if (!fill)
            return R::failure({QStringLiteral("fill entry lacks tradeId, fillPx or fillSz")});
        out.push_back(std::move(*fill));
    }
    return out;
}

Result<std::vector<Position>, AdapterError> OkxTrading::parsePositions(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Position>, AdapterError>;
    const ArrayResult data = dataOf(reply, "positions");
    if (!data)
        return R::failure(data.error());
    std::vector<Position> out;
    for (const QJsonValue& v : *data) {
        auto position = positionFrom(v.toObject());
        if (!position)
            return R::failure({QStringLiteral("position entry lacks instId or pos")});
        out.push_back(std::move(*position));
    }
    return out;
}

Result<std::vector<Balance>, AdapterError> OkxTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    const ArrayResult data = dataOf(reply, "balance");
    if (!data)
        return R::failure(data.error());
    std::vector<Balance> out;
    for (const QJsonValue& v : *data) {
        if (!balancesFrom(v.toObject(), out))
            return R::failure({QStringLiteral("balance detail lacks ccy or cashBal")});
    }
    return out;
}

OrderStatus OkxTrading::statusFromOkx(const QString& state, bool partlyFilled)
{
    if (state == QLatin1String("live"))
        return OrderStatus::New;
    if (state == QLatin1String("partially_filled"))
        return OrderStatus::PartiallyFilled;
    if (state == QLatin1String("filled"))
        return OrderStatus::Filled;
    if (state == QLatin1String("canceled") || state == QLatin1String("mmp_canceled"))
        return partlyFilled ? OrderStatus::PartiallyFilledCancelled : OrderStatus::Cancelled;
    return OrderStatus::Unknown;
}

QUrl OkxTrading::privateStreamUrl(Environment environment)
{
    return QUrl(environment == Environment::Mainnet
                    ? QStringLiteral("wss://ws.okx.com:8443/ws/v5/private")
                    : QStringLiteral("wss://wspap.okx.com:8443/ws/v5/private"));
}

QByteArray OkxTrading::loginMessage(const Credentials& credentials, qint64 nowMs)
{
    const QByteArray timestamp = QByteArray::number(nowMs / 1000);
    const QByteArray text = timestamp + "GET/users/self/verify";
    const QByteArray sign = Crypto::hmacSha256Base64(credentials.secret, text);
    const QJsonObject arg{{QStringLiteral("apiKey"), credentials.key},
                          {QStringLiteral("passphrase"), QString::fromUtf8(credentials.passphrase)},
                          {QStringLiteral("timestamp"), QString::fromLatin1(timestamp)},
                          {QStringLiteral("sign"), QString::fromLatin1(sign)}};
    const QJsonObject o{{QStringLiteral("op"), QStringLiteral("login")},
                        {QStringLiteral("args"), QJsonArray{arg}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QList<PrivateStreamSpec> OkxTrading::privateStreams(const QList<Category>& categories,
                                                    const QUrl& configuredUrl) const
{
    PrivateStreamSpec main;
    main.categories = categories;
    main.url = configuredUrl;
    main.authAheadMs = 0; // the login's timestamp is "now", not an expiry
    PrivateStreamSpec business = main;
    business.name = QStringLiteral("business");
    business.url = m_businessStreamUrl;
    if (business.url.isEmpty()) {
        business.url = configuredUrl;
        QString path = configuredUrl.path();
        if (path.endsWith(QLatin1String("/private")))
            path = path.left(path.size() - int(qstrlen("private"))) + QStringLiteral("business");
        business.url.setPath(path);
    }
    return {main, business};
}

QStringList OkxTrading::privateTopics()
{
    return {QStringLiteral("orders:instType=ANY"), QStringLiteral("positions:instType=ANY"),
            QStringLiteral("account")};
}

QStringList OkxTrading::streamTopicsFor(const QString& stream) const
{
    return stream == QLatin1String("business") ? businessTopics() : privateTopics();
}

PrivateStreamFrame OkxTrading::parsePrivateFrame(QByteArrayView frame)
{
    using Kind = PrivateStreamFrame::Kind;
    PrivateStreamFrame out;
    if (frame == QByteArrayView("pong")) {
        out.kind = Kind::Pong;
        return out;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("not a JSON object");
        return out;
    }
    const QJsonObject o = document.object();
    const QString event = textAt(o, "event");
    if (!event.isEmpty()) {
        const QString code = textAt(o, "code");
        if (event == QLatin1String("login")) {
            out.kind = code.isEmpty() || code == QLatin1String("0") ? Kind::AuthAccepted : Kind::AuthRejected;
            if (out.kind == Kind::AuthRejected)
                out.error = QStringLiteral("%1 %2").arg(code, textAt(o, "msg"));
        } else if (event == QLatin1String("subscribe")) {
            out.kind = Kind::SubscribeAck;
            out.topic = OkxStreamProtocol::topicOf(o.value(QLatin1String("arg")).toObject());
        } else if (event == QLatin1String("error")) {
            // A failed login answers with an error event: 60004–60009 (timestamp, key, sign, login),
            // 60024 wrong passphrase. https://www.okx.com/docs-v5/en/#error-code-websocket-public
            static const QStringList loginCodes{QStringLiteral("60004"), QStringLiteral("60005"),
                                                QStringLiteral("60006"), QStringLiteral("60007"),
                                                QStringLiteral("60008"), QStringLiteral("60009"),
                                                QStringLiteral("60024")};
            out.kind = loginCodes.contains(code) ? Kind::AuthRejected : Kind::SubscribeRejected;
            out.error = QStringLiteral("%1 %2").arg(code, textAt(o, "msg"));
        } else {
            out.kind = Kind::Ignored; // unsubscribe, notice, channel-conn-count
        }
        return out;
    }
    const QJsonObject arg = o.value(QLatin1String("arg")).toObject();
    const QString channel = textAt(arg, "channel");
    out.topic = OkxStreamProtocol::topicOf(arg);
    const QJsonValue data = o.value(QLatin1String("data"));
    if (channel.isEmpty()) {
        out.kind = Kind::Ignored;
        return out;
    }
    if (!data.isArray()) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("%1 push has no data array").arg(channel);
        return out;
    }
    bool ok = true;
    for (const QJsonValue& v : data.toArray()) {
        const QJsonObject item = v.toObject();
        if (channel == QLatin1String("orders")) {
            auto order = orderFrom(item);
            ok = ok && order;
            if (order) {
                // An order a trigger order placed (algoId set): its end ends the trigger order.
                if (auto algo = algoOrderEndedBy(*order, item))
                    out.orders.push_back(std::move(*algo));
                out.orders.push_back(std::move(*order));
            }
            // A push that reports a fill carries it: tradeId, fillPx, fillSz.
            const auto fillSize = decimalAt(item, "fillSz");
            if (fillSize && !fillSize->isZero() && !textAt(item, "tradeId").isEmpty()) {
                auto fill = fillFrom(item, true);
                ok = ok && fill;
                if (fill)
                    out.fills.push_back(std::move(*fill));
            }
        } else if (channel == QLatin1String("orders-algo")) {
            // Trigger orders only: the channel also carries TP/SL algo orders (attachAlgoOrds), not
            // listed here.
            if (textAt(item, "ordType") != QLatin1String("trigger"))
                continue;
            auto algo = algoOrderFrom(item);
            ok = ok && algo;
            if (algo)
                out.orders.push_back(std::move(*algo));
        } else if (channel == QLatin1String("positions")) {
            auto position = positionFrom(item);
            ok = ok && position;
            if (position)
                out.positions.push_back(std::move(*position));
        } else if (channel == QLatin1String("account")) {
            ok = ok && balancesFrom(item, out.balances);
        } else {
            out.kind = Kind::Ignored;
            return out;
        }
    }
    if (!ok) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("%1 push lacks a documented field").arg(channel);
        return out;
    }
    out.kind = Kind::Data;
    return out;
}

QString OkxTrading::notOffered(const OrderRequest& request) const
{
    // Trigger orders (/trade/order-algo) place a limit order (plain, IOC or FOK) or a market one.
    if (request.triggerPrice && request.type == OrderType::Limit &&
        request.timeInForce == TimeInForce::PostOnly)
        return tr("OKX trigger orders cannot be post-only");
    if (request.reduceOnly && request.category == Category::Spot)
        return tr("OKX spot orders cannot be reduce-only");
    return {};
}
