#pragma once

#include "exchanges/core/tradingadapter.h"

#include <QCoreApplication>
#include <QUrl>

#include <atomic>
#include <memory>

class NonceStore;

// Coincheck exchange (取引所) trading over REST: POST /api/exchange/orders, DELETE
// /api/exchange/orders/{id}, GET /api/exchange/orders/opens, /api/exchange/orders/transactions,
// /api/accounts/balance; and the private WebSocket (wss://stream.coincheck.com, released 2025-08):
// a signed login, then order-events and execution-events.
// https://coincheck.com/documents/exchange/api#order-new , #order-cancel , #order-opens ,
// #order-transactions , #account-balance , #private-channels
//
// Nonces: Coincheck keeps one increasing ACCESS-NONCE per API key. The login's nonce is drawn from a
// NonceStore on the same file as SignedRestClient's (NonceStore::defaultPath() unless setNonceStore()
// is given the client's own): the store is file-locked read-modify-write, so the login's nonce is
// above every REST nonce handed out before it and below every one after, across processes too.
//
// Ids: Coincheck takes no client order id. OrderRequest::clientOrderId stays local; Order::orderId is
// Coincheck's numeric id from the POST reply, which events and look-ups carry. Coincheck pushes no
// event for a new order: OrderSubmitter's read-back of the open orders says Live, but TradingSession's
// store only learns of a resting order at its first event (fill, cancel) or the next REST snapshot.
//
// Order types: a limit order is order_type buy|sell with rate (on the JPY tick) and amount; a market
// sell is market_sell with amount (BTC). A market BUY is market_buy with market_buy_amount, the JPY to
// spend: Coincheck takes no base amount for it, so a market buy must come sized in quote currency
// (OrderRequest::quantityInQuote, offersQuoteQuantity()) and one sized in BTC is refused by notOffered()
// (nothing is sent). Read back (opens: pending_market_buy_amount; order-events: market_buy_amount), a
// market buy has no BTC amount: Order::quantity is 0 and Order::quoteQuantity the JPY. The amount goes
// out exactly as given (normalized: "10000", "10000.5"); the docs'
// example is a whole-yen amount and state no step, so none is imposed here. Post-only is
// time_in_force=post_only (spelling from the docs' parameter list; unconfirmed live). IOC/FOK, amend,
// cancel-all and reduce-only do not exist on Coincheck and are refused locally (orders by notOffered()).
class CoincheckTrading final : public TradingAdapter
{
    Q_DECLARE_TR_FUNCTIONS(CoincheckTrading)

public:
    explicit CoincheckTrading(const QUrl& baseUrl);

    QString venue() const override { return QStringLiteral("coincheck"); }
    QString newClientOrderId() override; // local only: "cc" + base-36 time + counter

    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    // What the venue cannot take as asked (OrderSubmitter refuses it before anything is sent).
    QString notOffered(const OrderRequest& request) const override;
    QString notOfferedAmendment(const OrderAmendment& amendment) const override;
    // A market buy (market_buy_amount in JPY): the only order Coincheck sizes in quote currency.
    bool offersQuoteQuantity(const OrderRequest& request) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
    SignedRequest cancelOrderRequest(const OrderReference& order) const override;
    SignedRequest cancelAllRequest(Category category, const QString& symbol) const override;
    // No cancel-all at Coincheck: each open order is cancelled by its id.
    bool offersCancelAll() const override { return false; }
    QList<SignedRequest> cancelOpenOrdersRequests(const std::vector<Order>& open) const override;
    SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                    const OrderReference* order = nullptr) const override;
    SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                      const OrderReference* order = nullptr) const override;
    SignedRequest executionsRequest(Category category, const QString& symbol) const override;
    SignedRequest positionsRequest(Category category, const QString& symbol) const override;
    SignedRequest balancesRequest() const override;
    // GET /api/exchange/orders/cancel_status?id=: whether a cancel took effect.
    SignedRequest cancelStatusRequest(const QString& orderId) const;

    bool isDuplicateClientOrderId(const RestError& error) const override;
    // No balance (or position) pushes: the session reads them over REST after fills.
    bool pushesBalancesAndPositions() const override { return false; }
    bool isAuthenticationError(const RestError& error) const override;

    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;
    // cancel_status: {"success":true,"id":…,"cancel":true,"created_at":…} → whether it was cancelled.
    Result<bool, AdapterError> parseCancelStatus(const QJsonDocument& reply) const;

    // The store the login's nonce is drawn from: the REST client's (see the class comment). Without
    // one, a NonceStore on NonceStore::defaultPath(), the file SignedRestClient uses by default.
    void setNonceStore(std::shared_ptr<NonceStore> store) { m_nonces = std::move(store); }

    // The login, its nonce drawn from the shared per-key store (expiresMs is not used).
    QByteArray streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const override;
    QStringList streamTopics() const override;
    PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const override;

    // {"type":"login","access_key","access_nonce","access_signature": hex HMAC-SHA256(secret,
    // nonce + "wss://stream.coincheck.com/private")}.
    static QByteArray loginMessage(const Credentials& credentials, qint64 nonce);
    // {"type":"subscribe","channels":[…]}.
    static QByteArray subscribeMessage(const QStringList& channels);
    static QUrl privateStreamUrl();
    static bool isUnsupported(const SignedRequest& request);

private:
    SignedRequest request(const QByteArray& method, const QString& path) const;
    SignedRequest unsupported(const QString& why) const;

    QUrl m_baseUrl;
    std::atomic<quint64> m_counter{0};
    mutable std::shared_ptr<NonceStore> m_nonces; // created on first login when not set
};
