#include "restclient.h"

#include "httpconnection.h"
#include "signer.h" // HttpRequest

#include <QDateTime>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QSslSocket>
#include <QUrlQuery>

#include <cstring>

#include <limits>
#include <memory>
#include <utility>

QByteArray RestClient::RawReply::header(QByteArrayView name) const
{
    for (const auto& [headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QSslConfiguration tlsConfigurationTrusting(const QList<QSslCertificate>& extraCaCertificates)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    // Setting CA certificates turns off Qt's on-demand loading of the system's, so they are listed
    // here: the extra CAs are trusted in addition to them, never instead.
    QList<QSslCertificate> trusted = configuration.caCertificates();
    trusted += QSslConfiguration::systemCaCertificates();
    for (const QSslCertificate& certificate : extraCaCertificates) {
        if (!certificate.isNull() && !trusted.contains(certificate))
            trusted.append(certificate);
    }
    configuration.setCaCertificates(trusted);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

RestClient::RestClient(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{}

void RestClient::setExtraCaCertificates(const QList<QSslCertificate>& certificates)
{
    m_extraCaCertificates = certificates;
    if (certificates.isEmpty())
        m_tlsConfiguration.reset();
    else
        m_tlsConfiguration = tlsConfigurationTrusting(certificates);
    // Kept-open connections are made again with the new trust.
    const QList<HttpConnection*> warm = std::exchange(m_warm, {});
    for (HttpConnection* connection : warm) {
        keepWarm(connection->origin());
        delete connection;
    }
}

namespace {

QUrl originOf(const QUrl& url)
{
    QUrl origin;
    origin.setScheme(url.scheme().toLower());
    origin.setHost(url.host());
    origin.setPort(
        url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80));
    return origin;
}

} // namespace

void RestClient::keepWarm(const QUrl& origin)
{
    const QUrl key = originOf(origin);
    if (key.host().isEmpty() || warmConnection(key))
        return;
    auto* connection = new HttpConnection(key, m_tlsConfiguration, this);
    m_warm.append(connection);
    connection->open();
}

HttpConnection* RestClient::warmConnection(const QUrl& url) const
{
    const QUrl key = originOf(url);
    for (HttpConnection* connection : m_warm) {
        if (connection->origin() == key)
            return connection;
    }
    return nullptr;
}

QUrl RestClient::urlFor(const RestRequest& request) const
{
    QUrl url = request.baseUrl.isEmpty() ? m_baseUrl : request.baseUrl;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + request.path);
    if (!request.query.isEmpty()) {
        QUrlQuery query;
        query.setQueryItems(request.query);
        url.setQuery(query);
    }
    return url;
}

void RestClient::send(const RestRequest& request, Callback done)
{
    QNetworkRequest req(urlFor(request));
    req.setRawHeader("Accept", "application/json");
    if (!request.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    transmit(
        req, request.method, request.body,
        [check = m_replyCheck, done = std::move(done)](const RawReply& raw) { done(interpret(raw, check)); });
}

void RestClient::sendRaw(const HttpRequest& request, RawCallback done, Urgency urgency)
{
    if (urgency == Urgency::Urgent) {
        if (HttpConnection* connection = warmConnection(request.url); connection && connection->isReady()) {
            connection->send(request, m_timeout, std::move(done));
            return;
        }
    }
    QNetworkRequest req(request.url);
    req.setRawHeader("Accept", "application/json");
    for (const auto& [name, value] : request.headers)
        req.setRawHeader(name, value);
    transmit(req, request.method, request.body, std::move(done));
}

namespace {

// A request body Qt cannot rewind. Qt's HTTP layer sends a request again when the connection closes
// after the request went out but before the answer came, whatever the method: for an order that is a
// second order. With this body the request fails instead (ContentReSendError), and the caller treats
// the outcome as unknown and looks the order up by its client order id.
class OneShotBody final : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data)
        : m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_position + QIODevice::bytesAvailable();
    }
    bool atEnd() const override { return m_position >= m_data.size(); }

protected:
    qint64 readData(char* out, qint64 max) override
    {
        const qint64 n = std::min<qint64>(max, m_data.size() - m_position);
        if (n <= 0)
            return -1;
        std::memcpy(out, m_data.constData() + m_position, static_cast<std::size_t>(n));
        m_position += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

bool isSafeToRepeat(const QByteArray& method)
{
    return method == "GET" || method == "HEAD";
}

} // namespace

void RestClient::transmit(const QNetworkRequest& request, const QByteArray& method, const QByteArray& body,
                          RawCallback done)
{
    QNetworkRequest req(request);
    req.setTransferTimeout(static_cast<int>(m_timeout.count()));
    if (m_tlsConfiguration)
        req.setSslConfiguration(*m_tlsConfiguration);
    const qint64 sentAt = QDateTime::currentMSecsSinceEpoch();
    QNetworkReply* reply = nullptr;
    if (isSafeToRepeat(method)) {
        reply = m_network->sendCustomRequest(req, method, body);
    } else {
        auto* device = new OneShotBody(body);
        req.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        req.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        reply = m_network->sendCustomRequest(req, method, device);
        device->setParent(reply);
    }
    // TLS problems fail the request; they are reported, never ignored. Every certificate problem is
    // kept for the error message, not only the one Qt's error string names.
    auto certificateProblems = std::make_shared<QStringList>();
    connect(reply, &QNetworkReply::sslErrors, this, [certificateProblems](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            certificateProblems->append(error.errorString());
    });
    connect(reply, &QNetworkReply::finished, this,
            [reply, sentAt, certificateProblems, timeoutMs = m_timeout.count(), done = std::move(done)] {
                RawReply raw;
                raw.sentAtMs = sentAt;
                raw.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
                raw.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                raw.body = reply->readAll();
                raw.headers = reply->rawHeaderPairs();
                if (raw.httpStatus == 0) {
                    RestError e;
                    switch (reply->error()) {
                    case QNetworkReply::OperationCanceledError:
                    case QNetworkReply::TimeoutError:
                        e.kind = RestError::Kind::Timeout;
                        e.message =
                            QStringLiteral("no reply within %1 ms; the outcome is unknown").arg(timeoutMs);
                        break;
                    case QNetworkReply::ContentReSendError:
                        e.kind = RestError::Kind::Network;
                        e.message = QStringLiteral("the connection closed after the request was sent; the "
                                                   "outcome is unknown and the request was not sent again");
                        break;
                    case QNetworkReply::SslHandshakeFailedError:
                        e.kind = RestError::Kind::Tls;
                        e.message = reply->errorString();
                        for (const QString& problem : std::as_const(*certificateProblems)) {
                            if (!e.message.contains(problem))
                                e.message += QStringLiteral("; ") + problem;
                        }
                        break;
                    default:
                        e.kind = RestError::Kind::Network;
                        e.message = reply->errorString();
                        break;
                    }
                    raw.transportError = e;
                }
                reply->deleteLater();
                done(raw);
            });
}

int RestClient::retryAfterMs(const QByteArray& value, qint64 nowMs)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok) {
        if (seconds < 0)
            return -1;
        constexpr int maxMs = std::numeric_limits<int>::max();
        return seconds > maxMs / 1000 ? maxMs : int(seconds * 1000);
    }
    // RFC 9110 §10.2.3: an HTTP-date is also allowed.
    const QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return int(qBound<qint64>(0, utc.toMSecsSinceEpoch() - nowMs, qint64(std::numeric_limits<int>::max())));
}

