#include "phemexvenue.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>
#include <QWebSocket>

namespace {

const QString kSymbol = QStringLiteral("BTCUSDT");
const char* kBid = "64999.9";
const char* kAsk = "65000.1";
const char* kTakerFeeRate = "0.0006";
const QString kSpotSymbol = QStringLiteral("sBTCUSDT");
const char* kSpotFeeRate = "0.001"; // charged in the currency received
constexpr int kSpotScale = 8;

Decimal d(const QString& text)
{
    return Decimal::parse(text).value_or(Decimal());
}

Decimal d(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

Decimal sum(Decimal a, Decimal b)
{
    return Decimal::add(a, b).value_or(a);
}

Decimal difference(Decimal a, Decimal b)
{
    return Decimal::subtract(a, b).value_or(a);
}

Decimal product(Decimal a, Decimal b)
{
    return Decimal::multiply(a, b).value_or(Decimal());
}

QString text(Decimal value)
{
    return value.normalized().toString();
}

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1'000'000;
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

PhemexVenue::PhemexVenue()
    : m_verifier(QStringLiteral("phemex"), QString::fromLatin1(Key), QByteArray(Secret))
    , m_ws(QStringLiteral("phemex-loopback"), QWebSocketServer::NonSecureMode)
    , m_balance(d("10000"))
{
    m_spotWallets.insert(QStringLiteral("BTC"), SpotWallet{d("1"), Decimal()});
    m_spotWallets.insert(QStringLiteral("USDT"), SpotWallet{d("100000"), Decimal()});
    m_verifier.setResponder([this](const LoopbackHttpServer::Request& r) { return respond(r); });
    connect(&m_ws, &QWebSocketServer::newConnection, this, &PhemexVenue::onConnection);
    if (!m_ws.listen(QHostAddress::LocalHost, 0))
        qFatal("phemex loopback: cannot listen");
}

PhemexVenue::~PhemexVenue()
{
    for (QWebSocket* s : std::as_const(m_sockets)) {
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
}

QUrl PhemexVenue::streamUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_ws.serverPort()));
}

void PhemexVenue::rejectNextOrder(int code, const QString& message)
{
    m_rejectNext = std::make_pair(code, message);
}

void PhemexVenue::addRestingOrder(const QString& orderId, const QString& price, const QString& quantity,
                                  const QString& symbol)
{
    VenueOrder o;
    o.orderId = orderId;
    o.symbol = symbol.isEmpty() ? kSymbol : symbol;
    o.side = QStringLiteral("Buy");
    o.type = QStringLiteral("Limit");
    o.timeInForce = QStringLiteral("GoodTillCancel");
    o.price = d(price);
    o.quantity = d(quantity);
    o.status = QStringLiteral("New");
    o.actionNs = o.transactNs = nowNs();
    m_orders.insert(o.orderId, o);
}

void PhemexVenue::dropConnections()
{
    for (QWebSocket* s : std::as_const(m_sockets))
        s->abort();
}

int PhemexVenue::openOrderCount() const
{
    int n = 0;
    for (const VenueOrder& o : m_orders) {
        if (o.status == QLatin1String("New") || o.status == QLatin1String("PartiallyFilled"))
            ++n;
    }
    return n;
}

LoopbackHttpServer::Response PhemexVenue::ok(const QJsonValue& data) const
{
    return {200,
            compact({{QStringLiteral("code"), 0},
                     {QStringLiteral("msg"), QString()},
                     {QStringLiteral("data"), data}}),
            {}};
}

LoopbackHttpServer::Response PhemexVenue::error(int code, const QString& message) const
{
    return {200,
            compact({{QStringLiteral("code"), code},
                     {QStringLiteral("msg"), message},
                     {QStringLiteral("data"), QJsonValue()}}),
            {}};
}

PhemexVenue::VenueOrder* PhemexVenue::find(const QString& orderId, const QString& clientOrderId)
{
    for (VenueOrder& o : m_orders) {
        if ((!orderId.isEmpty() && o.orderId == orderId) ||
            (orderId.isEmpty() && !clientOrderId.isEmpty() && o.clientOrderId == clientOrderId))
            return &o;
    }
    return nullptr;
}

std::optional<LoopbackHttpServer::Response> PhemexVenue::respond(const LoopbackHttpServer::Request& r)
{
    const QString path = r.url.path();
    if (path.startsWith(QLatin1String("/spot/")) || path.startsWith(QLatin1String("/api-data/spots/")))
        return respondSpot(r);
    if (path == QLatin1String("/orders") || path.startsWith(QLatin1String("/orders/")) ||
        path.startsWith(QLatin1String("/api-data/futures/")) ||
        path == QLatin1String("/accounts/accountPositions") || path == QLatin1String("/public/products"))
        return respondCoin(r);
    const QUrlQuery query(r.url);
    const auto param = [&query](const char* key) { return query.queryItemValue(QLatin1String(key)); };

    if (r.method == "POST" && path == QLatin1String("/g-orders"))
        return place(QJsonDocument::fromJson(r.body).object());
    if (r.method == "PUT" && path == QLatin1String("/g-orders/replace")) {
        VenueOrder* o = find(param("orderID"), param("origClOrdID"));
        if (!o || (o->status != QLatin1String("New") && o->status != QLatin1String("PartiallyFilled")))
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        if (query.hasQueryItem(QStringLiteral("priceRp")))
            o->price = d(param("priceRp"));
        if (query.hasQueryItem(QStringLiteral("orderQtyRq")))
            o->quantity = d(param("orderQtyRq"));
        o->transactNs = nowNs();
        pushAop({pushOrder(*o, false)}, false);
        return ok(restOrder(*o));
    }
    if (r.method == "DELETE" && path == QLatin1String("/g-orders/cancel")) {
        VenueOrder* o = find(param("orderID"), param("clOrdID"));
        if (!o || (o->status != QLatin1String("New") && o->status != QLatin1String("PartiallyFilled")))
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        o->status = QStringLiteral("Canceled");
        o->transactNs = nowNs();
        pushAop({pushOrder(*o, false)}, false);
        return ok(restOrder(*o));
    }
    if (r.method == "DELETE" && path == QLatin1String("/g-orders/all")) {
        QJsonArray pushed;
        for (VenueOrder& o : m_orders) {
            if (o.status == QLatin1String("New") || o.status == QLatin1String("PartiallyFilled")) {
                o.status = QStringLiteral("Canceled");
                o.transactNs = nowNs();
                pushed.append(pushOrder(o, false));
            }
        }
        if (!pushed.isEmpty())
            pushAop(pushed, false);
        return ok(pushed.size());
    }
    if (r.method == "GET" && path == QLatin1String("/g-orders/activeList")) {
        // Per symbol, as documented (#queryopenorder); without one (currency=USDT) every symbol's.
        const QString symbol = param("symbol");
        QJsonArray rows;
        for (const VenueOrder& o : std::as_const(m_orders)) {
            if ((o.status == QLatin1String("New") || o.status == QLatin1String("PartiallyFilled")) &&
                (symbol.isEmpty() || o.symbol == symbol))
                rows.append(restOrder(o));
        }
        ++m_openOrderQueries[symbol];
        // Phemex has been seen to refuse a list with nothing in it with 10002 (ccxt issue #9784).
        if (rows.isEmpty() && m_emptyListIsNotFound)
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        return ok(QJsonObject{{QStringLiteral("rows"), rows}, {QStringLiteral("nextPageArg"), QString()}});
    }
    if (r.method == "GET" && path.startsWith(QLatin1String("/api-data/g-futures/orders"))) {
        QJsonArray rows;
        const QString id = param("orderID");
        const QString cl = param("clOrdID");
        for (const VenueOrder& o : std::as_const(m_orders)) {
            if ((id.isEmpty() && cl.isEmpty()) || o.orderId == id ||
                (!cl.isEmpty() && o.clientOrderId == cl)) {
                // The data API spells the ids orderId / clOrdId.
                QJsonObject row = restOrder(o);
                row.insert(QStringLiteral("orderId"), row.take(QStringLiteral("orderID")));
                row.insert(QStringLiteral("clOrdId"), row.take(QStringLiteral("clOrdID")));
                row.insert(QStringLiteral("ordType"), row.take(QStringLiteral("orderType")));
                rows.append(row);
            }
        }
        return ok(rows);
    }
    if (r.method == "GET" && path == QLatin1String("/api-data/g-futures/trades")) {
        QJsonArray rows;
        for (const QJsonObject& t : std::as_const(m_trades))
            rows.append(t);
        return ok(rows);
    }
    if (r.method == "GET" && path == QLatin1String("/g-accounts/accountPositions"))
        return ok(QJsonObject{{QStringLiteral("account"), account()},
                              {QStringLiteral("positions"), QJsonArray{position()}}});
    return std::nullopt;
}

