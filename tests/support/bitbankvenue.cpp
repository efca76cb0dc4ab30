#include "bitbankvenue.h"

#include "exchanges/bitbank/bitbanktrading.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrlQuery>

namespace {

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray ok(const QJsonObject& data)
{
    return compact(QJsonObject{{"success", 1}, {"data", data}});
}

LoopbackHttpServer::Response refuse(int code)
{
    // bitbank refuses with HTTP 200 and a code only (errors.md).
    return {200, compact(QJsonObject{{"success", 0}, {"data", QJsonObject{{"code", code}}}}), {}};
}

Decimal dec(const QJsonValue& v)
{
    return Decimal::parse(v.toString()).value_or(Decimal());
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool isOpen(const QJsonObject& order)
{
    const QString s = order.value(QLatin1String("status")).toString();
    return s == QLatin1String("UNFILLED") || s == QLatin1String("PARTIALLY_FILLED");
}

// A long leg opens by buying, a short leg by selling.
bool opens(const QString& leg, const QString& side)
{
    return (leg == QLatin1String("long")) == (side == QLatin1String("buy"));
}

} // namespace

BitbankVenue::BitbankVenue(const QString& key, const QByteArray& secret)
    : m_verifier(QStringLiteral("bitbank"), key, secret)
{
    m_verifier.setResponder([this](const LoopbackHttpServer::Request& r) { return answer(r); });
    // Public, no key: GET /v1/spot/pairs (rest-api.md, Get all pairs info), the shape of bitbank's reply:
    // btc_jpy is margin-traded too (its margin_* fields are set).
    QJsonObject pair{{"name", Pair},
                     {"base_asset", "btc"},
                     {"quote_asset", "jpy"},
                     {"maker_fee_rate_base", "0"},
                     {"taker_fee_rate_base", "0"},
                     {"maker_fee_rate_quote", "-0.0002"},
                     {"taker_fee_rate_quote", "0.0012"},
                     {"margin_open_maker_fee_rate_quote", "-0.0002"},
                     {"margin_open_taker_fee_rate_quote", "0.0012"},
                     {"margin_close_maker_fee_rate_quote", "-0.0002"},
                     {"margin_close_taker_fee_rate_quote", "0.0012"},
                     {"margin_long_interest", "0.0003"},
                     {"margin_short_interest", "0.0003"},
                     {"margin_current_individual_ratio", "0.5"},
                     {"margin_current_individual_until", QJsonValue()},
                     {"margin_current_company_ratio", "0.5"},
                     {"margin_current_company_until", QJsonValue()},
                     {"margin_next_individual_ratio", QJsonValue()},
                     {"margin_next_individual_until", QJsonValue()},
                     {"margin_next_company_ratio", QJsonValue()},
                     {"margin_next_company_until", QJsonValue()},
                     {"unit_amount", "0.0001"},
                     {"limit_max_amount", "1000"},
                     {"market_max_amount", "10"},
                     {"market_allowance_rate", "0.2"},
                     {"price_digits", 0},
                     {"amount_digits", 4},
                     {"is_enabled", true},
                     {"stop_order", false},
                     {"stop_order_and_cancel", false},
                     {"stop_market_order", false},
                     {"stop_stop_order", false},
                     {"stop_stop_limit_order", false},
                     {"stop_margin_long_order", false},
                     {"stop_margin_short_order", false},
                     {"stop_buy_order", false},
                     {"stop_sell_order", false}};
    m_verifier.server().json(
        QStringLiteral("/v1/spot/pairs"),
        compact(QJsonObject{{"success", 1}, {"data", QJsonObject{{"pairs", QJsonArray{pair}}}}}));
    // public.bitbank.cc/{pair}/candlestick/{type}/{YYYYMMDD | YYYY} (public-api.md).
    m_public.setFallback([this](const LoopbackHttpServer::Request& r) {
        ++m_candleRequests;
        return candles(r);
    });
    connect(&m_pubnub, &QTcpServer::newConnection, this, &BitbankVenue::onPubNubConnection);
    if (!m_pubnub.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen on 127.0.0.1");
}

BitbankVenue::~BitbankVenue()
{
    for (QTcpSocket* s : m_pubnub.findChildren<QTcpSocket*>())
        s->disconnect(this);
}

Instrument BitbankVenue::instrument()
{
    Instrument i;
    i.venue = QStringLiteral("bitbank");
    i.symbol = QString::fromLatin1(Pair);
    i.category = Category::Spot;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("JPY");
    i.tickSize = *Decimal::parse("1");
    i.lotSize = *Decimal::parse("0.0001");
    i.minQuantity = *Decimal::parse("0.0001");
    return i;
}

LoopbackHttpServer::Response BitbankVenue::candles(const LoopbackHttpServer::Request& r) const
{
    const QStringList parts = r.url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() != 4 || parts[1] != QLatin1String("candlestick"))
        return refuse(10000);
    const qint64 hour = 3'600'000;
    const qint64 start = nowMs() / hour * hour - 2 * hour;
    QJsonArray ohlcv;
    for (int i = 0; i < 3; ++i)
        ohlcv.append(QJsonArray{"5000000", "5010000", "4990000", QString::number(5000000 + 1000 * i),
                                "1.2345", double(start + i * hour)});
    return {200,
            ok(QJsonObject{{"candlestick", QJsonArray{QJsonObject{{"type", parts[2]}, {"ohlcv", ohlcv}}}},
                           {"timestamp", double(nowMs())}}),
            {}};
}

void BitbankVenue::serveCandlesOnRestHost()
{
    // The api host's server routes exact paths: every candle file of btc_jpy from yesterday to tomorrow
    // (UTC), so a test crossing midnight still finds its file.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const auto route = [this](const QString& type, const QString& date) {
        m_verifier.server().route(
            QStringLiteral("/%1/candlestick/%2/%3").arg(QLatin1String(Pair), type, date),
            [this](const LoopbackHttpServer::Request& r) {
                ++m_restHostCandleRequests;
                return candles(r);
            });
    };
    for (const char* type : {"1min", "5min", "15min", "30min", "1hour"}) {
        for (int day = -1; day <= 1; ++day)
            route(QLatin1String(type), today.addDays(day).toString(QStringLiteral("yyyyMMdd")));
    }
    for (const char* type : {"4hour", "8hour", "12hour", "1day", "1week", "1month"}) {
        for (int year = -1; year <= 1; ++year)
            route(QLatin1String(type), QString::number(today.addYears(year).year()));
    }
}

