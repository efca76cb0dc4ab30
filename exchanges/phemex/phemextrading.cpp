// Phemex trading REST and the private stream.
// https://phemex-docs.github.io/#place-order-http-post (USDⓈ-M: POST /g-orders), #amend-order-by-orderid
// (PUT /g-orders/replace), #cancel-single-order-by-orderid, #cancel-all-orders, #query-open-orders-by-symbol,
// #query-orders-history, #query-trades-history, #query-account-positions ; spot: #place-order-http-post-2
// (POST /spot/orders), #query-wallets ; stream: #api-user-authentication,
// #subscribe-account-order-position-aop, #subscribe-wallet-order ; error codes: #error-codes
#include "phemextrading.h"

#include "exchanges/core/crypto.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>

#include <cmath>
#include <functional>

namespace {

constexpr qint64 kNanosPerMs = 1'000'000;

QString textAt(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

// The first present text of several spellings (REST says orderID, the data API orderId).
QString textOf(const QJsonObject& o, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isString())
            return v.toString();
    }
    return {};
}

// An integer JSON number, exactly (Phemex's integers fit in 53 bits except nanosecond times, which are
// only ever divided down to milliseconds).
std::optional<std::int64_t> integerOf(const QJsonValue& v)
{
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        return ok ? std::optional<std::int64_t>(n) : std::nullopt;
    }
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::abs(d) > 9.2e18 || d != std::floor(d))
        return std::nullopt;
    return static_cast<std::int64_t>(d);
}

// A real value ("…Rp", "…Rq", "…Rv", and the aop push's orderQty/cumQty/execQty), sent as a string.
std::optional<Decimal> realAt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString().isEmpty() ? std::nullopt : Decimal::parse(v.toString());
    if (const auto n = integerOf(v); n && std::abs(*n) < (std::int64_t(1) << 53))
        return Decimal::fromMantissa(*n, 0); // "ptFeeRv": 0
    return std::nullopt;
}

std::optional<Decimal> realOf(const QJsonObject& o, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        if (const auto d = realAt(o, key))
            return d;
    }
    return std::nullopt;
}

// A scaled integer ("…Ep", "…Ev") ÷ 10^scale, exactly.
std::optional<Decimal> scaledAt(const QJsonObject& o, const char* key, int scale = PhemexTrading::SpotScale)
{
    const auto n = integerOf(o.value(QLatin1String(key)));
    if (!n || std::abs(*n) >= (std::int64_t(1) << 62))
        return std::nullopt;
    return Decimal::fromMantissa(*n, scale).normalized();
}

std::optional<Decimal> nonZero(std::optional<Decimal> d)
{
    return d && !d->isZero() ? d : std::nullopt;
}

std::int64_t msOfNs(const QJsonObject& o, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        if (const auto ns = integerOf(o.value(QLatin1String(key))); ns && *ns > 0)
            return *ns / kNanosPerMs;
    }
    return 0;
}

// Which product an order, fill or position entry is of. Spot symbols start with "s" and spot entries
// carry base quantities; the coin-margined contract API writes scaled integers ("Ep"/"Ev"), the
// USDⓈ-M hedged API real values ("Rp"/"Rq"/"Rv").
Category entryCategory(const QJsonObject& o)
{
    if (textAt(o, "symbol").startsWith(QLatin1Char('s')) || o.contains(QLatin1String("baseQtyEv")) ||
        o.contains(QLatin1String("quoteQtyEv")) || o.contains(QLatin1String("execBaseQtyEv")))
        return Category::Spot;
    for (const char* key : {"priceEp", "execPriceEp", "avgEntryPriceEp", "markPriceEp", "cumValueEv",
                            "execValueEv", "execFeeEv", "valueEv", "stopPxEp"}) {
        if (o.contains(QLatin1String(key)))
            return Category::Inverse;
    }
    return Category::Linear;
}

QString sideText(Side side)
{
    return side == Side::Buy ? QStringLiteral("Buy") : QStringLiteral("Sell");
}

QString timeInForceText(TimeInForce tif)
{
    switch (tif) {
    case TimeInForce::GoodTillCancel:
        return QStringLiteral("GoodTillCancel");
    case TimeInForce::ImmediateOrCancel:
        return QStringLiteral("ImmediateOrCancel");
    case TimeInForce::FillOrKill:
        return QStringLiteral("FillOrKill");
    case TimeInForce::PostOnly:
        return QStringLiteral("PostOnly");
    }
    return {};
}

TimeInForce timeInForceFromText(const QString& text)
{
    if (text == QLatin1String("ImmediateOrCancel"))
        return TimeInForce::ImmediateOrCancel;
    if (text == QLatin1String("FillOrKill"))
        return TimeInForce::FillOrKill;
    if (text == QLatin1String("PostOnly") || text == QLatin1String("RPIPostOnly"))
        return TimeInForce::PostOnly;
    return TimeInForce::GoodTillCancel;
}

bool isMarketType(const QString& type)
{
    return type == QLatin1String("Market") || type == QLatin1String("Stop") ||
           type == QLatin1String("MarketIfTouched") || type == QLatin1String("ProtectedMarket");
}

// A value in Phemex's scaled-integer form at the spot scale, exactly; nullopt if it has more digits.
std::optional<qint64> spotScaled(Decimal value)
{
    return value.mantissaAtScale(PhemexTrading::SpotScale);
}

