// BinanceTrading: the requests it builds (paths, parameters on the instrument's grid, no double on the
// way) and its reading of Binance's documented replies and pushes (tests/fixtures/binance/trading/,
// copied from the examples of the spot rest-api.md / user-data-stream.md / web-socket-api.md and the
// USDⓈ-M trade, account and user-data-streams pages).

#include "exchanges/binance/binancetrading.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

namespace {

QByteArray fixture(const char* name)
{
    QFile f(QStringLiteral(BOTTERM_FIXTURES "/binance/trading/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

QJsonDocument doc(const char* name)
{
    return QJsonDocument::fromJson(fixture(name));
}

Decimal d(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

Instrument instrument(Category category)
{
    Instrument i;
    i.venue = QStringLiteral("binance");
    i.symbol = QStringLiteral("BTCUSDT");
    i.category = category;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("USDT");
    i.tickSize = category == Category::Spot ? d("0.01") : d("0.10");
    i.lotSize = category == Category::Spot ? d("0.00001") : d("0.001");
    i.minQuantity = i.lotSize;
    return i;
}

BinanceTrading adapter()
{
    return BinanceTrading(BinanceTrading::endpoints(Environment::Mainnet));
}

using Pairs = QList<QPair<QString, QString>>;

} // namespace

class TestBinanceTrading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spotLimitOrderIsOnTheGrid();
    void spotPostOnlyIsLimitMakerWithoutTimeInForce();
    void spotStopOrdersPickTheTypeByDirection();
    void futuresOrdersGoToFapiWithGtxAndReduceOnly();
    void futuresConditionalOrdersGoToTheAlgoService();
    void algoOrdersAreCancelledAndLookedUpOnTheAlgoService();
    void spotAmendsKeepPriorityWhenOnlyShrinking();
    void spotPriceAmendIsCancelReplace();
    void futuresAmendRestatesSideQuantityAndPrice();
    void cancelsAndListsUseTheProductsPaths();
    void balancesFollowTheAccountsProducts();
    void clientOrderIdsAreUniqueAndWithinBinancesAlphabet();
    void duplicateAndAuthenticationErrorsAreRecognised();

    void parsesSpotOrderReplies();
    void parsesFuturesOrderReplies();
    void parsesAcksOfCancelAmendAndCancelReplace();
    void parsesFillsPositionsAndBalances();
    void parsesAlgoOrderReplies();
    void hedgeModeIsLearntAndOrdersNameTheirLeg();
    void readOrdersNameTheLegTheyOpenOrClose();
    void lostConditionalCreateIsLookedUpByClientAlgoId();

    void privateStreamsFollowTheCategories();
    void subscribeMessageIsSignedOverSortedParameters();
    void readsWebSocketApiReplies();
    void readsExecutionReports();
    void readsAccountPositionAndIgnoresDeltas();
    void readsFuturesOrderAndAccountUpdates();
    void readsAlgoUpdates();
    void expiryEventsAskForAReconnect();
    void malformedFramesAreReportedNotCrashed();
};

void TestBinanceTrading::spotLimitOrderIsOnTheGrid()
{
    const BinanceTrading a = adapter();
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.category = Category::Spot;
    r.side = Side::Buy;
    r.quantity = d("0.001");
    r.price = d("50000");
    r.clientOrderId = QStringLiteral("bt-1");
    const SignedRequest s = a.createOrderRequest(r, instrument(Category::Spot));
    QCOMPARE(s.method, QByteArray("POST"));
    QCOMPARE(s.url.toString(), QStringLiteral("https://api.binance.com/api/v3/order"));
    QCOMPARE(s.venue, QStringLiteral("binance"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"},
                             {"side", "BUY"},
                             {"type", "LIMIT"},
                             {"timeInForce", "GTC"},
                             {"quantity", "0.00100"},
                             {"price", "50000.00"},
                             {"newClientOrderId", "bt-1"},
                             {"newOrderRespType", "RESULT"}}));

    r.type = OrderType::Market;
    r.price.reset();
    r.side = Side::Sell;
    QCOMPARE(a.createOrderRequest(r, instrument(Category::Spot)).query,
             (Pairs{{"symbol", "BTCUSDT"},
                    {"side", "SELL"},
                    {"type", "MARKET"},
                    {"quantity", "0.00100"},
                    {"newClientOrderId", "bt-1"},
                    {"newOrderRespType", "RESULT"}}));

    r.type = OrderType::Limit;
    r.price = d("49999.99");
    r.timeInForce = TimeInForce::ImmediateOrCancel;
    QVERIFY(a.createOrderRequest(r, instrument(Category::Spot)).query.contains({"timeInForce", "IOC"}));
    r.timeInForce = TimeInForce::FillOrKill;
    QVERIFY(a.createOrderRequest(r, instrument(Category::Spot)).query.contains({"timeInForce", "FOK"}));
}

void TestBinanceTrading::spotPostOnlyIsLimitMakerWithoutTimeInForce()
{
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.category = Category::Spot;
    r.quantity = d("0.5");
    r.price = d("49000.5");
    r.timeInForce = TimeInForce::PostOnly;
    r.clientOrderId = QStringLiteral("c");
    const Pairs q = adapter().createOrderRequest(r, instrument(Category::Spot)).query;
    QVERIFY(q.contains({"type", "LIMIT_MAKER"}));
    QVERIFY(q.contains({"price", "49000.50"}));
    QVERIFY(q.contains({"quantity", "0.50000"}));
    for (const auto& p : q)
        QVERIFY2(p.first != QLatin1String("timeInForce"), "LIMIT_MAKER takes no timeInForce");
}

void TestBinanceTrading::spotStopOrdersPickTheTypeByDirection()
{
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.category = Category::Spot;
    r.quantity = d("0.01");
    r.price = d("51000");
    r.triggerPrice = d("50500");
    r.clientOrderId = QStringLiteral("c");
    r.side = Side::Buy;
    r.triggerDirection = TriggerDirection::RisesTo;
    Pairs q = adapter().createOrderRequest(r, instrument(Category::Spot)).query;
    QVERIFY(q.contains({"type", "STOP_LOSS_LIMIT"}));
    QVERIFY(q.contains({"stopPrice", "50500.00"}));
    r.side = Side::Sell;
    q = adapter().createOrderRequest(r, instrument(Category::Spot)).query;
    QVERIFY(q.contains({"type", "TAKE_PROFIT_LIMIT"}));
    r.type = OrderType::Market;
    r.price.reset();
    r.triggerDirection = TriggerDirection::FallsTo;
    q = adapter().createOrderRequest(r, instrument(Category::Spot)).query;
    QVERIFY(q.contains({"type", "STOP_LOSS"}));
}

void TestBinanceTrading::futuresOrdersGoToFapiWithGtxAndReduceOnly()
{
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.category = Category::Linear;
    r.side = Side::Sell;
    r.quantity = d("0.01");
    r.price = d("60000.1");
    r.timeInForce = TimeInForce::PostOnly;
    r.reduceOnly = true;
    r.clientOrderId = QStringLiteral("bt-f");
    const SignedRequest s = adapter().createOrderRequest(r, instrument(Category::Linear));
    QCOMPARE(s.url.toString(), QStringLiteral("https://fapi.binance.com/fapi/v1/order"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"},
                             {"side", "SELL"},
                             {"type", "LIMIT"},
                             {"timeInForce", "GTX"},
                             {"quantity", "0.010"},
                             {"price", "60000.10"},
                             {"reduceOnly", "true"},
                             {"newClientOrderId", "bt-f"},
                             {"newOrderRespType", "RESULT"}}));
}

void TestBinanceTrading::futuresConditionalOrdersGoToTheAlgoService()
{
    // Since 2025-12-09 /fapi/v1/order refuses conditional types (-4120): they go to POST
    // /fapi/v1/algoOrder with algoType CONDITIONAL, triggerPrice and our id as clientAlgoId.
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.category = Category::Linear;
    r.side = Side::Sell;
    r.type = OrderType::Market;
    r.quantity = d("0.01");
    r.triggerPrice = d("55000");
    r.triggerDirection = TriggerDirection::FallsTo;
    r.reduceOnly = true;
    r.clientOrderId = QStringLiteral("c");
    SignedRequest s = adapter().createOrderRequest(r, instrument(Category::Linear));
    QCOMPARE(s.method, QByteArray("POST"));
    QCOMPARE(s.url.toString(), QStringLiteral("https://fapi.binance.com/fapi/v1/algoOrder"));
    QCOMPARE(s.query, (Pairs{{"algoType", "CONDITIONAL"},
                             {"symbol", "BTCUSDT"},
                             {"side", "SELL"},
                             {"type", "STOP_MARKET"},
                             {"quantity", "0.010"},
                             {"triggerPrice", "55000.00"},
                             {"reduceOnly", "true"},
                             {"clientAlgoId", "c"}}));

    // A limit take-profit: TAKE_PROFIT with price and timeInForce.
    r.side = Side::Buy;
    r.type = OrderType::Limit;
    r.price = d("54000");
    r.reduceOnly = false;
    r.triggerDirection = TriggerDirection::FallsTo;
    s = adapter().createOrderRequest(r, instrument(Category::Linear));
    QVERIFY(s.query.contains({"type", "TAKE_PROFIT"}));
    QVERIFY(s.query.contains({"timeInForce", "GTC"}));
    QVERIFY(s.query.contains({"price", "54000.00"}));
    QVERIFY(!s.query.contains({"stopPrice", "55000.00"}));
}

void TestBinanceTrading::algoOrdersAreCancelledAndLookedUpOnTheAlgoService()
{
    const BinanceTrading a = adapter();
    const OrderReference algo{QStringLiteral("BTCUSDT"), Category::Linear, QStringLiteral("algo-2146760"),
                              QStringLiteral("c")};
    QVERIFY(BinanceTrading::isAlgoOrderId(algo.orderId));
    SignedRequest s = a.cancelOrderRequest(algo);
    QCOMPARE(s.method, QByteArray("DELETE"));
    QCOMPARE(s.url.toString(), QStringLiteral("https://fapi.binance.com/fapi/v1/algoOrder"));
    QCOMPARE(s.query, (Pairs{{"algoId", "2146760"}}));
    s = a.openOrdersRequest(Category::Linear, QStringLiteral("BTCUSDT"), &algo);
    QCOMPARE(s.method, QByteArray("GET"));
    QCOMPARE(s.url.path(), QStringLiteral("/fapi/v1/algoOrder"));
    QCOMPARE(s.query, (Pairs{{"algoId", "2146760"}}));
    QCOMPARE(a.orderHistoryRequest(Category::Linear, QStringLiteral("BTCUSDT"), &algo).url.path(),
             QStringLiteral("/fapi/v1/algoOrder"));

    // Plain orders stay on /fapi/v1/order.
    const OrderReference plain{QStringLiteral("BTCUSDT"), Category::Linear, QStringLiteral("42"), {}};
    QCOMPARE(a.cancelOrderRequest(plain).url.path(), QStringLiteral("/fapi/v1/order"));

    s = a.openAlgoOrdersRequest({});
    QCOMPARE(s.url.path(), QStringLiteral("/fapi/v1/openAlgoOrders"));
    QVERIFY(s.query.isEmpty());
    s = a.cancelAllAlgoOrdersRequest(QStringLiteral("BTCUSDT"));
    QCOMPARE(s.method, QByteArray("DELETE"));
    QCOMPARE(s.url.path(), QStringLiteral("/fapi/v1/algoOpenOrders"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"}}));
    QCOMPARE(a.positionModeRequest().url.path(), QStringLiteral("/fapi/v1/positionSide/dual"));
}

void TestBinanceTrading::spotAmendsKeepPriorityWhenOnlyShrinking()
{
    Order current;
    current.orderId = QStringLiteral("33");
    current.clientOrderId = QStringLiteral("bt-keep");
    current.symbol = QStringLiteral("BTCUSDT");
    current.category = Category::Spot;
    current.price = d("50000");
    current.quantity = d("0.01");
    OrderAmendment a;
    a.order = {QStringLiteral("BTCUSDT"), Category::Spot, QStringLiteral("33"), QStringLiteral("bt-keep")};
    a.quantity = d("0.005");
    a.current = current;
    const SignedRequest s = adapter().amendOrderRequest(a, instrument(Category::Spot));
    QCOMPARE(s.method, QByteArray("PUT"));
    QCOMPARE(s.url.path(), QStringLiteral("/api/v3/order/amend/keepPriority"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"},
                             {"orderId", "33"},
                             {"newQty", "0.00500"},
                             {"newClientOrderId", "bt-keep"}}));
}

void TestBinanceTrading::spotPriceAmendIsCancelReplace()
{
    Order current;
    current.orderId = QStringLiteral("33");
    current.clientOrderId = QStringLiteral("bt-keep");
    current.symbol = QStringLiteral("BTCUSDT");
    current.category = Category::Spot;
    current.side = Side::Sell;
    current.price = d("50000");
    current.quantity = d("0.01");
    OrderAmendment a;
    a.order = {QStringLiteral("BTCUSDT"), Category::Spot, QStringLiteral("33"), {}};
    a.price = d("50100");
    a.current = current;
    const SignedRequest s = adapter().amendOrderRequest(a, instrument(Category::Spot));
    QCOMPARE(s.method, QByteArray("POST"));
    QCOMPARE(s.url.path(), QStringLiteral("/api/v3/order/cancelReplace"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"},
                             {"side", "SELL"},
                             {"type", "LIMIT"},
                             {"timeInForce", "GTC"},
                             {"cancelReplaceMode", "STOP_ON_FAILURE"},
                             {"cancelOrderId", "33"},
                             {"quantity", "0.01000"},
                             {"price", "50100.00"}}));
}

void TestBinanceTrading::futuresAmendRestatesSideQuantityAndPrice()
{
    Order current;
    current.orderId = QStringLiteral("8886774");
    current.symbol = QStringLiteral("BTCUSDT");
    current.side = Side::Sell;
    current.price = d("60000");
    current.quantity = d("0.02");
    OrderAmendment a;
    a.order = {QStringLiteral("BTCUSDT"), Category::Linear, {}, QStringLiteral("bt-f")};
    a.price = d("60010.3");
    a.current = current;
    const SignedRequest s = adapter().amendOrderRequest(a, instrument(Category::Linear));
    QCOMPARE(s.method, QByteArray("PUT"));
    QCOMPARE(s.url.toString(), QStringLiteral("https://fapi.binance.com/fapi/v1/order"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"},
                             {"origClientOrderId", "bt-f"},
                             {"side", "SELL"},
                             {"quantity", "0.020"},
                             {"price", "60010.30"}}));
}

