// The order entry dock of the real window, driven through its widgets (keys and clicks), against the
// in-process demo venue: what the trader types is what the venue holds, one click is one order, the
// rules and the fat-finger guard stop an order before it leaves, and every outcome is shown as the
// venue gave it.
#include "support/faultproxy.h"
#include "support/orderticket.h"
#include "support/tradingterminal.h"

#include "models/marketstore.h"
#include "models/openordersmodel.h"
#include "models/ordervalidation.h"
#include "ui/accountsettings.h"
#include "ui/orderconfirm.h"
#include "ui/orderentrydock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

using tradingtest::await;
using tradingtest::dec;

using Outcome = TradingDesk::PlaceOutcome;

// The dock of a running terminal and the widgets these tests use.
struct Ticket : OrderTicket
{
    using OrderTicket::OrderTicket;

    QLineEdit* price() const { return find<QLineEdit>("priceEdit"); }
    QLineEdit* qty() const { return find<QLineEdit>("qtyEdit"); }
    QPushButton* send() const { return find<QPushButton>("sendButton"); }
    QLabel* result() const { return find<QLabel>("resultLabel"); }
    QLabel* priceError() const { return find<QLabel>("priceError"); }
    QComboBox* type() const { return find<QComboBox>("orderTypeCombo"); }
    QComboBox* timeInForce() const { return find<QComboBox>("timeInForceCombo"); }

    void limit(Side side, Decimal priceValue, const char* quantity)
    {
        QTest::mouseClick(find<QPushButton>(side == Side::Buy ? "buySideButton" : "sellSideButton"),
                          Qt::LeftButton);
        enter(price(), priceValue.toString());
        enter(qty(), QString::fromLatin1(quantity));
    }
    const OrderBook& book() const { return *t.session->store(Category::Linear)->findBook("BTCUSDT"); }
    // The venue's own list of open BTCUSDT orders (REST), not the dock's view of them.
    std::vector<Order> venueOpenOrders() const
    {
        const auto listed = await<Result<std::vector<Order>, RestError>>([&](auto done) {
            t.desk->session().submitter().listOpen(Category::Linear, QStringLiteral("BTCUSDT"), done);
        });
        if (!listed)
            qFatal("open orders not listed: %s", qPrintable(listed.error().message));
        return listed.value();
    }
};

// A price `percent` % below the mid, on the tick.
Decimal belowMid(const TradingTerminal& t, int percent)
{
    const Decimal mid = *t.desk->referencePrice(TradingTerminal::btc());
    const Decimal shifted = mid * Decimal::fromMantissa(100 - percent, 2);
    return *roundPriceToTick(shifted, t.btcInstrument());
}

} // namespace

class TestOrderEntry : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

    static void setConfirm(TradingTerminal& t, bool on)
    {
        t.desk->settings().setConfirmOrders(on);
        t.desk->settings().setFatFingerPercent(dec("5"));
    }

