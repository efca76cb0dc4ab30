// TradingSession against the real demo venue: the private stream's login, subscriptions and pushes,
// REST snapshots at every (re)connect, and the store they keep, compared with the venue's REST answers.

#include "exchanges/bybit/bybitstreamprotocol.h"
#include "exchanges/bybit/bybittrading.h"
#include "exchanges/core/noncestore.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "exchanges/demo/demomarket.h"
#include "exchanges/demo/demovenue.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

struct Harness
{
    explicit Harness(QByteArray secret = DemoVenue::demoCredentials().secret)
        : client(&network)
    {
        DemoVenue::Options o;
        o.seed = 7;
        venue = std::make_unique<DemoVenue>(o);
        if (!venue->start())
            qFatal("demo venue does not start: %s", qPrintable(venue->errorString()));
        venue->setPaused(true); // REST and stream show the same state; the market moves only when told
        trading = std::make_unique<BybitTrading>(venue->restUrl());
        client.setNonceStore(std::make_shared<NonceStore>(dir.filePath(QStringLiteral("nonces.json"))));
        const QString key = DemoVenue::demoCredentials().key;
        auto provider = [key, secret](const QString&, Environment,
                                      const SignedRestClient::CredentialsCallback& done) {
            done(Credentials(key, secret));
        };
        client.setCredentialsProvider(provider);
        TradingSession::Config config;
        config.venue = QStringLiteral("bybit");
        config.restUrl = venue->restUrl();
        config.privateStreamUrl = venue->privateStreamUrl();
        config.protocol = &protocol;
        // Like the keychain, the stream's credentials arrive later (the login cannot ride ahead of the
        // subscriptions StreamClient sends right after connecting).
        config.credentials = [provider](const QString& v, Environment e,
                                        const SignedRestClient::CredentialsCallback& done) {
            QTimer::singleShot(0, [provider, v, e, done] { provider(v, e, done); });
        };
        config.streamOptions.initialBackoff = std::chrono::milliseconds(800);
        config.streamOptions.jitter = 0;
        session = std::make_unique<TradingSession>(&client, trading.get(), config);
        for (const Instrument& i : venue->instruments(Category::Linear)) {
            if (i.symbol == QLatin1String("BTCUSDT"))
                btc = i;
        }
    }

