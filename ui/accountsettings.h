#pragma once

#include "exchanges/core/keystore.h"
#include "models/decimal.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QVariant>

// What the user chose for one trading account, none of it secret: whether orders are confirmed before
// they are sent, the fat-finger thresholds, and whether ladder trading and hotkeys are on (both off
// until the user turns them on for that account). Kept in QSettings under "trading/<venue>/<account>/
// <environment>/…"; other per-account choices (quantity presets, key bindings) use value()/setValue().
class AccountSettings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountSettings)

public:
    explicit AccountSettings(AccountId account, QObject* parent = nullptr);

    const AccountId& account() const { return m_account; }

    bool confirmOrders() const;
    void setConfirmOrders(bool on);
    bool ladderTrading() const;
    void setLadderTrading(bool on);
    bool hotkeys() const;
    void setHotkeys(bool on);

    // A limit price more than this many percent away from the mid needs an extra confirmation.
    Decimal fatFingerPercent() const;
    void setFatFingerPercent(Decimal percent);
    // An order whose notional (in the quote currency) is above this needs an extra confirmation.
    Decimal maxNotional() const;
    void setMaxNotional(Decimal notional);

    QVariant value(const QString& key, const QVariant& fallback = {}) const;
    void setValue(const QString& key, const QVariant& value);

    static Decimal defaultFatFingerPercent(); // 5
    static Decimal defaultMaxNotional();      // 100000

Q_SIGNALS:
    void changed();

private:
    QString path(const QString& key) const;
    Decimal decimalValue(const QString& key, Decimal fallback) const;

    AccountId m_account;
    mutable QHash<QString, QVariant> m_cache; // key → stored value (invalid: not set)
};
