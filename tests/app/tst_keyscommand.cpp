// Runs the built botterm-cli: `botterm-cli keys set|list|remove` against a real Secret Service.
// scripts/test.sh runs this inside a private D-Bus session with an unlocked gnome-keyring; the CLI gets
// its own keychain service (BOTTERM_KEYCHAIN_SERVICE) and settings folder (XDG_CONFIG_HOME) per test.

#include "exchanges/core/keystore.h"
#include "support/clirun.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <optional>

namespace {

using Loaded = Result<Credentials, KeyStoreError>;

const char kRunThroughScript[] =
    "the keychain tests need a Secret Service: run them through scripts/test.sh, which starts a private "
    "D-Bus session with an unlocked gnome-keyring and a throwaway HOME";

QByteArray unique()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

} // namespace

class TestKeysCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void setListRemoveRoundTrip();
    void storedKeyLoadsIdenticallyFromTheKeychain();
    void okxNeedsAPassphrase();
    void multiLinePemSecretIsReadWhole();
    void accountsAndEnvironmentsAreListedSeparately();
    void removingAnUnknownAccountFails();
    void missingInputStoresNothing();
    void withoutKeychainNothingIsStored();
    void helpGoesToStdout();
    void usageErrorsExitTwoWithEmptyStdout_data();
    void usageErrorsExitTwoWithEmptyStdout();

private:
    CliRun run(const QStringList& args, const QByteArray& input = {},
               const QProcessEnvironment& environment = {}) const;
    QProcessEnvironment cliEnvironment() const;
    QString settingsFile() const;
    Loaded loadFromKeychain(const AccountId& id) const;
    QByteArray settingsBytes() const;

    std::optional<QTemporaryDir> m_dir;
    QString m_service;
};

void TestKeysCommand::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL(kRunThroughScript);
    // The CLI itself is the probe: a first set that must reach the keychain.
    init();
    const CliRun set = run({"set", "bybit", "--account", "probe"}, "probe-key\nprobe-secret\n");
    if (set.exitCode != 0)
        QFAIL(qPrintable(QStringLiteral("%1 (botterm-cli said: %2)")
                             .arg(QLatin1String(kRunThroughScript), QString::fromUtf8(set.err.trimmed()))));
    QCOMPARE(run({"remove", "bybit", "--account", "probe"}).exitCode, 0);
    cleanup();
}

void TestKeysCommand::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_service = QStringLiteral("botterm-test-cli-") + QString::fromLatin1(unique());
}

void TestKeysCommand::cleanup()
{
    // Leave the keyring as found: remove whatever a failed test may have left.
    if (m_dir) {
        KeyStore store(m_service, settingsFile());
        for (const AccountId& id : store.accounts())
            run({"remove", id.venue, "--account", id.account, "--env", environmentName(id.environment)});
    }
    m_dir.reset();
}

QProcessEnvironment TestKeysCommand::cliEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BOTTERM_KEYCHAIN_SERVICE"), m_service);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    return environment;
}

CliRun TestKeysCommand::run(const QStringList& args, const QByteArray& input,
                            const QProcessEnvironment& environment) const
{
    return runCli(QStringList{QStringLiteral("keys")} + args,
                  environment.isEmpty() ? cliEnvironment() : environment, input, 60'000);
}

// Where QSettings("botterm", "botterm") lives under XDG_CONFIG_HOME.
QString TestKeysCommand::settingsFile() const
{
    return m_dir->filePath(QStringLiteral("config/botterm/botterm.conf"));
}

QByteArray TestKeysCommand::settingsBytes() const
{
    QFile file(settingsFile());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Loaded TestKeysCommand::loadFromKeychain(const AccountId& id) const
{
    KeyStore store(m_service, settingsFile());
    std::optional<Loaded> loaded;
    QEventLoop loop;
    store.load(id, [&](const Loaded& result) {
        loaded.emplace(result);
        loop.quit();
    });
    if (!loaded) {
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!loaded)
        return Loaded::failure({KeyStoreError::Kind::Other, QStringLiteral("timed out")});
    return *loaded;
}

void TestKeysCommand::setListRemoveRoundTrip()
{
    const QByteArray key = "roundtrip-key-" + unique();
    const QByteArray secret = "roundtrip-secret-" + unique();

    const CliRun set = run({"set", "bybit"}, key + '\n' + secret + '\n');
    QVERIFY2(set.exitCode == 0, set.err.constData());
    QVERIFY(!set.both().contains(secret));
    QVERIFY(!set.both().contains(key));

    const CliRun list = run({"list"});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.out, QByteArray("bybit\tmain\tmainnet\tno-passphrase\n"));
    QVERIFY(!list.both().contains(secret));
    QVERIFY(!list.both().contains(key));
    QVERIFY(!list.both().contains(key.left(5))); // not even a longer prefix than 4 characters
    QVERIFY(!settingsBytes().isEmpty());
    QVERIFY(!settingsBytes().contains(secret));
    QVERIFY(!settingsBytes().contains(key));

    const CliRun removed = run({"remove", "bybit"});
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    const CliRun after = run({"list"});
    QCOMPARE(after.exitCode, 0);
    QVERIFY(!after.out.contains("bybit"));
    QVERIFY(after.out.isEmpty());
    const Loaded loaded =
        loadFromKeychain({QStringLiteral("bybit"), QStringLiteral("main"), Environment::Mainnet});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, KeyStoreError::Kind::NotFound);
}