std::optional<Order> orderFrom(const QJsonObject& o, const PhemexTrading::Scales& scales)
{
    Order order;
    order.orderId = textOf(o, {"orderID", "orderId"});
    order.clientOrderId = textOf(o, {"clOrdID", "clOrdId"});
    order.symbol = textAt(o, "symbol");
    order.category = entryCategory(o);
    const bool spot = order.category == Category::Spot;
    order.side = textAt(o, "side") == QLatin1String("Sell") ? Side::Sell : Side::Buy;
    const QString type = textOf(o, {"ordType", "orderType"});
    order.type = isMarketType(type) ? OrderType::Market : OrderType::Limit;
    order.status = PhemexTrading::statusFromPhemex(textAt(o, "ordStatus"));
    order.timeInForce = timeInForceFromText(textAt(o, "timeInForce"));
    std::optional<Decimal> qty;
    if (spot) {
        qty = scaledAt(o, "baseQtyEv");
        order.filledQuantity = scaledAt(o, "cumBaseQtyEv").value_or(Decimal());
        if (order.type == OrderType::Limit)
            order.price = nonZero(scaledAt(o, "priceEp"));
        order.averageFillPrice = nonZero(scaledAt(o, "avgPriceEp"));
        order.triggerPrice = nonZero(scaledAt(o, "stopPxEp"));
    } else if (order.category == Category::Inverse) {
        // Whole contracts; prices at the product's priceScale.
        const int priceScale = scales.priceOf(order.symbol);
        qty = realAt(o, "orderQty");
        order.filledQuantity = realAt(o, "cumQty").value_or(Decimal());
        if (order.type == OrderType::Limit)
            order.price = nonZero(scaledAt(o, "priceEp", priceScale));
        order.averageFillPrice = nonZero(scaledAt(o, "avgPriceEp", priceScale));
        order.triggerPrice = nonZero(scaledAt(o, "stopPxEp", priceScale));
    } else {
        qty = realOf(o, {"orderQtyRq", "orderQty"});
        order.filledQuantity = realOf(o, {"cumQtyRq", "cumQty"}).value_or(Decimal());
        if (order.type == OrderType::Limit)
            order.price = nonZero(realAt(o, "priceRp"));
        order.triggerPrice = nonZero(realAt(o, "stopPxRp"));
    }
    if ((order.orderId.isEmpty() && order.clientOrderId.isEmpty()) || order.symbol.isEmpty() || !qty)
        return std::nullopt;
    order.quantity = *qty;
    const QString execInst = textAt(o, "execInst");
    order.reduceOnly = o.value(QLatin1String("reduceOnly")).toBool() ||
                       execInst.contains(QLatin1String("ReduceOnly")) ||
                       execInst.contains(QLatin1String("CloseOnTrigger"));
    // Why a rejected or cancelled order ended: the push's message, else the numeric reason codes.
    if (order.status == OrderStatus::Rejected || order.status == OrderStatus::Cancelled ||
        order.status == OrderStatus::PartiallyFilledCancelled) {
        const QString message = textAt(o, "message");
        auto bizError = integerOf(o.value(QLatin1String("bizError")));
        if (!bizError || *bizError == 0)
            bizError = integerOf(o.value(QLatin1String("code"))); // the aop push's order code
        const auto cxlRej = integerOf(o.value(QLatin1String("cxlRejReason")));
        if (!message.isEmpty() && message != QLatin1String("No error"))
            order.reason = message;
        else if (bizError && *bizError != 0)
            order.reason = QString::number(*bizError);
        else if (cxlRej && *cxlRej != 0)
            order.reason = QString::number(*cxlRej);
    }
    if (order.status == OrderStatus::Cancelled && order.filledQuantity.isZero() == false)
        order.status = OrderStatus::PartiallyFilledCancelled;
    order.createdMs = msOfNs(o, {"createTimeNs", "actionTimeNs", "transactTimeNs"});
    order.updatedMs = msOfNs(o, {"transactTimeNs", "actionTimeNs", "createTimeNs"});
    return order;
}

// A fill: a trades-history row, a spot "fills" entry, or an aop order push that carries an execution.
std::optional<Fill> fillFrom(const QJsonObject& o, const PhemexTrading::Scales& scales)
{
    Fill f;
    f.executionId = textOf(o, {"execID", "execId"});
    f.orderId = textOf(o, {"orderID", "orderId"});
    f.clientOrderId = textOf(o, {"clOrdID", "clOrdId"});
    f.symbol = textAt(o, "symbol");
    f.category = entryCategory(o);
    const bool spot = f.category == Category::Spot;
    f.side = textAt(o, "side") == QLatin1String("Sell") ? Side::Sell : Side::Buy;
    std::optional<Decimal> price;
    std::optional<Decimal> qty;
    if (spot) {
        price = scaledAt(o, "execPriceEp");
        qty = scaledAt(o, "execBaseQtyEv");
        f.fee = scaledAt(o, "execFeeEv").value_or(Decimal());
        f.feeCurrency = textAt(o, "feeCurrency");
        f.isMaker = textAt(o, "lastLiquidityInd") == QLatin1String("AddedLiquidity");
    } else if (f.category == Category::Inverse) {
        // Contracts at the product's priceScale; the fee in the settle currency at its valueScale.
        f.feeCurrency = textAt(o, "currency");
        price = scaledAt(o, "execPriceEp", scales.priceOf(f.symbol));
        qty = realAt(o, "execQty");
        f.fee = scaledAt(o, "execFeeEv", scales.valueOf(f.feeCurrency)).value_or(Decimal());
        f.isMaker = textAt(o, "execStatus") == QLatin1String("MakerFill") ||
                    textAt(o, "lastLiquidityInd") == QLatin1String("AddedLiquidity");
    } else {
        price = realAt(o, "execPriceRp");
        qty = realOf(o, {"execQtyRq", "execQty"});
        f.fee = realAt(o, "execFeeRv").value_or(Decimal());
        f.feeCurrency = textAt(o, "currency");
        f.isMaker = textAt(o, "execStatus") == QLatin1String("MakerFill");
    }
    if (f.executionId.isEmpty() || !price || !qty)
        return std::nullopt;
    f.price = *price;
    f.quantity = *qty;
    f.timeMs = msOfNs(o, {"transactTimeNs", "createTimeNs"});
    if (f.timeMs == 0)
        f.timeMs = integerOf(o.value(QLatin1String("createdAt"))).value_or(0);
    return f;
}

bool isExecution(const QJsonObject& o)
{
    const QString id = textAt(o, "execID");
    const auto qty = realAt(o, "execQty");
    return !id.isEmpty() && id != QLatin1String("00000000-0000-0000-0000-000000000000") && qty &&
           !qty->isZero();
}

std::optional<Position> positionFrom(const QJsonObject& o, const PhemexTrading::Scales& scales)
{
    Position p;
    p.symbol = textAt(o, "symbol");
    p.category = entryCategory(o) == Category::Inverse ? Category::Inverse : Category::Linear;
    const auto size = realAt(o, "size");
    if (p.symbol.isEmpty() || !size)
        return std::nullopt;
    p.size = *size;
    const QString side = textAt(o, "side");
    const QString posSide = textAt(o, "posSide");
    if (!p.size.isZero()) {
        if (side == QLatin1String("Buy") || posSide == QLatin1String("Long"))
            p.side = Side::Buy;
        else if (side == QLatin1String("Sell") || posSide == QLatin1String("Short"))
            p.side = Side::Sell;
    }
    if (p.category == Category::Inverse) {
        const int priceScale = scales.priceOf(p.symbol);
        const int valueScale = scales.valueOf(textAt(o, "currency"));
        p.entryPrice = nonZero(scaledAt(o, "avgEntryPriceEp", priceScale));
        p.markPrice = scaledAt(o, "markPriceEp", priceScale);
        p.unrealisedPnl = scaledAt(o, "unrealisedPnlEv", valueScale);
        if (!p.unrealisedPnl)
            p.unrealisedPnl = scaledAt(o, "unRealisedPnlEv", valueScale);
        p.liquidationPrice = nonZero(scaledAt(o, "liquidationPriceEp", priceScale));
        p.realisedPnl = scaledAt(o, "cumClosedPnlEv", valueScale);
    } else {
        p.entryPrice = nonZero(realAt(o, "avgEntryPriceRp"));
        p.markPrice = realAt(o, "markPriceRp");
        p.unrealisedPnl = realAt(o, "unrealisedPnlRv");
        p.liquidationPrice = nonZero(realAt(o, "liquidationPriceRp"));
        p.realisedPnl = realAt(o, "cumClosedPnlRv");
    }
    p.updatedMs = msOfNs(o, {"transactTimeNs"});
    return p;
}

