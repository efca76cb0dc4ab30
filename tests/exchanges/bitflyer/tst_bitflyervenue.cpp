// bitFlyer Lightning end to end against a loopback bitFlyer (tests/support/bitflyervenue.h): signed REST
// checked by VenueVerifier, the JSON-RPC `auth` call checked the same way, child orders placed,
// cancelled and filled through TradingSession, child_order_events, a dropped private stream reconciled
// over REST, the CLI, and the public board channels through MarketDataFeed.

#include "exchanges/bitflyer/bitflyermarketdata.h"
#include "exchanges/bitflyer/bitflyerstreamprotocol.h"
#include "exchanges/bitflyer/bitflyertrading.h"
#include "exchanges/core/marketdatafeed.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "support/bitflyervenue.h"
#include "support/clirun.h"
#include "support/refusals.h"
#include "support/venueharness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

using tradingtest::dec;

const QString kKey = QStringLiteral("bitflyer-test-key");
const QByteArray kSecret = "bitflyer-test-secret";

struct Harness : LoopbackParts<BitflyerVenue, BitflyerTrading, BitflyerStreamProtocol>, VenueHarness
{
    explicit Harness(QByteArray secret = kSecret)
        : LoopbackParts(kKey, kSecret)
        , VenueHarness(trading,
                       Config(QStringLiteral("bitflyer"), venue.restUrl(), venue.privateStreamUrl(),
                              &protocol, {Category::Spot, Category::Linear}, Credentials(kKey, secret),
                              BitflyerVenue::instrument(BitflyerVenue::Fx), dec("5000000")))
    {}

    // An order on product (FX_BTC_JPY or BTC_JPY).
    OrderSubmitter::PlaceOutcome place(const char* product, Side side, OrderType type, const char* size,
                                       const char* price = nullptr)
    {
        const Instrument instrument = BitflyerVenue::instrument(product);
        return submit(request(instrument, side, type, size, VenueHarness::price(price)), instrument,
                      dec("5000000"));
    }
};

} // namespace

