// TradingSession's REST side: the snapshot that reconciles the store after every (re)connect, and the
// balance/position refresh after fills at venues that push neither.
#include "tradingsession.h"

#include <QTimer>

#include <algorithm>
#include <memory>

namespace {
// After a snapshot part failed, the whole snapshot is taken again: 1 s later, then twice as long each
// time, up to 30 s (a venue that keeps failing is not asked every second).
constexpr int kFirstSnapshotRetryMs = 1'000;
constexpr int kMaxSnapshotRetryMs = 30'000;
// How long after a fill balances and positions are read again (venues that push neither).
constexpr int kAccountRefreshDelayMs = 250;
} // namespace

void TradingSession::beginSnapshot()
{
    setState(State::Syncing);
    m_snapshotting = true;
    m_snapshotFailed = false;
    m_snapshot = {};
    m_held.clear();
    m_heldBeforeBalances = 0;
    m_heldBeforeAccount.clear();
    const std::uint64_t generation = m_generation;
    QPointer<TradingSession> self(this);

    // Every part answers once; a failure is reported and the snapshot finishes without reconciling.
    // listRead: an open-orders list, which a venue may refuse to mean "none" (isEmptyListRefusal).
    auto part = [self, generation](auto parse, auto store, bool listRead = false) {
        return [self, generation, parse, store, listRead](const SignedRestClient::Reply& reply) {
            if (!self || generation != self->m_generation)
                return;
            if (!reply && self->m_adapter->isAuthenticationError(reply.error())) {
                self->refuseAuth(reply.error().message);
                return;
            }
            if (!reply && listRead && self->m_adapter->isEmptyListRefusal(reply.error())) {
                // Nothing to store.
            } else if (!reply) {
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
    m_client->send(m_adapter->balancesRequestFor(m_config.categories),
                   part([this](const QJsonDocument& d) { return m_adapter->parseBalances(d); },
                        [this](std::vector<Balance> b) {
                            m_snapshot.balances.insert(m_snapshot.balances.end(), b.begin(), b.end());
                            m_heldBeforeBalances = m_held.size();
                        }));
    for (const SignedRequest& setup : m_adapter->accountSetupRequests(m_config.categories)) {
        ++m_partsLeft;
        m_client->send(setup, part([this](const QJsonDocument& d) { return m_adapter->parseAccountSetup(d); },
                                   [](bool) {}));
    }
    for (const SignedRequest& more : m_adapter->moreBalancesRequests(m_config.categories)) {
        ++m_partsLeft;
        m_client->send(more, part([this](const QJsonDocument& d) { return m_adapter->parseBalances(d); },
                                  [this](std::vector<Balance> b) {
                                      for (const Balance& balance : b)
                                          m_heldBeforeAccount.insert(balance.account, m_held.size());
                                      m_snapshot.balances.insert(m_snapshot.balances.end(), b.begin(),
                                                                 b.end());
                                  }));
    }
    // Open orders, and the reads that complete what a list named (followUpOrdersRequests): sent from the
    // list's reply, before that part is done, so the snapshot waits for them; they come after the list,
    // so the reconcile takes their version of an order.
    const auto parseOrders = [this](const QJsonDocument& d) { return m_adapter->parseOrders(d); };
    const auto storeOrders = [this](std::vector<Order> o) {
        m_snapshot.openOrders.insert(m_snapshot.openOrders.end(), o.begin(), o.end());
    };
    const auto storeListed = [this, part, parseOrders, storeOrders](std::vector<Order> o) {
        for (const SignedRequest& followUp : m_adapter->followUpOrdersRequests(o)) {
            ++m_partsLeft;
            m_client->send(followUp, part(parseOrders, storeOrders));
        }
        storeOrders(std::move(o));
    };
    const auto parsePositions = [this](const QJsonDocument& d) { return m_adapter->parsePositions(d); };
    const auto storePositions = [this](std::vector<Position> p) {
        m_snapshot.positions.insert(m_snapshot.positions.end(), p.begin(), p.end());
    };
    for (Category category : m_config.categories) {
        ++m_partsLeft;
        m_client->send(m_adapter->openOrdersRequest(category, {}), part(parseOrders, storeListed, true));
        for (const SignedRequest& more : m_adapter->moreOpenOrdersRequests(category, {})) {
            ++m_partsLeft;
            m_client->send(more, part(parseOrders, storeListed, true));
        }
        if (m_adapter->listsExecutionsForAllSymbols()) {
            ++m_partsLeft;
            m_client->send(m_adapter->executionsRequest(category, {}),
                           part([this](const QJsonDocument& d) { return m_adapter->parseFills(d); },
                                [this](std::vector<Fill> f) {
                                    m_snapshot.fills.insert(m_snapshot.fills.end(), f.begin(), f.end());
                                }));
        }
        if (category != Category::Spot) {
            ++m_partsLeft;
            m_client->send(m_adapter->positionsRequest(category, {}), part(parsePositions, storePositions));
        }
    }
    for (const SignedRequest& more : m_adapter->morePositionsRequests(m_config.categories)) {
        ++m_partsLeft;
        m_client->send(more, part(parsePositions, storePositions));
    }
}

void TradingSession::scheduleAccountRefresh()
{
    if (m_accountRefreshQueued)
        return;
    m_accountRefreshQueued = true;
    // Fills come in bursts: one read for the burst.
    QPointer<TradingSession> self(this);
    QTimer::singleShot(kAccountRefreshDelayMs, this, [self] {
        if (!self)
            return;
        self->m_accountRefreshQueued = false;
        self->refreshAccount();
    });
}

void TradingSession::refreshAccount()
{
    if (m_state != State::Live || m_snapshotting)
        return; // a snapshot under way reads them anyway
    const std::uint64_t generation = m_generation;
    QPointer<TradingSession> self(this);
    const auto applyIfCurrent = [self, generation](PrivateUpdate update) {
        if (!self || generation != self->m_generation || self->m_snapshotting)
            return;
        self->m_store.apply(update);
        Q_EMIT self->storeChanged();
    };
    const auto readBalances = [self, applyIfCurrent](const SignedRestClient::Reply& reply) {
        if (!self)
            return;
        if (!reply) {
            Q_EMIT self->errorOccurred(reply.error().message);
            return;
        }
        auto balances = self->m_adapter->parseBalances(reply.value());
        if (!balances) {
            Q_EMIT self->errorOccurred(balances.error().message);
            return;
        }
        PrivateUpdate update;
        update.balances = std::move(balances).value();
        applyIfCurrent(std::move(update));
    };
    m_client->send(m_adapter->balancesRequestFor(m_config.categories), readBalances);
    for (const SignedRequest& more : m_adapter->moreBalancesRequests(m_config.categories))
        m_client->send(more, readBalances);
    const auto readPositions = [self, applyIfCurrent](const SignedRestClient::Reply& reply) {
        if (!self)
            return;
        if (!reply) {
            Q_EMIT self->errorOccurred(reply.error().message);
            return;
        }
        auto positions = self->m_adapter->parsePositions(reply.value());
        if (!positions) {
            Q_EMIT self->errorOccurred(positions.error().message);
            return;
        }
        PrivateUpdate update;
        update.positions = std::move(positions).value();
        applyIfCurrent(std::move(update));
    };
    for (Category category : m_config.categories) {
        if (category != Category::Spot)
            m_client->send(m_adapter->positionsRequest(category, {}), readPositions);
    }
    for (const SignedRequest& more : m_adapter->morePositionsRequests(m_config.categories))
        m_client->send(more, readPositions);
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
        if (!m_snapshotFailed) {
            auto& balances = held[i].balances;
            balances.erase(std::remove_if(balances.begin(), balances.end(),
                                          [this, i](const Balance& b) {
                                              const auto read = m_heldBeforeAccount.constFind(b.account);
                                              return read != m_heldBeforeAccount.cend()
                                                         ? i < *read
                                                         : i < m_heldBeforeBalances;
                                          }),
                           balances.end());
        }
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
