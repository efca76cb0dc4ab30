// Runs the built botterm-cli: `botterm-cli fetch` against loopback venues (tests/support/venueverifier)
// with keys from BOTTERM_<VENUE>_* variables and --base-url: the reply's JSON on stdout and exit 0; a
// venue error verbatim on stderr and exit 1; bad arguments exit 2 with nothing on stdout.

#include "exchanges/core/keystore.h"
#include "support/clirun.h"
#include "support/venueverifier.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {

QString keyFor(const QString& venue)
{
    return QStringLiteral("key-") + venue;
}
QByteArray secretFor(const QString& venue)
{
    return "fetch-secret-" + venue.toUtf8();
}

} // namespace

class TestFetchCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getPrintsTheReplyJson_data();
    void getPrintsTheReplyJson();
    void postSendsDataSignedForTheBaseUrl();
    void venueErrorExitsOneWithCodeAndMessage();
    void http200VenueErrorExitsOne();
    void rateLimitIsReportedWithRetryAfter();
    void missingKeyExitsOne();
    void keychainCredentialsAreUsed();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();

private:
    // Runs the CLI while this test's event loop serves the loopback venue.
    CliRun run(const QStringList& args, const QHash<QString, QString>& extraEnv = {}, bool withKeys = true,
               const QString& venue = {}, const QByteArray& secret = {});
    QTemporaryDir m_home;
};

CliRun TestFetchCommand::run(const QStringList& args, const QHash<QString, QString>& extraEnv, bool withKeys,
                             const QString& venue, const QByteArray& secret)
{
    QProcessEnvironment env = isolatedCliEnvironment(m_home);
    if (withKeys && !venue.isEmpty()) {
        const QString prefix = QStringLiteral("BOTTERM_") + venue.toUpper();
        env.insert(prefix + QStringLiteral("_KEY"), keyFor(venue));
        env.insert(prefix + QStringLiteral("_SECRET"),
                   QString::fromLatin1(secret.isEmpty() ? secretFor(venue) : secret));
        env.insert(prefix + QStringLiteral("_PASSPHRASE"), QStringLiteral("okx-pass"));
    }
    for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
        env.insert(it.key(), it.value());
    return runCli(QStringList{QStringLiteral("fetch")} + args, env);
}

void TestFetchCommand::getPrintsTheReplyJson_data()
{
    QTest::addColumn<QString>("venue");
    for (const QString& venue : VenueVerifier::liveVenues())
        QTest::newRow(qPrintable(venue)) << venue;
}

void TestFetchCommand::getPrintsTheReplyJson()
{
    QFETCH(QString, venue);
    VenueVerifier server(venue, keyFor(venue), secretFor(venue), "okx-pass");
    QStringList args{venue, QStringLiteral("get"), server.readPath(), QStringLiteral("--base-url"),
                     server.baseUrl().toString()};
    for (const auto& [name, value] : server.readQuery())
        args << QStringLiteral("--query") << name + QLatin1Char('=') + value;
    const CliRun result = run(args, {}, true, venue);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.endsWith('\n'));
    QCOMPARE(result.out.count('\n'), 1);
    QJsonParseError error{};
    QJsonDocument::fromJson(result.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(result.out.contains("\"verified\":true"));
    QCOMPARE(server.accepted(), 1);
    QVERIFY(!result.err.contains(secretFor(venue)));
}

void TestFetchCommand::postSendsDataSignedForTheBaseUrl()
{
    // Binance: parameters go in a form body, signed together with the query.
    VenueVerifier server(QStringLiteral("binance"), keyFor(QStringLiteral("binance")),
                         secretFor(QStringLiteral("binance")));
    const QString data =
        QString::fromUtf8(QJsonDocument(server.orderParams()).toJson(QJsonDocument::Compact));
    const CliRun result =
        run({QStringLiteral("binance"), QStringLiteral("POST"), server.orderPath(), QStringLiteral("--data"),
             data, QStringLiteral("--base-url"), server.baseUrl().toString()},
            {}, true, QStringLiteral("binance"));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(server.accepted(), 1);
    const QByteArray body = server.privateRequests().first().body;
    QVERIFY2(body.contains("symbol=BTCUSDT") && body.contains("&signature="), body.constData());
    QCOMPARE(server.privateRequests().first().headers.value("content-type"),
             QByteArray("application/x-www-form-urlencoded"));
}

void TestFetchCommand::venueErrorExitsOneWithCodeAndMessage()
{
    VenueVerifier server(QStringLiteral("okx"), keyFor(QStringLiteral("okx")),
                         secretFor(QStringLiteral("okx")), "okx-pass");
    const CliRun result = run({QStringLiteral("okx"), QStringLiteral("GET"), server.readPath(),
                               QStringLiteral("--base-url"), server.baseUrl().toString()},
                              {}, true, QStringLiteral("okx"), "wrong-secret");
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(server.lastRejectionReason(), QStringLiteral("bad signature"));
    QVERIFY2(result.err.contains("HTTP 401"), result.err.constData());
    QVERIFY2(result.err.contains("[50113]"), result.err.constData());
    QVERIFY2(result.err.contains(server.lastRejection().message.toUtf8()), result.err.constData());
    QVERIFY(!result.err.contains("wrong-secret"));
}