LoopbackHttpServer::Response PhemexVenue::place(const QJsonObject& body)
{
    if (m_rejectNext) {
        const auto [code, message] = *m_rejectNext;
        m_rejectNext.reset();
        return error(code, message);
    }
    const QString clientOrderId = body.value(QLatin1String("clOrdID")).toString();
    if (!clientOrderId.isEmpty() && find({}, clientOrderId))
        return error(11085, QStringLiteral("TE_CL_ORD_ID_DUPLICATE"));
    const auto qty = Decimal::parse(body.value(QLatin1String("orderQtyRq")).toString());
    if (body.value(QLatin1String("symbol")).toString() != kSymbol || !qty || qty->isZero())
        return error(11034, QStringLiteral("TE_INVALID_LEAVES_QTY"));
    VenueOrder o;
    o.orderId = QStringLiteral("ph-%1").arg(m_nextId++);
    o.symbol = kSymbol;
    o.clientOrderId = clientOrderId;
    o.side = body.value(QLatin1String("side")).toString();
    o.type = body.value(QLatin1String("ordType")).toString();
    o.timeInForce = body.value(QLatin1String("timeInForce")).toString(QStringLiteral("GoodTillCancel"));
    o.quantity = *qty;
    o.reduceOnly = body.value(QLatin1String("reduceOnly")).toBool();
    o.status = QStringLiteral("New");
    o.actionNs = o.transactNs = nowNs();
    if (o.type == QLatin1String("Limit"))
        o.price = d(body.value(QLatin1String("priceRp")).toString());
    m_orders.insert(o.orderId, o);
    VenueOrder& stored = m_orders[o.orderId];
    const QJsonObject created = restOrder(stored);
    if (stored.type == QLatin1String("Market")) {
        // Acknowledged first, as Phemex does (ordStatus Created); the fill follows on the stream.
        QJsonObject ack = created;
        ack.insert(QStringLiteral("ordStatus"), QStringLiteral("Created"));
        fill(stored);
        return ok(ack);
    }
    pushAop({pushOrder(stored, false)}, false);
    return ok(created);
}

void PhemexVenue::fill(VenueOrder& o)
{
    const bool buy = o.side == QLatin1String("Buy");
    o.execPrice = d(buy ? kAsk : kBid);
    o.filled = o.quantity;
    o.status = QStringLiteral("Filled");
    o.execId = QStringLiteral("exec-%1").arg(m_nextId++);
    o.execFee = product(product(o.execPrice, o.quantity), d(kTakerFeeRate));
    o.transactNs = nowNs();
    // One-way position: a buy adds, a sell subtracts; the entry price is the fill's when opening.
    const Decimal before = m_positionSize;
    m_positionSize = buy ? sum(m_positionSize, o.quantity) : difference(m_positionSize, o.quantity);
    if (before.isZero())
        m_entryPrice = o.execPrice;
    m_balance = difference(m_balance, o.execFee);
    m_trades.append(QJsonObject{
        {QStringLiteral("transactTimeNs"), o.transactNs},
        {QStringLiteral("symbol"), kSymbol},
        {QStringLiteral("currency"), QStringLiteral("USDT")},
        {QStringLiteral("action"), QStringLiteral("New")},
        {QStringLiteral("posSide"), QStringLiteral("Merged")},
        {QStringLiteral("side"), o.side},
        {QStringLiteral("tradeType"), QStringLiteral("Trade")},
        {QStringLiteral("execQtyRq"), text(o.quantity)},
        {QStringLiteral("execPriceRp"), text(o.execPrice)},
        {QStringLiteral("orderQtyRq"), text(o.quantity)},
        {QStringLiteral("priceRp"), text(o.execPrice)},
        {QStringLiteral("execValueRv"), text(product(o.execPrice, o.quantity))},
        {QStringLiteral("feeRateRr"), QString::fromLatin1(kTakerFeeRate)},
        {QStringLiteral("execFeeRv"), text(o.execFee)},
        {QStringLiteral("ordType"), o.type},
        {QStringLiteral("execID"), o.execId},
        {QStringLiteral("orderID"), o.orderId},
        {QStringLiteral("clOrdID"), o.clientOrderId},
        {QStringLiteral("execStatus"), QStringLiteral("TakerFill")},
    });
    pushAop({pushOrder(o, true)}, false);
}

QJsonObject PhemexVenue::restOrder(const VenueOrder& o) const
{
    const Decimal leaves = o.status == QLatin1String("New") || o.status == QLatin1String("PartiallyFilled")
                               ? difference(o.quantity, o.filled)
                               : Decimal();
    return QJsonObject{
        {QStringLiteral("bizError"), 0},
        {QStringLiteral("orderID"), o.orderId},
        {QStringLiteral("clOrdID"), o.clientOrderId},
        {QStringLiteral("symbol"), o.symbol},
        {QStringLiteral("side"), o.side},
        {QStringLiteral("actionTimeNs"), o.actionNs},
        {QStringLiteral("transactTimeNs"), o.transactNs},
        {QStringLiteral("orderType"), o.type},
        {QStringLiteral("priceRp"), text(o.price)},
        {QStringLiteral("orderQtyRq"), text(o.quantity)},
        {QStringLiteral("displayQtyRq"), text(o.quantity)},
        {QStringLiteral("timeInForce"), o.timeInForce},
        {QStringLiteral("reduceOnly"), o.reduceOnly},
        {QStringLiteral("cumQtyRq"), text(o.filled)},
        {QStringLiteral("leavesQtyRq"), text(leaves)},
        {QStringLiteral("stopPxRp"), QStringLiteral("0")},
        {QStringLiteral("execStatus"), o.status},
        {QStringLiteral("ordStatus"), o.status},
        {QStringLiteral("takeProfitRp"), QStringLiteral("0")},
        {QStringLiteral("stopLossRp"), QStringLiteral("0")},
    };
}

