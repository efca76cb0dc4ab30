#include "gmocoinvenue.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <cmath>

namespace {

constexpr const char* kSymbols =
    R"({"status":0,"data":[{"symbol":"BTC","minOrderSize":"0.0001","maxOrderSize":"5","sizeStep":"0.0001","tickSize":"1","takerFee":"0.0005","makerFee":"-0.0001"},)"
    R"({"symbol":"BTC_JPY","minOrderSize":"0.01","maxOrderSize":"5","sizeStep":"0.01","tickSize":"1","takerFee":"0","makerFee":"0"}],"responsetime":"2026-06-01T00:00:00.000Z"})";
constexpr const char* kKlines =
    R"({"status":0,"data":[{"openTime":"1780268400000","open":"15000000","high":"15000100","low":"14999900","close":"15000050","volume":"1.5"}],"responsetime":"2026-06-01T00:00:00.000Z"})";

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QByteArray ok(const QJsonValue& data = QJsonValue::Undefined)
{
    QJsonObject o{{"status", 0}, {"responsetime", now()}};
    if (!data.isUndefined())
        o.insert("data", data);
    return compact(o);
}

QByteArray error(const char* code, const char* message)
{
    return compact(QJsonObject{
        {"status", 1},
        {"messages", QJsonArray{QJsonObject{{"message_code", code}, {"message_string", message}}}},
        {"responsetime", now()}});
}

Decimal dec(const QJsonValue& v)
{
    return Decimal::parse(v.toString().toStdString()).value_or(Decimal());
}

LoopbackHttpServer::Response json(const QByteArray& body)
{
    LoopbackHttpServer::Response r;
    r.body = body;
    r.headers = {{"Content-Type", "application/json"}};
    return r;
}

} // namespace

GmocoinVenue::GmocoinVenue(const QString& key, const QByteArray& secret)
    : m_verifier(QStringLiteral("gmocoin"), key, secret)
    , m_privateServer(QStringLiteral("gmocoin-private"), QWebSocketServer::NonSecureMode)
{
    m_public.answerPings = false;
    m_verifier.server().json(QStringLiteral("/public/v1/symbols"), kSymbols);
    m_verifier.server().json(QStringLiteral("/public/v1/klines"), kKlines);
    m_verifier.setResponder([this](const LoopbackHttpServer::Request& r) { return answer(r); });
    connect(&m_public, &LoopbackWsServer::messageReceived, this, &GmocoinVenue::onPublicMessage);
    if (!m_privateServer.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen on 127.0.0.1");
    connect(&m_privateServer, &QWebSocketServer::newConnection, this, &GmocoinVenue::acceptPrivate);
}

GmocoinVenue::~GmocoinVenue()
{
    for (QWebSocket* c : std::as_const(m_privateClients)) {
        c->disconnect(this);
        delete c;
    }
}

Instrument GmocoinVenue::instrument(const char* symbol)
{
    Instrument i;
    i.venue = QStringLiteral("gmocoin");
    i.symbol = QString::fromLatin1(symbol);
    const bool leverage = i.symbol.contains(QLatin1Char('_'));
    i.category = leverage ? Category::Linear : Category::Spot;
    i.baseAsset = i.symbol.section(QLatin1Char('_'), 0, 0); // "ETH_JPY" → ETH
    i.quoteAsset = QStringLiteral("JPY");
    i.tickSize = *Decimal::parse("1");
    i.lotSize = *Decimal::parse(leverage ? "0.01" : "0.0001");
    i.minQuantity = i.lotSize;
    return i;
}

QUrl GmocoinVenue::privateStreamUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/private/v1").arg(m_privateServer.serverPort()));
}

// ---- public stream -------------------------------------------------------------------------------------

