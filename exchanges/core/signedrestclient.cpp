#include "signedrestclient.h"

#include "crypto.h"
#include "hostregistry.h"
#include "noncestore.h"
#include "servertime.h"
#include "venuerest.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

#include <deque>

Q_LOGGING_CATEGORY(lcSignedRest, "botterm.rest", QtWarningMsg)

struct SignedRestClient::Pending
{
    HttpRequest http;
    QString venue;
    const Signer* signer = nullptr; // nullptr: an unknown host, sent unsigned
    Environment environment = Environment::Mainnet;
    RateLimiter::Priority priority = RateLimiter::Priority::Normal;
    bool urgent = false;
    Credentials credentials;
    Callback done;
    bool finished = false;
};

struct SignedRestClient::Endpoint
{
    QString venue;
    QUrl origin;
    VenueRestPolicy policy;
    RateLimiter* limiter = nullptr;
    ServerClock* clock = nullptr; // nullptr: the venue's signature does not use the time
    bool clockTried = false;
    std::deque<std::function<void()>> waitingForClock;
    qint64 blockedUntilMs = 0; // wall clock; the venue asked us to wait (Retry-After)
    int blockedStatus = 0;
    bool nonceBusy = false;
    std::deque<std::shared_ptr<Pending>> nonceCancels;
    std::deque<std::shared_ptr<Pending>> nonceNormal;
};

namespace {

QString originKey(const QString& venue, const QUrl& url)
{
    return venue + QLatin1Char('|') + url.scheme().toLower() + QStringLiteral("://") + url.host().toLower() +
           QLatin1Char(':') + QString::number(url.port(url.scheme() == QLatin1String("http") ? 80 : 443));
}

QUrl originOf(const QUrl& url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port());
    return origin;
}

QByteArray encodePairs(const QList<QPair<QString, QString>>& pairs)
{
    QByteArray out;
    for (const auto& [key, value] : pairs) {
        if (!out.isEmpty())
            out += '&';
        out += Crypto::percentEncode(key.toUtf8()) + '=' + Crypto::percentEncode(value.toUtf8());
    }
    return out;
}

RestError signingError(const QString& message)
{
    RestError e;
    e.kind = RestError::Kind::Signing;
    e.message = message;
    return e;
}

} // namespace

SignedRestClient::SignedRestClient(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_rest(new RestClient(network, this))
{}

SignedRestClient::~SignedRestClient()
{
    qDeleteAll(m_endpoints);
}

void SignedRestClient::setNonceStore(std::shared_ptr<NonceStore> store)
{
    m_nonces = std::move(store);
}

void SignedRestClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_rest->setTimeout(timeout);
}

void SignedRestClient::setClockSyncInterval(qint64 intervalMs)
{
    m_clockSyncIntervalMs = intervalMs;
    for (Endpoint* endpoint : std::as_const(m_endpoints)) {
        if (endpoint->clock)
            endpoint->clock->setSyncInterval(intervalMs);
    }
}

void SignedRestClient::setRateBudgets(const QString& venue, const QList<RateBudget>& budgets)
{
    m_budgetOverrides.insert(venue.toLower(), budgets);
}

SignedRestClient::Endpoint* SignedRestClient::endpointFor(const QString& venue, const QUrl& url, bool create)
{
    const QString key = originKey(venue, url);
    if (Endpoint* existing = m_endpoints.value(key))
        return existing;
    if (!create)
        return nullptr;
    auto* endpoint = new Endpoint;
    endpoint->venue = venue;
    endpoint->origin = originOf(url);
    endpoint->policy = VenueRestPolicy::forVenue(venue, url);
    const auto overridden = m_budgetOverrides.constFind(venue.toLower());
    endpoint->limiter = new RateLimiter(
        overridden != m_budgetOverrides.cend() ? *overridden : endpoint->policy.budgets, this);
    if (endpoint->policy.timeProbe) {
        endpoint->clock = new ServerClock(m_rest, endpoint->origin, *endpoint->policy.timeProbe, this);
        endpoint->clock->setSyncInterval(m_clockSyncIntervalMs);
        connect(endpoint->clock, &ServerClock::synced, this, [this, endpoint](qint64 offset) {
            Q_EMIT clockSynced(endpoint->venue, offset);
            auto waiting = std::move(endpoint->waitingForClock);
            endpoint->waitingForClock.clear();
            for (auto& go : waiting)
                go();
        });
        connect(endpoint->clock, &ServerClock::syncFailed, this, [this, endpoint](const QString& message) {
            Q_EMIT clockSyncFailed(endpoint->venue, message);
            // Sign with the local clock rather than hold requests hostage to the time endpoint.
            auto waiting = std::move(endpoint->waitingForClock);
            endpoint->waitingForClock.clear();
            for (auto& go : waiting)
                go();
        });
    }
    m_endpoints.insert(key, endpoint);
    if (m_keepOrderConnectionsOpen && !venue.isEmpty())
        m_rest->keepWarm(endpoint->origin);
    return endpoint;
}

