// BitMEX trading REST and the private stream.
// https://www.bitmex.com/api/explorer (Order, Execution, Position, User) , https://www.bitmex.com/app/wsAPI
#include "bitmextrading.h"

#include "bitmexmarketdata.h"
#include "exchanges/core/crypto.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>

#include <simdjson.h>

namespace od = simdjson::ondemand;

namespace {

QString textAt(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

std::optional<Decimal> decimalAt(const QJsonObject& o, const char* key)
{
    return BitmexMarketData::decimalFromJson(o.value(QLatin1String(key)));
}

std::int64_t msAt(const QJsonObject& o, const char* key)
{
    return BitmexMarketData::parseTimestamp(textAt(o, key).toStdString()).value_or(0);
}

// A stream value as a QJsonValue, every JSON number kept as its own text (a string QJsonValue that
// decimalFromJson reads exactly): QJsonDocument would pass 65432.123456789012 through a double.
bool exactJson(od::value value, QJsonValue& out, int depth = 0)
{
    od::json_type type;
    if (depth > 16 || value.type().get(type))
        return false;
    switch (type) {
    case od::json_type::number: {
        std::string_view raw = value.raw_json_token();
        while (!raw.empty() &&
               (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
            raw.remove_suffix(1);
        out = QString::fromLatin1(raw.data(), static_cast<qsizetype>(raw.size()));
        return true;
    }
    case od::json_type::string: {
        std::string_view text;
        if (value.get_string().get(text))
            return false;
        out = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
        return true;
    }
    case od::json_type::boolean: {
        bool b = false;
        if (value.get_bool().get(b))
            return false;
        out = b;
        return true;
    }
    case od::json_type::null: {
        bool isNull = false;
        out = QJsonValue(QJsonValue::Null);
        return value.is_null().get(isNull) == simdjson::SUCCESS && isNull;
    }
    case od::json_type::array: {
        od::array array;
        if (value.get_array().get(array))
            return false;
        QJsonArray items;
        for (auto item : array) {
            od::value v;
            QJsonValue converted;
            if (std::move(item).get(v) || !exactJson(v, converted, depth + 1))
                return false;
            items.append(converted);
        }
        out = items;
        return true;
    }
    case od::json_type::object: {
        od::object object;
        if (value.get_object().get(object))
            return false;
        QJsonObject fields;
        for (auto fieldResult : object) {
            od::field field;
            std::string_view key;
            QJsonValue converted;
            if (std::move(fieldResult).get(field) || field.unescaped_key().get(key))
                return false;
            const QString name = QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
            if (!exactJson(field.value(), converted, depth + 1))
                return false;
            fields.insert(name, converted);
        }
        out = fields;
        return true;
    }
    }
    return false;
}

// A frame read as a JSON object with exact numbers; nullopt when it is not one.
std::optional<QJsonObject> exactObject(QByteArrayView frame)
{
    thread_local od::parser parser;
    const simdjson::padded_string padded(frame.data(), static_cast<std::size_t>(frame.size()));
    od::document document;
    od::value root;
    if (parser.iterate(padded).get(document) || document.get_value().get(root))
        return std::nullopt;
    QJsonValue converted;
    if (!exactJson(root, converted) || !converted.isObject())
        return std::nullopt;
    return converted.toObject();
}

// A row's key part that BitMEX writes as a number (account) or a string.
QString keyPart(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString::number(v.toInteger());
}

// XBt-settled contracts are the inverse ones (quantos are not offered); USDt-settled are linear.
Category categoryOf(const QJsonObject& o)
{
    const QString settle =
        textAt(o, "settlCurrency").isEmpty() ? textAt(o, "currency") : textAt(o, "settlCurrency");
    if (!settle.isEmpty())
        return settle.compare(QLatin1String("XBt"), Qt::CaseInsensitive) == 0 ? Category::Inverse
                                                                              : Category::Linear;
    return textAt(o, "symbol").endsWith(QLatin1String("USDT")) ? Category::Linear : Category::Inverse;
}

// The value written to the wire as a JSON number: on the step's grid at its scale when exact.
QByteArray numberOnStep(Decimal value, Decimal step)
{
    const Decimal plain = value.normalized();
    if (!step.isZero() && plain.scale() <= step.scale()) {
        if (const auto scaled = plain.withScale(step.scale()))
            return scaled->toString().toLatin1();
    }
    return plain.toString().toLatin1();
}

// A JSON object written field by field so numbers keep their exact text (QJsonObject would pass them
// through double).
class JsonBody
{
public:
    JsonBody& text(const char* key, const QString& value)
    {
        QByteArray quoted = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return raw(key, quoted.mid(1, quoted.size() - 2));
    }
    JsonBody& number(const char* key, const QByteArray& value) { return raw(key, value); }
    QByteArray finish() const { return '{' + m_body + '}'; }

private:
    JsonBody& raw(const char* key, const QByteArray& value)
    {
        if (!m_body.isEmpty())
            m_body += ',';
        m_body += '"' + QByteArray(key) + "\":" + value;
        return *this;
    }
    QByteArray m_body;
};

void setBody(SignedRequest& r, const JsonBody& body)
{
    r.body = body.finish();
    r.contentType = "application/json";
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void addQueryFilter(SignedRequest& r, const QString& symbol, const QJsonObject& filter)
{
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    if (!filter.isEmpty())
        r.query.append({QStringLiteral("filter"), QString::fromUtf8(compact(filter))});
}

QJsonObject referenceFilter(const OrderReference* order)
{
    QJsonObject filter;
    if (!order)
        return filter;
    if (!order->orderId.isEmpty())
        filter.insert(QStringLiteral("orderID"), order->orderId);
    else if (!order->clientOrderId.isEmpty())
        filter.insert(QStringLiteral("clOrdID"), order->clientOrderId);
    return filter;
}

bool isTriggerType(const QString& ordType)
{
    return ordType == QLatin1String("Stop") || ordType == QLatin1String("StopLimit") ||
           ordType == QLatin1String("MarketIfTouched") || ordType == QLatin1String("LimitIfTouched");
}

std::optional<Order> orderFrom(const QJsonObject& o)
{
    Order order;
    order.orderId = textAt(o, "orderID");
    order.clientOrderId = textAt(o, "clOrdID");
    order.symbol = textAt(o, "symbol");
    order.category = categoryOf(o);
    order.side = textAt(o, "side") == QLatin1String("Sell") ? Side::Sell : Side::Buy;
    const QString ordType = textAt(o, "ordType");
    order.type = ordType == QLatin1String("Market") || ordType == QLatin1String("Stop") ||
                         ordType == QLatin1String("MarketIfTouched")
                     ? OrderType::Market
                     : OrderType::Limit;
    const auto qty = decimalAt(o, "orderQty");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !qty)
        return std::nullopt;
    order.quantity = *qty;
    order.filledQuantity = decimalAt(o, "cumQty").value_or(Decimal());
    const QString tif = textAt(o, "timeInForce");
    const QString execInst = textAt(o, "execInst");
    if (execInst.contains(QLatin1String("ParticipateDoNotInitiate")))
        order.timeInForce = TimeInForce::PostOnly;
    else if (tif == QLatin1String("ImmediateOrCancel"))
        order.timeInForce = TimeInForce::ImmediateOrCancel;
    else if (tif == QLatin1String("FillOrKill"))
        order.timeInForce = TimeInForce::FillOrKill;
    order.reduceOnly =
        execInst.contains(QLatin1String("ReduceOnly")) || execInst.contains(QLatin1String("Close"));
    if (order.type == OrderType::Limit)
        order.price = decimalAt(o, "price");
    order.averageFillPrice = decimalAt(o, "avgPx");
    order.triggerPrice = decimalAt(o, "stopPx");
    // A conditional order waits while "triggered" is empty; BitMEX writes "StopOrderTriggered" once fired.
    const bool waiting = isTriggerType(ordType) && textAt(o, "triggered").isEmpty();
    order.status =
        BitmexTrading::statusFromBitmex(textAt(o, "ordStatus"), !order.filledQuantity.isZero(), waiting);
    if (isCancelledStatus(order.status) || order.status == OrderStatus::Rejected) {
        order.reason = textAt(o, "ordRejReason");
        if (order.reason.isEmpty())
            order.reason = textAt(o, "text");
    }
    order.createdMs = msAt(o, "transactTime");
    order.updatedMs = msAt(o, "timestamp");
    if (order.createdMs == 0)
        order.createdMs = order.updatedMs;
    return order;
}

std::optional<Fill> fillFrom(const QJsonObject& o)
{
    Fill f;
    f.executionId = textAt(o, "execID");
    f.orderId = textAt(o, "orderID");
    f.clientOrderId = textAt(o, "clOrdID");
    f.symbol = textAt(o, "symbol");
    f.category = categoryOf(o);
    f.side = textAt(o, "side") == QLatin1String("Sell") ? Side::Sell : Side::Buy;
    const auto price = decimalAt(o, "lastPx");
    const auto qty = decimalAt(o, "lastQty");
    if (f.executionId.isEmpty() || !price || !qty)
        return std::nullopt;
    f.price = *price;
    f.quantity = *qty;
    const auto [coin, fee] =
        BitmexTrading::coinAmount(textAt(o, "settlCurrency"), o.value(QLatin1String("execComm")));
    f.fee = fee.value_or(Decimal());
    f.feeCurrency = coin;
    f.isMaker = textAt(o, "lastLiquidityInd") == QLatin1String("AddedLiquidity");
    f.timeMs = msAt(o, "transactTime");
    if (f.timeMs == 0)
        f.timeMs = msAt(o, "timestamp");
    return f;
}

std::optional<Position> positionFrom(const QJsonObject& o)
{
    Position p;
    p.symbol = textAt(o, "symbol");
    p.category = categoryOf(o);
    const auto qty = decimalAt(o, "currentQty");
    if (p.symbol.isEmpty() || !qty)
        return std::nullopt;
    if (qty->isNegative()) {
        p.side = Side::Sell;
        p.size = -*qty;
    } else {
        p.size = *qty;
        if (!qty->isZero())
            p.side = Side::Buy;
    }
    p.entryPrice = decimalAt(o, "avgEntryPrice");
    p.markPrice = decimalAt(o, "markPrice");
    p.liquidationPrice = decimalAt(o, "liquidationPrice");
    const QString currency = textAt(o, "currency");
    p.unrealisedPnl = BitmexTrading::coinAmount(currency, o.value(QLatin1String("unrealisedPnl"))).second;
    p.realisedPnl = BitmexTrading::coinAmount(currency, o.value(QLatin1String("realisedPnl"))).second;
    p.updatedMs = msAt(o, "timestamp");
    return p;
}

std::optional<Balance> balanceFrom(const QJsonObject& o)
{
    const QString currency = textAt(o, "currency");
    const auto [coin, wallet] = BitmexTrading::coinAmount(currency, o.value(QLatin1String("walletBalance")));
    if (currency.isEmpty() || !wallet)
        return std::nullopt;
    Balance b;
    b.coin = coin;
    b.walletBalance = *wallet;
    b.available = BitmexTrading::coinAmount(currency, o.value(QLatin1String("availableMargin"))).second;
    b.equity = BitmexTrading::coinAmount(currency, o.value(QLatin1String("marginBalance"))).second;
    return b;
}

template <typename T, typename From>
Result<std::vector<T>, AdapterError> readArray(const QJsonDocument& reply, const char* what, From from,
                                               const char* lacks)
{
    using R = Result<std::vector<T>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("%1 reply is not an array").arg(QLatin1String(what))});
    std::vector<T> out;
    for (const QJsonValue& v : reply.array()) {
        auto item = from(v.toObject());
        if (!item)
            return R::failure({QString::fromLatin1(lacks)});
        out.push_back(std::move(*item));
    }
    return out;
}

QString base36(quint64 value)
{
    return QString::number(value, 36);
}

} // namespace

BitmexTrading::BitmexTrading(const QUrl& baseUrl, Environment environment)
    : m_baseUrl(baseUrl)
    , m_environment(environment)
{}

QString BitmexTrading::newClientOrderId()
{
    const quint64 n = m_counter.fetch_add(1) + 1;
    const QString random =
        QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return QStringLiteral("bt-") + base36(quint64(QDateTime::currentMSecsSinceEpoch())) + QLatin1Char('-') +
           base36(n) + QLatin1Char('-') + random;
}

SignedRequest BitmexTrading::request(const QByteArray& method, const QString& path) const
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

SignedRequest BitmexTrading::createOrderRequest(const OrderRequest& order, const Instrument& instrument) const
{
    SignedRequest r = request("POST", QStringLiteral("/api/v1/order"));
    const bool limit = order.type == OrderType::Limit;
    QString ordType = limit ? QStringLiteral("Limit") : QStringLiteral("Market");
    if (order.triggerPrice) {
        // BitMEX's Stop buys when the price rises to stopPx and sells when it falls to it; the opposite
        // direction is its "if touched" order.
        const TriggerDirection stopWay =
            order.side == Side::Buy ? TriggerDirection::RisesTo : TriggerDirection::FallsTo;
        const bool stop = order.triggerDirection.value_or(stopWay) == stopWay;
        ordType = stop ? (limit ? QStringLiteral("StopLimit") : QStringLiteral("Stop"))
                       : (limit ? QStringLiteral("LimitIfTouched") : QStringLiteral("MarketIfTouched"));
    }
    JsonBody body;
    body.text("symbol", order.symbol)
        .text("side", order.side == Side::Buy ? QStringLiteral("Buy") : QStringLiteral("Sell"))
        .number("orderQty", numberOnStep(order.quantity, instrument.lotSize))
        .text("ordType", ordType)
        .text("clOrdID", order.clientOrderId);
    if (limit && order.price)
        body.number("price", numberOnStep(*order.price, instrument.tickSize));
    if (order.triggerPrice)
        body.number("stopPx", numberOnStep(*order.triggerPrice, instrument.tickSize));
    switch (order.timeInForce) {
    case TimeInForce::GoodTillCancel:
    case TimeInForce::PostOnly:
        if (limit)
            body.text("timeInForce", QStringLiteral("GoodTillCancel"));
        break;
    case TimeInForce::ImmediateOrCancel:
        body.text("timeInForce", QStringLiteral("ImmediateOrCancel"));
        break;
    case TimeInForce::FillOrKill:
        body.text("timeInForce", QStringLiteral("FillOrKill"));
        break;
    }
    QStringList execInst;
    if (order.timeInForce == TimeInForce::PostOnly)
        execInst << QStringLiteral("ParticipateDoNotInitiate");
    if (order.reduceOnly)
        execInst << QStringLiteral("ReduceOnly");
    if (order.triggerPrice)
        execInst << QStringLiteral("LastPrice"); // trigger on the last trade, as the other venues do
    if (!execInst.isEmpty())
        body.text("execInst", execInst.join(QLatin1Char(',')));
    setBody(r, body);
    return r;
}

SignedRequest BitmexTrading::amendOrderRequest(const OrderAmendment& amendment,
                                               const Instrument& instrument) const
{
    SignedRequest r = request("PUT", QStringLiteral("/api/v1/order"));
    JsonBody body;
    if (!amendment.order.orderId.isEmpty())
        body.text("orderID", amendment.order.orderId);
    else
        body.text("origClOrdID", amendment.order.clientOrderId);
    if (amendment.quantity)
        body.number("orderQty", numberOnStep(*amendment.quantity, instrument.lotSize));
    if (amendment.price)
        body.number("price", numberOnStep(*amendment.price, instrument.tickSize));
    if (amendment.triggerPrice)
        body.number("stopPx", numberOnStep(*amendment.triggerPrice, instrument.tickSize));
    setBody(r, body);
    return r;
}

SignedRequest BitmexTrading::cancelOrderRequest(const OrderReference& order) const
{
    SignedRequest r = request("DELETE", QStringLiteral("/api/v1/order"));
    JsonBody body;
    if (!order.orderId.isEmpty())
        body.text("orderID", order.orderId);
    else
        body.text("clOrdID", order.clientOrderId);
    setBody(r, body);
    return r;
}

SignedRequest BitmexTrading::cancelAllRequest(Category, const QString& symbol) const
{
    SignedRequest r = request("DELETE", QStringLiteral("/api/v1/order/all"));
    JsonBody body;
    if (!symbol.isEmpty())
        body.text("symbol", symbol);
    setBody(r, body);
    return r;
}

SignedRequest BitmexTrading::openOrdersRequest(Category, const QString& symbol,
                                               const OrderReference* order) const
{
    SignedRequest r = request("GET", QStringLiteral("/api/v1/order"));
    // With a reference: that order whatever its state (it may have closed moments ago).
    QJsonObject filter = referenceFilter(order);
    if (!order)
        filter.insert(QStringLiteral("open"), true);
    addQueryFilter(r, symbol, filter);
    r.query.append({QStringLiteral("count"), QStringLiteral("500")});
    r.query.append({QStringLiteral("reverse"), QStringLiteral("true")});
    return r;
}

SignedRequest BitmexTrading::orderHistoryRequest(Category, const QString& symbol,
                                                 const OrderReference* order) const
{
    SignedRequest r = request("GET", QStringLiteral("/api/v1/order"));
    addQueryFilter(r, symbol, referenceFilter(order));
    r.query.append({QStringLiteral("count"), QStringLiteral("100")});
    r.query.append({QStringLiteral("reverse"), QStringLiteral("true")});
    return r;
}

SignedRequest BitmexTrading::executionsRequest(Category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/api/v1/execution/tradeHistory"));
    addQueryFilter(r, symbol, {});
    r.query.append({QStringLiteral("count"), QStringLiteral("100")});
    r.query.append({QStringLiteral("reverse"), QStringLiteral("true")});
    return r;
}

SignedRequest BitmexTrading::positionsRequest(Category, const QString& symbol) const
{
    SignedRequest r = request("GET", QStringLiteral("/api/v1/position"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("filter"),
                        QString::fromUtf8(compact(QJsonObject{{QStringLiteral("symbol"), symbol}}))});
    return r;
}

SignedRequest BitmexTrading::balancesRequest() const
{
    SignedRequest r = request("GET", QStringLiteral("/api/v1/user/margin"));
    r.query.append({QStringLiteral("currency"), QStringLiteral("all")});
    return r;
}

bool BitmexTrading::isDuplicateClientOrderId(const RestError& error) const
{
    // {"error":{"message":"Duplicate clOrdID","name":"HTTPError"}}
    return error.kind == RestError::Kind::Venue &&
           error.message.contains(QLatin1String("Duplicate clOrdID"), Qt::CaseInsensitive);
}

Result<OrderAck, AdapterError> BitmexTrading::parseOrderAck(const QJsonDocument& reply) const
{
    using R = Result<OrderAck, AdapterError>;
    // POST and PUT answer the order; DELETE answers a list of the orders it touched, each with an
    // "error" when that one could not be cancelled.
    const QJsonObject o = reply.isArray() ? reply.array().at(0).toObject() : reply.object();
    if (const QString error = textAt(o, "error"); !error.isEmpty())
        return R::failure({error});
    OrderAck ack{textAt(o, "orderID"), textAt(o, "clOrdID")};
    if (ack.orderId.isEmpty() && ack.clientOrderId.isEmpty())
        return R::failure({QStringLiteral("order reply has no orderID")});
    return ack;
}

Result<std::vector<Order>, AdapterError> BitmexTrading::parseOrders(const QJsonDocument& reply) const
{
    return readArray<Order>(reply, "order", orderFrom, "order entry lacks orderID, symbol or orderQty");
}

Result<std::vector<Fill>, AdapterError> BitmexTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    if (!reply.isArray())
        return R::failure({QStringLiteral("execution reply is not an array")});
    std::vector<Fill> out;
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        if (textAt(o, "execType") != QLatin1String("Trade"))
            continue; // funding, settlement: not fills of our orders
        auto fill = fillFrom(o);
        if (!fill)
            return R::failure({QStringLiteral("execution entry lacks execID, lastPx or lastQty")});
        out.push_back(std::move(*fill));
    }
    return out;
}