class TestBitflyerVenue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tradesThroughTheSessionAndReconcilesAfterADrop()
    {
        Harness h;
        QVERIFY(h.startLive());
        QCOMPARE(h.venue.logins(), 1);
        QCOMPARE(h.session->snapshotCount(), 1);
        QVERIFY(h.venue.verifier().accepted() >= 6); // balance; orders, executions per market; positions
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        QCOMPARE(h.balance("JPY"), dec("1000000"));

        // A limit order rests: the ORDER event and the read-back make it Live, known by its acceptance id.
        const auto limit = h.place(BitflyerVenue::Fx, Side::Buy, OrderType::Limit, "0.01", "4900000");
        QVERIFY2(limit.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(limit.reason));
        const QString limitId = limit.ack->orderId;
        QVERIFY(limitId.startsWith(QLatin1String("JRF")));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(limitId), 10'000);
        QCOMPARE(*h.openOrder(limitId)->price, dec("4900000"));
        QCOMPARE(h.openOrder(limitId)->quantity, dec("0.01"));
        // What went over the wire: exact numbers, no client order id.
        const auto sent = std::find_if(
            h.venue.verifier().privateRequests().begin(), h.venue.verifier().privateRequests().end(),
            [](const auto& r) { return r.url.path() == QLatin1String("/v1/me/sendchildorder"); });
        QVERIFY(sent != h.venue.verifier().privateRequests().end());
        QVERIFY2(sent->body.contains(R"("price":4900000,"size":0.01000000,)"), sent->body.constData());

        // bitFlyer cannot amend: nothing is sent, the desk hears a failure.
        const int requestsBefore = static_cast<int>(h.venue.verifier().privateRequests().size());
        OrderAmendment amendment;
        amendment.order = {QString::fromLatin1(BitflyerVenue::Fx), Category::Linear, limitId, {}};
        amendment.price = dec("4900001");
        const auto amended = h.amend(amendment); // on FX_BTC_JPY
        QVERIFY(!amended);
        QCOMPARE(amended.error().kind, RestError::Kind::NotOffered);
        QVERIFY2(amended.error().message.contains(QLatin1String("cannot amend")),
                 qPrintable(amended.error().message));
        QCOMPARE(static_cast<int>(h.venue.verifier().privateRequests().size()), requestsBefore);

        // Cancelled: an empty HTTP 200, then the CANCEL event closes it.
        QVERIFY(
            h.cancel(OrderReference{QString::fromLatin1(BitflyerVenue::Fx), Category::Linear, limitId, {}}));
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(limitId), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(limitId) && h.closedOrder(limitId)->status == OrderStatus::Cancelled, 10'000);

        // A market order fills: the EXECUTION event brings the fill and moves the FX position.
        const auto market = h.place(BitflyerVenue::Fx, Side::Buy, OrderType::Market, "0.02");
        QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(market.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->size == dec("0.02"), 10'000);
        QCOMPARE(h.position()->side, std::optional<Side>(Side::Buy));
        QCOMPARE(*h.position()->entryPrice, dec("5000000"));
        QTRY_VERIFY_WITH_TIMEOUT(h.hasFill(market.ack->orderId), 10'000);

        // A spot market buy moves the JPY and BTC totals.
        const auto spot = h.place(BitflyerVenue::Spot, Side::Buy, OrderType::Market, "0.01");
        QVERIFY2(spot.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(spot.reason));
        QTRY_COMPARE_WITH_TIMEOUT(h.balance("JPY"), dec("950000"), 10'000);
        QCOMPARE(h.balance("BTC"), dec("1.01"));

        // bitFlyer refuses an order beyond the margin: its status and message arrive verbatim.
        const auto refused = h.place(BitflyerVenue::Fx, Side::Buy, OrderType::Limit, "100", "5000000");
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("-205"));
        QCOMPARE(refused.error->message, QStringLiteral("Margin amount is insufficient for this order."));

        // The private stream drops; while it is down a resting order fills.
        const auto resting = h.place(BitflyerVenue::Fx, Side::Buy, OrderType::Limit, "0.03", "4950000");
        QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
        const QString restingId = resting.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(restingId), 10'000);
        h.venue.privateServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.fillRestingOrder(restingId);
        QVERIFY(h.openOrder(restingId)); // nothing told the session yet

        // Reconnected, authenticated again, and the REST snapshot brings what happened meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.venue.logins(), 2);
        QCOMPARE(h.session->authAttempts(), 2);
        QVERIFY(!h.openOrder(restingId));
        QCOMPARE(h.position()->size, dec("0.05"));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(restingId) && h.closedOrder(restingId)->status == OrderStatus::Filled, 10'000);

        // The new connection's subscription delivers events again; cancel-all clears the product.
        const auto after = h.place(BitflyerVenue::Fx, Side::Sell, OrderType::Limit, "0.01", "5100000");
        QVERIFY2(after.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(after.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(after.ack->orderId), 10'000);
        QVERIFY(h.cancelAll(QString::fromLatin1(BitflyerVenue::Fx)));
        QTRY_VERIFY_WITH_TIMEOUT(h.session->store().openOrders().empty(), 10'000);
        QCOMPARE(h.session->snapshotCount(), 2);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void stopOrdersAreSpecialOrders()
    {
        Harness h;
        QVERIFY(h.startLive());
        const Instrument fx = BitflyerVenue::instrument(BitflyerVenue::Fx);
        const auto stop = [&](Side side, OrderType type, const char* size, const char* trigger,
                              const char* price = nullptr) {
            OrderRequest r = VenueHarness::request(fx, side, type, size, VenueHarness::price(price));
            r.triggerPrice = dec(trigger);
            return h.submit(r, fx, dec("5000000"));
        };
        const auto sentTo = [&](const char* path) {
            std::vector<QByteArray> bodies;
            for (const auto& r : h.venue.verifier().privateRequests())
                if (r.url.path() == QLatin1String(path))
                    bodies.push_back(r.body);
            return bodies;
        };

        // A sell stop waits for its trigger: Untriggered among the open orders, with its trigger price.
        const auto waiting = stop(Side::Sell, OrderType::Market, "0.01", "4900000");
        QVERIFY2(waiting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(waiting.reason));
        const QString waitingId = waiting.ack->orderId;
        QVERIFY(waitingId.startsWith(QLatin1String("JRF")));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(waitingId), 10'000);
        QCOMPARE(h.openOrder(waitingId)->status, OrderStatus::Untriggered);
        QCOMPARE(*h.openOrder(waitingId)->triggerPrice, dec("4900000"));
        QCOMPARE(h.openOrder(waitingId)->side, Side::Sell);
        QCOMPARE(h.openOrder(waitingId)->type, OrderType::Market);
        QCOMPARE(h.openOrder(waitingId)->quantity, dec("0.01"));
        QCOMPARE(sentTo("/v1/me/sendparentorder").size(), std::size_t(1));
        QVERIFY2(sentTo("/v1/me/sendparentorder")[0].contains(
                     R"("parameters":[{"product_code":"FX_BTC_JPY","condition_type":"STOP","side":"SELL",)"
                     R"("trigger_price":4900000,"size":0.01000000}])"),
                 sentTo("/v1/me/sendparentorder")[0].constData());
        QVERIFY(sentTo("/v1/me/sendchildorder").empty());

        // Cancelled from the terminal: cancelparentorder by its acceptance id; Deactivated.
        QVERIFY(h.cancel(OrderReference{fx.symbol, fx.category, waitingId, {}}));
        QCOMPARE(sentTo("/v1/me/cancelparentorder").size(), std::size_t(1));
        QVERIFY(sentTo("/v1/me/cancelparentorder")[0].contains(
            QByteArray("\"parent_order_acceptance_id\":\"" + waitingId.toLatin1())));
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(waitingId), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(waitingId) && h.closedOrder(waitingId)->status == OrderStatus::Deactivated, 10'000);
        QCOMPARE(h.venue.parentState(waitingId), QStringLiteral("CANCELED"));

        // A buy stop-limit triggers when the price rises to it: its child limit order is placed, then fills.
        const auto buyStop = stop(Side::Buy, OrderType::Limit, "0.02", "5050000", "5060000");
        QVERIFY2(buyStop.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(buyStop.reason));
        const QString buyStopId = buyStop.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(buyStopId), 10'000);
        QCOMPARE(h.openOrder(buyStopId)->status, OrderStatus::Untriggered);
        QCOMPARE(*h.openOrder(buyStopId)->price, dec("5060000"));
        h.venue.setPrice(dec("5049999"));
        QVERIFY(h.venue.childOf(buyStopId).isEmpty());
        h.venue.setPrice(dec("5050000"));
        const QString childId = h.venue.childOf(buyStopId);
        QVERIFY(!childId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            h.openOrder(buyStopId) && h.openOrder(buyStopId)->status == OrderStatus::Triggered, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(childId), 10'000);
        QCOMPARE(*h.openOrder(childId)->price, dec("5060000"));
        QCOMPARE(h.openOrder(childId)->quantity, dec("0.02"));
        h.venue.fillRestingOrder(childId);
        QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->size == dec("0.02"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.hasFill(childId), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(buyStopId) && h.closedOrder(buyStopId)->status == OrderStatus::Filled, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(childId) && h.closedOrder(childId)->status == OrderStatus::Filled, 10'000);

        // bitFlyer refuses a stop beyond the margin: its status and message arrive verbatim.
        const auto refused = stop(Side::Sell, OrderType::Market, "100", "4900000");
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("-205"));
        QCOMPARE(refused.error->message, QStringLiteral("Margin amount is insufficient for this order."));

        // Two stops wait; the private stream drops and one is cancelled elsewhere meanwhile. The snapshot
        // after the reconnect reads the active special orders: the other one stays open, this one closes.
        const auto kept = stop(Side::Sell, OrderType::Market, "0.01", "4800000");
        const auto gone = stop(Side::Sell, OrderType::Market, "0.01", "4700000");
        QVERIFY(kept.kind == OrderSubmitter::PlaceOutcome::Kind::Live &&
                gone.kind == OrderSubmitter::PlaceOutcome::Kind::Live);
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(kept.ack->orderId) && h.openOrder(gone.ack->orderId), 10'000);
        const std::size_t listsBefore = sentTo("/v1/me/getparentorders").size();
        h.venue.privateServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.cancelParentOrder(gone.ack->orderId);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QVERIFY(sentTo("/v1/me/getparentorders").size() > listsBefore);
        QVERIFY(h.openOrder(kept.ack->orderId));
        QCOMPARE(h.openOrder(kept.ack->orderId)->status, OrderStatus::Untriggered);
        QCOMPARE(*h.openOrder(kept.ack->orderId)->triggerPrice, dec("4800000"));
        QVERIFY(!h.openOrder(gone.ack->orderId));
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(gone.ack->orderId) &&
                                     h.closedOrder(gone.ack->orderId)->status == OrderStatus::Deactivated,
                                 10'000);

        // Events flow again on the new connection: the kept stop triggers and its market child fills.
        h.venue.setPrice(dec("4800000"));
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(kept.ack->orderId) &&
                                     h.closedOrder(kept.ack->orderId)->status == OrderStatus::Filled,
                                 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->size == dec("0.01"), 10'000);

        // Cancel-all clears the product's special orders as well as its child orders.
        const auto lastStop = stop(Side::Sell, OrderType::Market, "0.01", "4600000");
        const auto limit = h.place(BitflyerVenue::Fx, Side::Buy, OrderType::Limit, "0.01", "4500000");
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(lastStop.ack->orderId) && h.openOrder(limit.ack->orderId),
                                 10'000);
        QVERIFY(h.cancelAll(fx.symbol));
        QTRY_VERIFY_WITH_TIMEOUT(h.session->store().openOrders().empty(), 10'000);
        QCOMPARE(h.venue.parentState(lastStop.ack->orderId), QStringLiteral("CANCELED"));
        QCOMPARE(h.closedOrder(lastStop.ack->orderId)->status, OrderStatus::Deactivated);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void stopsPlacedBeforeOrElsewhereShowTheirPrices()
    {
        Harness h;
        const auto requestsTo = [&](const char* path) {
            std::size_t n = 0;
            for (const auto& r : h.venue.verifier().privateRequests())
                n += r.url.path() == QLatin1String(path) ? 1 : 0;
            return n;
        };
        const QString fx = QString::fromLatin1(BitflyerVenue::Fx);
        // A stop-limit placed before the terminal started: the first snapshot lists it with its limit
        // price; its trigger price is in its details only, which the snapshot reads once the list named it
        // (followUpOrdersRequests) and waits for.
        const QString before = h.venue.placeParentOrder(QJsonObject{{"product_code", fx},
                                                                    {"condition_type", "STOP_LIMIT"},
                                                                    {"side", "SELL"},
                                                                    {"price", 4890000},
                                                                    {"trigger_price", 4900000},
                                                                    {"size", 0.01}});
        QVERIFY(!before.isEmpty());
        QVERIFY(h.startLive());
        QVERIFY(h.openOrder(before));
        QCOMPARE(h.openOrder(before)->status, OrderStatus::Untriggered);
        QCOMPARE(h.openOrder(before)->side, Side::Sell);
        QCOMPARE(*h.openOrder(before)->price, dec("4890000"));
        QCOMPARE(h.openOrder(before)->quantity, dec("0.01"));
        QVERIFY(h.openOrder(before)->triggerPrice);
        QCOMPARE(*h.openOrder(before)->triggerPrice, dec("4900000"));
        QCOMPARE(requestsTo("/v1/me/getparentorder"), std::size_t(1));

        // Placed on the web while the terminal runs: its ORDER event names no side or size, so the session
        // reads its details (PrivateStreamFrame::lookUps) and it shows at once, trigger and all.
        const QString web = h.venue.placeParentOrder(QJsonObject{{"product_code", fx},
                                                                 {"condition_type", "STOP_LIMIT"},
                                                                 {"side", "BUY"},
                                                                 {"price", 5110000},
                                                                 {"trigger_price", 5100000},
                                                                 {"size", 0.02}});
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(web) && h.openOrder(web)->triggerPrice, 10'000);
        QVERIFY(h.trading.isParentOrder(web));
        QCOMPARE(h.openOrder(web)->status, OrderStatus::Untriggered);
        QCOMPARE(h.openOrder(web)->side, Side::Buy);
        QCOMPARE(*h.openOrder(web)->triggerPrice, dec("5100000"));
        QCOMPARE(*h.openOrder(web)->price, dec("5110000"));
        QCOMPARE(requestsTo("/v1/me/getparentorder"), std::size_t(2));
        // Another one is cancelled by its id from the terminal: cancelparentorder.
        const QString webCancelled = h.venue.placeParentOrder(QJsonObject{{"product_code", fx},
                                                                          {"condition_type", "STOP"},
                                                                          {"side", "SELL"},
                                                                          {"trigger_price", 4800000},
                                                                          {"size", 0.01}});
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(webCancelled), 10'000); // its details read: shown
        QVERIFY(h.trading.isParentOrder(webCancelled));
        QVERIFY(h.cancel(OrderReference{fx, Category::Linear, webCancelled, {}}));
        QCOMPARE(h.venue.parentState(webCancelled), QStringLiteral("CANCELED"));

        // The next snapshot (a reconnect) reads no details again: every special order open has been read;
        // both keep their trigger and limit prices, and the cancelled one is gone.
        const std::size_t detailsBefore = requestsTo("/v1/me/getparentorder");
        h.venue.privateServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(requestsTo("/v1/me/getparentorder") - detailsBefore, std::size_t(0));
        QVERIFY(h.openOrder(before));
        QCOMPARE(*h.openOrder(before)->triggerPrice, dec("4900000"));
        QCOMPARE(*h.openOrder(before)->price, dec("4890000"));
        const Order* placed = h.openOrder(web);
        QVERIFY(placed);
        QCOMPARE(placed->status, OrderStatus::Untriggered);
        QCOMPARE(placed->side, Side::Buy);
        QCOMPARE(placed->type, OrderType::Limit);
        QCOMPARE(placed->quantity, dec("0.02"));
        QCOMPARE(*placed->price, dec("5110000"));
        QCOMPARE(*placed->triggerPrice, dec("5100000"));
        QVERIFY(!h.openOrder(webCancelled));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void refusesWhatBitflyerDoesNotOfferBeforeSending()
    {
        Harness h;
        QVERIFY(h.startLive());
        const Instrument fx = BitflyerVenue::instrument(BitflyerVenue::Fx);
        OrderRequest base;
        base.symbol = fx.symbol;
        base.category = fx.category;
        base.type = OrderType::Limit;
        base.quantity = dec("0.01");
        base.price = dec("4900000");
        OrderRequest postOnly = base;
        postOnly.timeInForce = TimeInForce::PostOnly;
        // A buy stop that would trigger on a fall: bitFlyer's buy stops trigger on a rise.
        OrderRequest trigger = base;
        trigger.triggerPrice = dec("4950000");
        trigger.triggerDirection = TriggerDirection::FallsTo;
        OrderRequest stopLoss = base;
        stopLoss.stopLoss = dec("4800000");
        OrderRequest reduceOnly = base;
        reduceOnly.reduceOnly = true;
        for (const OrderRequest& request : {postOnly, trigger, stopLoss, reduceOnly}) {
            const auto outcome = h.submit(request, fx, dec("5000000"));
            QVERIFY2(refusals::refusedAsNotOffered(outcome, "bitFlyer"),
                     qPrintable(refusals::describe(outcome)));
        }
        QCOMPARE(refusals::ordersReceived(h.venue.verifier(), QLatin1String("/sendchildorder")), 0);
        QCOMPARE(refusals::ordersReceived(h.venue.verifier(), QLatin1String("/sendparentorder")), 0);
        QVERIFY(h.trading.notOffered(base).isEmpty());
    }

    void wrongSecretIsRefused()
    {
        Harness h("not the secret");
        QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::AuthFailed, 15'000);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("-32600 Invalid signature"));
        QCOMPARE(h.venue.refusedLogins(), 1);
        QCOMPARE(h.venue.logins(), 0);

        // REST with the wrong secret: refused as bitFlyer does, verbatim.
        auto reply = std::make_shared<std::optional<SignedRestClient::Reply>>();
        h.client.send(h.trading.balancesRequest(), [reply](const SignedRestClient::Reply& r) { *reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply->has_value(), 10'000);
        QVERIFY(!**reply);
        QCOMPARE((*reply)->error().venueCode, QStringLiteral("-500"));
        QCOMPARE((*reply)->error().message, h.venue.verifier().lastRejection().message);
    }

    void serverErrorsAreReported()
    {
        Harness h;
        h.venue.verifier().answerNextWith(503, "<html>Service Unavailable</html>");
        auto reply = std::make_shared<std::optional<SignedRestClient::Reply>>();
        h.client.send(h.trading.balancesRequest(), [reply](const SignedRestClient::Reply& r) { *reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply->has_value(), 10'000);
        QVERIFY(!**reply);
        QCOMPARE((*reply)->error().httpStatus, 503);
        QCOMPARE((*reply)->error().kind, RestError::Kind::Http);

        // bitFlyer's 429: the order is rejected as rate-limited with the venue's words, never taken.
        h.venue.verifier().rateLimitNext(1);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("bitflyer rate limit")));
        const auto limited = h.place(BitflyerVenue::Fx, Side::Buy, OrderType::Limit, "0.01", "4900000");
        QCOMPARE(limited.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QCOMPARE(limited.error->kind, RestError::Kind::RateLimited);
        QCOMPARE(limited.error->message, QStringLiteral("Over API limit per period per IP address"));
        QVERIFY(h.venue.verifier().rejections().isEmpty());
    }

    void cliPlacesListsAndCancels()
    {
        BitflyerVenue venue(kKey, kSecret);
        QTemporaryDir home;
        const VenueCli cli(home, QStringLiteral("BITFLYER"), kKey, kSecret, venue.restUrl());
        const auto [placed, placeOut] =
            cli({"place", "bitflyer", "--category", "linear", "--symbol", "FX_BTC_JPY", "--side", "buy",
                 "--type", "limit", "--qty", "0.01", "--price", "4900000"});
        QVERIFY2(placed == 0, placeOut.constData());
        const QJsonObject order = QJsonDocument::fromJson(placeOut.split('\n').first()).object();
        const QString id = order.value(QLatin1String("orderId")).toString();
        QVERIFY2(id.startsWith(QLatin1String("JRF")), placeOut.constData());
        QCOMPARE(order.value(QLatin1String("status")).toString(), QStringLiteral("new"));

        const auto [listed, listOut] =
            cli({"list", "bitflyer", "--category", "linear", "--symbol", "FX_BTC_JPY"});
        QVERIFY2(listed == 0, listOut.constData());
        QVERIFY2(listOut.contains(id.toLatin1()), listOut.constData());

        const auto [cancelled, cancelOut] =
            cli({"cancel", "bitflyer", "--category", "linear", "--symbol", "FX_BTC_JPY", "--order-id", id});
        QVERIFY2(cancelled == 0, cancelOut.constData());
        // A stop (a special order) is cancelled from a fresh process too: its id looks like any other's,
        // so the CLI's read of the open orders tells the adapter it is one (cancelparentorder).
        const QString stopId = venue.placeParentOrder(QJsonObject{{"product_code", BitflyerVenue::Fx},
                                                                  {"condition_type", "STOP"},
                                                                  {"side", "SELL"},
                                                                  {"trigger_price", 4800000},
                                                                  {"size", 0.01}});
        QVERIFY(!stopId.isEmpty());
        const auto [stopCancelled, stopCancelOut] = cli(
            {"cancel", "bitflyer", "--category", "linear", "--symbol", "FX_BTC_JPY", "--order-id", stopId});
        QVERIFY2(stopCancelled == 0, stopCancelOut.constData());
        QCOMPARE(venue.parentState(stopId), QStringLiteral("CANCELED"));
        const auto [refused, refusedOut] =
            cli({"place", "bitflyer", "--category", "linear", "--symbol", "FX_BTC_JPY", "--side", "buy",
                 "--type", "limit", "--qty", "100", "--price", "5000000"});
        QVERIFY(refused != 0);
        QVERIFY2(refusedOut.contains("-205") && refusedOut.contains("Margin amount is insufficient"),
                 refusedOut.constData());

        // fetch signs any private call the same way.
        const auto [fetched, fetchOut] =
            cli({"bitflyer", "GET", "/v1/me/getbalance"}, QStringLiteral("fetch"));
        QVERIFY2(fetched == 0, fetchOut.constData());
        QVERIFY2(fetchOut.contains("currency_code") && fetchOut.contains("JPY"), fetchOut.constData());
        QVERIFY2(venue.verifier().rejections().isEmpty(),
                 qPrintable(venue.verifier().rejections().join(',')));
    }

    void cliStreamsTheBoard()
    {
        BitflyerVenue venue(kKey, kSecret);
        const auto [live, out] =
            streamUntilLiveBook(QStringLiteral("bitflyer"), QStringLiteral("linear"),
                                QStringLiteral("FX_BTC_JPY"), venue.publicStreamUrl(), venue.restUrl());
        QVERIFY2(live, out.constData());
        QVERIFY2(out.contains(R"("symbol":"FX_BTC_JPY")"), out.constData());
        QVERIFY2(out.contains("4999990"), out.constData());
    }

    void publicBoardResyncsWhenCrossedAndAfterADrop()
    {
        BitflyerVenue venue(kKey, kSecret);
        BitflyerMarketData adapter;
        LoopbackFeed f(adapter, Category::Linear, venue.publicStreamUrl(), venue.restUrl());
        f.startBook(QString::fromLatin1(BitflyerVenue::Fx));
        const OrderBook& book = f.store.book(BitflyerVenue::Fx);
        QTRY_VERIFY_WITH_TIMEOUT(book.isLive(), 10'000);
        QCOMPARE(*book.bestBid(), dec("4999990"));
        QCOMPARE(venue.snapshotSubscriptions(), 1);
        // Both board channels were subscribed.
        QVERIFY(std::any_of(
            venue.publicServer().received.begin(), venue.publicServer().received.end(),
            [](const QByteArray& m) { return m.contains(R"("channel":"lightning_board_FX_BTC_JPY")"); }));

        venue.pushBoardDiff(R"([{"price":4999995,"size":0.7}])", "[]");
        QTRY_COMPARE_WITH_TIMEOUT(*book.bestBid(), dec("4999995"), 10'000);

        // A crossed book cannot be trusted: Resyncing, and the snapshot channel is subscribed again.
        venue.setSendBoardSnapshots(false);
        venue.pushBoardDiff(R"([{"price":5000050,"size":1}])", "[]", "0");
        QTRY_COMPARE_WITH_TIMEOUT(book.state(), OrderBook::State::Resyncing, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(venue.snapshotSubscriptions(), 2, 10'000);
        venue.pushBoardSnapshot();
        QTRY_VERIFY_WITH_TIMEOUT(book.isLive(), 10'000);
        QCOMPARE(*book.bestBid(), dec("4999990"));

        // The public stream drops: not Live until the new connection's snapshot; a diff alone is not enough.
        venue.publicServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(!book.isLive(), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(venue.snapshotSubscriptions(), 3, 10'000);
        const qint64 frames = f.feed.framesReceived();
        venue.pushBoardDiff(R"([{"price":4999991,"size":0.1}])", "[]");
        QTRY_VERIFY_WITH_TIMEOUT(f.feed.framesReceived() > frames, 10'000);
        QVERIFY(!book.isLive());
        venue.pushBoardSnapshot();
        QTRY_VERIFY_WITH_TIMEOUT(book.isLive(), 10'000);
        QCOMPARE(*book.bestBid(), dec("4999990")); // the diff before the snapshot was not applied
        f.feed.stop();
    }
};

QTEST_GUILESS_MAIN(TestBitflyerVenue)
#include "tst_bitflyervenue.moc"