QJsonObject PhemexVenue::pushOrder(const VenueOrder& o, bool withExecution) const
{
    const bool open = o.status == QLatin1String("New") || o.status == QLatin1String("PartiallyFilled");
    return QJsonObject{
        {QStringLiteral("accountID"), 9328670003LL},
        {QStringLiteral("action"), QStringLiteral("New")},
        {QStringLiteral("actionBy"), QStringLiteral("ByUser")},
        {QStringLiteral("actionTimeNs"), o.actionNs},
        {QStringLiteral("clOrdID"), o.clientOrderId},
        {QStringLiteral("code"), 0},
        {QStringLiteral("cumFeeRv"), text(o.execFee)},
        {QStringLiteral("cumQty"), text(o.filled)},
        {QStringLiteral("currency"), QStringLiteral("USDT")},
        {QStringLiteral("cxlRejReason"), 0},
        {QStringLiteral("execFeeRv"), withExecution ? text(o.execFee) : QStringLiteral("0")},
        {QStringLiteral("execID"),
         withExecution ? o.execId : QStringLiteral("00000000-0000-0000-0000-000000000000")},
        {QStringLiteral("execPriceRp"), withExecution ? text(o.execPrice) : QStringLiteral("0")},
        {QStringLiteral("execQty"), withExecution ? text(o.filled) : QStringLiteral("0")},
        {QStringLiteral("execStatus"), withExecution ? QStringLiteral("TakerFill") : o.status},
        {QStringLiteral("leavesQty"), open ? text(difference(o.quantity, o.filled)) : QStringLiteral("0")},
        {QStringLiteral("message"), QStringLiteral("No error")},
        {QStringLiteral("ordStatus"), o.status},
        {QStringLiteral("ordType"), o.type},
        {QStringLiteral("orderID"), o.orderId},
        {QStringLiteral("orderQty"), text(o.quantity)},
        {QStringLiteral("posSide"), QStringLiteral("Merged")},
        {QStringLiteral("priceRp"), text(o.type == QLatin1String("Market") ? o.execPrice : o.price)},
        {QStringLiteral("side"), o.side},
        {QStringLiteral("stopPxRp"), QStringLiteral("0")},
        {QStringLiteral("symbol"), o.symbol},
        {QStringLiteral("timeInForce"), o.timeInForce},
        {QStringLiteral("transactTimeNs"), o.transactNs},
        {QStringLiteral("userID"), 932867},
    };
}

QJsonObject PhemexVenue::account() const
{
    return QJsonObject{{QStringLiteral("accountBalanceRv"), text(m_balance)},
                       {QStringLiteral("accountID"), 9328670003LL},
                       {QStringLiteral("bonusBalanceRv"), QStringLiteral("0")},
                       {QStringLiteral("currency"), QStringLiteral("USDT")},
                       {QStringLiteral("totalUsedBalanceRv"), QStringLiteral("0")},
                       {QStringLiteral("userID"), 932867}};
}

QJsonObject PhemexVenue::position() const
{
    const bool flat = m_positionSize.isZero();
    const Decimal size = m_positionSize.isNegative() ? difference(Decimal(), m_positionSize) : m_positionSize;
    return QJsonObject{
        {QStringLiteral("accountID"), 9328670003LL},
        {QStringLiteral("avgEntryPriceRp"), flat ? QStringLiteral("0") : text(m_entryPrice)},
        {QStringLiteral("cumClosedPnlRv"), QStringLiteral("0")},
        {QStringLiteral("currency"), QStringLiteral("USDT")},
        {QStringLiteral("liquidationPriceRp"), QStringLiteral("0")},
        {QStringLiteral("markPriceRp"), QString::fromLatin1(kAsk)},
        {QStringLiteral("posMode"), QStringLiteral("OneWay")},
        {QStringLiteral("posSide"), QStringLiteral("Merged")},
        {QStringLiteral("positionStatus"), QStringLiteral("Normal")},
        {QStringLiteral("side"),
         flat ? QStringLiteral("None")
              : (m_positionSize.isNegative() ? QStringLiteral("Sell") : QStringLiteral("Buy"))},
        {QStringLiteral("size"), text(size)},
        {QStringLiteral("symbol"), kSymbol},
        {QStringLiteral("transactTimeNs"), nowNs()},
        {QStringLiteral("unrealisedPnlRv"), QStringLiteral("0")},
        {QStringLiteral("userID"), 932867},
    };
}

void PhemexVenue::pushAop(const QJsonArray& orders, bool snapshot)
{
    const QByteArray frame = compact(QJsonObject{
        {QStringLiteral("accounts_p"), QJsonArray{account()}},
        {QStringLiteral("orders_p"), orders},
        {QStringLiteral("positions_p"), QJsonArray{position()}},
        {QStringLiteral("sequence"), qint64(++m_bookSequence)},
        {QStringLiteral("timestamp"), nowNs()},
        {QStringLiteral("type"), snapshot ? QStringLiteral("snapshot") : QStringLiteral("incremental")},
        {QStringLiteral("version"), 0},
    });
    for (QWebSocket* s : std::as_const(m_aop))
        s->sendTextMessage(QString::fromUtf8(frame));
}

void PhemexVenue::pushBookIncrement(std::int64_t sequence, const QJsonArray& bids, const QJsonArray& asks)
{
    const QByteArray frame = compact(QJsonObject{
        {QStringLiteral("depth"), 30},
        {QStringLiteral("orderbook_p"),
         QJsonObject{{QStringLiteral("asks"), asks}, {QStringLiteral("bids"), bids}}},
        {QStringLiteral("sequence"), qint64(sequence)},
        {QStringLiteral("symbol"), kSymbol},
        {QStringLiteral("timestamp"), nowNs()},
        {QStringLiteral("type"), QStringLiteral("incremental")},
    });
    for (QWebSocket* s : std::as_const(m_books))
        s->sendTextMessage(QString::fromUtf8(frame));
}

void PhemexVenue::onConnection()
{
    while (QWebSocket* s = m_ws.nextPendingConnection()) {
        ++m_connections;
        m_sockets.append(s);
        connect(s, &QWebSocket::textMessageReceived, this, [this, s](const QString& t) { onMessage(s, t); });
        connect(s, &QWebSocket::disconnected, this, [this, s] {
            m_sockets.removeAll(s);
            m_authed.remove(s);
            m_aop.remove(s);
            m_wo.remove(s);
            m_coinAop.remove(s);
            m_books.remove(s);
            s->deleteLater();
        });
    }
}

void PhemexVenue::reply(QWebSocket* socket, const QJsonValue& id, const QJsonValue& result,
                        const QJsonValue& error)
{
    socket->sendTextMessage(QString::fromUtf8(compact(QJsonObject{
        {QStringLiteral("error"), error.isUndefined() ? QJsonValue() : error},
        {QStringLiteral("id"), id},
        {QStringLiteral("result"), result},
    })));
}

