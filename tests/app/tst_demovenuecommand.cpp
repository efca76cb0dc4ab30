// Runs the built botterm-cli: `botterm-cli demo-venue` prints its URLs as one JSON object, serves
// REST on the printed URL, and exits 0 on SIGTERM; usage errors exit 2, a taken port exits 1.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

class TestDemoVenueCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printsUrlsServesRestAndStopsOnSigterm()
    {
        QProcess process;
        process.start(QStringLiteral(BOTTERM_CLI),
                      {QStringLiteral("demo-venue"), QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY(process.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() != QProcess::Running, 15000);
        const QByteArray line = process.readLine();
        QJsonParseError error{};
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        const QUrl rest(o.value(QLatin1String("rest")).toString());
        QCOMPARE(rest.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(rest.port() > 0);
        QCOMPARE(o.value(QLatin1String("linear")).toString(),
                 QStringLiteral("ws://127.0.0.1:%1/v5/public/linear").arg(rest.port()));
        QCOMPARE(o.value(QLatin1String("spot")).toString(),
                 QStringLiteral("ws://127.0.0.1:%1/v5/public/spot").arg(rest.port()));
        const QJsonArray linear =
            o.value(QLatin1String("symbols")).toObject().value(QLatin1String("linear")).toArray();
        QVERIFY(linear.contains(QStringLiteral("BTCUSDT")));

        QNetworkAccessManager network;
        QUrl url = rest;
        url.setPath(QStringLiteral("/v5/market/tickers"));
        url.setQuery(QStringLiteral("category=linear&symbol=ETHUSDT"));
        QNetworkReply* reply = network.get(QNetworkRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QCOMPARE(body.value(QLatin1String("retCode")).toInt(-1), 0);
        const QJsonObject ticker = body.value(QLatin1String("result"))
                                       .toObject()
                                       .value(QLatin1String("list"))
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(ticker.value(QLatin1String("symbol")).toString(), QStringLiteral("ETHUSDT"));
        QVERIFY(!ticker.value(QLatin1String("bid1Price")).toString().isEmpty());

        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("port not a number") << QStringList{QStringLiteral("--port"), QStringLiteral("http")};
        QTest::newRow("port too large") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")};
        QTest::newRow("seed negative") << QStringList{QStringLiteral("--seed"), QStringLiteral("-4")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")};
        QTest::newRow("stray argument") << QStringList{QStringLiteral("now")};
    }

    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, args);
        QProcess process;
        process.start(QStringLiteral(BOTTERM_CLI), QStringList{QStringLiteral("demo-venue")} + args);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardOutput().isEmpty());
        QVERIFY(process.readAllStandardError().contains("usage: botterm-cli demo-venue"));
    }

    void takenPortExitsOneAndSaysSo()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QProcess process;
        process.start(QStringLiteral(BOTTERM_CLI), {QStringLiteral("demo-venue"), QStringLiteral("--port"),
                                                    QString::number(taken.serverPort())});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains(QByteArray::number(taken.serverPort())), err.constData());
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDemoVenueCommand)
#include "tst_demovenuecommand.moc"
