#include "tradingstore.h"

#include <algorithm>

namespace {
constexpr std::size_t MaxClosedOrders = 1000;
}

TradingStore::TradingStore(std::size_t maxFills)
    : m_maxFills(std::max<std::size_t>(1, maxFills))
{}

void TradingStore::apply(const PrivateUpdate& update)
{
    bool orders = false;
    for (const Order& order : update.orders)
        orders = applyOrder(order) || orders;
    if (orders)
        ++m_orderVersion;

    bool fills = false;
    for (const Fill& fill : update.fills)
        fills = addFill(fill) || fills;
    if (fills)
        ++m_fillVersion;

    bool positions = false;
    for (const Position& position : update.positions) {
        const QString key = positionKey(position);
        auto it = m_positions.find(key);
        if (it != m_positions.end() && it->updatedMs > position.updatedMs)
            continue;
        if (it != m_positions.end() && *it == position)
            continue;
        m_positions.insert(key, position);
        positions = true;
    }
    if (positions)
        ++m_positionVersion;

    bool balances = false;
    for (const Balance& balance : update.balances) {
        const QString key = balanceKey(balance);
        auto it = m_balances.find(key);
        if (it != m_balances.end() && *it == balance)
            continue;
        m_balances.insert(key, balance);
        balances = true;
    }
    if (balances)
        ++m_balanceVersion;
}

std::vector<Order> TradingStore::reconcile(const TradingSnapshot& snapshot)
{
    QSet<QString> inSnapshot;
    for (const Order& order : snapshot.openOrders)
        inSnapshot.insert(order.orderId);

    std::vector<Order> gone;
    for (auto it = m_open.cbegin(); it != m_open.cend(); ++it)
        if (!inSnapshot.contains(it.key()))
            gone.push_back(it.value());
    std::sort(gone.begin(), gone.end(), [](const Order& a, const Order& b) { return a.orderId < b.orderId; });
    for (Order order : gone) {
        removeOpen(order.orderId);
        order.status = OrderStatus::Unknown;
        closeOrder(order);
    }

    bool ordersChanged = !gone.empty();
    for (const Order& order : snapshot.openOrders) {
        auto it = m_open.find(order.orderId);
        if (it != m_open.end() && *it == order)
            continue;
        // The snapshot is the truth: it replaces whatever the store held, newer or not.
        removeOpen(order.orderId);
        m_closed.remove(order.orderId);
        if (isOpenStatus(order.status)) {
            m_open.insert(order.orderId, order);
            if (!order.clientOrderId.isEmpty())
                m_byClientId.insert(order.clientOrderId, order.orderId);
        } else {
            closeOrder(order);
        }
        ordersChanged = true;
    }
    if (ordersChanged)
        ++m_orderVersion;

    bool fills = false;
    for (const Fill& fill : snapshot.fills)
        fills = addFill(fill) || fills;
    if (fills)
        ++m_fillVersion;

    QHash<QString, Position> positions;
    for (const Position& position : snapshot.positions)
        positions.insert(positionKey(position), position);
    if (positions != m_positions) {
        m_positions = std::move(positions);
        ++m_positionVersion;
    }

    QHash<QString, Balance> balances;
    for (const Balance& balance : snapshot.balances)
        balances.insert(balanceKey(balance), balance);
    if (balances != m_balances) {
        m_balances = std::move(balances);
        ++m_balanceVersion;
    }
    return gone;
}

void TradingStore::applyFinalStates(const std::vector<Order>& orders)
{
    bool changed = false;
    for (const Order& order : orders) {
        if (isOpenStatus(order.status))
            continue; // not a final state
        auto it = m_closed.find(order.orderId);
        if (it != m_closed.end() && *it == order)
            continue;
        removeOpen(order.orderId);
        closeOrder(order);
        changed = true;
    }
    if (changed)
        ++m_orderVersion;
}

bool TradingStore::applyOrder(const Order& order)
{
    if (order.orderId.isEmpty())
        return false;
    if (auto it = m_open.find(order.orderId); it != m_open.end()) {
        if (it->updatedMs > order.updatedMs || *it == order)
            return false;
    }
    if (auto it = m_closed.find(order.orderId); it != m_closed.end()) {
        // A closed order stays closed; a later final state (e.g. the real one after Unknown) replaces it.
        if (isOpenStatus(order.status) ||
            (it->status != OrderStatus::Unknown && it->updatedMs > order.updatedMs) || *it == order)
            return false;
    }
    if (isOpenStatus(order.status)) {
        m_open.insert(order.orderId, order);
        if (!order.clientOrderId.isEmpty())
            m_byClientId.insert(order.clientOrderId, order.orderId);
    } else {
        removeOpen(order.orderId);
        closeOrder(order);
    }
    return true;
}