// A contract account (REST "account", push "accounts_p" / "accounts"): balance and the part in use; the
// USDⓈ-M account in real values, a coin account (BTC) in "Ev" at the currency's valueScale.
std::optional<Balance> marginBalanceFrom(const QJsonObject& o, const PhemexTrading::Scales& scales)
{
    Balance b;
    b.coin = textAt(o, "currency");
    b.account = PhemexTrading::contractAccount();
    const bool scaled = o.contains(QLatin1String("accountBalanceEv"));
    const int valueScale = scales.valueOf(b.coin);
    const auto wallet = scaled ? scaledAt(o, "accountBalanceEv", valueScale) : realAt(o, "accountBalanceRv");
    if (b.coin.isEmpty() || !wallet)
        return std::nullopt;
    b.walletBalance = *wallet;
    const auto used =
        scaled ? scaledAt(o, "totalUsedBalanceEv", valueScale) : realAt(o, "totalUsedBalanceRv");
    if (used)
        b.available = Decimal::subtract(*wallet, *used);
    return b;
}

// A spot wallet (REST /spot/wallets, push "wallets"): scaled by the currency's valueScale from
// /public/products' currencies once read (8, the scale of every listed coin, before).
std::optional<Balance> spotBalanceFrom(const QJsonObject& o, const PhemexTrading::Scales& scales)
{
    Balance b;
    b.coin = textAt(o, "currency");
    b.account = PhemexTrading::spotAccount();
    const int valueScale = scales.valueOf(b.coin);
    const auto wallet = scaledAt(o, "balanceEv", valueScale);
    if (b.coin.isEmpty() || !wallet)
        return std::nullopt;
    b.walletBalance = *wallet;
    std::optional<Decimal> available = wallet;
    for (const char* locked : {"lockedTradingBalanceEv", "lockedWithdrawEv"}) {
        if (const auto l = scaledAt(o, locked, valueScale); l && available)
            available = Decimal::subtract(*available, *l);
    }
    b.available = available;
    return b;
}

// The list in a reply: data.rows, data as an array, data as one object, or a bare array.
QJsonArray rowsOf(const QJsonDocument& reply)
{
    if (reply.isArray())
        return reply.array();
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    if (data.isArray())
        return data.toArray();
    const QJsonObject o = data.toObject();
    if (o.value(QLatin1String("rows")).isArray())
        return o.value(QLatin1String("rows")).toArray();
    if (!o.isEmpty() && (o.contains(QLatin1String("orderID")) || o.contains(QLatin1String("orderId"))))
        return QJsonArray{o};
    return {};
}

bool hasRows(const QJsonDocument& reply)
{
    if (reply.isArray())
        return true;
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    return data.isArray() || data.isObject() || data.isNull();
}

QString base36(quint64 value)
{
    return QString::number(value, 36);
}

void addReference(QList<QPair<QString, QString>>& query, const OrderReference& order, const char* clientKey)
{
    if (!order.orderId.isEmpty())
        query.append({QStringLiteral("orderID"), order.orderId});
    else
        query.append({QString::fromLatin1(clientKey), order.clientOrderId});
}

} // namespace

PhemexTrading::PhemexTrading(const QUrl& baseUrl, Environment environment)
    : m_baseUrl(baseUrl)
    , m_environment(environment)
{}

QString PhemexTrading::newClientOrderId()
{
    // Time keeps ids unique across restarts, the counter within a process, the random part between
    // processes started in the same millisecond.
    const quint64 n = m_counter.fetch_add(1) + 1;
    const QString random =
        QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return QStringLiteral("bt-") + base36(quint64(QDateTime::currentMSecsSinceEpoch())) + QLatin1Char('-') +
           base36(n) + QLatin1Char('-') + random;
}

QString PhemexTrading::formatOnStep(Decimal value, Decimal step)
{
    const Decimal plain = value.normalized();
    if (!step.isZero() && plain.scale() <= step.scale()) {
        if (const auto scaled = plain.withScale(step.scale()))
            return scaled->toString();
    }
    return plain.toString();
}

SignedRequest PhemexTrading::request(const QByteArray& method, const QString& path) const
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

