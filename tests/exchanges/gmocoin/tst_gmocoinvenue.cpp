// GMO Coin end to end against a loopback GMO (public side): the feed's subscriptions arrive spaced as
// GMO requires (none refused), snapshot books go Live, a dropped public stream leaves the book not Live
// until the new connection's snapshot, and `botterm-cli stream --exchange gmocoin` prints the live book.
#include "exchanges/core/marketdatafeed.h"
#include "exchanges/gmocoin/gmocoinmarketdata.h"
#include "models/marketstore.h"
#include "support/gmocoinvenue.h"
#include "support/recordingsink.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QTest>

class TestGmocoinVenue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publicFeedPacesSubscriptionsAndResyncsAfterADrop()
    {
        GmocoinVenue venue;
        GmocoinMarketData adapter;
        MarketStore store;
        QNetworkAccessManager network;
        MarketDataFeed::Options options;
        options.streamUrl = venue.publicStreamUrl();
        options.restUrl = venue.restUrl();
        options.stream.initialBackoff = std::chrono::milliseconds(300);
        options.stream.jitter = 0;
        MarketDataFeed feed(adapter, Category::Spot, store, &network, options);
        ChannelRequest book;
        book.channel = Channel::Book;
        book.symbol = QStringLiteral("BTC");
        ChannelRequest ticker = book;
        ticker.channel = Channel::Ticker;
        ChannelRequest trades = book;
        trades.channel = Channel::Trades;
        feed.subscribe({book, ticker, trades});
        feed.start();

        const OrderBook& b = store.book("BTC");
        QTRY_VERIFY_WITH_TIMEOUT(b.isLive(), 10'000);
        QCOMPARE(*b.bestBid(), dec("14999990"));
        // All three commands reached the venue, a second apart: none was refused with ERR-5003.
        QTRY_COMPARE_WITH_TIMEOUT(venue.publicServer().received.size(), 3, 10'000);
        QCOMPARE(venue.refusedCommands(), 0);

        venue.pushTrade(QStringLiteral("BTC"), 15'000'005, "SELL");
        QTRY_VERIFY_WITH_TIMEOUT(store.findTrades(QStringLiteral("BTC")) &&
                                     !store.findTrades(QStringLiteral("BTC"))->empty(),
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
        feed.stop();
    }

    void cliStreamsTheBook()
    {
        GmocoinVenue venue;
        QProcess process;
        process.start(QStringLiteral(BOTTERM_CLI),
                      {"stream", "--exchange", "gmocoin", "--category", "linear", "--symbols", "BTC_JPY",
                       "--channels", "book", "--depth", "2", "--ws-url", venue.publicStreamUrl().toString(),
                       "--rest-url", venue.restUrl().toString()});
        QByteArray out;
        const auto liveBookLine = [&] {
            out += process.readAllStandardOutput();
            return out.contains(R"("type":"book")") && out.contains(R"("state":"live")");
        };
        QVERIFY2(QTest::qWaitFor(liveBookLine, 15'000), out.constData());
        QVERIFY2(out.contains(R"("symbol":"BTC_JPY")"), out.constData());
        QVERIFY2(out.contains("14999990"), out.constData());
        process.kill();
        process.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestGmocoinVenue)
#include "tst_gmocoinvenue.moc"
