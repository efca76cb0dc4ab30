#pragma once

#include "bitbanktrading.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class SignedRestClient;

// bitbank's private stream without a PubNub SDK, as pybotters does it: GET /v1/user/subscribe (signed)
// gives the account's PubNub channel and a 12-hour token; then PubNub's subscribe long-poll
// GET {origin}/v2/subscribe/{subKey}/{channel}/0?uuid&auth[&tt&tr] is repeated with the timetoken of each
// reply ({"t":{"t","r"},"m":[{"d":payload}]}), so no message between two polls is lost. A refused poll
// (PubNub's 403, "Token is expired.") fetches a new token and resumes from the same timetoken. A failed
// poll is retried with capped backoff and reported through the reconnect handler: the owner reconciles
// over REST, since messages may have been missed. Each payload goes through
// BitbankTrading::parseStreamFrame.
//
// Not wired into TradingSession (its private streams are WebSockets): see the venue report.
class BitbankPrivateStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BitbankPrivateStream)

public:
    BitbankPrivateStream(SignedRestClient* rest, QNetworkAccessManager* network, BitbankTrading& trading,
                         QUrl pubNubOrigin = QUrl(QStringLiteral("https://ps.pndsn.com")),
                         QObject* parent = nullptr);
    ~BitbankPrivateStream() override;

    void setFrameHandler(std::function<void(const PrivateStreamFrame&)> handler)
    {
        m_onFrame = std::move(handler);
    }
    // After a failed poll or a new token: messages may have been missed, read the state over REST.
    void setReconcileHandler(std::function<void()> handler) { m_onReconcile = std::move(handler); }

    void start();
    void stop();
    bool isSubscribed() const { return !m_timetoken.isEmpty(); }
    int tokenFetches() const { return m_tokenFetches; }

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    void fetchToken();
    void poll();
    void onPollFinished(QNetworkReply* reply);
    void retryLater(const QString& why);

    SignedRestClient* m_rest;
    QNetworkAccessManager* m_network;
    BitbankTrading& m_trading;
    QUrl m_origin;
    BitbankTrading::PubNubAccess m_access;
    QString m_timetoken;
    QString m_region;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retry;
    QElapsedTimer m_pollClock;
    int m_failures = 0;
    int m_tokenFetches = 0;
    bool m_running = false;
    std::function<void(const PrivateStreamFrame&)> m_onFrame;
    std::function<void()> m_onReconcile;
};
