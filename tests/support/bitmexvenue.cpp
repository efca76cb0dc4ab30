#include "bitmexvenue.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace {

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray json(const QJsonArray& a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

LoopbackHttpServer::Response error(int status, const QString& name, const QString& message)
{
    return {status, json(QJsonObject{{"error", QJsonObject{{"message", message}, {"name", name}}}}), {}};
}

constexpr qint64 kAccount = 123456;
constexpr qint64 kBestBid = 36000;
constexpr qint64 kBestAsk = 36001;

QJsonArray bookRows(const QString& ts)
{
    auto row = [&](qint64 id, const char* side, qint64 size, double price) {
        return QJsonObject{{"symbol", "XBTUSD"}, {"id", id},       {"side", side},
                           {"size", size},       {"price", price}, {"timestamp", ts}};
    };
    return {row(8796001002, "Sell", 3000, 36001.5), row(8796001001, "Sell", 5000, 36001),
            row(8796002001, "Buy", 4000, 36000), row(8796002002, "Buy", 6000, 35999.5)};
}

bool isOpen(const QJsonObject& row)
{
    const QString s = row.value("ordStatus").toString();
    return s == QLatin1String("New") || s == QLatin1String("PartiallyFilled");
}

} // namespace

BitmexVenue::BitmexVenue(const QString& key, const QByteArray& secret)
    : m_verifier(QStringLiteral("bitmex"), key, secret)
    , m_server(QStringLiteral("bitmex"), QWebSocketServer::NonSecureMode)
{
    m_verifier.setResponder(
        [this](const Request& r) { return std::optional<LoopbackHttpServer::Response>(handle(r)); });
    // Public REST: no key needed.
    const QJsonArray instruments{QJsonObject{{"symbol", "XBTUSD"},
                                             {"rootSymbol", "XBT"},
                                             {"state", "Open"},
                                             {"typ", "FFWCSX"},
                                             {"underlying", "XBT"},
                                             {"quoteCurrency", "USD"},
                                             {"settlCurrency", "XBt"},
                                             {"isQuanto", false},
                                             {"isInverse", true},
                                             {"tickSize", 0.5},
                                             {"lotSize", 100},
                                             {"multiplier", -100000000},
                                             {"underlyingToSettleMultiplier", -100000000},
                                             {"maxOrderQty", 10000000}}};
    m_verifier.server().json(QStringLiteral("/api/v1/instrument/active"), json(instruments));
    // /trade/bucketed: 5m bins from m_fiveMinuteBins, newest first (reverse=true), only the columns asked
    // for (with the item keys timestamp and symbol, which BitMEX always sends); other bin sizes: none.
    for (const auto& [end, open, close] : {std::tuple{"2026-11-26T03:10:00.000Z", 36000.0, 36005.0},
                                           std::tuple{"2026-11-26T03:15:00.000Z", 36005.0, 36015.0},
                                           std::tuple{"2026-11-26T03:20:00.000Z", 36015.0, 36025.5},
                                           std::tuple{"2026-11-26T03:25:00.000Z", 36025.5, 36001.0},
                                           std::tuple{"2026-11-26T03:30:00.000Z", 36001.0, 36000.5},
                                           std::tuple{"2026-11-26T03:35:00.000Z", 36000.5, 36090.0}})
        m_fiveMinuteBins.append(binRow(QString::fromLatin1(end), open, std::max(open, close) + 10,
                                       std::min(open, close) - 10, close, 0.25));
    m_verifier.server().route(QStringLiteral("/api/v1/trade/bucketed"), [this](const Request& request) {
        m_lastBucketedQuery = QUrlQuery(request.url);
        QJsonArray out;
        if (m_lastBucketedQuery.queryItemValue(QStringLiteral("binSize")) != QLatin1String("5m"))
            return Response{200, "[]", {}};
        const QJsonArray columns =
            QJsonDocument::fromJson(
                m_lastBucketedQuery.queryItemValue(QStringLiteral("columns"), QUrl::FullyDecoded).toUtf8())
                .array();
        for (qsizetype k = m_fiveMinuteBins.size() - 1; k >= 0; --k) {
            QJsonObject row = m_fiveMinuteBins.at(k).toObject();
            if (!columns.isEmpty()) {
                QJsonObject kept{{"timestamp", row.value("timestamp")}, {"symbol", row.value("symbol")}};
                for (const QJsonValue& c : columns)
                    kept.insert(c.toString(), row.value(c.toString()));
                row = kept;
            }
            out.append(row);
        }
        return Response{200, json(out), {}};
    });
    m_position = QJsonObject{{"account", kAccount},    {"symbol", "XBTUSD"},
                             {"currency", "XBt"},      {"underlying", "XBT"},
                             {"quoteCurrency", "USD"}, {"currentQty", 0},
                             {"isOpen", false},        {"avgEntryPrice", QJsonValue()},
                             {"markPrice", 36000.5},   {"unrealisedPnl", 0},
                             {"realisedPnl", 0},       {"liquidationPrice", QJsonValue()},
                             {"timestamp", now()}};
    m_margin = QJsonObject{{"account", kAccount},        {"currency", "XBt"},
                           {"amount", 100000000},        {"walletBalance", 100000000},
                           {"marginBalance", 100000000}, {"availableMargin", 100000000},
                           {"realisedPnl", 0},           {"timestamp", now()}};
    connect(&m_server, &QWebSocketServer::newConnection, this, &BitmexVenue::accept);
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen on 127.0.0.1");
}

