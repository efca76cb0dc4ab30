#include "exchanges/gmocoin/gmocoinstreamprotocol.h"
#include "exchanges/gmocoin/gmocointrading.h"
#include "support/recordingsink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestGmocoinTrading : public QObject
{
    Q_OBJECT

private:
    GmocoinTrading adapter{QUrl(QStringLiteral("https://api.coin.z.com"))};

    static Instrument instrument(const char* symbol, const char* tick, const char* step)
    {
        Instrument i;
        i.venue = QStringLiteral("gmocoin");
        i.symbol = QLatin1String(symbol);
        i.category = QLatin1String(symbol).contains(QLatin1Char('_')) ? Category::Linear : Category::Spot;
        i.tickSize = dec(tick);
        i.lotSize = dec(step);
        i.minQuantity = dec(step);
        return i;
    }
    static QJsonDocument json(const char* name)
    {
        return QJsonDocument::fromJson(fixture(QStringLiteral("gmocoin/") + QLatin1String(name)));
    }
    static OrderRequest order(const char* symbol, Side side, OrderType type, const char* qty,
                              std::optional<const char*> price = std::nullopt)
    {
        OrderRequest r;
        r.symbol = QLatin1String(symbol);
        r.category = r.symbol.contains(QLatin1Char('_')) ? Category::Linear : Category::Spot;
        r.side = side;
        r.type = type;
        r.quantity = dec(qty);
        if (price)
            r.price = dec(*price);
        return r;
    }

private Q_SLOTS:
    void buildsSpotLimitOnTheGrid()
    {
        const Instrument btc = instrument("BTC", "1", "0.0001");
        OrderRequest r = order("BTC", Side::Buy, OrderType::Limit, "0.01234", "15000000.4");
        const SignedRequest s = adapter.createOrderRequest(r, btc);
        QCOMPARE(s.method, QByteArray("POST"));
        QCOMPARE(s.url, QUrl(QStringLiteral("https://api.coin.z.com/private/v1/order")));
        QCOMPARE(s.params, (QJsonObject{{QStringLiteral("symbol"), QStringLiteral("BTC")},
                                        {QStringLiteral("side"), QStringLiteral("BUY")},
                                        {QStringLiteral("executionType"), QStringLiteral("LIMIT")},
                                        {QStringLiteral("timeInForce"), QStringLiteral("FAS")},
                                        {QStringLiteral("price"), QStringLiteral("15000000")},
                                        {QStringLiteral("size"), QStringLiteral("0.0123")}}));
        r.timeInForce = TimeInForce::PostOnly;
        QCOMPARE(adapter.createOrderRequest(r, btc).params.value(QLatin1String("timeInForce")).toString(),
                 QStringLiteral("SOK"));
        r.timeInForce = TimeInForce::ImmediateOrCancel;
        QCOMPARE(adapter.createOrderRequest(r, btc).params.value(QLatin1String("timeInForce")).toString(),
                 QStringLiteral("FAK"));
        // Spot cannot be reduce-only: nothing is sent.
        r.reduceOnly = true;
        QVERIFY(GmocoinTrading::isUnsupported(adapter.createOrderRequest(r, btc)));
    }

    void leverageOrdersOpenCloseAndStop()
    {
        const Instrument xrp = instrument("XRP_JPY", "0.001", "1");
        OrderRequest market = order("XRP_JPY", Side::Sell, OrderType::Market, "12.7");
        SignedRequest s = adapter.createOrderRequest(market, xrp);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/order"));
        QCOMPARE(s.params.value(QLatin1String("executionType")).toString(), QStringLiteral("MARKET"));
        QCOMPARE(s.params.value(QLatin1String("size")).toString(), QStringLiteral("12"));
        QVERIFY(!s.params.contains(QLatin1String("price")));
        // Reduce-only closes positions of the other side.
        market.reduceOnly = true;
        s = adapter.createOrderRequest(market, xrp);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/closeBulkOrder"));
        QCOMPARE(s.params.value(QLatin1String("side")).toString(), QStringLiteral("SELL"));
        // A trigger price is a STOP (stop-market) order at that price.
        OrderRequest stop = order("XRP_JPY", Side::Buy, OrderType::Market, "10");
        stop.triggerPrice = dec("81.2345");
        s = adapter.createOrderRequest(stop, xrp);
        QCOMPARE(s.params.value(QLatin1String("executionType")).toString(), QStringLiteral("STOP"));
        QCOMPARE(s.params.value(QLatin1String("price")).toString(),
                 QStringLiteral("81.235")); // the nearest tick
        stop.type = OrderType::Limit;       // stop-limit: GMO has none
        stop.price = dec("81");
        QVERIFY(GmocoinTrading::isUnsupported(adapter.createOrderRequest(stop, xrp)));
        // Closing one position by its id.
        s = adapter.closePositionRequest(QStringLiteral("XRP_JPY"), Side::Buy, QStringLiteral("1234567"),
                                         dec("5"), std::nullopt, xrp);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/closeOrder"));
        QCOMPARE(s.params.value(QLatin1String("side")).toString(), QStringLiteral("SELL"));
        const QJsonObject settle =
            s.params.value(QLatin1String("settlePosition")).toArray().first().toObject();
        QCOMPARE(settle.value(QLatin1String("positionId")).toInteger(), qint64(1234567));
        QCOMPARE(settle.value(QLatin1String("size")).toString(), QStringLiteral("5"));
    }

    void amendCancelAndQueries()
    {
        const Instrument btc = instrument("BTC", "1", "0.0001");
        OrderAmendment a;
        a.order.orderId = QStringLiteral("637000");
        a.price = dec("14999999.9");
        SignedRequest s = adapter.amendOrderRequest(a, btc);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/changeOrder"));
        QCOMPARE(s.params, (QJsonObject{{QStringLiteral("orderId"), 637000},
                                        {QStringLiteral("price"), QStringLiteral("15000000")}}));
        a.quantity = dec("1");
        QVERIFY(GmocoinTrading::isUnsupported(adapter.amendOrderRequest(a, btc)));
        OrderReference ref;
        ref.orderId = QStringLiteral("637000");
        s = adapter.cancelOrderRequest(ref);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/cancelOrder"));
        QCOMPARE(s.params, (QJsonObject{{QStringLiteral("orderId"), 637000}}));
        s = adapter.cancelAllRequest(Category::Linear, QStringLiteral("ETH_JPY"));
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/cancelBulkOrder"));
        QCOMPARE(s.params.value(QLatin1String("symbols")).toArray(), (QJsonArray{QStringLiteral("ETH_JPY")}));
        s = adapter.openOrdersRequest(Category::Spot, QStringLiteral("BTC"));
        QCOMPARE(s.method, QByteArray("GET"));
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/activeOrders"));
        QCOMPARE(s.query.first(), (QPair<QString, QString>{QStringLiteral("symbol"), QStringLiteral("BTC")}));
        s = adapter.openOrdersRequest(Category::Spot, QStringLiteral("BTC"), &ref);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/orders"));
        QCOMPARE(adapter.executionsRequest(Category::Spot, QStringLiteral("BTC")).url.path(),
                 QStringLiteral("/private/v1/latestExecutions"));
        QCOMPARE(adapter.positionsRequest(Category::Linear, {}).url.path(),
                 QStringLiteral("/private/v1/positionSummary"));
        QCOMPARE(adapter.balancesRequest().url.path(), QStringLiteral("/private/v1/account/assets"));
        QCOMPARE(adapter.marginRequest().url.path(), QStringLiteral("/private/v1/account/margin"));
    }

    void readsReplies()
    {
        const auto ack = adapter.parseOrderAck(json("rest-order-ack.json"));
        QVERIFY(ack.hasValue());
        QCOMPARE(ack->orderId, QStringLiteral("637000"));
        const auto rejected = adapter.parseOrderAck(json("rest-order-rejected.json"));
        QVERIFY(!rejected.hasValue());
        QCOMPARE(rejected.error().message, QStringLiteral("ERR-201 Trading margin is insufficient"));
        const auto e = GmocoinTrading::replyError(json("rest-order-rejected.json"));
        QCOMPARE(e->venueCode, QStringLiteral("ERR-201"));

        const auto orders = adapter.parseOrders(json("rest-active-orders.json"));
        QVERIFY(orders.hasValue());
        QCOMPARE(orders->size(), std::size_t(2));
        QCOMPARE(orders->at(0).orderId, QStringLiteral("123456789"));
        QCOMPARE(orders->at(0).status, OrderStatus::New);
        QCOMPARE(orders->at(0).price, dec("840000"));
        QCOMPARE(orders->at(0).category, Category::Spot);
        QCOMPARE(orders->at(1).status, OrderStatus::Untriggered);
        QCOMPARE(orders->at(1).triggerPrice, dec("800000"));
        QVERIFY(orders->at(1).reduceOnly);
        QCOMPARE(orders->at(1).category, Category::Linear);
        // settleType names the leg: a spot order (OPEN too) holds none; a CLOSE SELL closes the long.
        QCOMPARE(orders->at(0).positionSide, PositionSide::Net);
        QCOMPARE(orders->at(1).positionSide, PositionSide::Long);

        const auto fills = adapter.parseFills(json("rest-latest-executions.json"));
        QVERIFY(fills.hasValue());
        QCOMPARE(fills->at(0).executionId, QStringLiteral("72123911"));
        QCOMPARE(fills->at(0).quantity, dec("0.7361"));
        QCOMPARE(fills->at(0).fee, dec("323"));
        QVERIFY(!fills->at(0).isMaker);

        const auto positions = adapter.parsePositions(json("rest-position-summary.json"));
        QVERIFY(positions.hasValue());
        QCOMPARE(positions->at(0).symbol, QStringLiteral("BTC_JPY"));
        QCOMPARE(positions->at(0).side, std::optional<Side>(Side::Buy));
        QCOMPARE(positions->at(0).size, dec("11.6999"));
        QCOMPARE(positions->at(0).entryPrice, dec("715656"));
        QCOMPARE(positions->at(0).positionSide, PositionSide::Long);

        const auto balances = adapter.parseBalances(json("rest-assets.json"));
        QVERIFY(balances.hasValue());
        QCOMPARE(balances->size(), std::size_t(2));
        QCOMPARE(balances->at(0).coin, QStringLiteral("JPY"));
        QCOMPARE(balances->at(1).walletBalance, dec("4.0002"));

        const auto margin = adapter.parseMargin(json("rest-margin.json"));
        QVERIFY(margin.hasValue());
        QCOMPARE(margin->coin, QStringLiteral("JPY"));
        QCOMPARE(margin->walletBalance, dec("1021682"));
        QCOMPARE(margin->available, dec("57262506"));
        QCOMPARE(margin->equity, dec("68286188"));
        QVERIFY(!adapter.parseMargin(json("rest-order-rejected.json")).hasValue());
    }

    void privateStreamWithATokenKeptAlive()
    {
        const QList<PrivateStreamSpec> specs = adapter.privateStreams({Category::Spot, Category::Linear}, {});
        QCOMPARE(specs.size(), 1);
        QVERIFY(specs[0].tokenRequest);
        QCOMPARE(specs[0].tokenRequest->method, QByteArray("POST"));
        QCOMPARE(specs[0].tokenRequest->url.path(), QStringLiteral("/private/v1/ws-auth"));
        QVERIFY(specs[0].keepAliveInterval.count() > 0);
        QVERIFY(specs[0].keepAliveInterval < std::chrono::minutes(60));
        const auto token = adapter.parseStreamToken({}, json("rest-ws-auth.json"));
        QVERIFY(token.hasValue());
        QCOMPARE(adapter.streamUrl(specs[0], *token).toString(),
                 QStringLiteral("wss://api.coin.z.com/ws/private/v1/") + *token);
        const SignedRequest keep = adapter.keepAliveRequest({}, *token);
        QCOMPARE(keep.method, QByteArray("PUT"));
        QCOMPARE(keep.params.value(QLatin1String("token")).toString(), *token);
        QVERIFY(!adapter.parseStreamToken({}, json("rest-order-rejected.json")).hasValue());
        // Channel-only subscriptions on the private protocol.
        GmocoinStreamProtocol p;
        const QList<QByteArray> sub = p.subscribeMessages(adapter.streamTopics());
        QCOMPARE(sub.size(), adapter.streamTopics().size()); // one command each, paced by StreamClient
        QVERIFY(p.minimumSendInterval() >= std::chrono::seconds(1));
        QCOMPARE(QJsonDocument::fromJson(sub[0]).object(),
                 (QJsonObject{{QStringLiteral("command"), QStringLiteral("subscribe")},
                              {QStringLiteral("channel"), QStringLiteral("orderEvents")}}));
    }

    void readsStreamEvents()
    {
        PrivateStreamFrame f =
            adapter.parseStreamFrame(fixture(QStringLiteral("gmocoin/ws-order-event.json")));
        QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(f.orders.size(), std::size_t(1));
        QCOMPARE(f.orders[0].status, OrderStatus::New);
        QCOMPARE(f.orders[0].price, dec("876045"));
        QCOMPARE(f.orders[0].quantity, dec("0.8"));
        QCOMPARE(f.orders[0].positionSide, PositionSide::Net); // BTC: spot
        // A leverage order's event: OPEN SELL opens the short, CLOSE SELL closes the long, OPEN BUY opens
        // the long, CLOSE BUY closes the short.
        const QByteArray leverage = fixture(QStringLiteral("gmocoin/ws-order-event-leverage.json"));
        f = adapter.parseStreamFrame(leverage);
        QCOMPARE(f.orders.at(0).positionSide, PositionSide::Short);
        QVERIFY(!f.orders.at(0).reduceOnly);
        const auto legOf = [&](const char* settle, const char* side) {
            QByteArray frame = leverage;
            const QByteArray settleField = "\"settleType\":\"" + QByteArray(settle) + "\"";
            const QByteArray sideField = "\"side\":\"" + QByteArray(side) + "\"";
            frame.replace("\"settleType\":\"OPEN\"", settleField);
            frame.replace("\"side\":\"SELL\"", sideField);
            const PrivateStreamFrame parsed = adapter.parseStreamFrame(frame);
            return parsed.orders.empty() ? std::optional<PositionSide>() : parsed.orders[0].positionSide;
        };
        QCOMPARE(legOf("OPEN", "BUY"), std::optional<PositionSide>(PositionSide::Long));
        QCOMPARE(legOf("OPEN", "SELL"), std::optional<PositionSide>(PositionSide::Short));
        QCOMPARE(legOf("CLOSE", "SELL"), std::optional<PositionSide>(PositionSide::Long));
        QCOMPARE(legOf("CLOSE", "BUY"), std::optional<PositionSide>(PositionSide::Short));
        f = adapter.parseStreamFrame(fixture(QStringLiteral("gmocoin/ws-order-cancel-event.json")));
        QCOMPARE(f.orders[0].status, OrderStatus::Cancelled);
        QCOMPARE(f.orders[0].reason, QStringLiteral("USER"));
        f = adapter.parseStreamFrame(fixture(QStringLiteral("gmocoin/ws-execution-event.json")));
        QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(f.fills.size(), std::size_t(1));
        QCOMPARE(f.fills[0].price, dec("877404"));
        QCOMPARE(f.fills[0].quantity, dec("0.5"));
        QCOMPARE(f.orders[0].status, OrderStatus::PartiallyFilled);
        f = adapter.parseStreamFrame(fixture(QStringLiteral("gmocoin/ws-position-summary-event.json")));
        QCOMPARE(f.positions.size(), std::size_t(1));
        QCOMPARE(f.positions[0].side, std::optional<Side>(Side::Sell));
        QCOMPARE(f.positions[0].positionSide, PositionSide::Short); // GMO's SELL side is the short leg
        f = adapter.parseStreamFrame(R"({"error":"ERR-5003 Request too many."})");
        QCOMPARE(f.kind, PrivateStreamFrame::Kind::SubscribeRejected);
        QCOMPARE(f.error, QStringLiteral("ERR-5003 Request too many."));
        QCOMPARE(adapter.parseStreamFrame("nope").kind, PrivateStreamFrame::Kind::Malformed);
        QCOMPARE(adapter.parseStreamFrame(R"({"channel":"orderEvents","symbol":"BTC"})").kind,
                 PrivateStreamFrame::Kind::Malformed);
    }

    void hedgedLegs()
    {
        // GMO's leverage account holds both sides of a symbol: one leg each, never netted.
        GmocoinTrading gmo(QUrl(QStringLiteral("https://api.coin.z.com")));
        QVERIFY(gmo.hedgesPositions());
        auto positions = gmo.parsePositions(json("rest-position-summary-hedged.json"));
        QVERIFY(positions.hasValue());
        QCOMPARE(positions->size(), std::size_t(2));
        QCOMPARE(positions->at(0).positionSide, PositionSide::Long);
        QCOMPARE(positions->at(0).side, std::optional<Side>(Side::Buy));
        QCOMPARE(positions->at(0).size, dec("11.6999"));
        QCOMPARE(positions->at(1).positionSide, PositionSide::Short);
        QCOMPARE(positions->at(1).side, std::optional<Side>(Side::Sell));
        QCOMPARE(positions->at(1).size, dec("0.5"));
        QCOMPARE(positions->at(1).entryPrice, dec("716200"));
        QCOMPARE(positions->at(1).unrealisedPnl, dec("-1250"));

        // GMO lists open sides only: the short missing from the next summary is reported flat, once.
        positions = gmo.parsePositions(json("rest-position-summary.json"));
        QVERIFY(positions.hasValue());
        QCOMPARE(positions->size(), std::size_t(2));
        QCOMPARE(positions->at(1).symbol, QStringLiteral("BTC_JPY"));
        QCOMPARE(positions->at(1).positionSide, PositionSide::Short);
        QVERIFY(positions->at(1).size.isZero());
        QVERIFY(!positions->at(1).side);
        positions = gmo.parsePositions(json("rest-position-summary.json"));
        QCOMPARE(positions->size(), std::size_t(1));
        // A summary push of size 0 makes a leg flat too.
        const PrivateStreamFrame zero = gmo.parseStreamFrame(
            R"({"channel":"positionSummaryEvents","symbol":"BTC_JPY","side":"BUY","averagePositionRate":"0","positionLossGain":"0","sumOrderQuantity":"0","sumPositionQuantity":"0","timestamp":"2019-03-19T02:15:06.102Z","msgType":"UPDATE"})");
        QCOMPARE(zero.positions.size(), std::size_t(1));
        QVERIFY(!zero.positions[0].side);
        QCOMPARE(zero.positions[0].positionSide, PositionSide::Long);
        QCOMPARE(gmo.parsePositions(json("rest-position-summary.json"))->size(), std::size_t(1));
        // A reply that is an error stays one: GMO's code and message verbatim.
        const auto refused = gmo.parsePositions(json("rest-order-rejected.json"));
        QVERIFY(!refused.hasValue());
        QVERIFY(refused.error().message.contains(QLatin1String("ERR-201 Trading margin is insufficient")));
        // Every symbol's summary is read, so that a missing leg is a flat one.
        QVERIFY(gmo.positionsRequest(Category::Linear, QStringLiteral("ETH_JPY")).query.isEmpty());
    }

    void positionIdsForClosingOne()
    {
        GmocoinTrading gmo(QUrl(QStringLiteral("https://api.coin.z.com")));
        const SignedRequest s = gmo.openPositionsRequest(QStringLiteral("BTC_JPY"));
        QCOMPARE(s.method, QByteArray("GET"));
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/openPositions"));
        QCOMPARE(s.query.first(),
                 (QPair<QString, QString>{QStringLiteral("symbol"), QStringLiteral("BTC_JPY")}));
        const auto open = gmo.parseOpenPositions(json("rest-open-positions.json"), QStringLiteral("BTC_JPY"));
        QVERIFY(open.hasValue());
        QCOMPARE(open->size(), std::size_t(2));
        QCOMPARE(open->at(0).positionId, QStringLiteral("1234567"));
        QCOMPARE(open->at(0).leg, PositionSide::Long);
        QCOMPARE(open->at(0).size, dec("0.22"));
        QCOMPARE(open->at(0).price, dec("876045"));
        QCOMPARE(open->at(1).leg, PositionSide::Short);
        QCOMPARE(gmo.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Short).size(), std::size_t(1));
        QCOMPARE(gmo.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Short)[0].positionId,
                 QStringLiteral("1234568"));
        // An empty list for the symbol: none of its positions is left.
        const QByteArray none = R"({"status":0,"data":{},"responsetime":"2019-03-19T02:16:06.095Z"})";
        QVERIFY(gmo.parseOpenPositions(QJsonDocument::fromJson(none), QStringLiteral("BTC_JPY"))->empty());
        QVERIFY(gmo.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Short).empty());
        QVERIFY(
            !gmo.parseOpenPositions(json("rest-order-rejected.json"), QStringLiteral("BTC_JPY")).hasValue());

        // positionEvents: UPR changes a position's size, CPR closes it, OPR opens one.
        QByteArray event = fixture(QStringLiteral("gmocoin/ws-position-event.json"));
        PrivateStreamFrame f = gmo.parseStreamFrame(
            QByteArray(event).replace("\"OPR\"", "\"UPR\"").replace("\"0.22\"", "\"0.12\""));
        QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
        QVERIFY(f.positions.empty()); // the leg comes with positionSummaryEvents
        QCOMPARE(gmo.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Long).at(0).size, dec("0.12"));
        f = gmo.parseStreamFrame(QByteArray(event).replace("\"OPR\"", "\"CPR\""));
        QVERIFY(gmo.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Long).empty());
        f = gmo.parseStreamFrame(event);
        QCOMPARE(gmo.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Long).size(), std::size_t(1));
        QCOMPARE(gmo.parseStreamFrame(R"({"channel":"positionEvents","symbol":"BTC_JPY","side":"BUY"})").kind,
                 PrivateStreamFrame::Kind::Malformed);
        QVERIFY(gmo.streamTopics().contains(QStringLiteral("positionEvents")));
    }

    void ordersForALeg()
    {
        const Instrument btc = instrument("BTC_JPY", "1", "0.01");
        // Closing the short leg as TradingDesk::closePosition does: a reduce-only market buy for the leg.
        OrderRequest close = order("BTC_JPY", Side::Buy, OrderType::Market, "0.5");
        close.reduceOnly = true;
        close.positionSide = PositionSide::Short;
        close.timeInForce = TimeInForce::ImmediateOrCancel;
        QVERIFY(adapter.notOffered(close).isEmpty());
        SignedRequest s = adapter.createOrderRequest(close, btc);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/closeBulkOrder"));
        QCOMPARE(s.params, (QJsonObject{{QStringLiteral("symbol"), QStringLiteral("BTC_JPY")},
                                        {QStringLiteral("side"), QStringLiteral("BUY")},
                                        {QStringLiteral("executionType"), QStringLiteral("MARKET")},
                                        {QStringLiteral("size"), QStringLiteral("0.50")}}));
        // The long leg: a reduce-only sell.
        close.side = Side::Sell;
        close.positionSide = PositionSide::Long;
        s = adapter.createOrderRequest(close, btc);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/closeBulkOrder"));
        QCOMPARE(s.params.value(QLatin1String("side")).toString(), QStringLiteral("SELL"));
        // An order against the leg it names closes it even without reduce-only; one with it opens.
        OrderRequest limit = order("BTC_JPY", Side::Buy, OrderType::Limit, "0.5", "15000000");
        limit.positionSide = PositionSide::Short;
        QCOMPARE(adapter.createOrderRequest(limit, btc).url.path(),
                 QStringLiteral("/private/v1/closeBulkOrder"));
        limit.positionSide = PositionSide::Long;
        QCOMPARE(adapter.createOrderRequest(limit, btc).url.path(), QStringLiteral("/private/v1/order"));
        limit.side = Side::Sell;
        limit.positionSide = PositionSide::Short;
        QCOMPARE(adapter.createOrderRequest(limit, btc).url.path(), QStringLiteral("/private/v1/order"));
        // A reduce-only order that would add to the leg it names, and a spot order naming a leg: refused.
        limit.reduceOnly = true;
        QVERIFY(!adapter.notOffered(limit).isEmpty());
        QVERIFY(GmocoinTrading::isUnsupported(adapter.createOrderRequest(limit, btc)));
        OrderRequest spot = order("BTC", Side::Buy, OrderType::Limit, "0.5", "15000000");
        spot.positionSide = PositionSide::Long;
        QVERIFY(!adapter.notOffered(spot).isEmpty());
        // A reduce-only order with no leg named closes the other side's positions, as before.
        OrderRequest net = order("BTC_JPY", Side::Sell, OrderType::Market, "0.5");
        net.reduceOnly = true;
        s = adapter.createOrderRequest(net, btc);
        QCOMPARE(s.url.path(), QStringLiteral("/private/v1/closeBulkOrder"));
        QCOMPARE(s.params.value(QLatin1String("side")).toString(), QStringLiteral("SELL"));
    }
};

QTEST_GUILESS_MAIN(TestGmocoinTrading)
#include "tst_gmocointrading.moc"
