#include "exchanges/core/venuerest.h"
#include "exchanges/okx/okxmarketdata.h"
#include "exchanges/okx/okxtrading.h"
#include "support/recordingsink.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <QTest>

namespace {

QJsonDocument json(const char* name)
{
    return QJsonDocument::fromJson(fixture(QStringLiteral("okx/") + QLatin1String(name)));
}

Instrument swapBtc()
{
    Instrument i;
    i.venue = QStringLiteral("okx");
    i.symbol = QStringLiteral("BTC-USDT-SWAP");
    i.category = Category::Linear;
    i.tickSize = dec("0.1");
    i.lotSize = dec("0.01");
    i.minQuantity = dec("0.01");
    return i;
}

Instrument spotBtc()
{
    Instrument i;
    i.venue = QStringLiteral("okx");
    i.symbol = QStringLiteral("BTC-USDT");
    i.category = Category::Spot;
    i.tickSize = dec("0.1");
    i.lotSize = dec("0.00000001");
    i.minQuantity = dec("0.00001");
    return i;
}

QJsonObject bodyOf(const SignedRequest& r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class TestOkxTrading : public QObject
{
    Q_OBJECT

    OkxTrading m_okx{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};

private Q_SLOTS:
    void buildsLimitSwapOrderOnTheGrid()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTC-USDT-SWAP");
        o.category = Category::Linear;
        o.side = Side::Sell;
        o.quantity = dec("3");
        o.price = dec("60000.1");
        o.reduceOnly = true;
        o.clientOrderId = QStringLiteral("bt1");
        const SignedRequest r = m_okx.createOrderRequest(o, swapBtc());
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url.toString(), QStringLiteral("http://127.0.0.1:8080/base/api/v5/trade/order"));
        QCOMPARE(r.venue, QStringLiteral("okx"));
        QCOMPARE(r.contentType, QByteArray("application/json"));
        const QJsonObject b = bodyOf(r);
        QCOMPARE(b.value(QLatin1String("instId")).toString(), QStringLiteral("BTC-USDT-SWAP"));
        QCOMPARE(b.value(QLatin1String("tdMode")).toString(), QStringLiteral("cross"));
        QCOMPARE(b.value(QLatin1String("side")).toString(), QStringLiteral("sell"));
        QCOMPARE(b.value(QLatin1String("ordType")).toString(), QStringLiteral("limit"));
        QCOMPARE(b.value(QLatin1String("sz")).toString(), QStringLiteral("3.00")); // contracts, on lotSz
        QCOMPARE(b.value(QLatin1String("px")).toString(), QStringLiteral("60000.1"));
        QCOMPARE(b.value(QLatin1String("clOrdId")).toString(), QStringLiteral("bt1"));
        QCOMPARE(b.value(QLatin1String("reduceOnly")).toBool(), true);
    }

    void attachesTakeProfitAndStopLossOnTheTick()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTC-USDT-SWAP");
        o.category = Category::Linear;
        o.side = Side::Buy;
        o.quantity = dec("1");
        o.price = dec("60000");
        o.takeProfit = dec("65000");
        o.stopLoss = dec("55000.5");
        const QJsonObject b = bodyOf(m_okx.createOrderRequest(o, swapBtc()));
        const QJsonArray algos = b.value(QLatin1String("attachAlgoOrds")).toArray();
        QCOMPARE(algos.size(), 1);
        const QJsonObject algo = algos.at(0).toObject();
        QCOMPARE(algo.keys().size(), 4);
        QCOMPARE(algo.value(QLatin1String("tpTriggerPx")).toString(), QStringLiteral("65000.0"));
        QCOMPARE(algo.value(QLatin1String("tpOrdPx")).toString(), QStringLiteral("-1"));
        QCOMPARE(algo.value(QLatin1String("slTriggerPx")).toString(), QStringLiteral("55000.5"));
        QCOMPARE(algo.value(QLatin1String("slOrdPx")).toString(), QStringLiteral("-1"));

