// The signed REST path against loopback venues that verify signatures and timestamps the way each
// venue does (tests/support/venueverifier.*): acceptance, verbatim venue errors, clock offset and
// resync, Retry-After, cancel priority, nonces, unsigned unknown hosts, HTTP-200 errors.

#include "exchanges/core/noncestore.h"
#include "exchanges/core/ratelimiter.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/venuerest.h"
#include "support/loopbackhttpserver.h"
#include "support/venueverifier.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>
#include <optional>

namespace {

using Reply = SignedRestClient::Reply;

QString keyFor(const QString& venue)
{
    return QStringLiteral("key-") + venue;
}
QByteArray secretFor(const QString& venue)
{
    return QByteArray("S3cret+for/") + venue.toUtf8() + "=x9Qv";
}
QByteArray passphraseFor(const QString& venue)
{
    return venue == QLatin1String("okx") ? QByteArray("pass phrase!") : QByteArray();
}

// A client with its own nonce file, answering every credentials request with one key.
struct Harness
{
    QTemporaryDir dir;
    QNetworkAccessManager network;
    std::shared_ptr<NonceStore> nonces;
    SignedRestClient client{&network};
    int credentialRequests = 0;
    QByteArray secret;

    explicit Harness(const QString& venue, QByteArray useSecret = {})
        : secret(useSecret.isEmpty() ? secretFor(venue) : useSecret)
    {
        nonces = std::make_shared<NonceStore>(dir.filePath(QStringLiteral("nonces.json")));
        client.setNonceStore(nonces);
        client.setClockSyncInterval(0);
        client.setTimeout(std::chrono::milliseconds(10'000));
        client.setCredentialsProvider(
            [this](const QString& name, Environment, const SignedRestClient::CredentialsCallback& done) {
                ++credentialRequests;
                done(Credentials(keyFor(name), secret, passphraseFor(name)));
            });
    }
};

SignedRequest readRequest(const VenueVerifier& venue)
{
    SignedRequest request;
    request.method = "GET";
    request.url = venue.baseUrl();
    request.url.setPath(venue.readPath());
    request.query = venue.readQuery();
    request.venue = venue.venue();
    return request;
}

SignedRequest orderRequest(const VenueVerifier& venue)
{
    SignedRequest request;
    request.method = "POST";
    request.url = venue.baseUrl();
    request.url.setPath(venue.orderPath());
    request.params = venue.orderParams();
    request.venue = venue.venue();
    return request;
}

std::optional<Reply> call(SignedRestClient& client, const SignedRequest& request, int timeoutMs = 15'000)
{
    std::optional<Reply> result;
    client.send(request, [&result](const Reply& reply) { result = reply; });
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs);
    return result;
}

QString describe(const std::optional<Reply>& reply)
{
    if (!reply)
        return QStringLiteral("no reply");
    if (*reply)
        return QString::fromUtf8(reply->value().toJson(QJsonDocument::Compact));
    return reply->error().toString();
}

bool isVerified(const std::optional<Reply>& reply)
{
    return reply && *reply && reply->value().toJson(QJsonDocument::Compact).contains("\"verified\":true");
}

void addVenueRows()
{
    QTest::addColumn<QString>("venue");
    for (const QString& venue : VenueVerifier::liveVenues())
        QTest::newRow(qPrintable(venue)) << venue;
}

} // namespace

class TestSignedRest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signedGetAndPostAreAccepted_data() { addVenueRows(); }
    void signedGetAndPostAreAccepted();
    void wrongSecretIsReportedVerbatim_data() { addVenueRows(); }
    void wrongSecretIsReportedVerbatim();
    void serverClockAheadFromTheStartIsApplied_data() { addVenueRows(); }
    void serverClockAheadFromTheStartIsApplied();
    void timestampRejectionResyncsOnceAndIsNotResent_data() { addVenueRows(); }
    void timestampRejectionResyncsOnceAndIsNotResent();
    void retryAfterIsHonouredLocally_data() { addVenueRows(); }
    void retryAfterIsHonouredLocally();
    void venueErrorsInHttp200AreErrors_data();
    void venueErrorsInHttp200AreErrors();
    void limiterLetsACancelOvertakeQueuedRequests();
    void cancelOvertakesABurstOnTheWire();
    void limiterFollowsTheVenuesUsedWeight();
    void noncesIncreaseAcrossABurstOfAHundred();
    void noncesIncreaseAcrossARestart();
    void unknownHostGetsNoKeyHeader();
    void everyErrorReplyCarriesAMessage();
    void hugeRetryAfterIsClamped();
};

void TestSignedRest::signedGetAndPostAreAccepted()
{
    QFETCH(QString, venue);
    VenueVerifier server(venue, keyFor(venue), secretFor(venue), passphraseFor(venue));
    Harness harness(venue);

    const auto get = call(harness.client, readRequest(server));
    QVERIFY2(isVerified(get), qPrintable(describe(get) + QLatin1Char(' ') + server.rejections().join(',')));
    const auto post = call(harness.client, orderRequest(server));
    QVERIFY2(isVerified(post), qPrintable(describe(post) + QLatin1Char(' ') + server.rejections().join(',')));

    QCOMPARE(server.accepted(), 2);
    QCOMPARE(server.privateRequests().size(), 2);
    QCOMPARE(server.privateRequests().at(0).method, QByteArray("GET"));
    QCOMPARE(server.privateRequests().at(1).method, QByteArray("POST"));
    QVERIFY(!server.privateRequests().at(1).body.isEmpty());
    QCOMPARE(harness.credentialRequests, 2);
    // The clock is measured once, before the first signed request (Coincheck signs no time).
    QCOMPARE(server.timeRequests(), server.checksTime() ? 1 : 0);
}

void TestSignedRest::wrongSecretIsReportedVerbatim()
{
    QFETCH(QString, venue);
    VenueVerifier server(venue, keyFor(venue), secretFor(venue), passphraseFor(venue));
    Harness harness(venue, "not-the-secret");

    const auto reply = call(harness.client, orderRequest(server));
    QVERIFY(reply);
    QVERIFY2(!*reply, qPrintable(describe(reply)));
    QCOMPARE(server.lastRejectionReason(), QStringLiteral("bad signature"));
    const RestError& error = reply->error();
    const VenueVerifier::Expected sent = server.lastRejection();
    QCOMPARE(error.kind, RestError::Kind::Venue);
    QCOMPARE(error.httpStatus, sent.httpStatus);
    QCOMPARE(error.venueCode, sent.code);
    QCOMPARE(error.message, sent.message);
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(server.privateRequests().size(), 1); // reported, not retried
}

void TestSignedRest::serverClockAheadFromTheStartIsApplied()
{
    QFETCH(QString, venue);
    VenueVerifier server(venue, keyFor(venue), secretFor(venue), passphraseFor(venue));
    server.setClockSkewMs(120'000);
    Harness harness(venue);

    const auto reply = call(harness.client, orderRequest(server));
    QVERIFY2(isVerified(reply),
             qPrintable(describe(reply) + QLatin1Char(' ') + server.rejections().join(',')));
    const qint64 offset = harness.client.clockOffsetMs(server.baseUrl(), venue);
    if (server.checksTime()) {
        // Venues read through the Date header are known to the second.
        QVERIFY2(offset > 118'500 && offset < 121'000, qPrintable(QString::number(offset)));
    } else {
        QCOMPARE(offset, 0);
    }
}

void TestSignedRest::timestampRejectionResyncsOnceAndIsNotResent()
{
    QFETCH(QString, venue);
    VenueVerifier server(venue, keyFor(venue), secretFor(venue), passphraseFor(venue));
    Harness harness(venue);
    QSignalSpy synced(&harness.client, &SignedRestClient::clockSynced);
    QSignalSpy rejected(&harness.client, &SignedRestClient::timestampRejected);

    QVERIFY(isVerified(call(harness.client, readRequest(server))));
    const int timeRequestsAtStart = server.timeRequests();

    server.setClockSkewMs(120'000); // the venue's clock moves two minutes ahead
    const auto stale = call(harness.client, orderRequest(server));
    QVERIFY(stale);
    if (!server.checksTime()) {
        // Coincheck signs a nonce, not the time: the skew does not matter.
        QVERIFY2(isVerified(stale), qPrintable(describe(stale)));
        QCOMPARE(server.timeRequests(), 0);
        return;
    }
    QVERIFY2(!*stale, qPrintable(describe(stale)));
    const RestError& error = stale->error();
    QCOMPARE(server.lastRejectionReason(), QStringLiteral("stale timestamp"));
    QCOMPARE(error.kind, RestError::Kind::Timestamp);
    QCOMPARE(error.httpStatus, server.lastRejection().httpStatus);
    QCOMPARE(error.venueCode, server.lastRejection().code);
    QCOMPARE(error.message, server.lastRejection().message);
    QCOMPARE(rejected.size(), 1);

    // One resync, and the rejected order is not sent again.
    QTRY_COMPARE_WITH_TIMEOUT(server.timeRequests(), timeRequestsAtStart + 1, 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty() && synced.last().at(1).toLongLong() > 118'000, 10'000);
    QCOMPARE(server.privateRequests().size(), 2);

    const auto next = call(harness.client, orderRequest(server));
    QVERIFY2(isVerified(next), qPrintable(describe(next) + QLatin1Char(' ') + server.rejections().join(',')));
    QCOMPARE(server.privateRequests().size(), 3);
    QCOMPARE(server.timeRequests(), timeRequestsAtStart + 1);
}

void TestSignedRest::retryAfterIsHonouredLocally()
{
    QFETCH(QString, venue);
    VenueVerifier server(venue, keyFor(venue), secretFor(venue), passphraseFor(venue));
    Harness harness(venue);

    server.rateLimitNext(2);
    const auto limited = call(harness.client, readRequest(server));
    QVERIFY(limited && !*limited);
    const RestError& error = limited->error();
    QCOMPARE(error.kind, RestError::Kind::RateLimited);
    QCOMPARE(error.httpStatus, 429);
    QCOMPARE(error.retryAfterMs, 2000);
    if (venue != QLatin1String("coincheck"))
        QVERIFY2(!error.venueCode.isEmpty(), qPrintable(error.toString()));
    QCOMPARE(server.privateRequests().size(), 1);

    // Within the window the client refuses by itself: the server sees nothing more.
    const auto refused = call(harness.client, orderRequest(server));
    QVERIFY(refused && !*refused);
    QCOMPARE(refused->error().kind, RestError::Kind::RateLimited);
    QCOMPARE(refused->error().httpStatus, 0);
    QVERIFY(refused->error().retryAfterMs > 0 && refused->error().retryAfterMs <= 2000);
    QCOMPARE(server.privateRequests().size(), 1);
}

void TestSignedRest::venueErrorsInHttp200AreErrors_data()
{
    QTest::addColumn<QString>("venue");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("gmocoin status 1")
        << "gmocoin"
        << QByteArray(
               R"({"status":1,"messages":[{"message_code":"ERR-201","message_string":"Insufficient funds."}],)"
               R"("responsetime":"2026-08-01T00:00:00.000Z"})")
        << "ERR-201"
        << "Insufficient funds.";
    QTest::newRow("bitbank success 0")
        << "bitbank" << QByteArray(R"({"success":0,"data":{"code":60001}})") << "60001"
        << "60001 Insufficient amount.";
    QTest::newRow("okx code 51000") << "okx"
                                    << QByteArray(R"({"code":"51000","msg":"Parameter sz error","data":[]})")
                                    << "51000"
                                    << "Parameter sz error";
    QTest::newRow("okx item sCode")
        << "okx"
        << QByteArray(
               R"({"code":"1","msg":"All operations failed","data":[{"sCode":"51008","sMsg":"Order failed. Insufficient USDT balance in account."}]})")
        << "51008"
        << "Order failed. Insufficient USDT balance in account.";
    QTest::newRow("bybit retCode 10001")
        << "bybit"
        << QByteArray(
               R"({"retCode":10001,"retMsg":"params error: symbol invalid","result":{},"retExtInfo":{},"time":1})")
        << "10001"
        << "params error: symbol invalid";
    QTest::newRow("phemex code")
        << "phemex" << QByteArray(R"({"code":11001,"msg":"TE_NO_ENOUGH_AVAILABLE_BALANCE","data":null})")
        << "11001"
        << "TE_NO_ENOUGH_AVAILABLE_BALANCE";
    QTest::newRow("coincheck success false")
        << "coincheck" << QByteArray(R"({"success":false,"error":"Amount is too small"})") << ""
        << "Amount is too small";
}

void TestSignedRest::venueErrorsInHttp200AreErrors()
{
    QFETCH(QString, venue);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    VenueVerifier server(venue, keyFor(venue), secretFor(venue), passphraseFor(venue));
    Harness harness(venue);
    server.answerNextWith(200, body);

    const auto reply = call(harness.client, orderRequest(server));
    QVERIFY(reply);
    QVERIFY2(!*reply, qPrintable(describe(reply)));
    QCOMPARE(reply->error().kind, RestError::Kind::Venue);
    QCOMPARE(reply->error().httpStatus, 200);
    QCOMPARE(reply->error().venueCode, code);
    QCOMPARE(reply->error().message, message);
}

void TestSignedRest::limiterLetsACancelOvertakeQueuedRequests()
{
    RateLimiter limiter({{QStringLiteral("requests"), 10, 3'000}}); // one unit back every 300 ms
    QStringList granted;
    for (int i = 0; i < 20; ++i)
        limiter.acquire(RateLimiter::Priority::Normal, {{QStringLiteral("requests"), 1}},
                        [&granted, i] { granted.append(QStringLiteral("n%1").arg(i)); });
    // Normal traffic stops short of the reserve; the rest queues.
    QTRY_COMPARE_WITH_TIMEOUT(granted.size(), 9, 5'000);
    QCOMPARE(limiter.waiting(), 11);
    limiter.acquire(RateLimiter::Priority::Cancel, {{QStringLiteral("requests"), 1}},
                    [&granted] { granted.append(QStringLiteral("cancel")); });
    QTRY_VERIFY_WITH_TIMEOUT(granted.contains(QStringLiteral("cancel")), 5'000);
    QCOMPARE(granted.indexOf(QStringLiteral("cancel")), 9); // ahead of the 11 queued before it
    QTRY_COMPARE_WITH_TIMEOUT(granted.size(), 21, 15'000);
    for (int i = 0; i < 20; ++i) // the others keep their order
        QCOMPARE(granted.at(i < 9 ? i : i + 1), QStringLiteral("n%1").arg(i));
}

void TestSignedRest::cancelOvertakesABurstOnTheWire()
{
    VenueVerifier server(QStringLiteral("bybit"), keyFor(QStringLiteral("bybit")),
                         secretFor(QStringLiteral("bybit")));
    Harness harness(QStringLiteral("bybit"));
    harness.client.setRateBudgets(QStringLiteral("bybit"), {{QStringLiteral("requests"), 3, 1'000}});
    int done = 0;
    for (int i = 0; i < 8; ++i)
        harness.client.send(readRequest(server), [&done](const Reply&) { ++done; });
    SignedRequest cancel;
    cancel.method = "POST";
    cancel.url = server.baseUrl();
    cancel.url.setPath(QStringLiteral("/v5/order/cancel")); // recognised as a cancel by its path
    cancel.params = {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"orderLinkId", "x1"}};
    cancel.venue = QStringLiteral("bybit");
    harness.client.send(cancel, [&done](const Reply&) { ++done; });

    QTRY_COMPARE_WITH_TIMEOUT(done, 9, 15'000);
    QCOMPARE(server.accepted(), 9);
    qsizetype cancelAt = -1;
    for (qsizetype i = 0; i < server.privateRequests().size(); ++i) {
        if (server.privateRequests().at(i).url.path() == QLatin1String("/v5/order/cancel"))
            cancelAt = i;
    }
    // Sent last, served among the first: at most the normal requests the budget let through at once.
    QVERIFY2(cancelAt >= 0 && cancelAt <= 2, qPrintable(QString::number(cancelAt)));
}

void TestSignedRest::limiterFollowsTheVenuesUsedWeight()
{
    RateLimiter limiter({{QStringLiteral("weight"), 6000, 60'000}});
    QVERIFY(limiter.available(QStringLiteral("weight")) > 5999);
    limiter.observeUsed(QStringLiteral("weight"), 5990); // X-MBX-USED-WEIGHT-1M
    QVERIFY(limiter.available(QStringLiteral("weight")) < 11);
    limiter.observeRemaining(QStringLiteral("weight"), 0, 60'000);
    int granted = 0;
    limiter.acquire(RateLimiter::Priority::Cancel, {{QStringLiteral("weight"), 1}},
                    [&granted] { ++granted; });
    for (int i = 0; i < 5; ++i) // nothing may be granted while the venue says the budget is spent
        QCoreApplication::processEvents();
    QCOMPARE(granted, 0);
    QCOMPARE(limiter.waiting(), 1);
}

void TestSignedRest::noncesIncreaseAcrossABurstOfAHundred()
{
    const QString venue = QStringLiteral("coincheck");
    VenueVerifier server(venue, keyFor(venue), secretFor(venue));
    Harness harness(venue);
    harness.client.setRateBudgets(venue, {{QStringLiteral("requests"), 1000, 1'000}});
    int ok = 0;
    int failed = 0;
    for (int i = 0; i < 100; ++i)
        harness.client.send(i % 2 ? orderRequest(server) : readRequest(server),
                            [&](const Reply& reply) { reply ? ++ok : ++failed; });
    QTRY_COMPARE_WITH_TIMEOUT(ok + failed, 100, 30'000);
    QVERIFY2(failed == 0, qPrintable(server.rejections().join(QLatin1Char(','))));
    const QList<qint64> nonces = server.nonces();
    QCOMPARE(nonces.size(), 100);
    for (qsizetype i = 1; i < nonces.size(); ++i)
        QVERIFY2(nonces.at(i) > nonces.at(i - 1),
                 qPrintable(QStringLiteral("nonce %1 not above %2").arg(nonces.at(i)).arg(nonces.at(i - 1))));
}

void TestSignedRest::noncesIncreaseAcrossARestart()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("sub/nonces.json"));
    qint64 last = 0;
    {
        NonceStore store(file);
        const qint64 farFuture = QDateTime::currentMSecsSinceEpoch() + 3'600'000;
        for (int i = 0; i < 5; ++i) {
            const qint64 nonce = store.next(QStringLiteral("coincheck"), QStringLiteral("key-a"), farFuture);
            QVERIFY(nonce > last);
            last = nonce;
        }
        QCOMPARE(last, farFuture + 4); // a burst within one millisecond still increases
    }
    NonceStore restarted(file); // the clock now reads an hour earlier than the last nonce
    QCOMPARE(restarted.next(QStringLiteral("coincheck"), QStringLiteral("key-a")), last + 1);
    // Another key starts from the clock.
    QVERIFY(restarted.next(QStringLiteral("coincheck"), QStringLiteral("key-b")) < last);

    // Through the client: a fresh client on the same file continues above the earlier nonces.
    const QString venue = QStringLiteral("coincheck");
    VenueVerifier server(venue, keyFor(venue), secretFor(venue));
    Harness first(venue);
    auto store = std::make_shared<NonceStore>(file);
    first.client.setNonceStore(store);
    const qint64 ahead = store->next(venue, keyFor(venue), QDateTime::currentMSecsSinceEpoch() + 600'000);
    QVERIFY(isVerified(call(first.client, readRequest(server))));
    Harness second(venue);
    second.client.setNonceStore(std::make_shared<NonceStore>(file));
    QVERIFY(isVerified(call(second.client, readRequest(server))));
    QCOMPARE(server.nonces(), (QList<qint64>{ahead + 1, ahead + 2}));

    // The file names no key and no secret.
    QFile nonceFile(file);
    QVERIFY(nonceFile.open(QIODevice::ReadOnly));
    const QByteArray content = nonceFile.readAll();
    QVERIFY(!content.contains("key-a"));
    QVERIFY(!content.contains(keyFor(venue).toUtf8()));
    QVERIFY(!content.contains(secretFor(venue)));
}

void TestSignedRest::unknownHostGetsNoKeyHeader()
{
    LoopbackHttpServer server;
    server.json(QStringLiteral("/v5/order/realtime"), R"({"plain":true})");
    Harness harness(QStringLiteral("bybit"));
    SignedRequest request;
    request.url = server.baseUrl();
    request.url.setPath(QStringLiteral("/v5/order/realtime"));
    request.query = {{QStringLiteral("category"), QStringLiteral("linear")}};
    const auto reply = call(harness.client, request);
    QVERIFY2(reply && *reply, qPrintable(describe(reply)));
    QCOMPARE(reply->value().object().value(QLatin1String("plain")).toBool(), true);
    QCOMPARE(harness.credentialRequests, 0);
    QCOMPARE(server.requests().size(), 1);
    const auto headers = server.requests().first().headers;
    for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
        const QByteArray name = it.key();
        QVERIFY2(!name.contains("key") && !name.contains("sign") && !name.contains("access") &&
                     !name.contains("api-") && !name.contains("x-bapi") && !name.contains("x-mbx") &&
                     !name.contains("phemex") && !name.contains("nonce"),
                 name.constData());
        QVERIFY(!it.value().contains(keyFor(QStringLiteral("bybit")).toUtf8()));
    }
    QCOMPARE(server.requests().first().target, QByteArray("/v5/order/realtime?category=linear"));
}

// Found by fuzz/fuzz_rest_error: a 429/418 without a body, and a venue error without text in an HTTP
// 200 reply, became errors with an empty message ("Cancel failed: " and nothing more).
void TestSignedRest::everyErrorReplyCarriesAMessage()
{
    const auto check = VenueRestPolicy::forVenue(QStringLiteral("bybit")).replyError;
    RestClient::RawReply limited;
    limited.httpStatus = 418;
    const auto teapot = RestClient::interpret(limited, check);
    QVERIFY(!teapot);
    QCOMPARE(teapot.error().kind, RestError::Kind::RateLimited);
    QCOMPARE(teapot.error().message, QStringLiteral("HTTP 418 with an empty body"));

    RestClient::RawReply silent;
    silent.httpStatus = 200;
    silent.body = R"({"retCode":10001})";
    const auto venue = RestClient::interpret(silent, check);
    QVERIFY(!venue);
    QCOMPARE(venue.error().kind, RestError::Kind::Venue);
    QCOMPARE(venue.error().venueCode, QStringLiteral("10001"));
    QCOMPARE(venue.error().message, QStringLiteral(R"({"retCode":10001})"));
}

// Found by fuzz/fuzz_rest_error: Retry-After seconds × 1000 overflowed for a huge value.
void TestSignedRest::hugeRetryAfterIsClamped()
{
    constexpr int maxMs = std::numeric_limits<int>::max();
    QCOMPARE(RestClient::retryAfterMs("9223372036854775807", 0), maxMs);
    QCOMPARE(RestClient::retryAfterMs("2147484", 0), maxMs);
    QCOMPARE(RestClient::retryAfterMs("2147483", 0), 2'147'483'000);
    QCOMPARE(RestClient::retryAfterMs("-5", 0), -1);
}

QTEST_GUILESS_MAIN(TestSignedRest)
#include "tst_signedrest.moc"
