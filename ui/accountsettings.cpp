#include "accountsettings.h"

#include <QSettings>

namespace {

const QString kConfirm = QStringLiteral("confirmOrders");
const QString kLadder = QStringLiteral("ladderTrading");
const QString kHotkeys = QStringLiteral("hotkeys");
const QString kFatFinger = QStringLiteral("fatFingerPercent");
const QString kMaxNotional = QStringLiteral("maxNotional");

} // namespace

AccountSettings::AccountSettings(AccountId account, QObject* parent)
    : QObject(parent)
    , m_account(std::move(account))
{}

QString AccountSettings::path(const QString& key) const
{
    return QStringLiteral("trading/") + m_account.keychainKey() + QLatin1Char('/') + key;
}

QVariant AccountSettings::value(const QString& key, const QVariant& fallback) const
{
    // Read once: the order path consults these on every click, and opening QSettings costs more than
    // the rest of the click. Every write goes through setValue() (one object per account), which
    // keeps the copy current.
    auto it = m_cache.constFind(key);
    if (it == m_cache.cend())
        it = m_cache.insert(key, QSettings().value(path(key)));
    return it->isValid() ? *it : fallback;
}

void AccountSettings::setValue(const QString& key, const QVariant& value)
{
    QSettings settings;
    m_cache.insert(key, value);
    if (settings.value(path(key)) == value)
        return;
    settings.setValue(path(key), value);
    Q_EMIT changed();
}

Decimal AccountSettings::decimalValue(const QString& key, Decimal fallback) const
{
    // Written as text so no threshold passes through binary floating point.
    const auto parsed = Decimal::parse(value(key).toString().trimmed());
    return parsed && !parsed->isNegative() && !parsed->isZero() ? *parsed : fallback;
}

bool AccountSettings::confirmOrders() const
{
    return value(kConfirm, true).toBool();
}

void AccountSettings::setConfirmOrders(bool on)
{
    setValue(kConfirm, on);
}

bool AccountSettings::ladderTrading() const
{
    return value(kLadder, false).toBool();
}

void AccountSettings::setLadderTrading(bool on)
{
    setValue(kLadder, on);
}

bool AccountSettings::hotkeys() const
{
    return value(kHotkeys, false).toBool();
}

void AccountSettings::setHotkeys(bool on)
{
    setValue(kHotkeys, on);
}

Decimal AccountSettings::defaultFatFingerPercent()
{
    return Decimal::fromMantissa(5, 0);
}

Decimal AccountSettings::defaultMaxNotional()
{
    return Decimal::fromMantissa(100000, 0);
}

Decimal AccountSettings::fatFingerPercent() const
{
    return decimalValue(kFatFinger, defaultFatFingerPercent());
}

void AccountSettings::setFatFingerPercent(Decimal percent)
{
    setValue(kFatFinger, percent.toString());
}

Decimal AccountSettings::maxNotional() const
{
    return decimalValue(kMaxNotional, defaultMaxNotional());
}

void AccountSettings::setMaxNotional(Decimal notional)
{
    setValue(kMaxNotional, notional.toString());
}
