// OKX end to end against a loopback OKX (tests/support/okxvenue.h): signed REST checked by VenueVerifier
// (passphrase included), the private stream's login checked the same way, orders placed, amended,
// cancelled and filled through TradingSession, pushes, a dropped private stream reconciled over REST,
// and the public books stream through MarketDataFeed.

#include "exchanges/core/marketdatafeed.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "exchanges/okx/okxmarketdata.h"
#include "exchanges/okx/okxstreamprotocol.h"
#include "exchanges/okx/okxtrading.h"
#include "support/clirun.h"
#include "support/okxvenue.h"
#include "support/venueharness.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <memory>

namespace {

using tradingtest::dec;

const QString kKey = QStringLiteral("okx-test-key");
const QByteArray kSecret = "okx-test-secret";
const QByteArray kPassphrase = "Correct Horse 1";

// The loopback OKX, whose business stream (stop orders) the adapter is pointed at.
struct OkxParts : LoopbackParts<OkxVenue, OkxTrading, OkxStreamProtocol>
{
    OkxParts()
        : LoopbackParts(kKey, kSecret, kPassphrase)
    {
        trading.setBusinessStreamUrl(venue.businessStreamUrl());
    }
};

// OKX's login carries no expiry: authExpiryMs is for the test that checks it is ignored.
VenueHarness::Config okxConfig(const OkxParts& okx, QByteArray passphrase, qint64 authExpiryMs)
{
    VenueHarness::Config config(QStringLiteral("okx"), okx.venue.restUrl(), okx.venue.privateStreamUrl(),
                                &okx.protocol, {Category::Linear}, Credentials(kKey, kSecret, passphrase),
                                OkxVenue::instrument(), dec("60000"));
    config.authExpiryMs = authExpiryMs;
    return config;
}

struct Harness : OkxParts, VenueHarness
{
    explicit Harness(QByteArray passphrase = kPassphrase, qint64 authExpiryMs = 10'000)
        : VenueHarness(trading, okxConfig(*this, passphrase, authExpiryMs))
    {}
};

} // namespace

class TestOkxVenue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tradesThroughTheSessionAndReconcilesAfterADrop()
    {
        Harness h;
        QVERIFY(h.startLive());
        QCOMPARE(h.venue.logins(), 1);
        QCOMPARE(h.session->snapshotCount(), 1);
        QVERIFY(h.venue.verifier().accepted() >= 3); // balance, orders, fills, positions: all verified
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        QCOMPARE(h.session->store().findBalance(QStringLiteral("USDT"))->walletBalance, dec("10000"));

        // A limit order rests and is pushed Live.
        const auto limit = h.place(Side::Buy, OrderType::Limit, "1", "59000");
        QVERIFY2(limit.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(limit.reason));
        const QString limitId = limit.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(limitId), 10'000);
        QCOMPARE(h.openOrder(limitId)->clientOrderId, limit.request.clientOrderId);
        QCOMPARE(*h.openOrder(limitId)->price, dec("59000"));