BitmexVenue::~BitmexVenue()
{
    for (Client* c : std::as_const(m_clients)) {
        c->socket->disconnect(this);
        delete c->socket;
        delete c;
    }
}

QUrl BitmexVenue::streamUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/realtime").arg(m_server.serverPort()));
}

QString BitmexVenue::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_verifier.nowMs(), Qt::UTC).toString(Qt::ISODateWithMs);
}

void BitmexVenue::accept()
{
    while (QWebSocket* socket = m_server.nextPendingConnection()) {
        auto* client = new Client{socket, false, {}};
        m_clients.append(client);
        connect(socket, &QWebSocket::textMessageReceived, this, [this, client](const QString& text) {
            const QByteArray message = text.toUtf8();
            received.append(message);
            onMessage(*client, message);
        });
        connect(socket, &QWebSocket::disconnected, this, [this, client] {
            m_clients.removeAll(client);
            client->socket->deleteLater();
            delete client;
        });
        socket->sendTextMessage(
            QString::fromUtf8(json(QJsonObject{{"info", "Welcome to the BitMEX Realtime API."},
                                               {"version", "2.0.0"},
                                               {"timestamp", now()},
                                               {"docs", "https://www.bitmex.com/app/wsAPI"},
                                               {"heartbeatEnabled", false},
                                               {"limit", QJsonObject()}})));
    }
}

void BitmexVenue::onMessage(Client& client, const QByteArray& message)
{
    if (message == "ping") {
        client.socket->sendTextMessage(QStringLiteral("pong"));
        return;
    }
    const QJsonObject request = QJsonDocument::fromJson(message).object();
    const QString op = request.value("op").toString();
    const QJsonArray args = request.value("args").toArray();
    auto send = [&client](const QJsonObject& o) {
        client.socket->sendTextMessage(QString::fromUtf8(json(o)));
    };
    if (op == QLatin1String("authKeyExpires")) {
        ++m_logins;
        const QJsonValue expires = args.at(1);
        const QByteArray expiresText =
            expires.isDouble() ? QByteArray::number(expires.toInteger()) : expires.toString().toLatin1();
        const auto refused = m_verifier.verifyStreamLogin(args.at(0).toString(), expiresText,
                                                          args.at(2).toString().toLatin1());
        if (refused) {
            send({{"status", refused->httpStatus},
                  {"error", refused->message},
                  {"meta", QJsonObject()},
                  {"request", request}});
            return;
        }
        ++m_acceptedLogins;
        client.authenticated = true;
        send({{"success", true}, {"request", request}});
        return;
    }
    if (op == QLatin1String("subscribe")) {
        for (const QJsonValue& topic : args)
            subscribe(client, topic.toString(), request);
        return;
    }
    if (op == QLatin1String("unsubscribe")) {
        for (const QJsonValue& topic : args) {
            client.topics.remove(topic.toString());
            send({{"success", true}, {"unsubscribe", topic.toString()}, {"request", request}});
        }
        return;
    }
    send({{"status", 400},
          {"error", "Unknown or missing op."},
          {"meta", QJsonObject()},
          {"request", request}});
}

