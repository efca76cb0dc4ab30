// A spot market buy sized in quote currency through the order entry dock of the real window: the unit
// choice ("BTC | USDT") on the demo venue (Bybit V5 marketUnit quoteCoin), what the amount buys there,
// the confirmation's wording, the fat-finger guard and the % sizes on the amount; and, on a Coincheck
// account's adapter (which takes a market buy only in JPY), the quote unit preselected and the base one
// refused with Coincheck's reason.
#include "support/orderticket.h"
#include "support/tradingterminal.h"

#include "exchanges/core/tradingsession.h"
#include "models/ordervalidation.h"
#include "models/tradingstore.h"
#include "ui/accountsettings.h"
#include "ui/orderconfirm.h"
#include "ui/orderentrydock.h"

#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

namespace {

using tradingtest::dec;
using Outcome = TradingDesk::PlaceOutcome;

const SymbolKey kSpot{Category::Spot, QStringLiteral("BTCUSDT")};

struct Ticket : OrderTicket
{
    using OrderTicket::OrderTicket;

    QLineEdit* qty() const { return find<QLineEdit>("qtyEdit"); }
    QComboBox* unit() const { return find<QComboBox>("qtyUnitCombo"); }
    QPushButton* send() const { return find<QPushButton>("sendButton"); }
    QLabel* label(const char* name) const { return find<QLabel>(name); }
    bool unitShown() const { return unit()->isVisibleTo(dock); }

    // The spot BTCUSDT ticket, a market buy, once the spot rules, balance and book are in.
    void spotMarketBuy()
    {
        t.session->setActiveSymbol(kSpot);
        if (!QTest::qWaitFor(
                [&] {
                    return t.session->instrument(kSpot) && t.desk->availableQuote(kSpot) &&
                           t.desk->isBookLive(kSpot);
                },
                TradingTerminal::TimeoutMs))
            qFatal("spot BTCUSDT not ready");
        QTest::mouseClick(find<QPushButton>("buySideButton"), Qt::LeftButton);
        find<QComboBox>("orderTypeCombo")->setCurrentIndex(static_cast<int>(OrderEntryDock::Kind::Market));
    }
};

} // namespace

