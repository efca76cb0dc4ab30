// Coincheck end to end against a loopback Coincheck (tests/support/coincheckvenue.h): signed REST checked
// by VenueVerifier, the private stream's login checked the same way on the same per-key nonce counter,
// orders placed, cancelled and filled through TradingSession, order-events and execution-events, a
// dropped private stream reconciled over REST, a refused login not retried, and the CLI.

#include "exchanges/coincheck/coincheckstreamprotocol.h"
#include "exchanges/coincheck/coinchecktrading.h"
#include "exchanges/core/noncestore.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "models/tradingstoremodel.h"
#include "support/clirun.h"
#include "support/coincheckvenue.h"
#include "support/refusals.h"
#include "support/venueharness.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

namespace {

using tradingtest::dec;

const QString kKey = QStringLiteral("coincheck-test-key");
const QByteArray kSecret = "coincheck-test-secret";

struct Harness : LoopbackParts<CoincheckVenue, CoincheckTrading, CoincheckPrivateProtocol>, VenueHarness
{
    explicit Harness(QByteArray secret = kSecret)
        : LoopbackParts(kKey, kSecret)
        , VenueHarness(trading, Config(QStringLiteral("coincheck"), venue.restUrl(), venue.privateStreamUrl(),
                                       &protocol, {Category::Spot}, Credentials(kKey, secret),
                                       CoincheckVenue::instrument(), dec("15000000")))
    {
        // One nonce store for REST and the stream's login, as in the application (the default file).
        trading.setNonceStore(nonces);
        client.setRateBudgets(QStringLiteral("coincheck"), {{QStringLiteral("requests"), 1000, 1000}});
    }

    qint64 lastRestNonce()
    {
        const QList<qint64> n = venue.verifier().nonces();
        return n.isEmpty() ? 0 : *std::max_element(n.begin(), n.end());
    }
};

} // namespace

