// bitFlyer Lightning special (parent) orders: the stop and stop-limit orders BitflyerTrading places as
// sendparentorder, their cancel (cancelparentorder), reads (getparentorders, getparentorder) and events
// (parent_order_events). https://lightning.bitflyer.com/docs#submit-new-parent-order-special-order ,
// #cancel-parent-order , #list-parent-orders , #get-parent-order-details ,
// https://bf-lightning-api.readme.io/docs/realtime-parent-order-events
#include "bitflyerparentorders.h"

#include "bitflyertrading.h"

#include <QJsonArray>

using namespace BitflyerWire;

bool BitflyerWire::isStopCondition(const QString& type)
{
    return type == QLatin1String("STOP") || type == QLatin1String("STOP_LIMIT") ||
           type == QLatin1String("TRAIL");
}

SignedRequest BitflyerTrading::stopOrderRequest(const OrderRequest& order, const Instrument& instrument) const
{
    // A special order of one parameter (order_method SIMPLE): condition_type STOP (a market order once
    // the trigger price is reached) or STOP_LIMIT (a limit order then).
    // https://lightning.bitflyer.com/docs#submit-new-parent-order-special-order
    SignedRequest r = request("POST", QStringLiteral("/v1/me/sendparentorder"));
    QByteArray parameter = "{";
    appendOrderFields(parameter, order, instrument, "condition_type",
                      order.type == OrderType::Market ? QStringLiteral("STOP")
                                                      : QStringLiteral("STOP_LIMIT"));
    parameter += '}';
    QByteArray body = "{";
    appendString(body, "order_method", QStringLiteral("SIMPLE"));
    body += ',';
    appendRaw(body, "minute_to_expire", QByteArray::number(DefaultMinuteToExpire));
    body += ',';
    // A stop's market child fills at once whatever its time in force, and an IOC or FOK on the special
    // order itself must not be read as "trigger now or never": GTC. A stop-limit keeps the trader's, for
    // its limit child (bitFlyer documents time_in_force for special orders without saying more).
    const TimeInForce tif = order.type == OrderType::Market ? TimeInForce::GoodTillCancel : order.timeInForce;
    appendString(body, "time_in_force", QString::fromLatin1(timeInForceText(tif)));
    body += ',';
    appendRaw(body, "parameters", "[" + parameter + "]");
    body += '}';
    r.body = body;
    r.contentType = "application/json";
    return r;
}

SignedRequest BitflyerTrading::cancelParentRequest(const OrderReference& order) const
{
    // A special order: cancelparentorder cancels it and the child orders it placed.
    SignedRequest r = request("POST", QStringLiteral("/v1/me/cancelparentorder"));
    QByteArray body = "{";
    appendString(body, "product_code",
                 order.symbol.isEmpty() ? defaultProduct(order.category) : order.symbol);
    body += ',';
    appendString(body, isParentOrderId(order.orderId) ? "parent_order_id" : "parent_order_acceptance_id",
                 order.orderId);
    body += '}';
    r.body = body;
    r.contentType = "application/json";
    return r;
}

SignedRequest BitflyerTrading::parentDetailsRequest(const OrderReference& order) const
{
    // That special order in any state, with its parameters (trigger price included); the details
    // carry no state, which the adapter keeps from the order's events and lists.
    SignedRequest r = request("GET", QStringLiteral("/v1/me/getparentorder"));
    r.query.append({isParentOrderId(order.orderId) ? QStringLiteral("parent_order_id")
                                                   : QStringLiteral("parent_order_acceptance_id"),
                    order.orderId});
    return r;
}

SignedRequest BitflyerTrading::parentHistoryRequest(Category category, const QString& symbol,
                                                    const OrderReference& order) const
{
    // The product's latest special orders in every state: the one asked for is among them.
    SignedRequest r = request("GET", QStringLiteral("/v1/me/getparentorders"));
    r.query.append(
        {QStringLiteral("product_code"),
         order.symbol.isEmpty() ? (symbol.isEmpty() ? defaultProduct(category) : symbol) : order.symbol});
    r.query.append({QStringLiteral("count"), QStringLiteral("100")});
    return r;
}

