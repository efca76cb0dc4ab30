#include "gmocointrading.h"

#include "exchanges/bitflyer/bitflyermarketdata.h" // the shared ISO-8601 UTC time parser
#include "gmocoinmarketdata.h"
#include "models/ordervalidation.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace {

using OrdersResult = Result<std::vector<Order>, AdapterError>;

std::optional<Decimal> decimalOf(const QJsonValue& v)
{
    if (v.isString())
        return Decimal::parse(v.toString().toStdString());
    if (v.isDouble())
        return Decimal::parse(
            QString::number(v.toDouble(), 'f', -1).toStdString()); // integers only in practice
    return std::nullopt;
}

// GMO's ids are JSON numbers (orderId 637000, executionId 72123911) or strings in some replies.
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
    const auto ms = BitflyerMarketData::parseTimeMs(v.toString().toStdString());
    return ms.value_or(0);
}

std::optional<Side> sideOf(const QString& s)
{
    if (s == QLatin1String("BUY"))
        return Side::Buy;
    if (s == QLatin1String("SELL"))
        return Side::Sell;
    return std::nullopt;
}

QString gmoSide(Side s)
{
    return s == Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL");
}

QString gmoTimeInForce(TimeInForce tif)
{
    switch (tif) {
    case TimeInForce::ImmediateOrCancel:
        return QStringLiteral("FAK");
    case TimeInForce::FillOrKill:
        return QStringLiteral("FOK");
    case TimeInForce::PostOnly:
        return QStringLiteral("SOK");
    case TimeInForce::GoodTillCancel:
        break;
    }
    return QStringLiteral("FAS");
}

TimeInForce tifOf(const QString& t)
{
    if (t == QLatin1String("FAK"))
        return TimeInForce::ImmediateOrCancel;
    if (t == QLatin1String("FOK"))
        return TimeInForce::FillOrKill;
    if (t == QLatin1String("SOK"))
        return TimeInForce::PostOnly;
    return TimeInForce::GoodTillCancel; // FAS
}

// The list in data.list (activeOrders, latestExecutions, openPositions) or the data array itself
// (orders, assets, positionSummary's data.list too).
Result<QJsonArray, AdapterError> listOf(const QJsonDocument& reply, const char* what)
{
    using R = Result<QJsonArray, AdapterError>;
    if (const auto e = GmocoinTrading::replyError(reply))
        return R::failure({QStringLiteral("%1: %2 %3").arg(QLatin1String(what), e->venueCode, e->message)});
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    if (data.isArray())
        return data.toArray();
    if (data.isObject()) {
        const QJsonValue list = data.toObject().value(QLatin1String("list"));
        if (list.isArray())
            return list.toArray();
        if (list.isUndefined())
            return QJsonArray(); // an empty page has no list
    }
    return R::failure({QStringLiteral("%1 reply has no data list").arg(QLatin1String(what))});
}

// One order from activeOrders/orders (REST) or an orderEvents push (the push prefixes its fields with
// "order": orderPrice, orderSize, orderExecutedSize, orderStatus, orderTimestamp).
std::optional<Order> readOrder(const QJsonObject& o, bool event)
{
    Order order;
    order.orderId = idOf(o.value(QLatin1String("orderId")));
    order.symbol = o.value(QLatin1String("symbol")).toString();
    const auto side = sideOf(o.value(QLatin1String("side")).toString());
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !side)
        return std::nullopt;
    order.side = *side;
    order.category = GmocoinMarketData::categoryOf(order.symbol);
    const QString execution = o.value(QLatin1String("executionType")).toString();
    order.type = execution == QLatin1String("LIMIT") ? OrderType::Limit : OrderType::Market;
    const auto size = decimalOf(o.value(QLatin1String(event ? "orderSize" : "size")));
    const auto executed = decimalOf(o.value(QLatin1String(event ? "orderExecutedSize" : "executedSize")));
    if (!size)
        return std::nullopt;
    order.quantity = *size;
    order.filledQuantity = executed.value_or(Decimal());
    const auto price = decimalOf(o.value(QLatin1String(event ? "orderPrice" : "price")));
    if (execution == QLatin1String("STOP"))
        order.triggerPrice = price;
    else if (execution == QLatin1String("LIMIT"))
        order.price = price;
    order.timeInForce = tifOf(o.value(QLatin1String("timeInForce")).toString());
    // settleType says the leg of a leverage order: OPEN opens the leg of its side (BUY long, SELL short),
    // CLOSE closes the opposite one (SELL closes long, BUY closes short). Spot orders say OPEN too but
    // hold no position: Net.
    const QString settle = o.value(QLatin1String("settleType")).toString();
    order.reduceOnly = settle == QLatin1String("CLOSE");
    if (order.category != Category::Spot) {
        if (settle == QLatin1String("OPEN"))
            order.positionSide = order.side == Side::Buy ? PositionSide::Long : PositionSide::Short;
        else if (settle == QLatin1String("CLOSE"))
            order.positionSide = order.side == Side::Sell ? PositionSide::Long : PositionSide::Short;
    }
    const QString status = o.value(QLatin1String(event ? "orderStatus" : "status")).toString();
    order.status = GmocoinTrading::statusOf(status, order.filledQuantity);
    if (execution == QLatin1String("STOP") && status == QLatin1String("WAITING"))
        order.status = OrderStatus::Untriggered;
    const QString cancelType = o.value(QLatin1String("cancelType")).toString();
    if (isCancelledStatus(order.status) && !cancelType.isEmpty())
        order.reason = cancelType; // USER, EXPIRED_SOK, PRICE_LIMIT, … verbatim
    order.createdMs = timeOf(o.value(QLatin1String(event ? "orderTimestamp" : "timestamp")));
    order.updatedMs = order.createdMs;
    return order;
}

