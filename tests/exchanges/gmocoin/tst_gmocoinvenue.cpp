// GMO Coin end to end against a loopback GMO (public side): the feed's subscriptions arrive spaced as
// GMO requires (none refused), snapshot books go Live, a dropped public stream leaves the book not Live
// until the new connection's snapshot, and `botterm-cli stream --exchange gmocoin` prints the live book.
#include "exchanges/core/marketdatafeed.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "exchanges/gmocoin/gmocoinmarketdata.h"
#include "exchanges/gmocoin/gmocoinstreamprotocol.h"
#include "exchanges/gmocoin/gmocointrading.h"
#include "exchanges/venues.h"
#include "models/tradingstoremodel.h"
#include "support/clirun.h"
#include "support/gmocoinvenue.h"
#include "support/refusals.h"
#include "support/venueharness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <tuple>

namespace {

using tradingtest::dec;

const QString kKey = QStringLiteral("gmo-test-key");
const QByteArray kSecret = "gmo-test-secret";

// How many signed requests the venue took on path.
int requestsTo(GmocoinVenue& venue, const char* path)
{
    return int(std::count_if(venue.verifier().privateRequests().begin(),
                             venue.verifier().privateRequests().end(),
                             [path](const auto& r) { return r.url.path() == QLatin1String(path); }));
}

// The loopback GMO, whose commands may come 150 ms apart; the adapter extends its ws-auth token every
// 400 ms and the private protocol subscribes one channel every 200 ms.
struct GmocoinParts
{
    GmocoinParts() { venue.setMinimumCommandGapMs(150); }

    GmocoinVenue venue{kKey, kSecret};
    GmocoinTrading trading{venue.restUrl(), std::chrono::milliseconds(400)};
    GmocoinStreamProtocol protocol{std::chrono::milliseconds(200)};
};

struct Harness : GmocoinParts, VenueHarness
{
    explicit Harness(QByteArray secret = kSecret)
        : VenueHarness(trading,
                       Config(QStringLiteral("gmocoin"), venue.restUrl(), venue.privateStreamUrl(), &protocol,
                              {Category::Spot, Category::Linear}, Credentials(kKey, secret),
                              GmocoinVenue::instrument("BTC_JPY"), dec("15000000")))
    {}

