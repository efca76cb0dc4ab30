// The status bar of a Binance USDⓈ-M window follows both of its market-data connections: the books on
// /public and trades, tickers and candles on /market (since 2026-04-23). The loopback venue drops only
// the /market connection: the status says so while the books stay live, and goes back to live once it
// reconnects.
#include "exchanges/binance/binancemarketdata.h"
#include "exchanges/core/marketdatafeed.h"
#include "support/loopbackhttpserver.h"
#include "support/loopbackwsserver.h"
#include "support/recordingsink.h"
#include "ui/marketsession.h"
#include "ui/statusbar.h"

#include <QTest>

using namespace std::chrono_literals;

namespace {
constexpr int kTimeoutMs = 10'000;
const SymbolKey kBtc{Category::Linear, QStringLiteral("BTCUSDT")};
} // namespace

class TestBinanceMarketStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marketConnectionDownIsShownWhileBooksStayLive()
    {
        LoopbackWsServer publicWs;
        LoopbackWsServer marketWs;
        LoopbackHttpServer http;
        http.json(QStringLiteral("/fapi/v1/exchangeInfo"),
                  fixture(QStringLiteral("binance/rest-exchangeinfo-futures.json")));
        http.json(QStringLiteral("/fapi/v1/klines"), fixture(QStringLiteral("binance/rest-klines.json")));
        http.json(QStringLiteral("/fapi/v1/depth"),
                  fixture(QStringLiteral("binance/futures-depth-snapshot.json")));

        MarketSession::Options o;
        o.venueLabel = QStringLiteral("Binance");
        o.categories = {Category::Linear};
        o.streamUrls.insert(Category::Linear, publicWs.url(QStringLiteral("/public/stream")));
        const QUrl market = marketWs.url(QStringLiteral("/market/stream"));
        o.channelStreamUrls.insert(
            Category::Linear,
            {{Channel::Trades, market}, {Channel::Candles, market}, {Channel::Ticker, market}});
        o.restUrl = http.baseUrl();
        o.stream.initialBackoff = 200ms;
        o.stream.jitter = 0;
        MarketSession session(std::make_unique<BinanceMarketData>(), o);
        session.setActiveSymbol(kBtc);
        session.start();
        MarketStatusBar bar(session);
        const auto shown = [&bar] { return bar.streamText(Category::Linear); };

        QTRY_VERIFY_WITH_TIMEOUT(publicWs.clientCount() == 1 && marketWs.clientCount() == 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(shown().endsWith(QLatin1String("Perp: live")), kTimeoutMs);
        for (const QByteArray& frame :
             fixture(QStringLiteral("binance/futures-depth-diffs.jsonl")).split('\n'))
            publicWs.send(frame);
        MarketStore& store = *session.store(Category::Linear);
        QTRY_VERIFY_WITH_TIMEOUT(store.book("BTCUSDT").isLive(), kTimeoutMs);

        // Only /market goes: the status names it, the books' connection and its book stay live.
        marketWs.refuseConnections();
        marketWs.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(shown().contains(QLatin1String("Perp /market: reconnecting")), kTimeoutMs);
        const MarketSession::StreamStatus status = session.streamStatus().front();
        QCOMPARE(status.connection, QStringLiteral("/market"));
        QCOMPARE(status.state, StreamClient::State::Reconnecting);
        QCOMPARE(session.feed(Category::Linear)->stream().state(), StreamClient::State::Live);
        QVERIFY(store.book("BTCUSDT").isLive());
        QCOMPARE(publicWs.connectionCount(), 1);

        // It comes back: live again, without a connection named.
        marketWs.listen();
        QTRY_VERIFY_WITH_TIMEOUT(marketWs.clientCount() == 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(shown().endsWith(QLatin1String("Perp: live")), kTimeoutMs);
        QVERIFY(session.streamStatus().front().connection.isEmpty());

        // The books' connection going is shown as the category's own state, and takes the book down.
        publicWs.refuseConnections();
        publicWs.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(shown().contains(QLatin1String("Perp: reconnecting")), kTimeoutMs);
        QVERIFY(!shown().contains(QLatin1String("/market")));
        QTRY_VERIFY_WITH_TIMEOUT(!store.book("BTCUSDT").isLive(), kTimeoutMs);
        session.stop();
    }
};

QTEST_MAIN(TestBinanceMarketStatus)
#include "tst_binancemarketstatus.moc"