void BitbankVenue::seedPosition(const char* leg, Decimal amount, Decimal averagePrice)
{
    m_positions.insert(QLatin1String(leg), {amount, averagePrice});
}

QJsonObject BitbankVenue::positionOf(const QString& leg) const
{
    // private-stream.md margin_position_update / rest-api.md GET /user/margin/positions, one leg.
    const auto [open, average] = m_positions.value(leg);
    return QJsonObject{{"pair", Pair},
                       {"position_side", leg},
                       {"open_amount", open.toString()},
                       {"locked_amount", "0"},
                       {"product", (open * average).toString()},
                       {"average_price", average.toString()},
                       {"unrealized_fee_amount", "0"},
                       {"unrealized_interest_amount", "0"}};
}

QUrl BitbankVenue::pubNubUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_pubnub.serverPort()));
}

// ---- REST ------------------------------------------------------------------------------------------------

std::optional<LoopbackHttpServer::Response> BitbankVenue::answer(const LoopbackHttpServer::Request& r)
{
    const QString path = r.url.path();
    const QUrlQuery query(r.url);
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    if (path == QLatin1String("/v1/user/subscribe")) {
        // private-stream.md: the account's channel and a token for PubNub (12 h); a new one each time.
        m_token = QStringLiteral("pubnub-token-%1").arg(++m_tokens);
        m_dropping = false;
        return LoopbackHttpServer::Response{
            200, ok(QJsonObject{{"pubnub_channel", Channel}, {"pubnub_token", m_token}}), {}};
    }
    if (path == QLatin1String("/v1/user/assets"))
        return LoopbackHttpServer::Response{200, ok(assets()), {}};
    if (path == QLatin1String("/v1/user/spot/order") && r.method == "POST")
        return placeOrder(body);
    if (path == QLatin1String("/v1/user/spot/order")) {
        const auto it = m_orders.constFind(query.queryItemValue(QStringLiteral("order_id")));
        if (it == m_orders.cend())
            return refuse(50009);
        return LoopbackHttpServer::Response{200, ok(*it), {}};
    }
    if (path == QLatin1String("/v1/user/spot/cancel_order")) {
        const QString id = QString::number(body.value(QLatin1String("order_id")).toInteger());
        auto it = m_orders.find(id);
        if (it == m_orders.end())
            return refuse(50009);
        if (!isOpen(*it))
            return refuse(it->value(QLatin1String("status")).toString() == QLatin1String("FULLY_FILLED")
                              ? 50027
                              : 50026);
        QJsonObject& order = *it;
        order.insert(QStringLiteral("status"), dec(order.value(QLatin1String("executed_amount"))).isZero()
                                                   ? QStringLiteral("CANCELED_UNFILLED")
                                                   : QStringLiteral("CANCELED_PARTIALLY_FILLED"));
        order.insert(QStringLiteral("canceled_at"), double(nowMs()));
        push("spot_order", QJsonArray{order});
        push("asset_update", assets().value(QLatin1String("assets")));
        return LoopbackHttpServer::Response{200, ok(order), {}};
    }
    if (path == QLatin1String("/v1/user/spot/cancel_orders")) {
        // Up to 30 ids; the open ones among them are cancelled and listed.
        const QJsonArray ids = body.value(QLatin1String("order_ids")).toArray();
        if (ids.isEmpty() || ids.size() > 30)
            return refuse(30012);
        QJsonArray cancelled;
        for (const QJsonValue& id : ids) {
            auto it = m_orders.find(QString::number(id.toInteger()));
            if (it == m_orders.end() || !isOpen(*it))
                continue;
            QJsonObject& order = *it;
            order.insert(QStringLiteral("status"), dec(order.value(QLatin1String("executed_amount"))).isZero()
                                                       ? QStringLiteral("CANCELED_UNFILLED")
                                                       : QStringLiteral("CANCELED_PARTIALLY_FILLED"));
            order.insert(QStringLiteral("canceled_at"), double(nowMs()));
            cancelled.append(order);
        }
        ++m_batchCancels;
        if (!cancelled.isEmpty()) {
            push("spot_order", cancelled);
            push("asset_update", assets().value(QLatin1String("assets")));
        }
        return LoopbackHttpServer::Response{200, ok(QJsonObject{{"orders", cancelled}}), {}};
    }
    if (path == QLatin1String("/v1/user/spot/orders_info")) {
        QJsonArray list;
        for (const QJsonValue& id : body.value(QLatin1String("order_ids")).toArray()) {
            const auto it = m_orders.constFind(QString::number(id.toInteger()));
            if (it != m_orders.cend())
                list.append(*it);
        }
        return LoopbackHttpServer::Response{200, ok(QJsonObject{{"orders", list}}), {}};
    }
    if (path == QLatin1String("/v1/user/spot/active_orders")) {
        QJsonArray list;
        for (const QJsonObject& o : std::as_const(m_orders)) {
            if (isOpen(o))
                list.append(o);
        }
        return LoopbackHttpServer::Response{200, ok(QJsonObject{{"orders", list}}), {}};
    }
    if (path == QLatin1String("/v1/user/margin/positions")) {
        // Only the legs with something open are listed.
        QJsonArray positions;
        for (auto it = m_positions.cbegin(); it != m_positions.cend(); ++it) {
            if (!it.value().first.isZero()) {
                QJsonObject p = positionOf(it.key());
                p.remove(QStringLiteral("locked_amount"));
                positions.append(p);
            }
        }
        return LoopbackHttpServer::Response{
            200,
            ok(QJsonObject{{"notice", m_notice},
                           {"payables", QJsonObject{{"amount", "0"}}},
                           {"positions", positions},
                           {"losscut_threshold", QJsonObject{{"individual", "0.5"}, {"company", "0.5"}}}}),
            {}};
    }
    if (path == QLatin1String("/v1/user/margin/status")) {
        ++m_marginStatusReads;
        return LoopbackHttpServer::Response{200, ok(marginStatus()), {}};
    }
    if (path == QLatin1String("/v1/user/spot/trade_history"))
        return LoopbackHttpServer::Response{200, ok(QJsonObject{{"trades", m_trades}}), {}};
    return std::nullopt;
}

