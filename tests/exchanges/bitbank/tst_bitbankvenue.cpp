// bitbank end to end against a loopback bitbank (tests/support/bitbankvenue.h): signed REST checked by
// VenueVerifier, the private stream as bitbank runs it (GET /v1/user/subscribe for a PubNub channel and
// token, then PubNub's subscribe long-poll) driven by TradingSession through PrivateStreamConnection,
// orders placed, cancelled, filled and refused, a dropped or unreadable long-poll reconnected with a new
// token and reconciled over REST, HTTP 429/5xx, candles from the public host, and the CLI.

#include "exchanges/bitbank/bitbankerrors.h"
#include "exchanges/bitbank/bitbankmarketdata.h"
#include "exchanges/bitbank/bitbanktrading.h"
#include "exchanges/core/restclient.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "exchanges/venues.h"
#include "support/bitbankvenue.h"
#include "support/clirun.h"
#include "support/venueharness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

using tradingtest::dec;

const QString kKey = QStringLiteral("bitbank-test-key");
const QByteArray kSecret = "bitbank-test-secret";

struct Harness : LoopbackParts<BitbankVenue, BitbankTrading>, VenueHarness
{
    explicit Harness(QByteArray secret = kSecret, QList<Category> categories = {Category::Spot})
        : LoopbackParts(kKey, kSecret)
        , VenueHarness(trading, Config(QStringLiteral("bitbank"), venue.restUrl(), venue.pubNubUrl(),
                                       nullptr, // no WebSocket: the adapter's PubNub long-poll
                                       categories, Credentials(kKey, secret), BitbankVenue::instrument(),
                                       dec("5000000")))
    {
        QObject::connect(session.get(), &TradingSession::errorOccurred,
                         [this](const QString& m) { errors.append(m); });
    }

    using VenueHarness::place;
    // On btc_jpy in r's category (margin: the same pair, Linear).
    OrderSubmitter::PlaceOutcome place(const OrderRequest& r)
    {
        Instrument instrument = BitbankVenue::instrument();
        instrument.category = r.category;
        return submit(r, instrument, dec("5000000"));
    }
    // A margin order (Linear) on the given leg (Net: derived from the side).
    OrderSubmitter::PlaceOutcome placeMargin(Side side, const char* amount, PositionSide leg,
                                             bool reduceOnly = false)
    {
        OrderRequest r = request(BitbankVenue::instrument(), side, OrderType::Market, amount);
        r.category = Category::Linear;
        r.positionSide = leg;
        r.reduceOnly = reduceOnly;
        return place(r);
    }
    const Position* leg(PositionSide side) const { return position(side); }
    const Balance* balance(const char* coin) const
    {
        return session->store().findBalance(QString::fromLatin1(coin), BitbankTrading::spotAccount());
    }
    // The margin account's JPY (GET /v1/user/margin/status).
    const Balance* margin() const
    {
        return session->store().findBalance(QStringLiteral("JPY"), BitbankTrading::marginAccount());
    }
    // Orders sent (POST /v1/user/spot/order); the account reads after fills are not counted.
    qsizetype ordersSent()
    {
        const auto& requests = venue.verifier().privateRequests();
        return std::count_if(requests.begin(), requests.end(), [](const auto& r) {
            return r.method == "POST" && r.url.path() == QLatin1String("/v1/user/spot/order");
        });
    }
    bool live() const { return session->state() == TradingSession::State::Live; }
    bool hasError(const char* text) const
    {
        return std::any_of(errors.begin(), errors.end(),
                           [text](const QString& e) { return e.contains(QLatin1String(text)); });
    }

    QStringList errors;
};

} // namespace

