#include "binancevenue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>
#include <QWebSocket>

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray json(const QJsonValue& value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QHash<QString, QString> paramsOf(const LoopbackHttpServer::Request& r)
{
    QHash<QString, QString> out;
    for (const QByteArray& part : {r.url.query(QUrl::FullyEncoded).toUtf8(), r.body}) {
        const QUrlQuery q(QString::fromUtf8(part));
        for (const auto& [k, v] : q.queryItems(QUrl::FullyDecoded))
            out.insert(k, v);
    }
    return out;
}

Decimal dec(const QString& text)
{
    return Decimal::parse(text).value_or(Decimal());
}

QString str(Decimal d)
{
    return d.normalized().toString();
}

QString legKey(const QString& symbol, const QString& leg)
{
    return symbol + QLatin1Char('/') + leg;
}

// An order taken whose reply never arrives as sent: the gateway gives up on the backend (HTTP 504), so
// the client cannot tell whether it was placed.
LoopbackHttpServer::Response lostReply()
{
    return {504, "<html><body><h1>504 Gateway Time-out</h1></body></html>", {}};
}

} // namespace

BinanceVenue::BinanceVenue(const QString& key, const QByteArray& secret)
    : m_verifier(QStringLiteral("binance"), key, secret)
    , m_key(key)
    , m_secret(secret)
    , m_ws(QStringLiteral("binance-loopback"), QWebSocketServer::NonSecureMode)
{
    m_spotFree.insert(QStringLiteral("USDT"), dec(QStringLiteral("100000")));
    m_spotFree.insert(QStringLiteral("BTC"), dec(QStringLiteral("1")));
    m_futuresWallet = dec(QStringLiteral("10000"));
    m_prices.insert(QStringLiteral("BTCUSDT"), QStringLiteral("50000.00"));
    m_verifier.setResponder([this](const Request& r) { return respond(r); });
    m_verifier.server().route(QStringLiteral("/fapi/v1/listenKey"),
                              [this](const Request& r) { return listenKey(r); });
    connect(&m_ws, &QWebSocketServer::newConnection, this, &BinanceVenue::onConnection);
    if (!m_ws.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen on 127.0.0.1");
}

BinanceVenue::~BinanceVenue()
{
    for (const Stream& s : std::as_const(m_streams)) {
        s.socket->disconnect(this);
        delete s.socket;
    }
}

QUrl BinanceVenue::streamUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_ws.serverPort()));
}

int BinanceVenue::liveStreams() const
{
    return int(m_streams.size());
}

int BinanceVenue::openOrderCount() const
{
    int n = 0;
    for (const auto& [id, o] : m_orders)
        n += o.status == QLatin1String("NEW") || o.status == QLatin1String("PARTIALLY_FILLED");
    return n;
}

void BinanceVenue::dropStreams()
{
    const QList<Stream> streams = m_streams;
    m_streams.clear();
    for (const Stream& s : streams) {
        s.socket->disconnect(this);
        s.socket->abort();
        s.socket->deleteLater();
    }
}

void BinanceVenue::expireListenKeys()
{
    m_listenKeys.clear();
}

void BinanceVenue::pushListenKeyExpired(const QString& listenKey)
{
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-User-Data-Stream-Expired
    m_listenKeys.removeAll(listenKey);
    push(true, QJsonObject{{"e", "listenKeyExpired"}, {"E", nowMs()}, {"listenKey", listenKey}});
}

BinanceVenue::Response BinanceVenue::error(int status, int code, const QString& message) const
{
    return {status, json(QJsonObject{{"code", code}, {"msg", message}}), {}};
}

// ---- REST ----------------------------------------------------------------------------------------------

BinanceVenue::Response BinanceVenue::listenKey(const Request& r)
{
    // USER_STREAM: the key header only.
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams
    if (r.headers.value("x-mbx-apikey") != m_key.toUtf8())
        return error(401, -2015, QStringLiteral("Invalid API-key, IP, or permissions for action."));
    if (r.method == "POST")
        m_listenKeyTimes << nowMs();
    if (m_listenKeyFailures > 0) {
        --m_listenKeyFailures;
        return m_listenKeyAnswer;
    }
    if (r.method == "POST") {
        if (m_listenKeys.isEmpty()) {
            ++m_listenKeysIssued;
            m_listenKeys
                << QStringLiteral("lk%1pqia91ma19a5s61cv6a81va65sdf19v8a65a1").arg(m_listenKeysIssued);
        }
        return {200, json(QJsonObject{{"listenKey", m_listenKeys.last()}}), {}};
    }
    if (r.method == "PUT") {
        ++m_keepAlives;
        if (m_listenKeys.isEmpty())
            return error(400, -1125, QStringLiteral("This listenKey does not exist."));
        return {200, json(QJsonObject{{"listenKey", m_listenKeys.last()}}), {}};
    }
    m_listenKeys.clear();
    return {200, "{}", {}};
}

