// Fault injection on the private REST path and order safety: the real SignedRestClient, OrderSubmitter,
// TradingSession and Bybit adapter against a loopback server whose answers fail, come late or never come,
// and against the demo venue behind a proxy that swallows replies. Every case checks the outcome the user
// is given (kind, error, text) and that no order is sent twice.

#include "exchanges/bybit/bybitstreamprotocol.h"
#include "exchanges/bybit/bybittrading.h"
#include "exchanges/core/noncestore.h"
#include "exchanges/core/ordersubmitter.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "exchanges/demo/demomarket.h"
#include "exchanges/demo/demovenue.h"
#include "support/faultproxy.h"
#include "support/misbehavingserver.h"
#include "support/testbasics.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;
using Kind = OrderSubmitter::PlaceOutcome::Kind;

namespace {

using tradingtest::await;
using tradingtest::dec;

QByteArray ok(const QJsonObject& result)
{
    return QJsonDocument(QJsonObject{{"retCode", 0},
                                     {"retMsg", "OK"},
                                     {"result", result},
                                     {"retExtInfo", QJsonObject()},
                                     {"time", QDateTime::currentMSecsSinceEpoch()}})
        .toJson(QJsonDocument::Compact);
}

QByteArray orderList(const QJsonArray& list)
{
    return ok({{"list", list}, {"nextPageCursor", ""}, {"category", "linear"}});
}

QJsonObject restingOrder(const QString& clientOrderId)
{
    return {{"orderId", "o-1"},           {"orderLinkId", clientOrderId}, {"symbol", "BTCUSDT"},
            {"price", "60000.0"},         {"qty", "0.010"},               {"side", "Buy"},
            {"orderStatus", "New"},       {"cancelType", "UNKNOWN"},      {"rejectReason", "EC_NoError"},
            {"avgPrice", ""},             {"cumExecQty", "0.000"},        {"timeInForce", "GTC"},
            {"orderType", "Limit"},       {"triggerPrice", "0.00"},       {"reduceOnly", false},
            {"createdTime", "1700000000000"}, {"updatedTime", "1700000000001"}};
}

Instrument linearBtc()
{
    Instrument i;
    i.symbol = QStringLiteral("BTCUSDT");
    i.category = Category::Linear;
    i.tickSize = dec("0.10");
    i.lotSize = dec("0.001");
    i.minQuantity = dec("0.001");
    return i;
}

OrderRequest limitBuy(const QString& clientOrderId, Decimal price)
{
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.side = Side::Buy;
    r.type = OrderType::Limit;
    r.quantity = dec("0.01");
    r.price = price;
    r.clientOrderId = clientOrderId;
    return r;
}

// SignedRestClient + OrderSubmitter on a loopback server that misbehaves per path.
struct LoopbackVenue
{
    MisbehavingHttpServer server;
    QNetworkAccessManager network;
    QTemporaryDir dir;
    SignedRestClient client{&network};
    BybitTrading trading{server.baseUrl()};
    OrderSubmitter submitter{&client, &trading};

    LoopbackVenue()
    {
        client.setClockSyncInterval(0);
        client.setNonceStore(std::make_shared<NonceStore>(dir.filePath(QStringLiteral("nonces.json"))));
        client.setCredentialsProvider(
            [](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
                done(Credentials(QStringLiteral("k"), QByteArray("s")));
            });
        submitter.setLookupAttempts(2, 100ms);
        server.route(QStringLiteral("/v5/market/time"), [](const MisbehavingHttpServer::Request&) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            return MisbehavingHttpServer::Response{
                200,
                ok(QJsonObject{{"timeSecond", QString::number(now / 1000)},
                               {"timeNano", QString(QString::number(now) + QStringLiteral("000000"))}}),
                {},
                0,
                false};
        });
        server.json(QStringLiteral("/v5/order/history"), orderList({}));
    }

