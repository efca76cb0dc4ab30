// Binance trading end to end: TradingSession + OrderSubmitter + BinanceTrading against the loopback
// Binance (tests/support/binancevenue.h), which checks every signature as Binance does. Spot runs on the
// WebSocket API's userDataStream.subscribe.signature; USDⓈ-M on a listenKey stream kept alive by PUTs.

#include "../../support/binancevenue.h"

#include "exchanges/binance/binanceprivateprotocol.h"
#include "exchanges/binance/binancetrading.h"
#include "exchanges/core/noncestore.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "exchanges/venues.h"
#include "support/venueharness.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString kKey = QStringLiteral("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A");
const QByteArray kSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr int kTimeout = 15'000;

using tradingtest::dec;

Instrument btc(Category category)
{
    Instrument i;
    i.venue = QStringLiteral("binance");
    i.symbol = QStringLiteral("BTCUSDT");
    i.category = category;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("USDT");
    i.tickSize = dec("0.01");
    i.lotSize = category == Category::Spot ? dec("0.00001") : dec("0.001");
    i.minQuantity = i.lotSize;
    return i;
}

// The loopback Binance and the adapter on its REST and stream URLs, listenKeys kept alive every 300 ms.
struct BinanceParts
{
    BinanceParts() { trading.setKeepAliveInterval(std::chrono::milliseconds(300)); }

    BinanceVenue venue{kKey, kSecret};
    BinanceTrading trading{BinanceTrading::loopback(venue.restUrl(), venue.streamUrl())};
    BinancePrivateProtocol protocol;
};

// Credentials at once; no private stream URL (each stream's comes from the adapter and its token).
VenueHarness::Config binanceConfig(const BinanceParts& binance, QList<Category> categories, QString key,
                                   QByteArray secret)
{
    VenueHarness::Config config(QStringLiteral("binance"), binance.venue.restUrl(), {}, &binance.protocol,
                                categories, Credentials(key, secret), btc(Category::Spot), dec("50000"));
    config.deferCredentials = false;
    config.intentTimeoutMs = kTimeout;
    return config;
}

struct Harness : BinanceParts, VenueHarness
{
    explicit Harness(QList<Category> categories, QString key = kKey, QByteArray secret = kSecret)
        : VenueHarness(trading, binanceConfig(*this, categories, key, secret))
    {
        client.setDefaultRetryAfterMs(1'000);
        session->submitter().setLookupAttempts(2, std::chrono::milliseconds(100));
    }

    OrderSubmitter::PlaceOutcome place(Category category, Side side, OrderType type, const char* qty,
                                       std::optional<Decimal> price,
                                       TimeInForce tif = TimeInForce::GoodTillCancel)
    {
        return place(request(btc(category), side, type, qty, price, tif));
    }
    // On BTCUSDT of r's category.
    OrderSubmitter::PlaceOutcome place(const OrderRequest& r)
    {
        return submit(r, btc(r.category), dec("50000"));
    }
    Result<OrderAck, RestError> amend(const OrderAmendment& a)
    {
        return VenueHarness::amend(a, btc(a.order.category));
    }

    const Order* open(const QString& clientId) const
    {
        return session->store().findOpenOrderByClientId(clientId);
    }
    std::optional<Decimal> wallet(const QString& coin) const
    {
        const Balance* b = session->store().findBalance(coin);
        return b ? std::optional<Decimal>(b->walletBalance) : std::nullopt;
    }
    std::optional<Position> leg(PositionSide side) const
    {
        const Position* p = session->store().findPosition(QStringLiteral("BTCUSDT"), side);
        return p ? std::optional<Position>(*p) : std::nullopt;
    }
    std::optional<Position> position() const
    {
        for (const Position& p : session->store().positions()) {
            if (p.symbol == QLatin1String("BTCUSDT"))
                return p;
        }
        return std::nullopt;
    }
};

} // namespace

class TestBinanceTradingSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spotLimitIsLiveOnTheStreamAndCancels();
    void spotMarketFillUpdatesFillsAndBalances();
    void spotAmendKeepsPriorityOrCancelReplaces();
    void futuresPlaceAmendCancelAndFillMovesThePosition();
    void oneKeyTradesBothProductsOnTwoStreams();
    void venueRejectionsArriveVerbatim();
    void duplicateClientOrderIdIsLookedUpNotResent();
    void wrongSecretIsRefusedOnceOnSpot();
    void spotSubscriptionUsesTheVenuesClock();
    void wrongKeyOrSecretIsRefusedOnceOnFutures();
    void droppedStreamsReconnectWithNewListenKeyAndReconcile();
    void lostListenKeyIsReplacedAfterTheKeepAliveFails();
    void listenKeyExpiredReachesTheStreamAndReconnectsIt();
    void rateLimitAndServerErrorsAreNotResent();
    void listenKeyRateLimitAndOutageAreWaitedOut();
    void venueFactoryTradesBinance();

    void futuresStopWaitsOnTheAlgoServiceThenFills();
    void futuresStopCancelsOnTheAlgoService();
    void openAlgoOrdersAreListedAndCancelledTogether();
    void serverShutdownReconnectsAtOnceAndReconciles();
    void hedgeModeHoldsBothLegsAndClosesOne();
    void hedgeModeOrdersTheVenueRefuses();
    void lostConditionalCreateReplyIsFoundOnTheAlgoService();
    void conditionalOrdersAreReconciledListedAndCancelledWithTheRest();
};

void TestBinanceTradingSession::spotLimitIsLiveOnTheStreamAndCancels()
{
    Harness h({Category::Spot});
    QVERIFY(h.startLive());
    QCOMPARE(h.venue.spotSubscriptions(), 1);
    QCOMPARE(h.session->streamCount(), 1);
    QVERIFY(h.wallet(QStringLiteral("USDT")) == dec("100000"));

    const auto placed = h.place(Category::Spot, Side::Buy, OrderType::Limit, "0.01", dec("49000"));
    QCOMPARE(placed.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    const QString id = placed.request.clientOrderId;
    QTRY_VERIFY_WITH_TIMEOUT(h.open(id), kTimeout); // executionReport NEW on the WS API
    QVERIFY(h.open(id)->price->isIdenticalTo(dec("49000")));
    QVERIFY(h.venue.pushedEvents().contains(QStringLiteral("executionReport")));
    // 490 USDT locked: the wallet (free + locked) is unchanged, available is less.
    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->store().findBalance(QStringLiteral("USDT"))->available == dec("99510"), kTimeout);

    const auto cancelled = h.cancel({QStringLiteral("BTCUSDT"), Category::Spot, {}, id});
    QVERIFY(cancelled);
    QCOMPARE(cancelled->clientOrderId, id);
    QTRY_VERIFY_WITH_TIMEOUT(!h.open(id), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->store().findBalance(QStringLiteral("USDT"))->available == dec("100000"), kTimeout);
}