        // Only the side asked for; none at all without either.
        o.takeProfit.reset();
        const QJsonObject slOnly = bodyOf(m_okx.createOrderRequest(o, swapBtc()))
                                       .value(QLatin1String("attachAlgoOrds"))
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QVERIFY(!slOnly.contains(QLatin1String("tpTriggerPx")));
        QVERIFY(!slOnly.contains(QLatin1String("tpOrdPx")));
        QCOMPARE(slOnly.value(QLatin1String("slTriggerPx")).toString(), QStringLiteral("55000.5"));
        o.stopLoss.reset();
        QVERIFY(!bodyOf(m_okx.createOrderRequest(o, swapBtc())).contains(QLatin1String("attachAlgoOrds")));
    }

    void mapsTimeInForceToOrderTypes()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTC-USDT");
        o.category = Category::Spot;
        o.quantity = dec("0.5");
        o.price = dec("100");
        o.clientOrderId = QStringLiteral("x");
        const QList<QPair<TimeInForce, QString>> cases{
            {TimeInForce::PostOnly, QStringLiteral("post_only")},
            {TimeInForce::ImmediateOrCancel, QStringLiteral("ioc")},
            {TimeInForce::FillOrKill, QStringLiteral("fok")},
            {TimeInForce::GoodTillCancel, QStringLiteral("limit")}};
        for (const auto& [tif, name] : cases) {
            o.timeInForce = tif;
            const QJsonObject b = bodyOf(m_okx.createOrderRequest(o, spotBtc()));
            QCOMPARE(b.value(QLatin1String("ordType")).toString(), name);
            QCOMPARE(b.value(QLatin1String("tdMode")).toString(), QStringLiteral("cash"));
            QCOMPARE(b.value(QLatin1String("px")).toString(), QStringLiteral("100.0"));
            QVERIFY(!b.contains(QLatin1String("reduceOnly")));
        }
    }

    void spotMarketOrderSizeIsBase()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTC-USDT");
        o.category = Category::Spot;
        o.type = OrderType::Market;
        o.quantity = dec("0.001");
        o.price = dec("100"); // ignored for market orders
        o.clientOrderId = QStringLiteral("x");
        const QJsonObject b = bodyOf(m_okx.createOrderRequest(o, spotBtc()));
        QCOMPARE(b.value(QLatin1String("ordType")).toString(), QStringLiteral("market"));
        QCOMPARE(b.value(QLatin1String("tgtCcy")).toString(), QStringLiteral("base_ccy"));
        QCOMPARE(b.value(QLatin1String("sz")).toString(), QStringLiteral("0.00100000"));
        QVERIFY(!b.contains(QLatin1String("px")));
    }

    void buildsAmendCancelAndQueries()
    {
        OrderAmendment a;
        a.order = {QStringLiteral("BTC-USDT-SWAP"), Category::Linear, QStringLiteral("123"), {}};
        a.price = dec("60000.2");
        a.quantity = dec("4");
        SignedRequest r = m_okx.amendOrderRequest(a, swapBtc());
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/amend-order"));
        QCOMPARE(bodyOf(r), (QJsonObject{{QStringLiteral("instId"), QStringLiteral("BTC-USDT-SWAP")},
                                         {QStringLiteral("ordId"), QStringLiteral("123")},
                                         {QStringLiteral("newPx"), QStringLiteral("60000.2")},
                                         {QStringLiteral("newSz"), QStringLiteral("4.00")}}));
        r = m_okx.cancelOrderRequest({QStringLiteral("BTC-USDT"), Category::Spot, {}, QStringLiteral("bt9")});
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/cancel-order"));
        QCOMPARE(bodyOf(r), (QJsonObject{{QStringLiteral("instId"), QStringLiteral("BTC-USDT")},
                                         {QStringLiteral("clOrdId"), QStringLiteral("bt9")}}));
        r = m_okx.openOrdersRequest(Category::Linear, {});
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/orders-pending"));
        QCOMPARE(r.query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("instType"), QStringLiteral("SWAP")}}));
        const OrderReference ref{QStringLiteral("BTC-USDT"), Category::Spot, QStringLiteral("77"), {}};
        r = m_okx.orderHistoryRequest(Category::Spot, {}, &ref);
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/order"));
        QCOMPARE(r.query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("instId"), QStringLiteral("BTC-USDT")},
                                                 {QStringLiteral("ordId"), QStringLiteral("77")}}));
        r = m_okx.orderHistoryRequest(Category::Spot, QStringLiteral("BTC-USDT"));
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/orders-history"));
        QCOMPARE(m_okx.executionsRequest(Category::Spot, {}).url.path(),
                 QStringLiteral("/base/api/v5/trade/fills"));
        QCOMPARE(m_okx.positionsRequest(Category::Inverse, {}).query.value(0).second, QStringLiteral("SWAP"));
        QCOMPARE(m_okx.balancesRequest().url.path(), QStringLiteral("/base/api/v5/account/balance"));
    }

    void cancelAllBatchesTheStoresOpenOrders()
    {
        OkxTrading okx{QUrl(QStringLiteral("http://127.0.0.1:1"))};
        // No cancel-all on the venue: the session hands over the open orders it holds.
        QVERIFY(!okx.offersCancelAll());
        QVERIFY(okx.cancelAllRequest(Category::Spot, {}).url.scheme() == QLatin1String("unsupported"));
        QVERIFY(okx.cancelOpenOrdersRequests({}).isEmpty());
        const auto open = okx.parseOrders(json("rest-orders-pending.json"));
        QVERIFY(open);
        const QList<SignedRequest> requests = okx.cancelOpenOrdersRequests(open.value());
        QCOMPARE(requests.size(), 1);
        const SignedRequest& r = requests.at(0);
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url.path(), QStringLiteral("/api/v5/trade/cancel-batch-orders"));
        const QJsonArray batch = QJsonDocument::fromJson(r.body).array();
        QCOMPARE(batch.size(), int(open.value().size()));
        QCOMPARE(batch.at(0).toObject(),
                 (QJsonObject{{QStringLiteral("instId"), open.value().at(0).symbol},
                              {QStringLiteral("ordId"), open.value().at(0).orderId}}));
    }

    void cancelAllTakesTwentyAtATime()
    {
        OkxTrading okx{QUrl(QStringLiteral("http://127.0.0.1:1"))};
        std::vector<Order> open;
        for (int i = 0; i < 45; ++i) {
            Order o;
            o.orderId = QString::number(1000 + i);
            o.symbol = i % 2 ? QStringLiteral("BTC-USDT-SWAP") : QStringLiteral("ETH-USDT-SWAP");
            o.category = Category::Linear;
            o.status = OrderStatus::New;
            open.push_back(o);
        }
        const QList<SignedRequest> requests = okx.cancelOpenOrdersRequests(open);
        QCOMPARE(requests.size(), 3);
        QSet<QString> ids;
        QList<int> sizes;
        for (const SignedRequest& r : requests) {
            const QJsonArray batch = QJsonDocument::fromJson(r.body).array();
            sizes.append(int(batch.size()));
            for (const QJsonValue& v : batch)
                ids.insert(v.toObject().value(QLatin1String("ordId")).toString());
        }
        QCOMPARE(sizes, (QList<int>{OkxTrading::MaxCancelBatch, OkxTrading::MaxCancelBatch, 5}));
        QCOMPARE(ids.size(), 45);
        // The adapter batches what it is given; leaving out cancels under way is the session's (see
        // tst_okxvenue cancelAllGoesInBatchesOfTwenty).
    }

    void refusesWhatItCannotSendBeforeSending()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTC-USDT-SWAP");
        o.category = Category::Linear;
        o.quantity = dec("1");
        o.price = dec("60000");
        QVERIFY(m_okx.notOffered(o).isEmpty());
        o.reduceOnly = true;
        QVERIFY(m_okx.notOffered(o).isEmpty());
        OrderRequest stop = o;
        stop.triggerPrice = dec("59000");
        QVERIFY(m_okx.notOffered(stop).isEmpty()); // sent as a trigger algo order
        stop.timeInForce = TimeInForce::PostOnly;
        QVERIFY(m_okx.notOffered(stop).contains(QLatin1String("post-only")));
        OrderRequest bracket = o;
        bracket.takeProfit = dec("65000");
        bracket.stopLoss = dec("55000");
        QVERIFY(m_okx.notOffered(bracket).isEmpty()); // sent as attachAlgoOrds
        OrderRequest spot = o;
        spot.category = Category::Spot;
        spot.symbol = QStringLiteral("BTC-USDT");
        QVERIFY(!m_okx.notOffered(spot).isEmpty());
    }

    void demoRequestsAreSignedForDemoTrading()
    {
        OkxTrading demo{QUrl(QStringLiteral("https://www.okx.com")), Environment::Demo};
        QCOMPARE(demo.balancesRequest().environment, Environment::Demo);
        QCOMPARE(m_okx.balancesRequest().environment, Environment::Mainnet);
    }

    void clientOrderIdsAreAlphanumericAndFresh()
    {
        QSet<QString> seen;
        for (int i = 0; i < 500; ++i) {
            const QString id = m_okx.newClientOrderId();
            QVERIFY(id.size() <= 32);
            for (QChar c : id)
                QVERIFY2(c.isLetterOrNumber() && c.unicode() < 128, qPrintable(id));
            QVERIFY(!seen.contains(id));
            seen.insert(id);
        }
    }

    void parsesAckAndRejectionVerbatim()
    {
        const auto ack = m_okx.parseOrderAck(json("rest-order-ack.json"));
        QVERIFY(ack);
        QCOMPARE(ack.value().orderId, QStringLiteral("312269865356374016"));
        QCOMPARE(ack.value().clientOrderId, QStringLiteral("oktswap6"));
        // The REST client reports OKX's per-order sCode/sMsg, not "All operations failed".
        const auto policy = VenueRestPolicy::forVenue(QStringLiteral("okx"));
        const auto error = policy.replyError(json("rest-order-rejected.json"));
        QVERIFY(error);
        QCOMPARE(error->kind, RestError::Kind::Venue);
        QCOMPARE(error->venueCode, QStringLiteral("51008"));
        QCOMPARE(error->message, QStringLiteral("Order failed. Insufficient USDT balance in account."));
        QVERIFY(!m_okx.isDuplicateClientOrderId(*error));
        RestError duplicate = *error;
        duplicate.venueCode = QStringLiteral("51016");
        QVERIFY(m_okx.isDuplicateClientOrderId(duplicate));
        QVERIFY(!m_okx.parseOrderAck(json("rest-order-rejected.json")));
    }

    void parsesOpenOrders()
    {
        const auto orders = m_okx.parseOrders(json("rest-orders-pending.json"));
        QVERIFY(orders);
        QCOMPARE(orders.value().size(), std::size_t(2));
        const Order& spot = orders.value()[0];
        QCOMPARE(spot.orderId, QStringLiteral("1752588852617379840"));
        QCOMPARE(spot.clientOrderId, QStringLiteral("bt1"));
        QCOMPARE(spot.category, Category::Spot);
        QCOMPARE(spot.type, OrderType::Limit);
        QCOMPARE(spot.timeInForce, TimeInForce::PostOnly);
        QCOMPARE(spot.status, OrderStatus::New);
        QCOMPARE(*spot.price, dec("13013.5"));
        QCOMPARE(spot.quantity, dec("0.001"));
        QVERIFY(!spot.averageFillPrice);
        QCOMPARE(spot.createdMs, 1724733617998);
        const Order& swap = orders.value()[1];
        QCOMPARE(swap.category, Category::Linear);
        QCOMPARE(swap.status, OrderStatus::PartiallyFilled);
        QCOMPARE(swap.filledQuantity, dec("1"));
        QCOMPARE(*swap.averageFillPrice, dec("60000.1"));
        QVERIFY(swap.reduceOnly);
    }

    void parsesCancelledOrderWithOkxReason()
    {
        const auto orders = m_okx.parseOrders(json("rest-order-cancelled.json"));
        QVERIFY(orders);
        QCOMPARE(orders.value()[0].status, OrderStatus::Cancelled);
        QCOMPARE(orders.value()[0].reason,
                 QStringLiteral("The post-only order will take liquidity in maker orders"));
        QCOMPARE(OkxTrading::statusFromOkx(QStringLiteral("canceled"), true),
                 OrderStatus::PartiallyFilledCancelled);
        QCOMPARE(OkxTrading::statusFromOkx(QStringLiteral("filled"), true), OrderStatus::Filled);
        QCOMPARE(OkxTrading::statusFromOkx(QStringLiteral("mmp_canceled"), false), OrderStatus::Cancelled);
        QCOMPARE(OkxTrading::statusFromOkx(QStringLiteral("whatever"), false), OrderStatus::Unknown);
    }

    void parsesFillsPositionsAndBalances()
    {
        const auto fills = m_okx.parseFills(json("rest-fills.json"));
        QVERIFY(fills);
        const Fill& f = fills.value()[0];
        QCOMPARE(f.executionId, QStringLiteral("744876980"));
        QCOMPARE(f.orderId, QStringLiteral("680800019749904384"));
        QCOMPARE(f.price, dec("51858"));
        QCOMPARE(f.quantity, dec("0.00192834"));
        QCOMPARE(f.fee, dec("0.00000192834")); // charged
        QCOMPARE(f.feeCurrency, QStringLiteral("BTC"));
        QVERIFY(!f.isMaker);
        QCOMPARE(f.timeMs, 1708587373362);

        const auto positions = m_okx.parsePositions(json("rest-positions.json"));
        QVERIFY(positions);
        const Position& p = positions.value()[0];
        QCOMPARE(p.symbol, QStringLiteral("ETH-USDT-SWAP"));
        QCOMPARE(p.category, Category::Linear);
        QCOMPARE(p.side, std::optional<Side>(Side::Sell)); // net mode, pos "-10"
        QCOMPARE(p.size, dec("10"));
        QCOMPARE(*p.entryPrice, dec("2566.31"));
        QCOMPARE(*p.markPrice, dec("2353.849"));
        QCOMPARE(*p.realisedPnl, dec("0.001"));

        const auto balances = m_okx.parseBalances(json("rest-balance.json"));
        QVERIFY(balances);
        const Balance& b = balances.value()[0];
        QCOMPARE(b.coin, QStringLiteral("USDT"));
        QCOMPARE(b.walletBalance, dec("4850.435693622894"));
        QCOMPARE(*b.available, dec("4834.317093622894"));
        QCOMPARE(*b.equity, dec("4992.890093622894"));

        QCOMPARE(OkxTrading::categoryOf(QStringLiteral("SWAP"), QStringLiteral("BTC-USD-SWAP")),
                 Category::Inverse);
        QVERIFY(!m_okx.parseBalances(QJsonDocument::fromJson(R"({"code":"0","msg":""})")));
        QVERIFY(!m_okx.parsePositions(QJsonDocument::fromJson(R"({"code":"0","data":[{"instId":"X"}]})")));
    }

    void loginSignsTimestampInSeconds()
    {
        const Credentials c(QStringLiteral("key"), "secret", "pass phrase");
        const QByteArray message = OkxTrading::loginMessage(c, 1538054050123);
        const QJsonObject o = QJsonDocument::fromJson(message).object();
        QCOMPARE(o.value(QLatin1String("op")).toString(), QStringLiteral("login"));
        const QJsonObject arg = o.value(QLatin1String("args")).toArray().at(0).toObject();
        QCOMPARE(arg.value(QLatin1String("apiKey")).toString(), QStringLiteral("key"));
        QCOMPARE(arg.value(QLatin1String("passphrase")).toString(), QStringLiteral("pass phrase"));
        QCOMPARE(arg.value(QLatin1String("timestamp")).toString(), QStringLiteral("1538054050"));
        const QByteArray expected = QMessageAuthenticationCode::hash("1538054050GET/users/self/verify",
                                                                     "secret", QCryptographicHash::Sha256)
                                        .toBase64();
        QCOMPARE(arg.value(QLatin1String("sign")).toString().toLatin1(), expected);
        // The session passes the venue's "now" (authAheadMs 0): the login carries that second.
        QCOMPARE(QJsonDocument::fromJson(m_okx.streamAuthMessage(c, 1538054050999))
                     .object()
                     .value(QLatin1String("args"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("timestamp"))
                     .toString(),
                 QStringLiteral("1538054050"));
        const QUrl url(QStringLiteral("wss://ws.okx.com:8443/ws/v5/private"));
        const auto streams = m_okx.privateStreams({Category::Spot, Category::Linear}, url);
        // The private stream, and the business stream for orders-algo, each with its own login.
        QCOMPARE(streams.size(), 2);
        QCOMPARE(streams.at(0).url, url);
        QCOMPARE(streams.at(0).authAheadMs, std::optional<qint64>(0));
        QVERIFY(!streams.at(0).tokenRequest);
        QCOMPARE(streams.at(1).name, QStringLiteral("business"));
        QCOMPARE(streams.at(1).url, QUrl(QStringLiteral("wss://ws.okx.com:8443/ws/v5/business")));
        QCOMPARE(streams.at(1).authAheadMs, std::optional<qint64>(0));
        QCOMPARE(m_okx.streamTopicsFor(QStringLiteral("business")),
                 QStringList{QStringLiteral("orders-algo:instType=ANY")});
        QVERIFY(!m_okx.streamTopicsFor({}).contains(QStringLiteral("orders-algo:instType=ANY")));
        QCOMPARE(m_okx.streamAuthMessageFor(QStringLiteral("business"), c, 1538054050999, {}),
                 m_okx.streamAuthMessage(c, 1538054050999));
        QCOMPARE(OkxTrading::privateStreamUrl(Environment::Demo),
                 QUrl(QStringLiteral("wss://wspap.okx.com:8443/ws/v5/private")));
    }

    void recognisesLoginAndSubscribeReplies()
    {
        using Kind = PrivateStreamFrame::Kind;
        QCOMPARE(m_okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-login-ok.json"))).kind,
                 Kind::AuthAccepted);
        const auto failed = m_okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-login-failed.json")));
        QCOMPARE(failed.kind, Kind::AuthRejected);
        QCOMPARE(failed.error, QStringLiteral("60009 Login failed."));
        const auto ack = m_okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-subscribe-ack.json")));
        QCOMPARE(ack.kind, Kind::SubscribeAck);
        QCOMPARE(ack.topic, QStringLiteral("orders:instType=ANY"));
        QCOMPARE(
            m_okx
                .parseStreamFrame(
                    R"({"event":"error","code":"60018","msg":"Wrong URL or channel:orders","connId":"1"})")
                .kind,
            Kind::SubscribeRejected);
        QCOMPARE(m_okx.parseStreamFrame("pong").kind, Kind::Pong);
        QCOMPARE(m_okx.parseStreamFrame("{").kind, Kind::Malformed);
        QCOMPARE(m_okx.parseStreamFrame(R"({"arg":{"channel":"orders","instType":"ANY"},"data":{}})").kind,
                 Kind::Malformed);
        QCOMPARE(
            m_okx.parseStreamFrame(R"({"arg":{"channel":"orders","instType":"ANY"},"data":[{"ordId":"1"}]})")
                .kind,
            Kind::Malformed);
        QCOMPARE(m_okx.parseStreamFrame(R"({"arg":{"channel":"balance_and_position"},"data":[{}]})").kind,
                 Kind::Ignored);
    }

    void parsesOrderPushWithItsFill()
    {
        const auto frame = m_okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-orders-push.json")));
        QCOMPARE(frame.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(frame.topic, QStringLiteral("orders:instType=ANY"));
        QCOMPARE(frame.orders.size(), std::size_t(1));
        QCOMPARE(frame.orders[0].status, OrderStatus::PartiallyFilled);
        QCOMPARE(frame.fills.size(), std::size_t(1));
        const Fill& f = frame.fills[0];
        QCOMPARE(f.executionId, QStringLiteral("242589207"));
        QCOMPARE(f.price, dec("60000.1"));
        QCOMPARE(f.quantity, dec("1"));
        QCOMPARE(f.fee, dec("0.3"));
        QCOMPARE(f.feeCurrency, QStringLiteral("USDT"));
        QVERIFY(f.isMaker);
        QCOMPARE(f.timeMs, 1724733618000);
        QCOMPARE(f.category, Category::Linear);
    }

    void buildsTriggerOrdersOnTheAlgoEndpoint()
    {
        OkxTrading okx{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        OrderRequest o;
        o.symbol = QStringLiteral("BTC-USDT-SWAP");
        o.category = Category::Linear;
        o.side = Side::Sell;
        o.type = OrderType::Market;
        o.quantity = dec("2");
        o.triggerPrice = dec("50000");
        o.reduceOnly = true;
        o.clientOrderId = QStringLiteral("btstop1");
        SignedRequest r = okx.createOrderRequest(o, swapBtc());
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/order-algo"));
        QJsonObject b = bodyOf(r);
        QCOMPARE(b.value(QLatin1String("instId")).toString(), QStringLiteral("BTC-USDT-SWAP"));
        QCOMPARE(b.value(QLatin1String("tdMode")).toString(), QStringLiteral("cross"));
        QCOMPARE(b.value(QLatin1String("side")).toString(), QStringLiteral("sell"));
        QCOMPARE(b.value(QLatin1String("ordType")).toString(), QStringLiteral("trigger"));
        QCOMPARE(b.value(QLatin1String("sz")).toString(), QStringLiteral("2.00"));
        QCOMPARE(b.value(QLatin1String("triggerPx")).toString(), QStringLiteral("50000.0"));
        QCOMPARE(b.value(QLatin1String("triggerPxType")).toString(), QStringLiteral("last"));
        QCOMPARE(b.value(QLatin1String("orderPx")).toString(), QStringLiteral("-1")); // market once triggered
        QCOMPARE(b.value(QLatin1String("algoClOrdId")).toString(), QStringLiteral("btstop1"));
        QCOMPARE(b.value(QLatin1String("reduceOnly")).toBool(), true);
        QVERIFY(!b.contains(QLatin1String("clOrdId")));
        QVERIFY(!b.contains(QLatin1String("px")));

        // A stop-limit on spot: the limit price as orderPx; IOC becomes advanceOrdType.
        OrderRequest limit;
        limit.symbol = QStringLiteral("BTC-USDT");
        limit.category = Category::Spot;
        limit.side = Side::Buy;
        limit.quantity = dec("0.01");
        limit.price = dec("52000.5");
        limit.triggerPrice = dec("52000");
        limit.timeInForce = TimeInForce::ImmediateOrCancel;
        limit.clientOrderId = QStringLiteral("btstop2");
        b = bodyOf(okx.createOrderRequest(limit, spotBtc()));
        QCOMPARE(b.value(QLatin1String("tdMode")).toString(), QStringLiteral("cash"));
        QCOMPARE(b.value(QLatin1String("orderPx")).toString(), QStringLiteral("52000.5"));
        QCOMPARE(b.value(QLatin1String("advanceOrdType")).toString(), QStringLiteral("ioc"));
        QVERIFY(!b.contains(QLatin1String("reduceOnly")));

        // The ack names the algo order; the read-back goes to order-algo by algoId.
        const auto ack = okx.parseOrderAck(json("rest-order-algo-ack.json"));
        QVERIFY(ack);
        QCOMPARE(ack->orderId, QStringLiteral("algo-681096944655273984"));
        QCOMPARE(ack->clientOrderId, QStringLiteral("btstop1"));
        OrderReference ref{QStringLiteral("BTC-USDT-SWAP"), Category::Linear, ack->orderId, {}};
        r = okx.openOrdersRequest(Category::Linear, ref.symbol, &ref);
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/order-algo"));
        QCOMPARE(r.query, (QList<std::pair<QString, QString>>{
                              {QStringLiteral("algoId"), QStringLiteral("681096944655273984")}}));
        // A lost create reply: looked up by our algoClOrdId, on the algo endpoint (history too).
        OrderReference lost{QStringLiteral("BTC-USDT-SWAP"), Category::Linear, {}, QStringLiteral("btstop1")};
        QVERIFY(okx.isAlgoClientOrderId(QStringLiteral("btstop1")));
        r = okx.orderHistoryRequest(Category::Linear, lost.symbol, &lost);
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/order-algo"));
        QCOMPARE(r.query.value(0).first, QStringLiteral("algoClOrdId"));
        QCOMPARE(r.query.value(0).second, QStringLiteral("btstop1"));
        // A plain order's client id stays on the plain endpoint.
        OrderReference plain{QStringLiteral("BTC-USDT-SWAP"), Category::Linear, {}, QStringLiteral("bt9")};
        QCOMPARE(okx.openOrdersRequest(Category::Linear, plain.symbol, &plain).url.path(),
                 QStringLiteral("/base/api/v5/trade/order"));

        // OKX's refusal: its sCode and sMsg verbatim.
        QVERIFY(!okx.parseOrderAck(json("rest-order-algo-rejected.json")));
        const auto error = OkxMarketData().replyError(json("rest-order-algo-rejected.json"));
        QVERIFY(error);
        QCOMPARE(error->venueCode, QStringLiteral("51169"));
        QCOMPARE(error->message, QStringLiteral("Order failed because you don't have any positions in this "
                                                "direction for this contract to reduce or close."));
    }

    void cancelsAmendsAndListsTriggerOrders()
    {
        OkxTrading okx{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        const OrderReference ref{QStringLiteral("BTC-USDT-SWAP"), Category::Linear,
                                 QStringLiteral("algo-681096944655273984"), QStringLiteral("btstop1")};
        SignedRequest r = okx.cancelOrderRequest(ref);
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/cancel-algos"));
        QCOMPARE(QJsonDocument::fromJson(r.body).array(),
                 (QJsonArray{QJsonObject{{QStringLiteral("instId"), QStringLiteral("BTC-USDT-SWAP")},
                                         {QStringLiteral("algoId"), QStringLiteral("681096944655273984")}}}));
        // A plain order still goes to cancel-order.
        QCOMPARE(okx.cancelOrderRequest(
                        {QStringLiteral("BTC-USDT-SWAP"), Category::Linear, QStringLiteral("77"), {}})
                     .url.path(),
                 QStringLiteral("/base/api/v5/trade/cancel-order"));

        OrderAmendment amendment;
        amendment.order = ref;
        amendment.triggerPrice = dec("49500");
        amendment.quantity = dec("3");
        QVERIFY(okx.notOfferedAmendment(amendment).isEmpty());
        r = okx.amendOrderRequest(amendment, swapBtc());
        QCOMPARE(r.url.path(), QStringLiteral("/base/api/v5/trade/amend-algos"));
        QJsonObject b = bodyOf(r);
        QCOMPARE(b.value(QLatin1String("algoId")).toString(), QStringLiteral("681096944655273984"));
        QCOMPARE(b.value(QLatin1String("instId")).toString(), QStringLiteral("BTC-USDT-SWAP"));
        QCOMPARE(b.value(QLatin1String("newTriggerPx")).toString(), QStringLiteral("49500.0"));
        QCOMPARE(b.value(QLatin1String("newSz")).toString(), QStringLiteral("3.00"));
        QVERIFY(!b.contains(QLatin1String("newOrdPx")));
        // A market stop has no price to change; a plain order takes no trigger price.
        Order current;
        current.type = OrderType::Market;
        amendment.current = current;
        amendment.price = dec("49000");
        QVERIFY(!okx.notOfferedAmendment(amendment).isEmpty());
        OrderAmendment plain;
        plain.order = {QStringLiteral("BTC-USDT-SWAP"), Category::Linear, QStringLiteral("77"), {}};
        plain.triggerPrice = dec("49500");
        QVERIFY(!okx.notOfferedAmendment(plain).isEmpty());
        plain.triggerPrice.reset();
        plain.price = dec("49500");
        QVERIFY(okx.notOfferedAmendment(plain).isEmpty());

        // The waiting trigger orders are read with the open orders.
        const auto more = okx.moreOpenOrdersRequests(Category::Linear, {});
        QCOMPARE(more.size(), 1);
        QCOMPARE(more.at(0).url.path(), QStringLiteral("/base/api/v5/trade/orders-algo-pending"));
        QCOMPARE(more.at(0).query.value(0),
                 (std::pair<QString, QString>{QStringLiteral("ordType"), QStringLiteral("trigger")}));
        QCOMPARE(more.at(0).query.value(1),
                 (std::pair<QString, QString>{QStringLiteral("instType"), QStringLiteral("SWAP")}));
        const auto pending = okx.parseOrders(json("rest-orders-algo-pending.json"));
        QVERIFY2(pending, qPrintable(pending ? QString() : pending.error().message));
        QCOMPARE(pending->size(), std::size_t(2));
        const Order& stop = pending->at(0);
        QCOMPARE(stop.orderId, QStringLiteral("algo-681096944655273984"));
        QCOMPARE(stop.clientOrderId, QStringLiteral("btstop1"));
        QCOMPARE(stop.status, OrderStatus::Untriggered);
        QCOMPARE(stop.type, OrderType::Market);
        QCOMPARE(stop.side, Side::Sell);
        QCOMPARE(stop.quantity, dec("2"));
        QCOMPARE(*stop.triggerPrice, dec("50000"));
        QVERIFY(!stop.price);
        QVERIFY(stop.reduceOnly);
        QCOMPARE(stop.category, Category::Linear);
        const Order& stopLimit = pending->at(1);
        QCOMPARE(stopLimit.type, OrderType::Limit);
        QCOMPARE(*stopLimit.price, dec("52000.5"));
        QCOMPARE(stopLimit.category, Category::Spot);

        // Cancel-all: plain orders in cancel-batch-orders, trigger orders in cancel-algos.
        std::vector<Order> open = *pending;
        const auto plainOpen = okx.parseOrders(json("rest-orders-pending.json"));
        QVERIFY(plainOpen);
        open.insert(open.end(), plainOpen->begin(), plainOpen->end());
        const QList<SignedRequest> cancels = okx.cancelOpenOrdersRequests(open);
        QCOMPARE(cancels.size(), 2);
        QCOMPARE(cancels.at(0).url.path(), QStringLiteral("/base/api/v5/trade/cancel-batch-orders"));
        QCOMPARE(cancels.at(1).url.path(), QStringLiteral("/base/api/v5/trade/cancel-algos"));
        const QJsonArray algos = QJsonDocument::fromJson(cancels.at(1).body).array();
        QCOMPARE(algos.size(), 2);
        QCOMPARE(algos.at(0).toObject().value(QLatin1String("algoId")).toString(),
                 QStringLiteral("681096944655273984"));
        QCOMPARE(algos.at(1).toObject().value(QLatin1String("instId")).toString(),
                 QStringLiteral("BTC-USDT"));
        // Eleven trigger orders: cancel-algos takes ten a request.
        std::vector<Order> many;
        for (int i = 0; i < 11; ++i) {
            Order o = pending->at(0);
            o.orderId = QStringLiteral("algo-%1").arg(900 + i);
            many.push_back(o);
        }
        const auto manyCancels = okx.cancelOpenOrdersRequests(many);
        QCOMPARE(manyCancels.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(manyCancels.at(0).body).array().size(), 10);
        QCOMPARE(QJsonDocument::fromJson(manyCancels.at(1).body).array().size(), 1);
    }

    void parsesOrdersAlgoPushes()
    {
        OkxTrading okx{QUrl(QStringLiteral("http://127.0.0.1:8080/base"))};
        // An order placed by an algo order the adapter does not know as a trigger order (an attached
        // TP/SL): only the order itself.
        const auto unknown =
            okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-orders-push-triggered.json")));
        QCOMPARE(unknown.orders.size(), std::size_t(1));
        QCOMPARE(unknown.orders[0].orderId, QStringLiteral("1752588852617379841"));
        // TP/SL algo orders on orders-algo are not listed.
        QByteArray conditional = fixture(QStringLiteral("okx/ws-orders-algo-push.json"));
        conditional.replace("\"ordType\":\"trigger\"", "\"ordType\":\"conditional\"");
        const auto tpsl = okx.parseStreamFrame(conditional);
        QCOMPARE(tpsl.kind, PrivateStreamFrame::Kind::Data);
        QVERIFY(tpsl.orders.empty());

        const auto live = okx.parseStreamFrameFor(QStringLiteral("business"),
                                                  fixture(QStringLiteral("okx/ws-orders-algo-push.json")));
        QCOMPARE(live.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(live.topic, QStringLiteral("orders-algo:instType=ANY"));
        QCOMPARE(live.orders.size(), std::size_t(1));
        QCOMPARE(live.orders[0].orderId, QStringLiteral("algo-681096944655273984"));
        QCOMPARE(live.orders[0].status, OrderStatus::Untriggered);
        QCOMPARE(*live.orders[0].triggerPrice, dec("50000"));
        QCOMPARE(live.orders[0].updatedMs, 1708658165774);

        // The order it placed fills (orders channel, algoId set): the trigger order ends with it,
        // keeping its trigger price.
        const auto child = okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-orders-push-triggered.json")));
        QCOMPARE(child.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(child.orders.size(), std::size_t(2));
        const Order& algo = child.orders[0];
        QCOMPARE(algo.orderId, QStringLiteral("algo-681096944655273984"));
        QCOMPARE(algo.clientOrderId, QStringLiteral("btstop1"));
        QCOMPARE(algo.status, OrderStatus::Filled);
        QCOMPARE(*algo.triggerPrice, dec("50000"));
        QCOMPARE(child.orders[1].orderId, QStringLiteral("1752588852617379841"));
        QCOMPARE(child.orders[1].status, OrderStatus::Filled);
        QCOMPARE(child.fills.size(), std::size_t(1));

        // Placing its order failed: Rejected, with OKX's failCode verbatim.
        const auto failed = okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-orders-algo-failed.json")));
        QCOMPARE(failed.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(failed.orders[0].status, OrderStatus::Rejected);
        QCOMPARE(failed.orders[0].reason, QStringLiteral("51008"));
        QCOMPARE(failed.orders[0].type, OrderType::Limit);
        QCOMPARE(*failed.orders[0].price, dec("50000.5"));

        QCOMPARE(OkxTrading::statusFromOkxAlgo(QStringLiteral("effective")), OrderStatus::Triggered);
        QCOMPARE(OkxTrading::statusFromOkxAlgo(QStringLiteral("canceled")), OrderStatus::Deactivated);
        QCOMPARE(OkxTrading::statusFromOkxAlgo(QStringLiteral("pause")), OrderStatus::Untriggered);
        // An algo push without its documented fields is Malformed, not a crash.
        const auto broken = okx.parseStreamFrame(
            R"({"arg":{"channel":"orders-algo","instType":"ANY"},"data":[{"algoId":"1","ordType":"trigger"}]})");
        QCOMPARE(broken.kind, PrivateStreamFrame::Kind::Malformed);
    }

    void parsesPositionAndAccountPushes()
    {
        const auto positions = m_okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-positions-push.json")));
        QCOMPARE(positions.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(positions.topic, QStringLiteral("positions:instType=ANY"));
        QCOMPARE(positions.positions[0].side, std::optional<Side>(Side::Buy));
        QCOMPARE(positions.positions[0].size, dec("2"));
        QCOMPARE(*positions.positions[0].entryPrice, dec("3000.5"));
        const auto account = m_okx.parseStreamFrame(fixture(QStringLiteral("okx/ws-account-push.json")));
        QCOMPARE(account.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(account.topic, QStringLiteral("account"));
        QCOMPARE(account.balances.size(), std::size_t(1));
        QCOMPARE(account.balances[0].walletBalance, dec("4850.435693622894"));
    }
};

QTEST_GUILESS_MAIN(TestOkxTrading)
#include "tst_okxtrading.moc"
