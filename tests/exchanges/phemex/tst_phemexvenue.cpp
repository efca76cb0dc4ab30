// Phemex end to end against a loopback Phemex (tests/support/phemexvenue.h): TradingSession and
// OrderSubmitter over signed REST (verified as Phemex does) and the private stream (user.auth, aop_p),
// and MarketDataFeed over the public stream.

#include "exchanges/core/marketdatafeed.h"
#include "exchanges/core/ordersubmitter.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "exchanges/phemex/phemexmarketdata.h"
#include "exchanges/phemex/phemexstreamprotocol.h"
#include "exchanges/phemex/phemextrading.h"
#include "support/phemexvenue.h"
#include "support/venueharness.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

using tradingtest::dec;

const Balance* coinOf(const std::vector<Balance>& balances, const char* coin)
{
    for (const Balance& b : balances) {
        if (b.coin == QLatin1String(coin))
            return &b;
    }
    return nullptr;
}
// A pointer into a temporary would dangle at the end of the statement.
const Balance* coinOf(std::vector<Balance>&& balances, const char* coin) = delete;

const QString kContract = PhemexTrading::contractAccount();
const QString kSpot = PhemexTrading::spotAccount();

// A BTC market as Phemex's products list gives it.
Instrument btcMarket(const char* symbol, Category category, const char* tick, const char* lot,
                     const char* quote)
{
    Instrument i = VenueHarness::listed("phemex", symbol, category, tick, lot);
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QString::fromLatin1(quote);
    return i;
}

// The loopback Phemex and its BTC markets.
struct PhemexParts : LoopbackParts<PhemexVenue, PhemexTrading, PhemexStreamProtocol>
{
    const Instrument btc = btcMarket("BTCUSDT", Category::Linear, "0.1", "0.001", "USDT");
    const Instrument spot = btcMarket("sBTCUSDT", Category::Spot, "0.01", "0.000001", "USDT");
    const Instrument coin = btcMarket("BTCUSD", Category::Inverse, "0.5", "1", "USD"); // coin-margined
};

struct Harness : PhemexParts, VenueHarness
{
    explicit Harness(QByteArray secret = QByteArray(PhemexVenue::Secret),
                     QList<Category> categories = {Category::Linear})
        : VenueHarness(trading,
                       Config(QStringLiteral("phemex"), venue.restUrl(), venue.streamUrl(), &protocol,
                              categories, Credentials(QString::fromLatin1(PhemexVenue::Key), secret), btc,
                              dec("65000")))
    {}

    // A coin-margined BTCUSD order in contracts.
    OrderSubmitter::PlaceOutcome placeCoin(Side side, OrderType type, const char* contracts,
                                           std::optional<Decimal> price)
    {
        return submit(request(coin, side, type, contracts, price), coin, dec("65000"));
    }
    OrderSubmitter::PlaceOutcome placeSpot(Side side, OrderType type, const char* qty,
                                           std::optional<Decimal> price)
    {
        return submit(request(spot, side, type, qty, price), spot, dec("65000"));
    }