void TestBinanceTrading::cancelsAndListsUseTheProductsPaths()
{
    const BinanceTrading a = adapter();
    const OrderReference spot{QStringLiteral("BTCUSDT"), Category::Spot, {}, QStringLiteral("bt-1")};
    SignedRequest s = a.cancelOrderRequest(spot);
    QCOMPARE(s.method, QByteArray("DELETE"));
    QCOMPARE(s.url.toString(), QStringLiteral("https://api.binance.com/api/v3/order"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"}, {"origClientOrderId", "bt-1"}}));
    const OrderReference fut{QStringLiteral("BTCUSDT"), Category::Linear, QStringLiteral("42"), {}};
    s = a.cancelOrderRequest(fut);
    QCOMPARE(s.url.toString(), QStringLiteral("https://fapi.binance.com/fapi/v1/order"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"}, {"orderId", "42"}}));

    QCOMPARE(a.cancelAllRequest(Category::Spot, QStringLiteral("BTCUSDT")).url.path(),
             QStringLiteral("/api/v3/openOrders"));
    QCOMPARE(a.cancelAllRequest(Category::Spot, QStringLiteral("BTCUSDT")).method, QByteArray("DELETE"));
    QCOMPARE(a.cancelAllRequest(Category::Linear, QStringLiteral("BTCUSDT")).url.path(),
             QStringLiteral("/fapi/v1/allOpenOrders"));
    QCOMPARE(a.openOrdersRequest(Category::Spot, {}).url.path(), QStringLiteral("/api/v3/openOrders"));
    QVERIFY(a.openOrdersRequest(Category::Spot, {}).query.isEmpty());
    QCOMPARE(a.openOrdersRequest(Category::Linear, QStringLiteral("BTCUSDT")).url.path(),
             QStringLiteral("/fapi/v1/openOrders"));
    s = a.orderHistoryRequest(Category::Linear, QStringLiteral("BTCUSDT"), &fut);
    QCOMPARE(s.url.path(), QStringLiteral("/fapi/v1/allOrders"));
    QCOMPARE(s.query, (Pairs{{"symbol", "BTCUSDT"}, {"orderId", "42"}}));
    QCOMPARE(a.executionsRequest(Category::Spot, QStringLiteral("BTCUSDT")).url.path(),
             QStringLiteral("/api/v3/myTrades"));
    QCOMPARE(a.executionsRequest(Category::Linear, QStringLiteral("BTCUSDT")).url.path(),
             QStringLiteral("/fapi/v1/userTrades"));
    QVERIFY(!a.listsExecutionsForAllSymbols());
    QCOMPARE(a.positionsRequest(Category::Linear, {}).url.toString(),
             QStringLiteral("https://fapi.binance.com/fapi/v3/positionRisk"));
}

void TestBinanceTrading::balancesFollowTheAccountsProducts()
{
    const BinanceTrading a = adapter();
    QCOMPARE(a.balancesRequestFor({Category::Spot, Category::Linear}).url.path(),
             QStringLiteral("/api/v3/account"));
    QCOMPARE(a.balancesRequestFor({Category::Spot}).query, (Pairs{{"omitZeroBalances", "true"}}));
    QCOMPARE(a.balancesRequestFor({Category::Linear}).url.toString(),
             QStringLiteral("https://fapi.binance.com/fapi/v3/balance"));
}

void TestBinanceTrading::clientOrderIdsAreUniqueAndWithinBinancesAlphabet()
{
    BinanceTrading a = adapter();
    const QRegularExpression alphabet(QStringLiteral("^[\\.A-Z\\:/a-z0-9_-]{1,36}$"));
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString id = a.newClientOrderId();
        QVERIFY2(alphabet.match(id).hasMatch(), qPrintable(id));
        QVERIFY(!seen.contains(id));
        seen.insert(id);
    }
}

void TestBinanceTrading::duplicateAndAuthenticationErrorsAreRecognised()
{
    const BinanceTrading a = adapter();
    RestError e;
    e.kind = RestError::Kind::Venue;
    e.venueCode = QStringLiteral("-2010");
    e.message = QStringLiteral("Duplicate order sent.");
    QVERIFY(a.isDuplicateClientOrderId(e));
    e.message = QStringLiteral("Account has insufficient balance for requested action.");
    QVERIFY(!a.isDuplicateClientOrderId(e));
    e.venueCode = QStringLiteral("-4116");
    e.message = QStringLiteral("ClientOrderId is duplicated.");
    QVERIFY(a.isDuplicateClientOrderId(e));
    e.venueCode = QStringLiteral("-1022");
    QVERIFY(a.isAuthenticationError(e));
    e.venueCode = QStringLiteral("-2015");
    QVERIFY(a.isAuthenticationError(e));
    e.venueCode = QStringLiteral("-1021"); // a clock problem, not a key problem
    QVERIFY(!a.isAuthenticationError(e));
    e.kind = RestError::Kind::Http;
    e.venueCode = QStringLiteral("-1022");
    QVERIFY(!a.isAuthenticationError(e));
}

void TestBinanceTrading::parsesSpotOrderReplies()
{
    const BinanceTrading a = adapter();
    auto orders = a.parseOrders(doc("spot_open_orders.json"));
    QVERIFY(orders);
    QCOMPARE(orders->size(), std::size_t(1));
    const Order& o = orders->front();
    QCOMPARE(o.orderId, QStringLiteral("1"));
    QCOMPARE(o.clientOrderId, QStringLiteral("myOrder1"));
    QCOMPARE(o.symbol, QStringLiteral("LTCBTC"));
    QCOMPARE(o.category, Category::Spot);
    QCOMPARE(o.side, Side::Buy);
    QCOMPARE(o.type, OrderType::Limit);
    QCOMPARE(o.status, OrderStatus::New);
    QVERIFY(o.price->isIdenticalTo(d("0.1")));
    QVERIFY(o.quantity.isIdenticalTo(d("1.0")));
    QVERIFY(!o.triggerPrice);
    QCOMPARE(o.createdMs, std::int64_t(1499827319559));

    orders = a.parseOrders(doc("spot_order_result.json")); // one object
    QVERIFY(orders);
    QCOMPARE(orders->front().status, OrderStatus::Filled);
    QCOMPARE(orders->front().type, OrderType::Market);
    QVERIFY(!orders->front().price);
    QCOMPARE(orders->front().updatedMs, std::int64_t(1507725176595));
}

void TestBinanceTrading::parsesFuturesOrderReplies()
{
    const BinanceTrading a = adapter();
    auto orders = a.parseOrders(doc("futures_open_orders.json"));
    QVERIFY(orders);
    const Order& o = orders->front();
    QCOMPARE(o.category, Category::Linear);
    QCOMPARE(o.orderId, QStringLiteral("1917641"));
    QCOMPARE(o.timeInForce, TimeInForce::PostOnly);
    QVERIFY(o.reduceOnly);
    QCOMPARE(o.side, Side::Sell);
    QVERIFY(o.price->isIdenticalTo(d("60000.10")));
    QVERIFY(!o.averageFillPrice); // "0.00000"
    orders = a.parseOrders(doc("futures_order.json"));
    QVERIFY(orders);
    QCOMPARE(orders->front().type, OrderType::Market); // TRAILING_STOP_MARKET
    QVERIFY(orders->front().triggerPrice->isIdenticalTo(d("9300")));
    const auto ack = a.parseOrderAck(doc("futures_order.json"));
    QVERIFY(ack);
    QCOMPARE(ack->orderId, QStringLiteral("22542179"));
    QCOMPARE(ack->clientOrderId, QStringLiteral("testOrder"));
}

void TestBinanceTrading::parsesAcksOfCancelAmendAndCancelReplace()
{
    const BinanceTrading a = adapter();
    auto ack = a.parseOrderAck(doc("spot_cancel.json"));
    QVERIFY(ack);
    QCOMPARE(ack->orderId, QStringLiteral("4"));
    QCOMPARE(ack->clientOrderId, QStringLiteral("myOrder1")); // the order's, not the cancel's
    ack = a.parseOrderAck(doc("spot_keep_priority.json"));
    QVERIFY(ack);
    QCOMPARE(ack->orderId, QStringLiteral("33"));
    ack = a.parseOrderAck(doc("spot_cancel_replace.json"));
    QVERIFY(ack);
    QCOMPARE(ack->orderId, QStringLiteral("10"));
    QCOMPARE(ack->clientOrderId, QStringLiteral("wOceeeOzNORyLiQfw7jd8S"));
    QVERIFY(!a.parseOrderAck(QJsonDocument::fromJson("{}")));
}

void TestBinanceTrading::parsesFillsPositionsAndBalances()
{
    const BinanceTrading a = adapter();
    auto fills = a.parseFills(doc("spot_my_trades.json"));
    QVERIFY(fills);
    QCOMPARE(fills->front().executionId, QStringLiteral("28457"));
    QCOMPARE(fills->front().side, Side::Buy);
    QCOMPARE(fills->front().category, Category::Spot);
    QVERIFY(fills->front().fee.isIdenticalTo(d("10.10000000")));
    QCOMPARE(fills->front().feeCurrency, QStringLiteral("BNB"));
    fills = a.parseFills(doc("futures_user_trades.json"));
    QVERIFY(fills);
    QCOMPARE(fills->front().side, Side::Sell);
    QCOMPARE(fills->front().category, Category::Linear);
    QVERIFY(fills->front().fee.isIdenticalTo(d("-0.07819010")));

    auto positions = a.parsePositions(doc("futures_position_risk.json"));
    QVERIFY(positions);
    QCOMPARE(positions->size(), std::size_t(2));
    QCOMPARE(positions->at(0).side, std::optional<Side>(Side::Buy));
    QVERIFY(positions->at(0).size.isIdenticalTo(d("30")));
    QVERIFY(!positions->at(0).liquidationPrice);
    QCOMPARE(positions->at(1).side, std::optional<Side>(Side::Sell));
    QVERIFY(positions->at(1).size.isIdenticalTo(d("0.010")));
    QVERIFY(positions->at(1).entryPrice->isIdenticalTo(d("60000.0")));
    QVERIFY(positions->at(1).liquidationPrice->isIdenticalTo(d("70000.12")));

    auto balances = a.parseBalances(doc("spot_account.json"));
    QVERIFY(balances);
    QCOMPARE(balances->size(), std::size_t(2));
    QCOMPARE(balances->at(0).coin, QStringLiteral("BTC"));
    QVERIFY(balances->at(0).walletBalance == d("4723846.89208129"));
    balances = a.parseBalances(doc("futures_balance.json"));
    QVERIFY(balances);
    QVERIFY(balances->front().walletBalance.isIdenticalTo(d("122607.35137903")));
    QVERIFY(balances->front().available->isIdenticalTo(d("23.72469206")));
    QVERIFY(!a.parseBalances(QJsonDocument::fromJson(R"({"code":0})")));
}

void TestBinanceTrading::parsesAlgoOrderReplies()
{
    const BinanceTrading a = adapter();
    auto ack = a.parseOrderAck(doc("futures_algo_order.json"));
    QVERIFY(ack);
    QCOMPARE(ack.value().orderId, QStringLiteral("algo-2146760"));
    QCOMPARE(ack.value().clientOrderId, QStringLiteral("6B2I9XVcJpCjqPAJ4YoFX7"));
    ack = a.parseOrderAck(doc("futures_cancel_algo_order.json"));
    QVERIFY(ack);
    QCOMPARE(ack.value().orderId, QStringLiteral("algo-2146760"));

    auto orders = a.parseOrders(doc("futures_algo_order.json"));
    QVERIFY(orders);
    const Order& o = orders.value().front();
    QCOMPARE(o.orderId, QStringLiteral("algo-2146760"));
    QCOMPARE(o.symbol, QStringLiteral("BNBUSDT"));
    QCOMPARE(o.category, Category::Linear);
    QCOMPARE(o.side, Side::Sell);
    QCOMPARE(o.status, OrderStatus::Untriggered);
    QCOMPARE(o.type, OrderType::Limit); // USDⓈ-M TAKE_PROFIT: a limit order once triggered
    QVERIFY(o.price->isIdenticalTo(d("750.000")));
    QVERIFY(o.triggerPrice->isIdenticalTo(d("750.000")));
    QVERIFY(o.quantity.isIdenticalTo(d("0.01")));
    QCOMPARE(o.createdMs, std::int64_t(1750485492076));

    orders = a.parseOrders(doc("futures_open_algo_orders.json"));
    QVERIFY(orders);
    QCOMPARE(orders.value().size(), std::size_t(1));
    QCOMPARE(orders.value().front().orderId, QStringLiteral("algo-2148627"));
    QCOMPARE(orders.value().front().clientOrderId, QStringLiteral("MRumok0dkhrP4kCm12AHaB"));
    QVERIFY(!a.parseOrders(QJsonDocument::fromJson(R"([{"algoId":5,"symbol":"BTCUSDT"}])")));
}

void TestBinanceTrading::readOrdersNameTheLegTheyOpenOrClose()
{
    // positionSide (REST) and ps (streams): LONG / SHORT are hedge mode's legs, BOTH one-way (Net);
    // spot orders have none. Plain and conditional (Algo Service) orders alike.
    const BinanceTrading a = adapter();
    auto orders = a.parseOrders(doc("futures_order.json")); // a BUY on SHORT: closes the short leg
    QVERIFY(orders);
    QCOMPARE(orders->front().positionSide, PositionSide::Short);
    QCOMPARE(orders->front().side, Side::Buy);
    orders = a.parseOrders(doc("futures_open_orders.json"));
    QVERIFY(orders);
    QCOMPARE(orders->front().positionSide, PositionSide::Net);
    orders = a.parseOrders(doc("spot_open_orders.json"));
    QVERIFY(orders);
    QCOMPARE(orders->front().positionSide, PositionSide::Net);

    orders = a.parseOrders(doc("futures_algo_order.json"));
    QVERIFY(orders);
    QCOMPARE(orders->front().positionSide, PositionSide::Net);
    QJsonObject algo = doc("futures_algo_order.json").object();
    algo.insert(QStringLiteral("positionSide"), QStringLiteral("LONG"));
    orders = a.parseOrders(QJsonDocument(QJsonArray{algo}));
    QVERIFY(orders);
    QCOMPARE(orders->front().orderId, QStringLiteral("algo-2146760"));
    QCOMPARE(orders->front().positionSide, PositionSide::Long); // a SELL on LONG: closes the long leg

    PrivateStreamFrame f =
        BinanceTrading::parseFuturesFrame(fixture("futures_order_trade_update.json"), false);
    QCOMPARE(f.orders.front().positionSide, PositionSide::Long);
    f = BinanceTrading::parseFuturesFrame(fixture("futures_order_trade_update_trade.json"), false);
    QCOMPARE(f.orders.front().positionSide, PositionSide::Net);
    f = BinanceTrading::parseFuturesFrame(fixture("futures_algo_update_canceled.json"), false);
    QCOMPARE(f.orders.front().positionSide, PositionSide::Net);
    QByteArray hedged = fixture("futures_algo_update_canceled.json");
    hedged.replace(R"("ps": "BOTH")", R"("ps": "SHORT")");
    f = BinanceTrading::parseFuturesFrame(hedged, false);
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
    QCOMPARE(f.orders.front().positionSide, PositionSide::Short);
    f = BinanceTrading::parseSpotFrame(fixture("ws_execution_report_new.json"));
    QCOMPARE(f.orders.front().positionSide, PositionSide::Net);
}

void TestBinanceTrading::hedgeModeIsLearntAndOrdersNameTheirLeg()
{
    OrderRequest buy;
    buy.symbol = QStringLiteral("BTCUSDT");
    buy.category = Category::Linear;
    buy.quantity = d("0.01");
    buy.price = d("50000");
    buy.clientOrderId = QStringLiteral("bt-h");
    const auto queryOf = [](const SignedRequest& r) {
        QHash<QString, QString> out;
        for (const auto& [k, v] : r.query)
            out.insert(k, v);
        return out;
    };

    BinanceTrading a = adapter();
    QVERIFY(!a.hedgesPositions()); // unknown: one-way orders
    QVERIFY(!queryOf(a.createOrderRequest(buy, instrument(Category::Linear))).contains("positionSide"));
    // The mode is read with every snapshot (and before a CLI order): the account-setup requests.
    const QList<SignedRequest> setup = a.accountSetupRequests({Category::Spot, Category::Linear});
    QCOMPARE(setup.size(), 1);
    QCOMPARE(setup.first().url.path(), QStringLiteral("/fapi/v1/positionSide/dual"));
    QVERIFY(a.accountSetupRequests({Category::Spot}).isEmpty());
    QVERIFY(a.parseAccountSetup(doc("futures_position_mode_hedge.json")));
    QVERIFY(a.isHedgeMode() && a.hedgesPositions());
    QVERIFY(!a.parseAccountSetup(QJsonDocument::fromJson(R"({"dualSidePosition":"yes"})")));

    // Hedge mode: every order names its leg and none carries reduceOnly (Binance refuses it, -1106).
    auto q = queryOf(a.createOrderRequest(buy, instrument(Category::Linear)));
    QCOMPARE(q.value("positionSide"), QStringLiteral("LONG")); // a buy opens the long leg
    OrderRequest sell = buy;
    sell.side = Side::Sell;
    QCOMPARE(queryOf(a.createOrderRequest(sell, instrument(Category::Linear))).value("positionSide"),
             QStringLiteral("SHORT"));
    OrderRequest closeShort = buy; // a reduce-only buy closes the short leg
    closeShort.reduceOnly = true;
    q = queryOf(a.createOrderRequest(closeShort, instrument(Category::Linear)));
    QCOMPARE(q.value("positionSide"), QStringLiteral("SHORT"));
    QVERIFY(!q.contains("reduceOnly"));
    OrderRequest closeLong = sell; // the desk's close: the position's leg named
    closeLong.reduceOnly = true;
    closeLong.type = OrderType::Market;
    closeLong.price.reset();
    closeLong.positionSide = PositionSide::Long;
    q = queryOf(a.createOrderRequest(closeLong, instrument(Category::Linear)));
    QCOMPARE(q.value("positionSide"), QStringLiteral("LONG"));
    QCOMPARE(q.value("side"), QStringLiteral("SELL"));
    QVERIFY(!q.contains("reduceOnly"));
    OrderRequest stop = closeLong; // conditional orders too
    stop.triggerPrice = d("45000");
    const SignedRequest algo = a.createOrderRequest(stop, instrument(Category::Linear));
    QCOMPARE(algo.url.path(), QStringLiteral("/fapi/v1/algoOrder"));
    QCOMPARE(queryOf(algo).value("positionSide"), QStringLiteral("LONG"));
    QVERIFY(!queryOf(algo).contains("reduceOnly"));
    QVERIFY(a.notOffered(closeLong).isEmpty());

    // Back in one-way mode: reduceOnly again, no leg.
    QVERIFY(a.parsePositionMode(QJsonDocument::fromJson(R"({"dualSidePosition":false})")));
    QVERIFY(!a.hedgesPositions());
    q = queryOf(a.createOrderRequest(closeShort, instrument(Category::Linear)));
    QVERIFY(!q.contains("positionSide"));
    QCOMPARE(q.value("reduceOnly"), QStringLiteral("true"));
    QVERIFY(!a.parsePositionMode(QJsonDocument::fromJson(R"({"x":1})")));

    // positionRisk rows are legs in hedge mode (LONG / SHORT), the position in one-way mode (BOTH).
    BinanceTrading b = adapter();
    const auto legs = b.parsePositions(doc("futures_position_risk_hedge.json"));
    QVERIFY(legs);
    QCOMPARE(legs.value().size(), std::size_t(2));
    QCOMPARE(legs.value()[0].positionSide, PositionSide::Long);
    QCOMPARE(legs.value()[0].side, std::optional<Side>(Side::Buy));
    QVERIFY(legs.value()[0].size == d("0.01"));
    QCOMPARE(legs.value()[1].positionSide, PositionSide::Short);
    QCOMPARE(legs.value()[1].side, std::optional<Side>(Side::Sell));
    QVERIFY(legs.value()[1].size == d("0.02"));
    QVERIFY(legs.value()[1].entryPrice == d("61000"));
    QVERIFY(b.hedgesPositions());
    const auto unsigned_ = b.parsePositions(
        QJsonDocument::fromJson(R"([{"symbol":"BTCUSDT","positionSide":"SHORT","positionAmt":"0.020"}])"));
    QVERIFY(unsigned_ && unsigned_.value().front().side == Side::Sell); // a SHORT leg is short either way
    const auto net = b.parsePositions(doc("futures_position_risk.json"));
    QVERIFY(net && net.value().front().positionSide == PositionSide::Net);
    QVERIFY(!b.hedgesPositions());

    // Pushes: an order or position naming its leg shows the mode; ACCOUNT_UPDATE positions are legs.
    BinanceTrading c = adapter();
    c.parseStreamFrameFor(
        QStringLiteral("linear"),
        R"({"e":"ORDER_TRADE_UPDATE","T":1,"o":{"s":"BTCUSDT","c":"x","S":"BUY","o":"LIMIT",)"
        R"("q":"1","p":"1","z":"0","X":"NEW","x":"NEW","i":7,"ps":"LONG"}})");
    QVERIFY(c.hedgesPositions());
    const PrivateStreamFrame update = c.parseStreamFrameFor(
        QStringLiteral("linear"),
        R"({"e":"ACCOUNT_UPDATE","E":1,"T":1,"a":{"m":"ORDER","B":[],"P":[)"
        R"({"s":"BTCUSDT","pa":"0","ep":"0.0","cr":"0","up":"0","mt":"cross","iw":"0","ps":"LONG"},)"
        R"({"s":"BTCUSDT","pa":"-0.020","ep":"61000.0","cr":"0","up":"0","mt":"cross","iw":"0","ps":"SHORT"}]}})");
    QCOMPARE(update.kind, PrivateStreamFrame::Kind::Data);
    QCOMPARE(update.positions.size(), std::size_t(2));
    QCOMPARE(update.positions[0].positionSide, PositionSide::Long);
    QVERIFY(!update.positions[0].side); // that leg is flat
    QCOMPARE(update.positions[1].positionSide, PositionSide::Short);
    QVERIFY(update.positions[1].size == d("0.02"));
    c.parseStreamFrameFor(
        QStringLiteral("linear"),
        R"({"e":"ORDER_TRADE_UPDATE","T":2,"o":{"s":"BTCUSDT","c":"y","S":"BUY","o":"LIMIT",)"
        R"("q":"1","p":"1","z":"0","X":"NEW","x":"NEW","i":8,"ps":"BOTH"}})"); // one-way again
    QVERIFY(!c.hedgesPositions());
}

void TestBinanceTrading::lostConditionalCreateIsLookedUpByClientAlgoId()
{
    // A conditional order whose create reply was lost is known by our id only: its lookup goes to the
    // Algo Service by clientAlgoId (Query Algo Order), where a plain order's goes to openOrders/allOrders.
    const BinanceTrading a = adapter();
    OrderRequest stop;
    stop.symbol = QStringLiteral("BTCUSDT");
    stop.category = Category::Linear;
    stop.side = Side::Sell;
    stop.type = OrderType::Market;
    stop.quantity = d("0.01");
    stop.triggerPrice = d("45000");
    stop.clientOrderId = QStringLiteral("bt-lost-stop");
    const OrderReference lost{QStringLiteral("BTCUSDT"), Category::Linear, {}, stop.clientOrderId};
    QCOMPARE(a.openOrdersRequest(Category::Linear, lost.symbol, &lost).url.path(),
             QStringLiteral("/fapi/v1/openOrders")); // not built yet: nothing says it is conditional
    a.createOrderRequest(stop, instrument(Category::Linear));
    QVERIFY(a.isAlgoClientOrderId(stop.clientOrderId));
    SignedRequest s = a.openOrdersRequest(Category::Linear, lost.symbol, &lost);
    QCOMPARE(s.method, QByteArray("GET"));
    QCOMPARE(s.url.path(), QStringLiteral("/fapi/v1/algoOrder"));
    QCOMPARE(s.query, (Pairs{{"clientAlgoId", "bt-lost-stop"}}));
    QCOMPARE(a.orderHistoryRequest(Category::Linear, lost.symbol, &lost).url.path(),
             QStringLiteral("/fapi/v1/algoOrder"));
    s = a.cancelOrderRequest(lost);
    QCOMPARE(s.method, QByteArray("DELETE"));
    QCOMPARE(s.url.path(), QStringLiteral("/fapi/v1/algoOrder"));
    QCOMPARE(s.query, (Pairs{{"clientAlgoId", "bt-lost-stop"}}));
    // A plain order's client id stays with the plain orders.
    OrderRequest plain = stop;
    plain.triggerPrice.reset();
    plain.clientOrderId = QStringLiteral("bt-plain");
    a.createOrderRequest(plain, instrument(Category::Linear));
    const OrderReference plainRef{QStringLiteral("BTCUSDT"), Category::Linear, {}, plain.clientOrderId};
    QCOMPARE(a.openOrdersRequest(Category::Linear, plainRef.symbol, &plainRef).url.path(),
             QStringLiteral("/fapi/v1/openOrders"));
}

void TestBinanceTrading::privateStreamsFollowTheCategories()
{
    BinanceTrading a = adapter();
    a.setKeepAliveInterval(std::chrono::minutes(20));
    QList<PrivateStreamSpec> both = a.privateStreams({Category::Spot, Category::Linear}, {});
    QCOMPARE(both.size(), 2);
    QCOMPARE(both[0].name, QStringLiteral("spot"));
    QCOMPARE(both[0].url.toString(), QStringLiteral("wss://ws-api.binance.com:443/ws-api/v3"));
    QVERIFY(both[0].tokenRequest); // a signed account read: the clock and the key, before connecting
    QCOMPARE(both[0].tokenRequest->url.path(), QStringLiteral("/api/v3/account"));
    QCOMPARE(both[0].keepAliveInterval.count(), 0);
    QCOMPARE(both[1].name, QStringLiteral("linear"));
    QVERIFY(both[1].tokenRequest);
    QCOMPARE(both[1].tokenRequest->method, QByteArray("POST"));
    QCOMPARE(both[1].tokenRequest->url.toString(),
             QStringLiteral("https://fapi.binance.com/fapi/v1/listenKey"));
    QCOMPARE(both[1].keepAliveInterval, std::chrono::milliseconds(std::chrono::minutes(20)));
    QCOMPARE(a.streamUrl(both[1], QStringLiteral("abc")).toString(),
             QStringLiteral("wss://fstream.binance.com/private/ws?listenKey=abc&events=ORDER_TRADE_UPDATE/"
                            "ACCOUNT_UPDATE/ALGO_UPDATE/listenKeyExpired"));
    QCOMPARE(a.keepAliveRequest(QStringLiteral("linear"), QStringLiteral("abc")).method, QByteArray("PUT"));
    const QList<PrivateStreamSpec> futuresOnly = a.privateStreams({Category::Linear}, {});
    QCOMPARE(futuresOnly.size(), 1);
    QCOMPARE(futuresOnly[0].name, QStringLiteral("linear-wallet"));
    const auto token = a.parseStreamToken(QStringLiteral("linear"), doc("futures_listen_key.json"));
    QVERIFY(token);
    QCOMPARE(*token, QStringLiteral("pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1"));
}

void TestBinanceTrading::subscribeMessageIsSignedOverSortedParameters()
{
    // Binance's documentation key and secret; the signature over "apiKey=…&timestamp=1649729878532"
    // computed independently with python3 hmac.new(secret, payload, sha256).hexdigest().
    const Credentials c(QStringLiteral("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"),
                        "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
    const QByteArray message = BinanceTrading::subscribeMessage(c, 1649729878532);
    const QJsonObject o = QJsonDocument::fromJson(message).object();
    QCOMPARE(o.value("method").toString(), QStringLiteral("userDataStream.subscribe.signature"));
    const QJsonObject params = o.value("params").toObject();
    QCOMPARE(params.value("apiKey").toString(), c.key);
    QCOMPARE(params.value("timestamp").toInteger(), 1649729878532);
    QCOMPARE(params.value("signature").toString(),
             QStringLiteral("1cf54395b336b0a9727ef27d5d98987962bc47aca6e13fe978612d0adee066ed"));
    QCOMPARE(adapter().streamAuthMessageFor(QStringLiteral("linear"), c, 1, {}), QByteArray());
}

void TestBinanceTrading::readsWebSocketApiReplies()
{
    PrivateStreamFrame f = BinanceTrading::parseSpotFrame(fixture("ws_subscribe_ok.json"));
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::AuthAccepted);
    f = BinanceTrading::parseSpotFrame(fixture("ws_subscribe_bad_signature.json"));
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::AuthRejected);
    QCOMPARE(f.error, QStringLiteral("Signature for this request is not valid."));
    // A stale timestamp is not a bad key: tried again on a new connection.
    f = BinanceTrading::parseSpotFrame(fixture("ws_subscribe_stale.json"));
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Expired);
    QCOMPARE(f.error, QStringLiteral("Timestamp for this request is outside of the recvWindow."));
}

void TestBinanceTrading::readsExecutionReports()
{
    PrivateStreamFrame f = BinanceTrading::parseSpotFrame(fixture("ws_execution_report_new.json"));
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
    QCOMPARE(f.orders.size(), std::size_t(1));
    QVERIFY(f.fills.empty());
    Order o = f.orders.front();
    QCOMPARE(o.orderId, QStringLiteral("4293153"));
    QCOMPARE(o.clientOrderId, QStringLiteral("mUvoqJxFIILMdfAW5iGSOW"));
    QCOMPARE(o.status, OrderStatus::New);
    QVERIFY(o.price->isIdenticalTo(d("0.10264410")));
    QCOMPARE(o.updatedMs, std::int64_t(1499405658657));

    f = BinanceTrading::parseSpotFrame(fixture("ws_execution_report_trade.json"));
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
    QCOMPARE(f.orders.front().status, OrderStatus::PartiallyFilled);
    QCOMPARE(f.fills.size(), std::size_t(1));
    const Fill& fill = f.fills.front();
    QCOMPARE(fill.executionId, QStringLiteral("12345"));
    QVERIFY(fill.price.isIdenticalTo(d("0.10264410")));
    QVERIFY(fill.quantity.isIdenticalTo(d("0.40000000")));
    QVERIFY(fill.fee.isIdenticalTo(d("0.00004106")));
    QCOMPARE(fill.feeCurrency, QStringLiteral("BTC"));
    QVERIFY(fill.isMaker);

    // A cancel: c is the cancel request's id, C the order's own.
    f = BinanceTrading::parseSpotFrame(fixture("ws_execution_report_canceled.json"));
    QCOMPARE(f.orders.front().status, OrderStatus::Cancelled);
    QCOMPARE(f.orders.front().clientOrderId, QStringLiteral("mUvoqJxFIILMdfAW5iGSOW"));
}

void TestBinanceTrading::readsAccountPositionAndIgnoresDeltas()
{
    PrivateStreamFrame f = BinanceTrading::parseSpotFrame(fixture("ws_outbound_account_position.json"));
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
    QCOMPARE(f.balances.size(), std::size_t(1));
    QCOMPARE(f.balances.front().coin, QStringLiteral("ETH"));
    QVERIFY(f.balances.front().walletBalance == d("10000"));
    QVERIFY(*f.balances.front().available == d("10000"));
    f = BinanceTrading::parseSpotFrame(fixture("ws_balance_update.json"));
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Ignored);
}

