// The order entry dock on a coin-margined (inverse) contract: Phemex BTCUSD, one contract worth 1 USD,
// margined in BTC. The whole window runs on the Phemex loopback venue (its products, its BTC contract
// account at 1 BTC): the quantity counts contracts, the notional is contracts × contract value in USD,
// the fee is in BTC, Available is the BTC balance, the % buttons size contracts from it at the price,
// and the send button and the confirmation say "contracts".
#include "support/orderticket.h"
#include "support/phemexvenue.h"
#include "support/tradingterminal.h"

#include "exchanges/venues.h"
#include "models/orderguard.h"
#include "ui/accountsettings.h"
#include "ui/mainwindow.h"
#include "ui/marketsession.h"
#include "ui/orderconfirm.h"
#include "ui/orderentrydock.h"
#include "ui/tradingdesk.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

using tradingtest::dec;

const SymbolKey kInverse{Category::Inverse, QStringLiteral("BTCUSD")};

struct PhemexLoopback
{
    PhemexVenue venue;
};

// The window, a market session and a desk on the Phemex loopback, on its coin-margined contracts only.
struct InverseTerminal : PhemexLoopback, LoopbackWindow
{
    InverseTerminal()
        : LoopbackWindow(
              {QStringLiteral("phemex"), kInverse, venue.restUrl(), venue.streamUrl(), venue.streamUrl(),
               Credentials(QString::fromLatin1(PhemexVenue::Key), QByteArray(PhemexVenue::Secret))})
        , dock(window->orderEntryDock())
    {}

    template <typename W> W* find(const char* name) const
    {
        W* w = dock->findChild<W*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no %s in the order entry dock", name);
        return w;
    }
    QLabel* label(const char* name) const { return find<QLabel>(name); }

    OrderEntryDock* dock;
};

} // namespace

class TestOrderEntryInverse : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase() { tradingtest::useThrowawaySettings(m_settingsDir); }

    void inverseTicketCountsContracts()
    {
        InverseTerminal t;
        QTRY_VERIFY_WITH_TIMEOUT(t.desk->canTrade() && t.session->instrument(kInverse) &&
                                     t.desk->availableBase(kInverse),
                                 TradingTerminal::TimeoutMs);
        const Instrument& btcusd = *t.session->instrument(kInverse);
        QCOMPARE(btcusd.contractValue, std::optional(dec("1")));
        QCOMPARE(*t.desk->availableBase(kInverse), dec("1")); // the loopback's 1 BTC
        QVERIFY(!t.desk->availableQuote(kInverse));           // there is no USD balance

        auto* qty = t.find<QLineEdit>("qtyEdit");
        auto* price = t.find<QLineEdit>("priceEdit");
        QCOMPARE(qty->placeholderText(), QStringLiteral("contracts"));
        QTest::mouseClick(t.find<QPushButton>("buySideButton"), Qt::LeftButton);
        t.find<QComboBox>("orderTypeCombo")->setCurrentIndex(static_cast<int>(OrderEntryDock::Kind::Limit));
        OrderTicket::enter(price, QStringLiteral("50000"));
        OrderTicket::enter(qty, QStringLiteral("100"));

        // 100 contracts of 1 USD: 100 USD at any price; a resting limit pays the maker rate (0.02 %) in
        // BTC: 0.02 USD at 50000 = 0.0000004 BTC.
        QTRY_COMPARE(t.label("notionalLabel")->text(), QStringLiteral("Notional 100.00 USD"));
        QVERIFY2(t.label("feeLabel")->text().startsWith(QLatin1String("Fee est. 0.00000040 BTC")),
                 qPrintable(t.label("feeLabel")->text()));
        QTRY_VERIFY(t.label("availableLabel")->isVisibleTo(t.dock));
        QCOMPARE(t.label("availableLabel")->text(), QStringLiteral("Available 1.00000000 BTC"));
        QTRY_COMPARE(t.find<QPushButton>("sendButton")->text(), QStringLiteral("Buy 100 contracts BTCUSD"));

        // The guard judges the 100 USD, not 100 × 50000: above a 50 USD maximum, within 1000.
        t.desk->settings().setConfirmOrders(false);
        t.desk->settings().setMaxNotional(dec("50"));
        QTRY_VERIFY(t.find<QPushButton>("sendButton")->isEnabled());
        QTest::mouseClick(t.find<QPushButton>("sendButton"), Qt::LeftButton);
        QMessageBox* warning = nullptr;
        QTRY_VERIFY((warning = OrderTicket::dialog("fatFingerDialog")) != nullptr);
        QVERIFY2(warning->text().contains(QLatin1String("The notional 100 is above the maximum 50.")),
                 qPrintable(warning->text()));
        QVERIFY2(warning->informativeText().startsWith(QLatin1String("Buy 100 contracts BTCUSD (inverse)")),
                 qPrintable(warning->informativeText()));
        OrderConfirmation::cancelButton(warning)->click();
        QTRY_VERIFY(!OrderTicket::dialog("fatFingerDialog"));

        // 25 % of 1 BTC at 50000 is 12500 USD: 12500 contracts.
        QTest::mouseClick(t.find<QPushButton>("percent25Button"), Qt::LeftButton);
        QCOMPARE(qty->text(), QStringLiteral("12500"));
        QVERIFY(!t.label("qtyError")->isVisibleTo(t.dock));
        // At 40001 a quarter buys 10000.25 USD: rounded down to the whole contract.
        OrderTicket::enter(price, QStringLiteral("40001"));
        QTest::mouseClick(t.find<QPushButton>("percent25Button"), Qt::LeftButton);
        QCOMPARE(qty->text(), QStringLiteral("10000"));

        // The order the dock would send, as the guard and the confirmation read it.
        const std::optional<OrderRequest> request = t.dock->currentRequest();
        QVERIFY(request);
        QCOMPARE(request->quantity, dec("10000"));
        const FatFingerCheck check =
            checkFatFinger(*request, std::nullopt, dec("5"), dec("20000"), btcusd.contractValue);
        QCOMPARE(check.notional, std::optional(dec("10000")));
        QVERIFY(!check.notionalTooLarge);
        QCOMPARE(OrderConfirmation::summary(*request, btcusd, check.notional),
                 QStringLiteral(
                     "Buy 10000 contracts BTCUSD (inverse), limit 40001.0, GTC\nNotional ≈ 10000.00 USD"));
    }
};

QTEST_MAIN(TestOrderEntryInverse)
#include "tst_orderentryinverse.moc"