void PhemexVenue::onMessage(QWebSocket* socket, const QString& message)
{
    const QJsonObject o = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString method = o.value(QLatin1String("method")).toString();
    const QJsonValue id = o.value(QLatin1String("id"));
    const QJsonArray params = o.value(QLatin1String("params")).toArray();
    const QJsonObject success{{QStringLiteral("status"), QStringLiteral("success")}};
    if (method == QLatin1String("server.ping")) {
        reply(socket, id, QStringLiteral("pong"));
    } else if (method == QLatin1String("user.auth")) {
        // https://phemex-docs.github.io/#api-user-authentication : HMacSha256(API Key + expiry), expiry in
        // seconds and at most two minutes ahead.
        ++m_authAttempts;
        const QString key = params.at(1).toString();
        const qint64 expiry = params.at(3).toInteger();
        const QByteArray expected =
            QMessageAuthenticationCode::hash(key.toUtf8() + QByteArray::number(expiry), QByteArray(Secret),
                                             QCryptographicHash::Sha256)
                .toHex();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        if (params.at(0).toString() != QLatin1String("API") || key != QLatin1String(Key) ||
            params.at(2).toString().toLatin1() != expected || expiry < now || expiry > now + 120) {
            reply(socket, id, QJsonValue(),
                  QJsonObject{{QStringLiteral("code"), 6012},
                              {QStringLiteral("message"), QStringLiteral("invalid login token")}});
            return;
        }
        ++m_acceptedLogins;
        m_authed.insert(socket);
        reply(socket, id, success);
    } else if (method == QLatin1String("aop_p.subscribe") || method == QLatin1String("wo.subscribe") ||
               method == QLatin1String("aop.subscribe")) {
        if (!m_authed.contains(socket)) {
            reply(socket, id, QJsonValue(),
                  QJsonObject{{QStringLiteral("code"), 6012},
                              {QStringLiteral("message"), QStringLiteral("invalid login token")}});
            return;
        }
        reply(socket, id, success);
        if (method == QLatin1String("aop.subscribe")) {
            m_coinAop.insert(socket);
            QJsonArray open;
            for (const VenueOrder& v : std::as_const(m_coinOrders)) {
                if (v.status == QLatin1String("New") || v.status == QLatin1String("PartiallyFilled"))
                    open.append(coinOrder(v, false));
            }
            pushCoinAop(open, true);
        } else if (method == QLatin1String("aop_p.subscribe")) {
            m_aop.insert(socket);
            QJsonArray open;
            for (const VenueOrder& v : std::as_const(m_orders)) {
                if (v.status == QLatin1String("New") || v.status == QLatin1String("PartiallyFilled"))
                    open.append(pushOrder(v, false));
            }
            pushAop(open, true);
        } else {
            m_wo.insert(socket);
            QJsonArray open;
            for (const VenueOrder& v : std::as_const(m_spotOrders)) {
                if (v.status == QLatin1String("New") || v.status == QLatin1String("PartiallyFilled"))
                    open.append(spotOrder(v));
            }
            pushWo(open, {}, {}, true);
        }
    } else if (method == QLatin1String("orderbook_p.subscribe")) {
        ++m_bookSubscriptions;
        m_books.insert(socket);
        reply(socket, id, success);
        const QJsonObject snapshot{
            {QStringLiteral("depth"), 30},
            {QStringLiteral("orderbook_p"),
             QJsonObject{{QStringLiteral("asks"),
                          QJsonArray{QJsonArray{QString::fromLatin1(kAsk), QStringLiteral("1.5")}}},
                         {QStringLiteral("bids"),
                          QJsonArray{QJsonArray{QString::fromLatin1(kBid), QStringLiteral("2")}}}}},
            {QStringLiteral("sequence"), qint64(++m_bookSequence)},
            {QStringLiteral("symbol"), kSymbol},
            {QStringLiteral("timestamp"), nowNs()},
            {QStringLiteral("type"), QStringLiteral("snapshot")},
        };
        socket->sendTextMessage(QString::fromUtf8(compact(snapshot)));
    } else if (method.endsWith(QLatin1String(".unsubscribe"))) {
        if (method == QLatin1String("orderbook_p.unsubscribe"))
            m_books.remove(socket);
        reply(socket, id, success);
    } else {
        reply(socket, id, QJsonValue(),
              QJsonObject{{QStringLiteral("code"), 6001},
                          {QStringLiteral("message"), QStringLiteral("invalid argument")}});
    }
}

// ---- spot ---------------------------------------------------------------------------------------------
// https://github.com/phemex/phemex-api-docs/blob/master/Public-Spot-API-en.md : POST /spot/orders (priceEp,
// baseQtyEv at 1e8), DELETE /spot/orders, PUT /spot/orders, GET /spot/orders (open, by symbol),
// GET /spot/orders/active (one), GET /spot/wallets, /api-data/spots/{orders,trades}; the wo push
// {"orders":{"open","closed","fills"},"wallets","sequence","timestamp","type"}.

namespace {

qint64 ev(Decimal value)
{
    return value.mantissaAtScale(kSpotScale).value_or(0);
}

Decimal fromEv(const QJsonValue& v)
{
    return Decimal::fromMantissa(v.toInteger(), kSpotScale).normalized();
}

bool isOpen(const QString& status)
{
    return status == QLatin1String("New") || status == QLatin1String("PartiallyFilled");
}

} // namespace

int PhemexVenue::openSpotOrderCount() const
{
    int n = 0;
    for (const VenueOrder& o : m_spotOrders)
        n += isOpen(o.status) ? 1 : 0;
    return n;
}

std::optional<LoopbackHttpServer::Response> PhemexVenue::respondSpot(const LoopbackHttpServer::Request& r)
{
    const QString path = r.url.path();
    const QUrlQuery query(r.url);
    const auto param = [&query](const char* key) { return query.queryItemValue(QLatin1String(key)); };
    const auto findSpot = [this](const QString& id, const QString& cl) -> VenueOrder* {
        for (VenueOrder& o : m_spotOrders) {
            if ((!id.isEmpty() && o.orderId == id) ||
                (id.isEmpty() && !cl.isEmpty() && o.clientOrderId == cl))
                return &o;
        }
        return nullptr;
    };

    if (r.method == "POST" && path == QLatin1String("/spot/orders"))
        return placeSpot(QJsonDocument::fromJson(r.body).object());
    if (r.method == "DELETE" && path == QLatin1String("/spot/orders")) {
        VenueOrder* o = findSpot(param("orderID"), param("clOrdID"));
        if (!o || !isOpen(o->status))
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        lockSpot(*o, false);
        o->status = QStringLiteral("Canceled");
        o->transactNs = nowNs();
        pushWo({}, {spotOrder(*o)}, {}, false);
        return ok(spotOrder(*o));
    }
    if (r.method == "PUT" && path == QLatin1String("/spot/orders")) {
        VenueOrder* o = findSpot(param("orderID"), param("origClOrdID"));
        if (!o || !isOpen(o->status))
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        lockSpot(*o, false);
        if (query.hasQueryItem(QStringLiteral("priceEp")))
            o->price = fromEv(QJsonValue(param("priceEp").toLongLong()));
        if (query.hasQueryItem(QStringLiteral("baseQtyEv")))
            o->quantity = fromEv(QJsonValue(param("baseQtyEv").toLongLong()));
        lockSpot(*o, true);
        o->transactNs = nowNs();
        pushWo({spotOrder(*o)}, {}, {}, false);
        return ok(spotOrder(*o));
    }
    if (r.method == "GET" && path == QLatin1String("/spot/orders")) {
        const QString symbol = param("symbol");
        QJsonArray rows;
        for (const VenueOrder& o : std::as_const(m_spotOrders)) {
            if (isOpen(o.status) && (symbol.isEmpty() || o.symbol == symbol))
                rows.append(spotOrder(o));
        }
        if (rows.isEmpty() && m_emptyListIsNotFound)
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        return ok(rows);
    }
    if (r.method == "GET" && path == QLatin1String("/spot/orders/active")) {
        const VenueOrder* o = findSpot(param("orderID"), param("clOrdID"));
        if (!o)
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        return ok(spotOrder(*o));
    }
    if (r.method == "GET" && path == QLatin1String("/spot/wallets")) {
        const QString currency = param("currency");
        QJsonArray wallets;
        for (const QJsonValue& w : spotWallets()) {
            if (currency.isEmpty() || w.toObject().value(QLatin1String("currency")).toString() == currency)
                wallets.append(w);
        }
        return ok(wallets);
    }
    if (r.method == "GET" && path.startsWith(QLatin1String("/api-data/spots/orders"))) {
        const QString id = param("orderID");
        const QString cl = param("clOrdID");
        QJsonArray rows;
        for (const VenueOrder& o : std::as_const(m_spotOrders)) {
            if ((id.isEmpty() && cl.isEmpty()) || o.orderId == id || (!cl.isEmpty() && o.clientOrderId == cl))
                rows.append(spotOrder(o));
        }
        return ok(rows);
    }
    if (r.method == "GET" && path == QLatin1String("/api-data/spots/trades")) {
        QJsonArray rows;
        for (const QJsonObject& f : std::as_const(m_spotFills))
            rows.append(f);
        return ok(rows);
    }
    return std::nullopt;
}

