#include "ratelimiter.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

RateLimiter::RateLimiter(const QList<RateBudget>& budgets, QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_clock.start();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RateLimiter::pump);
    for (const RateBudget& budget : budgets)
        setBudget(budget);
}

RateLimiter::~RateLimiter() = default;

void RateLimiter::setBudget(const RateBudget& budget)
{
    if (budget.capacity <= 0 || budget.windowMs <= 0)
        return;
    auto it = m_buckets.find(budget.name);
    if (it == m_buckets.end()) {
        m_buckets.insert(budget.name, Bucket{budget, double(budget.capacity), now(), -1});
        return;
    }
    refill(*it, now());
    const double spent = it->budget.capacity - it->tokens;
    it->budget = budget;
    it->tokens = std::clamp(budget.capacity - spent, 0.0, double(budget.capacity));
}

void RateLimiter::setCancelReserve(double fraction)
{
    m_reserveFraction = std::clamp(fraction, 0.0, 0.9);
}

void RateLimiter::refill(Bucket& bucket, qint64 at) const
{
    if (bucket.emptyUntil >= 0) {
        if (at < bucket.emptyUntil) {
            bucket.tokens = 0;
            bucket.refilledAt = at;
            return;
        }
        // The venue's window has reset: its full budget is back.
        bucket.tokens = bucket.budget.capacity;
        bucket.refilledAt = at;
        bucket.emptyUntil = -1;
        return;
    }
    const qint64 elapsed = at - bucket.refilledAt;
    if (elapsed <= 0)
        return;
    const double rate = double(bucket.budget.capacity) / double(bucket.budget.windowMs);
    bucket.tokens = std::min<double>(bucket.budget.capacity, bucket.tokens + elapsed * rate);
    bucket.refilledAt = at;
}

double RateLimiter::reserveOf(const Bucket& bucket) const
{
    if (m_reserveFraction <= 0)
        return 0;
    return std::max(1.0, std::floor(bucket.budget.capacity * m_reserveFraction));
}

qint64 RateLimiter::waitFor(const Waiter& waiter, Priority priority, qint64 at)
{
    qint64 wait = 0;
    for (const Cost& cost : waiter.costs) {
        auto it = m_buckets.find(cost.budget);
        if (it == m_buckets.end() || cost.units <= 0)
            continue;
        Bucket& bucket = *it;
        refill(bucket, at);
        // A request costing more than the whole budget would wait forever; let it go on a full bucket.
        const double units = std::min<double>(cost.units, bucket.budget.capacity);
        const double reserve =
            priority == Priority::Cancel ? 0.0 : std::min(reserveOf(bucket), bucket.budget.capacity - units);
        const double needed = units + reserve;
        if (bucket.tokens >= needed)
            continue;
        if (bucket.emptyUntil >= 0 && at < bucket.emptyUntil) {
            wait = std::max(wait, bucket.emptyUntil - at);
            continue;
        }
        const double rate = double(bucket.budget.capacity) / double(bucket.budget.windowMs);
        wait = std::max(wait, qint64(std::ceil((needed - bucket.tokens) / rate)));
    }
    return wait;
}

void RateLimiter::spend(const Waiter& waiter)
{
    for (const Cost& cost : waiter.costs) {
        auto it = m_buckets.find(cost.budget);
        if (it != m_buckets.end() && cost.units > 0)
            it->tokens = std::max(0.0, it->tokens - std::min<double>(cost.units, it->budget.capacity));
    }
}

void RateLimiter::acquire(Priority priority, const QList<Cost>& costs, std::function<void()> go)
{
    Waiter waiter{costs, std::move(go)};
    // Room now and nobody ahead: granted at once, so an order leaves within the click that made it
    // instead of after whatever the event loop has queued meanwhile (a repaint, a batch of frames).
    const bool nobodyAhead = m_cancels.empty() && (priority == Priority::Cancel || m_normal.empty());
    if (nobodyAhead && waitFor(waiter, priority, now()) == 0) {
        spend(waiter);
        waiter.go();
        return;
    }
    (priority == Priority::Cancel ? m_cancels : m_normal).push_back(std::move(waiter));
    if (!m_pumpQueued) {
        m_pumpQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_pumpQueued = false;
            pump();
        });
    }
}

void RateLimiter::pump()
{
    std::vector<std::function<void()>> ready;
    qint64 nextWake = -1;
    const qint64 at = now();
    // Cancels first; normal traffic only while no cancel is waiting for room.
    while (!m_cancels.empty()) {
        const qint64 wait = waitFor(m_cancels.front(), Priority::Cancel, at);
        if (wait > 0) {
            nextWake = wait;
            break;
        }
        spend(m_cancels.front());
        ready.push_back(std::move(m_cancels.front().go));
        m_cancels.pop_front();
    }
    if (m_cancels.empty()) {
        while (!m_normal.empty()) {
            const qint64 wait = waitFor(m_normal.front(), Priority::Normal, at);
            if (wait > 0) {
                nextWake = wait;
                break;
            }
            spend(m_normal.front());
            ready.push_back(std::move(m_normal.front().go));
            m_normal.pop_front();
        }
    }
    if (nextWake >= 0)
        m_timer->start(int(std::min<qint64>(nextWake, 24 * 3600 * 1000)));
    for (auto& go : ready)
        go();
}

void RateLimiter::observeRemaining(const QString& budget, int remaining, qint64 resetInMs)
{
    auto it = m_buckets.find(budget);
    if (it == m_buckets.end())
        return;
    const qint64 at = now();
    refill(*it, at);
    it->tokens = std::min<double>(it->tokens, std::max(0, remaining));
    if (remaining <= 0 && resetInMs > 0)
        it->emptyUntil = at + resetInMs;
    if (!m_cancels.empty() || !m_normal.empty())
        m_timer->start(0);
}

void RateLimiter::observeUsed(const QString& budget, int used)
{
    auto it = m_buckets.find(budget);
    if (it == m_buckets.end())
        return;
    observeRemaining(budget, it->budget.capacity - used);
}

double RateLimiter::available(const QString& budget) const
{
    auto it = m_buckets.constFind(budget);
    if (it == m_buckets.cend())
        return 0;
    Bucket copy = *it;
    refill(copy, now());
    return copy.tokens;
}
