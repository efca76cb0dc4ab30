#pragma once

#include "exchanges/core/privatestreamconnection.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// bitbank's private stream without a PubNub SDK, as pybotters does it: PubNub's subscribe long-poll
// GET {origin}/v2/subscribe/{subKey}/{channel}/0?uuid&auth (the URL BitbankTrading::streamUrl() makes from
// the channel and token of GET /v1/user/subscribe), repeated with the timetoken and region of each reply
// ({"t":{"t","r"},"m":[{"d":payload}]}) so nothing between two polls is lost. The first poll carries no
// timetoken and is answered at once with the current one: from then on the stream is connected.
//
// It does not recover by itself. A refused poll (PubNub's 403 "Token is expired."), an HTTP error (a 429
// with its Retry-After), a network failure or an unreadable reply ends it with disconnected(); the
// session fetches a new token, polls again and reconciles over REST.
class BitbankPrivateStream final : public PrivateStreamConnection
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BitbankPrivateStream)

public:
    explicit BitbankPrivateStream(QUrl subscribeUrl, QObject* parent = nullptr);
    ~BitbankPrivateStream() override;

    void open() override;
    void close() override;

    QString timetoken() const { return m_timetoken; }

    // PubNub's own origin.
    static QUrl defaultOrigin() { return QUrl(QStringLiteral("https://ps.pndsn.com")); }

private:
    void poll();
    void onPollFinished(QNetworkReply* reply);
    void drop(const QString& reason, int retryAfterMs = 0);

    QUrl m_url;
    QNetworkAccessManager* m_network;
    QString m_timetoken;
    QString m_region;
    QPointer<QNetworkReply> m_reply;
    QTimer m_pause;
    QElapsedTimer m_pollClock;
    bool m_running = false;
};