bool TradingStore::addFill(const Fill& fill)
{
    if (fill.executionId.isEmpty() || m_fillIds.contains(fill.executionId))
        return false;
    // Kept in time order: a fill from a snapshot may be older than ones the stream already gave.
    auto pos = std::upper_bound(m_fills.begin(), m_fills.end(), fill.timeMs,
                                [](std::int64_t t, const Fill& f) { return t < f.timeMs; });
    m_fills.insert(pos, fill);
    m_fillIds.insert(fill.executionId);
    while (m_fills.size() > m_maxFills) {
        m_fillIds.remove(m_fills.front().executionId);
        m_fills.pop_front();
    }
    return true;
}

void TradingStore::closeOrder(const Order& order)
{
    if (!m_closed.contains(order.orderId))
        m_closedOrder.push_back(order.orderId);
    m_closed.insert(order.orderId, order);
    while (m_closedOrder.size() > MaxClosedOrders) {
        m_closed.remove(m_closedOrder.front());
        m_closedOrder.pop_front();
    }
}

void TradingStore::removeOpen(const QString& orderId)
{
    auto it = m_open.find(orderId);
    if (it == m_open.end())
        return;
    if (!it->clientOrderId.isEmpty() && m_byClientId.value(it->clientOrderId) == orderId)
        m_byClientId.remove(it->clientOrderId);
    m_open.erase(it);
}

const Order* TradingStore::findOpenOrder(const QString& orderId) const
{
    auto it = m_open.constFind(orderId);
    return it == m_open.cend() ? nullptr : &*it;
}

const Order* TradingStore::findOpenOrderByClientId(const QString& clientOrderId) const
{
    auto id = m_byClientId.constFind(clientOrderId);
    return id == m_byClientId.cend() ? nullptr : findOpenOrder(*id);
}

const Order* TradingStore::findClosedOrder(const QString& orderId) const
{
    auto it = m_closed.constFind(orderId);
    return it == m_closed.cend() ? nullptr : &*it;
}

std::vector<Order> TradingStore::openOrders() const
{
    std::vector<Order> out(m_open.cbegin(), m_open.cend());
    std::sort(out.begin(), out.end(), [](const Order& a, const Order& b) {
        return a.createdMs != b.createdMs ? a.createdMs < b.createdMs : a.orderId < b.orderId;
    });
    return out;
}

std::vector<Order> TradingStore::closedOrders() const
{
    std::vector<Order> out(m_closed.cbegin(), m_closed.cend());
    std::sort(out.begin(), out.end(), [](const Order& a, const Order& b) {
        return a.updatedMs != b.updatedMs ? a.updatedMs > b.updatedMs : a.orderId > b.orderId;
    });
    return out;
}

std::vector<Position> TradingStore::positions() const
{
    std::vector<Position> out(m_positions.cbegin(), m_positions.cend());
    std::sort(out.begin(), out.end(), [](const Position& a, const Position& b) {
        return a.symbol != b.symbol ? a.symbol < b.symbol : a.positionSide < b.positionSide;
    });
    return out;
}

std::vector<Balance> TradingStore::balances() const
{
    std::vector<Balance> out(m_balances.cbegin(), m_balances.cend());
    std::sort(out.begin(), out.end(), [](const Balance& a, const Balance& b) {
        return a.account != b.account ? a.account < b.account : a.coin < b.coin;
    });
    return out;
}

const Position* TradingStore::findPosition(const QString& symbol, PositionSide leg) const
{
    auto it = m_positions.constFind(positionKey(symbol, leg));
    return it == m_positions.cend() ? nullptr : &*it;
}

std::vector<Position> TradingStore::positionsOf(const QString& symbol) const
{
    std::vector<Position> out;
    for (PositionSide leg : {PositionSide::Net, PositionSide::Long, PositionSide::Short}) {
        if (const Position* position = findPosition(symbol, leg))
            out.push_back(*position);
    }
    return out;
}

const Balance* TradingStore::findBalance(const QString& coin, const QString& account) const
{
    auto it = m_balances.constFind(balanceKey(coin, account));
    return it == m_balances.cend() ? nullptr : &*it;
}

QString TradingStore::positionKey(const QString& symbol, PositionSide leg)
{
    return leg == PositionSide::Net ? symbol : symbol + QLatin1Char(' ') + positionSideName(leg);
}

QString TradingStore::balanceKey(const QString& coin, const QString& account)
{
    return account.isEmpty() ? coin : account + QLatin1Char(':') + coin;
}

void TradingStore::clear()
{
    m_open.clear();
    m_byClientId.clear();
    m_closed.clear();
    m_closedOrder.clear();
    m_fills.clear();
    m_fillIds.clear();
    m_positions.clear();
    m_balances.clear();
    ++m_orderVersion;
    ++m_fillVersion;
    ++m_positionVersion;
    ++m_balanceVersion;
}
