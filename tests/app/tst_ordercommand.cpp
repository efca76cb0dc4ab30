// botterm-cli order against a loopback Bybit: signatures checked as Bybit does, the order checked
// before it is sent, sent once, and looked up by its client order id when the reply is lost.
#include "support/clirun.h"
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

namespace {

const QString kKey = QStringLiteral("order-test-key");
const QByteArray kSecret = "order-test-secret";

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray ok(const QJsonObject& result)
{
    return json({{"retCode", 0},
                 {"retMsg", "OK"},
                 {"result", result},
                 {"retExtInfo", QJsonObject()},
                 {"time", QDateTime::currentMSecsSinceEpoch()}});
}

QByteArray error(int code, const QString& message)
{
    return json({{"retCode", code},
                 {"retMsg", message},
                 {"result", QJsonObject()},
                 {"retExtInfo", QJsonObject()},
                 {"time", QDateTime::currentMSecsSinceEpoch()}});
}

// A loopback Bybit V5: instruments, time, and the order endpoints, with Bybit's HMAC check on every
// private request. Order creation can be answered, rejected, or left unanswered (the connection
// closed, or held open past the client's timeout) after the order was taken.
class FakeBybit final : public QObject
{
    Q_OBJECT
public:
    enum class Create
    {
        Live,           // accepted, resting
        CancelPostOnly, // accepted, then cancelled: it would have taken liquidity
        Reject,         // retCode 110007
        AcceptAndDrop,  // taken, connection closed without a reply
        AcceptAndHold,  // taken, no reply until the client gives up
        LoseAndDrop,    // never reaches the engine; connection closed
    };

    struct Request
    {
        QByteArray method;
        QByteArray target;
        QString path;
        QHash<QByteArray, QByteArray> headers;
        QByteArray body;
    };

    Create create = Create::Live;
    QList<Request> requests;
    QStringList signatureFailures;
    QHash<QString, QJsonObject> orders; // by orderLinkId

