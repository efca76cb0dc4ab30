// BitMEX end to end against a loopback BitMEX (tests/support/bitmexvenue.h): TradingSession and
// OrderSubmitter over signed REST and the authKeyExpires private stream, and MarketDataFeed over the
// public orderBookL2 stream.

#include "exchanges/bitmex/bitmexmarketdata.h"
#include "exchanges/bitmex/bitmexstreamprotocol.h"
#include "exchanges/bitmex/bitmextrading.h"
#include "exchanges/core/marketdatafeed.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "support/bitmexvenue.h"
#include "support/clirun.h"
#include "support/venueharness.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

using tradingtest::dec;

const QString kKey = QStringLiteral("LAqUlngMIQkIUjXMUreyu3qn");
const QByteArray kSecret = "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO";

using BitmexParts = LoopbackParts<BitmexVenue, BitmexTrading, BitmexStreamProtocol>;

// Reconnects 500 ms apart.
VenueHarness::Config bitmexConfig(const BitmexParts& bitmex, QByteArray secret)
{
    VenueHarness::Config config(QStringLiteral("bitmex"), bitmex.venue.restUrl(), bitmex.venue.streamUrl(),
                                &bitmex.protocol, {Category::Inverse}, Credentials(kKey, secret),
                                VenueHarness::listed("bitmex", "XBTUSD", Category::Inverse, "0.5", "100"),
                                dec("36000.5"));
    config.initialBackoff = std::chrono::milliseconds(500);
    return config;
}

struct Harness : BitmexParts, VenueHarness
{
    explicit Harness(QByteArray secret = kSecret)
        : BitmexParts(kKey, kSecret)
        , VenueHarness(trading, bitmexConfig(*this, secret))
    {}
};

} // namespace

class TestBitmexVenue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tradesAndRecoversThroughTheSession();
    void wrongSecretFailsWithBitmexText();
    void publicDropAndUnknownLevelRebuildTheBook();
    void fifteenMinuteCandlesFromFiveMinuteBins();
    void cliPlacesListsAndCancels();
    void rateLimitIsReportedWithBitmexText();

private:
    QTemporaryDir m_home;
};

