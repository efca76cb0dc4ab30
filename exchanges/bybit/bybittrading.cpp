// Bybit V5 trading REST and the private stream.
// https://bybit-exchange.github.io/docs/v5/order/create-order , /v5/order/open-order ,
// /v5/order/order-list , /v5/order/execution , /v5/position , /v5/account/wallet-balance ,
// /v5/ws/connect#authentication , /v5/websocket/private/order
#include "bybittrading.h"

#include "exchanges/core/crypto.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>

namespace {

QString sideText(Side side)
{
    return side == Side::Buy ? QStringLiteral("Buy") : QStringLiteral("Sell");
}

QString timeInForceText(TimeInForce tif)
{
    switch (tif) {
    case TimeInForce::GoodTillCancel:
        return QStringLiteral("GTC");
    case TimeInForce::ImmediateOrCancel:
        return QStringLiteral("IOC");
    case TimeInForce::FillOrKill:
        return QStringLiteral("FOK");
    case TimeInForce::PostOnly:
        return QStringLiteral("PostOnly");
    }
    return {};
}

TimeInForce timeInForceFromText(const QString& text)
{
    if (text == QLatin1String("IOC"))
        return TimeInForce::ImmediateOrCancel;
    if (text == QLatin1String("FOK"))
        return TimeInForce::FillOrKill;
    if (text == QLatin1String("PostOnly"))
        return TimeInForce::PostOnly;
    return TimeInForce::GoodTillCancel;
}

// A decimal field sent as a string; "" and absent are nullopt.
std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty())
        return std::nullopt;
    return Decimal::parse(v.toString());
}

// Bybit writes 0 for "none" in price fields of orders without one (avgPrice, triggerPrice).
std::optional<Decimal> nonZeroAt(const QJsonObject& o, const char* key)
{
    auto d = decimalAt(o, key);
    if (d && d->isZero())
        return std::nullopt;
    return d;
}

QString textAt(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

std::int64_t msAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble()) {
        // A number beyond 64 bits (1e300) is no time; converting it would be undefined.
        const double ms = v.toDouble();
        return ms >= -9.2e18 && ms <= 9.2e18 ? static_cast<std::int64_t>(ms) : 0;
    }
    return v.toString().toLongLong();
}

Category categoryOr(const QJsonObject& o, Category fallback)
{
    return categoryFromName(textAt(o, "category")).value_or(fallback);
}

using ListResult = Result<QJsonArray, AdapterError>;

ListResult listOf(const QJsonDocument& reply, const char* what)
{
    const QJsonValue list =
        reply.object().value(QLatin1String("result")).toObject().value(QLatin1String("list"));
    if (!list.isArray())
        return ListResult::failure({QStringLiteral("%1 reply has no result.list").arg(QLatin1String(what))});
    return list.toArray();
}

std::optional<Order> orderFrom(const QJsonObject& o, Category fallback)
{
    Order order;
    order.orderId = textAt(o, "orderId");
    order.clientOrderId = textAt(o, "orderLinkId");
    order.symbol = textAt(o, "symbol");
    order.category = categoryOr(o, fallback);
    order.side = textAt(o, "side") == QLatin1String("Sell") ? Side::Sell : Side::Buy;
    order.type = textAt(o, "orderType") == QLatin1String("Market") ? OrderType::Market : OrderType::Limit;
    order.status = BybitTrading::statusFromBybit(textAt(o, "orderStatus"));
    order.timeInForce = timeInForceFromText(textAt(o, "timeInForce"));
    const auto qty = decimalAt(o, "qty");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !qty)
        return std::nullopt;
    order.quantity = *qty;
    if (order.type == OrderType::Limit)
        order.price = decimalAt(o, "price");
    order.filledQuantity = decimalAt(o, "cumExecQty").value_or(Decimal());
    order.averageFillPrice = nonZeroAt(o, "avgPrice");
    order.triggerPrice = nonZeroAt(o, "triggerPrice");
    order.reduceOnly = o.value(QLatin1String("reduceOnly")).toBool();
    // rejectReason is "EC_NoError" unless the engine refused or cancelled it (EC_PostOnlyWillTakeLiquidity,
    // EC_NoImmediateQtyToFill, …); cancelType says who cancelled (CancelByUser, …).
    const QString reject = textAt(o, "rejectReason");
    const QString cancel = textAt(o, "cancelType");
    if (!reject.isEmpty() && reject != QLatin1String("EC_NoError"))
        order.reason = reject;
    else if (!cancel.isEmpty() && cancel != QLatin1String("UNKNOWN"))
        order.reason = cancel;
    order.createdMs = msAt(o, "createdTime");
    order.updatedMs = msAt(o, "updatedTime");
    return order;
}