LoopbackHttpServer::Response BitbankVenue::placeOrder(const QJsonObject& body)
{
    // rest-api.md POST /user/spot/order: pair, amount, price (limit), side, position_side (margin), type,
    // post_only.
    const QString type = body.value(QLatin1String("type")).toString();
    const QString side = body.value(QLatin1String("side")).toString();
    if (m_circuitBreak && type == QLatin1String("market"))
        return refuse(70020);
    const bool postOnly = body.value(QLatin1String("post_only")).toBool() && !m_circuitBreak;
    const QJsonValue legValue = body.value(QLatin1String("position_side"));
    const QString leg = legValue.toString();
    if (!legValue.isUndefined() && leg != QLatin1String("long") && leg != QLatin1String("short"))
        return refuse(40164);
    if (body.value(QLatin1String("pair")).toString() != QLatin1String(Pair))
        return refuse(40025);
    if (side != QLatin1String("buy") && side != QLatin1String("sell"))
        return refuse(40021);
    if (type != QLatin1String("limit") && type != QLatin1String("market"))
        return refuse(40024);
    if (body.value(QLatin1String("post_only")).toBool() && type != QLatin1String("limit"))
        return refuse(40114);
    const auto amount = Decimal::parse(body.value(QLatin1String("amount")).toString());
    if (!amount || amount->isZero() || amount->isNegative())
        return refuse(40001);
    std::optional<Decimal> price;
    if (type == QLatin1String("limit")) {
        price = Decimal::parse(body.value(QLatin1String("price")).toString());
        if (!price)
            return refuse(30012);
    }
    const Decimal at = price.value_or(m_price);
    if (leg.isEmpty()) {
        if (side == QLatin1String("buy") ? m_jpy < *amount * at : m_btc < *amount)
            return refuse(60001);
    } else if (opens(leg, side)) {
        // Opening: within what the margin account may still open (errors.md 50061).
        Decimal notional = *amount * at;
        for (const auto& [open, average] : std::as_const(m_positions))
            notional += open * average;
        if (m_marginCredit < notional)
            return refuse(50061);
    } else if (m_positions.value(leg).first < *amount) {
        return refuse(60001); // closing more than the leg holds (bitbank's code for it is not documented)
    }

    const QString id = QString::number(++m_nextOrderId);
    QJsonObject order{{"order_id", double(m_nextOrderId)},
                      {"pair", Pair},
                      {"side", side},
                      {"position_side", leg.isEmpty() ? QJsonValue() : QJsonValue(leg)},
                      {"type", type},
                      {"start_amount", amount->toString()},
                      {"remaining_amount", amount->toString()},
                      {"executed_amount", "0.0000"},
                      {"price", price ? QJsonValue(price->toString()) : QJsonValue()},
                      {"average_price", "0"},
                      {"ordered_at", double(nowMs())},
                      {"expire_at", QJsonValue()},
                      {"status", "UNFILLED"},
                      {"user_cancelable", true}};
    if (leg.isEmpty())
        order.remove(QStringLiteral("position_side")); // spot: undefined, not null
    if (type == QLatin1String("limit"))
        order.insert(QStringLiteral("post_only"), postOnly);
    const bool wouldTake = price && (side == QLatin1String("buy") ? *price >= m_price : *price <= m_price);
    if (type == QLatin1String("market")) {
        fill(order, m_price, "taker");
    } else if (wouldTake && postOnly) {
        // Post only: never a taker. bitbank cancels it when any opposing order would (even partly) fill it
        // (support.bitbank.cc "What is PostOnly"): no error, the order is taken and ends CANCELED_UNFILLED.
        order.insert(QStringLiteral("status"), QStringLiteral("CANCELED_UNFILLED"));
        order.insert(QStringLiteral("canceled_at"), double(nowMs()));
    }
    m_orders.insert(id, order);
    push("spot_order_new", QJsonArray{m_orders.value(id)});
    if (type == QLatin1String("market")) {
        push("spot_trade", QJsonArray{m_trades.last()});
        push("spot_order", QJsonArray{m_orders.value(id)});
        if (!leg.isEmpty())
            push("margin_position_update", QJsonArray{positionOf(leg)});
    }
    push("asset_update", assets().value(QLatin1String("assets")));
    return {200, ok(m_orders.value(id)), {}};
}

