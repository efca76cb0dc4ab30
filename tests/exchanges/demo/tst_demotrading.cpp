// Trading against the demo venue with the terminal's own signed REST client (SignedRestClient and
// BybitSigner) and a plain QWebSocket on the private stream: orders rest, amend, cancel and fill as on
// Bybit V5, positions and the wallet follow exactly, and authentication fails with Bybit's codes.

#include "exchanges/bybit/bybitsigner.h"
#include "exchanges/core/crypto.h"
#include "exchanges/core/noncestore.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/demo/demomarket.h"
#include "exchanges/demo/demovenue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>
#include <optional>

namespace {

const QString kKey = QStringLiteral("TESTKEY0000000001");
const QByteArray kSecret = "test-secret-for-the-demo-venue";

Decimal dec(const QJsonValue& v)
{
    const auto d = Decimal::parse(v.toString());
    return d ? *d : Decimal::fromMantissa(-999'999'999, 0);
}

struct Outcome
{
    bool done = false;
    bool ok = false;
    QJsonObject result;
    QString code;
    QString message;
};

class Harness
{
public:
    explicit Harness(QByteArray secret = kSecret, QString key = kKey)
        : venue(options())
        , client(&network)
    {
        venue.addApiKey(kKey, kSecret);
        client.setNonceStore(std::make_shared<NonceStore>(dir.filePath(QStringLiteral("nonces.json"))));
        client.setCredentialsProvider(
            [key, secret](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
                done(Credentials(key, secret));
            });
    }

    static DemoVenue::Options options()
    {
        DemoVenue::Options o;
        o.seed = 42;
        return o;
    }

    Outcome call(const QByteArray& method, const QString& path, const QJsonObject& params)
    {
        SignedRequest request;
        request.method = method;
        request.url = venue.restUrl();
        request.url.setPath(path);
        request.venue = QStringLiteral("bybit");
        if (method == "GET") {
            for (auto it = params.begin(); it != params.end(); ++it)
                request.query.append({it.key(), it.value().toString()});
        } else {
            request.params = params;
        }
        auto out = std::make_shared<Outcome>();
        client.send(request, [out](const SignedRestClient::Reply& reply) {
            out->done = true;
            out->ok = bool(reply);
            if (reply) {
                out->result = reply.value().object().value(QLatin1String("result")).toObject();
            } else {
                out->code = reply.error().venueCode;
                out->message = reply.error().message;
            }
        });
        (void)QTest::qWaitFor([out] { return out->done; }, 15'000);
        return *out;
    }

    DemoMarket::Book& book(Category category, const QString& symbol)
    {
        return *venue.market()->find(category, symbol);
    }

    QJsonObject order(const QString& category, const QString& orderId)
    {
        const Outcome o =
            call("GET", QStringLiteral("/v5/order/history"), {{"category", category}, {"orderId", orderId}});
        return o.result.value(QLatin1String("list")).toArray().at(0).toObject();
    }
    QJsonArray openOrders(const QString& category, const QString& symbol)
    {
        return call("GET", QStringLiteral("/v5/order/realtime"), {{"category", category}, {"symbol", symbol}})
            .result.value(QLatin1String("list"))
            .toArray();
    }
    QJsonArray executions(const QString& category, const QString& orderId)
    {
        return call("GET", QStringLiteral("/v5/execution/list"),
                    {{"category", category}, {"orderId", orderId}})
            .result.value(QLatin1String("list"))
            .toArray();
    }
    QJsonObject position(const QString& symbol)
    {
        return call("GET", QStringLiteral("/v5/position/list"), {{"category", "linear"}, {"symbol", symbol}})
            .result.value(QLatin1String("list"))
            .toArray()
            .at(0)
            .toObject();
    }
    Decimal walletBalance(const QString& coin)
    {
        const Outcome o =
            call("GET", QStringLiteral("/v5/account/wallet-balance"), {{"accountType", "UNIFIED"}});
        for (const QJsonValue& c : o.result.value(QLatin1String("list"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QLatin1String("coin"))
                                       .toArray()) {
            if (c.toObject().value(QLatin1String("coin")).toString() == coin)
                return dec(c.toObject().value(QLatin1String("walletBalance")));
        }
        return Decimal::fromMantissa(-1, 0);
    }

    QTemporaryDir dir;
    DemoVenue venue;
    QNetworkAccessManager network;
    SignedRestClient client;
};

QJsonObject limitOrder(const char* side, const QString& price, const QString& qty, const char* tif = "GTC")
{
    return {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"side", side},      {"orderType", "Limit"},
            {"qty", qty},           {"price", price},      {"timeInForce", tif}};
}

QJsonObject marketOrder(const char* side, const QString& qty, bool reduceOnly = false)
{
    return {{"category", "linear"},  {"symbol", "BTCUSDT"}, {"side", side},
            {"orderType", "Market"}, {"qty", qty},          {"reduceOnly", reduceOnly}};
}

} // namespace

class TestDemoTrading final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limitOrderRestsAmendsAndCancels();
    void marketOrderOpensAPositionAndReduceOnlyClosesIt();
    void reduceOnlyThatWouldOpenIsRejected();
    void crossingPostOnlyIsCancelled();
    void spotMarketBuyMovesBalancesExactly();
    void orderValidationUsesBybitCodes();
    void restingLimitFillsWhenTheMarketTradesThrough();
    void authenticationFailuresAreBybits();
    void privateStreamAuthAndPushes();
};

