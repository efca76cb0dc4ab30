// TradingSession's order side: place, cancel, amend and cancel-all.
#include "tradingsession.h"

#include <memory>

void TradingSession::placeOrder(OrderRequest request, const Instrument& instrument,
                                std::optional<Decimal> referencePrice, OrderSubmitter::PlaceCallback done)
{
    QPointer<TradingSession> self(this);
    m_submitter.place(std::move(request), instrument, referencePrice,
                      [self, done](const OrderSubmitter::PlaceOutcome& outcome) {
                          if (self && outcome.order) {
                              // The order as the venue read it back: in the store at once, whether or not
                              // the venue pushes new orders (Coincheck does not); the store keeps whichever
                              // state is newer when the push comes.
                              PrivateUpdate update;
                              update.orders.push_back(*outcome.order);
                              if (self->m_snapshotting) {
                                  self->m_held.push_back(std::move(update));
                              } else {
                                  self->m_store.apply(update);
                                  Q_EMIT self->storeChanged();
                              }
                          }
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
    if (const QString why = m_adapter->notOfferedAmendment(amendment); !why.isEmpty()) {
        RestError refused;
        refused.kind = RestError::Kind::NotOffered;
        refused.message = why;
        Q_EMIT errorOccurred(why);
        if (done)
            done(Result<OrderAck, RestError>::failure(refused));
        return;
    }
    QPointer<TradingSession> self(this);
    OrderAmendment full = amendment;
    if (!full.current) {
        const Order* known = !amendment.order.orderId.isEmpty()
                                 ? m_store.findOpenOrder(amendment.order.orderId)
                                 : m_store.findOpenOrderByClientId(amendment.order.clientOrderId);
        if (known)
            full.current = *known;
    }
    m_client->send(urgent(m_adapter->amendOrderRequest(full, instrument)),
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
    // The cancel-all and any further ones the venue needs (its conditional orders), or, on a venue
    // without one, the cancels of the open orders the store holds; done once all have answered, with
    // the first failure.
    QList<SignedRequest> requests;
    if (m_adapter->offersCancelAll()) {
        requests << m_adapter->cancelAllRequest(category, symbol);
        requests += m_adapter->moreCancelAllRequests(category, symbol);
    } else {
        // An order whose cancel went out less than CancelPendingMs ago is left out (its cancel is under
        // way); after that it is asked again if the store still holds it open.
        if (!m_clock.isValid())
            m_clock.start();
        const qint64 now = m_clock.elapsed();
        for (auto it = m_cancelSentMs.begin(); it != m_cancelSentMs.end();)
            it = now - it.value() >= CancelPendingMs ? m_cancelSentMs.erase(it) : std::next(it);
        std::vector<Order> open;
        for (const Order& order : m_store.openOrders()) {
            if (order.category != category || (!symbol.isEmpty() && order.symbol != symbol))
                continue;
            const QString key = order.orderId.isEmpty() ? order.clientOrderId : order.orderId;
            if (m_cancelSentMs.contains(key))
                continue;
            m_cancelSentMs.insert(key, now);
            open.push_back(order);
        }
        requests = m_adapter->cancelOpenOrdersRequests(open);
    }
    if (requests.isEmpty()) { // nothing open: nothing to send
        if (done)
            QTimer::singleShot(0, this, [done] { done(Result<bool, RestError>(true)); });
        return;
    }
    struct Pending
    {
        int left = 0;
        std::optional<RestError> error;
    };
    auto pending = std::make_shared<Pending>();
    pending->left = int(requests.size());
    QPointer<TradingSession> self(this);
    for (const SignedRequest& request : requests) {
        m_client->send(urgent(request), [self, done, pending](const SignedRestClient::Reply& reply) {
            if (!self)
                return;
            if (!reply) {
                Q_EMIT self->errorOccurred(reply.error().message);
                if (!pending->error)
                    pending->error = reply.error();
            }
            if (--pending->left > 0 || !done)
                return;
            done(pending->error ? Result<bool, RestError>::failure(*pending->error)
                                : Result<bool, RestError>(true));
        });
    }
}