    OrderSubmitter::PlaceOutcome place(const OrderRequest& request)
    {
        return await<OrderSubmitter::PlaceOutcome>(
            [&](auto done) { submitter.place(request, linearBtc(), std::nullopt, done); });
    }
    // Lists the order when asked, as the venue does once it has it.
    void venueHolds(const QString& clientOrderId)
    {
        server.json(QStringLiteral("/v5/order/realtime"), orderList({restingOrder(clientOrderId)}));
    }
};

// A TradingSession on the demo venue whose REST goes through a FaultProxy.
struct DemoDesk
{
    QTemporaryDir dir;
    QNetworkAccessManager network;
    SignedRestClient client{&network};
    BybitStreamProtocol protocol;
    std::unique_ptr<DemoVenue> venue;
    std::unique_ptr<FaultProxy> proxy;
    std::unique_ptr<BybitTrading> trading;
    std::unique_ptr<TradingSession> session;
    Instrument btc;

    DemoDesk()
    {
        DemoVenue::Options o;
        o.seed = 5;
        venue = std::make_unique<DemoVenue>(o);
        if (!venue->start())
            qFatal("demo venue does not start: %s", qPrintable(venue->errorString()));
        venue->setPaused(true);
        proxy = std::make_unique<FaultProxy>(venue->port());
        trading = std::make_unique<BybitTrading>(proxy->url());
        client.setNonceStore(std::make_shared<NonceStore>(dir.filePath(QStringLiteral("nonces.json"))));
        client.setTimeout(3s);
        client.setCredentialsProvider(
            [](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
                done(Credentials(DemoVenue::demoCredentials().key, DemoVenue::demoCredentials().secret));
            });
        for (const Instrument& i : venue->instruments(Category::Linear)) {
            if (i.symbol == QLatin1String("BTCUSDT"))
                btc = i;
        }
        session = newSession();
    }

    // A session as the terminal makes one at start-up (a restart makes another on the same account).
    std::unique_ptr<TradingSession> newSession()
    {
        TradingSession::Config config;
        config.venue = QStringLiteral("bybit");
        config.restUrl = proxy->url();
        config.privateStreamUrl = venue->privateStreamUrl();
        config.protocol = &protocol;
        config.credentials =
            [](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
                QTimer::singleShot(0, [done] {
                    done(Credentials(DemoVenue::demoCredentials().key, DemoVenue::demoCredentials().secret));
                });
            };
        config.streamOptions.initialBackoff = 200ms;
        config.streamOptions.jitter = 0;
        auto s = std::make_unique<TradingSession>(&client, trading.get(), config);
        s->submitter().setLookupAttempts(3, 300ms);
        return s;
    }

    Decimal farBelow()
    {
        const auto* book = venue->market()->find(Category::Linear, QStringLiteral("BTCUSDT"));
        const Decimal bid = book->price(book->bestBid());
        return *roundPriceToTick(bid * Decimal::fromMantissa(90, 2), btc);
    }
    std::optional<Decimal> reference()
    {
        const auto* book = venue->market()->find(Category::Linear, QStringLiteral("BTCUSDT"));
        return book->price(book->bestAsk());
    }
    OrderSubmitter::PlaceOutcome place(TradingSession& s, const OrderRequest& request)
    {
        return await<OrderSubmitter::PlaceOutcome>(
            [&](auto done) { s.placeOrder(request, btc, reference(), done); });
    }
    // The venue's own list (straight to the venue, not through the proxy).
    std::vector<Order> venueOpenOrders()
    {
        BybitTrading direct(venue->restUrl());
        const auto reply = await<SignedRestClient::Reply>(
            [&](auto done) { client.send(direct.openOrdersRequest(Category::Linear, {}), done); });
        if (!reply)
            qFatal("open orders: %s", qPrintable(reply.error().message));
        return *direct.parseOrders(*reply);
    }
    int venueOrdersWith(const QString& clientOrderId)
    {
        int n = 0;
        for (const Order& o : venueOpenOrders())
            n += o.clientOrderId == clientOrderId;
        return n;
    }
};

} // namespace

