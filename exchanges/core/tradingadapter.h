#pragma once

// The private-trading half of a venue adapter: builds the venue's signed order requests and reads its
// replies into the venue-neutral types of models/trading.h. Only the adapter knows the venue's field
// names; OrderSubmitter and everything above it do not.

#include "models/instrument.h"
#include "models/trading.h"
#include "restrequest.h"
#include "result.h"
#include "signedrestclient.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <vector>

// Which order: the venue's id or ours (one of them non-empty).
struct OrderReference
{
    QString symbol;
    Category category = Category::Linear;
    QString orderId;
    QString clientOrderId;
};

// A change to a live order; absent fields stay as they are.
struct OrderAmendment
{
    OrderReference order;
    std::optional<Decimal> price;
    std::optional<Decimal> quantity;
    std::optional<Decimal> triggerPrice;
};

// What the venue answered to a create, amend or cancel: the ids it acknowledged.
struct OrderAck
{
    QString orderId;
    QString clientOrderId;
};

// One frame of a venue's private stream, read into venue-neutral types.
struct PrivateStreamFrame
{
    enum class Kind : std::uint8_t
    {
        AuthAccepted,
        AuthRejected, // error holds the venue's text verbatim
        SubscribeAck,
        SubscribeRejected,
        Pong,
        Data,
        Malformed,
        Ignored,
    };
    Kind kind = Kind::Ignored;
    QString topic;
    QString error;
    std::vector<Order> orders;
    std::vector<Fill> fills;
    std::vector<Position> positions;
    std::vector<Balance> balances;
};

class TradingAdapter
{
public:
    virtual ~TradingAdapter() = default;

    virtual QString venue() const = 0;
    // A client order id no earlier call in this or any earlier process returned, within the venue's
    // length and alphabet.
    virtual QString newClientOrderId() = 0;

    // request.clientOrderId must be set; prices and quantities are written on the instrument's grid.
    virtual SignedRequest createOrderRequest(const OrderRequest& request,
                                             const Instrument& instrument) const = 0;
    virtual SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                            const Instrument& instrument) const = 0;
    virtual SignedRequest cancelOrderRequest(const OrderReference& order) const = 0;
    // symbol empty: every symbol of the category, where the venue allows it.
    virtual SignedRequest cancelAllRequest(Category category, const QString& symbol) const = 0;
    // Open orders; with a reference, that one order (the venue may include recently closed ones).
    virtual SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                            const OrderReference* order = nullptr) const = 0;
    virtual SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                              const OrderReference* order = nullptr) const = 0;
    virtual SignedRequest executionsRequest(Category category, const QString& symbol) const = 0;
    virtual SignedRequest positionsRequest(Category category, const QString& symbol) const = 0;
    virtual SignedRequest balancesRequest() const = 0;

    // The venue refused a create because an order with this client order id already exists: the
    // same order arrived before (a transport resent it), so the outcome is found by a lookup.
    virtual bool isDuplicateClientOrderId(const RestError& error) const = 0;

    virtual Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const = 0;
    virtual Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const = 0;
    virtual Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const = 0;
    virtual Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const = 0;
    virtual Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const = 0;

    // The private stream (TradingSession): the login message sent before any subscription (empty: the
    // venue needs none), the topics that carry orders, executions, positions and balances, and the
    // reading of its frames. An adapter without a private stream returns an empty topic list.
    virtual QByteArray streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const
    {
        Q_UNUSED(credentials);
        Q_UNUSED(expiresMs);
        return {};
    }
    virtual QStringList streamTopics() const { return {}; }
    virtual PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const
    {
        Q_UNUSED(frame);
        return {};
    }
};
