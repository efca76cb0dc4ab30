#include "exchanges/bitmex/bitmexmarketdata.h"
#include "exchanges/bitmex/bitmextrading.h"
#include "exchanges/core/ordersubmitter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

QByteArray fixture(const char* name)
{
    QFile f(QStringLiteral(BOTTERM_FIXTURES "/bitmex/%1").arg(QLatin1String(name)));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll().trimmed();
}

QJsonDocument fixtureJson(const char* name)
{
    return QJsonDocument::fromJson(fixture(name));
}

Instrument xbtusd()
{
    Instrument i;
    i.venue = QStringLiteral("bitmex");
    i.symbol = QStringLiteral("XBTUSD");
    i.category = Category::Inverse;
    i.tickSize = dec("0.5");
    i.lotSize = dec("100");
    i.minQuantity = dec("100");
    return i;
}

Instrument xbtusdt()
{
    Instrument i;
    i.venue = QStringLiteral("bitmex");
    i.symbol = QStringLiteral("XBTUSDT");
    i.category = Category::Linear;
    i.tickSize = dec("0.1");
    i.lotSize = dec("1000");
    i.minQuantity = dec("1000");
    return i;
}

QString queryValue(const SignedRequest& r, const char* key)
{
    for (const auto& [k, v] : r.query) {
        if (k == QLatin1String(key))
            return v;
    }
    return {};
}

} // namespace

