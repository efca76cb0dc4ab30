#include "balancesmodel.h"

#include <QCoreApplication>

#include <iterator>

QVariant BalancesModel::header(int column) const
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("BalancesModel", "Coin"),      QT_TRANSLATE_NOOP("BalancesModel", "Wallet"),
        QT_TRANSLATE_NOOP("BalancesModel", "Available"), QT_TRANSLATE_NOOP("BalancesModel", "Equity"),
        QT_TRANSLATE_NOOP("BalancesModel", "Account"),
    };
    static_assert(std::size(names) == ColumnCount);
    if (column < 0 || column >= ColumnCount)
        return {};
    return QCoreApplication::translate("BalancesModel", names[column]);
}

QVariant BalancesModel::cell(const Balance& row, int column) const
{
    if (column == CoinColumn)
        return row.coin;
    if (column == AccountColumn)
        return row.account;
    const std::optional<Decimal> d = decimal(row, column);
    return d ? QVariant(d->toString()) : QVariant();
}

std::vector<Balance> BalancesModel::fetch(const TradingStore& store) const
{
    return store.balances();
}

std::optional<Decimal> BalancesModel::decimal(const Balance& row, int column) const
{
    switch (column) {
    case WalletColumn:
        return row.walletBalance;
    case AvailableColumn:
        return row.available;
    case EquityColumn:
        return row.equity;
    default:
        return std::nullopt;
    }
}