QList<SignedRequest> BitflyerTrading::moreOpenOrdersRequests(Category category, const QString& symbol) const
{
    // Special orders are listed apart from child orders: the active ones join every open-orders read.
    const QString product = symbol.isEmpty() ? defaultProduct(category) : symbol;
    SignedRequest r = request("GET", QStringLiteral("/v1/me/getparentorders"));
    r.query.append({QStringLiteral("product_code"), product});
    r.query.append({QStringLiteral("parent_order_state"), QStringLiteral("ACTIVE")});
    QList<SignedRequest> out{r};
    // The list names no trigger price. The special orders already known open whose details are unread
    // (seen in an earlier list, or only as an ORDER event: placed on the web) are read in the same round,
    // so a reconnect's snapshot shows their trigger and limit prices. Those the list first names are read
    // once its reply is in (followUpOrdersRequests).
    const quint64 round = ++m_listRound[product];
    for (const QString& id : unreadOpenParents(product)) {
        m_detailsAskedInRound.insert(id, round);
        ++m_detailAsks[id];
        out.append(parentDetailsRequest({product, categoryOf(product), id, {}}));
    }
    return out;
}

QStringList BitflyerTrading::unreadOpenParents(const QString& product) const
{
    QStringList ids;
    for (const QString& id : m_parentIds) {
        // Asked twice without an answer (a read that keeps failing fails the snapshot that sent it, and
        // the session takes it again): left unread rather than holding every snapshot back.
        if (m_parentDetailsRead.contains(id) || m_detailAsks.value(id) >= 2)
            continue;
        const auto known = m_orders.constFind(id);
        if (known != m_orders.cend() && known->symbol == product && isOpenStatus(known->status))
            ids.append(id);
    }
    ids.sort(); // oldest first (the ids carry their date); the rest are read in a later round
    return ids.mid(0, MaxParentDetailReads);
}

QList<SignedRequest> BitflyerTrading::parentDetailsRequests(const std::vector<Order>& listed) const
{
    QList<SignedRequest> out;
    for (const Order& order : listed) {
        if (out.size() >= MaxParentDetailReads)
            break;
        // Those whose read is already under way (asked by this round's moreOpenOrdersRequests) not again.
        if (!m_parentIds.contains(order.orderId) || m_parentDetailsRead.contains(order.orderId) ||
            m_detailsAskedInRound.contains(order.orderId) || !isOpenStatus(order.status))
            continue;
        out.append(parentDetailsRequest({order.symbol, order.category, order.orderId, {}}));
    }
    return out;
}

QList<SignedRequest> BitflyerTrading::moreCancelAllRequests(Category category, const QString& symbol) const
{
    // cancelallchildorders names child orders only: each special order the adapter knows to be open on
    // the product is cancelled by its own cancelparentorder.
    const QString product = symbol.isEmpty() ? defaultProduct(category) : symbol;
    QStringList ids;
    for (const QString& id : m_parentIds) {
        const auto known = m_orders.constFind(id);
        if (known != m_orders.cend() && known->symbol == product && isOpenStatus(known->status))
            ids.append(id);
    }
    ids.sort(); // a stable order of requests
    QList<SignedRequest> out;
    for (const QString& id : ids)
        out.append(cancelOrderRequest({product, categoryOf(product), id, {}}));
    return out;
}

bool BitflyerTrading::isParentOrderId(const QString& id)
{
    // parent_order_id: "JCO…" in the reference ("JCP…" also seen in client code); child ids are "JOR…".
    return id.startsWith(QLatin1String("JCO")) || id.startsWith(QLatin1String("JCP"));
}

bool BitflyerTrading::isParentOrder(const QString& id) const
{
    // Acceptance ids ("JRF…") look the same for child and parent orders: the parent ones are those the
    // adapter was told of (sendparentorder's reply, a parent list or event).
    return isParentOrderId(id) || m_parentIds.contains(id);
}

Order BitflyerTrading::rememberParent(Order fresh, bool stateKnown) const
{
    m_parentIds.insert(fresh.orderId);
    if (const auto known = m_orders.constFind(fresh.orderId); known != m_orders.cend()) {
        if (!fresh.triggerPrice)
            fresh.triggerPrice = known->triggerPrice; // the list has none; the details or request had it
        if (!stateKnown) {
            // The details carry no state: the one the list or the events gave stays.
            fresh.status = known->status;
            fresh.filledQuantity = known->filledQuantity;
            fresh.averageFillPrice = known->averageFillPrice;
            fresh.reason = known->reason;
        } else if (fresh.status == OrderStatus::Untriggered && known->status == OrderStatus::Triggered) {
            fresh.status =
                OrderStatus::Triggered; // the list cannot tell a triggered order from a waiting one
        }
        if (fresh.createdMs == 0)
            fresh.createdMs = known->createdMs;
        fresh.updatedMs = std::max(fresh.updatedMs, known->updatedMs);
    }
    remember(fresh);
    return fresh;
}