class TestBitmexTrading : public QObject
{
    Q_OBJECT

private:
    BitmexTrading trading{QUrl(QStringLiteral("https://www.bitmex.com"))};

private Q_SLOTS:
    // BitMEX has no field for a take-profit or stop-loss attached to an order: the order is refused
    // before anything is sent rather than sent without them.
    void refusesAttachedTakeProfitBeforeSending()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("XBTUSD");
        o.category = Category::Inverse;
        o.side = Side::Buy;
        o.quantity = dec("100");
        o.price = dec("36000.50");
        o.takeProfit = dec("37000");
        OrderSubmitter submitter(nullptr, &trading); // no client: whatever reached it would fail, not refuse
        std::optional<OrderSubmitter::PlaceOutcome> outcome;
        submitter.place(o, xbtusd(), std::nullopt,
                        [&outcome](const OrderSubmitter::PlaceOutcome& out) { outcome = out; });
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
        QCOMPARE(outcome->violations.size(), std::size_t(1));
        QCOMPARE(outcome->violations.front().rule, OrderRuleViolation::Rule::NotOfferedByVenue);
        QVERIFY(outcome->violations.front().message.contains(QLatin1String("take-profit")));
        o.takeProfit.reset();
        QVERIFY(trading.notOffered(o).isEmpty());
    }

    void buildsPostOnlyLimitOnTheGrid()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("XBTUSD");
        o.category = Category::Inverse;
        o.side = Side::Buy;
        o.quantity = dec("100");
        o.price = dec("36000.50");
        o.timeInForce = TimeInForce::PostOnly;
        o.clientOrderId = QStringLiteral("bt-test-1");
        const SignedRequest r = trading.createOrderRequest(o, xbtusd());
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url, QUrl(QStringLiteral("https://www.bitmex.com/api/v1/order")));
        QCOMPARE(r.venue, QStringLiteral("bitmex"));
        // Numbers keep their exact text: "36000.5" on the 0.5 grid, never through double.
        QCOMPARE(r.body, QByteArray(R"({"symbol":"XBTUSD","side":"Buy","orderQty":100,"ordType":"Limit",)"
                                    R"("clOrdID":"bt-test-1","price":36000.5,"timeInForce":"GoodTillCancel",)"
                                    R"("execInst":"ParticipateDoNotInitiate"})"));
        QCOMPARE(r.contentType, QByteArray("application/json"));
    }

    void buildsMarketIocReduceOnlyAndStops()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("XBTUSDT");
        o.category = Category::Linear;
        o.side = Side::Sell;
        o.type = OrderType::Market;
        o.quantity = dec("3000");
        o.timeInForce = TimeInForce::ImmediateOrCancel;
        o.reduceOnly = true;
        o.clientOrderId = QStringLiteral("c1");
        QJsonObject body = QJsonDocument::fromJson(trading.createOrderRequest(o, xbtusdt()).body).object();
        QCOMPARE(body.value(QLatin1String("ordType")).toString(), QStringLiteral("Market"));
        QCOMPARE(body.value(QLatin1String("timeInForce")).toString(), QStringLiteral("ImmediateOrCancel"));
        QCOMPARE(body.value(QLatin1String("execInst")).toString(), QStringLiteral("ReduceOnly"));
        QVERIFY(!body.contains(QLatin1String("price")));

        o.triggerPrice = dec("35000.1");
        o.timeInForce = TimeInForce::GoodTillCancel;
        o.reduceOnly = false;
        body = QJsonDocument::fromJson(trading.createOrderRequest(o, xbtusdt()).body).object();
        QCOMPARE(body.value(QLatin1String("ordType")).toString(),
                 QStringLiteral("Stop")); // a sell stop falls
        QCOMPARE(trading.createOrderRequest(o, xbtusdt()).body.contains("\"stopPx\":35000.1"), true);
        QCOMPARE(body.value(QLatin1String("execInst")).toString(), QStringLiteral("LastPrice"));

        o.triggerDirection = TriggerDirection::RisesTo; // sell when the price rises to it: if-touched
        body = QJsonDocument::fromJson(trading.createOrderRequest(o, xbtusdt()).body).object();
        QCOMPARE(body.value(QLatin1String("ordType")).toString(), QStringLiteral("MarketIfTouched"));

        o.type = OrderType::Limit;
        o.price = dec("35000");
        o.triggerDirection = TriggerDirection::FallsTo;
        o.timeInForce = TimeInForce::FillOrKill;
        body = QJsonDocument::fromJson(trading.createOrderRequest(o, xbtusdt()).body).object();
        QCOMPARE(body.value(QLatin1String("ordType")).toString(), QStringLiteral("StopLimit"));
        QCOMPARE(body.value(QLatin1String("timeInForce")).toString(), QStringLiteral("FillOrKill"));
        QVERIFY(trading.createOrderRequest(o, xbtusdt()).body.contains("\"price\":35000.0"));
    }

    void buildsAmendCancelAndReads()
    {
        OrderAmendment a;
        a.order.orderId = QStringLiteral("b7a2");
        a.price = dec("36001");
        a.quantity = dec("200");
        SignedRequest r = trading.amendOrderRequest(a, xbtusd());
        QCOMPARE(r.method, QByteArray("PUT"));
        QCOMPARE(r.body, QByteArray(R"({"orderID":"b7a2","orderQty":200,"price":36001.0})"));
        a.order.orderId.clear();
        a.order.clientOrderId = QStringLiteral("bt-1");
        a.quantity.reset();
        QCOMPARE(trading.amendOrderRequest(a, xbtusd()).body,
                 QByteArray(R"({"origClOrdID":"bt-1","price":36001.0})"));

        OrderReference ref{QStringLiteral("XBTUSD"), Category::Inverse, {}, QStringLiteral("bt-1")};
        r = trading.cancelOrderRequest(ref);
        QCOMPARE(r.method, QByteArray("DELETE"));
        QCOMPARE(r.url.path(), QStringLiteral("/api/v1/order"));
        QCOMPARE(r.body, QByteArray(R"({"clOrdID":"bt-1"})"));
        r = trading.cancelAllRequest(Category::Inverse, QStringLiteral("XBTUSD"));
        QCOMPARE(r.url.path(), QStringLiteral("/api/v1/order/all"));
        QCOMPARE(r.body, QByteArray(R"({"symbol":"XBTUSD"})"));

        r = trading.openOrdersRequest(Category::Inverse, {});
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(queryValue(r, "filter"), QStringLiteral(R"({"open":true})"));
        r = trading.openOrdersRequest(Category::Inverse, QStringLiteral("XBTUSD"), &ref);
        QCOMPARE(queryValue(r, "filter"), QStringLiteral(R"({"clOrdID":"bt-1"})"));
        QCOMPARE(queryValue(r, "symbol"), QStringLiteral("XBTUSD"));
        QCOMPARE(trading.executionsRequest(Category::Inverse, {}).url.path(),
                 QStringLiteral("/api/v1/execution/tradeHistory"));
        QCOMPARE(trading.positionsRequest(Category::Linear, {}).url.path(),
                 QStringLiteral("/api/v1/position"));
        r = trading.balancesRequest();
        QCOMPARE(r.url.path(), QStringLiteral("/api/v1/user/margin"));
        QCOMPARE(queryValue(r, "currency"), QStringLiteral("all"));
    }

    void makesShortUniqueClientIds()
    {
        QSet<QString> ids;
        for (int i = 0; i < 200; ++i) {
            const QString id = trading.newClientOrderId();
            QVERIFY(id.size() <= 36);
            ids.insert(id);
        }
        QCOMPARE(ids.size(), 200);
    }

    void readsOrdersAndAcks()
    {
        const auto ack = trading.parseOrderAck(fixtureJson("rest-order-create.json"));
        QVERIFY(ack);
        QCOMPARE(ack->orderId, QStringLiteral("b7a2f0c4-3c4e-4b1e-9a51-0d3c2f8e9a10"));
        QCOMPARE(ack->clientOrderId, QStringLiteral("bt-test-1"));
        QVERIFY(trading.parseOrderAck(fixtureJson("rest-order-cancel.json")));
        const auto refused = trading.parseOrderAck(fixtureJson("rest-order-cancel-error.json"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().message,
                 QStringLiteral("Unable to cancel order due to existing state: Filled"));

        const auto orders = trading.parseOrders(fixtureJson("rest-order-open.json"));
        QVERIFY(orders);
        QCOMPARE(orders->size(), std::size_t(2));
        const Order& limit = orders->at(0);
        QCOMPARE(limit.category, Category::Inverse);
        QCOMPARE(limit.status, OrderStatus::New);
        QCOMPARE(limit.timeInForce, TimeInForce::PostOnly);
        QVERIFY(limit.price->isIdenticalTo(dec("36000.5")));
        QCOMPARE(limit.quantity, dec("100"));
        const Order& stop = orders->at(1);
        QCOMPARE(stop.category, Category::Linear);
        QCOMPARE(stop.status, OrderStatus::Untriggered);
        QCOMPARE(stop.type, OrderType::Market);
        QVERIFY(stop.reduceOnly);
        QVERIFY(stop.triggerPrice->isIdenticalTo(dec("35000.1")));
        QCOMPARE(stop.timeInForce, TimeInForce::ImmediateOrCancel);

        const auto cancelled = trading.parseOrders(fixtureJson("rest-order-cancel.json"));
        QCOMPARE(cancelled->at(0).status, OrderStatus::Cancelled);
        QCOMPARE(cancelled->at(0).reason, QStringLiteral("Canceled: Cancel from API\nSubmitted via API."));
        QVERIFY(!trading.parseOrders(QJsonDocument::fromJson(R"({"error":{}})")));
    }

    void readsFillsPositionsAndMarginExactly()
    {
        const auto fills = trading.parseFills(fixtureJson("rest-execution-tradehistory.json"));
        QVERIFY(fills);
        QCOMPARE(fills->size(), std::size_t(1)); // the funding row is not a fill
        QCOMPARE(fills->at(0).price, dec("36759.5"));
        QCOMPARE(fills->at(0).quantity, dec("200"));
        QVERIFY(fills->at(0).fee.isIdenticalTo(dec("0.00000408"))); // 408 XBt
        QCOMPARE(fills->at(0).feeCurrency, QStringLiteral("XBT"));
        QVERIFY(!fills->at(0).isMaker);
        QCOMPARE(fills->at(0).side, Side::Sell);

        const auto positions = trading.parsePositions(fixtureJson("rest-position.json"));
        QVERIFY(positions);
        QCOMPARE(positions->size(), std::size_t(3));
        QCOMPARE(positions->at(0).side, std::optional(Side::Sell));
        QCOMPARE(positions->at(0).size, dec("200"));
        QCOMPARE(positions->at(0).category, Category::Inverse);
        QVERIFY(positions->at(0).unrealisedPnl->isIdenticalTo(dec("-0.00000026")));
        QCOMPARE(positions->at(1).category, Category::Linear);
        QVERIFY(positions->at(1).realisedPnl->isIdenticalTo(dec("-0.082688"))); // USDt: 10^-6 USDT
        QVERIFY(!positions->at(2).side);

        const auto balances = trading.parseBalances(fixtureJson("rest-user-margin.json"));
        QVERIFY(balances);
        QCOMPARE(balances->size(), std::size_t(2));
        QCOMPARE(balances->at(0).coin, QStringLiteral("XBT"));
        QVERIFY(balances->at(0).walletBalance.isIdenticalTo(dec("0.1234527")));
        QVERIFY(balances->at(0).available->isIdenticalTo(dec("0.1228923")));
        QCOMPARE(balances->at(1).coin, QStringLiteral("USDT"));
        QVERIFY(balances->at(1).walletBalance.isIdenticalTo(dec("1500.167312")));
    }

    void recognisesDuplicateClientOrderId()
    {
        RestError e;
        e.kind = RestError::Kind::Venue;
        e.venueCode = QStringLiteral("HTTPError");
        e.message = QStringLiteral("Duplicate clOrdID");
        QVERIFY(trading.isDuplicateClientOrderId(e));
        e.message = QStringLiteral("Invalid ordStatus");
        QVERIFY(!trading.isDuplicateClientOrderId(e));
    }

    void signsTheStreamLoginAsBitmexDoes()
    {
        const Credentials c(QStringLiteral("LAqUlngMIQkIUjXMUreyu3qn"),
                            QByteArray("chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO"));
        const QJsonObject o = QJsonDocument::fromJson(trading.streamAuthMessage(c, 1795662960'500)).object();
        QCOMPARE(o.value(QLatin1String("op")).toString(), QStringLiteral("authKeyExpires"));
        const QJsonArray args = o.value(QLatin1String("args")).toArray();
        QCOMPARE(args.at(0).toString(), c.key);
        QCOMPARE(args.at(1).toInteger(), 1795662960); // seconds
        const QByteArray expected =
            QMessageAuthenticationCode::hash("GET/realtime1795662960", c.secret, QCryptographicHash::Sha256)
                .toHex();
        QCOMPARE(args.at(2).toString().toLatin1(), expected);
        QCOMPARE(trading.streamTopics(), (QStringList{QStringLiteral("order"), QStringLiteral("execution"),
                                                      QStringLiteral("position"), QStringLiteral("margin")}));
        QCOMPARE(BitmexTrading::privateStreamUrl(Environment::Testnet),
                 QUrl(QStringLiteral("wss://ws.testnet.bitmex.com/realtime")));
    }

    void readsPrivateStreamControlFrames()
    {
        using Kind = PrivateStreamFrame::Kind;
        QCOMPARE(trading.parseStreamFrame(fixture("private-auth-ok.json")).kind, Kind::AuthAccepted);
        const PrivateStreamFrame failed = trading.parseStreamFrame(fixture("private-auth-failed.json"));
        QCOMPARE(failed.kind, Kind::AuthRejected);
        QCOMPARE(failed.error, QStringLiteral("Signature not valid."));
        QCOMPARE(trading.parseStreamFrame(fixture("private-subscribe-ack.json")).kind, Kind::SubscribeAck);
        QCOMPARE(trading.parseStreamFrame("pong").kind, Kind::Pong);
        QCOMPARE(trading.parseStreamFrame(fixture("welcome.json")).kind, Kind::Ignored);
        QCOMPARE(trading.parseStreamFrame("{oops").kind, Kind::Malformed);
        QCOMPARE(
            trading.parseStreamFrame(R"({"table":"order","action":"insert","data":[{"symbol":"XBTUSD"}]})")
                .kind,
            Kind::Malformed);
    }

    void mergesOrderUpdatesIntoTheFullRow()
    {
        BitmexTrading t{QUrl(QStringLiteral("https://www.bitmex.com"))};
        const PrivateStreamFrame inserted = t.parseStreamFrame(fixture("private-order-insert.json"));
        QCOMPARE(inserted.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(inserted.topic, QStringLiteral("order"));
        QCOMPARE(inserted.orders.size(), std::size_t(1));
        QCOMPARE(inserted.orders[0].status, OrderStatus::New);
        // The update carries only what changed; the order keeps its price, side and quantity.
        const PrivateStreamFrame cancelled = t.parseStreamFrame(fixture("private-order-update-cancel.json"));
        QCOMPARE(cancelled.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(cancelled.orders.size(), std::size_t(1));
        const Order& o = cancelled.orders[0];
        QCOMPARE(o.status, OrderStatus::Cancelled);
        QVERIFY(o.price->isIdenticalTo(dec("36000.5")));
        QCOMPARE(o.quantity, dec("100"));
        QCOMPARE(o.category, Category::Inverse);
        QCOMPARE(o.reason, QStringLiteral("Canceled: Cancel from API\nSubmitted via API."));
    }

    void readsExecutionPositionAndMarginPushes()
    {
        BitmexTrading t{QUrl(QStringLiteral("https://www.bitmex.com"))};
        const PrivateStreamFrame exec = t.parseStreamFrame(fixture("private-execution.json"));
        QCOMPARE(exec.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(exec.fills.size(), std::size_t(1));
        QCOMPARE(exec.fills[0].clientOrderId, QStringLiteral("bt-test-3"));
        const PrivateStreamFrame pos = t.parseStreamFrame(fixture("private-position-update.json"));
        QCOMPARE(pos.positions.size(), std::size_t(1));
        QCOMPARE(pos.positions[0].size, dec("200"));
        QCOMPARE(pos.positions[0].side, std::optional(Side::Sell));
        const PrivateStreamFrame margin = t.parseStreamFrame(fixture("private-margin-update.json"));
        QCOMPARE(margin.balances.size(), std::size_t(1));
        QCOMPARE(margin.balances[0].coin, QStringLiteral("XBT"));
        QVERIFY(margin.balances[0].walletBalance.isIdenticalTo(dec("0.1234527")));
        // A later update with only the mark price keeps the size from the earlier row.
        const PrivateStreamFrame mark = t.parseStreamFrame(
            R"({"table":"position","action":"update","data":[{"account":123456,"symbol":"XBTUSD","currency":"XBt","markPrice":36770}]})");
        QCOMPARE(mark.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(mark.positions[0].size, dec("200"));
        QCOMPARE(*mark.positions[0].markPrice, dec("36770"));
    }

    void privateStreamNumbersArriveExactly()
    {
        // Numbers a double cannot hold: 17 significant digits, an integer above 2^53, a satoshi amount
        // whose XBT value has a 17-digit mantissa. Each arrives with the digits BitMEX wrote.
        BitmexTrading t{QUrl(QStringLiteral("https://www.bitmex.com"))};
        const PrivateStreamFrame exec = t.parseStreamFrame(
            R"({"table":"execution","action":"insert","data":[{"execID":"e-1","orderID":"o-1","clOrdID":"bt-x",)"
            R"("account":123456,"symbol":"XBTUSDT","side":"Buy","lastQty":9007199254740993,)"
            R"("lastPx":36759.123456789012,"lastLiquidityInd":"AddedLiquidity","settlCurrency":"USDt",)"
            R"("execType":"Trade","execComm":12345678901234567,"transactTime":"2026-11-26T03:00:06.250Z"}]})");
        QCOMPARE(exec.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(exec.fills.size(), std::size_t(1));
        QVERIFY(exec.fills[0].price.isIdenticalTo(dec("36759.123456789012")));
        QVERIFY(exec.fills[0].quantity.isIdenticalTo(dec("9007199254740993")));
        QVERIFY(exec.fills[0].fee.isIdenticalTo(dec("12345678901.234567"))); // USDt: 10^-6 USDT
        QCOMPARE(exec.fills[0].feeCurrency, QStringLiteral("USDT"));
        // The same values through a double would differ: the test can fail.
        QVERIFY(BitmexMarketData::decimalFromJson(QJsonValue(36759.123456789012)) !=
                dec("36759.123456789012"));

        // An order update merged into its row keeps the exact price; the account key written as a number
        // still finds the row.
        const PrivateStreamFrame inserted = t.parseStreamFrame(
            R"({"table":"order","action":"insert","data":[{"orderID":"o-2","clOrdID":"bt-y","account":1,)"
            R"("symbol":"XBTUSDT","side":"Sell","orderQty":1000,"price":70000.000000000001,"ordType":"Limit",)"
            R"("ordStatus":"New","settlCurrency":"USDt","cumQty":0,"timestamp":"2026-11-26T03:00:06.250Z"}]})");
        QCOMPARE(inserted.orders.size(), std::size_t(1));
        QVERIFY(inserted.orders[0].price->isIdenticalTo(dec("70000.000000000001")));
        const PrivateStreamFrame filled = t.parseStreamFrame(
            R"({"table":"order","action":"update","data":[{"orderID":"o-2","account":1,"symbol":"XBTUSDT",)"
            R"("ordStatus":"PartiallyFilled","cumQty":400,"avgPx":70000.000000000001}]})");
        QCOMPARE(filled.orders.size(), std::size_t(1));
        QVERIFY(filled.orders[0].price->isIdenticalTo(dec("70000.000000000001")));
        QVERIFY(filled.orders[0].averageFillPrice->isIdenticalTo(dec("70000.000000000001")));
        QCOMPARE(filled.orders[0].filledQuantity, dec("400"));
        const PrivateStreamFrame position = t.parseStreamFrame(
            R"({"table":"position","action":"partial","data":[{"account":1,"symbol":"XBTUSDT","currency":"USDt",)"
            R"("currentQty":-9007199254740993,"avgEntryPrice":70000.000000000001,"timestamp":"2026-11-26T03:00:06.250Z"}]})");
        QCOMPARE(position.positions.size(), std::size_t(1));
        QVERIFY(position.positions[0].size.isIdenticalTo(dec("9007199254740993")));
        QVERIFY(position.positions[0].entryPrice->isIdenticalTo(dec("70000.000000000001")));
        // Broken JSON is still refused.
        QCOMPARE(t.parseStreamFrame(R"({"table":"order","action":"insert","data":[{"price":1.2.3}]})").kind,
                 PrivateStreamFrame::Kind::Malformed);
    }

    void restIntegersArriveExactly()
    {
        // A REST reply reaches the adapter as a QJsonDocument; Qt keeps integers as 64-bit, so sizes and
        // satoshi amounts above 2^53 stay exact (fractions are a double's 15-17 digits there).
        const auto orders = trading.parseOrders(QJsonDocument::fromJson(
            R"([{"orderID":"o-3","clOrdID":"bt-z","symbol":"XBTUSD","side":"Buy","orderQty":9007199254740993,)"
            R"("price":36000.5,"ordType":"Limit","ordStatus":"New","currency":"USD","settlCurrency":"XBt",)"
            R"("cumQty":0,"timestamp":"2026-11-26T03:00:06.250Z"}])"));
        QVERIFY(orders);
        QVERIFY(orders->at(0).quantity.isIdenticalTo(dec("9007199254740993")));
        QVERIFY(orders->at(0).price->isIdenticalTo(dec("36000.5")));
    }
};

QTEST_GUILESS_MAIN(TestBitmexTrading)
#include "tst_bitmextrading.moc"
