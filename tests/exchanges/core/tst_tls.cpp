#include "exchanges/core/httpconnection.h"
#include "exchanges/core/restclient.h"
#include "exchanges/core/signer.h"
#include "exchanges/core/streamclient.h"
#include "exchanges/core/streamprotocol.h"
#include "support/testpki.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>
#include <optional>

using namespace std::chrono_literals;

namespace {

// The server identities a test can put on a loopback server.
enum class Identity
{
    Valid,      // 127.0.0.1 / localhost, signed by the test CA
    SelfSigned, // 127.0.0.1 / localhost, signed by itself
    Expired,    // 127.0.0.1 / localhost, signed by the test CA, validity ended yesterday
    WrongHost,  // example.invalid only, signed by the test CA
};

QSslConfiguration serverConfiguration(const testpki::TlsIdentity& identity)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(identity.certificate);
    configuration.setPrivateKey(identity.key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
    return configuration;
}

const QByteArray kJsonBody = R"({"retCode":0,"result":{"timeSecond":"1700000000"}})";
const QByteArray kFrame = R"({"topic":"tickers.BTCUSDT","data":{"lastPrice":"42000.5"}})";

// HTTPS on 127.0.0.1: answers every complete request with HTTP/1.1 200 and a small JSON body.
class HttpsServer final : public QObject
{
    Q_OBJECT

public:
    explicit HttpsServer(const testpki::TlsIdentity& identity)
    {
        m_server.setSslConfiguration(serverConfiguration(identity));
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpsServer::accept);
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl baseUrl() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort())); }
    int requestsServed() const { return m_requestsServed; }

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            read(socket); // the request may have come with the handshake's last flight
        }
    }

    void read(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        buffer.clear();
        ++m_requestsServed;
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(kJsonBody.size()) + "\r\nConnection: close\r\n\r\n" + kJsonBody);
        socket->disconnectFromHost();
    }

    QSslServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    int m_requestsServed = 0;
};

// WSS on 127.0.0.1: sends one frame to every client whose handshake completed.
class WssServer final : public QObject
{
    Q_OBJECT

public:
    explicit WssServer(const testpki::TlsIdentity& identity)
        : m_server(QStringLiteral("botterm TLS test"), QWebSocketServer::SecureMode)
    {
        m_server.setSslConfiguration(serverConfiguration(identity));
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket* socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                ++m_connections;
                socket->sendTextMessage(QString::fromUtf8(kFrame));
            }
        });
    }

    ~WssServer() override { qDeleteAll(findChildren<QWebSocket*>()); }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("wss://127.0.0.1:%1/stream").arg(m_server.serverPort())); }
    int connections() const { return m_connections; }

private:
    QWebSocketServer m_server;
    int m_connections = 0;
};

// No subscriptions, no heartbeat: the only frame is the server's.
class SilentProtocol final : public StreamProtocol
{
public:
    QList<QByteArray> subscribeMessages(const QStringList&) const override { return {}; }
    QList<QByteArray> unsubscribeMessages(const QStringList&) const override { return {}; }
    QByteArray pingMessage() const override { return {}; }
    std::chrono::milliseconds pingInterval() const override { return 0ms; }
    bool isPong(QByteArrayView) const override { return false; }
};

StreamClient::Options streamOptions(const QList<QSslCertificate>& extraCaCertificates)
{
    StreamClient::Options options;
    options.initialBackoff = 100ms;
    options.maxBackoff = 500ms;
    options.deadAfter = 10'000ms;
    options.extraCaCertificates = extraCaCertificates;
    return options;
}

