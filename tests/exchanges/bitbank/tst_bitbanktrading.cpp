#include "exchanges/bitbank/bitbankerrors.h"
#include "exchanges/bitbank/bitbankmarketdata.h"
#include "exchanges/bitbank/bitbanktrading.h"
#include "exchanges/core/ordersubmitter.h"
#include "exchanges/core/signedrestclient.h"
#include "support/recordingsink.h"
#include "support/venueverifier.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

namespace {
const QString kKey = QStringLiteral("bitbank-test-key");
const QByteArray kSecret = "bitbank-test-secret";

Instrument btcJpy()
{
    Instrument i;
    i.venue = QStringLiteral("bitbank");
    i.symbol = QStringLiteral("btc_jpy");
    i.category = Category::Spot;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("JPY");
    i.tickSize = dec("1");
    i.lotSize = dec("0.0001");
    i.minQuantity = dec("0.0001");
    return i;
}

OrderRequest limitBuy(const char* amount, const char* price)
{
    OrderRequest r;
    r.symbol = QStringLiteral("btc_jpy");
    r.category = Category::Spot;
    r.side = Side::Buy;
    r.type = OrderType::Limit;
    r.quantity = dec(amount);
    r.price = dec(price);
    return r;
}

QJsonDocument json(const char* name)
{
    return QJsonDocument::fromJson(fixture(QStringLiteral("bitbank/") + QLatin1String(name)));
}
} // namespace

class TestBitbankTrading : public QObject
{
    Q_OBJECT

private:
    BitbankTrading trading{QUrl(QStringLiteral("https://api.bitbank.cc"))};

private Q_SLOTS:
    void buildsOrdersAsBitbankDocuments()
    {
        OrderRequest r = limitBuy("0.0010", "5000000");
        r.timeInForce = TimeInForce::PostOnly;
        SignedRequest s = trading.createOrderRequest(r, btcJpy());
        QCOMPARE(s.method, QByteArray("POST"));
        QCOMPARE(s.url, QUrl(QStringLiteral("https://api.bitbank.cc/v1/user/spot/order")));
        QCOMPARE(s.venue, QStringLiteral("bitbank"));
        QCOMPARE(
            s.body,
            QByteArray(
                R"({"pair":"btc_jpy","amount":"0.0010","price":"5000000","side":"buy","type":"limit","post_only":true})"));

        OrderRequest m;
        m.symbol = QStringLiteral("btc_jpy");
        m.category = Category::Spot;
        m.side = Side::Sell;
        m.type = OrderType::Market;
        m.quantity = dec("0.5");
        QCOMPARE(trading.createOrderRequest(m, btcJpy()).body,
                 QByteArray(R"({"pair":"btc_jpy","amount":"0.5","side":"sell","type":"market"})"));
        m.triggerPrice = dec("4800000");
        QCOMPARE(
            trading.createOrderRequest(m, btcJpy()).body,
            QByteArray(
                R"({"pair":"btc_jpy","amount":"0.5","side":"sell","type":"stop","trigger_price":"4800000"})"));
        OrderRequest sl = limitBuy("0.1", "5100000");
        sl.triggerPrice = dec("5050000");
        QCOMPARE(
            trading.createOrderRequest(sl, btcJpy()).body,
            QByteArray(
                R"({"pair":"btc_jpy","amount":"0.1","price":"5100000","side":"buy","type":"stop_limit","trigger_price":"5050000"})"));
    }

    // Stops as the order entry and the ladder send them: a direction matching the side, and a ladder
    // stop's IOC (a market order takes what it can at once anyway).
    void takesStopsAsTheWindowSendsThem()
    {
        OrderRequest sellStop;
        sellStop.symbol = QStringLiteral("btc_jpy");
        sellStop.category = Category::Spot;
        sellStop.side = Side::Sell;
        sellStop.type = OrderType::Market;
        sellStop.timeInForce = TimeInForce::ImmediateOrCancel;
        sellStop.quantity = dec("0.5");
        sellStop.triggerPrice = dec("4800000");
        sellStop.triggerDirection = TriggerDirection::FallsTo;
        QCOMPARE(trading.notOffered(sellStop), QString());
        QVERIFY(!BitbankTrading::isUnsupported(trading.createOrderRequest(sellStop, btcJpy())));
        OrderRequest buyStop = sellStop;
        buyStop.side = Side::Buy;
        buyStop.triggerDirection = TriggerDirection::RisesTo;
        QCOMPARE(trading.notOffered(buyStop), QString());
        // The other way round bitbank cannot place.
        buyStop.triggerDirection = TriggerDirection::FallsTo;
        QVERIFY(!trading.notOffered(buyStop).isEmpty());
        QVERIFY(BitbankTrading::isUnsupported(trading.createOrderRequest(buyStop, btcJpy())));
    }