void BitbankVenue::fill(QJsonObject& order, Decimal price, const char* makerTaker)
{
    const Decimal amount = dec(order.value(QLatin1String("remaining_amount")));
    const QString side = order.value(QLatin1String("side")).toString();
    const bool buy = side == QLatin1String("buy");
    const QString leg = order.value(QLatin1String("position_side")).toString();
    if (leg.isEmpty()) {
        const Decimal quote = amount * price;
        m_jpy = buy ? m_jpy - quote : m_jpy + quote;
        m_btc = buy ? m_btc + amount : m_btc - amount;
    } else {
        // A margin fill moves its leg: opening averages the price in, closing takes the amount off.
        auto& [open, average] = m_positions[leg];
        if (opens(leg, side)) {
            const Decimal total = open + amount;
            // A test venue's average, to the yen (Decimal has no division; prices here are whole yen).
            average = open.isZero() || average == price
                          ? price
                          : Decimal::parse(QString::number((open * average + amount * price).toDouble() /
                                                               total.toDouble(),
                                                           'f', 0))
                                .value_or(price);
            open = total;
        } else {
            open = open - amount;
        }
    }
    order.insert(QStringLiteral("executed_amount"), order.value(QLatin1String("start_amount")));
    order.insert(QStringLiteral("remaining_amount"), QStringLiteral("0.0000"));
    order.insert(QStringLiteral("average_price"), price.toString());
    order.insert(QStringLiteral("executed_at"), double(nowMs()));
    order.insert(QStringLiteral("status"), QStringLiteral("FULLY_FILLED"));
    QJsonObject trade{{"trade_id", double(++m_nextTradeId)},
                      {"order_id", order.value(QLatin1String("order_id"))},
                      {"pair", Pair},
                      {"side", order.value(QLatin1String("side"))},
                      {"type", order.value(QLatin1String("type"))},
                      {"amount", amount.toString()},
                      {"price", price.toString()},
                      {"maker_taker", makerTaker},
                      {"fee_amount_base", "0"},
                      {"fee_amount_quote", "0"},
                      {"executed_at", double(nowMs())}};
    if (!leg.isEmpty()) {
        trade.insert(QStringLiteral("position_side"), leg);
        trade.insert(QStringLiteral("fee_occurred_amount_quote"), "0");
    }
    m_trades.append(trade);
}

