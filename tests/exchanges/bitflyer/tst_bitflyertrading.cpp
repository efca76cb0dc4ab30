#include "exchanges/bitflyer/bitflyertrading.h"
#include "exchanges/venues.h"
#include "support/recordingsink.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

namespace {

QJsonDocument json(const char* name)
{
    return QJsonDocument::fromJson(fixture(QStringLiteral("bitflyer/") + QLatin1String(name)));
}

QByteArray raw(const char* name)
{
    return fixture(QStringLiteral("bitflyer/") + QLatin1String(name));
}

Instrument btcJpy(const char* symbol = "BTC_JPY", Category category = Category::Spot)
{
    Instrument i;
    i.venue = QStringLiteral("bitflyer");
    i.symbol = QString::fromLatin1(symbol);
    i.category = category;
    i.tickSize = dec("1");
    i.lotSize = dec("0.00000001");
    i.minQuantity = dec("0.001");
    return i;
}

} // namespace

class TestBitflyerTrading : public QObject
{
    Q_OBJECT

    BitflyerTrading m_bf{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};

private Q_SLOTS:
    void buildsLimitChildOrderWithExactNumbers()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTC_JPY");
        o.category = Category::Spot;
        o.side = Side::Buy;
        o.quantity = dec("0.001");
        o.price = dec("15000000");
        o.clientOrderId = m_bf.newClientOrderId();
        const SignedRequest r = m_bf.createOrderRequest(o, btcJpy());
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url.toString(), QStringLiteral("http://127.0.0.1:8080/base/v1/me/sendchildorder"));
        QCOMPARE(r.venue, QStringLiteral("bitflyer"));
        QCOMPARE(r.contentType, QByteArray("application/json"));
        // The exact bytes: JSON numbers on the yen tick and the satoshi step; no client order id.
        QCOMPARE(r.body, QByteArray(R"({"product_code":"BTC_JPY","child_order_type":"LIMIT","side":"BUY",)"
                                    R"("price":15000000,"size":0.00100000,"minute_to_expire":43200,)"
                                    R"("time_in_force":"GTC"})"));
        QVERIFY(!r.body.contains(o.clientOrderId.toUtf8()));
        QVERIFY(!BitflyerTrading::isUnsupported(r));
    }

    void buildsMarketAndImmediateOrders()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("FX_BTC_JPY");
        o.category = Category::Linear;
        o.side = Side::Sell;
        o.type = OrderType::Market;
        o.quantity = dec("0.01234567");
        o.price = dec("1"); // ignored for a market order
        const QJsonObject m =
            QJsonDocument::fromJson(m_bf.createOrderRequest(o, btcJpy("FX_BTC_JPY", Category::Linear)).body)
                .object();
        QCOMPARE(m.value(QLatin1String("child_order_type")).toString(), QStringLiteral("MARKET"));
        QCOMPARE(m.value(QLatin1String("side")).toString(), QStringLiteral("SELL"));
        QVERIFY(!m.contains(QLatin1String("price")));
        QCOMPARE(m.value(QLatin1String("product_code")).toString(), QStringLiteral("FX_BTC_JPY"));
        o.type = OrderType::Limit;
        o.price = dec("1000000.0");
        o.timeInForce = TimeInForce::ImmediateOrCancel;
        const QByteArray ioc = m_bf.createOrderRequest(o, btcJpy("FX_BTC_JPY", Category::Linear)).body;
        QVERIFY(ioc.contains(R"("price":1000000,)"));
        QVERIFY(ioc.contains(R"("size":0.01234567,)"));
        QVERIFY(ioc.contains(R"("time_in_force":"IOC")"));
        o.timeInForce = TimeInForce::FillOrKill;
        QVERIFY(m_bf.createOrderRequest(o, btcJpy()).body.contains(R"("time_in_force":"FOK")"));
    }

    void refusesWhatBitflyerDoesNotOffer()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTC_JPY");
        o.category = Category::Spot;
        o.quantity = dec("0.01");
        o.price = dec("100");
        o.timeInForce = TimeInForce::PostOnly;
        QVERIFY(BitflyerTrading::isUnsupported(m_bf.createOrderRequest(o, btcJpy())));
        QVERIFY(m_bf.notOffered(o).contains(QLatin1String("post-only")));
        OrderAmendment a;
        a.order = {QStringLiteral("BTC_JPY"), Category::Spot, QStringLiteral("JRF1"), {}};
        a.price = dec("101");
        const SignedRequest amend = m_bf.amendOrderRequest(a, btcJpy());
        QVERIFY(BitflyerTrading::isUnsupported(amend));
        // Not an http(s) URL: the signing client refuses it, nothing is sent, and the reason reads in it.
        QVERIFY(amend.url.scheme() != QLatin1String("http") && amend.url.scheme() != QLatin1String("https"));
        QVERIFY(amend.url.toString().contains(QLatin1String("cannot amend")));
    }

    void buildsCancelsAndQueries()
    {
        const OrderReference ref{QStringLiteral("BTC_JPY"), Category::Spot,
                                 QStringLiteral("JRF20150707-050237-639234"), QStringLiteral("bf1")};
        const SignedRequest cancel = m_bf.cancelOrderRequest(ref);
        QCOMPARE(cancel.url.path(), QStringLiteral("/base/v1/me/cancelchildorder"));
        QCOMPARE(
            cancel.body,
            QByteArray(
                R"({"product_code":"BTC_JPY","child_order_acceptance_id":"JRF20150707-050237-639234"})"));
        const OrderReference byId{
            QStringLiteral("BTC_JPY"), Category::Spot, QStringLiteral("JOR20150707-084555-022523"), {}};
        QCOMPARE(m_bf.cancelOrderRequest(byId).body,
                 QByteArray(R"({"product_code":"BTC_JPY","child_order_id":"JOR20150707-084555-022523"})"));
        const SignedRequest all = m_bf.cancelAllRequest(Category::Linear, {});
        QCOMPARE(all.url.path(), QStringLiteral("/base/v1/me/cancelallchildorders"));
        QCOMPARE(all.body, QByteArray(R"({"product_code":"FX_BTC_JPY"})"));

        const SignedRequest open = m_bf.openOrdersRequest(Category::Spot, QStringLiteral("ETH_JPY"));
        QCOMPARE(open.method, QByteArray("GET"));
        QCOMPARE(open.url.path(), QStringLiteral("/base/v1/me/getchildorders"));
        QCOMPARE(open.query, (QList<QPair<QString, QString>>{
                                 {QStringLiteral("product_code"), QStringLiteral("ETH_JPY")},
                                 {QStringLiteral("child_order_state"), QStringLiteral("ACTIVE")}}));
        const SignedRequest one = m_bf.openOrdersRequest(Category::Spot, {}, &ref);
        QCOMPARE(one.query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("product_code"), QStringLiteral("BTC_JPY")},
                                                 {QStringLiteral("child_order_acceptance_id"),
                                                  QStringLiteral("JRF20150707-050237-639234")}}));
        // A lost reply leaves only our id, which bitFlyer never saw: the open orders are all there is.
        const OrderReference lost{QStringLiteral("BTC_JPY"), Category::Spot, {}, QStringLiteral("bf1")};
        QCOMPARE(m_bf.openOrdersRequest(Category::Spot, {}, &lost).query.last().first,
                 QStringLiteral("child_order_state"));
        QCOMPARE(m_bf.executionsRequest(Category::Spot, {}).url.path(),
                 QStringLiteral("/base/v1/me/getexecutions"));
        const SignedRequest positions = m_bf.positionsRequest(Category::Linear, {});
        QCOMPARE(positions.url.path(), QStringLiteral("/base/v1/me/getpositions"));
        QCOMPARE(positions.query.first().second, QStringLiteral("FX_BTC_JPY"));
        QCOMPARE(m_bf.balancesRequest().url.path(), QStringLiteral("/base/v1/me/getbalance"));
        QCOMPARE(m_bf.collateralRequest().url.path(), QStringLiteral("/base/v1/me/getcollateral"));
        QVERIFY(!m_bf.isDuplicateClientOrderId(RestError{}));
    }

    void registeredForMainnetOnly()
    {
        QVERIFY(tradingVenues().contains(QStringLiteral("bitflyer")));
        QVERIFY(marketDataVenues().contains(QStringLiteral("bitflyer")));
        const auto live = createVenueTrading(QStringLiteral("bitflyer"), Environment::Mainnet);
        QVERIFY(live);
        QCOMPARE(live->restUrl, QUrl(QStringLiteral("https://api.bitflyer.com")));
        QCOMPARE(live->privateStreamUrl, QUrl(QStringLiteral("wss://ws.lightstream.bitflyer.com/json-rpc")));
        QCOMPARE(live->adapter->balancesRequest().url.toString(),
                 QStringLiteral("https://api.bitflyer.com/v1/me/getbalance"));
        // No testnet or demo: such an account cannot trade at all (never on mainnet by mistake).
        QVERIFY(!createVenueTrading(QStringLiteral("bitflyer"), Environment::Testnet));
        QVERIFY(!createVenueTrading(QStringLiteral("bitflyer"), Environment::Demo));
    }

    void localClientOrderIdsAreUnique()
    {
        QSet<QString> ids;
        for (int i = 0; i < 1000; ++i)
            ids.insert(m_bf.newClientOrderId());
        QCOMPARE(ids.size(), 1000);
    }

    void readsAcksAndErrors()
    {
        const auto ack = m_bf.parseOrderAck(json("rest-order-ack.json"));
        QVERIFY(ack);
        QCOMPARE(ack->orderId, QStringLiteral("JRF20150707-050237-639234"));
        QVERIFY(ack->clientOrderId.isEmpty());
        // A cancel's empty HTTP 200 reply is a success.
        QVERIFY(m_bf.parseOrderAck(QJsonDocument()));
        const auto rejected = m_bf.parseOrderAck(json("rest-order-rejected.json"));
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().message,
                 QStringLiteral("-205 Margin amount is insufficient for this order."));
        QVERIFY(!m_bf.parseOrderAck(QJsonDocument::fromJson(R"({"foo":1})")));
    }

    void readsChildOrders()
    {
        const auto orders = m_bf.parseOrders(json("rest-childorders.json"));
        QVERIFY(orders);
        QCOMPARE(orders->size(), std::size_t(3));
        const Order& filled = orders->at(0);
        QCOMPARE(filled.orderId, QStringLiteral("JRF20150707-084552-031927"));
        QCOMPARE(filled.status, OrderStatus::Filled);
        QCOMPARE(filled.quantity, dec("0.1"));
        QCOMPARE(filled.price, dec("30000"));
        QCOMPARE(filled.category, Category::Spot);
        QCOMPARE(filled.createdMs, 1436258753000);
        QCOMPARE(orders->at(1).status, OrderStatus::Cancelled);
        QCOMPARE(orders->at(1).side, Side::Sell);
        QVERIFY(!orders->at(1).averageFillPrice);
        const Order& active = orders->at(2);
        QCOMPARE(active.category, Category::Linear);
        QCOMPARE(active.status, OrderStatus::PartiallyFilled);
        QCOMPARE(active.filledQuantity, dec("0.1"));
        QCOMPARE(active.averageFillPrice, dec("36650"));
        QCOMPARE(active.timeInForce, TimeInForce::ImmediateOrCancel);
        QVERIFY(!m_bf.parseOrders(json("rest-order-ack.json")));
    }

    void readsExecutionsPositionsBalances()
    {
        // getexecutions names no product: each reply is the product of the request built in that order.
        BitflyerTrading bf{QUrl(QStringLiteral("http://127.0.0.1:1"))};
        bf.executionsRequest(Category::Spot, {});
        bf.executionsRequest(Category::Linear, {});
        const auto fills = bf.parseFills(json("rest-executions.json"));
        const auto fxFills = bf.parseFills(json("rest-executions.json"));
        QVERIFY(fxFills);
        QCOMPARE(fxFills->at(0).symbol, QStringLiteral("FX_BTC_JPY"));
        QCOMPARE(fxFills->at(0).category, Category::Linear);
        QCOMPARE(fxFills->at(0).feeCurrency, QStringLiteral("JPY"));
        QVERIFY(fills);
        QCOMPARE(fills->size(), std::size_t(2));
        QCOMPARE(fills->at(0).executionId, QStringLiteral("37233"));
        QCOMPARE(fills->at(0).orderId, QStringLiteral("JRF20150707-060559-396699"));
        QCOMPARE(fills->at(0).symbol, QStringLiteral("BTC_JPY"));
        QCOMPARE(fills->at(0).price, dec("33470"));
        QCOMPARE(fills->at(0).quantity, dec("0.01"));
        QCOMPARE(fills->at(0).fee, dec("0.00001"));
        QCOMPARE(fills->at(0).feeCurrency, QStringLiteral("BTC"));
        QCOMPARE(fills->at(0).timeMs, 1436263060397);

        const auto positions = m_bf.parsePositions(json("rest-positions.json"));
        QVERIFY(positions);
        QCOMPARE(positions->size(), std::size_t(1)); // two lots, one net position
        const Position& p = positions->at(0);
        QCOMPARE(p.symbol, QStringLiteral("FX_BTC_JPY"));
        QCOMPARE(p.category, Category::Linear);
        QCOMPARE(p.side, Side::Buy);
        QCOMPARE(p.size, dec("5.05"));
        QCOMPARE(p.entryPrice, dec("36640.2"));
        QCOMPARE(p.unrealisedPnl, dec("955"));

        const auto balances = m_bf.parseBalances(json("rest-balance.json"));
        QVERIFY(balances);
        QCOMPARE(balances->size(), std::size_t(3));
        QCOMPARE(balances->at(0).coin, QStringLiteral("JPY"));
        QCOMPARE(balances->at(0).walletBalance, dec("1024078"));
        QCOMPARE(balances->at(0).available, dec("508000"));
        QCOMPARE(balances->at(1).walletBalance, dec("10.24"));

        const auto collateral = m_bf.parseCollateral(json("rest-collateral.json"));
        QVERIFY(collateral);
        QCOMPARE(collateral->walletBalance, dec("100000"));
        QCOMPARE(collateral->available, dec("80143"));
        QCOMPARE(collateral->equity, dec("99285"));
    }

    void signsTheAuthCall()
    {
        const Credentials c(QStringLiteral("KEY"), QByteArray("SECRET"));
        const QByteArray message =
            BitflyerTrading::authMessage(c, 1700000000123, QStringLiteral("0123456789abcdef0123"));
        const QJsonObject o = QJsonDocument::fromJson(message).object();
        QCOMPARE(o.value(QLatin1String("method")).toString(), QStringLiteral("auth"));
        QCOMPARE(o.value(QLatin1String("id")).toString(), QStringLiteral("auth"));
        const QJsonObject p = o.value(QLatin1String("params")).toObject();
        QCOMPARE(p.value(QLatin1String("api_key")).toString(), QStringLiteral("KEY"));
        QVERIFY(message.contains(R"("timestamp":1700000000123,)"));
        QCOMPARE(p.value(QLatin1String("nonce")).toString(), QStringLiteral("0123456789abcdef0123"));
        const QByteArray expected = QMessageAuthenticationCode::hash("17000000001230123456789abcdef0123",
                                                                     "SECRET", QCryptographicHash::Sha256)
                                        .toHex();
        QCOMPARE(p.value(QLatin1String("signature")).toString().toLatin1(), expected);
        // Through the interface: a fresh nonce each time, the time 10 s before the expiry asked for.
        const QJsonObject a = QJsonDocument::fromJson(m_bf.streamAuthMessage(c, 1700000010123)).object();
        const QJsonObject b = QJsonDocument::fromJson(m_bf.streamAuthMessage(c, 1700000010123)).object();
        QCOMPARE(a.value(QLatin1String("params")).toObject().value(QLatin1String("timestamp")).toInteger(),
                 1700000000123);
        QVERIFY(a.value(QLatin1String("params")).toObject().value(QLatin1String("nonce")).toString().size() >=
                16);
        QVERIFY(a.value(QLatin1String("params")).toObject().value(QLatin1String("nonce")) !=
                b.value(QLatin1String("params")).toObject().value(QLatin1String("nonce")));
        QCOMPARE(m_bf.streamTopics(),
                 (QStringList{QStringLiteral("child_order_events"), QStringLiteral("parent_order_events")}));
    }

    void readsAuthAndSubscribeReplies()
    {
        using Kind = PrivateStreamFrame::Kind;
        QCOMPARE(m_bf.parseStreamFrame(raw("ws-auth-ok.json")).kind, Kind::AuthAccepted);
        const PrivateStreamFrame bad = m_bf.parseStreamFrame(raw("ws-auth-error.json"));
        QCOMPARE(bad.kind, Kind::AuthRejected);
        QCOMPARE(bad.error, QStringLiteral("-32600 Invalid signature"));
        QCOMPARE(m_bf.parseStreamFrame(R"({"jsonrpc":"2.0","id":3,"result":true})").kind, Kind::SubscribeAck);
        QCOMPARE(m_bf.parseStreamFrame(R"({"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"no"}})").kind,
                 Kind::SubscribeRejected);
        QCOMPARE(m_bf.parseStreamFrame("nope").kind, Kind::Malformed);
        QCOMPARE(
            m_bf.parseStreamFrame(
                    R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"child_order_events","message":{}}})")
                .kind,
            Kind::Malformed);
        QCOMPARE(
            m_bf.parseStreamFrame(
                    R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"child_order_events","message":[{"event_type":"ORDER"}]}})")
                .kind,
            Kind::Malformed);
        QCOMPARE(
            m_bf.parseStreamFrame(
                    R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_ticker_BTC_JPY","message":{}}})")
                .kind,
            Kind::Ignored);
    }

    void readsOrderAndExecutionEventsIntoOrdersFillsAndPosition()
    {
        using Kind = PrivateStreamFrame::Kind;
        BitflyerTrading bf{QUrl(QStringLiteral("http://127.0.0.1:1"))};
        // A short position of 0.015 read over REST.
        QVERIFY(bf.parsePositions(QJsonDocument::fromJson(
            R"([{"product_code":"FX_BTC_JPY","side":"SELL","price":990000,"size":0.015,"pnl":0,"open_date":"2018-02-09T00:00:00"}])")));
        const PrivateStreamFrame placed = bf.parseStreamFrame(raw("ws-order-event.json"));
        QCOMPARE(placed.kind, Kind::Data);
        QCOMPARE(placed.topic, QStringLiteral("child_order_events"));
        QCOMPARE(placed.orders.size(), std::size_t(1));
        const Order& live = placed.orders[0];
        QCOMPARE(live.orderId, QStringLiteral("JRF20180209-123456-000001"));
        QCOMPARE(live.status, OrderStatus::New);
        QCOMPARE(live.quantity, dec("0.02"));
        QCOMPARE(live.price, dec("1000000"));
        QCOMPARE(live.category, Category::Linear);
        QCOMPARE(live.createdMs, 1518136119552);

        const PrivateStreamFrame filled = bf.parseStreamFrame(raw("ws-execution-event.json"));
        QCOMPARE(filled.kind, Kind::Data);
        QCOMPARE(filled.fills.size(), std::size_t(2));
        QCOMPARE(filled.fills[0].executionId, QStringLiteral("39361"));
        QCOMPARE(filled.fills[0].price, dec("999999"));
        QCOMPARE(filled.fills[0].quantity, dec("0.01"));
        QCOMPARE(filled.orders.size(), std::size_t(2));
        QCOMPARE(filled.orders[0].status, OrderStatus::PartiallyFilled);
        QCOMPARE(filled.orders[1].status, OrderStatus::Filled);
        QCOMPARE(filled.orders[1].filledQuantity, dec("0.02"));
        QCOMPARE(filled.orders[1].quantity, dec("0.02"));
        QCOMPARE(filled.orders[1].averageFillPrice, dec("999999.5"));
        // Short 0.015, bought 0.01 (short 0.005 left), then 0.01 more: long 0.005 at the last price.
        QCOMPARE(filled.positions.size(), std::size_t(2));
        QCOMPARE(filled.positions[0].side, Side::Sell);
        QCOMPARE(filled.positions[0].size, dec("0.005"));
        QCOMPARE(filled.positions[0].entryPrice, dec("990000"));
        QCOMPARE(filled.positions[1].side, Side::Buy);
        QCOMPARE(filled.positions[1].size, dec("0.005"));
        QCOMPARE(filled.positions[1].entryPrice, dec("1000000"));
        // Each moved position is newer than the REST read it builds on (the events' 2018 dates are not).
        QVERIFY(filled.positions[0].updatedMs > QDateTime::currentMSecsSinceEpoch() - 60'000);
        QVERIFY(filled.positions[1].updatedMs > filled.positions[0].updatedMs);
    }

    void aSpotFillMovesTheBalancesReadOverRest()
    {
        BitflyerTrading bf{QUrl(QStringLiteral("http://127.0.0.1:1"))};
        QVERIFY(bf.parseBalances(json("rest-balance.json")));
        const PrivateStreamFrame f = bf.parseStreamFrame(
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"child_order_events","message":[)"
            R"({"product_code":"BTC_JPY","child_order_id":"JOR1","child_order_acceptance_id":"JRF1","event_date":"2024-01-01T00:00:00Z",)"
            R"("event_type":"EXECUTION","exec_id":1,"side":"BUY","price":10000000,"size":0.01,"commission":0.00001,"sfd":0,"outstanding_size":0}]}})");
        QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(f.balances.size(), std::size_t(2));
        QCOMPARE(f.balances[0].coin, QStringLiteral("BTC"));
        QCOMPARE(f.balances[0].walletBalance, dec("10.24999"));
        QVERIFY(!f.balances[0].available); // unknown until the next REST read
        QCOMPARE(f.balances[1].coin, QStringLiteral("JPY"));
        QCOMPARE(f.balances[1].walletBalance, dec("924078"));
        QVERIFY(f.positions.empty());
    }

    void readsCancelAndFailure()
    {
        BitflyerTrading bf{QUrl(QStringLiteral("http://127.0.0.1:1"))};
        const PrivateStreamFrame cancelled = bf.parseStreamFrame(raw("ws-cancel-event.json"));
        QCOMPARE(cancelled.orders.size(), std::size_t(2));
        const Order& c = cancelled.orders[1];
        QCOMPARE(c.status, OrderStatus::Cancelled);
        // The CANCEL event carries no side: the order keeps what its ORDER event said.
        QCOMPARE(c.side, Side::Sell);
        QCOMPARE(c.quantity, dec("0.5"));
        QCOMPARE(c.category, Category::Spot);
        const PrivateStreamFrame failed = bf.parseStreamFrame(raw("ws-order-failed.json"));
        QCOMPARE(failed.orders.size(), std::size_t(1));
        QCOMPARE(failed.orders[0].status, OrderStatus::Rejected);
        QCOMPARE(failed.orders[0].reason, QStringLiteral("Insufficient funds"));
        QVERIFY(failed.positions.empty());
    }

    void buildsStopOrdersAsSimpleSpecialOrders()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("FX_BTC_JPY");
        o.category = Category::Linear;
        o.side = Side::Sell;
        o.type = OrderType::Market;
        o.quantity = dec("0.1");
        o.triggerPrice = dec("29000");
        o.triggerDirection = TriggerDirection::FallsTo;
        o.timeInForce = TimeInForce::ImmediateOrCancel; // as the order entry sends a stop-market
        QVERIFY(m_bf.notOffered(o).isEmpty());
        const Instrument fx = btcJpy("FX_BTC_JPY", Category::Linear);
        const SignedRequest stop = m_bf.createOrderRequest(o, fx);
        QCOMPARE(stop.method, QByteArray("POST"));
        QCOMPARE(stop.url.path(), QStringLiteral("/base/v1/me/sendparentorder"));
        QCOMPARE(stop.body,
                 QByteArray(R"({"order_method":"SIMPLE","minute_to_expire":43200,"time_in_force":"GTC",)"
                            R"("parameters":[{"product_code":"FX_BTC_JPY","condition_type":"STOP",)"
                            R"("side":"SELL","trigger_price":29000,"size":0.10000000}]})"));
        o.type = OrderType::Limit;
        o.price = dec("28800");
        o.timeInForce = TimeInForce::ImmediateOrCancel;
        QCOMPARE(m_bf.createOrderRequest(o, fx).body,
                 QByteArray(R"({"order_method":"SIMPLE","minute_to_expire":43200,"time_in_force":"IOC",)"
                            R"("parameters":[{"product_code":"FX_BTC_JPY","condition_type":"STOP_LIMIT",)"
                            R"("side":"SELL","price":28800,"trigger_price":29000,"size":0.10000000}]})"));
        // A sell stop that would trigger on a rise is not bitFlyer's: refused, nothing to send.
        o.triggerDirection = TriggerDirection::RisesTo;
        QVERIFY(m_bf.notOffered(o).contains(QLatin1String("stop orders")));
        QVERIFY(BitflyerTrading::isUnsupported(m_bf.createOrderRequest(o, fx)));
        o.triggerDirection.reset();
        o.stopLoss = dec("28000");
        QVERIFY(m_bf.notOffered(o).contains(QLatin1String("take-profit or stop-loss")));
    }

    void readsParentOrdersAndRoutesTheirRequests()
    {
        BitflyerTrading bf{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        const QString id = QStringLiteral("JRF20150925-060559-396699");
        const OrderReference ref{QStringLiteral("FX_BTC_JPY"), Category::Linear, id, {}};
        // Not yet known as a special order: a child order's requests.
        QCOMPARE(bf.cancelOrderRequest(ref).url.path(), QStringLiteral("/base/v1/me/cancelchildorder"));
        const auto ack = bf.parseOrderAck(json("rest-parent-order-ack.json"));
        QVERIFY(ack);
        QCOMPARE(ack->orderId, QStringLiteral("JRF20150707-050237-639234"));
        QVERIFY(bf.isParentOrder(ack->orderId));

        // The active list: no trigger price in it, and no state but ACTIVE.
        const auto active = bf.parseOrders(json("rest-parentorders-active.json"));
        QVERIFY(active);
        QCOMPARE(active->size(), std::size_t(1));
        const Order& waiting = active->front();
        QCOMPARE(waiting.orderId, id);
        QCOMPARE(waiting.symbol, QStringLiteral("FX_BTC_JPY"));
        QCOMPARE(waiting.category, Category::Linear);
        QCOMPARE(waiting.side, Side::Sell);
        QCOMPARE(waiting.type, OrderType::Limit);
        QCOMPARE(waiting.status, OrderStatus::Untriggered);
        QCOMPARE(*waiting.price, dec("28800"));
        QCOMPARE(waiting.quantity, dec("0.1"));
        QVERIFY(!waiting.triggerPrice);
        QVERIFY(bf.isParentOrder(id));

        // Known now: cancelled with cancelparentorder, read with getparentorder(s).
        const SignedRequest cancel = bf.cancelOrderRequest(ref);
        QCOMPARE(cancel.url.path(), QStringLiteral("/base/v1/me/cancelparentorder"));
        QCOMPARE(cancel.body, QByteArray(R"({"product_code":"FX_BTC_JPY","parent_order_acceptance_id":")" +
                                         id.toLatin1() + R"("})"));
        const OrderReference byParentId{
            QStringLiteral("BTC_JPY"), Category::Spot, QStringLiteral("JCO20150925-055555-022222"), {}};
        QCOMPARE(bf.cancelOrderRequest(byParentId).body,
                 QByteArray(R"({"product_code":"BTC_JPY","parent_order_id":"JCO20150925-055555-022222"})"));
        const SignedRequest one = bf.openOrdersRequest(Category::Linear, {}, &ref);
        QCOMPARE(one.url.path(), QStringLiteral("/base/v1/me/getparentorder"));
        QCOMPARE(one.query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("parent_order_acceptance_id"), id}}));
        const SignedRequest history = bf.orderHistoryRequest(Category::Linear, {}, &ref);
        QCOMPARE(history.url.path(), QStringLiteral("/base/v1/me/getparentorders"));
        QCOMPARE(history.query.first().second, QStringLiteral("FX_BTC_JPY"));
        // The next round of open orders: the list, and the details of the special order known open
        // whose trigger price is unread.
        const QList<SignedRequest> more = bf.moreOpenOrdersRequests(Category::Linear, {});
        QCOMPARE(more.size(), 2);
        QCOMPARE(more.first().url.path(), QStringLiteral("/base/v1/me/getparentorders"));
        QCOMPARE(more.first().query, (QList<QPair<QString, QString>>{
                                         {QStringLiteral("product_code"), QStringLiteral("FX_BTC_JPY")},
                                         {QStringLiteral("parent_order_state"), QStringLiteral("ACTIVE")}}));
        QCOMPARE(more[1].url.path(), QStringLiteral("/base/v1/me/getparentorder"));
        QCOMPARE(more[1].query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("parent_order_acceptance_id"), id}}));
        // The round's details before its list: kept, not shown (the order may have ended meanwhile);
        // the list then shows the order with the trigger price they brought.
        const auto early = bf.parseOrders(json("rest-parentorder.json"));
        QVERIFY(early);
        QVERIFY(early->empty());
        const auto relisted = bf.parseOrders(json("rest-parentorders-active.json"));
        QVERIFY(relisted);
        QCOMPARE(*relisted->front().triggerPrice, dec("29000"));
        QCOMPARE(relisted->front().status, OrderStatus::Untriggered);
        // Read: the next round lists only.
        QCOMPARE(bf.moreOpenOrdersRequests(Category::Linear, {}).size(), 1);

        // Details read outside a round (the look-up after placing) show the order; the state stays the
        // list's.
        const auto details = bf.parseOrders(json("rest-parentorder.json"));
        QVERIFY(details);
        QCOMPARE(details->size(), std::size_t(1));
        QCOMPARE(*details->front().triggerPrice, dec("29000"));
        QCOMPARE(*details->front().price, dec("28800"));
        QCOMPARE(details->front().status, OrderStatus::Untriggered);
        QCOMPARE(details->front().timeInForce, TimeInForce::GoodTillCancel);
        // Read again from the list, the trigger price seen in the details stays.
        QCOMPARE(*bf.parseOrders(json("rest-parentorders-active.json"))->front().triggerPrice, dec("29000"));

        // A full list: states as bitFlyer names them.
        const auto listed = bf.parseOrders(json("rest-parentorders.json"));
        QVERIFY(listed);
        QCOMPARE(listed->size(), std::size_t(2));
        QCOMPARE((*listed)[0].status, OrderStatus::Filled);
        QCOMPARE((*listed)[0].type, OrderType::Market);
        QCOMPARE(*(*listed)[0].triggerPrice, dec("30000")); // a STOP lists its trigger as its price
        QVERIFY(!(*listed)[0].price);
        QCOMPARE((*listed)[0].filledQuantity, dec("0.1"));
        QCOMPARE(*(*listed)[0].averageFillPrice, dec("30000"));
        QCOMPARE((*listed)[1].status, OrderStatus::Cancelled);
        QVERIFY(!bf.parseOrders(QJsonDocument::fromJson(R"({"parameters":[]})")));
    }

    void readsDetailsOfListedStopsInTheirRound()
    {
        BitflyerTrading bf{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        const QString id = QStringLiteral("JRF20150925-060559-396699");
        // Known open from an earlier read: this round reads its details too.
        QVERIFY(bf.parseOrders(json("rest-parentorders-active.json")));
        const QList<SignedRequest> round = bf.moreOpenOrdersRequests(Category::Linear, {});
        QCOMPARE(round.size(), 2);
        // The list first, then the details: they join the round's orders with the list's state.
        QCOMPARE(bf.parseOrders(json("rest-parentorders-active.json"))->size(), std::size_t(1));
        const auto details = bf.parseOrders(json("rest-parentorder.json"));
        QVERIFY(details);
        QCOMPARE(details->size(), std::size_t(1));
        QCOMPARE(details->front().status, OrderStatus::Untriggered);
        QCOMPARE(*details->front().triggerPrice, dec("29000"));
        QCOMPARE(*details->front().price, dec("28800"));

        // Ended while away: the round's list does not name it, so its details do not revive it.
        BitflyerTrading gone{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        QVERIFY(gone.parseOrders(json("rest-parentorders-active.json")));
        QCOMPARE(gone.moreOpenOrdersRequests(Category::Linear, {}).size(), 2);
        QVERIFY(gone.parseOrders(QJsonDocument::fromJson("[]"))->empty());
        QVERIFY(gone.parseOrders(json("rest-parentorder.json"))->empty());

        // A read that keeps failing (its snapshot fails and is taken again) is asked twice, then left.
        BitflyerTrading failing{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        QVERIFY(failing.parseOrders(json("rest-parentorders-active.json")));
        QCOMPARE(failing.moreOpenOrdersRequests(Category::Linear, {}).size(), 2);
        QCOMPARE(failing.moreOpenOrdersRequests(Category::Linear, {}).size(), 2);
        QCOMPARE(failing.moreOpenOrdersRequests(Category::Linear, {}).size(), 1);

        // What a follow-up hook would send for a list just read: the unread open special orders only,
        // at most MaxParentDetailReads of them.
        BitflyerTrading fresh{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        QByteArray many = "[";
        for (int i = 0; i < 12; ++i) {
            if (i > 0)
                many += ',';
            many +=
                QStringLiteral(R"({"parent_order_acceptance_id":"JRF20260101-000000-%1","product_code":)"
                               R"("BTC_JPY","side":"BUY","parent_order_type":"STOP_LIMIT","price":5000000,)"
                               R"("size":0.01,"parent_order_state":"ACTIVE","executed_size":0})")
                    .arg(i, 6, 10, QLatin1Char('0'))
                    .toLatin1();
        }
        many += "]";
        const auto listed = fresh.parseOrders(QJsonDocument::fromJson(many));
        QVERIFY(listed);
        QCOMPARE(listed->size(), std::size_t(12));
        const QList<SignedRequest> follow = fresh.parentDetailsRequests(*listed);
        QCOMPARE(follow.size(), BitflyerTrading::MaxParentDetailReads);
        QCOMPARE(follow.first().url.path(), QStringLiteral("/base/v1/me/getparentorder"));
        QCOMPARE(follow.first().query.first().second, QStringLiteral("JRF20260101-000000-000000"));
        std::vector<Order> closed = *listed;
        closed.resize(1);
        closed.front().status = OrderStatus::Cancelled;
        QVERIFY(fresh.parentDetailsRequests(closed).isEmpty());
        // A round of the product reads the same, bounded too.
        QCOMPARE(fresh.moreOpenOrdersRequests(Category::Spot, {}).size(),
                 1 + BitflyerTrading::MaxParentDetailReads);
    }

    void takesAStopPlacedElsewhereFromItsEvents()
    {
        // Placed on the web: the ORDER event names no side, size or price, so nothing shows yet, but the
        // adapter knows the id for a special order (cancelparentorder) and the next round reads its
        // details.
        BitflyerTrading bf{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        const QString id = QStringLiteral("JRF20150925-060559-396699");
        QVERIFY(bf.parseStreamFrame(raw("ws-parent-order-event.json")).orders.empty());
        QCOMPARE(bf.cancelOrderRequest({QStringLiteral("FX_BTC_JPY"), Category::Linear, id, {}}).url.path(),
                 QStringLiteral("/base/v1/me/cancelparentorder"));
        const QList<SignedRequest> round = bf.moreOpenOrdersRequests(Category::Linear, {});
        QCOMPARE(round.size(), 2);
        QCOMPARE(round[1].query.first().second, id);
        // Triggered before any read: its child order tells side, size, kind and limit price.
        const PrivateStreamFrame triggered = bf.parseStreamFrame(raw("ws-parent-trigger-event.json"));
        QCOMPARE(triggered.orders.size(), std::size_t(1));
        const Order& o = triggered.orders[0];
        QCOMPARE(o.orderId, id);
        QCOMPARE(o.status, OrderStatus::Triggered);
        QCOMPARE(o.side, Side::Sell);
        QCOMPARE(o.quantity, dec("0.1"));
        QCOMPARE(o.type, OrderType::Limit);
        QCOMPARE(*o.price, dec("28800"));
        QVERIFY(!o.triggerPrice);
    }

    void readsParentOrderEvents()
    {
        BitflyerTrading bf{QUrl(QStringLiteral("http://127.0.0.1:1"))};
        QVERIFY(bf.streamTopics().contains(QStringLiteral("parent_order_events")));
        // An ORDER event names no side or size: nothing to show until the details are read.
        const PrivateStreamFrame placed = bf.parseStreamFrame(raw("ws-parent-order-event.json"));
        QCOMPARE(placed.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(placed.topic, QStringLiteral("parent_order_events"));
        QVERIFY(placed.orders.empty());
        const QString id = QStringLiteral("JRF20150925-060559-396699");
        QVERIFY(bf.isParentOrder(id));
        const auto details = bf.parseOrders(json("rest-parentorder.json"));
        QVERIFY(details);
        QCOMPARE(details->front().status, OrderStatus::Untriggered);
        QCOMPARE(details->front().createdMs,
                 QDateTime::fromString(QStringLiteral("2015-09-25T05:59:35.123Z"), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch());

        const PrivateStreamFrame triggered = bf.parseStreamFrame(raw("ws-parent-trigger-event.json"));
        QCOMPARE(triggered.orders.size(), std::size_t(1));
        QCOMPARE(triggered.orders[0].orderId, id);
        QCOMPARE(triggered.orders[0].status, OrderStatus::Triggered);
        QCOMPARE(*triggered.orders[0].triggerPrice, dec("29000"));
        QVERIFY(triggered.fills.empty()); // the child's fills come on child_order_events

        const PrivateStreamFrame complete = bf.parseStreamFrame(raw("ws-parent-complete-event.json"));
        QCOMPARE(complete.orders.size(), std::size_t(1));
        QCOMPARE(complete.orders[0].status, OrderStatus::Filled);
        QCOMPARE(complete.orders[0].filledQuantity, dec("0.1"));
        QVERIFY(complete.orders[0].updatedMs > triggered.orders[0].updatedMs);

        // Cancelled while waiting: Deactivated. An unknown order's refusal keeps its reason verbatim.
        QVERIFY(bf.parseOrders(QJsonDocument::fromJson(
            R"([{"parent_order_acceptance_id":"JRF20150707-084552-000001","product_code":"BTC_JPY",)"
            R"("side":"BUY","parent_order_type":"STOP","price":0,"size":0.01,"parent_order_state":"ACTIVE",)"
            R"("executed_size":0}])")));
        const PrivateStreamFrame cancelled = bf.parseStreamFrame(raw("ws-parent-cancel-event.json"));
        QCOMPARE(cancelled.orders.size(), std::size_t(1));
        QCOMPARE(cancelled.orders[0].status, OrderStatus::Deactivated);
        QCOMPARE(cancelled.orders[0].side, Side::Buy);
        QVERIFY(bf.parseOrders(QJsonDocument::fromJson(
            R"([{"parent_order_acceptance_id":"JRF20150707-084552-000002","product_code":"BTC_JPY",)"
            R"("side":"SELL","parent_order_type":"STOP","price":0,"size":0.01,"parent_order_state":"ACTIVE",)"
            R"("executed_size":0}])")));
        const PrivateStreamFrame failed = bf.parseStreamFrame(raw("ws-parent-order-failed.json"));
        QCOMPARE(failed.orders.size(), std::size_t(1));
        QCOMPARE(failed.orders[0].status, OrderStatus::Rejected);
        QCOMPARE(failed.orders[0].reason, QStringLiteral("MARGIN_INSUFFICIENT"));

        const PrivateStreamFrame bad = bf.parseStreamFrame(
            R"({"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"parent_order_events",)"
            R"("message":[{"event_type":"TRIGGER"}]}})");
        QCOMPARE(bad.kind, PrivateStreamFrame::Kind::Malformed);
        QVERIFY(bad.error.contains(QLatin1String("parent_order_acceptance_id")));
        QCOMPARE(bf.parseStreamFrame(R"({"jsonrpc":"2.0","method":"channelMessage","params":{)"
                                     R"("channel":"parent_order_events","message":{}}})")
                     .kind,
                 PrivateStreamFrame::Kind::Malformed);
    }
};

QTEST_GUILESS_MAIN(TestBitflyerTrading)
#include "tst_bitflyertrading.moc"
