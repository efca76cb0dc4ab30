#include "balancesmodel.h"

#include <QCoreApplication>

namespace {
QVariant opt(const std::optional<Decimal>& d)
{
    return d ? QVariant(d->toString()) : QVariant();
}
} // namespace

QVariant BalancesModel::header(int column) const
{
    static const QStringList names = {QStringLiteral("Coin"), QStringLiteral("Wallet"),
                                      QStringLiteral("Available"), QStringLiteral("Equity")};
    return QCoreApplication::translate("BalancesModel", qPrintable(names.value(column)));
}

QVariant BalancesModel::cell(const Balance& row, int column) const
{
    switch (column) {
    case 0:
        return row.coin;
    case 1:
        return row.walletBalance.toString();
    case 2:
        return opt(row.available);
    case 3:
        return opt(row.equity);
    default:
        return {};
    }
}

std::vector<Balance> BalancesModel::fetch(const TradingStore& store) const
{
    return store.balances();
}
