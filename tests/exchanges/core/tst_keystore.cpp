// KeyStore against a real Secret Service: scripts/test.sh runs this inside a private D-Bus session with
// an unlocked gnome-keyring and a throwaway HOME. Each run uses its own keychain service name and index
// file, so nothing collides with other runs or with a user's keys.

#include "exchanges/core/keystore.h"
#include "support/keystorewait.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <optional>

namespace {

using namespace keystorewait;

QByteArray unique()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

// The helper mode run in a child process whose D-Bus address leads nowhere.
const char kNoKeychainMode[] = "--store-without-keychain";

QByteArray childSecret(const QString& service)
{
    return "child-secret-" + service.toUtf8();
}

QString childKey(const QString& service)
{
    return QStringLiteral("child-key-") + service;
}

int storeWithoutKeychain(const QString& service, const QString& indexFile)
{
    KeyStore store(service, indexFile);
    const AccountId id{QStringLiteral("bybit"), QStringLiteral("main"), Environment::Mainnet};
    const Outcome outcome = storeAndWait(store, id, Credentials(childKey(service), childSecret(service)));
    if (outcome) {
        std::printf("result=stored\n");
    } else {
        const char* kind = "Other";
        switch (outcome.error().kind) {
        case KeyStoreError::Kind::NoKeychain:
            kind = "NoKeychain";
            break;
        case KeyStoreError::Kind::NotFound:
            kind = "NotFound";
            break;
        case KeyStoreError::Kind::AccessDenied:
            kind = "AccessDenied";
            break;
        case KeyStoreError::Kind::Other:
            break;
        }
        std::printf("result=%s\nmessage=%s\n", kind, qPrintable(outcome.error().message));
    }
    std::printf("accounts=%d\n", int(store.accounts().size()));
    return 0;
}

} // namespace

class TestKeyStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void storedKeyIsListedAndLoadsIdentically();
    void storedKeyIsSeenByAnotherStoreInstance();
    void removedKeyIsNotFoundAndNoLongerListed();
    void environmentsOfOneAccountAreSeparateEntries();
    void storingAgainReplacesTheEntry();
    void removingAnUnknownAccountReportsNotFound();
    void indexFileHoldsNoSecret();
    void servicesDoNotShareEntries();
    void withoutKeychainNothingIsStored();

private:
    QString m_service;
    QString m_indexFile;
    std::optional<QTemporaryDir> m_dir;
    std::unique_ptr<KeyStore> m_store;
    QList<AccountId> m_used; // removed in cleanup() so the keyring is left as found
};

void TestKeyStore::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL(kRunThroughScript);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    KeyStore probe(QStringLiteral("botterm-test-probe-") + QString::fromLatin1(unique()),
                   dir.filePath(QStringLiteral("probe.ini")));
    const AccountId id{QStringLiteral("bybit"), QStringLiteral("probe"), Environment::Mainnet};
    const Outcome stored = storeAndWait(probe, id, Credentials(QStringLiteral("probe"), "probe"));
    if (!stored)
        QFAIL(qPrintable(
            QStringLiteral("%1 (%2)").arg(QLatin1String(kRunThroughScript), stored.error().message)));
    QVERIFY(removeAndWait(probe, id));
}

void TestKeyStore::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_service = QStringLiteral("botterm-test-") + QString::fromLatin1(unique());
    m_indexFile = m_dir->filePath(QStringLiteral("botterm.ini"));
    m_store = std::make_unique<KeyStore>(m_service, m_indexFile);
    m_used.clear();
}

void TestKeyStore::cleanup()
{
    for (const AccountId& id : std::as_const(m_used))
        removeAndWait(*m_store, id);
    m_store.reset();
    m_dir.reset();
}

void TestKeyStore::storedKeyIsListedAndLoadsIdentically()
{
    const AccountId id{QStringLiteral("okx"), QStringLiteral("main"), Environment::Mainnet};
    m_used.append(id);
    // Binary bytes (NUL, 0xff) and a multi-line PEM-like secret must come back byte for byte.
    const char raw[] = "-----BEGIN PRIVATE KEY-----\nMC4CAQAw\x00\xff\n-----END ";
    const QByteArray secret = QByteArray(raw, sizeof(raw) - 1) + unique();
    const QByteArray passphrase = "pass phrase \xc3\xa9 " + unique();
    const QString key = QStringLiteral("key-ü-") + QString::fromLatin1(unique());

    const Outcome stored = storeAndWait(*m_store, id, Credentials(key, secret, passphrase));
    QVERIFY2(stored, stored ? "" : qPrintable(stored.error().message));
    QCOMPARE(m_store->accounts(), QList<AccountId>{id});
    QVERIFY(m_store->hasPassphrase(id));

    const Loaded loaded = loadAndWait(*m_store, id);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->key, key);
    QCOMPARE(loaded->secret, secret);
    QCOMPARE(loaded->passphrase, passphrase);
}

