// TradingDesk reading the account's key from a real keychain (gnome-keyring in a private D-Bus session,
// started by scripts/test.sh): the key is read once per start and kept only until stop().
#include "support/keystorewait.h"
#include "support/tradingterminal.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace keystorewait;

class TestTradingDeskKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        tradingtest::useThrowawaySettings(m_dir);
    }

    void keyReadOnceAndDroppedOnStop()
    {
        KeyStore keys(QStringLiteral("botterm-test-desk"), m_dir.filePath(QStringLiteral("index.ini")));
        const AccountId id = AccountsDialog::demoAccountId();
        const auto stored = storeAndWait(keys, id, DemoVenue::demoCredentials());
        QVERIFY2(stored, stored ? "" : qPrintable(stored.error().message + QStringLiteral(" — ") +
                                                  QLatin1String(kRunThroughScript)));

        TradingTerminal::Options o;
        o.keys = &keys;
        TradingTerminal t(o); // live: the login and the snapshot were signed with the keychain's key

        // Gone from the keychain, the desk still signs with the key it read at start.
        QVERIFY(removeAndWait(keys, id));
        OrderRequest request;
        request.symbol = QStringLiteral("BTCUSDT");
        request.quantity = *Decimal::parse("0.010");
        request.price = *Decimal::parse("50000");
        auto outcome = std::make_shared<std::optional<TradingDesk::PlaceOutcome>>();
        t.desk->placeOrder(request, [outcome](const TradingDesk::PlaceOutcome& r) { *outcome = r; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome->has_value(), TradingTerminal::TimeoutMs);
        QCOMPARE((*outcome)->kind, TradingDesk::PlaceOutcome::Kind::Live);

        // After stop() the key is forgotten: the next start must read the keychain again, and fails.
        t.desk->stop();
        t.desk->start();
        QTRY_VERIFY_WITH_TIMEOUT(!t.desk->lastError().isEmpty(), TradingTerminal::TimeoutMs);
        QVERIFY(!t.desk->canTrade());
    }
};

QTEST_MAIN(TestTradingDeskKeychain)
#include "tst_tradingdeskkeychain.moc"
