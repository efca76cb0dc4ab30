#pragma once

#include "models/ordervalidation.h"
#include "models/trading.h"
#include "restrequest.h"
#include "tradingadapter.h"

#include <QObject>

#include <QPointer>
#include <memory>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

class SignedRestClient;

// Places, cancels and lists orders on one venue through its TradingAdapter. An order is validated
// against its instrument, given a fresh client order id and sent exactly once: a reply that never
// arrives (timeout, lost connection) leaves the outcome unknown, and the order is then looked up by
// its client order id (open orders, then history) instead of being sent again.
class OrderSubmitter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderSubmitter)

public:
    struct PlaceOutcome
    {
        enum class Kind : std::uint8_t
        {
            Live,            // accepted and working (or waiting for its trigger)
            Filled,          // accepted and filled
            Accepted,        // acknowledged; its state could not be read back yet
            CancelledAtOnce, // accepted, then cancelled by the venue (crossing post-only, unfilled IOC/FOK)
            Refused,         // broke the instrument's rules: nothing was sent
            Rejected,        // the venue refused it; error.message is the venue's text verbatim
            Failed,          // not sent (no key, could not sign) or refused before reaching the engine
            Unknown,         // the reply was lost and the lookup found nothing
        };
        Kind kind = Kind::Unknown;
        OrderRequest request; // as sent, with its client order id
        std::optional<OrderAck> ack;
        std::optional<Order> order; // the venue's view, when it could be read
        std::vector<OrderRuleViolation> violations;
        std::optional<RestError> error; // the send's error, or the lookup's when nothing was found
        bool outcomeWasUnknown = false; // the create reply was lost; order comes from the lookup
        QString reason;                 // the venue's cancel/reject reason, verbatim
    };
    using PlaceCallback = std::function<void(const PlaceOutcome&)>;
    using LookupResult = Result<std::optional<Order>, RestError>;
    using LookupCallback = std::function<void(const LookupResult&)>;
    using CancelCallback = std::function<void(const Result<OrderAck, RestError>&)>;
    using ListCallback = std::function<void(const Result<std::vector<Order>, RestError>&)>;

    OrderSubmitter(SignedRestClient* client, TradingAdapter* adapter, QObject* parent = nullptr);
    ~OrderSubmitter() override;

    // How often (and how far apart) an order whose create reply was lost is looked up before it is
    // called unknown; the request may still be on its way to the matching engine. Default 3 × 500 ms.
    void setLookupAttempts(int attempts, std::chrono::milliseconds interval);

    // referencePrice: for a market order's minimum-notional check (see validateOrder).
    void place(OrderRequest request, const Instrument& instrument, std::optional<Decimal> referencePrice,
               PlaceCallback done);
    // Finds an order by reference (open orders, including recently closed, then history).
    void lookup(const OrderReference& order, LookupCallback done);
    // A cancel whose reply is lost is resolved by looking the order up: cancelled there is a success;
    // anything else reports the send's error. It is never sent again.
    void cancel(const OrderReference& order, CancelCallback done);
    void listOpen(Category category, const QString& symbol, ListCallback done);

    // The outcome a found order stands for (Live, Filled or CancelledAtOnce).
    static PlaceOutcome::Kind kindOf(const Order& order);

private:
    struct ListPending
    {
        int left = 0;
        std::vector<Order> orders;
        std::optional<RestError> error;
        ListCallback done;
    };
    void sendListPart(const SignedRequest& request, const std::shared_ptr<ListPending>& pending, bool listed);
    void lookupAttempt(const OrderReference& order, int attemptsLeft, LookupCallback done);
    void afterSend(PlaceOutcome outcome, const RestClient::Reply& reply, PlaceCallback done);
    void finishWithLookup(PlaceOutcome outcome, PlaceCallback done);
    void resolveCancel(const OrderReference& order, const RestError& error, CancelCallback done);

    QPointer<SignedRestClient> m_client;
    TradingAdapter* m_adapter;
    int m_lookupAttempts = 3;
    std::chrono::milliseconds m_lookupInterval{500};
};