void SignedRestClient::setKeepOrderConnectionsOpen(bool keepOpen)
{
    m_keepOrderConnectionsOpen = keepOpen;
    if (!keepOpen)
        return;
    for (const Endpoint* endpoint : std::as_const(m_endpoints)) {
        if (!endpoint->venue.isEmpty())
            m_rest->keepWarm(endpoint->origin);
    }
}

qint64 SignedRestClient::clockOffsetMs(const QUrl& url, const QString& venue) const
{
    QString name = venue;
    if (name.isEmpty()) {
        const auto entry = HostRegistry::builtIn().lookup(url.host());
        if (!entry)
            return 0;
        name = entry->venue;
    }
    const Endpoint* endpoint = m_endpoints.value(originKey(name.toLower(), url));
    return endpoint && endpoint->clock ? endpoint->clock->offsetMs() : 0;
}

void SignedRestClient::fail(std::shared_ptr<Pending> pending, const RestError& error)
{
    if (pending->finished)
        return;
    pending->finished = true;
    pending->credentials.clear();
    qCDebug(lcSignedRest).noquote() << pending->http.method
                                    << pending->http.url.toDisplayString(QUrl::RemoveQuery)
                                    << "failed:" << error.toString();
    // Always asynchronous, so callers see one behaviour whether the failure is local or remote.
    QTimer::singleShot(0, this, [pending, error] { pending->done(Reply::failure(error)); });
}

void SignedRestClient::send(const SignedRequest& request, Callback done)
{
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    HttpRequest& http = pending->http;
    http.method = request.method.trimmed().toUpper();
    http.url = request.url;
    if (!http.url.isValid() || http.url.host().isEmpty() ||
        (http.url.scheme() != QLatin1String("https") && http.url.scheme() != QLatin1String("http"))) {
        fail(pending,
             signingError(QStringLiteral("not an absolute http(s) URL: %1").arg(request.url.toString())));
        return;
    }

    const HostRegistry& registry = HostRegistry::builtIn();
    if (!request.venue.isEmpty()) {
        pending->venue = request.venue.trimmed().toLower();
        pending->environment = request.environment;
        pending->signer = registry.signerForVenue(pending->venue, pending->environment);
        if (!pending->signer) {
            fail(pending, signingError(QStringLiteral("unknown venue \"%1\"").arg(pending->venue)));
            return;
        }
    } else if (const auto entry = registry.lookup(http.url.host())) {
        pending->venue = entry->venue;
        pending->environment = entry->environment;
        pending->signer = registry.signerForVenue(entry->venue, entry->environment);
    }

    http.appendToQuery(encodePairs(request.query));
    if (!request.params.isEmpty()) {
        if (pending->signer) {
            pending->signer->encodeParameters(http, request.params);
        } else if (http.method == "GET" || http.method == "DELETE" || http.method == "HEAD") {
            QList<QPair<QString, QString>> pairs;
            for (auto it = request.params.constBegin(); it != request.params.constEnd(); ++it)
                pairs.append({it.key(), it.value().isString() ? it.value().toString()
                                                              : it.value().toVariant().toString()});
            http.appendToQuery(encodePairs(pairs));
        } else {
            http.body = QJsonDocument(request.params).toJson(QJsonDocument::Compact);
            http.setHeader("Content-Type", "application/json");
        }
    } else if (!request.body.isEmpty()) {
        http.body = request.body;
        if (!request.contentType.isEmpty())
            http.setHeader("Content-Type", request.contentType);
    }

    Endpoint* endpoint = endpointFor(pending->venue, http.url, true);
    pending->priority = request.priority == RateLimiter::Priority::Cancel || endpoint->policy.isCancel(http)
                            ? RateLimiter::Priority::Cancel
                            : RateLimiter::Priority::Normal;
    pending->urgent = request.urgent;

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (endpoint->blockedUntilMs > now) {
        RestError e{RestError::Kind::RateLimited,
                    0,
                    {},
                    QStringLiteral("not sent: %1 asked to wait (HTTP %2) for another %3 ms")
                        .arg(endpoint->venue.isEmpty() ? endpoint->origin.host() : endpoint->venue)
                        .arg(endpoint->blockedStatus)
                        .arg(endpoint->blockedUntilMs - now),
                    int(endpoint->blockedUntilMs - now)};
        fail(pending, e);
        return;
    }
    afterClock(endpoint, pending);
}

