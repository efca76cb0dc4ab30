#include "demoaccount.h"

#include "demojson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUuid>

#include <algorithm>

using namespace demojson;

namespace {

Decimal dec(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

const Decimal kZero = Decimal::fromMantissa(0, 0);
const Decimal kMaintenanceRate = dec("0.005");
const Decimal kFeeStep = dec("0.00000001");

std::optional<Decimal> param(const QJsonObject& p, const char* key)
{
    const QJsonValue v = p.value(QLatin1String(key));
    if (v.isString())
        return Decimal::parse(QStringView(v.toString()));
    return std::nullopt;
}

std::int64_t toUnits(Decimal value, Decimal step)
{
    return value.mantissaAtScale(step.scale()).value_or(0) / step.mantissa();
}

// The price a trigger watches (Bybit's triggerBy / tpTriggerBy / slTriggerBy), in ticks.
std::int64_t priceBy(const DemoMarket::Book& book, const QByteArray& by)
{
    if (by == "MarkPrice")
        return book.markPrice();
    if (by == "IndexPrice")
        return book.indexPrice();
    return book.lastPrice();
}

} // namespace

const Decimal DemoAccount::MakerFeeRate = dec("0.0002");
const Decimal DemoAccount::TakerFeeRate = dec("0.00055");

DemoAccount::DemoAccount(DemoMarket& market)
    : m_market(market)
{
    reset();
}

void DemoAccount::reset()
{
    m_orders.clear();
    m_executions.clear();
    m_positions.clear();
    m_balances.clear();
    m_balances.insert(QStringLiteral("USDT"), dec("100000"));
    m_balances.insert(QStringLiteral("BTC"), dec("1"));
    m_balances.insert(QStringLiteral("ETH"), dec("10"));
    for (std::size_t i = 0; i < m_market.bookCount(); ++i) {
        const DemoMarket::Book& book = m_market.book(i);
        m_lastFillId[&book] = book.fills().empty() ? 0 : book.fills().back().id;
    }
}

DemoAccount::Answer DemoAccount::createOrder(const QJsonObject& p)
{
    match();
    const QString categoryText = p.value(QLatin1String("category")).toString();
    const auto category = categoryFromName(categoryText);
    if (!category || (*category != Category::Linear && *category != Category::Spot))
        return Answer::fail(10001, QStringLiteral("params error: category invalid"));
    DemoMarket::Book* book = m_market.find(*category, p.value(QLatin1String("symbol")).toString());
    if (!book)
        return Answer::fail(10001, QStringLiteral("params error: symbol invalid"));
    const DemoSymbolSpec& spec = book->spec();
    const bool linear = *category == Category::Linear;
    const QString sideText = p.value(QLatin1String("side")).toString();
    if (sideText != QLatin1String("Buy") && sideText != QLatin1String("Sell"))
        return Answer::fail(10001, QStringLiteral("params error: side invalid"));
    const QString type = p.value(QLatin1String("orderType")).toString();
    if (type != QLatin1String("Market") && type != QLatin1String("Limit"))
        return Answer::fail(10001, QStringLiteral("params error: orderType invalid"));
    const auto qty = param(p, "qty");
    if (!qty || *qty <= kZero)
        return Answer::fail(10001, QStringLiteral("params error: qty invalid"));

    Order o;
    o.book = book;
    o.side = sideText == QLatin1String("Buy") ? Side::Buy : Side::Sell;
    o.isMarket = type == QLatin1String("Market");
    o.orderLinkId = p.value(QLatin1String("orderLinkId")).toString().toUtf8();
    if (o.orderLinkId.size() > 36)
        return Answer::fail(10001, QStringLiteral("params error: orderLinkId length invalid"));
    for (const Order& other : m_orders) {
        if (!o.orderLinkId.isEmpty() && other.orderLinkId == o.orderLinkId &&
            other.book->category() == *category)
            return linear ? Answer::fail(110072, QStringLiteral("OrderLinkedID is duplicate"))
                          : Answer::fail(170141, QStringLiteral("Duplicate clientOrderId"));
    }
    o.timeInForce = p.value(QLatin1String("timeInForce")).toString(o.isMarket ? "IOC" : "GTC").toLatin1();
    if (o.isMarket)
        o.timeInForce = "IOC";
    if (o.timeInForce != "GTC" && o.timeInForce != "IOC" && o.timeInForce != "FOK" &&
        o.timeInForce != "PostOnly")
        return Answer::fail(10001, QStringLiteral("params error: timeInForce invalid"));
    o.reduceOnly = linear && p.value(QLatin1String("reduceOnly")).toBool();
    // A close-on-trigger order can only reduce the position.
    o.closeOnTrigger = linear && p.value(QLatin1String("closeOnTrigger")).toBool();
    o.reduceOnly = o.reduceOnly || o.closeOnTrigger;

    const auto triggerPrice = param(p, "triggerPrice");
    const auto takeProfit = param(p, "takeProfit");
    const auto stopLoss = param(p, "stopLoss");
    const bool conditional = triggerPrice && !triggerPrice->isZero();
    // Spot conditional and TP/SL orders (orderFilter StopOrder / tpslOrder) are not simulated: refused
    // rather than silently placed as plain orders.
    const bool tpsl = (takeProfit && !takeProfit->isZero()) || (stopLoss && !stopLoss->isZero());
    if (!linear && (conditional || tpsl))
        return Answer::fail(10001, QStringLiteral("params error: the demo venue has no spot conditional or "
                                                  "TP/SL orders"));

    // Spot market buys are in quote coin (the amount to spend) unless marketUnit says baseCoin; a spot
    // market sell is in base coin. marketUnit is baseCoin or quoteCoin, for spot market orders only.
    const QJsonValue unit = p.value(QLatin1String("marketUnit"));
    if (!unit.isUndefined() && unit.toString() != QLatin1String("baseCoin") &&
        unit.toString() != QLatin1String("quoteCoin"))
        return Answer::fail(10001, QStringLiteral("params error: marketUnit invalid"));
    if (unit.toString() == QLatin1String("quoteCoin") && (linear || o.side == Side::Sell))
        return Answer::fail(10001, QStringLiteral("params error: the demo venue takes marketUnit quoteCoin "
                                                  "for spot market buys only"));
    std::optional<Decimal> quoteBudget;
    if (!linear && o.isMarket && o.side == Side::Buy && unit.toString() != QLatin1String("baseCoin"))
        quoteBudget = *qty;
    if (!quoteBudget) {
        if (!qty->isMultipleOf(spec.lotSize))
            return linear ? Answer::fail(10001, QStringLiteral("params error: Qty invalid"))
                          : Answer::fail(170137, QStringLiteral("Order volume decimal too long"));
        if (*qty < spec.minOrderQty)
            return linear
                       ? Answer::fail(10001,
                                      QStringLiteral("The number of contracts exceeds minimum limit allowed"))
                       : Answer::fail(170136, QStringLiteral("Order quantity lower than the minimum."));
        if (*qty > spec.maxOrderQty)
            return linear
                       ? Answer::fail(10001,
                                      QStringLiteral("The number of contracts exceeds maximum limit allowed"))
                       : Answer::fail(170381, QStringLiteral("Order quantity too large."));
        o.qty = qty->withScale(spec.lotSize.scale()).value_or(*qty);
    }
    if (!o.isMarket) {
        const auto price = param(p, "price");
        if (!price || *price <= kZero)
            return Answer::fail(10001, QStringLiteral("params error: price invalid"));
        if (!price->isMultipleOf(spec.tickSize))
            return linear ? Answer::fail(10001, QStringLiteral("params error: Price invalid"))
                          : Answer::fail(170134, QStringLiteral("Order price decimal too long."));
        o.price = price->withScale(spec.tickSize.scale()).value_or(*price);
    }
    if (conditional) {
        if (*triggerPrice < kZero || !triggerPrice->isMultipleOf(spec.tickSize))
            return Answer::fail(10001, QStringLiteral("params error: triggerPrice invalid"));
        o.stopOrderType = "Stop";
        o.createType = "CreateByStopOrder";
        o.triggerPrice = triggerPrice->withScale(spec.tickSize.scale()).value_or(*triggerPrice);
        o.triggerBy = p.value(QLatin1String("triggerBy")).toString(QStringLiteral("LastPrice")).toLatin1();
        if (o.triggerBy != "LastPrice" && o.triggerBy != "MarkPrice" && o.triggerBy != "IndexPrice")
            return Answer::fail(10001, QStringLiteral("params error: triggerBy invalid"));
        const QJsonValue direction = p.value(QLatin1String("triggerDirection"));
        o.triggerDirection = direction.isString() ? direction.toString().toInt() : direction.toInt();
        if (direction.isUndefined())
            // Not given: the side of the market the trigger price lies on.
            o.triggerDirection = toUnits(o.triggerPrice, spec.tickSize) > priceBy(*book, o.triggerBy) ? 1 : 2;
        if (o.triggerDirection != 1 && o.triggerDirection != 2)
            return Answer::fail(10001, QStringLiteral("params error: triggerDirection invalid"));
        if (const auto wrongSide = checkTrigger(o))
            return Answer::fail(wrongSide->code, wrongSide->message);
        // Perpetuals: at most 10 conditional orders waiting per symbol
        // (https://bybit-exchange.github.io/docs/v5/order/create-order).
        const auto waiting = std::count_if(m_orders.begin(), m_orders.end(), [book](const Order& other) {
            return other.book == book && other.status == "Untriggered";
        });
        if (waiting >= MaxConditionalOrders)
            return Answer::fail(
                110009, QStringLiteral("The number of stop orders exceeds the maximum allowable limit"));
    }
    const std::int64_t touch = o.side == Side::Buy ? book->bestAsk() : book->bestBid();
    const Decimal refPrice = !o.isMarket ? o.price : conditional ? o.triggerPrice : book->price(touch);
    if (!quoteBudget && o.qty * refPrice < spec.minNotional)
        return linear ? Answer::fail(110094, QStringLiteral("Order notional value below the lower limit"))
                      : Answer::fail(170140, QStringLiteral("Order value exceeded lower limit"));
    if (quoteBudget && *quoteBudget < spec.minNotional)
        return Answer::fail(170140, QStringLiteral("Order value exceeded lower limit"));

    // Take profit / stop loss for the position this order opens (tpslMode Full: the whole position, a
    // market close). A reduce-only order cannot carry them (Bybit ignores them there).
    if (linear && !o.reduceOnly) {
        const QString mode = p.value(QLatin1String("tpslMode")).toString(QStringLiteral("Full"));
        if (tpsl && mode != QLatin1String("Full"))
            return Answer::fail(10001, QStringLiteral("params error: the demo venue has tpslMode Full only"));
        const Decimal base = o.isMarket && !conditional ? book->price(book->lastPrice()) : refPrice;
        if (const auto refused = attachTpsl(o, p, takeProfit, stopLoss, base))
            return Answer::fail(refused->code, refused->message);
    }

    if (o.reduceOnly) {
        const Position& pos = m_positions[book];
        if (pos.size.isZero() || pos.side == o.side)
            return Answer::fail(110017, QStringLiteral("Reduce-only rule not satisfied"));
        if (o.qty > pos.size)
            o.qty = pos.size;
    }
    // A conditional order occupies no margin until it triggers (then it is checked again).
    if (linear && !o.reduceOnly && !conditional) {
        const Decimal value = o.qty * refPrice;
        const Decimal need = divide(value, Decimal::fromMantissa(Leverage, 0), 8) + value * TakerFeeRate;
        if (need > availableUsdt())
            return Answer::fail(110007, QStringLiteral("ab not enough for new order"));
    } else if (!linear) {
        const bool buy = o.side == Side::Buy;
        const QString coin = buy ? spec.quoteCoin : spec.baseCoin;
        const Decimal need = quoteBudget ? *quoteBudget : (buy ? o.qty * refPrice : o.qty);
        if (need > balance(coin) - lockedCoin(coin))
            return Answer::fail(170131, QStringLiteral("Balance insufficient"));
    }

    o.status = conditional ? "Untriggered" : "New";
    Order& order = addOrder(o);
    if (conditional) {
        emitOrder(order);
    } else {
        execute(order, quoteBudget);
    }
    return {{}, Obj().str("orderId", order.orderId).str("orderLinkId", order.orderLinkId).done()};
}

DemoAccount::Order& DemoAccount::addOrder(Order o)
{
    DemoMarket::Book* book = o.book;
    o.orderId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    o.lastPriceOnCreated = book->price(book->lastPrice());
    o.createdMs = o.updatedMs = now();
    m_orders.push_back(o);
    return m_orders.back();
}

void DemoAccount::execute(Order& order, std::optional<Decimal> quoteBudget)
{
    DemoMarket::Book* book = order.book;
    m_lastFillId[book] = book->fills().empty() ? m_lastFillId[book] : book->fills().back().id;
    const std::int64_t touch = order.side == Side::Buy ? book->bestAsk() : book->bestBid();
    const std::int64_t priceTicks = order.isMarket ? 0 : toUnits(order.price, book->spec().tickSize);
    const bool crosses =
        !order.isMarket && touch > 0 && (order.side == Side::Buy ? priceTicks >= touch : priceTicks <= touch);
    if (order.timeInForce == "PostOnly" && crosses) {
        // Bybit accepts the order, then cancels it at once (linear and spot alike).
        order.status = "Cancelled";
        order.rejectReason = "EC_PostOnlyWillTakeLiquidity";
        emitOrder(order);
        emitWallet();
    } else if (order.isMarket || crosses) {
        takeLiquidity(order, order.isMarket ? std::nullopt : std::optional(priceTicks), quoteBudget);
        if (order.isMarket || order.timeInForce == "IOC" || order.timeInForce == "FOK")
            finishTaker(order);
        emitOrder(order);
    } else {
        if (order.timeInForce == "IOC" || order.timeInForce == "FOK")
            finishTaker(order);
        emitOrder(order);
        emitWallet();
    }
}

// Bybit's texts for a take profit or stop loss on the wrong side of the order's base price (retCode
// 10001), e.g. "StopLoss:324000000 set for Buy position should lower than base_price:161600000??LastPrice"
// as Bybit answers it; the demo venue writes the prices as decimals.
std::optional<DemoAccount::Error> DemoAccount::attachTpsl(Order& o, const QJsonObject& p,
                                                          std::optional<Decimal> takeProfit,
                                                          std::optional<Decimal> stopLoss, Decimal base) const
{
    const Decimal tick = o.book->spec().tickSize;
    const bool buy = o.side == Side::Buy;
    const QString side = buy ? QStringLiteral("Buy") : QStringLiteral("Sell");
    const auto triggerBy = [&p](const char* key, QByteArray& out) {
        out = p.value(QLatin1String(key)).toString(QStringLiteral("LastPrice")).toLatin1();
        return out == "LastPrice" || out == "MarkPrice" || out == "IndexPrice";
    };
    if (takeProfit && !takeProfit->isZero()) {
        if (*takeProfit < kZero || !takeProfit->isMultipleOf(tick))
            return Error{10001, QStringLiteral("params error: takeProfit invalid")};
        if (!triggerBy("tpTriggerBy", o.tpTriggerBy))
            return Error{10001, QStringLiteral("params error: tpTriggerBy invalid")};
        o.takeProfit = takeProfit->withScale(tick.scale()).value_or(*takeProfit);
        if (buy ? o.takeProfit <= base : o.takeProfit >= base)
            return Error{10001, QStringLiteral("TakeProfit:%1 set for %2 position should be %3 than "
                                               "base_price:%4??%5")
                                    .arg(o.takeProfit.toString(), side,
                                         buy ? QStringLiteral("higher") : QStringLiteral("lower"),
                                         base.toString(), QString::fromLatin1(o.tpTriggerBy))};
    }
    if (stopLoss && !stopLoss->isZero()) {
        if (*stopLoss < kZero || !stopLoss->isMultipleOf(tick))
            return Error{10001, QStringLiteral("params error: stopLoss invalid")};
        if (!triggerBy("slTriggerBy", o.slTriggerBy))
            return Error{10001, QStringLiteral("params error: slTriggerBy invalid")};
        o.stopLoss = stopLoss->withScale(tick.scale()).value_or(*stopLoss);
        if (buy ? o.stopLoss >= base : o.stopLoss <= base)
            return Error{10001, QStringLiteral("StopLoss:%1 set for %2 position should %3 base_price:%4??%5")
                                    .arg(o.stopLoss.toString(), side,
                                         buy ? QStringLiteral("lower than") : QStringLiteral("greater"),
                                         base.toString(), QString::fromLatin1(o.slTriggerBy))};
    }
    return std::nullopt;
}

// Bybit refuses a trigger price already reached: error codes 110092 / 110093
// (https://bybit-exchange.github.io/docs/v5/error). The documented text is cut short after "??";
// the rest names the trigger price type.
std::optional<DemoAccount::Error> DemoAccount::checkTrigger(const Order& o) const
{
    const DemoMarket::Book& book = *o.book;
    const std::int64_t current = priceBy(book, o.triggerBy);
    const std::int64_t trigger = toUnits(o.triggerPrice, book.spec().tickSize);
    if (o.triggerDirection == 1 && trigger <= current)
        return Error{110092, QStringLiteral("expect Rising, but trigger_price[%1] <= current[%2]??%3")
                                 .arg(o.triggerPrice.toString(), book.price(current).toString(),
                                      QString::fromLatin1(o.triggerBy))};
    if (o.triggerDirection == 2 && trigger >= current)
        return Error{110093, QStringLiteral("expect Falling, but trigger_price[%1] >= current[%2]??%3")
                                 .arg(o.triggerPrice.toString(), book.price(current).toString(),
                                      QString::fromLatin1(o.triggerBy))};
    return std::nullopt;
}

DemoAccount::Order* DemoAccount::findOrder(const QJsonObject& p, Category category, const QString& symbol)
{
    const QByteArray id = p.value(QLatin1String("orderId")).toString().toUtf8();
    const QByteArray link = p.value(QLatin1String("orderLinkId")).toString().toUtf8();
    for (Order& o : m_orders) {
        if (o.book->category() == category && o.book->symbol() == symbol && o.isOpen() &&
            ((!id.isEmpty() && o.orderId == id) ||
             (id.isEmpty() && !link.isEmpty() && o.orderLinkId == link)))
            return &o;
    }
    return nullptr;
}

DemoAccount::Answer DemoAccount::amendOrder(const QJsonObject& p)
{
    match();
    const auto category = categoryFromName(p.value(QLatin1String("category")).toString());
    const QString symbol = p.value(QLatin1String("symbol")).toString();
    if (!category || symbol.isEmpty())
        return Answer::fail(10001, QStringLiteral("params error: category or symbol invalid"));
    if (!p.contains(QLatin1String("orderId")) && !p.contains(QLatin1String("orderLinkId")))
        return Answer::fail(10001, QStringLiteral("params error: orderId or orderLinkId is required"));
    Order* o = findOrder(p, *category, symbol);
    if (!o)
        return *category == Category::Spot
                   ? Answer::fail(170213, QStringLiteral("Order does not exist."))
                   : Answer::fail(110001, QStringLiteral("order not exists or too late to replace"));
    const DemoSymbolSpec& spec = o->book->spec();
    const auto qty = param(p, "qty");
    const auto price = param(p, "price");
    const auto triggerPrice = param(p, "triggerPrice");
    const bool untriggered = o->status == "Untriggered";
    if (!qty && !price && !(untriggered && triggerPrice))
        return Answer::fail(10001, QStringLiteral("params error: qty or price is required"));
    if (qty && (!qty->isMultipleOf(spec.lotSize) || *qty < spec.minOrderQty || *qty <= o->cumQty))
        return Answer::fail(10001, QStringLiteral("params error: Qty invalid"));
    if (price && (!price->isMultipleOf(spec.tickSize) || *price <= kZero))
        return Answer::fail(10001, QStringLiteral("params error: Price invalid"));
    if (untriggered) {
        // A waiting conditional order: its trigger, price and quantity change; nothing trades yet.
        Order changed = *o;
        if (triggerPrice) {
            if (!triggerPrice->isMultipleOf(spec.tickSize) || *triggerPrice <= kZero)
                return Answer::fail(10001, QStringLiteral("params error: triggerPrice invalid"));
            changed.triggerPrice = triggerPrice->withScale(spec.tickSize.scale()).value_or(*triggerPrice);
            if (const auto wrongSide = checkTrigger(changed))
                return Answer::fail(wrongSide->code, wrongSide->message);
        }
        if (qty)
            changed.qty = qty->withScale(spec.lotSize.scale()).value_or(*qty);
        if (price && !changed.isMarket)
            changed.price = price->withScale(spec.tickSize.scale()).value_or(*price);
        changed.updatedMs = now();
        *o = changed;
        emitOrder(*o);
        return {{}, Obj().str("orderId", o->orderId).str("orderLinkId", o->orderLinkId).done()};
    }
    if (qty)
        o->qty = qty->withScale(spec.lotSize.scale()).value_or(*qty);
    o->updatedMs = now();
    if (price) {
        o->price = price->withScale(spec.tickSize.scale()).value_or(*price);
        const std::int64_t ticks = toUnits(o->price, spec.tickSize);
        const std::int64_t touch = o->side == Side::Buy ? o->book->bestAsk() : o->book->bestBid();
        if (touch > 0 && (o->side == Side::Buy ? ticks >= touch : ticks <= touch)) {
            if (o->timeInForce == "PostOnly") {
                // As on create: the amendment is accepted and the order cancelled at once.
                o->status = o->cumQty.isZero() ? "Cancelled" : "PartiallyFilledCanceled";
                o->rejectReason = "EC_PostOnlyWillTakeLiquidity";
            } else {
                takeLiquidity(*o, ticks, std::nullopt);
            }
        }
    }
    emitOrder(*o);
    emitWallet();
    return {{}, Obj().str("orderId", o->orderId).str("orderLinkId", o->orderLinkId).done()};
}

DemoAccount::Answer DemoAccount::cancelOrder(const QJsonObject& p)
{
    match();
    const auto category = categoryFromName(p.value(QLatin1String("category")).toString());
    const QString symbol = p.value(QLatin1String("symbol")).toString();
    if (!category || symbol.isEmpty())
        return Answer::fail(10001, QStringLiteral("params error: category or symbol invalid"));
    if (!p.contains(QLatin1String("orderId")) && !p.contains(QLatin1String("orderLinkId")))
        return Answer::fail(10001, QStringLiteral("params error: orderId or orderLinkId is required"));
    Order* o = findOrder(p, *category, symbol);
    if (!o)
        return *category == Category::Spot
                   ? Answer::fail(170213, QStringLiteral("Order does not exist."))
                   : Answer::fail(110001, QStringLiteral("order not exists or too late to cancel"));
    // A conditional order cancelled before it triggered is Deactivated.
    o->status = o->status == "Untriggered" ? "Deactivated"
                : o->cumQty.isZero()       ? "Cancelled"
                                           : "PartiallyFilledCanceled";
    o->cancelType = "CancelByUser";
    o->updatedMs = now();
    emitOrder(*o);
    emitWallet();
    return {{}, Obj().str("orderId", o->orderId).str("orderLinkId", o->orderLinkId).done()};
}

DemoAccount::Answer DemoAccount::cancelAll(const QJsonObject& p)
{
    match();
    const auto category = categoryFromName(p.value(QLatin1String("category")).toString());
    if (!category)
        return Answer::fail(10001, QStringLiteral("params error: category invalid"));
    const QString symbol = p.value(QLatin1String("symbol")).toString();
    const QString settle = p.value(QLatin1String("settleCoin")).toString();
    if (*category == Category::Linear && symbol.isEmpty() && settle.isEmpty() &&
        p.value(QLatin1String("baseCoin")).toString().isEmpty())
        return Answer::fail(
            10001, QStringLiteral("Missing some parameters that must be filled in, symbol or settleCoin"));
    // orderFilter: Order (working orders) or StopOrder (untriggered conditional ones); every kind by
    // default.
    const QString filter = p.value(QLatin1String("orderFilter")).toString();
    QByteArray list = "[";
    for (Order& o : m_orders) {
        if (!o.isOpen() || o.book->category() != *category ||
            (!symbol.isEmpty() && o.book->symbol() != symbol))
            continue;
        const bool untriggered = o.status == "Untriggered";
        if ((filter == QLatin1String("Order") && untriggered) ||
            (filter == QLatin1String("StopOrder") && !untriggered))
            continue;
        o.status = untriggered ? "Deactivated" : o.cumQty.isZero() ? "Cancelled" : "PartiallyFilledCanceled";
        o.cancelType = "CancelByUser";
        o.updatedMs = now();
        emitOrder(o);
        if (list.size() > 1)
            list += ',';
        list += Obj().str("orderId", o.orderId).str("orderLinkId", o.orderLinkId).done();
    }
    emitWallet();
    return {{}, Obj().raw("list", list + ']').str("success", "1").done()};
}

void DemoAccount::match()
{
    for (std::size_t i = 0; i < m_market.bookCount(); ++i) {
        DemoMarket::Book& book = m_market.book(i);
        std::uint64_t& seen = m_lastFillId[&book];
        std::int64_t lowTrade = 0, highTrade = 0;
        for (const DemoMarket::Fill& f : book.fills()) {
            if (f.id <= seen)
                continue;
            lowTrade = lowTrade == 0 ? f.priceTicks : std::min(lowTrade, f.priceTicks);
            highTrade = std::max(highTrade, f.priceTicks);
            seen = f.id;
        }
        for (Order& o : m_orders) {
            if (o.book != &book || !o.isWorking() || o.isMarket)
                continue;
            const std::int64_t ticks = toUnits(o.price, book.spec().tickSize);
            const bool hit = o.side == Side::Buy ? ((lowTrade > 0 && lowTrade <= ticks) ||
                                                    (book.bestAsk() > 0 && book.bestAsk() <= ticks))
                                                 : ((highTrade > 0 && highTrade >= ticks) ||
                                                    (book.bestBid() > 0 && book.bestBid() >= ticks));
            if (!hit)
                continue;
            fill(o, ticks, o.leaves(), true);
            emitOrder(o);
        }

        // Has the watched price reached `trigger` going up (or down)? Last price: any trade since the
        // last look counts, as well as where the last one stands.
        const auto reached = [&book, lowTrade, highTrade](const QByteArray& by, Decimal price, bool rising) {
            const std::int64_t trigger = toUnits(price, book.spec().tickSize);
            const std::int64_t current = priceBy(book, by);
            if (rising)
                return current >= trigger || (by == "LastPrice" && highTrade > 0 && highTrade >= trigger);
            return current <= trigger || (by == "LastPrice" && lowTrade > 0 && lowTrade <= trigger);
        };
        std::vector<Order*> fired;
        for (Order& o : m_orders) {
            if (o.book == &book && o.status == "Untriggered" &&
                reached(o.triggerBy, o.triggerPrice, o.triggerDirection == 1))
                fired.push_back(&o);
        }
        for (Order* o : fired)
            trigger(*o);

        const auto it = m_positions.find(&book);
        if (it == m_positions.end() || it->second.size.isZero())
            continue;
        Position& pos = it->second;
        const bool isLong = pos.side == Side::Buy;
        if (!pos.stopLoss.isZero() && reached(pos.slTriggerBy, pos.stopLoss, !isLong))
            closeByTpsl(pos, false);
        else if (!pos.takeProfit.isZero() && reached(pos.tpTriggerBy, pos.takeProfit, isLong))
            closeByTpsl(pos, true);
    }
    pushMarkMoves();
}

void DemoAccount::trigger(Order& order)
{
    order.status = "Triggered";
    order.updatedMs = now();
    emitOrder(order);
    // Checked now, not at create: the position and the margin the order finds when it fires.
    if (order.reduceOnly) {
        const Position& pos = m_positions[order.book];
        if (pos.size.isZero() || pos.side == order.side) {
            order.status = "Cancelled";
            order.cancelType = "CancelByReduceOnly";
            emitOrder(order);
            return;
        }
        order.qty = std::min(order.qty, pos.size);
    } else {
        const std::int64_t touch = order.side == Side::Buy ? order.book->bestAsk() : order.book->bestBid();
        const Decimal value = order.qty * (order.isMarket ? order.book->price(touch) : order.price);
        const Decimal need = divide(value, Decimal::fromMantissa(Leverage, 0), 8) + value * TakerFeeRate;
        if (need > availableUsdt()) {
            order.status = "Cancelled";
            order.cancelType = "CancelByCannotAffordOrderCost";
            emitOrder(order);
            return;
        }
    }
    order.status = "New";
    execute(order, std::nullopt);
}

void DemoAccount::closeByTpsl(Position& pos, bool takeProfit)
{
    const bool isLong = pos.side == Side::Buy;
    Order o;
    o.book = pos.book;
    o.side = isLong ? Side::Sell : Side::Buy;
    o.isMarket = true;
    o.qty = pos.size;
    o.timeInForce = "IOC";
    o.reduceOnly = true;
    o.closeOnTrigger = true;
    o.stopOrderType = takeProfit ? "TakeProfit" : "StopLoss";
    o.createType = takeProfit ? "CreateByTakeProfit" : "CreateByStopLoss";
    o.triggerPrice = takeProfit ? pos.takeProfit : pos.stopLoss;
    o.triggerBy = takeProfit ? pos.tpTriggerBy : pos.slTriggerBy;
    o.triggerDirection = isLong == takeProfit ? 1 : 2;
    o.status = "Triggered";
    Order& order = addOrder(o);
    emitOrder(order);
    pos.takeProfit = pos.stopLoss = kZero;
    order.status = "New";
    execute(order, std::nullopt);
}

void DemoAccount::pushMarkMoves()
{
    for (auto& [book, pos] : m_positions) {
        if (pos.size.isZero() || book->markPrice() == pos.pushedMarkTicks ||
            now() - pos.pushedMs < MarkPushIntervalMs)
            continue;
        emitPosition(pos);
    }
}

void DemoAccount::takeLiquidity(Order& order, std::optional<std::int64_t> limitTicks,
                                std::optional<Decimal> quoteBudget)
{
    DemoMarket::Book& book = *order.book;
    const Decimal lot = book.spec().lotSize;
    std::int64_t wanted = quoteBudget ? 0 : toUnits(order.leaves(), lot);
    std::int64_t lots = 0;
    Decimal budget = quoteBudget.value_or(kZero);
    const bool buy = order.side == Side::Buy;
    const std::size_t n = buy ? book.askCount() : book.bidCount();
    for (std::size_t i = 0; i < n; ++i) {
        const DemoMarket::Level& l = buy ? book.ask(i) : book.bid(i);
        if (limitTicks && (buy ? l.priceTicks > *limitTicks : l.priceTicks < *limitTicks))
            break;
        if (quoteBudget) {
            // Whole lots only, never more than the budget pays for (divide() rounds to nearest).
            const Decimal perLot = book.price(l.priceTicks) * lot;
            std::int64_t affordable = toUnits(divide(budget, perLot, 0), Decimal::fromMantissa(1, 0));
            while (affordable > 0 && perLot * Decimal::fromMantissa(affordable, 0) > budget)
                --affordable;
            const std::int64_t take = std::min(affordable, l.lots);
            lots += take;
            budget -= perLot * Decimal::fromMantissa(take, 0);
            if (take < l.lots)
                break;
        } else {
            const std::int64_t take = std::min(wanted - lots, l.lots);
            lots += take;
            if (lots >= wanted)
                break;
        }
    }
    if (quoteBudget)
        order.qty = book.quantity(lots);
    if (order.timeInForce == "FOK" && lots < wanted)
        return;
    if (lots <= 0)
        return;
    for (const DemoMarket::Fill& f : book.executeTaker(order.side, lots, now()))
        fill(order, f.priceTicks, book.quantity(f.lots), false);
    if (!book.fills().empty())
        m_lastFillId[&book] = book.fills().back().id;
}

void DemoAccount::finishTaker(Order& order)
{
    if (!order.isWorking())
        return;
    order.status = order.cumQty.isZero() ? "Cancelled" : "PartiallyFilledCanceled";
    order.cancelType = "UNKNOWN";
    order.updatedMs = now();
}

void DemoAccount::fill(Order& order, std::int64_t priceTicks, Decimal qty, bool maker)
{
    DemoMarket::Book& book = *order.book;
    const DemoSymbolSpec& spec = book.spec();
    const Decimal price = book.price(priceTicks);
    const Decimal value = price * qty;
    const Decimal rate = maker ? MakerFeeRate : TakerFeeRate;
    Execution e;
    e.execId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    e.order = &order;
    e.price = price;
    e.qty = qty;
    e.value = value;
    e.feeRate = rate;
    e.isMaker = maker;
    e.timeMs = now();
    e.markTicks = book.markPrice();
    e.indexTicks = book.indexPrice();
    e.seq = m_seq++;
    e.closedSize = kZero;
    if (book.category() == Category::Linear) {
        e.fee = (value * rate).roundedTo(kFeeStep).value_or(value * rate).normalized();
        e.feeCurrency = spec.quoteCoin.toLatin1();
        Position& pos = m_positions[&book];
        pos.book = &book;
        Decimal pnl = kZero;
        if (pos.size.isZero()) {
            const Decimal cumRealised = pos.cumRealised;
            pos = Position();
            pos.book = &book;
            pos.side = order.side;
            pos.size = qty;
            pos.value = value;
            pos.cumRealised = cumRealised;
            pos.createdMs = now();
        } else if (pos.side == order.side) {
            pos.size += qty;
            pos.value += value;
        } else {
            const Decimal closing = std::min(qty, pos.size);
            const Decimal entry = closing == pos.size ? pos.value : divide(pos.value * closing, pos.size, 10);
            const Decimal exit = price * closing;
            pnl = pos.side == Side::Buy ? exit - entry : entry - exit;
            pos.size -= closing;
            pos.value -= entry;
            e.closedSize = closing;
            const Decimal rest = qty - closing;
            if (!rest.isZero()) {
                pos.takeProfit = pos.stopLoss = kZero; // flipped: the old side's TP/SL go
                pos.side = order.side;
                pos.size = rest;
                pos.value = price * rest;
            }
            if (pos.size.isZero())
                pos.value = kZero;
        }
        if (pos.size.isZero()) {
            pos.takeProfit = pos.stopLoss = kZero; // a closed position keeps no TP/SL
        } else if (pos.side == order.side) {
            // tpslMode Full: the order's TP/SL become the whole position's.
            if (!order.takeProfit.isZero()) {
                pos.takeProfit = order.takeProfit;
                pos.tpTriggerBy = order.tpTriggerBy;
            }
            if (!order.stopLoss.isZero()) {
                pos.stopLoss = order.stopLoss;
                pos.slTriggerBy = order.slTriggerBy;
            }
        }
        pos.curRealised = (pos.curRealised + pnl - e.fee).normalized();
        pos.cumRealised = (pos.cumRealised + pnl - e.fee).normalized();
        pos.updatedMs = now();
        pos.seq = e.seq;
        m_balances[spec.quoteCoin] = (balance(spec.quoteCoin) + pnl - e.fee).normalized();
    } else if (order.side == Side::Buy) {
        e.fee = (qty * rate).roundedTo(kFeeStep).value_or(qty * rate).normalized();
        e.feeCurrency = spec.baseCoin.toLatin1();
        m_balances[spec.quoteCoin] = (balance(spec.quoteCoin) - value).normalized();
        m_balances[spec.baseCoin] = (balance(spec.baseCoin) + qty - e.fee).normalized();
    } else {
        e.fee = (value * rate).roundedTo(kFeeStep).value_or(value * rate).normalized();
        e.feeCurrency = spec.quoteCoin.toLatin1();
        m_balances[spec.baseCoin] = (balance(spec.baseCoin) - qty).normalized();
        m_balances[spec.quoteCoin] = (balance(spec.quoteCoin) + value - e.fee).normalized();
    }
    order.cumQty = (order.cumQty + qty).normalized();
    order.cumValue = (order.cumValue + value).normalized();
    order.cumFee = (order.cumFee + e.fee).normalized();
    order.status = order.leaves() > kZero ? "PartiallyFilled" : "Filled";
    order.updatedMs = now();
    e.leavesQty = order.leaves();
    m_executions.push_back(e);
    m_executionEvents.append(executionJson(m_executions.back(), true));
    if (book.category() == Category::Linear)
        emitPosition(m_positions[&book]);
    emitWallet();
}

Decimal DemoAccount::orderMargin(const Order& o) const
{
    if (!o.isWorking() || o.isMarket)
        return kZero;
    const Decimal value = o.price * o.leaves();
    if (o.book->category() == Category::Linear)
        return o.reduceOnly ? kZero : divide(value, Decimal::fromMantissa(Leverage, 0), 8);
    return kZero;
}

Decimal DemoAccount::unrealised(const Position& p) const
{
    if (p.size.isZero())
        return kZero;
    const Decimal mark = p.book->price(p.book->markPrice()) * p.size;
    return (p.side == Side::Buy ? mark - p.value : p.value - mark).normalized();
}

Decimal DemoAccount::availableUsdt() const
{
    Decimal out = balance(QStringLiteral("USDT")) - lockedCoin(QStringLiteral("USDT"));
    for (const auto& [book, p] : m_positions)
        out += unrealised(p) - divide(p.value, Decimal::fromMantissa(Leverage, 0), 8);
    for (const Order& o : m_orders)
        out -= orderMargin(o);
    return out;
}

Decimal DemoAccount::lockedCoin(const QString& coin) const
{
    Decimal out = kZero;
    for (const Order& o : m_orders) {
        if (!o.isWorking() || o.isMarket || o.book->category() != Category::Spot)
            continue;
        if (o.side == Side::Buy && o.book->spec().quoteCoin == coin)
            out += o.price * o.leaves();
        else if (o.side == Side::Sell && o.book->spec().baseCoin == coin)
            out += o.leaves();
    }
    return out.normalized();
}