void TestBinanceTrading::readsFuturesOrderAndAccountUpdates()
{
    PrivateStreamFrame f =
        BinanceTrading::parseFuturesFrame(fixture("futures_order_trade_update.json"), false);
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
    QCOMPARE(f.orders.front().orderId, QStringLiteral("8886774"));
    QCOMPARE(f.orders.front().clientOrderId, QStringLiteral("TEST"));
    QCOMPARE(f.orders.front().category, Category::Linear);
    QVERIFY(f.orders.front().triggerPrice->isIdenticalTo(d("7103.04")));
    QVERIFY(f.fills.empty());

    f = BinanceTrading::parseFuturesFrame(fixture("futures_order_trade_update_trade.json"), false);
    QCOMPARE(f.orders.front().status, OrderStatus::PartiallyFilled);
    QCOMPARE(f.orders.front().timeInForce, TimeInForce::PostOnly);
    QVERIFY(f.orders.front().reduceOnly);
    QVERIFY(f.orders.front().averageFillPrice->isIdenticalTo(d("60000.10")));
    QCOMPARE(f.fills.size(), std::size_t(1));
    QCOMPARE(f.fills.front().executionId, QStringLiteral("778899"));
    QVERIFY(f.fills.front().quantity.isIdenticalTo(d("0.004")));
    QVERIFY(f.fills.front().fee.isIdenticalTo(d("0.09600016")));

    // Every row: the BOTH position (one-way) and the LONG / SHORT legs (hedge mode); balances only when
    // the stream carries the shown wallet.
    f = BinanceTrading::parseFuturesFrame(fixture("futures_account_update.json"), false);
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
    QCOMPARE(f.positions.size(), std::size_t(3));
    QCOMPARE(f.positions[0].positionSide, PositionSide::Net);
    QVERIFY(!f.positions.front().side);
    QCOMPARE(f.positions[1].positionSide, PositionSide::Long);
    QVERIFY(f.positions[1].size.isIdenticalTo(d("20")));
    QCOMPARE(f.positions[2].positionSide, PositionSide::Short);
    QCOMPARE(f.positions[2].side, std::optional<Side>(Side::Sell));
    QVERIFY(f.positions.front().realisedPnl->isIdenticalTo(d("200")));
    QCOMPARE(f.positions.front().updatedMs, std::int64_t(1564745798938));
    QVERIFY(f.balances.empty());
    f = BinanceTrading::parseFuturesFrame(fixture("futures_account_update.json"), true);
    QCOMPARE(f.balances.size(), std::size_t(2));
    QVERIFY(f.balances.front().walletBalance.isIdenticalTo(d("122624.12345678")));
}