void TestDemoTrading::limitOrderRestsAmendsAndCancels()
{
    Harness h;
    QVERIFY(h.venue.start());
    const DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const std::int64_t far = book.bestBid() * 98 / 100;
    const QString price = book.price(far).toString();
    const Outcome created = h.call("POST", QStringLiteral("/v5/order/create"), [&] {
        QJsonObject o = limitOrder("Buy", price, QStringLiteral("0.010"));
        o.insert(QStringLiteral("orderLinkId"), QStringLiteral("rest-1"));
        return o;
    }());
    QVERIFY2(created.ok, qPrintable(created.message));
    const QString id = created.result.value(QLatin1String("orderId")).toString();
    QCOMPARE(created.result.value(QLatin1String("orderLinkId")).toString(), QStringLiteral("rest-1"));

    QJsonArray open = h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT"));
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0)[QLatin1String("orderId")].toString(), id);
    QCOMPARE(open.at(0)[QLatin1String("orderStatus")].toString(), QStringLiteral("New"));
    QCOMPARE(open.at(0)[QLatin1String("price")].toString(), price);
    QCOMPARE(open.at(0)[QLatin1String("qty")].toString(), QStringLiteral("0.010"));

    // Duplicate orderLinkId.
    const Outcome dup = h.call("POST", QStringLiteral("/v5/order/create"), [&] {
        QJsonObject o = limitOrder("Buy", price, QStringLiteral("0.010"));
        o.insert(QStringLiteral("orderLinkId"), QStringLiteral("rest-1"));
        return o;
    }());
    QVERIFY(!dup.ok);
    QCOMPARE(dup.code, QStringLiteral("110072"));

    const QString newPrice = book.price(far - 10).toString();
    const Outcome amended = h.call("POST", QStringLiteral("/v5/order/amend"),
                                   {{"category", "linear"},
                                    {"symbol", "BTCUSDT"},
                                    {"orderId", id},
                                    {"price", newPrice},
                                    {"qty", "0.02"}});
    QVERIFY2(amended.ok, qPrintable(amended.message));
    open = h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT"));
    QCOMPARE(open.at(0)[QLatin1String("price")].toString(), newPrice);
    QCOMPARE(open.at(0)[QLatin1String("qty")].toString(), QStringLiteral("0.020"));

    const Outcome cancelled =
        h.call("POST", QStringLiteral("/v5/order/cancel"),
               {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderLinkId", "rest-1"}});
    QVERIFY2(cancelled.ok, qPrintable(cancelled.message));
    QCOMPARE(cancelled.result.value(QLatin1String("orderId")).toString(), id);
    QCOMPARE(h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT")).size(), 0);
    QCOMPARE(h.order(QStringLiteral("linear"), id).value(QLatin1String("orderStatus")).toString(),
             QStringLiteral("Cancelled"));

    const Outcome again = h.call("POST", QStringLiteral("/v5/order/cancel"),
                                 {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderId", id}});
    QCOMPARE(again.code, QStringLiteral("110001"));
    QCOMPARE(again.message.contains(QLatin1String("order not exists or too late to cancel")), true);

    // cancel-all takes every open order of the symbol and lists them.
    for (int i = 1; i <= 2; ++i)
        QVERIFY(h.call("POST", QStringLiteral("/v5/order/create"),
                       limitOrder("Sell", book.price(book.bestAsk() * (102 + i) / 100).toString(),
                                  QStringLiteral("0.01")))
                    .ok);
    QCOMPARE(h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT")).size(), 2);
    const Outcome all = h.call("POST", QStringLiteral("/v5/order/cancel-all"),
                               {{"category", "linear"}, {"symbol", "BTCUSDT"}});
    QVERIFY2(all.ok, qPrintable(all.message));
    QCOMPARE(all.result.value(QLatin1String("list")).toArray().size(), 2);
    QCOMPARE(h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT")).size(), 0);
    const QJsonArray history = h.call("GET", QStringLiteral("/v5/order/history"), {{"category", "linear"}})
                                   .result.value(QLatin1String("list"))
                                   .toArray();
    QCOMPARE(history.size(), 3);
    for (const QJsonValue& o : history)
        QCOMPARE(o[QLatin1String("orderStatus")].toString(), QStringLiteral("Cancelled"));
}

void TestDemoTrading::marketOrderOpensAPositionAndReduceOnlyClosesIt()
{
    Harness h;
    QVERIFY(h.venue.start());
    const Decimal before = h.walletBalance(QStringLiteral("USDT"));
    QCOMPARE(before, *Decimal::parse("100000"));

    const Outcome opened =
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Buy", QStringLiteral("0.05")));
    QVERIFY2(opened.ok, qPrintable(opened.message));
    const QString openId = opened.result.value(QLatin1String("orderId")).toString();
    const QJsonObject order = h.order(QStringLiteral("linear"), openId);
    QCOMPARE(order.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Filled"));
    QCOMPARE(dec(order.value(QLatin1String("cumExecQty"))), *Decimal::parse("0.05"));

    Decimal value, fee, qty;
    for (const QJsonValue& e : h.executions(QStringLiteral("linear"), openId)) {
        value += dec(e[QLatin1String("execValue")]);
        fee += dec(e[QLatin1String("execFee")]);
        qty += dec(e[QLatin1String("execQty")]);
        QCOMPARE(e[QLatin1String("isMaker")].toBool(), false);
        QCOMPARE(dec(e[QLatin1String("execFee")]),
                 (dec(e[QLatin1String("execValue")]) * *Decimal::parse("0.00055"))
                     .roundedTo(*Decimal::parse("0.00000001"))
                     .value());
    }
    QCOMPARE(qty, *Decimal::parse("0.05"));
    QVERIFY(fee > Decimal());
    QCOMPARE(dec(order.value(QLatin1String("cumExecValue"))), value);
    QCOMPARE(dec(order.value(QLatin1String("cumExecFee"))), fee);

    QJsonObject pos = h.position(QStringLiteral("BTCUSDT"));
    QCOMPARE(pos.value(QLatin1String("side")).toString(), QStringLiteral("Buy"));
    QCOMPARE(dec(pos.value(QLatin1String("size"))), *Decimal::parse("0.05"));
    QCOMPARE(dec(pos.value(QLatin1String("positionValue"))), value);
    QCOMPARE(pos.value(QLatin1String("positionIdx")).toInt(), 0);
    QVERIFY(dec(pos.value(QLatin1String("liqPrice"))) < dec(pos.value(QLatin1String("avgPrice"))));
    // Perpetuals: the wallet pays only the fee; the notional is the position's.
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), before - fee);
    QCOMPARE(dec(pos.value(QLatin1String("cumRealisedPnl"))), -fee);

    // Reduce-only for more than the position closes exactly the position.
    const Outcome closed =
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Sell", QStringLiteral("0.08"), true));
    QVERIFY2(closed.ok, qPrintable(closed.message));
    const QString closeId = closed.result.value(QLatin1String("orderId")).toString();
    Decimal exitValue, exitFee, closedSize;
    for (const QJsonValue& e : h.executions(QStringLiteral("linear"), closeId)) {
        exitValue += dec(e[QLatin1String("execValue")]);
        exitFee += dec(e[QLatin1String("execFee")]);
        closedSize += dec(e[QLatin1String("closedSize")]);
    }
    QCOMPARE(closedSize, *Decimal::parse("0.05"));
    pos = h.position(QStringLiteral("BTCUSDT"));
    QCOMPARE(pos.value(QLatin1String("side")).toString(), QString());
    QVERIFY(dec(pos.value(QLatin1String("size"))).isZero());
    const Decimal realised = exitValue - value - fee - exitFee;
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), before + realised);
    QCOMPARE(dec(pos.value(QLatin1String("cumRealisedPnl"))), realised);
    QCOMPARE(h.order(QStringLiteral("linear"), closeId).value(QLatin1String("reduceOnly")).toBool(), true);
}

void TestDemoTrading::reduceOnlyThatWouldOpenIsRejected()
{
    Harness h;
    QVERIFY(h.venue.start());
    const Outcome r =
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Sell", QStringLiteral("0.01"), true));
    QVERIFY(!r.ok);
    QCOMPARE(r.code, QStringLiteral("110017"));
    QCOMPARE(r.message.contains(QLatin1String("Reduce-only rule not satisfied")), true);
    // With a long open, a reduce-only buy would add to it: also rejected.
    QVERIFY(
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Buy", QStringLiteral("0.01"))).ok);
    QCOMPARE(
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Buy", QStringLiteral("0.01"), true))
            .code,
        QStringLiteral("110017"));
    QCOMPARE(dec(h.position(QStringLiteral("BTCUSDT")).value(QLatin1String("size"))),
             *Decimal::parse("0.01"));
}

void TestDemoTrading::crossingPostOnlyIsCancelled()
{
    Harness h;
    QVERIFY(h.venue.start());
    const DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const QString price = book.price(book.bestAsk() * 101 / 100).toString();
    const Outcome r = h.call("POST", QStringLiteral("/v5/order/create"),
                             limitOrder("Buy", price, QStringLiteral("0.01"), "PostOnly"));
    QVERIFY2(r.ok, qPrintable(r.message)); // accepted, then cancelled at once
    const QJsonObject o =
        h.order(QStringLiteral("linear"), r.result.value(QLatin1String("orderId")).toString());
    QCOMPARE(o.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Cancelled"));
    QCOMPARE(o.value(QLatin1String("rejectReason")).toString(),
             QStringLiteral("EC_PostOnlyWillTakeLiquidity"));
    QVERIFY(dec(o.value(QLatin1String("cumExecQty"))).isZero());
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), *Decimal::parse("100000"));

    // A resting post-only amended across the book is cancelled the same way.
    const Outcome resting = h.call("POST", QStringLiteral("/v5/order/create"),
                                   limitOrder("Buy", book.price(book.bestBid() * 98 / 100).toString(),
                                              QStringLiteral("0.01"), "PostOnly"));
    QVERIFY2(resting.ok, qPrintable(resting.message));
    const QString id = resting.result.value(QLatin1String("orderId")).toString();
    QCOMPARE(h.order(QStringLiteral("linear"), id).value(QLatin1String("orderStatus")).toString(),
             QStringLiteral("New"));
    QVERIFY(h.call("POST", QStringLiteral("/v5/order/amend"),
                   {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderId", id}, {"price", price}})
                .ok);
    const QJsonObject amended = h.order(QStringLiteral("linear"), id);
    QCOMPARE(amended.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Cancelled"));
    QCOMPARE(amended.value(QLatin1String("rejectReason")).toString(),
             QStringLiteral("EC_PostOnlyWillTakeLiquidity"));
}

void TestDemoTrading::spotMarketBuyMovesBalancesExactly()
{
    Harness h;
    QVERIFY(h.venue.start());
    const Decimal usdt = h.walletBalance(QStringLiteral("USDT"));
    const Decimal btc = h.walletBalance(QStringLiteral("BTC"));
    const Outcome r = h.call("POST", QStringLiteral("/v5/order/create"),
                             {{"category", "spot"},
                              {"symbol", "BTCUSDT"},
                              {"side", "Buy"},
                              {"orderType", "Market"},
                              {"qty", "0.01"},
                              {"marketUnit", "baseCoin"}});
    QVERIFY2(r.ok, qPrintable(r.message));
    Decimal value, fee, qty;
    for (const QJsonValue& e :
         h.executions(QStringLiteral("spot"), r.result.value(QLatin1String("orderId")).toString())) {
        value += dec(e[QLatin1String("execValue")]);
        fee += dec(e[QLatin1String("execFee")]);
        qty += dec(e[QLatin1String("execQty")]);
        QCOMPARE(e[QLatin1String("feeCurrency")].toString(), QStringLiteral("BTC"));
    }
    QCOMPARE(qty, *Decimal::parse("0.01"));
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), usdt - value);
    QCOMPARE(h.walletBalance(QStringLiteral("BTC")), btc + qty - fee);

    const Outcome tooMuch = h.call("POST", QStringLiteral("/v5/order/create"),
                                   {{"category", "spot"},
                                    {"symbol", "BTCUSDT"},
                                    {"side", "Sell"},
                                    {"orderType", "Market"},
                                    {"qty", "5"}});
    QCOMPARE(tooMuch.code, QStringLiteral("170131"));
    QCOMPARE(tooMuch.message, QStringLiteral("Balance insufficient"));
    const QJsonObject spotLimit{{"category", "spot"},   {"symbol", "BTCUSDT"}, {"side", "Buy"},
                                {"orderType", "Limit"}, {"price", "50000.00"}, {"qty", "0.00001"}};
    QCOMPARE(h.call("POST", QStringLiteral("/v5/order/create"), spotLimit).code, QStringLiteral("170136"));
    QJsonObject tooSmall = spotLimit;
    tooSmall.insert(QStringLiteral("qty"), QStringLiteral("0.00005"));
    tooSmall.insert(QStringLiteral("price"), QStringLiteral("10000.00")); // 0.5 USDT < minOrderAmt 1
    QCOMPARE(h.call("POST", QStringLiteral("/v5/order/create"), tooSmall).code, QStringLiteral("170140"));
    QJsonObject linked = spotLimit;
    linked.insert(QStringLiteral("qty"), QStringLiteral("0.001"));
    linked.insert(QStringLiteral("orderLinkId"), QStringLiteral("spot-1"));
    QVERIFY(h.call("POST", QStringLiteral("/v5/order/create"), linked).ok);
    QCOMPARE(h.call("POST", QStringLiteral("/v5/order/create"), linked).code, QStringLiteral("170141"));
    // The resting buy locks its quote: 0.001 x 50000.
    const Outcome wallet =
        h.call("GET", QStringLiteral("/v5/account/wallet-balance"), {{"accountType", "UNIFIED"}});
    bool sawUsdt = false;
    for (const QJsonValue& c : wallet.result[QLatin1String("list")][0][QLatin1String("coin")].toArray()) {
        if (c[QLatin1String("coin")].toString() == QLatin1String("USDT")) {
            sawUsdt = true;
            QCOMPARE(dec(c[QLatin1String("locked")]), *Decimal::parse("50"));
        }
    }
    QVERIFY(sawUsdt);
    QCOMPARE(h.call("POST", QStringLiteral("/v5/order/cancel"),
                    {{"category", "spot"}, {"symbol", "BTCUSDT"}, {"orderId", "nope"}})
                 .code,
             QStringLiteral("170213"));
}

void TestDemoTrading::orderValidationUsesBybitCodes()
{
    Harness h;
    QVERIFY(h.venue.start());
    QCOMPARE(
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Buy", QStringLiteral("100"))).code,
        QStringLiteral("110007"));
    QCOMPARE(h.call("POST", QStringLiteral("/v5/order/create"),
                    limitOrder("Buy", QStringLiteral("100000.05"), QStringLiteral("0.01")))
                 .code,
             QStringLiteral("10001"));
    QCOMPARE(
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Buy", QStringLiteral("0.0105"))).code,
        QStringLiteral("10001"));
    QCOMPARE(h.call("POST", QStringLiteral("/v5/order/create"),
                    {{"category", "linear"},
                     {"symbol", "XRPUSDT"},
                     {"side", "Buy"},
                     {"orderType", "Market"},
                     {"qty", "1"}})
                 .code,
             QStringLiteral("110094"));
    QCOMPARE(
        h.call("POST", QStringLiteral("/v5/order/create"), {{"category", "linear"}, {"symbol", "BTCUSDT"}})
            .code,
        QStringLiteral("10001"));
    QCOMPARE(h.call("POST", QStringLiteral("/v5/order/amend"),
                    {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderId", "nope"}, {"qty", "0.01"}})
                 .code,
             QStringLiteral("110001"));
    QCOMPARE(h.call("GET", QStringLiteral("/v5/position/list"), {{"category", "linear"}}).code,
             QStringLiteral("10001"));
}

void TestDemoTrading::restingLimitFillsWhenTheMarketTradesThrough()
{
    Harness h;
    QVERIFY(h.venue.start());
    h.venue.setPaused(true); // the book stands still until the simulated sellers below arrive
    DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const std::int64_t limit = book.bid(3).priceTicks;
    const Outcome r = h.call("POST", QStringLiteral("/v5/order/create"),
                             limitOrder("Buy", book.price(limit).toString(), QStringLiteral("0.01")));
    QVERIFY2(r.ok, qPrintable(r.message));
    const QString id = r.result.value(QLatin1String("orderId")).toString();
    QCOMPARE(h.order(QStringLiteral("linear"), id).value(QLatin1String("orderStatus")).toString(),
             QStringLiteral("New"));

    // Sellers take every bid down to and through the order's price.
    std::int64_t lots = 0;
    for (std::size_t i = 0; i < book.bidCount() && book.bid(i).priceTicks >= limit; ++i)
        lots += book.bid(i).lots;
    (void)book.executeTaker(Side::Sell, lots + 1, h.venue.nowMs());

    const QJsonObject o = h.order(QStringLiteral("linear"), id);
    QCOMPARE(o.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Filled"));
    QCOMPARE(o.value(QLatin1String("avgPrice")).toString(), book.price(limit).toString());
    const QJsonArray execs = h.executions(QStringLiteral("linear"), id);
    QCOMPARE(execs.size(), 1);
    QCOMPARE(execs.at(0)[QLatin1String("isMaker")].toBool(), true);
    const Decimal fee = dec(execs.at(0)[QLatin1String("execFee")]);
    QCOMPARE(fee, (book.price(limit) * *Decimal::parse("0.01") * *Decimal::parse("0.0002"))
                      .roundedTo(*Decimal::parse("0.00000001"))
                      .value()
                      .normalized());
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), *Decimal::parse("100000") - fee);
    QCOMPARE(dec(h.position(QStringLiteral("BTCUSDT")).value(QLatin1String("size"))),
             *Decimal::parse("0.01"));
    h.venue.setPaused(false);
}

void TestDemoTrading::authenticationFailuresAreBybits()
{
    {
        Harness wrongSecret("not-the-secret");
        QVERIFY(wrongSecret.venue.start());
        const Outcome r = wrongSecret.call("GET", QStringLiteral("/v5/order/realtime"),
                                           {{"category", "linear"}, {"symbol", "BTCUSDT"}});
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("10004"));
        QVERIFY2(r.message.contains(QLatin1String("error sign! origin_string[")), qPrintable(r.message));
        QVERIFY2(r.message.contains(kKey + QStringLiteral("5000category=linear&symbol=BTCUSDT]")),
                 qPrintable(r.message));
    }
    {
        Harness unknownKey(kSecret, QStringLiteral("NOSUCHKEY"));
        QVERIFY(unknownKey.venue.start());
        const Outcome r =
            unknownKey.call("GET", QStringLiteral("/v5/order/realtime"), {{"category", "linear"}});
        QCOMPARE(r.code, QStringLiteral("10003"));
        QVERIFY2(r.message.contains(QLatin1String("API key is invalid.")), qPrintable(r.message));
    }
    // A clock 10 s behind (and one 1.5 s ahead): signed correctly, but outside the receive window.
    Harness h;
    QVERIFY(h.venue.start());
    for (const qint64 skew : {-10'000LL, 1'500LL}) {
        HttpRequest request;
        request.method = "GET";
        request.url = h.venue.restUrl();
        request.url.setPath(QStringLiteral("/v5/account/wallet-balance"));
        request.setEncodedQuery("accountType=UNIFIED");
        const qint64 ts = h.venue.serverTimeMs() + skew;
        QVERIFY(BybitSigner().sign(request, Credentials(kKey, kSecret), {ts, 0}));
        QNetworkRequest nr(request.url);
        for (const auto& [name, value] : request.headers)
            nr.setRawHeader(name, value);
        QNetworkReply* reply = h.network.get(nr);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10'000));
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QCOMPARE(body.value(QLatin1String("retCode")).toInt(), 10002);
        const QString msg = body.value(QLatin1String("retMsg")).toString();
        QVERIFY2(msg.startsWith(
                     QStringLiteral("invalid request, please check your server timestamp or recv_window "
                                    "param. req_timestamp[%1],server_timestamp[")
                         .arg(ts)),
                 qPrintable(msg));
        QVERIFY2(msg.endsWith(QLatin1String("],recv_window[5000]")), qPrintable(msg));
    }
}

void TestDemoTrading::privateStreamAuthAndPushes()
{
    Harness h;
    QVERIFY(h.venue.start());
    QWebSocket ws;
    QStringList frames;
    connect(&ws, &QWebSocket::textMessageReceived, &ws, [&frames](const QString& t) { frames.append(t); });
    ws.open(h.venue.privateStreamUrl());
    QTRY_VERIFY_WITH_TIMEOUT(ws.state() == QAbstractSocket::ConnectedState, 10'000);
    auto lastOp = [&frames](const char* op) {
        for (auto it = frames.crbegin(); it != frames.crend(); ++it) {
            const QJsonObject o = QJsonDocument::fromJson(it->toUtf8()).object();
            if (o.value(QLatin1String("op")).toString() == QLatin1String(op))
                return o;
        }
        return QJsonObject();
    };
    auto authFrame = [](const QByteArray& secret, qint64 expires) {
        const QByteArray message = "GET/realtime" + QByteArray::number(expires);
        const QByteArray sig = Crypto::hmacSha256Hex(secret, message);
        return QString::fromUtf8(QJsonDocument(QJsonObject{{"op", "auth"},
                                                           {"args", QJsonArray{kKey, QString::number(expires),
                                                                               QString::fromLatin1(sig)}}})
                                     .toJson(QJsonDocument::Compact));
    };
    // Subscribing before auth, and a bad signature, are refused.
    ws.sendTextMessage(QStringLiteral(R"({"op":"subscribe","args":["order"]})"));
    QTRY_VERIFY_WITH_TIMEOUT(!lastOp("subscribe").isEmpty(), 5'000);
    QCOMPARE(lastOp("subscribe").value(QLatin1String("success")).toBool(), false);
    const qint64 expires = h.venue.serverTimeMs() + 10'000;
    ws.sendTextMessage(authFrame("wrong", expires));
    QTRY_VERIFY_WITH_TIMEOUT(!lastOp("auth").isEmpty(), 5'000);
    QCOMPARE(lastOp("auth").value(QLatin1String("success")).toBool(), false);
    frames.clear();
    ws.sendTextMessage(authFrame(kSecret, h.venue.serverTimeMs() - 1'000)); // expired
    QTRY_VERIFY_WITH_TIMEOUT(!lastOp("auth").isEmpty(), 5'000);
    QCOMPARE(lastOp("auth").value(QLatin1String("success")).toBool(), false);
    frames.clear();
    ws.sendTextMessage(authFrame(kSecret, expires));
    QTRY_VERIFY_WITH_TIMEOUT(!lastOp("auth").isEmpty(), 5'000);
    QCOMPARE(lastOp("auth").value(QLatin1String("success")).toBool(), true);
    ws.sendTextMessage(
        QStringLiteral(R"({"op":"subscribe","args":["order","execution","position","wallet"]})"));
    QTRY_VERIFY_WITH_TIMEOUT(!lastOp("subscribe").isEmpty(), 5'000);
    QCOMPARE(lastOp("subscribe").value(QLatin1String("success")).toBool(), true);
    ws.sendTextMessage(QStringLiteral(R"({"op":"ping","req_id":"p1"})"));
    QTRY_VERIFY_WITH_TIMEOUT(!lastOp("pong").isEmpty(), 5'000);
    QCOMPARE(lastOp("pong").value(QLatin1String("req_id")).toString(), QStringLiteral("p1"));

    frames.clear();
    const Outcome r =
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Buy", QStringLiteral("0.02")));
    QVERIFY2(r.ok, qPrintable(r.message));
    const QString id = r.result.value(QLatin1String("orderId")).toString();
    auto lastTopic = [&frames](const char* topic) {
        for (auto it = frames.crbegin(); it != frames.crend(); ++it) {
            const QJsonObject o = QJsonDocument::fromJson(it->toUtf8()).object();
            if (o.value(QLatin1String("topic")).toString() == QLatin1String(topic))
                return o;
        }
        return QJsonObject();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!lastTopic("order").isEmpty() && !lastTopic("execution").isEmpty() &&
                                 !lastTopic("position").isEmpty() && !lastTopic("wallet").isEmpty(),
                             5'000);
    const QJsonObject pushedOrder =
        lastTopic("order").value(QLatin1String("data")).toArray().at(0).toObject();
    QVERIFY(lastTopic("order").contains(QLatin1String("creationTime")));
    QCOMPARE(pushedOrder.value(QLatin1String("category")).toString(), QStringLiteral("linear"));
    QCOMPARE(pushedOrder.value(QLatin1String("orderId")).toString(), id);
    const QJsonObject restOrder = h.order(QStringLiteral("linear"), id);
    QCOMPARE(pushedOrder.value(QLatin1String("orderStatus")).toString(),
             restOrder.value(QLatin1String("orderStatus")).toString());
    QCOMPARE(pushedOrder.value(QLatin1String("cumExecValue")).toString(),
             restOrder.value(QLatin1String("cumExecValue")).toString());
    QCOMPARE(pushedOrder.value(QLatin1String("cumExecFee")).toString(),
             restOrder.value(QLatin1String("cumExecFee")).toString());

    const QJsonArray execs = h.executions(QStringLiteral("linear"), id);
    const QJsonObject pushedExec =
        lastTopic("execution").value(QLatin1String("data")).toArray().last().toObject();
    QCOMPARE(pushedExec.value(QLatin1String("execId")).toString(),
             execs.at(0)[QLatin1String("execId")].toString());

    const QJsonObject pushedPos =
        lastTopic("position").value(QLatin1String("data")).toArray().last().toObject();
    const QJsonObject restPos = h.position(QStringLiteral("BTCUSDT"));
    QCOMPARE(pushedPos.value(QLatin1String("size")).toString(),
             restPos.value(QLatin1String("size")).toString());
    QCOMPARE(pushedPos.value(QLatin1String("avgPrice")).toString(),
             restPos.value(QLatin1String("avgPrice")).toString());

    const QJsonArray coins =
        lastTopic("wallet").value(QLatin1String("data")).toArray().at(0)[QLatin1String("coin")].toArray();
    Decimal pushedUsdt;
    for (const QJsonValue& c : coins) {
        if (c[QLatin1String("coin")].toString() == QLatin1String("USDT"))
            pushedUsdt = dec(c[QLatin1String("walletBalance")]);
    }
    QCOMPARE(pushedUsdt, h.walletBalance(QStringLiteral("USDT")));
    QVERIFY(pushedUsdt < *Decimal::parse("100000"));

    // A resting sell fills on the venue's own clock (no request involved) once buyers trade through
    // it, and the stream says so.
    h.venue.setPaused(true);
    DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const std::int64_t limit = book.ask(2).priceTicks;
    const Outcome rest = h.call("POST", QStringLiteral("/v5/order/create"),
                                limitOrder("Sell", book.price(limit).toString(), QStringLiteral("0.01")));
    QVERIFY2(rest.ok, qPrintable(rest.message));
    const QString restId = rest.result.value(QLatin1String("orderId")).toString();
    QCOMPARE(h.order(QStringLiteral("linear"), restId).value(QLatin1String("orderStatus")).toString(),
             QStringLiteral("New"));
    frames.clear();
    std::int64_t lots = 0;
    for (std::size_t i = 0; i < book.askCount() && book.ask(i).priceTicks <= limit; ++i)
        lots += book.ask(i).lots;
    (void)book.executeTaker(Side::Buy, lots + 1, h.venue.nowMs());
    h.venue.setPaused(false);
    auto pushedStatus = [&frames, &restId] {
        for (const QString& f : frames) {
            const QJsonObject o = QJsonDocument::fromJson(f.toUtf8()).object();
            if (o.value(QLatin1String("topic")).toString() != QLatin1String("order"))
                continue;
            for (const QJsonValue& d : o.value(QLatin1String("data")).toArray()) {
                if (d[QLatin1String("orderId")].toString() == restId)
                    return d[QLatin1String("orderStatus")].toString();
            }
        }
        return QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(pushedStatus(), QStringLiteral("Filled"), 5'000);
    QCOMPARE(h.order(QStringLiteral("linear"), restId).value(QLatin1String("avgPrice")).toString(),
             book.price(limit).toString());
}

QTEST_MAIN(TestDemoTrading)
#include "tst_demotrading.moc"