LoopbackHttpServer::Response PhemexVenue::placeSpot(const QJsonObject& body)
{
    if (m_rejectNext) {
        const auto [code, message] = *m_rejectNext;
        m_rejectNext.reset();
        return error(code, message);
    }
    const QString clientOrderId = body.value(QLatin1String("clOrdID")).toString();
    for (const VenueOrder& o : std::as_const(m_spotOrders)) {
        if (!clientOrderId.isEmpty() && o.clientOrderId == clientOrderId)
            return error(11085, QStringLiteral("TE_CL_ORD_ID_DUPLICATE"));
    }
    const Decimal qty = fromEv(body.value(QLatin1String("baseQtyEv")));
    if (body.value(QLatin1String("symbol")).toString() != kSpotSymbol ||
        body.value(QLatin1String("qtyType")).toString() != QLatin1String("ByBase") || qty.isZero())
        return error(11034, QStringLiteral("TE_INVALID_LEAVES_QTY"));
    VenueOrder o;
    o.orderId = QStringLiteral("sp-%1").arg(m_nextId++);
    o.symbol = kSpotSymbol;
    o.clientOrderId = clientOrderId;
    o.side = body.value(QLatin1String("side")).toString();
    o.type = body.value(QLatin1String("ordType")).toString();
    o.timeInForce = body.value(QLatin1String("timeInForce")).toString(QStringLiteral("GoodTillCancel"));
    o.quantity = qty;
    o.status = QStringLiteral("New");
    o.actionNs = o.transactNs = nowNs();
    if (o.type == QLatin1String("Limit"))
        o.price = fromEv(body.value(QLatin1String("priceEp")));
    m_spotOrders.insert(o.orderId, o);
    VenueOrder& stored = m_spotOrders[o.orderId];
    QJsonObject ack = spotOrder(stored);
    if (stored.type == QLatin1String("Market")) {
        ack.insert(QStringLiteral("ordStatus"), QStringLiteral("Created"));
        fillSpot(stored);
        return ok(ack);
    }
    lockSpot(stored, true);
    pushWo({spotOrder(stored)}, {}, {}, false);
    return ok(ack);
}

void PhemexVenue::lockSpot(const VenueOrder& o, bool lock)
{
    // A resting buy locks its quote value, a resting sell its base quantity.
    const bool buy = o.side == QLatin1String("Buy");
    SpotWallet& w = m_spotWallets[buy ? QStringLiteral("USDT") : QStringLiteral("BTC")];
    const Decimal amount = buy ? product(o.price, o.quantity) : o.quantity;
    w.locked = lock ? sum(w.locked, amount) : difference(w.locked, amount);
}

void PhemexVenue::fillSpot(VenueOrder& o)
{
    const bool buy = o.side == QLatin1String("Buy");
    o.execPrice = d(buy ? kAsk : kBid);
    o.filled = o.quantity;
    o.status = QStringLiteral("Filled");
    o.execId = QStringLiteral("spexec-%1").arg(m_nextId++);
    o.transactNs = nowNs();
    const Decimal value = product(o.execPrice, o.quantity);
    SpotWallet& base = m_spotWallets[QStringLiteral("BTC")];
    SpotWallet& quote = m_spotWallets[QStringLiteral("USDT")];
    if (buy) {
        o.execFee = product(o.quantity, d(kSpotFeeRate));
        base.balance = sum(base.balance, difference(o.quantity, o.execFee));
        quote.balance = difference(quote.balance, value);
    } else {
        o.execFee = product(value, d(kSpotFeeRate));
        base.balance = difference(base.balance, o.quantity);
        quote.balance = sum(quote.balance, difference(value, o.execFee));
    }
    const QJsonObject fill{
        {QStringLiteral("avgPriceEp"), ev(o.execPrice)},
        {QStringLiteral("baseCurrency"), QStringLiteral("BTC")},
        {QStringLiteral("baseQtyEv"), ev(o.quantity)},
        {QStringLiteral("clOrdID"), o.clientOrderId},
        {QStringLiteral("execBaseQtyEv"), ev(o.quantity)},
        {QStringLiteral("execFeeEv"), ev(o.execFee)},
        {QStringLiteral("execID"), o.execId},
        {QStringLiteral("execPriceEp"), ev(o.execPrice)},
        {QStringLiteral("execQuoteQtyEv"), ev(value)},
        {QStringLiteral("feeCurrency"), buy ? QStringLiteral("BTC") : QStringLiteral("USDT")},
        {QStringLiteral("lastLiquidityInd"), QStringLiteral("RemovedLiquidity")},
        {QStringLiteral("ordType"), o.type},
        {QStringLiteral("orderID"), o.orderId},
        {QStringLiteral("priceEp"), ev(o.price)},
        {QStringLiteral("qtyType"), QStringLiteral("ByBase")},
        {QStringLiteral("quoteCurrency"), QStringLiteral("USDT")},
        {QStringLiteral("quoteQtyEv"), 0},
        {QStringLiteral("side"), o.side},
        {QStringLiteral("symbol"), o.symbol},
        {QStringLiteral("transactTimeNs"), o.transactNs},
        {QStringLiteral("userID"), 932867},
    };
    m_spotFills.append(fill);
    pushWo({}, {spotOrder(o)}, {fill}, false);
}

QJsonObject PhemexVenue::spotOrder(const VenueOrder& o) const
{
    const bool open = isOpen(o.status);
    return QJsonObject{
        {QStringLiteral("action"), QStringLiteral("New")},
        {QStringLiteral("avgPriceEp"), ev(o.execPrice)},
        {QStringLiteral("baseCurrency"), QStringLiteral("BTC")},
        {QStringLiteral("baseQtyEv"), ev(o.quantity)},
        {QStringLiteral("bizError"), 0},
        {QStringLiteral("clOrdID"), o.clientOrderId},
        {QStringLiteral("createTimeNs"), o.actionNs},
        {QStringLiteral("cumBaseQtyEv"), ev(o.filled)},
        {QStringLiteral("cumFeeEv"), ev(o.execFee)},
        {QStringLiteral("cumQuoteQtyEv"), ev(product(o.execPrice, o.filled))},
        {QStringLiteral("cxlRejReason"), 0},
        {QStringLiteral("feeCurrency"),
         o.side == QLatin1String("Buy") ? QStringLiteral("BTC") : QStringLiteral("USDT")},
        {QStringLiteral("leavesBaseQtyEv"), open ? ev(difference(o.quantity, o.filled)) : 0},
        {QStringLiteral("leavesQuoteQtyEv"), 0},
        {QStringLiteral("ordStatus"), o.status},
        {QStringLiteral("ordType"), o.type},
        {QStringLiteral("orderID"), o.orderId},
        {QStringLiteral("pegOffsetValueEp"), 0},
        {QStringLiteral("priceEp"), ev(o.price)},
        {QStringLiteral("qtyType"), QStringLiteral("ByBase")},
        {QStringLiteral("quoteCurrency"), QStringLiteral("USDT")},
        {QStringLiteral("quoteQtyEv"), 0},
        {QStringLiteral("side"), o.side},
        {QStringLiteral("stopPxEp"), 0},
        {QStringLiteral("symbol"), o.symbol},
        {QStringLiteral("timeInForce"), o.timeInForce},
        {QStringLiteral("transactTimeNs"), o.transactNs},
        {QStringLiteral("triggerTimeNs"), 0},
        {QStringLiteral("userID"), 932867},
    };
}

