#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "exchanges/core/tradingadapter.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QUrl>

#include <atomic>

// bitFlyer Lightning private trading: child orders (LIMIT / MARKET, minute_to_expire, GTC / IOC / FOK),
// cancels, open orders, executions, FX_BTC_JPY positions, balances over REST; the realtime API's `auth`
// call and its child_order_events. https://lightning.bitflyer.com/docs#order ,
// https://bf-lightning-api.readme.io/docs/realtime-api-auth ,
// https://bf-lightning-api.readme.io/docs/realtime-child-order-events
//
// Ids: bitFlyer takes no client order id. OrderRequest::clientOrderId stays local (nothing is sent), and
// an order's Order::orderId is bitFlyer's child_order_acceptance_id ("JRF…"), returned by sendchildorder
// at once and carried by every event and reply; cancels and look-ups use it. An order whose sendchildorder
// reply was lost therefore cannot be found by our id: its look-up finds nothing and its outcome stays
// Unknown until the order list shows it.
//
// Stop orders (a trigger price) are special orders: sendparentorder with order_method SIMPLE and
// condition_type STOP (market once triggered) or STOP_LIMIT (limit). Such a parent order is known by its
// parent_order_acceptance_id, which looks like a child's ("JRF…"): the adapter remembers which ids are
// parents (from sendparentorder's reply, getparentorders and parent_order_events) to cancel them with
// cancelparentorder and read them with getparentorder(s). It is Untriggered while it waits, Triggered
// once its child order is placed (that child then shows and fills as any child order), Filled at
// COMPLETE, Deactivated when cancelled before its trigger. getparentorders (active ones, read with the
// open orders: moreOpenOrdersRequests) gives no trigger price: the one the adapter saw in the details
// (getparentorder, read back after placing) is kept. A special order the adapter has not placed (before
// this process started, or on the web: its ORDER event names no side, size or price) has its details read
// as soon as a list names it (followUpOrdersRequests: the snapshot waits for them, so one placed before
// start shows its trigger at once), and one known only by its ORDER event with the next round of open
// orders that knows it (a reconnect's snapshot); until read a STOP's listed price is taken as its trigger
// (inferred from the reference's example), a STOP_LIMIT shows none, and one known by its ORDER event only
// shows once its TRIGGER event tells its child order.
// https://lightning.bitflyer.com/docs#submit-new-parent-order-special-order , #cancel-parent-order ,
// #list-parent-orders , #get-parent-order-details ,
// https://bf-lightning-api.readme.io/docs/realtime-parent-order-events
// (Their half of this class is defined in bitflyerparentorders.cpp.)
//
// Not offered, so never sent: post-only, reduce-only (FX positions are net: an opposite order reduces
// them), a stop whose trigger direction is not bitFlyer's (a buy stop triggers on a rise, a sell stop on
// a fall) and an attached take-profit or stop-loss (IFD/IFDOCO special orders place those only once the
// entry is completely filled, which is not what an attached TP/SL means elsewhere in the terminal):
// notOffered() names them and OrderSubmitter refuses the order before sending. Amending an
// order is not offered either; its request has an "unsupported:<reason>" URL (isUnsupported()): the
// signing client refuses it, with the reason in its error, and nothing reaches the venue.
//
// bitFlyer pushes no balances or positions. The adapter remembers the FX position and the balances read
// over REST and moves them by each EXECUTION event, so they follow fills between REST reads: the FX net
// size exactly; a spot fill moves both coins' totals (the commission taken in the coin traded, as
// bitFlyer charges Lightning spot fees) and leaves their available amounts unknown (bitFlyer reserves
// funds for resting orders in ways the events do not show) until the next REST read, which a reconnect
// brings.
class BitflyerTrading final : public TradingAdapter
{
    Q_DECLARE_TR_FUNCTIONS(BitflyerTrading)

public:
    explicit BitflyerTrading(const QUrl& baseUrl);

