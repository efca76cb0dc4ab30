#include "tradingsession.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace {
// After a snapshot part failed, the whole snapshot is taken again: 1 s later, then twice as long each
// time, up to 30 s (a venue that keeps failing is not asked every second).
constexpr int kFirstSnapshotRetryMs = 1'000;
constexpr int kMaxSnapshotRetryMs = 30'000;
} // namespace

TradingSession::TradingSession(SignedRestClient* client, TradingAdapter* adapter, Config config,
                               QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_adapter(adapter)
    , m_config(std::move(config))
    , m_submitter(client, adapter)
{
    Q_ASSERT(m_config.protocol);
}

TradingSession::~TradingSession() = default;

void TradingSession::start()
{
    stop();
    m_stream =
        std::make_unique<StreamClient>(m_config.privateStreamUrl, *m_config.protocol, m_config.streamOptions);
    connect(m_stream.get(), &StreamClient::connected, this, &TradingSession::onConnected);
    connect(m_stream.get(), &StreamClient::frameReceived, this, &TradingSession::onFrame);
    connect(m_stream.get(), &StreamClient::stateChanged, this,
            [this](StreamClient::State state, int, int) { onStreamState(state); });
    connect(m_stream.get(), &StreamClient::errorOccurred, this, &TradingSession::errorOccurred);
    setState(State::Connecting);
    m_stream->open();
}

void TradingSession::stop()
{
    ++m_generation;
    m_snapshotting = false;
    m_held.clear();
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->close();
        m_stream.reset();
    }
    setState(State::Disconnected);
}

void TradingSession::onStreamState(StreamClient::State state)
{
    if (m_state == State::AuthFailed)
        return;
    if (state == StreamClient::State::Reconnecting) {
        ++m_generation; // abandons a snapshot in flight
        m_snapshotting = false;
        m_held.clear();
        setState(State::Reconnecting);
    } else if (state == StreamClient::State::Connecting) {
        setState(State::Connecting);
    }
}

void TradingSession::onConnected()
{
    ++m_generation;
    m_snapshotting = false;
    m_held.clear();
    // Nothing may be subscribed before the login is accepted: StreamClient resends its set right after
    // this signal, so the set is emptied now (not live yet, so nothing is sent) and filled after login.
    m_stream->unsubscribe(m_stream->subscriptions());
    setState(State::Authenticating);
    const std::uint64_t generation = m_generation;
    if (!m_config.credentials) {
        fail(tr("No credentials for the private stream"));
        return;
    }
    QPointer<TradingSession> self(this);
    m_config.credentials(m_config.venue, m_config.environment,
                         [self, generation](const SignedRestClient::CredentialsResult& credentials) {
                             if (!self || generation != self->m_generation || !self->m_stream)
                                 return;
                             if (!credentials) {
                                 self->fail(credentials.error());
                                 return;
                             }
                             const qint64 expires =
                                 QDateTime::currentMSecsSinceEpoch() +
                                 self->m_client->clockOffsetMs(self->m_config.restUrl, self->m_config.venue) +
                                 self->m_config.authExpiryMs;
                             const QByteArray message =
                                 self->m_adapter->streamAuthMessage(credentials.value(), expires);
                             ++self->m_authAttempts;
                             if (message.isEmpty()) {
                                 // The venue needs no login.
                                 self->m_stream->subscribe(self->m_adapter->streamTopics());
                                 self->beginSnapshot();
                                 return;
                             }
                             self->m_stream->sendText(message);
                         });
}