void TestFetchCommand::http200VenueErrorExitsOne()
{
    VenueVerifier server(QStringLiteral("gmocoin"), keyFor(QStringLiteral("gmocoin")),
                         secretFor(QStringLiteral("gmocoin")));
    server.answerNextWith(
        200,
        R"({"status":1,"messages":[{"message_code":"ERR-5122","message_string":"The request is invalid due to the status of the specified order."}],"responsetime":"2026-08-01T00:00:00.000Z"})");
    const CliRun result =
        run({QStringLiteral("gmocoin"), QStringLiteral("POST"), QStringLiteral("/private/v1/cancelOrder"),
             QStringLiteral("--data"), QStringLiteral(R"({"orderId":123})"), QStringLiteral("--base-url"),
             server.baseUrl().toString()},
            {}, true, QStringLiteral("gmocoin"));
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("[ERR-5122]"), result.err.constData());
    QVERIFY2(result.err.contains("The request is invalid due to the status of the specified order."),
             result.err.constData());
    QVERIFY2(result.err.contains("HTTP 200"), result.err.constData());
}

void TestFetchCommand::rateLimitIsReportedWithRetryAfter()
{
    VenueVerifier server(QStringLiteral("bybit"), keyFor(QStringLiteral("bybit")),
                         secretFor(QStringLiteral("bybit")));
    server.rateLimitNext(3);
    const CliRun result = run({QStringLiteral("bybit"), QStringLiteral("GET"), server.readPath(),
                               QStringLiteral("--base-url"), server.baseUrl().toString()},
                              {}, true, QStringLiteral("bybit"));
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("rate limited (HTTP 429) [10006]"), result.err.constData());
    QVERIFY2(result.err.contains("retry after 3000 ms"), result.err.constData());
    QCOMPARE(server.privateRequests().size(), 1);
}

void TestFetchCommand::missingKeyExitsOne()
{
    VenueVerifier server(QStringLiteral("bybit"), keyFor(QStringLiteral("bybit")),
                         secretFor(QStringLiteral("bybit")));
    // No variables and an empty keychain service: the CLI says where a key would come from.
    const CliRun result =
        run({QStringLiteral("bybit"), QStringLiteral("GET"), server.readPath(), QStringLiteral("--base-url"),
             server.baseUrl().toString(), QStringLiteral("--account"), QStringLiteral("nobody")},
            {{QStringLiteral("BOTTERM_KEYCHAIN_SERVICE"),
              QStringLiteral("botterm-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces)}},
            false);
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("BOTTERM_BYBIT_KEY"), result.err.constData());
    QCOMPARE(server.privateRequests().size(), 0); // nothing unsigned went out
}

void TestFetchCommand::keychainCredentialsAreUsed()
{
    const QString service =
        QStringLiteral("botterm-fetch-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    qputenv("XDG_CONFIG_HOME",
            m_home.filePath(QStringLiteral("config")).toUtf8()); // KeyStore's account index
    KeyStore store(service);
    const AccountId id{QStringLiteral("bitbank"), QStringLiteral("main"), Environment::Mainnet};
    std::optional<Result<std::monostate, KeyStoreError>> stored;
    store.store(id, Credentials(keyFor(QStringLiteral("bitbank")), secretFor(QStringLiteral("bitbank"))),
                [&stored](const Result<std::monostate, KeyStoreError>& r) { stored = r; });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 20'000);
    if (!*stored && stored->error().kind == KeyStoreError::Kind::NoKeychain)
        QSKIP("no Secret Service here: scripts/test.sh runs this inside a private D-Bus session with "
              "gnome-keyring");
    QVERIFY2(*stored, qPrintable(*stored ? QString() : stored->error().message));

    VenueVerifier server(QStringLiteral("bitbank"), keyFor(QStringLiteral("bitbank")),
                         secretFor(QStringLiteral("bitbank")));
    const CliRun result = run({QStringLiteral("bitbank"), QStringLiteral("GET"), server.readPath(),
                               QStringLiteral("--base-url"), server.baseUrl().toString()},
                              {{QStringLiteral("BOTTERM_KEYCHAIN_SERVICE"), service}}, false);
    std::optional<Result<std::monostate, KeyStoreError>> removed;
    store.remove(id, [&removed](const Result<std::monostate, KeyStoreError>& r) { removed = r; });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 20'000);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.contains("\"verified\":true"));
    QCOMPARE(server.accepted(), 1);
}

void TestFetchCommand::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList{};
    QTest::newRow("two arguments") << QStringList{"bybit", "GET"};
    QTest::newRow("unknown venue") << QStringList{"mtgox", "GET", "/x"};
    QTest::newRow("bad method") << QStringList{"bybit", "G3T", "/v5/order/realtime"};
    QTest::newRow("relative path") << QStringList{"bybit", "GET", "v5/order/realtime"};
    QTest::newRow("data not an object")
        << QStringList{"bybit", "POST", "/v5/order/create", "--data", "[1,2]"};
    QTest::newRow("data not json") << QStringList{"bybit", "POST", "/v5/order/create", "--data", "{oops"};
    QTest::newRow("query without =") << QStringList{"bybit", "GET", "/v5/order/realtime", "--query",
                                                    "category"};
    QTest::newRow("bad env") << QStringList{"bybit", "GET", "/v5/order/realtime", "--env", "moon"};
    QTest::newRow("bad base url") << QStringList{"bybit", "GET", "/v5/order/realtime", "--base-url",
                                                 "ftp://x"};
    QTest::newRow("no host for env") << QStringList{"bitflyer", "GET", "/v1/me/getbalance", "--env",
                                                    "testnet"};
    QTest::newRow("unknown option") << QStringList{"bybit", "GET", "/v5/order/realtime", "--secret", "x"};
}

void TestFetchCommand::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const CliRun result = run(args, {}, true, QStringLiteral("bybit"));
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("usage: botterm-cli fetch"), result.err.constData());
}

QTEST_GUILESS_MAIN(TestFetchCommand)
#include "tst_fetchcommand.moc"
