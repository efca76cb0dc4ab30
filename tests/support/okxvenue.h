#pragma once

#include "loopbackwsserver.h"
#include "models/decimal.h"
#include "models/instrument.h"
#include "venueverifier.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>

// A loopback OKX v5 on 127.0.0.1 for end-to-end tests. REST goes through VenueVerifier (OK-ACCESS-*
// headers, the passphrase, the timestamp) and is then answered here with simple order state for one
// USDT swap, BTC-USDT-SWAP (ctVal 0.01 BTC, tick 0.1, lot 0.01): limit orders rest, market orders fill
// at the venue's price, cancel and amend work, an order beyond the USDT balance is refused with
// OKX's sCode 51008; an attached TP/SL (attachAlgoOrds) is checked (triggers on the tick, order prices
// given) and kept with its order. The private stream checks the login (apiKey, passphrase, timestamp, base64
// HMAC of timestamp + "GET/users/self/verify") and pushes orders, positions and account; the business
// stream checks its own login the same way and pushes orders-algo. Trigger (stop) orders live on the algo
// endpoints (order-algo, orders-algo-pending, cancel-algos, amend-algos): one fires when setPrice() reaches
// its trigger price from where it was placed, placing its order (market: filled at once) with algoId set,
// or order_failed with the order's sCode as failCode. The public
// stream answers a books subscription with a snapshot and carries the updates a test sends.
class OkxVenue final : public QObject
{
    Q_OBJECT
public:
    OkxVenue(const QString& key, const QByteArray& secret, const QByteArray& passphrase);

    static constexpr const char* Symbol = "BTC-USDT-SWAP";
    static Instrument instrument();

    QUrl restUrl() const { return m_verifier.baseUrl(); }
    QUrl privateStreamUrl() const { return m_private.url(QStringLiteral("/ws/v5/private")); }
    QUrl publicStreamUrl() const { return m_public.url(QStringLiteral("/ws/v5/public")); }
    QUrl businessStreamUrl() const { return m_business.url(QStringLiteral("/ws/v5/business")); }
    VenueVerifier& verifier() { return m_verifier; }
    LoopbackWsServer& privateServer() { return m_private; }
    LoopbackWsServer& publicServer() { return m_public; }
    LoopbackWsServer& businessServer() { return m_business; }

    // The last price, where market orders fill; moving it fires the trigger orders it reaches.
    void setPrice(Decimal price);
    // A trigger order placed elsewhere (OKX's website, or a bot naming it algoClOrdId); not pushed.
    // Returns its algoId.
    QString addTriggerOrder(const QString& side, const QString& size, const QString& triggerPx,
                            const QString& algoClOrdId = {});
    // An algo order as the venue holds it (empty when unknown), and those ever placed, oldest first.
    QJsonObject algoOrder(const QString& algoId) const { return m_algos.value(algoId); }
    QList<QString> algoIds() const { return m_algoSequence; }
    // The next count order-algo creates are taken but their replies lost (HTTP 504 from the gateway).
    void loseAlgoReplies(int count) { m_lostAlgoReplies = count; }
    // cancel-algos requests received.
    int cancelAlgoRequests() const { return m_cancelAlgoRequests; }
    // Fills a resting order at its price as the market would (while the stream may be down).
    void fillRestingOrder(const QString& orderId);

    // The TP/SL an order carried (attachAlgoOrds as received, each with the attachAlgoId given), by ordId.
    QJsonArray attachedAlgos(const QString& orderId) const { return m_attachedAlgos.value(orderId); }

    int logins() const { return m_privateStream.logins; }
    int businessLogins() const { return m_businessStream.logins; }
    // The most orders one cancel-batch-orders carried (OKX takes at most 20).
    int largestCancelBatch() const { return m_largestCancelBatch; }
    // cancel-batch-orders requests received, and the order entries they carried in all.
    int cancelBatches() const { return m_cancelBatches; }
    int cancelBatchEntries() const { return m_cancelBatchEntries; }
    int refusedLogins() const { return m_refusedLogins; }
    QString lastLoginError() const { return m_lastLoginError; }