private Q_SLOTS:
    void initTestCase() { tradingtest::useThrowawaySettings(m_settingsDir); }

    void ticketStartsReadyToSendTheSmallestOrder()
    {
        TradingTerminal t;
        Ticket ticket(t);
        // The venue's minimum quantity on the lot, and the best bid for a buy: a valid order at once.
        QTRY_COMPARE_WITH_TIMEOUT(ticket.qty()->text(), t.btcInstrument().minQuantity.toString(),
                                  TradingTerminal::TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!ticket.price()->text().isEmpty(), TradingTerminal::TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.send()->isEnabled(), TradingTerminal::TimeoutMs);
        // Another symbol starts at its own minimum.
        const SymbolKey eth{Category::Linear, QStringLiteral("ETHUSDT")};
        t.session->setActiveSymbol(eth);
        QTRY_COMPARE_WITH_TIMEOUT(ticket.qty()->text(), t.session->instrument(eth)->minQuantity.toString(),
                                  TradingTerminal::TimeoutMs);
    }

    void afterARestartTheTicketOpensOnlyOnceTheAccountIsLoaded()
    {
        TradingTerminal t;
        setConfirm(t, false);
        // What the account holds at the venue when botterm restarts: a resting order and a position.
        OrderRequest resting;
        resting.symbol = QStringLiteral("BTCUSDT");
        resting.quantity = dec("0.010");
        resting.price = belowMid(t, 2);
        QCOMPARE(await<Outcome>([&](auto done) { t.desk->placeOrder(resting, done); }).kind,
                 Outcome::Kind::Live);
        OrderRequest market;
        market.symbol = QStringLiteral("BTCUSDT");
        market.type = OrderType::Market;
        market.quantity = dec("0.020");
        QCOMPARE(await<Outcome>([&](auto done) { t.desk->placeOrder(market, done); }).kind,
                 Outcome::Kind::Filled);

        // The restart: a new desk on the same account, with nothing known yet.
        TradingDesk::Options options;
        options.account = t.desk->account();
        options.restUrl = t.venue->restUrl();
        options.privateStreamUrl = t.venue->privateStreamUrl();
        options.credentials = DemoVenue::demoCredentials();
        std::unique_ptr<TradingDesk> restarted = TradingDesk::create(*t.session, nullptr, options);
        t.window->setTradingDesk(restarted.get());
        t.desk->stop();
        Ticket ticket(t);
        // Whenever the ticket's Send is enabled, the account's orders and position are already there.
        bool sendBeforeLoaded = false;
        QTimer probe;
        QObject::connect(&probe, &QTimer::timeout, [&] {
            if (ticket.send()->isEnabled() && (restarted->store().openOrders().empty() ||
                                               !restarted->store().findPosition(QStringLiteral("BTCUSDT"))))
                sendBeforeLoaded = true;
        });
        probe.start(1);
        restarted->start();
        QVERIFY(!ticket.send()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(restarted->canTrade() && ticket.send()->isEnabled(),
                                 TradingTerminal::TimeoutMs);
        probe.stop();
        QVERIFY(!sendBeforeLoaded);
        QCOMPARE(restarted->store().openOrders().size(), std::size_t(1));
        QCOMPARE(restarted->store().findPosition(QStringLiteral("BTCUSDT"))->size, dec("0.020"));
        t.window->setTradingDesk(nullptr);
    }

    void limitOrderRestsWithTheTypedPriceAndQuantity()
    {
        TradingTerminal t;
        setConfirm(t, false);
        Ticket ticket(t);
        const Decimal price = *ticket.book().bestBid() - dec("300");
        ticket.limit(Side::Buy, price, "0.012");
        QVERIFY(ticket.send()->isEnabled());
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QVERIFY(ticket.awaitOutcome());
        QCOMPARE(ticket.outcomes[0].kind, Outcome::Kind::Live);
        QVERIFY(ticket.result()->text().startsWith(QLatin1String("Live")));
        QVERIFY(ticket.result()->text().contains(ticket.outcomes[0].order->orderId));
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, TradingTerminal::TimeoutMs);
        const Order* row = t.desk->openOrdersModel()->rowAt(0);
        QCOMPARE(*row->price, price);
        QCOMPARE(row->quantity, dec("0.012"));
        QCOMPARE(row->side, Side::Buy);
        QCOMPARE(row->type, OrderType::Limit);
    }

    void marketOrderOpensAPositionAndMovesTheBalance()
    {
        TradingTerminal t;
        setConfirm(t, false);
        Ticket ticket(t);
        const QString usdt = QStringLiteral("USDT");
        const QString btc = QStringLiteral("BTCUSDT");
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->store().findBalance(usdt), TradingTerminal::TimeoutMs);
        const Decimal before = t.desk->store().findBalance(usdt)->walletBalance;
        ticket.type()->setCurrentIndex(static_cast<int>(OrderEntryDock::Kind::Market));
        QVERIFY(!ticket.price()->isVisibleTo(ticket.dock));
        Ticket::enter(ticket.qty(), QStringLiteral("0.020"));
        QVERIFY(ticket.find<QLabel>("notionalLabel")->text().contains(QLatin1String("USDT")));
        QVERIFY(ticket.find<QLabel>("feeLabel")->text().contains(QLatin1String("taker")));
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QVERIFY(ticket.awaitOutcome());
        QCOMPARE(ticket.outcomes[0].kind, Outcome::Kind::Filled);
        QVERIFY(ticket.result()->text().startsWith(QLatin1String("Filled")));
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->store().findPosition(btc) &&
                                     t.desk->store().findPosition(btc)->size == dec("0.020"),
                                 TradingTerminal::TimeoutMs);
        QCOMPARE(t.desk->store().findPosition(btc)->side, std::optional<Side>(Side::Buy));
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->store().findBalance(usdt)->walletBalance < before,
                                 TradingTerminal::TimeoutMs); // the taker fee
    }

    void doubleClickSendsOneOrder()
    {
        TradingTerminal t;
        setConfirm(t, false);
        Ticket ticket(t);
        ticket.limit(Side::Buy, *ticket.book().bestBid() - dec("400"), "0.010");
        // A double click as the platform delivers it: press, release, then a double-click press and its
        // release.
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QTest::mouseDClick(ticket.send(), Qt::LeftButton);
        QTest::mouseRelease(ticket.send(), Qt::LeftButton);
        // Locked from the first click until the venue answers.
        QVERIFY(!ticket.send()->isEnabled());
        QCOMPARE(ticket.send()->text(), QStringLiteral("Sending…"));
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QTest::keyClick(ticket.qty(), Qt::Key_Return);
        QVERIFY(ticket.awaitOutcome());
        QCOMPARE(ticket.outcomes[0].kind, Outcome::Kind::Live);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.send()->isEnabled(), TradingTerminal::TimeoutMs);
        QCOMPARE(ticket.placed, 1);
        QCOMPARE(ticket.outcomes.size(), std::size_t(1));
        const std::vector<Order> atVenue = ticket.venueOpenOrders();
        QCOMPARE(atVenue.size(), std::size_t(1));
        QCOMPARE(atVenue[0].clientOrderId, ticket.outcomes[0].request.clientOrderId);

        // The next click is a new order with a fresh client order id.
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QVERIFY(ticket.awaitOutcome(2));
        QVERIFY(ticket.outcomes[1].request.clientOrderId != ticket.outcomes[0].request.clientOrderId);
        QCOMPARE(ticket.venueOpenOrders().size(), std::size_t(2));
    }

    void crossingPostOnlyShowsTheVenuesReason()
    {
        TradingTerminal t;
        setConfirm(t, false);
        Ticket ticket(t);
        ticket.limit(Side::Buy, *ticket.book().bestAsk() + dec("20"), "0.010");
        ticket.timeInForce()->setCurrentIndex(static_cast<int>(TimeInForce::PostOnly));
        QVERIFY(ticket.find<QLabel>("feeLabel")->text().contains(QLatin1String("maker")));
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QVERIFY(ticket.awaitOutcome());
        QCOMPARE(ticket.outcomes[0].kind, Outcome::Kind::CancelledAtOnce);
        QVERIFY2(ticket.result()->text().contains(QLatin1String("EC_PostOnlyWillTakeLiquidity")),
                 qPrintable(ticket.result()->text()));
        QVERIFY(ticket.venueOpenOrders().empty());
    }

    void lostReplyIsFoundByClientOrderIdAndNotSentAgain()
    {
        TradingTerminal::Options o;
        o.waitUntilLive = false;
        TradingTerminal t(o);
        // The window's desk again, its REST through the proxy.
        FaultProxy proxy(t.venue->port());
        t.window->setTradingDesk(nullptr);
        t.desk.reset();
        TradingDesk::Options deskOptions;
        deskOptions.account = AccountsDialog::demoAccountId();
        deskOptions.restUrl = proxy.url();
        deskOptions.privateStreamUrl = t.venue->privateStreamUrl();
        const auto demo = DemoVenue::demoCredentials();
        deskOptions.credentials = Credentials(demo.key, demo.secret);
        deskOptions.stream.initialBackoff = std::chrono::milliseconds(300);
        deskOptions.requestTimeout = std::chrono::milliseconds(5000);
        deskOptions.lookupAttempts = 3;
        deskOptions.lookupInterval = std::chrono::milliseconds(300);
        t.desk = TradingDesk::create(*t.session, nullptr, deskOptions);
        QVERIFY(t.desk);
        t.window->setTradingDesk(t.desk.get());
        t.desk->start();
        QVERIFY(t.waitUntilReady());
        setConfirm(t, false);
        Ticket ticket(t);

        ticket.limit(Side::Sell, *ticket.book().bestAsk() + dec("350"), "0.010");
        proxy.swallowNext("/v5/order/create");
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QVERIFY(ticket.awaitOutcome());
        QCOMPARE(proxy.swallowedCount(), 1);
        const Outcome& outcome = ticket.outcomes[0];
        QVERIFY(outcome.outcomeWasUnknown);
        QCOMPARE(outcome.kind, Outcome::Kind::Live);
        const QString text = ticket.result()->text();
        QVERIFY2(text.startsWith(QStringLiteral("outcome unknown: looked up by client order id %1 → found")
                                     .arg(outcome.request.clientOrderId)),
                 qPrintable(text));
        QVERIFY(text.contains(outcome.order->orderId));
        // One order at the venue under that id: nothing was placed again.
        const std::vector<Order> atVenue = ticket.venueOpenOrders();
        QCOMPARE(atVenue.size(), std::size_t(1));
        QCOMPARE(atVenue[0].clientOrderId, outcome.request.clientOrderId);
        QCOMPARE(ticket.placed, 1);
    }

    void offTickPriceIsShownBesideThePriceAndNothingIsSent()
    {
        TradingTerminal t;
        setConfirm(t, false);
        Ticket ticket(t);
        const Decimal offTick = *ticket.book().bestBid() - dec("300") + dec("0.05");
        ticket.limit(Side::Buy, offTick, "0.010");
        QVERIFY(ticket.priceError()->isVisibleTo(ticket.dock));
        QVERIFY2(ticket.priceError()->text().contains(QLatin1String("not a multiple of the tick 0.10")),
                 qPrintable(ticket.priceError()->text()));
        QVERIFY(!ticket.send()->isEnabled());
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QTest::keyClick(ticket.price(), Qt::Key_Return);
        QCOMPARE(ticket.placed, 0);
        QVERIFY(!ticket.dock->pendingConfirmation());
        // A step snaps it onto the tick, and the reason goes away.
        QTest::keyClick(ticket.price(), Qt::Key_Up);
        QCOMPARE(*Decimal::parse(QStringView(ticket.price()->text())), offTick + dec("0.05"));
        QVERIFY(!ticket.priceError()->isVisibleTo(ticket.dock));
        QVERIFY(ticket.send()->isEnabled());
        QCOMPARE(ticket.placed, 0);
    }

    void confirmationAppearsWhenOnAndNotWhenOff()
    {
        TradingTerminal t;
        setConfirm(t, true);
        Ticket ticket(t);
        auto* confirm = ticket.find<QCheckBox>("confirmOrdersCheck");
        QVERIFY(confirm->isChecked());
        ticket.limit(Side::Buy, *ticket.book().bestBid() - dec("300"), "0.010");
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.dialog("orderConfirmDialog"), 5000);
        QMessageBox* box = ticket.dialog("orderConfirmDialog");
        QVERIFY(box->informativeText().contains(QLatin1String("Buy 0.010 BTCUSDT")));
        QCOMPARE(ticket.placed, 0); // nothing before the answer
        QVERIFY(!ticket.send()->isEnabled());
        QTest::mouseClick(OrderConfirmation::sendButton(box), Qt::LeftButton);
        QVERIFY(ticket.awaitOutcome());
        QCOMPARE(ticket.outcomes[0].kind, Outcome::Kind::Live);

        // Off (through the dock's checkbox, which is the account's setting): sent at once.
        QTest::mouseClick(confirm, Qt::LeftButton, {}, QPoint(6, confirm->height() / 2)); // on the box
        QVERIFY(!t.desk->settings().confirmOrders());
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QVERIFY(!ticket.dialog("orderConfirmDialog"));
        QVERIFY(!ticket.dock->pendingConfirmation());
        QVERIFY(ticket.awaitOutcome(2));
        QCOMPARE(ticket.outcomes[1].kind, Outcome::Kind::Live);
        QCOMPARE(ticket.placed, 2);
    }

    void fatFingerAsksEvenWithConfirmationsOffAndCancelSendsNothing()
    {
        TradingTerminal t;
        setConfirm(t, false);
        Ticket ticket(t);
        ticket.limit(Side::Buy, belowMid(t, 20), "0.010");
        QVERIFY(ticket.send()->isEnabled());
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.dialog("fatFingerDialog"), 5000);
        QMessageBox* box = ticket.dialog("fatFingerDialog");
        QVERIFY2(box->text().contains(QLatin1String("away from the mid")), qPrintable(box->text()));
        QTest::mouseClick(OrderConfirmation::cancelButton(box), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!ticket.dock->pendingConfirmation(), 5000);
        QCOMPARE(ticket.placed, 0);
        QVERIFY(ticket.result()->text().contains(QLatin1String("Not sent")));
        QVERIFY(ticket.venueOpenOrders().empty());

        // Confirmed, it goes.
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.dialog("fatFingerDialog"), 5000);
        QTest::mouseClick(OrderConfirmation::sendButton(ticket.dialog("fatFingerDialog")), Qt::LeftButton);
        QVERIFY(ticket.awaitOutcome());
        QCOMPARE(ticket.outcomes[0].kind, Outcome::Kind::Live);
    }

    void percentButtonsGiveALotRoundedQuantity()
    {
        TradingTerminal t;
        setConfirm(t, false);
        Ticket ticket(t);
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->availableQuote(TradingTerminal::btc()), TradingTerminal::TimeoutMs);
        const Decimal price = *ticket.book().bestBid() - dec("300");
        ticket.limit(Side::Buy, price, "");
        const Instrument& instrument = t.btcInstrument();
        for (int percent : {25, 50, 100}) {
            const QByteArray button = "percent" + QByteArray::number(percent) + "Button";
            QTest::mouseClick(ticket.find<QPushButton>(button.constData()), Qt::LeftButton);
            const Decimal available = *t.desk->availableQuote(TradingTerminal::btc());
            const Decimal budget = available * Decimal::fromMantissa(percent, 2);
            const Decimal qty = *Decimal::parse(QStringView(ticket.qty()->text()));
            QVERIFY(qty.isMultipleOf(instrument.lotSize));
            QVERIFY(!qty.isZero());
            // The most lots the budget pays for at that price: one lot more would not fit.
            QVERIFY2(qty * price <= budget, qPrintable(qty.toString()));
            QVERIFY2((qty + instrument.lotSize) * price > budget, qPrintable(qty.toString()));
        }

        // Spot sell: a share of the base coin held, rounded down to the spot lot.
        const SymbolKey spot{Category::Spot, QStringLiteral("BTCUSDT")};
        t.session->setActiveSymbol(spot);
        QTRY_VERIFY_WITH_TIMEOUT(t.session->instrument(spot) && t.desk->availableBase(spot),
                                 TradingTerminal::TimeoutMs);
        QTest::mouseClick(ticket.find<QPushButton>("sellSideButton"), Qt::LeftButton);
        QTest::mouseClick(ticket.find<QPushButton>("percent75Button"), Qt::LeftButton);
        const Decimal base = *t.desk->availableBase(spot);
        QCOMPARE(*Decimal::parse(QStringView(ticket.qty()->text())),
                 *roundQuantityToLot(base * Decimal::fromMantissa(75, 2), *t.session->instrument(spot)));
    }

    void stopOrderTriggersInTheDirectionOfItsPrice()
    {
        TradingTerminal t;
        Ticket ticket(t);
        QTRY_VERIFY_WITH_TIMEOUT(!ticket.price()->text().isEmpty(), 5000); // the best bid, filled in
        ticket.type()->setCurrentIndex(static_cast<int>(OrderEntryDock::Kind::Stop));
        QVERIFY(ticket.price()->text().isEmpty()); // a stop market unless a limit is typed
        auto* trigger = ticket.find<QLineEdit>("triggerEdit");
        const Decimal mid = *t.desk->referencePrice(TradingTerminal::btc());
        Ticket::enter(ticket.qty(), QStringLiteral("0.010"));
        Ticket::enter(trigger, (*roundPriceToTick(mid, t.btcInstrument()) + dec("200")).toString());
        std::optional<OrderRequest> request = ticket.dock->currentRequest();
        QVERIFY(request);
        QCOMPARE(request->type, OrderType::Market); // no limit price: a stop market
        QCOMPARE(request->triggerDirection, std::optional<TriggerDirection>(TriggerDirection::RisesTo));
        Ticket::enter(trigger, (*roundPriceToTick(mid, t.btcInstrument()) - dec("200")).toString());
        Ticket::enter(ticket.price(), (*roundPriceToTick(mid, t.btcInstrument()) - dec("250")).toString());
        request = ticket.dock->currentRequest();
        QVERIFY(request);
        QCOMPARE(request->type, OrderType::Limit);
        QCOMPARE(request->triggerDirection, std::optional<TriggerDirection>(TriggerDirection::FallsTo));
        QVERIFY(ticket.find<QLabel>("feeLabel")->text().contains(QLatin1String("taker")));
        // A trigger off the tick is named beside the trigger field.
        Ticket::enter(trigger, (*roundPriceToTick(mid, t.btcInstrument()) - dec("200.05")).toString());
        QVERIFY(ticket.find<QLabel>("triggerError")->text().contains(QLatin1String("tick")));
        QVERIFY(!ticket.send()->isEnabled());
    }

    void enterTwiceSendsThroughTheConfirmation()
    {
        TradingTerminal t;
        setConfirm(t, true);
        Ticket ticket(t);
        ticket.limit(Side::Sell, *ticket.book().bestAsk() + dec("300"), "0.010");
        QTest::keyClick(ticket.qty(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.dialog("orderConfirmDialog"), 5000);
        QCOMPARE(ticket.placed, 0);
        QTest::keyClick(ticket.dialog("orderConfirmDialog"), Qt::Key_Return);
        QVERIFY(ticket.awaitOutcome());
        QCOMPARE(ticket.outcomes[0].kind, Outcome::Kind::Live);
        QCOMPARE(ticket.outcomes[0].request.side, Side::Sell);
        QCOMPARE(ticket.placed, 1);
    }

    void notLiveShowsWhyAndSendsNothing()
    {
        TradingTerminal t;
        setConfirm(t, false);
        Ticket ticket(t);
        ticket.limit(Side::Buy, *ticket.book().bestBid() - dec("300"), "0.010");
        QVERIFY(ticket.send()->isEnabled());
        t.desk->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!ticket.send()->isEnabled(), 5000);
        QVERIFY2(ticket.find<QLabel>("stateLabel")->text().contains(QLatin1String("not live")),
                 qPrintable(ticket.find<QLabel>("stateLabel")->text()));
        QTest::keyClick(ticket.qty(), Qt::Key_Return);
        QCOMPARE(ticket.placed, 0);
    }

    void withoutAnAccountEverythingIsDisabled()
    {
        TradingTerminal t;
        Ticket ticket(t);
        t.window->setTradingDesk(nullptr);
        QVERIFY(ticket.find<QLabel>("stateLabel")->text().contains(QLatin1String("No trading account")));
        QVERIFY(!ticket.send()->isEnabled());
        QVERIFY(!ticket.price()->isEnabled());
        QVERIFY(!ticket.qty()->isEnabled());
    }

    void spotOffersLimitAndMarketOnly()
    {
        TradingTerminal t;
        Ticket ticket(t);
        ticket.type()->setCurrentIndex(static_cast<int>(OrderEntryDock::Kind::Stop));
        QVERIFY(ticket.find<QLineEdit>("triggerEdit")->isVisibleTo(ticket.dock));
        t.session->setActiveSymbol(SymbolKey{Category::Spot, QStringLiteral("BTCUSDT")});
        QCOMPARE(ticket.type()->currentIndex(), static_cast<int>(OrderEntryDock::Kind::Limit));
        QVERIFY(!ticket.find<QLineEdit>("triggerEdit")->isVisibleTo(ticket.dock));
        QVERIFY(!ticket.find<QCheckBox>("reduceOnlyCheck")->isEnabled());
        QVERIFY(!ticket.find<QCheckBox>("tpslCheck")->isEnabled());
    }
};

QTEST_MAIN(TestOrderEntry)
#include "tst_orderentry.moc"
