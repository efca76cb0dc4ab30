#include "okxvenue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>

namespace {

const Decimal kContractValue = *Decimal::parse("0.01"); // BTC per contract
const Decimal kTakerFeeRate = *Decimal::parse("0.0005");

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString text(Decimal d)
{
    return d.normalized().toString();
}

Decimal decimalOf(const QJsonObject& o, const char* key)
{
    return Decimal::parse(o.value(QLatin1String(key)).toString()).value_or(Decimal());
}

// {"code":"0","msg":"","data":[…]}
QByteArray ok(const QJsonArray& data)
{
    return compact({{"code", "0"}, {"msg", ""}, {"data", data}});
}

// A refused order operation: code 1 and the reason in data[0].sCode/sMsg, as OKX sends it.
QByteArray refused(const QJsonObject& item, const QString& sCode, const QString& sMsg)
{
    QJsonObject entry = item;
    entry.insert(QStringLiteral("sCode"), sCode);
    entry.insert(QStringLiteral("sMsg"), sMsg);
    return compact({{"code", "1"}, {"msg", "All operations failed"}, {"data", QJsonArray{entry}}});
}

} // namespace

OkxVenue::OkxVenue(const QString& key, const QByteArray& secret, const QByteArray& passphrase)
    : m_verifier(QStringLiteral("okx"), key, secret, passphrase)
    , m_key(key)
    , m_secret(secret)
    , m_passphrase(passphrase)
{
    m_verifier.server().setProperty("okxVenue", QVariant::fromValue<QObject*>(this));
    m_private.answerPings = false;
    m_public.answerPings = false;
    m_business.answerPings = false;
    for (Stream* stream : {&m_privateStream, &m_businessStream}) {
        connect(stream->server, &LoopbackWsServer::messageReceived, this,
                [this, stream](const QByteArray& message) { onStreamMessage(*stream, message); });
        connect(stream->server, &LoopbackWsServer::clientConnected, this, [stream] {
            // A new connection logs in and subscribes afresh.
            stream->loggedIn = false;
            stream->subscribed.clear();
        });
    }
    connect(&m_public, &LoopbackWsServer::messageReceived, this, &OkxVenue::onPublicMessage);
    // A lost create reply: the order is taken, the gateway times out.
    m_verifier.setResponder(
        [this](const LoopbackHttpServer::Request& r) -> std::optional<LoopbackHttpServer::Response> {
            if (m_lostAlgoReplies <= 0 || r.method != "POST" ||
                r.url.path() != QLatin1String("/api/v5/trade/order-algo"))
                return std::nullopt;
            --m_lostAlgoReplies;
            answer(r.method, r.target, r.body);
            return LoopbackHttpServer::Response{
                504, "<html><body><h1>504 Gateway Time-out</h1></body></html>", {}};
        });
    // Public: no authentication.
    m_verifier.server().route(
        QStringLiteral("/api/v5/public/instruments"), [](const LoopbackHttpServer::Request& r) {
            QJsonArray data;
            if (QUrlQuery(r.url).queryItemValue(QStringLiteral("instType")) == QLatin1String("SWAP"))
                data.append(QJsonObject{{"instType", "SWAP"},
                                        {"instId", Symbol},
                                        {"instFamily", "BTC-USDT"},
                                        {"uly", "BTC-USDT"},
                                        {"ctType", "linear"},
                                        {"ctVal", "0.01"},
                                        {"ctValCcy", "BTC"},
                                        {"settleCcy", "USDT"},
                                        {"tickSz", "0.1"},
                                        {"lotSz", "0.01"},
                                        {"minSz", "0.01"},
                                        {"maxLmtSz", "100000000"},
                                        {"state", "live"}});
            return LoopbackHttpServer::Response{200, ok(data), {}};
        });
}

Instrument OkxVenue::instrument()
{
    Instrument i;
    i.venue = QStringLiteral("okx");
    i.symbol = QString::fromLatin1(Symbol);
    i.category = Category::Linear;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("USDT");
    i.tickSize = *Decimal::parse("0.1");
    i.lotSize = *Decimal::parse("0.01");
    i.minQuantity = *Decimal::parse("0.01");
    return i;
}

qint64 OkxVenue::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

// ---- private stream ---------------------------------------------------------------------------------------

