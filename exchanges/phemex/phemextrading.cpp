// Phemex trading REST and the private stream: the signed requests (order entry, amend, cancel, the reads
// a re-sync makes), what the venue refuses before sending, and the private stream's URL, auth and topics.
// How the replies and pushes read (orders, fills, positions, balances): phemextradingreplies.cpp.
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

#include <functional>

namespace {

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

// A value in Phemex's scaled-integer form at the spot scale, exactly; nullopt if it has more digits.
std::optional<qint64> spotScaled(Decimal value)
{
    return value.mantissaAtScale(PhemexTrading::SpotScale);
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