    using VenueHarness::place;
    // An order on symbol (spot "BTC", "ETH"; leverage "BTC_JPY").
    OrderSubmitter::PlaceOutcome place(const char* symbol, Side side, OrderType type, const char* size,
                                       const char* price = nullptr)
    {
        const Instrument instrument = GmocoinVenue::instrument(symbol);
        return submit(request(instrument, side, type, size, VenueHarness::price(price)), instrument,
                      dec("15000000"));
    }
    // A leg of BTC_JPY: GMO's leverage account keeps the long and the short apart.
    const Position* position(PositionSide leg = PositionSide::Long) const
    {
        return VenueHarness::position(leg);
    }
    bool isFlat(PositionSide leg) const { return !position(leg) || position(leg)->size.isZero(); }
    int requestsTo(const char* path) { return ::requestsTo(venue, path); }
    // The last request the venue took on path (its signed body).
    QJsonObject lastBody(const char* path)
    {
        QJsonObject body;
        for (const auto& r : venue.verifier().privateRequests()) {
            if (r.url.path() == QLatin1String(path))
                body = QJsonDocument::fromJson(r.body).object();
        }
        return body;
    }
    // The venue's answer to a request sent straight through the client (10 s at the most unless told).
    SignedRestClient::Reply send(const SignedRequest& request, int timeoutMs = 10'000)
    {
        return tradingtest::await<SignedRestClient::Reply>([&](auto done) { client.send(request, done); },
                                                           timeoutMs);
    }
};

} // namespace

class TestGmocoinVenue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tradesThroughTheSessionAndReconcilesAfterADrop()
    {
        Harness h;
        QVERIFY(h.startLive());
        QCOMPARE(h.venue.tokensIssued(), 1);
        QCOMPARE(h.venue.privateConnections(), 1);
        QCOMPARE(h.balance("JPY"), dec("10000000"));
        // The four channels are subscribed one by one, none refused.
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.privateSubscriptions(), 4, 10'000);
        QCOMPARE(h.venue.refusedCommands(), 0);
        // The token is kept alive while the stream is up.
        QTRY_VERIFY_WITH_TIMEOUT(h.venue.tokensExtended() >= 1, 10'000);

        // A limit order rests: Live, known by GMO's orderId.
        const auto limit = h.place("BTC", Side::Buy, OrderType::Limit, "0.01", "14900000");
        QVERIFY2(limit.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(limit.reason));
        const QString limitId = limit.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(limitId), 10'000);
        QCOMPARE(*h.openOrder(limitId)->price, dec("14900000"));
        const auto sent = std::find_if(
            h.venue.verifier().privateRequests().begin(), h.venue.verifier().privateRequests().end(),
            [](const auto& r) { return r.url.path() == QLatin1String("/private/v1/order"); });
        QVERIFY(sent != h.venue.verifier().privateRequests().end());
        QVERIFY2(sent->body.contains(R"("price":"14900000")") && sent->body.contains(R"("size":"0.0100")"),
                 sent->body.constData());

        // Amended: changeOrder, and the ROR event moves the price.
        OrderAmendment amendment;
        amendment.order = {QStringLiteral("BTC"), Category::Spot, limitId, {}};
        amendment.price = dec("14900500");
        QVERIFY(h.amend(amendment, GmocoinVenue::instrument("BTC")));
        QTRY_COMPARE_WITH_TIMEOUT(*h.openOrder(limitId)->price, dec("14900500"), 10'000);

        // Cancelled.
        QVERIFY(h.cancel(OrderReference{QStringLiteral("BTC"), Category::Spot, limitId, {}}));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(limitId) && h.closedOrder(limitId)->status == OrderStatus::Cancelled, 10'000);

        // A leverage market order fills: the execution and the position summary arrive.
        const auto market = h.place("BTC_JPY", Side::Buy, OrderType::Market, "0.02");
        QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(market.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->size == dec("0.02"), 10'000);
        QCOMPARE(h.position()->side, std::optional<Side>(Side::Buy));

        // GMO refuses: its code and message arrive verbatim.
        const auto refused = h.place("BTC_JPY", Side::Buy, OrderType::Limit, "150", "15000000");
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("ERR-201"));
        QCOMPARE(refused.error->message, QStringLiteral("Trading margin is insufficient"));

        // The private stream drops; while it is down a resting spot order fills.
        const auto resting = h.place("BTC", Side::Buy, OrderType::Limit, "0.01", "14950000");
        QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
        const QString restingId = resting.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(restingId), 10'000);
        h.venue.dropPrivate();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.fillRestingOrder(restingId);

        // A new token, a new connection, and the REST snapshot brings what happened meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.venue.tokensIssued(), 2);
        QCOMPARE(h.venue.privateConnections(), 2);
        QCOMPARE(h.venue.refusedPrivateConnections(), 0);
        QVERIFY(!h.openOrder(restingId));
        QCOMPARE(h.balance("BTC"), dec("1.01"));
        QCOMPARE(h.balance("JPY"), dec("9850500"));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void hedgedLegsOpenCloseAndReconcile()
    {
        // GMO's leverage account holds a long and a short of BTC_JPY at once: each a leg of its own.
        Harness h;
        QVERIFY(h.trading.hedgesPositions());
        QVERIFY(h.startLive());
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.privateSubscriptions(), 4, 10'000);

        const auto longOpen = h.place("BTC_JPY", Side::Buy, OrderType::Market, "0.02");
        QVERIFY2(longOpen.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(longOpen.reason));
        const auto shortOpen = h.place("BTC_JPY", Side::Sell, OrderType::Market, "0.01");
        QVERIFY2(shortOpen.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(shortOpen.reason));
        // Both opened positions (/order), neither closed the other.
        QCOMPARE(h.requestsTo("/private/v1/order"), 2);
        QCOMPARE(h.venue.positionSize(QStringLiteral("BTC_JPY"), "BUY"), dec("0.02"));
        QCOMPARE(h.venue.positionSize(QStringLiteral("BTC_JPY"), "SELL"), dec("0.01"));
        QTRY_VERIFY_WITH_TIMEOUT(h.position(PositionSide::Long) && h.position(PositionSide::Short) &&
                                     h.position(PositionSide::Short)->size == dec("0.01"),
                                 10'000);
        QCOMPARE(h.position(PositionSide::Long)->size, dec("0.02"));
        QCOMPARE(h.position(PositionSide::Long)->side, std::optional<Side>(Side::Buy));
        QCOMPARE(h.position(PositionSide::Short)->side, std::optional<Side>(Side::Sell));
        QCOMPARE(*h.position(PositionSide::Short)->entryPrice, dec("15000000"));
        QVERIFY(!h.session->store().findPosition(QStringLiteral("BTC_JPY"))); // no net position
        QCOMPARE(h.session->store().positionsOf(QStringLiteral("BTC_JPY")).size(), std::size_t(2));
        // The position ids came with positionEvents: one position on each side.
        QTRY_COMPARE_WITH_TIMEOUT(
            h.trading.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Short).size(), std::size_t(1),
            10'000);
        QCOMPARE(h.trading.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Long).size(),
                 std::size_t(1));

        // Close the short leg as TradingDesk::closePosition builds it: the opposite side, reduce-only,
        // the leg named, at market. It goes to closeBulkOrder as a BUY of the short's size.
        const Position shortLeg = *h.position(PositionSide::Short);
        OrderRequest close;
        close.symbol = shortLeg.symbol;
        close.category = shortLeg.category;
        close.side = shortLeg.side == Side::Buy ? Side::Sell : Side::Buy;
        close.type = OrderType::Market;
        close.quantity = shortLeg.size;
        close.reduceOnly = true;
        close.positionSide = shortLeg.positionSide;
        close.timeInForce = TimeInForce::ImmediateOrCancel;
        const Instrument leverage = GmocoinVenue::instrument("BTC_JPY");
        const auto closed = h.place(close);
        QVERIFY2(closed.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(closed.reason));
        QCOMPARE(h.requestsTo("/private/v1/closeBulkOrder"), 1);
        QCOMPARE(h.requestsTo("/private/v1/order"), 2);
        const QJsonObject bulk = h.lastBody("/private/v1/closeBulkOrder");
        QCOMPARE(bulk.value(QLatin1String("symbol")).toString(), QStringLiteral("BTC_JPY"));
        QCOMPARE(bulk.value(QLatin1String("side")).toString(), QStringLiteral("BUY"));
        QCOMPARE(bulk.value(QLatin1String("executionType")).toString(), QStringLiteral("MARKET"));
        QCOMPARE(bulk.value(QLatin1String("size")).toString(), QStringLiteral("0.01"));
        // The short leg goes flat (GMO stops listing it), the long one stays.
        QTRY_VERIFY_WITH_TIMEOUT(h.isFlat(PositionSide::Short), 10'000);
        QVERIFY(h.position(PositionSide::Long));
        QCOMPARE(h.position(PositionSide::Long)->size, dec("0.02"));
        QCOMPARE(h.venue.positionSize(QStringLiteral("BTC_JPY"), "BUY"), dec("0.02"));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.trading.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Short).empty(), 10'000);

        // Closing the short leg again: GMO has no such position and says so, verbatim.
        const auto again = h.place(close);
        QCOMPARE(again.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(again.error);
        QCOMPARE(again.error->venueCode, QStringLiteral("ERR-422"));
        QCOMPARE(again.error->message,
                 QStringLiteral("There are no open positions to settle for this symbol and side."));
        QCOMPARE(h.position(PositionSide::Long)->size, dec("0.02"));

        // One position closed by its id: closeOrder with settlePosition, the long's id from positionEvents.
        const auto longs = h.trading.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Long);
        QCOMPARE(longs.size(), std::size_t(1));
        const auto partial = h.send(h.trading.closePositionRequest(
            QStringLiteral("BTC_JPY"), Side::Buy, longs[0].positionId, dec("0.01"), std::nullopt, leverage));
        QVERIFY2(bool(partial), partial ? "" : qPrintable(partial.error().message));
        QCOMPARE(h.lastBody("/private/v1/closeOrder").value(QLatin1String("side")).toString(),
                 QStringLiteral("SELL"));
        QTRY_COMPARE_WITH_TIMEOUT(h.position(PositionSide::Long)->size, dec("0.01"), 10'000);
        // A position that does not exist: ERR-254 verbatim.
        const auto unknown =
            h.send(h.trading.closePositionRequest(QStringLiteral("BTC_JPY"), Side::Buy, QStringLiteral("999"),
                                                  dec("0.01"), std::nullopt, leverage));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().venueCode, QStringLiteral("ERR-254"));
        QCOMPARE(unknown.error().message, QStringLiteral("The specified position does not exist."));

        // GMO's own list of positions agrees: one long of 0.01 left, with the id closeOrder took.
        const auto listed = h.send(h.trading.openPositionsRequest(QStringLiteral("BTC_JPY")));
        QVERIFY(bool(listed));
        const auto positions = h.trading.parseOpenPositions(*listed, QStringLiteral("BTC_JPY"));
        QVERIFY(positions.hasValue());
        QCOMPARE(positions->size(), std::size_t(1));
        QCOMPARE(positions->at(0).positionId, longs[0].positionId);
        QCOMPARE(positions->at(0).leg, PositionSide::Long);
        QCOMPARE(positions->at(0).size, dec("0.01"));

        // A resting sell opens a short once it fills; it fills while the private stream is down.
        const auto resting = h.place("BTC_JPY", Side::Sell, OrderType::Limit, "0.03", "15100000");
        QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(resting.ack->orderId), 10'000);
        h.venue.dropPrivate();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.fillRestingOrder(resting.ack->orderId);

        // Reconnect, re-auth, REST reconcile: both legs as GMO holds them.
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.venue.tokensIssued(), 2);
        QVERIFY(h.position(PositionSide::Long) && h.position(PositionSide::Short));
        QCOMPARE(h.position(PositionSide::Long)->size, dec("0.01"));
        QCOMPARE(h.position(PositionSide::Short)->size, dec("0.03"));
        QCOMPARE(*h.position(PositionSide::Short)->entryPrice, dec("15100000"));
        QCOMPARE(h.position(PositionSide::Short)->side, std::optional<Side>(Side::Sell));
        QVERIFY(!h.openOrder(resting.ack->orderId));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // A leg of GMO's leverage account is the positions (positionIds) its fills opened: the store's leg
    // carries them as lots, oldest first, and an order naming one (closesPositionId) closes only that
    // one through /closeOrder. An id GMO was not heard to hold, or a size above the position's, is
    // refused before anything is sent. The lots are read again (/openPositions) by every snapshot.
    void closesOneLotByItsId()
    {
        Harness h;
        QVERIFY(h.trading.closesPositionLots());
        QVERIFY(h.startLive());
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.privateSubscriptions(), 4, 10'000);

        h.venue.setPrice(dec("15000000"));
        QCOMPARE(h.place("BTC_JPY", Side::Buy, OrderType::Market, "0.02").kind,
                 OrderSubmitter::PlaceOutcome::Kind::Filled);
        h.venue.setPrice(dec("15100000"));
        QCOMPARE(h.place("BTC_JPY", Side::Buy, OrderType::Market, "0.03").kind,
                 OrderSubmitter::PlaceOutcome::Kind::Filled);
        const QStringList ids = h.venue.positionIds(QStringLiteral("BTC_JPY"), "BUY");
        QCOMPARE(ids.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.position() && h.position()->size == dec("0.05") && h.position()->lots.size() == 2, 10'000);
        std::vector<PositionLot> lots = h.position()->lots;
        QCOMPARE(lots[0].id, ids[0]);
        QCOMPARE(lots[0].size, dec("0.02"));
        QCOMPARE(lots[0].entryPrice, std::optional<Decimal>(dec("15000000")));
        QVERIFY(lots[0].openedMs > 0);
        QCOMPARE(lots[1].id, ids[1]);
        QCOMPARE(lots[1].size, dec("0.03"));
        QCOMPARE(lots[1].entryPrice, std::optional<Decimal>(dec("15100000")));

        // Close the older lot at market: a SELL on /closeOrder naming it, nothing on /closeBulkOrder.
        const Instrument leverage = GmocoinVenue::instrument("BTC_JPY");
        OrderRequest close =
            VenueHarness::request(leverage, Side::Sell, OrderType::Market, "0.02", std::nullopt,
                                  TimeInForce::ImmediateOrCancel); // the older lot, all of it
        close.reduceOnly = true;
        close.positionSide = PositionSide::Long;
        close.closesPositionId = lots[0].id;
        const auto closed = h.place(close);
        QVERIFY2(closed.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(closed.reason));
        QCOMPARE(h.requestsTo("/private/v1/closeOrder"), 1);
        QCOMPARE(h.requestsTo("/private/v1/closeBulkOrder"), 0);
        const QJsonObject body = h.lastBody("/private/v1/closeOrder");
        QCOMPARE(body.value(QLatin1String("side")).toString(), QStringLiteral("SELL"));
        QCOMPARE(body.value(QLatin1String("executionType")).toString(), QStringLiteral("MARKET"));
        const QJsonObject settle = body.value(QLatin1String("settlePosition")).toArray().first().toObject();
        QCOMPARE(QString::number(settle.value(QLatin1String("positionId")).toInteger()), lots[0].id);
        QCOMPARE(settle.value(QLatin1String("size")).toString(), QStringLiteral("0.02"));
        // Only that lot went: the venue holds the other, the leg dropped by the lot's size.
        QCOMPARE(h.venue.positionIds(QStringLiteral("BTC_JPY"), "BUY"), QStringList{ids[1]});
        QTRY_VERIFY_WITH_TIMEOUT(h.position()->size == dec("0.03") && h.position()->lots.size() == 1, 10'000);
        QCOMPARE(h.position()->lots[0].id, ids[1]);
        QCOMPARE(h.position()->lots[0].size, dec("0.03"));

        // Refused before sending: an id GMO was not heard to hold, the closed lot, a size above the
        // lot's, the wrong side.
        for (const auto& [id, size, side] :
             {std::tuple{QStringLiteral("999"), "0.01", Side::Sell}, std::tuple{ids[0], "0.01", Side::Sell},
              std::tuple{ids[1], "0.04", Side::Sell}, std::tuple{ids[1], "0.01", Side::Buy}}) {
            OrderRequest wrong = close;
            wrong.closesPositionId = id;
            wrong.quantity = dec(size);
            wrong.side = side;
            if (side == Side::Buy)
                wrong.positionSide = PositionSide::Net;
            const auto refused = h.place(wrong);
            QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
            QVERIFY(!refused.violations.empty());
            QVERIFY2(refused.violations.front().message.contains(id),
                     qPrintable(refused.violations.front().message));
        }
        QCOMPARE(h.requestsTo("/private/v1/closeOrder"), 1);
        QCOMPARE(h.requestsTo("/private/v1/closeBulkOrder"), 0);
        QCOMPARE(h.requestsTo("/private/v1/order"), 2);

        // Part of a lot: the lot stays, smaller.
        OrderRequest part = close;
        part.closesPositionId = ids[1];
        part.quantity = dec("0.01");
        QCOMPARE(h.place(part).kind, OrderSubmitter::PlaceOutcome::Kind::Filled);
        QTRY_VERIFY_WITH_TIMEOUT(h.position()->size == dec("0.02") && h.position()->lots.size() == 1 &&
                                     h.position()->lots[0].size == dec("0.02"),
                                 10'000);

        // A reconnect's snapshot reads the lots again from /openPositions: they survive it.
        const int reads = h.requestsTo("/private/v1/openPositions");
        h.venue.dropPrivate();
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QVERIFY(h.requestsTo("/private/v1/openPositions") > reads);
        QVERIFY(h.position());
        QCOMPARE(h.position()->size, dec("0.02"));
        QCOMPARE(h.position()->lots.size(), std::size_t(1));
        QCOMPARE(h.position()->lots[0].id, ids[1]);
        QCOMPARE(h.position()->lots[0].entryPrice, std::optional<Decimal>(dec("15100000")));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // The adapter alone, on replies shaped as GMO documents them: the summary's legs carry the lots
    // /openPositions listed (a page read by parsePositions too), an empty page changes nothing, a
    // positionEvents push gives the leg again with its lots, and a limit lot close is a /closeOrder at
    // the price with its time in force.
    void lotsFromGmoRepliesAndTheirCloseRequest()
    {
        GmocoinTrading gmo(QUrl(QStringLiteral("https://api.coin.z.com")));
        const auto doc = [](const char* text) { return QJsonDocument::fromJson(QByteArray(text)); };
        const auto summary = gmo.parsePositions(doc(
            R"({"status":0,"data":{"list":[{"averagePositionRate":"876070","positionLossGain":"11","side":"BUY","sumOrderQuantity":"0","sumPositionQuantity":"0.32","symbol":"BTC_JPY"}]},"responsetime":"2019-03-19T02:15:06.102Z"})"));
        QVERIFY(summary.hasValue());
        QCOMPARE(summary->size(), std::size_t(1));
        QVERIFY(summary->at(0).lots.empty()); // no position ids heard of yet
        const auto page = gmo.parsePositions(doc(
            R"({"status":0,"data":{"pagination":{"currentPage":1,"count":30},"list":[)"
            R"({"positionId":1234568,"symbol":"BTC_JPY","side":"BUY","size":"0.1","orderdSize":"0","price":"876100","lossGain":"-3","leverage":"4","losscutPrice":"766540","timestamp":"2019-03-19T02:16:06.094Z"},)"
            R"({"positionId":1234567,"symbol":"BTC_JPY","side":"BUY","size":"0.22","orderdSize":"0","price":"876045","lossGain":"14","leverage":"4","losscutPrice":"766540","timestamp":"2019-03-19T02:15:06.094Z"}]},"responsetime":"2019-03-19T02:16:06.095Z"})"));
        QVERIFY(page.hasValue());
        QCOMPARE(page->size(), std::size_t(1)); // the leg again, now with its lots, oldest first
        const Position leg = page->at(0);
        QCOMPARE(leg.positionSide, PositionSide::Long);
        QCOMPARE(leg.size, dec("0.32"));
        QCOMPARE(leg.entryPrice, std::optional<Decimal>(dec("876070")));
        QCOMPARE(leg.lots.size(), std::size_t(2));
        QCOMPARE(leg.lots[0].id, QStringLiteral("1234567"));
        QCOMPARE(leg.lots[0].size, dec("0.22"));
        QCOMPARE(leg.lots[0].entryPrice, std::optional<Decimal>(dec("876045")));
        QCOMPARE(leg.lots[1].id, QStringLiteral("1234568"));
        QVERIFY(leg.lots[0].openedMs < leg.lots[1].openedMs);
        // An empty page (GMO sends data {}) names no symbol: nothing changes, no leg goes flat.
        const auto empty =
            gmo.parsePositions(doc(R"({"status":0,"data":{},"responsetime":"2019-03-19T02:16:06.095Z"})"));
        QVERIFY(empty.hasValue());
        QVERIFY(empty->empty());
        QCOMPARE(gmo.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Long).size(), std::size_t(2));

        // A limit close of part of the older lot: /closeOrder, the price on the tick, FAS.
        const Instrument btc = GmocoinVenue::instrument("BTC_JPY");
        OrderRequest close = VenueHarness::request(btc, Side::Sell, OrderType::Limit, "0.1", dec("880000"));
        close.closesPositionId = QStringLiteral("1234567");
        QVERIFY(gmo.notOffered(close).isEmpty());
        const SignedRequest r = gmo.createOrderRequest(close, btc);
        QCOMPARE(r.url.path(), QStringLiteral("/private/v1/closeOrder"));
        QCOMPARE(r.params,
                 (QJsonObject{{QStringLiteral("symbol"), QStringLiteral("BTC_JPY")},
                              {QStringLiteral("side"), QStringLiteral("SELL")},
                              {QStringLiteral("executionType"), QStringLiteral("LIMIT")},
                              {QStringLiteral("price"), QStringLiteral("880000")},
                              {QStringLiteral("timeInForce"), QStringLiteral("FAS")},
                              {QStringLiteral("settlePosition"),
                               QJsonArray{QJsonObject{{QStringLiteral("positionId"), 1234567},
                                                      {QStringLiteral("size"), QStringLiteral("0.10")}}}}}));
        // A spot order naming a position, or one with a trigger: refused.
        OrderRequest spot = close;
        spot.category = Category::Spot;
        QVERIFY(!gmo.notOffered(spot).isEmpty());
        OrderRequest stop = close;
        stop.triggerPrice = dec("870000");
        QVERIFY(!gmo.notOffered(stop).isEmpty());

        // The older lot closed (CPR): the leg comes again with the other lot only.
        const PrivateStreamFrame cpr = gmo.parseStreamFrame(
            R"({"channel":"positionEvents","positionId":1234567,"symbol":"BTC_JPY","side":"BUY","size":"0.22","orderdSize":"0","price":"876045","lossGain":"14","leverage":"4","losscutPrice":"766540","timestamp":"2019-03-19T02:15:06.094Z","msgType":"CPR"})");
        QCOMPARE(cpr.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(cpr.positions.size(), std::size_t(1));
        QCOMPARE(cpr.positions[0].lots.size(), std::size_t(1));
        QCOMPARE(cpr.positions[0].lots[0].id, QStringLiteral("1234568"));
        QVERIFY(!gmo.notOffered(close).isEmpty()); // that id is gone
        // The summary no longer listing the leg: it goes flat, and its lots with it.
        const auto none = gmo.parsePositions(
            doc(R"({"status":0,"data":{"list":[]},"responsetime":"2019-03-19T02:17:06.102Z"})"));
        QVERIFY(none.hasValue());
        QCOMPARE(none->size(), std::size_t(1));
        QVERIFY(none->at(0).size.isZero());
        QVERIFY(none->at(0).lots.empty());
        QVERIFY(gmo.openPositionsOf(QStringLiteral("BTC_JPY"), PositionSide::Long).empty());
    }

    // GMO names the leg of a leverage order by settleType and side: OPEN BUY opens the long, OPEN SELL the
    // short, CLOSE SELL closes the long, CLOSE BUY the short. The orders carry it (the views show "Open
    // long", "Close short", …) from the read-back, orderEvents and the REST reconcile alike; spot orders
    // (settleType OPEN too) are Net.
    void ordersSayTheLegTheyOpenOrClose()
    {
        Harness h;
        QVERIFY(h.startLive());
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.privateSubscriptions(), 4, 10'000);
        // A long and a short to close.
        QCOMPARE(h.place("BTC_JPY", Side::Buy, OrderType::Market, "0.02").kind,
                 OrderSubmitter::PlaceOutcome::Kind::Filled);
        QCOMPARE(h.place("BTC_JPY", Side::Sell, OrderType::Market, "0.01").kind,
                 OrderSubmitter::PlaceOutcome::Kind::Filled);
        QTRY_VERIFY_WITH_TIMEOUT(h.position(PositionSide::Long) && h.position(PositionSide::Short), 10'000);

        const auto openLong = h.place("BTC_JPY", Side::Buy, OrderType::Limit, "0.01", "14000000");
        const auto openShort = h.place("BTC_JPY", Side::Sell, OrderType::Limit, "0.01", "16000000");
        const auto spot = h.place("BTC", Side::Buy, OrderType::Limit, "0.01", "14000000");
        const Instrument leverage = GmocoinVenue::instrument("BTC_JPY");
        const auto closing = [&](PositionSide leg, const char* price) {
            OrderRequest r =
                VenueHarness::request(leverage, leg == PositionSide::Long ? Side::Sell : Side::Buy,
                                      OrderType::Limit, "0.01", dec(price));
            r.reduceOnly = true;
            r.positionSide = leg;
            return h.place(r);
        };
        const auto closeLong = closing(PositionSide::Long, "16000000");
        const auto closeShort = closing(PositionSide::Short, "14000000");
        QCOMPARE(h.requestsTo("/private/v1/closeBulkOrder"), 2);
        struct Expected
        {
            const OrderSubmitter::PlaceOutcome* outcome;
            PositionSide leg;
            bool reduceOnly;
        };
        const Expected expected[] = {{&openLong, PositionSide::Long, false},
                                     {&openShort, PositionSide::Short, false},
                                     {&spot, PositionSide::Net, false},
                                     {&closeLong, PositionSide::Long, true},
                                     {&closeShort, PositionSide::Short, true}};
        const auto check = [&](const char* when) {
            for (const Expected& e : expected) {
                const Order* o = h.openOrder(e.outcome->ack->orderId);
                QVERIFY2(o, when);
                QVERIFY2(o->positionSide == e.leg, qPrintable(QStringLiteral("%1: order %2 is %3")
                                                                  .arg(QLatin1String(when), o->orderId,
                                                                       positionSideName(o->positionSide))));
                QCOMPARE(o->reduceOnly, e.reduceOnly);
            }
        };
        for (const Expected& e : expected) {
            QVERIFY2(e.outcome->kind == OrderSubmitter::PlaceOutcome::Kind::Live,
                     qPrintable(e.outcome->reason));
            QVERIFY(e.outcome->order);
            QCOMPARE(e.outcome->order->positionSide, e.leg); // the read-back (GMO's /v1/orders)
            QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(e.outcome->ack->orderId), 10'000);
        }
        check("after orderEvents");
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(TradingTableModel::orderSideText(h.openOrder(closeShort.ack->orderId)->side,
                                                  h.openOrder(closeShort.ack->orderId)->positionSide),
                 QStringLiteral("Close short"));

        // The private stream drops: the REST reconcile (activeOrders) says the same legs.
        h.venue.dropPrivate();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        check("after the reconcile");
        if (QTest::currentTestFailed())
            return;
        // Subscribed again (one channel at a time) before the venue pushes the fill.
        QTRY_COMPARE_WITH_TIMEOUT(h.venue.privateSubscriptions(), 4, 10'000);

        // The closing sell fills: the closed order still says the long leg.
        h.venue.fillRestingOrder(closeLong.ack->orderId);
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(closeLong.ack->orderId), 10'000);
        QCOMPARE(h.closedOrder(closeLong.ack->orderId)->positionSide, PositionSide::Long);
        QTRY_COMPARE_WITH_TIMEOUT(h.position(PositionSide::Long)->size, dec("0.01"), 10'000);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void refusesWhatGmoDoesNotOfferBeforeSending()
    {
        Harness h;
        QVERIFY(h.startLive());
        const Instrument spot = GmocoinVenue::instrument("BTC");
        const Instrument leverage = GmocoinVenue::instrument("BTC_JPY");
        const auto limit = [](const Instrument& i, const char* price) {
            return VenueHarness::request(i, Side::Buy, OrderType::Limit, "0.01", dec(price));
        };
        OrderRequest withTakeProfit = limit(leverage, "14900000");
        withTakeProfit.takeProfit = dec("16000000");
        OrderRequest spotReduceOnly = limit(spot, "14900000");
        spotReduceOnly.reduceOnly = true;
        OrderRequest stopLimit = limit(leverage, "15100000");
        stopLimit.triggerPrice = dec("15050000");
        OrderRequest stopIoc = limit(leverage, "15100000");
        stopIoc.type = OrderType::Market;
        stopIoc.price.reset();
        stopIoc.triggerPrice = dec("15050000");
        stopIoc.timeInForce = TimeInForce::ImmediateOrCancel;
        OrderRequest marketPostOnly = stopIoc;
        marketPostOnly.triggerPrice.reset();
        marketPostOnly.timeInForce = TimeInForce::PostOnly;
        const std::pair<OrderRequest, Instrument> cases[] = {{withTakeProfit, leverage},
                                                             {spotReduceOnly, spot},
                                                             {stopLimit, leverage},
                                                             {stopIoc, leverage},
                                                             {marketPostOnly, leverage}};
        for (const auto& [request, instrument] : cases) {
            const auto outcome = h.submit(request, instrument, dec("15000000"));
            QVERIFY2(refusals::refusedAsNotOffered(outcome, "GMO Coin"),
                     qPrintable(refusals::describe(outcome)));
        }
        // Nothing reached GMO: no order, no close.
        QCOMPARE(refusals::ordersReceived(h.venue.verifier(), QLatin1String("/order")), 0);
        QCOMPARE(refusals::ordersReceived(h.venue.verifier(), QLatin1String("/closeBulkOrder")), 0);
        // What GMO does offer still goes: a stop-market order on the leverage symbol.
        OrderRequest stop = stopIoc;
        stop.timeInForce = TimeInForce::GoodTillCancel;
        QVERIFY(h.trading.notOffered(stop).isEmpty());
        QVERIFY(h.trading.notOffered(limit(spot, "14900000")).isEmpty());
    }

    void reSyncReadsOpenOrdersOfEverySymbolOfInterest()
    {
        // GMO lists open orders one symbol at a time: a re-sync must ask for each symbol of interest,
        // not only BTC / BTC_JPY.
        Harness h;
        const auto btc = h.place("BTC", Side::Buy, OrderType::Limit, "0.01", "14900000");
        const auto eth = h.place("ETH", Side::Sell, OrderType::Limit, "0.5", "600000");
        QVERIFY2(btc.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(btc.reason));
        QVERIFY2(eth.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(eth.reason));
        // The adapter that sent an ETH order reads ETH from now on.
        QCOMPARE(h.trading.symbolsOfInterest(Category::Spot), (QStringList{"BTC", "ETH"}));

        // Reads what the session's snapshot reads for spot: the first symbol's list and the others'.
        const auto openOrders = [&h](const GmocoinTrading& adapter) {
            QList<SignedRequest> requests{adapter.openOrdersRequest(Category::Spot, {})};
            requests += adapter.moreOpenOrdersRequests(Category::Spot, {});
            auto orders = std::make_shared<QStringList>();
            auto left = std::make_shared<int>(int(requests.size()));
            for (const SignedRequest& request : requests) {
                h.client.send(request, [&adapter, orders, left](const SignedRestClient::Reply& reply) {
                    --*left;
                    if (!reply)
                        return;
                    const auto parsed = adapter.parseOrders(*reply);
                    for (const Order& o : parsed ? *parsed : std::vector<Order>{})
                        orders->append(o.symbol + QLatin1Char(':') + o.orderId);
                });
            }
            if (!QTest::qWaitFor([left] { return *left == 0; }, 15'000))
                qFatal("open orders timed out");
            orders->sort();
            return *orders;
        };
        const QStringList both{QStringLiteral("BTC:") + btc.ack->orderId,
                               QStringLiteral("ETH:") + eth.ack->orderId};
        QCOMPARE(openOrders(h.trading), both);

        // A restarted terminal's adapter knows ETH from the account's symbols, not from an order it sent.
        GmocoinTrading restarted(h.venue.restUrl());
        QCOMPARE(openOrders(restarted), QStringList{QStringLiteral("BTC:") + btc.ack->orderId});
        restarted.addSymbolsOfInterest(Category::Spot, {QStringLiteral("ETH"), QStringLiteral("ETH_JPY")});
        QCOMPARE(openOrders(restarted), both);
        QCOMPARE(restarted.moreOpenOrdersRequests(Category::Linear, {}).size(), 1); // ETH_JPY after BTC_JPY
        QVERIFY(restarted.moreOpenOrdersRequests(Category::Spot, QStringLiteral("ETH")).isEmpty());

        // A cancel-all with no symbol names every symbol of interest.
        QVERIFY(bool(h.send(restarted.cancelAllRequest(Category::Spot, {}), 15'000)));
        QCOMPARE(openOrders(restarted), QStringList());
    }

    void wrongSecretIsRefusedVerbatim()
    {
        Harness h("not the secret");
        QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        // The ws-auth token request is refused with GMO's signature error: the session stops there.
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::AuthFailed, 15'000);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("Signature is invalid.")),
                 qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(h.venue.tokensIssued(), 0);
        QCOMPARE(h.venue.privateConnections(), 0);
        const auto reply = h.send(h.trading.balancesRequest());
        QVERIFY(!reply);
        QCOMPARE(reply.error().venueCode, QStringLiteral("ERR-5010"));
        QCOMPARE(reply.error().message, QStringLiteral("Signature is invalid."));
    }

    void serverErrorsAndRateLimitsAreReported()
    {
        Harness h;
        h.venue.verifier().answerNextWith(503, "<html>Service Unavailable</html>");
        const auto reply = h.send(h.trading.balancesRequest());
        QVERIFY(!reply);
        QCOMPARE(reply.error().httpStatus, 503);
        QCOMPARE(reply.error().kind, RestError::Kind::Http);

        // GMO's 429 (ERR-5003): the order is refused as rate-limited, never taken.
        h.venue.verifier().rateLimitNext(1);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("rate limit")));
        const auto limited = h.place("BTC", Side::Buy, OrderType::Limit, "0.01", "14900000");
        QCOMPARE(limited.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(limited.error);
        QCOMPARE(limited.error->kind, RestError::Kind::RateLimited);
        QCOMPARE(limited.error->venueCode, QStringLiteral("ERR-5003"));
        QVERIFY(h.venue.verifier().rejections().isEmpty());
    }

    void publicFeedPacesSubscriptionsAndResyncsAfterADrop()
    {
        GmocoinVenue venue;
        GmocoinMarketData adapter;
        LoopbackFeed f(adapter, Category::Spot, venue.publicStreamUrl(), venue.restUrl());
        ChannelRequest book;
        book.channel = Channel::Book;
        book.symbol = QStringLiteral("BTC");
        ChannelRequest ticker = book;
        ticker.channel = Channel::Ticker;
        ChannelRequest trades = book;
        trades.channel = Channel::Trades;
        f.feed.subscribe({book, ticker, trades});
        f.feed.start();

        const OrderBook& b = f.store.book("BTC");
        QTRY_VERIFY_WITH_TIMEOUT(b.isLive(), 10'000);
        QCOMPARE(*b.bestBid(), dec("14999990"));
        // All three commands reached the venue, a second apart: none was refused with ERR-5003.
        QTRY_COMPARE_WITH_TIMEOUT(venue.publicServer().received.size(), 3, 10'000);
        QCOMPARE(venue.refusedCommands(), 0);

        venue.pushTrade(QStringLiteral("BTC"), 15'000'005, "SELL");
        QTRY_VERIFY_WITH_TIMEOUT(f.store.findTrades(QStringLiteral("BTC")) &&
                                     !f.store.findTrades(QStringLiteral("BTC"))->empty(),
                                 10'000);

        // Each snapshot replaces the book.
        venue.pushSnapshot(QStringLiteral("BTC"), 15'000'100);
        QTRY_COMPARE_WITH_TIMEOUT(*b.bestBid(), dec("15000090"), 10'000);
        QCOMPARE(b.bidCount(), std::size_t(2));

        // The public stream drops: not Live until the new connection's snapshot.
        venue.setSnapshotOnSubscribe(false);
        venue.publicServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(!b.isLive(), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(venue.bookSubscriptions(), 2, 15'000);
        QVERIFY(!b.isLive());
        venue.pushSnapshot(QStringLiteral("BTC"), 15'000'000);
        QTRY_VERIFY_WITH_TIMEOUT(b.isLive(), 10'000);
        QCOMPARE(*b.bestBid(), dec("14999990"));
        QCOMPARE(venue.refusedCommands(), 0);
        f.feed.stop();
    }

    void cliPlacesListsAndCancels()
    {
        GmocoinVenue venue(kKey, kSecret);
        QTemporaryDir home;
        // The loopback venue is served by this event loop while the CLI runs.
        const VenueCli cli(home, QStringLiteral("GMOCOIN"), kKey, kSecret, venue.restUrl());
        QVERIFY(tradingVenues().contains(QStringLiteral("gmocoin")));
        const auto [placed, placeOut] =
            cli({"place", "gmocoin", "--category", "spot", "--symbol", "BTC", "--side", "buy", "--type",
                 "limit", "--qty", "0.01", "--price", "14900000"});
        QVERIFY2(placed == 0, placeOut.constData());
        const QJsonObject order = QJsonDocument::fromJson(placeOut.split('\n').first()).object();
        const QString id = order.value(QLatin1String("orderId")).toString();
        QVERIFY2(id == QLatin1String("637000"), placeOut.constData());

        const auto [listed, listOut] = cli({"list", "gmocoin", "--category", "spot", "--symbol", "BTC"});
        QVERIFY2(listed == 0, listOut.constData());
        QVERIFY2(listOut.contains(id.toLatin1()), listOut.constData());

        const auto [cancelled, cancelOut] =
            cli({"cancel", "gmocoin", "--category", "spot", "--symbol", "BTC", "--order-id", id});
        QVERIFY2(cancelled == 0, cancelOut.constData());
        const auto [refused, refusedOut] =
            cli({"place", "gmocoin", "--category", "linear", "--symbol", "BTC_JPY", "--side", "buy", "--type",
                 "limit", "--qty", "4", "--price", "15000000"});
        QVERIFY(refused != 0);
        QVERIFY2(refusedOut.contains("ERR-201") && refusedOut.contains("Trading margin is insufficient"),
                 refusedOut.constData());
        const auto [fetched, fetchOut] =
            cli({"gmocoin", "GET", "/private/v1/account/assets"}, QStringLiteral("fetch"));
        QVERIFY2(fetched == 0, fetchOut.constData());
        QVERIFY2(fetchOut.contains("conversionRate"), fetchOut.constData());
        QVERIFY2(venue.verifier().rejections().isEmpty(),
                 qPrintable(venue.verifier().rejections().join(',')));
    }

    // botterm-cli lists a leg's lots (order list --positions) and closes one by its id
    // (--close-position-id); an id GMO does not hold is refused before anything is sent.
    void cliListsAndClosesOneLot()
    {
        GmocoinVenue venue(kKey, kSecret);
        QTemporaryDir home;
        const VenueCli cli(home, QStringLiteral("GMOCOIN"), kKey, kSecret, venue.restUrl());
        const QStringList leverage{"--category", "linear", "--symbol", "BTC_JPY"};
        venue.setPrice(dec("15000000"));
        auto [opened, openOut] = cli(QStringList{"place", "gmocoin"} + leverage +
                                     QStringList{"--side", "buy", "--type", "market", "--qty", "0.02"});
        QVERIFY2(opened == 0, openOut.constData());
        venue.setPrice(dec("15100000"));
        std::tie(opened, openOut) = cli(QStringList{"place", "gmocoin"} + leverage +
                                        QStringList{"--side", "buy", "--type", "market", "--qty", "0.03"});
        QVERIFY2(opened == 0, openOut.constData());
        const QStringList ids = venue.positionIds(QStringLiteral("BTC_JPY"), "BUY");
        QCOMPARE(ids.size(), 2);

        const auto [listed, listOut] = cli(QStringList{"list", "gmocoin", "--positions"} + leverage);
        QVERIFY2(listed == 0, listOut.constData());
        const QJsonObject leg = QJsonDocument::fromJson(listOut.split('\n').first()).object();
        QCOMPARE(leg.value(QLatin1String("leg")).toString(), QStringLiteral("long"));
        QCOMPARE(leg.value(QLatin1String("size")).toString(), QStringLiteral("0.05"));
        const QJsonArray lots = leg.value(QLatin1String("lots")).toArray();
        QCOMPARE(lots.size(), 2);
        QCOMPARE(lots[0].toObject().value(QLatin1String("id")).toString(), ids[0]);
        QCOMPARE(lots[0].toObject().value(QLatin1String("size")).toString(), QStringLiteral("0.02"));
        QCOMPARE(lots[0].toObject().value(QLatin1String("entryPrice")).toString(),
                 QStringLiteral("15000000"));
        QCOMPARE(lots[1].toObject().value(QLatin1String("id")).toString(), ids[1]);

        const auto [closed, closeOut] = cli(QStringList{"place", "gmocoin"} + leverage +
                                            QStringList{"--side", "sell", "--type", "market", "--qty", "0.02",
                                                        "--close-position-id", ids[0]});
        QVERIFY2(closed == 0, closeOut.constData());
        QCOMPARE(venue.positionIds(QStringLiteral("BTC_JPY"), "BUY"), QStringList{ids[1]});
        QCOMPARE(venue.positionSize(QStringLiteral("BTC_JPY"), "BUY"), dec("0.03"));

        const auto closeOrders = [&venue] { return requestsTo(venue, "/private/v1/closeOrder"); };
        QCOMPARE(closeOrders(), 1);
        const auto [refused, refusedOut] = cli(
            QStringList{"place", "gmocoin"} + leverage +
            QStringList{"--side", "sell", "--type", "market", "--qty", "0.01", "--close-position-id", "999"});
        QCOMPARE(refused, 2);
        QVERIFY2(refusedOut.contains("refused, nothing sent") && refusedOut.contains("999"),
                 refusedOut.constData());
        QCOMPARE(closeOrders(), 1);
        QVERIFY2(venue.verifier().rejections().isEmpty(),
                 qPrintable(venue.verifier().rejections().join(',')));
    }

    void cliStreamsTheBook()
    {
        GmocoinVenue venue;
        const auto [live, out] =
            streamUntilLiveBook(QStringLiteral("gmocoin"), QStringLiteral("linear"),
                                QStringLiteral("BTC_JPY"), venue.publicStreamUrl(), venue.restUrl());
        QVERIFY2(live, out.constData());
        QVERIFY2(out.contains(R"("symbol":"BTC_JPY")"), out.constData());
        QVERIFY2(out.contains("14999990"), out.constData());
    }
};

QTEST_GUILESS_MAIN(TestGmocoinVenue)
#include "tst_gmocoinvenue.moc"