class TestCoincheckVenue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tradesThroughTheSessionAndReconcilesAfterADrop()
    {
        Harness h;
        QVERIFY(h.startLive());
        QCOMPARE(h.venue.logins(), 1);
        QCOMPARE(h.session->snapshotCount(), 1);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        QCOMPARE(h.balance("JPY"), dec("1000000"));
        QCOMPARE(h.balance("BTC"), dec("1"));
        // Logged in, then both channels in one subscribe message.
        const QList<QByteArray>& sent = h.venue.privateServer().received;
        QVERIFY(sent.size() >= 2);
        QVERIFY2(sent.at(0).contains(R"("type":"login")"), sent.at(0).constData());
        QCOMPARE(sent.at(1),
                 QByteArray(R"({"channels":["order-events","execution-events"],"type":"subscribe"})"));

        // A limit buy below the market rests; the read-back of the open orders makes it Live.
        const auto limit = h.place(Side::Buy, OrderType::Limit, "0.01", "14900000");
        QVERIFY2(limit.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(limit.reason));
        const QString limitId = limit.ack->orderId;
        QVERIFY(limitId.toLongLong() > 0);
        // Coincheck pushes no "new order" event: the read-back puts the order in the store at once.
        QVERIFY(h.openOrder(limitId));
        QCOMPARE(*limit.order->price, dec("14900000"));
        QCOMPARE(limit.order->quantity, dec("0.01"));
        const auto post = std::find_if(h.venue.verifier().privateRequests().begin(),
                                       h.venue.verifier().privateRequests().end(),
                                       [](const auto& r) { return r.method == "POST"; });
        QVERIFY(post != h.venue.verifier().privateRequests().end());
        QVERIFY2(post->body.contains("amount=0.01000000") && post->body.contains("rate=14900000") &&
                     post->body.contains("order_type=buy") && post->body.contains("pair=btc_jpy"),
                 post->body.constData());

        // Coincheck cannot amend: nothing is sent.
        const auto requestsBefore = h.venue.verifier().privateRequests().size();
        OrderAmendment amendment;
        amendment.order = {QString::fromLatin1(CoincheckVenue::Pair), Category::Spot, limitId, {}};
        amendment.price = dec("14900001");
        const auto amended = h.amend(amendment);
        QVERIFY(!amended);
        QCOMPARE(amended.error().kind, RestError::Kind::NotOffered);
        QCOMPARE(amended.error().message,
                 QStringLiteral("Coincheck cannot amend an order: cancel it and place a new one"));
        QCOMPARE(h.venue.verifier().privateRequests().size(), requestsBefore);

        // Cancelled: {"success":true,"id":…}, then the CANCEL order event closes it.
        QVERIFY(h.cancel(limitId));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(limitId) && h.closedOrder(limitId)->status == OrderStatus::Cancelled, 10'000);

        // A market sell fills at once: no longer open when read back (Accepted), and the execution event
        // brings the fill.
        const auto market = h.place(Side::Sell, OrderType::Market, "0.01");
        QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Accepted, qPrintable(market.reason));
        const QString marketId = market.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.hasFill(marketId), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.closedOrder(marketId) && h.closedOrder(marketId)->status == OrderStatus::Filled, 10'000);
        const auto fill = std::find_if(h.session->store().fills().begin(), h.session->store().fills().end(),
                                       [&](const Fill& f) { return f.orderId == marketId; });
        QCOMPARE(fill->price, dec("15000000"));
        QCOMPARE(fill->quantity, dec("0.01"));
        QCOMPARE(fill->side, Side::Sell);
        // Coincheck pushes no balances: they are read again after the fill, without a reconnect.
        QTRY_COMPARE_WITH_TIMEOUT(h.balance("JPY"), std::optional<Decimal>(dec("1150000")), 10'000);
        QCOMPARE(h.balance("BTC"), dec("0.99"));

        // Coincheck refuses an order beyond the funds: its error text arrives verbatim.
        const auto refused = h.place(Side::Buy, OrderType::Limit, "1", "14000000");
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->message, QStringLiteral("Insufficient funds"));
        QCOMPARE(refused.error->httpStatus, 400);

        // A market buy is sized in JPY on Coincheck: refused locally, nothing sent.
        const auto postsBefore = h.venue.verifier().privateRequests().size();
        const auto marketBuy = h.place(Side::Buy, OrderType::Market, "0.01");
        QVERIFY(marketBuy.kind != OrderSubmitter::PlaceOutcome::Kind::Live &&
                marketBuy.kind != OrderSubmitter::PlaceOutcome::Kind::Accepted);
        QCOMPARE(h.venue.verifier().privateRequests().size(), postsBefore);

        // The private stream drops; while it is down a resting sell fills.
        const auto resting = h.place(Side::Sell, OrderType::Limit, "0.02", "15100000");
        QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
        const QString restingId = resting.ack->orderId;
        h.venue.privateServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.fillRestingOrder(restingId);
        QVERIFY(!h.hasFill(restingId)); // nothing told the session yet

        // Reconnected, logged in again with a nonce above every REST one, and the REST snapshot brings the
        // fill and the balances after both sells.
        const qint64 restBefore = h.lastRestNonce();
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.venue.logins(), 2);
        QCOMPARE(h.session->authAttempts(), 2);
        QVERIFY(h.venue.loginNonces().constLast() > restBefore);
        QVERIFY(h.hasFill(restingId));
        QCOMPARE(h.balance("JPY"), dec("1452000")); // 1000000 + 150000 + 302000
        QCOMPARE(h.balance("BTC"), dec("0.97"));

        // The new connection's subscription delivers events again.
        const auto after = h.place(Side::Buy, OrderType::Limit, "0.01", "14800000");
        QVERIFY2(after.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(after.reason));
        QVERIFY(h.cancel(after.ack->orderId));
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(after.ack->orderId) &&
                                     h.closedOrder(after.ack->orderId)->status == OrderStatus::Cancelled,
                                 10'000);
        QCOMPARE(h.session->snapshotCount(), 2);
        // REST nonces after each login stayed above it (the venue refuses one that does not).
        QVERIFY(h.lastRestNonce() > h.venue.loginNonces().constLast());
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // A Coincheck market buy is market_buy with market_buy_amount, the JPY to spend: sent exactly as
    // asked in the signed body, filled for what the yen buy, the fill and balances read back.
    void marketBuySpendsAnAmountOfYen()
    {
        Harness h;
        QVERIFY(h.startLive());
        const Instrument btc = CoincheckVenue::instrument();
        OrderRequest r = VenueHarness::request(btc, Side::Buy, OrderType::Market, "10000");
        r.timeInForce = TimeInForce::ImmediateOrCancel; // as the order entry sends a market order
        r.quantityInQuote = true;
        QVERIFY(h.trading.offersQuoteQuantity(r));
        QVERIFY(h.trading.notOffered(r).isEmpty());

        const auto bought = h.submit(r, btc, dec("15000000"));
        QVERIFY2(bought.kind == OrderSubmitter::PlaceOutcome::Kind::Accepted, qPrintable(bought.reason));
        const QString id = bought.ack->orderId;
        // The signed POST carried order_type=market_buy and market_buy_amount=10000, no BTC amount or rate.
        const auto& sent = h.venue.verifier().privateRequests();
        const auto post = std::find_if(sent.begin(), sent.end(), [](const LoopbackHttpServer::Request& q) {
            return q.method == "POST" && q.url.path() == QLatin1String("/api/exchange/orders");
        });
        QVERIFY(post != sent.end());
        const QUrlQuery form(QString::fromUtf8(post->body));
        QCOMPARE(form.queryItemValue(QStringLiteral("order_type")), QStringLiteral("market_buy"));
        QCOMPARE(form.queryItemValue(QStringLiteral("market_buy_amount")), QStringLiteral("10000"));
        QCOMPARE(form.queryItemValue(QStringLiteral("pair")), QStringLiteral("btc_jpy"));
        QVERIFY(!form.hasQueryItem(QStringLiteral("amount")));
        QVERIFY(!form.hasQueryItem(QStringLiteral("rate")));
        QCOMPARE(h.venue.marketBuyAmounts(), QStringList{QStringLiteral("10000")});

        // 10000 JPY at 15,000,000 buys 0.00066666 BTC (1e-8, rounded down) for 9999.9 JPY.
        QTRY_VERIFY_WITH_TIMEOUT(h.hasFill(id), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(id) && h.closedOrder(id)->status == OrderStatus::Filled,
                                 10'000);
        const auto& fills = h.session->store().fills();
        const auto fill =
            std::find_if(fills.begin(), fills.end(), [&](const Fill& f) { return f.orderId == id; });
        QCOMPARE(fill->side, Side::Buy);
        QCOMPARE(fill->quantity, dec("0.00066666"));
        QCOMPARE(fill->price, dec("15000000"));
        QTRY_COMPARE_WITH_TIMEOUT(h.balance("JPY"), std::optional<Decimal>(dec("990000.1")), 10'000);
        QCOMPARE(h.balance("BTC"), dec("1.00066666"));

        // A fraction of a yen goes out as typed; below Coincheck's 500 JPY its own text comes back.
        r.quantity = dec("1234.5");
        const auto fraction = h.submit(r, btc, dec("15000000"));
        QVERIFY2(fraction.kind == OrderSubmitter::PlaceOutcome::Kind::Accepted, qPrintable(fraction.reason));
        QCOMPARE(h.venue.marketBuyAmounts().constLast(), QStringLiteral("1234.5"));
        OrderRequest small = r;
        small.quantity = dec("400");
        const auto tooSmall = h.submit(small, btc, dec("15000000"));
        QCOMPARE(tooSmall.kind, OrderSubmitter::PlaceOutcome::Kind::Refused); // below minNotional, local
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // A market buy that does not fill at once is an open order with no BTC amount: its JPY arrive as the
    // order's quote quantity from the opens (read back after placing, and after a reconnect) and from
    // order-events, so the Orders view shows "10000 (quote)" rather than a quantity of 0.
    void restingMarketBuyShowsItsYen()
    {
        Harness h;
        h.venue.setMarketBuysRest(true);
        QVERIFY(h.startLive());
        const Instrument btc = CoincheckVenue::instrument();
        OrderRequest r = VenueHarness::request(btc, Side::Buy, OrderType::Market, "10000");
        r.timeInForce = TimeInForce::ImmediateOrCancel;
        r.quantityInQuote = true;

        const auto placed = h.submit(r, btc, dec("15000000"));
        QVERIFY2(placed.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(placed.reason));
        const QString id = placed.ack->orderId;
        QVERIFY(placed.order);
        QCOMPARE(placed.order->quoteQuantity, std::optional<Decimal>(dec("10000")));
        QCOMPARE(placed.order->quantity, Decimal());
        const Order* open = h.openOrder(id);
        QVERIFY(open);
        QCOMPARE(open->type, OrderType::Market);
        QCOMPARE(open->quoteQuantity, std::optional<Decimal>(dec("10000")));
        QCOMPARE(TradingTableModel::orderQuantityText(*open), QStringLiteral("10000 (quote)"));

        // The private stream drops: the REST reconcile lists it again with its JPY.
        const int snapshots = h.session->snapshotCount();
        h.venue.privateServer().dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->snapshotCount() > snapshots &&
                                     h.session->state() == TradingSession::State::Live,
                                 15'000);
        open = h.openOrder(id);
        QVERIFY(open);
        QCOMPARE(open->quoteQuantity, std::optional<Decimal>(dec("10000")));
        QCOMPARE(open->quantity, Decimal());

        // It fills: the FILL order event carries market_buy_amount, the execution event the BTC bought.
        h.venue.fillRestingOrder(id);
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(id) && h.closedOrder(id)->status == OrderStatus::Filled,
                                 10'000);
        QCOMPARE(h.closedOrder(id)->quoteQuantity, std::optional<Decimal>(dec("10000")));
        QTRY_VERIFY_WITH_TIMEOUT(h.hasFill(id), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(h.balance("BTC"), std::optional<Decimal>(dec("1.00066666")), 10'000);

        // A second one is cancelled: the CANCEL event carries its JPY too, and the yen come back.
        const auto second = h.submit(r, btc, dec("15000000"));
        QVERIFY2(second.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(second.reason));
        QVERIFY(h.cancel(second.ack->orderId));
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(second.ack->orderId) &&
                                     h.closedOrder(second.ack->orderId)->status == OrderStatus::Cancelled,
                                 10'000);
        QCOMPARE(h.closedOrder(second.ack->orderId)->quoteQuantity, std::optional<Decimal>(dec("10000")));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // Coincheck has no cancel-all: the session cancels each open order it holds by its id.
    void cancelAllCancelsEachOpenOrder()
    {
        Harness h;
        QVERIFY(h.startLive());
        const auto first = h.place(Side::Buy, OrderType::Limit, "0.01", "14900000");
        const auto second = h.place(Side::Buy, OrderType::Limit, "0.01", "14800000");
        QVERIFY2(first.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(first.reason));
        QVERIFY2(second.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(second.reason));
        const qsizetype before = h.venue.verifier().privateRequests().size();

        const auto done = h.cancelAll(QString::fromLatin1(CoincheckVenue::Pair));
        QVERIFY2(done, qPrintable(done ? QString() : done.error().toString()));
        QCOMPARE(h.venue.verifier().privateRequests().size(), before + 2); // one DELETE each
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(first.ack->orderId) && h.closedOrder(second.ack->orderId),
                                 10'000);
        QCOMPARE(h.closedOrder(second.ack->orderId)->status, OrderStatus::Cancelled);
        h.session->stop();
    }

    void refusesWhatCoincheckDoesNotOfferBeforeSending()
    {
        Harness h;
        QVERIFY(h.startLive());
        const Instrument btc = CoincheckVenue::instrument();
        OrderRequest base;
        base.symbol = btc.symbol;
        base.category = Category::Spot;
        base.type = OrderType::Limit;
        base.quantity = dec("0.01");
        base.price = dec("14900000");
        OrderRequest trigger = base;
        trigger.triggerPrice = dec("14950000");
        OrderRequest takeProfit = base;
        takeProfit.takeProfit = dec("16000000");
        OrderRequest reduceOnly = base;
        reduceOnly.reduceOnly = true;
        OrderRequest ioc = base;
        ioc.timeInForce = TimeInForce::ImmediateOrCancel;
        OrderRequest fok = base;
        fok.timeInForce = TimeInForce::FillOrKill;
        OrderRequest marketBuy = base;
        marketBuy.type = OrderType::Market;
        marketBuy.price.reset();
        for (const OrderRequest& request : {trigger, takeProfit, reduceOnly, ioc, fok, marketBuy}) {
            const auto outcome = h.submit(request, btc, dec("15000000"));
            QVERIFY2(refusals::refusedAsNotOffered(outcome, "Coincheck"),
                     qPrintable(refusals::describe(outcome)));
        }
        QCOMPARE(refusals::ordersReceived(h.venue.verifier(), QLatin1String("/api/exchange/orders")), 0);
        // Offered: a limit order, post-only too, and a market sell.
        OrderRequest postOnly = base;
        postOnly.timeInForce = TimeInForce::PostOnly;
        OrderRequest marketSell = marketBuy;
        marketSell.side = Side::Sell;
        QVERIFY(h.trading.notOffered(base).isEmpty());
        QVERIFY(h.trading.notOffered(postOnly).isEmpty());
        QVERIFY(h.trading.notOffered(marketSell).isEmpty());
        // Sized in JPY: a market buy only. A limit order or a sell in JPY is refused, nothing sent.
        OrderRequest limitInJpy = base;
        limitInJpy.quantityInQuote = true;
        limitInJpy.quantity = dec("10000");
        OrderRequest sellInJpy = marketSell;
        sellInJpy.quantityInQuote = true;
        sellInJpy.quantity = dec("10000");
        for (const OrderRequest& request : {limitInJpy, sellInJpy}) {
            QVERIFY(!h.trading.offersQuoteQuantity(request));
            QVERIFY(!h.trading.notOffered(request).isEmpty());
            const auto outcome = h.submit(request, btc, dec("15000000"));
            QCOMPARE(outcome.kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
        }
        QCOMPARE(refusals::ordersReceived(h.venue.verifier(), QLatin1String("/api/exchange/orders")), 0);
        // The base-sized market buy's refusal says how to size it.
        QVERIFY2(h.trading.notOffered(marketBuy).contains(QStringLiteral("JPY")),
                 qPrintable(h.trading.notOffered(marketBuy)));
    }

    void wrongSecretIsRefusedOnce()
    {
        Harness h("not the secret");
        QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::AuthFailed, 15'000);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("invalid authentication"));
        QCOMPARE(h.venue.refusedLogins(), 1);
        QCOMPARE(h.venue.logins(), 0);
        // Not retried: several reconnect backoffs later there is still one connection and one refusal.
        QTest::qWait(1500);
        QCOMPARE(h.venue.privateServer().connectionCount(), 1);
        QCOMPARE(h.venue.refusedLogins(), 1);
        QCOMPARE(h.session->state(), TradingSession::State::AuthFailed);
        QCOMPARE(failed.size(), 1);

        // REST with the wrong secret: refused as Coincheck does, verbatim.
        auto reply = std::make_shared<std::optional<SignedRestClient::Reply>>();
        h.client.send(h.trading.balancesRequest(), [reply](const SignedRestClient::Reply& r) { *reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply->has_value(), 10'000);
        QVERIFY(!**reply);
        QCOMPARE((*reply)->error().message, QStringLiteral("invalid authentication"));
        QVERIFY(h.trading.isAuthenticationError((*reply)->error()));
    }

    void serverErrorsAndMalformedFramesAreReported()
    {
        Harness h;
        QVERIFY(h.startLive());
        QSignalSpy errors(h.session.get(), &TradingSession::errorOccurred);

        // A private frame that cannot be read is reported, never applied; the session stays Live.
        h.venue.privateServer().send(R"({"channel":"execution-events","id":1})");
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 10'000);
        QVERIFY2(errors.at(0).at(0).toString().contains(QLatin1String("Malformed")),
                 qPrintable(errors.at(0).at(0).toString()));
        QVERIFY(h.session->store().fills().empty());
        QCOMPARE(h.session->state(), TradingSession::State::Live);

        // An HTTP 503 with an HTML body: reported as an HTTP error, not read as a venue refusal.
        h.venue.verifier().answerNextWith(503, "<html>Service Unavailable</html>");
        auto reply = std::make_shared<std::optional<SignedRestClient::Reply>>();
        h.client.send(h.trading.balancesRequest(), [reply](const SignedRestClient::Reply& r) { *reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply->has_value(), 10'000);
        QVERIFY(!**reply);
        QCOMPARE((*reply)->error().httpStatus, 503);
        QCOMPARE((*reply)->error().kind, RestError::Kind::Http);
        h.session->stop();
    }

    void cliPlacesListsAndCancels()
    {
        CoincheckVenue venue(kKey, kSecret);
        QTemporaryDir home;
        const VenueCli cli(home, QStringLiteral("COINCHECK"), kKey, kSecret, venue.restUrl());
        const auto [placed, placeOut] =
            cli({"place", "coincheck", "--category", "spot", "--symbol", "btc_jpy", "--side", "buy", "--type",
                 "limit", "--qty", "0.01", "--price", "14900000"});
        QVERIFY2(placed == 0, placeOut.constData());
        const QJsonObject order = QJsonDocument::fromJson(placeOut.split('\n').first()).object();
        const QString id = order.value(QLatin1String("orderId")).toString();
        QVERIFY2(id.toLongLong() > 0, placeOut.constData());
        QCOMPARE(order.value(QLatin1String("status")).toString(), QStringLiteral("new"));

        const auto [listed, listOut] =
            cli({"list", "coincheck", "--category", "spot", "--symbol", "btc_jpy"});
        QVERIFY2(listed == 0, listOut.constData());
        QVERIFY2(listOut.contains(id.toLatin1()), listOut.constData());

        const auto [cancelled, cancelOut] =
            cli({"cancel", "coincheck", "--category", "spot", "--symbol", "btc_jpy", "--order-id", id});
        QVERIFY2(cancelled == 0, cancelOut.constData());
        const auto [relisted, relistOut] =
            cli({"list", "coincheck", "--category", "spot", "--symbol", "btc_jpy"});
        QVERIFY2(relisted == 0, relistOut.constData());
        QVERIFY2(!relistOut.contains(id.toLatin1()), relistOut.constData());

        const auto [refused, refusedOut] =
            cli({"place", "coincheck", "--category", "spot", "--symbol", "btc_jpy", "--side", "buy", "--type",
                 "limit", "--qty", "1", "--price", "14000000"});
        QVERIFY(refused != 0);
        QVERIFY2(refusedOut.contains("Insufficient funds"), refusedOut.constData());
        // Each CLI process drew increasing nonces from the shared store.
        QVERIFY2(venue.verifier().rejections().isEmpty(),
                 qPrintable(venue.verifier().rejections().join(',')));
    }
};

QTEST_GUILESS_MAIN(TestCoincheckVenue)
#include "tst_coincheckvenue.moc"