    // The spot wallets as Phemex answers GET /spot/wallets, read by the adapter.
    std::vector<Balance> spotWallets()
    {
        auto reply = std::make_shared<std::optional<SignedRestClient::Reply>>();
        client.send(trading.spotWalletsRequest(), [reply](const SignedRestClient::Reply& r) { *reply = r; });
        if (!QTest::qWaitFor([reply] { return reply->has_value(); }, 15'000) || !**reply)
            qFatal("spot wallets failed");
        auto balances = trading.parseBalances((*reply)->value());
        if (!balances)
            qFatal("spot wallets unreadable");
        return balances.value();
    }

    // The open orders of these symbols as the snapshot should read them: one activeList request per
    // symbol over signed REST, each reply (or 10002 refusal) read by the adapter, merged.
    Result<std::vector<Order>, AdapterError> openOrdersOf(const QStringList& symbols)
    {
        using R = Result<std::vector<Order>, AdapterError>;
        const QList<SignedRequest> requests = trading.openOrdersRequests(Category::Linear, symbols);
        auto replies = std::make_shared<std::vector<RestClient::Reply>>();
        for (const SignedRequest& r : requests)
            client.send(r, [replies](const SignedRestClient::Reply& reply) { replies->push_back(reply); });
        if (!QTest::qWaitFor([&] { return replies->size() == std::size_t(requests.size()); }, 15'000))
            qFatal("open-order lists timed out");
        std::vector<Order> merged;
        for (const RestClient::Reply& reply : *replies) {
            auto orders = trading.parseOpenOrdersReply(reply);
            if (!orders)
                return R::failure(orders.error());
            merged.insert(merged.end(), orders.value().begin(), orders.value().end());
        }
        return merged;
    }
};

} // namespace

class TestPhemexVenue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limitOrderGoesLiveThenAmendAndCancel()
    {
        Harness h;
        QVERIFY(h.startLive());
        QCOMPARE(h.session->authAttempts(), 1);
        QCOMPARE(h.venue.acceptedLogins(), 1);

        const auto placed = h.place(Side::Buy, OrderType::Limit, "0.010", dec("60000.0"));
        QVERIFY2(placed.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(placed.reason));
        const QString id = placed.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(id), 10'000);
        QCOMPARE(h.openOrder(id)->price->toString(), QStringLiteral("60000"));
        QCOMPARE(h.openOrder(id)->clientOrderId, placed.request.clientOrderId);
        QVERIFY(h.venue.verifier().rejections().isEmpty());
        QVERIFY(h.venue.verifier().accepted() >= 4); // the snapshot's reads and the order, all signed

        OrderAmendment amend;
        amend.order = {QStringLiteral("BTCUSDT"), Category::Linear, id, {}};
        amend.price = dec("60100.5");
        QVERIFY(h.amend(amend, h.btc));
        QTRY_COMPARE_WITH_TIMEOUT(h.openOrder(id)->price->toString(), QStringLiteral("60100.5"), 10'000);

        QVERIFY(h.cancel(amend.order));
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(id), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(id), 10'000);
        QCOMPARE(h.closedOrder(id)->status, OrderStatus::Cancelled);
        QCOMPARE(h.venue.openOrderCount(), 0);
        h.session->stop();
    }

    void marketOrderFillsAndMovesPositionAndBalance()
    {
        Harness h;
        QVERIFY(h.startLive());
        const Balance* usdt = h.session->store().findBalance(QStringLiteral("USDT"), kContract);
        QVERIFY(usdt);
        QCOMPARE(usdt->walletBalance, dec("10000"));

        const auto filled = h.place(Side::Buy, OrderType::Market, "0.010", std::nullopt);
        QVERIFY2(filled.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(filled.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findPosition(QStringLiteral("BTCUSDT")) &&
                                     h.session->store().findPosition(QStringLiteral("BTCUSDT"))->size ==
                                         dec("0.01"),
                                 10'000);
        const Position* p = h.session->store().findPosition(QStringLiteral("BTCUSDT"));
        QCOMPARE(p->side, std::optional<Side>(Side::Buy));
        QCOMPARE(*p->entryPrice, dec("65000.1"));
        // 65000.1 × 0.01 × 0.0006 = 0.3900006 USDT taker fee.
        QTRY_COMPARE_WITH_TIMEOUT(
            h.session->store().findBalance(QStringLiteral("USDT"), kContract)->walletBalance,
            dec("9999.6099994"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(
                h.session->store().fills().begin(), h.session->store().fills().end(),
                [&](const Fill& f) { return f.orderId == filled.ack->orderId && f.price == dec("65000.1"); }),
            10'000);
        h.session->stop();
    }

    void rejectionArrivesVerbatimAndDuplicateIsLookedUp()
    {
        Harness h;
        QVERIFY(h.startLive());
        h.venue.rejectNextOrder(11001, QStringLiteral("TE_NO_ENOUGH_AVAILABLE_BALANCE"));
        const auto refused = h.place(Side::Buy, OrderType::Limit, "1", dec("60000"));
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("11001"));
        QCOMPARE(refused.error->message, QStringLiteral("TE_NO_ENOUGH_AVAILABLE_BALANCE"));

        // The same client order id sent twice: the venue's 11085 makes the submitter look the order up.
        const auto first = h.place(Side::Buy, OrderType::Limit, "0.001", dec("50000"));
        QCOMPARE(first.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
        OrderRequest again = first.request;
        const auto out = h.submit(again, h.btc, dec("65000"));
        QVERIFY(out.outcomeWasUnknown);
        QCOMPARE(out.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
        QCOMPARE(out.order->orderId, first.ack->orderId);
        QCOMPARE(h.venue.openOrderCount(), 1);

        // HTTP 429: reported as a rate limit, nothing placed, nothing retried.
        h.venue.verifier().rateLimitNext(1);
        const auto limited = h.place(Side::Buy, OrderType::Limit, "0.001", dec("50000"));
        QVERIFY(limited.error);
        QCOMPARE(limited.error->kind, RestError::Kind::RateLimited);
        QCOMPARE(h.venue.openOrderCount(), 1);
        h.session->stop();
    }

    void droppedPrivateStreamReconnectsReauthenticatesAndReconciles()
    {
        Harness h;
        QVERIFY(h.startLive());
        QCOMPARE(h.session->snapshotCount(), 1);
        h.venue.dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        // While the stream is down an order appears at the venue (placed elsewhere): only REST shows it.
        h.venue.addRestingOrder(QStringLiteral("elsewhere-1"), QStringLiteral("61000"),
                                QStringLiteral("0.005"));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.session->authAttempts(), 2);
        QCOMPARE(h.venue.acceptedLogins(), 2);
        QVERIFY(h.openOrder(QStringLiteral("elsewhere-1")));
        // Pushes flow again on the new connection.
        const auto placed = h.place(Side::Sell, OrderType::Limit, "0.002", dec("70000"));
        QCOMPARE(placed.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(placed.ack->orderId), 10'000);
        h.session->stop();
    }

    void emptyOpenOrderListRefusedWithNotFoundIsEmpty()
    {
        // Phemex may answer an empty open-order list with 10002 OM_ORDER_NOT_FOUND instead of rows.
        Harness h;
        h.venue.setEmptyListIsNotFound(true);
        auto raw = std::make_shared<std::optional<SignedRestClient::Reply>>();
        h.client.send(h.trading.openOrdersRequest(Category::Linear, QStringLiteral("BTCUSDT")),
                      [raw](const SignedRestClient::Reply& r) { *raw = r; });
        QTRY_VERIFY_WITH_TIMEOUT(raw->has_value(), 10'000);
        QVERIFY(!**raw);
        QCOMPARE((*raw)->error().venueCode, QStringLiteral("10002"));
        QCOMPARE((*raw)->error().message, QStringLiteral("OM_ORDER_NOT_FOUND"));
        QVERIFY(PhemexTrading::isEmptyListError((*raw)->error()));
        const auto none = h.trading.parseOpenOrdersReply(**raw);
        QVERIFY(none);
        QVERIFY(none.value().empty());

        // Any other refusal stays a failure, with the venue's words.
        RestError other;
        other.kind = RestError::Kind::Venue;
        other.venueCode = QStringLiteral("39996");
        other.message = QStringLiteral("Access denied.");
        QVERIFY(!PhemexTrading::isEmptyListError(other));
        const auto refused = h.trading.parseOpenOrdersReply(RestClient::Reply::failure(other));
        QVERIFY(!refused);
        QCOMPARE(refused.error().message, QStringLiteral("Access denied."));

        // Once an order rests the same request lists it.
        h.venue.addRestingOrder(QStringLiteral("rest-1"), QStringLiteral("60000"), QStringLiteral("0.01"));
        const auto one = h.openOrdersOf({QStringLiteral("BTCUSDT")});
        QVERIFY2(one, qPrintable(one ? QString() : one.error().message));
        QCOMPARE(one.value().size(), std::size_t(1));
        QCOMPARE(one.value().front().orderId, QStringLiteral("rest-1"));
        QVERIFY(h.venue.verifier().rejections().isEmpty());
    }

    // The session reads a 10002 answer to its open-order list as "none open": it goes Live instead of
    // staying Syncing, and OrderSubmitter::listOpen gives an empty list, not an error.
    void sessionTakesNotFoundAsNoOpenOrders()
    {
        Harness h;
        h.venue.setEmptyListIsNotFound(true);
        QSignalSpy errors(h.session.get(), &TradingSession::errorOccurred);
        QVERIFY(h.startLive());
        QCOMPARE(h.session->snapshotCount(), 1);
        QVERIFY(h.session->store().openOrders().empty());
        for (const QList<QVariant>& error : errors)
            QVERIFY2(!error.first().toString().contains(QLatin1String("OM_ORDER_NOT_FOUND")),
                     qPrintable(error.first().toString()));

        OrderSubmitter submitter(&h.client, &h.trading);
        std::optional<Result<std::vector<Order>, RestError>> listed;
        submitter.listOpen(Category::Linear, QStringLiteral("BTCUSDT"),
                           [&listed](const Result<std::vector<Order>, RestError>& r) { listed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(listed.has_value(), 10'000);
        QVERIFY2(*listed, qPrintable(*listed ? QString() : listed->error().message));
        QVERIFY(listed->value().empty());
    }

    void openOrdersOfEverySymbolAreMerged()
    {
        // Open orders are per symbol at Phemex: two symbols with orders and one without (answered 10002)
        // read as the union, one request per distinct symbol.
        Harness h;
        h.venue.setEmptyListIsNotFound(true);
        h.venue.addRestingOrder(QStringLiteral("btc-1"), QStringLiteral("60000"), QStringLiteral("0.01"));
        h.venue.addRestingOrder(QStringLiteral("eth-1"), QStringLiteral("3000"), QStringLiteral("0.5"),
                                QStringLiteral("ETHUSDT"));
        h.venue.addRestingOrder(QStringLiteral("eth-2"), QStringLiteral("2900"), QStringLiteral("0.5"),
                                QStringLiteral("ETHUSDT"));
        const auto merged = h.openOrdersOf({QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
                                            QStringLiteral("XRPUSDT"), QStringLiteral("BTCUSDT"), QString()});
        QVERIFY2(merged, qPrintable(merged ? QString() : merged.error().message));
        QStringList ids;
        for (const Order& o : merged.value()) {
            ids.append(o.orderId);
            QCOMPARE(o.symbol, o.orderId.startsWith(QLatin1String("eth")) ? QStringLiteral("ETHUSDT")
                                                                          : QStringLiteral("BTCUSDT"));
        }
        ids.sort();
        QCOMPARE(ids,
                 (QStringList{QStringLiteral("btc-1"), QStringLiteral("eth-1"), QStringLiteral("eth-2")}));
        QCOMPARE(h.venue.openOrderQueries(QStringLiteral("BTCUSDT")), 1);
        QCOMPARE(h.venue.openOrderQueries(QStringLiteral("ETHUSDT")), 1);
        QCOMPARE(h.venue.openOrderQueries(QStringLiteral("XRPUSDT")), 1);
        QCOMPARE(h.venue.openOrderQueries(QString()), 0);
        QVERIFY(h.venue.verifier().rejections().isEmpty());
    }

    // The session's snapshot reads the open orders of every symbol of interest, one list per symbol
    // (Phemex has no all-symbols list): an ETHUSDT order placed elsewhere is in the store after the
    // first snapshot and still after a reconnect's reconcile.
    void snapshotReadsEverySymbolOfInterest()
    {
        Harness h;
        h.venue.setEmptyListIsNotFound(true); // BTCUSDT has none: answered 10002
        h.venue.addRestingOrder(QStringLiteral("eth-1"), QStringLiteral("3000"), QStringLiteral("0.5"),
                                QStringLiteral("ETHUSDT"));
        h.trading.addSymbolsOfInterest(Category::Linear, {QStringLiteral("ETHUSDT")});
        QCOMPARE(h.trading.symbolsOfInterest(Category::Linear),
                 (QStringList{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")}));
        QVERIFY(h.startLive());
        QVERIFY(h.openOrder(QStringLiteral("eth-1")));
        QCOMPARE(h.venue.openOrderQueries(QStringLiteral("BTCUSDT")), 1);
        QCOMPARE(h.venue.openOrderQueries(QStringLiteral("ETHUSDT")), 1);

        h.venue.dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QVERIFY(h.openOrder(QStringLiteral("eth-1")));
        QCOMPARE(h.venue.openOrderQueries(QStringLiteral("ETHUSDT")), 2);
        h.session->stop();
    }

    void spotOrdersTradeEndToEnd()
    {
        // Spot over /spot/orders in scaled integers, its pushes on the wo subscription: a limit buy
        // rests (locking its USDT), is amended and cancelled; a market buy fills and moves the spot
        // wallets (fee in the coin received); a drop is reconciled from GET /spot/orders.
        Harness h(QByteArray(PhemexVenue::Secret), {Category::Linear, Category::Spot});
        QVERIFY(h.startLive());
        const auto limit = h.placeSpot(Side::Buy, OrderType::Limit, "0.01", dec("60000"));
        QVERIFY2(limit.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(limit.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(limit.ack->orderId), 10'000);
        const Order* open = h.openOrder(limit.ack->orderId);
        QCOMPARE(open->category, Category::Spot);
        QCOMPARE(open->symbol, QStringLiteral("sBTCUSDT"));
        QCOMPARE(*open->price, dec("60000"));
        QCOMPARE(open->quantity, dec("0.01"));
        QCOMPARE(h.venue.spotLocked(QStringLiteral("USDT")), dec("600"));
        const std::vector<Balance> whileResting = h.spotWallets();
        const auto locked = coinOf(whileResting, "USDT");
        QVERIFY(locked);
        QCOMPARE(locked->walletBalance, dec("100000"));
        QCOMPARE(*locked->available, dec("99400"));

        OrderAmendment amend;
        amend.order = {QStringLiteral("sBTCUSDT"), Category::Spot, limit.ack->orderId, {}};
        amend.price = dec("59000.5");
        QVERIFY(h.amend(amend, h.spot));
        QTRY_COMPARE_WITH_TIMEOUT(*h.openOrder(limit.ack->orderId)->price, dec("59000.5"), 10'000);

        QVERIFY(h.cancel(amend.order));
        QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(limit.ack->orderId), 10'000);
        QCOMPARE(h.venue.spotLocked(QStringLiteral("USDT")), Decimal());

        const auto market = h.placeSpot(Side::Buy, OrderType::Market, "0.01", std::nullopt);
        QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Filled ||
                     market.kind == OrderSubmitter::PlaceOutcome::Kind::Accepted,
                 qPrintable(market.reason));
        QTRY_VERIFY_WITH_TIMEOUT(!h.session->store().fills().empty(), 10'000);
        const Fill fill = h.session->store().fills().front();
        QCOMPARE(fill.category, Category::Spot);
        QCOMPARE(fill.orderId, market.ack->orderId);
        QCOMPARE(fill.price, dec("65000.1"));
        QCOMPARE(fill.quantity, dec("0.01"));
        QCOMPARE(fill.fee, dec("0.00001"));
        QCOMPARE(fill.feeCurrency, QStringLiteral("BTC"));
        const auto wallets = h.spotWallets();
        QCOMPARE(coinOf(wallets, "BTC")->walletBalance, dec("1.00999"));
        QCOMPARE(coinOf(wallets, "USDT")->walletBalance, dec("99349.999"));
        // The contract account is untouched by spot trading.
        QCOMPARE(h.session->store().findBalance(QStringLiteral("USDT"), kContract)->walletBalance,
                 dec("10000"));

        // A resting spot order comes back through the REST reconcile after a drop.
        const auto resting = h.placeSpot(Side::Sell, OrderType::Limit, "0.005", dec("70000"));
        QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
        h.venue.dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QVERIFY(h.openOrder(resting.ack->orderId));
        QCOMPARE(h.venue.openSpotOrderCount(), 1);
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    void spotFillMovesTheSpotWalletBesideTheContractAccount()
    {
        // The wo push of a spot fill carries the spot wallets: the store holds them under "spot" beside
        // the contract account's USDT, which spot trading leaves alone; the order entry reads the spot
        // account for spot orders.
        Harness h(QByteArray(PhemexVenue::Secret), {Category::Linear, Category::Spot});
        QVERIFY(h.startLive());
        const auto market = h.placeSpot(Side::Buy, OrderType::Market, "0.01", std::nullopt);
        QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Filled ||
                     market.kind == OrderSubmitter::PlaceOutcome::Kind::Accepted,
                 qPrintable(market.reason));
        const TradingStore& store = h.session->store();
        // 0.01 BTC at 65000.1 = 650.001 USDT; the 0.1 % fee, 0.00001 BTC, is taken from the BTC received.
        QTRY_VERIFY_WITH_TIMEOUT(store.findBalance(QStringLiteral("USDT"), kSpot) &&
                                     store.findBalance(QStringLiteral("USDT"), kSpot)->walletBalance ==
                                         dec("99349.999"),
                                 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(store.findBalance(QStringLiteral("BTC"), kSpot) &&
                                     store.findBalance(QStringLiteral("BTC"), kSpot)->walletBalance ==
                                         dec("1.00999"),
                                 10'000);
        QCOMPARE(*store.findBalance(QStringLiteral("USDT"), kSpot)->available, dec("99349.999"));
        QCOMPARE(store.findBalance(QStringLiteral("USDT"), kContract)->walletBalance, dec("10000"));
        QVERIFY(!store.findBalance(QStringLiteral("USDT")));
        const QString spotFunds = h.trading.balanceAccountFor(Category::Spot);
        QCOMPARE(store.findBalance(h.spot.quoteAsset, spotFunds)->walletBalance, dec("99349.999"));
        QCOMPARE(
            store.findBalance(h.btc.quoteAsset, h.trading.balanceAccountFor(Category::Linear))->walletBalance,
            dec("10000"));
        h.session->stop();
    }

    void snapshotReadsSpotWalletsBesideTheContractAccount()
    {
        // Both accounts come with the snapshot, and again with the reconcile after a reconnect: a spot
        // wallet that changed while the stream was down (no push) shows its new balance.
        Harness h(QByteArray(PhemexVenue::Secret), {Category::Linear, Category::Spot});
        QVERIFY(h.startLive());
        const TradingStore& store = h.session->store();
        QVERIFY(store.findBalance(QStringLiteral("USDT"), kSpot));
        QCOMPARE(store.findBalance(QStringLiteral("USDT"), kSpot)->walletBalance, dec("100000"));
        QCOMPARE(store.findBalance(QStringLiteral("BTC"), kSpot)->walletBalance, dec("1"));
        QCOMPARE(store.findBalance(QStringLiteral("USDT"), kContract)->walletBalance, dec("10000"));

        h.venue.dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.setSpotBalance(QStringLiteral("USDT"), dec("100250.5"));
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(store.findBalance(QStringLiteral("USDT"), kSpot)->walletBalance, dec("100250.5"));
        QCOMPARE(store.findBalance(QStringLiteral("BTC"), kSpot)->walletBalance, dec("1"));
        QCOMPARE(store.findBalance(QStringLiteral("USDT"), kContract)->walletBalance, dec("10000"));
        QCOMPARE(store.balances().size(), std::size_t(3));
        QVERIFY2(h.venue.verifier().rejections().isEmpty(),
                 qPrintable(h.venue.verifier().rejections().join(',')));
        h.session->stop();
    }

    // Coin-margined BTCUSD: the session reads the product scales, the BTC account and BTCUSD's open
    // orders and positions; a limit order goes live on the aop push, is amended and cancelled.
    void coinMarginedLimitOrderGoesLiveThenAmendAndCancel()
    {
        Harness h(QByteArray(PhemexVenue::Secret), {Category::Inverse});
        QVERIFY(h.startLive());
        QCOMPARE(h.venue.productQueries(), 1);
        const Balance* btc = h.session->store().findBalance(QStringLiteral("BTC"), kContract);
        QVERIFY(btc);
        QCOMPARE(btc->walletBalance, dec("1"));

        const auto placed = h.placeCoin(Side::Buy, OrderType::Limit, "10", dec("60000.5"));
        QVERIFY2(placed.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(placed.reason));
        const QString id = placed.ack->orderId;
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(id), 10'000);
        const Order* live = h.openOrder(id);
        QCOMPARE(live->category, Category::Inverse);
        QCOMPARE(*live->price, dec("60000.5"));
        QCOMPARE(live->quantity, dec("10"));
        QCOMPARE(live->clientOrderId, placed.request.clientOrderId);
        QVERIFY(h.venue.verifier().rejections().isEmpty());

        OrderAmendment amend;
        amend.order = {QStringLiteral("BTCUSD"), Category::Inverse, id, {}};
        amend.price = dec("60100");
        amend.quantity = dec("20");
        QVERIFY(h.amend(amend, h.coin));
        QTRY_VERIFY_WITH_TIMEOUT(
            *h.openOrder(id)->price == dec("60100") && h.openOrder(id)->quantity == dec("20"), 10'000);

        QVERIFY(h.cancel(amend.order));
        QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(id), 10'000);
        QCOMPARE(h.closedOrder(id)->status, OrderStatus::Cancelled);
        QCOMPARE(h.venue.openCoinOrderCount(), 0);
        QVERIFY(h.venue.verifier().rejections().isEmpty());
        h.session->stop();
    }

    void coinMarginedFillMovesPositionAndBtcBalance()
    {
        Harness h(QByteArray(PhemexVenue::Secret), {Category::Linear, Category::Inverse});
        QVERIFY(h.startLive());
        QVERIFY(h.session->store().findBalance(QStringLiteral("USDT"), kContract));
        QCOMPARE(h.session->store().findBalance(QStringLiteral("BTC"), kContract)->walletBalance, dec("1"));

        const auto filled = h.placeCoin(Side::Buy, OrderType::Market, "100", std::nullopt);
        QVERIFY2(filled.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(filled.reason));
        QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findPosition(QStringLiteral("BTCUSD")) &&
                                     h.session->store().findPosition(QStringLiteral("BTCUSD"))->size ==
                                         dec("100"),
                                 10'000);
        const Position* p = h.session->store().findPosition(QStringLiteral("BTCUSD"));
        QCOMPARE(p->category, Category::Inverse);
        QCOMPARE(p->side, std::optional<Side>(Side::Buy));
        QCOMPARE(*p->entryPrice, dec("65000"));
        // 100 contracts of 1 USD at 65000: 153846 satoshis; 0.075 % of it: 115 satoshis of fee.
        const qint64 feeEv = PhemexVenue::coinFeeEv(100, 650'000'000);
        QCOMPARE(feeEv, qint64(115));
        QTRY_COMPARE_WITH_TIMEOUT(
            h.session->store().findBalance(QStringLiteral("BTC"), kContract)->walletBalance,
            dec("0.99999885"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(h.session->store().fills().begin(), h.session->store().fills().end(),
                        [&](const Fill& f) {
                            return f.orderId == filled.ack->orderId && f.price == dec("65000") &&
                                   f.quantity == dec("100") && f.fee == dec("0.00000115") &&
                                   f.feeCurrency == QLatin1String("BTC");
                        }),
            10'000);
        // The USDT account is untouched by a coin-margined fill.
        QCOMPARE(h.session->store().findBalance(QStringLiteral("USDT"), kContract)->walletBalance,
                 dec("10000"));
        h.session->stop();
    }

    void coinMarginedRejectionArrivesVerbatim()
    {
        Harness h(QByteArray(PhemexVenue::Secret), {Category::Inverse});
        QVERIFY(h.startLive());
        h.venue.rejectNextOrder(11001, QStringLiteral("TE_NO_ENOUGH_AVAILABLE_BALANCE"));
        const auto refused = h.placeCoin(Side::Sell, OrderType::Limit, "5000", dec("70000"));
        QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->venueCode, QStringLiteral("11001"));
        QCOMPARE(refused.error->message, QStringLiteral("TE_NO_ENOUGH_AVAILABLE_BALANCE"));
        // A fraction of a contract (off the lot of 1) is refused before anything is sent.
        const int before = h.venue.verifier().accepted();
        const auto fractional = h.placeCoin(Side::Buy, OrderType::Limit, "1.5", dec("60000"));
        QCOMPARE(fractional.kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
        QVERIFY(!fractional.violations.empty());
        QCOMPARE(h.venue.verifier().accepted(), before);
        QCOMPARE(h.venue.openCoinOrderCount(), 0);

        // The same client order id twice: 11085 makes the submitter look the order up, not place it again.
        const auto first = h.placeCoin(Side::Buy, OrderType::Limit, "4", dec("59000"));
        QCOMPARE(first.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
        const auto out = h.submit(first.request, h.coin, dec("65000"));
        QVERIFY(out.outcomeWasUnknown);
        QCOMPARE(out.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
        QCOMPARE(out.order->orderId, first.ack->orderId);
        QCOMPARE(*out.order->price, dec("59000"));
        QCOMPARE(h.venue.openCoinOrderCount(), 1);
        h.session->stop();
    }

    void coinMarginedStreamDropReconnectsAndReconciles()
    {
        Harness h(QByteArray(PhemexVenue::Secret), {Category::Inverse});
        QVERIFY(h.startLive());
        QCOMPARE(h.session->snapshotCount(), 1);
        h.venue.dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.addRestingCoinOrder(QStringLiteral("coin-elsewhere-1"), QStringLiteral("61000.5"), 30);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QCOMPARE(h.venue.acceptedLogins(), 2);
        const Order* seen = h.openOrder(QStringLiteral("coin-elsewhere-1"));
        QVERIFY(seen);
        QCOMPARE(*seen->price, dec("61000.5"));
        QCOMPARE(seen->quantity, dec("30"));
        const auto placed = h.placeCoin(Side::Sell, OrderType::Limit, "3", dec("70000"));
        QCOMPARE(placed.kind, OrderSubmitter::PlaceOutcome::Kind::Live);
        QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(placed.ack->orderId), 10'000);
        h.session->stop();
    }

    // A contract settled in another coin (cETHUSD in ETH) has its position in that coin's account: the
    // snapshot reads it too (morePositionsRequests), so it is there from the start and still there after
    // a reconnect, whose snapshot replaces the store's positions.
    void positionsSettledInAnotherCoinSurviveEverySnapshot()
    {
        Harness h(QByteArray(PhemexVenue::Secret), {Category::Inverse});
        h.trading.addSymbolsOfInterest(Category::Inverse, {QStringLiteral("cETHUSD")});
        h.venue.setEthPosition(-25);
        QVERIFY(h.startLive());
        const auto ethLeg = [&h] { return h.session->store().findPosition(QStringLiteral("cETHUSD")); };
        QVERIFY(ethLeg());
        QCOMPARE(ethLeg()->size, dec("25"));
        QCOMPARE(ethLeg()->side, std::optional<Side>(Side::Sell));
        h.venue.dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(h.session->state() != TradingSession::State::Live, 10'000);
        h.venue.setEthPosition(-40);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
        QVERIFY(ethLeg());
        QCOMPARE(ethLeg()->size, dec("40"));
        h.session->stop();
    }

    void wrongSecretFailsTheLoginWithTheVenuesText()
    {
        Harness h("not-the-secret");
        QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
        h.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(h.session->state(), TradingSession::State::AuthFailed, 15'000);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("6012 invalid login token"));
        QCOMPARE(h.venue.acceptedLogins(), 0);
    }

    void publicStreamDropKeepsTheBookDownUntilANewSnapshot()
    {
        PhemexVenue venue;
        PhemexMarketData adapter;
        LoopbackFeed f(adapter, Category::Linear, venue.streamUrl(), venue.restUrl());
        f.startBook(QStringLiteral("BTCUSDT"));
        QTRY_VERIFY_WITH_TIMEOUT(f.store.findBook("BTCUSDT") && f.store.findBook("BTCUSDT")->isLive(),
                                 10'000);
        QCOMPARE(*f.store.findBook("BTCUSDT")->bestBid(), dec("64999.9"));
        QCOMPARE(venue.bookSubscriptions(), 1);

        venue.pushBookIncrement(5'000'000,
                                QJsonArray{QJsonArray{QStringLiteral("65000.0"), QStringLiteral("0.3")}},
                                QJsonArray{});
        QTRY_COMPARE_WITH_TIMEOUT(*f.store.findBook("BTCUSDT")->bestBid(), dec("65000.0"), 10'000);

        // An increment older than the last one: the stream is out of order, the book is rebuilt by
        // resubscribing (a new snapshot).
        venue.pushBookIncrement(
            4'999'999, QJsonArray{QJsonArray{QStringLiteral("64000"), QStringLiteral("1")}}, QJsonArray{});
        QTRY_COMPARE_WITH_TIMEOUT(venue.bookSubscriptions(), 2, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(f.store.findBook("BTCUSDT")->isLive(), 10'000);
        QCOMPARE(*f.store.findBook("BTCUSDT")->bestBid(), dec("64999.9"));

        venue.dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(!f.store.findBook("BTCUSDT")->isLive(), 10'000);
        // Back only with the snapshot of the new subscription.
        QTRY_VERIFY_WITH_TIMEOUT(f.store.findBook("BTCUSDT")->isLive(), 15'000);
        QCOMPARE(venue.bookSubscriptions(), 3);
        f.feed.stop();
    }
};

QTEST_GUILESS_MAIN(TestPhemexVenue)
#include "tst_phemexvenue.moc"
