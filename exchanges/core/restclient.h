#pragma once

#include "restrequest.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrl>

class QNetworkRequest;

#include <chrono>
#include <functional>
#include <optional>

class HttpConnection;
class QNetworkAccessManager;
class QNetworkReply;
struct HttpRequest;

// The TLS configuration of a connection that trusts extra CA certificates (a venue behind a private
// CA, the tests' CA): Qt's defaults, the peer verified and its host name checked, with the system's
// CA certificates plus extraCaCertificates. Trust is only widened by those certificates; no check is
// relaxed. Used by RestClient and StreamClient.
QSslConfiguration tlsConfigurationTrusting(const QList<QSslCertificate>& extraCaCertificates);

// Asynchronous JSON REST calls over QNetworkAccessManager with a per-request timeout and typed
// errors that keep the HTTP status and the venue's own code and message verbatim. HTTP 429/418 are
// surfaced as RateLimited with the server's Retry-After; nothing is retried here, so a request whose
// outcome is unknown (a timeout) is never sent twice behind the caller's back.
class RestClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestClient)

public:
    using Reply = Result<QJsonDocument, RestError>;
    using Callback = std::function<void(const Reply&)>;
    // Maps a parsed reply to the venue's error, if it carries one (retCode ≠ 0, code < 0, …).
    using ReplyCheck = std::function<std::optional<RestError>(const QJsonDocument&)>;

    // One exchange as it came off the wire, for callers that sign requests or read response headers
    // (rate-limit budgets, Retry-After, Date). httpStatus 0: no HTTP reply; transportError says why.
    struct RawReply
    {
        int httpStatus = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        std::optional<RestError> transportError;
        qint64 sentAtMs = 0;     // local clock when the request left
        qint64 receivedAtMs = 0; // local clock when the reply was complete

        QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
    };
    using RawCallback = std::function<void(const RawReply&)>;

    explicit RestClient(QNetworkAccessManager* network, QObject* parent = nullptr);

    void setBaseUrl(const QUrl& baseUrl) { m_baseUrl = baseUrl; }
    QUrl baseUrl() const { return m_baseUrl; }
    void setReplyCheck(ReplyCheck check) { m_replyCheck = std::move(check); }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // CA certificates trusted on top of the system's for every request from now on. A certificate
    // problem still fails the request, as RestError::Kind::Tls naming the problem.
    void setExtraCaCertificates(const QList<QSslCertificate>& certificates);
    QList<QSslCertificate> extraCaCertificates() const { return m_extraCaCertificates; }

    // The full URL a request goes to.
    QUrl urlFor(const RestRequest& request) const;
    // Calls done exactly once, on this thread, unless this client is destroyed first.
    void send(const RestRequest& request, Callback done);
    // Sends a fully built request (absolute URL, every header, exact body) as is: no base URL, no
    // signing, no interpretation. done is called exactly once, on this thread, unless this client is
    // destroyed first.
    // Urgent requests (orders, cancels) go out on a connection to their origin that is kept open for
    // them (keepWarm), written and flushed on this thread; when it is busy, not open yet or closing,
    // they go the ordinary way. Either way a request is sent once and never again.
    enum class Urgency : std::uint8_t
    {
        Normal,
        Urgent,
    };
    void sendRaw(const HttpRequest& request, RawCallback done, Urgency urgency = Urgency::Normal);
    // Opens a connection to origin (scheme, host, port) for urgent requests and keeps it open.
    void keepWarm(const QUrl& origin);
    // The kept-open connection to url's origin, if keepWarm asked for one (tests, diagnostics).
    HttpConnection* warmConnection(const QUrl& url) const;

    // The typed outcome of a raw reply: transport errors, 429/418 as RateLimited with Retry-After,
    // other HTTP errors with the venue's code and message when check recognises the body, and
    // venue errors inside HTTP 200 replies.
    static Reply interpret(const RawReply& raw, const ReplyCheck& check);
    // Retry-After as delay-seconds or an HTTP-date, in ms from nowMs; -1 when absent or unreadable.
    static int retryAfterMs(const QByteArray& value, qint64 nowMs);

private:
    void transmit(const QNetworkRequest& request, const QByteArray& method, const QByteArray& body,
                  RawCallback done);

    QNetworkAccessManager* m_network;
    QUrl m_baseUrl;
    ReplyCheck m_replyCheck;
    std::chrono::milliseconds m_timeout{10'000};
    QList<QSslCertificate> m_extraCaCertificates;
    std::optional<QSslConfiguration> m_tlsConfiguration; // only with extra CAs; else Qt's default
    QList<HttpConnection*> m_warm;                       // children; one per origin
};