void GmocoinVenue::onPublicMessage(const QByteArray& message)
{
    const QJsonObject o = QJsonDocument::fromJson(message).object();
    const QString command = o.value(QLatin1String("command")).toString();
    if (command != QLatin1String("subscribe") && command != QLatin1String("unsubscribe"))
        return;
    if (m_gapMs > 0 && m_sinceCommand.isValid() && m_sinceCommand.elapsed() < m_gapMs) {
        ++m_refused;
        m_public.send(R"({"error":"ERR-5003 Request too many."})");
        return;
    }
    m_sinceCommand.start();
    if (command == QLatin1String("subscribe") &&
        o.value(QLatin1String("channel")).toString() == QLatin1String("orderbooks")) {
        ++m_bookSubscriptions;
        if (m_snapshotOnSubscribe)
            pushSnapshot(o.value(QLatin1String("symbol")).toString(), 15'000'000);
    }
}

void GmocoinVenue::pushSnapshot(const QString& symbol, qint64 mid)
{
    const QByteArray frame =
        QStringLiteral(
            R"({"channel":"orderbooks","asks":[{"price":"%1","size":"0.5"},{"price":"%2","size":"1.25"}],)"
            R"("bids":[{"price":"%3","size":"0.75"},{"price":"%4","size":"2"}],"symbol":"%5","timestamp":"2026-06-01T00:00:00.000Z"})")
            .arg(mid + 10)
            .arg(mid + 20)
            .arg(mid - 10)
            .arg(mid - 20)
            .arg(symbol)
            .toUtf8();
    m_public.send(frame);
}

void GmocoinVenue::pushTrade(const QString& symbol, qint64 price, const char* side)
{
    m_public.send(
        QStringLiteral(
            R"({"channel":"trades","price":"%1","side":"%2","size":"0.01","timestamp":"2026-06-01T00:00:01.000Z","symbol":"%3"})")
            .arg(price)
            .arg(QLatin1String(side), symbol)
            .toUtf8());
}

// ---- private stream ------------------------------------------------------------------------------------

void GmocoinVenue::acceptPrivate()
{
    while (QWebSocket* c = m_privateServer.nextPendingConnection()) {
        // wss://api.coin.z.com/ws/private/v1/{token}: an unknown token is turned away.
        const QString path = c->requestUrl().path();
        const QString prefix = QStringLiteral("/ws/private/v1/");
        if (!path.startsWith(prefix) || !m_tokens.contains(path.mid(prefix.size()))) {
            ++m_refusedPrivate;
            c->close(QWebSocketProtocol::CloseCodePolicyViolated);
            c->deleteLater();
            continue;
        }
        ++m_privateConnections;
        m_channels.clear();
        m_privateClients.append(c);
        connect(c, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            const QString command = o.value(QLatin1String("command")).toString();
            const QString channel = o.value(QLatin1String("channel")).toString();
            if (m_gapMs > 0 && m_sinceCommand.isValid() && m_sinceCommand.elapsed() < m_gapMs) {
                ++m_refused;
                for (QWebSocket* client : std::as_const(m_privateClients))
                    client->sendTextMessage(QStringLiteral(R"({"error":"ERR-5003 Request too many."})"));
                return;
            }
            m_sinceCommand.start();
            if (command == QLatin1String("subscribe"))
                m_channels.insert(channel);
            else if (command == QLatin1String("unsubscribe"))
                m_channels.remove(channel);
        });
        connect(c, &QWebSocket::disconnected, this, [this, c] {
            m_privateClients.removeAll(c);
            m_channels.clear();
            c->deleteLater();
        });
    }
}

void GmocoinVenue::dropPrivate()
{
    for (QWebSocket* c : std::as_const(m_privateClients))
        c->abort();
}

void GmocoinVenue::push(const char* channel, QJsonObject event)
{
    if (!m_channels.contains(QLatin1String(channel)))
        return;
    event.insert("channel", channel);
    const QString text = QString::fromUtf8(compact(event));
    for (QWebSocket* c : std::as_const(m_privateClients))
        c->sendTextMessage(text);
}