void TestBitmexVenue::tradesAndRecoversThroughTheSession()
{
    Harness h;
    QVERIFY(h.startLive());
    QCOMPARE(h.venue.acceptedStreamLogins(), 1);
    QVERIFY(h.venue.verifier().accepted() >= 4); // the snapshot's signed reads
    QVERIFY2(h.venue.verifier().rejections().isEmpty(),
             qPrintable(h.venue.verifier().rejections().join(", ")));
    QCOMPARE(h.session->store().findBalance(QStringLiteral("XBT"))->walletBalance, dec("1"));

    // A post-only limit rests: Live, and the private stream brings it into the store.
    const auto resting = h.place(Side::Buy, OrderType::Limit, "200", dec("35990.5"), TimeInForce::PostOnly);
    QVERIFY2(resting.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(resting.reason));
    const QString restingId = resting.ack->orderId;
    QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(restingId), 10'000);
    QCOMPARE(h.openOrder(restingId)->timeInForce, TimeInForce::PostOnly);
    QCOMPARE(*h.openOrder(restingId)->price, dec("35990.5"));

    // Amend: the stream's partial update row keeps the rest of the order.
    OrderAmendment amend;
    amend.order = {QStringLiteral("XBTUSD"), Category::Inverse, restingId, {}};
    amend.price = dec("35980");
    amend.quantity = dec("300");
    QVERIFY(h.amend(amend));
    QTRY_VERIFY_WITH_TIMEOUT(*h.openOrder(restingId)->price == dec("35980"), 10'000);
    QCOMPARE(h.openOrder(restingId)->quantity, dec("300"));
    QCOMPARE(h.openOrder(restingId)->side, Side::Buy);

    // Cancel.
    QVERIFY(h.cancel(amend.order));
    QTRY_VERIFY_WITH_TIMEOUT(!h.openOrder(restingId), 10'000);
    QCOMPARE(h.closedOrder(restingId)->status, OrderStatus::Cancelled);

    // A market order fills: fill, position and margin pushed.
    const auto market = h.place(Side::Buy, OrderType::Market, "500", std::nullopt);
    QVERIFY2(market.kind == OrderSubmitter::PlaceOutcome::Kind::Filled, qPrintable(market.reason));
    QTRY_VERIFY_WITH_TIMEOUT(h.position() && h.position()->size == dec("500"), 10'000);
    QCOMPARE(h.position()->side, std::optional(Side::Buy));
    QTRY_VERIFY_WITH_TIMEOUT(h.session->store().findBalance(QStringLiteral("XBT"))->walletBalance != dec("1"),
                             10'000);
    // 500 USD at 36001 is 1388850 XBt; the 0.075 % fee 1042 XBt, exactly 0.00001042 XBT.
    QCOMPARE(h.session->store().findBalance(QStringLiteral("XBT"))->walletBalance, dec("0.99998958"));
    QTRY_VERIFY_WITH_TIMEOUT(!h.session->store().fills().empty(), 10'000);
    QCOMPARE(h.session->store().fills().front().orderId, market.ack->orderId);
    QCOMPARE(h.session->store().fills().front().fee, dec("0.00001042"));

    // Cancelling the filled order: BitMEX answers 200 with the order and its own refusal text.
    const auto refusedCancel = h.cancel(market.ack->orderId);
    QVERIFY(!refusedCancel);
    QCOMPARE(refusedCancel.error().message,
             QStringLiteral("Unable to cancel order due to existing state: Filled"));

    // A rejection arrives with BitMEX's own name and message.
    const auto refused = h.place(Side::Buy, OrderType::Limit, "2000000", dec("35000"));
    QCOMPARE(refused.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
    QVERIFY(refused.error);
    QCOMPARE(refused.error->venueCode, QStringLiteral("ValidationError"));
    QCOMPARE(refused.error->message,
             QStringLiteral("Account has insufficient Available Balance, 555540123 XBt required"));

    // The private stream drops; while it is down the venue cancels a resting order.
    const auto second = h.place(Side::Sell, OrderType::Limit, "100", dec("36100"));
    QVERIFY2(second.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(second.reason));
    QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(second.ack->orderId), 10'000);
    h.venue.dropPrivateStreams();
    QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::Reconnecting, 10'000);
    h.venue.cancelAllOnVenue();
    QVERIFY(h.openOrder(second.ack->orderId)); // nobody told the session yet
    QTRY_VERIFY_WITH_TIMEOUT(
        h.session->state() == TradingSession::State::Live && h.session->snapshotCount() == 2, 15'000);
    QCOMPARE(h.session->authAttempts(), 2);
    QCOMPARE(h.venue.acceptedStreamLogins(), 2);
    QVERIFY(h.session->store().openOrders().empty());
    QTRY_VERIFY_WITH_TIMEOUT(h.closedOrder(second.ack->orderId) &&
                                 h.closedOrder(second.ack->orderId)->status == OrderStatus::Cancelled,
                             10'000);
    QCOMPARE(h.position()->size, dec("500"));
    QVERIFY2(h.venue.verifier().rejections().isEmpty(),
             qPrintable(h.venue.verifier().rejections().join(", ")));

    // Pushes flow again after the re-login.
    const auto third = h.place(Side::Buy, OrderType::Limit, "100", dec("35000"));
    QVERIFY2(third.kind == OrderSubmitter::PlaceOutcome::Kind::Live, qPrintable(third.reason));
    QTRY_VERIFY_WITH_TIMEOUT(h.openOrder(third.ack->orderId), 10'000);
    QCOMPARE(h.session->snapshotCount(), 2);
    h.session->stop();
}

void TestBitmexVenue::wrongSecretFailsWithBitmexText()
{
    Harness h("not-the-secret");
    QSignalSpy failed(h.session.get(), &TradingSession::authFailed);
    h.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(h.session->state() == TradingSession::State::AuthFailed, 15'000);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("Signature not valid."));
    QCOMPARE(h.venue.streamLogins(), 1);
    QCOMPARE(h.venue.acceptedStreamLogins(), 0);
    QCOMPARE(h.session->snapshotCount(), 0);
}

void TestBitmexVenue::publicDropAndUnknownLevelRebuildTheBook()
{
    BitmexVenue venue(kKey, kSecret);
    BitmexMarketData adapter;
    LoopbackFeed f(adapter, Category::Inverse, venue.streamUrl(), venue.restUrl());
    f.startBook(QStringLiteral("XBTUSD"), 50);
    QTRY_VERIFY_WITH_TIMEOUT(f.store.findBook("XBTUSD") && f.store.findBook("XBTUSD")->isLive(), 15'000);
    QTRY_VERIFY_WITH_TIMEOUT(f.feed.instrument(QStringLiteral("XBTUSD")), 15'000);
    QCOMPARE(f.feed.instrument(QStringLiteral("XBTUSD"))->tickSize, dec("0.5"));
    QCOMPARE(*f.store.findBook("XBTUSD")->bestAsk(), dec("36001"));
    QCOMPARE(*f.store.findBook("XBTUSD")->bestBid(), dec("36000"));
    QCOMPARE(venue.bookPartials(), 1);

    // An update for a level id never announced: resyncing, resubscribed, rebuilt from the new partial.
    QSignalSpy states(&f.feed, &MarketDataFeed::bookStateChanged);
    venue.pushUpdateForUnknownLevel();
    QTRY_VERIFY_WITH_TIMEOUT(venue.bookPartials() == 2, 10'000);
    QVERIFY(states.size() >= 1);
    QCOMPARE(states.at(0).at(1).value<OrderBook::State>(), OrderBook::State::Resyncing);
    QVERIFY(venue.received.contains(R"({"args":["orderBookL2:XBTUSD"],"op":"unsubscribe"})"));
    QTRY_VERIFY_WITH_TIMEOUT(f.store.findBook("XBTUSD")->isLive(), 10'000);

    // The public stream drops: the book is not live until the new connection's partial.
    venue.dropPublicStreams();
    QTRY_VERIFY_WITH_TIMEOUT(!f.store.findBook("XBTUSD")->isLive(), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(venue.bookPartials() == 3, 15'000);
    QTRY_VERIFY_WITH_TIMEOUT(f.store.findBook("XBTUSD")->isLive(), 10'000);
    QCOMPARE(*f.store.findBook("XBTUSD")->bestAsk(), dec("36001"));
}

void TestBitmexVenue::fifteenMinuteCandlesFromFiveMinuteBins()
{
    // A 15m chart on BitMEX: history from /trade/bucketed?binSize=5m folded into 15m, then the
    // tradeBin5m pushes carry the newest 15m candle on until it closes.
    BitmexVenue venue(kKey, kSecret);
    BitmexMarketData adapter;
    MarketStore store;
    QNetworkAccessManager network;
    MarketDataFeed::Options options;
    options.streamUrl = venue.streamUrl();
    options.restUrl = venue.restUrl();
    MarketDataFeed feed(adapter, Category::Inverse, store, &network, options);
    ChannelRequest candles;
    candles.channel = Channel::Candles;
    candles.symbol = QStringLiteral("XBTUSD");
    candles.interval = CandleInterval::FifteenMinutes;
    feed.subscribe({candles});
    feed.start();
    const auto fifteens = [&store] {
        return store.findCandles(QStringLiteral("XBTUSD"), CandleInterval::FifteenMinutes);
    };
    QTRY_VERIFY_WITH_TIMEOUT(fifteens() && fifteens()->size() == 2, 15'000);
    QCOMPARE(venue.lastBucketedQuery().queryItemValue(QStringLiteral("binSize")), QStringLiteral("5m"));
    QVERIFY(!venue.lastBucketedQuery().hasQueryItem(QStringLiteral("columns")));
    // The bins open 03:05 .. 03:30: 03:00 lacks its first bin (left out), 03:15 is whole, 03:30 began.
    const auto at = [](const char* t) { return *BitmexMarketData::parseTimestamp(t); };
    QCOMPARE(fifteens()->at(0).openTimeMs, at("2026-11-26T03:15:00.000Z"));
    QCOMPARE(fifteens()->at(0).open, dec("36015"));
    QCOMPARE(fifteens()->at(0).close, dec("36000.5"));
    QCOMPARE(fifteens()->at(0).volume, dec("0.75"));
    QVERIFY(fifteens()->at(0).closed);
    QCOMPARE(fifteens()->at(1).openTimeMs, at("2026-11-26T03:30:00.000Z"));
    QCOMPARE(fifteens()->at(1).close, dec("36090"));
    QTRY_VERIFY_WITH_TIMEOUT(venue.received.contains(R"({"args":["tradeBin5m:XBTUSD"],"op":"subscribe"})"),
                             10'000);

    venue.addFiveMinuteBin(QStringLiteral("2026-11-26T03:40:00.000Z"), 36090, 36200, 36080, 36150, 0.5);
    QTRY_COMPARE_WITH_TIMEOUT(fifteens()->back().close, dec("36150"), 10'000);
    QCOMPARE(fifteens()->size(), std::size_t(2));
    QCOMPARE(fifteens()->back().open, dec("36000.5"));
    QCOMPARE(fifteens()->back().high, dec("36200"));
    QCOMPARE(fifteens()->back().volume, dec("0.75"));
    QVERIFY(!fifteens()->back().closed);
    venue.addFiveMinuteBin(QStringLiteral("2026-11-26T03:45:00.000Z"), 36150, 36160, 35900, 35950, 0.125);
    QTRY_VERIFY_WITH_TIMEOUT(fifteens()->back().closed, 10'000);
    QCOMPARE(fifteens()->back().low, dec("35900"));
    QCOMPARE(fifteens()->back().close, dec("35950"));
    QCOMPARE(fifteens()->back().volume, dec("0.875"));
    // The 5m bins themselves are candles too.
    QVERIFY(store.findCandles(QStringLiteral("XBTUSD"), CandleInterval::FiveMinutes));
}

void TestBitmexVenue::cliPlacesListsAndCancels()
{
    BitmexVenue venue(kKey, kSecret);
    const VenueCli cli(m_home, QStringLiteral("BITMEX"), kKey, kSecret, venue.restUrl());
    auto run = cli({QStringLiteral("place"), QStringLiteral("bitmex"), QStringLiteral("--category"),
                    QStringLiteral("inverse"), QStringLiteral("--symbol"), QStringLiteral("XBTUSD"),
                    QStringLiteral("--side"), QStringLiteral("buy"), QStringLiteral("--type"),
                    QStringLiteral("limit"), QStringLiteral("--qty"), QStringLiteral("300"),
                    QStringLiteral("--price"), QStringLiteral("35000.5"), QStringLiteral("--client-id"),
                    QStringLiteral("bt-cli-1")});
    QVERIFY2(run.first == 0, run.second.constData());
    QCOMPARE(venue.openOrders().size(), 1);
    QCOMPARE(venue.openOrders().at(0).toObject().value(QLatin1String("price")).toDouble(), 35000.5);
    QVERIFY(venue.verifier().rejections().isEmpty());

    run = cli({QStringLiteral("list"), QStringLiteral("bitmex"), QStringLiteral("--category"),
               QStringLiteral("inverse")});
    QVERIFY2(run.first == 0, run.second.constData());
    QVERIFY2(run.second.contains("bt-cli-1"), run.second.constData());

    run = cli({QStringLiteral("cancel"), QStringLiteral("bitmex"), QStringLiteral("--category"),
               QStringLiteral("inverse"), QStringLiteral("--symbol"), QStringLiteral("XBTUSD"),
               QStringLiteral("--client-id"), QStringLiteral("bt-cli-1")});
    QVERIFY2(run.first == 0, run.second.constData());
    QVERIFY(venue.openOrders().isEmpty());

    // botterm-cli stream prints the live book from the loopback's partial.
    QProcess stream;
    stream.start(QStringLiteral(BOTTERM_CLI),
                 {QStringLiteral("stream"), QStringLiteral("--exchange"), QStringLiteral("bitmex"),
                  QStringLiteral("--category"), QStringLiteral("inverse"), QStringLiteral("--symbols"),
                  QStringLiteral("XBTUSD"), QStringLiteral("--channels"), QStringLiteral("book,ticker"),
                  QStringLiteral("--ws-url"), venue.streamUrl().toString(), QStringLiteral("--rest-url"),
                  venue.restUrl().toString()});
    QByteArray out;
    const bool live = QTest::qWaitFor(
        [&] {
            out += stream.readAllStandardOutput();
            return out.contains(R"("type":"book")") && out.contains(R"("state":"live")") &&
                   out.contains(R"("type":"ticker")");
        },
        15'000);
    stream.terminate();
    stream.waitForFinished(5'000);
    QVERIFY2(live, out.constData());
    QVERIFY2(out.contains(R"(["36001.0","5000"])") || out.contains(R"(["36001","5000"])"), out.constData());
}

void TestBitmexVenue::rateLimitIsReportedWithBitmexText()
{
    Harness h;
    QVERIFY(h.startLive());
    h.venue.verifier().rateLimitNext(2);
    const auto limited = h.place(Side::Buy, OrderType::Limit, "100", dec("35000"));
    QCOMPARE(limited.kind, OrderSubmitter::PlaceOutcome::Kind::Rejected);
    QVERIFY(limited.error);
    QCOMPARE(limited.error->kind, RestError::Kind::RateLimited);
    QCOMPARE(limited.error->httpStatus, 429);
    QCOMPARE(limited.error->message, QStringLiteral("Rate limit exceeded, retry in 2 seconds."));
    QVERIFY(h.venue.openOrders().isEmpty());
    h.session->stop();
}

QTEST_GUILESS_MAIN(TestBitmexVenue)
#include "tst_bitmexvenue.moc"