RestClient::Reply RestClient::interpret(const RawReply& raw, const ReplyCheck& check)
{
    if (raw.transportError)
        return Reply::failure(*raw.transportError);
    const int status = raw.httpStatus;
    const QByteArray& body = raw.body;

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const bool isJson = parseError.error == QJsonParseError::NoError && !doc.isNull();
    const int retryAfter = retryAfterMs(raw.header("Retry-After"), raw.receivedAtMs);

    if (status == 429 || status == 418) {
        RestError e{RestError::Kind::RateLimited, status, {}, {}, retryAfter};
        if (isJson && check) {
            if (auto venue = check(doc)) {
                e.venueCode = venue->venueCode;
                e.message = venue->message;
            }
        }
        if (e.message.isEmpty())
            e.message = body.isEmpty() ? QStringLiteral("HTTP %1 with an empty body").arg(status)
                                       : QString::fromUtf8(body.left(300));
        return Reply::failure(e);
    }
    if (status >= 400) {
        RestError e{RestError::Kind::Http, status, {}, {}, retryAfter};
        if (isJson && check) {
            if (auto venue = check(doc); venue && venue->kind != RestError::Kind::Parse) {
                e.kind = venue->kind;
                e.venueCode = venue->venueCode;
                e.message = venue->message;
            }
        }
        if (e.message.isEmpty())
            e.message = body.isEmpty() ? QStringLiteral("HTTP %1 with an empty body").arg(status)
                                       : QString::fromUtf8(body.left(300));
        return Reply::failure(e);
    }
    // bitFlyer answers a cancel with HTTP 200 and no body: a success with nothing to read.
    if (body.trimmed().isEmpty())
        return QJsonDocument();
    if (!isJson) {
        return Reply::failure({RestError::Kind::Parse,
                               status,
                               {},
                               QStringLiteral("reply is not JSON: %1").arg(parseError.errorString()),
                               -1});
    }
    if (check) {
        if (auto venue = check(doc)) {
            venue->httpStatus = status;
            // A venue error without text ({"retCode":10001}) still tells the user something: its body.
            if (venue->message.isEmpty())
                venue->message = QString::fromUtf8(body.left(300));
            return Reply::failure(*venue);
        }
    }
    return doc;
}