SignedRequest PhemexTrading::createOrderRequest(const OrderRequest& order, const Instrument& instrument) const
{
    noteSymbol(order.category, order.symbol); // its open orders are read on every re-sync from now on
    const bool market = order.type == OrderType::Market;
    QString ordType = market ? QStringLiteral("Market") : QStringLiteral("Limit");
    if (order.triggerPrice)
        ordType = market ? QStringLiteral("Stop") : QStringLiteral("StopLimit");
    QJsonObject body{
        {QStringLiteral("symbol"), order.symbol},
        {QStringLiteral("clOrdID"), order.clientOrderId},
        {QStringLiteral("side"), sideText(order.side)},
        {QStringLiteral("ordType"), ordType},
        {QStringLiteral("timeInForce"), timeInForceText(order.timeInForce)},
    };
    SignedRequest r;
    if (order.category == Category::Inverse) {
        // POST /orders: whole contracts (orderQty), prices at the product's priceScale (priceEp); the
        // scales are known (notOffered refuses the order otherwise).
        r = request("POST", QStringLiteral("/orders"));
        const int priceScale = m_scales.priceOf(order.symbol);
        const auto scaled = [priceScale](Decimal price) { return price.mantissaAtScale(priceScale); };
        if (const auto qty = order.quantity.mantissaAtScale(0))
            body.insert(QStringLiteral("orderQty"), qint64(*qty));
        if (!market && order.price) {
            if (const auto price = scaled(*order.price))
                body.insert(QStringLiteral("priceEp"), qint64(*price));
        }
        if (order.reduceOnly)
            body.insert(QStringLiteral("reduceOnly"), true);
        if (order.triggerPrice) {
            if (const auto stop = scaled(*order.triggerPrice))
                body.insert(QStringLiteral("stopPxEp"), qint64(*stop));
            body.insert(QStringLiteral("triggerType"), QStringLiteral("ByLastPrice"));
        }
        if (order.takeProfit) {
            if (const auto tp = scaled(*order.takeProfit))
                body.insert(QStringLiteral("takeProfitEp"), qint64(*tp));
        }
        if (order.stopLoss) {
            if (const auto sl = scaled(*order.stopLoss))
                body.insert(QStringLiteral("stopLossEp"), qint64(*sl));
        }
    } else if (order.category == Category::Spot) {
        r = request("POST", QStringLiteral("/spot/orders"));
        body.insert(QStringLiteral("qtyType"), QStringLiteral("ByBase"));
        if (const auto qty = spotScaled(order.quantity))
            body.insert(QStringLiteral("baseQtyEv"), *qty);
        if (!market && order.price) {
            if (const auto price = spotScaled(*order.price))
                body.insert(QStringLiteral("priceEp"), qint64(*price));
        }
        if (order.triggerPrice) {
            if (const auto stop = spotScaled(*order.triggerPrice))
                body.insert(QStringLiteral("stopPxEp"), qint64(*stop));
            body.insert(QStringLiteral("trigger"), QStringLiteral("ByLastPrice"));
        }
    } else {
        r = request("POST", QStringLiteral("/g-orders"));
        // One-way mode; a hedged account would name Long or Short.
        body.insert(QStringLiteral("posSide"), QStringLiteral("Merged"));
        body.insert(QStringLiteral("orderQtyRq"), formatOnStep(order.quantity, instrument.lotSize));
        if (!market && order.price)
            body.insert(QStringLiteral("priceRp"), formatOnStep(*order.price, instrument.tickSize));
        if (order.reduceOnly)
            body.insert(QStringLiteral("reduceOnly"), true);
        if (order.triggerPrice) {
            body.insert(QStringLiteral("stopPxRp"), formatOnStep(*order.triggerPrice, instrument.tickSize));
            body.insert(QStringLiteral("triggerType"), QStringLiteral("ByLastPrice"));
        }
        if (order.takeProfit)
            body.insert(QStringLiteral("takeProfitRp"), formatOnStep(*order.takeProfit, instrument.tickSize));
        if (order.stopLoss)
            body.insert(QStringLiteral("stopLossRp"), formatOnStep(*order.stopLoss, instrument.tickSize));
    }
    // The exact bytes signed and sent: compact, keys sorted.
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
    return r;
}

SignedRequest PhemexTrading::amendOrderRequest(const OrderAmendment& amendment,
                                               const Instrument& instrument) const
{
    const OrderReference& order = amendment.order;
    if (order.category == Category::Spot) {
        SignedRequest r = request("PUT", QStringLiteral("/spot/orders"));
        r.query.append({QStringLiteral("symbol"), order.symbol});
        addReference(r.query, order, "origClOrdID");
        if (amendment.price) {
            if (const auto price = spotScaled(*amendment.price))
                r.query.append({QStringLiteral("priceEp"), QString::number(*price)});
        }
        if (amendment.quantity) {
            if (const auto qty = spotScaled(*amendment.quantity))
                r.query.append({QStringLiteral("baseQtyEv"), QString::number(*qty)});
        }
        if (amendment.triggerPrice) {
            if (const auto stop = spotScaled(*amendment.triggerPrice))
                r.query.append({QStringLiteral("stopPxEp"), QString::number(*stop)});
        }
        return r;
    }
    if (order.category == Category::Inverse) {
        // PUT /orders/replace: priceEp / stopPxEp at the product's priceScale, orderQty in contracts.
        SignedRequest r = request("PUT", QStringLiteral("/orders/replace"));
        r.query.append({QStringLiteral("symbol"), order.symbol});
        addReference(r.query, order, "origClOrdID");
        const int priceScale = m_scales.priceOf(order.symbol);
        if (amendment.price) {
            if (const auto price = amendment.price->mantissaAtScale(priceScale))
                r.query.append({QStringLiteral("priceEp"), QString::number(*price)});
        }
        if (amendment.quantity) {
            if (const auto qty = amendment.quantity->mantissaAtScale(0))
                r.query.append({QStringLiteral("orderQty"), QString::number(*qty)});
        }
        if (amendment.triggerPrice) {
            if (const auto stop = amendment.triggerPrice->mantissaAtScale(priceScale))
                r.query.append({QStringLiteral("stopPxEp"), QString::number(*stop)});
        }
        return r;
    }
    SignedRequest r = request("PUT", QStringLiteral("/g-orders/replace"));
    r.query.append({QStringLiteral("symbol"), order.symbol});
    addReference(r.query, order, "origClOrdID");
    if (amendment.price)
        r.query.append({QStringLiteral("priceRp"), formatOnStep(*amendment.price, instrument.tickSize)});
    if (amendment.quantity)
        r.query.append({QStringLiteral("orderQtyRq"), formatOnStep(*amendment.quantity, instrument.lotSize)});
    if (amendment.triggerPrice)
        r.query.append(
            {QStringLiteral("stopPxRp"), formatOnStep(*amendment.triggerPrice, instrument.tickSize)});
    r.query.append({QStringLiteral("posSide"), QStringLiteral("Merged")});
    return r;
}

