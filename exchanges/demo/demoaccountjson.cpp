// DemoAccount's answers: Bybit V5 order, execution, position and wallet objects for REST
// (/v5/order/realtime, /v5/order/history, /v5/execution/list, /v5/position/list,
// /v5/account/wallet-balance) and the private stream (the same objects, with "category" first; a
// position pushes its entry price as entryPrice).
#include "demoaccount.h"

#include "demojson.h"

using namespace demojson;

namespace {

const Decimal kZero = Decimal::fromMantissa(0, 0);

QByteArray sideText(Side side)
{
    return side == Side::Buy ? "Buy" : "Sell";
}

int limitParam(const QHash<QString, QString>& q, int fallback, int max)
{
    bool ok = false;
    const int v = q.value(QStringLiteral("limit")).toInt(&ok);
    return ok && v >= 1 ? std::min(v, max) : fallback;
}

// A price field that may be unset: Bybit writes "0" then.
QByteArray priceOrZero(Decimal value)
{
    return value.isZero() ? QByteArray("0") : text(value);
}

// A price at least at the tick's scale ("111999.70"), more digits only where an average needs them.
Decimal priceText(Decimal value, Decimal tick)
{
    if (value.isZero() || value.scale() >= tick.scale())
        return value;
    return value.withScale(tick.scale()).value_or(value);
}

} // namespace

QByteArray DemoAccount::orderJson(const Order& o, bool withCategory) const
{
    const DemoSymbolSpec& spec = o.book->spec();
    const Decimal avg =
        o.cumQty.isZero() ? kZero
                          : priceText(divide(o.cumValue, o.cumQty, spec.tickSize.scale() + 6), spec.tickSize);
    const Decimal leaves = o.isOpen() ? o.leaves() : kZero;
    Obj j;
    if (withCategory)
        j.str("category", categoryName(o.book->category()).toLatin1());
    j.str("orderId", o.orderId)
        .str("orderLinkId", o.orderLinkId)
        .str("blockTradeId", "")
        .raw("symbol", quoted(spec.symbol))
        .str("price", o.isMarket ? "0" : text(o.price))
        .str("qty", text(o.qty))
        .str("side", sideText(o.side))
        .str("isLeverage", o.book->category() == Category::Spot ? "0" : "")
        .num("positionIdx", 0)
        .str("orderStatus", o.status);
    if (o.book->category() != Category::Spot)
        j.str("createType", o.createType);
    j.str("cancelType", o.cancelType)
        .str("rejectReason", o.rejectReason)
        .str("avgPrice", text(avg))
        .str("leavesQty", text(leaves))
        .str("leavesValue", money(o.isMarket ? kZero : o.price * leaves))
        .str("cumExecQty", text(o.cumQty))
        .str("cumExecValue", money(o.cumValue))
        .str("cumExecFee", money(o.cumFee))
        .str("timeInForce", o.timeInForce)
        .str("orderType", o.isMarket ? "Market" : "Limit")
        .str("stopOrderType", o.stopOrderType)
        .str("orderIv", "")
        .str("triggerPrice", priceOrZero(o.triggerPrice))
        .str("takeProfit", priceOrZero(o.takeProfit))
        .str("stopLoss", priceOrZero(o.stopLoss))
        .str("tpTriggerBy", o.tpTriggerBy)
        .str("slTriggerBy", o.slTriggerBy)
        .num("triggerDirection", o.triggerDirection)
        .str("triggerBy", o.triggerBy)
        .str("lastPriceOnCreated", text(o.lastPriceOnCreated))
        .boolean("reduceOnly", o.reduceOnly)
        .boolean("closeOnTrigger", o.closeOnTrigger)
        .str("smpType", "None")
        .num("smpGroup", 0)
        .str("smpOrderId", "")
        .str("tpslMode", o.takeProfit.isZero() && o.stopLoss.isZero() ? "" : "Full")
        .str("tpLimitPrice", "")
        .str("slLimitPrice", "")
        .str("placeType", "")
        .ms("createdTime", o.createdMs)
        .ms("updatedTime", o.updatedMs);
    return j.done();
}

