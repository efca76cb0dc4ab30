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
// HMAC of timestamp + "GET/users/self/verify") and pushes orders, positions and account; the public
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
    VenueVerifier& verifier() { return m_verifier; }
    LoopbackWsServer& privateServer() { return m_private; }
    LoopbackWsServer& publicServer() { return m_public; }

    // Where market orders fill.
    void setPrice(Decimal price) { m_price = price; }
    // Fills a resting order at its price as the market would (while the stream may be down).
    void fillRestingOrder(const QString& orderId);

    // The TP/SL an order carried (attachAlgoOrds as received, each with the attachAlgoId given), by ordId.
    QJsonArray attachedAlgos(const QString& orderId) const { return m_attachedAlgos.value(orderId); }

    int logins() const { return m_logins; }
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

    // Called by VenueVerifier (through the server's "okxVenue" property) for a verified request.
    Q_INVOKABLE QByteArray answer(const QByteArray& method, const QByteArray& target, const QByteArray& body);

private:
    void onPrivateMessage(const QByteArray& message);
    void onPublicMessage(const QByteArray& message);
    QByteArray placeOrder(const QJsonObject& body);
    QByteArray cancelOrder(const QJsonObject& body);
    QByteArray amendOrder(const QJsonObject& body);
    QJsonObject fill(QJsonObject order, Decimal price, Decimal size);
    QJsonObject positionJson() const;
    QJsonObject accountJson() const;
    void pushOrder(const QJsonObject& order);
    void pushPositionAndAccount();
    void push(const char* channel, const QJsonObject& data, bool withInstType = true);
    qint64 nowMs() const;

    VenueVerifier m_verifier;
    LoopbackWsServer m_private;
    LoopbackWsServer m_public;
    QString m_key;
    QByteArray m_secret;
    QByteArray m_passphrase;

    bool m_loggedIn = false;
    QSet<QString> m_subscribed; // private channels on the current connection
    int m_logins = 0;
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
    quint64 m_nextId = 1000;

    bool m_sendSnapshots = true;
    std::int64_t m_bookSeq = 0;
};
