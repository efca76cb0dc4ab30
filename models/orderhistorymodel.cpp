#include "orderhistorymodel.h"

#include <QCoreApplication>

#include <iterator>

QVariant OrderHistoryModel::header(int column) const
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Time"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Symbol"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Side"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Type"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Price"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Quantity"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Filled"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Status"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Reason"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Average price"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Trigger"),
    };
    static_assert(std::size(names) == ColumnCount);
    if (column < 0 || column >= columns())
        return {};
    return QCoreApplication::translate("OrderHistoryModel", names[column]);
}

QVariant OrderHistoryModel::cell(const Order& row, int column) const
{
    switch (column) {
    case TimeColumn:
        return timeText(row.updatedMs);
    case SymbolColumn:
        return row.symbol;
    case SideColumn:
        return orderSideText(row.side, row.positionSide);
    case TypeColumn:
        return row.triggerPrice ? QCoreApplication::translate("OrderHistoryModel", "Stop %1")
                                      .arg(orderTypeText(row.type).toLower())
                                : orderTypeText(row.type);
    case PriceColumn:
        if (const std::optional<Decimal> price = decimal(row, PriceColumn))
            return price->toString();
        return {};
    case QuantityColumn:
        return orderQuantityText(row);
    case FilledColumn:
        return row.filledQuantity.toString();
    case StatusColumn:
        return statusText(row.status);
    case ReasonColumn:
        return row.reason; // the venue's text, verbatim
    case AveragePriceColumn:
        return row.averageFillPrice ? QVariant(row.averageFillPrice->toString()) : QVariant();
    case TriggerColumn:
        return row.triggerPrice ? QVariant(row.triggerPrice->toString()) : QVariant();
    default:
        return {};
    }
}

bool OrderHistoryModel::isNumberColumn(int column) const
{
    return column == PriceColumn || column == QuantityColumn || column == FilledColumn ||
           column == AveragePriceColumn || column == TriggerColumn;
}

std::optional<Decimal> OrderHistoryModel::decimal(const Order& row, int column) const
{
    switch (column) {
    case PriceColumn:
        return row.price ? row.price : row.averageFillPrice;
    case QuantityColumn:
        return row.quantity;
    case FilledColumn:
        return row.filledQuantity;
    case AveragePriceColumn:
        return row.averageFillPrice;
    case TriggerColumn:
        return row.triggerPrice;
    default:
        return std::nullopt;
    }
}

QVariant OrderHistoryModel::sortValue(const Order& row, int column) const
{
    switch (column) {
    case TimeColumn:
        return qint64(row.updatedMs);
    case StatusColumn:
        return static_cast<int>(row.status);
    default:
        return cell(row, column);
    }
}

int OrderHistoryModel::sign(const Order& row, int column) const
{
    return column == SideColumn ? (row.side == Side::Buy ? 1 : -1) : 0;
}

QVariant OrderHistoryModel::toolTip(const Order& row, int column) const
{
    if (column == TimeColumn)
        return utcTimeText(row.updatedMs);
    if (column == ReasonColumn)
        return {};
    return QCoreApplication::translate("OrderHistoryModel", "Order %1").arg(row.orderId);
}

QVariant OrderHistoryModel::roleData(const Order& row, int column, int role) const
{
    Q_UNUSED(column);
    if (role == SymbolRole)
        return row.symbol;
    if (role == CategoryRole)
        return static_cast<int>(row.category);
    return {};
}
