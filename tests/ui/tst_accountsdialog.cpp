// Settings → Accounts against a real Secret Service and the real demo venue: scripts/test.sh runs this
// inside a private D-Bus session with an unlocked gnome-keyring and a throwaway HOME. Each run uses its
// own keychain service name and index file, so nothing collides with other runs or a user's keys.
#include "exchanges/core/connectiontest.h"
#include "exchanges/core/hostregistry.h"
#include "exchanges/core/keystore.h"
#include "exchanges/demo/demovenue.h"
#include "exchanges/venues.h"
#include "support/keystorewait.h"
#include "ui/accountsdialog.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/marketsession.h"

#include <QComboBox>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <memory>
#include <optional>

namespace {

using namespace keystorewait;

constexpr int kTimeoutMs = 30'000;

QString unique()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

template <typename T> T* child(const QObject& parent, const char* name)
{
    return parent.findChild<T*>(QLatin1String(name));
}

} // namespace

class TestAccountsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addedAccountIsInKeychainAndSettingsHoldNoSecret();
    void editingReplacesTheSecretAndKeepsItWhenLeftEmpty();
    void removedAccountLeavesTheKeychain();
    void closedVenuesAreNotOffered();
    void everyVenueHasAPrivateReadRequest();
    void passphraseIsEnabledForOkxOnly();
    void testConnectionWithDemoKeySucceeds();
    void testConnectionShowsTheVenueErrorVerbatim();
    void demoAccountIsCreatedOnDemoStart();

private:
    void fillAndSave(const QString& venue, Environment environment, const QString& name, const QString& key,
                     const QString& secret);
    void select(const AccountId& id);
    QString message() const { return child<QLabel>(*m_dialog, "message")->text(); }
    bool filesContain(const QByteArray& needle) const;

    std::optional<QTemporaryDir> m_dir;
    std::unique_ptr<KeyStore> m_store;
    std::unique_ptr<AccountsDialog> m_dialog;
};

void TestAccountsDialog::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL(kRunThroughScript);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    KeyStore probe(QStringLiteral("botterm-test-probe-") + unique(),
                   dir.filePath(QStringLiteral("probe.ini")));
    const AccountId id{QStringLiteral("bybit"), QStringLiteral("probe"), Environment::Mainnet};
    const Outcome stored = storeAndWait(probe, id, Credentials(QStringLiteral("probe"), "probe"));
    if (!stored)
        QFAIL(qPrintable(
            QStringLiteral("%1 (%2)").arg(QLatin1String(kRunThroughScript), stored.error().message)));
    QVERIFY(removeAndWait(probe, id));
    Language::apply(QStringLiteral("en"));
}

void TestAccountsDialog::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir->path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir->path());
    QCoreApplication::setOrganizationName(QStringLiteral("botterm"));
    QCoreApplication::setApplicationName(QStringLiteral("botterm"));
    m_store = std::make_unique<KeyStore>(QStringLiteral("botterm-test-") + unique(),
                                         m_dir->filePath(QStringLiteral("accounts.ini")));
    m_dialog = std::make_unique<AccountsDialog>(*m_store);
    m_dialog->show();
}

void TestAccountsDialog::cleanup()
{
    m_dialog.reset();
    for (const AccountId& id : m_store->accounts())
        removeAndWait(*m_store, id);
    m_store.reset();
    m_dir.reset();
}