void GmocoinVenue::pushOrder(const QJsonObject& order, const char* msgType)
{
    push("orderEvents", QJsonObject{{"orderId", order.value("orderId")},
                                    {"symbol", order.value("symbol")},
                                    {"settleType", order.value("settleType")},
                                    {"executionType", order.value("executionType")},
                                    {"side", order.value("side")},
                                    {"orderStatus", order.value("status")},
                                    {"cancelType", order.value("cancelType").toString()},
                                    {"orderTimestamp", order.value("timestamp")},
                                    {"orderPrice", order.value("price")},
                                    {"orderSize", order.value("size")},
                                    {"orderExecutedSize", order.value("executedSize")},
                                    {"losscutPrice", "0"},
                                    {"timeInForce", order.value("timeInForce")},
                                    {"msgType", msgType}});
}

Decimal GmocoinVenue::positionSize(const QString& symbol, const char* side) const
{
    const bool buy = qstrcmp(side, "BUY") == 0;
    Decimal sum;
    for (const VenuePosition& p : m_positions) {
        if (p.symbol == symbol && p.buy == buy)
            sum += p.size;
    }
    return sum;
}

QStringList GmocoinVenue::positionIds(const QString& symbol, const char* side) const
{
    const bool buy = qstrcmp(side, "BUY") == 0;
    QStringList out;
    for (const VenuePosition& p : m_positions) {
        if (p.symbol == symbol && p.buy == buy)
            out.append(QString::number(p.id));
    }
    return out;
}

QJsonObject GmocoinVenue::positionSummary(const QString& symbol, bool buy) const
{
    Decimal size;
    Decimal notional;
    for (const VenuePosition& p : m_positions) {
        if (p.symbol == symbol && p.buy == buy) {
            size += p.size;
            notional += p.size * p.price;
        }
    }
    // Decimal has no division: the average rate to the yen (GMO's BTC_JPY tick) through a double.
    const Decimal average = size.isZero()
                                ? Decimal()
                                : Decimal::parse(QString::number(std::round(notional.toString().toDouble() /
                                                                            size.toString().toDouble()),
                                                                 'f', 0))
                                      .value_or(Decimal());
    return QJsonObject{{"symbol", symbol},
                       {"side", buy ? "BUY" : "SELL"},
                       {"averagePositionRate", average.toString()},
                       {"positionLossGain", "0"},
                       {"sumOrderQuantity", "0"},
                       {"sumPositionQuantity", size.toString()},
                       {"timestamp", now()}};
}

QJsonObject GmocoinVenue::positionJson(const VenuePosition& p) const
{
    return QJsonObject{{"positionId", p.id},        {"symbol", p.symbol}, {"side", p.buy ? "BUY" : "SELL"},
                       {"size", p.size.toString()}, {"orderdSize", "0"},  {"price", p.price.toString()},
                       {"lossGain", "0"},           {"leverage", "2"},    {"losscutPrice", "0"},
                       {"timestamp", p.timestamp}};
}

QByteArray GmocoinVenue::refuseClose(const QJsonObject& body, bool bulk) const
{
    const QString symbol = body.value("symbol").toString();
    const bool buy = body.value("side").toString() == QLatin1String("BUY");
    if (bulk) {
        // A BUY closes SELL positions and the other way round.
        const Decimal open = positionSize(symbol, buy ? "SELL" : "BUY");
        if (open.isZero())
            return error("ERR-422", "There are no open positions to settle for this symbol and side.");
        if (dec(body.value("size")) > open)
            return error("ERR-189", "The close order's quantity exceeds the open positions.");
        return {};
    }
    const QJsonObject settle = body.value("settlePosition").toArray().first().toObject();
    const qint64 id = settle.value("positionId").toInteger();
    const auto it = std::find_if(m_positions.begin(), m_positions.end(),
                                 [id](const VenuePosition& p) { return p.id == id; });
    if (it == m_positions.end() || it->symbol != symbol)
        return error("ERR-254", "The specified position does not exist.");
    if (it->buy == buy)
        return error("ERR-70", "The side of the close order does not match the position.");
    if (dec(settle.value("size")) > it->size)
        return error("ERR-189", "The close order's quantity exceeds the open positions.");
    return {};
}

