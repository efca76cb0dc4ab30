// With every logging category at its most verbose, signed requests for every venue (successes,
// rejections, a timestamp resync, a 429) and a `botterm-cli fetch` run must not reveal the secret or
// the passphrase in any form: not in log messages, not on the CLI's stdout/stderr, not in any file
// written (nonces, settings).

#include "exchanges/core/noncestore.h"
#include "exchanges/core/signedrestclient.h"
#include "support/venueverifier.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace {

QMutex capturedMutex;
QStringList captured;

void capture(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    QMutexLocker locker(&capturedMutex);
    captured.append(QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') +
                    message);
}

const QByteArray kSecret = "Zq8-UNIQUE-secret-7Hf2/xK+w==";
const QByteArray kPassphrase = "UNIQUE-passphrase-93kd";

// The forms a secret could leak in.
QList<QByteArray> forbidden()
{
    return {kSecret,     kSecret.toBase64(),     kSecret.toHex(),    kSecret.toPercentEncoding(),
            kPassphrase, kPassphrase.toBase64(), kPassphrase.toHex()};
}

QString findLeak(const QByteArray& text)
{
    for (const QByteArray& form : forbidden()) {
        if (text.contains(form))
            return QString::fromLatin1(form);
    }
    return {};
}

QString keyFor(const QString& venue)
{
    return QStringLiteral("key-") + venue;
}

} // namespace

class TestSecretsNotLogged final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void signedRequestsLogNoSecret();
    void cliFetchPrintsAndStoresNoSecret();

private:
    QtMessageHandler m_previous = nullptr;
};

void TestSecretsNotLogged::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\n*.info=true\n*.warning=true"));
    m_previous = qInstallMessageHandler(capture);
}

void TestSecretsNotLogged::cleanupTestCase()
{
    qInstallMessageHandler(m_previous);
}

void TestSecretsNotLogged::signedRequestsLogNoSecret()
{
    QTemporaryDir dir;
    const QString nonceFile = dir.filePath(QStringLiteral("nonces.json"));
    for (const QString& venue : VenueVerifier::liveVenues()) {
        VenueVerifier server(venue, keyFor(venue), kSecret,
                             venue == QLatin1String("okx") ? kPassphrase : QByteArray());
        QNetworkAccessManager network;
        SignedRestClient client(&network);
        client.setNonceStore(std::make_shared<NonceStore>(nonceFile));
        client.setClockSyncInterval(0);
        bool wrongSecret = false;
        client.setCredentialsProvider(
            [&](const QString& name, Environment, const SignedRestClient::CredentialsCallback& done) {
                done(Credentials(keyFor(name), wrongSecret ? QByteArray("wrong") : kSecret,
                                 name == QLatin1String("okx") ? kPassphrase : QByteArray()));
            });
        int finished = 0;
        int succeeded = 0;
        const auto send = [&](const QByteArray& method) {
            SignedRequest request;
            request.method = method;
            request.url = server.baseUrl();
            request.url.setPath(method == "GET" ? server.readPath() : server.orderPath());
            if (method == "GET")
                request.query = server.readQuery();
            else
                request.params = server.orderParams();
            request.venue = venue;
            const int before = finished;
            client.send(request, [&](const SignedRestClient::Reply& reply) {
                ++finished;
                if (reply)
                    ++succeeded;
            });
            QVERIFY(QTest::qWaitFor([&] { return finished > before; }, 15'000));
        };
        send("GET");
        send("POST");
        server.setClockSkewMs(120'000); // a timestamp rejection and resync (logged as a warning)
        send("POST");
        send("GET");
        wrongSecret = true; // the venue's bad-signature error, echoed by some venues
        send("POST");
        wrongSecret = false;
        server.rateLimitNext(1);
        send("GET");
        QCOMPARE(finished, 6);
        QVERIFY2(succeeded >= 3, qPrintable(venue));
    }

    QMutexLocker locker(&capturedMutex);
    QVERIFY2(!captured.isEmpty(), "verbose logging produced no messages: the test would prove nothing");
    QVERIFY(captured.join(QLatin1Char('\n')).contains(QLatin1String("botterm.rest")));
    for (qsizetype i = 0; i < captured.size(); ++i) {
        // The failure names the message, never its text or the leaked form (they would reach the output).
        QVERIFY2(findLeak(captured[i].toUtf8()).isEmpty(),
                 qPrintable(QStringLiteral("a form of a secret in log message #%1 (category %2)")
                                .arg(i)
                                .arg(captured[i].section(QLatin1Char(' '), 0, 0))));
    }
    QFile file(nonceFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(!content.isEmpty());
    QVERIFY(findLeak(content).isEmpty());
    QVERIFY(!content.contains(keyFor(QStringLiteral("coincheck")).toUtf8()));
}

void TestSecretsNotLogged::cliFetchPrintsAndStoresNoSecret()
{
    QTemporaryDir home;
    for (const QString& venue :
         {QStringLiteral("coincheck"), QStringLiteral("okx"), QStringLiteral("bybit")}) {
        VenueVerifier server(venue, keyFor(venue), kSecret,
                             venue == QLatin1String("okx") ? kPassphrase : QByteArray());
        for (const bool goodSecret : {true, false}) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("HOME"), home.path());
            env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
            env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
            env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*=true"));
            const QString prefix = QStringLiteral("BOTTERM_") + venue.toUpper();
            env.insert(prefix + QStringLiteral("_KEY"), keyFor(venue));
            env.insert(prefix + QStringLiteral("_SECRET"),
                       QString::fromLatin1(goodSecret ? kSecret : QByteArray("nope")));
            if (venue == QLatin1String("okx"))
                env.insert(prefix + QStringLiteral("_PASSPHRASE"), QString::fromLatin1(kPassphrase));
            QProcess process;
            process.setProcessEnvironment(env);
            process.start(
                QStringLiteral(BOTTERM_CLI),
                {QStringLiteral("fetch"), venue, QStringLiteral("POST"), server.orderPath(),
                 QStringLiteral("--data"),
                 QString::fromUtf8(QJsonDocument(server.orderParams()).toJson(QJsonDocument::Compact)),
                 QStringLiteral("--base-url"), server.baseUrl().toString()});
            // The test's event loop serves the loopback venue while the CLI runs.
            QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30'000);
            const QByteArray out = process.readAllStandardOutput();
            const QByteArray err = process.readAllStandardError();
            QCOMPARE(process.exitCode(), goodSecret ? 0 : 1);
            QVERIFY2(findLeak(out).isEmpty(), "a form of the secret on the CLI's stdout (not printed here)");
            QVERIFY2(findLeak(err).isEmpty(), "a form of the secret on the CLI's stderr (not printed here)");
            if (goodSecret)
                QVERIFY2(out.contains("\"verified\":true"), QByteArray(out + " / " + err).constData());
        }
    }
    // Every file the CLI wrote under its HOME (nonces, settings) is free of the secret.
    int files = 0;
    QDirIterator it(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        ++files;
        const QString leak = findLeak(file.readAll());
        QVERIFY2(leak.isEmpty(), qPrintable(file.fileName()));
    }
    QVERIFY2(files > 0, "the CLI wrote no nonce file: Coincheck's nonce was not persisted");
}

QTEST_GUILESS_MAIN(TestSecretsNotLogged)
#include "tst_secretsnotlogged.moc"