void TestKeyStore::storedKeyIsSeenByAnotherStoreInstance()
{
    const AccountId id{QStringLiteral("bybit"), QStringLiteral("main"), Environment::Testnet};
    m_used.append(id);
    const QByteArray secret = "secret-" + unique();
    QVERIFY(storeAndWait(*m_store, id, Credentials(QStringLiteral("key-1"), secret)));

    KeyStore other(m_service, m_indexFile);
    QCOMPARE(other.accounts(), QList<AccountId>{id});
    QVERIFY(!other.hasPassphrase(id));
    const Loaded loaded = loadAndWait(other, id);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->key, QStringLiteral("key-1"));
    QCOMPARE(loaded->secret, secret);
    QVERIFY(loaded->passphrase.isEmpty());
}

void TestKeyStore::removedKeyIsNotFoundAndNoLongerListed()
{
    const AccountId id{QStringLiteral("binance"), QStringLiteral("spot"), Environment::Mainnet};
    m_used.append(id);
    QVERIFY(storeAndWait(*m_store, id, Credentials(QStringLiteral("k"), "s-" + unique())));
    QCOMPARE(m_store->accounts().size(), 1);

    const Outcome removed = removeAndWait(*m_store, id);
    QVERIFY2(removed, removed ? "" : qPrintable(removed.error().message));
    QVERIFY(m_store->accounts().isEmpty());
    const Loaded loaded = loadAndWait(*m_store, id);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, KeyStoreError::Kind::NotFound);
    // A fresh instance reading the same index agrees.
    QVERIFY(KeyStore(m_service, m_indexFile).accounts().isEmpty());
}

void TestKeyStore::environmentsOfOneAccountAreSeparateEntries()
{
    const AccountId mainnet{QStringLiteral("bybit"), QStringLiteral("main"), Environment::Mainnet};
    const AccountId demo{QStringLiteral("bybit"), QStringLiteral("main"), Environment::Demo};
    m_used << mainnet << demo;
    QVERIFY(mainnet.keychainKey() != demo.keychainKey());
    QVERIFY(storeAndWait(*m_store, mainnet, Credentials(QStringLiteral("mainnet-key"), "mainnet-secret")));
    QVERIFY(storeAndWait(*m_store, demo, Credentials(QStringLiteral("demo-key"), "demo-secret")));
    QCOMPARE(m_store->accounts(), (QList<AccountId>{mainnet, demo}));

    Loaded loaded = loadAndWait(*m_store, mainnet);
    QVERIFY(loaded);
    QCOMPARE(loaded->key, QStringLiteral("mainnet-key"));
    QCOMPARE(loaded->secret, QByteArray("mainnet-secret"));
    loaded = loadAndWait(*m_store, demo);
    QVERIFY(loaded);
    QCOMPARE(loaded->key, QStringLiteral("demo-key"));
    QCOMPARE(loaded->secret, QByteArray("demo-secret"));

    QVERIFY(removeAndWait(*m_store, demo));
    QCOMPARE(m_store->accounts(), QList<AccountId>{mainnet});
    loaded = loadAndWait(*m_store, mainnet);
    QVERIFY(loaded);
    QCOMPARE(loaded->secret, QByteArray("mainnet-secret"));
    loaded = loadAndWait(*m_store, demo);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, KeyStoreError::Kind::NotFound);
}

void TestKeyStore::storingAgainReplacesTheEntry()
{
    const AccountId id{QStringLiteral("okx"), QStringLiteral("main"), Environment::Demo};
    m_used.append(id);
    QVERIFY(storeAndWait(*m_store, id, Credentials(QStringLiteral("old"), "old-secret", "old-pass")));
    QVERIFY(storeAndWait(*m_store, id, Credentials(QStringLiteral("new"), "new-secret")));
    QCOMPARE(m_store->accounts(), QList<AccountId>{id});
    QVERIFY(!m_store->hasPassphrase(id));
    const Loaded loaded = loadAndWait(*m_store, id);
    QVERIFY(loaded);
    QCOMPARE(loaded->key, QStringLiteral("new"));
    QCOMPARE(loaded->secret, QByteArray("new-secret"));
    QVERIFY(loaded->passphrase.isEmpty());
}