QByteArray DemoAccount::executionJson(const Execution& e, bool withCategory) const
{
    const Order& o = *e.order;
    const DemoMarket::Book& book = *o.book;
    Obj j;
    if (withCategory)
        j.str("category", categoryName(book.category()).toLatin1());
    j.raw("symbol", quoted(book.symbol()))
        .str("orderId", o.orderId)
        .str("orderLinkId", o.orderLinkId)
        .str("side", sideText(o.side))
        .str("orderPrice", o.isMarket ? "0" : text(o.price))
        .str("orderQty", text(o.qty))
        .str("leavesQty", text(e.leavesQty))
        .str("createType", o.createType)
        .str("orderType", o.isMarket ? "Market" : "Limit")
        .str("stopOrderType", o.stopOrderType)
        .str("execFee", money(e.fee))
        .str("execId", e.execId)
        .str("execPrice", text(e.price))
        .str("execQty", text(e.qty))
        .str("execType", "Trade")
        .str("execValue", money(e.value))
        .ms("execTime", e.timeMs)
        .str("feeCurrency", e.feeCurrency)
        .boolean("isMaker", e.isMaker)
        .str("feeRate", text(e.feeRate))
        .str("tradeIv", "")
        .str("markIv", "")
        .str("markPrice", text(book.price(e.markTicks)))
        .str("indexPrice", text(book.price(e.indexTicks)))
        .str("underlyingPrice", "")
        .str("blockTradeId", "")
        .str("closedSize", text(e.closedSize))
        .num("seq", e.seq);
    return j.done();
}

QByteArray DemoAccount::positionJson(const Position& p, bool withCategory) const
{
    const DemoMarket::Book& book = *p.book;
    const Decimal tick = book.spec().tickSize;
    const bool open = !p.size.isZero();
    const Decimal avg = open ? priceText(divide(p.value, p.size, tick.scale() + 6), tick) : kZero;
    const Decimal im = divide(p.value, Decimal::fromMantissa(Leverage, 0), 8);
    const Decimal mm = p.value * Decimal::fromMantissa(5, 3);
    // Isolated-style estimates at 10x with 0.5 % maintenance margin.
    const bool lng = p.side == Side::Buy;
    const Decimal liq = avg * Decimal::fromMantissa(lng ? 905 : 1095, 3);
    const Decimal bust = avg * Decimal::fromMantissa(lng ? 900 : 1100, 3);
    Obj j;
    if (withCategory)
        j.str("category", "linear");
    j.num("positionIdx", 0)
        .num("riskId", 1)
        .str("riskLimitValue", "2000000")
        .raw("symbol", quoted(book.symbol()))
        .str("side", open ? sideText(p.side) : "")
        .str("size", text(open ? p.size : book.quantity(0)))
        // The REST list calls the entry price avgPrice, the stream entryPrice
        // (https://bybit-exchange.github.io/docs/v5/websocket/private/position).
        .str(withCategory ? "entryPrice" : "avgPrice", text(avg))
        .str("positionValue", money(p.value))
        .num("tradeMode", 0)
        .str("positionStatus", "Normal")
        .num("autoAddMargin", 0)
        .num("adlRankIndicator", open ? 2 : 0)
        .str("leverage", QByteArray::number(Leverage))
        .str("positionBalance", money(im))
        .str("markPrice", text(book.price(book.markPrice())))
        .str("liqPrice", open ? text(liq.roundedTo(tick).value_or(liq)) : "")
        .str("bustPrice", open ? text(bust.roundedTo(tick).value_or(bust)) : "")
        .str("positionMM", money(mm))
        .str("positionIM", money(im))
        .str("tpslMode", "Full")
        .str("takeProfit", priceOrZero(p.takeProfit))
        .str("stopLoss", priceOrZero(p.stopLoss))
        .str("trailingStop", "0")
        .str("unrealisedPnl", money(unrealised(p)))
        .str("curRealisedPnl", money(p.curRealised))
        .str("cumRealisedPnl", money(p.cumRealised))
        .num("seq", p.seq)
        .boolean("isReduceOnly", false)
        .str("mmrSysUpdatedTime", "")
        .str("leverageSysUpdatedTime", "")
        .ms("createdTime", p.createdMs)
        .ms("updatedTime", p.updatedMs);
    return j.done();
}