std::optional<BinanceVenue::Response> BinanceVenue::respond(const Request& r)
{
    const QString path = r.url.path();
    const QHash<QString, QString> p = paramsOf(r);
    const bool futures = path.startsWith(QLatin1String("/fapi/"));
    const bool creates = r.method == "POST" && (path == QLatin1String("/fapi/v1/algoOrder") ||
                                                path == QLatin1String("/fapi/v1/order"));
    if (creates && m_lostReplies > 0) {
        --m_lostReplies;
        const Response taken = path.endsWith(QLatin1String("algoOrder")) ? placeAlgo(p) : place(true, p);
        return taken.status == 200 ? lostReply() : taken;
    }
    if (path == QLatin1String("/fapi/v1/algoOrder")) {
        if (r.method == "POST")
            return placeAlgo(p);
        if (r.method == "DELETE")
            return cancelAlgo(p);
        return queryAlgo(p);
    }
    if (path == QLatin1String("/fapi/v1/openAlgoOrders"))
        return openAlgoOrders(p);
    if (path == QLatin1String("/fapi/v1/algoOpenOrders") && r.method == "DELETE")
        return cancelAllAlgo(p);
    if (path == QLatin1String("/fapi/v1/positionSide/dual"))
        return Response{200, json(QJsonObject{{"dualSidePosition", m_hedgeMode}}), {}};
    const QString tail = path.mid(futures ? 5 : 7); // after /fapi or /api/v3
    if (tail.endsWith(QLatin1String("/order")) || tail == QLatin1String("/order")) {
        if (r.method == "POST")
            return place(futures, p);
        if (r.method == "DELETE")
            return cancel(futures, p);
        if (r.method == "PUT" && futures)
            return modifyFutures(p);
    }
    if (path == QLatin1String("/api/v3/order/amend/keepPriority") && r.method == "PUT")
        return keepPriority(p);
    if (path == QLatin1String("/api/v3/order/cancelReplace") && r.method == "POST")
        return cancelReplace(p);
    if ((path == QLatin1String("/api/v3/openOrders") || path == QLatin1String("/fapi/v1/allOpenOrders")) &&
        r.method == "DELETE")
        return cancelAll(futures, p);
    if (path == QLatin1String("/api/v3/openOrders") || path == QLatin1String("/fapi/v1/openOrders"))
        return orders(futures, true, p);
    if (path == QLatin1String("/api/v3/allOrders") || path == QLatin1String("/fapi/v1/allOrders"))
        return orders(futures, false, p);
    if (path == QLatin1String("/api/v3/myTrades") || path == QLatin1String("/fapi/v1/userTrades"))
        return trades(futures, p);
    if (path == QLatin1String("/api/v3/account"))
        return spotAccount();
    if (path == QLatin1String("/fapi/v3/balance"))
        return futuresBalance();
    if (path == QLatin1String("/fapi/v3/positionRisk"))
        return positions();
    return error(404, -1000, QStringLiteral("An unknown error occurred while processing the request."));
}

BinanceVenue::VenueOrder* BinanceVenue::find(bool futures, const QHash<QString, QString>& p)
{
    const QString id = p.value(QStringLiteral("orderId"), p.value(QStringLiteral("cancelOrderId")));
    const QString client =
        p.value(QStringLiteral("origClientOrderId"), p.value(QStringLiteral("cancelOrigClientOrderId")));
    for (auto& [orderId, o] : m_orders) {
        if (o.futures != futures || o.symbol != p.value(QStringLiteral("symbol")))
            continue;
        if ((!id.isEmpty() && QString::number(orderId) == id) || (id.isEmpty() && o.clientOrderId == client))
            return &o;
    }
    return nullptr;
}

QJsonObject BinanceVenue::orderJson(const VenueOrder& o) const
{
    // GET /api/v3/order and /fapi/v1/order shapes.
    QJsonObject j{{"symbol", o.symbol},
                  {"orderId", o.orderId},
                  {"clientOrderId", o.clientOrderId},
                  {"price", str(o.price)},
                  {"origQty", str(o.quantity)},
                  {"executedQty", str(o.executed)},
                  {"status", o.status},
                  {"timeInForce", o.timeInForce},
                  {"type", o.type},
                  {"side", o.side},
                  {"stopPrice", "0"},
                  {"time", o.time},
                  {"updateTime", o.updateTime}};
    if (o.futures) {
        j.insert("avgPrice", str(o.averagePrice));
        j.insert("cumQuote", str(o.executed * o.averagePrice));
        j.insert("reduceOnly", o.reduceOnly);
        j.insert("closePosition", false);
        j.insert("positionSide", o.positionSide);
        j.insert("origType", o.type);
        j.insert("priceProtect", false);
        j.insert("workingType", "CONTRACT_PRICE");
    } else {
        j.insert("orderListId", -1);
        j.insert("cummulativeQuoteQty", str(o.executed * o.averagePrice));
        j.insert("icebergQty", "0.00000000");
        j.insert("isWorking", true);
        j.insert("workingTime", o.time);
        j.insert("origQuoteOrderQty", "0.00000000");
        j.insert("selfTradePreventionMode", "EXPIRE_MAKER");
    }
    return j;
}

BinanceVenue::Response BinanceVenue::place(bool futures, const QHash<QString, QString>& p)
{
    const QString type = p.value(QStringLiteral("type"));
    if (futures && type != QLatin1String("LIMIT") && type != QLatin1String("MARKET"))
        return error(
            400, -4120,
            QStringLiteral("Order type not supported for this endpoint. Please use the Algo Order API "
                           "endpoints instead."));
    if (futures) {
        if (auto refused = refusedLeg(p))
            return *refused;
    }
    const QString clientId = p.value(QStringLiteral("newClientOrderId"));
    for (const auto& [id, o] : m_orders) {
        const bool open = o.status == QLatin1String("NEW") || o.status == QLatin1String("PARTIALLY_FILLED");
        if (open && o.futures == futures && o.clientOrderId == clientId && !clientId.isEmpty())
            return futures ? error(400, -4116, QStringLiteral("ClientOrderId is duplicated."))
                           : error(400, -2010, QStringLiteral("Duplicate order sent."));
    }
    const Decimal qty = dec(p.value(QStringLiteral("quantity")));
    if (qty > dec(m_maxQuantity))
        return futures ? error(400, -2019, QStringLiteral("Margin is insufficient."))
                       : error(400, -2010,
                               QStringLiteral("Account has insufficient balance for requested action."));
    VenueOrder o;
    o.futures = futures;
    o.symbol = p.value(QStringLiteral("symbol"));
    o.orderId = ++m_nextOrderId;
    o.clientOrderId = clientId;
    o.side = p.value(QStringLiteral("side"));
    o.type = type;
    o.timeInForce = p.value(QStringLiteral("timeInForce"), QStringLiteral("GTC"));
    o.price = dec(p.value(QStringLiteral("price"), QStringLiteral("0")));
    o.quantity = qty;
    o.status = QStringLiteral("NEW");
    o.reduceOnly = p.value(QStringLiteral("reduceOnly")) == QLatin1String("true");
    o.positionSide = p.value(QStringLiteral("positionSide"), QStringLiteral("BOTH"));
    o.time = o.updateTime = nowMs();
    o.algoId = m_triggering;
    const Decimal market = dec(m_prices.value(o.symbol, QStringLiteral("50000")));
    VenueOrder& stored = m_orders[o.orderId] = o;
    pushOrder(stored, QStringLiteral("NEW"));
    if (type == QLatin1String("MARKET")) {
        fill(stored, market);
    } else if (!futures) {
        lockSpot(stored, true);
        pushSpotBalances({QStringLiteral("USDT"), QStringLiteral("BTC")});
    }
    QJsonObject reply = orderJson(stored);
    reply.insert("transactTime", stored.updateTime);
    reply.remove("time");
    reply.remove("updateTime");
    if (futures)
        reply.insert("updateTime", stored.updateTime);
    return {200, json(reply), {}};
}

