// Trading against the demo venue with the terminal's own signed REST client (SignedRestClient and
// BybitSigner) and a plain QWebSocket on the private stream: orders rest, amend, cancel and fill as on
// Bybit V5, positions and the wallet follow exactly, and authentication fails with Bybit's codes.

#include "exchanges/bybit/bybitsigner.h"
#include "exchanges/core/crypto.h"
#include "exchanges/core/noncestore.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/demo/demoaccount.h"
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

// The private stream, logged in and subscribed to every topic; keeps every frame it receives.
class PrivateStream
{
public:
    bool open(DemoVenue& venue)
    {
        QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws, [this](const QString& t) {
            frames.append(QJsonDocument::fromJson(t.toUtf8()).object());
        });
        ws.open(venue.privateStreamUrl());
        if (!QTest::qWaitFor([this] { return ws.state() == QAbstractSocket::ConnectedState; }, 10'000))
            return false;
        const qint64 expires = venue.serverTimeMs() + 10'000;
        const QByteArray message = "GET/realtime" + QByteArray::number(expires);
        const QByteArray sig = Crypto::hmacSha256Hex(kSecret, message);
        send(QJsonObject{{"op", "auth"},
                         {"args", QJsonArray{kKey, QString::number(expires), QString::fromLatin1(sig)}}});
        if (!QTest::qWaitFor([this] { return answered("auth"); }, 5'000))
            return false;
        send(QJsonObject{{"op", "subscribe"},
                         {"args", QJsonArray{"order", "execution", "position", "wallet"}}});
        return QTest::qWaitFor([this] { return answered("subscribe"); }, 5'000);
    }

    // The data objects of every push of `topic`, oldest first (for one order when orderId is given).
    QList<QJsonObject> pushes(const char* topic, const QString& orderId = {}) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject& f : frames) {
            if (f.value(QLatin1String("topic")).toString() != QLatin1String(topic))
                continue;
            for (const QJsonValue& d : f.value(QLatin1String("data")).toArray()) {
                if (orderId.isEmpty() || d[QLatin1String("orderId")].toString() == orderId)
                    out.append(d.toObject());
            }
        }
        return out;
    }
    QStringList statuses(const QString& orderId) const
    {
        QStringList out;
        for (const QJsonObject& o : pushes("order", orderId))
            out.append(o.value(QLatin1String("orderStatus")).toString());
        return out;
    }
    // The frames of `topic` (with their creationTime), oldest first.
    QList<QJsonObject> topicFrames(const char* topic) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject& f : frames) {
            if (f.value(QLatin1String("topic")).toString() == QLatin1String(topic))
                out.append(f);
        }
        return out;
    }

