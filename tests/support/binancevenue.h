#pragma once

#include "venueverifier.h"

#include "models/decimal.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocketServer>

#include <map>

class QWebSocket;

// A loopback Binance for tests, spot and USDⓈ-M on one 127.0.0.1 HTTP server and one WebSocket server
// (port 0). REST requests are authenticated by VenueVerifier exactly as Binance does (X-MBX-APIKEY,
// HMAC over the exact query and body, timestamp within recvWindow: -2015, -1022, -1021); the USDⓈ-M
// listenKey endpoints take the key header only. The spot WebSocket API at /ws-api/v3 verifies
// userDataStream.subscribe.signature the same way; the USDⓈ-M stream at /private/ws needs a live
// listenKey and carries only the events its URL names (events=A/B). Orders: a limit order rests, a market
// order fills at the symbol's price, cancel, amend (keepPriority, cancelReplace, PUT /fapi/v1/order); pushes
// executionReport / outboundAccountPosition and ORDER_TRADE_UPDATE / ACCOUNT_UPDATE shaped as Binance
// documents them. USDⓈ-M conditional orders live on the Algo Service (POST/GET/DELETE /fapi/v1/algoOrder, GET
// /fapi/v1/openAlgoOrders, DELETE /fapi/v1/algoOpenOrders; /fapi/v1/order refuses them with -4120) and push
// ALGO_UPDATE; a test triggers them. The position mode (GET /fapi/v1/positionSide/dual) can be hedge mode:
// positions are LONG and SHORT legs, every order names its leg (without one, or with one in one-way mode:
// -4061), reduceOnly is refused (-1106) and closing more than a leg holds is refused (-2022).
class BinanceVenue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BinanceVenue)

public:
    BinanceVenue(const QString& key, const QByteArray& secret);
    ~BinanceVenue() override;

    QUrl restUrl() const { return m_verifier.baseUrl(); }
    QUrl streamUrl() const; // ws://127.0.0.1:PORT
    VenueVerifier& verifier() { return m_verifier; }

    void setPrice(const QString& symbol, const QString& price) { m_prices.insert(symbol, price); }
    // An order above this quantity is refused as Binance refuses one the account cannot pay for.
    void setMaxQuantity(const QString& quantity) { m_maxQuantity = quantity; }

    // The WS API refuses every subscription with this error (a key without the permission), as it
    // refuses a bad signature.
    void refuseSubscriptionsWith(int code, const QString& message)
    {
        m_refusalCode = code;
        m_refusalMessage = message;
    }
    // The next `times` listenKey requests get this answer instead (a 429 with Retry-After, a 503).
    void failListenKeys(int times, LoopbackHttpServer::Response answer)
    {
        m_listenKeyFailures = times;
        m_listenKeyAnswer = std::move(answer);
    }
    QList<qint64> listenKeyRequestTimes() const { return m_listenKeyTimes; }
    // Closes every private WebSocket connection (the client must reconnect).
    void dropStreams();
    // Forgets the listenKeys: the next keep-alive gets -1125 and the stream cannot reconnect on them.
    void expireListenKeys();
    // Forgets this listenKey and pushes listenKeyExpired, to the /private streams whose events= name it.
    void pushListenKeyExpired(const QString& listenKey);
    QString currentListenKey() const { return m_listenKeys.value(m_listenKeys.size() - 1); }
    // How many frames of this event reached a USDⓈ-M stream (past its events= filter).
    int delivered(const QString& event) const { return m_delivered.value(event); }

    int listenKeysIssued() const { return m_listenKeysIssued; }
    int keepAlives() const { return m_keepAlives; }
    int spotSubscriptions() const { return m_spotSubscriptions; }
    int refusedSubscriptions() const { return m_refusedSubscriptions; }
    int futuresConnections() const { return m_futuresConnections; }
    int liveStreams() const;
    QString lastSubscribeError() const { return m_lastSubscribeError; }
    QStringList pushedEvents() const { return m_pushed; }
    int openOrderCount() const;

    // Triggers every waiting conditional order of the symbol, as the price crossing them would: each is
    // placed in the matching engine (a market one fills at the symbol's price, a limit one rests) with
    // ALGO_UPDATE TRIGGERED, then FINISHED once that order fills or is cancelled.
    void triggerAlgoOrders(const QString& symbol);
    int openAlgoOrderCount() const;
    // Hedge mode: dualSidePosition true; positions are LONG / SHORT legs.
    void setHedgeMode(bool hedge) { m_hedgeMode = hedge; }
    // A position already held (signed amount), as opened elsewhere; in hedge mode on the leg its sign
    // says.
    void holdPosition(const QString& symbol, const QString& amount, const QString& entryPrice);
    // The signed amount of a symbol's position: leg "BOTH" (one-way), "LONG" or "SHORT".
    Decimal positionAmount(const QString& symbol, const QString& leg) const
    {
        return m_positionAmount.value(symbol + QLatin1Char('/') + leg);
    }
    // The next `count` plain or conditional USDⓈ-M orders are taken, but their reply is lost (the
    // connection is cut before it is written).
    void loseOrderReplies(int count) { m_lostReplies = count; }
    // serverShutdown on every private connection (the WS API's wrapped as its events are); the
    // connections stay open, as they would until the server goes.
    void announceShutdown();

Q_SIGNALS:
    void pushed(const QString& event);