void BinanceVenue::lockSpot(const VenueOrder& o, bool lock)
{
    const bool buy = o.side == QLatin1String("BUY");
    const QString asset = buy ? QStringLiteral("USDT") : QStringLiteral("BTC");
    const Decimal remaining = o.quantity - o.executed;
    const Decimal amount = buy ? remaining * o.price : remaining;
    if (lock) {
        m_spotFree[asset] = m_spotFree.value(asset) - amount;
        m_spotLocked[asset] = m_spotLocked.value(asset) + amount;
    } else {
        m_spotFree[asset] = m_spotFree.value(asset) + amount;
        m_spotLocked[asset] = m_spotLocked.value(asset) - amount;
    }
}

void BinanceVenue::fill(VenueOrder& o, Decimal price)
{
    const Decimal quantity = o.quantity - o.executed;
    o.executed = o.quantity;
    o.averagePrice = price;
    o.status = QStringLiteral("FILLED");
    o.updateTime = nowMs();
    const qint64 tradeId = ++m_nextTradeId;
    const Decimal fee = dec(QStringLiteral("0.001")) * quantity * price;
    QJsonObject trade{{"symbol", o.symbol},     {"id", tradeId},
                      {"orderId", o.orderId},   {"price", str(price)},
                      {"qty", str(quantity)},   {"quoteQty", str(quantity * price)},
                      {"commission", str(fee)}, {"commissionAsset", "USDT"},
                      {"time", o.updateTime}};
    if (o.futures) {
        trade.insert("side", o.side);
        trade.insert("buyer", o.side == QLatin1String("BUY"));
        trade.insert("maker", false);
        trade.insert("realizedPnl", "0");
        trade.insert("positionSide", o.positionSide);
        trade.insert("marginAsset", "USDT");
    } else {
        trade.insert("orderListId", -1);
        trade.insert("isBuyer", o.side == QLatin1String("BUY"));
        trade.insert("isMaker", false);
        trade.insert("isBestMatch", true);
    }
    m_trades << trade;
    pushOrder(o, QStringLiteral("TRADE"), {}, quantity, price, tradeId);
    if (o.futures)
        settleFutures(o, quantity, price);
    else
        settleSpot(o, quantity, price);
    finishAlgo(o);
}

void BinanceVenue::settleSpot(const VenueOrder& o, Decimal quantity, Decimal price)
{
    const Decimal quote = quantity * price;
    const Decimal fee = dec(QStringLiteral("0.001")) * quote;
    if (o.side == QLatin1String("BUY")) {
        m_spotFree[QStringLiteral("USDT")] = m_spotFree.value(QStringLiteral("USDT")) - quote - fee;
        m_spotFree[QStringLiteral("BTC")] = m_spotFree.value(QStringLiteral("BTC")) + quantity;
    } else {
        m_spotFree[QStringLiteral("USDT")] = m_spotFree.value(QStringLiteral("USDT")) + quote - fee;
        m_spotFree[QStringLiteral("BTC")] = m_spotFree.value(QStringLiteral("BTC")) - quantity;
    }
    pushSpotBalances({QStringLiteral("BTC"), QStringLiteral("USDT")});
}

void BinanceVenue::settleFutures(const VenueOrder& o, Decimal quantity, Decimal price)
{
    // One-way: the BOTH position; hedge mode: the order's leg (a sell on LONG reduces it).
    const QString key = legKey(o.symbol, o.positionSide);
    const Decimal signedQty = o.side == QLatin1String("BUY") ? quantity : -quantity;
    const Decimal before = m_positionAmount.value(key);
    m_positionAmount[key] = before + signedQty;
    if (before.isZero())
        m_positionEntry[key] = price;
    m_futuresWallet = m_futuresWallet - dec(QStringLiteral("0.0004")) * quantity * price;
    pushAccountUpdate(o.symbol, o.positionSide);
}

BinanceVenue::Response BinanceVenue::cancel(bool futures, const QHash<QString, QString>& p)
{
    VenueOrder* o = find(futures, p);
    if (!o || (o->status != QLatin1String("NEW") && o->status != QLatin1String("PARTIALLY_FILLED")))
        return futures ? error(400, -2011, QStringLiteral("Unknown order sent."))
                       : error(400, -2011, QStringLiteral("Unknown order sent."));
    if (!futures)
        lockSpot(*o, false);
    o->status = QStringLiteral("CANCELED");
    o->updateTime = nowMs();
    // Spot: the cancel gets its own client id (c) and the order's goes in C.
    const QString cancelId = QStringLiteral("web_cancel_%1").arg(o->orderId);
    pushOrder(*o, QStringLiteral("CANCELED"), futures ? QString() : cancelId);
    finishAlgo(*o);
    if (!futures)
        pushSpotBalances({QStringLiteral("USDT"), QStringLiteral("BTC")});
    QJsonObject reply = orderJson(*o);
    if (!futures) {
        reply.insert("origClientOrderId", o->clientOrderId);
        reply.insert("clientOrderId", cancelId);
        reply.insert("transactTime", o->updateTime);
    }
    return {200, json(reply), {}};
}