QJsonArray PhemexVenue::spotWallets() const
{
    QJsonArray out;
    for (auto it = m_spotWallets.cbegin(); it != m_spotWallets.cend(); ++it) {
        out.append(QJsonObject{{QStringLiteral("balanceEv"), ev(it->balance)},
                               {QStringLiteral("currency"), it.key()},
                               {QStringLiteral("lastUpdateTimeNs"), nowNs()},
                               {QStringLiteral("lockedTradingBalanceEv"), ev(it->locked)},
                               {QStringLiteral("lockedWithdrawEv"), 0},
                               {QStringLiteral("userID"), 932867}});
    }
    return out;
}

void PhemexVenue::pushWo(const QJsonArray& open, const QJsonArray& closed, const QJsonArray& fills,
                         bool snapshot)
{
    const QByteArray frame = compact(QJsonObject{
        {QStringLiteral("orders"), QJsonObject{{QStringLiteral("closed"), closed},
                                               {QStringLiteral("fills"), fills},
                                               {QStringLiteral("open"), open}}},
        {QStringLiteral("sequence"), qint64(++m_bookSequence)},
        {QStringLiteral("timestamp"), nowNs()},
        {QStringLiteral("type"), snapshot ? QStringLiteral("snapshot") : QStringLiteral("incremental")},
        {QStringLiteral("wallets"), spotWallets()},
    });
    for (QWebSocket* s : std::as_const(m_wo))
        s->sendTextMessage(QString::fromUtf8(frame));
}

// ---- coin-margined -----------------------------------------------------------------------------------
// https://github.com/phemex/phemex-api-docs/blob/master/Public-Contract-API-en.md : POST /orders (orderQty
// in contracts, priceEp at priceScale 4), PUT /orders/replace, DELETE /orders/cancel, DELETE /orders/all,
// GET /orders/activeList, GET /accounts/accountPositions?currency=BTC (accountBalanceEv at 1e8), the aop
// push {"accounts","orders","positions","sequence","timestamp","type"}.
namespace {
const QString kCoinSymbol = QStringLiteral("BTCUSD");
constexpr int kCoinPriceScale = 4;
constexpr qint64 kCoinBidEp = 649'995'000; // 64999.5
constexpr qint64 kCoinAskEp = 650'000'000; // 65000
constexpr qint64 kCoinTakerFeeEr = 75'000; // 0.075 % at ratioScale 8

qint64 ep(Decimal price)
{
    return price.mantissaAtScale(kCoinPriceScale).value_or(0);
}

qint64 contracts(Decimal quantity)
{
    return quantity.mantissaAtScale(0).value_or(0);
}
} // namespace

qint64 PhemexVenue::coinFeeEv(qint64 quantity, qint64 priceEp)
{
    // Value of an inverse contract of 1 USD in satoshis: contracts / price × 1e8, truncated; the fee
    // the taker rate of it.
    const qint64 valueEv = quantity * 100'000'000LL * 10'000LL / priceEp;
    return valueEv * kCoinTakerFeeEr / 100'000'000LL;
}

void PhemexVenue::addRestingCoinOrder(const QString& orderId, const QString& price, qint64 quantity)
{
    VenueOrder o;
    o.orderId = orderId;
    o.symbol = kCoinSymbol;
    o.side = QStringLiteral("Buy");
    o.type = QStringLiteral("Limit");
    o.timeInForce = QStringLiteral("GoodTillCancel");
    o.price = d(price);
    o.quantity = Decimal::fromMantissa(quantity, 0);
    o.status = QStringLiteral("New");
    o.actionNs = o.transactNs = nowNs();
    m_coinOrders.insert(o.orderId, o);
}

int PhemexVenue::openCoinOrderCount() const
{
    int n = 0;
    for (const VenueOrder& o : m_coinOrders)
        n += isOpen(o.status) ? 1 : 0;
    return n;
}

QJsonObject PhemexVenue::products() const
{
    const auto currency = [](const char* name, int valueScale) {
        return QJsonObject{
            {QStringLiteral("currency"), QLatin1String(name)},  {QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("valueScale"), valueScale},         {QStringLiteral("minValueEv"), 1},
            {QStringLiteral("maxValueEv"), 5000000000000000LL}, {QStringLiteral("needAddrTag"), 0}};
    };
    const QJsonObject btcusd{
        {QStringLiteral("symbol"), kCoinSymbol},
        {QStringLiteral("displaySymbol"), QStringLiteral("BTC / USD")},
        {QStringLiteral("indexSymbol"), QStringLiteral(".BTC")},
        {QStringLiteral("markSymbol"), QStringLiteral(".MBTC")},
        {QStringLiteral("type"), QStringLiteral("Perpetual")},
        {QStringLiteral("quoteCurrency"), QStringLiteral("USD")},
        {QStringLiteral("settleCurrency"), QStringLiteral("BTC")},
        {QStringLiteral("contractSize"), 1},
        {QStringLiteral("lotSize"), 1},
        {QStringLiteral("tickSize"), 0.5},
        {QStringLiteral("priceScale"), kCoinPriceScale},
        {QStringLiteral("ratioScale"), 8},
        {QStringLiteral("maxOrderQty"), 1000000},
        {QStringLiteral("status"), QStringLiteral("Listed")},
    };
    const QJsonObject spot{
        {QStringLiteral("symbol"), kSpotSymbol},
        {QStringLiteral("type"), QStringLiteral("Spot")},
        {QStringLiteral("quoteCurrency"), QStringLiteral("USDT")},
        {QStringLiteral("baseCurrency"), QStringLiteral("BTC")},
        {QStringLiteral("priceScale"), 8},
        {QStringLiteral("baseTickSizeEv"), 100},
        {QStringLiteral("quoteTickSizeEv"), 1000000},
        {QStringLiteral("status"), QStringLiteral("Listed")},
    };
    return QJsonObject{{QStringLiteral("ratioScale"), 8},
                       {QStringLiteral("currencies"),
                        QJsonArray{currency("BTC", 8), currency("USD", 4), currency("USDT", 8)}},
                       {QStringLiteral("products"), QJsonArray{btcusd, spot}},
                       {QStringLiteral("perpProductsV2"), QJsonArray{}}};
}

