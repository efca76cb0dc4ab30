#include "bitflyervenue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>

namespace {

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray& a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

Decimal decimalOf(const QJsonValue& v)
{
    return Decimal::parse(QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest))
        .value_or(Decimal());
}

double number(Decimal d)
{
    return d.toDouble();
}

QByteArray error(int status, const char* message)
{
    return compact(QJsonObject{{"status", status}, {"error_message", message}, {"data", QJsonValue()}});
}

QByteArray rpcResult(const QJsonValue& id, bool result)
{
    return compact(QJsonObject{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
}

QByteArray rpcError(const QJsonValue& id, int code, const char* message)
{
    return compact(
        QJsonObject{{"jsonrpc", "2.0"},
                    {"id", id},
                    {"error", QJsonObject{{"code", code}, {"message", message}, {"data", QJsonValue()}}}});
}

} // namespace

BitflyerVenue::BitflyerVenue(const QString& key, const QByteArray& secret)
    : m_verifier(QStringLiteral("bitflyer"), key, secret)
    , m_key(key)
    , m_secret(secret)
{
    m_verifier.server().setProperty("bitflyerVenue", QVariant::fromValue<QObject*>(this));
    m_private.answerPings = false;
    m_public.answerPings = false;
    connect(&m_private, &LoopbackWsServer::messageReceived, this, &BitflyerVenue::onPrivateMessage);
    connect(&m_private, &LoopbackWsServer::clientConnected, this, [this] {
        // A new connection authenticates and subscribes afresh.
        m_authed = false;
        m_subscribed = false;
        m_parentSubscribed = false;
    });
    connect(&m_public, &LoopbackWsServer::messageReceived, this, &BitflyerVenue::onPublicMessage);
    // Public: no authentication. https://lightning.bitflyer.com/docs#market-list
    m_verifier.server().json(QStringLiteral("/v1/markets"),
                             compact(QJsonArray{QJsonObject{{"product_code", Spot}, {"market_type", "Spot"}},
                                                QJsonObject{{"product_code", Fx}, {"market_type", "FX"}}}));
    m_verifier.server().json(QStringLiteral("/v1/getboardstate"),
                             compact(QJsonObject{{"health", "NORMAL"}, {"state", "RUNNING"}}));
}

Instrument BitflyerVenue::instrument(const char* product)
{
    Instrument i;
    i.venue = QStringLiteral("bitflyer");
    i.symbol = QString::fromLatin1(product);
    i.category = QByteArrayView(product).startsWith("FX_") ? Category::Linear : Category::Spot;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("JPY");
    i.tickSize = *Decimal::parse("1");
    i.lotSize = *Decimal::parse("0.00000001");
    i.minQuantity = *Decimal::parse("0.001");
    return i;
}

QString BitflyerVenue::now() const
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// ---- private stream ---------------------------------------------------------------------------------------

void BitflyerVenue::onPrivateMessage(const QByteArray& message)
{
    const QJsonObject o = QJsonDocument::fromJson(message).object();
    const QString method = o.value(QLatin1String("method")).toString();
    const QJsonValue id = o.value(QLatin1String("id"));
    const QJsonObject params = o.value(QLatin1String("params")).toObject();
    if (method == QLatin1String("auth")) {
        // https://bf-lightning-api.readme.io/docs/realtime-api-auth
        const qint64 ts = params.value(QLatin1String("timestamp")).toInteger();
        const QString nonce = params.value(QLatin1String("nonce")).toString();
        const QByteArray expected = QMessageAuthenticationCode::hash(QByteArray::number(ts) + nonce.toUtf8(),
                                                                     m_secret, QCryptographicHash::Sha256)
                                        .toHex();
        const auto refuse = [&](const char* why) {
            ++m_refusedLogins;
            m_private.send(rpcError(id, -32600, why));
        };
        if (params.value(QLatin1String("api_key")).toString() != m_key)
            return refuse("Invalid API key");
        if (nonce.size() < 16 || nonce.size() > 255)
            return refuse("Invalid nonce");
        if (params.value(QLatin1String("signature")).toString().toLatin1() != expected)
            return refuse("Invalid signature");
        if (std::abs(ts - QDateTime::currentMSecsSinceEpoch()) > 60'000)
            return refuse("Invalid timestamp");
        m_authed = true;
        ++m_logins;
        m_private.send(rpcResult(id, true));
        return;
    }
    if (method == QLatin1String("subscribe")) {
        const QString channel = params.value(QLatin1String("channel")).toString();
        const bool isPrivate =
            channel == QLatin1String("child_order_events") || channel == QLatin1String("parent_order_events");
        if (isPrivate && !m_authed)
            return m_private.send(rpcError(id, -32600, "Authentication required"));
        m_subscribed = m_subscribed || channel == QLatin1String("child_order_events");
        m_parentSubscribed = m_parentSubscribed || channel == QLatin1String("parent_order_events");
        m_private.send(rpcResult(id, true));
        return;
    }
    if (method == QLatin1String("unsubscribe"))
        return m_private.send(rpcResult(id, true));
    m_private.send(rpcError(id, -32601, "Method not found"));
}

void BitflyerVenue::pushEvent(QJsonObject event)
{
    if (!m_authed || !m_subscribed)
        return;
    m_private.send(compact(QJsonObject{
        {"jsonrpc", "2.0"},
        {"method", "channelMessage"},
        {"params", QJsonObject{{"channel", "child_order_events"}, {"message", QJsonArray{event}}}}}));
}

void BitflyerVenue::pushParentEvent(const QJsonObject& event)
{
    if (!m_authed || !m_parentSubscribed)
        return;
    m_private.send(compact(QJsonObject{
        {"jsonrpc", "2.0"},
        {"method", "channelMessage"},
        {"params", QJsonObject{{"channel", "parent_order_events"}, {"message", QJsonArray{event}}}}}));
}

QJsonObject BitflyerVenue::parentEvent(const QJsonObject& parent, const char* type) const
{
    // https://bf-lightning-api.readme.io/docs/realtime-parent-order-events
    return {{"product_code", parent.value(QLatin1String("product_code"))},
            {"parent_order_id", parent.value(QLatin1String("parent_order_id"))},
            {"parent_order_acceptance_id", parent.value(QLatin1String("parent_order_acceptance_id"))},
            {"event_date", now()},
            {"event_type", type}};
}

QJsonObject BitflyerVenue::base(const QJsonObject& order, const char* type) const
{
    return {{"product_code", order.value(QLatin1String("product_code"))},
            {"child_order_id", order.value(QLatin1String("child_order_id"))},
            {"child_order_acceptance_id", order.value(QLatin1String("child_order_acceptance_id"))},
            {"event_date", now()},
            {"event_type", type}};
}

// ---- REST ---------------------------------------------------------------------------------------------

QByteArray BitflyerVenue::answer(const QByteArray& method, const QByteArray& target, const QByteArray& body)
{
    const QUrl url = QUrl::fromEncoded(target);
    const QString path = url.path();
    const QUrlQuery query(url);
    const QString product = query.queryItemValue(QStringLiteral("product_code"));
    if (method == "POST") {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        if (path == QLatin1String("/v1/me/sendchildorder"))
            return sendChildOrder(o);
        if (path == QLatin1String("/v1/me/cancelchildorder")) {
            const QString id = o.value(QLatin1String("child_order_acceptance_id")).toString();
            if (m_orders.contains(id))
                cancel(m_orders[id]);
            return {}; // HTTP 200, no body: the outcome comes as an event
        }
        if (path == QLatin1String("/v1/me/sendparentorder"))
            return sendParentOrder(o);
        if (path == QLatin1String("/v1/me/cancelparentorder")) {
            QString id = o.value(QLatin1String("parent_order_acceptance_id")).toString();
            const QString parentId = o.value(QLatin1String("parent_order_id")).toString();
            for (auto it = m_parents.cbegin(); id.isEmpty() && it != m_parents.cend(); ++it) {
                if (it->entry.value(QLatin1String("parent_order_id")).toString() == parentId)
                    id = it.key();
            }
            if (m_parents.contains(id))
                cancelParent(id);
            return {}; // HTTP 200, no body: the outcome comes as an event
        }
        if (path == QLatin1String("/v1/me/cancelallchildorders")) {
            for (auto it = m_orders.begin(); it != m_orders.end(); ++it) {
                if (it->value(QLatin1String("product_code")) == o.value(QLatin1String("product_code")))
                    cancel(*it);
            }
            return {};
        }
        return error(-1, "Not found");
    }
    if (path == QLatin1String("/v1/me/getchildorders")) {
        const QString state = query.queryItemValue(QStringLiteral("child_order_state"));
        const QString acceptance = query.queryItemValue(QStringLiteral("child_order_acceptance_id"));
        QJsonArray out;
        for (auto it = m_sequence.crbegin(); it != m_sequence.crend(); ++it) { // newest first
            const QJsonObject& o = m_orders[*it];
            if (o.value(QLatin1String("product_code")).toString() != product)
                continue;
            if (!acceptance.isEmpty() && *it != acceptance)
                continue;
            if (!state.isEmpty() && o.value(QLatin1String("child_order_state")).toString() != state)
                continue;
            out.append(o);
        }
        return compact(out);
    }
    if (path == QLatin1String("/v1/me/getparentorders")) {
        const QString state = query.queryItemValue(QStringLiteral("parent_order_state"));
        QJsonArray out;
        for (auto it = m_parentSequence.crbegin(); it != m_parentSequence.crend(); ++it) { // newest first
            const QJsonObject& o = m_parents[*it].entry;
            if (o.value(QLatin1String("product_code")).toString() != product)
                continue;
            if (!state.isEmpty() && o.value(QLatin1String("parent_order_state")).toString() != state)
                continue;
            out.append(o);
        }
        return compact(out);
    }
    if (path == QLatin1String("/v1/me/getparentorder")) {
        const QString acceptance = query.queryItemValue(QStringLiteral("parent_order_acceptance_id"));
        const QString parentId = query.queryItemValue(QStringLiteral("parent_order_id"));
        for (auto it = m_parents.cbegin(); it != m_parents.cend(); ++it) {
            if (it.key() != acceptance &&
                it->entry.value(QLatin1String("parent_order_id")).toString() != parentId)
                continue;
            // https://lightning.bitflyer.com/docs#get-parent-order-details: every key of a parameter,
            // 0 where it does not apply.
            QJsonObject parameter = it->parameter;
            for (const char* key : {"price", "trigger_price", "offset"}) {
                if (!parameter.contains(QLatin1String(key)))
                    parameter.insert(QLatin1String(key), 0);
            }
            return compact(QJsonObject{{"id", it->entry.value(QLatin1String("id"))},
                                       {"parent_order_id", it->entry.value(QLatin1String("parent_order_id"))},
                                       {"order_method", "SIMPLE"},
                                       {"expire_date", it->entry.value(QLatin1String("expire_date"))},
                                       {"time_in_force", it->timeInForce},
                                       {"parameters", QJsonArray{parameter}},
                                       {"parent_order_acceptance_id", it.key()}});
        }
        return error(-111, "Order not found");
    }
    if (path == QLatin1String("/v1/me/getexecutions")) {
        QJsonArray out;
        for (auto it = m_executions.crbegin(); it != m_executions.crend(); ++it) {
            if (it->value(QLatin1String("product_code")).toString() != product)
                continue;
            QJsonObject e = *it;
            e.remove(QStringLiteral("product_code")); // bitFlyer's entries do not name it
            out.append(e);
        }
        return compact(out);
    }
    if (path == QLatin1String("/v1/me/getpositions")) {
        QJsonArray out;
        if (product == QLatin1String(Fx) && !m_position.isZero())
            out.append(QJsonObject{{"product_code", Fx},
                                   {"side", m_position.isNegative() ? "SELL" : "BUY"},
                                   {"price", number(m_entry)},
                                   {"size", number(m_position.isNegative() ? -m_position : m_position)},
                                   {"commission", 0},
                                   {"swap_point_accumulate", 0},
                                   {"require_collateral", 1000},
                                   {"open_date", now()},
                                   {"leverage", 2},
                                   {"pnl", 0},
                                   {"sfd", 0}});
        return compact(out);
    }
    if (path == QLatin1String("/v1/me/getbalance"))
        return compact(QJsonArray{
            QJsonObject{{"currency_code", "JPY"}, {"amount", number(m_jpy)}, {"available", number(m_jpy)}},
            QJsonObject{{"currency_code", "BTC"}, {"amount", number(m_btc)}, {"available", number(m_btc)}}});
    if (path == QLatin1String("/v1/me/getcollateral"))
        return compact(QJsonObject{{"collateral", number(m_jpy)},
                                   {"open_position_pnl", 0},
                                   {"require_collateral", 0},
                                   {"keep_rate", 0}});
    return error(-1, "Not found");
}

QByteArray BitflyerVenue::sendChildOrder(const QJsonObject& body, bool fillMarketNow)
{
    const QString product = body.value(QLatin1String("product_code")).toString();
    if (product != QLatin1String(Spot) && product != QLatin1String(Fx))
        return error(-101, "Invalid product code.");
    const bool market = body.value(QLatin1String("child_order_type")).toString() == QLatin1String("MARKET");
    const Decimal size = decimalOf(body.value(QLatin1String("size")));
    const Decimal price = market ? m_price : decimalOf(body.value(QLatin1String("price")));
    if (Decimal::compare(size, *Decimal::parse("0.001")) < 0)
        return error(-110, "The minimum order size is 0.001 BTC.");
    const bool buy = body.value(QLatin1String("side")).toString() == QLatin1String("BUY");
    const Decimal notional = price * size;
    // Spot needs the funds; FX at 2x leverage needs half the notional as collateral.
    if (product == QLatin1String(Spot) && buy && Decimal::compare(notional, m_jpy) > 0)
        return error(-200, "Insufficient funds");
    if (product == QLatin1String(Fx) && Decimal::compare(notional, m_jpy * *Decimal::parse("2")) > 0)
        return error(-205, "Margin amount is insufficient for this order.");

    ++m_nextId;
    const QString acceptance = QStringLiteral("JRF20260101-000000-%1").arg(m_nextId, 6, 10, QLatin1Char('0'));
    QJsonObject order{
        {"id", m_nextId},
        {"child_order_id", QStringLiteral("JOR20260101-000000-%1").arg(m_nextId, 6, 10, QLatin1Char('0'))},
        {"product_code", product},
        {"side", buy ? "BUY" : "SELL"},
        {"child_order_type", market ? "MARKET" : "LIMIT"},
        {"price", market ? 0 : number(price)},
        {"average_price", 0},
        {"size", number(size)},
        {"child_order_state", "ACTIVE"},
        {"expire_date", now()},
        {"child_order_date", now()},
        {"child_order_acceptance_id", acceptance},
        {"outstanding_size", number(size)},
        {"cancel_size", 0},
        {"executed_size", 0},
        {"total_commission", 0},
        {"time_in_force", body.value(QLatin1String("time_in_force")).toString(QStringLiteral("GTC"))}};
    m_orders.insert(acceptance, order);
    m_sequence.append(acceptance);
    QJsonObject placed = base(order, "ORDER");
    placed.insert(QStringLiteral("child_order_type"), order.value(QLatin1String("child_order_type")));
    placed.insert(QStringLiteral("side"), order.value(QLatin1String("side")));
    placed.insert(QStringLiteral("price"), order.value(QLatin1String("price")));
    placed.insert(QStringLiteral("size"), order.value(QLatin1String("size")));
    placed.insert(QStringLiteral("expire_date"), order.value(QLatin1String("expire_date")));
    pushEvent(placed);
    if (market && fillMarketNow)
        fill(acceptance, m_price);
    return compact(QJsonObject{{"child_order_acceptance_id", acceptance}});
}

void BitflyerVenue::cancel(QJsonObject& order)
{
    if (order.value(QLatin1String("child_order_state")).toString() != QLatin1String("ACTIVE"))
        return;
    order.insert(QStringLiteral("child_order_state"), QStringLiteral("CANCELED"));
    order.insert(QStringLiteral("cancel_size"), order.value(QLatin1String("outstanding_size")));
    order.insert(QStringLiteral("outstanding_size"), 0);
    QJsonObject event = base(order, "CANCEL");
    event.insert(QStringLiteral("price"), order.value(QLatin1String("price")));
    event.insert(QStringLiteral("size"), order.value(QLatin1String("size")));
    pushEvent(event);
}

void BitflyerVenue::fill(const QString& acceptanceId, Decimal price)
{
    QJsonObject& order = m_orders[acceptanceId];
    const Decimal size = decimalOf(order.value(QLatin1String("outstanding_size")));
    const bool buy = order.value(QLatin1String("side")).toString() == QLatin1String("BUY");
    const QString product = order.value(QLatin1String("product_code")).toString();
    if (product == QLatin1String(Spot)) {
        m_jpy += buy ? -(price * size) : price * size;
        m_btc += buy ? size : -size;
    } else {
        const Decimal signedSize = buy ? size : -size;
        const Decimal after = m_position + signedSize;
        if (m_position.isZero() || m_position.isNegative() == signedSize.isNegative()) {
            const Decimal weighted =
                m_entry * (m_position.isNegative() ? -m_position : m_position) + price * size;
            const Decimal total = after.isNegative() ? -after : after;
            m_entry = Decimal::parse(QString::number(weighted.toDouble() / total.toDouble(), 'f', 2))
                          .value_or(price)
                          .normalized();
        } else if (after.isZero()) {
            m_entry = Decimal();
        }
        m_position = after;
    }
    order.insert(QStringLiteral("child_order_state"), QStringLiteral("COMPLETED"));
    order.insert(QStringLiteral("executed_size"), order.value(QLatin1String("size")));
    order.insert(QStringLiteral("average_price"), number(price));
    order.insert(QStringLiteral("outstanding_size"), 0);
    ++m_nextId;
    const QString now = this->now();
    m_executions.append(QJsonObject{{"id", m_nextId},
                                    {"child_order_id", order.value(QLatin1String("child_order_id"))},
                                    {"side", order.value(QLatin1String("side"))},
                                    {"price", number(price)},
                                    {"size", number(size)},
                                    {"commission", 0},
                                    {"exec_date", now},
                                    {"child_order_acceptance_id", acceptanceId},
                                    {"product_code", product}});
    QJsonObject event = base(order, "EXECUTION");
    event.insert(QStringLiteral("exec_id"), m_nextId);
    event.insert(QStringLiteral("side"), order.value(QLatin1String("side")));
    event.insert(QStringLiteral("price"), number(price));
    event.insert(QStringLiteral("size"), number(size));
    event.insert(QStringLiteral("commission"), 0);
    event.insert(QStringLiteral("sfd"), 0);
    event.insert(QStringLiteral("outstanding_size"), 0);
    pushEvent(event);
    if (const QString parent = m_parentOfChild.value(acceptanceId); !parent.isEmpty()) {
        QJsonObject& entry = m_parents[parent].entry;
        entry.insert(QStringLiteral("parent_order_state"), QStringLiteral("COMPLETED"));
        entry.insert(QStringLiteral("executed_size"), entry.value(QLatin1String("size")));
        entry.insert(QStringLiteral("outstanding_size"), 0);
        entry.insert(QStringLiteral("average_price"), number(price));
        QJsonObject complete = parentEvent(entry, "COMPLETE");
        complete.insert(QStringLiteral("parameter_index"), 1);
        complete.insert(QStringLiteral("child_order_acceptance_id"), acceptanceId);
        pushParentEvent(complete);
    }
}

QByteArray BitflyerVenue::sendParentOrder(const QJsonObject& body)
{
    // https://lightning.bitflyer.com/docs#submit-new-parent-order-special-order (SIMPLE only here)
    const QString method = body.value(QLatin1String("order_method")).toString(QStringLiteral("SIMPLE"));
    const QJsonArray parameters = body.value(QLatin1String("parameters")).toArray();
    if (method != QLatin1String("SIMPLE") || parameters.size() != 1)
        return error(-1, "This loopback venue takes SIMPLE special orders only.");
    const QJsonObject parameter = parameters.at(0).toObject();
    const QString product = parameter.value(QLatin1String("product_code")).toString();
    if (product != QLatin1String(Spot) && product != QLatin1String(Fx))
        return error(-101, "Invalid product code.");
    const QString condition = parameter.value(QLatin1String("condition_type")).toString();
    if (condition != QLatin1String("STOP") && condition != QLatin1String("STOP_LIMIT"))
        return error(-1, "This loopback venue takes STOP and STOP_LIMIT special orders only.");
    if (!parameter.contains(QLatin1String("trigger_price")) ||
        (condition == QLatin1String("STOP_LIMIT") && !parameter.contains(QLatin1String("price"))))
        return error(-106, "The price is invalid.");
    const Decimal size = decimalOf(parameter.value(QLatin1String("size")));
    if (Decimal::compare(size, *Decimal::parse("0.001")) < 0)
        return error(-110, "The minimum order size is 0.001 BTC.");
    const Decimal trigger = decimalOf(parameter.value(QLatin1String("trigger_price")));
    if (product == QLatin1String(Fx) && Decimal::compare(trigger * size, m_jpy * *Decimal::parse("2")) > 0)
        return error(-205, "Margin amount is insufficient for this order.");

    ++m_nextId;
    const QString acceptance = QStringLiteral("JRF20260101-000001-%1").arg(m_nextId, 6, 10, QLatin1Char('0'));
    Parent parent;
    parent.parameter = parameter;
    parent.timeInForce = body.value(QLatin1String("time_in_force")).toString(QStringLiteral("GTC"));
    parent.entry = QJsonObject{
        {"id", m_nextId},
        {"parent_order_id", QStringLiteral("JCO20260101-000001-%1").arg(m_nextId, 6, 10, QLatin1Char('0'))},
        {"product_code", product},
        {"side", parameter.value(QLatin1String("side"))},
        {"parent_order_type", condition},
        // A STOP lists its trigger price, a STOP_LIMIT its limit price (the reference's example).
        {"price",
         parameter.value(QLatin1String(condition == QLatin1String("STOP") ? "trigger_price" : "price"))
             .toDouble()},
        {"average_price", 0},
        {"size", number(size)},
        {"parent_order_state", "ACTIVE"},
        {"expire_date", now()},
        {"parent_order_date", now()},
        {"parent_order_acceptance_id", acceptance},
        {"outstanding_size", number(size)},
        {"cancel_size", 0},
        {"executed_size", 0},
        {"total_commission", 0}};
    m_parents.insert(acceptance, parent);
    m_parentSequence.append(acceptance);
    QJsonObject placed = parentEvent(parent.entry, "ORDER");
    placed.insert(QStringLiteral("parent_order_type"), condition);
    placed.insert(QStringLiteral("expire_date"), parent.entry.value(QLatin1String("expire_date")));
    pushParentEvent(placed);
    return compact(QJsonObject{{"parent_order_acceptance_id", acceptance}});
}

QString BitflyerVenue::placeParentOrder(const QJsonObject& parameter)
{
    const QJsonObject body{{"order_method", "SIMPLE"},
                           {"minute_to_expire", 43200},
                           {"time_in_force", "GTC"},
                           {"parameters", QJsonArray{parameter}}};
    return QJsonDocument::fromJson(sendParentOrder(body))
        .object()
        .value(QLatin1String("parent_order_acceptance_id"))
        .toString();
}

void BitflyerVenue::setPrice(Decimal price)
{
    m_price = price;
    // A buy stop triggers once the price rises to its trigger, a sell stop once it falls to it.
    for (const QString& id : QList<QString>(m_parentSequence)) {
        const Parent& parent = m_parents[id];
        if (parent.entry.value(QLatin1String("parent_order_state")).toString() != QLatin1String("ACTIVE") ||
            !parent.child.isEmpty())
            continue;
        const Decimal trigger = decimalOf(parent.parameter.value(QLatin1String("trigger_price")));
        const bool buy = parent.parameter.value(QLatin1String("side")).toString() == QLatin1String("BUY");
        if (buy ? Decimal::compare(price, trigger) >= 0 : Decimal::compare(price, trigger) <= 0)
            triggerParentOrder(id);
    }
}

void BitflyerVenue::triggerParentOrder(const QString& acceptanceId)
{
    if (!m_parents.contains(acceptanceId) || !m_parents[acceptanceId].child.isEmpty())
        return;
    const QJsonObject parameter = m_parents[acceptanceId].parameter;
    const bool market = parameter.value(QLatin1String("condition_type")).toString() == QLatin1String("STOP");
    QJsonObject child{{"product_code", parameter.value(QLatin1String("product_code"))},
                      {"child_order_type", market ? "MARKET" : "LIMIT"},
                      {"side", parameter.value(QLatin1String("side"))},
                      {"size", parameter.value(QLatin1String("size"))},
                      {"time_in_force", m_parents[acceptanceId].timeInForce}};
    if (!market)
        child.insert(QStringLiteral("price"), parameter.value(QLatin1String("price")));
    const QJsonObject reply = QJsonDocument::fromJson(sendChildOrder(child, false)).object();
    const QString childId = reply.value(QLatin1String("child_order_acceptance_id")).toString();
    if (childId.isEmpty())
        return;
    m_parents[acceptanceId].child = childId;
    m_parentOfChild.insert(childId, acceptanceId);
    const QJsonObject& order = m_orders[childId];
    QJsonObject event = parentEvent(m_parents[acceptanceId].entry, "TRIGGER");
    event.insert(QStringLiteral("parameter_index"), 1);
    event.insert(QStringLiteral("child_order_type"), order.value(QLatin1String("child_order_type")));
    event.insert(QStringLiteral("side"), order.value(QLatin1String("side")));
    event.insert(QStringLiteral("price"), order.value(QLatin1String("price")));
    event.insert(QStringLiteral("size"), order.value(QLatin1String("size")));
    event.insert(QStringLiteral("expire_date"), order.value(QLatin1String("expire_date")));
    event.insert(QStringLiteral("child_order_acceptance_id"), childId);
    pushParentEvent(event);
    if (market)
        fill(childId, m_price);
}

void BitflyerVenue::cancelParent(const QString& acceptanceId)
{
    Parent& parent = m_parents[acceptanceId];
    if (parent.entry.value(QLatin1String("parent_order_state")).toString() != QLatin1String("ACTIVE"))
        return;
    if (!parent.child.isEmpty() && m_orders.contains(parent.child))
        cancel(m_orders[parent.child]);
    parent.entry.insert(QStringLiteral("parent_order_state"), QStringLiteral("CANCELED"));
    parent.entry.insert(QStringLiteral("cancel_size"), parent.entry.value(QLatin1String("outstanding_size")));
    parent.entry.insert(QStringLiteral("outstanding_size"), 0);
    pushParentEvent(parentEvent(parent.entry, "CANCEL"));
}

QString BitflyerVenue::childOf(const QString& parentAcceptanceId) const
{
    return m_parents.value(parentAcceptanceId).child;
}

QString BitflyerVenue::parentState(const QString& acceptanceId) const
{
    return m_parents.value(acceptanceId).entry.value(QLatin1String("parent_order_state")).toString();
}

void BitflyerVenue::fillRestingOrder(const QString& acceptanceId)
{
    fill(acceptanceId, decimalOf(m_orders.value(acceptanceId).value(QLatin1String("price"))));
}

// ---- public stream ------------------------------------------------------------------------------------

void BitflyerVenue::onPublicMessage(const QByteArray& message)
{
    const QJsonObject o = QJsonDocument::fromJson(message).object();
    const QString method = o.value(QLatin1String("method")).toString();
    const QJsonValue id = o.value(QLatin1String("id"));
    if (method != QLatin1String("subscribe") && method != QLatin1String("unsubscribe"))
        return m_public.send(rpcError(id, -32601, "Method not found"));
    m_public.send(rpcResult(id, true));
    const QString channel =
        o.value(QLatin1String("params")).toObject().value(QLatin1String("channel")).toString();
    if (method == QLatin1String("subscribe") &&
        channel.startsWith(QLatin1String("lightning_board_snapshot_"))) {
        ++m_snapshotSubscriptions;
        if (m_sendSnapshots)
            pushBoardSnapshot();
    }
}

void BitflyerVenue::pushBoardSnapshot()
{
    m_public.send(
        R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_board_snapshot_FX_BTC_JPY",)"
        R"("message":{"mid_price":5000000,"bids":[{"price":4999990,"size":0.5},{"price":4999900,"size":1.25}],)"
        R"("asks":[{"price":5000010,"size":0.3},{"price":5000100,"size":2}]}}})");
}

void BitflyerVenue::pushBoardDiff(const QByteArray& bidsJson, const QByteArray& asksJson,
                                  const QByteArray& midPrice)
{
    m_public.send(
        R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_board_FX_BTC_JPY",)"
        R"("message":{"mid_price":)" +
        midPrice + R"(,"bids":)" + bidsJson + R"(,"asks":)" + asksJson + "}}}");
}