std::optional<Fill> readFill(const QJsonObject& o, bool event)
{
    Fill f;
    f.executionId = idOf(o.value(QLatin1String("executionId")));
    f.orderId = idOf(o.value(QLatin1String("orderId")));
    f.symbol = o.value(QLatin1String("symbol")).toString();
    const auto side = sideOf(o.value(QLatin1String("side")).toString());
    const auto price = decimalOf(o.value(QLatin1String(event ? "executionPrice" : "price")));
    const auto size = decimalOf(o.value(QLatin1String(event ? "executionSize" : "size")));
    if (f.executionId.isEmpty() || f.orderId.isEmpty() || f.symbol.isEmpty() || !side || !price || !size)
        return std::nullopt;
    f.side = *side;
    f.category = GmocoinMarketData::categoryOf(f.symbol);
    f.price = *price;
    f.quantity = *size;
    f.fee = decimalOf(o.value(QLatin1String("fee"))).value_or(Decimal());
    f.feeCurrency = QStringLiteral("JPY");
    f.isMaker = f.fee.isNegative(); // GMO pays makers a rebate (negative fee) and charges takers
    f.timeMs = timeOf(o.value(QLatin1String(event ? "executionTimestamp" : "timestamp")));
    return f;
}

// positionSummary (REST) and positionSummaryEvents: one entry per symbol and side.
std::optional<Position> readPositionSummary(const QJsonObject& o)
{
    Position p;
    p.symbol = o.value(QLatin1String("symbol")).toString();
    const auto side = sideOf(o.value(QLatin1String("side")).toString());
    const auto size = decimalOf(o.value(QLatin1String("sumPositionQuantity")));
    if (p.symbol.isEmpty() || !side || !size)
        return std::nullopt;
    p.category = Category::Linear;
    p.positionSide = *side == Side::Buy ? PositionSide::Long : PositionSide::Short; // one leg per side
    p.size = *size;
    p.side = p.size.isZero() ? std::nullopt : std::optional<Side>(*side);
    p.entryPrice = decimalOf(o.value(QLatin1String("averagePositionRate")));
    p.unrealisedPnl = decimalOf(o.value(QLatin1String("positionLossGain")));
    p.updatedMs = timeOf(o.value(QLatin1String("timestamp")));
    if (!p.updatedMs)
        p.updatedMs = QDateTime::currentMSecsSinceEpoch();
    return p;
}

// One position of /openPositions or a positionEvents push: positionId, symbol, side, size, price.
std::optional<GmocoinTrading::OpenPosition> readOpenPosition(const QJsonObject& o)
{
    GmocoinTrading::OpenPosition p;
    p.positionId = idOf(o.value(QLatin1String("positionId")));
    p.symbol = o.value(QLatin1String("symbol")).toString();
    const auto side = sideOf(o.value(QLatin1String("side")).toString());
    const auto size = decimalOf(o.value(QLatin1String("size")));
    if (p.positionId.isEmpty() || p.symbol.isEmpty() || !side || !size)
        return std::nullopt;
    p.leg = *side == Side::Buy ? PositionSide::Long : PositionSide::Short;
    p.size = *size;
    p.price = decimalOf(o.value(QLatin1String("price")));
    p.timeMs = timeOf(o.value(QLatin1String("timestamp")));
    return p;
}

QString legKey(const QString& symbol, PositionSide leg)
{
    return symbol + QLatin1Char(' ') + positionSideName(leg);
}

// Whether a leverage order closes positions (/closeBulkOrder) rather than opening one (/order): a
// reduce-only order, or one whose side is against the leg it names (a buy for the short leg).
bool closesLeg(const OrderRequest& r)
{
    if (r.positionSide == PositionSide::Long)
        return r.side == Side::Sell;
    if (r.positionSide == PositionSide::Short)
        return r.side == Side::Buy;
    return r.reduceOnly;
}

QString defaultSymbol(Category category)
{
    return category == Category::Spot ? QStringLiteral("BTC") : QStringLiteral("BTC_JPY");
}

} // namespace

GmocoinTrading::GmocoinTrading(const QUrl& baseUrl, std::chrono::milliseconds keepAliveInterval)
    : m_baseUrl(baseUrl)
    , m_keepAlive(keepAliveInterval)
{}