std::optional<LoopbackHttpServer::Response> PhemexVenue::respondCoin(const LoopbackHttpServer::Request& r)
{
    const QString path = r.url.path();
    const QUrlQuery query(r.url);
    const auto param = [&query](const char* key) { return query.queryItemValue(QLatin1String(key)); };
    const auto findCoin = [this](const QString& id, const QString& cl) -> VenueOrder* {
        for (VenueOrder& o : m_coinOrders) {
            if ((!id.isEmpty() && o.orderId == id) ||
                (id.isEmpty() && !cl.isEmpty() && o.clientOrderId == cl))
                return &o;
        }
        return nullptr;
    };
    if (r.method == "GET" && path == QLatin1String("/public/products")) {
        ++m_productQueries;
        return ok(products());
    }
    if (r.method == "POST" && path == QLatin1String("/orders"))
        return placeCoin(QJsonDocument::fromJson(r.body).object());
    if (r.method == "PUT" && path == QLatin1String("/orders/replace")) {
        VenueOrder* o = findCoin(param("orderID"), param("origClOrdID"));
        if (!o || !isOpen(o->status))
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        if (query.hasQueryItem(QStringLiteral("priceEp")))
            o->price = Decimal::fromMantissa(param("priceEp").toLongLong(), kCoinPriceScale).normalized();
        if (query.hasQueryItem(QStringLiteral("orderQty")))
            o->quantity = Decimal::fromMantissa(param("orderQty").toLongLong(), 0);
        o->transactNs = nowNs();
        pushCoinAop({coinOrder(*o, false)}, false);
        return ok(coinOrder(*o, false));
    }
    if (r.method == "DELETE" && path == QLatin1String("/orders/cancel")) {
        if (query.hasQueryItem(QStringLiteral("orderID")) && query.hasQueryItem(QStringLiteral("clOrdID")))
            return error(10500, QStringLiteral("either orderID or clOrdID, not both"));
        VenueOrder* o = findCoin(param("orderID"), param("clOrdID"));
        if (!o || !isOpen(o->status))
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        o->status = QStringLiteral("Canceled");
        o->transactNs = nowNs();
        pushCoinAop({coinOrder(*o, false)}, false);
        return ok(coinOrder(*o, false));
    }
    if (r.method == "DELETE" && path == QLatin1String("/orders/all")) {
        if (param("symbol").isEmpty())
            return error(10500, QStringLiteral("symbol is required"));
        QJsonArray pushed;
        for (VenueOrder& o : m_coinOrders) {
            if (isOpen(o.status) && o.symbol == param("symbol")) {
                o.status = QStringLiteral("Canceled");
                o.transactNs = nowNs();
                pushed.append(coinOrder(o, false));
            }
        }
        if (!pushed.isEmpty())
            pushCoinAop(pushed, false);
        return ok(pushed.size());
    }
    if (r.method == "GET" && path == QLatin1String("/orders/activeList")) {
        QJsonArray rows;
        for (const VenueOrder& o : std::as_const(m_coinOrders)) {
            if (isOpen(o.status) && o.symbol == param("symbol"))
                rows.append(coinOrder(o, false));
        }
        ++m_openOrderQueries[param("symbol")];
        if (rows.isEmpty())
            return error(10002, QStringLiteral("OM_ORDER_NOT_FOUND"));
        return ok(QJsonObject{{QStringLiteral("rows"), rows}});
    }
    if (r.method == "GET" && path.startsWith(QLatin1String("/api-data/futures/orders"))) {
        QJsonArray rows;
        const QString id = param("orderID");
        const QString cl = param("clOrdID");
        for (const VenueOrder& o : std::as_const(m_coinOrders)) {
            if (o.symbol == param("symbol") && ((id.isEmpty() && cl.isEmpty()) || o.orderId == id ||
                                                (!cl.isEmpty() && o.clientOrderId == cl)))
                rows.append(coinOrder(o, false));
        }
        return ok(QJsonObject{{QStringLiteral("rows"), rows}});
    }
    if (r.method == "GET" && path == QLatin1String("/api-data/futures/trades")) {
        QJsonArray rows;
        for (const QJsonObject& t : std::as_const(m_coinTrades)) {
            if (t.value(QLatin1String("symbol")).toString() == param("symbol"))
                rows.append(t);
        }
        return ok(QJsonObject{{QStringLiteral("rows"), rows}});
    }
    if (r.method == "GET" && path == QLatin1String("/accounts/accountPositions")) {
        if (param("currency") != QLatin1String("BTC")) {
            QJsonArray positions;
            if (param("currency") == QLatin1String("ETH") && m_ethPosition != 0) {
                QJsonObject eth = coinPositionEntry();
                eth.insert(QStringLiteral("symbol"), QStringLiteral("cETHUSD"));
                eth.insert(QStringLiteral("currency"), QStringLiteral("ETH"));
                eth.insert(QStringLiteral("side"),
                           m_ethPosition > 0 ? QStringLiteral("Buy") : QStringLiteral("Sell"));
                eth.insert(QStringLiteral("size"), m_ethPosition > 0 ? m_ethPosition : -m_ethPosition);
                eth.insert(QStringLiteral("avgEntryPriceEp"), 30000000); // 3000.0000 at scale 4
                eth.insert(QStringLiteral("markPriceEp"), 30000000);
                positions.append(eth);
            }
            return ok(QJsonObject{
                {QStringLiteral("account"), QJsonObject{{QStringLiteral("accountBalanceEv"), 0},
                                                        {QStringLiteral("currency"), param("currency")},
                                                        {QStringLiteral("totalUsedBalanceEv"), 0}}},
                {QStringLiteral("positions"), positions}});
        }
        return ok(QJsonObject{{QStringLiteral("account"), coinAccount()},
                              {QStringLiteral("positions"), QJsonArray{coinPositionEntry()}}});
    }
    return std::nullopt;
}

LoopbackHttpServer::Response PhemexVenue::placeCoin(const QJsonObject& body)
{
    if (m_rejectNext) {
        const auto [code, message] = *m_rejectNext;
        m_rejectNext.reset();
        return error(code, message);
    }
    const QString clientOrderId = body.value(QLatin1String("clOrdID")).toString();
    for (const VenueOrder& o : std::as_const(m_coinOrders)) {
        if (!clientOrderId.isEmpty() && o.clientOrderId == clientOrderId)
            return error(11085, QStringLiteral("TE_CL_ORD_ID_DUPLICATE"));
    }
    // orderQty and priceEp are JSON integers, as documented.
    const QJsonValue qty = body.value(QLatin1String("orderQty"));
    if (body.value(QLatin1String("symbol")).toString() != kCoinSymbol || !qty.isDouble() ||
        qty.toInteger() <= 0 || qty.toDouble() != double(qty.toInteger()))
        return error(11034, QStringLiteral("TE_INVALID_LEAVES_QTY"));
    VenueOrder o;
    o.orderId = QStringLiteral("phc-%1").arg(m_nextId++);
    o.symbol = kCoinSymbol;
    o.clientOrderId = clientOrderId;
    o.side = body.value(QLatin1String("side")).toString();
    o.type = body.value(QLatin1String("ordType")).toString();
    o.timeInForce = body.value(QLatin1String("timeInForce")).toString(QStringLiteral("GoodTillCancel"));
    o.quantity = Decimal::fromMantissa(qty.toInteger(), 0);
    o.reduceOnly = body.value(QLatin1String("reduceOnly")).toBool();
    o.status = QStringLiteral("New");
    o.actionNs = o.transactNs = nowNs();
    if (o.type == QLatin1String("Limit")) {
        const QJsonValue price = body.value(QLatin1String("priceEp"));
        if (!price.isDouble() || price.toInteger() <= 0 || price.toInteger() % 5000 != 0) // tick 0.5
            return error(11008, QStringLiteral("TE_PRICE_TOO_LARGE"));
        o.price = Decimal::fromMantissa(price.toInteger(), kCoinPriceScale).normalized();
    }
    m_coinOrders.insert(o.orderId, o);
    VenueOrder& stored = m_coinOrders[o.orderId];
    const QJsonObject created = coinOrder(stored, false);
    if (stored.type == QLatin1String("Market")) {
        QJsonObject ack = created;
        ack.insert(QStringLiteral("ordStatus"), QStringLiteral("Created"));
        fillCoin(stored);
        return ok(ack);
    }
    pushCoinAop({coinOrder(stored, false)}, false);
    return ok(created);
}