    QString venue() const override { return QStringLiteral("bitflyer"); }
    // A local id only (bitFlyer has no client order id): "bf" + base-36 time + counter.
    QString newClientOrderId() override;

    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    // What the venue cannot take as asked (OrderSubmitter refuses it before anything is sent).
    QString notOffered(const OrderRequest& request) const override;
    QString notOfferedAmendment(const OrderAmendment& amendment) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
    SignedRequest cancelOrderRequest(const OrderReference& order) const override;
    // cancelallchildorders takes one product: symbol empty → the category's main product.
    SignedRequest cancelAllRequest(Category category, const QString& symbol) const override;
    // A cancelparentorder for each special order known open on that product.
    QList<SignedRequest> moreCancelAllRequests(Category category, const QString& symbol) const override;
    SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                    const OrderReference* order = nullptr) const override;
    // The product's active special orders: GET /v1/me/getparentorders?parent_order_state=ACTIVE, and
    // GET /v1/me/getparentorder for the ones known open whose details (trigger price) are unread, at most
    // MaxParentDetailReads a round (bitFlyer allows 500 private requests in 5 minutes).
    QList<SignedRequest> moreOpenOrdersRequests(Category category, const QString& symbol) const override;
    // The getparentorder reads that complete these orders of an open-orders reply: the special orders
    // among them whose details are unread (a list gives no trigger price), at most MaxParentDetailReads.
    QList<SignedRequest> parentDetailsRequests(const std::vector<Order>& listed) const;
    QList<SignedRequest> followUpOrdersRequests(const std::vector<Order>& listed) const override
    {
        return parentDetailsRequests(listed);
    }
    SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                      const OrderReference* order = nullptr) const override;
    SignedRequest executionsRequest(Category category, const QString& symbol) const override;
    SignedRequest positionsRequest(Category category, const QString& symbol) const override;
    SignedRequest balancesRequest() const override;
    // Lightning FX / Crypto CFD margin: GET /v1/me/getcollateral.
    SignedRequest collateralRequest() const;

    bool isDuplicateClientOrderId(const RestError& error) const override;
    // No balance (or position) pushes: the session reads them over REST after fills.
    bool pushesBalancesAndPositions() const override { return false; }

    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;
    // getcollateral as one JPY balance: collateral (wallet), collateral − require_collateral (available),
    // collateral + open_position_pnl (equity).
    Result<Balance, AdapterError> parseCollateral(const QJsonDocument& reply) const;

    QByteArray streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const override;
    QStringList streamTopics() const override;
    PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const override;

    // The auth call: {"jsonrpc":"2.0","method":"auth","params":{"api_key","timestamp","nonce",
    // "signature": hex HMAC-SHA256(secret, timestamp + nonce)},"id":"auth"}.
    static QByteArray authMessage(const Credentials& credentials, qint64 nowMs, const QString& nonce);
    static QUrl privateStreamUrl();
    // A request this adapter built for something bitFlyer does not offer (nothing is sent).
    static bool isUnsupported(const SignedRequest& request);
    // The main product of a category when a request needs one and none was given.
    static QString defaultProduct(Category category);
    static Category categoryOf(const QString& productCode);
    // The value written to the wire as a JSON number: on the step's grid at its scale when exact.
    static QByteArray numberOnStep(Decimal value, Decimal step);
    // The order an event names: as last seen, else a fresh one of this product in the given status;
    // its update time moved to the event's.
    Order knownOrNew(const QString& acceptanceId, const QString& product, std::int64_t when,
                     OrderStatus fresh) const;
    // A parent_order_id ("JCO…"/"JCP…").
    static bool isParentOrderId(const QString& id);
    // Whether an order id names a special (parent) order this adapter has seen.
    bool isParentOrder(const QString& id) const;

    static constexpr qint64 AssumedAuthExpiryMs = 10'000; // TradingSession's default authExpiryMs
    static constexpr int DefaultMinuteToExpire = 43'200;  // bitFlyer's own default: 30 days
    static constexpr int MaxParentDetailReads = 10;       // getparentorder reads per product and round

private:
    SignedRequest request(const QByteArray& method, const QString& path) const;
    SignedRequest unsupported(const QString& why) const;
    void remember(const Order& order) const;
    // Special orders (bitflyerparentorders.cpp).
    SignedRequest stopOrderRequest(const OrderRequest& order, const Instrument& instrument) const;
    SignedRequest cancelParentRequest(const OrderReference& order) const;
    SignedRequest parentDetailsRequest(const OrderReference& order) const;
    SignedRequest parentHistoryRequest(Category category, const QString& symbol,
                                       const OrderReference& order) const;
    std::optional<Order> parentListEntryFrom(const QJsonObject& entry) const;
    // shown: false for a read of a round of open orders whose list has not named the order active.
    std::optional<Order> parentDetailsFrom(const QJsonObject& details, bool& shown) const;
    // The special orders of a product known open whose details are unread, at most MaxParentDetailReads.
    QStringList unreadOpenParents(const QString& product) const;
    // Merges what a read says with what the adapter knew of that parent order, and remembers it.
    Order rememberParent(Order fresh, bool stateKnown) const;
    PrivateStreamFrame parseParentOrderEvents(const QJsonValue& message) const;

    QUrl m_baseUrl;
    std::atomic<quint64> m_counter{0};
    // What the adapter has read, by child_order_acceptance_id: events carry only what changed, so an
    // event is merged into the order it belongs to (GUI thread only).
    mutable QHash<QString, Order> m_orders;
    // The net FX position per product as last read or moved by a fill.
    mutable QHash<QString, Position> m_positions;
    // The balances as last read or moved by a spot fill, by currency code.
    mutable QHash<QString, Balance> m_balances;
    // The acceptance ids known to be special (parent) orders, and each one's method or type as bitFlyer
    // names it (STOP, STOP_LIMIT, IFD, IFDOCO …).
    mutable QSet<QString> m_parentIds;
    mutable QHash<QString, QString> m_parentMethods;
    // The special orders whose details (getparentorder) have been read.
    mutable QSet<QString> m_parentDetailsRead;
    // Rounds of open-orders reads (moreOpenOrdersRequests) by product; the round each pending details
    // read was asked in; the last round whose ACTIVE list named each special order.
    mutable QHash<QString, quint64> m_listRound;
    mutable QHash<QString, quint64> m_detailsAskedInRound;
    mutable QHash<QString, quint64> m_listedInRound;
    // How often a round asked each special order's details.
    mutable QHash<QString, int> m_detailAsks;
    // Products of the getexecutions requests built and not yet parsed, oldest first.
    mutable QStringList m_executionsProducts;
};
