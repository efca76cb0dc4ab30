#pragma once

#include "loopbackwsserver.h"
#include "models/decimal.h"
#include "models/instrument.h"
#include "venueverifier.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

// A loopback bitFlyer Lightning on 127.0.0.1 for end-to-end tests. REST goes through VenueVerifier
// (ACCESS-KEY/-TIMESTAMP/-SIGN over timestamp + method + path?query + body) and is then answered here
// with simple state for BTC_JPY (spot: JPY and BTC balances) and FX_BTC_JPY (one net position): limit
// orders rest, market orders fill at the venue's price, cancels answer HTTP 200 with no body and the
// outcome comes as an event; an order beyond the funds is refused with bitFlyer's status and message.
// Child orders are known by child_order_acceptance_id. The private JSON-RPC stream checks the `auth`
// call (api_key, timestamp within a minute, 16+ character nonce, hex HMAC of timestamp + nonce) and
// pushes child_order_events. Special orders (sendparentorder, SIMPLE with a STOP or STOP_LIMIT parameter)
// wait until the price set by the test reaches their trigger (or triggerParentOrder()), then place their
// child order, which fills as any; cancelparentorder, getparentorders and getparentorder answer from the
// same state, and parent_order_events carries ORDER, TRIGGER, COMPLETE and CANCEL. The public one answers a
// lightning_board_snapshot_ subscription with a snapshot and carries the diffs a test sends.
class BitflyerVenue final : public QObject
{
    Q_OBJECT
public:
    BitflyerVenue(const QString& key, const QByteArray& secret);

    static constexpr const char* Spot = "BTC_JPY";
    static constexpr const char* Fx = "FX_BTC_JPY";
    static Instrument instrument(const char* product);

    QUrl restUrl() const { return m_verifier.baseUrl(); }
    QUrl privateStreamUrl() const { return m_private.url(QStringLiteral("/json-rpc")); }
    QUrl publicStreamUrl() const { return m_public.url(QStringLiteral("/json-rpc")); }
    VenueVerifier& verifier() { return m_verifier; }
    LoopbackWsServer& privateServer() { return m_private; }
    LoopbackWsServer& publicServer() { return m_public; }

    // Where market orders fill; a stop whose trigger the new price reaches is triggered.
    void setPrice(Decimal price);
    // Triggers a waiting special order whatever the price.
    void triggerParentOrder(const QString& acceptanceId);
    // Places a special order as if from elsewhere (the web UI, or before the app started): a SIMPLE one
    // of this parameter (product_code, condition_type STOP or STOP_LIMIT, side, price, trigger_price,
    // size), with its ORDER event. Its parent_order_acceptance_id, or empty if refused.
    QString placeParentOrder(const QJsonObject& parameter);
    // Cancels a special order as if from elsewhere (the web UI), with its CANCEL event.
    void cancelParentOrder(const QString& acceptanceId) { cancelParent(acceptanceId); }
    // The child order a triggered special order placed (empty before).
    QString childOf(const QString& parentAcceptanceId) const;
    // The order state bitFlyer lists for a special order ("ACTIVE", "CANCELED", …).
    QString parentState(const QString& acceptanceId) const;
    // Fills a resting order at its price as the market would (while the stream may be down).
    void fillRestingOrder(const QString& acceptanceId);

    int logins() const { return m_logins; }
    int refusedLogins() const { return m_refusedLogins; }

    void setSendBoardSnapshots(bool send) { m_sendSnapshots = send; }
    void pushBoardSnapshot();
    void pushBoardDiff(const QByteArray& bidsJson, const QByteArray& asksJson,
                       const QByteArray& midPrice = "5000000");
    int snapshotSubscriptions() const { return m_snapshotSubscriptions; }

    // Called by VenueVerifier (through the server's "bitflyerVenue" property) for a verified request.
    Q_INVOKABLE QByteArray answer(const QByteArray& method, const QByteArray& target, const QByteArray& body);

private:
    void onPrivateMessage(const QByteArray& message);
    void onPublicMessage(const QByteArray& message);
    QByteArray sendChildOrder(const QJsonObject& body, bool fillMarketNow = true);
    QByteArray sendParentOrder(const QJsonObject& body);
    void cancelParent(const QString& acceptanceId);
    QJsonObject parentEvent(const QJsonObject& parent, const char* type) const;
    void pushParentEvent(const QJsonObject& event);
    void cancel(QJsonObject& order);
    void fill(const QString& acceptanceId, Decimal price);
    void pushEvent(QJsonObject event);
    QJsonObject base(const QJsonObject& order, const char* type) const;
    QString now() const;

    VenueVerifier m_verifier;
    LoopbackWsServer m_private;
    LoopbackWsServer m_public;
    QString m_key;
    QByteArray m_secret;

    bool m_authed = false;
    bool m_subscribed = false;
    int m_logins = 0;
    int m_refusedLogins = 0;

    Decimal m_price = *Decimal::parse("5000000");
    Decimal m_jpy = *Decimal::parse("1000000");
    Decimal m_btc = *Decimal::parse("1");
    Decimal m_position; // FX_BTC_JPY, signed
    Decimal m_entry;
    QHash<QString, QJsonObject> m_orders; // by acceptance id, every state
    struct Parent
    {
        QJsonObject entry;     // as getparentorders lists it
        QJsonObject parameter; // as sent
        QString timeInForce;
        QString child; // the child order's acceptance id once triggered
    };
    QHash<QString, Parent> m_parents; // by parent_order_acceptance_id
    QList<QString> m_parentSequence;
    QHash<QString, QString> m_parentOfChild;
    bool m_parentSubscribed = false;
    QList<QString> m_sequence;
    QList<QJsonObject> m_executions; // with product_code, for filtering
    int m_nextId = 0;

    bool m_sendSnapshots = true;
    int m_snapshotSubscriptions = 0;
};