QString GmocoinTrading::newClientOrderId()
{
    return QStringLiteral("gmo") + QString::number(QDateTime::currentMSecsSinceEpoch(), 36) +
           QString::number(m_counter.fetch_add(1), 36);
}

QUrl GmocoinTrading::privateStreamUrl()
{
    return QUrl(QStringLiteral("wss://api.coin.z.com/ws/private/v1"));
}

bool GmocoinTrading::isUnsupported(const SignedRequest& request)
{
    return request.url.scheme() == QLatin1String("unsupported");
}

SignedRequest GmocoinTrading::unsupported(const QString& why) const
{
    // Not an http(s) URL: SignedRestClient refuses it before signing, nothing reaches GMO.
    SignedRequest r;
    r.venue = venue();
    r.url.setScheme(QStringLiteral("unsupported"));
    r.url.setPath(why);
    return r;
}

SignedRequest GmocoinTrading::request(const QByteArray& method, const QString& path) const
{
    SignedRequest r;
    r.method = method;
    r.venue = venue();
    r.environment = Environment::Mainnet; // GMO Coin has no testnet
    r.url = m_baseUrl;
    QString base = m_baseUrl.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + QStringLiteral("/private/v1/") + path);
    return r;
}

SignedRequest GmocoinTrading::createOrderRequest(const OrderRequest& order,
                                                 const Instrument& instrument) const
{
    const auto size = roundQuantityToLot(order.quantity, instrument);
    if (!size || !(*size > Decimal()))
        return unsupported(QStringLiteral("the size is not on GMO Coin's size step"));
    if (const QString why = notOffered(order); !why.isEmpty())
        return unsupported(why); // OrderSubmitter refuses these first; a direct caller gets nothing sendable
    noteSymbol(order.symbol);    // its open orders are read on every re-sync from now on

    if (!order.closesPositionId.isEmpty()) {
        // One position (notOffered made sure it is known, of this symbol, and large enough).
        const OpenPosition* lot = findOpenPosition(order.closesPositionId);
        if (!lot || (order.type == OrderType::Limit && !order.price))
            return unsupported(QStringLiteral("no such position, or a limit close without a price"));
        SignedRequest r = closePositionRequest(
            order.symbol, lot->leg == PositionSide::Long ? Side::Buy : Side::Sell, lot->positionId, *size,
            order.type == OrderType::Limit ? order.price : std::nullopt, instrument);
        if (!isUnsupported(r) && order.type == OrderType::Limit)
            r.params.insert(QStringLiteral("timeInForce"), gmoTimeInForce(order.timeInForce));
        return r;
    }

    QJsonObject p{{QStringLiteral("symbol"), order.symbol},
                  {QStringLiteral("side"), gmoSide(order.side)},
                  {QStringLiteral("size"), size->toString()}};
    if (order.triggerPrice) {
        const auto trigger = roundPriceToTick(*order.triggerPrice, instrument);
        if (!trigger)
            return unsupported(QStringLiteral("the trigger price is not on GMO Coin's tick"));
        p.insert(QStringLiteral("executionType"), QStringLiteral("STOP"));
        p.insert(QStringLiteral("price"), trigger->toString());
    } else if (order.type == OrderType::Limit) {
        if (!order.price)
            return unsupported(QStringLiteral("a limit order needs a price"));
        const auto price = roundPriceToTick(*order.price, instrument);
        if (!price)
            return unsupported(QStringLiteral("the price is not on GMO Coin's tick"));
        p.insert(QStringLiteral("executionType"), QStringLiteral("LIMIT"));
        p.insert(QStringLiteral("price"), price->toString());
        p.insert(QStringLiteral("timeInForce"), gmoTimeInForce(order.timeInForce));
    } else {
        p.insert(QStringLiteral("executionType"), QStringLiteral("MARKET"));
        if (order.timeInForce == TimeInForce::FillOrKill)
            p.insert(QStringLiteral("timeInForce"), QStringLiteral("FOK"));
    }
    // An order closing a leg closes positions on the other side (oldest first) instead of opening one:
    // GMO's closeBulkOrder takes the same fields, its side the order's (a BUY closes SELL positions).
    SignedRequest r = request("POST", order.category == Category::Linear && closesLeg(order)
                                          ? QStringLiteral("closeBulkOrder")
                                          : QStringLiteral("order"));
    r.params = p;
    return r;
}