qint64 GmocoinVenue::movePositions(const QJsonObject& order, Decimal size, Decimal price)
{
    const QString symbol = order.value("symbol").toString();
    const bool buy = order.value("side").toString() == QLatin1String("BUY");
    if (order.value("settleType").toString() != QLatin1String("CLOSE")) {
        VenuePosition opened{m_nextPositionId++, symbol, buy, size, price, now()};
        m_positions.push_back(opened);
        QJsonObject event = positionJson(opened);
        event.insert("msgType", "OPR");
        push("positionEvents", event);
        return opened.id;
    }
    // Closes positions of the other side: the one closeOrder named, or the oldest first.
    const qint64 only = m_settles.value(order.value("orderId").toVariant().toString(), 0);
    qint64 touched = 0;
    Decimal left = size;
    for (auto it = m_positions.begin(); it != m_positions.end() && left > Decimal();) {
        if (it->symbol != symbol || it->buy == buy || (only && it->id != only)) {
            ++it;
            continue;
        }
        const Decimal closed = left < it->size ? left : it->size;
        left -= closed;
        it->size -= closed;
        if (!touched)
            touched = it->id;
        QJsonObject event = positionJson(*it);
        if (it->size.isZero()) {
            event.insert("size", closed.toString());
            event.insert("msgType", "CPR");
            it = m_positions.erase(it);
        } else {
            event.insert("msgType", "UPR");
            ++it;
        }
        push("positionEvents", event);
    }
    return touched;
}

void GmocoinVenue::fill(QJsonObject& order, Decimal price)
{
    const Decimal size = dec(order.value("size"));
    const bool buy = order.value("side").toString() == QLatin1String("BUY");
    const QString symbol = order.value("symbol").toString();
    const bool leverage = symbol.contains(QLatin1Char('_'));
    order.insert("executedSize", size.toString());
    order.insert("status", "EXECUTED");
    const QString executionId = QString::number(m_nextExecutionId++);
    const qint64 positionId = leverage ? movePositions(order, size, price) : 0;
    const QJsonObject execution{{"executionId", executionId.toLongLong()},
                                {"orderId", order.value("orderId")},
                                {"positionId", positionId},
                                {"symbol", symbol},
                                {"side", order.value("side")},
                                {"settleType", order.value("settleType")},
                                {"size", size.toString()},
                                {"price", price.toString()},
                                {"lossGain", "0"},
                                {"fee", "0"},
                                {"timestamp", now()}};
    m_executions.append(execution);
    if (!leverage) {
        const Decimal notional = price * size;
        m_jpy += buy ? -notional : notional;
        m_btc += buy ? size : -size;
    }
    push("executionEvents", QJsonObject{{"orderId", order.value("orderId")},
                                        {"executionId", executionId.toLongLong()},
                                        {"symbol", symbol},
                                        {"settleType", order.value("settleType")},
                                        {"executionType", order.value("executionType")},
                                        {"side", order.value("side")},
                                        {"executionPrice", price.toString()},
                                        {"executionSize", size.toString()},
                                        {"positionId", positionId},
                                        {"orderTimestamp", order.value("timestamp")},
                                        {"executionTimestamp", now()},
                                        {"lossGain", "0"},
                                        {"fee", "0"},
                                        {"orderPrice", order.value("price")},
                                        {"orderSize", size.toString()},
                                        {"orderExecutedSize", size.toString()},
                                        {"timeInForce", order.value("timeInForce")},
                                        {"msgType", "ER"}});
    if (leverage) {
        // The side the fill moved: an opening buy the long side, a closing buy the short side.
        const bool movedBuy = order.value("settleType").toString() == QLatin1String("CLOSE") ? !buy : buy;
        if (!positionSize(symbol, movedBuy ? "BUY" : "SELL").isZero()) {
            QJsonObject summary = positionSummary(symbol, movedBuy);
            summary.insert("msgType", "UPDATE");
            push("positionSummaryEvents", summary);
        }
    }
}