void SignedRestClient::afterClock(Endpoint* endpoint, std::shared_ptr<Pending> pending)
{
    if (pending->signer && endpoint->clock) {
        // The clock is measured before the first signed request to an endpoint, and requests wait
        // while it is re-measured (after a timestamp rejection they would be rejected too).
        const bool firstRequest = !endpoint->clock->isSynced() && !endpoint->clockTried;
        if (firstRequest || endpoint->clock->isSyncing()) {
            endpoint->waitingForClock.push_back(
                [this, endpoint, pending] { afterCredentials(endpoint, pending); });
            if (firstRequest) {
                endpoint->clockTried = true;
                endpoint->clock->sync();
            }
            return;
        }
    }
    afterCredentials(endpoint, pending);
}

void SignedRestClient::afterCredentials(Endpoint* endpoint, std::shared_ptr<Pending> pending)
{
    if (!pending->signer) {
        afterLimiter(endpoint, pending);
        return;
    }
    if (!m_credentials) {
        fail(pending, signingError(QStringLiteral("%1: no credentials provider").arg(pending->venue)));
        return;
    }
    QPointer<SignedRestClient> self(this);
    m_credentials(
        pending->venue, pending->environment, [self, endpoint, pending](const CredentialsResult& got) {
            if (!self)
                return;
            if (!got) {
                self->fail(pending, signingError(got.error()));
                return;
            }
            pending->credentials = got.value();
            if (pending->credentials.isEmpty()) {
                self->fail(pending,
                           signingError(QStringLiteral("%1: no API key or secret").arg(pending->venue)));
                return;
            }
            self->afterLimiter(endpoint, pending);
        });
}

void SignedRestClient::afterLimiter(Endpoint* endpoint, std::shared_ptr<Pending> pending)
{
    const auto costs = endpoint->policy.costs(pending->http);
    endpoint->limiter->acquire(pending->priority, costs, [this, endpoint, pending] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (endpoint->blockedUntilMs > now) {
            fail(pending, RestError{RestError::Kind::RateLimited,
                                    0,
                                    {},
                                    QStringLiteral("not sent: %1 asked to wait (HTTP %2) for another %3 ms")
                                        .arg(endpoint->venue)
                                        .arg(endpoint->blockedStatus)
                                        .arg(endpoint->blockedUntilMs - now),
                                    int(endpoint->blockedUntilMs - now)});
            return;
        }
        if (pending->signer && pending->signer->usesNonce()) {
            // One request in flight per key, so nonces also reach the venue in increasing order.
            (pending->priority == RateLimiter::Priority::Cancel ? endpoint->nonceCancels
                                                                : endpoint->nonceNormal)
                .push_back(pending);
            if (!endpoint->nonceBusy)
                releaseNonceLane(endpoint);
            return;
        }
        signAndSend(endpoint, pending);
    });
}

void SignedRestClient::releaseNonceLane(Endpoint* endpoint)
{
    endpoint->nonceBusy = false;
    auto& lane = !endpoint->nonceCancels.empty() ? endpoint->nonceCancels : endpoint->nonceNormal;
    if (lane.empty())
        return;
    auto next = lane.front();
    lane.pop_front();
    endpoint->nonceBusy = true;
    signAndSend(endpoint, next);
}