QString GmocoinTrading::notOffered(const OrderRequest& request) const
{
    if (!request.closesPositionId.isEmpty()) {
        const QString& id = request.closesPositionId;
        if (request.category != Category::Linear)
            return tr("GMO Coin's spot wallet holds no positions: only leverage positions are closed by id");
        const OpenPosition* lot = findOpenPosition(id);
        if (!lot || lot->symbol != request.symbol)
            return tr("GMO Coin position %1 is not an open %2 position botterm knows of: read the positions "
                      "again")
                .arg(id, request.symbol);
        if (request.side != (lot->leg == PositionSide::Long ? Side::Sell : Side::Buy))
            return lot->leg == PositionSide::Long
                       ? tr("GMO Coin position %1 is a long one: it is closed by a sell").arg(id)
                       : tr("GMO Coin position %1 is a short one: it is closed by a buy").arg(id);
        if (request.positionSide != PositionSide::Net && request.positionSide != lot->leg)
            return tr("GMO Coin position %1 is not on the leg the order names").arg(id);
        if (request.quantity > lot->size)
            return tr("GMO Coin position %1 holds %2: a close of %3 is larger than it")
                .arg(id, lot->size.toString(), request.quantity.toString());
        if (request.triggerPrice)
            return tr("A close of one GMO Coin position takes no trigger price");
    }
    if (request.takeProfit || request.stopLoss)
        return tr("GMO Coin takes no take-profit or stop-loss attached to an order: place them as separate "
                  "stop or limit orders");
    if (request.reduceOnly && request.category != Category::Linear)
        return tr("GMO Coin spot orders cannot be reduce-only: only leverage positions are closed");
    if (request.positionSide != PositionSide::Net && request.category != Category::Linear)
        return tr("GMO Coin spot orders open no position: only leverage orders name a long or short leg");
    if (request.reduceOnly && request.positionSide != PositionSide::Net && !closesLeg(request))
        return request.positionSide == PositionSide::Long
                   ? tr("A reduce-only order closing the long leg at GMO Coin must be a sell")
                   : tr("A reduce-only order closing the short leg at GMO Coin must be a buy");
    if (request.triggerPrice) {
        if (request.type != OrderType::Market)
            return tr("GMO Coin's stop orders are stop-market: a triggered order cannot carry a limit price");
        if (request.timeInForce != TimeInForce::GoodTillCancel)
            return tr("GMO Coin's stop orders take no time in force");
    }
    if (request.type == OrderType::Market && request.timeInForce == TimeInForce::PostOnly)
        return tr("A GMO Coin market order cannot be post-only");
    return {};
}

SignedRequest GmocoinTrading::closePositionRequest(const QString& symbol, Side positionSide,
                                                   const QString& positionId, Decimal size,
                                                   std::optional<Decimal> price,
                                                   const Instrument& instrument) const
{
    const auto lot = roundQuantityToLot(size, instrument);
    bool isNumber = false;
    const qint64 id = positionId.toLongLong(&isNumber);
    if (!lot || !isNumber)
        return unsupported(QStringLiteral("no such position or size"));
    QJsonObject p{{QStringLiteral("symbol"), symbol},
                  {QStringLiteral("side"), gmoSide(positionSide == Side::Buy ? Side::Sell : Side::Buy)},
                  {QStringLiteral("settlePosition"),
                   QJsonArray{QJsonObject{{QStringLiteral("positionId"), id},
                                          {QStringLiteral("size"), lot->toString()}}}}};
    if (price) {
        const auto onTick = roundPriceToTick(*price, instrument);
        if (!onTick)
            return unsupported(QStringLiteral("the price is not on GMO Coin's tick"));
        p.insert(QStringLiteral("executionType"), QStringLiteral("LIMIT"));
        p.insert(QStringLiteral("price"), onTick->toString());
    } else {
        p.insert(QStringLiteral("executionType"), QStringLiteral("MARKET"));
    }
    SignedRequest r = request("POST", QStringLiteral("closeOrder"));
    r.params = p;
    return r;
}

SignedRequest GmocoinTrading::amendOrderRequest(const OrderAmendment& amendment,
                                                const Instrument& instrument) const
{
    if (const QString why = notOfferedAmendment(amendment); !why.isEmpty())
        return unsupported(why);
    const std::optional<Decimal> wanted = amendment.price ? amendment.price : amendment.triggerPrice;
    if (!wanted || amendment.order.orderId.isEmpty())
        return unsupported(QStringLiteral("an amendment needs GMO's order id and a new price"));
    const auto price = roundPriceToTick(*wanted, instrument);
    if (!price)
        return unsupported(QStringLiteral("the price is not on GMO Coin's tick"));
    bool isNumber = false;
    const qint64 id = amendment.order.orderId.toLongLong(&isNumber);
    if (!isNumber)
        return unsupported(QStringLiteral("not a GMO Coin order id"));
    SignedRequest r = request("POST", QStringLiteral("changeOrder"));
    r.params = {{QStringLiteral("orderId"), id}, {QStringLiteral("price"), price->toString()}};
    return r;
}

QString GmocoinTrading::notOfferedAmendment(const OrderAmendment& amendment) const
{
    if (amendment.quantity)
        return tr("GMO Coin amends the price only: cancel the order and place a new one");
    return {};
}