void GmocoinVenue::fillRestingOrder(const QString& orderId)
{
    auto it = m_orders.find(orderId);
    if (it == m_orders.end() || it->value("status").toString() != QLatin1String("ORDERED"))
        qFatal("no resting order %s", qPrintable(orderId));
    fill(*it, dec(it->value("price")));
}

QByteArray GmocoinVenue::placeOrder(const QJsonObject& body, bool close)
{
    const QString type = body.value("executionType").toString();
    const bool one = body.contains(QLatin1String("settlePosition")); // closeOrder: one position
    const Decimal size = dec(one ? body.value("settlePosition").toArray().first().toObject().value("size")
                                 : body.value("size"));
    if (type == QLatin1String("LIMIT") && size > *Decimal::parse("3"))
        return error("ERR-201", "Trading margin is insufficient");
    if (close) {
        if (const QByteArray refused = refuseClose(body, !one); !refused.isEmpty())
            return refused;
    }
    const QString id = QString::number(m_nextOrderId++);
    if (one)
        m_settles.insert(
            id, body.value("settlePosition").toArray().first().toObject().value("positionId").toInteger());
    QJsonObject order{
        {"rootOrderId", id.toLongLong()},
        {"orderId", id.toLongLong()},
        {"symbol", body.value("symbol")},
        {"side", body.value("side")},
        {"orderType", "NORMAL"},
        {"executionType", type},
        {"settleType", close ? "CLOSE" : "OPEN"},
        {"size", size.toString()},
        {"executedSize", "0"},
        {"price", type == QLatin1String("MARKET") ? QStringLiteral("0") : body.value("price").toString()},
        {"losscutPrice", "0"},
        {"status", "ORDERED"},
        {"timeInForce", body.value("timeInForce").toString(type == QLatin1String("LIMIT") ? "FAS" : "FAK")},
        {"timestamp", now()}};
    if (type == QLatin1String("MARKET")) {
        fill(order, m_price);
    } else {
        pushOrder(order, "NOR");
    }
    m_orders.insert(id, order);
    return ok(id);
}

