#include "fillsmodel.h"

#include <QCoreApplication>

QVariant FillsModel::header(int column) const
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("FillsModel", "Time"),        QT_TRANSLATE_NOOP("FillsModel", "Symbol"),
        QT_TRANSLATE_NOOP("FillsModel", "Side"),        QT_TRANSLATE_NOOP("FillsModel", "Price"),
        QT_TRANSLATE_NOOP("FillsModel", "Quantity"),    QT_TRANSLATE_NOOP("FillsModel", "Fee"),
        QT_TRANSLATE_NOOP("FillsModel", "Maker/taker"),
    };
    if (column < 0 || column >= columns())
        return {};
    return QCoreApplication::translate("FillsModel", names[column]);
}

QVariant FillsModel::cell(const Fill& row, int column) const
{
    switch (column) {
    case TimeColumn:
        return timeText(row.timeMs);
    case SymbolColumn:
        return row.symbol;
    case SideColumn:
        return sideText(row.side);
    case PriceColumn:
        return row.price.toString();
    case QuantityColumn:
        return row.quantity.toString();
    case FeeColumn:
        return row.feeCurrency.isEmpty() ? row.fee.toString()
                                         : QString(row.fee.toString() + QLatin1Char(' ') + row.feeCurrency);
    case LiquidityColumn:
        return row.isMaker ? QCoreApplication::translate("FillsModel", "Maker")
                           : QCoreApplication::translate("FillsModel", "Taker");
    default:
        return {};
    }
}

std::vector<Fill> FillsModel::fetch(const TradingStore& store) const
{
    return {store.fills().begin(), store.fills().end()};
}

bool FillsModel::isNumberColumn(int column) const
{
    return column == PriceColumn || column == QuantityColumn || column == FeeColumn;
}

std::optional<Decimal> FillsModel::decimal(const Fill& row, int column) const
{
    switch (column) {
    case PriceColumn:
        return row.price;
    case QuantityColumn:
        return row.quantity;
    case FeeColumn:
        return row.fee;
    default:
        return std::nullopt;
    }
}

QVariant FillsModel::sortValue(const Fill& row, int column) const
{
    switch (column) {
    case TimeColumn:
        return qint64(row.timeMs);
    case LiquidityColumn:
        return row.isMaker;
    default:
        return cell(row, column);
    }
}

int FillsModel::sign(const Fill& row, int column) const
{
    return column == SideColumn ? (row.side == Side::Buy ? 1 : -1) : 0;
}

QVariant FillsModel::toolTip(const Fill& row, int column) const
{
    if (column == TimeColumn)
        return utcTimeText(row.timeMs);
    return QCoreApplication::translate("FillsModel", "Execution %1 of order %2")
        .arg(row.executionId, row.orderId);
}

QVariant FillsModel::roleData(const Fill& row, int column, int role) const
{
    Q_UNUSED(column);
    if (role == SymbolRole)
        return row.symbol;
    if (role == CategoryRole)
        return static_cast<int>(row.category);
    return {};
}
