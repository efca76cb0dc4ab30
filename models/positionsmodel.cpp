#include "positionsmodel.h"

#include <QCoreApplication>
#include <QStringList>

#include <iterator>

QVariant PositionsModel::header(int column) const
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("PositionsModel", "Symbol"),
        QT_TRANSLATE_NOOP("PositionsModel", "Side"),
        QT_TRANSLATE_NOOP("PositionsModel", "Size"),
        QT_TRANSLATE_NOOP("PositionsModel", "Entry"),
        QT_TRANSLATE_NOOP("PositionsModel", "Mark"),
        QT_TRANSLATE_NOOP("PositionsModel", "Unrealised PnL"),
        QT_TRANSLATE_NOOP("PositionsModel", "Liquidation"),
        QT_TRANSLATE_NOOP("PositionsModel", "Realised PnL"),
        "", // the action column
        QT_TRANSLATE_NOOP("PositionsModel", "Take profit"),
        QT_TRANSLATE_NOOP("PositionsModel", "Stop loss"),
        QT_TRANSLATE_NOOP("PositionsModel", "Lots"),
    };
    static_assert(std::size(names) == ColumnCount);
    if (column < 0 || column >= ColumnCount)
        return {};
    if (column == ActionColumn)
        return QString();
    return QCoreApplication::translate("PositionsModel", names[column]);
}

QVariant PositionsModel::cell(const Position& row, int column) const
{
    if (column == SideColumn) {
        // A hedged account's legs read as the legs they are, not as order sides.
        if (row.positionSide == PositionSide::Long)
            return QCoreApplication::translate("PositionsModel", "Long");
        if (row.positionSide == PositionSide::Short)
            return QCoreApplication::translate("PositionsModel", "Short");
        return row.side ? QVariant(sideText(*row.side)) : QVariant();
    }
    if (column == SymbolColumn)
        return row.symbol;
    if (column == LotsColumn)
        return row.lots.empty() ? QVariant() : QVariant(QString::number(row.lots.size()));
    const std::optional<Decimal> d = decimal(row, column);
    return d ? QVariant(d->toString()) : QVariant();
}

std::vector<Position> PositionsModel::fetch(const TradingStore& store) const
{
    return store.positions();
}

bool PositionsModel::isNumberColumn(int column) const
{
    return (column >= SizeColumn && column <= RealisedPnlColumn) || column == TakeProfitColumn ||
           column == StopLossColumn;
}

TradingTableModel::NumberKind PositionsModel::numberKind(int column) const
{
    switch (column) {
    case SizeColumn:
        return NumberKind::Quantity;
    case EntryColumn:
    case MarkColumn:
    case LiquidationColumn:
    case TakeProfitColumn:
    case StopLossColumn:
        return NumberKind::Price;
    default:
        return NumberKind::Amount;
    }
}

std::optional<Decimal> PositionsModel::decimal(const Position& row, int column) const
{
    switch (column) {
    case SizeColumn:
        return row.size;
    case EntryColumn:
        return row.entryPrice;
    case MarkColumn:
        return row.markPrice;
    case UnrealisedPnlColumn:
        return row.unrealisedPnl;
    case LiquidationColumn:
        return row.liquidationPrice;
    case RealisedPnlColumn:
        return row.realisedPnl;
    case TakeProfitColumn:
        return row.takeProfit;
    case StopLossColumn:
        return row.stopLoss;
    default:
        return std::nullopt;
    }
}

int PositionsModel::sign(const Position& row, int column) const
{
    switch (column) {
    case SideColumn:
        return row.side ? (*row.side == Side::Buy ? 1 : -1) : 0;
    case UnrealisedPnlColumn:
        return signOf(row.unrealisedPnl);
    case RealisedPnlColumn:
        return signOf(row.realisedPnl);
    default:
        return 0;
    }
}

QVariant PositionsModel::roleData(const Position& row, int column, int role) const
{
    Q_UNUSED(column);
    if (role == SymbolRole)
        return row.symbol;
    if (role == CategoryRole)
        return static_cast<int>(row.category);
    return {};
}

QVariant PositionsModel::sortValue(const Position& row, int column) const
{
    if (column == LotsColumn)
        return static_cast<qlonglong>(row.lots.size());
    return cell(row, column);
}

QVariant PositionsModel::toolTip(const Position& row, int column) const
{
    if (column != LotsColumn || row.lots.empty())
        return {};
    // One line a lot, oldest first: "#1234567  0.02 @ 15000000".
    const int count = static_cast<int>(row.lots.size());
    QStringList lines;
    lines.append(QCoreApplication::translate("PositionsModel", "%n lot(s), oldest first:", nullptr, count));
    for (const PositionLot& lot : row.lots) {
        lines.append(
            lot.entryPrice
                ? QStringLiteral("#%1  %2 @ %3").arg(lot.id, lot.size.toString(), lot.entryPrice->toString())
                : QStringLiteral("#%1  %2").arg(lot.id, lot.size.toString()));
    }
    return lines.join(QLatin1Char('\n'));
}
