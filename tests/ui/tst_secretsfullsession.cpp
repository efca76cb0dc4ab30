// A whole trading session at the most verbose logging: an account added through Settings → Accounts (the
// secret typed in), its connection tested, the private stream logged in, orders placed, amended,
// cancelled and a position closed, the streams dropped and reconnected — and then not one form of the
// secret may appear in any log message, settings or index file. The terminal itself, run as a process
// at full verbosity on the demo venue, must not print the demo secret either. Needs the keychain
// (scripts/test.sh runs it in a private D-Bus session with gnome-keyring).
#include "support/keystorewait.h"
#include "support/tradingterminal.h"

#include "models/orderhistorymodel.h"
#include "ui/accountsdialog.h"
#include "ui/accountsettings.h"

#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QUuid>

namespace {

using tradingtest::await;
using tradingtest::dec;

QMutex capturedMutex;
QStringList captured;

void capture(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    QMutexLocker locker(&capturedMutex);
    captured.append(QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') +
                    message);
}

const QString kKey = QStringLiteral("FULLSESSIONKEY0042");
const QByteArray kSecret = "Vt3-UNIQUE-session-secret-9Pq/Lm+e==";

// The forms a secret could leak in.
QString findLeak(const QByteArray& text, const QByteArray& secret)
{
    for (const QByteArray& form : {secret, secret.toBase64(), secret.toHex(), secret.toPercentEncoding()}) {
        if (text.contains(form))
            return QString::fromLatin1(form);
    }
    return {};
}

template <typename T> T* child(QObject& parent, const char* name)
{
    T* w = parent.findChild<T*>(QLatin1String(name));
    if (!w)
        qFatal("no %s", name);
    return w;
}

} // namespace

class TestSecretsFullSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL(keystorewait::kRunThroughScript);
        tradingtest::useThrowawaySettings(m_dir);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    }

    void wholeSessionLogsAndStoresNoSecret()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("*=true"));
        const QtMessageHandler previous = qInstallMessageHandler(capture);

        KeyStore store(QStringLiteral("botterm-test-secrets-") + QUuid::createUuid().toString(QUuid::Id128),
                       m_dir.filePath(QStringLiteral("accounts.ini")));
        TradingTerminal::Options o;
        o.keys = &store;
        o.extraApiKey = Credentials(kKey, kSecret);
        o.waitUntilLive = false;
        {
            TradingTerminal t(o);
            // No account yet: the desk cannot log in and says so.
            QTRY_VERIFY_WITH_TIMEOUT(!t.desk->lastError().isEmpty(), TradingTerminal::TimeoutMs);

            // Settings → Accounts: the account typed in, saved to the keychain, its connection tested.
            t.window->setKeyStore(&store);
            t.window->setDemoRestUrl(t.venue->restUrl());
            AccountsDialog* dialog = t.window->showAccounts();
            auto* venues = child<QComboBox>(*dialog, "venue");
            venues->setCurrentIndex(venues->findText(QStringLiteral("bybit")));
            auto* environments = child<QComboBox>(*dialog, "environment");
            environments->setCurrentIndex(environments->findData(int(Environment::Demo)));
            QTest::keyClicks(child<QLineEdit>(*dialog, "name"), QStringLiteral("demo"));
            QTest::keyClicks(child<QLineEdit>(*dialog, "key"), kKey);
            QTest::keyClicks(child<QLineEdit>(*dialog, "secret"), QString::fromLatin1(kSecret));
            QSignalSpy changed(dialog, &AccountsDialog::accountsChanged);
            child<QPushButton>(*dialog, "save")->click();
            QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, TradingTerminal::TimeoutMs);
            auto* table = child<QTableWidget>(*dialog, "accounts");
            for (int row = 0; row < table->rowCount(); ++row) {
                table->setCurrentCell(row, 0);
                if (dialog->selectedAccount() == AccountsDialog::demoAccountId())
                    break;
            }
            QSignalSpy tested(dialog, &AccountsDialog::connectionTested);
            child<QPushButton>(*dialog, "testConnection")->click();
            QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, TradingTerminal::TimeoutMs);
            QVERIFY2(tested.first().first().toBool(), qPrintable(tested.first().at(1).toString()));
            dialog->close();

            // The account goes live with the key from the keychain; then a trading session.
            t.desk->stop();
            t.desk->start();
            QVERIFY(t.waitUntilReady());
            const Decimal bid = *t.desk->referencePrice(TradingTerminal::btc());
            OrderRequest limit;
            limit.symbol = QStringLiteral("BTCUSDT");
            limit.quantity = dec("0.010");
            limit.price = *roundPriceToTick(bid - dec("700"), t.btcInstrument());
            const auto placed = await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->placeOrder(limit, done); });
            QCOMPARE(placed.kind, TradingDesk::PlaceOutcome::Kind::Live);
            QTRY_VERIFY_WITH_TIMEOUT(t.desk->store().findOpenOrderByClientId(placed.request.clientOrderId),
                                     TradingTerminal::TimeoutMs);
            const Order open = *t.desk->store().findOpenOrderByClientId(placed.request.clientOrderId);
            using Ack = Result<OrderAck, RestError>;
            const Ack amended =
                await<Ack>([&](auto done) { t.desk->amendOrder(open, *limit.price - dec("1"), std::nullopt, done); });
            QVERIFY(bool(amended));
            const Ack cancelled = await<Ack>([&](auto done) { t.desk->cancelOrder(open, done); });
            QVERIFY(bool(cancelled));
            OrderRequest market;
            market.symbol = QStringLiteral("BTCUSDT");
            market.type = OrderType::Market;
            market.quantity = dec("0.010");
            QCOMPARE(await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->placeOrder(market, done); }).kind,
                     TradingDesk::PlaceOutcome::Kind::Filled);
            QTRY_VERIFY_WITH_TIMEOUT(t.desk->store().findPosition(QStringLiteral("BTCUSDT")),
                                     TradingTerminal::TimeoutMs);
            // The streams drop and come back: another login, another snapshot.
            const int logins = t.desk->session().authAttempts();
            t.venue->dropConnections();
            QTRY_VERIFY_WITH_TIMEOUT(t.desk->session().authAttempts() > logins && t.desk->canTrade(),
                                     TradingTerminal::TimeoutMs);
            const Position position = *t.desk->store().findPosition(QStringLiteral("BTCUSDT"));
            QCOMPARE(await<TradingDesk::PlaceOutcome>([&](auto done) { t.desk->closePosition(position, done); }).kind,
                     TradingDesk::PlaceOutcome::Kind::Filled);
            // Settings written as the terminal writes them: the account's choices and the layout.
            t.desk->settings().setConfirmOrders(false);
            t.window->saveLayout();
            t.desk->stop();
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());

        QVERIFY2(captured.size() > 20, "verbose logging captured almost nothing: the test would prove nothing");
        for (qsizetype i = 0; i < captured.size(); ++i) {
            // The failure names the message, never its text (the secret would reach the test output).
            QVERIFY2(findLeak(captured[i].toUtf8(), kSecret).isEmpty(),
                     qPrintable(QStringLiteral("a form of the secret in log message #%1 (category %2)")
                                    .arg(i)
                                    .arg(captured[i].section(QLatin1Char(' '), 0, 0))));
        }
        QDirIterator files(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int checked = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString leak = findLeak(file.readAll(), kSecret);
            QVERIFY2(leak.isEmpty(), qPrintable(QStringLiteral("secret in ") + file.fileName()));
            ++checked;
        }
        QVERIFY2(checked >= 2, "the settings and the account index were written");
    }

    void terminalProcessPrintsNoSecret()
    {
        // The terminal on its demo venue, everything logged, for a few seconds: stdout and stderr must
        // not carry the demo account's secret (public, but botterm must not print a secret at all).
        QProcess botterm;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*=true"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("process-config")));
        botterm.setProcessEnvironment(env);
        botterm.start(QStringLiteral(BOTTERM_GUI), {QStringLiteral("--demo")});
        QVERIFY2(botterm.waitForStarted(10'000), qPrintable(botterm.errorString()));
        QByteArray output;
        // Until the demo account is live (the status bar's state is logged at debug), at most 15 s.
        QTRY_VERIFY_WITH_TIMEOUT((output += botterm.readAllStandardOutput() + botterm.readAllStandardError(),
                                  output.size() > 2000),
                                 15'000);
        QTest::qWait(3000); // let it trade-live for a moment: logins, snapshots, pushes
        botterm.terminate();
        QVERIFY(botterm.waitForFinished(10'000));
        output += botterm.readAllStandardOutput() + botterm.readAllStandardError();
        const QString leak = findLeak(output, DemoVenue::demoCredentials().secret);
        QVERIFY2(leak.isEmpty(), "the terminal printed the demo secret");
    }
};

QTEST_MAIN(TestSecretsFullSession)
#include "tst_secretsfullsession.moc"