QByteArray DemoAccount::walletJson() const
{
    Decimal upl = kZero, positionIm = kZero, positionMm = kZero, orderIm = kZero, cumRealised = kZero;
    for (const auto& [book, p] : m_positions) {
        upl += unrealised(p);
        positionIm += divide(p.value, Decimal::fromMantissa(Leverage, 0), 8);
        positionMm += p.value * Decimal::fromMantissa(5, 3);
        cumRealised += p.cumRealised;
    }
    for (const Order& o : m_orders)
        orderIm += orderMargin(o);
    Decimal totalWallet = kZero, totalEquity = kZero;
    QByteArray coins = "[";
    for (auto it = m_balances.constBegin(); it != m_balances.constEnd(); ++it) {
        const QString& coin = it.key();
        const bool usdt = coin == QLatin1String("USDT");
        Decimal usdPrice = Decimal::fromMantissa(1, 0);
        if (!usdt) {
            const DemoMarket::Book* book = m_market.find(Category::Spot, coin + QStringLiteral("USDT"));
            usdPrice = book ? book->price(book->lastPrice()) : kZero;
        }
        const Decimal wallet = it.value();
        const Decimal equity = usdt ? wallet + upl : wallet;
        const Decimal usd = equity * usdPrice;
        totalWallet += wallet * usdPrice;
        totalEquity += usd;
        const Decimal locked = lockedCoin(coin);
        const Decimal withdrawable =
            usdt ? std::max(kZero, wallet - locked - positionIm - orderIm) : wallet - locked;
        if (coins.size() > 1)
            coins += ',';
        coins += Obj()
                     .str("coin", coin.toLatin1())
                     .str("equity", money(equity))
                     .str("usdValue", money(usd))
                     .str("walletBalance", money(wallet))
                     .str("free", "")
                     .str("locked", money(locked))
                     .str("spotHedgingQty", "0")
                     .str("borrowAmount", "0")
                     .str("availableToWithdraw", money(withdrawable))
                     .str("accruedInterest", "0")
                     .str("totalOrderIM", money(usdt ? orderIm : kZero))
                     .str("totalPositionIM", money(usdt ? positionIm : kZero))
                     .str("totalPositionMM", money(usdt ? positionMm : kZero))
                     .str("unrealisedPnl", money(usdt ? upl : kZero))
                     .str("cumRealisedPnl", money(usdt ? cumRealised : kZero))
                     .str("bonus", "0")
                     .boolean("marginCollateral", true)
                     .boolean("collateralSwitch", true)
                     .str("availableToBorrow", "")
                     .done();
    }
    coins += ']';
    const Decimal available = totalEquity - positionIm - orderIm - lockedCoin(QStringLiteral("USDT"));
    return Obj()
        .str("totalEquity", money(totalEquity))
        .str("accountIMRate", money(divide(positionIm + orderIm, totalEquity, 4)))
        .str("totalMarginBalance", money(totalEquity))
        .str("totalInitialMargin", money(positionIm + orderIm))
        .str("accountType", "UNIFIED")
        .str("totalAvailableBalance", money(available))
        .str("accountMMRate", money(divide(positionMm, totalEquity, 4)))
        .str("totalPerpUPL", money(upl))
        .str("totalWalletBalance", money(totalWallet))
        .str("accountLTV", "0")
        .str("totalMaintenanceMargin", money(positionMm))
        .raw("coin", coins)
        .done();
}

void DemoAccount::emitOrder(const Order& order)
{
    m_orderEvents.append(orderJson(order, true));
}