Result<std::vector<Position>, AdapterError> BitmexTrading::parsePositions(const QJsonDocument& reply) const
{
    return readArray<Position>(reply, "position", positionFrom, "position entry lacks symbol or currentQty");
}

Result<std::vector<Balance>, AdapterError> BitmexTrading::parseBalances(const QJsonDocument& reply) const
{
    // currency=all answers an array; a single currency answers one object.
    if (reply.isObject())
        return readArray<Balance>(QJsonDocument(QJsonArray{reply.object()}), "margin", balanceFrom,
                                  "margin entry lacks currency or walletBalance");
    return readArray<Balance>(reply, "margin", balanceFrom, "margin entry lacks currency or walletBalance");
}

OrderStatus BitmexTrading::statusFromBitmex(const QString& s, bool partlyFilled, bool waitingForTrigger)
{
    if (s == QLatin1String("New") || s == QLatin1String("PendingNew"))
        return waitingForTrigger ? OrderStatus::Untriggered : OrderStatus::New;
    // Since 2024-03 an order being amended or cancelled is PendingReplace / PendingCancel: still working.
    if (s == QLatin1String("PendingReplace") || s == QLatin1String("PendingCancel"))
        return partlyFilled ? OrderStatus::PartiallyFilled
                            : (waitingForTrigger ? OrderStatus::Untriggered : OrderStatus::New);
    if (s == QLatin1String("PartiallyFilled"))
        return OrderStatus::PartiallyFilled;
    if (s == QLatin1String("Filled"))
        return OrderStatus::Filled;
    if (s == QLatin1String("Canceled") || s == QLatin1String("Expired"))
        return partlyFilled ? OrderStatus::PartiallyFilledCancelled
                            : (waitingForTrigger ? OrderStatus::Deactivated : OrderStatus::Cancelled);
    if (s == QLatin1String("Rejected"))
        return OrderStatus::Rejected;
    return OrderStatus::Unknown;
}

