#include "positionsmodel.h"

#include <QCoreApplication>

namespace {
QVariant opt(const std::optional<Decimal>& d)
{
    return d ? QVariant(d->toString()) : QVariant();
}
} // namespace

QVariant PositionsModel::header(int column) const
{
    static const QStringList names = {QStringLiteral("Symbol"),     QStringLiteral("Side"),
                                      QStringLiteral("Size"),       QStringLiteral("Entry"),
                                      QStringLiteral("Mark"),       QStringLiteral("Unrealised PnL"),
                                      QStringLiteral("Liquidation")};
    return QCoreApplication::translate("PositionsModel", qPrintable(names.value(column)));
}

QVariant PositionsModel::cell(const Position& row, int column) const
{
    switch (column) {
    case 0:
        return row.symbol;
    case 1:
        return row.side ? QVariant(sideName(*row.side)) : QVariant();
    case 2:
        return row.size.toString();
    case 3:
        return opt(row.entryPrice);
    case 4:
        return opt(row.markPrice);
    case 5:
        return opt(row.unrealisedPnl);
    case 6:
        return opt(row.liquidationPrice);
    default:
        return {};
    }
}

std::vector<Position> PositionsModel::fetch(const TradingStore& store) const
{
    return store.positions();
}