std::optional<Fill> fillFrom(const QJsonObject& o, Category fallback)
{
    Fill f;
    f.executionId = textAt(o, "execId");
    f.orderId = textAt(o, "orderId");
    f.clientOrderId = textAt(o, "orderLinkId");
    f.symbol = textAt(o, "symbol");
    f.category = categoryOr(o, fallback);
    f.side = textAt(o, "side") == QLatin1String("Sell") ? Side::Sell : Side::Buy;
    const auto price = decimalAt(o, "execPrice");
    const auto qty = decimalAt(o, "execQty");
    if (f.executionId.isEmpty() || !price || !qty)
        return std::nullopt;
    f.price = *price;
    f.quantity = *qty;
    f.fee = decimalAt(o, "execFee").value_or(Decimal());
    f.feeCurrency = textAt(o, "feeCurrency");
    const QJsonValue maker = o.value(QLatin1String("isMaker"));
    f.isMaker = maker.isBool() ? maker.toBool() : maker.toString() == QLatin1String("true");
    f.timeMs = msAt(o, "execTime");
    return f;
}

std::optional<Position> positionFrom(const QJsonObject& o, Category fallback)
{
    Position p;
    p.symbol = textAt(o, "symbol");
    p.category = categoryOr(o, fallback);
    const QString side = textAt(o, "side");
    if (side == QLatin1String("Buy"))
        p.side = Side::Buy;
    else if (side == QLatin1String("Sell"))
        p.side = Side::Sell;
    const auto size = decimalAt(o, "size");
    if (p.symbol.isEmpty() || !size)
        return std::nullopt;
    p.size = *size;
    // REST calls the entry price avgPrice; the stream calls it entryPrice.
    p.entryPrice = nonZeroAt(o, "avgPrice");
    if (!p.entryPrice)
        p.entryPrice = nonZeroAt(o, "entryPrice");
    p.markPrice = decimalAt(o, "markPrice");
    p.unrealisedPnl = decimalAt(o, "unrealisedPnl");
    p.liquidationPrice = decimalAt(o, "liqPrice");
    p.realisedPnl = decimalAt(o, "cumRealisedPnl");
    p.takeProfit = nonZeroAt(o, "takeProfit");
    p.stopLoss = nonZeroAt(o, "stopLoss");
    p.updatedMs = msAt(o, "updatedTime");
    return p;
}

// One account of wallet-balance (REST) or a wallet push: its coins.
bool balancesFrom(const QJsonObject& account, std::vector<Balance>& out)
{
    for (const QJsonValue& v : account.value(QLatin1String("coin")).toArray()) {
        const QJsonObject c = v.toObject();
        Balance b;
        b.coin = textAt(c, "coin");
        const auto wallet = decimalAt(c, "walletBalance");
        if (b.coin.isEmpty() || !wallet)
            return false;
        b.walletBalance = *wallet;
        b.equity = decimalAt(c, "equity");
        // availableToWithdraw is "" on unified accounts since 2025; then wallet − locked (spot orders).
        b.available = decimalAt(c, "availableToWithdraw");
        if (!b.available) {
            if (const auto locked = decimalAt(c, "locked"))
                b.available = Decimal::subtract(*wallet, *locked);
        }
        out.push_back(b);
    }
    return true;
}

QString base36(quint64 value)
{
    return QString::number(value, 36);
}

} // namespace

