// MarketSession's REST override (the demo venue's and the tests' way of pointing a venue at a loopback)
// moves both of bitbank's REST hosts: api.bitbank.cc (pairs) and public.bitbank.cc (candles), so one
// loopback serves all of bitbank's REST. bitbank's margin pairs load as the Linear market.

#include "exchanges/bitbank/bitbankmarketdata.h"
#include "models/candlemodel.h"
#include "support/bitbankvenue.h"
#include "ui/marketsession.h"

#include <QTest>

class TestBitbankMarketSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restOverrideMovesTheApiAndThePublicHost()
    {
        BitbankVenue venue(QStringLiteral("bitbank-test-key"), "bitbank-test-secret");
        venue.serveCandlesOnRestHost();
        MarketSession::Options options;
        options.venueLabel = QStringLiteral("bitbank");
        options.categories = {Category::Spot, Category::Linear};
        options.restUrl = venue.restUrl();
        // No public stream here: the feeds keep trying a closed port, slowly; REST does not wait for it.
        for (const Category category : options.categories)
            options.streamUrls.insert(category, QUrl(QStringLiteral("ws://127.0.0.1:1/socket.io/")));
        options.stream.initialBackoff = std::chrono::milliseconds(5'000);
        auto adapter = std::make_unique<BitbankMarketData>();
        BitbankMarketData* bitbank = adapter.get();
        MarketSession session(std::move(adapter), options);
        QCOMPARE(bitbank->publicBaseUrl(), venue.restUrl());

        const SymbolKey btc{Category::Spot, QString::fromLatin1(BitbankVenue::Pair)};
        session.setWatchlist({btc});
        session.setActiveSymbol(btc);
        session.start();

        QTRY_VERIFY_WITH_TIMEOUT(!session.instruments(Category::Spot).empty(), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(session.candleModel()->rowCount(), 3, 10'000);
        QVERIFY(venue.restHostCandleRequests() >= 1);
        QCOMPARE(venue.candleRequests(), 0); // nothing went to the public host's own server
        // The margin market: btc_jpy again, as Linear.
        QTRY_COMPARE_WITH_TIMEOUT(session.instruments(Category::Linear).size(), std::size_t(1), 10'000);
        QCOMPARE(session.instruments(Category::Linear).front().symbol,
                 QString::fromLatin1(BitbankVenue::Pair));
        session.stop();
    }

    void withoutAnOverrideCandlesStayOnThePublicHost()
    {
        MarketSession::Options options;
        options.categories = {Category::Spot};
        auto adapter = std::make_unique<BitbankMarketData>();
        BitbankMarketData* bitbank = adapter.get();
        MarketSession session(std::move(adapter), options);
        QCOMPARE(bitbank->publicBaseUrl(), BitbankMarketData::defaultPublicBaseUrl());
    }
};

QTEST_MAIN(TestBitbankMarketSession)
#include "tst_bitbankmarketsession.moc"