void SignedRestClient::signAndSend(Endpoint* endpoint, std::shared_ptr<Pending> pending)
{
    HttpRequest& http = pending->http;
    if (pending->signer) {
        SigningContext context;
        context.nowMs = endpoint->clock ? endpoint->clock->nowMs() : QDateTime::currentMSecsSinceEpoch();
        if (pending->signer->usesNonce()) {
            if (!m_nonces)
                m_nonces = std::make_shared<NonceStore>();
            context.nonce = m_nonces->next(pending->venue, pending->credentials.key);
        }
        const SignResult signedRequest = pending->signer->sign(http, pending->credentials, context);
        pending->credentials.clear();
        if (!signedRequest) {
            fail(pending, signingError(signedRequest.error().message));
            if (pending->signer->usesNonce())
                releaseNonceLane(endpoint);
            return;
        }
    }
    if (lcSignedRest().isDebugEnabled()) {
        QByteArrayList names;
        for (const auto& header : std::as_const(http.headers))
            names.append(header.first);
        qCDebug(lcSignedRest).noquote()
            << "->" << http.method << http.url.toDisplayString(QUrl::RemoveQuery)
            << (pending->signer ? QStringLiteral("signed for %1").arg(pending->venue)
                                : QStringLiteral("unsigned"))
            << "headers:" << names.join(", ") << "body bytes:" << http.body.size();
    }
    QPointer<SignedRestClient> self(this);
    m_rest->sendRaw(
        http,
        [self, endpoint, pending](const RestClient::RawReply& raw) {
            if (self)
                self->finish(endpoint, pending, raw);
        },
        pending->urgent ? RestClient::Urgency::Urgent : RestClient::Urgency::Normal);
}

void SignedRestClient::finish(Endpoint* endpoint, std::shared_ptr<Pending> pending,
                              const RestClient::RawReply& raw)
{
    const qint64 venueWait = endpoint->policy.observe(raw, pending->http, *endpoint->limiter);
    Reply reply = RestClient::interpret(raw, endpoint->policy.replyError);
    qCDebug(lcSignedRest).noquote() << "<-" << raw.httpStatus
                                    << pending->http.url.toDisplayString(QUrl::RemoveQuery) << "in"
                                    << raw.receivedAtMs - raw.sentAtMs << "ms";
    if (reply) {
        pending->finished = true;
        pending->done(reply);
    } else {
        RestError e = reply.error();
        const bool httpLimit = e.httpStatus == 429 || e.httpStatus == 418;
        if (e.kind == RestError::Kind::RateLimited) {
            qint64 wait = e.retryAfterMs >= 0 ? e.retryAfterMs : venueWait;
            if (wait < 0 && httpLimit)
                wait = e.httpStatus == 418 ? std::max<qint64>(m_defaultRetryAfterMs, 60'000)
                                           : m_defaultRetryAfterMs;
            if (wait >= 0) {
                // Nothing more goes to this endpoint until then; the caller decides what to do.
                endpoint->blockedUntilMs = std::max(endpoint->blockedUntilMs, raw.receivedAtMs + wait);
                endpoint->blockedStatus = e.httpStatus;
                e.retryAfterMs = int(wait);
                qCWarning(lcSignedRest).noquote()
                    << (endpoint->venue.isEmpty() ? endpoint->origin.host() : endpoint->venue)
                    << "rate limit: no requests for" << wait << "ms";
            }
        } else if ((e.kind == RestError::Kind::Venue || e.kind == RestError::Kind::Http) &&
                   endpoint->policy.isTimestampRejection(e)) {
            e.kind = RestError::Kind::Timestamp;
            qCWarning(lcSignedRest).noquote() << endpoint->venue << "rejected the timestamp [" << e.venueCode
                                              << "]; re-measuring its clock (the request is not resent)";
            Q_EMIT timestampRejected(endpoint->venue);
            if (endpoint->clock)
                endpoint->clock->sync(); // a no-op while a measurement is under way: one resync
        }
        pending->finished = true;
        pending->done(Reply::failure(e));
    }
    if (pending->signer && pending->signer->usesNonce())
        releaseNonceLane(endpoint);
}