SignedRequest GmocoinTrading::cancelOrderRequest(const OrderReference& order) const
{
    bool isNumber = false;
    const qint64 id = order.orderId.toLongLong(&isNumber);
    if (!isNumber)
        return unsupported(QStringLiteral("GMO Coin cancels by its own order id only"));
    SignedRequest r = request("POST", QStringLiteral("cancelOrder"));
    r.params = {{QStringLiteral("orderId"), id}};
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest GmocoinTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("POST", QStringLiteral("cancelBulkOrder"));
    r.params = {
        {QStringLiteral("symbols"),
         QJsonArray::fromStringList(symbol.isEmpty() ? symbolsOfInterest(category) : QStringList{symbol})}};
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest GmocoinTrading::openOrdersRequest(Category category, const QString& symbol,
                                                const OrderReference* order) const
{
    if (order && !order->orderId.isEmpty()) {
        SignedRequest r = request("GET", QStringLiteral("orders"));
        r.query = {{QStringLiteral("orderId"), order->orderId}};
        return r;
    }
    SignedRequest r = request("GET", QStringLiteral("activeOrders"));
    r.query = {{QStringLiteral("symbol"), symbol.isEmpty() ? symbolsOfInterest(category).value(0) : symbol},
               {QStringLiteral("count"), QStringLiteral("100")}};
    return r;
}

QList<SignedRequest> GmocoinTrading::moreOpenOrdersRequests(Category category, const QString& symbol) const
{
    QList<SignedRequest> out;
    if (!symbol.isEmpty())
        return out;
    const QStringList symbols = symbolsOfInterest(category);
    for (qsizetype i = 1; i < symbols.size(); ++i)
        out.append(openOrdersRequest(category, symbols[i]));
    return out;
}

void GmocoinTrading::addSymbolsOfInterest(Category category, const QStringList& symbols)
{
    Q_UNUSED(category);
    for (const QString& symbol : symbols)
        noteSymbol(symbol);
}

QStringList GmocoinTrading::symbolsOfInterest(Category category) const
{
    QStringList out;
    for (const QString& symbol : std::as_const(m_symbols)) {
        if (GmocoinMarketData::categoryOf(symbol) == category)
            out.append(symbol);
    }
    return out;
}

void GmocoinTrading::noteSymbol(const QString& symbol) const
{
    if (!symbol.isEmpty() && !m_symbols.contains(symbol))
        m_symbols.append(symbol);
}

SignedRequest GmocoinTrading::orderHistoryRequest(Category category, const QString& symbol,
                                                  const OrderReference* order) const
{
    // GMO lists finished orders only by id (/orders?orderId=): without one, the open orders.
    return openOrdersRequest(category, symbol, order);
}

SignedRequest GmocoinTrading::executionsRequest(Category category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("latestExecutions"));
    r.query = {{QStringLiteral("symbol"), symbol.isEmpty() ? defaultSymbol(category) : symbol},
               {QStringLiteral("count"), QStringLiteral("100")}};
    return r;
}

SignedRequest GmocoinTrading::positionsRequest(Category category, const QString& symbol) const
{
    Q_UNUSED(category); // positions exist on leverage symbols only
    // Every symbol's summary, even when one symbol is asked for: parsePositions() reads a leg missing
    // from the reply as flat, which holds only for a complete reply.
    Q_UNUSED(symbol);
    return request("GET", QStringLiteral("positionSummary"));
}

SignedRequest GmocoinTrading::openPositionsRequest(const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("openPositions"));
    r.query = {{QStringLiteral("symbol"), symbol}, {QStringLiteral("count"), QStringLiteral("100")}};
    return r;
}

Result<std::vector<GmocoinTrading::OpenPosition>, AdapterError>
GmocoinTrading::parseOpenPositions(const QJsonDocument& reply, const QString& symbol) const
{
    using R = Result<std::vector<OpenPosition>, AdapterError>;
    const auto list = listOf(reply, "openPositions");
    if (!list)
        return R::failure(list.error());
    std::vector<OpenPosition> out;
    for (const QJsonValue& v : *list) {
        const auto p = readOpenPosition(v.toObject());
        if (!p)
            return R::failure({QStringLiteral("an open position lacks positionId, symbol, side or size")});
        out.push_back(*p);
    }
    // The reply is the symbol's whole list: it replaces what was known of the symbol.
    QSet<QString> symbols{symbol};
    for (const OpenPosition& p : out)
        symbols.insert(p.symbol);
    std::erase_if(m_openPositions, [&symbols](const OpenPosition& p) { return symbols.contains(p.symbol); });
    for (const OpenPosition& p : out) {
        noteSymbol(p.symbol);
        notePosition(p, false);
    }
    return out;
}

std::vector<GmocoinTrading::OpenPosition> GmocoinTrading::openPositionsOf(const QString& symbol,
                                                                          PositionSide leg) const
{
    std::vector<OpenPosition> out;
    for (const OpenPosition& p : m_openPositions) {
        if (p.symbol == symbol && p.leg == leg)
            out.push_back(p);
    }
    return out;
}

void GmocoinTrading::notePosition(const OpenPosition& position, bool closed) const
{
    const auto it = std::find_if(m_openPositions.begin(), m_openPositions.end(),
                                 [&position](const auto& p) { return p.positionId == position.positionId; });
    if (closed || position.size.isZero()) {
        if (it != m_openPositions.end())
            m_openPositions.erase(it);
    } else if (it != m_openPositions.end()) {
        *it = position;
    } else {
        m_openPositions.push_back(position);
    }
}