void TestBinanceTrading::readsAlgoUpdates()
{
    PrivateStreamFrame f =
        BinanceTrading::parseFuturesFrame(fixture("futures_algo_update_canceled.json"), false);
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
    QCOMPARE(f.topic, QStringLiteral("ALGO_UPDATE"));
    QCOMPARE(f.orders.size(), std::size_t(1));
    QCOMPARE(f.orders.front().orderId, QStringLiteral("algo-2148719"));
    QCOMPARE(f.orders.front().clientOrderId, QStringLiteral("Q5xaq5EGKgXXa0fD7fs0Ip"));
    QCOMPARE(f.orders.front().status, OrderStatus::Deactivated);
    QVERIFY(f.orders.front().triggerPrice->isIdenticalTo(d("750")));
    QCOMPARE(f.orders.front().updatedMs, std::int64_t(1750515742303));
    QVERIFY(f.fills.empty());

    // Triggered and done in the matching engine: filled at the engine's average price.
    f = BinanceTrading::parseFuturesFrame(fixture("futures_algo_update_finished.json"), false);
    const Order& o = f.orders.front();
    QCOMPARE(o.orderId, QStringLiteral("algo-2148720"));
    QCOMPARE(o.status, OrderStatus::Filled);
    QCOMPARE(o.type, OrderType::Market);
    QVERIFY(o.reduceOnly);
    QVERIFY(o.filledQuantity.isIdenticalTo(d("0.010")));
    QVERIFY(o.averageFillPrice->isIdenticalTo(d("54990.10")));
    QVERIFY(!o.price);

    f = BinanceTrading::parseFuturesFrame(R"({"e":"ALGO_UPDATE","E":1,"o":{"aid":1,"s":"BTCUSDT"}})", false);
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Malformed);
    QVERIFY(!f.error.isEmpty());
    f = BinanceTrading::parseFuturesFrame(
        R"({"e":"ALGO_UPDATE","E":1,"o":{"aid":1,"s":"BTCUSDT","q":"1","X":"TRIGGERED","o":"STOP"}})", false);
    QCOMPARE(f.orders.front().status, OrderStatus::Triggered);
}