std::optional<Order> BitflyerTrading::parentListEntryFrom(const QJsonObject& o) const
{
    // A getparentorders entry: side, size and price are the first parameter's ("reference values"
    // for orders of several parameters); no trigger price.
    // https://lightning.bitflyer.com/docs#list-parent-orders
    Order order;
    order.orderId = textAt(o, "parent_order_acceptance_id");
    order.symbol = textAt(o, "product_code");
    const auto size = decimalAt(o, "size");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !size)
        return std::nullopt;
    order.category = categoryOf(order.symbol);
    order.side = sideAt(o);
    order.quantity = *size;
    const QString type = textAt(o, "parent_order_type");
    m_parentMethods.insert(order.orderId, type);
    const bool stop = isStopCondition(type);
    order.type =
        type == QLatin1String("STOP") || type == QLatin1String("MARKET") || type == QLatin1String("TRAIL")
            ? OrderType::Market
            : OrderType::Limit;
    if (order.type == OrderType::Limit)
        order.price = decimalAt(o, "price");
    // A stop-market has no price of its own: the price a STOP entry lists is taken as its trigger (as in
    // the reference's example, a STOP at price 30000 completed at 30000 on average). Inferred, not
    // documented; what the details or the request said is kept over it (rememberParent).
    if (type == QLatin1String("STOP") && !m_orders.value(order.orderId).triggerPrice) {
        if (const auto price = decimalAt(o, "price"); price && !price->isZero())
            order.triggerPrice = price;
    }
    order.filledQuantity = decimalAt(o, "executed_size").value_or(Decimal());
    if (const auto average = decimalAt(o, "average_price"); average && !average->isZero())
        order.averageFillPrice = average;
    const bool partly = !order.filledQuantity.isZero();
    const bool wasTriggered = m_orders.value(order.orderId).status == OrderStatus::Triggered;
    const QString state = textAt(o, "parent_order_state");
    if (state == QLatin1String("ACTIVE")) {
        // Named active by this product's current round of open orders (moreOpenOrdersRequests).
        m_listedInRound.insert(order.orderId, m_listRound.value(order.symbol));
        order.status = partly ? OrderStatus::PartiallyFilled
                       : stop ? OrderStatus::Untriggered
                              : OrderStatus::New;
    } else if (state == QLatin1String("COMPLETED")) {
        order.status = OrderStatus::Filled;
    } else if (state == QLatin1String("CANCELED") || state == QLatin1String("EXPIRED")) {
        order.status = partly                  ? OrderStatus::PartiallyFilledCancelled
                       : stop && !wasTriggered ? OrderStatus::Deactivated
                                               : OrderStatus::Cancelled;
    } else if (state == QLatin1String("REJECTED")) {
        order.status = OrderStatus::Rejected;
    } else {
        order.status = OrderStatus::Unknown;
    }
    if (state == QLatin1String("EXPIRED") || state == QLatin1String("REJECTED"))
        order.reason = state;
    order.createdMs = timeAt(o, "parent_order_date");
    order.updatedMs = order.createdMs;
    return rememberParent(order, true);
}

std::optional<Order> BitflyerTrading::parentDetailsFrom(const QJsonObject& o, bool& shown) const
{
    // getparentorder: the parameters as sent (trigger_price 0 when none), without the order's state.
    // https://lightning.bitflyer.com/docs#get-parent-order-details
    const QJsonObject first = o.value(QLatin1String("parameters")).toArray().at(0).toObject();
    Order order;
    order.orderId = textAt(o, "parent_order_acceptance_id");
    order.symbol = textAt(first, "product_code");
    const auto size = decimalAt(first, "size");
    if (order.orderId.isEmpty() || order.symbol.isEmpty() || !size)
        return std::nullopt;
    const QString method = textAt(o, "order_method");
    const QString condition = textAt(first, "condition_type");
    const bool simple = method.isEmpty() || method == QLatin1String("SIMPLE");
    m_parentMethods.insert(order.orderId, simple ? condition : method);
    order.category = categoryOf(order.symbol);
    order.side = sideAt(first);
    order.quantity = *size;
    order.type = condition == QLatin1String("LIMIT") || condition == QLatin1String("STOP_LIMIT")
                     ? OrderType::Limit
                     : OrderType::Market;
    if (order.type == OrderType::Limit)
        order.price = decimalAt(first, "price");
    if (const auto trigger = decimalAt(first, "trigger_price"); trigger && !trigger->isZero())
        order.triggerPrice = trigger;
    order.timeInForce = tifFrom(textAt(o, "time_in_force"));
    order.status = simple && isStopCondition(condition) ? OrderStatus::Untriggered : OrderStatus::New;
    m_parentDetailsRead.insert(order.orderId);
    // A read that moreOpenOrdersRequests added to a round of open orders: the details carry no state, and
    // the order may have ended while the stream was down. It joins the round's orders only once that
    // round's list has named it active; otherwise the list (still to come, or without it) decides, and
    // what the details said is kept for it.
    shown = true;
    if (const auto asked = m_detailsAskedInRound.constFind(order.orderId);
        asked != m_detailsAskedInRound.cend()) {
        shown = m_listedInRound.value(order.orderId) == *asked;
        m_detailsAskedInRound.erase(asked);
    }
    return rememberParent(order, false);
}

