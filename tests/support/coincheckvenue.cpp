#include "coincheckvenue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>

namespace {

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Decimal> decimalOf(const QJsonValue& v)
{
    return v.isString() ? Decimal::parse(v.toString()) : std::nullopt;
}

// Coincheck writes amounts as strings with a fraction ("15000000.0", "0.01").
QString text(Decimal d)
{
    const QString s = d.normalized().toString();
    return s.contains(QLatin1Char('.')) ? s : s + QStringLiteral(".0");
}

LoopbackHttpServer::Response refusal(const char* error)
{
    return {400, compact(QJsonObject{{"success", false}, {"error", error}}), {}};
}

} // namespace

CoincheckVenue::CoincheckVenue(const QString& key, const QByteArray& secret)
    : m_verifier(QStringLiteral("coincheck"), key, secret)
    , m_key(key)
    , m_secret(secret)
{
    m_verifier.setResponder([this](const LoopbackHttpServer::Request& r) { return answer(r); });
    m_private.answerPings = false;
    connect(&m_private, &LoopbackWsServer::messageReceived, this,
            [this](const QByteArray& m) { onPrivateMessage(m); });
    connect(&m_private, &LoopbackWsServer::clientConnected, this, [this] {
        // A new connection logs in and subscribes afresh.
        m_authed = false;
        m_channels.clear();
    });
    // Public, unauthenticated: the pairs the CLI reads its instruments from.
    m_verifier.server().json(
        QStringLiteral("/api/exchange_status"),
        R"({"exchange_status":[{"pair":"btc_jpy","status":"available","timestamp":1767225600,)"
        R"("availability":{"order":true,"market_order":true,"cancel":true}}]})");
}

Instrument CoincheckVenue::instrument()
{
    Instrument i;
    i.venue = QStringLiteral("coincheck");
    i.symbol = QString::fromLatin1(Pair);
    i.category = Category::Spot;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("JPY");
    i.tickSize = *Decimal::parse("1");
    i.lotSize = *Decimal::parse("0.00000001");
    i.minQuantity = *Decimal::parse("0.005");
    i.minNotional = *Decimal::parse("500");
    return i;
}

QString CoincheckVenue::now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

qint64 CoincheckVenue::lastNonce() const
{
    qint64 last = 0;
    for (const qint64 n : m_verifier.nonces())
        last = std::max(last, n);
    for (const qint64 n : m_loginNonces)
        last = std::max(last, n);
    return last;
}

// ---- REST ---------------------------------------------------------------------------------------------