class TestOrderEntryQuote : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase() { tradingtest::useThrowawaySettings(m_settingsDir); }

    void spotMarketBuySpendsTheAmountTyped()
    {
        TradingTerminal t;
        t.desk->settings().setConfirmOrders(true);
        t.desk->settings().setMaxNotional(dec("1000000"));
        Ticket ticket(t);
        // A limit order has no unit choice: it is sized in the coin.
        t.session->setActiveSymbol(kSpot);
        QTRY_VERIFY_WITH_TIMEOUT(t.session->instrument(kSpot), TradingTerminal::TimeoutMs);
        QVERIFY(!ticket.unitShown());

        ticket.spotMarketBuy();
        QVERIFY(ticket.unitShown());
        QCOMPARE(ticket.unit()->itemText(0), QStringLiteral("BTC"));
        QCOMPARE(ticket.unit()->itemText(1), QStringLiteral("USDT"));
        QCOMPARE(ticket.unit()->currentIndex(), 0); // Bybit takes a base-sized market buy too
        ticket.unit()->setCurrentIndex(1);
        ticket.enter(ticket.qty(), QStringLiteral("1000"));
        QTRY_VERIFY(ticket.send()->isEnabled());
        QCOMPARE(ticket.send()->text(), QStringLiteral("Buy BTC for 1000 USDT"));
        const auto request = ticket.dock->currentRequest();
        QVERIFY(request && request->quantityInQuote);
        QCOMPARE(request->quantity, dec("1000"));
        // The amount is the notional; what it draws on is shown beside it.
        QVERIFY2(ticket.label("notionalLabel")->text().contains(QLatin1String("1000")),
                 qPrintable(ticket.label("notionalLabel")->text()));
        QVERIFY2(ticket.label("availableLabel")->text().startsWith(QLatin1String("Available ")) &&
                     ticket.label("availableLabel")->text().endsWith(QLatin1String(" USDT")),
                 qPrintable(ticket.label("availableLabel")->text()));

        const Decimal usdtBefore = *t.desk->availableQuote(kSpot);
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.dialog("orderConfirmDialog"), 5000);
        QMessageBox* box = ticket.dialog("orderConfirmDialog");
        QVERIFY2(box->informativeText().startsWith(QLatin1String("Buy BTC for 1,000.00 USDT at market")),
                 qPrintable(box->informativeText()));
        QTest::mouseClick(OrderConfirmation::sendButton(box), Qt::LeftButton);
        QVERIFY(ticket.awaitOutcome());
        const Outcome& outcome = ticket.outcomes[0];
        QVERIFY2(outcome.kind == Outcome::Kind::Filled || outcome.kind == Outcome::Kind::Accepted,
                 qPrintable(ticket.label("resultLabel")->text()));
        const QString orderId = outcome.order ? outcome.order->orderId : outcome.ack->orderId;

        // The venue bought whole lots for at most the amount: what it spent is what left the wallet.
        const Instrument& spot = *t.session->instrument(kSpot);
        Decimal spent, bought;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                spent = bought = Decimal();
                for (const Fill& f : t.desk->store().fills()) {
                    if (f.orderId == orderId) {
                        spent = spent + f.price * f.quantity;
                        bought = bought + f.quantity;
                    }
                }
                return !bought.isZero();
            }(),
            TradingTerminal::TimeoutMs);
        QVERIFY(bought.isMultipleOf(spot.lotSize));
        QVERIFY2(spent <= dec("1000") && spent > dec("999"), qPrintable(spent.toString()));
        QTRY_COMPARE_WITH_TIMEOUT(t.desk->availableQuote(kSpot), std::optional<Decimal>(usdtBefore - spent),
                                  TradingTerminal::TimeoutMs);
    }

    void fatFingerAndPercentsWorkOnTheAmount()
    {
        TradingTerminal t;
        t.desk->settings().setConfirmOrders(false);
        t.desk->settings().setMaxNotional(dec("500"));
        Ticket ticket(t);
        ticket.spotMarketBuy();
        ticket.unit()->setCurrentIndex(1);

        // 50 % of the USDT available, on the amount's step (the price tick), never more.
        QTest::mouseClick(ticket.find<QPushButton>("percent50Button"), Qt::LeftButton);
        const Instrument& spot = *t.session->instrument(kSpot);
        const Decimal half = *t.desk->availableQuote(kSpot) * Decimal::fromMantissa(50, 2);
        QCOMPARE(*Decimal::parse(QStringView(ticket.qty()->text())), *half.roundedDownTo(spot.tickSize));

        // 1000 USDT is above the 500 maximum notional: the guard asks, naming the amount.
        ticket.enter(ticket.qty(), QStringLiteral("1000"));
        QTRY_VERIFY(ticket.send()->isEnabled());
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.dialog("fatFingerDialog"), 5000);
        QMessageBox* box = ticket.dialog("fatFingerDialog");
        QVERIFY2(box->text().contains(QLatin1String("The notional 1000 is above the maximum 500")),
                 qPrintable(box->text()));
        QTest::mouseClick(OrderConfirmation::cancelButton(box), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!ticket.dock->pendingConfirmation(), 5000);
        QCOMPARE(ticket.placed, 0);

        // 400 is within it: sent at once (confirmations off).
        ticket.enter(ticket.qty(), QStringLiteral("400"));
        QTRY_VERIFY(ticket.send()->isEnabled());
        QTest::mouseClick(ticket.send(), Qt::LeftButton);
        QVERIFY(!ticket.dialog("fatFingerDialog"));
        QVERIFY(ticket.awaitOutcome());
        QVERIFY2(ticket.outcomes[0].kind == Outcome::Kind::Filled ||
                     ticket.outcomes[0].kind == Outcome::Kind::Accepted,
                 qPrintable(ticket.label("resultLabel")->text()));
        QVERIFY(ticket.outcomes[0].request.quantityInQuote);

        // Back to a limit order: sized in the coin again, the amount carried over at the market price.
        ticket.find<QComboBox>("orderTypeCombo")
            ->setCurrentIndex(static_cast<int>(OrderEntryDock::Kind::Limit));
        QVERIFY(!ticket.unitShown());
        const auto back = Decimal::parse(QStringView(ticket.qty()->text()));
        QVERIFY2(back && back->isMultipleOf(spot.lotSize) && !back->isZero(),
                 qPrintable(ticket.qty()->text()));
        QVERIFY(ticket.dock->currentRequest() && !ticket.dock->currentRequest()->quantityInQuote);
    }

    // A Coincheck account: its market buy is sized in JPY only. The dock reads that from the desk's
    // adapter, so a (not started) Coincheck desk on the same window shows it without any network.
    void coincheckPreselectsTheQuoteAndRefusesTheBase()
    {
        TradingTerminal t;
        TradingDesk::Options options;
        options.account =
            AccountId{QStringLiteral("coincheck"), QStringLiteral("main"), Environment::Mainnet};
        options.restUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
        options.privateStreamUrl = QUrl(QStringLiteral("ws://127.0.0.1:9"));
        options.credentials = Credentials(QStringLiteral("k"), "s");
        std::unique_ptr<TradingDesk> coincheck = TradingDesk::create(*t.session, nullptr, options);
        QVERIFY(coincheck);
        Ticket ticket(t);
        t.session->setActiveSymbol(kSpot);
        QTRY_VERIFY_WITH_TIMEOUT(t.session->instrument(kSpot), TradingTerminal::TimeoutMs);
        ticket.dock->setDesk(coincheck.get());
        QTest::mouseClick(ticket.find<QPushButton>("buySideButton"), Qt::LeftButton);
        ticket.find<QComboBox>("orderTypeCombo")
            ->setCurrentIndex(static_cast<int>(OrderEntryDock::Kind::Market));
        QVERIFY(ticket.unitShown());
        QCOMPARE(ticket.unit()->currentIndex(), 1); // preselected: the amount to spend
        ticket.enter(ticket.qty(), QStringLiteral("10000"));
        auto request = ticket.dock->currentRequest();
        QVERIFY(request && request->quantityInQuote);
        QVERIFY(coincheck->adapter().notOffered(*request).isEmpty());

        // In the coin, Coincheck's reason shows beside the quantity and no order can be made.
        ticket.unit()->setCurrentIndex(0);
        ticket.enter(ticket.qty(), QStringLiteral("0.01"));
        QTRY_VERIFY(ticket.label("qtyError")->isVisibleTo(ticket.dock));
        QVERIFY2(ticket.label("qtyError")->text().contains(QLatin1String("sized in JPY")),
                 qPrintable(ticket.label("qtyError")->text()));
        QVERIFY(!ticket.dock->currentRequest());
        // A sell is sized in the coin: no unit choice.
        QTest::mouseClick(ticket.find<QPushButton>("sellSideButton"), Qt::LeftButton);
        QVERIFY(!ticket.unitShown());
        ticket.dock->setDesk(t.desk.get());
    }

    void confirmationNamesTheAmountInYen()
    {
        Instrument btcJpy;
        btcJpy.venue = QStringLiteral("coincheck");
        btcJpy.symbol = QStringLiteral("btc_jpy");
        btcJpy.category = Category::Spot;
        btcJpy.baseAsset = QStringLiteral("BTC");
        btcJpy.quoteAsset = QStringLiteral("JPY");
        btcJpy.tickSize = dec("1");
        btcJpy.lotSize = dec("0.00000001");
        OrderRequest r;
        r.symbol = btcJpy.symbol;
        r.category = Category::Spot;
        r.type = OrderType::Market;
        r.quantity = dec("10000");
        r.quantityInQuote = true;
        QCOMPARE(OrderConfirmation::summary(r, btcJpy, r.quantity),
                 QStringLiteral("Buy BTC for 10,000 JPY at market (btc_jpy, spot)"));
        r.quantity = dec("1234567");
        QVERIFY(OrderConfirmation::summary(r, btcJpy, r.quantity)
                    .startsWith(QLatin1String("Buy BTC for 1,234,567 JPY")));
    }
};

QTEST_MAIN(TestOrderEntryQuote)
#include "tst_orderentryquote.moc"