QList<SignedRequest> GmocoinTrading::morePositionsRequests(const QList<Category>& categories) const
{
    QList<SignedRequest> out;
    if (!categories.contains(Category::Linear))
        return out;
    for (const QString& symbol : symbolsOfInterest(Category::Linear))
        out.append(openPositionsRequest(symbol));
    return out;
}

const GmocoinTrading::OpenPosition* GmocoinTrading::findOpenPosition(const QString& positionId) const
{
    const auto it = std::find_if(m_openPositions.cbegin(), m_openPositions.cend(),
                                 [&positionId](const OpenPosition& p) { return p.positionId == positionId; });
    return it == m_openPositions.cend() ? nullptr : &*it;
}

std::vector<PositionLot> GmocoinTrading::lotsOf(const QString& symbol, PositionSide leg) const
{
    std::vector<PositionLot> out;
    for (const OpenPosition& p : openPositionsOf(symbol, leg))
        out.push_back(PositionLot{p.positionId, p.size, p.price, p.timeMs});
    // Oldest first; GMO's ids grow with time, so they order positions opened in the same millisecond.
    std::stable_sort(out.begin(), out.end(), [](const PositionLot& a, const PositionLot& b) {
        if (a.openedMs != b.openedMs)
            return a.openedMs < b.openedMs;
        return a.id.size() != b.id.size() ? a.id.size() < b.id.size() : a.id < b.id;
    });
    return out;
}

Position GmocoinTrading::withLots(Position leg) const
{
    const QString key = legKey(leg.symbol, leg.positionSide);
    if (leg.size.isZero()) {
        // A flat leg holds no positions, whatever was heard of them.
        std::erase_if(m_openPositions, [&leg](const OpenPosition& p) {
            return p.symbol == leg.symbol && p.leg == leg.positionSide;
        });
        m_legs.remove(key);
        leg.lots.clear();
        return leg;
    }
    leg.lots = lotsOf(leg.symbol, leg.positionSide);
    m_legs.insert(key, leg);
    return leg;
}

std::vector<Position> GmocoinTrading::legsWithNewLots(const std::vector<OpenPosition>& positions) const
{
    // A page is its symbols' whole list (one page of 100): it replaces what was known of them.
    QSet<QString> symbols;
    for (const OpenPosition& p : positions)
        symbols.insert(p.symbol);
    std::erase_if(m_openPositions, [&symbols](const OpenPosition& p) { return symbols.contains(p.symbol); });
    for (const OpenPosition& p : positions) {
        noteSymbol(p.symbol);
        notePosition(p, false);
    }
    std::vector<Position> out;
    for (const Position& leg : std::as_const(m_legs)) {
        if (symbols.contains(leg.symbol))
            out.push_back(leg);
    }
    for (Position& leg : out)
        leg = withLots(std::move(leg));
    std::sort(out.begin(), out.end(), [](const Position& a, const Position& b) {
        return a.symbol != b.symbol ? a.symbol < b.symbol : a.positionSide < b.positionSide;
    });
    return out;
}

void GmocoinTrading::noteLeg(const Position& position) const
{
    const QString key = legKey(position.symbol, position.positionSide);
    if (position.size.isZero())
        m_openLegs.remove(key);
    else
        m_openLegs.insert(key);
}

SignedRequest GmocoinTrading::balancesRequest() const
{
    return request("GET", QStringLiteral("account/assets"));
}

SignedRequest GmocoinTrading::marginRequest() const
{
    return request("GET", QStringLiteral("account/margin"));
}

Result<Balance, AdapterError> GmocoinTrading::parseMargin(const QJsonDocument& reply) const
{
    using R = Result<Balance, AdapterError>;
    if (const auto e = replyError(reply))
        return R::failure({QStringLiteral("margin: %1 %2").arg(e->venueCode, e->message)});
    const QJsonObject data = reply.object().value(QLatin1String("data")).toObject();
    const auto equity = decimalOf(data.value(QLatin1String("actualProfitLoss")));
    const auto available = decimalOf(data.value(QLatin1String("availableAmount")));
    const auto margin = decimalOf(data.value(QLatin1String("margin")));
    if (!equity || !available || !margin)
        return R::failure({QStringLiteral("margin reply lacks actualProfitLoss, availableAmount or margin")});
    Balance b;
    b.coin = QStringLiteral("JPY");
    b.walletBalance = *margin;
    b.available = available;
    b.equity = equity;
    return b;
}

bool GmocoinTrading::isDuplicateClientOrderId(const RestError& error) const
{
    Q_UNUSED(error); // no client order id at GMO
    return false;
}

bool GmocoinTrading::isAuthenticationError(const RestError& error) const
{
    // ERR-5010 signature, ERR-5011/5012 key unknown or not allowed (documented codes).
    return error.venueCode == QLatin1String("ERR-5010") || error.venueCode == QLatin1String("ERR-5011") ||
           error.venueCode == QLatin1String("ERR-5012");
}

std::optional<RestError> GmocoinTrading::replyError(const QJsonDocument& reply)
{
    return GmocoinMarketData().replyError(reply);
}

