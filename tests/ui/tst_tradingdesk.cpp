// TradingDesk in the whole terminal against the real demo venue: intents go out signed, their results come
// back through the private stream into the account models, and nothing is sent before the account is live.
#include "support/tradingterminal.h"

#include "models/balancesmodel.h"
#include "models/marketstore.h"
#include "models/openordersmodel.h"
#include "models/orderhistorymodel.h"
#include "models/positionsmodel.h"
#include "ui/statusbar.h"

#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {

using tradingtest::await;
using tradingtest::dec;

} // namespace

class TestTradingDesk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase() { tradingtest::useThrowawaySettings(m_settingsDir); }

    void statusBarShowsTheAccountLive()
    {
        TradingTerminal t;
        QTRY_VERIFY_WITH_TIMEOUT(
            t.window->marketStatusBar()->accountText().contains(QLatin1String("trading live")), 5000);
        QVERIFY(t.window->tradingSettingsAction()->isEnabled());
    }

    // A venue's notice to the account (bitbank's margin call arrives as PrivateStreamFrame::Kind::Notice)
    // stays in the status bar until clicked away; another account does not inherit it.
    void venueNoticeStaysUntilDismissed()
    {
        TradingTerminal t;
        MarketStatusBar* bar = t.window->marketStatusBar();
        QCOMPARE(bar->noticeText(), QString());
        Q_EMIT t.desk->session().noticeReceived(QStringLiteral("margin call: 25000 JPY"));
        QCOMPARE(bar->noticeText(), QStringLiteral("margin call: 25000 JPY"));
        bar->showMessage(QStringLiteral("an error"), 1); // a passing message does not take it away
        QTRY_VERIFY_WITH_TIMEOUT(bar->currentMessage().isEmpty(), 2000);
        QCOMPARE(bar->noticeText(), QStringLiteral("margin call: 25000 JPY"));
        auto* button = bar->findChild<QToolButton*>(QStringLiteral("accountNotice"));
        QVERIFY(button);
        button->click();
        QCOMPARE(bar->noticeText(), QString());
        Q_EMIT t.desk->session().noticeReceived(QStringLiteral("loss cut"));
        QCOMPARE(bar->noticeText(), QStringLiteral("loss cut"));
        bar->setDesk(nullptr);
        QCOMPARE(bar->noticeText(), QString());
    }

    void tradeWithMenuOffersTheDemoAccountAndNoTrading()
    {
        TradingTerminal t;
        t.window->setTradingVenue(QStringLiteral("bybit"), Environment::Demo, true);
        QMenu* menu = t.window->tradeWithMenu();
        QMetaObject::invokeMethod(menu, "aboutToShow");
        QStringList texts;
        QAction* checked = nullptr;
        QAction* none = nullptr;
        for (QAction* a : menu->actions()) {
            texts << a->text();
            if (a->isChecked())
                checked = a;
            if (a->text().contains(QLatin1String("No trading")))
                none = a;
        }
        QVERIFY2(checked && checked->text().startsWith(QLatin1String("demo")), qPrintable(texts.join(u'|')));
        QVERIFY(none);
        QSignalSpy requested(t.window.get(), &MainWindow::tradingAccountRequested);
        none->trigger();
        QCOMPARE(requested.count(), 1);
        QVERIFY(!requested.first().first().value<std::optional<AccountId>>().has_value());
    }

    void limitOrderReachesTheOpenOrdersModelAndCancelEmptiesIt()
    {
        TradingTerminal t;
        const Decimal bid = *t.session->store(Category::Linear)->findBook("BTCUSDT")->bestBid();
        const Decimal price = bid - dec("500");
        OrderRequest request;
        request.symbol = QStringLiteral("BTCUSDT");
        request.side = Side::Buy;
        request.quantity = dec("0.010");
        request.price = price;
        const auto outcome =
            await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->placeOrder(request, done); });
        QCOMPARE(outcome.kind, TradingDesk::PlaceOutcome::Kind::Live);
        QVERIFY(!outcome.request.clientOrderId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, TradingTerminal::TimeoutMs);
        const Order* row = t.desk->openOrdersModel()->rowAt(0);
        QCOMPARE(row->clientOrderId, outcome.request.clientOrderId);
        QCOMPARE(*row->price, price);
        QCOMPARE(t.desk->openOrders(TradingTerminal::btc()).size(), std::size_t(1));

        // An amend off the tick is refused before anything is sent; the order is unchanged.
        const auto offTick = await<Result<OrderAck, RestError>>(
            [&](auto done) { t.desk->amendOrder(*row, price + dec("0.05"), std::nullopt, done); });
        QVERIFY(!offTick);
        QVERIFY2(offTick.error().message.startsWith(QLatin1String("Not sent")),
                 qPrintable(offTick.error().message));
        QCOMPARE(*t.desk->store().findOpenOrder(row->orderId)->price, price);

        const auto cancelled =
            await<Result<OrderAck, RestError>>([&](auto done) { t.desk->cancelOrder(*row, done); });
        QVERIFY2(cancelled, cancelled ? "" : qPrintable(cancelled.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 0, TradingTerminal::TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->orderHistoryModel()->rowCount() >= 1, TradingTerminal::TimeoutMs);
        QCOMPARE(t.desk->orderHistoryModel()->rowAt(0)->status, OrderStatus::Cancelled);
    }

    void marketOrderOpensAPositionAndCloseFlattensIt()
    {
        TradingTerminal t;
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->balancesModel()->rowCount() > 0, TradingTerminal::TimeoutMs);
        const Decimal before = t.desk->store().findBalance(QStringLiteral("USDT"))->walletBalance;
        OrderRequest request;
        request.symbol = QStringLiteral("BTCUSDT");
        request.side = Side::Buy;
        request.type = OrderType::Market;
        request.quantity = dec("0.020");
        const auto outcome =
            await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->placeOrder(request, done); });
        QCOMPARE(outcome.kind, TradingDesk::PlaceOutcome::Kind::Filled);
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->store().findPosition(QStringLiteral("BTCUSDT")) &&
                                     t.desk->store().findPosition(QStringLiteral("BTCUSDT"))->size ==
                                         dec("0.020"),
                                 TradingTerminal::TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->store().findBalance(QStringLiteral("USDT"))->walletBalance != before,
                                 TradingTerminal::TimeoutMs); // the taker fee
        const Position position = *t.desk->store().findPosition(QStringLiteral("BTCUSDT"));
        QCOMPARE(position.side, std::optional<Side>(Side::Buy));

        const auto closed =
            await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->closePosition(position, done); });
        QCOMPARE(closed.kind, TradingDesk::PlaceOutcome::Kind::Filled);
        QVERIFY(closed.request.reduceOnly);
        QCOMPARE(closed.request.side, Side::Sell);
        QTRY_VERIFY_WITH_TIMEOUT(!t.desk->store().findPosition(QStringLiteral("BTCUSDT")) ||
                                     t.desk->store().findPosition(QStringLiteral("BTCUSDT"))->size.isZero(),
                                 TradingTerminal::TimeoutMs);
    }

    void nothingIsSentBeforeTheAccountIsLive()
    {
        TradingTerminal::Options o;
        o.waitUntilLive = false;
        TradingTerminal t(o);
        t.desk->stop();
        QVERIFY(!t.desk->canTrade());
        OrderRequest request;
        request.symbol = QStringLiteral("BTCUSDT");
        request.quantity = dec("0.010");
        request.price = dec("1000");
        const auto outcome =
            await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->placeOrder(request, done); });
        QCOMPARE(outcome.kind, TradingDesk::PlaceOutcome::Kind::Failed);
        QVERIFY(outcome.error->message.contains(QLatin1String("not live")));
        QVERIFY(t.desk->lastError().contains(QLatin1String("not live")));
    }

    void wrongSecretIsRefusedOnceAndShown()
    {
        TradingTerminal::Options o;
        o.waitUntilLive = false;
        o.secret = "not-the-secret";
        TradingTerminal t(o);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->state(), TradingSession::State::AuthFailed,
                                  TradingTerminal::TimeoutMs);
        QCOMPARE(t.desk->session().authAttempts(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            t.window->marketStatusBar()->accountText().contains(QLatin1String("login refused")), 5000);
        // No retry: still one login a while later (the stream would have reconnected within 300 ms).
        QTest::qWait(1000);
        QCOMPARE(t.desk->session().authAttempts(), 1);
        QCOMPARE(t.desk->state(), TradingSession::State::AuthFailed);
    }
};

QTEST_MAIN(TestTradingDesk)
#include "tst_tradingdesk.moc"