void BitmexVenue::subscribe(Client& client, const QString& topic, const QJsonObject& request)
{
    auto send = [&client](const QJsonObject& o) {
        client.socket->sendTextMessage(QString::fromUtf8(json(o)));
    };
    const QString table = topic.section(QLatin1Char(':'), 0, 0);
    const bool isPrivate = table == QLatin1String("order") || table == QLatin1String("execution") ||
                           table == QLatin1String("position") || table == QLatin1String("margin");
    if (isPrivate && !client.authenticated) {
        send({{"status", 401},
              {"error", "User requested an account-locked subscription but no authorization was provided."},
              {"meta", QJsonObject()},
              {"request", request}});
        return;
    }
    client.topics.insert(topic);
    send({{"success", true}, {"subscribe", topic}, {"request", request}});
    QJsonArray data;
    QJsonObject partial{{"table", table},
                        {"action", "partial"},
                        {"keys", QJsonArray{"symbol", "id", "side"}},
                        {"types", QJsonObject()},
                        {"foreignKeys", QJsonObject()},
                        {"attributes", QJsonObject()}};
    if (table == QLatin1String("orderBookL2")) {
        ++m_bookPartials;
        data = bookRows(now());
        partial.insert("filter", QJsonObject{{"symbol", topic.section(QLatin1Char(':'), 1)}});
    } else if (table == QLatin1String("order")) {
        data = openOrders();
        partial.insert("keys", QJsonArray{"orderID"});
        partial.insert("filter", QJsonObject{{"account", kAccount}});
    } else if (table == QLatin1String("execution")) {
        data = m_executions;
        partial.insert("keys", QJsonArray{"execID"});
    } else if (table == QLatin1String("position")) {
        data = QJsonArray{m_position};
        partial.insert("keys", QJsonArray{"account", "symbol"});
    } else if (table == QLatin1String("margin")) {
        data = QJsonArray{m_margin};
        partial.insert("keys", QJsonArray{"account", "currency"});
    } else if (table == QLatin1String("instrument")) {
        data = QJsonArray{QJsonObject{{"symbol", "XBTUSD"},
                                      {"lastPrice", 36000.5},
                                      {"bidPrice", 36000},
                                      {"askPrice", 36001},
                                      {"markPrice", 36000.5},
                                      {"timestamp", now()}}};
    }
    partial.insert("data", data);
    send(partial);
}

QJsonObject BitmexVenue::binRow(const QString& end, double open, double high, double low, double close,
                                double homeNotional)
{
    return QJsonObject{{"timestamp", end},       {"symbol", "XBTUSD"},  {"open", open},
                       {"high", high},           {"low", low},          {"close", close},
                       {"trades", 10},           {"volume", 1000},      {"vwap", (open + close) / 2},
                       {"lastSize", 100},        {"turnover", 2777777}, {"homeNotional", homeNotional},
                       {"foreignNotional", 1000}};
}

void BitmexVenue::addFiveMinuteBin(const QString& end, double open, double high, double low, double close,
                                   double homeNotional)
{
    const QJsonObject row = binRow(end, open, high, low, close, homeNotional);
    m_fiveMinuteBins.append(row);
    const QString frame = QString::fromUtf8(
        json(QJsonObject{{"table", "tradeBin5m"}, {"action", "insert"}, {"data", QJsonArray{row}}}));
    for (Client* c : std::as_const(m_clients)) {
        if (c->topics.contains(QStringLiteral("tradeBin5m:XBTUSD")))
            c->socket->sendTextMessage(frame);
    }
}

void BitmexVenue::pushPrivate(const QString& table, const QString& action, const QJsonArray& rows)
{
    const QString frame =
        QString::fromUtf8(json(QJsonObject{{"table", table}, {"action", action}, {"data", rows}}));
    for (Client* c : std::as_const(m_clients)) {
        if (c->authenticated && c->topics.contains(table))
            c->socket->sendTextMessage(frame);
    }
}

void BitmexVenue::dropPrivateStreams()
{
    for (Client* c : QList<Client*>(m_clients)) {
        if (c->authenticated)
            c->socket->abort();
    }
}

void BitmexVenue::dropPublicStreams()
{
    for (Client* c : QList<Client*>(m_clients)) {
        if (!c->authenticated)
            c->socket->abort();
    }
}