BybitTrading::BybitTrading(const QUrl& baseUrl, Environment environment)
    : m_baseUrl(baseUrl)
    , m_environment(environment)
{}

QString BybitTrading::newClientOrderId()
{
    // Time keeps ids unique across restarts, the counter within a process, the random part between
    // processes started in the same millisecond.
    const quint64 n = m_counter.fetch_add(1) + 1;
    const QString random =
        QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return QStringLiteral("bt-") + base36(quint64(QDateTime::currentMSecsSinceEpoch())) + QLatin1Char('-') +
           base36(n) + QLatin1Char('-') + random;
}

QString BybitTrading::formatOnStep(Decimal value, Decimal step)
{
    const Decimal plain = value.normalized();
    if (!step.isZero() && plain.scale() <= step.scale()) {
        if (const auto scaled = plain.withScale(step.scale()))
            return scaled->toString();
    }
    return plain.toString();
}

SignedRequest BybitTrading::request(const QByteArray& method, const QString& path) const
{
    SignedRequest r;
    r.method = method;
    r.venue = venue();
    r.environment = m_environment;
    r.url = m_baseUrl;
    QString base = m_baseUrl.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + path);
    return r;
}

namespace {
void setJsonBody(SignedRequest& r, const QJsonObject& body)
{
    // The exact bytes signed and sent: compact, keys sorted.
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
}

void addReference(QJsonObject& body, const OrderReference& order)
{
    body.insert(QStringLiteral("category"), categoryName(order.category));
    body.insert(QStringLiteral("symbol"), order.symbol);
    if (!order.orderId.isEmpty())
        body.insert(QStringLiteral("orderId"), order.orderId);
    else
        body.insert(QStringLiteral("orderLinkId"), order.clientOrderId);
}

void addQueryReference(QList<QPair<QString, QString>>& query, const OrderReference* order)
{
    if (!order)
        return;
    if (!order->orderId.isEmpty())
        query.append({QStringLiteral("orderId"), order->orderId});
    else if (!order->clientOrderId.isEmpty())
        query.append({QStringLiteral("orderLinkId"), order->clientOrderId});
}
} // namespace

SignedRequest BybitTrading::createOrderRequest(const OrderRequest& order, const Instrument& instrument) const
{
    SignedRequest r = request("POST", QStringLiteral("/v5/order/create"));
    QJsonObject body{
        {QStringLiteral("category"), categoryName(order.category)},
        {QStringLiteral("symbol"), order.symbol},
        {QStringLiteral("side"), sideText(order.side)},
        {QStringLiteral("orderType"),
         order.type == OrderType::Market ? QStringLiteral("Market") : QStringLiteral("Limit")},
        // A quote amount is not on the base lot: it goes out exactly as given.
        {QStringLiteral("qty"), order.quantityInQuote ? order.quantity.normalized().toString()
                                                      : formatOnStep(order.quantity, instrument.lotSize)},
        {QStringLiteral("timeInForce"), timeInForceText(order.timeInForce)},
        {QStringLiteral("orderLinkId"), order.clientOrderId},
    };
    if (order.type == OrderType::Limit && order.price)
        body.insert(QStringLiteral("price"), formatOnStep(*order.price, instrument.tickSize));
    if (order.reduceOnly)
        body.insert(QStringLiteral("reduceOnly"), true);
    if (order.category == Category::Spot && order.type == OrderType::Market)
        // Said either way: a spot market Buy without it is read as a quote amount. quoteCoin only for a
        // buy sized in quote currency (offersQuoteQuantity); otherwise qty is the base quantity.
        body.insert(QStringLiteral("marketUnit"), order.quantityInQuote && offersQuoteQuantity(order)
                                                      ? QStringLiteral("quoteCoin")
                                                      : QStringLiteral("baseCoin"));
    if (order.triggerPrice) {
        body.insert(QStringLiteral("triggerPrice"), formatOnStep(*order.triggerPrice, instrument.tickSize));
        // 1: triggered when the price rises to triggerPrice; 2: when it falls to it.
        if (order.triggerDirection)
            body.insert(QStringLiteral("triggerDirection"),
                        order.triggerDirection == TriggerDirection::RisesTo ? 1 : 2);
        if (order.category == Category::Spot)
            body.insert(QStringLiteral("orderFilter"), QStringLiteral("StopOrder"));
    }
    if (order.takeProfit)
        body.insert(QStringLiteral("takeProfit"), formatOnStep(*order.takeProfit, instrument.tickSize));
    if (order.stopLoss)
        body.insert(QStringLiteral("stopLoss"), formatOnStep(*order.stopLoss, instrument.tickSize));
    setJsonBody(r, body);
    return r;
}

