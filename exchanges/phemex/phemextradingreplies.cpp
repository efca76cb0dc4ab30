// Phemex trading replies and pushes, PhemexTrading's reading half: its REST replies (order acks, open
// orders, orders and trades history, account positions, spot wallets, the product list's scales) and the
// private stream's aop_p / aop / wo pushes, read into orders, fills, positions and balances.
// https://phemex-docs.github.io/#query-open-orders-by-symbol, #query-orders-history, #query-trades-history,
// #query-account-positions, #query-wallets, #subscribe-account-order-position-aop, #subscribe-wallet-order ;
// the requests, order entry and the stream's setup: phemextrading.cpp
#include "phemextrading.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

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

} // namespace

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
