// Ladder trading and hotkeys in the whole terminal against the real demo venue: a click on the ladder is
// one order at exactly that row's price, own orders are marked on their rows and can be cancelled or
// moved from there, nothing is sent while the book is not live, the hotkeys are off until turned on and
// never fire while the user types, and Settings → Trading keeps what the user changed.
#include "support/tradingterminal.h"

#include "models/marketstore.h"
#include "models/openordersmodel.h"
#include "models/orderbookmodel.h"
#include "ui/accountsettings.h"
#include "ui/ladderdock.h"
#include "ui/ladderwidget.h"
#include "ui/tradinghotkeys.h"
#include "ui/tradingsettingsdialog.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QKeySequenceEdit>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

namespace {

using tradingtest::await;
using tradingtest::dec;

constexpr int kTimeoutMs = TradingTerminal::TimeoutMs;

LadderDock* dockOf(TradingTerminal& t)
{
    return t.window->ladderDock();
}

LadderWidget* ladderOf(TradingTerminal& t)
{
    return t.window->ladderDock()->ladder();
}

// The k-th bid row (0: the best bid) and the k-th ask row (0: the best ask), as model rows.
int bidRow(TradingTerminal& t, int k)
{
    return ladderOf(t)->model()->askRowCount() + k;
}

int askRow(TradingTerminal& t, int k)
{
    return ladderOf(t)->model()->askRowCount() - 1 - k;
}

QPoint cell(TradingTerminal& t, int row, LadderWidget::Area area)
{
    const QRect r = ladderOf(t)->cellRect(row, area);
    if (r.isEmpty())
        qFatal("ladder row %d is not shown", row);
    return r.center();
}

void click(TradingTerminal& t, int row, LadderWidget::Area area, Qt::KeyboardModifiers modifiers = {})
{
    QTest::mouseClick(ladderOf(t), Qt::LeftButton, modifiers, cell(t, row, area));
}

// Freezes the demo market so the ladder's rows stay put while a test clicks on them (well within the
// 5 s after which a silent book is marked stale).
void freeze(TradingTerminal& t)
{
    t.venue->setPaused(true);
    QTest::qWait(200); // what was still unpublished when pausing reaches the ladder
}

bool ladderReady(TradingTerminal& t)
{
    const OrderBookModel* model = ladderOf(t)->model();
    return model->bookState() == OrderBook::State::Live && model->bidRowCount() >= 10 &&
           model->askRowCount() >= 10;
}

} // namespace