void BitbankVenue::fillRestingOrder(const QString& orderId)
{
    auto it = m_orders.find(orderId);
    if (it == m_orders.end() || !isOpen(*it))
        qFatal("no resting bitbank order %s", qPrintable(orderId));
    fill(*it, dec(it->value(QLatin1String("price"))), "maker");
    push("spot_trade", QJsonArray{m_trades.last()});
    push("spot_order", QJsonArray{*it});
    if (const QString leg = it->value(QLatin1String("position_side")).toString(); !leg.isEmpty())
        push("margin_position_update", QJsonArray{positionOf(leg)});
    push("asset_update", assets().value(QLatin1String("assets")));
}

void BitbankVenue::setMarginAccount(const char* status, Decimal unrealizedCost)
{
    m_marginStatus = QLatin1String(status);
    m_unrealizedCost = unrealizedCost;
}

void BitbankVenue::invalidate(const QString& orderId)
{
    auto it = m_orders.find(orderId);
    if (it == m_orders.end() || !isOpen(*it))
        qFatal("no open bitbank order %s", qPrintable(orderId));
    it->insert(QStringLiteral("status"), QStringLiteral("CANCELED_UNFILLED"));
    it->insert(QStringLiteral("canceled_at"), double(nowMs()));
    push("spot_order_invalidation", QJsonObject{{"order_id", QJsonArray{orderId.toLongLong()}}});
}

void BitbankVenue::setMarginNotice(const QJsonObject& notice)
{
    m_notice = notice;
    push("margin_notice_update", QJsonArray{notice});
}