void TestKeysCommand::storedKeyLoadsIdenticallyFromTheKeychain()
{
    const QByteArray key = "loaded-key-" + unique();
    const QByteArray secret = "loaded-secret-" + unique();
    // Surrounding blanks and CRLF line ends (a file edited on Windows) are not part of the values.
    const CliRun set = run({"set", "binance", "--account", "spot", "--env", "testnet"},
                           "  " + key + "\r\n" + secret + " \r\n");
    QVERIFY2(set.exitCode == 0, set.err.constData());

    const Loaded loaded =
        loadFromKeychain({QStringLiteral("binance"), QStringLiteral("spot"), Environment::Testnet});
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->key, QString::fromLatin1(key));
    QCOMPARE(loaded->secret, secret);
    QVERIFY(loaded->passphrase.isEmpty());
}

void TestKeysCommand::okxNeedsAPassphrase()
{
    const QByteArray secret = "okx-secret-" + unique();
    const QByteArray passphrase = "okx-passphrase-" + unique();

    const CliRun withoutPassphrase = run({"set", "okx"}, "okx-key\n" + secret + '\n');
    QCOMPARE(withoutPassphrase.exitCode, 2);
    QVERIFY(withoutPassphrase.out.isEmpty());
    QVERIFY(withoutPassphrase.err.contains("passphrase"));
    QVERIFY(!withoutPassphrase.err.contains(secret));
    QVERIFY(run({"list"}).out.isEmpty());

    const CliRun set = run({"set", "okx", "--env", "demo"}, "okx-key\n" + secret + '\n' + passphrase + '\n');
    QVERIFY2(set.exitCode == 0, set.err.constData());
    QVERIFY(!set.both().contains(passphrase));
    const CliRun list = run({"list", "okx"});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.out, QByteArray("okx\tmain\tdemo\tpassphrase\n"));
    QVERIFY(!list.both().contains(secret));
    QVERIFY(!list.both().contains(passphrase));
    QVERIFY(!settingsBytes().contains(passphrase));

    const Loaded loaded =
        loadFromKeychain({QStringLiteral("okx"), QStringLiteral("main"), Environment::Demo});
    QVERIFY(loaded);
    QCOMPARE(loaded->passphrase, passphrase);
}

void TestKeysCommand::multiLinePemSecretIsReadWhole()
{
    const QByteArray pem = "-----BEGIN PRIVATE KEY-----\n"
                           "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n"
                           "-----END PRIVATE KEY-----";
    const CliRun set = run({"set", "binance", "--account", "ed25519"}, "pem-key\n" + pem + "\n");
    QVERIFY2(set.exitCode == 0, set.err.constData());
    QVERIFY(!set.both().contains("MC4CAQAw"));
    const Loaded loaded =
        loadFromKeychain({QStringLiteral("binance"), QStringLiteral("ed25519"), Environment::Mainnet});
    QVERIFY(loaded);
    QCOMPARE(loaded->key, QStringLiteral("pem-key"));
    QCOMPARE(loaded->secret, pem);
    QVERIFY(loaded->passphrase.isEmpty());
}

void TestKeysCommand::accountsAndEnvironmentsAreListedSeparately()
{
    QCOMPARE(run({"set", "bybit", "--env", "demo"}, "k1\ns1\n").exitCode, 0);
    QCOMPARE(run({"set", "bybit"}, "k2\ns2\n").exitCode, 0);
    QCOMPARE(run({"set", "bitmex", "--account", "hedge"}, "k3\ns3\n").exitCode, 0);

    const CliRun all = run({"list"});
    QCOMPARE(all.exitCode, 0);
    QCOMPARE(all.out, QByteArray("bitmex\thedge\tmainnet\tno-passphrase\n"
                                 "bybit\tmain\tmainnet\tno-passphrase\n"
                                 "bybit\tmain\tdemo\tno-passphrase\n"));
    QCOMPARE(run({"list", "bybit", "--env", "demo"}).out, QByteArray("bybit\tmain\tdemo\tno-passphrase\n"));

    QCOMPARE(run({"remove", "bybit", "--env", "demo"}).exitCode, 0);
    QCOMPARE(run({"list", "bybit"}).out, QByteArray("bybit\tmain\tmainnet\tno-passphrase\n"));
    const Loaded mainnet =
        loadFromKeychain({QStringLiteral("bybit"), QStringLiteral("main"), Environment::Mainnet});
    QVERIFY(mainnet);
    QCOMPARE(mainnet->secret, QByteArray("s2"));
}