    void refusesWhatBitbankDoesNotOffer()
    {
        OrderRequest ioc = limitBuy("0.1", "5000000");
        ioc.timeInForce = TimeInForce::ImmediateOrCancel;
        QVERIFY(BitbankTrading::isUnsupported(trading.createOrderRequest(ioc, btcJpy())));
        OrderRequest reduce = limitBuy("0.1", "5000000");
        reduce.reduceOnly = true;
        QVERIFY(BitbankTrading::isUnsupported(trading.createOrderRequest(reduce, btcJpy())));
        OrderAmendment amend;
        amend.order.orderId = QStringLiteral("1");
        amend.price = dec("1");
        QVERIFY(BitbankTrading::isUnsupported(trading.amendOrderRequest(amend, btcJpy())));
        QVERIFY(BitbankTrading::isUnsupported(
            trading.cancelAllRequest(Category::Spot, QStringLiteral("btc_jpy"))));
        QVERIFY(BitbankTrading::isUnsupported(trading.positionsRequest(Category::Spot, {})));
        QVERIFY(BitbankTrading::isUnsupported(trading.orderHistoryRequest(Category::Spot, {})));
        QStringList tooMany;
        for (int i = 0; i < 31; ++i)
            tooMany.append(QString::number(i + 1));
        QVERIFY(
            BitbankTrading::isUnsupported(trading.cancelOrdersRequest(QStringLiteral("btc_jpy"), tooMany)));
        // Local ids only, never repeated.
        QVERIFY(trading.newClientOrderId() != trading.newClientOrderId());
    }