void DemoAccount::emitPosition(Position& p)
{
    p.pushedMs = now();
    p.pushedMarkTicks = p.book->markPrice();
    m_positionEvents.append(positionJson(p, true));
}

void DemoAccount::emitWallet()
{
    m_walletChanged = true;
}

QList<QPair<QByteArray, QList<QByteArray>>> DemoAccount::takeEvents()
{
    QList<QPair<QByteArray, QList<QByteArray>>> out;
    if (!m_orderEvents.isEmpty())
        out.append(qMakePair(QByteArray("order"), std::exchange(m_orderEvents, {})));
    if (!m_executionEvents.isEmpty())
        out.append(qMakePair(QByteArray("execution"), std::exchange(m_executionEvents, {})));
    if (!m_positionEvents.isEmpty())
        out.append(qMakePair(QByteArray("position"), std::exchange(m_positionEvents, {})));
    if (std::exchange(m_walletChanged, false))
        out.append(qMakePair(QByteArray("wallet"), QList<QByteArray>{walletJson()}));
    return out;
}

namespace {
// orderFilter: "Order" plain orders, "StopOrder" conditional ones; empty: every kind. Kinds the demo
// venue does not have (tpslOrder, OcoOrder, BidirectionalTpslOrder) match nothing.
bool passesFilter(bool conditional, const QString& filter)
{
    if (filter.isEmpty())
        return true;
    if (filter == QLatin1String("Order"))
        return !conditional;
    if (filter == QLatin1String("StopOrder"))
        return conditional;
    return false;
}

std::optional<Category> tradingCategory(const QHash<QString, QString>& q)
{
    const auto c = categoryFromName(q.value(QStringLiteral("category")));
    if (!c || (*c != Category::Linear && *c != Category::Spot))
        return std::nullopt;
    return c;
}
} // namespace

DemoAccount::Answer DemoAccount::openOrders(const QHash<QString, QString>& q) const
{
    const auto category = tradingCategory(q);
    if (!category)
        return Answer::fail(10001, QStringLiteral("params error: category invalid"));
    const QString symbol = q.value(QStringLiteral("symbol"));
    const QByteArray id = q.value(QStringLiteral("orderId")).toUtf8();
    const QByteArray link = q.value(QStringLiteral("orderLinkId")).toUtf8();
    const int limit = limitParam(q, 20, 50);
    // orderFilter: Order (working orders), StopOrder (conditional orders waiting for their trigger);
    // linear and spot list every kind by default (https://bybit-exchange.github.io/docs/v5/order/open-order).
    const QString filter = q.value(QStringLiteral("orderFilter"));
    QByteArray list = "[";
    int n = 0;
    for (auto it = m_orders.rbegin(); it != m_orders.rend() && n < limit; ++it) {
        const Order& o = *it;
        if (!o.isOpen() || o.book->category() != *category ||
            (!symbol.isEmpty() && o.book->symbol() != symbol) || (!id.isEmpty() && o.orderId != id) ||
            (!link.isEmpty() && o.orderLinkId != link) || !passesFilter(o.status == "Untriggered", filter))
            continue;
        list += (n++ ? "," : "") + orderJson(o, false);
    }
    return {{},
            Obj()
                .raw("list", list + ']')
                .str("nextPageCursor", "")
                .str("category", categoryName(*category).toLatin1())
                .done()};
}