void OkxVenue::onStreamMessage(Stream& stream, const QByteArray& message)
{
    LoopbackWsServer& server = *stream.server;
    if (message == "ping") {
        server.send("pong");
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(message).object();
    const QString op = o.value(QLatin1String("op")).toString();
    const QJsonArray args = o.value(QLatin1String("args")).toArray();
    const auto error = [&server](const char* code, const char* msg) {
        server.send(compact({{"event", "error"}, {"code", code}, {"msg", msg}, {"connId", "c1"}}));
    };
    if (op == QLatin1String("login")) {
        // https://www.okx.com/docs-v5/en/#overview-websocket-login
        const QJsonObject a = args.at(0).toObject();
        const QByteArray ts = a.value(QLatin1String("timestamp")).toString().toLatin1();
        const QByteArray expected = QMessageAuthenticationCode::hash(ts + "GET/users/self/verify", m_secret,
                                                                     QCryptographicHash::Sha256)
                                        .toBase64();
        const auto refuse = [&](const char* code, const char* msg) {
            ++m_refusedLogins;
            m_lastLoginError = QStringLiteral("%1 %2").arg(QLatin1String(code), QLatin1String(msg));
            error(code, msg);
        };
        if (a.value(QLatin1String("apiKey")).toString() != m_key)
            return refuse("60005", "Invalid apiKey");
        if (a.value(QLatin1String("passphrase")).toString().toUtf8() != m_passphrase)
            return refuse("60024", "Wrong passphrase");
        if (a.value(QLatin1String("sign")).toString().toLatin1() != expected)
            return refuse("60007", "Invalid sign");
        if (std::abs(ts.toLongLong() * 1000 - nowMs()) > 30'000)
            return refuse("60006", "Timestamp request expired");
        stream.loggedIn = true;
        ++stream.logins;
        server.send(compact({{"event", "login"}, {"code", "0"}, {"msg", ""}, {"connId", "c1"}}));
        return;
    }
    if (op == QLatin1String("subscribe")) {
        if (!stream.loggedIn)
            return error("60011", "Please log in");
        for (const QJsonValue& v : args) {
            const QJsonObject arg = v.toObject();
            const QString channel = arg.value(QLatin1String("channel")).toString();
            // orders-algo lives on the business stream, the others on the private one.
            if ((channel == QLatin1String("orders-algo")) != (&stream == &m_businessStream)) {
                server.send(
                    compact({{"event", "error"},
                             {"code", "60018"},
                             {"msg", QStringLiteral("Wrong URL or channel:%1,instType:ANY doesn't exist. "
                                                    "Please use the correct URL, channel and parameters "
                                                    "referring to API document.")
                                         .arg(channel)},
                             {"connId", "c1"}}));
                continue;
            }
            stream.subscribed.insert(channel);
            server.send(compact({{"event", "subscribe"}, {"arg", arg}, {"connId", "c1"}}));
        }
        return;
    }
    if (op == QLatin1String("unsubscribe"))
        return;
    error("60012", "Invalid request");
}

void OkxVenue::push(const char* channel, const QJsonObject& data, bool withInstType)
{
    pushTo(m_privateStream, channel, data, withInstType);
}

void OkxVenue::pushTo(Stream& stream, const char* channel, const QJsonObject& data, bool withInstType)
{
    if (!stream.loggedIn || !stream.subscribed.contains(QLatin1String(channel)))
        return;
    QJsonObject arg{{"channel", channel}, {"uid", "77982378738415879"}};
    if (withInstType)
        arg.insert(QStringLiteral("instType"), QStringLiteral("ANY"));
    stream.server->send(compact({{"arg", arg}, {"data", QJsonArray{data}}}));
}

void OkxVenue::pushAlgo(const QJsonObject& algo)
{
    pushTo(m_businessStream, "orders-algo", algo, true);
}

void OkxVenue::pushOrder(const QJsonObject& order)
{
    push("orders", order);
}

void OkxVenue::pushPositionAndAccount()
{
    push("positions", positionJson());
    push("account", accountJson(), false);
}

QJsonObject OkxVenue::positionJson() const
{
    const Decimal mark = m_price;
    const Decimal upl = m_position.isZero() ? Decimal() : (mark - m_entryPrice) * m_position * kContractValue;
    return {{"instType", "SWAP"},
            {"instId", Symbol},
            {"mgnMode", "cross"},
            {"posSide", "net"},
            {"pos", text(m_position)},
            {"avgPx", m_position.isZero() ? QString() : text(m_entryPrice)},
            {"markPx", text(mark)},
            {"upl", text(upl)},
            {"liqPx", ""},
            {"realizedPnl", "0"},
            {"ccy", "USDT"},
            {"uTime", QString::number(nowMs())}};
}

QJsonObject OkxVenue::accountJson() const
{
    // Open buy orders hold their notional.
    Decimal frozen;
    for (const QJsonObject& o : m_orders) {
        const QString state = o.value(QLatin1String("state")).toString();
        if (state == QLatin1String("live") || state == QLatin1String("partially_filled"))
            frozen += decimalOf(o, "px") * decimalOf(o, "sz") * kContractValue;
    }
    const QJsonObject usdt{{"ccy", "USDT"},
                           {"cashBal", text(m_usdt)},
                           {"availBal", text(m_usdt - frozen)},
                           {"frozenBal", text(frozen)},
                           {"eq", text(m_usdt)},
                           {"uTime", QString::number(nowMs())}};
    return {{"totalEq", text(m_usdt)}, {"uTime", QString::number(nowMs())}, {"details", QJsonArray{usdt}}};
}

// ---- REST ---------------------------------------------------------------------------------------------

QByteArray OkxVenue::answer(const QByteArray& method, const QByteArray& target, const QByteArray& body)
{
    const QUrl url = QUrl::fromEncoded(target);
    const QString path = url.path();
    const QUrlQuery query(url);
    if (method == "POST") {
        if (path == QLatin1String("/api/v5/trade/order"))
            return placeOrder(QJsonDocument::fromJson(body).object());
        if (path == QLatin1String("/api/v5/trade/order-algo"))
            return placeAlgo(QJsonDocument::fromJson(body).object());
        if (path == QLatin1String("/api/v5/trade/cancel-algos"))
            return cancelAlgos(QJsonDocument::fromJson(body).array());
        if (path == QLatin1String("/api/v5/trade/amend-algos"))
            return amendAlgo(QJsonDocument::fromJson(body).object());
        if (path == QLatin1String("/api/v5/trade/cancel-order"))
            return cancelOrder(QJsonDocument::fromJson(body).object());
        if (path == QLatin1String("/api/v5/trade/amend-order"))
            return amendOrder(QJsonDocument::fromJson(body).object());
        if (path == QLatin1String("/api/v5/trade/cancel-batch-orders")) {
            // https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-cancel-multiple-orders :
            // at most 20 orders per request.
            const QJsonArray batch = QJsonDocument::fromJson(body).array();
            m_largestCancelBatch = std::max(m_largestCancelBatch, int(batch.size()));
            ++m_cancelBatches;
            m_cancelBatchEntries += int(batch.size());
            if (batch.size() > 20) {
                return compact({{"code", "51000"},
                                {"msg", "Parameter cancel-batch-orders error"},
                                {"data", QJsonArray{}}});
            }
            QJsonArray data;
            for (const QJsonValue& v : batch)
                data.append(QJsonDocument::fromJson(cancelOrder(v.toObject()))
                                .object()
                                .value(QLatin1String("data"))
                                .toArray()
                                .at(0));
            return ok(data);
        }
    }
    if (path == QLatin1String("/api/v5/trade/orders-pending") ||
        path == QLatin1String("/api/v5/trade/orders-history")) {
        const bool pending = path.endsWith(QLatin1String("pending"));
        QJsonArray data;
        // Newest first, as OKX lists them.
        for (auto it = m_orderSequence.crbegin(); it != m_orderSequence.crend(); ++it) {
            const QJsonObject& o = m_orders[*it];
            const QString state = o.value(QLatin1String("state")).toString();
            const bool open = state == QLatin1String("live") || state == QLatin1String("partially_filled");
            if (open == pending &&
                (query.queryItemValue(QStringLiteral("instType")) == QLatin1String("SWAP")))
                data.append(o);
        }
        return ok(data);
    }
    if (path == QLatin1String("/api/v5/trade/orders-algo-pending")) {
        // ordType is required; only trigger orders are kept here.
        if (query.queryItemValue(QStringLiteral("ordType")).isEmpty())
            return compact(
                {{"code", "50014"}, {"msg", "Parameter ordType can not be empty."}, {"data", QJsonArray()}});
        QJsonArray data;
        for (auto it = m_algoSequence.crbegin(); it != m_algoSequence.crend(); ++it) {
            const QJsonObject& a = m_algos[*it];
            if (a.value(QLatin1String("state")).toString() == QLatin1String("live") &&
                query.queryItemValue(QStringLiteral("ordType")) == QLatin1String("trigger") &&
                query.queryItemValue(QStringLiteral("instType")) == QLatin1String("SWAP"))
                data.append(a);
        }
        return ok(data);
    }
    if (path == QLatin1String("/api/v5/trade/order-algo")) {
        const QString algoId = query.queryItemValue(QStringLiteral("algoId"));
        const QString algoClOrdId = query.queryItemValue(QStringLiteral("algoClOrdId"));
        for (const QJsonObject& a : std::as_const(m_algos)) {
            if ((!algoId.isEmpty() && a.value(QLatin1String("algoId")).toString() == algoId) ||
                (algoId.isEmpty() && !algoClOrdId.isEmpty() &&
                 a.value(QLatin1String("algoClOrdId")).toString() == algoClOrdId))
                return ok({a});
        }
        return compact({{"code", "51603"}, {"msg", "Order does not exist"}, {"data", QJsonArray()}});
    }
    if (path == QLatin1String("/api/v5/trade/order")) {
        const QString ordId = query.queryItemValue(QStringLiteral("ordId"));
        const QString clOrdId = query.queryItemValue(QStringLiteral("clOrdId"));
        for (const QJsonObject& o : m_orders) {
            if ((!ordId.isEmpty() && o.value(QLatin1String("ordId")).toString() == ordId) ||
                (ordId.isEmpty() && o.value(QLatin1String("clOrdId")).toString() == clOrdId))
                return ok({o});
        }
        return compact({{"code", "51603"}, {"msg", "Order does not exist"}, {"data", QJsonArray()}});
    }
    if (path == QLatin1String("/api/v5/trade/fills")) {
        QJsonArray data;
        if (query.queryItemValue(QStringLiteral("instType")) == QLatin1String("SWAP")) {
            for (auto it = m_fills.crbegin(); it != m_fills.crend(); ++it)
                data.append(*it);
        }
        return ok(data);
    }
    if (path == QLatin1String("/api/v5/account/positions")) {
        QJsonArray data;
        if (!m_position.isZero() && query.queryItemValue(QStringLiteral("instType")) == QLatin1String("SWAP"))
            data.append(positionJson());
        return ok(data);
    }
    if (path == QLatin1String("/api/v5/account/balance"))
        return ok({accountJson()});
    return compact({{"code", "50014"}, {"msg", "Parameter path error"}, {"data", QJsonArray()}});
}

QByteArray OkxVenue::placeOrder(const QJsonObject& body, const QJsonObject& extra)
{
    const QString clOrdId = body.value(QLatin1String("clOrdId")).toString();
    const QJsonObject item{
        {"clOrdId", clOrdId}, {"ordId", ""}, {"tag", ""}, {"ts", QString::number(nowMs())}};
    if (body.value(QLatin1String("instId")).toString() != QLatin1String(Symbol))
        return refused(item, QStringLiteral("51001"), QStringLiteral("Instrument ID does not exist"));
    for (const QJsonObject& o : m_orders) {
        if (!clOrdId.isEmpty() && o.value(QLatin1String("clOrdId")).toString() == clOrdId)
            return refused(item, QStringLiteral("51016"), QStringLiteral("Duplicated clOrdId"));
    }
    const QString ordType = body.value(QLatin1String("ordType")).toString();
    const bool market = ordType == QLatin1String("market");
    const auto size = Decimal::parse(body.value(QLatin1String("sz")).toString());
    const auto price = Decimal::parse(body.value(QLatin1String("px")).toString());
    if (!size || size->isZero() || (!market && !price))
        return refused(item, QStringLiteral("51000"), QStringLiteral("Parameter sz error"));
    // Attached TP/SL: every trigger on the tick with its order price (-1: market), as OKX checks them.
    const QJsonValue attachedValue = body.value(QLatin1String("attachAlgoOrds"));
    QJsonArray attached;
    if (!attachedValue.isUndefined()) {
        if (!attachedValue.isArray() || attachedValue.toArray().isEmpty())
            return refused(item, QStringLiteral("51000"), QStringLiteral("Parameter attachAlgoOrds error"));
        for (const QJsonValue& v : attachedValue.toArray()) {
            const QJsonObject algo = v.toObject();
            bool any = false;
            for (const char* leg : {"tp", "sl"}) {
                const QString trigger = QLatin1String(leg) + QLatin1String("TriggerPx");
                const QString orderPx = QLatin1String(leg) + QLatin1String("OrdPx");
                if (!algo.contains(trigger) && !algo.contains(orderPx))
                    continue;
                any = true;
                const auto px = Decimal::parse(algo.value(trigger).toString());
                if (!px || px->isNegative() || px->isZero() || !px->isMultipleOf(instrument().tickSize))
                    return refused(item, QStringLiteral("51000"),
                                   QStringLiteral("Parameter %1 error").arg(trigger));
                const QString ordPx = algo.value(orderPx).toString();
                if (ordPx != QLatin1String("-1") && !Decimal::parse(ordPx))
                    return refused(item, QStringLiteral("51000"),
                                   QStringLiteral("Parameter %1 error").arg(orderPx));
            }
            if (!any)
                return refused(item, QStringLiteral("51000"),
                               QStringLiteral("Parameter attachAlgoOrds error"));
            QJsonObject recorded = algo;
            recorded.insert(QStringLiteral("attachAlgoId"), QString::number(++m_nextId));
            attached.append(recorded);
        }
    }
    // Initial margin at 1× for simplicity: the whole notional must be in the balance.
    const Decimal notional = (market ? m_price : *price) * *size * kContractValue;
    if (Decimal::compare(notional, m_usdt) > 0)
        return refused(item, QStringLiteral("51008"),
                       QStringLiteral("Order failed. Insufficient USDT margin in account"));

    const QString ordId = QString::number(++m_nextId);
    const QString now = QString::number(nowMs());
    QJsonObject order{{"instType", "SWAP"},
                      {"instId", Symbol},
                      {"ordId", ordId},
                      {"clOrdId", clOrdId},
                      {"px", market ? QString() : body.value(QLatin1String("px")).toString()},
                      {"sz", body.value(QLatin1String("sz")).toString()},
                      {"ordType", ordType},
                      {"side", body.value(QLatin1String("side")).toString()},
                      {"posSide", "net"},
                      {"tdMode", body.value(QLatin1String("tdMode")).toString()},
                      {"accFillSz", "0"},
                      {"avgPx", ""},
                      {"state", "live"},
                      {"reduceOnly", body.value(QLatin1String("reduceOnly")).toBool() ? "true" : "false"},
                      {"fillPx", ""},
                      {"fillSz", "0"},
                      {"tradeId", ""},
                      {"fee", "0"},
                      {"feeCcy", "USDT"},
                      {"cancelSource", ""},
                      {"cancelSourceReason", ""},
                      {"attachAlgoOrds", attached},
                      {"cTime", now},
                      {"uTime", now}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        order.insert(it.key(), it.value());
    if (!attached.isEmpty())
        m_attachedAlgos.insert(ordId, attached);
    m_orders.insert(ordId, order);
    m_orderSequence.append(ordId);
    if (market) {
        order = fill(order, m_price, *size);
        pushOrder(order);
        pushPositionAndAccount();
    } else {
        pushOrder(order);
        push("account", accountJson(), false);
    }
    QJsonObject ack = item;
    ack.insert(QStringLiteral("ordId"), ordId);
    ack.insert(QStringLiteral("sCode"), QStringLiteral("0"));
    ack.insert(QStringLiteral("sMsg"), QStringLiteral("Order placed"));
    return ok({ack});
}

QJsonObject OkxVenue::fill(QJsonObject order, Decimal price, Decimal size)
{
    const bool buy = order.value(QLatin1String("side")).toString() == QLatin1String("buy");
    const Decimal notional = price * size * kContractValue;
    const Decimal fee = notional * kTakerFeeRate;
    // Net position: an opening fill moves the entry price, a reducing one keeps it.
    const Decimal signedSize = buy ? size : -size;
    const Decimal after = m_position + signedSize;
    if (m_position.isZero() || m_position.isNegative() == signedSize.isNegative()) {
        const Decimal weighted =
            m_entryPrice * (m_position.isNegative() ? -m_position : m_position) + price * size;
        const Decimal total = (after.isNegative() ? -after : after);
        // Average entry on the tick grid (the venue's own rounding is finer; enough for a test venue).
        const double avg = weighted.toDouble() / total.toDouble();
        m_entryPrice = Decimal::parse(QString::number(avg, 'f', 1)).value_or(price);
    } else if (after.isZero()) {
        m_entryPrice = Decimal();
    }
    m_position = after;
    m_usdt -= fee;
    const QString tradeId = QString::number(++m_nextId);
    const QString now = QString::number(nowMs());
    order.insert(QStringLiteral("state"), QStringLiteral("filled"));
    order.insert(QStringLiteral("accFillSz"), text(size));
    order.insert(QStringLiteral("avgPx"), text(price));
    order.insert(QStringLiteral("fillPx"), text(price));
    order.insert(QStringLiteral("fillSz"), text(size));
    order.insert(QStringLiteral("fillTime"), now);
    order.insert(QStringLiteral("fillFee"), text(-fee));
    order.insert(QStringLiteral("fillFeeCcy"), QStringLiteral("USDT"));
    order.insert(QStringLiteral("tradeId"), tradeId);
    order.insert(QStringLiteral("execType"), QStringLiteral("T"));
    order.insert(QStringLiteral("fee"), text(-fee));
    order.insert(QStringLiteral("uTime"), now);
    m_orders.insert(order.value(QLatin1String("ordId")).toString(), order);
    m_fills.append(QJsonObject{{"instType", "SWAP"},
                               {"instId", Symbol},
                               {"tradeId", tradeId},
                               {"ordId", order.value(QLatin1String("ordId"))},
                               {"clOrdId", order.value(QLatin1String("clOrdId"))},
                               {"side", order.value(QLatin1String("side"))},
                               {"fillPx", text(price)},
                               {"fillSz", text(size)},
                               {"fee", text(-fee)},
                               {"feeCcy", "USDT"},
                               {"execType", "T"},
                               {"posSide", "net"},
                               {"ts", now},
                               {"fillTime", now}});
    return order;
}

void OkxVenue::fillRestingOrder(const QString& orderId)
{
    const QJsonObject order = m_orders.value(orderId);
    const QJsonObject filled = fill(order, decimalOf(order, "px"), decimalOf(order, "sz"));
    pushOrder(filled);
    pushPositionAndAccount();
}

QByteArray OkxVenue::cancelOrder(const QJsonObject& body)
{
    const QString ordId = body.value(QLatin1String("ordId")).toString();
    const QString clOrdId = body.value(QLatin1String("clOrdId")).toString();
    for (auto it = m_orders.begin(); it != m_orders.end(); ++it) {
        if (!(ordId.isEmpty() ? it->value(QLatin1String("clOrdId")).toString() == clOrdId
                              : it.key() == ordId))
            continue;
        const QJsonObject item{{"ordId", it.key()}, {"clOrdId", it->value(QLatin1String("clOrdId"))}};
        const QString state = it->value(QLatin1String("state")).toString();
        if (state != QLatin1String("live") && state != QLatin1String("partially_filled"))
            break;
        it->insert(QStringLiteral("state"), QStringLiteral("canceled"));
        it->insert(QStringLiteral("cancelSource"), QStringLiteral("1"));
        it->insert(QStringLiteral("cancelSourceReason"), QStringLiteral("Order canceled by user"));
        it->insert(QStringLiteral("uTime"), QString::number(nowMs()));
        pushOrder(*it);
        push("account", accountJson(), false);
        QJsonObject entry = item;
        entry.insert(QStringLiteral("sCode"), QStringLiteral("0"));
        entry.insert(QStringLiteral("sMsg"), QString());
        return ok({entry});
    }
    return refused(
        {{"ordId", ordId}, {"clOrdId", clOrdId}}, QStringLiteral("51400"),
        QStringLiteral("Order cancellation failed as the order has been filled, canceled or does not exist"));
}

QByteArray OkxVenue::amendOrder(const QJsonObject& body)
{
    const QString ordId = body.value(QLatin1String("ordId")).toString();
    auto it = m_orders.find(ordId);
    const QJsonObject item{
        {"ordId", ordId}, {"clOrdId", body.value(QLatin1String("clOrdId"))}, {"reqId", ""}};
    if (it == m_orders.end() || it->value(QLatin1String("state")).toString() != QLatin1String("live"))
        return refused(
            item, QStringLiteral("51503"),
            QStringLiteral(
                "Order modification failed as the order has been filled, canceled or does not exist"));
    if (body.contains(QLatin1String("newPx")))
        it->insert(QStringLiteral("px"), body.value(QLatin1String("newPx")));
    if (body.contains(QLatin1String("newSz")))
        it->insert(QStringLiteral("sz"), body.value(QLatin1String("newSz")));
    it->insert(QStringLiteral("uTime"), QString::number(nowMs()));
    QJsonObject pushed = *it;
    pushed.insert(QStringLiteral("amendResult"), QStringLiteral("0"));
    pushOrder(pushed);
    QJsonObject entry = item;
    entry.insert(QStringLiteral("clOrdId"), it->value(QLatin1String("clOrdId")));
    entry.insert(QStringLiteral("sCode"), QStringLiteral("0"));
    entry.insert(QStringLiteral("sMsg"), QString());
    return ok({entry});
}

// ---- public stream ------------------------------------------------------------------------------------

void OkxVenue::onPublicMessage(const QByteArray& message)
{
    if (message == "ping") {
        m_public.send("pong");
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(message).object();
    const QString op = o.value(QLatin1String("op")).toString();
    if (op == QLatin1String("unsubscribe")) {
        for (const QJsonValue& v : o.value(QLatin1String("args")).toArray()) {
            const QJsonObject arg = v.toObject();
            m_publicTopics.removeAll(arg.value(QLatin1String("channel")).toString() + QLatin1Char(':') +
                                     arg.value(QLatin1String("instId")).toString());
            m_public.send(compact({{"event", "unsubscribe"}, {"arg", arg}, {"connId", "p1"}}));
        }
        return;
    }
    if (op != QLatin1String("subscribe"))
        return;
    for (const QJsonValue& v : o.value(QLatin1String("args")).toArray()) {
        const QJsonObject arg = v.toObject();
        const QString channel = arg.value(QLatin1String("channel")).toString();
        const QString instId = arg.value(QLatin1String("instId")).toString();
        if (!m_publicTopics.contains(channel + QLatin1Char(':') + instId))
            m_publicTopics.append(channel + QLatin1Char(':') + instId);
        m_public.send(compact({{"event", "subscribe"}, {"arg", arg}, {"connId", "p1"}}));
        if (channel == QLatin1String("books") && m_sendSnapshots)
            pushBookSnapshot();
        // The contract channels' current values, shaped as OKX documents them.
        const QString ts = QString::number(nowMs());
        QJsonObject data;
        if (channel == QLatin1String("mark-price"))
            data = {{"instType", "SWAP"}, {"instId", instId}, {"markPx", "60000.3"}, {"ts", ts}};
        else if (channel == QLatin1String("index-tickers"))
            data = {{"instId", instId},   {"idxPx", "60000.7"}, {"high24h", "61000"}, {"low24h", "59000"},
                    {"open24h", "59500"}, {"sodUtc0", "59600"}, {"sodUtc8", "59700"}, {"ts", ts}};
        else if (channel == QLatin1String("open-interest"))
            data = {{"instId", instId},   {"instType", "SWAP"},  {"oi", "123456"},
                    {"oiCcy", "1234.56"}, {"oiUsd", "74073600"}, {"ts", ts}};
        else if (channel == QLatin1String("funding-rate"))
            data = {{"instId", instId},
                    {"instType", "SWAP"},
                    {"fundingRate", "0.0001"},
                    {"fundingTime", "1700726400000"},
                    {"nextFundingRate", ""},
                    {"nextFundingTime", "1700755200000"},
                    {"method", "current_period"},
                    {"settState", "settled"},
                    {"ts", ts}};
        if (!data.isEmpty())
            m_public.send(compact({{"arg", arg}, {"data", QJsonArray{data}}}));
    }
}

void OkxVenue::pushBookSnapshot()
{
    m_bookSeq += 10;
    const QJsonObject data{
        {"asks", QJsonArray{QJsonArray{"60000.1", "5", "0", "2"}, QJsonArray{"60000.5", "7", "0", "1"}}},
        {"bids", QJsonArray{QJsonArray{"59999.9", "4", "0", "3"}, QJsonArray{"59999.5", "9", "0", "1"}}},
        {"ts", QString::number(nowMs())},
        {"checksum", 0},
        {"prevSeqId", -1},
        {"seqId", qint64(m_bookSeq)}};
    m_public.send(compact({{"arg", QJsonObject{{"channel", "books"}, {"instId", Symbol}}},
                           {"action", "snapshot"},
                           {"data", QJsonArray{data}}}));
}

void OkxVenue::pushBookUpdate(const QString& bidPrice, const QString& bidSize, bool gap)
{
    const std::int64_t previous = gap ? m_bookSeq + 1 : m_bookSeq;
    m_bookSeq = previous + 1;
    const QJsonObject data{
        {"asks", QJsonArray()},           {"bids", QJsonArray{QJsonArray{bidPrice, bidSize, "0", "1"}}},
        {"ts", QString::number(nowMs())}, {"checksum", 0},
        {"prevSeqId", qint64(previous)},  {"seqId", qint64(m_bookSeq)}};
    m_public.send(compact({{"arg", QJsonObject{{"channel", "books"}, {"instId", Symbol}}},
                           {"action", "update"},
                           {"data", QJsonArray{data}}}));
}

// ---- trigger (algo) orders ----------------------------------------------------------------------------
// https://www.okx.com/docs-v5/en/#order-book-trading-algo-trading-post-place-algo-order ,
// #order-book-trading-algo-trading-post-cancel-algo-order ,
// #order-book-trading-algo-trading-post-amend-algo-order

QByteArray OkxVenue::placeAlgo(const QJsonObject& body)
{
    const QString algoClOrdId = body.value(QLatin1String("algoClOrdId")).toString();
    const QJsonObject item{{"algoId", ""}, {"clOrdId", ""}, {"algoClOrdId", algoClOrdId}, {"tag", ""}};
    const auto refuse = [&item](const char* code, const QString& msg) {
        return refused(item, QString::fromLatin1(code), msg);
    };
    if (body.value(QLatin1String("instId")).toString() != QLatin1String(Symbol))
        return refuse("51001", QStringLiteral("Instrument ID does not exist"));
    if (body.value(QLatin1String("ordType")).toString() != QLatin1String("trigger"))
        return refuse("51000", QStringLiteral("Parameter ordType error"));
    if (body.value(QLatin1String("tdMode")).toString() != QLatin1String("cross"))
        return refuse("51000", QStringLiteral("Parameter tdMode error"));
    for (const QJsonObject& a : std::as_const(m_algos)) {
        if (!algoClOrdId.isEmpty() && a.value(QLatin1String("algoClOrdId")).toString() == algoClOrdId)
            return refuse("51065", QStringLiteral("algoClOrdId already exists."));
    }
    const auto size = Decimal::parse(body.value(QLatin1String("sz")).toString());
    if (!size || size->isZero() || size->isNegative() || !size->isMultipleOf(instrument().lotSize))
        return refuse("51000", QStringLiteral("Parameter sz error"));
    const auto triggerPx = Decimal::parse(body.value(QLatin1String("triggerPx")).toString());
    if (!triggerPx || triggerPx->isZero() || triggerPx->isNegative() ||
        !triggerPx->isMultipleOf(instrument().tickSize))
        return refuse("51000", QStringLiteral("Parameter triggerPx error"));
    const QString triggerPxType = body.value(QLatin1String("triggerPxType")).toString(QStringLiteral("last"));
    if (triggerPxType != QLatin1String("last") && triggerPxType != QLatin1String("index") &&
        triggerPxType != QLatin1String("mark"))
        return refuse("51000", QStringLiteral("Parameter triggerPxType error"));
    const QString orderPx = body.value(QLatin1String("orderPx")).toString();
    if (orderPx != QLatin1String("-1")) {
        const auto px = Decimal::parse(orderPx);
        if (!px || px->isZero() || px->isNegative() || !px->isMultipleOf(instrument().tickSize))
            return refuse("51000", QStringLiteral("Parameter orderPx error"));
    }
    const QString side = body.value(QLatin1String("side")).toString();
    const bool reduceOnly = body.value(QLatin1String("reduceOnly")).toBool();
    // A reduce-only order needs a position on the other side.
    if (reduceOnly && (m_position.isZero() || (side == QLatin1String("sell")) == m_position.isNegative()))
        return refuse("51169", QStringLiteral("Order failed because you don't have any positions in this "
                                              "direction for this contract to reduce or close."));

    const QString algoId = QString::number(++m_nextId);
    const QString now = QString::number(nowMs());
    const QJsonObject algo{{"instType", "SWAP"},
                           {"instId", Symbol},
                           {"algoId", algoId},
                           {"algoClOrdId", algoClOrdId},
                           {"clOrdId", ""},
                           {"ordId", ""},
                           {"ordIdList", QJsonArray()},
                           {"ordType", "trigger"},
                           {"state", "live"},
                           {"side", side},
                           {"posSide", "net"},
                           {"tdMode", "cross"},
                           {"sz", body.value(QLatin1String("sz")).toString()},
                           {"triggerPx", body.value(QLatin1String("triggerPx")).toString()},
                           {"triggerPxType", triggerPxType},
                           {"ordPx", orderPx},
                           {"advanceOrdType", body.value(QLatin1String("advanceOrdType")).toString()},
                           {"reduceOnly", reduceOnly ? "true" : "false"},
                           {"actualSz", "0"},
                           {"actualPx", ""},
                           {"actualSide", ""},
                           {"failCode", ""},
                           {"last", text(m_price)},
                           {"linkedOrd", QJsonObject{{"ordId", ""}}},
                           {"attachAlgoOrds", body.value(QLatin1String("attachAlgoOrds")).toArray()},
                           {"triggerTime", ""},
                           {"cTime", now},
                           {"uTime", now}};
    m_algos.insert(algoId, algo);
    m_algoSequence.append(algoId);
    // It fires when the last price crosses the trigger from where it is now.
    m_algoRises.insert(algoId, Decimal::compare(*triggerPx, m_price) > 0);
    pushAlgo(algo);
    QJsonObject ack = item;
    ack.insert(QStringLiteral("algoId"), algoId);
    ack.insert(QStringLiteral("sCode"), QStringLiteral("0"));
    ack.insert(QStringLiteral("sMsg"), QString());
    return ok({ack});
}

QString OkxVenue::addTriggerOrder(const QString& side, const QString& size, const QString& triggerPx,
                                  const QString& algoClOrdId)
{
    const bool loggedIn = m_businessStream.loggedIn;
    m_businessStream.loggedIn = false; // placed elsewhere while the stream may be down: not pushed
    QJsonObject order{{"instId", Symbol}, {"tdMode", "cross"},      {"side", side},   {"ordType", "trigger"},
                      {"sz", size},       {"triggerPx", triggerPx}, {"orderPx", "-1"}};
    if (!algoClOrdId.isEmpty())
        order.insert(QStringLiteral("algoClOrdId"), algoClOrdId);
    placeAlgo(order);
    m_businessStream.loggedIn = loggedIn;
    return m_algoSequence.last();
}

QByteArray OkxVenue::cancelAlgos(const QJsonArray& entries)
{
    ++m_cancelAlgoRequests;
    // At most 10 a request.
    if (entries.isEmpty() || entries.size() > 10)
        return compact({{"code", "51000"}, {"msg", "Parameter algoId error"}, {"data", QJsonArray()}});
    QJsonArray data;
    int failed = 0;
    for (const QJsonValue& v : entries) {
        const QJsonObject e = v.toObject();
        QString algoId = e.value(QLatin1String("algoId")).toString();
        const QString algoClOrdId = e.value(QLatin1String("algoClOrdId")).toString();
        if (algoId.isEmpty()) {
            for (const QJsonObject& a : std::as_const(m_algos)) {
                if (!algoClOrdId.isEmpty() && a.value(QLatin1String("algoClOrdId")).toString() == algoClOrdId)
                    algoId = a.value(QLatin1String("algoId")).toString();
            }
        }
        auto it = m_algos.find(algoId);
        QJsonObject result{{"algoId", algoId}, {"algoClOrdId", algoClOrdId}};
        if (it == m_algos.end() || it->value(QLatin1String("state")).toString() != QLatin1String("live") ||
            e.value(QLatin1String("instId")).toString() != QLatin1String(Symbol)) {
            ++failed;
            result.insert(QStringLiteral("sCode"), QStringLiteral("51400"));
            result.insert(QStringLiteral("sMsg"),
                          QStringLiteral("Cancellation failed as the order has been filled, canceled or does "
                                         "not exist."));
            data.append(result);
            continue;
        }
        it->insert(QStringLiteral("state"), QStringLiteral("canceled"));
        it->insert(QStringLiteral("uTime"), QString::number(nowMs()));
        pushAlgo(*it);
        result.insert(QStringLiteral("algoClOrdId"), it->value(QLatin1String("algoClOrdId")));
        result.insert(QStringLiteral("sCode"), QStringLiteral("0"));
        result.insert(QStringLiteral("sMsg"), QString());
        data.append(result);
    }
    if (failed == entries.size())
        return compact({{"code", "1"}, {"msg", "All operations failed"}, {"data", data}});
    if (failed > 0)
        return compact({{"code", "2"}, {"msg", "Batch operation partially succeeded"}, {"data", data}});
    return ok(data);
}

QByteArray OkxVenue::amendAlgo(const QJsonObject& body)
{
    const QString algoId = body.value(QLatin1String("algoId")).toString();
    auto it = m_algos.find(algoId);
    const QJsonObject item{
        {"algoId", algoId}, {"algoClOrdId", body.value(QLatin1String("algoClOrdId"))}, {"reqId", ""}};
    if (it == m_algos.end() || it->value(QLatin1String("state")).toString() != QLatin1String("live"))
        return refused(item, QStringLiteral("51503"),
                       QStringLiteral("Order modification failed as the order has been filled, canceled or "
                                      "does not exist"));
    if (body.contains(QLatin1String("newTriggerPx"))) {
        const auto px = Decimal::parse(body.value(QLatin1String("newTriggerPx")).toString());
        if (!px || px->isZero() || !px->isMultipleOf(instrument().tickSize))
            return refused(item, QStringLiteral("51000"), QStringLiteral("Parameter newTriggerPx error"));
        it->insert(QStringLiteral("triggerPx"), body.value(QLatin1String("newTriggerPx")));
        m_algoRises.insert(algoId, Decimal::compare(*px, m_price) > 0);
    }
    if (body.contains(QLatin1String("newOrdPx")))
        it->insert(QStringLiteral("ordPx"), body.value(QLatin1String("newOrdPx")));
    if (body.contains(QLatin1String("newSz")))
        it->insert(QStringLiteral("sz"), body.value(QLatin1String("newSz")));
    it->insert(QStringLiteral("uTime"), QString::number(nowMs()));
    QJsonObject pushed = *it;
    pushed.insert(QStringLiteral("amendResult"), QStringLiteral("0"));
    pushAlgo(pushed);
    QJsonObject entry = item;
    entry.insert(QStringLiteral("algoClOrdId"), it->value(QLatin1String("algoClOrdId")));
    entry.insert(QStringLiteral("sCode"), QStringLiteral("0"));
    entry.insert(QStringLiteral("sMsg"), QString());
    return ok({entry});
}

void OkxVenue::setPrice(Decimal price)
{
    m_price = price;
    for (const QString& algoId : QList<QString>(m_algoSequence)) {
        const QJsonObject& a = m_algos[algoId];
        if (a.value(QLatin1String("state")).toString() != QLatin1String("live"))
            continue;
        const int side = Decimal::compare(m_price, decimalOf(a, "triggerPx"));
        if (m_algoRises.value(algoId) ? side >= 0 : side <= 0)
            trigger(algoId);
    }
}

void OkxVenue::trigger(const QString& algoId)
{
    QJsonObject algo = m_algos.value(algoId);
    const QString ordPx = algo.value(QLatin1String("ordPx")).toString();
    const bool market = ordPx == QLatin1String("-1");
    QJsonObject body{{"instId", Symbol},
                     {"tdMode", "cross"},
                     {"side", algo.value(QLatin1String("side"))},
                     {"ordType", market ? "market" : "limit"},
                     {"sz", algo.value(QLatin1String("sz"))}};
    if (!market)
        body.insert(QStringLiteral("px"), ordPx);
    if (algo.value(QLatin1String("reduceOnly")).toString() == QLatin1String("true"))
        body.insert(QStringLiteral("reduceOnly"), true);
    const QString now = QString::number(nowMs());
    algo.insert(QStringLiteral("triggerTime"), now);
    algo.insert(QStringLiteral("uTime"), now);
    algo.insert(QStringLiteral("last"), text(m_price));
    // Its order's pushes (private stream) and this algo push (business stream) come in no fixed order,
    // as from OKX.
    const QJsonObject placed =
        QJsonDocument::fromJson(
            placeOrder(body, {{"algoId", algoId}, {"algoClOrdId", algo.value(QLatin1String("algoClOrdId"))}}))
            .object();
    const QJsonObject result = placed.value(QLatin1String("data")).toArray().at(0).toObject();
    const QString sCode = result.value(QLatin1String("sCode")).toString();
    if (sCode != QLatin1String("0")) {
        algo.insert(QStringLiteral("state"), QStringLiteral("order_failed"));
        algo.insert(QStringLiteral("failCode"), sCode);
    } else {
        const QString ordId = result.value(QLatin1String("ordId")).toString();
        algo.insert(QStringLiteral("state"), QStringLiteral("effective"));
        algo.insert(QStringLiteral("ordId"), ordId);
        algo.insert(QStringLiteral("ordIdList"), QJsonArray{ordId});
        algo.insert(QStringLiteral("actualSz"), algo.value(QLatin1String("sz")));
        algo.insert(QStringLiteral("actualPx"), market ? text(m_price) : ordPx);
        algo.insert(QStringLiteral("actualSide"), algo.value(QLatin1String("side")));
    }
    m_algos.insert(algoId, algo);
    pushAlgo(algo);
}