QJsonObject BitbankVenue::marginStatus() const
{
    // rest-api.md GET /user/margin/status, every field; the figures from this venue's simple rules.
    const Decimal half = *Decimal::parse("0.5");
    Decimal product;
    Decimal profitLoss;
    Decimal longMaintenance;
    Decimal shortMaintenance;
    for (auto it = m_positions.cbegin(); it != m_positions.cend(); ++it) {
        const auto [open, average] = it.value();
        product += open * average;
        const bool isLong = it.key() == QLatin1String("long");
        profitLoss += isLong ? (m_price - average) * open : (average - m_price) * open;
        (isLong ? longMaintenance : shortMaintenance) += open * average * half;
    }
    Decimal orderProduct;
    Decimal longOrderMaintenance;
    Decimal shortOrderMaintenance;
    for (const QJsonObject& o : m_orders) {
        const QString leg = o.value(QLatin1String("position_side")).toString();
        if (!isOpen(o) || leg.isEmpty() || !opens(leg, o.value(QLatin1String("side")).toString()))
            continue;
        const Decimal notional =
            dec(o.value(QLatin1String("remaining_amount"))) * dec(o.value(QLatin1String("price")));
        orderProduct += notional;
        (leg == QLatin1String("long") ? longOrderMaintenance : shortOrderMaintenance) += notional * half;
    }
    // 受入保証金合計額 = 差入保証金 (JPY, and BTC at its 0.5 haircut) + unrealised P/L − accrued costs.
    const Decimal total = m_jpy + m_btc * m_price * half + profitLoss - m_unrealizedCost;
    const Decimal openable = m_marginCredit - product - orderProduct;
    const auto text = [](Decimal d) { return d.toString(); };
    return QJsonObject{
        {"status", m_marginStatus},
        {"total_margin_balance_percentage", QJsonValue()}, // (a ratio this venue does not work out)
        {"total_margin_balance", text(total)},
        {"margin_position_profit_loss", text(profitLoss)},
        {"unrealized_cost", text(m_unrealizedCost)},
        {"total_margin_position_product", text(product)},
        {"open_margin_position_product", text(product)},
        {"open_margin_order_product", text(orderProduct)},
        {"total_position_maintenance_margin", text(longMaintenance + shortMaintenance)},
        {"total_long_position_maintenance_margin", text(longMaintenance)},
        {"total_short_position_maintenance_margin", text(shortMaintenance)},
        {"total_open_order_maintenance_margin", text(longOrderMaintenance + shortOrderMaintenance)},
        {"total_long_open_order_maintenance_margin", text(longOrderMaintenance)},
        {"total_short_open_order_maintenance_margin", text(shortOrderMaintenance)},
        {"margin_call_percentage", m_positions.isEmpty() ? QJsonValue() : QJsonValue("70")},
        {"losscut_percentage", m_positions.isEmpty() ? QJsonValue() : QJsonValue("50")},
        {"buy_credit", text(openable)},
        {"sell_credit", text(openable)},
        {"available_balances",
         QJsonArray{QJsonObject{{"pair", Pair}, {"long", text(openable)}, {"short", text(openable)}}}}};
}

QJsonObject BitbankVenue::assets() const
{
    // GET /user/assets: free = on hand less what resting orders lock.
    Decimal lockedJpy;
    Decimal lockedBtc;
    for (const QJsonObject& o : m_orders) {
        if (!isOpen(o) || o.contains(QLatin1String("position_side")))
            continue; // margin orders lock margin, not the spot wallet
        const Decimal remaining = dec(o.value(QLatin1String("remaining_amount")));
        if (o.value(QLatin1String("side")).toString() == QLatin1String("buy"))
            lockedJpy += remaining * dec(o.value(QLatin1String("price")));
        else
            lockedBtc += remaining;
    }
    const auto asset = [](const char* name, Decimal onhand, Decimal locked, int precision) {
        return QJsonObject{{"asset", name},
                           {"amount_precision", precision},
                           {"onhand_amount", onhand.toString()},
                           {"locked_amount", locked.toString()},
                           {"free_amount", (onhand - locked).toString()},
                           {"stop_deposit", false},
                           {"stop_withdrawal", false},
                           {"withdrawal_fee", "550"}};
    };
    return QJsonObject{
        {"assets", QJsonArray{asset("jpy", m_jpy, lockedJpy, 4), asset("btc", m_btc, lockedBtc, 8)}}};
}

// ---- PubNub ----------------------------------------------------------------------------------------------

void BitbankVenue::push(const char* method, const QJsonValue& params)
{
    pushPayload(QJsonObject{{"message", QJsonObject{{"method", method}, {"params", params}}}});
}