class TestFaultRest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverErrorIsTypedAndThePlaceIsNotResent_data();
    void serverErrorIsTypedAndThePlaceIsNotResent();
    void rateLimitedPlaceWaitsForRetryAfter();
    void slowReplyPastTheTimeoutIsATimeout();
    void lostPlaceReplyIsFoundByClientOrderId();
    void lostCancelReplyIsResolvedByLookup();
    void placeRetriedAfterAReconnectIsRefusedAsDuplicate();
    void restartLoadsOrdersAndPositionsBeforeTrading();
    void failedSnapshotDoesNotLetTradingStart();
};

void TestFaultRest::serverErrorIsTypedAndThePlaceIsNotResent_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("orderExists");
    QTest::newRow("500, order made") << 500 << QByteArray("<html>Internal Server Error</html>") << true;
    QTest::newRow("502, order made") << 502 << QByteArray("Bad Gateway") << true;
    QTest::newRow("503, no order") << 503 << QByteArray("Service Unavailable") << false;
}

void TestFaultRest::serverErrorIsTypedAndThePlaceIsNotResent()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, orderExists);
    LoopbackVenue v;
    const QString cid = QStringLiteral("fault-5xx-%1").arg(status);
    v.server.route(QStringLiteral("/v5/order/create"), [&](const MisbehavingHttpServer::Request&) {
        return MisbehavingHttpServer::Response{status, body, {}, 0, false};
    });
    if (orderExists)
        v.venueHolds(cid);
    else
        v.server.json(QStringLiteral("/v5/order/realtime"), orderList({}));

    const auto outcome = v.place(limitBuy(cid, dec("60000")));
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->kind, RestError::Kind::Http);
    QCOMPARE(outcome.error->httpStatus, status);
    QVERIFY(outcome.outcomeWasUnknown); // a 5xx may come from a gateway behind which the order was made
    QCOMPARE(outcome.kind, orderExists ? Kind::Live : Kind::Unknown);
    if (orderExists)
        QCOMPARE(outcome.order->clientOrderId, cid);
    QCOMPARE(v.server.count(QStringLiteral("/v5/order/create")), 1);
    QTest::qWait(300); // nothing more goes out later either
    QCOMPARE(v.server.count(QStringLiteral("/v5/order/create")), 1);

    // A read gets the same typed error.
    const auto listed = await<Result<std::vector<Order>, RestError>>([&](auto done) {
        v.server.route(QStringLiteral("/v5/order/realtime"), [&](const MisbehavingHttpServer::Request&) {
            return MisbehavingHttpServer::Response{status, body, {}, 0, false};
        });
        v.submitter.listOpen(Category::Linear, QStringLiteral("BTCUSDT"), done);
    });
    QVERIFY(!listed);
    QCOMPARE(listed.error().kind, RestError::Kind::Http);
    QCOMPARE(listed.error().httpStatus, status);
    QVERIFY2(listed.error().toString().contains(QString::number(status)),
             qPrintable(listed.error().toString()));
}