BinanceVenue::Response BinanceVenue::cancelAll(bool futures, const QHash<QString, QString>& p)
{
    if (p.value(QStringLiteral("symbol")).isEmpty())
        return error(
            400, -1102,
            QStringLiteral("Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
    QJsonArray cancelled;
    for (auto& [id, o] : m_orders) {
        const bool open = o.status == QLatin1String("NEW") || o.status == QLatin1String("PARTIALLY_FILLED");
        if (!open || o.futures != futures || o.symbol != p.value(QStringLiteral("symbol")))
            continue;
        if (!futures)
            lockSpot(o, false);
        o.status = QStringLiteral("CANCELED");
        o.updateTime = nowMs();
        pushOrder(o, QStringLiteral("CANCELED"));
        cancelled.append(orderJson(o));
    }
    if (futures)
        return {200,
                json(QJsonObject{{"code", 200}, {"msg", "The operation of cancel all open order is done."}}),
                {}};
    return {200, json(cancelled), {}};
}

BinanceVenue::Response BinanceVenue::keepPriority(const QHash<QString, QString>& p)
{
    VenueOrder* o = find(false, p);
    if (!o || o->status != QLatin1String("NEW"))
        return error(400, -2013, QStringLiteral("Order does not exist."));
    const Decimal newQty = dec(p.value(QStringLiteral("newQty")));
    if (!(newQty < o->quantity) || newQty.isZero())
        return error(400, -2038, QStringLiteral("Order amend (quantity increase) is not supported."));
    lockSpot(*o, false);
    o->quantity = newQty;
    lockSpot(*o, true);
    o->updateTime = nowMs();
    if (p.contains(QStringLiteral("newClientOrderId")))
        o->clientOrderId = p.value(QStringLiteral("newClientOrderId"));
    pushOrder(*o, QStringLiteral("REPLACED"));
    QJsonObject amended = orderJson(*o);
    amended.insert("origClientOrderId", o->clientOrderId);
    return {200,
            json(QJsonObject{{"transactTime", o->updateTime},
                             {"executionId", ++m_nextTradeId},
                             {"amendedOrder", amended}}),
            {}};
}

BinanceVenue::Response BinanceVenue::cancelReplace(const QHash<QString, QString>& p)
{
    VenueOrder* old = find(false, p);
    if (!old || old->status != QLatin1String("NEW"))
        return {400,
                json(QJsonObject{
                    {"code", -2022},
                    {"msg", "Order cancel-replace failed."},
                    {"data", QJsonObject{{"cancelResult", "FAILURE"},
                                         {"newOrderResult", "NOT_ATTEMPTED"},
                                         {"cancelResponse",
                                          QJsonObject{{"code", -2011}, {"msg", "Unknown order sent."}}},
                                         {"newOrderResponse", QJsonValue()}}}}),
                {}};
    QHash<QString, QString> cancelParams{{QStringLiteral("symbol"), old->symbol},
                                         {QStringLiteral("orderId"), QString::number(old->orderId)}};
    const Response cancelled = cancel(false, cancelParams);
    QHash<QString, QString> fresh = p;
    fresh.remove(QStringLiteral("cancelOrderId"));
    fresh.remove(QStringLiteral("cancelOrigClientOrderId"));
    if (!fresh.contains(QStringLiteral("newClientOrderId")))
        fresh.insert(QStringLiteral("newClientOrderId"), QStringLiteral("replace_%1").arg(m_nextOrderId + 1));
    const Response placed = place(false, fresh);
    return {200,
            json(QJsonObject{{"cancelResult", "SUCCESS"},
                             {"newOrderResult", "SUCCESS"},
                             {"cancelResponse", QJsonDocument::fromJson(cancelled.body).object()},
                             {"newOrderResponse", QJsonDocument::fromJson(placed.body).object()}}),
            {}};
}

BinanceVenue::Response BinanceVenue::modifyFutures(const QHash<QString, QString>& p)
{
    VenueOrder* o = find(true, p);
    if (!o || o->status != QLatin1String("NEW"))
        return error(400, -2013, QStringLiteral("Order does not exist."));
    if (p.value(QStringLiteral("side")) != o->side)
        return error(400, -4003, QStringLiteral("Quantity less than or equal to zero."));
    o->quantity = dec(p.value(QStringLiteral("quantity")));
    o->price = dec(p.value(QStringLiteral("price")));
    o->updateTime = nowMs();
    pushOrder(*o, QStringLiteral("AMENDMENT"));
    return {200, json(orderJson(*o)), {}};
}

BinanceVenue::Response BinanceVenue::orders(bool futures, bool openOnly,
                                            const QHash<QString, QString>& p) const
{
    const QString symbol = p.value(QStringLiteral("symbol"));
    if (!openOnly && symbol.isEmpty())
        return error(
            400, -1102,
            QStringLiteral("Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
    QJsonArray out;
    for (const auto& [id, o] : m_orders) {
        const bool open = o.status == QLatin1String("NEW") || o.status == QLatin1String("PARTIALLY_FILLED");
        if (o.futures != futures || (openOnly && !open) || (!symbol.isEmpty() && o.symbol != symbol))
            continue;
        if (!openOnly && p.contains(QStringLiteral("orderId")) &&
            id < p.value(QStringLiteral("orderId")).toLongLong())
            continue;
        out.append(orderJson(o));
    }
    return {200, json(out), {}};
}

BinanceVenue::Response BinanceVenue::trades(bool futures, const QHash<QString, QString>& p) const
{
    QJsonArray out;
    for (const QJsonObject& t : m_trades) {
        if (t.contains(QLatin1String("side")) == futures &&
            t.value("symbol").toString() == p.value(QStringLiteral("symbol")))
            out.append(t);
    }
    return {200, json(out), {}};
}

BinanceVenue::Response BinanceVenue::spotAccount() const
{
    QJsonArray balances;
    for (auto it = m_spotFree.cbegin(); it != m_spotFree.cend(); ++it)
        balances.append(QJsonObject{
            {"asset", it.key()}, {"free", str(it.value())}, {"locked", str(m_spotLocked.value(it.key()))}});
    return {200,
            json(QJsonObject{{"makerCommission", 15},
                             {"takerCommission", 15},
                             {"canTrade", true},
                             {"accountType", "SPOT"},
                             {"balances", balances},
                             {"permissions", QJsonArray{"SPOT"}},
                             {"uid", 354937868}}),
            {}};
}

BinanceVenue::Response BinanceVenue::futuresBalance() const
{
    return {200,
            json(QJsonArray{QJsonObject{{"accountAlias", "SgsR"},
                                        {"asset", "USDT"},
                                        {"balance", str(m_futuresWallet)},
                                        {"crossWalletBalance", str(m_futuresWallet)},
                                        {"crossUnPnl", "0.00000000"},
                                        {"availableBalance", str(m_futuresWallet)},
                                        {"maxWithdrawAmount", str(m_futuresWallet)},
                                        {"marginAvailable", true},
                                        {"updateTime", nowMs()}}}),
            {}};
}

BinanceVenue::Response BinanceVenue::positions() const
{
    // v3 lists the symbols holding a position; in hedge mode both legs of such a symbol.
    QJsonArray out;
    QStringList symbols;
    for (auto it = m_positionAmount.cbegin(); it != m_positionAmount.cend(); ++it) {
        const QString symbol = it.key().section(QLatin1Char('/'), 0, 0);
        if (!it.value().isZero() && !symbols.contains(symbol))
            symbols << symbol;
    }
    symbols.sort();
    for (const QString& symbol : std::as_const(symbols)) {
        const QStringList legs = m_hedgeMode ? QStringList{QStringLiteral("LONG"), QStringLiteral("SHORT")}
                                             : QStringList{QStringLiteral("BOTH")};
        for (const QString& leg : legs) {
            const QString key = legKey(symbol, leg);
            out.append(QJsonObject{{"symbol", symbol},
                                   {"positionSide", leg},
                                   {"positionAmt", str(m_positionAmount.value(key))},
                                   {"entryPrice", str(m_positionEntry.value(key))},
                                   {"breakEvenPrice", "0.0"},
                                   {"markPrice", m_prices.value(symbol)},
                                   {"unRealizedProfit", "0.00000000"},
                                   {"liquidationPrice", "0"},
                                   {"isolatedMargin", "0"},
                                   {"notional", "0"},
                                   {"marginAsset", "USDT"},
                                   {"updateTime", nowMs()}});
        }
    }
    return {200, json(out), {}};
}

// ---- Pushes ---------------------------------------------------------------------------------------------

void BinanceVenue::pushOrder(const VenueOrder& o, const QString& execution, const QString& cancelClientId,
                             Decimal lastQty, Decimal lastPrice, qint64 tradeId)
{
    const qint64 now = nowMs();
    const bool trade = execution == QLatin1String("TRADE");
    if (o.futures) {
        // https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update
        const QJsonObject inner{
            {"s", o.symbol},
            {"c", o.clientOrderId},
            {"S", o.side},
            {"o", o.type},
            {"f", o.timeInForce},
            {"q", str(o.quantity)},
            {"p", str(o.price)},
            {"ap", str(o.averagePrice)},
            {"sp", "0"},
            {"x", execution},
            {"X", o.status},
            {"i", o.orderId},
            {"l", str(lastQty)},
            {"z", str(o.executed)},
            {"L", str(lastPrice)},
            {"N", "USDT"},
            {"n", trade ? str(dec(QStringLiteral("0.0004")) * lastQty * lastPrice) : QStringLiteral("0")},
            {"T", now},
            {"t", tradeId},
            {"b", "0"},
            {"a", "0"},
            {"m", false},
            {"R", o.reduceOnly},
            {"wt", "CONTRACT_PRICE"},
            {"ot", o.type},
            {"ps", o.positionSide},
            {"cp", false},
            {"rp", "0"},
            {"pP", false},
            {"si", 0},
            {"ss", 0},
            {"V", "EXPIRE_TAKER"},
            {"pm", "NONE"},
            {"gtd", 0}};
        push(true, QJsonObject{{"e", "ORDER_TRADE_UPDATE"}, {"E", now}, {"T", now}, {"o", inner}});
        return;
    }
    // https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream#order-update
    const QJsonObject event{
        {"e", "executionReport"},
        {"E", now},
        {"s", o.symbol},
        {"c", cancelClientId.isEmpty() ? o.clientOrderId : cancelClientId},
        {"S", o.side},
        {"o", o.type},
        {"f", o.timeInForce},
        {"q", str(o.quantity)},
        {"p", str(o.price)},
        {"P", "0.00000000"},
        {"F", "0.00000000"},
        {"g", -1},
        {"C", cancelClientId.isEmpty() ? QString() : o.clientOrderId},
        {"x", execution},
        {"X", o.status},
        {"r", "NONE"},
        {"i", o.orderId},
        {"l", str(lastQty)},
        {"z", str(o.executed)},
        {"L", str(lastPrice)},
        {"n", trade ? str(dec(QStringLiteral("0.001")) * lastQty * lastPrice) : QStringLiteral("0")},
        {"N", trade ? QJsonValue("USDT") : QJsonValue()},
        {"T", now},
        {"t", trade ? tradeId : -1},
        {"v", 3},
        {"I", 8641984},
        {"w", o.status == QLatin1String("NEW")},
        {"m", false},
        {"M", false},
        {"O", o.time},
        {"Z", str(o.executed * o.averagePrice)},
        {"Y", str(lastQty * lastPrice)},
        {"Q", "0.00000000"},
        {"W", o.time},
        {"V", "NONE"}};
    push(false, event);
}

void BinanceVenue::pushSpotBalances(const QStringList& assets)
{
    QJsonArray b;
    for (const QString& a : assets)
        b.append(QJsonObject{{"a", a}, {"f", str(m_spotFree.value(a))}, {"l", str(m_spotLocked.value(a))}});
    push(false, QJsonObject{{"e", "outboundAccountPosition"}, {"E", nowMs()}, {"u", nowMs()}, {"B", b}});
}

void BinanceVenue::pushAccountUpdate(const QString& symbol, const QString& leg)
{
    const QString key = legKey(symbol, leg);
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Balance-and-Position-Update
    const qint64 now = nowMs();
    const QJsonObject a{
        {"m", "ORDER"},
        {"B", QJsonArray{QJsonObject{
                  {"a", "USDT"}, {"wb", str(m_futuresWallet)}, {"cw", str(m_futuresWallet)}, {"bc", "0"}}}},
        {"P", QJsonArray{QJsonObject{{"s", symbol},
                                     {"pa", str(m_positionAmount.value(key))},
                                     {"ep", str(m_positionEntry.value(key))},
                                     {"bep", "0"},
                                     {"cr", "0"},
                                     {"up", "0"},
                                     {"mt", "cross"},
                                     {"iw", "0.00000000"},
                                     {"ps", leg}}}}};
    push(true, QJsonObject{{"e", "ACCOUNT_UPDATE"}, {"E", now}, {"T", now}, {"a", a}});
}

void BinanceVenue::push(bool futures, const QJsonObject& event)
{
    const QString name = event.value("e").toString();
    m_pushed << name;
    for (const Stream& s : std::as_const(m_streams)) {
        if (s.futures != futures)
            continue;
        if (futures && !s.events.isEmpty() && !s.events.contains(name))
            continue; // the /private stream carries only the events its URL named
        if (futures) {
            s.socket->sendTextMessage(QString::fromUtf8(json(event)));
            m_delivered[name] += 1;
        } else if (s.subscribed) {
            // WS API user data: {"subscriptionId":0,"event":{…}}
            s.socket->sendTextMessage(
                QString::fromUtf8(json(QJsonObject{{"subscriptionId", 0}, {"event", event}})));
        }
    }
    Q_EMIT pushed(name);
}

// ---- WebSocket -------------------------------------------------------------------------------------------

void BinanceVenue::onConnection()
{
    while (QWebSocket* socket = m_ws.nextPendingConnection()) {
        const QUrl url = socket->requestUrl();
        if (url.path() == QLatin1String("/ws-api/v3")) {
            m_streams.append({socket, false, false, {}});
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket](const QString& message) { onSpotMessage(socket, message); });
        } else if (url.path() == QLatin1String("/private/ws") &&
                   m_listenKeys.contains(QUrlQuery(url).queryItemValue(QStringLiteral("listenKey")))) {
            ++m_futuresConnections;
            const QString events = QUrlQuery(url).queryItemValue(QStringLiteral("events"));
            m_streams.append({socket, true, true, events.split(QLatin1Char('/'), Qt::SkipEmptyParts)});
        } else {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("invalid listenKey"));
            socket->deleteLater();
            continue;
        }
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            for (qsizetype i = 0; i < m_streams.size(); ++i) {
                if (m_streams[i].socket == socket) {
                    m_streams.removeAt(i);
                    break;
                }
            }
            socket->deleteLater();
        });
    }
}

