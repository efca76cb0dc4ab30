#pragma once

#include "loopbackhttpserver.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

// A loopback stand-in for one venue's private REST API. It checks each request's authentication the
// way the venue documents it — the string-to-sign rebuilt here from the raw request line, headers and
// body with Qt's own HMAC, independently of the production signers — and the timestamp or expiry
// against its own clock, which tests can set ahead of the client's. It answers in the venue's own
// success and error shapes (codes and messages as the venue sends them).
class VenueVerifier final
{
public:
    struct Expected
    {
        int httpStatus = 200;
        QString code;
        QString message;
    };

    VenueVerifier(const QString& venue, const QString& key, const QByteArray& secret,
                  const QByteArray& passphrase = {});
    Q_DISABLE_COPY_MOVE(VenueVerifier)

    static QStringList liveVenues(); // bybit binance bitflyer gmocoin bitbank bitmex phemex coincheck okx

    QString venue() const { return m_venue; }
    QUrl baseUrl() const { return m_server.baseUrl(); }
    LoopbackHttpServer& server() { return m_server; }

    // The server's clock is the local clock plus this.
    void setClockSkewMs(qint64 skewMs) { m_skewMs = skewMs; }
    qint64 nowMs() const;
    // Whether the venue's authentication depends on the time (not Coincheck's nonce).
    bool checksTime() const { return m_venue != QLatin1String("coincheck"); }

    // A private read and an order placement in the venue's terms.
    QString readPath() const;
    QList<QPair<QString, QString>> readQuery() const;
    QString orderPath() const;
    QJsonObject orderParams() const;

    // What a request that passed authentication gets: the venue's own answer (a loopback venue with order
    // state); nullopt, or no responder, answers with the echo success.
    using Responder =
        std::function<std::optional<LoopbackHttpServer::Response>(const LoopbackHttpServer::Request&)>;
    void setResponder(Responder responder) { m_responder = std::move(responder); }

    // The next authenticated request is answered with this instead (429s, HTTP-200 errors).
    void answerNextWith(int status, const QByteArray& body,
                        QList<QPair<QByteArray, QByteArray>> headers = {});
    // The venue's rate-limit reply (HTTP 429, the venue's body) with Retry-After: seconds.
    void rateLimitNext(int retryAfterSeconds);

    // The venue's last rejection as sent (status, code, message), for comparing with what the client
    // reports; and its reason in the verifier's words ("bad signature", "stale timestamp", …).
    Expected lastRejection() const { return m_lastRejection; }
    QString lastRejectionReason() const { return m_rejections.value(m_rejections.size() - 1); }

    // Requests that reached a private endpoint (signed or not), and time-endpoint requests.
    const QList<LoopbackHttpServer::Request>& privateRequests() const { return m_private; }
    int timeRequests() const { return m_timeRequests; }
    int accepted() const { return m_accepted; }
    QStringList rejections() const { return m_rejections; } // why, for failure messages
    QList<qint64> nonces() const { return m_nonces; }       // Coincheck nonces, in arrival order

private:
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    Response handle(const Request& request);
    Response time(const Request& request) const;
    QString timePath() const;
    // nullopt: accepted; else the venue's rejection.
    std::optional<Response> verify(const Request& request);
    Response success(const Request& request) const;
    Response reject(const QString& reason, const Expected& expected);
    QByteArray errorBody(const Expected& expected) const;
    QByteArray hmacHex(const QByteArray& text) const;
    QByteArray dateHeader() const;

    QString m_venue;
    QString m_key;
    QByteArray m_secret;
    QByteArray m_passphrase;
    LoopbackHttpServer m_server;
    qint64 m_skewMs = 0;
    std::optional<Response> m_nextAnswer;
    Responder m_responder;
    QList<Request> m_private;
    int m_timeRequests = 0;
    int m_accepted = 0;
    QStringList m_rejections;
    QList<qint64> m_nonces;
    Expected m_lastRejection;
    qint64 m_lastNonce = 0;
};