OrderStatus GmocoinTrading::statusOf(const QString& s, Decimal executed)
{
    const bool some = executed > Decimal();
    if (s == QLatin1String("WAITING") || s == QLatin1String("ORDERED") || s == QLatin1String("MODIFYING") ||
        s == QLatin1String("CANCELLING"))
        return some ? OrderStatus::PartiallyFilled : OrderStatus::New;
    if (s == QLatin1String("EXECUTED"))
        return OrderStatus::Filled;
    if (s == QLatin1String("CANCELED") || s == QLatin1String("EXPIRED"))
        return some ? OrderStatus::PartiallyFilledCancelled : OrderStatus::Cancelled;
    return OrderStatus::Unknown;
}

Result<OrderAck, AdapterError> GmocoinTrading::parseOrderAck(const QJsonDocument& reply) const
{
    using R = Result<OrderAck, AdapterError>;
    if (const auto e = replyError(reply))
        return R::failure({QStringLiteral("%1 %2").arg(e->venueCode, e->message)});
    const QJsonObject o = reply.object();
    if (!o.value(QLatin1String("status")).isDouble())
        return R::failure({QStringLiteral("not a GMO Coin reply")});
    OrderAck ack;
    ack.orderId = idOf(o.value(QLatin1String("data"))); // order/closeOrder: the new orderId; else none
    return ack;
}

Result<std::vector<Order>, AdapterError> GmocoinTrading::parseOrders(const QJsonDocument& reply) const
{
    const auto list = listOf(reply, "orders");
    if (!list)
        return OrdersResult::failure(list.error());
    std::vector<Order> out;
    for (const QJsonValue& v : *list) {
        const auto order = readOrder(v.toObject(), false);
        if (!order)
            return OrdersResult::failure({QStringLiteral("an order lacks orderId, symbol, side or size")});
        noteSymbol(order->symbol);
        out.push_back(*order);
    }
    return out;
}

Result<std::vector<Fill>, AdapterError> GmocoinTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    const auto list = listOf(reply, "executions");
    if (!list)
        return R::failure(list.error());
    std::vector<Fill> out;
    for (const QJsonValue& v : *list) {
        const auto fill = readFill(v.toObject(), false);
        if (!fill)
            return R::failure(
                {QStringLiteral("an execution lacks executionId, orderId, side, price or size")});
        out.push_back(*fill);
    }
    return out;
}

Result<std::vector<Position>, AdapterError> GmocoinTrading::parsePositions(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Position>, AdapterError>;
    // morePositionsRequests' /openPositions pages come here too: a page is paginated (or, empty, has no
    // list at all) and lists positions by id; the summary is one list of legs.
    if (const QJsonValue data = reply.object().value(QLatin1String("data"));
        !replyError(reply) && data.isObject()) {
        const QJsonObject d = data.toObject();
        const QJsonArray items = d.value(QLatin1String("list")).toArray();
        if (d.contains(QLatin1String("pagination")) || !d.contains(QLatin1String("list")) ||
            (!items.isEmpty() && items.first().toObject().contains(QLatin1String("positionId")))) {
            std::vector<OpenPosition> page;
            for (const QJsonValue& v : items) {
                const auto p = readOpenPosition(v.toObject());
                if (!p)
                    return R::failure(
                        {QStringLiteral("an open position lacks positionId, symbol, side or size")});
                page.push_back(*p);
            }
            return legsWithNewLots(page);
        }
    }
    const auto list = listOf(reply, "positionSummary");
    if (!list)
        return R::failure(list.error());
    std::vector<Position> out;
    QSet<QString> listed;
    for (const QJsonValue& v : *list) {
        const auto p = readPositionSummary(v.toObject());
        if (!p)
            return R::failure(
                {QStringLiteral("a position summary lacks symbol, side or sumPositionQuantity")});
        noteSymbol(p->symbol);
        listed.insert(legKey(p->symbol, p->positionSide));
        out.push_back(*p);
    }
    // GMO lists open legs only: a leg reported open before and missing now has been closed.
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& key : std::as_const(m_openLegs)) {
        if (listed.contains(key))
            continue;
        Position flat;
        flat.symbol = key.section(QLatin1Char(' '), 0, 0);
        flat.category = Category::Linear;
        flat.positionSide =
            key.endsWith(positionSideName(PositionSide::Long)) ? PositionSide::Long : PositionSide::Short;
        flat.updatedMs = now;
        out.push_back(flat);
    }
    // The summary is every symbol's: positions of a leg it does not list are gone.
    std::erase_if(m_openPositions,
                  [&listed](const OpenPosition& p) { return !listed.contains(legKey(p.symbol, p.leg)); });
    for (Position& p : out) {
        noteLeg(p);
        p = withLots(std::move(p));
    }
    return out;
}

Result<std::vector<Balance>, AdapterError> GmocoinTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    const auto list = listOf(reply, "assets");
    if (!list)
        return R::failure(list.error());
    std::vector<Balance> out;
    for (const QJsonValue& v : *list) {
        const QJsonObject o = v.toObject();
        Balance b;
        b.coin = o.value(QLatin1String("symbol")).toString();
        const auto amount = decimalOf(o.value(QLatin1String("amount")));
        if (b.coin.isEmpty() || !amount)
            return R::failure({QStringLiteral("an asset lacks symbol or amount")});
        b.walletBalance = *amount;
        b.available = decimalOf(o.value(QLatin1String("available")));
        b.equity = b.walletBalance;
        out.push_back(b);
    }
    return out;
}