DemoAccount::Answer DemoAccount::orderHistory(const QHash<QString, QString>& q) const
{
    const auto category = tradingCategory(q);
    if (!category)
        return Answer::fail(10001, QStringLiteral("params error: category invalid"));
    const QString symbol = q.value(QStringLiteral("symbol"));
    const QByteArray id = q.value(QStringLiteral("orderId")).toUtf8();
    const QByteArray link = q.value(QStringLiteral("orderLinkId")).toUtf8();
    const QString status = q.value(QStringLiteral("orderStatus"));
    const QString filter = q.value(QStringLiteral("orderFilter"));
    const int limit = limitParam(q, 20, 50);
    QByteArray list = "[";
    int n = 0;
    for (auto it = m_orders.rbegin(); it != m_orders.rend() && n < limit; ++it) {
        const Order& o = *it;
        if (o.book->category() != *category || (!symbol.isEmpty() && o.book->symbol() != symbol) ||
            (!id.isEmpty() && o.orderId != id) || (!link.isEmpty() && o.orderLinkId != link) ||
            (!status.isEmpty() && QString::fromLatin1(o.status) != status) ||
            !passesFilter(!o.stopOrderType.isEmpty(), filter))
            continue;
        list += (n++ ? "," : "") + orderJson(o, false);
    }
    return {{},
            Obj()
                .raw("list", list + ']')
                .str("nextPageCursor", "")
                .str("category", categoryName(*category).toLatin1())
                .done()};
}

DemoAccount::Answer DemoAccount::executions(const QHash<QString, QString>& q) const
{
    const auto category = tradingCategory(q);
    if (!category)
        return Answer::fail(10001, QStringLiteral("params error: category invalid"));
    const QString symbol = q.value(QStringLiteral("symbol"));
    const QByteArray id = q.value(QStringLiteral("orderId")).toUtf8();
    const int limit = limitParam(q, 50, 100);
    QByteArray list = "[";
    int n = 0;
    for (auto it = m_executions.rbegin(); it != m_executions.rend() && n < limit; ++it) {
        const Execution& e = *it;
        if (e.order->book->category() != *category ||
            (!symbol.isEmpty() && e.order->book->symbol() != symbol) ||
            (!id.isEmpty() && e.order->orderId != id))
            continue;
        list += (n++ ? "," : "") + executionJson(e, false);
    }
    return {{},
            Obj()
                .str("nextPageCursor", "")
                .str("category", categoryName(*category).toLatin1())
                .raw("list", list + ']')
                .done()};
}

DemoAccount::Answer DemoAccount::positions(const QHash<QString, QString>& q) const
{
    if (q.value(QStringLiteral("category")) != QLatin1String("linear"))
        return Answer::fail(10001, QStringLiteral("params error: category invalid"));
    const QString symbol = q.value(QStringLiteral("symbol"));
    const QString settle = q.value(QStringLiteral("settleCoin"));
    if (symbol.isEmpty() && settle.isEmpty())
        return Answer::fail(
            10001, QStringLiteral("Missing some parameters that must be filled in, symbol or settleCoin"));
    if (!symbol.isEmpty() && !m_market.find(Category::Linear, symbol))
        return Answer::fail(10001, QStringLiteral("params error: symbol invalid"));
    QByteArray list = "[";
    int n = 0;
    for (std::size_t i = 0; i < m_market.bookCount(); ++i) {
        const DemoMarket::Book& book = m_market.book(i);
        if (book.category() != Category::Linear || (!symbol.isEmpty() && book.symbol() != symbol) ||
            (!settle.isEmpty() && book.spec().quoteCoin != settle))
            continue;
        const auto it = m_positions.find(&book);
        // A symbol asked for by name is listed even when flat; settleCoin lists open positions.
        if (it == m_positions.end() || it->second.size.isZero()) {
            if (symbol.isEmpty())
                continue;
            Position flat;
            flat.book = const_cast<DemoMarket::Book*>(&book);
            if (it != m_positions.end())
                flat = it->second;
            list += (n++ ? "," : "") + positionJson(flat, false);
            continue;
        }
        list += (n++ ? "," : "") + positionJson(it->second, false);
    }
    return {{}, Obj().raw("list", list + ']').str("nextPageCursor", "").str("category", "linear").done()};
}

DemoAccount::Answer DemoAccount::walletBalance(const QHash<QString, QString>& q) const
{
    if (q.value(QStringLiteral("accountType")) != QLatin1String("UNIFIED"))
        return Answer::fail(10001, QStringLiteral("accountType only support UNIFIED."));
    return {{}, Obj().raw("list", '[' + walletJson() + ']').done()};
}