void TestFaultRest::rateLimitedPlaceWaitsForRetryAfter()
{
    LoopbackVenue v;
    v.venueHolds(QStringLiteral("fault-429-c"));
    bool limited = true;
    v.server.route(QStringLiteral("/v5/order/create"), [&](const MisbehavingHttpServer::Request&) {
        if (limited)
            return MisbehavingHttpServer::Response{
                429, R"({"retCode":10006,"retMsg":"Too many visits!"})", {{"Retry-After", "1"}}, 0, false};
        return MisbehavingHttpServer::Response{200, ok({{"orderId", "o-1"}, {"orderLinkId", "fault-429-c"}}),
                                               {}, 0, false};
    });

    const auto first = v.place(limitBuy(QStringLiteral("fault-429-a"), dec("60000")));
    QCOMPARE(first.kind, Kind::Rejected);
    QCOMPARE(first.error->kind, RestError::Kind::RateLimited);
    QCOMPARE(first.error->httpStatus, 429);
    QCOMPARE(first.error->retryAfterMs, 1000);
    QVERIFY2(first.error->message.contains(QLatin1String("Too many visits!")),
             qPrintable(first.error->message));
    QVERIFY(!first.outcomeWasUnknown); // a 429 was not executed: no lookup
    QCOMPARE(v.server.count(QStringLiteral("/v5/order/realtime")), 0);

    // Within Retry-After the client refuses by itself: nothing reaches the venue.
    limited = false;
    const auto second = v.place(limitBuy(QStringLiteral("fault-429-b"), dec("60000")));
    QCOMPARE(second.kind, Kind::Rejected);
    QCOMPARE(second.error->kind, RestError::Kind::RateLimited);
    QCOMPARE(second.error->httpStatus, 0);
    QVERIFY(second.error->retryAfterMs > 0 && second.error->retryAfterMs <= 1000);
    QCOMPARE(v.server.count(QStringLiteral("/v5/order/create")), 1);

    // After it, orders go through again.
    QTest::qWait(second.error->retryAfterMs + 100);
    const auto third = v.place(limitBuy(QStringLiteral("fault-429-c"), dec("60000")));
    QCOMPARE(third.kind, Kind::Live);
    QCOMPARE(v.server.count(QStringLiteral("/v5/order/create")), 2);
}

void TestFaultRest::slowReplyPastTheTimeoutIsATimeout()
{
    LoopbackVenue v;
    v.client.setTimeout(400ms);
    const QString cid = QStringLiteral("fault-slow");
    v.venueHolds(cid);
    v.server.route(QStringLiteral("/v5/order/create"), [&](const MisbehavingHttpServer::Request&) {
        return MisbehavingHttpServer::Response{200, ok({{"orderId", "o-1"}, {"orderLinkId", cid}}), {}, 1500,
                                               false};
    });
    QElapsedTimer clock;
    clock.start();
    const auto outcome = v.place(limitBuy(cid, dec("60000")));
    QVERIFY2(clock.elapsed() < 1400, qPrintable(QString::number(clock.elapsed()))); // did not wait for it
    QCOMPARE(outcome.error->kind, RestError::Kind::Timeout);
    QVERIFY(outcome.outcomeWasUnknown);
    QCOMPARE(outcome.kind, Kind::Live); // found by its client order id
    QCOMPARE(outcome.order->clientOrderId, cid);
    QTest::qWait(1500); // the late answer lands: nothing is sent again
    QCOMPARE(v.server.count(QStringLiteral("/v5/order/create")), 1);

    // A read that never gets an answer ends in the same typed error, with a text that says so.
    v.server.route(QStringLiteral("/v5/order/realtime"), [](const MisbehavingHttpServer::Request&) {
        return MisbehavingHttpServer::Response{200, {}, {}, 0, true};
    });
    const auto listed = await<Result<std::vector<Order>, RestError>>(
        [&](auto done) { v.submitter.listOpen(Category::Linear, QStringLiteral("BTCUSDT"), done); });
    QVERIFY(!listed);
    QCOMPARE(listed.error().kind, RestError::Kind::Timeout);
    QVERIFY2(!listed.error().message.isEmpty(), "no text for the user");
}

