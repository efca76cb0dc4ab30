#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <cstdint>
#include <deque>
#include <functional>

class QTimer;

// One of a venue's published budgets: `capacity` units (requests, or Binance weight) per `windowMs`.
struct RateBudget
{
    QString name; // "requests", "orders", "path:/v5/order/create"
    int capacity = 0;
    qint64 windowMs = 0;
};

// Token buckets for one venue endpoint, refilled continuously at capacity / window. A request waits
// until every budget it is charged to has room; waiting requests go in arrival order within their
// lane, and the cancel lane always goes first. Normal traffic may not spend the last part of a budget
// (the cancel reserve), so a cancel is never starved by a burst of other requests. The venue's own
// view of a budget (response headers) lowers ours when it is tighter.
class RateLimiter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateLimiter)

public:
    enum class Priority : std::uint8_t
    {
        Normal,
        Cancel, // order cancels: ahead of everything and allowed to use the reserve
    };
    struct Cost
    {
        QString budget;
        int units = 1;
    };

    explicit RateLimiter(const QList<RateBudget>& budgets = {}, QObject* parent = nullptr);
    ~RateLimiter() override;

    // Adds a budget, or changes an existing one's capacity and window (keeping what is spent).
    void setBudget(const RateBudget& budget);
    bool hasBudget(const QString& name) const { return m_buckets.contains(name); }
    // The share of every budget normal traffic leaves for cancels (at least one unit). Default 0.1.
    void setCancelReserve(double fraction);

    // Calls go once every charged budget has room: at once, inside acquire(), when there is room now
    // and nothing waits ahead; otherwise later, from the event loop on this thread, in priority and
    // arrival order. Costs naming an unknown budget are ignored.
    void acquire(Priority priority, const QList<Cost>& costs, std::function<void()> go);

    // What the venue reported: `remaining` units left in the budget; when it is 0 and resetInMs ≥ 0, the
    // budget stays empty that long.
    void observeRemaining(const QString& budget, int remaining, qint64 resetInMs = -1);
    // What the venue reported as already used in the current window (Binance X-MBX-USED-WEIGHT-1M).
    void observeUsed(const QString& budget, int used);

    double available(const QString& budget) const; // units available now
    qsizetype waiting() const { return qsizetype(m_cancels.size() + m_normal.size()); }

private:
    struct Bucket
    {
        RateBudget budget;
        double tokens = 0;
        qint64 refilledAt = 0;  // monotonic ms
        qint64 emptyUntil = -1; // monotonic ms; the venue said the budget is spent until then
    };
    struct Waiter
    {
        QList<Cost> costs;
        std::function<void()> go;
    };

    qint64 now() const { return m_clock.elapsed(); }
    void refill(Bucket& bucket, qint64 at) const;
    double reserveOf(const Bucket& bucket) const;
    // 0 when the waiter can go now, else the ms until it may.
    qint64 waitFor(const Waiter& waiter, Priority priority, qint64 at);
    void spend(const Waiter& waiter);
    void pump();

    QElapsedTimer m_clock;
    QHash<QString, Bucket> m_buckets;
    std::deque<Waiter> m_cancels;
    std::deque<Waiter> m_normal;
    double m_reserveFraction = 0.1;
    QTimer* m_timer;
    bool m_pumpQueued = false;
};