void TradingSession::onFrame(const QByteArray& frame)
{
    PrivateStreamFrame parsed = m_adapter->parseStreamFrame(frame);
    switch (parsed.kind) {
    case PrivateStreamFrame::Kind::AuthAccepted:
        if (m_state != State::Authenticating)
            return;
        m_stream->subscribe(m_adapter->streamTopics());
        beginSnapshot();
        return;
    case PrivateStreamFrame::Kind::AuthRejected: {
        // A wrong key or secret does not get better by retrying: stop and say what the venue said.
        const QString message = parsed.error;
        ++m_generation;
        m_snapshotting = false;
        m_stream->disconnect(this);
        m_stream->close();
        setState(State::AuthFailed);
        Q_EMIT authFailed(message);
        Q_EMIT errorOccurred(message);
        return;
    }
    case PrivateStreamFrame::Kind::SubscribeRejected:
        Q_EMIT errorOccurred(parsed.error);
        return;
    case PrivateStreamFrame::Kind::Data: {
        if (!parsed.topic.isEmpty())
            m_stream->noteTopicActivity(parsed.topic.toStdString());
        PrivateUpdate update{std::move(parsed.orders), std::move(parsed.fills), std::move(parsed.positions),
                             std::move(parsed.balances)};
        if (m_snapshotting) {
            m_held.push_back(std::move(update));
            return;
        }
        m_store.apply(update);
        Q_EMIT storeChanged();
        return;
    }
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

void TradingSession::beginSnapshot()
{
    setState(State::Syncing);
    m_snapshotting = true;
    m_snapshotFailed = false;
    m_snapshot = {};
    m_held.clear();
    m_heldBeforeBalances = 0;
    const std::uint64_t generation = m_generation;
    QPointer<TradingSession> self(this);

    // Every part answers once; a failure is reported and the snapshot finishes without reconciling.
    auto part = [self, generation](auto parse, auto store) {
        return [self, generation, parse, store](const SignedRestClient::Reply& reply) {
            if (!self || generation != self->m_generation)
                return;
            if (!reply) {
                self->m_snapshotFailed = true;
                Q_EMIT self->errorOccurred(reply.error().message);
            } else {
                auto parsed = parse(reply.value());
                if (!parsed) {
                    self->m_snapshotFailed = true;
                    Q_EMIT self->errorOccurred(parsed.error().message);
                } else {
                    store(std::move(parsed).value());
                }
            }
            self->snapshotPartDone(generation);
        };
    };

    m_partsLeft = 1;
    m_client->send(m_adapter->balancesRequest(),
                   part([this](const QJsonDocument& d) { return m_adapter->parseBalances(d); },
                        [this](std::vector<Balance> b) {
                            m_snapshot.balances = std::move(b);
                            m_heldBeforeBalances = m_held.size();
                        }));
    for (Category category : m_config.categories) {
        m_partsLeft += 2;
        m_client->send(m_adapter->openOrdersRequest(category, {}),
                       part([this](const QJsonDocument& d) { return m_adapter->parseOrders(d); },
                            [this](std::vector<Order> o) {
                                m_snapshot.openOrders.insert(m_snapshot.openOrders.end(), o.begin(), o.end());
                            }));
        m_client->send(m_adapter->executionsRequest(category, {}),
                       part([this](const QJsonDocument& d) { return m_adapter->parseFills(d); },
                            [this](std::vector<Fill> f) {
                                m_snapshot.fills.insert(m_snapshot.fills.end(), f.begin(), f.end());
                            }));
        if (category != Category::Spot) {
            ++m_partsLeft;
            m_client->send(m_adapter->positionsRequest(category, {}),
                           part([this](const QJsonDocument& d) { return m_adapter->parsePositions(d); },
                                [this](std::vector<Position> p) {
                                    m_snapshot.positions.insert(m_snapshot.positions.end(), p.begin(),
                                                                p.end());
                                }));
        }
    }
}

void TradingSession::snapshotPartDone(std::uint64_t generation)
{
    if (generation != m_generation || --m_partsLeft > 0)
        return;
    m_snapshotting = false;
    std::vector<PrivateUpdate> held = std::move(m_held);
    m_held.clear();
    if (!m_snapshotFailed) {
        const std::vector<Order> gone = m_store.reconcile(m_snapshot);
        // Orders that closed while we were away: their final state from the venue's history.
        for (const Order& order : gone) {
            OrderReference ref{order.symbol, order.category, order.orderId, order.clientOrderId};
            QPointer<TradingSession> self(this);
            m_client->send(m_adapter->orderHistoryRequest(order.category, order.symbol, &ref),
                           [self](const SignedRestClient::Reply& reply) {
                               if (!self || !reply)
                                   return;
                               auto orders = self->m_adapter->parseOrders(reply.value());
                               if (!orders)
                                   return;
                               self->m_store.applyFinalStates(orders.value());
                               Q_EMIT self->storeChanged();
                           });
        }
        ++m_snapshots;
    }
    // Pushes held during the snapshot: orders and positions carry their update time and fills their
    // execution id, so the store keeps only what is newer; wallets pushed before the balances reply are
    // older than it and dropped.
    for (std::size_t i = 0; i < held.size(); ++i) {
        if (!m_snapshotFailed && i < m_heldBeforeBalances)
            held[i].balances.clear();
        m_store.apply(held[i]);
    }
    m_snapshot = {};
    Q_EMIT storeChanged();
    if (m_snapshotFailed) {
        // Trading on an account whose orders and positions were not read is trading blind: stay syncing
        // (the failure was reported) and take the snapshot again.
        const int delayMs = m_snapshotRetryMs;
        m_snapshotRetryMs = std::min(2 * m_snapshotRetryMs, kMaxSnapshotRetryMs);
        QPointer<TradingSession> self(this);
        QTimer::singleShot(delayMs, this, [self, generation] {
            if (self && generation == self->m_generation && self->m_state == State::Syncing)
                self->beginSnapshot();
        });
        return;
    }
    m_snapshotRetryMs = kFirstSnapshotRetryMs;
    setState(State::Live);
    Q_EMIT synced();
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

void TradingSession::placeOrder(OrderRequest request, const Instrument& instrument,
                                std::optional<Decimal> referencePrice, OrderSubmitter::PlaceCallback done)
{
    QPointer<TradingSession> self(this);
    m_submitter.place(std::move(request), instrument, referencePrice,
                      [self, done](const OrderSubmitter::PlaceOutcome& outcome) {
                          if (self) {
                              if (outcome.error &&
                                  (outcome.kind == OrderSubmitter::PlaceOutcome::Kind::Rejected ||
                                   outcome.kind == OrderSubmitter::PlaceOutcome::Kind::Failed))
                                  Q_EMIT self->errorOccurred(outcome.error->message);
                              Q_EMIT self->orderPlaced(outcome);
                          }
                          if (done)
                              done(outcome);
                      });
}

void TradingSession::cancelOrder(const OrderReference& order, OrderSubmitter::CancelCallback done)
{
    QPointer<TradingSession> self(this);
    m_submitter.cancel(order, [self, done](const Result<OrderAck, RestError>& result) {
        if (self && !result)
            Q_EMIT self->errorOccurred(result.error().message);
        if (done)
            done(result);
    });
}

void TradingSession::amendOrder(const OrderAmendment& amendment, const Instrument& instrument,
                                OrderSubmitter::CancelCallback done)
{
    QPointer<TradingSession> self(this);
    m_client->send(m_adapter->amendOrderRequest(amendment, instrument),
                   [self, done](const SignedRestClient::Reply& reply) {
                       if (!self)
                           return;
                       Result<OrderAck, RestError> result = [&]() -> Result<OrderAck, RestError> {
                           if (!reply)
                               return Result<OrderAck, RestError>::failure(reply.error());
                           auto ack = self->m_adapter->parseOrderAck(reply.value());
                           if (!ack) {
                               RestError error;
                               error.kind = RestError::Kind::Parse;
                               error.message = ack.error().message;
                               return Result<OrderAck, RestError>::failure(error);
                           }
                           return ack.value();
                       }();
                       if (!result)
                           Q_EMIT self->errorOccurred(result.error().message);
                       if (done)
                           done(result);
                   });
}

void TradingSession::cancelAll(Category category, const QString& symbol,
                               std::function<void(const Result<bool, RestError>&)> done)
{
    QPointer<TradingSession> self(this);
    m_client->send(
        m_adapter->cancelAllRequest(category, symbol), [self, done](const SignedRestClient::Reply& reply) {
            if (!self)
                return;
            if (!reply)
                Q_EMIT self->errorOccurred(reply.error().message);
            if (done)
                done(reply ? Result<bool, RestError>(true) : Result<bool, RestError>::failure(reply.error()));
        });
}