void TestBinanceTrading::expiryEventsAskForAReconnect()
{
    // serverShutdown: the server goes down soon; connect again at once.
    QCOMPARE(BinanceTrading::parseFuturesFrame(fixture("futures_server_shutdown.json"), false).kind,
             PrivateStreamFrame::Kind::Expired);
    QCOMPARE(BinanceTrading::parseSpotFrame(fixture("ws_server_shutdown.json")).kind,
             PrivateStreamFrame::Kind::Expired);
    QCOMPARE(BinanceTrading::parseFuturesFrame(fixture("futures_listen_key_expired.json"), false).kind,
             PrivateStreamFrame::Kind::Expired);
    QCOMPARE(BinanceTrading::parseSpotFrame(fixture("ws_event_stream_terminated.json")).kind,
             PrivateStreamFrame::Kind::Expired);
}

void TestBinanceTrading::malformedFramesAreReportedNotCrashed()
{
    for (const QByteArray& bad : {QByteArray("not json"), QByteArray("[1,2]"), QByteArray("")}) {
        QCOMPARE(BinanceTrading::parseSpotFrame(bad).kind, PrivateStreamFrame::Kind::Malformed);
        QCOMPARE(BinanceTrading::parseFuturesFrame(bad, true).kind, PrivateStreamFrame::Kind::Malformed);
    }
    PrivateStreamFrame f = BinanceTrading::parseSpotFrame(
        R"({"subscriptionId":0,"event":{"e":"executionReport","i":1,"s":"BTCUSDT"}})");
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Malformed);
    QVERIFY(!f.error.isEmpty());
    f = BinanceTrading::parseFuturesFrame(R"({"e":"ORDER_TRADE_UPDATE","o":{"i":1e300}})", false);
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Malformed);
    f = BinanceTrading::parseFuturesFrame(R"({"e":"ACCOUNT_UPDATE","a":{"P":[{"s":"X","pa":"abc"}]}})",
                                          false);
    QCOMPARE(f.kind, PrivateStreamFrame::Kind::Malformed);
    QCOMPARE(BinanceTrading::parseFuturesFrame(R"({"e":"MARGIN_CALL"})", false).kind,
             PrivateStreamFrame::Kind::Ignored);
    QVERIFY(!adapter().parseOrders(QJsonDocument::fromJson(R"([{"orderId":1}])")));
}

QTEST_GUILESS_MAIN(TestBinanceTrading)
#include "tst_binancetrading.moc"