class TestLadderTrading : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        tradingtest::useThrowawaySettings(m_settingsDir, QStringLiteral("botterm-laddertest"));
    }

    void init()
    {
        QSettings().clear(); // every test starts from the defaults: ladder trading and hotkeys off
    }

    void priceClickSelectsTheRowPriceWithTradingOff()
    {
        TradingTerminal t;
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        freeze(t);
        QSignalSpy selected(dockOf(t), &LadderDock::priceSelected);
        const int row = bidRow(t, 2);
        const Decimal price = *ladderOf(t)->rowPrice(row);
        click(t, row, LadderWidget::Area::Price);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().first().value<Decimal>(), price);
    }

    void bidClickSendsNothingWhileLadderTradingIsOff()
    {
        TradingTerminal t;
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        QVERIFY(!t.desk->settings().ladderTrading());
        QVERIFY(!dockOf(t)->tradingBar()->isVisible());
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        click(t, bidRow(t, 3), LadderWidget::Area::Bid);
        click(t, askRow(t, 3), LadderWidget::Area::Ask);
        QTest::qWait(500);
        QCOMPARE(placed.count(), 0);
        QCOMPARE(t.desk->openOrdersModel()->rowCount(), 0);
    }

    void bidClickPlacesABuyLimitAtTheRowPriceMarkedThereAndAMarkerClickCancelsIt()
    {
        TradingTerminal t;
        t.desk->settings().setLadderTrading(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        QVERIFY(dockOf(t)->tradingBar()->isVisible());
        QCOMPARE(dockOf(t)->quantity(), dec("0.001")); // preset 1: the minimum order quantity
        freeze(t);
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        const int row = bidRow(t, 4);
        const Decimal price = *ladderOf(t)->rowPrice(row);
        click(t, row, LadderWidget::Area::Bid);
        // The private stream may show the order before the REST answer arrives: wait for both.
        QTRY_COMPARE_WITH_TIMEOUT(placed.count(), 1, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, kTimeoutMs);
        const Order order = *t.desk->openOrdersModel()->rowAt(0);
        QCOMPARE(order.side, Side::Buy);
        QCOMPARE(order.type, OrderType::Limit);
        QCOMPARE(*order.price, price);
        QCOMPARE(order.quantity, dec("0.001"));
        QVERIFY2(dockOf(t)->message().contains(QLatin1String("working")), qPrintable(dockOf(t)->message()));

        // Marked on its row.
        QTRY_COMPARE_WITH_TIMEOUT(ladderOf(t)->orderRow(order.orderId), row, kTimeoutMs);

        // A click on the marker cancels it.
        click(t, row, LadderWidget::Area::Orders);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 0, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(ladderOf(t)->orderRow(order.orderId), -1, kTimeoutMs);
        QCOMPARE(placed.count(), 1);
        t.venue->setPaused(false);
    }

    void withGroupingAnOrderIsMarkedOnTheGroupHoldingItsPrice()
    {
        TradingTerminal t;
        t.desk->settings().setLadderTrading(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        freeze(t);
        const int row = bidRow(t, 3);
        const Decimal price = *ladderOf(t)->rowPrice(row);
        click(t, row, LadderWidget::Area::Bid);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, kTimeoutMs);
        const QString id = t.desk->openOrdersModel()->rowAt(0)->orderId;
        QTRY_COMPARE_WITH_TIMEOUT(ladderOf(t)->orderRow(id), row, kTimeoutMs);

        QComboBox* grouping = dockOf(t)->groupingBox();
        grouping->setCurrentIndex(3); // 10 ticks: 1.0
        const Decimal step = dec("1.0");
        QCOMPARE(ladderOf(t)->model()->grouping(), step);
        QTRY_VERIFY_WITH_TIMEOUT(ladderOf(t)->orderRow(id) >= 0, kTimeoutMs);
        // A bid group at G holds the prices from G up to G + step.
        const Decimal group = *ladderOf(t)->rowPrice(ladderOf(t)->orderRow(id));
        QVERIFY(ladderOf(t)->orderRow(id) >= ladderOf(t)->model()->askRowCount());
        QVERIFY2(group <= price && price < group + step,
                 qPrintable(group.toString() + QLatin1String(" / ") + price.toString()));
        t.venue->setPaused(false);
    }

    void doubleClickSendsOneOrder()
    {
        TradingTerminal t;
        t.desk->settings().setLadderTrading(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        freeze(t);
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        // Through the window, as a mouse does it: press, release, press (a double click), release.
        const QPoint at = ladderOf(t)->mapTo(t.window.get(), cell(t, bidRow(t, 5), LadderWidget::Area::Bid));
        QTest::mouseDClick(t.window->windowHandle(), Qt::LeftButton, {}, at);
        QTRY_COMPARE_WITH_TIMEOUT(placed.count(), 1, kTimeoutMs);
        QTest::qWait(300);
        QCOMPARE(placed.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, kTimeoutMs);
        t.venue->setPaused(false);
    }

    void draggingTheMarkerAmendsThePrice()
    {
        TradingTerminal t;
        t.desk->settings().setLadderTrading(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        freeze(t);
        const int from = bidRow(t, 3);
        const int to = bidRow(t, 7);
        const Decimal target = *ladderOf(t)->rowPrice(to);
        click(t, from, LadderWidget::Area::Bid);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, kTimeoutMs);
        const QString id = t.desk->openOrdersModel()->rowAt(0)->orderId;
        QTRY_COMPARE_WITH_TIMEOUT(ladderOf(t)->orderRow(id), from, kTimeoutMs);

        const QPoint start = cell(t, from, LadderWidget::Area::Orders);
        const QPoint end = cell(t, to, LadderWidget::Area::Orders);
        QTest::mousePress(ladderOf(t), Qt::LeftButton, {}, start);
        QTest::mouseMove(ladderOf(t), QPoint(start.x(), (start.y() + end.y()) / 2));
        QTest::mouseMove(ladderOf(t), end);
        QTest::mouseRelease(ladderOf(t), Qt::LeftButton, {}, end);

        const auto movedTo = [&t, &id](const Decimal& price) {
            const Order* order = t.desk->store().findOpenOrder(id);
            return order && order->price && *order->price == price;
        };
        QTRY_VERIFY_WITH_TIMEOUT(movedTo(target), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(ladderOf(t)->orderRow(id), to, kTimeoutMs);
        QCOMPARE(t.desk->openOrdersModel()->rowCount(), 1); // moved, not a second order
        t.venue->setPaused(false);
    }

    void clickAndHotkeysAreRefusedWhileTheBookIsStale()
    {
        TradingTerminal t;
        t.desk->settings().setLadderTrading(true);
        t.desk->settings().setHotkeys(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        t.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(t.window.get()));
        freeze(t);
        // What the feed's watchdog does after 5 s of silence, at once.
        t.session->store(Category::Linear)->book("BTCUSDT").markStale();
        QTRY_VERIFY_WITH_TIMEOUT(ladderOf(t)->overlayText().contains(QLatin1String("Stale")), kTimeoutMs);
        QVERIFY(!t.desk->isBookLive(TradingTerminal::btc()));
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        click(t, bidRow(t, 2), LadderWidget::Area::Bid);
        click(t, askRow(t, 2), LadderWidget::Area::Ask);
        click(t, bidRow(t, 2), LadderWidget::Area::Bid, Qt::ShiftModifier);
        QVERIFY2(dockOf(t)->message().contains(QLatin1String("stale")), qPrintable(dockOf(t)->message()));
        dockOf(t)->showMessage(QString());
        ladderOf(t)->setFocus();
        QTest::keyClick(t.window.get(), Qt::Key_B, Qt::AltModifier);
        QTest::keyClick(t.window.get(), Qt::Key_N, Qt::AltModifier);
        QVERIFY2(t.window->hotkeys()->lastMessage().contains(QLatin1String("stale")),
                 qPrintable(t.window->hotkeys()->lastMessage()));
        // Cancel-all and flatten keys too: every hotkey is off while the book is not live.
        for (const Qt::Key key : {Qt::Key_X, Qt::Key_P}) {
            t.window->hotkeys()->clearLastMessage();
            QTest::keyClick(t.window.get(), key, Qt::AltModifier);
            QVERIFY2(t.window->hotkeys()->lastMessage().contains(QLatin1String("stale")),
                     qPrintable(t.window->hotkeys()->lastMessage()));
        }
        QTest::qWait(500);
        QCOMPARE(placed.count(), 0); // nothing went to the desk, so nothing to the venue
        QCOMPARE(t.desk->openOrdersModel()->rowCount(), 0);
        t.venue->setPaused(false);
    }

    void shiftClickPlacesAStopTriggeredAtTheRowPrice()
    {
        TradingTerminal t;
        t.desk->settings().setLadderTrading(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        freeze(t);
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        const int row = askRow(t, 5); // above the mid: a buy stop waits for the price to rise to it
        const Decimal price = *ladderOf(t)->rowPrice(row);
        click(t, row, LadderWidget::Area::Bid, Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(placed.count(), 1, kTimeoutMs);
        const auto outcome = placed.first().first().value<TradingDesk::PlaceOutcome>();
        QCOMPARE(outcome.request.side, Side::Buy);
        QCOMPARE(outcome.request.type, OrderType::Market);
        QCOMPARE(*outcome.request.triggerPrice, price);
        QCOMPARE(*outcome.request.triggerDirection, TriggerDirection::RisesTo);
        t.venue->setPaused(false);
    }

    void fatFingerGuardAsksBeforeSending()
    {
        TradingTerminal t;
        t.desk->settings().setLadderTrading(true);
        t.desk->settings().setMaxNotional(dec("1")); // any BTC order is "too large"
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        freeze(t);
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        click(t, bidRow(t, 3), LadderWidget::Area::Bid);
        auto* box = dockOf(t)->findChild<QMessageBox*>(QStringLiteral("ladderFatFingerConfirmation"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QLatin1String("notional")));
        QCOMPARE(placed.count(), 0);
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(300);
        QCOMPARE(placed.count(), 0);
        QVERIFY(dockOf(t)->message().startsWith(QLatin1String("Not sent")));
        t.venue->setPaused(false);
    }

    void hotkeysAreOffByDefault()
    {
        TradingTerminal t;
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        t.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(t.window.get()));
        QVERIFY(!t.window->hotkeys()->isActive());
        QVERIFY(t.window->hotkeys()->currentBinding(TradingHotkeys::Action::BuyAtBest).isEmpty());
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        ladderOf(t)->setFocus();
        QTest::keyClick(t.window.get(), Qt::Key_B, Qt::AltModifier);
        QTest::qWait(500);
        QCOMPARE(placed.count(), 0);
    }

    void buyHotkeyPlacesOneIocAtTheBestAskAndCancelAllClearsOrders()
    {
        TradingTerminal t;
        t.desk->settings().setHotkeys(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        t.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(t.window.get()));
        QCOMPARE(t.window->hotkeys()->currentBinding(TradingHotkeys::Action::BuyAtBest),
                 QKeySequence(Qt::ALT | Qt::Key_B));
        QVERIFY(dockOf(t)->tradingBar()->isVisible());
        ladderOf(t)->setFocus();
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        QTest::keyClick(t.window.get(), Qt::Key_B, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(placed.count(), 1, kTimeoutMs);
        const auto outcome = placed.first().first().value<TradingDesk::PlaceOutcome>();
        QCOMPARE(outcome.request.side, Side::Buy);
        QCOMPARE(outcome.request.type, OrderType::Limit);
        QCOMPARE(outcome.request.timeInForce, TimeInForce::ImmediateOrCancel);
        QCOMPARE(outcome.request.quantity, dec("0.001"));
        QVERIFY(outcome.request.price.has_value());
        QTest::qWait(300);
        QCOMPARE(placed.count(), 1);

        // Two resting orders, then cancel-all.
        const Decimal bid = *t.session->store(Category::Linear)->findBook("BTCUSDT")->bestBid();
        for (const char* below : {"300", "400"}) {
            OrderRequest request;
            request.symbol = QStringLiteral("BTCUSDT");
            request.side = Side::Buy;
            request.quantity = dec("0.001");
            request.price = bid - dec(below);
            t.desk->placeOrder(request);
        }
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 2, kTimeoutMs);
        QTest::keyClick(t.window.get(), Qt::Key_X, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 0, kTimeoutMs);
    }

    // Cancel-last means the order just sent, even before the venue answered for it: never an older one.
    void cancelLastNeverTakesAnOlderOrderForOneInFlight()
    {
        TradingTerminal t;
        t.desk->settings().setHotkeys(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        t.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(t.window.get()));
        ladderOf(t)->setFocus();
        const Decimal bid = *t.session->store(Category::Linear)->findBook("BTCUSDT")->bestBid();
        OrderRequest request;
        request.symbol = QStringLiteral("BTCUSDT");
        request.side = Side::Buy;
        request.quantity = dec("0.001");
        request.price = bid - dec("300");
        t.desk->placeOrder(request);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, kTimeoutMs);
        const QString older = t.desk->openOrdersModel()->rowAt(0)->orderId;

        // The second order is sent; the key comes before any reply or push of it.
        QSignalSpy sending(t.desk.get(), &TradingDesk::orderSending);
        request.price = bid - dec("400");
        t.desk->placeOrder(request);
        QCOMPARE(sending.count(), 1);
        const QString newer = sending.first().first().value<OrderRequest>().clientOrderId;
        QVERIFY(!newer.isEmpty());
        QTest::keyClick(t.window.get(), Qt::Key_C, Qt::AltModifier);
        QVERIFY2(t.window->hotkeys()->lastMessage().contains(QLatin1String("on its way")),
                 qPrintable(t.window->hotkeys()->lastMessage()));
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 2, kTimeoutMs);
        QVERIFY(t.desk->store().findOpenOrder(older));

        // Once shown, the same key cancels that one, and the older order stays.
        QTest::keyClick(t.window.get(), Qt::Key_C, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, kTimeoutMs);
        QCOMPARE(t.desk->openOrdersModel()->rowAt(0)->orderId, older);
        QVERIFY(!t.desk->store().findOpenOrderByClientId(newer));
    }

    void cancelLastAndFlattenHotkeys()
    {
        TradingTerminal t;
        t.desk->settings().setHotkeys(true);
        t.desk->settings().setLadderTrading(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        t.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(t.window.get()));
        freeze(t);
        // Two resting buys from the ladder; cancel-last takes only the second.
        click(t, bidRow(t, 4), LadderWidget::Area::Bid);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, kTimeoutMs);
        const QString first = t.desk->openOrdersModel()->rowAt(0)->orderId;
        click(t, bidRow(t, 6), LadderWidget::Area::Bid);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 2, kTimeoutMs);
        ladderOf(t)->setFocus();
        QTest::keyClick(t.window.get(), Qt::Key_C, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 1, kTimeoutMs);
        QCOMPARE(t.desk->openOrdersModel()->rowAt(0)->orderId, first);
        // The resting buy goes too: filled once the market moves, it would change the position below.
        t.desk->cancelOrder(*t.desk->openOrdersModel()->rowAt(0));
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->openOrdersModel()->rowCount(), 0, kTimeoutMs);
        t.venue->setPaused(false);

        // A position from a market order, flattened by its key.
        OrderRequest request;
        request.symbol = QStringLiteral("BTCUSDT");
        request.side = Side::Sell;
        request.type = OrderType::Market;
        request.quantity = dec("0.003");
        t.desk->placeOrder(request);
        const auto positionSize = [&t] {
            const Position* p = t.desk->store().findPosition(QStringLiteral("BTCUSDT"));
            return p ? p->size : Decimal();
        };
        QTRY_COMPARE_WITH_TIMEOUT(positionSize(), dec("0.003"), kTimeoutMs);
        // The ladder shows the book live again one frame after the desk sees it live: wait for the ladder.
        QTRY_VERIFY_WITH_TIMEOUT(dockOf(t)->tradingRefusal().isEmpty(), kTimeoutMs);
        QTest::keyClick(t.window.get(), Qt::Key_P, Qt::AltModifier);
        QTRY_VERIFY2_WITH_TIMEOUT(positionSize().isZero(), qPrintable(t.window->hotkeys()->lastMessage()),
                                  kTimeoutMs);
    }

    void hotkeysAreIgnoredWhileALineEditHasFocus()
    {
        TradingTerminal t;
        t.desk->settings().setHotkeys(true);
        QTRY_VERIFY_WITH_TIMEOUT(ladderReady(t), kTimeoutMs);
        t.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(t.window.get()));
        auto* field = new QLineEdit(t.window->statusBar());
        t.window->statusBar()->addWidget(field);
        field->show();
        field->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(field->hasFocus(), 5000);
        QSignalSpy placed(t.desk.get(), &TradingDesk::orderPlaced);
        QTest::keyClick(field, Qt::Key_B, Qt::AltModifier);
        QTest::keyClicks(field, QStringLiteral("3"));
        QCOMPARE(field->text(), QStringLiteral("3"));
        QCOMPARE(dockOf(t)->quantity(), dec("0.001")); // the digit was typed, not a preset

        // The same keys with the ladder focused: preset 3 (5 × 0.001), and a buy.
        ladderOf(t)->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(ladderOf(t)->hasFocus(), 5000);
        QTest::keyClick(ladderOf(t), Qt::Key_3);
        QCOMPARE(dockOf(t)->quantity(), dec("0.005"));
        QTest::qWait(300);
        QCOMPARE(placed.count(), 0); // nothing was sent while typing in the field
        QTest::keyClick(ladderOf(t), Qt::Key_B, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(placed.count(), 1, kTimeoutMs);
        QCOMPARE(placed.first().first().value<TradingDesk::PlaceOutcome>().request.quantity, dec("0.005"));
    }

    void settingsDialogPersistsABindingAndAThreshold()
    {
        TradingTerminal t;
        t.desk->settings().setHotkeys(true);
        QPointer<QDialog> opened = t.window->showTradingSettings();
        auto* dialog = qobject_cast<TradingSettingsDialog*>(opened.data());
        QVERIFY(dialog);

        // A threshold applies once it is a valid number, exactly.
        QLineEdit* percent = dialog->fatFingerEdit();
        percent->clear();
        QTest::keyClicks(percent, QStringLiteral("abc"));
        QCOMPARE(t.desk->settings().fatFingerPercent(), AccountSettings::defaultFatFingerPercent());
        percent->clear();
        QTest::keyClicks(percent, QStringLiteral("2.5"));
        QCOMPARE(t.desk->settings().fatFingerPercent(), dec("2.5"));
        QTest::keyClicks(dialog->maxNotionalEdit(), QStringLiteral("0")); // 100000 → 1000000
        QCOMPARE(t.desk->settings().maxNotional(), dec("1000000"));

        // A binding typed into its editor.
        QKeySequenceEdit* buy = dialog->bindingEdit(TradingHotkeys::Action::BuyAtBest);
        QVERIFY(buy);
        buy->clear();
        buy->setFocus();
        QTest::keyClick(buy, Qt::Key_K, Qt::AltModifier);
        const auto buyBinding = [&t] {
            return TradingHotkeys::binding(t.desk->settings(), TradingHotkeys::Action::BuyAtBest);
        };
        QTRY_COMPARE_WITH_TIMEOUT(buyBinding(), QKeySequence(Qt::ALT | Qt::Key_K), 5000);
        // The window's hotkeys follow at once.
        QCOMPARE(t.window->hotkeys()->currentBinding(TradingHotkeys::Action::BuyAtBest),
                 QKeySequence(Qt::ALT | Qt::Key_K));
        dialog->close();

        // Persisted for the account: a fresh reader of the same account's settings sees them.
        AccountSettings again(t.desk->account());
        QCOMPARE(again.fatFingerPercent(), dec("2.5"));
        QCOMPARE(again.value(QStringLiteral("hotkeys/buyAtBest")).toString(), QStringLiteral("Alt+K"));
        QCOMPARE(TradingHotkeys::binding(again, TradingHotkeys::Action::BuyAtBest),
                 QKeySequence(Qt::ALT | Qt::Key_K));
    }
};

QTEST_MAIN(TestLadderTrading)
#include "tst_laddertrading.moc"