void BinanceVenue::onSpotMessage(QWebSocket* socket, const QString& message)
{
    const QJsonObject request = QJsonDocument::fromJson(message.toUtf8()).object();
    const QJsonValue id = request.value("id");
    const auto answerError = [&](int status, int code, const QString& msg) {
        ++m_refusedSubscriptions;
        m_lastSubscribeError = msg;
        socket->sendTextMessage(QString::fromUtf8(json(QJsonObject{
            {"id", id}, {"status", status}, {"error", QJsonObject{{"code", code}, {"msg", msg}}}})));
    };
    if (request.value("method").toString() != QLatin1String("userDataStream.subscribe.signature")) {
        answerError(400, -1100, QStringLiteral("Illegal characters found in a parameter."));
        return;
    }
    // https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/request-security :
    // every parameter but signature, sorted by name, key=value joined by '&', not percent-encoded.
    const QJsonObject params = request.value("params").toObject();
    QStringList keys = params.keys();
    keys.sort();
    QStringList pairs;
    for (const QString& k : keys) {
        if (k == QLatin1String("signature"))
            continue;
        const QJsonValue v = params.value(k);
        pairs << k + QLatin1Char('=') + (v.isDouble() ? QString::number(v.toInteger()) : v.toString());
    }
    const QByteArray payload = pairs.join(QLatin1Char('&')).toUtf8();
    if (params.value("apiKey").toString() != m_key) {
        answerError(401, -2015, QStringLiteral("Invalid API-key, IP, or permissions for action."));
        return;
    }
    const QByteArray expected =
        QMessageAuthenticationCode::hash(payload, m_secret, QCryptographicHash::Sha256).toHex();
    if (params.value("signature").toString().toLatin1() != expected) {
        answerError(400, -1022, QStringLiteral("Signature for this request is not valid."));
        return;
    }
    const qint64 t = params.value("timestamp").toInteger();
    const qint64 window = params.contains("recvWindow") ? params.value("recvWindow").toInteger() : 5000;
    const qint64 now = m_verifier.nowMs();
    if (!(t < now + 1000 && now - t <= window)) {
        answerError(400, -1021, QStringLiteral("Timestamp for this request is outside of the recvWindow."));
        return;
    }
    if (m_refusalCode != 0) {
        answerError(401, m_refusalCode, m_refusalMessage);
        return;
    }
    for (Stream& s : m_streams) {
        if (s.socket == socket)
            s.subscribed = true;
    }
    ++m_spotSubscriptions;
    socket->sendTextMessage(QString::fromUtf8(
        json(QJsonObject{{"id", id},
                         {"status", 200},
                         {"result", QJsonObject{{"subscriptionId", 0}}},
                         {"rateLimits", QJsonArray{QJsonObject{{"rateLimitType", "REQUEST_WEIGHT"},
                                                               {"interval", "MINUTE"},
                                                               {"intervalNum", 1},
                                                               {"limit", 6000},
                                                               {"count", 2}}}}})));
}

