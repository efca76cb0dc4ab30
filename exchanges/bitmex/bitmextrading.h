#pragma once

#include "exchanges/core/tradingadapter.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include <atomic>

// BitMEX private trading: POST/PUT/DELETE /api/v1/order, DELETE /order/all, open orders and history
// (filter JSON), /execution/tradeHistory, /position, /user/margin; the realtime stream's authKeyExpires
// login and the order, execution, position and margin tables. Quantities are BitMEX contracts (orderQty);
// amounts in XBt (satoshi) and USDt (micro-USDT) are converted exactly to XBT and USDT.
// https://www.bitmex.com/api/explorer , https://www.bitmex.com/app/wsAPI
class BitmexTrading final : public TradingAdapter
{
    Q_DECLARE_TR_FUNCTIONS(BitmexTrading)

public:
    // baseUrl: "https://www.bitmex.com", or a test server; requests are signed as BitMEX's.
    explicit BitmexTrading(const QUrl& baseUrl, Environment environment = Environment::Mainnet);

    QString venue() const override { return QStringLiteral("bitmex"); }
    // "bt-" + base-36 milliseconds + "-" + base-36 counter + "-" + 8 random hex digits (≤ 36 chars).
    QString newClientOrderId() override;

    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
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
    QString notOffered(const OrderRequest& request) const override;

    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;

    static OrderStatus statusFromBitmex(const QString& ordStatus, bool partlyFilled, bool waitingForTrigger);
    // An amount in a BitMEX settlement currency ("XBt" satoshi, "USDt" micro-USDT, "Gwei") → the coin
    // and its exact value; other currencies pass through unchanged.
    static std::pair<QString, std::optional<Decimal>> coinAmount(const QString& currency,
                                                                 const QJsonValue& value);

    // The realtime stream (wss://ws.bitmex.com/realtime), public and private alike.
    static QUrl privateStreamUrl(Environment environment);
    // {"op":"authKeyExpires","args":[key, expires (s), hex(HMAC-SHA256(secret, "GET/realtime" + expires))]}.
    static QByteArray authMessage(const Credentials& credentials, qint64 expiresSeconds);
    static QStringList privateTopics(); // order, execution, position, margin

    QByteArray streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const override
    {
        return authMessage(credentials, expiresMs / 1000);
    }
    QStringList streamTopics() const override { return privateTopics(); }
    // BitMEX sends only the changed fields in an update: rows are merged into the last full row by key.
    PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const override;

private:
    SignedRequest request(const QByteArray& method, const QString& path) const;
    QUrl m_baseUrl;
    Environment m_environment;
    std::atomic<quint64> m_counter{0};
    // The stream's tables as last known, by key (orderID; account:symbol; account:currency).
    mutable QHash<QString, QJsonObject> m_orderRows;
    mutable QHash<QString, QJsonObject> m_positionRows;
    mutable QHash<QString, QJsonObject> m_marginRows;
};