void TestAccountsDialog::fillAndSave(const QString& venue, Environment environment, const QString& name,
                                     const QString& key, const QString& secret)
{
    auto* venues = child<QComboBox>(*m_dialog, "venue");
    auto* environments = child<QComboBox>(*m_dialog, "environment");
    QVERIFY(venues && environments);
    venues->setCurrentIndex(venues->findText(venue));
    environments->setCurrentIndex(environments->findData(int(environment)));
    auto* nameEdit = child<QLineEdit>(*m_dialog, "name");
    nameEdit->clear();
    QTest::keyClicks(nameEdit, name);
    auto* keyEdit = child<QLineEdit>(*m_dialog, "key");
    keyEdit->clear();
    QTest::keyClicks(keyEdit, key);
    QTest::keyClicks(child<QLineEdit>(*m_dialog, "secret"), secret);
    QSignalSpy changed(m_dialog.get(), &AccountsDialog::accountsChanged);
    child<QPushButton>(*m_dialog, "save")->click();
    // The secret field is cleared as soon as Save is pressed, before the keychain answers.
    QVERIFY(child<QLineEdit>(*m_dialog, "secret")->text().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
}

void TestAccountsDialog::select(const AccountId& id)
{
    auto* table = child<QTableWidget>(*m_dialog, "accounts");
    for (int row = 0; row < table->rowCount(); ++row) {
        table->setCurrentCell(row, 0);
        if (m_dialog->selectedAccount() == id)
            return;
    }
    QFAIL(qPrintable(QStringLiteral("account %1 not listed").arg(id.keychainKey())));
}

bool TestAccountsDialog::filesContain(const QByteArray& needle) const
{
    QDirIterator it(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

void TestAccountsDialog::addedAccountIsInKeychainAndSettingsHoldNoSecret()
{
    const QString secret = QStringLiteral("secret-") + unique();
    const QString key = QStringLiteral("KEY") + unique();
    fillAndSave(QStringLiteral("bybit"), Environment::Testnet, QStringLiteral("main"), key, secret);
    const AccountId id{QStringLiteral("bybit"), QStringLiteral("main"), Environment::Testnet};
    QCOMPARE(m_store->accounts(), QList<AccountId>{id});
    const Loaded loaded = loadAndWait(*m_store, id);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->key, key);
    QCOMPARE(loaded->secret, secret.toUtf8());

    QSettings().sync();
    QVERIFY(!filesContain(secret.toUtf8()));
    QVERIFY(!filesContain(key.toUtf8()));
    // The list never shows the secret or the key.
    auto* table = child<QTableWidget>(*m_dialog, "accounts");
    QCOMPARE(table->rowCount(), 1);
    for (int column = 0; column < table->columnCount(); ++column) {
        QVERIFY(!table->item(0, column)->text().contains(secret));
        QVERIFY(!table->item(0, column)->text().contains(key));
    }
}

void TestAccountsDialog::editingReplacesTheSecretAndKeepsItWhenLeftEmpty()
{
    fillAndSave(QStringLiteral("binance"), Environment::Mainnet, QStringLiteral("main"), QStringLiteral("k1"),
                QStringLiteral("s1"));
    const AccountId id{QStringLiteral("binance"), QStringLiteral("main"), Environment::Mainnet};
    select(id);
    child<QPushButton>(*m_dialog, "edit")->click();
    QCOMPARE(child<QLineEdit>(*m_dialog, "name")->text(), QStringLiteral("main"));
    QTest::keyClicks(child<QLineEdit>(*m_dialog, "secret"), QStringLiteral("s2"));
    QSignalSpy changed(m_dialog.get(), &AccountsDialog::accountsChanged);
    child<QPushButton>(*m_dialog, "save")->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    Loaded loaded = loadAndWait(*m_store, id);
    QVERIFY(loaded);
    QCOMPARE(loaded->key, QStringLiteral("k1"));
    QCOMPARE(loaded->secret, QByteArray("s2"));

    // Renaming with the secret left empty keeps the secret and drops the old entry.
    select(id);
    child<QPushButton>(*m_dialog, "edit")->click();
    auto* name = child<QLineEdit>(*m_dialog, "name");
    name->clear();
    QTest::keyClicks(name, QStringLiteral("renamed"));
    child<QPushButton>(*m_dialog, "save")->click();
    const AccountId renamed{QStringLiteral("binance"), QStringLiteral("renamed"), Environment::Mainnet};
    QTRY_COMPARE_WITH_TIMEOUT(m_store->accounts(), QList<AccountId>{renamed}, kTimeoutMs);
    loaded = loadAndWait(*m_store, renamed);
    QVERIFY(loaded);
    QCOMPARE(loaded->secret, QByteArray("s2"));
}

void TestAccountsDialog::removedAccountLeavesTheKeychain()
{
    fillAndSave(QStringLiteral("bitflyer"), Environment::Mainnet, QStringLiteral("main"), QStringLiteral("k"),
                QStringLiteral("s"));
    const AccountId id{QStringLiteral("bitflyer"), QStringLiteral("main"), Environment::Mainnet};
    select(id);
    QSignalSpy changed(m_dialog.get(), &AccountsDialog::accountsChanged);
    child<QPushButton>(*m_dialog, "remove")->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    QVERIFY(m_store->accounts().isEmpty());
    QCOMPARE(child<QTableWidget>(*m_dialog, "accounts")->rowCount(), 0);
    const Loaded loaded = loadAndWait(*m_store, id);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, KeyStoreError::Kind::NotFound);
}

void TestAccountsDialog::closedVenuesAreNotOffered()
{
    auto* venues = child<QComboBox>(*m_dialog, "venue");
    QStringList offered;
    for (int i = 0; i < venues->count(); ++i)
        offered << venues->itemText(i);
    QCOMPARE(offered, HostRegistry::builtIn().venueNames());
    for (const QString& closed : HostRegistry::builtIn().closedVenues())
        QVERIFY(!offered.contains(closed));
    QVERIFY(!offered.contains(QStringLiteral("ftx")));
    QVERIFY(!offered.contains(QStringLiteral("liquid")));
}

void TestAccountsDialog::everyVenueHasAPrivateReadRequest()
{
    const QHash<QString, QString> expected{
        {QStringLiteral("bybit"), QStringLiteral("https://api.bybit.com/v5/account/wallet-balance")},
        {QStringLiteral("binance"), QStringLiteral("https://api.binance.com/api/v3/account")},
        {QStringLiteral("okx"), QStringLiteral("https://www.okx.com/api/v5/account/balance")},
        {QStringLiteral("bitmex"), QStringLiteral("https://www.bitmex.com/api/v1/user/margin")},
        {QStringLiteral("bitflyer"), QStringLiteral("https://api.bitflyer.com/v1/me/getbalance")},
        {QStringLiteral("gmocoin"), QStringLiteral("https://api.coin.z.com/private/v1/account/margin")},
        {QStringLiteral("bitbank"), QStringLiteral("https://api.bitbank.cc/v1/user/assets")},
        {QStringLiteral("coincheck"), QStringLiteral("https://coincheck.com/api/accounts/balance")},
        {QStringLiteral("phemex"), QStringLiteral("https://api.phemex.com/accounts/accountPositions")},
    };
    for (const QString& venue : HostRegistry::builtIn().venueNames()) {
        const std::optional<SignedRequest> request = ConnectionTest::request(venue, Environment::Mainnet);
        QVERIFY2(request, qPrintable(venue));
        QCOMPARE(request->method, QByteArray("GET"));
        QCOMPARE(request->url.toString(), expected.value(venue));
        QCOMPARE(request->venue, venue);
    }
    const std::optional<SignedRequest> bybitTestnet =
        ConnectionTest::request(QStringLiteral("bybit"), Environment::Testnet);
    QVERIFY(bybitTestnet);
    QCOMPARE(bybitTestnet->url.host(), QStringLiteral("api-testnet.bybit.com"));
    QCOMPARE(bybitTestnet->query.value(0).first, QStringLiteral("accountType"));
    QCOMPARE(bybitTestnet->query.value(0).second, QStringLiteral("UNIFIED"));
    // The demo venue: its own base URL, signed as Bybit's demo environment.
    const std::optional<SignedRequest> demo = ConnectionTest::request(
        QStringLiteral("bybit"), Environment::Demo, QUrl(QStringLiteral("http://127.0.0.1:1234")));
    QVERIFY(demo);
    QCOMPARE(demo->url.toString(), QStringLiteral("http://127.0.0.1:1234/v5/account/wallet-balance"));
    QCOMPARE(demo->environment, Environment::Demo);
    QVERIFY(!ConnectionTest::request(QStringLiteral("ftx"), Environment::Mainnet));
}

void TestAccountsDialog::passphraseIsEnabledForOkxOnly()
{
    auto* venues = child<QComboBox>(*m_dialog, "venue");
    auto* passphrase = child<QLineEdit>(*m_dialog, "passphrase");
    QCOMPARE(passphrase->echoMode(), QLineEdit::Password);
    QCOMPARE(child<QLineEdit>(*m_dialog, "secret")->echoMode(), QLineEdit::Password);
    for (int i = 0; i < venues->count(); ++i) {
        venues->setCurrentIndex(i);
        QCOMPARE(passphrase->isEnabled(), venues->itemText(i) == QLatin1String("okx"));
    }
}

void TestAccountsDialog::testConnectionWithDemoKeySucceeds()
{
    DemoVenue venue;
    QVERIFY2(venue.start(), qPrintable(venue.errorString()));
    QVERIFY(storeAndWait(*m_store, AccountsDialog::demoAccountId(), DemoVenue::demoCredentials()));
    m_dialog = std::make_unique<AccountsDialog>(*m_store);
    m_dialog->setDemoRestUrl(venue.restUrl());
    m_dialog->show();
    select(AccountsDialog::demoAccountId());
    QSignalSpy tested(m_dialog.get(), &AccountsDialog::connectionTested);
    child<QPushButton>(*m_dialog, "testConnection")->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, kTimeoutMs);
    QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(tested.at(0).at(1).toString()));
    QVERIFY(message().startsWith(QLatin1String("OK")));
}