std::optional<LoopbackHttpServer::Response> CoincheckVenue::answer(const LoopbackHttpServer::Request& request)
{
    // One counter per key for REST and the stream: a REST nonce at or below the last login's is refused
    // as the verifier refuses one below the last REST nonce.
    const qint64 nonce = request.headers.value("access-nonce").toLongLong();
    for (const qint64 login : std::as_const(m_loginNonces)) {
        if (nonce <= login)
            return LoopbackHttpServer::Response{
                401, compact(QJsonObject{{"success", false}, {"error", "Nonce must be incremented"}}), {}};
    }
    const QString path = request.url.path();
    if (request.method == "POST" && path == QLatin1String("/api/exchange/orders")) {
        // The order's parameters arrive form-encoded, as Coincheck takes them.
        QJsonObject params;
        const QUrlQuery form(QString::fromUtf8(request.body));
        for (const auto& [name, value] : form.queryItems(QUrl::FullyDecoded))
            params.insert(name, value);
        return placeOrder(params);
    }
    if (request.method == "DELETE" && path.startsWith(QLatin1String("/api/exchange/orders/"))) {
        const qint64 id = path.section(QLatin1Char('/'), -1).toLongLong();
        if (!m_open.contains(id))
            return refusal("The order doesn't exist.");
        const OpenOrder o = m_open.take(id);
        if (o.marketBuyAmount) {
            m_jpyReserved -= *o.marketBuyAmount;
            m_jpy += *o.marketBuyAmount;
            QJsonObject event = orderEvent(id, o.type, o.rate, o.amount, "CANCEL");
            event.insert(QStringLiteral("amount"), QJsonValue());
            event.insert(QStringLiteral("market_buy_amount"), text(*o.marketBuyAmount));
            push("order-events", event);
            return LoopbackHttpServer::Response{200, compact(QJsonObject{{"success", true}, {"id", id}}), {}};
        }
        if (o.type == QLatin1String("buy")) {
            m_jpyReserved -= o.rate * o.amount;
            m_jpy += o.rate * o.amount;
        } else {
            m_btcReserved -= o.amount;
            m_btc += o.amount;
        }
        push("order-events", orderEvent(id, o.type, o.rate, o.amount, "CANCEL"));
        return LoopbackHttpServer::Response{200, compact(QJsonObject{{"success", true}, {"id", id}}), {}};
    }
    if (request.method != "GET")
        return refusal("Not found");
    if (path == QLatin1String("/api/exchange/orders/opens")) {
        QJsonArray orders;
        for (const OpenOrder& o : std::as_const(m_open))
            orders.append(
                QJsonObject{{"id", o.id},
                            {"order_type", o.type},
                            // a number here, as Coincheck's docs show; a market buy has none
                            {"rate", o.marketBuyAmount ? QJsonValue() : QJsonValue(o.rate.toDouble())},
                            {"pair", Pair},
                            {"pending_amount", o.marketBuyAmount ? QJsonValue() : QJsonValue(text(o.amount))},
                            {"pending_market_buy_amount",
                             o.marketBuyAmount ? QJsonValue(text(*o.marketBuyAmount)) : QJsonValue()},
                            {"stop_loss_rate", QJsonValue()},
                            {"created_at", o.createdAt}});
        return LoopbackHttpServer::Response{
            200, compact(QJsonObject{{"success", true}, {"orders", orders}}), {}};
    }
    if (path == QLatin1String("/api/exchange/orders/transactions")) {
        QJsonArray list;
        for (auto it = m_transactions.crbegin(); it != m_transactions.crend(); ++it) // newest first
            list.append(*it);
        return LoopbackHttpServer::Response{
            200, compact(QJsonObject{{"success", true}, {"transactions", list}}), {}};
    }
    if (path == QLatin1String("/api/accounts/balance"))
        return LoopbackHttpServer::Response{200,
                                            compact(QJsonObject{{"success", true},
                                                                {"jpy", text(m_jpy)},
                                                                {"btc", text(m_btc)},
                                                                {"jpy_reserved", text(m_jpyReserved)},
                                                                {"btc_reserved", text(m_btcReserved)},
                                                                {"jpy_lend_in_use", "0"},
                                                                {"btc_lend_in_use", "0"},
                                                                {"jpy_lent", "0"},
                                                                {"btc_lent", "0"},
                                                                {"jpy_debt", "0"},
                                                                {"btc_debt", "0"}}),
                                            {}};
    return refusal("Not found");
}

LoopbackHttpServer::Response CoincheckVenue::placeOrder(const QJsonObject& body)
{
    if (body.value(QLatin1String("pair")).toString() != QLatin1String(Pair))
        return refusal("pair is invalid");
    const QString type = body.value(QLatin1String("order_type")).toString();
    if (type == QLatin1String("market_buy"))
        return marketBuy(body);
    if (body.contains(QLatin1String("market_buy_amount")))
        return refusal("market_buy_amount is only for market_buy");
    const auto amount = decimalOf(body.value(QLatin1String("amount")));
    if (!amount)
        return refusal("Amount is invalid");
    if (Decimal::compare(*amount, *Decimal::parse("0.005")) < 0)
        return refusal("Amount Amount must be greater than 0.005 BTC");
    const qint64 id = ++m_nextId;
    if (type == QLatin1String("market_sell")) {
        if (Decimal::compare(*amount, m_btc) > 0)
            return refusal("Insufficient funds");
        fill(id, type, Decimal(), *amount, m_price, false);
        return {200,
                compact(QJsonObject{{"success", true},
                                    {"id", id},
                                    {"rate", QJsonValue()},
                                    {"amount", text(*amount)},
                                    {"order_type", type},
                                    {"time_in_force", "good_til_cancelled"},
                                    {"stop_loss_rate", QJsonValue()},
                                    {"pair", Pair},
                                    {"created_at", now()}}),
                {}};
    }
    if (type != QLatin1String("buy") && type != QLatin1String("sell"))
        return refusal("order_type is invalid");
    const auto rate = decimalOf(body.value(QLatin1String("rate")));
    if (!rate || rate->isNegative() || rate->isZero())
        return refusal("Rate is invalid");
    const bool buy = type == QLatin1String("buy");
    if (buy ? Decimal::compare(*rate * *amount, m_jpy) > 0 : Decimal::compare(*amount, m_btc) > 0)
        return refusal("Insufficient funds");
    const bool crosses = buy ? Decimal::compare(*rate, m_price) >= 0 : Decimal::compare(*rate, m_price) <= 0;
    const bool postOnly = body.value(QLatin1String("time_in_force")).toString() == QLatin1String("post_only");
    if (crosses && postOnly)
        return refusal("Post only order would be executed as taker");
    const QJsonObject reply{{"success", true},
                            {"id", id},
                            {"rate", text(*rate)},
                            {"amount", text(*amount)},
                            {"order_type", type},
                            {"time_in_force", postOnly ? "post_only" : "good_til_cancelled"},
                            {"stop_loss_rate", QJsonValue()},
                            {"pair", Pair},
                            {"created_at", now()}};
    if (crosses) {
        fill(id, type, *rate, *amount, m_price, false);
    } else {
        if (buy) {
            m_jpy -= *rate * *amount;
            m_jpyReserved += *rate * *amount;
        } else {
            m_btc -= *amount;
            m_btcReserved += *amount;
        }
        m_open.insert(id, {id, type, *rate, *amount, now(), std::nullopt});
    }
    return {200, compact(reply), {}};
}

