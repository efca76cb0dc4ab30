#include "orderhistorymodel.h"

#include <QCoreApplication>
#include <QDateTime>

QVariant OrderHistoryModel::header(int column) const
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Time"),     QT_TRANSLATE_NOOP("OrderHistoryModel", "Symbol"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Side"),     QT_TRANSLATE_NOOP("OrderHistoryModel", "Type"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Price"),    QT_TRANSLATE_NOOP("OrderHistoryModel", "Quantity"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Filled"),   QT_TRANSLATE_NOOP("OrderHistoryModel", "Status"),
        QT_TRANSLATE_NOOP("OrderHistoryModel", "Reason"),
    };
    if (column < 0 || column >= columns())
        return {};
    return QCoreApplication::translate("OrderHistoryModel", names[column]);
}

QVariant OrderHistoryModel::cell(const Order& row, int column) const
{
    switch (column) {
    case 0:
        return QDateTime::fromMSecsSinceEpoch(row.updatedMs, Qt::UTC).toString(Qt::ISODateWithMs);
    case 1:
        return row.symbol;
    case 2:
        return sideName(row.side);
    case 3:
        return orderTypeName(row.type);
    case 4:
        return row.price ? QVariant(row.price->toString())
                         : (row.averageFillPrice ? QVariant(row.averageFillPrice->toString()) : QVariant());
    case 5:
        return row.quantity.toString();
    case 6:
        return row.filledQuantity.toString();
    case 7:
        return orderStatusName(row.status);
    case 8:
        return row.reason; // the venue's text, verbatim
    default:
        return {};
    }
}