void BitbankVenue::pushPayload(const QJsonValue& payload)
{
    // The envelope PubNub delivers (a: shard, c: channel, d: the publisher's payload, p: publish timetoken).
    const qint64 tt = ++m_timetoken;
    m_messages.append({tt, QJsonObject{{"a", "4"},
                                       {"f", 0},
                                       {"i", "bitbank"},
                                       {"p", QJsonObject{{"t", QString::number(tt)}, {"r", 12}}},
                                       {"k", BitbankTrading::PubNubSubscribeKey.latin1()},
                                       {"c", Channel},
                                       {"d", payload}}});
    flushPolls();
}

int BitbankVenue::heldPolls() const
{
    int n = 0;
    for (const Poll& p : m_held)
        n += p.socket ? 1 : 0;
    return n;
}

void BitbankVenue::dropPolls()
{
    m_dropping = true;
    const QList<Poll> held = std::exchange(m_held, {});
    for (const Poll& p : held) {
        if (p.socket)
            p.socket->abort();
    }
}

void BitbankVenue::answerNextPollWith(int status, const QByteArray& body,
                                      QList<QPair<QByteArray, QByteArray>> headers)
{
    m_nextPoll = LoopbackHttpServer::Response{status, body, std::move(headers)};
}

void BitbankVenue::onPubNubConnection()
{
    while (QTcpSocket* socket = m_pubnub.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onPubNubRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void BitbankVenue::onPubNubRead(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> first = buffer.left(buffer.indexOf("\r\n")).split(' ');
        buffer.remove(0, end + 4); // GETs only: no body
        servePoll(socket, first.value(1));
    }
}

void BitbankVenue::servePoll(QTcpSocket* socket, const QByteArray& target)
{
    ++m_polls;
    if (m_nextPoll) {
        const LoopbackHttpServer::Response r = *std::exchange(m_nextPoll, std::nullopt);
        reply(socket, r.status, r.body, r.headers);
        return;
    }
    const QUrl url = QUrl::fromEncoded(target);
    const QUrlQuery query(url);
    const QString path =
        QStringLiteral("/v2/subscribe/%1/%2/0").arg(BitbankTrading::PubNubSubscribeKey, Channel);
    if (url.path() != path || query.queryItemValue(QStringLiteral("uuid")) != QLatin1String(Channel)) {
        reply(socket, 400,
              R"({"message":"Invalid Subscribe Key","error":true,"service":"Access Manager","status":400})");
        return;
    }
    if (query.queryItemValue(QStringLiteral("auth")) != m_token || m_token.isEmpty()) {
        reply(socket, 403,
              R"({"message":"Token is expired.","error":true,"service":"Access Manager","status":403})");
        return;
    }
    if (m_dropping) {
        socket->abort(); // still cut off: only a new token's poll gets through
        return;
    }
    const QString tt = query.queryItemValue(QStringLiteral("tt"));
    if (tt.isEmpty()) {
        // A subscribe from now: the current timetoken, no messages.
        reply(socket, 200,
              compact(QJsonObject{{"t", QJsonObject{{"t", QString::number(m_timetoken)}, {"r", 12}}},
                                  {"m", QJsonArray()}}));
        return;
    }
    m_held.append({socket, tt.toLongLong()});
    flushPolls();
}

void BitbankVenue::flushPolls()
{
    QList<Poll> still;
    const QList<Poll> held = std::exchange(m_held, {});
    for (const Poll& p : held) {
        if (!p.socket)
            continue;
        QJsonArray messages;
        qint64 last = p.after;
        for (const auto& [tt, message] : std::as_const(m_messages)) {
            if (tt > p.after) {
                messages.append(message);
                last = tt;
            }
        }
        if (messages.isEmpty()) {
            still.append(p);
            continue;
        }
        reply(p.socket, 200,
              compact(
                  QJsonObject{{"t", QJsonObject{{"t", QString::number(last)}, {"r", 12}}}, {"m", messages}}));
    }
    m_held += still;
}

void BitbankVenue::reply(QTcpSocket* socket, int status, const QByteArray& body,
                         const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\n";
    out += "Content-Type: text/javascript; charset=\"UTF-8\"\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n" + body;
    socket->write(out);
}