std::pair<QString, std::optional<Decimal>> BitmexTrading::coinAmount(const QString& currency,
                                                                     const QJsonValue& value)
{
    struct Unit
    {
        const char* currency;
        const char* coin;
        int scale;
    };
    // BitMEX keeps balances in integer minor units: 1 XBT = 10^8 XBt, 1 USDT = 10^6 USDt, 1 ETH = 10^9 Gwei.
    static constexpr Unit units[] = {{"XBt", "XBT", 8}, {"USDt", "USDT", 6}, {"Gwei", "ETH", 9}};
    for (const Unit& unit : units) {
        if (currency.compare(QLatin1String(unit.currency), Qt::CaseInsensitive) != 0)
            continue;
        const auto minor = BitmexMarketData::decimalFromJson(value);
        if (!minor || minor->scale() != 0)
            return {QString::fromLatin1(unit.coin), std::nullopt};
        return {QString::fromLatin1(unit.coin),
                Decimal::fromMantissa(minor->mantissa(), unit.scale).normalized()};
    }
    return {currency, BitmexMarketData::decimalFromJson(value)};
}

QUrl BitmexTrading::privateStreamUrl(Environment environment)
{
    // Demo: BitMEX's testnet (paper money), never the real venue.
    return QUrl(environment != Environment::Mainnet ? QStringLiteral("wss://ws.testnet.bitmex.com/realtime")
                                                    : QStringLiteral("wss://ws.bitmex.com/realtime"));
}

