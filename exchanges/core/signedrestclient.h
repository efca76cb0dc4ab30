#pragma once

#include "marketdataadapter.h" // Environment
#include "ratelimiter.h"
#include "restclient.h"
#include "signer.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

class NonceStore;
class QNetworkAccessManager;

// A request in the caller's terms. Sent as is to url (plus query and parameters); signed when url's
// host is a known exchange host, or when venue names the venue explicitly (a base-URL override: the
// request is then signed for the URL it is actually sent to).
struct SignedRequest
{
    QByteArray method = "GET";
    QUrl url;                                       // absolute; may already carry a query
    QList<QPair<QString, QString>> query;           // appended, percent-encoded, in this order
    QJsonObject params;                             // encoded the venue's way (query, JSON or form body)
    QByteArray body;                                // raw body bytes, when params is empty
    QByteArray contentType;                         // for a raw body
    QString venue;                                  // explicit venue; empty: by host
    Environment environment = Environment::Mainnet; // with an explicit venue
    RateLimiter::Priority priority = RateLimiter::Priority::Normal; // cancels are detected anyway
    // Orders, amends and cancels: sent on the kept-open connection when it is ready (RestClient::Urgency).
    bool urgent = false;
};

// request, marked urgent.
inline SignedRequest urgent(SignedRequest request)
{
    request.urgent = true;
    return request;
}

// pybotters' client in C++: any request to a known exchange host is signed automatically; a
// request to any other host goes out unsigned and never carries a key. Per venue endpoint it keeps
// the venue's clock (measured before the first signed request and periodically, applied to every
// timestamp), its request budgets (cancels first), nonces strictly increasing per key (persisted, and
// one request in flight per key so they also arrive in order), and the venue's error shapes, HTTP 200
// errors included. Nothing is ever retried: a 429/418 blocks the endpoint until Retry-After and is
// reported; a timestamp rejection re-measures the clock once and is reported, not resent.
class SignedRestClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignedRestClient)

public:
    using Reply = RestClient::Reply;
    using Callback = RestClient::Callback;
    using CredentialsResult = Result<Credentials, QString>;
    using CredentialsCallback = std::function<void(const CredentialsResult&)>;
    // Asked for a venue's key each time a request is about to be signed (the keychain or the
    // environment); it may answer later, on this thread.
    using CredentialsProvider =
        std::function<void(const QString& venue, Environment environment, CredentialsCallback done)>;

    explicit SignedRestClient(QNetworkAccessManager* network, QObject* parent = nullptr);
    ~SignedRestClient() override;

    void setCredentialsProvider(CredentialsProvider provider) { m_credentials = std::move(provider); }
    // Defaults to a store at NonceStore::defaultPath().
    void setNonceStore(std::shared_ptr<NonceStore> store);
    void setTimeout(std::chrono::milliseconds timeout);
    // Periodic clock re-measurement per endpoint; 0 turns it off. Default 5 minutes.
    void setClockSyncInterval(qint64 intervalMs);
    // Replaces a venue's budgets (a higher VIP tier; tests). Applies to endpoints created afterwards.
    void setRateBudgets(const QString& venue, const QList<RateBudget>& budgets);
    // The wait used after a 429/418 that carries no Retry-After. Default 10 s.
    void setDefaultRetryAfterMs(qint64 ms) { m_defaultRetryAfterMs = ms; }
    // From now on, every venue origin this client signs for gets a connection kept open for urgent
    // requests (RestClient::keepWarm), opened with its first signed request (a session's reconcile),
    // so the first order does not wait for a TCP and TLS handshake. Off by default (one-shot tools).
    void setKeepOrderConnectionsOpen(bool keepOpen);

    // done is called exactly once, on this thread, unless this client is destroyed first.
    void send(const SignedRequest& request, Callback done);

    // The venue's clock offset (server − local, ms) at the endpoint serving url; 0 if not measured.
    qint64 clockOffsetMs(const QUrl& url, const QString& venue = {}) const;

Q_SIGNALS:
    void clockSynced(const QString& venue, qint64 offsetMs);
    void clockSyncFailed(const QString& venue, const QString& message);
    void timestampRejected(const QString& venue);

private:
    struct Endpoint;
    struct Pending;

    Endpoint* endpointFor(const QString& venue, const QUrl& url, bool create);
    void sendUnsigned(const SignedRequest& request, Callback done);
    void afterClock(Endpoint* endpoint, std::shared_ptr<Pending> pending);
    void afterCredentials(Endpoint* endpoint, std::shared_ptr<Pending> pending);
    void afterLimiter(Endpoint* endpoint, std::shared_ptr<Pending> pending);
    void signAndSend(Endpoint* endpoint, std::shared_ptr<Pending> pending);
    void finish(Endpoint* endpoint, std::shared_ptr<Pending> pending, const RestClient::RawReply& raw);
    void releaseNonceLane(Endpoint* endpoint);
    void fail(std::shared_ptr<Pending> pending, const RestError& error);

    RestClient* m_rest;
    CredentialsProvider m_credentials;
    std::shared_ptr<NonceStore> m_nonces;
    QHash<QString, QList<RateBudget>> m_budgetOverrides;
    QHash<QString, Endpoint*> m_endpoints; // "venue|scheme://host:port"
    bool m_keepOrderConnectionsOpen = false;
    qint64 m_clockSyncIntervalMs = 5 * 60 * 1000;
    qint64 m_defaultRetryAfterMs = 10'000;
};