void TestKeysCommand::removingAnUnknownAccountFails()
{
    const CliRun removed = run({"remove", "bybit", "--account", "nobody"});
    QCOMPARE(removed.exitCode, 1);
    QVERIFY(removed.out.isEmpty());
    QVERIFY(removed.err.contains("no API key is stored"));
}

void TestKeysCommand::missingInputStoresNothing()
{
    const CliRun noSecret = run({"set", "bybit"}, "only-a-key\n");
    QCOMPARE(noSecret.exitCode, 2);
    QVERIFY(noSecret.out.isEmpty());
    QVERIFY(noSecret.err.contains("secret"));
    const CliRun nothing = run({"set", "bybit"});
    QCOMPARE(nothing.exitCode, 2);
    QVERIFY(nothing.out.isEmpty());
    QVERIFY(run({"list"}).out.isEmpty());
}

void TestKeysCommand::withoutKeychainNothingIsStored()
{
    QProcessEnvironment environment = cliEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + m_dir->filePath(QStringLiteral("no-such-bus")));
    environment.remove(QStringLiteral("DISPLAY"));
    const QByteArray secret = "unstored-secret-" + unique();
    const CliRun set = run({"set", "bybit"}, "unstored-key\n" + secret + '\n', environment);
    QCOMPARE(set.exitCode, 1);
    QVERIFY(set.out.isEmpty());
    QVERIFY2(set.err.contains("no keychain is reachable"), set.err.constData());
    QVERIFY(!set.err.contains(secret));
    QVERIFY(!settingsBytes().contains(secret));
    QVERIFY(run({"list"}).out.isEmpty());
    const Loaded loaded =
        loadFromKeychain({QStringLiteral("bybit"), QStringLiteral("main"), Environment::Mainnet});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, KeyStoreError::Kind::NotFound);
}

void TestKeysCommand::helpGoesToStdout()
{
    const CliRun help = run({"--help"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.startsWith("usage: botterm-cli keys set"));
}

void TestKeysCommand::usageErrorsExitTwoWithEmptyStdout_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected"); // part of the message on stderr

    QTest::newRow("no action") << QStringList{} << QByteArray("missing the action");
    QTest::newRow("unknown action") << QStringList{"show", "bybit"} << QByteArray("unknown action");
    QTest::newRow("set without venue") << QStringList{"set"} << QByteArray("missing the venue");
    QTest::newRow("remove without venue") << QStringList{"remove"} << QByteArray("missing the venue");
    QTest::newRow("extra argument") << QStringList{"set", "bybit", "extra"}
                                    << QByteArray("unexpected argument");
    QTest::newRow("unknown venue") << QStringList{"set", "mtgox"} << QByteArray("unknown venue");
    QTest::newRow("unknown venue in list") << QStringList{"list", "mtgox"} << QByteArray("unknown venue");
    QTest::newRow("closed venue ftx") << QStringList{"set", "ftx"} << QByteArray("no longer trades");
    QTest::newRow("closed venue liquid") << QStringList{"remove", "liquid"} << QByteArray("no longer trades");
    QTest::newRow("bad environment") << QStringList{"set", "bybit", "--env", "moonnet"}
                                     << QByteArray("--env");
    QTest::newRow("bad account") << QStringList{"set", "bybit", "--account", "a/b"}
                                 << QByteArray("--account");
    QTest::newRow("empty account") << QStringList{"set", "bybit", "--account", ""} << QByteArray("--account");
    QTest::newRow("unknown option") << QStringList{"set", "bybit", "--secret", "x"} << QByteArray("secret");
}

void TestKeysCommand::usageErrorsExitTwoWithEmptyStdout()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    const CliRun result = run(args, "some-key\nsome-secret\n");
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains(expected), result.err.constData());
    QVERIFY(!result.err.contains("some-secret"));
    QVERIFY(settingsBytes().isEmpty() || !settingsBytes().contains("some-secret"));
    QVERIFY(KeyStore(m_service, settingsFile()).accounts().isEmpty());
}

QTEST_GUILESS_MAIN(TestKeysCommand)
#include "tst_keyscommand.moc"