void BitmexVenue::pushUpdateForUnknownLevel()
{
    const QString frame =
        QString::fromUtf8(json(QJsonObject{{"table", "orderBookL2"},
                                           {"action", "update"},
                                           {"data", QJsonArray{QJsonObject{{"symbol", "XBTUSD"},
                                                                           {"id", 8796999999LL},
                                                                           {"side", "Buy"},
                                                                           {"size", 700},
                                                                           {"price", 35990},
                                                                           {"timestamp", now()}}}}}));
    for (Client* c : std::as_const(m_clients)) {
        if (c->topics.contains(QStringLiteral("orderBookL2:XBTUSD")))
            c->socket->sendTextMessage(frame);
    }
}

QJsonArray BitmexVenue::openOrders() const
{
    QJsonArray out;
    for (const QJsonObject& row : m_orders) {
        if (isOpen(row))
            out.append(row);
    }
    return out;
}

void BitmexVenue::cancelAllOnVenue()
{
    QJsonArray changed;
    for (QJsonObject& row : m_orders) {
        if (isOpen(row)) {
            cancel(row, QStringLiteral("Canceled: Cancel from www.bitmex.com\nSubmitted via API."));
            changed.append(row);
        }
    }
    if (!changed.isEmpty())
        pushPrivate(QStringLiteral("order"), QStringLiteral("update"), changed);
}

void BitmexVenue::cancel(QJsonObject& row, const QString& why)
{
    row.insert("ordStatus", "Canceled");
    row.insert("leavesQty", 0);
    row.insert("workingIndicator", false);
    row.insert("text", why);
    row.insert("timestamp", now());
}