// ---- USDⓈ-M conditional orders (Algo Service) -----------------------------------------------------------
// https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Algo-Order ,
// /Cancel-Algo-Order , /Current-All-Algo-Open-Orders , /user-data-streams/Event-Algo-Order-Update

int BinanceVenue::openAlgoOrderCount() const
{
    int n = 0;
    for (const auto& [id, a] : m_algoOrders)
        n += a.status == QLatin1String("NEW");
    return n;
}

void BinanceVenue::holdPosition(const QString& symbol, const QString& amount, const QString& entryPrice)
{
    const QString leg = !m_hedgeMode               ? QStringLiteral("BOTH")
                        : dec(amount).isNegative() ? QStringLiteral("SHORT")
                                                   : QStringLiteral("LONG");
    m_positionAmount[legKey(symbol, leg)] = dec(amount);
    m_positionEntry[legKey(symbol, leg)] = dec(entryPrice);
}

void BinanceVenue::announceShutdown()
{
    const QJsonObject event{{"e", "serverShutdown"}, {"E", nowMs()}};
    m_pushed << QStringLiteral("serverShutdown");
    for (const Stream& s : std::as_const(m_streams)) {
        s.socket->sendTextMessage(QString::fromUtf8(json(s.futures ? event : QJsonObject{{"event", event}})));
    }
}