// Every file under root/dirs whose text contains one of needles, as "path: needle".
QStringList filesContaining(const QString& root, const QStringList& dirs, const QList<QByteArray>& needles,
                            int* scanned)
{
    QStringList hits;
    for (const QString& dir : dirs) {
        QDirIterator it(root + QLatin1Char('/') + dir,
                        {QStringLiteral("*.h"), QStringLiteral("*.hpp"), QStringLiteral("*.cpp"),
                         QStringLiteral("*.cc"), QStringLiteral("*.cxx"), QStringLiteral("*.mm")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                hits.append(path + QStringLiteral(": unreadable"));
                continue;
            }
            ++*scanned;
            const QByteArray text = file.readAll();
            for (const QByteArray& needle : needles) {
                if (text.contains(needle))
                    hits.append(QDir(root).relativeFilePath(path) + QStringLiteral(": ") +
                                QString::fromLatin1(needle));
            }
        }
    }
    return hits;
}

// Ways to accept a certificate the peer could not prove: none may appear in the application.
const QList<QByteArray> kVerificationBypasses = {"ignoreSslErrors", "VerifyNone", "QueryPeer"};

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private:
    testpki::TestCa m_ca;
    testpki::TlsIdentity m_valid;
    testpki::TlsIdentity m_selfSigned;
    testpki::TlsIdentity m_expired;
    testpki::TlsIdentity m_wrongHost;

    const testpki::TlsIdentity& identity(Identity which) const
    {
        switch (which) {
        case Identity::Valid:
            return m_valid;
        case Identity::SelfSigned:
            return m_selfSigned;
        case Identity::Expired:
            return m_expired;
        case Identity::WrongHost:
            break;
        }
        return m_wrongHost;
    }

    static void addRejectionRows()
    {
        QTest::addColumn<int>("identity");
        QTest::addColumn<bool>("trustTestCa");
        QTest::addColumn<int>("expectedError");
        QTest::newRow("self-signed") << int(Identity::SelfSigned) << true
                                     << int(QSslError::SelfSignedCertificate);
        QTest::newRow("expired") << int(Identity::Expired) << true << int(QSslError::CertificateExpired);
        QTest::newRow("wrong host") << int(Identity::WrongHost) << true << int(QSslError::HostNameMismatch);
        QTest::newRow("untrusted issuer")
            << int(Identity::Valid) << false << int(QSslError::UnableToGetLocalIssuerCertificate);
    }

    QList<QSslCertificate> trusted(bool trustTestCa) const
    {
        return trustTestCa ? QList<QSslCertificate>{m_ca.certificate()} : QList<QSslCertificate>{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QVERIFY(!m_ca.isNull());
        m_valid = m_ca.localhostIdentity();
        m_expired = m_ca.expiredIdentity();
        m_wrongHost = m_ca.wrongHostIdentity();
        m_selfSigned = testpki::makeSelfSignedIdentity();
        QVERIFY(!m_valid.isNull());
        QVERIFY(!m_expired.isNull());
        QVERIFY(!m_wrongHost.isNull());
        QVERIFY(!m_selfSigned.isNull());
        QCOMPARE(m_valid.certificate.issuerDisplayName(), m_ca.certificate().subjectDisplayName());
        QVERIFY(m_expired.certificate.expiryDate() < QDateTime::currentDateTimeUtc());
        QVERIFY(m_selfSigned.certificate.isSelfSigned());
    }

    void trustingExtraCasKeepsTheSystemCasAndVerification()
    {
        const QSslConfiguration configuration = tlsConfigurationTrusting({m_ca.certificate()});
        const QList<QSslCertificate> cas = configuration.caCertificates();
        QVERIFY(cas.contains(m_ca.certificate()));
        const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
        for (const QSslCertificate& certificate : system)
            QVERIFY2(cas.contains(certificate), qPrintable(certificate.subjectDisplayName()));
        QCOMPARE(configuration.peerVerifyMode(), QSslSocket::VerifyPeer);
    }

    void restAcceptsCertificateFromTrustedCa()
    {
        HttpsServer server(m_valid);
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        RestClient client(&network);
        client.setBaseUrl(server.baseUrl());
        client.setExtraCaCertificates({m_ca.certificate()});
        QCOMPARE(client.extraCaCertificates(), QList<QSslCertificate>{m_ca.certificate()});
        std::optional<RestClient::Reply> reply;
        client.send(RestRequest{"GET", QStringLiteral("/v5/market/time"), {}, {}, {}, {}},
                    [&reply](const RestClient::Reply& r) { reply = r; });

        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 10'000);
        QVERIFY2(reply->hasValue(), qPrintable(reply->hasValue() ? QString() : reply->error().toString()));
        QCOMPARE(reply->value()
                     .object()
                     .value(QLatin1String("result"))
                     .toObject()
                     .value(QLatin1String("timeSecond")),
                 QJsonValue(QStringLiteral("1700000000")));
        QCOMPARE(server.requestsServed(), 1);
    }

    void restRejectsCertificate_data() { addRejectionRows(); }
    void restRejectsCertificate()
    {
        QFETCH(int, identity);
        QFETCH(bool, trustTestCa);
        QFETCH(int, expectedError);
        HttpsServer server(this->identity(Identity(identity)));
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        RestClient client(&network);
        client.setBaseUrl(server.baseUrl());
        client.setExtraCaCertificates(trusted(trustTestCa));
        std::optional<RestClient::Reply> reply;
        client.send(
            RestRequest{
                "POST", QStringLiteral("/v5/order/create"), {}, R"({"qty":"1"})", "application/json", {}},
            [&reply](const RestClient::Reply& r) { reply = r; });

        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 10'000);
        QVERIFY(!reply->hasValue());
        const RestError& error = reply->error();
        qInfo("RestError: %s", qPrintable(error.toString()));
        QCOMPARE(error.kind, RestError::Kind::Tls);
        const QString reason = QSslError(QSslError::SslError(expectedError)).errorString();
        QVERIFY2(error.message.contains(reason),
                 qPrintable(error.message + QStringLiteral(" lacks ") + reason));
        QCOMPARE(server.requestsServed(), 0); // the request never reached the server
    }

    // The connection kept open for orders (RestClient::keepWarm) is verified like every other: it is
    // used only with a trusted certificate for the right host; otherwise it never opens and the
    // order goes the ordinary way, failing with the certificate problem.
    void keptOpenOrderConnectionIsVerified_data()
    {
        addRejectionRows();
        QTest::newRow("trusted") << int(Identity::Valid) << true << -1;
    }
    void keptOpenOrderConnectionIsVerified()
    {
        QFETCH(int, identity);
        QFETCH(bool, trustTestCa);
        QFETCH(int, expectedError);
        HttpsServer server(this->identity(Identity(identity)));
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        RestClient client(&network);
        client.setExtraCaCertificates(trusted(trustTestCa));
        client.keepWarm(server.baseUrl());
        HttpConnection* connection = client.warmConnection(server.baseUrl());
        QVERIFY(connection);
        QSignalSpy ready(connection, &HttpConnection::ready);
        QSignalSpy failed(connection, &HttpConnection::failed);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 10'000);

        HttpRequest order;
        order.method = "POST";
        order.url = server.baseUrl().resolved(QUrl(QStringLiteral("/v5/order/create")));
        order.body = R"({"qty":"1"})";
        std::optional<RestClient::RawReply> reply;
        client.sendRaw(
            order, [&reply](const RestClient::RawReply& r) { reply = r; }, RestClient::Urgency::Urgent);
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 10'000);
        if (expectedError < 0) {
            QCOMPARE(ready.count(), 1);
            QVERIFY(!reply->transportError);
            QCOMPARE(reply->httpStatus, 200);
            QCOMPARE(connection->connectionsOpened(), 1);
            QCOMPARE(server.requestsServed(), 1);
            return;
        }
        QCOMPARE(ready.count(), 0);
        const QString reason = QSslError(QSslError::SslError(expectedError)).errorString();
        QVERIFY2(failed.first().first().toString().contains(reason),
                 qPrintable(failed.first().first().toString() + QStringLiteral(" lacks ") + reason));
        QCOMPARE(connection->connectionsOpened(), 0);
        QVERIFY(reply->transportError);
        QCOMPARE(reply->transportError->kind, RestError::Kind::Tls);
        QVERIFY(reply->transportError->message.contains(reason));
        QCOMPARE(server.requestsServed(), 0);
    }

    void streamGoesLiveWithCertificateFromTrustedCa()
    {
        WssServer server(m_valid);
        QVERIFY(server.listen());
        SilentProtocol protocol;
        StreamClient client(server.url(), protocol, streamOptions({m_ca.certificate()}));
        QSignalSpy frames(&client, &StreamClient::frameReceived);
        QSignalSpy errors(&client, &StreamClient::errorOccurred);
        client.open();

        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 1, 10'000);
        QCOMPARE(frames.first().first().toByteArray(), kFrame);
        QCOMPARE(client.state(), StreamClient::State::Live);
        QCOMPARE(server.connections(), 1);
        QCOMPARE(errors.size(), 0);
        client.close();
    }

    void streamRejectsCertificate_data() { addRejectionRows(); }
    void streamRejectsCertificate()
    {
        QFETCH(int, identity);
        QFETCH(bool, trustTestCa);
        QFETCH(int, expectedError);
        WssServer server(this->identity(Identity(identity)));
        QVERIFY(server.listen());
        SilentProtocol protocol;
        StreamClient client(server.url(), protocol, streamOptions(trusted(trustTestCa)));
        QSignalSpy frames(&client, &StreamClient::frameReceived);
        QSignalSpy connectedSpy(&client, &StreamClient::connected);
        bool wentLive = false;
        int reconnects = 0;
        connect(&client, &StreamClient::stateChanged, this, [&](StreamClient::State state, int, int) {
            wentLive = wentLive || state == StreamClient::State::Live;
            reconnects += state == StreamClient::State::Reconnecting ? 1 : 0;
        });
        QStringList errors;
        connect(&client, &StreamClient::errorOccurred, this,
                [&errors](const QString& message) { errors.append(message); });
        client.open();

        // Fails, waits, fails again: the rejection holds on every attempt. (A frame ends the wait too,
        // so a client that wrongly accepts fails at once below.)
        QTRY_VERIFY_WITH_TIMEOUT(reconnects >= 2 || !frames.isEmpty(), 10'000);
        client.close();
        qInfo("StreamClient errors: %s", qPrintable(errors.join(QStringLiteral(" | "))));
        const QString reason = QSslError(QSslError::SslError(expectedError)).errorString();
        QVERIFY2(errors.join(QLatin1Char('\n')).contains(reason),
                 qPrintable(errors.join(QStringLiteral(" | ")) + QStringLiteral(" lacks ") + reason));
        QVERIFY(!wentLive);
        QCOMPARE(connectedSpy.size(), 0);
        QCOMPARE(frames.size(), 0);
        QCOMPARE(server.connections(), 0); // no WebSocket handshake completed
    }

    void noSourceBypassesCertificateVerification()
    {
        const QString root = QStringLiteral(BOTTERM_SOURCE_DIR);
        int scanned = 0;
        const QStringList sourceDirs = {QStringLiteral("models"), QStringLiteral("exchanges"),
                                        QStringLiteral("ui"), QStringLiteral("app")};
        const QStringList hits = filesContaining(root, sourceDirs, kVerificationBypasses, &scanned);
        QVERIFY2(scanned > 50, qPrintable(QString::number(scanned))); // the tree was really read
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QStringLiteral(", "))));

        // The scan sees what it looks for: this file names every bypass.
        int scannedTests = 0;
        const QStringList selfHits = filesContaining(root, {QStringLiteral("tests/exchanges/core")},
                                                     kVerificationBypasses, &scannedTests);
        for (const QByteArray& needle : kVerificationBypasses) {
            const QString expected =
                QStringLiteral("tests/exchanges/core/tst_tls.cpp: ") + QString::fromLatin1(needle);
            QVERIFY2(selfHits.contains(expected), qPrintable(selfHits.join(QStringLiteral(", "))));
        }
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
