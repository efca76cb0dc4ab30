// botterm-cli stream and replay, run as a user runs them: a separate process, real sockets on
// 127.0.0.1, output read from its stdout and stderr.
#include "support/loopbackhttpserver.h"
#include "support/loopbackwsserver.h"
#include "support/recordingsink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

namespace {

const QString kCli = QStringLiteral(BOTTERM_CLI);

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(kCli, args);
    if (!p.waitForStarted(10000))
        qFatal("cannot start %s", qPrintable(kCli));
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000))
        qFatal("botterm-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// Reads JSON lines from a running process's stdout as they arrive.
class LineReader
{
public:
    explicit LineReader(QProcess& p)
        : m_process(p)
    {}
    // The next line whose object satisfies pred, waiting at most timeoutMs; an empty object on timeout.
    template <typename Pred> QJsonObject next(Pred pred, int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            while (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine();
                lines.append(line);
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (pred(o))
                    return o;
            }
            if (t.elapsed() > timeoutMs)
                return {};
            // Keep this process's event loop running: the loopback servers live in it.
            QTest::qWait(10);
        }
    }
    QList<QByteArray> lines;

private:
    QProcess& m_process;
};

QJsonArray level(const char* price, const char* size)
{
    return QJsonArray{QString::fromLatin1(price), QString::fromLatin1(size)};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replayPrintsFinalBooksAndCounts()
    {
        const Run r = runCli({QStringLiteral("replay"), QStringLiteral("--exchange"), QStringLiteral("bybit"),
                              QStringLiteral(BOTTERM_FIXTURES "/bybit/replay-linear.jsonl")});
        QCOMPARE(r.exitCode, 0);
        // Hand-checked: BTC best bid deleted, asks resized and added; ETH gap then a fresh snapshot.
        QCOMPARE(
            r.out,
            QByteArray(
                R"({"BTCUSDT":{"bids":[["65000.00","2.5"],["64999.90","0.3"],["64999.80","7.25"]],)"
                R"("asks":[["65000.20","0.5"],["65000.30","1.2"],["65000.40","0.01"],["65000.50","4"]]},)"
                R"("ETHUSDT":{"bids":[["3499.99","2"]],"asks":[["3500.05","2"]]}})"
                "\n"));
        QVERIFY2(r.err.contains("frames: 10, malformed: 2,"), r.err.constData());
        QVERIFY(r.err.contains("frames/s: "));
    }

    void replayLimitsDepthAndReadsStdin()
    {
        QFile f(QStringLiteral(BOTTERM_FIXTURES "/bybit/replay-linear.jsonl"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Run r = runCli({QStringLiteral("replay"), QStringLiteral("--exchange"), QStringLiteral("bybit"),
                              QStringLiteral("--depth"), QStringLiteral("1"), QStringLiteral("-")},
                             f.readAll());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray(R"({"BTCUSDT":{"bids":[["65000.00","2.5"]],"asks":[["65000.20","0.5"]]},)"
                                   R"("ETHUSDT":{"bids":[["3499.99","2"]],"asks":[["3500.05","2"]]}})"
                                   "\n"));
    }

    void replayReportsABookLeftResyncing()
    {
        const QByteArray frames =
            fixture(QStringLiteral("bybit/linear-orderbook-snapshot.json")) + "\n" +
            R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":2,"data":{"s":"BTCUSDT","b":[],"a":[],"u":18521299,"seq":1}})";
        const Run r = runCli({QStringLiteral("replay"), QStringLiteral("--exchange"), QStringLiteral("bybit"),
                              QStringLiteral("-")},
                             frames);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray(R"({"BTCUSDT":{"bids":[],"asks":[]}})"
                                   "\n"));
        QVERIFY2(r.err.contains("BTCUSDT book is resyncing"), r.err.constData());
    }

    void usageErrorsExitTwoWithNothingOnStdout_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("stream without exchange")
            << QStringList{QStringLiteral("stream"), QStringLiteral("--symbols"), QStringLiteral("BTCUSDT")};
        QTest::newRow("stream unknown exchange")
            << QStringList{QStringLiteral("stream"), QStringLiteral("--exchange"), QStringLiteral("nope"),
                           QStringLiteral("--symbols"), QStringLiteral("BTCUSDT")};
        QTest::newRow("stream without symbols")
            << QStringList{QStringLiteral("stream"), QStringLiteral("--exchange"), QStringLiteral("bybit")};
        QTest::newRow("stream unknown channel") << QStringList{
            QStringLiteral("stream"),    QStringLiteral("--exchange"), QStringLiteral("bybit"),
            QStringLiteral("--symbols"), QStringLiteral("BTCUSDT"),    QStringLiteral("--channels"),
            QStringLiteral("book,news")};
        QTest::newRow("stream bad ws url") << QStringList{
            QStringLiteral("stream"),    QStringLiteral("--exchange"), QStringLiteral("bybit"),
            QStringLiteral("--symbols"), QStringLiteral("BTCUSDT"),    QStringLiteral("--ws-url"),
            QStringLiteral("http://x")};
        QTest::newRow("stream unknown option") << QStringList{
            QStringLiteral("stream"),    QStringLiteral("--exchange"), QStringLiteral("bybit"),
            QStringLiteral("--symbols"), QStringLiteral("BTCUSDT"),    QStringLiteral("--bogus")};
        QTest::newRow("replay without file")
            << QStringList{QStringLiteral("replay"), QStringLiteral("--exchange"), QStringLiteral("bybit")};
        QTest::newRow("replay bad depth")
            << QStringList{QStringLiteral("replay"),  QStringLiteral("--exchange"), QStringLiteral("bybit"),
                           QStringLiteral("--depth"), QStringLiteral("zero"),       QStringLiteral("-")};
        QTest::newRow("replay bad category") << QStringList{
            QStringLiteral("replay"),     QStringLiteral("--exchange"), QStringLiteral("bybit"),
            QStringLiteral("--category"), QStringLiteral("option"),     QStringLiteral("-")};
    }

    void usageErrorsExitTwoWithNothingOnStdout()
    {
        QFETCH(QStringList, args);
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(!r.err.isEmpty());
    }

    void streamPrintsEventsRecoversFromDropAndStopsOnSigterm()
    {
        LoopbackWsServer ws;
        LoopbackHttpServer http;
        http.json(QStringLiteral("/v5/market/instruments-info"),
                  fixture(QStringLiteral("bybit/rest-instruments-linear.json")));
        http.json(QStringLiteral("/v5/market/kline"), fixture(QStringLiteral("bybit/rest-kline.json")));
        QSignalSpy subscribed(&ws, &LoopbackWsServer::messageReceived);

        QProcess p;
        p.start(kCli,
                {QStringLiteral("stream"), QStringLiteral("--exchange"), QStringLiteral("bybit"),
                 QStringLiteral("--category"), QStringLiteral("linear"), QStringLiteral("--symbols"),
                 QStringLiteral("BTCUSDT"), QStringLiteral("--channels"),
                 QStringLiteral("book,trades,ticker,candles"), QStringLiteral("--depth"), QStringLiteral("2"),
                 QStringLiteral("--interval"), QStringLiteral("1h"), QStringLiteral("--ws-url"),
                 ws.url().toString(), QStringLiteral("--rest-url"), http.baseUrl().toString()});
        QVERIFY(p.waitForStarted(10000));
        LineReader out(p);
        const auto subscribes = [&] {
            int n = 0;
            for (const QByteArray& m : ws.received)
                n += m.contains("\"subscribe\"") && m.contains("orderbook.50.BTCUSDT");
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(subscribes(), 1, 10000);
        // Every channel asked for, in one subscribe request.
        const QByteArray request = ws.received.last();
        for (const char* topic :
             {"orderbook.50.BTCUSDT", "publicTrade.BTCUSDT", "tickers.BTCUSDT", "kline.60.BTCUSDT"})
            QVERIFY2(request.contains(topic), request.constData());

        // Candle history arrives over REST and is printed oldest first.
        const QJsonObject history = out.next([](const QJsonObject& o) {
            return o.value(QLatin1String("type")) == QLatin1String("candle") &&
                   o.value(QLatin1String("history")).toBool();
        });
        QCOMPARE(history.value(QLatin1String("open_time")).toInteger(), 1670601600000);
        QCOMPARE(history.value(QLatin1String("interval")).toString(), QStringLiteral("1h"));

        ws.send(fixture(QStringLiteral("bybit/linear-orderbook-snapshot.json")));
        QJsonObject book = out.next([](const QJsonObject& o) {
            return o.value(QLatin1String("type")) == QLatin1String("book") &&
                   o.value(QLatin1String("state")) == QLatin1String("live");
        });
        QCOMPARE(book.value(QLatin1String("state")).toString(), QStringLiteral("live"));
        QCOMPARE(book.value(QLatin1String("symbol")).toString(), QStringLiteral("BTCUSDT"));
        QCOMPARE(book.value(QLatin1String("bids")).toArray(),
                 (QJsonArray{level("16493.50", "0.006"), level("16493.00", "0.100")}));
        QCOMPARE(book.value(QLatin1String("asks")).toArray(),
                 (QJsonArray{level("16611.00", "0.029"), level("16612.00", "0.213")}));

        ws.send(fixture(QStringLiteral("bybit/public-trade.json")));
        const QJsonObject trade = out.next(
            [](const QJsonObject& o) { return o.value(QLatin1String("type")) == QLatin1String("trade"); });
        QCOMPARE(trade.value(QLatin1String("price")).toString(), QStringLiteral("16578.50"));
        QCOMPARE(trade.value(QLatin1String("side")).toString(), QStringLiteral("buy"));

        ws.send(fixture(QStringLiteral("bybit/linear-ticker-snapshot.json")));
        const QJsonObject ticker = out.next(
            [](const QJsonObject& o) { return o.value(QLatin1String("type")) == QLatin1String("ticker"); });
        QCOMPARE(ticker.value(QLatin1String("last")).toString(), QStringLiteral("17216.00"));
        QCOMPARE(ticker.value(QLatin1String("ask")).toString(), QStringLiteral("17216.00"));

        // Drop the connection: the book is reported resyncing, the client reconnects and resubscribes,
        // and the rebuilt book holds only what the new snapshot says.
        ws.dropAll();
        book = out.next(
            [](const QJsonObject& o) { return o.value(QLatin1String("type")) == QLatin1String("book"); });
        QCOMPARE(book.value(QLatin1String("state")).toString(), QStringLiteral("resyncing"));
        QVERIFY(book.value(QLatin1String("bids")).toArray().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(subscribes(), 2, 10000);
        ws.send(
            R"({"topic":"orderbook.50.BTCUSDT","type":"snapshot","ts":9,"data":{"s":"BTCUSDT","b":[["17000.00","1"]],"a":[["17001.00","2"]],"u":5,"seq":9}})");
        book = out.next(
            [](const QJsonObject& o) { return o.value(QLatin1String("type")) == QLatin1String("book"); });
        QCOMPARE(book.value(QLatin1String("state")).toString(), QStringLiteral("live"));
        QCOMPARE(book.value(QLatin1String("bids")).toArray(), (QJsonArray{level("17000.00", "1")}));
        QCOMPARE(book.value(QLatin1String("asks")).toArray(), (QJsonArray{level("17001.00", "2")}));

        // Connection state changes went to stderr as JSON lines.
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains(R"("state":"reconnecting")"), err.constData());

        ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        // Every stdout line is a complete JSON object.
        for (const QByteArray& line : out.lines + p.readAllStandardOutput().split('\n')) {
            if (!line.trimmed().isEmpty())
                QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
