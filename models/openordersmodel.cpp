#include "openordersmodel.h"

#include <QCoreApplication>

#include <iterator>

QVariant OpenOrdersModel::header(int column) const
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Symbol"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Side"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Type"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Price"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Quantity"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Filled"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Status"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Time in force"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Reduce-only"),
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Created"),
        "", // the action column
        QT_TRANSLATE_NOOP("OpenOrdersModel", "Trigger"),
    };
    static_assert(std::size(names) == ColumnCount);
    if (column < 0 || column >= ColumnCount)
        return {};
    if (column == ActionColumn)
        return QString();
    return QCoreApplication::translate("OpenOrdersModel", names[column]);
}

QVariant OpenOrdersModel::cell(const Order& row, int column) const
{
    switch (column) {
    case SymbolColumn:
        return row.symbol;
    case SideColumn:
        return orderSideText(row.side, row.positionSide);
    case TypeColumn:
        return row.triggerPrice ? QCoreApplication::translate("OpenOrdersModel", "Stop %1")
                                      .arg(orderTypeText(row.type).toLower())
                                : orderTypeText(row.type);
    case PriceColumn:
        if (row.price)
            return row.price->toString();
        return QCoreApplication::translate("OpenOrdersModel", "Market");
    case QuantityColumn:
        return orderQuantityText(row);
    case FilledColumn:
        return row.filledQuantity.toString();
    case StatusColumn:
        return statusText(row.status);
    case TimeInForceColumn:
        return timeInForceText(row.timeInForce);
    case ReduceOnlyColumn:
        return row.reduceOnly ? QCoreApplication::translate("OpenOrdersModel", "Yes") : QString();
    case CreatedColumn:
        return timeText(row.createdMs);
    case TriggerColumn:
        return row.triggerPrice ? QVariant(row.triggerPrice->toString()) : QVariant();
    default:
        return {};
    }
}

std::vector<Order> OpenOrdersModel::fetch(const TradingStore& store) const
{
    return store.openOrders();
}

bool OpenOrdersModel::isNumberColumn(int column) const
{
    return column == PriceColumn || column == QuantityColumn || column == FilledColumn ||
           column == TriggerColumn;
}

std::optional<Decimal> OpenOrdersModel::decimal(const Order& row, int column) const
{
    switch (column) {
    case PriceColumn:
        return row.price;
    case QuantityColumn:
        return row.quantity;
    case FilledColumn:
        return row.filledQuantity;
    case TriggerColumn:
        return row.triggerPrice;
    default:
        return std::nullopt;
    }
}

QVariant OpenOrdersModel::sortValue(const Order& row, int column) const
{
    switch (column) {
    case CreatedColumn:
        return qint64(row.createdMs);
    case ReduceOnlyColumn:
        return row.reduceOnly;
    case StatusColumn:
        return static_cast<int>(row.status);
    default:
        return cell(row, column);
    }
}

int OpenOrdersModel::sign(const Order& row, int column) const
{
    return column == SideColumn ? (row.side == Side::Buy ? 1 : -1) : 0;
}

QVariant OpenOrdersModel::toolTip(const Order& row, int column) const
{
    switch (column) {
    case CreatedColumn:
        return utcTimeText(row.createdMs);
    case PriceColumn:
        if (row.triggerPrice)
            return QCoreApplication::translate("OpenOrdersModel", "Trigger price %1")
                .arg(row.triggerPrice->toString());
        return {};
    case StatusColumn:
        if (row.status == OrderStatus::Untriggered && row.triggerPrice)
            return QCoreApplication::translate("OpenOrdersModel",
                                               "Waiting for the market to reach the trigger price %1")
                .arg(row.triggerPrice->toString());
        if (row.status == OrderStatus::Triggered)
            return QCoreApplication::translate("OpenOrdersModel", "Triggered: sent to the book as a %1 order")
                .arg(orderTypeText(row.type).toLower());
        return QCoreApplication::translate("OpenOrdersModel", "Order %1").arg(row.orderId);
    default:
        return QCoreApplication::translate("OpenOrdersModel", "Order %1").arg(row.orderId);
    }
}

QVariant OpenOrdersModel::roleData(const Order& row, int column, int role) const
{
    Q_UNUSED(column);
    if (role == SymbolRole)
        return row.symbol;
    if (role == CategoryRole)
        return static_cast<int>(row.category);
    return {};
}