void TestKeyStore::removingAnUnknownAccountReportsNotFound()
{
    const AccountId id{QStringLiteral("bitmex"), QStringLiteral("nobody"), Environment::Mainnet};
    const Outcome removed = removeAndWait(*m_store, id);
    QVERIFY(!removed);
    QCOMPARE(removed.error().kind, KeyStoreError::Kind::NotFound);
    const Loaded loaded = loadAndWait(*m_store, id);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, KeyStoreError::Kind::NotFound);
}

void TestKeyStore::indexFileHoldsNoSecret()
{
    const AccountId id{QStringLiteral("okx"), QStringLiteral("trading"), Environment::Mainnet};
    m_used.append(id);
    const QByteArray key = "index-key-" + unique();
    const QByteArray secret = "index-secret-" + unique();
    const QByteArray passphrase = "index-passphrase-" + unique();
    QVERIFY(storeAndWait(*m_store, id, Credentials(QString::fromLatin1(key), secret, passphrase)));

    QFile file(m_indexFile);
    QVERIFY2(file.open(QIODevice::ReadOnly), "the store wrote no index file");
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("trading")); // the index is there…
    const QList<std::pair<const char*, QByteArray>> materials{
        {"the key", key}, {"the secret", secret}, {"the passphrase", passphrase}};
    for (const auto& [what, material] : materials) { // …and no secret material in it
        QVERIFY2(!bytes.contains(material), what);
        QVERIFY2(!bytes.contains(material.toBase64()), what);
        QVERIFY2(!bytes.contains(material.toHex()), what);
    }
    // Nothing else was written beside it either.
    const QStringList files = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(files, QStringList{QStringLiteral("botterm.ini")});
}

void TestKeyStore::servicesDoNotShareEntries()
{
    const AccountId id{QStringLiteral("bybit"), QStringLiteral("main"), Environment::Mainnet};
    m_used.append(id);
    QVERIFY(storeAndWait(*m_store, id, Credentials(QStringLiteral("k"), "s")));

    KeyStore other(m_service + QStringLiteral("-other"), m_indexFile);
    QVERIFY(other.accounts().isEmpty());
    const Loaded loaded = loadAndWait(other, id);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, KeyStoreError::Kind::NotFound);
}

void TestKeyStore::withoutKeychainNothingIsStored()
{
    // A child process whose session bus address leads nowhere, with its own empty HOME.
    const QString home = m_dir->filePath(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(home + QStringLiteral("/.config")));
    QVERIFY(QDir().mkpath(home + QStringLiteral("/.local/share")));
    const QString indexFile = m_dir->filePath(QStringLiteral("no-keychain.ini"));

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + m_dir->filePath(QStringLiteral("no-such-bus")));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    QProcess child;
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(),
                {QLatin1String(kNoKeychainMode), m_service, indexFile});
    QVERIFY(child.waitForFinished(60000));
    const QByteArray out = child.readAllStandardOutput();
    const QByteArray err = child.readAllStandardError();
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);
    QVERIFY2(out.contains("result=NoKeychain\n"), out.constData());
    QVERIFY2(out.contains("no keychain is reachable") && out.contains("nothing was stored"), out.constData());
    QVERIFY(out.contains("accounts=0\n"));

    const QByteArray secret = childSecret(m_service);
    const QByteArray key = childKey(m_service).toUtf8();
    const QByteArray output = out + err;
    QVERIFY(!output.contains(secret));
    QVERIFY(!output.contains(key));
    // Nothing in the index file, nothing anywhere in the child's HOME, no plaintext fallback.
    QVERIFY(KeyStore(m_service, indexFile).accounts().isEmpty());
    QDirIterator files(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(secret) && !bytes.contains(secret.toBase64()), qPrintable(file.fileName()));
    }
    // And not in the real keyring.
    const AccountId id{QStringLiteral("bybit"), QStringLiteral("main"), Environment::Mainnet};
    const Loaded loaded = loadAndWait(*m_store, id);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, KeyStoreError::Kind::NotFound);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], kNoKeychainMode) == 0)
        return storeWithoutKeychain(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    TestKeyStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keystore.moc"
