#include "tradingsession.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <memory>

TradingSession::TradingSession(SignedRestClient* client, TradingAdapter* adapter, Config config,
                               QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_adapter(adapter)
    , m_config(std::move(config))
    , m_submitter(client, adapter)
{
    // The session's first signed request (its reconcile) opens the connection its orders will use.
    if (m_client)
        m_client->setKeepOrderConnectionsOpen(true);
}

// One private stream: its connection, the token it was opened with, and the timers of its token.
struct TradingSession::PrivateStream
{
    PrivateStreamSpec spec;
    std::unique_ptr<StreamClient> client;
    // Instead of client, for a stream that is not a WebSocket (the adapter's createStreamConnection()).
    std::unique_ptr<PrivateStreamConnection> link;
    QString token;
    bool authenticating = false; // login sent, no answer yet
    bool ready = false;          // logged in and subscribed
    // A new number (session-wide, never reused) on every connection and token fetch: a late credentials
    // or token reply for an older one, or for a stream of an earlier start(), is dropped.
    std::uint64_t connection = 0;
    int failures = 0; // consecutive token fetches or connections that failed (backoff)
    QTimer keepAlive;
    QTimer retry;
};

TradingSession::~TradingSession()
{
    for (auto& stream : m_streams)
        dropClient(*stream);
}

StreamClient* TradingSession::stream(int index) const
{
    if (index < 0 || std::size_t(index) >= m_streams.size())
        return nullptr;
    return m_streams[std::size_t(index)]->client.get();
}

void TradingSession::start()
{
    stop();
    const QList<PrivateStreamSpec> specs =
        m_adapter->privateStreams(m_config.categories, m_config.privateStreamUrl);
    for (const PrivateStreamSpec& spec : specs) {
        auto stream = std::make_unique<PrivateStream>();
        stream->spec = spec;
        stream->retry.setSingleShot(true);
        const std::size_t index = m_streams.size();
        connect(&stream->retry, &QTimer::timeout, this, [this, index] { connectStream(index); });
        connect(&stream->keepAlive, &QTimer::timeout, this, [this, index] { sendKeepAlive(index); });
        m_streams.push_back(std::move(stream));
    }
    setState(State::Connecting);
    for (std::size_t i = 0; i < m_streams.size(); ++i)
        connectStream(i);
}

void TradingSession::stop()
{
    abandonSnapshot();
    for (auto& stream : m_streams)
        dropClient(*stream);
    m_streams.clear();
    setState(State::Disconnected);
}

void TradingSession::abandonSnapshot()
{
    ++m_generation;
    m_snapshotting = false;
    m_held.clear();
}

void TradingSession::dropClient(PrivateStream& stream)
{
    stream.keepAlive.stop();
    stream.retry.stop();
    stream.ready = false;
    stream.authenticating = false;
    stream.connection = ++m_connections;
    if (stream.link) {
        stream.link->disconnect(this);
        stream.link->close();
        stream.link.release()->deleteLater();
    }
    if (!stream.client)
        return;
    stream.client->disconnect(this);
    stream.client->close();
    // This may run inside one of the client's own signals: delete it once that returns.
    stream.client.release()->deleteLater();
}

void TradingSession::connectStream(std::size_t index)
{
    PrivateStream& stream = *m_streams[index];
    const std::uint64_t connection = stream.connection = ++m_connections;
    stream.ready = false;
    if (!stream.spec.tokenRequest) {
        openClient(index, stream.spec.url);
        return;
    }
    // A token stream: a fresh token before each connection (the old one may have expired with it).
    QPointer<TradingSession> self(this);
    m_client->send(*stream.spec.tokenRequest,
                   [self, index, connection](const SignedRestClient::Reply& reply) {
                       if (!self || index >= self->m_streams.size() || self->m_state == State::AuthFailed)
                           return;
                       PrivateStream& s = *self->m_streams[index];
                       if (connection != s.connection)
                           return;
                       if (!reply) {
                           if (self->m_adapter->isAuthenticationError(reply.error())) {
                               self->refuseAuth(reply.error().message);
                               return;
                           }
                           Q_EMIT self->errorOccurred(reply.error().message);
                           self->retryStream(index, reply.error().retryAfterMs);
                           return;
                       }
                       auto token = self->m_adapter->parseStreamToken(s.spec.name, reply.value());
                       if (!token) {
                           Q_EMIT self->errorOccurred(token.error().message);
                           self->retryStream(index);
                           return;
                       }
                       s.token = token.value();
                       self->openClient(index, self->m_adapter->streamUrl(s.spec, s.token));
                       if (s.spec.keepAliveInterval.count() > 0)
                           s.keepAlive.start(s.spec.keepAliveInterval);
                   });
}

void TradingSession::openClient(std::size_t index, const QUrl& url)
{
    PrivateStream& stream = *m_streams[index];
    if (stream.client || stream.link)
        dropClient(stream);
    if (auto link = m_adapter->createStreamConnection(stream.spec, url)) {
        stream.link = std::move(link);
        PrivateStreamConnection* connection = stream.link.get();
        connect(connection, &PrivateStreamConnection::connected, this, [this, index] { onConnected(index); });
        connect(connection, &PrivateStreamConnection::frameReceived, this,
                [this, index](const QByteArray& frame) { onFrame(index, frame); });
        connect(connection, &PrivateStreamConnection::disconnected, this,
                [this, index](const QString& reason, int retryAfterMs) {
                    onLinkDropped(index, reason, retryAfterMs);
                });
        connection->open();
        return;
    }
    Q_ASSERT(m_config.protocol); // a WebSocket stream speaks the venue's protocol
    stream.client = std::make_unique<StreamClient>(url, *m_config.protocol, m_config.streamOptions);
    StreamClient* client = stream.client.get();
    connect(client, &StreamClient::connected, this, [this, index] { onConnected(index); });
    connect(client, &StreamClient::frameReceived, this,
            [this, index](const QByteArray& frame) { onFrame(index, frame); });
    connect(
        client, &StreamClient::stateChanged, this,
        [this, index](StreamClient::State state, int, int delayMs) { onStreamState(index, state, delayMs); });
    connect(client, &StreamClient::errorOccurred, this, &TradingSession::errorOccurred);
    client->open();
}

void TradingSession::retryStream(std::size_t index, int delayMs)
{
    PrivateStream& stream = *m_streams[index];
    dropClient(stream);
    abandonSnapshot();
    setState(State::Reconnecting);
    // Capped exponential backoff, as StreamClient does for a plain reconnect.
    const qint64 initial = m_config.streamOptions.initialBackoff.count();
    const qint64 cap = m_config.streamOptions.maxBackoff.count();
    qint64 wait = initial << std::min(stream.failures, 16);
    wait = std::min(wait, cap);
    ++stream.failures;
    if (delayMs > wait)
        wait = delayMs;
    stream.retry.start(int(std::max<qint64>(wait, 0)));
}

void TradingSession::sendKeepAlive(std::size_t index)
{
    PrivateStream& stream = *m_streams[index];
    if (stream.token.isEmpty())
        return;
    ++m_keepAlives;
    const std::uint64_t connection = stream.connection;
    QPointer<TradingSession> self(this);
    m_client->send(m_adapter->keepAliveRequest(stream.spec.name, stream.token),
                   [self, index, connection](const SignedRestClient::Reply& reply) {
                       if (!self || reply || index >= self->m_streams.size() ||
                           self->m_state == State::AuthFailed)
                           return;
                       Q_EMIT self->errorOccurred(reply.error().message);
                       // The venue no longer knows the token: the stream is as good as gone.
                       if (reply.error().kind == RestError::Kind::Venue &&
                           connection == self->m_streams[index]->connection)
                           self->retryStream(index);
                   });
}

void TradingSession::onStreamState(std::size_t index, StreamClient::State state, int delayMs)
{
    if (m_state == State::AuthFailed)
        return;
    PrivateStream& stream = *m_streams[index];
    if (state == StreamClient::State::Reconnecting) {
        stream.ready = false;
        stream.authenticating = false;
        abandonSnapshot(); // a snapshot in flight no longer covers what this stream missed
        setState(State::Reconnecting);
        // A token stream reconnects through a new token (retryStream drops this client); a plain one
        // lets StreamClient reconnect by itself.
        if (stream.spec.tokenRequest)
            retryStream(index, delayMs);
    } else if (state == StreamClient::State::Connecting) {
        setState(State::Connecting);
    }
}

void TradingSession::onLinkDropped(std::size_t index, const QString& reason, int retryAfterMs)
{
    if (m_state == State::AuthFailed)
        return;
    Q_EMIT errorOccurred(reason);
    // As a StreamClient's drop: whatever was in flight no longer covers what this stream missed; the
    // connection comes back (through a new token where there is one) after the backoff, then the
    // snapshot is taken again.
    retryStream(index, retryAfterMs);
}

void TradingSession::onConnected(std::size_t index)
{
    abandonSnapshot();
    PrivateStream& stream = *m_streams[index];
    stream.ready = false;
    stream.authenticating = true;
    const std::uint64_t connection = stream.connection = ++m_connections;
    // Nothing may be subscribed before the login is accepted: StreamClient resends its set right after
    // this signal, so the set is emptied now (not live yet, so nothing is sent) and filled after login.
    if (stream.client)
        stream.client->unsubscribe(stream.client->subscriptions());
    setState(State::Authenticating);
    if (!m_config.credentials) {
        fail(tr("No credentials for the private stream"));
        return;
    }
    QPointer<TradingSession> self(this);
    m_config.credentials(m_config.venue, m_config.environment,
                         [self, index, connection](const SignedRestClient::CredentialsResult& credentials) {
                             if (!self || index >= self->m_streams.size())
                                 return;
                             PrivateStream& s = *self->m_streams[index];
                             if (connection != s.connection || (!s.client && !s.link))
                                 return;
                             if (!credentials) {
                                 self->fail(credentials.error());
                                 return;
                             }
                             const qint64 expires =
                                 QDateTime::currentMSecsSinceEpoch() +
                                 self->m_client->clockOffsetMs(self->m_config.restUrl, self->m_config.venue) +
                                 s.spec.authAheadMs.value_or(self->m_config.authExpiryMs);
                             const QByteArray message = self->m_adapter->streamAuthMessageFor(
                                 s.spec.name, credentials.value(), expires, s.token);
                             ++self->m_authAttempts;
                             if (message.isEmpty()) {
                                 // The venue needs no login (or the token in the URL was the login).
                                 self->streamReady(index);
                                 return;
                             }
                             if (s.link)
                                 s.link->sendText(message);
                             else
                                 s.client->sendText(message);
                         });
}

void TradingSession::streamReady(std::size_t index)
{
    PrivateStream& stream = *m_streams[index];
    stream.authenticating = false;
    stream.ready = true;
    stream.failures = 0;
    if (stream.client)
        stream.client->subscribe(m_adapter->streamTopicsFor(stream.spec.name));
    for (const auto& other : m_streams) {
        if (!other->ready)
            return; // the snapshot waits for every stream: pushes on all of them are held meanwhile
    }
    beginSnapshot();
}

void TradingSession::refuseAuth(const QString& message)
{
    // A wrong key or secret does not get better by retrying: stop and say what the venue said.
    abandonSnapshot();
    for (auto& stream : m_streams) {
        stream->keepAlive.stop();
        stream->retry.stop();
        stream->connection = ++m_connections;
        stream->ready = false;
        stream->authenticating = false;
        if (stream->client) {
            stream->client->disconnect(this);
            stream->client->close();
        }
        if (stream->link) {
            stream->link->disconnect(this);
            stream->link->close();
        }
    }
    setState(State::AuthFailed);
    Q_EMIT authFailed(message);
    Q_EMIT errorOccurred(message);
}

void TradingSession::onFrame(std::size_t index, const QByteArray& frame)
{
    PrivateStream& stream = *m_streams[index];
    PrivateStreamFrame parsed = m_adapter->parseStreamFrameFor(stream.spec.name, frame);
    switch (parsed.kind) {
    case PrivateStreamFrame::Kind::AuthAccepted:
        if (!stream.authenticating)
            return;
        streamReady(index);
        return;
    case PrivateStreamFrame::Kind::AuthRejected:
        refuseAuth(parsed.error);
        return;
    case PrivateStreamFrame::Kind::SubscribeRejected:
        Q_EMIT errorOccurred(parsed.error);
        return;
    case PrivateStreamFrame::Kind::Expired:
        Q_EMIT errorOccurred(tr("The private stream ended: %1").arg(parsed.error));
        if (stream.spec.tokenRequest || stream.link) {
            retryStream(index);
        } else {
            // A plain stream: drop it and let the same StreamClient connect again right away.
            stream.client->close();
            stream.client->open();
        }
        return;
    case PrivateStreamFrame::Kind::Data: {
        if (!parsed.topic.isEmpty() && stream.client)
            stream.client->noteTopicActivity(parsed.topic.toStdString());
        for (const OrderReference& reference : parsed.lookUps)
            lookUpOrder(reference);
        PrivateUpdate update{std::move(parsed.orders), std::move(parsed.fills), std::move(parsed.positions),
                             std::move(parsed.balances)};
        if (m_snapshotting) {
            m_held.push_back(std::move(update));
            return;
        }
        const bool filled = !update.fills.empty();
        m_store.apply(update);
        Q_EMIT storeChanged();
        if (filled && !m_adapter->pushesBalancesAndPositions())
            scheduleAccountRefresh();
        return;
    }
    case PrivateStreamFrame::Kind::Notice:
        Q_EMIT noticeReceived(parsed.error);
        scheduleAccountRefresh();
        return;
    case PrivateStreamFrame::Kind::Malformed:
        Q_EMIT errorOccurred(
            tr("Malformed private stream frame: %1").arg(QString::fromUtf8(frame.left(200))));
        return;
    case PrivateStreamFrame::Kind::SubscribeAck:
    case PrivateStreamFrame::Kind::Pong:
    case PrivateStreamFrame::Kind::Ignored:
        return;
    }
}

void TradingSession::lookUpOrder(const OrderReference& reference)
{
    QPointer<TradingSession> self(this);
    m_client->send(m_adapter->openOrdersRequest(reference.category, reference.symbol, &reference),
                   [self](const SignedRestClient::Reply& reply) {
                       if (!self)
                           return;
                       if (!reply) {
                           Q_EMIT self->errorOccurred(reply.error().message);
                           return;
                       }
                       auto orders = self->m_adapter->parseOrders(*reply);
                       if (!orders) {
                           Q_EMIT self->errorOccurred(orders.error().message);
                           return;
                       }
                       PrivateUpdate update{std::move(orders).value(), {}, {}, {}};
                       if (self->m_snapshotting) {
                           self->m_held.push_back(std::move(update));
                           return;
                       }
                       self->m_store.apply(update);
                       Q_EMIT self->storeChanged();
                   });
}

void TradingSession::fail(const QString& message)
{
    Q_EMIT errorOccurred(message);
}

void TradingSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}