    void buildsCancelsAndReads()
    {
        OrderReference ref;
        ref.symbol = QStringLiteral("btc_jpy");
        ref.orderId = QStringLiteral("1234567");
        SignedRequest cancel = trading.cancelOrderRequest(ref);
        QCOMPARE(cancel.url.path(), QStringLiteral("/v1/user/spot/cancel_order"));
        QCOMPARE(cancel.body, QByteArray(R"({"pair":"btc_jpy","order_id":1234567})"));
        QCOMPARE(cancel.priority, RateLimiter::Priority::Cancel);
        SignedRequest many = trading.cancelOrdersRequest(QStringLiteral("btc_jpy"),
                                                         {QStringLiteral("1"), QStringLiteral("2")});
        QCOMPARE(many.url.path(), QStringLiteral("/v1/user/spot/cancel_orders"));
        QCOMPARE(many.body, QByteArray(R"({"pair":"btc_jpy","order_ids":[1,2]})"));
        QCOMPARE(trading.ordersInfoRequest(QStringLiteral("btc_jpy"), {QStringLiteral("3")}).url.path(),
                 QStringLiteral("/v1/user/spot/orders_info"));

        SignedRequest open = trading.openOrdersRequest(Category::Spot, QStringLiteral("btc_jpy"));
        QCOMPARE(open.method, QByteArray("GET"));
        QCOMPARE(open.url.path(), QStringLiteral("/v1/user/spot/active_orders"));
        QCOMPARE(open.query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("pair"), QStringLiteral("btc_jpy")}}));
        SignedRequest one = trading.openOrdersRequest(Category::Spot, {}, &ref);
        QCOMPARE(one.url.path(), QStringLiteral("/v1/user/spot/order"));
        QCOMPARE(one.query.size(), 2);
        QCOMPARE(trading.executionsRequest(Category::Spot, QStringLiteral("btc_jpy")).url.path(),
                 QStringLiteral("/v1/user/spot/trade_history"));
        QCOMPARE(trading.balancesRequest().url.path(), QStringLiteral("/v1/user/assets"));
        QCOMPARE(trading.subscribeTokenRequest().url.path(), QStringLiteral("/v1/user/subscribe"));
    }

    void readsOrdersFillsAndBalances()
    {
        const auto ack = trading.parseOrderAck(json("order.json"));
        QVERIFY(ack);
        QCOMPARE(ack->orderId, QStringLiteral("1234567"));

        const auto one = trading.parseOrders(json("order.json"));
        QVERIFY(one);
        QCOMPARE(one->size(), 1u);
        const Order& o = one->front();
        QCOMPARE(o.status, OrderStatus::PartiallyFilled);
        QCOMPARE(o.quantity, dec("0.0010"));
        QCOMPARE(o.filledQuantity, dec("0.0004"));
        QCOMPARE(*o.price, dec("5000000"));
        QCOMPARE(o.timeInForce, TimeInForce::PostOnly);
        QCOMPARE(o.category, Category::Spot);

        const auto list = trading.parseOrders(json("active-orders.json"));
        QVERIFY(list);
        QCOMPARE(list->size(), 2u);
        QCOMPARE(list->at(0).status, OrderStatus::New);
        QVERIFY(!list->at(0).averageFillPrice); // "0": nothing filled yet
        QCOMPARE(list->at(1).status, OrderStatus::Untriggered);
        QCOMPARE(list->at(1).type, OrderType::Market);
        QCOMPARE(*list->at(1).triggerPrice, dec("4800000"));

        const auto fills = trading.parseFills(json("trade-history.json"));
        QVERIFY(fills);
        QCOMPARE(fills->size(), 1u);
        QCOMPARE(fills->front().executionId, QStringLiteral("987654"));
        QCOMPARE(fills->front().orderId, QStringLiteral("1234567"));
        QVERIFY(fills->front().isMaker);
        QCOMPARE(fills->front().fee, dec("-0.4000")); // a maker rebate, in JPY
        QCOMPARE(fills->front().feeCurrency, QStringLiteral("JPY"));
        QCOMPARE(fills->front().timeMs, 1704067205000);

        const auto balances = trading.parseBalances(json("assets.json"));
        QVERIFY(balances);
        QCOMPARE(balances->size(), 2u);
        QCOMPARE(balances->at(0).coin, QStringLiteral("JPY"));
        QCOMPARE(balances->at(0).account, QStringLiteral("spot"));
        QCOMPARE(balances->at(0).walletBalance, dec("1002000.0000"));
        QCOMPARE(*balances->at(0).available, dec("1000000.0000"));
        QVERIFY(!trading.parsePositions(json("assets.json"))); // not a positions reply
    }

    // GET /v1/user/spot/active_orders lists spot and margin orders together (no filter by market): each
    // says its market by position_side, and a margin order its leg, so the views read "Open long" etc.
    void openOrdersSayTheirMarketAndLeg()
    {
        // The same request for either market.
        QCOMPARE(trading.openOrdersRequest(Category::Linear, {}).url,
                 trading.openOrdersRequest(Category::Spot, {}).url);
        const auto orders = trading.parseOrders(json("active-orders-mixed.json"));
        QVERIFY(orders);
        QCOMPARE(orders->size(), 4u);
        const Order& spot = orders->at(0);
        QCOMPARE(spot.category, Category::Spot);
        QCOMPARE(spot.positionSide, PositionSide::Net);
        QVERIFY(!spot.reduceOnly);
        const Order& openLong = orders->at(1);
        QCOMPARE(openLong.category, Category::Linear);
        QCOMPARE(openLong.positionSide, PositionSide::Long);
        QCOMPARE(openLong.side, Side::Buy);
        QVERIFY(!openLong.reduceOnly);
        QCOMPARE(openLong.timeInForce, TimeInForce::PostOnly);
        const Order& closeShort = orders->at(2);
        QCOMPARE(closeShort.category, Category::Linear);
        QCOMPARE(closeShort.positionSide, PositionSide::Short);
        QVERIFY(closeShort.reduceOnly); // a buy of the short leg
        QCOMPARE(closeShort.status, OrderStatus::PartiallyFilled);
        QCOMPARE(closeShort.filledQuantity, dec("0.0050"));
        const Order& stopCloseLong = orders->at(3);
        QCOMPARE(stopCloseLong.positionSide, PositionSide::Long);
        QCOMPARE(stopCloseLong.status, OrderStatus::Untriggered);
        QVERIFY(stopCloseLong.reduceOnly);
        QCOMPARE(std::count_if(orders->begin(), orders->end(),
                               [](const Order& o) { return o.category == Category::Linear; }),
                 3);

        // The stream's orders the same way.
        BitbankTrading t{QUrl(QStringLiteral("https://api.bitbank.cc"))};
        const PrivateStreamFrame margin =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-margin-order.json")));
        QCOMPARE(margin.orders.at(0).positionSide, PositionSide::Short);
        const PrivateStreamFrame spotPush =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-order.json")));
        QCOMPARE(spotPush.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(spotPush.orders.at(0).category, Category::Spot);
        QCOMPARE(spotPush.orders.at(0).positionSide, PositionSide::Net);

        // bitbank invalidates an order by id only (spot_order_invalidation): one seen open keeps its
        // market and leg, cancelled, newer than what the store holds.
        const PrivateStreamFrame gone = t.parseStreamFrame(
            R"({"message":{"method":"spot_order_invalidation","params":{"order_id":[1234600]}}})");
        QCOMPARE(gone.orders.size(), 1u);
        const Order& invalid = gone.orders.front();
        QCOMPARE(invalid.orderId, QStringLiteral("1234600"));
        QCOMPARE(invalid.symbol, QStringLiteral("btc_jpy"));
        QCOMPARE(invalid.category, Category::Linear);
        QCOMPARE(invalid.positionSide, PositionSide::Short);
        QCOMPARE(invalid.status, OrderStatus::Cancelled);
        QCOMPARE(invalid.reason, QStringLiteral("spot_order_invalidation"));
        QVERIFY(invalid.updatedMs > margin.orders.at(0).updatedMs);
        // An order read over REST is known the same way.
        QVERIFY(t.parseOrders(json("active-orders-mixed.json")));
        const PrivateStreamFrame goneToo = t.parseStreamFrame(
            R"({"message":{"method":"spot_order_invalidation","params":{"order_id":[1234581]}}})");
        QCOMPARE(goneToo.orders.front().category, Category::Linear);
        QCOMPARE(goneToo.orders.front().status, OrderStatus::PartiallyFilledCancelled); // 0.005 had filled
        QCOMPARE(goneToo.orders.front().filledQuantity, dec("0.0050"));
    }

    // The margin account (GET /v1/user/margin/status) is a JPY balance of the "margin" account beside
    // the "spot" assets: equity = total_margin_balance (受入保証金合計額), wallet = the posted collateral
    // (total − unrealised P/L + accrued costs), available = total − the positions' and open orders'
    // maintenance margins.
    void marginAccountIsAJpyBalance()
    {
        QCOMPARE(trading.balanceAccountFor(Category::Spot), QStringLiteral("spot"));
        QCOMPARE(trading.balanceAccountFor(Category::Linear), QStringLiteral("margin"));
        QVERIFY(trading.moreBalancesRequests({Category::Spot}).isEmpty());
        const QList<SignedRequest> more = trading.moreBalancesRequests({Category::Spot, Category::Linear});
        QCOMPARE(more.size(), 1);
        QCOMPARE(more.at(0).url.path(), QStringLiteral("/v1/user/margin/status"));
        QCOMPARE(more.at(0).method, QByteArray("GET"));
        QVERIFY(!trading.pushesBalancesAndPositions()); // the margin figures are read after fills

        const auto margin = trading.parseBalances(json("margin-status.json"));
        QVERIFY2(margin, qPrintable(margin ? QString() : margin.error().message));
        QCOMPARE(margin->size(), 1u);
        const Balance& jpy = margin->front();
        QCOMPARE(jpy.coin, QStringLiteral("JPY"));
        QCOMPARE(jpy.account, QStringLiteral("margin"));
        QCOMPARE(*jpy.equity, dec("500000"));
        QCOMPARE(jpy.walletBalance, dec("501238.5")); // 500,000 − (−1,234) + 4.5
        QCOMPARE(*jpy.available, dec("424000"));      // 500,000 − 76,000 − 0

        // Maintenance beyond the collateral: nothing free, never a negative amount.
        QByteArray call = fixture(QStringLiteral("bitbank/margin-status.json"));
        call.replace(R"("status":"NORMAL")", R"("status":"CALL")");
        call.replace(R"("total_open_order_maintenance_margin":"0.0000")",
                     R"("total_open_order_maintenance_margin":"500000.0000")");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("margin account status CALL")));
        const auto short_ = trading.parseBalances(QJsonDocument::fromJson(call));
        QVERIFY(short_);
        QCOMPARE(*short_->front().available, Decimal());
        // Without the maintenance figures there is no free margin to show (not a guess).
        QByteArray bare = fixture(QStringLiteral("bitbank/margin-status.json"));
        bare.replace(R"("total_position_maintenance_margin":"76000.0000",)", "");
        QVERIFY(!trading.parseBalances(QJsonDocument::fromJson(bare))->front().available);
        // Neither assets nor a margin status: refused with a clear error.
        const auto neither = trading.parseBalances(QJsonDocument::fromJson(R"({"success":1,"data":{}})"));
        QVERIFY(!neither);
        QVERIFY(neither.error().message.contains(QLatin1String("total_margin_balance")));
        // bitbank's refusal (no margin account yet) arrives with its text.
        const auto refused =
            trading.parseBalances(QJsonDocument::fromJson(R"({"success":0,"data":{"code":50058}})"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().message,
                 QStringLiteral("50058 Margin trading review has not been completed."));
    }

    // margin_notice_update (private-stream.md): a margin call, shortfall or settlement, all null once
    // resolved. Read whole, kept, logged as a warning, and a Notice frame whose error holds its words (the
    // status bar shows them); malformed input is Malformed. margin_payable_update logged.
    void marginNoticesAreReadKeptAndLogged()
    {
        BitbankTrading t{QUrl(QStringLiteral("https://api.bitbank.cc"))};
        QVERIFY(!t.lastMarginNotice());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                               "^bitbank margin call: 25000.5 JPY, due "
                                               "2024-01-04T00:00:00Z \\(since 2024-01-01T00:00:00Z\\)$")));
        const PrivateStreamFrame call =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-margin-notice.json")));
        QCOMPARE(call.kind, PrivateStreamFrame::Kind::Notice);
        QCOMPARE(call.topic, QStringLiteral("margin_notice_update"));
        QVERIFY2(call.error.startsWith(QLatin1String("bitbank margin call: 25000.5 JPY")),
                 qPrintable(call.error));
        QVERIFY(t.lastMarginNotice());
        QCOMPARE(t.lastMarginNotice()->what, QStringLiteral("marginCall"));
        QCOMPARE(*t.lastMarginNotice()->amount, dec("25000.5"));
        QCOMPARE(*t.lastMarginNotice()->occurredAtMs, 1704067200000);
        QCOMPARE(*t.lastMarginNotice()->dueDateAtMs, 1704326400000);

        // The same notice read again over REST (positions' data.notice) is not news; resolved, it is.
        QByteArray positions = fixture(QStringLiteral("bitbank/margin-positions.json"));
        positions.replace(
            R"("notice":{"what":null,"occurred_at":null,"amount":null,"due_date_at":null})",
            R"("notice":{"what":"marginCall","occurred_at":1704067200000,"amount":"25000.5","due_date_at":1704326400000})");
        QVERIFY(t.parsePositions(QJsonDocument::fromJson(positions)));
        QTest::ignoreMessage(QtWarningMsg, "bitbank margin: the notice is resolved");
        QVERIFY(t.parsePositions(json("margin-positions.json")));
        QVERIFY(t.lastMarginNotice()->resolved());

        // Pushed, even a repeated resolution is logged, and told (it replaces the margin call shown).
        QTest::ignoreMessage(QtWarningMsg, "bitbank margin: the notice is resolved");
        const PrivateStreamFrame resolved =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-margin-notice-resolved.json")));
        QCOMPARE(resolved.kind, PrivateStreamFrame::Kind::Notice);
        QCOMPARE(resolved.error, QStringLiteral("bitbank margin: the notice is resolved"));

        QTest::ignoreMessage(QtWarningMsg, "bitbank margin payables: 1234.5 JPY");
        const PrivateStreamFrame payable =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-margin-payable.json")));
        QCOMPARE(payable.kind, PrivateStreamFrame::Kind::Ignored);
        QCOMPARE(payable.error, QStringLiteral("bitbank margin payables: 1234.5 JPY"));

        for (
            const char* bad :
            {R"({"message":{"method":"margin_notice_update","params":[{"what":5,"amount":null}]}})",
             R"({"message":{"method":"margin_notice_update","params":[{"what":"debt","amount":"lots"}]}})",
             R"({"message":{"method":"margin_notice_update","params":[{"what":"debt","due_date_at":"soon"}]}})",
             R"({"message":{"method":"margin_notice_update","params":[7]}})",
             R"({"message":{"method":"margin_payable_update","params":[{}]}})"}) {
            const PrivateStreamFrame f = t.parseStreamFrame(QByteArray(bad));
            QCOMPARE(f.kind, PrivateStreamFrame::Kind::Malformed);
            QVERIFY(!f.error.isEmpty());
        }
        QVERIFY(t.lastMarginNotice()->resolved()); // nothing malformed was taken
    }

    // Margin orders carry position_side (rest-api.md, Create new order): the leg named, or derived from
    // the side (a buy opens long, a sell opens short; reduce-only they close the other leg).
    void buildsMarginOrdersWithTheirLeg()
    {
        QVERIFY(trading.hedgesPositions());
        Instrument margin = btcJpy();
        margin.category = Category::Linear;
        OrderRequest open;
        open.symbol = QStringLiteral("btc_jpy");
        open.category = Category::Linear;
        open.side = Side::Buy;
        open.type = OrderType::Market;
        open.quantity = dec("0.01");
        QCOMPARE(
            trading.createOrderRequest(open, margin).body,
            QByteArray(
                R"({"pair":"btc_jpy","amount":"0.01","side":"buy","position_side":"long","type":"market"})"));
        OrderRequest shortOpen = open;
        shortOpen.side = Side::Sell;
        QCOMPARE(
            trading.createOrderRequest(shortOpen, margin).body,
            QByteArray(
                R"({"pair":"btc_jpy","amount":"0.01","side":"sell","position_side":"short","type":"market"})"));
        // Closing: reduce-only (the desk's close sends the leg too, with a market order's IOC).
        OrderRequest closeLong = shortOpen;
        closeLong.reduceOnly = true;
        QCOMPARE(BitbankTrading::legFor(closeLong), PositionSide::Long);
        closeLong.positionSide = PositionSide::Long;
        closeLong.timeInForce = TimeInForce::ImmediateOrCancel;
        QCOMPARE(trading.notOffered(closeLong), QString());
        QCOMPARE(
            trading.createOrderRequest(closeLong, margin).body,
            QByteArray(
                R"({"pair":"btc_jpy","amount":"0.01","side":"sell","position_side":"long","type":"market"})"));
        OrderRequest closeShort = open;
        closeShort.reduceOnly = true;
        QCOMPARE(BitbankTrading::legFor(closeShort), PositionSide::Short);
        // A limit on the short leg, post-only.
        OrderRequest limit = limitBuy("0.02", "4950000");
        limit.category = Category::Linear;
        limit.positionSide = PositionSide::Short;
        limit.timeInForce = TimeInForce::PostOnly;
        QCOMPARE(
            trading.createOrderRequest(limit, margin).body,
            QByteArray(
                R"({"pair":"btc_jpy","amount":"0.02","price":"4950000","side":"buy","position_side":"short","type":"limit","post_only":true})"));

        // Refused before sending: a leg or reduce-only on spot, a reduce-only order on its leg's opening
        // side, another market.
        OrderRequest spotLeg = limitBuy("0.1", "5000000");
        spotLeg.positionSide = PositionSide::Long;
        QVERIFY(!trading.notOffered(spotLeg).isEmpty());
        QVERIFY(BitbankTrading::isUnsupported(trading.createOrderRequest(spotLeg, btcJpy())));
        OrderRequest wrongWay = open;
        wrongWay.positionSide = PositionSide::Long;
        wrongWay.reduceOnly = true; // a buy of the long leg opens it
        QVERIFY(!trading.notOffered(wrongWay).isEmpty());
        OrderRequest inverse = open;
        inverse.category = Category::Inverse;
        QVERIFY(!trading.notOffered(inverse).isEmpty());
    }

    // GET /user/margin/positions, /user/margin/status, and margin orders and trades as documented.
    void readsMarginPositionsOrdersAndTrades()
    {
        const SignedRequest positions = trading.positionsRequest(Category::Linear, {});
        QCOMPARE(positions.method, QByteArray("GET"));
        QCOMPARE(positions.url, QUrl(QStringLiteral("https://api.bitbank.cc/v1/user/margin/positions")));
        const auto legs = trading.parsePositions(json("margin-positions.json"));
        QVERIFY(legs);
        QCOMPARE(legs->size(), 2u);
        const Position& longLeg = legs->at(0);
        QCOMPARE(longLeg.symbol, QStringLiteral("btc_jpy"));
        QCOMPARE(longLeg.category, Category::Linear);
        QCOMPARE(longLeg.positionSide, PositionSide::Long);
        QCOMPARE(longLeg.side, std::optional<Side>(Side::Buy));
        QCOMPARE(longLeg.size, dec("0.0100"));
        QCOMPARE(*longLeg.entryPrice, dec("5000000"));
        QCOMPARE(legs->at(1).positionSide, PositionSide::Short);
        QCOMPARE(legs->at(1).side, std::optional<Side>(Side::Sell));
        QCOMPARE(legs->at(1).size, dec("0.0200"));
        const auto refused =
            trading.parsePositions(QJsonDocument::fromJson(R"({"success":0,"data":{"code":50058}})"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().message,
                 QStringLiteral("50058 Margin trading review has not been completed."));
        QVERIFY(!trading.parsePositions(QJsonDocument::fromJson(
            R"({"success":1,"data":{"positions":[{"pair":"btc_jpy","position_side":"both","open_amount":"1"}]}})")));

        QCOMPARE(trading.marginStatusRequest().url.path(), QStringLiteral("/v1/user/margin/status"));
        const auto status = BitbankTrading::parseMarginStatus(json("margin-status.json"));
        QVERIFY(status);
        QCOMPARE(status->status, QStringLiteral("NORMAL"));
        QCOMPARE(status->totalMarginBalance, dec("500000.0000"));
        QCOMPARE(*status->profitLoss, dec("-1234.0000"));
        QCOMPARE(*status->marginBalancePercentage, dec("312.50"));
        QCOMPARE(status->available.value(QStringLiteral("btc_jpy")).first, dec("848000.0000"));

        BitbankTrading t{QUrl(QStringLiteral("https://api.bitbank.cc"))};
        const PrivateStreamFrame order =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-margin-order.json")));
        QCOMPARE(order.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(order.orders.at(0).category, Category::Linear);
        QCOMPARE(order.orders.at(0).side, Side::Buy);
        QVERIFY(order.orders.at(0).reduceOnly); // a buy of the short leg closes it
        const PrivateStreamFrame trade =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-margin-trade.json")));
        QCOMPARE(trade.fills.at(0).category, Category::Linear);
        QCOMPARE(trade.fills.at(0).side, Side::Sell);
        const PrivateStreamFrame leg =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-margin-position.json")));
        QCOMPARE(leg.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(leg.positions.size(), 1u);
        QCOMPARE(leg.positions.at(0).positionSide, PositionSide::Short);
        QCOMPARE(leg.positions.at(0).size, dec("0.0200"));
        QCOMPARE(*leg.positions.at(0).entryPrice, dec("5100000"));
        // A leg closed to nothing is flat.
        QByteArray flat = fixture(QStringLiteral("bitbank/stream-margin-position.json"));
        flat.replace(R"("open_amount":"0.0200")", R"("open_amount":"0.0000")");
        QVERIFY(!t.parseStreamFrame(flat).positions.at(0).side);
        QCOMPARE(t.parseStreamFrame(R"({"message":{"method":"margin_notice_update","params":[]}})").kind,
                 PrivateStreamFrame::Kind::Ignored);
        QCOMPARE(t.parseStreamFrame(
                      R"({"message":{"method":"margin_position_update","params":[{"pair":"btc_jpy"}]}})")
                     .kind,
                 PrivateStreamFrame::Kind::Malformed);
    }

    // A post-only limit that would take: bitbank takes the order and cancels it (support.bitbank.cc
    // "What is PostOnly"; no error code), so the read-back order is CANCELED_UNFILLED → CancelledAtOnce.
    void postOnlyThatWouldTakeReadsCancelledAtOnce()
    {
        const auto ack = trading.parseOrderAck(json("order-post-only-cancelled.json"));
        QVERIFY(ack);
        const auto orders = trading.parseOrders(json("order-post-only-cancelled.json"));
        QVERIFY(orders);
        QCOMPARE(orders->at(0).status, OrderStatus::Cancelled);
        QCOMPARE(orders->at(0).timeInForce, TimeInForce::PostOnly);
        QCOMPARE(orders->at(0).category, Category::Spot);
        QCOMPARE(OrderSubmitter::kindOf(orders->at(0)), OrderSubmitter::PlaceOutcome::Kind::CancelledAtOnce);
    }

    void errorsShowTheDocumentedMessageWithTheCode()
    {
        QCOMPARE(bitbankErrorText(QStringLiteral("60001")), QStringLiteral("60001 Insufficient amount."));
        QCOMPARE(bitbankErrorText(QStringLiteral("70020")),
                 QStringLiteral("70020 Market order has been temporarily restricted."));
        QCOMPARE(bitbankErrorText(QStringLiteral("99999")), QStringLiteral("bitbank error 99999"));
        const auto refused =
            trading.parseOrderAck(QJsonDocument::fromJson(R"({"success":0,"data":{"code":60001}})"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().message, QStringLiteral("60001 Insufficient amount."));
        QVERIFY(!trading.parseOrders(QJsonDocument::fromJson(R"({"data":{}})")));
        QVERIFY(!trading.parseOrders(QJsonDocument::fromJson(R"({"success":1,"data":{"order_id":1}})")));
        RestError auth;
        auth.kind = RestError::Kind::Venue;
        auth.venueCode = QStringLiteral("20005");
        QVERIFY(trading.isAuthenticationError(auth));
        // The market-data adapter's REST errors read the same way.
        BitbankMarketData md;
        QCOMPARE(md.replyError(QJsonDocument::fromJson(R"({"success":0,"data":{"code":10000}})"))->message,
                 QStringLiteral("10000 Url not found."));
    }

    void readsPrivateStreamMessagesInBitbanksOrder()
    {
        BitbankTrading t{QUrl(QStringLiteral("https://api.bitbank.cc"))};
        const PrivateStreamFrame order =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-order.json")));
        QCOMPARE(order.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(order.orders.size(), 1u);
        QCOMPARE(order.orders[0].status, OrderStatus::PartiallyFilled);
        QCOMPARE(order.orders[0].filledQuantity, dec("0.0004"));
        // An older message (UNFILLED) arriving after it is not applied: orders only move forward.
        QByteArray older = fixture(QStringLiteral("bitbank/stream-order.json"));
        older.replace("\"PARTIALLY_FILLED\"", "\"UNFILLED\"").replace("\"0.0004\"", "\"0.0000\"");
        QCOMPARE(t.parseStreamFrame(older).kind, PrivateStreamFrame::Kind::Ignored);
        // So is the same stage with no less remaining; a smaller remaining moves it on.
        QCOMPARE(t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-order.json"))).kind,
                 PrivateStreamFrame::Kind::Ignored);
        QByteArray further = fixture(QStringLiteral("bitbank/stream-order.json"));
        further.replace("\"executed_amount\":\"0.0004\"", "\"executed_amount\":\"0.0007\"");
        QCOMPARE(t.parseStreamFrame(further).orders.at(0).filledQuantity, dec("0.0007"));

        const PrivateStreamFrame trade =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-trade.json")));
        QCOMPARE(trade.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(trade.fills.at(0).executionId, QStringLiteral("987654"));
        QCOMPARE(trade.fills.at(0).fee, dec("-0.4000"));

        const PrivateStreamFrame asset =
            t.parseStreamFrame(fixture(QStringLiteral("bitbank/stream-asset.json")));
        QCOMPARE(asset.balances.at(0).coin, QStringLiteral("JPY"));
        QCOMPARE(asset.balances.at(0).walletBalance, dec("1001000.0000"));
        QCOMPARE(*asset.balances.at(0).available, dec("998000.0000"));

        const PrivateStreamFrame gone = t.parseStreamFrame(
            R"({"message":{"method":"spot_order_invalidation","params":{"order_id":[1,2]}}})");
        QCOMPARE(gone.orders.size(), 2u);
        QCOMPARE(gone.orders[1].status, OrderStatus::Cancelled);
        QCOMPARE(t.parseStreamFrame(R"({"message":{"method":"deposit","params":[]}})").kind,
                 PrivateStreamFrame::Kind::Ignored);
        QCOMPARE(t.parseStreamFrame("{").kind, PrivateStreamFrame::Kind::Malformed);
        QCOMPARE(t.parseStreamFrame(R"({"message":{"method":"spot_order","params":[{"order_id":1}]}})").kind,
                 PrivateStreamFrame::Kind::Malformed);

        const auto access = BitbankTrading::parseSubscribeToken(QJsonDocument::fromJson(
            R"({"success":1,"data":{"pubnub_channel":"ch-1","pubnub_token":"tok"}})"));
        QVERIFY(access);
        QCOMPARE(BitbankTrading::pubNubSubscribeUrl(QUrl(QStringLiteral("https://ps.pndsn.com")), *access,
                                                    QStringLiteral("1700000000000000000"),
                                                    QStringLiteral("4")),
                 QUrl(QStringLiteral(
                     "https://ps.pndsn.com/v2/subscribe/sub-c-ecebae8e-dd60-11e6-b6b1-02ee2ddab7fe/"
                     "ch-1/0?uuid=ch-1&auth=tok&tt=1700000000000000000&tr=4")));
    }

    // The private stream's long-poll on 127.0.0.1: the first poll (no timetoken) connects, each later one
    // carries the previous reply's timetoken and region, every payload comes out as one frame, and an
    // expired token ends the connection (the session then fetches a new one; tst_bitbankvenue).
    void privateStreamLongPollsPubNub()
    {
        LoopbackHttpServer pubnub;
        QStringList timetokens;
        const QString path =
            QStringLiteral("/v2/subscribe/%1/ch-1/0").arg(BitbankTrading::PubNubSubscribeKey);
        int withoutToken = 0;
        pubnub.route(path, [&](const LoopbackHttpServer::Request& r) -> LoopbackHttpServer::Response {
            const QUrlQuery q(r.url);
            if (q.queryItemValue(QStringLiteral("auth")) != QLatin1String("tok") ||
                q.queryItemValue(QStringLiteral("uuid")) != QLatin1String("ch-1"))
                ++withoutToken;
            const QString tt = q.queryItemValue(QStringLiteral("tt"));
            timetokens.append(tt + QLatin1Char('/') + q.queryItemValue(QStringLiteral("tr")));
            if (tt.isEmpty())
                return LoopbackHttpServer::Response{200, R"({"t":{"t":"100","r":4},"m":[]})", {}};
            if (tt == QLatin1String("100"))
                return LoopbackHttpServer::Response{
                    200,
                    R"({"t":{"t":"101","r":4},"m":[{"a":"1","c":"ch-1","d":)" +
                        fixture(QStringLiteral("bitbank/stream-order.json")) +
                        R"(},{"a":"1","c":"ch-1","d":)" +
                        fixture(QStringLiteral("bitbank/stream-trade.json")) + "}]}",
                    {}};
            return LoopbackHttpServer::Response{
                403,
                R"({"message":"Token is expired.","error":true,"service":"Access Manager","status":403})",
                {}};
        });

        BitbankTrading loopback(QUrl(QStringLiteral("http://127.0.0.1:1")));
        const QList<PrivateStreamSpec> specs = loopback.privateStreams({Category::Spot}, pubnub.baseUrl());
        QCOMPARE(specs.size(), 1);
        QVERIFY(specs[0].tokenRequest);
        QCOMPARE(specs[0].tokenRequest->url.path(), QStringLiteral("/v1/user/subscribe"));
        const auto token = loopback.parseStreamToken(
            {}, QJsonDocument::fromJson(
                    R"({"success":1,"data":{"pubnub_channel":"ch-1","pubnub_token":"tok"}})"));
        QVERIFY(token);
        auto stream = loopback.createStreamConnection(specs[0], loopback.streamUrl(specs[0], *token));
        QVERIFY(stream);
        std::vector<PrivateStreamFrame> frames;
        int connected = 0;
        QString dropped;
        connect(stream.get(), &PrivateStreamConnection::connected, [&] { ++connected; });
        connect(stream.get(), &PrivateStreamConnection::frameReceived,
                [&](const QByteArray& f) { frames.push_back(loopback.parseStreamFrame(f)); });
        connect(stream.get(), &PrivateStreamConnection::disconnected,
                [&](const QString& reason, int) { dropped = reason; });
        stream->open();
        QTRY_VERIFY_WITH_TIMEOUT(!dropped.isEmpty(), 10'000);
        QCOMPARE(connected, 1);
        QCOMPARE(frames.size(), 2u);
        QCOMPARE(frames[0].orders.at(0).orderId, QStringLiteral("1234567"));
        QCOMPARE(frames[1].fills.at(0).executionId, QStringLiteral("987654"));
        QVERIFY2(dropped.contains(QLatin1String("Token is expired.")), qPrintable(dropped));
        QCOMPARE(withoutToken, 0);
        QCOMPARE(timetokens,
                 (QStringList{QStringLiteral("/"), QStringLiteral("100/4"), QStringLiteral("101/4")}));
    }

    // The signed requests reach a loopback bitbank that checks ACCESS-KEY / ACCESS-REQUEST-TIME /
    // ACCESS-TIME-WINDOW / ACCESS-SIGNATURE as bitbank documents them.
    void signedRequestsPassTheVenuesCheck()
    {
        VenueVerifier verifier(QStringLiteral("bitbank"), kKey, kSecret);
        verifier.setResponder([](const LoopbackHttpServer::Request& r)
                                  -> std::optional<LoopbackHttpServer::Response> {
            if (r.url.path() == QLatin1String("/v1/user/spot/order"))
                return LoopbackHttpServer::Response{200, fixture(QStringLiteral("bitbank/order.json")), {}};
            if (r.url.path() == QLatin1String("/v1/user/assets"))
                return LoopbackHttpServer::Response{200, fixture(QStringLiteral("bitbank/assets.json")), {}};
            return std::nullopt;
        });
        QNetworkAccessManager network;
        SignedRestClient client(&network);
        client.setCredentialsProvider(
            [](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
                done(Credentials(kKey, kSecret));
            });
        BitbankTrading loopback(verifier.baseUrl());

        auto placed = std::make_shared<std::optional<SignedRestClient::Reply>>();
        client.send(loopback.createOrderRequest(limitBuy("0.0010", "5000000"), btcJpy()),
                    [placed](const SignedRestClient::Reply& r) { *placed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(placed->has_value(), 10'000);
        QVERIFY2(**placed, qPrintable(verifier.rejections().join(QStringLiteral("; "))));
        QCOMPARE(loopback.parseOrderAck(***placed)->orderId, QStringLiteral("1234567"));

        auto assets = std::make_shared<std::optional<SignedRestClient::Reply>>();
        client.send(loopback.balancesRequest(), [assets](const SignedRestClient::Reply& r) { *assets = r; });
        QTRY_VERIFY_WITH_TIMEOUT(assets->has_value(), 10'000);
        QVERIFY(**assets);
        QCOMPARE(loopback.parseBalances(***assets)->size(), 2u);
        QCOMPARE(verifier.accepted(), 2);

        // A wrong secret: bitbank's refusal arrives with its code.
        client.setCredentialsProvider(
            [](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
                done(Credentials(kKey, QByteArray("wrong")));
            });
        auto refused = std::make_shared<std::optional<SignedRestClient::Reply>>();
        client.send(loopback.balancesRequest(),
                    [refused](const SignedRestClient::Reply& r) { *refused = r; });
        QTRY_VERIFY_WITH_TIMEOUT(refused->has_value(), 10'000);
        QVERIFY(!**refused);
        QCOMPARE((*refused)->error().venueCode, verifier.lastRejection().code);
    }
};

QTEST_GUILESS_MAIN(TestBitbankTrading)
#include "tst_bitbanktrading.moc"