    template <typename T, typename Parse> std::vector<T> rest(const SignedRequest& request, Parse parse)
    {
        auto out = std::make_shared<std::optional<std::vector<T>>>();
        client.send(request, [out, parse](const SignedRestClient::Reply& reply) {
            if (!reply)
                qFatal("REST failed: %s", qPrintable(reply.error().message));
            auto parsed = parse(reply.value());
            if (!parsed)
                qFatal("REST parse failed: %s", qPrintable(parsed.error().message));
            *out = parsed.value();
        });
        if (!QTest::qWaitFor([out] { return out->has_value(); }, 15'000))
            qFatal("REST timed out");
        return **out;
    }
    std::vector<Order> restOpenOrders()
    {
        auto v = rest<Order>(trading->openOrdersRequest(Category::Linear, {}),
                             [this](const QJsonDocument& d) { return trading->parseOrders(d); });
        std::sort(v.begin(), v.end(), [](const Order& a, const Order& b) {
            return a.createdMs != b.createdMs ? a.createdMs < b.createdMs : a.orderId < b.orderId;
        });
        return v;
    }
    std::vector<Position> restPositions()
    {
        auto v = rest<Position>(trading->positionsRequest(Category::Linear, {}),
                                [this](const QJsonDocument& d) { return trading->parsePositions(d); });
        std::sort(v.begin(), v.end(),
                  [](const Position& a, const Position& b) { return a.symbol < b.symbol; });
        return v;
    }
    std::vector<Balance> restBalances()
    {
        auto v = rest<Balance>(trading->balancesRequest(),
                               [this](const QJsonDocument& d) { return trading->parseBalances(d); });
        std::sort(v.begin(), v.end(), [](const Balance& a, const Balance& b) { return a.coin < b.coin; });
        return v;
    }
    std::vector<Fill> restFills()
    {
        return rest<Fill>(trading->executionsRequest(Category::Linear, {}),
                          [this](const QJsonDocument& d) { return trading->parseFills(d); });
    }

    // Places through the session and waits for the outcome.
    OrderSubmitter::PlaceOutcome place(Side side, OrderType type, const char* qty,
                                       std::optional<Decimal> price)
    {
        OrderRequest r;
        r.symbol = QStringLiteral("BTCUSDT");
        r.side = side;
        r.type = type;
        r.quantity = dec(qty);
        r.price = price;
        auto out = std::make_shared<std::optional<OrderSubmitter::PlaceOutcome>>();
        session->placeOrder(r, btc, book().price(book().bestAsk()),
                            [out](const OrderSubmitter::PlaceOutcome& o) { *out = o; });
        if (!QTest::qWaitFor([out] { return out->has_value(); }, 15'000))
            qFatal("place timed out");
        return **out;
    }

    DemoMarket::Book& book() { return *venue->market()->find(Category::Linear, QStringLiteral("BTCUSDT")); }

    QTemporaryDir dir;
    QNetworkAccessManager network;
    SignedRestClient client;
    BybitStreamProtocol protocol;
    std::unique_ptr<DemoVenue> venue;
    std::unique_ptr<BybitTrading> trading;
    std::unique_ptr<TradingSession> session;
    Instrument btc;
};

} // namespace

class TestTradingSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mirrorsRestFollowsTheStreamAndReconcilesAfterADrop();
    void wrongSecretFailsOnceWithTheVenuesText();
};

void TestTradingSession::mirrorsRestFollowsTheStreamAndReconcilesAfterADrop()
{
    Harness h;
    QVERIFY(!h.btc.symbol.isEmpty());
    // An order resting before the session starts: the connect snapshot must bring it.
    const std::int64_t nearTicks = h.book().bid(3).priceTicks;
    const auto first = h.place(Side::Buy, OrderType::Limit, "0.01", h.book().price(nearTicks));
    QVERIFY2(first.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(first.reason));
    const QString firstId = first.ack->orderId;

    QSignalSpy states(h.session.get(), &TradingSession::stateChanged);
    h.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::Live, 15'000);
    QCOMPARE(h.session->snapshotCount(), 1);
    QCOMPARE(h.session->authAttempts(), 1);
    QVERIFY(states.contains(QVariantList{QVariant::fromValue(TradingSession::State::Authenticating)}));
    QVERIFY(states.contains(QVariantList{QVariant::fromValue(TradingSession::State::Syncing)}));
    QCOMPARE(h.session->store().openOrders(), h.restOpenOrders());
    QCOMPARE(h.session->store().openOrders().size(), std::size_t(1));
    QCOMPARE(h.session->store().positions(), h.restPositions());
    QCOMPARE(h.session->store().balances(), h.restBalances());
    const Decimal usdtBefore = h.session->store().findBalance(QStringLiteral("USDT"))->walletBalance;

    // A new limit order arrives through the stream (no second snapshot).
    const std::int64_t farTicks = h.book().bestBid() * 98 / 100;
    const auto second = h.place(Side::Buy, OrderType::Limit, "0.02", h.book().price(farTicks));
    QVERIFY2(second.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(second.reason));
    const QString secondId = second.ack->orderId;
    QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findOpenOrder(secondId), 10'000);
    QCOMPARE(h.session->store().findOpenOrderByClientId(second.request.clientOrderId)->orderId, secondId);
    QCOMPARE(h.session->snapshotCount(), 1);

    // A market order opens a position and moves the balance (its fee), both pushed.
    const auto market = h.place(Side::Buy, OrderType::Market, "0.01", std::nullopt);
    QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(market.reason));
    QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findPosition(QStringLiteral("BTCUSDT")) &&
                                 h.session->store().findPosition(QStringLiteral("BTCUSDT"))->size ==
                                     dec("0.01"),
                             10'000);
    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->store().findBalance(QStringLiteral("USDT"))->walletBalance != usdtBefore, 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(h.session->store().fills().begin(), h.session->store().fills().end(),
                                         [&](const Fill& f) { return f.orderId == market.ack->orderId; }),
                             10'000);
    QCOMPARE(h.session->snapshotCount(), 1);

    // The venue drops the stream; while it is down the first order fills and the second is cancelled.
    h.venue->dropConnections();
    QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::Reconnecting, 10'000);
    std::int64_t lots = 0;
    for (std::size_t i = 0; i < h.book().bidCount() && h.book().bid(i).priceTicks >= nearTicks; ++i)
        lots += h.book().bid(i).lots;
    (void)h.book().executeTaker(Side::Sell, lots + 1, h.venue->nowMs());
    auto cancelled = std::make_shared<bool>(false);
    h.session->cancelOrder({QStringLiteral("BTCUSDT"), Category::Linear, secondId, {}},
                           [cancelled](const Result<OrderAck, RestError>& r) { *cancelled = bool(r); });
    QTRY_VERIFY_WITH_TIMEOUT(*cancelled, 10'000);
    QVERIFY(h.session->state() != TradingSession::State::Live); // still in the gap
    QVERIFY(h.session->store().findOpenOrder(firstId));

    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 20'000);
    QCOMPARE(h.session->authAttempts(), 2);
    QCOMPARE(h.session->store().openOrders(), h.restOpenOrders());
    QVERIFY(h.session->store().openOrders().empty());
    QCOMPARE(h.session->store().positions(), h.restPositions());
    QCOMPARE(h.session->store().findPosition(QStringLiteral("BTCUSDT"))->size, dec("0.02"));
    QCOMPARE(h.session->store().balances(), h.restBalances());
    // The final states, from the venue's history.
    QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findClosedOrder(firstId) &&
                                 h.session->store().findClosedOrder(firstId)->status == OrderStatus::Filled,
                             10'000);
    QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findClosedOrder(secondId) &&
                                 h.session->store().findClosedOrder(secondId)->status ==
                                     OrderStatus::Cancelled,
                             10'000);
    // Every execution the venue lists is held exactly once, including the one made during the gap.
    const std::vector<Fill> venueFills = h.restFills();
    QVERIFY(venueFills.size() >= 2);
    QSet<QString> seen;
    for (const Fill& f : h.session->store().fills()) {
        QVERIFY2(!seen.contains(f.executionId), qPrintable(f.executionId));
        seen.insert(f.executionId);
    }
    for (const Fill& f : venueFills)
        QVERIFY2(seen.contains(f.executionId), qPrintable(f.executionId));
    QCOMPARE(std::size_t(seen.size()), venueFills.size());
    QVERIFY(std::any_of(venueFills.begin(), venueFills.end(),
                        [&](const Fill& f) { return f.orderId == firstId; }));

    // After the reconnect the subscriptions are live again (sent after the new login): pushes arrive.
    const auto third = h.place(Side::Buy, OrderType::Limit, "0.03", h.book().price(farTicks));
    QVERIFY2(third.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(third.reason));
    QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findOpenOrder(third.ack->orderId), 10'000);
    QCOMPARE(h.session->snapshotCount(), 2);
    h.session->stop();
}

void TestTradingSession::wrongSecretFailsOnceWithTheVenuesText()
{
    Harness h("not-the-secret");
    QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
    h.session->start();
    QString venueText;
    connect(h.session->stream(), &StreamClient::frameReceived, this, [&venueText](const QByteArray& frame) {
        const QJsonObject o = QJsonDocument::fromJson(frame).object();
        if (o.value(QLatin1String("op")).toString() == QLatin1String("auth"))
            venueText = o.value(QLatin1String("ret_msg")).toString();
    });
    QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::AuthFailed, 15'000);
    QCOMPARE(failed.size(), 1);
    QVERIFY(!venueText.isEmpty());
    QCOMPARE(failed.at(0).at(0).toString(), venueText);
    // Not retried: the stream is closed for good and the venue sees no connection.
    QCOMPARE(h.session->stream()->state(), StreamClient::State::Closed);
    QTRY_COMPARE_WITH_TIMEOUT(h.venue->connectionCount(), 0, 10'000);
    QCOMPARE(h.session->authAttempts(), 1);
    QCOMPARE(h.session->snapshotCount(), 0);
    QCOMPARE(failed.size(), 1);
}

QTEST_GUILESS_MAIN(TestTradingSession)
#include "tst_tradingsession.moc"
