#include "ordersubmitter.h"

#include "signedrestclient.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace {

RestError parseError(const AdapterError& error)
{
    RestError e;
    e.kind = RestError::Kind::Parse;
    e.message = error.message;
    return e;
}

// Whether the request may have reached the venue and been executed although no usable reply came back.
bool outcomeUnknown(const RestError& error)
{
    switch (error.kind) {
    case RestError::Kind::Timeout:
    case RestError::Kind::Network:
    case RestError::Kind::Parse:
        return true;
    case RestError::Kind::Http:
        return error.httpStatus >= 500 || error.httpStatus == 0;
    case RestError::Kind::Tls:
    case RestError::Kind::RateLimited:
    case RestError::Kind::Venue:
    case RestError::Kind::Signing:
    case RestError::Kind::NotOffered:
    case RestError::Kind::Timestamp:
        return false;
    }
    return true;
}

std::optional<Order> matching(const std::vector<Order>& orders, const OrderReference& ref)
{
    for (const Order& o : orders) {
        if ((!ref.orderId.isEmpty() && o.orderId == ref.orderId) ||
            (ref.orderId.isEmpty() && !ref.clientOrderId.isEmpty() && o.clientOrderId == ref.clientOrderId))
            return o;
    }
    return std::nullopt;
}

} // namespace

