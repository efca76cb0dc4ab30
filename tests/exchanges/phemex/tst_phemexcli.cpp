// botterm-cli order for Phemex's coin-margined perpetuals (--category inverse), run as a user runs it: a
// separate process against the loopback Phemex (tests/support/phemexvenue.h) on 127.0.0.1, which
// verifies every signed request as Phemex does.

#include "support/clirun.h"
#include "support/phemexvenue.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {} // namespace

class TestPhemexCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    // Runs `botterm-cli order ARGS` while this test's event loop serves the loopback venue.
    CliRun order(const PhemexVenue& venue, const QStringList& args)
    {
        QProcessEnvironment env = isolatedCliEnvironment(m_home);
        env.insert(QStringLiteral("BOTTERM_PHEMEX_KEY"), QString::fromLatin1(PhemexVenue::Key));
        env.insert(QStringLiteral("BOTTERM_PHEMEX_SECRET"), QString::fromLatin1(PhemexVenue::Secret));
        return runCli(QStringList{QStringLiteral("order")} + args +
                          QStringList{QStringLiteral("--base-url"), venue.restUrl().toString()},
                      env);
    }

private Q_SLOTS:
    void placesListsAndCancelsACoinMarginedOrder()
    {
        PhemexVenue venue;
        const CliRun placed =
            order(venue, {"place", "phemex", "--category", "inverse", "--symbol", "BTCUSD", "--side", "buy",
                          "--type", "limit", "--price", "60000.5", "--qty", "10", "--client-id", "bt-cli-1"});
        QVERIFY2(placed.exitCode == 0, placed.err.constData());
        const QJsonObject line = QJsonDocument::fromJson(placed.out.split('\n').value(0)).object();
        const QString orderId = line.value(QLatin1String("orderId")).toString();
        QVERIFY2(!orderId.isEmpty(), placed.out.constData());
        QCOMPARE(line.value(QLatin1String("clientOrderId")).toString(), QStringLiteral("bt-cli-1"));
        QCOMPARE(venue.openCoinOrderCount(), 1);
        QVERIFY(venue.productQueries() >= 1); // the rules, and the scales read before the order
        QVERIFY2(venue.verifier().rejections().isEmpty(),
                 qPrintable(venue.verifier().rejections().join(QStringLiteral(", "))));

        const CliRun listed = order(venue, {"list", "phemex", "--category", "inverse", "--symbol", "BTCUSD"});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        const QJsonObject row = QJsonDocument::fromJson(listed.out.split('\n').value(0)).object();
        QCOMPARE(row.value(QLatin1String("orderId")).toString(), orderId);
        QCOMPARE(row.value(QLatin1String("category")).toString(), QStringLiteral("inverse"));
        QCOMPARE(row.value(QLatin1String("price")).toString(), QStringLiteral("60000.5"));
        QCOMPARE(row.value(QLatin1String("qty")).toString(), QStringLiteral("10"));

        const CliRun cancelled = order(venue, {"cancel", "phemex", "--category", "inverse", "--symbol",
                                               "BTCUSD", "--order-id", orderId});
        QVERIFY2(cancelled.exitCode == 0, cancelled.err.constData());
        QCOMPARE(venue.openCoinOrderCount(), 0);

        // The venue's refusal, verbatim.
        venue.rejectNextOrder(11001, QStringLiteral("TE_NO_ENOUGH_AVAILABLE_BALANCE"));
        const CliRun refused =
            order(venue, {"place", "phemex", "--category", "inverse", "--symbol", "BTCUSD", "--side", "sell",
                          "--type", "limit", "--price", "70000", "--qty", "5000"});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("TE_NO_ENOUGH_AVAILABLE_BALANCE") ||
                     refused.out.contains("TE_NO_ENOUGH_AVAILABLE_BALANCE"),
                 refused.err.constData());
        QVERIFY(venue.verifier().rejections().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPhemexCli)
#include "tst_phemexcli.moc"