private:
    struct VenueOrder
    {
        bool futures = false;
        QString symbol;
        qint64 orderId = 0;
        QString clientOrderId;
        QString side;
        QString type;
        QString timeInForce;
        Decimal price;
        Decimal quantity;
        Decimal executed;
        Decimal averagePrice;
        QString status;
        bool reduceOnly = false;
        QString positionSide = QStringLiteral("BOTH");
        qint64 time = 0;
        qint64 updateTime = 0;
        qint64 algoId = 0; // the conditional order it was triggered from
    };
    struct AlgoOrder
    {
        qint64 algoId = 0;
        QString clientAlgoId;
        QString symbol;
        QString side;
        QString type; // STOP_MARKET, TAKE_PROFIT_MARKET, STOP, TAKE_PROFIT
        QString timeInForce;
        Decimal quantity;
        Decimal price;
        Decimal triggerPrice;
        bool reduceOnly = false;
        QString positionSide = QStringLiteral("BOTH");
        QString status; // NEW, TRIGGERED, FINISHED, CANCELED
        qint64 actualOrderId = 0;
        Decimal executed;
        Decimal averagePrice;
        qint64 createTime = 0;
        qint64 updateTime = 0;
    };
    struct Stream
    {
        QWebSocket* socket = nullptr;
        bool futures = false;
        bool subscribed = false; // spot: userDataStream subscription accepted
        QStringList events;      // USDⓈ-M: the events named in the URL (events=A/B/C); empty: all
    };
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    std::optional<Response> respond(const Request& request);
    Response listenKey(const Request& request);
    Response place(bool futures, const QHash<QString, QString>& p);
    Response cancel(bool futures, const QHash<QString, QString>& p);
    Response cancelAll(bool futures, const QHash<QString, QString>& p);
    Response keepPriority(const QHash<QString, QString>& p);
    Response cancelReplace(const QHash<QString, QString>& p);
    Response modifyFutures(const QHash<QString, QString>& p);
    Response orders(bool futures, bool openOnly, const QHash<QString, QString>& p) const;
    Response trades(bool futures, const QHash<QString, QString>& p) const;
    Response spotAccount() const;
    Response futuresBalance() const;
    Response positions() const;
    Response placeAlgo(const QHash<QString, QString>& p);
    Response cancelAlgo(const QHash<QString, QString>& p);
    Response queryAlgo(const QHash<QString, QString>& p);
    Response openAlgoOrders(const QHash<QString, QString>& p) const;
    Response cancelAllAlgo(const QHash<QString, QString>& p);
    AlgoOrder* findAlgo(const QHash<QString, QString>& p);
    QJsonObject algoJson(const AlgoOrder& a) const;
    void pushAlgo(const AlgoOrder& a);
    void finishAlgo(const VenueOrder& order);
    Response error(int status, int code, const QString& message) const;

    VenueOrder* find(bool futures, const QHash<QString, QString>& p);
    void fill(VenueOrder& order, Decimal price);
    void settleSpot(const VenueOrder& order, Decimal quantity, Decimal price);
    void settleFutures(const VenueOrder& order, Decimal quantity, Decimal price);
    void lockSpot(const VenueOrder& order, bool lock);
    QJsonObject orderJson(const VenueOrder& order) const;
    void pushOrder(const VenueOrder& order, const QString& execution, const QString& originalClientId = {},
                   Decimal lastQty = {}, Decimal lastPrice = {}, qint64 tradeId = 0);
    void pushSpotBalances(const QStringList& assets);
    void pushAccountUpdate(const QString& symbol, const QString& leg);
    // Hedge mode's leg checks (positionSide, no reduceOnly, closing within the leg); nullopt: taken.
    std::optional<Response> refusedLeg(const QHash<QString, QString>& p) const;
    void push(bool futures, const QJsonObject& event);

    void onConnection();
    void onSpotMessage(QWebSocket* socket, const QString& message);

    VenueVerifier m_verifier;
    QString m_key;
    QByteArray m_secret;
    QWebSocketServer m_ws;
    QList<Stream> m_streams;
    QHash<QString, QString> m_prices;
    QString m_maxQuantity = QStringLiteral("1000");
    std::map<qint64, VenueOrder> m_orders;
    std::map<qint64, AlgoOrder> m_algoOrders;
    qint64 m_nextAlgoId = 2148700;
    qint64 m_triggering = 0; // the algo order whose engine order place() is making
    bool m_hedgeMode = false;
    qint64 m_nextOrderId = 1000;
    qint64 m_nextTradeId = 500;
    QList<QJsonObject> m_trades; // myTrades / userTrades entries
    QHash<QString, Decimal> m_spotFree;
    QHash<QString, Decimal> m_spotLocked;
    Decimal m_futuresWallet;
    QHash<QString, Decimal> m_positionAmount; // "SYMBOL/LEG" → signed amount (LEG: BOTH, LONG, SHORT)
    QHash<QString, Decimal> m_positionEntry;
    int m_lostReplies = 0;
    QStringList m_listenKeys;
    int m_listenKeysIssued = 0;
    int m_keepAlives = 0;
    int m_spotSubscriptions = 0;
    int m_refusedSubscriptions = 0;
    int m_futuresConnections = 0;
    QString m_lastSubscribeError;
    int m_refusalCode = 0;
    int m_listenKeyFailures = 0;
    LoopbackHttpServer::Response m_listenKeyAnswer;
    QList<qint64> m_listenKeyTimes;
    QString m_refusalMessage;
    QStringList m_pushed;
    QHash<QString, int> m_delivered;
};
