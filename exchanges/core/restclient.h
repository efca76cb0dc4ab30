#pragma once

#include "restrequest.h"
#include "result.h"

#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

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

    explicit RestClient(QNetworkAccessManager* network, QObject* parent = nullptr);

    void setBaseUrl(const QUrl& baseUrl) { m_baseUrl = baseUrl; }
    QUrl baseUrl() const { return m_baseUrl; }
    void setReplyCheck(ReplyCheck check) { m_replyCheck = std::move(check); }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // The full URL a request goes to.
    QUrl urlFor(const RestRequest& request) const;
    // Calls done exactly once, on this thread, unless this client is destroyed first.
    void send(const RestRequest& request, Callback done);

private:
    void finish(QNetworkReply* reply, const Callback& done);

    QNetworkAccessManager* m_network;
    QUrl m_baseUrl;
    ReplyCheck m_replyCheck;
    std::chrono::milliseconds m_timeout{10'000};
};