    // Waits until every push sent before now has arrived: the venue answers a ping after them.
    bool sync()
    {
        const QString id = QString::number(++m_pings);
        send(QJsonObject{{"op", "ping"}, {"req_id", id}});
        return QTest::qWaitFor(
            [this, id] {
                for (const QJsonObject& f : frames) {
                    if (f.value(QLatin1String("op")).toString() == QLatin1String("pong") &&
                        f.value(QLatin1String("req_id")).toString() == id)
                        return true;
                }
                return false;
            },
            5'000);
    }

    QWebSocket ws;
    QList<QJsonObject> frames;

private:
    int m_pings = 0;
    void send(const QJsonObject& o)
    {
        ws.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }
    bool answered(const char* op) const
    {
        for (const QJsonObject& f : frames) {
            if (f.value(QLatin1String("op")).toString() == QLatin1String(op))
                return f.value(QLatin1String("success")).toBool();
        }
        return false;
    }
};

QJsonObject stopOrder(const char* side, std::int64_t triggerTicks, int direction,
                      const DemoMarket::Book& book, const QString& qty = QStringLiteral("0.01"))
{
    return {{"category", "linear"},
            {"symbol", "BTCUSDT"},
            {"side", side},
            {"orderType", "Market"},
            {"qty", qty},
            {"triggerPrice", book.price(triggerTicks).toString()},
            {"triggerDirection", direction}};
}

// Buyers (or sellers) take every level up to and through `ticks`: the last price ends beyond it.
void tradeThrough(DemoMarket::Book& book, Side side, std::int64_t ticks, std::int64_t nowMs)
{
    std::int64_t lots = 0;
    if (side == Side::Buy) {
        for (std::size_t i = 0; i < book.askCount() && book.ask(i).priceTicks <= ticks; ++i)
            lots += book.ask(i).lots;
    } else {
        for (std::size_t i = 0; i < book.bidCount() && book.bid(i).priceTicks >= ticks; ++i)
            lots += book.bid(i).lots;
    }
    (void)book.executeTaker(side, lots + 1, nowMs);
}

// One execution's fee on `amount` (its value, or a spot buy's quantity), at 8 decimals.
Decimal feeOf(Decimal amount, bool maker)
{
    const Decimal fee = amount * (maker ? DemoAccount::MakerFeeRate : DemoAccount::TakerFeeRate);
    return fee.roundedTo(*Decimal::parse("0.00000001")).value().normalized();
}

Decimal sumOf(const QJsonArray& list, const char* key)
{
    Decimal out;
    for (const QJsonValue& v : list)
        out += dec(v[QLatin1String(key)]);
    return out;
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
    void stopBuyTriggersWhenThePriceRisesThroughIt();
    void untriggeredOrderAmendsAndCancels();
    void triggerOnTheWrongSideIsRefused();
    void tenConditionalOrdersPerSymbolAtMost();
    void takeProfitClosesTheLong();
    void stopLossClosesTheShort();
    void tpslOnTheWrongSideIsRefused();
    void positionPushesFollowTheMarkAtMostOncePerSecond();
    void spotBuyThenSellMovesBothCoinsExactly();
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
    QCOMPARE(pushedPos.value(QLatin1String("entryPrice")).toString(),
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

void TestDemoTrading::stopBuyTriggersWhenThePriceRisesThroughIt()
{
    Harness h;
    QVERIFY(h.venue.start());
    PrivateStream stream;
    QVERIFY(stream.open(h.venue));
    h.venue.setPaused(true);
    DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const std::int64_t trigger = std::max(book.lastPrice(), book.bestAsk()) + 5;
    QJsonObject stop = stopOrder("Buy", trigger, 1, book);
    stop.insert(QStringLiteral("orderLinkId"), QStringLiteral("stop-1"));
    const Outcome r = h.call("POST", QStringLiteral("/v5/order/create"), stop);
    QVERIFY2(r.ok, qPrintable(r.message));
    const QString id = r.result.value(QLatin1String("orderId")).toString();

    // Listed by /v5/order/realtime by default (every kind of order on linear) and with
    // orderFilter=StopOrder, not with orderFilter=Order.
    const QJsonArray open = h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT"));
    QCOMPARE(open.size(), 1);
    const QJsonObject waiting = open.at(0).toObject();
    QCOMPARE(waiting.value(QLatin1String("orderId")).toString(), id);
    QCOMPARE(waiting.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Untriggered"));
    QCOMPARE(waiting.value(QLatin1String("stopOrderType")).toString(), QStringLiteral("Stop"));
    QCOMPARE(waiting.value(QLatin1String("orderType")).toString(), QStringLiteral("Market"));
    QCOMPARE(waiting.value(QLatin1String("triggerPrice")).toString(), book.price(trigger).toString());
    QCOMPARE(waiting.value(QLatin1String("triggerDirection")).toInt(), 1);
    QCOMPARE(waiting.value(QLatin1String("triggerBy")).toString(), QStringLiteral("LastPrice"));
    auto filtered = [&h](const char* filter) {
        return h
            .call("GET", QStringLiteral("/v5/order/realtime"),
                  {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderFilter", filter}})
            .result.value(QLatin1String("list"))
            .toArray()
            .size();
    };
    QCOMPARE(filtered("StopOrder"), 1);
    QCOMPARE(filtered("Order"), 0);
    // A conditional order holds no margin and opens nothing while it waits.
    QVERIFY(dec(h.position(QStringLiteral("BTCUSDT")).value(QLatin1String("size"))).isZero());
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), *Decimal::parse("100000"));

    // Buyers lift the asks below the trigger: the last price stays under it, nothing fires.
    std::int64_t below = 0;
    for (std::size_t i = 0; i < book.askCount() && book.ask(i).priceTicks < trigger; ++i)
        below += book.ask(i).lots;
    QVERIFY(below > 0);
    (void)book.executeTaker(Side::Buy, below, h.venue.nowMs());
    QVERIFY(book.lastPrice() < trigger);
    QCOMPARE(h.order(QStringLiteral("linear"), id).value(QLatin1String("orderStatus")).toString(),
             QStringLiteral("Untriggered"));

    // Then through it: the stop fires and buys at market.
    tradeThrough(book, Side::Buy, trigger, h.venue.nowMs());
    QVERIFY(book.lastPrice() > trigger);
    const QJsonObject filled = h.order(QStringLiteral("linear"), id);
    QCOMPARE(filled.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Filled"));
    QCOMPARE(dec(filled.value(QLatin1String("cumExecQty"))), *Decimal::parse("0.01"));
    QCOMPARE(filled.value(QLatin1String("stopOrderType")).toString(), QStringLiteral("Stop"));
    QCOMPARE(filled.value(QLatin1String("createType")).toString(), QStringLiteral("CreateByStopOrder"));
    QCOMPARE(filled.value(QLatin1String("orderLinkId")).toString(), QStringLiteral("stop-1"));
    const QJsonArray execs = h.executions(QStringLiteral("linear"), id);
    QVERIFY(!execs.isEmpty());
    for (const QJsonValue& e : execs) {
        QCOMPARE(e[QLatin1String("isMaker")].toBool(), false);
        QCOMPARE(e[QLatin1String("stopOrderType")].toString(), QStringLiteral("Stop"));
        QVERIFY(dec(e[QLatin1String("execPrice")]) > book.price(trigger));
    }
    const Decimal fee = sumOf(execs, "execFee");
    QCOMPARE(dec(h.position(QStringLiteral("BTCUSDT")).value(QLatin1String("size"))),
             *Decimal::parse("0.01"));
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), *Decimal::parse("100000") - fee);
    QCOMPARE(h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT")).size(), 0);

    // The stream told each step, in order.
    QTRY_COMPARE_WITH_TIMEOUT(stream.statuses(id),
                              (QStringList{QStringLiteral("Untriggered"), QStringLiteral("Triggered"),
                                           QStringLiteral("Filled")}),
                              5'000);
    QTRY_COMPARE_WITH_TIMEOUT(stream.pushes("execution", id).size(), execs.size(), 5'000);
    QTRY_VERIFY_WITH_TIMEOUT(!stream.pushes("position").isEmpty(), 5'000);
    QCOMPARE(dec(stream.pushes("position").last().value(QLatin1String("size"))), *Decimal::parse("0.01"));
    h.venue.setPaused(false);
}

void TestDemoTrading::untriggeredOrderAmendsAndCancels()
{
    Harness h;
    QVERIFY(h.venue.start());
    PrivateStream stream;
    QVERIFY(stream.open(h.venue));
    h.venue.setPaused(true);
    const DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const std::int64_t trigger = std::min(book.lastPrice(), book.bestBid()) - 50;
    // A stop-limit sell: fires when the price falls to the trigger, then sells at its limit.
    QJsonObject stop = stopOrder("Sell", trigger, 2, book);
    stop.insert(QStringLiteral("orderType"), QStringLiteral("Limit"));
    stop.insert(QStringLiteral("price"), book.price(trigger - 10).toString());
    const Outcome r = h.call("POST", QStringLiteral("/v5/order/create"), stop);
    QVERIFY2(r.ok, qPrintable(r.message));
    const QString id = r.result.value(QLatin1String("orderId")).toString();

    const Outcome amended = h.call("POST", QStringLiteral("/v5/order/amend"),
                                   {{"category", "linear"},
                                    {"symbol", "BTCUSDT"},
                                    {"orderId", id},
                                    {"triggerPrice", book.price(trigger - 20).toString()},
                                    {"price", book.price(trigger - 30).toString()},
                                    {"qty", "0.02"}});
    QVERIFY2(amended.ok, qPrintable(amended.message));
    QJsonObject o = h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT")).at(0).toObject();
    QCOMPARE(o.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Untriggered"));
    QCOMPARE(o.value(QLatin1String("triggerPrice")).toString(), book.price(trigger - 20).toString());
    QCOMPARE(o.value(QLatin1String("price")).toString(), book.price(trigger - 30).toString());
    QCOMPARE(o.value(QLatin1String("qty")).toString(), QStringLiteral("0.020"));

    // A trigger moved past the market is refused and the order keeps its own.
    const std::int64_t above = std::max(book.lastPrice(), book.bestAsk()) + 10;
    const Outcome wrong = h.call("POST", QStringLiteral("/v5/order/amend"),
                                 {{"category", "linear"},
                                  {"symbol", "BTCUSDT"},
                                  {"orderId", id},
                                  {"triggerPrice", book.price(above).toString()}});
    QCOMPARE(wrong.code, QStringLiteral("110093"));
    QVERIFY2(wrong.message.startsWith(QLatin1String("expect Falling, but trigger_price[")),
             qPrintable(wrong.message));
    o = h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT")).at(0).toObject();
    QCOMPARE(o.value(QLatin1String("triggerPrice")).toString(), book.price(trigger - 20).toString());

    // cancel-all with orderFilter=Order takes the working orders only.
    const QString far = book.price(book.bestBid() * 98 / 100).toString();
    const QJsonObject plainOrder = limitOrder("Buy", far, QStringLiteral("0.01"));
    QVERIFY(h.call("POST", QStringLiteral("/v5/order/create"), plainOrder).ok);
    const Outcome plain = h.call("POST", QStringLiteral("/v5/order/cancel-all"),
                                 {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderFilter", "Order"}});
    QVERIFY2(plain.ok, qPrintable(plain.message));
    QCOMPARE(plain.result.value(QLatin1String("list")).toArray().size(), 1);
    QCOMPARE(h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT")).size(), 1);

    // Cancelled before it fired: Deactivated.
    const Outcome cancelled = h.call("POST", QStringLiteral("/v5/order/cancel"),
                                     {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderId", id}});
    QVERIFY2(cancelled.ok, qPrintable(cancelled.message));
    o = h.order(QStringLiteral("linear"), id);
    QCOMPARE(o.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Deactivated"));
    QCOMPARE(o.value(QLatin1String("cancelType")).toString(), QStringLiteral("CancelByUser"));
    QCOMPARE(h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT")).size(), 0);
    QCOMPARE(h.call("POST", QStringLiteral("/v5/order/cancel"),
                    {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderId", id}})
                 .code,
             QStringLiteral("110001"));
    QTRY_COMPARE_WITH_TIMEOUT(stream.statuses(id),
                              (QStringList{QStringLiteral("Untriggered"), QStringLiteral("Untriggered"),
                                           QStringLiteral("Deactivated")}),
                              5'000);
    h.venue.setPaused(false);
}

void TestDemoTrading::triggerOnTheWrongSideIsRefused()
{
    Harness h;
    QVERIFY(h.venue.start());
    h.venue.setPaused(true);
    const DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const std::int64_t last = book.lastPrice();
    for (const std::int64_t trigger : {last - 10, last}) {
        const Outcome r =
            h.call("POST", QStringLiteral("/v5/order/create"), stopOrder("Buy", trigger, 1, book));
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("110092"));
        QCOMPARE(r.message, QStringLiteral("expect Rising, but trigger_price[%1] <= current[%2]??LastPrice")
                                .arg(book.price(trigger).toString(), book.price(last).toString()));
    }
    const Outcome r =
        h.call("POST", QStringLiteral("/v5/order/create"), stopOrder("Sell", last + 10, 2, book));
    QCOMPARE(r.code, QStringLiteral("110093"));
    QCOMPARE(r.message, QStringLiteral("expect Falling, but trigger_price[%1] >= current[%2]??LastPrice")
                            .arg(book.price(last + 10).toString(), book.price(last).toString()));
    QCOMPARE(h.call("GET", QStringLiteral("/v5/order/history"), {{"category", "linear"}})
                 .result.value(QLatin1String("list"))
                 .toArray()
                 .size(),
             0);
    h.venue.setPaused(false);
}

void TestDemoTrading::tenConditionalOrdersPerSymbolAtMost()
{
    Harness h;
    QVERIFY(h.venue.start());
    h.venue.setPaused(true);
    const DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const std::int64_t above = std::max(book.lastPrice(), book.bestAsk()) + 10;
    for (int i = 0; i < DemoAccount::MaxConditionalOrders; ++i) {
        const Outcome r =
            h.call("POST", QStringLiteral("/v5/order/create"), stopOrder("Buy", above + i, 1, book));
        QVERIFY2(r.ok, qPrintable(r.message));
    }
    const Outcome r = h.call("POST", QStringLiteral("/v5/order/create"), stopOrder("Buy", above, 1, book));
    QCOMPARE(r.code, QStringLiteral("110009"));
    QCOMPARE(r.message, QStringLiteral("The number of stop orders exceeds the maximum allowable limit"));
    // Plain orders are not counted, and a cancelled stop frees its place.
    QVERIFY(
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Buy", QStringLiteral("0.01"))).ok);
    const QString first = h.openOrders(QStringLiteral("linear"), QStringLiteral("BTCUSDT"))
                              .last()[QLatin1String("orderId")]
                              .toString();
    QVERIFY(h.call("POST", QStringLiteral("/v5/order/cancel"),
                   {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderId", first}})
                .ok);
    QVERIFY(h.call("POST", QStringLiteral("/v5/order/create"), stopOrder("Buy", above, 1, book)).ok);
    h.venue.setPaused(false);
}

void TestDemoTrading::takeProfitClosesTheLong()
{
    Harness h;
    QVERIFY(h.venue.start());
    PrivateStream stream;
    QVERIFY(stream.open(h.venue));
    h.venue.setPaused(true);
    DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const std::int64_t tp = std::max(book.lastPrice(), book.bestAsk()) + 20;
    const std::int64_t sl = std::min(book.lastPrice(), book.bestBid()) - 200;
    QJsonObject buy = marketOrder("Buy", QStringLiteral("0.01"));
    buy.insert(QStringLiteral("takeProfit"), book.price(tp).toString());
    buy.insert(QStringLiteral("stopLoss"), book.price(sl).toString());
    const Outcome opened = h.call("POST", QStringLiteral("/v5/order/create"), buy);
    QVERIFY2(opened.ok, qPrintable(opened.message));
    const QString openId = opened.result.value(QLatin1String("orderId")).toString();
    const QJsonObject openOrder = h.order(QStringLiteral("linear"), openId);
    QCOMPARE(openOrder.value(QLatin1String("takeProfit")).toString(), book.price(tp).toString());
    QCOMPARE(openOrder.value(QLatin1String("tpslMode")).toString(), QStringLiteral("Full"));
    const QJsonArray entry = h.executions(QStringLiteral("linear"), openId);
    const Decimal entryValue = sumOf(entry, "execValue");
    const Decimal entryFee = sumOf(entry, "execFee");

    // The filled order's TP/SL are the position's.
    QJsonObject pos = h.position(QStringLiteral("BTCUSDT"));
    QCOMPARE(dec(pos.value(QLatin1String("size"))), *Decimal::parse("0.01"));
    QCOMPARE(pos.value(QLatin1String("takeProfit")).toString(), book.price(tp).toString());
    QCOMPARE(pos.value(QLatin1String("stopLoss")).toString(), book.price(sl).toString());
    QTRY_VERIFY_WITH_TIMEOUT(!stream.pushes("position").isEmpty(), 5'000);
    QCOMPARE(stream.pushes("position").last().value(QLatin1String("takeProfit")).toString(),
             book.price(tp).toString());

    // The price reaches the take profit: a reduce-only market sell closes the position.
    QVERIFY(stream.sync());
    stream.frames.clear();
    tradeThrough(book, Side::Buy, tp, h.venue.nowMs());
    pos = h.position(QStringLiteral("BTCUSDT"));
    QVERIFY(dec(pos.value(QLatin1String("size"))).isZero());
    QCOMPARE(pos.value(QLatin1String("side")).toString(), QString());
    QCOMPARE(pos.value(QLatin1String("takeProfit")).toString(), QStringLiteral("0"));
    const QJsonObject close = h.call("GET", QStringLiteral("/v5/order/history"),
                                     {{"category", "linear"}, {"orderFilter", "StopOrder"}})
                                  .result.value(QLatin1String("list"))
                                  .toArray()
                                  .at(0)
                                  .toObject();
    const QString closeId = close.value(QLatin1String("orderId")).toString();
    QVERIFY(closeId != openId);
    QCOMPARE(close.value(QLatin1String("stopOrderType")).toString(), QStringLiteral("TakeProfit"));
    QCOMPARE(close.value(QLatin1String("createType")).toString(), QStringLiteral("CreateByTakeProfit"));
    QCOMPARE(close.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Filled"));
    QCOMPARE(close.value(QLatin1String("side")).toString(), QStringLiteral("Sell"));
    QCOMPARE(close.value(QLatin1String("orderType")).toString(), QStringLiteral("Market"));
    QCOMPARE(close.value(QLatin1String("reduceOnly")).toBool(), true);
    QCOMPARE(close.value(QLatin1String("triggerPrice")).toString(), book.price(tp).toString());
    const QJsonArray exit = h.executions(QStringLiteral("linear"), closeId);
    QCOMPARE(sumOf(exit, "closedSize"), *Decimal::parse("0.01"));
    const Decimal exitValue = sumOf(exit, "execValue");
    const Decimal exitFee = sumOf(exit, "execFee");
    for (const QJsonValue& e : exit)
        QCOMPARE(dec(e[QLatin1String("execFee")]), feeOf(dec(e[QLatin1String("execValue")]), false));
    QVERIFY(exitFee > Decimal());
    // (The book stands still, so the market sell meets the bids left below the entry: the take profit
    // fires on the last price, what it fills at is the book's.)
    const Decimal realised = exitValue - entryValue - entryFee - exitFee;
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), *Decimal::parse("100000") + realised);
    QCOMPARE(dec(pos.value(QLatin1String("cumRealisedPnl"))), realised);

    // As a real close: order, execution, position and wallet pushes.
    QTRY_COMPARE_WITH_TIMEOUT(stream.statuses(closeId),
                              (QStringList{QStringLiteral("Triggered"), QStringLiteral("Filled")}), 5'000);
    QTRY_COMPARE_WITH_TIMEOUT(stream.pushes("execution", closeId).size(), exit.size(), 5'000);
    QTRY_VERIFY_WITH_TIMEOUT(!stream.pushes("wallet").isEmpty(), 5'000);
    QVERIFY(dec(stream.pushes("position").last().value(QLatin1String("size"))).isZero());
    h.venue.setPaused(false);
}

void TestDemoTrading::stopLossClosesTheShort()
{
    Harness h;
    QVERIFY(h.venue.start());
    h.venue.setPaused(true);
    DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    QJsonObject sell = marketOrder("Sell", QStringLiteral("0.02"));
    const std::int64_t sl = std::max(book.lastPrice(), book.bestAsk()) + 20;
    sell.insert(QStringLiteral("stopLoss"), book.price(sl).toString());
    const Outcome opened = h.call("POST", QStringLiteral("/v5/order/create"), sell);
    QVERIFY2(opened.ok, qPrintable(opened.message));
    const QJsonArray entry =
        h.executions(QStringLiteral("linear"), opened.result[QLatin1String("orderId")].toString());
    QCOMPARE(h.position(QStringLiteral("BTCUSDT")).value(QLatin1String("stopLoss")).toString(),
             book.price(sl).toString());

    tradeThrough(book, Side::Buy, sl, h.venue.nowMs());
    const QJsonObject pos = h.position(QStringLiteral("BTCUSDT"));
    QVERIFY(dec(pos.value(QLatin1String("size"))).isZero());
    QCOMPARE(pos.value(QLatin1String("stopLoss")).toString(), QStringLiteral("0"));
    const QJsonObject close = h.call("GET", QStringLiteral("/v5/order/history"), {{"category", "linear"}})
                                  .result.value(QLatin1String("list"))
                                  .toArray()
                                  .at(0)
                                  .toObject();
    QCOMPARE(close.value(QLatin1String("stopOrderType")).toString(), QStringLiteral("StopLoss"));
    QCOMPARE(close.value(QLatin1String("side")).toString(), QStringLiteral("Buy"));
    QCOMPARE(close.value(QLatin1String("orderStatus")).toString(), QStringLiteral("Filled"));
    const QJsonArray exit =
        h.executions(QStringLiteral("linear"), close.value(QLatin1String("orderId")).toString());
    QCOMPARE(sumOf(exit, "closedSize"), *Decimal::parse("0.02"));
    // A short closed higher: a loss, and both fees.
    const Decimal realised = sumOf(entry, "execValue") - sumOf(exit, "execValue") - sumOf(entry, "execFee") -
                             sumOf(exit, "execFee");
    QVERIFY(realised < Decimal());
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), *Decimal::parse("100000") + realised);
    h.venue.setPaused(false);
}

void TestDemoTrading::tpslOnTheWrongSideIsRefused()
{
    Harness h;
    QVERIFY(h.venue.start());
    h.venue.setPaused(true);
    const DemoMarket::Book& book = h.book(Category::Linear, QStringLiteral("BTCUSDT"));
    const Decimal last = book.price(book.lastPrice());
    QJsonObject buy = marketOrder("Buy", QStringLiteral("0.01"));
    buy.insert(QStringLiteral("takeProfit"), book.price(book.lastPrice() - 10).toString());
    Outcome r = h.call("POST", QStringLiteral("/v5/order/create"), buy);
    QCOMPARE(r.code, QStringLiteral("10001"));
    QCOMPARE(r.message, QStringLiteral("TakeProfit:%1 set for Buy position should be higher than "
                                       "base_price:%2??LastPrice")
                            .arg(book.price(book.lastPrice() - 10).toString(), last.toString()));
    QJsonObject sell = marketOrder("Sell", QStringLiteral("0.01"));
    sell.insert(QStringLiteral("stopLoss"), book.price(book.lastPrice() - 10).toString());
    r = h.call("POST", QStringLiteral("/v5/order/create"), sell);
    QCOMPARE(r.code, QStringLiteral("10001"));
    QCOMPARE(r.message,
             QStringLiteral("StopLoss:%1 set for Sell position should greater base_price:%2??LastPrice")
                 .arg(book.price(book.lastPrice() - 10).toString(), last.toString()));
    QVERIFY(dec(h.position(QStringLiteral("BTCUSDT")).value(QLatin1String("size"))).isZero());
    h.venue.setPaused(false);
}

void TestDemoTrading::positionPushesFollowTheMarkAtMostOncePerSecond()
{
    Harness h;
    QVERIFY(h.venue.start());
    PrivateStream stream;
    QVERIFY(stream.open(h.venue));
    h.venue.setPaused(true);
    QVERIFY(
        h.call("POST", QStringLiteral("/v5/order/create"), marketOrder("Buy", QStringLiteral("0.01"))).ok);
    QVERIFY(stream.sync());
    QCOMPARE(stream.topicFrames("position").size(), 1); // the fill's

    // The market stands still: no push, however often the account is looked at.
    for (int i = 0; i < 3; ++i)
        (void)h.walletBalance(QStringLiteral("USDT"));
    QVERIFY(stream.sync());
    QCOMPARE(stream.topicFrames("position").size(), 1);

    // Three simulated seconds of market in 250 ms steps: a push per second at most, each with the
    // moved mark and the unrealised PnL it makes.
    for (int i = 0; i < 12; ++i) {
        h.venue.market()->advance(250);
        (void)h.walletBalance(QStringLiteral("USDT"));
    }
    QVERIFY(stream.sync());
    const QList<QJsonObject> frames = stream.topicFrames("position");
    QVERIFY2(frames.size() >= 3 && frames.size() <= 4, qPrintable(QString::number(frames.size())));
    for (qsizetype i = 1; i < frames.size(); ++i) {
        const qint64 gap = frames[i].value(QLatin1String("creationTime")).toInteger() -
                           frames[i - 1].value(QLatin1String("creationTime")).toInteger();
        QVERIFY2(gap >= DemoAccount::MarkPushIntervalMs, qPrintable(QString::number(gap)));
        const QJsonObject before = frames[i - 1].value(QLatin1String("data")).toArray().at(0).toObject();
        const QJsonObject p = frames[i].value(QLatin1String("data")).toArray().at(0).toObject();
        QVERIFY(p.value(QLatin1String("markPrice")) != before.value(QLatin1String("markPrice")));
        QCOMPARE(dec(p.value(QLatin1String("unrealisedPnl"))),
                 dec(p.value(QLatin1String("markPrice"))) * dec(p.value(QLatin1String("size"))) -
                     dec(p.value(QLatin1String("positionValue"))));
    }
    h.venue.setPaused(false);
}

void TestDemoTrading::spotBuyThenSellMovesBothCoinsExactly()
{
    Harness h;
    QVERIFY(h.venue.start());
    h.venue.setPaused(true);
    DemoMarket::Book& book = h.book(Category::Spot, QStringLiteral("BTCUSDT"));
    const Decimal usdt = h.walletBalance(QStringLiteral("USDT"));
    const Decimal btc = h.walletBalance(QStringLiteral("BTC"));
    auto spot = [](const char* side, const char* type, const char* qty) {
        return QJsonObject{{"category", "spot"}, {"symbol", "BTCUSDT"}, {"side", side},
                           {"orderType", type},  {"qty", qty},          {"marketUnit", "baseCoin"}};
    };
    // Buy 0.01 at market: the fee is taken in BTC.
    const Outcome bought = h.call("POST", QStringLiteral("/v5/order/create"), spot("Buy", "Market", "0.01"));
    QVERIFY2(bought.ok, qPrintable(bought.message));
    const QJsonArray buys =
        h.executions(QStringLiteral("spot"), bought.result[QLatin1String("orderId")].toString());
    QCOMPARE(sumOf(buys, "execQty"), *Decimal::parse("0.01"));
    const Decimal buyFee = sumOf(buys, "execFee");
    for (const QJsonValue& e : buys) {
        QCOMPARE(e[QLatin1String("feeCurrency")].toString(), QStringLiteral("BTC"));
        QCOMPARE(dec(e[QLatin1String("execFee")]), feeOf(dec(e[QLatin1String("execQty")]), false));
    }

    // Sell 0.005 resting above the market (filled as maker when buyers lift it), then 0.003 at market;
    // the fees are taken in USDT.
    const std::int64_t limit = book.ask(2).priceTicks;
    QJsonObject resting = spot("Sell", "Limit", "0.005");
    resting.insert(QStringLiteral("price"), book.price(limit).toString());
    const Outcome rested = h.call("POST", QStringLiteral("/v5/order/create"), resting);
    QVERIFY2(rested.ok, qPrintable(rested.message));
    tradeThrough(book, Side::Buy, limit, h.venue.nowMs());
    const QJsonArray makerSells =
        h.executions(QStringLiteral("spot"), rested.result[QLatin1String("orderId")].toString());
    QCOMPARE(makerSells.size(), 1);
    QCOMPARE(makerSells.at(0)[QLatin1String("isMaker")].toBool(), true);
    QCOMPARE(makerSells.at(0)[QLatin1String("feeCurrency")].toString(), QStringLiteral("USDT"));
    QCOMPARE(dec(makerSells.at(0)[QLatin1String("execFee")]),
             feeOf(book.price(limit) * *Decimal::parse("0.005"), true));
    const Outcome sold = h.call("POST", QStringLiteral("/v5/order/create"), spot("Sell", "Market", "0.003"));
    QVERIFY2(sold.ok, qPrintable(sold.message));
    const QJsonArray takerSells =
        h.executions(QStringLiteral("spot"), sold.result[QLatin1String("orderId")].toString());
    QCOMPARE(sumOf(takerSells, "execQty"), *Decimal::parse("0.003"));

    const Decimal sellValue = sumOf(makerSells, "execValue") + sumOf(takerSells, "execValue");
    const Decimal sellFee = sumOf(makerSells, "execFee") + sumOf(takerSells, "execFee");
    QCOMPARE(h.walletBalance(QStringLiteral("USDT")), usdt - sumOf(buys, "execValue") + sellValue - sellFee);
    QCOMPARE(h.walletBalance(QStringLiteral("BTC")),
             btc + *Decimal::parse("0.01") - buyFee - *Decimal::parse("0.008"));
    h.venue.setPaused(false);
}

QTEST_MAIN(TestDemoTrading)
#include "tst_demotrading.moc"