QList<PrivateStreamSpec> GmocoinTrading::privateStreams(const QList<Category>& categories,
                                                        const QUrl& configuredUrl) const
{
    PrivateStreamSpec spec;
    spec.categories = categories;
    spec.url = configuredUrl.isEmpty() ? privateStreamUrl() : configuredUrl;
    SignedRequest token = request("POST", QStringLiteral("ws-auth"));
    token.body = "{}";
    token.contentType = "application/json";
    spec.tokenRequest = token;
    spec.keepAliveInterval = m_keepAlive;
    spec.authAheadMs = 0;
    return {spec};
}

Result<QString, AdapterError> GmocoinTrading::parseStreamToken(const QString& stream,
                                                               const QJsonDocument& reply) const
{
    Q_UNUSED(stream);
    using R = Result<QString, AdapterError>;
    if (const auto e = replyError(reply))
        return R::failure({QStringLiteral("ws-auth: %1 %2").arg(e->venueCode, e->message)});
    const QString token = reply.object().value(QLatin1String("data")).toString();
    if (token.isEmpty())
        return R::failure({QStringLiteral("ws-auth reply has no token")});
    return token;
}

QUrl GmocoinTrading::streamUrl(const PrivateStreamSpec& stream, const QString& token) const
{
    QUrl url = stream.url;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + token);
    return url;
}

SignedRequest GmocoinTrading::keepAliveRequest(const QString& stream, const QString& token) const
{
    Q_UNUSED(stream);
    SignedRequest r = request("PUT", QStringLiteral("ws-auth"));
    r.params = {{QStringLiteral("token"), token}};
    return r;
}

QStringList GmocoinTrading::streamTopics() const
{
    // Channel names only (no symbol): the private protocol sends {"command":"subscribe","channel":…}.
    return {QStringLiteral("orderEvents"), QStringLiteral("executionEvents"),
            QStringLiteral("positionEvents"), QStringLiteral("positionSummaryEvents")};
}

PrivateStreamFrame GmocoinTrading::parseStreamFrame(QByteArrayView frame) const
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
    if (o.contains(QLatin1String("error"))) {
        out.kind = PrivateStreamFrame::Kind::SubscribeRejected;
        out.error = o.value(QLatin1String("error")).toString(); // "ERR-5003 Request too many." verbatim
        return out;
    }
    const QString channel = o.value(QLatin1String("channel")).toString();
    out.topic = channel;
    if (channel == QLatin1String("orderEvents")) {
        const auto order = readOrder(o, true);
        if (!order) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("orderEvents lacks orderId, symbol, side or orderSize");
            return out;
        }
        out.orders.push_back(*order);
    } else if (channel == QLatin1String("executionEvents")) {
        const auto fill = readFill(o, true);
        const auto order = readOrder(o, true);
        if (!fill) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("executionEvents lacks executionId, orderId, side, price or size");
            return out;
        }
        out.fills.push_back(*fill);
        if (order) {
            // The order as of this execution: filled when its executed size reached its size.
            Order o2 = *order;
            o2.status = o2.filledQuantity >= o2.quantity ? OrderStatus::Filled : OrderStatus::PartiallyFilled;
            o2.updatedMs = fill->timeMs;
            out.orders.push_back(o2);
        }
    } else if (channel == QLatin1String("positionSummaryEvents")) {
        const auto p = readPositionSummary(o);
        if (!p) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("positionSummaryEvents lacks symbol, side or sumPositionQuantity");
            return out;
        }
        noteSymbol(p->symbol);
        noteLeg(*p);
        out.positions.push_back(withLots(*p));
    } else if (channel == QLatin1String("positionEvents")) {
        // One position (a positionId) opened (OPR), changed (UPR, ULR: loss-cut price) or closed (CPR):
        // its id is kept for closeOrder. The leg's size and average come with positionSummaryEvents; a leg
        // already known is given again with its lots as they are now.
        const auto p = readOpenPosition(o);
        if (!p) {
            out.kind = PrivateStreamFrame::Kind::Malformed;
            out.error = QStringLiteral("positionEvents lacks positionId, symbol, side or size");
            return out;
        }
        notePosition(*p, o.value(QLatin1String("msgType")).toString() == QLatin1String("CPR"));
        if (const auto leg = m_legs.constFind(legKey(p->symbol, p->leg)); leg != m_legs.cend())
            out.positions.push_back(withLots(*leg));
    } else {
        out.kind = PrivateStreamFrame::Kind::Ignored;
        return out;
    }
    // An order placed elsewhere (the web, another app) makes its symbol one to re-sync.
    for (const Order& order : out.orders)
        noteSymbol(order.symbol);
    out.kind = PrivateStreamFrame::Kind::Data;
    return out;
}