void TestAccountsDialog::testConnectionShowsTheVenueErrorVerbatim()
{
    DemoVenue venue;
    QVERIFY2(venue.start(), qPrintable(venue.errorString()));
    Credentials wrong = DemoVenue::demoCredentials();
    wrong.secret = "not-the-demo-secret";
    QVERIFY(storeAndWait(*m_store, AccountsDialog::demoAccountId(), wrong));
    m_dialog = std::make_unique<AccountsDialog>(*m_store);
    m_dialog->setDemoRestUrl(venue.restUrl());
    m_dialog->show();
    select(AccountsDialog::demoAccountId());
    QSignalSpy tested(m_dialog.get(), &AccountsDialog::connectionTested);
    child<QPushButton>(*m_dialog, "testConnection")->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, kTimeoutMs);
    QVERIFY(!tested.at(0).at(0).toBool());
    QVERIFY2(message().contains(QLatin1String("10004")), qPrintable(message()));
    QVERIFY2(message().contains(QLatin1String("error sign!")), qPrintable(message()));
}

void TestAccountsDialog::demoAccountIsCreatedOnDemoStart()
{
    DemoVenue venue;
    QVERIFY2(venue.start(), qPrintable(venue.errorString()));
    MarketSession::Options options;
    options.demo = true;
    options.venueLabel = QStringLiteral("demo venue");
    options.categories = {Category::Linear};
    options.restUrl = venue.restUrl();
    MarketSession session(createMarketDataAdapter(QStringLiteral("bybit")), options);
    MainWindow window(session);
    window.setKeyStore(m_store.get());
    window.setDemoRestUrl(venue.restUrl());
    QSignalSpy ready(&window, &MainWindow::demoAccountReady);
    window.ensureDemoAccount(DemoVenue::demoCredentials());
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, kTimeoutMs);
    QVERIFY(ready.at(0).at(0).toBool());
    QVERIFY(!window.inMemoryDemoCredentials());
    QCOMPARE(m_store->accounts(), QList<AccountId>{AccountsDialog::demoAccountId()});
    const Loaded loaded = loadAndWait(*m_store, AccountsDialog::demoAccountId());
    QVERIFY(loaded);
    QCOMPARE(loaded->key, DemoVenue::demoCredentials().key);
    QCOMPARE(loaded->secret, DemoVenue::demoCredentials().secret);
    QSettings().sync();
    QVERIFY(!filesContain(DemoVenue::demoCredentials().secret));

    // The menu action opens the dialog, which lists the account and tests it against the demo venue.
    QVERIFY(window.accountsAction());
    window.accountsAction()->trigger();
    auto* dialog = window.findChild<AccountsDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QTableWidget*>(QStringLiteral("accounts"))->rowCount(), 1);
}

QTEST_MAIN(TestAccountsDialog)
#include "tst_accountsdialog.moc"