std::optional<LoopbackHttpServer::Response> GmocoinVenue::answer(const LoopbackHttpServer::Request& r)
{
    const QString path = r.url.path();
    const QUrlQuery query(r.url);
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    if (path == QLatin1String("/private/v1/ws-auth")) {
        if (r.method == "POST") {
            const QString token = QStringLiteral("token%1").arg(++m_tokensIssued);
            m_tokens.insert(token);
            return json(ok(token));
        }
        if (r.method == "PUT") {
            if (!m_tokens.contains(body.value("token").toString()))
                return json(error("ERR-5130", "Invalid token."));
            ++m_tokensExtended;
            return json(ok());
        }
        return json(ok());
    }
    if (path == QLatin1String("/private/v1/order"))
        return json(placeOrder(body, false));
    if (path == QLatin1String("/private/v1/closeBulkOrder") ||
        path == QLatin1String("/private/v1/closeOrder"))
        return json(placeOrder(body, true));
    if (path == QLatin1String("/private/v1/changeOrder")) {
        auto it = m_orders.find(QString::number(body.value("orderId").toInteger()));
        if (it == m_orders.end() || it->value("status").toString() != QLatin1String("ORDERED"))
            return json(
                error("ERR-5122", "The request is invalid due to the status of the specified order."));
        it->insert("price", body.value("price"));
        pushOrder(*it, "ROR");
        return json(ok());
    }
    if (path == QLatin1String("/private/v1/cancelOrder") ||
        path == QLatin1String("/private/v1/cancelBulkOrder")) {
        QStringList ids;
        if (path.endsWith(QLatin1String("cancelOrder"))) {
            ids.append(QString::number(body.value("orderId").toInteger()));
        } else {
            const QJsonArray symbols = body.value("symbols").toArray();
            for (auto it = m_orders.begin(); it != m_orders.end(); ++it) {
                if (symbols.contains(it->value("symbol")) &&
                    it->value("status").toString() == QLatin1String("ORDERED"))
                    ids.append(it.key());
            }
        }
        QJsonArray done;
        for (const QString& id : std::as_const(ids)) {
            auto it = m_orders.find(id);
            if (it == m_orders.end() || it->value("status").toString() != QLatin1String("ORDERED")) {
                if (path.endsWith(QLatin1String("cancelOrder")))
                    return json(error("ERR-5122",
                                      "The request is invalid due to the status of the specified order."));
                continue;
            }
            it->insert("status", "CANCELED");
            it->insert("cancelType", "USER");
            pushOrder(*it, "COR");
            done.append(id.toLongLong());
        }
        return json(path.endsWith(QLatin1String("cancelOrder")) ? ok() : ok(done));
    }
    if (path == QLatin1String("/private/v1/activeOrders")) {
        QJsonArray list;
        for (const QJsonObject& o : std::as_const(m_orders)) {
            if (o.value("status").toString() == QLatin1String("ORDERED") &&
                o.value("symbol").toString() == query.queryItemValue(QStringLiteral("symbol")))
                list.append(o);
        }
        return json(
            ok(QJsonObject{{"pagination", QJsonObject{{"currentPage", 1}, {"count", 100}}}, {"list", list}}));
    }
    if (path == QLatin1String("/private/v1/orders")) {
        QJsonArray list;
        for (const QString& id : query.queryItemValue(QStringLiteral("orderId")).split(QLatin1Char(','))) {
            if (m_orders.contains(id))
                list.append(m_orders.value(id));
        }
        return json(ok(QJsonObject{{"list", list}}));
    }
    if (path == QLatin1String("/private/v1/latestExecutions")) {
        QJsonArray list;
        for (const QJsonValue& e : std::as_const(m_executions)) {
            if (e.toObject().value("symbol").toString() == query.queryItemValue(QStringLiteral("symbol")))
                list.append(e);
        }
        return json(
            ok(QJsonObject{{"pagination", QJsonObject{{"currentPage", 1}, {"count", 100}}}, {"list", list}}));
    }
    if (path == QLatin1String("/private/v1/positionSummary")) {
        // Each symbol's open sides (the symbol query narrows it to one); a side with nothing is absent.
        const QString only = query.queryItemValue(QStringLiteral("symbol"));
        QStringList symbols;
        for (const VenuePosition& p : m_positions) {
            if (!symbols.contains(p.symbol) && (only.isEmpty() || p.symbol == only))
                symbols.append(p.symbol);
        }
        QJsonArray list;
        for (const QString& symbol : std::as_const(symbols)) {
            for (const bool buy : {true, false}) {
                if (!positionSize(symbol, buy ? "BUY" : "SELL").isZero())
                    list.append(positionSummary(symbol, buy));
            }
        }
        return json(ok(QJsonObject{{"list", list}}));
    }
    if (path == QLatin1String("/private/v1/openPositions")) {
        QJsonArray list;
        for (const VenuePosition& p : m_positions) {
            if (p.symbol == query.queryItemValue(QStringLiteral("symbol")))
                list.append(positionJson(p));
        }
        return json(
            ok(QJsonObject{{"pagination", QJsonObject{{"currentPage", 1}, {"count", 100}}}, {"list", list}}));
    }
    if (path == QLatin1String("/private/v1/account/assets")) {
        return json(ok(QJsonArray{QJsonObject{{"symbol", "JPY"},
                                              {"amount", m_jpy.toString()},
                                              {"available", m_jpy.toString()},
                                              {"conversionRate", "1"}},
                                  QJsonObject{{"symbol", "BTC"},
                                              {"amount", m_btc.toString()},
                                              {"available", m_btc.toString()},
                                              {"conversionRate", m_price.toString()}}}));
    }
    return std::nullopt;
}