OrderSubmitter::OrderSubmitter(SignedRestClient* client, TradingAdapter* adapter, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_adapter(adapter)
{}

OrderSubmitter::~OrderSubmitter() = default;

void OrderSubmitter::setLookupAttempts(int attempts, std::chrono::milliseconds interval)
{
    m_lookupAttempts = std::max(1, attempts);
    m_lookupInterval = interval;
}

OrderSubmitter::PlaceOutcome::Kind OrderSubmitter::kindOf(const Order& order)
{
    using Kind = PlaceOutcome::Kind;
    if (order.status == OrderStatus::Filled)
        return Kind::Filled;
    if (isCancelledStatus(order.status))
        return Kind::CancelledAtOnce;
    return Kind::Live;
}

void OrderSubmitter::place(OrderRequest request, const Instrument& instrument,
                           std::optional<Decimal> referencePrice, PlaceCallback done)
{
    PlaceOutcome outcome;
    outcome.violations = validateOrder(request, instrument, referencePrice);
    if (request.quantityInQuote && !m_adapter->offersQuoteQuantity(request))
        outcome.violations.push_back(
            {OrderRuleViolation::Rule::NotOfferedByVenue, QStringLiteral("qty"),
             QCoreApplication::translate("OrderSubmitter",
                                         "%1 does not take this order sized in the quote currency")
                 .arg(m_adapter->venue())});
    if (request.positionSide != PositionSide::Net && !m_adapter->hedgesPositions())
        outcome.violations.push_back(
            {OrderRuleViolation::Rule::NotOfferedByVenue, QStringLiteral("positionSide"),
             QCoreApplication::translate("OrderSubmitter",
                                         "%1 holds one position per symbol here: an order for the %2 leg "
                                         "cannot be sent")
                 .arg(m_adapter->venue(), positionSideName(request.positionSide))});
    if (!request.closesPositionId.isEmpty() && !m_adapter->closesPositionLots())
        outcome.violations.push_back(
            {OrderRuleViolation::Rule::NotOfferedByVenue, QStringLiteral("closesPositionId"),
             QCoreApplication::translate("OrderSubmitter",
                                         "%1 keeps no separate positions to close by id: close the position "
                                         "as a whole")
                 .arg(m_adapter->venue())});
    if (const QString why = m_adapter->notOffered(request); !why.isEmpty())
        outcome.violations.push_back(
            {OrderRuleViolation::Rule::NotOfferedByVenue, QStringLiteral("order"), why});
    if (!outcome.violations.empty()) {
        outcome.kind = PlaceOutcome::Kind::Refused;
        outcome.request = request;
        done(outcome);
        return;
    }
    if (request.clientOrderId.isEmpty())
        request.clientOrderId = m_adapter->newClientOrderId();
    outcome.request = request;
    if (!m_client) {
        outcome.kind = PlaceOutcome::Kind::Failed;
        done(outcome);
        return;
    }
    QPointer<OrderSubmitter> self(this);
    m_client->send(urgent(m_adapter->createOrderRequest(request, instrument)),
                   [self, outcome, done](const RestClient::Reply& reply) {
                       if (self)
                           self->afterSend(outcome, reply, done);
                   });
}

void OrderSubmitter::afterSend(PlaceOutcome outcome, const RestClient::Reply& reply, PlaceCallback done)
{
    if (!reply) {
        outcome.error = reply.error();
        // The same order sent again (a retry after a reconnect, a copy resent by any layer) is refused as a
        // duplicate client id: the first one's state is then looked up, not assumed.
        if (outcomeUnknown(reply.error()) || m_adapter->isDuplicateClientOrderId(reply.error())) {
            outcome.outcomeWasUnknown = true;
            finishWithLookup(std::move(outcome), std::move(done));
            return;
        }
        outcome.kind =
            reply.error().kind == RestError::Kind::Venue || reply.error().kind == RestError::Kind::RateLimited
                ? PlaceOutcome::Kind::Rejected
                : PlaceOutcome::Kind::Failed;
        done(outcome);
        return;
    }
    const auto ack = m_adapter->parseOrderAck(*reply);
    if (!ack) {
        // A success reply we cannot read: the order may exist.
        outcome.error = parseError(ack.error());
        outcome.outcomeWasUnknown = true;
        finishWithLookup(std::move(outcome), std::move(done));
        return;
    }
    outcome.ack = *ack;
    finishWithLookup(std::move(outcome), std::move(done));
}

void OrderSubmitter::finishWithLookup(PlaceOutcome outcome, PlaceCallback done)
{
    OrderReference ref{outcome.request.symbol, outcome.request.category,
                       outcome.ack ? outcome.ack->orderId : QString(), outcome.request.clientOrderId};
    // An acknowledged order is read back once (was it cancelled at once?); a lost one is searched for
    // a few times, as the request may still be on its way.
    const int attempts = outcome.ack ? 1 : m_lookupAttempts;
    QPointer<OrderSubmitter> self(this);
    lookupAttempt(ref, attempts, [self, outcome, done](const LookupResult& found) mutable {
        if (!self)
            return;
        if (found && *found) {
            outcome.order = **found;
            outcome.kind = kindOf(**found);
            outcome.reason = (*found)->reason;
            done(outcome);
            return;
        }
        outcome.kind = outcome.ack ? PlaceOutcome::Kind::Accepted : PlaceOutcome::Kind::Unknown;
        if (!found && !outcome.error)
            outcome.error = found.error();
        done(outcome);
    });
}

void OrderSubmitter::lookup(const OrderReference& order, LookupCallback done)
{
    lookupAttempt(order, 1, std::move(done));
}

void OrderSubmitter::lookupAttempt(const OrderReference& ref, int attemptsLeft, LookupCallback done)
{
    if (!m_client)
        return;
    QPointer<OrderSubmitter> self(this);
    const auto retryOr = [self, ref, attemptsLeft, done](const LookupResult& result) {
        if (!self)
            return;
        if ((result && *result) || attemptsLeft <= 1) {
            done(result);
            return;
        }
        QTimer::singleShot(self->m_lookupInterval, self, [self, ref, attemptsLeft, done] {
            if (self)
                self->lookupAttempt(ref, attemptsLeft - 1, done);
        });
    };
    m_client->send(m_adapter->openOrdersRequest(ref.category, ref.symbol, &ref),
                   [self, ref, retryOr](const RestClient::Reply& open) {
                       if (!self)
                           return;
                       std::optional<RestError> openError;
                       if (open) {
                           const auto orders = self->m_adapter->parseOrders(*open);
                           if (orders) {
                               if (auto found = matching(*orders, ref)) {
                                   retryOr(LookupResult(found));
                                   return;
                               }
                           } else {
                               openError = parseError(orders.error());
                           }
                       } else {
                           openError = open.error();
                       }
                       self->m_client->send(
                           self->m_adapter->orderHistoryRequest(ref.category, ref.symbol, &ref),
                           [self, ref, retryOr, openError](const RestClient::Reply& history) {
                               if (!self)
                                   return;
                               if (!history) {
                                   retryOr(LookupResult::failure(history.error()));
                                   return;
                               }
                               const auto orders = self->m_adapter->parseOrders(*history);
                               if (!orders) {
                                   retryOr(LookupResult::failure(parseError(orders.error())));
                                   return;
                               }
                               if (auto found = matching(*orders, ref)) {
                                   retryOr(LookupResult(found));
                                   return;
                               }
                               if (openError)
                                   retryOr(LookupResult::failure(*openError));
                               else
                                   retryOr(LookupResult(std::optional<Order>()));
                           });
                   });
}

void OrderSubmitter::cancel(const OrderReference& order, CancelCallback done)
{
    if (!m_client)
        return;
    QPointer<OrderSubmitter> self(this);
    m_client->send(urgent(m_adapter->cancelOrderRequest(order)),
                   [self, order, done](const RestClient::Reply& reply) {
                       using R = Result<OrderAck, RestError>;
                       if (!self)
                           return;
                       if (!reply) {
                           // A lost reply: the cancel may have happened. The order's own state says; the
                           // cancel is never sent again. (A venue's refusal is reported as it is.)
                           if (outcomeUnknown(reply.error())) {
                               self->resolveCancel(order, reply.error(), done);
                               return;
                           }
                           done(R::failure(reply.error()));
                           return;
                       }
                       const auto ack = self->m_adapter->parseOrderAck(*reply);
                       done(ack ? R(*ack) : R::failure(parseError(ack.error())));
                   });
}

void OrderSubmitter::resolveCancel(const OrderReference& order, const RestError& error, CancelCallback done)
{
    lookupAttempt(order, 1, [order, error, done](const LookupResult& found) {
        using R = Result<OrderAck, RestError>;
        if (found && *found && isCancelledStatus((*found)->status)) {
            done(R(OrderAck{(*found)->orderId, (*found)->clientOrderId}));
            return;
        }
        done(R::failure(error));
    });
}

void OrderSubmitter::listOpen(Category category, const QString& symbol, ListCallback done)
{
    if (!m_client)
        return;
    // The open orders and any the venue keeps apart (moreOpenOrdersRequests), in one list, with the reads
    // that complete what they named (followUpOrdersRequests: an order they return replaces the listed
    // one); the first failure fails the listing.
    QList<SignedRequest> requests{m_adapter->openOrdersRequest(category, symbol)};
    requests += m_adapter->moreOpenOrdersRequests(category, symbol);
    auto pending = std::make_shared<ListPending>();
    pending->left = int(requests.size());
    pending->done = std::move(done);
    for (const SignedRequest& request : requests)
        sendListPart(request, pending, true);
}

void OrderSubmitter::sendListPart(const SignedRequest& request, const std::shared_ptr<ListPending>& pending,
                                  bool listed)
{
    QPointer<OrderSubmitter> self(this);
    m_client->send(request, [self, pending, listed](const RestClient::Reply& reply) {
        using R = Result<std::vector<Order>, RestError>;
        if (!self)
            return;
        if (!reply) {
            if (!pending->error && !(listed && self->m_adapter->isEmptyListRefusal(reply.error())))
                pending->error = reply.error();
        } else if (const auto orders = self->m_adapter->parseOrders(*reply); !orders) {
            if (!pending->error)
                pending->error = parseError(orders.error());
        } else {
            if (listed) {
                for (const SignedRequest& followUp : self->m_adapter->followUpOrdersRequests(*orders)) {
                    ++pending->left;
                    self->sendListPart(followUp, pending, false);
                }
            }
            for (const Order& order : *orders) {
                const auto same =
                    std::find_if(pending->orders.begin(), pending->orders.end(),
                                 [&order](const Order& o) { return o.orderId == order.orderId; });
                if (same != pending->orders.end())
                    *same = order;
                else
                    pending->orders.push_back(order);
            }
        }
        if (--pending->left > 0)
            return;
        pending->done(pending->error ? R::failure(*pending->error) : R(pending->orders));
    });
}