        // Amended: the new price is pushed.
        OrderAmendment amendment;
        amendment.order = {QString::fromLatin1(OkxVenue::Symbol), Category::Linear, limitId, {}};
        amendment.price = dec("59000.5");
        QVERIFY(h.amend(amendment));
        QTRY_COMPARE_WITH_TIMEOUT(*h.openOrder(limitId)->price, dec("59000.5"), 10'000);

        // Cancelled: gone from the open orders, pushed as cancelled.
        QVERIFY(
            h.cancel(OrderReference{QString::fromLatin1(OkxVenue::Symbol), Category::Linear, limitId, {}}));
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(limitId), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(limitId) && h.closedOrder(limitId)->status == OrderStatus::Cancelled, 10'000);

        // A market order fills: the position and the balance (its fee) are pushed, and the fill.
        const auto market = h.place(Side::Buy, OrderType::Market, "2");
        QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(market.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->size == dec("2"), 10'000);
        QCOMPARE(h.position()->side, std::optional<Side>(Side::Buy));
        QCOMPARE(*h.position()->entryPrice, dec("60000"));
        // 2 contracts × 0.01 BTC × 60000 × 0.05 % = 0.6 USDT.
        QTRY_COMPARE_WITH_TIMEOUT(h.session->store().findBalance(QStringLiteral("USDT"))->walletBalance,
                                  dec("9999.4"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.hasFill(market.ack->orderId), 10'000);

        // OKX refuses an order beyond the margin: its sCode and sMsg arrive verbatim.
        const auto refused = h.place(Side::Buy, OrderType::Limit, "100000", "60000");
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("51008"));
        QCOMPARE(refused.error->message, QStringLiteral("Order failed. Insufficient USDT margin in account"));

        // The private stream drops; while it is down a resting order fills.
        const auto resting = h.place(Side::Buy, OrderType::Limit, "1", "59500");
        QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
        const QString restingId = resting.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(restingId), 10'000);
        h.venue.privateServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.fillRestingOrder(restingId);
        QVERIFY(h.openOrder(restingId)); // nothing told the session yet

        // Reconnected, logged in again, and the REST snapshot brings what happened meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.venue.logins(), 2);
        QCOMPARE(h.venue.businessLogins(), 1);  // the business stream stayed up
        QCOMPARE(h.session->authAttempts(), 3); // both streams' first logins, the private one's second
        QVERIFY(!h.openOrder(restingId));
        QCOMPARE(h.position()->size, dec("3"));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(restingId) && h.closedOrder(restingId)->status == OrderStatus::Filled, 10'000);

        // The new connection's subscriptions deliver pushes again.
        const auto after = h.place(Side::Sell, OrderType::Limit, "1", "61000");
        QVERIFY2(after.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(after.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(after.ack->orderId), 10'000);
        QCOMPARE(h.session->snapshotCount(), 2);

        // Cancel-all: a batch cancel of the open orders.
        QVERIFY(h.cancelAll(QString::fromLatin1(OkxVenue::Symbol)));
        QTRY_VERIFY_WITH_TIMEOUT(h.session->store().openOrders().empty(), 10'000);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void stopOrdersLiveOnTheAlgoEndpointsAndTheBusinessStream()
    {
        Harness h;
        QVERIFY(h.startLive());
        QCOMPARE(h.venue.logins(), 1);
        QCOMPARE(h.venue.businessLogins(), 1); // the business stream logs in on its own
        const QString symbol = QString::fromLatin1(OkxVenue::Symbol);
        const auto stop = [&](Side side, const char* size, const char* trigger, const char* limit = nullptr) {
            OrderRequest r = VenueHarness::request(OkxVenue::instrument(), side,
                                                   limit ? OrderType::Limit : OrderType::Market, size,
                                                   VenueHarness::price(limit));
            r.triggerPrice = dec(trigger);
            return h.place(r);
        };

        // A sell stop below the price: Untriggered, pushed on orders-algo with its trigger price.
        const auto placed = stop(Side::Sell, "1", "59000");
        QVERIFY2(placed.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(placed.reason));
        const QString stopId = placed.ack->orderId;
        QVERIFY2(stopId.startsWith(QLatin1String("algo-")), qPrintable(stopId));
        const QString algoId = stopId.mid(5);
        QCOMPARE(h.venue.algoOrder(algoId).value(QLatin1String("algoClOrdId")).toString(),
                 placed.request.clientOrderId);
        QCOMPARE(h.venue.algoOrder(algoId).value(QLatin1String("ordPx")).toString(), QStringLiteral("-1"));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(stopId), 10'000);
        QCOMPARE(h.openOrder(stopId)->status, OrderStatus::Untriggered);
        QCOMPARE(*h.openOrder(stopId)->triggerPrice, dec("59000"));
        QCOMPARE(h.openOrder(stopId)->clientOrderId, placed.request.clientOrderId);

        // Its trigger moved with amend-algos, pushed.
        OrderAmendment amendment;
        amendment.order = {symbol, Category::Linear, stopId, {}};
        amendment.triggerPrice = dec("58500");
        QVERIFY(h.amend(amendment));
        QTRY_COMPARE_WITH_TIMEOUT(*h.openOrder(stopId)->triggerPrice, dec("58500"), 10'000);

        // Cancelled on cancel-algos: Deactivated.
        QVERIFY(h.cancel(OrderReference{symbol, Category::Linear, stopId, {}}));
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(stopId), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(stopId) && h.closedOrder(stopId)->status == OrderStatus::Deactivated, 10'000);
        QCOMPARE(h.venue.algoOrder(algoId).value(QLatin1String("state")).toString(),
                 QStringLiteral("canceled"));

        // Cancel-all takes the waiting stops with the resting orders.
        const auto a = stop(Side::Sell, "1", "58000");
        const auto b = stop(Side::Buy, "1", "62000", "62000.5");
        const auto resting = h.place(Side::Buy, OrderType::Limit, "1", "59000");
        for (const auto* o : {&a, &b, &resting}) {
            QVERIFY2(o->kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(o->reason));
            QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(o->ack->orderId), 10'000);
        }
        const int algoCancelsBefore = h.venue.cancelAlgoRequests();
        QVERIFY(h.cancelAll(symbol));
        QTRY_VERIFY_WITH_TIMEOUT(h.session->store().openOrders().empty(), 10'000);
        QCOMPARE(h.venue.cancelAlgoRequests(), algoCancelsBefore + 1); // both stops in one cancel-algos
        QCOMPARE(h.venue.algoOrder(b.ack->orderId.mid(5)).value(QLatin1String("state")).toString(),
                 QStringLiteral("canceled"));

        // A buy stop above the price fires when the price gets there: its market order fills, the
        // position opens, and the stop ends filled.
        const auto up = stop(Side::Buy, "2", "60500");
        QVERIFY2(up.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(up.reason));
        const QString upId = up.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(upId), 10'000);
        h.venue.setPrice(dec("60400"));
        QCOMPARE(h.venue.algoOrder(upId.mid(5)).value(QLatin1String("state")).toString(),
                 QStringLiteral("live"));
        h.venue.setPrice(dec("60500"));
        const QJsonObject fired = h.venue.algoOrder(upId.mid(5));
        QCOMPARE(fired.value(QLatin1String("state")).toString(), QStringLiteral("effective"));
        const QString childId = fired.value(QLatin1String("ordId")).toString();
        QVERIFY(!childId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(childId) && h.closedOrder(childId)->status == OrderStatus::Filled, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->size == dec("2"), 10'000);
        QCOMPARE(*h.position()->entryPrice, dec("60500"));
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(upId), 10'000);
        QCOMPARE(h.closedOrder(upId)->status, OrderStatus::Filled);
        QCOMPARE(*h.closedOrder(upId)->triggerPrice, dec("60500"));

        // A stop-limit that fires: its limit order rests on the book (live), the stop shows Triggered.
        const auto upLimit = stop(Side::Sell, "1", "60000", "59990");
        QVERIFY2(upLimit.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(upLimit.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(upLimit.ack->orderId), 10'000);
        h.venue.setPrice(dec("60000"));
        const QString limitChild =
            h.venue.algoOrder(upLimit.ack->orderId.mid(5)).value(QLatin1String("ordId")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(
            h.openOrder(limitChild) && h.openOrder(limitChild)->status == OrderStatus::New, 10'000);
        QCOMPARE(*h.openOrder(limitChild)->price, dec("59990"));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(upLimit.ack->orderId) &&
                                     h.openOrder(upLimit.ack->orderId)->status == OrderStatus::Triggered,
                                 10'000);

        // OKX refuses a reduce-only stop with no position to reduce: 51169 and its message verbatim.
        OrderRequest reduce;
        reduce.symbol = symbol;
        reduce.category = Category::Linear;
        reduce.side = Side::Buy; // the position is long: a buy cannot reduce it
        reduce.type = OrderType::Market;
        reduce.quantity = dec("1");
        reduce.triggerPrice = dec("61000");
        reduce.reduceOnly = true;
        const auto refused = h.place(reduce);
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("51169"));
        QCOMPARE(
            refused.error->message,
            QStringLiteral("Order failed because you don't have any positions in this direction for this "
                           "contract to reduce or close."));

        // A stop whose order cannot be placed when it fires (beyond the margin): order_failed, Rejected
        // with OKX's failCode.
        const auto big = stop(Side::Buy, "100000", "61000");
        QVERIFY2(big.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(big.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(big.ack->orderId), 10'000);
        h.venue.setPrice(dec("61000"));
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(big.ack->orderId), 10'000);
        QCOMPARE(h.closedOrder(big.ack->orderId)->status, OrderStatus::Rejected);
        QCOMPARE(h.closedOrder(big.ack->orderId)->reason, QStringLiteral("51008"));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void lostStopCreateReplyIsFoundByItsAlgoClOrdId()
    {
        Harness h;
        QVERIFY(h.startLive());
        h.venue.loseAlgoReplies(1);
        OrderRequest r = VenueHarness::request(OkxVenue::instrument(), Side::Sell, OrderType::Market, "1");
        r.triggerPrice = dec("59000");
        const auto outcome = h.place(r);
        // OKX took it; the reply was lost: found with GET /trade/order-algo?algoClOrdId=, not resent.
        QVERIFY(outcome.outcomeWasUnknown);
        QVERIFY2(outcome.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(outcome.reason));
        QVERIFY(outcome.order);
        QCOMPARE(outcome.order->orderId, QStringLiteral("algo-") + h.venue.algoIds().last());
        QCOMPARE(outcome.order->status, OrderStatus::Untriggered);
        QCOMPARE(h.venue.algoIds().size(), 1);
        bool lookedUp = false;
        for (const auto& request : h.venue.verifier().privateRequests())
            lookedUp = lookedUp || (request.url.path() == QLatin1String("/api/v5/trade/order-algo") &&
                                    QUrlQuery(request.url).queryItemValue(QStringLiteral("algoClOrdId")) ==
                                        outcome.request.clientOrderId);
        QVERIFY(lookedUp);
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(outcome.order->orderId), 10'000);
        h.session->stop();
    }

    void businessStreamDropReconnectsAndReconcilesTheStops()
    {
        Harness h;
        QVERIFY(h.startLive());
        QCOMPARE(h.session->snapshotCount(), 1);
        OrderRequest r = VenueHarness::request(OkxVenue::instrument(), Side::Sell, OrderType::Market, "1");
        r.triggerPrice = dec("59000");
        const auto placed = h.place(r);
        QVERIFY2(placed.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(placed.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(placed.ack->orderId), 10'000);

        // The business stream drops; meanwhile a stop is placed elsewhere and ours is cancelled there.
        h.venue.businessServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        const QString elsewhere =
            h.venue.addTriggerOrder(QStringLiteral("buy"), QStringLiteral("1"), QStringLiteral("61000"));
        QVERIFY(!h.openOrder(QStringLiteral("algo-") + elsewhere));

        // Reconnected, logged in again (the private stream stayed up), and the REST snapshot lists the
        // waiting stops.
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.venue.businessLogins(), 2);
        QCOMPARE(h.venue.logins(), 1);
        const Order* found = h.openOrder(QStringLiteral("algo-") + elsewhere);
        QVERIFY(found);
        QCOMPARE(found->status, OrderStatus::Untriggered);
        QCOMPARE(*found->triggerPrice, dec("61000"));
        QVERIFY(h.openOrder(placed.ack->orderId));

        // Pushes flow on the new connection.
        h.venue.setPrice(dec("61000"));
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(QStringLiteral("algo-") + elsewhere), 10'000);
        QCOMPARE(h.closedOrder(QStringLiteral("algo-") + elsewhere)->status, OrderStatus::Filled);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void attachedTakeProfitAndStopLossReachTheVenue()
    {
        Harness h;
        QVERIFY(h.startLive());

        OrderRequest r =
            VenueHarness::request(OkxVenue::instrument(), Side::Buy, OrderType::Limit, "1", dec("59000"));
        r.takeProfit = dec("65000");
        r.stopLoss = dec("55000.5");
        const auto placed = h.place(r);
        QVERIFY2(placed.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(placed.reason));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        const QJsonArray algos = h.venue.attachedAlgos(placed.ack->orderId);
        QCOMPARE(algos.size(), 1);
        const QJsonObject algo = algos.at(0).toObject();
        QCOMPARE(algo.value(QLatin1String("tpTriggerPx")).toString(), QStringLiteral("65000.0"));
        QCOMPARE(algo.value(QLatin1String("tpOrdPx")).toString(), QStringLiteral("-1"));
        QCOMPARE(algo.value(QLatin1String("slTriggerPx")).toString(), QStringLiteral("55000.5"));
        QCOMPARE(algo.value(QLatin1String("slOrdPx")).toString(), QStringLiteral("-1"));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(placed.ack->orderId), 10'000);

        // A trigger off the tick is the venue's to refuse; its code and message come back verbatim.
        OrderRequest offTick = r;
        offTick.clientOrderId.clear();
        offTick.takeProfit = dec("65000.05");
        offTick.stopLoss.reset();
        const auto refused = h.place(offTick);
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("51000"));
        QCOMPARE(refused.error->message, QStringLiteral("Parameter tpTriggerPx error"));
    }

    void cancelAllGoesInBatchesOfTwenty()
    {
        // OKX has no cancel-all for spot and swaps (mass-cancel is for options under MMP): the session
        // cancels the open orders its store holds, by cancel-batch-orders of at most 20 each.
        Harness h;
        h.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(h.session->state(), TradingSession::State::Live, 15'000);
        const auto placeTwentyFive = [&h] {
            for (int i = 0; i < 25; ++i) {
                const auto placed = h.place(Side::Buy, OrderType::Limit, "1", "50000");
                if (placed.kind != OrderSubmitter::PlaceOutcome::Kind::Live)
                    return false;
            }
            return true;
        };
        QVERIFY(placeTwentyFive());
        QTRY_COMPARE_WITH_TIMEOUT(h.session->store().openOrders().size(), std::size_t(25), 10'000);
        QVERIFY(h.cancelAll(QString::fromLatin1(OkxVenue::Symbol)));
        QTRY_VERIFY_WITH_TIMEOUT(h.session->store().openOrders().empty(), 10'000);
        // One press: 20 and 5, in two requests.
        QCOMPARE(h.venue.largestCancelBatch(), 20);
        QCOMPARE(h.venue.cancelBatches(), 2);
        QCOMPARE(h.venue.cancelBatchEntries(), 25);

        // Pressed twice at once (no confirmation between): the second press repeats no cancel.
        QVERIFY(placeTwentyFive());
        QTRY_COMPARE_WITH_TIMEOUT(h.session->store().openOrders().size(), std::size_t(25), 10'000);
        auto twice = std::make_shared<int>(0);
        for (int i = 0; i < 2; ++i)
            h.session->cancelAll(Category::Linear, QString::fromLatin1(OkxVenue::Symbol),
                                 [twice](const Result<bool, RestError>& r) { *twice += r ? 1 : 100; });
        QTRY_COMPARE_WITH_TIMEOUT(*twice, 2, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.session->store().openOrders().empty(), 10'000);
        QCOMPARE(h.venue.cancelBatches(), 4);
        QCOMPARE(h.venue.cancelBatchEntries(), 50);
        QCOMPARE(h.venue.largestCancelBatch(), 20);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void rateLimitAndServerErrorsAreReported()
    {
        Harness h;
        // A 503 without OKX's body: an HTTP error, not a venue answer.
        h.venue.verifier().answerNextWith(503, "<html>Service Unavailable</html>");
        auto reply = std::make_shared<std::optional<SignedRestClient::Reply>>();
        h.client.send(h.trading.balancesRequest(), [reply](const SignedRestClient::Reply& r) { *reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply->has_value(), 10'000);
        QVERIFY(!**reply);
        QCOMPARE((*reply)->error().httpStatus, 503);
        QVERIFY2((*reply)->error().kind == RestError::Kind::Http, qPrintable((*reply)->error().toString()));
        QVERIFY((*reply)->error().kind != RestError::Kind::Venue);

        // OKX's 429 (code 50011): rejected with OKX's words, the order never taken.
        h.venue.verifier().rateLimitNext(1);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("okx rate limit")));
        const auto limited = h.place(Side::Buy, OrderType::Limit, "1", "59000");
        QCOMPARE(limited.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QCOMPARE(limited.error->kind, RestError::Kind::RateLimited);
        QCOMPARE(limited.error->venueCode, QStringLiteral("50011"));
        QCOMPARE(limited.error->message, QStringLiteral("Too Many Requests"));
        QVERIFY(h.venue.verifier().rejections().isEmpty());
    }

    void wrongPassphraseIsRefused()
    {
        Harness h("not the passphrase");
        QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::AuthFailed, 15'000);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("60024 Wrong passphrase"));
        // Both streams log in at once: one refusal stops the session, the other may have been answered.
        QVERIFY(h.venue.refusedLogins() >= 1 && h.venue.refusedLogins() <= 2);
        QCOMPARE(h.venue.logins(), 0);
        QCOMPARE(h.venue.businessLogins(), 0);
        QVERIFY(h.session->authAttempts() >= 1 && h.session->authAttempts() <= 2);

        // REST with the wrong passphrase: the verifier refuses it as OKX does, verbatim.
        auto reply = std::make_shared<std::optional<SignedRestClient::Reply>>();
        h.client.send(h.trading.balancesRequest(), [reply](const SignedRestClient::Reply& r) { *reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply->has_value(), 10'000);
        QVERIFY(!**reply);
        QCOMPARE((*reply)->error().venueCode, QStringLiteral("50105"));
        QCOMPARE((*reply)->error().message, h.venue.verifier().lastRejection().message);
        QCOMPARE(h.venue.verifier().lastRejectionReason(), QStringLiteral("bad passphrase"));
    }

    void loginCarriesTheCurrentSecondWhateverTheSessionsExpiry()
    {
        // OKX's login timestamp is the current Unix time in seconds, accepted within 30 s of OKX's
        // clock: a session configured with a long login expiry must still send "now".
        Harness h(kPassphrase, 120'000);
        QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(h.session->state(), TradingSession::State::Live, 15'000);
        QCOMPARE(h.venue.logins(), 1);
        QCOMPARE(h.venue.refusedLogins(), 0);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(h.venue.businessLogins(), 1);
        const auto specs = h.trading.privateStreams({Category::Linear}, h.venue.privateStreamUrl());
        QCOMPARE(specs.size(), 2);
        QCOMPARE(specs.at(0).authAheadMs, std::optional<qint64>(0));
        QCOMPARE(specs.at(1).authAheadMs, std::optional<qint64>(0));
        h.session->stop();
    }

    void loginOutsideTheWindowIsRefused()
    {
        // The loopback OKX refuses a timestamp more than 30 s from its clock, either way, with 60006.
        OkxVenue venue(kKey, kSecret, kPassphrase);
        const Credentials c(kKey, kSecret, kPassphrase);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QWebSocket socket;
        QStringList replies;
        connect(&socket, &QWebSocket::textMessageReceived, &socket,
                [&replies](const QString& text) { replies.append(text); });
        socket.open(venue.privateStreamUrl());
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 10'000);
        for (const qint64 at : {now - 40'000, now + 40'000}) {
            socket.sendTextMessage(QString::fromUtf8(OkxTrading::loginMessage(c, at)));
            QTRY_COMPARE_WITH_TIMEOUT(venue.refusedLogins(), at < now ? 1 : 2, 10'000);
            QCOMPARE(venue.lastLoginError(), QStringLiteral("60006 Timestamp request expired"));
        }
        socket.sendTextMessage(QString::fromUtf8(OkxTrading::loginMessage(c, now)));
        QTRY_COMPARE_WITH_TIMEOUT(venue.logins(), 1, 10'000);
        QCOMPARE(venue.refusedLogins(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(replies.size() >= 3, 10'000);
        QVERIFY(replies.last().contains(QLatin1String("\"event\":\"login\"")));
    }

    void cliPlacesListsAndCancels()
    {
        OkxVenue venue(kKey, kSecret, kPassphrase);
        QTemporaryDir home;
        const VenueCli cli(home, QStringLiteral("OKX"), kKey, kSecret, venue.restUrl(), kPassphrase);
        const auto [placed, placeOut] = cli({"place", "okx", "--symbol", "BTC-USDT-SWAP", "--side", "buy",
                                             "--type", "limit", "--qty", "1", "--price", "59000"});
        QVERIFY2(placed == 0, placeOut.constData());
        const QJsonObject order = QJsonDocument::fromJson(placeOut.split('\n').first()).object();
        const QString id = order.value(QLatin1String("orderId")).toString();
        QVERIFY2(!id.isEmpty(), placeOut.constData());
        QCOMPARE(order.value(QLatin1String("status")).toString(), QStringLiteral("new"));

        const auto [listed, listOut] = cli({"list", "okx"});
        QVERIFY2(listed == 0, listOut.constData());
        QVERIFY2(listOut.contains(id.toLatin1()), listOut.constData());

        const auto [cancelled, cancelOut] =
            cli({"cancel", "okx", "--symbol", "BTC-USDT-SWAP", "--order-id", id});
        QVERIFY2(cancelled == 0, cancelOut.constData());
        // A stop placed elsewhere: listed with its algo id, and cancelled by it on cancel-algos.
        const QString algoId =
            venue.addTriggerOrder(QStringLiteral("buy"), QStringLiteral("1"), QStringLiteral("61000"));
        const auto [listedStop, listStopOut] = cli({"list", "okx"});
        QVERIFY2(listedStop == 0, listStopOut.constData());
        QVERIFY2(listStopOut.contains(("algo-" + algoId).toLatin1()) && listStopOut.contains("untriggered"),
                 listStopOut.constData());
        const auto [cancelledStop, cancelStopOut] = cli(
            {"cancel", "okx", "--symbol", "BTC-USDT-SWAP", "--order-id", QStringLiteral("algo-") + algoId});
        QVERIFY2(cancelledStop == 0, cancelStopOut.constData());
        QCOMPARE(venue.algoOrder(algoId).value(QLatin1String("state")).toString(),
                 QStringLiteral("canceled"));
        // Named by its client id only, from a fresh process: the listing gives its algo id.
        const QString namedId = venue.addTriggerOrder(QStringLiteral("sell"), QStringLiteral("1"),
                                                      QStringLiteral("55000"), QStringLiteral("btbotstop1"));
        const auto [cancelledNamed, cancelNamedOut] =
            cli({"cancel", "okx", "--symbol", "BTC-USDT-SWAP", "--client-id", "btbotstop1"});
        QVERIFY2(cancelledNamed == 0, cancelNamedOut.constData());
        QCOMPARE(venue.algoOrder(namedId).value(QLatin1String("state")).toString(),
                 QStringLiteral("canceled"));
        const auto [refused, refusedOut] = cli({"place", "okx", "--symbol", "BTC-USDT-SWAP", "--side", "buy",
                                                "--type", "limit", "--qty", "100000", "--price", "60000"});
        QVERIFY(refused != 0);
        QVERIFY2(refusedOut.contains("51008") && refusedOut.contains("Insufficient USDT margin"),
                 refusedOut.constData());
        QVERIFY2(venue.verifier().rejections().isEmpty(),
                 qPrintable(venue.verifier().rejections().join(',')));
    }

    void cliStreamsTheBook()
    {
        OkxVenue venue(kKey, kSecret, kPassphrase);
        QProcess process;
        process.start(QStringLiteral(BOTTERM_CLI),
                      {"stream", "--exchange", "okx", "--symbols", "BTC-USDT-SWAP", "--channels", "book",
                       "--depth", "2", "--ws-url", venue.publicStreamUrl().toString(), "--rest-url",
                       venue.restUrl().toString()});
        QByteArray out;
        const auto liveBookLine = [&] {
            out += process.readAllStandardOutput();
            return out.contains(R"("type":"book")") && out.contains(R"("state":"live")");
        };
        QVERIFY2(QTest::qWaitFor(liveBookLine, 15'000), out.constData());
        QVERIFY2(out.contains(R"("symbol":"BTC-USDT-SWAP")"), out.constData());
        QVERIFY2(out.contains("59999.9"), out.constData());
        process.kill();
        process.waitForFinished();
    }

    // A swap's ticker subscribes its contract channels with it (the index's under the index's name),
    // again after a reconnect, and unsubscribes them with it; their pushes fill the ticker's mark,
    // index, funding and open interest. A spot ticker subscribes nothing more.
    void swapTickerBringsItsContractChannels()
    {
        OkxVenue venue(kKey, kSecret, kPassphrase);
        OkxMarketData adapter;
        LoopbackFeed f(adapter, Category::Linear, venue.publicStreamUrl(), venue.restUrl());
        ChannelRequest ticker;
        ticker.channel = Channel::Ticker;
        ticker.symbol = QString::fromLatin1(OkxVenue::Symbol);
        f.feed.subscribe({ticker});
        f.feed.start();
        const QStringList expected{
            QStringLiteral("tickers:BTC-USDT-SWAP"), QStringLiteral("mark-price:BTC-USDT-SWAP"),
            QStringLiteral("funding-rate:BTC-USDT-SWAP"), QStringLiteral("open-interest:BTC-USDT-SWAP"),
            QStringLiteral("index-tickers:BTC-USDT")};
        QTRY_COMPARE_WITH_TIMEOUT(venue.publicSubscriptions(), expected, 10'000);
        const auto contractFilled = [&f] {
            const Ticker* t = f.store.findTicker(QString::fromLatin1(OkxVenue::Symbol));
            return t && t->markPrice && t->indexPrice && t->fundingRate && t->openInterest;
        };
        QTRY_VERIFY_WITH_TIMEOUT(contractFilled(), 10'000);
        const Ticker& t = *f.store.findTicker(QString::fromLatin1(OkxVenue::Symbol));
        QCOMPARE(*t.markPrice, dec("60000.3"));
        QCOMPARE(*t.indexPrice, dec("60000.7"));
        QCOMPARE(*t.fundingRate, dec("0.0001"));
        QCOMPARE(t.nextFundingMs, 1700726400000);
        QCOMPARE(*t.openInterest, dec("123456"));
        QCOMPARE(f.feed.malformedFrames(), 0);

        // The reconnect subscribes them again with the ticker.
        const auto subscribed = [&venue](const char* channel) {
            return std::count_if(venue.publicServer().received.begin(), venue.publicServer().received.end(),
                                 [channel](const QByteArray& m) {
                                     return m.contains("\"op\":\"subscribe\"") && m.contains(channel);
                                 });
        };
        QCOMPARE(subscribed("\"index-tickers\""), 1);
        venue.publicServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(
            subscribed("\"index-tickers\"") == 2 && subscribed("\"funding-rate\"") == 2 &&
                subscribed("\"mark-price\"") == 2 && subscribed("\"open-interest\"") == 2,
            10'000);

        f.feed.unsubscribe({ticker});
        QTRY_VERIFY_WITH_TIMEOUT(venue.publicSubscriptions().isEmpty(), 10'000);
        f.feed.stop();

        // Spot: the ticker alone.
        OkxVenue spotVenue(kKey, kSecret, kPassphrase);
        LoopbackFeed spot(adapter, Category::Spot, spotVenue.publicStreamUrl(), spotVenue.restUrl());
        ticker.symbol = QStringLiteral("BTC-USDT");
        spot.feed.subscribe({ticker});
        spot.feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(spotVenue.publicSubscriptions(),
                                  QStringList{QStringLiteral("tickers:BTC-USDT")}, 10'000);
        QCOMPARE(spot.feed.stream().subscriptions(), QStringList{QStringLiteral("tickers:BTC-USDT")});
        spot.feed.stop();
    }

    void publicBooksResyncOnGapAndAfterADrop()
    {
        OkxVenue venue(kKey, kSecret, kPassphrase);
        OkxMarketData adapter;
        LoopbackFeed f(adapter, Category::Linear, venue.publicStreamUrl(), venue.restUrl());
        f.startBook(QString::fromLatin1(OkxVenue::Symbol), 400);
        const OrderBook& book = f.store.book(OkxVenue::Symbol);
        QTRY_VERIFY_WITH_TIMEOUT(book.isLive(), 10'000);
        QCOMPARE(*book.bestBid(), dec("59999.9"));

        venue.pushBookUpdate(QStringLiteral("59999.9"), QStringLiteral("6"));
        QTRY_COMPARE_WITH_TIMEOUT(book.bid(0).size, dec("6"), 10'000);

        const auto subscribes = [&venue] {
            return std::count_if(venue.publicServer().received.begin(), venue.publicServer().received.end(),
                                 [](const QByteArray& m) { return m.contains("\"op\":\"subscribe\""); });
        };
        QCOMPARE(subscribes(), 1);

        // A lost update: prevSeqId does not chain → Resyncing → resubscribed; Live again only with a
        // new snapshot.
        venue.setSendBookSnapshots(false);
        venue.pushBookUpdate(QStringLiteral("59999.8"), QStringLiteral("1"), true);
        QTRY_COMPARE_WITH_TIMEOUT(book.state(), OrderBook::State::Resyncing, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(subscribes(), 2, 10'000);
        const qint64 frames = f.feed.framesReceived();
        venue.pushBookUpdate(QStringLiteral("59999.8"), QStringLiteral("1"));
        QTRY_VERIFY_WITH_TIMEOUT(f.feed.framesReceived() > frames, 10'000);
        QVERIFY(!book.isLive()); // an update alone does not make it Live
        venue.pushBookSnapshot();
        QTRY_VERIFY_WITH_TIMEOUT(book.isLive(), 10'000);
        QCOMPARE(book.sequence(), venue.bookSequence());

        // The public stream drops: the book is not Live until the new connection's snapshot. An update
        // arriving first (no snapshot on this connection) is not applied and asks for one.
        venue.publicServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(!book.isLive(), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(subscribes(), 3, 10'000); // the reconnect's subscription
        venue.pushBookUpdate(QStringLiteral("59999.9"), QStringLiteral("2"));
        QTRY_COMPARE_WITH_TIMEOUT(subscribes(), 4, 10'000); // resubscribed for a snapshot
        QVERIFY(!book.isLive());
        venue.setSendBookSnapshots(true);
        venue.pushBookSnapshot();
        QTRY_VERIFY_WITH_TIMEOUT(book.isLive(), 10'000);
        QCOMPARE(*book.bestBid(), dec("59999.9"));
        f.feed.stop();
    }
};

QTEST_GUILESS_MAIN(TestOkxVenue)
#include "tst_okxvenue.moc"