void BitmexVenue::fill(QJsonObject& row, qint64 price)
{
    const qint64 qty = row.value("orderQty").toInteger();
    const bool buy = row.value("side").toString() == QLatin1String("Buy");
    // Inverse: the value in XBt is qty / price BTC; the taker fee 0.075 % of it.
    const qint64 value = qty * 100'000'000 / price;
    const qint64 fee = std::llround(double(value) * 0.00075);
    row.insert("ordStatus", "Filled");
    row.insert("cumQty", qty);
    row.insert("leavesQty", 0);
    row.insert("avgPx", double(price));
    row.insert("workingIndicator", false);
    row.insert("timestamp", now());
    const QJsonObject exec{{"execID", QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {"orderID", row.value("orderID")},
                           {"clOrdID", row.value("clOrdID")},
                           {"account", kAccount},
                           {"symbol", "XBTUSD"},
                           {"side", row.value("side")},
                           {"lastQty", qty},
                           {"lastPx", double(price)},
                           {"lastLiquidityInd", "RemovedLiquidity"},
                           {"orderQty", qty},
                           {"currency", "USD"},
                           {"settlCurrency", "XBt"},
                           {"execType", "Trade"},
                           {"ordType", row.value("ordType")},
                           {"ordStatus", "Filled"},
                           {"leavesQty", 0},
                           {"cumQty", qty},
                           {"avgPx", double(price)},
                           {"commission", 0.00075},
                           {"execComm", fee},
                           {"trdMatchID", QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {"transactTime", now()},
                           {"timestamp", now()}};
    m_executions.append(exec);
    const qint64 current = m_position.value("currentQty").toInteger() + (buy ? qty : -qty);
    m_position.insert("currentQty", current);
    m_position.insert("isOpen", current != 0);
    m_position.insert("avgEntryPrice", current != 0 ? QJsonValue(double(price)) : QJsonValue());
    m_position.insert("timestamp", now());
    const qint64 wallet = m_margin.value("walletBalance").toInteger() - fee;
    m_margin.insert("walletBalance", wallet);
    m_margin.insert("marginBalance", wallet);
    m_margin.insert("availableMargin", wallet);
    m_margin.insert("realisedPnl", m_margin.value("realisedPnl").toInteger() - fee);
    m_margin.insert("timestamp", now());
    pushPrivate(QStringLiteral("execution"), QStringLiteral("insert"), {exec});
    pushPrivate(QStringLiteral("order"), QStringLiteral("update"),
                {QJsonObject{{"orderID", row.value("orderID")},
                             {"clOrdID", row.value("clOrdID")},
                             {"account", kAccount},
                             {"symbol", "XBTUSD"},
                             {"ordStatus", "Filled"},
                             {"cumQty", qty},
                             {"leavesQty", 0},
                             {"avgPx", double(price)},
                             {"workingIndicator", false},
                             {"timestamp", now()}}});
    pushPrivate(QStringLiteral("position"), QStringLiteral("update"),
                {QJsonObject{{"account", kAccount},
                             {"symbol", "XBTUSD"},
                             {"currency", "XBt"},
                             {"currentQty", current},
                             {"isOpen", current != 0},
                             {"avgEntryPrice", m_position.value("avgEntryPrice")},
                             {"timestamp", now()}}});
    pushPrivate(QStringLiteral("margin"), QStringLiteral("update"),
                {QJsonObject{{"account", kAccount},
                             {"currency", "XBt"},
                             {"walletBalance", wallet},
                             {"marginBalance", wallet},
                             {"availableMargin", wallet},
                             {"timestamp", now()}}});
}

BitmexVenue::Response BitmexVenue::handle(const Request& request)
{
    const QString path = request.url.path();
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QUrlQuery query(request.url);
    if (path == QLatin1String("/api/v1/order")) {
        if (request.method == "POST")
            return placeOrder(body);
        if (request.method == "PUT")
            return amendOrder(body);
        if (request.method == "DELETE")
            return cancelOrders(body, false);
        const QJsonObject filter =
            QJsonDocument::fromJson(
                query.queryItemValue(QStringLiteral("filter"), QUrl::FullyDecoded).toUtf8())
                .object();
        return {200, json(orders(filter, query.queryItemValue(QStringLiteral("symbol")))), {}};
    }
    if (path == QLatin1String("/api/v1/order/all") && request.method == "DELETE")
        return cancelOrders(body, true);
    if (path == QLatin1String("/api/v1/execution/tradeHistory"))
        return {200, json(m_executions), {}};
    if (path == QLatin1String("/api/v1/position"))
        return {200, json(QJsonArray{m_position}), {}};
    if (path == QLatin1String("/api/v1/user/margin"))
        return {200, json(QJsonArray{m_margin}), {}};
    return error(404, QStringLiteral("HTTPError"), QStringLiteral("Not Found"));
}

BitmexVenue::Response BitmexVenue::placeOrder(const QJsonObject& body)
{
    const QString clOrdID = body.value("clOrdID").toString();
    for (const QJsonObject& row : std::as_const(m_orders)) {
        if (!clOrdID.isEmpty() && row.value("clOrdID").toString() == clOrdID)
            return error(400, QStringLiteral("HTTPError"), QStringLiteral("Duplicate clOrdID"));
    }
    const qint64 qty = body.value("orderQty").toInteger();
    if (qty <= 0 || qty % 100 != 0)
        return error(400, QStringLiteral("ValidationError"), QStringLiteral("Invalid orderQty"));
    if (qty >= InsufficientBalanceQty)
        return error(400, QStringLiteral("ValidationError"),
                     QStringLiteral("Account has insufficient Available Balance, %1 XBt required")
                         .arg(qty * 100'000'000 / kBestAsk / 10));
    const QString ordType = body.value("ordType").toString();
    const bool buy = body.value("side").toString() == QLatin1String("Buy");
    QJsonObject row{
        {"orderID", QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {"clOrdID", clOrdID},
        {"clOrdLinkID", ""},
        {"account", kAccount},
        {"symbol", body.value("symbol")},
        {"side", body.value("side")},
        {"orderQty", qty},
        {"price", body.contains("price") ? body.value("price") : QJsonValue()},
        {"stopPx", body.contains("stopPx") ? body.value("stopPx") : QJsonValue()},
        {"currency", "USD"},
        {"settlCurrency", "XBt"},
        {"ordType", ordType},
        {"timeInForce", body.value("timeInForce")
                            .toString(ordType == QLatin1String("Market") ? QStringLiteral("ImmediateOrCancel")
                                                                         : QStringLiteral("GoodTillCancel"))},
        {"execInst", body.value("execInst").toString()},
        {"ordStatus", "New"},
        {"triggered", ""},
        {"workingIndicator", true},
        {"ordRejReason", ""},
        {"leavesQty", qty},
        {"cumQty", 0},
        {"avgPx", QJsonValue()},
        {"text", "Submitted via API."},
        {"transactTime", now()},
        {"timestamp", now()}};
    pushPrivate(QStringLiteral("order"), QStringLiteral("insert"), {row});
    const double limit = body.value("price").toDouble();
    const bool crosses = ordType == QLatin1String("Market") ||
                         (ordType == QLatin1String("Limit") && (buy ? limit >= kBestAsk : limit <= kBestBid));
    if (crosses && row.value("execInst").toString().contains(QLatin1String("ParticipateDoNotInitiate"))) {
        cancel(row, QStringLiteral(
                        "Canceled: Order had execInst of ParticipateDoNotInitiate\nSubmitted via API."));
        pushPrivate(QStringLiteral("order"), QStringLiteral("update"), {row});
    } else if (crosses) {
        fill(row, buy ? kBestAsk : kBestBid);
    }
    m_orders.append(row);
    return {200, json(row), {}};
}

BitmexVenue::Response BitmexVenue::amendOrder(const QJsonObject& body)
{
    for (QJsonObject& row : m_orders) {
        const bool match =
            (body.contains("orderID") && row.value("orderID") == body.value("orderID")) ||
            (body.contains("origClOrdID") && row.value("clOrdID") == body.value("origClOrdID"));
        if (!match)
            continue;
        if (!isOpen(row))
            return error(400, QStringLiteral("HTTPError"), QStringLiteral("Invalid ordStatus"));
        QJsonObject changed{{"orderID", row.value("orderID")},
                            {"clOrdID", row.value("clOrdID")},
                            {"account", kAccount},
                            {"symbol", row.value("symbol")},
                            {"timestamp", now()}};
        for (const char* field : {"price", "orderQty", "stopPx"}) {
            if (body.contains(QLatin1String(field))) {
                row.insert(QLatin1String(field), body.value(QLatin1String(field)));
                changed.insert(QLatin1String(field), body.value(QLatin1String(field)));
            }
        }
        if (body.contains("orderQty")) {
            row.insert("leavesQty", body.value("orderQty"));
            changed.insert("leavesQty", body.value("orderQty"));
        }
        row.insert("timestamp", now());
        pushPrivate(QStringLiteral("order"), QStringLiteral("update"), {changed});
        return {200, json(row), {}};
    }
    return error(404, QStringLiteral("HTTPError"), QStringLiteral("Not Found"));
}

BitmexVenue::Response BitmexVenue::cancelOrders(const QJsonObject& body, bool all)
{
    QJsonArray out;
    QJsonArray pushed;
    for (QJsonObject& row : m_orders) {
        const bool match =
            all ? (!body.contains("symbol") || row.value("symbol") == body.value("symbol"))
                : (body.contains("orderID") && row.value("orderID") == body.value("orderID")) ||
                      (body.contains("clOrdID") && row.value("clOrdID") == body.value("clOrdID"));
        if (!match)
            continue;
        if (!isOpen(row)) {
            if (all)
                continue;
            QJsonObject refused = row;
            refused.insert("error", QStringLiteral("Unable to cancel order due to existing state: %1")
                                        .arg(row.value("ordStatus").toString()));
            out.append(refused);
            continue;
        }
        cancel(row, QStringLiteral("Canceled: Cancel from API\nSubmitted via API."));
        out.append(row);
        pushed.append(QJsonObject{{"orderID", row.value("orderID")},
                                  {"clOrdID", row.value("clOrdID")},
                                  {"account", kAccount},
                                  {"symbol", row.value("symbol")},
                                  {"ordStatus", "Canceled"},
                                  {"leavesQty", 0},
                                  {"workingIndicator", false},
                                  {"text", row.value("text")},
                                  {"timestamp", now()}});
    }
    if (!pushed.isEmpty())
        pushPrivate(QStringLiteral("order"), QStringLiteral("update"), pushed);
    if (out.isEmpty() && !all)
        return error(404, QStringLiteral("HTTPError"), QStringLiteral("Not Found"));
    return {200, json(out), {}};
}

QJsonArray BitmexVenue::orders(const QJsonObject& filter, const QString& symbol) const
{
    QJsonArray out;
    // reverse=true: newest first, as the client asks.
    for (auto it = m_orders.crbegin(); it != m_orders.crend(); ++it) {
        const QJsonObject& row = *it;
        if (!symbol.isEmpty() && row.value("symbol").toString() != symbol)
            continue;
        if (filter.value("open").toBool() && !isOpen(row))
            continue;
        if (filter.contains("orderID") && row.value("orderID") != filter.value("orderID"))
            continue;
        if (filter.contains("clOrdID") && row.value("clOrdID") != filter.value("clOrdID"))
            continue;
        out.append(row);
    }
    return out;
}