class TestBitbankVenue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tradesThroughTheSessionAndReconcilesAfterADrop()
    {
        Harness h;
        QSignalSpy states(h.session.get(), &TradingSession::stateChanged);
        QVERIFY(h.startLive());
        // Token, then the long-poll, then Syncing (the REST snapshot) before Live.
        QVERIFY(states.contains({QVariant::fromValue(TradingSession::State::Syncing)}));
        QCOMPARE(h.venue.tokensIssued(), 1);
        QCOMPARE(h.session->snapshotCount(), 1);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        QVERIFY(h.balance("JPY"));
        QCOMPARE(h.balance("JPY")->walletBalance, dec("1000000"));
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.heldPolls(), 1, 10'000); // the long-poll waits for pushes

        // A limit order rests; the stream's asset_update (not REST: bitbank pushes wallets) locks its JPY.
        const auto limit = h.place(Side::Buy, OrderType::Limit, "0.01", "4900000");
        QVERIFY2(limit.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(limit.reason));
        const QString limitId = limit.ack->orderId;
        QVERIFY(h.openOrder(limitId));
        QCOMPARE(*h.openOrder(limitId)->price, dec("4900000"));
        QTRY_VERIFY_WITH_TIMEOUT(h.balance("JPY")->available == std::optional<Decimal>(dec("951000")),
                                 10'000);
        const auto sent = std::find_if(h.venue.verifier().privateRequests().begin(),
                                       h.venue.verifier().privateRequests().end(), [](const auto& r) {
                                           return r.url.path() == QLatin1String("/v1/user/spot/order") &&
                                                  r.method == "POST";
                                       });
        QVERIFY(sent != h.venue.verifier().privateRequests().end());
        QCOMPARE(sent->body,
                 QByteArray(
                     R"({"pair":"btc_jpy","amount":"0.01","price":"4900000","side":"buy","type":"limit"})"));

        // Cancelled: the spot_order push closes it and frees the JPY.
        QVERIFY(
            h.cancel(OrderReference{QString::fromLatin1(BitbankVenue::Pair), Category::Spot, limitId, {}}));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(limitId) && h.closedOrder(limitId)->status == OrderStatus::Cancelled, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.balance("JPY")->available == std::optional<Decimal>(dec("1000000")),
                                 10'000);

        // A market buy fills: spot_trade brings the fill, asset_update the new balances.
        const auto market = h.place(Side::Buy, OrderType::Market, "0.01");
        QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(market.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.hasFill(market.ack->orderId), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(h.balance("JPY")->walletBalance, dec("950000"), 10'000);
        QCOMPARE(h.balance("BTC")->walletBalance, dec("1.01"));

        // Post-only is sent as bitbank's post_only; one that would take is cancelled instead of placed
        // (support.bitbank.cc "What is PostOnly"): taken with an order_id, read back CANCELED_UNFILLED.
        const auto postOnly = h.place(Side::Buy, OrderType::Limit, "0.01", "5000000", TimeInForce::PostOnly);
        QCOMPARE(postOnly.kind, OrderSubmitter::PlaceOutcome::Kind::CancelledAtOnce);
        QVERIFY(std::any_of(
            h.venue.verifier().privateRequests().begin(), h.venue.verifier().privateRequests().end(),
            [](const auto& r) { return r.body.endsWith(R"("type":"limit","post_only":true})"); }));
        const auto maker = h.place(Side::Buy, OrderType::Limit, "0.01", "4800000", TimeInForce::PostOnly);
        QVERIFY2(maker.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(maker.reason));
        QCOMPARE(h.openOrder(maker.ack->orderId)->timeInForce, TimeInForce::PostOnly);

        // bitbank refuses an order beyond the funds: its code, with the text errors.md gives it.
        const auto refused = h.place(Side::Buy, OrderType::Limit, "100", "5000000");
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("60001"));
        QCOMPARE(refused.error->message, QStringLiteral("60001 Insufficient amount."));

        // What bitbank cannot take as asked is refused before anything is sent.
        const qsizetype requestsBefore = h.ordersSent();
        OrderRequest reduce = VenueHarness::request(BitbankVenue::instrument(), Side::Sell, OrderType::Limit,
                                                    "0.01", dec("5100000"));
        reduce.reduceOnly = true;
        OrderRequest bracket = reduce;
        bracket.reduceOnly = false;
        bracket.takeProfit = dec("5200000");
        OrderRequest ioc = bracket;
        ioc.takeProfit.reset();
        ioc.timeInForce = TimeInForce::ImmediateOrCancel;
        OrderRequest postMarket = ioc;
        postMarket.type = OrderType::Market;
        postMarket.price.reset();
        postMarket.timeInForce = TimeInForce::PostOnly;
        OrderRequest wrongWayStop = ioc;
        wrongWayStop.timeInForce = TimeInForce::GoodTillCancel;
        wrongWayStop.triggerPrice = dec("5300000");
        wrongWayStop.triggerDirection = TriggerDirection::RisesTo; // a sell stop above the market
        for (const OrderRequest& r : {reduce, bracket, ioc, postMarket, wrongWayStop}) {
            const auto outcome = h.place(r);
            QCOMPARE(outcome.kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
            QVERIFY(std::any_of(outcome.violations.begin(), outcome.violations.end(), [](const auto& v) {
                return v.rule == OrderRuleViolation::Rule::NotOfferedByVenue &&
                       v.message.contains(QLatin1String("bitbank"));
            }));
        }
        QCOMPARE(h.ordersSent(), requestsBefore);

        // The long-poll is cut; while the stream is down a resting order fills.
        const auto resting = h.place(Side::Buy, OrderType::Limit, "0.02", "4950000");
        QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
        const QString restingId = resting.ack->orderId;
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.heldPolls(), 1, 10'000);
        h.venue.dropPolls();
        QTRY_VERIFY_WITH_TIMEOUT(!h.live(), 10'000);
        h.venue.fillRestingOrder(restingId);
        QVERIFY(h.openOrder(restingId)); // nothing told the session yet

        // A new token, a new long-poll, and the REST snapshot brings what happened meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(h.live() && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.venue.tokensIssued(), 2);
        QVERIFY(!h.openOrder(restingId));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(restingId) && h.closedOrder(restingId)->status == OrderStatus::Filled, 10'000);
        QCOMPARE(h.balance("BTC")->walletBalance, dec("1.03"));

        // The new long-poll delivers pushes again.
        const auto after = h.place(Side::Sell, OrderType::Limit, "0.01", "5100000");
        QVERIFY2(after.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(after.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.balance("BTC")->available == std::optional<Decimal>(dec("1.02")), 10'000);
        QCOMPARE(h.session->snapshotCount(), 2);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // While a circuit break is on, bitbank refuses market orders (70020) and treats post_only as false
    // (rest-api.md, Create new order, Caveat): a crossing post-only limit then rests like any limit
    // instead of being cancelled.
    void circuitBreakRefusesMarketOrdersAndIgnoresPostOnly()
    {
        Harness h;
        QVERIFY(h.startLive());
        h.venue.setCircuitBreak(true);
        const auto market = h.place(Side::Buy, OrderType::Market, "0.01");
        QCOMPARE(market.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QCOMPARE(market.error->message,
                 QStringLiteral("70020 Market order has been temporarily restricted."));
        const auto crossing = h.place(Side::Buy, OrderType::Limit, "0.01", "5000000", TimeInForce::PostOnly);
        QVERIFY2(crossing.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(crossing.reason));
        h.venue.setCircuitBreak(false);
        const auto again = h.place(Side::Buy, OrderType::Limit, "0.01", "5000000", TimeInForce::PostOnly);
        QCOMPARE(again.kind, OrderSubmitter::PlaceOutcome::Kind::CancelledAtOnce);
        QCOMPARE(again.order->status, OrderStatus::Cancelled);
        QVERIFY(again.order->filledQuantity.isZero());
        h.session->stop();
    }

    // Margin (信用取引) through the session: a short leg held from before is read in the snapshot, a long
    // leg is opened beside it, the short one added to, both legs shown, the long one closed as the desk
    // closes a position; each fill's margin_position_update moves its leg. bitbank's refusals arrive with
    // its code and text.
    void marginOpensBothLegsAndClosesOne()
    {
        Harness h(kSecret, {Category::Spot, Category::Linear});
        h.venue.seedPosition("short", dec("0.02"), dec("5100000"));
        QVERIFY(h.startLive());
        QVERIFY(std::any_of(
            h.venue.verifier().privateRequests().begin(), h.venue.verifier().privateRequests().end(),
            [](const auto& r) { return r.url.path() == QLatin1String("/v1/user/margin/positions"); }));
        QVERIFY(h.leg(PositionSide::Short));
        QCOMPARE(h.leg(PositionSide::Short)->size, dec("0.02"));
        QCOMPARE(h.leg(PositionSide::Short)->category, Category::Linear);
        QCOMPARE(*h.leg(PositionSide::Short)->entryPrice, dec("5100000"));
        QVERIFY(!h.leg(PositionSide::Long));
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.heldPolls(), 1, 10'000);

        // Open long: a margin buy naming the long leg.
        const auto openLong = h.placeMargin(Side::Buy, "0.01", PositionSide::Long);
        QVERIFY2(openLong.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(openLong.reason));
        QCOMPARE(openLong.order->category, Category::Linear);
        QVERIFY(std::any_of(
            h.venue.verifier().privateRequests().begin(), h.venue.verifier().privateRequests().end(),
            [](const auto& r) {
                return r.body ==
                       R"({"pair":"btc_jpy","amount":"0.01","side":"buy","position_side":"long","type":"market"})";
            }));
        QTRY_VERIFY_WITH_TIMEOUT(h.leg(PositionSide::Long) && h.leg(PositionSide::Long)->size == dec("0.01"),
                                 10'000);
        QCOMPARE(h.leg(PositionSide::Long)->side, std::optional<Side>(Side::Buy));
        QCOMPARE(*h.leg(PositionSide::Long)->entryPrice, dec("5000000"));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(h.session->store().fills().begin(), h.session->store().fills().end(),
                        [&](const Fill& f) {
                            return f.orderId == openLong.ack->orderId && f.category == Category::Linear;
                        }),
            10'000);
        // Margin does not touch the spot wallet.
        QCOMPARE(h.balance("JPY")->walletBalance, dec("1000000"));

        // Open short: a margin sell, its leg derived from the side.
        const auto openShort = h.placeMargin(Side::Sell, "0.01", PositionSide::Net);
        QVERIFY2(openShort.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(openShort.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.leg(PositionSide::Short)->size == dec("0.03"), 10'000);
        QCOMPARE(*h.leg(PositionSide::Short)->entryPrice,
                 dec("5066667")); // (0.02×5,100,000 + 0.01×5,000,000) / 0.03

        // Both legs of the one pair are shown.
        const std::vector<Position> legs =
            h.session->store().positionsOf(QString::fromLatin1(BitbankVenue::Pair));
        QCOMPARE(legs.size(), 2u);
        QCOMPARE(legs.at(0).positionSide, PositionSide::Long);
        QCOMPARE(legs.at(1).positionSide, PositionSide::Short);

        // Close the long leg as the desk closes a position: the opposite side, reduce-only, the leg named.
        OrderRequest close;
        close.symbol = QString::fromLatin1(BitbankVenue::Pair);
        close.category = Category::Linear;
        close.side = Side::Sell;
        close.type = OrderType::Market;
        close.quantity = h.leg(PositionSide::Long)->size;
        close.reduceOnly = true;
        close.positionSide = PositionSide::Long;
        close.timeInForce = TimeInForce::ImmediateOrCancel;
        const auto closed = h.place(close);
        QVERIFY2(closed.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(closed.reason));
        QVERIFY(closed.order->reduceOnly);
        QTRY_VERIFY_WITH_TIMEOUT(h.leg(PositionSide::Long)->size.isZero(), 10'000);
        QVERIFY(!h.leg(PositionSide::Long)->side); // flat
        QCOMPARE(h.leg(PositionSide::Short)->size, dec("0.03"));

        // bitbank's refusal of an opening beyond the margin credit: its code, with errors.md's text.
        const auto tooBig = h.placeMargin(Side::Buy, "1", PositionSide::Long);
        QCOMPARE(tooBig.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QCOMPARE(tooBig.error->venueCode, QStringLiteral("50061"));
        QCOMPARE(tooBig.error->message, QStringLiteral("50061 Exceeds available balance for open order."));

        // A leg on a spot order is refused before anything is sent.
        const qsizetype requestsBefore = h.ordersSent();
        OrderRequest spotLeg =
            VenueHarness::request(BitbankVenue::instrument(), Side::Buy, OrderType::Market, "0.01");
        spotLeg.positionSide = PositionSide::Long;
        QCOMPARE(h.place(spotLeg).kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
        QCOMPARE(h.ordersSent(), requestsBefore);

        // After a dropped stream the snapshot reads the legs again: the closed long leg is gone.
        h.venue.dropPolls();
        QTRY_VERIFY_WITH_TIMEOUT(!h.live(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.live() && h.session->snapshotCount() == 2, 20'000);
        QVERIFY(!h.leg(PositionSide::Long));
        QCOMPARE(h.leg(PositionSide::Short)->size, dec("0.03"));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // The margin account through the session: GET /v1/user/margin/status read with the snapshot and again
    // after a margin fill, shown as the "margin" account's JPY beside the "spot" assets (what a margin
    // order's ticket reads as available); a resting margin order says its leg; a margin call pushed on
    // the private stream is read, kept and logged while the session carries on.
    void marginAccountLegsAndNotices()
    {
        Harness h(kSecret, {Category::Spot, Category::Linear});
        h.venue.setMarginAccount("NORMAL", dec("12.5"));
        QVERIFY(h.startLive());
        QCOMPARE(h.venue.marginStatusReads(), 1);
        QVERIFY(h.margin());
        // Collateral: 1,000,000 JPY + 1 BTC × 5,000,000 × 0.5, less 12.5 accrued; nothing held.
        QCOMPARE(*h.margin()->equity, dec("3499987.5"));
        QCOMPARE(h.margin()->walletBalance, dec("3500000"));
        QCOMPARE(*h.margin()->available, dec("3499987.5"));
        QCOMPARE(h.balance("JPY")->walletBalance, dec("1000000")); // the spot wallet apart
        QCOMPARE(h.trading.balanceAccountFor(Category::Linear), h.margin()->account);
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.heldPolls(), 1, 10'000);

        // A margin limit that rests: Linear, its leg named, so the views read "Open long".
        OrderRequest bid = VenueHarness::request(BitbankVenue::instrument(), Side::Buy, OrderType::Limit,
                                                 "0.01", dec("4900000"));
        bid.category = Category::Linear;
        const auto resting = h.place(bid);
        QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
        QVERIFY(h.openOrder(resting.ack->orderId));
        QCOMPARE(h.openOrder(resting.ack->orderId)->category, Category::Linear);
        QCOMPARE(h.openOrder(resting.ack->orderId)->positionSide, PositionSide::Long);
        const auto spotBid = h.place(Side::Buy, OrderType::Limit, "0.01", "4800000");
        QVERIFY2(spotBid.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(spotBid.reason));
        QCOMPARE(h.openOrder(spotBid.ack->orderId)->positionSide, PositionSide::Net);

        // A margin fill: the leg moves on the stream and the margin account is read again.
        const auto open = h.placeMargin(Side::Buy, "0.01", PositionSide::Long);
        QVERIFY2(open.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(open.reason));
        QCOMPARE(open.order->positionSide, PositionSide::Long);
        // Free margin: less half the leg (25,000) and half the resting opening order (24,500).
        QTRY_VERIFY_WITH_TIMEOUT(h.margin()->available == std::optional<Decimal>(dec("3450487.5")), 10'000);
        QVERIFY(h.venue.marginStatusReads() >= 2);

        // A margin call on the private stream: read, kept, logged, put before the trader; the margin
        // figures are read again.
        QSignalSpy notices(h.session.get(), &TradingSession::noticeReceived);
        const int statusReads = h.venue.marginStatusReads();
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("^bitbank margin call: 30000 JPY, due ")));
        h.venue.setMarginNotice(QJsonObject{{"what", "marginCall"},
                                            {"occurred_at", 1704067200000.0},
                                            {"amount", "30000"},
                                            {"due_date_at", 1704326400000.0}});
        QTRY_VERIFY_WITH_TIMEOUT(h.trading.lastMarginNotice().has_value(), 10'000);
        QCOMPARE(h.trading.lastMarginNotice()->what, QStringLiteral("marginCall"));
        QCOMPARE(*h.trading.lastMarginNotice()->amount, dec("30000"));
        QTRY_COMPARE_WITH_TIMEOUT(notices.size(), 1, 10'000);
        QVERIFY2(
            notices.at(0).at(0).toString().startsWith(QLatin1String("bitbank margin call: 30000 JPY, due ")),
            qPrintable(notices.at(0).at(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(h.venue.marginStatusReads() > statusReads, 10'000);
        QVERIFY(h.live());
        QVERIFY2(h.errors.isEmpty(), qPrintable(h.errors.join('|')));

        // After a reconnect the snapshot reads both again; the notice stands (not logged twice).
        h.venue.dropPolls();
        QTRY_VERIFY_WITH_TIMEOUT(!h.live(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.live() && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.trading.lastMarginNotice()->what, QStringLiteral("marginCall"));
        QCOMPARE(*h.margin()->available, dec("3450487.5"));
        QCOMPARE(h.openOrder(resting.ack->orderId)->positionSide, PositionSide::Long);

        // bitbank invalidates the margin order (ids only): it closes, still the long leg's margin order.
        h.venue.invalidate(resting.ack->orderId);
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(resting.ack->orderId), 10'000);
        QVERIFY(!h.openOrder(resting.ack->orderId));
        QCOMPARE(h.closedOrder(resting.ack->orderId)->status, OrderStatus::Cancelled);
        QCOMPARE(h.closedOrder(resting.ack->orderId)->category, Category::Linear);
        QCOMPARE(h.closedOrder(resting.ack->orderId)->positionSide, PositionSide::Long);
        QCOMPARE(h.closedOrder(resting.ack->orderId)->symbol, QString::fromLatin1(BitbankVenue::Pair));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // An unreadable long-poll reply, PubNub's 5xx and 429 and a refused token each end the connection with
    // a clear error; the session comes back with a new token and reconciles.
    // bitbank has no cancel-all: the session cancels the open orders it holds, by id, in one
    // cancel_orders request per pair.
    void cancelAllCancelsTheOpenOrdersByIdInOneBatch()
    {
        Harness h;
        QVERIFY(h.startLive());
        const auto first = h.place(Side::Buy, OrderType::Limit, "0.01", "4900000");
        const auto second = h.place(Side::Buy, OrderType::Limit, "0.01", "4800000");
        QVERIFY2(first.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(first.reason));
        QVERIFY2(second.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(second.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(first.ack->orderId) && h.openOrder(second.ack->orderId), 10'000);

        const auto done = h.cancelAll(QStringLiteral("btc_jpy"));
        QVERIFY2(done, qPrintable(done ? QString() : done.error().toString()));
        QCOMPARE(h.venue.batchCancels(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(first.ack->orderId) && !h.openOrder(second.ack->orderId),
                                 10'000);
        QCOMPARE(h.closedOrder(first.ack->orderId)->status, OrderStatus::Cancelled);

        // Nothing open: nothing is sent, and the cancel-all still answers.
        QVERIFY(h.cancelAll(QStringLiteral("btc_jpy")));
        QCOMPARE(h.venue.batchCancels(), 1);
        h.session->stop();
    }

    void badLongPollRepliesReconnect()
    {
        Harness h;
        QVERIFY(h.startLive());
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.heldPolls(), 1, 10'000);

        struct Case
        {
            int status;
            QByteArray body;
            const char* error;
        };
        const Case cases[] = {
            {200, R"({"t":{"r":12},"m":[{"d":)", "unreadable PubNub reply"},
            {200, R"({"t":{"t":"1","r":12},"m":{"d":1}})", "unreadable PubNub reply"},
            {503, "<html>Service Unavailable</html>", "HTTP 503"},
            {429, R"({"status":429,"error":true,"message":"Too many requests."})", "HTTP 429"},
        };
        int snapshots = h.session->snapshotCount();
        int tokens = h.venue.tokensIssued();
        for (const Case& c : cases) {
            h.venue.answerNextPollWith(c.status, c.body);
            // The held poll is answered by a push; the next one meets the bad reply.
            h.place(Side::Buy, OrderType::Limit, "0.001", "4000000");
            QTRY_VERIFY2_WITH_TIMEOUT(h.hasError(c.error), qPrintable(h.errors.join('\n')), 10'000);
            QTRY_VERIFY_WITH_TIMEOUT(h.live() && h.session->snapshotCount() == snapshots + 1, 20'000);
            QCOMPARE(h.venue.tokensIssued(), tokens + 1);
            QTRY_COMPARE_WITH_TIMEOUT(h.venue.heldPolls(), 1, 10'000);
            snapshots = h.session->snapshotCount();
            tokens = h.venue.tokensIssued();
            h.errors.clear();
        }
        // A payload that is not bitbank's {method, params}: reported, and the stream goes on.
        h.venue.pushPayload(QJsonObject{{"method", "spot_order"}});
        h.venue.pushPayload(QStringLiteral("not an object"));
        QTRY_VERIFY2_WITH_TIMEOUT(h.errors.size() == 2, qPrintable(h.errors.join('\n')), 10'000);
        QVERIFY2(h.errors.at(0).startsWith(QLatin1String("Malformed private stream frame")),
                 qPrintable(h.errors.at(0)));
        const auto later = h.place(Side::Buy, OrderType::Limit, "0.001", "4000000");
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(later.ack->orderId), 10'000);
        QVERIFY(h.live());
        QCOMPARE(h.session->snapshotCount(), snapshots);
        QCOMPARE(h.venue.tokensIssued(), tokens);
        h.session->stop();
    }

    // HTTP 429 on the token request waits out Retry-After; a 5xx in the snapshot keeps the session
    // Syncing and the snapshot is taken again; a wrong secret stops it with bitbank's code.
    void restFailuresAreRetriedOrRefused()
    {
        {
            Harness h;
            h.venue.verifier().rateLimitNext(1);
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("bitbank rate limit")));
            QSignalSpy states(h.session.get(), &TradingSession::stateChanged);
            h.session->start();
            QTRY_VERIFY_WITH_TIMEOUT(h.hasError("10009"), 10'000);
            QVERIFY(!h.live());
            QTRY_VERIFY_WITH_TIMEOUT(h.live(), 15'000);
            QCOMPARE(h.venue.tokensIssued(), 1);
            QVERIFY(states.contains({QVariant::fromValue(TradingSession::State::Reconnecting)}));

            // The long-poll drops and the new token's request meets a 503: retried after the backoff.
            h.venue.verifier().answerNextWith(503, "<html>Service Unavailable</html>");
            h.venue.dropPolls();
            QTRY_VERIFY_WITH_TIMEOUT(!h.live(), 10'000);
            QTRY_VERIFY2_WITH_TIMEOUT(h.hasError("Service Unavailable"), qPrintable(h.errors.join('\n')),
                                      10'000);
            QTRY_VERIFY_WITH_TIMEOUT(h.live() && h.session->snapshotCount() == 2, 20'000);
            QCOMPARE(h.venue.tokensIssued(), 2);
            h.session->stop();
        }
        {
            Harness h("not the secret");
            QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
            h.session->start();
            QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::AuthFailed, 15'000);
            QCOMPARE(failed.size(), 1);
            QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("20001")),
                     qPrintable(failed.at(0).at(0).toString()));
            QCOMPARE(h.venue.tokensIssued(), 0);
            QCOMPARE(h.venue.polls(), 0);
        }
    }

    // Candles come from bitbank's public host (RestRequest::baseUrl), not the REST client's api host.
    void candlesComeFromThePublicHost()
    {
        BitbankVenue venue(kKey, kSecret);
        BitbankMarketData adapter;
        QCOMPARE(adapter.publicBaseUrl(), QUrl(QStringLiteral("https://public.bitbank.cc")));
        adapter.setRestOverride(venue.publicUrl());
        QNetworkAccessManager network;
        RestClient rest(&network);
        rest.setBaseUrl(venue.restUrl());
        const RestRequest request = adapter.candlesRequest(Category::Spot, QStringLiteral("btc_jpy"),
                                                           CandleInterval::OneHour, 0, 100);
        QCOMPARE(request.baseUrl, venue.publicUrl());
        auto reply = std::make_shared<std::optional<RestClient::Reply>>();
        rest.send(request, [reply](const RestClient::Reply& r) { *reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply->has_value(), 10'000);
        QVERIFY2(**reply, **reply ? "" : qPrintable((*reply)->error().toString()));
        const auto candles = adapter.parseCandles((*reply)->value());
        QVERIFY(candles);
        QCOMPARE(candles->size(), 3u);
        QCOMPARE(candles->back().close, dec("5002000"));
        QCOMPARE(venue.candleRequests(), 1);
        QVERIFY(venue.verifier().privateRequests().isEmpty());
    }

    void isATradingVenue()
    {
        QVERIFY(tradingVenues().contains(QStringLiteral("bitbank")));
        auto trading = createVenueTrading(QStringLiteral("bitbank"), Environment::Mainnet);
        QVERIFY(trading);
        QCOMPARE(trading->restUrl, QUrl(QStringLiteral("https://api.bitbank.cc")));
        QCOMPARE(trading->privateStreamUrl, QUrl(QStringLiteral("https://ps.pndsn.com")));
        // bitbank has no testnet: an account set up for one cannot trade.
        QVERIFY(!createVenueTrading(QStringLiteral("bitbank"), Environment::Testnet));
    }

    void cliPlacesListsAndCancels()
    {
        BitbankVenue venue(kKey, kSecret);
        QTemporaryDir home;
        const VenueCli cli(home, QStringLiteral("BITBANK"), kKey, kSecret, venue.restUrl());
        const auto [placed, placeOut] =
            cli({"place", "bitbank", "--category", "spot", "--symbol", "btc_jpy", "--side", "buy", "--type",
                 "limit", "--qty", "0.01", "--price", "4900000"});
        QVERIFY2(placed == 0, placeOut.constData());
        const QJsonObject order = QJsonDocument::fromJson(placeOut.split('\n').first()).object();
        const QString id = order.value(QLatin1String("orderId")).toString();
        QVERIFY2(!id.isEmpty(), placeOut.constData());
        QCOMPARE(order.value(QLatin1String("status")).toString(), QStringLiteral("new"));

        const auto [listed, listOut] = cli({"list", "bitbank", "--category", "spot", "--symbol", "btc_jpy"});
        QVERIFY2(listed == 0, listOut.constData());
        QVERIFY2(listOut.contains(id.toLatin1()), listOut.constData());

        // A margin order beside it: active_orders lists both; each listing keeps to its --category.
        const auto [marginPlaced, marginOut] =
            cli({"place", "bitbank", "--category", "linear", "--symbol", "btc_jpy", "--side", "sell",
                 "--type", "limit", "--qty", "0.01", "--price", "5200000"});
        QVERIFY2(marginPlaced == 0, marginOut.constData());
        const QString marginId = QJsonDocument::fromJson(marginOut.split('\n').first())
                                     .object()
                                     .value(QLatin1String("orderId"))
                                     .toString();
        QVERIFY2(!marginId.isEmpty(), marginOut.constData());
        const auto [spotListed, spotOut] = cli({"list", "bitbank", "--category", "spot"});
        QVERIFY2(spotListed == 0, spotOut.constData());
        QVERIFY2(spotOut.contains(id.toLatin1()) && !spotOut.contains(marginId.toLatin1()),
                 spotOut.constData());
        const auto [marginListed, marginListOut] = cli({"list", "bitbank", "--category", "linear"});
        QVERIFY2(marginListed == 0, marginListOut.constData());
        QVERIFY2(marginListOut.contains(marginId.toLatin1()) && !marginListOut.contains(id.toLatin1()),
                 marginListOut.constData());
        QCOMPARE(marginListOut.count('\n'), 1);
        QVERIFY2(marginListOut.contains(R"("category":"linear")"), marginListOut.constData());
        // No default between the two markets.
        const auto [unsaid, unsaidOut] = cli({"list", "bitbank"});
        QCOMPARE(unsaid, 2);
        QVERIFY2(unsaidOut.contains("bitbank needs --category"), unsaidOut.constData());

        const auto [cancelled, cancelOut] =
            cli({"cancel", "bitbank", "--category", "spot", "--symbol", "btc_jpy", "--order-id", id});
        QVERIFY2(cancelled == 0, cancelOut.constData());
        const auto [refused, refusedOut] =
            cli({"place", "bitbank", "--category", "spot", "--symbol", "btc_jpy", "--side", "buy", "--type",
                 "limit", "--qty", "100", "--price", "5000000"});
        QVERIFY(refused != 0);
        QVERIFY2(refusedOut.contains("60001"), refusedOut.constData());

        // fetch signs any private call the same way.
        const auto [fetched, fetchOut] = cli({"bitbank", "GET", "/v1/user/assets"}, QStringLiteral("fetch"));
        QVERIFY2(fetched == 0, fetchOut.constData());
        QVERIFY2(fetchOut.contains("onhand_amount") && fetchOut.contains("jpy"), fetchOut.constData());
        QVERIFY2(venue.verifier().rejections().isEmpty(),
                 qPrintable(venue.verifier().rejections().join(',')));
    }
};

QTEST_GUILESS_MAIN(TestBitbankVenue)
#include "tst_bitbankvenue.moc"
