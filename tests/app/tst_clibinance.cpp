// botterm-cli stream and replay for Binance, run as a user runs them: a separate process, real
// sockets on 127.0.0.1, output read from its stdout and stderr.
#include "support/loopbackhttpserver.h"
#include "support/loopbackwsserver.h"
#include "support/recordingsink.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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

// The next stdout line of a running CLI whose JSON object satisfies pred (empty on timeout).
template <typename Pred> QJsonObject nextLine(QProcess& p, Pred pred, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        while (p.canReadLine()) {
            const QJsonObject o = QJsonDocument::fromJson(p.readLine()).object();
            if (pred(o))
                return o;
        }
        if (t.elapsed() > timeoutMs)
            return {};
        QTest::qWait(10); // the loopback servers live in this process's event loop
    }
}

QJsonArray level(const char* price, const char* size)
{
    return QJsonArray{QString::fromLatin1(price), QString::fromLatin1(size)};
}

} // namespace

class TestCliBinance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replayStartsTheBookFromItsSnapshotLine()
    {
        const Run r = runCli({QStringLiteral("replay"), QStringLiteral("--exchange"),
                              QStringLiteral("binance"), QStringLiteral("--category"), QStringLiteral("spot"),
                              QStringLiteral(BOTTERM_FIXTURES "/binance/replay-spot.jsonl")});
        QCOMPARE(r.exitCode, 0);
        // Three diffs buffered, the first already in the snapshot; then one more removes 0.0027.
        QCOMPARE(r.out,
                 QByteArray(R"({"BNBBTC":{"bids":[["0.00250000","3.00000000"],["0.00240000","10.00000000"]],)"
                            R"("asks":[["0.00260000","90.00000000"]]}})"
                            "\n"));
        QVERIFY2(r.err.contains("snapshots: 1\nframes: 4, malformed: 0,"), r.err.constData());
        QVERIFY(!r.err.contains("book is"));
    }

    void replayWithoutASnapshotLeavesTheBookUnbuilt()
    {
        const Run r =
            runCli({QStringLiteral("replay"), QStringLiteral("--exchange"), QStringLiteral("binance"),
                    QStringLiteral("--category"), QStringLiteral("linear"), QStringLiteral("-")},
                   fixture(QStringLiteral("binance/futures-depth-diffs.jsonl")) + "\nSNAPSHOT BTCUSDT {");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("{}\n")); // nothing was ever applied
        QVERIFY2(r.err.contains("BTCUSDT snapshot"), r.err.constData());
        QVERIFY2(r.err.contains("malformed: 1,"), r.err.constData());
    }

    void streamFetchesTheSnapshotAndPrintsTheLiveBook()
    {
        LoopbackWsServer ws;
        LoopbackHttpServer http;
        http.json(QStringLiteral("/api/v3/exchangeInfo"),
                  fixture(QStringLiteral("binance/rest-exchangeinfo-spot.json")));
        http.json(QStringLiteral("/api/v3/depth"),
                  fixture(QStringLiteral("binance/spot-depth-snapshot.json")));

        QProcess p;
        p.start(kCli, {QStringLiteral("stream"), QStringLiteral("--exchange"), QStringLiteral("binance"),
                       QStringLiteral("--category"), QStringLiteral("spot"), QStringLiteral("--symbols"),
                       QStringLiteral("BNBBTC"), QStringLiteral("--channels"), QStringLiteral("book,trades"),
                       QStringLiteral("--depth"), QStringLiteral("2"), QStringLiteral("--ws-url"),
                       ws.url(QStringLiteral("/stream")).toString(), QStringLiteral("--rest-url"),
                       http.baseUrl().toString()});
        QVERIFY(p.waitForStarted(10000));
        const auto subscribed = [&] {
            for (const QByteArray& m : ws.received) {
                if (m.contains("\"SUBSCRIBE\"") && m.contains("bnbbtc@depth@100ms") &&
                    m.contains("bnbbtc@trade"))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(subscribed(), 10000);

        for (const QByteArray& frame : fixture(QStringLiteral("binance/spot-depth-diffs.jsonl")).split('\n'))
            ws.send(frame);
        const QJsonObject book = nextLine(p, [](const QJsonObject& o) {
            return o.value(QLatin1String("type")) == QLatin1String("book") &&
                   o.value(QLatin1String("state")) == QLatin1String("live") &&
                   o.value(QLatin1String("bids")).toArray().first() == level("0.00250000", "3.00000000");
        });
        QCOMPARE(book.value(QLatin1String("symbol")).toString(), QStringLiteral("BNBBTC"));
        QCOMPARE(book.value(QLatin1String("asks")).toArray(),
                 (QJsonArray{level("0.00260000", "90.00000000"), level("0.00270000", "5.00000000")}));

        ws.send(fixture(QStringLiteral("binance/spot-trade.json")));
        const QJsonObject trade = nextLine(
            p, [](const QJsonObject& o) { return o.value(QLatin1String("type")) == QLatin1String("trade"); });
        QCOMPARE(trade.value(QLatin1String("price")).toString(), QStringLiteral("0.001"));
        QCOMPARE(trade.value(QLatin1String("side")).toString(), QStringLiteral("sell"));

        ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        int depthRequests = 0;
        for (const auto& request : http.requests())
            depthRequests += request.url.path() == QLatin1String("/api/v3/depth");
        QCOMPARE(depthRequests, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliBinance)
#include "tst_clibinance.moc"