BinanceVenue::AlgoOrder* BinanceVenue::findAlgo(const QHash<QString, QString>& p)
{
    const QString id = p.value(QStringLiteral("algoId"));
    const QString client = p.value(QStringLiteral("clientAlgoId"));
    for (auto& [algoId, a] : m_algoOrders) {
        if ((!id.isEmpty() && QString::number(algoId) == id) || (id.isEmpty() && a.clientAlgoId == client))
            return &a;
    }
    return nullptr;
}

QJsonObject BinanceVenue::algoJson(const AlgoOrder& a) const
{
    return QJsonObject{{"algoId", a.algoId},
                       {"clientAlgoId", a.clientAlgoId},
                       {"algoType", "CONDITIONAL"},
                       {"orderType", a.type},
                       {"symbol", a.symbol},
                       {"side", a.side},
                       {"positionSide", a.positionSide},
                       {"timeInForce", a.timeInForce},
                       {"quantity", str(a.quantity)},
                       {"algoStatus", a.status},
                       {"actualOrderId", a.actualOrderId ? QString::number(a.actualOrderId) : QString()},
                       {"actualPrice", str(a.averagePrice)},
                       {"triggerPrice", str(a.triggerPrice)},
                       {"price", str(a.price)},
                       {"icebergQuantity", QJsonValue()},
                       {"selfTradePreventionMode", "EXPIRE_MAKER"},
                       {"workingType", "CONTRACT_PRICE"},
                       {"priceMatch", "NONE"},
                       {"closePosition", false},
                       {"priceProtect", false},
                       {"reduceOnly", a.reduceOnly},
                       {"createTime", a.createTime},
                       {"updateTime", a.updateTime},
                       {"triggerTime", 0},
                       {"goodTillDate", 0}};
}

BinanceVenue::Response BinanceVenue::placeAlgo(const QHash<QString, QString>& p)
{
    static const QStringList types{QStringLiteral("STOP_MARKET"), QStringLiteral("TAKE_PROFIT_MARKET"),
                                   QStringLiteral("STOP"), QStringLiteral("TAKE_PROFIT")};
    if (p.value(QStringLiteral("algoType")) != QLatin1String("CONDITIONAL"))
        return error(400, -1116, QStringLiteral("Invalid algoType."));
    const QString type = p.value(QStringLiteral("type"));
    if (!types.contains(type))
        return error(400, -1116, QStringLiteral("Invalid orderType."));
    if (!p.contains(QStringLiteral("triggerPrice")))
        return error(
            400, -1102,
            QStringLiteral("Mandatory parameter 'triggerPrice' was not sent, was empty/null, or malformed."));
    if (auto refused = refusedLeg(p))
        return *refused;
    const QString clientId = p.value(QStringLiteral("clientAlgoId"));
    for (const auto& [id, a] : m_algoOrders) {
        if (a.status == QLatin1String("NEW") && !clientId.isEmpty() && a.clientAlgoId == clientId)
            return error(400, -4116, QStringLiteral("ClientOrderId is duplicated."));
    }
    AlgoOrder a;
    a.algoId = ++m_nextAlgoId;
    a.clientAlgoId = clientId;
    a.symbol = p.value(QStringLiteral("symbol"));
    a.side = p.value(QStringLiteral("side"));
    a.type = type;
    a.timeInForce = p.value(QStringLiteral("timeInForce"), QStringLiteral("GTC"));
    a.quantity = dec(p.value(QStringLiteral("quantity")));
    a.price = dec(p.value(QStringLiteral("price"), QStringLiteral("0")));
    a.triggerPrice = dec(p.value(QStringLiteral("triggerPrice")));
    a.reduceOnly = p.value(QStringLiteral("reduceOnly")) == QLatin1String("true");
    a.positionSide = p.value(QStringLiteral("positionSide"), QStringLiteral("BOTH"));
    a.status = QStringLiteral("NEW");
    a.createTime = a.updateTime = nowMs();
    const AlgoOrder& stored = m_algoOrders[a.algoId] = a;
    pushAlgo(stored);
    return {200, json(algoJson(stored)), {}};
}

BinanceVenue::Response BinanceVenue::cancelAlgo(const QHash<QString, QString>& p)
{
    AlgoOrder* a = findAlgo(p);
    if (!a || a->status != QLatin1String("NEW"))
        return error(400, -2011, QStringLiteral("Unknown order sent."));
    a->status = QStringLiteral("CANCELED");
    a->updateTime = nowMs();
    pushAlgo(*a);
    return {
        200,
        json(QJsonObject{
            {"algoId", a->algoId}, {"clientAlgoId", a->clientAlgoId}, {"code", "200"}, {"msg", "success"}}),
        {}};
}

BinanceVenue::Response BinanceVenue::queryAlgo(const QHash<QString, QString>& p)
{
    const AlgoOrder* a = findAlgo(p);
    if (!a)
        return error(400, -2013, QStringLiteral("Order does not exist."));
    return {200, json(algoJson(*a)), {}};
}

