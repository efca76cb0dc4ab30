// Runs the built botterm-cli: `botterm-cli sign …` must print the signed request as one JSON object, or
// exit 2 with nothing on stdout. Expected signatures are the published examples also used in
// tst_signers (Binance spot REST docs, BitMEX apiKeysUsage) or python3 hmac over the venue's documented
// string (OKX).

#include "support/clirun.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

CliRun runSign(const QStringList& args)
{
    return runCli(QStringList{QStringLiteral("sign")} + args);
}

QJsonObject parseSingleObject(const QByteArray& out)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(out, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {};
    return document.object();
}

const QString binanceSecret =
    QStringLiteral("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");

} // namespace

class TestSignCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void binanceGetByExchangeName();
    void binancePostBodyIsFormEncoded();
    void bitmexPostPrintsJsonBodyAndHeaders();
    void venueIsFoundFromTheHost();
    void okxNeedsPassphraseAndSignsWithIt();
    void badInputExitsTwoWithEmptyStdout_data();
    void badInputExitsTwoWithEmptyStdout();
};

void TestSignCommand::binanceGetByExchangeName()
{
    const CliRun run =
        runSign({"--exchange", "binance", "--key", "binance-key", "--secret", binanceSecret, "--now-ms",
                 "1499827319559", "--method", "GET", "--url", "https://api.binance.com/api/v3/openOrders",
                 "--body", R"({"symbol":"LTCBTC"})"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.endsWith('\n'));
    QCOMPARE(run.out.count('\n'), 1);
    const QJsonObject out = parseSingleObject(run.out);
    QCOMPARE(out.value(QLatin1String("method")).toString(), QStringLiteral("GET"));
    // python3: hmac(secret, "symbol=LTCBTC&timestamp=1499827319559").hexdigest()
    QCOMPARE(out.value(QLatin1String("url")).toString(),
             QStringLiteral(
                 "https://api.binance.com/api/v3/openOrders?symbol=LTCBTC&timestamp=1499827319559&signature="
                 "8d2a71dec7956f1ec19419a9b2d2c630e0443b8771b559ad360c8c176f55b921"));
    const QJsonObject expectedHeaders{{QStringLiteral("X-MBX-APIKEY"), QStringLiteral("binance-key")}};
    QCOMPARE(out.value(QLatin1String("headers")).toObject(), expectedHeaders);
    QCOMPARE(out.value(QLatin1String("body")).toString(), QString());
    QVERIFY(!run.out.contains(binanceSecret.toUtf8()));
}

void TestSignCommand::binancePostBodyIsFormEncoded()
{
    const CliRun run = runSign(
        {"--key", "binance-key", "--secret", binanceSecret, "--now-ms", "1499827319559", "--method", "post",
         "--url", "https://api.binance.com/api/v3/order", "--body",
         R"({"symbol":"LTCBTC","side":"BUY","type":"LIMIT","price":"0.1","quantity":1,"newClientOrderId":"a b+c&d=e/１"})"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject out = parseSingleObject(run.out);
    QCOMPARE(out.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(out.value(QLatin1String("url")).toString(),
             QStringLiteral("https://api.binance.com/api/v3/order"));
    // Same vector as tst_signers::binanceFormBodyIsPercentEncodedAndSigned.
    QCOMPARE(out.value(QLatin1String("body")).toString(),
             QStringLiteral(
                 "newClientOrderId=a%20b%2Bc%26d%3De%2F%EF%BC%91&price=0.1&quantity=1&side=BUY&symbol=LTCBTC&"
                 "type=LIMIT&timestamp=1499827319559&signature="
                 "40fc7682519ed17781d0f37ba80ab3e6f68ff68d061459458aa38741497653fd"));
    QCOMPARE(out.value(QLatin1String("headers")).toObject().value(QLatin1String("Content-Type")).toString(),
             QStringLiteral("application/x-www-form-urlencoded"));
}

void TestSignCommand::bitmexPostPrintsJsonBodyAndHeaders()
{
    // BitMEX apiKeysUsage: GET /api/v1/instrument, expires 1518064236 → c7682d43…; expires = now s + 5.
    const CliRun run =
        runSign({"--exchange", "bitmex", "--key", "LAqUlngMIQkIUjXMUreyu3qn", "--secret",
                 "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO", "--now-ms", "1518064231000", "--method",
                 "GET", "--url", "https://www.bitmex.com/api/v1/instrument"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject out = parseSingleObject(run.out);
    const QJsonObject expectedHeaders{
        {QStringLiteral("api-expires"), QStringLiteral("1518064236")},
        {QStringLiteral("api-key"), QStringLiteral("LAqUlngMIQkIUjXMUreyu3qn")},
        {QStringLiteral("api-signature"),
         QStringLiteral("c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00")},
    };
    QCOMPARE(out.value(QLatin1String("headers")).toObject(), expectedHeaders);

    const CliRun post =
        runSign({"--exchange", "bitmex", "--key", "k", "--secret", "s", "--now-ms", "1518064231000",
                 "--method", "POST", "--url", "https://testnet.bitmex.com/api/v1/order", "--body",
                 R"({"symbol":"XBTUSD","orderQty":1})"});
    QCOMPARE(post.exitCode, 0);
    const QJsonObject postOut = parseSingleObject(post.out);
    QCOMPARE(postOut.value(QLatin1String("body")).toString(),
             QStringLiteral(R"({"orderQty":1,"symbol":"XBTUSD"})"));
    QCOMPARE(
        postOut.value(QLatin1String("headers")).toObject().value(QLatin1String("Content-Type")).toString(),
        QStringLiteral("application/json"));
}

void TestSignCommand::venueIsFoundFromTheHost()
{
    const CliRun run =
        runSign({"--key", "LAqUlngMIQkIUjXMUreyu3qn", "--secret",
                 "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO", "--now-ms", "1518064231000", "--method",
                 "GET", "--url", "https://www.bitmex.com/api/v1/instrument"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject headers = parseSingleObject(run.out).value(QLatin1String("headers")).toObject();
    QCOMPARE(headers.value(QLatin1String("api-signature")).toString(),
             QStringLiteral("c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00"));

    const CliRun bybit = runSign({"--key", "k", "--secret", "s", "--now-ms", "1", "--method", "GET", "--url",
                                  "https://api-demo.bybit.com/v5/account/wallet-balance"});
    QCOMPARE(bybit.exitCode, 0);
    QVERIFY(parseSingleObject(bybit.out)
                .value(QLatin1String("headers"))
                .toObject()
                .contains(QLatin1String("X-BAPI-SIGN")));
}

void TestSignCommand::okxNeedsPassphraseAndSignsWithIt()
{
    const QStringList common = {"--key",    "okx-key",
                                "--secret", "okx-test-secret",
                                "--now-ms", "1607418537715",
                                "--method", "GET",
                                "--url",    "https://www.okx.com/api/v5/account/balance?ccy=BTC"};
    const CliRun missing = runSign(common);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.out.isEmpty());
    QVERIFY(!missing.err.contains("okx-test-secret"));

    const CliRun run = runSign(common + QStringList{"--passphrase", "okx-pass"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject headers = parseSingleObject(run.out).value(QLatin1String("headers")).toObject();
    // python3: base64(hmac(secret, "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC"))
    QCOMPARE(headers.value(QLatin1String("OK-ACCESS-SIGN")).toString(),
             QStringLiteral("zoyYBAbbthbWS/lMxs58ldmr49iLIYLocgewx2gd6g8="));
    QCOMPARE(headers.value(QLatin1String("OK-ACCESS-TIMESTAMP")).toString(),
             QStringLiteral("2020-12-08T09:08:57.715Z"));
    QCOMPARE(headers.value(QLatin1String("OK-ACCESS-PASSPHRASE")).toString(), QStringLiteral("okx-pass"));
}

void TestSignCommand::badInputExitsTwoWithEmptyStdout_data()
{
    QTest::addColumn<QStringList>("args");
    const QString secret = QStringLiteral("TopSecretValue123");
    const QStringList ok = {
        "--key", "k",        "--secret", secret,  "--now-ms",
        "1",     "--method", "GET",      "--url", "https://api.bybit.com/v5/account/wallet-balance"};
    QTest::newRow("unknown venue") << (ok + QStringList{"--exchange", "kraken"});
    QTest::newRow("unknown host") << QStringList{
        "--key", "k",        "--secret", secret,  "--now-ms",
        "1",     "--method", "GET",      "--url", "https://example.com/x"};
    QTest::newRow("malformed body") << (ok + QStringList{"--body", "{\"a\":"});
    QTest::newRow("body not an object") << (ok + QStringList{"--body", "[1,2]"});
    QTest::newRow("missing secret") << QStringList{"--key",    "k",   "--now-ms", "1",
                                                   "--method", "GET", "--url",    "https://api.bybit.com/x"};
    QTest::newRow("missing key") << QStringList{"--secret", secret, "--now-ms", "1",
                                                "--method", "GET",  "--url",    "https://api.bybit.com/x"};
    QTest::newRow("missing now-ms") << QStringList{"--key",    "k",   "--secret", secret,
                                                   "--method", "GET", "--url",    "https://api.bybit.com/x"};
    QTest::newRow("bad now-ms") << QStringList{
        "--key", "k",        "--secret", secret,  "--now-ms",
        "soon",  "--method", "GET",      "--url", "https://api.bybit.com/x"};
    QTest::newRow("missing method") << QStringList{"--key",    "k", "--secret", secret,
                                                   "--now-ms", "1", "--url",    "https://api.bybit.com/x"};
    QTest::newRow("missing url") << QStringList{"--key",    "k", "--secret", secret,
                                                "--now-ms", "1", "--method", "GET"};
    QTest::newRow("relative url") << QStringList{"--key", "k",        "--secret", secret,  "--now-ms",
                                                 "1",     "--method", "GET",      "--url", "/v5/account"};
    QTest::newRow("unknown option") << (ok + QStringList{"--verbose"});
    QTest::newRow("bad PEM secret") << QStringList{
        "--key",    "k",
        "--secret", "-----BEGIN PRIVATE KEY-----\nTopSecretValue123\n-----END PRIVATE KEY-----\n",
        "--now-ms", "1",
        "--method", "GET",
        "--url",    "https://api.binance.com/api/v3/account"};
}

void TestSignCommand::badInputExitsTwoWithEmptyStdout()
{
    QFETCH(QStringList, args);
    const CliRun run = runSign(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY(!run.err.trimmed().isEmpty());
    QVERIFY2(!run.err.contains("TopSecretValue123"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestSignCommand)
#include "tst_signcommand.moc"