// market_buy: market_buy_amount JPY buys what it can at the venue's price (BTC to 1e-8, rounded down);
// an amount with it is refused, as is one below the 500 JPY minimum or beyond the JPY held.
LoopbackHttpServer::Response CoincheckVenue::marketBuy(const QJsonObject& body)
{
    if (body.contains(QLatin1String("amount")) || body.contains(QLatin1String("rate")))
        return refusal("market_buy takes market_buy_amount only");
    const auto jpy = decimalOf(body.value(QLatin1String("market_buy_amount")));
    if (!jpy || jpy->isNegative() || jpy->isZero())
        return refusal("Market buy amount is invalid");
    if (Decimal::compare(*jpy, *Decimal::parse("500")) < 0)
        return refusal("Market buy amount must be greater than 500 JPY");
    if (Decimal::compare(*jpy, m_jpy) > 0)
        return refusal("Insufficient funds");
    m_marketBuyAmounts.append(jpy->normalized().toString());
    const qint64 id = ++m_nextId;
    if (m_marketBuysRest) {
        m_jpy -= *jpy;
        m_jpyReserved += *jpy;
        m_open.insert(id, {id, QStringLiteral("market_buy"), Decimal(), Decimal(), now(), *jpy});
    } else {
        fill(id, QStringLiteral("market_buy"), Decimal(), btcFor(*jpy), m_price, false, *jpy);
    }
    return {200,
            compact(QJsonObject{{"success", true},
                                {"id", id},
                                {"rate", QJsonValue()},
                                {"amount", QJsonValue()},
                                {"order_type", "market_buy"},
                                {"time_in_force", "good_til_cancelled"},
                                {"stop_loss_rate", QJsonValue()},
                                {"pair", Pair},
                                {"created_at", now()},
                                {"market_buy_amount", text(*jpy)}}),
            {}};
}

Decimal CoincheckVenue::btcFor(Decimal jpy) const
{
    // floor(jpy / price) at 8 decimals, in integers.
    __int128 num = jpy.mantissa();
    __int128 den = m_price.mantissa();
    for (int e = 8 + m_price.scale() - jpy.scale(); e > 0; --e)
        num *= 10;
    for (int e = 8 + m_price.scale() - jpy.scale(); e < 0; ++e)
        den *= 10;
    return Decimal::fromMantissa(static_cast<std::int64_t>(num / den), 8);
}

void CoincheckVenue::fill(qint64 id, const QString& type, Decimal rate, Decimal amount, Decimal price,
                          bool resting, std::optional<Decimal> marketBuyAmount)
{
    const bool buy = type.endsWith(QLatin1String("buy"));
    const Decimal funds = price * amount;
    if (buy) {
        if (resting) {
            m_jpyReserved -= rate * amount;
            m_jpy += rate * amount;
        }
        m_jpy -= funds;
        m_btc += amount;
    } else {
        if (resting) {
            m_btcReserved -= amount;
            m_btc += amount;
        }
        m_btc -= amount;
        m_jpy += funds;
    }
    const qint64 executionId = ++m_nextId;
    const QString time = now();
    QJsonObject transaction{
        {"id", executionId},
        {"order_id", id},
        {"created_at", time},
        {"funds", QJsonObject{{"btc", text(buy ? amount : -amount)}, {"jpy", text(buy ? -funds : funds)}}},
        {"pair", Pair},
        {"rate", text(price)},
        {"fee_currency", QJsonValue()},
        {"fee", "0.0"},
        {"liquidity", resting ? "M" : "T"},
        {"side", buy ? "buy" : "sell"}};
    m_transactions.append(transaction);
    transaction.remove(QStringLiteral("created_at"));
    transaction.insert(QStringLiteral("event_time"), time);
    push("execution-events", transaction);
    QJsonObject event = orderEvent(id, type, rate, amount, "FILL");
    if (marketBuyAmount) {
        // A market buy's event carries the JPY, not a BTC amount (Coincheck's order-events fields).
        event.insert(QStringLiteral("amount"), QJsonValue());
        event.insert(QStringLiteral("market_buy_amount"), text(*marketBuyAmount));
        event.insert(QStringLiteral("latest_executed_market_buy_amount"), text(funds));
    }
    push("order-events", event);
}