SignedRequest PhemexTrading::cancelOrderRequest(const OrderReference& order) const
{
    if (order.category == Category::Inverse) {
        // DELETE /orders/cancel with orderID or clOrdID, never both.
        SignedRequest r = request("DELETE", QStringLiteral("/orders/cancel"));
        r.query.append({QStringLiteral("symbol"), order.symbol});
        addReference(r.query, order, "clOrdID");
        r.priority = RateLimiter::Priority::Cancel;
        return r;
    }
    SignedRequest r =
        request("DELETE", order.category == Category::Spot ? QStringLiteral("/spot/orders")
                                                           : QStringLiteral("/g-orders/cancel"));
    r.query.append({QStringLiteral("symbol"), order.symbol});
    addReference(r.query, order, "clOrdID");
    if (order.category != Category::Spot)
        r.query.append({QStringLiteral("posSide"), QStringLiteral("Merged")});
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest PhemexTrading::cancelAllRequest(Category category, const QString& symbol) const
{
    // Active orders only (untriggered=false); conditional orders not yet triggered need a second call.
    if (category == Category::Inverse) {
        // DELETE /orders/all takes one symbol: the first of interest, the others in moreCancelAllRequests.
        SignedRequest r = request("DELETE", QStringLiteral("/orders/all"));
        r.query.append({QStringLiteral("symbol"), symbol.isEmpty() ? m_inverseSymbols.value(0) : symbol});
        r.query.append({QStringLiteral("untriggered"), QStringLiteral("false")});
        r.priority = RateLimiter::Priority::Cancel;
        return r;
    }
    SignedRequest r = request("DELETE", category == Category::Spot ? QStringLiteral("/spot/orders/all")
                                                                   : QStringLiteral("/g-orders/all"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    r.query.append({QStringLiteral("untriggered"), QStringLiteral("false")});
    r.priority = RateLimiter::Priority::Cancel;
    return r;
}

SignedRequest PhemexTrading::openOrdersRequest(Category category, const QString& symbol,
                                               const OrderReference* order) const
{
    if (category == Category::Spot) {
        SignedRequest r =
            request("GET", order ? QStringLiteral("/spot/orders/active") : QStringLiteral("/spot/orders"));
        r.query.append(
            {QStringLiteral("symbol"), symbol.isEmpty() ? symbolsOfInterest(category).value(0) : symbol});
        if (order)
            addReference(r.query, *order, "clOrdID");
        return r;
    }
    // The venue has no single-order open query on the hedged API: the symbol's open orders are read and
    // the caller picks its order out. The same for the coin-margined contracts (GET /orders/activeList).
    SignedRequest r = request("GET", category == Category::Inverse ? QStringLiteral("/orders/activeList")
                                                                   : QStringLiteral("/g-orders/activeList"));
    r.query.append(
        {QStringLiteral("symbol"), symbol.isEmpty() ? symbolsOfInterest(category).value(0) : symbol});
    return r;
}

QList<SignedRequest> PhemexTrading::moreOpenOrdersRequests(Category category, const QString& symbol) const
{
    if (!symbol.isEmpty())
        return {};
    return openOrdersRequests(category, symbolsOfInterest(category).mid(1));
}

void PhemexTrading::addSymbolsOfInterest(Category category, const QStringList& symbols)
{
    for (const QString& symbol : symbols)
        noteSymbol(category, symbol);
}

QStringList PhemexTrading::symbolsOfInterest(Category category) const
{
    return symbolList(category);
}

QStringList& PhemexTrading::symbolList(Category category) const
{
    if (category == Category::Spot)
        return m_spotSymbols;
    return category == Category::Inverse ? m_inverseSymbols : m_linearSymbols;
}

void PhemexTrading::noteSymbol(Category category, const QString& symbol) const
{
    QStringList& symbols = symbolList(category);
    if (!symbol.isEmpty() && !symbols.contains(symbol))
        symbols.append(symbol);
}

PrivateStreamFrame PhemexTrading::parseStreamFrame(QByteArrayView frame) const
{
    PrivateStreamFrame parsed = parsePrivateFrame(frame, m_scales);
    for (const Order& order : parsed.orders)
        noteSymbol(order.category, order.symbol);
    for (const Position& position : parsed.positions) {
        if (!position.size.isZero())
            noteSymbol(position.category, position.symbol);
    }
    return parsed;
}

SignedRequest PhemexTrading::orderHistoryRequest(Category category, const QString& symbol,
                                                 const OrderReference* order) const
{
    const bool spot = category == Category::Spot;
    QString path =
        spot ? QStringLiteral("/api-data/spots/orders") : QStringLiteral("/api-data/g-futures/orders");
    if (category == Category::Inverse)
        path = QStringLiteral("/api-data/futures/orders"); // symbol required
    if (order)
        path += QStringLiteral("/by-order-id");
    SignedRequest r = request("GET", path);
    if (category == Category::Inverse)
        r.query.append({QStringLiteral("symbol"), symbol.isEmpty() ? m_inverseSymbols.value(0) : symbol});
    else if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    else if (!spot)
        r.query.append({QStringLiteral("currency"), QStringLiteral("USDT")});
    if (order)
        addReference(r.query, *order, "clOrdID");
    return r;
}

SignedRequest PhemexTrading::executionsRequest(Category category, const QString& symbol) const
{
    const bool spot = category == Category::Spot;
    if (category == Category::Inverse) {
        // GET /api-data/futures/trades?symbol= (symbol required): the first symbol of interest without one.
        SignedRequest r = request("GET", QStringLiteral("/api-data/futures/trades"));
        r.query.append({QStringLiteral("symbol"), symbol.isEmpty() ? m_inverseSymbols.value(0) : symbol});
        return r;
    }
    SignedRequest r = request("GET", spot ? QStringLiteral("/api-data/spots/trades")
                                          : QStringLiteral("/api-data/g-futures/trades"));
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    else if (!spot)
        r.query.append({QStringLiteral("currency"), QStringLiteral("USDT")});
    return r;
}

SignedRequest PhemexTrading::positionsRequest(Category category, const QString& symbol) const
{
    if (category == Category::Inverse) {
        // The coin account of the symbol's settle currency lists its positions (BTC without a symbol).
        return coinAccountRequest(symbol.isEmpty() ? QStringLiteral("BTC") : settleOf(symbol));
    }
    SignedRequest r = request("GET", QStringLiteral("/g-accounts/accountPositions"));
    r.query.append({QStringLiteral("currency"), QStringLiteral("USDT")});
    if (!symbol.isEmpty())
        r.query.append({QStringLiteral("symbol"), symbol});
    return r;
}

SignedRequest PhemexTrading::balancesRequest() const
{
    // The USDT margin account of the perpetuals (the account half of accountPositions).
    SignedRequest r = request("GET", QStringLiteral("/g-accounts/accountPositions"));
    r.query.append({QStringLiteral("currency"), QStringLiteral("USDT")});
    return r;
}

SignedRequest PhemexTrading::spotWalletsRequest() const
{
    return request("GET", QStringLiteral("/spot/wallets"));
}

SignedRequest PhemexTrading::coinAccountRequest(const QString& currency) const
{
    SignedRequest r = request("GET", QStringLiteral("/accounts/accountPositions"));
    r.query.append({QStringLiteral("currency"), currency});
    return r;
}

QString PhemexTrading::settleOf(const QString& symbol) const
{
    // Before the product list is read: Phemex names its contracts settled in another coin than BTC
    // c<COIN>USD (cETHUSD settles in ETH); the list, once read, says it for every contract.
    if (const auto known = m_scales.settle.constFind(symbol); known != m_scales.settle.cend())
        return *known;
    if (symbol.size() > 4 && symbol.startsWith(QLatin1Char('c')) && symbol.endsWith(QLatin1String("USD")))
        return symbol.mid(1, symbol.size() - 4);
    return QStringLiteral("BTC");
}

namespace {
bool tradesContracts(const QList<Category>& categories)
{
    return categories.contains(Category::Linear) || categories.contains(Category::Inverse);
}

// The coin accounts the coin-margined symbols of interest settle in, BTC first.
QStringList coinAccounts(const QStringList& symbols, const std::function<QString(const QString&)>& settleOf)
{
    QStringList out{QStringLiteral("BTC")};
    for (const QString& symbol : symbols) {
        const QString currency = settleOf(symbol);
        if (!currency.isEmpty() && !out.contains(currency))
            out.append(currency);
    }
    return out;
}
} // namespace

SignedRequest PhemexTrading::balancesRequestFor(const QList<Category>& categories) const
{
    // The first account of the categories: USDⓈ-M's, else the BTC account, else the spot wallets.
    if (categories.contains(Category::Linear))
        return balancesRequest();
    if (categories.contains(Category::Inverse))
        return coinAccountRequest(QStringLiteral("BTC"));
    if (categories.contains(Category::Spot))
        return spotWalletsRequest();
    return balancesRequest();
}

QList<SignedRequest> PhemexTrading::moreBalancesRequests(const QList<Category>& categories) const
{
    QList<SignedRequest> out;
    if (categories.contains(Category::Inverse)) {
        QStringList coins = coinAccounts(m_inverseSymbols, [this](const QString& s) { return settleOf(s); });
        if (!categories.contains(Category::Linear))
            coins.removeFirst(); // BTC is balancesRequestFor()'s
        for (const QString& coin : std::as_const(coins))
            out.append(coinAccountRequest(coin));
    }
    if (categories.contains(Category::Spot) && tradesContracts(categories))
        out.append(spotWalletsRequest());
    return out;
}

QList<SignedRequest> PhemexTrading::morePositionsRequests(const QList<Category>& categories) const
{
    // positionsRequest(Inverse) reads the BTC account; contracts settled in another coin (cETHUSD: ETH)
    // have their positions in that coin's account.
    QList<SignedRequest> out;
    if (!categories.contains(Category::Inverse))
        return out;
    QStringList coins = coinAccounts(m_inverseSymbols, [this](const QString& s) { return settleOf(s); });
    coins.removeFirst(); // BTC
    for (const QString& coin : std::as_const(coins))
        out.append(coinAccountRequest(coin));
    return out;
}

QString PhemexTrading::balanceAccountFor(Category category) const
{
    return category == Category::Spot ? spotAccount() : contractAccount();
}

QList<SignedRequest> PhemexTrading::accountSetupRequests(const QList<Category>& categories) const
{
    if (!categories.contains(Category::Inverse) && !categories.contains(Category::Spot))
        return {};
    return {request("GET", QStringLiteral("/public/products"))};
}

Result<bool, AdapterError> PhemexTrading::parseAccountSetup(const QJsonDocument& reply) const
{
    using R = Result<bool, AdapterError>;
    const QJsonObject data = reply.object().value(QLatin1String("data")).toObject();
    const QJsonValue currencies = data.value(QLatin1String("currencies"));
    const QJsonValue products = data.value(QLatin1String("products"));
    if (!currencies.isArray() || !products.isArray())
        return R::failure({QStringLiteral("products reply has no data.currencies or data.products")});
    Scales learnt;
    for (const QJsonValue& v : currencies.toArray()) {
        const QJsonObject c = v.toObject();
        const QString currency = textAt(c, "currency");
        const auto scale = integerOf(c.value(QLatin1String("valueScale")));
        if (currency.isEmpty() || !scale || *scale < 0 || *scale > Decimal::MaxScale)
            return R::failure({QStringLiteral("currency entry lacks currency or valueScale")});
        learnt.valueScale.insert(currency, int(*scale));
    }
    for (const QJsonValue& v : products.toArray()) {
        const QJsonObject product = v.toObject();
        const QString settle = textAt(product, "settleCurrency");
        // Coin-margined: a perpetual settled in a currency other than its quote (BTCUSD in BTC).
        if (textAt(product, "type") != QLatin1String("Perpetual") || settle.isEmpty() ||
            settle == textAt(product, "quoteCurrency"))
            continue;
        const QString symbol = textAt(product, "symbol");
        const auto scale = integerOf(product.value(QLatin1String("priceScale")));
        if (symbol.isEmpty() || !scale || *scale < 0 || *scale > Decimal::MaxScale)
            return R::failure({QStringLiteral("contract %1 lacks priceScale").arg(symbol)});
        learnt.priceScale.insert(symbol, int(*scale));
        learnt.settle.insert(symbol, settle);
    }
    m_scales = std::move(learnt);
    return true;
}

QString PhemexTrading::notOffered(const OrderRequest& request) const
{
    if (request.category != Category::Inverse)
        return {};
    if (!m_scales.priceScale.contains(request.symbol))
        return QCoreApplication::translate("PhemexTrading",
                                           "Phemex's price scale of %1 is not known yet (the product list "
                                           "has not been read); try again in a moment.")
            .arg(request.symbol);
    if (!request.quantity.mantissaAtScale(0))
        return QCoreApplication::translate("PhemexTrading", "Phemex takes %1 in whole contracts only.")
            .arg(request.symbol);
    const int priceScale = m_scales.priceOf(request.symbol);
    for (const std::optional<Decimal>& price :
         {request.price, request.triggerPrice, request.takeProfit, request.stopLoss}) {
        if (price && !price->mantissaAtScale(priceScale))
            return QCoreApplication::translate("PhemexTrading",
                                               "Phemex takes prices of %1 with at most %2 decimals.")
                .arg(request.symbol)
                .arg(priceScale);
    }
    return {};
}

QString PhemexTrading::notOfferedAmendment(const OrderAmendment& amendment) const
{
    if (amendment.order.category != Category::Inverse)
        return {};
    if (!m_scales.priceScale.contains(amendment.order.symbol))
        return QCoreApplication::translate("PhemexTrading",
                                           "Phemex's price scale of %1 is not known yet (the product list "
                                           "has not been read); try again in a moment.")
            .arg(amendment.order.symbol);
    if (amendment.quantity && !amendment.quantity->mantissaAtScale(0))
        return QCoreApplication::translate("PhemexTrading", "Phemex takes %1 in whole contracts only.")
            .arg(amendment.order.symbol);
    const int priceScale = m_scales.priceOf(amendment.order.symbol);
    for (const std::optional<Decimal>& price : {amendment.price, amendment.triggerPrice}) {
        if (price && !price->mantissaAtScale(priceScale))
            return QCoreApplication::translate("PhemexTrading",
                                               "Phemex takes prices of %1 with at most %2 decimals.")
                .arg(amendment.order.symbol)
                .arg(priceScale);
    }
    return {};
}

QList<SignedRequest> PhemexTrading::moreCancelAllRequests(Category category, const QString& symbol) const
{
    QList<SignedRequest> out;
    if (category != Category::Inverse || !symbol.isEmpty())
        return out;
    for (const QString& other : m_inverseSymbols.mid(1))
        out.append(cancelAllRequest(category, other));
    return out;
}

bool PhemexTrading::isDuplicateClientOrderId(const RestError& error) const
{
    // 11085 TE_CL_ORD_ID_DUPLICATE "ClOrdId is duplicated"; 10001 OM_DUPLICATE_ORDERID "Duplicated order ID".
    return error.kind == RestError::Kind::Venue &&
           (error.venueCode == QLatin1String("11085") || error.venueCode == QLatin1String("10001"));
}

QList<SignedRequest> PhemexTrading::openOrdersRequests(Category category, const QStringList& symbols) const
{
    QList<SignedRequest> out;
    QStringList seen;
    for (const QString& symbol : symbols) {
        if (symbol.isEmpty() || seen.contains(symbol))
            continue;
        seen.append(symbol);
        out.append(openOrdersRequest(category, symbol));
    }
    return out;
}

bool PhemexTrading::isEmptyListError(const RestError& error)
{
    return error.kind == RestError::Kind::Venue && error.venueCode == QLatin1String("10002");
}

Result<std::vector<Order>, AdapterError>
PhemexTrading::parseOpenOrdersReply(const RestClient::Reply& reply) const
{
    using R = Result<std::vector<Order>, AdapterError>;
    if (!reply) {
        if (isEmptyListError(reply.error()))
            return std::vector<Order>{};
        return R::failure({reply.error().message});
    }
    return parseOrders(reply.value());
}

Result<OrderAck, AdapterError> PhemexTrading::parseOrderAck(const QJsonDocument& reply) const
{
    const QJsonObject data = reply.object().value(QLatin1String("data")).toObject();
    OrderAck ack{textOf(data, {"orderID", "orderId"}), textOf(data, {"clOrdID", "clOrdId"})};
    if (ack.orderId.isEmpty() && ack.clientOrderId.isEmpty())
        return Result<OrderAck, AdapterError>::failure({QStringLiteral("order reply has no orderID")});
    return ack;
}

Result<std::vector<Order>, AdapterError> PhemexTrading::parseOrders(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Order>, AdapterError>;
    if (!hasRows(reply))
        return R::failure({QStringLiteral("order reply has no data")});
    std::vector<Order> out;
    for (const QJsonValue& v : rowsOf(reply)) {
        auto order = orderFrom(v.toObject(), m_scales);
        if (!order)
            return R::failure({QStringLiteral("order entry lacks orderID, symbol or quantity")});
        noteSymbol(order->category, order->symbol);
        out.push_back(std::move(*order));
    }
    return out;
}

Result<std::vector<Fill>, AdapterError> PhemexTrading::parseFills(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Fill>, AdapterError>;
    if (!hasRows(reply))
        return R::failure({QStringLiteral("trades reply has no data")});
    std::vector<Fill> out;
    for (const QJsonValue& v : rowsOf(reply)) {
        auto fill = fillFrom(v.toObject(), m_scales);
        if (!fill)
            return R::failure({QStringLiteral("trade entry lacks execID, price or quantity")});
        out.push_back(std::move(*fill));
    }
    return out;
}

Result<std::vector<Position>, AdapterError> PhemexTrading::parsePositions(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Position>, AdapterError>;
    const QJsonValue positions =
        reply.object().value(QLatin1String("data")).toObject().value(QLatin1String("positions"));
    if (!positions.isArray())
        return R::failure({QStringLiteral("accountPositions reply has no data.positions")});
    std::vector<Position> out;
    for (const QJsonValue& v : positions.toArray()) {
        auto p = positionFrom(v.toObject(), m_scales);
        if (!p)
            return R::failure({QStringLiteral("position entry lacks symbol or size")});
        if (!p->size.isZero())
            noteSymbol(p->category, p->symbol);
        out.push_back(std::move(*p));
    }
    return out;
}

Result<std::vector<Balance>, AdapterError> PhemexTrading::parseBalances(const QJsonDocument& reply) const
{
    using R = Result<std::vector<Balance>, AdapterError>;
    const QJsonValue data = reply.object().value(QLatin1String("data"));
    std::vector<Balance> out;
    if (data.isArray()) { // /spot/wallets
        for (const QJsonValue& v : data.toArray()) {
            auto b = spotBalanceFrom(v.toObject(), m_scales);
            if (!b)
                return R::failure({QStringLiteral("wallet entry lacks currency or balanceEv")});
            out.push_back(std::move(*b));
        }
        return out;
    }
    const QJsonObject account = data.toObject().value(QLatin1String("account")).toObject();
    auto b = marginBalanceFrom(account, m_scales);
    if (!b)
        return R::failure({QStringLiteral("accountPositions reply lacks data.account currency or balance")});
    out.push_back(std::move(*b));
    return out;
}

OrderStatus PhemexTrading::statusFromPhemex(const QString& s)
{
    if (s == QLatin1String("New") || s == QLatin1String("Created") || s == QLatin1String("Init"))
        return OrderStatus::New;
    if (s == QLatin1String("PartiallyFilled"))
        return OrderStatus::PartiallyFilled;
    if (s == QLatin1String("Filled"))
        return OrderStatus::Filled;
    if (s == QLatin1String("Canceled") || s == QLatin1String("Cancelled"))
        return OrderStatus::Cancelled;
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

QUrl PhemexTrading::privateStreamUrl(Environment environment)
{
    if (environment == Environment::Testnet)
        return QUrl(QStringLiteral("wss://testnet-api.phemex.com/ws"));
    return QUrl(QStringLiteral("wss://ws.phemex.com"));
}

QByteArray PhemexTrading::authMessage(const Credentials& credentials, qint64 expiresMs)
{
    const qint64 expiry = expiresMs / 1000;
    const QByteArray text = credentials.key.toUtf8() + QByteArray::number(expiry);
    const QByteArray signature = Crypto::hmacSha256Hex(credentials.secret, text);
    const QJsonObject o{{QStringLiteral("method"), QStringLiteral("user.auth")},
                        {QStringLiteral("params"), QJsonArray{QStringLiteral("API"), credentials.key,
                                                              QString::fromLatin1(signature), expiry}},
                        {QStringLiteral("id"), AuthRequestId}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QList<PrivateStreamSpec> PhemexTrading::privateStreams(const QList<Category>& categories,
                                                       const QUrl& configuredUrl) const
{
    PrivateStreamSpec only;
    only.url = configuredUrl;
    only.categories = categories;
    if (categories.contains(Category::Inverse))
        only.name = QStringLiteral("coin");
    return {only};
}

QStringList PhemexTrading::streamTopicsFor(const QString& stream) const
{
    QStringList topics = privateTopics();
    if (stream != QLatin1String("coin"))
        topics.removeAll(QStringLiteral("aop"));
    return topics;
}

QStringList PhemexTrading::privateTopics()
{
    return {QStringLiteral("aop_p"), QStringLiteral("aop"), QStringLiteral("wo")};
}

PrivateStreamFrame PhemexTrading::parsePrivateFrame(QByteArrayView frame, const Scales& scales)
{
    using Frame = PrivateStreamFrame;
    Frame out;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        out.kind = Frame::Kind::Malformed;
        out.error = QStringLiteral("not a JSON object");
        return out;
    }
    const QJsonObject o = document.object();
    if (o.contains(QLatin1String("id")) &&
        (o.contains(QLatin1String("result")) || o.contains(QLatin1String("error")))) {
        // {"error":null,"id":…,"result":{"status":"success"}}; a refusal: {"error":{"code","message"},…}.
        const QJsonValue e = o.value(QLatin1String("error"));
        const bool refused = !e.isNull() && !e.isUndefined();
        if (refused) {
            const QJsonObject eo = e.toObject();
            out.error = eo.isEmpty()
                            ? QString::fromUtf8(QJsonDocument(QJsonArray{e}).toJson(QJsonDocument::Compact))
                            : QStringLiteral("%1 %2")
                                  .arg(eo.value(QLatin1String("code")).toInteger())
                                  .arg(eo.value(QLatin1String("message")).toString());
        }
        const bool isAuth = o.value(QLatin1String("id")).toInteger() == AuthRequestId;
        if (isAuth)
            out.kind = refused ? Frame::Kind::AuthRejected : Frame::Kind::AuthAccepted;
        else if (o.value(QLatin1String("result")).toString() == QLatin1String("pong"))
            out.kind = Frame::Kind::Pong;
        else
            out.kind = refused ? Frame::Kind::SubscribeRejected : Frame::Kind::SubscribeAck;
        return out;
    }

    bool ok = true;
    bool any = false;
    auto readOrders = [&](const QJsonArray& list) {
        for (const QJsonValue& v : list) {
            const QJsonObject item = v.toObject();
            auto order = orderFrom(item, scales);
            ok = ok && order;
            if (order)
                out.orders.push_back(std::move(*order));
            // A USDⓈ-M order push that carries an execution is also the fill.
            if (item.contains(QLatin1String("execQty")) && isExecution(item)) {
                auto fill = fillFrom(item, scales);
                ok = ok && fill;
                if (fill)
                    out.fills.push_back(std::move(*fill));
            }
        }
    };
    if (o.contains(QLatin1String("accounts_p")) || o.contains(QLatin1String("orders_p")) ||
        o.contains(QLatin1String("positions_p"))) {
        any = true;
        out.topic = QStringLiteral("aop_p");
        for (const QJsonValue& v : o.value(QLatin1String("accounts_p")).toArray()) {
            auto b = marginBalanceFrom(v.toObject(), scales);
            ok = ok && b;
            if (b)
                out.balances.push_back(std::move(*b));
        }
        readOrders(o.value(QLatin1String("orders_p")).toArray());
        for (const QJsonValue& v : o.value(QLatin1String("positions_p")).toArray()) {
            auto p = positionFrom(v.toObject(), scales);
            ok = ok && p;
            if (p)
                out.positions.push_back(std::move(*p));
        }
    } else if (o.contains(QLatin1String("accounts")) || o.value(QLatin1String("orders")).isArray() ||
               o.contains(QLatin1String("positions"))) {
        // Coin-margined account-order-position: the coin accounts, the contract orders (an order
        // carrying an execution is also the fill) and the positions, in scaled integers.
        any = true;
        out.topic = QStringLiteral("aop");
        for (const QJsonValue& v : o.value(QLatin1String("accounts")).toArray()) {
            auto b = marginBalanceFrom(v.toObject(), scales);
            ok = ok && b;
            if (b)
                out.balances.push_back(std::move(*b));
        }
        readOrders(o.value(QLatin1String("orders")).toArray());
        for (const QJsonValue& v : o.value(QLatin1String("positions")).toArray()) {
            auto p = positionFrom(v.toObject(), scales);
            ok = ok && p;
            if (p)
                out.positions.push_back(std::move(*p));
        }
    } else if (o.contains(QLatin1String("wallets")) ||
               (o.value(QLatin1String("orders")).isObject() && o.contains(QLatin1String("sequence")))) {
        // Spot wallet-order: the spot wallets (snapshot: all of them; incremental: those that
        // changed), the spot orders and their fills.
        any = true;
        out.topic = QStringLiteral("wo");
        for (const QJsonValue& v : o.value(QLatin1String("wallets")).toArray()) {
            auto b = spotBalanceFrom(v.toObject(), scales);
            ok = ok && b;
            if (b)
                out.balances.push_back(std::move(*b));
        }
        const QJsonObject orders = o.value(QLatin1String("orders")).toObject();
        readOrders(orders.value(QLatin1String("open")).toArray());
        readOrders(orders.value(QLatin1String("closed")).toArray());
        for (const QJsonValue& v : orders.value(QLatin1String("fills")).toArray()) {
            auto fill = fillFrom(v.toObject(), scales);
            ok = ok && fill;
            if (fill)
                out.fills.push_back(std::move(*fill));
        }
    }
    if (!any) {
        out.kind = Frame::Kind::Ignored; // index_market24h and other pushes the stream interleaves
        return out;
    }
    if (!ok) {
        out.kind = Frame::Kind::Malformed;
        out.error = QStringLiteral("%1 push lacks a documented field").arg(out.topic);
        return out;
    }
    out.kind = Frame::Kind::Data;
    return out;
}