void PhemexVenue::fillCoin(VenueOrder& o)
{
    const bool buy = o.side == QLatin1String("Buy");
    const qint64 priceEp = buy ? kCoinAskEp : kCoinBidEp;
    const qint64 qty = contracts(o.quantity);
    const qint64 feeEv = coinFeeEv(qty, priceEp);
    o.execPrice = Decimal::fromMantissa(priceEp, kCoinPriceScale).normalized();
    o.filled = o.quantity;
    o.status = QStringLiteral("Filled");
    o.execId = QStringLiteral("exec-%1").arg(m_nextId++);
    o.execFee = Decimal::fromMantissa(feeEv, 8).normalized();
    o.transactNs = nowNs();
    if (m_coinPosition == 0)
        m_coinEntryEp = priceEp;
    m_coinPosition += buy ? qty : -qty;
    m_coinBalanceEv -= feeEv;
    m_coinTrades.append(QJsonObject{
        {QStringLiteral("transactTimeNs"), o.transactNs},
        {QStringLiteral("symbol"), kCoinSymbol},
        {QStringLiteral("currency"), QStringLiteral("BTC")},
        {QStringLiteral("action"), QStringLiteral("New")},
        {QStringLiteral("side"), o.side},
        {QStringLiteral("tradeType"), QStringLiteral("Trade")},
        {QStringLiteral("execQty"), qty},
        {QStringLiteral("execPriceEp"), priceEp},
        {QStringLiteral("orderQty"), qty},
        {QStringLiteral("priceEp"), priceEp},
        {QStringLiteral("execValueEv"), qty * 100'000'000LL * 10'000LL / priceEp},
        {QStringLiteral("feeRateEr"), kCoinTakerFeeEr},
        {QStringLiteral("execFeeEv"), feeEv},
        {QStringLiteral("ordType"), o.type},
        {QStringLiteral("execID"), o.execId},
        {QStringLiteral("orderID"), o.orderId},
        {QStringLiteral("clOrdID"), o.clientOrderId},
        {QStringLiteral("execStatus"), QStringLiteral("TakerFill")},
    });
    pushCoinAop({coinOrder(o, true)}, false);
}

QJsonObject PhemexVenue::coinOrder(const VenueOrder& o, bool withExecution) const
{
    const bool open = isOpen(o.status);
    const qint64 qty = contracts(o.quantity);
    const qint64 filled = contracts(o.filled);
    const qint64 execPriceEp = ep(o.execPrice);
    const qint64 priceEp = o.type == QLatin1String("Market") ? execPriceEp : ep(o.price);
    return QJsonObject{
        {QStringLiteral("accountID"), 675340001LL},
        {QStringLiteral("action"), QStringLiteral("New")},
        {QStringLiteral("actionBy"), QStringLiteral("ByUser")},
        {QStringLiteral("actionTimeNs"), o.actionNs},
        {QStringLiteral("bizError"), 0},
        {QStringLiteral("clOrdID"), o.clientOrderId},
        {QStringLiteral("closedPnlEv"), 0},
        {QStringLiteral("code"), 0},
        {QStringLiteral("cumQty"), filled},
        {QStringLiteral("cumValueEv"), filled > 0 ? filled * 100'000'000LL * 10'000LL / execPriceEp : 0},
        {QStringLiteral("currency"), QStringLiteral("BTC")},
        {QStringLiteral("cxlRejReason"), 0},
        {QStringLiteral("displayQty"), qty},
        {QStringLiteral("execFeeEv"),
         withExecution ? qint64(o.execFee.mantissaAtScale(8).value_or(0)) : qint64(0)},
        {QStringLiteral("execID"),
         withExecution ? o.execId : QStringLiteral("00000000-0000-0000-0000-000000000000")},
        {QStringLiteral("execPriceEp"), withExecution ? execPriceEp : 0},
        {QStringLiteral("execQty"), withExecution ? filled : 0},
        {QStringLiteral("execStatus"), withExecution ? QStringLiteral("TakerFill") : o.status},
        {QStringLiteral("leavesQty"), open ? qty - filled : 0},
        {QStringLiteral("message"), QStringLiteral("No error")},
        {QStringLiteral("ordStatus"), o.status},
        {QStringLiteral("ordType"), o.type},
        {QStringLiteral("orderID"), o.orderId},
        {QStringLiteral("orderQty"), qty},
        {QStringLiteral("priceEp"), priceEp},
        {QStringLiteral("reduceOnly"), o.reduceOnly},
        {QStringLiteral("side"), o.side},
        {QStringLiteral("stopPxEp"), 0},
        {QStringLiteral("symbol"), o.symbol},
        {QStringLiteral("timeInForce"), o.timeInForce},
        {QStringLiteral("transactTimeNs"), o.transactNs},
        {QStringLiteral("userID"), 67534},
    };
}

QJsonObject PhemexVenue::coinAccount() const
{
    return QJsonObject{{QStringLiteral("accountBalanceEv"), m_coinBalanceEv},
                       {QStringLiteral("accountID"), 675340001LL},
                       {QStringLiteral("bonusBalanceEv"), 0},
                       {QStringLiteral("currency"), QStringLiteral("BTC")},
                       {QStringLiteral("totalUsedBalanceEv"), 0},
                       {QStringLiteral("userID"), 67534}};
}

QJsonObject PhemexVenue::coinPositionEntry() const
{
    const bool flat = m_coinPosition == 0;
    return QJsonObject{
        {QStringLiteral("accountID"), 675340001LL},
        {QStringLiteral("avgEntryPriceEp"), flat ? 0 : m_coinEntryEp},
        {QStringLiteral("cumClosedPnlEv"), 0},
        {QStringLiteral("currency"), QStringLiteral("BTC")},
        {QStringLiteral("liquidationPriceEp"), 0},
        {QStringLiteral("markPriceEp"), kCoinAskEp},
        {QStringLiteral("positionStatus"), QStringLiteral("Normal")},
        {QStringLiteral("side"), flat
                                     ? QStringLiteral("None")
                                     : (m_coinPosition < 0 ? QStringLiteral("Sell") : QStringLiteral("Buy"))},
        {QStringLiteral("size"), m_coinPosition < 0 ? -m_coinPosition : m_coinPosition},
        {QStringLiteral("symbol"), kCoinSymbol},
        {QStringLiteral("transactTimeNs"), nowNs()},
        {QStringLiteral("unrealisedPnlEv"), 0},
        {QStringLiteral("userID"), 67534},
        {QStringLiteral("valueEv"), 0},
    };
}

void PhemexVenue::pushCoinAop(const QJsonArray& orders, bool snapshot)
{
    const QByteArray frame = compact(QJsonObject{
        {QStringLiteral("accounts"), QJsonArray{coinAccount()}},
        {QStringLiteral("orders"), orders},
        {QStringLiteral("positions"), QJsonArray{coinPositionEntry()}},
        {QStringLiteral("sequence"), qint64(++m_bookSequence)},
        {QStringLiteral("timestamp"), nowNs()},
        {QStringLiteral("type"), snapshot ? QStringLiteral("snapshot") : QStringLiteral("incremental")},
    });
    for (QWebSocket* s : std::as_const(m_coinAop))
        s->sendTextMessage(QString::fromUtf8(frame));
}