    // Public books: whether a subscription is answered with a snapshot (OKX may stop sending one).
    void setSendBookSnapshots(bool send) { m_sendSnapshots = send; }
    void pushBookSnapshot();
    // gap: as if one update were lost on the way (prevSeqId is not the last seqId sent).
    void pushBookUpdate(const QString& bidPrice, const QString& bidSize, bool gap = false);
    std::int64_t bookSequence() const { return m_bookSeq; }
    // The public topics ("channel:instId") subscribed now, in the order subscribed. A contract channel
    // (mark-price, funding-rate, open-interest, index-tickers) is answered with its current value, as
    // OKX does, in the documented push shape.
    QStringList publicSubscriptions() const { return m_publicTopics; }

    // Called by VenueVerifier (through the server's "okxVenue" property) for a verified request.
    Q_INVOKABLE QByteArray answer(const QByteArray& method, const QByteArray& target, const QByteArray& body);

private:
    struct Stream
    {
        explicit Stream(LoopbackWsServer* s)
            : server(s)
        {}
        LoopbackWsServer* server = nullptr;
        bool loggedIn = false;
        QSet<QString> subscribed; // channels on the current connection
        int logins = 0;
    };
    void onStreamMessage(Stream& stream, const QByteArray& message);
    void onPublicMessage(const QByteArray& message);
    // extra: fields the order carries besides (algoId, algoClOrdId of the trigger order that placed it).
    QByteArray placeOrder(const QJsonObject& body, const QJsonObject& extra = {});
    QByteArray placeAlgo(const QJsonObject& body);
    QByteArray cancelAlgos(const QJsonArray& entries);
    QByteArray amendAlgo(const QJsonObject& body);
    void trigger(const QString& algoId);
    void pushAlgo(const QJsonObject& algo);
    QByteArray cancelOrder(const QJsonObject& body);
    QByteArray amendOrder(const QJsonObject& body);
    QJsonObject fill(QJsonObject order, Decimal price, Decimal size);
    QJsonObject positionJson() const;
    QJsonObject accountJson() const;
    void pushOrder(const QJsonObject& order);
    void pushPositionAndAccount();
    void push(const char* channel, const QJsonObject& data, bool withInstType = true);
    void pushTo(Stream& stream, const char* channel, const QJsonObject& data, bool withInstType);
    qint64 nowMs() const;

    VenueVerifier m_verifier;
    LoopbackWsServer m_private;
    LoopbackWsServer m_public;
    LoopbackWsServer m_business;
    QString m_key;
    QByteArray m_secret;
    QByteArray m_passphrase;

    Stream m_privateStream{&m_private};
    Stream m_businessStream{&m_business};
    int m_cancelAlgoRequests = 0;
    int m_lostAlgoReplies = 0;
    int m_largestCancelBatch = 0;
    int m_cancelBatches = 0;
    int m_cancelBatchEntries = 0;
    int m_refusedLogins = 0;
    QString m_lastLoginError;

    Decimal m_price = *Decimal::parse("60000.0");
    Decimal m_usdt = *Decimal::parse("10000");
    Decimal m_position; // contracts, signed (net mode)
    Decimal m_entryPrice;
    QHash<QString, QJsonObject> m_orders; // by ordId, every state
    QList<QString> m_orderSequence;
    QList<QJsonObject> m_fills;
    QHash<QString, QJsonArray> m_attachedAlgos;
    QHash<QString, QJsonObject> m_algos; // trigger orders by algoId, every state
    QList<QString> m_algoSequence;
    QHash<QString, bool> m_algoRises; // fires when the price rises to its trigger (else falls to it)
    quint64 m_nextId = 1000;

    bool m_sendSnapshots = true;
    QStringList m_publicTopics;
    std::int64_t m_bookSeq = 0;
};