bool BybitTrading::offersQuoteQuantity(const OrderRequest& request) const
{
    // https://bybit-exchange.github.io/docs/v5/order/create-order (marketUnit): spot market orders only;
    // a market sell in quote coin exists too, but botterm sizes only buys by the amount to spend.
    return request.category == Category::Spot && request.type == OrderType::Market &&
           request.side == Side::Buy && !request.triggerPrice;
}

SignedRequest BybitTrading::amendOrderRequest(const OrderAmendment& amendment,
                                              const Instrument& instrument) const
{
    SignedRequest r = request("POST", QStringLiteral("/v5/order/amend"));
    QJsonObject body;
    addReference(body, amendment.order);
    if (amendment.price)
        body.insert(QStringLiteral("price"), formatOnStep(*amendment.price, instrument.tickSize));
    if (amendment.quantity)
        body.insert(QStringLiteral("qty"), formatOnStep(*amendment.quantity, instrument.lotSize));
    if (amendment.triggerPrice)
        body.insert(QStringLiteral("triggerPrice"),
                    formatOnStep(*amendment.triggerPrice, instrument.tickSize));
    setJsonBody(r, body);
    return r;
}

SignedRequest BybitTrading::cancelOrderRequest(const OrderReference& order) const
{
    SignedRequest r = request("POST", QStringLiteral("/v5/order/cancel"));
    QJsonObject body;
    addReference(body, order);
    setJsonBody(r, body);
    return r;
}

SignedRequest BybitTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("POST", QStringLiteral("/v5/order/cancel-all"));
    QJsonObject body{{QStringLiteral("category"), categoryName(category)}};
    if (!symbol.isEmpty())
        body.insert(QStringLiteral("symbol"), symbol);
    else if (category != Category::Spot)
        // Linear needs a symbol, a baseCoin or a settleCoin; without a symbol: every USDT contract.
        body.insert(QStringLiteral("settleCoin"), QStringLiteral("USDT"));
    setJsonBody(r, body);
    return r;
}

