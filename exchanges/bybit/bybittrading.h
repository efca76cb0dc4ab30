#pragma once

#include "exchanges/core/tradingadapter.h"

#include <QByteArrayView>
#include <QStringList>
#include <QUrl>

#include <atomic>

// Bybit V5 private trading: order create/amend/cancel/cancel-all, open orders and history, executions,
// positions and the unified wallet over REST; the private stream's auth, topics and pushes.
// https://bybit-exchange.github.io/docs/v5/order/create-order , /v5/websocket/private/order
class BybitTrading final : public TradingAdapter
{
public:
    // baseUrl: "https://api.bybit.com", or a test server; requests are signed as Bybit's.
    explicit BybitTrading(const QUrl& baseUrl, Environment environment = Environment::Mainnet);

    QString venue() const override { return QStringLiteral("bybit"); }
    // "bt-" + base-36 milliseconds + "-" + base-36 counter + "-" + 8 random hex digits (≤ 36 chars).
    QString newClientOrderId() override;

    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
    // A spot market buy sized in the quote coin (marketUnit quoteCoin: qty is the USDT to spend).
    bool offersQuoteQuantity(const OrderRequest& request) const override;
    SignedRequest cancelOrderRequest(const OrderReference& order) const override;
    SignedRequest cancelAllRequest(Category category, const QString& symbol) const override;
    SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                    const OrderReference* order = nullptr) const override;
    SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                      const OrderReference* order = nullptr) const override;
    SignedRequest executionsRequest(Category category, const QString& symbol) const override;
    SignedRequest positionsRequest(Category category, const QString& symbol) const override;
    SignedRequest balancesRequest() const override;

    bool isDuplicateClientOrderId(const RestError& error) const override;

    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;

    static OrderStatus statusFromBybit(const QString& orderStatus);
    // The value written to the wire: on the step's grid at its scale when exact, never through double.
    static QString formatOnStep(Decimal value, Decimal step);

    // The private stream (wss://stream.bybit.com/v5/private).
    static QUrl privateStreamUrl(Environment environment);
    // {"op":"auth","args":[key, expiresMs, hex(HMAC-SHA256(secret, "GET/realtime" + expiresMs))]}.
    static QByteArray authMessage(const Credentials& credentials, qint64 expiresMs);
    static QStringList privateTopics(); // order, execution, position, wallet

    using PrivateFrame = PrivateStreamFrame;
    static PrivateFrame parsePrivateFrame(QByteArrayView frame);

    QByteArray streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const override
    {
        return authMessage(credentials, expiresMs);
    }
    QStringList streamTopics() const override { return privateTopics(); }
    PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const override
    {
        return parsePrivateFrame(frame);
    }

private:
    SignedRequest request(const QByteArray& method, const QString& path) const;
    QUrl m_baseUrl;
    Environment m_environment;
    std::atomic<quint64> m_counter{0};
};