void TestBinanceTradingSession::spotMarketFillUpdatesFillsAndBalances()
{
    Harness h({Category::Spot});
    h.venue.setPrice(QStringLiteral("BTCUSDT"), QStringLiteral("50000.00"));
    QVERIFY(h.startLive());
    const auto placed = h.place(Category::Spot, Side::Buy, OrderType::Market, "0.01", std::nullopt);
    QCOMPARE(placed.kind, OrderSubmitter::PlaceOutcome::Kind::Filled);
    QTRY_COMPARE_WITH_TIMEOUT(h.session->store().fills().size(), std::size_t(1), kTimeout);
    const Fill f = h.session->store().fills().front();
    QVERIFY(f.price == dec("50000"));
    QVERIFY(f.quantity == dec("0.01"));
    QCOMPARE(f.clientOrderId, placed.request.clientOrderId);
    // 1 BTC + 0.01; 100000 − 500 − 0.5 fee.
    QTRY_VERIFY_WITH_TIMEOUT(h.wallet(QStringLiteral("BTC")) == dec("1.01"), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(h.wallet(QStringLiteral("USDT")) == dec("99499.5"), kTimeout);
}

void TestBinanceTradingSession::spotAmendKeepsPriorityOrCancelReplaces()
{
    Harness h({Category::Spot});
    QVERIFY(h.startLive());
    const auto placed = h.place(Category::Spot, Side::Sell, OrderType::Limit, "0.2", dec("51000"));
    QCOMPARE(placed.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    const QString id = placed.request.clientOrderId;
    QTRY_VERIFY_WITH_TIMEOUT(h.open(id), kTimeout);
    const QString orderId = h.open(id)->orderId;

    // Smaller, same price: amend/keepPriority, same order id and client id.
    OrderAmendment smaller;
    smaller.order = {QStringLiteral("BTCUSDT"), Category::Spot, orderId, id};
    smaller.quantity = dec("0.1");
    auto ack = h.amend(smaller);
    QVERIFY2(ack, qPrintable(ack ? QString() : ack.error().message));
    QCOMPARE(ack->orderId, orderId);
    QTRY_VERIFY_WITH_TIMEOUT(h.open(id) && h.open(id)->quantity == dec("0.1"), kTimeout);

    // A new price: cancel-replace; the old order ends, a new one rests at the new price.
    OrderAmendment repriced;
    repriced.order = {QStringLiteral("BTCUSDT"), Category::Spot, orderId, id};
    repriced.price = dec("51500");
    ack = h.amend(repriced);
    QVERIFY2(ack, qPrintable(ack ? QString() : ack.error().message));
    QVERIFY(ack->orderId != orderId);
    QTRY_VERIFY_WITH_TIMEOUT(!h.open(id), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findOpenOrder(ack->orderId), kTimeout);
    const Order* replaced = h.session->store().findOpenOrder(ack->orderId);
    QVERIFY(replaced->price == dec("51500"));
    QVERIFY(replaced->quantity == dec("0.1"));
    QCOMPARE(replaced->side, Side::Sell);
}

void TestBinanceTradingSession::futuresPlaceAmendCancelAndFillMovesThePosition()
{
    Harness h({Category::Linear});
    QVERIFY(h.startLive());
    QCOMPARE(h.venue.listenKeysIssued(), 1);
    QCOMPARE(h.venue.futuresConnections(), 1);
    QVERIFY(h.wallet(QStringLiteral("USDT")) == dec("10000")); // the futures wallet: USDⓈ-M only

    const auto placed =
        h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.010", dec("48000"), TimeInForce::PostOnly);
    QCOMPARE(placed.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    const QString id = placed.request.clientOrderId;
    QTRY_VERIFY_WITH_TIMEOUT(h.open(id), kTimeout); // ORDER_TRADE_UPDATE NEW
    QCOMPARE(h.open(id)->timeInForce, TimeInForce::PostOnly);

    OrderAmendment amendment;
    amendment.order = {QStringLiteral("BTCUSDT"), Category::Linear, {}, id};
    amendment.price = dec("48100.5");
    const auto ack = h.amend(amendment);
    QVERIFY2(ack, qPrintable(ack ? QString() : ack.error().message));
    QTRY_VERIFY_WITH_TIMEOUT(h.open(id) && h.open(id)->price == dec("48100.5"), kTimeout);
    QVERIFY(h.open(id)->quantity == dec("0.01"));
    QVERIFY(h.cancel({QStringLiteral("BTCUSDT"), Category::Linear, {}, id}));
    QTRY_VERIFY_WITH_TIMEOUT(!h.open(id), kTimeout);

    const auto market = h.place(Category::Linear, Side::Sell, OrderType::Market, "0.020", std::nullopt);
    QCOMPARE(market.kind, OrderSubmitter::PlaceOutcome::Kind::Filled);
    QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->side == Side::Sell, kTimeout); // ACCOUNT_UPDATE
    QVERIFY(h.position()->size == dec("0.02"));
    QVERIFY(h.position()->entryPrice == dec("50000"));
    QTRY_COMPARE_WITH_TIMEOUT(h.session->store().fills().size(), std::size_t(1), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(h.wallet(QStringLiteral("USDT")) == dec("9999.6"), kTimeout); // 0.04 % taker fee

    // The listenKey is kept alive (300 ms here, 30 min for real).
    QTRY_VERIFY_WITH_TIMEOUT(h.venue.keepAlives() >= 2, kTimeout);
    QCOMPARE(h.venue.listenKeysIssued(), 1);
    QVERIFY(h.session->keepAlivesSent() >= 2);
}

void TestBinanceTradingSession::oneKeyTradesBothProductsOnTwoStreams()
{
    Harness h({Category::Spot, Category::Linear});
    QVERIFY(h.startLive());
    QCOMPARE(h.session->streamCount(), 2);
    QCOMPARE(h.venue.spotSubscriptions(), 1);
    QCOMPARE(h.venue.futuresConnections(), 1);
    QCOMPARE(h.session->snapshotCount(), 1);
    const auto spot = h.place(Category::Spot, Side::Buy, OrderType::Limit, "0.01", dec("40000"));
    const auto futures = h.place(Category::Linear, Side::Sell, OrderType::Limit, "0.01", dec("60000"));
    QCOMPARE(spot.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    QCOMPARE(futures.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    QTRY_VERIFY_WITH_TIMEOUT(h.open(spot.request.clientOrderId) && h.open(futures.request.clientOrderId),
                             kTimeout);
    QCOMPARE(h.open(spot.request.clientOrderId)->category, Category::Spot);
    QCOMPARE(h.open(futures.request.clientOrderId)->category, Category::Linear);
    // Both wallets name USDT: the spot one is shown, USDⓈ-M pushes do not overwrite it.
    h.place(Category::Linear, Side::Buy, OrderType::Market, "0.01", std::nullopt);
    QTRY_VERIFY_WITH_TIMEOUT(h.position().has_value(), kTimeout);
    QVERIFY(h.wallet(QStringLiteral("USDT")) == dec("100000"));
}

void TestBinanceTradingSession::venueRejectionsArriveVerbatim()
{
    Harness h({Category::Spot, Category::Linear});
    h.venue.setMaxQuantity(QStringLiteral("1"));
    QVERIFY(h.startLive());
    auto rejected = h.place(Category::Spot, Side::Buy, OrderType::Limit, "5", dec("49000"));
    QCOMPARE(rejected.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
    QCOMPARE(rejected.error->venueCode, QStringLiteral("-2010"));
    QCOMPARE(rejected.error->message,
             QStringLiteral("Account has insufficient balance for requested action."));
    rejected = h.place(Category::Linear, Side::Buy, OrderType::Limit, "5", dec("49000"));
    QCOMPARE(rejected.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
    QCOMPARE(rejected.error->venueCode, QStringLiteral("-2019"));
    QCOMPARE(rejected.error->message, QStringLiteral("Margin is insufficient."));
    QCOMPARE(h.venue.openOrderCount(), 0);
}

void TestBinanceTradingSession::duplicateClientOrderIdIsLookedUpNotResent()
{
    // The same order arriving twice (a resend by some layer): the venue refuses the copy as a duplicate
    // client id, and the outcome is the first order's, read back.
    Harness h({Category::Spot, Category::Linear});
    QVERIFY(h.startLive());
    for (const Category category : {Category::Spot, Category::Linear}) {
        OrderRequest r;
        r.symbol = QStringLiteral("BTCUSDT");
        r.category = category;
        r.quantity = dec("0.01");
        r.price = dec("42000");
        r.clientOrderId =
            category == Category::Spot ? QStringLiteral("bt-dup-spot") : QStringLiteral("bt-dup-fut");
        QList<OrderSubmitter::PlaceOutcome> outcomes;
        for (int i = 0; i < 2; ++i)
            h.session->placeOrder(r, btc(category), dec("50000"),
                                  [&outcomes](const OrderSubmitter::PlaceOutcome& o) { outcomes << o; });
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 2, kTimeout);
        for (const auto& o : outcomes) {
            QCOMPARE(o.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
            QCOMPARE(o.order->clientOrderId, r.clientOrderId);
        }
        QVERIFY(outcomes[0].outcomeWasUnknown != outcomes[1].outcomeWasUnknown); // one was the duplicate
        const auto& duplicate = outcomes[0].outcomeWasUnknown ? outcomes[0] : outcomes[1];
        QCOMPARE(duplicate.error->message, category == Category::Spot
                                               ? QStringLiteral("Duplicate order sent.")
                                               : QStringLiteral("ClientOrderId is duplicated."));
    }
    QCOMPARE(h.venue.openOrderCount(), 2);
}

void TestBinanceTradingSession::wrongSecretIsRefusedOnceOnSpot()
{
    {
        // The signed account read before the connection is refused: nothing reaches the WebSocket.
        Harness h({Category::Spot}, kKey, "wrong-secret");
        QSignalSpy refused(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(h.session->state(), TradingSession::State::AuthFailed, kTimeout);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.front().front().toString(),
                 QStringLiteral("Signature for this request is not valid."));
        const int rejections = h.venue.verifier().rejections().size();
        QTest::qWait(1'200); // several reconnect delays: nothing is retried
        QCOMPARE(h.venue.verifier().rejections().size(), rejections);
        QCOMPARE(h.venue.spotSubscriptions() + h.venue.refusedSubscriptions(), 0);
        QCOMPARE(h.session->state(), TradingSession::State::AuthFailed);
        QCOMPARE(h.session->snapshotCount(), 0);
    }
    {
        // The WS API refuses the subscription itself (a key without the permission): final too.
        Harness h({Category::Spot});
        h.venue.refuseSubscriptionsWith(-2015,
                                        QStringLiteral("Invalid API-key, IP, or permissions for action."));
        QSignalSpy refused(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(h.session->state(), TradingSession::State::AuthFailed, kTimeout);
        QCOMPARE(refused.front().front().toString(),
                 QStringLiteral("Invalid API-key, IP, or permissions for action."));
        QTest::qWait(1'200);
        QCOMPARE(h.venue.refusedSubscriptions(), 1);
        QCOMPARE(h.session->stream()->state(), StreamClient::State::Closed);
    }
}

void TestBinanceTradingSession::spotSubscriptionUsesTheVenuesClock()
{
    // The venue's clock 3 s behind ours: a subscription stamped with the local time would be refused (-1021);
    // the account read before connecting measured the offset.
    Harness h({Category::Spot});
    h.venue.verifier().setClockSkewMs(-3'000);
    QVERIFY(h.startLive());
    QCOMPARE(h.venue.refusedSubscriptions(), 0);
    QCOMPARE(h.venue.spotSubscriptions(), 1);
}

void TestBinanceTradingSession::wrongKeyOrSecretIsRefusedOnceOnFutures()
{
    {
        // A wrong key: the listenKey request itself is refused.
        Harness h({Category::Linear}, QStringLiteral("not-my-key"), kSecret);
        QSignalSpy refused(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(h.session->state(), TradingSession::State::AuthFailed, kTimeout);
        QCOMPARE(refused.front().front().toString(),
                 QStringLiteral("Invalid API-key, IP, or permissions for action."));
        QTest::qWait(1'000);
        QCOMPARE(h.venue.listenKeysIssued(), 0);
        QCOMPARE(refused.size(), 1);
    }
    {
        // The right key, a wrong secret: the listenKey needs no signature, the snapshot does (-1022).
        Harness h({Category::Linear}, kKey, "wrong-secret");
        h.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(h.session->state(), TradingSession::State::AuthFailed, kTimeout);
        const int rejections = h.venue.verifier().rejections().size();
        QVERIFY(rejections >= 1);
        QCOMPARE(h.venue.verifier().lastRejectionReason(), QStringLiteral("bad signature"));
        QTest::qWait(1'500); // the snapshot is not taken again and again
        QCOMPARE(h.venue.verifier().rejections().size(), rejections);
        QCOMPARE(h.session->state(), TradingSession::State::AuthFailed);
    }
}

void TestBinanceTradingSession::droppedStreamsReconnectWithNewListenKeyAndReconcile()
{
    Harness h({Category::Spot, Category::Linear});
    QVERIFY(h.startLive());
    const auto spot = h.place(Category::Spot, Side::Buy, OrderType::Limit, "0.01", dec("40000"));
    const auto futures = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.01", dec("40000"));
    QTRY_VERIFY_WITH_TIMEOUT(h.open(spot.request.clientOrderId) && h.open(futures.request.clientOrderId),
                             kTimeout);

    QSignalSpy states(h.session.get(), &TradingSession::stateChanged);
    h.venue.expireListenKeys(); // the old key is gone with the connection
    h.venue.dropStreams();
    // While the streams are down, both orders are cancelled behind the session's back: the pushes are lost.
    auto cancelled = std::make_shared<int>(0);
    for (const auto& placed : {spot, futures}) {
        h.client.send(
            h.trading.cancelOrderRequest(
                {QStringLiteral("BTCUSDT"), placed.request.category, {}, placed.request.clientOrderId}),
            [cancelled](const SignedRestClient::Reply& r) { *cancelled += r ? 1 : 100; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(*cancelled, 2, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        states.contains(QVariantList{QVariant::fromValue(TradingSession::State::Reconnecting)}), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, kTimeout);
    QCOMPARE(h.venue.listenKeysIssued(), 2); // a new listenKey for the new connection
    QCOMPARE(h.venue.spotSubscriptions(), 2);
    QCOMPARE(h.venue.futuresConnections(), 2);
    // The REST snapshot reconciled what the pushes missed.
    QVERIFY(!h.open(spot.request.clientOrderId));
    QVERIFY(!h.open(futures.request.clientOrderId));
    // And the new streams deliver.
    const auto again = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.01", dec("41000"));
    QTRY_VERIFY_WITH_TIMEOUT(h.open(again.request.clientOrderId), kTimeout);
}

void TestBinanceTradingSession::lostListenKeyIsReplacedAfterTheKeepAliveFails()
{
    Harness h({Category::Linear});
    QSignalSpy errors(h.session.get(), &TradingSession::errorOccurred);
    QVERIFY(h.startLive());
    h.venue.expireListenKeys(); // the next keep-alive answers -1125
    QTRY_VERIFY_WITH_TIMEOUT(h.venue.listenKeysIssued() == 2 &&
                                 h.session->state() == TradingSession::State::Live &&
                                 h.session->snapshotCount() == 2,
                             kTimeout);
    bool reported = false;
    for (const QList<QVariant>& e : errors)
        reported = reported || e.front().toString() == QLatin1String("This listenKey does not exist.");
    QVERIFY(reported);
    const auto placed = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.01", dec("41000"));
    QTRY_VERIFY_WITH_TIMEOUT(h.open(placed.request.clientOrderId), kTimeout);
}

void TestBinanceTradingSession::listenKeyExpiredReachesTheStreamAndReconnectsIt()
{
    // events= is an allow list: the stream names listenKeyExpired, so a key the venue ends is pushed
    // and the stream reconnects on a fresh one at once (no keep-alive due for a minute here).
    Harness h({Category::Linear});
    h.trading.setKeepAliveInterval(std::chrono::minutes(1));
    QVERIFY(h.startLive());
    h.venue.pushListenKeyExpired(h.venue.currentListenKey());
    QCOMPARE(h.venue.delivered(QStringLiteral("listenKeyExpired")), 1);
    QTRY_VERIFY_WITH_TIMEOUT(h.venue.listenKeysIssued() == 2 && h.venue.futuresConnections() == 2 &&
                                 h.session->state() == TradingSession::State::Live &&
                                 h.session->snapshotCount() == 2,
                             kTimeout);
    QCOMPARE(h.venue.keepAlives(), 0);
    const auto placed = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.01", dec("41000"));
    QTRY_VERIFY_WITH_TIMEOUT(h.open(placed.request.clientOrderId), kTimeout);
}

void TestBinanceTradingSession::rateLimitAndServerErrorsAreNotResent()
{
    Harness h({Category::Spot});
    QVERIFY(h.startLive());
    const int before = h.venue.verifier().privateRequests().size();
    h.venue.verifier().rateLimitNext(2);
    auto outcome = h.place(Category::Spot, Side::Buy, OrderType::Limit, "0.01", dec("40000"));
    QCOMPARE(outcome.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
    QCOMPARE(outcome.error->kind, RestError::Kind::RateLimited);
    QCOMPARE(outcome.error->retryAfterMs, 2'000);
    QCOMPARE(outcome.error->venueCode, QStringLiteral("-1003"));
    QCOMPARE(h.venue.verifier().privateRequests().size(), before + 1); // sent once, not retried
    QCOMPARE(h.venue.openOrderCount(), 0);

    QTest::qWait(2'100); // the endpoint is blocked until Retry-After
    h.venue.verifier().answerNextWith(503, "<html>Service Unavailable</html>");
    outcome = h.place(Category::Spot, Side::Buy, OrderType::Limit, "0.01", dec("40000"));
    // The create's fate is unknown after a 5xx: looked up by its client id, not sent again.
    QVERIFY(outcome.outcomeWasUnknown);
    QCOMPARE(outcome.kind, OrderSubmitter::PlaceOutcome::Kind::Unknown);
    QCOMPARE(h.venue.openOrderCount(), 0);

    // Binance's own "execution status unknown" (-1007 with a 503) is no rejection either: looked up too.
    h.venue.verifier().answerNextWith(
        503,
        R"({"code":-1007,"msg":"Timeout waiting for response from backend server. Send status unknown; execution status unknown."})");
    outcome = h.place(Category::Spot, Side::Buy, OrderType::Limit, "0.01", dec("40000"));
    QVERIFY(outcome.outcomeWasUnknown);
    QCOMPARE(outcome.kind, OrderSubmitter::PlaceOutcome::Kind::Unknown);
    int creates = 0;
    for (const auto& r : h.venue.verifier().privateRequests())
        creates += r.method == "POST" && r.url.path() == QLatin1String("/api/v3/order");
    QCOMPARE(creates, 3);
}

void TestBinanceTradingSession::listenKeyRateLimitAndOutageAreWaitedOut()
{
    Harness h({Category::Linear});
    h.trading.setKeepAliveInterval(std::chrono::minutes(30)); // only the POSTs meet the failures
    // 429 with Retry-After: 1, then a 503: the session waits as told, then tries again; never AuthFailed.
    h.venue.failListenKeys(
        1, {429,
            R"({"code":-1003,"msg":"Too many requests; current limit is 2400 requests per minute."})",
            {{"Retry-After", "1"}}});
    QSignalSpy errors(h.session.get(), &TradingSession::errorOccurred);
    QVERIFY(h.startLive());
    const QList<qint64> times = h.venue.listenKeyRequestTimes();
    QCOMPARE(times.size(), 2);
    QVERIFY2(times[1] - times[0] >= 950, qPrintable(QString::number(times[1] - times[0])));
    QVERIFY(!errors.isEmpty());

    h.venue.failListenKeys(1, {503, "<html>Service Unavailable</html>", {}});
    h.venue.expireListenKeys();
    h.venue.dropStreams();
    QTRY_VERIFY_WITH_TIMEOUT(
        h.venue.listenKeysIssued() == 2 && h.session->state() == TradingSession::State::Live, kTimeout);
    QCOMPARE(h.venue.listenKeyRequestTimes().size(), 4);
}

void TestBinanceTradingSession::venueFactoryTradesBinance()
{
    BinanceVenue venue(kKey, kSecret);
    std::optional<VenueTrading> t = createVenueTrading(QStringLiteral("binance"), Environment::Mainnet,
                                                       venue.restUrl(), venue.streamUrl());
    QVERIFY(t);
    QCOMPARE(t->adapter->venue(), QStringLiteral("binance"));
    QCOMPARE(t->privateStreamUrl.path(), QStringLiteral("/ws-api/v3"));
    // Binance's own host (what the CLI passes) means the environment's endpoints, futures on fapi.
    t = createVenueTrading(QStringLiteral("binance"), Environment::Mainnet,
                           QUrl(QStringLiteral("https://api.binance.com")));
    QCOMPARE(t->adapter->cancelAllRequest(Category::Linear, QStringLiteral("BTCUSDT")).url.host(),
             QStringLiteral("fapi.binance.com"));

    QNetworkAccessManager network;
    SignedRestClient client(&network);
    QTemporaryDir dir;
    client.setNonceStore(std::make_shared<NonceStore>(dir.filePath(QStringLiteral("n.json"))));
    client.setCredentialsProvider(
        [](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
            done(Credentials(kKey, kSecret));
        });
    t = createVenueTrading(QStringLiteral("binance"), Environment::Mainnet, venue.restUrl(),
                           venue.streamUrl());
    OrderSubmitter submitter(&client, t->adapter.get());
    std::optional<OrderSubmitter::PlaceOutcome> placed;
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.category = Category::Linear;
    r.quantity = dec("0.002");
    r.price = dec("45000");
    submitter.place(r, btc(Category::Linear), std::nullopt,
                    [&](const OrderSubmitter::PlaceOutcome& o) { placed = o; });
    QTRY_VERIFY_WITH_TIMEOUT(placed.has_value(), kTimeout);
    QCOMPARE(placed->kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    std::optional<std::vector<Order>> listed;
    submitter.listOpen(Category::Linear, {}, [&](const Result<std::vector<Order>, RestError>& o) {
        if (o)
            listed = *o;
    });
    QTRY_VERIFY_WITH_TIMEOUT(listed.has_value(), kTimeout);
    QCOMPARE(listed->size(), std::size_t(1));
    QVERIFY(listed->front().price == dec("45000"));
}

namespace {

OrderRequest stopSell(const char* qty, const char* trigger, std::optional<Decimal> price = std::nullopt)
{
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.category = Category::Linear;
    r.side = Side::Sell;
    r.type = price ? OrderType::Limit : OrderType::Market;
    r.price = price;
    r.quantity = dec(qty);
    r.triggerPrice = dec(trigger);
    r.triggerDirection = TriggerDirection::FallsTo;
    return r;
}

} // namespace

void TestBinanceTradingSession::futuresStopWaitsOnTheAlgoServiceThenFills()
{
    Harness h({Category::Linear});
    QVERIFY(h.startLive());
    // A stop-market sell: POST /fapi/v1/algoOrder (the venue refuses it on /fapi/v1/order with -4120).
    const auto placed = h.place(stopSell("0.010", "45000"));
    QVERIFY2(placed.kind == OrderSubmitter::PlaceOutcome::Kind::Live,
             qPrintable(placed.error ? placed.error->message : QString()));
    QVERIFY(placed.ack && BinanceTrading::isAlgoOrderId(placed.ack->orderId));
    const QString id = placed.request.clientOrderId;
    QTRY_VERIFY_WITH_TIMEOUT(h.open(id), kTimeout); // ALGO_UPDATE NEW
    QCOMPARE(h.open(id)->status, OrderStatus::Untriggered);
    QVERIFY(h.open(id)->triggerPrice == dec("45000"));
    QCOMPARE(h.venue.openAlgoOrderCount(), 1);
    QCOMPARE(h.venue.openOrderCount(), 0); // nothing in the matching engine yet

    // The price crosses it: the order it becomes fills, and the conditional order ends filled.
    h.venue.triggerAlgoOrders(QStringLiteral("BTCUSDT"));
    QTRY_VERIFY_WITH_TIMEOUT(!h.open(id), kTimeout);
    const Order* done = h.session->store().findClosedOrder(placed.ack->orderId);
    QVERIFY(done);
    QCOMPARE(done->status, OrderStatus::Filled);
    QVERIFY(done->averageFillPrice == dec("50000"));
    QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->side == Side::Sell, kTimeout);
    QVERIFY(h.position()->size == dec("0.01"));
    QTRY_COMPARE_WITH_TIMEOUT(h.session->store().fills().size(), std::size_t(1), kTimeout);
    QVERIFY(h.venue.pushedEvents().contains(QStringLiteral("ALGO_UPDATE")));
}

void TestBinanceTradingSession::futuresStopCancelsOnTheAlgoService()
{
    Harness h({Category::Linear});
    QVERIFY(h.startLive());
    const auto placed = h.place(stopSell("0.010", "45000", dec("44900")));
    QCOMPARE(placed.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    const QString id = placed.request.clientOrderId;
    QTRY_VERIFY_WITH_TIMEOUT(h.open(id), kTimeout);
    QCOMPARE(h.open(id)->type, OrderType::Limit);
    QVERIFY(h.open(id)->price == dec("44900"));

    const auto cancelled = h.cancel({QStringLiteral("BTCUSDT"), Category::Linear, placed.ack->orderId, id});
    QVERIFY2(cancelled, qPrintable(cancelled ? QString() : cancelled.error().message));
    QCOMPARE(cancelled.value().orderId, placed.ack->orderId);
    QTRY_VERIFY_WITH_TIMEOUT(!h.open(id), kTimeout); // ALGO_UPDATE CANCELED
    QCOMPARE(h.session->store().findClosedOrder(placed.ack->orderId)->status, OrderStatus::Deactivated);
    QCOMPARE(h.venue.openAlgoOrderCount(), 0);
    // Cancelling it again: the venue's refusal, verbatim.
    const auto again = h.cancel({QStringLiteral("BTCUSDT"), Category::Linear, placed.ack->orderId, id});
    QVERIFY(!again);
    QCOMPARE(again.error().venueCode, QStringLiteral("-2011"));
    QCOMPARE(again.error().message, QStringLiteral("Unknown order sent."));
}

void TestBinanceTradingSession::openAlgoOrdersAreListedAndCancelledTogether()
{
    // What the session's snapshot and cancel-all need once they take several requests per category
    // (see the report of #8): the open conditional orders of the account, and their cancel-all.
    Harness h({Category::Linear});
    QVERIFY(h.startLive());
    const auto a = h.place(stopSell("0.010", "45000"));
    const auto b = h.place(stopSell("0.020", "44000", dec("43900")));
    QCOMPARE(b.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    QTRY_VERIFY_WITH_TIMEOUT(h.open(a.request.clientOrderId) && h.open(b.request.clientOrderId), kTimeout);

    auto listed = std::make_shared<std::optional<std::vector<Order>>>();
    h.client.send(h.trading.openAlgoOrdersRequest({}), [&h, listed](const SignedRestClient::Reply& r) {
        if (r)
            *listed = h.trading.parseOrders(r.value()).value();
    });
    QTRY_VERIFY_WITH_TIMEOUT(listed->has_value(), kTimeout);
    QCOMPARE((*listed)->size(), std::size_t(2));
    // The REST view matches the pushed one, once the push is in: the store holds the order from the
    // create reply until ALGO_UPDATE arrives, which under load (a sanitizer run) can be after the list.
    for (const Order& o : **listed)
        QTRY_VERIFY_WITH_TIMEOUT(h.open(o.clientOrderId) && *h.open(o.clientOrderId) == o, kTimeout);

    auto done = std::make_shared<int>(0);
    h.client.send(h.trading.cancelAllAlgoOrdersRequest(QStringLiteral("BTCUSDT")),
                  [done](const SignedRestClient::Reply& r) { *done = r ? 1 : -1; });
    QTRY_COMPARE_WITH_TIMEOUT(*done, 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!h.open(a.request.clientOrderId) && !h.open(b.request.clientOrderId), kTimeout);
    QCOMPARE(h.venue.openAlgoOrderCount(), 0);
}

void TestBinanceTradingSession::serverShutdownReconnectsAtOnceAndReconciles()
{
    Harness h({Category::Spot, Category::Linear});
    QVERIFY(h.startLive());
    const int listenKeyPosts = int(h.venue.listenKeyRequestTimes().size());
    const auto futures = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.01", dec("40000"));
    const QString id = futures.request.clientOrderId;
    QTRY_VERIFY_WITH_TIMEOUT(h.open(id), kTimeout);
    const int futuresConnections = h.venue.futuresConnections();
    const int spotSubscriptions = h.venue.spotSubscriptions();

    QElapsedTimer clock;
    clock.start();
    h.venue.announceShutdown(); // the connections stay open: the session must leave on its own
    QTRY_VERIFY_WITH_TIMEOUT(h.venue.futuresConnections() == futuresConnections + 1 &&
                                 h.venue.spotSubscriptions() == spotSubscriptions + 1,
                             kTimeout);
    QVERIFY2(clock.elapsed() < 5'000, "reconnected at once, not after a backoff");
    QVERIFY(h.venue.listenKeyRequestTimes().size() ==
            listenKeyPosts + 1); // a listenKey for the new connection
    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(h.venue.liveStreams(), 2, kTimeout); // the old connections were closed by us
    QVERIFY(h.open(id));                                           // reconciled: still open at the venue
    const auto again = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.01", dec("41000"));
    QTRY_VERIFY_WITH_TIMEOUT(h.open(again.request.clientOrderId), kTimeout); // the new stream delivers
}

void TestBinanceTradingSession::hedgeModeHoldsBothLegsAndClosesOne()
{
    // A hedge-mode account with nothing open: the snapshot's position-mode read says so before the
    // first order, which then names its leg (the venue refuses one without, -4061).
    Harness h({Category::Linear});
    h.venue.setHedgeMode(true);
    QVERIFY(h.startLive());
    QVERIFY(h.trading.hedgesPositions());

    const auto openLong = h.place(Category::Linear, Side::Buy, OrderType::Market, "0.010", std::nullopt);
    QCOMPARE(openLong.kind, OrderSubmitter::PlaceOutcome::Kind::Filled);
    const auto openShort = h.place(Category::Linear, Side::Sell, OrderType::Market, "0.030", std::nullopt);
    QCOMPARE(openShort.kind, OrderSubmitter::PlaceOutcome::Kind::Filled);
    // Both legs at once, each from its ACCOUNT_UPDATE.
    QTRY_VERIFY_WITH_TIMEOUT(h.leg(PositionSide::Long) && h.leg(PositionSide::Short), kTimeout);
    QCOMPARE(h.leg(PositionSide::Long)->side, std::optional<Side>(Side::Buy));
    QVERIFY(h.leg(PositionSide::Long)->size == dec("0.01"));
    QCOMPARE(h.leg(PositionSide::Short)->side, std::optional<Side>(Side::Sell));
    QVERIFY(h.leg(PositionSide::Short)->size == dec("0.03"));
    QVERIFY(!h.leg(PositionSide::Net));
    QVERIFY(h.venue.positionAmount(QStringLiteral("BTCUSDT"), QStringLiteral("LONG")) == dec("0.01"));
    QVERIFY(h.venue.positionAmount(QStringLiteral("BTCUSDT"), QStringLiteral("SHORT")) == dec("-0.03"));

    // A resting order on the long leg, then a re-sync: the legs come back from positionRisk as legs.
    const auto resting = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.010", dec("45000"));
    QCOMPARE(resting.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    // The order names the leg it opens: from ORDER_TRADE_UPDATE's ps, then from openOrders' positionSide.
    QTRY_VERIFY_WITH_TIMEOUT(h.open(resting.request.clientOrderId), kTimeout);
    QCOMPARE(h.open(resting.request.clientOrderId)->positionSide, PositionSide::Long);
    h.venue.dropStreams();
    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, kTimeout);
    QVERIFY(h.leg(PositionSide::Long) && h.leg(PositionSide::Long)->size == dec("0.01"));
    QVERIFY(h.leg(PositionSide::Short) && h.leg(PositionSide::Short)->size == dec("0.03"));
    QVERIFY(h.open(resting.request.clientOrderId));
    QCOMPARE(h.open(resting.request.clientOrderId)->positionSide, PositionSide::Long);

    // The desk's close of the short leg (TradingDesk::closePosition): a reduce-only market buy naming
    // the leg, sent as a buy on SHORT without reduceOnly. That leg goes flat, the long one stays.
    const Position shortLeg = *h.leg(PositionSide::Short);
    OrderRequest close;
    close.symbol = shortLeg.symbol;
    close.category = shortLeg.category;
    close.side = Side::Buy;
    close.type = OrderType::Market;
    close.quantity = shortLeg.size;
    close.reduceOnly = true;
    close.positionSide = shortLeg.positionSide;
    close.timeInForce = TimeInForce::ImmediateOrCancel;
    const auto closed = h.place(close);
    QCOMPARE(closed.kind, OrderSubmitter::PlaceOutcome::Kind::Filled);
    QTRY_VERIFY_WITH_TIMEOUT(h.leg(PositionSide::Short) && !h.leg(PositionSide::Short)->side, kTimeout);
    QVERIFY(h.leg(PositionSide::Short)->size.isZero());
    QVERIFY(h.leg(PositionSide::Long) && h.leg(PositionSide::Long)->size == dec("0.01"));
    QVERIFY(h.venue.positionAmount(QStringLiteral("BTCUSDT"), QStringLiteral("SHORT")).isZero());
    QVERIFY(h.venue.positionAmount(QStringLiteral("BTCUSDT"), QStringLiteral("LONG")) == dec("0.01"));

    // A conditional order carries its leg too: a stop closing the long leg waits on the Algo Service.
    OrderRequest stop = stopSell("0.010", "45000");
    stop.reduceOnly = true;
    stop.positionSide = PositionSide::Long;
    const auto waiting = h.place(stop);
    QCOMPARE(waiting.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    QCOMPARE(h.venue.openAlgoOrderCount(), 1);
    // A sell on the long leg closes it (shown "Close long"): from ALGO_UPDATE's ps.
    QTRY_VERIFY_WITH_TIMEOUT(h.open(waiting.request.clientOrderId), kTimeout);
    QCOMPARE(h.open(waiting.request.clientOrderId)->positionSide, PositionSide::Long);
    QCOMPARE(h.open(waiting.request.clientOrderId)->side, Side::Sell);
    h.venue.triggerAlgoOrders(QStringLiteral("BTCUSDT"));
    QTRY_VERIFY_WITH_TIMEOUT(h.leg(PositionSide::Long) && !h.leg(PositionSide::Long)->side, kTimeout);
}

void TestBinanceTradingSession::hedgeModeOrdersTheVenueRefuses()
{
    Harness h({Category::Linear});
    h.venue.setHedgeMode(true);
    h.venue.holdPosition(QStringLiteral("BTCUSDT"), QStringLiteral("0.050"), QStringLiteral("49000"));
    QVERIFY(h.startLive());
    QVERIFY(h.leg(PositionSide::Long) && h.leg(PositionSide::Long)->size == dec("0.05"));

    // Closing more than the leg holds: the venue's refusal, verbatim.
    OrderRequest close;
    close.symbol = QStringLiteral("BTCUSDT");
    close.category = Category::Linear;
    close.side = Side::Sell;
    close.type = OrderType::Market;
    close.quantity = dec("0.060");
    close.reduceOnly = true;
    close.positionSide = PositionSide::Long;
    const auto tooMuch = h.place(close);
    QCOMPARE(tooMuch.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
    QCOMPARE(tooMuch.error->venueCode, QStringLiteral("-2022"));
    QCOMPARE(tooMuch.error->message, QStringLiteral("ReduceOnly Order is rejected."));

    // What an adapter unaware of the mode would send: the venue refuses it as Binance does.
    BinanceTrading unaware(BinanceTrading::loopback(h.venue.restUrl(), h.venue.streamUrl()));
    close.quantity = dec("0.010");
    close.clientOrderId = QStringLiteral("unaware-1");
    SignedRequest oneWay = unaware.createOrderRequest(close, btc(Category::Linear)); // reduceOnly, no leg
    SignedRequest both = oneWay;
    both.query.append({QStringLiteral("positionSide"), QStringLiteral("LONG")}); // a leg and reduceOnly
    auto answers = std::make_shared<QStringList>();
    for (const SignedRequest& r : {oneWay, both})
        h.client.send(r, [answers](const SignedRestClient::Reply& reply) {
            *answers << (reply ? QStringLiteral("ok")
                               : reply.error().venueCode + QLatin1Char(' ') + reply.error().message);
        });
    QTRY_COMPARE_WITH_TIMEOUT(answers->size(), 2, kTimeout);
    QCOMPARE(answers->at(0), QStringLiteral("-4061 Order's position side does not match user's setting."));
    QCOMPARE(answers->at(1), QStringLiteral("-1106 Parameter 'reduceonly' sent when not required."));
    QCOMPARE(h.venue.openOrderCount(), 0);
    QVERIFY(h.venue.positionAmount(QStringLiteral("BTCUSDT"), QStringLiteral("LONG")) == dec("0.05"));

    // A one-way account refuses an order naming a leg; the submitter does not send one there.
    Harness oneWayAccount({Category::Linear});
    QVERIFY(oneWayAccount.startLive());
    QVERIFY(!oneWayAccount.trading.hedgesPositions());
    const auto refused = oneWayAccount.place(close);
    QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
    QCOMPARE(refused.violations.front().field, QStringLiteral("positionSide"));
}

void TestBinanceTradingSession::lostConditionalCreateReplyIsFoundOnTheAlgoService()
{
    // The venue takes a conditional order but its reply is lost (a gateway's 504): the submitter looks
    // it up by our id on the Algo Service (GET /fapi/v1/algoOrder?clientAlgoId=), not among the plain
    // orders, and it is never sent twice.
    Harness h({Category::Linear});
    QVERIFY(h.startLive());
    h.venue.loseOrderReplies(1);
    const auto placed = h.place(stopSell("0.010", "45000"));
    QCOMPARE(placed.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    QVERIFY(placed.outcomeWasUnknown);
    QVERIFY(placed.order);
    QVERIFY(BinanceTrading::isAlgoOrderId(placed.order->orderId));
    QCOMPARE(placed.order->status, OrderStatus::Untriggered);
    QCOMPARE(placed.order->clientOrderId, placed.request.clientOrderId);
    QCOMPARE(h.venue.openAlgoOrderCount(), 1);
    int lookups = 0;
    for (const auto& r : h.venue.verifier().server().requests())
        lookups += r.method == "GET" && r.url.path() == QLatin1String("/fapi/v1/algoOrder");
    QCOMPARE(lookups, 1);
    QTRY_VERIFY_WITH_TIMEOUT(h.open(placed.request.clientOrderId), kTimeout); // ALGO_UPDATE

    // A lost plain order is still found among the plain orders.
    h.venue.loseOrderReplies(1);
    const auto plain = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.010", dec("40000"));
    QCOMPARE(plain.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
    QVERIFY(plain.outcomeWasUnknown);
    QCOMPARE(h.venue.openOrderCount(), 1);
}

void TestBinanceTradingSession::conditionalOrdersAreReconciledListedAndCancelledWithTheRest()
{
    Harness h({Category::Linear});
    QVERIFY(h.startLive());
    const auto known = h.place(stopSell("0.010", "45000"));
    const auto plain = h.place(Category::Linear, Side::Buy, OrderType::Limit, "0.01", dec("40000"));
    QTRY_VERIFY_WITH_TIMEOUT(h.open(known.request.clientOrderId) && h.open(plain.request.clientOrderId),
                             kTimeout);

    // While the stream is down another client places a conditional order: its push is lost.
    h.venue.expireListenKeys();
    h.venue.dropStreams();
    OrderRequest other = stopSell("0.030", "44000");
    other.clientOrderId = QStringLiteral("elsewhere-1");
    auto sent = std::make_shared<int>(0);
    h.client.send(h.trading.createOrderRequest(other, btc(Category::Linear)),
                  [sent](const SignedRestClient::Reply& r) { *sent = r ? 1 : -1; });
    QTRY_COMPARE_WITH_TIMEOUT(*sent, 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, kTimeout);
    // The snapshot lists the Algo Service's open orders: the known one stays open, the other appears.
    QVERIFY(h.open(known.request.clientOrderId));
    QCOMPARE(h.open(known.request.clientOrderId)->status, OrderStatus::Untriggered);
    QVERIFY(h.open(QStringLiteral("elsewhere-1")));
    QVERIFY(h.open(plain.request.clientOrderId));

    auto listed = std::make_shared<std::optional<std::size_t>>();
    h.session->submitter().listOpen(Category::Linear, QStringLiteral("BTCUSDT"),
                                    [listed](const Result<std::vector<Order>, RestError>& r) {
                                        if (r)
                                            *listed = r.value().size();
                                    });
    QTRY_VERIFY_WITH_TIMEOUT(listed->has_value(), kTimeout);
    QCOMPARE(**listed, std::size_t(3));

    // Cancel-all takes the conditional orders with the plain ones.
    auto cancelled = std::make_shared<int>(0);
    h.session->cancelAll(Category::Linear, QStringLiteral("BTCUSDT"),
                         [cancelled](const Result<bool, RestError>& r) { *cancelled = r ? 1 : -1; });
    QTRY_COMPARE_WITH_TIMEOUT(*cancelled, 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(h.session->store().openOrders().empty(), kTimeout);
    QCOMPARE(h.venue.openAlgoOrderCount(), 0);
    QCOMPARE(h.venue.openOrderCount(), 0);
}

QTEST_GUILESS_MAIN(TestBinanceTradingSession)
#include "tst_binancetradingsession.moc"