SignedRequest BybitTrading::openOrdersRequest(Category category, const QString& symbol,
                                              const OrderReference* order) const
{
    SignedRequest r = request("GET", QStringLiteral("/v5/order/realtime"));
    r.query.append({QStringLiteral("category"), categoryName(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    else if (category != Category::Spot)
        r.query.append({QStringLiteral("settleCoin"), QStringLiteral("USDT")});
    addQueryReference(r.query, order);
    if (order)
        // With an id, openOnly=0 also finds the order if it closed moments ago (the last 500 closed).
        r.query.append({QStringLiteral("openOnly"), QStringLiteral("0")});
    return r;
}

SignedRequest BybitTrading::orderHistoryRequest(Category category, const QString& symbol,
                                                const OrderReference* order) const
{
    SignedRequest r = request("GET", QStringLiteral("/v5/order/history"));
    r.query.append({QStringLiteral("category"), categoryName(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    addQueryReference(r.query, order);
    return r;
}

SignedRequest BybitTrading::executionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/v5/execution/list"));
    r.query.append({QStringLiteral("category"), categoryName(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    return r;
}

SignedRequest BybitTrading::positionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/v5/position/list"));
    r.query.append({QStringLiteral("category"), categoryName(category)});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    else
        r.query.append({QStringLiteral("settleCoin"), QStringLiteral("USDT")});
    return r;
}

SignedRequest BybitTrading::balancesRequest() const
{
    SignedRequest r = request("GET", QStringLiteral("/v5/account/wallet-balance"));
    r.query.append({QStringLiteral("accountType"), QStringLiteral("UNIFIED")});
    return r;
}

bool BybitTrading::isDuplicateClientOrderId(const RestError& error) const
{
    // 110072 "OrderLinkedID is duplicate": https://bybit-exchange.github.io/docs/v5/error
    return error.kind == RestError::Kind::Venue && error.venueCode == QLatin1String("110072");
}

namespace {
// A V5 list reply (result.category, result.list) read entry by entry with one of the *From readers.
template <typename T, typename From>
Result<std::vector<T>, AdapterError> readCategoryList(const QJsonDocument& reply, const char* what, From from,
                                                      const char* lacks)
{
    using R = Result<std::vector<T>, AdapterError>;
    const ListResult list = listOf(reply, what);
    if (!list)
        return R::failure(list.error());
    const Category category = categoryFromName(reply.object()
                                                   .value(QLatin1String("result"))
                                                   .toObject()
                                                   .value(QLatin1String("category"))
                                                   .toString())
                                  .value_or(Category::Linear);
    std::vector<T> out;
    for (const QJsonValue& v : *list) {
        auto item = from(v.toObject(), category);
        if (!item)
            return R::failure({QString::fromLatin1(lacks)});
        out.push_back(std::move(*item));
    }
    return out;
}

} // namespace

Result<OrderAck, AdapterError> BybitTrading::parseOrderAck(const QJsonDocument& reply) const
{
    const QJsonObject result = reply.object().value(QLatin1String("result")).toObject();
    OrderAck ack{textAt(result, "orderId"), textAt(result, "orderLinkId")};
    if (ack.orderId.isEmpty() && ack.clientOrderId.isEmpty())
        return Result<OrderAck, AdapterError>::failure({QStringLiteral("order reply has no orderId")});
    return ack;
}

Result<std::vector<Order>, AdapterError> BybitTrading::parseOrders(const QJsonDocument& reply) const
{
    return readCategoryList<Order>(reply, "order", orderFrom, "order entry lacks orderId, symbol or qty");
}

Result<std::vector<Fill>, AdapterError> BybitTrading::parseFills(const QJsonDocument& reply) const
{
    return readCategoryList<Fill>(reply, "execution", fillFrom,
                                  "execution entry lacks execId, execPrice or execQty");
}

Result<std::vector<Position>, AdapterError> BybitTrading::parsePositions(const QJsonDocument& reply) const
{
    return readCategoryList<Position>(reply, "position", positionFrom, "position entry lacks symbol or size");
}

Result<std::vector<Balance>, AdapterError> BybitTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    const ListResult list = listOf(reply, "wallet-balance");
    if (!list)
        return R::failure(list.error());
    std::vector<Balance> out;
    for (const QJsonValue& v : *list) {
        if (!balancesFrom(v.toObject(), out))
            return R::failure({QStringLiteral("wallet coin lacks coin or walletBalance")});
    }
    return out;
}

OrderStatus BybitTrading::statusFromBybit(const QString& s)
{
    if (s == QLatin1String("New") || s == QLatin1String("Created"))
        return OrderStatus::New;
    if (s == QLatin1String("PartiallyFilled"))
        return OrderStatus::PartiallyFilled;
    if (s == QLatin1String("Filled"))
        return OrderStatus::Filled;
    if (s == QLatin1String("Cancelled"))
        return OrderStatus::Cancelled;
    if (s == QLatin1String("PartiallyFilledCanceled"))
        return OrderStatus::PartiallyFilledCancelled;
    if (s == QLatin1String("Rejected"))
        return OrderStatus::Rejected;
    if (s == QLatin1String("Untriggered"))
        return OrderStatus::Untriggered;
    if (s == QLatin1String("Triggered"))
        return OrderStatus::Triggered;
    if (s == QLatin1String("Deactivated"))
        return OrderStatus::Deactivated;
    return OrderStatus::Unknown;
}

QUrl BybitTrading::privateStreamUrl(Environment environment)
{
    switch (environment) {
    case Environment::Testnet:
        return QUrl(QStringLiteral("wss://stream-testnet.bybit.com/v5/private"));
    case Environment::Demo:
        return QUrl(QStringLiteral("wss://stream-demo.bybit.com/v5/private"));
    case Environment::Mainnet:
        break;
    }
    return QUrl(QStringLiteral("wss://stream.bybit.com/v5/private"));
}

QByteArray BybitTrading::authMessage(const Credentials& credentials, qint64 expiresMs)
{
    const QByteArray expires = QByteArray::number(expiresMs);
    const QByteArray text = "GET/realtime" + expires;
    const QByteArray signature = Crypto::hmacSha256Hex(credentials.secret, text);
    const QJsonObject o{
        {QStringLiteral("op"), QStringLiteral("auth")},
        {QStringLiteral("args"), QJsonArray{credentials.key, expiresMs, QString::fromLatin1(signature)}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QStringList BybitTrading::privateTopics()
{
    return {QStringLiteral("order"), QStringLiteral("execution"), QStringLiteral("position"),
            QStringLiteral("wallet")};
}

BybitTrading::PrivateFrame BybitTrading::parsePrivateFrame(QByteArrayView frame)
{
    PrivateFrame out;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        out.kind = PrivateFrame::Kind::Malformed;
        out.error = QStringLiteral("not a JSON object");
        return out;
    }
    const QJsonObject o = document.object();
    const QString op = textAt(o, "op");
    if (!op.isEmpty()) {
        // {"success":true,"ret_msg":"","op":"auth","conn_id":"…"}; the private pong is {"op":"pong",…}.
        const bool success = o.value(QLatin1String("success")).toBool();
        out.error = success ? QString() : textAt(o, "ret_msg");
        if (op == QLatin1String("auth"))
            out.kind = success ? PrivateFrame::Kind::AuthAccepted : PrivateFrame::Kind::AuthRejected;
        else if (op == QLatin1String("subscribe"))
            out.kind = success ? PrivateFrame::Kind::SubscribeAck : PrivateFrame::Kind::SubscribeRejected;
        else if (op == QLatin1String("pong") || op == QLatin1String("ping"))
            out.kind = PrivateFrame::Kind::Pong;
        return out;
    }
    out.topic = textAt(o, "topic");
    const QJsonValue data = o.value(QLatin1String("data"));
    if (out.topic.isEmpty() || !data.isArray()) {
        out.kind = out.topic.isEmpty() ? PrivateFrame::Kind::Ignored : PrivateFrame::Kind::Malformed;
        if (!out.topic.isEmpty())
            out.error = QStringLiteral("%1 push has no data array").arg(out.topic);
        return out;
    }
    // Topics may be category-specific ("order.linear"); the base name decides the shape.
    const QString base = out.topic.section(QLatin1Char('.'), 0, 0);
    const Category fallback =
        categoryFromName(out.topic.section(QLatin1Char('.'), 1, 1)).value_or(Category::Linear);
    bool ok = true;
    for (const QJsonValue& v : data.toArray()) {
        const QJsonObject item = v.toObject();
        if (base == QLatin1String("order")) {
            auto order = orderFrom(item, fallback);
            ok = ok && order;
            if (order)
                out.orders.push_back(std::move(*order));
        } else if (base == QLatin1String("execution")) {
            auto fill = fillFrom(item, fallback);
            ok = ok && fill;
            if (fill)
                out.fills.push_back(std::move(*fill));
        } else if (base == QLatin1String("position")) {
            auto position = positionFrom(item, fallback);
            ok = ok && position;
            if (position)
                out.positions.push_back(std::move(*position));
        } else if (base == QLatin1String("wallet")) {
            ok = ok && balancesFrom(item, out.balances);
        } else {
            out.kind = PrivateFrame::Kind::Ignored;
            return out;
        }
    }
    if (!ok) {
        out.kind = PrivateFrame::Kind::Malformed;
        out.error = QStringLiteral("%1 push lacks a documented field").arg(out.topic);
        return out;
    }
    out.kind = PrivateFrame::Kind::Data;
    return out;
}