void TestFaultRest::lostPlaceReplyIsFoundByClientOrderId()
{
    DemoDesk d;
    d.session->start();
    QTRY_COMPARE_WITH_TIMEOUT(d.session->state(), TradingSession::State::Live, 15'000);
    const QString cid = QStringLiteral("fault-lost-place");
    d.proxy->swallowNext("/v5/order/create");
    const auto outcome = d.place(*d.session, limitBuy(cid, d.farBelow()));
    QCOMPARE(d.proxy->swallowedCount(), 1);
    QVERIFY(outcome.outcomeWasUnknown);
    QCOMPARE(outcome.kind, Kind::Live);
    QCOMPARE(outcome.order->clientOrderId, cid);
    QCOMPARE(d.venueOrdersWith(cid), 1);
    QCOMPARE(d.proxy->count("/v5/order/create"), 1); // never sent again, not even by Qt's HTTP stack
    QTRY_VERIFY_WITH_TIMEOUT(d.session->store().findOpenOrderByClientId(cid), 5000);
    QCOMPARE(d.session->store().openOrders().size(), std::size_t(1));
}

void TestFaultRest::lostCancelReplyIsResolvedByLookup()
{
    DemoDesk d;
    d.session->start();
    QTRY_COMPARE_WITH_TIMEOUT(d.session->state(), TradingSession::State::Live, 15'000);
    const QString cid = QStringLiteral("fault-lost-cancel");
    const auto placed = d.place(*d.session, limitBuy(cid, d.farBelow()));
    QCOMPARE(placed.kind, Kind::Live);

    d.proxy->swallowNext("/v5/order/cancel");
    const OrderReference ref{QStringLiteral("BTCUSDT"), Category::Linear, placed.order->orderId, cid};
    const auto cancelled =
        await<Result<OrderAck, RestError>>([&](auto done) { d.session->cancelOrder(ref, done); });
    QCOMPARE(d.proxy->swallowedCount(), 1);
    QVERIFY2(cancelled, qPrintable(cancelled ? QString() : cancelled.error().toString()));
    QCOMPARE(cancelled->orderId, placed.order->orderId);
    QCOMPARE(d.venueOrdersWith(cid), 0);
    QCOMPARE(d.proxy->count("/v5/order/cancel"), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!d.session->store().findOpenOrderByClientId(cid), 5000);

    // A cancel the venue refuses (no such order) reports the venue's text, and other orders stay.
    const QString cid2 = QStringLiteral("fault-lost-cancel-2");
    const auto placed2 = d.place(*d.session, limitBuy(cid2, d.farBelow()));
    QCOMPARE(placed2.kind, Kind::Live);
    const OrderReference gone{QStringLiteral("BTCUSDT"), Category::Linear, QStringLiteral("no-such-order"),
                              {}};
    const auto refused =
        await<Result<OrderAck, RestError>>([&](auto done) { d.session->cancelOrder(gone, done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, RestError::Kind::Venue);
    QVERIFY2(refused.error().message.contains(QLatin1String("order not exists")),
             qPrintable(refused.error().message));
    QCOMPARE(d.venueOrdersWith(cid2), 1);
}

void TestFaultRest::placeRetriedAfterAReconnectIsRefusedAsDuplicate()
{
    DemoDesk d;
    d.session->start();
    QTRY_COMPARE_WITH_TIMEOUT(d.session->state(), TradingSession::State::Live, 15'000);
    const QString cid = QStringLiteral("fault-retried");
    const OrderRequest request = limitBuy(cid, d.farBelow());
    const auto first = d.place(*d.session, request);
    QCOMPARE(first.kind, Kind::Live);

    QSignalSpy states(d.session.get(), &TradingSession::stateChanged);
    d.venue->dropConnections();
    const QVariantList reconnecting{QVariant::fromValue(TradingSession::State::Reconnecting)};
    QTRY_VERIFY_WITH_TIMEOUT(states.contains(reconnecting), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(d.session->state(), TradingSession::State::Live, 15'000);

    // The same order again (a retry after the reconnect): the venue refuses the id, the lookup finds the
    // first one.
    const int creates = d.proxy->count("/v5/order/create");
    const auto again = d.place(*d.session, request);
    QCOMPARE(d.proxy->count("/v5/order/create"), creates + 1);
    QVERIFY(again.outcomeWasUnknown);
    QCOMPARE(again.error->venueCode, QStringLiteral("110072"));
    QCOMPARE(again.kind, Kind::Live);
    QCOMPARE(again.order->orderId, first.order->orderId);
    QCOMPARE(d.venueOrdersWith(cid), 1);
    QCOMPARE(d.session->store().openOrders().size(), std::size_t(1));
}

void TestFaultRest::restartLoadsOrdersAndPositionsBeforeTrading()
{
    DemoDesk d;
    d.session->start();
    QTRY_COMPARE_WITH_TIMEOUT(d.session->state(), TradingSession::State::Live, 15'000);
    const QString cid = QStringLiteral("fault-restart");
    QCOMPARE(d.place(*d.session, limitBuy(cid, d.farBelow())).kind, Kind::Live);
    OrderRequest market;
    market.symbol = QStringLiteral("BTCUSDT");
    market.side = Side::Buy;
    market.type = OrderType::Market;
    market.quantity = dec("0.02");
    market.timeInForce = TimeInForce::ImmediateOrCancel;
    QCOMPARE(d.place(*d.session, market).kind, Kind::Filled);
    d.session.reset(); // the terminal closes

    auto restarted = d.newSession();
    struct AtLive
    {
        bool reached = false;
        bool hadOrder = false;
        std::optional<Decimal> position;
    } atLive;
    QObject::connect(restarted.get(), &TradingSession::stateChanged, restarted.get(),
                     [&](TradingSession::State s) {
                         if (s != TradingSession::State::Live || atLive.reached)
                             return;
                         atLive.reached = true;
                         atLive.hadOrder = restarted->store().findOpenOrderByClientId(cid) != nullptr;
                         if (const Position* p = restarted->store().findPosition(QStringLiteral("BTCUSDT")))
                             atLive.position = p->size;
                     });
    restarted->start();
    QTRY_VERIFY_WITH_TIMEOUT(atLive.reached, 15'000);
    QVERIFY(atLive.hadOrder);
    QVERIFY(atLive.position);
    QCOMPARE(*atLive.position, dec("0.02"));
    QCOMPARE(restarted->snapshotCount(), 1);
}

void TestFaultRest::failedSnapshotDoesNotLetTradingStart()
{
    DemoDesk d;
    d.session->start();
    QTRY_COMPARE_WITH_TIMEOUT(d.session->state(), TradingSession::State::Live, 15'000);
    OrderRequest market;
    market.symbol = QStringLiteral("BTCUSDT");
    market.side = Side::Buy;
    market.type = OrderType::Market;
    market.quantity = dec("0.03");
    market.timeInForce = TimeInForce::ImmediateOrCancel;
    QCOMPARE(d.place(*d.session, market).kind, Kind::Filled);
    d.session.reset();

    // The restarted session's positions request loses its reply: until a snapshot has succeeded, the
    // session must not report itself live (the order form would be enabled on an account it has not read).
    auto restarted = d.newSession();
    QSignalSpy errors(restarted.get(), &TradingSession::errorOccurred);
    std::optional<bool> positionLoadedAtLive;
    QObject::connect(restarted.get(), &TradingSession::stateChanged, restarted.get(),
                     [&](TradingSession::State s) {
                         if (s == TradingSession::State::Live && !positionLoadedAtLive)
                             positionLoadedAtLive =
                                 restarted->store().findPosition(QStringLiteral("BTCUSDT")) != nullptr;
                     });
    // A GET whose connection closed is sent again (it is safe to repeat): swallow the copy too, so the
    // request really fails.
    QObject::connect(d.proxy.get(), &FaultProxy::swallowed, d.proxy.get(), [&] {
        if (d.proxy->swallowedCount() < 3)
            d.proxy->swallowNext("/v5/position/list");
    });
    d.proxy->swallowNext("/v5/position/list");
    restarted->start();
    QTRY_VERIFY_WITH_TIMEOUT(positionLoadedAtLive.has_value(), 15'000);
    QVERIFY(d.proxy->swallowedCount() >= 2);
    QVERIFY(!errors.isEmpty()); // the failure was reported
    QVERIFY(*positionLoadedAtLive);
    QCOMPARE(restarted->snapshotCount(), 1);
}

QTEST_GUILESS_MAIN(TestFaultRest)
#include "tst_faultrest.moc"