PrivateStreamFrame BitflyerTrading::parseParentOrderEvents(const QJsonValue& message) const
{
    // https://bf-lightning-api.readme.io/docs/realtime-parent-order-events: ORDER (parent_order_type),
    // ORDER_FAILED (reason), CANCEL, TRIGGER (the child placed: parameter_index, child_order_type, side,
    // price, size, child_order_acceptance_id), COMPLETE (parameter_index), EXPIRE. The child orders a
    // special order places arrive on child_order_events as any order (their fills too).
    using Kind = PrivateStreamFrame::Kind;
    PrivateStreamFrame out;
    out.topic = QStringLiteral("parent_order_events");
    if (!message.isArray()) {
        out.kind = Kind::Malformed;
        out.error = QStringLiteral("parent_order_events message is not an array");
        return out;
    }
    for (const QJsonValue& v : message.toArray()) {
        const QJsonObject e = v.toObject();
        const QString acceptance = textAt(e, "parent_order_acceptance_id");
        const QString product = textAt(e, "product_code");
        const QString type = textAt(e, "event_type");
        if (acceptance.isEmpty() || product.isEmpty() || type.isEmpty()) {
            out.kind = Kind::Malformed;
            out.error = QStringLiteral(
                "parent order event lacks parent_order_acceptance_id, product_code or event_type");
            out.orders.clear();
            return out;
        }
        m_parentIds.insert(acceptance);
        const std::int64_t when = timeAt(e, "event_date");
        // A special order unseen so far is known by id only until its details are read (the ORDER event
        // carries no side or size).
        Order order = knownOrNew(acceptance, product, when, OrderStatus::Untriggered);
        if (type == QLatin1String("ORDER")) {
            const QString parentType = textAt(e, "parent_order_type");
            if (!m_parentMethods.contains(acceptance))
                m_parentMethods.insert(acceptance, parentType);
            if (order.quantity.isZero() && !isStopCondition(parentType))
                order.status = OrderStatus::New;
            // Placed elsewhere (the web), its details unread: the session reads them now, so it shows at
            // once (one placed here has them read back after its reply anyway; a second read is harmless).
            if (order.quantity.isZero())
                out.lookUps.push_back({product, categoryOf(product), acceptance, {}});
        } else if (type == QLatin1String("TRIGGER")) {
            order.status = OrderStatus::Triggered;
            if (order.quantity.isZero()) {
                // Known by its ORDER event only (placed elsewhere, its details unread): the child order
                // it placed tells its side, size and kind (and a stop-limit's price), though not its
                // trigger price.
                order.side = sideAt(e);
                order.quantity = decimalAt(e, "size").value_or(Decimal());
                order.type = textAt(e, "child_order_type") == QLatin1String("LIMIT") ? OrderType::Limit
                                                                                     : OrderType::Market;
                if (order.type == OrderType::Limit)
                    order.price = decimalAt(e, "price");
            }
        } else if (type == QLatin1String("COMPLETE")) {
            // An IFD or IFDOCO is done only when a later parameter completes; its first one is the entry.
            const QString method = m_parentMethods.value(acceptance);
            const bool chained = method == QLatin1String("IFD") || method == QLatin1String("IFDOCO");
            if (!chained || e.value(QLatin1String("parameter_index")).toInt() >= 2) {
                order.status = OrderStatus::Filled;
                order.filledQuantity = order.quantity;
            }
        } else if (type == QLatin1String("CANCEL") || type == QLatin1String("EXPIRE")) {
            order.status =
                order.status == OrderStatus::Untriggered ? OrderStatus::Deactivated : OrderStatus::Cancelled;
            if (type == QLatin1String("EXPIRE"))
                order.reason = QStringLiteral("EXPIRE");
        } else if (type == QLatin1String("ORDER_FAILED")) {
            order.status = OrderStatus::Rejected;
            order.reason = textAt(e, "reason"); // verbatim
        } else {
            continue; // an event type not documented: the order is as it was
        }
        remember(order);
        if (order.quantity.isZero())
            continue; // its details are not known yet: the read after the order's reply brings them
        out.orders.push_back(order);
    }
    out.kind = Kind::Data;
    return out;
}