BinanceVenue::Response BinanceVenue::openAlgoOrders(const QHash<QString, QString>& p) const
{
    const QString symbol = p.value(QStringLiteral("symbol"));
    QJsonArray out;
    for (const auto& [id, a] : m_algoOrders) {
        if (a.status == QLatin1String("NEW") && (symbol.isEmpty() || a.symbol == symbol))
            out.append(algoJson(a));
    }
    return {200, json(out), {}};
}

BinanceVenue::Response BinanceVenue::cancelAllAlgo(const QHash<QString, QString>& p)
{
    const QString symbol = p.value(QStringLiteral("symbol"));
    if (symbol.isEmpty())
        return error(
            400, -1102,
            QStringLiteral("Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
    for (auto& [id, a] : m_algoOrders) {
        if (a.status != QLatin1String("NEW") || a.symbol != symbol)
            continue;
        a.status = QStringLiteral("CANCELED");
        a.updateTime = nowMs();
        pushAlgo(a);
    }
    return {200,
            json(QJsonObject{{"code", 200}, {"msg", "The operation of cancel all open order is done."}}),
            {}};
}

void BinanceVenue::triggerAlgoOrders(const QString& symbol)
{
    QList<qint64> waiting;
    for (const auto& [id, a] : m_algoOrders) {
        if (a.status == QLatin1String("NEW") && a.symbol == symbol)
            waiting << id;
    }
    for (qint64 id : waiting) {
        AlgoOrder& a = m_algoOrders[id];
        a.status = QStringLiteral("TRIGGERED");
        a.actualOrderId = m_nextOrderId + 1; // the id place() gives the engine order
        a.updateTime = nowMs();
        pushAlgo(a);
        const bool market = a.type.endsWith(QLatin1String("_MARKET"));
        QHash<QString, QString> order{
            {QStringLiteral("symbol"), a.symbol},
            {QStringLiteral("side"), a.side},
            {QStringLiteral("type"), market ? QStringLiteral("MARKET") : QStringLiteral("LIMIT")},
            {QStringLiteral("quantity"), str(a.quantity)},
            {QStringLiteral("newClientOrderId"), QStringLiteral("algo_%1").arg(a.algoId)}};
        if (!market) {
            order.insert(QStringLiteral("price"), str(a.price));
            order.insert(QStringLiteral("timeInForce"), a.timeInForce);
        }
        if (a.reduceOnly)
            order.insert(QStringLiteral("reduceOnly"), QStringLiteral("true"));
        if (m_hedgeMode)
            order.insert(QStringLiteral("positionSide"), a.positionSide);
        m_triggering = a.algoId;
        place(true, order);
        m_triggering = 0;
    }
}

void BinanceVenue::finishAlgo(const VenueOrder& o)
{
    auto it = m_algoOrders.find(o.algoId);
    if (o.algoId == 0 || it == m_algoOrders.end() || it->second.status != QLatin1String("TRIGGERED"))
        return;
    AlgoOrder& a = it->second;
    a.status = QStringLiteral("FINISHED");
    a.executed = o.executed;
    a.averagePrice = o.averagePrice;
    a.updateTime = nowMs();
    pushAlgo(a);
}

void BinanceVenue::pushAlgo(const AlgoOrder& a)
{
    const qint64 now = nowMs();
    const bool placed = a.actualOrderId != 0;
    const QJsonObject inner{
        {"caid", a.clientAlgoId},
        {"aid", a.algoId},
        {"at", "CONDITIONAL"},
        {"o", a.type},
        {"s", a.symbol},
        {"S", a.side},
        {"ps", a.positionSide},
        {"f", a.timeInForce},
        {"q", str(a.quantity)},
        {"X", a.status},
        {"ai", placed ? QString::number(a.actualOrderId) : QString()},
        {"ap", placed ? str(a.averagePrice) : QStringLiteral("0.00000")},
        {"aq", placed ? str(a.executed) : QStringLiteral("0.00000")},
        {"act", placed ? (a.type.endsWith(QLatin1String("_MARKET")) ? "MARKET" : "LIMIT") : "0"},
        {"tp", str(a.triggerPrice)},
        {"p", str(a.price)},
        {"V", "EXPIRE_MAKER"},
        {"wt", "CONTRACT_PRICE"},
        {"pm", "NONE"},
        {"cp", false},
        {"pP", false},
        {"R", a.reduceOnly},
        {"tt", placed ? a.updateTime : 0},
        {"gtd", 0},
        {"rm", ""}};
    push(true, QJsonObject{{"e", "ALGO_UPDATE"}, {"T", now}, {"E", now}, {"o", inner}});
}

std::optional<BinanceVenue::Response> BinanceVenue::refusedLeg(const QHash<QString, QString>& p) const
{
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api (positionSide:
    // BOTH in one-way mode, LONG or SHORT in hedge mode; reduceOnly cannot be sent in hedge mode).
    const QString leg = p.value(QStringLiteral("positionSide"), QStringLiteral("BOTH"));
    const bool hedgeLeg = leg == QLatin1String("LONG") || leg == QLatin1String("SHORT");
    if (m_hedgeMode != hedgeLeg)
        return error(400, -4061, QStringLiteral("Order's position side does not match user's setting."));
    if (!m_hedgeMode)
        return std::nullopt;
    if (p.contains(QStringLiteral("reduceOnly")))
        return error(400, -1106, QStringLiteral("Parameter 'reduceonly' sent when not required."));
    // A sell on LONG or a buy on SHORT closes that leg, and no more than it holds (market orders; a
    // conditional one is checked when it triggers).
    const bool closes =
        (leg == QLatin1String("LONG")) == (p.value(QStringLiteral("side")) == QLatin1String("SELL"));
    const Decimal held = m_positionAmount.value(legKey(p.value(QStringLiteral("symbol")), leg));
    const Decimal size = held.isNegative() ? -held : held;
    if (closes && p.value(QStringLiteral("type")) == QLatin1String("MARKET") &&
        size < dec(p.value(QStringLiteral("quantity"))))
        return error(400, -2022, QStringLiteral("ReduceOnly Order is rejected."));
    return std::nullopt;
}