    FakeBybit()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen on 127.0.0.1");
    }

    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    int count(const QString& path) const
    {
        int n = 0;
        for (const Request& r : requests)
            n += r.path == path;
        return n;
    }

private:
    void read(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            Request r;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            r.method = first.value(0);
            r.target = first.value(1);
            r.path = QString::fromLatin1(
                r.target.left(r.target.indexOf('?') < 0 ? r.target.size() : r.target.indexOf('?')));
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                     lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = r.headers.value("content-length", "0").toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            r.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            requests.append(r);
            const std::optional<QByteArray> reply = handle(r);
            if (!reply) {
                if (create != Create::AcceptAndHold)
                    socket->abort();
                return; // held: never answered
            }
            QByteArray out = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                             QByteArray::number(reply->size()) + "\r\n\r\n" + *reply;
            socket->write(out);
        }
    }

    // https://bybit-exchange.github.io/docs/v5/guide#authentication
    bool verify(const Request& r)
    {
        const QByteArray ts = r.headers.value("x-bapi-timestamp");
        const QByteArray recv = r.headers.value("x-bapi-recv-window");
        const qsizetype q = r.target.indexOf('?');
        const QByteArray payload = r.method == "GET" ? (q < 0 ? QByteArray() : r.target.mid(q + 1)) : r.body;
        const QByteArray expected = QMessageAuthenticationCode::hash(ts + kKey.toUtf8() + recv + payload,
                                                                     kSecret, QCryptographicHash::Sha256)
                                        .toHex();
        const qint64 skew = QDateTime::currentMSecsSinceEpoch() - ts.toLongLong();
        if (r.headers.value("x-bapi-api-key") != kKey.toUtf8() ||
            r.headers.value("x-bapi-sign") != expected || skew > recv.toLongLong() || skew < -1000) {
            signatureFailures.append(QString::fromLatin1(r.method + ' ' + r.target));
            return false;
        }
        return true;
    }

    QJsonObject orderFrom(const QJsonObject& body, const QString& status, const QString& reject)
    {
        return {{"orderId", QStringLiteral("ord-%1").arg(orders.size() + 1)},
                {"orderLinkId", body.value("orderLinkId")},
                {"symbol", body.value("symbol")},
                {"price", body.value("price")},
                {"qty", body.value("qty")},
                {"side", body.value("side")},
                {"orderStatus", status},
                {"cancelType", "UNKNOWN"},
                {"rejectReason", reject},
                {"avgPrice", "0"},
                {"cumExecQty", "0.000"},
                {"timeInForce", body.value("timeInForce")},
                {"orderType", body.value("orderType")},
                {"triggerPrice", "0.00"},
                {"reduceOnly", body.value("reduceOnly").toBool()},
                {"createdTime", QString::number(QDateTime::currentMSecsSinceEpoch())},
                {"updatedTime", QString::number(QDateTime::currentMSecsSinceEpoch())}};
    }

    QByteArray list(const QString& linkId, const QString& orderId, bool open)
    {
        QJsonArray out;
        QJsonObject o = orders.value(linkId);
        for (const QJsonObject& each : std::as_const(orders)) {
            if (!orderId.isEmpty() && each.value("orderId").toString() == orderId)
                o = each;
        }
        if (!o.isEmpty() && (o.value("orderStatus").toString() == QLatin1String("New")) == open)
            out.append(o);
        return ok({{"list", out}, {"nextPageCursor", ""}, {"category", "linear"}});
    }

    std::optional<QByteArray> handle(const Request& r)
    {
        if (r.path == QLatin1String("/v5/market/time")) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            return ok({{"timeSecond", QString::number(now / 1000)},
                       {"timeNano", QString(QString::number(now) + QStringLiteral("000000"))}});
        }
        if (r.path == QLatin1String("/v5/market/instruments-info")) {
            const QJsonObject btc{
                {"symbol", "BTCUSDT"},
                {"contractType", "LinearPerpetual"},
                {"status", "Trading"},
                {"baseCoin", "BTC"},
                {"quoteCoin", "USDT"},
                {"priceFilter",
                 QJsonObject{{"minPrice", "0.10"}, {"maxPrice", "199999.80"}, {"tickSize", "0.10"}}},
                {"lotSizeFilter", QJsonObject{{"maxOrderQty", "100.000"},
                                              {"minOrderQty", "0.001"},
                                              {"qtyStep", "0.001"},
                                              {"minNotionalValue", "5"}}}};
            return ok({{"category", "linear"}, {"list", QJsonArray{btc}}, {"nextPageCursor", ""}});
        }
        if (!verify(r))
            return error(10004, QStringLiteral("error sign! origin_string[...]"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QUrlQuery query(QString::fromLatin1(r.target.mid(r.target.indexOf('?') + 1)));
        const QString linkQuery = query.queryItemValue(QStringLiteral("orderLinkId"));
        const QString idQuery = query.queryItemValue(QStringLiteral("orderId"));
        if (r.path == QLatin1String("/v5/order/create")) {
            const QString link = body.value("orderLinkId").toString();
            // Bybit keeps client order ids unique: https://bybit-exchange.github.io/docs/v5/error
            if (orders.contains(link))
                return error(110072, QStringLiteral("OrderLinkedID is duplicate"));
            switch (create) {
            case Create::Live:
                orders.insert(link, orderFrom(body, "New", "EC_NoError"));
                break;
            case Create::CancelPostOnly:
                orders.insert(link, orderFrom(body, "Cancelled", "EC_PostOnlyWillTakeLiquidity"));
                break;
            case Create::Reject:
                return error(110007, QStringLiteral("ab not enough for new order"));
            case Create::AcceptAndDrop:
            case Create::AcceptAndHold:
                orders.insert(link, orderFrom(body, "New", "EC_NoError"));
                return std::nullopt;
            case Create::LoseAndDrop:
                return std::nullopt;
            }
            return ok({{"orderId", orders.value(link).value("orderId")}, {"orderLinkId", link}});
        }
        if (r.path == QLatin1String("/v5/order/realtime")) {
            if (linkQuery.isEmpty() && idQuery.isEmpty()) {
                QJsonArray all;
                for (const QJsonObject& o : std::as_const(orders))
                    if (o.value("orderStatus").toString() == QLatin1String("New"))
                        all.append(o);
                return ok({{"list", all}, {"nextPageCursor", ""}, {"category", "linear"}});
            }
            return list(linkQuery, idQuery, true);
        }
        if (r.path == QLatin1String("/v5/order/history"))
            return list(linkQuery, idQuery, false);
        if (r.path == QLatin1String("/v5/order/cancel")) {
            const QString link = body.value("orderLinkId").toString();
            if (!orders.contains(link))
                return error(110001, QStringLiteral("order not exists or too late to cancel"));
            orders[link].insert("orderStatus", "Cancelled");
            return ok({{"orderId", orders.value(link).value("orderId")}, {"orderLinkId", link}});
        }
        return error(10001, QStringLiteral("unknown path"));
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

} // namespace

class TestOrderCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placesLiveOrderAndPrintsIds()
    {
        FakeBybit venue;
        const CliRun run = place(venue, {"--price", "65000.1", "--qty", "0.01"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(venue.signatureFailures.isEmpty(), qPrintable(venue.signatureFailures.join(", ")));
        QCOMPARE(venue.count("/v5/order/create"), 1);
        const QJsonObject printed = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(printed.value("orderId").toString(), QStringLiteral("ord-1"));
        const QString link = printed.value("clientOrderId").toString();
        QVERIFY(link.startsWith(QLatin1String("bt-")));
        QVERIFY(venue.orders.contains(link));
        QCOMPARE(printed.value("status").toString(), QStringLiteral("new"));
        QCOMPARE(printed.value("outcome").toString(), QStringLiteral("live"));
        // Sent on the instrument's grid as exact strings.
        const QJsonObject sent = QJsonDocument::fromJson(lastBody(venue, "/v5/order/create")).object();
        QCOMPARE(sent.value("price").toString(), QStringLiteral("65000.10"));
        QCOMPARE(sent.value("qty").toString(), QStringLiteral("0.010"));
    }

    void refusesRuleBreakWithoutSending_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        QTest::newRow("tick") << QStringList{"--price", "65000.15", "--qty", "0.01"}
                              << QStringLiteral("price 65000.15 is not a multiple of the tick 0.10");
        QTest::newRow("lot") << QStringList{"--price", "65000.1", "--qty", "0.0105"}
                             << QStringLiteral("qty 0.0105 is not a multiple of the lot step 0.001");
        QTest::newRow("min qty") << QStringList{"--price", "65000.1", "--qty", "0.0001"}
                                 << QStringLiteral("below the minimum quantity 0.001");
        QTest::newRow("notional") << QStringList{"--price", "1000", "--qty", "0.001"}
                                  << QStringLiteral("below the minimum notional 5");
        // A leg of a hedged account where the account holds one position per symbol.
        QTest::newRow("position side")
            << QStringList{"--price", "65000.1", "--qty", "0.01", "--position-side", "long"}
            << QStringLiteral("an order for the long leg cannot be sent");
    }

    // Form errors: nothing is fetched or sent.
    void refusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        QTest::newRow("leg") << QStringList{"place", "bybit",  "--symbol",        "BTCUSDT", "--side",
                                            "buy",   "--type", "limit",           "--price", "1",
                                            "--qty", "1",      "--position-side", "both"}
                             << QStringLiteral("--position-side must be long or short");
        // bitbank lists margin (linear) on the spot pairs' own symbols: no default between them.
        QTest::newRow("bitbank category") << QStringList{"place", "bitbank", "--symbol", "btc_jpy", "--side",
                                                         "buy",   "--type",  "market",   "--qty",   "0.001"}
                                          << QStringLiteral("bitbank needs --category");
    }
    void refusesBadArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        FakeBybit venue;
        const CliRun run = cli(args + QStringList{"--base-url", venue.baseUrl()}, venue);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(reason), run.err.constData());
        QVERIFY(venue.requests.isEmpty());
        QVERIFY(run.out.isEmpty());
    }
    void refusesRuleBreakWithoutSending()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        FakeBybit venue;
        const CliRun run = place(venue, args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(reason), run.err.constData());
        QCOMPARE(venue.count("/v5/market/instruments-info"), 1);
        QCOMPARE(venue.count("/v5/order/create"), 0);
        QVERIFY(run.out.isEmpty());
    }

    void reportsVenueRejectionVerbatim()
    {
        FakeBybit venue;
        venue.create = FakeBybit::Create::Reject;
        const CliRun run = place(venue, {"--price", "65000.1", "--qty", "0.01"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("ab not enough for new order"), run.err.constData());
        const QJsonObject printed = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(printed.value("outcome").toString(), QStringLiteral("rejected"));
        QCOMPARE(printed.value("code").toString(), QStringLiteral("110007"));
        QCOMPARE(printed.value("message").toString(), QStringLiteral("ab not enough for new order"));
        QCOMPARE(venue.count("/v5/order/create"), 1);
    }

    void reportsPostOnlyCancelledAtOnce()
    {
        FakeBybit venue;
        venue.create = FakeBybit::Create::CancelPostOnly;
        const CliRun run = place(venue, {"--price", "65000.1", "--qty", "0.01", "--tif", "post-only"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("EC_PostOnlyWillTakeLiquidity"), run.err.constData());
        const QJsonObject printed = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(printed.value("status").toString(), QStringLiteral("cancelled"));
        QCOMPARE(printed.value("reason").toString(), QStringLiteral("EC_PostOnlyWillTakeLiquidity"));
        QCOMPARE(printed.value("orderId").toString(), QStringLiteral("ord-1"));
        QCOMPARE(QJsonDocument::fromJson(lastBody(venue, "/v5/order/create"))
                     .object()
                     .value("timeInForce")
                     .toString(),
                 QStringLiteral("PostOnly"));
    }

    void lostReplyIsLookedUpNotResent_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("taken, connection closed") << int(FakeBybit::Create::AcceptAndDrop) << 0;
        QTest::newRow("taken, reply later than the timeout") << int(FakeBybit::Create::AcceptAndHold) << 0;
        QTest::newRow("lost, connection closed") << int(FakeBybit::Create::LoseAndDrop) << 3;
    }
    void lostReplyIsLookedUpNotResent()
    {
        QFETCH(int, mode);
        QFETCH(int, exitCode);
        FakeBybit venue;
        venue.create = FakeBybit::Create(mode);
        const CliRun run = place(
            venue, {"--price", "65000.1", "--qty", "0.01", "--timeout", "1500", "--client-id", "bt-lost-1"});
        QCOMPARE(run.exitCode, exitCode);
        // Qt 6.4's HTTP channel resends a request whose connection closed before the reply; RestClient
        // sends bodies Qt cannot rewind, so the create goes on the wire exactly once.
        QCOMPARE(venue.count("/v5/order/create"), 1);
        QCOMPARE(venue.orders.size(), qsizetype(exitCode == 0 ? 1 : 0));
        QVERIFY2(venue.signatureFailures.isEmpty(), qPrintable(venue.signatureFailures.join(", ")));
        // Looked up by the client order id, after the one create.
        int createAt = -1, lookupAt = -1;
        for (int i = 0; i < venue.requests.size(); ++i) {
            const auto& r = venue.requests[i];
            if (r.path == QLatin1String("/v5/order/create"))
                createAt = i;
            else if (lookupAt < 0 && r.path == QLatin1String("/v5/order/realtime") &&
                     r.target.contains("orderLinkId=bt-lost-1"))
                lookupAt = i;
        }
        QVERIFY(createAt >= 0);
        QVERIFY2(lookupAt > createAt, "no lookup by orderLinkId after the create");
        const QJsonObject printed = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(printed.value("clientOrderId").toString(), QStringLiteral("bt-lost-1"));
        QCOMPARE(printed.value("replyLost").toBool(), true);
        if (exitCode == 0) {
            QCOMPARE(printed.value("orderId").toString(), QStringLiteral("ord-1"));
            QCOMPARE(printed.value("status").toString(), QStringLiteral("new"));
        } else {
            QCOMPARE(printed.value("outcome").toString(), QStringLiteral("unknown"));
            QVERIFY(venue.count("/v5/order/history") >= 1);
            QVERIFY2(run.err.contains("bt-lost-1"), run.err.constData());
        }
    }

    void cancelsByClientIdAndListsOpenOrders()
    {
        FakeBybit venue;
        QCOMPARE(place(venue, {"--price", "65000.1", "--qty", "0.01", "--client-id", "bt-a"}).exitCode, 0);
        QCOMPARE(place(venue, {"--price", "64000", "--qty", "0.02", "--client-id", "bt-b"}).exitCode, 0);

        CliRun listed = cli({"list", "bybit", "--symbol", "BTCUSDT", "--base-url", venue.baseUrl()}, venue);
        QCOMPARE(listed.exitCode, 0);
        QList<QByteArray> lines = listed.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);

        const CliRun cancelled = cli(
            {"cancel", "bybit", "--symbol", "BTCUSDT", "--client-id", "bt-a", "--base-url", venue.baseUrl()},
            venue);
        QCOMPARE(cancelled.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(cancelled.out).object().value("clientOrderId").toString(),
                 QStringLiteral("bt-a"));
        QCOMPARE(QJsonDocument::fromJson(lastBody(venue, "/v5/order/cancel"))
                     .object()
                     .value("orderLinkId")
                     .toString(),
                 QStringLiteral("bt-a"));

        listed = cli({"list", "bybit", "--symbol", "BTCUSDT", "--base-url", venue.baseUrl()}, venue);
        lines = listed.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(lines.first()).object().value("clientOrderId").toString(),
                 QStringLiteral("bt-b"));

        const CliRun missing = cli({"cancel", "bybit", "--symbol", "BTCUSDT", "--client-id", "bt-zzz",
                                    "--base-url", venue.baseUrl()},
                                   venue);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("order not exists or too late to cancel"), missing.err.constData());
        QVERIFY(venue.signatureFailures.isEmpty());
    }

private:
    static QByteArray lastBody(const FakeBybit& venue, const char* path)
    {
        for (qsizetype i = venue.requests.size() - 1; i >= 0; --i) {
            if (venue.requests[i].path == QLatin1String(path))
                return venue.requests[i].body;
        }
        return {};
    }

    CliRun place(FakeBybit& venue, const QStringList& extra)
    {
        return cli(QStringList{"place", "bybit", "--symbol", "BTCUSDT", "--side", "buy", "--type", "limit",
                               "--base-url", venue.baseUrl()} +
                       extra,
                   venue);
    }

    // Runs the command while this test's event loop serves the loopback venue.
    CliRun cli(const QStringList& args, FakeBybit&)
    {
        QProcessEnvironment env = isolatedCliEnvironment(m_home);
        env.insert(QStringLiteral("BOTTERM_BYBIT_KEY"), kKey);
        env.insert(QStringLiteral("BOTTERM_BYBIT_SECRET"), QString::fromLatin1(kSecret));
        return runCli(QStringList{QStringLiteral("order")} + args, env);
    }

    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestOrderCommand)
#include "tst_ordercommand.moc"