void CoincheckVenue::fillRestingOrder(const QString& id)
{
    const qint64 n = id.toLongLong();
    if (!m_open.contains(n))
        qFatal("no resting order %s", qPrintable(id));
    const OpenOrder o = m_open.take(n);
    if (o.marketBuyAmount) {
        m_jpyReserved -= *o.marketBuyAmount;
        m_jpy += *o.marketBuyAmount;
        fill(n, o.type, Decimal(), btcFor(*o.marketBuyAmount), m_price, false, o.marketBuyAmount);
        return;
    }
    fill(n, o.type, o.rate, o.amount, o.rate, true);
}

// ---- private stream -----------------------------------------------------------------------------------

QJsonObject CoincheckVenue::orderEvent(qint64 id, const QString& type, Decimal rate, Decimal amount,
                                       const char* event)
{
    return {
        {"id", id},
        {"pair", Pair},
        {"order_event", event},
        {"order_type", type},
        {"rate", rate.isZero() ? QJsonValue() : QJsonValue(text(rate))},
        {"stop_loss_rate", QJsonValue()},
        {"maker_fee_rate", "0.0"},
        {"taker_fee_rate", "0.0"},
        {"amount", text(amount)},
        {"market_buy_amount", QJsonValue()},
        {"latest_executed_amount", QByteArrayView(event) == "FILL" ? QJsonValue(text(amount)) : QJsonValue()},
        {"latest_executed_market_buy_amount", QJsonValue()},
        {"expired_type", QJsonValue()},
        {"prc_id", QJsonValue()},
        {"expired_amount", QJsonValue()},
        {"expired_market_buy_amount", QJsonValue()},
        {"time_in_force", "good_til_cancelled"},
        {"event_time", now()}};
}

void CoincheckVenue::push(const char* channel, QJsonObject event)
{
    if (!m_authed || !m_channels.contains(QLatin1String(channel)))
        return;
    event.insert(QStringLiteral("channel"), QLatin1String(channel));
    m_private.send(compact(event));
}

void CoincheckVenue::onPrivateMessage(const QByteArray& message)
{
    const QJsonObject o = QJsonDocument::fromJson(message).object();
    const QString type = o.value(QLatin1String("type")).toString();
    if (type == QLatin1String("login")) {
        const QString nonce = o.value(QLatin1String("access_nonce")).toString();
        const QByteArray expected =
            QMessageAuthenticationCode::hash(nonce.toLatin1() + "wss://stream.coincheck.com/private",
                                             m_secret, QCryptographicHash::Sha256)
                .toHex();
        const qint64 n = nonce.toLongLong();
        const auto refuse = [this](const char* error) {
            ++m_refusedLogins;
            m_private.send(compact(QJsonObject{{"type", "login"}, {"success", false}, {"error", error}}));
        };
        if (o.value(QLatin1String("access_key")).toString() != m_key ||
            o.value(QLatin1String("access_signature")).toString().toLatin1() != expected)
            return refuse("invalid authentication");
        if (n <= lastNonce())
            return refuse("Nonce must be incremented");
        m_loginNonces.append(n);
        m_authed = true;
        ++m_logins;
        m_private.send(compact(QJsonObject{{"type", "login"}, {"success", true}}));
        return;
    }
    if (type == QLatin1String("subscribe")) {
        if (!m_authed)
            return m_private.send(
                compact(QJsonObject{{"type", "subscribe"}, {"success", false}, {"error", "login required"}}));
        for (const QJsonValue& c : o.value(QLatin1String("channels")).toArray()) {
            if (!m_channels.contains(c.toString()))
                m_channels.append(c.toString());
        }
        m_private.send(compact(QJsonObject{{"type", "subscribe"}, {"success", true}}));
        return;
    }
    if (type == QLatin1String("unsubscribe")) {
        for (const QJsonValue& c : o.value(QLatin1String("channels")).toArray())
            m_channels.removeAll(c.toString());
    }
}