QByteArray BitmexTrading::authMessage(const Credentials& credentials, qint64 expiresSeconds)
{
    const QByteArray text = "GET/realtime" + QByteArray::number(expiresSeconds);
    const QByteArray signature = Crypto::hmacSha256Hex(credentials.secret, text);
    const QJsonObject o{{QStringLiteral("op"), QStringLiteral("authKeyExpires")},
                        {QStringLiteral("args"),
                         QJsonArray{credentials.key, expiresSeconds, QString::fromLatin1(signature)}}};
    return compact(o);
}

QStringList BitmexTrading::privateTopics()
{
    return {QStringLiteral("order"), QStringLiteral("execution"), QStringLiteral("position"),
            QStringLiteral("margin")};
}

PrivateStreamFrame BitmexTrading::parseStreamFrame(QByteArrayView frame) const
{
    using Kind = PrivateStreamFrame::Kind;
    PrivateStreamFrame out;
    if (frame == QByteArrayView("pong")) {
        out.kind = Kind::Pong;
        return out;
    }
    // Read with every number as its text, so prices, sizes and amounts arrive exactly.
    const std::optional<QJsonObject> document = exactObject(frame);
    if (!document) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("not a JSON object");
        return out;
    }
    const QJsonObject& o = *document;
    const QString op = o.value(QLatin1String("request")).toObject().value(QLatin1String("op")).toString();
    if (o.contains(QLatin1String("error"))) {
        // {"status":401,"error":"Signature not valid.","meta":{},"request":{"op":"authKeyExpires",…}}
        out.error = textAt(o, "error");
        out.kind = op == QLatin1String("authKeyExpires") ? Kind::AuthRejected
                   : op == QLatin1String("subscribe")    ? Kind::SubscribeRejected
                                                         : Kind::Malformed;
        return out;
    }
    if (o.contains(QLatin1String("success"))) {
        // {"success":true,"request":{"op":"authKeyExpires",…}}; {"success":true,"subscribe":"order",…}
        out.kind = op == QLatin1String("authKeyExpires") ? Kind::AuthAccepted : Kind::SubscribeAck;
        return out;
    }
    const QString table = textAt(o, "table");
    const QString action = textAt(o, "action");
    const QJsonValue data = o.value(QLatin1String("data"));
    if (table.isEmpty()) {
        out.kind = Kind::Ignored; // the welcome message
        return out;
    }
    out.topic = table;
    if (!data.isArray() || action.isEmpty()) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("%1 message has no action or data array").arg(table);
        return out;
    }
    const bool partial = action == QLatin1String("partial");
    // An update for a row we never saw in full (before the partial) may lack what a whole row has: skipped.
    const bool mayLack = action == QLatin1String("update");
    const bool removed = action == QLatin1String("delete");
    // Merges a row into the table's last known row for its key; a delete forgets it.
    const auto merged = [&](QHash<QString, QJsonObject>& rows, const QString& key, const QJsonObject& row) {
        if (removed) {
            QJsonObject last = rows.take(key);
            for (auto it = row.begin(); it != row.end(); ++it)
                last.insert(it.key(), it.value());
            return last;
        }
        QJsonObject& last = rows[key];
        if (action != QLatin1String("update"))
            last = QJsonObject();
        for (auto it = row.begin(); it != row.end(); ++it)
            last.insert(it.key(), it.value());
        return last;
    };
    bool ok = true;
    if (table == QLatin1String("order")) {
        if (partial)
            m_orderRows.clear();
        for (const QJsonValue& v : data.toArray()) {
            const QJsonObject row = v.toObject();
            const QString id = textAt(row, "orderID");
            if (id.isEmpty()) {
                ok = false;
                continue;
            }
            const QJsonObject full = merged(m_orderRows, id, row);
            auto order = orderFrom(full);
            if (!order) {
                ok = ok && mayLack;
                continue;
            }
            // A closed order leaves the table: nothing more will come for it.
            if (!isOpenStatus(order->status))
                m_orderRows.remove(id);
            out.orders.push_back(std::move(*order));
        }
    } else if (table == QLatin1String("execution")) {
        for (const QJsonValue& v : data.toArray()) {
            const QJsonObject row = v.toObject();
            if (textAt(row, "execType") != QLatin1String("Trade"))
                continue; // New, Canceled, Replaced …: the order table says the same
            auto fill = fillFrom(row);
            ok = ok && fill;
            if (fill)
                out.fills.push_back(std::move(*fill));
        }
    } else if (table == QLatin1String("position")) {
        if (partial)
            m_positionRows.clear();
        for (const QJsonValue& v : data.toArray()) {
            const QJsonObject row = v.toObject();
            const QString key = keyPart(row, "account") + QLatin1Char(':') + textAt(row, "symbol");
            auto position = positionFrom(merged(m_positionRows, key, row));
            ok = ok && (position || mayLack);
            if (position)
                out.positions.push_back(std::move(*position));
        }
    } else if (table == QLatin1String("margin")) {
        if (partial)
            m_marginRows.clear();
        for (const QJsonValue& v : data.toArray()) {
            const QJsonObject row = v.toObject();
            const QString key = keyPart(row, "account") + QLatin1Char(':') + textAt(row, "currency");
            auto balance = balanceFrom(merged(m_marginRows, key, row));
            ok = ok && (balance || mayLack);
            if (balance)
                out.balances.push_back(std::move(*balance));
        }
    } else {
        out.kind = Kind::Ignored;
        return out;
    }
    if (!ok) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("%1 %2 lacks a documented field").arg(table, action);
        return out;
    }
    out.kind = Kind::Data;
    return out;
}

QString BitmexTrading::notOffered(const OrderRequest& request) const
{
    // BitMEX removed contingent orders (OCO, OTO: one order placing or cancelling another) in 2018, so
    // nothing on the venue ties a take-profit or stop-loss to an entry. Placing them ourselves once the
    // entry fills would leave the position unprotected whenever the terminal is not running, and a
    // partial fill or a lost push would leave them the wrong size: refused instead, before sending.
    if (request.takeProfit || request.stopLoss)
        return tr("BitMEX takes no take-profit or stop-loss attached to an order: place them as separate "
                  "reduce-only stop or if-touched orders once the position is open");
    return {};
}
